//! Bilingual text: every label a person reads exists in Dutch and English.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

impl Lang {
    /// Both languages, Dutch first.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The language's code, `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = UnknownWord;
    /// Reads `nl` or `en`, or the language's name in Dutch or English (`nederlands`,
    /// `dutch`, `engels`, `english`), ignoring case and surrounding spaces.
    ///
    /// ```
    /// use koers::Lang;
    /// assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
    /// assert_eq!("Nederlands".parse::<Lang>(), Ok(Lang::Nl));
    /// assert!("fr".parse::<Lang>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Lang, UnknownWord> {
        const WORDS: &[(&str, Lang)] = &[
            ("nl", Lang::Nl),
            ("en", Lang::En),
            ("nederlands", Lang::Nl),
            ("dutch", Lang::Nl),
            ("engels", Lang::En),
            ("english", Lang::En),
        ];
        UnknownWord::look_up(text, "language", WORDS, &["nl", "en"])
    }
}

/// A word that names no value of an enum, such as `"fr"` read as a [`Lang`] or
/// `"gisteren"` as a [`Kind`](crate::Kind): what [`FromStr`] gives for the enums of
/// koers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`: expected {}", expected.join(", "))]
#[non_exhaustive]
pub struct UnknownWord {
    /// What the word should have named, e.g. `language`.
    pub what: &'static str,
    /// The text given.
    pub given: String,
    /// The words that are understood (the main spelling of each value).
    pub expected: &'static [&'static str],
}

impl UnknownWord {
    /// The value `text` names among `words` (compared ignoring case and surrounding
    /// spaces), or the error that lists `expected`.
    pub(crate) fn look_up<T: Copy>(
        text: &str,
        what: &'static str,
        words: &[(&str, T)],
        expected: &'static [&'static str],
    ) -> Result<T, UnknownWord> {
        let word = text.trim();
        words
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(word))
            .map(|&(_, value)| value)
            .ok_or_else(|| UnknownWord {
                what,
                given: text.to_string(),
                expected,
            })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AxisName, GroupBy, Kind};

    /// What an enum prints, it reads back, in any case: the CLI and a config file can
    /// take the words the library writes.
    #[test]
    fn every_enum_reads_back_what_it_prints() {
        for lang in Lang::ALL {
            assert_eq!(lang.to_string().to_uppercase().parse::<Lang>(), Ok(lang));
        }
        for by in GroupBy::ALL {
            assert_eq!(by.to_string().to_uppercase().parse::<GroupBy>(), Ok(by));
        }
        for kind in [Kind::Current, Kind::Ambition] {
            assert_eq!(kind.to_string().to_uppercase().parse::<Kind>(), Ok(kind));
        }
        for axis in [AxisName::X, AxisName::Y] {
            assert_eq!(
                axis.to_string().to_uppercase().parse::<AxisName>(),
                Ok(axis)
            );
        }
    }

    #[test]
    fn dutch_words_read_as_the_same_values() {
        assert_eq!("HUIDIGE".parse::<Kind>(), Ok(Kind::Current));
        assert_eq!("ambitie".parse::<Kind>(), Ok(Kind::Ambition));
        assert_eq!("Rol".parse::<GroupBy>(), Ok(GroupBy::Role));
        assert_eq!("engels".parse::<Lang>(), Ok(Lang::En));
    }

    #[test]
    fn an_unknown_word_says_what_is_expected() {
        let error = "fr".parse::<Lang>().unwrap_err();
        assert_eq!(error.given, "fr");
        assert_eq!(error.to_string(), "unknown language `fr`: expected nl, en");
        let error = "wijk".parse::<GroupBy>().unwrap_err();
        assert_eq!(error.expected, ["organisation", "role", "respondent"]);
    }
}
