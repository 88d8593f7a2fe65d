//! Drawing a laid-out [`Scene`] as SVG with plotters, then adding what plotters does not
//! write: the accessible `<title>` and `<desc>`; and rendering that SVG to PNG.
//!
//! plotters writes whole numbers only, which made the spread ellipses stair-stepped. So
//! the scene is drawn [`FINE`] times larger and the SVG's `viewBox` maps it back to the
//! canvas size: every coordinate keeps a tenth of a pixel.

use super::font;
use super::scene::{
    Anchor, Arrow, DOT_RADIUS, GREY, LegendGlyph, MEDIAN_ARM, Marker, MarkerStyle, PEER_GREY,
    PEER_RADIUS, ROLE_DOT_RADIUS, Rgb, Scene, TextKind, UNCERTAIN_RING,
};
use crate::safe_text::xml;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

const FONT: &str = font::FAMILY;
/// plotters writes `font-size` as the given size divided by 1.24; this undoes that, so
/// the SVG says the size the layout used.
const PLOTTERS_FONT_SCALE: f64 = 1.24;
/// Drawing units per pixel of the canvas.
pub const FINE: f64 = 10.0;

/// Writes the scene as an SVG document.
pub fn svg(scene: &Scene) -> String {
    let mut out = String::new();
    let size = (scene.width.round() as u32, scene.height.round() as u32);
    {
        let fine = (
            (f64::from(size.0) * FINE) as u32,
            (f64::from(size.1) * FINE) as u32,
        );
        let root = SVGBackend::with_string(&mut out, fine).into_drawing_area();
        // Drawing into a String cannot fail; the results are ignored for that reason.
        let _ = root.fill(&WHITE);
        draw(&root, scene);
        let _ = root.present();
    }
    accessible(&out, size, &scene.title, &scene.description)
}

/// Writes small multiples: each scene as an SVG of its own inside one SVG, in a grid of up
/// to four columns, under `title` and over `caption`.
/// A `legend` scene (laid out for the grid's width) goes between the grid and the
/// caption's lines.
pub fn grid(
    scenes: &[Scene],
    legend: impl Fn(f64) -> Scene,
    title: &str,
    description: &str,
    caption: &[String],
) -> String {
    let n = scenes.len().max(1);
    let columns = ((n as f64).sqrt().ceil() as usize).clamp(1, 4);
    let rows = n.div_ceil(columns);
    let cell_w = scenes.iter().map(|s| s.width.round()).fold(100.0, f64::max);
    let cell_h = scenes
        .iter()
        .map(|s| s.height.round())
        .fold(100.0, f64::max);
    let (margin, top) = (10.0, 48.0);
    let width = (2.0 * margin + columns as f64 * cell_w).max(font::bold_width(title, 18.0) + 40.0);
    let legend = legend(width);
    let line_height = 15.0;
    let bottom = legend.height.round() + 8.0 + line_height * caption.len() as f64 + 8.0;
    let height = top + rows as f64 * cell_h + bottom;
    let mut out = format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"koers-title koers-desc\">\n<title id=\"koers-title\">{}</title>\n<desc id=\"koers-desc\">{}</desc>\n<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#FFFFFF\"/>\n",
        escape(title),
        escape(description),
    );
    let text = |x: f64, y: f64, size: f64, bold: bool, fill: &str, content: &str| {
        format!(
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-family=\"{FONT}\" font-size=\"{size}\"{} fill=\"{fill}\">{}</text>\n",
            if bold { " font-weight=\"bold\"" } else { "" },
            escape(content)
        )
    };
    out.push_str(&text(width / 2.0, 32.0, 18.0, true, "#141414", title));
    let left = (width - columns as f64 * cell_w) / 2.0;
    for (k, scene) in scenes.iter().enumerate() {
        let (x, y) = (
            left + (k % columns) as f64 * cell_w,
            top + (k / columns) as f64 * cell_h,
        );
        out.push_str(&nested(&svg(scene), x, y));
        out.push('\n');
    }
    let legend_y = top + rows as f64 * cell_h + 4.0;
    out.push_str(&nested(&svg(&legend), 0.0, legend_y));
    out.push('\n');
    let first_line = legend_y + legend.height.round() + 8.0 + 11.0;
    for (k, line) in caption.iter().enumerate() {
        out.push_str(&text(
            width / 2.0,
            first_line + line_height * k as f64,
            11.0,
            false,
            "#5F5F5F",
            line,
        ));
    }
    out.push_str("</svg>\n");
    out
}

