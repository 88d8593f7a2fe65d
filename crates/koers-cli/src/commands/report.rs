//! `koers report`: the report a consultant hands over, as one self-contained HTML file or
//! as Markdown.

use crate::args::{ReportArgs, ReportFormat};
use crate::failure::Failure;
use crate::group::{group_registered, single};
use crate::load::Loader;
use crate::output::{Own, Rules, write};
use koers::GroupBy;
use koers_report::{Cover, Options, compose, html, markdown};
use std::collections::BTreeMap;
use std::path::Path;

/// Runs the command.
pub fn run(args: &ReportArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let part = single(group_registered(
        scored,
        GroupBy::Organisation,
        &loader.registers,
    ))?;
    let (cover, settings_date) = match &args.settings {
        Some(path) => settings(path)?,
        None => (Cover::default(), None),
    };
    let options = Options {
        lang: args.lang,
        organisation: args.organisation.clone(),
        date: args.date.or(settings_date),
        cover,
        wijken: crate::group::wijken(&loader.registers, &part, args.lang),
    };
    let document =
        compose(&part, &options).map_err(|error| Failure::Unsupported(error.to_string()))?;
    let text = match args.format {
        ReportFormat::Html => html::render(&document),
        ReportFormat::Markdown => markdown::render(&document),
    };
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        // A report koers wrote and nobody edited since is replaced; an edited one only
        // when told to.
        own: Own::Marked,
    };
    write(&args.output, text.as_bytes(), &rules)?;
    let (nl, en) = crate::console::positions(part.groups.len());
    crate::console::wrote(
        &args.output,
        (format!("rapport met {nl}"), format!("a report of {en}")),
    );
    Ok(())
}

/// A report's settings file, as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    title: Option<String>,
    opdrachtgever: Option<String>,
    author: Option<String>,
    /// A TOML date (2026-04-01) or a string ("2026-04-01"); its place, for a message.
    date: Option<toml::Spanned<toml::Value>>,
    version: Option<String>,
    #[serde(default)]
    invited: BTreeMap<String, usize>,
}

/// The cover's facts from a settings file; an unknown key or a wrong value is an error
/// that names the file, the line and the column, quoted and in the language of the run
/// as in an assessment.
fn settings(path: &Path) -> Result<(Cover, Option<koers::Date>), Failure> {
    // A loader of its own: the assessments' warnings are shown already.
    let mut loader = Loader::default();
    let invalid = |mut loader: Loader, error: Option<koers::Invalid>| {
        if let Some(error) = error {
            loader.record(&error);
        }
        loader.print_diagnostics(true);
        Failure::Invalid { count: 1 }
    };
    let Some(text) = loader.read(path)? else {
        return Err(invalid(loader, None));
    };
    let name = crate::load::display_name(path);
    let source = koers::Source::new(&name, &text);
    let settings: Settings = match koers::read_toml(&source) {
        Ok(settings) => settings,
        Err(error) => return Err(invalid(loader, Some(error))),
    };
    let date = match &settings.date {
        None => None,
        Some(value) => {
            let given = match value.get_ref() {
                toml::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            match given.parse::<koers::Date>() {
                Ok(date) => Some(date),
                Err(problem) => {
                    let error = koers::Error::InvalidDate {
                        location: source.locate_span(value.span()),
                        given,
                        problem,
                    };
                    let one = koers::Invalid {
                        errors: vec![error],
                        warnings: Vec::new(),
                    };
                    return Err(invalid(loader, Some(one)));
                }
            }
        }
    };
    Ok((
        Cover {
            title: settings.title,
            opdrachtgever: settings.opdrachtgever,
            author: settings.author,
            version: settings.version,
            invited: settings.invited,
        },
        date,
    ))
}
