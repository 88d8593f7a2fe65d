//! The reference scoring method of DOMAIN.md (version 2): simple on purpose, so that a
//! person can check every number by hand. Each section is scored first and the axis
//! score is the sections' mass-weighted mean, so "weet niet" inside a section lets the
//! section's answered questions stand for it, and never the other sections' answers.

use crate::{
    Answer, Assessment, AssessmentInfo, Instrument, Invalid, Loading, Matrix, Organisation, Point,
    Question, Text,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Below this coverage a section's share of an axis is too thin to stand for the section:
/// a position is reliable only when every section that loads on an axis reaches it.
pub const LOW_COVERAGE: f64 = 0.6;

/// Whether a coverage (0–1) falls below [`LOW_COVERAGE`]. Three of five questions of
/// weight 0.7 are 60 % exactly, but 2.1 / 3.5 in floating point is 0.5999999999999999,
/// so the comparison allows for a rounding step: 60 % is enough, as DOMAIN.md says.
pub fn is_low_coverage(coverage: f64) -> bool {
    coverage < LOW_COVERAGE - 1e-9
}

/// The score of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Whose position this is.
    pub organisation: Organisation,
    /// When, what kind, and by whom.
    pub assessment: AssessmentInfo,
    /// The instrument used.
    pub instrument: InstrumentRef,
    /// The x axis score.
    pub x: AxisScore,
    /// The y axis score.
    pub y: AxisScore,
    /// The position, when both axes have a score.
    pub position: Option<Point>,
    /// The region that contains the position.
    pub region: Option<RegionRef>,
    /// The distance in points from the position to the nearest region boundary.
    pub margin: Option<f64>,
    /// Whether the position rests on enough answers: there is one, and every section that
    /// loads on an axis has at least [`LOW_COVERAGE`] of its weight on that axis answered.
    /// [`Score::shortfalls`] says which sections fall short.
    pub reliable: bool,
    /// Every section, in questionnaire order, with its score and coverage.
    pub sections: Vec<SectionScore>,
    /// Every question with its answer and contributions, in questionnaire order.
    pub questions: Vec<QuestionScore>,
    /// The questions left unanswered (not even "unknown").
    pub unanswered: Vec<String>,
}

/// Which instrument a score was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentRef {
    /// The instrument's id.
    pub id: String,
    /// The instrument's version.
    pub version: String,
}

/// A region by id and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRef {
    /// The region's id.
    pub id: String,
    /// The region's label.
    pub label: Text,
}

/// One axis's score and how much of it rests on answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AxisScore {
    /// 0–100: the sections' axis scores weighted by each section's mass on the axis, over
    /// the sections with an answer that loads on it; `None` when there is no such answer.
    pub score: Option<f64>,
    /// The answered share of Σ|loading| × weight over the questions that load on the
    /// axis, 0–1 (0 when none does).
    pub coverage: f64,
}

/// A section's scores: its own (the plain weighted mean of its answers) and its part in
/// each axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionScore {
    /// The section's id.
    pub id: String,
    /// The section's heading.
    pub title: Text,
    /// The weighted mean of the section's normalized answers, 0–100; `None` when the
    /// section is not scored or none of its questions is answered.
    pub score: Option<f64>,
    /// The answered share of the section's weight, 0–1.
    pub coverage: f64,
    /// The section's part in x; `None` when none of its questions loads on x.
    pub x: Option<SectionAxis>,
    /// The section's part in y; `None` when none of its questions loads on y.
    pub y: Option<SectionAxis>,
}

/// What one section says about one axis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SectionAxis {
    /// 100 × Σ|l|·w·d / Σ|l|·w over the section's answered questions that load on the
    /// axis; `None` when none of them is answered.
    pub score: Option<f64>,
    /// The answered share of `mass`, 0–1.
    pub coverage: f64,
    /// Σ|l|·w over all the section's questions that load on the axis: its weight in the
    /// axis score.
    pub mass: f64,
}

