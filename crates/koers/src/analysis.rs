//! What comes after a position: how far respondents agree per question (r_wg), the
//! discussion agenda, the section profile with a ladder check, the gap between current
//! position and ambition, and where an organisation stands among its peers. Pure
//! functions on scores and groups.

use crate::{Answer, Group, Instrument, Kind, Matrix, Point, Score, Stats, Text, Trust};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The usual reading of r_wg (LeBreton & Senter 2008): from 0.7 on, the respondents agree.
pub const AGREEMENT: f64 = 0.7;

/// How far a higher rung may score above a lower one before the ladder check speaks.
pub const CLIMB_TOLERANCE: f64 = 10.0;

/// How the respondents of a group answered one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionAgreement {
    /// The question's id.
    pub id: String,
    /// The section it stands in.
    pub section: String,
    /// How many respondents gave a point on the scale.
    pub n: usize,
    /// How many respondents the group has.
    pub respondents: usize,
    /// The mean answer on the question's own scale; `None` when nobody gave a point.
    pub mean: Option<f64>,
    /// The sample standard deviation (n − 1) of the answers; `None` for fewer than two.
    pub sd: Option<f64>,
    /// The share of respondents who answered "weet niet", 0–1.
    pub unknown: f64,
    /// The share of respondents who answered "n.v.t.", 0–1.
    pub not_applicable: f64,
    /// The within-group agreement r_wg = 1 − s² / σ²_EU, with σ²_EU = (A² − 1) / 12 the
    /// variance of a uniform answer on an A-point scale (James, Demaree & Wolf 1984),
    /// cut to 0–1; `None` for fewer than two answers.
    pub rwg: Option<f64>,
}

/// The agreement within a group, question by question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Every question, in questionnaire order.
    pub questions: Vec<QuestionAgreement>,
    /// The mean r_wg over the questions that have one; [`AGREEMENT`] (0.7) and above
    /// reads as agreement.
    pub rwg: Option<f64>,
}

/// How the respondents of a group answered each question of `instrument`.
///
/// ```
/// use koers::{Answer, analysis::agreement};
/// # use koers::{builtin, Assessment, AssessmentInfo, Date, Kind, Organisation};
/// # let sev = builtin::instrument("sev").unwrap();
/// # let score = |points: i64| {
/// #     let answers = [("beheerder".to_string(), Answer::Point(points))].into();
/// #     let info = AssessmentInfo { date: Date::new(2026, 1, 1).unwrap(), kind: Kind::Current,
/// #         round: None, respondent: None, role: None };
/// #     let org = Organisation { name: "X".into(), id: None };
/// #     sev.score(&Assessment::new("sev", org, info, answers)).unwrap()
/// # };
/// // Three respondents answer 2, 3 and 4 on a 5-point scale: s² = 1, σ²_EU = 24/12 = 2,
/// // so r_wg = 1 − 1/2 = 0.5.
/// let scores = [score(2), score(3), score(4)];
/// let result = agreement(sev, &scores.iter().collect::<Vec<_>>());
/// let beheerder = result.questions.iter().find(|q| q.id == "beheerder").unwrap();
/// assert_eq!(beheerder.rwg, Some(0.5));
/// ```
pub fn agreement(instrument: &Instrument, scores: &[&Score]) -> Agreement {
    let questions: Vec<QuestionAgreement> = instrument
        .questions()
        .enumerate()
        .map(|(i, (section, question))| {
            // Every score of one instrument lists its questions in questionnaire order.
            let answers: Vec<Option<Answer>> = scores
                .iter()
                .map(|s| s.questions.get(i).and_then(|q| q.answer))
                .collect();
            let points: Vec<f64> = answers
                .iter()
                .filter_map(|a| match a {
                    Some(Answer::Point(p)) => Some(*p as f64),
                    _ => None,
                })
                .collect();
            let share = |which: Answer| {
                let count = answers.iter().filter(|a| **a == Some(which)).count();
                if scores.is_empty() {
                    0.0
                } else {
                    count as f64 / scores.len() as f64
                }
            };
            let stats = Stats::of(&points);
            let rwg = instrument.scale_of(question).and_then(|scale| {
                let a = (scale.max - scale.min + 1) as f64;
                let expected = (a * a - 1.0) / 12.0;
                stats
                    .and_then(|s| s.sd)
                    .map(|sd| (1.0 - sd * sd / expected).clamp(0.0, 1.0))
            });
            QuestionAgreement {
                id: question.id.clone(),
                section: section.id.clone(),
                n: points.len(),
                respondents: scores.len(),
                mean: stats.map(|s| s.mean),
                sd: stats.and_then(|s| s.sd),
                unknown: share(Answer::Unknown),
                not_applicable: share(Answer::NotApplicable),
                rwg,
            }
        })
        .collect();
    let values: Vec<f64> = questions.iter().filter_map(|q| q.rwg).collect();
    Agreement {
        rwg: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
        questions,
    }
}

