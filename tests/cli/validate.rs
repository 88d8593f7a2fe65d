//! `koers validate`, and what every command does with broken input.

use crate::{run, run_en};
use std::path::Path;

#[test]
fn the_examples_and_the_instrument_are_valid() {
    let (code, out, err) = run_en(&["validate", "assessments"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "no warnings either");
    insta::assert_snapshot!("validate_assessments", out);
}

/// A folder with one broken file per kind of problem.
fn broken_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let head = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2007-05-31\n[answers]\n";
    let files: [(&str, Vec<u8>); 7] = [
        (
            "1-syntax.toml",
            format!("{head}beheerder = = 3\n").into_bytes(),
        ),
        (
            "2-unknown-key.toml",
            head.replace("date =", "datum =").into_bytes(),
        ),
        (
            "3-unknown-question.toml",
            format!("{head}beheeder = 3\n").into_bytes(),
        ),
        (
            "4-off-scale.toml",
            format!("{head}beheerder = 7\n").into_bytes(),
        ),
        (
            "5-wrong-type.toml",
            format!("{head}beheerder = \"veel\"\n").into_bytes(),
        ),
        ("6-empty.toml", Vec::new()),
        ("7-binary.toml", vec![0xff, 0xfe, 0x00, 0x12, 0x9c, 0x80]),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn broken_files_each_get_one_located_diagnostic_and_exit_1() {
    let dir = broken_folder();
    let before = listing(dir.path());
    let path = dir.path().to_str().unwrap();
    let (code, out, err) = run_en(&["validate", path]);
    assert_eq!(code, 1, "{err}");
    let located: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(path) && l.contains(": error: "))
        .collect();
    let expected = [
        ("1-syntax.toml", "7:13"),
        ("2-unknown-key.toml", "5:1"),
        ("3-unknown-question.toml", "7:1"),
        ("4-off-scale.toml", "7:13"),
        ("5-wrong-type.toml", "7:13"),
        ("6-empty.toml", "1:1"),
        ("7-binary.toml", "1:1"),
    ];
    assert_eq!(located.len(), expected.len(), "{err}");
    for ((file, place), line) in expected.iter().zip(&located) {
        assert!(
            line.starts_with(&format!("{path}/{file}:{place}: error: ")),
            "{line}"
        );
    }
    assert!(
        out.contains("checked 7 files: 0 valid, 7 invalid (7 errors, 0 warnings)"),
        "{out}"
    );
    // The offending line is quoted under the message, with a caret under the column.
    assert!(
        err.contains("7 | beheerder = 7\n  |             ^"),
        "{err}"
    );
    assert_eq!(listing(dir.path()), before, "validate writes nothing");
    insta::assert_snapshot!("validate_broken", err.replace(path, "BROKEN"));

    // The same problems in Dutch, the default: the words change, the places, the quoted
    // lines and the carets do not.
    let (code, out, nl) = run(&["validate", path]);
    assert_eq!(code, 1, "{nl}");
    assert!(
        out.contains(
            "7 bestanden gecontroleerd: 0 geldig, 7 ongeldig (7 fouten, 0 waarschuwingen)"
        ),
        "{out}"
    );
    let places = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| match l.strip_prefix(path) {
                Some(rest) => rest.split(": ").next().unwrap_or_default().to_string(),
                None if l.starts_with("koers: ") => String::new(),
                None => l.to_string(),
            })
            .collect()
    };
    assert_eq!(places(&nl), places(&err));
    assert_eq!(
        nl.lines().filter(|l| l.contains(": fout: ")).count(),
        7,
        "{nl}"
    );
    insta::assert_snapshot!("validate_broken_nl", nl.replace(path, "BROKEN"));
}

#[test]
fn score_and_plot_refuse_broken_input_and_write_nothing() {
    let dir = broken_folder();
    let before = listing(dir.path());
    let path = dir.path().to_str().unwrap();
    let (code, out, err) = run_en(&["score", path]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.contains(": error: ")).count(),
        7,
        "{err}"
    );
    let svg = dir.path().join("out.svg");
    let (code, _, _) = run_en(&["plot", path, "-o", svg.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        listing(dir.path()),
        before,
        "no picture and no temporary file left"
    );
}

#[test]
fn a_missing_path_exits_2() {
    let (code, _, err) = run_en(&["validate", "no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read no/such/folder"), "{err}");
}

#[test]
fn an_unknown_instrument_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(
        &file,
        "instrument = \"sef\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = 2007-05-31\n",
    )
    .unwrap();
    let (code, _, err) = run_en(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("a.toml:1:14: error: unknown instrument `sef`"),
        "{err}"
    );
}
