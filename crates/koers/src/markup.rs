//! Text from input files made safe for the documents koers writes. One rule for every
//! crate that writes Markdown (the report, the tables, the paper form), so that an
//! organisation name or a question text can never become a heading, a link, an image or
//! raw HTML in one output while another shows it as text.

/// Text as a document may show it: control characters (a TOML string can hold `\u0007`)
/// and the bidirectional controls that can make a name read backwards (U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069) are removed; tabs and line breaks become spaces, so a
/// name stays on one line.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// Text as Markdown shows it, never as markup: cleaned as [`clean`] does, HTML's special
/// characters as entities (a Markdown renderer passes raw HTML through), Markdown's own
/// marks behind a backslash (so `[a](javascript:…)` and `![](http://…)` are no link and
/// no image, and `#` starts no heading), and `|` too, so that a table cell cannot end
/// early.
///
/// ```
/// assert_eq!(
///     koers::markup::markdown("# De <b>Dijk</b> [x](javascript:alert(1))"),
///     r"\# De &lt;b&gt;Dijk&lt;/b&gt; \[x\](javascript:alert(1))"
/// );
/// ```
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as a spreadsheet will show it, not run it: a CSV cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is read as a formula by Excel and LibreOffice
/// (formula injection), so such a text gets a leading apostrophe, the spreadsheets' own
/// mark for "this is text".
///
/// ```
/// assert_eq!(koers::markup::spreadsheet("=1+2"), "'=1+2");
/// assert_eq!(koers::markup::spreadsheet("De Dijk"), "De Dijk");
/// ```
pub fn spreadsheet(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_are_text() {
        assert_eq!(markdown("a|b\nc"), r"a\|b c");
        assert_eq!(
            markdown("![img](http://x/y.png)"),
            r"!\[img\](http://x/y.png)"
        );
        assert_eq!(
            markdown("**vet** _schuin_ `code`"),
            r"\*\*vet\*\* \_schuin\_ \`code\`"
        );
        assert_eq!(markdown("Wonen & Zorg"), "Wonen &amp; Zorg");
        assert_eq!(markdown("x\u{202e}y\u{1b}z"), "xyz");
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(spreadsheet("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet("-1+2"), "'-1+2");
        assert_eq!(spreadsheet("\tx"), "'\tx");
    }

    #[test]
    fn clean_keeps_one_line() {
        assert_eq!(clean("Twee\r\nregels\tén"), "Twee  regels én");
        assert_eq!(clean("שלום"), "שלום");
    }
}
