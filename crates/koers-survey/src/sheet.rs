//! Reading a table of responses: the sheets of an xlsx or ods workbook, or a CSV file
//! (`,`, `;` or tab; UTF-8 with or without a byte order mark, UTF-16 as Excel's "Unicode
//! text", or Windows-1252 as older Excel saves it), every cell with its place.

use koers::Date;
use std::path::Path;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing (or only spaces).
    Empty,
    /// Text as typed.
    Text(String),
    /// A number cell of a workbook.
    Number(f64),
    /// A date cell of a workbook.
    Date(Date),
}

impl Value {
    /// The value as a person reads it in a message.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) => text.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(date) => date.to_string(),
        }
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }
}

/// Where a cell stands: a line and column of a CSV file, or a cell of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// 1-based line and column (in characters) of a text file.
    Line {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
    },
    /// 0-based row and column of a sheet.
    Cell {
        /// The row.
        row: u32,
        /// The column.
        col: u32,
    },
}

/// One cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// What it holds.
    pub value: Value,
    /// Where it stands.
    pub place: Place,
}

/// A table: one sheet of a workbook, or a CSV file.
#[derive(Debug)]
pub struct Table {
    /// The file's name as messages show it.
    pub file: String,
    /// The sheet's name; `None` for CSV.
    pub sheet: Option<String>,
    /// The decoded text of a CSV file, for quoting a line in messages.
    pub text: Option<String>,
    /// A sheet's rows, top to bottom; empty for CSV, whose rows are parsed from `text`
    /// each time they are read ([`Table::rows`]): an export of 100,000 respondents held
    /// as cells takes some 40 times the memory of its text.
    grid: Vec<Vec<Cell>>,
    /// The delimiter of a CSV text.
    delimiter: char,
    /// Where a quoted CSV field opens that no quote closes: everything after it would be
    /// one cell, and the rows after it lost, so [`check_table`] refuses the file.
    pub unclosed_quote: Option<Place>,
}

/// One row of a table: borrowed from a sheet, or parsed from a CSV text.
pub type Row<'a> = std::borrow::Cow<'a, [Cell]>;

/// The rows of a table, top to bottom ([`Table::rows`]); a row may be shorter than others.
pub enum Rows<'a> {
    /// A sheet's rows.
    Sheet(std::slice::Iter<'a, Vec<Cell>>),
    /// A CSV text's records.
    Csv(Records<'a>),
}

impl<'a> Iterator for Rows<'a> {
    type Item = Row<'a>;

    fn next(&mut self) -> Option<Row<'a>> {
        match self {
            Rows::Sheet(rows) => rows.next().map(|r| Row::Borrowed(r.as_slice())),
            Rows::Csv(records) => records.next().map(Row::Owned),
        }
    }
}

impl Table {
    /// The rows, top to bottom; a row may be shorter than others. A CSV text is parsed
    /// again each time: only the row in hand is held.
    pub fn rows(&self) -> Rows<'_> {
        match &self.text {
            Some(text) if self.sheet.is_none() => Rows::Csv(Records::new(text, self.delimiter)),
            _ => Rows::Sheet(self.grid.iter()),
        }
    }

    /// The row at `index` (0-based), if there is one.
    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        self.rows().nth(index)
    }

    /// The place as messages show it: `file:Sheet!B7`, or `file:7:3` for CSV.
    pub fn at(&self, place: Place) -> String {
        match (place, &self.sheet) {
            (Place::Cell { row, col }, Some(sheet)) => {
                format!("{}:{}!{}", self.file, sheet_ref(sheet), cell_name(row, col))
            }
            (Place::Cell { row, col }, None) => format!("{}:{}", self.file, cell_name(row, col)),
            (Place::Line { line, column }, _) => format!("{}:{line}:{column}", self.file),
        }
    }

    /// The table itself, as a place in messages.
    pub fn name(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}:{}", self.file, sheet_ref(sheet)),
            None => self.file.clone(),
        }
    }
}

/// A sheet name as a spreadsheet formula writes it: quoted when it holds a space.
fn sheet_ref(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// A cell's name such as `B7` from 0-based row and column.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Why a file could not be read as a table.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The workbook is damaged or of another kind.
    #[error("cannot read this workbook: {0}")]
    Workbook(String),
    /// A sheet or file beyond what koers reads of a survey: the cell where it went
    /// beyond, and the limit.
    #[error("{place}: {}", .limit.message(koers::Lang::En))]
    Limit {
        /// The cell, line or file.
        place: String,
        /// Which limit.
        limit: Limit,
    },
    /// A quoted CSV field that no quote closes: the rest of the file would be one cell.
    #[error(
        "{place}: this quote opens a field that no quote closes, so every row after it would be lost: close it, or remove it (a quote inside a field is written twice, \"\")"
    )]
    UnclosedQuote {
        /// The line and column of the opening quote.
        place: String,
    },
    /// `--sheet` names a sheet the workbook does not have.
    #[error("the workbook has no sheet `{sheet}`: expected one of {known}")]
    NoSheet {
        /// The sheet asked for.
        sheet: String,
        /// The sheets it has.
        known: String,
    },
}

