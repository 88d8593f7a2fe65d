//! Everything the picture shows, with its place in pixels, before any SVG is written.
//! Keeping the layout apart from the drawing lets tests check it (no overlapping labels)
//! with the same numbers the drawing uses.

use super::geometry::{Frame, Rect, text_height, text_width};
use super::labels::{LabelRequest, Obstacles, PlacedLabel, place};
use super::words::words;
use super::{Labels, PlotOptions, SpreadMode};
use koers::{Group, Instrument, Kind, Lang, Matrix};
use std::collections::{BTreeMap, BTreeSet};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// How a position is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerStyle {
    /// A current position: a filled disc.
    Filled,
    /// An ambition: a ring.
    Hollow,
    /// A position with coverage below 60 %: a grey ring, struck through.
    LowCoverage,
}

/// A position marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Centre, pixels.
    pub at: (f64, f64),
    /// Radius, pixels.
    pub radius: f64,
    /// The organisation's colour.
    pub color: Rgb,
    /// The organisation's shape.
    pub shape: Shape,
    /// How it is drawn.
    pub style: MarkerStyle,
    /// The organisation's number in the key, drawn inside the marker.
    pub number: Option<usize>,
    /// A cluster's letter, drawn inside the marker: the key lists its members.
    pub tag: Option<String>,
    /// The 95 % interval crosses a region boundary (method 2's `certain == Some(false)`):
    /// a dashed ring around the marker.
    pub uncertain: bool,
}

/// An arrow between two positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Start, pixels.
    pub from: (f64, f64),
    /// End (the head), pixels.
    pub to: (f64, f64),
    /// The organisation's colour.
    pub color: Rgb,
    /// Dashed: towards an ambition.
    pub dashed: bool,
}

/// The spread of a group: the ±1 standard deviation ellipse, or the rectangle of the 95 %
/// interval of its mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// Centre, pixels.
    pub at: (f64, f64),
    /// Horizontal radius (half the width), pixels.
    pub rx: f64,
    /// Vertical radius (half the height), pixels.
    pub ry: f64,
    /// The organisation's colour.
    pub color: Rgb,
    /// A rectangle (the 95 % interval) rather than an ellipse (±1 sd).
    pub interval: bool,
}

/// The outline of a position marker: with the colour, it tells organisations apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shape {
    /// A disc.
    Circle,
    /// A square.
    Square,
    /// A triangle, point up.
    TriangleUp,
    /// A diamond.
    Diamond,
    /// A triangle, point down.
    TriangleDown,
    /// A pentagon, point up.
    Pentagon,
}

impl Shape {
    /// Every shape, in the order organisations get them.
    pub const ALL: [Shape; 6] = [
        Shape::Circle,
        Shape::Square,
        Shape::TriangleUp,
        Shape::Diamond,
        Shape::TriangleDown,
        Shape::Pentagon,
    ];

    /// How far the shape reaches from its centre, in radii. The sizes give every shape
    /// about the area of the disc, and room for a number inside.
    pub fn extent(self) -> f64 {
        match self {
            Shape::Circle => 1.0,
            Shape::Square => 0.9 * std::f64::consts::SQRT_2,
            Shape::TriangleUp | Shape::TriangleDown => 1.45,
            Shape::Diamond => 1.3,
            Shape::Pentagon => 1.15,
        }
    }

    /// The corners of the shape around `at` for radius `r`; `None` for the disc.
    pub fn polygon(self, at: (f64, f64), r: f64) -> Option<Vec<(f64, f64)>> {
        let regular = |corners: u32, start_degrees: f64, reach: f64| {
            (0..corners)
                .map(|k| {
                    let t =
                        (start_degrees + 360.0 * f64::from(k) / f64::from(corners)).to_radians();
                    (at.0 + reach * t.cos(), at.1 + reach * t.sin())
                })
                .collect::<Vec<_>>()
        };
        let reach = self.extent() * r;
        match self {
            Shape::Circle => None,
            Shape::Square => Some(regular(4, 45.0, reach)),
            // y grows downwards: −90° is up.
            Shape::TriangleUp => Some(regular(3, -90.0, reach)),
            Shape::TriangleDown => Some(regular(3, 90.0, reach)),
            Shape::Diamond => Some(regular(4, -90.0, reach)),
            Shape::Pentagon => Some(regular(5, -90.0, reach)),
        }
    }
}

/// A respondent's dot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    /// Centre, pixels.
    pub at: (f64, f64),
    /// The organisation's colour, or the role's when roles are known.
    pub color: Rgb,
    /// The respondent's role's shape (a disc when roles are not known).
    pub shape: Shape,
    /// Whether the dot shows a role (then it is larger and stronger).
    pub role: bool,
    /// Whether the dot is a respondent's ambition (a ring) rather than the current
    /// position (a filled dot).
    pub hollow: bool,
}

/// A thin line between the current position and the ambition of one respondent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The current position's dot, pixels.
    pub from: (f64, f64),
    /// The ambition's dot, pixels.
    pub to: (f64, f64),
    /// The organisation's colour.
    pub color: Rgb,
}

/// The radius of a respondent's dot when it shows a role: a shape must be told apart.
pub const ROLE_DOT_RADIUS: f64 = 3.5;

impl Dot {
    /// The dot's radius.
    pub fn radius(&self) -> f64 {
        if self.role {
            ROLE_DOT_RADIUS
        } else {
            DOT_RADIUS
        }
    }
}

impl Marker {
    /// The radius of everything drawn for the marker, its uncertainty ring included.
    pub fn outer_radius(&self) -> f64 {
        let reach = if self.style == MarkerStyle::LowCoverage {
            self.radius
        } else {
            self.radius * self.shape.extent()
        };
        if self.uncertain {
            reach.max(self.radius + UNCERTAIN_RING)
        } else {
            reach
        }
    }
}

/// How far the dashed ring of an uncertain position stands outside its marker.
pub const UNCERTAIN_RING: f64 = 3.5;

impl Spread {
    /// The ellipse as a closed polygon (the first point repeated at the end), clamped to
    /// `plot`: a spread never reaches past the matrix's edge. Drawn and avoided by labels
    /// alike.
    pub fn outline(&self, plot: &Rect) -> Vec<(f64, f64)> {
        const STEPS: u32 = 72;
        if self.interval {
            let rect = self.rect();
            let clamp = |(x, y): (f64, f64)| {
                (
                    x.clamp(plot.x, plot.right()),
                    y.clamp(plot.y, plot.bottom()),
                )
            };
            return [
                (rect.x, rect.y),
                (rect.right(), rect.y),
                (rect.right(), rect.bottom()),
                (rect.x, rect.bottom()),
                (rect.x, rect.y),
            ]
            .into_iter()
            .map(clamp)
            .collect();
        }
        (0..=STEPS)
            .map(|k| {
                let t = f64::from(k % STEPS) / f64::from(STEPS) * std::f64::consts::TAU;
                (
                    (self.at.0 + self.rx * t.cos()).clamp(plot.x, plot.right()),
                    (self.at.1 + self.ry * t.sin()).clamp(plot.y, plot.bottom()),
                )
            })
            .collect()
    }
}

impl Spread {
    /// The box that holds the spread.
    pub fn rect(&self) -> Rect {
        Rect::new(
            self.at.0 - self.rx,
            self.at.1 - self.ry,
            2.0 * self.rx,
            2.0 * self.ry,
        )
    }
}

/// Where a fixed text is anchored horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right edge.
    End,
}

/// What a fixed text is, which decides how it is drawn and what it must not overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// The picture's title.
    Title,
    /// An axis title or a band name.
    Axis,
    /// A tick number.
    Tick,
    /// A region's name inside the plot.
    Region,
    /// A legend entry.
    Legend,
    /// The caption under the picture.
    Caption,
    /// An organisation's name in the key beside the plot.
    Key,
    /// A line of the key that lists a cluster's members.
    Cluster,
}

/// A text at a fixed place (everything but the position labels).
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// The text.
    pub text: String,
    /// The anchor's x, pixels.
    pub x: f64,
    /// The top of the text (or, rotated, the anchor's y), pixels.
    pub y: f64,
    /// Font size, pixels.
    pub size: f64,
    /// Horizontal anchoring.
    pub anchor: Anchor,
    /// Turned a quarter anticlockwise, reading upwards (the y axis texts).
    pub rotated: bool,
    /// What it is.
    pub kind: TextKind,
}

impl TextItem {
    /// The box the text occupies (for an unrotated text).
    pub fn rect(&self) -> Rect {
        let w = if self.kind == TextKind::Title {
            super::font::bold_width(&self.text, self.size)
        } else {
            text_width(&self.text, self.size)
        };
        let x = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        Rect::new(x, self.y, w, text_height(self.size))
    }
}

/// A sample in the legend: the glyph drawn before the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendGlyph {
    /// A filled disc.
    Current,
    /// A ring.
    Ambition,
    /// A grey ring, struck through.
    LowCoverage,
    /// A solid arrow.
    Movement,
    /// A dashed arrow.
    TowardsAmbition,
    /// An ellipse.
    Spread,
    /// A line: a spread on one axis only.
    SpreadOneAxis,
    /// A small dot.
    Respondent,
    /// A small ring: a respondent's ambition.
    RespondentAmbition,
    /// A thin line: one respondent's current position and ambition.
    RespondentLink,
    /// A dashed ring around a disc.
    Uncertain,
    /// A rectangle: the 95 % interval.
    Interval,
    /// A small grey dot: an organisation that is not highlighted.
    Peer,
    /// A cross: the median of the organisations that are not highlighted.
    Median,
    /// A respondent's dot in the shape and colour of a role.
    Role(Shape, Rgb),
    /// A hexagon of the density in the shade of its class (0 the lightest).
    Hex(usize),
}

