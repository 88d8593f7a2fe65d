//! The reference scoring method (version 3, and version 2 on request): simple on purpose,
//! so that a person can check every number by hand. Each section is scored first and an
//! axis score is the sections' mass-weighted mean, so "weet niet" inside a section lets
//! the section's answered questions stand for it, and never the other sections' answers.
//! Version 3 places an axis that the instrument declares a ladder by the ladder rule
//! ([`Ladder`]): the band is the highest rung clearly practised with every rung below it.

use crate::check::InOrder;
use crate::{
    Answer, Assessment, AssessmentInfo, Instrument, Invalid, Loading, Matrix, Organisation, Point,
    Question, Text,
};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The version of the reference scoring method. Version 3 is the default; version 2 stays
/// selectable so that old results can be reproduced. Written as a number (`2`, `3`) in
/// JSON and on the command line.
///
/// ```
/// use koers::Method;
/// assert_eq!("2".parse::<Method>(), Ok(Method::V2));
/// assert_eq!(Method::default(), Method::V3);
/// assert_eq!(serde_json::to_string(&Method::V3).unwrap(), "3");
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(into = "u8", try_from = "u8")]
#[non_exhaustive]
pub enum Method {
    /// Version 2: every axis is the sections' mass-weighted mean; a group's interval is
    /// mean ± t(0.975, n − 1) × se per axis; agreement per question from two answers.
    V2,
    /// Version 3: an axis declared a ladder is placed by the ladder rule; a group's
    /// interval is mean ± t(1 − 0.05/4, n − 1) × se (Bonferroni over two axes, so the
    /// rectangle holds the mean with at least 95 % jointly); agreement per question only
    /// from three answers and half the group, per section r_wg(J) and AD_M.
    #[default]
    V3,
}

impl Method {
    /// Every method, oldest first.
    pub const ALL: [Method; 2] = [Method::V2, Method::V3];

    /// The version number.
    pub fn number(self) -> u8 {
        match self {
            Method::V2 => 2,
            Method::V3 => 3,
        }
    }

    /// The quantile p of Student's t whose value widens a standard error into the
    /// interval of a group's mean on one axis: 0.975 (two-sided 95 % per axis) in
    /// version 2, 1 − 0.05/4 = 0.9875 (Bonferroni over two axes) in version 3.
    pub fn interval_quantile(self) -> f64 {
        match self {
            Method::V2 => 0.975,
            Method::V3 => 1.0 - 0.05 / 4.0,
        }
    }
}

impl From<Method> for u8 {
    fn from(method: Method) -> u8 {
        method.number()
    }
}

impl TryFrom<u8> for Method {
    type Error = UnknownMethod;
    fn try_from(number: u8) -> Result<Method, UnknownMethod> {
        Method::ALL
            .into_iter()
            .find(|m| m.number() == number)
            .ok_or_else(|| UnknownMethod(number.to_string()))
    }
}