/// One role's mean answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleMean {
    /// The role; `None` for the respondents without one.
    pub role: Option<String>,
    /// How many of the role gave a point.
    pub n: usize,
    /// Their mean answer on the question's scale.
    pub mean: f64,
}

/// A question on which roles differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleDifference {
    /// The question's id.
    pub id: String,
    /// The section it stands in.
    pub section: String,
    /// The highest and the lowest role mean, the difference between them, and the
    /// difference as a share of the scale's range (0–1), by which the agenda ranks.
    pub highest: RoleMean,
    /// The lowest role mean.
    pub lowest: RoleMean,
    /// `highest.mean − lowest.mean`, in scale points.
    pub difference: f64,
    /// The difference as a share of the scale's range, 0–1.
    pub share: f64,
}

/// What a group should talk about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    /// How far the group's position can be trusted: an agenda of an unreliable group
    /// rests on respondents who left much unanswered.
    pub trust: Trust,
    /// The mean r_wg of the group.
    pub rwg: Option<f64>,
    /// The questions with the lowest agreement, lowest first.
    pub disagreement: Vec<QuestionAgreement>,
    /// The questions on which the roles' means differ most, largest first (only with two
    /// or more roles).
    pub roles: Vec<RoleDifference>,
    /// The questions most answered "weet niet" or "n.v.t.", most first.
    pub unknown: Vec<QuestionAgreement>,
}

