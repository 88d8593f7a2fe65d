//! Rows of text cells as a terminal table, a Markdown table or CSV: the formats that
//! `agenda`, `gap` and `profile` share.

use crate::failure::Failure;
use crate::safe_text::terminal;

/// A table: a header, which columns hold numbers (aligned right), and rows.
pub struct Table {
    /// The column names.
    pub header: Vec<String>,
    /// Per column, whether it holds numbers.
    pub numeric: Vec<bool>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns; a column whose name starts with `#` holds numbers (the
    /// `#` is not shown).
    pub fn new(columns: &[&str]) -> Table {
        Table {
            header: columns
                .iter()
                .map(|c| c.trim_start_matches('#').to_string())
                .collect(),
            numeric: columns.iter().map(|c| c.starts_with('#')).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned columns for a terminal. Control characters in cells are made visible
    /// first, so that the columns line up with what the terminal shows.
    pub fn aligned(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(|c| terminal(c).into_owned()).collect())
            .collect();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let pad = " ".repeat(widths[i].saturating_sub(c.chars().count()));
                    if self.numeric[i] {
                        format!("{pad}{c}")
                    } else {
                        format!("{c}{pad}")
                    }
                })
                .collect();
            format!("{}\n", padded.join("  ").trim_end())
        };
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        let mut out = line(&self.header);
        out.push_str(&line(&rule));
        for row in &rows {
            out.push_str(&line(row));
        }
        out
    }

    /// A Markdown table; `|` and line breaks in cells cannot break a row.
    pub fn markdown(&self) -> String {
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| markdown_text(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        let align: Vec<String> = self
            .numeric
            .iter()
            .map(|n| if *n { "---:" } else { "---" }.to_string())
            .collect();
        let mut out = line(&self.header);
        out.push_str(&line(&align));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }

    /// CSV for spreadsheets, with a UTF-8 byte order mark so that Excel reads accents.
    pub fn csv(&self) -> Result<String, Failure> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| Failure::Format(e.to_string());
        writer.write_record(&self.header).map_err(fail)?;
        for row in &self.rows {
            let row: Vec<String> = row
                .iter()
                .zip(&self.numeric)
                .map(|(c, numeric)| {
                    if *numeric {
                        // A spreadsheet wants an empty cell for "no number", not a dash.
                        if c == "–" { String::new() } else { c.clone() }
                    } else {
                        crate::commands::score::spreadsheet_text(c)
                    }
                })
                .collect();
            writer.write_record(&row).map_err(fail)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| Failure::Format(e.to_string()))?;
        Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
    }
}

/// Text for a Markdown table cell or list item: a backslash or `|` is escaped, and a line
/// break becomes a space, so that no text can split a row.
pub fn markdown_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// A number with `decimals` decimals, or "–" for none.
pub fn number(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.decimals$}"))
}

/// A share 0–1 as a whole percentage.
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}
