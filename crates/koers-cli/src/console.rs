//! What this run may do on the terminal: colour (`--color`, `NO_COLOR`), the one-line
//! reports of what a command wrote (`--quiet` silences them), and the width that tables
//! and diagnostics fit (`COLUMNS`, or the terminal's own).
//!
//! Like the language of messages ([`crate::messages`]), these are one per run: [`crate::run`]
//! sets them from the global options before anything is printed.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the one-line reports are silenced.
static QUIET: AtomicBool = AtomicBool::new(false);

/// When to colour diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set (or `CLICOLOR_FORCE` asks for colour).
    #[default]
    Auto,
    /// Always, also into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// Sets this run's colour and quietness.
pub fn set(color: ColorWhen, quiet: bool) {
    let choice = match color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Writes styled text to standard error: the colours stay on a terminal (or with
/// `--color always`) and are taken out elsewhere, with `NO_COLOR` or with `--color never`.
pub fn eprint_styled(text: &str) {
    let mut stderr = anstream::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
}

/// Reports on standard error what a command did, such as "matrix.svg geschreven: 12
/// posities", unless the run is `--quiet`. Output on standard output is never announced:
/// it speaks for itself.
pub fn done(nl: impl AsRef<str>, en: impl AsRef<str>) {
    if QUIET.load(Ordering::Relaxed) {
        return;
    }
    let text = crate::messages::say(nl.as_ref(), en.as_ref());
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        crate::safe_text::terminal(text)
    );
}

/// Says on stderr that a command wrote `output` when it is a file ("PATH geschreven:
/// WHAT"), as [`done`] does; nothing for standard output.
pub fn wrote(output: &crate::output::Output, (nl, en): (String, String)) {
    if let crate::output::Output::File(path) = output {
        let path = path.display();
        done(
            format!("{path} geschreven: {nl}"),
            format!("{path} written: {en}"),
        );
    }
}

/// "N posities" / "N positions", for [`wrote`].
pub fn positions(n: usize) -> (String, String) {
    let s = if n == 1 { "" } else { "s" };
    (format!("{n} positie{s}"), format!("{n} position{s}"))
}

/// The width that terminal tables should fit: `COLUMNS` when it is set to a number,
/// else the terminal's width when standard output is a terminal; `None` (print whole)
/// when standard output goes to a pipe or a file and `COLUMNS` is not set.
pub fn width() -> Option<usize> {
    columns().or_else(|| columns_of(terminal_size::terminal_size_of(std::io::stdout())))
}

/// The width that diagnostics on standard error fit, by the rule of [`width`] for
/// standard error: `COLUMNS` when it is set to a number, else the terminal's width when
/// standard error is a terminal; `None` (each on one line, as editors and `grep` read
/// them) when it goes to a pipe or a file and `COLUMNS` is not set.
pub fn error_width() -> Option<usize> {
    columns().or_else(|| columns_of(terminal_size::terminal_size_of(std::io::stderr())))
}

/// `COLUMNS`, when it is set to a positive number.
fn columns() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
}

/// The width of a terminal, as `terminal_size` gives it (`None`: not a terminal).
fn columns_of(size: Option<(terminal_size::Width, terminal_size::Height)>) -> Option<usize> {
    size.map(|(terminal_size::Width(w), _)| usize::from(w))
}