/// The discussion agenda of `group`: at most `size` questions in each list, from the
/// respondents who count in its position. `scores` is the slice given to
/// [`aggregate`](crate::aggregate).
pub fn agenda(instrument: &Instrument, group: &Group, scores: &[Score], size: usize) -> Agenda {
    let scores: Vec<&Score> = group.counted(scores).collect();
    let scores = scores.as_slice();
    let Agreement { questions, rwg } = agreement(instrument, scores);
    let mut disagreement: Vec<QuestionAgreement> = questions
        .iter()
        .filter(|q| q.rwg.is_some())
        .cloned()
        .collect();
    disagreement.sort_by(|a, b| {
        a.rwg
            .partial_cmp(&b.rwg)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    disagreement.truncate(size);
    let mut unknown: Vec<QuestionAgreement> = questions
        .iter()
        .filter(|q| q.unknown + q.not_applicable > 0.0)
        .cloned()
        .collect();
    unknown
        .sort_by(|a, b| (b.unknown + b.not_applicable).total_cmp(&(a.unknown + a.not_applicable)));
    unknown.truncate(size);
    let mut roles = role_differences(instrument, scores);
    roles.sort_by(|a, b| b.share.total_cmp(&a.share));
    roles.truncate(size);
    Agenda {
        trust: group.trust(),
        rwg,
        disagreement,
        roles,
        unknown,
    }
}

fn role_differences(instrument: &Instrument, scores: &[&Score]) -> Vec<RoleDifference> {
    let mut by_role: BTreeMap<Option<&str>, Vec<&Score>> = BTreeMap::new();
    for score in scores {
        let role = score.assessment.role.as_deref();
        by_role.entry(role).or_default().push(score);
    }
    if by_role.len() < 2 {
        return Vec::new();
    }
    instrument
        .questions()
        .enumerate()
        .filter_map(|(i, (section, question))| {
            let range = instrument
                .scale_of(question)
                .map_or(1.0, |s| (s.max - s.min) as f64);
            let means: Vec<RoleMean> = by_role
                .iter()
                .filter_map(|(role, members)| {
                    let points: Vec<f64> = members
                        .iter()
                        .filter_map(|s| match s.questions.get(i)?.answer {
                            Some(Answer::Point(p)) => Some(p as f64),
                            _ => None,
                        })
                        .collect();
                    Stats::of(&points).map(|stats| RoleMean {
                        role: role.map(str::to_string),
                        n: stats.n,
                        mean: stats.mean,
                    })
                })
                .collect();
            let highest = means.iter().max_by(|a, b| a.mean.total_cmp(&b.mean))?;
            let lowest = means.iter().min_by(|a, b| a.mean.total_cmp(&b.mean))?;
            (means.len() >= 2).then(|| RoleDifference {
                id: question.id.clone(),
                section: section.id.clone(),
                difference: highest.mean - lowest.mean,
                share: (highest.mean - lowest.mean) / range,
                highest: highest.clone(),
                lowest: lowest.clone(),
            })
        })
        .collect()
}

/// One section of a group's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionProfile {
    /// The section's id.
    pub id: String,
    /// The section's heading.
    pub title: Text,
    /// Whether the section is a rung of the ladder (it loads on y).
    pub rung: bool,
    /// Whether the section measures the focus (it loads on x).
    pub focus: bool,
    /// The mean section score, 0–100.
    pub score: Option<f64>,
    /// The mean coverage, 0–1.
    pub coverage: f64,
}

/// A higher rung that scores clearly above a lower one: an answer pattern that does not
/// climb (a corporation that leads neighbourhoods without providing facilities is
/// possible, but worth a look).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LadderBreak {
    /// The lower rung's section id.
    pub lower: String,
    /// The higher rung's section id.
    pub higher: String,
    /// How many points the higher rung scores above the lower one.
    pub by: f64,
}

/// What the ladder check concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ladder {
    /// Every rung is answered well enough and no higher rung scores clearly above a lower
    /// one.
    Climbs,
    /// A higher rung scores clearly above a lower one (see [`Profile::breaks`]), both
    /// answered well enough.
    Breaks,
    /// No break among the rungs answered well enough, but a rung is answered too little
    /// (see [`Profile::unjudged`]): whether the ladder climbs cannot be said.
    Unjudged,
}

/// A group's section profile: the rungs of the ladder and the focus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// How far the group's position can be trusted.
    pub trust: Trust,
    /// Every section, in questionnaire order.
    pub sections: Vec<SectionProfile>,
    /// The ladder check's conclusion.
    pub ladder: Ladder,
    /// Higher rungs that score more than [`CLIMB_TOLERANCE`] above a lower rung; only
    /// rungs answered well enough are compared.
    pub breaks: Vec<LadderBreak>,
    /// The rungs whose coverage is below [`LOW_COVERAGE`](crate::LOW_COVERAGE) (or that have no score): too
    /// little answered to take part in the ladder check.
    pub unjudged: Vec<String>,
}

/// The profile of a group scored with `instrument`. The ladder check compares only the
/// rungs whose mean coverage is at least [`LOW_COVERAGE`](crate::LOW_COVERAGE), the limit below which the
/// method calls a position unreliable: a rung that is mostly "weet niet" neither breaks
/// the ladder nor lets it climb.
pub fn profile(instrument: &Instrument, group: &Group) -> Profile {
    let sections: Vec<SectionProfile> = instrument
        .sections
        .iter()
        .zip(&group.sections)
        .map(|(section, mean)| SectionProfile {
            id: section.id.clone(),
            title: section.title.clone(),
            rung: section.questions.iter().any(|q| q.loading.y != 0.0),
            focus: section.questions.iter().any(|q| q.loading.x != 0.0),
            score: mean.score,
            coverage: mean.coverage,
        })
        .collect();
    let (rungs, unjudged): (Vec<&SectionProfile>, Vec<&SectionProfile>) = sections
        .iter()
        .filter(|s| s.rung)
        .partition(|s| s.score.is_some() && !crate::is_low_coverage(s.coverage));
    let mut breaks = Vec::new();
    for (i, lower) in rungs.iter().enumerate() {
        for higher in &rungs[i + 1..] {
            if let (Some(low), Some(high)) = (lower.score, higher.score)
                // Means of sums carry rounding noise: 70 − 60 can come out as
                // 10.000000000000014, which is not "more than 10".
                && high - low > CLIMB_TOLERANCE + 1e-9
            {
                breaks.push(LadderBreak {
                    lower: lower.id.clone(),
                    higher: higher.id.clone(),
                    by: high - low,
                });
            }
        }
    }
    let ladder = if !breaks.is_empty() {
        Ladder::Breaks
    } else if unjudged.is_empty() {
        Ladder::Climbs
    } else {
        Ladder::Unjudged
    };
    Profile {
        trust: group.trust(),
        unjudged: unjudged.iter().map(|s| s.id.clone()).collect(),
        sections,
        ladder,
        breaks,
    }
}

