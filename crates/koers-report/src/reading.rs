//! How to read a position, in plain Dutch or English: the words that `score` and
//! `explain` use for reliability, certainty and the respondents left out.

use koers::analysis::{CLIMB_TOLERANCE, Ladder, Profile};
use koers::{AxisName, Group, Instrument, Lang, Shortfall, Trust};

/// Picks the Dutch or the English text.
pub fn say(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// Short remarks on a group, for a table cell: unreliable, uncertain, left out.
pub fn remarks(group: &Group, lang: Lang) -> Vec<String> {
    trust_remarks(&group.trust(), lang)
}

/// The remarks of [`remarks`], for an analysis that carries a group's [`Trust`].
pub fn trust_remarks(trust: &Trust, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if !trust.positioned {
        out.push(say(lang, "geen positie", "no position").to_string());
    } else if !trust.reliable {
        out.push(say(lang, "onbetrouwbaar", "unreliable").to_string());
    }
    if trust.certain == Some(false) {
        out.push(say(lang, "onzeker", "uncertain").to_string());
    }
    if trust.excluded > 0 {
        out.push(format!(
            "{} {}",
            trust.excluded,
            say(lang, "weggelaten", "left out")
        ));
    }
    out
}

/// The respondents left out of `group`, one line each: its file (`file` gives the file
/// of a score by its index among the scores given to the grouping) and why.
pub fn left_out<'a>(
    group: &Group,
    file: impl Fn(usize) -> &'a str,
    instrument: &Instrument,
    lang: Lang,
    bullet: &str,
) -> String {
    let mut out = String::new();
    for excluded in &group.excluded {
        out.push_str(&format!(
            "{bullet}{} {} · {} {}: {}\n",
            say(lang, "Weggelaten uit", "Left out of"),
            group.organisation.name,
            group.period(),
            file(excluded.input),
            shortfalls(&excluded.shortfalls, instrument, lang)
        ));
    }
    out
}

/// The remarks on a group for under its heading: "opmerkingen: onbetrouwbaar, onzeker",
/// or nothing when there are none.
pub fn remark_line(trust: &Trust, lang: Lang) -> String {
    let remarks = trust_remarks(trust, lang);
    if remarks.is_empty() {
        String::new()
    } else {
        format!(
            "{}: {}\n",
            say(lang, "opmerkingen", "remarks"),
            remarks.join(", ")
        )
    }
}

/// What each remark means, for under a table: only the remarks that occur.
pub fn legend(groups: &[&Group], lang: Lang) -> Vec<&'static str> {
    let trusts: Vec<Trust> = groups.iter().map(|g| g.trust()).collect();
    let mut out = trust_legend(&trusts, lang);
    if groups.iter().any(|g| g.stats.x.is_some_and(|s| s.n == 1)) {
        out.push(say(
            lang,
            "–: bij één respondent is er geen spreiding (sd) en geen interval.",
            "–: with one respondent there is no spread (sd) and no interval.",
        ));
    }
    out
}

/// What the remarks under a list of groups mean, then who was left out of them: the end
/// of `agenda` and `profile` for a terminal or as Markdown.
pub fn legend_and_left_out<'a>(
    trusts: &[Trust],
    left_out: impl Iterator<Item = &'a str>,
    lang: Lang,
    markdown: bool,
) -> String {
    let mut out = String::new();
    for line in trust_legend(trusts, lang) {
        if markdown {
            out.push_str(&format!("- {}\n", crate::tabular::markdown_text(line)));
        } else {
            out.push_str(&format!("{line}\n"));
        }
    }
    let left: String = left_out.collect();
    if !left.is_empty() {
        out.push('\n');
        out.push_str(&left);
    }
    out
}

