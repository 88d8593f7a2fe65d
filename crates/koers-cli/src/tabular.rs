//! Rows of text cells as a terminal table, a Markdown table or CSV, and the one way
//! `agenda`, `gap` and `profile` turn their results into a format and write it.

use crate::args::{AnalysisOutput, TextFormat};
use crate::failure::Failure;
use crate::output::{Output, Own, Rules, write};
use crate::safe_text::terminal;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::path::PathBuf;

/// The version of the JSON of `koers agenda`, `gap` and `profile`; raised when a field
/// changes meaning. Version 1: an object `{"version": 1, "groups": [...]}` (agenda and
/// profile, one entry per group) or `{"version": 1, "gaps": [...]}`, every entry with the
/// `trust` of its group (`positioned`, `reliable`, `certain`, `excluded`), the profile
/// with its `ladder` verdict (`climbs`, `breaks`, `unjudged`), and `null` where there is
/// no value.
pub const JSON_VERSION: u32 = 1;

/// A list under a key, with [`JSON_VERSION`] before it.
struct Versioned<'a, T> {
    key: &'static str,
    list: &'a T,
}

impl<T: Serialize> Serialize for Versioned<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("version", &JSON_VERSION)?;
        map.serialize_entry(self.key, self.list)?;
        map.end()
    }
}

/// What an analysis command made, in each of its formats: the entries for JSON under
/// `key`, a flat table for CSV, and the text for the terminal or Markdown (called with
/// `true` for Markdown).
pub struct Shown<'a, T, C, X> {
    /// The JSON key of the list: "groups" or "gaps".
    pub key: &'static str,
    /// The entries, as JSON.
    pub json: &'a T,
    /// The rows for CSV.
    pub csv: C,
    /// The text for a terminal (`false`) or Markdown (`true`).
    pub text: X,
}

/// Writes an analysis in the format `out` asks for, to `-o` or standard output, by the
/// rules `koers score -o` follows: atomically, never over a file the run read, and over
/// another existing file only with `--force`.
pub fn emit<T, C, X>(
    out: &AnalysisOutput,
    inputs: &[PathBuf],
    shown: Shown<'_, T, C, X>,
) -> Result<(), Failure>
where
    T: Serialize,
    C: FnOnce() -> Table,
    X: FnOnce(bool) -> String,
{
    let text = match out.format {
        TextFormat::Json => {
            let versioned = Versioned {
                key: shown.key,
                list: shown.json,
            };
            let mut json = serde_json::to_string_pretty(&versioned)
                .map_err(|e| Failure::Format(e.to_string()))?;
            json.push('\n');
            // JSON escapes control characters itself.
            json
        }
        TextFormat::Csv => terminal(&(shown.csv)().csv()?).into_owned(),
        // The tables fit the terminal already; the remarks around them wrap to it too.
        TextFormat::Table => wrap_lines(&terminal(&(shown.text)(false)), crate::console::width()),
        TextFormat::Markdown => terminal(&(shown.text)(true)).into_owned(),
    };
    let rules = Rules {
        inputs,
        force: out.force,
        own: Own::Nothing,
    };
    write(
        out.output.as_ref().unwrap_or(&Output::Stdout),
        text.as_bytes(),
        &rules,
    )?;
    if let Some(Output::File(path)) = &out.output {
        crate::console::done(
            format!("{} geschreven", path.display()),
            format!("{} written", path.display()),
        );
    }
    Ok(())
}

pub use koers_report::tabular::{Table, markdown_text};

/// What a [`Table`] becomes in the command's output: aligned columns for a terminal, and
/// CSV.
pub trait TableExt {
    /// Aligned columns for a terminal, fitted to its width ([`crate::console::width`]);
    /// whole when there is no width (a pipe without `COLUMNS`). See
    /// [`TableExt::aligned_within`].
    fn aligned(&self) -> String;
    /// As [`TableExt::aligned`], where the columns named in `drop_first` go first, in that
    /// order, when the table cannot fit otherwise.
    fn aligned_dropping(&self, drop_first: &[&str]) -> String;
    /// Aligned columns, at most `width` characters wide when a width is given. Control
    /// characters in cells are made visible first, so that the columns line up with what
    /// the terminal shows. To fit, text cells (and headers) wrap at spaces onto more
    /// lines, down to the longest word of the column; numbers never wrap. When that is
    /// not enough, whole columns are left out (those in `drop_first` first, then from
    /// the right), and a note under the table names them. Only when a single column is
    /// left, or a word is longer than [`MAX_WORD`], does a word break inside, down to
    /// [`MIN_TEXT`] characters a column.
    fn aligned_within(&self, width: Option<usize>, drop_first: &[&str]) -> String;
    /// As [`TableExt::aligned_within`], every line after `indent` spaces (counted in the
    /// width).
    fn aligned_indented(&self, width: Option<usize>, indent: usize, drop_first: &[&str]) -> String;
    /// CSV for spreadsheets, with a UTF-8 byte order mark so that Excel reads accents.
    fn csv(&self) -> Result<String, Failure>;
}

