//! Text from input files made safe for where it goes: a terminal never receives a raw
//! control character (no escape sequence can recolour, retitle or clear it). XML (the
//! picture) has its own rules in `koers-plot`, Markdown and CSV in `tabular` and
//! `commands::score`.

use std::borrow::Cow;

/// Text for a terminal: every control character except line feed and tab is shown as a
/// visible escape such as `\u{1b}`, so an escape sequence in a name is printed, not obeyed.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_terminal_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_terminal_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_terminal_escape(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
        // Bidirectional overrides can make a line read differently from what it holds.
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_gets_escape_sequences_as_text() {
        assert_eq!(terminal("\u{1b}[31mRood\u{7}"), "\\u{1b}[31mRood\\u{7}");
        assert_eq!(terminal("a\u{0}b"), "a\\u{0}b");
        assert_eq!(terminal("\u{9b}31m"), "\\u{9b}31m", "C1 controls too");
        assert_eq!(terminal("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(terminal("regel\n\tverder"), "regel\n\tverder");
        assert!(matches!(
            terminal("Woonstichting De Dijk"),
            Cow::Borrowed(_)
        ));
    }
}