/// An SVG that [`svg`] wrote, placed at `(x, y)` inside another: its own title and
/// description give way to the outer picture's.
fn nested(inner: &str, x: f64, y: f64) -> String {
    let start = inner.find("<svg").unwrap_or(0);
    let inner = &inner[start..];
    let inner = inner.replacen(
        "<svg width=",
        &format!("<svg x=\"{x}\" y=\"{y}\" width="),
        1,
    );
    let inner = inner.replacen(
        " role=\"img\" aria-labelledby=\"koers-title koers-desc\"",
        "",
        1,
    );
    match (
        inner.find("<title id=\"koers-title\">"),
        inner.find("</desc>"),
    ) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &inner[..a], &inner[b + "</desc>".len()..]),
        _ => inner,
    }
}

/// Renders an SVG that `svg` wrote to a PNG `scale` times the canvas size, with the
/// shipped font only (never the system's), so the same SVG gives the same bytes on every
/// machine. The PNG carries a `Software: koers plot` text chunk, by which a later run
/// knows the file as its own.
#[cfg(feature = "png")]
pub fn png(svg: &str, scale: f64) -> Result<Vec<u8>, PngError> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options {
        font_family: font::NAME.to_string(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(font::regular().to_vec());
    fonts.load_font_data(font::bold().to_vec());
    fonts.set_sans_serif_family(font::NAME);
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Render(e.to_string()))?;
    let size = tree.size();
    let (width, height) = (
        (f64::from(size.width()) * scale).round().max(1.0) as u32,
        (f64::from(size.height()) * scale).round().max(1.0) as u32,
    );
    // Refused before allocating: 4000 × 4000 at scale 8 would ask for about 4 GB.
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PngError::TooLarge { width, height });
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(PngError::TooLarge { width, height })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    // The background is opaque white, so the premultiplied pixels are plain RGBA.
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder
            .add_text_chunk("Software".into(), PNG_SOFTWARE.into())
            .map_err(|e| PngError::Render(e.to_string()))?;
        let mut writer = encoder
            .write_header()
            .map_err(|e| PngError::Render(e.to_string()))?;
        writer
            .write_image_data(pixmap.data())
            .map_err(|e| PngError::Render(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| PngError::Render(e.to_string()))?;
    }
    Ok(bytes)
}

/// Why a PNG could not be made.
#[cfg(feature = "png")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    /// The picture asked for has too many pixels (the user's `--scale`, `--width` or
    /// `--height`): [`PngError::message`] says so.
    TooLarge {
        /// The width asked for, in pixels.
        width: u32,
        /// The height asked for, in pixels.
        height: u32,
    },
    /// The SVG could not be rendered or encoded: a bug in koers, not the user's doing.
    Render(String),
}

#[cfg(feature = "png")]
impl PngError {
    /// What went wrong, in `lang` (a render error keeps its library's English text).
    pub fn message(&self, lang: koers::Lang) -> String {
        match self {
            PngError::TooLarge { width, height } => too_large(*width, *height, lang),
            PngError::Render(text) => text.clone(),
        }
    }
}

/// The English message; [`PngError::message`] gives it in a chosen language.
#[cfg(feature = "png")]
impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(koers::Lang::En))
    }
}

/// So that an embedder can pass it on with `?` like any other error.
#[cfg(feature = "png")]
impl std::error::Error for PngError {}

/// The text of the PNG's `Software` chunk.
#[cfg(feature = "png")]
pub const PNG_SOFTWARE: &str = "koers plot";

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// A canvas point in drawing units.
fn px(p: (f64, f64)) -> (i32, i32) {
    ((p.0 * FINE).round() as i32, (p.1 * FINE).round() as i32)
}

/// A length (radius, stroke width, dash) in drawing units.
fn len(v: f64) -> u32 {
    (v * FINE).round() as u32
}

/// Region tints: light, and a step darker on the sociaal side, so that both splits read.
const TINTS: [RGBColor; 8] = [
    RGBColor(244, 244, 242),
    RGBColor(236, 240, 244),
    RGBColor(240, 246, 250),
    RGBColor(229, 239, 247),
    RGBColor(240, 248, 242),
    RGBColor(228, 243, 233),
    RGBColor(251, 245, 236),
    RGBColor(246, 236, 222),
];

