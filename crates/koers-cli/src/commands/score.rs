//! `koers score`: one row per group, as a table, JSON, CSV, Markdown or an xlsx workbook.

use crate::args::{By, Format, ScoreArgs};
use crate::failure::Failure;
use crate::group::{Summaries, Summary};
use crate::load::Loader;
use crate::messages::say;
use crate::reading::{
    kind_label, left_out as left_out_of, legend, marked_name, remarks, shown_region, source_lines,
};
use crate::tabular::TableExt as _;
use crate::tabular::{Table, markdown_text};
/// Text as a spreadsheet will show it, not run it: see [`koers::markup::spreadsheet`].
pub use koers::markup::spreadsheet as spreadsheet_text;
use koers::{
    AxisSource, Group, Instrument, Lang, PerAxis, PerceivedRung, Register, RegisterRef,
    RegisterScore, RegisteredGroup, WijkPosition, register_group, wijk_positions,
};
use serde::Serialize;
use std::sync::Arc;

/// The version of the JSON output's shape; raised when a field changes meaning.
/// Version 2: scoring method 2, with `reliable`, `excluded`, `certain`, and per axis
/// `sd` (null for one respondent), `se` and `interval`. Version 3: `method` per group
/// (the scoring method's version, 2 or 3), `fixed` for `certain`, and with a declared
/// ladder `ladder` (`rungs`, `threshold`, `extents`, `attained`, `level`, `skipped`).
pub const JSON_VERSION: u32 = 3;

/// The JSON output: the stable contract for other programs.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    groups: Vec<JsonGroup<'a>>,
}

/// A group, with the instrument it was scored with and the files of the respondents it
/// left out (in the order of `excluded`).
#[derive(Serialize)]
struct JsonGroup<'a> {
    #[serde(flatten)]
    group: std::borrow::Cow<'a, Group>,
    excluded_files: Vec<&'a str>,
    /// With a register: where each axis came from (`{"source": "register"}` or
    /// `{"source": "respondents"}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    axes: Option<PerAxis<AxisSource>>,
    /// With a register: its date, round and source.
    #[serde(skip_serializing_if = "Option::is_none")]
    register: Option<&'a RegisterRef>,
    /// With a register: per rung the respondents' own extent ("zelfbeeld") beside the
    /// register's, and the difference.
    #[serde(skip_serializing_if = "Option::is_none")]
    perception: Option<&'a [PerceivedRung]>,
}

/// A group whose ladder comes from a register, with its wijken.
pub struct WithRegister {
    /// The group as the register and its respondents place it.
    pub registered: RegisteredGroup,
    /// Each wijk of the register.
    pub wijken: Vec<WijkPosition>,
}

/// For each group of each part, its register's view when a register serves it (only
/// for organisation groups: a role or a respondent is no organisation's record).
pub fn with_registers(
    parts: &[Summary],
    registers: &[(Arc<Instrument>, RegisterScore)],
    by: By,
) -> Vec<Vec<Option<WithRegister>>> {
    parts
        .iter()
        .map(|part| {
            let own = crate::group::registers_of(registers, &part.instrument);
            part.groups
                .iter()
                .map(|group| {
                    if !matches!(by, By::Organisation | By::Wijk) {
                        return None;
                    }
                    let register = Register::pick(own.clone(), group)?;
                    let respondents = part.respondents_of(group);
                    let matrix = &part.instrument.matrix;
                    let registered = register_group(group, &respondents, register, matrix);
                    let other = crate::group::other_axis(registered.group.position, register.axis);
                    let wijken = wijk_positions(register, &respondents, other, matrix);
                    Some(WithRegister { registered, wijken })
                })
                .collect()
        })
        .collect()
}

