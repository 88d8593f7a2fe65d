//! The questionnaire: answer scales, sections and questions with their loadings.

use crate::builtin;
use crate::error::{CountingFault, IdKind, LadderProblem, ScaleProblem};
use crate::matrix::RawMatrix;
use crate::{AxisName, Error, Invalid, Location, Matrix, Source, Text};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// The largest weight a question may have. Far beyond any sensible weighting, and small
/// enough that no sum of weights × loadings overflows to infinity.
pub const MAX_WEIGHT: f64 = 1e6;

/// The largest size of a loading on an axis.
pub const MAX_LOADING: f64 = 1e3;

/// A questionnaire: the matrix it places on, its answer scales and its questions.
///
/// Deserializing (from JSON, say) reads what serializing writes and goes through the
/// checks of [`Instrument::parse`]: a scale of one point, which would place every answer
/// at x = NaN, is refused there too.
///
/// ```
/// use koers::{Instrument, builtin};
/// let sev = builtin::instrument("sev").unwrap();
/// let json = serde_json::to_string(sev).unwrap();
/// assert_eq!(&serde_json::from_str::<Instrument>(&json).unwrap(), sev);
/// let one_point = json.replacen("\"max\":5", "\"max\":1", 1);
/// assert!(serde_json::from_str::<Instrument>(&one_point).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", try_from = "toml::Table")]
pub struct Instrument {
    /// A short id, e.g. `sev`.
    pub id: String,
    /// The version, e.g. `1.0`; shown in the picture's caption.
    pub version: String,
    /// The questionnaire's name.
    pub title: Text,
    /// A short explanation for respondents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The matrix the scores are placed on.
    pub matrix: Matrix,
    /// The answer scales by name.
    pub scales: BTreeMap<String, Scale>,
    /// The sections, in questionnaire order.
    pub sections: Vec<Section>,
    /// The axis that is a ladder of rungs, if the instrument declares one (`[ladder]`):
    /// scoring method 3 places that axis by the ladder rule. Without one, every axis is
    /// the sections' mass-weighted mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder: Option<LadderRule>,
}

/// Why a matrix resolver (see [`Instrument::parse_with`]) gives no matrix for a reference
/// it knows.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Unresolved<E> {
    /// The reference names a matrix, but that matrix is invalid: its problems are
    /// reported together with the instrument's.
    Invalid(Invalid),
    /// The resolver failed for a reason of its own, such as a file it cannot read.
    Failed(E),
}

/// The threshold θ of a ladder when the instrument gives none: a rung counts as clearly
/// practised from an extent of one half.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// An axis declared a ladder (`[ladder]` in an instrument): its rung sections above the
/// baseline rung, lowest first, and the threshold θ from which a rung is clearly
/// practised. Checked when the instrument is parsed: every rung is a section that loads on
/// this axis and on no other, each named once, and 0 < θ < 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LadderRule {
    /// The axis placed by the ladder rule.
    pub axis: AxisName,
    /// The ids of the rung sections, lowest first (the baseline rung below them has no
    /// section).
    pub rungs: Vec<String>,
    /// θ: the extent from which a rung counts as clearly practised, strictly between 0
    /// and 1.
    pub threshold: f64,
    /// How a register's count of wijken becomes a point on the extent scale of the rung
    /// questions (`counting` in `[ladder]`); empty: the built-in rule of the `wijken`
    /// scale ([`CountStep::WIJKEN`]) for a question on that scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counting: Vec<CountStep>,
}

/// One step of a counting rule: the answer a register gives for a practice is the
/// highest `point` whose conditions all hold for the wijken where the practice ran
/// (c of N, share s = c / N), and the scale minimum when none holds.
///
/// ```
/// use koers::CountStep;
/// // Built in for the `wijken` scale: in 2 of 10 wijken (s = 20 %) is point 3, in 1 of
/// // 10 point 2, in 5 of 10 point 4, in 6 of 10 point 5, in 9 of 10 point 6.
/// let answer = |c, n| CountStep::answer(CountStep::WIJKEN, 1, c, n);
/// assert_eq!([answer(0, 10), answer(1, 10), answer(2, 10), answer(5, 10), answer(6, 10), answer(9, 10)], [1, 2, 3, 4, 5, 6]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CountStep {
    /// The point on the extent scale.
    pub point: i64,
    /// At least this many wijken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wijken: Option<u64>,
    /// At least this share of the wijken, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// More than this share of the wijken, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
}

