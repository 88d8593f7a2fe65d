//! What the report says: the groups of one run turned into a [`Document`].

use super::bars::{Bar, Chart, Legend, Tone};
use super::words::{self, clean, number, number2, percent, signed};
use super::{Block, Document, Part, Section};
use crate::Error;
use crate::group::Grouped;
use crate::reading::{Subject, caution_clauses, ladder, legend, remarks, say, shortfalls, terms};
use crate::tabular::Table;
use koers::analysis::{self, Gap};
use koers::{Date, Group, Instrument, Kind, Lang, Score, Trust};
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
    /// The facts of the cover from a settings file (`koers report --settings`).
    pub cover: Cover,
    /// The wijken of each group a register serves: its organisation's section gains
    /// "Per wijk".
    pub wijken: Vec<Wijken>,
}

/// The wijken of one group that a register serves, each placed by its own practices.
#[derive(Debug, Clone, PartialEq)]
pub struct Wijken {
    /// The organisation's id ([`koers::OrganisationRef::id`]).
    pub organisation: String,
    /// The group's period, as [`words::period`] gives it.
    pub period: String,
    /// The register's date.
    pub date: Date,
    /// Each wijk of the register, in its order.
    pub wijken: Vec<koers::WijkPosition>,
}

/// The facts a consultant puts on the cover: all optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cover {
    /// The title, instead of the one koers makes.
    pub title: Option<String>,
    /// Who commissioned the report.
    pub opdrachtgever: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The report's version, such as "concept 2".
    pub version: Option<String>,
    /// How many people were invited, per organisation id (or name).
    pub invited: std::collections::BTreeMap<String, usize>,
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
    let latest = part.scores.iter().map(|s| s.assessment.date).max();

    let title = match (&options.organisation, groups.first()) {
        (Some(_), Some(first)) => format!(
            "{} {}",
            say(lang, "Positiebepaling", "Positioning of"),
            first.organisation.name
        ),
        _ => instrument.title.get(lang).to_string(),
    };
    let title = options.cover.title.clone().unwrap_or(title);
    let mut cover = Vec::new();
    for (label, value) in [
        (
            say(lang, "Opdrachtgever:", "Commissioned by:"),
            &options.cover.opdrachtgever,
        ),
        (say(lang, "Auteur:", "Author:"), &options.cover.author),
        (say(lang, "Versie:", "Version:"), &options.cover.version),
    ] {
        if let Some(value) = value {
            cover.push(format!("{label} {}", clean(value)));
        }
    }
    for g in &groups {
        let invited = options
            .cover
            .invited
            .get(&g.organisation.id)
            .or_else(|| options.cover.invited.get(&g.organisation.name));
        if let (Some(invited), Kind::Current) = (invited, g.kind) {
            cover.push(format!(
                "{} {} {}: {} {} {} {}, {} {}",
                say(lang, "Respons", "Response"),
                g.organisation.name,
                words::period(g, lang),
                g.respondents,
                say(lang, "van", "of"),
                invited,
                say(lang, "uitgenodigden", "invited"),
                counted(g),
                say(lang, "geteld", "counted"),
            ));
        }
    }
    cover.push(format!(
        "{} {} {} {}",
        say(lang, "Vragenlijst:", "Questionnaire:"),
        clean(instrument.title.get(lang)),
        say(lang, "versie", "version"),
        clean(&instrument.version)
    ));
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

    let mut parts = vec![board_summary(part, &groups, &shown, &all_gaps, lang)];
    let mut overview = overview(instrument, &groups, lang);
    overview.new_page = true;
    parts.push(overview);
    for (n, id) in shown.iter().enumerate() {
        let own: Vec<&Group> = groups.iter().filter(|g| &g.organisation.id == id).collect();
        let gaps: Vec<&Gap> = all_gaps.iter().filter(|g| &g.organisation == id).collect();
        let mut section = organisation(part, &own, &gaps, options.organisation.is_none(), lang);
        section.sections.extend(
            options
                .wijken
                .iter()
                .filter(|w| &w.organisation == id && !w.wijken.is_empty())
                .map(|w| per_wijk(w, lang)),
        );
        // Fragment ids from names could clash or carry odd characters; positions cannot.
        section.anchor = format!("org-{}", n + 1);
        parts.push(section);
    }
    parts.push(method(instrument, lang));
    let noted: Vec<&Score> = part
        .scores
        .iter()
        .filter(|s| shown.iter().any(|id| id == s.organisation.key()))
        .collect();
    parts.push(appendix(instrument, &noted, lang));
    Ok(Document {
        lang,
        title: clean(&title),
        cover,
        parts,
    })
}

