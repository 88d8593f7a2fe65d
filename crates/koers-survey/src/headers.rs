//! What each column of an export holds, judged by its header: a question (by id, by
//! LimeSurvey code, or by its text in either language), the respondent code, the role,
//! the date, personal data (never copied), or a survey tool's own bookkeeping.

use super::map::Map;
use super::{nearest, normalize, shorten, squash};
use koers::{Instrument, Lang};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// The answers to a question, by id.
    Question(String),
    /// The respondent's code.
    Respondent,
    /// The respondent's role.
    Role,
    /// When the respondent answered.
    Date,
    /// A name, an e-mail or an IP address: read by nobody, copied nowhere.
    Personal,
    /// A remark or toelichting: on the question it names ("buurtgebouw toelichting"), or
    /// (`None`) a column of remarks that names none, which belongs to the question
    /// column just before it. Kept as the assessment's `[notes]`.
    Remark(Option<String>),
    /// A survey tool's bookkeeping (Id, Start time, seed), or skipped by `--map`.
    Skip,
    /// A column without a header.
    Blank,
    /// A header that names nothing known.
    Unknown,
}

/// Headers of date columns: Microsoft Forms, Google Forms, LimeSurvey, and plain words.
const DATE: &[&str] = &[
    "completion time",
    "tijd van voltooien",
    "voltooiingstijd",
    "tijdstip van voltooiing",
    "timestamp",
    "tijdstempel",
    "submitdate",
    "date submitted",
    "datum verzonden",
    "datum",
    "date",
];

/// Headers of personal data, which koers never reads.
const PERSONAL: &[&str] = &[
    "email",
    "e mail",
    "email address",
    "e mail address",
    "emailadres",
    "e mailadres",
    "name",
    "naam",
    "full name",
    "volledige naam",
    "firstname",
    "first name",
    "lastname",
    "last name",
    "voornaam",
    "achternaam",
    "ipaddr",
    "ip address",
    "ip adres",
    "telefoon",
    "phone",
];

/// Headers of a survey tool's bookkeeping.
const SKIP: &[&str] = &[
    "id",
    "start time",
    "begintijd",
    "starttijd",
    "last modified time",
    "tijd van laatste wijziging",
    "tijdstip van laatste wijziging",
    "startdate",
    "datestamp",
    "date last action",
    "lastpage",
    "last page",
    "startlanguage",
    "start language",
    "seed",
    "refurl",
    "referrer url",
    "response id",
    "responseid",
    "token",
    "total points",
    "totaal aantal punten",
    "quiz feedback",
    "score",
    "interviewtime",
    "total time",
];

const RESPONDENT: &[&str] = &["respondent", "respondent code", "respondentcode", "code"];

const ROLE: &[&str] = &[
    "rol",
    "role",
    "functie",
    "function",
    "uw rol",
    "uw functie",
    "your role",
    "job title",
];

/// Words that make a header a role question: "Wat is uw functie?".
const ROLE_WORDS: &[&str] = &[
    "rol",
    "role",
    "functie",
    "function",
    "functietitel",
    "jobtitle",
];

/// Words a role question may carry around its role word ("Uw rol in de organisatie",
/// "What is your role?"): a header of these and a role word asks for the role. A header
/// with any other word ("Welke rol speelt de corporatie in de wijk?") does not.
const ROLE_FILLER: &[&str] = &[
    "wat",
    "is",
    "uw",
    "je",
    "jouw",
    "u",
    "welke",
    "in",
    "de",
    "het",
    "een",
    "binnen",
    "bij",
    "organisatie",
    "huidige",
    "heeft",
    "hebt",
    "vervult",
    "what",
    "which",
    "is",
    "your",
    "you",
    "do",
    "have",
    "are",
    "the",
    "a",
    "in",
    "at",
    "within",
    "organisation",
    "organization",
    "current",
    "job",
    "title",
    "mijn",
    "my",
];

/// Whether a normalized header asks for the respondent's role, by its words: a role
/// word among words that only address the respondent.
fn asks_for_role(norm: &str) -> bool {
    let words: Vec<&str> = norm.split(' ').collect();
    words.len() <= 8
        && words.iter().any(|w| ROLE_WORDS.contains(w))
        && words
            .iter()
            .all(|w| ROLE_WORDS.contains(w) || ROLE_FILLER.contains(w))
}

/// A LimeSurvey header's code ("functie. Wat is uw functie?", "[rol] Uw rol"): the text
/// before its first `.`, `:` or `]`, normalized; empty when there is none.
fn code_of(header: &str) -> String {
    let trimmed = header.trim().trim_start_matches('[');
    match trimmed.find(['.', ':', ']']) {
        Some(end) => normalize(&trimmed[..end]),
        None => String::new(),
    }
}

