//! The register: a record of an organisation's wijken and, per ladder practice, the
//! wijken where it ran in the twelve months before its date. A group with a register
//! takes its ladder extents from it, and each wijk gets a rung of its own.

use crate::aggregate::MIN_SUBGROUP;
use crate::error::{RegisterProblem, nearest};
use crate::scoring::locate;
use crate::toml_doc::{Tree, fields_of};
use crate::{
    Answer, Assessment, AssessmentInfo, AxisName, AxisScore, CountStep, Date, Error, Group,
    Instrument, Invalid, Kind, Ladder, Location, Matrix, Organisation, PerAxis, Placement, Point,
    RegionRef, Score, Source, Stats,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use toml::Spanned;

/// One organisation's register: its wijken with their homes, and per ladder question the
/// wijken where the practice ran in the twelve months before the date (a koers register
/// file). A ladder question it does not list is not recorded ("weet niet").
///
/// ```
/// use koers::{Register, Source, builtin};
///
/// let text = r#"
/// instrument = "sev"
/// [organisation]
/// name = "De Dijk"
/// [register]
/// date = 2026-03-01
/// [[wijken]]
/// id = "centrum"
/// name = "Centrum"
/// homes = 1200
/// [[wijken]]
/// id = "noord"
/// name = "Noord"
/// homes = 800
/// [practices]
/// buurtgebouw = ["centrum", "noord"]
/// huismeester = ["centrum"]
/// "#;
/// let register = Register::parse(&Source::new("register.toml", text))?;
/// let sev = builtin::instrument("sev").unwrap();
/// let scored = sev.score_register(&register)?;
/// // In 2 of 2 wijken (100 %): point 6; in 1 of 2 (50 %): point 4.
/// assert_eq!(scored.practices[0].answer, 6);
/// assert_eq!(scored.practices[1].answer, 4);
/// # Ok::<(), koers::Invalid>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Register {
    /// The instrument whose ladder questions the practices are.
    pub instrument: String,
    /// Whose wijken these are.
    pub organisation: Organisation,
    /// The date, round and source.
    pub register: RegisterInfo,
    /// The wijken (or kernen), in the file's order.
    pub wijken: Vec<Wijk>,
    /// Per ladder question id, the ids of the wijken where it ran.
    pub practices: BTreeMap<String, Vec<String>>,
    #[serde(skip)]
    origin: Option<Origin>,
}

/// When a register was drawn up, for which round, and from what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterInfo {
    /// The date: the practices are those of the twelve months before it.
    pub date: Date,
    /// The survey round it belongs to, as in assessments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// Where the records come from, e.g. "Wijkfactsheets 2025".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A wijk (or kern) of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wijk {
    /// A short id, used in `[practices]` and in `werkgebied`.
    pub id: String,
    /// The name.
    pub name: String,
    /// The organisation's homes in it.
    pub homes: u64,
}

/// Where the practices stand in the file, for messages that need the instrument.
#[derive(Debug, Clone, PartialEq)]
struct Origin {
    name: Arc<str>,
    text: Arc<str>,
    instrument: usize,
    /// Per practice key, the offset of the key.
    practices: BTreeMap<String, usize>,
}

impl Register {
    /// Parses a register and checks what needs no instrument: at least one wijk, no
    /// duplicate wijk id, homes a positive whole number, every wijk named in
    /// `[practices]` listed (with the nearest id when one is close) and named once.
    /// [`Instrument::score_register`] checks the practices against the instrument.
    pub fn parse(source: &Source<'_>) -> Result<Register, Invalid> {
        Tree::parse(source)?.into_register()
    }

