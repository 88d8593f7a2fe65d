//! Combining the scores of several respondents into one position per group.

use crate::scoring::locate;
use crate::student::t_quantile;
use crate::{
    AXIS_MAX, AXIS_MIN, AssessmentInfo, Date, InstrumentRef, Interval, Kind, Ladder, Matrix,
    Method, Organisation, Placement, Point, RegionRef, Score, Shortfall,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What makes two scores belong to one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum GroupBy {
    /// One group per organisation, kind and round (or date, without a round): the
    /// organisation's position.
    #[default]
    Organisation,
    /// One group per organisation, kind, round (or date) and role: how the roles differ.
    Role,
    /// One group per respondent: every score on its own.
    Respondent,
}

impl GroupBy {
    /// Every grouping, the default first.
    pub const ALL: [GroupBy; 3] = [GroupBy::Organisation, GroupBy::Role, GroupBy::Respondent];

    /// The grouping's word, `organisation`, `role` or `respondent`.
    pub fn word(self) -> &'static str {
        match self {
            GroupBy::Organisation => "organisation",
            GroupBy::Role => "role",
            GroupBy::Respondent => "respondent",
        }
    }
}

impl std::fmt::Display for GroupBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

impl std::str::FromStr for GroupBy {
    type Err = crate::UnknownWord;
    /// Reads `organisation` (also `organization`, `organisatie`), `role` (`rol`) or
    /// `respondent`, ignoring case and surrounding spaces.
    ///
    /// ```
    /// use koers::GroupBy;
    /// assert_eq!("Rol".parse::<GroupBy>(), Ok(GroupBy::Role));
    /// assert_eq!("organisatie".parse::<GroupBy>(), Ok(GroupBy::Organisation));
    /// assert!("wijk".parse::<GroupBy>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<GroupBy, crate::UnknownWord> {
        const WORDS: &[(&str, GroupBy)] = &[
            ("organisation", GroupBy::Organisation),
            ("organization", GroupBy::Organisation),
            ("organisatie", GroupBy::Organisation),
            ("role", GroupBy::Role),
            ("rol", GroupBy::Role),
            ("respondent", GroupBy::Respondent),
        ];
        crate::UnknownWord::look_up(
            text,
            "grouping",
            WORDS,
            &["organisation", "role", "respondent"],
        )
    }
}

/// The combined position of a group of respondents (method version 3, step 7; version 2,
/// step 6): the mean of its reliable respondents' positions.
///
/// Respondents whose own position is unreliable are left out and listed in `excluded`,
/// unless none is reliable: then all count and the group is unreliable. Every figure
/// below uses the respondents who count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// The organisation.
    pub organisation: OrganisationRef,
    /// The kind of assessment.
    pub kind: Kind,
    /// The date of the assessments; for a round, the latest date among its respondents.
    pub date: Date,
    /// The survey round, when the assessments name one: then the group is the round's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// The role, when grouped by role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The respondent, when grouped by respondent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// How many assessments the group holds, counted or not.
    pub respondents: usize,
    /// Whether the position rests on reliable respondents only. False when no respondent
    /// is reliable (then all of them count).
    pub reliable: bool,
    /// The respondents left out because their own position is unreliable.
    pub excluded: Vec<Excluded>,
    /// The mean of the counted respondents' positions; `None` when none has one.
    pub position: Option<Point>,
    /// The standard deviation (n − 1) of each axis; `None` for fewer than two positions.
    pub spread: PerAxis<Option<f64>>,
    /// The mean coverage of each axis over the counted respondents, 0–1.
    pub coverage: PerAxis<f64>,
    /// The region of the mean position.
    pub region: Option<RegionRef>,
    /// The distance from the mean position to the nearest region boundary.
    pub margin: Option<f64>,
    /// Whether the region is fixed ("het gebied staat vast", `true`): the interval
    /// rectangle of the mean lies inside it; or open (`false`): the rectangle crosses a
    /// boundary. `None` without an interval (fewer than two positions). The rectangle
    /// shows how far these respondents disagree, not a sampling error: respondents are
    /// chosen, not sampled. Written `fixed` in JSON (`certain` is read too).
    #[serde(alias = "certain")]
    pub fixed: Option<bool>,
    /// The mean score and coverage of each section over the counted respondents.
    pub sections: Vec<SectionMean>,
    /// n, mean, sd, standard error, interval, minimum and maximum of each axis.
    pub stats: PerAxis<Option<Stats>>,
    /// The counted respondents' positions, for drawing them.
    pub points: Vec<Point>,
    /// For the role group "overige" ([`OTHER_ROLES`]): the roles merged into it, each with
    /// fewer than [`MIN_SUBGROUP`] respondents, so never shown apart. Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// For a role group: how many respondents of its organisation, kind and period were
    /// left out because their roles were too small to show apart, even merged.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub withheld: usize,
    /// The sources its members name (`source = "…"` in an assessment), each once, in
    /// input order: answers that are a reading of someone else's text, not the
    /// organisation's own assessment. Empty when every member is the organisation's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The year an ambition aims at (`horizon = 2030`), the latest its members name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<i64>,
    /// The method version that made the numbers (that of the scores pushed).
    pub method: Method,
    /// The ladder of the counted respondents' mean extents per rung, for display: its
    /// extents and skipped rungs describe the group. The group's position on the ladder
    /// axis is not this ladder's position but the mean of its respondents' positions.
    /// `None` without a ladder (method 2, or an instrument without one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder: Option<Ladder>,
    /// The instrument of every member: scores of different instruments (or versions)
    /// never share a group, even for one organisation, kind and period.
    pub instrument: InstrumentRef,
}

