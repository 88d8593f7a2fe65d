//! `koers profile`: each group's section profile (the rungs of the ladder and the focus)
//! and whether its ladder climbs.

use crate::args::{AnalysisArgs, TextFormat as Format};
use crate::commands::agenda::period;
use crate::failure::{Failure, print};
use crate::group::group;
use crate::load::Loader;
use crate::reading::say;
use crate::tabular::{Table, number, percent};
use koers::analysis::{CLIMB_TOLERANCE, Profile, profile};
use koers::{GroupBy, Instrument, Lang};
use serde::Serialize;

/// One group's profile, as JSON.
#[derive(Serialize)]
struct Entry<'a> {
    organisation: &'a koers::OrganisationRef,
    kind: koers::Kind,
    period: String,
    profile: Profile,
    #[serde(skip)]
    instrument: &'a Instrument,
}

/// Runs the command.
pub fn run(args: &AnalysisArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let lang: Lang = args.lang.into();
    let parts = group(scored, GroupBy::Organisation);
    let entries: Vec<Entry<'_>> = parts
        .iter()
        .flat_map(|part| {
            part.groups.iter().map(|g| Entry {
                organisation: &g.organisation,
                kind: g.kind,
                period: period(g),
                profile: profile(&part.instrument, g),
                instrument: &part.instrument,
            })
        })
        .collect();
    let text = match args.format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&entries)
                .map_err(|e| Failure::Format(e.to_string()))?;
            json.push('\n');
            json
        }
        Format::Csv => flat(&entries, lang).csv()?,
        Format::Table | Format::Markdown => {
            let markdown = args.format == Format::Markdown;
            entries.iter().map(|e| section(e, lang, markdown)).collect()
        }
    };
    print(&text)
}

/// What a section measures, in words.
fn measures(rung: bool, focus: bool, lang: Lang) -> &'static str {
    match (rung, focus) {
        (true, true) => say(lang, "trede en focus", "rung and focus"),
        (true, false) => say(lang, "trede (y)", "rung (y)"),
        (false, true) => say(lang, "focus (x)", "focus (x)"),
        (false, false) => say(lang, "telt niet mee", "places nothing"),
    }
}

fn section(entry: &Entry<'_>, lang: Lang, markdown: bool) -> String {
    let mut out = if markdown {
        format!(
            "## {} · {} · {}\n\n",
            entry.organisation.name, entry.kind, entry.period
        )
    } else {
        format!(
            "{} · {} · {}\n",
            entry.organisation.name, entry.kind, entry.period
        )
    };
    let mut table = Table::new(&[
        say(lang, "onderdeel", "section"),
        say(lang, "meet", "measures"),
        "#score",
        say(lang, "#dekking", "#coverage"),
    ]);
    for s in &entry.profile.sections {
        table.push(vec![
            s.title.get(lang).to_string(),
            measures(s.rung, s.focus, lang).to_string(),
            number(s.score, 1),
            percent(s.coverage),
        ]);
    }
    out.push_str(&if markdown {
        table.markdown()
    } else {
        table.aligned()
    });
    let title = |id: &str| {
        entry
            .instrument
            .sections
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| s.title.get(lang).to_string())
    };
    if entry.profile.ladder.is_empty() {
        out.push_str(&format!(
            "{}\n\n",
            say(
                lang,
                "De ladder klimt: geen hogere trede scoort duidelijk boven een lagere.",
                "The ladder climbs: no higher rung scores clearly above a lower one."
            )
        ));
    } else {
        for b in &entry.profile.ladder {
            out.push_str(&format!(
                "{} {} {} {:.1} {} {} ({} {CLIMB_TOLERANCE:.0}).\n",
                say(lang, "Let op:", "Note:"),
                title(&b.higher),
                say(lang, "scoort", "scores"),
                b.by,
                say(lang, "punten boven", "points above"),
                title(&b.lower),
                say(lang, "meer dan", "more than"),
            ));
        }
        out.push('\n');
    }
    out
}

fn flat(entries: &[Entry<'_>], lang: Lang) -> Table {
    let mut table = Table::new(&[
        "organisation_id",
        "organisation",
        "kind",
        "period",
        "section",
        "measures",
        "#score",
        "#coverage",
    ]);
    for e in entries {
        for s in &e.profile.sections {
            table.push(vec![
                e.organisation.id.clone(),
                e.organisation.name.clone(),
                e.kind.to_string(),
                e.period.clone(),
                s.id.clone(),
                measures(s.rung, s.focus, lang).to_string(),
                number(s.score, 3),
                format!("{:.3}", s.coverage),
            ]);
        }
    }
    table
}
