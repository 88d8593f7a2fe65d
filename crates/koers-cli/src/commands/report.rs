//! `koers report`: the report a consultant hands over, as one self-contained HTML file or
//! as Markdown.

use crate::args::{ReportArgs, ReportFormat};
use crate::diagnostics::{Diagnostic, Severity};
use crate::failure::Failure;
use crate::group::{group_registered, single};
use crate::load::Loader;
use crate::messages::say;
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
        Some(path) => settings(path, &part.groups)?,
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
    /// Per organisation id (or name), with the place of the number for a message.
    #[serde(default)]
    invited: BTreeMap<String, toml::Spanned<usize>>,
}

/// The cover's facts from a settings file; an unknown key or a wrong value is an error
/// that names the file, the line and the column, quoted and in the language of the run
/// as in an assessment. `[invited]` is checked against the run's `groups`: fewer
/// invited than respondents is an error, an id that is no organisation of the run a
/// warning with the nearest id.
fn settings(path: &Path, groups: &[koers::Group]) -> Result<(Cover, Option<koers::Date>), Failure> {
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
    let problems = invited_problems(&source, &text, &settings.invited, groups);
    let errors = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    loader.diagnostics.extend(problems);
    if errors > 0 {
        loader.print_diagnostics(true);
        // One file is invalid, however many of its numbers are wrong.
        return Err(Failure::Invalid { count: 1 });
    }
    // Warnings only: shown, and the report is written.
    loader.print_diagnostics(true);
    Ok((
        Cover {
            title: settings.title,
            opdrachtgever: settings.opdrachtgever,
            author: settings.author,
            version: settings.version,
            invited: settings
                .invited
                .into_iter()
                .map(|(id, n)| (id, n.into_inner()))
                .collect(),
        },
        date,
    ))
}

/// The problems of `[invited]`: a number below the respondents of one of the
/// organisation's current positions (the cover would say "5 van 3 uitgenodigden") is an
/// error; a key that is neither the id nor the name of an organisation in the run
/// (a misspelt id, silently unused otherwise) a warning with the nearest id.
fn invited_problems(
    source: &koers::Source<'_>,
    text: &str,
    invited: &BTreeMap<String, toml::Spanned<usize>>,
    groups: &[koers::Group],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut ids: Vec<&str> = groups.iter().map(|g| g.organisation.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for (key, number) in invited {
        let value = source.locate_span(number.span());
        // The key's place: the number's line, where the key stands before the number.
        let mut at_key = value.clone();
        if let Some(line) = text.lines().nth(value.line.saturating_sub(1)) {
            let before: String = line.chars().take(value.column.saturating_sub(1)).collect();
            if let Some(i) = before.find(key.as_str()) {
                at_key.column = before[..i].chars().count() + 1;
            }
        }
        let own: Vec<&koers::Group> = groups
            .iter()
            .filter(|g| &g.organisation.id == key || &g.organisation.name == key)
            .collect();
        if own.is_empty() {
            let near = ids
                .iter()
                .map(|id| (strsim::levenshtein(&key.to_lowercase(), id), *id))
                .min_by_key(|&(distance, _)| distance)
                .filter(|&(distance, id)| distance <= 2.max(id.chars().count() / 3))
                .map(|(_, id)| id);
            let list = ids
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(Diagnostic {
                severity: Severity::Warning,
                location: at_key,
                message: say(
                    format!(
                        "`{key}` is geen organisatie in deze rapportage; dit aantal uitgenodigden wordt niet gebruikt"
                    ),
                    format!(
                        "`{key}` is no organisation in this report; this number invited is not used"
                    ),
                ),
                help: Some(match near {
                    Some(id) => say(
                        format!("bedoelt u `{id}`?"),
                        format!("did you mean `{id}`?"),
                    ),
                    None => say(
                        format!("de organisaties in deze rapportage: {list}"),
                        format!("the organisations in this report: {list}"),
                    ),
                }),
            });
            continue;
        }
        let n = *number.get_ref();
        let most = own
            .iter()
            .filter(|g| g.kind == koers::Kind::Current)
            .max_by_key(|g| g.respondents);
        if let Some(g) = most.filter(|g| g.respondents > n) {
            let (name, period, answered) = (&g.organisation.name, g.period(), g.respondents);
            problems.push(Diagnostic {
                severity: Severity::Error,
                location: value,
                message: say(
                    format!(
                        "{n} uitgenodigden voor `{key}`, maar {answered} respondenten van {name} ({period}) antwoordden: meer antwoorden dan uitgenodigden kan niet"
                    ),
                    format!(
                        "{n} invited for `{key}`, but {answered} respondents of {name} ({period}) answered: more answers than people invited cannot be"
                    ),
                ),
                help: Some(say(
                    format!("zet het aantal uitgenodigden op ten minste {answered}"),
                    format!("set the number invited to at least {answered}"),
                )),
            });
        }
    }
    problems
}