impl CountStep {
    /// The counting rule of the built-in `wijken` scale (1–6): none → 1; one wijk and
    /// less than 25 % → 2; two or more and less than 25 % → 3; 25 % to 50 % → 4; more
    /// than 50 % and less than 90 % → 5; 90 % or more → 6.
    pub const WIJKEN: &'static [CountStep] = &[
        CountStep::at_least(2, Some(1), None, None),
        CountStep::at_least(3, Some(2), None, None),
        CountStep::at_least(4, None, Some(0.25), None),
        CountStep::at_least(5, None, None, Some(0.5)),
        CountStep::at_least(6, None, Some(0.9), None),
    ];

    const fn at_least(
        point: i64,
        wijken: Option<u64>,
        share: Option<f64>,
        above: Option<f64>,
    ) -> CountStep {
        CountStep {
            point,
            wijken,
            share,
            above,
        }
    }

    /// Whether the step's conditions hold for a practice that ran in `count` of `of`
    /// wijken.
    pub fn holds(&self, count: usize, of: usize) -> bool {
        let share = if of == 0 {
            0.0
        } else {
            count as f64 / of as f64
        };
        // A share compared with a written bound allows for a rounding step.
        const SLACK: f64 = 1e-9;
        self.wijken.is_none_or(|w| count as u64 >= w)
            && self.share.is_none_or(|s| share >= s - SLACK)
            && self.above.is_none_or(|a| share > a + SLACK)
    }

    /// The answer of a practice that ran in `count` of `of` wijken: the highest point of
    /// `steps` whose conditions hold, or `min` (the scale's minimum) when none does.
    pub fn answer(steps: &[CountStep], min: i64, count: usize, of: usize) -> i64 {
        steps
            .iter()
            .filter(|step| step.holds(count, of))
            .map(|step| step.point)
            .fold(min, i64::max)
    }
}

/// An answer scale of whole numbers from `min` to `max`, with a label per point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Scale {
    /// The lowest point; normalizes to 0.
    pub min: i64,
    /// The highest point; normalizes to 1.
    pub max: i64,
    /// Whether "unknown" (weet niet / n.v.t.) is accepted.
    #[serde(default = "yes")]
    pub unknown: bool,
    /// One label per point, from `min` to `max`.
    pub labels: Vec<Text>,
}

fn yes() -> bool {
    true
}

impl Scale {
    /// The answer normalized to `[0, 1]`: `min` gives 0, `max` gives 1. `None` for a
    /// point off the scale, and for every point of a scale without two points (`min`
    /// not below `max`, which a parsed instrument never has): no answer is ever placed
    /// beyond an end of its axis.
    ///
    /// ```
    /// use koers::{Scale, builtin};
    /// let sev = builtin::instrument("sev").unwrap();
    /// let scale: &Scale = sev.scales.values().next().unwrap();
    /// assert_eq!(scale.normalize(scale.min), Some(0.0));
    /// assert_eq!(scale.normalize(scale.max), Some(1.0));
    /// assert_eq!(scale.normalize(scale.max + 1), None);
    /// assert_eq!(scale.normalize(i64::MIN), None);
    /// ```
    pub fn normalize(&self, point: i64) -> Option<f64> {
        if self.min >= self.max || !self.contains(point) {
            return None;
        }
        // In i128: `max - min` overflows i64 for a scale such as i64::MIN..=i64::MAX.
        let (min, max) = (i128::from(self.min), i128::from(self.max));
        Some((i128::from(point) - min) as f64 / (max - min) as f64)
    }

    /// Whether `point` lies on the scale.
    pub fn contains(&self, point: i64) -> bool {
        (self.min..=self.max).contains(&point)
    }

    /// The label of a point, if it lies on the scale.
    pub fn label(&self, point: i64) -> Option<&Text> {
        usize::try_from(point.checked_sub(self.min)?)
            .ok()
            .and_then(|i| self.labels.get(i))
    }
}

/// A section of the questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Section {
    /// A short id, e.g. `wijkregie`.
    pub id: String,
    /// The section's heading.
    pub title: Text,
    /// Whether a section score (the weighted mean of its normalized answers) is reported.
    pub scored: bool,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Question {
    /// A short id, the key in an assessment's `[answers]`.
    pub id: String,
    /// The question as put to the respondent.
    pub text: Text,
    /// The name of its scale in [`Instrument::scales`].
    pub scale: String,
    /// The weight, a finite number greater than 0 (default 1).
    pub weight: f64,
    /// How the answer pushes each axis.
    pub loading: Loading,
}

