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
/// The most candidate spots tried for all labels of one picture together: a hard bound on
/// the work, whatever the input. Ample for hundreds of labels; past it (thousands of
/// organisations in one picture) the remaining labels stand beside their markers.
const MAX_TRIES: usize = 4_000_000;
/// The side of the cells that [`Index`] sorts boxes and lines into.
const CELL: f64 = 32.0;

/// Places labels one by one (in the given order), each at the nearest free spot around
/// its anchor inside `area`, avoiding `obstacles` (markers, region names) and the labels
/// placed before it. Candidates are tried ring by ring outwards, so a label stays as close
/// to its marker as the crowd allows.
///
/// Everything placed is kept in a grid of cells, so a candidate is tested only against
/// what stands near it; with the bound on tries ([`MAX_TRIES`]) the work grows linearly
/// with the number of labels.
pub fn place(requests: &[LabelRequest], area: Rect, obstacles: &[Rect]) -> Vec<PlacedLabel> {
    let mut taken = Index::new(area);
    for obstacle in obstacles {
        taken.insert_rect(*obstacle);
    }
    let mut labels = Index::new(area);
    let mut leaders = Index::new(area);
    let mut tries = 0usize;
    // Once a whole-plot scan has found no room at all, the plot is full: later labels
    // skip the scan instead of repeating it.
    let mut full = false;
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
                && !taken.touches(&padded)
                && (!strict
                    || (!leaders.crossed_by_segment_in(&padded)
                        && (ring == 0 || !labels.crossed_by(&leader_to(rect, request)))))
        };
        let search = |strict: bool, tries: &mut usize, full: bool| {
            let near = (0..=MAX_RING).flat_map(|ring| {
                candidates(cx, cy, request.radius, w, h, ring)
                    .into_iter()
                    .map(move |r| (ring, r))
            });
            let far = (!full)
                .then(|| scan(&area, w, h, cx, cy))
                .into_iter()
                .flatten()
                .map(|r| (MAX_RING + 1, r));
            near.chain(far)
                .take_while(|_| {
                    *tries += 1;
                    *tries <= MAX_TRIES
                })
                .find(|(ring, rect)| fits(strict, *ring, rect))
        };
        let found = search(true, &mut tries, full).or_else(|| search(false, &mut tries, full));
        full |= found.is_none();
        // When even the full scan finds no room, the label goes beside its marker
        // anyway: an overlap is better than a lost label, and the tests would show it.
        let (ring, rect) =
            found.unwrap_or((0, Rect::new(cx + request.radius + GAP, cy - h / 2.0, w, h)));
        let leader = (ring > 0).then(|| leader_to(&rect, request));
        if let Some(leader) = leader {
            leaders.insert_segment(leader);
        }
        taken.insert_rect(rect);
        labels.insert_rect(rect);
        placed.push(PlacedLabel {
            text: request.text.clone(),
            size: request.size,
            rect,
            leader: leader.map(|l| (l.from, l.to)),
        });
    }
    placed
}

/// Boxes and lines sorted into square cells over an area (what lies outside goes into
/// the border cells), so that a query looks only at the cells it covers.
struct Index {
    origin: (f64, f64),
    columns: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
    rects: Vec<Rect>,
    segments: Vec<Segment>,
}

impl Index {
    fn new(area: Rect) -> Self {
        let columns = ((area.w / CELL).ceil() as usize).clamp(1, 1024);
        let rows = ((area.h / CELL).ceil() as usize).clamp(1, 1024);
        Index {
            origin: (area.x, area.y),
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
            rects: Vec::new(),
            segments: Vec::new(),
        }
    }

    /// The cells a box covers, clamped to the grid.
    fn cells_of(&self, rect: &Rect) -> impl Iterator<Item = usize> + use<> {
        let clamp = |v: f64, n: usize| {
            if v.is_nan() {
                0
            } else {
                (v / CELL).floor().clamp(0.0, (n - 1) as f64) as usize
            }
        };
        let (x0, x1) = (
            clamp(rect.x - self.origin.0, self.columns),
            clamp(rect.right() - self.origin.0, self.columns),
        );
        let (y0, y1) = (
            clamp(rect.y - self.origin.1, self.rows),
            clamp(rect.bottom() - self.origin.1, self.rows),
        );
        let columns = self.columns;
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| y * columns + x))
    }

    /// Files item `id` under every cell that `bounds` covers.
    fn file(&mut self, id: usize, bounds: &Rect) {
        for cell in self.cells_of(bounds).collect::<Vec<_>>() {
            self.cells[cell].push(id);
        }
    }

    fn insert_rect(&mut self, rect: Rect) {
        self.file(self.rects.len(), &rect);
        self.rects.push(rect);
    }

    fn insert_segment(&mut self, segment: Segment) {
        self.file(self.segments.len(), &segment.bounds());
        self.segments.push(segment);
    }

    /// The ids filed under the cells that `bounds` covers (an id may come more than once).
    fn near<'a>(&'a self, bounds: &Rect) -> impl Iterator<Item = usize> + 'a {
        self.cells_of(bounds)
            .flat_map(|cell| self.cells[cell].iter().copied())
    }

    /// Whether `rect` overlaps a box in the index.
    fn touches(&self, rect: &Rect) -> bool {
        self.near(rect).any(|i| self.rects[i].overlaps(rect))
    }

    /// Whether a line in the index passes through `rect`.
    fn crossed_by_segment_in(&self, rect: &Rect) -> bool {
        self.near(rect).any(|i| self.segments[i].crosses(rect))
    }

    /// Whether `segment` passes through a box in the index.
    fn crossed_by(&self, segment: &Segment) -> bool {
        self.near(&segment.bounds())
            .any(|i| segment.crosses(&self.rects[i]))
    }
}

/// A straight line between two points.
#[derive(Debug, Clone, Copy)]
struct Segment {
    from: (f64, f64),
    to: (f64, f64),
}

impl Segment {
    /// The smallest box that holds the segment.
    fn bounds(&self) -> Rect {
        let (x0, x1) = (self.from.0.min(self.to.0), self.from.0.max(self.to.0));
        let (y0, y1) = (self.from.1.min(self.to.1), self.from.1.max(self.to.1));
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

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

    #[test]
    fn labels_in_a_crowd_never_overlap_while_there_is_room() {
        // 60 labels on one spot: the index must find the same free places a plain search
        // over every placed box would.
        let requests: Vec<_> = (0..60)
            .map(|i| LabelRequest {
                text: format!("Corporatie {i}"),
                size: 11.0,
                anchor: (400.0, 400.0),
                radius: 5.0,
            })
            .collect();
        let placed = place(&requests, Rect::new(0.0, 0.0, 800.0, 800.0), &[]);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{} and {}", a.text, b.text);
            }
        }
    }

    #[test]
    fn a_picture_with_no_room_left_still_places_every_label() {
        // 1,500 labels in a small area: the area fills up, the search stops at its bound,
        // and every label still gets a place (beside its marker).
        let requests: Vec<_> = (0..1_500)
            .map(|i| LabelRequest {
                text: format!("Woonstichting {i}"),
                size: 11.0,
                anchor: (100.0 + (i % 7) as f64, 100.0),
                radius: 5.0,
            })
            .collect();
        let placed = place(&requests, Rect::new(0.0, 0.0, 300.0, 200.0), &[]);
        assert_eq!(placed.len(), requests.len());
        assert!(placed.iter().all(|p| p.rect.w > 0.0));
    }
}