/// The section "Per wijk": each wijk of the register with its homes, its position (y by
/// its own recorded practices, x from the respondents whose werkgebied names it, or the
/// organisation's) and its region.
fn per_wijk(wijken: &Wijken, lang: Lang) -> Section {
    let mut table = Table::new(&[
        "wijk",
        say(lang, "#woningen", "#homes"),
        "#y",
        "#x",
        say(lang, "x uit", "x from"),
        say(lang, "gebied", "region"),
    ]);
    for w in &wijken.wijken {
        let source = match w.source {
            koers::WijkSource::Werkgebied { n } => match lang {
                Lang::Nl => format!("werkgebied ({n} respondenten)"),
                Lang::En => format!("werkgebied ({n} respondents)"),
            },
            koers::WijkSource::Organisation => say(
                lang,
                "organisatie (minder dan 3 in de wijk)",
                "organisation (fewer than 3 in the wijk)",
            )
            .to_string(),
        };
        table.push(vec![
            clean(&w.wijk.name),
            w.wijk.homes.to_string(),
            number(w.position.map(|p| p.y), lang),
            number(w.position.map(|p| p.x), lang),
            source,
            w.region
                .as_ref()
                .map_or_else(|| "–".to_string(), |r| clean(r.label.get(lang))),
        ]);
    }
    let date = words::long_date(wijken.date, lang);
    let text = match lang {
        Lang::Nl => format!(
            "De positie van {}: y uit de registratie van {date}, x uit de antwoorden; y heeft daarom geen spreiding en geen interval (een registratie is geen steekproef). Per wijk volgt y uit de praktijken die in de wijk liepen, met dezelfde ladderregel als voor de organisatie; x is het gemiddelde van de respondenten die de wijk als werkgebied noemen, als het er ten minste 3 zijn, anders dat van de organisatie.",
            wijken.period
        ),
        Lang::En => format!(
            "The position of {}: y from the register of {date}, x from the answers; so y has no spread and no interval (a record is not a sample). Per wijk, y follows from the practices that ran in the wijk, by the same ladder rule as for the organisation; x is the mean of the respondents who name the wijk as their werkgebied when at least 3 do, else the organisation's.",
            wijken.period
        ),
    };
    Section {
        heading: say(lang, "Per wijk", "Per wijk").into(),
        blocks: vec![Block::Text(text), Block::Table(None, table)],
    }
}

/// The bestuurlijke samenvatting: per organisation where it stands and whether the region
/// is fixed, how far its people agree, the three agenda points, the ambition and the gap,
/// one sentence each; then the caveats. One A4 page for a report on one organisation.
fn board_summary(
    part: &Grouped,
    groups: &[Group],
    shown: &[String],
    gaps: &[Gap],
    lang: Lang,
) -> Part {
    let instrument = &*part.instrument;
    let mut blocks = Vec::new();
    if shown.len() > SUMMARY_SENTENCES_UP_TO {
        blocks.extend(summary_table(part, groups, shown, lang));
    }
    for id in shown
        .iter()
        .filter(|_| shown.len() <= SUMMARY_SENTENCES_UP_TO)
    {
        let own: Vec<&Group> = groups.iter().filter(|g| &g.organisation.id == id).collect();
        let Some(first) = own.first() else { continue };
        let own_gaps: Vec<&Gap> = gaps.iter().filter(|g| &g.organisation == id).collect();
        let current = own
            .iter()
            .rev()
            .find(|g| g.kind == Kind::Current && g.position.is_some())
            .copied();
        blocks.push(Block::Summary(summary(
            instrument,
            &crate::reading::marked_name(first, lang),
            current,
            &own,
            &own_gaps,
            lang,
        )));
        let Some(g) = current else { continue };
        let agenda = analysis::agenda(instrument, g, &part.scores, AGENDA_SIZE);
        let mut points = vec![words::agreement(agenda.rwg, lang)];
        if shown.len() == 1 {
            for q in &agenda.disagreement {
                points.push(format!(
                    "{} {}",
                    say(lang, "Bespreken:", "To discuss:"),
                    question(instrument, &q.id, lang)
                ));
            }
        }
        blocks.push(Block::List(points));
    }
    blocks.push(Block::Text(
        say(
            lang,
            "Kanttekeningen: dit is een zelfbeeld van de organisatie, geen oordeel over haar prestaties. De positioneringsmatrix is van de SEV (Stuurgroep Experimenten Volkshuisvesting); de banden en de acht gebieden zijn de lezing van koers daarvan. De matrix beschrijft rollen en rangschikt ze niet.",
            "Caveats: this is the organisation's self-image, not a judgement of its performance. The positioning matrix is the SEV's (Stuurgroep Experimenten Volkshuisvesting); the bands and the eight regions are koers's reading of it. The matrix describes roles and does not rank them.",
        )
        .into(),
    ));
    Part {
        anchor: "samenvatting".into(),
        heading: say(lang, "Bestuurlijke samenvatting", "Executive summary").into(),
        // Many organisations' table takes a page of its own, after the cover.
        new_page: shown.len() > SUMMARY_SENTENCES_UP_TO,
        blocks,
        sections: Vec::new(),
    }
}

