//! The groups of one instrument with the scores they were made from: what a report is
//! composed of.

use koers::{Group, Instrument, Score};
use std::sync::Arc;

/// The groups of one instrument, with the scores they were made from.
pub struct Grouped {
    /// The instrument (and through it the matrix) the scores belong to.
    pub instrument: Arc<Instrument>,
    /// The groups, sorted by organisation, kind, date.
    pub groups: Vec<Group>,
    /// The scores, in input order.
    pub scores: Vec<Score>,
    /// The file of each score, as messages name it.
    pub files: Vec<String>,
}

impl Grouped {
    /// The scores that make up `group`'s position: its members less those left out
    /// ([`Group::counted`]).
    pub fn counted<'a>(&'a self, group: &'a Group) -> impl Iterator<Item = &'a Score> {
        group.counted(&self.scores)
    }
}
