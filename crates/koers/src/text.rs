//! Bilingual text: every label a person reads exists in Dutch and English.

use serde::{Deserialize, Serialize};

/// The language of labels and questions. Dutch is the default, as the matrix is Dutch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

/// A text in Dutch and, optionally, English. A missing English text falls back to Dutch,
/// so that a consultant can write a Dutch-only matrix and still use `--lang en`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The Dutch text.
    pub nl: String,
    /// The English text, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A text given in both languages.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            nl: nl.into(),
            en: Some(en.into()),
        }
    }

    /// The text in `lang`, falling back to Dutch.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => self.en.as_deref().unwrap_or(&self.nl),
        }
    }
}