    pub(crate) fn from_document(mut document: Tree<'_>) -> Result<Register, Invalid> {
        // A misspelt key or table is reported with the file's other problems, not alone
        // (serde would stop at it); one whose nearest key is absent is read as that key
        // (`[regsiter]`, `hoems = …`), so that what it holds is checked too.
        let mut errors = document.take_unknown_keys("", fields_of::<RawRegister>(), TABLES);
        errors.extend(document.take_unknown_keys("organisation", fields_of::<Organisation>(), &[]));
        errors.extend(document.take_unknown_keys("register", fields_of::<RawInfo>(), &[]));
        errors.extend(document.take_unknown_keys("wijken", fields_of::<RawWijk>(), &[]));
        let (source, raw) = document.into_typed::<RawRegister>();
        let raw = match raw {
            Ok(raw) => raw,
            Err(mut invalid) => {
                invalid.errors.extend(errors);
                return Err(Invalid::new(invalid.errors));
            }
        };
        // A bad date stops nothing either: the wijken and practices are checked with it
        // (the placeholder never leaves: any error refuses the register below).
        let date = crate::assessment::read_located_date(source, &raw.register.date).unwrap_or_else(
            |error| {
                errors.push(error);
                Date::FIRST_OF_YEAR_ONE
            },
        );
        let problem = |at: std::ops::Range<usize>, problem| Error::InvalidRegister {
            location: source.locate_span(at),
            problem,
        };
        let raw_wijken = raw.wijken.map(Spanned::into_inner).unwrap_or_default();
        if raw_wijken.is_empty() {
            errors.push(Error::InvalidRegister {
                location: source.whole(),
                problem: RegisterProblem::NoWijken,
            });
        }
        let mut wijken: Vec<Wijk> = Vec::new();
        let mut firsts: BTreeMap<String, Location> = BTreeMap::new();
        for wijk in raw_wijken {
            let id = wijk.id.get_ref().clone();
            if let Some(first) = firsts.get(&id) {
                errors.push(problem(
                    wijk.id.span(),
                    RegisterProblem::DuplicateWijk {
                        id,
                        first: first.clone(),
                    },
                ));
                continue;
            }
            firsts.insert(id.clone(), source.locate_span(wijk.id.span()));
            let homes = match wijk.homes.get_ref() {
                toml::Value::Integer(n) if *n > 0 => *n as u64,
                other => {
                    errors.push(problem(
                        wijk.homes.span(),
                        RegisterProblem::Homes {
                            wijk: id.clone(),
                            found: other.to_string(),
                        },
                    ));
                    0
                }
            };
            wijken.push(Wijk {
                id,
                name: wijk.name,
                homes,
            });
        }
        let ids: Vec<&str> = wijken.iter().map(|w| w.id.as_str()).collect();
        let mut practices = BTreeMap::new();
        let mut places = BTreeMap::new();
        for (key, ran) in raw.practices.unwrap_or_default() {
            let practice = key.get_ref().clone();
            let mut named: Vec<String> = Vec::new();
            for wijk in ran.into_inner() {
                let id = wijk.get_ref().clone();
                if !ids.contains(&id.as_str()) {
                    errors.push(problem(
                        wijk.span(),
                        RegisterProblem::UnknownWijk {
                            practice: practice.clone(),
                            suggestion: nearest(&id, &ids),
                            wijk: id,
                        },
                    ));
                } else if named.contains(&id) {
                    errors.push(problem(
                        wijk.span(),
                        RegisterProblem::WijkTwice {
                            practice: practice.clone(),
                            wijk: id,
                        },
                    ));
                } else {
                    named.push(id);
                }
            }
            places.insert(practice.clone(), key.span().start);
            practices.insert(practice, named);
        }
        if !errors.is_empty() {
            return Err(Invalid::new(errors));
        }
        Ok(Register {
            instrument: raw.instrument.get_ref().clone(),
            organisation: raw.organisation,
            register: RegisterInfo {
                date,
                round: raw.register.round,
                source: raw.register.source,
            },
            wijken,
            practices,
            origin: Some(Origin {
                name: source.name().into(),
                text: source.text().into(),
                instrument: raw.instrument.span().start,
                practices: places,
            }),
        })
    }

    /// Where a practice's key stands (or the instrument line, or for a register built in
    /// code a location that names the organisation).
    fn place(&self, practice: Option<&str>) -> Location {
        let Some(origin) = &self.origin else {
            return Location {
                source: format!("register of {}", self.organisation.name),
                line: 0,
                column: 0,
            };
        };
        let source = Source::new(&*origin.name, &*origin.text);
        let offset = practice
            .and_then(|p| origin.practices.get(p).copied())
            .unwrap_or(origin.instrument);
        source.locate(offset)
    }

