//! Scoring method 3, computed by hand: the ladder rule on the five worked examples, the
//! skipped rung, its monotonicity, the Bonferroni interval, agreement per question and
//! per section (r_wg, r_wg(J), AD_M) and the privacy rule for roles. The instrument is the
//! fixture `tests/fixtures/ladder/instrument.toml`: three rungs (K = 3, θ = 0.5, band
//! width B = 25) of two questions each on a 0–10 scale, and one focus question.

use koers::analysis::{AgreementLevel, Privacy, agenda, agreement};
use koers::{
    Answer, Assessment, AssessmentInfo, Date, GroupBy, Instrument, Kind, Method, Organisation,
    Score, Source, aggregate,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

const INSTRUMENT: &str = include_str!("fixtures/ladder/instrument.toml");
const RUNGS: [&str; 3] = ["voorzieningen", "wijkregie", "emancipatie"];

fn instrument() -> Instrument {
    Instrument::parse(&Source::new("instrument.toml", INSTRUMENT)).unwrap()
}

/// A respondent who answers `focus`, and both questions of each rung with the extent
/// given in tenths (`None`: "weet niet").
fn respondent(code: &str, role: &str, focus: i64, rungs: [Option<i64>; 3]) -> Assessment {
    let mut answers = BTreeMap::from([("focus".to_string(), Answer::Point(focus))]);
    for (prefix, extent) in ["v", "w", "e"].iter().zip(rungs) {
        for i in 1..=2 {
            let answer = extent.map_or(Answer::Unknown, Answer::Point);
            answers.insert(format!("{prefix}{i}"), answer);
        }
    }
    let mut info = AssessmentInfo::new(Date::new(2026, 6, 1).unwrap(), Kind::Current);
    info.respondent = Some(code.into());
    info.role = (!role.is_empty()).then(|| role.into());
    let organisation = Organisation {
        name: "Trap".into(),
        id: None,
    };
    Assessment::new("instrument.toml", organisation, info, answers)
}

fn at(rungs: [i64; 3]) -> Score {
    instrument()
        .score(&respondent("r", "", 5, rungs.map(Some)))
        .unwrap()
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}

/// Extents in tenths, y, a_k, L and the skipped rungs.
type Example = ([i64; 3], f64, [f64; 3], usize, &'static [&'static str]);

#[test]
fn the_five_worked_examples_of_the_ladder_rule() {
    // (e1, e2, e3) in tenths -> y by hand, with a_k, L and the skipped rungs.
    let cases: [Example; 5] = [
        // a = (1, 0, 0): L = 1, y = 25 + 25 · 0 / 0.5.
        ([10, 0, 0], 25.0, [1.0, 0.0, 0.0], 1, &[]),
        // a = (1, 1, 0): L = 2, y = 50 + 0.
        ([10, 10, 0], 50.0, [1.0, 1.0, 0.0], 2, &[]),
        // a = (0.6, 0.6, 0.6): L = 3, y = 75 + 25 · (0.6 − 0.5) / (1 − 0.5) = 80.
        ([6, 6, 6], 80.0, [0.6, 0.6, 0.6], 3, &[]),
        // a = (0.3, 0.3, 0.3): L = 0, y = 0 + 25 · 0.3 / 0.5 = 15.
        ([3, 3, 3], 15.0, [0.3, 0.3, 0.3], 0, &[]),
        // a = (0, 0, 0): L = 0, y = 0; emancipatie is practised above two rungs that are
        // not: skipped.
        ([0, 0, 10], 0.0, [0.0, 0.0, 0.0], 0, &["emancipatie"]),
    ];
    for (rungs, y, attained, level, skipped) in cases {
        let score = at(rungs);
        assert_eq!(score.method, Method::V3);
        close(score.y.score.unwrap(), y);
        let ladder = score.ladder.as_ref().expect("a declared ladder");
        assert_eq!(ladder.rungs, RUNGS);
        for (k, e) in rungs.iter().enumerate() {
            close(ladder.extents[k], *e as f64 / 10.0);
            close(ladder.attained[k], attained[k]);
        }
        assert_eq!(ladder.level, level, "{rungs:?}");
        assert_eq!(ladder.skipped, skipped, "{rungs:?}");
        // x is method 2's: the focus answer 5 of 10.
        close(score.x.score.unwrap(), 50.0);
        // Under the ladder rule no answer claims points of y.
        assert!(score.questions.iter().all(|q| q.contribution.y.is_none()));
        // The placement (the fast path) carries the same ladder.
        assert_eq!(score.placement().ladder.as_ref(), Some(ladder));
    }
}

