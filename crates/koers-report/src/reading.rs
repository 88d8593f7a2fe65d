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

/// The group's region as every output shows it: none for a position that is
/// insufficiently answered (it is drawn, but placed in no region).
pub fn shown_region(group: &Group) -> Option<&koers::RegionRef> {
    group.region.as_ref().filter(|_| group.is_reliable())
}

/// The kind of a group as a label: "ambitie 2030" for an ambition with a horizon,
/// else "huidig" or "ambitie" ([`kind_word`]).
pub fn kind_label(group: &Group, lang: Lang) -> String {
    match group
        .horizon
        .filter(|_| group.kind == koers::Kind::Ambition)
    {
        Some(year) => format!("{} {year}", kind_word(group.kind, lang)),
        None => kind_word(group.kind, lang).to_string(),
    }
}

/// What a source on an assessment means: the answers are a reading of a text.
pub fn reading_note(lang: Lang) -> &'static str {
    say(
        lang,
        "een lezing van een bron, niet de eigen beoordeling van de organisatie",
        "a reading of a source, not the organisation's own assessment",
    )
}

/// The name of a group's organisation, marked "(lezing)" when its answers are a reading
/// of a source.
pub fn marked_name(group: &Group, lang: Lang) -> String {
    if group.sources.is_empty() {
        group.organisation.name.clone()
    } else {
        format!(
            "{} ({})",
            group.organisation.name,
            say(lang, "lezing", "reading")
        )
    }
}

/// One line per organisation and source among `groups`, for under a table: "Portaal
/// (lezing): een lezing van een bron, …: <source>".
pub fn source_lines(groups: &[&Group], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for group in groups {
        for source in &group.sources {
            let line = format!(
                "{}: {}: {source}",
                marked_name(group, lang),
                reading_note(lang)
            );
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

/// Short remarks on a group, for a table cell: insufficiently answered, region open,
/// respondents left out.
pub fn remarks(group: &Group, lang: Lang) -> Vec<String> {
    trust_remarks(&group.trust(), lang)
}

/// "1 respondent", "2 respondenten" (or in English).
pub fn count_respondents(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (1, _) => "1 respondent".to_string(),
        (n, Lang::Nl) => format!("{n} respondenten"),
        (n, Lang::En) => format!("{n} respondents"),
    }
}

/// The remarks of [`remarks`], for an analysis that carries a group's [`Trust`]: each a
/// phrase that reads on its own in a table cell ("onvoldoende ingevuld", "gebied open",
/// "1 respondent weggelaten").
pub fn trust_remarks(trust: &Trust, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if !trust.positioned {
        out.push(say(lang, "geen positie", "no position").to_string());
    } else if !trust.reliable {
        out.push(say(lang, "onvoldoende ingevuld", "insufficiently answered").to_string());
    } else if trust.fixed == Some(false) {
        // An insufficiently answered position has no region to be open.
        out.push(say(lang, "gebied open", "region open").to_string());
    }
    if trust.excluded > 0 {
        out.push(format!(
            "{} {}",
            count_respondents(trust.excluded, lang),
            say(lang, "weggelaten", "left out")
        ));
    }
    out
}

/// Which position a caution is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// "de positie".
    Position,
    /// "de huidige positie".
    Current,
    /// "de ambitie".
    Ambition,
    /// "de vergeleken positie".
    Compared,
}

impl Subject {
    fn words(self, lang: Lang) -> &'static str {
        match self {
            Subject::Position => say(lang, "de positie", "the position"),
            Subject::Current => say(lang, "de huidige positie", "the current position"),
            Subject::Ambition => say(lang, "de ambitie", "the ambition"),
            Subject::Compared => say(lang, "de vergeleken positie", "the position compared"),
        }
    }
}

