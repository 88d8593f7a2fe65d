//! The Dutch text of every [`Error`] and [`Warning`], for Dutch housing professionals.
//!
//! The English text stays the `Display` of each type (the library's API); this module
//! writes the same facts in Dutch, from the variant's fields. Only the TOML reader's own
//! messages ([`Error::Toml`]: syntax, wrong type, duplicate key, unknown enum value) are
//! English text from another crate; they are translated by their shape and, when the
//! shape is not known, left to an English run.

use crate::error::list;
use crate::{
    CountingFault, DateError, Error, IdKind, LadderProblem, RegisterProblem, ScaleProblem, Warning,
};

/// The Dutch message of an error, without its location.
pub(crate) fn error(error: &Error) -> String {
    match error {
        Error::Toml { message, .. } => toml(message),
        Error::UnknownKey { key, expected, .. } => {
            format!("onbekende sleutel `{key}`{}", expected_keys(expected))
        }
        Error::MissingKey { key, .. } => format!("de sleutel `{key}` ontbreekt"),
        Error::EmptyName { .. } => {
            "de naam van de organisatie is leeg of onzichtbaar: verwacht de naam van de corporatie"
                .into()
        }
        Error::UnknownKind {
            given, suggestion, ..
        } => format!(
            "onbekende soort {given}: verwacht \"huidig\" (current) of \"ambitie\" (ambition){}",
            suggestion
                .as_deref()
                .map(|s| format!("; bedoelt u `{}`?", crate::Kind::dutch_word(s)))
                .unwrap_or_default()
        ),
        Error::UnknownValue {
            given,
            expected,
            suggestion,
            ..
        } => format!(
            "onbekende waarde `{given}`{}{}",
            value_list(expected),
            bedoelt_u(suggestion)
        ),
        Error::NumberOutOfRange { number, .. } => format!(
            "het getal {number} is te {}: verwacht een geheel getal, zoals een punt op de schaal",
            if number.starts_with('-') {
                "klein"
            } else {
                "groot"
            }
        ),
        Error::InvalidDate { problem, .. } => date(problem),
        Error::UnknownQuestion { id, suggestion, .. } => format!(
            "onbekende vraag `{id}` in [answers]{}",
            suggestion
                .as_ref()
                .map(|s| format!("; bedoelt u `{s}`?"))
                .unwrap_or_default()
        ),
        Error::AnswerOffScale {
            question,
            value,
            min,
            max,
            unknown_allowed,
            ..
        } => format!(
            "antwoord {value} op `{question}` past niet op de schaal: verwacht een geheel getal van {min} tot en met {max}{}",
            or_unknown(*unknown_allowed)
        ),
        Error::AnswerWrongType {
            question,
            found,
            min,
            max,
            unknown_allowed,
            ..
        } => format!(
            "antwoord {found} op `{question}` is geen geheel getal: verwacht een geheel getal{}{}",
            match (min, max) {
                (Some(min), Some(max)) => format!(" van {min} tot en met {max}"),
                _ => String::new(),
            },
            or_unknown(*unknown_allowed)
        ),
        Error::UnknownNotAllowed {
            question, min, max, ..
        } => format!(
            "vraag `{question}` laat \"weet niet\" niet toe: verwacht een geheel getal van {min} tot en met {max}"
        ),
        Error::UnknownScale {
            question,
            scale,
            known,
            ..
        } => format!(
            "vraag `{question}` gebruikt de onbekende schaal `{scale}`: verwacht een van {}",
            list(known)
        ),
        Error::UnknownMatrix { id, known, .. } => format!(
            "onbekende matrix `{id}`: verwacht een ingebouwde matrix ({}) of het pad naar een matrixbestand",
            list(known)
        ),
        Error::UnknownInstrument { id, known, .. } => format!(
            "onbekend instrument `{id}`: verwacht een ingebouwd instrument ({}) of het pad naar een instrumentbestand",
            list(known)
        ),
        Error::Duplicate {
            what, id, first, ..
        } => format!(
            "de id `{id}` van {} komt al eerder voor, op {first}: elke id mag één keer voorkomen",
            this_thing(what)
        ),
        Error::QuestionCountsNowhere { question, .. } => format!(
            "vraag `{question}` telt nergens mee: geef de vraag een lading op x of y, of zet haar in een onderdeel met `scored = true`"
        ),
        Error::InvalidBand {
            axis,
            band,
            low,
            high,
            ..
        } => format!(
            "band `{band}` van as {axis} loopt van {} tot {}: verwacht een bereik [laag, hoog] met 0 <= laag < hoog <= 100",
            nl(*low),
            nl(*high)
        ),
        Error::AxisWithoutQuestions { axis, .. } => format!(
            "geen enkele vraag laadt op {axis}: een instrument heeft vragen nodig met een lading op x en op y"
        ),
        Error::InvalidWeight {
            question, value, ..
        } => format!(
            "gewicht {} van `{question}` is ongeldig: verwacht een getal groter dan 0 en hoogstens {}",
            nl(*value),
            nl(crate::instrument::MAX_WEIGHT)
        ),
        Error::InvalidLoading {
            question,
            axis,
            value,
            ..
        } => format!(
            "lading {} van `{question}` op {axis} is ongeldig: verwacht een getal van -{max} tot en met {max}",
            nl(*value),
            max = nl(crate::instrument::MAX_LOADING)
        ),
        Error::InvalidScale { scale, reason, .. } => {
            format!("schaal `{scale}` is ongeldig: {}", scale_reason(reason))
        }
        Error::RegionOutOfRange {
            region,
            axis,
            low,
            high,
            ..
        } => format!(
            "gebied `{region}` heeft op {axis} het interval [{}; {}): verwacht 0 <= laag < hoog <= 100",
            nl(*low),
            nl(*high)
        ),
        Error::InvalidLadder { problem, .. } => ladder(problem),
        Error::InvalidRegister { problem, .. } => register(problem),
        Error::UnknownNote { id, suggestion, .. } => format!(
            "onbekende vraag `{id}` in [notes]{}",
            suggestion
                .as_ref()
                .map(|s| format!("; bedoelt u `{s}`?"))
                .unwrap_or_default()
        ),
        Error::InvalidHorizon {
            year,
            min,
            max,
            ambition,
            ..
        } => {
            if *ambition {
                format!(
                    "horizon {year} is geen aannemelijk jaar: verwacht een jaar van {min} tot en met {max}"
                )
            } else {
                format!(
                    "horizon {year} staat bij een huidige positie: een horizon hoort alleen bij kind = \"ambitie\""
                )
            }
        }
        Error::RegionCover { x, y, regions, .. } => {
            // A semicolon between the coordinates: the comma is the decimal sign.
            let (x, y) = (nl(*x), nl(*y));
            if regions.is_empty() {
                format!(
                    "geen enkel gebied bevat het punt ({x}; {y}): verwacht dat de gebieden samen 0–100 × 0–100 bedekken"
                )
            } else {
                format!(
                    "de gebieden {} overlappen in ({x}; {y}): verwacht elk punt in precies één gebied",
                    list(regions)
                )
            }
        }
    }
}

