//! The report's words in Dutch and English, its numbers (one decimal, a decimal comma in
//! Dutch) and the cleaning that every text from an input file gets.

use crate::reading::say;
use koers::{Date, Group, Kind, Lang};

/// Text from an input file as the report may show it: control characters (a TOML string
/// can hold `\u0007`) and the bidirectional overrides that can make a name read backwards
/// are removed; tabs and line breaks become spaces, so a name stays on one line.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// A number with one decimal: "62,5" in Dutch, "62.5" in English; "–" for none.
pub fn number(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| "–".to_string(), |v| decimal(&format!("{v:.1}"), lang))
}

/// A number with two decimals, for r_wg.
pub fn number2(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| "–".to_string(), |v| decimal(&format!("{v:.2}"), lang))
}

/// A difference with its sign: "+12,0", "−3,5".
pub fn signed(value: f64, lang: Lang) -> String {
    // "-0.0" would read as a movement; a difference that rounds to nothing has no sign.
    let rounded = (value * 10.0).round() / 10.0;
    let sign = if rounded > 0.0 {
        "+"
    } else if rounded < 0.0 {
        "−"
    } else {
        ""
    };
    format!("{sign}{}", number(Some(rounded.abs()), lang))
}

/// A share 0–1 as a whole percentage.
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

fn decimal(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text.to_string(),
    }
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
    let month = months[usize::from(date.month.clamp(1, 12)) - 1];
    format!("{} {month} {}", date.day, date.year)
}

/// The kind of a group: "huidige positie" or "ambitie".
pub fn kind(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Current => say(lang, "huidige positie", "current position"),
        Kind::Ambition => say(lang, "ambitie", "ambition"),
    }
}

/// The kind of a group in a table cell: "huidig" or "ambitie".
pub fn kind_short(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Current => say(lang, "huidig", "current"),
        Kind::Ambition => say(lang, "ambitie", "ambition"),
    }
}

/// A group's round, or its date.
pub fn period(group: &Group) -> String {
    clean(&group.period())
}

/// Reliability in a word.
pub fn reliability(group: &Group, lang: Lang) -> &'static str {
    if group.position.is_none() {
        say(lang, "geen positie", "no position")
    } else if group.is_reliable() {
        say(lang, "betrouwbaar", "reliable")
    } else {
        say(lang, "onbetrouwbaar", "unreliable")
    }
}

/// Certainty in words.
pub fn certainty(group: &Group, lang: Lang) -> &'static str {
    match group.certain {
        Some(true) => say(lang, "zeker", "certain"),
        Some(false) => say(lang, "onzeker", "uncertain"),
        None if group.position.is_some() => say(
            lang,
            "zekerheid onbekend (één respondent)",
            "certainty unknown (one respondent)",
        ),
        None => "–",
    }
}

/// "1 respondent", "4 respondenten".
pub fn respondents(n: usize, lang: Lang) -> String {
    match n {
        1 => format!("1 {}", say(lang, "respondent", "respondent")),
        n => format!("{n} {}", say(lang, "respondenten", "respondents")),
    }
}

/// How to read a group's mean r_wg.
pub fn agreement(rwg: Option<f64>, lang: Lang) -> String {
    match rwg {
        Some(r) if r >= koers::analysis::AGREEMENT => format!(
            "{} r_wg {}: {}",
            say(lang, "Gemiddelde", "Mean"),
            number2(Some(r), lang),
            say(
                lang,
                "de respondenten zijn het in het algemeen eens (vanaf 0,70).",
                "the respondents broadly agree (from 0.70)."
            )
        ),
        Some(r) => format!(
            "{} r_wg {}: {}",
            say(lang, "Gemiddelde", "Mean"),
            number2(Some(r), lang),
            say(
                lang,
                "weinig overeenstemming (onder 0,70); de vragen hieronder verdienen een gesprek.",
                "little agreement (below 0.70); the questions below deserve a conversation."
            )
        ),
        None => say(
            lang,
            "Geen r_wg: daarvoor zijn per vraag minstens twee antwoorden nodig.",
            "No r_wg: it needs at least two answers to a question.",
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
            "De positie van een organisatie is het gemiddelde van de posities van haar respondenten: ieder telt één keer. Wie een onderdeel voor minder dan 60% heeft beantwoord, heeft een onbetrouwbare eigen positie en wordt weggelaten, zolang er betrouwbare respondenten over zijn.".into(),
            "Het gebied in de matrix volgt uit de gemiddelde positie. Omdat andere respondenten een iets ander gemiddelde hadden kunnen geven, berekenen we een 95%-interval; ligt dat helemaal binnen het gebied, dan is het gebied zeker.".into(),
            "De matrix beschrijft rollen; hij rangschikt ze niet. Een lagere trede kan net zo goed een keuze zijn die de wet of de prestatieafspraken vragen als een keuze van de corporatie zelf.".into(),
        ],
        Lang::En => vec![
            "All respondents of an organisation answer the same questionnaire. Each answer is converted to a number from 0 to 100: the lowest point of the scale is 0, the highest 100.".into(),
            "For each section of the questionnaire we first take the weighted mean of the answered questions. \"Don't know\" and \"not applicable\" do not count: the other answers in the same section stand in for them, never the answers to another section.".into(),
            format!("The score on an axis is the mean of the sections that count on that axis, each by its weight in the questionnaire. The x axis is {x}, the y axis {y}; both run from 0 to 100."),
            "An organisation's position is the mean of its respondents' positions: each counts once. A respondent who answered a section for less than 60% has an unreliable position of their own and is left out, as long as reliable respondents remain.".into(),
            "The region in the matrix follows from the mean position. Because other respondents could have given a slightly different mean, we compute a 95% interval; when it lies wholly inside the region, the region is certain.".into(),
            "The matrix describes roles; it does not rank them. A lower rung can as well be a choice that the law or the performance agreements ask for as the corporation's own.".into(),
        ],
    }
}
