//! Why a command failed, and the exit code that says so.

use std::path::PathBuf;
use std::process::ExitCode;

/// A failed command. Invalid input has already been reported as diagnostics.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Failure {
    /// Some input is invalid (exit 1). The diagnostics were printed.
    #[error("{count} invalid file(s)")]
    Invalid {
        /// How many files were invalid.
        count: usize,
    },
    /// A file or folder could not be read (exit 2).
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// The output could not be written (exit 2).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// The output would replace a file the run read (exit 2).
    #[error("refusing to write {}: it is one of the input files", path.display())]
    OutputIsInput {
        /// The path.
        path: PathBuf,
    },
    /// The output is a `.toml` file in a folder the run searched for input, so the next
    /// run would read it (exit 2).
    #[error(
        "refusing to write {}: a .toml file in the input folder {} would be read as input next time",
        path.display(),
        folder.display()
    )]
    OutputInInputFolder {
        /// The path.
        path: PathBuf,
        /// The input folder it lies in.
        folder: PathBuf,
    },
    /// The output exists and is not a regular file, such as a device or a FIFO (exit 2).
    #[error(
        "refusing to write {}: it is {kind}, not a regular file (`-o -` writes to standard output)",
        path.display()
    )]
    OutputNotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead, such as "a FIFO".
        kind: &'static str,
    },
    /// The output exists and this command did not write it; `--force` replaces it (exit 2).
    #[error(
        "refusing to replace {}: the file already exists (--force replaces it)",
        path.display()
    )]
    OutputExists {
        /// The path.
        path: PathBuf,
    },
    /// Writing to standard output failed for another reason than a closed pipe (exit 2).
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// The output could not be formatted (exit 2); a bug in koers, not bad input.
    #[error("cannot format the output: {0}")]
    Format(String),
    /// Inputs that cannot be combined, such as two different matrices in one picture
    /// (exit 1).
    #[error("{0}")]
    Unsupported(String),
}

impl Failure {
    /// The process exit code: 1 for invalid input, 2 for everything else.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Invalid { .. } | Failure::Unsupported(_) => ExitCode::from(1),
            _ => ExitCode::from(2),
        }
    }
}

/// Writing to standard output: a closed pipe (`koers score ... | head`) ends the output
/// quietly; any other error is a failure.
pub fn stdout_result(result: std::io::Result<()>) -> Result<(), Failure> {
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::Stdout),
    }
}

/// Prints text for people to standard output, with every control character from input
/// files made visible ([`crate::safe_text::terminal`]).
pub fn print(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let text = crate::safe_text::terminal(text);
    stdout_result(std::io::stdout().lock().write_all(text.as_bytes()))
}
