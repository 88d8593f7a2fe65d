//! The matrix picture: an SVG that a consultant can put straight into a report.
//!
//! [`layout`] places everything (regions, positions, arrows, labels that never overlap,
//! legend) in pixels, measuring text with the shipped font ([`font`]); [`render`] draws
//! that [`Scene`] with plotters' SVG backend and adds the accessible title and
//! description; [`png`] renders that SVG to PNG with the same font. The same input gives
//! a byte-identical file.
//!
//! ```
//! use koers::{Assessment, GroupBy, Source, aggregate, builtin};
//! use koers_cli::plot::{PlotOptions, render};
//!
//! let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n\
//!             [assessment]\ndate = 2007-05-31\n[answers]\nbeheerder = 4\nbuurtbeheer = 2\n";
//! let instrument = builtin::instrument("sev").unwrap();
//! let score = instrument.score(&Assessment::parse(&Source::new("a.toml", text))?)?;
//! let groups = aggregate(&[score], GroupBy::Organisation, &instrument.matrix);
//! let svg = render(instrument, &groups, &PlotOptions::default());
//! assert!(svg.contains("role=\"img\""));
//! // x: beheerder 4 on the 1–5 focus scale, v = 0.75; y: buurtbeheer 2 on the 1–6 scale,
//! // v = 0.2. Both rest on one answer: the position is drawn, and marked unreliable.
//! assert!(svg.contains("De Dijk, huidige positie 2007-05-31: x 75,0, y 20,0"));
//! assert!(svg.contains("onbetrouwbaar"));
//! # Ok::<(), koers::Invalid>(())
//! ```

mod draw;
pub mod font;
pub mod geometry;
pub mod labels;
mod scene;
mod words;

pub use draw::{PNG_SOFTWARE, escape, png};
pub use scene::{
    Anchor, Arrow, LegendGlyph, Marker, MarkerStyle, Rgb, Scene, Spread, TextItem, TextKind, layout,
};

use koers::{Group, Instrument, Lang};

/// What the picture shows and how big it is.
#[derive(Debug, Clone)]
pub struct PlotOptions {
    /// The language of labels.
    pub lang: Lang,
    /// The title; the matrix's name when absent.
    pub title: Option<String>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Whether to draw each respondent as a faint dot.
    pub respondents: bool,
}

impl Default for PlotOptions {
    /// Dutch, 800 × 860 pixels: the width of an A4 page's text block at 96 dpi, scaled.
    fn default() -> Self {
        PlotOptions {
            lang: Lang::Nl,
            title: None,
            width: 800,
            height: 860,
            respondents: false,
        }
    }
}

/// Draws `groups` (grouped by organisation, kind and date) on the instrument's matrix.
pub fn render(instrument: &Instrument, groups: &[Group], options: &PlotOptions) -> String {
    draw::svg(&layout(instrument, groups, options))
}