impl FromStr for Method {
    type Err = UnknownMethod;
    /// Reads `2` or `3` (also `v2`, `v3`).
    fn from_str(text: &str) -> Result<Method, UnknownMethod> {
        let trimmed = text.trim();
        let number = trimmed
            .strip_prefix(['v', 'V'])
            .unwrap_or(trimmed)
            .parse::<u8>()
            .map_err(|_| UnknownMethod(text.to_string()))?;
        Method::try_from(number).map_err(|_| UnknownMethod(text.to_string()))
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

/// A method version that koers does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scoring method `{0}`: expected 2 or 3")]
pub struct UnknownMethod(pub String);

/// Where the ladder rule places one respondent (or the mean extents of a group), rung by
/// rung: the numbers `explain` shows.
///
/// With e_k the extent of rung k (its section score on the ladder axis / 100; 0 for a
/// rung without an answered question), a_k = min(e_1, …, e_k), L the number of leading
/// rungs with a_k ≥ θ and B = 100 / (K + 1):
/// y = B·L + B·a_(L+1)/θ when L < K, and y = B·K + B·(a_K − θ)/(1 − θ) when L = K.
///
/// ```
/// use koers::Ladder;
/// let rungs = ["a", "b", "c"].map(String::from);
/// let ladder = Ladder::new(vec![0.6, 0.6, 0.6], &rungs, 0.5);
/// assert_eq!(ladder.level, 3);
/// assert!((ladder.position() - 80.0).abs() < 1e-9);
/// let skipping = Ladder::new(vec![0.0, 0.0, 1.0], &rungs, 0.5);
/// assert_eq!(skipping.position(), 0.0);
/// assert_eq!(skipping.skipped, ["c"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ladder {
    /// The rung sections' ids, lowest first.
    pub rungs: Vec<String>,
    /// θ, from which a rung counts as clearly practised.
    pub threshold: f64,
    /// e_k per rung, lowest first, 0–1.
    pub extents: Vec<f64>,
    /// a_k = min(e_1, …, e_k) per rung: how far each rung counts, given the rungs below.
    pub attained: Vec<f64>,
    /// L: how many leading rungs are clearly practised (a_k ≥ θ).
    pub level: usize,
    /// The rungs practised (e_k ≥ θ) above a rung that is not: skipped rungs, by section
    /// id, lowest first.
    pub skipped: Vec<String>,
}

/// Comparisons with θ allow for a rounding step: an extent of 3 × 0.1 / 0.6 is ½.
const THRESHOLD_SLACK: f64 = 1e-9;

impl Ladder {
    /// The ladder of these extents (one per rung of `rungs`, lowest first) at threshold θ.
    pub fn new(extents: Vec<f64>, rungs: &[String], threshold: f64) -> Ladder {
        let mut attained = Vec::with_capacity(extents.len());
        let mut lowest = f64::INFINITY;
        for &e in &extents {
            lowest = lowest.min(e);
            attained.push(lowest);
        }
        let practised = |v: f64| v >= threshold - THRESHOLD_SLACK;
        let level = attained.iter().take_while(|&&a| practised(a)).count();
        let skipped = extents
            .iter()
            .enumerate()
            .filter(|&(k, &e)| practised(e) && extents[..k].iter().any(|&below| !practised(below)))
            .filter_map(|(k, _)| rungs.get(k).cloned())
            .collect();
        Ladder {
            rungs: rungs.to_vec(),
            threshold,
            extents,
            attained,
            level,
            skipped,
        }
    }

    /// The position on the ladder axis by the ladder rule, 0–100.
    pub fn position(&self) -> f64 {
        let threshold = self.threshold;
        let k = self.attained.len();
        let band = 100.0 / (k as f64 + 1.0);
        let y = if self.level < k {
            band * self.level as f64 + band * self.attained[self.level] / threshold
        } else {
            let top = self.attained.last().copied().unwrap_or(1.0);
            band * k as f64 + band * ((top - threshold) / (1.0 - threshold)).max(0.0)
        };
        y.clamp(crate::AXIS_MIN, crate::AXIS_MAX)
    }

    /// The band width B = 100 / (K + 1).
    pub fn band(&self) -> f64 {
        100.0 / (self.attained.len() as f64 + 1.0)
    }
}

/// Below this coverage a section's share of an axis is too thin to stand for the section:
/// a position is reliable only when every section that loads on an axis reaches it.
pub const LOW_COVERAGE: f64 = 0.6;

/// Whether a coverage (0–1) falls below [`LOW_COVERAGE`]. Three of five questions of
/// weight 0.7 are 60 % exactly, but 2.1 / 3.5 in floating point is 0.5999999999999999,
/// so the comparison allows for a rounding step: 60 % is enough, as the method says.
pub fn is_low_coverage(coverage: f64) -> bool {
    coverage < LOW_COVERAGE - 1e-9
}

/// The score of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Score {
    /// Whose position this is.
    pub organisation: Organisation,
    /// When, what kind, and by whom.
    pub assessment: AssessmentInfo,
    /// The instrument used.
    pub instrument: InstrumentRef,
    /// The x axis score.
    pub x: AxisScore,
    /// The y axis score.
    pub y: AxisScore,
    /// The position, when both axes have a score.
    pub position: Option<Point>,
    /// The region that contains the position.
    pub region: Option<RegionRef>,
    /// The distance in points from the position to the nearest region boundary.
    pub margin: Option<f64>,
    /// Whether the position rests on enough answers: there is one, and every section that
    /// loads on an axis has at least [`LOW_COVERAGE`] of its weight on that axis answered.
    /// [`Score::shortfalls`] says which sections fall short.
    pub reliable: bool,
    /// Every section, in questionnaire order, with its score and coverage.
    pub sections: Vec<SectionScore>,
    /// Every question with its answer and contributions, in questionnaire order.
    pub questions: Vec<QuestionScore>,
    /// The questions left unanswered (not even "unknown").
    pub unanswered: Vec<String>,
    /// The method version that made the numbers.
    pub method: Method,
    /// The ladder rule's steps, when the method is version 3 and the instrument declares
    /// a ladder (and a rung is answered): the ladder axis's score is its
    /// [`Ladder::position`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder: Option<Ladder>,
}

