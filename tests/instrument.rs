//! The SEV instrument 2.0 (built in as `sev@2.0`, kept for files written for it): its shape (ladder questions that load on y only, focus
//! questions that load on x only), the ladder reading, the four corners of the matrix, and
//! one plausible corporation per region, each reliable under scoring method 2.
//!
//! Scoring method 2 is computed here by hand, per section, so that these checks
//! do not depend on which method the library implements while it is being rewritten. With
//! every question answered it equals the plain weighted mean, and the tests check that the
//! library agrees there.

use koers::{
    Answer, Assessment, AssessmentInfo, Date, Instrument, Kind, Organisation, Point, Score, builtin,
};
use std::collections::BTreeMap;

/// Version 2.0: the regions and the ladder reading below are about its questions, and
/// tests/regions.rs does the same for version 2.1 under method 3.
fn sev() -> &'static Instrument {
    builtin::instrument("sev@2.0").unwrap()
}

/// The current built-in instrument, version 2.1.
fn sev_2_1() -> &'static Instrument {
    builtin::instrument("sev").unwrap()
}

/// The four rungs of the ladder: the matrix's y band, the section of ladder questions
/// (none for the verhuurder baseline) and the section of focus questions.
const RUNGS: [(&str, Option<&str>, &str); 4] = [
    ("Verhuurder", None, "focus-verhuurder"),
    (
        "Voorzieningencorporatie",
        Some("voorzieningen"),
        "focus-voorzieningen",
    ),
    ("Wijkregisseur", Some("wijkregie"), "focus-wijkregie"),
    (
        "Emancipatiecorporatie",
        Some("emancipatie"),
        "focus-emancipatie",
    ),
];

fn ladder_sections() -> impl Iterator<Item = &'static str> {
    RUNGS.iter().filter_map(|(_, ladder, _)| *ladder)
}

fn focus_sections() -> impl Iterator<Item = &'static str> {
    RUNGS.iter().map(|(_, _, focus)| *focus)
}

fn section(id: &str) -> &'static koers::Section {
    sev()
        .sections
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

/// Σ|loading|·weight of a section on an axis: its mass T in method 2.
fn mass(section: &koers::Section, axis: fn(&koers::Loading) -> f64) -> f64 {
    section
        .questions
        .iter()
        .map(|q| axis(&q.loading).abs() * q.weight)
        .sum()
}

fn x(l: &koers::Loading) -> f64 {
    l.x
}

fn y(l: &koers::Loading) -> f64 {
    l.y
}

/// One respondent's answers, built from a description in words: a default for every
/// ladder question and every focus question, then whole sections and single questions.
#[derive(Clone)]
struct Respondent {
    answers: BTreeMap<String, Answer>,
}

impl Respondent {
    /// Every ladder question at `ladder`, every focus question at `focus`; the regie
    /// counts, which load on no axis, at "once".
    fn new(ladder: i64, focus: i64) -> Self {
        let mut answers = BTreeMap::new();
        for (s, q) in sev().questions() {
            let value = if ladder_sections().any(|id| id == s.id) {
                ladder
            } else if focus_sections().any(|id| id == s.id) {
                focus
            } else {
                2
            };
            answers.insert(q.id.clone(), Answer::Point(value));
        }
        Respondent { answers }
    }

    /// Every question of a section at `value`.
    fn section(mut self, id: &str, value: i64) -> Self {
        for q in &section(id).questions {
            self.answers.insert(q.id.clone(), Answer::Point(value));
        }
        self
    }

    /// Single questions at `value`.
    fn set(mut self, ids: &[&str], value: i64) -> Self {
        for id in ids {
            assert!(sev().question(id).is_some(), "no question {id}");
            self.answers.insert(id.to_string(), Answer::Point(value));
        }
        self
    }

    /// Single questions answered "unknown" (weet niet / n.v.t.).
    fn unknown(mut self, ids: &[&str]) -> Self {
        for id in ids {
            assert!(sev().question(id).is_some(), "no question {id}");
            self.answers.insert(id.to_string(), Answer::Unknown);
        }
        self
    }

    fn is_complete(&self) -> bool {
        self.answers.values().all(|a| matches!(a, Answer::Point(_)))
    }

    /// The answer normalized to 0–1, or `None` for "unknown".
    fn normalized(&self, q: &koers::Question) -> Option<f64> {
        match self.answers.get(&q.id) {
            Some(Answer::Point(p)) => sev().scale_of(q).unwrap().normalize(*p),
            _ => None,
        }
    }

    /// The answered share of a section's mass on an axis, if the section loads on it.
    fn coverage(&self, section: &koers::Section, axis: fn(&koers::Loading) -> f64) -> Option<f64> {
        let total = mass(section, axis);
        let answered: f64 = section
            .questions
            .iter()
            .filter(|q| self.normalized(q).is_some())
            .map(|q| axis(&q.loading).abs() * q.weight)
            .sum();
        (total > 0.0).then(|| answered / total)
    }

