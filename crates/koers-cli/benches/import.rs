//! `cargo bench -p koers-cli --bench import`: `koers import` of a synthetic export of
//! 5,000 respondents (every question of the SEV instrument, points from a fixed
//! pseudo-random sequence), against `koers score` reading the 5,000 files it wrote: wall
//! time (best of `--runs N`, default 3) and peak memory of each process (from
//! `/usr/bin/time -f %M` where it exists). The import of a fifth of the rows too, so that
//! the memory per respondent is told from the constant. Prints a Markdown table for
//! BENCHMARKS.md.
//! The binary measured is the one cargo built for this profile: `cargo bench` builds it
//! optimised. No framework: `harness = false`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The export: a header of question ids, then `rows` respondents.
fn export(rows: usize) -> String {
    let instrument = koers::builtin::instrument("sev").expect("sev is built in");
    let questions: Vec<_> = instrument.questions().map(|(_, q)| q).collect();
    let mut text = String::from("respondent,rol");
    for q in &questions {
        text.push(',');
        text.push_str(&q.id);
    }
    text.push('\n');
    let mut state: u64 = 1;
    for r in 0..rows {
        text.push_str(&format!("r{r},beheerder"));
        for q in &questions {
            let scale = instrument.scale_of(q).expect("every question has a scale");
            // A linear congruential sequence: the same export on every machine.
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let span = (scale.max - scale.min + 1) as u64;
            text.push_str(&format!(",{}", scale.min + ((state >> 33) % span) as i64));
        }
        text.push('\n');
    }
    text
}

/// Runs `koers args`, `runs` times after `before`, and gives the best wall time and the
/// peak memory (KiB; 0 when `/usr/bin/time` is not there).
fn measure(args: &[&str], runs: usize, before: &dyn Fn()) -> (Duration, u64) {
    let koers = env!("CARGO_BIN_EXE_koers");
    let timer = Path::new("/usr/bin/time").exists();
    let mut best = Duration::MAX;
    let mut peak = 0;
    for _ in 0..runs {
        before();
        let mut command = if timer {
            let mut c = Command::new("/usr/bin/time");
            c.args(["-f", "%M", koers]);
            c
        } else {
            Command::new(koers)
        };
        command.args(args).env("KOERS_LANG", "en");
        let start = Instant::now();
        let output = command.output().expect("koers runs");
        best = best.min(start.elapsed());
        assert!(
            output.status.success(),
            "koers {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if timer {
            peak = String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or(0);
        }
    }
    (best, peak)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let runs = value("--runs").unwrap_or(3);
    let rows = value("--rows").unwrap_or(5_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    // Each run imports into a folder of its own, kept until the end: on ext4, files
    // created right after 5,000 others were deleted cost several times the system time
    // (the allocator passes over recently freed inodes), which is not what a user's
    // import meets.
    let run = std::cell::Cell::new(0);
    let import_of = |rows: usize| {
        let file = dir.path().join(format!("export-{rows}.csv"));
        std::fs::write(&file, export(rows)).expect("the export is written");
        measure(
            &[
                "import",
                file.to_str().expect("a UTF-8 path"),
                "--organisation",
                "De Dijk",
                "--date",
                "2026-01-01",
                "--quiet",
                "-o",
                out.to_str().expect("a UTF-8 path"),
            ],
            runs,
            &|| {
                // The folder of the previous run moves aside, so that `out` is new.
                run.set(run.get() + 1);
                if out.exists() {
                    let aside = dir.path().join(format!("earlier-{}", run.get()));
                    std::fs::rename(&out, aside).expect("the folder moves aside");
                }
            },
        )
    };
    // A fifth of the rows first: the memory that grows with the respondents is the
    // difference, what is left the constant (the program, the instrument, buffers).
    let (_, small_kib) = import_of(rows / 5);
    let (import, import_kib) = import_of(rows);
    let (score, score_kib) = measure(
        &[
            "score",
            out.to_str().expect("a UTF-8 path"),
            "--format",
            "csv",
        ],
        runs,
        &|| {},
    );
    println!("| step ({rows} respondents, best of {runs}) | time | peak memory |");
    println!("| --- | ---: | ---: |");
    println!(
        "| `koers import` (writes {rows} files) | {:.2} s | {:.1} MiB |",
        import.as_secs_f64(),
        import_kib as f64 / 1024.0
    );
    println!(
        "| `koers score` of those files | {:.2} s | {:.1} MiB |",
        score.as_secs_f64(),
        score_kib as f64 / 1024.0
    );
    println!(
        "| `koers import` of {} respondents | | {:.1} MiB |",
        rows / 5,
        small_kib as f64 / 1024.0
    );
    let growth = import_kib.saturating_sub(small_kib) as f64 / (rows - rows / 5) as f64;
    println!(
        "\nimport against score: {:.1}× (target ≤ 3×); memory per respondent: {:.2} KiB beyond a constant of {:.1} MiB (target ≤ 2 KiB); {:.1} KiB per respondent all in",
        import.as_secs_f64() / score.as_secs_f64(),
        growth,
        (import_kib as f64 - growth * rows as f64) / 1024.0,
        import_kib as f64 / rows as f64
    );
}