/// The difference between an ambition and the current position on one part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartGap {
    /// The section's or question's id.
    pub id: String,
    /// The current mean, 0–100 (a question's answers normalized to 0–100).
    pub current: f64,
    /// The ambition's mean, 0–100.
    pub ambition: f64,
    /// `ambition − current`.
    pub difference: f64,
}

/// What separates where an organisation stands from where it wants to be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// The organisation's id.
    pub organisation: String,
    /// The organisation's name.
    pub name: String,
    /// The round, or the date, of the two groups.
    pub period: String,
    /// The current position.
    pub current: Point,
    /// The ambition.
    pub ambition: Point,
    /// How far the current position can be trusted.
    pub current_trust: Trust,
    /// How far the ambition can be trusted.
    pub ambition_trust: Trust,
    /// `ambition − current` per axis.
    pub x: f64,
    /// `ambition − current` per axis.
    pub y: f64,
    /// Per section, largest difference first.
    pub sections: Vec<PartGap>,
    /// Per question, largest difference first.
    pub questions: Vec<PartGap>,
}

impl Gap {
    /// The movement on each axis in words: "van Vastgoed naar Sociaal: +12.0".
    pub fn in_words(&self, matrix: &Matrix, lang: crate::Lang) -> [String; 2] {
        let say = |axis: &crate::Axis, d: f64| {
            let (from, to) = if d >= 0.0 {
                (&axis.low, &axis.high)
            } else {
                (&axis.high, &axis.low)
            };
            let (van, naar) = match lang {
                crate::Lang::Nl => ("van", "naar"),
                crate::Lang::En => ("from", "to"),
            };
            format!(
                "{van} {} {naar} {}: {}{:.1}",
                from.get(lang),
                to.get(lang),
                if d >= 0.0 { "+" } else { "−" },
                d.abs()
            )
        };
        [say(&matrix.x, self.x), say(&matrix.y, self.y)]
    }
}

