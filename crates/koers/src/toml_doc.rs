//! Reading a TOML document into a typed shape, with errors that point into the source.

use crate::matrix::RawMatrix;
use crate::{Assessment, Error, Instrument, Invalid, Matrix, Source};
use serde::de::{Deserialize, DeserializeOwned};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Deserializes `source` into `T`. Syntax errors, unknown keys (every document type uses
/// `deny_unknown_fields`), missing fields and wrong types come back with their location.
pub(crate) fn from_toml<T: DeserializeOwned>(source: &Source<'_>) -> Result<T, Invalid> {
    toml::from_str(source.text).map_err(|error| located(source, &error))
}

/// A TOML error at its place in `source`.
pub(crate) fn located(source: &Source<'_>, error: &toml::de::Error) -> Invalid {
    let location = error
        .span()
        .map_or_else(|| source.whole(), |span| source.locate_span(span));
    Invalid::one(Error::Toml {
        location,
        message: plain(error.message().trim()),
    })
}

/// A TOML text parsed once: its top-level keys tell which document it is (an assessment,
/// an instrument or a matrix), and an assessment is then read from the parsed tree, not
/// from the text again.
///
/// ```
/// use koers::{Document, Source};
///
/// let source = Source::new("r01.toml", "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\n");
/// let document = Document::parse(&source)?;
/// assert!(document.has_key("answers") && !document.has_key("regions"));
/// let assessment = document.into_assessment()?;
/// assert_eq!(assessment.organisation.name, "De Dijk");
/// # Ok::<(), koers::Invalid>(())
/// ```
pub struct Document<'a> {
    source: &'a Source<'a>,
    root: Spanned<DeTable<'a>>,
}

impl<'a> Document<'a> {
    /// Parses the text: a syntax error comes back at its place, with the same message
    /// that [`Assessment::parse`] gives.
    pub fn parse(source: &'a Source<'a>) -> Result<Self, Invalid> {
        let root = DeTable::parse(source.text).map_err(|error| located(source, &error))?;
        Ok(Document { source, root })
    }

    /// Whether the document has this top-level key (a table or a value).
    pub fn has_key(&self, key: &str) -> bool {
        self.root.get_ref().keys().any(|k| k.get_ref() == key)
    }

    /// Reads the document as an assessment, as [`Assessment::parse`] does with its text.
    pub fn into_assessment(self) -> Result<Assessment, Invalid> {
        Assessment::from_document(self)
    }

    /// Reads the document as an assessment, as [`Assessment::parse_lenient`] does with
    /// its text: problems of the header are kept for the check.
    pub fn into_assessment_lenient(self) -> Result<Assessment, Invalid> {
        Assessment::lenient_from_document(self)
    }

    /// Reads the document as an instrument, as [`Instrument::parse_with`] does with its
    /// text.
    pub fn into_instrument_with(
        self,
        resolve_matrix: impl FnOnce(&str) -> Option<Result<Matrix, Invalid>>,
    ) -> Result<Instrument, Invalid> {
        let (source, raw) = self.into_typed();
        Instrument::from_raw(source, raw?, resolve_matrix)
    }

    /// Reads the document as a matrix, as [`Matrix::parse`] does with its text.
    pub fn into_matrix(self) -> Result<Matrix, Invalid> {
        let (source, raw) = self.into_typed::<RawMatrix>();
        raw?.check(source)
    }

    /// The source the document was parsed from.
    pub(crate) fn source(&self) -> &'a Source<'a> {
        self.source
    }

