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
            // A key the header does not have (a misspelt `date` would also be missing).
            head.replace("date =", "datum = 2007-05-31\ndate =")
                .into_bytes(),
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
        // The five files whose answers could be read (an unknown header key no longer
        // stops the reading, nor does a syntax error) also miss answers: the warnings are
        // shown beside the errors.
        out.contains("checked 7 files: 0 valid, 7 invalid (7 errors, 5 warnings)"),
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
            "7 bestanden gecontroleerd: 0 geldig, 7 ongeldig (7 fouten, 5 waarschuwingen)"
        ),
        "{out}"
    );
    let places = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| match l.strip_prefix(path) {
                Some(rest) => rest.split(": ").next().unwrap_or_default().to_string(),
                None if l.starts_with("koers: ") => String::new(),
                // The help note is in the language of the run; its place is not.
                None if l.trim_start().starts_with("= ") => "  = help".to_string(),
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

/// A word that is none of a field's values is shown with the value meant, in both
/// languages and in JSON: here the axis of an instrument's ladder.
#[test]
fn a_misspelt_ladder_axis_is_shown_with_the_axis_meant() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("eigen.toml");
    let sev = std::fs::read_to_string(crate::root().join("assessments/sev.toml")).unwrap();
    let text = sev.replacen("axis = \"y\"", "axis = \"yy\"", 1);
    assert_ne!(text, sev, "the instrument has a ladder on y");
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    let (code, _, err) = run(&["validate", path]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("onbekende as `yy` voor de ladder"), "{err}");
    assert!(err.contains("  = hulp: bedoelt u `y`?\n"), "{err}");
    let (_, _, en) = run_en(&["validate", path]);
    assert!(en.contains("  = help: did you mean `y`?\n"), "{en}");
    let (_, json, _) = run_en(&["validate", "--format", "json", path]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["diagnostics"][0]["help"], "did you mean `y`?",
        "{json}"
    );
}

/// A file with four problems: a date that is no date, a misspelt kind, a misspelt
/// question id and an answer off the scale.
fn four_problems() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = \"31-05-2026\"\nkind = \"curent\"\n[answers]\nbeheerdr = 4\nbuurtbeheerder = 9\n",
    )
    .unwrap();
    dir
}

/// The diagnostics with the temporary folder's path replaced, and escape characters
/// made visible, for a snapshot.
fn stable(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "[dir]")
        .replace('\u{1b}', "␛")
}

#[test]
fn every_problem_of_a_file_is_shown_in_one_run_with_help() {
    let dir = four_problems();
    let file = dir.path().join("a.toml");
    let (code, _, err) = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    let places: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(": fout: "))
        .map(|l| {
            l.split(": fout: ")
                .next()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        places,
        ["a.toml:5:8", "a.toml:6:8", "a.toml:8:1", "a.toml:9:18"],
        "{err}"
    );
    assert!(err.contains("  = hulp: bedoelt u `huidig`?\n"), "{err}");
    assert!(err.contains("  = hulp: bedoelt u `beheerder`?\n"), "{err}");
    // The help is a note of its own, not the tail of the message.
    assert!(!err.contains("; bedoelt u"), "{err}");
    // The warning is not hidden by the errors.
    assert!(
        err.contains(": waarschuwing: 46 van de 47 vragen niet beantwoord"),
        "{err}"
    );
    // The span is underlined whole: the misspelt id is 8 characters.
    assert!(err.contains("8 | beheerdr = 4\n  | ^^^^^^^^\n"), "{err}");
    let (_, _, en) = run_en(&["validate", file.to_str().unwrap()]);
    assert!(en.contains("  = help: did you mean `current`?\n"), "{en}");
    assert!(
        en.contains(": warning: 46 of 47 questions not answered"),
        "{en}"
    );
}

/// The places of the errors `koers validate` reports for `file`, file name only.
fn error_places(err: &str) -> Vec<&str> {
    err.lines()
        .filter_map(|l| l.split_once(": fout: "))
        .map(|(place, _)| place.rsplit(['/', '\\']).next().unwrap())
        .collect()
}

