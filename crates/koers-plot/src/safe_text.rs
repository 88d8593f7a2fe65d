//! Text from input files made safe for the picture: XML never receives a character XML
//! forbids, and no name can reorder the text around it.

use std::borrow::Cow;

/// Text as XML 1.0 allows it: the control characters it forbids (all below U+0020 but tab,
/// line feed and carriage return), and U+FFFE and U+FFFF, become U+FFFD (the replacement
/// character). The bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) are removed: one in an organisation's name would make the label, and
/// the text after it, read backwards ("Trojan Source"). Markup characters are left to the
/// caller's escaping.
pub fn xml(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !text.chars().any(|c| forbidden(c) || bidi_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| !bidi_control(c))
            .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// The characters that change the direction of the text after them until they are closed.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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

    #[test]
    fn no_name_turns_the_text_around() {
        assert_eq!(xml("Woon\u{202e}kcid ed\u{202c} Zorg"), "Woonkcid ed Zorg");
        assert_eq!(xml("a\u{2066}b\u{2069}c\u{202a}d"), "abcd");
        // Arabic or Hebrew letters themselves stay: only the invisible controls go.
        assert_eq!(xml("שלום"), "שלום");
    }
}
