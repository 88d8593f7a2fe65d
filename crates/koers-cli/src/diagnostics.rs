//! Printing problems as rustc does: a first line `file:line:column: severity: message`
//! (the form editors and `grep` pick up), then the line quoted with the offending span
//! underlined, and a `help:` note with the nearest valid value when there is one. Drawn
//! by `annotate-snippets`, coloured on a terminal (see [`crate::colour`]). The severity,
//! the message and the help are in the language of the run ([`crate::messages`]):
//! `fout`, `waarschuwing` and `hulp` in Dutch.
//!
//! `koers validate --format json` gives the same diagnostics as JSON ([`Json`]).

use crate::messages::{lang, say};
use crate::safe_text::terminal;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{Effects, Style};
use koers::Location;
use serde::Serialize;
use std::collections::BTreeMap;

pub use koers_survey::import::Severity;

/// One problem, ready to print.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// What is wrong and what was expected, without the location, in the language of the
    /// run.
    pub message: String,
    /// What to do about it, such as "did you mean `current`?", in the language of the
    /// run; shown as a `help:` note under the quoted line.
    pub help: Option<String>,
}

/// The style of the place at the start of a diagnostic.
const PLACE: Style = Style::new().effects(Effects::BOLD);

impl Diagnostic {
    /// An error from the library, in the language of the run, with its suggestion as help.
    pub fn error(error: &koers::Error) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: error.location().clone(),
            message: error.headline_in(lang()),
            help: error.help_in(lang()),
        }
    }

    /// A warning from the library, in the language of the run.
    pub fn warning(warning: &koers::Warning) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: warning.location().clone(),
            message: if crate::messages::whole_lists() {
                warning.message_in(lang())
            } else {
                warning.brief_in(lang(), crate::messages::LISTED)
            },
            help: None,
        }
    }

    /// Renders the diagnostic: the place, the severity and the message on one line, then
    /// the offending line quoted with its span underlined, and the help. `sources` holds
    /// each file's lines, split once for all its diagnostics (splitting per diagnostic
    /// would make a file with many problems quadratic). With `styled`, the text carries
    /// ANSI colours; the caller's stream removes them where colour is off. With a `width`
    /// ([`crate::console::error_width`]), the first line is wrapped to it between words,
    /// its place never broken, its further lines indented.
    pub fn render(
        &self,
        sources: &BTreeMap<&str, Vec<&str>>,
        styled: bool,
        width: Option<usize>,
    ) -> String {
        let (name, level_style) = match self.severity {
            Severity::Error => (
                say("fout", "error"),
                annotate_snippets::renderer::DEFAULT_ERROR_STYLE,
            ),
            Severity::Warning => (
                say("waarschuwing", "warning"),
                annotate_snippets::renderer::DEFAULT_WARNING_STYLE,
            ),
        };
        let paint = |style: Style, text: &str| {
            if styled {
                format!("{}{text}{}", style.render(), style.render_reset())
            } else {
                text.to_string()
            }
        };
        // Names, values and lines come from input files: no control character reaches the
        // terminal raw.
        let mut out = wrap_headline(
            &format!(
                "{}: {}: {}",
                // A space in the place (`Mijn documenten/…`) is no place to break it.
                paint(
                    PLACE,
                    &terminal(&self.location.to_string()).replace(' ', KEEP_SPACE)
                ),
                paint(level_style, name),
                paint(PLACE, &terminal(&self.message)),
            ),
            width,
        );
        out.push('\n');
        let line = sources
            .get(self.location.source.as_str())
            .and_then(|lines| lines.get(self.location.line.checked_sub(1)?))
            .copied();
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        }
        .with_name(name);
        let help = self.help.as_deref().map(|help| terminal(help).into_owned());
        let mut group = Group::with_level(level);
        let quoted;
        if let Some(line) = line {
            let (text, span) = underline(line, self.location.column);
            quoted = text;
            group = group.element(
                Snippet::source(quoted.as_str())
                    .line_start(self.location.line)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        if let Some(help) = &help {
            group = group.element(
                Level::HELP
                    .with_name(say("hulp", "help"))
                    .message(help.as_str()),
            );
        }
        if line.is_none() && help.is_none() {
            return out;
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        out.push_str(&renderer.render(&[group]));
        out.push('\n');
        out
    }
}

/// The indent of a diagnostic's first line where it goes on.
const HANG: &str = "    ";

/// A space that [`wrap_headline`] does not break at (a private-use character, as wide as
/// a space), put back as a space after wrapping.
const KEEP_SPACE: &str = "\u{E000}";

/// A diagnostic's first line fitted to `width` (none: as it is): broken at spaces, the
/// further lines after [`HANG`]. A word longer than the width is never broken, so the
/// place (`file:line:column:`) stays whole for an editor to pick up. Colours take no
/// room (`textwrap` skips ANSI sequences when it measures).
fn wrap_headline(line: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return line.replace(KEEP_SPACE, " ");
    };
    if textwrap::core::display_width(line) <= width {
        return line.replace(KEEP_SPACE, " ");
    }
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .subsequent_indent(HANG);
    textwrap::wrap(line, options)
        .iter()
        .map(|part| part.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
        .replace(KEEP_SPACE, " ")
}

/// The line made safe for a terminal, and the byte span of the token that starts at
/// `column` (in characters, from 1) in it: a quoted string up to its closing quote, a
/// table header up to its `]`, or else a bare word up to a space, `=`, `,` or a bracket.
/// At the end of the line the span is empty, and the caret stands after the text.
fn underline(line: &str, column: usize) -> (String, std::ops::Range<usize>) {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let length = token_length(rest);
    let before = terminal(&line[..start]);
    let token = terminal(&rest[..length]);
    let after = terminal(&rest[length..]);
    let span = before.len()..before.len() + token.len().max(usize::from(!rest.is_empty()));
    (format!("{before}{token}{after}"), span)
}

/// The length in bytes of the token at the start of `text`.
fn token_length(text: &str) -> usize {
    let mut chars = text.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let closing = match first {
        '"' | '\'' => Some(first),
        '[' => Some(']'),
        _ => None,
    };
    if let Some(closing) = closing {
        let mut escaped = false;
        for (i, c) in chars {
            if c == closing && !escaped {
                // A table header `[[regions]]` closes with both brackets.
                let end = i + c.len_utf8();
                return end + usize::from(closing == ']' && text[end..].starts_with(']'));
            }
            escaped = first == '"' && c == '\\' && !escaped;
        }
        return text.len();
    }
    match text.find(|c: char| c.is_whitespace() || matches!(c, '=' | ',' | ']' | '}' | '#' | '[')) {
        // A stray `=` or bracket is a token of its own.
        Some(0) => first.len_utf8(),
        Some(end) => end,
        None => text.len(),
    }
}

/// The diagnostics of a `koers validate --format json` run. Version 1: an object with
/// `version`, the `diagnostics` (each with `file`, `line`, `column` counted from 1,
/// `severity` `error` or `warning`, `message`, and `help` or `null`) and a `summary`
/// (`files`, `valid`, `invalid`, `errors`, `warnings`). The texts are in the language of
/// the run.
#[derive(Serialize)]
pub struct Json<'a> {
    /// The format version, raised when a field changes meaning.
    pub version: u32,
    /// Every diagnostic, in the order they were found.
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    /// The counts.
    pub summary: Summary,
}

