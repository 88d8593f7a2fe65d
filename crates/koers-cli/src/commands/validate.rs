//! `koers validate`: check every file and report every problem with its place.

use crate::args::ValidateArgs;
use crate::diagnostics::{Diagnostic, Severity};
use crate::failure::{Failure, print};
use crate::load::{Loader, expand};
use crate::messages::say;

/// Runs the command.
pub fn run(args: &ValidateArgs) -> Result<(), Failure> {
    let (files, skipped) = expand(&args.paths)?;
    let mut loader = Loader::default();
    loader.note_skipped(&skipped);
    for file in &files {
        let Some(text) = loader.read(file)? else {
            loader.invalid_files += 1;
            continue;
        };
        if !loader.check_text(file, &text)? {
            loader.invalid_files += 1;
        }
    }
    loader.print_diagnostics(true);
    let errors = count(&loader.diagnostics, Severity::Error);
    let warnings = count(&loader.diagnostics, Severity::Warning);
    let (checked, invalid) = (files.len(), loader.invalid_files);
    let summary = say(
        format!(
            "{checked} bestand{} gecontroleerd: {} geldig, {invalid} ongeldig ({errors} fout{}, {warnings} waarschuwing{})\n",
            if checked == 1 { "" } else { "en" },
            checked - invalid,
            if errors == 1 { "" } else { "en" },
            if warnings == 1 { "" } else { "en" },
        ),
        format!(
            "checked {checked} file{}: {} valid, {invalid} invalid ({errors} error{}, {warnings} warning{})\n",
            plural(checked),
            checked - invalid,
            plural(errors),
            plural(warnings),
        ),
    );
    print(&summary)?;
    if loader.invalid_files > 0 {
        Err(Failure::Invalid {
            count: loader.invalid_files,
        })
    } else {
        Ok(())
    }
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
