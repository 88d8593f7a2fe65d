//! `koers validate`: check every file and report every problem with its place.

use crate::args::{ValidateArgs, ValidateFormat};
use crate::diagnostics::{Diagnostic, Json, Severity, Summary};
use crate::failure::{Failure, print, stdout_result};
use crate::load::{Loader, expand};
use crate::messages::say;

/// Runs the command.
pub fn run(args: &ValidateArgs) -> Result<(), Failure> {
    if args.format == ValidateFormat::Json {
        // A program reads every question id; a person the first few and a count.
        crate::messages::set_whole_lists();
    }
    let (files, skipped) = expand(&args.paths)?;
    let mut loader = Loader::default();
    loader.note_skipped(&skipped);
    for file in &files {
        if loader.is_spreadsheet(file) {
            loader.invalid_files += 1;
            continue;
        }
        let Some(text) = loader.read(file)? else {
            loader.invalid_files += 1;
            continue;
        };
        if !loader.check_text(file, &text)? {
            loader.invalid_files += 1;
        }
    }
    loader.check_werkgebied();
    let errors = count(&loader.diagnostics, Severity::Error);
    let warnings = count(&loader.diagnostics, Severity::Warning);
    // A special file named on the command line counts as a file checked and found
    // unreadable (see `Loader::note_skipped`).
    let named = skipped.iter().filter(|s| s.named).count();
    let (checked, invalid) = (files.len() + named, loader.invalid_files);
    if args.format == ValidateFormat::Json {
        let json = Json {
            version: 1,
            diagnostics: loader.diagnostics.iter().map(Into::into).collect(),
            summary: Summary {
                files: checked,
                valid: checked - invalid,
                invalid,
                errors,
                warnings,
            },
        };
        let mut text =
            serde_json::to_string_pretty(&json).map_err(|e| Failure::Format(e.to_string()))?;
        text.push('\n');
        // JSON escapes control characters itself.
        stdout_result(std::io::Write::write_all(
            &mut std::io::stdout().lock(),
            text.as_bytes(),
        ))?;
        return finish(invalid);
    }
    loader.print_diagnostics(true);
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
    finish(invalid)
}

/// Exit 1 when any file is invalid.
fn finish(invalid: usize) -> Result<(), Failure> {
    if invalid > 0 {
        Err(Failure::Invalid { count: invalid })
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
