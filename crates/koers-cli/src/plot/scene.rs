//! Everything the picture shows, with its place in pixels, before any SVG is written.
//! Keeping the layout apart from the drawing lets tests check it (no overlapping labels)
//! with the same numbers the drawing uses.

use super::PlotOptions;
use super::geometry::{Frame, Rect, text_height, text_width};
use super::labels::{LabelRequest, Obstacles, PlacedLabel, place};
use super::words::words;
use koers::{Group, Instrument, Kind, Lang, Matrix};
use std::collections::BTreeMap;

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
    /// How it is drawn.
    pub style: MarkerStyle,
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

/// The ±1 standard deviation ellipse of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// Centre, pixels.
    pub at: (f64, f64),
    /// Horizontal radius, pixels.
    pub rx: f64,
    /// Vertical radius, pixels.
    pub ry: f64,
    /// The organisation's colour.
    pub color: Rgb,
}

impl Marker {
    /// The radius of everything drawn for the marker, its uncertainty ring included.
    pub fn outer_radius(&self) -> f64 {
        if self.uncertain {
            self.radius + UNCERTAIN_RING
        } else {
            self.radius
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
        let w = text_width(&self.text, self.size);
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
    /// A small dot.
    Respondent,
    /// A dashed ring around a disc.
    Uncertain,
}

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
    pub dots: Vec<((f64, f64), Rgb)>,
    /// Arrows of trajectories and ambitions.
    pub arrows: Vec<Arrow>,
    /// Position markers.
    pub markers: Vec<Marker>,
    /// Position labels, placed.
    pub labels: Vec<PlacedLabel>,
    /// How many labels found no free place and were left out (the caption says so).
    pub dropped: usize,
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
        marker_boxes(&self.markers, &self.dots)
    }
}

/// The boxes of markers and dots: what region names and labels keep clear of. The layout
/// and the overlap tests use this one definition.
fn marker_boxes(markers: &[Marker], dots: &[((f64, f64), Rgb)]) -> Vec<Rect> {
    markers
        .iter()
        .map(|m| Rect::around(m.at.0, m.at.1, m.outer_radius() + 1.0))
        .chain(
            dots.iter()
                .map(|(at, _)| Rect::around(at.0, at.1, DOT_RADIUS)),
        )
        .collect()
}

/// Okabe–Ito colours (safe for colour-blind readers), then purple, wine and olive from
/// Paul Tol's palettes, which repeat none of them; black is last.
const PALETTE: [Rgb; 10] = [
    Rgb(0, 114, 178),
    Rgb(213, 94, 0),
    Rgb(0, 158, 115),
    Rgb(204, 121, 167),
    Rgb(230, 159, 0),
    Rgb(86, 180, 233),
    Rgb(127, 60, 141),
    Rgb(136, 34, 85),
    Rgb(153, 153, 51),
    Rgb(40, 40, 40),
];

/// The grey of positions with low coverage.
pub const GREY: Rgb = Rgb(150, 150, 150);
const MARKER_RADIUS: f64 = 6.0;
/// The radius of a respondent's dot.
pub const DOT_RADIUS: f64 = 2.5;
const LABEL_SIZE: f64 = 12.0;
const REGION_SIZE: f64 = 11.0;

/// Lays out the picture of `groups` (grouped by organisation, kind and date) on the
/// instrument's matrix.
pub fn layout(instrument: &Instrument, groups: &[Group], options: &PlotOptions) -> Scene {
    let lang = options.lang;
    let matrix = &instrument.matrix;
    let width = f64::from(options.width);
    let height = f64::from(options.height);
    let (left, right, top, bottom) = (112.0, 28.0, 64.0, 190.0);
    let side = (width - left - right).min(height - top - bottom).max(100.0);
    let plot = Rect::new(left + (width - left - right - side) / 2.0, top, side, side);
    let frame = Frame { plot };
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| matrix.title.get(lang).to_string());

    let mut texts = vec![TextItem {
        text: title.clone(),
        x: width / 2.0,
        y: 20.0,
        size: 18.0,
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
    axes(&mut texts, matrix, &frame, lang);

    let colors = organisation_colors(groups);
    let mut marks = Marks::default();
    for (id, color) in &colors {
        let own: Vec<&Group> = groups.iter().filter(|g| &g.organisation.id == id).collect();
        marks.organisation(&own, *color, &frame, options);
    }

    let mut obstacles = Obstacles {
        boxes: marker_boxes(&marks.markers, &marks.dots),
        lines: marks.arrows.iter().map(|a| (a.from, a.to)).collect(),
        ellipses: Vec::new(),
    };
    texts.extend(region_names(matrix, &regions, &obstacles, lang));
    obstacles.boxes.extend(
        texts
            .iter()
            .filter(|t| t.kind == TextKind::Region)
            .map(TextItem::rect),
    );
    obstacles.ellipses = marks.spreads.iter().map(|s| (s.at, s.rx, s.ry)).collect();
    // Names first, then years and ambitions: when the crowd leaves no room, a year goes
    // before a name. Within each, a fixed order (top to bottom, left to right) keeps the
    // picture stable when one organisation is added.
    marks.requests.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then(a.anchor.1.total_cmp(&b.anchor.1))
            .then(a.anchor.0.total_cmp(&b.anchor.0))
            .then(a.text.cmp(&b.text))
    });
    let placed = place(&marks.requests, plot.inflate(-2.0), &obstacles);
    let dropped = placed.iter().filter(|p| p.is_none()).count();
    let labels: Vec<PlacedLabel> = placed.into_iter().flatten().collect();

    let legend = legend(&mut texts, &marks, &frame, width, lang);
    // The caption follows the legend's last row, and the picture ends under it: no empty
    // band, whatever height was asked for.
    let below = texts
        .iter()
        .filter(|t| t.kind == TextKind::Legend)
        .map(|t| t.y + text_height(t.size))
        .fold(plot.bottom() + 44.0, f64::max);
    let caption_y = below + 16.0;
    let height = (caption_y + text_height(11.0) + 10.0).round();
    let shown = groups.iter().filter(|g| g.position.is_some()).count();
    let w = words(lang);
    let mut caption = format!(
        "{}: {}, {} {} · {shown} {}",
        w.instrument,
        instrument.title.get(lang),
        w.version,
        instrument.version,
        if shown == 1 { w.position } else { w.positions }
    );
    if dropped > 0 {
        caption.push_str(&format!(" · {dropped} {}", w.labels_dropped));
    }
    texts.push(TextItem {
        text: caption,
        x: width / 2.0,
        y: caption_y,
        size: 11.0,
        anchor: Anchor::Middle,
        rotated: false,
        kind: TextKind::Caption,
    });

    Scene {
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
        arrows: marks.arrows,
        markers: marks.markers,
        labels,
        dropped,
    }
}

