//! The report as one self-contained HTML file: inline CSS and SVG, no script, no link
//! and no address outside the file, so it opens, prints and archives as it is.

use super::{Block, Document, Part, bars, words::clean};
use crate::reading::say;
use crate::tabular::Table;
use koers::Lang;

/// Text as HTML shows it, never as markup: cleaned of control characters, then `&`, `<`,
/// `>`, `"` and `'` escaped, so it is safe in element content and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Calm typography in the system's own fonts, and A4 pages when printed: each
/// organisation, the method and the appendix start a page; headings stay with what
/// follows them, and no table row or picture is cut in two.
const STYLE: &str = r#"
:root { color-scheme: light; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #1f2328; background: #fff; line-height: 1.5; }
body { max-width: 52rem; margin: 2.5rem auto; padding: 0 1.5rem; font-size: 15px; }
h1 { font-size: 1.9rem; font-weight: 600; margin: 0 0 .75rem; line-height: 1.2; }
h2 { font-size: 1.4rem; font-weight: 600; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.05rem; font-weight: 600; margin: 1.75rem 0 .5rem; }
p { margin: .5rem 0; }
.cover { margin-bottom: 2rem; }
.cover .meta { color: #57606a; margin: .15rem 0; }
nav { margin-top: 1.25rem; }
nav .toc-title { font-weight: 600; margin-bottom: .25rem; }
nav ol { margin: 0; padding-left: 1.5rem; }
a { color: #0b5394; }
.summary { font-size: 1.05rem; background: #f6f8fa; border-left: 3px solid #2f5d7c; padding: .6rem .9rem; }
figure { margin: 1rem 0; }
figure.matrix svg { display: block; width: 100%; max-width: 44rem; height: auto; margin: 0 auto; }
svg.bars { display: block; width: 100%; max-width: 40rem; height: auto; }
table { border-collapse: collapse; margin: .75rem 0 1rem; font-size: .8rem; width: 100%; table-layout: auto; }
thead { display: table-header-group; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { padding: .25rem .35rem; border-bottom: 1px solid #e1e4e8; vertical-align: top; text-align: left; }
/* Cells break between words only: a table is as wide as its longest words (a break
   inside words let the browser squeeze columns into "Woonstichti-ng" and "80,-0"). */
td { overflow-wrap: normal; word-break: normal; hyphens: manual; }
th { border-bottom: 1.5px solid #8c959f; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
th.num, td.num { white-space: nowrap; }
ul { padding-left: 1.25rem; }
li { margin: .2rem 0; }
dl div { margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0 0 0 1.5rem; }
.notes { color: #57606a; font-size: .85rem; }
.date { white-space: nowrap; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  html { background: none; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { margin-top: 0; }
  .new-page { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  /* Tables break across pages between rows, their header repeated; rows stay whole. */
  tr, figure, svg, dl div, .summary, .keep { break-inside: avoid; }
  /* The matrix at the full text width, so that its smallest text prints at 7 pt or more. */
  figure.matrix svg { max-width: none; width: 100%; }
  /* The text block is 178 mm (672 px): the widest table, its words whole, fits it at 8 pt. */
  table { font-size: 8pt; }
  /* Page numbers and the title (the organisation) on every page come from Chromium's own
     header and footer (the print dialog's "Kop- en voetteksten", or --print-to-pdf without
     --no-pdf-header-footer): Chromium does not fill @page margin boxes, and a fixed
     running footer overlaps the text. */
  a { color: inherit; text-decoration: none; }
}
"#;

/// The document as HTML.
pub fn render(doc: &Document) -> String {
    let lang = doc.lang;
    let code = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&doc.title)
    );
    out.push_str(&format!(
        "<header class=\"cover\">\n<h1>{}</h1>\n",
        escape(&doc.title)
    ));
    for line in &doc.cover {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", escape(line)));
    }
    out.push_str("</header>\n<main>\n");
    // Page 1 is the cover's facts and the bestuurlijke samenvatting, what a board reads
    // first; the contents follow on a page of their own, then the detail.
    let summary = doc.parts.iter().find(|p| p.anchor == SUMMARY);
    if let Some(summary) = summary {
        self::part(&mut out, summary, false);
    }
    out.push_str(&format!(
        "<nav aria-label=\"{0}\"{1}>\n<p class=\"toc-title\">{0}</p>\n<ol>\n",
        say(lang, "Inhoud", "Contents"),
        if summary.is_some() {
            " class=\"new-page\""
        } else {
            ""
        }
    ));
    for part in &doc.parts {
        out.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            escape(&part.anchor),
            escape(&part.heading)
        ));
    }
    out.push_str("</ol>\n</nav>\n");
    for part in doc.parts.iter().filter(|p| p.anchor != SUMMARY) {
        self::part(&mut out, part, part.new_page);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The anchor of the bestuurlijke samenvatting, which page 1 holds.
const SUMMARY: &str = "samenvatting";

/// A part as a section; `new_page`: it starts a printed page.
fn part(out: &mut String, part: &Part, new_page: bool) {
    out.push_str(&format!(
        "<section id=\"{}\"{}>\n<h2>{}</h2>\n",
        escape(&part.anchor),
        if new_page { " class=\"new-page\"" } else { "" },
        escape(&part.heading)
    ));
    for block in &part.blocks {
        self::block(out, block);
    }
    for section in &part.sections {
        // A heading and its first block stay on one page: browsers do not all keep a
        // heading with what follows it by `break-after: avoid` alone.
        out.push_str(&format!(
            "<section>\n<div class=\"keep\">\n<h3>{}</h3>\n",
            escape(&section.heading)
        ));
        let mut blocks = section.blocks.iter();
        if let Some(first) = blocks.next() {
            self::block(out, first);
        }
        out.push_str("</div>\n");
        for block in blocks {
            self::block(out, block);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

fn block(out: &mut String, block: &Block) {
    match block {
        // A date split over two lines ("2008-" and "10-01") reads as two numbers.
        Block::Text(text) => out.push_str(&format!("<p>{}</p>\n", unbroken_dates(&escape(text)))),
        Block::Summary(text) => out.push_str(&format!(
            "<p class=\"summary\">{}</p>\n",
            unbroken_dates(&escape(text))
        )),
        Block::List(items) if items.is_empty() => {}
        Block::List(items) => {
            out.push_str("<ul class=\"notes\">\n");
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", unbroken_dates(&escape(item))));
            }
            out.push_str("</ul>\n");
        }
        Block::Terms(terms) => {
            out.push_str("<dl>\n");
            for (term, meaning) in terms {
                out.push_str(&format!(
                    "<div><dt>{}</dt><dd>{}</dd></div>\n",
                    escape(term),
                    escape(meaning)
                ));
            }
            out.push_str("</dl>\n");
        }
        Block::Table(caption, t) => table(out, caption.as_deref(), t),
        Block::Matrix { svg, .. } => {
            out.push_str("<figure class=\"matrix\">\n");
            out.push_str(&inline_svg(svg));
            out.push_str("\n</figure>\n");
        }
        Block::Bars { chart, .. } => {
            out.push_str("<figure>\n");
            out.push_str(&bars::svg(chart));
            out.push_str("\n</figure>\n");
        }
    }
}

fn table(out: &mut String, caption: Option<&str>, t: &Table) {
    out.push_str("<table>\n");
    if let Some(caption) = caption {
        out.push_str(&format!("<caption>{}</caption>\n", escape(caption)));
    }
    let class = |numeric: bool| if numeric { " class=\"num\"" } else { "" };
    out.push_str("<thead><tr>");
    for (head, numeric) in t.header.iter().zip(&t.numeric) {
        out.push_str(&format!(
            "<th scope=\"col\"{}>{}</th>",
            class(*numeric),
            escape(head)
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (cell, numeric) in row.iter().zip(&t.numeric) {
            out.push_str(&format!(
                "<td{}>{}</td>",
                class(*numeric),
                unbroken_dates(&escape(cell))
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Escaped text with each date (2026-03-01) kept on one line: a narrow column would
/// otherwise break it at a hyphen.
fn unbroken_dates(text: &str) -> String {
    let bytes = text.as_bytes();
    let is_date = |i: usize| {
        bytes.len() >= i + 10
            && bytes[i..i + 10].iter().enumerate().all(|(k, b)| match k {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            })
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if is_date(i) {
            out.push_str("<span class=\"date\">");
            out.push_str(&text[i..i + 10]);
            out.push_str("</span>");
            i += 10;
        } else {
            let c = text[i..].chars().next().expect("inside the text");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The plot's SVG as an element inside HTML: the HTML parser gives it its namespace, so
/// the namespace address goes (the file names no address at all), and control characters
/// that a label might carry go too, as HTML does not allow them.
fn inline_svg(svg: &str) -> String {
    svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_name_is_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"Oost\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Oost&quot;"
        );
        assert_eq!(escape("Wonen\u{7}\u{202e} &\nZorg"), "Wonen &amp; Zorg");
    }

    #[test]
    fn dates_stay_on_one_line() {
        assert_eq!(
            unbroken_dates("huidig 2026-03-01 · é"),
            "huidig <span class=\"date\">2026-03-01</span> · é"
        );
        assert_eq!(unbroken_dates("12026-03-01"), "12026-03-01");
        assert_eq!(unbroken_dates("2026-03"), "2026-03");
    }

    #[test]
    fn the_inline_picture_names_no_address() {
        let instrument = koers::builtin::instrument("sev").unwrap();
        let svg = koers_plot::render(instrument, &[], &koers_plot::PlotOptions::default());
        let inline = inline_svg(&svg);
        assert!(inline.starts_with("<svg ") && inline.ends_with("</svg>"));
        assert!(!inline.contains("http"));
    }
}
