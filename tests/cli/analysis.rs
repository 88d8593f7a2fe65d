//! `koers agenda`, `koers gap` and `koers profile`.

use crate::{root, run};
use std::path::Path;

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn groenstedes_agenda_shows_where_staff_disagree_and_roles_differ() {
    let out = ok(&["agenda", "assessments/examples/groenstede", "--lang", "en"]);
    assert!(
        out.starts_with(
            "Woonstichting Groenstede · current position · 2008-10-01 · 13 respondents"
        )
    );
    for heading in [
        "Least agreement",
        "Where the roles differ",
        "Most don't know / n/a",
    ] {
        assert!(out.contains(heading), "{heading}: {out}");
    }
    // The tables' symbols are explained once, under them, in each language (a board
    // member reads the agenda too).
    assert!(
        out.contains("\nr_wg(J): how unanimously the group"),
        "{out}"
    );
    assert!(out.contains("\nAD_M: the mean deviation"), "{out}");
    let nl = ok(&[
        "agenda",
        "assessments/examples/groenstede",
        "--format",
        "markdown",
    ]);
    assert!(
        nl.contains("\n- r\\_wg(J): hoe eensgezind de groep"),
        "{nl}"
    );
    assert!(nl.contains("\n- AD\\_M: de gemiddelde afwijking"), "{nl}");
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "agenda",
        "assessments/examples/groenstede",
        "--format",
        "json",
    ]))
    .unwrap();
    let agenda = &json["groups"][0]["agenda"];
    let rwg = agenda["mean_item_rwg"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&rwg));
    // Lowest agreement first, each r_wg within 0–1, and no more than the default five.
    let lowest: Vec<f64> = agenda["disagreement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["rwg"].as_f64().unwrap())
        .collect();
    assert_eq!(lowest.len(), 5);
    assert!(lowest.windows(2).all(|w| w[0] <= w[1]), "{lowest:?}");
    let roles = agenda["roles"].as_array().unwrap();
    assert!(!roles.is_empty());
    // Unwrapped: `Some(x) > None` holds for any x, so comparing the Options would pass
    // even if a mean were missing.
    let mean = |side: &str| roles[0][side]["mean"].as_f64().unwrap();
    assert!(mean("highest") > mean("lowest"), "{}", roles[0]);
    assert!(roles[0]["highest"]["role"].is_string() && roles[0]["lowest"]["role"].is_string());
    let csv_text = ok(&[
        "agenda",
        "assessments/examples/groenstede",
        "--format",
        "csv",
        "--size",
        "2",
    ]);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let lists: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[7].to_string())
        .collect();
    assert_eq!(
        lists.iter().filter(|l| *l == "disagreement").count(),
        2,
        "--size bounds each list"
    );
}

#[test]
fn lingehofs_gap_says_where_the_ambition_lies_in_words() {
    let out = ok(&["gap", "assessments/examples/lingehof"]);
    assert!(
        out.contains("Woonstichting Lingehof · 2009-04-01 · kloof naar de ambitie 2013"),
        "{out}"
    );
    assert!(out.contains("van Vastgoed naar Sociaal: +"), "{out}");
    assert!(
        out.contains("van Verhuurder naar Emancipatiecorporatie: +"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "gap",
        "assessments/examples/lingehof",
        "--format",
        "json",
    ]))
    .unwrap();
    let gap = &json["gaps"][0];
    let (x, y) = (gap["x"].as_f64().unwrap(), gap["y"].as_f64().unwrap());
    let now = &gap["current"];
    let then = &gap["ambition"];
    assert!((then["x"].as_f64().unwrap() - now["x"].as_f64().unwrap() - x).abs() < 1e-9);
    assert!(x > 0.0 && y > 0.0, "the ambition lies up and to the right");
    // Sections and questions come largest difference first.
    let sizes: Vec<f64> = gap["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["difference"].as_f64().unwrap().abs())
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
}