    /// Method 2's reliability rule: every section that loads on an axis has at least 60 %
    /// of its mass on that axis answered.
    fn is_reliable(&self) -> bool {
        sev().sections.iter().all(|s| {
            [x as fn(&koers::Loading) -> f64, y]
                .into_iter()
                .all(|axis| self.coverage(s, axis).is_none_or(|c| c >= 0.6))
        })
    }

    /// Method 2's axis score: per section S = 100·Σ|l|·w·d / Σ|l|·w over its answered
    /// questions, then the mean of S weighted by each section's whole mass T.
    fn axis(&self, axis: fn(&koers::Loading) -> f64) -> f64 {
        let (mut sum, mut total) = (0.0, 0.0);
        for s in &sev().sections {
            let (mut points, mut answered) = (0.0, 0.0);
            for q in &s.questions {
                let l = axis(&q.loading);
                if let (true, Some(v)) = (l != 0.0, self.normalized(q)) {
                    let d = if l < 0.0 { 1.0 - v } else { v };
                    points += l.abs() * q.weight * d;
                    answered += l.abs() * q.weight;
                }
            }
            if answered > 0.0 {
                let t = mass(s, axis);
                sum += t * 100.0 * points / answered;
                total += t;
            }
        }
        sum / total
    }

    fn position(&self) -> Point {
        Point {
            x: self.axis(x),
            y: self.axis(y),
        }
    }

    /// The library's score; with every question answered it must equal method 2.
    fn score(&self) -> Score {
        let assessment = Assessment::new(
            "sev@2.0",
            Organisation {
                name: "Proef".into(),
                id: None,
            },
            AssessmentInfo {
                date: Date::new(2026, 5, 31).unwrap(),
                kind: Kind::Current,
                round: None,
                respondent: None,
                role: None,
                source: None,
                horizon: None,
                werkgebied: Vec::new(),
            },
            self.answers.clone(),
        );
        let score = sev().score_with(&assessment, koers::Method::V2).unwrap();
        if self.is_complete() {
            let (p, q) = (score.position.unwrap(), self.position());
            assert!((p.x - q.x).abs() < 1e-9 && (p.y - q.y).abs() < 1e-9);
            assert_eq!((score.x.coverage, score.y.coverage), (1.0, 1.0));
        }
        score
    }

    /// The region of the method-2 position, after checking that the respondent is reliable.
    fn region(&self) -> String {
        let score = self.score();
        assert!(self.is_reliable(), "not reliable under method 2");
        assert!(score.x.coverage >= 0.6 && score.y.coverage >= 0.6);
        let p = self.position();
        let region = sev().matrix.region_at(p).unwrap().id.clone();
        eprintln!("({:5.1}, {:5.1}) {region}", p.x, p.y);
        region
    }

    /// The region of a plausible corporation: reliable, and at least 3 points inside
    /// its region, so that the story does not hang on a rounding.
    fn plausible_region(&self) -> String {
        let region = self.region();
        let margin = sev().matrix.margin(self.position()).unwrap();
        assert!(margin >= 3.0, "{region} only {margin:.1} points inside");
        region
    }
}

// --- Shape -----------------------------------------------------------------------------

#[test]
fn the_instrument_is_version_2_with_30_to_40_questions_in_dutch_and_english() {
    assert_eq!(sev().version, "2.0");
    let questions: Vec<_> = sev().questions().collect();
    assert!(
        (30..=40).contains(&questions.len()),
        "{} questions",
        questions.len()
    );
    for (_, q) in &questions {
        assert!(
            !q.text.nl.is_empty() && q.text.en.as_deref().is_some_and(|t| !t.is_empty()),
            "{}",
            q.id
        );
    }
    for (name, scale) in &sev().scales {
        for label in &scale.labels {
            assert!(label.en.is_some(), "scale {name} lacks an English label");
        }
    }
    for s in &sev().sections {
        assert!(
            s.title.en.is_some(),
            "section {} lacks an English title",
            s.id
        );
    }
}

#[test]
fn every_question_has_a_comment_that_gives_the_reason_for_its_loading() {
    // In the file, each `[[sections.questions]]` header is directly preceded by a comment.
    let lines: Vec<&str> = builtin::SEV_INSTRUMENT_TOML.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "[[sections.questions]]" {
            assert!(
                lines[i - 1].trim_start().starts_with('#'),
                "question at line {} has no comment",
                i + 1
            );
            checked += 1;
        }
    }
    assert_eq!(checked, sev_2_1().questions().count());
}

#[test]
fn every_question_asks_about_the_last_twelve_months() {
    // One period for all: no "afgelopen vijf jaar" next to "maandelijks".
    for (_, q) in sev().questions() {
        assert!(
            q.text.nl.contains("de afgelopen twaalf maanden"),
            "{}",
            q.id
        );
        assert!(
            q.text
                .en
                .as_deref()
                .unwrap()
                .contains("the last twelve months"),
            "{}",
            q.id
        );
    }
}