/// Which instrument a score was made with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InstrumentRef {
    /// The instrument's id.
    pub id: String,
    /// The instrument's version.
    pub version: String,
}

/// A region by id and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegionRef {
    /// The region's id.
    pub id: String,
    /// The region's label.
    pub label: Text,
}

impl From<&crate::Region> for RegionRef {
    fn from(region: &crate::Region) -> RegionRef {
        RegionRef {
            id: region.id.clone(),
            label: region.label.clone(),
        }
    }
}

/// One axis's score and how much of it rests on answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AxisScore {
    /// 0–100: the sections' axis scores weighted by each section's mass on the axis, over
    /// the sections with an answer that loads on it; `None` when there is no such answer.
    pub score: Option<f64>,
    /// The answered share of Σ|loading| × weight over the questions that load on the
    /// axis, 0–1 (0 when none does).
    pub coverage: f64,
}

/// A section's scores: its own (the plain weighted mean of its answers) and its part in
/// each axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SectionScore {
    /// The section's id.
    pub id: String,
    /// The section's heading.
    pub title: Text,
    /// The weighted mean of the section's normalized answers, 0–100; `None` when the
    /// section is not scored or none of its questions is answered.
    pub score: Option<f64>,
    /// The answered share of the section's weight, 0–1.
    pub coverage: f64,
    /// The section's part in x; `None` when none of its questions loads on x.
    pub x: Option<SectionAxis>,
    /// The section's part in y; `None` when none of its questions loads on y.
    pub y: Option<SectionAxis>,
}

/// What one section says about one axis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SectionAxis {
    /// 100 × Σ|l|·w·d / Σ|l|·w over the section's answered questions that load on the
    /// axis; `None` when none of them is answered.
    pub score: Option<f64>,
    /// The answered share of `mass`, 0–1.
    pub coverage: f64,
    /// Σ|l|·w over all the section's questions that load on the axis: its weight in the
    /// axis score.
    pub mass: f64,
}

/// One question's part in the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuestionScore {
    /// The question's id.
    pub id: String,
    /// The section it stands in.
    pub section: String,
    /// The answer, if given.
    pub answer: Option<Answer>,
    /// The answer normalized to 0–1 (before reversing for a negative loading).
    pub normalized: Option<f64>,
    /// The question's weight.
    pub weight: f64,
    /// The question's loadings.
    pub loading: Loading,
    /// Points this answer adds to each axis score; the contributions of an axis sum to its
    /// score. `None` where the question does not load on the axis or is not answered, and
    /// on an axis placed by the ladder rule (its [`Ladder`] explains it).
    pub contribution: Contribution,
    /// The assessment's note on this question (`[notes]`): the evidence or remark behind
    /// the answer. Never shown beside a role or respondent code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Points added to each axis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contribution {
    /// Points added to x.
    pub x: Option<f64>,
    /// Points added to y.
    pub y: Option<f64>,
}

/// One of the two axes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AxisName {
    /// The horizontal axis.
    X,
    /// The vertical axis.
    Y,
}

impl FromStr for AxisName {
    type Err = crate::UnknownWord;
    /// Reads `x` or `y`, ignoring case and surrounding spaces.
    ///
    /// ```
    /// use koers::AxisName;
    /// assert_eq!("Y".parse::<AxisName>(), Ok(AxisName::Y));
    /// assert!("z".parse::<AxisName>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<AxisName, crate::UnknownWord> {
        const WORDS: &[(&str, AxisName)] = &[("x", AxisName::X), ("y", AxisName::Y)];
        crate::UnknownWord::look_up(text, "axis", WORDS, &["x", "y"])
    }
}

impl fmt::Display for AxisName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AxisName::X => "x",
            AxisName::Y => "y",
        })
    }
}

/// A section whose answered share of an axis is below [`LOW_COVERAGE`]: why a position is
/// unreliable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Shortfall {
    /// The section's id.
    pub section: String,
    /// The axis.
    pub axis: AxisName,
    /// The section's answered share of its mass on the axis, 0–1.
    pub coverage: f64,
}