    /// Whether this register serves a current group of its organisation: of the same
    /// round, or (for a group without a round, or when no register names the round)
    /// dated in the twelve months up to the group's date.
    pub fn serves(&self, group: &Group) -> bool {
        self.serves_at(
            &group.organisation.id,
            group.kind,
            group.round.as_deref(),
            group.date,
        )
    }

    /// Whether this register serves the group of an assessment of `organisation` (its
    /// id), `kind`, `round` and `date`, as [`Register::serves`] says of the group.
    pub fn serves_at(
        &self,
        organisation: &str,
        kind: Kind,
        round: Option<&str>,
        date: Date,
    ) -> bool {
        kind == Kind::Current
            && organisation == self.organisation.key()
            && (self.same_round_as(round) || self.recent_for(date))
    }

    fn same_round(&self, group: &Group) -> bool {
        self.same_round_as(group.round.as_deref())
    }

    fn same_round_as(&self, round: Option<&str>) -> bool {
        round.is_some() && round == self.register.round.as_deref()
    }

    fn recent_for(&self, date: Date) -> bool {
        let year_before = Date::new(
            date.year().saturating_sub(1),
            date.month(),
            date.day().min(28),
        )
        .unwrap_or(date);
        self.register.date <= date && self.register.date >= year_before
    }

    /// The register that serves `group` among `registers`: one of its round, else the
    /// latest dated at most twelve months before its date.
    pub fn pick<'r, I>(registers: I, group: &Group) -> Option<&'r RegisterScore>
    where
        I: IntoIterator<Item = &'r RegisterScore>,
        I::IntoIter: Clone,
    {
        let serving = registers.into_iter().filter(|r| r.register.serves(group));
        let mut same_round = serving.clone().filter(|r| r.register.same_round(group));
        same_round
            .next()
            .or_else(|| serving.max_by_key(|r| r.register.register.date))
    }

    /// The register that serves the group of an assessment of `organisation`, `kind`,
    /// `round` and `date`, as [`Register::pick`] chooses it for the group: one of its
    /// round, else the latest dated at most twelve months before its date.
    pub fn pick_at<'r, I>(
        registers: I,
        organisation: &str,
        kind: Kind,
        round: Option<&str>,
        date: Date,
    ) -> Option<&'r RegisterScore>
    where
        I: IntoIterator<Item = &'r RegisterScore>,
        I::IntoIter: Clone,
    {
        let serving = registers
            .into_iter()
            .filter(|r| r.register.serves_at(organisation, kind, round, date));
        let mut same_round = serving.clone().filter(|r| r.register.same_round_as(round));
        same_round
            .next()
            .or_else(|| serving.max_by_key(|r| r.register.register.date))
    }
}

impl Tree<'_> {
    /// Reads the document as a register, as [`Register::parse`] does with its text.
    pub(crate) fn into_register(self) -> Result<Register, Invalid> {
        Register::from_document(self)
    }
}

/// One practice as the register counts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    /// The ladder question id.
    pub id: String,
    /// Its rung section.
    pub rung: String,
    /// In how many wijken it ran.
    pub count: usize,
    /// Of how many wijken.
    pub of: usize,
    /// The answer the counting rule gives, a point on the question's scale.
    pub answer: i64,
}

/// A register turned into the instrument's own answers and placed on the ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegisterScore {
    /// The register.
    pub register: Register,
    /// The ladder's axis.
    pub axis: AxisName,
    /// Every recorded practice with its count and answer, in questionnaire order.
    pub practices: Vec<Practice>,
    /// The ladder rule's steps on the register's answers; `None` when it records no
    /// practice.
    pub ladder: Option<Ladder>,
    /// The position on the ladder axis; `None` when it records no practice.
    pub score: Option<f64>,
    /// The recorded share of the ladder's mass, 0–1.
    pub coverage: f64,
    /// Whether every rung has at least 60 % of its mass recorded.
    pub reliable: bool,
    /// Each wijk on the ladder by its own practices.
    pub wijken: Vec<WijkLadder>,
}

/// One wijk on the ladder: e_k(w) is the share of rung k's recorded practices that ran in
/// it (weighted as the questions are).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WijkLadder {
    /// The wijk.
    pub wijk: Wijk,
    /// The ladder rule's steps; `None` when the register records no practice.
    pub ladder: Option<Ladder>,
    /// The wijk's position on the ladder axis.
    pub score: Option<f64>,
}

