//! Property tests of the scoring method, the SEV matrix and the parsers.

use koers::{
    Answer, Assessment, AssessmentInfo, Date, Instrument, Kind, Matrix, Organisation, Point,
    Source, builtin,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn sev() -> &'static Instrument {
    builtin::instrument("sev").unwrap()
}

/// Version 2.0 of the instrument: it declares no ladder, so method 2's invariants (every
/// axis a mass-weighted mean of its sections) hold on both of its axes.
fn sev_2_0() -> &'static Instrument {
    builtin::instrument("sev@2.0").unwrap()
}

/// Any answer set for the SEV instrument: each question answered on its scale, "unknown"
/// or left out.
fn answers() -> impl Strategy<Value = BTreeMap<String, Answer>> {
    answers_for(sev())
}

/// Any answer set for `instrument`, as [`answers`] makes them for the SEV instrument.
fn answers_for(instrument: &'static Instrument) -> impl Strategy<Value = BTreeMap<String, Answer>> {
    answer_set(
        instrument,
        prop_oneof![7 => Just(Some(())), 1 => Just(None)],
        true,
    )
}

/// A complete answer set for `instrument`: every question answered with a point on its
/// scale.
fn complete_answers(
    instrument: &'static Instrument,
) -> impl Strategy<Value = BTreeMap<String, Answer>> {
    answer_set(instrument, Just(Some(())), false)
}

/// Answer sets in which each question is answered where `answered` gives `Some`, with a
/// point on its own scale (or, with `unknown`, sometimes "unknown"), and left out otherwise.
fn answer_set(
    instrument: &'static Instrument,
    answered: impl Strategy<Value = Option<()>> + Clone,
    unknown: bool,
) -> impl Strategy<Value = BTreeMap<String, Answer>> {
    let questions: Vec<(String, i64, i64)> = instrument
        .questions()
        .map(|(_, q)| {
            let scale = instrument.scale_of(q).unwrap();
            (q.id.clone(), scale.min, scale.max)
        })
        .collect();
    let per_question: Vec<_> = questions
        .iter()
        .map(|(_, min, max)| {
            let point = (*min..=*max).prop_map(Answer::Point);
            let answer = if unknown {
                prop_oneof![6 => point, 1 => Just(Answer::Unknown)].boxed()
            } else {
                point.boxed()
            };
            (answered.clone(), answer).prop_map(|(given, answer)| given.map(|_| answer))
        })
        .collect();
    per_question.prop_map(move |values| {
        questions
            .iter()
            .zip(values)
            .filter_map(|((id, _, _), a)| a.map(|a| (id.clone(), a)))
            .collect()
    })
}

/// Version 1 of the method: one weighted mean over every answered question at once.
fn method_1(
    instrument: &Instrument,
    answers: &BTreeMap<String, Answer>,
    loading: fn(&koers::Question) -> f64,
) -> f64 {
    let (mut points, mut mass) = (0.0, 0.0);
    for (_, q) in instrument.questions() {
        let l = loading(q);
        if let (Some(Answer::Point(p)), true) = (answers.get(&q.id), l != 0.0) {
            let v = instrument
                .scale_of(q)
                .unwrap()
                .normalize(*p)
                .expect("a checked answer lies on its scale");
            let d = if l < 0.0 { 1.0 - v } else { v };
            points += l.abs() * q.weight * d;
            mass += l.abs() * q.weight;
        }
    }
    100.0 * points / mass
}

fn assessment(answers: BTreeMap<String, Answer>) -> Assessment {
    assessment_of("sev", answers)
}

fn assessment_of(instrument: &str, answers: BTreeMap<String, Answer>) -> Assessment {
    Assessment::new(
        instrument,
        Organisation {
            name: "Proef".into(),
            id: None,
        },
        AssessmentInfo {
            date: Date::new(2007, 5, 31).unwrap(),
            kind: Kind::Current,
            round: None,
            respondent: None,
            role: None,
            source: None,
            horizon: None,
            werkgebied: Vec::new(),
        },
        answers,
    )
}

