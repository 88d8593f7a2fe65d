//! The tests of `koers-serve`: the router in-process, 60 participants over loopback, and
//! a real browser.

mod browser;
mod load;
mod router;

use koers::{Date, Instrument, Kind, Lang, Source};
use koers_serve::rate::{Limits, Rate};
use koers_serve::{Config, Session};
use std::path::Path;
use std::sync::Arc;

/// The test instrument: two sections, one scale with "weet niet", one without.
pub fn instrument() -> Instrument {
    let text = include_str!("../fixtures/serve/instrument.toml");
    Instrument::parse(&Source::new("instrument.toml", text)).expect("the fixture is valid")
}

/// A session on `folder` with this instrument.
pub fn session(folder: &Path, roles: &[&str], limits: Limits) -> Session {
    session_at(folder, roles, limits, "http://127.0.0.1:1")
}

/// A session on `folder` that participants reach at `base_url`.
pub fn session_at(folder: &Path, roles: &[&str], limits: Limits, base_url: &str) -> Session {
    Session::open(Config {
        folder: folder.to_path_buf(),
        organisation: "Woonstichting De Dijk".into(),
        id: Some("de-dijk".into()),
        round: None,
        kind: Kind::Current,
        date: Date::new(2026, 5, 31).unwrap(),
        instrument: Arc::new(instrument()),
        instrument_ref: "../instrument.toml".into(),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        lang: Lang::Nl,
        report: None,
        limits,
        base_url: base_url.into(),
    })
    .expect("the session opens")
}

/// Limits that the tests never reach.
pub fn unlimited() -> Limits {
    Limits::uniform(Rate {
        burst: 1e9,
        per_second: 1e9,
    })
}

/// The value of the hidden field `name` in a page.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {body}"))
        + marker.len();
    body[start..].split('"').next().unwrap().to_string()
}

/// The `.toml` files in `folder`, sorted, with their texts.
pub fn files(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".toml"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Every file of `folder` parsed, checked and scored as `koers score` does; panics on an
/// invalid one.
pub fn scores(folder: &Path) -> Vec<koers::Score> {
    let instrument = instrument();
    files(folder)
        .iter()
        .map(|(name, text)| {
            let assessment = koers::Assessment::parse(&Source::new(name, text))
                .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
            instrument
                .check_and_score(&assessment)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .1
        })
        .collect()
}
