//! Golden test: a small instrument and two assessments whose scores were computed by hand.
//! The arithmetic is written next to every assertion, so a reader can redo it.

use koers::{
    Answer, Assessment, AxisName, GroupBy, Instrument, Method, Source, aggregate, trajectory,
};

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
fn a_respondent_with_an_unreliable_position_is_left_out_of_the_group() {
    let instrument = instrument();
    let scores = vec![
        instrument.score(&parse("a.toml", RESPONDENT_A)).unwrap(),
        instrument.score(&parse("b.toml", RESPONDENT_B)).unwrap(),
    ];
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    assert_eq!(groups.len(), 1);
    let group = &groups[0];
    assert_eq!(group.respondents, 2, "both belong to the group");
    assert_eq!(group.organisation.id, "goud");
    // b answered q2 "unknown": section a has 1/3 of its x mass and none of its y mass
    // answered, both below 60 %. a is reliable, so b is left out and listed.
    assert!(group.is_reliable());
    assert_eq!(group.excluded.len(), 1);
    let excluded = &group.excluded[0];
    assert_eq!(excluded.input, 1);
    assert_eq!(excluded.respondent.as_deref(), Some("b"));
    let reasons: Vec<_> = excluded
        .shortfalls
        .iter()
        .map(|s| (s.section.as_str(), s.axis, s.coverage))
        .collect();
    assert_eq!(
        reasons,
        [("a", AxisName::X, 1.0 / 3.0), ("a", AxisName::Y, 0.0)]
    );
    // The group is a alone: (83.333, 35), with a's coverage; one position has no sd, no
    // standard error, no interval, and so no certainty either way.
    let position = group.position.unwrap();
    close(position.x, 250.0 / 3.0);
    close(position.y, 35.0);
    close(group.coverage.x, 1.0);
    close(group.coverage.y, 1.0);
    assert_eq!(group.spread.x, None);
    assert_eq!(group.spread.y, None);
    let stats_x = group.stats.x.unwrap();
    assert_eq!(stats_x.n, 1);
    assert_eq!(
        (stats_x.sd, stats_x.se, stats_x.interval),
        (None, None, None)
    );
    assert_eq!(group.fixed, None);
    assert_eq!(group.points.len(), 1);
    // Sections: a's own, a = 50 and b = 75 (q4 is unknown: coverage 1/2).
    close(group.sections[0].score.unwrap(), 50.0);
    close(group.sections[1].score.unwrap(), 75.0);
    close(group.sections[1].coverage, 0.5);
    // The JSON says null for the sd, never 0.
    let json = serde_json::to_value(group).unwrap();
    assert!(json["spread"]["x"].is_null());
    assert!(json["stats"]["x"]["sd"].is_null());
    assert_eq!(json["excluded"][0]["shortfalls"][1]["axis"], "y");
}

#[test]
fn when_no_respondent_is_reliable_all_count_and_the_group_is_unreliable() {
    let instrument = instrument();
    let other = RESPONDENT_B
        .replace("respondent = \"b\"", "respondent = \"c\"")
        .replace("q1 = 3", "q1 = 5");
    let scores = vec![
        instrument.score(&parse("b.toml", RESPONDENT_B)).unwrap(),
        instrument.score(&parse("c.toml", &other)).unwrap(),
    ];
    let group = &aggregate(&scores, GroupBy::Organisation, &instrument.matrix)[0];
    assert!(!group.is_reliable());
    assert!(
        group.excluded.is_empty(),
        "nobody is left out when nobody is reliable"
    );
    // x: b 50, c 100 -> 75; both y = 0. Sample sd of two values |a - b| / √2.
    let position = group.position.unwrap();
    close(position.x, 75.0);
    close(position.y, 0.0);
    close(group.spread.x.unwrap(), 50.0 / 2f64.sqrt());
    close(group.spread.y.unwrap(), 0.0);
    close(group.coverage.x, 1.0 / 3.0);
}

#[test]
fn grouping_by_role_and_respondent_keeps_them_apart() {
    let instrument = instrument();
    let scores = vec![
        instrument.score(&parse("a.toml", RESPONDENT_A)).unwrap(),
        instrument.score(&parse("b.toml", RESPONDENT_B)).unwrap(),
    ];
    // Two roles of one respondent each: never shown apart, and together still fewer
    // than three, so not merged into "overige" either.
    let by_role = aggregate(&scores, GroupBy::Role, &instrument.matrix);
    assert!(by_role.is_empty(), "{by_role:?}");
    let by_respondent = aggregate(&scores, GroupBy::Respondent, &instrument.matrix);
    assert_eq!(by_respondent.len(), 2);
    assert_eq!(by_respondent[0].respondent.as_deref(), Some("a"));
}

