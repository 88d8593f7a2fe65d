//! Scores as spreadsheets: `koers score --format xlsx` (a workbook with numbers as
//! numbers) and `--format csv --excel` (what Dutch Excel opens by double-click). Both
//! take the rows of `--format csv`, so the columns are always the same.

use crate::args::{Format as ScoreFormat, ScoreArgs};
use crate::failure::Failure;
use crate::output::{Output, Own, Rules, write};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::PathBuf;

/// Writes the text `koers score` made in its format, turned into a workbook for
/// `--format xlsx` and into Dutch Excel's CSV for `--excel`, to `-o` or standard output.
pub fn emit(args: &ScoreArgs, inputs: &[PathBuf], text: String) -> Result<(), Failure> {
    let bytes = match args.format {
        ScoreFormat::Xlsx if args.output.is_none() => {
            return Err(Failure::Usage(
                crate::messages::say(
                    "een werkmap is geen tekst voor een terminal: geef -o BESTAND.xlsx",
                    "a workbook is not text for a terminal: give -o FILE.xlsx",
                )
                .into(),
            ));
        }
        ScoreFormat::Xlsx => {
            let file = match &args.output {
                Some(Output::File(path)) => path.display().to_string(),
                _ => String::new(),
            };
            workbook(&text).map_err(|long| long.failure(&file))?
        }
        ScoreFormat::Csv if args.excel => dutch_csv(&text)?.into_bytes(),
        _ if args.excel => {
            return Err(Failure::Usage(
                crate::messages::say(
                    "--excel hoort bij --format csv (voor een werkmap: --format xlsx -o BESTAND.xlsx)",
                    "--excel goes with --format csv (for a workbook: --format xlsx -o FILE.xlsx)",
                )
                .into(),
            ));
        }
        _ => text.into_bytes(),
    };
    let rules = Rules {
        inputs,
        force: args.force,
        own: Own::Nothing,
    };
    write(
        args.output.as_ref().unwrap_or(&Output::Stdout),
        &bytes,
        &rules,
    )
}

/// Columns that hold text even when a value looks like a number.
const TEXT: &[&str] = &[
    "organisation_id",
    "organisation",
    "instrument",
    "kind",
    "round",
    "role",
    "respondent",
    "region_id",
    "region",
];

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn records(csv_text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), Failure> {
    let fail = |e: csv::Error| Failure::Format(e.to_string());
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader
        .headers()
        .map_err(fail)?
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(String::from).collect()))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    Ok((header, rows))
}

/// A text cell as written to CSV, and whether it must be kept from being a formula. The
/// CSV marks such a cell with a leading apostrophe; a workbook marks it with its
/// quote-prefix style instead, so the apostrophe goes.
fn text_cell(value: &str) -> (&str, bool) {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => (rest, true),
        _ => (value, value.starts_with(FORMULA_START)),
    }
}

/// Why a workbook was not made.
#[derive(Debug)]
pub enum NotWritten {
    /// A text longer than a cell holds: its cell (`C4`), column and length, and the
    /// organisation of its row.
    TooLong {
        /// The cell's name.
        cell: String,
        /// The column's name.
        column: String,
        /// The text's length in characters.
        chars: usize,
        /// The row's organisation, cut short.
        organisation: String,
    },
    /// Another failure.
    Failed(Failure),
}

impl From<Failure> for NotWritten {
    fn from(failure: Failure) -> Self {
        NotWritten::Failed(failure)
    }
}

impl NotWritten {
    /// The failure, naming the workbook `file`.
    fn failure(self, file: &str) -> Failure {
        match self {
            NotWritten::Failed(failure) => failure,
            NotWritten::TooLong {
                cell,
                column,
                chars,
                organisation,
            } => {
                let limit = koers_survey::sheet::MAX_CELL;
                let organisation = crate::safe_text::terminal(&organisation).into_owned();
                Failure::Unsupported(crate::messages::say(
                    format!(
                        "{file}: cel {cell} (kolom `{column}`, organisatie `{organisation}`): een tekst van {chars} tekens, meer dan een Excel-cel bevat ({limit}); de tekst komt uit de beoordelingsbestanden: kort hem daar in, of kies --format csv"
                    ),
                    format!(
                        "{file}: cell {cell} (column `{column}`, organisation `{organisation}`): a text of {chars} characters, more than an Excel cell holds ({limit}); it comes from the assessment files: shorten it there, or choose --format csv"
                    ),
                ))
            }
        }
    }
}

