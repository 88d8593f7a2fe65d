//! The matrix and instruments that ship with koers, embedded at build time from the
//! crate's own `data/` folder, so that the packaged crate builds on its own. The
//! repository's `assessments/` folder holds the same files for people to read; a test
//! (`tests/instrument.rs`) fails when the two copies differ.
//!
//! `instrument = "sev"` names the current SEV instrument; `instrument = "sev@2.0"` names
//! version 2.0 as it was, so that files written for it keep scoring (by method 2 or 3).

use crate::{Instrument, Matrix, Source};
use std::sync::OnceLock;

/// The ids of the built-in matrices.
pub const MATRIX_IDS: &[&str] = &["sev"];
/// The ids of the built-in instruments: the current SEV instrument and its version 2.0.
pub const INSTRUMENT_IDS: &[&str] = &["sev", "sev@2.0"];

/// The text of the built-in SEV matrix file.
pub const SEV_MATRIX_TOML: &str = include_str!("../data/sev-matrix.toml");
/// The text of the built-in SEV instrument file (the current version).
pub const SEV_INSTRUMENT_TOML: &str = include_str!("../data/sev.toml");
/// The text of the SEV instrument 2.0 (`instrument = "sev@2.0"`).
pub const SEV_2_0_INSTRUMENT_TOML: &str = include_str!("../data/sev-2.0.toml");

/// A built-in matrix by id, parsed once (clone it for a matrix of your own).
pub fn matrix(id: &str) -> Option<&'static Matrix> {
    static SEV: OnceLock<Matrix> = OnceLock::new();
    (id == "sev").then(|| {
        SEV.get_or_init(|| {
            // The tests parse this file; a failure here is a bug in koers, not bad input.
            Matrix::parse(&Source::new("built-in sev-matrix.toml", SEV_MATRIX_TOML))
                .unwrap_or_else(|e| panic!("the built-in SEV matrix is invalid: {e}"))
        })
    })
}

/// A built-in instrument by id: `sev` (the current version) or `sev@2.0`.
pub fn instrument(id: &str) -> Option<&'static Instrument> {
    static SEV: OnceLock<Instrument> = OnceLock::new();
    static SEV_2_0: OnceLock<Instrument> = OnceLock::new();
    let (cell, name, text) = match id {
        "sev" => (&SEV, "built-in sev.toml", SEV_INSTRUMENT_TOML),
        "sev@2.0" => (&SEV_2_0, "built-in sev-2.0.toml", SEV_2_0_INSTRUMENT_TOML),
        _ => return None,
    };
    Some(cell.get_or_init(|| {
        // The tests parse these files; a failure here is a bug in koers, not bad input.
        Instrument::parse(&Source::new(name, text))
            .unwrap_or_else(|e| panic!("the built-in instrument {id} is invalid: {e}"))
    }))
}