fn draw(root: &Area<'_>, scene: &Scene) {
    let plot = scene.frame.plot;
    for (i, rect) in scene.regions.iter().enumerate() {
        let _ = root.draw(&Rectangle::new(
            [px((rect.x, rect.y)), px((rect.right(), rect.bottom()))],
            TINTS[i % TINTS.len()].filled(),
        ));
    }
    for (a, b) in &scene.boundaries {
        let _ = root.draw(&PathElement::new(
            vec![px(*a), px(*b)],
            RGBColor(150, 150, 150).stroke_width(len(1.0)),
        ));
    }
    let _ = root.draw(&Rectangle::new(
        [px((plot.x, plot.y)), px((plot.right(), plot.bottom()))],
        RGBColor(90, 90, 90).stroke_width(len(1.0)),
    ));
    for hex in &scene.hexes {
        // Cut to the plot: the shading stays inside the matrix.
        let corners = hexagon(hex.at, hex.radius)
            .into_iter()
            .map(|(x, y)| {
                (
                    x.clamp(px((plot.x, 0.0)).0, px((plot.right(), 0.0)).0),
                    y.clamp(px((0.0, plot.y)).1, px((0.0, plot.bottom())).1),
                )
            })
            .collect::<Vec<_>>();
        let _ = root.draw(&Polygon::new(corners, shade(hex.class).filled()));
    }
    for spread in &scene.spreads {
        let outline: Vec<(i32, i32)> = spread.outline(&plot).into_iter().map(px).collect();
        let c = color(spread.color);
        let _ = root.draw(&Polygon::new(
            outline[..outline.len() - 1].to_vec(),
            c.mix(0.10).filled(),
        ));
        let _ = root.draw(&PathElement::new(
            outline,
            c.mix(0.45).stroke_width(len(1.0)),
        ));
    }
    for arrow in &scene.arrows {
        draw_arrow(root, arrow);
    }
    for label in &scene.labels {
        if let Some((a, b)) = label.leader {
            let _ = root.draw(&PathElement::new(
                vec![px(a), px(b)],
                RGBColor(120, 120, 120).stroke_width(len(1.0)),
            ));
        }
    }
    for at in &scene.peers {
        let _ = root.draw(&Circle::new(
            px(*at),
            len(PEER_RADIUS) as i32,
            color(PEER_GREY).filled(),
        ));
    }
    if let Some(at) = scene.median {
        cross(root, at, MEDIAN_ARM);
    }
    for link in &scene.links {
        let _ = root.draw(&PathElement::new(
            vec![px(link.from), px(link.to)],
            color(link.color).mix(0.55).stroke_width(len(0.8)),
        ));
    }
    for dot in &scene.dots {
        let ink = color(dot.color).mix(if dot.role { 0.8 } else { 0.45 });
        // A respondent's ambition is a ring (white inside), the current position filled.
        let (fill, ring) = if dot.hollow {
            (
                WHITE.filled(),
                Some(color(dot.color).stroke_width(len(1.2))),
            )
        } else {
            (ink.filled(), None)
        };
        match dot.shape.polygon(dot.at, dot.radius()) {
            None => {
                let r = len(dot.radius()) as i32;
                let _ = root.draw(&Circle::new(px(dot.at), r, fill));
                if let Some(ring) = ring {
                    let _ = root.draw(&Circle::new(px(dot.at), r, ring));
                }
            }
            Some(corners) => {
                let corners: Vec<_> = corners.into_iter().map(px).collect();
                let _ = root.draw(&Polygon::new(corners.clone(), fill));
                if let Some(ring) = ring {
                    let mut closed = corners;
                    closed.push(closed[0]);
                    let _ = root.draw(&PathElement::new(closed, ring));
                }
            }
        }
    }
    for marker in scene.markers.iter().chain(&scene.key) {
        draw_marker(root, marker);
    }
    for (glyph, at) in &scene.legend {
        draw_glyph(root, *glyph, *at);
    }
    for text in &scene.texts {
        let (weight, shade) = match text.kind {
            TextKind::Title => (FontStyle::Bold, RGBColor(20, 20, 20)),
            TextKind::Region | TextKind::Tick | TextKind::Caption => {
                (FontStyle::Normal, RGBColor(95, 95, 95))
            }
            TextKind::Axis | TextKind::Legend | TextKind::Key | TextKind::Cluster => {
                (FontStyle::Normal, RGBColor(40, 40, 40))
            }
        };
        let h = match text.anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let mut style =
            TextStyle::from((FONT, text.size * FINE * PLOTTERS_FONT_SCALE, weight)).color(&shade);
        style = if text.rotated {
            style
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(h, VPos::Center))
        } else {
            style.pos(Pos::new(h, VPos::Top))
        };
        let _ = root.draw(&Text::new(
            xml(&text.text).into_owned(),
            px((text.x, text.y)),
            style,
        ));
    }
    for label in &scene.labels {
        // A label left of its marker is anchored at its end, beside the marker, so that
        // a viewer's other font cannot move it away.
        let (h, x) = if label.end {
            (HPos::Right, label.rect.right())
        } else {
            (HPos::Left, label.rect.x)
        };
        let style = TextStyle::from((FONT, label.size * FINE * PLOTTERS_FONT_SCALE))
            .color(&RGBColor(25, 25, 25))
            .pos(Pos::new(h, VPos::Top));
        let _ = root.draw(&Text::new(
            xml(&label.text).into_owned(),
            px((x, label.rect.y + 1.0)),
            style,
        ));
    }
}

