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
    let mut labels: Vec<Rect> = Vec::new();
    let mut leaders: Vec<Segment> = Vec::new();
    let mut placed = Vec::with_capacity(requests.len());
    for request in requests {
        let w = text_width(&request.text, request.size);
        let h = text_height(request.size);
        let (cx, cy) = request.anchor;
        // A spot is free when the box touches nothing taken. Strictly free, when it also
        // crosses no leader line and its own leader (if it needs one) crosses no label:
        // preferred, but in a dense crowd the leaders may have to cross.
        let fits = |strict: bool, ring: usize, rect: &Rect| {
            let padded = rect.inflate(GAP);
            area.contains(rect)
                && !taken.iter().any(|t| t.overlaps(&padded))
                && (!strict
                    || (!leaders.iter().any(|l| l.crosses(&padded))
                        && (ring == 0 || {
                            let leader = leader_to(rect, request);
                            !labels.iter().any(|l| leader.crosses(l))
                        })))
        };
        let search = |strict: bool| {
            (0..=MAX_RING)
                .flat_map(|ring| {
                    candidates(cx, cy, request.radius, w, h, ring)
                        .into_iter()
                        .map(move |r| (ring, r))
                })
                .find(|(ring, rect)| fits(strict, *ring, rect))
                .or_else(|| {
                    scan(&area, w, h, cx, cy)
                        .into_iter()
                        .map(|r| (MAX_RING + 1, r))
                        .find(|(ring, rect)| fits(strict, *ring, rect))
                })
        };
        let found = search(true).or_else(|| search(false));
        // When even the full scan finds no room, the label goes beside its marker
        // anyway: an overlap is better than a lost label, and the tests would show it.
        let (ring, rect) =
            found.unwrap_or((0, Rect::new(cx + request.radius + GAP, cy - h / 2.0, w, h)));
        let leader = (ring > 0).then(|| leader_to(&rect, request));
        leaders.extend(leader);
        taken.push(rect);
        labels.push(rect);
        placed.push(PlacedLabel {
            text: request.text.clone(),
            size: request.size,
            rect,
            leader: leader.map(|l| (l.from, l.to)),
        });
    }
    placed
}

/// A straight line between two points.
#[derive(Debug, Clone, Copy)]
struct Segment {
    from: (f64, f64),
    to: (f64, f64),
}

impl Segment {
    /// Whether the segment passes through the rectangle (Liang–Barsky clipping).
    fn crosses(&self, rect: &Rect) -> bool {
        let (dx, dy) = (self.to.0 - self.from.0, self.to.1 - self.from.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, self.from.0 - rect.x),
            (dx, rect.right() - self.from.0),
            (-dy, self.from.1 - rect.y),
            (dy, rect.bottom() - self.from.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t0 < t1
    }
}

/// The leader line from the marker's edge to the nearest point of the label's box.
fn leader_to(rect: &Rect, request: &LabelRequest) -> Segment {
    let (cx, cy) = request.anchor;
    let end = rect.nearest(cx, cy);
    let (dx, dy) = (end.0 - cx, end.1 - cy);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    Segment {
        from: (
            cx + dx / len * request.radius,
            cy + dy / len * request.radius,
        ),
        to: end,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_crosses_a_box_it_passes_through_and_not_one_beside_it() {
        let line = Segment {
            from: (0.0, 0.0),
            to: (10.0, 10.0),
        };
        assert!(line.crosses(&Rect::new(4.0, 4.0, 2.0, 2.0)));
        assert!(!line.crosses(&Rect::new(6.0, 0.0, 3.0, 3.0)));
        assert!(
            !line.crosses(&Rect::new(11.0, 11.0, 2.0, 2.0)),
            "beyond its end"
        );
    }

    #[test]
    fn a_lone_label_stands_right_of_its_marker_without_a_leader() {
        let request = LabelRequest {
            text: "De Dijk".into(),
            size: 12.0,
            anchor: (50.0, 50.0),
            radius: 6.0,
        };
        let placed = place(&[request], Rect::new(0.0, 0.0, 200.0, 100.0), &[]);
        assert!(placed[0].rect.x > 56.0 && placed[0].leader.is_none());
    }
}