/// The Dutch message of a warning, without its location.
pub(crate) fn warning(warning: &Warning) -> String {
    match warning {
        Warning::Unanswered {
            questions, total, ..
        } => format!(
            "{} van de {total} vragen niet beantwoord: {}",
            questions.len(),
            questions.join(", ")
        ),
    }
}

/// A number from an input file as a Dutch message quotes it: with a decimal comma.
fn nl(value: f64) -> String {
    crate::number::shortest(value, crate::Lang::Nl)
}

fn or_unknown(allowed: bool) -> &'static str {
    if allowed { " of \"weet niet\"" } else { "" }
}

/// "this question", "this region": with the article each noun takes.
fn this_thing(what: &IdKind) -> &'static str {
    match what {
        IdKind::Question => "deze vraag",
        IdKind::Region => "dit gebied",
        IdKind::Section => "dit onderdeel",
    }
}

/// What is wrong with a scale, in Dutch.
fn scale_reason(reason: &ScaleProblem) -> String {
    match reason {
        ScaleProblem::MinNotBelowMax { min, max } => {
            format!("min {min} ligt niet onder max {max}")
        }
        ScaleProblem::LabelCount { labels, min, max } => format!(
            "er zijn {labels} labels: verwacht één label per punt, {} voor {min} tot en met {max}",
            crate::error::points(*min, *max)
        ),
    }
}

/// A message of the TOML reader (or of the document shapes read through it) in Dutch.
pub(crate) fn toml(message: &str) -> String {
    // A message this table does not know stays out of a Dutch text: the place still
    // shows where, and an English run says what.
    known_toml(message).unwrap_or_else(|| {
        "ongeldige TOML op deze plaats (--lang en toont de uitleg van de TOML-lezer)".into()
    })
}

fn known_toml(message: &str) -> Option<String> {
    // serde's shapes.
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        return Some(format!(
            "onbekende waarde {value}{}",
            expected_values(expected)
        ));
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return Some(format!(
            "dubbele sleutel {field}: elke sleutel mag één keer voorkomen"
        ));
    }
    for (english, dutch) in [
        ("invalid type: ", "verkeerde soort waarde: "),
        ("invalid value: ", "ongeldige waarde: "),
    ] {
        if let Some(rest) = message.strip_prefix(english) {
            let (found, expected) = rest.rsplit_once(", expected ")?;
            return Some(format!(
                "{dutch}{}, verwacht {}",
                unexpected(found),
                expected_value(expected)
            ));
        }
    }
    // The TOML parser's shapes: "what is wrong" or "what is wrong, expected a, b".
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    if what == "string values must be quoted" {
        // Its "expected literal string" would only repeat it.
        return Some(
            "een tekst moet tussen aanhalingstekens staan: zet de waarde tussen \"\"".into(),
        );
    }
    let what = parse_problem(what)?;
    Some(match expected {
        None => what.to_string(),
        Some("nothing") => format!("{what}, verwacht niets meer op deze plaats"),
        Some(expected) => match parse_expected(expected) {
            Some(expected) => format!("{what}, verwacht {expected}"),
            None => what.to_string(),
        },
    })
}

/// The keys a table has, after an unknown key.
fn expected_keys(expected: &[String]) -> String {
    match expected {
        [] => ": hier hoort geen enkele sleutel".into(),
        [one] => format!(": verwacht `{one}`"),
        [a, b] => format!(": verwacht `{a}` of `{b}`"),
        many => format!(": verwacht een van {}", list(many)),
    }
}

