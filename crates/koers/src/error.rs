//! What can be wrong with a matrix, an instrument or an assessment, each with its place.
//!
//! [`Error`] is ONE problem at one place; [`Invalid`] is what a parse returns when a
//! document has problems: ALL of them (a `Vec<Error>`), with the warnings found beside
//! them. A `Result<_, Invalid>` therefore never stops at the first problem.

use crate::{AxisName, DateError, Lang, Location};
use serde::Serialize;
use std::fmt;

/// One problem in one document (a document's problems together are an [`Invalid`]).
/// Every variant carries the [`Location`] it points at and the values involved, so that a
/// program can act on it and a person can fix it.
///
/// The texts are chosen by variant: [`Display`](fmt::Display) in English,
/// [`Error::message_in`] in Dutch or English. Serialized (serde), an error is an object
/// with its variant in kebab-case under `"kind"` and its fields beside it; a problem it
/// holds (a ladder, register, scale or date problem) is tagged the same way:
///
/// ```
/// use koers::{Assessment, Error, Source};
///
/// let text = "instrument = \"sev\"\n[organisation]\nid = \"dijk\"\n[assessment]\ndate = 2026-05-31\n";
/// let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
/// assert!(matches!(&invalid.errors[0], Error::MissingKey { key, .. } if key == "name"));
/// assert_eq!(
///     serde_json::to_string(&invalid.errors[0])?,
///     r#"{"kind":"missing-key","location":{"source":"a.toml","line":2,"column":1},"key":"name"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Error {
    /// The text is not valid TOML, or a value does not have the shape the document needs:
    /// a syntax error, a duplicate key, a value of the wrong type. (An unknown or missing
    /// key is [`Error::UnknownKey`] or [`Error::MissingKey`], a word that none of a
    /// field's values is [`Error::UnknownValue`].)
    #[error("{location}: {message}")]
    Toml {
        /// Where the TOML reader stopped.
        location: Location,
        /// The reader's explanation, including what it expected.
        message: String,
    },
    /// A key that the table does not have: a misspelt or unknown key (every document
    /// type denies unknown keys).
    #[error("{location}: unknown field `{key}`, {}", expected_keys(expected))]
    UnknownKey {
        /// Where the key stands.
        location: Location,
        /// The key given.
        key: String,
        /// The keys the table has, in the order of the document type.
        expected: Vec<String>,
        /// The closest of `expected`, if one is close.
        suggestion: Option<String>,
    },
    /// A key that the table must have is not there.
    #[error("{location}: missing field `{key}`")]
    MissingKey {
        /// Where the table stands (its header), or the document when the key belongs
        /// at the top.
        location: Location,
        /// The key that is missing.
        key: String,
    },
    /// The organisation's name is empty or shows nothing (only white space or invisible
    /// characters), as `koers init` leaves it: the answers would be grouped under
    /// nothing.
    #[error(
        "{location}: the organisation's name is empty or invisible: expected the name of the corporation"
    )]
    EmptyName {
        /// Where the name stands.
        location: Location,
    },
    /// An assessment's `kind` is neither current nor ambition (in English or Dutch).
    #[error(
        "{location}: unknown kind {given}: expected \"current\" (huidig) or \"ambition\" (ambitie){}",
        did_you_mean_quoted(suggestion)
    )]
    UnknownKind {
        /// Where the kind stands.
        location: Location,
        /// The value given, as written in TOML (a text in quotes, or another value).
        given: String,
        /// The closest kind word, if one is close.
        suggestion: Option<String>,
    },
    /// A word that is none of the values its field takes: the value of an enum that the
    /// TOML reader does not know (such as an enum field of a tool's own settings read with
    /// [`read_toml`](crate::read_toml)), with the values it takes and the nearest of them.
    #[error(
        "{location}: unknown value `{given}`, {}{}",
        expected_values(expected),
        did_you_mean(suggestion)
    )]
    UnknownValue {
        /// Where the value stands.
        location: Location,
        /// The value given.
        given: String,
        /// The values the field takes, in the order of the type.
        expected: Vec<String>,
        /// The closest of `expected`, if one is close.
        suggestion: Option<String>,
    },
    /// A whole number beyond 64 bits, where any number of a koers document fits in far
    /// fewer.
    #[error(
        "{location}: the number {number} is too {}: expected a whole number such as a point on the scale",
        if number.starts_with('-') { "small" } else { "large" }
    )]
    NumberOutOfRange {
        /// Where the number stands.
        location: Location,
        /// The number as written.
        number: String,
    },
    /// A date that is not written as one, or does not exist.
    #[error("{location}: {problem}")]
    InvalidDate {
        /// Where the date stands.
        location: Location,
        /// The value given, as written (a text without its quotes).
        given: String,
        /// Why it is not a date.
        problem: DateError,
    },
    /// An answer names a question that the instrument does not have.
    #[error(
        "{location}: unknown question `{id}` in [answers]{}",
        did_you_mean(suggestion)
    )]
    UnknownQuestion {
        /// Where the answer's key stands.
        location: Location,
        /// The question id given.
        id: String,
        /// The closest question id of the instrument, if one is close.
        suggestion: Option<String>,
    },
    /// An answer is a whole number outside the question's scale.
    #[error(
        "{location}: answer {value} to `{question}` is off the scale: expected a whole number from {min} to {max}{}",
        or_unknown(*unknown_allowed)
    )]
    AnswerOffScale {
        /// Where the answer's value stands.
        location: Location,
        /// The question answered.
        question: String,
        /// The value given.
        value: i64,
        /// The lowest point of the scale.
        min: i64,
        /// The highest point of the scale.
        max: i64,
        /// Whether the scale accepts "unknown".
        unknown_allowed: bool,
    },
    /// An answer is not a whole number or "unknown" (a float, a boolean, another word).
    #[error(
        "{location}: answer {found} to `{question}` has the wrong type: expected a whole number{}{}",
        scale_range(*min, *max),
        or_unknown(*unknown_allowed)
    )]
    AnswerWrongType {
        /// Where the answer's value stands.
        location: Location,
        /// The question answered.
        question: String,
        /// The value given, as written in TOML.
        found: String,
        /// The lowest point of the question's scale, when the question is known.
        min: Option<i64>,
        /// The highest point of the question's scale, when the question is known.
        max: Option<i64>,
        /// Whether the scale accepts "unknown".
        unknown_allowed: bool,
    },
    /// "unknown" was given for a question whose scale does not allow it.
    #[error(
        "{location}: `{question}` does not accept \"unknown\": expected a whole number from {min} to {max}"
    )]
    UnknownNotAllowed {
        /// Where the answer's value stands.
        location: Location,
        /// The question answered.
        question: String,
        /// The lowest point of the scale.
        min: i64,
        /// The highest point of the scale.
        max: i64,
    },
    /// A question names a scale that the instrument does not define.
    #[error(
        "{location}: question `{question}` uses unknown scale `{scale}`: expected one of {}",
        list(known)
    )]
    UnknownScale {
        /// Where the scale name stands.
        location: Location,
        /// The question.
        question: String,
        /// The scale name given.
        scale: String,
        /// The scales the instrument defines.
        known: Vec<String>,
    },
    /// An instrument names a matrix that is neither built in nor could be found.
    #[error(
        "{location}: unknown matrix `{id}`: expected a built-in matrix ({}) or a path to a matrix file",
        list(known)
    )]
    UnknownMatrix {
        /// Where the matrix reference stands.
        location: Location,
        /// The matrix id or path given.
        id: String,
        /// The built-in matrix ids.
        known: Vec<String>,
    },
    /// An assessment names an instrument that is neither built in nor could be found.
    #[error(
        "{location}: unknown instrument `{id}`: expected a built-in instrument ({}) or a path to an instrument file",
        list(known)
    )]
    UnknownInstrument {
        /// Where the instrument reference stands.
        location: Location,
        /// The instrument id or path given.
        id: String,
        /// The built-in instrument ids.
        known: Vec<String>,
    },
    /// Two things of one kind share an id.
    #[error("{location}: duplicate {what} id `{id}`; it was first defined at {first}")]
    Duplicate {
        /// Where the second definition stands.
        location: Location,
        /// What kind of thing.
        what: IdKind,
        /// The id.
        id: String,
        /// Where the first definition stands.
        first: Location,
    },
    /// A question that loads on no axis and stands in no scored section: its answer would
    /// count nowhere.
    #[error(
        "{location}: question `{question}` counts nowhere: give it a loading on x or y, or put it in a section with `scored = true`"
    )]
    QuestionCountsNowhere {
        /// Where the question stands.
        location: Location,
        /// The question.
        question: String,
    },
    /// A band of an axis whose range is not an interval within 0–100.
    #[error(
        "{location}: band `{band}` of axis {axis} runs from {low} to {high}: expected a range [low, high] with 0 <= low < high <= 100"
    )]
    InvalidBand {
        /// Where the axis stands.
        location: Location,
        /// The axis.
        axis: AxisName,
        /// The band's (Dutch) label.
        band: String,
        /// The low end given.
        low: f64,
        /// The high end given.
        high: f64,
    },
    /// An instrument in which no question loads on an axis, so that it can place nobody.
    #[error(
        "{location}: no question loads on {axis}: an instrument needs questions with a loading on x and on y"
    )]
    AxisWithoutQuestions {
        /// The instrument's start.
        location: Location,
        /// The axis.
        axis: AxisName,
    },
    /// A weight that is zero, negative, NaN, infinite or absurdly large.
    #[error(
        "{location}: weight {value} of `{question}` is invalid: expected a number greater than 0 and at most {}",
        crate::instrument::MAX_WEIGHT
    )]
    InvalidWeight {
        /// Where the weight stands.
        location: Location,
        /// The question.
        question: String,
        /// The weight given.
        value: f64,
    },
    /// A loading that is NaN, infinite or absurdly large.
    #[error(
        "{location}: loading {value} of `{question}` on {axis} is invalid: expected a number from -{max} to {max}", max = crate::instrument::MAX_LOADING
    )]
    InvalidLoading {
        /// Where the loading stands.
        location: Location,
        /// The question.
        question: String,
        /// The axis.
        axis: AxisName,
        /// The loading given.
        value: f64,
    },
    /// A scale whose points or labels do not fit together.
    #[error("{location}: scale `{scale}` is invalid: {reason}")]
    InvalidScale {
        /// Where the scale stands.
        location: Location,
        /// The scale.
        scale: String,
        /// What is wrong and what was expected.
        reason: ScaleProblem,
    },
    /// A region whose interval on an axis is empty or leaves the axis range 0–100.
    #[error(
        "{location}: region `{region}` has {axis} interval [{low}, {high}): expected 0 <= low < high <= 100"
    )]
    RegionOutOfRange {
        /// Where the interval stands.
        location: Location,
        /// The region.
        region: String,
        /// The axis.
        axis: AxisName,
        /// The low end given.
        low: f64,
        /// The high end given.
        high: f64,
    },
    /// A register is not a record of the organisation's wijken and its ladder
    /// practices.
    #[error("{location}: {problem}")]
    InvalidRegister {
        /// Where the problem stands.
        location: Location,
        /// What is wrong.
        problem: RegisterProblem,
    },
    /// The `[ladder]` of an instrument is not a ladder of its sections.
    #[error("{location}: {problem}")]
    InvalidLadder {
        /// Where the problem stands (the rung, the axis or the threshold).
        location: Location,
        /// What is wrong.
        problem: LadderProblem,
    },
    /// A note in `[notes]` names a question that the instrument does not have.
    #[error(
        "{location}: unknown question `{id}` in [notes]{}",
        did_you_mean(suggestion)
    )]
    UnknownNote {
        /// Where the note's key stands.
        location: Location,
        /// The question id given.
        id: String,
        /// The closest question id of the instrument, if one is close.
        suggestion: Option<String>,
    },
    /// An ambition's `horizon` is not a plausible year, or is given for a current
    /// assessment (where it means nothing).
    #[error("{location}: {}", horizon(*year, *min, *max, *ambition))]
    InvalidHorizon {
        /// Where the horizon stands.
        location: Location,
        /// The year given.
        year: i64,
        /// The earliest plausible year: the year of the assessment's date.
        min: i64,
        /// The latest plausible year.
        max: i64,
        /// Whether the assessment is an ambition (a horizon belongs only to one).
        ambition: bool,
    },
    /// Regions that overlap, or leave part of the matrix uncovered, around a point.
    #[error("{location}: {}", region_cover(*x, *y, regions))]
    RegionCover {
        /// Where the `[[regions]]` start.
        location: Location,
        /// A point in the uncovered or doubly covered part.
        x: f64,
        /// A point in the uncovered or doubly covered part.
        y: f64,
        /// The regions that contain the point (empty for a gap).
        regions: Vec<String>,
    },
}

