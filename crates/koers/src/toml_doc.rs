//! Reading a TOML document into a typed shape, with errors that point into the source.

use crate::{Error, Invalid, Source};
use serde::de::DeserializeOwned;

/// Deserializes `source` into `T`. Syntax errors, unknown keys (every document type uses
/// `deny_unknown_fields`), missing fields and wrong types come back with their location.
pub(crate) fn from_toml<T: DeserializeOwned>(source: &Source<'_>) -> Result<T, Invalid> {
    toml::from_str(source.text).map_err(|error| {
        let location = error
            .span()
            .map_or_else(|| source.whole(), |span| source.locate_span(span));
        Invalid::one(Error::Toml {
            location,
            message: plain(error.message().trim()),
        })
    })
}

/// The TOML reader's message, in words a person filling in a questionnaire understands
/// where its own wording speaks of Rust types.
fn plain(message: &str) -> String {
    // A whole number beyond 64 bits reaches serde as an i128 it cannot place.
    if let Some(rest) = message.strip_prefix("invalid type: integer `")
        && let Some((number, tail)) = rest.split_once('`')
        && tail.starts_with(" as i128")
    {
        return format!(
            "the number {number} is too large: expected a whole number such as a point on the scale"
        );
    }
    message.to_string()
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
        assert_eq!(plain("missing field `date`"), "missing field `date`");
    }
}
