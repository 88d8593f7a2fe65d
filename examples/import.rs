//! Importing a survey export from Rust with `koers-survey`: read a CSV that Google Forms
//! wrote, turn each row into an assessment text, and score the respondents together.
//!
//! Run with `cargo run --example import -- tests/fixtures/survey/google-forms-nl.csv`.
//! The library reads no files and writes none: it takes the export's text and returns
//! the assessments' texts and every problem at its cell; saving them is the caller's.

use koers::{Assessment, GroupBy, Kind, Lang, Source, aggregate, builtin};
use koers_survey::{
    import::{Options, Severity, import_with},
    map::Map,
    sheet,
};
use std::{env, error::Error, fs};

fn main() -> Result<(), Box<dyn Error>> {
    let path = env::args()
        .nth(1)
        .unwrap_or("tests/fixtures/survey/google-forms-nl.csv".into());
    // A survey tool's CSV may be UTF-8, UTF-8 with a BOM or Windows-1252: decode says which.
    let text = sheet::decode(&fs::read(&path)?);
    let table = sheet::csv_table(&path, &text);
    if let Err(error) = sheet::check_table(&table) {
        return Err(error.message(Lang::En).into());
    }

    let instrument = builtin::instrument("sev").ok_or("the built-in SEV instrument is missing")?;
    let options = Options {
        organisation: "Woonstichting Voorbeeld".into(),
        id: Some("voorbeeld".into()),
        // The export has a timestamp column: every row takes its own date from it.
        date: None,
        kind: Kind::Current,
        round: Some("2026-voorjaar".into()),
        instrument: "sev".into(),
        lang: Lang::En,
    };
    // Headers and answers are recognised by their text; a `Map` (from a map.toml) would
    // name the columns of an export that koers cannot recognise by itself. Each checked
    // row's file is handed over as soon as it is made: `koers import` writes it into a
    // staging folder, moved into place only when every row passed.
    let mut files: Vec<(String, String)> = Vec::new();
    let outcome = import_with(
        &[table],
        instrument,
        &Map::default(),
        &options,
        &mut |name, text| files.push((name.to_string(), text.to_string())),
    );
    for problem in &outcome.problems {
        let severity = match problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        println!("{}: {severity}: {}", problem.place, problem.message);
    }
    if outcome.has_errors() {
        return Err("the export has errors: nothing imported".into());
    }

    // The texts are what `koers import` writes, one file per respondent (e-mail addresses
    // and names are not kept); read back, they score as those files would.
    let mut scores = Vec::new();
    for (name, text) in &files {
        println!("{name} ({} bytes)", text.len());
        let assessment = Assessment::parse(&Source::new(name, text))?;
        scores.push(instrument.score(&assessment)?);
    }
    for group in aggregate(&scores, GroupBy::Organisation, &instrument.matrix) {
        let (x, y) = group.position.map_or(("-".into(), "-".into()), |p| {
            (format!("{:.1}", p.x), format!("{:.1}", p.y))
        });
        println!(
            "{}: {} respondents, {} counted, x {x}, y {y}",
            group.organisation.name,
            group.respondents,
            group.points.len(),
        );
    }
    Ok(())
}
