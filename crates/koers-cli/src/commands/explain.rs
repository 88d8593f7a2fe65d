//! `koers explain`: how each answer adds to the position, so that a person can follow
//! every number.

use crate::args::ExplainArgs;
use crate::failure::{Failure, print};
use crate::group::{Grouped, group};
use crate::load::Loader;
use crate::reading::{say, shortfall as reading_shortfall, shortfalls};
use crate::tabular::{Table, TableExt as _, hang, wrap_lines};
use koers::{Answer, Group, GroupBy, Instrument, Lang, Score};
use std::fmt::Write as _;

/// Runs the command.
pub fn run(args: &ExplainArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let lang: Lang = args.lang;
    let width = crate::console::width();
    let mut out = String::new();
    for part in group(scored, GroupBy::Organisation) {
        for g in &part.groups {
            let registered = crate::group::registered(&loader.registers, &part, g);
            // The group as `score` shows it: with a register, its ladder and y come from
            // the register, and a respondent is judged (counted or left out) on the axis
            // the answers give.
            let shown = registered.as_ref().map_or(g, |r| &r.group);
            let members: Vec<&Score> = part.counted(shown).collect();
            let from_register = registered.as_ref().map(|r| r.register.date);
            explain(&mut out, shown, from_register, &members, &part, lang, width);
            if let Some(registered) = &registered {
                out.push_str(&crate::group::perception_text(registered, lang));
                out.push('\n');
            }
        }
    }
    glossary(&mut out, lang, width);
    // The tables and the labelled lines fit already; the other lines wrap here, each
    // under its own indent.
    print(&wrap_lines(&out, width))
}

/// The glossary of the words of a position, its terms in a column and their sentences
/// wrapped to `width` beside them.
fn glossary(out: &mut String, lang: Lang, width: Option<usize>) {
    let text = crate::reading::glossary(lang);
    let mut lines = text.lines();
    if let Some(title) = lines.next() {
        out.push_str(title);
        out.push('\n');
    }
    // The glossary's terms are the first of the report's terms, with the same sentences.
    let entries = crate::reading::terms(lang)
        .into_iter()
        .filter(|(term, _)| text.lines().any(|l| l.starts_with(&format!("  {term} "))));
    let rest = " ".repeat(24);
    for (term, sentences) in entries {
        labelled(out, width, &format!("  {term:<21} "), &rest, sentences);
    }
}

/// The width of the explanations in words when the output has none (a pipe or a file):
/// the tables stay whole there, the sentences wrap as they would on a usual terminal.
const PROSE: usize = 80;

/// Writes `text` after `first`, wrapped to `width` (or [`PROSE`]) with its further lines
/// after `rest`.
fn labelled(out: &mut String, width: Option<usize>, first: &str, rest: &str, text: &str) {
    for line in hang(text, width.unwrap_or(PROSE), first, rest) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// A table fitted to `width` less `indent` spaces, each line after those spaces; the
/// columns named in `drop_first` go first when it cannot fit otherwise.
fn indented(
    out: &mut String,
    table: &Table,
    width: Option<usize>,
    indent: usize,
    drop_first: &[&str],
) {
    out.push_str(&table.aligned_indented(width, indent, drop_first));
}

/// The indent of the text after a label ("positie   ", "gebied    ").
const LABEL: &str = "          ";

/// One question averaged over the members of a group.
struct Line<'a> {
    id: &'a str,
    section: &'a str,
    answer: String,
    loading: f64,
    weight: f64,
    /// The mean points added; `None` when no member answered the question.
    adds: Option<f64>,
}

