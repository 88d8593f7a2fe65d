//! The matrix picture of koers as a library: an SVG that a consultant can put straight
//! into a report, or a PNG (with the default feature `png`).
//!
//! [`layout`] places everything (regions, positions, arrows, labels that never overlap,
//! legend) in pixels, measuring text with the shipped font ([`font`]); [`render`] draws
//! that [`Scene`] with plotters' SVG backend and adds the accessible title and
//! description; `png` (feature `png`, on by default) renders that SVG to PNG with the
//! same font. The same input gives a byte-identical file. Nothing here reads
//! process-wide state or prints: the language is [`PlotOptions::lang`], or a parameter.
//!
//! ```
//! use koers::{Assessment, GroupBy, Source, aggregate, builtin};
//! use koers_plot::{PlotOptions, render};
//!
//! let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n\
//!             [assessment]\ndate = 2007-05-31\n[answers]\nbeheerder = 4\nbuurtgebouw = 2\n";
//! let instrument = builtin::instrument("sev").unwrap();
//! let score = instrument.score(&Assessment::parse(&Source::new("a.toml", text))?)?;
//! let groups = aggregate(&[score], GroupBy::Organisation, &instrument.matrix);
//! let svg = render(instrument, &groups, &PlotOptions::default());
//! assert!(svg.contains("role=\"img\""));
//! // x: beheerder 4 on the 1–5 focus scale, v = 0.75; y: buurtgebouw 2 on the 1–6 scale,
//! // v = 0.2, the extent of the lowest rung (voorzieningen); by the ladder rule (θ = 0.5,
//! // three rungs, band 25) y = 25 × 0.2 / 0.5 = 10. Both rest on one answer: the position
//! // is drawn, and marked insufficiently answered, without a region.
//! assert!(svg.contains("De Dijk, huidige positie 2007-05-31: x 75,0, y 10,0, onvoldoende ingevuld"));
//! assert!(!svg.contains("onbetrouwbaar"));
//! # Ok::<(), koers::Invalid>(())
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod draw;
pub mod font;
pub mod geometry;
pub mod key;
pub mod labels;
pub mod natural;
mod privacy;
mod safe_text;
mod scene;
pub mod wijk;
mod words;

pub use draw::escape;
#[cfg(feature = "png")]
pub use draw::{PNG_SOFTWARE, PngError, png};
pub use scene::{
    Anchor, Arrow, CROWD, Cluster, DENSITY_CLASSES, Dot, FACET_SIZE, Hex, LegendGlyph, Link,
    MATRIX_SHARE, MIN_TEXT, Marker, MarkerStyle, NUMBERED_MAX, Rgb, Scene, Shape, Spread, TextItem,
    TextKind, counted_text, facets, layout, look, members_text,
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
    /// Names beside the markers, or numbers with a key.
    pub labels: Labels,
    /// The spread drawn around each position; `None` chooses: ±1 sd up to [`CROWD`]
    /// organisations in colour, none past that.
    pub spread: Option<SpreadMode>,
    /// The ids of the organisations to show in colour, with their trajectories and
    /// ambitions; the others become small grey points and their median a cross. Empty:
    /// all in colour.
    pub highlight: Vec<String>,
    /// The role of each respondent (`None`: no role given), per group and in the order of
    /// its [`Group::points`]: with [`PlotOptions::respondents`], the dots take a shape per
    /// role. Empty when not known.
    pub roles: Vec<Vec<Option<String>>>,
    /// The code of each respondent (`None`: no code), per group and in the order of its
    /// [`Group::points`]: with [`PlotOptions::respondents`], a respondent's current
    /// position and ambition are joined by a thin line. Empty when not known.
    pub respondent_ids: Vec<Vec<Option<String>>>,
    /// One small matrix per organisation, in a grid, instead of one matrix for all.
    pub facet: bool,
    /// The organisations drawn as grey points (the peers of `highlight`, or all past
    /// [`NUMBERED_MAX`]) as a density of hexagonal bins instead.
    pub density: bool,
    /// The size is the target's (`--size`): the picture does not grow to keep the
    /// matrix at [`scene::MATRIX_SHARE`] of its area.
    pub fixed: bool,
}

/// Whether organisations are named beside their markers or numbered with a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Labels {
    /// Names up to 15 organisations in colour, numbers and a key past that; an
    /// organisation whose name finds no room is numbered too.
    #[default]
    Auto,
    /// Every name beside its marker; a name that finds no room is left out (the caption
    /// counts them).
    All,
    /// No names in the plot: every organisation numbered, with a key.
    None,
}

/// What is drawn around each position to show the spread between respondents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SpreadMode {
    /// An ellipse of ±1 standard deviation on each axis: how far the respondents differ.
    #[default]
    Sd,
    /// A rectangle of the 95 % interval of the mean on each axis (method 2): where the
    /// position lies, given these respondents.
    Interval,
    /// Nothing.
    None,
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
            labels: Labels::Auto,
            spread: None,
            highlight: Vec::new(),
            roles: Vec::new(),
            respondent_ids: Vec::new(),
            facet: false,
            density: false,
            fixed: false,
        }
    }
}

/// Draws `groups` (grouped by organisation, kind and date) on the instrument's matrix.
///
/// With [`PlotOptions::facet`], one small matrix per organisation ([`facets`]) in a grid
/// of up to four columns, under one title and caption.
pub fn render(instrument: &Instrument, groups: &[Group], options: &PlotOptions) -> String {
    if options.facet {
        let options = &privacy::apply(groups, options);
        let (title, description, caption) = scene::facet_texts(instrument, groups, options);
        let scenes = facets(instrument, groups, options);
        return draw::grid(
            &scenes,
            |width| scene::facet_legend(&scenes, options, width),
            &title,
            &description,
            &caption,
        );
    }
    draw::svg(&layout(instrument, groups, options))
}