impl ReadError {
    /// The message in `lang`.
    pub fn message(&self, lang: koers::Lang) -> String {
        match (self, lang) {
            (ReadError::Workbook(error), koers::Lang::Nl) => {
                format!("deze werkmap kan niet gelezen worden: {error}")
            }
            (ReadError::NoSheet { sheet, known }, koers::Lang::Nl) => {
                format!("de werkmap heeft geen werkblad `{sheet}`: verwacht een van {known}")
            }
            (ReadError::UnclosedQuote { place }, koers::Lang::Nl) => format!(
                "{place}: dit aanhalingsteken opent een veld dat geen aanhalingsteken sluit, zodat alle rijen erna verloren zouden gaan: sluit het, of haal het weg (een aanhalingsteken binnen een veld schrijft u dubbel, \"\")"
            ),
            (ReadError::Limit { place, limit }, koers::Lang::Nl) => {
                format!("{place}: {}", limit.message(koers::Lang::Nl))
            }
            (error, koers::Lang::En) => error.to_string(),
        }
    }
}

/// The most rows a survey sheet may have: far more respondents than any survey.
pub const MAX_ROWS: u32 = 100_000;
/// The most columns a survey sheet may have: far more than an instrument's questions.
pub const MAX_COLUMNS: u32 = 1_000;
/// The most characters in a cell: Excel's own limit.
pub const MAX_CELL: usize = 32_767;
/// The most bytes a responses file may hold, or a workbook's parts unpacked.
pub const MAX_BYTES: u64 = 64 << 20;
/// The most cells an ods sheet may fill by repeating rows and columns: a survey of
/// 100,000 respondents and 50 questions.
pub const MAX_REPEATED_CELLS: u64 = 5_000_000;

/// A limit on what koers reads of a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// More than [`MAX_ROWS`] rows.
    Rows,
    /// More than [`MAX_COLUMNS`] columns.
    Columns,
    /// A cell of more than [`MAX_CELL`] characters.
    Cell,
    /// More than [`MAX_BYTES`] bytes, packed or unpacked.
    Bytes,
    /// More than [`MAX_REPEATED_CELLS`] filled cells in an ods sheet's repeated rows.
    Repeated,
}

impl Limit {
    /// What went beyond the limit, in `lang`.
    pub fn message(self, lang: koers::Lang) -> String {
        let nl = lang == koers::Lang::Nl;
        match self {
            Limit::Rows if nl => format!(
                "meer dan {MAX_ROWS} rijen; een enquête heeft er veel minder (is er een cel ver onder de antwoorden ingevuld?)"
            ),
            Limit::Rows => format!(
                "more than {MAX_ROWS} rows; a survey has far fewer (is a cell far below the answers filled in?)"
            ),
            Limit::Columns if nl => format!(
                "meer dan {MAX_COLUMNS} kolommen; een vragenlijst heeft er veel minder (is er een cel ver rechts van de antwoorden ingevuld?)"
            ),
            Limit::Columns => format!(
                "more than {MAX_COLUMNS} columns; a questionnaire has far fewer (is a cell far right of the answers filled in?)"
            ),
            Limit::Cell if nl => {
                format!("deze cel heeft meer dan {MAX_CELL} tekens, de grens van Excel")
            }
            Limit::Cell => {
                format!("this cell holds more than {MAX_CELL} characters, Excel's limit")
            }
            Limit::Bytes if nl => format!(
                "meer dan {} MB (uitgepakt); een export van een enquête is veel kleiner",
                MAX_BYTES >> 20
            ),
            Limit::Bytes => format!(
                "more than {} MB (unpacked); a survey export is far smaller",
                MAX_BYTES >> 20
            ),
            Limit::Repeated if nl => format!(
                "herhaalde rijen en kolommen (table:number-rows-repeated) vullen hier meer dan {MAX_REPEATED_CELLS} cellen; een enquête heeft er veel minder"
            ),
            Limit::Repeated => format!(
                "repeated rows and columns (table:number-rows-repeated) fill more than {MAX_REPEATED_CELLS} cells here; a survey has far fewer"
            ),
        }
    }
}

/// Checks a workbook's unpacked size before it is read (xlsx and ods are zip files): a
/// small file that unpacks to gigabytes is refused without unpacking it. Not a zip file:
/// nothing to check here (calamine says what is wrong with it).
pub fn check_unpacked<R: std::io::Read + std::io::Seek>(
    reader: R,
    name: &str,
) -> Result<(), ReadError> {
    let Ok(mut archive) = zip::ZipArchive::new(reader) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(index) else {
            continue;
        };
        total = total.saturating_add(entry.size());
    }
    if total > MAX_BYTES {
        return Err(ReadError::Limit {
            place: name.to_string(),
            limit: Limit::Bytes,
        });
    }
    // An ods file says "this row 1,000,000 times" in a few bytes, and calamine expands
    // every copy: the repeats are counted first.
    if let Ok(content) = archive.by_name("content.xml") {
        check_repeats(std::io::BufReader::new(content), name)?;
    }
    Ok(())
}

