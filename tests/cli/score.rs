//! `koers score`: every format, every grouping, read back by real parsers.

use crate::{run, run_en};

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
        header[..6],
        [
            "organisation_id",
            "organisation",
            "instrument",
            "kind",
            "date",
            "round"
        ]
    );
    let x = header.iter().position(|h| h == "x").unwrap();
    let region = header.iter().position(|h| h == "region").unwrap();
    let region_id = header.iter().position(|h| h == "region_id").unwrap();
    let reliable = header.iter().position(|h| h == "reliable").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 18);
    let mut insufficient = 0;
    for row in &rows {
        // Portaal 2007 answers no focus question under 2.1: no x, so no position.
        if row[x].is_empty() {
            assert!(row[region].is_empty(), "no region without a position");
            continue;
        }
        // An insufficiently answered position keeps its numbers but has no region.
        if &row[reliable] == "false" {
            insufficient += 1;
            assert!(
                row[region].is_empty() && row[region_id].is_empty(),
                "{row:?}"
            );
            assert!(row[x].parse::<f64>().is_ok());
            continue;
        }
        let value: f64 = row[x].parse().expect("a dot as decimal separator");
        assert!((0.0..=100.0).contains(&value));
        assert!(
            row[region].contains(" — "),
            "labels with a dash survive quoting"
        );
    }
    assert_eq!(insufficient, 2, "Portaal 2006 and its ambition");
}

#[test]
fn csv_quotes_names_with_commas_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(
        &file,
        "instrument = \"sev\"\n[organisation]\nname = \"Wonen, Zorg & \\\"Oost\\\"\"\n[assessment]\ndate = 2007-05-31\n[answers]\nbeheerder = 3\nbuurtbeheerder = 4\n",
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
    assert_eq!(report.version, 3);
    assert_eq!(report.groups.len(), 18);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &value["groups"][0];
    for key in [
        "organisation",
        "kind",
        "date",
        "respondents",
        "reliable",
        "excluded",
        "position",
        "spread",
        "coverage",
        "region",
        "margin",
        "fixed",
        "sections",
        "stats",
        "method",
        "excluded_files",
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

/// Writes assessments of one organisation into a fresh folder: `(file, answers)` pairs.
fn group_folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, answers) in files {
        let respondent = name.trim_end_matches(".toml");
        std::fs::write(
            dir.path().join(name),
            format!(
                "instrument = \"sev\"\n[organisation]\nname = \"Woonstichting Proef\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"{respondent}\"\n[answers]\n{answers}"
            ),
        )
        .unwrap();
    }
    dir
}

/// A complete answer set: `ladder` on every extent question (1–6), `focus` on every focus
/// question (1–5), 3 on the regie questions, and "unknown" for the ids in `unknown`.
fn answers(ladder: i64, focus: i64, unknown: &[&str]) -> String {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let mut out = String::new();
    for (section, q) in instrument.questions() {
        let value = if unknown.contains(&q.id.as_str()) || unknown.contains(&section.id.as_str()) {
            "\"unknown\"".to_string()
        } else if section.id.starts_with("focus") {
            focus.to_string()
        } else if section.id == "regie" {
            "3".to_string()
        } else {
            ladder.to_string()
        };
        out.push_str(&format!("{} = {value}\n", q.id));
    }
    out
}

/// Answers with every emancipatie ladder question "weet niet".
fn without_emancipatie(ladder: i64, focus: i64) -> String {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let rung: Vec<&str> = instrument
        .sections
        .iter()
        .filter(|s| s.id == "emancipatie")
        .flat_map(|s| s.questions.iter().map(|q| q.id.as_str()))
        .collect();
    answers(ladder, focus, &rung)
}