/// A position marker: its shape in its colour (a ring for an ambition, a grey ring struck
/// through when unreliable), the dashed ring of an uncertain position, and its number.
fn draw_marker(root: &Area<'_>, marker: &Marker) {
    let r = len(marker.radius) as i32;
    let at = px(marker.at);
    if marker.uncertain {
        let reach = (marker.radius * marker.shape.extent()).max(marker.radius);
        dashed_ring(root, marker.at, reach + UNCERTAIN_RING, marker.color);
    }
    let corners: Option<Vec<(i32, i32)>> = marker
        .shape
        .polygon(marker.at, marker.radius)
        .map(|c| c.into_iter().map(px).collect());
    let c = color(marker.color);
    // Fill and outline by style; the shape (a circle or a polygon) is then drawn the same
    // way for both. A low-coverage mark has a drawing of its own.
    let style = match marker.style {
        MarkerStyle::Filled => Some((c.filled(), WHITE.stroke_width(len(1.0)))),
        MarkerStyle::Hollow => Some((WHITE.filled(), c.stroke_width(len(2.0)))),
        MarkerStyle::LowCoverage => {
            let _ = root.draw(&Circle::new(at, r, WHITE.filled()));
            unreliable(root, marker.at, marker.radius);
            None
        }
    };
    if let Some((fill, outline)) = style {
        match corners {
            None => {
                let _ = root.draw(&Circle::new(at, r, fill));
                let _ = root.draw(&Circle::new(at, r, outline));
            }
            Some(corners) => {
                let _ = root.draw(&Polygon::new(corners.clone(), fill));
                let mut closed = corners.clone();
                closed.push(corners[0]);
                let _ = root.draw(&PathElement::new(closed, outline));
            }
        }
    }
    let inside = marker
        .number
        .map(|n| n.to_string())
        .or_else(|| marker.tag.clone());
    if let Some(text) = inside {
        // 9.5 px is 7 pt (MIN_TEXT): two digits still fit a numbered marker.
        let size = if text.len() > 1 { 9.5 } else { 10.0 };
        // White on a dark fill, near-black on a light one (orange, sky blue) or a ring.
        let c = marker.color;
        let light =
            0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2) > 150.0;
        let ink = if marker.style == MarkerStyle::Filled && !light {
            WHITE
        } else {
            RGBColor(25, 25, 25)
        };
        let style = TextStyle::from((FONT, size * FINE * PLOTTERS_FONT_SCALE, FontStyle::Bold))
            .color(&ink)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let _ = root.draw(&Text::new(text, at, style));
    }
}

/// The cross of the median of the organisations that are not highlighted.
fn cross(root: &Area<'_>, at: (f64, f64), arm: f64) {
    let ink = RGBColor(40, 40, 40).stroke_width(len(2.5));
    let d = arm * std::f64::consts::FRAC_1_SQRT_2;
    for (a, b) in [
        ((at.0 - d, at.1 - d), (at.0 + d, at.1 + d)),
        ((at.0 - d, at.1 + d), (at.0 + d, at.1 - d)),
    ] {
        let _ = root.draw(&PathElement::new(vec![px(a), px(b)], ink));
    }
}