impl Score {
    /// Whether the position is reliable; see [`Score::reliable`].
    pub fn is_reliable(&self) -> bool {
        self.reliable
    }

    /// The sections whose coverage of an axis is below [`LOW_COVERAGE`], x first, in
    /// questionnaire order. Empty for a reliable score.
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        shortfalls(self.sections.iter().map(|s| (s.id.as_str(), s.x, s.y)))
    }

    /// The score without its explanation: what [`Instrument::place`] gives.
    pub fn placement(&self) -> Placement {
        Placement {
            organisation: self.organisation.clone(),
            assessment: self.assessment.clone(),
            instrument: self.instrument.clone(),
            x: self.x,
            y: self.y,
            position: self.position,
            reliable: self.reliable,
            sections: self.sections.iter().map(SectionPart::of).collect(),
            method: self.method,
            ladder: self.ladder.clone(),
        }
    }
}

/// Where one assessment lands, without the explanation question by question of a
/// [`Score`]: the position, its coverage and reliability, and each section's score. What
/// an [`Aggregator`](crate::Aggregator) needs, made by [`Instrument::place`] for a
/// fraction of the work of a full score. Its numbers are those of the full score, to the
/// last bit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Placement {
    /// Whose position this is.
    pub organisation: Organisation,
    /// When, what kind, and by whom.
    pub assessment: AssessmentInfo,
    /// The instrument used: an [`Aggregator`](crate::Aggregator) never combines it with
    /// a placement of another.
    pub instrument: InstrumentRef,
    /// The x axis score.
    pub x: AxisScore,
    /// The y axis score.
    pub y: AxisScore,
    /// The position, when both axes have a score.
    pub position: Option<Point>,
    /// Whether the position rests on enough answers, as [`Score::reliable`].
    pub reliable: bool,
    /// Every section, in questionnaire order, as in [`Score::sections`] but without its
    /// title.
    pub sections: Vec<SectionPart>,
    /// The method version that made the numbers.
    pub method: Method,
    /// The ladder rule's steps, as [`Score::ladder`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder: Option<Ladder>,
}

impl Placement {
    /// Whether the position is reliable; see [`Placement::reliable`].
    pub fn is_reliable(&self) -> bool {
        self.reliable
    }

    /// The sections whose coverage of an axis is below [`LOW_COVERAGE`], as
    /// [`Score::shortfalls`].
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        shortfalls(parts_of(&self.sections))
    }
}

/// A section's scores in a [`Placement`]: a [`SectionScore`] without its title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SectionPart {
    /// The section's id.
    pub id: String,
    /// The weighted mean of the section's normalized answers, 0–100, as
    /// [`SectionScore::score`].
    pub score: Option<f64>,
    /// The answered share of the section's weight, 0–1.
    pub coverage: f64,
    /// The section's part in x; `None` when none of its questions loads on x.
    pub x: Option<SectionAxis>,
    /// The section's part in y; `None` when none of its questions loads on y.
    pub y: Option<SectionAxis>,
}

impl SectionPart {
    /// The part of a full section score: all of it but the title.
    fn of(section: &SectionScore) -> SectionPart {
        SectionPart {
            id: section.id.clone(),
            score: section.score,
            coverage: section.coverage,
            x: section.x,
            y: section.y,
        }
    }

    /// The full section score: this part with the section's title.
    fn with_title(self, title: Text) -> SectionScore {
        SectionScore {
            id: self.id,
            title,
            score: self.score,
            coverage: self.coverage,
            x: self.x,
            y: self.y,
        }
    }
}

/// A section's id and its parts in x and y: what [`shortfalls`] looks at.
type SectionParts<'a> = (&'a str, Option<SectionAxis>, Option<SectionAxis>);

fn parts_of(sections: &[SectionPart]) -> impl Iterator<Item = SectionParts<'_>> + Clone {
    sections.iter().map(|s| (s.id.as_str(), s.x, s.y))
}

fn shortfalls<'a>(sections: impl Iterator<Item = SectionParts<'a>> + Clone) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for axis in [AxisName::X, AxisName::Y] {
        for (id, x, y) in sections.clone() {
            let part = match axis {
                AxisName::X => x,
                AxisName::Y => y,
            };
            if let Some(part) = part.filter(|p| is_low_coverage(p.coverage)) {
                out.push(Shortfall {
                    section: id.to_string(),
                    axis,
                    coverage: part.coverage,
                });
            }
        }
    }
    out
}