#[test]
fn method_2_stays_selectable_and_ignores_the_ladder() {
    let instrument = instrument();
    let assessment = respondent("r", "", 5, [Some(10), Some(0), Some(0)]);
    let score = instrument.score_with(&assessment, Method::V2).unwrap();
    // Three rungs of equal mass: (100 + 0 + 0) / 3.
    close(score.y.score.unwrap(), 100.0 / 3.0);
    assert_eq!(score.ladder, None);
    assert_eq!(score.method, Method::V2);
    let json = serde_json::to_value(&score).unwrap();
    assert_eq!(json["method"], 2);
    let json = serde_json::to_value(instrument.score(&assessment).unwrap()).unwrap();
    assert_eq!(json["method"], 3);
    assert_eq!(json["ladder"]["skipped"], serde_json::json!([]));
    assert_eq!(json["ladder"]["level"], 1);
}

#[test]
fn a_rung_without_an_answer_counts_as_nothing_and_the_position_is_not_sufficient() {
    let score = instrument()
        .score(&respondent("r", "", 5, [Some(10), None, Some(10)]))
        .unwrap();
    let ladder = score.ladder.as_ref().unwrap();
    // e = (1, 0, 1): a = (1, 0, 0), L = 1, y = 25; emancipatie is skipped.
    assert_eq!(ladder.extents, [1.0, 0.0, 1.0]);
    close(score.y.score.unwrap(), 25.0);
    assert_eq!(ladder.skipped, ["emancipatie"]);
    assert!(!score.is_reliable());
    // No rung answered at all: no y, as any axis without answers.
    let none = instrument()
        .score(&respondent("r", "", 5, [None, None, None]))
        .unwrap();
    assert_eq!(none.y.score, None);
    assert_eq!(none.ladder, None);
}

#[test]
fn a_group_is_the_mean_of_its_positions_with_a_bonferroni_interval() {
    let instrument = instrument();
    // y = 10, 15, 20 (extents 0.2, 0.3, 0.4 on every rung: 25 · e / 0.5).
    let scores: Vec<Score> = [2, 3, 4]
        .iter()
        .enumerate()
        .map(|(i, &e)| {
            let a = respondent(&format!("r{i}"), "", 5, [Some(e); 3]);
            instrument.score(&a).unwrap()
        })
        .collect();
    let group = &aggregate(&scores, GroupBy::Organisation, &instrument.matrix)[0];
    assert_eq!(group.method, Method::V3);
    let y = group.stats.y.unwrap();
    close(y.mean, 15.0);
    close(y.sd.unwrap(), 5.0);
    // se = 5 / √3 = 2.88675; t(1 − 0.05/4, 2) = 6.20535: half width 17.9133.
    let koers::Interval { low, high } = y.interval.unwrap();
    assert_eq!(low, 0.0, "cut to the axis");
    assert!((high - 32.9133).abs() < 1e-3, "{high}");
    // The group's ladder: the mean extents (0.3 on each rung), no skipped rung.
    let ladder = group.ladder.as_ref().unwrap();
    for e in &ladder.extents {
        close(*e, 0.3);
    }
    assert!(ladder.skipped.is_empty());
    // x: all at 50, no spread: the rectangle is a segment on x = 50, in two regions.
    assert_eq!(group.fixed, Some(false));
    let json = serde_json::to_value(group).unwrap();
    assert_eq!(json["fixed"], false);
    assert_eq!(json["method"], 3);
    // Method 2: t(0.975, 2) = 4.30265, half width 12.4207.
    let scores_2: Vec<Score> = scores
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.method = Method::V2;
            s
        })
        .collect();
    let group_2 = &aggregate(&scores_2, GroupBy::Organisation, &instrument.matrix)[0];
    let koers::Interval { high, .. } = group_2.stats.y.unwrap().interval.unwrap();
    assert!((high - 27.4207).abs() < 1e-3, "{high}");
}