/// Markers that coincide or nearly coincide (closer than their size), drawn as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Its letter, inside the marker and before its line in the key.
    pub tag: String,
    /// Centre, pixels (the mean of its members' centres).
    pub at: (f64, f64),
    /// The key numbers of its members, ascending.
    pub members: Vec<usize>,
}

/// One hexagon of the density: how many organisations lie in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hex {
    /// Centre, pixels.
    pub at: (f64, f64),
    /// Distance from the centre to a corner, pixels.
    pub radius: f64,
    /// The number of organisations in it.
    pub count: usize,
    /// Its class in [`DENSITY_CLASSES`] (0 the lightest).
    pub class: usize,
}

/// The classes of the density's shading: the lowest count of each. Doubling steps: a
/// reader sees where the sector crowds, and the legend stays four lines.
pub const DENSITY_CLASSES: [usize; 4] = [1, 2, 4, 8];

/// The whole picture, laid out.
#[derive(Debug, Clone)]
pub struct Scene {
    /// Canvas width, pixels.
    pub width: f64,
    /// Canvas height, pixels.
    pub height: f64,
    /// The SVG `<title>`.
    pub title: String,
    /// The SVG `<desc>`: every organisation with its position and region in words.
    pub description: String,
    /// The plot square and its mapping.
    pub frame: Frame,
    /// The regions' rectangles, pixels, in matrix order.
    pub regions: Vec<Rect>,
    /// Lines at band boundaries inside the plot (rungs, x = 50), pixels.
    pub boundaries: Vec<((f64, f64), (f64, f64))>,
    /// Fixed texts.
    pub texts: Vec<TextItem>,
    /// Legend samples, each with its place (the centre of the glyph).
    pub legend: Vec<(LegendGlyph, (f64, f64))>,
    /// Spread ellipses.
    pub spreads: Vec<Spread>,
    /// Individual respondents (faint dots).
    pub dots: Vec<Dot>,
    /// Thin lines from a respondent's current position to the same respondent's ambition.
    pub links: Vec<Link>,
    /// The organisations that are not highlighted (with `--highlight`): small grey points.
    pub peers: Vec<(f64, f64)>,
    /// The median of those organisations' positions: a cross.
    pub median: Option<(f64, f64)>,
    /// The key beside the plot: each numbered organisation's marker (with its number); its
    /// name is a [`TextKind::Key`] text.
    pub key: Vec<Marker>,
    /// Arrows of trajectories and ambitions.
    pub arrows: Vec<Arrow>,
    /// Position markers.
    pub markers: Vec<Marker>,
    /// Position labels, placed.
    pub labels: Vec<PlacedLabel>,
    /// How many labels found no free place and were left out (the caption says so).
    pub dropped: usize,
    /// Clusters of numbered markers that (nearly) coincide.
    pub clusters: Vec<Cluster>,
    /// The density of the organisations drawn as points (`--density`).
    pub hexes: Vec<Hex>,
    /// Every organisation is an unnumbered point: too many for numbers ([`NUMBERED_MAX`]).
    pub points: bool,
}

impl Scene {
    /// The share of the picture's area that the matrix (the plot square) takes.
    pub fn matrix_share(&self) -> f64 {
        self.frame.plot.w * self.frame.plot.h / (self.width * self.height)
    }
}

impl Scene {
    /// The boxes of all texts inside the plot that must not overlap: position labels and
    /// region names.
    pub fn label_boxes(&self) -> Vec<(String, Rect)> {
        self.labels
            .iter()
            .map(|l| (l.text.clone(), l.rect))
            .chain(
                self.texts
                    .iter()
                    .filter(|t| t.kind == TextKind::Region)
                    .map(|t| (t.text.clone(), t.rect())),
            )
            .collect()
    }

    /// The boxes of the markers (and respondent dots) that labels must keep clear of.
    pub fn marker_boxes(&self) -> Vec<Rect> {
        marker_boxes(&self.markers, &self.dots, &self.peers, self.median)
    }
}

/// The boxes of markers, dots, peers and the median: what region names and labels keep
/// clear of. The layout and the overlap tests use this one definition.
fn marker_boxes(
    markers: &[Marker],
    dots: &[Dot],
    peers: &[(f64, f64)],
    median: Option<(f64, f64)>,
) -> Vec<Rect> {
    markers
        .iter()
        .map(|m| Rect::around(m.at.0, m.at.1, m.outer_radius() + 1.0))
        .chain(
            dots.iter()
                .map(|d| Rect::around(d.at.0, d.at.1, d.radius() * d.shape.extent())),
        )
        .chain(peers.iter().map(|p| Rect::around(p.0, p.1, PEER_RADIUS)))
        .chain(median.map(|m| Rect::around(m.0, m.1, MEDIAN_ARM + 1.0)))
        .collect()
}

/// The six Okabe–Ito colours, then indigo and wine from Paul Tol's palettes, a dark brown
/// and near-black: chosen so that every two stay apart for normal vision and for
/// deuteranopia and protanopia alike (the test below simulates both). Past ten
/// organisations the colours repeat with the next [`Shape`].
const PALETTE: [Rgb; 10] = [
    Rgb(0, 114, 178),
    Rgb(213, 94, 0),
    Rgb(0, 158, 115),
    Rgb(204, 121, 167),
    Rgb(230, 159, 0),
    Rgb(86, 180, 233),
    Rgb(51, 34, 136),
    Rgb(136, 34, 85),
    Rgb(102, 51, 0),
    Rgb(40, 40, 40),
];

/// The grey of positions with low coverage.
pub const GREY: Rgb = Rgb(150, 150, 150);
/// The grey of organisations that are not highlighted.
pub const PEER_GREY: Rgb = Rgb(165, 165, 165);
/// The radius of such an organisation's point.
pub const PEER_RADIUS: f64 = 3.0;
/// Half the length of a stroke of the median's cross.
pub const MEDIAN_ARM: f64 = 7.0;
const MARKER_RADIUS: f64 = 6.0;
/// The radius of a marker with a number inside.
const NUMBERED_RADIUS: f64 = 8.0;
/// The radius of a cluster's marker.
const CLUSTER_RADIUS: f64 = 9.0;
/// The most organisations in colour that are numbered. A number must stay legible at
/// 7 pt (9.5 px, [`MIN_TEXT`]) inside its 16-pixel marker: two digits of bold Noto Sans
/// at 9.5 px are about 11 pixels wide, three are 17 and no longer fit. Past this count
/// the organisations become unnumbered points, the picture keeps no key, and the key
/// is a table of its own ([`key_table`](crate::key::key_table)); `--highlight` names the one sought.
pub const NUMBERED_MAX: usize = 99;
/// The smallest font size in the picture, pixels: 7 pt at 0.75 pt per pixel (96 pixels
/// per inch, CSS's pixel; an A4 page's 210 mm are 794 such pixels, a 16:9 slide's 13⅓
/// inches are 1,280).
pub const MIN_TEXT: f64 = 7.0 / 0.75;
/// The least share of the picture's area the matrix keeps when the picture may grow.
pub const MATRIX_SHARE: f64 = 0.5;
/// Past this many organisations in colour, `--labels auto` numbers the markers and names
/// the organisations in a key, and `--spread` is `none` unless asked for: some 150 pixels
/// of name per organisation no longer fit beside their markers on an 800-pixel picture,
/// and the spreads merge into one blob.
pub const CROWD: usize = 15;
/// The radius of a respondent's dot.
pub const DOT_RADIUS: f64 = 2.5;
pub(crate) const LABEL_SIZE: f64 = 12.0;
pub(crate) const KEY_SIZE: f64 = 11.0;
pub(crate) const REGION_SIZE: f64 = 11.0;

/// Lays out the picture of `groups` (grouped by organisation, kind and date) on the
/// instrument's matrix.
///
/// With [`Labels::Auto`] the organisations' names stand beside their markers up to
/// [`CROWD`] organisations in colour; an organisation whose name finds no room, and every
/// one past that number, gets a number inside its marker and a line in the key beside the
/// plot, so that every organisation is either named or keyed.
///
/// Past [`NUMBERED_MAX`] organisations in colour (and not [`Labels::All`]) every
/// organisation is an unnumbered point. Unless [`PlotOptions::fixed`], the picture grows
/// (text sizes kept) until the matrix takes at least [`MATRIX_SHARE`] of its area.
pub fn layout(instrument: &Instrument, groups: &[Group], options: &PlotOptions) -> Scene {
    let options = &crate::privacy::apply(groups, options);
    let mut scene = layout_at(instrument, groups, options);
    if options.fixed {
        return scene;
    }
    let mut grown = options.clone();
    for _ in 0..16 {
        if scene.matrix_share() >= MATRIX_SHARE {
            break;
        }
        // The plot grows with the picture; the texts, legend and key do not.
        grown.width = (f64::from(grown.width) * 1.12).round() as u32;
        grown.height = (f64::from(grown.height) * 1.12).round() as u32;
        scene = layout_at(instrument, groups, &grown);
    }
    scene
}

fn layout_at(instrument: &Instrument, groups: &[Group], options: &PlotOptions) -> Scene {
    let drawn = drawn_ids(groups, options);
    if options.labels != Labels::All && drawn.len() > NUMBERED_MAX {
        // Unnumbered points: the organisations in colour are drawn as peers are.
        return compose(instrument, groups, options, &[], 0, &BTreeSet::new(), false).0;
    }
    let all = || drawn.iter().cloned().collect::<BTreeSet<String>>();
    let mut numbered = match options.labels {
        Labels::All => BTreeSet::new(),
        Labels::None => all(),
        Labels::Auto if drawn.len() > CROWD => all(),
        Labels::Auto => BTreeSet::new(),
    };
    let mut pass = 0;
    loop {
        let (scene, unnamed) = compose(instrument, groups, options, &drawn, 0, &numbered, false);
        if options.labels != Labels::Auto || unnamed.is_empty() {
            return scene;
        }
        // A numbered marker is larger than a plain one, so the next pass may leave out
        // another name; after a few passes every organisation is numbered, which leaves
        // no name to place.
        pass += 1;
        if pass >= 3 {
            numbered = all();
        } else {
            numbered.extend(unnamed);
        }
    }
}