/// A respondent left out of a group, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Excluded {
    /// The score's index in the slice given to [`aggregate`], so that a caller can name
    /// the file it came from.
    pub input: usize,
    /// The respondent code, if the assessment has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The role, if the assessment names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The sections that cover too little of an axis; empty when the respondent has no
    /// position at all.
    pub shortfalls: Vec<Shortfall>,
}

/// An organisation by grouping key and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganisationRef {
    /// The grouping key.
    pub id: String,
    /// The name.
    pub name: String,
}

impl OrganisationRef {
    /// An organisation by grouping key and name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> OrganisationRef {
        OrganisationRef {
            id: id.into(),
            name: name.into(),
        }
    }
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
#[non_exhaustive]
pub struct Stats {
    /// The number of values.
    pub n: usize,
    /// The mean.
    pub mean: f64,
    /// The sample standard deviation (n − 1 in the denominator); `None` for one value,
    /// which says nothing about agreement.
    pub sd: Option<f64>,
    /// The standard error of the mean, sd / √n; `None` for one value.
    pub se: Option<f64>,
    /// The interval of the mean, mean ± t(p, n − 1) × se (Student's t), cut to the axis
    /// (0–100); `None` for one value. p = 1 − 0.05/4 in method version 3 (Bonferroni over
    /// two axes: the rectangle of both axes' intervals holds the mean with at least 95 %
    /// jointly), 0.975 in version 2 ([`Method::interval_quantile`]). Both ends belong to
    /// it (a confidence interval is closed, unlike a region's [`Interval::contains`]).
    /// Serialized as `[low, high]`, the shape the JSON output has always had.
    pub interval: Option<Interval>,
    /// The lowest value.
    pub min: f64,
    /// The highest value.
    pub max: f64,
}

impl Stats {
    /// The statistics of `values` by method version 3, or `None` for none.
    ///
    /// ```
    /// let stats = koers::Stats::of(&[40.0, 50.0, 60.0]).unwrap();
    /// assert_eq!(stats.sd, Some(10.0));
    /// // se = 10 / √3; t(0.9875, 2) = 6.205: the interval is 50 ± 35.8.
    /// let koers::Interval { low, high } = stats.interval.unwrap();
    /// assert!((low - 14.17).abs() < 0.01 && (high - 85.83).abs() < 0.01);
    /// assert_eq!(koers::Stats::of(&[40.0]).unwrap().sd, None);
    /// ```
    pub fn of(values: &[f64]) -> Option<Stats> {
        Stats::of_with(values, Method::default())
    }

    /// The statistics of `values` by the given method version, or `None` for none.
    ///
    /// ```
    /// use koers::{Method, Stats};
    /// // Method 2: t(0.975, 2) = 4.303, the interval is 50 ± 24.8.
    /// let stats = Stats::of_with(&[40.0, 50.0, 60.0], Method::V2).unwrap();
    /// let interval = stats.interval.unwrap();
    /// assert!((interval.low - 25.16).abs() < 0.01 && (interval.high - 74.84).abs() < 0.01);
    /// assert!((interval.mid() - 50.0).abs() < 1e-9);
    /// // Serialized, an interval is `[low, high]`.
    /// let json = serde_json::to_value(stats)?;
    /// assert_eq!(json["interval"][0], serde_json::json!(interval.low));
    /// assert_eq!(json["interval"].as_array().map(Vec::len), Some(2));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn of_with(values: &[f64], method: Method) -> Option<Stats> {
        let n = values.len();
        if n == 0 {
            return None;
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let sd = (n > 1).then(|| {
            (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        });
        let se = sd.map(|sd| sd / (n as f64).sqrt());
        let interval = se.map(|se| {
            let half = t_quantile(method.interval_quantile(), n - 1) * se;
            Interval {
                low: (mean - half).max(AXIS_MIN),
                high: (mean + half).min(AXIS_MAX),
            }
        });
        Some(Stats {
            n,
            mean,
            sd,
            se,
            interval,
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        })
    }
}

/// A section's mean over a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SectionMean {
    /// The section's id.
    pub id: String,
    /// The mean of the counted respondents' section scores; `None` when none has one.
    pub score: Option<f64>,
    /// The mean of the counted respondents' section coverage, 0–1.
    pub coverage: f64,
}