/// Counts the filled rows, columns and cells of each sheet of an ods `content.xml` as
/// calamine would expand them (`table:number-rows-repeated`,
/// `table:number-columns-repeated`), and refuses a sheet beyond [`MAX_ROWS`],
/// [`MAX_COLUMNS`] or [`MAX_REPEATED_CELLS`] at the first cell beyond it. Empty rows and
/// cells, which spreadsheets repeat to the sheet's end, count only when a filled one
/// follows. XML that cannot be read is left for calamine to name.
fn check_repeats<R: std::io::BufRead>(content: R, name: &str) -> Result<(), ReadError> {
    use quick_xml::events::{BytesStart, Event};
    let number = |e: &BytesStart<'_>, key: &str| -> u64 {
        e.try_get_attribute(key)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut sheet = String::new();
    // The current row's first copy (0-based) and how often it stands; how far its filled
    // cells reach; the current column; the open cell's repeats and whether it is filled;
    // the filled cells of the sheet so far, every copy counted.
    let (mut row, mut row_repeats, mut width, mut col) = (0u64, 1u64, 0u64, 0u64);
    let mut cell: Option<(u64, bool)> = None;
    let mut cells = 0u64;
    loop {
        buf.clear();
        let (element, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (Some(e), false),
            Ok(Event::Empty(e)) => (Some(e), true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-cell" | "table:covered-table-cell" => {
                        if let Some((repeats, filled)) = cell.take() {
                            end_cell(repeats, filled, &mut col, &mut width)
                                .map_err(|(c, l)| limit_at(name, &sheet, row, c, l))?;
                        }
                    }
                    "table:table-row" => {
                        end_row(row, row_repeats, width, &mut cells)
                            .map_err(|(r, l)| limit_at(name, &sheet, r, 0, l))?;
                        row = row.saturating_add(row_repeats);
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => continue,
        };
        let Some(e) = element else { continue };
        match e.name().as_ref() {
            "table:table" => {
                sheet = e
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                (row, cells) = (0, 0);
            }
            "table:table-row" => {
                (row_repeats, width, col) = (number(&e, "table:number-rows-repeated"), 0, 0);
                if empty {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeats = number(&e, "table:number-columns-repeated");
                let filled = e
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some();
                if empty {
                    end_cell(repeats, filled, &mut col, &mut width)
                        .map_err(|(c, l)| limit_at(name, &sheet, row, c, l))?;
                } else {
                    cell = Some((repeats, filled));
                }
            }
            "text:p" => {
                if let Some((_, filled)) = &mut cell {
                    *filled = true;
                }
            }
            _ => {}
        }
    }
}

/// A cell of `repeats` copies ends at column `col`: a filled one must stay within the
/// columns, and widens its row.
fn end_cell(
    repeats: u64,
    filled: bool,
    col: &mut u64,
    width: &mut u64,
) -> Result<(), (u64, Limit)> {
    let end = col.saturating_add(repeats);
    if filled {
        if end > u64::from(MAX_COLUMNS) {
            return Err(((*col).max(u64::from(MAX_COLUMNS)), Limit::Columns));
        }
        *width = end;
    }
    *col = end;
    Ok(())
}

/// A row of `repeats` copies ends: a filled one must stay within the rows, and its
/// copies within the cells.
fn end_row(row: u64, repeats: u64, width: u64, cells: &mut u64) -> Result<(), (u64, Limit)> {
    if width == 0 {
        return Ok(());
    }
    if row.saturating_add(repeats) > u64::from(MAX_ROWS) {
        return Err((row.max(u64::from(MAX_ROWS)), Limit::Rows));
    }
    *cells = cells.saturating_add(repeats.saturating_mul(width));
    if *cells > MAX_REPEATED_CELLS {
        return Err((row, Limit::Repeated));
    }
    Ok(())
}

/// A limit's error at a cell of an ods sheet.
fn limit_at(name: &str, sheet: &str, row: u64, col: u64, limit: Limit) -> ReadError {
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX - 1);
    ReadError::Limit {
        place: format!(
            "{name}:{}!{}",
            sheet_ref(sheet),
            cell_name(clamp(row), clamp(col))
        ),
        limit,
    }
}

/// A cell of a workbook as a value, or the limit its text goes beyond.
fn value_of(data: calamine::Data) -> Result<Value, Limit> {
    use calamine::Data;
    Ok(match data {
        Data::Empty => Value::Empty,
        Data::String(s) if s.chars().nth(MAX_CELL).is_some() => return Err(Limit::Cell),
        Data::String(s) if s.trim().is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s),
        Data::Int(i) => Value::Number(i as f64),
        Data::Float(f) => Value::Number(f),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(dt) => {
            serial_date(dt.as_f64()).map_or_else(|| Value::Number(dt.as_f64()), Value::Date)
        }
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| d.parse().ok())
            .map_or_else(|| Value::Text(s.clone()), Value::Date),
        Data::DurationIso(s) => Value::Text(s),
        // Excel's own names: #N/A, #DIV/0!.
        Data::Error(e) => Value::Text(e.to_string()),
    })
}

