//! The report's words in Dutch and English, its numbers (one decimal, a decimal comma in
//! Dutch) and the cleaning that every text from an input file gets.

use crate::reading::say;
use koers::{Date, Group, Kind, Lang};

/// Text from an input file as the report may show it: see [`koers::markup::clean`].
pub use koers::markup::clean;

/// A number with one decimal: "62,5" in Dutch, "62.5" in English; "–" for none.
pub fn number(value: Option<f64>, lang: Lang) -> String {
    koers::number::or_none(value, 1, lang)
}

/// A number with two decimals, for r_wg.
pub fn number2(value: Option<f64>, lang: Lang) -> String {
    koers::number::or_none(value, 2, lang)
}

/// A difference with its sign: "+12,0", "−3,5".
pub fn signed(value: f64, lang: Lang) -> String {
    koers::number::signed(value, 1, lang)
}

/// A share 0–1 as a whole percentage.
pub fn percent(value: f64) -> String {
    koers::number::percent(value)
}

/// A date in words: "31 mei 2007", "31 May 2007".
pub fn long_date(date: Date, lang: Lang) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match lang {
        Lang::Nl => NL,
        Lang::En => EN,
    };
    let month = months[usize::from(date.month().clamp(1, 12)) - 1];
    format!("{} {month} {}", date.day(), date.year())
}

/// The kind of a group: "huidige positie" or "ambitie".
pub fn kind(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Current => say(lang, "huidige positie", "current position"),
        Kind::Ambition => say(lang, "ambitie", "ambition"),
    }
}

/// The kind of a group in a table cell: the same words as [`kind`], so that a kind has
/// one name everywhere.
pub fn kind_short(kind: Kind, lang: Lang) -> &'static str {
    self::kind(kind, lang)
}

/// The kind of a group as a label: "ambitie 2030" for an ambition with a horizon, else
/// [`kind`].
pub fn kind_of(group: &Group, lang: Lang) -> String {
    crate::reading::kind_label(group, lang)
}

/// A group's round, or its date in words ("1 maart 2026").
pub fn period(group: &Group, lang: Lang) -> String {
    match &group.round {
        Some(round) => clean(round),
        None => long_date(group.date, lang),
    }
}

/// A period as the library's analyses carry it (a round, or a date as 2026-03-01), with
/// a date in words.
pub fn period_text(period: &str, lang: Lang) -> String {
    match period.parse::<Date>() {
        Ok(date) => long_date(date, lang),
        Err(_) => clean(period),
    }
}

/// Whether the position is sufficiently answered, in words.
pub fn reliability(group: &Group, lang: Lang) -> &'static str {
    if group.position.is_none() {
        say(lang, "geen positie", "no position")
    } else if group.is_reliable() {
        say(lang, "voldoende ingevuld", "sufficiently answered")
    } else {
        say(lang, "onvoldoende ingevuld", "insufficiently answered")
    }
}

/// Whether the region is fixed, in words; nothing for a position without a region.
pub fn certainty(group: &Group, lang: Lang) -> &'static str {
    if group.position.is_none() || !group.is_reliable() {
        return "";
    }
    match group.is_fixed() {
        Some(true) => say(lang, "het gebied staat vast", "the region is fixed"),
        Some(false) => say(
            lang,
            "het gebied staat niet vast (open)",
            "the region is not fixed (open)",
        ),
        None => say(
            lang,
            "of het gebied vaststaat, is bij één respondent niet te zeggen",
            "whether the region is fixed cannot be said with one respondent",
        ),
    }
}

/// "1 respondent", "4 respondenten".
pub fn respondents(n: usize, lang: Lang) -> String {
    match n {
        1 => format!("1 {}", say(lang, "respondent", "respondent")),
        n => format!("{n} {}", say(lang, "respondenten", "respondents")),
    }
}

