//! What comes after a position: how far respondents agree (r_wg per question, r_wg(J)
//! and AD_M per section), the discussion agenda, the section profile with the ladder's
//! skipped rungs, the gap between current position and ambition, and where an
//! organisation stands among its peers. Pure functions on scores and groups.

use crate::{
    Answer, Group, Instrument, Kind, Lang, MIN_SUBGROUP, Matrix, Method, Point, Score, Stats, Text,
    Trust,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The cut-off of r_wg that scoring method 2 read as agreement. Kept for callers that
/// still print method 2's verdict; deprecated: method 3 words agreement by
/// [`AgreementLevel`] (LeBreton & Senter 2008 caution against one cut-off).
#[deprecated(note = "method 3 words agreement by `AgreementLevel`; see `AgreementLevel::of`")]
pub const AGREEMENT: f64 = 0.7;

/// How far a higher rung may score above a lower one before the ladder check of an
/// instrument without a declared ladder speaks.
pub const CLIMB_TOLERANCE: f64 = 10.0;

/// How strongly respondents agree, in the bands of LeBreton & Senter (2008): 0–.30 no
/// agreement, .31–.50 weak, .51–.70 moderate, .71–.90 strong, .91–1 very strong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AgreementLevel {
    /// 0–.30: geen overeenstemming.
    None,
    /// .31–.50: zwak.
    Weak,
    /// .51–.70: matig.
    Moderate,
    /// .71–.90: sterk.
    Strong,
    /// .91–1: zeer sterk.
    VeryStrong,
}

impl AgreementLevel {
    /// The band of an r_wg (0–1). The bands' edges are printed to two decimals: .305
    /// reads as .31, weak.
    ///
    /// ```
    /// use koers::analysis::AgreementLevel;
    /// assert_eq!(AgreementLevel::of(0.30), AgreementLevel::None);
    /// assert_eq!(AgreementLevel::of(0.5), AgreementLevel::Weak);
    /// assert_eq!(AgreementLevel::of(0.83), AgreementLevel::Strong);
    /// assert_eq!(AgreementLevel::of(0.95).text(koers::Lang::Nl), "zeer sterk");
    /// ```
    pub fn of(rwg: f64) -> AgreementLevel {
        let rounded = (rwg * 100.0).round() / 100.0;
        if rounded <= 0.30 {
            AgreementLevel::None
        } else if rounded <= 0.50 {
            AgreementLevel::Weak
        } else if rounded <= 0.70 {
            AgreementLevel::Moderate
        } else if rounded <= 0.90 {
            AgreementLevel::Strong
        } else {
            AgreementLevel::VeryStrong
        }
    }

    /// The band in words.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AgreementLevel::None, Lang::Nl) => "geen",
            (AgreementLevel::None, Lang::En) => "none",
            (AgreementLevel::Weak, Lang::Nl) => "zwak",
            (AgreementLevel::Weak, Lang::En) => "weak",
            (AgreementLevel::Moderate, Lang::Nl) => "matig",
            (AgreementLevel::Moderate, Lang::En) => "moderate",
            (AgreementLevel::Strong, Lang::Nl) => "sterk",
            (AgreementLevel::Strong, Lang::En) => "strong",
            (AgreementLevel::VeryStrong, Lang::Nl) => "zeer sterk",
            (AgreementLevel::VeryStrong, Lang::En) => "very strong",
        }
    }
}

/// How the respondents of a group answered one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
    /// cut to 0–1. Method 3: only where at least 3 respondents gave a point and they are
    /// at least half of the group (`None` otherwise); method 2: from two answers.
    pub rwg: Option<f64>,
    /// The band of `rwg` (LeBreton & Senter 2008).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<AgreementLevel>,
    /// The average deviation AD_M: the mean absolute deviation of the answers from their
    /// mean, in scale points (Burke & Dunlap 2002); where `rwg` is computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ad: Option<f64>,
    /// Whether AD_M shows agreement: AD_M ≤ (A − 1) / 6 on an A-point scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agrees: Option<bool>,
}