/// The questions of an instrument in the forms a header may name them.
pub struct Questions {
    entries: Vec<Entry>,
    /// The most bytes a header naming one of them can take (see [`Questions::new`]).
    longest: usize,
}

struct Entry {
    id: String,
    squashed: String,
    texts: Vec<String>,
    original: Vec<String>,
}

impl Questions {
    /// The instrument's questions.
    pub fn new(instrument: &Instrument) -> Self {
        let entries = instrument
            .questions()
            .map(|(_, q)| {
                let original = vec![
                    q.text.get(Lang::Nl).to_string(),
                    q.text.get(Lang::En).to_string(),
                ];
                Entry {
                    id: q.id.clone(),
                    squashed: squash(&q.id),
                    texts: original.iter().map(|t| normalize(t)).collect(),
                    original,
                }
            })
            .collect::<Vec<Entry>>();
        // Twice the longest text or id (spaces and punctuation are free in how a header
        // is spelt), and room for a number in front or a remark word after it.
        let longest = entries
            .iter()
            .flat_map(|e| e.original.iter().map(String::len).chain([e.id.len()]))
            .max()
            .unwrap_or_default();
        Questions {
            entries,
            longest: 2 * longest + 64,
        }
    }

    /// The question a header names, if it names exactly one.
    pub fn find(&self, header: &str) -> Option<&str> {
        let norm = normalize(header);
        let squashed = norm.replace(' ', "");
        if norm.is_empty() {
            return None;
        }
        let exact = self
            .entries
            .iter()
            .find(|e| e.squashed == squashed || e.texts.contains(&norm));
        if let Some(entry) = exact {
            return Some(&entry.id);
        }
        // LimeSurvey's "code. text" headers, and `[code]` ones.
        let code = header
            .trim()
            .trim_start_matches('[')
            .split(['.', ':', ']'])
            .next()
            .unwrap_or_default();
        if code.len() < header.trim().len()
            && let Some(entry) = self.entries.iter().find(|e| e.squashed == squash(code))
        {
            return Some(&entry.id);
        }
        // A form may carry only the question's first sentence, or add to it: a long
        // enough start that fits one question only.
        if norm.chars().count() < 20 {
            return None;
        }
        let mut fits = self.entries.iter().filter(|e| {
            e.texts
                .iter()
                .any(|t| t.starts_with(&norm) || norm.starts_with(t.as_str()))
        });
        match (fits.next(), fits.next()) {
            (Some(entry), None) => Some(&entry.id),
            _ => None,
        }
    }

    /// The question a header most resembles, as a hint: "`id` ("text…")".
    pub fn nearest(&self, header: &str, lang: Lang) -> Option<String> {
        let candidates = self.entries.iter().flat_map(|e| {
            std::iter::once((e.id.as_str(), e.id.clone()))
                .chain(e.original.iter().map(move |t| (e.id.as_str(), t.clone())))
        });
        let id = nearest(header, candidates)?;
        let entry = self.entries.iter().find(|e| e.id == id)?;
        let text = &entry.original[usize::from(lang == Lang::En)];
        Some(format!("`{id}` (\"{}\")", shorten(text, 60)))
    }
}

/// The words of a remarks column's header, alone or after a question.
const REMARK: &[&str] = &[
    "opmerking",
    "opmerkingen",
    "toelichting",
    "remark",
    "remarks",
    "comment",
    "comments",
];

/// A remarks column: a header that is only a remark word, or a question followed by one
/// ("buurtgebouw toelichting", "Q3 opmerking").
fn remark(header: &str, questions: &Questions) -> Option<Column> {
    let norm = normalize(header);
    if REMARK.contains(&norm.as_str()) {
        return Some(Column::Remark(None));
    }
    let (question, word) = norm.rsplit_once(' ')?;
    if !REMARK.contains(&word) {
        return None;
    }
    questions
        .find(question)
        .map(|id| Column::Remark(Some(id.to_string())))
}

