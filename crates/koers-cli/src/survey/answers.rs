//! What an answer cell says: a point as a number, a label in either language, "3 - label",
//! "weet niet" or "n.v.t." in any common spelling, or a text that `--map` names.

use super::map::Map;
use super::sheet::Value;
use super::{nearest, normalize, shorten};
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
/// (not answered), `Err` with the reason and what was expected.
pub fn read(value: &Value, scale: &Scale, map: &Map) -> Result<Option<Answer>, String> {
    let text = match value {
        Value::Empty => return Ok(None),
        Value::Number(n) => return number(*n, scale).map(Some),
        Value::Date(_) | Value::Text(_) => value.shown(),
    };
    let trimmed = text.trim();
    if let Some(mapped) = map.answer(trimmed) {
        return match mapped {
            Ok(answer) => check(answer, scale).map(Some),
            Err(word) => Err(format!(
                "the --map file maps `{trimmed}` to `{word}`: expected a point or \"weet niet\" / \"n.v.t.\""
            )),
        };
    }
    if let Ok(n) = trimmed.replace(',', ".").parse::<f64>() {
        return number(n, scale).map(Some);
    }
    let norm = normalize(trimmed);
    if let Some(word) = word(trimmed, &norm) {
        return check(word, scale).map(Some);
    }
    // "3 - Meer sociaal dan vastgoed": the point, and a label that must not contradict it.
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty()
        && super::strip_number(trimmed).len() < trimmed.len()
        && let Ok(point) = digits.parse::<i64>()
    {
        let answer = check(Answer::Point(point), scale)?;
        if let Some(other) = label(&norm, scale).filter(|&p| p != point) {
            return Err(format!(
                "`{trimmed}` gives point {point} but the label of point {other}: expected one of them"
            ));
        }
        return Ok(Some(answer));
    }
    if let Some(point) = label(&norm, scale) {
        return Ok(Some(Answer::Point(point)));
    }
    Err(unreadable(trimmed, scale))
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

/// The point whose label (in either language) the normalized text is.
fn label(norm: &str, scale: &Scale) -> Option<i64> {
    (scale.min..=scale.max).find(|&p| {
        scale.label(p).is_some_and(|l| {
            normalize(l.get(Lang::Nl)) == norm || normalize(l.get(Lang::En)) == norm
        })
    })
}

fn number(n: f64, scale: &Scale) -> Result<Answer, String> {
    if n.fract() != 0.0 || !n.is_finite() {
        return Err(format!(
            "{n} is not a whole number: expected {}",
            expected(scale)
        ));
    }
    check(Answer::Point(n as i64), scale)
}

fn check(answer: Answer, scale: &Scale) -> Result<Answer, String> {
    match answer {
        Answer::Point(p) if !scale.contains(p) => Err(format!(
            "{p} is off the scale: expected {}",
            expected(scale)
        )),
        Answer::Unknown | Answer::NotApplicable if !scale.unknown => Err(format!(
            "this question does not allow \"weet niet\" or \"n.v.t.\": expected a point from {} to {}",
            scale.min, scale.max
        )),
        other => Ok(other),
    }
}

/// What a question accepts, in words.
fn expected(scale: &Scale) -> String {
    let mut text = format!(
        "a point from {} to {} or its label, such as \"{}\"",
        scale.min,
        scale.max,
        scale.label(scale.min).map_or("", |l| l.get(Lang::Nl))
    );
    if scale.unknown {
        text.push_str(", or \"weet niet\" / \"n.v.t.\"");
    }
    text
}

fn unreadable(text: &str, scale: &Scale) -> String {
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
    let hint = nearest(
        text,
        labels.chain(words.into_iter().filter(|_| scale.unknown)),
    )
    .map(|l| {
        let point = label(&normalize(l), scale)
            .map(|p| format!("{p} - "))
            .unwrap_or_default();
        format!("; nearest: \"{point}{l}\"")
    })
    .unwrap_or_default();
    format!(
        "`{}` is no point or label of the scale: expected {}{hint}",
        shorten(text, 60),
        expected(scale)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn focus() -> Scale {
        koers::builtin::instrument("sev").unwrap().scales["focus"].clone()
    }

    fn text(s: &str) -> Result<Option<Answer>, String> {
        read(&Value::Text(s.into()), &focus(), &Map::default())
    }

    #[test]
    fn numbers_labels_and_words_are_answers() {
        assert_eq!(text("3"), Ok(Some(Answer::Point(3))));
        assert_eq!(text(" 4.0 "), Ok(Some(Answer::Point(4))));
        assert_eq!(
            read(&Value::Number(2.0), &focus(), &Map::default()),
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
        assert_eq!(read(&Value::Empty, &focus(), &Map::default()), Ok(None));
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
        let read = |s: &str| read(&Value::Text(s.into()), &focus(), &map);
        assert_eq!(read("A4"), Ok(Some(Answer::Point(4))));
        assert_eq!(read("geen idee"), Ok(Some(Answer::Unknown)));
    }
}