/// Runs the command.
pub fn run(args: &ScoreArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    if let Some(threads) = args.threads {
        loader.set_threads(threads.into());
    }
    // Each score is added to its group's running sums and let go: 14,000 files take
    // hardly more memory than 1,400.
    let mut summaries = Summaries::new(args.by.into());
    let count = loader.score_each(&args.paths, |one| summaries.push(one))?;
    loader.finish_count(count)?;
    let parts = summaries.finish();
    let registered = with_registers(&parts, &loader.registers, args.by);
    if args.by == By::Wijk {
        return by_wijk(args, &loader, &registered);
    }
    // A group with a register shows the register's ladder and its staff's x.
    let groups: Vec<&Group> = parts
        .iter()
        .zip(&registered)
        .flat_map(|(p, r)| {
            p.groups
                .iter()
                .zip(r)
                .map(|(g, r)| r.as_ref().map_or(g, |r| &r.registered.group))
        })
        .collect();
    let from_register: Vec<bool> = registered.iter().flatten().map(Option::is_some).collect();
    // Which instrument each row was scored with: a column in CSV and JSON always, and in
    // the table and Markdown when a run mixes instruments (one organisation scored with
    // two instruments would otherwise give two rows that nothing tells apart).
    let instruments: Vec<String> = parts
        .iter()
        .flat_map(|p| {
            let name = format!("{} {}", p.instrument.id, p.instrument.version);
            p.groups.iter().map(move |_| name.clone())
        })
        .collect();
    let shown = (parts.len() > 1).then_some(instruments.as_slice());
    let lang = args.lang;
    let text = match args.format {
        Format::Table => {
            let left_out = first_lines(
                &left_out(&parts, &registered, lang, ""),
                LEFT_OUT_SHOWN,
                lang,
            );
            let width = crate::console::width();
            table(&groups, &from_register, shown, args.by, lang)
                + &crate::tabular::wrap_lines(&privacy_note(&groups, lang), width)
                + &crate::tabular::wrap_lines(&left_out, width)
        }
        Format::Markdown => {
            markdown(&groups, &from_register, shown, args.by, lang)
                + &privacy_note(&groups, lang)
                + &left_out(&parts, &registered, lang, "- ")
        }
        Format::Csv | Format::Xlsx => csv(&groups, &instruments, args.by, lang)?,
        Format::Json => json(&parts, &registered)?,
    };
    // JSON escapes control characters itself; every other format may reach a terminal.
    let text = match args.format {
        Format::Json => text,
        _ => crate::safe_text::terminal(&text).into_owned(),
    };
    crate::excel::emit(args, &loader.inputs(), text)?;
    if let Some(output) = &args.output {
        crate::console::wrote(output, crate::console::positions(groups.len()));
    }
    Ok(())
}

/// The groups as JSON, each respondent left out named by its file as well.
fn json(parts: &[Summary], registered: &[Vec<Option<WithRegister>>]) -> Result<String, Failure> {
    let groups = parts
        .iter()
        .zip(registered)
        .flat_map(|(part, registered)| {
            part.groups.iter().zip(registered).map(|(group, with)| {
                let with = with.as_ref().map(|w| &w.registered);
                let group = with.map_or(group, |w| &w.group);
                JsonGroup {
                    group: without_region_if_insufficient(group),
                    excluded_files: group.excluded.iter().map(|e| part.file(e.input)).collect(),
                    axes: with.map(|w| w.axes),
                    register: with.map(|w| &w.register),
                    perception: with.map(|w| w.perception.as_slice()),
                }
            })
        })
        .collect();
    let report = JsonReport {
        version: JSON_VERSION,
        groups,
    };
    let mut json =
        serde_json::to_string_pretty(&report).map_err(|e| Failure::Format(e.to_string()))?;
    json.push('\n');
    Ok(json)
}

/// The group as JSON shows it: a position that is insufficiently answered keeps its
/// numbers, but has no region, margin or fixed region (`null`), as in every output.
fn without_region_if_insufficient(group: &Group) -> std::borrow::Cow<'_, Group> {
    if group.is_reliable() || (group.region.is_none() && group.margin.is_none()) {
        return std::borrow::Cow::Borrowed(group);
    }
    let mut group = group.clone();
    group.region = None;
    group.margin = None;
    group.fixed = None;
    std::borrow::Cow::Owned(group)
}