/// Sums over some questions on one axis: Σ|l|·w·d over the answered ones, Σ|l|·w over the
/// answered ones, and Σ|l|·w over all (for the coverage).
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    points: f64,
    answered: f64,
    total: f64,
}

impl Sums {
    fn add(&mut self, loading: f64, weight: f64, normalized: Option<f64>) {
        if loading == 0.0 {
            return;
        }
        let mass = loading.abs() * weight;
        self.total += mass;
        if let Some(v) = normalized {
            self.answered += mass;
            self.points += mass * directed(loading, v);
        }
    }

    fn score(&self) -> Option<f64> {
        (self.answered > 0.0).then(|| 100.0 * self.points / self.answered)
    }

    fn coverage(&self) -> f64 {
        if self.total > 0.0 {
            self.answered / self.total
        } else {
            0.0
        }
    }

    fn part(&self) -> Option<SectionAxis> {
        (self.total > 0.0).then(|| SectionAxis {
            score: self.score(),
            coverage: self.coverage(),
            mass: self.total,
        })
    }
}

/// One axis, section by section (method versions 2 and 3, step 4): the sections with an
/// answer stand for their whole mass, so a section answered "weet niet" throughout is
/// left out instead of being filled with the other sections' answers.
struct AxisTally {
    sections: Vec<Sums>,
    /// Σ T over the sections with at least one answer: the denominator of the score.
    counted_mass: f64,
}

impl AxisTally {
    fn new(sections: Vec<Sums>) -> Self {
        let counted_mass = sections
            .iter()
            .filter(|s| s.answered > 0.0)
            .map(|s| s.total)
            .sum();
        AxisTally {
            sections,
            counted_mass,
        }
    }

    fn result(&self) -> AxisScore {
        let (answered, total) = self
            .sections
            .iter()
            .fold((0.0, 0.0), |(a, t), s| (a + s.answered, t + s.total));
        let score = (self.counted_mass > 0.0).then(|| {
            self.sections
                .iter()
                .filter_map(|s| s.score().map(|score| s.total * score))
                .sum::<f64>()
                / self.counted_mass
        });
        AxisScore {
            score,
            coverage: if total > 0.0 { answered / total } else { 0.0 },
        }
    }

    /// 100 × (T/ΣT) × |l|·w·d / Σ(|l|·w answered in the section): the points one answer
    /// adds, so that an axis's contributions sum to its score.
    fn contribution(
        &self,
        section: usize,
        loading: f64,
        weight: f64,
        normalized: Option<f64>,
    ) -> Option<f64> {
        let v = normalized?;
        let sums = &self.sections[section];
        (loading != 0.0 && sums.answered > 0.0).then(|| {
            100.0 * (sums.total / self.counted_mass) * loading.abs() * weight * directed(loading, v)
                / sums.answered
        })
    }
}

/// A negative loading reads a high answer as a push towards the low end.
fn directed(loading: f64, v: f64) -> f64 {
    if loading < 0.0 { 1.0 - v } else { v }
}

impl Instrument {
    /// Checks and scores one assessment by the reference method (version 3).
    pub fn score(&self, assessment: &Assessment) -> Result<Score, Invalid> {
        self.score_with(assessment, Method::default())
    }

    /// Checks and scores one assessment by the given method version.
    pub fn score_with(&self, assessment: &Assessment, method: Method) -> Result<Score, Invalid> {
        Ok(self.check_and_score_with(assessment, method)?.1)
    }

    /// Checks and scores one assessment (method version 3), with the warnings of
    /// [`Instrument::check`](Instrument::check): one check where `check` and then `score`
    /// would run it twice.
    pub fn check_and_score(
        &self,
        assessment: &Assessment,
    ) -> Result<(Vec<crate::Warning>, Score), Invalid> {
        self.check_and_score_with(assessment, Method::default())
    }

    /// As [`Instrument::check_and_score`], by the given method version.
    pub fn check_and_score_with(
        &self,
        assessment: &Assessment,
        method: Method,
    ) -> Result<(Vec<crate::Warning>, Score), Invalid> {
        let in_order = self.answers_in_order(assessment);
        let warnings = self.check_in_order(assessment, &in_order)?;
        Ok((warnings, self.score_checked(assessment, &in_order, method)))
    }