impl Error {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            Error::Toml { location, .. }
            | Error::UnknownKey { location, .. }
            | Error::MissingKey { location, .. }
            | Error::EmptyName { location, .. }
            | Error::UnknownKind { location, .. }
            | Error::UnknownValue { location, .. }
            | Error::NumberOutOfRange { location, .. }
            | Error::InvalidDate { location, .. }
            | Error::UnknownQuestion { location, .. }
            | Error::AnswerOffScale { location, .. }
            | Error::AnswerWrongType { location, .. }
            | Error::UnknownNotAllowed { location, .. }
            | Error::UnknownScale { location, .. }
            | Error::UnknownMatrix { location, .. }
            | Error::UnknownInstrument { location, .. }
            | Error::Duplicate { location, .. }
            | Error::QuestionCountsNowhere { location, .. }
            | Error::AxisWithoutQuestions { location, .. }
            | Error::InvalidBand { location, .. }
            | Error::InvalidWeight { location, .. }
            | Error::InvalidLoading { location, .. }
            | Error::InvalidScale { location, .. }
            | Error::RegionOutOfRange { location, .. }
            | Error::RegionCover { location, .. }
            | Error::InvalidLadder { location, .. }
            | Error::InvalidRegister { location, .. }
            | Error::UnknownNote { location, .. }
            | Error::InvalidHorizon { location, .. } => location,
        }
    }

    /// The message without the leading location, for callers that print it separately.
    pub fn message(&self) -> String {
        let full = self.to_string();
        let prefix = format!("{}: ", self.location());
        full.strip_prefix(&prefix)
            .map(str::to_string)
            .unwrap_or(full)
    }

    /// The message without the leading location, in `lang`. The English text is
    /// [`Error::message`]; the Dutch text says the same for Dutch housing professionals.
    /// Each variant's Dutch text is written from its fields. Only an [`Error::Toml`] holds
    /// another crate's English (the TOML reader's); it is translated by its shape, and one
    /// whose shape is not known says in Dutch that the TOML is invalid here, leaving the
    /// reader's explanation to an English run.
    ///
    /// ```
    /// use koers::{Assessment, Lang, Source};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\ndatum = 2026-05-31\n";
    /// let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
    /// let error = &invalid.errors[0];
    /// assert!(error.message_in(Lang::En).starts_with("unknown field `datum`"));
    /// assert!(error.message_in(Lang::Nl).starts_with("onbekende sleutel `datum`"));
    /// ```
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.message(),
            Lang::Nl => crate::dutch::error(self),
        }
    }

    /// The nearest valid value to the one given, when one is close: a question id, a kind
    /// (`current` for `curent`), a key of the document, an instrument, matrix or scale.
    /// A program can offer it as a fix; [`Error::help_in`] words it.
    ///
    /// ```
    /// use koers::{Assessment, Lang, Source};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\nknid = \"current\"\n";
    /// let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
    /// let error = &invalid.errors[0];
    /// assert_eq!(error.suggestion().as_deref(), Some("kind"));
    /// assert_eq!(error.help_in(Lang::Nl).as_deref(), Some("bedoelt u `kind`?"));
    /// ```
    pub fn suggestion(&self) -> Option<String> {
        match self {
            Error::UnknownQuestion { suggestion, .. }
            | Error::UnknownNote { suggestion, .. }
            | Error::UnknownKey { suggestion, .. }
            | Error::UnknownKind { suggestion, .. }
            | Error::UnknownValue { suggestion, .. } => suggestion.clone(),
            Error::InvalidLadder {
                problem: LadderProblem::UnknownRung { suggestion, .. },
                ..
            } => suggestion.clone(),
            Error::InvalidLadder {
                problem: LadderProblem::UnknownAxis { suggestion, .. },
                ..
            } => suggestion.map(|axis| axis.to_string()),
            Error::InvalidRegister {
                problem:
                    RegisterProblem::UnknownWijk { suggestion, .. }
                    | RegisterProblem::UnknownPractice { suggestion, .. },
                ..
            } => suggestion.clone(),
            Error::UnknownScale { scale, known, .. } => nearest(scale, known),
            Error::UnknownMatrix { id, known, .. } | Error::UnknownInstrument { id, known, .. } => {
                nearest(id, known)
            }
            // A misspelt "weet niet" or "n.v.t." (the value as written: quoted text).
            Error::AnswerWrongType {
                found,
                unknown_allowed,
                ..
            } => {
                let word = found.strip_prefix('"')?.strip_suffix('"')?;
                let unknown: &[&str] = if *unknown_allowed {
                    crate::assessment::UNKNOWN_WORDS
                } else {
                    &[]
                };
                let words: Vec<&str> = unknown
                    .iter()
                    .chain(crate::assessment::NOT_APPLICABLE_WORDS)
                    .copied()
                    .collect();
                nearest(word, &words)
            }
            _ => None,
        }
    }

    /// "did you mean `x`?" in `lang`, for the [`Error::suggestion`], if there is one.
    /// A kind is suggested in the words of `lang` in Dutch (`huidig` for a misspelt
    /// `current`), as a Dutch file writes it; an English run suggests the nearest word of
    /// either language.
    pub fn help_in(&self, lang: Lang) -> Option<String> {
        let suggestion = self.suggestion()?;
        Some(match lang {
            Lang::En => format!("did you mean `{suggestion}`?"),
            Lang::Nl if matches!(self, Error::UnknownKind { .. }) => {
                format!("bedoelt u `{}`?", crate::Kind::dutch_word(&suggestion))
            }
            Lang::Nl => format!("bedoelt u `{suggestion}`?"),
        })
    }

    /// [`Error::message_in`] without the "did you mean" that some messages end with, for
    /// a caller that shows [`Error::help_in`] on a line of its own.
    pub fn headline_in(&self, lang: Lang) -> String {
        let message = self.message_in(lang);
        let lead = match lang {
            Lang::En => "; did you mean ",
            Lang::Nl => "; bedoelt u ",
        };
        match message.rfind(lead) {
            Some(at) if message.ends_with('?') => message[..at].to_string(),
            _ => message,
        }
    }
}