/// The respondents left out of each group, with their file and the reason, one per line.
fn left_out(
    parts: &[Summary],
    registered: &[Vec<Option<WithRegister>>],
    lang: Lang,
    bullet: &str,
) -> String {
    let mut out = String::new();
    for (part, registered) in parts.iter().zip(registered) {
        for (group, with) in part.groups.iter().zip(registered) {
            let group = with.as_ref().map_or(group, |w| &w.registered.group);
            out.push_str(&left_out_of(
                group,
                |input| part.file(input),
                &part.instrument,
                lang,
                bullet,
            ));
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("\n{out}")
    }
}

/// Why a row "overige" stands in a table by role, as the picture's key says it: the
/// privacy rule that merged the small roles (and left out those still too few together).
/// Empty when no row merges roles; after a blank line otherwise, so that Markdown does
/// not read it as a row of the table.
fn privacy_note(groups: &[&Group], lang: Lang) -> String {
    let merged = groups.iter().any(|g| !g.merged.is_empty());
    let withheld = groups.iter().any(|g| g.withheld > 0);
    let min = koers::MIN_SUBGROUP;
    let other = koers::OTHER_ROLES;
    let note = match (merged, withheld, lang == Lang::Nl) {
        (false, false, _) => return String::new(),
        (true, false, true) => {
            format!("Privacy: rollen van minder dan {min} personen staan samen als `{other}`.")
        }
        (true, false, false) => {
            format!("Privacy: roles of fewer than {min} people stand together as `{other}`.")
        }
        (true, true, true) => format!(
            "Privacy: rollen van minder dan {min} personen staan samen als `{other}`; waar ook die samen minder dan {min} zijn, is de rol niet getoond."
        ),
        (true, true, false) => format!(
            "Privacy: roles of fewer than {min} people stand together as `{other}`; where even those are fewer than {min}, the role is not shown."
        ),
        (false, true, true) => {
            format!("Privacy: rollen van minder dan {min} personen zijn niet getoond.")
        }
        (false, true, false) => {
            format!("Privacy: roles of fewer than {min} people are not shown.")
        }
    };
    format!("\n{note}\n")
}

/// How many respondents left out the table lists under it before it only counts the
/// rest: a sector survey leaves out thousands, and the table should stay in sight.
/// `--format json` and `--format markdown` name every one.
const LEFT_OUT_SHOWN: usize = 20;

/// The first `shown` lines of the list of respondents left out (which starts with an
/// empty line), and a line that counts the others and says where they are all named.
fn first_lines(list: &str, shown: usize, lang: Lang) -> String {
    let lines: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
    if lines.len() <= shown {
        return list.to_string();
    }
    let rest = lines.len() - shown;
    let mut out = String::from("\n");
    for line in &lines[..shown] {
        out.push_str(line);
        out.push('\n');
    }
    let (nl, en) = if rest == 1 {
        ("respondent", "respondent")
    } else {
        ("respondenten", "respondents")
    };
    out.push_str(&match lang {
        Lang::Nl => format!(
            "… en nog {rest} weggelaten {nl}; --format json of --format markdown noemt ze allemaal\n"
        ),
        Lang::En => format!(
            "… and {rest} more {en} left out; --format json or --format markdown names them all\n"
        ),
    });
    out
}

/// The column that tells groups of one organisation, kind and date apart, if any.
fn key_column(by: By) -> Option<&'static str> {
    match by {
        By::Role => Some("role"),
        By::Respondent => Some("respondent"),
        By::Organisation | By::Wijk => None,
    }
}

/// The value of [`key_column`] for a group.
fn key_value(group: &Group, by: By) -> Option<String> {
    key_column(by)?;
    Some(
        group
            .role
            .clone()
            .or_else(|| group.respondent.clone())
            .unwrap_or_default(),
    )
}

/// Whether a table column holds numbers (aligned right).
fn is_numeric(column: &str) -> bool {
    !matches!(
        column,
        "organisation"
            | "instrument"
            | "kind"
            | "date"
            | "role"
            | "respondent"
            | "region"
            | "remarks"
    )
}

fn header(by: By, instrument: bool) -> Vec<&'static str> {
    let mut header = vec!["organisation"];
    if instrument {
        header.push("instrument");
    }
    header.extend(["kind", "date"]);
    header.extend(key_column(by));
    header.extend([
        "respondents",
        "x",
        "y",
        "sd x",
        "sd y",
        "coverage x",
        "coverage y",
        "region",
        "margin",
        "remarks",
    ]);
    header
}

/// A number with one decimal in the language's decimal sign, or "–" for none (no
/// position, or no sd for one respondent).
fn number(value: Option<f64>, lang: Lang) -> String {
    koers::number::or_none(value, 1, lang)
}

fn percent(value: f64) -> String {
    koers::number::percent(value)
}

