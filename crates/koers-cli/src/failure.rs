//! Why a command failed, and the exit code that says so.

use crate::messages::{io_reason, lang};
use koers::Lang;
use std::fmt;
#[cfg(target_os = "linux")]
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

/// A failed command. Invalid input has already been reported as diagnostics. Its text is
/// in the language of the run ([`crate::messages`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    /// Some input is invalid (exit 1). The diagnostics were printed.
    Invalid {
        /// How many files were invalid.
        count: usize,
    },
    /// Some of the files a command was to score or draw are invalid, so it shows nothing
    /// (exit 1): a position without one of its respondents could be wrong without a word.
    NotScored {
        /// How many files were invalid.
        count: usize,
    },
    /// A file or folder could not be read (exit 2).
    Read {
        /// The path.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// The output could not be written (exit 2).
    Write {
        /// The path.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// The output would replace a file the run read (exit 2).
    OutputIsInput {
        /// The path.
        path: PathBuf,
    },
    /// The output is a `.toml` file in a folder the run searched for input, so the next
    /// run would read it (exit 2).
    OutputInInputFolder {
        /// The path.
        path: PathBuf,
        /// The input folder it lies in.
        folder: PathBuf,
    },
    /// The output exists and is not a regular file, such as a device or a FIFO (exit 2).
    OutputNotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead, such as "a FIFO", in the language of the run.
        kind: &'static str,
    },
    /// The output exists and this command did not write it; `--force` replaces it (exit 2).
    OutputExists {
        /// The path.
        path: PathBuf,
    },
    /// Writing to standard output failed for another reason than a closed pipe (exit 2).
    Stdout(std::io::Error),
    /// The output could not be formatted (exit 2); a bug in koers, not bad input.
    Format(String),
    /// The picture asked for is too large to draw, such as a PNG of over 100 million
    /// pixels (exit 2). The text is formed in the language of the run and says what to
    /// choose instead.
    TooLarge(String),
    /// Inputs that cannot be combined, such as two different matrices in one picture
    /// (exit 1). The text is formed in the language of the run.
    Unsupported(String),
    /// Options that do not go together, such as a workbook asked for on standard output
    /// (exit 2, as clap's own usage errors). The text is formed in the language of the run.
    Usage(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nl = lang() == Lang::Nl;
        match self {
            Failure::Invalid { count } if nl => write!(
                f,
                "{count} ongeldig{} bestand{}",
                if *count == 1 { "" } else { "e" },
                if *count == 1 { "" } else { "en" }
            ),
            Failure::Invalid { count } => write!(
                f,
                "{count} invalid file{}",
                if *count == 1 { "" } else { "s" }
            ),
            Failure::NotScored { count } if nl => write!(
                f,
                "{count} ongeldig{} bestand{}; niets getoond, want een positie zonder {} kan verkeerd zijn: verbeter {} of haal {} uit de map",
                if *count == 1 { "" } else { "e" },
                if *count == 1 { "" } else { "en" },
                if *count == 1 {
                    "dat bestand"
                } else {
                    "die bestanden"
                },
                if *count == 1 { "het" } else { "ze" },
                if *count == 1 { "het" } else { "ze" },
            ),
            Failure::NotScored { count } => write!(
                f,
                "{count} invalid file{}; nothing shown, because a position without {} could be wrong: fix {} or move {} out of the folder",
                if *count == 1 { "" } else { "s" },
                if *count == 1 {
                    "that file"
                } else {
                    "those files"
                },
                if *count == 1 { "it" } else { "them" },
                if *count == 1 { "it" } else { "them" },
            ),
            Failure::Read { path, source } if nl => {
                write!(
                    f,
                    "kan {} niet lezen: {}",
                    path.display(),
                    io_reason(source)
                )
            }
            Failure::Read { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Failure::Write { path, source } if nl => write!(
                f,
                "kan {} niet schrijven: {}",
                path.display(),
                io_reason(source)
            ),
            Failure::Write { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
            Failure::OutputIsInput { path } if nl => write!(
                f,
                "{} wordt niet geschreven: het is een van de invoerbestanden",
                path.display()
            ),
            Failure::OutputIsInput { path } => write!(
                f,
                "refusing to write {}: it is one of the input files",
                path.display()
            ),
            Failure::OutputInInputFolder { path, folder } if nl => write!(
                f,
                "{} wordt niet geschreven: een .toml-bestand in de invoermap {} zou de volgende keer als invoer gelezen worden",
                path.display(),
                folder.display()
            ),
            Failure::OutputInInputFolder { path, folder } => write!(
                f,
                "refusing to write {}: a .toml file in the input folder {} would be read as input next time",
                path.display(),
                folder.display()
            ),
            Failure::OutputNotAFile { path, kind } if nl => write!(
                f,
                "{} wordt niet geschreven: het is {kind}, geen gewoon bestand (`-o -` schrijft naar standaarduitvoer)",
                path.display()
            ),
            Failure::OutputNotAFile { path, kind } => write!(
                f,
                "refusing to write {}: it is {kind}, not a regular file (`-o -` writes to standard output)",
                path.display()
            ),
            Failure::OutputExists { path } if nl => write!(
                f,
                "{} wordt niet vervangen: het bestand bestaat al (--force vervangt het)",
                path.display()
            ),
            Failure::OutputExists { path } => write!(
                f,
                "refusing to replace {}: the file already exists (--force replaces it)",
                path.display()
            ),
            Failure::Stdout(error) if nl => write!(
                f,
                "kan niet naar standaarduitvoer schrijven: {}",
                io_reason(error)
            ),
            Failure::Stdout(error) => write!(f, "cannot write to standard output: {error}"),
            Failure::TooLarge(text) => f.write_str(text),
            Failure::Format(error) if nl => write!(f, "kan de uitvoer niet opmaken: {error}"),
            Failure::Format(error) => write!(f, "cannot format the output: {error}"),
            Failure::Unsupported(message) | Failure::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Read { source, .. } | Failure::Write { source, .. } => Some(source),
            Failure::Stdout(error) => Some(error),
            _ => None,
        }
    }
}

impl Failure {
    /// The process exit code: 1 for invalid input, 2 for everything else. A file that
    /// could not be read is reported with the invalid ones, as one problem at its place,
    /// yet the run exits 2 as for any unreadable file ([`note_unreadable`]): one rule for
    /// every file argument of every command.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Invalid { .. } | Failure::NotScored { .. }
                if UNREADABLE.load(std::sync::atomic::Ordering::Relaxed) =>
            {
                ExitCode::from(2)
            }
            Failure::Invalid { .. } | Failure::NotScored { .. } | Failure::Unsupported(_) => {
                ExitCode::from(1)
            }
            _ => ExitCode::from(2),
        }
    }
}