    /// Takes a top-level table out of the tree, to be read without serde; any other value
    /// under `key` stays.
    pub(crate) fn take_table(&mut self, key: &str) -> Option<Spanned<DeTable<'a>>> {
        let root = self.root.get_mut();
        if !matches!(root.get(key).map(Spanned::get_ref), Some(DeValue::Table(_))) {
            return None;
        }
        let value = root.remove(key)?;
        let span = value.span();
        match value.into_inner() {
            DeValue::Table(table) => Some(Spanned::new(span, table)),
            _ => None,
        }
    }

    /// Takes the keys of the top-level table `table` that are not in `known` out of the
    /// tree, with an error for each in serde's words ("unknown field `x`, expected one of
    /// ..."), so that the rest of the file can still be read and checked: one run then
    /// shows a misspelt key together with the file's other problems.
    pub(crate) fn take_unknown_keys(&mut self, table: &str, known: &[&str]) -> Vec<Error> {
        let source = self.source;
        let Some(DeValue::Table(inner)) = self.root.get_mut().get_mut(table).map(Spanned::get_mut)
        else {
            return Vec::new();
        };
        let unknown: Vec<_> = inner
            .keys()
            .filter(|key| !known.contains(&key.get_ref().as_ref()))
            .cloned()
            .collect();
        unknown
            .into_iter()
            .map(|key| {
                inner.remove(&key);
                Error::Toml {
                    location: source.locate_span(key.span()),
                    message: format!(
                        "unknown field `{}`, {}",
                        key.get_ref(),
                        expected_one_of(known)
                    ),
                }
            })
            .collect()
    }

    /// When the top-level table `table` is there without `key`, puts `placeholder` under
    /// it and returns serde's error for the missing key ("missing field `name`") at the
    /// table's header, so that the rest of the file can still be read and checked: one
    /// run then shows a missing name together with the answers' problems. The caller
    /// must keep the error, so that the placeholder is never taken for a value.
    pub(crate) fn fill_missing_key(
        &mut self,
        table: &str,
        key: &'static str,
        placeholder: &'static str,
    ) -> Option<Error> {
        let source = self.source;
        let value = self.root.get_mut().get_mut(table)?;
        let span = value.span();
        let DeValue::Table(inner) = value.get_mut() else {
            return None; // Not a table: serde says so.
        };
        if inner.keys().any(|k| k.get_ref() == key) {
            return None;
        }
        inner.insert(
            Spanned::new(span.clone(), key.into()),
            Spanned::new(span.clone(), DeValue::String(placeholder.into())),
        );
        Some(Error::Toml {
            location: source.locate_span(span),
            message: format!("missing field `{key}`"),
        })
    }

    /// Deserializes the parsed tree into `T`, errors at their place.
    pub(crate) fn into_typed<T: Deserialize<'a>>(self) -> (&'a Source<'a>, Result<T, Invalid>) {
        let source = self.source;
        let typed = T::deserialize(toml::de::Deserializer::from(self.root))
            .map_err(|error| located(source, &error));
        (source, typed)
    }
}

/// The TOML reader's message, in words a person filling in a questionnaire understands
/// where its own wording speaks of Rust types.
fn plain(message: &str) -> String {
    // A whole number beyond 64 bits reaches serde as an i128 it cannot place.
    if let Some(rest) = message.strip_prefix("invalid type: integer `")
        && let Some((number, tail)) = rest.split_once('`')
        && tail.starts_with(" as i128")
    {
        // Beyond 64 bits on either side: below zero it is too small, not too large.
        let size = if number.starts_with('-') {
            "small"
        } else {
            "large"
        };
        return format!(
            "the number {number} is too {size}: expected a whole number such as a point on the scale"
        );
    }
    message.to_string()
}

/// serde's words for the fields it expected, so that a message made here reads (and is
/// translated) as serde's own.
fn expected_one_of(known: &[&str]) -> String {
    let quoted: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [] => "there are no fields".to_string(),
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        many => format!("expected one of {}", many.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn a_huge_number_is_too_large_not_an_i128() {
        assert_eq!(
            plain(
                "invalid type: integer `99999999999999999999` as i128, expected any valid TOML value"
            ),
            "the number 99999999999999999999 is too large: expected a whole number such as a point on the scale"
        );
        assert_eq!(
            plain(
                "invalid type: integer `-9223372036854775809` as i128, expected any valid TOML value"
            ),
            "the number -9223372036854775809 is too small: expected a whole number such as a point on the scale"
        );
        assert_eq!(plain("missing field `date`"), "missing field `date`");
    }
}