    /// Checks one assessment and places it, without the explanation question by
    /// question that a [`Score`] carries: the same position, coverage, reliability and
    /// section scores, for a fraction of the work. What [`Aggregator::push_placement`]
    /// needs for thousands of files.
    ///
    /// ```
    /// use koers::{Aggregator, Assessment, GroupBy, Source, builtin};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\ngebiedsvisie = 2\n";
    /// let instrument = builtin::instrument("sev").expect("sev is built in");
    /// let assessment = Assessment::parse(&Source::new("r01.toml", text))?;
    /// let placement = instrument.place(&assessment)?;
    /// assert_eq!(placement, instrument.score(&assessment)?.placement());
    /// let mut aggregator = Aggregator::new(GroupBy::Organisation);
    /// aggregator.push_placement(&placement);
    /// assert_eq!(aggregator.finish(&instrument.matrix)[0].respondents, 1);
    /// # Ok::<(), koers::Invalid>(())
    /// ```
    ///
    /// [`Aggregator::push_placement`]: crate::Aggregator::push_placement
    pub fn place(&self, assessment: &Assessment) -> Result<Placement, Invalid> {
        self.place_with(assessment, Method::default())
    }

    /// As [`Instrument::place`], by the given method version.
    pub fn place_with(
        &self,
        assessment: &Assessment,
        method: Method,
    ) -> Result<Placement, Invalid> {
        Ok(self.check_and_place_with(assessment, method)?.1)
    }

    /// As [`Instrument::place`], with the warnings of [`Instrument::check`].
    pub fn check_and_place(
        &self,
        assessment: &Assessment,
    ) -> Result<(Vec<crate::Warning>, Placement), Invalid> {
        self.check_and_place_with(assessment, Method::default())
    }

    /// As [`Instrument::check_and_place`], by the given method version.
    pub fn check_and_place_with(
        &self,
        assessment: &Assessment,
        method: Method,
    ) -> Result<(Vec<crate::Warning>, Placement), Invalid> {
        let in_order = self.answers_in_order(assessment);
        let warnings = self.check_in_order(assessment, &in_order)?;
        let tally = self.tally(&in_order);
        Ok((warnings, self.placement(assessment, &tally, method)))
    }

    /// The ladder rule's steps from the sections' sums on the ladder axis, when `method`
    /// uses it and the instrument declares a ladder; `None` also when no rung has an
    /// answered question (the axis then has no score, as any axis without answers).
    fn ladder_of(&self, tally: &Tally, method: Method) -> Option<Ladder> {
        let rule = self.ladder.as_ref().filter(|_| method == Method::V3)?;
        let sums = match rule.axis {
            AxisName::X => &tally.xs,
            AxisName::Y => &tally.ys,
        };
        let mut any = false;
        let extents = rule
            .rungs
            .iter()
            .map(|rung| {
                let at = self.sections.iter().position(|s| &s.id == rung)?;
                let score = sums.sections[at].score()?;
                any = true;
                Some(score / 100.0)
            })
            .map(|e| e.unwrap_or(0.0))
            .collect();
        any.then(|| Ladder::new(extents, &rule.rungs, rule.threshold))
    }

    /// The sums of the method, per section and axis, from the answers in questionnaire
    /// order.
    fn tally(&self, in_order: &InOrder<'_>) -> Tally {
        // Normalized once per question, straight from the question at hand.
        let normalized: Vec<Option<f64>> = in_order
            .items
            .iter()
            .map(|item| match (item.answer, item.scale) {
                // An off-scale point is refused by the check before scoring; were one
                // to get here, it would count as not answered, never beyond the axis.
                (Some(Answer::Point(p)), Some(scale)) => scale.normalize(p),
                _ => None,
            })
            .collect();
        let per_section = |loading: fn(&Question) -> f64| {
            let mut values = normalized.iter();
            self.sections
                .iter()
                .map(|section| {
                    let mut sums = Sums::default();
                    let section_values = values.by_ref().take(section.questions.len());
                    for (q, v) in section.questions.iter().zip(section_values) {
                        sums.add(loading(q), q.weight, *v);
                    }
                    sums
                })
                .collect::<Vec<_>>()
        };
        Tally {
            xs: AxisTally::new(per_section(|q| q.loading.x)),
            ys: AxisTally::new(per_section(|q| q.loading.y)),
            own: per_section(|_| 1.0),
            normalized,
        }
    }

