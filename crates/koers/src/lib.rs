//! # koers
//!
//! Places a Dutch housing corporation (woningcorporatie) on the SEV positioning matrix,
//! from *vastgoed* to *sociaal* and from *verhuurder* via *voorzieningencorporatie* and
//! *wijkregisseur* to *emancipatiecorporatie*, from questionnaires written in TOML.
//!
//! The library does no I/O: it takes texts and values and returns plain serde types.
//! The three documents are a [`Matrix`], an [`Instrument`] (the questionnaire) and an
//! [`Assessment`] (one respondent's answers). Scoring follows the reference method of the
//! project's DOMAIN.md, and every score can be explained question by question.
//!
//! ```
//! use koers::{Assessment, Source, builtin};
//!
//! let text = r#"
//! instrument = "sev"
//! [organisation]
//! name = "Woonstichting De Dijk"
//! [assessment]
//! date = 2007-05-31
//! [answers]
//! nieuwbouw = 4
//! huisbezoek = 2
//! maatschappelijk-vastgoed = 3
//! buurtbeheer = 5
//! koopgarant = "unknown"
//! "#;
//! let assessment = Assessment::parse(&Source::new("de-dijk.toml", text))?;
//! let instrument = builtin::instrument(&assessment.instrument).expect("sev is built in");
//! let score = instrument.score(&assessment)?;
//!
//! // x: nieuwbouw pulls to vastgoed (loading -1, v = 0.75 -> 0.25), huisbezoek to sociaal
//! // (+1, v = 0.25), maatschappelijk vastgoed (-0.5, v = 0.5 -> 0.5), buurtbeheer (+1, v = 1):
//! // 100 * (0.25 + 0.25 + 0.25 + 1) / 3.5 = 50.
//! assert_eq!(score.x.score, Some(50.0));
//! // y: the two answered ladder questions, (0.5 + 1) / 2.
//! assert_eq!(score.y.score, Some(75.0));
//! assert_eq!(score.region.as_ref().map(|r| r.id.as_str()), Some("emancipatie-sociaal"));
//! assert!(!score.is_reliable(), "five answers cover little of the questionnaire");
//! # Ok::<(), koers::Invalid>(())
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod aggregate;
mod assessment;
pub mod builtin;
mod check;
mod date;
mod error;
mod instrument;
mod location;
mod matrix;
mod scoring;
mod student;
mod text;
mod toml_doc;

pub use aggregate::{
    Excluded, Group, GroupBy, OrganisationRef, PerAxis, SectionMean, Stats, aggregate, trajectory,
};
pub use assessment::{Answer, Assessment, AssessmentInfo, Kind, Organisation};
pub use date::{Date, DateError};
pub use error::{Error, Invalid, Warning};
pub use instrument::{Instrument, Loading, Question, Scale, Section};
pub use location::{Location, Source};
pub use matrix::{AXIS_MAX, AXIS_MIN, Axis, Band, Interval, Matrix, Point, Region};
pub use scoring::{
    AxisName, AxisScore, Contribution, InstrumentRef, LOW_COVERAGE, QuestionScore, RegionRef,
    Score, SectionAxis, SectionScore, Shortfall,
};
pub use text::{Lang, Text};