/// A ladder of three rungs with two questions each, and two focus questions: the shape
/// that method 2 was made for.
const LADDER: &str = r#"
id = "ladder"
version = "1"
matrix = "sev"
title = { nl = "Ladder" }

[scales.s]
min = 1
max = 5
labels = [{ nl = "1" }, { nl = "2" }, { nl = "3" }, { nl = "4" }, { nl = "5" }]

[[sections]]
id = "focus"
title = { nl = "Focus" }
questions = [
  { id = "f1", text = { nl = "F1" }, scale = "s", loading = { x = 1 } },
  { id = "f2", text = { nl = "F2" }, scale = "s", loading = { x = 1 } },
]

[[sections]]
id = "r1"
title = { nl = "Trede 1" }
questions = [
  { id = "a1", text = { nl = "A1" }, scale = "s", loading = { y = 1 } },
  { id = "a2", text = { nl = "A2" }, scale = "s", loading = { y = 1 } },
]

[[sections]]
id = "r2"
title = { nl = "Trede 2" }
questions = [
  { id = "b1", text = { nl = "B1" }, scale = "s", loading = { y = 1 } },
  { id = "b2", text = { nl = "B2" }, scale = "s", loading = { y = 1 } },
]

[[sections]]
id = "r3"
title = { nl = "Trede 3" }
questions = [
  { id = "c1", text = { nl = "C1" }, scale = "s", loading = { y = 1 } },
  { id = "c2", text = { nl = "C2" }, scale = "s", loading = { y = 1 } },
]
"#;

/// A ladder respondent: answers in the order f1 f2 a1 a2 b1 b2 c1 c2; 0 means "unknown".
fn ladder(respondent: &str, answers: [i64; 8]) -> Assessment {
    let mut text = format!(
        "instrument = \"ladder\"\n[organisation]\nname = \"Trap\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"{respondent}\"\n[answers]\n"
    );
    for (id, answer) in ["f1", "f2", "a1", "a2", "b1", "b2", "c1", "c2"]
        .iter()
        .zip(answers)
    {
        let value = if answer == 0 {
            "\"unknown\"".to_string()
        } else {
            answer.to_string()
        };
        text.push_str(&format!("{id} = {value}\n"));
    }
    parse(&format!("{respondent}.toml"), &text)
}

fn ladder_instrument() -> Instrument {
    Instrument::parse(&Source::new("ladder.toml", LADDER)).unwrap()
}

#[test]
fn sections_are_scored_first_so_a_half_known_rung_counts_as_a_whole_rung() {
    // Rungs 1 and 2 fully done (5, 5), rung 3: "nooit" (1) and "weet niet".
    let score = ladder_instrument()
        .score(&ladder("r", [3, 3, 5, 5, 5, 5, 1, 0]))
        .unwrap();
    // Per section: S1 = 100, S2 = 100, S3 = 100 * 0 / 1 = 0, each with mass T = 2.
    // y = (2*100 + 2*100 + 2*0) / 6 = 66.667. (Version 1 summed the five answers at once:
    // 100 * 4 / 5 = 80, as if the unknown question were done like rungs 1 and 2.)
    close(score.y.score.unwrap(), 200.0 / 3.0);
    // Coverage: 5 of 6 answered on y; rung 3 alone has 1 of 2: 50 %, below 60 %.
    close(score.y.coverage, 5.0 / 6.0);
    let r3 = score.sections.iter().find(|s| s.id == "r3").unwrap();
    let part = r3.y.unwrap();
    close(part.coverage, 0.5);
    close(part.mass, 2.0);
    close(part.score.unwrap(), 0.0);
    assert_eq!(r3.x, None, "rung 3 does not load on x");
    assert!(!score.is_reliable());
    let shortfalls = score.shortfalls();
    assert_eq!(shortfalls.len(), 1);
    assert_eq!(
        (shortfalls[0].section.as_str(), shortfalls[0].axis),
        ("r3", AxisName::Y)
    );
    // Contributions: each rung-1/2 answer adds 100 * (2/6) * 1 * 1 / 2 = 16.667; c1 adds 0
    // (v = 0); c2 adds nothing. They sum to the score: 4 * 16.667 = 66.667.
    let q = |id: &str| score.questions.iter().find(|q| q.id == id).unwrap();
    close(q("a1").contribution.y.unwrap(), 50.0 / 3.0);
    close(q("c1").contribution.y.unwrap(), 0.0);
    assert_eq!(q("c2").contribution.y, None);
}