#[test]
fn the_t_quantile_of_the_bonferroni_interval_is_exact_for_small_groups() {
    // Two values 0 and 2: mean 1, sd √2, se 1; the half width is t(0.9875, 1) = 25.452.
    let stats = koers::Stats::of(&[40.0, 42.0]).unwrap();
    let koers::Interval { low, high } = stats.interval.unwrap();
    assert!((high - 41.0 - 25.452).abs() < 1e-3 && (41.0 - low - 25.452).abs() < 1e-3);
    // Six values: t(0.9875, 5) = 3.163; thirty-one: t(0.9875, 30) = 2.360.
    for (n, t) in [(6_usize, 3.163), (31, 2.360), (3, 6.205)] {
        let values: Vec<f64> = (0..n).map(|i| 50.0 + (i % 2) as f64).collect();
        let stats = koers::Stats::of(&values).unwrap();
        let koers::Interval { low, high } = stats.interval.unwrap();
        let half = (high - low) / 2.0;
        assert!((half / stats.se.unwrap() - t).abs() < 1e-3, "n {n}");
    }
}

/// Three respondents' answers to v1 and v2 (and the rest at 5).
fn three(v1: [i64; 3], v2: [i64; 3]) -> Vec<Score> {
    let instrument = instrument();
    (0..3)
        .map(|i| {
            let mut a = respondent(&format!("r{i}"), "", 5, [Some(5); 3]);
            a.answers.insert("v1".into(), Answer::Point(v1[i]));
            a.answers.insert("v2".into(), Answer::Point(v2[i]));
            instrument.score(&a).unwrap()
        })
        .collect()
}

#[test]
fn agreement_per_question_and_per_section_by_hand() {
    let instrument = instrument();
    // v1: 4, 5, 6: s² = 1; σ²_EU = (11² − 1) / 12 = 10: r_wg = 0.9; AD_M = 2/3.
    // v2: 4, 6, 8: s² = 4: r_wg = 0.6; AD_M = 4/3.
    let scores = three([4, 5, 6], [4, 6, 8]);
    let refs: Vec<&Score> = scores.iter().collect();
    let result = agreement(&instrument, refs);
    let q = |id: &str| result.questions.iter().find(|q| q.id == id).unwrap();
    close(q("v1").rwg.unwrap(), 0.9);
    close(q("v1").ad.unwrap(), 2.0 / 3.0);
    close(q("v2").rwg.unwrap(), 0.6);
    close(q("v2").ad.unwrap(), 4.0 / 3.0);
    assert_eq!(q("v1").level, Some(AgreementLevel::Strong));
    assert_eq!(q("v2").level, Some(AgreementLevel::Moderate));
    // AD ≤ (A − 1) / 6 = 10 / 6.
    assert_eq!(q("v2").agrees, Some(true));
    // Section: s̄²/σ² = (1 + 4) / 2 / 10 = 0.25, J = 2:
    // r_wg(J) = 2 · 0.75 / (2 · 0.75 + 0.25) = 6/7; AD_M = (2/3 + 4/3) / 2 = 1.
    let section = result
        .sections
        .iter()
        .find(|s| s.id == "voorzieningen")
        .unwrap();
    assert_eq!(section.questions, 2);
    close(section.rwg.unwrap(), 6.0 / 7.0);
    close(section.ad.unwrap(), 1.0);
    assert_eq!(section.level, Some(AgreementLevel::Strong));
    assert_eq!(section.agrees, Some(true));
    // All answered 5: no variance, full agreement.
    let wijkregie = result
        .sections
        .iter()
        .find(|s| s.id == "wijkregie")
        .unwrap();
    close(wijkregie.rwg.unwrap(), 1.0);
    let json = serde_json::to_value(&result).unwrap();
    assert!(json.get("mean_item_rwg").is_some());
}

