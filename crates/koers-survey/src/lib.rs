//! Surveys for koers as a library: the questionnaire as a form to send out (`koers form`),
//! and the spreadsheet of responses that comes back read as one assessment per respondent
//! (`koers import`).
//!
//! Survey tools change what they export: headers carry question numbers, answers carry
//! their point ("3 - Meer sociaal dan vastgoed"), punctuation and case drift. Texts are
//! therefore compared in a [`normalize`]d form, never byte for byte.
//!
//! Values in, values out: [`sheet`] turns a CSV text or a workbook that calamine opened
//! into tables, [`import`] turns tables into assessment texts and problems, [`form`]
//! writes the form as bytes or text. Reading and writing files, and printing, are the
//! caller's; nothing here reads process-wide state.
//!
//! ```
//! use koers::{Kind, Lang, builtin};
//! use koers_survey::{import::{Options, import}, map::Map, sheet};
//!
//! // A survey tool's export, headers by question id or text, answers by point or label.
//! let csv = "Functie,beheerder,buurtgebouw\n\
//!            beheer,3 - Vastgoed en sociaal evenveel,In één wijk\n\
//!            wonen,Meer sociaal dan vastgoed,weet niet\n";
//! let table = sheet::csv_table("export.csv", csv);
//! let options = Options {
//!     organisation: "Woonstichting De Dijk".into(),
//!     id: None,
//!     date: Some("2026-05-31".parse()?),
//!     kind: Kind::Current,
//!     round: None,
//!     instrument: "sev".into(),
//!     lang: Lang::En,
//! };
//! let sev = builtin::instrument("sev").unwrap();
//! let outcome = import(&[table], sev, &Map::default(), &options);
//! assert!(!outcome.has_errors(), "{:?}", outcome.problems);
//! // One assessment text per respondent, to be written (and read back) by the caller.
//! assert_eq!(outcome.imported.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod answers;
pub mod comment;
pub mod form;
pub mod headers;
pub mod import;
pub mod map;
pub mod sheet;

use koers::Lang;

/// The message in the language of the run: Dutch or English.
pub fn say(lang: Lang, nl: String, en: String) -> String {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The words for "weet niet" and "n.v.t." that a form offers, in its language.
pub fn unknown_words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Nl => ["weet niet", "n.v.t."],
        Lang::En => ["don't know", "not applicable"],
    }
}

/// A text as headers and answers are compared: a leading question number ("3.", "Q3 -",
/// "Vraag 3:") removed, accents folded, lower case, every run of punctuation and spaces
/// one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in strip_number(text).chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// The normalized text without spaces: LimeSurvey question codes may not hold a hyphen,
/// so `maatschappelijkvastgoed` stands for `maatschappelijk-vastgoed`.
pub fn squash(text: &str) -> String {
    normalize(text).replace(' ', "")
}

/// The text after a leading question number such as "3.", "3)", "Q3 -", "Vraag 3:";
/// the text itself when there is none, or when nothing follows the number.
pub fn strip_number(text: &str) -> &str {
    let trimmed = text.trim_start();
    let lower = trimmed.to_lowercase();
    let mut start = 0;
    for word in ["vraag", "question", "q"] {
        if lower.starts_with(word) && lower.is_char_boundary(word.len()) {
            let rest = &lower[word.len()..];
            if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                start = word.len() + (rest.len() - rest.trim_start().len());
                break;
            }
        }
    }
    if lower.len() != trimmed.len() {
        // Lower-casing changed the byte length (rare letters): no number to strip safely.
        return trimmed;
    }
    let digits = trimmed[start..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 {
        return trimmed;
    }
    let after = &trimmed[start + digits..];
    // A number is a question number only when a separator follows: "3 - label", "3.", but
    // not "3d-printen" or "2026".
    if !after.starts_with(['.', ')', ':', '-', ' ', '\t', '–']) {
        return trimmed;
    }
    let rest = after.trim_start_matches(['.', ')', ':', '-', ' ', '\t', '–']);
    if rest.is_empty() { trimmed } else { rest }
}

/// A letter without its accent, for the accents Dutch and English texts use.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' => 'y',
        other => other,
    }
}

/// The candidate closest to `text` (both normalized), if it is close enough to be a
/// useful suggestion.
pub fn nearest<'a>(
    text: &str,
    candidates: impl IntoIterator<Item = (&'a str, String)>,
) -> Option<&'a str> {
    const CLOSE: f64 = 0.4;
    let text = normalize(text);
    let length = text.chars().count();
    candidates
        .into_iter()
        .filter_map(|(name, candidate)| {
            // Normalizing never makes a text more than three times as long (a lowercase
            // letter may take up to three characters): a candidate too short even then is
            // passed over before it is normalized.
            if 3.0 * (candidate.chars().count() as f64) < CLOSE * length as f64 {
                return None;
            }
            let candidate = normalize(&candidate);
            // The distance is at least the difference in length, so a similarity of
            // `shorter / longer` is the most two texts can reach: below CLOSE the distance
            // need not be computed. This keeps a cell of thousands of characters (a
            // hostile export) from costing a quadratic comparison with every label.
            let other = candidate.chars().count();
            let (shorter, longer) = (length.min(other), length.max(other));
            if longer > 0 && (shorter as f64) < CLOSE * longer as f64 {
                return None;
            }
            Some((name, strsim::normalized_levenshtein(&text, &candidate)))
        })
        .filter(|(_, similarity)| *similarity >= CLOSE)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(name, _)| name)
}

/// The first `max` characters of a text, with "…" when it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_passes_over_a_label_too_different_in_length() {
        let labels = || {
            [
                ("2", "Meer vastgoed dan sociaal".to_string()),
                ("4", "Meer sociaal dan vastgoed".to_string()),
            ]
        };
        assert_eq!(nearest("Meer sociaal dan vastgod", labels()), Some("4"));
        // Far longer than any label: no suggestion, and no distance computed (the fuzz
        // test's hostile ods with a cell of 8,000 characters repeated 905 times took 17 s).
        assert_eq!(nearest(&"Meer sociaal ".repeat(700), labels()), None);
        // Half the length of a label and its start: still within reach, and found.
        assert_eq!(nearest("Meer sociaal", labels()), Some("4"));
    }

    #[test]
    fn numbers_punctuation_case_and_accents_do_not_count() {
        assert_eq!(normalize("3. In één wijk?"), "in een wijk");
        assert_eq!(normalize("Q3 - Waaraan  besteedden"), "waaraan besteedden");
        assert_eq!(normalize("Vraag 12: Huurachterstand"), "huurachterstand");
        assert_eq!(
            normalize("3 - Meer sociaal dan vastgoed"),
            "meer sociaal dan vastgoed"
        );
        assert_eq!(
            normalize("maatschappelijk-vastgoed"),
            "maatschappelijk vastgoed"
        );
        assert_eq!(
            squash("maatschappelijk-vastgoed"),
            "maatschappelijkvastgoed"
        );
        assert_eq!(normalize("n.v.t."), "n v t");
    }

    #[test]
    fn a_number_without_a_separator_is_part_of_the_text() {
        assert_eq!(strip_number("2026"), "2026");
        assert_eq!(strip_number("3d-printen"), "3d-printen");
        assert_eq!(strip_number("3"), "3");
        assert_eq!(strip_number("quality"), "quality");
        assert_eq!(strip_number("Q3"), "Q3");
    }
}
