//! The font of the picture: Noto Sans (Apache-2.0), shipped inside the binary by the
//! `ttf-noto-sans` crate. Label placement measures every text with its real glyph
//! advances, the SVG names it first in its font stack, and the PNG is rendered with it and
//! no other font, so that the PNG looks the same on every machine.

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};
use std::sync::OnceLock;

/// The font stack the SVG asks for: the measured font first, then Open Sans (the design
/// Noto Sans grew from, with nearly the same widths), then common sans fonts that are
/// narrower, so that a label still fits where the viewer lacks Noto Sans.
pub const FAMILY: &str = "Noto Sans, Open Sans, Arial, Helvetica, sans-serif";

/// The family name inside the font file, which the PNG renderer is told to use.
pub const NAME: &str = "Noto Sans";

/// Noto Sans Regular, the TrueType file.
pub fn regular() -> &'static [u8] {
    ttf_noto_sans::REGULAR
}

/// Noto Sans Bold, the TrueType file (the title).
pub fn bold() -> &'static [u8] {
    ttf_noto_sans::BOLD
}

/// The advances of one face, read once.
struct Face {
    font: FontRef<'static>,
    advances: GlyphMetrics<'static>,
    units_per_em: f64,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        let font = FontRef::new(data).ok()?;
        let advances = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f64::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Some(Face {
            font,
            advances,
            units_per_em,
        })
    }

    /// The width of `text` in em: the sum of the glyph advances (kerning left out, which
    /// only ever narrows the text a little, so the box stays on the safe side).
    fn em(&self, text: &str) -> f64 {
        let charmap = self.font.charmap();
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| self.advances.advance_width(glyph))
                    .map(|units| f64::from(units) / self.units_per_em)
                    // A character the font lacks is drawn as a box of about this width.
                    .unwrap_or(0.6)
            })
            .sum()
    }
}

fn face() -> Option<&'static Face> {
    static FACE: OnceLock<Option<Face>> = OnceLock::new();
    FACE.get_or_init(|| Face::load(regular())).as_ref()
}

fn bold_face() -> Option<&'static Face> {
    static FACE: OnceLock<Option<Face>> = OnceLock::new();
    FACE.get_or_init(|| Face::load(bold())).as_ref()
}

/// The width in pixels of `text` set in Noto Sans Bold (the title) at font size `size`.
pub fn bold_width(text: &str, size: f64) -> f64 {
    match bold_face() {
        Some(face) => face.em(text) * size,
        None => width(text, size) * 1.1,
    }
}

/// The width in pixels of `text` set in Noto Sans Regular at font size `size`.
pub fn width(text: &str, size: f64) -> f64 {
    match face() {
        Some(face) => face.em(text) * size,
        // The font ships inside the binary and parses; this is only a guard.
        None => text.chars().count() as f64 * 0.6 * size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_font_is_read_and_measures_like_noto_sans() {
        assert!(face().is_some());
        // Noto Sans advances, in units of 1000 per em: "W" 0.924 em, "i" 0.258 em.
        let w = width("W", 100.0);
        let i = width("i", 100.0);
        assert!((w - 92.4).abs() < 1.0, "{w}");
        assert!((i - 25.8).abs() < 1.0, "{i}");
        assert_eq!(width("", 12.0), 0.0);
        // Widths add up and scale with the size.
        assert!((width("Wi", 12.0) - (width("W", 12.0) + width("i", 12.0))).abs() < 1e-9);
        assert!((width("Lingehof", 24.0) - 2.0 * width("Lingehof", 12.0)).abs() < 1e-9);
        // The bold face is read too, and is wider.
        let title = "SEV-positioneringsmatrix woningcorporaties";
        assert!(bold_width(title, 18.0) > width(title, 18.0) * 1.03);
    }
}
