//! One respondent's answers to an instrument, as written by hand in TOML.

use crate::toml_doc::{Tree, fields_of, located};
use crate::{Date, Error, Invalid, Location, Source};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// One respondent's filled-in questionnaire.
///
/// Build one in code, or parse one with [`Assessment::parse`]; a parsed assessment keeps
/// where each answer stands, so that [`Instrument::check`](crate::Instrument::check) can
/// point at it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Assessment {
    /// The instrument answered: a built-in id such as `sev`, or a path to an instrument file
    /// (relative to the assessment file), which the caller resolves.
    pub instrument: String,
    /// Whose position this is.
    pub organisation: Organisation,
    /// When, what kind, and by whom.
    pub assessment: AssessmentInfo,
    /// The answers by question id.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// A sentence per question id (`[notes]`): why an answer was given, or the passage it
    /// rests on. Every id is a question of the instrument (checked with the answers).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
    #[serde(skip)]
    pub(crate) origin: Option<Origin>,
}

impl PartialEq for Assessment {
    /// Two assessments are equal when they say the same: where each was read from (its
    /// file name, its text, the places of its answers) is not compared, so that a parsed
    /// assessment equals the same one built in code or read from another file.
    ///
    /// ```
    /// use koers::{Assessment, Source};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\n";
    /// let here = Assessment::parse(&Source::new("a.toml", text))?;
    /// let there = Assessment::parse(&Source::new("b/a.toml", format!("# a copy\n{text}")))?;
    /// assert_eq!(here, there);
    /// # Ok::<(), koers::Invalid>(())
    /// ```
    fn eq(&self, other: &Self) -> bool {
        // Destructured, so that a field added later is not forgotten here.
        let Assessment {
            instrument,
            organisation,
            assessment,
            answers,
            notes,
            origin: _,
        } = self;
        *instrument == other.instrument
            && *organisation == other.organisation
            && *assessment == other.assessment
            && *answers == other.answers
            && *notes == other.notes
    }
}

/// The top-level keys that hold a table (the others hold a value).
const TABLES: &[&str] = &["organisation", "assessment", "answers", "notes"];

/// The horizon of an ambition lies at most this many years after its date.
pub const HORIZON_YEARS: i64 = 50;

/// The organisation assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The name, e.g. "Woonstichting De Dijk".
    pub name: String,
    /// The grouping key; the name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Organisation {
    /// The grouping key: the id, or else the name.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.name)
    }
}

/// When the assessment was made, of what kind, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInfo {
    /// The date the answers describe.
    pub date: Date,
    /// Where we stand now, or where we want to be.
    #[serde(default)]
    pub kind: Kind,
    /// The survey round, e.g. `2026-voorjaar`: respondents of one organisation, kind and
    /// round form one group, whatever day each answered. Without a round, the date
    /// groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// An anonymous respondent code, e.g. `r07`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The respondent's role, free text, e.g. `woonconsulent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Where the answers come from, free text, e.g. "Lezing van het artikel …, niet
    /// Portaal's eigen beoordeling": for answers that are not the organisation's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The year an ambition aims at, e.g. 2030; only for kind ambition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<i64>,
    /// The wijken or kernen the respondent answers for; empty: the whole organisation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub werkgebied: Vec<String>,
}

impl AssessmentInfo {
    /// The header of an assessment of `kind` at `date`, with nothing else given.
    pub fn new(date: Date, kind: Kind) -> Self {
        AssessmentInfo {
            date,
            kind,
            round: None,
            respondent: None,
            role: None,
            source: None,
            horizon: None,
            werkgebied: Vec::new(),
        }
    }
}

/// The kind of assessment. Written `"current"` or `"ambition"`, or in Dutch `"huidig"`
/// (`"huidige"`) or `"ambitie"`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Where we stand now (waar staan we).
    #[default]
    #[serde(alias = "huidig", alias = "huidige")]
    Current,
    /// Where we want to be (waar willen we naartoe).
    #[serde(alias = "ambitie")]
    Ambition,
}

/// The words a file may give as its kind, and what each means.
pub(crate) const KIND_WORDS: [(&str, Kind); 5] = [
    ("current", Kind::Current),
    ("ambition", Kind::Ambition),
    ("huidig", Kind::Current),
    ("huidige", Kind::Current),
    ("ambitie", Kind::Ambition),
];

