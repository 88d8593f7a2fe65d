//! `koers gap`: what separates each organisation's current position from its ambition of
//! the same round or date, per axis, section and question.

use crate::args::AnalysisArgs;
use crate::failure::Failure;
use crate::group::group_registered;
use crate::load::Loader;
use crate::reading::{say, trust_legend, trust_remarks};
use crate::tabular::TableExt as _;
use crate::tabular::{Shown, Table, csv_number, emit, markdown_text, number};
use koers::analysis::{Gap, PartGap, gaps};
use koers::{GroupBy, Instrument, Lang};

/// Runs the command.
pub fn run(args: &AnalysisArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let lang: Lang = args.out.lang;
    let parts = group_registered(scored, GroupBy::Organisation, &loader.registers);
    let found: Vec<(Gap, &Instrument)> = parts
        .iter()
        .flat_map(|part| {
            gaps(&part.groups, &part.scores)
                .into_iter()
                .map(move |gap| (gap, &*part.instrument))
        })
        .collect();
    if found.is_empty() {
        return Err(Failure::Unsupported(
            say(
                lang,
                "geen ambitie gevonden: een kloof vraagt een huidige en een ambitie-bepaling (kind = \"ambition\") van dezelfde organisatie en dezelfde ronde of datum",
                "no ambition found: a gap needs a current and an ambition assessment (kind = \"ambition\") of one organisation with the same round or date",
            )
            .into(),
        ));
    }
    let list: Vec<&Gap> = found.iter().map(|(gap, _)| gap).collect();
    let shown = Shown {
        key: "gaps",
        json: &list,
        csv: || flat(&found),
        text: |markdown| text(&found, lang, markdown),
    };
    emit(&args.out, &loader.inputs(), shown)
}

/// Every gap for a terminal or as Markdown, then what the remarks mean.
fn text(found: &[(Gap, &Instrument)], lang: Lang, markdown: bool) -> String {
    let mut out: String = found
        .iter()
        .map(|(gap, instrument)| section(gap, instrument, lang, markdown))
        .collect();
    let trusts: Vec<koers::Trust> = found
        .iter()
        .flat_map(|(gap, _)| [gap.current_trust, gap.ambition_trust])
        .collect();
    for line in trust_legend(&trusts, lang) {
        if markdown {
            out.push_str(&format!("- {}\n", markdown_text(line)));
        } else {
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}

/// The remarks on either side of a gap: "opmerkingen: nu onbetrouwbaar; ambitie onzeker",
/// or nothing when there are none.
fn remarks(gap: &Gap, lang: Lang) -> String {
    let sides: Vec<String> = [
        (say(lang, "nu", "current"), &gap.current_trust),
        (say(lang, "ambitie", "ambition"), &gap.ambition_trust),
    ]
    .into_iter()
    .filter_map(|(side, trust)| {
        let remarks = trust_remarks(trust, lang);
        (!remarks.is_empty()).then(|| format!("{side} {}", remarks.join(", ")))
    })
    .collect();
    if sides.is_empty() {
        String::new()
    } else {
        format!(
            "{}: {}\n",
            say(lang, "opmerkingen", "remarks"),
            sides.join("; ")
        )
    }
}

fn section(gap: &Gap, instrument: &Instrument, lang: Lang, markdown: bool) -> String {
    let heading = |level: &str, text: &str| {
        if markdown {
            // A name from a file is text, never a second heading or a link.
            format!("{level} {}\n\n", markdown_text(text))
        } else {
            format!("{text}\n")
        }
    };
    let table = |t: Table| if markdown { t.markdown() } else { t.aligned() };
    let mut out = heading(
        "##",
        // "Lingehof · 2009-04-01 · kloof naar de ambitie 2013": the period is when both
        // were assessed, the year is the ambition's horizon (as the report names it).
        &format!(
            "{} · {} · {}{}",
            gap.name,
            gap.period,
            say(lang, "kloof naar de ambitie", "gap to the ambition"),
            gap.horizon
                .map_or_else(String::new, |year| format!(" {year}"))
        ),
    );
    let remarks = remarks(gap, lang);
    if !remarks.is_empty() {
        out.push_str(&remarks);
        if markdown {
            out.push('\n');
        }
    }
    let [x, y] = gap.in_words(&instrument.matrix, lang);
    let n = |v: f64| koers::number::fixed(v, 1, lang);
    out.push_str(&format!(
        "x {} → {}, {x}\ny {} → {}, {y}\n\n",
        n(gap.current.x),
        n(gap.ambition.x),
        n(gap.current.y),
        n(gap.ambition.y)
    ));
    let title = |id: &str| {
        instrument
            .sections
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| s.title.get(lang).to_string())
    };
    out.push_str(&heading(
        "###",
        say(
            lang,
            "Per onderdeel (grootste eerst)",
            "Per section (largest first)",
        ),
    ));
    out.push_str(&table(parts(&gap.sections, lang, title)));
    out.push('\n');
    out.push_str(&heading(
        "###",
        say(
            lang,
            "Per vraag, antwoorden op 0–100 (grootste eerst)",
            "Per question, answers on 0–100 (largest first)",
        ),
    ));
    out.push_str(&table(parts(&gap.questions, lang, |id| id.to_string())));
    out.push('\n');
    out
}

fn parts(list: &[PartGap], lang: Lang, name: impl Fn(&str) -> String) -> Table {
    let mut table = Table::new(&[
        say(lang, "onderdeel of vraag", "section or question"),
        say(lang, "#nu", "#current"),
        say(lang, "#ambitie", "#ambition"),
        say(lang, "#verschil", "#difference"),
    ]);
    for part in list {
        table.push(vec![
            name(&part.id),
            number(Some(part.current), 1, lang),
            number(Some(part.ambition), 1, lang),
            koers::number::signed(part.difference, 1, lang),
        ]);
    }
    table
}

/// Every gap as rows: the axes, then the sections, then the questions, each with whether
/// the current position and the ambition are reliable and certain (empty: unknown).
fn flat(found: &[(Gap, &Instrument)]) -> Table {
    let mut table = Table::new(&[
        "organisation_id",
        "organisation",
        "period",
        "current_reliable",
        "current_fixed",
        "ambition_reliable",
        "ambition_fixed",
        "part",
        "id",
        "#current",
        "#ambition",
        "#difference",
    ]);
    for (gap, _) in found {
        let certain = |c: Option<bool>| c.map(|c| c.to_string()).unwrap_or_default();
        let mut row = |part: &str, id: &str, current: f64, ambition: f64| {
            table.push(vec![
                gap.organisation.clone(),
                gap.name.clone(),
                gap.period.clone(),
                gap.current_trust.reliable.to_string(),
                certain(gap.current_trust.fixed),
                gap.ambition_trust.reliable.to_string(),
                certain(gap.ambition_trust.fixed),
                part.to_string(),
                id.to_string(),
                csv_number(Some(current), 3),
                csv_number(Some(ambition), 3),
                csv_number(Some(ambition - current), 3),
            ]);
        };
        row("axis", "x", gap.current.x, gap.ambition.x);
        row("axis", "y", gap.current.y, gap.ambition.y);
        for s in &gap.sections {
            row("section", &s.id, s.current, s.ambition);
        }
        for q in &gap.questions {
            row("question", &q.id, q.current, q.ambition);
        }
    }
    table
}
