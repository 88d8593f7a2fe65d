//! Numbers as a person reads them: a decimal comma in Dutch ("62,5"), a point in English
//! ("62.5"). Every human-readable output of koers (the terminal tables, the messages, the
//! report, the picture's texts) writes its numbers here, so that one run never mixes the
//! two; machine formats (JSON, TOML, comma-separated CSV) keep the point and do not.

use crate::Lang;

/// The sign written for "no number" (no position, no spread for one respondent).
pub const NONE: &str = "–";

/// `value` with `decimals` decimals: `fixed(0.675, 2, Lang::Nl)` is "0,68" (rounded as
/// `format!` rounds). A value that rounds to zero has no minus sign: "-0,0" would read as
/// a movement.
pub fn fixed(value: f64, decimals: usize, lang: Lang) -> String {
    let mut text = format!("{value:.decimals$}");
    if text.starts_with('-') && text[1..].bytes().all(|b| b == b'0' || b == b'.') {
        text.remove(0);
    }
    in_lang(text, lang)
}

/// `value` with `decimals` decimals, or [`NONE`] for none.
pub fn or_none(value: Option<f64>, decimals: usize, lang: Lang) -> String {
    value.map_or_else(|| NONE.to_string(), |v| fixed(v, decimals, lang))
}

/// `value` as short as it reads exactly, as Rust's `Display` writes it ("0,5", "3",
/// "1,25"): for a value quoted from an input file, such as a weight or a threshold.
pub fn shortest(value: f64, lang: Lang) -> String {
    in_lang(value.to_string(), lang)
}

/// A difference with its sign and `decimals` decimals: "+12,0", "−3,5" (a minus sign, not
/// a hyphen); a difference that rounds to nothing has no sign.
pub fn signed(value: f64, decimals: usize, lang: Lang) -> String {
    let text = fixed(value.abs(), decimals, lang);
    let zero = text.bytes().all(|b| matches!(b, b'0' | b'.' | b','));
    let sign = if zero {
        ""
    } else if value > 0.0 {
        "+"
    } else {
        "−"
    };
    format!("{sign}{text}")
}

/// A share 0–1 as a whole percentage, "68%" (the same in both languages).
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Rust's number text with the language's decimal sign. Only the first point is a decimal
/// sign: the texts this takes are single numbers.
fn in_lang(text: String, lang: Lang) -> String {
    match lang {
        Lang::Nl => text.replacen('.', ",", 1),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_writes_a_comma_and_english_a_point() {
        assert_eq!(fixed(62.5, 1, Lang::Nl), "62,5");
        assert_eq!(fixed(62.5, 1, Lang::En), "62.5");
        assert_eq!(fixed(0.675_1, 2, Lang::Nl), "0,68");
        assert_eq!(fixed(12.0, 0, Lang::Nl), "12");
        assert_eq!(shortest(0.5, Lang::Nl), "0,5");
        assert_eq!(shortest(3.0, Lang::Nl), "3");
        assert_eq!(or_none(None, 1, Lang::En), NONE);
        assert_eq!(fixed(-3.26, 1, Lang::Nl), "-3,3");
        assert_eq!(signed(12.0, 1, Lang::Nl), "+12,0");
        assert_eq!(signed(-3.5, 1, Lang::En), "−3.5");
        assert_eq!(signed(-0.04, 1, Lang::Nl), "0,0");
    }

    #[test]
    fn a_value_that_rounds_to_zero_has_no_sign() {
        assert_eq!(fixed(-0.01, 1, Lang::Nl), "0,0");
        assert_eq!(fixed(-0.0, 0, Lang::En), "0");
        assert_eq!(fixed(-0.06, 1, Lang::En), "-0.1");
    }
}
