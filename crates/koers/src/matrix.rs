//! The positioning matrix: two axes from 0 to 100 and the named regions that tile it.

use crate::{AxisName, Error, IdKind, Invalid, Lang, Location, Source, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// The lowest value of both axes.
pub const AXIS_MIN: f64 = 0.0;
/// The highest value of both axes.
pub const AXIS_MAX: f64 = 100.0;

/// A positioning matrix: two axes and the regions that tile the square between them.
///
/// Deserializing (from JSON, say) reads what serializing writes and goes through the
/// checks of [`Matrix::parse`]: a matrix whose regions leave a gap is refused there too.
///
/// ```
/// use koers::{Matrix, builtin};
/// let sev = builtin::matrix("sev").unwrap();
/// let json = serde_json::to_string(&sev).unwrap();
/// assert_eq!(&serde_json::from_str::<Matrix>(&json).unwrap(), sev);
/// let gap = json.replace("[0.0,25.0]", "[5.0,25.0]");
/// assert!(serde_json::from_str::<Matrix>(&gap).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", try_from = "toml::Table")]
pub struct Matrix {
    /// A short id, e.g. `sev`.
    pub id: String,
    /// The matrix's name.
    pub title: Text,
    /// The horizontal axis.
    pub x: Axis,
    /// The vertical axis.
    pub y: Axis,
    /// The regions; together they contain every point of 0–100 × 0–100 exactly once.
    pub regions: Vec<Region>,
}

/// One axis, running from 0 (the low pole) to 100 (the high pole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Axis {
    /// A short id, e.g. `focus`.
    pub id: String,
    /// What the axis measures, e.g. "Focus".
    pub label: Text,
    /// The name of the 0 end, e.g. "Vastgoed".
    pub low: Text,
    /// The name of the 100 end, e.g. "Sociaal".
    pub high: Text,
    /// Named stretches of the axis, e.g. the four rungs of the ladder, drawn as tick
    /// labels and boundary lines in the picture. May be empty.
    #[serde(default)]
    pub bands: Vec<Band>,
}

/// A named stretch of an axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Band {
    /// The name, e.g. "Wijkregisseur".
    pub label: Text,
    /// The half-open interval `[low, high)`.
    pub range: Interval,
}

/// A named region of the matrix: a rectangle of half-open intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Region {
    /// A short id, e.g. `wijkregisseur-sociaal`.
    pub id: String,
    /// The name, e.g. "Wijkregisseur — sociaal accent".
    pub label: Text,
    /// What a corporation in this region does.
    pub description: Text,
    /// The x interval `[low, high)`; `high = 100` includes 100.
    pub x: Interval,
    /// The y interval `[low, high)`; `high = 100` includes 100.
    pub y: Interval,
}

/// An interval on an axis, written `[low, high]`. In a matrix (a region's x or y, a band's
/// range) it is half-open, `[low, high)`, except that one ending at 100 includes 100, so
/// that the top and right edges belong to a region. As the interval of a group's mean
/// (`Stats.interval`) it includes both ends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "[f64; 2]", into = "[f64; 2]")]
pub struct Interval {
    /// The lowest value in the interval.
    pub low: f64,
    /// The first value past the interval (or 100, which is included).
    pub high: f64,
}

impl From<[f64; 2]> for Interval {
    fn from([low, high]: [f64; 2]) -> Self {
        Interval { low, high }
    }
}

impl From<Interval> for [f64; 2] {
    fn from(interval: Interval) -> Self {
        [interval.low, interval.high]
    }
}

impl Axis {
    /// The axis named by its poles in one language, "Vastgoed → Sociaal".
    pub fn title(&self, lang: Lang) -> String {
        format!("{} → {}", self.low.get(lang), self.high.get(lang))
    }
}

impl Interval {
    /// Whether `value` lies in the interval under the half-open rule.
    pub fn contains(&self, value: f64) -> bool {
        (self.low <= value && value < self.high) || (self.high == AXIS_MAX && value == AXIS_MAX)
    }

    /// The middle of the interval.
    pub fn mid(&self) -> f64 {
        (self.low + self.high) / 2.0
    }
}

/// A point on the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The x score, 0–100.
    pub x: f64,
    /// The y score, 0–100.
    pub y: f64,
}

impl TryFrom<toml::Table> for Matrix {
    type Error = Invalid;
    /// The fields as a matrix file writes them, read by [`Matrix::parse`]: one set of
    /// checks for a file and for any other serde format.
    fn try_from(table: toml::Table) -> Result<Matrix, Invalid> {
        crate::toml_doc::parse_table(table, "(matrix)", Matrix::parse)
    }
}

