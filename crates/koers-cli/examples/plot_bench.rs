//! Times the picture's layout (label placement is most of it) and SVG drawing for 30, 100,
//! 300 and 1,000 organisations, and counts the labels that found no room.
//!
//! `cargo run --release -p koers-cli --example plot_bench` prints a Markdown table for
//! BENCHMARKS.md. The organisations are spread over the matrix by a fixed pseudo-random
//! recipe, so every run times the same pictures; each has two respondents (a spread
//! ellipse) and every fifth a second, later assessment (a trajectory arrow).

use koers::{Assessment, GroupBy, Source, aggregate, builtin};
use koers_plot::{Labels, PlotOptions, layout, render};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// A fixed sequence of numbers in [0, 1): the same organisations on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The scored groups of `count` organisations.
fn groups(count: usize) -> Vec<koers::Group> {
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let mut random = Lcg(42);
    let mut scores = Vec::new();
    for n in 0..count {
        let (focus, ladder) = (random.next(), random.next());
        let dates: &[&str] = if n % 5 == 0 {
            &["2024-03-01", "2026-03-01"]
        } else {
            &["2026-03-01"]
        };
        for (d, date) in dates.iter().enumerate() {
            for respondent in 0..2 {
                let mut text = format!(
                    "instrument = \"sev\"\n[organisation]\nname = \"Woonstichting Nummer {n}\"\nid = \"org{n:04}\"\n[assessment]\ndate = {date}\nrespondent = \"r{respondent}\"\n[answers]\n"
                );
                for (section, q) in instrument.questions() {
                    let scale = instrument.scale_of(q).expect("a checked instrument");
                    let base = if section.id.starts_with("focus") {
                        focus
                    } else {
                        ladder
                    };
                    let jitter = (random.next() - 0.5) * 0.3 + d as f64 * 0.15;
                    let v = (base + jitter).clamp(0.0, 1.0);
                    let value = scale.min + (v * (scale.max - scale.min) as f64).round() as i64;
                    let _ = writeln!(text, "{} = {value}", q.id);
                }
                let assessment = Assessment::parse(&Source::new("bench.toml", &text))
                    .expect("the recipe writes valid assessments");
                scores.push(instrument.score(&assessment).expect("it scores"));
            }
        }
    }
    aggregate(&scores, GroupBy::Organisation, &instrument.matrix)
}

fn main() {
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let runs = 5;
    println!(
        "| organisations | --labels | labels | placed | left out | keyed | layout | layout + SVG |"
    );
    println!("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for count in [30, 100, 300, 1_000] {
        let groups = groups(count);
        // `all` places every name as before the key existed; `auto` (the default) numbers
        // the markers past the crowd limit and places only the years.
        for (mode, labels) in [("all", Labels::All), ("auto", Labels::Auto)] {
            let options = PlotOptions {
                labels,
                ..PlotOptions::default()
            };
            let mut best_layout = Duration::MAX;
            let mut best_render = Duration::MAX;
            let mut scene = None;
            for _ in 0..runs {
                let start = Instant::now();
                let laid = layout(instrument, &groups, &options);
                best_layout = best_layout.min(start.elapsed());
                scene = Some(laid);
                let start = Instant::now();
                let svg = render(instrument, &groups, &options);
                best_render = best_render.min(start.elapsed());
                assert!(svg.starts_with("<svg"));
            }
            let scene = scene.expect("at least one run");
            // KOERS_BENCH_PNG=DIR writes each picture as a PNG, to look at.
            if let Some(dir) = std::env::var_os("KOERS_BENCH_PNG") {
                let svg = render(instrument, &groups, &options);
                let png = koers_plot::png(&svg, 1.0).expect("renders");
                let path = std::path::Path::new(&dir).join(format!("plot-{count}-{mode}.png"));
                std::fs::write(path, png).expect("writes");
            }
            let shown = scene.labels.len();
            println!(
                "| {count} | {mode} | {} | {shown} | {} | {} | {:.1} ms | {:.1} ms |",
                shown + scene.dropped,
                scene.dropped,
                scene.key.len(),
                best_layout.as_secs_f64() * 1e3,
                best_render.as_secs_f64() * 1e3,
            );
        }
    }
}
