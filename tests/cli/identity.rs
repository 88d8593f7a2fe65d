//! What only shows across files: the same respondent twice, one organisation under two
//! names or scored with two instruments, one instrument reached by two paths, and files
//! that are not clearly one kind of document.

use crate::{run, run_en};
use std::path::Path;

/// A complete assessment of one respondent of `name`, with every answer 3.
fn assessment(name: &str, id: &str, respondent: &str) -> String {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let mut text = format!(
        "instrument = \"sev\"\n[organisation]\nname = \"{name}\"\nid = \"{id}\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"{respondent}\"\n[answers]\n"
    );
    for (_, q) in instrument.questions() {
        text.push_str(&format!("{} = 3\n", q.id));
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn one_respondent_in_two_files_is_an_error_that_names_both() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &assessment("De Dijk", "dijk", "r1"));
    write(dir.path(), "b.toml", &assessment("De Dijk", "dijk", "r1"));
    let (code, out, err) = run_en(&["score", dir.path().to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(
        err.contains(
            "b.toml:7:14: error: respondent `r1` of `dijk` (current, 2026-03-01) also answers in"
        ) && err.contains("a.toml"),
        "{err}"
    );
}

#[test]
fn one_organisation_id_under_two_names_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &assessment("De Dijk", "dijk", "r1"));
    write(
        dir.path(),
        "b.toml",
        &assessment("Woonstichting De Dijk", "dijk", "r2"),
    );
    let (code, out, err) = run_en(&["score", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("b.toml:3:8: warning: organisation `dijk` is called \"Woonstichting De Dijk\" here but \"De Dijk\" in"),
        "{err}"
    );
    assert!(out.contains("De Dijk"), "{out}");
}

#[test]
fn a_stray_key_of_another_kind_is_an_error_not_a_skipped_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.toml", &assessment("De Dijk", "dijk", "r1"));
    let stray = assessment("De Dijk", "dijk", "r2")
        .replace("[organisation]", "regions = 1\n[organisation]");
    write(dir.path(), "stray.toml", &stray);
    let path = dir.path().to_str().unwrap();
    for command in ["score", "validate"] {
        let (code, _, err) = run_en(&[command, path]);
        assert_eq!(code, 1, "{command}: {err}");
        assert!(
            err.contains("stray.toml:2:1: error: this file has keys of two kinds of document (`answers` and `regions`)"),
            "{command}: {err}"
        );
    }
}

#[test]
fn one_instrument_by_two_paths_is_one_instrument_and_rows_name_their_instrument() {
    let dir = tempfile::tempdir().unwrap();
    let custom = crate::root().join("tests/fixtures/custom");
    for file in ["instrument.toml", "matrix.toml", "wooncompagnie-r1.toml"] {
        std::fs::copy(custom.join(file), dir.path().join(file)).unwrap();
    }
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let r2 = std::fs::read_to_string(custom.join("wooncompagnie-r2.toml"))
        .unwrap()
        .replace("\"instrument.toml\"", "\"../instrument.toml\"");
    write(&dir.path().join("sub"), "r2.toml", &r2);
    // And the same organisation scored with the built-in instrument too.
    let builtin = assessment("Wooncompagnie Noord", "noord", "r9");
    write(dir.path(), "sev.toml", &builtin);
    let path = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["score", path, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (instrument, respondents) = (column("instrument"), column("respondents"));
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[instrument].to_string(), r[respondents].to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("sev 2.1".to_string(), "1".to_string()),
            ("huurdersbeleid 0.1".to_string(), "2".to_string()),
        ],
        "both paths give one instrument, so one row of two respondents: {out}"
    );
    let (_, table, _) = run(&["score", path]);
    assert!(
        table.lines().next().unwrap().contains("instrument"),
        "{table}"
    );
    let (_, json, _) = run(&["score", path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["groups"][0]["instrument"]["id"], "sev");
    assert_eq!(json["groups"][1]["instrument"]["id"], "huurdersbeleid");
}

#[test]
fn init_writes_the_instrument_path_relative_to_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let custom = crate::root().join("tests/fixtures/custom");
    for file in ["instrument.toml", "matrix.toml"] {
        std::fs::copy(custom.join(file), dir.path().join(file)).unwrap();
    }
    let output = dir.path().join("sub/deeper/x.toml");
    std::fs::create_dir_all(output.parent().unwrap()).unwrap();
    let instrument = dir.path().join("instrument.toml");
    let (code, _, err) = run(&[
        "init",
        "--instrument",
        instrument.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(
        text.contains("instrument = \"../../instrument.toml\""),
        "{text}"
    );
}
