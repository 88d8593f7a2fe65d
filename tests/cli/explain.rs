//! `koers explain`.

use crate::run;

#[test]
fn one_assessment_is_explained_answer_by_answer() {
    let (code, out, err) = run(&[
        "explain",
        "assessments/examples/portaal/portaal-2007-end.toml",
    ]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("explain_portaal_2007", out);
}

#[test]
fn the_adds_column_sums_to_the_score() {
    for path in [
        "assessments/examples/portaal/portaal-2006-start.toml",
        "assessments/examples/groenstede",
    ] {
        adds_sum_to_the_score(path);
    }
}

fn adds_sum_to_the_score(path: &str) {
    let (_, out, _) = run(&["explain", path]);
    // Only x: y is the ladder under instrument 2.1, explained rung by rung instead.
    assert!(
        out.contains("\ny = ") && out.contains("de ladderregel"),
        "{out}"
    );
    {
        let axis = "x";
        let section = out.split(&format!("\n{axis} = ")).nth(1).unwrap();
        // A Dutch run writes a decimal comma ("62,5, de som ...").
        let dutch = |n: &str| n.replace(',', ".").parse::<f64>();
        let stated: f64 = dutch(section.split(", ").next().unwrap()).unwrap();
        let adds: Vec<f64> = section
            .lines()
            .skip(2)
            .take_while(|l| !l.is_empty())
            // "–" for a question nobody answered: it adds nothing.
            .filter_map(|l| dutch(l.split_whitespace().last().unwrap()).ok())
            .collect();
        assert!(!adds.is_empty(), "{path} {axis}");
        let sum: f64 = adds.iter().sum();
        // Every printed number is rounded to 0.1, so each may be 0.05 off.
        let tolerance = 0.05 * (adds.len() + 1) as f64;
        assert!(
            (sum - stated).abs() <= tolerance,
            "{path} {axis}: {sum} vs {stated}"
        );
    }
}

#[test]
fn a_group_is_explained_with_means_in_english() {
    let (code, out, err) = run(&["explain", "assessments/examples/groenstede", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "Woonstichting Groenstede · current position · 2008-10-01 · 13 respondents"
        )
    );
    assert!(out.contains("means over the respondents"));
    insta::assert_snapshot!("explain_groenstede_en", out);
}

/// `[notes]` from the assessments: shown by `explain` and in the report's appendix per
/// question, each note once, never with a respondent code or role.
#[test]
fn notes_are_shown_per_question_without_code_or_role() {
    let dir = tempfile::tempdir().unwrap();
    let source = crate::root().join("assessments/examples/lingehof");
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !name.starts_with("2009-04-01-nu") {
            continue;
        }
        let mut text = std::fs::read_to_string(&path).unwrap();
        if name.ends_with("r1.toml") {
            text.push_str("\n[notes]\nbeheerder = \"Zie het jaarverslag 2008, blz. 12.\"\n");
        }
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    let folder = dir.path().to_str().unwrap();
    let (code, out, err) = crate::run(&["explain", folder]);
    assert_eq!(code, 0, "{err}");
    let at = out.find("toelichting per vraag").expect(&out);
    let block = &out[at..];
    assert!(
        block.contains("beheerder: Zie het jaarverslag 2008, blz. 12."),
        "{out}"
    );
    let line = block.lines().find(|l| l.contains("jaarverslag")).unwrap();
    for private in ["r1", "manager"] {
        assert!(!line.contains(private), "{line}");
    }
    let report = dir.path().join("rapport.md");
    let (code, _, err) = crate::run(&[
        "report",
        folder,
        "--format",
        "markdown",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let report = std::fs::read_to_string(report).unwrap();
    let line = report
        .lines()
        .find(|l| l.contains("jaarverslag"))
        .expect("the note in the appendix");
    assert!(
        line.contains("beheerder — Woonstichting Lingehof: Zie het jaarverslag 2008, blz. 12."),
        "{line}"
    );
    assert!(!line.contains("r1") && !line.contains("manager"), "{line}");
    assert!(report.contains("Toelichting bij de antwoorden (zonder rol of code)"));
}
