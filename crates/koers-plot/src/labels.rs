//! Label placement: every label gets a place where it overlaps no other label, marker,
//! region name, line or ellipse outline; a label that had to move away from its marker
//! gets a leader line, and a label that finds no room at all is left out (the caption
//! counts those).

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
    /// Lower goes first: an organisation's name (0) before a year or an ambition (1).
    pub priority: u8,
}

/// A placed label.
#[derive(Debug, Clone)]
pub struct PlacedLabel {
    /// The text.
    pub text: String,
    /// The font size.
    pub size: f64,
    /// The box the text occupies (measured with [`text_width`]).
    pub rect: Rect,
    /// The label stands left of its marker: it is anchored at its end (its right edge),
    /// next to the marker.
    pub end: bool,
    /// A line from the marker's edge to the label, when the label stands away from it.
    pub leader: Option<((f64, f64), (f64, f64))>,
}

/// What labels must keep clear of.
#[derive(Debug, Clone, Default)]
pub struct Obstacles {
    /// Boxes: markers, dots, region names.
    pub boxes: Vec<Rect>,
    /// Lines: arrows.
    pub lines: Vec<((f64, f64), (f64, f64))>,
    /// Ellipses (centre, horizontal and vertical radius) whose outline a label should not
    /// cross: the spreads. A label lies wholly inside or wholly outside, unless the crowd
    /// leaves no such place.
    pub ellipses: Vec<((f64, f64), f64, f64)>,
    /// Rectangles whose outline a label should not cross, as the ellipses: the 95 %
    /// intervals.
    pub frames: Vec<Rect>,
}

/// Whether the outline of `frame` passes through `rect`.
fn frame_crosses(frame: &Rect, rect: &Rect) -> bool {
    // A label over the whole frame covers its outline as well.
    rect.overlaps(frame) && !frame.contains(rect)
}

/// Whether the outline of the ellipse passes through `rect`: part of the box lies inside
/// and part outside. `f = ((x − cx)/rx)² + ((y − cy)/ry)²` is smallest at the box's point
/// nearest the centre and largest at a corner.
pub fn ellipse_crosses(at: (f64, f64), rx: f64, ry: f64, rect: &Rect) -> bool {
    if rx <= 0.0 || ry <= 0.0 {
        return false;
    }
    let f = |(x, y): (f64, f64)| ((x - at.0) / rx).powi(2) + ((y - at.1) / ry).powi(2);
    let nearest = f(rect.nearest(at.0, at.1));
    let farthest = [
        (rect.x, rect.y),
        (rect.right(), rect.y),
        (rect.x, rect.bottom()),
        (rect.right(), rect.bottom()),
    ]
    .into_iter()
    .map(f)
    .fold(0.0, f64::max);
    nearest < 1.0 && farthest > 1.0
}

/// The space kept between a label and anything else.
const GAP: f64 = 2.0;
/// How far a label may stand from its marker, in rings of [`RING_STEP`] pixels: about
/// 100 pixels. A label further away, at the end of a long leader line across the crowd,
/// reads as belonging to any marker on the way; it is left out instead. (An earlier
/// version scanned the whole plot as a last resort: slow, and it drew such leaders.)
const MAX_RING: usize = 9;
const RING_STEP: f64 = 10.0;
/// The most candidate spots tried for all labels of one picture together: a hard bound on
/// the work, whatever the input. Each label tries at most 8 + 9 × 24 spots, so this is
/// reached only past some 8,000 labels; the remaining labels are then left out.
const MAX_TRIES: usize = 2_000_000;
/// The side of the cells that [`Index`] sorts boxes and lines into.
const CELL: f64 = 32.0;