/// The values of an enum field: `expected_keys`, but words, not keys.
fn value_list(expected: &[String]) -> String {
    match expected {
        [] => ": hier hoort geen enkele waarde".into(),
        other => expected_keys(other),
    }
}

/// "; bedoelt u `x`?" after a message, for a suggestion if there is one.
fn bedoelt_u(suggestion: &Option<impl std::fmt::Display>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; bedoelt u `{s}`?"))
        .unwrap_or_default()
}

/// Why a text is not a date.
pub(crate) fn date(problem: &DateError) -> String {
    match problem {
        DateError::Text { text } => {
            format!("`{text}` is geen datum: verwacht een datum als 2007-05-31")
        }
        DateError::NoSuchMonth { year, month, day } => {
            format!("{year:04}-{month:02}-{day:02} is geen datum: er is geen maand {month}")
        }
        DateError::NoSuchDay { year, month, day } => format!(
            "{year:04}-{month:02}-{day:02} is geen datum: maand {month} van {year} heeft geen dag {day}"
        ),
    }
}

/// serde's "expected one of `a`, `b`", "expected `a` or `b`", "there are no fields", for
/// the values of an enum (an unknown variant), which the TOML reader reports.
fn expected_values(tail: &str) -> String {
    if let Some(keys) = tail.strip_prefix("expected one of ") {
        format!(": verwacht een van {keys}")
    } else if let Some(keys) = tail.strip_prefix("expected ") {
        format!(": verwacht {}", keys.replace(" or ", " of "))
    } else if tail.starts_with("there are no fields") {
        ": hier hoort geen enkele sleutel".into()
    } else if tail.is_empty() {
        String::new()
    } else {
        format!(", {tail}")
    }
}

/// serde's description of the value found, such as "integer `3`".
fn unexpected(found: &str) -> String {
    for (english, dutch) in [
        ("integer ", "geheel getal "),
        ("floating point ", "kommagetal "),
        ("boolean ", "waarheidswaarde "),
        ("string ", "tekst "),
        ("character ", "teken "),
    ] {
        if let Some(value) = found.strip_prefix(english) {
            return format!("{dutch}{value}");
        }
    }
    match found {
        "sequence" => "een lijst".into(),
        "map" => "een tabel".into(),
        other => other.into(),
    }
}

/// serde's description of what was expected, such as "a string" or "struct RawScale".
fn expected_value(expected: &str) -> String {
    match expected {
        "a string" => "een tekst".into(),
        "a sequence" => "een lijst".into(),
        "a boolean" => "true of false".into(),
        "a map" => "een tabel".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
        | "an integer" => "een geheel getal".into(),
        "f32" | "f64" | "a number" => "een getal".into(),
        "a whole number, \"unknown\" (weet niet) or \"n.v.t.\"" => {
            "een geheel getal, \"weet niet\" of \"n.v.t.\"".into()
        }
        "a built-in matrix id such as \"sev\", a path, or a [matrix] table" => {
            "een ingebouwde matrix zoals \"sev\", een pad of een tabel [matrix]".into()
        }
        "any valid TOML value" => "een geldige TOML-waarde".into(),
        other if other.starts_with("struct ") => "een tabel".into(),
        other if other.starts_with("a date") || other == "local date" => {
            "een datum als 2007-05-31".into()
        }
        other => other.into(),
    }
}

/// What the TOML parser found wrong, in Dutch; `None` for a problem this table does not
/// know, which is then shown in English.
fn parse_problem(what: &str) -> Option<&'static str> {
    Some(match what {
        "duplicate key" => "dubbele sleutel: deze sleutel staat al eerder in dezelfde tabel",
        "extra `=`" => "een `=` te veel",
        "invalid basic string" => "tekst tussen \"…\" is niet afgesloten of ongeldig",
        "invalid literal string" => "tekst tussen '…' is niet afgesloten of ongeldig",
        "invalid multi-line basic string" => {
            "tekst over meerdere regels (\"\"\"…\"\"\") is ongeldig"
        }
        "invalid multi-line literal string" => "tekst over meerdere regels ('''…''') is ongeldig",
        "invalid string" => "ongeldige tekst",
        "missing escaped value" => "na `\\` ontbreekt het teken dat erbij hoort",
        "unclosed array" => "lijst is niet afgesloten",
        "unclosed inline table" => "tabel tussen { } is niet afgesloten",
        "unclosed table" | "unclosed array table" => "tabelkop is niet afgesloten",
        "missing comma between array elements" => {
            "er ontbreekt een komma tussen de elementen van de lijst"
        }
        "missing assignment between key-value pairs" => {
            "er ontbreekt een `=` tussen sleutel en waarde"
        }
        "missing key for inline table element" => "er ontbreekt een sleutel in de tabel tussen { }",
        "invalid key" => "ongeldige sleutel",
        "invalid unquoted key" => {
            "ongeldige sleutel (zet een sleutel met spaties of leestekens tussen aanhalingstekens)"
        }
        "unquoted keys cannot be empty" => "een sleutel zonder aanhalingstekens mag niet leeg zijn",
        "unexpected content" => "onverwachte tekst",
        "unexpected key or value" => "onverwachte sleutel of waarde",
        "unexpected leading zero" => "een getal mag niet met een 0 beginnen",
        "invalid date" => "ongeldige datum",
        "invalid time" => "ongeldige tijd",
        "invalid datetime" | "invalid date-time" => "ongeldige datum en tijd",
        "invalid float" | "invalid mantissa" | "invalid fraction" | "invalid exponent" => {
            "ongeldig getal"
        }
        "invalid boolean" => "ongeldige waarheidswaarde (true of false)",
        "invalid table" => "ongeldige tabel",
        "carriage return must be followed by newline" => {
            "een regeleinde \\r moet gevolgd worden door \\n"
        }
        _ => return None,
    })
}