/// One small matrix per organisation (`--facet organisation`): each scene holds one
/// organisation's positions, trajectory, ambition and spread, named by its title, without
/// axis names, legend or caption (the grid around them carries those once). The scenes
/// come in the order of the organisations' ids.
pub fn facets(instrument: &Instrument, groups: &[Group], options: &PlotOptions) -> Vec<Scene> {
    let options = &crate::privacy::apply(groups, options);
    let drawn = drawn_ids(groups, options);
    drawn
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let own: Vec<Group> = groups
                .iter()
                .filter(|g| &g.organisation.id == id)
                .cloned()
                .collect();
            // The per-group lists of the organisation's own groups, in their order.
            let own_lists = |lists: &[Vec<Option<String>>]| -> Vec<Vec<Option<String>>> {
                groups
                    .iter()
                    .zip(lists)
                    .filter(|(g, _)| &g.organisation.id == id)
                    .map(|(_, r)| r.clone())
                    .collect()
            };
            let roles = own_lists(&options.roles);
            let respondent_ids = own_lists(&options.respondent_ids);
            let name = &own[0].organisation.name;
            let title = if own.iter().any(|g| !g.sources.is_empty()) {
                format!("{name} ({})", words(options.lang).reading)
            } else {
                name.clone()
            };
            let cell = PlotOptions {
                title: Some(title),
                labels: Labels::All,
                spread: Some(options.spread.unwrap_or(SpreadMode::Sd)),
                highlight: Vec::new(),
                roles,
                respondent_ids,
                width: FACET_SIZE,
                height: FACET_SIZE,
                ..options.clone()
            };
            let one = std::slice::from_ref(id);
            compose(instrument, &own, &cell, one, i, &BTreeSet::new(), true).0
        })
        .collect()
}

/// The legend under the small multiples: the entries their marks use, once for all,
/// as a scene `width` wide that holds only the legend.
pub(crate) fn facet_legend(scenes: &[Scene], options: &PlotOptions, width: f64) -> Scene {
    let all = |f: fn(&Scene) -> Vec<Marker>| scenes.iter().flat_map(f).collect::<Vec<_>>();
    let markers = all(|s| s.markers.clone());
    let roles_drawn = if options.respondents {
        options
            .roles
            .iter()
            .flatten()
            .map(|r| r.clone().unwrap_or_default())
            .collect()
    } else {
        BTreeSet::new()
    };
    let marks = Marks {
        low_coverage: markers.iter().any(|m| m.style == MarkerStyle::LowCoverage),
        markers,
        arrows: scenes.iter().flat_map(|s| s.arrows.clone()).collect(),
        spreads: scenes.iter().flat_map(|s| s.spreads.clone()).collect(),
        dots: scenes.iter().flat_map(|s| s.dots.clone()).collect(),
        links: scenes.iter().flat_map(|s| s.links.clone()).collect(),
        role_shapes: role_shapes(options),
        roles_drawn,
        ..Marks::default()
    };
    // The legend stands a fixed distance under a plot's bottom edge: a plot frame above
    // the canvas (never drawn inside it) puts the legend at its top.
    let frame = Frame {
        plot: Rect::new(24.0, -160.0, 100.0, 100.0),
    };
    let mut texts = Vec::new();
    let legend = legend(&mut texts, &marks, &frame, width, options.lang);
    let height = texts
        .iter()
        .map(|t| t.y + text_height(t.size))
        .fold(0.0, f64::max)
        + 4.0;
    Scene {
        width,
        height,
        title: String::new(),
        description: String::new(),
        frame,
        regions: Vec::new(),
        boundaries: Vec::new(),
        texts,
        legend,
        spreads: Vec::new(),
        dots: Vec::new(),
        links: Vec::new(),
        peers: Vec::new(),
        median: None,
        key: Vec::new(),
        arrows: Vec::new(),
        markers: Vec::new(),
        labels: Vec::new(),
        dropped: 0,
        clusters: Vec::new(),
        hexes: Vec::new(),
        points: false,
    }
}

/// The title, description and caption lines around the small multiples.
pub(crate) fn facet_texts(
    instrument: &Instrument,
    groups: &[Group],
    options: &PlotOptions,
) -> (String, String, Vec<String>) {
    let lang = options.lang;
    let matrix = &instrument.matrix;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| matrix.title.get(lang).to_string());
    let w = words(lang);
    let caption = format!(
        "{} · x: {} · y: {}: {} · {}: {}, {} {}",
        w.one_per_organisation,
        matrix.x.title(lang),
        matrix.y.label.get(lang),
        matrix.y.title(lang),
        w.instrument,
        instrument.title.get(lang),
        w.version,
        instrument.version,
    );
    let description = describe(&title, instrument, groups, lang);
    // The counts and the sources, as under the single matrix.
    let mut lines = caption_text(instrument, groups, (0, false), lang);
    if let Some((_, counts)) = lines[0].split_once(" · ") {
        let counts = counts.to_string();
        lines[0] = format!("{caption} · {counts}");
    } else {
        lines[0] = caption;
    }
    lines.extend(crate::privacy::note(options));
    let lines = lines
        .iter()
        .flat_map(|line| wrap_to_width(line, CAPTION_SIZE, 4.0 * f64::from(FACET_SIZE)))
        .collect();
    (title, description, lines)
}

/// The width and height of one small matrix of `--facet organisation`, in pixels.
pub const FACET_SIZE: u32 = 330;

/// The organisations drawn in colour, sorted by id: the highlighted ones, or all that have
/// a position.
fn drawn_ids(groups: &[Group], options: &PlotOptions) -> Vec<String> {
    let mut ids: Vec<String> = groups
        .iter()
        .filter(|g| g.position.is_some())
        .filter(|g| options.highlight.is_empty() || options.highlight.contains(&g.organisation.id))
        .map(|g| g.organisation.id.clone())
        .collect();
    ids.sort_unstable_by(|a, b| super::natural::compare(a, b));
    ids.dedup();
    ids
}

/// The number of each organisation in `numbered`: from 1, in the key's order, which is
/// the natural order of the names ([`super::natural`]), then of the ids.
fn key_numbers<'a>(
    groups: &[Group],
    drawn: &'a [String],
    numbered: &BTreeSet<String>,
) -> BTreeMap<&'a str, usize> {
    let name = |id: &str| {
        groups
            .iter()
            .find(|g| g.organisation.id == id)
            .map_or("", |g| g.organisation.name.as_str())
    };
    let mut ids: Vec<&str> = drawn
        .iter()
        .filter(|id| numbered.contains(*id))
        .map(String::as_str)
        .collect();
    ids.sort_by(|a, b| {
        super::natural::compare(name(a), name(b)).then_with(|| super::natural::compare(a, b))
    });
    ids.into_iter()
        .enumerate()
        .map(|(k, id)| (id, k + 1))
        .collect()
}

/// The colour and shape of the `i`-th organisation: the ten colours first, each with
/// the next shape after every ten, so that 60 organisations never share both.
pub fn look(i: usize) -> (Rgb, Shape) {
    (
        PALETTE[i % PALETTE.len()],
        Shape::ALL[(i / PALETTE.len()) % Shape::ALL.len()],
    )
}

