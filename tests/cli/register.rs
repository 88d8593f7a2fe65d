//! Registers: read with the assessments, never counted as respondents, and the source of
//! a group's ladder and of a row per wijk.

use crate::{run, run_en};

#[test]
fn a_register_gives_the_ladder_and_the_staff_give_x() {
    let (code, out, err) = run(&[
        "score",
        "assessments/examples/het-veerhuis",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let group = &json["groups"][0];
    // Four respondents, the register is not a fifth.
    assert_eq!(group["respondents"], 4);
    assert_eq!(group["axes"]["y"]["source"], "register");
    assert_eq!(group["axes"]["x"]["source"], "respondents");
    assert_eq!(group["register"]["date"], "2026-02-01");
    // Voorzieningen in the register: 3.2 of 10 → 0.32, no rung clearly practised, so
    // y = 25 × 0.32 / 0.5 = 16; the staff saw 0.73 there.
    let y = group["position"]["y"].as_f64().unwrap();
    assert!((y - 16.0).abs() < 1e-9, "{y}");
    let rung = &group["perception"][0];
    assert_eq!(rung["rung"], "voorzieningen");
    assert!((rung["register"].as_f64().unwrap() - 0.32).abs() < 1e-9);
    assert!(
        rung["difference"].as_f64().unwrap() > 0.4,
        "the staff over-estimate"
    );
    // No interval on y: a record is not a sample.
    assert!(group["stats"]["y"].is_null());
    assert!(group["stats"]["x"]["interval"].is_array());
    // A group without a register says nothing of it.
    let (_, out, _) = run(&["score", "assessments/examples/de-dijk", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["groups"][0].get("axes").is_none());
}

#[test]
fn by_wijk_gives_each_wijk_its_own_rung() {
    let (code, out, err) = run_en(&[
        "score",
        "assessments/examples/groenstede",
        "--by",
        "wijk",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let wijken = json["wijken"].as_array().unwrap();
    assert_eq!(wijken.len(), 6);
    let y = |i: usize| wijken[i]["position"]["y"].as_f64().unwrap();
    // Centrum: every recorded voorzieningen and wijkregie practice, six of ten
    // emancipatie ones: 75 + 25 × 0.1 / 0.5 = 80. Dorp: one voorzieningen practice of
    // ten: 25 × 0.1 / 0.5 = 5.
    assert!((y(0) - 80.0).abs() < 1e-9, "{}", y(0));
    assert!((y(5) - 5.0).abs() < 1e-9, "{}", y(5));
    assert_eq!(wijken[0]["source"]["source"], "werkgebied");
    assert_eq!(wijken[0]["source"]["n"], 3);
    assert_eq!(wijken[1]["source"]["source"], "organisation");
    let (code, out, _) = run_en(&["score", "assessments/examples/groenstede", "--by", "wijk"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Centrum") && out.contains("werkgebied n=3"),
        "{out}"
    );
    // The terminal table says under it what a cell "organisation" means; Markdown, read
    // in a wider window, says it in the cell.
    assert!(
        out.contains("\nx from organisation: fewer than 3 respondents work in the wijk"),
        "{out}"
    );
    let (_, md, _) = run_en(&[
        "score",
        "assessments/examples/groenstede",
        "--by",
        "wijk",
        "--format",
        "markdown",
    ]);
    assert!(md.contains("| werkgebied (n = 3) |"), "{md}");
    assert!(md.contains("| organisation (&lt; 3 in wijk) |"), "{md}");
    // Without a register there is nothing to show per wijk.
    let (code, _, err) = run_en(&["score", "assessments/examples/de-dijk", "--by", "wijk"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no register found"), "{err}");
}

#[test]
fn a_malformed_register_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        crate::root().join("assessments/examples/het-veerhuis/register-2026.toml"),
    )
    .unwrap()
    .replace("buurtgebouw = [\"haven\"]", "buurtgebouw = [\"havne\"]")
    .replace("homes = 300", "homes = -300");
    let path = dir.path().join("register.toml");
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = run_en(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("register.toml:40:9"), "{err}");
    assert!(err.contains("homes -300 of wijk `molenwijk`"), "{err}");
    assert!(err.contains("unknown wijk `havne`"), "{err}");
    assert!(err.contains("did you mean `haven`?"), "{err}");
    // A practice that is no ladder question, against the instrument.
    let text = std::fs::read_to_string(
        crate::root().join("assessments/examples/het-veerhuis/register-2026.toml"),
    )
    .unwrap()
    .replace("[practices]\n", "[practices]\nbeheerder = []\n");
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = run_en(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("`beheerder` in [practices] is not a ladder question"),
        "{err}"
    );
}

#[test]
fn the_register_template_lists_every_ladder_question_and_validates_once_filled() {
    let (code, out, err) = run(&["init", "--register", "--date", "2026-03-01"]);
    assert_eq!(code, 0, "{err}");
    let sev = koers::builtin::instrument("sev").unwrap();
    let ladder = sev.ladder.as_ref().unwrap();
    for section in sev.sections.iter().filter(|s| ladder.rungs.contains(&s.id)) {
        for question in &section.questions {
            assert!(
                out.contains(&format!("\n# {} = []\n", question.id)),
                "{}",
                question.id
            );
        }
    }
    // Filled in: a name, one wijk, one practice.
    let filled = out
        .replace("name = \"\"", "name = \"De Dijk\"")
        .replace(
            "# [[wijken]]\n# id = \"centrum\"\n# name = \"Centrum\"\n# homes = 1200",
            "[[wijken]]\nid = \"centrum\"\nname = \"Centrum\"\nhomes = 1200",
        )
        .replace("# buurtgebouw = []", "buurtgebouw = [\"centrum\"]");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.toml");
    std::fs::write(&path, filled).unwrap();
    let (code, out, err) = run_en(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    // The schema of a register.
    let (code, out, _) = run(&["schema", "register"]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["title"], "koers register");
    assert!(schema["properties"]["wijken"].is_object());
}

#[test]
fn plot_and_report_place_a_registered_group_where_score_does() {
    let dir = tempfile::tempdir().unwrap();
    let examples = "assessments/examples";
    let (code, out, err) = run(&["score", examples, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let groups = json["groups"].as_array().unwrap();
    let scored = |id: &str| {
        let group = groups
            .iter()
            .find(|g| g["organisation"]["id"] == id)
            .unwrap();
        assert_eq!(group["axes"]["y"]["source"], "register", "{id}");
        let at = |axis: &str| group["position"][axis].as_f64().unwrap();
        (at("x"), at("y"))
    };
    // The picture's key, one row per position with x and y to one decimal.
    let key = dir.path().join("key.csv");
    let svg = dir.path().join("plot.svg");
    let (code, _, err) = run_en(&[
        "plot",
        examples,
        "-o",
        svg.to_str().unwrap(),
        "--key",
        key.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let key = std::fs::read_to_string(&key).unwrap();
    let picture = std::fs::read_to_string(&svg).unwrap();
    let (code, report, err) = run_en(&["report", examples, "--format", "markdown", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    for (id, name) in [
        ("groenstede", "Woonstichting Groenstede"),
        ("het-veerhuis", "Woonstichting Het Veerhuis"),
    ] {
        let (x, y) = scored(id);
        let row = key
            .lines()
            .find(|l| l.contains(&format!(",{id},")))
            .unwrap_or_else(|| panic!("{id} in {key}"));
        assert!(row.contains(&format!("{x:.1},{y:.1}")), "{row}");
        // The picture's description names every position with its numbers.
        let described = picture
            .split(". ")
            .find(|sentence| sentence.starts_with(&format!("{name}, current position")))
            .unwrap_or_else(|| panic!("{id} in the picture"));
        assert!(
            described.contains(&format!("x {x:.1}, y {y:.1}")),
            "{described}"
        );
        assert!(
            report.contains(&format!("{name} stands as"))
                && report.contains(&format!("(x {x:.1}, y {y:.1})")),
            "{id} in the report"
        );
    }
}

#[test]
fn the_report_has_a_row_per_wijk_as_score_by_wijk_gives_it() {
    let (code, out, err) = run_en(&[
        "score",
        "assessments/examples/groenstede",
        "--by",
        "wijk",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (code, report, err) = run_en(&[
        "report",
        "assessments/examples/groenstede",
        "--format",
        "markdown",
        "-o",
        "-",
    ]);
    assert_eq!(code, 0, "{err}");
    let section = &report[report.find("### Per wijk").expect("a section Per wijk")..];
    let wijken = json["wijken"].as_array().unwrap();
    assert_eq!(wijken.len(), 6);
    for w in wijken {
        let at = |axis: &str| w["position"][axis].as_f64().unwrap();
        let row = format!(
            "| {} | {} | {:.1} | {:.1} | ",
            w["wijk"]["name"].as_str().unwrap(),
            w["wijk"]["homes"],
            at("y"),
            at("x"),
        );
        assert!(section.contains(&row), "{row} in {section}");
    }
    assert!(section.contains("werkgebied (3 respondents)"), "{section}");
    // The register of 2008-09-01 (register-2008.toml) gives the organisation's y.
    assert!(
        section.contains("y from the register of 1 September 2008, x from the answers"),
        "{section}"
    );
    // Without a register, no such section.
    let (_, report, _) = run_en(&[
        "report",
        "assessments/examples/de-dijk",
        "--format",
        "markdown",
        "-o",
        "-",
    ]);
    assert!(!report.contains("Per wijk"), "{report}");
}

/// A copy of Groenstede's folder in which respondent r04's werkgebied is `werkgebied`.
fn groenstede_with_werkgebied(werkgebied: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = crate::root().join("assessments/examples/groenstede");
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.ends_with("2008-10-01-r04.toml") {
            text = text.replace("werkgebied = [\"centrum\"]", werkgebied);
        }
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    dir
}

/// A register with a syntax error in a folder is reported, not passed over: without it
/// the group's y would silently come from its staff instead of its records.
#[test]
fn a_broken_register_in_a_folder_is_an_error_not_passed_over() {
    let dir = groenstede_with_werkgebied("werkgebied = [\"centrum\"]");
    let register = dir.path().join("register-2008.toml");
    let text = std::fs::read_to_string(&register).unwrap();
    std::fs::write(
        &register,
        text.replace("date = 2008-09-01", "date = 2008-09-01x"),
    )
    .unwrap();
    let (code, out, err) = run_en(&["score", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("register-2008.toml:16:8"), "{err}");
    assert!(out.is_empty(), "{out}");
}

#[test]
fn a_werkgebied_that_names_no_wijk_of_the_register_is_a_located_warning() {
    let dir = groenstede_with_werkgebied("werkgebied = [\"noord\", \"cetrum\"]");
    let path = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["validate", path]);
    assert_eq!(code, 0, "a warning, not an error: {out}{err}");
    // Line 18, the column of the opening quote of `"cetrum"`.
    assert!(
        err.contains("2008-10-01-r04.toml:18:24"),
        "not located: {err}"
    );
    assert!(err.contains("werkgebied `cetrum`"), "{err}");
    assert!(err.contains("bedoelt u `centrum`?"), "{err}");
    assert!(!err.contains("werkgebied `noord`"), "{err}");
    assert!(out.contains("1 waarschuwing"), "{out}");
    // `score` says it too, and scores on.
    let (code, _, err) = run_en(&["score", path]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("werkgebied `cetrum` is not a wijk"), "{err}");
    assert!(err.contains("did you mean `centrum`?"), "{err}");
    // Far from every wijk: the wijken are listed.
    let dir = groenstede_with_werkgebied("werkgebied = [\"xyzzy-plein\"]");
    let (_, _, err) = run(&["validate", dir.path().to_str().unwrap()]);
    assert!(err.contains("`centrum`, `noord`"), "{err}");
    // The examples name only wijken of their registers.
    let (code, _, err) = run(&["validate", "assessments/examples"]);
    assert_eq!(code, 0);
    assert!(!err.contains("werkgebied"), "{err}");
}

#[test]
fn profile_and_explain_leave_out_whom_score_leaves_out() {
    for dir in [
        "assessments/examples/het-veerhuis",
        "assessments/examples/groenstede",
    ] {
        let (code, out, err) = run(&["score", dir, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let group = &json["groups"][0];
        let respondents = group["respondents"].as_u64().unwrap();
        let left_out = group["excluded"].as_array().unwrap().len() as u64;
        let (code, out, err) = run(&["profile", dir, "--format", "csv"]);
        assert_eq!(code, 0, "{err}");
        let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = headers.iter().position(|h| h == "left_out").unwrap();
        for row in reader.records() {
            assert_eq!(
                row.unwrap()[column].parse::<u64>().unwrap(),
                left_out,
                "{dir}: profile against score"
            );
        }
        let (code, out, err) = run(&["explain", dir]);
        assert_eq!(code, 0, "{err}");
        let head = out.lines().next().unwrap();
        let counted = respondents - left_out;
        assert!(
            head.contains(&format!("{counted} respondenten")),
            "{dir}: {head}"
        );
        assert_eq!(
            head.contains("weggelaten"),
            left_out > 0,
            "{dir}: explain against score: {head}"
        );
        // And explain places the group where score does: y from the register.
        let y = format!("{:.1}", group["position"]["y"].as_f64().unwrap());
        assert!(
            out.contains(&format!("y {y} ("))
                || out.contains(&format!("y {} (", y.replace('.', ","))),
            "{dir}: y {y} in explain:\n{out}"
        );
        assert!(out.contains("uit de registratie"), "{dir}: {out}");
    }
}
