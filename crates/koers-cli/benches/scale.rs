//! Scoring at scale: `koers score DIR --format csv` over a sector-wide survey (280
//! corporations × 50 respondents = 14,000 files, and a tenth of it) against a bare,
//! single-threaded read-and-parse of the same files into `toml::Table` in the same run,
//! plus one assessment drawn as a picture.
//!
//! ```sh
//! cargo bench -p koers-cli --bench scale                       # 3 runs each
//! cargo bench -p koers-cli --bench scale -- --runs 5 --before /tmp/koers-old
//! ```
//!
//! `--before BIN` times another `koers` binary (an older build) on the same files in the
//! same run; `--dir DIR` puts the generated files there (default: a folder in the
//! system's temporary folder). Peak memory is read with `/usr/bin/time` (the `time`
//! package); without it that column shows "–". No test runs this: it is a `harness =
//! false` bench that only `cargo bench` builds and runs.

#[path = "corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 2007;
const RESPONDENTS: usize = 50;

struct Options {
    runs: usize,
    before: Option<PathBuf>,
    dir: PathBuf,
}

fn options() -> Options {
    let mut options = Options {
        runs: 3,
        before: None,
        dir: std::env::temp_dir().join(format!("koers-bench-{SEED}")),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => options.runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            "--before" => options.before = args.next().map(PathBuf::from),
            "--dir" => options.dir = args.next().map(PathBuf::from).unwrap_or(options.dir),
            // `cargo bench` passes `--bench`; a filter means nothing here.
            _ => {}
        }
    }
    options.runs = options.runs.max(1);
    options
}

/// One timed run of a command: wall time, CPU time (user + system) and peak resident
/// memory in KiB, the last two from `/usr/bin/time` when it is there.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Option<f64>,
    peak_kib: Option<u64>,
}

fn has_time() -> bool {
    Path::new("/usr/bin/time").is_file()
}

/// Runs `program args`, output to nowhere, and measures it. Panics when it fails: a
/// benchmark of a failing run would time the error path.
fn measure(program: &Path, args: &[&str]) -> Run {
    let report = std::env::temp_dir().join(format!("koers-bench-time-{}", std::process::id()));
    let mut command = if has_time() {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(&report)
            .arg(program);
        c
    } else {
        Command::new(program)
    };
    command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let status = command.status().expect("the program runs");
    let wall = start.elapsed();
    assert!(
        status.success(),
        "{} {args:?} failed: {status}",
        program.display()
    );
    let (mut cpu, mut peak_kib) = (None, None);
    if let Ok(text) = std::fs::read_to_string(&report) {
        let fields: Vec<&str> = text.split_whitespace().collect();
        if let [user, system, peak] = fields[fields.len().saturating_sub(3)..] {
            cpu = Some(user.parse::<f64>().unwrap_or(0.0) + system.parse::<f64>().unwrap_or(0.0));
            peak_kib = peak.parse().ok();
        }
        let _ = std::fs::remove_file(&report);
    }
    Run {
        wall,
        cpu,
        peak_kib,
    }
}

/// The fastest of `runs` runs, with the highest peak memory among them.
fn best(runs: usize, mut once: impl FnMut() -> Run) -> Run {
    let all: Vec<Run> = (0..runs).map(|_| once()).collect();
    let mut fastest = *all.iter().min_by_key(|r| r.wall).expect("one run");
    fastest.peak_kib = all.iter().filter_map(|r| r.peak_kib).max();
    fastest
}

/// Every `*.toml` below `dir`, sorted, as `koers` finds them.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the folder exists")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out
}