#[test]
fn a_syntax_error_does_not_hide_the_files_other_problems() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    // A date TOML cannot read (a syntax error), an unknown kind, an unknown question and
    // a second syntax error after it.
    std::fs::write(
        &file,
        "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-13-45\nkind = \"curent\"\n[answers]\nbeheerdr = 4\nbuurtbeheerder = = 3\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (code, _, err) = run(&["validate", path]);
    assert_eq!(code, 1, "{err}");
    let places = error_places(&err);
    for place in ["a.toml:5:8", "a.toml:6:8", "a.toml:8:1", "a.toml:9:18"] {
        assert!(places.contains(&place), "{place} missing: {err}");
    }
    assert!(err.contains("ongeldige datum"), "{err}");
    assert!(err.contains("  = hulp: bedoelt u `huidig`?\n"), "{err}");
    assert!(err.contains("  = hulp: bedoelt u `beheerder`?\n"), "{err}");
    // The unreadable date is reported once, as what it is, not also as missing; the
    // unreadable answer is not read as a made-up value.
    assert!(!err.contains("ontbreekt"), "{err}");
    assert!(!err.contains("`date`"), "{err}");
    assert!(!err.contains("past niet op de schaal"), "{err}");
    // No problem without its place.
    assert!(!err.contains(":0:0"), "{err}");
    // `score` refuses the file with the same errors, and writes nothing.
    let (code, out, score_err) = run(&["score", path]);
    assert_eq!(code, 1, "{score_err}");
    assert_eq!(out, "");
    assert_eq!(error_places(&score_err), places, "{score_err}");
    // A key the parser left out for its syntax error is not also missing.
    std::fs::write(
        &file,
        "instrument = \"sev\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-01\n[answers]\nbeheerder = 3\n",
    )
    .unwrap();
    let (code, _, err) = run(&["validate", path]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(error_places(&err), ["a.toml:1:18"], "{err}");
}

#[test]
fn a_syntax_error_in_a_matrix_stops_at_the_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    std::fs::write(&file, "[[regions]]\nname = \"x\n").unwrap();
    let (code, _, err) = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(error_places(&err).len(), 1, "{err}");
}

#[test]
fn diagnostics_without_and_with_colour() {
    let dir = four_problems();
    let file = dir.path().join("a.toml");
    let file = file.to_str().unwrap();
    // Into a pipe, `auto` (the default) gives no colour.
    let (_, _, plain) = run(&["validate", file]);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let (_, _, never) = run(&["validate", "--color", "never", file]);
    assert_eq!(never, plain);
    insta::assert_snapshot!("diagnostics_plain", stable(&plain, dir.path()));
    let mut always = crate::koers(&["--color", "always", "validate", file]);
    always.env("NO_COLOR", "1");
    let (_, _, coloured) = crate::outcome(always);
    assert!(
        coloured.contains("\u{1b}[1m\u{1b}[91mfout\u{1b}[0m"),
        "{coloured}"
    );
    insta::assert_snapshot!("diagnostics_coloured", stable(&coloured, dir.path()));
    // Without the escapes, the coloured text is the plain one.
    let stripped =
        String::from_utf8(anstream::adapter::strip_bytes(coloured.as_bytes()).into_vec()).unwrap();
    assert_eq!(stripped, plain);
}