/// The rows of a sheet from its cells (0-based row, column), in any order: from the
/// topmost used row and leftmost used column, as a range has them.
fn rows_of(mut cells: Vec<(u32, u32, Value)>) -> Vec<Vec<Cell>> {
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let top = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let left = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (row, col, value) in cells {
        let r = (row - top) as usize;
        while rows.len() <= r {
            rows.push(Vec::new());
        }
        let line = &mut rows[r];
        while (line.len() as u32) < col - left {
            let c = left + line.len() as u32;
            line.push(Cell {
                value: Value::Empty,
                place: Place::Cell { row, col: c },
            });
        }
        line.push(Cell {
            value,
            place: Place::Cell { row, col },
        });
    }
    rows
}

/// Whether a path names a workbook (by its extension) rather than a CSV file.
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "xlsx" | "xlsm" | "xls" | "ods"
        )
    })
}

/// Reads every sheet of a workbook that calamine opened (`calamine::open_workbook_auto`,
/// or `open_workbook_auto_from_rs` for bytes), or only `only`; `name` is the file's name as
/// messages show it. A CSV file is [`csv_table`] of its [`decode`]d bytes.
pub fn read_workbook<RS: std::io::Read + std::io::Seek>(
    mut workbook: calamine::Sheets<RS>,
    name: &str,
    only: Option<&str>,
) -> Result<Vec<Table>, ReadError> {
    use calamine::{Data, Reader};
    let names = workbook.sheet_names();
    if let Some(only) = only
        && !names.iter().any(|n| n == only)
    {
        return Err(ReadError::NoSheet {
            sheet: only.to_string(),
            known: names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    // A hidden sheet (the form's own lists, or answers someone hid) is read only when
    // `--sheet` names it: what the user cannot see is never imported over what they can.
    let hidden: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut tables = Vec::new();
    for sheet in names.iter().filter(|n| match only {
        Some(only) => only == n.as_str(),
        None => !hidden.contains(n),
    }) {
        let limit = |row: u32, col: u32, limit: Limit| ReadError::Limit {
            place: format!("{name}:{}!{}", sheet_ref(sheet), cell_name(row, col)),
            limit,
        };
        let check = |row: u32, col: u32| {
            if row >= MAX_ROWS {
                Err(limit(row, col, Limit::Rows))
            } else if col >= MAX_COLUMNS {
                Err(limit(row, col, Limit::Columns))
            } else {
                Ok(())
            }
        };
        let mut cells = Vec::new();
        if let calamine::Sheets::Xlsx(xlsx) = &mut workbook {
            // Cell by cell: a sheet's range is never allocated, so a cell at XFD1048576
            // costs nothing but its error.
            let mut reader = xlsx
                .worksheet_cells_reader(sheet)
                .map_err(|e| ReadError::Workbook(e.to_string()))?;
            while let Some(cell) = reader
                .next_cell()
                .map_err(|e| ReadError::Workbook(e.to_string()))?
            {
                let (row, col) = cell.get_position();
                let data = Data::from(cell.get_value().clone());
                if data == Data::Empty {
                    continue;
                }
                check(row, col)?;
                let value = value_of(data).map_err(|l| limit(row, col, l))?;
                cells.push((row, col, value));
            }
        } else {
            let range = workbook
                .worksheet_range(sheet)
                .map_err(|e| ReadError::Workbook(e.to_string()))?;
            if let Some((row, col)) = range.end() {
                check(row, col)?;
            }
            for (row, col, data) in range.used_cells() {
                let (row, col) = (row as u32, col as u32);
                let value = value_of(data.clone()).map_err(|l| limit(row, col, l))?;
                cells.push((row, col, value));
            }
        }
        let rows = rows_of(cells);
        // Rows above the used range are empty, but keep their numbers in messages.
        tables.push(Table {
            file: name.to_string(),
            sheet: Some(sheet.clone()),
            text: None,
            grid: rows,
            delimiter: ',',
            unclosed_quote: None,
        });
    }
    Ok(tables)
}

/// The date of a spreadsheet serial number (days since 1899-12-30, the 1900 system).
pub fn serial_date(serial: f64) -> Option<Date> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    civil_from_days(serial.floor() as i64 - 25_569)
}

/// The calendar date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = u16::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
    Date::new(year, month, day).ok()
}

/// The text of a CSV file: UTF-8 (a byte order mark dropped), UTF-16 with a byte order
/// mark or without one, or else Windows-1252, the code page of Dutch Windows.
pub fn decode(bytes: &[u8]) -> String {
    decode_as(bytes).0
}

/// How a CSV file was decoded, when it was not plain UTF-8: to be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte order mark).
    Utf8,
    /// UTF-8 with this many bytes that are no UTF-8, each shown as U+FFFD.
    Utf8Damaged(usize),
    /// UTF-16, little-endian or big-endian, with or without a byte order mark.
    Utf16,
    /// Windows-1252.
    Windows1252,
}