/// The anchor: walk, read and parse every file into a `toml::Table` on one thread, and
/// nothing else.
fn bare_parse(dir: &Path) -> Run {
    let start = Instant::now();
    let mut keys = 0;
    for file in files(dir) {
        let text = std::fs::read_to_string(&file).expect("a readable file");
        let table: toml::Table = toml::from_str(&text).expect("valid TOML");
        keys += table.len();
    }
    std::hint::black_box(keys);
    Run {
        wall: start.elapsed(),
        cpu: None,
        peak_kib: None,
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "–".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

fn cpu(run: &Run) -> String {
    run.cpu.map_or_else(|| "–".into(), |c| format!("{c:.2} s"))
}

fn main() {
    let options = options();
    let koers = PathBuf::from(env!("CARGO_BIN_EXE_koers"));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    println!(
        "# koers scale benchmark\n\nmachine: {threads} cores available, CPU {cpu_model}; {} runs each, the fastest shown, the highest peak memory\n",
        options.runs
    );
    if !has_time() {
        println!("(no /usr/bin/time: peak memory and CPU time are not measured; install `time`)\n");
    }

    let mut binaries = vec![("koers", koers.clone())];
    if let Some(before) = &options.before {
        binaries.insert(0, ("before", before.clone()));
    }
    println!(
        "| files | binary | koers score --format csv | CPU | peak memory | bare toml parse, 1 thread | throughput vs bare parse | files/s |"
    );
    println!("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut peaks: Vec<(&str, usize, Option<u64>)> = Vec::new();
    for organisations in [28, 280] {
        let dir = options.dir.join(format!("{organisations}x{RESPONDENTS}"));
        let _ = std::fs::remove_dir_all(&dir);
        let count = corpus::write_corpus(&dir, organisations, RESPONDENTS, SEED)
            .expect("the corpus is written");
        let dir_text = dir.to_str().expect("a UTF-8 path");
        // Warm the page cache so that every contender reads from memory.
        bare_parse(&dir);
        let parse = best(options.runs, || bare_parse(&dir));
        for (label, binary) in &binaries {
            let run = best(options.runs, || {
                measure(binary, &["score", dir_text, "--format", "csv"])
            });
            let ratio = parse.wall.as_secs_f64() / run.wall.as_secs_f64();
            println!(
                "| {count} | {label} | {} | {} | {} | {} | {:.0} % | {:.0} |",
                seconds(run.wall),
                cpu(&run),
                mib(run.peak_kib),
                seconds(parse.wall),
                ratio * 100.0,
                count as f64 / run.wall.as_secs_f64()
            );
            peaks.push((label, count, run.peak_kib));
        }
    }
    println!();
    for (label, _) in &binaries {
        let of = |n: usize| {
            peaks
                .iter()
                .find(|(l, c, _)| l == label && *c == n)
                .and_then(|(_, _, p)| *p)
        };
        if let (Some(small), Some(large)) = (of(1400), of(14000)) {
            println!(
                "{label}: peak memory 14,000 files / 1,400 files = {:.2}×",
                large as f64 / small as f64
            );
        }
    }

    // One assessment → SVG, the way a portal draws one respondent.
    let one = options
        .dir
        .join(format!("28x{RESPONDENTS}/org000/r01.toml"));
    let svg = options.dir.join("one.svg");
    let (one_text, svg_text) = (
        one.to_str().expect("a UTF-8 path"),
        svg.to_str().expect("a UTF-8 path"),
    );
    println!("\n| one assessment → SVG | time | peak memory |\n| --- | ---: | ---: |");
    for (label, binary) in &binaries {
        let run = best(options.runs.max(5), || {
            measure(binary, &["plot", one_text, "-o", svg_text, "--force"])
        });
        println!(
            "| {label} `koers plot FILE -o one.svg` | {:.1} ms | {} |",
            run.wall.as_secs_f64() * 1000.0,
            mib(run.peak_kib)
        );
    }
    let python = Command::new("python3")
        .args(["-c", "import matplotlib, tomllib"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if python {
        let script = options.dir.join("anchor.py");
        std::fs::write(&script, ANCHOR).expect("the script is written");
        let run = best(options.runs.max(5), || {
            measure(
                Path::new("python3"),
                &[script.to_str().expect("a UTF-8 path"), one_text, svg_text],
            )
        });
        println!(
            "| Python tomllib + matplotlib | {:.1} ms | {} |",
            run.wall.as_secs_f64() * 1000.0,
            mib(run.peak_kib)
        );
    } else {
        println!("| Python tomllib + matplotlib | not installed here | |");
    }
}

/// The single-file anchor: read one assessment with Python's tomllib and draw a point on
/// a 0–100 square with matplotlib.
const ANCHOR: &str = r#"
import sys, tomllib
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt
with open(sys.argv[1], "rb") as f:
    doc = tomllib.load(f)
values = [v for v in doc["answers"].values() if isinstance(v, int)]
mean = 100 * (sum(values) / len(values) - 1) / 5
fig, ax = plt.subplots(figsize=(6, 6))
ax.set_xlim(0, 100); ax.set_ylim(0, 100)
ax.axvline(50); [ax.axhline(y) for y in (25, 50, 75)]
ax.scatter([mean], [mean])
ax.annotate(doc["organisation"]["name"], (mean, mean))
fig.savefig(sys.argv[2])
"#;