/// The clauses of a caution on `subject`, each a whole clause with its own verb: "de
/// positie is onvoldoende ingevuld", "het gebied van de ambitie staat niet vast", "bij de
/// huidige positie is 1 respondent weggelaten". Empty when there is nothing to say.
pub fn caution_clauses(trust: &Trust, subject: Subject, lang: Lang) -> Vec<String> {
    let who = subject.words(lang);
    let mut out = Vec::new();
    if !trust.positioned {
        out.push(format!(
            "{who} {}",
            say(lang, "heeft geen positie", "has no position")
        ));
    } else if !trust.reliable {
        out.push(format!(
            "{who} {}",
            say(
                lang,
                "is onvoldoende ingevuld (daarom zonder gebied)",
                "is insufficiently answered (so it has no region)"
            )
        ));
    } else if trust.fixed == Some(false) {
        out.push(format!(
            "{} {who} {}",
            say(lang, "het gebied van", "the region of"),
            say(lang, "staat niet vast (open)", "is not fixed (open)")
        ));
    }
    if trust.excluded > 0 {
        let count = count_respondents(trust.excluded, lang);
        out.push(match (trust.excluded, lang) {
            (1, Lang::Nl) => format!("bij {who} is {count} weggelaten"),
            (_, Lang::Nl) => format!("bij {who} zijn {count} weggelaten"),
            (1, Lang::En) => format!("for {who} {count} was left out"),
            (_, Lang::En) => format!("for {who} {count} were left out"),
        });
    }
    out
}

/// A caution as one sentence: "Let op: de positie is onvoldoende ingevuld; bij de positie
/// is 1 respondent weggelaten." Empty when there is nothing to say.
pub fn caution(trust: &Trust, subject: Subject, lang: Lang) -> String {
    let clauses = caution_clauses(trust, subject, lang);
    if clauses.is_empty() {
        return String::new();
    }
    format!("{} {}.", say(lang, "Let op:", "Note:"), clauses.join("; "))
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
            "onvoldoende ingevuld: een onderdeel dat op een as meetelt, is voor minder dan 60% beantwoord (de rest is \"weet niet\" of open); zo'n positie krijgt geen gebied, geen spreiding en geen pijl.",
            "insufficiently answered: a section that counts on an axis is less than 60% answered (the rest is \"don't know\" or open); such a position gets no region, no spread and no arrow.",
        ));
    }
    if trusts.iter().any(|t| t.reliable && t.fixed == Some(false)) {
        out.push(say(
            lang,
            "gebied open: de rechthoek van de intervallen ligt over een gebiedsgrens; de spreiding tussen deze respondenten laat het gebied niet vaststaan.",
            "region open: the rectangle of the intervals crosses a region boundary; the spread between these respondents leaves the region open.",
        ));
    }
    if trusts.iter().any(|t| t.excluded > 0) {
        out.push(say(
            lang,
            "weggelaten: respondenten die zelf onvoldoende hebben ingevuld, tellen niet mee in de positie (zie hieronder).",
            "left out: respondents who answered too little themselves do not count in the position (see below).",
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
                "de ladder klimt hier niet; dat kan, maar is het bespreken waard.",
                "the ladder does not climb here; that can be, but is worth discussing."
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
        koers::Kind::Current => say(lang, "huidige positie", "current position"),
        koers::Kind::Ambition => say(lang, "ambitie", "ambition"),
    }
}

/// The words of a position, each in a few plain sentences.
pub fn glossary(lang: Lang) -> &'static str {
    say(
        lang,
        "\
Zo leest u de cijfers
  dekking               Welk deel van de vragen (naar gewicht) is beantwoord;
                        \"weet niet\" en \"n.v.t.\" tellen niet mee. Binnen een
                        onderdeel staan de beantwoorde vragen voor de rest;
                        een onderdeel zonder antwoorden valt weg uit de as.
  voldoende ingevuld    Elk onderdeel dat op een as meetelt, is voor minstens
                        60% beantwoord. Zo niet, dan is de positie onvoldoende
                        ingevuld: grijs en open in de figuur, zonder gebied,
                        spreiding of pijl.
  weggelaten            Een respondent die zelf onvoldoende heeft ingevuld,
                        telt niet mee in de positie van de groep, zolang er
                        respondenten over zijn die voldoende hebben ingevuld.
  sd                    De spreiding tussen respondenten (standaardafwijking).
                        Klein: men is het eens; groot: de meningen lopen
                        uiteen. Bij één respondent is er geen sd.
  interval              Per as een interval rond het gemiddelde (Bonferroni,
                        samen minstens 95%), afgekapt op 0–100. Het toont de
                        spreiding tussen deze gekozen respondenten: hoe ver
                        hun antwoorden uiteenlopen. Het is geen steekproeffout
                        en geen kans dat de positie ergens ligt.
  marge                 De afstand in punten van de positie tot de
                        dichtstbijzijnde gebiedsgrens.
  vast                  Het gebied staat vast: de rechthoek van de twee
                        intervallen ligt helemaal binnen één gebied. Open: de
                        rechthoek ligt over een grens, dus deze respondenten
                        laten het gebied niet vaststaan.
",
        "\
How to read the figures
  coverage              The share of the questions (by weight) that was
                        answered; \"don't know\" and \"not applicable\" do not
                        count. Within a section the answered questions stand
                        for the rest; a section without answers drops out of
                        the axis.
  sufficiently answered Every section that counts on an axis is at least 60%
                        answered. Otherwise the position is insufficiently
                        answered: grey and hollow in the picture, without
                        region, spread or arrow.
  left out              A respondent who answered too little does not count in
                        the group's position, as long as respondents remain
                        who answered enough.
  sd                    The spread between respondents (standard deviation).
                        Small: they agree; large: views differ. One respondent
                        has no sd.
  interval              Per axis an interval around the mean (Bonferroni,
                        jointly at least 95%), cut to 0–100. It shows the
                        spread between these chosen respondents: how far their
                        answers differ. It is not a sampling error and not a
                        probability that the position lies somewhere.
  margin                The distance in points from the position to the
                        nearest region boundary.
  fixed                 The region is fixed: the rectangle of the two
                        intervals lies wholly inside one region. Open: the
                        rectangle crosses a boundary, so these respondents
                        leave the region open.
",
    )
}