/// The ladder rule of method 3, written out apart from the library: `None` when no rung
/// has an answered question.
fn ladder_rule(rung_scores: &[Option<f64>], threshold: f64) -> Option<f64> {
    if rung_scores.iter().all(Option::is_none) {
        return None;
    }
    let k = rung_scores.len();
    let band = 100.0 / (k as f64 + 1.0);
    let mut attained = Vec::new();
    let mut lowest = 1.0f64;
    for s in rung_scores {
        lowest = lowest.min(s.unwrap_or(0.0) / 100.0);
        attained.push(lowest);
    }
    // A rounding step below θ still counts as θ (3 × 0.1 / 0.6 is ½).
    let level = attained
        .iter()
        .take_while(|&&a| a >= threshold - 1e-9)
        .count();
    let y = if level < k {
        band * level as f64 + band * attained[level] / threshold
    } else {
        band * k as f64 + band * ((attained[k - 1] - threshold) / (1.0 - threshold)).max(0.0)
    };
    Some(y.clamp(0.0, 100.0))
}

fn scaled_instrument(factor: f64) -> Instrument {
    let mut instrument = sev().clone();
    for section in &mut instrument.sections {
        for question in &mut section.questions {
            question.weight *= factor;
        }
    }
    instrument
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_100(answers in answers()) {
        let score = sev().score(&assessment(answers)).unwrap();
        for axis in [score.x, score.y] {
            if let Some(s) = axis.score {
                prop_assert!((0.0..=100.0).contains(&s), "score {s}");
            }
            prop_assert!((0.0..=1.0).contains(&axis.coverage));
        }
        for section in &score.sections {
            if let Some(s) = section.score {
                prop_assert!((0.0..=100.0).contains(&s));
            }
        }
    }

    #[test]
    fn with_every_question_answered_method_2_equals_method_1(
        answers in complete_answers(sev_2_0()),
    ) {
        // On sev@2.0, which has no ladder: under method 3 a ladder axis follows the
        // ladder rule instead (see `the_ladder_axis_follows_the_ladder_rule`).
        let score = sev_2_0()
            .score_with(&assessment_of("sev@2.0", answers.clone()), koers::Method::V2)
            .unwrap();
        let x = method_1(sev_2_0(), &answers, |q| q.loading.x);
        let y = method_1(sev_2_0(), &answers, |q| q.loading.y);
        prop_assert!((score.x.score.unwrap() - x).abs() < 1e-9, "x {:?} vs {x}", score.x.score);
        prop_assert!((score.y.score.unwrap() - y).abs() < 1e-9, "y {:?} vs {y}", score.y.score);
        prop_assert!(score.is_reliable(), "a complete answer set is reliable");
    }

    #[test]
    fn a_score_is_reliable_exactly_when_no_section_falls_short(answers in answers()) {
        let score = sev().score(&assessment(answers)).unwrap();
        for shortfall in score.shortfalls() {
            prop_assert!(koers::is_low_coverage(shortfall.coverage));
        }
        prop_assert_eq!(
            score.is_reliable(),
            score.position.is_some() && score.shortfalls().is_empty()
        );
    }

    #[test]
    fn group_statistics_hold_together(values in proptest::collection::vec(0.0f64..=100.0, 1..40)) {
        let stats = koers::Stats::of(&values).unwrap();
        prop_assert!(stats.min <= stats.mean + 1e-9 && stats.mean <= stats.max + 1e-9);
        prop_assert_eq!(stats.sd.is_none(), values.len() < 2, "sd only from two values on");
        prop_assert_eq!(stats.interval.is_none(), values.len() < 2);
        if let (Some(sd), Some(se), Some(koers::Interval { low, high })) = (stats.sd, stats.se, stats.interval) {
            prop_assert!(sd >= 0.0 && (se - sd / (values.len() as f64).sqrt()).abs() < 1e-9);
            prop_assert!((0.0..=100.0).contains(&low) && (0.0..=100.0).contains(&high));
            prop_assert!(low <= stats.mean + 1e-9 && stats.mean <= high + 1e-9);
        }
    }

    #[test]
    fn a_placement_is_the_score_without_its_explanation(answers in answers()) {
        let assessment = assessment(answers);
        let score = sev().score(&assessment).unwrap();
        let placement = sev().place(&assessment).unwrap();
        // Equal to the last bit: `PartialEq` on f64 compares the numbers exactly.
        prop_assert_eq!(&placement, &score.placement());
        prop_assert_eq!(placement.shortfalls(), score.shortfalls());
        prop_assert_eq!(placement.reliable, score.is_reliable());
    }

    #[test]
    fn placements_aggregate_into_the_same_groups_as_scores(
        sets in proptest::collection::vec((answers(), 0usize..3, any::<bool>()), 1..12),
    ) {
        // A few organisations, some respondents with a round: several groups, some with
        // members left out.
        let assessments: Vec<Assessment> = sets
            .into_iter()
            .enumerate()
            .map(|(i, (answers, organisation, round))| {
                let mut one = assessment(answers);
                one.organisation.name = format!("Corporatie {organisation}");
                one.assessment.respondent = Some(format!("r{i}"));
                one.assessment.round = round.then(|| "2026-voorjaar".to_string());
                one
            })
            .collect();
        for by in [koers::GroupBy::Organisation, koers::GroupBy::Role, koers::GroupBy::Respondent] {
            let mut from_scores = koers::Aggregator::new(by);
            for one in &assessments {
                from_scores.push(&sev().score(one).unwrap());
            }
            let mut from_placements = koers::Aggregator::new(by);
            from_placements.extend(assessments.iter().map(|one| sev().place(one).unwrap()));
            prop_assert_eq!(
                from_placements.finish(&sev().matrix),
                from_scores.finish(&sev().matrix)
            );
        }
    }

    #[test]
    fn contributions_sum_to_the_axis_score(answers in answers_for(sev_2_0())) {
        // sev@2.0 has no ladder, so under method 2 and 3 alike both axes are sums.
        let assessment = assessment_of("sev@2.0", answers);
        for method in [koers::Method::V2, koers::Method::V3] {
            let score = sev_2_0().score_with(&assessment, method).unwrap();
            let sum_x: f64 = score.questions.iter().filter_map(|q| q.contribution.x).sum();
            let sum_y: f64 = score.questions.iter().filter_map(|q| q.contribution.y).sum();
            prop_assert!((sum_x - score.x.score.unwrap_or(0.0)).abs() < 1e-9);
            prop_assert!((sum_y - score.y.score.unwrap_or(0.0)).abs() < 1e-9);
        }
    }

    #[test]
    fn on_the_ladder_instrument_x_contributions_sum_to_x(answers in answers()) {
        // x is not the ladder axis, so its contributions still sum to it; the ladder axis
        // has no per-question contributions under method 3 (its rungs explain it).
        let score = sev().score(&assessment(answers)).unwrap();
        let sum_x: f64 = score.questions.iter().filter_map(|q| q.contribution.x).sum();
        prop_assert!((sum_x - score.x.score.unwrap_or(0.0)).abs() < 1e-9);
        prop_assert!(score.questions.iter().all(|q| q.contribution.y.is_none()));
    }

    #[test]
    fn the_ladder_axis_follows_the_ladder_rule(answers in answers()) {
        let score = sev().score(&assessment(answers)).unwrap();
        let rule = sev().ladder.as_ref().expect("sev 2.1 declares a ladder");
        prop_assert_eq!(rule.axis, koers::AxisName::Y);
        prop_assert_eq!(score.method, koers::Method::V3);
        // The rungs' extents from their section scores on y; a rung without an answered
        // question counts as 0.
        let rung_scores: Vec<Option<f64>> = rule
            .rungs
            .iter()
            .map(|rung| {
                let section = score.sections.iter().find(|s| &s.id == rung).unwrap();
                section.y.as_ref().and_then(|part| part.score)
            })
            .collect();
        let expected = ladder_rule(&rung_scores, rule.threshold);
        match (score.y.score, expected) {
            (Some(y), Some(e)) => prop_assert!((y - e).abs() < 1e-9, "y {y} vs rule {e}"),
            (y, e) => prop_assert_eq!(y, e),
        }
    }

    #[test]
    fn answers_in_another_order_give_the_same_result(
        answers in answers(),
        seed in any::<u64>(),
    ) {
        // Write the answers into TOML in two different orders and parse both.
        let mut lines: Vec<String> = answers
            .iter()
            .map(|(id, a)| match a {
                Answer::Point(p) => format!("{id} = {p}"),
                Answer::Unknown => format!("{id} = \"unknown\""),
                Answer::NotApplicable => format!("{id} = \"n.v.t.\""),
            })
            .collect();
        let head = "instrument = \"sev\"\n[organisation]\nname = \"P\"\n[assessment]\ndate = 2007-05-31\n[answers]\n";
        let forward = format!("{head}{}\n", lines.join("\n"));
        let n = lines.len().max(1);
        lines.rotate_left((seed as usize) % n);
        lines.reverse();
        let shuffled = format!("{head}{}\n", lines.join("\n"));
        let a = sev().score(&Assessment::parse(&Source::new("a", &forward)).unwrap()).unwrap();
        let b = sev().score(&Assessment::parse(&Source::new("b", &shuffled)).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn multiplying_all_weights_by_one_factor_changes_nothing(
        answers in answers(),
        factor in 0.01f64..100.0,
    ) {
        let a = sev().score(&assessment(answers.clone())).unwrap();
        let b = scaled_instrument(factor).score(&assessment(answers)).unwrap();
        for (x, y) in [(a.x.score, b.x.score), (a.y.score, b.y.score)] {
            match (x, y) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{x} vs {y}"),
                (x, y) => prop_assert_eq!(x, y),
            }
        }
        prop_assert!((a.x.coverage - b.x.coverage).abs() < 1e-9);
    }

    #[test]
    fn raising_an_answer_on_a_positively_loaded_question_never_lowers_that_axis(
        answers in answers(),
        pick in any::<prop::sample::Index>(),
    ) {
        let positive: Vec<_> = sev().questions().map(|(_, q)| q).filter(|q| q.loading.y > 0.0).collect();
        let question = positive[pick.index(positive.len())];
        for axis in ["x", "y"] {
            let load = if axis == "x" { question.loading.x } else { question.loading.y };
            if load <= 0.0 {
                continue;
            }
            let mut low = answers.clone();
            let mut high = answers.clone();
            let min = sev().scale_of(question).unwrap().min;
            let base = match answers.get(&question.id) { Some(Answer::Point(p)) => *p, _ => min };
            low.insert(question.id.clone(), Answer::Point(base));
            let max = sev().scale_of(question).unwrap().max;
            high.insert(question.id.clone(), Answer::Point((base + 1).min(max)));
            let low = sev().score(&assessment(low)).unwrap();
            let high = sev().score(&assessment(high)).unwrap();
            let (l, h) = if axis == "x" { (low.x.score, high.x.score) } else { (low.y.score, high.y.score) };
            prop_assert!(h.unwrap() >= l.unwrap() - 1e-9, "{axis}: {l:?} -> {h:?}");
        }
    }

    #[test]
    fn every_point_of_the_sev_matrix_lies_in_exactly_one_region(
        x in 0.0f64..=100.0,
        y in 0.0f64..=100.0,
    ) {
        let matrix = builtin::matrix("sev").unwrap();
        let count = matrix.regions.iter().filter(|r| r.x.contains(x) && r.y.contains(y)).count();
        prop_assert_eq!(count, 1, "({}, {})", x, y);
    }

    #[test]
    fn any_text_fed_to_the_parsers_gives_ok_or_an_error(text in any::<String>()) {
        let source = Source::new("fuzz.toml", &text);
        let _ = Matrix::parse(&source);
        let _ = Instrument::parse(&source);
        if let Ok(a) = Assessment::parse(&source) {
            let _ = sev().score(&a);
        }
    }

    #[test]
    fn toml_shaped_text_gives_ok_or_an_error(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("instrument = \"sev\"".to_string()),
                Just("[organisation]".to_string()),
                Just("name = \"x\"".to_string()),
                Just("[assessment]".to_string()),
                Just("date = 2007-05-31".to_string()),
                Just("[answers]".to_string()),
                "[a-z-]{1,12} = (-?[0-9]{1,20}|\"[a-z]*\"|[0-9]\\.[0-9]|true)",
            ],
            0..12,
        )
    ) {
        let text = lines.join("\n");
        if let Ok(a) = Assessment::parse(&Source::new("t.toml", &text)) {
            let _ = sev().score(&a);
        }
    }
}

#[test]
fn the_four_corners_and_the_centre_lie_in_the_expected_regions() {
    let matrix = builtin::matrix("sev").unwrap();
    let at = |x, y| matrix.region_at(Point { x, y }).unwrap().id.clone();
    assert_eq!(at(0.0, 0.0), "verhuurder-vastgoed");
    assert_eq!(at(100.0, 0.0), "verhuurder-sociaal");
    assert_eq!(at(0.0, 100.0), "emancipatie-vastgoed");
    assert_eq!(at(100.0, 100.0), "emancipatie-sociaal");
    assert_eq!(
        at(50.0, 50.0),
        "wijkregisseur-sociaal",
        "boundaries belong up and right"
    );
}
