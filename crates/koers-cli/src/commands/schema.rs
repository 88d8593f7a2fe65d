//! `koers schema`: the JSON Schema of a document, for editors that complete and check TOML
//! as it is typed (Taplo, Even Better TOML).

use crate::args::{SchemaArgs, SchemaDocument};
use crate::failure::Failure;
use crate::load::Loader;
use crate::messages::say;
use crate::output::{Output, Own, Rules, write};
use koers::{Instrument, builtin};
use std::path::PathBuf;

/// Runs the command.
pub fn run(args: &SchemaArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let schema = match (&args.instrument, args.document) {
        (None, SchemaDocument::Assessment) => koers::schema::assessment(),
        (None, SchemaDocument::Instrument) => koers::schema::instrument(),
        (None, SchemaDocument::Matrix) => koers::schema::matrix(),
        (None, SchemaDocument::Register) => koers::schema::register(),
        (Some(reference), SchemaDocument::Assessment) => {
            let instrument = load_instrument(&mut loader, reference)?;
            koers::schema::assessment_for(&instrument, args.lang)
        }
        (Some(_), _) => {
            return Err(Failure::Unsupported(say(
                "--instrument hoort bij het schema van een assessment, niet van een instrument of matrix",
                "--instrument belongs to the schema of an assessment, not of an instrument or a matrix",
            ).to_string()));
        }
    };
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        own: Own::Nothing,
    };
    write(
        args.output.as_ref().unwrap_or(&Output::Stdout),
        to_json(&schema).as_bytes(),
        &rules,
    )?;
    if let Some(output) = &args.output {
        crate::console::wrote(output, ("een JSON Schema".into(), "a JSON Schema".into()));
    }
    Ok(())
}

/// The instrument a command names: a built-in id or a path; `Err` after its problems are
/// printed when the file is invalid.
pub fn load_instrument(loader: &mut Loader, reference: &str) -> Result<Instrument, Failure> {
    if let Some(instrument) = builtin::instrument(reference) {
        return Ok(instrument.clone());
    }
    match loader.load_instrument(&PathBuf::from(reference))? {
        Some(instrument) => Ok(instrument),
        None => {
            loader.print_diagnostics(true);
            Err(Failure::Invalid { count: 1 })
        }
    }
}

/// A schema as a file: pretty JSON, keys in a fixed order, a final newline.
pub fn to_json(schema: &koers::schema::Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The file name of the schema of an instrument's assessments, `sev.schema.json`, as
/// `koers init` writes it beside a new assessment. An id that is no plain file name gives
/// `assessment.schema.json`.
pub fn file_name(instrument: &Instrument) -> String {
    let plain = !instrument.id.is_empty()
        && !instrument.id.starts_with('.')
        && instrument
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    let id = if plain { &instrument.id } else { "assessment" };
    format!("{id}.schema.json")
}
