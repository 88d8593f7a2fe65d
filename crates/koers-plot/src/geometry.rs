//! Pixel geometry: rectangles, the matrix-to-pixel frame, and the text widths that label
//! placement (and the overlap tests) rely on.

/// An axis-aligned rectangle in pixels; `y` grows downwards as in SVG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect { x, y, w, h }
    }

    /// The square around a circle.
    pub fn around(cx: f64, cy: f64, r: f64) -> Self {
        Rect::new(cx - r, cy - r, 2.0 * r, 2.0 * r)
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies wholly inside.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    /// The rectangle grown by `d` on every side.
    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// The point of the rectangle nearest to `(px, py)`.
    pub fn nearest(&self, px: f64, py: f64) -> (f64, f64) {
        (
            px.clamp(self.x, self.right()),
            py.clamp(self.y, self.bottom()),
        )
    }
}

/// The height of a line of text of font size `size`, with room for descenders.
pub fn text_height(size: f64) -> f64 {
    size * 1.25
}

/// The width of `text` at font size `size`, measured with the font the picture is drawn
/// in ([`super::font`]).
pub fn text_width(text: &str, size: f64) -> f64 {
    super::font::width(text, size)
}

/// Maps matrix coordinates (0–100 on both axes, y up) to pixels of the plot square.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// The plot square in pixels.
    pub plot: Rect,
}

impl Frame {
    /// The pixel position of a matrix point.
    pub fn px(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.plot.x + x / 100.0 * self.plot.w,
            self.plot.bottom() - y / 100.0 * self.plot.h,
        )
    }

    /// Pixels per matrix point, horizontally and vertically.
    pub fn scale(&self) -> (f64, f64) {
        (self.plot.w / 100.0, self.plot.h / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_rectangles_do_not_overlap() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)));
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
    }

    #[test]
    fn wider_letters_are_measured_wider() {
        assert!(text_width("WWW", 12.0) > text_width("iii", 12.0));
        assert_eq!(text_width("", 12.0), 0.0);
    }
}