/// The rows of `koers score --format csv` as an xlsx workbook: a bold header row, frozen
/// panes, numbers as numbers, dates as dates, `reliable` and `certain` as true/false, and
/// text that starts like a formula kept as text. A text longer than a cell holds is
/// refused at its cell ([`NotWritten::TooLong`]).
pub fn workbook(csv_text: &str) -> Result<Vec<u8>, NotWritten> {
    let fail = |e: rust_xlsxwriter::XlsxError| Failure::Format(e.to_string());
    let (header, rows) = records(csv_text)?;
    let organisation = header.iter().position(|h| h == "organisation");
    for (r, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            let chars = value.chars().count();
            if chars > koers_survey::sheet::MAX_CELL {
                return Err(NotWritten::TooLong {
                    cell: koers_survey::sheet::cell_name(r as u32 + 1, col as u32),
                    column: header.get(col).cloned().unwrap_or_default(),
                    chars,
                    organisation: organisation
                        .and_then(|o| row.get(o))
                        .map(|o| koers_survey::shorten(o, 40))
                        .unwrap_or_default(),
                });
            }
        }
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("koers").map_err(fail)?;
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let decimal = Format::new().set_num_format("0.00");
    for (col, name) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, name, &bold)
            .map_err(fail)?;
        let width = if TEXT.contains(&name.as_str()) {
            24
        } else {
            11
        };
        sheet.set_column_width(col as u16, width).map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, (value, name)) in row.iter().zip(&header).enumerate() {
            let col = col as u16;
            if value.is_empty() {
                continue;
            }
            let written = if TEXT.contains(&name.as_str()) {
                let (text, guard) = text_cell(value);
                if guard {
                    sheet.write_string_with_format(r, col, text, &quoted)
                } else {
                    sheet.write_string(r, col, text)
                }
            } else if name == "date" {
                match value.parse::<koers::Date>() {
                    Ok(d) => {
                        let day =
                            ExcelDateTime::from_ymd(d.year(), d.month(), d.day()).map_err(fail)?;
                        sheet.write_datetime_with_format(r, col, &day, &date)
                    }
                    Err(_) => sheet.write_string(r, col, value),
                }
            } else if let Ok(flag) = value.parse::<bool>() {
                sheet.write_boolean(r, col, flag)
            } else if let Ok(number) = value.parse::<f64>() {
                if value.contains('.') {
                    sheet.write_number_with_format(r, col, number, &decimal)
                } else {
                    sheet.write_number(r, col, number)
                }
            } else {
                let (text, guard) = text_cell(value);
                if guard {
                    sheet.write_string_with_format(r, col, text, &quoted)
                } else {
                    sheet.write_string(r, col, text)
                }
            };
            written.map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    if !rows.is_empty() {
        sheet
            .autofilter(0, 0, rows.len() as u32, header.len() as u16 - 1)
            .map_err(fail)?;
    }
    Ok(book.save_to_buffer().map_err(fail)?)
}

/// The rows of `koers score --format csv` as Dutch Excel reads them: a byte order mark,
/// `;` between fields and a decimal comma.
pub fn dutch_csv(csv_text: &str) -> Result<String, Failure> {
    let (header, rows) = records(csv_text)?;
    let fail = |e: csv::Error| Failure::Format(e.to_string());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record(&header).map_err(fail)?;
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&header)
            .map(|(value, name)| {
                if !TEXT.contains(&name.as_str()) && value.parse::<f64>().is_ok() {
                    value.replace('.', ",")
                } else {
                    value.clone()
                }
            })
            .collect();
        writer.write_record(&cells).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::Format(e.to_string()))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "\u{feff}organisation,date,x,respondents,reliable,role\n'=EVIL(),2026-01-15,62.50,3,true,'-boss\n";

    #[test]
    fn dutch_excel_gets_semicolons_and_decimal_commas() {
        let text = dutch_csv(CSV).unwrap();
        assert_eq!(
            text,
            "\u{feff}organisation;date;x;respondents;reliable;role\n'=EVIL();2026-01-15;62,50;3;true;'-boss\n"
        );
    }

    #[test]
    fn the_workbook_has_numbers_and_text_that_is_no_formula() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = workbook(CSV).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("koers").unwrap();
        assert_eq!(range.get((1, 0)), Some(&Data::String("=EVIL()".into())));
        assert_eq!(range.get((1, 2)), Some(&Data::Float(62.5)));
        assert_eq!(range.get((1, 4)), Some(&Data::Bool(true)));
        assert_eq!(range.get((1, 5)), Some(&Data::String("-boss".into())));
        assert!(matches!(range.get((1, 1)), Some(Data::DateTime(_))));
    }
}
