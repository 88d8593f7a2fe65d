//! Golden test: a small instrument and two assessments whose scores were computed by hand.
//! The arithmetic is written next to every assertion, so a reader can redo it.

use koers::{Answer, Assessment, GroupBy, Instrument, Source, aggregate, trajectory};

const INSTRUMENT: &str = r#"
id = "golden"
version = "1"
matrix = "sev"
title = { nl = "Gouden toets", en = "Golden test" }

[scales.s]
min = 1
max = 5
labels = [{ nl = "1" }, { nl = "2" }, { nl = "3" }, { nl = "4" }, { nl = "5" }]

[[sections]]
id = "a"
title = { nl = "A" }

[[sections.questions]]
id = "q1"
text = { nl = "Vraag 1" }
scale = "s"
loading = { x = 1 }

[[sections.questions]]
id = "q2"
text = { nl = "Vraag 2" }
scale = "s"
weight = 2
loading = { x = -1, y = 1 }

[[sections]]
id = "b"
title = { nl = "B" }

[[sections.questions]]
id = "q3"
text = { nl = "Vraag 3" }
scale = "s"
loading = { y = 0.5 }

[[sections.questions]]
id = "q4"
text = { nl = "Vraag 4, laadt nergens maar telt in sectie b" }
scale = "s"
"#;

const RESPONDENT_A: &str = r#"
instrument = "golden"
[organisation]
name = "Woonstichting Goud"
id = "goud"
[assessment]
date = 2007-05-31
respondent = "a"
role = "manager"
[answers]
q1 = 5
q2 = 2
q3 = 4
q4 = "unknown"
"#;

const RESPONDENT_B: &str = r#"
instrument = "golden"
[organisation]
name = "Woonstichting Goud"
id = "goud"
[assessment]
date = 2007-05-31
respondent = "b"
role = "beheerder"
[answers]
q1 = 3
q2 = "unknown"
q3 = 1
q4 = 5
"#;

fn instrument() -> Instrument {
    Instrument::parse(&Source::new("golden.toml", INSTRUMENT)).unwrap()
}

