//! Grouping scored assessments, per instrument, into the rows that `score`, `explain`
//! and `plot` show.

use crate::failure::Failure;
use crate::load::Scored;
use crate::messages::say;
use koers::{Aggregator, Date, Group, GroupBy, Instrument, Kind, Placement, Respondent, aggregate};
use std::collections::HashMap;
use std::sync::Arc;

pub use koers_report::Grouped;

/// Groups scores per instrument (scores of different instruments never mix), each with
/// the instrument's matrix. Instruments come in order of first appearance.
pub fn group(scored: Vec<Scored>, by: GroupBy) -> Vec<Grouped> {
    let mut parts: Vec<Grouped> = Vec::new();
    for Scored {
        score,
        instrument,
        file,
        ..
    } in scored
    {
        match parts
            .iter_mut()
            .find(|p| Arc::ptr_eq(&p.instrument, &instrument))
        {
            Some(part) => {
                part.scores.push(score);
                part.files.push(file);
            }
            None => parts.push(Grouped {
                instrument,
                groups: Vec::new(),
                scores: vec![score],
                files: vec![file],
            }),
        }
    }
    for part in &mut parts {
        part.groups = aggregate(&part.scores, by, &part.instrument.matrix);
    }
    parts
}

/// Groups scores as [`group`] does, and gives each organisation group that a register
/// serves the register's view ([`registered`]): its ladder and its position on the
/// ladder axis from the register, the other axis from its respondents. What `plot`,
/// `report`, `agenda` and `gap` show, so that they place a group where `score` does.
/// Groups by role or by respondent are no organisation's record and stay as they are.
pub fn group_registered(
    scored: Vec<Scored>,
    by: GroupBy,
    registers: &[(Arc<Instrument>, koers::RegisterScore)],
) -> Vec<Grouped> {
    let mut parts = group(scored, by);
    if by != GroupBy::Organisation || registers.is_empty() {
        return parts;
    }
    for part in &mut parts {
        let groups: Vec<Group> = part
            .groups
            .iter()
            .map(|g| registered(registers, part, g).map_or_else(|| g.clone(), |r| r.group))
            .collect();
        part.groups = groups;
    }
    parts
}

/// The wijken of each group of `part` that a register serves, each placed by its own
/// practices (y) and by the respondents whose werkgebied names it, or the group's (x), as
/// `score --by wijk` gives them. `part` is grouped by organisation.
pub fn wijken(
    registers: &[(Arc<Instrument>, koers::RegisterScore)],
    part: &Grouped,
    lang: koers::Lang,
) -> Vec<koers_report::Wijken> {
    wijk_maps(registers, part)
        .into_iter()
        .map(|(group, register, wijken)| koers_report::Wijken {
            organisation: group.organisation.id.clone(),
            period: koers_report::words::period(group, lang),
            date: register.register.register.date,
            wijken,
        })
        .collect()
}

/// Each group of `part` that a register serves, with that register and its wijken placed
/// as `score --by wijk` places them: what [`wijken`] gives the report and `plot --by wijk`
/// draws. `part` is grouped by organisation.
pub fn wijk_maps<'p>(
    registers: &'p [(Arc<Instrument>, koers::RegisterScore)],
    part: &'p Grouped,
) -> Vec<(
    &'p Group,
    &'p koers::RegisterScore,
    Vec<koers::WijkPosition>,
)> {
    part.groups
        .iter()
        .filter_map(|group| {
            let (register, respondents) = serving(registers, part, group)?;
            let wijken = koers::wijk_positions(
                register,
                &respondents,
                other_axis(group.position, register.axis),
                &part.instrument.matrix,
            );
            Some((group, register, wijken))
        })
        .collect()
}

/// The registers read for `instrument` (the same id and version): those that may serve
/// its groups.
pub fn registers_of<'r>(
    registers: &'r [(Arc<Instrument>, koers::RegisterScore)],
    instrument: &'r Instrument,
) -> impl Iterator<Item = &'r koers::RegisterScore> + Clone {
    registers
        .iter()
        .filter(move |(i, _)| i.id == instrument.id && i.version == instrument.version)
        .map(|(_, r)| r)
}

