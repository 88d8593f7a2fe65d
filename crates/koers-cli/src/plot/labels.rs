//! Label placement: every label gets a place where it overlaps no other label, marker or
//! region name; a label that had to move away from its marker gets a leader line.

use super::geometry::{Rect, text_height, text_width};

/// A label to place next to its anchor (a marker).
#[derive(Debug, Clone)]
pub struct LabelRequest {
    /// The text.
    pub text: String,
    /// The font size.
    pub size: f64,
    /// The marker's centre.
    pub anchor: (f64, f64),
    /// The marker's radius: the label keeps clear of it.
    pub radius: f64,
}

/// A placed label.
#[derive(Debug, Clone)]
pub struct PlacedLabel {
    /// The text.
    pub text: String,
    /// The font size.
    pub size: f64,
    /// The box the text occupies (estimated with [`text_width`]).
    pub rect: Rect,
    /// A line from the marker's edge to the label, when the label stands away from it.
    pub leader: Option<((f64, f64), (f64, f64))>,
}

/// The space kept between a label and anything else.
const GAP: f64 = 2.0;
/// How far a label may stand from its marker before searching the whole plot.
const MAX_RING: usize = 24;
const RING_STEP: f64 = 10.0;

/// Places labels one by one (in the given order), each at the nearest free spot around
/// its anchor inside `area`, avoiding `obstacles` (markers, region names) and the labels
/// placed before it. Candidates are tried ring by ring outwards, so a label stays as close
/// to its marker as the crowd allows.
pub fn place(requests: &[LabelRequest], area: Rect, obstacles: &[Rect]) -> Vec<PlacedLabel> {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut placed = Vec::with_capacity(requests.len());
    for request in requests {
        let w = text_width(&request.text, request.size);
        let h = text_height(request.size);
        let fits = |rect: &Rect, taken: &[Rect]| {
            area.contains(rect) && !taken.iter().any(|t| t.overlaps(&rect.inflate(GAP)))
        };
        let (cx, cy) = request.anchor;
        let found = (0..=MAX_RING)
            .flat_map(|ring| {
                candidates(cx, cy, request.radius, w, h, ring)
                    .into_iter()
                    .map(move |r| (ring, r))
            })
            .find(|(_, rect)| fits(rect, &taken))
            .or_else(|| {
                scan(&area, w, h, cx, cy)
                    .into_iter()
                    .map(|r| (MAX_RING + 1, r))
                    .find(|(_, rect)| fits(rect, &taken))
            });
        // When even the full scan finds no room, the label goes beside its marker
        // anyway: an overlap is better than a lost label, and the tests would show it.
        let (ring, rect) =
            found.unwrap_or((0, Rect::new(cx + request.radius + GAP, cy - h / 2.0, w, h)));
        let leader = (ring > 0).then(|| {
            let end = rect.nearest(cx, cy);
            let (dx, dy) = (end.0 - cx, end.1 - cy);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let start = (
                cx + dx / len * request.radius,
                cy + dy / len * request.radius,
            );
            (start, end)
        });
        taken.push(rect);
        placed.push(PlacedLabel {
            text: request.text.clone(),
            size: request.size,
            rect,
            leader,
        });
    }
    placed
}

/// Candidate boxes at one distance from the marker. Ring 0 holds the eight classic spots
/// (right first, as a reader expects); further rings hold 16 directions each.
fn candidates(cx: f64, cy: f64, r: f64, w: f64, h: f64, ring: usize) -> Vec<Rect> {
    let d = r + 3.0;
    if ring == 0 {
        return vec![
            Rect::new(cx + d, cy - h / 2.0, w, h),
            Rect::new(cx - d - w, cy - h / 2.0, w, h),
            Rect::new(cx - w / 2.0, cy - d - h, w, h),
            Rect::new(cx - w / 2.0, cy + d, w, h),
            Rect::new(cx + d, cy - d - h + 2.0, w, h),
            Rect::new(cx + d, cy + d - 2.0, w, h),
            Rect::new(cx - d - w, cy - d - h + 2.0, w, h),
            Rect::new(cx - d - w, cy + d - 2.0, w, h),
        ];
    }
    let dist = d + ring as f64 * RING_STEP;
    (0..16)
        .map(|k| {
            let angle = k as f64 * std::f64::consts::PI / 8.0;
            let (dx, dy) = (angle.cos(), -angle.sin());
            // The box's centre sits so that its near side is about `dist` from the marker.
            let centre = (cx + dx * (dist + w / 2.0), cy + dy * (dist + h / 2.0));
            Rect::new(centre.0 - w / 2.0, centre.1 - h / 2.0, w, h)
        })
        .collect()
}

/// Every position of a coarse grid over the area, nearest to the anchor first: the last
/// resort for a very crowded picture.
fn scan(area: &Rect, w: f64, h: f64, cx: f64, cy: f64) -> Vec<Rect> {
    let step = 6.0;
    let mut spots = Vec::new();
    let mut y = area.y;
    while y + h <= area.bottom() {
        let mut x = area.x;
        while x + w <= area.right() {
            spots.push(Rect::new(x, y, w, h));
            x += step;
        }
        y += step;
    }
    let dist = |r: &Rect| {
        let (nx, ny) = r.nearest(cx, cy);
        (nx - cx).powi(2) + (ny - cy).powi(2)
    };
    spots.sort_by(|a, b| dist(a).total_cmp(&dist(b)));
    spots
}