impl Group {
    /// Whether the group's position is reliable; see [`Group::reliable`].
    pub fn is_reliable(&self) -> bool {
        self.reliable
    }

    /// When the group answered, as people name it: its survey round, or else its date
    /// (YYYY-MM-DD). Groups of one organisation and kind with the same period are the
    /// same measurement (a current position and its ambition are compared by it).
    pub fn period(&self) -> String {
        self.round.clone().unwrap_or_else(|| self.date.to_string())
    }

    /// Whether `score`, the `input`-th of the scores given to [`aggregate`], belongs to
    /// this group, counted or left out. A group made per role or per respondent holds
    /// only the scores of its role or respondent.
    pub fn holds(&self, input: usize, score: &Score) -> bool {
        let info = &score.assessment;
        score.organisation.key() == self.organisation.id
            && info.kind == self.kind
            && match &self.round {
                Some(round) => info.round.as_ref() == Some(round),
                None => info.round.is_none() && info.date == self.date,
            }
            && self.role.as_ref().is_none_or(|r| {
                let role = info.role.as_deref().unwrap_or_default();
                if self.merged.is_empty() {
                    role == r
                } else {
                    self.merged.iter().any(|m| m == role)
                }
            })
            && self
                .respondent
                .as_ref()
                .is_none_or(|r| respondent_key(input, &score.assessment) == *r)
    }

    /// The scores of the group, counted or left out, each with its index in `scores`
    /// (the scores given to [`aggregate`] or pushed into an [`Aggregator`], in the same
    /// order: a slice, a `Vec` or any iterator of `&Score`), in input order.
    pub fn members<'s>(
        &self,
        scores: impl IntoIterator<Item = &'s Score>,
    ) -> impl Iterator<Item = (usize, &'s Score)> {
        scores
            .into_iter()
            .enumerate()
            .filter(move |(i, s)| self.holds(*i, s))
    }

    /// The scores that make up the group's position: its members less those left out
    /// ([`Group::excluded`]). `scores` is the slice given to [`aggregate`].
    ///
    /// ```
    /// # use koers::{builtin, Answer, Assessment, AssessmentInfo, Date, Kind, Organisation};
    /// use koers::{GroupBy, aggregate};
    /// # let sev = builtin::instrument("sev").unwrap();
    /// # let score = |code: &str| {
    /// #     let answers = [("beheerder".to_string(), Answer::Point(3))].into();
    /// #     let info = AssessmentInfo { date: Date::new(2026, 1, 1).unwrap(), kind: Kind::Current,
    /// #         round: None, respondent: Some(code.into()), role: None, source: None, horizon: None,
    /// #         werkgebied: Vec::new() };
    /// #     let org = Organisation { name: "X".into(), id: None };
    /// #     sev.score(&Assessment::new("sev", org, info, answers)).unwrap()
    /// # };
    /// let scores = [score("r1"), score("r2")];
    /// let groups = aggregate(&scores, GroupBy::Respondent, &sev.matrix);
    /// // One group per respondent, each made of that respondent's score alone.
    /// let counted: Vec<_> = groups[1].counted(&scores).collect();
    /// assert_eq!(counted.len(), 1);
    /// assert_eq!(counted[0].assessment.respondent.as_deref(), Some("r2"));
    /// ```
    pub fn counted<'s>(
        &self,
        scores: impl IntoIterator<Item = &'s Score>,
    ) -> impl Iterator<Item = &'s Score> {
        self.members(scores)
            .filter(|(i, _)| !self.excluded.iter().any(|e| e.input == *i))
            .map(|(_, s)| s)
    }

    /// Whether the region is fixed ("het gebied staat vast"): see [`Group::fixed`].
    pub fn is_fixed(&self) -> Option<bool> {
        self.fixed
    }

    /// How far the group's position can be trusted, for carrying into an analysis.
    pub fn trust(&self) -> Trust {
        Trust {
            positioned: self.position.is_some(),
            reliable: self.reliable,
            fixed: self.fixed,
            excluded: self.excluded.len(),
        }
    }
}

/// How far a group's position can be trusted (method version 3, steps 6 and 7): what
/// `koers score` shows as remarks, carried into the analyses built on a group (agenda,
/// profile, gap, peers) so that none of them reads as more than the position allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Trust {
    /// Whether the group has a position at all (an axis without any answer gives none).
    pub positioned: bool,
    /// See [`Group::reliable`].
    pub reliable: bool,
    /// See [`Group::fixed`]: whether the region is fixed. Written `fixed` in JSON.
    #[serde(alias = "certain")]
    pub fixed: Option<bool>,
    /// How many respondents were left out ([`Group::excluded`]).
    pub excluded: usize,
}