/// One diagnostic in [`Json`].
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    /// The file, as given on the command line.
    pub file: &'a str,
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// `error` or `warning`.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
    /// What to do about it, or `null`.
    pub help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            file: &d.location.source,
            line: d.location.line,
            column: d.location.column,
            severity: d.severity,
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// The counts of a validate run.
#[derive(Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files without errors.
    pub valid: usize,
    /// Files with errors.
    pub invalid: usize,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_underline_covers_the_token() {
        let (text, span) = underline("kind = \"cur\\\"ent\" # x", 8);
        assert_eq!(&text[span], "\"cur\\\"ent\"");
        let (text, span) = underline("beheerdr = 4", 1);
        assert_eq!(&text[span], "beheerdr");
        let (text, span) = underline("date = 2026-13-01", 8);
        assert_eq!(&text[span], "2026-13-01");
        let (text, span) = underline("[[regionz]]", 1);
        assert_eq!(&text[span], "[[regionz]]");
        let (_, span) = underline("a = ", 5);
        assert_eq!(span, 4..4);
        let (text, span) = underline("beheerder = = 3", 13);
        assert_eq!(&text[span], "=");
    }

    #[test]
    fn a_place_with_a_space_is_never_broken_by_the_wrap() {
        let place = "Mijn documenten/r1.toml:3:1".replace(' ', KEEP_SPACE);
        let line = format!("{place}: fout: een melding die niet op een regel past");
        let wrapped = wrap_headline(&line, Some(30));
        assert!(
            wrapped.starts_with("Mijn documenten/r1.toml:3:1:"),
            "{wrapped}"
        );
        assert!(wrapped.lines().count() > 1 && !wrapped.contains(KEEP_SPACE));
        assert_eq!(
            wrap_headline(&line, None).replace(KEEP_SPACE, " "),
            wrap_headline(&line, None)
        );
    }

    #[test]
    fn a_control_character_is_shown_and_the_span_still_fits() {
        let (text, span) = underline("naam = \"a\u{1b}b\" x", 8);
        assert_eq!(&text[span], "\"a\\u{1b}b\"");
    }
}