/// One pass of the layout with the organisations in `numbered` keyed by number. Returns
/// the scene and the organisations whose name found no room.
fn compose(
    instrument: &Instrument,
    groups: &[Group],
    options: &PlotOptions,
    drawn: &[String],
    first_look: usize,
    numbered: &BTreeSet<String>,
    compact: bool,
) -> (Scene, Vec<String>) {
    let lang = options.lang;
    let matrix = &instrument.matrix;
    let width = f64::from(options.width);
    let height = f64::from(options.height);
    let margins = if compact {
        (30.0, 12.0, 30.0, 22.0)
    } else {
        (112.0, 28.0, 64.0, 190.0)
    };
    let bottom = margins.3;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| matrix.title.get(lang).to_string());
    let MatrixFrame {
        frame,
        mut texts,
        regions,
        boundaries,
    } = matrix_frame(matrix, (width, height), margins, &title, lang, compact);
    let plot = frame.plot;

    // No organisation in colour although some have a position: they are all points.
    let points = drawn.is_empty() && groups.iter().any(|g| g.position.is_some());
    let spread = options.spread.unwrap_or(if drawn.len() > CROWD {
        SpreadMode::None
    } else {
        SpreadMode::Sd
    });
    let mut marks = Marks {
        spread,
        role_shapes: role_shapes(options),
        ..Marks::default()
    };
    let numbers = key_numbers(groups, drawn, numbered);
    for (i, id) in drawn.iter().enumerate() {
        let own: Vec<(usize, &Group)> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| &g.organisation.id == id)
            .collect();
        let key = numbers.get(id.as_str()).copied();
        marks.organisation(&own, look(first_look + i), key, &frame, options);
    }
    marks.keyed.sort_by_key(|k| k.0);
    let clusters = marks.cluster(lang);
    if points || !options.highlight.is_empty() {
        marks.peers(groups, drawn, &frame, !options.highlight.is_empty());
    }
    let hexes = if options.density {
        let hexes = density(&marks.peers, &plot);
        // The shading stands for the points.
        marks.peers.clear();
        hexes
    } else {
        Vec::new()
    };
    marks.points = points;
    marks.hexes = hexes.iter().map(|h| h.class).collect();

    let mut obstacles = Obstacles {
        boxes: marker_boxes(&marks.markers, &marks.dots, &marks.peers, marks.median),
        lines: marks.arrows.iter().map(|a| (a.from, a.to)).collect(),
        ellipses: Vec::new(),
        frames: Vec::new(),
    };
    // A small multiple names its regions too, at the smallest size a print allows.
    let region_size = if compact { MIN_TEXT } else { REGION_SIZE };
    name_regions(
        &mut texts,
        &mut obstacles,
        matrix,
        &regions,
        lang,
        region_size,
    );
    obstacles.ellipses = marks
        .spreads
        .iter()
        .filter(|s| !s.interval)
        .map(|s| (s.at, s.rx, s.ry))
        .collect();
    obstacles.frames = marks
        .spreads
        .iter()
        .filter(|s| s.interval)
        .map(Spread::rect)
        .collect();
    // Names first, then years and ambitions: when the crowd leaves no room, a year goes
    // before a name. Within each, a fixed order (top to bottom, left to right) keeps the
    // picture stable when one organisation is added.
    let mut order: Vec<usize> = (0..marks.requests.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&marks.requests[i], &marks.requests[j]);
        a.priority
            .cmp(&b.priority)
            .then(a.anchor.1.total_cmp(&b.anchor.1))
            .then(a.anchor.0.total_cmp(&b.anchor.0))
            .then(a.text.cmp(&b.text))
    });
    let requests: Vec<LabelRequest> = order.iter().map(|&i| marks.requests[i].clone()).collect();
    let placed = place(&requests, plot.inflate(-2.0), &obstacles);
    let unnamed: Vec<String> = order
        .iter()
        .zip(&placed)
        .filter(|(_, p)| p.is_none())
        .filter_map(|(&i, _)| marks.owners[i].clone())
        .collect();
    let dropped = placed.iter().filter(|p| p.is_none()).count();
    let labels: Vec<PlacedLabel> = placed.into_iter().flatten().collect();

    let notes: Vec<String> = clusters
        .iter()
        .flat_map(|c| {
            wrap_to_width(
                &format!("{}: {}", c.tag, members_text(&c.members)),
                KEY_SIZE,
                240.0,
            )
        })
        .collect();
    let (key, key_right) = key(&mut texts, &marks.keyed, &notes, &frame);
    // The key widens the picture to its right; the title stays centred on the whole.
    let width = width.max((key_right + 16.0).ceil());
    texts[0].x = width / 2.0;
    let (legend, height) = if compact {
        // A small multiple: the matrix, its marks and labels; the grid around it carries
        // the title, the axes and the legend once.
        (Vec::new(), (plot.bottom() + bottom).round())
    } else {
        let legend = legend(&mut texts, &marks, &frame, width, lang);
        let height = caption(
            &mut texts,
            &plot,
            width,
            instrument,
            groups,
            (dropped, points),
            options,
        );
        (legend, height)
    };
    let scene = Scene {
        width,
        height,
        description: describe(&title, instrument, groups, lang),
        title,
        frame,
        regions,
        boundaries,
        texts,
        legend,
        spreads: marks.spreads,
        dots: marks.dots,
        links: marks.links,
        peers: marks.peers,
        median: marks.median,
        key,
        arrows: marks.arrows,
        markers: marks.markers,
        labels,
        dropped,
        clusters,
        hexes,
        points,
    };
    (scene, unnamed)
}

/// The caption under the legend (instrument, version, how many positions, how many names
/// were left out); returns the picture's height, which ends just under it: no empty band,
/// whatever height was asked for.
fn caption(
    texts: &mut Vec<TextItem>,
    plot: &Rect,
    width: f64,
    instrument: &Instrument,
    groups: &[Group],
    (dropped, points): (usize, bool),
    options: &PlotOptions,
) -> f64 {
    let mut lines = caption_text(instrument, groups, (dropped, points), options.lang);
    lines.extend(crate::privacy::note(options));
    place_caption(texts, plot, width, &lines)
}

/// Places caption lines centred under the legend (and under a list beside the plot that
/// runs past it), each wrapped to the picture's width;
/// returns the picture's height, which ends just under them.
pub(crate) fn place_caption(
    texts: &mut Vec<TextItem>,
    plot: &Rect,
    width: f64,
    lines: &[String],
) -> f64 {
    let below = texts
        .iter()
        // The key's lists stay within the plot's height on the matrix picture; the wijk
        // picture's list of stacks may run below it.
        .filter(|t| matches!(t.kind, TextKind::Legend | TextKind::Cluster))
        .map(|t| t.y + text_height(t.size))
        .fold(plot.bottom() + 44.0, f64::max);
    let caption_y = below + 16.0;
    let lines: Vec<String> = lines
        .iter()
        .flat_map(|line| wrap_to_width(line, CAPTION_SIZE, width - 40.0))
        .collect();
    let line_height = text_height(CAPTION_SIZE) + 3.0;
    let height = (caption_y + line_height * lines.len() as f64 + 7.0).round();
    for (k, line) in lines.into_iter().enumerate() {
        texts.push(TextItem {
            text: line,
            x: width / 2.0,
            y: caption_y + line_height * k as f64,
            size: CAPTION_SIZE,
            anchor: Anchor::Middle,
            rotated: false,
            kind: TextKind::Caption,
        });
    }
    height
}

/// The size of the caption's text.
pub(crate) const CAPTION_SIZE: f64 = 11.0;

/// The caption's lines before wrapping: the instrument, how many positions and
/// respondents (counted and left out), how many names were left out; then one line per
/// organisation whose answers are a reading of a source, naming it.
fn caption_text(
    instrument: &Instrument,
    groups: &[Group],
    (dropped, points): (usize, bool),
    lang: Lang,
) -> Vec<String> {
    let placed: Vec<&Group> = groups.iter().filter(|g| g.position.is_some()).collect();
    let shown = placed.len();
    let w = words(lang);
    let mut caption = format!(
        "{}: {}, {} {} · {shown} {}",
        w.instrument,
        instrument.title.get(lang),
        w.version,
        instrument.version,
        if shown == 1 { w.position } else { w.positions }
    );
    let n: usize = placed.iter().map(|g| g.respondents).sum();
    let left_out: usize = placed.iter().map(|g| g.excluded.len()).sum();
    if n > 0 {
        caption.push_str(&format!(" · {}", counted_text(n, left_out, lang)));
    }
    if dropped > 0 {
        caption.push_str(&format!(" · {dropped} {}", w.labels_dropped));
    }
    if points {
        caption.push_str(&format!(" · {}", w.points_key));
    }
    let mut lines = vec![caption];
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for g in &placed {
        for source in &g.sources {
            let pair = (g.organisation.name.as_str(), source.as_str());
            if !seen.contains(&pair) {
                seen.push(pair);
                lines.push(format!("{}: {} ({source})", pair.0, w.reading_note));
            }
        }
    }
    lines
}

/// How many respondents there are, how many count and how many were left out, in a
/// grammatical phrase for none, one, two and many: "n 8, 7 geteld, 1 weggelaten",
/// "n 8, alle geteld", "n 1".
pub fn counted_text(n: usize, left_out: usize, lang: Lang) -> String {
    let w = words(lang);
    match (n, left_out) {
        (n, 0) if n <= 1 => format!("n {n}"),
        (2, 0) => format!("n 2, {}", w.both_counted),
        (n, 0) => format!("n {n}, {}", w.all_counted),
        (n, left) => format!(
            "n {n}, {} {}, {left} {}",
            n.saturating_sub(left),
            w.counted,
            w.left_out
        ),
    }
}

/// The key beside the plot: one row per numbered organisation (its marker with the number,
/// then its name), in columns as high as the plot. Returns the key's markers and its right
/// edge (the plot's, without a key).
fn key(
    texts: &mut Vec<TextItem>,
    keyed: &[(usize, Rgb, Shape, String)],
    notes: &[String],
    frame: &Frame,
) -> (Vec<Marker>, f64) {
    let plot = frame.plot;
    let (row, size, radius) = (20.0, KEY_SIZE, 7.5);
    let rows = ((plot.h / row).floor() as usize).max(1);
    let mut markers = Vec::new();
    let mut x = plot.right() + 24.0;
    let mut right = plot.right();
    // The organisations, then the lines that list the clusters' members.
    let lines: Vec<Option<&(usize, Rgb, Shape, String)>> = keyed
        .iter()
        .map(Some)
        .chain(notes.iter().map(|_| None))
        .collect();
    let mut note = notes.iter();
    for column in lines.chunks(rows) {
        let mut widest: f64 = 0.0;
        for (k, line) in column.iter().enumerate() {
            let y = plot.y + k as f64 * row;
            let Some((number, color, shape, name)) = line else {
                let text = note.next().cloned().unwrap_or_default();
                widest = widest.max(text_width(&text, size) - 24.0);
                texts.push(TextItem {
                    text,
                    x,
                    y: y + (row - text_height(size)) / 2.0,
                    size,
                    anchor: Anchor::Start,
                    rotated: false,
                    kind: TextKind::Cluster,
                });
                continue;
            };
            markers.push(Marker {
                at: (x + 10.0, y + row / 2.0),
                radius,
                color: *color,
                shape: *shape,
                style: MarkerStyle::Filled,
                number: Some(*number),
                uncertain: false,
                tag: None,
            });
            texts.push(TextItem {
                text: name.clone(),
                x: x + 24.0,
                y: y + (row - text_height(size)) / 2.0,
                size,
                anchor: Anchor::Start,
                rotated: false,
                kind: TextKind::Key,
            });
            widest = widest.max(text_width(name, size));
        }
        right = x + 24.0 + widest;
        x = right + 18.0;
    }
    (markers, right)
}