impl Trust {
    /// The trust of a position with these properties (see [`Group::trust`] for a
    /// group's own), for a caller that words a caution without a group at hand.
    pub fn new(positioned: bool, reliable: bool, fixed: Option<bool>, excluded: usize) -> Trust {
        Trust {
            positioned,
            reliable,
            fixed,
            excluded,
        }
    }
}

/// The respondent a score stands for when grouped by respondent: its code, or without
/// one its place in the input ("#3"), which keeps such scores apart.
fn respondent_key(input: usize, info: &AssessmentInfo) -> String {
    info.respondent
        .clone()
        .unwrap_or_else(|| format!("#{}", input + 1))
}

/// Groups scores and combines each group: one per organisation, kind and round (or date,
/// without a round), and with [`GroupBy::Role`] or [`GroupBy::Respondent`] per role or
/// respondent within it. Groups come sorted by organisation, kind, date (a round's latest
/// date) and then role or respondent.
///
/// For scores that come one at a time (thousands of files), [`Aggregator`] gives the same
/// groups without holding the scores.
pub fn aggregate(scores: &[Score], by: GroupBy, matrix: &Matrix) -> Vec<Group> {
    let mut aggregator = Aggregator::new(by);
    for score in scores {
        aggregator.push(score);
    }
    aggregator.finish(matrix)
}

/// Combines scores into groups one score at a time, keeping per group only what a
/// [`Group`] shows: running sums for the means of coverage and sections, the counted
/// respondents' positions (a group lists them in [`Group::points`], and its spread is
/// computed from them exactly as [`Stats::of`] does), and the respondents that may be
/// left out. A score can be dropped as soon as it is pushed.
///
/// [`aggregate`] is this over a slice; both give the same groups, to the last bit.
///
/// ```
/// use koers::{Aggregator, GroupBy, builtin};
/// # use koers::{Assessment, Source};
/// # let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\n";
/// let instrument = builtin::instrument("sev").expect("sev is built in");
/// let mut aggregator = Aggregator::new(GroupBy::Organisation);
/// for text in [text, text] {
///     let assessment = Assessment::parse(&Source::new("one.toml", text))?;
///     // Score, push, and let the score go.
///     aggregator.push(&instrument.score(&assessment)?);
/// }
/// let groups = aggregator.finish(&instrument.matrix);
/// assert_eq!(groups.len(), 1);
/// assert_eq!(groups[0].respondents, 2);
/// # Ok::<(), koers::Invalid>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Aggregator {
    by: GroupBy,
    /// How many scores were pushed: the next score's `input`.
    inputs: usize,
    groups: BTreeMap<GroupKey, Running>,
}

/// What one group holds while scores come in.
#[derive(Debug, Clone)]
struct Running {
    /// The first member's organisation name.
    name: String,
    /// The latest date among the members.
    latest: Date,
    /// All members, counted or not.
    members: usize,
    /// The members whose own position is reliable: they count when there is one.
    reliable: Sums,
    /// The others: they count only when no member is reliable, else they are left out.
    unreliable: Sums,
    /// The members in `unreliable`, to list when they are left out.
    excluded: Vec<Excluded>,
    /// The method version of the first member (every member shares it).
    method: Method,
    /// The roles merged into this group, for the "overige" role group.
    merged: Vec<String>,
    /// Respondents of this organisation, kind and period in role groups too small to
    /// show and too small to merge.
    withheld: usize,
    /// The members' sources, each once, in input order.
    sources: Vec<String>,
    /// The latest horizon among the members.
    horizon: Option<i64>,
}

impl Running {
    /// Takes another group's members in (for roles merged into "overige").
    fn absorb(&mut self, other: Running) {
        self.members += other.members;
        self.latest = self.latest.max(other.latest);
        self.reliable.absorb(other.reliable);
        self.unreliable.absorb(other.unreliable);
        self.excluded.extend(other.excluded);
        self.excluded.sort_by_key(|e| e.input);
        for source in other.sources {
            if !self.sources.contains(&source) {
                self.sources.push(source);
            }
        }
        self.horizon = self.horizon.max(other.horizon);
    }
}

/// Running sums over the members that may count, added in input order (so that the means
/// equal those of a sum over a slice).
#[derive(Debug, Clone)]
struct Sums {
    n: usize,
    points: Vec<Point>,
    coverage: PerAxis<f64>,
    /// Per section of the instrument: id, sum and count of the section scores, and the
    /// sum of the coverage.
    sections: Vec<(String, f64, usize, f64)>,
    /// The members' ladder (its rungs and threshold) and the sum of their extents per
    /// rung; `None` while no member has a ladder.
    extents: Option<(Ladder, Vec<f64>)>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Zero as `Iterator::sum` starts from, so that a running sum is the same number.
fn zero() -> f64 {
    std::iter::empty::<f64>().sum()
}

impl Sums {
    fn new() -> Self {
        Sums {
            n: 0,
            points: Vec::new(),
            coverage: PerAxis {
                x: zero(),
                y: zero(),
            },
            sections: Vec::new(),
            extents: None,
        }
    }

