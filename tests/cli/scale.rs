//! Scoring many files on several threads: the output, the messages and their order are
//! the same for any number of threads; a file with Windows line endings is located right.

#[path = "../../crates/koers-cli/benches/corpus.rs"]
mod corpus;

use crate::koers;

/// (exit code, stdout, stderr) of `koers args` with `KOERS_THREADS` unset, in English
/// (the messages these tests read).
fn run(args: &[&str]) -> (i32, Vec<u8>, String) {
    let output = koers(args)
        .env_remove("KOERS_THREADS")
        .env("KOERS_LANG", "en")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        output.stdout,
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn every_thread_count_gives_the_same_bytes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let files = corpus::write_corpus(dir.path(), 12, 9, 7).unwrap();
    assert_eq!(files, 108);
    let path = dir.path().to_str().unwrap();
    for (format, by) in [
        ("csv", "organisation"),
        ("json", "organisation"),
        ("table", "role"),
        ("markdown", "respondent"),
    ] {
        let args = ["score", path, "--format", format, "--by", by];
        let (code, one, one_err) = run(&[&args[..], &["--threads", "1"]].concat());
        assert_eq!(code, 0, "{one_err}");
        // Twelve organisations, so twelve rows and more.
        assert!(
            String::from_utf8_lossy(&one)
                .matches("Woonstichting Nummer")
                .count()
                >= 12
        );
        for threads in ["2", "3", "8"] {
            let (code, many, many_err) = run(&[&args[..], &["--threads", threads]].concat());
            assert_eq!(code, 0, "{many_err}");
            assert!(
                one == many,
                "{format} by {by}: {threads} threads differ from one"
            );
            assert_eq!(one_err, many_err, "{format}: messages differ");
        }
    }
    // KOERS_THREADS does what --threads does.
    let (_, env, _) = {
        let output = koers(&["score", path, "--format", "csv"])
            .env("KOERS_THREADS", "2")
            .env("KOERS_LANG", "en")
            .output()
            .unwrap();
        (0, output.stdout, ())
    };
    let (_, one, _) = run(&["score", path, "--format", "csv", "--threads", "1"]);
    assert!(env == one);
    let (code, _, err) = run(&["score", path, "--threads", "0"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn messages_keep_their_place_and_order_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    corpus::write_corpus(dir.path(), 3, 40, 11).unwrap();
    // Break files all over the folder, each at a known line and column: an answer off
    // the scale, a syntax error, a duplicate respondent (reported after the single files).
    let org = dir.path().join("org001");
    let set = |file: &str, from: &str, to: &str| {
        let path = org.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let at = lines.iter().position(|l| l.starts_with(from)).unwrap();
        lines[at] = to.to_string();
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        at + 1
    };
    let off_scale = set("r05.toml", "beheerder", "beheerder = 9");
    let syntax = set("r17.toml", "buurtbeheerder", "buurtbeheerder = = 3");
    let duplicate = set("r33.toml", "respondent", "respondent = \"r02\"");
    let path = dir.path().to_str().unwrap();
    let (code, _, one) = run(&["score", path, "--threads", "1"]);
    assert_eq!(code, 1, "{one}");
    let errors: Vec<&str> = one.lines().filter(|l| l.contains(": error: ")).collect();
    let name = |file: &str| org.join(file).display().to_string();
    assert_eq!(errors.len(), 3, "{one}");
    assert!(
        errors[0].starts_with(&format!(
            "{}:{off_scale}:13: error: answer 9",
            name("r05.toml")
        )),
        "{one}"
    );
    assert!(
        errors[1].starts_with(&format!("{}:{syntax}:", name("r17.toml"))),
        "{one}"
    );
    assert!(
        errors[2].starts_with(&format!(
            "{}:{duplicate}:14: error: respondent `r02`",
            name("r33.toml")
        )),
        "{one}"
    );
    // Each error quotes its line.
    assert!(one.contains("beheerder = 9\n"), "{one}");
    for threads in ["2", "5"] {
        let (code, _, many) = run(&["score", path, "--threads", threads]);
        assert_eq!(code, 1);
        assert_eq!(one, many, "{threads} threads");
    }
}

#[test]
fn a_stray_key_in_a_file_with_windows_line_endings_is_found_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    // Nine lines before the stray header: counting each line one byte short (its "\r")
    // would put the error on line 9.
    let text = "instrument = \"sev\"\r\n\r\n[organisation]\r\nname = \"De Dijk\"\r\n\r\n[assessment]\r\ndate = 2026-03-01\r\n[answers]\r\nbeheerder = 3\r\n[[regions]]\r\nid = \"x\"\r\n";
    std::fs::write(dir.path().join("crlf.toml"), text).unwrap();
    let path = dir.path().to_str().unwrap();
    for command in ["score", "validate"] {
        let (code, _, err) = run(&[command, path]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("crlf.toml:10:1: error: this file has keys of two kinds of document"),
            "{command}: {err}"
        );
        assert!(err.contains("10 | [[regions]]"), "{command}: {err}");
    }
}

/// Writes `count` respondents of one organisation `X` as `r01.toml`…; `answer(i,
/// section, question)` gives respondent i's answer as TOML, or `None` to leave it open.
fn respondents(
    dir: &std::path::Path,
    count: usize,
    answer: impl Fn(usize, &str, &str) -> Option<String>,
) {
    let instrument = koers::builtin::instrument("sev").unwrap();
    for i in 1..=count {
        let mut text = format!(
            "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"r{i:02}\"\n[answers]\n"
        );
        for (section, q) in instrument.questions() {
            if let Some(answer) = answer(i, &section.id, &q.id) {
                text.push_str(&format!("{} = {answer}\n", q.id));
            }
        }
        std::fs::write(dir.join(format!("r{i:02}.toml")), text).unwrap();
    }
}

#[test]
fn a_run_of_many_files_counts_the_warnings_in_one_line_but_shows_every_error() {
    let dir = tempfile::tempdir().unwrap();
    // Each respondent skips one question: a warning per file; the 29th has an error too.
    respondents(dir.path(), 30, |i, _, id| match id {
        "buurtbeheerder" => None,
        "beheerder" if i == 29 => Some("9".into()),
        _ => Some("3".into()),
    });
    let path = dir.path().to_str().unwrap();
    let warnings = |err: &str| err.lines().filter(|l| l.contains(": warning: ")).count();
    let (code, _, err) = run(&["score", path]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(warnings(&err), 0, "{err}");
    // The error of the 29th file is shown in full, with its quoted line.
    assert!(
        err.contains("r29.toml:") && err.contains(": error: answer 9"),
        "{err}"
    );
    assert!(err.contains(" | beheerder = 9"), "{err}");
    assert!(
        err.contains("\n30 warnings in 30 files; `koers validate` shows them\n"),
        "{err}"
    );
    // validate shows every one.
    let (code, _, err) = run(&["validate", path]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(warnings(&err), 30, "{err}");
    assert!(!err.contains("`koers validate` shows them"), "{err}");
}

#[test]
fn the_table_lists_twenty_respondents_left_out_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    // All but the first two know nothing of the emancipatie rung: left out.
    respondents(dir.path(), 25, |i, section, _| {
        Some(
            if i > 2 && section == "emancipatie" {
                "\"weet niet\""
            } else {
                "3"
            }
            .into(),
        )
    });
    let path = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["score", path]);
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("Left out of X"))
            .count(),
        20,
        "{out}"
    );
    assert!(
        out.ends_with(
            "… and 3 more respondents left out; --format json or --format markdown names them all\n"
        ),
        "{out}"
    );
    // Markdown names every one.
    let (_, out, _) = run(&["score", path, "--format", "markdown"]);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out.lines().filter(|l| l.contains("Left out of X")).count(),
        23,
        "{out}"
    );
}