    /// The placement made from the sums: the numbers a [`Score`] shares with it.
    fn placement(&self, assessment: &Assessment, tally: &Tally, method: Method) -> Placement {
        let sections: Vec<SectionPart> = self
            .sections
            .iter()
            .enumerate()
            .map(|(i, section)| SectionPart {
                id: section.id.clone(),
                score: tally.own[i].score().filter(|_| section.scored),
                coverage: tally.own[i].coverage(),
                x: tally.xs.sections[i].part(),
                y: tally.ys.sections[i].part(),
            })
            .collect();
        let (mut x, mut y) = (tally.xs.result(), tally.ys.result());
        let ladder = self.ladder_of(tally, method);
        if let (Some(ladder), Some(rule)) = (&ladder, &self.ladder) {
            let axis = match rule.axis {
                AxisName::X => &mut x,
                AxisName::Y => &mut y,
            };
            axis.score = Some(ladder.position());
        } else if let Some(rule) = self.ladder.as_ref().filter(|_| method == Method::V3) {
            // No rung answered: the ladder axis has no score.
            match rule.axis {
                AxisName::X => x.score = None,
                AxisName::Y => y.score = None,
            }
        }
        let position = x.score.zip(y.score).map(|(x, y)| Point { x, y });
        let reliable = position.is_some() && shortfalls(parts_of(&sections)).is_empty();
        Placement {
            organisation: assessment.organisation.clone(),
            assessment: assessment.assessment.clone(),
            instrument: InstrumentRef {
                id: self.id.clone(),
                version: self.version.clone(),
            },
            x,
            y,
            position,
            reliable,
            sections,
            method,
            ladder,
        }
    }

    /// The full score: the placement, with the region, the sections' titles and every
    /// question's part.
    fn score_checked(
        &self,
        assessment: &Assessment,
        in_order: &InOrder<'_>,
        method: Method,
    ) -> Score {
        let tally = self.tally(in_order);
        let placement = self.placement(assessment, &tally, method);
        // Under the ladder rule an answer's points on the ladder axis are not a share of
        // it: the ladder's steps explain that axis instead.
        let ladder_axis = placement
            .ladder
            .as_ref()
            .and(self.ladder.as_ref())
            .map(|rule| rule.axis);
        let mut questions = Vec::with_capacity(in_order.items.len());
        let mut items = in_order.items.iter().zip(&tally.normalized);
        for (i, section) in self.sections.iter().enumerate() {
            for (item, v) in items.by_ref().take(section.questions.len()) {
                let q = item.question;
                questions.push(QuestionScore {
                    id: q.id.clone(),
                    section: section.id.clone(),
                    answer: item.answer,
                    normalized: *v,
                    weight: q.weight,
                    loading: q.loading,
                    contribution: Contribution {
                        x: tally
                            .xs
                            .contribution(i, q.loading.x, q.weight, *v)
                            .filter(|_| ladder_axis != Some(AxisName::X)),
                        y: tally
                            .ys
                            .contribution(i, q.loading.y, q.weight, *v)
                            .filter(|_| ladder_axis != Some(AxisName::Y)),
                    },
                    note: assessment.notes.get(&q.id).cloned(),
                });
            }
        }
        let sections = placement
            .sections
            .into_iter()
            .zip(&self.sections)
            .map(|(part, section)| part.with_title(section.title.clone()))
            .collect();
        let (region, margin) = locate(&self.matrix, placement.position);
        Score {
            organisation: placement.organisation,
            assessment: placement.assessment,
            instrument: placement.instrument,
            x: placement.x,
            y: placement.y,
            position: placement.position,
            region,
            margin,
            reliable: placement.reliable,
            sections,
            questions,
            unanswered: in_order.unanswered(),
            method: placement.method,
            ladder: placement.ladder,
        }
    }
}

/// The sums of the method for one assessment: per section on each axis, and per section
/// on its own (for the section's score), with each question's normalized answer in
/// questionnaire order.
struct Tally {
    normalized: Vec<Option<f64>>,
    xs: AxisTally,
    ys: AxisTally,
    own: Vec<Sums>,
}

/// The region and margin of a position, if there is one.
pub(crate) fn locate(matrix: &Matrix, position: Option<Point>) -> (Option<RegionRef>, Option<f64>) {
    let Some(point) = position else {
        return (None, None);
    };
    let region = matrix.region_at(point).map(|r| RegionRef {
        id: r.id.clone(),
        label: r.label.clone(),
    });
    (region, matrix.margin(point))
}