/// One question's part in the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionScore {
    /// The question's id.
    pub id: String,
    /// The section it stands in.
    pub section: String,
    /// The answer, if given.
    pub answer: Option<Answer>,
    /// The answer normalized to 0–1 (before reversing for a negative loading).
    pub normalized: Option<f64>,
    /// The question's weight.
    pub weight: f64,
    /// The question's loadings.
    pub loading: Loading,
    /// Points this answer adds to each axis score; the contributions of an axis sum to its
    /// score. `None` where the question does not load on the axis or is not answered.
    pub contribution: Contribution,
}

/// Points added to each axis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Points added to x.
    pub x: Option<f64>,
    /// Points added to y.
    pub y: Option<f64>,
}

/// One of the two axes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AxisName {
    /// The horizontal axis.
    X,
    /// The vertical axis.
    Y,
}

impl fmt::Display for AxisName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AxisName::X => "x",
            AxisName::Y => "y",
        })
    }
}

/// A section whose answered share of an axis is below [`LOW_COVERAGE`]: why a position is
/// unreliable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    /// The section's id.
    pub section: String,
    /// The axis.
    pub axis: AxisName,
    /// The section's answered share of its mass on the axis, 0–1.
    pub coverage: f64,
}

impl Score {
    /// Whether the position is reliable; see [`Score::reliable`].
    pub fn is_reliable(&self) -> bool {
        self.reliable
    }

    /// The sections whose coverage of an axis is below [`LOW_COVERAGE`], x first, in
    /// questionnaire order. Empty for a reliable score.
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        shortfalls(&self.sections)
    }
}

fn shortfalls(sections: &[SectionScore]) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for axis in [AxisName::X, AxisName::Y] {
        for section in sections {
            let part = match axis {
                AxisName::X => section.x,
                AxisName::Y => section.y,
            };
            if let Some(part) = part.filter(|p| is_low_coverage(p.coverage)) {
                out.push(Shortfall {
                    section: section.id.clone(),
                    axis,
                    coverage: part.coverage,
                });
            }
        }
    }
    out
}

/// Sums over some questions on one axis: Σ|l|·w·d over the answered ones, Σ|l|·w over the
/// answered ones, and Σ|l|·w over all (for the coverage).
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    points: f64,
    answered: f64,
    total: f64,
}

impl Sums {
    fn add(&mut self, loading: f64, weight: f64, normalized: Option<f64>) {
        if loading == 0.0 {
            return;
        }
        let mass = loading.abs() * weight;
        self.total += mass;
        if let Some(v) = normalized {
            self.answered += mass;
            self.points += mass * directed(loading, v);
        }
    }

    fn score(&self) -> Option<f64> {
        (self.answered > 0.0).then(|| 100.0 * self.points / self.answered)
    }

    fn coverage(&self) -> f64 {
        if self.total > 0.0 {
            self.answered / self.total
        } else {
            0.0
        }
    }

    fn part(&self) -> Option<SectionAxis> {
        (self.total > 0.0).then(|| SectionAxis {
            score: self.score(),
            coverage: self.coverage(),
            mass: self.total,
        })
    }
}

/// One axis, section by section (method version 2, step 4): the sections with an
/// answer stand for their whole mass, so a section answered "weet niet" throughout is
/// left out instead of being filled with the other sections' answers.
struct AxisTally {
    sections: Vec<Sums>,
    /// Σ T over the sections with at least one answer: the denominator of the score.
    counted_mass: f64,
}

impl AxisTally {
    fn new(sections: Vec<Sums>) -> Self {
        let counted_mass = sections
            .iter()
            .filter(|s| s.answered > 0.0)
            .map(|s| s.total)
            .sum();
        AxisTally {
            sections,
            counted_mass,
        }
    }

    fn result(&self) -> AxisScore {
        let (answered, total) = self
            .sections
            .iter()
            .fold((0.0, 0.0), |(a, t), s| (a + s.answered, t + s.total));
        let score = (self.counted_mass > 0.0).then(|| {
            self.sections
                .iter()
                .filter_map(|s| s.score().map(|score| s.total * score))
                .sum::<f64>()
                / self.counted_mass
        });
        AxisScore {
            score,
            coverage: if total > 0.0 { answered / total } else { 0.0 },
        }
    }