#[test]
fn ladder_questions_load_on_y_only_and_focus_questions_on_x_only() {
    for id in ladder_sections() {
        for q in &section(id).questions {
            assert!(q.loading.x == 0.0 && q.loading.y > 0.0, "{}", q.id);
            assert_eq!(q.scale, "wijken", "{}", q.id);
        }
    }
    for id in focus_sections() {
        for q in &section(id).questions {
            assert!(q.loading.y == 0.0 && q.loading.x > 0.0, "{}", q.id);
            assert_eq!(q.scale, "focus", "{}", q.id);
        }
    }
    // Everything else (the regie counts) loads on neither axis and is reported as a
    // section score.
    for s in &sev().sections {
        if !ladder_sections()
            .chain(focus_sections())
            .any(|id| id == s.id)
        {
            assert!(s.scored, "{}", s.id);
            assert!(mass(s, x) == 0.0 && mass(s, y) == 0.0, "{}", s.id);
        }
    }
}

#[test]
fn every_higher_rung_has_the_same_y_mass_and_every_rung_the_same_focus_mass() {
    let y_masses: Vec<f64> = ladder_sections().map(|id| mass(section(id), y)).collect();
    assert_eq!(y_masses.len(), 3);
    assert!(y_masses.iter().all(|m| *m == y_masses[0] && *m > 0.0));
    for id in focus_sections() {
        let s = section(id);
        assert!(
            s.questions.len() >= 2,
            "{id} has fewer than two focus questions"
        );
        assert_eq!(mass(s, x), mass(section("focus-verhuurder"), x), "{id}");
    }
}

#[test]
fn the_rung_sections_carry_the_matrix_band_names_in_both_languages() {
    // "Wijkregisseur" is "Neighbourhood director" in the matrix and in the instrument alike.
    let bands = &sev().matrix.y.bands;
    for ((band, ladder, focus), matrix_band) in RUNGS.iter().zip(bands) {
        assert_eq!(matrix_band.label.nl, *band);
        for id in ladder.iter().chain(std::iter::once(focus)) {
            let title = &section(id).title;
            assert!(title.nl.starts_with(band), "{id}: {}", title.nl);
            let en = matrix_band.label.en.as_deref().unwrap();
            assert!(title.en.as_deref().unwrap().starts_with(en), "{id}");
        }
    }
}

#[test]
fn focus_questions_name_both_poles_and_so_does_their_scale() {
    for id in focus_sections() {
        for q in &section(id).questions {
            let en = q.text.en.as_deref().unwrap();
            assert!(
                q.text.nl.contains("Vastgoed:") && q.text.nl.contains("Sociaal:"),
                "{}",
                q.id
            );
            assert!(
                en.contains("Real estate:") && en.contains("Social:"),
                "{}",
                q.id
            );
        }
    }
    let labels = &sev().scales["focus"].labels;
    let (first, last) = (&labels[0], &labels[labels.len() - 1]);
    assert!(first.nl.contains("vastgoed") && last.nl.contains("sociaal"));
    assert!(first.en.as_deref().unwrap().contains("real estate"));
    assert!(last.en.as_deref().unwrap().contains("social"));
    // The middle point means both equally.
    assert!(labels[labels.len() / 2].nl.contains("evenveel"));
}

#[test]
fn beheerder_and_huismeester_have_distinct_english_names() {
    // 1.0 called both "caretaker" while they loaded in opposite directions.
    for (_, q) in sev().questions() {
        let en = q.text.en.as_deref().unwrap();
        if en.contains("caretaker") {
            assert!(
                en.contains("estate caretaker") || en.contains("resident caretaker"),
                "{}",
                q.id
            );
        }
    }
    let en = |id: &str| sev().question(id).unwrap().text.en.clone().unwrap();
    assert!(en("beheerder").contains("estate caretaker"));
    assert!(en("huismeester").contains("resident caretaker"));
}

#[test]
fn the_instructions_cover_ambition_and_the_woningwet() {
    let d = sev().description.as_ref().unwrap();
    let en = d.en.as_deref().unwrap();
    assert!(d.nl.contains("ambitiebepaling") && d.nl.contains("horizon"));
    assert!(en.contains("ambition assessment") && en.contains("horizon"));
    assert!(d.nl.contains("Woningwet 2015") && d.nl.contains("prestatieafspraken"));
    assert!(en.contains("2015") && en.contains("performance agreements"));
}

// --- Reading the axes ------------------------------------------------------------------

#[test]
fn doing_more_of_a_rung_never_moves_x() {
    // The issue with 1.0: not doing building-type work counted as social. Now a ladder
    // answer only moves y, whatever the focus answers are.
    let base = Respondent::new(1, 2);
    let x0 = base.position().x;
    for id in ladder_sections() {
        for q in &section(id).questions {
            let p = base.clone().set(&[&q.id], 6).position();
            assert!((p.x - x0).abs() < 1e-9, "{}", q.id);
            assert!(p.y > 0.0, "{}", q.id);
        }
    }
}