impl Instrument {
    /// The counting rule of a rung question: the instrument's own (`counting` in
    /// `[ladder]`), or the built-in rule of the 1–6 `wijken` scale.
    pub fn counting_for(&self, question: &crate::Question) -> Option<&[CountStep]> {
        let rule = self.ladder.as_ref()?;
        if !rule.counting.is_empty() {
            return Some(&rule.counting);
        }
        let scale = self.scale_of(question)?;
        (question.scale == "wijken" && scale.min == 1 && scale.max == 6)
            .then_some(CountStep::WIJKEN)
    }

    /// Checks a register against this instrument (every practice a ladder question with a
    /// counting rule) and turns it into answers: a practice that ran in c of the N wijken
    /// gets the point of the counting rule; the ladder rule places the register, and each
    /// wijk by the share of each rung's recorded practices that ran in it.
    pub fn score_register(&self, register: &Register) -> Result<RegisterScore, Invalid> {
        let Some(rule) = &self.ladder else {
            return Err(Invalid::one(Error::InvalidRegister {
                location: register.place(None),
                problem: RegisterProblem::NoLadder {
                    instrument: self.id.clone(),
                },
            }));
        };
        let rung_of = |id: &str| {
            self.sections
                .iter()
                .find(|s| s.questions.iter().any(|q| q.id == id))
        };
        let ladder_ids: Vec<&str> = self
            .sections
            .iter()
            .filter(|s| rule.rungs.contains(&s.id))
            .flat_map(|s| s.questions.iter().map(|q| q.id.as_str()))
            .collect();
        let mut errors = Vec::new();
        for id in register.practices.keys() {
            let location = register.place(Some(id));
            match rung_of(id) {
                None => errors.push(Error::InvalidRegister {
                    location,
                    problem: RegisterProblem::UnknownPractice {
                        id: id.clone(),
                        suggestion: nearest(id, &ladder_ids),
                    },
                }),
                Some(section) if !rule.rungs.contains(&section.id) => {
                    errors.push(Error::InvalidRegister {
                        location,
                        problem: RegisterProblem::NotLadder {
                            id: id.clone(),
                            section: section.id.clone(),
                        },
                    })
                }
                Some(_) => {
                    let question = self.question(id).expect("found above");
                    if self.counting_for(question).is_none() {
                        errors.push(Error::InvalidRegister {
                            location,
                            problem: RegisterProblem::NoCounting {
                                question: id.clone(),
                                scale: question.scale.clone(),
                            },
                        });
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(Invalid::new(errors));
        }
        let of = register.wijken.len();
        let mut practices = Vec::new();
        for (section, question) in self.questions() {
            let Some(ran) = register.practices.get(&question.id) else {
                continue;
            };
            let (Some(steps), Some(scale)) = (self.counting_for(question), self.scale_of(question))
            else {
                continue;
            };
            practices.push(Practice {
                id: question.id.clone(),
                rung: section.id.clone(),
                count: ran.len(),
                of,
                answer: CountStep::answer(steps, scale.min, ran.len(), of),
            });
        }
        let answers = practices
            .iter()
            .map(|p| (p.id.clone(), Answer::Point(p.answer)))
            .collect();
        let score = self.score(&register.as_assessment(answers))?;
        let axis = rule.axis;
        let axis_score = pick(&score.x, &score.y, axis);
        let reliable =
            axis_score.score.is_some() && score.shortfalls().iter().all(|s| s.axis != axis);
        let mut wijken = Vec::new();
        for wijk in &register.wijken {
            let answers = practices
                .iter()
                .filter_map(|p| {
                    let scale = self.scale_of(self.question(&p.id)?)?;
                    let ran = register.practices[&p.id].contains(&wijk.id);
                    Some((
                        p.id.clone(),
                        Answer::Point(if ran { scale.max } else { scale.min }),
                    ))
                })
                .collect();
            let own = self.score(&register.as_assessment(answers))?;
            wijken.push(WijkLadder {
                wijk: wijk.clone(),
                score: pick(&own.x, &own.y, axis).score,
                ladder: own.ladder,
            });
        }
        Ok(RegisterScore {
            register: register.clone(),
            axis,
            practices,
            score: axis_score.score,
            coverage: axis_score.coverage,
            ladder: score.ladder,
            reliable,
            wijken,
        })
    }
}

impl Register {
    /// The register's answers as an assessment of its organisation at its date.
    fn as_assessment(&self, answers: BTreeMap<String, Answer>) -> Assessment {
        let mut info = AssessmentInfo::new(self.register.date, Kind::Current);
        info.round = self.register.round.clone();
        Assessment::new(
            self.instrument.clone(),
            self.organisation.clone(),
            info,
            answers,
        )
    }
}

fn pick<T: Copy>(x: &T, y: &T, axis: AxisName) -> T {
    match axis {
        AxisName::X => *x,
        AxisName::Y => *y,
    }
}

/// What a group with a register needs of one respondent: the score on the axis that is
/// not the ladder, whether that axis is sufficiently answered, and the werkgebied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Respondent {
    /// The respondent's index among the scores aggregated ([`crate::Excluded::input`]).
    pub input: usize,
    /// The score on the other axis (x for a ladder on y).
    pub score: Option<f64>,
    /// Whether every section on that axis is sufficiently answered.
    pub reliable: bool,
    /// The wijken the respondent answers for.
    pub werkgebied: Vec<String>,
}

impl Respondent {
    /// The respondent of a placement, for a ladder on `ladder`.
    pub fn of(input: usize, placement: &Placement, ladder: AxisName) -> Respondent {
        Respondent::from_parts(
            input,
            (placement.x, placement.y),
            &placement.shortfalls(),
            &placement.assessment,
            ladder,
        )
    }

    /// The respondent of a score, for a ladder on `ladder`.
    pub fn of_score(input: usize, score: &Score, ladder: AxisName) -> Respondent {
        Respondent::from_parts(
            input,
            (score.x, score.y),
            &score.shortfalls(),
            &score.assessment,
            ladder,
        )
    }

    fn from_parts(
        input: usize,
        (x, y): (AxisScore, AxisScore),
        shortfalls: &[crate::Shortfall],
        info: &AssessmentInfo,
        ladder: AxisName,
    ) -> Respondent {
        let other = other_axis(ladder);
        let axis = pick(&x, &y, other);
        Respondent {
            input,
            score: axis.score,
            reliable: axis.score.is_some() && shortfalls.iter().all(|s| s.axis != other),
            werkgebied: info.werkgebied.clone(),
        }
    }
}

fn other_axis(axis: AxisName) -> AxisName {
    match axis {
        AxisName::X => AxisName::Y,
        AxisName::Y => AxisName::X,
    }
}

/// Where an axis of a group's position came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "lowercase")]
#[non_exhaustive]
pub enum AxisSource {
    /// The mean of the respondents' scores.
    Respondents,
    /// The register's records (no interval: a record is not a sample).
    Register,
}

/// The register a group's ladder came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegisterRef {
    /// Its date.
    pub date: Date,
    /// Its round, if it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// Where its records come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One rung as the respondents see it ("zelfbeeld") beside the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PerceivedRung {
    /// The rung section.
    pub rung: String,
    /// The respondents' mean extent, 0–1; `None` when none answered the rung.
    pub zelfbeeld: Option<f64>,
    /// The register's extent, 0–1.
    pub register: f64,
    /// zelfbeeld − register: above zero, the staff see more than the records show.
    pub difference: Option<f64>,
}

/// A group whose ladder comes from a register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegisteredGroup {
    /// The group: its position, region, ladder and interval rectangle as the register and
    /// the respondents give them (the ladder axis's statistics are `None`).
    pub group: Group,
    /// Where each axis came from.
    pub axes: PerAxis<AxisSource>,
    /// The register used.
    pub register: RegisterRef,
    /// Per rung, the respondents' own extents beside the register's.
    pub perception: Vec<PerceivedRung>,
}