#[test]
fn agreement_needs_three_answers_and_half_the_group() {
    let instrument = instrument();
    let scores = three([4, 5, 6], [4, 6, 8]);
    // n = 2: no r_wg, no AD_M, nor a section figure.
    let two: Vec<&Score> = scores[..2].iter().collect();
    let result = agreement(&instrument, two);
    let v1 = result.questions.iter().find(|q| q.id == "v1").unwrap();
    assert_eq!((v1.rwg, v1.ad, v1.level), (None, None, None));
    assert!(result.sections.iter().all(|s| s.rwg.is_none()));
    // Three answers among seven respondents: fewer than half answered.
    let mut seven = scores.clone();
    for i in 3..7 {
        let mut a = respondent(&format!("r{i}"), "", 5, [Some(5); 3]);
        a.answers.insert("v1".into(), Answer::Unknown);
        seven.push(instrument.score(&a).unwrap());
    }
    let refs: Vec<&Score> = seven.iter().collect();
    let result = agreement(&instrument, refs);
    let v1 = result.questions.iter().find(|q| q.id == "v1").unwrap();
    assert_eq!((v1.n, v1.rwg), (3, None));
    // Method 2 computed it from two answers.
    let mut two_v2: Vec<Score> = scores[..2].to_vec();
    two_v2.iter_mut().for_each(|s| s.method = Method::V2);
    let refs: Vec<&Score> = two_v2.iter().collect();
    let v1 = agreement(&instrument, refs).questions[1].clone();
    assert_eq!(v1.id, "v1");
    // 4 and 5: s² = 0.5, r_wg = 1 − 0.5 / 10.
    close(v1.rwg.unwrap(), 0.95);
}

/// The analyses take the scores as any iterator of `&Score`: a slice of scores, a list
/// of references or a lazy iterator give the same results.
#[test]
fn analyses_take_any_iterator_of_scores() {
    let instrument = instrument();
    let scores = three([4, 5, 6], [4, 6, 8]);
    let refs: Vec<&Score> = scores.iter().collect();
    let from_slice = agreement(&instrument, &scores);
    assert_eq!(agreement(&instrument, refs.iter().copied()), from_slice);
    assert_eq!(agreement(&instrument, refs), from_slice);
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let from_slice = agenda(&instrument, &groups[0], &scores, 5);
    let lazy = agenda(&instrument, &groups[0], scores.iter().filter(|_| true), 5);
    assert_eq!(lazy, from_slice);
    assert!(from_slice.rwg.is_some());
    let counted: Vec<&Score> = groups[0].counted(scores.iter()).collect();
    assert_eq!(
        counted.len(),
        groups[0].respondents - groups[0].excluded.len()
    );
    assert_eq!(koers::analysis::gaps(&groups, scores.iter()), []);
}