#[test]
fn a_gap_needs_an_ambition() {
    let (code, out, err) = run(&["gap", "assessments/examples/de-dijk"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("geen ambitie gevonden"), "{err}");
}

#[test]
fn the_profile_lists_every_section_and_checks_the_ladder() {
    let out = ok(&[
        "profile",
        "assessments/examples/veenstad",
        "--format",
        "markdown",
    ]);
    assert!(out.starts_with("## Woningbouwvereniging Veenstad · huidige positie · 2008-03-01"));
    assert!(
        out.contains("| Wijkregisseur: regie in de wijk | trede (y) |"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "profile",
        "assessments/examples",
        "--format",
        "json",
    ]))
    .unwrap();
    for entry in json["groups"].as_array().unwrap() {
        let sections = entry["profile"]["sections"].as_array().unwrap();
        assert_eq!(sections.len(), 8, "{}", entry["organisation"]["id"]);
    }
}

/// The rows of a CSV output (its byte order mark dropped), header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The cells of column `name` in `rows` (header first).
fn column<'a>(rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = rows[0].iter().position(|h| h == name).unwrap_or_else(|| {
        panic!("no column {name} in {:?}", rows[0]);
    });
    rows[1..].iter().map(|r| r[i].as_str()).collect()
}

#[test]
fn every_analysis_json_carries_its_format_version() {
    for (command, key) in [("agenda", "groups"), ("gap", "gaps"), ("profile", "groups")] {
        let json: serde_json::Value =
            serde_json::from_str(&ok(&[command, "assessments/examples", "--format", "json"]))
                .unwrap();
        assert_eq!(json["version"], 1, "{command}");
        assert!(
            !json[key].as_array().unwrap().is_empty(),
            "{command}: {key} missing"
        );
    }
}

#[test]
fn csv_cells_without_a_value_are_empty() {
    for command in ["agenda", "gap", "profile"] {
        let rows = csv_rows(&ok(&[command, "assessments/examples", "--format", "csv"]));
        assert!(rows.len() > 1, "{command}");
        for row in &rows {
            assert_eq!(row.len(), rows[0].len(), "{command}: {row:?}");
            assert!(
                row.iter().all(|c| c != "–" && c != "-"),
                "{command}: a dash for no value: {row:?}"
            );
        }
    }
    // An agenda's question rows leave the role columns empty, its role rows the question
    // figures.
    let rows = csv_rows(&ok(&["agenda", "assessments/examples", "--format", "csv"]));
    let lists = column(&rows, "list");
    let (highest, rwg) = (column(&rows, "highest_role"), column(&rows, "rwg"));
    for (i, list) in lists.iter().enumerate() {
        match *list {
            "roles" => assert!(!highest[i].is_empty() && rwg[i].is_empty(), "row {i}"),
            _ => assert!(highest[i].is_empty(), "row {i}"),
        }
    }
    assert!(lists.contains(&"roles"));
    // Portaal's one respondent gives no r_wg: an empty cell, as JSON gives null.
    let rows = csv_rows(&ok(&[
        "agenda",
        "assessments/examples/portaal",
        "--format",
        "csv",
    ]));
    assert!(column(&rows, "rwg").iter().all(|c| c.is_empty()));
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "agenda",
        "assessments/examples/portaal",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(json["groups"][0]["agenda"]["rwg"].is_null());
}