fn explain(
    out: &mut String,
    g: &Group,
    from_register: Option<koers::Date>,
    members: &[&Score],
    part: &Grouped,
    lang: Lang,
    width: Option<usize>,
) {
    let n1 = |v: f64| n1_in(v, lang);
    let instrument = &part.instrument;
    let matrix = &instrument.matrix;
    let excluded = &g.excluded;
    let counted = g.respondents - excluded.len();
    let _ = write!(
        out,
        "{} · {} · {} · {counted} {}",
        crate::reading::marked_name(g, lang),
        crate::reading::kind_label(g, lang),
        g.period(),
        if counted == 1 {
            say(lang, "respondent", "respondent")
        } else {
            say(lang, "respondenten", "respondents")
        }
    );
    if !excluded.is_empty() {
        let _ = write!(
            out,
            " ({} {})",
            excluded.len(),
            say(lang, "weggelaten", "left out")
        );
    }
    out.push('\n');
    for (axis, name, score, stats) in [
        (&matrix.x, "x", g.position.map(|p| p.x), g.stats.x),
        (&matrix.y, "y", g.position.map(|p| p.y), g.stats.y),
    ] {
        let head = if name == "x" {
            say(lang, "positie ", "position")
        } else {
            "        "
        };
        let text = match score {
            Some(v) => format!("{} ({})", n1(v), axis.title(lang)),
            None => format!(
                "{} {}",
                say(
                    lang,
                    "geen score: geen beantwoorde vraag telt mee voor",
                    "no score: no answered question loads on"
                ),
                axis.label.get(lang)
            ),
        };
        let spread = match stats.and_then(|s| s.sd.zip(s.interval)) {
            Some((sd, koers::Interval { low, high })) => format!(
                "; sd {}, {} {}–{}",
                n1(sd),
                match g.method {
                    koers::Method::V2 => say(lang, "95%-interval", "95% interval"),
                    _ => say(
                        lang,
                        "interval (beide assen samen 95%)",
                        "interval (both axes jointly 95%)",
                    ),
                },
                n1(low),
                n1(high)
            ),
            // A record is not a sample: the register's axis has no spread.
            None if score.is_some() && from_register.is_some() && stats.is_none() => {
                let date = from_register.map(|d| d.to_string()).unwrap_or_default();
                match lang {
                    Lang::Nl => format!(
                        "; uit de registratie van {date} (geen steekproef: geen sd of interval)"
                    ),
                    Lang::En => {
                        format!("; from the register of {date} (not a sample: no sd or interval)")
                    }
                }
            }
            None if score.is_some() => say(
                lang,
                "; één respondent: geen sd of interval",
                "; one respondent: no sd or interval",
            )
            .to_string(),
            None => String::new(),
        };
        labelled(
            out,
            width,
            &format!("{head}  {name} "),
            &format!("{LABEL}  "),
            &format!("{text}{spread}"),
        );
    }
    if let Some(region) = &g.region {
        let text = format!(
            "{}; {} {}",
            region.label.get(lang),
            n1(g.margin.unwrap_or(0.0)),
            say(
                lang,
                "punten van de dichtstbijzijnde grens",
                "points from the nearest boundary"
            )
        );
        let head = format!("{}  ", say(lang, "gebied  ", "region  "));
        labelled(out, width, &head, LABEL, &text);
        if let Some(r) = matrix.region(&region.id) {
            labelled(out, width, LABEL, LABEL, r.description.get(lang));
        }
        let certainty = match g.fixed {
            Some(true) => say(
                lang,
                "het gebied staat vast: de rechthoek van de intervallen ligt binnen dit gebied; zo ver lopen deze respondenten niet uiteen.",
                "fixed: the rectangle of the intervals lies inside this region; these respondents do not disagree that far.",
            ),
            Some(false) => say(
                lang,
                "open: de rechthoek van de intervallen ligt over een gebiedsgrens; de spreiding tussen deze respondenten laat het gebied open.",
                "open: the rectangle of the intervals crosses a region boundary; the spread between these respondents leaves the region open.",
            ),
            None => say(
                lang,
                "vast of open onbekend: met één respondent is er geen interval.",
                "fixed or open unknown: with one respondent there is no interval.",
            ),
        };
        labelled(out, width, LABEL, LABEL, certainty);
    }
    let _ = writeln!(
        out,
        "{}  x {:.0}%, y {:.0}%",
        say(lang, "dekking ", "coverage"),
        g.coverage.x * 100.0,
        g.coverage.y * 100.0,
    );
    let reliability = if g.is_reliable() {
        say(
            lang,
            "voldoende ingevuld: elk onderdeel dat op een as meetelt, is voor minstens 60% beantwoord.",
            "sufficiently answered: every section that counts on an axis is at least 60% answered.",
        )
        .to_string()
    } else {
        // One line per section that falls short, per respondent when there are several.
        let mut why = String::new();
        for member in members {
            if members.len() > 1 {
                let who = member.assessment.respondent.as_deref().unwrap_or("?");
                let _ = writeln!(why, "            {who}:");
            }
            for shortfall in member.shortfalls() {
                let _ = writeln!(
                    why,
                    "            - {}",
                    reading_shortfall(&shortfall, instrument, lang)
                );
            }
        }
        let head = if members.len() == 1 {
            say(
                lang,
                "onvoldoende ingevuld: te weinig beantwoord (minder dan 60%) in",
                "not sufficiently answered: too little answered (below 60%) in",
            )
        } else {
            say(
                lang,
                "onvoldoende ingevuld: geen enkele respondent heeft een voldoende ingevulde positie; te weinig beantwoord in",
                "not sufficiently answered: no respondent has a sufficiently answered position; too little answered in",
            )
        };
        format!("{head}\n{}", why.trim_end())
    };
    let _ = writeln!(out, "          {reliability}");
    for excluded in excluded {
        let text = format!(
            "{}: {}",
            part.files[excluded.input],
            shortfalls(&excluded.shortfalls, instrument, lang)
        );
        let head = format!("{}  ", say(lang, "weggelaten", "left out  "));
        labelled(out, width, &head, &format!("{LABEL}  "), &text);
    }
    // Only members with a position make up the group's position; their mean
    // contributions add up to it exactly.
    let placed: Vec<&Score> = members
        .iter()
        .copied()
        .filter(|s| s.position.is_some())
        .collect();
    // The axis the ladder rule places is explained rung by rung, not answer by answer.
    let ladder_axis = instrument
        .ladder
        .as_ref()
        .filter(|_| placed.iter().any(|s| s.ladder.is_some()))
        .map(|rule| match rule.axis {
            koers::AxisName::X => 'x',
            koers::AxisName::Y => 'y',
        });
    for axis in ['x', 'y'] {
        let score = g.position.map(|p| if axis == 'x' { p.x } else { p.y });
        if ladder_axis == Some(axis) {
            ladder(
                out,
                axis,
                score,
                g,
                &placed,
                from_register.is_some(),
                instrument,
                lang,
                width,
            );
            continue;
        }
        let _ = writeln!(
            out,
            "\n{axis} = {}, {}:",
            koers::number::or_none(score, 1, lang),
            say(
                lang,
                "de som van wat elk antwoord bijdraagt (grootste eerst)",
                "the sum of what each answer adds (largest first)"
            )
        );
        let mut lines = lines(&placed, axis, lang);
        // Largest first; the questions nobody answered last.
        lines.sort_by(|a, b| {
            let key = |l: &Line<'_>| l.adds.unwrap_or(f64::NEG_INFINITY);
            key(b).total_cmp(&key(a)).then(a.id.cmp(b.id))
        });
        let mut table = Table::new(&[
            say(lang, "vraag", "question"),
            say(lang, "onderdeel", "section"),
            say(lang, "#antwoord", "#answer"),
            say(lang, "#lading", "#loading"),
            say(lang, "#gewicht", "#weight"),
            say(lang, "#draagt", "#adds"),
        ]);
        for line in &lines {
            table.push(vec![
                line.id.to_string(),
                line.section.to_string(),
                line.answer.clone(),
                koers::number::signed(line.loading, 1, lang),
                n1(line.weight),
                koers::number::or_none(line.adds, 1, lang),
            ]);
        }
        // On a narrow terminal what each answer adds stays; weight, loading and the
        // answer go first.
        let drop_first = [
            say(lang, "gewicht", "weight"),
            say(lang, "lading", "loading"),
            say(lang, "antwoord", "answer"),
        ];
        indented(out, &table, width, 2, &drop_first);
    }
    out.push('\n');
    labelled(
        out,
        width,
        "  ",
        "  ",
        say(
            lang,
            "draagt = 100 × (T / ΣT) × |lading| × gewicht × v′ / Σ(|lading| × gewicht van de beantwoorde vragen van het onderdeel); T is het gewicht van het onderdeel op de as, ΣT dat van de onderdelen met een antwoord; v′ is het antwoord op 0–1, omgekeerd (1 − v) bij een negatieve lading.",
            "adds = 100 × (T / ΣT) × |loading| × weight × v′ / Σ(|loading| × weight of the section's answered questions); T is the section's weight on the axis, ΣT that of the sections with an answer; v′ is the answer scaled to 0–1, reversed (1 − v) for a negative loading.",
        ),
    );
    if members.len() > 1 {
        labelled(
            out,
            width,
            "  ",
            "  ",
            say(
                lang,
                "Bij meer respondenten zijn antwoord en bijdrage gemiddelden over de respondenten.",
                "With several respondents, answer and adds are means over the respondents.",
            ),
        );
    }
    sections(out, g, members, instrument, lang, width);
    let answered = |answer: Answer| {
        move |s: &Score, id: &str| {
            s.questions
                .iter()
                .any(|q| q.id == id && q.answer == Some(answer))
        }
    };
    let unknown = tally(members, answered(Answer::Unknown), instrument);
    let not_applicable = tally(members, answered(Answer::NotApplicable), instrument);
    let unanswered: Vec<String> = tally(
        members,
        |s, id| s.unanswered.iter().any(|u| u == id),
        instrument,
    );
    let list = |items: &[String]| {
        if items.is_empty() {
            say(lang, "geen", "none").to_string()
        } else {
            items.join(", ")
        }
    };
    let _ = writeln!(
        out,
        "\n{}: {}",
        say(lang, "weet niet", "don't know"),
        list(&unknown)
    );
    let _ = writeln!(
        out,
        "{}: {}",
        say(lang, "n.v.t.", "not applicable"),
        list(&not_applicable)
    );
    let _ = writeln!(
        out,
        "{}: {}\n",
        say(lang, "niet beantwoord", "not answered"),
        list(&unanswered)
    );
    notes(out, members, lang);
}

