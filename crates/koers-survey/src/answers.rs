//! What an answer cell says: a point as a number, a label in either language, "3 - label",
//! "weet niet" or "n.v.t." in any common spelling, or a text that `--map` names.

use super::map::Map;
use super::sheet::Value;
use super::{nearest, normalize, say, shorten};
use koers::{Answer, Lang, Scale};

/// Spellings of "weet niet", normalized.
const UNKNOWN: &[&str] = &[
    "weet niet",
    "weet ik niet",
    "onbekend",
    "unknown",
    "don t know",
    "dont know",
    "do not know",
    "i don t know",
];

/// Spellings of "n.v.t.", normalized.
const NOT_APPLICABLE: &[&str] = &[
    "n v t",
    "nvt",
    "niet van toepassing",
    "not applicable",
    "n a",
];

/// Reads one answer cell against the question's scale: `Ok(None)` for an empty cell
/// (not answered), `Err` with the reason and what was expected, in `lang`.
pub fn read(value: &Value, scale: &Scale, map: &Map, lang: Lang) -> Result<Option<Answer>, String> {
    let text = match value {
        Value::Empty => return Ok(None),
        Value::Number(n) => return number(*n, scale, lang).map(Some),
        Value::Date(_) | Value::Text(_) => value.shown(),
    };
    let trimmed = text.trim();
    if let Some(mapped) = map.answer(trimmed) {
        return match mapped {
            Ok(answer) => check(answer, scale, lang).map(Some),
            Err(word) => Err(say(
                lang,
                format!(
                    "het --map-bestand zet `{trimmed}` om in `{word}`: verwacht een punt of \"weet niet\" / \"n.v.t.\""
                ),
                format!(
                    "the --map file maps `{trimmed}` to `{word}`: expected a point or \"weet niet\" / \"n.v.t.\""
                ),
            )),
        };
    }
    // A cell far longer than any answer is none: said at once, without reading it
    // character by character several times over (a hostile export may hold 32,767
    // characters in each of thousands of cells).
    if trimmed.len() > longest_answer(scale) {
        return Err(unreadable(trimmed, scale, lang));
    }
    match decimal(trimmed) {
        Some(Decimal::Whole(point)) => return check(Answer::Point(point), scale, lang).map(Some),
        Some(Decimal::Fraction) => return Err(not_whole(trimmed, scale, lang)),
        Some(Decimal::Huge) => return Err(off_scale(trimmed, scale, lang)),
        None => {}
    }
    let norm = normalize(trimmed);
    if let Some(word) = word(trimmed, &norm) {
        return check(word, scale, lang).map(Some);
    }
    // "3 - Meer sociaal dan vastgoed": the point, and a label that must not contradict it.
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty()
        && super::strip_number(trimmed).len() < trimmed.len()
        && let Ok(point) = digits.parse::<i64>()
    {
        let answer = check(Answer::Point(point), scale, lang)?;
        if let Some(other) = label(&norm, scale).filter(|&p| p != point) {
            return Err(say(
                lang,
                format!(
                    "`{trimmed}` noemt punt {point} maar het label van punt {other}: verwacht een van beide"
                ),
                format!(
                    "`{trimmed}` gives point {point} but the label of point {other}: expected one of them"
                ),
            ));
        }
        // "3 - nonsense", "3-4", "2 of 3": a number and something that is not its label.
        if !norm.is_empty() && label(&norm, scale).is_none() {
            return Err(unreadable(trimmed, scale, lang));
        }
        return Ok(Some(answer));
    }
    if let Some(point) = label(&norm, scale) {
        return Ok(Some(Answer::Point(point)));
    }
    Err(unreadable(trimmed, scale, lang))
}

/// A number as a person or a spreadsheet writes it in a text cell.
#[derive(Debug, PartialEq)]
enum Decimal {
    /// A whole number, also when written with a zero fraction: "3", "3,0", "3.00".
    Whole(i64),
    /// A number with a fraction: "3,5".
    Fraction,
    /// A whole number too large for any scale.
    Huge,
}

/// Reads `[+-]digits[(.|,)digits]`; `None` for any other text (a label, "1e3", "NaN").
/// A decimal comma and a decimal point are the same: Dutch Excel writes 3,0 where
/// English Excel writes 3.0.
fn decimal(text: &str) -> Option<Decimal> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    // "1.000" or "1,000": a thousand to some, one to others; no point either way.
    if fraction.is_some_and(|f| f.len() == 3) {
        return Some(Decimal::Fraction);
    }
    if fraction.is_some_and(|f| f.bytes().any(|b| b != b'0')) {
        return Some(Decimal::Fraction);
    }
    let sign = if text.starts_with('-') { "-" } else { "" };
    Some(match format!("{sign}{whole}").parse::<i64>() {
        Ok(n) => Decimal::Whole(n),
        Err(_) => Decimal::Huge,
    })
}

