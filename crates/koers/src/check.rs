//! Checking an assessment's answers against its instrument.

use crate::assessment::Origin;
use crate::{
    Answer, Assessment, Error, Instrument, Invalid, Location, Question, Scale, Source, Warning,
};
use std::cell::OnceCell;
use std::collections::HashMap;

/// How close (in edits) a misspelled question id must be to suggest the real one.
const SUGGEST_WITHIN: usize = 3;

impl Instrument {
    /// Checks every answer of `assessment` against this instrument and returns the
    /// warnings, or every error found: unknown question ids, answers off the scale or of
    /// the wrong type, "unknown" where the scale does not allow it, and the problems of
    /// the header that [`Assessment::parse_lenient`] kept. With errors, the warnings come
    /// along in [`Invalid::warnings`].
    pub fn check(&self, assessment: &Assessment) -> Result<Vec<Warning>, Invalid> {
        self.check_in_order(assessment, &self.answers_in_order(assessment))
    }

    /// Each question's answer and scale, in questionnaire order: looked up once per
    /// assessment and shared by the check and the scoring, which would otherwise each
    /// search the answers by id for every question.
    pub(crate) fn answers_in_order<'i>(&'i self, assessment: &Assessment) -> InOrder<'i> {
        InOrder {
            items: self
                .questions()
                .map(|(_, question)| Item {
                    question,
                    scale: self.scale_of(question),
                    answer: assessment.answers.get(&question.id).copied(),
                })
                .collect(),
        }
    }

    /// [`Instrument::check`] with the answers already looked up.
    pub(crate) fn check_in_order(
        &self,
        assessment: &Assessment,
        in_order: &InOrder<'_>,
    ) -> Result<Vec<Warning>, Invalid> {
        let places = Places::of(assessment);
        // Problems of the header kept by a lenient parse come first, with the answers'.
        let mut errors = assessment.problems().to_vec();
        // Nearly every file is valid: one lookup per question in the sorted answers tells.
        // Only a file with a problem walks its answers one by one (a search among the
        // questions each) to report them in its order.
        let valid = places.wrong_type().is_empty() && in_order.every_answer_fits(assessment);
        for (id, answer) in assessment.answers.iter().filter(|_| !valid) {
            let Some(question) = self.question(id) else {
                errors.push(self.unknown_question(id, places.key(id)));
                continue;
            };
            let Some(scale) = self.scale_of(question) else {
                continue; // Impossible for a parsed instrument; its check reports it.
            };
            match *answer {
                Answer::Point(value) if !scale.contains(value) => {
                    errors.push(Error::AnswerOffScale {
                        location: places.value(id),
                        question: id.clone(),
                        value,
                        min: scale.min,
                        max: scale.max,
                        unknown_allowed: scale.unknown,
                    })
                }
                Answer::Unknown | Answer::NotApplicable if !scale.unknown => {
                    errors.push(Error::UnknownNotAllowed {
                        location: places.value(id),
                        question: id.clone(),
                        min: scale.min,
                        max: scale.max,
                    })
                }
                _ => {}
            }
        }
        // A note may only explain a question of the instrument.
        for id in assessment.notes.keys() {
            if self.question(id).is_none() {
                errors.push(Error::UnknownNote {
                    location: places.note(id),
                    id: id.clone(),
                    suggestion: self.nearest_question(id),
                });
            }
        }
        // An answer that could not be read has its error among the header's; a misspelt id
        // under it is its own problem.
        for id in places.unreadable() {
            if self.question(id).is_none() {
                errors.push(self.unknown_question(id, places.key(id)));
            }
        }
        for (id, found) in places.wrong_type() {
            let Some(question) = self.question(id) else {
                errors.push(self.unknown_question(id, places.key(id)));
                continue;
            };
            let scale = self.scale_of(question);
            errors.push(Error::AnswerWrongType {
                location: places.value(id),
                question: id.clone(),
                found: found.clone(),
                min: scale.map(|s| s.min),
                max: scale.map(|s| s.max),
                unknown_allowed: scale.is_some_and(|s| s.unknown),
            });
        }
        // An answer of the wrong type has its own error above: it is not also "unanswered".
        let mut unanswered = in_order.unanswered();
        // Nor is one that could not be read (its error came with the header's).
        unanswered.retain(|id| {
            !places.wrong_type().iter().any(|(wrong, _)| wrong == id)
                && !places.unreadable().contains(id)
        });
        let mut warnings = Vec::new();
        if !unanswered.is_empty() {
            warnings.push(Warning::Unanswered {
                location: places.answers(),
                questions: unanswered,
                total: in_order.items.len(),
            });
        }
        if !errors.is_empty() {
            // The warnings travel with the errors, so that a file with errors does not
            // hide them.
            return Err(Invalid::new(errors).with_warnings(warnings));
        }
        Ok(warnings)
    }

    fn unknown_question(&self, id: &str, location: Location) -> Error {
        Error::UnknownQuestion {
            location,
            id: id.to_string(),
            suggestion: self.nearest_question(id),
        }
    }

    /// The question id closest to a misspelt one, if one is close.
    fn nearest_question(&self, id: &str) -> Option<String> {
        self.questions()
            .map(|(_, q)| (strsim::levenshtein(id, &q.id), &q.id))
            .filter(|(distance, _)| *distance <= SUGGEST_WITHIN)
            .min()
            .map(|(_, id)| id.clone())
    }
}

