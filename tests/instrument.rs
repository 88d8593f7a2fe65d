//! The built-in SEV instrument: its shape, the ladder reading, and that every region of
//! the matrix can be reached by a plausible corporation.

use koers::{
    Answer, Assessment, AssessmentInfo, Date, Instrument, Kind, Organisation, Score, builtin,
};
use std::collections::BTreeMap;

fn sev() -> &'static Instrument {
    builtin::instrument("sev").unwrap()
}

const KERN_VASTGOED: &[&str] = &[
    "nieuwbouw",
    "verhuurprestaties",
    "onderhoud",
    "schoon-heel-veilig",
    "energie",
    "huurbeleid",
];
const KERN_SOCIAAL: &[&str] = &["huisbezoek", "huurachterstand"];
const VOORZIENINGEN: &[&str] = &[
    "maatschappelijk-vastgoed",
    "wonen-met-zorg",
    "ontmoetingsruimte",
    "huismeester",
    "kwetsbare-huurders",
    "diensten",
];
const WIJKREGIE: &[&str] = &[
    "wijkvisie",
    "herstructurering",
    "buurtbeheer",
    "overlast",
    "bewonersparticipatie",
    "partneroverleg",
];
const EMANCIPATIE: &[&str] = &[
    "leren-werken",
    "werk",
    "achter-de-voordeur",
    "koopgarant",
    "bedrijfsruimte",
    "woonfoyer",
];

/// A corporation described by how much it does of each group of questions; questions
/// that the description does not name get `rest`. Higher-rung questions that work
/// through buildings (negative x loading) and those that work with people are told apart.
struct Profile {
    answers: BTreeMap<String, Answer>,
    rest: i64,
}

impl Profile {
    fn new(rest: i64) -> Self {
        Profile {
            answers: BTreeMap::new(),
            rest,
        }
    }

    fn set(mut self, ids: &[&str], value: i64) -> Self {
        for id in ids {
            self.answers.insert(id.to_string(), Answer::Point(value));
        }
        self
    }

    /// Sets the questions of a rung that load towards vastgoed (x < 0) to `bricks` and
    /// the others to `people`.
    fn rung(self, ids: &[&str], bricks: i64, people: i64) -> Self {
        let (b, p): (Vec<&str>, Vec<&str>) = ids
            .iter()
            .partition(|id| sev().question(id).unwrap().loading.x < 0.0);
        self.set(&b, bricks).set(&p, people)
    }

    fn score(self) -> Score {
        let mut answers = self.answers;
        for (_, q) in sev().questions() {
            answers
                .entry(q.id.clone())
                .or_insert(Answer::Point(self.rest));
        }
        let assessment = Assessment::new(
            "sev",
            Organisation {
                name: "Proef".into(),
                id: None,
            },
            AssessmentInfo {
                date: Date::new(2007, 5, 31).unwrap(),
                kind: Kind::Current,
                respondent: None,
                role: None,
            },
            answers,
        );
        sev().score(&assessment).unwrap()
    }
}

fn region(score: &Score) -> &str {
    &score
        .region
        .as_ref()
        .expect("a full answer set has a position")
        .id
}

#[test]
fn the_instrument_has_at_least_28_questions_in_dutch_and_english() {
    let questions: Vec<_> = sev().questions().collect();
    assert!(questions.len() >= 28, "{} questions", questions.len());
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
    assert_eq!(checked, sev().questions().count());
}