/// Up to this many organisations, the bestuurlijke samenvatting speaks of each in
/// sentences; past it, one table row each keeps it to one A4 page.
const SUMMARY_SENTENCES_UP_TO: usize = 3;

/// The bestuurlijke samenvatting of many organisations: a sentence, then per organisation
/// its latest current position in one row (region or why none, whether it is fixed, the
/// respondents counted, the agreement); the sections that follow give the detail.
fn summary_table(part: &Grouped, groups: &[Group], shown: &[String], lang: Lang) -> Vec<Block> {
    let instrument = &*part.instrument;
    let mut table = Table::new(&[
        say(lang, "organisatie", "organisation"),
        say(lang, "gebied", "region"),
        say(lang, "lezing", "reading"),
        say(lang, "#geteld", "#counted"),
        say(lang, "overeenstemming", "agreement"),
    ]);
    for id in shown {
        let own: Vec<&Group> = groups.iter().filter(|g| &g.organisation.id == id).collect();
        let Some(first) = own.first() else { continue };
        let latest = own
            .iter()
            .rev()
            .find(|g| g.kind == Kind::Current && g.position.is_some())
            .copied();
        let Some(g) = latest else {
            table.push(vec![
                crate::reading::marked_name(first, lang),
                "–".into(),
                say(lang, "geen positie", "no position").into(),
                "–".into(),
                "–".into(),
            ]);
            continue;
        };
        let agenda = analysis::agenda(instrument, g, &part.scores, AGENDA_SIZE);
        let agreement = agenda.rwg.map_or_else(
            || "–".to_string(),
            |r| {
                format!(
                    "{} ({})",
                    koers::analysis::AgreementLevel::of(r).text(lang),
                    words::number2(Some(r), lang)
                )
            },
        );
        table.push(vec![
            format!(
                "{} ({})",
                crate::reading::marked_name(g, lang),
                words::period(g, lang)
            ),
            region(g, lang),
            reading(g, lang),
            format!("{} / {}", counted(g), g.respondents),
            agreement,
        ]);
    }
    vec![
        Block::Text(match lang {
            Lang::Nl => format!(
                "{} organisaties, elk met de laatste huidige positie; geteld: wie meetelt van alle respondenten; overeenstemming: gemiddelde r_wg. Ambitie, verschil en agenda staan per organisatie verderop.",
                shown.len()
            ),
            Lang::En => format!(
                "{} organisations, each with its latest current position; counted: who counts of all respondents; agreement: mean r_wg. Ambition, gap and agenda follow per organisation.",
                shown.len()
            ),
        }),
        Block::Table(None, table),
    ]
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

/// The matrix picture's width in pixels for the report. Printed on A4 it fills the text
/// block (210 − 2 × 16 mm = 504.6 pt), so one pixel prints at 504.6 / 672 = 0.75 pt: the
/// picture's smallest text (9.5 px, `koers_plot::MIN_TEXT`) prints at 7 pt or more.
pub const MATRIX_WIDTH: u32 = 672;

fn overview(instrument: &Instrument, groups: &[Group], lang: Lang) -> Part {
    let svg = render(
        instrument,
        groups,
        &PlotOptions {
            lang,
            width: MATRIX_WIDTH,
            height: MATRIX_WIDTH * 43 / 40,
            // The picture keeps this size rather than growing to keep the matrix's share:
            // a wider picture would print its text smaller.
            fixed: true,
            ..PlotOptions::default()
        },
    );
    let mut table = Table::new(&[
        say(lang, "organisatie", "organisation"),
        say(lang, "soort", "kind"),
        say(lang, "peiling", "round"),
        // One column for who counts of all respondents, as in the summary: with a column
        // each the table no longer fits the page with whole words.
        say(lang, "#geteld", "#counted"),
        "#x",
        "#y",
        "#sd x",
        "#sd y",
        say(lang, "gebied", "region"),
        say(lang, "lezing", "reading"),
    ]);
    for g in groups {
        let shown = shows_region(g);
        table.push(vec![
            crate::reading::marked_name(g, lang),
            words::kind_of(g, lang),
            words::period(g, lang),
            format!("{} / {}", counted(g), g.respondents),
            number(g.position.map(|p| p.x), lang),
            number(g.position.map(|p| p.y), lang),
            number(g.spread.x.filter(|_| shown), lang),
            number(g.spread.y.filter(|_| shown), lang),
            region(g, lang),
            reading(g, lang),
        ]);
    }
    let refs: Vec<&Group> = groups.iter().collect();
    let mut notes: Vec<String> = Vec::new();
    if groups
        .iter()
        .any(|g| shows_region(g) && g.is_fixed() == Some(true))
    {
        notes.push(
            say(
                lang,
                "gebied staat vast: de rechthoek van de twee intervallen (de spreiding tussen deze respondenten) ligt helemaal binnen het gebied.",
                "region fixed: the rectangle of the two intervals (the spread between these respondents) lies wholly inside the region.",
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
                        "Posities per organisatie en peiling (ronde of datum); geteld: de respondenten die meetellen in de positie, van alle respondenten",
                        "Positions per organisation and round (or date); counted: the respondents who count in the position, of all respondents",
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

/// Whether a group's position may be read as a region: it has one and is sufficiently
/// answered. Otherwise it gets no region name, region text, spread or arrow.
fn shows_region(group: &Group) -> bool {
    group.position.is_some() && group.is_reliable()
}

/// How many respondents count in a group's position: the one number every table and
/// sentence uses beside the respondents and those left out.
fn counted(group: &Group) -> usize {
    group.respondents - group.excluded.len()
}

/// The region's label, or "–" (also for a position that is insufficiently answered).
fn region(group: &Group, lang: Lang) -> String {
    group
        .region
        .as_ref()
        .filter(|_| shows_region(group))
        .map_or_else(|| "–".to_string(), |r| clean(r.label.get(lang)))
}

/// Whether the region is fixed, with the remarks `score` shows.
fn reading(group: &Group, lang: Lang) -> String {
    let mut out: Vec<String> = Vec::new();
    if shows_region(group) && group.is_fixed() == Some(true) {
        out.push(say(lang, "gebied staat vast", "region fixed").into());
    }
    out.extend(remarks(group, lang));
    out.join(", ")
}

fn organisation(
    part: &Grouped,
    groups: &[&Group],
    gaps: &[&Gap],
    name_peers: bool,
    lang: Lang,
) -> Part {
    let instrument = &*part.instrument;
    let first = groups[0];
    // The name as a reading of a source is marked wherever it stands.
    let name = crate::reading::marked_name(first, lang);
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
    // A reading of someone else's text is never presented as the organisation's own
    // assessment: said under the summary, with the source.
    let mut sources: Vec<&str> = Vec::new();
    for source in groups.iter().flat_map(|g| &g.sources) {
        if !sources.contains(&source.as_str()) {
            sources.push(source);
        }
    }
    for source in sources {
        blocks.push(Block::Text(format!(
            "{} {} {} {}. {} {}",
            say(lang, "Let op: de antwoorden van", "Note: the answers of"),
            clean(&first.organisation.name),
            say(lang, "zijn", "are"),
            crate::reading::reading_note(lang),
            say(lang, "Bron:", "Source:"),
            clean(source)
        )));
    }
    let ambitions: Vec<String> = groups
        .iter()
        .filter(|g| g.kind == Kind::Ambition)
        .filter_map(|g| {
            g.horizon.map(|year| match lang {
                Lang::Nl => format!(
                    "De ambitie van {} richt zich op {year}.",
                    words::period(g, lang)
                ),
                Lang::En => format!("The ambition of {} aims at {year}.", words::period(g, lang)),
            })
        })
        .collect();
    if !ambitions.is_empty() {
        blocks.push(Block::Text(ambitions.join(" ")));
    }
    if let Some(region) = latest_current
        .filter(|g| shows_region(g))
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
        &part.groups,
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
        Kind::Current if !shows_region(g) => format!(
            "{name} {}",
            say(lang, "heeft een huidige positie", "has a current position")
        ),
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
    if shows_region(g) {
        out.push_str(&format!(
            " {} (x {}, y {}); {}",
            region(g, lang),
            number(Some(p.x), lang),
            number(Some(p.y), lang),
            words::certainty(g, lang)
        ));
    } else {
        out.push_str(&format!(
            " (x {}, y {}) {}",
            number(Some(p.x), lang),
            number(Some(p.y), lang),
            say(
                lang,
                "zonder gebied: de positie is onvoldoende ingevuld",
                "without a region: the position is insufficiently answered"
            )
        ));
    }
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
    out.push_str(&format!(" {}", respondents_sentence(g, lang)));
    out
}

/// "De positie van 1 maart 2026 rust op 7 van de 8 respondenten; 1 is weggelaten." The
/// numbers are those of the group, as every table shows them.
fn respondents_sentence(g: &Group, lang: Lang) -> String {
    let n = counted(g);
    let mut out = format!(
        "{} {} {} ",
        say(lang, "De positie van", "The position of"),
        words::period(g, lang),
        say(lang, "rust op", "rests on"),
    );
    if g.excluded.is_empty() {
        out.push_str(&words::respondents(n, lang));
    } else {
        out.push_str(&format!(
            "{n} {} {}",
            say(lang, "van de", "of the"),
            words::respondents(g.respondents, lang)
        ));
        let left = g.excluded.len();
        out.push_str(&match (left, lang) {
            (1, Lang::Nl) => "; 1 is weggelaten omdat die te weinig heeft ingevuld".to_string(),
            (k, Lang::Nl) => format!("; {k} zijn weggelaten omdat zij te weinig hebben ingevuld"),
            (1, Lang::En) => "; 1 was left out for answering too little".to_string(),
            (k, Lang::En) => format!("; {k} were left out for answering too little"),
        });
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
        words::period(group, lang)
    );
    if let Some(a) = ambition {
        intro.push_str(&format!(
            ", {} {} {}",
            say(lang, "met de ambitie van", "with the ambition of"),
            words::period(a, lang),
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

/// The cautions on a group's position as a sentence after an analysis's first words,
/// with a leading space, or nothing.
fn caution(trust: &Trust, lang: Lang) -> String {
    let text = crate::reading::caution(trust, Subject::Position, lang);
    if text.is_empty() {
        text
    } else {
        format!(" {text}")
    }
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
        "{}{}",
        words::agreement(agenda.rwg, lang),
        caution(&agenda.trust, lang),
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
                question(instrument, &q.id, lang),
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
        let role = |r: &koers::analysis::RoleMean| {
            if r.other {
                say(lang, "overige", "other").to_string()
            } else {
                r.role
                    .as_deref()
                    .map_or_else(|| say(lang, "(geen rol)", "(no role)").to_string(), clean)
            }
        };
        for d in &agenda.roles {
            table.push(vec![
                question(instrument, &d.id, lang),
                format!("{} (n {})", role(&d.highest), d.highest.n),
                number(Some(d.highest.mean), lang),
                format!("{} (n {})", role(&d.lowest), d.lowest.n),
                number(Some(d.lowest.mean), lang),
                number(Some(d.difference), lang),
            ]);
        }
        blocks.push(Block::Table(
            Some(say(lang, "Waar de rollen verschillen", "Where the roles differ").into()),
            table,
        ));
    }
    if let Some(text) = privacy_sentence(&agenda.privacy, lang) {
        blocks.push(Block::Text(text));
    }
    // "Weet niet" is counted over every respondent, also those left out of the position:
    // answering "weet niet" often is why they were left out.
    let everyone = group.members(scores).map(|(_, s)| s);
    let mut unknown: Vec<koers::analysis::QuestionAgreement> =
        analysis::agreement(instrument, everyone)
            .questions
            .into_iter()
            .filter(|q| q.unknown + q.not_applicable > 0.0)
            .collect();
    unknown
        .sort_by(|a, b| (b.unknown + b.not_applicable).total_cmp(&(a.unknown + a.not_applicable)));
    unknown.truncate(AGENDA_SIZE);
    if !unknown.is_empty() {
        let mut table = Table::new(&[
            say(lang, "vraag", "question"),
            say(lang, "onderdeel", "section"),
            say(lang, "#weet niet", "#don't know"),
            say(lang, "#n.v.t.", "#n/a"),
        ]);
        for q in &unknown {
            table.push(vec![
                question(instrument, &q.id, lang),
                section_title(&q.section),
                percent(q.unknown),
                percent(q.not_applicable),
            ]);
        }
        blocks.push(Block::Table(
            Some(say(lang, "Meeste weet niet of n.v.t.", "Most don't know or n/a").into()),
            table,
        ));
        blocks.push(Block::Text(format!(
            "{} {}{}",
            say(
                lang,
                "\"Weet niet\" en \"n.v.t.\" zijn geteld over alle",
                "\"Don't know\" and \"n/a\" are counted over all"
            ),
            words::respondents(group.respondents, lang),
            if group.excluded.is_empty() {
                ".".to_string()
            } else {
                say(
                    lang,
                    ", ook wie is weggelaten: vaak \"weet niet\" is juist waarom iemand is weggelaten.",
                    ", also those left out: answering \"don't know\" often is why someone was left out.",
                )
                .to_string()
            }
        )));
    }
    Section {
        heading: format!(
            "{} · {} {}",
            say(lang, "Gespreksagenda", "Discussion agenda"),
            words::kind(group.kind, lang),
            words::period(group, lang)
        ),
        blocks,
    }
}

/// What the privacy rule did to the comparison of roles, in a sentence, or nothing.
fn privacy_sentence(privacy: &koers::analysis::Privacy, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if privacy.merged > 0 {
        parts.push(format!(
            "{} {}",
            words::respondents(privacy.merged, lang),
            say(
                lang,
                "uit rollen van minder dan 3 personen staan samen als \"overige\"",
                "from roles of fewer than 3 people stand together as \"other\""
            )
        ));
    }
    if privacy.left_out > 0 {
        parts.push(format!(
            "{} {}",
            words::respondents(privacy.left_out, lang),
            say(
                lang,
                "uit rollen van minder dan 3 personen zijn uit de vergelijking van rollen gelaten (ook samen te weinig)",
                "from roles of fewer than 3 people are left out of the comparison of roles (too few even together)"
            )
        ));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "{} {}.",
            say(lang, "Privacy:", "Privacy:"),
            parts.join("; ")
        )
    })
}

/// A question by its text, its id after it: "Heeft de corporatie … (buurtbudget)".
fn question(instrument: &Instrument, id: &str, lang: Lang) -> String {
    instrument
        .questions()
        .find(|(_, q)| q.id == id)
        .map_or_else(
            || clean(id),
            |(_, q)| {
                // The question itself; its explanation stands in the appendix.
                let text = clean(q.text.get(lang));
                let short = text
                    .find("? ")
                    .map_or(text.as_str(), |end| &text[..=end])
                    .to_string();
                format!("{short} ({})", clean(id))
            },
        )
}

fn gap_section(instrument: &Instrument, gap: &Gap, lang: Lang) -> Section {
    let matrix = &instrument.matrix;
    let mut blocks = vec![Block::List(vec![
        format!(
            "x {} → {}: {}",
            number(Some(gap.current.x), lang),
            number(Some(gap.ambition.x), lang),
            band_move(&matrix.x, gap.current.x, gap.ambition.x, lang)
        ),
        format!(
            "y {} → {}: {}",
            number(Some(gap.current.y), lang),
            number(Some(gap.ambition.y), lang),
            band_move(&matrix.y, gap.current.y, gap.ambition.y, lang)
        ),
    ])];
    let mut sides = caution_clauses(&gap.current_trust, Subject::Current, lang);
    sides.extend(caution_clauses(
        &gap.ambition_trust,
        Subject::Ambition,
        lang,
    ));
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
            question(instrument, &q.id, lang),
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
            words::period_text(&gap.period, lang)
        ),
        blocks,
    }
}

/// A movement on an axis named by its bands: "binnen Wijkregisseur, +15,1" for a move
/// inside one band, "van Verhuurder naar Wijkregisseur, +15,1" across bands, and by the
/// axis's pole where the axis has no bands.
fn band_move(axis: &koers::Axis, from: f64, to: f64, lang: Lang) -> String {
    let band = |v: f64| {
        axis.bands
            .iter()
            .find(|b| b.range.contains(v))
            .map(|b| clean(b.label.get(lang)))
    };
    let d = signed(to - from, lang);
    match (band(from), band(to)) {
        (Some(a), Some(b)) if a == b => format!("{} {a}, {d}", say(lang, "binnen", "within")),
        (Some(a), Some(b)) => format!(
            "{} {a} {} {b}, {d}",
            say(lang, "van", "from"),
            say(lang, "naar", "to")
        ),
        _ => {
            let pole = if to >= from { &axis.high } else { &axis.low };
            format!(
                "{} {}, {d}",
                say(lang, "richting", "towards"),
                clean(pole.get(lang))
            )
        }
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
            say(lang, "#respondenten", "#respondents"),
            say(lang, "#geteld", "#counted"),
            "#x",
            "#y",
            say(lang, "gebied", "region"),
            say(lang, "lezing", "reading"),
        ]);
        for g in path {
            table.push(vec![
                clean(&words::period(g, lang)),
                g.respondents.to_string(),
                counted(g).to_string(),
                number(g.position.map(|p| p.x), lang),
                number(g.position.map(|p| p.y), lang),
                region(g, lang),
                reading(g, lang),
            ]);
        }
        // Only positions that are sufficiently answered make a movement.
        let positioned: Vec<&&Group> = path.iter().filter(|g| shows_region(g)).collect();
        if let (Some(first), Some(last)) = (positioned.first(), positioned.last())
            && positioned.len() > 1
        {
            let (a, b) = (first.position.unwrap(), last.position.unwrap());
            blocks.push(Block::Text(format!(
                "{} {} {} {}: x {}, y {}.",
                say(lang, "Van", "From"),
                words::period(first, lang),
                say(lang, "tot", "to"),
                words::period(last, lang),
                signed(b.x - a.x, lang),
                signed(b.y - a.y, lang)
            )));
        } else {
            blocks.push(Block::Text(
                say(
                    lang,
                    "Geen traject: daarvoor zijn minstens twee voldoende ingevulde metingen nodig.",
                    "No trajectory: it needs at least two sufficiently answered measurements.",
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

/// The median of some values (at least one).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The organisation among the others without ranks or percentiles: the distance to the
/// others' median per axis and their spread, over each other organisation's latest
/// current position that is sufficiently answered, and which positions those are.
fn peer_section(all: &[Group], id: &str, name_peers: bool, lang: Lang) -> Section {
    let heading = say(
        lang,
        "Ten opzichte van de andere organisaties",
        "Among the other organisations",
    )
    .to_string();
    let latest = |org: &str| {
        all.iter()
            .filter(|g| g.kind == Kind::Current && g.organisation.id == org && shows_region(g))
            .max_by_key(|g| g.date)
    };
    let mut others: Vec<&Group> = organisation_ids(all)
        .iter()
        .filter(|o| o.as_str() != id)
        .filter_map(|o| latest(o))
        .collect();
    others.sort_by(|a, b| a.organisation.name.cmp(&b.organisation.name));
    let text = |t: &str| Section {
        heading: heading.clone(),
        blocks: vec![Block::Text(t.to_string())],
    };
    let Some(me) = latest(id) else {
        return text(say(
            lang,
            "Geen vergelijking: deze organisatie heeft geen huidige positie die voldoende is ingevuld.",
            "No comparison: this organisation has no current position that is sufficiently answered.",
        ));
    };
    if others.is_empty() {
        return text(say(
            lang,
            "Geen vergelijking: geen andere organisatie heeft een huidige positie die voldoende is ingevuld.",
            "No comparison: no other organisation has a current position that is sufficiently answered.",
        ));
    }
    let p = me.position.expect("sufficiently answered");
    let mut table = Table::new(&[
        say(lang, "as", "axis"),
        say(lang, "#deze organisatie", "#this organisation"),
        say(lang, "#mediaan anderen", "#others' median"),
        say(lang, "#afstand", "#distance"),
        say(lang, "#spreiding anderen", "#others' range"),
    ]);
    for (axis, own, values) in [
        (
            "x",
            p.x,
            others
                .iter()
                .filter_map(|g| g.position.map(|q| q.x))
                .collect::<Vec<_>>(),
        ),
        (
            "y",
            p.y,
            others
                .iter()
                .filter_map(|g| g.position.map(|q| q.y))
                .collect::<Vec<_>>(),
        ),
    ] {
        let mut values = values;
        let mid = median(&mut values);
        table.push(vec![
            axis.into(),
            number(Some(own), lang),
            number(Some(mid), lang),
            signed(own - mid, lang),
            format!(
                "{}–{}",
                number(values.first().copied(), lang),
                number(values.last().copied(), lang)
            ),
        ]);
    }
    let which: Vec<String> = others
        .iter()
        .map(|g| {
            if name_peers {
                format!("{} ({})", g.organisation.name, words::period(g, lang))
            } else {
                words::period(g, lang)
            }
        })
        .collect();
    let mut blocks = vec![Block::Text(format!(
        "{} {} ({}) {} {} {}: {}. {}",
        say(lang, "De huidige positie van", "The current position of"),
        say(lang, "deze organisatie", "this organisation"),
        words::period(me, lang),
        say(
            lang,
            "naast de laatste huidige positie van",
            "beside the latest current position of"
        ),
        match (others.len(), lang) {
            (1, Lang::Nl) => "1 andere organisatie".to_string(),
            (n, Lang::Nl) => format!("{n} andere organisaties"),
            (1, Lang::En) => "1 other organisation".to_string(),
            (n, Lang::En) => format!("{n} other organisations"),
        },
        say(
            lang,
            "(alleen posities die voldoende zijn ingevuld)",
            "(only positions that are sufficiently answered)"
        ),
        which.join(", "),
        say(
            lang,
            "Afstand: deze organisatie min de mediaan van de anderen, in punten; spreiding: de laagste tot de hoogste van de anderen. Posities uit verschillende jaren staan naast elkaar; de matrix rangschikt niet.",
            "Distance: this organisation minus the others' median, in points; range: the lowest to the highest of the others. Positions from different years stand side by side; the matrix does not rank."
        )
    ))];
    blocks.push(Block::Table(None, table));
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
    let mut hidden = false;
    for g in groups {
        // A role of fewer than 3 people beside a code would show whose answers these are.
        let mut sizes: std::collections::BTreeMap<Option<&str>, usize> = Default::default();
        for (_, s) in g.members(&part.scores) {
            *sizes.entry(s.assessment.role.as_deref()).or_default() += 1;
        }
        let small: usize = sizes
            .iter()
            .filter(|(_, n)| **n < koers::MIN_SUBGROUP)
            .map(|(_, n)| n)
            .sum();
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
                if g.horizon.is_some() && g.kind == Kind::Ambition {
                    format!("{} ({})", words::kind_of(g, lang), words::period(g, lang))
                } else {
                    format!("{} {}", words::kind_of(g, lang), words::period(g, lang))
                },
                info.respondent
                    .as_deref()
                    .map_or_else(|| say(lang, "(zonder code)", "(no code)").into(), clean),
                match info.role.as_deref() {
                    Some(role) if sizes[&Some(role)] >= koers::MIN_SUBGROUP => clean(role),
                    Some(_) => {
                        hidden = true;
                        if small >= koers::MIN_SUBGROUP {
                            say(lang, "overige", "other").into()
                        } else {
                            "–".into()
                        }
                    }
                    None => "–".into(),
                },
                counts,
            ]);
        }
    }
    Section {
        heading: say(lang, "Respondenten", "Respondents").into(),
        blocks: {
            let mut blocks = vec![Block::Table(None, table)];
            if hidden {
                blocks.push(Block::Text(
                    say(
                        lang,
                        "Privacy: een rol van minder dan 3 personen staat hier niet bij de code (\"overige\", of \"–\" waar ook de overige samen minder dan 3 zijn).",
                        "Privacy: a role of fewer than 3 people is not shown beside the code (\"other\", or \"–\" where the others together are fewer than 3 too).",
                    )
                    .into(),
                ));
            }
            blocks
        },
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

/// The notes on one question (`[notes]`) of the given scores: each note once, with its
/// organisation's name but never a role or respondent code.
fn question_notes(scores: &[&Score], id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for score in scores {
        let Some(note) = score
            .questions
            .iter()
            .find(|q| q.id == id)
            .and_then(|q| q.note.as_deref())
        else {
            continue;
        };
        let line = format!("{}: {}", clean(&score.organisation.name), clean(note));
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out
}

fn appendix(instrument: &Instrument, scores: &[&Score], lang: Lang) -> Part {
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
            let mut notes = Vec::new();
            for q in &section.questions {
                table.push(vec![clean(&q.id), clean(q.text.get(lang)), clean(&q.scale)]);
                for line in question_notes(scores, &q.id) {
                    notes.push(format!("{} — {line}", clean(&q.id)));
                }
            }
            let mut blocks = vec![Block::Table(None, table)];
            if !notes.is_empty() {
                blocks.push(Block::Text(
                    say(
                        lang,
                        "Toelichting bij de antwoorden (zonder rol of code):",
                        "Notes on the answers (without role or code):",
                    )
                    .into(),
                ));
                blocks.push(Block::List(notes));
            }
            Section {
                heading: clean(section.title.get(lang)),
                blocks,
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
