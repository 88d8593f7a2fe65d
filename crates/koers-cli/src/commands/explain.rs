//! `koers explain`: how each answer adds to the position, so that a person can follow
//! every number.

use crate::args::ExplainArgs;
use crate::failure::{Failure, stdout_result};
use crate::group::group;
use crate::load::Loader;
use koers::{Answer, Group, GroupBy, Instrument, Lang, Score};
use std::fmt::Write as _;
use std::io::Write;

/// Runs the command.
pub fn run(args: &ExplainArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let lang: Lang = args.lang.into();
    let mut out = String::new();
    for part in group(scored, GroupBy::Organisation) {
        for g in &part.groups {
            let members: Vec<&Score> = part
                .scores
                .iter()
                .filter(|s| {
                    s.organisation.key() == g.organisation.id
                        && s.assessment.kind == g.kind
                        && s.assessment.date == g.date
                })
                .collect();
            explain(&mut out, g, &members, &part.instrument, lang);
        }
    }
    stdout_result(std::io::stdout().lock().write_all(out.as_bytes()))
}

/// One question averaged over the members of a group.
struct Line<'a> {
    id: &'a str,
    answer: String,
    loading: f64,
    weight: f64,
    adds: f64,
}

fn explain(out: &mut String, g: &Group, members: &[&Score], instrument: &Instrument, lang: Lang) {
    let matrix = &instrument.matrix;
    let _ = writeln!(
        out,
        "{} · {} · {} · {} respondent{}",
        g.organisation.name,
        g.kind,
        g.date,
        g.respondents,
        if g.respondents == 1 { "" } else { "s" }
    );
    let axis_text = |v: Option<f64>, axis: &koers::Axis| match v {
        Some(v) => format!("{v:.1} ({})", axis.title(lang)),
        None => format!(
            "no score: no answered question loads on {}",
            axis.label.get(lang)
        ),
    };
    let _ = writeln!(
        out,
        "position  x {}",
        axis_text(g.position.map(|p| p.x), &matrix.x)
    );
    let _ = writeln!(
        out,
        "          y {}",
        axis_text(g.position.map(|p| p.y), &matrix.y)
    );
    if let Some(region) = &g.region {
        let _ = writeln!(
            out,
            "region    {}; {:.1} points from the nearest boundary",
            region.label.get(lang),
            g.margin.unwrap_or(0.0)
        );
        if let Some(r) = matrix.region(&region.id) {
            let _ = writeln!(out, "          {}", r.description.get(lang));
        }
    }
    let _ = writeln!(
        out,
        "coverage  x {:.0}%, y {:.0}%{}",
        g.coverage.x * 100.0,
        g.coverage.y * 100.0,
        if g.is_reliable() {
            ""
        } else {
            "  (below 60%: unreliable)"
        }
    );
    // Only members with a position make up the group's position; their mean
    // contributions add up to it exactly.
    let placed: Vec<&Score> = members
        .iter()
        .copied()
        .filter(|s| s.position.is_some())
        .collect();
    for axis in ['x', 'y'] {
        let score = g.position.map(|p| if axis == 'x' { p.x } else { p.y });
        let _ = writeln!(
            out,
            "\n{axis} = {}, the sum of what each answer adds (largest first):",
            score.map_or_else(|| "-".into(), |s| format!("{s:.1}"))
        );
        let mut lines = lines(&placed, axis);
        lines.sort_by(|a, b| b.adds.total_cmp(&a.adds).then(a.id.cmp(b.id)));
        let _ = writeln!(
            out,
            "  {:<26} {:>8} {:>8} {:>7} {:>6}",
            "question", "answer", "loading", "weight", "adds"
        );
        for line in &lines {
            let _ = writeln!(
                out,
                "  {:<26} {:>8} {:>+8.1} {:>7.1} {:>6.1}",
                line.id, line.answer, line.loading, line.weight, line.adds
            );
        }
    }
    let _ = writeln!(
        out,
        "\n  adds = 100 × |loading| × weight × v′ / Σ(|loading| × weight of the answered questions);\n  v′ is the answer scaled to 0–1, reversed (1 − v) for a negative loading."
    );
    if members.len() > 1 {
        let _ = writeln!(
            out,
            "  With several respondents, answer and adds are means over the respondents."
        );
    }
    let _ = writeln!(out, "\nsections");
    for section in &g.sections {
        let title = instrument
            .sections
            .iter()
            .find(|s| s.id == section.id)
            .map_or(section.id.as_str(), |s| s.title.get(lang));
        let _ = writeln!(
            out,
            "  {:<44} {:>6}",
            title,
            section
                .score
                .map_or_else(|| "-".into(), |s| format!("{s:.1}"))
        );
    }
    let unknown: Vec<String> = tally(
        members,
        |s, id| {
            s.questions
                .iter()
                .any(|q| q.id == id && q.answer == Some(Answer::Unknown))
        },
        instrument,
    );
    let unanswered: Vec<String> = tally(
        members,
        |s, id| s.unanswered.iter().any(|u| u == id),
        instrument,
    );
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    let _ = writeln!(out, "\nunknown (weet niet / n.v.t.): {}", list(&unknown));
    let _ = writeln!(out, "not answered: {}\n", list(&unanswered));
}

/// The questions that load on `axis`, each averaged over the members.
fn lines<'a>(members: &[&'a Score], axis: char) -> Vec<Line<'a>> {
    let Some(first) = members.first() else {
        return Vec::new();
    };
    let n = members.len() as f64;
    first
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            if axis == 'x' {
                q.loading.x != 0.0
            } else {
                q.loading.y != 0.0
            }
        })
        .map(|(i, q)| {
            // The members were scored with one instrument, so their questions stand in the
            // same order: the i-th question of each is this one.
            let all = members.iter().filter_map(|m| m.questions.get(i));
            let (mut points, mut adds) = (Vec::new(), 0.0);
            for mq in all {
                if let Some(Answer::Point(p)) = mq.answer {
                    points.push(p as f64);
                }
                adds += if axis == 'x' {
                    mq.contribution.x
                } else {
                    mq.contribution.y
                }
                .unwrap_or(0.0);
            }
            let answer = match points.len() {
                0 => "-".to_string(),
                1 if members.len() == 1 => format!("{}", points[0]),
                k => format!("{:.1}", points.iter().sum::<f64>() / k as f64),
            };
            Line {
                id: &q.id,
                answer,
                loading: if axis == 'x' {
                    q.loading.x
                } else {
                    q.loading.y
                },
                weight: q.weight,
                adds: adds / n,
            }
        })
        .collect()
}

/// The questions for which `test` holds for some member, with how many members, in
/// questionnaire order.
fn tally(
    members: &[&Score],
    test: impl Fn(&Score, &str) -> bool,
    instrument: &Instrument,
) -> Vec<String> {
    instrument
        .questions()
        .filter_map(|(_, q)| {
            let count = members.iter().filter(|s| test(s, &q.id)).count();
            match count {
                0 => None,
                _ if members.len() == 1 => Some(q.id.clone()),
                c => Some(format!("{} ({c}×)", q.id)),
            }
        })
        .collect()
}