/// The members' notes (`[notes]`) per question, in questionnaire order: each note once,
/// never with the respondent's code or role, so that no answer is traced to a person.
fn notes(out: &mut String, members: &[&Score], lang: Lang) {
    let Some(first) = members.first() else {
        return;
    };
    let mut lines = Vec::new();
    for (i, question) in first.questions.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for note in members
            .iter()
            .filter_map(|m| m.questions.get(i)?.note.as_deref())
        {
            if !seen.contains(&note) {
                seen.push(note);
                lines.push(format!("  {}: {note}", question.id));
            }
        }
    }
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        say(
            lang,
            "toelichting per vraag (zonder code of rol):",
            "notes per question (without code or role):"
        )
    );
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

/// The ladder rule in numbers: each rung's extent e_k and attained a_k, the level L, the
/// formula with each respondent's numbers, and the skipped rungs.
#[allow(clippy::too_many_arguments)]
fn ladder(
    out: &mut String,
    axis: char,
    score: Option<f64>,
    g: &Group,
    placed: &[&Score],
    from_register: bool,
    instrument: &Instrument,
    lang: Lang,
    width: Option<usize>,
) {
    let _ = writeln!(
        out,
        "\n{axis} = {}, {}:",
        koers::number::or_none(score, 1, lang),
        say(
            lang,
            "de ladderregel (methode 3): de hoogste trede die duidelijk gebeurt, met elke trede eronder",
            "the ladder rule (method 3): the highest rung clearly practised, with every rung below it"
        )
    );
    let Some(shown) = g.ladder.as_ref() else {
        return;
    };
    let (theta, k) = (shown.threshold, shown.rungs.len());
    let n1 = |v: f64| koers::number::fixed(v, 1, lang);
    let n2 = |v: f64| koers::number::fixed(v, 2, lang);
    let band = n2(100.0 / (k as f64 + 1.0));
    let theta = koers::number::shortest(theta, lang);
    let title = |id: &str| {
        instrument
            .sections
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| s.title.get(lang).to_string())
    };
    let mut table = Table::new(&["#k", say(lang, "trede", "rung"), "#e_k", "#a_k"]);
    for (i, rung) in shown.rungs.iter().enumerate() {
        table.push(vec![
            (i + 1).to_string(),
            title(rung),
            koers::number::fixed(shown.extents[i], 2, lang),
            koers::number::fixed(shown.attained[i], 2, lang),
        ]);
    }
    indented(out, &table, width, 2, &[]);
    let formula = |l: &koers::Ladder| {
        let y = n1(l.position());
        if l.level < k {
            format!(
                "L = {}: y = {band} × {} + {band} × {} / {theta} = {y}",
                l.level,
                l.level,
                n2(l.attained[l.level])
            )
        } else {
            format!(
                "L = {k}: y = {band} × {k} + {band} × ({} − {theta}) / (1 − {theta}) = {y}",
                n2(l.attained[k - 1])
            )
        }
    };
    if from_register {
        // The register's extents, not the answers': the staff's own view per rung
        // ("zelfbeeld") follows under the register.
        let _ = writeln!(
            out,
            "  {}\n  {}",
            say(
                lang,
                "(e_k uit de registratie: het aandeel van de geregistreerde praktijken van trede k dat liep)",
                "(e_k from the register: the share of rung k's recorded practices that ran)"
            ),
            formula(shown)
        );
    } else if placed.len() > 1 {
        let _ = writeln!(
            out,
            "  {}",
            say(
                lang,
                "(e_k en a_k van de gemiddelde treden; y is het gemiddelde van de y's van de respondenten)",
                "(e_k and a_k of the mean rungs; y is the mean of the respondents' y)"
            )
        );
    }
    for member in placed.iter().filter(|_| !from_register) {
        let Some(l) = member.ladder.as_ref() else {
            continue;
        };
        let formula = formula(l);
        let who = if placed.len() > 1 {
            format!(
                "{}: ",
                member.assessment.respondent.as_deref().unwrap_or("?")
            )
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {who}{formula}");
    }
    for skipped in &shown.skipped {
        let _ = writeln!(
            out,
            "  {} {}",
            say(
                lang,
                "overgeslagen trede (wel beoefend, een trede eronder niet):",
                "skipped rung (practised, a rung below it is not):"
            ),
            title(skipped)
        );
    }
    let formula = match lang {
        Lang::Nl => format!(
            "e_k = score van trede k op de as / 100 (0 zonder beantwoorde vraag); a_k = min(e_1, …, e_k); L = het aantal treden van onderaf met a_k ≥ θ = {theta}; B = 100 / (K + 1) = {band}; y = B × L + B × a_(L+1) / θ als L < K, anders y = B × K + B × (a_K − θ) / (1 − θ). y daalt nooit als een antwoord stijgt, maar stapt omhoog waar een trede θ bereikt."
        ),
        Lang::En => format!(
            "e_k = rung k's score on the axis / 100 (0 without an answered question); a_k = min(e_1, …, e_k); L = the number of rungs from the bottom with a_k ≥ θ = {theta}; B = 100 / (K + 1) = {band}; y = B × L + B × a_(L+1) / θ when L < K, else y = B × K + B × (a_K − θ) / (1 − θ). y never falls when an answer rises, but steps up where a rung reaches θ."
        ),
    };
    out.push('\n');
    labelled(out, width, "  ", "  ", &formula);
}