/// How to read a group's agreement: the mean r_wg of the single questions, with its
/// band (LeBreton & Senter 2008) and without one cut-off.
pub fn agreement(rwg: Option<f64>, lang: Lang) -> String {
    match rwg {
        Some(r) => format!(
            "{} {} ({} {}).",
            say(
                lang,
                "De overeenstemming tussen de respondenten is",
                "The agreement between the respondents is"
            ),
            koers::analysis::AgreementLevel::of(r).text(lang),
            say(lang, "gemiddelde r_wg", "mean r_wg"),
            number2(Some(r), lang),
        ),
        None => say(
            lang,
            "Geen r_wg: daarvoor zijn per vraag minstens drie antwoorden nodig, van minstens de helft van de respondenten.",
            "No r_wg: it needs at least three answers to a question, from at least half of the respondents.",
        )
        .to_string(),
    }
}

/// The plain-language account of the method, paragraph by paragraph. `x` and `y` are the
/// axes as "Focus (Vastgoed → Sociaal)".
pub fn method(lang: Lang, x: &str, y: &str) -> Vec<String> {
    match lang {
        Lang::Nl => vec![
            "Alle respondenten van een organisatie beantwoorden dezelfde vragenlijst. Elk antwoord wordt omgerekend naar een getal van 0 tot 100: het laagste punt van de schaal is 0, het hoogste 100.".into(),
            "Per onderdeel van de vragenlijst nemen we eerst het gewogen gemiddelde van de beantwoorde vragen. \"Weet niet\" en \"n.v.t.\" tellen niet mee: de andere antwoorden in hetzelfde onderdeel staan ervoor in, nooit de antwoorden op een ander onderdeel.".into(),
            format!("De score op een as is het gemiddelde van de onderdelen die op die as meetellen, elk naar zijn gewicht in de vragenlijst. De x-as is {x}, de y-as {y}; beide lopen van 0 tot 100."),
            "De positie van een organisatie is het gemiddelde van de posities van haar respondenten: ieder telt één keer. Wie een onderdeel voor minder dan 60% heeft beantwoord, heeft zelf onvoldoende ingevuld en wordt weggelaten, zolang er respondenten over zijn die voldoende hebben ingevuld. Een positie die onvoldoende is ingevuld, krijgt geen gebied.".into(),
            "Het gebied in de matrix volgt uit de gemiddelde positie. Per as geven we een interval rond het gemiddelde (twee Bonferroni-intervallen, samen minstens 95%); het toont de spreiding tussen deze gekozen respondenten, geen steekproeffout. Ligt de rechthoek van de twee intervallen helemaal binnen één gebied, dan staat het gebied vast; anders is het open.".into(),
            "De matrix beschrijft rollen; hij rangschikt ze niet. Een lagere trede kan net zo goed een keuze zijn die de wet of de prestatieafspraken vragen als een keuze van de corporatie zelf.".into(),
        ],
        Lang::En => vec![
            "All respondents of an organisation answer the same questionnaire. Each answer is converted to a number from 0 to 100: the lowest point of the scale is 0, the highest 100.".into(),
            "For each section of the questionnaire we first take the weighted mean of the answered questions. \"Don't know\" and \"not applicable\" do not count: the other answers in the same section stand in for them, never the answers to another section.".into(),
            format!("The score on an axis is the mean of the sections that count on that axis, each by its weight in the questionnaire. The x axis is {x}, the y axis {y}; both run from 0 to 100."),
            "An organisation's position is the mean of its respondents' positions: each counts once. A respondent who answered a section for less than 60% answered too little and is left out, as long as respondents remain who answered enough. A position that is insufficiently answered gets no region.".into(),
            "The region in the matrix follows from the mean position. Per axis we give an interval around the mean (two Bonferroni intervals, jointly at least 95%); it shows the spread between these chosen respondents, not a sampling error. When the rectangle of the two intervals lies wholly inside one region, the region is fixed; otherwise it is open.".into(),
            "The matrix describes roles; it does not rank them. A lower rung can as well be a choice that the law or the performance agreements ask for as the corporation's own.".into(),
        ],
    }
}