/// What each of the [`trust_remarks`] that occur means.
pub fn trust_legend(trusts: &[Trust], lang: Lang) -> Vec<&'static str> {
    let mut out = Vec::new();
    if trusts.iter().any(|t| t.positioned && !t.reliable) {
        out.push(say(
            lang,
            "onbetrouwbaar: een onderdeel van de vragenlijst is voor minder dan 60% beantwoord (de rest is \"weet niet\" of open), dus de positie zegt te weinig.",
            "unreliable: a section of the questionnaire is less than 60% answered (the rest is \"don't know\" or open), so the position says too little.",
        ));
    }
    if trusts.iter().any(|t| t.certain == Some(false)) {
        out.push(say(
            lang,
            "onzeker: het 95%-interval van de gemiddelde positie ligt over een grens; met andere respondenten had het gebied anders kunnen zijn.",
            "uncertain: the 95% interval of the mean position crosses a boundary; other respondents could have given another region.",
        ));
    }
    if trusts.iter().any(|t| t.excluded > 0) {
        out.push(say(
            lang,
            "weggelaten: respondenten met een onbetrouwbare eigen positie tellen niet mee (zie hieronder).",
            "left out: respondents whose own position is unreliable do not count (see below).",
        ));
    }
    out
}

/// Names in a sentence: "a", "a en b", "a, b en c".
fn words_list(names: &[String], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), say(lang, "en", "and")),
    }
}

/// The ladder check of a profile in sentences: that it climbs, each break, and the rungs
/// too little answered to judge. `title` names a section by its id, `number` shows a
/// number of points.
pub fn ladder(
    profile: &Profile,
    title: impl Fn(&str) -> String,
    number: impl Fn(f64) -> String,
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    if profile.ladder == Ladder::Climbs {
        out.push(
            say(
                lang,
                "De ladder klimt: geen hogere trede scoort duidelijk boven een lagere.",
                "The ladder climbs: no higher rung scores clearly above a lower one.",
            )
            .to_string(),
        );
    }
    for b in &profile.breaks {
        out.push(format!(
            "{} {} {} {} {} {} ({} {}): {}",
            say(lang, "Let op:", "Note:"),
            title(&b.higher),
            say(lang, "scoort", "scores"),
            number(b.by),
            say(lang, "punten boven", "points above"),
            title(&b.lower),
            say(lang, "meer dan", "more than"),
            number(CLIMB_TOLERANCE),
            say(
                lang,
                "een patroon dat niet klimt, mogelijk maar het bespreken waard.",
                "a pattern that does not climb, possible but worth discussing."
            )
        ));
    }
    if !profile.unjudged.is_empty() {
        let rungs: Vec<String> = profile.unjudged.iter().map(|id| title(id)).collect();
        let (one, many) = match profile.unjudged.len() {
            1 => (say(lang, "trede", "rung"), say(lang, "is", "is")),
            _ => (say(lang, "treden", "rungs"), say(lang, "zijn", "are")),
        };
        let lead = match profile.ladder {
            Ladder::Unjudged => say(
                lang,
                "Of de ladder klimt, is niet te beoordelen:",
                "Whether the ladder climbs cannot be judged:",
            ),
            _ => say(lang, "Niet meegewogen:", "Not judged:"),
        };
        out.push(format!(
            "{lead} {one} {} {many} {} {:.0}% {}).",
            words_list(&rungs, lang),
            say(
                lang,
                "grotendeels onbeantwoord (minder dan",
                "mostly unanswered (less than"
            ),
            koers::LOW_COVERAGE * 100.0,
            say(lang, "beantwoord", "answered"),
        ));
    }
    out
}

/// One shortfall in words: "Perspectief voor bewoners: 17% van y beantwoord".
pub fn shortfall(shortfall: &Shortfall, instrument: &Instrument, lang: Lang) -> String {
    let section = instrument
        .sections
        .iter()
        .find(|s| s.id == shortfall.section)
        .map_or(shortfall.section.as_str(), |s| s.title.get(lang));
    let axis = match shortfall.axis {
        AxisName::X => &instrument.matrix.x,
        AxisName::Y => &instrument.matrix.y,
    };
    format!(
        "{section}: {:.0}% {} {} ({})",
        shortfall.coverage * 100.0,
        say(lang, "beantwoord voor", "answered for"),
        shortfall.axis,
        axis.label.get(lang)
    )
}