#[test]
fn a_rung_answered_weet_niet_throughout_is_left_out_and_flagged() {
    // The issue's case: 5 on rungs 1 and 2, "weet niet" on all of rung 3.
    let score = ladder_instrument()
        .score(&ladder("r", [3, 3, 5, 5, 5, 5, 0, 0]))
        .unwrap();
    // Rung 3 has no answer, so only rungs 1 and 2 count: y = (2*100 + 2*100) / 4 = 100;
    // but the position is unreliable, because rung 3 has 0 % of its y mass answered.
    close(score.y.score.unwrap(), 100.0);
    assert!(!score.is_reliable());
    assert_eq!(score.shortfalls()[0].section, "r3");
    // The same answers with "nooit" (1) on rung 3: reliable, and y = 200/3 = 66.667.
    let nooit = ladder_instrument()
        .score(&ladder("r", [3, 3, 5, 5, 5, 5, 1, 1]))
        .unwrap();
    assert!(nooit.is_reliable());
    close(nooit.y.score.unwrap(), 200.0 / 3.0);
}

#[test]
fn a_group_has_standard_error_and_95_percent_interval_by_students_t_in_method_2() {
    let instrument = ladder_instrument();
    // Positions: p1 (75, 66.667); p2 f = 4, 5 -> x 87.5, y (100 + 100 + 50) / 3 = 83.333;
    // p3 f = 4, 3 -> x 62.5, y (100 + 50 + 0) / 3 = 50.
    let scores: Vec<_> = [
        ladder("p1", [4, 4, 5, 5, 5, 5, 1, 1]),
        ladder("p2", [4, 5, 5, 5, 5, 5, 3, 3]),
        ladder("p3", [4, 3, 5, 5, 3, 3, 1, 1]),
    ]
    .iter()
    .map(|a| instrument.score_with(a, Method::V2).unwrap())
    .collect();
    let group = &aggregate(&scores, GroupBy::Organisation, &instrument.matrix)[0];
    let position = group.position.unwrap();
    close(position.x, 75.0);
    close(position.y, 200.0 / 3.0);
    // x: deviations 0, +12.5, -12.5 -> s² = 312.5 / 2 -> sd 12.5; se = 12.5/√3 = 7.2169;
    // t(0.975, 2) = 4.302653 -> half width 31.052; [43.948, 106.052] cut to the axis.
    let x = group.stats.x.unwrap();
    close(x.sd.unwrap(), 12.5);
    close(x.se.unwrap(), 12.5 / 3f64.sqrt());
    let koers::Interval { low, high } = x.interval.unwrap();
    assert!((low - 43.948).abs() < 1e-3, "{low}");
    close(high, 100.0);
    // y: deviations 0, +16.667, -16.667 -> sd 16.667; se 9.6225; half width 41.402.
    let y = group.stats.y.unwrap();
    close(y.sd.unwrap(), 50.0 / 3.0);
    let koers::Interval { low, .. } = y.interval.unwrap();
    assert!((low - 25.264).abs() < 1e-3, "{low}");
    // The mean lies in wijkregisseur-sociaal, but the rectangle reaches down to
    // (43.9, 25.3), in voorzieningen-vastgoed: uncertain.
    assert_eq!(group.region.as_ref().unwrap().id, "wijkregisseur-sociaal");
    assert_eq!(group.fixed, Some(false));
}

