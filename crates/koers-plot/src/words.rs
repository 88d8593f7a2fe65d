//! The picture's own words, in Dutch and English.

use koers::Lang;

/// The fixed texts of the picture in one language.
pub struct Words {
    pub current: &'static str,
    pub ambition: &'static str,
    pub low_coverage: &'static str,
    pub movement: &'static str,
    pub towards_ambition: &'static str,
    pub spread: &'static str,
    pub respondent: &'static str,
    pub instrument: &'static str,
    pub version: &'static str,
    pub position: &'static str,
    pub positions: &'static str,
    pub region: &'static str,
    pub respondents: &'static str,
    pub no_position: &'static str,
    pub unreliable: &'static str,
    pub labels_dropped: &'static str,
    pub uncertain: &'static str,
    pub uncertain_short: &'static str,
    pub interval: &'static str,
    pub peers: &'static str,
    pub median: &'static str,
    pub no_role: &'static str,
    pub one_per_organisation: &'static str,
    pub organisations: &'static str,
    pub points: &'static str,
    pub points_key: &'static str,
    pub density_one: &'static str,
    pub density_many: &'static str,
    pub or_more: &'static str,
}

/// The words for `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

static NL: Words = Words {
    current: "huidige positie",
    ambition: "ambitie",
    low_coverage: "onbetrouwbaar: onderdeel < 60% beantwoord",
    movement: "ontwikkeling in de tijd",
    towards_ambition: "naar de ambitie",
    spread: "spreiding ±1 sd",
    respondent: "respondent",
    instrument: "Instrument",
    version: "versie",
    position: "positie",
    positions: "posities",
    region: "regio",
    respondents: "respondenten",
    no_position: "geen positie (te weinig antwoorden)",
    unreliable: "onbetrouwbaar: een onderdeel is voor minder dan 60% beantwoord",
    labels_dropped: "namen weggelaten (geen ruimte)",
    uncertain: "onzeker: het 95%-interval ligt over een gebiedsgrens",
    uncertain_short: "onzeker (interval over een grens)",
    interval: "95%-interval van het gemiddelde",
    peers: "andere organisaties",
    median: "mediaan van de andere organisaties",
    no_role: "respondent zonder rol",
    one_per_organisation: "Eén matrix per organisatie",
    organisations: "organisaties",
    points: "organisatie (zonder nummer: te veel voor nummers)",
    points_key: "sleutel: koers plot --key sleutel.md, of --highlight ID",
    density_one: "1 organisatie per zeshoek",
    density_many: "organisaties per zeshoek",
    or_more: "of meer",
};

static EN: Words = Words {
    current: "current position",
    ambition: "ambition",
    low_coverage: "unreliable: section < 60% answered",
    movement: "movement over time",
    towards_ambition: "towards the ambition",
    spread: "spread ±1 sd",
    respondent: "respondent",
    instrument: "Instrument",
    version: "version",
    position: "position",
    positions: "positions",
    region: "region",
    respondents: "respondents",
    no_position: "no position (too few answers)",
    unreliable: "unreliable: a section is less than 60% answered",
    labels_dropped: "names left out (no room)",
    uncertain: "uncertain: the 95% interval crosses a region boundary",
    uncertain_short: "uncertain (interval crosses a boundary)",
    interval: "95% interval of the mean",
    peers: "other organisations",
    median: "median of the other organisations",
    no_role: "respondent without a role",
    one_per_organisation: "One matrix per organisation",
    organisations: "organisations",
    points: "organisation (unnumbered: too many for numbers)",
    points_key: "key: koers plot --key key.md, or --highlight ID",
    density_one: "1 organisation per hexagon",
    density_many: "organisations per hexagon",
    or_more: "or more",
};

/// The Dutch or the English form of a message, by `lang`.
#[cfg(feature = "png")]
pub fn say<T>(lang: Lang, nl: T, en: T) -> T {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}
