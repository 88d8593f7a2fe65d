//! `koers agenda`: what each group should talk about — how far its people agree per
//! section (r_wg(J), AD_M), the questions they disagree on most (r_wg), where its roles
//! differ most (roles of fewer than three merged or left out), and what many do not know.

use crate::args::AgendaArgs;
use crate::failure::Failure;
use crate::group::group_registered;
use crate::load::Loader;
use crate::reading::{left_out, remark_line, say};
use crate::tabular::TableExt as _;
use crate::tabular::{
    Shown, TRUST_COLUMNS, Table, csv_number, emit, markdown_text, number, percent, trust_cells,
};
use koers::analysis::{Agenda, QuestionAgreement, RoleMean, SectionAgreement, agenda};
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
    let lang: Lang = args.out.lang;
    let mut entries = Vec::new();
    let parts = group_registered(scored, GroupBy::Organisation, &loader.registers);
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
    if !entries.is_empty() {
        for line in symbols(lang) {
            if markdown {
                out.push_str(&format!("- {}\n", markdown_text(line)));
            } else {
                out.push_str(&format!("{line}\n"));
            }
        }
    }
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

/// What the tables' symbols mean, for a reader who has not met them: a board member
/// reads this agenda too.
fn symbols(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nl => [
            "r_wg(J): hoe eensgezind de groep de vragen van een onderdeel beantwoordt, van 0 (niet meer dan toeval) tot 1 (iedereen gelijk); r_wg: hetzelfde voor één vraag. De woorden (geen tot zeer sterk) volgen LeBreton & Senter (2008).",
            "AD_M: de gemiddelde afwijking van het gemiddelde antwoord, in punten van de schaal; AD ≤ (A − 1)/6: klein genoeg om van overeenstemming te spreken bij A antwoordmogelijkheden (Burke & Dunlap 2002).",
            "onderdeel: de id van een onderdeel van de vragenlijst; koers explain en het rapport geven de titels.",
        ],
        Lang::En => [
            "r_wg(J): how unanimously the group answers the questions of a section, from 0 (no more than chance) to 1 (everyone alike); r_wg: the same for one question. The words (none to very strong) follow LeBreton & Senter (2008).",
            "AD_M: the mean deviation from the mean answer, in points of the scale; AD ≤ (A − 1)/6: small enough to speak of agreement with A answer options (Burke & Dunlap 2002).",
            "section: the id of a section of the questionnaire; koers explain and the report give the titles.",
        ],
    }
}

/// The mean r_wg of single questions over all sections, labelled as such: the sections'
/// r_wg(J) below say more.
fn reading(rwg: Option<f64>, lang: Lang) -> String {
    match rwg {
        Some(r) => format!(
            "{} {} ({}): {}",
            say(
                lang,
                "gemiddelde r_wg van losse vragen over alle onderdelen",
                "mean r_wg of single questions over all sections"
            ),
            koers::number::fixed(r, 2, lang),
            koers::analysis::AgreementLevel::of(r).text(lang),
            say(
                lang,
                "een ruwe samenvatting; lees de onderdelen",
                "a rough summary; read the sections"
            )
        ),
        None => say(
            lang,
            "r_wg: – (per vraag minstens drie antwoorden en de helft van de groep nodig)",
            "r_wg: – (needs three answers to a question and half the group)",
        )
        .to_string(),
    }
}

/// Agreement per section: r_wg(J) with its LeBreton & Senter band, and AD_M.
fn sections(list: &[SectionAgreement], lang: Lang) -> Table {
    let mut table = Table::new(&[
        say(lang, "onderdeel", "section"),
        say(lang, "#vragen", "#questions"),
        "#r_wg(J)",
        say(lang, "overeenstemming", "agreement"),
        "#AD_M",
        say(lang, "AD ≤ (A − 1)/6", "AD ≤ (A − 1)/6"),
    ]);
    for s in list.iter().filter(|s| s.questions > 0) {
        table.push(vec![
            s.id.clone(),
            s.questions.to_string(),
            number(s.rwg, 2, lang),
            s.level
                .map_or_else(|| "–".into(), |l| l.text(lang).to_string()),
            number(s.ad, 2, lang),
            match s.agrees {
                Some(true) => say(lang, "ja", "yes").to_string(),
                Some(false) => say(lang, "nee", "no").to_string(),
                None => "–".into(),
            },
        ]);
    }
    table
}

fn section(entry: &Entry<'_>, lang: Lang, markdown: bool) -> String {
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
    if agenda.sections.iter().any(|s| s.questions > 0) {
        out.push_str(&heading(
            "###",
            say(
                lang,
                "Overeenstemming per onderdeel",
                "Agreement per section",
            ),
        ));
        out.push_str(&table(sections(&agenda.sections, lang)));
        out.push('\n');
    }
    out.push_str(&heading(
        "###",
        say(lang, "Minste overeenstemming", "Least agreement"),
    ));
    if agenda.disagreement.is_empty() {
        out.push_str(say(
            lang,
            "(geen: een vraag heeft minstens drie antwoorden nodig, van minstens de helft van de groep)\n\n",
            "(none: a question needs at least three answers, from at least half the group)\n\n",
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
                role_name(&d.highest, lang),
                d.highest.n.to_string(),
                number(Some(d.highest.mean), 1, lang),
                role_name(&d.lowest, lang),
                d.lowest.n.to_string(),
                number(Some(d.lowest.mean), 1, lang),
                number(Some(d.difference), 1, lang),
            ]);
        }
        out.push_str(&table(roles));
        out.push('\n');
    }
    let privacy = agenda.privacy;
    if privacy.merged > 0 || privacy.left_out > 0 {
        let mut line = String::new();
        if privacy.merged > 0 {
            line.push_str(&match lang {
                Lang::Nl => format!(
                    "{} respondenten van rollen met minder dan drie mensen staan samen onder \"overige\". ",
                    privacy.merged
                ),
                Lang::En => format!(
                    "{} respondents of roles with fewer than three people are shown together as \"other roles\". ",
                    privacy.merged
                ),
            });
        }
        if privacy.left_out > 0 {
            line.push_str(&match lang {
                Lang::Nl => format!(
                    "{} respondenten van rollen met minder dan drie mensen zijn niet apart getoond (ook samen te weinig).",
                    privacy.left_out
                ),
                Lang::En => format!(
                    "{} respondents of roles with fewer than three people are not shown apart (too few even together).",
                    privacy.left_out
                ),
            });
        }
        out.push_str(line.trim_end());
        out.push_str("\n\n");
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

fn role_name(mean: &RoleMean, lang: Lang) -> String {
    if mean.other {
        return say(lang, "overige", "other roles").to_string();
    }
    mean.role.as_deref().map_or_else(
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
            number(q.mean, 1, lang),
            number(q.sd, 1, lang),
            number(q.rwg, 2, lang),
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
                csv_role(&d.highest),
                d.highest.n.to_string(),
                csv_number(Some(d.highest.mean), 3),
                csv_role(&d.lowest),
                d.lowest.n.to_string(),
                csv_number(Some(d.lowest.mean), 3),
                csv_number(Some(d.difference), 3),
            ]);
            table.push(row);
        }
    }
    table
}

/// A role in CSV: its name, empty for no role, `overige` for the small roles merged.
fn csv_role(mean: &RoleMean) -> String {
    if mean.other {
        koers::OTHER_ROLES.to_string()
    } else {
        mean.role.clone().unwrap_or_default()
    }
}