/// What a header names.
pub fn classify(header: &str, questions: &Questions, map: &Map) -> Column {
    if header.trim().is_empty() {
        return Column::Blank;
    }
    // A cell far longer than every question and every header the map names is no header
    // anyone wrote: not read character by character eight times over (a hostile export
    // may hold 32,767 characters in each cell of the rows searched for the header).
    if header.len() > questions.longest.max(map.longest_header()) {
        return Column::Unknown;
    }
    if let Some(id) = map.column(header) {
        return Column::Question(id.to_string());
    }
    if map.skips(header) {
        return Column::Skip;
    }
    if map.names(header, map.respondent.as_ref()) {
        return Column::Respondent;
    }
    if map.names(header, map.role.as_ref()) {
        return Column::Role;
    }
    if map.names(header, map.date.as_ref()) {
        return Column::Date;
    }
    // Before the questions: "<question text> toelichting" starts with a question's text.
    if let Some(remark) = remark(header, questions) {
        return remark;
    }
    if let Some(id) = questions.find(header) {
        return Column::Question(id.to_string());
    }
    let norm = normalize(header);
    let is = |list: &[&str]| list.contains(&norm.as_str());
    if is(PERSONAL) {
        Column::Personal
    } else if is(DATE) {
        Column::Date
    } else if is(RESPONDENT) {
        Column::Respondent
    } else if is(ROLE) || asks_for_role(&norm) || asks_for_role(&code_of(header)) {
        Column::Role
    } else if is(SKIP) {
        Column::Skip
    } else {
        Column::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sev() -> (Questions, Map) {
        (
            Questions::new(koers::builtin::instrument("sev").unwrap()),
            Map::default(),
        )
    }

    /// The early way out for an overlong cell (a hostile export) must not cost a real
    /// header: the longest question's text, spaced out and numbered, is still found.
    #[test]
    fn an_overlong_cell_is_no_header_and_the_longest_question_text_still_is() {
        let (q, map) = sev();
        let sev = koers::builtin::instrument("sev").unwrap();
        let (_, longest) = sev
            .questions()
            .max_by_key(|(_, question)| question.text.get(Lang::Nl).len())
            .unwrap();
        let spaced = format!(
            "Vraag 12:  {}",
            longest.text.get(Lang::Nl).replace(' ', "  ")
        );
        assert_eq!(
            classify(&spaced, &q, &map),
            Column::Question(longest.id.clone())
        );
        assert_eq!(classify(&"a ".repeat(16_000), &q, &map), Column::Unknown);
    }

    #[test]
    fn questions_are_found_by_id_code_or_text_in_either_language() {
        let (q, map) = sev();
        let sev = koers::builtin::instrument("sev").unwrap();
        let question = sev.question("wonen-met-zorg").unwrap();
        for header in [
            "wonen-met-zorg".to_string(),
            "wonenmetzorg".to_string(),
            "WonenMetZorg. In hoeveel".to_string(),
            question.text.nl.clone(),
            format!("3. {}", question.text.get(Lang::En).to_uppercase()),
            format!("Q3 - {}", question.text.nl.replace(',', "")),
        ] {
            assert_eq!(
                classify(&header, &q, &map),
                Column::Question("wonen-met-zorg".into()),
                "{header}"
            );
        }
    }

    #[test]
    fn survey_tools_bookkeeping_is_known() {
        let (q, map) = sev();
        assert_eq!(classify("Completion time", &q, &map), Column::Date);
        assert_eq!(classify("Tijdstempel", &q, &map), Column::Date);
        assert_eq!(classify("E-mailadres", &q, &map), Column::Personal);
        assert_eq!(classify("Email Address", &q, &map), Column::Personal);
        assert_eq!(classify("Start time", &q, &map), Column::Skip);
        assert_eq!(classify("Functie", &q, &map), Column::Role);
        assert_eq!(
            classify("Wat vindt u van koffie?", &q, &map),
            Column::Unknown
        );
    }

    #[test]
    fn role_columns_are_found_by_meaning_in_each_survey_tool_style() {
        let (q, map) = sev();
        for (tool, header) in [
            ("koers form", "rol"),
            ("koers form, English", "role"),
            ("plain", "Functie"),
            ("plain", "Rol"),
            ("Microsoft Forms", "Wat is uw functie?"),
            ("Microsoft Forms, English", "What is your role?"),
            ("Google Forms", "Uw rol in de organisatie"),
            ("Google Forms, English", "Your role in the organisation"),
            ("LimeSurvey", "functie. Wat is uw functie?"),
            ("LimeSurvey, bracketed", "[rol] Welke rol vervult u?"),
            ("SurveyMonkey", "Q2 - Wat is uw huidige functie?"),
            ("Qualtrics", "Job title"),
        ] {
            assert_eq!(classify(header, &q, &map), Column::Role, "{tool}: {header}");
        }
        // A question about a role that is not the respondent's is not a role column.
        for header in [
            "Welke rol speelt de corporatie in de wijk?",
            "Wat is de functie van het wijkcentrum?",
        ] {
            assert_ne!(classify(header, &q, &map), Column::Role, "{header}");
        }
    }

    #[test]
    fn a_near_header_gets_a_hint() {
        let (q, _) = sev();
        assert!(
            q.nearest("beheerdr", Lang::Nl)
                .unwrap()
                .starts_with("`beheerder`")
        );
    }
}
