//! The key as a table of its own (`koers plot --key FILE`): every organisation in the
//! key's order ([`super::natural`]) with its latest position and region, so that any
//! one can be found in a picture of the whole sector, where the organisations are points
//! without numbers. Markdown in pages of [`PAGE`] rows (a heading per page, so that a
//! printed key breaks between pages), or CSV.

use super::natural;
use koers::{Group, Kind, Lang};
use std::collections::BTreeMap;

/// Rows per page of the Markdown key: one printed A4 page at 10 pt.
pub const PAGE: usize = 50;

/// The table's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormat {
    /// Markdown, paginated.
    Markdown,
    /// CSV with a header row, one organisation per row.
    Csv,
}

/// The key of `groups`: each organisation's latest current position (else its latest
/// ambition), in the natural order of the names. The number is the organisation's place
/// in that order: the number its marker carries in a numbered picture of all of them.
pub fn key_table(groups: &[Group], lang: Lang, format: KeyFormat) -> String {
    let mut latest: BTreeMap<&str, &Group> = BTreeMap::new();
    for g in groups.iter().filter(|g| g.position.is_some()) {
        let rank = |g: &Group| (g.kind == Kind::Current, g.date);
        let entry = latest.entry(g.organisation.id.as_str()).or_insert(g);
        if rank(g) > rank(entry) {
            *entry = g;
        }
    }
    let mut rows: Vec<&Group> = latest.into_values().collect();
    rows.sort_by(|a, b| {
        natural::compare(&a.organisation.name, &b.organisation.name)
            .then_with(|| natural::compare(&a.organisation.id, &b.organisation.id))
    });
    let nl = lang == Lang::Nl;
    // The CSV separates its fields by commas, so its numbers keep the point in either
    // language (as `koers score --format csv` does); the Markdown reads as the language.
    let numbers = match format {
        KeyFormat::Csv => Lang::En,
        KeyFormat::Markdown => lang,
    };
    let number = |v: f64| koers::number::fixed(v, 1, numbers);
    let header = if nl {
        ["nr", "organisatie", "id", "datum", "x", "y", "gebied"]
    } else {
        ["no", "organisation", "id", "date", "x", "y", "region"]
    };
    let cells = |k: usize, g: &Group| {
        let p = g.position.expect("only placed groups");
        let region = g
            .region
            .as_ref()
            .map_or(String::new(), |r| r.label.get(lang).to_string());
        [
            (k + 1).to_string(),
            g.organisation.name.clone(),
            g.organisation.id.clone(),
            g.date.to_string(),
            number(p.x),
            number(p.y),
            region,
        ]
    };
    let mut out = String::new();
    match format {
        KeyFormat::Csv => {
            let field = |s: &str| {
                if s.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_string()
                }
            };
            out.push_str(&header.join(","));
            out.push('\n');
            for (k, g) in rows.iter().enumerate() {
                let line: Vec<String> = cells(k, g).iter().map(|c| field(c)).collect();
                out.push_str(&line.join(","));
                out.push('\n');
            }
        }
        KeyFormat::Markdown => {
            let pages = rows.len().div_ceil(PAGE).max(1);
            out.push_str(if nl {
                "# Sleutel van de figuur\n"
            } else {
                "# Key to the picture\n"
            });
            let cell = |s: &str| s.replace('|', "\\|").replace(['\n', '\r'], " ");
            for (page, chunk) in rows.chunks(PAGE).enumerate() {
                out.push_str(&if nl {
                    format!("\n## Blad {} van {pages}\n\n", page + 1)
                } else {
                    format!("\n## Page {} of {pages}\n\n", page + 1)
                });
                out.push_str(&format!("| {} |\n", header.join(" | ")));
                out.push_str("| ---: | --- | --- | --- | ---: | ---: | --- |\n");
                for (k, g) in chunk.iter().enumerate() {
                    let line: Vec<String> =
                        cells(page * PAGE + k, g).iter().map(|c| cell(c)).collect();
                    out.push_str(&format!("| {} |\n", line.join(" | ")));
                }
            }
        }
    }
    out
}