/// A question's loading on each axis. 0 says nothing about the axis; a negative loading
/// means a high answer pushes towards the low end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Loading {
    /// The loading on the x axis.
    #[serde(default)]
    pub x: f64,
    /// The loading on the y axis.
    #[serde(default)]
    pub y: f64,
}

impl TryFrom<toml::Table> for Instrument {
    type Error = Invalid;
    /// The fields as an instrument file writes them (its matrix inline), read by
    /// [`Instrument::parse`]: one set of checks for a file and for any other serde format.
    fn try_from(table: toml::Table) -> Result<Instrument, Invalid> {
        crate::toml_doc::parse_table(table, "(instrument)", Instrument::parse)
    }
}

impl Instrument {
    /// Parses and checks an instrument whose matrix is built in or written inline.
    pub fn parse(source: &Source<'_>) -> Result<Instrument, Invalid> {
        let unresolved = |_: &str| Ok::<_, Unresolved<std::convert::Infallible>>(None);
        match Instrument::parse_with(source, unresolved) {
            Ok(checked) => checked,
            Err(never) => match never {},
        }
    }

    /// Parses and checks an instrument. `resolve_matrix` is asked for a matrix reference
    /// that is not a built-in id (usually a path, which the caller reads): `Ok(None)`
    /// means there is no such matrix (an [`Error::UnknownMatrix`]), an
    /// [`Unresolved::Invalid`] matrix has its problems reported with the instrument's, and
    /// [`Unresolved::Failed`] stops the reading with the resolver's own error, such as a
    /// file it cannot read: that is the outer `Err`, never taken for "unknown matrix".
    /// Every TOML syntax error of the file is reported at once, each at its place.
    ///
    /// ```
    /// use koers::{Instrument, Source, Unresolved, builtin};
    /// let text = builtin::SEV_INSTRUMENT_TOML.replacen("matrix = \"sev\"", "matrix = \"m.toml\"", 1);
    /// let source = Source::new("i.toml", &text);
    /// let denied = Instrument::parse_with(&source, |path| {
    ///     Err(Unresolved::Failed(format!("{path}: permission denied")))
    /// });
    /// assert_eq!(denied.unwrap_err(), "m.toml: permission denied");
    /// let found = Instrument::parse_with(&source, |_| {
    ///     Ok::<_, Unresolved<String>>(builtin::matrix("sev").cloned())
    /// });
    /// assert_eq!(found.unwrap().unwrap().matrix.id, "sev");
    /// ```
    pub fn parse_with<E>(
        source: &Source<'_>,
        resolve_matrix: impl FnOnce(&str) -> Result<Option<Matrix>, Unresolved<E>>,
    ) -> Result<Result<Instrument, Invalid>, E> {
        // Parsed with recovery: every syntax error of the file comes at once, at its place,
        // as for an assessment (the checks of the shape wait until there is none).
        crate::toml_doc::Tree::parse_recovering(source).into_instrument_with(resolve_matrix)
    }

