//! The report of koers as a library: the report a consultant hands over (positions,
//! profiles, agendas, gaps, trajectories and peers of one run as one document), in
//! self-contained HTML or in Markdown.
//!
//! [`compose`] turns the groups of a run into a [`Document`]: parts with headings, and
//! blocks of plain text, tables and pictures, every text already in the report's language
//! and every input text [cleaned](words::clean). [`html::render`] and
//! [`markdown::render`] only lay that document out, so both formats say the same thing.
//! [`reading`] holds the words for reading a position that the report and the command's
//! tables share. Nothing here reads process-wide state or prints: the language is
//! [`Options::lang`], or a parameter.
//!
//! ```
//! use koers::{Assessment, GroupBy, Lang, Source, aggregate, builtin};
//! use koers_report::{Grouped, Options, compose, markdown};
//! use std::sync::Arc;
//!
//! let sev = builtin::instrument("sev").unwrap();
//! let mut scores = Vec::new();
//! let mut files = Vec::new();
//! for (respondent, answer) in [("r1", 4), ("r2", 5), ("r3", 4)] {
//!     let text = format!(
//!         "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n\
//!          [assessment]\ndate = 2026-05-31\nrespondent = \"{respondent}\"\n\
//!          [answers]\nbeheerder = {answer}\nbuurtgebouw = 3\n"
//!     );
//!     let name = format!("{respondent}.toml");
//!     let assessment = Assessment::parse(&Source::new(&name, &text))?;
//!     scores.push(sev.score(&assessment)?);
//!     files.push(name);
//! }
//! let grouped = Grouped {
//!     instrument: Arc::new(sev.clone()),
//!     groups: aggregate(&scores, GroupBy::Organisation, &sev.matrix),
//!     scores,
//!     files,
//! };
//! let options = Options { lang: Lang::En, ..Options::default() };
//! let report = compose(&grouped, &options)?;
//! let text = markdown::render(&report);
//! assert!(text.contains("## De Dijk"), "{text}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod bars;
mod compose;
pub mod group;
pub mod html;
pub mod markdown;
pub mod reading;
pub mod tabular;
pub mod words;

pub use compose::{Cover, Options, Wijken, compose};
pub use group::Grouped;

use crate::tabular::Table;
use koers::Lang;

/// A report, ready to lay out.
pub struct Document {
    /// The language of every text in it.
    pub lang: Lang,
    /// The cover heading.
    pub title: String,
    /// The lines under the cover heading: instrument, matrix, dates.
    pub cover: Vec<String>,
    /// The parts, in order; each gets a level-2 heading.
    pub parts: Vec<Part>,
}

/// A part of the report: the overview, one organisation, the method, the appendix.
pub struct Part {
    /// A fragment id for the table of contents, unique in the document.
    pub anchor: String,
    /// The heading.
    pub heading: String,
    /// Whether the part starts on a new page when printed.
    pub new_page: bool,
    /// What stands under the heading.
    pub blocks: Vec<Block>,
    /// The sub-parts, each with a level-3 heading.
    pub sections: Vec<Section>,
}

/// A sub-part with its own heading.
pub struct Section {
    /// The heading.
    pub heading: String,
    /// What stands under it.
    pub blocks: Vec<Block>,
}

/// One block of content.
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A paragraph that sums up, set apart.
    Summary(String),
    /// A list of short points.
    List(Vec<String>),
    /// Terms and what they mean.
    Terms(Vec<(String, String)>),
    /// A table, with an optional caption.
    Table(Option<String>, Table),
    /// The matrix picture, an SVG from [`koers_plot::render`]; `note` says in words where
    /// the picture is, for a format that leaves it out.
    Matrix {
        /// The SVG.
        svg: String,
        /// What stands in its place where pictures are left out.
        note: String,
    },
    /// A bar chart; formats without pictures show `table` instead.
    Bars {
        /// The chart.
        chart: bars::Chart,
        /// The same numbers as a table.
        table: Table,
    },
}

/// Why a report cannot be composed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// [`Options::organisation`] names no organisation of the groups; the text says so in
    /// the report's language and names those known.
    UnknownOrganisation(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::UnknownOrganisation(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for Error {}