/// Whether the run met a file it could not read ([`note_unreadable`]).
static UNREADABLE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes that a file could not be read (no permission, missing, removed meanwhile): the
/// run goes on to report the other files' problems, and then exits 2, not 1.
pub fn note_unreadable() {
    UNREADABLE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Writing to standard output: a closed pipe (`koers score ... | head`) ends the output
/// quietly; any other error is a failure.
/// A closed standard output (`koers score >&-`) is a failure too: Rust's standard library
/// drops what is written to it without a word.
pub fn stdout_result(result: std::io::Result<()>) -> Result<(), Failure> {
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Ok(()) => stdout_open().map_err(Failure::Stdout),
        other => other.map_err(Failure::Stdout),
    }
}

/// Whether standard output was closed when the process started ([`note_stdout`]).
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes whether standard output was closed when koers started. Rust's runtime opens
/// `/dev/null` (read-write) in place of a closed standard output before `main`, so what
/// is written there would be lost without a word; a shell's `>/dev/null` opens it
/// write-only, so the two are told apart by the mode (Linux, through `/proc`).
pub fn note_stdout() {
    #[cfg(target_os = "linux")]
    {
        let null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == Path::new("/dev/null"));
        let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        });
        STDOUT_CLOSED.store(null && read_write, std::sync::atomic::Ordering::Relaxed);
    }
}

/// An error when standard output was closed at the start.
fn stdout_open() -> std::io::Result<()> {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(std::io::Error::other(crate::messages::say(
            "standaarduitvoer is gesloten",
            "standard output is closed",
        )));
    }
    Ok(())
}

/// Prints text for people to standard output, with every control character from input
/// files made visible ([`crate::safe_text::terminal`]).
pub fn print(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let text = crate::safe_text::terminal(text);
    stdout_result(std::io::stdout().lock().write_all(text.as_bytes()))
}