    /// Checks an instrument read from `source`; shared with [`crate::Document`].
    pub(crate) fn from_raw<E>(
        source: &Source<'_>,
        raw: RawInstrument,
        resolve_matrix: impl FnOnce(&str) -> Result<Option<Matrix>, Unresolved<E>>,
    ) -> Result<Result<Instrument, Invalid>, E> {
        let matrix_location = source.locate_span(raw.matrix.span());
        let matrix = match raw.matrix.into_inner() {
            MatrixRef::Inline(raw_matrix) => raw_matrix.check(source),
            MatrixRef::Named(name) => match builtin::matrix(&name) {
                Some(matrix) => Ok(matrix.clone()),
                None => match resolve_matrix(&name) {
                    Ok(Some(matrix)) => Ok(matrix),
                    Ok(None) => Err(Invalid::one(Error::UnknownMatrix {
                        location: matrix_location,
                        id: name,
                        known: builtin::MATRIX_IDS.iter().map(|s| s.to_string()).collect(),
                    })),
                    Err(Unresolved::Invalid(invalid)) => Err(invalid),
                    Err(Unresolved::Failed(error)) => return Err(error),
                },
            },
        };
        let (sections, mut errors) = check_sections(source, &raw.scales, raw.sections);
        errors.extend(check_scales(source, &raw.scales));
        let ladder = raw
            .ladder
            .and_then(|ladder| check_ladder(source, &sections, &raw.scales, ladder, &mut errors));
        for (axis, loads) in [
            (
                AxisName::X,
                sections
                    .iter()
                    .flat_map(|s| &s.questions)
                    .any(|q| q.loading.x != 0.0),
            ),
            (
                AxisName::Y,
                sections
                    .iter()
                    .flat_map(|s| &s.questions)
                    .any(|q| q.loading.y != 0.0),
            ),
        ] {
            if !loads {
                errors.push(Error::AxisWithoutQuestions {
                    location: source.whole(),
                    axis,
                });
            }
        }
        Ok(match matrix {
            Ok(matrix) if errors.is_empty() => Ok(Instrument {
                id: raw.id,
                version: raw.version,
                title: raw.title,
                description: raw.description,
                matrix,
                scales: raw
                    .scales
                    .into_iter()
                    .map(|(name, scale)| (name, scale.into_inner()))
                    .collect(),
                sections,
                ladder,
            }),
            Ok(_) => Err(Invalid::new(errors)),
            Err(invalid) => {
                errors.extend(invalid.errors);
                Err(Invalid::new(errors))
            }
        })
    }

    /// All questions, in questionnaire order, with the section each stands in.
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().map(move |q| (s, q)))
    }

    /// A question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().map(|(_, q)| q).find(|q| q.id == id)
    }

    /// The scale of a question. Checked at parse time, so it exists for a parsed instrument.
    pub fn scale_of(&self, question: &Question) -> Option<&Scale> {
        self.scales.get(&question.scale)
    }
}

/// A questionnaire: the matrix it places on, its answer scales and its questions (a koers
/// instrument file). The file shape; the JSON Schema (feature `schema`) describes it too.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "koers instrument"))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct RawInstrument {
    /// A short id, e.g. `sev`.
    id: String,
    /// The version, e.g. `2.0`; shown in the picture's caption.
    version: String,
    /// The questionnaire's name.
    title: Text,
    /// A short explanation for respondents.
    #[serde(default)]
    description: Option<Text>,
    /// The matrix the scores are placed on: a built-in id (`sev`), the path of a matrix
    /// file relative to this file, or a `[matrix]` table.
    #[cfg_attr(feature = "schema", schemars(with = "MatrixRef"))]
    matrix: Spanned<MatrixRef>,
    /// The answer scales by name.
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, Scale>"))]
    scales: BTreeMap<String, Spanned<Scale>>,
    /// The sections, in questionnaire order.
    sections: Vec<RawSection>,
    /// An axis that is a ladder of rungs (scoring method 3): its rung sections, lowest
    /// first, and the threshold from which a rung is clearly practised.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RawLadder>"))]
    ladder: Option<Spanned<RawLadder>>,
}

/// An axis that is a ladder: the band is the highest rung clearly practised with every
/// rung below it, the place inside the band the progress towards the next rung.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Ladder"))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawLadder {
    /// The axis the ladder places: `x` or `y`.
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("enum" = ["x", "y"])))]
    axis: Spanned<String>,
    /// The ids of the rung sections above the baseline rung, lowest first. Each section's
    /// questions load on the ladder's axis and on no other.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>", length(min = 1)))]
    rungs: Spanned<Vec<Spanned<String>>>,
    /// The extent (0–1) from which a rung counts as clearly practised, strictly between 0
    /// and 1; 0.5 when absent.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", extend("exclusiveMinimum" = 0, "exclusiveMaximum" = 1))
    )]
    threshold: Option<Spanned<f64>>,
    /// How a register's count of wijken becomes a point on the rung questions' extent
    /// scale: steps of `point` with conditions `wijken` (at least so many), `share` (at
    /// least this share, 0–1) and `above` (more than this share); the answer is the
    /// highest point whose conditions hold, else the scale minimum. Absent: the built-in
    /// rule of the `wijken` scale.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<CountStep>>"))]
    counting: Option<Vec<Spanned<CountStep>>>,
}

/// A section of the questionnaire.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Section"))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawSection {
    /// A short id, e.g. `wijkregie`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    id: Spanned<String>,
    /// The section's heading.
    title: Text,
    /// Whether a section score (the weighted mean of its normalized answers) is reported.
    #[serde(default = "yes")]
    scored: bool,
    /// The questions, in order.
    questions: Vec<RawQuestion>,
}