#[test]
fn the_analyses_say_when_a_position_is_unreliable_or_left_respondents_out() {
    // Portaal: one respondent per measurement, each too little answered.
    let out = ok(&["agenda", "assessments/examples/portaal"]);
    // Portaal 2007 answers no focus question under 2.1: no position at all.
    assert_eq!(
        out.matches("opmerkingen: onvoldoende ingevuld\n").count(),
        2,
        "{out}"
    );
    assert_eq!(
        out.matches("opmerkingen: geen positie\n").count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("onvoldoende ingevuld: een onderdeel dat op een as meetelt"),
        "{out}"
    );
    // No gap for Portaal under 2.1: its 2007 current reading has no position.
    let out = ok(&[
        "profile",
        "assessments/examples/portaal",
        "--format",
        "markdown",
    ]);
    assert!(out.contains("opmerkingen: onvoldoende ingevuld\n"), "{out}");
    assert!(out.contains("- onvoldoende ingevuld: "), "{out}");
    // Het Veerhuis without its register: one respondent left out (too little of the
    // ladder answered), named with the file and the reason.
    let staff = [
        "assessments/examples/het-veerhuis/2026-03-01-r1.toml",
        "assessments/examples/het-veerhuis/2026-03-01-r2.toml",
        "assessments/examples/het-veerhuis/2026-03-01-r3.toml",
        "assessments/examples/het-veerhuis/2026-03-01-r4.toml",
    ];
    let out = ok(&[&["agenda"][..], &staff].concat());
    assert!(
        out.contains("opmerkingen: 1 respondent weggelaten\n"),
        "{out}"
    );
    assert!(
        out.contains("Weggelaten uit Woonstichting Het Veerhuis · 2026-03-01 assessments/examples/het-veerhuis/2026-03-01-r4.toml: "),
        "{out}"
    );
    // With its register the ladder is the register's: the fourth counts for x.
    let out = ok(&["agenda", "assessments/examples/het-veerhuis"]);
    assert!(!out.contains("weggelaten"), "{out}");
    // Lingehof is reliable and certain: no remark.
    let out = ok(&["gap", "assessments/examples/lingehof"]);
    assert!(!out.contains("opmerkingen"), "{out}");
    // JSON and CSV carry the same.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["gap", "assessments/examples", "--format", "json"])).unwrap();
    let gap = |id: &str| {
        json["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["organisation"] == id)
            .cloned()
    };
    assert!(
        gap("portaal").is_none(),
        "Portaal 2007 has no current position"
    );
    assert_eq!(gap("lingehof").unwrap()["current_trust"]["reliable"], true);
    let rows = csv_rows(&ok(&["profile", "assessments/examples", "--format", "csv"]));
    let ids = column(&rows, "organisation_id");
    let (reliable, left_out) = (column(&rows, "reliable"), column(&rows, "left_out"));
    for (i, id) in ids.iter().enumerate() {
        let expected = if *id == "portaal" { "false" } else { "true" };
        assert_eq!(reliable[i], expected, "{id}");
        // Het Veerhuis's register gives its ladder: the respondent whose own ladder is
        // too little answered counts for x, as in `score`.
        assert_eq!(left_out[i], "0", "{id}");
    }
    let agenda = |paths: &[&str]| -> serde_json::Value {
        let json: serde_json::Value =
            serde_json::from_str(&ok(&[&["agenda", "--format", "json"][..], paths].concat()))
                .unwrap();
        json["groups"][0].clone()
    };
    let group = agenda(&staff);
    assert_eq!(group["agenda"]["trust"]["excluded"], 1);
    assert_eq!(
        (group["respondents"].as_u64(), group["counted"].as_u64()),
        (Some(4), Some(3))
    );
    let group = agenda(&["assessments/examples/het-veerhuis"]);
    assert_eq!(group["agenda"]["trust"]["excluded"], 0);
    assert_eq!(
        (group["respondents"].as_u64(), group["counted"].as_u64()),
        (Some(4), Some(4))
    );
}

#[test]
fn the_ladder_is_not_judged_on_rungs_mostly_unanswered() {
    // Portaal's 2006 measurement: two of its three rungs are below 60 % answered.
    let out = ok(&["profile", "assessments/examples/portaal"]);
    assert!(!out.contains("De ladder klimt"), "{out}");
    assert!(
        out.contains("Of de ladder klimt, is niet te beoordelen: treden Voorzieningencorporatie: voorzieningen boven op het wonen, Wijkregisseur: regie in de wijk en Emancipatiecorporatie: perspectief voor bewoners zijn grotendeels onbeantwoord (minder dan 60% beantwoord)."),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "profile",
        "assessments/examples",
        "--format",
        "json",
    ]))
    .unwrap();
    for group in json["groups"].as_array().unwrap() {
        let profile = &group["profile"];
        let low: Vec<&str> = profile["sections"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["rung"] == true && s["coverage"].as_f64().unwrap() < 0.6)
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        let unjudged: Vec<&str> = profile["unjudged"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(low, unjudged, "{}", group["organisation"]["id"]);
        if !low.is_empty() {
            assert_ne!(
                profile["ladder"], "climbs",
                "{}",
                group["organisation"]["id"]
            );
        }
        // A break is more than 10 points, not 10 plus rounding noise (one example group
        // differs by 10.000000000000014, shown as "10.0 punten boven … (meer dan 10.0)").
        for b in profile["breaks"].as_array().unwrap() {
            let by = b["by"].as_f64().unwrap();
            assert!(by > 10.0 + 1e-6, "{}: {by}", group["organisation"]["id"]);
        }
    }
}