/// A group's cells in the table and Markdown formats.
fn row(group: &Group, register: bool, instrument: Option<&str>, by: By, lang: Lang) -> Vec<String> {
    let mut cells = vec![marked_name(group, lang)];
    cells.extend(instrument.map(str::to_string));
    cells.extend([kind_label(group, lang), group.period()]);
    cells.extend(key_value(group, by));
    cells.extend([
        group.respondents.to_string(),
        number(group.position.map(|p| p.x), lang),
        number(group.position.map(|p| p.y), lang),
        number(group.spread.x, lang),
        number(group.spread.y, lang),
        percent(group.coverage.x),
        percent(group.coverage.y),
        shown_region(group).map_or_else(|| "–".to_string(), |r| r.label.get(lang).to_string()),
        number(group.margin.filter(|_| group.is_reliable()), lang),
        {
            let mut remarks = remarks(group, lang);
            if register {
                remarks.insert(0, from_register_word(lang).to_string());
            }
            remarks.join(", ")
        },
    ]);
    cells
}

/// The lines under the table: what its remarks mean, "y from register" when a row has
/// it, and the source of each reading of a publication.
fn legend_lines(groups: &[&Group], register: &[bool], lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = legend(groups, lang).into_iter().map(String::from).collect();
    if register.contains(&true) {
        lines.push(match lang {
            Lang::Nl => "y uit registratie: de treden van de ladder komen uit de registratie van de wijken, niet uit de antwoorden; x komt uit de antwoorden, en alleen x heeft een interval (een registratie is geen steekproef).",
            Lang::En => "y from register: the ladder's rungs come from the register of the wijken, not from the answers; x comes from the answers, and only x has an interval (a record is not a sample).",
        }.to_string());
    }
    lines.extend(source_lines(groups, lang));
    lines
}

/// The remark of a group whose ladder comes from a register.
fn from_register_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "y uit registratie",
        Lang::En => "y from register",
    }
}

/// The instrument of the `i`-th row, when the rows name it.
fn instrument_at(instruments: Option<&[String]>, i: usize) -> Option<&str> {
    instruments
        .and_then(|names| names.get(i))
        .map(String::as_str)
}

/// The rows of the table and Markdown formats, with the column names in `lang`.
fn rows(
    groups: &[&Group],
    register: &[bool],
    instruments: Option<&[String]>,
    by: By,
    lang: Lang,
) -> Table {
    let header = header(by, instruments.is_some());
    let mut table = Table {
        header: header
            .iter()
            .map(|h| column_name(h, lang).to_string())
            .collect(),
        numeric: header.iter().map(|h| is_numeric(h)).collect(),
        rows: Vec::new(),
    };
    for (i, group) in groups.iter().enumerate() {
        let from_register = register.get(i).copied().unwrap_or(false);
        table.push(row(
            group,
            from_register,
            instrument_at(instruments, i),
            by,
            lang,
        ));
    }
    table
}

/// A column's name for people reading `lang`.
fn column_name(name: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return name;
    }
    match name {
        "organisation" => "organisatie",
        "kind" => "soort",
        "date" => "datum",
        "role" => "rol",
        "respondents" => "respondenten",
        "coverage x" => "dekking x",
        "coverage y" => "dekking y",
        "region" => "gebied",
        "margin" => "marge",
        "remarks" => "opmerkingen",
        other => other,
    }
}

fn table(
    groups: &[&Group],
    register: &[bool],
    instruments: Option<&[String]>,
    by: By,
    lang: Lang,
) -> String {
    // On a narrow terminal the spread goes first, then the margin, the coverage (the
    // remarks still say "unreliable") and the count, then the region (x and y place it;
    // at 80 columns its long words, kept whole, leave no room for it beside the date),
    // the kind, then the date and the role: they tell one organisation's rows apart
    // (Lingehof's 2005, 2007 and 2009; with --by role each role's row of a date). The
    // organisation, x, y and the remarks go last: an unreliable or uncertain position is
    // always marked.
    let drop_first = [
        "sd x",
        "sd y",
        "margin",
        "coverage y",
        "coverage x",
        "respondents",
        "region",
        "kind",
        "date",
        "role",
    ]
    .map(|name| column_name(name, lang));
    let width = crate::console::width();
    let mut out = rows(groups, register, instruments, by, lang).aligned_within(width, &drop_first);
    let legend = legend_lines(groups, register, lang);
    if !legend.is_empty() {
        out.push('\n');
    }
    for line in &legend {
        for part in crate::tabular::wrap(line, width.unwrap_or(usize::MAX)) {
            out.push_str(&part);
            out.push('\n');
        }
    }
    out
}