/// One question.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Question"))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawQuestion {
    /// A short id, the key in an assessment's `[answers]`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    id: Spanned<String>,
    /// The question as put to the respondent.
    text: Text,
    /// The name of its scale in `[scales]`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    scale: Spanned<String>,
    /// The weight, a number greater than 0 (default 1).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", extend("exclusiveMinimum" = 0, "maximum" = 1_000_000))
    )]
    weight: Option<Spanned<f64>>,
    /// How the answer pushes each axis (absent: on neither).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Loading>"))]
    loading: Option<Spanned<Loading>>,
}

/// `matrix = "sev"` (a built-in id or a path) or an inline `[matrix]` table.
pub(crate) enum MatrixRef {
    Named(String),
    Inline(Box<RawMatrix>),
}

impl<'de> Deserialize<'de> for MatrixRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RefVisitor;
        impl<'de> Visitor<'de> for RefVisitor {
            type Value = MatrixRef;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a built-in matrix id such as \"sev\", a path, or a [matrix] table")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<MatrixRef, E> {
                Ok(MatrixRef::Named(value.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<MatrixRef, M::Error> {
                RawMatrix::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|m| MatrixRef::Inline(Box::new(m)))
            }
        }
        deserializer.deserialize_any(RefVisitor)
    }
}

/// The axis a ladder's unknown axis word means: the one it names when case and spaces are
/// ignored (`Y`), or the only one a single edit away (`yy`, `x1`); none when both are as
/// near (`z`) or neither is.
fn meant_axis(word: &str) -> Option<AxisName> {
    if let Ok(axis) = word.parse() {
        return Some(axis);
    }
    let word = word.trim().to_lowercase();
    let near: Vec<AxisName> = [AxisName::X, AxisName::Y]
        .into_iter()
        .filter(|axis| strsim::levenshtein(&word, &axis.to_string()) <= 1)
        .collect();
    match near.as_slice() {
        [axis] => Some(*axis),
        _ => None,
    }
}