fn draw_arrow(root: &Area<'_>, arrow: &Arrow) {
    let c = color(arrow.color);
    let (dx, dy) = (arrow.to.0 - arrow.from.0, arrow.to.1 - arrow.from.1);
    let length = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / length, dy / length);
    let head = 9.0;
    let base = (arrow.to.0 - ux * head, arrow.to.1 - uy * head);
    let style = c.stroke_width(len(2.0));
    if arrow.dashed {
        let _ = root.draw(&DashedPathElement::new(
            vec![px(arrow.from), px(base)],
            len(6.0),
            len(4.0),
            style,
        ));
    } else {
        let _ = root.draw(&PathElement::new(vec![px(arrow.from), px(base)], style));
    }
    let wing = 4.5;
    let _ = root.draw(&Polygon::new(
        vec![
            px(arrow.to),
            px((base.0 - uy * wing, base.1 + ux * wing)),
            px((base.0 + uy * wing, base.1 - ux * wing)),
        ],
        c.filled(),
    ));
}

/// A dashed circle: the ring of an uncertain position.
fn dashed_ring(root: &Area<'_>, at: (f64, f64), radius: f64, c: Rgb) {
    let points: Vec<(i32, i32)> = (0..=40)
        .map(|k| {
            let t = f64::from(k) / 40.0 * std::f64::consts::TAU;
            px((at.0 + radius * t.cos(), at.1 + radius * t.sin()))
        })
        .collect();
    let _ = root.draw(&DashedPathElement::new(
        points,
        len(2.5),
        len(2.0),
        color(c).stroke_width(len(1.2)),
    ));
}

/// The mark of an unreliable position: a grey ring struck through, so that it never reads
/// as an ambition's ring.
fn unreliable(root: &Area<'_>, at: (f64, f64), radius: f64) {
    let grey = color(GREY);
    let _ = root.draw(&Circle::new(
        px(at),
        len(radius) as i32,
        grey.stroke_width(len(2.0)),
    ));
    let d = radius * std::f64::consts::FRAC_1_SQRT_2;
    let _ = root.draw(&PathElement::new(
        vec![px((at.0 - d, at.1 + d)), px((at.0 + d, at.1 - d))],
        grey.stroke_width(len(1.5)),
    ));
}

/// The corners of a hexagon with a point up, in drawing units.
fn hexagon(at: (f64, f64), r: f64) -> Vec<(i32, i32)> {
    (0..6)
        .map(|k| {
            let t = (30.0 + 60.0 * f64::from(k)).to_radians();
            px((at.0 + r * t.cos(), at.1 + r * t.sin()))
        })
        .collect()
}

/// The density's shades, light to dark: one hue (a blue grey that the markers in colour
/// stand out from), darker for more organisations.
fn shade(class: usize) -> RGBColor {
    const SHADES: [RGBColor; 4] = [
        RGBColor(214, 222, 232),
        RGBColor(170, 186, 206),
        RGBColor(120, 142, 172),
        RGBColor(70, 94, 130),
    ];
    SHADES[class.min(SHADES.len() - 1)]
}

