//! `--map FILE`: a hand-made mapping for an export that koers cannot read on its own,
//! such as a survey whose questions were reworded or whose answers are codes.
//!
//! ```toml
//! respondent = "Deelnemer"          # the column with respondent codes
//! role = "Afdeling"                 # the column with roles
//! date = "Ingevuld op"              # the column with dates
//! skip = ["Opmerkingen"]            # columns to pass over
//! [columns]                         # header = question id
//! "Hoe vaak was er wijkoverleg?" = "wijkoverleg"
//! [answers]                         # answer text = point, or "weet niet" / "n.v.t."
//! "A1" = 1
//! "Geen idee" = "weet niet"
//! ```

use super::normalize;
use koers::Answer;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The mapping as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Map {
    /// The header of the respondent code column.
    #[serde(default)]
    pub respondent: Option<String>,
    /// The header of the role column.
    #[serde(default)]
    pub role: Option<String>,
    /// The header of the date column.
    #[serde(default)]
    pub date: Option<String>,
    /// Headers of columns to pass over.
    #[serde(default)]
    pub skip: Vec<String>,
    /// Header → question id.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Answer text → point or word.
    #[serde(default)]
    pub answers: BTreeMap<String, MapAnswer>,
}

/// What an answer text stands for.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum MapAnswer {
    /// A point on the scale.
    Point(i64),
    /// "weet niet" or "n.v.t." (any spelling [`Answer::from_word`] reads).
    Word(String),
}

impl Map {
    /// The most bytes a header this map names can take, spelt with twice the spaces.
    pub fn longest_header(&self) -> usize {
        let named = [&self.respondent, &self.role, &self.date]
            .into_iter()
            .flatten()
            .chain(&self.skip)
            .chain(self.columns.keys())
            .map(String::len)
            .max()
            .unwrap_or_default();
        2 * named + 64
    }

    /// The question id a header maps to.
    pub fn column(&self, header: &str) -> Option<&str> {
        let key = normalize(header);
        self.columns
            .iter()
            .find(|(h, _)| normalize(h) == key)
            .map(|(_, id)| id.as_str())
    }

    /// Whether a header is named as `what` (`respondent`, `role`, `date`) or to skip.
    pub fn names(&self, header: &str, name: Option<&String>) -> bool {
        name.is_some_and(|n| normalize(n) == normalize(header))
    }

    /// Whether a header is to be passed over.
    pub fn skips(&self, header: &str) -> bool {
        let key = normalize(header);
        self.skip.iter().any(|s| normalize(s) == key)
    }

    /// The answer a text maps to.
    pub fn answer(&self, text: &str) -> Option<Result<Answer, String>> {
        let key = normalize(text);
        let (_, found) = self.answers.iter().find(|(a, _)| normalize(a) == key)?;
        Some(match found {
            MapAnswer::Point(point) => Ok(Answer::Point(*point)),
            MapAnswer::Word(word) => Answer::from_word(word).ok_or_else(|| word.clone()),
        })
    }
}
