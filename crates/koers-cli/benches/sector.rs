//! `cargo bench -p koers-cli --bench sector`: the picture of a whole synthetic sector
//! (`examples/sector/generator.rs`) of 28, 280 and 2,800 organisations, laid out and
//! drawn as SVG, the best of `--runs N` (default 5) each, and the peak memory of a
//! process that draws only that picture (VmHWM from /proc/self/status, Linux). Prints a
//! Markdown table for BENCHMARKS.md. No framework: `harness = false`.

#[path = "../examples/sector/generator.rs"]
mod generator;

use koers::builtin;
use koers_plot::{PlotOptions, layout, render};
use std::process::Command;
use std::time::{Duration, Instant};

/// The peak resident memory of this process, KiB (0 where /proc is not there).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Draws one sector `runs` times; prints `best-seconds peak-KiB share points clusters`.
fn one(n: usize, runs: usize, density: bool) {
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let groups = generator::groups(n);
    let options = PlotOptions {
        density,
        ..PlotOptions::default()
    };
    let mut best = Duration::MAX;
    let mut svg_len = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let svg = render(instrument, &groups, &options);
        best = best.min(start.elapsed());
        svg_len = svg.len();
    }
    let scene = layout(instrument, &groups, &options);
    println!(
        "{} {} {:.3} {} {} {}",
        best.as_secs_f64(),
        peak_kib(),
        scene.matrix_share(),
        scene.points,
        scene.clusters.len(),
        svg_len
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let runs = value("--runs").unwrap_or(5);
    let density = args.iter().any(|a| a == "--density");
    if let Some(n) = value("--one") {
        one(n, runs, density);
        return;
    }
    let me = std::env::current_exe().expect("the bench's own path");
    println!(
        "| organisations | density | layout + SVG (best of {runs}) | peak memory | matrix share | points | clusters | SVG |"
    );
    println!("| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |");
    let mut times = Vec::new();
    for density in [false, true] {
        for n in [28, 280, 2_800] {
            // A process per picture: its peak memory is that picture's alone.
            let mut command = Command::new(&me);
            command.args(["--one", &n.to_string(), "--runs", &runs.to_string()]);
            if density {
                command.arg("--density");
            }
            let output = command.output().expect("runs itself");
            let text = String::from_utf8_lossy(&output.stdout);
            let f: Vec<&str> = text.split_whitespace().collect();
            let seconds: f64 = f[0].parse().expect("seconds");
            let kib: f64 = f[1].parse().expect("KiB");
            times.push((n, density, seconds));
            println!(
                "| {n} | {} | {:.1} ms | {:.1} MiB | {} % | {} | {} | {} KB |",
                if density { "yes" } else { "no" },
                seconds * 1e3,
                kib / 1024.0,
                (f[2].parse::<f64>().expect("share") * 100.0).round(),
                if f[3] == "true" { "yes" } else { "numbered" },
                f[4],
                f[5].parse::<usize>().expect("bytes") / 1000,
            );
        }
    }
    for density in [false, true] {
        let t = |n| {
            times
                .iter()
                .find(|(m, d, _)| *m == n && *d == density)
                .map(|t| t.2)
                .expect("timed")
        };
        println!(
            "\n280 against 28{}: {:.1}×",
            if density { " (density)" } else { "" },
            t(280) / t(28)
        );
    }
}