fn draw_glyph(root: &Area<'_>, glyph: LegendGlyph, at: (f64, f64)) {
    let ink = RGBColor(60, 60, 60);
    let p = px(at);
    match glyph {
        LegendGlyph::Hex(class) => {
            let _ = root.draw(&Polygon::new(hexagon(at, 7.0), shade(class).filled()));
        }
        LegendGlyph::Current => {
            let _ = root.draw(&Circle::new(p, len(6.0) as i32, ink.filled()));
        }
        LegendGlyph::Ambition => {
            let _ = root.draw(&Circle::new(p, len(6.0) as i32, ink.stroke_width(len(2.0))));
        }
        LegendGlyph::LowCoverage => unreliable(root, at, 6.0),
        LegendGlyph::Uncertain => {
            let _ = root.draw(&Circle::new(p, len(6.0) as i32, ink.filled()));
            dashed_ring(root, at, 6.0 + UNCERTAIN_RING, Rgb(60, 60, 60));
        }
        LegendGlyph::Movement | LegendGlyph::TowardsAmbition => draw_arrow(
            root,
            &Arrow {
                from: (at.0 - 11.0, at.1),
                to: (at.0 + 11.0, at.1),
                color: Rgb(60, 60, 60),
                dashed: glyph == LegendGlyph::TowardsAmbition,
            },
        ),
        LegendGlyph::Spread => {
            let points: Vec<(i32, i32)> = (0..=32)
                .map(|k| {
                    let t = f64::from(k) / 32.0 * std::f64::consts::TAU;
                    px((at.0 + 11.0 * t.cos(), at.1 + 6.0 * t.sin()))
                })
                .collect();
            let _ = root.draw(&PathElement::new(
                points,
                ink.mix(0.6).stroke_width(len(1.0)),
            ));
        }
        LegendGlyph::SpreadOneAxis => {
            let _ = root.draw(&PathElement::new(
                vec![px((at.0 - 11.0, at.1)), px((at.0 + 11.0, at.1))],
                ink.mix(0.6).stroke_width(len(1.0)),
            ));
        }
        LegendGlyph::Interval => {
            let corners = [px((at.0 - 11.0, at.1 - 6.0)), px((at.0 + 11.0, at.1 + 6.0))];
            let _ = root.draw(&Rectangle::new(corners, ink.mix(0.10).filled()));
            let _ = root.draw(&Rectangle::new(
                corners,
                ink.mix(0.6).stroke_width(len(1.0)),
            ));
        }
        LegendGlyph::Peer => {
            let _ = root.draw(&Circle::new(
                p,
                len(PEER_RADIUS) as i32,
                color(PEER_GREY).filled(),
            ));
        }
        LegendGlyph::Median => cross(root, at, MEDIAN_ARM),
        LegendGlyph::Role(shape, c) => {
            let fill = color(c).mix(0.8).filled();
            match shape.polygon(at, ROLE_DOT_RADIUS) {
                None => {
                    let _ = root.draw(&Circle::new(p, len(ROLE_DOT_RADIUS) as i32, fill));
                }
                Some(corners) => {
                    let _ = root.draw(&Polygon::new(
                        corners.into_iter().map(px).collect::<Vec<_>>(),
                        fill,
                    ));
                }
            }
        }
        LegendGlyph::Respondent => {
            let _ = root.draw(&Circle::new(
                p,
                len(DOT_RADIUS) as i32,
                ink.mix(0.45).filled(),
            ));
        }
        LegendGlyph::RespondentAmbition => {
            let _ = root.draw(&Circle::new(
                p,
                len(DOT_RADIUS) as i32,
                ink.stroke_width(len(1.2)),
            ));
        }
        LegendGlyph::RespondentLink => {
            let _ = root.draw(&PathElement::new(
                vec![px((at.0 - 9.0, at.1)), px((at.0 + 9.0, at.1))],
                ink.mix(0.55).stroke_width(len(0.8)),
            ));
        }
    }
}

/// Adds `role="img"`, `<title>` and `<desc>` to the SVG that plotters wrote, so that a
/// screen reader announces the picture and can read every position in words.
/// The opening tag is written anew: the canvas size outside, the fine drawing units inside
/// (`viewBox`).
fn accessible(svg: &str, size: (u32, u32), title: &str, description: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(end) = svg[start..].find('>').map(|i| start + i) else {
        return svg.to_string();
    };
    let (w, h) = size;
    let (fw, fh) = (f64::from(w) * FINE, f64::from(h) * FINE);
    format!(
        "{}<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {fw} {fh}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"koers-title koers-desc\">\n<title id=\"koers-title\">{}</title>\n<desc id=\"koers-desc\">{}</desc>{}",
        &svg[..start],
        escape(title),
        escape(description),
        &svg[end + 1..]
    )
}

/// Escapes text for XML content; characters XML forbids become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The most pixels a PNG may have: 100 million, 400 MB of pixels while it is drawn.
#[cfg(feature = "png")]
const MAX_PIXELS: u64 = 100_000_000;

#[cfg(feature = "png")]
fn too_large(width: u32, height: u32, lang: koers::Lang) -> String {
    crate::words::say(
        lang,
        format!(
            "een afbeelding van {width} × {height} pixels is te groot (hoogstens 100 miljoen pixels): kies een kleinere --scale, --width of --height"
        ),
        format!(
            "a picture of {width} × {height} pixels is too large (at most 100 million pixels): choose a smaller --scale, --width or --height"
        ),
    )
}