/// How the respondents of a group agree on one section, over its questions that have an
/// r_wg.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SectionAgreement {
    /// The section's id.
    pub id: String,
    /// J: how many of its questions have an r_wg.
    pub questions: usize,
    /// The multi-item agreement r_wg(J) = J(1 − s̄²/σ²) / (J(1 − s̄²/σ²) + s̄²/σ²) (James,
    /// Demaree & Wolf 1984), with s̄²/σ² the mean over those questions of each one's
    /// variance over its σ²_EU (on one scale: the mean variance over σ²_EU); 0 when the
    /// answers vary more than uniform ones would. `None` without such a question.
    pub rwg: Option<f64>,
    /// The band of `rwg`.
    pub level: Option<AgreementLevel>,
    /// The mean AD_M of those questions, in scale points.
    pub ad: Option<f64>,
    /// Whether the mean AD_M is at most the mean of their (A − 1) / 6.
    pub agrees: Option<bool>,
}

/// The agreement within a group, question by question and section by section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Agreement {
    /// Every question, in questionnaire order.
    pub questions: Vec<QuestionAgreement>,
    /// Every section with a question, in questionnaire order: r_wg(J) and AD_M.
    pub sections: Vec<SectionAgreement>,
    /// The mean of the single questions' r_wg over all sections that have one: a rough
    /// summary that mixes sections; read the sections' r_wg(J) instead. Written
    /// `mean_item_rwg` in JSON.
    #[serde(rename = "mean_item_rwg", alias = "rwg")]
    pub rwg: Option<f64>,
    /// The method version whose rules made the numbers.
    pub method: Method,
}

/// The figures of one question's answers, where the method allows them.
struct ItemFigures {
    rwg: f64,
    /// s² / σ²_EU.
    ratio: f64,
    ad: f64,
    cut: f64,
}

fn item_figures(points: &[f64], respondents: usize, a: f64, method: Method) -> Option<ItemFigures> {
    let n = points.len();
    let enough = match method {
        Method::V2 => n >= 2,
        Method::V3 => n >= MIN_SUBGROUP && 2 * n >= respondents,
    };
    if !enough {
        return None;
    }
    let stats = Stats::of(points)?;
    let variance = stats.sd? * stats.sd?;
    let expected = (a * a - 1.0) / 12.0;
    let ad = points.iter().map(|p| (p - stats.mean).abs()).sum::<f64>() / n as f64;
    Some(ItemFigures {
        rwg: (1.0 - variance / expected).clamp(0.0, 1.0),
        ratio: variance / expected,
        ad,
        cut: (a - 1.0) / 6.0,
    })
}