/// Each region's name, in the first top corner (or other spot inside the region, from the
/// top down) where it covers no marker and no arrow crosses it; left out when every spot
/// is taken. A name always stays inside its own region.
fn region_names(
    matrix: &Matrix,
    rects: &[Rect],
    obstacles: &Obstacles,
    lang: Lang,
) -> Vec<TextItem> {
    let inset = 5.0;
    let line_height = text_height(REGION_SIZE);
    let mut names = Vec::new();
    for (region, rect) in matrix.regions.iter().zip(rects) {
        let lines = wrap_to_width(region.label.get(lang), REGION_SIZE, rect.w - 2.0 * inset);
        let w = lines
            .iter()
            .map(|l| text_width(l, REGION_SIZE))
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
                size: REGION_SIZE,
                anchor: Anchor::Start,
                rotated: false,
                kind: TextKind::Region,
            });
        }
    }
    names
}

fn region_rect(frame: &Frame, region: &koers::Region) -> Rect {
    let (x0, y0) = frame.px(region.x.low, region.y.high);
    let (x1, y1) = frame.px(region.x.high, region.y.low);
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// The band edges inside the plot, as lines across it.
fn boundaries(matrix: &Matrix, frame: &Frame) -> Vec<((f64, f64), (f64, f64))> {
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
fn axes(texts: &mut Vec<TextItem>, matrix: &Matrix, frame: &Frame, lang: Lang) {
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

/// One colour per organisation id, in sorted order, so the same input gives the same
/// colours.
fn organisation_colors(groups: &[Group]) -> BTreeMap<String, Rgb> {
    let mut ids: Vec<&str> = groups.iter().map(|g| g.organisation.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| (id.to_string(), PALETTE[i % PALETTE.len()]))
        .collect()
}

/// The marks collected while walking the organisations.
#[derive(Default)]
struct Marks {
    markers: Vec<Marker>,
    arrows: Vec<Arrow>,
    spreads: Vec<Spread>,
    dots: Vec<((f64, f64), Rgb)>,
    requests: Vec<LabelRequest>,
    low_coverage: bool,
}

impl Marks {
    /// Draws one organisation: its positions, its trajectory, its ambitions.
    fn organisation(&mut self, own: &[&Group], color: Rgb, frame: &Frame, options: &PlotOptions) {
        let words = words(options.lang);
        let placed = |g: &&&Group| g.position.is_some();
        let mut current: Vec<&Group> = own
            .iter()
            .filter(placed)
            .filter(|g| g.kind == Kind::Current)
            .copied()
            .collect();
        current.sort_by_key(|g| g.date);
        let mut ambitions: Vec<&Group> = own
            .iter()
            .filter(placed)
            .filter(|g| g.kind == Kind::Ambition)
            .copied()
            .collect();
        ambitions.sort_by_key(|g| g.date);
        let name = own[0].organisation.name.as_str();
        let trajectory = current.len() > 1;

        for (i, group) in current.iter().enumerate() {
            let at = self.position(group, color, frame, options, MarkerStyle::Filled);
            let (text, named) = match (trajectory, i + 1 == current.len()) {
                (false, _) => (name.to_string(), true),
                (true, true) => (format!("{name} {}", period(group)), true),
                (true, false) => (period(group), false),
            };
            self.label(text, at, named);
        }
        for pair in current.windows(2) {
            self.arrow(pair[0], pair[1], color, false, frame);
        }
        for ambition in &ambitions {
            let at = self.position(ambition, color, frame, options, MarkerStyle::Hollow);
            let (text, named) = if current.is_empty() {
                (
                    format!("{name} ({} {})", words.ambition, period(ambition)),
                    true,
                )
            } else {
                (format!("{} {}", words.ambition, period(ambition)), false)
            };
            self.label(text, at, named);
            // The ambition is reached from the latest current position made before it.
            if let Some(from) = current
                .iter()
                .rev()
                .find(|c| c.date <= ambition.date)
                .or(current.last())
            {
                self.arrow(from, ambition, color, true, frame);
            }
        }
    }

    fn position(
        &mut self,
        group: &Group,
        color: Rgb,
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
        if group.respondents > 1 {
            let (sx, sy) = frame.scale();
            let (rx, ry) = (
                group.spread.x.unwrap_or(0.0) * sx,
                group.spread.y.unwrap_or(0.0) * sy,
            );
            if rx > 0.0 || ry > 0.0 {
                self.spreads.push(Spread { at, rx, ry, color });
            }
        }
        if options.respondents {
            for point in &group.points {
                self.dots.push((frame.px(point.x, point.y), color));
            }
        }
        self.markers.push(Marker {
            at,
            radius: MARKER_RADIUS,
            color,
            style,
            uncertain: group.certain == Some(false),
        });
        at
    }

    fn label(&mut self, text: String, anchor: (f64, f64), named: bool) {
        self.requests.push(LabelRequest {
            text,
            size: LABEL_SIZE,
            anchor,
            radius: MARKER_RADIUS,
            priority: u8::from(!named),
        });
    }

    fn arrow(&mut self, from: &Group, to: &Group, color: Rgb, dashed: bool, frame: &Frame) {
        let (Some(a), Some(b)) = (from.position, to.position) else {
            return;
        };
        let (a, b) = (frame.px(a.x, a.y), frame.px(b.x, b.y));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        // Too short to show a direction: the markers overlap anyway.
        if len <= 2.0 * MARKER_RADIUS + 4.0 {
            return;
        }
        let gap = MARKER_RADIUS + 2.0;
        let (ux, uy) = (dx / len, dy / len);
        self.arrows.push(Arrow {
            from: (a.0 + ux * gap, a.1 + uy * gap),
            to: (b.0 - ux * gap, b.1 - uy * gap),
            color,
            dashed,
        });
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
    let mut entries = Vec::new();
    if marks.markers.iter().any(|m| m.style == MarkerStyle::Filled) {
        entries.push((LegendGlyph::Current, w.current));
    }
    if marks.markers.iter().any(|m| m.style == MarkerStyle::Hollow)
        || marks.arrows.iter().any(|a| a.dashed)
    {
        entries.push((LegendGlyph::Ambition, w.ambition));
    }
    if marks.low_coverage {
        entries.push((LegendGlyph::LowCoverage, w.low_coverage));
    }
    if marks.arrows.iter().any(|a| !a.dashed) {
        entries.push((LegendGlyph::Movement, w.movement));
    }
    if marks.arrows.iter().any(|a| a.dashed) {
        entries.push((LegendGlyph::TowardsAmbition, w.towards_ambition));
    }
    if marks.markers.iter().any(|m| m.uncertain) {
        entries.push((LegendGlyph::Uncertain, w.uncertain_short));
    }
    if !marks.spreads.is_empty() {
        entries.push((LegendGlyph::Spread, w.spread));
    }
    if !marks.dots.is_empty() {
        entries.push((LegendGlyph::Respondent, w.respondent));
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
            text: text.to_string(),
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
fn wrap_to_width(text: &str, size: f64, width: f64) -> Vec<String> {
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
    let number = |v: f64| {
        let text = format!("{v:.1}");
        if lang == Lang::Nl {
            text.replace('.', ",")
        } else {
            text
        }
    };
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
        match &g.round {
            Some(round) => out.push_str(&format!(
                " {}, {kind} {round} ({}): ",
                g.organisation.name, g.date
            )),
            None => out.push_str(&format!(" {}, {kind} {}: ", g.organisation.name, g.date)),
        }
        match (&g.position, &g.region) {
            (Some(p), Some(region)) => {
                out.push_str(&format!(
                    "x {}, y {}, {} {}",
                    number(p.x),
                    number(p.y),
                    w.region,
                    region.label.get(lang)
                ));
                if g.respondents > 1 {
                    out.push_str(&format!(", {} {}", g.respondents, w.respondents));
                }
                if !g.is_reliable() {
                    out.push_str(&format!(", {}", w.unreliable));
                }
                if g.certain == Some(false) {
                    out.push_str(&format!(", {}", w.uncertain));
                }
                out.push('.');
            }
            _ => out.push_str(&format!("{}.", w.no_position)),
        }
    }
    out
}

/// What a label says of when a group answered: its round's name, or the year.
fn period(group: &Group) -> String {
    group
        .round
        .clone()
        .unwrap_or_else(|| group.date.year.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