#[test]
fn an_unanswerable_focus_question_is_left_out_not_counted_as_a_pole() {
    // A respondent whose residents never asked for a meeting place answers n.v.t.; the
    // focus of the voorzieningen rung then rests on its other two questions.
    let all_people = Respondent::new(3, 5);
    let nvt = all_people.clone().unknown(&["ontmoeting"]);
    assert!(nvt.is_reliable());
    assert!((nvt.position().x - 100.0).abs() < 1e-9);
    // Two of three n.v.t. in one rung is too little to know that rung's focus.
    assert!(
        !all_people
            .unknown(&["ontmoeting", "zorgvraag"])
            .is_reliable()
    );
}

#[test]
fn the_ladder_reading_holds() {
    // All voorzieningen work everywhere and nothing more: y = 1/3, voorzieningen rung.
    let vz = Respondent::new(1, 3).section("voorzieningen", 6);
    assert!((vz.position().y - 100.0 / 3.0).abs() < 1e-9);
    assert!(vz.region().starts_with("voorzieningen"));
    // Voorzieningen and wijkregie: y = 2/3, wijkregisseur rung.
    let wr = vz.section("wijkregie", 6);
    assert!((wr.position().y - 200.0 / 3.0).abs() < 1e-9);
    assert!(wr.region().starts_with("wijkregisseur"));
    // Everything: y = 100, emancipatie rung.
    let all = Respondent::new(6, 3);
    assert_eq!(all.position().y, 100.0);
    assert!(all.region().starts_with("emancipatie"));
    // Nothing beyond letting: y = 0, verhuurder rung.
    let core = Respondent::new(1, 3);
    assert_eq!(core.position().y, 0.0);
    assert!(core.region().starts_with("verhuurder"));
}

/// Asserts that a respondent lands within 10 points of a corner.
fn assert_near(r: &Respondent, corner: (f64, f64)) {
    let p = r.position();
    r.score();
    assert!(r.is_reliable());
    assert!(
        (p.x - corner.0).abs() <= 10.0 && (p.y - corner.1).abs() <= 10.0,
        "({:.1}, {:.1}) is not near {corner:?}",
        p.x,
        p.y
    );
}

#[test]
fn the_four_corners_are_reachable() {
    // Bottom left: nothing beyond letting, every focus answer "almost only real estate".
    assert_near(&Respondent::new(1, 1), (0.0, 0.0));
    // Bottom right: nothing beyond letting, every focus answer "almost only social".
    assert_near(&Respondent::new(1, 5), (100.0, 0.0));
    // Top left: every rung practised in (nearly) all neighbourhoods, all effort on bricks.
    assert_near(&Respondent::new(6, 1), (0.0, 100.0));
    // Top right: every rung everywhere, all effort on people.
    assert_near(&Respondent::new(6, 5), (100.0, 100.0));
}

#[test]
fn answering_3_everywhere_is_not_on_a_corner_of_four_regions() {
    // 3 on the focus scale means "both equally" (x = 50, on the accent boundary, as it
    // should be); 3 on the six-point extent scale is "a few neighbourhoods" (y = 40).
    let p = Respondent::new(3, 3).position();
    assert_eq!(p.x, 50.0);
    assert!((p.y - 40.0).abs() < 1e-9);
    for corner_y in [25.0, 50.0, 75.0] {
        assert!((p.y - corner_y).abs() >= 5.0, "{p:?}");
    }
}

// --- One plausible corporation per region ----------------------------------------------

#[test]
fn reach_verhuurder_vastgoed() {
    // A classic landlord. Beyond the home: huismeesters in a few neighbourhoods; one
    // meeting room, one care complex and one wijkoverleg; nothing else. Its effort leans
    // to the bricks: beheerders keep estates clean, intact and safe, arrears go through
    // the collection procedure, overlast is met with lighting and locks, contracting is
    // price and quality; for tenants who need care it adapts the home and calls in care
    // equally. No resident asked for a meeting place (n.v.t.).
    let r = Respondent::new(1, 2)
        .set(&["huismeester"], 3)
        .set(&["ontmoetingsruimte", "wijkoverleg", "wonen-met-zorg"], 2)
        .set(
            &["beheerder", "huurachterstand", "overlast", "aanbesteding"],
            1,
        )
        .set(&["zorgvraag"], 3)
        .unknown(&["ontmoeting"]);
    assert_eq!(r.plausible_region(), "verhuurder-vastgoed");
}

#[test]
fn reach_verhuurder_sociaal() {
    // A landlord close to its tenants. Beyond the home: a huismeester and a care complex
    // in one neighbourhood each, supported tenants and a wijkoverleg in a few; nothing
    // else. Its effort leans to people: arrears always start with personal contact and a
    // new tenant with a welcome visit; only contracting and its talks with the gemeente
    // lean to the bricks.
    let r = Respondent::new(1, 4)
        .set(&["huismeester", "wonen-met-zorg"], 2)
        .set(&["begeleid-wonen", "wijkoverleg"], 3)
        .set(&["huurachterstand", "nieuwe-huurder"], 5)
        .set(&["aanbesteding", "inbreng"], 2);
    assert_eq!(r.plausible_region(), "verhuurder-sociaal");
}