/// What kind of thing an id names, in [`Error::Duplicate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IdKind {
    /// A question of an instrument.
    Question,
    /// A section of an instrument.
    Section,
    /// A region of a matrix.
    Region,
}

impl fmt::Display for IdKind {
    /// The English noun; the Dutch one comes from [`Error::message_in`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdKind::Question => "question",
            IdKind::Section => "section",
            IdKind::Region => "region",
        })
    }
}

/// What is wrong with a scale of an instrument, in [`Error::InvalidScale`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ScaleProblem {
    /// The lowest point is not below the highest.
    #[error("min {min} is not below max {max}")]
    MinNotBelowMax {
        /// The lowest point given.
        min: i64,
        /// The highest point given.
        max: i64,
    },
    /// The labels do not name each point once.
    #[error(
        "it has {labels} labels: expected one label per point, {} for {min} to {max}",
        points(*min, *max)
    )]
    LabelCount {
        /// How many labels there are.
        labels: usize,
        /// The lowest point.
        min: i64,
        /// The highest point.
        max: i64,
    },
}

/// The number of points from `min` to `max` (wider than `i64`: a scale may span it all).
pub(crate) fn points(min: i64, max: i64) -> i128 {
    i128::from(max) - i128::from(min) + 1
}

/// What is wrong with an instrument's `[ladder]`.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum LadderProblem {
    /// The axis is neither `x` nor `y`.
    #[error(
        "unknown ladder axis `{axis}`: expected `x` or `y`{}",
        did_you_mean(suggestion)
    )]
    UnknownAxis {
        /// The axis given.
        axis: String,
        /// The axis meant, when the word is close to one (`X`, `yy`) and not as close
        /// to the other.
        suggestion: Option<AxisName>,
    },
    /// The list of rungs is empty.
    #[error("the ladder has no rungs: expected the ids of its rung sections, lowest first")]
    NoRungs,
    /// A rung names no section of the instrument.
    #[error(
        "unknown rung `{rung}`: expected the id of a section{}",
        did_you_mean(suggestion)
    )]
    UnknownRung {
        /// The section id given.
        rung: String,
        /// The closest section id, if one is close.
        suggestion: Option<String>,
    },
    /// A rung is named twice.
    #[error("rung `{rung}` is named twice: expected each rung once")]
    DuplicateRung {
        /// The section id.
        rung: String,
    },
    /// A rung section has no question that loads on the ladder's axis.
    #[error(
        "rung `{rung}` has no question that loads on {axis}: expected a rung section of the ladder's axis"
    )]
    RungOffAxis {
        /// The section id.
        rung: String,
        /// The ladder's axis.
        axis: AxisName,
    },
    /// A rung section has a question that loads on another axis than the ladder's.
    #[error(
        "rung `{rung}` has question `{question}`, which loads on {axis}: expected the questions of a rung to load on the ladder's axis only"
    )]
    RungOnOtherAxis {
        /// The section id.
        rung: String,
        /// The question that loads elsewhere.
        question: String,
        /// The other axis.
        axis: AxisName,
    },
    /// A section loads on the ladder's axis but is not one of its rungs: the ladder rule
    /// would leave its answers out.
    #[error(
        "section `{section}` loads on {axis} but is not a rung: expected every section on the ladder's axis among the rungs"
    )]
    NotARung {
        /// The section id.
        section: String,
        /// The ladder's axis.
        axis: AxisName,
    },
    /// The threshold is not strictly between 0 and 1.
    #[error(
        "ladder threshold {value} is out of range: expected a number between 0 and 1 (not 0 or 1 itself)"
    )]
    Threshold {
        /// The threshold given.
        value: f64,
    },
    /// A step of the ladder's `counting` rule that cannot be used.
    #[error("counting step for point {point} {fault}")]
    Counting {
        /// The step's point.
        point: i64,
        /// What is wrong with it.
        fault: CountingFault,
    },
}

