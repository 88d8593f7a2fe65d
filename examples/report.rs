//! Writing the report from Rust with `koers-report`: score the assessments of a folder,
//! combine them into groups, and lay the report out as Markdown (or HTML).
//!
//! Run with `cargo run --example report -- assessments/examples/lingehof lingehof.md`.
//! The libraries read no files; this program does, and hands them texts.

use koers::{Assessment, GroupBy, Lang, Source, aggregate, builtin};
use koers_report::{Grouped, Options, compose, markdown};
use std::{env, error::Error, fs, path::PathBuf, sync::Arc};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = env::args().skip(1);
    let folder = PathBuf::from(
        args.next()
            .unwrap_or("assessments/examples/lingehof".into()),
    );
    let out = PathBuf::from(args.next().unwrap_or("lingehof.md".into()));

    let instrument = builtin::instrument("sev").ok_or("the built-in SEV instrument is missing")?;
    let mut paths: Vec<PathBuf> = fs::read_dir(&folder)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    paths.sort();

    let mut scores = Vec::new();
    let mut files = Vec::new();
    for path in &paths {
        let text = fs::read_to_string(path)?;
        let name = path.display().to_string();
        // An error names the file, line and column; `Display` says what was expected.
        let assessment = Assessment::parse(&Source::new(&name, &text))?;
        scores.push(instrument.score(&assessment)?);
        files.push(name);
    }

    // The report is of one instrument's groups, with the scores they were made from (for
    // the agenda, the profile and the gap).
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let grouped = Grouped {
        instrument: Arc::new(instrument.clone()),
        groups,
        scores,
        files,
    };
    let options = Options {
        lang: Lang::En,
        ..Options::default()
    };
    let report = compose(&grouped, &options)?;
    // `koers_report::html::render(&report)` gives the same report as one HTML file.
    fs::write(&out, markdown::render(&report))?;
    println!(
        "a report on {} groups from {} files written to {}",
        grouped.groups.len(),
        paths.len(),
        out.display()
    );
    Ok(())
}