impl Matrix {
    /// Parses a matrix file and checks it: intervals inside 0–100, unique region ids, and
    /// regions that cover the square exactly once. Every TOML syntax error of the file is
    /// reported at once, each at its place (the file is parsed with recovery).
    pub fn parse(source: &Source<'_>) -> Result<Matrix, Invalid> {
        crate::toml_doc::Tree::parse_recovering(source).into_matrix()
    }

    /// The region that contains `point`, if any (a valid matrix always has one for a point
    /// inside 0–100 × 0–100).
    pub fn region_at(&self, point: Point) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.x.contains(point.x) && r.y.contains(point.y))
    }

    /// A region by id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The distance in points from `point` to the nearest edge of its region that borders
    /// another region (the outer edges of the matrix are no boundary). `None` when the
    /// point lies in no region or its region has no inner edge.
    pub fn margin(&self, point: Point) -> Option<f64> {
        let region = self.region_at(point)?;
        let inner = |edge: f64| edge > AXIS_MIN && edge < AXIS_MAX;
        [
            (region.x.low, point.x),
            (region.x.high, point.x),
            (region.y.low, point.y),
            (region.y.high, point.y),
        ]
        .into_iter()
        .filter(|(edge, _)| inner(*edge))
        .map(|(edge, value)| (value - edge).abs())
        .min_by(f64::total_cmp)
    }
}

/// A positioning matrix: two axes from 0 to 100 and the regions that tile the square
/// between them (a koers matrix file). The file shape, with spans kept for the checks;
/// the JSON Schema (feature `schema`) describes it too.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "koers matrix", rename = "Matrix")
)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct RawMatrix {
    /// A short id, e.g. `sev`.
    id: String,
    /// The matrix's name.
    title: Text,
    /// The horizontal axis.
    #[cfg_attr(feature = "schema", schemars(with = "Axis"))]
    x: Spanned<Axis>,
    /// The vertical axis.
    #[cfg_attr(feature = "schema", schemars(with = "Axis"))]
    y: Spanned<Axis>,
    /// The regions; together they contain every point of 0–100 × 0–100 exactly once.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawRegion>"))]
    regions: Spanned<Vec<RawRegion>>,
}

/// A named region of the matrix: a rectangle of half-open intervals.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Region"))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawRegion {
    /// A short id, e.g. `wijkregisseur-sociaal`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    id: Spanned<String>,
    /// The name, e.g. "Wijkregisseur — sociaal accent".
    label: Text,
    /// What a corporation in this region does.
    description: Text,
    /// The x interval `[low, high)`; `high = 100` includes 100.
    #[cfg_attr(feature = "schema", schemars(with = "Interval"))]
    x: Spanned<Interval>,
    /// The y interval `[low, high)`; `high = 100` includes 100.
    #[cfg_attr(feature = "schema", schemars(with = "Interval"))]
    y: Spanned<Interval>,
}

impl RawMatrix {
    pub(crate) fn check(self, source: &Source<'_>) -> Result<Matrix, Invalid> {
        let mut errors = Vec::new();
        // By id: a list searched for every region would make the check quadratic.
        let mut first_seen: BTreeMap<&str, Location> = BTreeMap::new();
        for region in self.regions.get_ref() {
            let location = source.locate_span(region.id.span());
            if let Some(first) = first_seen.get(region.id.get_ref().as_str()) {
                errors.push(Error::Duplicate {
                    location: location.clone(),
                    what: IdKind::Region,
                    id: region.id.get_ref().clone(),
                    first: first.clone(),
                });
            }
            first_seen.entry(region.id.get_ref()).or_insert(location);
            for (axis, interval) in [(AxisName::X, &region.x), (AxisName::Y, &region.y)] {
                let Interval { low, high } = *interval.get_ref();
                let valid = low.is_finite()
                    && high.is_finite()
                    && AXIS_MIN <= low
                    && low < high
                    && high <= AXIS_MAX;
                if !valid {
                    errors.push(Error::RegionOutOfRange {
                        location: source.locate_span(interval.span()),
                        region: region.id.get_ref().clone(),
                        axis,
                        low,
                        high,
                    });
                }
            }
        }
        for (name, axis) in [(AxisName::X, &self.x), (AxisName::Y, &self.y)] {
            for band in &axis.get_ref().bands {
                let Interval { low, high } = band.range;
                // `!(a < b)` is also true for NaN, which a plain `a >= b` would let through.
                let valid = AXIS_MIN <= low && low < high && high <= AXIS_MAX;
                if !valid {
                    errors.push(Error::InvalidBand {
                        location: source.locate_span(axis.span()),
                        axis: name,
                        band: band.label.nl.clone(),
                        low,
                        high,
                    });
                }
            }
        }
        let regions_location = source.locate_span(self.regions.span());
        let matrix = Matrix {
            id: self.id,
            title: self.title,
            x: self.x.into_inner(),
            y: self.y.into_inner(),
            regions: self
                .regions
                .into_inner()
                .into_iter()
                .map(|r| Region {
                    id: r.id.into_inner(),
                    label: r.label,
                    description: r.description,
                    x: r.x.into_inner(),
                    y: r.y.into_inner(),
                })
                .collect(),
        };
        // Only intervals that are themselves valid can be checked for gaps and overlaps.
        if errors.is_empty() {
            errors.extend(cover_errors(&matrix, &regions_location));
        }
        if errors.is_empty() {
            Ok(matrix)
        } else {
            Err(Invalid::new(errors))
        }
    }
}

