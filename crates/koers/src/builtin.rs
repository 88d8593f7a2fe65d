//! The matrix and instrument that ship with koers. Their source files live in the
//! repository's `assessments/` folder (one source of truth) and are embedded at build time.

use crate::{Instrument, Matrix, Source};
use std::sync::OnceLock;

/// The ids of the built-in matrices.
pub const MATRIX_IDS: &[&str] = &["sev"];
/// The ids of the built-in instruments.
pub const INSTRUMENT_IDS: &[&str] = &["sev"];

/// The text of the built-in SEV matrix file.
pub const SEV_MATRIX_TOML: &str = include_str!("../../../assessments/sev-matrix.toml");
/// The text of the built-in SEV instrument file.
pub const SEV_INSTRUMENT_TOML: &str = include_str!("../../../assessments/sev.toml");

/// A built-in matrix by id.
pub fn matrix(id: &str) -> Option<Matrix> {
    static SEV: OnceLock<Matrix> = OnceLock::new();
    (id == "sev").then(|| {
        SEV.get_or_init(|| {
            // The tests parse this file; a failure here is a bug in koers, not bad input.
            Matrix::parse(&Source::new("built-in sev-matrix.toml", SEV_MATRIX_TOML))
                .unwrap_or_else(|e| panic!("the built-in SEV matrix is invalid: {e}"))
        })
        .clone()
    })
}

/// A built-in instrument by id.
pub fn instrument(id: &str) -> Option<&'static Instrument> {
    static SEV: OnceLock<Instrument> = OnceLock::new();
    (id == "sev").then(|| {
        SEV.get_or_init(|| {
            Instrument::parse(&Source::new("built-in sev.toml", SEV_INSTRUMENT_TOML))
                .unwrap_or_else(|e| panic!("the built-in SEV instrument is invalid: {e}"))
        })
    })
}