/// A position on the axis a register does not give (x when the register gives y): what
/// the respondents say there.
pub fn other_axis(position: Option<koers::Point>, axis: koers::AxisName) -> Option<f64> {
    position.map(|p| match axis {
        koers::AxisName::Y => p.x,
        koers::AxisName::X => p.y,
    })
}

/// The register that serves `group`, and the group's respondents as it reads them.
fn serving<'r>(
    registers: &'r [(Arc<Instrument>, koers::RegisterScore)],
    part: &'r Grouped,
    group: &Group,
) -> Option<(&'r koers::RegisterScore, Vec<Respondent>)> {
    let register = koers::Register::pick(registers_of(registers, &part.instrument), group)?;
    let respondents = group
        .members(&part.scores)
        .map(|(i, s)| Respondent::of_score(i, s, register.axis))
        .collect();
    Some((register, respondents))
}

/// The groups of one instrument, made without keeping the scores: what `score` shows.
pub struct Summary {
    /// The instrument (and through it the matrix) the scores belong to.
    pub instrument: Arc<Instrument>,
    /// The groups, sorted by organisation, kind, date.
    pub groups: Vec<Group>,
    /// The file of each respondent that may be left out (an unreliable one), by its
    /// index among this instrument's scores.
    left_out: HashMap<usize, String>,
    /// What a register needs of each respondent, when the instrument has a ladder.
    members: Vec<Member>,
}

/// One respondent as a register needs it: the group it belongs to and its score on the
/// axis that is not the ladder.
pub struct Member {
    organisation: String,
    kind: Kind,
    round: Option<String>,
    date: Date,
    respondent: Respondent,
}

impl Summary {
    /// The file of a respondent left out, by [`koers::Excluded::input`].
    pub fn file(&self, input: usize) -> &str {
        self.left_out.get(&input).map_or("", String::as_str)
    }

    /// The respondents of an organisation group, as a register needs them.
    pub fn respondents_of(&self, group: &Group) -> Vec<Respondent> {
        self.members
            .iter()
            .filter(|m| {
                m.organisation == group.organisation.id
                    && m.kind == group.kind
                    && match &group.round {
                        Some(round) => m.round.as_ref() == Some(round),
                        None => m.round.is_none() && m.date == group.date,
                    }
            })
            .map(|m| m.respondent.clone())
            .collect()
    }
}

/// Groups placements per instrument as they come, as [`group`] does with scores, keeping
/// running sums instead of the scores: the groups are the same, to the last bit.
pub struct Summaries {
    by: GroupBy,
    parts: Vec<Part>,
}

/// One instrument's aggregator, how many scores it took, and the files of those that may
/// be left out.
type Part = (
    Arc<Instrument>,
    Aggregator,
    usize,
    HashMap<usize, String>,
    Vec<Member>,
);

impl Summaries {
    /// No scores yet.
    pub fn new(by: GroupBy) -> Self {
        Summaries {
            by,
            parts: Vec::new(),
        }
    }

    /// Adds one placement; instruments come in order of first appearance.
    pub fn push(&mut self, scored: Scored<Placement>) {
        let index = match self
            .parts
            .iter()
            .position(|(instrument, ..)| Arc::ptr_eq(instrument, &scored.instrument))
        {
            Some(index) => index,
            None => {
                self.parts.push((
                    Arc::clone(&scored.instrument),
                    Aggregator::new(self.by),
                    0,
                    HashMap::new(),
                    Vec::new(),
                ));
                self.parts.len() - 1
            }
        };
        let (instrument, aggregator, inputs, left_out, members) = &mut self.parts[index];
        if let Some(ladder) = &instrument.ladder {
            let info = &scored.score.assessment;
            members.push(Member {
                organisation: scored.score.organisation.key().to_string(),
                kind: info.kind,
                round: info.round.clone(),
                date: info.date,
                respondent: Respondent::of(*inputs, &scored.score, ladder.axis),
            });
        }
        if !scored.score.is_reliable() {
            left_out.insert(*inputs, scored.file);
        }
        *inputs += 1;
        aggregator.push_placement(&scored.score);
    }