/// Checks that the regions tile the square: every cell of the grid formed by all interval
/// edges lies in exactly one region. Rectangles can only start or stop at an edge, so
/// testing each cell is exact, not a sample.
///
/// A sweep from left to right keeps, per row of the grid, how many regions cover it (a
/// segment tree with range additions), so the work grows as R log R in the number of
/// regions rather than with the number of cells. At most [`MAX_COVER_ERRORS`] problems are
/// reported: a matrix that is wrong everywhere needs no ten thousand messages.
fn cover_errors(matrix: &Matrix, location: &Location) -> Vec<Error> {
    let edges = |pick: fn(&Region) -> Interval| {
        let mut edges = vec![AXIS_MIN, AXIS_MAX];
        for region in &matrix.regions {
            edges.push(pick(region).low);
            edges.push(pick(region).high);
        }
        edges.sort_by(f64::total_cmp);
        edges.dedup();
        edges
    };
    let xs = edges(|r| r.x);
    let ys = edges(|r| r.y);
    let index = |edges: &[f64], value: f64| edges.partition_point(|&e| e < value);
    // Region i covers columns [x_from, x_to) and rows [y_from, y_to) of the grid.
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); xs.len()];
    let mut ends: Vec<Vec<usize>> = vec![Vec::new(); xs.len()];
    for (i, region) in matrix.regions.iter().enumerate() {
        starts[index(&xs, region.x.low)].push(i);
        ends[index(&xs, region.x.high)].push(i);
    }
    let rows = |region: &Region| (index(&ys, region.y.low), index(&ys, region.y.high));
    let mut tree = CoverTree::new(ys.len() - 1);
    let mut errors = Vec::new();
    for column in 0..xs.len() - 1 {
        for &i in &ends[column] {
            let (from, to) = rows(&matrix.regions[i]);
            tree.add(from, to, -1);
        }
        for &i in &starts[column] {
            let (from, to) = rows(&matrix.regions[i]);
            tree.add(from, to, 1);
        }
        let mut row = 0;
        while let Some(bad) = tree.first_not_one(row) {
            if errors.len() == MAX_COVER_ERRORS {
                return errors;
            }
            let (x, y) = (
                (xs[column] + xs[column + 1]) / 2.0,
                (ys[bad] + ys[bad + 1]) / 2.0,
            );
            errors.push(Error::RegionCover {
                location: location.clone(),
                x,
                y,
                regions: matrix
                    .regions
                    .iter()
                    .filter(|r| r.x.contains(x) && r.y.contains(y))
                    .map(|r| r.id.clone())
                    .collect(),
            });
            row = bad + 1;
        }
    }
    errors
}

/// The most gaps and overlaps one matrix check reports.
const MAX_COVER_ERRORS: usize = 20;

/// Counts per row of the grid, with range addition and a search for the first row whose
/// count is not exactly one: a segment tree holding each node's minimum and maximum.
struct CoverTree {
    rows: usize,
    min: Vec<i64>,
    max: Vec<i64>,
    pending: Vec<i64>,
}

impl CoverTree {
    fn new(rows: usize) -> Self {
        let size = 4 * rows.max(1);
        CoverTree {
            rows,
            min: vec![0; size],
            max: vec![0; size],
            pending: vec![0; size],
        }
    }

    /// Adds `delta` to rows `from..to`.
    fn add(&mut self, from: usize, to: usize, delta: i64) {
        if from < to {
            self.add_in(1, 0, self.rows, from, to, delta);
        }
    }

    fn add_in(&mut self, node: usize, low: usize, high: usize, from: usize, to: usize, d: i64) {
        if to <= low || high <= from {
            return;
        }
        if from <= low && high <= to {
            self.min[node] += d;
            self.max[node] += d;
            self.pending[node] += d;
            return;
        }
        let mid = (low + high) / 2;
        self.add_in(2 * node, low, mid, from, to, d);
        self.add_in(2 * node + 1, mid, high, from, to, d);
        self.min[node] = self.min[2 * node].min(self.min[2 * node + 1]) + self.pending[node];
        self.max[node] = self.max[2 * node].max(self.max[2 * node + 1]) + self.pending[node];
    }