#[test]
fn validate_as_json_gives_every_diagnostic_with_its_help() {
    let dir = four_problems();
    let file = dir.path().join("a.toml");
    let (code, out, err) = run(&["validate", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        !err.contains("fout:"),
        "the diagnostics go to the JSON only: {err}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 1);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let fields: Vec<(u64, u64, &str, Option<&str>)> = diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d["file"], file.to_str().unwrap());
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["severity"].as_str().unwrap(),
                d["help"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            (5, 8, "error", None),
            (6, 8, "error", Some("bedoelt u `huidig`?")),
            (8, 1, "error", Some("bedoelt u `beheerder`?")),
            (9, 18, "error", None),
            (7, 1, "warning", None),
        ]
    );
    assert!(
        diagnostics[2]["message"]
            .as_str()
            .unwrap()
            .starts_with("onbekende vraag `beheerdr`")
    );
    let summary = &json["summary"];
    assert_eq!(
        (
            &summary["files"],
            &summary["invalid"],
            &summary["errors"],
            &summary["warnings"]
        ),
        (&1.into(), &1.into(), &4.into(), &1.into())
    );
    // A valid folder: no diagnostics, exit 0.
    let (code, out, _) = run(&[
        "validate",
        "--format",
        "json",
        "assessments/examples/lingehof",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(json["summary"]["invalid"], 0);
}

#[test]
fn commands_that_score_count_the_warnings_in_one_line_and_point_to_validate() {
    let dir = tempfile::tempdir().unwrap();
    let examples = crate::root().join("assessments/examples/lingehof");
    // The example with two respondents that each skip a question: a warning each, and
    // no error.
    let mut paths: Vec<_> = std::fs::read_dir(&examples)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut skipped = 0;
    for path in paths {
        let mut text = std::fs::read_to_string(&path).unwrap();
        if skipped < 2
            && let Some(at) = text.find("\nbeheerder = ")
        {
            let end = text[at + 1..].find('\n').map_or(text.len(), |e| at + 1 + e);
            text = format!("{}{}", &text[..at], &text[end..]);
            skipped += 1;
        }
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    assert_eq!(skipped, 2, "two examples answer `beheerder`");
    let input = dir.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = |name: &str| out.path().join(name).to_str().unwrap().to_string();
    let (svg, html) = (file("m.svg"), file("r.html"));
    let commands: [&[&str]; 7] = [
        &["score", input],
        &["plot", input, "-o", &svg],
        &["report", input, "-o", &html],
        &["agenda", input],
        &["profile", input],
        &["gap", input],
        &["explain", input],
    ];
    for args in commands {
        let (code, _, err) = run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!err.contains("waarschuwing:"), "{args:?}: {err}");
        assert!(!err.contains(" | "), "no snippet: {args:?}: {err}");
        let summary: Vec<&str> = err.lines().filter(|l| l.contains("waarschuwing")).collect();
        assert_eq!(
            summary,
            ["2 waarschuwingen in 2 bestanden; `koers validate` toont ze"],
            "{args:?}: {err}"
        );
    }
    // validate shows both, each with its place.
    let (code, _, err) = run(&["validate", input]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches(": waarschuwing: ").count(), 2, "{err}");
}

/// The warning about the questions not answered names the first few and counts the rest:
/// a fresh `koers init` file would otherwise give one line of ~770 characters. Only
/// `--format json`, read by a program, lists every id.
#[test]
fn the_questions_not_answered_are_listed_briefly_except_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    let path = file.to_str().unwrap();
    let (code, _, err) = crate::run(&["init", "-o", path]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("name = \"\"", "name = \"De Dijk\"")).unwrap();
    let (code, _, err) = crate::run(&["validate", path]);
    assert_eq!(code, 0, "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("vragen niet beantwoord"))
        .unwrap_or_else(|| panic!("{err}"));
    let (_, message) = line.split_once(": waarschuwing: ").unwrap();
    assert!(message.ends_with(" … en nog 39"), "{line}");
    // Eight ids of the 47: the message itself stays within a terminal line or two.
    assert_eq!(message.split(", ").count(), 8, "{line}");
    assert!(message.chars().count() <= 160, "{line}");
    // On a terminal of 80 columns, it is wrapped to fit, in at most three lines.
    let mut command = crate::koers(&["validate", path]);
    command.env("COLUMNS", "80");
    let (_, _, fitted) = crate::outcome(command);
    let headline = headlines(&fitted)
        .into_iter()
        .find(|h| h[0].contains("vragen niet beantwoord"))
        .unwrap_or_else(|| panic!("{fitted}"));
    assert!((2..=3).contains(&headline.len()), "{fitted}");
    assert!(headline.iter().all(|l| l.chars().count() <= 80), "{fitted}");
    let (_, _, en) = crate::run_en(&["validate", path]);
    assert!(en.contains(" … and 39 more\n"), "{en}");
    // JSON keeps every id.
    let (_, out, _) = crate::run(&["validate", "--format", "json", path]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert_eq!(message.split(", ").count(), 47, "{message}");
    assert!(!message.contains("en nog"), "{message}");
}

/// The number (from 1) of the first line of `text` that is `line`.
fn line_of(text: &str, line: &str) -> usize {
    text.lines()
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("{line}"))
        + 1
}

/// An example file broken three ways: a misspelt `[organisation]`, a month 13 and an
/// answer off the scale, written into a new folder as `bad.toml`.
fn misspelt_table() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        crate::root().join("assessments/examples/perspectief/2008-03-01-r2.toml"),
    )
    .unwrap()
    .replacen("[organisation]", "[organistion]", 1)
    .replacen("date = 2008-03-01", "date = 2008-13-01", 1)
    .replacen("beheerder = 4", "beheerder = 9", 1);
    std::fs::write(dir.path().join("bad.toml"), &text).unwrap();
    (dir, text)
}

/// A misspelt table hides none of the file's other problems: the unknown key with its
/// nearest name, the bad date and the answer off the scale come in one run, and the
/// table is not also reported missing.
#[test]
fn a_misspelt_table_hides_no_other_problem() {
    let (dir, text) = misspelt_table();
    let file = dir.path().join("bad.toml");
    let (code, out, err) = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    let at = |line: &str, column: usize| format!("bad.toml:{}:{column}", line_of(&text, line));
    assert_eq!(
        error_places(&err),
        [
            at("[organistion]", 2),
            at("date = 2008-13-01", 8),
            at("beheerder = 9", 13)
        ],
        "{err}"
    );
    assert!(err.contains("onbekende sleutel `organistion`"), "{err}");
    assert!(
        err.contains("  = hulp: bedoelt u `organisation`?\n"),
        "{err}"
    );
    assert!(!err.contains("ontbrekende sleutel"), "{err}");
    assert!(out.contains("(3 fouten"), "{out}");
}

/// A copy of the SEV instrument and of its matrix, each with two syntax errors: both
/// reported, each at its place.
#[test]
fn an_instrument_or_a_matrix_reports_every_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, from, breaks) in [
        (
            "i.toml",
            "assessments/sev.toml",
            [
                ("id = \"beheerder\"", "id = = \"beheerder\""),
                ("id = \"renovatie\"", "id = \"renovatie"),
            ],
        ),
        (
            "m.toml",
            "assessments/sev-matrix.toml",
            [
                ("id = \"rol\"", "id = rol\""),
                (
                    "id = \"verhuurder-sociaal\"",
                    "id = \"verhuurder-sociaal\" x",
                ),
            ],
        ),
    ] {
        let mut text = std::fs::read_to_string(crate::root().join(from)).unwrap();
        for (good, bad) in breaks {
            text = text.replacen(good, bad, 1);
        }
        let file = dir.path().join(name);
        std::fs::write(&file, &text).unwrap();
        let (code, _, err) = run(&["validate", file.to_str().unwrap()]);
        assert_eq!(code, 1, "{err}");
        let lines: Vec<String> = error_places(&err)
            .iter()
            .map(|place| place.split(':').nth(1).unwrap().to_string())
            .collect();
        let expected: Vec<String> = breaks
            .iter()
            .map(|(_, bad)| line_of(&text, bad).to_string())
            .collect();
        assert_eq!(lines, expected, "{err}");
    }
}

