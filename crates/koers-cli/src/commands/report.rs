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
        lang: args.lang.into(),
        organisation: args.organisation.clone(),
        date: args.date.or(settings_date),
        cover,
        wijken: crate::group::wijken(&loader.registers, &part, args.lang.into()),
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
    /// A TOML date (2026-04-01) or a string ("2026-04-01").
    date: Option<toml::Value>,
    version: Option<String>,
    #[serde(default)]
    invited: BTreeMap<String, usize>,
}

/// The cover's facts from a settings file; an unknown key or a wrong value is an error
/// that names the file, the line and the column.
fn settings(path: &Path) -> Result<(Cover, Option<koers::Date>), Failure> {
    let text = std::fs::read_to_string(path).map_err(|source| Failure::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let settings: Settings = toml::from_str(&text)
        .map_err(|error| Failure::Unsupported(format!("{}: {error}", path.display())))?;
    let date = match &settings.date {
        None => None,
        Some(value) => {
            let text = match value {
                toml::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            Some(text.parse::<koers::Date>().map_err(|error| {
                Failure::Unsupported(format!("{}: date: {error}", path.display()))
            })?)
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