#[test]
fn reach_voorzieningen_vastgoed() {
    // A builder of brede scholen, health centres and care complexes: social real estate
    // and housing with care in nearly all neighbourhoods, meeting rooms and huismeesters
    // in more than half, supported tenants in a quarter to half, no klussendienst. It sits
    // in the wijkoverleg and a casusoverleg in a quarter to half of its neighbourhoods,
    // has a buurtbeheerder in one, leaves the chair to the gemeente; no emancipatie work.
    // When tenants need care it adapts or offers a home, a meeting place is a room, a
    // declining buurt gets maintenance first and at the gemeente's table it talks about
    // homes; its beheerders and its care for vulnerable newcomers are both equally.
    let r = Respondent::new(1, 2)
        .set(&["maatschappelijk-vastgoed", "wonen-met-zorg"], 6)
        .set(&["ontmoetingsruimte", "huismeester"], 5)
        .set(&["begeleid-wonen"], 4)
        .set(&["wijkoverleg", "overlastaanpak"], 4)
        .set(&["buurtbeheer"], 2)
        .set(&["zorgvraag", "ontmoeting", "achteruitgang", "inbreng"], 1)
        .set(&["beheerder", "kwetsbare-huurder"], 3);
    assert_eq!(r.plausible_region(), "voorzieningen-vastgoed");
}

#[test]
fn reach_voorzieningen_sociaal() {
    // Services beyond the home: huismeesters, supported tenants and a klussendienst in
    // nearly all neighbourhoods, meeting rooms and housing with care in more than half,
    // social real estate in one. A buurtbeheerder, a wijkoverleg and a casusoverleg in a
    // few neighbourhoods; no emancipatie work. Its effort leans to people, with care needs
    // and vulnerable tenants almost only; contracting and its talks with the gemeente lean
    // to the bricks.
    let r = Respondent::new(1, 4)
        .set(&["huismeester", "begeleid-wonen", "diensten"], 6)
        .set(&["ontmoetingsruimte", "wonen-met-zorg"], 5)
        .set(&["maatschappelijk-vastgoed"], 2)
        .set(&["wijkoverleg", "buurtbeheer", "overlastaanpak"], 3)
        .set(&["zorgvraag", "kwetsbare-huurder"], 5)
        .set(&["aanbesteding", "inbreng"], 2);
    assert_eq!(r.plausible_region(), "voorzieningen-sociaal");
}

#[test]
fn reach_wijkregisseur_vastgoed() {
    // Leads the physical restructuring of its neighbourhoods: buurtbeheer, wijkoverleg
    // (chaired by itself), a wijkplan and a casusoverleg in nearly all of them, residents'
    // budgets in a few. Social real estate and housing with care in nearly all, meeting
    // rooms and huismeesters in more than half, services and supported tenants in a
    // quarter to half. Of the emancipatie rung only Koopgarant in a few neighbourhoods and
    // social return in one. At the wijkregie rung its effort is almost only bricks (new
    // building, demolition and renovation, lighting and entrances); elsewhere it leans to
    // the bricks, with care needs and new tenants both equally.
    let r = Respondent::new(5, 2)
        .section("wijkregie", 6)
        .set(&["buurtbudget"], 3)
        .set(&["maatschappelijk-vastgoed", "wonen-met-zorg"], 6)
        .set(&["diensten", "begeleid-wonen"], 4)
        .section("emancipatie", 1)
        .set(&["koopgarant"], 3)
        .set(&["social-return"], 2)
        .section("focus-wijkregie", 1)
        .set(&["zorgvraag", "nieuwe-huurder"], 3);
    assert_eq!(r.plausible_region(), "wijkregisseur-vastgoed");
}

#[test]
fn reach_wijkregisseur_sociaal() {
    // Leads the social approach: buurtbeheer, wijkoverleg (chaired by itself), a wijkplan,
    // a casusoverleg on overlast and residents' budgets in nearly all neighbourhoods;
    // facilities in more than half, social real estate and services in a few.
    // Leerwerkplekken and Achter de voordeur in a few neighbourhoods, nothing else of the
    // emancipatie rung. At the wijkregie rung its effort is almost only with people;
    // elsewhere it leans to people, except beheerders' time and contracting, which lean to
    // the bricks.
    let r = Respondent::new(5, 4)
        .section("wijkregie", 6)
        .section("focus-wijkregie", 5)
        .set(&["maatschappelijk-vastgoed", "diensten"], 3)
        .section("emancipatie", 1)
        .set(&["leerwerkplekken", "achter-de-voordeur"], 3)
        .set(&["beheerder", "aanbesteding"], 2);
    assert_eq!(r.plausible_region(), "wijkregisseur-sociaal");
}

