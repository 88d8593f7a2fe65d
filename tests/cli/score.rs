//! `koers score`: every format, every grouping, read back by real parsers.

use crate::run;

fn score(args: &[&str]) -> String {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn table() {
    insta::assert_snapshot!("score_table", score(&["assessments/examples"]));
}

#[test]
fn table_in_english_by_role() {
    insta::assert_snapshot!(
        "score_table_by_role_en",
        score(&[
            "assessments/examples/groenstede",
            "--by",
            "role",
            "--lang",
            "en"
        ])
    );
}

#[test]
fn markdown() {
    insta::assert_snapshot!(
        "score_markdown",
        score(&["assessments/examples", "--format", "markdown"])
    );
}

#[test]
fn csv_opens_in_a_spreadsheet() {
    let out = score(&["assessments/examples", "--format", "csv"]);
    insta::assert_snapshot!("score_csv", out);
    assert!(out.starts_with('\u{feff}'), "a byte order mark for Excel");
    let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..4],
        ["organisation_id", "organisation", "kind", "date"]
    );
    let x = header.iter().position(|h| h == "x").unwrap();
    let region = header.iter().position(|h| h == "region").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 16);
    for row in &rows {
        let value: f64 = row[x].parse().expect("a dot as decimal separator");
        assert!((0.0..=100.0).contains(&value));
        assert!(
            row[region].contains(" — "),
            "labels with a dash survive quoting"
        );
    }
}

#[test]
fn csv_quotes_names_with_commas_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(
        &file,
        "instrument = \"sev\"\n[organisation]\nname = \"Wonen, Zorg & \\\"Oost\\\"\"\n[assessment]\ndate = 2007-05-31\n[answers]\nnieuwbouw = 3\nbuurtbeheer = 4\n",
    )
    .unwrap();
    let out = score(&[file.to_str().unwrap(), "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "Wonen, Zorg & \"Oost\"");
}

#[test]
fn json_is_read_back_into_the_library_types() {
    let out = score(&["assessments/examples", "--format", "json"]);
    insta::assert_snapshot!("score_json", out);
    #[derive(serde::Deserialize)]
    struct Report {
        version: u32,
        groups: Vec<koers::Group>,
    }
    let report: Report = serde_json::from_str(&out).unwrap();
    assert_eq!(report.version, 1);
    assert_eq!(report.groups.len(), 16);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &value["groups"][0];
    for key in [
        "organisation",
        "kind",
        "date",
        "respondents",
        "position",
        "spread",
        "coverage",
        "region",
        "margin",
        "sections",
    ] {
        assert!(!first[key].is_null(), "{key} is part of the contract");
    }
    assert!(first["organisation"]["id"].is_string() && first["region"]["label"].is_object());
}

#[test]
fn by_respondent_gives_one_row_per_file() {
    let out = score(&[
        "assessments/examples/groenstede",
        "--by",
        "respondent",
        "--format",
        "csv",
    ]);
    let reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.into_records().count(), 13);
}

#[test]
fn low_coverage_is_marked_unreliable() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(
        &file,
        "instrument = \"sev\"\n[organisation]\nname = \"Weinig\"\n[assessment]\ndate = 2007-05-31\n[answers]\nnieuwbouw = 3\nbuurtbeheer = 4\n",
    )
    .unwrap();
    let out = score(&[file.to_str().unwrap()]);
    // nieuwbouw = 3 and buurtbeheer = 4 give (62.5, 75): emancipatie, sociaal accent, on
    // the boundary (margin 0), from 2 of 31 questions.
    assert!(
        out.contains("Emancipatiecorporatie — sociaal accent *     0.0"),
        "{out}"
    );
    assert!(
        out.contains("* coverage below 60% on an axis: the position is unreliable"),
        "{out}"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `koers score ... | head -1`: the reader goes away after one line.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("koers"))
        .current_dir(crate::root())
        .args(["score", "assessments/examples", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_folder_without_assessments_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(&["score", dir.path().to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("no assessments found"), "{err}");
}