/// Checks a `[ladder]` against the sections: the axis exists, every rung is a section
/// named once that loads on the axis and on no other, and 0 < θ < 1. `None` (with the
/// errors pushed) when anything is wrong.
fn check_ladder(
    source: &Source<'_>,
    sections: &[Section],
    scales: &BTreeMap<String, Spanned<Scale>>,
    raw: Spanned<RawLadder>,
    errors: &mut Vec<Error>,
) -> Option<LadderRule> {
    let at = source.locate_span(raw.span());
    let raw = raw.into_inner();
    let mut problems: Vec<(Location, LadderProblem)> = Vec::new();
    let axis = match raw.axis.get_ref().as_str() {
        "x" => Some(AxisName::X),
        "y" => Some(AxisName::Y),
        other => {
            problems.push((
                source.locate_span(raw.axis.span()),
                LadderProblem::UnknownAxis {
                    axis: other.to_string(),
                    suggestion: meant_axis(other),
                },
            ));
            None
        }
    };
    let rungs_at = raw.rungs.span();
    let rungs = raw.rungs.into_inner();
    if rungs.is_empty() {
        problems.push((source.locate_span(rungs_at.clone()), LadderProblem::NoRungs));
    }
    let mut seen: Vec<&str> = Vec::new();
    for rung in &rungs {
        let location = source.locate_span(rung.span());
        let id = rung.get_ref();
        if seen.contains(&id.as_str()) {
            problems.push((location, LadderProblem::DuplicateRung { rung: id.clone() }));
            continue;
        }
        seen.push(id);
        let Some(section) = sections.iter().find(|s| &s.id == id) else {
            let known: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
            problems.push((
                location,
                LadderProblem::UnknownRung {
                    rung: id.clone(),
                    suggestion: crate::error::nearest(id, &known),
                },
            ));
            continue;
        };
        let Some(axis) = axis else { continue };
        let on = |q: &Question, a: AxisName| match a {
            AxisName::X => q.loading.x != 0.0,
            AxisName::Y => q.loading.y != 0.0,
        };
        let other = match axis {
            AxisName::X => AxisName::Y,
            AxisName::Y => AxisName::X,
        };
        if let Some(question) = section.questions.iter().find(|q| on(q, other)) {
            problems.push((
                location,
                LadderProblem::RungOnOtherAxis {
                    rung: id.clone(),
                    question: question.id.clone(),
                    axis: other,
                },
            ));
        } else if !section.questions.iter().any(|q| on(q, axis)) {
            problems.push((
                location,
                LadderProblem::RungOffAxis {
                    rung: id.clone(),
                    axis,
                },
            ));
        }
    }
    // Only when every rung is sound: a misspelt rung would be reported twice.
    let rungs_sound = problems.is_empty();
    if let Some(axis) = axis.filter(|_| rungs_sound) {
        for section in sections
            .iter()
            .filter(|s| !rungs.iter().any(|r| r.get_ref() == &s.id))
        {
            let loads = section.questions.iter().any(|q| match axis {
                AxisName::X => q.loading.x != 0.0,
                AxisName::Y => q.loading.y != 0.0,
            });
            if loads {
                problems.push((
                    source.locate_span(rungs_at.clone()),
                    LadderProblem::NotARung {
                        section: section.id.clone(),
                        axis,
                    },
                ));
            }
        }
    }
    let threshold = raw
        .threshold
        .as_ref()
        .map_or(DEFAULT_THRESHOLD, |t| *t.get_ref());
    if !(threshold > 0.0 && threshold < 1.0) {
        let location = raw
            .threshold
            .as_ref()
            .map_or(at, |t| source.locate_span(t.span()));
        problems.push((location, LadderProblem::Threshold { value: threshold }));
    }
    let mut counting = Vec::new();
    let mut last: Option<i64> = None;
    for step in raw.counting.into_iter().flatten() {
        let location = source.locate_span(step.span());
        let step = step.into_inner();
        let bad_share = [step.share, step.above]
            .into_iter()
            .flatten()
            .any(|s| !(0.0..=1.0).contains(&s));
        // Every rung question's scale must hold the point.
        let off = sections
            .iter()
            .filter(|s| rungs.iter().any(|r| r.get_ref() == &s.id))
            .flat_map(|s| &s.questions)
            .find_map(|q| {
                let scale = scales.get(&q.scale)?.get_ref();
                (!scale.contains(step.point)).then_some((scale.min, scale.max))
            });
        let fault = if let Some((min, max)) = off {
            Some(CountingFault::OffScale { min, max })
        } else if step.wijken.is_none() && step.share.is_none() && step.above.is_none() {
            Some(CountingFault::NoCondition)
        } else if bad_share {
            Some(CountingFault::Share)
        } else if last.is_some_and(|l| step.point <= l) {
            Some(CountingFault::NotIncreasing)
        } else {
            None
        };
        last = Some(step.point);
        match fault {
            Some(fault) => problems.push((
                location,
                LadderProblem::Counting {
                    point: step.point,
                    fault,
                },
            )),
            None => counting.push(step),
        }
    }
    let sound = problems.is_empty();
    errors.extend(
        problems
            .into_iter()
            .map(|(location, problem)| Error::InvalidLadder { location, problem }),
    );
    sound.then(|| LadderRule {
        axis: axis.expect("checked above"),
        rungs: rungs.into_iter().map(Spanned::into_inner).collect(),
        threshold,
        counting,
    })
}

fn check_scales(source: &Source<'_>, scales: &BTreeMap<String, Spanned<Scale>>) -> Vec<Error> {
    let mut errors = Vec::new();
    for (name, scale) in scales {
        let location = source.locate_span(scale.span());
        let Scale {
            min, max, labels, ..
        } = scale.get_ref();
        let reason = if min >= max {
            Some(ScaleProblem::MinNotBelowMax {
                min: *min,
                max: *max,
            })
        } else if crate::error::points(*min, *max) != labels.len() as i128 {
            Some(ScaleProblem::LabelCount {
                labels: labels.len(),
                min: *min,
                max: *max,
            })
        } else {
            None
        };
        if let Some(reason) = reason {
            errors.push(Error::InvalidScale {
                location,
                scale: name.clone(),
                reason,
            });
        }
    }
    errors
}

