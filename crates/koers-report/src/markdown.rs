//! The report as Markdown: the same parts and tables as the HTML report, the matrix
//! picture replaced by a note and the bar chart by its table.

use super::{Block, Document};
use crate::tabular::Table;

/// Text as Markdown shows it, never as markup: the one rule of
/// [`koers::markup::markdown`].
pub use koers::markup::markdown as escape;

/// The document as Markdown.
pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", escape(&doc.title));
    for line in &doc.cover {
        out.push_str(&format!("{}  \n", escape(line)));
    }
    for part in &doc.parts {
        out.push_str(&format!("\n## {}\n\n", escape(&part.heading)));
        for block in &part.blocks {
            self::block(&mut out, block);
        }
        for section in &part.sections {
            out.push_str(&format!("### {}\n\n", escape(&section.heading)));
            for block in &section.blocks {
                self::block(&mut out, block);
            }
        }
    }
    out
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Text(text) => out.push_str(&format!("{}\n\n", escape(text))),
        Block::Summary(text) => out.push_str(&format!("> {}\n\n", escape(text))),
        Block::List(items) if items.is_empty() => {}
        Block::List(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", escape(item)));
            }
            out.push('\n');
        }
        Block::Terms(terms) => {
            for (term, meaning) in terms {
                out.push_str(&format!("- **{}**: {}\n", escape(term), escape(meaning)));
            }
            out.push('\n');
        }
        Block::Table(caption, t) => {
            if let Some(caption) = caption {
                out.push_str(&format!("**{}**\n\n", escape(caption)));
            }
            table(out, t);
        }
        Block::Matrix { note, .. } => out.push_str(&format!("*{}*\n\n", escape(note))),
        Block::Bars { table: t, .. } => table(out, t),
    }
}

fn table(out: &mut String, t: &Table) {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&line(&t.header));
    let align: Vec<&str> = t
        .numeric
        .iter()
        .map(|n| if *n { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for row in &t.rows {
        out.push_str(&line(row));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_a_name_is_text() {
        assert_eq!(
            escape("<script> & *Oost* | [x](y)"),
            "&lt;script&gt; &amp; \\*Oost\\* \\| \\[x\\](y)"
        );
    }
}