/// What is wrong with a step of a ladder's `counting` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CountingFault {
    /// The point is not on the scale of every rung question.
    #[error("is off the scale of a rung question: expected a point from {min} to {max}")]
    OffScale {
        /// The scale's lowest point.
        min: i64,
        /// The scale's highest point.
        max: i64,
    },
    /// The step names no condition.
    #[error("has no condition: expected `wijken`, `share` or `above`")]
    NoCondition,
    /// A share is outside 0–1.
    #[error("has a share outside 0–1: expected `share` and `above` from 0 to 1")]
    Share,
    /// The points do not rise from step to step.
    #[error("does not rise above the step before it: expected the steps lowest point first")]
    NotIncreasing,
}

/// What is wrong with a register (a record of the wijken where each ladder practice
/// ran).
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RegisterProblem {
    /// The register lists no wijk.
    #[error(
        "the register lists no wijken: expected at least one [[wijken]] with id, name and homes"
    )]
    NoWijken,
    /// Two wijken share an id.
    #[error("duplicate wijk id `{id}`; it was first defined at {first}")]
    DuplicateWijk {
        /// The id.
        id: String,
        /// Where the first wijk with it stands.
        first: Location,
    },
    /// A wijk's homes are not a positive whole number.
    #[error(
        "homes {found} of wijk `{wijk}` is not a positive whole number: expected the number of homes, e.g. 1200"
    )]
    Homes {
        /// The wijk.
        wijk: String,
        /// The value given, as written in TOML.
        found: String,
    },
    /// A practice names a wijk the register does not list.
    #[error(
        "unknown wijk `{wijk}` in [practices] `{practice}`{}",
        did_you_mean(suggestion)
    )]
    UnknownWijk {
        /// The practice (a ladder question id).
        practice: String,
        /// The wijk id given.
        wijk: String,
        /// The closest wijk id, if one is close.
        suggestion: Option<String>,
    },
    /// A practice names one wijk twice.
    #[error("wijk `{wijk}` is named twice in [practices] `{practice}`: expected each wijk once")]
    WijkTwice {
        /// The practice.
        practice: String,
        /// The wijk id.
        wijk: String,
    },
    /// A key of `[practices]` is no question of the instrument.
    #[error(
        "unknown question `{id}` in [practices]: expected a ladder question of the instrument{}",
        did_you_mean(suggestion)
    )]
    UnknownPractice {
        /// The id given.
        id: String,
        /// The closest ladder question id, if one is close.
        suggestion: Option<String>,
    },
    /// A key of `[practices]` is a question off the ladder.
    #[error(
        "question `{id}` in [practices] is not a ladder question (it stands in section `{section}`): expected a question of a rung section"
    )]
    NotLadder {
        /// The question id.
        id: String,
        /// Its section.
        section: String,
    },
    /// The instrument has no ladder, so a register means nothing to it.
    #[error(
        "instrument `{instrument}` declares no ladder: a register records the ladder's practices"
    )]
    NoLadder {
        /// The instrument's id.
        instrument: String,
    },
    /// The instrument states no counting rule for a rung question's scale.
    #[error(
        "question `{question}` is on scale `{scale}`, for which the instrument states no counting rule: expected `counting` in its [ladder]"
    )]
    NoCounting {
        /// The question.
        question: String,
        /// Its scale.
        scale: String,
    },
}