impl Encoding {
    /// What to tell the user, in `lang`; `None` for plain UTF-8.
    pub fn note(self, lang: koers::Lang) -> Option<String> {
        let nl = lang == koers::Lang::Nl;
        Some(match self {
            Encoding::Utf8 => return None,
            Encoding::Utf8Damaged(n) if nl => format!(
                "gelezen als UTF-8, maar {n} byte{} {} geen UTF-8 en {} vervangen door U+FFFD: sla het bestand op als UTF-8",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "zijn" },
                if n == 1 { "is" } else { "zijn" }
            ),
            Encoding::Utf8Damaged(n) => format!(
                "read as UTF-8, but {n} byte(s) are no UTF-8 and were replaced by U+FFFD: save the file as UTF-8"
            ),
            Encoding::Utf16 if nl => "gelezen als UTF-16 (Unicode-tekst van Excel)".to_string(),
            Encoding::Utf16 => "read as UTF-16 (Excel's Unicode text)".to_string(),
            Encoding::Windows1252 if nl => {
                "gelezen als Windows-1252 (geen UTF-8): controleer letters als ë en é".to_string()
            }
            Encoding::Windows1252 => {
                "read as Windows-1252 (not UTF-8): check letters such as ë and é".to_string()
            }
        })
    }
}

/// The text of a CSV file and how it was decoded, judged on the whole file: UTF-8 when
/// its non-ASCII bytes are mostly UTF-8 (a stray invalid byte does not turn `ö` into
/// `Ã¶`), UTF-16 by a byte order mark or by its zero bytes, else Windows-1252.
pub fn decode_as(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8);
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        (String::from_utf16_lossy(&units), Encoding::Utf16)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    // UTF-16 without a byte order mark: text of Latin letters has a zero byte in every
    // other place, which no UTF-8 or Windows-1252 survey export has.
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    if half >= 2 && zeros(1) * 10 >= half * 7 && zeros(0) * 10 <= half {
        return utf16(bytes, true);
    }
    if half >= 2 && zeros(0) * 10 >= half * 7 && zeros(1) * 10 <= half {
        return utf16(bytes, false);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), Encoding::Utf8);
    }
    let (mut multi, mut bad) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    if multi > bad {
        (
            String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Utf8Damaged(bad),
        )
    } else {
        (
            bytes.iter().map(|&b| windows_1252(b)).collect(),
            Encoding::Windows1252,
        )
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        other => char::from(other),
    }
}

/// How many records the delimiter is judged by.
const SAMPLE_RECORDS: usize = 200;