/// "weet niet" or "n.v.t." in any spelling.
fn word(raw: &str, norm: &str) -> Option<Answer> {
    Answer::from_word(raw).or_else(|| {
        if UNKNOWN.contains(&norm) {
            Some(Answer::Unknown)
        } else if NOT_APPLICABLE.contains(&norm) {
            Some(Answer::NotApplicable)
        } else {
            None
        }
    })
}

/// The most bytes a cell of `scale` can hold and still be an answer: twice its longest
/// label or word (spaces and punctuation are free in how a label is spelt), and a point
/// in front ("3 - ").
fn longest_answer(scale: &Scale) -> usize {
    let labels = (scale.min..=scale.max)
        .filter_map(|p| scale.label(p))
        .flat_map(|l| [l.get(Lang::Nl).len(), l.get(Lang::En).len()]);
    let words = UNKNOWN.iter().chain(NOT_APPLICABLE).map(|w| w.len());
    2 * labels.chain(words).max().unwrap_or_default() + 16
}

/// The point whose label (in either language) the normalized text is.
fn label(norm: &str, scale: &Scale) -> Option<i64> {
    (scale.min..=scale.max).find(|&p| {
        scale.label(p).is_some_and(|l| {
            normalize(l.get(Lang::Nl)) == norm || normalize(l.get(Lang::En)) == norm
        })
    })
}

/// A number cell of a workbook. A float a hair from a whole number (what a formula may
/// leave) is that number; 3.5 is no point.
fn number(n: f64, scale: &Scale, lang: Lang) -> Result<Answer, String> {
    let shown = match lang {
        Lang::Nl => n.to_string().replace('.', ","),
        Lang::En => n.to_string(),
    };
    if !n.is_finite() || (n - n.round()).abs() > 1e-9 {
        return Err(not_whole(&shown, scale, lang));
    }
    if n.abs() > 1e15 {
        return Err(off_scale(&shown, scale, lang));
    }
    check(Answer::Point(n.round() as i64), scale, lang)
}

fn check(answer: Answer, scale: &Scale, lang: Lang) -> Result<Answer, String> {
    match answer {
        Answer::Point(p) if !scale.contains(p) => Err(off_scale(&p.to_string(), scale, lang)),
        Answer::Unknown | Answer::NotApplicable if !scale.unknown => Err(say(
            lang,
            format!(
                "deze vraag staat \"weet niet\" en \"n.v.t.\" niet toe: verwacht een punt van {} tot {}",
                scale.min, scale.max
            ),
            format!(
                "this question does not allow \"weet niet\" or \"n.v.t.\": expected a point from {} to {}",
                scale.min, scale.max
            ),
        )),
        other => Ok(other),
    }
}

fn off_scale(shown: &str, scale: &Scale, lang: Lang) -> String {
    say(
        lang,
        format!(
            "{} past niet op de schaal: verwacht {}",
            shorten(shown, 30),
            expected(scale, lang)
        ),
        format!(
            "{} is off the scale: expected {}",
            shorten(shown, 30),
            expected(scale, lang)
        ),
    )
}

fn not_whole(shown: &str, scale: &Scale, lang: Lang) -> String {
    let example = scale.label(scale.min).map_or("", |l| l.get(lang));
    let unknown = |words: &str| {
        if scale.unknown {
            format!(", of {words}")
        } else {
            String::new()
        }
    };
    say(
        lang,
        format!(
            "`{}` is geen geheel getal: verwacht een geheel getal op de schaal van {} tot {} (3,0 telt als 3), of een label zoals \"{example}\"{}",
            shorten(shown, 30),
            scale.min,
            scale.max,
            unknown("\"weet niet\" / \"n.v.t.\"")
        ),
        format!(
            "`{}` is not a whole number: expected a whole number on the scale from {} to {} (3.0 counts as 3), or a label such as \"{example}\"{}",
            shorten(shown, 30),
            scale.min,
            scale.max,
            unknown("\"weet niet\" / \"n.v.t.\"").replace(", of", ", or")
        ),
    )
}