fn markdown(
    groups: &[&Group],
    register: &[bool],
    instruments: Option<&[String]>,
    by: By,
    lang: Lang,
) -> String {
    let mut out = rows(groups, register, instruments, by, lang).markdown();
    let legend = legend_lines(groups, register, lang);
    if !legend.is_empty() {
        out.push('\n');
    }
    for line in &legend {
        out.push_str(&format!("- {}\n", markdown_text(line)));
    }
    out
}

/// CSV for spreadsheets: a header row, plain numbers with a dot as decimal separator,
/// coverage as a fraction, quoting where needed, and a UTF-8 byte order mark so that
/// Excel reads "ë" and "—" correctly.
fn csv(groups: &[&Group], instruments: &[String], by: By, lang: Lang) -> Result<String, Failure> {
    let mut header = vec![
        "organisation_id",
        "organisation",
        "instrument",
        "kind",
        "date",
        "round",
    ];
    header.extend(key_column(by));
    header.extend([
        "respondents",
        "counted",
        "x",
        "y",
        "sd_x",
        "sd_y",
        "se_x",
        "se_y",
        "ci_low_x",
        "ci_high_x",
        "ci_low_y",
        "ci_high_y",
        "coverage_x",
        "coverage_y",
        "region_id",
        "region",
        "margin",
        "reliable",
        "fixed",
        "horizon",
        "source",
    ]);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::Format(e.to_string());
    writer.write_record(&header).map_err(fail)?;
    let value = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.2}"));
    for (group, instrument) in groups.iter().zip(instruments) {
        let mut record = vec![
            spreadsheet_text(&group.organisation.id),
            spreadsheet_text(&group.organisation.name),
            spreadsheet_text(instrument),
            group.kind.to_string(),
            group.date.to_string(),
            spreadsheet_text(group.round.as_deref().unwrap_or_default()),
        ];
        record.extend(key_value(group, by).map(|v| spreadsheet_text(&v)));
        let stats = |axis: Option<koers::Stats>| {
            let interval = axis.and_then(|s| s.interval);
            (
                value(axis.and_then(|s| s.se)),
                value(interval.map(|i| i.low)),
                value(interval.map(|i| i.high)),
            )
        };
        let (se_x, low_x, high_x) = stats(group.stats.x);
        let (se_y, low_y, high_y) = stats(group.stats.y);
        record.extend([
            group.respondents.to_string(),
            (group.respondents - group.excluded.len()).to_string(),
            value(group.position.map(|p| p.x)),
            value(group.position.map(|p| p.y)),
            value(group.spread.x),
            value(group.spread.y),
            se_x,
            se_y,
            low_x,
            high_x,
            low_y,
            high_y,
            format!("{:.3}", group.coverage.x),
            format!("{:.3}", group.coverage.y),
            shown_region(group)
                .map(|r| r.id.clone())
                .unwrap_or_default(),
            shown_region(group)
                .map(|r| r.label.get(lang).to_string())
                .unwrap_or_default(),
            value(group.margin.filter(|_| group.is_reliable())),
            group.is_reliable().to_string(),
            group
                .fixed
                .filter(|_| group.is_reliable())
                .map(|c| c.to_string())
                .unwrap_or_default(),
            group.horizon.map(|y| y.to_string()).unwrap_or_default(),
            spreadsheet_text(&group.sources.join("; ")),
        ]);
        writer.write_record(&record).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::Format(e.to_string()))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// One row per wijk of each organisation group with a register: `koers score --by wijk`.
