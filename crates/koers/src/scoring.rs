//! The reference scoring method of DOMAIN.md: simple on purpose, so that a person can
//! check every number by hand.

use crate::{
    Answer, Assessment, AssessmentInfo, Instrument, Invalid, Loading, Matrix, Organisation, Point,
    Question, Text,
};
use serde::{Deserialize, Serialize};

/// Below this coverage (the answered share of an axis) a score is shown as unreliable.
pub const LOW_COVERAGE: f64 = 0.6;

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
    /// The score of each scored section.
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
    /// 0–100; `None` when no answered question loads on the axis.
    pub score: Option<f64>,
    /// The answered share of Σ|loading| × weight over the questions that load on the
    /// axis, 0–1 (0 when none does).
    pub coverage: f64,
}

impl AxisScore {
    /// Whether the coverage reaches [`LOW_COVERAGE`].
    pub fn is_reliable(&self) -> bool {
        self.score.is_some() && self.coverage >= LOW_COVERAGE
    }
}

/// A section's weighted mean of normalized answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionScore {
    /// The section's id.
    pub id: String,
    /// The section's heading.
    pub title: Text,
    /// 0–100; `None` when no question of the section is answered.
    pub score: Option<f64>,
    /// The answered share of the section's weight, 0–1.
    pub coverage: f64,
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

impl Score {
    /// Whether both axes reach [`LOW_COVERAGE`].
    pub fn is_reliable(&self) -> bool {
        self.x.is_reliable() && self.y.is_reliable()
    }
}

/// Sums for one axis: Σ|l|·w·v over answered questions, Σ|l|·w over answered ones, and
/// Σ|l|·w over all that load on the axis (for the coverage).
#[derive(Default)]
struct AxisSums {
    points: f64,
    answered: f64,
    total: f64,
}

impl AxisSums {
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

    fn result(&self) -> AxisScore {
        AxisScore {
            score: (self.answered > 0.0).then(|| 100.0 * self.points / self.answered),
            coverage: if self.total > 0.0 {
                self.answered / self.total
            } else {
                0.0
            },
        }
    }

    fn contribution(&self, loading: f64, weight: f64, normalized: Option<f64>) -> Option<f64> {
        let v = normalized?;
        (loading != 0.0 && self.answered > 0.0)
            .then(|| 100.0 * loading.abs() * weight * directed(loading, v) / self.answered)
    }
}

/// A negative loading reads a high answer as a push towards the low end.
fn directed(loading: f64, v: f64) -> f64 {
    if loading < 0.0 { 1.0 - v } else { v }
}

impl Instrument {
    /// Checks and scores one assessment by the reference method.
    pub fn score(&self, assessment: &Assessment) -> Result<Score, Invalid> {
        self.check(assessment)?;
        // Normalized straight from the question at hand: looking a question up by id
        // for every answer would make scoring quadratic in the number of questions.
        let normalized = |q: &Question| match assessment.answers.get(&q.id) {
            Some(Answer::Point(p)) => self.scale_of(q).map(|s| s.normalize(*p)),
            _ => None,
        };
        let (mut xs, mut ys) = (AxisSums::default(), AxisSums::default());
        for (_, q) in self.questions() {
            let v = normalized(q);
            xs.add(q.loading.x, q.weight, v);
            ys.add(q.loading.y, q.weight, v);
        }
        let questions = self
            .questions()
            .map(|(section, q)| {
                let v = normalized(q);
                QuestionScore {
                    id: q.id.clone(),
                    section: section.id.clone(),
                    answer: assessment.answers.get(&q.id).copied(),
                    normalized: v,
                    weight: q.weight,
                    loading: q.loading,
                    contribution: Contribution {
                        x: xs.contribution(q.loading.x, q.weight, v),
                        y: ys.contribution(q.loading.y, q.weight, v),
                    },
                }
            })
            .collect();
        let sections = self
            .sections
            .iter()
            .filter(|s| s.scored)
            .map(|section| {
                let mut sums = AxisSums::default();
                for q in &section.questions {
                    sums.add(1.0, q.weight, normalized(q));
                }
                let AxisScore { score, coverage } = sums.result();
                SectionScore {
                    id: section.id.clone(),
                    title: section.title.clone(),
                    score,
                    coverage,
                }
            })
            .collect();
        let (x, y) = (xs.result(), ys.result());
        let position = x.score.zip(y.score).map(|(x, y)| Point { x, y });
        let (region, margin) = locate(&self.matrix, position);
        Ok(Score {
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
            sections,
            questions,
            unanswered: self.unanswered(assessment),
        })
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