impl Kind {
    /// Reads a kind in English or Dutch, ignoring case and surrounding spaces.
    pub fn from_word(word: &str) -> Option<Kind> {
        let word = word.trim().to_lowercase();
        KIND_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|&(_, kind)| kind)
    }

    /// The Dutch word of the kind that `word` names (`current` gives `huidig`), for a
    /// Dutch suggestion; `word` itself when it names none.
    pub(crate) fn dutch_word(word: &str) -> &str {
        match Kind::from_word(word) {
            Some(Kind::Current) => "huidig",
            Some(Kind::Ambition) => "ambitie",
            None => word,
        }
    }

    /// The kind word closest to a misspelled one, if any is close.
    fn nearest(word: &str) -> Option<&'static str> {
        let word = word.trim().to_lowercase();
        KIND_WORDS
            .iter()
            .map(|(w, _)| (strsim::levenshtein(&word, w), *w))
            .filter(|&(distance, w)| distance <= 2.max(w.len() / 3))
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, w)| w)
    }
}

impl FromStr for Kind {
    type Err = crate::UnknownWord;
    /// Reads a kind in English or Dutch (`current`, `huidig`, `huidige`, `ambition`,
    /// `ambitie`), ignoring case and surrounding spaces, like [`Kind::from_word`].
    ///
    /// ```
    /// use koers::Kind;
    /// assert_eq!("Ambitie".parse::<Kind>(), Ok(Kind::Ambition));
    /// assert_eq!(" huidig ".parse::<Kind>(), Ok(Kind::Current));
    /// assert!("gisteren".parse::<Kind>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Kind, crate::UnknownWord> {
        crate::UnknownWord::look_up(text, "kind", &KIND_WORDS, &["current", "ambition"])
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Current => "current",
            Kind::Ambition => "ambition",
        })
    }
}

/// An answer: a point on the question's scale, "weet niet" (don't know) or "n.v.t." (not
/// applicable). Written as a whole number, `"unknown"` or `"weet niet"`, or `"n.v.t."`
/// (`"nvt"`, `"not applicable"`); in a TOML file, `""` marks a question not answered yet
/// (as if the line were absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A point on the scale.
    Point(i64),
    /// Don't know (weet niet): left out of the sums, lowers the coverage.
    Unknown,
    /// Not applicable (n.v.t.): the situation did not occur. Left out of the sums like
    /// "weet niet", and kept apart so that a report can tell the two.
    NotApplicable,
}

impl Answer {
    /// Reads the text of a non-numeric answer, ignoring case and surrounding spaces.
    pub fn from_word(word: &str) -> Option<Answer> {
        let word = word.trim().to_lowercase();
        if UNKNOWN_WORDS.contains(&word.as_str()) {
            Some(Answer::Unknown)
        } else if NOT_APPLICABLE_WORDS.contains(&word.as_str()) {
            Some(Answer::NotApplicable)
        } else {
            None
        }
    }
}

/// The words read as "weet niet" (in lower case; case and surrounding spaces do not
/// matter). The JSON Schemas list them too, so an editor offers exactly these.
pub(crate) const UNKNOWN_WORDS: &[&str] = &[
    "unknown",
    "weet niet",
    "weetniet",
    "don't know",
    "dont know",
];

/// The words read as "n.v.t.", as [`UNKNOWN_WORDS`].
pub(crate) const NOT_APPLICABLE_WORDS: &[&str] = &[
    "n.v.t.",
    "n.v.t",
    "nvt",
    "niet van toepassing",
    "not applicable",
    "n/a",
];