/// A group with a register (method version 3, step 8): its ladder extents and its
/// position on the ladder axis come from the register; the other axis, its spread and
/// interval from the respondents who answered it sufficiently (all who answered it when
/// none did). The ladder axis has no interval, so whether the region is fixed depends on
/// the other axis alone. `respondents` are the group's members ([`Group::members`]).
pub fn register_group(
    group: &Group,
    respondents: &[Respondent],
    register: &RegisterScore,
    matrix: &Matrix,
) -> RegisteredGroup {
    let axis = register.axis;
    let reliable_ones: Vec<&Respondent> = respondents.iter().filter(|r| r.reliable).collect();
    let any_reliable = !reliable_ones.is_empty();
    let counted: Vec<&Respondent> = if any_reliable {
        reliable_ones
    } else {
        respondents.iter().filter(|r| r.score.is_some()).collect()
    };
    let values: Vec<f64> = counted.iter().filter_map(|r| r.score).collect();
    let stats = Stats::of_with(&values, group.method);
    let at = |other: f64, ladder: f64| match axis {
        AxisName::Y => Point {
            x: other,
            y: ladder,
        },
        AxisName::X => Point {
            x: ladder,
            y: other,
        },
    };
    let position = stats
        .zip(register.score)
        .map(|(s, ladder)| at(s.mean, ladder));
    let (region, margin) = locate(matrix, position);
    let fixed = match (stats.and_then(|s| s.interval), register.score, &region) {
        (Some(interval), Some(ladder), Some(region)) => {
            let inside = |p: Point| matrix.region_at(p).is_some_and(|r| r.id == region.id);
            Some(inside(at(interval.low, ladder)) && inside(at(interval.high, ladder)))
        }
        _ => None,
    };
    let mut out = group.clone();
    out.position = position;
    out.region = region;
    out.margin = margin;
    out.fixed = fixed;
    out.reliable = any_reliable && register.reliable;
    out.points = match register.score {
        Some(ladder) => values.iter().map(|&v| at(v, ladder)).collect(),
        None => Vec::new(),
    };
    out.excluded = group
        .excluded
        .iter()
        .filter(|e| {
            any_reliable
                && respondents
                    .iter()
                    .any(|r| r.input == e.input && !r.reliable)
        })
        .cloned()
        .map(|mut e| {
            e.shortfalls.retain(|s| s.axis != axis);
            e
        })
        .collect();
    let spread = stats.and_then(|s| s.sd);
    match axis {
        AxisName::Y => {
            out.stats = PerAxis { x: stats, y: None };
            out.spread = PerAxis { x: spread, y: None };
            out.coverage.y = register.coverage;
        }
        AxisName::X => {
            out.stats = PerAxis { x: None, y: stats };
            out.spread = PerAxis { x: None, y: spread };
            out.coverage.x = register.coverage;
        }
    }
    out.ladder = register.ladder.clone();
    let perception = register
        .ladder
        .iter()
        .flat_map(|ladder| ladder.rungs.iter().zip(&ladder.extents))
        .enumerate()
        .map(|(k, (rung, &extent))| {
            let zelfbeeld = group
                .ladder
                .as_ref()
                .and_then(|l| l.extents.get(k))
                .copied();
            PerceivedRung {
                rung: rung.clone(),
                zelfbeeld,
                register: extent,
                difference: zelfbeeld.map(|z| z - extent),
            }
        })
        .collect();
    let (ladder_source, other_source) = (AxisSource::Register, AxisSource::Respondents);
    RegisteredGroup {
        group: out,
        axes: match axis {
            AxisName::Y => PerAxis {
                x: other_source,
                y: ladder_source,
            },
            AxisName::X => PerAxis {
                x: ladder_source,
                y: other_source,
            },
        },
        register: RegisterRef {
            date: register.register.register.date,
            round: register.register.register.round.clone(),
            source: register.register.register.source.clone(),
        },
        perception,
    }
}