#[test]
fn reach_emancipatie_vastgoed() {
    // Uses its buildings for residents' prospects: Koopgarant and cheap business premises
    // in nearly all neighbourhoods, leerwerkplekken and social return in more than half, a
    // foyer and Achter de voordeur in a few. Beneath that: social real estate, housing with
    // care and wijkplannen in nearly all neighbourhoods, the other facilities and
    // neighbourhood work in more than half. At the emancipatie and wijkregie rungs its
    // effort is almost only bricks (a cheaper home or ownership, price and quality, the
    // restructuring); elsewhere it leans to the bricks, with new tenants and care needs
    // both equally.
    let r = Respondent::new(5, 2)
        .set(
            &["maatschappelijk-vastgoed", "wonen-met-zorg", "wijkplan"],
            6,
        )
        .set(&["koopgarant", "bedrijfsruimte"], 6)
        .set(&["woonfoyer", "achter-de-voordeur"], 3)
        .set(&["leerwerkplekken", "social-return"], 5)
        .section("focus-emancipatie", 1)
        .section("focus-wijkregie", 1)
        .set(&["nieuwe-huurder", "zorgvraag"], 3);
    assert_eq!(r.plausible_region(), "emancipatie-vastgoed");
}

#[test]
fn reach_emancipatie_sociaal() {
    // Invests in people: leerwerkplekken, social return and Achter de voordeur in nearly
    // all neighbourhoods, Koopgarant and starters' premises in a quarter to half, a foyer
    // in a few; beneath that, all neighbourhood work in nearly all neighbourhoods and
    // facilities in more than half. Its effort leans to people, at the emancipatie rung
    // almost only, but contracting weighs price and social return equally. This
    // respondent, a woonconsulent, does not know what the board discusses nor how
    // vulnerable newcomers were received (weet niet), which the coverage rule allows.
    let r = Respondent::new(5, 4)
        .section("wijkregie", 6)
        .set(
            &["leerwerkplekken", "social-return", "achter-de-voordeur"],
            6,
        )
        .set(&["koopgarant", "bedrijfsruimte"], 4)
        .set(&["woonfoyer"], 3)
        .section("focus-emancipatie", 5)
        .set(&["aanbesteding"], 3)
        .unknown(&["wijk-in-bestuur", "kwetsbare-huurder"]);
    assert_eq!(r.plausible_region(), "emancipatie-sociaal");
}

// --- The examples ----------------------------------------------------------------------
//
// These checks read `assessments/examples`. Portaal's files are one reading of an article,
// with most answers "unknown" and unreliable positions, so the checks of the fictitious
// examples leave the `portaal` folder out; Portaal has checks of its own.

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assessments/examples");

/// Every assessment under `dir` whose folder is not skipped, parsed and scored, in file
/// name order.
fn scores_under(dir: &std::path::Path, skip: &[&str]) -> Vec<(String, Score)> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !skip.iter().any(|s| path.ends_with(s)) {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "toml")
                // A register beside the assessments is no respondent (tests/register.rs).
                && !std::fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .any(|l| l.trim() == "[register]")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let assessment = Assessment::parse(&koers::Source::new(&name, &text))
                .unwrap_or_else(|e| panic!("{e}"));
            let instrument = builtin::instrument(&assessment.instrument).unwrap();
            let warnings = instrument
                .check(&assessment)
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            (name, instrument.score(&assessment).unwrap())
        })
        .collect()
}

/// Every example assessment except Portaal's (see above).
fn example_scores() -> Vec<(String, Score)> {
    scores_under(std::path::Path::new(EXAMPLES), &["portaal"])
}

fn groups() -> Vec<koers::Group> {
    let scores: Vec<Score> = example_scores().into_iter().map(|(_, s)| s).collect();
    koers::aggregate(&scores, koers::GroupBy::Organisation, &sev().matrix)
}

/// The one group of an organisation that has a single kind and date.
fn group_of<'a>(groups: &'a [koers::Group], id: &str) -> &'a koers::Group {
    let mut found = groups.iter().filter(|g| g.organisation.id == id);
    let group = found.next().unwrap_or_else(|| panic!("no group {id}"));
    assert!(found.next().is_none(), "{id} has more than one group");
    group
}

/// The organisations whose files name their expected region, with that region.
fn expected_regions() -> BTreeMap<String, String> {
    let mut expected = BTreeMap::new();
    for (name, score) in example_scores() {
        let text = std::fs::read_to_string(&name).unwrap();
        if let Some(region) = text
            .lines()
            .find_map(|l| l.strip_prefix("# Expected region: "))
        {
            let previous =
                expected.insert(score.organisation.key().to_string(), region.to_string());
            assert!(
                previous.is_none_or(|p| p == region),
                "{name}: its respondents name different regions"
            );
        }
    }
    expected
}

#[test]
fn the_examples_validate_and_land_in_at_least_six_regions() {
    let groups = groups();
    let regions: std::collections::BTreeSet<_> = groups
        .iter()
        .filter_map(|g| g.region.as_ref())
        .map(|r| r.id.clone())
        .collect();
    assert!(regions.len() >= 6, "only {regions:?}");
}