const UNKNOWN: &str = "unknown";
const NOT_APPLICABLE: &str = "n.v.t.";

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Point(point) => serializer.serialize_i64(*point),
            Answer::Unknown => serializer.serialize_str(UNKNOWN),
            Answer::NotApplicable => serializer.serialize_str(NOT_APPLICABLE),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Answer, D::Error> {
        struct AnswerVisitor;
        impl Visitor<'_> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number, \"unknown\" (weet niet) or \"n.v.t.\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Answer, E> {
                Ok(Answer::Point(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
                i64::try_from(v)
                    .map(Answer::Point)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                Answer::from_word(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// Where the parts of a parsed assessment stand, kept as byte offsets into its text: a
/// place becomes a [`Location`] (line and column) only when a message needs it, so that
/// a valid file costs no line counting and no copy of its name per answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Origin {
    /// The source's name and text, to turn an offset into a location.
    name: Arc<str>,
    text: Arc<str>,
    /// The value of `instrument = ...`.
    instrument: usize,
    /// The organisation's name.
    organisation: usize,
    /// The respondent code, if given.
    respondent: Option<usize>,
    /// The `[answers]` header; `None`: there is none, and the document start stands for it.
    answers: Option<usize>,
    /// The `[notes]` header, if there is one.
    notes: Option<usize>,
    /// Answers whose value is neither a whole number nor "unknown". They are kept out of
    /// `answers` and reported by `Instrument::check`, next to the other answer problems,
    /// so that one run shows every problem of the file.
    pub(crate) wrong_type: Vec<(String, String)>,
    /// Answers that could not be read at all (a number beyond 64 bits): their error is
    /// among `header_errors`, and they are not also reported as unanswered.
    pub(crate) unreadable: Vec<String>,
    /// Problems kept by [`Assessment::parse_lenient`] for the check: of the header, and of
    /// answers that could not be read.
    pub(crate) header_errors: Vec<Error>,
}

/// The date of an assessment whose date is invalid, read leniently: never scored, because
/// the check reports the date first.
const PLACEHOLDER_DATE: Date = Date::FIRST_OF_YEAR_ONE;

impl Origin {
    /// The text with its name, to locate offsets in (build it once for many lookups: it
    /// indexes the line starts on the first).
    pub(crate) fn source(&self) -> Source<'_> {
        Source::new(&*self.name, &*self.text)
    }

    /// The byte offset of the `[answers]` header, if there is one.
    pub(crate) fn answers(&self) -> Option<usize> {
        self.answers
    }

    /// Where the key and the value of each answer start: read again from the text, only
    /// when a message needs them (a valid file never does), so that parsing keeps no place
    /// per answer.
    pub(crate) fn answer_places(&self) -> HashMap<String, (usize, usize)> {
        self.places_in("answers", self.answers)
    }

    /// Where the key and the value of each note start, as [`Origin::answer_places`].
    pub(crate) fn note_places(&self) -> HashMap<String, (usize, usize)> {
        self.places_in("notes", self.notes)
    }

    /// The byte offset of the `[notes]` header, if there is one.
    pub(crate) fn notes(&self) -> Option<usize> {
        self.notes
    }

    /// The places in the table `table`, found where it was read (`at`, the offset of its
    /// header): a misspelt `[anwsers]` read as the answers has its places too.
    fn places_in(&self, table: &str, at: Option<usize>) -> HashMap<String, (usize, usize)> {
        let mut places = HashMap::new();
        // With recovery: an assessment read with syntax errors still has its places.
        let (root, _) = DeTable::parse_recoverable(&self.text);
        let root = root.get_ref();
        let value = root
            .values()
            .find(|value| Some(value.span().start) == at)
            .or_else(|| root.get(table));
        if let Some(DeValue::Table(answers)) = value.map(Spanned::get_ref) {
            for (key, value) in answers {
                places.insert(
                    key.get_ref().to_string(),
                    (key.span().start, value.span().start),
                );
            }
        }
        places
    }
}

impl Assessment {
    /// An assessment built in code (not parsed from a file).
    pub fn new(
        instrument: impl Into<String>,
        organisation: Organisation,
        assessment: AssessmentInfo,
        answers: BTreeMap<String, Answer>,
    ) -> Self {
        Assessment {
            instrument: instrument.into(),
            organisation,
            assessment,
            answers,
            notes: BTreeMap::new(),
            origin: None,
        }
    }

    /// Parses an assessment. The TOML shape (keys, required fields, the date) is checked
    /// here; the answers are checked against the instrument by
    /// [`Instrument::check`](crate::Instrument::check), which scoring calls too.
    pub fn parse(source: &Source<'_>) -> Result<Assessment, Invalid> {
        Tree::parse(source)?.into_assessment()
    }

    /// Reads an assessment from a document parsed once; any problem of the header is an
    /// error.
    pub(crate) fn from_document(document: Tree<'_>) -> Result<Assessment, Invalid> {
        let assessment = Assessment::lenient_from_document(document)?;
        match assessment.problems() {
            [] => Ok(assessment),
            problems => Err(Invalid::new(problems.to_vec())),
        }
    }

    /// Parses an assessment as far as its text allows, for a caller that checks it next
    /// (as `koers validate` does): problems of the header that leave the answers readable
    /// (an empty name, an unknown kind, a bad date) do not stop it. They are kept inside
    /// the assessment and [`Instrument::check`](crate::Instrument::check) (so every
    /// score) reports them first, together with the problems of the answers, so that one
    /// run shows every problem of the file. While [`Assessment::problems`] is not empty
    /// the header's date and kind are placeholders: use such an assessment only to find
    /// its instrument and check it. A TOML syntax error stops nothing either (the text is
    /// parsed with recovery, see [`crate::Document::parse_recovering`]); an error of shape (a
    /// table where a value belongs) still stops at once.
    ///
    /// ```
    /// use koers::{Assessment, Source, builtin};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = \"31-05-2026\"\nkind = \"curent\"\n[answers]\nbeheerdr = 4\n";
    /// let assessment = Assessment::parse_lenient(&Source::new("a.toml", text))?;
    /// assert_eq!(assessment.problems().len(), 2);
    /// let invalid = builtin::instrument("sev").unwrap().check(&assessment).unwrap_err();
    /// // The date, the kind and the misspelt question id, in one run.
    /// assert_eq!(invalid.errors.len(), 3);
    /// assert_eq!(invalid.errors[1].suggestion().as_deref(), Some("current"));
    /// # Ok::<(), koers::Invalid>(())
    /// ```
    pub fn parse_lenient(source: &Source<'_>) -> Result<Assessment, Invalid> {
        Tree::parse_recovering(source).into_assessment_lenient()
    }

    /// The problems that [`Assessment::parse_lenient`] kept for the check: those of the
    /// header (a missing or empty name, a bad date, an unknown kind or key) and of answers
    /// that could not be read at all (a number beyond 64 bits); empty for an assessment
    /// parsed strictly or built in code.
    pub fn problems(&self) -> &[Error] {
        self.origin.as_ref().map_or(&[], |o| &o.header_errors)
    }

    /// Reads an assessment from a document parsed once, as [`Assessment::parse_lenient`]
    /// does. The answers are read straight from the parsed tree (a number or a word each,
    /// no intermediate TOML value), the rest through serde.
    pub(crate) fn lenient_from_document(mut document: Tree<'_>) -> Result<Assessment, Invalid> {
        // The syntax errors of a document parsed with recovery are reported with the
        // file's other problems.
        let mut unknown_keys = document.take_syntax_errors();
        // So is a misspelt key or table, not alone (serde would stop at it); one whose
        // nearest key is absent is read as that key (`[organistion]`), so that what it
        // holds is checked too. First at the top, so that a misspelt `[answers]` is
        // taken as the answers next.
        unknown_keys.extend(document.take_unknown_keys("", fields_of::<RawAssessment>(), TABLES));
        // Taken out before the rest is read, as serde would read them first (the keys
        // come in order).
        let answers_table = document.take_table("answers");
        unknown_keys.extend(document.take_unknown_keys(
            "organisation",
            fields_of::<RawOrganisation>(),
            &[],
        ));
        unknown_keys.extend(document.take_unknown_keys("assessment", fields_of::<RawInfo>(), &[]));
        // A missing name or date, too, is reported with the rest: a placeholder stands in
        // while the file is read (never scored: the error comes with it).
        unknown_keys.extend(document.fill_missing_key("organisation", "name", "?"));
        unknown_keys.extend(document.fill_missing_key("assessment", "date", "0001-01-01"));
        let source = document.source();
        let mut answers = BTreeMap::new();
        let mut wrong_type = Vec::new();
        // A number too large stops nothing: its error joins the header's, so that one run
        // still shows a misspelt key and every other problem of the file.
        // So is one a syntax error made unreadable (its error is among the syntax errors).
        let mut unreadable = document.damaged_in("answers");
        let mut answer_errors = Vec::new();
        let answers_at = answers_table.as_ref().map(|table| table.span().start);
        for (key, value) in answers_table.map(Spanned::into_inner).unwrap_or_default() {
            let id = key.into_inner().into_owned();
            match read_answer(value) {
                Ok(Read::Blank) => {}
                Ok(Read::Answer(answer)) => {
                    answers.insert(id, answer);
                }
                Ok(Read::WrongType(found)) => wrong_type.push((id, found)),
                Err(error) => {
                    answer_errors.extend(located(source, &error).errors);
                    unreadable.push(id);
                }
            }
        }
        let (source, raw) = document.into_typed::<RawAssessment>();
        let raw = match raw {
            Ok(raw) => raw,
            Err(mut invalid) => {
                invalid.errors.splice(0..0, unknown_keys);
                invalid.errors.extend(answer_errors);
                invalid
                    .errors
                    .sort_by(|a, b| a.location().cmp(b.location()));
                return Err(invalid);
            }
        };
        // An `answers` that is not a table never gets here: serde refuses it.
        debug_assert!(raw.answers.is_none());
        // Every problem of the header is collected, not only the first.
        let mut header_errors = unknown_keys;
        header_errors.extend(answer_errors);
        // An empty name (as `koers init` leaves it) would group the answers under nothing.
        if !is_visible(raw.organisation.name.get_ref()) {
            header_errors.push(Error::EmptyName {
                location: source.locate_span(raw.organisation.name.span()),
            });
        }
        let kind = read_kind(source, raw.assessment.kind.as_ref()).unwrap_or_else(|error| {
            header_errors.push(error);
            Kind::default()
        });
        let date = read_located_date(source, &raw.assessment.date).unwrap_or_else(|error| {
            header_errors.push(error);
            PLACEHOLDER_DATE
        });
        if let Some(horizon) = &raw.assessment.horizon {
            let year = *horizon.get_ref();
            let min = i64::from(date.year());
            let max = min + HORIZON_YEARS;
            let ambition = kind == Kind::Ambition;
            // A date that could not be read gives no range to judge the year by.
            if date != PLACEHOLDER_DATE && (!ambition || !(min..=max).contains(&year)) {
                header_errors.push(Error::InvalidHorizon {
                    location: source.locate_span(horizon.span()),
                    year,
                    min,
                    max,
                    ambition,
                });
            }
        }
        header_errors.sort_by(|a, b| a.location().cmp(b.location()));
        let notes_at = raw.notes.as_ref().map(|n| n.span().start);
        let origin = Origin {
            name: source.name().into(),
            text: source.text().into(),
            instrument: raw.instrument.span().start,
            organisation: raw.organisation.name.span().start,
            respondent: raw.assessment.respondent.as_ref().map(|r| r.span().start),
            answers: answers_at,
            notes: notes_at,
            wrong_type,
            unreadable,
            header_errors,
        };
        Ok(Assessment {
            instrument: raw.instrument.into_inner(),
            organisation: Organisation {
                name: raw.organisation.name.into_inner(),
                id: raw.organisation.id,
            },
            assessment: AssessmentInfo {
                date,
                kind,
                round: raw.assessment.round,
                respondent: raw.assessment.respondent.map(Spanned::into_inner),
                role: raw.assessment.role,
                source: raw.assessment.source,
                horizon: raw.assessment.horizon.map(Spanned::into_inner),
                werkgebied: raw.assessment.werkgebied.unwrap_or_default(),
            },
            answers,
            notes: raw.notes.map(Spanned::into_inner).unwrap_or_default(),
            origin: Some(origin),
        })
    }

    /// Where the `instrument = ...` line stands, for a parsed assessment.
    pub fn instrument_location(&self) -> Option<Location> {
        self.origin
            .as_ref()
            .map(|o| o.source().locate(o.instrument))
    }

    /// Where the organisation's name stands, for a parsed assessment.
    pub fn name_location(&self) -> Option<Location> {
        self.origin
            .as_ref()
            .map(|o| o.source().locate(o.organisation))
    }

    /// Where the respondent code stands, for a parsed assessment that has one.
    pub fn respondent_location(&self) -> Option<Location> {
        let origin = self.origin.as_ref()?;
        Some(origin.source().locate(origin.respondent?))
    }

    /// The byte offset of the organisation's name in the parsed text: for a caller that
    /// still holds the text and locates it only when a message needs it
    /// ([`Source::locate`]).
    pub fn name_offset(&self) -> Option<usize> {
        self.origin.as_ref().map(|o| o.organisation)
    }

    /// The byte offset of the respondent code in the parsed text, if there is one.
    pub fn respondent_offset(&self) -> Option<usize> {
        self.origin.as_ref()?.respondent
    }
}

/// What one value under `[answers]` is.
enum Read {
    /// `""`: not answered yet (as `koers init` leaves it), as if the line were absent.
    Blank,
    Answer(Answer),
    /// Neither a whole number nor a word for "unknown", as written in TOML.
    WrongType(String),
}

/// Reads one answer from the parsed tree. A whole number and a word, nearly every
/// answer, are read as they stand; anything else goes through a TOML value, so that its
/// message is the TOML reader's (a number beyond 64 bits is an error).
fn read_answer(value: Spanned<DeValue<'_>>) -> Result<Read, toml::de::Error> {
    match value.get_ref() {
        DeValue::Integer(number) => {
            if let Ok(point) = i64::from_str_radix(number.as_str(), number.radix()) {
                return Ok(Read::Answer(Answer::Point(point)));
            }
        }
        DeValue::String(word) if word.is_empty() => return Ok(Read::Blank),
        DeValue::String(word) => {
            if let Some(answer) = Answer::from_word(word) {
                return Ok(Read::Answer(answer));
            }
        }
        _ => {}
    }
    let value = toml::Value::deserialize(ValueDeserializer::from(value))?;
    Ok(match Answer::deserialize(value.clone()) {
        Ok(answer) => Read::Answer(answer),
        Err(_) => Read::WrongType(value.to_string()),
    })
}

/// The date a file gives: a TOML date as most files write it (taken as it is, without
/// printing it to parse it again), or a text in the same form.
pub(crate) fn read_date(value: &toml::Value) -> Result<Date, crate::DateError> {
    if let toml::Value::Datetime(toml::value::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    }) = value
        && let Ok(date) = Date::new(date.year, date.month, date.day)
    {
        return Ok(date);
    }
    match value {
        toml::Value::String(text) => text.parse(),
        other => other.to_string().parse(),
    }
}

/// [`read_date`] with the error at the date's place in `source`.
pub(crate) fn read_located_date(
    source: &Source<'_>,
    value: &Spanned<toml::Value>,
) -> Result<Date, Error> {
    read_date(value.get_ref()).map_err(|problem| Error::InvalidDate {
        location: source.locate_span(value.span()),
        given: match value.get_ref() {
            toml::Value::String(text) => text.clone(),
            other => other.to_string(),
        },
        problem,
    })
}

/// The kind a file gives: current when it gives none; a located error with the nearest
/// word when it gives another.
fn read_kind(source: &Source<'_>, kind: Option<&Spanned<toml::Value>>) -> Result<Kind, Error> {
    let Some(kind) = kind else {
        return Ok(Kind::default());
    };
    let given = kind.get_ref();
    if let Some(found) = given.as_str().and_then(Kind::from_word) {
        return Ok(found);
    }
    Err(Error::UnknownKind {
        location: source.locate_span(kind.span()),
        given: given.to_string(),
        suggestion: given.as_str().and_then(Kind::nearest).map(str::to_string),
    })
}

/// Whether a text shows anything: not only white space, control characters or invisible
/// formatting characters such as a zero-width space or a soft hyphen.
fn is_visible(text: &str) -> bool {
    text.chars().any(|c| {
        !(c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
                | '\u{17B4}' | '\u{17B5}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'))
    })
}