fn horizon(year: i64, min: i64, max: i64, ambition: bool) -> String {
    if ambition {
        format!("horizon {year} is not a plausible year: expected a year from {min} to {max}")
    } else {
        format!(
            "horizon {year} is given for a current assessment: expected it only with kind = \"ambition\""
        )
    }
}

/// The closest of `known` to `given`, if it is close: within a third of its length, and
/// at least within two edits.
pub(crate) fn nearest(given: &str, known: &[impl AsRef<str>]) -> Option<String> {
    let lower = given.trim().to_lowercase();
    known
        .iter()
        .map(AsRef::as_ref)
        .map(|k| (strsim::levenshtein(&lower, &k.to_lowercase()), k))
        .filter(|&(distance, k)| distance > 0 && distance <= 2.max(k.chars().count() / 3))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, k)| k.to_string())
}

/// A document that is not valid: MANY problems, every one found in it (not only the
/// first), each an [`Error`], and the warnings found beside them. This is the error type
/// of the parse functions; its `Display` shows one error a line.
///
/// Serialized, it is `{"errors": [...], "warnings": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub struct Invalid {
    /// The problems, in the order of the document.
    pub errors: Vec<Error>,
    /// What would have been warned about had the document been valid (such as questions
    /// not answered), so that errors do not hide it.
    pub warnings: Vec<Warning>,
}

