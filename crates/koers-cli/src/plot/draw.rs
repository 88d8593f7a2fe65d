//! Drawing a laid-out [`Scene`] as SVG with plotters, then adding what plotters does not
//! write: the accessible `<title>` and `<desc>`.

use super::scene::{
    Anchor, Arrow, DOT_RADIUS, GREY, LegendGlyph, MarkerStyle, Rgb, Scene, TextKind,
};
use crate::safe_text::xml;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

const FONT: &str = "sans-serif";
/// plotters writes `font-size` as the given size divided by 1.24; this undoes that, so
/// the SVG says the size the layout used.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// Writes the scene as an SVG document.
pub fn svg(scene: &Scene) -> String {
    let mut out = String::new();
    {
        let size = (scene.width.round() as u32, scene.height.round() as u32);
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        // Drawing into a String cannot fail; the results are ignored for that reason.
        let _ = root.fill(&WHITE);
        draw(&root, scene);
        let _ = root.present();
    }
    accessible(&out, &scene.title, &scene.description)
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn px(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
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
            RGBColor(150, 150, 150).stroke_width(1),
        ));
    }
    let _ = root.draw(&Rectangle::new(
        [px((plot.x, plot.y)), px((plot.right(), plot.bottom()))],
        RGBColor(90, 90, 90).stroke_width(1),
    ));
    for spread in &scene.spreads {
        let points: Vec<(i32, i32)> = (0..48)
            .map(|k| {
                let t = f64::from(k) / 48.0 * std::f64::consts::TAU;
                // Clamped to the plot: a spread never reaches past the matrix's edge.
                let x = (spread.at.0 + spread.rx * t.cos()).clamp(plot.x, plot.right());
                let y = (spread.at.1 + spread.ry * t.sin()).clamp(plot.y, plot.bottom());
                px((x, y))
            })
            .collect();
        let c = color(spread.color);
        let _ = root.draw(&Polygon::new(points.clone(), c.mix(0.10).filled()));
        let mut outline = points;
        outline.push(outline[0]);
        let _ = root.draw(&PathElement::new(outline, c.mix(0.45).stroke_width(1)));
    }
    for arrow in &scene.arrows {
        draw_arrow(root, arrow);
    }
    for label in &scene.labels {
        if let Some((a, b)) = label.leader {
            let _ = root.draw(&PathElement::new(
                vec![px(a), px(b)],
                RGBColor(120, 120, 120).stroke_width(1),
            ));
        }
    }
    for (at, c) in &scene.dots {
        let _ = root.draw(&Circle::new(
            px(*at),
            DOT_RADIUS.round() as i32,
            color(*c).mix(0.45).filled(),
        ));
    }
    for marker in &scene.markers {
        let r = marker.radius.round() as i32;
        let at = px(marker.at);
        match marker.style {
            MarkerStyle::Filled => {
                let _ = root.draw(&Circle::new(at, r, color(marker.color).filled()));
                let _ = root.draw(&Circle::new(at, r, WHITE.stroke_width(1)));
            }
            MarkerStyle::Hollow => {
                let _ = root.draw(&Circle::new(at, r, WHITE.filled()));
                let _ = root.draw(&Circle::new(at, r, color(marker.color).stroke_width(2)));
            }
            MarkerStyle::LowCoverage => {
                let _ = root.draw(&Circle::new(at, r, WHITE.filled()));
                let _ = root.draw(&Circle::new(at, r, color(GREY).stroke_width(2)));
            }
        }
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
            TextKind::Axis | TextKind::Legend => (FontStyle::Normal, RGBColor(40, 40, 40)),
        };
        let h = match text.anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let mut style =
            TextStyle::from((FONT, text.size * PLOTTERS_FONT_SCALE, weight)).color(&shade);
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
        let style = TextStyle::from((FONT, label.size * PLOTTERS_FONT_SCALE))
            .color(&RGBColor(25, 25, 25))
            .pos(Pos::new(HPos::Left, VPos::Top));
        let _ = root.draw(&Text::new(
            xml(&label.text).into_owned(),
            px((label.rect.x, label.rect.y + 1.0)),
            style,
        ));
    }
}

fn draw_arrow(root: &Area<'_>, arrow: &Arrow) {
    let c = color(arrow.color);
    let (dx, dy) = (arrow.to.0 - arrow.from.0, arrow.to.1 - arrow.from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let head = 9.0;
    let base = (arrow.to.0 - ux * head, arrow.to.1 - uy * head);
    let style = c.stroke_width(2);
    if arrow.dashed {
        let _ = root.draw(&DashedPathElement::new(
            vec![px(arrow.from), px(base)],
            6,
            4,
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

fn draw_glyph(root: &Area<'_>, glyph: LegendGlyph, at: (f64, f64)) {
    let ink = RGBColor(60, 60, 60);
    let p = px(at);
    match glyph {
        LegendGlyph::Current => {
            let _ = root.draw(&Circle::new(p, 6, ink.filled()));
        }
        LegendGlyph::Ambition => {
            let _ = root.draw(&Circle::new(p, 6, ink.stroke_width(2)));
        }
        LegendGlyph::LowCoverage => {
            let _ = root.draw(&Circle::new(p, 6, color(GREY).stroke_width(2)));
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
            let _ = root.draw(&PathElement::new(points, ink.mix(0.6).stroke_width(1)));
        }
        LegendGlyph::Respondent => {
            let _ = root.draw(&Circle::new(
                p,
                DOT_RADIUS.round() as i32,
                ink.mix(0.45).filled(),
            ));
        }
    }
}

/// Adds `role="img"`, `<title>` and `<desc>` to the SVG that plotters wrote, so that a
/// screen reader announces the picture and can read every position in words.
fn accessible(svg: &str, title: &str, description: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(end) = svg[start..].find('>').map(|i| start + i) else {
        return svg.to_string();
    };
    let open = &svg[start..end];
    format!(
        "{}{} role=\"img\" aria-labelledby=\"koers-title koers-desc\">\n<title id=\"koers-title\">{}</title>\n<desc id=\"koers-desc\">{}</desc>{}",
        &svg[..start],
        open,
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