// The file shapes below are also what the JSON Schemas describe (feature `schema`): their
// doc comments become the descriptions an editor shows.

/// One respondent's answers to an instrument (a koers assessment file).
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "koers assessment"))]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAssessment {
    /// The instrument answered: a built-in id such as `sev`, or the path of an instrument
    /// file relative to this file.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    instrument: Spanned<String>,
    /// Whose position this is.
    organisation: RawOrganisation,
    /// When, what kind, and by whom.
    assessment: RawInfo,
    /// The answers by question id: a point on the question's scale, "weet niet"
    /// ("unknown") or "n.v.t.", or "" for a question not answered yet.
    // Read from the parsed tree when it is a table ([`Assessment::lenient_from_document`]);
    // here only so that any other value gets serde's message.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, crate::schema::AnswerValue>")
    )]
    answers: Option<BTreeMap<String, toml::Value>>,
    /// A sentence per question id: why an answer was given, or the passage it rests on.
    /// Every key is a question of the instrument.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<BTreeMap<String, String>>")
    )]
    notes: Option<Spanned<BTreeMap<String, String>>>,
}

/// The organisation assessed.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Organisation"))]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOrganisation {
    /// The name of the corporation, e.g. "Woonstichting De Dijk".
    #[cfg_attr(feature = "schema", schemars(with = "String", length(min = 1)))]
    name: Spanned<String>,
    /// A short key that groups respondents of one organisation; the name when absent.
    #[serde(default)]
    id: Option<String>,
}