impl Invalid {
    pub(crate) fn new(mut errors: Vec<Error>) -> Self {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        Invalid {
            errors,
            warnings: Vec::new(),
        }
    }

    pub(crate) fn one(error: Error) -> Self {
        Invalid {
            errors: vec![error],
            warnings: Vec::new(),
        }
    }

    pub(crate) fn with_warnings(mut self, warnings: Vec<Warning>) -> Self {
        self.warnings = warnings;
        self
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// Something that does not stop scoring but lowers its worth.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Warning {
    /// Questions of the instrument that the assessment does not answer (not even with
    /// "unknown"). They are left out of the sums and lower the coverage.
    #[error("{location}: {} of {total} questions not answered: {}", questions.len(), questions.join(", "))]
    Unanswered {
        /// The `[answers]` table (or the document, when there is none).
        location: Location,
        /// The ids of the questions not answered.
        questions: Vec<String>,
        /// The number of questions in the instrument.
        total: usize,
    },
}

impl Warning {
    /// Where the warning points.
    pub fn location(&self) -> &Location {
        match self {
            Warning::Unanswered { location, .. } => location,
        }
    }

    /// The message without the leading location, for callers that print it separately.
    pub fn message(&self) -> String {
        without_location(self.to_string(), self.location())
    }

    /// The message without the leading location, in `lang` (English: [`Warning::message`]).
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.message(),
            Lang::Nl => crate::dutch::warning(self),
        }
    }
    /// [`Warning::message_in`] with at most `shown` question ids, then how many more
    /// ("… en nog 39"): for a terminal, where 47 ids make one line of 700 characters. The
    /// whole list stays in [`Warning::message_in`], for a program that reads every id.
    ///
    /// ```
    /// use koers::{Lang, Warning};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\n";
    /// let instrument = koers::builtin::instrument("sev").unwrap();
    /// let assessment = koers::Assessment::parse(&koers::Source::new("a.toml", text)).unwrap();
    /// let (warnings, _) = instrument.check_and_score(&assessment).unwrap();
    /// let brief = warnings[0].brief_in(Lang::Nl, 8);
    /// assert!(brief.starts_with("47 van de 47 vragen niet beantwoord: beheerder, "));
    /// assert!(brief.ends_with(" … en nog 39"));
    /// assert!(warnings[0].brief_in(Lang::En, 8).ends_with(" … and 39 more"));
    /// ```
    pub fn brief_in(&self, lang: Lang, shown: usize) -> String {
        match self {
            Warning::Unanswered {
                questions, total, ..
            } => {
                let mut list = questions
                    .iter()
                    .take(shown)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = questions.len().saturating_sub(shown);
                if more > 0 {
                    list.push_str(&match lang {
                        Lang::En => format!(" … and {more} more"),
                        Lang::Nl => format!(" … en nog {more}"),
                    });
                }
                match lang {
                    Lang::En => format!(
                        "{} of {total} questions not answered: {list}",
                        questions.len()
                    ),
                    Lang::Nl => format!(
                        "{} van de {total} vragen niet beantwoord: {list}",
                        questions.len()
                    ),
                }
            }
        }
    }
}

/// Every message starts with "location: "; this strips it.
fn without_location(full: String, location: &Location) -> String {
    let prefix = format!("{location}: ");
    full.strip_prefix(&prefix)
        .map(str::to_string)
        .unwrap_or(full)
}

fn did_you_mean(suggestion: &Option<impl fmt::Display>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// `"word"` as the kind message quotes it, after "; did you mean".
fn did_you_mean_quoted(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; did you mean \"{s}\"?"))
        .unwrap_or_default()
}

/// serde's words for the values of an enum ("expected `a` or `b`"), as the English message
/// of an unknown value has always had them.
fn expected_values(expected: &[String]) -> String {
    if expected.is_empty() {
        "there are no values".to_string()
    } else {
        expected_keys(expected)
    }
}

