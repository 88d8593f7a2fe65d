//! # koers
//!
//! Places a Dutch housing corporation (woningcorporatie) on the SEV positioning matrix,
//! from *vastgoed* to *sociaal* and from *verhuurder* via *voorzieningencorporatie* and
//! *wijkregisseur* to *emancipatiecorporatie*, from questionnaires written in TOML.
//!
//! The library does no I/O: it takes texts and values and returns plain serde types.
//! The documents are a [`Matrix`], an [`Instrument`] (the questionnaire), an
//! [`Assessment`] (one respondent's answers) and a [`Register`] (an organisation's wijken
//! and where each ladder practice ran, from records: [`Instrument::score_register`],
//! [`register_group`], [`wijk_positions`]). Scoring follows the reference method,
//! version 3 ([`Method`]; version 2 stays selectable with [`Instrument::score_with`]):
//! each section of the questionnaire is scored first; an axis that the instrument
//! declares a ladder (`[ladder]`) is placed by the ladder rule ([`Ladder`]: the band is
//! the highest rung clearly practised with every rung below it), any other axis is the
//! sections' mass-weighted mean; a position is sufficiently answered ("reliable") only
//! when every section is answered well enough; a group is the mean of its sufficiently
//! answered respondents, with an interval per axis that is Bonferroni-corrected over the
//! two axes; roles of fewer than three respondents are never shown apart; and every
//! score can be explained question by question or rung by rung.
//!
//! ```
//! use koers::{Assessment, Source, builtin};
//!
//! let text = r#"
//! instrument = "sev"
//! [organisation]
//! name = "Woonstichting De Dijk"
//! [assessment]
//! date = 2026-05-31
//! [answers]
//! beheerder = 4
//! nieuwe-huurder = 5
//! renovatie = 3
//! achteruitgang-inzet = 3
//! buurtgebouw = 6
//! huismeester = 5
//! buurtbeheerder = 3
//! overlast-casus = "unknown"
//! "#;
//! let assessment = Assessment::parse(&Source::new("de-dijk.toml", text))?;
//! let instrument = builtin::instrument(&assessment.instrument).expect("sev is built in");
//! let score = instrument.score(&assessment)?;
//!
//! // Each section is scored first. x: the verhuurder focus questions (4, 5 and 3 on a
//! // 1–5 scale: 0.75, 1 and 0.5) give 75; the wijkregie focus question (3: 0.5) gives 50;
//! // both sections weigh 3, so x = (3 × 75 + 3 × 50) / 6 = 62.5.
//! assert_eq!(score.x.score, Some(62.5));
//! // y is a ladder of three rungs (θ = 0.5, band B = 100 / 4 = 25). Extents: voorzieningen
//! // (6 and 5 on a 1–6 scale: 1 and 0.8) e₁ = 0.9; wijkregie (3: 0.4; the unknown question
//! // is left out) e₂ = 0.4; emancipatie, unanswered, e₃ = 0. So a = (0.9, 0.4, 0), one rung
//! // is clearly practised (L = 1), and y = 25 × 1 + 25 × 0.4 / 0.5 = 45.
//! let y = score.y.score.expect("a rung is answered");
//! assert!((y - 45.0).abs() < 1e-9);
//! let ladder = score.ladder.as_ref().expect("sev 2.1 declares a ladder");
//! assert_eq!(ladder.level, 1);
//! assert!(ladder.skipped.is_empty());
//! assert_eq!(score.region.as_ref().map(|r| r.id.as_str()), Some("voorzieningen-sociaal"));
//! assert_eq!(score.method, koers::Method::V3);
//! // But most sections are hardly answered, so the position is unreliable, and says why.
//! assert!(!score.is_reliable());
//! assert!(score.shortfalls().iter().any(|s| s.section == "emancipatie"));
//! # Ok::<(), koers::Invalid>(())
//! ```
//!
//! ## Results that can grow
//!
//! The results ([`Score`], [`Placement`], [`Group`], [`Stats`], the analyses' results
//! and the rest) are `#[non_exhaustive]`: a later version may add a field without
//! breaking a caller, so a caller reads them but does not build them (a few have a
//! constructor, such as [`OrganisationRef::new`]). Neither a literal nor an update of
//! another value compiles outside koers:
//!
//! ```compile_fail
//! fn grow(score: koers::Score) -> koers::Score {
//!     koers::Score { reliable: true, ..score }
//! }
//! ```
//! ```compile_fail
//! fn grow(placement: koers::Placement) -> koers::Placement {
//!     koers::Placement { reliable: true, ..placement }
//! }
//! ```
//! ```compile_fail
//! fn grow(group: koers::Group) -> koers::Group {
//!     koers::Group { reliable: true, ..group }
//! }
//! ```
//! ```compile_fail
//! fn grow(stats: koers::Stats) -> koers::Stats {
//!     koers::Stats { n: 1, ..stats }
//! }
//! ```
//! ```compile_fail
//! fn grow(profile: koers::analysis::Profile) -> koers::analysis::Profile {
//!     koers::analysis::Profile { skipped: Vec::new(), ..profile }
//! }
//! ```
//! ```compile_fail
//! fn grow(agenda: koers::analysis::Agenda) -> koers::analysis::Agenda {
//!     koers::analysis::Agenda { rwg: None, ..agenda }
//! }
//! ```
//! ```compile_fail
//! let by = koers::GroupBy::Role;
//! match by {
//!     koers::GroupBy::Organisation | koers::GroupBy::Role | koers::GroupBy::Respondent => {}
//! }
//! ```
//!
//! So is the method: a later version of koers may add a method version.
//!
//! ```compile_fail
//! let method = koers::Method::default();
//! match method {
//!     koers::Method::V2 | koers::Method::V3 => {}
//! }
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod aggregate;
pub mod analysis;
mod assessment;
pub mod builtin;
mod check;
mod date;
mod document;
mod dutch;
mod error;
mod instrument;
mod location;
pub mod markup;
mod matrix;
pub mod number;
mod register;
#[cfg(feature = "schema")]
pub mod schema;
mod scoring;
mod student;
mod text;
mod toml_doc;