    /// Adds another group's sums (for roles merged into "overige").
    fn absorb(&mut self, other: Sums) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = other;
            return;
        }
        self.n += other.n;
        self.points.extend(other.points);
        self.coverage.x += other.coverage.x;
        self.coverage.y += other.coverage.y;
        for (sum, more) in self.sections.iter_mut().zip(other.sections) {
            sum.1 += more.1;
            sum.2 += more.2;
            sum.3 += more.3;
        }
        match (&mut self.extents, other.extents) {
            (Some((_, sums)), Some((_, more))) => {
                sums.iter_mut().zip(more).for_each(|(s, m)| *s += m);
            }
            (none @ None, more) => *none = more,
            (Some(_), None) => {}
        }
    }

    fn add(&mut self, member: &Member<'_>) {
        if let Some(ladder) = member.ladder {
            let (_, sums) = self
                .extents
                .get_or_insert_with(|| (ladder.clone(), vec![zero(); ladder.extents.len()]));
            for (sum, e) in sums.iter_mut().zip(&ladder.extents) {
                *sum += e;
            }
        }
        if self.n == 0 {
            self.sections = member
                .sections
                .iter()
                .map(|s| (s.0.to_string(), zero(), 0, zero()))
                .collect();
        }
        self.n += 1;
        self.points.extend(member.position);
        self.coverage.x += member.coverage.x;
        self.coverage.y += member.coverage.y;
        // Every score of one instrument lists the same sections in the same order.
        for (sum, &(_, score, coverage)) in self.sections.iter_mut().zip(&member.sections) {
            if let Some(value) = score {
                sum.1 += value;
                sum.2 += 1;
            }
            sum.3 += coverage;
        }
    }
}

/// What the aggregator reads of a [`Score`] or a [`Placement`].
struct Member<'a> {
    organisation: &'a Organisation,
    instrument: &'a InstrumentRef,
    assessment: &'a AssessmentInfo,
    position: Option<Point>,
    coverage: PerAxis<f64>,
    reliable: bool,
    /// Per section: id, score and coverage.
    sections: Vec<(&'a str, Option<f64>, f64)>,
    /// Why the position is unreliable; asked only for a member that is.
    shortfalls: &'a dyn Fn() -> Vec<Shortfall>,
    /// The method version of the score.
    method: Method,
    /// The member's ladder, if it has one.
    ladder: Option<&'a Ladder>,
}

impl Aggregator {
    /// An empty aggregator that groups by `by`.
    pub fn new(by: GroupBy) -> Self {
        Aggregator {
            by,
            inputs: 0,
            groups: BTreeMap::new(),
        }
    }

    /// Adds one score. Its index among the pushed scores (from 0) is the
    /// [`Excluded::input`] that names it when it is left out.
    pub fn push(&mut self, score: &Score) {
        self.add(&Member {
            organisation: &score.organisation,
            instrument: &score.instrument,
            assessment: &score.assessment,
            position: score.position,
            coverage: PerAxis {
                x: score.x.coverage,
                y: score.y.coverage,
            },
            reliable: score.is_reliable(),
            sections: score
                .sections
                .iter()
                .map(|s| (s.id.as_str(), s.score, s.coverage))
                .collect(),
            shortfalls: &|| score.shortfalls(),
            method: score.method,
            ladder: score.ladder.as_ref(),
        });
    }

    /// Adds one placement, as [`Aggregator::push`] adds a score: the groups are the same
    /// as those of the full scores, to the last bit.
    pub fn push_placement(&mut self, placement: &Placement) {
        self.add(&Member {
            organisation: &placement.organisation,
            instrument: &placement.instrument,
            assessment: &placement.assessment,
            position: placement.position,
            coverage: PerAxis {
                x: placement.x.coverage,
                y: placement.y.coverage,
            },
            reliable: placement.reliable,
            sections: placement
                .sections
                .iter()
                .map(|s| (s.id.as_str(), s.score, s.coverage))
                .collect(),
            shortfalls: &|| placement.shortfalls(),
            method: placement.method,
            ladder: placement.ladder.as_ref(),
        });
    }