impl TableExt for Table {
    fn aligned(&self) -> String {
        self.aligned_dropping(&[])
    }

    fn aligned_dropping(&self, drop_first: &[&str]) -> String {
        self.aligned_within(crate::console::width(), drop_first)
    }

    fn aligned_within(&self, width: Option<usize>, drop_first: &[&str]) -> String {
        self.aligned_indented(width, 0, drop_first)
    }

    fn aligned_indented(&self, full: Option<usize>, indent: usize, drop_first: &[&str]) -> String {
        let pad = " ".repeat(indent);
        let width = full.map(|w| w.saturating_sub(indent));
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(|c| terminal(c).into_owned()).collect())
            .collect();
        let mut natural: Vec<usize> = self.header.iter().map(|h| chars(h)).collect();
        for row in &rows {
            for (w, cell) in natural.iter_mut().zip(row) {
                *w = (*w).max(chars(cell));
            }
        }
        // Per column, the narrowest it becomes without breaking a word: a number keeps
        // its width; a text column narrows to its longest word (a word longer than
        // `long` counts as `long`: such a word may break rather than push columns out).
        let long = MAX_WORD.max(width.unwrap_or(0) / 3);
        let words: Vec<usize> = (0..natural.len())
            .map(|i| {
                let header = longest_word(&self.header[i]);
                let cells = rows.iter().map(|r| &r[i]);
                if self.numeric[i] {
                    cells.map(|c| chars(c)).max().unwrap_or(0).max(header)
                } else {
                    let word = cells.map(|c| longest_word(c)).max().unwrap_or(0);
                    word.min(long).max(header).min(natural[i])
                }
            })
            .collect();
        // The last resort, for a table that does not fit even so: a text column narrows
        // to MIN_TEXT (never below its header's longest word), breaking its long words.
        let least: Vec<usize> = (0..natural.len())
            .map(|i| {
                if self.numeric[i] {
                    words[i]
                } else {
                    words[i].min(MIN_TEXT.max(longest_word(&self.header[i])))
                }
            })
            .collect();
        let mut kept: Vec<usize> = (0..natural.len()).collect();
        let mut dropped = Vec::new();
        if let Some(width) = width {
            let total = |kept: &[usize], w: &[usize]| {
                kept.iter().map(|&i| w[i]).sum::<usize>() + 2 * kept.len().saturating_sub(1)
            };
            let mut order: Vec<usize> = drop_first
                .iter()
                .filter_map(|name| self.header.iter().position(|h| h == name))
                .collect();
            let rest: Vec<usize> = (1..natural.len())
                .rev()
                .filter(|i| !order.contains(i))
                .collect();
            order.extend(rest);
            // Whole columns go before any word is broken: a table that cannot fit with
            // every word whole loses its least needed columns first.
            let mut order = order.into_iter();
            while total(&kept, &words) > width && kept.len() > 1 {
                let Some(next) = order.next() else { break };
                kept.retain(|&i| i != next);
                dropped.push(next);
            }
            // Narrow the text column with the most room to spare, one character at a
            // time, until the table fits: first down to the longest word in the column,
            // so that lines break between words, and only then inside words.
            let mut widths = natural.clone();
            for floor in [&words, &least] {
                while total(&kept, &widths) > width {
                    let Some(&widest) = kept
                        .iter()
                        .filter(|&&i| widths[i] > floor[i])
                        .max_by_key(|&&i| (widths[i] - floor[i], std::cmp::Reverse(i)))
                    else {
                        break;
                    };
                    widths[widest] -= 1;
                }
            }
            natural = widths;
        }
        let widths = natural;
        let numeric = &self.numeric;
        let line = |cells: &[String]| {
            let wrapped: Vec<Vec<String>> =
                kept.iter().map(|&i| wrap(&cells[i], widths[i])).collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let mut out = String::new();
            for l in 0..height {
                let padded: Vec<String> = kept
                    .iter()
                    .zip(&wrapped)
                    .map(|(&i, lines)| {
                        let c = lines.get(l).map_or("", String::as_str);
                        let pad = " ".repeat(widths[i].saturating_sub(chars(c)));
                        if numeric[i] {
                            format!("{pad}{c}")
                        } else {
                            format!("{c}{pad}")
                        }
                    })
                    .collect();
                out.push_str(&pad);
                out.push_str(padded.join("  ").trim_end());
                out.push('\n');
            }
            out
        };
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        let mut out = line(&self.header);
        out.push_str(&line(&rule));
        for row in &rows {
            out.push_str(&line(row));
        }
        if !dropped.is_empty() {
            dropped.sort_unstable();
            let names: Vec<&str> = dropped.iter().map(|&i| self.header[i].as_str()).collect();
            let note = crate::messages::say(
                format!(
                    "({} weggelaten om in {} tekens te passen: breder venster, COLUMNS of --format csv toont alles)",
                    names.join(", "),
                    full.unwrap_or_default()
                ),
                format!(
                    "({} left out to fit {} characters: a wider window, COLUMNS or --format csv shows all)",
                    names.join(", "),
                    full.unwrap_or_default()
                ),
            );
            for l in hang(&note, full.unwrap_or(usize::MAX), &pad, &pad) {
                out.push_str(&l);
                out.push('\n');
            }
        }
        out
    }

    fn csv(&self) -> Result<String, Failure> {
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

/// The narrowest a text column of a terminal table becomes when the table cannot fit with
/// its words whole.
pub const MIN_TEXT: usize = 10;

/// The longest word a column keeps whole at any cost: a longer one (a path, a link) may
/// break inside rather than push other columns out of the table. On a terminal wider than
/// three times this, a third of the width.
pub const MAX_WORD: usize = 30;

/// The width of a text in characters.
fn chars(text: &str) -> usize {
    text.chars().count()
}

fn longest_word(text: &str) -> usize {
    text.split(' ').map(chars).max().unwrap_or(0)
}

/// `text` in lines of at most `width` characters, broken at spaces (never at a hyphen or
/// inside a word), as `textwrap` does; only a word longer than `width` is broken. A text
/// that fits is one line, as it is.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    hang(text, width, "", "")
}