/// A fresh folder for output files.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn agenda_gap_and_profile_write_to_o_as_score_does() {
    for (command, path) in [
        ("agenda", "assessments/examples/groenstede"),
        ("gap", "assessments/examples/lingehof"),
        ("profile", "assessments/examples/veenstad"),
    ] {
        let dir = scratch();
        let file = dir.path().join("out.md");
        let shown = ok(&[command, path, "--format", "markdown"]);
        // -o FILE writes what standard output shows; -o - is standard output.
        let (code, out, err) = run(&[command, path, "--format", "markdown", "-o", arg(&file)]);
        assert_eq!((code, out.as_str()), (0, ""), "{command}: {err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), shown, "{command}");
        assert_eq!(
            ok(&[command, path, "--format", "markdown", "-o", "-"]),
            shown
        );
        // An existing file is replaced only with --force.
        std::fs::write(&file, "mine\n").unwrap();
        let (code, _, err) = run(&[command, path, "-o", arg(&file)]);
        assert_eq!(code, 2, "{command}");
        assert!(err.contains("--force"), "{command}: {err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine\n");
        let (code, _, err) = run(&[
            command,
            path,
            "--format",
            "json",
            "--force",
            "-o",
            arg(&file),
        ]);
        assert_eq!(code, 0, "{command}: {err}");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(json["version"], 1);
        // Never over an input, not even with --force.
        let input = std::fs::read_dir(root().join(path))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "toml"))
            .unwrap();
        let before = std::fs::read(&input).unwrap();
        let (code, _, err) = run(&[command, path, "--force", "-o", arg(&input)]);
        assert_eq!(code, 2, "{command}: {err}");
        assert_eq!(std::fs::read(&input).unwrap(), before, "{command}");
        // Nothing left behind but the output.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{command}");
    }
}

#[test]
fn the_agenda_words_agreement_per_section_and_the_profile_names_a_skipped_rung() {
    let agenda = ok(&["agenda", "assessments/examples/groenstede"]);
    assert!(agenda.contains("Overeenstemming per onderdeel"), "{agenda}");
    assert!(
        agenda.contains("r_wg(J)") && agenda.contains("AD_M"),
        "{agenda}"
    );
    assert!(!agenda.contains("(n 1)"), "{agenda}");
    let profile = ok(&["profile", "tests/fixtures/ladder/overgeslagen.toml"]);
    assert!(
        profile.contains(
            "Overgeslagen trede: Emancipatie gebeurt duidelijk, maar Voorzieningen eronder niet"
        ),
        "{profile}"
    );
    let profile = ok(&["profile", "tests/fixtures/ladder/alle-treden.toml"]);
    assert!(profile.contains("Geen trede overgeslagen"), "{profile}");
}
