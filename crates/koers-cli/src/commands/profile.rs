//! `koers profile`: each group's section profile (the rungs of the ladder and the focus)
//! and whether its ladder climbs.

use crate::args::AnalysisArgs;
use crate::failure::Failure;
use crate::group::group;
use crate::load::Loader;
use crate::reading::{ladder, left_out, remark_line, say};
use crate::tabular::TableExt as _;
use crate::tabular::{
    Shown, TRUST_COLUMNS, Table, csv_number, emit, markdown_text, number, percent, trust_cells,
};
use koers::analysis::{Ladder, Profile, profile};
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
    /// Whether the ladder rule judged the ladder (a declared ladder, method 3).
    #[serde(skip)]
    rule: bool,
    /// The lines naming the respondents left out, for a terminal and for Markdown.
    #[serde(skip)]
    left_out: [String; 2],
    /// With a register: its date and source, and per rung the staff's own extent
    /// ("zelfbeeld") beside the register's.
    #[serde(skip_serializing_if = "Option::is_none")]
    register: Option<koers::RegisterRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    perception: Option<Vec<koers::PerceivedRung>>,
    #[serde(skip)]
    perception_text: Option<String>,
}

/// Runs the command.
pub fn run(args: &AnalysisArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let lang: Lang = args.out.lang;
    let parts = group(scored, GroupBy::Organisation);
    let registers = &loader.registers;
    let entries: Vec<Entry<'_>> = parts
        .iter()
        .flat_map(|part| {
            part.groups.iter().map(move |g| {
                let registered = crate::group::registered(registers, part, g);
                // Who counts and who is left out as `score` says it: with a register, a
                // respondent is judged on the axis the answers give, not on the ladder
                // the register gives.
                let counts = registered.as_ref().map_or(g, |r| &r.group);
                let line = |bullet| {
                    left_out(
                        counts,
                        |i| part.files[i].as_str(),
                        &part.instrument,
                        lang,
                        bullet,
                    )
                };
                Entry {
                    organisation: &g.organisation,
                    kind: g.kind,
                    period: g.period(),
                    profile: {
                        let mut profile = profile(&part.instrument, g);
                        profile.trust = counts.trust();
                        profile
                    },
                    instrument: &part.instrument,
                    rule: g.ladder.is_some(),
                    left_out: [line(""), line("- ")],
                    register: registered.as_ref().map(|r| r.register.clone()),
                    perception: registered.as_ref().map(|r| r.perception.clone()),
                    perception_text: registered
                        .as_ref()
                        .map(|r| crate::group::perception_text(r, lang)),
                }
            })
        })
        .collect();
    let shown = Shown {
        key: "groups",
        json: &entries,
        csv: || flat(&entries, lang),
        text: |markdown| text(&entries, lang, markdown),
    };
    emit(&args.out, &loader.inputs(), shown)
}

/// Every group's profile for a terminal or as Markdown, then what its remarks mean and
/// who was left out.
fn text(entries: &[Entry<'_>], lang: Lang, markdown: bool) -> String {
    let mut out: String = entries.iter().map(|e| section(e, lang, markdown)).collect();
    let trusts: Vec<koers::Trust> = entries.iter().map(|e| e.profile.trust).collect();
    out.push_str(&crate::reading::legend_and_left_out(
        &trusts,
        entries
            .iter()
            .map(|e| e.left_out[usize::from(markdown)].as_str()),
        lang,
        markdown,
    ));
    out
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

/// The ladder verdict as a CSV and JSON word.
fn verdict(ladder: Ladder) -> &'static str {
    match ladder {
        Ladder::Climbs => "climbs",
        Ladder::Breaks => "breaks",
        Ladder::Unjudged => "unjudged",
    }
}

fn section(entry: &Entry<'_>, lang: Lang, markdown: bool) -> String {
    let mut out = if markdown {
        // A name from a file is text, never a second heading or a link.
        format!(
            "## {}\n\n",
            markdown_text(&format!(
                "{} · {} · {}",
                entry.organisation.name,
                crate::reading::kind_word(entry.kind, lang),
                entry.period
            ))
        )
    } else {
        format!(
            "{} · {} · {}\n",
            entry.organisation.name,
            crate::reading::kind_word(entry.kind, lang),
            entry.period
        )
    };
    let remarks = remark_line(&entry.profile.trust, lang);
    if !remarks.is_empty() {
        out.push_str(&remarks);
        if markdown {
            out.push('\n');
        }
    }
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
            number(s.score, 1, lang),
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
    // With rungs mostly unanswered the ladder rule cannot say that no rung is skipped:
    // say that the ladder cannot be judged, as for an instrument without the rule.
    let verdict = if entry.rule && entry.profile.unjudged.is_empty() {
        skipped(&entry.profile, title, lang)
    } else {
        ladder(
            &entry.profile,
            title,
            |v| koers::number::fixed(v, 1, lang),
            lang,
        )
    };
    if markdown {
        out.push('\n');
    }
    for line in verdict {
        out.push_str(&line);
        out.push_str(if markdown { "\n\n" } else { "\n" });
    }
    if let Some(text) = &entry.perception_text {
        if markdown {
            out.push_str(&format!("```text\n{text}```\n\n"));
        } else {
            out.push_str(text);
        }
    }
    if !markdown {
        out.push('\n');
    }
    out
}

/// The ladder rule's report on the group's mean extents: each skipped rung, a rung
/// practised above one that is not, or that none is skipped.
fn skipped(profile: &Profile, title: impl Fn(&str) -> String, lang: Lang) -> Vec<String> {
    if profile.breaks.is_empty() {
        return vec![
            say(
                lang,
                "Geen trede overgeslagen: elke trede die duidelijk gebeurt, staat op de treden eronder.",
                "No rung skipped: every rung clearly practised stands on the rungs below it.",
            )
            .to_string(),
        ];
    }
    profile
        .breaks
        .iter()
        .map(|b| match lang {
            Lang::Nl => format!(
                "Overgeslagen trede: {} gebeurt duidelijk, maar {} eronder niet ({} punten verschil); volgens de ladderregel telt {} pas mee als de treden eronder gebeuren.",
                title(&b.higher),
                title(&b.lower),
                koers::number::fixed(b.by, 1, lang),
                title(&b.higher)
            ),
            Lang::En => format!(
                "Skipped rung: {} is clearly practised, but {} below it is not ({} points apart); by the ladder rule {} counts only once the rungs below it are practised.",
                title(&b.higher),
                title(&b.lower),
                koers::number::fixed(b.by, 1, lang),
                title(&b.higher)
            ),
        })
        .collect()
}

fn flat(entries: &[Entry<'_>], lang: Lang) -> Table {
    let mut columns = vec!["organisation_id", "organisation", "kind", "period"];
    columns.extend(TRUST_COLUMNS);
    columns.extend([
        "ladder",
        "section",
        "measures",
        "#score",
        "#coverage",
        "unjudged_rung",
    ]);
    let mut table = Table::new(&columns);
    for e in entries {
        for s in &e.profile.sections {
            let mut row = vec![
                e.organisation.id.clone(),
                e.organisation.name.clone(),
                e.kind.to_string(),
                e.period.clone(),
            ];
            row.extend(trust_cells(&e.profile.trust));
            row.extend([
                verdict(e.profile.ladder).to_string(),
                s.id.clone(),
                measures(s.rung, s.focus, lang).to_string(),
                csv_number(s.score, 3),
                format!("{:.3}", s.coverage),
                if s.rung {
                    e.profile.unjudged.contains(&s.id).to_string()
                } else {
                    String::new()
                },
            ]);
            table.push(row);
        }
    }
    table
}