fn by_wijk(
    args: &ScoreArgs,
    loader: &Loader,
    registered: &[Vec<Option<WithRegister>>],
) -> Result<(), Failure> {
    let lang: Lang = args.lang;
    let with: Vec<&WithRegister> = registered.iter().flatten().flatten().collect();
    if with.is_empty() {
        return Err(Failure::Unsupported(
            say(
                "geen registratie gevonden die bij een groep past: --by wijk toont de wijken uit een registratie (een bestand met [register] en [[wijken]] van dezelfde organisatie en ronde, of van de twaalf maanden ervoor)",
                "no register found that serves a group: --by wijk shows the wijken of a register (a file with [register] and [[wijken]] of the same organisation and round, or of the twelve months before)",
            )
            .to_string(),
        ));
    }
    let header = [
        "organisation",
        "date",
        "wijk",
        "homes",
        "x",
        "x from",
        "y",
        "region",
    ];
    let name = |h: &'static str| match (lang, h) {
        (Lang::En, h) => h,
        (_, "organisation") => "organisatie",
        (_, "date") => "datum",
        (_, "homes") => "woningen",
        (_, "x from") => "x uit",
        (_, "region") => "gebied",
        (_, h) => h,
    };
    let mut table = Table {
        header: header.iter().map(|h| name(h).to_string()).collect(),
        numeric: header
            .iter()
            .map(|h| matches!(*h, "homes" | "x" | "y"))
            .collect(),
        rows: Vec::new(),
    };
    #[derive(Serialize)]
    struct JsonWijk<'a> {
        organisation: &'a koers::OrganisationRef,
        date: koers::Date,
        #[serde(skip_serializing_if = "Option::is_none")]
        round: Option<&'a String>,
        #[serde(flatten)]
        wijk: &'a WijkPosition,
    }
    let mut json = Vec::new();
    // The terminal table keeps its "x uit" cells short, so that it fits 80 columns without
    // breaking them, and says under it what "organisatie" means; the other formats, read
    // in a wider window or by a program, say it in each cell.
    let short = args.format == Format::Table;
    let mut from_organisation = false;
    for one in &with {
        let group = &one.registered.group;
        for w in &one.wijken {
            let source = match (w.source, short) {
                (koers::WijkSource::Werkgebied { n }, true) => format!("werkgebied n={n}"),
                (koers::WijkSource::Werkgebied { n }, false) => format!("werkgebied (n = {n})"),
                (koers::WijkSource::Organisation, true) => {
                    from_organisation = true;
                    say("organisatie", "organisation").to_string()
                }
                (koers::WijkSource::Organisation, false) => {
                    say("organisatie (< 3 in wijk)", "organisation (< 3 in wijk)").to_string()
                }
            };
            table.push(vec![
                group.organisation.name.clone(),
                group.period(),
                w.wijk.name.clone(),
                w.wijk.homes.to_string(),
                number(w.position.map(|p| p.x), lang),
                source,
                number(w.position.map(|p| p.y), lang),
                w.region
                    .as_ref()
                    .map_or_else(|| "–".to_string(), |r| r.label.get(lang).to_string()),
            ]);
            json.push(JsonWijk {
                organisation: &group.organisation,
                date: group.date,
                round: group.round.as_ref(),
                wijk: w,
            });
        }
    }
    let text = match args.format {
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                version: u32,
                wijken: Vec<JsonWijk<'a>>,
            }
            let mut text = serde_json::to_string_pretty(&Report {
                version: JSON_VERSION,
                wijken: json,
            })
            .map_err(|e| Failure::Format(e.to_string()))?;
            text.push('\n');
            text
        }
        Format::Markdown => table.markdown(),
        Format::Csv | Format::Xlsx => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let fail = |e: csv::Error| Failure::Format(e.to_string());
            writer.write_record(header).map_err(fail)?;
            for row in &table.rows {
                writer
                    .write_record(row.iter().map(|c| spreadsheet_text(c)))
                    .map_err(fail)?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| Failure::Format(e.to_string()))?;
            format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
        }
        Format::Table => {
            let width = crate::console::width();
            let note = if from_organisation {
                let min = koers::MIN_SUBGROUP;
                format!(
                    "\n{}\n",
                    match lang {
                        Lang::Nl => format!(
                            "x uit organisatie: minder dan {min} respondenten werken in de wijk, dus de x van de hele organisatie."
                        ),
                        _ => format!(
                            "x from organisation: fewer than {min} respondents work in the wijk, so the whole organisation's x."
                        ),
                    }
                )
            } else {
                String::new()
            };
            table.aligned_within(width, &[]) + &crate::tabular::wrap_lines(&note, width)
        }
    };
    let text = match args.format {
        Format::Json => text,
        _ => crate::safe_text::terminal(&text).into_owned(),
    };
    crate::excel::emit(args, &loader.inputs(), text)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_text;

    #[test]
    fn formulas_become_text() {
        assert_eq!(spreadsheet_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_text("-1+2"), "'-1+2");
        assert_eq!(
            spreadsheet_text("Woonstichting De Dijk"),
            "Woonstichting De Dijk"
        );
    }
}