#[test]
fn each_profile_example_lands_in_the_region_its_story_names() {
    // The eight profile corporations say "# Expected region: <id>" in every file's header;
    // their organisation's mean position must land there, one corporation per region.
    let groups = groups();
    let expected = expected_regions();
    assert_eq!(expected.len(), 8, "{expected:?}");
    let regions: std::collections::BTreeSet<_> = expected.values().collect();
    assert_eq!(regions.len(), 8, "two corporations share a region");
    for (id, region) in &expected {
        let group = group_of(&groups, id);
        assert_eq!(&group.region.as_ref().unwrap().id, region, "{id}");
    }
}

#[test]
fn the_region_examples_are_reliable_and_certain_with_three_or_four_respondents() {
    // Each of the eight stories should hold up: every respondent reliable under method 2,
    // and the 95 % interval of the mean inside the region that the story names.
    let groups = groups();
    for id in expected_regions().keys() {
        let group = group_of(&groups, id);
        assert!((3..=4).contains(&group.respondents), "{id}");
        assert!(group.reliable, "{id}");
        assert!(group.excluded.is_empty(), "{id}: {:?}", group.excluded);
        assert_eq!(group.fixed, Some(true), "{id}: {:?}", group.stats);
    }
}

#[test]
fn the_region_examples_answer_unknown_only_within_the_coverage_rule() {
    // Staff who do not know a head-office matter say so, but never so often that their
    // own position becomes unreliable; and the respondents are not copies of each other.
    let scores = example_scores();
    for id in expected_regions().keys() {
        let mine: Vec<&Score> = scores
            .iter()
            .map(|(_, s)| s)
            .filter(|s| s.organisation.key() == id)
            .collect();
        assert!(mine.iter().all(|s| s.is_reliable()), "{id}");
        assert!(
            mine.iter()
                .any(|s| s.x.coverage < 1.0 || s.y.coverage < 1.0),
            "{id}: nobody answered unknown"
        );
        let answers: std::collections::BTreeSet<String> = mine
            .iter()
            .map(|s| {
                let answers: Vec<_> = s.questions.iter().map(|q| &q.answer).collect();
                format!("{answers:?}")
            })
            .collect();
        assert_eq!(answers.len(), mine.len(), "{id}: identical respondents");
    }
}

#[test]
fn the_trajectories_move_the_way_their_stories_say() {
    let groups = groups();
    // Lingehof climbs from landlord to wijkregisseur, and towards sociaal, at every step.
    let lingehof = koers::trajectory(&groups, "lingehof");
    assert_eq!(lingehof.len(), 3);
    let rungs: Vec<&str> = lingehof
        .iter()
        .map(|g| g.region.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(
        rungs,
        [
            "verhuurder-vastgoed",
            "voorzieningen-vastgoed",
            "wijkregisseur-sociaal"
        ]
    );
    for step in lingehof.windows(2) {
        let (a, b) = (step[0].position.unwrap(), step[1].position.unwrap());
        assert!(
            b.y > a.y && b.x > a.x,
            "{} -> {}",
            step[0].date,
            step[1].date
        );
    }
    // Its ambition, made in 2009, lies beyond its latest position on both axes.
    let ambition = groups
        .iter()
        .find(|g| g.organisation.id == "lingehof" && g.kind == Kind::Ambition)
        .unwrap();
    let last = lingehof.last().unwrap();
    assert_eq!(ambition.date, last.date);
    let (want, now) = (ambition.position.unwrap(), last.position.unwrap());
    assert!(want.y > now.y && want.x > now.x);
    assert!(lingehof.iter().all(|g| g.reliable) && ambition.reliable);
}

#[test]
fn every_numeric_portaal_answer_quotes_the_article() {
    // The Portaal files are a reading of a published article: every number rests on a
    // passage quoted (in Dutch, in quotation marks) in the comment block just above it.
    let portaal = std::path::Path::new(EXAMPLES).join("portaal");
    let mut files: Vec<_> = std::fs::read_dir(&portaal)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let answers = text.split("[answers]").nth(1).unwrap();
        let mut comment = String::new();
        let mut numeric = 0;
        for line in answers.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix('#') {
                comment.push_str(rest);
                continue;
            }
            if let Some((id, value)) = line.split_once(" = ") {
                if value.trim().parse::<i64>().is_ok() {
                    numeric += 1;
                    assert!(
                        comment.matches('"').count() >= 2,
                        "{}: `{id}` has no quoted passage above it",
                        file.display()
                    );
                } else {
                    // Written out as the respondent would say it (version 2.1's files).
                    assert!(
                        ["unknown", "weet niet", "n.v.t."]
                            .iter()
                            .any(|word| value.contains(word)),
                        "{}: `{id}`",
                        file.display()
                    );
                }
            }
            comment.clear();
        }
        assert!(numeric > 0, "{}", file.display());
    }
}

