//! The positioning matrix: two axes from 0 to 100 and the named regions that tile it.

use crate::toml_doc::from_toml;
use crate::{Error, Invalid, Lang, Location, Source, Text};
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The lowest value of both axes.
pub const AXIS_MIN: f64 = 0.0;
/// The highest value of both axes.
pub const AXIS_MAX: f64 = 100.0;

/// A positioning matrix: two axes and the regions that tile the square between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// A half-open interval `[low, high)` on an axis, written `[low, high]` in TOML. An interval
/// that ends at 100 includes 100, so that the top and right edges belong to a region.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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

impl Matrix {
    /// Parses a matrix file and checks it: intervals inside 0–100, unique region ids, and
    /// regions that cover the square exactly once.
    pub fn parse(source: &Source<'_>) -> Result<Matrix, Invalid> {
        let raw: RawMatrix = from_toml(source)?;
        raw.check(source)
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

/// The file shape, with spans kept for the checks.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct RawMatrix {
    id: String,
    title: Text,
    x: Axis,
    y: Axis,
    regions: Spanned<Vec<RawRegion>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawRegion {
    id: Spanned<String>,
    label: Text,
    description: Text,
    x: Spanned<Interval>,
    y: Spanned<Interval>,
}

impl RawMatrix {
    pub(crate) fn check(self, source: &Source<'_>) -> Result<Matrix, Invalid> {
        let mut errors = Vec::new();
        let mut first_seen: Vec<(&str, Location)> = Vec::new();
        for region in self.regions.get_ref() {
            let location = source.locate_span(region.id.span());
            if let Some((_, first)) = first_seen.iter().find(|(id, _)| *id == region.id.get_ref()) {
                errors.push(Error::Duplicate {
                    location: location.clone(),
                    what: "region",
                    id: region.id.get_ref().clone(),
                    first: first.clone(),
                });
            }
            first_seen.push((region.id.get_ref(), location));
            for (axis, interval) in [("x", &region.x), ("y", &region.y)] {
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
        let regions_location = source.locate_span(self.regions.span());
        let matrix = Matrix {
            id: self.id,
            title: self.title,
            x: self.x,
            y: self.y,
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
/// testing one point per cell (its centre) is exact, not a sample.
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
    let mut errors = Vec::new();
    for xw in xs.windows(2) {
        for yw in ys.windows(2) {
            let (x, y) = ((xw[0] + xw[1]) / 2.0, (yw[0] + yw[1]) / 2.0);
            let containing: Vec<String> = matrix
                .regions
                .iter()
                .filter(|r| r.x.contains(x) && r.y.contains(y))
                .map(|r| r.id.clone())
                .collect();
            if containing.len() != 1 {
                errors.push(Error::RegionCover {
                    location: location.clone(),
                    x,
                    y,
                    regions: containing,
                });
            }
        }
    }
    errors
}