#[test]
fn a_tight_group_is_certain_of_its_region_in_method_2() {
    let instrument = ladder_instrument();
    // p1 twice at (75, 66.667) and p4 at (75, 70.833): c2 = 2 gives rung 3 12.5.
    let scores: Vec<_> = [
        ladder("p1", [4, 4, 5, 5, 5, 5, 1, 1]),
        ladder("p1b", [4, 4, 5, 5, 5, 5, 1, 1]),
        ladder("p4", [4, 4, 5, 5, 5, 5, 1, 2]),
    ]
    .iter()
    .map(|a| instrument.score_with(a, Method::V2).unwrap())
    .collect();
    let group = &aggregate(&scores, GroupBy::Organisation, &instrument.matrix)[0];
    // y: mean 68.056, deviations -1.389, -1.389, +2.778 -> sd 2.4056, se 1.3889, half
    // width 4.3027 * 1.3889 = 5.976: [62.08, 74.03], inside [50, 75). x: sd 0, [75, 75].
    let koers::Interval { low, high } = group.stats.y.unwrap().interval.unwrap();
    assert!(
        (low - 62.080).abs() < 1e-3 && (high - 74.031).abs() < 1e-3,
        "{low} {high}"
    );
    assert_eq!(
        group.stats.x.unwrap().interval,
        Some(koers::Interval::from([75.0, 75.0]))
    );
    assert_eq!(group.fixed, Some(true));
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

#[test]
fn weet_niet_and_nvt_leave_the_sums_alike_and_stay_apart() {
    // q1 "n.v.t.", q2 "weet niet": x rests on nothing, y on q3 alone, as with "unknown".
    let text = RESPONDENT_A
        .replace("q1 = 5", "q1 = \"n.v.t.\"")
        .replace("q2 = 2", "q2 = \"Weet niet\"");
    let score = instrument().score(&parse("nvt.toml", &text)).unwrap();
    let q = |id: &str| score.questions.iter().find(|q| q.id == id).unwrap();
    assert_eq!(q("q1").answer, Some(Answer::NotApplicable));
    assert_eq!(q("q2").answer, Some(Answer::Unknown));
    assert_eq!(score.x.score, None);
    close(score.y.score.unwrap(), 75.0);
    let json = serde_json::to_value(&score.questions[0]).unwrap();
    assert_eq!(json["answer"], "n.v.t.");
}

#[test]
fn respondents_of_one_round_form_one_group_dated_by_the_latest_answer() {
    let instrument = instrument();
    let round = |text: &str, date: &str| {
        text.replace(
            "date = 2007-05-31",
            &format!("date = {date}\nround = \"2007-voorjaar\""),
        )
    };
    let scores = vec![
        instrument
            .score(&parse("a.toml", &round(RESPONDENT_A, "2007-05-31")))
            .unwrap(),
        instrument
            .score(&parse(
                "a2.toml",
                &round(&RESPONDENT_A.replace("\"a\"", "\"a2\""), "2007-06-12"),
            ))
            .unwrap(),
        // Another day without a round: a group of its own.
        instrument.score(&parse("c.toml", RESPONDENT_A)).unwrap(),
    ];
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    assert_eq!(groups.len(), 2);
    // Sorted by date: the plain 2007-05-31 group first, then the round (latest 06-12).
    assert_eq!(groups[0].round, None);
    assert_eq!(groups[1].round.as_deref(), Some("2007-voorjaar"));
    assert_eq!(groups[1].date.to_string(), "2007-06-12");
    assert_eq!(groups[1].respondents, 2);
    let path = trajectory(&groups, "goud");
    assert_eq!(path.len(), 2);
}

/// A ladder respondent with a role and a kind.
fn ladder_as(respondent: &str, role: &str, kind: &str, answers: [i64; 8]) -> Assessment {
    let base = ladder(respondent, answers);
    let mut info = base.assessment.clone();
    info.role = Some(role.to_string());
    info.kind = if kind == "ambition" {
        koers::Kind::Ambition
    } else {
        koers::Kind::Current
    };
    Assessment::new(
        "ladder",
        base.organisation.clone(),
        info,
        base.answers.clone(),
    )
}

#[test]
fn agreement_per_question_is_rwg_as_computed_by_hand() {
    let instrument = ladder_instrument();
    let scores: Vec<_> = [
        ladder_as("p1", "manager", "current", [2, 4, 1, 5, 5, 5, 1, 0]),
        ladder_as("p2", "manager", "current", [3, 4, 5, 5, 5, 5, 1, 0]),
        ladder_as("p3", "beheerder", "current", [4, 4, 5, 5, 5, 5, 1, 1]),
    ]
    .iter()
    .map(|a| instrument.score(a).unwrap())
    .collect();
    let members: Vec<&koers::Score> = scores.iter().collect();
    let result = koers::analysis::agreement(&instrument, members);
    let q = |id: &str| result.questions.iter().find(|q| q.id == id).unwrap();
    // A 5-point scale: σ²_EU = (25 − 1) / 12 = 2.
    // f1: 2, 3, 4 -> s² = 1 -> r_wg = 1 − 1/2 = 0.5.
    close(q("f1").rwg.unwrap(), 0.5);
    // f2: 4, 4, 4 -> s² = 0 -> r_wg = 1.
    close(q("f2").rwg.unwrap(), 1.0);
    // a1: 1, 5, 5 -> mean 11/3, s² = (64/9 + 16/9 + 16/9) / 2 = 16/3 > 2 -> cut to 0.
    close(q("a1").rwg.unwrap(), 0.0);
    close(q("a1").mean.unwrap(), 11.0 / 3.0);
    // c2: "weet niet" twice, 1 once: one answer, no r_wg; 2/3 unknown.
    assert_eq!((q("c2").n, q("c2").rwg), (1, None));
    close(q("c2").unknown, 2.0 / 3.0);
    // The group's r_wg is the mean over the seven questions with one: (0.5 + 1 + 0 + 1 × 4
    // for a2, b1, b2, c1) / 7 = 5.5 / 7.
    close(result.rwg.unwrap(), 5.5 / 7.0);
}

#[test]
fn the_agenda_is_made_of_the_respondents_who_count_and_says_who_was_left_out() {
    let instrument = ladder_instrument();
    let scores: Vec<_> = [
        ladder_as("p1", "manager", "current", [2, 4, 1, 5, 5, 5, 1, 1]),
        ladder_as("p2", "manager", "current", [3, 4, 5, 5, 5, 5, 1, 1]),
        ladder_as("p3", "beheerder", "current", [4, 4, 5, 5, 5, 5, 1, 1]),
        // Half of rung 3 unknown: 50 % coverage, an unreliable respondent, left out.
        ladder_as("p4", "beheerder", "current", [1, 1, 1, 1, 1, 1, 5, 0]),
    ]
    .iter()
    .map(|a| instrument.score(a).unwrap())
    .collect();
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    assert_eq!(groups.len(), 1);
    let agenda = koers::analysis::agenda(&instrument, &groups[0], &scores, 3);
    assert_eq!(
        agenda.trust,
        koers::Trust::new(true, true, groups[0].fixed, 1)
    );
    // p4's "weet niet" is not on the agenda: p4 does not count.
    assert!(agenda.unknown.is_empty(), "{:?}", agenda.unknown);
    assert_eq!(agenda.disagreement[0].id, "a1", "lowest agreement first");
    assert_eq!(agenda.disagreement[0].n, 3);
    assert_eq!(agenda.disagreement[1].id, "f1");
    // Roles: two managers and one beheerder count, each role fewer than three and the
    // three together one "overige": no roles to compare, and the agenda says so.
    assert!(agenda.roles.is_empty(), "{:?}", agenda.roles);
    assert_eq!((agenda.privacy.merged, agenda.privacy.left_out), (3, 0));
}

#[test]
fn respondents_without_a_role_are_a_role_of_none() {
    let instrument = ladder_instrument();
    let scores: Vec<_> = [
        ladder_as("p1", "manager", "current", [5, 5, 5, 5, 5, 5, 5, 5]),
        ladder_as("p2", "manager", "current", [5, 5, 5, 5, 5, 5, 5, 5]),
        ladder_as("p3", "manager", "current", [5, 5, 5, 5, 5, 5, 5, 5]),
        ladder("p4", [1, 1, 5, 5, 5, 5, 5, 5]),
        ladder("p5", [1, 1, 5, 5, 5, 5, 5, 5]),
        ladder("p6", [1, 1, 5, 5, 5, 5, 5, 5]),
    ]
    .iter()
    .map(|a| instrument.score(a).unwrap())
    .collect();
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let agenda = koers::analysis::agenda(&instrument, &groups[0], &scores, 3);
    assert_eq!(agenda.roles[0].id, "f1");
    assert_eq!(agenda.privacy, koers::analysis::Privacy::default());
    assert_eq!(agenda.roles[0].lowest.role, None);
    assert_eq!(agenda.roles[0].highest.role.as_deref(), Some("manager"));
}

#[test]
fn the_ladder_check_judges_only_rungs_answered_well_enough() {
    use koers::analysis::{Ladder, LadderBreak, profile};
    let instrument = ladder_instrument();
    let check = |answers: [i64; 8]| {
        let scores = vec![instrument.score(&ladder("r", answers)).unwrap()];
        let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
        profile(&instrument, &groups[0])
    };
    // Rungs 100, 50, 0: it climbs.
    let climbs = check([3, 3, 5, 5, 3, 3, 1, 1]);
    assert_eq!(climbs.ladder, Ladder::Climbs);
    assert!(climbs.breaks.is_empty() && climbs.unjudged.is_empty());
    assert!(climbs.trust.reliable);
    let rungs: Vec<(&str, Option<f64>, bool)> = climbs
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.score, s.rung))
        .collect();
    assert_eq!(
        rungs,
        [
            ("focus", Some(50.0), false),
            ("r1", Some(100.0), true),
            ("r2", Some(50.0), true),
            ("r3", Some(0.0), true)
        ]
    );
    // Rungs 0, 100, 0: rung 2 stands 100 points above rung 1.
    let breaks = check([3, 3, 1, 1, 5, 5, 1, 1]);
    assert_eq!(breaks.ladder, Ladder::Breaks);
    let found: Vec<(&str, &str, f64)> = breaks
        .breaks
        .iter()
        .map(|b: &LadderBreak| (b.lower.as_str(), b.higher.as_str(), b.by))
        .collect();
    assert_eq!(found, [("r1", "r2", 100.0)]);
    // Rung 2 half answered (50 %, below the 60 % limit) with a 5: it scores 100 above
    // rung 1, but on one answer. It is not judged, and so the ladder cannot be judged
    // either, where version 1 of this check called it a break.
    let unjudged = check([3, 3, 1, 1, 5, 0, 1, 1]);
    let r2 = unjudged.sections.iter().find(|s| s.id == "r2").unwrap();
    assert_eq!((r2.score, r2.coverage), (Some(100.0), 0.5));
    assert_eq!(unjudged.ladder, Ladder::Unjudged);
    assert!(unjudged.breaks.is_empty(), "{:?}", unjudged.breaks);
    assert_eq!(unjudged.unjudged, ["r2"]);
    assert!(!unjudged.trust.reliable);
    // A break between well-answered rungs still counts when another rung is unjudged.
    let both = check([3, 3, 1, 1, 5, 5, 5, 0]);
    assert_eq!(both.ladder, Ladder::Breaks);
    assert_eq!(both.unjudged, ["r3"]);
    assert_eq!(both.breaks.len(), 1);
}