#[test]
fn the_ladder_reading_holds() {
    // All voorzieningen work fully and nothing more: y = 6/18 = 33, voorzieningen rung.
    let vz = Profile::new(1)
        .set(KERN_VASTGOED, 3)
        .set(VOORZIENINGEN, 5)
        .score();
    assert!((vz.y.score.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert!(region(&vz).starts_with("voorzieningen"));
    // Voorzieningen and wijkregie: y = 12/18 = 67, wijkregisseur rung.
    let wr = Profile::new(1)
        .set(VOORZIENINGEN, 5)
        .set(WIJKREGIE, 5)
        .score();
    assert!((wr.y.score.unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert!(region(&wr).starts_with("wijkregisseur"));
    // Everything: y = 100, emancipatie rung.
    let all = Profile::new(5).score();
    assert_eq!(all.y.score, Some(100.0));
    assert!(region(&all).starts_with("emancipatie"));
    // Only the core tasks: y = 0, verhuurder rung.
    let core = Profile::new(1).set(KERN_VASTGOED, 5).score();
    assert_eq!(core.y.score, Some(0.0));
}

#[test]
fn reach_verhuurder_vastgoed() {
    // A classic landlord: builds, maintains and measures everything, visits nobody,
    // and does nothing beyond the home.
    let s = Profile::new(1).set(KERN_VASTGOED, 5).score();
    assert_eq!(region(&s), "verhuurder-vastgoed");
}

#[test]
fn reach_verhuurder_sociaal() {
    // A landlord close to its tenants: modest building programme, home visits and debt
    // help everywhere, a caretaker here and there, nothing in the neighbourhood beyond.
    let s = Profile::new(1)
        .set(KERN_VASTGOED, 2)
        .set(KERN_SOCIAAL, 5)
        .set(&["huismeester", "kwetsbare-huurders"], 3)
        .score();
    assert_eq!(region(&s), "verhuurder-sociaal");
}

#[test]
fn reach_voorzieningen_vastgoed() {
    // A builder of brede scholen and care buildings with a strong building core, that
    // also offers caretakers and services in most places.
    let s = Profile::new(1)
        .set(KERN_VASTGOED, 5)
        .rung(VOORZIENINGEN, 5, 4)
        .score();
    assert_eq!(region(&s), "voorzieningen-vastgoed");
}

#[test]
fn reach_voorzieningen_sociaal() {
    // Services beyond the home: huismeesters, care for vulnerable tenants, home visits,
    // a moderate building programme.
    let s = Profile::new(1)
        .set(KERN_VASTGOED, 3)
        .set(KERN_SOCIAAL, 5)
        .rung(VOORZIENINGEN, 3, 5)
        .score();
    assert_eq!(region(&s), "voorzieningen-sociaal");
}

#[test]
fn reach_wijkregisseur_vastgoed() {
    // Leads the restructuring of its neighbourhoods: demolition and new building with the
    // partners, social real estate, buurtbeheer in most places, a building core at full
    // strength and no emancipation work.
    let s = Profile::new(1)
        .set(KERN_VASTGOED, 5)
        .rung(VOORZIENINGEN, 5, 4)
        .rung(WIJKREGIE, 5, 4)
        .set(&["wijkvisie", "partneroverleg"], 5)
        .score();
    assert_eq!(region(&s), "wijkregisseur-vastgoed");
}

#[test]
fn reach_wijkregisseur_sociaal() {
    // Leads the social approach: buurtbeheer, overlast, participatie everywhere, with
    // ordinary core tasks and a first step into leren en werken.
    let s = Profile::new(1)
        .set(KERN_VASTGOED, 3)
        .set(KERN_SOCIAAL, 5)
        .rung(VOORZIENINGEN, 3, 5)
        .rung(WIJKREGIE, 3, 5)
        .set(&["leren-werken"], 2)
        .score();
    assert_eq!(region(&s), "wijkregisseur-sociaal");
}

#[test]
fn reach_emancipatie_vastgoed() {
    // Uses its buildings for residents' prospects: Koopgarant, starters' premises, foyers,
    // on top of a full building and restructuring programme.
    let s = Profile::new(3)
        .set(KERN_VASTGOED, 5)
        .rung(VOORZIENINGEN, 5, 4)
        .rung(WIJKREGIE, 5, 4)
        .rung(EMANCIPATIE, 5, 3)
        .score();
    assert_eq!(region(&s), "emancipatie-vastgoed");
}

#[test]
fn reach_emancipatie_sociaal() {
    // Invests in people: leren en werken, Achter de voordeur, jobs, on top of strong
    // neighbourhood work; the building programme is ordinary.
    let s = Profile::new(3)
        .set(KERN_SOCIAAL, 5)
        .rung(VOORZIENINGEN, 4, 5)
        .rung(WIJKREGIE, 4, 5)
        .rung(EMANCIPATIE, 3, 5)
        .score();
    assert_eq!(region(&s), "emancipatie-sociaal");
}

/// Every example assessment in `assessments/examples`, parsed and scored.
fn example_scores() -> Vec<(String, Score)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assessments/examples");
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
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

fn groups() -> Vec<koers::Group> {
    let scores: Vec<Score> = example_scores().into_iter().map(|(_, s)| s).collect();
    koers::aggregate(&scores, koers::GroupBy::Organisation, &sev().matrix)
}

#[test]
fn the_examples_validate_and_land_in_at_least_six_regions() {
    let groups = groups();
    for g in &groups {
        eprintln!(
            "{:<14} {:<9} {} n={:<2} ({:5.1}, {:5.1}) {}",
            g.organisation.id,
            g.kind.to_string(),
            g.date,
            g.respondents,
            g.position.unwrap().x,
            g.position.unwrap().y,
            g.region.as_ref().unwrap().id
        );
    }
    let regions: std::collections::BTreeSet<_> = groups
        .iter()
        .filter_map(|g| g.region.as_ref())
        .map(|r| r.id.clone())
        .collect();
    assert!(regions.len() >= 6, "only {regions:?}");
}

#[test]
fn each_profile_example_lands_in_the_region_its_story_names() {
    // The eight profile corporations say "# Expected region: <id>" in their header; their
    // organisation's mean position must land there.
    let groups = groups();
    let mut checked = 0;
    for (name, score) in example_scores() {
        let text = std::fs::read_to_string(&name).unwrap();
        let Some(expected) = text
            .lines()
            .find_map(|l| l.strip_prefix("# Expected region: "))
        else {
            continue;
        };
        let group = groups
            .iter()
            .find(|g| g.organisation.id == score.organisation.key())
            .unwrap();
        assert_eq!(group.region.as_ref().unwrap().id, expected, "{name}");
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} files name their region");
}

#[test]
fn the_trajectories_move_the_way_their_stories_say() {
    let groups = groups();
    // Lingehof climbs from landlord to wijkregisseur, and towards sociaal, at every step.
    let lingehof = koers::trajectory(&groups, "lingehof");
    assert_eq!(lingehof.len(), 3);
    for step in lingehof.windows(2) {
        let (a, b) = (step[0].position.unwrap(), step[1].position.unwrap());
        assert!(
            b.y > a.y && b.x > a.x,
            "{} -> {}",
            step[0].date,
            step[1].date
        );
    }
    // Its ambition lies beyond its latest position on both axes.
    let ambition = groups
        .iter()
        .find(|g| g.organisation.id == "lingehof" && g.kind == Kind::Ambition)
        .unwrap();
    let last = lingehof.last().unwrap().position.unwrap();
    assert!(ambition.position.unwrap().y > last.y && ambition.position.unwrap().x > last.x);
    // Portaal: from 2006 to 2007 it moved up the ladder and towards sociaal ("een grote
    // stap voorwaarts"), and the Bod aims higher still.
    let portaal = koers::trajectory(&groups, "portaal");
    let (start, end) = (portaal[0].position.unwrap(), portaal[1].position.unwrap());
    assert!(end.y > start.y && end.x > start.x);
    let bod = groups
        .iter()
        .find(|g| g.organisation.id == "portaal" && g.kind == Kind::Ambition)
        .unwrap();
    assert!(bod.position.unwrap().y > end.y);
}

#[test]
fn groenstede_managers_see_the_organisation_as_more_social_than_the_field() {
    let scores: Vec<Score> = example_scores()
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.organisation.key() == "groenstede")
        .collect();
    assert!(scores.len() >= 12);
    let by_role = koers::aggregate(&scores, koers::GroupBy::Role, &sev().matrix);
    let roles: Vec<&str> = by_role.iter().map(|g| g.role.as_deref().unwrap()).collect();
    assert_eq!(roles.len(), 4, "{roles:?}");
    let y = |role: &str| {
        by_role
            .iter()
            .find(|g| g.role.as_deref() == Some(role))
            .unwrap()
            .position
            .unwrap()
            .y
    };
    assert!(y("manager") > y("woonconsulent") && y("woonconsulent") > y("beheerder"));
}