/// serde's words for the keys a table has ("expected one of `a`, `b`, `c`"), which the
/// English message of an unknown key has always used.
fn expected_keys(expected: &[String]) -> String {
    let quoted: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [] => "there are no fields".to_string(),
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        many => format!("expected one of {}", many.join(", ")),
    }
}

fn or_unknown(allowed: bool) -> &'static str {
    if allowed { " or \"unknown\"" } else { "" }
}

fn scale_range(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!(" from {min} to {max}"),
        _ => String::new(),
    }
}

/// Ids in backticks, separated by commas; shared with the Dutch messages.
pub(crate) fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn region_cover(x: f64, y: f64, regions: &[String]) -> String {
    if regions.is_empty() {
        format!(
            "no region contains the point ({x}, {y}): expected the regions to cover 0–100 × 0–100"
        )
    } else {
        format!(
            "regions {} overlap at ({x}, {y}): expected every point in exactly one region",
            list(regions)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Assessment, Source};

    fn here() -> Location {
        Source::new("a.toml", "").whole()
    }

    #[test]
    fn the_nearest_valid_value_is_structured_data() {
        let text = "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = 2026-01-01\nkidn = \"current\"\nxyz = 1\n";
        let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
        let [unknown_field, far] = invalid.errors.as_slice() else {
            panic!("{invalid}");
        };
        assert_eq!(unknown_field.suggestion().as_deref(), Some("kind"));
        assert_eq!(
            unknown_field.help_in(Lang::En).as_deref(),
            Some("did you mean `kind`?")
        );
        assert_eq!(far.suggestion(), None);
        assert_eq!(far.help_in(Lang::Nl), None);
        // A TOML reader's message is no source of suggestions.
        let toml = Error::Toml {
            location: here(),
            message: "unknown field `kidn`, expected `kind`".into(),
        };
        assert_eq!(toml.suggestion(), None);
        let instrument = Error::UnknownInstrument {
            location: here(),
            id: "sef".into(),
            known: vec!["sev".into()],
        };
        assert_eq!(instrument.suggestion().as_deref(), Some("sev"));
        let off_scale = Error::AnswerOffScale {
            location: here(),
            question: "beheerder".into(),
            value: 7,
            min: 1,
            max: 5,
            unknown_allowed: true,
        };
        assert_eq!(off_scale.suggestion(), None);
    }

    #[test]
    fn the_headline_leaves_the_suggestion_to_the_help_in_both_languages() {
        let text = "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = 2026-01-01\nkind = \"curent\"\n";
        let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
        let error = &invalid.errors[0];
        assert_eq!(error.suggestion().as_deref(), Some("current"));
        for lang in [Lang::En, Lang::Nl] {
            let full = error.message_in(lang);
            let headline = error.headline_in(lang);
            assert!(full.len() > headline.len(), "{full}");
            assert!(full.starts_with(&headline));
            assert!(!headline.contains('?'), "{headline}");
        }
        // A Dutch run suggests the Dutch word, as a Dutch file writes it.
        assert_eq!(
            error.help_in(Lang::Nl).as_deref(),
            Some("bedoelt u `huidig`?")
        );
        // A message without a suggestion is its own headline.
        let missing = Error::Toml {
            location: here(),
            message: "missing field `date`".into(),
        };
        assert_eq!(missing.headline_in(Lang::En), missing.message());
    }

    #[test]
    fn an_invalid_document_serializes_each_problem_tagged_by_its_kind() {
        let text = "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = \"31-05-2026\"\nkidn = \"current\"\n";
        let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
        let json = serde_json::to_value(&invalid).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "errors": [
                    {
                        "kind": "invalid-date",
                        "location": {"source": "a.toml", "line": 5, "column": 8},
                        "given": "31-05-2026",
                        "problem": {"kind": "text", "text": "31-05-2026"},
                    },
                    {
                        "kind": "unknown-key",
                        "location": {"source": "a.toml", "line": 6, "column": 1},
                        "key": "kidn",
                        "expected": ["date", "kind", "round", "respondent", "role", "source", "horizon", "werkgebied"],
                        "suggestion": "kind",
                    },
                ],
                "warnings": [],
            })
        );
        // A problem nested in another keeps its own tag.
        let ladder = Error::InvalidLadder {
            location: here(),
            problem: LadderProblem::Counting {
                point: 3,
                fault: CountingFault::OffScale { min: 1, max: 2 },
            },
        };
        assert_eq!(
            serde_json::to_value(&ladder).unwrap()["problem"],
            serde_json::json!({"kind": "counting", "point": 3, "fault": {"kind": "off-scale", "min": 1, "max": 2}})
        );
        let warning = Warning::Unanswered {
            location: here(),
            questions: vec!["a".into()],
            total: 2,
        };
        assert_eq!(
            serde_json::to_value(&warning).unwrap()["kind"],
            "unanswered"
        );
    }

    #[test]
    fn a_strict_parse_reports_every_problem_of_the_header_at_once() {
        let text = "instrument = \"sev\"\n[organisation]\nname = \" \"\n[assessment]\ndate = \"31-05-2026\"\nkind = \"curent\"\n";
        let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
        let lines: Vec<usize> = invalid.errors.iter().map(|e| e.location().line).collect();
        assert_eq!(lines, [3, 5, 6], "{invalid}");
        let lenient = Assessment::parse_lenient(&Source::new("a.toml", text)).unwrap();
        assert_eq!(lenient.problems(), invalid.errors.as_slice());
        let good = text
            .replace("\" \"", "\"X\"")
            .replace("\"31-05-2026\"", "2026-05-31")
            .replace("curent", "current");
        let good = Assessment::parse_lenient(&Source::new("a.toml", &good)).unwrap();
        assert!(good.problems().is_empty());
    }

    /// A word that none of an enum field's values is gets the nearest value as data, in
    /// both languages, as a misspelt key does (serde's "unknown variant" once lost it).
    #[test]
    fn a_misspelt_enum_value_gets_the_nearest_value() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Settings {
            lang: Lang,
            kind: crate::Kind,
        }
        let read = |text: &str| {
            let invalid = crate::read_toml::<Settings>(&Source::new("s.toml", text)).unwrap_err();
            invalid.errors[0].clone()
        };
        let error = read("lang = \"nl\"\nkind = \"ambtion\"\n");
        let Error::UnknownValue {
            given,
            expected,
            suggestion,
            ..
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!(given, "ambtion");
        assert!(expected.contains(&"current".to_string()), "{expected:?}");
        assert_eq!(suggestion.as_deref(), Some("ambition"));
        assert_eq!(error.location().to_string(), "s.toml:2:8");
        assert_eq!(error.suggestion().as_deref(), Some("ambition"));
        assert_eq!(
            error.help_in(Lang::Nl).as_deref(),
            Some("bedoelt u `ambition`?")
        );
        assert!(
            error
                .message_in(Lang::En)
                .ends_with("; did you mean `ambition`?")
        );
        assert!(
            error
                .message_in(Lang::Nl)
                .starts_with("onbekende waarde `ambtion`: verwacht ")
        );
        for lang in [Lang::En, Lang::Nl] {
            assert!(!error.headline_in(lang).contains('?'), "{error}");
        }
        assert_eq!(
            serde_json::to_value(&error).unwrap()["kind"],
            "unknown-value"
        );
        let lang = read("lang = \"nll\"\nkind = \"current\"\n");
        assert_eq!(lang.suggestion().as_deref(), Some("nl"), "{lang:?}");
        // Nothing near: no suggestion, the values are still listed.
        let far = read("lang = \"français\"\nkind = \"current\"\n");
        assert_eq!(far.suggestion(), None);
        assert!(far.message().contains("`en`"), "{far}");
    }

    /// A ladder's axis that is no axis is suggested the axis meant, as a typed axis.
    #[test]
    fn a_misspelt_ladder_axis_gets_the_axis_meant() {
        let axis = |word: &str| {
            let text = crate::builtin::SEV_INSTRUMENT_TOML.replacen(
                "axis = \"y\"",
                &format!("axis = \"{word}\""),
                1,
            );
            let invalid = crate::Instrument::parse(&Source::new("i.toml", &text)).unwrap_err();
            let error = invalid.errors[0].clone();
            let Error::InvalidLadder {
                problem: LadderProblem::UnknownAxis { suggestion, .. },
                ..
            } = &error
            else {
                panic!("{invalid}");
            };
            (*suggestion, error)
        };
        let (yy, error) = axis("yy");
        assert_eq!(yy, Some(AxisName::Y));
        assert_eq!(error.help_in(Lang::Nl).as_deref(), Some("bedoelt u `y`?"));
        assert!(error.message_in(Lang::En).ends_with("; did you mean `y`?"));
        assert!(error.message_in(Lang::Nl).ends_with("; bedoelt u `y`?"));
        assert_eq!(axis("X").0, Some(AxisName::X));
        assert_eq!(axis("x1").0, Some(AxisName::X));
        // As near to both, or to neither: no guess.
        assert_eq!(axis("z").0, None);
        assert_eq!(axis("horizontaal").0, None);
    }

    /// The axis of an error is an [`AxisName`], serialized and shown as `x` or `y`.
    #[test]
    fn an_axis_in_an_error_is_an_axis_name() {
        let text = crate::builtin::SEV_MATRIX_TOML.replacen("y = [0, 25]", "y = [0, 125]", 1);
        assert_ne!(
            text,
            crate::builtin::SEV_MATRIX_TOML,
            "the matrix has y = [0, 25]"
        );
        let invalid = crate::Matrix::parse(&Source::new("m.toml", &text)).unwrap_err();
        let error = invalid
            .errors
            .iter()
            .find(|e| matches!(e, Error::RegionOutOfRange { .. }))
            .unwrap_or_else(|| panic!("{invalid}"));
        let Error::RegionOutOfRange { axis, .. } = error else {
            unreachable!()
        };
        assert_eq!(*axis, AxisName::Y);
        assert_eq!(serde_json::to_value(error).unwrap()["axis"], "y");
        assert!(
            error.message_in(Lang::En).contains("has y interval"),
            "{error}"
        );
        assert!(
            error.message_in(Lang::Nl).contains("op y het interval"),
            "{error}"
        );
    }
}