#[test]
fn a_group_counts_its_own_members_whatever_it_is_grouped_by() {
    let instrument = ladder_instrument();
    let scores: Vec<_> = [
        ladder_as("p1", "manager", "current", [5, 5, 5, 5, 5, 5, 5, 5]),
        ladder_as("p2", "manager", "current", [1, 1, 1, 1, 1, 1, 1, 1]),
        ladder_as("p3", "beheerder", "current", [3, 3, 3, 3, 3, 3, 3, 3]),
        // Unreliable: left out of the organisation's and the role's group.
        ladder_as("p4", "beheerder", "current", [3, 3, 3, 3, 3, 3, 3, 0]),
    ]
    .iter()
    .map(|a| instrument.score(a).unwrap())
    .collect();
    let codes = |g: &koers::Group| -> Vec<String> {
        g.counted(&scores)
            .map(|s| s.assessment.respondent.clone().unwrap())
            .collect()
    };
    let by_org = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    assert_eq!(codes(&by_org[0]), ["p1", "p2", "p3"]);
    assert_eq!(by_org[0].members(&scores).count(), 4);
    let by_role = aggregate(&scores, GroupBy::Role, &instrument.matrix);
    let roles: Vec<(Option<&str>, Vec<String>)> = by_role
        .iter()
        .map(|g| (g.role.as_deref(), codes(g)))
        .collect();
    // Two managers and two beheerders: each role too small to show apart, merged into
    // "overige" (four members, three counted).
    assert_eq!(
        roles,
        [(
            Some(koers::OTHER_ROLES),
            vec!["p1".to_string(), "p2".to_string(), "p3".to_string()]
        )]
    );
    assert_eq!(by_role[0].merged, ["beheerder", "manager"]);
    assert_eq!(by_role[0].members(&scores).count(), 4);
    // Per respondent every group holds its own score alone, the unreliable one included
    // (nobody else is there to count instead).
    let by_respondent = aggregate(&scores, GroupBy::Respondent, &instrument.matrix);
    assert_eq!(by_respondent.len(), 4);
    for g in &by_respondent {
        assert_eq!(codes(g), [g.respondent.clone().unwrap()]);
        assert_eq!(g.members(&scores).count(), 1);
    }
    // Without respondent codes the place in the input keeps them apart.
    let anonymous: Vec<koers::Score> = scores
        .iter()
        .cloned()
        .map(|mut s| {
            s.assessment.respondent = None;
            s
        })
        .collect();
    let groups = aggregate(&anonymous, GroupBy::Respondent, &instrument.matrix);
    for g in &groups {
        let members: Vec<usize> = g.members(&anonymous).map(|(i, _)| i).collect();
        assert_eq!(g.respondent, Some(format!("#{}", members[0] + 1)));
        assert_eq!(members.len(), 1);
    }
}

