//! Text from input files made safe for the picture: XML never receives a character XML
//! forbids.

use std::borrow::Cow;

/// Text as XML 1.0 allows it: the control characters it forbids (all below U+0020 but tab,
/// line feed and carriage return), and U+FFFE and U+FFFF, become U+FFFD (the replacement
/// character). Markup characters are left to the caller's escaping.
pub fn xml(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !text.chars().any(forbidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_gets_no_forbidden_characters() {
        assert_eq!(
            xml("a\u{1b}b\u{0}c\u{fffe}d\u{ffff}"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}"
        );
        assert_eq!(xml("tab\tand\nnewline"), "tab\tand\nnewline");
        assert_eq!(xml("Wonen & Zorg <\"Oost\">"), "Wonen & Zorg <\"Oost\">");
    }
}