/// How the respondents of a group answered each question of `instrument`, by the rules
/// of the method that made the scores.
///
/// ```
/// use koers::{Answer, analysis::agreement};
/// # use koers::{builtin, Assessment, AssessmentInfo, Date, Kind, Organisation};
/// # let sev = builtin::instrument("sev").unwrap();
/// # let score = |points: i64| {
/// #     let answers = [("beheerder".to_string(), Answer::Point(points))].into();
/// #     let info = AssessmentInfo::new(Date::new(2026, 1, 1).unwrap(), Kind::Current);
/// #     let org = Organisation { name: "X".into(), id: None };
/// #     sev.score(&Assessment::new("sev", org, info, answers)).unwrap()
/// # };
/// // Three respondents answer 2, 3 and 4 on a 5-point scale: s² = 1, σ²_EU = 24/12 = 2,
/// // so r_wg = 1 − 1/2 = 0.5; AD_M = (1 + 0 + 1) / 3.
/// let scores = [score(2), score(3), score(4)];
/// let result = agreement(sev, &scores);
/// let beheerder = result.questions.iter().find(|q| q.id == "beheerder").unwrap();
/// assert_eq!(beheerder.rwg, Some(0.5));
/// assert_eq!(beheerder.ad, Some(2.0 / 3.0));
/// // Two answers say nothing about agreement.
/// let two = agreement(sev, &scores[..2]);
/// assert_eq!(two.questions.iter().find(|q| q.id == "beheerder").unwrap().rwg, None);
/// ```
pub fn agreement<'s>(
    instrument: &Instrument,
    scores: impl IntoIterator<Item = &'s Score>,
) -> Agreement {
    let scores: Vec<&Score> = scores.into_iter().collect();
    let method = scores.first().map_or_else(Method::default, |s| s.method);
    let mut figures: Vec<Option<ItemFigures>> = Vec::new();
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
            let item = instrument.scale_of(question).and_then(|scale| {
                let a = (scale.max - scale.min + 1) as f64;
                item_figures(&points, scores.len(), a, method)
            });
            let agreement = QuestionAgreement {
                id: question.id.clone(),
                section: section.id.clone(),
                n: points.len(),
                respondents: scores.len(),
                mean: stats.map(|s| s.mean),
                sd: stats.and_then(|s| s.sd),
                unknown: share(Answer::Unknown),
                not_applicable: share(Answer::NotApplicable),
                rwg: item.as_ref().map(|f| f.rwg),
                level: item.as_ref().map(|f| AgreementLevel::of(f.rwg)),
                ad: item.as_ref().map(|f| f.ad),
                agrees: item.as_ref().map(|f| f.ad <= f.cut + 1e-12),
            };
            figures.push(item);
            agreement
        })
        .collect();
    let mut sections = Vec::new();
    for section in &instrument.sections {
        if section.questions.is_empty() {
            continue;
        }
        let items: Vec<&ItemFigures> = questions
            .iter()
            .zip(&figures)
            .filter(|(q, _)| q.section == section.id)
            .filter_map(|(_, f)| f.as_ref())
            .collect();
        let j = items.len();
        let mean = |f: fn(&ItemFigures) -> f64| {
            (j > 0).then(|| items.iter().map(|i| f(i)).sum::<f64>() / j as f64)
        };
        let rwg = mean(|i| i.ratio).map(|ratio| {
            if ratio >= 1.0 {
                0.0
            } else {
                let jf = j as f64;
                jf * (1.0 - ratio) / (jf * (1.0 - ratio) + ratio)
            }
        });
        let (ad, cut) = (mean(|i| i.ad), mean(|i| i.cut));
        sections.push(SectionAgreement {
            id: section.id.clone(),
            questions: j,
            rwg,
            level: rwg.map(AgreementLevel::of),
            ad,
            agrees: ad.zip(cut).map(|(ad, cut)| ad <= cut + 1e-12),
        });
    }
    let values: Vec<f64> = questions.iter().filter_map(|q| q.rwg).collect();
    Agreement {
        rwg: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
        questions,
        sections,
        method,
    }
}

/// One role's mean answer to a question. Only roles of at least
/// [`MIN_SUBGROUP`] respondents, each mean of at least as many
/// answers, are shown apart; smaller roles are merged into "overige" ([`RoleMean::other`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoleMean {
    /// The role; `None` for the respondents without one, and for "overige".
    pub role: Option<String>,
    /// Whether this is "overige": the roles too small to show apart, merged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other: bool,
    /// How many of the role gave a point.
    pub n: usize,
    /// Their mean answer on the question's scale.
    pub mean: f64,
}

/// A question on which roles differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct Agenda {
    /// How far the group's position can be trusted: an agenda of an unreliable group
    /// rests on respondents who left much unanswered.
    pub trust: Trust,
    /// The mean of the single questions' r_wg over all sections (see [`Agreement::rwg`]).
    #[serde(rename = "mean_item_rwg", alias = "rwg")]
    pub rwg: Option<f64>,
    /// r_wg(J) and AD_M per section.
    pub sections: Vec<SectionAgreement>,
    /// The questions with the lowest agreement, lowest first.
    pub disagreement: Vec<QuestionAgreement>,
    /// The questions on which the roles' means differ most, largest first (only with two
    /// or more roles).
    pub roles: Vec<RoleDifference>,
    /// The questions most answered "weet niet" or "n.v.t.", most first.
    pub unknown: Vec<QuestionAgreement>,
    /// How the roles were kept apart: who was merged into "overige" or left out.
    pub privacy: Privacy,
}

