//! A synthetic sector of N housing corporations (see `generator.rs`), drawn or written out:
//!
//! ```sh
//! cargo run --release -p koers-cli --example sector -- 280 sector.svg
//! cargo run --release -p koers-cli --example sector -- 280 sector.png --density --highlight org7
//! cargo run --release -p koers-cli --example sector -- 280 sector/   # assessment files
//! ```
//!
//! Options after the output: `--density`, `--highlight ID` (repeatable), `--size slide`,
//! `--size a4` or `--size WxH`, `--key FILE` (Markdown, or CSV by extension).

mod generator;

use koers::builtin;
use koers_plot::key::{KeyFormat, key_table};
use koers_plot::{PlotOptions, png, render};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: sector N OUT(.svg|.png|/) [--density] [--highlight ID] [--size slide|a4|WxH] [--key FILE]";
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("{usage}"));
    let out = PathBuf::from(args.next().unwrap_or_else(|| panic!("{usage}")));
    let mut options = PlotOptions::default();
    let mut key = None;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--density" => options.density = true,
            "--highlight" => options.highlight.push(args.next().expect("an id")),
            "--key" => key = Some(PathBuf::from(args.next().expect("a file"))),
            "--size" => {
                let size = args.next().expect("a size");
                let (w, h) = match size.as_str() {
                    "slide" => (1280, 720),
                    "a4" => (794, 1123),
                    other => {
                        let (w, h) = other.split_once('x').expect("WxH");
                        (w.parse().expect("width"), h.parse().expect("height"))
                    }
                };
                (options.width, options.height, options.fixed) = (w, h, true);
            }
            other => panic!("unknown option {other}; {usage}"),
        }
    }
    if out.to_string_lossy().ends_with('/') {
        std::fs::create_dir_all(&out).expect("creates the folder");
        for (file, text) in generator::files(n) {
            std::fs::write(out.join(file), text).expect("writes");
        }
        return;
    }
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let groups = generator::groups(n);
    let svg = render(instrument, &groups, &options);
    if out.extension().is_some_and(|e| e == "png") {
        std::fs::write(&out, png(&svg, 1.0).expect("renders")).expect("writes");
    } else {
        std::fs::write(&out, svg).expect("writes");
    }
    if let Some(path) = key {
        let format = if path.extension().is_some_and(|e| e == "csv") {
            KeyFormat::Csv
        } else {
            KeyFormat::Markdown
        };
        std::fs::write(&path, key_table(&groups, options.lang, format)).expect("writes");
    }
}