/// Where a wijk's score on the other axis came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "lowercase")]
pub enum WijkSource {
    /// The mean of the respondents whose werkgebied names the wijk (at least three).
    Werkgebied {
        /// How many.
        n: usize,
    },
    /// Fewer than three respondents name it: the group's score, marked as such.
    Organisation,
}

/// One wijk's position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WijkPosition {
    /// The wijk.
    pub wijk: Wijk,
    /// Its ladder by its own practices.
    pub ladder: Option<Ladder>,
    /// The position: the ladder axis from the register, the other from the respondents.
    pub position: Option<Point>,
    /// Where the other axis came from.
    pub source: WijkSource,
    /// The region of the position.
    pub region: Option<RegionRef>,
}

/// Each wijk of a register as a point (method version 3, step 8): its ladder position by
/// the share of each rung's recorded practices that ran in it; its other axis the mean of
/// the respondents whose werkgebied names it when at least [`MIN_SUBGROUP`] do (privacy),
/// else the group's (`group_score`), marked [`WijkSource::Organisation`].
pub fn wijk_positions(
    register: &RegisterScore,
    respondents: &[Respondent],
    group_score: Option<f64>,
    matrix: &Matrix,
) -> Vec<WijkPosition> {
    let usable: Vec<&Respondent> = if respondents.iter().any(|r| r.reliable) {
        respondents.iter().filter(|r| r.reliable).collect()
    } else {
        respondents.iter().collect()
    };
    register
        .wijken
        .iter()
        .map(|w| {
            let own: Vec<f64> = usable
                .iter()
                .filter(|r| r.werkgebied.contains(&w.wijk.id))
                .filter_map(|r| r.score)
                .collect();
            let (other, source) = if own.len() >= MIN_SUBGROUP {
                (
                    Some(own.iter().sum::<f64>() / own.len() as f64),
                    WijkSource::Werkgebied { n: own.len() },
                )
            } else {
                (group_score, WijkSource::Organisation)
            };
            let position = other.zip(w.score).map(|(o, l)| match register.axis {
                AxisName::Y => Point { x: o, y: l },
                AxisName::X => Point { x: l, y: o },
            });
            let (region, _) = locate(matrix, position);
            WijkPosition {
                wijk: w.wijk.clone(),
                ladder: w.ladder.clone(),
                position,
                source,
                region,
            }
        })
        .collect()
}

