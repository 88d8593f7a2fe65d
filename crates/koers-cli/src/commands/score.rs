//! `koers score`: one row per group, as a table, JSON, CSV, Markdown or an xlsx workbook.

use crate::args::{By, Format, ScoreArgs};
use crate::failure::Failure;
use crate::group::{Summaries, Summary};
use crate::load::Loader;
use crate::reading::{left_out as left_out_of, legend, remarks};
use crate::tabular::TableExt as _;
use crate::tabular::{Table, markdown_text};
use koers::{Group, Lang};
use serde::Serialize;

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
    group: &'a Group,
    instrument: koers::InstrumentRef,
    excluded_files: Vec<&'a str>,
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
    let groups: Vec<&Group> = parts.iter().flat_map(|p| &p.groups).collect();
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
    let lang = args.lang.into();
    let text = match args.format {
        Format::Table => {
            let left_out = first_lines(&left_out(&parts, lang, ""), LEFT_OUT_SHOWN, lang);
            table(&groups, shown, args.by, lang)
                + &crate::tabular::wrap_lines(&left_out, crate::console::width())
        }
        Format::Markdown => markdown(&groups, shown, args.by, lang) + &left_out(&parts, lang, "- "),
        Format::Csv | Format::Xlsx => csv(&groups, &instruments, args.by, lang)?,
        Format::Json => json(&parts)?,
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
fn json(parts: &[Summary]) -> Result<String, Failure> {
    let groups = parts
        .iter()
        .flat_map(|part| {
            part.groups.iter().map(|group| JsonGroup {
                group,
                instrument: koers::InstrumentRef {
                    id: part.instrument.id.clone(),
                    version: part.instrument.version.clone(),
                },
                excluded_files: group.excluded.iter().map(|e| part.file(e.input)).collect(),
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

/// The respondents left out of each group, with their file and the reason, one per line.
fn left_out(parts: &[Summary], lang: Lang, bullet: &str) -> String {
    let mut out = String::new();
    for part in parts {
        for group in &part.groups {
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
        By::Organisation => None,
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

/// A number with one decimal, or "–" for none (no position, or no sd for one respondent).
fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
}

fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// A group's cells in the table and Markdown formats.
fn row(group: &Group, instrument: Option<&str>, by: By, lang: Lang) -> Vec<String> {
    let mut cells = vec![group.organisation.name.clone()];
    cells.extend(instrument.map(str::to_string));
    cells.extend([
        crate::reading::kind_word(group.kind, lang).to_string(),
        group.period(),
    ]);
    cells.extend(key_value(group, by));
    cells.extend([
        group.respondents.to_string(),
        number(group.position.map(|p| p.x)),
        number(group.position.map(|p| p.y)),
        number(group.spread.x),
        number(group.spread.y),
        percent(group.coverage.x),
        percent(group.coverage.y),
        group
            .region
            .as_ref()
            .map_or_else(|| "–".to_string(), |r| r.label.get(lang).to_string()),
        number(group.margin),
        remarks(group, lang).join(", "),
    ]);
    cells
}

/// The instrument of the `i`-th row, when the rows name it.
fn instrument_at(instruments: Option<&[String]>, i: usize) -> Option<&str> {
    instruments
        .and_then(|names| names.get(i))
        .map(String::as_str)
}

/// The rows of the table and Markdown formats, with the column names in `lang`.
fn rows(groups: &[&Group], instruments: Option<&[String]>, by: By, lang: Lang) -> Table {
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
        table.push(row(group, instrument_at(instruments, i), by, lang));
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

fn table(groups: &[&Group], instruments: Option<&[String]>, by: By, lang: Lang) -> String {
    // On a narrow terminal the spread goes first, then the margin, the coverage (the
    // remarks still say "unreliable") and the count, then the date (at 80 columns the
    // region's long words, kept whole, leave no room for both), the region (x and y place
    // it), the kind and the role. The organisation, x, y and the remarks go last: an
    // unreliable or uncertain position is always marked.
    let drop_first = [
        "sd x",
        "sd y",
        "margin",
        "coverage y",
        "coverage x",
        "respondents",
        "date",
        "region",
        "kind",
        "role",
    ]
    .map(|name| column_name(name, lang));
    let width = crate::console::width();
    let mut out = rows(groups, instruments, by, lang).aligned_within(width, &drop_first);
    let legend = legend(groups, lang);
    if !legend.is_empty() {
        out.push('\n');
    }
    for line in legend {
        for part in crate::tabular::wrap(line, width.unwrap_or(usize::MAX)) {
            out.push_str(&part);
            out.push('\n');
        }
    }
    out
}

fn markdown(groups: &[&Group], instruments: Option<&[String]>, by: By, lang: Lang) -> String {
    let mut out = rows(groups, instruments, by, lang).markdown();
    let legend = legend(groups, lang);
    if !legend.is_empty() {
        out.push('\n');
    }
    for line in legend {
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
        "certain",
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
                value(interval.map(|[low, _]| low)),
                value(interval.map(|[_, high]| high)),
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
            group
                .region
                .as_ref()
                .map(|r| r.id.clone())
                .unwrap_or_default(),
            group
                .region
                .as_ref()
                .map(|r| r.label.get(lang).to_string())
                .unwrap_or_default(),
            value(group.margin),
            group.is_reliable().to_string(),
            group.certain.map(|c| c.to_string()).unwrap_or_default(),
        ]);
        writer.write_record(&record).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::Format(e.to_string()))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// Text as a spreadsheet will show it, not run it: a cell that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is read as a formula by Excel and LibreOffice (formula
/// injection), so such a name gets a leading apostrophe, the spreadsheets' own mark for
/// "this is text".
pub fn spreadsheet_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
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
