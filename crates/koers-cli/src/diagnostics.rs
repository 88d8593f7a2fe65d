//! Printing problems as `file:line:column: severity: message`, with the line quoted. The
//! severity and the message are in the language of the run ([`crate::messages`]): `fout`
//! and `waarschuwing` in Dutch; the place, the quoted line and the caret are the same in
//! every language.

use crate::messages::{lang, say};
use crate::safe_text::terminal;
use koers::Location;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file can be used, but its result is worth less.
    Warning,
}

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
}

impl Diagnostic {
    /// An error from the library, in the language of the run.
    pub fn error(error: &koers::Error) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: error.location().clone(),
            message: error.message_in(lang()),
        }
    }

    /// A warning from the library, in the language of the run.
    pub fn warning(warning: &koers::Warning) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: warning.location().clone(),
            message: warning.message_in(lang()),
        }
    }

    /// Renders the diagnostic with the offending line quoted and a caret under the column.
    /// `sources` holds each file's lines, split once for all its diagnostics (splitting per
    /// diagnostic would make a file with many problems quadratic).
    pub fn render(&self, sources: &BTreeMap<&str, Vec<&str>>) -> String {
        let severity = match self.severity {
            Severity::Error => say("fout", "error"),
            Severity::Warning => say("waarschuwing", "warning"),
        };
        // Names, values and lines come from input files: no control character reaches the
        // terminal raw.
        let mut out = format!(
            "{}: {severity}: {}\n",
            terminal(&self.location.to_string()),
            terminal(&self.message)
        );
        let line = sources
            .get(self.location.source.as_str())
            .and_then(|lines| lines.get(self.location.line.checked_sub(1)?))
            .copied();
        if let Some(line) = line {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String = line
                .chars()
                .take(self.location.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {}", terminal(line));
            let _ = writeln!(out, "{pad} | {caret_pad}^");
        }
        out
    }
}