    fn add(&mut self, member: &Member<'_>) {
        let i = self.inputs;
        self.inputs += 1;
        let info = member.assessment;
        let (role, respondent) = match self.by {
            GroupBy::Organisation => (None, None),
            GroupBy::Role => (Some(info.role.clone().unwrap_or_default()), None),
            GroupBy::Respondent => (None, Some(respondent_key(i, info))),
        };
        let period = match &info.round {
            Some(round) => Period::Round(round.clone()),
            None => Period::Date(info.date),
        };
        let key = (
            (
                member.organisation.key().to_string(),
                member.instrument.clone(),
            ),
            info.kind,
            period,
            role,
            respondent,
        );
        let running = self.groups.entry(key).or_insert_with(|| Running {
            name: member.organisation.name.clone(),
            latest: info.date,
            members: 0,
            reliable: Sums::new(),
            unreliable: Sums::new(),
            excluded: Vec::new(),
            method: member.method,
            merged: Vec::new(),
            withheld: 0,
            sources: Vec::new(),
            horizon: None,
        });
        running.members += 1;
        running.latest = running.latest.max(info.date);
        if let Some(source) = &info.source
            && !running.sources.contains(source)
        {
            running.sources.push(source.clone());
        }
        running.horizon = running.horizon.max(info.horizon);
        if member.reliable {
            running.reliable.add(member);
        } else {
            running.unreliable.add(member);
            running.excluded.push(Excluded {
                input: i,
                respondent: info.respondent.clone(),
                role: info.role.clone(),
                shortfalls: (member.shortfalls)(),
            });
        }
    }

    /// The groups, each placed in `matrix`, sorted as [`aggregate`] sorts them: for
    /// scores of one instrument, or of instruments that share this matrix. Scores of
    /// instruments with matrices of their own take [`Aggregator::finish_with`], so that
    /// no group is placed in another instrument's regions.
    pub fn finish(self, matrix: &Matrix) -> Vec<Group> {
        self.finish_with(|_| matrix)
    }

    /// The groups, each placed in the matrix of its own instrument, sorted as
    /// [`aggregate`] sorts them. Scores of different instruments never share a group, so
    /// each group has one instrument, and `matrix_of` gives its matrix.
    ///
    /// ```
    /// use koers::{Aggregator, GroupBy, Instrument, builtin};
    /// # use koers::{Assessment, Source};
    /// let sev = builtin::instrument("sev").unwrap();
    /// # let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\n";
    /// # let score = sev.score(&Assessment::parse(&Source::new("a.toml", text))?)?;
    /// let instruments: Vec<&Instrument> = vec![sev];
    /// let mut aggregator = Aggregator::new(GroupBy::Organisation);
    /// aggregator.push(&score);
    /// let groups = aggregator.finish_with(|used| {
    ///     let instrument = instruments.iter().find(|i| i.id == used.id).unwrap();
    ///     &instrument.matrix
    /// });
    /// assert_eq!(groups[0].instrument.id, "sev");
    /// # Ok::<(), koers::Invalid>(())
    /// ```
    pub fn finish_with<'m>(self, matrix_of: impl Fn(&InstrumentRef) -> &'m Matrix) -> Vec<Group> {
        let running = if self.by == GroupBy::Role {
            keep_roles_apart_only_from(MIN_SUBGROUP, self.groups)
        } else {
            self.groups
        };
        let mut groups: Vec<Group> = running
            .into_iter()
            .map(|(key, running)| {
                let matrix = matrix_of(&key.0.1);
                combine(key, running, matrix)
            })
            .collect();
        // A round sorts by its latest date among the dates, so a trajectory reads in time.
        groups.sort_by(|a, b| {
            (
                &a.organisation.id,
                a.kind,
                a.date,
                &a.round,
                &a.role,
                &a.respondent,
            )
                .cmp(&(
                    &b.organisation.id,
                    b.kind,
                    b.date,
                    &b.round,
                    &b.role,
                    &b.respondent,
                ))
        });
        groups
    }
}

/// Adds borrowed scores one by one, as [`Aggregator::push`] does.
impl<'a> Extend<&'a Score> for Aggregator {
    fn extend<I: IntoIterator<Item = &'a Score>>(&mut self, scores: I) {
        for score in scores {
            self.push(score);
        }
    }
}

/// Adds scores one by one, as [`Aggregator::push`] does, each let go once it is added:
/// an iterator that makes the scores as it goes is aggregated without holding them all.
impl Extend<Score> for Aggregator {
    fn extend<I: IntoIterator<Item = Score>>(&mut self, scores: I) {
        for score in scores {
            self.push(&score);
        }
    }
}

/// Adds borrowed placements one by one, as [`Aggregator::push_placement`] does.
impl<'a> Extend<&'a Placement> for Aggregator {
    fn extend<I: IntoIterator<Item = &'a Placement>>(&mut self, placements: I) {
        for placement in placements {
            self.push_placement(placement);
        }
    }
}

/// Adds placements one by one, as [`Aggregator::push_placement`] does, each let go once
/// it is added: an iterator that makes them as it goes is aggregated without holding them
/// all.
impl Extend<Placement> for Aggregator {
    fn extend<I: IntoIterator<Item = Placement>>(&mut self, placements: I) {
        for placement in placements {
            self.push_placement(&placement);
        }
    }
}

/// The fewest respondents a role (or any other subgroup) must have to be shown apart:
/// smaller ones are merged into [`OTHER_ROLES`] or left out, so that no one's answers
/// can be read from a subgroup's mean.
pub const MIN_SUBGROUP: usize = 3;