fn parse(name: &str, text: &str) -> Assessment {
    Assessment::parse(&Source::new(name, text)).unwrap()
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

#[test]
fn respondent_a_scores_as_computed_by_hand() {
    let score = instrument().score(&parse("a.toml", RESPONDENT_A)).unwrap();
    // Normalized: q1 = 5 -> v = 1; q2 = 2 -> v = 0.25; q3 = 4 -> v = 0.75; q4 unknown.
    // x: q1 mass |1|*1 = 1, v' = 1 -> 1; q2 mass |-1|*2 = 2, v' = 1 - 0.25 = 0.75 -> 1.5.
    //    x = 100 * (1 + 1.5) / 3 = 83.333...; all of x is answered: coverage 1.
    close(score.x.score.unwrap(), 250.0 / 3.0);
    close(score.x.coverage, 1.0);
    // y: q2 mass 1*2 = 2, v = 0.25 -> 0.5; q3 mass 0.5*1 = 0.5, v = 0.75 -> 0.375.
    //    y = 100 * 0.875 / 2.5 = 35; coverage 1.
    close(score.y.score.unwrap(), 35.0);
    close(score.y.coverage, 1.0);
    // Contributions: x: q1 100*1/3 = 33.33, q2 100*1.5/3 = 50; y: q2 100*0.5/2.5 = 20,
    // q3 100*0.375/2.5 = 15. They sum to the axis scores.
    let q = |id: &str| score.questions.iter().find(|q| q.id == id).unwrap();
    close(q("q1").contribution.x.unwrap(), 100.0 / 3.0);
    close(q("q2").contribution.x.unwrap(), 50.0);
    close(q("q2").contribution.y.unwrap(), 20.0);
    close(q("q3").contribution.y.unwrap(), 15.0);
    assert_eq!(q("q1").contribution.y, None, "q1 does not load on y");
    assert_eq!(q("q4").answer, Some(Answer::Unknown));
    assert_eq!(q("q4").contribution.x, None);
    // (83.3, 35): x in [50, 100), y in [25, 50) -> voorzieningen, sociaal accent.
    assert_eq!(score.region.as_ref().unwrap().id, "voorzieningen-sociaal");
    // Margin: inner edges x = 50 (33.3 away), y = 25 (10 away), y = 50 (15 away) -> 10.
    close(score.margin.unwrap(), 10.0);
    // Sections: a = (1*1 + 2*0.25) / 3 = 0.5 -> 50, coverage 1;
    //           b = q3 only, 0.75 -> 75, coverage 1/2 (q4 is unknown).
    close(score.sections[0].score.unwrap(), 50.0);
    close(score.sections[0].coverage, 1.0);
    close(score.sections[1].score.unwrap(), 75.0);
    close(score.sections[1].coverage, 0.5);
    assert!(score.unanswered.is_empty(), "unknown counts as an answer");
    assert!(score.is_reliable());
}

#[test]
fn respondent_b_has_low_coverage() {
    let score = instrument().score(&parse("b.toml", RESPONDENT_B)).unwrap();
    // x: only q1 answered: v = 0.5 -> x = 50; coverage = 1 / (1 + 2) = 1/3.
    close(score.x.score.unwrap(), 50.0);
    close(score.x.coverage, 1.0 / 3.0);
    // y: only q3 answered: v = 0 -> y = 0; coverage = 0.5 / (2 + 0.5) = 0.2.
    close(score.y.score.unwrap(), 0.0);
    close(score.y.coverage, 0.2);
    // (50, 0): x = 50 belongs to [50, 100) -> verhuurder, sociaal accent; it sits on the
    // x = 50 boundary, so the margin is 0.
    assert_eq!(score.region.as_ref().unwrap().id, "verhuurder-sociaal");
    close(score.margin.unwrap(), 0.0);
    assert!(!score.is_reliable());
}

#[test]
fn the_group_is_the_mean_of_its_respondents() {
    let instrument = instrument();
    let scores = vec![
        instrument.score(&parse("a.toml", RESPONDENT_A)).unwrap(),
        instrument.score(&parse("b.toml", RESPONDENT_B)).unwrap(),
    ];
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    assert_eq!(groups.len(), 1);
    let group = &groups[0];
    assert_eq!(group.respondents, 2);
    assert_eq!(group.organisation.id, "goud");
    // Mean: x = (83.333 + 50) / 2 = 66.667; y = (35 + 0) / 2 = 17.5.
    let position = group.position.unwrap();
    close(position.x, 200.0 / 3.0);
    close(position.y, 17.5);
    // Sample sd of two values is |a - b| / sqrt(2): x 33.333 / 1.41421 = 23.570,
    // y 35 / 1.41421 = 24.749.
    close(group.spread.x.unwrap(), (100.0 / 3.0) / 2f64.sqrt());
    close(group.spread.y.unwrap(), 35.0 / 2f64.sqrt());
    let stats_x = group.stats.x.unwrap();
    close(stats_x.min, 50.0);
    close(stats_x.max, 250.0 / 3.0);
    assert_eq!(stats_x.n, 2);
    // Coverage: x (1 + 1/3) / 2 = 2/3; y (1 + 0.2) / 2 = 0.6.
    close(group.coverage.x, 2.0 / 3.0);
    close(group.coverage.y, 0.6);
    // (66.7, 17.5) -> verhuurder, sociaal accent; margin min(66.7 - 50, 25 - 17.5) = 7.5.
    assert_eq!(group.region.as_ref().unwrap().id, "verhuurder-sociaal");
    close(group.margin.unwrap(), 7.5);
    // Section a: respondent a 50, respondent b (q1 = 0.5 only) 50 -> 50.
    // Section b: a 75, b (q3 = 0, q4 = 1) 50 -> 62.5.
    close(group.sections[0].score.unwrap(), 50.0);
    close(group.sections[1].score.unwrap(), 62.5);
}

#[test]
fn grouping_by_role_and_respondent_keeps_them_apart() {
    let instrument = instrument();
    let scores = vec![
        instrument.score(&parse("a.toml", RESPONDENT_A)).unwrap(),
        instrument.score(&parse("b.toml", RESPONDENT_B)).unwrap(),
    ];
    let by_role = aggregate(&scores, GroupBy::Role, &instrument.matrix);
    let roles: Vec<_> = by_role.iter().map(|g| g.role.clone().unwrap()).collect();
    assert_eq!(roles, ["beheerder", "manager"]);
    // One respondent: the sd is 0, not NaN.
    assert_eq!(by_role[0].spread.x, Some(0.0));
    let by_respondent = aggregate(&scores, GroupBy::Respondent, &instrument.matrix);
    assert_eq!(by_respondent.len(), 2);
    assert_eq!(by_respondent[0].respondent.as_deref(), Some("a"));
}

#[test]
fn a_trajectory_is_the_current_groups_in_date_order() {
    let instrument = instrument();
    let later = RESPONDENT_B.replace("2007-05-31", "2008-06-01");
    let ambition = RESPONDENT_A
        .replace("2007-05-31", "2009-01-01")
        .replace("role = \"manager\"", "kind = \"ambition\"");
    let scores: Vec<_> = [later.as_str(), RESPONDENT_A, ambition.as_str()]
        .iter()
        .map(|t| instrument.score(&parse("t.toml", t)).unwrap())
        .collect();
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let path = trajectory(&groups, "goud");
    let dates: Vec<_> = path.iter().map(|g| g.date.to_string()).collect();
    assert_eq!(
        dates,
        ["2007-05-31", "2008-06-01"],
        "the ambition is no step"
    );
}

#[test]
fn an_axis_without_answers_has_no_score() {
    let text = RESPONDENT_A.replace("q1 = 5\nq2 = 2", "q1 = \"unknown\"\nq2 = \"unknown\"");
    let score = instrument().score(&parse("none.toml", &text)).unwrap();
    assert_eq!(score.x.score, None);
    close(score.x.coverage, 0.0);
    assert_eq!(score.position, None);
    assert_eq!(score.region, None);
    // The JSON says null, never NaN (which JSON cannot even hold).
    let json = serde_json::to_value(&score).unwrap();
    assert!(json["x"]["score"].is_null());
}

#[test]
fn unanswered_questions_are_a_warning_that_names_them() {
    let text = RESPONDENT_A.replace("q3 = 4\n", "");
    let assessment = parse("partial.toml", &text);
    let warnings = instrument().check(&assessment).unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].to_string(),
        "partial.toml:10:1: 1 of 4 questions not answered: q3"
    );
    let score = instrument().score(&assessment).unwrap();
    // y now rests on q2 alone: coverage 2 / 2.5 = 0.8.
    close(score.y.coverage, 0.8);
    assert_eq!(score.unanswered, ["q3"]);
}
