//! `koers agenda`: what each group should talk about — the questions its people disagree
//! on most (r_wg), where its roles differ most, and what many do not know.

use crate::args::AgendaArgs;
use crate::failure::Failure;
use crate::group::group;
use crate::load::Loader;
use crate::reading::{left_out, remark_line, say};
use crate::tabular::{Shown, TRUST_COLUMNS, Table, csv_number, emit, number, percent, trust_cells};
use koers::analysis::{AGREEMENT, Agenda, QuestionAgreement, agenda};
use koers::{GroupBy, Lang};
use serde::Serialize;

/// One group's agenda, as JSON.
#[derive(Serialize)]
struct Entry<'a> {
    organisation: &'a koers::OrganisationRef,
    kind: koers::Kind,
    period: String,
    /// The group's respondents, counted or left out.
    respondents: usize,
    /// The respondents the agenda is made from: those who count in the position.
    counted: usize,
    agenda: Agenda,
    /// The lines naming the respondents left out, for a terminal and for Markdown.
    #[serde(skip)]
    left_out: [String; 2],
}

/// Runs the command.
pub fn run(args: &AgendaArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let lang: Lang = args.out.lang.into();
    let mut entries = Vec::new();
    let parts = group(scored, GroupBy::Organisation);
    for part in &parts {
        for g in &part.groups {
            let line = |bullet| {
                left_out(
                    g,
                    |i| part.files[i].as_str(),
                    &part.instrument,
                    lang,
                    bullet,
                )
            };
            entries.push(Entry {
                organisation: &g.organisation,
                kind: g.kind,
                period: g.period(),
                respondents: g.respondents,
                counted: g.counted(&part.scores).count(),
                agenda: agenda(&part.instrument, g, &part.scores, usize::from(args.size)),
                left_out: [line(""), line("- ")],
            });
        }
    }
    let shown = Shown {
        key: "groups",
        json: &entries,
        csv: || flat(&entries),
        text: |markdown| text(&entries, lang, markdown),
    };
    emit(&args.out, &loader.inputs(), shown)
}

/// Every group's agenda for a terminal or as Markdown, then what its remarks mean and who
/// was left out.
fn text(entries: &[Entry<'_>], lang: Lang, markdown: bool) -> String {
    let mut out: String = entries.iter().map(|e| section(e, lang, markdown)).collect();
    let trusts: Vec<koers::Trust> = entries.iter().map(|e| e.agenda.trust).collect();
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
            crate::reading::kind_word(entry.kind, lang),
            entry.period,
            entry.counted,
            match entry.counted {
                1 => say(lang, "respondent", "respondent"),
                _ => say(lang, "respondenten", "respondents"),
            }
        ),
    );
    out.push_str(&remark_line(&entry.agenda.trust, lang));
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
                role_name(d.highest.role.as_deref(), lang),
                d.highest.n.to_string(),
                number(Some(d.highest.mean), 1),
                role_name(d.lowest.role.as_deref(), lang),
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

fn role_name(role: Option<&str>, lang: Lang) -> String {
    role.map_or_else(
        || say(lang, "(geen rol)", "(no role)").to_string(),
        str::to_string,
    )
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

/// Every list of every group in one table, for a spreadsheet: a cell without a value
/// (a role column on a question row, no r_wg, a respondent without a role) is empty.
fn flat(entries: &[Entry<'_>]) -> Table {
    let mut columns = vec!["organisation_id", "organisation", "kind", "period"];
    columns.extend(TRUST_COLUMNS);
    columns.extend([
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
        "#highest_n",
        "#highest_mean",
        "lowest_role",
        "#lowest_n",
        "#lowest_mean",
        "#difference",
    ]);
    let mut table = Table::new(&columns);
    for entry in entries {
        let head = || {
            let mut row = vec![
                entry.organisation.id.clone(),
                entry.organisation.name.clone(),
                entry.kind.to_string(),
                entry.period.clone(),
            ];
            row.extend(trust_cells(&entry.agenda.trust));
            row
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
                    csv_number(q.mean, 3),
                    csv_number(q.sd, 3),
                    csv_number(q.rwg, 3),
                    format!("{:.3}", q.unknown),
                    format!("{:.3}", q.not_applicable),
                ]);
                row.extend(std::iter::repeat_n(String::new(), 7));
                table.push(row);
            }
        }
        for d in &entry.agenda.roles {
            let mut row = head();
            row.extend(["roles".to_string(), d.id.clone(), d.section.clone()]);
            row.extend(std::iter::repeat_n(String::new(), 6));
            row.extend([
                d.highest.role.clone().unwrap_or_default(),
                d.highest.n.to_string(),
                csv_number(Some(d.highest.mean), 3),
                d.lowest.role.clone().unwrap_or_default(),
                d.lowest.n.to_string(),
                csv_number(Some(d.lowest.mean), 3),
                csv_number(Some(d.difference), 3),
            ]);
            table.push(row);
        }
    }
    table
}