/// The words of a position and of the analyses after it, each as a term and a few plain
/// sentences: the glossary's terms, and r_wg and median, for a report's page on how to
/// read it.
pub fn terms(lang: Lang) -> Vec<(&'static str, &'static str)> {
    match lang {
        Lang::Nl => vec![
            (
                "dekking",
                "Welk deel van de vragen (naar gewicht) is beantwoord; \"weet niet\" en \"n.v.t.\" tellen niet mee. Binnen een onderdeel staan de beantwoorde vragen voor de rest; een onderdeel zonder antwoorden valt weg uit de as.",
            ),
            (
                "voldoende ingevuld",
                "Elk onderdeel dat op een as meetelt, is voor minstens 60% beantwoord. Zo niet, dan is de positie onvoldoende ingevuld: grijs en open in de figuur, zonder gebied, spreiding of pijl.",
            ),
            (
                "weggelaten",
                "Een respondent die zelf onvoldoende heeft ingevuld, telt niet mee in de positie van de groep, zolang er respondenten over zijn die voldoende hebben ingevuld.",
            ),
            (
                "sd",
                "De spreiding tussen respondenten (standaardafwijking). Klein: men is het eens; groot: de meningen lopen uiteen. Bij één respondent is er geen sd.",
            ),
            (
                "interval",
                "Per as een interval rond het gemiddelde (Bonferroni, samen minstens 95%), afgekapt op 0–100. Het toont de spreiding tussen deze gekozen respondenten: hoe ver hun antwoorden uiteenlopen. Het is geen steekproeffout en geen kans dat de positie ergens ligt.",
            ),
            (
                "marge",
                "De afstand in punten van de positie tot de dichtstbijzijnde gebiedsgrens.",
            ),
            (
                "vast",
                "Het gebied staat vast: de rechthoek van de twee intervallen ligt helemaal binnen één gebied. Open: de rechthoek ligt over een grens, dus deze respondenten laten het gebied niet vaststaan.",
            ),
            (
                "r_wg",
                "De overeenstemming tussen respondenten: 1 − de waargenomen variantie gedeeld door de variantie van willekeurige antwoorden op dezelfde schaal; per onderdeel r_wg(J). We lezen het in banden (LeBreton & Senter): geen, zwak, matig, sterk, zeer sterk.",
            ),
            (
                "mediaan",
                "De middelste positie van de vergeleken organisaties, per as: de helft staat lager, de helft hoger. Het rapport geeft de afstand tot de mediaan, geen rangorde.",
            ),
        ],
        Lang::En => vec![
            (
                "coverage",
                "The share of the questions (by weight) that was answered; \"don't know\" and \"not applicable\" do not count. Within a section the answered questions stand for the rest; a section without answers drops out of the axis.",
            ),
            (
                "sufficiently answered",
                "Every section that counts on an axis is at least 60% answered. Otherwise the position is insufficiently answered: grey and hollow in the picture, without region, spread or arrow.",
            ),
            (
                "left out",
                "A respondent who answered too little does not count in the group's position, as long as respondents remain who answered enough.",
            ),
            (
                "sd",
                "The spread between respondents (standard deviation). Small: they agree; large: views differ. One respondent has no sd.",
            ),
            (
                "interval",
                "Per axis an interval around the mean (Bonferroni, jointly at least 95%), cut to 0–100. It shows the spread between these chosen respondents: how far their answers differ. It is not a sampling error and not a probability that the position lies somewhere.",
            ),
            (
                "margin",
                "The distance in points from the position to the nearest region boundary.",
            ),
            (
                "fixed",
                "The region is fixed: the rectangle of the two intervals lies wholly inside one region. Open: the rectangle crosses a boundary, so these respondents leave the region open.",
            ),
            (
                "r_wg",
                "How far respondents agree: 1 − the observed variance divided by the variance of random answers on the same scale; per section r_wg(J). Read in bands (LeBreton & Senter): none, weak, moderate, strong, very strong.",
            ),
            (
                "median",
                "The middle position of the organisations compared, per axis: half stand lower, half higher. The report gives the distance to the median, not a rank.",
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trust(reliable: bool, fixed: Option<bool>, excluded: usize) -> Trust {
        Trust::new(true, reliable, fixed, excluded)
    }

    #[test]
    fn a_caution_is_a_whole_sentence_for_none_one_and_many() {
        let nl = |t: Trust| caution(&t, Subject::Position, Lang::Nl);
        let en = |t: Trust| caution(&t, Subject::Current, Lang::En);
        assert_eq!(nl(trust(true, Some(true), 0)), "");
        assert_eq!(
            nl(trust(true, Some(true), 1)),
            "Let op: bij de positie is 1 respondent weggelaten."
        );
        assert_eq!(
            nl(trust(true, Some(true), 2)),
            "Let op: bij de positie zijn 2 respondenten weggelaten."
        );
        assert_eq!(
            en(trust(true, Some(true), 1)),
            "Note: for the current position 1 respondent was left out."
        );
        assert_eq!(
            en(trust(true, Some(true), 3)),
            "Note: for the current position 3 respondents were left out."
        );
        assert_eq!(
            nl(trust(false, Some(false), 0)),
            "Let op: de positie is onvoldoende ingevuld (daarom zonder gebied)."
        );
        assert_eq!(
            nl(trust(true, Some(false), 0)),
            "Let op: het gebied van de positie staat niet vast (open)."
        );
        // An insufficiently answered position is never called open: it has no region.
        assert_eq!(
            trust_remarks(&trust(false, Some(false), 0), Lang::Nl),
            ["onvoldoende ingevuld"]
        );
        assert_eq!(
            trust_remarks(&trust(true, None, 2), Lang::En),
            ["2 respondents left out"]
        );
    }

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
                let entry = line.trim_start();
                assert!(
                    terms
                        .iter()
                        .any(|(t, _)| entry.starts_with(&format!("{t} "))),
                    "{entry} missing"
                );
            }
            assert!(
                terms
                    .iter()
                    .any(|(t, text)| *t == "r_wg" && text.contains("r_wg(J)"))
            );
        }
    }
}