/// The section table: each section's own score and coverage, and its score, coverage and
/// weight on each axis, as means over the members.
fn sections(
    out: &mut String,
    g: &Group,
    members: &[&Score],
    instrument: &Instrument,
    lang: Lang,
    width: Option<usize>,
) {
    let mut table = Table::new(&[
        say(lang, "onderdelen", "sections"),
        "#score",
        say(lang, "#dekking", "#coverage"),
        say(lang, "#x (dekking, gew.)", "#x (coverage, wt)"),
        say(lang, "#y (dekking, gew.)", "#y (coverage, wt)"),
    ]);
    let n = members.len() as f64;
    for (i, section) in g.sections.iter().enumerate() {
        let title = instrument
            .sections
            .iter()
            .find(|s| s.id == section.id)
            .map_or(section.id.as_str(), |s| s.title.get(lang));
        let axis = |part: fn(&koers::SectionScore) -> Option<koers::SectionAxis>| {
            let parts: Vec<koers::SectionAxis> = members
                .iter()
                .filter_map(|m| part(&m.sections[i]))
                .collect();
            let Some(first) = parts.first() else {
                return "–".to_string();
            };
            let scores: Vec<f64> = parts.iter().filter_map(|p| p.score).collect();
            let score = if scores.is_empty() {
                "–".to_string()
            } else {
                koers::number::fixed(scores.iter().sum::<f64>() / scores.len() as f64, 1, lang)
            };
            let coverage = parts.iter().map(|p| p.coverage).sum::<f64>() / n;
            format!("{score} ({:.0}%, {:.0})", coverage * 100.0, first.mass)
        };
        table.push(vec![
            title.to_string(),
            koers::number::or_none(section.score, 1, lang),
            format!("{:.0}%", section.coverage * 100.0),
            axis(|s| s.x),
            axis(|s| s.y),
        ]);
    }
    out.push('\n');
    // On a narrow terminal the axes' columns stay: they say what counts where.
    let drop_first = [say(lang, "dekking", "coverage"), "score"];
    indented(out, &table, width, 0, &drop_first);
}

/// A number with one decimal in the language's decimal sign.
fn n1_in(value: f64, lang: Lang) -> String {
    koers::number::fixed(value, 1, lang)
}

/// The questions that load on `axis`, each averaged over the members.
fn lines<'a>(members: &[&'a Score], axis: char, lang: Lang) -> Vec<Line<'a>> {
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
            let (mut points, mut adds, mut answered) = (Vec::new(), 0.0, false);
            for mq in all {
                if let Some(Answer::Point(p)) = mq.answer {
                    points.push(p as f64);
                }
                let contribution = if axis == 'x' {
                    mq.contribution.x
                } else {
                    mq.contribution.y
                };
                answered |= contribution.is_some();
                adds += contribution.unwrap_or(0.0);
            }
            let answer = match points.len() {
                0 => "–".to_string(),
                1 if members.len() == 1 => format!("{}", points[0]),
                k => koers::number::fixed(points.iter().sum::<f64>() / k as f64, 1, lang),
            };
            Line {
                id: &q.id,
                section: &q.section,
                answer,
                loading: if axis == 'x' {
                    q.loading.x
                } else {
                    q.loading.y
                },
                weight: q.weight,
                adds: answered.then_some(adds / n),
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