#[test]
fn a_rung_of_weet_niet_is_unreliable_in_every_format() {
    let dir = group_folder(&[("r1.toml", without_emancipatie(5, 4))]);
    let path = dir.path().to_str().unwrap();
    let table = score(&[path]);
    assert!(table.contains("onvoldoende ingevuld"), "{table}");
    assert!(
        table.contains(
            "onvoldoende ingevuld: een onderdeel dat op een as meetelt, is voor minder dan 60% beantwoord"
        ),
        "{table}"
    );
    let english = score(&[path, "--lang", "en"]);
    assert!(english.contains("insufficiently answered"), "{english}");
    let markdown = score(&[path, "--format", "markdown"]);
    assert!(markdown.contains("| onvoldoende ingevuld |"), "{markdown}");
    let csv_text = score(&[path, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let column = |name: &str| &row[headers.iter().position(|h| h == name).unwrap()];
    assert_eq!(column("reliable"), "false");
    let json: serde_json::Value =
        serde_json::from_str(&score(&[path, "--format", "json"])).unwrap();
    assert_eq!(json["groups"][0]["reliable"], false);
    let (code, explain, err) = crate::run(&["explain", path, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        explain.contains("not sufficiently answered: too little answered (below 60%) in")
            && explain.contains("Emancipation corporation")
            && explain.contains("0% answered for y"),
        "{explain}"
    );
}

#[test]
fn one_respondent_has_no_sd_and_no_certainty() {
    let dir = group_folder(&[("r1.toml", answers(5, 4, &[]))]);
    let path = dir.path().to_str().unwrap();
    let table = score(&[path]);
    let row = table.lines().nth(2).unwrap();
    // The sd columns show "–", never 0.0.
    assert!(row.contains("  –     –  "), "{table}");
    assert!(
        table.contains("bij één respondent is er geen spreiding"),
        "{table}"
    );
    let csv_text = score(&[path, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    for name in ["sd_x", "sd_y", "se_x", "ci_low_x", "fixed"] {
        assert_eq!(
            &row[headers.iter().position(|h| h == name).unwrap()],
            "",
            "{name}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&score(&[path, "--format", "json"])).unwrap();
    let group = &json["groups"][0];
    assert!(group["spread"]["x"].is_null() && group["stats"]["y"]["sd"].is_null());
    assert!(group["certain"].is_null());
}

#[test]
fn a_sparse_respondent_is_left_out_and_named() {
    let dir = group_folder(&[
        ("r1.toml", answers(5, 4, &[])),
        ("r2.toml", answers(5, 4, &["voorzitter"])),
        ("r3.toml", answers(4, 4, &[])),
        ("nieuw.toml", without_emancipatie(2, 2)),
    ]);
    let path = dir.path().to_str().unwrap();
    let table = score(&[path]);
    assert!(table.contains("1 respondent weggelaten"), "{table}");
    assert!(
        table.contains("Weggelaten uit Woonstichting Proef · 2026-03-01")
            && table.contains("nieuw.toml: Emancipatiecorporatie"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&score(&[path, "--format", "json"])).unwrap();
    let group = &json["groups"][0];
    assert_eq!(group["respondents"], 4);
    assert_eq!(group["stats"]["x"]["n"], 3, "three count");
    assert_eq!(group["excluded"][0]["respondent"], "nieuw");
    assert!(
        group["excluded_files"][0]
            .as_str()
            .unwrap()
            .ends_with("nieuw.toml")
    );
    let (_, explain, _) = crate::run(&["explain", path]);
    assert!(
        explain.contains("3 respondenten (1 weggelaten)"),
        "{explain}"
    );
    assert!(explain.contains("weggelaten  "), "{explain}");
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
    let (code, out, err) = run_en(&["score", dir.path().to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("no assessments found"), "{err}");
}

#[test]
fn one_invalid_file_among_valid_ones_shows_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("de-dijk");
    std::fs::create_dir(&folder).unwrap();
    for entry in std::fs::read_dir(crate::root().join("assessments/examples/de-dijk")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), folder.join(entry.file_name())).unwrap();
    }
    std::fs::write(
        folder.join("kapot.toml"),
        "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-01-01\n[answers]\nbeheerder = 9\n",
    )
    .unwrap();
    let path = folder.to_str().unwrap();
    let (code, out, err) = crate::run(&["score", path]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("kapot.toml:7:13: fout:"), "{err}");
    assert!(
        err.contains("koers: 1 ongeldig bestand; niets getoond, want een positie zonder dat bestand kan verkeerd zijn"),
        "{err}"
    );
    let (code, _, err) = crate::run(&["score", path, "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("nothing shown, because a position without that file could be wrong"),
        "{err}"
    );
}

/// `koers score` with `COLUMNS` set, as a terminal of that width would have it.
fn score_at(columns: &str, args: &[&str]) -> String {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    let mut command = crate::koers(&all);
    command.env("COLUMNS", columns);
    let (code, out, err) = crate::outcome(command);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn the_table_fits_the_terminal_and_is_whole_in_a_pipe() {
    let longest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap();
    let whole = score(&["assessments/examples"]);
    assert!(
        longest(&whole) > 80,
        "the examples' table is wider than 80 when whole"
    );
    for (lang, args) in [
        ("nl", vec!["assessments/examples"]),
        ("en", vec!["assessments/examples", "--lang", "en"]),
        (
            "en",
            vec![
                "assessments/examples/groenstede",
                "--by",
                "role",
                "--lang",
                "en",
            ],
        ),
        ("nl", vec!["assessments/examples", "--by", "respondent"]),
    ] {
        let fitted = score_at("80", &args);
        for line in fitted.lines() {
            assert!(
                line.chars().count() <= 80,
                "{lang} {args:?}: {line:?}\n{fitted}"
            );
        }
        // The date column is kept: it tells one organisation's rows apart (the region
        // goes before it; x and y place the position).
        let header = fitted.lines().next().unwrap();
        assert!(
            header
                .split_whitespace()
                .any(|w| w == if lang == "nl" { "datum" } else { "date" }),
            "{fitted}"
        );
    }
    let fitted = score_at("80", &["assessments/examples"]);
    // (A name may wrap between its words.)
    for name in ["Buurtgenoot", "Dijk", "Lingehof", "Portaal"] {
        assert!(fitted.contains(name), "{name}: {fitted}");
    }
    // What had to go is said under the table, and the columns are gone.
    assert!(
        fitted.contains(
            "(respondenten, sd x, sd y, dekking x, dekking y, gebied, marge weggelaten om in\n"
        ),
        "{fitted}"
    );
    assert!(!fitted.lines().next().unwrap().contains("sd x"), "{fitted}");
    // Wide enough, nothing is left out and nothing wraps: the table is the whole one.
    assert_eq!(score_at("400", &["assessments/examples"]), whole);
}

#[test]
fn on_a_narrow_terminal_the_remarks_and_the_place_stay_longest() {
    // At 60 columns the region and the kind go before the remarks and the date: Portaal's
    // rows still say "onvoldoende ingevuld", and every row keeps its x and y.
    let fitted = score_at("60", &["assessments/examples"]);
    let header = fitted.lines().next().unwrap();
    for kept in ["organisatie", "datum", "x", "y", "opmerkingen"] {
        assert!(
            header.split_whitespace().any(|h| h == kept),
            "{kept}: {fitted}"
        );
    }
    assert!(!header.contains("gebied"), "{fitted}");
    // The table's rows: the lines before the first empty one (the legend under it names
    // Portaal's source too).
    let portaal: Vec<&str> = fitted
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("Portaal"))
        .collect();
    assert_eq!(portaal.len(), 3, "{fitted}");
    for row in portaal {
        let numbers = row
            .split_whitespace()
            .filter(|w| w.contains(',') && w.replace(',', ".").parse::<f64>().is_ok());
        // Portaal 2007 answers no focus question under 2.1, so it has no position.
        if row.ends_with(" geen") || row.contains("geen positie") {
            assert_eq!(numbers.count(), 0, "{row}");
            continue;
        }
        assert!(row.contains("onvoldoende"), "{row}\n{fitted}");
        assert_eq!(numbers.count(), 2, "x and y: {row}");
    }
    for line in fitted.lines() {
        assert!(line.chars().count() <= 60, "{line:?}");
    }
}

#[test]
fn agenda_profile_and_gap_fit_the_terminal_too() {
    for command in ["agenda", "profile", "gap"] {
        let mut fitted = crate::koers(&[command, "assessments/examples"]);
        fitted.env("COLUMNS", "80");
        let (code, fitted, err) = crate::outcome(fitted);
        assert_eq!(code, 0, "{err}");
        for line in fitted.lines() {
            assert!(line.chars().count() <= 80, "{command}: {line:?}");
        }
        let (_, whole, _) = run(&[command, "assessments/examples"]);
        assert!(
            whole.lines().any(|l| l.chars().count() > 80),
            "{command} is wider than 80 when whole, so the test can fail"
        );
    }
}

#[test]
fn percentages_are_written_one_way_without_a_space() {
    let spaced = |text: &str| {
        let chars: Vec<char> = text.chars().collect();
        chars.windows(3).any(|w| {
            w[0].is_ascii_digit() && matches!(w[1], ' ' | '\u{a0}' | '\u{202f}') && w[2] == '%'
        })
    };
    for args in [
        vec![
            "explain",
            "assessments/examples/portaal/portaal-2007-end.toml",
        ],
        vec!["explain", "assessments/examples/groenstede", "--lang", "en"],
        vec!["score", "assessments/examples"],
        vec!["profile", "assessments/examples"],
        vec![
            "report",
            "assessments/examples",
            "--format",
            "markdown",
            "-o",
            "-",
        ],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains('%'), "{args:?} shows a percentage");
        assert!(!spaced(&out), "{args:?}: a percentage with a space\n{out}");
    }
}

#[test]
fn every_command_that_writes_a_file_says_so_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (csv, agenda, schema, man) = (path("p.csv"), path("a.md"), path("s.json"), path("man"));
    let runs: [(Vec<&str>, String); 4] = [
        (
            vec![
                "score",
                "assessments/examples",
                "--format",
                "csv",
                "-o",
                &csv,
            ],
            format!("{csv} geschreven: 18 posities\n"),
        ),
        (
            vec!["agenda", "assessments/examples", "-o", &agenda],
            format!("{agenda} geschreven\n"),
        ),
        (
            vec!["schema", "--instrument", "sev", "-o", &schema],
            format!("{schema} geschreven: een JSON Schema\n"),
        ),
        (vec!["man", "--dir", &man], String::new()),
    ];
    // One position is said in the singular, as plot and report say it.
    let one = path("one.csv");
    let (_, _, err) = run(&["score", "assessments/examples/de-dijk", "-o", &one]);
    assert_eq!(err, format!("{one} geschreven: 1 positie\n"));
    for (args, said) in &runs {
        let (code, out, err) = run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        if said.is_empty() {
            assert!(
                err.ends_with(&format!("man-pagina's geschreven in {man}\n")),
                "{err}"
            );
        } else {
            assert_eq!(&err, said, "{args:?}");
        }
        // Again with --quiet (and --force, as the file is there now): nothing is said.
        let mut quiet = vec!["--quiet"];
        quiet.extend(args.iter().copied());
        quiet.push("--force");
        let (code, _, err) = run(&quiet);
        assert_eq!((code, err.as_str()), (0, ""), "{quiet:?}");
    }
}

/// The five worked examples of the ladder rule (K = 3, θ = 0.5), one organisation each,
/// through `koers score` with a custom instrument that declares `[ladder]`.
#[test]
fn the_ladder_rule_places_the_five_worked_examples_in_json() {
    let out = score(&["tests/fixtures/ladder", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 3);
    let groups = json["groups"].as_array().unwrap();
    let by_id = |id: &str| {
        groups
            .iter()
            .find(|g| g["organisation"]["id"] == id)
            .unwrap_or_else(|| panic!("no group {id}"))
    };
    for (id, y, skipped) in [
        ("een-trede", 25.0, vec![]),
        ("twee-treden", 50.0, vec![]),
        ("alle-treden", 80.0, vec![]),
        ("overal-wat", 15.0, vec![]),
        ("overgeslagen", 0.0, vec!["emancipatie"]),
    ] {
        let group = by_id(id);
        assert_eq!(group["method"], 3, "{id}");
        let actual = group["position"]["y"].as_f64().unwrap();
        assert!((actual - y).abs() < 1e-9, "{id}: {actual}");
        let ladder = &group["ladder"];
        assert_eq!(ladder["skipped"], serde_json::json!(skipped), "{id}");
        assert!(ladder["extents"].is_array() && ladder["attained"].is_array());
        assert!(ladder["level"].is_u64());
    }
    // Method 2 on request: y is the rungs' mean, and no ladder.
    let out = score(&["tests/fixtures/ladder", "--format", "json", "--method", "2"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &json["groups"][0];
    assert_eq!(first["method"], 2);
    assert!(first.get("ladder").is_none());
}

#[test]
fn a_map_file_in_the_folder_is_passed_over_and_named_explicitly_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("de-dijk");
    std::fs::create_dir(&folder).unwrap();
    let example = std::fs::read_dir(crate::root().join("assessments/examples/lingehof"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::copy(example, folder.join("lingehof-r01.toml")).unwrap();
    // The README's map, with the [answers] an assessment has too.
    let map = "respondent = \"Deelnemer\"\nrole = \"Afdeling\"\nskip = [\"Opmerkingen\"]\n[columns]\n\"Wie zat het wijkoverleg voor?\" = \"voorzitter\"\n[answers]\n\"A1\" = 1\n\"Geen idee\" = \"weet niet\"\n";
    let map_path = folder.join("map.toml");
    std::fs::write(&map_path, map).unwrap();
    let (code, out, err) = crate::run(&["score", folder.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("map.toml"), "{err}");
    let (code, _, err) = crate::run(&["validate", folder.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = crate::run(&["score", map_path.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("kolomkoppeling"), "{err}");
}

#[test]
fn an_insufficiently_answered_position_has_no_region_in_any_format() {
    // Portaal 2006 and its 2012 ambition are insufficiently answered.
    let json: serde_json::Value = serde_json::from_str(&score(&[
        "assessments/examples/portaal",
        "--format",
        "json",
    ]))
    .unwrap();
    let groups = json["groups"].as_array().unwrap();
    let placed: Vec<&serde_json::Value> =
        groups.iter().filter(|g| !g["position"].is_null()).collect();
    assert_eq!(placed.len(), 2);
    for g in placed {
        assert_eq!(g["reliable"], false, "{g}");
        assert!(
            g["region"].is_null() && g["margin"].is_null() && g["fixed"].is_null(),
            "{g}"
        );
        assert!(g["position"]["x"].is_number(), "the numbers stay: {g}");
        // Marked as a reading of the article, with its source.
        assert!(
            g["sources"][0]
                .as_str()
                .unwrap()
                .contains("gepubliceerd artikel")
        );
    }
    let table = score(&["assessments/examples/portaal"]);
    for region in ["Verhuurder", "Voorzieningencorporatie", "Wijkregisseur"] {
        assert!(!table.contains(region), "{table}");
    }
    assert!(table.contains("onvoldoende ingevuld"));
    assert!(!table.contains("onbetrouwbaar"));
    let en = crate::run_en(&["score", "assessments/examples/portaal"]).1;
    assert!(
        en.contains("insufficiently answered") && !en.contains("unreliable"),
        "{en}"
    );
}

#[test]
fn a_reading_of_an_article_and_an_ambitions_horizon_are_marked_in_the_table() {
    let table = score(&["assessments/examples/portaal"]);
    // The name in every row, and the source under the table.
    let rows: Vec<&str> = table
        .lines()
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        rows.iter().all(|r| r.starts_with("Portaal (lezing)")),
        "{table}"
    );
    assert!(table.contains(
        "Portaal (lezing): een lezing van een bron, niet de eigen beoordeling van de organisatie: Lezing van een gepubliceerd artikel"
    ), "{table}");
    assert!(table.contains("ambitie 2012"), "{table}");
    let own = score(&["assessments/examples/lingehof"]);
    assert!(!own.contains("lezing"), "{own}");
    assert!(own.contains("ambitie 2013"), "{own}");
    let csv = score(&["assessments/examples/portaal", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().ends_with(",horizon,source"));
    assert!(csv.contains(",2012,"), "{csv}");
}

/// A row "overige" in a table by role says why it is there: the privacy rule, in a line
/// under the table (a line of its own in Markdown, not a row), as the picture's key does.
#[test]
fn a_table_by_role_names_the_privacy_rule_under_its_row_overige() {
    let args = ["score", "assessments/examples/de-dijk", "--by", "role"];
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(" overige "),
        "the example merges its roles\n{out}"
    );
    let note = "Privacy: rollen van minder dan 3 personen staan samen als `overige`.";
    assert!(out.lines().any(|l| l == note), "{out}");
    let mut md = args.to_vec();
    md.extend(["--format", "markdown"]);
    let (_, out, _) = run(&md);
    assert!(out.contains(&format!("|\n\n{note}\n")), "{out}");
    let mut en = args.to_vec();
    en.extend(["--lang", "en"]);
    let (_, out, _) = run(&en);
    assert!(
        out.contains("Privacy: roles of fewer than 3 people stand together as `overige`."),
        "{out}"
    );
    // Without a merged role there is nothing to explain.
    let (_, out, _) = run(&["score", "assessments/examples/de-dijk"]);
    assert!(!out.contains("Privacy"), "{out}");
}

/// At 80 columns the table by wijk breaks no "x uit" cell over two lines (it broke
/// "werkgebied (n =" / "3)"), and no line is wider than the terminal.
#[test]
fn the_table_by_wijk_fits_80_columns_without_breaking_its_x_from_cells() {
    let mut command = crate::koers(&["score", "assessments/examples", "--by", "wijk"]);
    command.env("COLUMNS", "80");
    let (code, out, err) = crate::outcome(command);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("werkgebied n=3"), "{out}");
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "{line}");
        if line.contains("werkgebied") {
            assert!(
                line.contains("werkgebied n="),
                "a broken cell: {line}\n{out}"
            );
        }
        assert!(!line.trim_start().starts_with("3)"), "{out}");
    }
    assert!(
        out.contains("x uit organisatie: minder dan 3 respondenten werken in de wijk"),
        "{out}"
    );
}
