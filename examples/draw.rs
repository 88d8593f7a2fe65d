//! Drawing the matrix from Rust with `koers-plot`: score one corporation's assessments,
//! combine them into its positions per date, and write the picture as SVG (and as PNG,
//! which the default feature `png` of koers-plot adds).
//!
//! Run with `cargo run --example draw -- assessments/examples/lingehof lingehof.svg`.
//! The libraries read no files; this program does, and hands them texts.

use koers::{Assessment, GroupBy, Lang, Source, aggregate, builtin};
use koers_plot::{PlotOptions, png, render};
use std::{env, error::Error, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = env::args().skip(1);
    let folder = PathBuf::from(
        args.next()
            .unwrap_or("assessments/examples/lingehof".into()),
    );
    let out = PathBuf::from(args.next().unwrap_or("lingehof.svg".into()));

    let instrument = builtin::instrument("sev").ok_or("the built-in SEV instrument is missing")?;
    let mut paths: Vec<PathBuf> = fs::read_dir(&folder)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    paths.sort();

    let mut scores = Vec::new();
    for path in &paths {
        let text = fs::read_to_string(path)?;
        let name = path.display().to_string();
        // An error names the file, line and column; `Display` says what was expected.
        let assessment = Assessment::parse(&Source::new(&name, &text))?;
        scores.push(instrument.score(&assessment)?);
    }

    // One group per organisation, kind and date: Lingehof's 2005 and 2007 positions, its
    // 2009 position and its ambition, drawn with the trajectory between them.
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let options = PlotOptions {
        lang: Lang::En,
        title: Some("Lingehof".into()),
        ..PlotOptions::default()
    };
    let svg = render(instrument, &groups, &options);
    fs::write(&out, &svg)?;
    fs::write(out.with_extension("png"), png(&svg, 1.0)?)?;
    println!(
        "{} groups from {} files drawn into {} and its .png",
        groups.len(),
        paths.len(),
        out.display()
    );
    Ok(())
}