/// What the privacy rule did to a comparison of roles: roles of fewer than
/// [`MIN_SUBGROUP`] respondents are never shown apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Privacy {
    /// Respondents of small roles merged into "overige".
    pub merged: usize,
    /// Respondents of small roles left out (together still too few for "overige").
    pub left_out: usize,
}

/// The discussion agenda of `group`: at most `size` questions in each list, from the
/// respondents who count in its position. `scores` are the scores given to
/// [`aggregate`](crate::aggregate()).
pub fn agenda<'s>(
    instrument: &Instrument,
    group: &Group,
    scores: impl IntoIterator<Item = &'s Score>,
    size: usize,
) -> Agenda {
    let scores: Vec<&Score> = group.counted(scores).collect();
    let scores = scores.as_slice();
    let Agreement {
        questions,
        rwg,
        sections,
        ..
    } = agreement(instrument, scores.iter().copied());
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
    let (mut roles, privacy) = role_differences(instrument, scores);
    roles.sort_by(|a, b| b.share.total_cmp(&a.share));
    roles.truncate(size);
    Agenda {
        trust: group.trust(),
        rwg,
        sections,
        disagreement,
        roles,
        unknown,
        privacy,
    }
}

/// A role as the comparison shows it: its name, or "overige" for the small ones merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shown<'a> {
    Role(Option<&'a str>),
    Other,
}

/// The respondents by role, roles of fewer than [`MIN_SUBGROUP`] merged into "overige"
/// (or left out when that is still too small), and what was merged or left out.
fn roles_shown<'s>(scores: &[&'s Score]) -> (BTreeMap<Shown<'s>, Vec<&'s Score>>, Privacy) {
    let mut by_role: BTreeMap<Option<&str>, Vec<&Score>> = BTreeMap::new();
    for score in scores {
        let role = score.assessment.role.as_deref();
        by_role.entry(role).or_default().push(score);
    }
    let mut shown = BTreeMap::new();
    let mut small = Vec::new();
    for (role, members) in by_role {
        if members.len() >= MIN_SUBGROUP {
            shown.insert(Shown::Role(role), members);
        } else {
            small.extend(members);
        }
    }
    let mut privacy = Privacy::default();
    if small.len() >= MIN_SUBGROUP {
        privacy.merged = small.len();
        shown.insert(Shown::Other, small);
    } else {
        privacy.left_out = small.len();
    }
    (shown, privacy)
}

fn role_differences(instrument: &Instrument, scores: &[&Score]) -> (Vec<RoleDifference>, Privacy) {
    let (by_role, privacy) = roles_shown(scores);
    if by_role.len() < 2 {
        return (Vec::new(), privacy);
    }
    let differences = instrument
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
                    // A mean of fewer answers than a role may have would show them apart.
                    Stats::of(&points)
                        .filter(|stats| stats.n >= MIN_SUBGROUP)
                        .map(|stats| RoleMean {
                            role: match role {
                                Shown::Role(role) => role.map(str::to_string),
                                Shown::Other => None,
                            },
                            other: *role == Shown::Other,
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
        .collect();
    (differences, privacy)
}

/// One section of a group's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
/// possible, but worth a look). With a declared ladder: a skipped rung (`higher`,
/// practised) above the lowest rung that is not practised (`lower`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LadderBreak {
    /// The lower rung's section id.
    pub lower: String,
    /// The higher rung's section id.
    pub higher: String,
    /// How many points (extent × 100) the higher rung scores above the lower one.
    pub by: f64,
}

/// What the ladder check concludes. With a declared ladder (method 3) it is the
/// ladder rule's report of skipped rungs, on the group's mean extents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ladder {
    /// Every rung is answered well enough and no rung is skipped (without a declared
    /// ladder: no higher rung scores clearly above a lower one).
    Climbs,
    /// A rung is skipped: practised (extent ≥ θ) above one that is not (see
    /// [`Profile::breaks`]; without a declared ladder: a higher rung scores clearly above
    /// a lower one, both answered well enough).
    Breaks,
    /// No break among the rungs answered well enough, but a rung is answered too little
    /// (see [`Profile::unjudged`]): whether the ladder climbs cannot be said.
    Unjudged,
}

