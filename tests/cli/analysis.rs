//! `koers agenda`, `koers gap` and `koers profile`.

use crate::run;

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn groenstedes_agenda_shows_where_staff_disagree_and_roles_differ() {
    let out = ok(&["agenda", "assessments/examples/groenstede", "--lang", "en"]);
    assert!(out.starts_with("Woonstichting Groenstede · current · 2008-10-01 · 13 respondents"));
    for heading in [
        "Least agreement",
        "Where the roles differ",
        "Most don't know / n/a",
    ] {
        assert!(out.contains(heading), "{heading}: {out}");
    }
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "agenda",
        "assessments/examples/groenstede",
        "--format",
        "json",
    ]))
    .unwrap();
    let agenda = &json[0]["agenda"];
    let rwg = agenda["rwg"].as_f64().unwrap();
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
    assert!(roles[0]["highest"]["mean"].as_f64() > roles[0]["lowest"]["mean"].as_f64());
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
        .map(|r| r.unwrap()[4].to_string())
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
        out.contains("Woonstichting Lingehof · kloof naar de ambitie 2009-04-01"),
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
    let gap = &json[0];
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
    assert!(out.starts_with("## Woningbouwvereniging Veenstad · current · 2008-03-01"));
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
    for entry in json.as_array().unwrap() {
        let sections = entry["profile"]["sections"].as_array().unwrap();
        assert_eq!(sections.len(), 8, "{}", entry["organisation"]["id"]);
    }
}
