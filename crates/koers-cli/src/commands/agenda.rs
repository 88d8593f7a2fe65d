//! `koers agenda`: what each group should talk about — the questions its people disagree
//! on most (r_wg), where its roles differ most, and what many do not know.

use crate::args::{AgendaArgs, TextFormat as Format};
use crate::failure::{Failure, print};
use crate::group::group;
use crate::load::Loader;
use crate::reading::say;
use crate::tabular::{Table, number, percent};
use koers::analysis::{AGREEMENT, Agenda, QuestionAgreement, agenda};
use koers::{Group, GroupBy, Lang};
use serde::Serialize;

/// One group's agenda, as JSON.
#[derive(Serialize)]
struct Entry<'a> {
    organisation: &'a koers::OrganisationRef,
    kind: koers::Kind,
    period: String,
    respondents: usize,
    agenda: Agenda,
}

/// Runs the command.
pub fn run(args: &AgendaArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let lang: Lang = args.lang.into();
    let mut entries = Vec::new();
    let parts = group(scored, GroupBy::Organisation);
    for part in &parts {
        for g in &part.groups {
            let members: Vec<&koers::Score> = part.counted(g).collect();
            entries.push(Entry {
                organisation: &g.organisation,
                kind: g.kind,
                period: period(g),
                respondents: members.len(),
                agenda: agenda(&part.instrument, &members, usize::from(args.size)),
            });
        }
    }
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
            let mut out = String::new();
            for entry in &entries {
                out.push_str(&section(entry, lang, markdown));
            }
            out
        }
    };
    print(&text)
}

/// A group's round, or its date.
pub fn period(group: &Group) -> String {
    group
        .round
        .clone()
        .unwrap_or_else(|| group.date.to_string())
}

/// How to read a group's r_wg, in words.
fn reading(rwg: Option<f64>, lang: Lang) -> String {
    match rwg {
        Some(r) if r >= AGREEMENT => format!(
            "r_wg {r:.2}: {}",
            say(lang, "overeenstemming (≥ 0,70)", "agreement (≥ 0.70)")
        ),
        Some(r) => format!(
            "r_wg {r:.2}: {}",
            say(
                lang,
                "weinig overeenstemming (onder 0,70)",
                "little agreement (below 0.70)"
            )
        ),
        None => say(
            lang,
            "r_wg: – (minstens twee antwoorden per vraag nodig)",
            "r_wg: – (needs two answers to a question)",
        )
        .to_string(),
    }
}

fn section(entry: &Entry<'_>, lang: Lang, markdown: bool) -> String {
    let heading = |level: &str, text: &str| {
        if markdown {
            format!("{level} {text}\n\n")
        } else {
            format!("{text}\n")
        }
    };
    let table = |t: Table| if markdown { t.markdown() } else { t.aligned() };
    let mut out = heading(
        "##",
        &format!(
            "{} · {} · {} · {} {}",
            entry.organisation.name,
            entry.kind,
            entry.period,
            entry.respondents,
            match entry.respondents {
                1 => say(lang, "respondent", "respondent"),
                _ => say(lang, "respondenten", "respondents"),
            }
        ),
    );
    out.push_str(&format!("{}\n\n", reading(entry.agenda.rwg, lang)));
    let agenda = &entry.agenda;
    out.push_str(&heading(
        "###",
        say(lang, "Minste overeenstemming", "Least agreement"),
    ));
    if agenda.disagreement.is_empty() {
        out.push_str(say(
            lang,
            "(geen: een vraag heeft minstens twee antwoorden nodig)\n\n",
            "(none: a question needs at least two answers)\n\n",
        ));
    } else {
        out.push_str(&table(questions(&agenda.disagreement, lang)));
        out.push('\n');
    }
    if !agenda.roles.is_empty() {
        out.push_str(&heading(
            "###",
            say(lang, "Waar de rollen verschillen", "Where the roles differ"),
        ));
        let mut roles = Table::new(&[
            say(lang, "vraag", "question"),
            say(lang, "onderdeel", "section"),
            say(lang, "hoogste rol", "highest role"),
            "#n",
            say(lang, "#gemiddeld", "#mean"),
            say(lang, "laagste rol", "lowest role"),
            "#n",
            say(lang, "#gemiddeld", "#mean"),
            say(lang, "#verschil", "#difference"),
        ]);
        for d in &agenda.roles {
            roles.push(vec![
                d.id.clone(),
                d.section.clone(),
                role_name(&d.highest.role, lang),
                d.highest.n.to_string(),
                number(Some(d.highest.mean), 1),
                role_name(&d.lowest.role, lang),
                d.lowest.n.to_string(),
                number(Some(d.lowest.mean), 1),
                number(Some(d.difference), 1),
            ]);
        }
        out.push_str(&table(roles));
        out.push('\n');
    }
    if !agenda.unknown.is_empty() {
        out.push_str(&heading(
            "###",
            say(lang, "Meeste weet niet / n.v.t.", "Most don't know / n/a"),
        ));
        out.push_str(&table(questions(&agenda.unknown, lang)));
        out.push('\n');
    }
    out
}