/// Checks every section and question, collecting all problems, and converts them.
fn check_sections(
    source: &Source<'_>,
    scales: &BTreeMap<String, Spanned<Scale>>,
    raw: Vec<RawSection>,
) -> (Vec<Section>, Vec<Error>) {
    let mut errors = Vec::new();
    let mut sections_seen: BTreeMap<String, Location> = BTreeMap::new();
    let mut questions_seen: BTreeMap<String, Location> = BTreeMap::new();
    let remember = |seen: &mut BTreeMap<String, Location>,
                    what: IdKind,
                    id: &Spanned<String>,
                    errors: &mut Vec<Error>| {
        let location = source.locate_span(id.span());
        if let Some(first) = seen.get(id.get_ref()) {
            errors.push(Error::Duplicate {
                location,
                what,
                id: id.get_ref().clone(),
                first: first.clone(),
            });
        } else {
            seen.insert(id.get_ref().clone(), location);
        }
    };
    let mut sections = Vec::new();
    for section in raw {
        remember(
            &mut sections_seen,
            IdKind::Section,
            &section.id,
            &mut errors,
        );
        let mut questions = Vec::new();
        for question in section.questions {
            remember(
                &mut questions_seen,
                IdKind::Question,
                &question.id,
                &mut errors,
            );
            let id = question.id.get_ref().clone();
            let location = source.locate_span(question.id.span());
            if !scales.contains_key(question.scale.get_ref()) {
                errors.push(Error::UnknownScale {
                    location: source.locate_span(question.scale.span()),
                    question: id.clone(),
                    scale: question.scale.get_ref().clone(),
                    known: scales.keys().cloned().collect(),
                });
            }
            let weight = question.weight.as_ref().map_or(1.0, |w| *w.get_ref());
            if !(weight > 0.0 && weight <= MAX_WEIGHT) {
                let at = question.weight.as_ref().map(|w| w.span());
                errors.push(Error::InvalidWeight {
                    location: at.map_or(location.clone(), |span| source.locate_span(span)),
                    question: id.clone(),
                    value: weight,
                });
            }
            let loading = question
                .loading
                .as_ref()
                .map_or_else(Loading::default, |l| *l.get_ref());
            for (axis, value) in [(AxisName::X, loading.x), (AxisName::Y, loading.y)] {
                if !(-MAX_LOADING..=MAX_LOADING).contains(&value) {
                    let span = question.loading.as_ref().map(|l| l.span());
                    errors.push(Error::InvalidLoading {
                        location: span.map_or(location.clone(), |s| source.locate_span(s)),
                        question: id.clone(),
                        axis,
                        value,
                    });
                }
            }
            if loading.x == 0.0 && loading.y == 0.0 && !section.scored {
                errors.push(Error::QuestionCountsNowhere {
                    location,
                    question: id.clone(),
                });
            }
            questions.push(Question {
                id,
                text: question.text,
                scale: question.scale.into_inner(),
                weight,
                loading,
            });
        }
        sections.push(Section {
            id: section.id.into_inner(),
            title: section.title,
            scored: section.scored,
            questions,
        });
    }
    (sections, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scale(min: i64, max: i64) -> Scale {
        Scale {
            min,
            max,
            unknown: true,
            labels: Vec::new(),
        }
    }

    proptest! {
        /// Total and panic-free over every i64: a point on the scale lies in [0, 1],
        /// anything else (or any point of a scale without two points) is `None`.
        #[test]
        fn normalize_is_total(min in any::<i64>(), max in any::<i64>(), point in any::<i64>()) {
            let scale = scale(min, max);
            match scale.normalize(point) {
                Some(value) => {
                    prop_assert!(min < max && (min..=max).contains(&point));
                    prop_assert!((0.0..=1.0).contains(&value), "{value}");
                }
                None => prop_assert!(min >= max || !(min..=max).contains(&point)),
            }
        }

        #[test]
        fn normalize_keeps_the_ends(min in -1000i64..1000, len in 1i64..1000) {
            let scale = scale(min, min + len);
            prop_assert_eq!(scale.normalize(min), Some(0.0));
            prop_assert_eq!(scale.normalize(min + len), Some(1.0));
            prop_assert_eq!(scale.normalize(min + len + 1), None);
            prop_assert_eq!(scale.normalize(min - 1), None);
        }
    }

    #[test]
    fn normalize_takes_the_extremes_without_panicking() {
        let wide = scale(i64::MIN, i64::MAX);
        assert_eq!(wide.normalize(i64::MIN), Some(0.0));
        assert_eq!(wide.normalize(i64::MAX), Some(1.0));
        assert_eq!(scale(1, 5).normalize(i64::MIN), None);
        assert_eq!(scale(1, 5).normalize(9), None);
        assert_eq!(scale(3, 3).normalize(3), None);
    }
}
