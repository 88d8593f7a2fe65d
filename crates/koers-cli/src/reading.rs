//! How to read a position, in plain Dutch or English: the words that `score` and
//! `explain` use for reliability, certainty and the respondents left out.

use koers::{AxisName, Group, Instrument, Lang, Shortfall};

/// Picks the Dutch or the English text.
pub fn say(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// Short remarks on a group, for a table cell: unreliable, uncertain, left out.
pub fn remarks(group: &Group, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if group.position.is_none() {
        out.push(say(lang, "geen positie", "no position").to_string());
    } else if !group.is_reliable() {
        out.push(say(lang, "onbetrouwbaar", "unreliable").to_string());
    }
    if group.certain == Some(false) {
        out.push(say(lang, "onzeker", "uncertain").to_string());
    }
    if !group.excluded.is_empty() {
        out.push(format!(
            "{} {}",
            group.excluded.len(),
            say(lang, "weggelaten", "left out")
        ));
    }
    out
}

/// What each remark means, for under a table: only the remarks that occur.
pub fn legend(groups: &[&Group], lang: Lang) -> Vec<&'static str> {
    let mut out = Vec::new();
    if groups
        .iter()
        .any(|g| g.position.is_some() && !g.is_reliable())
    {
        out.push(say(
            lang,
            "onbetrouwbaar: een onderdeel van de vragenlijst is voor minder dan 60% beantwoord (de rest is \"weet niet\" of open), dus de positie zegt te weinig.",
            "unreliable: a section of the questionnaire is less than 60% answered (the rest is \"don't know\" or open), so the position says too little.",
        ));
    }
    if groups.iter().any(|g| g.certain == Some(false)) {
        out.push(say(
            lang,
            "onzeker: het 95%-interval van de gemiddelde positie ligt over een grens; met andere respondenten had het gebied anders kunnen zijn.",
            "uncertain: the 95% interval of the mean position crosses a boundary; other respondents could have given another region.",
        ));
    }
    if groups.iter().any(|g| !g.excluded.is_empty()) {
        out.push(say(
            lang,
            "weggelaten: respondenten met een onbetrouwbare eigen positie tellen niet mee (zie hieronder).",
            "left out: respondents whose own position is unreliable do not count (see below).",
        ));
    }
    if groups.iter().any(|g| g.stats.x.is_some_and(|s| s.n == 1)) {
        out.push(say(
            lang,
            "–: bij één respondent is er geen spreiding (sd) en geen interval.",
            "–: with one respondent there is no spread (sd) and no interval.",
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

/// The words of a position, each in a few plain sentences.
pub fn glossary(lang: Lang) -> &'static str {
    say(
        lang,
        "\
Zo leest u de cijfers
  dekking       Welk deel van de vragen (naar gewicht) is beantwoord; \"weet niet\" en \"n.v.t.\"
                tellen niet mee. Een onderdeel dat niet beantwoord is, wordt niet aangevuld
                met de antwoorden op andere onderdelen.
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
                \"not applicable\" do not count. A section left unanswered is not filled in
                with the answers to other sections.
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