/// The role of the group that merges the roles too small to show apart ("overige").
pub const OTHER_ROLES: &str = "overige";

/// Merges the role groups of fewer than `min` members of one organisation, kind and
/// period into one "overige" group; when that too has fewer than `min`, they are left
/// out, and the remaining role groups of that organisation, kind and period count them
/// in [`Group::withheld`].
fn keep_roles_apart_only_from(
    min: usize,
    groups: BTreeMap<GroupKey, Running>,
) -> BTreeMap<GroupKey, Running> {
    let mut kept: BTreeMap<GroupKey, Running> = BTreeMap::new();
    type Whole = ((String, InstrumentRef), Kind, Period);
    let mut small: BTreeMap<Whole, Vec<(String, Running)>> = BTreeMap::new();
    for (key, running) in groups {
        if running.members >= min {
            kept.insert(key, running);
        } else {
            let (org, kind, period, role, _) = key;
            small
                .entry((org, kind, period))
                .or_default()
                .push((role.unwrap_or_default(), running));
        }
    }
    for ((org, kind, period), roles) in small {
        let mut merged: Option<Running> = None;
        let mut names = Vec::new();
        for (role, running) in roles {
            names.push(role);
            match &mut merged {
                Some(m) => m.absorb(running),
                None => merged = Some(running),
            }
        }
        let Some(mut merged) = merged else { continue };
        let key = (org, kind, period, Some(OTHER_ROLES.to_string()), None);
        if merged.members >= min {
            merged.merged = names;
            // A role that is itself called "overige" joins the merged roles.
            if let Some(real) = kept.remove(&key) {
                merged.absorb(real);
                merged.merged.push(OTHER_ROLES.to_string());
            }
            kept.insert(key, merged);
        } else {
            for (other, running) in kept.iter_mut() {
                if (&other.0, other.1, &other.2) == (&key.0, key.1, &key.2) {
                    running.withheld += merged.members;
                }
            }
        }
    }
    kept
}

/// When the answers of a group were given: one survey round, or one date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Period {
    Round(String),
    Date(Date),
}

/// What the scores of one group share.
/// The organisation's key with the instrument (never two instruments in one group), the
/// kind, the period, the role and the respondent.
type GroupKey = (
    (String, InstrumentRef),
    Kind,
    Period,
    Option<String>,
    Option<String>,
);

fn combine(key: GroupKey, running: Running, matrix: &Matrix) -> Group {
    let ((id, instrument), kind, period, role, respondent) = key;
    let (round, date) = match period {
        Period::Round(round) => (Some(round), running.latest),
        Period::Date(date) => (None, date),
    };
    let reliable = running.reliable.n > 0;
    // Each person counts once, but one who knows too little of the questionnaire would
    // move the group as much as one who knows it all: leave them out while anyone is left.
    let (counted, excluded) = if reliable {
        (running.reliable, running.excluded)
    } else {
        (running.unreliable, Vec::new())
    };
    let xs: Vec<f64> = counted.points.iter().map(|p| p.x).collect();
    let ys: Vec<f64> = counted.points.iter().map(|p| p.y).collect();
    let method = running.method;
    let stats = PerAxis {
        x: Stats::of_with(&xs, method),
        y: Stats::of_with(&ys, method),
    };
    let position = stats.x.zip(stats.y).map(|(x, y)| Point {
        x: x.mean,
        y: y.mean,
    });
    let (region, margin) = locate(matrix, position);
    let fixed = fixedness(matrix, &stats, region.as_ref());
    let n = counted.n as f64;
    let ladder = counted.extents.map(|(ladder, sums)| {
        let means = sums.into_iter().map(|sum| sum / n).collect();
        Ladder::new(means, &ladder.rungs, ladder.threshold)
    });
    let sections = counted
        .sections
        .into_iter()
        .map(|(id, sum, count, coverage)| SectionMean {
            id,
            score: (count > 0).then(|| sum / count as f64),
            coverage: coverage / n,
        })
        .collect();
    Group {
        organisation: OrganisationRef {
            id,
            name: running.name,
        },
        kind,
        date,
        round,
        role,
        respondent,
        respondents: running.members,
        reliable,
        excluded,
        position,
        spread: PerAxis {
            x: stats.x.and_then(|s| s.sd),
            y: stats.y.and_then(|s| s.sd),
        },
        coverage: PerAxis {
            x: counted.coverage.x / n,
            y: counted.coverage.y / n,
        },
        region,
        margin,
        fixed,
        sections,
        stats,
        points: counted.points,
        method,
        ladder,
        merged: running.merged,
        withheld: running.withheld,
        sources: running.sources,
        horizon: running.horizon,
        instrument,
    }
}