#[test]
fn a_groups_period_is_its_round_or_else_its_date() {
    let instrument = ladder_instrument();
    let mut with_round = ladder("r", [3, 3, 3, 3, 3, 3, 3, 3]);
    with_round.assessment.round = Some("2026-voorjaar".into());
    let scores = vec![
        instrument
            .score(&ladder("r", [3, 3, 3, 3, 3, 3, 3, 3]))
            .unwrap(),
        instrument.score(&with_round).unwrap(),
    ];
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let periods: Vec<String> = groups.iter().map(|g| g.period()).collect();
    assert_eq!(periods, ["2026-03-01", "2026-voorjaar"]);
}

#[test]
fn the_gap_is_ambition_minus_current_per_axis_section_and_question() {
    let instrument = ladder_instrument();
    let scores: Vec<_> = [
        // Now: x (4, 4) = 75; rungs 100, 100, 0 -> y 66.667.
        ladder_as("p1", "manager", "current", [4, 4, 5, 5, 5, 5, 1, 1]),
        // Ambition: x (5, 5) = 100; rungs 100, 100, 50 -> y 83.333.
        ladder_as("p1", "manager", "ambition", [5, 5, 5, 5, 5, 5, 3, 3]),
    ]
    .iter()
    .map(|a| instrument.score(a).unwrap())
    .collect();
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let gaps = koers::analysis::gaps(&groups, &scores);
    assert_eq!(gaps.len(), 1);
    let gap = &gaps[0];
    close(gap.x, 25.0);
    close(gap.y, 50.0 / 3.0);
    // Sections, largest first: r3 0 -> 50, focus 75 -> 100; r1 and r2 unchanged.
    assert_eq!(gap.sections[0].id, "r3");
    close(gap.sections[0].difference, 50.0);
    assert_eq!(gap.sections[1].id, "focus");
    close(gap.sections[1].difference, 25.0);
    // Questions: c1 and c2 1 -> 3 (0 -> 50), f1 and f2 4 -> 5 (75 -> 100).
    assert_eq!(gap.questions[0].id, "c1");
    close(gap.questions[0].difference, 50.0);
    let [x, y] = gap.in_words(&instrument.matrix, koers::Lang::Nl);
    // In Dutch with a decimal comma, in English with a point.
    assert_eq!(x, "van Vastgoed naar Sociaal: +25,0");
    assert!(y.ends_with(": +16,7"), "{y}");
    let [x, _] = gap.in_words(&instrument.matrix, koers::Lang::En);
    assert!(x.ends_with(": +25.0"), "{x}");
}