    /// The groups of each instrument.
    pub fn finish(self) -> Vec<Summary> {
        self.parts
            .into_iter()
            .map(|(instrument, aggregator, _, left_out, members)| Summary {
                groups: aggregator.finish(&instrument.matrix),
                instrument,
                left_out,
                members,
            })
            .collect()
    }
}

/// The one instrument of a picture: a picture has one matrix.
pub fn single(parts: Vec<Grouped>) -> Result<Grouped, Failure> {
    let mut parts = parts.into_iter();
    let first = parts.next().ok_or_else(|| {
        Failure::Unsupported(
            say(
                "geen ingevulde vragenlijsten gevonden om te tonen",
                "no assessments found to show",
            )
            .into(),
        )
    })?;
    if let Some(other) = parts.next() {
        let (a, b) = (&first.instrument.id, &other.instrument.id);
        return Err(Failure::Unsupported(say(
            format!(
                "de ingevulde vragenlijsten gebruiken twee instrumenten (`{a}` en `{b}`): één plaatje toont één instrument; teken ze apart"
            ),
            format!(
                "the assessments use two instruments (`{a}` and `{b}`): one picture shows one instrument; plot them apart"
            ),
        )));
    }
    Ok(first)
}

/// The register's view of `group` when one of `registers` serves it (same instrument,
/// organisation and round, or the twelve months before its date).
pub fn registered(
    registers: &[(Arc<Instrument>, koers::RegisterScore)],
    part: &Grouped,
    group: &Group,
) -> Option<koers::RegisteredGroup> {
    let (register, respondents) = serving(registers, part, group)?;
    Some(koers::register_group(
        group,
        &respondents,
        register,
        &part.instrument.matrix,
    ))
}

/// A difference with two decimals and its sign, "+0,25"; "0,00" without one.
fn signed_or_zero(d: f64, lang: koers::Lang) -> String {
    koers::number::signed(d, 2, lang)
}

/// The staff's own view per rung ("zelfbeeld") beside the register, as lines of text.
pub fn perception_text(registered: &koers::RegisteredGroup, lang: koers::Lang) -> String {
    use std::fmt::Write as _;
    let nl = lang == koers::Lang::Nl;
    let r = &registered.register;
    let mut out = String::new();
    let source = r
        .source
        .as_deref()
        .map(|s| format!(", {s}"))
        .unwrap_or_default();
    let position = registered.group.position;
    let _ = writeln!(
        out,
        "{} ({}{source}): y = {} {}; x = {} {}",
        if nl { "Registratie" } else { "Register" },
        r.date,
        koers::number::or_none(position.map(|p| p.y), 1, lang),
        if nl {
            "uit de registratie"
        } else {
            "from the register"
        },
        koers::number::or_none(position.map(|p| p.x), 1, lang),
        if nl {
            "uit de antwoorden"
        } else {
            "from the answers"
        },
    );
    let _ = writeln!(
        out,
        "  {:<16} {:>9} {:>11} {:>8}",
        if nl { "trede" } else { "rung" },
        "zelfbeeld",
        if nl { "registratie" } else { "register" },
        if nl { "verschil" } else { "difference" },
    );
    for rung in &registered.perception {
        let _ = writeln!(
            out,
            "  {:<16} {:>9} {:>11} {:>8}",
            rung.rung,
            koers::number::or_none(rung.zelfbeeld, 2, lang),
            koers::number::fixed(rung.register, 2, lang),
            // A difference that rounds to nothing is not "-0.00" (signed leaves it bare).
            rung.difference
                .map_or("–".to_string(), |d| signed_or_zero(d, lang)),
        );
    }
    out
}