/// Why a respondent or position falls short, in one line; `shortfalls` empty means there
/// is no position at all.
pub fn shortfalls(list: &[Shortfall], instrument: &Instrument, lang: Lang) -> String {
    if list.is_empty() {
        return say(
            lang,
            "geen positie: een as heeft geen enkel antwoord",
            "no position: an axis has no answer at all",
        )
        .to_string();
    }
    list.iter()
        .map(|s| shortfall(s, instrument, lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The kind of assessment in words, for people (data columns keep `current`/`ambition`).
pub fn kind_word(kind: koers::Kind, lang: Lang) -> &'static str {
    match kind {
        koers::Kind::Current => say(lang, "nu", "current"),
        koers::Kind::Ambition => say(lang, "ambitie", "ambition"),
    }
}

/// The words of a position, each in a few plain sentences.
pub fn glossary(lang: Lang) -> &'static str {
    say(
        lang,
        "\
Zo leest u de cijfers
  dekking       Welk deel van de vragen (naar gewicht) is beantwoord; \"weet niet\" en \"n.v.t.\"
                tellen niet mee. Binnen een onderdeel staan de beantwoorde vragen voor de
                rest; een onderdeel zonder antwoorden valt weg uit de as.
  betrouwbaar   Elk onderdeel dat op een as meetelt, is voor minstens 60% beantwoord.
                Anders is de positie onbetrouwbaar: grijs en open in de figuur.
  sd            De spreiding tussen respondenten (standaardafwijking). Klein: men is het
                eens; groot: de meningen lopen uiteen. Bij één respondent is er geen sd.
  interval      Het 95%-betrouwbaarheidsinterval van het gemiddelde: waar de positie van de
                groep met 95% zekerheid ligt, gegeven deze respondenten. Weinig respondenten
                of veel onenigheid geven een breed interval.
  marge         De afstand in punten van de positie tot de dichtstbijzijnde gebiedsgrens.
  zeker         Het hele interval ligt binnen één gebied. Onzeker: het interval ligt over
                een grens, dus het gebied staat niet vast.
",
        "\
How to read the figures
  coverage      The share of the questions (by weight) that was answered; \"don't know\" and
                \"not applicable\" do not count. Within a section the answered questions
                stand for the rest; a section without answers drops out of the axis.
  reliable      Every section that counts on an axis is at least 60% answered. Otherwise the
                position is unreliable: grey and hollow in the picture.
  sd            The spread between respondents (standard deviation). Small: they agree;
                large: views differ. One respondent has no sd.
  interval      The 95% confidence interval of the mean: where the group's position lies
                with 95% certainty, given these respondents. Few respondents or much
                disagreement make it wide.
  margin        The distance in points from the position to the nearest region boundary.
  certain       The whole interval lies inside one region. Uncertain: the interval crosses a
                boundary, so the region is not settled.
",
    )
}

/// The words of a position and of the analyses after it, each as a term and a few plain
/// sentences: the glossary's terms, and standard error, r_wg, percentile and median,
/// for a report's page on how to read it.
pub fn terms(lang: Lang) -> Vec<(&'static str, &'static str)> {
    match lang {
        Lang::Nl => vec![
            (
                "dekking",
                "Welk deel van de vragen (naar gewicht) is beantwoord; \"weet niet\" en \"n.v.t.\" tellen niet mee. Binnen een onderdeel staan de beantwoorde vragen voor de rest; een onderdeel zonder antwoorden valt weg uit de as (en de positie is dan onbetrouwbaar).",
            ),
            (
                "betrouwbaar",
                "Elk onderdeel dat op een as meetelt, is voor minstens 60% beantwoord. Anders is de positie onbetrouwbaar: grijs en open in de figuur.",
            ),
            (
                "weggelaten",
                "Een respondent met een onbetrouwbare eigen positie telt niet mee in de positie van de groep, zolang er betrouwbare respondenten zijn.",
            ),
            (
                "sd",
                "De spreiding tussen respondenten (standaardafwijking). Klein: men is het eens; groot: de meningen lopen uiteen. Bij één respondent is er geen sd.",
            ),
            (
                "standaardfout",
                "De sd gedeeld door de wortel uit het aantal respondenten: hoe nauwkeurig het gemiddelde is. Meer respondenten geven een kleinere standaardfout.",
            ),
            (
                "interval",
                "Het 95%-betrouwbaarheidsinterval van het gemiddelde: waar de positie van de groep met 95% zekerheid ligt, gegeven deze respondenten. Weinig respondenten of veel onenigheid geven een breed interval.",
            ),
            (
                "marge",
                "De afstand in punten van de positie tot de dichtstbijzijnde gebiedsgrens.",
            ),
            (
                "zeker",
                "Het hele interval ligt binnen één gebied. Onzeker: het interval ligt over een grens, dus het gebied staat niet vast.",
            ),
            (
                "r_wg",
                "De overeenstemming tussen respondenten over één vraag: 1 − de waargenomen variantie van de antwoorden gedeeld door de variantie van willekeurige antwoorden op dezelfde schaal. 1 is volledige overeenstemming, 0 niet meer dan toeval; vanaf 0,7 lezen we het als overeenstemming.",
            ),
            (
                "percentiel",
                "Het deel van de andere organisaties dat op een as lager staat, gelijke posities half geteld: 0 is de laagste, 100 de hoogste.",
            ),
            (
                "mediaan",
                "De middelste positie van de vergelijkingsgroep, per as: de helft van de organisaties staat lager, de helft hoger.",
            ),
        ],
        Lang::En => vec![
            (
                "coverage",
                "The share of the questions (by weight) that was answered; \"don't know\" and \"not applicable\" do not count. Within a section the answered questions stand for the rest; a section without answers drops out of the axis (and the position is then unreliable).",
            ),
            (
                "reliable",
                "Every section that counts on an axis is at least 60% answered. Otherwise the position is unreliable: grey and hollow in the picture.",
            ),
            (
                "left out",
                "A respondent whose own position is unreliable does not count in the group's position, as long as reliable respondents remain.",
            ),
            (
                "sd",
                "The spread between respondents (standard deviation). Small: they agree; large: views differ. One respondent has no sd.",
            ),
            (
                "standard error",
                "The sd divided by the square root of the number of respondents: how precise the mean is. More respondents give a smaller standard error.",
            ),
            (
                "interval",
                "The 95% confidence interval of the mean: where the group's position lies with 95% certainty, given these respondents. Few respondents or much disagreement make it wide.",
            ),
            (
                "margin",
                "The distance in points from the position to the nearest region boundary.",
            ),
            (
                "certain",
                "The whole interval lies inside one region. Uncertain: the interval crosses a boundary, so the region is not settled.",
            ),
            (
                "r_wg",
                "How far respondents agree on one question: 1 − the observed variance of the answers divided by the variance of random answers on the same scale. 1 is full agreement, 0 no more than chance; from 0.7 on it reads as agreement.",
            ),
            (
                "percentile",
                "The share of the other organisations that stand lower on an axis, ties counted half: 0 is the lowest, 100 the highest.",
            ),
            (
                "median",
                "The middle position of the peer group, per axis: half of the organisations stand lower, half higher.",
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terms_hold_every_word_of_the_glossary() {
        for lang in [Lang::Nl, Lang::En] {
            let terms = terms(lang);
            let glossary = glossary(lang);
            // Each glossary entry starts its line with two spaces and the term.
            for line in glossary
                .lines()
                .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            {
                let term = line.split_whitespace().next().unwrap();
                assert!(terms.iter().any(|(t, _)| *t == term), "{term} missing");
            }
            assert!(
                terms
                    .iter()
                    .any(|(t, text)| *t == "r_wg" && text.contains("0"))
            );
        }
    }
}