fn role_name(role: &str, lang: Lang) -> String {
    if role.is_empty() {
        say(lang, "(geen rol)", "(no role)").to_string()
    } else {
        role.to_string()
    }
}

fn questions(list: &[QuestionAgreement], lang: Lang) -> Table {
    let mut table = Table::new(&[
        say(lang, "vraag", "question"),
        say(lang, "onderdeel", "section"),
        "#n",
        say(lang, "#gemiddeld", "#mean"),
        "#sd",
        "#r_wg",
        say(lang, "#weet niet", "#don't know"),
        say(lang, "#n.v.t.", "#n/a"),
    ]);
    for q in list {
        table.push(vec![
            q.id.clone(),
            q.section.clone(),
            q.n.to_string(),
            number(q.mean, 1),
            number(q.sd, 1),
            number(q.rwg, 2),
            percent(q.unknown),
            percent(q.not_applicable),
        ]);
    }
    table
}

/// Every list of every group in one table, for a spreadsheet.
fn flat(entries: &[Entry<'_>], lang: Lang) -> Table {
    let mut table = Table::new(&[
        "organisation_id",
        "organisation",
        "kind",
        "period",
        "list",
        "question",
        "section",
        "#n",
        "#mean",
        "#sd",
        "#rwg",
        "#unknown",
        "#not_applicable",
        "highest_role",
        "#highest_mean",
        "lowest_role",
        "#lowest_mean",
        "#difference",
    ]);
    for entry in entries {
        let head = || {
            vec![
                entry.organisation.id.clone(),
                entry.organisation.name.clone(),
                entry.kind.to_string(),
                entry.period.clone(),
            ]
        };
        for (list, questions) in [
            ("disagreement", &entry.agenda.disagreement),
            ("unknown", &entry.agenda.unknown),
        ] {
            for q in questions {
                let mut row = head();
                row.extend([
                    list.to_string(),
                    q.id.clone(),
                    q.section.clone(),
                    q.n.to_string(),
                    number(q.mean, 3),
                    number(q.sd, 3),
                    number(q.rwg, 3),
                    format!("{:.3}", q.unknown),
                    format!("{:.3}", q.not_applicable),
                ]);
                row.extend(std::iter::repeat_n("–".to_string(), 5));
                table.push(row);
            }
        }
        for d in &entry.agenda.roles {
            let mut row = head();
            row.extend(["roles".to_string(), d.id.clone(), d.section.clone()]);
            row.extend(std::iter::repeat_n("–".to_string(), 6));
            row.extend([
                role_name(&d.highest.role, lang),
                number(Some(d.highest.mean), 3),
                role_name(&d.lowest.role, lang),
                number(Some(d.lowest.mean), 3),
                number(Some(d.difference), 3),
            ]);
            table.push(row);
        }
    }
    table
}