/// The delimiter of a CSV text: of `,` `;` and tab, the one that splits the header into
/// more than one field and every data row into as many fields as the header. A Dutch
/// Excel CSV separates by `;` while its cells hold commas (question texts, decimal
/// commas), so the most frequent character on the first line is not enough. When no
/// delimiter fits every row, the one that fits the most rows; of equals, the one that
/// gives the most fields, then tab, then `;`.
pub fn delimiter(text: &str) -> char {
    // A sample of whole lines: enough to judge by, without parsing a large file thrice.
    let sample = match text.match_indices('\n').nth(SAMPLE_RECORDS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let cut = sample.len() < text.len();
    let judge = |delimiter: char| {
        let mut counts: Vec<usize> = Records::new(sample, delimiter)
            .filter(|row| !(row.len() == 1 && row[0].value.is_empty()))
            .map(|row| row.len())
            .collect();
        if cut {
            // The last record of a cut sample may be cut too.
            counts.pop();
        }
        let header = counts.first().copied().unwrap_or(0);
        let data = counts.len().saturating_sub(1);
        let fitting = counts.iter().skip(1).filter(|&&n| n == header).count();
        let all_fit = header > 1 && fitting == data;
        (all_fit, if header > 1 { fitting } else { 0 }, header)
    };
    [',', ';', '\t']
        .into_iter()
        .enumerate()
        .map(|(rank, d)| (judge(d), rank, d))
        .max_by_key(|&(score, rank, _)| (score, rank))
        .map_or(',', |(_, _, d)| d)
}

/// Parses a CSV text (RFC 4180 quoting; a quote inside an unquoted field is kept as a
/// character) into a table whose cells know their line and column. The rows are parsed
/// here once, to find a quote that nothing closes, and again whenever they are read.
pub fn csv_table(name: &str, text: impl Into<String>) -> Table {
    let text = text.into();
    let delimiter = delimiter(&text);
    let mut records = Records::new(&text, delimiter);
    records.by_ref().for_each(drop);
    let unclosed_quote = records.unclosed;
    Table {
        file: name.to_string(),
        sheet: None,
        text: Some(text),
        grid: Vec::new(),
        delimiter,
        unclosed_quote,
    }
}

/// Checks a CSV table against the limits of a survey: rows, columns, and characters in
/// a cell, each an error at the first place beyond it.
pub fn check_table(table: &Table) -> Result<(), ReadError> {
    if let Some(place) = table.unclosed_quote {
        return Err(ReadError::UnclosedQuote {
            place: table.at(place),
        });
    }
    let limit = |place: Place, limit: Limit| ReadError::Limit {
        place: table.at(place),
        limit,
    };
    for (index, row) in table.rows().enumerate() {
        if index == MAX_ROWS as usize {
            let place = row
                .first()
                .map_or(Place::Line { line: 0, column: 0 }, |c| c.place);
            return Err(limit(place, Limit::Rows));
        }
        if let Some(cell) = row.get(MAX_COLUMNS as usize) {
            return Err(limit(cell.place, Limit::Columns));
        }
        for cell in row.iter() {
            if let Value::Text(text) = &cell.value
                && text.chars().nth(MAX_CELL).is_some()
            {
                return Err(limit(cell.place, Limit::Cell));
            }
        }
    }
    Ok(())
}

/// The records of a CSV text split at `delimiter`, one at a time, every cell with its
/// place; after the last, where a quoted field opens that no quote closes.
pub struct Records<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    delimiter: char,
    line: usize,
    column: usize,
    done: bool,
    unclosed: Option<Place>,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: char) -> Records<'a> {
        Records {
            chars: text.chars().peekable(),
            delimiter,
            line: 1,
            column: 1,
            done: false,
            unclosed: None,
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Vec<Cell>;

    fn next(&mut self) -> Option<Vec<Cell>> {
        if self.done {
            return None;
        }
        let mut row: Vec<Cell> = Vec::new();
        let mut field = String::new();
        let mut start = (self.line, self.column);
        let mut quoted = false;
        let mut at_start = true;
        let finish = |field: &mut String, start: (usize, usize), row: &mut Vec<Cell>| {
            let text = std::mem::take(field);
            // Beyond the last column a survey may have, cells are counted, not kept: one
            // more than the limit tells the check that the row went beyond it.
            if row.len() > MAX_COLUMNS as usize {
                return;
            }
            row.push(Cell {
                value: if text.trim().is_empty() {
                    Value::Empty
                } else {
                    Value::Text(text)
                },
                place: Place::Line {
                    line: start.0,
                    column: start.1,
                },
            });
        };
        while let Some(c) = self.chars.next() {
            let here = (self.line, self.column);
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
            if at_start {
                start = here;
                at_start = false;
                if c == '"' {
                    quoted = true;
                    continue;
                }
            }
            if quoted {
                if c == '"' {
                    if self.chars.peek() == Some(&'"') {
                        self.chars.next();
                        self.column += 1;
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else if field.len() <= 4 * MAX_CELL {
                    field.push(c);
                }
                continue;
            }
            if c == self.delimiter {
                finish(&mut field, start, &mut row);
                at_start = true;
                start = (self.line, self.column);
            } else if c == '\n' || c == '\r' {
                if c == '\r' && self.chars.peek() == Some(&'\n') {
                    continue;
                }
                finish(&mut field, start, &mut row);
                return Some(row);
            } else if field.len() <= 4 * MAX_CELL {
                field.push(c);
            }
        }
        self.done = true;
        if quoted {
            self.unclosed = Some(Place::Line {
                line: start.0,
                column: start.1,
            });
        }
        if !at_start || !row.is_empty() {
            finish(&mut field, start, &mut row);
            return Some(row);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &Table) -> Vec<Vec<String>> {
        table
            .rows()
            .map(|r| r.iter().map(|c| c.value.shown()).collect())
            .collect()
    }

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 701), "ZZ10");
    }

    #[test]
    fn csv_with_any_delimiter_quotes_and_places() {
        let table = csv_table("a.csv", "id;\"x; y\"\r\n1;\"say \"\"hi\"\"\nthere\"\n2;3");
        assert_eq!(
            texts(&table),
            [
                vec!["id", "x; y"],
                vec!["1", "say \"hi\"\nthere"],
                vec!["2", "3"]
            ]
        );
        let rows: Vec<_> = table.rows().collect();
        assert_eq!(table.at(rows[1][1].place), "a.csv:2:3");
        assert_eq!(table.at(rows[2][1].place), "a.csv:4:3");
        assert_eq!(delimiter("a\tb,c\tc"), '\t');
        assert_eq!(delimiter("a,b,c"), ',');
    }

    #[test]
    fn a_quote_that_nothing_closes_is_an_error_at_its_place() {
        let text = "respondent,rol,x\nr1,beheer,3\nr2,\"dir,4\nr3,beheer,5\nr4,beheer,2\n";
        let table = csv_table("a.csv", text);
        let error = check_table(&table).unwrap_err();
        assert!(
            matches!(&error, ReadError::UnclosedQuote { place } if place == "a.csv:3:4"),
            "{error}"
        );
        assert!(
            error
                .message(koers::Lang::Nl)
                .starts_with("a.csv:3:4: dit aanhalingsteken")
        );
        // A quote inside an unquoted field, and a closed quoted field, are no such error.
        let fine = csv_table("b.csv", "a,b\n5\" scherm,\"x, y\"\n");
        assert!(check_table(&fine).is_ok());
        assert_eq!(texts(&fine)[1], ["5\" scherm", "x, y"]);
    }

    /// The delimiter of the decoded bytes, and the fields of every row.
    fn split(bytes: &[u8]) -> (char, Vec<Vec<String>>) {
        let text = decode(bytes);
        (delimiter(&text), texts(&csv_table("a.csv", &text)))
    }

    #[test]
    fn the_delimiter_gives_every_row_as_many_fields_as_the_header() {
        // Dutch Excel: `;` between cells, commas in the question texts and decimal commas.
        let dutch = "respondent;Waar ging de inzet heen: vastgoed, bewoners, buurt of beide?;rol\r\nr1;3,0;woonconsulent\r\nr2;4;beheerder, wijk Oost\r\n";
        let comma = "respondent,\"In hoeveel wijken; ongeveer?\",rol\nr1,\"3;4\",directeur\nr2,2,beheerder\n";
        let tab =
            "respondent\trol\tbeheerder\nr1\tmanager, wonen; oost\t3,0\nr2\tbeheerder\t\"4\"\n";
        for (text, expected, rows) in [
            (
                dutch,
                ';',
                vec![
                    vec![
                        "respondent",
                        "Waar ging de inzet heen: vastgoed, bewoners, buurt of beide?",
                        "rol",
                    ],
                    vec!["r1", "3,0", "woonconsulent"],
                    vec!["r2", "4", "beheerder, wijk Oost"],
                ],
            ),
            (
                comma,
                ',',
                vec![
                    vec!["respondent", "In hoeveel wijken; ongeveer?", "rol"],
                    vec!["r1", "3;4", "directeur"],
                    vec!["r2", "2", "beheerder"],
                ],
            ),
            (
                tab,
                '\t',
                vec![
                    vec!["respondent", "rol", "beheerder"],
                    vec!["r1", "manager, wonen; oost", "3,0"],
                    vec!["r2", "beheerder", "4"],
                ],
            ),
        ] {
            let mut bom = b"\xEF\xBB\xBF".to_vec();
            bom.extend_from_slice(text.as_bytes());
            for bytes in [text.as_bytes(), &bom] {
                let (found, fields) = split(bytes);
                assert_eq!(found, expected, "{text:?}");
                assert_eq!(fields, rows, "{text:?}");
            }
        }
    }

    #[test]
    fn a_quoted_field_over_lines_and_a_header_alone_keep_their_delimiter() {
        let (found, fields) = split(b"id;vraag\n1;\"twee, drie\nvier, vijf, zes\"\n2;x\n");
        assert_eq!(found, ';');
        assert_eq!(fields[1], ["1", "twee, drie\nvier, vijf, zes"]);
        assert_eq!(delimiter("respondent;rol;beheerder"), ';');
        assert_eq!(delimiter("respondent,rol"), ',');
        // Ragged rows: the delimiter that fits the most of them.
        assert_eq!(delimiter("a;b;c\n1;2;3\n1;2\n4;5;6,7\n"), ';');
    }

    #[test]
    fn the_encoding_is_judged_on_the_whole_file_and_said() {
        // One stray byte among UTF-8 letters: still UTF-8, and said.
        let (text, encoding) = decode_as("co\u{f6}rdinator;r\u{e9}sum\u{e9}\n".as_bytes());
        assert_eq!(
            (text.as_str(), encoding),
            ("coördinator;résumé\n", Encoding::Utf8)
        );
        let mut damaged = "coördinator;beheerder;één\n".as_bytes().to_vec();
        damaged.push(0xE9);
        let (text, encoding) = decode_as(&damaged);
        assert!(text.starts_with("coördinator"), "{text}");
        assert_eq!(encoding, Encoding::Utf8Damaged(1));
        assert!(encoding.note(koers::Lang::En).unwrap().contains("UTF-8"));
        assert_eq!(decode_as(b"caf\xE9").1, Encoding::Windows1252);
        // UTF-16 without a byte order mark.
        let units: Vec<u8> = "respondent,beheerder\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode_as(&units),
            ("respondent,beheerder\n".to_string(), Encoding::Utf16)
        );
        let units: Vec<u8> = "respondent,beheerder\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode_as(&units).0, "respondent,beheerder\n");
    }

    #[test]
    fn byte_order_marks_and_code_pages_are_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b"), "a;b");
        assert_eq!(decode(b"\xFF\xFEa\0;\0"), "a;");
        assert_eq!(decode(b"caf\xE9 \x80"), "café €");
    }

    #[test]
    fn serial_numbers_are_dates() {
        assert_eq!(serial_date(46_037.4).unwrap().to_string(), "2026-01-15");
        assert_eq!(serial_date(25_569.0).unwrap().to_string(), "1970-01-01");
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    #[test]
    fn error_cells_are_shown_as_excel_names_them() {
        use calamine::{CellErrorType, Data};
        assert_eq!(
            value_of(Data::Error(CellErrorType::NA)).unwrap(),
            Value::Text("#N/A".into())
        );
        assert_eq!(
            value_of(Data::Error(CellErrorType::Div0)).unwrap(),
            Value::Text("#DIV/0!".into())
        );
        assert_eq!(
            value_of(Data::String("x".repeat(MAX_CELL + 1))),
            Err(Limit::Cell)
        );
        assert!(value_of(Data::String("x".repeat(MAX_CELL))).is_ok());
    }

    #[test]
    fn a_workbook_that_unpacks_beyond_the_limit_is_refused_unread() {
        use std::io::Write as _;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..=(MAX_BYTES >> 20) {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
        out.set_position(0);
        let error = check_unpacked(&mut out, "bom.xlsx").unwrap_err();
        assert!(matches!(
            error,
            ReadError::Limit {
                limit: Limit::Bytes,
                ..
            }
        ));
        assert!(check_unpacked(std::io::Cursor::new(b"a,b\n".to_vec()), "a.csv").is_ok());
    }

    /// An ods workbook of one sheet `Antwoorden` with the rows given as XML.
    fn ods(rows: &str) -> Vec<u8> {
        use std::io::Write as _;
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Antwoorden">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"/>"#,
            ),
            ("content.xml", &content),
        ] {
            zip.start_file(name, stored).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    /// A row of text cells, standing `repeat` times.
    fn ods_row(cells: &[&str], repeat: u64) -> String {
        let cells: String = cells
            .iter()
            .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
            .collect();
        format!(
            r#"<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>"#
        )
    }

    /// The limit an ods workbook goes beyond, and where, before calamine reads it.
    fn ods_limit(bytes: &[u8]) -> Option<(String, Limit)> {
        match check_unpacked(std::io::Cursor::new(bytes), "x.ods") {
            Ok(()) => None,
            Err(ReadError::Limit { place, limit }) => Some((place, limit)),
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn rows_and_cells_an_ods_repeats_are_counted_before_calamine_expands_them() {
        let header = ods_row(&["respondent", "beheerder"], 1);
        // One row of answers standing a million times: refused at the first row beyond.
        let million = ods(&(header.clone() + &ods_row(&["r", "3"], 1_000_000)));
        assert_eq!(
            ods_limit(&million),
            Some(("x.ods:Antwoorden!A100001".to_string(), Limit::Rows))
        );
        // Within the rows, but repeated columns fill too many cells.
        let wide = r#"<table:table-row table:number-rows-repeated="90000"><table:table-cell office:value-type="float" office:value="3" table:number-columns-repeated="900"/></table:table-row>"#;
        let (place, limit) = ods_limit(&ods(&(header.clone() + wide))).unwrap();
        assert_eq!(
            (place.as_str(), limit),
            ("x.ods:Antwoorden!A2", Limit::Repeated)
        );
        // A filled cell beyond the last column, after a run of empty ones.
        let far = r#"<table:table-row><table:table-cell table:number-columns-repeated="5000"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
        let (place, limit) = ods_limit(&ods(&(header.clone() + far))).unwrap();
        assert_eq!(
            (place.as_str(), limit),
            ("x.ods:Antwoorden!GJI2", Limit::Columns)
        );
        // What spreadsheets write: the rows, then empty rows and columns repeated to the
        // sheet's end. Passed, and read as the rows it holds.
        let rows = header
            + &ods_row(&["r1", "3"], 1)
            + &ods_row(&["r2", "4"], 2)
            + r#"<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
        let bytes = ods(&rows);
        assert_eq!(ods_limit(&bytes), None);
        let book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let tables = read_workbook(book, "x.ods", None).unwrap();
        let texts: Vec<Vec<String>> = tables[0]
            .rows()
            .map(|r| r.iter().map(|c| c.value.shown()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                ["respondent", "beheerder"],
                ["r1", "3"],
                ["r2", "4"],
                ["r2", "4"]
            ]
        );
    }

    #[test]
    fn a_csv_beyond_a_limit_is_an_error_at_its_place() {
        let wide = format!("respondent{}\n", ",x".repeat(MAX_COLUMNS as usize + 5));
        let table = csv_table("a.csv", &wide);
        assert_eq!(
            table.row(0).unwrap().len(),
            MAX_COLUMNS as usize + 1,
            "not kept"
        );
        let error = check_table(&table).unwrap_err().to_string();
        assert!(error.starts_with("a.csv:1:"), "{error}");
        assert!(error.contains("more than 1000 columns"), "{error}");
        let long = format!("respondent,rol\nr1,{}\n", "y".repeat(MAX_CELL + 1));
        let error = check_table(&csv_table("a.csv", &long))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("a.csv:2:4: "), "{error}");
        assert!(error.contains("32767 characters"), "{error}");
        let tall = "respondent\n".to_string() + &"r\n".repeat(MAX_ROWS as usize);
        let error = check_table(&csv_table("a.csv", &tall))
            .unwrap_err()
            .to_string();
        assert!(error.contains("more than 100000 rows"), "{error}");
    }
}