/// When the assessment was made, of what kind, and by whom.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "AssessmentInfo"))]
#[serde(deny_unknown_fields)]
struct RawInfo {
    /// The date the answers describe: a TOML date (`2007-05-31`) or the same as a string.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateValue"))]
    date: Spanned<toml::Value>,
    /// `current` (where we stand now) or `ambition` (where we want to be), or in Dutch
    /// `huidig` or `ambitie`, in any case. Current when absent.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Kind>"))]
    kind: Option<Spanned<toml::Value>>,
    /// The survey round, e.g. `2026-voorjaar`: respondents of one organisation, kind and
    /// round form one group, whatever day each answered.
    #[serde(default)]
    round: Option<String>,
    /// An anonymous respondent code, e.g. `r07`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    respondent: Option<Spanned<String>>,
    /// The respondent's role, free text, e.g. `woonconsulent`.
    #[serde(default)]
    role: Option<String>,
    /// Where the answers come from, free text, e.g. "Lezing van het artikel …, niet de
    /// eigen beoordeling van de corporatie".
    #[serde(default)]
    source: Option<String>,
    /// The year an ambition aims at, e.g. 2030 (only with kind ambition; from the year of
    /// the date to 50 years after it).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<i64>", range(min = 1900, max = 2200))
    )]
    horizon: Option<Spanned<i64>>,
    /// The wijken or kernen the respondent answers for, e.g. `["centrum", "noord"]`;
    /// absent: the whole organisation.
    #[serde(default)]
    werkgebied: Option<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_kind(kind: &str) -> Result<Assessment, Invalid> {
        let text = format!(
            "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = 2026-01-01\nkind = {kind}\n[answers]\n"
        );
        Assessment::parse(&Source::new("a.toml", &text))
    }

    #[test]
    fn a_kind_may_be_written_in_dutch() {
        for (word, kind) in [
            ("\"current\"", Kind::Current),
            ("\"ambition\"", Kind::Ambition),
            ("\"huidig\"", Kind::Current),
            ("\"Huidige\"", Kind::Current),
            ("\"ambitie\"", Kind::Ambition),
            ("\" AMBITIE \"", Kind::Ambition),
        ] {
            let parsed = with_kind(word).unwrap_or_else(|e| panic!("{word}: {:?}", e.errors));
            assert_eq!(parsed.assessment.kind, kind, "{word}");
        }
        // Serde reads the Dutch words too, for a library user's JSON.
        assert_eq!(
            toml::from_str::<BTreeMap<String, Kind>>("k = \"ambitie\"").unwrap()["k"],
            Kind::Ambition
        );
    }

    #[test]
    fn a_misspelled_kind_is_a_located_error_with_the_nearest_word() {
        let error = with_kind("\"ambtie\"").unwrap_err();
        let first = &error.errors[0];
        assert_eq!(
            (first.location().line, first.location().column),
            (6, 8),
            "{first}"
        );
        assert_eq!(
            first.message(),
            "unknown kind \"ambtie\": expected \"current\" (huidig) or \"ambition\" (ambitie); did you mean \"ambitie\"?"
        );
        let error = with_kind("\"curent\"").unwrap_err();
        assert!(
            error.errors[0]
                .message()
                .ends_with("did you mean \"current\"?")
        );
        let error = with_kind("\"toekomst\"").unwrap_err();
        assert!(!error.errors[0].message().contains("did you mean"));
        let error = with_kind("3").unwrap_err();
        assert!(
            error.errors[0]
                .message()
                .starts_with("unknown kind 3: expected"),
            "{}",
            error.errors[0].message()
        );
    }
}