pub use aggregate::{
    Aggregator, Excluded, Group, GroupBy, MIN_SUBGROUP, OTHER_ROLES, OrganisationRef, PerAxis,
    SectionMean, Stats, Trust, aggregate, trajectory,
};
pub use assessment::{Answer, Assessment, AssessmentInfo, Kind, Organisation};
pub use date::{Date, DateError};
pub use document::{Document, DocumentKind};
pub use error::{
    CountingFault, Error, IdKind, Invalid, LadderProblem, RegisterProblem, ScaleProblem, Warning,
};
pub use instrument::{
    CountStep, DEFAULT_THRESHOLD, Instrument, LadderRule, Loading, MAX_LOADING, MAX_WEIGHT,
    Question, Scale, Section, Unresolved,
};
pub use location::{Location, Source};
pub use matrix::{AXIS_MAX, AXIS_MIN, Axis, Band, Interval, Matrix, Point, Region};
pub use register::{
    AxisSource, PerceivedRung, Practice, Register, RegisterInfo, RegisterRef, RegisterScore,
    RegisteredGroup, Respondent, Wijk, WijkLadder, WijkPosition, WijkSource, register_group,
    wijk_positions,
};
pub use scoring::{
    AxisName, AxisScore, Contribution, InstrumentRef, LOW_COVERAGE, Ladder, Method, Placement,
    QuestionScore, RegionRef, Score, SectionAxis, SectionPart, SectionScore, Shortfall,
    UnknownMethod, is_low_coverage,
};
pub use text::{Lang, Text, UnknownWord};
pub use toml_doc::read_toml;