/// `text` wrapped as [`wrap`] does, its first line after `first` and the others after
/// `rest` (both counted in the width).
pub fn hang(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    if width == 0 || chars(first) + chars(text) <= width {
        return vec![format!("{first}{text}")];
    }
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true)
        .initial_indent(first)
        .subsequent_indent(rest);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect();
    if lines.is_empty() {
        vec![first.trim_end().to_string()]
    } else {
        lines
    }
}

/// Every line of `text` wrapped to `width` (see [`wrap`]), its continuation lines indented
/// as the line itself is (and two more under a "- " item); as it is without a width.
pub fn wrap_lines(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if chars(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        // An indent wider than half the line would leave too little room for text.
        let indent = if chars(indent) > width / 2 {
            ""
        } else {
            indent
        };
        let rest = if body.starts_with("- ") {
            format!("{indent}  ")
        } else {
            indent.to_string()
        };
        for part in hang(body, width, indent, &rest) {
            out.push_str(&part);
            out.push('\n');
        }
    }
    out
}

/// A number with `decimals` decimals in the language's decimal sign, or "–" for none.
pub fn number(value: Option<f64>, decimals: usize, lang: koers::Lang) -> String {
    koers::number::or_none(value, decimals, lang)
}

/// A share 0–1 as a whole percentage.
pub fn percent(value: f64) -> String {
    koers::number::percent(value)
}

/// A number with `decimals` decimals for CSV, or an empty cell for none: always a decimal
/// point, as the fields are separated by commas (`koers score --excel` writes Dutch
/// Excel's CSV).
pub fn csv_number(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(String::new, |v| format!("{v:.decimals$}"))
}

/// The CSV columns of a group's [`koers::Trust`], as `koers score` writes them: whether it
/// is reliable, whether its region is fixed (empty when unknown), and how many were left out.
pub const TRUST_COLUMNS: [&str; 3] = ["reliable", "fixed", "#left_out"];

/// The cells of [`TRUST_COLUMNS`].
pub fn trust_cells(trust: &koers::Trust) -> [String; 3] {
    [
        trust.reliable.to_string(),
        trust.fixed.map(|c| c.to_string()).unwrap_or_default(),
        trust.excluded.to_string(),
    ]
}