#[test]
fn the_article_says_too_little_for_a_reliable_portaal_position() {
    // Where the article is silent the answer is "unknown"; so few questions are answered
    // that all three positions are unreliable, and say so, rather than filled in.
    let portaal = std::path::Path::new(EXAMPLES).join("portaal");
    let scores: Vec<Score> = scores_under(&portaal, &[])
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(scores.len(), 3);
    for s in &scores {
        assert!(
            !s.is_reliable(),
            "{} {}: {:?}",
            s.organisation.name,
            s.assessment.date,
            s.position
        );
    }
    // Under 2.1 the 2007 file answers no focus question at all: x, and so the position,
    // stays empty rather than guessed.
    let end_2007 = scores
        .iter()
        .find(|s| s.assessment.kind == Kind::Current && s.assessment.date.year() == 2007)
        .unwrap();
    assert_eq!((end_2007.x.score, end_2007.position), (None, None));
    // The Bod describes more than the 2007 practice does.
    let answered = |s: &Score| {
        s.questions
            .iter()
            .filter(|q| q.normalized.is_some())
            .count()
    };
    let bod = scores
        .iter()
        .find(|s| s.assessment.kind == Kind::Ambition)
        .unwrap();
    let end = scores
        .iter()
        .find(|s| s.assessment.kind == Kind::Current && s.assessment.date.year() == 2007)
        .unwrap();
    assert!(answered(bod) > answered(end));
}

#[test]
fn groenstede_managers_see_more_of_the_ladder_than_the_field() {
    let scores: Vec<Score> = example_scores()
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.organisation.key() == "groenstede")
        .collect();
    assert_eq!(scores.len(), 13);
    assert!(scores.iter().all(|s| s.is_reliable()));
    let by_role = koers::aggregate(&scores, koers::GroupBy::Role, &sev().matrix);
    let roles: Vec<&str> = by_role.iter().map(|g| g.role.as_deref().unwrap()).collect();
    assert_eq!(roles.len(), 4, "{roles:?}");
    let position = |role: &str| {
        by_role
            .iter()
            .find(|g| g.role.as_deref() == Some(role))
            .unwrap()
            .position
            .unwrap()
    };
    let y = |role: &str| position(role).y;
    assert!(y("manager") > y("woonconsulent") && y("woonconsulent") > y("beheerder"));
    // The managers also see more of the effort going to people than the beheerders.
    assert!(position("manager").x > position("beheerder").x);
}

#[test]
fn het_veerhuis_leaves_out_the_respondent_who_did_not_know_a_whole_rung() {
    // A woonconsulent who started in January answered "weet niet" to all six emancipatie
    // ladder questions: her own position is unreliable, so the group leaves her out, says
    // why, and rests on the other three.
    let groups = groups();
    let group = group_of(&groups, "het-veerhuis");
    assert_eq!(group.respondents, 4);
    assert!(group.reliable);
    assert_eq!(group.excluded.len(), 1, "{:?}", group.excluded);
    let excluded = &group.excluded[0];
    assert_eq!(excluded.respondent.as_deref(), Some("r4"));
    assert_eq!(excluded.role.as_deref(), Some("woonconsulent"));
    assert_eq!(excluded.shortfalls.len(), 1, "{:?}", excluded.shortfalls);
    let shortfall = &excluded.shortfalls[0];
    assert_eq!(shortfall.section, "emancipatie");
    assert_eq!(shortfall.axis, koers::AxisName::Y);
    assert_eq!(shortfall.coverage, 0.0);
    // Every figure uses the three who count.
    assert_eq!(group.points.len(), 3);
    assert_eq!(group.stats.y.unwrap().n, 3);
    assert_eq!(group.region.as_ref().unwrap().id, "voorzieningen-sociaal");
}

#[test]
fn de_linde_is_reliable_but_its_region_is_uncertain() {
    // Five staff who disagree whether De Linde leads in its wijkteams: the mean lies just
    // above y = 50 and the 95 % interval of y reaches below it.
    let groups = groups();
    let group = group_of(&groups, "de-linde");
    assert!(group.respondents >= 3);
    assert!(group.reliable && group.excluded.is_empty());
    assert_eq!(group.fixed, Some(false));
    let y = group.stats.y.unwrap();
    let koers::Interval { low, high } = y.interval.unwrap();
    assert!(low < 50.0 && 50.0 < y.mean && y.mean < high, "{y:?}");
    // Only the ladder is in doubt: the interval of x stays in the social accent.
    assert!(group.stats.x.unwrap().interval.unwrap().low > 50.0);
}

/// The built-in files are embedded from `crates/koers/data/` (so that the packaged crate
/// builds on its own) and shown to people in `assessments/`: the two copies must not drift.
#[test]
fn the_embedded_files_equal_the_ones_in_assessments() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, embedded) in [
        ("sev.toml", builtin::SEV_INSTRUMENT_TOML),
        ("sev-2.0.toml", builtin::SEV_2_0_INSTRUMENT_TOML),
        ("sev-matrix.toml", builtin::SEV_MATRIX_TOML),
    ] {
        let shown = std::fs::read_to_string(root.join("assessments").join(name)).unwrap();
        assert!(
            shown == embedded,
            "assessments/{name} differs from crates/koers/data/{name}: copy the one you changed over the other"
        );
    }
}