/// Whether the interval rectangle lies inside `region`. Regions are rectangles, so the
/// rectangle lies inside one exactly when its lowest and highest corners both do.
fn fixedness(
    matrix: &Matrix,
    stats: &PerAxis<Option<Stats>>,
    region: Option<&RegionRef>,
) -> Option<bool> {
    let x = stats.x?.interval?;
    let y = stats.y?.interval?;
    let region = region?;
    let inside = |x: f64, y: f64| {
        matrix
            .region_at(Point { x, y })
            .is_some_and(|r| r.id == region.id)
    };
    Some(inside(x.low, y.low) && inside(x.high, y.high))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Assessment, Instrument, Source, builtin};

    const ANSWERS: &str = "[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\nnieuwe-huurder = 5\nrenovatie = 3\nbuurtgebouw = 6\n";

    /// The SEV instrument under another id: the same questions, another instrument.
    fn own_instrument() -> Instrument {
        let text = builtin::SEV_INSTRUMENT_TOML.replacen("id = \"sev\"", "id = \"eigen\"", 1);
        Instrument::parse(&Source::new("eigen.toml", &text)).unwrap()
    }

    fn score(instrument: &Instrument) -> Score {
        let text = format!("instrument = \"{}\"\n{ANSWERS}", instrument.id);
        let assessment = Assessment::parse(&Source::new("a.toml", &text)).unwrap();
        instrument.score(&assessment).unwrap()
    }

    /// A score of another instrument for the same organisation, kind and date is never
    /// summed with the SEV one: each instrument gets its own group, which names it.
    #[test]
    fn scores_of_two_instruments_never_share_a_group() {
        let sev = builtin::instrument("sev").unwrap();
        let own = own_instrument();
        let (a, b) = (score(sev), score(&own));
        assert_eq!(a.instrument.id, "sev");
        assert_eq!(b.instrument.id, "eigen");
        let groups = aggregate(
            &[a.clone(), b.clone(), a.clone()],
            GroupBy::Organisation,
            &sev.matrix,
        );
        assert_eq!(groups.len(), 2);
        let ids: Vec<(&str, usize)> = groups
            .iter()
            .map(|g| (g.instrument.id.as_str(), g.respondents))
            .collect();
        assert!(
            ids.contains(&("sev", 2)) && ids.contains(&("eigen", 1)),
            "{ids:?}"
        );
        // The placements carry their instrument too, and group the same way.
        let mut aggregator = Aggregator::new(GroupBy::Organisation);
        for score in [&a, &b, &a] {
            aggregator.push_placement(&score.placement());
        }
        assert_eq!(aggregator.finish(&sev.matrix), groups);
    }

    /// A group of an instrument with a matrix of its own is placed in that matrix, never
    /// in the SEV regions (issue 23, defect 1).
    #[test]
    fn each_group_is_placed_in_its_own_instruments_matrix() {
        let sev = builtin::instrument("sev").unwrap();
        let mut own = own_instrument();
        own.matrix = Matrix::parse(&Source::new(
            "alles.toml",
            builtin::SEV_MATRIX_TOML
                .replacen("id = \"sev\"", "id = \"alles\"", 1)
                .split("[[regions]]")
                .next()
                .unwrap()
                .to_string()
                + "[[regions]]\nid = \"alles\"\nlabel = { nl = \"Alles\", en = \"All\" }\ndescription = { nl = \"Alles\", en = \"All\" }\nx = [0, 100]\ny = [0, 100]\n",
        ))
        .unwrap();
        let mut aggregator = Aggregator::new(GroupBy::Organisation);
        for score in [score(sev), score(&own)] {
            aggregator.push(&score);
        }
        let groups = aggregator.finish_with(|used| {
            if used.id == "eigen" {
                &own.matrix
            } else {
                &sev.matrix
            }
        });
        let regions: Vec<(&str, &str)> = groups
            .iter()
            .map(|g| {
                (
                    g.instrument.id.as_str(),
                    g.region.as_ref().unwrap().id.as_str(),
                )
            })
            .collect();
        assert!(regions.contains(&("eigen", "alles")), "{regions:?}");
        assert!(
            regions
                .iter()
                .any(|(instrument, region)| *instrument == "sev" && *region != "alles"),
            "{regions:?}"
        );
    }

    /// Small roles of two instruments are not merged into one "overige" group either.
    #[test]
    fn small_roles_of_two_instruments_stay_apart() {
        let sev = builtin::instrument("sev").unwrap();
        let own = own_instrument();
        let mut scores = Vec::new();
        for (instrument, role) in [(sev, "a"), (sev, "b"), (sev, "c"), (&own, "a"), (&own, "b")] {
            let mut score = score(instrument);
            score.assessment.role = Some(role.to_string());
            scores.push(score);
        }
        let groups = aggregate(&scores, GroupBy::Role, &sev.matrix);
        // The three SEV roles merge into "overige" (3 respondents); the two of the other
        // instrument are too few to show, even merged.
        assert_eq!(groups.len(), 1, "{groups:#?}");
        assert_eq!(groups[0].instrument.id, "sev");
        assert_eq!(groups[0].respondents, 3);
    }
}