    /// The first row at or after `from` whose count is not 1.
    fn first_not_one(&self, from: usize) -> Option<usize> {
        self.find(1, 0, self.rows, from, 0)
    }

    fn find(&self, node: usize, low: usize, high: usize, from: usize, above: i64) -> Option<usize> {
        let (min, max) = (self.min[node] + above, self.max[node] + above);
        if high <= from || (min == 1 && max == 1) {
            return None;
        }
        if high - low == 1 {
            return Some(low);
        }
        let mid = (low + high) / 2;
        let above = above + self.pending[node];
        self.find(2 * node, low, mid, from, above)
            .or_else(|| self.find(2 * node + 1, mid, high, from, above))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn matrix(regions: &[(f64, f64, f64, f64)]) -> Matrix {
        let text = |s: &str| Text {
            nl: s.to_string(),
            en: None,
        };
        let axis = || Axis {
            id: "a".into(),
            label: text("a"),
            low: text("0"),
            high: text("100"),
            bands: Vec::new(),
        };
        Matrix {
            id: "m".into(),
            title: text("m"),
            x: axis(),
            y: axis(),
            regions: regions
                .iter()
                .enumerate()
                .map(|(i, &(x0, x1, y0, y1))| Region {
                    id: format!("r{i}"),
                    label: text("r"),
                    description: text("r"),
                    x: Interval { low: x0, high: x1 },
                    y: Interval { low: y0, high: y1 },
                })
                .collect(),
        }
    }

    /// The plain check the sweep replaces: every cell against every region.
    fn brute_force(matrix: &Matrix) -> Vec<(f64, f64)> {
        let edges = |pick: fn(&Region) -> Interval| {
            let mut e = vec![AXIS_MIN, AXIS_MAX];
            e.extend(
                matrix
                    .regions
                    .iter()
                    .flat_map(|r| [pick(r).low, pick(r).high]),
            );
            e.sort_by(f64::total_cmp);
            e.dedup();
            e
        };
        let (xs, ys) = (edges(|r| r.x), edges(|r| r.y));
        let mut bad = Vec::new();
        for xw in xs.windows(2) {
            for yw in ys.windows(2) {
                let (x, y) = ((xw[0] + xw[1]) / 2.0, (yw[0] + yw[1]) / 2.0);
                let n = matrix
                    .regions
                    .iter()
                    .filter(|r| r.x.contains(x) && r.y.contains(y))
                    .count();
                if n != 1 {
                    bad.push((x, y));
                }
            }
        }
        bad
    }

    fn places(errors: &[Error]) -> Vec<(f64, f64)> {
        errors
            .iter()
            .map(|e| match e {
                Error::RegionCover { x, y, .. } => (*x, *y),
                other => panic!("{other}"),
            })
            .collect()
    }

    proptest! {
        #[test]
        fn the_sweep_finds_the_same_gaps_and_overlaps_as_checking_every_cell(
            cells in proptest::collection::vec((0u8..5, 1u8..=5, 0u8..5, 1u8..=5), 1..7)
        ) {
            let regions: Vec<_> = cells
                .iter()
                .map(|&(x, w, y, h)| {
                    let (x0, y0) = (f64::from(x) * 20.0, f64::from(y) * 20.0);
                    (x0, (x0 + f64::from(w) * 20.0).min(100.0), y0, (y0 + f64::from(h) * 20.0).min(100.0))
                })
                .collect();
            let m = matrix(&regions);
            let location = Source::new("m", "").whole();
            let mut expected = brute_force(&m);
            expected.truncate(MAX_COVER_ERRORS);
            let mut found = places(&cover_errors(&m, &location));
            // The sweep goes column by column, the brute force too: same order.
            found.truncate(MAX_COVER_ERRORS);
            prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn a_tiling_of_sixteen_thousand_regions_is_accepted() {
        // 160 × 100 strips: 16,000 regions, 16,000 cells, each covered once.
        let mut regions = Vec::new();
        for i in 0..160 {
            for j in 0..100 {
                let (x0, y0) = (f64::from(i) * 100.0 / 160.0, f64::from(j));
                regions.push((x0, f64::from(i + 1) * 100.0 / 160.0, y0, y0 + 1.0));
            }
        }
        let m = matrix(&regions);
        assert!(cover_errors(&m, &Source::new("m", "").whole()).is_empty());
    }
}
