//! `koers form`: the questionnaire as a form to send out.

use crate::args::{FormArgs, FormFormat};
use crate::failure::Failure;
use crate::load::Loader;
use crate::output::{Output, Own, Rules, write};
use koers::{Instrument, builtin};
use koers_survey::form;
use std::path::Path;

/// Runs the command.
pub fn run(args: &FormArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let instrument = instrument(&mut loader, &args.instrument)?;
    let format = args.format.unwrap_or_else(|| match &args.output {
        Some(Output::File(path)) => by_extension(path),
        _ => FormFormat::Xlsx,
    });
    let lang = args.lang;
    let bytes = match format {
        FormFormat::Xlsx => {
            if args.output.is_none() {
                return Err(Failure::Usage(
                    crate::messages::say(
                        "een werkmap is geen tekst voor een terminal: geef -o BESTAND.xlsx (of --format csv of markdown)",
                        "a workbook is not text for a terminal: give -o FILE.xlsx (or --format csv or markdown)",
                    )
                    .into(),
                ));
            }
            if let Some(long) = form::too_long(&instrument, lang) {
                // Named by the file it comes from, the field and its length, in the
                // language of the run, rather than the writer's English error.
                return Err(Failure::Unsupported(format!(
                    "{}: {}",
                    crate::safe_text::terminal(&args.instrument),
                    long.message(crate::messages::lang())
                )));
            }
            form::workbook(&instrument, lang).map_err(|e| Failure::Format(e.to_string()))?
        }
        FormFormat::Csv => form::csv(&instrument, lang)
            .map_err(|e| Failure::Format(e.to_string()))?
            .into_bytes(),
        FormFormat::Markdown => form::markdown(&instrument, lang).into_bytes(),
    };
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        // Markdown carries the mark of an unedited form; a workbook or CSV does not.
        own: if format == FormFormat::Markdown {
            Own::Marked
        } else {
            Own::Nothing
        },
    };
    let output = args.output.as_ref().unwrap_or(&Output::Stdout);
    // Texts from an instrument file reach a terminal as visible escapes, never as
    // escape sequences it would obey (a workbook never goes to standard output).
    let bytes = match (output, String::from_utf8(bytes)) {
        (Output::Stdout, Ok(text)) => crate::safe_text::terminal(&text).into_owned().into_bytes(),
        (_, Ok(text)) => text.into_bytes(),
        (_, Err(e)) => e.into_bytes(),
    };
    write(output, &bytes, &rules)?;
    if let Output::File(path) = output {
        let n = instrument.questions().count();
        crate::console::done(
            format!(
                "{} geschreven: een formulier met {n} vragen",
                path.display()
            ),
            format!("{} written: a form with {n} questions", path.display()),
        );
    }
    Ok(())
}

fn by_extension(path: &Path) -> FormFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => FormFormat::Csv,
        Some("md" | "markdown") => FormFormat::Markdown,
        _ => FormFormat::Xlsx,
    }
}

/// The instrument named on the command line: built in, or a file (exit 1 after printing
/// its problems when it is invalid).
pub fn instrument(loader: &mut Loader, reference: &str) -> Result<Instrument, Failure> {
    if let Some(instrument) = builtin::instrument(reference) {
        return Ok(instrument.clone());
    }
    match loader.load_instrument(Path::new(reference))? {
        Some(instrument) => Ok(instrument),
        None => {
            loader.print_diagnostics(true);
            Err(Failure::Invalid { count: 1 })
        }
    }
}