/// Places labels one by one (in the given order), each at the nearest free spot around
/// its anchor inside `area`, avoiding the obstacles and the labels placed before it.
/// Candidates are tried ring by ring outwards, so a label stays as close to its marker as
/// the crowd allows. A label with no free spot within `MAX_RING` rings is left out: the
/// result holds `None` in its place.
///
/// Everything placed is kept in a grid of cells, so a candidate is tested only against
/// what stands near it; with the bound on tries (`MAX_TRIES`) the work grows linearly
/// with the number of labels.
pub fn place(
    requests: &[LabelRequest],
    area: Rect,
    obstacles: &Obstacles,
) -> Vec<Option<PlacedLabel>> {
    let mut taken = Index::new(area);
    for obstacle in &obstacles.boxes {
        taken.insert_rect(*obstacle);
    }
    let mut lines = Index::new(area);
    for (from, to) in &obstacles.lines {
        lines.insert_segment(Segment {
            from: *from,
            to: *to,
        });
    }
    let mut ellipses = Index::new(area);
    for (at, rx, ry) in &obstacles.ellipses {
        ellipses.insert_ellipse(*at, *rx, *ry);
    }
    let mut frames = Index::new(area);
    for frame in &obstacles.frames {
        frames.insert_rect(*frame);
    }
    let mut labels = Index::new(area);
    let mut leaders = Index::new(area);
    let mut tries = 0usize;
    let mut placed = Vec::with_capacity(requests.len());
    for request in requests {
        let w = text_width(&request.text, request.size);
        let h = text_height(request.size);
        let (cx, cy) = request.anchor;
        // A spot is free when the box touches nothing taken and no arrow crosses it.
        // Strictly free, when it also crosses no ellipse's outline and no leader line,
        // and its own leader (if it needs one) crosses no label: the first strictly free
        // spot is taken, else the first free one (in a dense crowd the ellipses and
        // leaders may have to cross). One pass over the spots finds both.
        let free = |rect: &Rect, padded: &Rect| {
            area.contains(rect) && !taken.touches(padded) && !lines.crossed_by_segment_in(padded)
        };
        let strictly = |ring: usize, rect: &Rect, padded: &Rect| {
            !ellipses.crosses_ellipse_in(padded)
                && !frames
                    .near(padded)
                    .any(|i| frame_crosses(&frames.rects[i], padded))
                && !leaders.crossed_by_segment_in(padded)
                && (ring == 0 || {
                    let leader = leader_to(rect, request);
                    !labels.crossed_by(&leader) && !lines.meets(&leader)
                })
        };
        let mut fallback = None;
        let mut found = None;
        let spots = (0..=MAX_RING).flat_map(|ring| {
            candidates(cx, cy, request.radius, w, h, ring)
                .into_iter()
                .map(move |r| (ring, r))
        });
        for (ring, rect) in spots {
            tries += 1;
            if tries > MAX_TRIES {
                break;
            }
            let padded = rect.inflate(GAP);
            if !free(&rect, &padded) {
                continue;
            }
            if strictly(ring, &rect, &padded) {
                found = Some((ring, rect));
                break;
            }
            fallback = fallback.or(Some((ring, rect)));
        }
        let found = found.or(fallback);
        let Some((ring, rect)) = found else {
            placed.push(None);
            continue;
        };
        let leader = (ring > 0).then(|| leader_to(&rect, request));
        if let Some(leader) = leader {
            leaders.insert_segment(leader);
        }
        taken.insert_rect(rect);
        labels.insert_rect(rect);
        placed.push(Some(PlacedLabel {
            text: request.text.clone(),
            size: request.size,
            rect,
            end: rect.x + rect.w / 2.0 < cx,
            leader: leader.map(|l| (l.from, l.to)),
        }));
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
    ellipses: Vec<((f64, f64), f64, f64)>,
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
            ellipses: Vec::new(),
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

    fn insert_ellipse(&mut self, at: (f64, f64), rx: f64, ry: f64) {
        let bounds = Rect::new(at.0 - rx, at.1 - ry, 2.0 * rx, 2.0 * ry);
        self.file(self.ellipses.len(), &bounds);
        self.ellipses.push((at, rx, ry));
    }

    /// Whether the outline of an ellipse in the index passes through `rect`.
    fn crosses_ellipse_in(&self, rect: &Rect) -> bool {
        self.near(rect).any(|i| {
            let (at, rx, ry) = self.ellipses[i];
            ellipse_crosses(at, rx, ry, rect)
        })
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

    /// Whether `segment` meets a line in the index (a leader crossing an arrow).
    fn meets(&self, segment: &Segment) -> bool {
        self.near(&segment.bounds())
            .any(|i| segment.meets(&self.segments[i]))
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

    /// Whether the two segments cross or touch.
    fn meets(&self, other: &Segment) -> bool {
        let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        };
        let (d1, d2) = (
            cross(other.from, other.to, self.from),
            cross(other.from, other.to, self.to),
        );
        let (d3, d4) = (
            cross(self.from, self.to, other.from),
            cross(self.from, self.to, other.to),
        );
        d1 * d2 <= 0.0
            && d3 * d4 <= 0.0
            && self
                .bounds()
                .inflate(0.5)
                .overlaps(&other.bounds().inflate(0.5))
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

/// Whether the straight line from `from` to `to` passes through `rect`.
pub fn segment_crosses(from: (f64, f64), to: (f64, f64), rect: &Rect) -> bool {
    Segment { from, to }.crosses(rect)
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
/// (right first, as a reader expects); further rings hold 24 directions each.
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
    (0..24)
        .map(|k| {
            let angle = k as f64 * std::f64::consts::PI / 12.0;
            let (dx, dy) = (angle.cos(), -angle.sin());
            // The box's centre sits so that its near side is about `dist` from the marker.
            let centre = (cx + dx * (dist + w / 2.0), cy + dy * (dist + h / 2.0));
            Rect::new(centre.0 - w / 2.0, centre.1 - h / 2.0, w, h)
        })
        .collect()
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
    fn segments_meet_when_they_cross_and_not_when_they_pass() {
        let a = Segment {
            from: (0.0, 0.0),
            to: (10.0, 10.0),
        };
        let crossing = Segment {
            from: (0.0, 10.0),
            to: (10.0, 0.0),
        };
        let beside = Segment {
            from: (5.0, 0.0),
            to: (15.0, 4.0),
        };
        assert!(a.meets(&crossing) && crossing.meets(&a));
        assert!(!a.meets(&beside));
        // On one line, apart: they do not meet.
        let later = Segment {
            from: (20.0, 20.0),
            to: (30.0, 30.0),
        };
        assert!(!a.meets(&later));
    }

    #[test]
    fn a_frame_crosses_a_box_on_its_outline_only() {
        let frame = Rect::new(10.0, 10.0, 20.0, 20.0);
        assert!(frame_crosses(&frame, &Rect::new(25.0, 15.0, 10.0, 5.0)));
        assert!(
            !frame_crosses(&frame, &Rect::new(12.0, 12.0, 5.0, 5.0)),
            "inside"
        );
        assert!(
            !frame_crosses(&frame, &Rect::new(40.0, 12.0, 5.0, 5.0)),
            "outside"
        );
        assert!(
            frame_crosses(&frame, &Rect::new(0.0, 0.0, 50.0, 50.0)),
            "over it"
        );
    }

    #[test]
    fn an_ellipse_crosses_a_box_on_its_outline_only() {
        let (at, rx, ry) = ((50.0, 50.0), 20.0, 10.0);
        assert!(ellipse_crosses(
            at,
            rx,
            ry,
            &Rect::new(65.0, 45.0, 10.0, 10.0)
        ));
        assert!(
            !ellipse_crosses(at, rx, ry, &Rect::new(45.0, 47.0, 10.0, 6.0)),
            "inside"
        );
        assert!(
            !ellipse_crosses(at, rx, ry, &Rect::new(75.0, 45.0, 10.0, 10.0)),
            "outside"
        );
        // A box over the whole ellipse covers its outline: that counts too.
        assert!(ellipse_crosses(
            at,
            rx,
            ry,
            &Rect::new(0.0, 0.0, 100.0, 100.0)
        ));
    }

    #[test]
    fn a_lone_label_stands_right_of_its_marker_without_a_leader() {
        let request = LabelRequest {
            text: "De Dijk".into(),
            size: 12.0,
            anchor: (50.0, 50.0),
            radius: 6.0,
            priority: 0,
        };
        let placed = place(
            &[request],
            Rect::new(0.0, 0.0, 200.0, 100.0),
            &Obstacles::default(),
        );
        let label = placed[0].as_ref().unwrap();
        assert!(label.rect.x > 56.0 && label.leader.is_none() && !label.end);
    }

    #[test]
    fn labels_in_a_crowd_never_overlap() {
        // 60 labels on one spot: the index must find free places as a plain search over
        // every placed box would, and what has no room is left out, not overlapped.
        let requests: Vec<_> = (0..60)
            .map(|i| LabelRequest {
                text: format!("Corporatie {i}"),
                size: 11.0,
                anchor: (400.0, 400.0),
                radius: 5.0,
                priority: 0,
            })
            .collect();
        let placed: Vec<_> = place(
            &requests,
            Rect::new(0.0, 0.0, 800.0, 800.0),
            &Obstacles::default(),
        )
        .into_iter()
        .flatten()
        .collect();
        // Within about 100 pixels of one spot, room for a few dozen such labels.
        assert!(placed.len() >= 20, "{}", placed.len());
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{} and {}", a.text, b.text);
            }
        }
    }

    #[test]
    fn a_picture_with_no_room_left_drops_what_does_not_fit_and_overlaps_nothing() {
        // 1,500 labels in a small area: the area fills up, the rest are left out, and the
        // work stays bounded.
        let requests: Vec<_> = (0..1_500)
            .map(|i| LabelRequest {
                text: format!("Woonstichting {i}"),
                size: 11.0,
                anchor: (100.0 + (i % 7) as f64, 100.0),
                radius: 5.0,
                priority: 0,
            })
            .collect();
        let placed = place(
            &requests,
            Rect::new(0.0, 0.0, 300.0, 200.0),
            &Obstacles::default(),
        );
        assert_eq!(placed.len(), requests.len());
        let shown: Vec<_> = placed.iter().flatten().collect();
        assert!(shown.len() > 10 && shown.len() < 200, "{}", shown.len());
        for (i, a) in shown.iter().enumerate() {
            for b in &shown[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{} and {}", a.text, b.text);
            }
        }
    }

    #[test]
    fn a_label_keeps_off_lines_and_a_smaller_label_still_finds_room() {
        // A line right through the spot right of the marker: the label goes elsewhere.
        let obstacles = Obstacles {
            boxes: vec![],
            lines: vec![((60.0, 0.0), (60.0, 100.0))],
            ellipses: vec![],
            frames: vec![],
        };
        let request = |text: &str| LabelRequest {
            text: text.into(),
            size: 12.0,
            anchor: (50.0, 50.0),
            radius: 6.0,
            priority: 0,
        };
        let area = Rect::new(0.0, 0.0, 200.0, 100.0);
        let placed = place(&[request("De Dijk")], area, &obstacles);
        let label = placed[0].as_ref().unwrap();
        assert!(
            label.rect.right() < 60.0 || label.rect.x > 60.0,
            "{label:?}"
        );
        // Left of the marker: anchored at its end.
        assert_eq!(label.end, label.rect.right() < 50.0);

        // A narrow strip: a long label finds no room and is dropped, a short one after it
        // still gets a place (a failed label must not block smaller ones).
        let strip = Rect::new(0.0, 0.0, 90.0, 20.0);
        let placed = place(
            &[
                LabelRequest {
                    anchor: (10.0, 10.0),
                    radius: 2.0,
                    ..request("Woningcorporatie Lange Naam")
                },
                LabelRequest {
                    anchor: (10.0, 10.0),
                    radius: 2.0,
                    ..request("Ab")
                },
            ],
            strip,
            &Obstacles::default(),
        );
        assert!(placed[0].is_none());
        assert!(placed[1].is_some());
    }
}