/// The gaps of every organisation that has a current and an ambition group of the same
/// period ([`Group::period`]: round, or without rounds the date), each with the scores
/// the groups were made from (`scores` as given to [`aggregate`](crate::aggregate)).
pub fn gaps(groups: &[Group], scores: &[Score]) -> Vec<Gap> {
    let members = |g: &Group| -> Vec<&Score> { g.counted(scores).collect() };
    let mut out = Vec::new();
    for current in groups.iter().filter(|g| g.kind == Kind::Current) {
        let Some(ambition) = groups.iter().find(|g| {
            g.kind == Kind::Ambition
                && g.organisation.id == current.organisation.id
                && g.role == current.role
                && g.respondent == current.respondent
                && g.period() == current.period()
        }) else {
            continue;
        };
        let (Some(now), Some(then)) = (current.position, ambition.position) else {
            continue;
        };
        let mut sections: Vec<PartGap> = current
            .sections
            .iter()
            .zip(&ambition.sections)
            .filter_map(|(c, a)| {
                let (c_score, a_score) = (c.score?, a.score?);
                Some(PartGap {
                    id: c.id.clone(),
                    current: c_score,
                    ambition: a_score,
                    difference: a_score - c_score,
                })
            })
            .collect();
        sections.sort_by(|a, b| b.difference.abs().total_cmp(&a.difference.abs()));
        let (now_scores, then_scores) = (members(current), members(ambition));
        let mean_normalized = |list: &[&Score], i: usize| {
            let values: Vec<f64> = list
                .iter()
                .filter_map(|s| s.questions.get(i)?.normalized)
                .map(|v| 100.0 * v)
                .collect();
            Stats::of(&values).map(|s| s.mean)
        };
        let mut questions: Vec<PartGap> = now_scores
            .first()
            .map(|first| {
                first
                    .questions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, q)| {
                        let (c, a) = (
                            mean_normalized(&now_scores, i)?,
                            mean_normalized(&then_scores, i)?,
                        );
                        Some(PartGap {
                            id: q.id.clone(),
                            current: c,
                            ambition: a,
                            difference: a - c,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        questions.sort_by(|a, b| b.difference.abs().total_cmp(&a.difference.abs()));
        out.push(Gap {
            organisation: current.organisation.id.clone(),
            name: current.organisation.name.clone(),
            period: current.period(),
            current: now,
            ambition: then,
            current_trust: current.trust(),
            ambition_trust: ambition.trust(),
            x: then.x - now.x,
            y: then.y - now.y,
            sections,
            questions,
        });
    }
    out
}

/// One organisation among its peers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    /// The organisation's id.
    pub organisation: String,
    /// The organisation's name.
    pub name: String,
    /// The round or date of the position compared (its latest current one).
    pub period: String,
    /// The position.
    pub position: Point,
    /// How far the position can be trusted.
    pub trust: Trust,
    /// The percentile on each axis: the share of the other organisations below it, ties
    /// counted half, 0–100 (the lowest 0, the highest 100).
    pub percentile: Point,
    /// The rank on x, 1 = the most towards the high end (sociaal); ties share a rank.
    pub rank_x: usize,
    /// The rank on y, 1 = the highest rung.
    pub rank_y: usize,
}

/// A set of organisations compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peers {
    /// The median position of the peer group (per axis).
    pub median: Point,
    /// Every organisation, by name.
    pub peers: Vec<Peer>,
}

/// Each organisation's latest current position among the others'; `None` with fewer than
/// two organisations that have one.
pub fn peers(groups: &[Group]) -> Option<Peers> {
    let mut latest: BTreeMap<&str, &Group> = BTreeMap::new();
    for group in groups
        .iter()
        .filter(|g| g.kind == Kind::Current && g.position.is_some())
    {
        let entry = latest
            .entry(group.organisation.id.as_str())
            .or_insert(group);
        if group.date > entry.date {
            *entry = group;
        }
    }
    if latest.len() < 2 {
        return None;
    }
    let positions: Vec<Point> = latest.values().filter_map(|g| g.position).collect();
    let xs: Vec<f64> = positions.iter().map(|p| p.x).collect();
    let ys: Vec<f64> = positions.iter().map(|p| p.y).collect();
    let percentile = |all: &[f64], v: f64| {
        let below = all.iter().filter(|&&o| o < v).count() as f64;
        let equal = all.iter().filter(|&&o| o == v).count() as f64;
        100.0 * (below + 0.5 * (equal - 1.0)) / (all.len() - 1) as f64
    };
    let rank = |all: &[f64], v: f64| all.iter().filter(|&&o| o > v).count() + 1;
    let mut peers: Vec<Peer> = latest
        .values()
        .map(|g| {
            let p = g.position.expect("filtered on a position");
            Peer {
                organisation: g.organisation.id.clone(),
                name: g.organisation.name.clone(),
                period: g.period(),
                position: p,
                trust: g.trust(),
                percentile: Point {
                    x: percentile(&xs, p.x),
                    y: percentile(&ys, p.y),
                },
                rank_x: rank(&xs, p.x),
                rank_y: rank(&ys, p.y),
            }
        })
        .collect();
    peers.sort_by(|a, b| a.name.cmp(&b.name));
    Some(Peers {
        median: Point {
            x: median(&xs),
            y: median(&ys),
        },
        peers,
    })
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}
