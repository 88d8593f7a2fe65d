//! Texts from an instrument file as TOML comment lines: what `koers init` and `koers
//! import` write above each question.

use std::fmt::Write as _;

/// Writes `text` as comment lines of at most 86 characters, each starting with `prefix`.
pub fn comment(out: &mut String, prefix: &str, text: &str) {
    for line in wrap(text, 86) {
        let _ = writeln!(out, "{prefix}{}", one_line(&line));
    }
}

/// Text from an instrument file for one comment line: a line break would end the comment
/// and turn the rest into TOML, and TOML forbids control characters in a comment, which a
/// terminal would act on; both are written as visible escapes.
fn one_line(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a terminal would act on the character: every control character except line
/// feed and tab, and the bidirectional overrides that can make a line read differently
/// from what it holds.
fn needs_escape(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("lines starts non-empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_wraps_and_shows_control_characters() {
        let mut out = String::new();
        comment(
            &mut out,
            "# ",
            &format!("{}\u{1b}[31m\nrood", "woord ".repeat(20)),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with("# ") && l.chars().count() <= 88)
        );
        assert!(lines[1].contains("\\u{1b}[31m rood"), "{out}");
    }
}
