//! Embedding koers in another program: score a few respondents of one corporation,
//! combine them into the corporation's position, and explain the biggest contributions.
//!
//! Run with `cargo run -p koers --example embed`.

use koers::{Assessment, GroupBy, Lang, Source, aggregate, builtin};

const RESPONDENTS: [&str; 2] = [
    r#"
instrument = "sev"
[organisation]
name = "Woonstichting Voorbeeld"
[assessment]
date = 2026-09-01
role = "manager"
[answers]
nieuwbouw = 4
onderhoud = 5
huisbezoek = 4
huismeester = 5
buurtbeheer = 4
overlast = 4
leren-werken = 2
"#,
    r#"
instrument = "sev"
[organisation]
name = "Woonstichting Voorbeeld"
[assessment]
date = 2026-09-01
role = "beheerder"
[answers]
nieuwbouw = 5
onderhoud = 5
huisbezoek = 2
huismeester = 4
buurtbeheer = 2
overlast = 3
leren-werken = "unknown"
"#,
];

fn main() -> Result<(), koers::Invalid> {
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let mut scores = Vec::new();
    for (i, text) in RESPONDENTS.iter().enumerate() {
        let name = format!("respondent-{}.toml", i + 1);
        let assessment = Assessment::parse(&Source::new(&name, text))?;
        scores.push(instrument.score(&assessment)?);
    }

    let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
    for group in &groups {
        let position = group.position.expect("both axes are answered");
        let region = group.region.as_ref().expect("a position lies in a region");
        println!(
            "{} ({} respondents): x = {:.1}, y = {:.1}, {} (margin {:.1})",
            group.organisation.name,
            group.respondents,
            position.x,
            position.y,
            region.label.get(Lang::En),
            group.margin.unwrap_or(0.0),
        );
        println!(
            "  coverage x {:.0} %, y {:.0} %{}",
            group.coverage.x * 100.0,
            group.coverage.y * 100.0,
            if group.is_reliable() {
                ""
            } else {
                " (unreliable: few questions answered)"
            }
        );
    }

    // The three answers of the first respondent that move y the most.
    let mut questions = scores[0].questions.clone();
    questions.retain(|q| q.contribution.y.is_some());
    questions.sort_by(|a, b| {
        b.contribution
            .y
            .unwrap_or(0.0)
            .total_cmp(&a.contribution.y.unwrap_or(0.0))
    });
    for q in questions.iter().take(3) {
        println!("  {:<14} adds {:5.1} to y", q.id, q.contribution.y.unwrap());
    }
    Ok(())
}
