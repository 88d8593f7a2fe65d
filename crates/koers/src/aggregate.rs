//! Combining the scores of several respondents into one position per group.

use crate::scoring::locate;
use crate::{Date, Kind, Matrix, Point, RegionRef, Score};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What makes two scores belong to one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// One group per organisation, kind and date: the organisation's position.
    #[default]
    Organisation,
    /// One group per organisation, kind, date and role: how the roles differ.
    Role,
    /// One group per respondent: every score on its own.
    Respondent,
}

/// The combined position of a group of respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The organisation.
    pub organisation: OrganisationRef,
    /// The kind of assessment.
    pub kind: Kind,
    /// The date of the assessments.
    pub date: Date,
    /// The role, when grouped by role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The respondent, when grouped by respondent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// How many assessments the group holds.
    pub respondents: usize,
    /// The mean of the respondents' positions; `None` when no respondent has one.
    pub position: Option<Point>,
    /// The standard deviation (n − 1; 0 for one respondent) of each axis.
    pub spread: PerAxis<Option<f64>>,
    /// The mean coverage of each axis, 0–1.
    pub coverage: PerAxis<f64>,
    /// The region of the mean position.
    pub region: Option<RegionRef>,
    /// The distance from the mean position to the nearest region boundary.
    pub margin: Option<f64>,
    /// The mean score of each scored section.
    pub sections: Vec<SectionMean>,
    /// n, mean, standard deviation, minimum and maximum of each axis.
    pub stats: PerAxis<Option<Stats>>,
    /// Each respondent's position, for drawing them.
    pub points: Vec<Point>,
}

/// An organisation by grouping key and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRef {
    /// The grouping key.
    pub id: String,
    /// The name.
    pub name: String,
}

/// One value per axis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PerAxis<T> {
    /// The x axis.
    pub x: T,
    /// The y axis.
    pub y: T,
}

/// Summary statistics of one axis over a group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// The number of values.
    pub n: usize,
    /// The mean.
    pub mean: f64,
    /// The sample standard deviation (n − 1), 0 for one value.
    pub sd: f64,
    /// The lowest value.
    pub min: f64,
    /// The highest value.
    pub max: f64,
}

impl Stats {
    /// The statistics of `values`, or `None` for none.
    pub fn of(values: &[f64]) -> Option<Stats> {
        let n = values.len();
        if n == 0 {
            return None;
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let sd = if n > 1 {
            (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        Some(Stats {
            n,
            mean,
            sd,
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        })
    }
}

/// A section's mean score over a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionMean {
    /// The section's id.
    pub id: String,
    /// The mean of the respondents' section scores; `None` when none has one.
    pub score: Option<f64>,
}

impl Group {
    /// Whether both axes' mean coverage reaches [`LOW_COVERAGE`](crate::LOW_COVERAGE).
    pub fn is_reliable(&self) -> bool {
        self.position.is_some()
            && self.coverage.x >= crate::LOW_COVERAGE
            && self.coverage.y >= crate::LOW_COVERAGE
    }
}

/// Groups scores and combines each group. Only respondents with a position (a score on
/// both axes) take part in the mean position and the statistics; all count in
/// `respondents` and the coverage. Groups come sorted by organisation, kind, date and
/// then role or respondent.
pub fn aggregate(scores: &[Score], by: GroupBy, matrix: &Matrix) -> Vec<Group> {
    let mut groups: BTreeMap<GroupKey, Vec<&Score>> = BTreeMap::new();
    for (i, score) in scores.iter().enumerate() {
        let info = &score.assessment;
        let (role, respondent) = match by {
            GroupBy::Organisation => (None, None),
            GroupBy::Role => (Some(info.role.clone().unwrap_or_default()), None),
            // Without a respondent code, the position in the input keeps scores apart.
            GroupBy::Respondent => (
                None,
                Some(
                    info.respondent
                        .clone()
                        .unwrap_or_else(|| format!("#{}", i + 1)),
                ),
            ),
        };
        let key = (
            score.organisation.key().to_string(),
            info.kind,
            info.date,
            role,
            respondent,
        );
        groups.entry(key).or_default().push(score);
    }
    groups
        .into_iter()
        .map(|(key, members)| combine(key, &members, matrix))
        .collect()
}

/// What the scores of one group share.
type GroupKey = (String, Kind, Date, Option<String>, Option<String>);

fn combine(key: GroupKey, members: &[&Score], matrix: &Matrix) -> Group {
    let (id, kind, date, role, respondent) = key;
    let points: Vec<Point> = members.iter().filter_map(|s| s.position).collect();
    let xs: Vec<f64> = points.iter().map(|p| p.x).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.y).collect();
    let stats = PerAxis {
        x: Stats::of(&xs),
        y: Stats::of(&ys),
    };
    let position = stats.x.zip(stats.y).map(|(x, y)| Point {
        x: x.mean,
        y: y.mean,
    });
    let (region, margin) = locate(matrix, position);
    let n = members.len() as f64;
    let sections = members[0]
        .sections
        .iter()
        .map(|section| {
            let scores: Vec<f64> = members
                .iter()
                .filter_map(|m| m.sections.iter().find(|s| s.id == section.id))
                .filter_map(|s| s.score)
                .collect();
            SectionMean {
                id: section.id.clone(),
                score: Stats::of(&scores).map(|s| s.mean),
            }
        })
        .collect();
    Group {
        organisation: OrganisationRef {
            id,
            name: members[0].organisation.name.clone(),
        },
        kind,
        date,
        role,
        respondent,
        respondents: members.len(),
        position,
        spread: PerAxis {
            x: stats.x.map(|s| s.sd),
            y: stats.y.map(|s| s.sd),
        },
        coverage: PerAxis {
            x: members.iter().map(|m| m.x.coverage).sum::<f64>() / n,
            y: members.iter().map(|m| m.y.coverage).sum::<f64>() / n,
        },
        region,
        margin,
        sections,
        stats,
        points,
    }
}

/// The current groups of one organisation in date order: how it moved.
pub fn trajectory<'a>(groups: &'a [Group], organisation_id: &str) -> Vec<&'a Group> {
    let mut path: Vec<&Group> = groups
        .iter()
        .filter(|g| g.kind == Kind::Current && g.organisation.id == organisation_id)
        .collect();
    path.sort_by_key(|g| g.date);
    path
}
