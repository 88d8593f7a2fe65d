//! Embedding koers in another program: build a few respondents' answers in code (as a
//! survey portal would), combine them into the corporation's position, say how sure it
//! is, and explain the biggest contributions.
//!
//! Run with `cargo run --example embed`.

use koers::{
    Answer, Assessment, AssessmentInfo, Date, GroupBy, Kind, Lang, Organisation, aggregate, builtin,
};
use std::collections::BTreeMap;

/// One respondent: a point for the ladder (extent) questions of each rung, one for all
/// focus questions, and "weet niet" for the questions listed.
struct Respondent {
    code: &'static str,
    role: &'static str,
    /// The answer to the ladder questions of voorzieningen, wijkregie and emancipatie.
    rungs: [i64; 3],
    /// The answer to every focus question (1 vastgoed … 5 sociaal).
    focus: i64,
    unknown: &'static [&'static str],
}

const RESPONDENTS: [Respondent; 3] = [
    Respondent {
        code: "r1",
        role: "manager",
        rungs: [5, 4, 2],
        focus: 4,
        unknown: &[],
    },
    Respondent {
        code: "r2",
        role: "woonconsulent",
        rungs: [6, 4, 2],
        focus: 4,
        unknown: &["social-return"],
    },
    // Knows little beyond the own estates: a whole rung "weet niet", so left out.
    Respondent {
        code: "r3",
        role: "beheerder",
        rungs: [4, 3, 1],
        focus: 3,
        unknown: &[
            "koopgarant",
            "klushuizen",
            "bedrijfsruimte",
            "jongerenfoyer",
            "werkhotel",
            "leerwerkplekken",
            "social-return",
            "voordeurbezoek",
            "vroegsignalering",
            "werkbegeleiding",
        ],
    },
];

fn main() -> Result<(), koers::Invalid> {
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let mut scores = Vec::new();
    for respondent in &RESPONDENTS {
        let mut answers = BTreeMap::new();
        for (section, question) in instrument.questions() {
            let answer = if respondent.unknown.contains(&question.id.as_str()) {
                Answer::Unknown
            } else {
                match section.id.as_str() {
                    "voorzieningen" => Answer::Point(respondent.rungs[0]),
                    "wijkregie" => Answer::Point(respondent.rungs[1]),
                    "emancipatie" => Answer::Point(respondent.rungs[2]),
                    id if id.starts_with("focus") => Answer::Point(respondent.focus),
                    _ => continue, // the regie section places nobody; left open here
                }
            };
            answers.insert(question.id.clone(), answer);
        }
        let assessment = Assessment::new(
            "sev",
            Organisation {
                name: "Woonstichting Voorbeeld".into(),
                id: None,
            },
            AssessmentInfo {
                date: Date::new(2026, 9, 1).expect("a real date"),
                kind: Kind::Current,
                round: None,
                respondent: Some(respondent.code.into()),
                role: Some(respondent.role.into()),
                source: None,
                horizon: None,
                werkgebied: Vec::new(),
            },
            answers,
        );
        scores.push(instrument.score(&assessment)?);
    }

    for group in aggregate(&scores, GroupBy::Organisation, &instrument.matrix) {
        let position = group.position.expect("both axes are answered");
        let region = group.region.as_ref().expect("a position lies in a region");
        println!(
            "{}: x = {:.1}, y = {:.1}, {} (margin {:.1}), {}",
            group.organisation.name,
            position.x,
            position.y,
            region.label.get(Lang::En),
            group.margin.unwrap_or(0.0),
            if group.is_reliable() {
                "sufficiently answered"
            } else {
                "insufficiently answered"
            }
        );
        for excluded in &group.excluded {
            let sections: Vec<&str> = excluded
                .shortfalls
                .iter()
                .map(|s| s.section.as_str())
                .collect();
            println!(
                "  left out: {} (too little answered in {})",
                excluded.respondent.as_deref().unwrap_or("?"),
                sections.join(", ")
            );
        }
        let intervals = (
            group.stats.x.and_then(|s| s.interval),
            group.stats.y.and_then(|s| s.interval),
        );
        if let (Some(x), Some(y)) = intervals {
            println!(
                "  95 % interval: x {:.1}–{:.1}, y {:.1}–{:.1}; the region is {}",
                x.low,
                x.high,
                y.low,
                y.high,
                if group.fixed == Some(true) {
                    "fixed"
                } else {
                    "open"
                }
            );
        }
    }

    // y is a ladder: the first respondent's rungs explain it, not single answers.
    if let Some(ladder) = &scores[0].ladder {
        for (rung, (extent, attained)) in ladder
            .rungs
            .iter()
            .zip(ladder.extents.iter().zip(&ladder.attained))
        {
            println!("  {rung:<24} extent {extent:.2}, counts {attained:.2}");
        }
        println!("  rungs clearly practised: {}", ladder.level);
    }
    // x is a mean of the sections: the three answers that move it the most.
    let mut questions = scores[0].questions.clone();
    questions.retain(|q| q.contribution.x.is_some());
    questions.sort_by(|a, b| {
        b.contribution
            .x
            .unwrap_or(0.0)
            .total_cmp(&a.contribution.x.unwrap_or(0.0))
    });
    for q in questions.iter().take(3) {
        println!("  {:<24} adds {:5.1} to x", q.id, q.contribution.x.unwrap());
    }
    Ok(())
}