// The file shape; the JSON Schema (feature `schema`) describes it too.

/// An organisation's wijken and the wijken where each ladder practice ran (a koers
/// register file).
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "koers register"))]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRegister {
    /// The instrument whose ladder questions `[practices]` names: a built-in id such as
    /// `sev`, or the path of an instrument file relative to this file.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    instrument: Spanned<String>,
    /// Whose wijken these are: the same name and id as in the assessments.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::assessment::RawOrganisation")
    )]
    organisation: Organisation,
    /// When the register was drawn up and from what.
    register: RawInfo,
    /// The wijken (or kernen), each with id, name and homes.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawWijk>", length(min = 1)))]
    wijken: Option<Spanned<Vec<RawWijk>>>,
    /// Per ladder question id, the ids of the wijken where the practice ran in the twelve
    /// months before the date; `[]`: it ran nowhere. A ladder question not listed is not
    /// recorded ("weet niet").
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<BTreeMap<String, Vec<String>>>")
    )]
    practices: Option<BTreeMap<Spanned<String>, SpannedIds>>,
}

/// The top-level keys of a register that hold a table or an array of tables.
const TABLES: &[&str] = &["organisation", "register", "wijken", "practices"];

/// A list of ids, each and the whole with its place.
type SpannedIds = Spanned<Vec<Spanned<String>>>;

/// When the register was drawn up, for which round, and from what.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RegisterInfo"))]
#[serde(deny_unknown_fields)]
struct RawInfo {
    /// The date: the practices are those of the twelve months before it.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateValue"))]
    date: Spanned<toml::Value>,
    /// The survey round it belongs to, e.g. `2026-voorjaar`.
    #[serde(default)]
    round: Option<String>,
    /// Where the records come from, e.g. "Wijkfactsheets 2025; prestatieafspraken 2026".
    #[serde(default)]
    source: Option<String>,
}

/// A wijk (or kern).
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Wijk"))]
#[serde(deny_unknown_fields)]
struct RawWijk {
    /// A short id, used in `[practices]` and in an assessment's `werkgebied`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    id: Spanned<String>,
    /// The name.
    name: String,
    /// The organisation's homes in it, a positive whole number.
    #[cfg_attr(feature = "schema", schemars(with = "u64", range(min = 1)))]
    homes: Spanned<toml::Value>,
}