/// One question of an instrument with its scale and the answer an assessment gives it.
pub(crate) struct Item<'i> {
    pub question: &'i Question,
    /// `None` only for an instrument built in code with a scale it does not define.
    pub scale: Option<&'i Scale>,
    pub answer: Option<Answer>,
}

/// The questions of an instrument in questionnaire order, each with its answer.
pub(crate) struct InOrder<'i> {
    pub items: Vec<Item<'i>>,
}

impl InOrder<'_> {
    /// Whether every answer names a question of the instrument and fits its scale.
    fn every_answer_fits(&self, assessment: &Assessment) -> bool {
        let mut known = 0;
        for item in &self.items {
            let Some(answer) = item.answer else {
                continue;
            };
            known += 1;
            let Some(scale) = item.scale else {
                continue; // As in `check`: impossible for a parsed instrument.
            };
            let fits = match answer {
                Answer::Point(value) => scale.contains(value),
                Answer::Unknown | Answer::NotApplicable => scale.unknown,
            };
            if !fits {
                return false;
            }
        }
        known == assessment.answers.len()
    }

    /// The ids of the questions left unanswered, in questionnaire order.
    pub(crate) fn unanswered(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|item| item.answer.is_none())
            .map(|item| item.question.id.clone())
            .collect()
    }
}

/// Where the parts of an assessment stand, located only when a message asks (the text is
/// indexed once, and the answers' places are read once, for all messages of a check);
/// for an assessment built in code, a location that names the organisation instead of a
/// file.
struct Places<'a> {
    assessment: &'a Assessment,
    source: Option<Source<'a>>,
    answers: OnceCell<HashMap<String, (usize, usize)>>,
}

impl<'a> Places<'a> {
    fn of(assessment: &'a Assessment) -> Self {
        Places {
            assessment,
            source: assessment.origin.as_ref().map(Origin::source),
            answers: OnceCell::new(),
        }
    }

    fn fallback(&self) -> Location {
        Location {
            source: format!("assessment of {}", self.assessment.organisation.name),
            line: 0,
            column: 0,
        }
    }

    fn key(&self, id: &str) -> Location {
        self.place(id, |(key, _)| key)
    }

    fn value(&self, id: &str) -> Location {
        self.place(id, |(_, value)| value)
    }

    fn place(&self, id: &str, pick: fn((usize, usize)) -> usize) -> Location {
        let (Some(origin), Some(source)) = (self.assessment.origin.as_ref(), &self.source) else {
            return self.fallback();
        };
        let places = self.answers.get_or_init(|| origin.answer_places());
        match places.get(id) {
            Some(&place) => source.locate(pick(place)),
            None => self.fallback(),
        }
    }

    /// Where a note's key stands, or the `[notes]` header.
    fn note(&self, id: &str) -> Location {
        let (Some(origin), Some(source)) = (self.assessment.origin.as_ref(), &self.source) else {
            return self.fallback();
        };
        match origin.note_places().get(id) {
            Some(&(key, _)) => source.locate(key),
            None => origin
                .notes()
                .map_or_else(|| source.whole(), |offset| source.locate(offset)),
        }
    }

    fn answers(&self) -> Location {
        let (Some(origin), Some(source)) = (self.assessment.origin.as_ref(), &self.source) else {
            return self.fallback();
        };
        origin
            .answers()
            .map_or_else(|| source.whole(), |offset| source.locate(offset))
    }

    fn unreadable(&self) -> &'a [String] {
        self.assessment
            .origin
            .as_ref()
            .map_or(&[], |o| &o.unreadable)
    }

    fn wrong_type(&self) -> &'a [(String, String)] {
        self.assessment
            .origin
            .as_ref()
            .map_or(&[], |o| &o.wrong_type)
    }
}