/// A shape and a colour for each role among the respondents, in sorted order (a
/// respondent without a role has the empty role). The colours start at the palette's
/// second, so that the roles of one organisation differ from its own colour.
fn role_shapes(options: &PlotOptions) -> BTreeMap<String, (Shape, Rgb)> {
    if !options.respondents {
        return BTreeMap::new();
    }
    let mut roles: Vec<String> = options
        .roles
        .iter()
        .flatten()
        .map(|r| r.clone().unwrap_or_default())
        .collect();
    // The rule's roles ("overige", not shown) after the respondents' own.
    roles.sort_unstable_by(|a, b| {
        (crate::privacy::is_rule(a), a).cmp(&(crate::privacy::is_rule(b), b))
    });
    roles.dedup();
    roles
        .into_iter()
        .enumerate()
        .map(|(i, role)| {
            let look = if role == crate::privacy::HIDDEN {
                (Shape::Circle, GREY)
            } else {
                (
                    Shape::ALL[i % Shape::ALL.len()],
                    PALETTE[(i + 1) % PALETTE.len()],
                )
            };
            (role, look)
        })
        .collect()
}

/// The matrix without its marks: the plot square, the title, the regions' rectangles, the
/// band edges, and the ticks, band names and axis titles. The picture of organisations
/// and the picture of one organisation's wijken share it, so that both draw the same
/// matrix.
pub(crate) struct MatrixFrame {
    /// The plot square and its mapping.
    pub frame: Frame,
    /// The title (first, so that a widened picture can centre it anew) and the axis texts.
    pub texts: Vec<TextItem>,
    /// The regions' rectangles, in matrix order.
    pub regions: Vec<Rect>,
    /// The band edges inside the plot.
    pub boundaries: Vec<((f64, f64), (f64, f64))>,
}

/// Lays out the matrix of a picture `width` × `height` pixels with the margins (left,
/// right, top, bottom) around the largest plot square that fits, centred between left and
/// right. `compact` is a small multiple: a smaller title, and no band names or axis
/// titles.
pub(crate) fn matrix_frame(
    matrix: &Matrix,
    (width, height): (f64, f64),
    (left, right, top, bottom): (f64, f64, f64, f64),
    title: &str,
    lang: Lang,
    compact: bool,
) -> MatrixFrame {
    let side = (width - left - right).min(height - top - bottom).max(100.0);
    let plot = Rect::new(left + (width - left - right - side) / 2.0, top, side, side);
    let frame = Frame { plot };
    let mut texts = vec![TextItem {
        text: title.to_string(),
        x: width / 2.0,
        y: if compact { 8.0 } else { 20.0 },
        size: if compact { 13.0 } else { 18.0 },
        anchor: Anchor::Middle,
        rotated: false,
        kind: TextKind::Title,
    }];
    let regions: Vec<Rect> = matrix
        .regions
        .iter()
        .map(|r| region_rect(&frame, r))
        .collect();
    let boundaries = boundaries(matrix, &frame);
    axes(&mut texts, matrix, &frame, lang, compact);
    MatrixFrame {
        frame,
        texts,
        regions,
        boundaries,
    }
}

/// Names the regions where the marks in `obstacles` leave room ([`region_names`]) and adds
/// the names to the obstacles, so that no label is placed over them.
pub(crate) fn name_regions(
    texts: &mut Vec<TextItem>,
    obstacles: &mut Obstacles,
    matrix: &Matrix,
    regions: &[Rect],
    lang: Lang,
    size: f64,
) {
    let names = region_names(matrix, regions, obstacles, lang, size);
    obstacles.boxes.extend(names.iter().map(TextItem::rect));
    texts.extend(names);
}

/// Each region's name, in the first top corner (or other spot inside the region, from the
/// top down) where it covers no marker and no arrow crosses it; left out when every spot
/// is taken. A name always stays inside its own region.
pub(crate) fn region_names(
    matrix: &Matrix,
    rects: &[Rect],
    obstacles: &Obstacles,
    lang: Lang,
    size: f64,
) -> Vec<TextItem> {
    let inset = if size < REGION_SIZE { 3.0 } else { 5.0 };
    let line_height = text_height(size);
    let mut names = Vec::new();
    for (region, rect) in matrix.regions.iter().zip(rects) {
        let lines = wrap_to_width(region.label.get(lang), size, rect.w - 2.0 * inset);
        let w = lines
            .iter()
            .map(|l| text_width(l, size))
            .fold(0.0, f64::max);
        let h = line_height * lines.len() as f64;
        let (left, right) = (rect.x + inset, rect.right() - inset - w);
        let (top, bottom) = (rect.y + inset - 1.0, rect.bottom() - inset - h);
        // The top corners first, then every spot of a grid over the region, by rows from
        // the top: a crowded region still finds room for its name. The bottom corners
        // come last, as a name just above a boundary reads as the name of the band below.
        let mut spots = vec![(left, top), (right.max(left), top)];
        let mut y = top;
        while y <= bottom {
            let mut x = left;
            while x <= right {
                spots.push((x, y));
                x += 8.0;
            }
            y += 8.0;
        }
        // Only what lies in the region can be in a name's way: the search per region stays
        // small however many organisations the picture holds.
        let near = rect.inflate(3.0);
        let boxes: Vec<&Rect> = obstacles
            .boxes
            .iter()
            .filter(|b| b.overlaps(&near))
            .collect();
        let crossing: Vec<_> = obstacles
            .lines
            .iter()
            .filter(|(a, b)| super::labels::segment_crosses(*a, *b, &near))
            .collect();
        let free = |(x, y): &(f64, f64)| {
            let block = Rect::new(*x, *y, w, h).inflate(2.0);
            !boxes.iter().any(|m| m.overlaps(&block))
                && !crossing
                    .iter()
                    .any(|(a, b)| super::labels::segment_crosses(*a, *b, &block))
        };
        // No free spot: the name is left out rather than drawn over a marker; the tint and
        // the band names along the axes still tell the region.
        let Some((x, y)) = spots.iter().copied().find(free) else {
            continue;
        };
        for (i, line) in lines.into_iter().enumerate() {
            names.push(TextItem {
                text: line,
                x,
                y: y + i as f64 * line_height,
                size,
                anchor: Anchor::Start,
                rotated: false,
                kind: TextKind::Region,
            });
        }
    }
    names
}