#[test]
fn a_gap_and_a_peer_say_when_a_position_is_unreliable() {
    let instrument = ladder_instrument();
    let scores: Vec<_> = [
        ladder_as("p1", "manager", "current", [4, 4, 5, 5, 5, 5, 1, 1]),
        // Rung 3 half unknown: the only ambition respondent is unreliable, so it counts,
        // and the ambition is unreliable.
        ladder_as("p1", "manager", "ambition", [5, 5, 5, 5, 5, 5, 3, 0]),
    ]
    .iter()
    .map(|a| instrument.score(a).unwrap())
    .collect();
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let gaps = koers::analysis::gaps(&groups, &scores);
    let gap = &gaps[0];
    assert!(gap.current_trust.reliable);
    assert!(!gap.ambition_trust.reliable);
    assert!(gap.ambition_trust.positioned);
    // One respondent: no interval, so certainty is unknown.
    assert_eq!(gap.current_trust.fixed, None);
    let json = serde_json::to_value(gap).unwrap();
    assert_eq!(json["ambition_trust"]["reliable"], false);
    assert_eq!(json["current_trust"]["certain"], serde_json::Value::Null);
}

#[test]
fn peers_have_percentiles_ranks_and_a_median() {
    let instrument = ladder_instrument();
    let org = |name: &str, answers: [i64; 8]| {
        let base = ladder("r1", answers);
        let mut organisation = base.organisation.clone();
        organisation.name = name.to_string();
        instrument
            .score(&Assessment::new(
                "ladder",
                organisation,
                base.assessment.clone(),
                base.answers.clone(),
            ))
            .unwrap()
    };
    let scores = vec![
        org("A", [1, 1, 5, 5, 5, 5, 5, 5]), // x 0, y 100
        org("B", [3, 3, 5, 5, 1, 1, 1, 1]), // x 50, y 33.3
        org("C", [5, 5, 1, 1, 1, 1, 1, 1]), // x 100, y 0
        org("D", [3, 3, 5, 5, 5, 5, 1, 1]), // x 50, y 66.7
    ];
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let peers = koers::analysis::peers(&groups).unwrap();
    // Median x of 0, 50, 50, 100 = 50; y of 0, 33.3, 66.7, 100 = 50.
    close(peers.median.x, 50.0);
    close(peers.median.y, 50.0);
    let peer = |name: &str| peers.peers.iter().find(|p| p.name == name).unwrap();
    // x percentile: A has none of the 3 others below: 0; C all 3: 100; B and D one below
    // and one tie (half): 100 × 1.5 / 3 = 50.
    close(peer("A").percentile.x, 0.0);
    close(peer("C").percentile.x, 100.0);
    close(peer("B").percentile.x, 50.0);
    // Ranks: x 1 = the most sociaal (C); B and D share rank 2; A is 4th.
    assert_eq!(
        [
            peer("C").rank_x,
            peer("B").rank_x,
            peer("D").rank_x,
            peer("A").rank_x
        ],
        [1, 2, 2, 4]
    );
    assert_eq!(peer("A").rank_y, 1);
    // Each peer says how far its position can be trusted: one respondent, reliable, no
    // interval.
    assert!(
        peers
            .peers
            .iter()
            .all(|p| p.trust.reliable && p.trust.fixed.is_none())
    );
}