/// The parser's list of what may stand here: literals such as `]` are kept, words are
/// translated where they are known and left out where not (no English in a Dutch
/// message); `None` when nothing is left.
fn parse_expected(expected: &str) -> Option<String> {
    let items: Vec<String> = expected
        .split(", ")
        .filter_map(|item| {
            let between = |rest: &str, noun: &str| {
                rest.split_once(" and ")
                    .map(|(a, b)| format!("een {noun} van {a} tot en met {b}"))
            };
            if let Some(rest) = item.strip_prefix("day between ")
                && let Some(text) = between(rest, "dag")
            {
                return Some(text);
            }
            if let Some(rest) = item.strip_prefix("month between ")
                && let Some(text) = between(rest, "maand")
            {
                return Some(text);
            }
            Some(match item {
                "literal string" => "tekst tussen aanhalingstekens".into(),
                "basic string" => "tekst tussen \"…\"".into(),
                "multi-line basic string" => "tekst over meerdere regels".into(),
                "newline" => "een nieuwe regel".into(),
                "comment" => "commentaar".into(),
                "key" => "een sleutel".into(),
                "value" => "een waarde".into(),
                "digits" | "numbers" => "cijfers".into(),
                "a four-digit year (YYYY)" => "een jaar van vier cijfers (JJJJ)".into(),
                "a two-digit month (MM)" => "een maand van twee cijfers (MM)".into(),
                "a two-digit day (DD)" => "een dag van twee cijfers (DD)".into(),
                "a two-digit hour (HH)" => "een uur van twee cijfers (UU)".into(),
                "a two-digit minute (MM)" => "minuten in twee cijfers (MM)".into(),
                "a two-digit second (SS)" => "seconden in twee cijfers (SS)".into(),
                "`T` between date and time" => "`T` tussen datum en tijd".into(),
                "`-` (YYYY-MM) or `:` (HH:MM)" => "`-` (JJJJ-MM) of `:` (UU:MM)".into(),
                "`:` (HH:MM)" => "`:` (UU:MM)".into(),
                // A literal such as `]` or `-` (MM-DD) needs no words.
                other if other.starts_with('`') && !other.contains(" or ") => other.into(),
                _ => return None,
            })
        })
        .collect();
    (!items.is_empty()).then(|| items.join(", "))
}

/// The Dutch message of a problem with a `[ladder]`.
fn ladder(problem: &LadderProblem) -> String {
    match problem {
        LadderProblem::UnknownAxis { axis, suggestion } => format!(
            "onbekende as `{axis}` voor de ladder: verwacht `x` of `y`{}",
            bedoelt_u(suggestion)
        ),
        LadderProblem::NoRungs => {
            "de ladder heeft geen treden: verwacht de ids van de onderdelen, laagste eerst".into()
        }
        LadderProblem::UnknownRung { rung, suggestion } => format!(
            "onbekende trede `{rung}`: verwacht de id van een onderdeel{}",
            suggestion
                .as_ref()
                .map(|s| format!("; bedoelt u `{s}`?"))
                .unwrap_or_default()
        ),
        LadderProblem::DuplicateRung { rung } => {
            format!("trede `{rung}` staat er twee keer: elke trede mag één keer voorkomen")
        }
        LadderProblem::RungOffAxis { rung, axis } => format!(
            "trede `{rung}` heeft geen vraag die op {axis} laadt: een trede is een onderdeel van de as van de ladder"
        ),
        LadderProblem::RungOnOtherAxis {
            rung,
            question,
            axis,
        } => format!(
            "trede `{rung}` heeft vraag `{question}`, die op {axis} laadt: de vragen van een trede laden alleen op de as van de ladder"
        ),
        LadderProblem::NotARung { section, axis } => format!(
            "onderdeel `{section}` laadt op {axis} maar is geen trede: elk onderdeel op de as van de ladder hoort bij de treden"
        ),
        LadderProblem::Threshold { value } => format!(
            "drempel {} van de ladder valt buiten het bereik: verwacht een getal tussen 0 en 1 (niet 0 of 1 zelf)",
            nl(*value)
        ),
        LadderProblem::Counting { point, fault } => {
            let why = match fault {
                CountingFault::OffScale { min, max } => format!(
                    "ligt buiten de schaal van een vraag van de treden: verwacht een punt van {min} tot en met {max}"
                ),
                CountingFault::NoCondition => {
                    "heeft geen voorwaarde: verwacht `wijken`, `share` of `above`".to_string()
                }
                CountingFault::Share => {
                    "heeft een aandeel buiten 0–1: verwacht `share` en `above` van 0 tot en met 1"
                        .to_string()
                }
                CountingFault::NotIncreasing => {
                    "ligt niet hoger dan de stap ervoor: verwacht de stappen met het laagste punt eerst"
                        .to_string()
                }
            };
            format!("telstap voor punt {point} {why}")
        }
    }
}

