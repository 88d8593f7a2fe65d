//! What the report says: the groups of one run turned into a [`Document`].

use super::bars::{Bar, Chart, Legend, Tone};
use super::words::{self, clean, number, number2, percent, signed};
use super::{Block, Document, Part, Section};
use crate::Error;
use crate::group::Grouped;
use crate::reading::{ladder, legend, remarks, say, shortfalls, terms, trust_remarks};
use crate::tabular::Table;
use koers::analysis::{self, Gap, Peers};
use koers::{Date, Group, Instrument, Kind, Lang, Trust};
use koers_plot::{PlotOptions, render};

/// How many questions each list of an agenda holds: a board reads a short agenda.
const AGENDA_SIZE: usize = 3;

/// How many questions of a gap the report lists, largest first.
const GAP_QUESTIONS: usize = 5;

/// What to report on.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language.
    pub lang: Lang,
    /// Only this organisation (its id, or its name when it has none).
    pub organisation: Option<String>,
    /// The report's date, shown on the cover.
    pub date: Option<Date>,
}

/// The report on `part`, the groups of one instrument grouped by organisation.
///
/// With [`Options::organisation`] the report shows that organisation alone: the picture,
/// the table and the peers name no other organisation, while its percentile, rank and the
/// peers' median are still computed over all of them.
pub fn compose(part: &Grouped, options: &Options) -> Result<Document, Error> {
    let lang = options.lang;
    let instrument = &*part.instrument;
    let ids = organisation_ids(&part.groups);
    let shown: Vec<String> = match &options.organisation {
        None => ids.clone(),
        Some(wanted) => {
            let found = ids.iter().find(|id| *id == wanted).or_else(|| {
                // A name is what a user sees in the tables; accept it as well.
                part.groups
                    .iter()
                    .find(|g| &g.organisation.name == wanted)
                    .map(|g| &g.organisation.id)
            });
            match found {
                Some(id) => vec![id.clone()],
                None => {
                    return Err(Error::UnknownOrganisation(format!(
                        "{} `{wanted}`: {} {}",
                        say(lang, "geen organisatie", "no organisation"),
                        say(lang, "bekend zijn", "known are"),
                        ids.iter()
                            .map(|id| format!("`{id}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
        }
    };
    let groups: Vec<Group> = part
        .groups
        .iter()
        .filter(|g| shown.contains(&g.organisation.id))
        .map(cleaned)
        .collect();
    let all_gaps = analysis::gaps(&part.groups, &part.scores);
    let peers = analysis::peers(&part.groups);
    let latest = part.scores.iter().map(|s| s.assessment.date).max();

    let title = match (&options.organisation, groups.first()) {
        (Some(_), Some(first)) => format!(
            "{} {}",
            say(lang, "Positiebepaling", "Positioning of"),
            first.organisation.name
        ),
        _ => instrument.title.get(lang).to_string(),
    };
    let mut cover = vec![format!(
        "{} {} {} {}",
        say(lang, "Vragenlijst:", "Questionnaire:"),
        clean(instrument.title.get(lang)),
        say(lang, "versie", "version"),
        clean(&instrument.version)
    )];
    cover.push(format!(
        "{} {}",
        say(lang, "Matrix:", "Matrix:"),
        clean(instrument.matrix.title.get(lang))
    ));
    if let Some(latest) = latest {
        cover.push(format!(
            "{} {}",
            say(lang, "Gegevens tot en met", "Data up to"),
            words::long_date(latest, lang)
        ));
    }
    if let Some(date) = options.date {
        cover.push(format!(
            "{} {}",
            say(lang, "Rapport van", "Report of"),
            words::long_date(date, lang)
        ));
    }

    let mut parts = vec![overview(instrument, &groups, lang)];
    for (n, id) in shown.iter().enumerate() {
        let own: Vec<&Group> = groups.iter().filter(|g| &g.organisation.id == id).collect();
        let gaps: Vec<&Gap> = all_gaps.iter().filter(|g| &g.organisation == id).collect();
        let mut section = organisation(
            part,
            &own,
            &gaps,
            peers.as_ref(),
            options.organisation.is_none(),
            lang,
        );
        // Fragment ids from names could clash or carry odd characters; positions cannot.
        section.anchor = format!("org-{}", n + 1);
        parts.push(section);
    }
    parts.push(method(instrument, lang));
    parts.push(appendix(instrument, lang));
    Ok(Document {
        lang,
        title: clean(&title),
        cover,
        parts,
    })
}

/// The ids of the organisations, each once, in the groups' order.
fn organisation_ids(groups: &[Group]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for group in groups {
        if !ids.contains(&group.organisation.id) {
            ids.push(group.organisation.id.clone());
        }
    }
    ids
}

/// A group whose names from the input files are cleaned, for the picture as well. The
/// round stays as it is, as it finds the group's members; [`words::period`] cleans it.
fn cleaned(group: &Group) -> Group {
    let mut group = group.clone();
    group.organisation.name = clean(&group.organisation.name);
    group.role = group.role.as_deref().map(clean);
    group.respondent = group.respondent.as_deref().map(clean);
    for excluded in &mut group.excluded {
        excluded.respondent = excluded.respondent.as_deref().map(clean);
        excluded.role = excluded.role.as_deref().map(clean);
    }
    group
}

fn overview(instrument: &Instrument, groups: &[Group], lang: Lang) -> Part {
    let svg = render(
        instrument,
        groups,
        &PlotOptions {
            lang,
            ..PlotOptions::default()
        },
    );
    let mut table = Table::new(&[
        say(lang, "organisatie", "organisation"),
        say(lang, "soort", "kind"),
        say(lang, "peiling", "round"),
        "#n",
        "#x",
        "#y",
        "#sd x",
        "#sd y",
        say(lang, "gebied", "region"),
        say(lang, "#marge", "#margin"),
        say(lang, "lezing", "reading"),
    ]);
    for g in groups {
        table.push(vec![
            g.organisation.name.clone(),
            words::kind_short(g.kind, lang).to_string(),
            words::period(g),
            g.respondents.to_string(),
            number(g.position.map(|p| p.x), lang),
            number(g.position.map(|p| p.y), lang),
            number(g.spread.x, lang),
            number(g.spread.y, lang),
            region(g, lang),
            number(g.margin, lang),
            reading(g, lang),
        ]);
    }
    let refs: Vec<&Group> = groups.iter().collect();
    let mut notes: Vec<String> = Vec::new();
    if groups
        .iter()
        .any(|g| g.is_reliable() && g.position.is_some())
    {
        notes.push(
            say(
                lang,
                "betrouwbaar: elk onderdeel dat op een as meetelt, is voor minstens 60% beantwoord.",
                "reliable: every section that counts on an axis is at least 60% answered.",
            )
            .to_string(),
        );
    }
    if groups.iter().any(|g| g.certain == Some(true)) {
        notes.push(
            say(
                lang,
                "zeker: het 95%-interval van de gemiddelde positie ligt helemaal binnen het gebied.",
                "certain: the 95% interval of the mean position lies wholly inside the region.",
            )
            .to_string(),
        );
    }
    notes.extend(legend(&refs, lang).into_iter().map(str::to_string));
    Part {
        anchor: "overzicht".into(),
        heading: say(lang, "Overzicht", "Overview").into(),
        new_page: false,
        blocks: vec![
            Block::Matrix {
                svg,
                note: say(
                    lang,
                    "De matrixfiguur staat in het HTML-rapport (koers report -o rapport.html) en als losse SVG via koers plot.",
                    "The matrix picture is in the HTML report (koers report -o report.html) and as a separate SVG from koers plot.",
                )
                .into(),
            },
            Block::Table(
                Some(
                    say(
                        lang,
                        "Posities per organisatie en peiling (ronde of datum); n is het aantal respondenten",
                        "Positions per organisation and round (or date); n is the number of respondents",
                    )
                    .into(),
                ),
                table,
            ),
            Block::List(notes),
        ],
        sections: Vec::new(),
    }
}

/// The region's label, or "–".
fn region(group: &Group, lang: Lang) -> String {
    group
        .region
        .as_ref()
        .map_or_else(|| "–".to_string(), |r| clean(r.label.get(lang)))
}

/// Reliability and certainty in words, with the remarks `score` shows.
fn reading(group: &Group, lang: Lang) -> String {
    let mut out: Vec<String> = Vec::new();
    if group.position.is_some() && group.is_reliable() {
        out.push(say(lang, "betrouwbaar", "reliable").into());
    }
    if group.certain == Some(true) {
        out.push(say(lang, "zeker", "certain").into());
    }
    out.extend(remarks(group, lang));
    out.join(", ")
}

fn organisation(
    part: &Grouped,
    groups: &[&Group],
    gaps: &[&Gap],
    peers: Option<&Peers>,
    name_peers: bool,
    lang: Lang,
) -> Part {
    let instrument = &*part.instrument;
    let first = groups[0];
    let name = first.organisation.name.clone();
    let path = koers::trajectory(&part.groups, &first.organisation.id);
    let latest_current = path.iter().rev().find(|g| g.position.is_some()).copied();
    let mut blocks = vec![Block::Summary(summary(
        instrument,
        &name,
        latest_current,
        groups,
        gaps,
        lang,
    ))];
    if let Some(region) = latest_current
        .and_then(|g| g.region.as_ref())
        .and_then(|r| instrument.matrix.region(&r.id))
    {
        blocks.push(Block::Text(format!(
            "{} {}",
            say(lang, "Wat dit gebied inhoudt:", "What this region means:"),
            clean(region.description.get(lang))
        )));
    }
    let mut sections = Vec::new();
    // The profile of the latest current position, or else of the latest group.
    let profiled = latest_current
        .or_else(|| groups.iter().rev().find(|g| g.position.is_some()).copied())
        .unwrap_or(groups[groups.len() - 1]);
    let ambition = groups.iter().find(|g| {
        g.kind == Kind::Ambition
            && profiled.kind == Kind::Current
            && g.period() == profiled.period()
    });
    sections.push(profile(instrument, profiled, ambition.copied(), lang));
    for g in groups {
        sections.push(agenda(instrument, g, &part.scores, lang));
    }
    for gap in gaps {
        sections.push(gap_section(instrument, gap, lang));
    }
    sections.push(trajectory(&path, lang));
    sections.push(peer_section(
        peers,
        &first.organisation.id,
        name_peers,
        lang,
    ));
    sections.push(respondents(part, groups, lang));
    Part {
        anchor: String::new(),
        heading: name,
        new_page: true,
        blocks,
        sections,
    }
}

/// The summary in one sentence: "Woonstichting X staat als Wijkregisseur — sociaal accent
/// (x 62,0, y 58,0), betrouwbaar, zeker; de ambitie ligt 12,0 punten hoger …".
fn summary(
    instrument: &Instrument,
    name: &str,
    current: Option<&Group>,
    groups: &[&Group],
    gaps: &[&Gap],
    lang: Lang,
) -> String {
    let Some(g) = current.or_else(|| groups.iter().rev().find(|g| g.position.is_some()).copied())
    else {
        return format!(
            "{name} {}",
            say(
                lang,
                "heeft geen positie: een as heeft geen enkel antwoord.",
                "has no position: an axis has no answer at all."
            )
        );
    };
    let p = g.position.expect("found with a position");
    let mut out = match g.kind {
        Kind::Current => format!("{name} {}", say(lang, "staat als", "stands as")),
        Kind::Ambition => format!(
            "{name} {}",
            say(
                lang,
                "heeft alleen een ambitie, als",
                "has an ambition only, as"
            )
        ),
    };
    out.push_str(&format!(
        " {} (x {}, y {}), {}, {}",
        region(g, lang),
        number(Some(p.x), lang),
        number(Some(p.y), lang),
        words::reliability(g, lang),
        words::certainty(g, lang)
    ));
    let gap = gaps.iter().find(|gap| gap.period == g.period());
    if let (Some(gap), Kind::Current) = (gap, g.kind) {
        let y = &instrument.matrix.y;
        let x = &instrument.matrix.x;
        let up = if gap.y >= 0.0 {
            say(lang, "hoger", "higher")
        } else {
            say(lang, "lager", "lower")
        };
        let towards = if gap.x >= 0.0 { &x.high } else { &x.low };
        let (dy, dx) = (
            number(Some(gap.y.abs()), lang),
            number(Some(gap.x.abs()), lang),
        );
        let (axis, pole) = (clean(y.label.get(lang)), clean(towards.get(lang)));
        out.push_str(&match lang {
            Lang::Nl => format!(
                "; de ambitie ligt {dy} punten {up} op de as {axis} en {dx} punten verder richting {pole}"
            ),
            Lang::En => format!(
                "; the ambition lies {dy} points {up} on the {axis} axis and {dx} points further towards {pole}"
            ),
        });
    }
    out.push('.');
    let counted = g.respondents - g.excluded.len();
    out.push_str(&format!(
        " {} {} {} {}",
        say(lang, "De positie van", "The position of"),
        words::period(g),
        say(lang, "rust op", "rests on"),
        words::respondents(counted, lang),
    ));
    if !g.excluded.is_empty() {
        out.push_str(&format!(
            " ({} {})",
            g.excluded.len(),
            say(lang, "weggelaten", "left out")
        ));
    }
    out.push('.');
    out
}

fn profile(
    instrument: &Instrument,
    group: &Group,
    ambition: Option<&Group>,
    lang: Lang,
) -> Section {
    let profile = analysis::profile(instrument, group);
    let target = ambition.map(|a| analysis::profile(instrument, a));
    let mut columns = vec![
        say(lang, "onderdeel", "section"),
        say(lang, "meet", "measures"),
        "#score",
        say(lang, "#dekking", "#coverage"),
    ];
    if target.is_some() {
        columns.push(say(lang, "#ambitie", "#ambition"));
    }
    let mut table = Table::new(&columns);
    let mut bars = Vec::new();
    for (i, s) in profile.sections.iter().enumerate() {
        let marker = target.as_ref().and_then(|t| t.sections.get(i)?.score);
        let measures = match (s.rung, s.focus) {
            (true, true) => say(lang, "trede en focus", "rung and focus"),
            (true, false) => say(lang, "trede (y)", "rung (y)"),
            (false, true) => say(lang, "focus (x)", "focus (x)"),
            (false, false) => say(lang, "telt niet mee", "places nothing"),
        };
        let mut row = vec![
            clean(s.title.get(lang)),
            measures.into(),
            number(s.score, lang),
            percent(s.coverage),
        ];
        if target.is_some() {
            row.push(number(marker, lang));
        }
        table.push(row);
        bars.push(Bar {
            label: clean(s.title.get(lang)),
            value: s.score,
            marker,
            note: format!(
                "{} · {} {}",
                number(s.score, lang),
                percent(s.coverage),
                say(lang, "beantw.", "answ.")
            ),
            tone: if s.rung {
                Tone::Rung
            } else if s.focus {
                Tone::Focus
            } else {
                Tone::Other
            },
            pale: koers::is_low_coverage(s.coverage),
        });
    }
    let title = |id: &str| {
        instrument
            .sections
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| clean(id), |s| clean(s.title.get(lang)))
    };
    let mut intro = format!(
        "{}, {}",
        capitalised(words::kind(group.kind, lang)),
        words::period(group)
    );
    if let Some(a) = ambition {
        intro.push_str(&format!(
            ", {} {} {}",
            say(lang, "met de ambitie van", "with the ambition of"),
            words::period(a),
            say(lang, "als rode streep", "as a red mark")
        ));
    }
    intro.push_str(say(
        lang,
        ". Per onderdeel de score (0–100) en het beantwoorde deel.",
        ". Per section the score (0–100) and the share answered.",
    ));
    intro.push_str(&caution(&profile.trust, lang));
    let mut blocks = vec![Block::Text(intro)];
    let legend = Legend {
        rung: say(lang, "trede van de ladder (y)", "rung of the ladder (y)").into(),
        focus: say(lang, "focus (x)", "focus (x)").into(),
        marker: say(lang, "ambitie", "ambition").into(),
        pale: say(lang, "dekking onder 60%", "coverage below 60%").into(),
    };
    blocks.push(Block::Bars {
        chart: Chart {
            label: format!(
                "{} {}: {}",
                say(lang, "Profiel per onderdeel", "Section profile"),
                group.organisation.name,
                profile
                    .sections
                    .iter()
                    .map(|s| format!("{} {}", clean(s.title.get(lang)), number(s.score, lang)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            bars,
            legend,
        },
        table,
    });
    let verdict = ladder(&profile, title, |v| number(Some(v), lang), lang);
    if verdict.len() == 1 {
        blocks.extend(verdict.into_iter().map(Block::Text));
    } else {
        blocks.push(Block::List(verdict));
    }
    Section {
        heading: say(lang, "Profiel per onderdeel", "Section profile").into(),
        blocks,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The remarks `score` makes on a group, as a sentence that an analysis of it starts
/// with ("Let op: de positie is onbetrouwbaar, 2 weggelaten."), or nothing.
fn caution(trust: &Trust, lang: Lang) -> String {
    let remarks = trust_remarks(trust, lang);
    if remarks.is_empty() {
        return String::new();
    }
    format!(
        " {} {}.",
        say(lang, "Let op: de positie is", "Note: the position is"),
        remarks.join(", ")
    )
}

fn agenda(instrument: &Instrument, group: &Group, scores: &[koers::Score], lang: Lang) -> Section {
    let agenda = analysis::agenda(instrument, group, scores, AGENDA_SIZE);
    let section_title = |id: &str| {
        instrument
            .sections
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| clean(id), |s| clean(s.title.get(lang)))
    };
    let mut blocks = vec![Block::Text(format!(
        "{}{} {}",
        words::agreement(agenda.rwg, lang),
        caution(&agenda.trust, lang),
        say(
            lang,
            "De vragen staan voluit in de bijlage.",
            "The questions are given in full in the appendix."
        )
    ))];
    if !agenda.disagreement.is_empty() {
        let mut table = Table::new(&[
            say(lang, "vraag", "question"),
            say(lang, "onderdeel", "section"),
            "#n",
            say(lang, "#gemiddeld", "#mean"),
            "#sd",
            "#r_wg",
        ]);
        for q in &agenda.disagreement {
            table.push(vec![
                clean(&q.id),
                section_title(&q.section),
                q.n.to_string(),
                number(q.mean, lang),
                number(q.sd, lang),
                number2(q.rwg, lang),
            ]);
        }
        blocks.push(Block::Table(
            Some(say(lang, "Minste overeenstemming", "Least agreement").into()),
            table,
        ));
    }
    if !agenda.roles.is_empty() {
        let mut table = Table::new(&[
            say(lang, "vraag", "question"),
            say(lang, "hoogste rol", "highest role"),
            say(lang, "#gemiddeld", "#mean"),
            say(lang, "laagste rol", "lowest role"),
            say(lang, "#gemiddeld", "#mean"),
            say(lang, "#verschil", "#difference"),
        ]);
        let role = |r: &Option<String>| {
            r.as_deref()
                .map_or_else(|| say(lang, "(geen rol)", "(no role)").to_string(), clean)
        };
        for d in &agenda.roles {
            table.push(vec![
                clean(&d.id),
                format!("{} (n {})", role(&d.highest.role), d.highest.n),
                number(Some(d.highest.mean), lang),
                format!("{} (n {})", role(&d.lowest.role), d.lowest.n),
                number(Some(d.lowest.mean), lang),
                number(Some(d.difference), lang),
            ]);
        }
        blocks.push(Block::Table(
            Some(say(lang, "Waar de rollen verschillen", "Where the roles differ").into()),
            table,
        ));
    }
    if !agenda.unknown.is_empty() {
        let mut table = Table::new(&[
            say(lang, "vraag", "question"),
            say(lang, "onderdeel", "section"),
            say(lang, "#weet niet", "#don't know"),
            say(lang, "#n.v.t.", "#n/a"),
        ]);
        for q in &agenda.unknown {
            table.push(vec![
                clean(&q.id),
                section_title(&q.section),
                percent(q.unknown),
                percent(q.not_applicable),
            ]);
        }
        blocks.push(Block::Table(
            Some(say(lang, "Meeste weet niet of n.v.t.", "Most don't know or n/a").into()),
            table,
        ));
    }
    Section {
        heading: format!(
            "{} · {} {}",
            say(lang, "Gespreksagenda", "Discussion agenda"),
            words::kind(group.kind, lang),
            words::period(group)
        ),
        blocks,
    }
}

fn gap_section(instrument: &Instrument, gap: &Gap, lang: Lang) -> Section {
    let [x, y] = gap.in_words(&instrument.matrix, lang);
    let decimal = |text: String| match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    };
    let mut blocks = vec![Block::List(vec![
        format!(
            "x {} → {}: {}",
            number(Some(gap.current.x), lang),
            number(Some(gap.ambition.x), lang),
            clean(&decimal(x))
        ),
        format!(
            "y {} → {}: {}",
            number(Some(gap.current.y), lang),
            number(Some(gap.ambition.y), lang),
            clean(&decimal(y))
        ),
    ])];
    let sides: Vec<String> = [
        (
            say(lang, "de huidige positie", "the current position"),
            &gap.current_trust,
        ),
        (say(lang, "de ambitie", "the ambition"), &gap.ambition_trust),
    ]
    .into_iter()
    .filter_map(|(side, trust)| {
        let remarks = trust_remarks(trust, lang);
        (!remarks.is_empty())
            .then(|| format!("{side} {} {}", say(lang, "is", "is"), remarks.join(", ")))
    })
    .collect();
    if !sides.is_empty() {
        blocks.push(Block::Text(format!(
            "{} {}.",
            say(lang, "Let op:", "Note:"),
            sides.join("; ")
        )));
    }
    let title = |id: &str| {
        instrument
            .sections
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| clean(id), |s| clean(s.title.get(lang)))
    };
    let mut sections = Table::new(&[
        say(lang, "onderdeel", "section"),
        say(lang, "#nu", "#current"),
        say(lang, "#ambitie", "#ambition"),
        say(lang, "#verschil", "#difference"),
    ]);
    for s in &gap.sections {
        sections.push(vec![
            title(&s.id),
            number(Some(s.current), lang),
            number(Some(s.ambition), lang),
            signed(s.difference, lang),
        ]);
    }
    blocks.push(Block::Table(
        Some(
            say(
                lang,
                "Per onderdeel, grootste verschil eerst",
                "Per section, largest difference first",
            )
            .into(),
        ),
        sections,
    ));
    let mut questions = Table::new(&[
        say(lang, "vraag", "question"),
        say(lang, "#nu", "#current"),
        say(lang, "#ambitie", "#ambition"),
        say(lang, "#verschil", "#difference"),
    ]);
    for q in gap.questions.iter().take(GAP_QUESTIONS) {
        questions.push(vec![
            clean(&q.id),
            number(Some(q.current), lang),
            number(Some(q.ambition), lang),
            signed(q.difference, lang),
        ]);
    }
    blocks.push(Block::Table(
        Some(
            say(
                lang,
                "De vragen met het grootste verschil (antwoorden op 0–100)",
                "The questions with the largest difference (answers on 0–100)",
            )
            .into(),
        ),
        questions,
    ));
    Section {
        heading: format!(
            "{} · {}",
            say(lang, "Kloof naar de ambitie", "Gap to the ambition"),
            clean(&gap.period)
        ),
        blocks,
    }
}

fn trajectory(path: &[&Group], lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if path.is_empty() {
        blocks.push(Block::Text(
            say(
                lang,
                "Geen huidige positie: alleen een ambitie.",
                "No current position: an ambition only.",
            )
            .into(),
        ));
    } else {
        let mut table = Table::new(&[
            say(lang, "peiling", "round"),
            "#n",
            "#x",
            "#y",
            say(lang, "gebied", "region"),
            say(lang, "lezing", "reading"),
        ]);
        for g in path {
            table.push(vec![
                clean(&words::period(g)),
                g.respondents.to_string(),
                number(g.position.map(|p| p.x), lang),
                number(g.position.map(|p| p.y), lang),
                region(g, lang),
                reading(g, lang),
            ]);
        }
        let positioned: Vec<&&Group> = path.iter().filter(|g| g.position.is_some()).collect();
        if let (Some(first), Some(last)) = (positioned.first(), positioned.last())
            && positioned.len() > 1
        {
            let (a, b) = (first.position.unwrap(), last.position.unwrap());
            blocks.push(Block::Text(format!(
                "{} {} {} {}: x {}, y {}.",
                say(lang, "Van", "From"),
                words::period(first),
                say(lang, "tot", "to"),
                words::period(last),
                signed(b.x - a.x, lang),
                signed(b.y - a.y, lang)
            )));
        } else {
            blocks.push(Block::Text(
                say(
                    lang,
                    "Eén meting: een traject begint bij de volgende.",
                    "One measurement: a trajectory starts with the next.",
                )
                .into(),
            ));
        }
        blocks.push(Block::Table(None, table));
    }
    Section {
        heading: say(lang, "Traject", "Trajectory").into(),
        blocks,
    }
}

fn peer_section(peers: Option<&Peers>, id: &str, name_peers: bool, lang: Lang) -> Section {
    let heading = say(
        lang,
        "Ten opzichte van de andere organisaties",
        "Among the other organisations",
    )
    .to_string();
    let Some(peers) = peers else {
        return Section {
            heading,
            blocks: vec![Block::Text(
                say(
                    lang,
                    "Geen vergelijking: daarvoor zijn minstens twee organisaties met een huidige positie nodig.",
                    "No comparison: it needs at least two organisations with a current position.",
                )
                .into(),
            )],
        };
    };
    let Some(me) = peers.peers.iter().find(|p| p.organisation == id) else {
        return Section {
            heading,
            blocks: vec![Block::Text(
                say(
                    lang,
                    "Geen vergelijking: deze organisatie heeft geen huidige positie.",
                    "No comparison: this organisation has no current position.",
                )
                .into(),
            )],
        };
    };
    let n = peers.peers.len();
    let mut table = Table::new(&[
        say(lang, "as", "axis"),
        say(lang, "#positie", "#position"),
        say(lang, "#mediaan groep", "#group median"),
        say(lang, "#percentiel", "#percentile"),
        say(lang, "#rang", "#rank"),
    ]);
    let of = say(lang, "van", "of");
    table.push(vec![
        "x".into(),
        number(Some(me.position.x), lang),
        number(Some(peers.median.x), lang),
        format!("{:.0}", me.percentile.x),
        format!("{} {of} {n}", me.rank_x),
    ]);
    table.push(vec![
        "y".into(),
        number(Some(me.position.y), lang),
        number(Some(peers.median.y), lang),
        format!("{:.0}", me.percentile.y),
        format!("{} {of} {n}", me.rank_y),
    ]);
    let mut blocks = vec![Block::Text(format!(
        "{} {n} {} ({} {}). {}",
        say(
            lang,
            "Vergeleken met de laatste huidige positie van alle",
            "Compared with the latest current position of all"
        ),
        say(
            lang,
            "organisaties in deze gegevens",
            "organisations in these data"
        ),
        say(lang, "deze organisatie:", "this organisation:"),
        clean(&me.period),
        say(
            lang,
            "Rang 1 staat het verst richting de hoge kant van de as.",
            "Rank 1 stands furthest towards the high end of the axis."
        )
    ))];
    blocks.push(Block::Table(None, table));
    let remarks = trust_remarks(&me.trust, lang);
    if !remarks.is_empty() {
        blocks.push(Block::Text(format!(
            "{} {}.",
            say(
                lang,
                "Let op: de vergeleken positie is",
                "Note: the position compared is"
            ),
            remarks.join(", ")
        )));
    }
    if !name_peers {
        blocks.push(Block::Text(
            say(
                lang,
                "Dit rapport over één organisatie noemt de andere organisaties niet.",
                "This report on one organisation does not name the others.",
            )
            .into(),
        ));
    }
    Section { heading, blocks }
}

/// Who answered, by code and role only: file names can carry a person's name.
fn respondents(part: &Grouped, groups: &[&Group], lang: Lang) -> Section {
    let mut table = Table::new(&[
        say(lang, "peiling", "round"),
        say(lang, "respondent", "respondent"),
        say(lang, "rol", "role"),
        say(lang, "telt mee", "counts"),
    ]);
    for g in groups {
        for (i, s) in g.members(&part.scores) {
            let info = &s.assessment;
            let counts = match g.excluded.iter().find(|e| e.input == i) {
                Some(e) => format!(
                    "{}: {}",
                    say(lang, "nee", "no"),
                    clean(&shortfalls(&e.shortfalls, &part.instrument, lang))
                ),
                None => say(lang, "ja", "yes").into(),
            };
            table.push(vec![
                format!("{} {}", words::kind_short(g.kind, lang), words::period(g)),
                info.respondent
                    .as_deref()
                    .map_or_else(|| say(lang, "(zonder code)", "(no code)").into(), clean),
                info.role.as_deref().map_or_else(|| "–".into(), clean),
                counts,
            ]);
        }
    }
    Section {
        heading: say(lang, "Respondenten", "Respondents").into(),
        blocks: vec![Block::Table(None, table)],
    }
}

fn method(instrument: &Instrument, lang: Lang) -> Part {
    let axis =
        |a: &koers::Axis| format!("{} ({})", clean(a.label.get(lang)), clean(&a.title(lang)));
    let mut blocks: Vec<Block> = words::method(
        lang,
        &axis(&instrument.matrix.x),
        &axis(&instrument.matrix.y),
    )
    .into_iter()
    .map(Block::Text)
    .collect();
    blocks.push(Block::Terms(
        terms(lang)
            .into_iter()
            .map(|(t, d)| (t.to_string(), d.to_string()))
            .collect(),
    ));
    Part {
        anchor: "methode".into(),
        heading: say(
            lang,
            "Hoe de positie is berekend",
            "How the position was computed",
        )
        .into(),
        new_page: true,
        blocks,
        sections: Vec::new(),
    }
}

fn appendix(instrument: &Instrument, lang: Lang) -> Part {
    let mut scales = Table::new(&[
        say(lang, "schaal", "scale"),
        say(lang, "antwoorden", "answers"),
    ]);
    for (name, scale) in &instrument.scales {
        let points: Vec<String> = scale
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| format!("{} {}", scale.min + i as i64, clean(label.get(lang))))
            .collect();
        let mut cell = points.join(" · ");
        if scale.unknown {
            cell.push_str(say(lang, " · weet niet · n.v.t.", " · don't know · n/a"));
        }
        scales.push(vec![clean(name), cell]);
    }
    let sections = instrument
        .sections
        .iter()
        .map(|section| {
            let mut table = Table::new(&[
                "id",
                say(lang, "vraag", "question"),
                say(lang, "schaal", "scale"),
            ]);
            for q in &section.questions {
                table.push(vec![clean(&q.id), clean(q.text.get(lang)), clean(&q.scale)]);
            }
            Section {
                heading: clean(section.title.get(lang)),
                blocks: vec![Block::Table(None, table)],
            }
        })
        .collect();
    Part {
        anchor: "bijlage".into(),
        heading: format!(
            "{}: {}",
            say(lang, "Bijlage", "Appendix"),
            clean(instrument.title.get(lang))
        ),
        new_page: true,
        blocks: vec![
            Block::Text(
                say(
                    lang,
                    "De vragen zoals de respondenten ze beantwoordden, per onderdeel. Elke vraag heeft een antwoordschaal:",
                    "The questions as the respondents answered them, per section. Each question has an answer scale:",
                )
                .into(),
            ),
            Block::Table(None, scales),
        ],
        sections,
    }
}
