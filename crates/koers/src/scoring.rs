//! The reference scoring method of DOMAIN.md (version 2): simple on purpose, so that a
//! person can check every number by hand. Each section is scored first and the axis
//! score is the sections' mass-weighted mean, so "weet niet" inside a section lets the
//! section's answered questions stand for it, and never the other sections' answers.

use crate::check::InOrder;
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
        shortfalls(self.sections.iter().map(|s| (s.id.as_str(), s.x, s.y)))
    }

    /// The score without its explanation: what [`Instrument::place`] gives.
    pub fn placement(&self) -> Placement {
        Placement {
            organisation: self.organisation.clone(),
            assessment: self.assessment.clone(),
            x: self.x,
            y: self.y,
            position: self.position,
            reliable: self.reliable,
            sections: self.sections.iter().map(SectionPart::of).collect(),
        }
    }
}

/// Where one assessment lands, without the explanation question by question of a
/// [`Score`]: the position, its coverage and reliability, and each section's score. What
/// an [`Aggregator`](crate::Aggregator) needs, made by [`Instrument::place`] for a
/// fraction of the work of a full score. Its numbers are those of the full score, to the
/// last bit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// Whose position this is.
    pub organisation: Organisation,
    /// When, what kind, and by whom.
    pub assessment: AssessmentInfo,
    /// The x axis score.
    pub x: AxisScore,
    /// The y axis score.
    pub y: AxisScore,
    /// The position, when both axes have a score.
    pub position: Option<Point>,
    /// Whether the position rests on enough answers, as [`Score::reliable`].
    pub reliable: bool,
    /// Every section, in questionnaire order, as in [`Score::sections`] but without its
    /// title.
    pub sections: Vec<SectionPart>,
}

impl Placement {
    /// Whether the position is reliable; see [`Placement::reliable`].
    pub fn is_reliable(&self) -> bool {
        self.reliable
    }

    /// The sections whose coverage of an axis is below [`LOW_COVERAGE`], as
    /// [`Score::shortfalls`].
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        shortfalls(parts_of(&self.sections))
    }
}

/// A section's scores in a [`Placement`]: a [`SectionScore`] without its title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionPart {
    /// The section's id.
    pub id: String,
    /// The weighted mean of the section's normalized answers, 0–100, as
    /// [`SectionScore::score`].
    pub score: Option<f64>,
    /// The answered share of the section's weight, 0–1.
    pub coverage: f64,
    /// The section's part in x; `None` when none of its questions loads on x.
    pub x: Option<SectionAxis>,
    /// The section's part in y; `None` when none of its questions loads on y.
    pub y: Option<SectionAxis>,
}

impl SectionPart {
    /// The part of a full section score: all of it but the title.
    fn of(section: &SectionScore) -> SectionPart {
        SectionPart {
            id: section.id.clone(),
            score: section.score,
            coverage: section.coverage,
            x: section.x,
            y: section.y,
        }
    }

    /// The full section score: this part with the section's title.
    fn with_title(self, title: Text) -> SectionScore {
        SectionScore {
            id: self.id,
            title,
            score: self.score,
            coverage: self.coverage,
            x: self.x,
            y: self.y,
        }
    }
}

/// A section's id and its parts in x and y: what [`shortfalls`] looks at.
type SectionParts<'a> = (&'a str, Option<SectionAxis>, Option<SectionAxis>);

fn parts_of(sections: &[SectionPart]) -> impl Iterator<Item = SectionParts<'_>> + Clone {
    sections.iter().map(|s| (s.id.as_str(), s.x, s.y))
}