#[test]
fn exactly_sixty_percent_coverage_is_enough_despite_rounding() {
    // One section of five questions of weight 0.7 on x; three answered. Coverage is
    // 3 * 0.7 / (5 * 0.7) = 60 % exactly, which floating point computes as
    // 2.0999999999999996 / 3.5 = 0.5999999999999999: still reliable, as the method says
    // (coverage >= 60 %).
    let mut instrument = String::from(
        "id = \"zeven\"\nversion = \"1\"\nmatrix = \"sev\"\ntitle = { nl = \"Zeven tiende\" }\n\
         [scales.s]\nmin = 1\nmax = 5\n\
         labels = [{ nl = \"1\" }, { nl = \"2\" }, { nl = \"3\" }, { nl = \"4\" }, { nl = \"5\" }]\n\
         [[sections]]\nid = \"a\"\ntitle = { nl = \"A\" }\n",
    );
    for i in 1..=5 {
        instrument.push_str(&format!(
            "[[sections.questions]]\nid = \"q{i}\"\ntext = {{ nl = \"Vraag {i}\" }}\nscale = \"s\"\nweight = 0.7\nloading = {{ x = 1, y = 1 }}\n"
        ));
    }
    let instrument = Instrument::parse(&Source::new("zeven.toml", &instrument)).unwrap();
    let answers = |n: usize| {
        let mut text = String::from(
            "instrument = \"zeven\"\n[organisation]\nname = \"Zeven\"\n[assessment]\ndate = 2026-03-01\n[answers]\n",
        );
        for i in 1..=5 {
            let value = if i <= n { "4" } else { "\"unknown\"" };
            text.push_str(&format!("q{i} = {value}\n"));
        }
        parse("zeven-a.toml", &text)
    };
    let three = instrument.score(&answers(3)).unwrap();
    close(three.x.coverage, 0.6);
    assert!(
        three.x.coverage < koers::LOW_COVERAGE,
        "the rounding step this test is about"
    );
    assert!(three.is_reliable(), "60 % is enough");
    assert!(three.shortfalls().is_empty());
    // Two of five (40 %) is not.
    let two = instrument.score(&answers(2)).unwrap();
    assert!(!two.is_reliable());
    assert_eq!(
        two.shortfalls().len(),
        2,
        "section a falls short on x and on y"
    );
}
