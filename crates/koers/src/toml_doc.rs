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
            message: error.message().trim().to_string(),
        })
    })
}
