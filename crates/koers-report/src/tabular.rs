//! A table of text cells, as the report and the command's tables show it.

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
}

/// Text for a Markdown table cell, heading or list item: the one rule of
/// [`koers::markup::markdown`] (no markup, no raw HTML, no line break, no `|` that could
/// split a row).
pub use koers::markup::markdown as markdown_text;