/// A group's section profile: the rungs of the ladder and the focus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Profile {
    /// How far the group's position can be trusted.
    pub trust: Trust,
    /// Every section, in questionnaire order.
    pub sections: Vec<SectionProfile>,
    /// The ladder check's conclusion.
    pub ladder: Ladder,
    /// The rungs skipped by the ladder rule on the group's mean extents (a declared
    /// ladder, method 3), lowest first; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
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
///
/// With a ladder declared by the instrument and scored by method 3, the check is the
/// ladder rule's: a rung practised (mean extent ≥ θ) above one that is not is skipped,
/// and breaks the ladder against the lowest rung below it that is not practised.
pub fn profile(instrument: &Instrument, group: &Group) -> Profile {
    let declared = group.ladder.as_ref();
    let sections: Vec<SectionProfile> = instrument
        .sections
        .iter()
        .zip(&group.sections)
        .map(|(section, mean)| SectionProfile {
            id: section.id.clone(),
            title: section.title.clone(),
            rung: match declared {
                Some(ladder) => ladder.rungs.contains(&section.id),
                None => section.questions.iter().any(|q| q.loading.y != 0.0),
            },
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
    if let Some(ladder) = declared {
        let practised = |e: f64| e >= ladder.threshold - 1e-9;
        for skipped in &ladder.skipped {
            let Some(k) = ladder.rungs.iter().position(|r| r == skipped) else {
                continue;
            };
            if let Some(j) = (0..k).find(|&j| !practised(ladder.extents[j])) {
                breaks.push(LadderBreak {
                    lower: ladder.rungs[j].clone(),
                    higher: skipped.clone(),
                    by: 100.0 * (ladder.extents[k] - ladder.extents[j]),
                });
            }
        }
    }
    for (i, lower) in rungs.iter().enumerate().filter(|_| declared.is_none()) {
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
        skipped: declared.map(|l| l.skipped.clone()).unwrap_or_default(),
        breaks,
    }
}

/// The difference between an ambition and the current position on one part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct Gap {
    /// The organisation's id.
    pub organisation: String,
    /// The organisation's name.
    pub name: String,
    /// The round, or the date, of the two groups.
    pub period: String,
    /// The year the ambition aims at (its `horizon`), when its members name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<i64>,
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
    /// The movement on each axis in words: "van Vastgoed naar Sociaal: +12,0".
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
                "{van} {} {naar} {}: {}{}",
                from.get(lang),
                to.get(lang),
                if d >= 0.0 { "+" } else { "−" },
                crate::number::fixed(d.abs(), 1, lang)
            )
        };
        [say(&matrix.x, self.x), say(&matrix.y, self.y)]
    }
}

/// The gaps of every organisation that has a current and an ambition group of the same
/// period ([`Group::period`]: round, or without rounds the date), each with the scores
/// the groups were made from (`scores` as given to [`aggregate`](crate::aggregate())).
pub fn gaps<'s>(groups: &[Group], scores: impl IntoIterator<Item = &'s Score>) -> Vec<Gap> {
    let scores: Vec<&Score> = scores.into_iter().collect();
    let members = |g: &Group| -> Vec<&Score> { g.counted(scores.iter().copied()).collect() };
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
            horizon: ambition.horizon,
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
#[non_exhaustive]
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
#[non_exhaustive]
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