    /// 100 × (T/ΣT) × |l|·w·d / Σ(|l|·w answered in the section): the points one answer
    /// adds, so that an axis's contributions sum to its score.
    fn contribution(
        &self,
        section: usize,
        loading: f64,
        weight: f64,
        normalized: Option<f64>,
    ) -> Option<f64> {
        let v = normalized?;
        let sums = &self.sections[section];
        (loading != 0.0 && sums.answered > 0.0).then(|| {
            100.0 * (sums.total / self.counted_mass) * loading.abs() * weight * directed(loading, v)
                / sums.answered
        })
    }
}

/// A negative loading reads a high answer as a push towards the low end.
fn directed(loading: f64, v: f64) -> f64 {
    if loading < 0.0 { 1.0 - v } else { v }
}

impl Instrument {
    /// Checks and scores one assessment by the reference method (version 2).
    pub fn score(&self, assessment: &Assessment) -> Result<Score, Invalid> {
        self.check(assessment)?;
        Ok(self.score_checked(assessment))
    }

    /// Checks and scores one assessment, with the warnings of
    /// [`Instrument::check`](Instrument::check): one check where `check` and then `score`
    /// would run it twice.
    pub fn check_and_score(
        &self,
        assessment: &Assessment,
    ) -> Result<(Vec<crate::Warning>, Score), Invalid> {
        let warnings = self.check(assessment)?;
        Ok((warnings, self.score_checked(assessment)))
    }

    fn score_checked(&self, assessment: &Assessment) -> Score {
        // Normalized once per question, straight from the question at hand: looking a
        // question up by id for every answer would make scoring quadratic.
        let normalized: Vec<Vec<Option<f64>>> = self
            .sections
            .iter()
            .map(|section| {
                section
                    .questions
                    .iter()
                    .map(|q| match assessment.answers.get(&q.id) {
                        Some(Answer::Point(p)) => self.scale_of(q).map(|s| s.normalize(*p)),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let tally = |loading: fn(&Question) -> f64| {
            AxisTally::new(
                self.sections
                    .iter()
                    .zip(&normalized)
                    .map(|(section, values)| {
                        let mut sums = Sums::default();
                        for (q, v) in section.questions.iter().zip(values) {
                            sums.add(loading(q), q.weight, *v);
                        }
                        sums
                    })
                    .collect(),
            )
        };
        let (xs, ys) = (tally(|q| q.loading.x), tally(|q| q.loading.y));
        let mut questions = Vec::new();
        let mut sections = Vec::new();
        for (i, (section, values)) in self.sections.iter().zip(&normalized).enumerate() {
            let mut own = Sums::default();
            for (q, v) in section.questions.iter().zip(values) {
                own.add(1.0, q.weight, *v);
                questions.push(QuestionScore {
                    id: q.id.clone(),
                    section: section.id.clone(),
                    answer: assessment.answers.get(&q.id).copied(),
                    normalized: *v,
                    weight: q.weight,
                    loading: q.loading,
                    contribution: Contribution {
                        x: xs.contribution(i, q.loading.x, q.weight, *v),
                        y: ys.contribution(i, q.loading.y, q.weight, *v),
                    },
                });
            }
            sections.push(SectionScore {
                id: section.id.clone(),
                title: section.title.clone(),
                score: own.score().filter(|_| section.scored),
                coverage: own.coverage(),
                x: xs.sections[i].part(),
                y: ys.sections[i].part(),
            });
        }
        let (x, y) = (xs.result(), ys.result());
        let position = x.score.zip(y.score).map(|(x, y)| Point { x, y });
        let (region, margin) = locate(&self.matrix, position);
        let reliable = position.is_some() && shortfalls(&sections).is_empty();
        Score {
            organisation: assessment.organisation.clone(),
            assessment: assessment.assessment.clone(),
            instrument: InstrumentRef {
                id: self.id.clone(),
                version: self.version.clone(),
            },
            x,
            y,
            position,
            region,
            margin,
            reliable,
            sections,
            questions,
            unanswered: self.unanswered(assessment),
        }
    }
}

/// The region and margin of a position, if there is one.
pub(crate) fn locate(matrix: &Matrix, position: Option<Point>) -> (Option<RegionRef>, Option<f64>) {
    let Some(point) = position else {
        return (None, None);
    };
    let region = matrix.region_at(point).map(|r| RegionRef {
        id: r.id.clone(),
        label: r.label.clone(),
    });
    (region, matrix.margin(point))
}