/// The Dutch message of a problem with a register.
fn register(problem: &RegisterProblem) -> String {
    let hint = |s: &Option<String>| {
        s.as_ref()
            .map(|s| format!("; bedoelt u `{s}`?"))
            .unwrap_or_default()
    };
    match problem {
        RegisterProblem::NoWijken => "de registratie noemt geen wijken: verwacht minstens één [[wijken]] met id, name en homes".to_string(),
        RegisterProblem::DuplicateWijk { id, first } => format!(
            "de wijk-id `{id}` komt al eerder voor, op {first}: elke id mag één keer voorkomen"
        ),
        RegisterProblem::Homes { wijk, found } => format!(
            "homes {found} van wijk `{wijk}` is geen positief geheel getal: verwacht het aantal woningen, bijvoorbeeld 1200"
        ),
        RegisterProblem::UnknownWijk {
            practice,
            wijk,
            suggestion,
        } => format!(
            "onbekende wijk `{wijk}` in [practices] `{practice}`{}",
            hint(suggestion)
        ),
        RegisterProblem::WijkTwice { practice, wijk } => format!(
            "wijk `{wijk}` staat twee keer in [practices] `{practice}`: noem elke wijk één keer"
        ),
        RegisterProblem::UnknownPractice { id, suggestion } => format!(
            "onbekende vraag `{id}` in [practices]: verwacht een laddervraag van het instrument{}",
            hint(suggestion)
        ),
        RegisterProblem::NotLadder { id, section } => format!(
            "vraag `{id}` in [practices] is geen laddervraag (zij staat in onderdeel `{section}`): verwacht een vraag van een trede"
        ),
        RegisterProblem::NoLadder { instrument } => format!(
            "instrument `{instrument}` heeft geen ladder: een registratie legt de praktijken van de ladder vast"
        ),
        RegisterProblem::NoCounting { question, scale } => format!(
            "vraag `{question}` gebruikt schaal `{scale}`, waarvoor het instrument geen telregel geeft: verwacht `counting` in zijn [ladder]"
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        Assessment, Error, IdKind, Instrument, Lang, Location, Matrix, ScaleProblem, Source,
        Warning,
    };
    use std::collections::BTreeSet;

    fn here() -> Location {
        Location {
            source: "f.toml".into(),
            line: 3,
            column: 7,
        }
    }

    /// The position of each variant in an exhaustive match: a new variant does not compile
    /// until it is listed here, and the test below until it has a Dutch text.
    fn index(error: &Error) -> usize {
        match error {
            Error::Toml { .. } => 0,
            Error::UnknownQuestion { .. } => 1,
            Error::AnswerOffScale { .. } => 2,
            Error::AnswerWrongType { .. } => 3,
            Error::UnknownNotAllowed { .. } => 4,
            Error::UnknownScale { .. } => 5,
            Error::UnknownMatrix { .. } => 6,
            Error::UnknownInstrument { .. } => 7,
            Error::Duplicate { .. } => 8,
            Error::QuestionCountsNowhere { .. } => 9,
            Error::InvalidBand { .. } => 10,
            Error::AxisWithoutQuestions { .. } => 11,
            Error::InvalidWeight { .. } => 12,
            Error::InvalidLoading { .. } => 13,
            Error::InvalidScale { .. } => 14,
            Error::RegionOutOfRange { .. } => 15,
            Error::RegionCover { .. } => 16,
            Error::InvalidLadder { .. } => 17,
            Error::UnknownNote { .. } => 18,
            Error::InvalidHorizon { .. } => 19,
            Error::InvalidRegister { .. } => 20,
            Error::UnknownKey { .. } => 21,
            Error::MissingKey { .. } => 22,
            Error::EmptyName { .. } => 23,
            Error::UnknownKind { .. } => 24,
            Error::InvalidDate { .. } => 25,
            Error::UnknownValue { .. } => 26,
            Error::NumberOutOfRange { .. } => 27,
        }
    }
    const VARIANTS: usize = 28;

    fn every_variant() -> Vec<Error> {
        let location = here();
        let q = || "beheerder".to_string();
        vec![
            Error::Toml {
                location: location.clone(),
                message: "missing field `date`".into(),
            },
            Error::UnknownQuestion {
                location: location.clone(),
                id: "beheeder".into(),
                suggestion: Some(q()),
            },
            Error::AnswerOffScale {
                location: location.clone(),
                question: q(),
                value: 7,
                min: 1,
                max: 5,
                unknown_allowed: true,
            },
            Error::AnswerWrongType {
                location: location.clone(),
                question: q(),
                found: "\"veel\"".into(),
                min: Some(1),
                max: Some(5),
                unknown_allowed: true,
            },
            Error::UnknownNotAllowed {
                location: location.clone(),
                question: q(),
                min: 1,
                max: 5,
            },
            Error::UnknownScale {
                location: location.clone(),
                question: q(),
                scale: "mate".into(),
                known: vec!["focus".into(), "omvang".into()],
            },
            Error::UnknownMatrix {
                location: location.clone(),
                id: "mijn-matrix".into(),
                known: vec!["sev".into()],
            },
            Error::UnknownInstrument {
                location: location.clone(),
                id: "mijn-vragen".into(),
                known: vec!["sev".into()],
            },
            Error::Duplicate {
                location: location.clone(),
                what: IdKind::Question,
                id: q(),
                first: Location {
                    line: 1,
                    ..location.clone()
                },
            },
            Error::QuestionCountsNowhere {
                location: location.clone(),
                question: q(),
            },
            Error::InvalidBand {
                location: location.clone(),
                axis: crate::AxisName::Y,
                band: "Verhuurder".into(),
                low: 30.0,
                high: 20.0,
            },
            Error::AxisWithoutQuestions {
                location: location.clone(),
                axis: crate::AxisName::X,
            },
            Error::InvalidWeight {
                location: location.clone(),
                question: q(),
                value: -1.0,
            },
            Error::InvalidLoading {
                location: location.clone(),
                question: q(),
                axis: crate::AxisName::X,
                value: f64::INFINITY,
            },
            Error::InvalidScale {
                location: location.clone(),
                scale: "focus".into(),
                reason: ScaleProblem::MinNotBelowMax { min: 5, max: 1 },
            },
            Error::RegionOutOfRange {
                location: location.clone(),
                region: "verhuurder".into(),
                axis: crate::AxisName::X,
                low: 50.0,
                high: 50.0,
            },
            Error::RegionCover {
                location: location.clone(),
                x: 12.5,
                y: 87.5,
                regions: vec![],
            },
            Error::InvalidLadder {
                location: location.clone(),
                problem: crate::LadderProblem::UnknownRung {
                    rung: "wijkregi".into(),
                    suggestion: Some("wijkregie".into()),
                },
            },
            Error::UnknownNote {
                location: location.clone(),
                id: "beheeder".into(),
                suggestion: Some(q()),
            },
            Error::InvalidHorizon {
                location: location.clone(),
                year: 1930,
                min: 2026,
                max: 2076,
                ambition: true,
            },
            Error::InvalidRegister {
                location: location.clone(),
                problem: crate::RegisterProblem::UnknownWijk {
                    practice: "buurtbeheer".into(),
                    wijk: "centum".into(),
                    suggestion: Some("centrum".into()),
                },
            },
            Error::UnknownKey {
                location: location.clone(),
                key: "beheeder".into(),
                expected: vec![q(), "id".into()],
                suggestion: Some(q()),
            },
            Error::MissingKey {
                location: location.clone(),
                key: "date".into(),
            },
            Error::EmptyName {
                location: location.clone(),
            },
            Error::UnknownKind {
                location: location.clone(),
                given: "\"curent\"".into(),
                suggestion: Some("current".into()),
            },
            Error::InvalidDate {
                location: location.clone(),
                given: "2007-02-30".into(),
                problem: crate::DateError::NoSuchDay {
                    year: 2007,
                    month: 2,
                    day: 30,
                },
            },
            Error::UnknownValue {
                location: location.clone(),
                given: "ambitoin".into(),
                expected: vec!["current".into(), "ambition".into()],
                suggestion: Some("ambition".into()),
            },
            Error::NumberOutOfRange {
                location,
                number: "99999999999999999999".into(),
            },
        ]
    }

    #[test]
    fn every_error_variant_has_a_dutch_message_of_its_own() {
        let errors = every_variant();
        let covered: BTreeSet<usize> = errors.iter().map(index).collect();
        assert_eq!(covered, (0..VARIANTS).collect(), "construct every variant");
        for error in &errors {
            let (nl, en) = (error.message_in(Lang::Nl), error.message_in(Lang::En));
            assert_eq!(en, error.message(), "English stays the Display text");
            assert_ne!(nl, en, "{error:?}");
            assert!(!nl.is_empty() && !nl.contains("expected"), "{nl}");
            // The Dutch text keeps the values a person needs to find and fix the problem.
            for value in [
                "beheerder",
                "mate",
                "mijn-matrix",
                "mijn-vragen",
                "verhuurder",
            ] {
                if en.contains(&format!("`{value}`")) {
                    assert!(nl.contains(&format!("`{value}`")), "{nl}");
                }
            }
        }
    }

    #[test]
    fn the_dutch_texts_read_as_written_for_a_housing_professional() {
        let errors = every_variant();
        assert_eq!(
            errors[1].message_in(Lang::Nl),
            "onbekende vraag `beheeder` in [answers]; bedoelt u `beheerder`?"
        );
        assert_eq!(
            errors[2].message_in(Lang::Nl),
            "antwoord 7 op `beheerder` past niet op de schaal: verwacht een geheel getal van 1 tot en met 5 of \"weet niet\""
        );
        assert_eq!(
            errors[8].message_in(Lang::Nl),
            "de id `beheerder` van deze vraag komt al eerder voor, op f.toml:1:7: elke id mag één keer voorkomen"
        );
        assert_eq!(
            errors[14].message_in(Lang::Nl),
            "schaal `focus` is ongeldig: min 5 ligt niet onder max 1"
        );
        let overlap = Error::RegionCover {
            location: here(),
            x: 1.5,
            y: 2.0,
            regions: vec!["a".into(), "b".into()],
        };
        // A decimal comma, so a semicolon between the coordinates.
        assert_eq!(
            overlap.message_in(Lang::Nl),
            "de gebieden `a`, `b` overlappen in (1,5; 2): verwacht elk punt in precies één gebied"
        );
    }

    #[test]
    fn the_warning_speaks_dutch_too() {
        let warning = Warning::Unanswered {
            location: here(),
            questions: vec!["a".into(), "b".into()],
            total: 12,
        };
        assert_eq!(
            warning.message_in(Lang::Nl),
            "2 van de 12 vragen niet beantwoord: a, b"
        );
        assert_eq!(warning.message_in(Lang::En), warning.message());
    }

    const HEAD: &str = "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = 2007-05-31\n[answers]\n";

    fn assessment_error(text: &str) -> Error {
        let invalid = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
        invalid.errors[0].clone()
    }

    #[test]
    fn a_misspelt_kind_is_suggested_in_dutch_in_a_dutch_run() {
        let kind = |word: &str| {
            assessment_error(&format!(
                "instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 2007-05-31\nkind = \"{word}\"\n"
            ))
        };
        // Closer to an English word: Dutch in a Dutch run, English in an English one.
        let curent = kind("curent");
        assert_eq!(
            curent.help_in(Lang::Nl).as_deref(),
            Some("bedoelt u `huidig`?")
        );
        assert_eq!(
            curent.help_in(Lang::En).as_deref(),
            Some("did you mean `current`?")
        );
        // Closer to a Dutch word: Dutch in both.
        let huidg = kind("huidg");
        assert_eq!(
            huidg.help_in(Lang::Nl).as_deref(),
            Some("bedoelt u `huidig`?")
        );
        assert_eq!(
            huidg.help_in(Lang::En).as_deref(),
            Some("did you mean `huidig`?")
        );
        let ambiton = kind("ambiton");
        assert_eq!(
            ambiton.help_in(Lang::Nl).as_deref(),
            Some("bedoelt u `ambitie`?")
        );
        assert!(kind("gisteren").help_in(Lang::Nl).is_none());
    }

    #[test]
    fn the_toml_readers_common_messages_are_translated_by_their_shape() {
        let cases = [
            (format!("{HEAD}beheerder = = 3\n"), "een `=` te veel, verwacht niets meer op deze plaats"),
            (format!("{HEAD}beheerder = veel\n"), "een tekst moet tussen aanhalingstekens staan: zet de waarde tussen \"\""),
            (format!("{HEAD}beheerder = 3\nbeheerder = 4\n"), "dubbele sleutel: deze sleutel staat al eerder in dezelfde tabel"),
            (format!("{HEAD}beheerder = \"abc\n"), "tekst tussen \"…\" is niet afgesloten of ongeldig, verwacht `\"`"),
            (format!("{HEAD}beheerder = [1,\n"), "lijst is niet afgesloten, verwacht `]`"),
            (format!("{HEAD}[answers\n"), "tabelkop is niet afgesloten, verwacht `]`"),
            ("instrument = \"sev\"\n[organisation]\nname = 3\n[assessment]\ndate = 2007-05-31\n".into(), "verkeerde soort waarde: geheel getal `3`, verwacht een tekst"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 2007-05-31\nkind = \"curent\"\n".into(), "onbekende soort \"curent\": verwacht \"huidig\" (current) of \"ambitie\" (ambition); bedoelt u `huidig`?"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 2007-05-31\nkind = \"ambtie\"\n".into(), "onbekende soort \"ambtie\": verwacht \"huidig\" (current) of \"ambitie\" (ambition); bedoelt u `ambitie`?"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = \"2007-5-31\"\n".into(), "`2007-5-31` is geen datum: verwacht een datum als 2007-05-31"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 2007-02-30\n".into(), "ongeldige datum, verwacht een dag van 01 tot en met 28"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 2007-05-31\ndatum = 2007-05-31\n".into(), "onbekende sleutel `datum`: verwacht een van `date`, `kind`, `round`, `respondent`, `role`, `source`, `horizon`, `werkgebied`"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n".into(), "de sleutel `assessment` ontbreekt"),
            ("instrument = \"sev\"\n[organisation]\nname = \" \"\n[assessment]\ndate = 2007-05-31\n".into(), "de naam van de organisatie is leeg of onzichtbaar: verwacht de naam van de corporatie"),
            (format!("{HEAD}beheerder = 99999999999999999999\n"), "het getal 99999999999999999999 is te groot: verwacht een geheel getal, zoals een punt op de schaal"),
            (format!("{HEAD}beheerder = -9223372036854775809\n"), "het getal -9223372036854775809 is te klein: verwacht een geheel getal, zoals een punt op de schaal"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 2007-5-31\n".into(), "ongeldige datum, verwacht een maand van twee cijfers (MM)"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 2007-05-31x\n".into(), "ongeldige datum en tijd, verwacht `T` tussen datum en tijd"),
            ("instrument = \"sev\"\n[organisation]\nname = \"x\"\n[assessment]\ndate = 207-05-31\n".into(), "ongeldige datum, verwacht een jaar van vier cijfers (JJJJ)"),
        ];
        for (text, dutch) in cases {
            let error = assessment_error(&text);
            assert_eq!(error.message_in(Lang::Nl), dutch, "{}", error.message());
        }
    }

    #[test]
    fn the_librarys_own_problems_are_typed_and_worded_from_their_fields() {
        let head = "instrument = \"sev\"\n[organisation]\nname = \"x\"\n";
        let kind = assessment_error(&format!(
            "{head}[assessment]\ndate = 2007-05-31\nkind = \"ambtie\"\n"
        ));
        assert!(
            matches!(&kind, Error::UnknownKind { given, suggestion, .. }
                if given == "\"ambtie\"" && suggestion.as_deref() == Some("ambitie")),
            "{kind:?}"
        );
        let date = assessment_error(&format!("{head}[assessment]\ndate = \"2007-02-30\"\n"));
        assert!(
            matches!(&date, Error::InvalidDate { given, problem: crate::DateError::Text { .. }, .. }
                if given == "2007-02-30"),
            "{date:?}"
        );
        assert_eq!(
            date.message_in(Lang::Nl),
            "`2007-02-30` is geen datum: verwacht een datum als 2007-05-31"
        );
        assert_eq!(
            every_variant()[25].message_in(Lang::Nl),
            "2007-02-30 is geen datum: maand 2 van 2007 heeft geen dag 30"
        );
        let unknown = assessment_error(&format!(
            "{head}[assessment]\ndate = 2007-05-31\ndatum = 2007-05-31\n"
        ));
        assert!(
            matches!(&unknown, Error::UnknownKey { key, expected, suggestion, .. }
                if key == "datum" && expected.len() == 8 && suggestion.as_deref() == Some("date")),
            "{unknown:?}"
        );
        let missing = assessment_error(head);
        assert!(
            matches!(&missing, Error::MissingKey { key, .. } if key == "assessment"),
            "{missing:?}"
        );
        let name = assessment_error(
            "instrument = \"sev\"\n[organisation]\nname = \"\u{200B}\"\n[assessment]\ndate = 2007-05-31\n",
        );
        assert!(matches!(name, Error::EmptyName { .. }), "{name:?}");
        // The Dutch text is written from the fields, whatever the English says.
        let key = Error::UnknownKey {
            location: here(),
            key: "x".into(),
            expected: vec!["a".into(), "b".into()],
            suggestion: None,
        };
        assert_eq!(
            key.message_in(Lang::Nl),
            "onbekende sleutel `x`: verwacht `a` of `b`"
        );
        assert_eq!(
            key.message_in(Lang::En),
            "unknown field `x`, expected `a` or `b`"
        );
    }

    #[test]
    fn an_unknown_toml_message_leaves_its_english_to_an_english_run() {
        let error = Error::Toml {
            location: here(),
            message: "something new, expected something else".into(),
        };
        assert_eq!(
            error.message_in(Lang::Nl),
            "ongeldige TOML op deze plaats (--lang en toont de uitleg van de TOML-lezer)"
        );
    }

    #[test]
    fn instrument_and_matrix_errors_speak_dutch() {
        let instrument = Instrument::parse(&Source::new(
            "i.toml",
            "id = \"x\"\nversion = \"1\"\ntitel = \"x\"\n",
        ))
        .unwrap_err();
        let nl = instrument.errors[0].message_in(Lang::Nl);
        assert!(
            nl.starts_with("onbekende sleutel `titel`: verwacht een van "),
            "{nl}"
        );
        let matrix = Matrix::parse(&Source::new("m.toml", "[[regions]]\nid = 3\n")).unwrap_err();
        let nl = matrix.errors[0].message_in(Lang::Nl);
        assert!(!nl.starts_with("ongeldige TOML"), "{nl}");
    }

    /// A scale's problem and a duplicate's kind are data, and their Dutch comes from
    /// that data, not from reading the English text back (issue 23, item 4).
    #[test]
    fn a_scale_problem_and_a_duplicate_are_typed_and_speak_dutch() {
        let text = r#"id = "x"
version = "1"
matrix = "sev"
title = { nl = "X", en = "X" }
[scales.vijf]
min = 1
max = 5
labels = [{ nl = "a", en = "a" }, { nl = "b", en = "b" }]
[[sections]]
id = "s"
title = { nl = "S", en = "S" }
scored = true
[[sections.questions]]
id = "q"
text = { nl = "Q", en = "Q" }
scale = "vijf"
loading = { x = 1 }
[[sections.questions]]
id = "q"
text = { nl = "Q", en = "Q" }
scale = "vijf"
loading = { x = 1 }
"#;
        let invalid = Instrument::parse(&Source::new("i.toml", text)).unwrap_err();
        let scale = invalid
            .errors
            .iter()
            .find_map(|error| match error {
                Error::InvalidScale { reason, .. } => Some(reason),
                _ => None,
            })
            .expect("the scale's error");
        assert_eq!(
            *scale,
            ScaleProblem::LabelCount {
                labels: 2,
                min: 1,
                max: 5
            }
        );
        let duplicate = invalid
            .errors
            .iter()
            .find(|error| matches!(error, Error::Duplicate { .. }))
            .expect("the duplicate's error");
        assert!(matches!(
            duplicate,
            Error::Duplicate {
                what: IdKind::Question,
                ..
            }
        ));
        let nl: Vec<String> = invalid
            .errors
            .iter()
            .map(|e| e.message_in(Lang::Nl))
            .collect();
        assert!(
            nl.iter().any(|m| m
                .contains("er zijn 2 labels: verwacht één label per punt, 5 voor 1 tot en met 5")),
            "{nl:?}"
        );
        assert!(
            nl.iter()
                .any(|m| m.contains("van deze vraag komt al eerder voor")),
            "{nl:?}"
        );
    }
}