#[test]
fn roles_of_fewer_than_three_are_merged_into_overige_or_left_out() {
    let instrument = instrument();
    let score = |code: &str, role: &str, v: i64| {
        instrument
            .score(&respondent(code, role, 5, [Some(v), Some(5), Some(5)]))
            .unwrap()
    };
    // Three managers (v = 8), a beheerder and two woonconsulenten (v = 2): the small
    // roles together are three, shown as "overige".
    let scores = vec![
        score("m1", "manager", 8),
        score("m2", "manager", 8),
        score("m3", "manager", 8),
        score("b1", "beheerder", 2),
        score("w1", "woonconsulent", 2),
        score("w2", "woonconsulent", 2),
    ];
    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    let result = agenda(&instrument, &groups[0], &scores, 5);
    let privacy: Privacy = result.privacy;
    assert_eq!((privacy.merged, privacy.left_out), (3, 0));
    let v1 = result.roles.iter().find(|r| r.id == "v1").unwrap();
    assert_eq!(v1.highest.role.as_deref(), Some("manager"));
    assert!(v1.lowest.other && v1.lowest.role.is_none());
    assert_eq!(v1.lowest.n, 3);
    close(v1.difference, 6.0);
    // By role: manager apart, the rest as "overige".
    let by_role = aggregate(&scores, GroupBy::Role, &instrument.matrix);
    let roles: Vec<_> = by_role.iter().map(|g| g.role.as_deref().unwrap()).collect();
    assert_eq!(roles, ["manager", koers::OTHER_ROLES]);
    assert_eq!(by_role[1].merged, ["beheerder", "woonconsulent"]);
    assert_eq!(by_role[1].respondents, 3);
    // Without one woonconsulent the small roles are two: left out, and said so.
    let fewer = &scores[..5];
    let groups = aggregate(fewer, GroupBy::Organisation, &instrument.matrix);
    let result = agenda(&instrument, &groups[0], fewer, 5);
    assert_eq!((result.privacy.merged, result.privacy.left_out), (0, 2));
    assert!(result.roles.is_empty(), "one role left: nothing to compare");
    let by_role = aggregate(fewer, GroupBy::Role, &instrument.matrix);
    assert_eq!(by_role.len(), 1);
    assert_eq!(by_role[0].withheld, 2);
}

#[test]
fn the_profile_reports_the_skipped_rungs_of_the_group() {
    let instrument = instrument();
    let scores = vec![at([0, 0, 10]), at([0, 2, 8])];
    let group = &aggregate(&scores, GroupBy::Organisation, &instrument.matrix)[0];
    // Mean extents (0, 0.1, 0.9): emancipatie is skipped, above voorzieningen.
    let profile = koers::analysis::profile(&instrument, group);
    assert_eq!(profile.skipped, ["emancipatie"]);
    assert_eq!(profile.ladder, koers::analysis::Ladder::Breaks);
    assert_eq!(profile.breaks[0].lower, "voorzieningen");
    assert_eq!(profile.breaks[0].higher, "emancipatie");
    close(profile.breaks[0].by, 90.0);
}

proptest! {
    /// y never falls when an answer rises (the ladder rule is monotone), though it may
    /// step up.
    #[test]
    fn y_never_falls_when_an_answer_rises(
        answers in proptest::collection::vec(proptest::option::of(0_i64..=10), 6),
        which in 0_usize..6,
        rise in 1_i64..=10,
    ) {
        let instrument = instrument();
        let ids = ["v1", "v2", "w1", "w2", "e1", "e2"];
        let make = |answers: &[Option<i64>]| {
            let mut a = respondent("r", "", 5, [Some(0); 3]);
            for (id, answer) in ids.iter().zip(answers) {
                a.answers.insert(id.to_string(), answer.map_or(Answer::Unknown, Answer::Point));
            }
            instrument.score(&a).unwrap().y.score
        };
        let before = make(&answers);
        let mut raised = answers.clone();
        raised[which] = Some(raised[which].map_or(rise, |v| (v + rise).min(10)));
        let after = make(&raised);
        // An answer given where there was "weet niet" may also lower a rung's extent; only
        // a point that rises must not lower y.
        if answers[which].is_some() {
            prop_assert!(after.unwrap() >= before.unwrap() - 1e-9, "{before:?} -> {after:?}");
        }
    }
}