/// What a question accepts, in words.
fn expected(scale: &Scale, lang: Lang) -> String {
    let example = scale.label(scale.min).map_or("", |l| l.get(lang));
    let (mut text, words) = match lang {
        Lang::Nl => (
            format!(
                "een punt van {} tot {} of het label ervan, zoals \"{example}\"",
                scale.min, scale.max
            ),
            ", of \"weet niet\" / \"n.v.t.\"",
        ),
        Lang::En => (
            format!(
                "a point from {} to {} or its label, such as \"{example}\"",
                scale.min, scale.max
            ),
            ", or \"weet niet\" / \"n.v.t.\"",
        ),
    };
    if scale.unknown {
        text.push_str(words);
    }
    text
}

fn unreadable(text: &str, scale: &Scale, lang: Lang) -> String {
    // No label is near a text many times its length: not worth normalizing it to say so.
    let searched = text.len() <= longest_answer(scale);
    let labels = (scale.min..=scale.max).flat_map(|p| {
        scale.label(p).into_iter().flat_map(move |l| {
            [
                (l.get(Lang::Nl), l.get(Lang::Nl).to_string()),
                (l.get(Lang::En), l.get(Lang::En).to_string()),
            ]
        })
    });
    let words = [
        ("weet niet", "weet niet".to_string()),
        ("n.v.t.", "n.v.t.".to_string()),
    ];
    let near = searched
        .then(|| {
            nearest(
                text,
                labels.chain(words.into_iter().filter(|_| scale.unknown)),
            )
        })
        .flatten()
        .map(|l| {
            let point = label(&normalize(l), scale)
                .map(|p| format!("{p} - "))
                .unwrap_or_default();
            format!("{point}{l}")
        });
    say(
        lang,
        format!(
            "`{}` past niet op de schaal: het is geen punt of label; verwacht {}{}",
            shorten(text, 60),
            expected(scale, lang),
            near.as_ref()
                .map(|n| format!("; bedoelt u \"{n}\"?"))
                .unwrap_or_default()
        ),
        format!(
            "`{}` is no point or label of the scale: expected {}{}",
            shorten(text, 60),
            expected(scale, lang),
            near.as_ref()
                .map(|n| format!("; nearest: \"{n}\""))
                .unwrap_or_default()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn focus() -> Scale {
        koers::builtin::instrument("sev").unwrap().scales["focus"].clone()
    }

    fn text(s: &str) -> Result<Option<Answer>, String> {
        read(&Value::Text(s.into()), &focus(), &Map::default(), Lang::En)
    }

    /// The early way out for an overlong cell must not cost a real answer: a label
    /// spelt with twice its spaces and a point in front is still read.
    #[test]
    fn an_overlong_cell_is_unreadable_and_a_spaced_label_still_reads() {
        let scale = focus();
        let (point, label) = (scale.min..=scale.max)
            .filter_map(|p| Some((p, scale.label(p)?.get(Lang::Nl))))
            .max_by_key(|(_, label)| label.len())
            .unwrap();
        let spaced = format!("{point} -  {}", label.replace(' ', "  "));
        assert_eq!(text(&spaced), Ok(Some(Answer::Point(point))));
        let long = text(&"sociaal ".repeat(4_000)).unwrap_err();
        assert!(long.contains("expected a point from"), "{long}");
    }

    #[test]
    fn numbers_labels_and_words_are_answers() {
        assert_eq!(text("3"), Ok(Some(Answer::Point(3))));
        assert_eq!(text(" 4.0 "), Ok(Some(Answer::Point(4))));
        assert_eq!(
            read(&Value::Number(2.0), &focus(), &Map::default(), Lang::En),
            Ok(Some(Answer::Point(2)))
        );
        assert_eq!(
            text("meer sociaal dan vastgoed"),
            Ok(Some(Answer::Point(4)))
        );
        assert_eq!(
            text("More social than real estate."),
            Ok(Some(Answer::Point(4)))
        );
        assert_eq!(
            text("4 - Meer sociaal dan vastgoed"),
            Ok(Some(Answer::Point(4)))
        );
        assert_eq!(text("Weet niet"), Ok(Some(Answer::Unknown)));
        assert_eq!(text("Don't know"), Ok(Some(Answer::Unknown)));
        assert_eq!(text("N.v.t."), Ok(Some(Answer::NotApplicable)));
        assert_eq!(text("not applicable"), Ok(Some(Answer::NotApplicable)));
        assert_eq!(
            read(&Value::Empty, &focus(), &Map::default(), Lang::En),
            Ok(None)
        );
    }

    #[test]
    fn wrong_answers_say_what_was_expected_and_what_is_near() {
        let off = text("7").unwrap_err();
        assert!(
            off.contains("7 is off the scale: expected a point from 1 to 5"),
            "{off}"
        );
        let near = text("Meer sociaal dan vastgoe").unwrap_err();
        assert!(
            near.contains("nearest: \"4 - Meer sociaal dan vastgoed\""),
            "{near}"
        );
        let contradiction = text("2 - Meer sociaal dan vastgoed").unwrap_err();
        assert!(
            contradiction.contains("point 2 but the label of point 4"),
            "{contradiction}"
        );
        assert!(text("#VALUE!").is_err());
    }

    #[test]
    fn a_map_names_other_answers() {
        let map: Map = toml::from_str("[answers]\nA4 = 4\n\"Geen idee\" = \"weet niet\"").unwrap();
        let read = |s: &str| read(&Value::Text(s.into()), &focus(), &map, Lang::En);
        assert_eq!(read("A4"), Ok(Some(Answer::Point(4))));
        assert_eq!(read("geen idee"), Ok(Some(Answer::Unknown)));
    }

    #[test]
    fn a_decimal_comma_or_point_with_a_zero_fraction_is_the_whole_number() {
        for typed in ["3", "3,0", "3.0", "3,00", " +3 "] {
            assert_eq!(text(typed), Ok(Some(Answer::Point(3))), "{typed}");
        }
        let cell = |n: f64, lang| read(&Value::Number(n), &focus(), &Map::default(), lang);
        assert_eq!(cell(3.0, Lang::En), Ok(Some(Answer::Point(3))));
        assert_eq!(cell(3.000_000_000_01, Lang::En), Ok(Some(Answer::Point(3))));
        for typed in ["3,5", "3.5", "2,25"] {
            let error = text(typed).unwrap_err();
            assert!(
                error.starts_with(&format!("`{typed}` is not a whole number: expected a whole number on the scale from 1 to 5")),
                "{error}"
            );
        }
        let error = cell(3.5, Lang::Nl).unwrap_err();
        assert!(
            error.starts_with(
                "`3,5` is geen geheel getal: verwacht een geheel getal op de schaal van 1 tot 5"
            ),
            "{error}"
        );
        let error = read(
            &Value::Text("3,5".into()),
            &focus(),
            &Map::default(),
            Lang::Nl,
        )
        .unwrap_err();
        assert!(error.starts_with("`3,5` is geen geheel getal"), "{error}");
        // Not numbers: read as labels, and so refused with the nearest label.
        for typed in ["1e0", "NaN", "inf", "3,", ",5", "3,0,0"] {
            assert!(text(typed).is_err(), "{typed}");
        }
        let huge = text("99999999999999999999").unwrap_err();
        assert!(
            huge.starts_with("99999999999999999999 is off the scale"),
            "{huge}"
        );
    }

    #[test]
    fn messages_speak_dutch_with_dutch_labels() {
        let dutch = |s: &str| read(&Value::Text(s.into()), &focus(), &Map::default(), Lang::Nl);
        let off = dutch("7").unwrap_err();
        assert!(
            off.starts_with("7 past niet op de schaal: verwacht een punt van 1 tot 5 of het label ervan, zoals \"Vrijwel alleen vastgoed\", of \"weet niet\" / \"n.v.t.\""),
            "{off}"
        );
        let near = dutch("Meer sociaal dan vastgoe").unwrap_err();
        assert!(
            near.starts_with("`Meer sociaal dan vastgoe` past niet op de schaal")
                && near.ends_with("; bedoelt u \"4 - Meer sociaal dan vastgoed\"?"),
            "{near}"
        );
    }
}

#[cfg(test)]
mod lenient {
    use super::*;

    fn text(s: &str) -> Result<Option<Answer>, String> {
        let scale = koers::builtin::instrument("sev").unwrap().scales["focus"].clone();
        read(&Value::Text(s.into()), &scale, &Map::default(), Lang::En)
    }

    #[test]
    fn a_number_with_something_else_is_an_error_with_the_nearest_label() {
        for cell in ["3-4", "2 of 3", "3 - nonsense", "1.000", "1,000"] {
            let error = text(cell).unwrap_err();
            assert!(error.contains("expected"), "{cell}: {error}");
        }
        let error = text("3 - nonsense").unwrap_err();
        assert!(error.contains('"'), "names a label: {error}");
        // What stays an answer: the point with its own label, and a zero fraction.
        assert_eq!(text("3,0"), Ok(Some(Answer::Point(3))));
        assert_eq!(text("3.00"), Ok(Some(Answer::Point(3))));
    }
}
