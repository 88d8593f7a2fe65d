//! What can be wrong with a matrix, an instrument or an assessment, each with its place.

use crate::{Lang, Location};
use std::fmt;

/// One problem in one document. Every variant carries the [`Location`] it points at and
/// the values involved, so that a program can act on it and a person can fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not valid TOML, or does not have the shape of the document: a syntax
    /// error, a misspelled or unknown key, a missing field, a value of the wrong type.
    #[error("{location}: {message}")]
    Toml {
        /// Where the TOML reader stopped.
        location: Location,
        /// The reader's explanation, including what it expected.
        message: String,
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
        /// What kind of thing: "question", "region", "section" or "scale".
        what: &'static str,
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
        /// The axis, `x` or `y`.
        axis: &'static str,
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
        /// The axis, `x` or `y`.
        axis: &'static str,
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
        /// The axis, `x` or `y`.
        axis: &'static str,
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
        reason: String,
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
        /// The axis, `x` or `y`.
        axis: &'static str,
        /// The low end given.
        low: f64,
        /// The high end given.
        high: f64,
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
            | Error::RegionCover { location, .. } => location,
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
    /// A TOML syntax or shape error is translated by its shape; one this library does not
    /// know keeps the TOML reader's English text behind a Dutch lead.
    ///
    /// ```
    /// use koers::{Assessment, Lang, Source};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndatum = 2026-05-31\n";
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
}

/// A document that is not valid, with every problem found in it (not only the first).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct Invalid {
    /// The problems, in the order of the document.
    pub errors: Vec<Error>,
}

impl Invalid {
    pub(crate) fn new(mut errors: Vec<Error>) -> Self {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        Invalid { errors }
    }

    pub(crate) fn one(error: Error) -> Self {
        Invalid {
            errors: vec![error],
        }
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
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
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
}

/// Every message starts with "location: "; this strips it.
fn without_location(full: String, location: &Location) -> String {
    let prefix = format!("{location}: ");
    full.strip_prefix(&prefix)
        .map(str::to_string)
        .unwrap_or(full)
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
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