fn shortfalls<'a>(sections: impl Iterator<Item = SectionParts<'a>> + Clone) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for axis in [AxisName::X, AxisName::Y] {
        for (id, x, y) in sections.clone() {
            let part = match axis {
                AxisName::X => x,
                AxisName::Y => y,
            };
            if let Some(part) = part.filter(|p| is_low_coverage(p.coverage)) {
                out.push(Shortfall {
                    section: id.to_string(),
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
        Ok(self.check_and_score(assessment)?.1)
    }

    /// Checks and scores one assessment, with the warnings of
    /// [`Instrument::check`](Instrument::check): one check where `check` and then `score`
    /// would run it twice.
    pub fn check_and_score(
        &self,
        assessment: &Assessment,
    ) -> Result<(Vec<crate::Warning>, Score), Invalid> {
        let in_order = self.answers_in_order(assessment);
        let warnings = self.check_in_order(assessment, &in_order)?;
        Ok((warnings, self.score_checked(assessment, &in_order)))
    }

    /// Checks one assessment and places it, without the explanation question by
    /// question that a [`Score`] carries: the same position, coverage, reliability and
    /// section scores, for a fraction of the work. What [`Aggregator::push_placement`]
    /// needs for thousands of files.
    ///
    /// ```
    /// use koers::{Aggregator, Assessment, GroupBy, Source, builtin};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\nwijkplan = 2\n";
    /// let instrument = builtin::instrument("sev").expect("sev is built in");
    /// let assessment = Assessment::parse(&Source::new("r01.toml", text))?;
    /// let placement = instrument.place(&assessment)?;
    /// assert_eq!(placement, instrument.score(&assessment)?.placement());
    /// let mut aggregator = Aggregator::new(GroupBy::Organisation);
    /// aggregator.push_placement(&placement);
    /// assert_eq!(aggregator.finish(&instrument.matrix)[0].respondents, 1);
    /// # Ok::<(), koers::Invalid>(())
    /// ```
    ///
    /// [`Aggregator::push_placement`]: crate::Aggregator::push_placement
    pub fn place(&self, assessment: &Assessment) -> Result<Placement, Invalid> {
        Ok(self.check_and_place(assessment)?.1)
    }

    /// As [`Instrument::place`], with the warnings of [`Instrument::check`].
    pub fn check_and_place(
        &self,
        assessment: &Assessment,
    ) -> Result<(Vec<crate::Warning>, Placement), Invalid> {
        let in_order = self.answers_in_order(assessment);
        let warnings = self.check_in_order(assessment, &in_order)?;
        let tally = self.tally(&in_order);
        Ok((warnings, self.placement(assessment, &tally)))
    }

    /// The sums of the method, per section and axis, from the answers in questionnaire
    /// order.
    fn tally(&self, in_order: &InOrder<'_>) -> Tally {
        // Normalized once per question, straight from the question at hand.
        let normalized: Vec<Option<f64>> = in_order
            .items
            .iter()
            .map(|item| match (item.answer, item.scale) {
                (Some(Answer::Point(p)), Some(scale)) => Some(scale.normalize(p)),
                _ => None,
            })
            .collect();
        let per_section = |loading: fn(&Question) -> f64| {
            let mut values = normalized.iter();
            self.sections
                .iter()
                .map(|section| {
                    let mut sums = Sums::default();
                    let section_values = values.by_ref().take(section.questions.len());
                    for (q, v) in section.questions.iter().zip(section_values) {
                        sums.add(loading(q), q.weight, *v);
                    }
                    sums
                })
                .collect::<Vec<_>>()
        };
        Tally {
            xs: AxisTally::new(per_section(|q| q.loading.x)),
            ys: AxisTally::new(per_section(|q| q.loading.y)),
            own: per_section(|_| 1.0),
            normalized,
        }
    }

    /// The placement made from the sums: the numbers a [`Score`] shares with it.
    fn placement(&self, assessment: &Assessment, tally: &Tally) -> Placement {
        let sections: Vec<SectionPart> = self
            .sections
            .iter()
            .enumerate()
            .map(|(i, section)| SectionPart {
                id: section.id.clone(),
                score: tally.own[i].score().filter(|_| section.scored),
                coverage: tally.own[i].coverage(),
                x: tally.xs.sections[i].part(),
                y: tally.ys.sections[i].part(),
            })
            .collect();
        let (x, y) = (tally.xs.result(), tally.ys.result());
        let position = x.score.zip(y.score).map(|(x, y)| Point { x, y });
        let reliable = position.is_some() && shortfalls(parts_of(&sections)).is_empty();
        Placement {
            organisation: assessment.organisation.clone(),
            assessment: assessment.assessment.clone(),
            x,
            y,
            position,
            reliable,
            sections,
        }
    }

    /// The full score: the placement, with the region, the sections' titles and every
    /// question's part.
    fn score_checked(&self, assessment: &Assessment, in_order: &InOrder<'_>) -> Score {
        let tally = self.tally(in_order);
        let placement = self.placement(assessment, &tally);
        let mut questions = Vec::with_capacity(in_order.items.len());
        let mut items = in_order.items.iter().zip(&tally.normalized);
        for (i, section) in self.sections.iter().enumerate() {
            for (item, v) in items.by_ref().take(section.questions.len()) {
                let q = item.question;
                questions.push(QuestionScore {
                    id: q.id.clone(),
                    section: section.id.clone(),
                    answer: item.answer,
                    normalized: *v,
                    weight: q.weight,
                    loading: q.loading,
                    contribution: Contribution {
                        x: tally.xs.contribution(i, q.loading.x, q.weight, *v),
                        y: tally.ys.contribution(i, q.loading.y, q.weight, *v),
                    },
                });
            }
        }
        let sections = placement
            .sections
            .into_iter()
            .zip(&self.sections)
            .map(|(part, section)| part.with_title(section.title.clone()))
            .collect();
        let (region, margin) = locate(&self.matrix, placement.position);
        Score {
            organisation: placement.organisation,
            assessment: placement.assessment,
            instrument: InstrumentRef {
                id: self.id.clone(),
                version: self.version.clone(),
            },
            x: placement.x,
            y: placement.y,
            position: placement.position,
            region,
            margin,
            reliable: placement.reliable,
            sections,
            questions,
            unanswered: in_order.unanswered(),
        }
    }
}

/// The sums of the method for one assessment: per section on each axis, and per section
/// on its own (for the section's score), with each question's normalized answer in
/// questionnaire order.
struct Tally {
    normalized: Vec<Option<f64>>,
    xs: AxisTally,
    ys: AxisTally,
    own: Vec<Sums>,
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