pub(crate) fn region_rect(frame: &Frame, region: &koers::Region) -> Rect {
    let (x0, y0) = frame.px(region.x.low, region.y.high);
    let (x1, y1) = frame.px(region.x.high, region.y.low);
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// The band edges inside the plot, as lines across it.
pub(crate) fn boundaries(matrix: &Matrix, frame: &Frame) -> Vec<((f64, f64), (f64, f64))> {
    let inner = |v: f64| v > 0.0 && v < 100.0;
    let mut lines = Vec::new();
    for edge in band_edges(&matrix.x).into_iter().filter(|v| inner(*v)) {
        lines.push((frame.px(edge, 0.0), frame.px(edge, 100.0)));
    }
    for edge in band_edges(&matrix.y).into_iter().filter(|v| inner(*v)) {
        lines.push((frame.px(0.0, edge), frame.px(100.0, edge)));
    }
    lines
}

fn band_edges(axis: &koers::Axis) -> Vec<f64> {
    let mut edges: Vec<f64> = vec![0.0, 100.0];
    for band in &axis.bands {
        edges.push(band.range.low);
        edges.push(band.range.high);
    }
    edges.sort_by(f64::total_cmp);
    edges.dedup();
    edges
}

/// Tick numbers at the band edges, band names along the axes, and the axis titles.
pub(crate) fn axes(
    texts: &mut Vec<TextItem>,
    matrix: &Matrix,
    frame: &Frame,
    lang: Lang,
    compact: bool,
) {
    let plot = frame.plot;
    let text =
        |text: String, x: f64, y: f64, size: f64, anchor: Anchor, rotated: bool, kind: TextKind| {
            TextItem {
                text,
                x,
                y,
                size,
                anchor,
                rotated,
                kind,
            }
        };
    for edge in band_edges(&matrix.x) {
        let (x, y) = frame.px(edge, 0.0);
        texts.push(text(
            format!("{edge}"),
            x,
            y + 4.0,
            10.0,
            Anchor::Middle,
            false,
            TextKind::Tick,
        ));
    }
    for edge in band_edges(&matrix.y) {
        let (x, y) = frame.px(0.0, edge);
        texts.push(text(
            format!("{edge}"),
            x - 5.0,
            y - 6.0,
            10.0,
            Anchor::End,
            false,
            TextKind::Tick,
        ));
    }
    if compact {
        return;
    }
    for band in &matrix.x.bands {
        let (x, y) = frame.px(band.range.mid(), 0.0);
        texts.push(text(
            band.label.get(lang).to_string(),
            x,
            y + 18.0,
            12.0,
            Anchor::Middle,
            false,
            TextKind::Axis,
        ));
    }
    for band in &matrix.y.bands {
        let (x, y) = frame.px(0.0, band.range.mid());
        texts.push(text(
            band.label.get(lang).to_string(),
            x - 46.0,
            y,
            12.0,
            Anchor::Middle,
            true,
            TextKind::Axis,
        ));
    }
    texts.push(text(
        matrix.x.title(lang),
        plot.x + plot.w / 2.0,
        plot.bottom() + 38.0,
        14.0,
        Anchor::Middle,
        false,
        TextKind::Axis,
    ));
    texts.push(text(
        format!("{}: {}", matrix.y.label.get(lang), matrix.y.title(lang)),
        plot.x - 84.0,
        plot.y + plot.h / 2.0,
        14.0,
        Anchor::Middle,
        true,
        TextKind::Axis,
    ));
}

/// The marks collected while walking the organisations.
#[derive(Default)]
struct Marks {
    markers: Vec<Marker>,
    arrows: Vec<Arrow>,
    spreads: Vec<Spread>,
    dots: Vec<Dot>,
    links: Vec<Link>,
    requests: Vec<LabelRequest>,
    /// For each request, the organisation whose name it is (`None` for a year or an
    /// ambition).
    owners: Vec<Option<String>>,
    low_coverage: bool,
    spread: SpreadMode,
    role_shapes: BTreeMap<String, (Shape, Rgb)>,
    /// The roles whose dots were drawn.
    roles_drawn: BTreeSet<String>,
    /// Number, colour, shape and name of each organisation in the key.
    keyed: Vec<(usize, Rgb, Shape, String)>,
    peers: Vec<(f64, f64)>,
    median: Option<(f64, f64)>,
    /// Every organisation is a point (the legend says so).
    points: bool,
    /// The classes of the density's hexagons (the legend shows those used).
    hexes: Vec<usize>,
}

impl Marks {
    /// Replaces numbered markers that coincide or nearly coincide (closer than the sum
    /// of their reaches, so that they would touch) by one marker per cluster, with a
    /// letter inside and a label beside that lists its members; returns the clusters.
    fn cluster(&mut self, lang: Lang) -> Vec<Cluster> {
        let numbered: Vec<usize> = (0..self.markers.len())
            .filter(|&i| self.markers[i].number.is_some())
            .collect();
        let mut parent: Vec<usize> = (0..numbered.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        // At most NUMBERED_MAX markers: every pair is cheap.
        for a in 0..numbered.len() {
            for b in a + 1..numbered.len() {
                let (m, n) = (&self.markers[numbered[a]], &self.markers[numbered[b]]);
                let d = ((m.at.0 - n.at.0).powi(2) + (m.at.1 - n.at.1).powi(2)).sqrt();
                if d < m.outer_radius() + n.outer_radius() {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
        let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, &marker) in numbered.iter().enumerate() {
            let r = root(&mut parent, k);
            sets.entry(r).or_default().push(marker);
        }
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut gone = BTreeSet::new();
        for set in sets.values().filter(|s| s.len() > 1) {
            let n = set.len() as f64;
            let at = (
                set.iter().map(|&i| self.markers[i].at.0).sum::<f64>() / n,
                set.iter().map(|&i| self.markers[i].at.1).sum::<f64>() / n,
            );
            let mut members: Vec<usize> =
                set.iter().filter_map(|&i| self.markers[i].number).collect();
            members.sort_unstable();
            gone.extend(set.iter().copied());
            clusters.push(Cluster {
                tag: String::new(),
                at,
                members,
            });
        }
        // Letters from the top left, reading order.
        clusters.sort_by(|a, b| a.at.1.total_cmp(&b.at.1).then(a.at.0.total_cmp(&b.at.0)));
        self.markers = std::mem::take(&mut self.markers)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !gone.contains(i))
            .map(|(_, m)| m)
            .collect();
        for (k, cluster) in clusters.iter_mut().enumerate() {
            cluster.tag = letter(k);
            let list = members_text(&cluster.members);
            let text = if text_width(&list, LABEL_SIZE) <= 150.0 {
                list
            } else {
                format!(
                    "{} {} ({})",
                    cluster.members.len(),
                    words(lang).organisations,
                    cluster.tag
                )
            };
            self.markers.push(Marker {
                at: cluster.at,
                radius: CLUSTER_RADIUS,
                color: Rgb(40, 40, 40),
                shape: Shape::Circle,
                style: MarkerStyle::Hollow,
                number: None,
                uncertain: false,
                tag: Some(cluster.tag.clone()),
            });
            // A cluster's label goes first: its members are found through it.
            self.requests.push(LabelRequest {
                text,
                size: LABEL_SIZE,
                anchor: cluster.at,
                radius: CLUSTER_RADIUS,
                priority: 0,
            });
            self.owners.push(None);
        }
        clusters
    }

    /// Draws one organisation: its positions, its trajectory, its ambitions. With a
    /// `number`, the marker of its latest position carries the number and the name goes
    /// into the key.
    fn organisation(
        &mut self,
        own: &[(usize, &Group)],
        (color, shape): (Rgb, Shape),
        number: Option<usize>,
        frame: &Frame,
        options: &PlotOptions,
    ) {
        let words = words(options.lang);
        let placed = |g: &&(usize, &Group)| g.1.position.is_some();
        let mut current: Vec<(usize, &Group)> = own
            .iter()
            .filter(placed)
            .filter(|g| g.1.kind == Kind::Current)
            .copied()
            .collect();
        current.sort_by_key(|g| g.1.date);
        let mut ambitions: Vec<(usize, &Group)> = own
            .iter()
            .filter(placed)
            .filter(|g| g.1.kind == Kind::Ambition)
            .copied()
            .collect();
        ambitions.sort_by_key(|g| g.1.date);
        let Some(first) = current.first().or(ambitions.first()) else {
            return;
        };
        // A reading of someone else's text is never shown as the organisation's own
        // assessment: its name says so wherever it stands (label or key).
        let name = if own.iter().any(|g| !g.1.sources.is_empty()) {
            format!("{} ({})", first.1.organisation.name, words.reading)
        } else {
            first.1.organisation.name.clone()
        };
        let id = first.1.organisation.id.clone();
        let trajectory = current.len() > 1;
        if let Some(n) = number {
            self.keyed.push((n, color, shape, name.clone()));
        }
        let look = Look {
            color,
            shape,
            number: None,
        };

        for (i, &(index, group)) in current.iter().enumerate() {
            let latest = i + 1 == current.len();
            let look = Look {
                number: number.filter(|_| latest),
                ..look
            };
            let at = self.position(index, group, look, frame, options, MarkerStyle::Filled);
            let radius = look.radius();
            match (number, trajectory, latest) {
                // A small multiple's title names the organisation: its labels say when.
                _ if options.facet => self.label(period(group), at, radius, None),
                (None, false, _) => self.label(name.clone(), at, radius, Some(&id)),
                (None, true, true) => {
                    self.label(format!("{name} {}", period(group)), at, radius, Some(&id));
                }
                (_, true, _) => self.label(period(group), at, radius, None),
                (Some(_), false, _) => {}
            }
        }
        for pair in current.windows(2) {
            // An insufficiently answered position has no place to move from or to.
            if !pair[0].1.is_reliable() || !pair[1].1.is_reliable() {
                continue;
            }
            let gap = |g: &(usize, &Group)| {
                let numbered = number.is_some() && std::ptr::eq(g.1, current[current.len() - 1].1);
                Look {
                    number: numbered.then_some(0),
                    ..look
                }
                .reach()
            };
            self.arrow(
                pair[0].1,
                pair[1].1,
                color,
                false,
                (gap(&pair[0]), gap(&pair[1])),
                frame,
            );
        }
        for (i, &(index, ambition)) in ambitions.iter().enumerate() {
            // Without a current position, the latest ambition carries the number.
            let numbered = current.is_empty() && i + 1 == ambitions.len();
            let look = Look {
                number: number.filter(|_| numbered),
                ..look
            };
            let at = self.position(index, ambition, look, frame, options, MarkerStyle::Hollow);
            if current.is_empty() && number.is_none() && !options.facet {
                self.label(
                    format!("{name} ({} {})", words.ambition, ambition_period(ambition)),
                    at,
                    look.radius(),
                    Some(&id),
                );
            } else {
                self.label(
                    format!("{} {}", words.ambition, ambition_period(ambition)),
                    at,
                    look.radius(),
                    None,
                );
            }
            // The ambition is reached from the latest current position made before it.
            if let Some(&(from_index, from)) = current
                .iter()
                .rev()
                .find(|c| c.1.date <= ambition.date)
                .or(current.last())
            {
                if options.respondents {
                    self.link((from_index, from), (index, ambition), color, frame, options);
                }
                // An insufficiently answered position gets no arrow, either way.
                if !from.is_reliable() || !ambition.is_reliable() {
                    continue;
                }
                let from_look = Look {
                    number: number.filter(|_| std::ptr::eq(from, current[current.len() - 1].1)),
                    ..look
                };
                self.arrow(
                    from,
                    ambition,
                    color,
                    true,
                    (from_look.reach(), look.reach()),
                    frame,
                );
            }
        }
    }

    /// The other organisations (with `--highlight`): each one's latest current position
    /// (or latest position of any kind) as a small grey point, and their median.
    fn peers(&mut self, groups: &[Group], drawn: &[String], frame: &Frame, median: bool) {
        let mut latest: BTreeMap<&str, &Group> = BTreeMap::new();
        for g in groups.iter().filter(|g| g.position.is_some()) {
            if drawn.contains(&g.organisation.id) {
                continue;
            }
            let rank = |g: &Group| (g.kind == Kind::Current, g.date);
            let entry = latest.entry(g.organisation.id.as_str()).or_insert(g);
            if rank(g) > rank(entry) {
                *entry = g;
            }
        }
        let points: Vec<koers::Point> = latest.values().filter_map(|g| g.position).collect();
        self.peers = points.iter().map(|p| frame.px(p.x, p.y)).collect();
        if median && points.len() >= 2 {
            let median = |mut v: Vec<f64>| {
                v.sort_by(f64::total_cmp);
                let n = v.len();
                if n % 2 == 1 {
                    v[n / 2]
                } else {
                    (v[n / 2 - 1] + v[n / 2]) / 2.0
                }
            };
            let x = median(points.iter().map(|p| p.x).collect());
            let y = median(points.iter().map(|p| p.y).collect());
            self.median = Some(frame.px(x, y));
        }
    }

    fn position(
        &mut self,
        index: usize,
        group: &Group,
        look: Look,
        frame: &Frame,
        options: &PlotOptions,
        style: MarkerStyle,
    ) -> (f64, f64) {
        let position = group.position.expect("only placed groups are drawn");
        let at = frame.px(position.x, position.y);
        let style = if group.is_reliable() {
            style
        } else {
            self.low_coverage = true;
            MarkerStyle::LowCoverage
        };
        match self.spread {
            // An insufficiently answered position has no spread to show.
            _ if !group.is_reliable() => {}
            SpreadMode::Sd if group.respondents > 1 => {
                let (sx, sy) = frame.scale();
                let (rx, ry) = (
                    group.spread.x.unwrap_or(0.0) * sx,
                    group.spread.y.unwrap_or(0.0) * sy,
                );
                if rx > 0.0 || ry > 0.0 {
                    self.spreads.push(Spread {
                        at,
                        rx,
                        ry,
                        color: look.color,
                        interval: false,
                    });
                }
            }
            SpreadMode::Interval => {
                let interval = |s: &Option<koers::Stats>| s.as_ref().and_then(|s| s.interval);
                // An axis without an interval beside one with it (a register's ladder: a
                // record is not a sample) is drawn flat, at the position.
                let (ix, iy) = (interval(&group.stats.x), interval(&group.stats.y));
                if ix.is_some() || iy.is_some() {
                    let flat = |at: f64| koers::Interval { low: at, high: at };
                    let ix = ix.unwrap_or(flat(position.x));
                    let iy = iy.unwrap_or(flat(position.y));
                    let (x0, y0) = frame.px(ix.low, iy.high);
                    let (x1, y1) = frame.px(ix.high, iy.low);
                    if x1 > x0 || y1 > y0 {
                        self.spreads.push(Spread {
                            at: ((x0 + x1) / 2.0, (y0 + y1) / 2.0),
                            rx: (x1 - x0) / 2.0,
                            ry: (y1 - y0) / 2.0,
                            color: look.color,
                            interval: true,
                        });
                    }
                }
            }
            _ => {}
        }
        if options.respondents {
            let roles = options.roles.get(index);
            for (k, point) in group.points.iter().enumerate() {
                let role = roles
                    .and_then(|r| r.get(k))
                    .map(|role| role.clone().unwrap_or_default());
                let (shape, color) = match role.as_ref().and_then(|role| self.role_shapes.get(role))
                {
                    Some(&found) => found,
                    None => (Shape::Circle, look.color),
                };
                if let Some(role) = role {
                    self.roles_drawn.insert(role);
                }
                self.dots.push(Dot {
                    at: frame.px(point.x, point.y),
                    color,
                    shape,
                    role: !self.role_shapes.is_empty(),
                    hollow: style == MarkerStyle::Hollow || group.kind == Kind::Ambition,
                });
            }
        }
        self.markers.push(Marker {
            at,
            radius: look.radius(),
            color: look.color,
            shape: look.shape,
            style,
            number: look.number,
            uncertain: group.is_reliable() && group.fixed == Some(false),
            tag: None,
        });
        at
    }

    /// Thin lines between each respondent's current position and ambition: the
    /// respondents of `ambition` and `current` with the same code.
    fn link(
        &mut self,
        current: (usize, &Group),
        ambition: (usize, &Group),
        color: Rgb,
        frame: &Frame,
        options: &PlotOptions,
    ) {
        let coded = |(index, group): (usize, &Group)| -> Vec<(String, (f64, f64))> {
            let Some(codes) = options.respondent_ids.get(index) else {
                return Vec::new();
            };
            group
                .points
                .iter()
                .zip(codes)
                .filter_map(|(p, code)| code.clone().map(|c| (c, frame.px(p.x, p.y))))
                .collect()
        };
        let before = coded(current);
        for (code, to) in coded(ambition) {
            if let Some((_, from)) = before.iter().find(|(c, _)| *c == code) {
                self.links.push(Link {
                    from: *from,
                    to,
                    color,
                });
            }
        }
    }

    fn label(&mut self, text: String, anchor: (f64, f64), radius: f64, owner: Option<&str>) {
        self.requests.push(LabelRequest {
            text,
            size: LABEL_SIZE,
            anchor,
            radius,
            priority: u8::from(owner.is_none()),
        });
        self.owners.push(owner.map(str::to_string));
    }

    /// An arrow between two positions, `gaps` short of their centres.
    fn arrow(
        &mut self,
        from: &Group,
        to: &Group,
        color: Rgb,
        dashed: bool,
        gaps: (f64, f64),
        frame: &Frame,
    ) {
        let (Some(a), Some(b)) = (from.position, to.position) else {
            return;
        };
        let (a, b) = (frame.px(a.x, a.y), frame.px(b.x, b.y));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        // Too short to show a direction: the markers overlap anyway.
        if len <= gaps.0 + gaps.1 + 2.0 {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        self.arrows.push(Arrow {
            from: (a.0 + ux * gaps.0, a.1 + uy * gaps.0),
            to: (b.0 - ux * gaps.1, b.1 - uy * gaps.1),
            color,
            dashed,
        });
    }
}

/// How one marker of an organisation is drawn.
#[derive(Clone, Copy)]
struct Look {
    color: Rgb,
    shape: Shape,
    number: Option<usize>,
}

impl Look {
    /// A numbered marker is larger, to hold its number.
    fn radius(&self) -> f64 {
        if self.number.is_some() {
            NUMBERED_RADIUS
        } else {
            MARKER_RADIUS
        }
    }

    /// How far short of the marker's centre an arrow stops.
    fn reach(&self) -> f64 {
        self.radius() * self.shape.extent() + 2.0
    }
}

/// The legend under the axis title: only the entries the picture uses, in rows.
fn legend(
    texts: &mut Vec<TextItem>,
    marks: &Marks,
    frame: &Frame,
    width: f64,
    lang: Lang,
) -> Vec<(LegendGlyph, (f64, f64))> {
    let w = words(lang);
    let mut entries: Vec<(LegendGlyph, String)> = Vec::new();
    let mut entry = |glyph: LegendGlyph, text: &str| entries.push((glyph, text.to_string()));
    if marks.markers.iter().any(|m| m.style == MarkerStyle::Filled) {
        entry(LegendGlyph::Current, w.current);
    }
    // A cluster's ring (it has a letter) is not an ambition.
    if marks
        .markers
        .iter()
        .any(|m| m.style == MarkerStyle::Hollow && m.tag.is_none())
        || marks.arrows.iter().any(|a| a.dashed)
    {
        entry(LegendGlyph::Ambition, w.ambition);
    }
    if marks.low_coverage {
        entry(LegendGlyph::LowCoverage, w.low_coverage);
    }
    if marks.arrows.iter().any(|a| !a.dashed) {
        entry(LegendGlyph::Movement, w.movement);
    }
    if marks.arrows.iter().any(|a| a.dashed) {
        entry(LegendGlyph::TowardsAmbition, w.towards_ambition);
    }
    if marks.markers.iter().any(|m| m.uncertain) {
        entry(LegendGlyph::Uncertain, w.uncertain_short);
    }
    // An ellipse with no height (or width) is drawn as a line, and a reader looks for it
    // in the legend: Groenstede's y comes from its register and has no spread.
    let flat = |s: &Spread| s.rx == 0.0 || s.ry == 0.0;
    if marks.spreads.iter().any(|s| !s.interval && !flat(s)) {
        entry(LegendGlyph::Spread, w.spread);
    }
    if marks.spreads.iter().any(|s| !s.interval && flat(s)) {
        entry(LegendGlyph::SpreadOneAxis, w.spread_one_axis);
    }
    if marks.spreads.iter().any(|s| s.interval) {
        entry(LegendGlyph::Interval, w.interval);
    }
    if !marks.peers.is_empty() {
        entry(
            LegendGlyph::Peer,
            if marks.points { w.points } else { w.peers },
        );
    }
    for (class, low) in DENSITY_CLASSES.iter().enumerate() {
        if !marks.hexes.contains(&class) {
            continue;
        }
        let text = match DENSITY_CLASSES.get(class + 1) {
            _ if class == 0 && DENSITY_CLASSES[1] == 2 => w.density_one.to_string(),
            Some(next) if next - 1 > *low => format!("{low}–{} {}", next - 1, w.density_many),
            Some(_) => format!("{low} {}", w.density_many),
            None => format!("{low} {} {}", w.or_more, w.density_many),
        };
        entry(LegendGlyph::Hex(class), &text);
    }
    if marks.median.is_some() {
        entry(LegendGlyph::Median, w.median);
    }
    let ambitions = marks.dots.iter().any(|d| d.hollow);
    if marks.roles_drawn.is_empty() {
        if marks.dots.iter().any(|d| !d.hollow) {
            entry(
                LegendGlyph::Respondent,
                if ambitions {
                    w.respondent_current
                } else {
                    w.respondent
                },
            );
        }
    } else {
        let mut drawn: Vec<&String> = marks.roles_drawn.iter().collect();
        drawn.sort_by_key(|role| (crate::privacy::is_rule(role), *role));
        for role in drawn {
            let (shape, color) = marks
                .role_shapes
                .get(role)
                .copied()
                .unwrap_or((Shape::Circle, GREY));
            let text = if let Some(text) = crate::privacy::legend_text(role, lang) {
                text.to_string()
            } else if role.is_empty() {
                w.no_role.to_string()
            } else {
                format!("{}: {role}", w.respondent)
            };
            entries.push((LegendGlyph::Role(shape, color), text));
        }
    }
    if ambitions {
        entries.push((
            LegendGlyph::RespondentAmbition,
            w.respondent_ambition.to_string(),
        ));
    }
    if !marks.links.is_empty() {
        entries.push((LegendGlyph::RespondentLink, w.respondent_link.to_string()));
    }
    let size = 12.0;
    let glyph = 26.0;
    let row_height = 20.0;
    let left = frame.plot.x;
    let items: Vec<f64> = entries
        .iter()
        .map(|(_, text)| glyph + text_width(text, size) + 18.0)
        .collect();
    // The rows the entries take when a row may be `limit` wide.
    let rows = |limit: f64| {
        let (mut x, mut rows) = (0.0, 1);
        for item in &items {
            if x + item > limit && x > 0.0 {
                x = 0.0;
                rows += 1;
            }
            x += item;
        }
        rows
    };
    // As narrow as the same number of rows allows: the rows come out even, and no entry
    // stands alone on the last one while the rows above are full.
    let mut limit = width - 20.0 - left;
    let needed = rows(limit);
    while limit > 100.0 && rows(limit - 8.0) == needed {
        limit -= 8.0;
    }
    let right = left + limit;
    let mut placed = Vec::new();
    let (mut x, mut y) = (left, frame.plot.bottom() + 66.0);
    for ((kind, text), item) in entries.into_iter().zip(items) {
        if x + item > right && x > left {
            x = left;
            y += row_height;
        }
        placed.push((kind, (x + glyph / 2.0 - 4.0, y + text_height(size) / 2.0)));
        texts.push(TextItem {
            text,
            x: x + glyph,
            y,
            size,
            anchor: Anchor::Start,
            rotated: false,
            kind: TextKind::Legend,
        });
        x += item;
    }
    placed
}

/// Splits a label into lines that fit `width` at the given size, at spaces.
pub(crate) fn wrap_to_width(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("starts non-empty");
        let candidate = if last.is_empty() {
            word.to_string()
        } else {
            format!("{last} {word}")
        };
        if text_width(&candidate, size) > width && !last.is_empty() {
            lines.push(word.to_string());
        } else {
            *last = candidate;
        }
    }
    lines
}

/// The `<desc>`: the matrix and every organisation's position and region in words.
fn describe(title: &str, instrument: &Instrument, groups: &[Group], lang: Lang) -> String {
    let w = words(lang);
    let matrix = &instrument.matrix;
    let number = |v: f64| koers::number::fixed(v, 1, lang);
    // The title is the matrix's name unless --title gave another; say each only once.
    let heading = if title == matrix.title.get(lang) {
        title.to_string()
    } else {
        format!("{title}. {}", matrix.title.get(lang))
    };
    let mut out = format!(
        "{heading}: x = {} ({}), y = {} ({}).",
        matrix.x.label.get(lang),
        matrix.x.title(lang),
        matrix.y.label.get(lang),
        matrix.y.title(lang),
    );
    for g in groups {
        let kind = match g.kind {
            Kind::Current => w.current,
            Kind::Ambition => w.ambition,
        };
        // An ambition with a horizon is named by it ("ambitie 2030"), made when it was.
        let horizon = g.horizon.filter(|_| g.kind == Kind::Ambition);
        match (&g.round, horizon) {
            (Some(round), Some(year)) => out.push_str(&format!(
                " {}, {kind} {year} ({round}, {}): ",
                g.organisation.name, g.date
            )),
            (Some(round), None) => out.push_str(&format!(
                " {}, {kind} {round} ({}): ",
                g.organisation.name, g.date
            )),
            (None, Some(year)) => out.push_str(&format!(
                " {}, {kind} {year} ({}): ",
                g.organisation.name, g.date
            )),
            (None, None) => out.push_str(&format!(" {}, {kind} {}: ", g.organisation.name, g.date)),
        }
        match &g.position {
            Some(p) => {
                out.push_str(&format!("x {}, y {}", number(p.x), number(p.y)));
                if !g.is_reliable() {
                    // No region, no spread, no arrow: only that it is too little answered.
                    out.push_str(&format!(", {}", w.unreliable));
                } else if let Some(region) = &g.region {
                    out.push_str(&format!(", {} {}", w.region, region.label.get(lang)));
                }
                if g.respondents > 1 {
                    out.push_str(&format!(", {} {}", g.respondents, w.respondents));
                }
                if g.is_reliable() && g.fixed == Some(false) {
                    out.push_str(&format!(", {}", w.uncertain));
                }
                for source in &g.sources {
                    out.push_str(&format!(", {}: {source}", w.reading_note));
                }
                out.push('.');
            }
            None => out.push_str(&format!("{}.", w.no_position)),
        }
    }
    out
}

/// A cluster's letter: A to Z, then AA, AB, ...
fn letter(k: usize) -> String {
    let mut out = String::new();
    let mut k = k + 1;
    while k > 0 {
        k -= 1;
        out.insert(0, char::from(b'A' + (k % 26) as u8));
        k /= 26;
    }
    out
}

/// Key numbers as a reader scans them: "12, 14, 31", or runs of three and more as
/// "12–14", then the count in brackets when a run hides some ("12–14 (3)").
pub fn members_text(members: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut ranged = false;
    let mut i = 0;
    while i < members.len() {
        let mut j = i;
        while j + 1 < members.len() && members[j + 1] == members[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}–{}", members[i], members[j]));
            ranged = true;
        } else {
            parts.extend(members[i..=j].iter().map(usize::to_string));
        }
        i = j + 1;
    }
    let list = parts.join(", ");
    if ranged {
        format!("{list} ({})", members.len())
    } else {
        list
    }
}

/// Hexagonal bins of `points` over the plot. Hexagons rather than a kernel density: each
/// shade is an exact count of organisations that a reader can check against the legend,
/// there is no bandwidth to choose (which would smooth the sector into shapes that
/// depend on it), and binning is one pass over the points. Hexagons, not squares: their
/// centres are equally far from all neighbours, so the shading has no grid direction.
fn density(points: &[(f64, f64)], plot: &Rect) -> Vec<Hex> {
    if points.is_empty() {
        return Vec::new();
    }
    // 24 hexagons across: about four matrix points each, finer than a region's band.
    let r = plot.w / 24.0 / 3f64.sqrt();
    let (dx, dy) = (3f64.sqrt() * r, 1.5 * r);
    let mut counts: BTreeMap<(i64, i64), usize> = BTreeMap::new();
    let centre = |row: i64, col: i64| {
        let shift = if row.rem_euclid(2) == 1 {
            dx / 2.0
        } else {
            0.0
        };
        (
            plot.x + col as f64 * dx + shift,
            plot.bottom() - row as f64 * dy,
        )
    };
    for &(x, y) in points {
        // The nearest centre among the candidates of the two nearest rows.
        let row0 = ((plot.bottom() - y) / dy).floor() as i64;
        let mut best = (f64::INFINITY, (0, 0));
        for row in row0 - 1..=row0 + 1 {
            let shift = if row.rem_euclid(2) == 1 {
                dx / 2.0
            } else {
                0.0
            };
            let col0 = ((x - plot.x - shift) / dx).round() as i64;
            for col in col0 - 1..=col0 + 1 {
                let c = centre(row, col);
                let d = (c.0 - x).powi(2) + (c.1 - y).powi(2);
                if d < best.0 {
                    best = (d, (row, col));
                }
            }
        }
        *counts.entry(best.1).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((row, col), count)| Hex {
            at: centre(row, col),
            radius: r,
            count,
            class: DENSITY_CLASSES
                .iter()
                .rposition(|&c| count >= c)
                .unwrap_or(0),
        })
        .collect()
}

/// What a label says of when an ambition aims: its horizon ("2030") when it names one,
/// else when it was made.
fn ambition_period(group: &Group) -> String {
    group
        .horizon
        .map_or_else(|| period(group), |year| year.to_string())
}

/// What a label says of when a group answered: its round's name, or the year.
fn period(group: &Group) -> String {
    group
        .round
        .clone()
        .unwrap_or_else(|| group.date.year().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The colour as seen with full deuteranopia or protanopia (Machado, Oliveira and
    /// Fernandes 2009, severity 1, applied in linear RGB), or as is.
    fn seen(c: Rgb, vision: usize) -> [f64; 3] {
        const MATRICES: [[[f64; 3]; 3]; 3] = [
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        ];
        let linear = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let encode = |v: f64| {
            let v = v.clamp(0.0, 1.0);
            255.0
                * if v <= 0.0031308 {
                    12.92 * v
                } else {
                    1.055 * v.powf(1.0 / 2.4) - 0.055
                }
        };
        let l = [linear(c.0), linear(c.1), linear(c.2)];
        let m = MATRICES[vision];
        [0, 1, 2].map(|i| encode(m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]))
    }

    #[test]
    fn the_palette_stays_apart_for_red_green_colour_blindness() {
        // The old palette's blue and purple came 41 apart for deuteranopia.
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                for vision in 0..3 {
                    let (p, q) = (seen(*a, vision), seen(*b, vision));
                    let d = p
                        .iter()
                        .zip(&q)
                        .map(|(x, y)| (x - y).powi(2))
                        .sum::<f64>()
                        .sqrt();
                    assert!(
                        d > 50.0,
                        "{a:?} and {b:?} are {d:.0} apart (vision {vision})"
                    );
                }
            }
        }
    }

    #[test]
    fn sixty_organisations_never_share_colour_and_shape() {
        let looks: BTreeSet<(u8, u8, u8, Shape)> = (0..60)
            .map(|i| {
                let (c, s) = look(i);
                (c.0, c.1, c.2, s)
            })
            .collect();
        assert_eq!(looks.len(), 60);
        // The first ten are the discs of old: a picture of a few organisations is unchanged.
        assert!((0..10).all(|i| look(i).1 == Shape::Circle));
    }

    #[test]
    fn no_two_palette_colours_nearly_repeat() {
        // The old entries 8 and 9 were 58 and 19 apart from entries 1 and 3 (RGB distance).
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                let d = ((f64::from(a.0) - f64::from(b.0)).powi(2)
                    + (f64::from(a.1) - f64::from(b.1)).powi(2)
                    + (f64::from(a.2) - f64::from(b.2)).powi(2))
                .sqrt();
                assert!(d > 60.0, "{a:?} and {b:?} are {d:.0} apart");
            }
        }
    }
}