/// The first lines of the diagnostics in `err`: each line that starts one, with the lines
/// that continue it (indented, and neither a quoted line nor a note).
fn headlines(err: &str) -> Vec<Vec<&str>> {
    let mut found: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for line in err.lines() {
        let rest = line.trim_start();
        let quoted = rest.starts_with(['|', '='])
            || rest
                .split_once(" |")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
        if line.contains(": fout: ") || line.contains(": waarschuwing: ") {
            found.push(vec![line]);
            open = true;
        } else if open && line.starts_with("    ") && !quoted {
            found.last_mut().unwrap().push(line);
        } else {
            open = false;
        }
    }
    found
}

/// A diagnostic's first line fits `COLUMNS`, broken between words with its further lines
/// indented, and its place whole; without `COLUMNS` into a pipe (as tables are printed
/// whole there) each is one line, as editors and `grep` read them.
#[test]
fn a_diagnostics_first_line_fits_the_terminal() {
    let (dir, _) = misspelt_table();
    let validate = |columns: Option<&str>| {
        let mut command = crate::koers(&["validate", "bad.toml"]);
        command.current_dir(dir.path());
        if let Some(columns) = columns {
            command.env("COLUMNS", columns);
        }
        crate::outcome(command).2
    };
    let whole = validate(None);
    let one_line: Vec<String> = headlines(&whole).iter().map(|h| h.join(" ")).collect();
    assert!(headlines(&whole).iter().all(|h| h.len() == 1), "{whole}");
    assert!(one_line[0].chars().count() > 80, "{whole}");
    for width in [60, 80] {
        let err = validate(Some(&width.to_string()));
        let fitted = headlines(&err);
        assert!(fitted[0].len() > 1, "{err}");
        for line in fitted.iter().flatten() {
            assert!(line.chars().count() <= width, "{width}: {line:?}\n{err}");
        }
        // The same words, the place first and whole.
        let joined: Vec<String> = fitted
            .iter()
            .map(|h| {
                h.iter()
                    .map(|l| l.trim_start())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(joined, one_line, "{err}");
        assert!(fitted[0][0].starts_with("bad.toml:12:2: fout: "), "{err}");
        assert!(
            fitted[0][1..].iter().all(|l| l.starts_with("    ")),
            "{err}"
        );
        // The quoted line and the help are unchanged.
        assert!(err.contains("12 | [organistion]\n"), "{err}");
        assert!(
            err.contains("  = hulp: bedoelt u `organisation`?\n"),
            "{err}"
        );
    }
    insta::assert_snapshot!("diagnostics_fitted_to_60_columns", validate(Some("60")));
}
