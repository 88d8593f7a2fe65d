//! The register (method version 3, step 8), computed by hand: the counting rule, a
//! group's y from the register with x from its staff, and a position per wijk.

use koers::{
    Assessment, AxisName, AxisSource, CountStep, GroupBy, Register, Respondent, Source, WijkSource,
    aggregate, builtin, register_group, wijk_positions,
};

const VOORZIENINGEN: [&str; 10] = [
    "buurtgebouw",
    "zorggebouw",
    "jeugdgebouw",
    "ontmoetingsruimte",
    "wonen-met-zorg",
    "huismeester",
    "begeleid-wonen",
    "diensten",
    "bewonersactiviteiten",
    "ouderenadvies",
];
const WIJKREGIE: [&str; 6] = [
    "herstructurering",
    "gebiedsvisie",
    "gemengd-bezit",
    "wijkschouw",
    "buitenruimte",
    "buurtbeheerder",
];
const EMANCIPATIE: [&str; 10] = [
    "koopgarant",
    "klushuizen",
    "bedrijfsruimte",
    "jongerenfoyer",
    "werkhotel",
    "leerwerkplekken",
    "social-return",
    "voordeurbezoek",
    "vroegsignalering",
    "werkbegeleiding",
];
const FOCUS: [&str; 12] = [
    "beheerder",
    "nieuwe-huurder",
    "renovatie",
    "zorgvraag",
    "kwetsbare-huurder",
    "ontmoeting",
    "achteruitgang-inzet",
    "overlast",
    "inbreng",
    "perspectief",
    "ondernemen",
    "jongeren",
];

/// Four wijken. Voorzieningen: six practices in all four (100 %: point 6, v = 1), four in
/// two (50 %: point 4, v = 0.6): e₁ = (6 + 4 × 0.6) / 10 = 0.84. Wijkregie, six of ten
/// recorded: three in three wijken (75 %: point 5, v = 0.8), three in one (25 %: one wijk
/// but not under a quarter, so point 4, v = 0.6): e₂ = (3 × 0.8 + 3 × 0.6) / 6 = 0.7.
/// Emancipatie: two in one wijk (point 4, v = 0.6), eight nowhere (point 1, v = 0):
/// e₃ = 1.2 / 10 = 0.12. So a = (0.84, 0.7, 0.12), L = 2 and y = 25 × 2 + 25 × 0.12 / 0.5
/// = 56.
fn register_text() -> String {
    let mut text = String::from(
        "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\nid = \"de-dijk\"\n[register]\ndate = 2026-03-01\nround = \"2026-voorjaar\"\nsource = \"Wijkfactsheets 2025\"\n",
    );
    for (id, homes) in [("a", 1200), ("b", 800), ("c", 500), ("d", 300)] {
        text += &format!("[[wijken]]\nid = \"{id}\"\nname = \"Wijk {id}\"\nhomes = {homes}\n");
    }
    text += "[practices]\n";
    for (i, q) in VOORZIENINGEN.iter().enumerate() {
        let ran = if i < 6 {
            "[\"a\", \"b\", \"c\", \"d\"]"
        } else {
            "[\"a\", \"b\"]"
        };
        text += &format!("{q} = {ran}\n");
    }
    for (i, q) in WIJKREGIE.iter().enumerate() {
        let ran = if i < 3 {
            "[\"a\", \"b\", \"c\"]"
        } else {
            "[\"a\"]"
        };
        text += &format!("{q} = {ran}\n");
    }
    for (i, q) in EMANCIPATIE.iter().enumerate() {
        let ran = if i < 2 { "[\"a\"]" } else { "[]" };
        text += &format!("{q} = {ran}\n");
    }
    text
}

/// A respondent who answers every focus question with `focus` and every voorzieningen
/// question with 6 (their own view of the ladder), and names `werkgebied`.
fn respondent(code: &str, focus: i64, werkgebied: &str) -> Assessment {
    let mut text = format!(
        "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\nid = \"de-dijk\"\n[assessment]\ndate = 2026-04-01\nround = \"2026-voorjaar\"\nrespondent = \"{code}\"\nwerkgebied = [{werkgebied}]\n[answers]\n"
    );
    for q in FOCUS {
        text += &format!("{q} = {focus}\n");
    }
    for q in VOORZIENINGEN {
        text += &format!("{q} = 6\n");
    }
    Assessment::parse(&Source::new("r.toml", &text)).expect("a valid assessment")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_counting_rule_of_the_wijken_scale_is_the_one_stated() {
    // Ten wijken: c = 0..=10. c = 1 is 10 % (one wijk, under a quarter): 2; c = 2 is 20 %
    // (several, under a quarter): 3; 30–50 %: 4 (50 % itself too); 60–80 %: 5; 90 % on: 6.
    let answers: Vec<i64> = (0..=10)
        .map(|c| CountStep::answer(CountStep::WIJKEN, 1, c, 10))
        .collect();
    assert_eq!(answers, [1, 2, 3, 4, 4, 4, 5, 5, 5, 6, 6]);
    // One wijk of four is 25 %: a quarter, so 4, not 2. One of one is all: 6.
    assert_eq!(CountStep::answer(CountStep::WIJKEN, 1, 1, 4), 4);
    assert_eq!(CountStep::answer(CountStep::WIJKEN, 1, 1, 1), 6);
    // Two of nine is 22 %: under a quarter, several: 3.
    assert_eq!(CountStep::answer(CountStep::WIJKEN, 1, 2, 9), 3);
}

#[test]
fn a_group_with_a_register_takes_y_from_it_and_x_from_its_staff() {
    let sev = builtin::instrument("sev").unwrap();
    let register = Register::parse(&Source::new("register.toml", register_text())).unwrap();
    let scored = sev.score_register(&register).unwrap();
    let ladder = scored.ladder.as_ref().unwrap();
    for (got, want) in ladder.extents.iter().zip([0.84, 0.7, 0.12]) {
        assert!(close(*got, want), "{:?}", ladder.extents);
    }
    assert_eq!(ladder.level, 2);
    assert!(close(scored.score.unwrap(), 56.0), "{:?}", scored.score);
    assert!(scored.reliable, "every rung at least 60 % recorded");
    let point = |id: &str| scored.practices.iter().find(|p| p.id == id).unwrap().answer;
    assert_eq!(
        (
            point("buurtgebouw"),
            point("diensten"),
            point("herstructurering"),
            point("wijkschouw"),
            point("koopgarant"),
            point("werkhotel")
        ),
        (6, 4, 5, 4, 4, 1)
    );

    // Staff: x = 75, 75 and 100 (every focus answer 4, 4 and 5). Their ladder answers
    // cover only one rung, so without a register none is sufficiently answered.
    let members = [
        respondent("r1", 4, "\"a\", \"b\""),
        respondent("r2", 4, "\"a\""),
        respondent("r3", 5, "\"a\""),
    ];
    let scores: Vec<_> = members.iter().map(|a| sev.score(a).unwrap()).collect();
    assert!(scores.iter().all(|s| !s.is_reliable()));
    let groups = aggregate(&scores, GroupBy::Organisation, &sev.matrix);
    assert_eq!(groups.len(), 1);
    let group = &groups[0];
    assert!(koers::Register::pick(std::slice::from_ref(&scored), group).is_some());
    let respondents: Vec<Respondent> = group
        .members(&scores)
        .map(|(i, s)| Respondent::of_score(i, s, AxisName::Y))
        .collect();
    assert!(
        respondents.iter().all(|r| r.reliable),
        "x is sufficiently answered"
    );
    let with = register_group(group, &respondents, &scored, &sev.matrix);
    let position = with.group.position.unwrap();
    // x = (75 + 75 + 100) / 3; y = 56 from the register.
    assert!(close(position.x, 250.0 / 3.0), "{position:?}");
    assert!(close(position.y, 56.0), "{position:?}");
    assert_eq!(with.axes.x, AxisSource::Respondents);
    assert_eq!(with.axes.y, AxisSource::Register);
    assert_eq!(
        with.group.region.as_ref().map(|r| r.id.as_str()),
        Some("wijkregisseur-sociaal")
    );
    assert!(with.group.reliable && with.group.excluded.is_empty());
    // x: sd = 14.43, se = 8.33, t(0.9875, 2) = 6.205: [31.6, 100], which crosses 50, so the
    // region is open; y has no interval.
    let sd = with.group.stats.x.unwrap().sd.unwrap();
    assert!(close(sd, (625.0_f64 / 3.0).sqrt()), "{sd}");
    assert!(with.group.stats.y.is_none());
    assert_eq!(with.group.is_fixed(), Some(false));
    // The staff's own view: voorzieningen 1 (all answered 6) against 0.84; the rungs they
    // did not answer count 0 against 0.7 and 0.12.
    let diffs: Vec<f64> = with
        .perception
        .iter()
        .map(|p| p.difference.unwrap())
        .collect();
    for (got, want) in diffs.iter().zip([0.16, -0.7, -0.12]) {
        assert!(close(*got, want), "{diffs:?}");
    }
    // A register one year and a day before the group's date, of another round, does not
    // serve it.
    let old = register_text()
        .replace("2026-03-01", "2025-03-31")
        .replace("round = \"2026-voorjaar\"", "round = \"2025\"");
    let old = sev
        .score_register(&Register::parse(&Source::new("old.toml", &old)).unwrap())
        .unwrap();
    assert!(koers::Register::pick(std::slice::from_ref(&old), group).is_none());
}

#[test]
fn each_wijk_gets_the_ladder_rule_on_its_own_practices() {
    let sev = builtin::instrument("sev").unwrap();
    let register = Register::parse(&Source::new("register.toml", register_text())).unwrap();
    let scored = sev.score_register(&register).unwrap();
    let members = [
        respondent("r1", 4, "\"a\", \"b\""),
        respondent("r2", 4, "\"a\""),
        respondent("r3", 5, "\"a\""),
    ];
    let respondents: Vec<Respondent> = members
        .iter()
        .enumerate()
        .map(|(i, a)| Respondent::of_score(i, &sev.score(a).unwrap(), AxisName::Y))
        .collect();
    let wijken = wijk_positions(&scored, &respondents, Some(50.0), &sev.matrix);
    // A: every recorded voorzieningen and wijkregie practice ran there, two of ten
    // emancipatie ones: (1, 1, 0.2) → 50 + 25 × 0.2 / 0.5 = 60. B: (1, 0.5, 0) → 50.
    // C: (0.6, 0.5, 0) → 50. D: (0.6, 0, 0) → 25.
    let ys: Vec<f64> = wijken.iter().map(|w| w.position.unwrap().y).collect();
    for (got, want) in ys.iter().zip([60.0, 50.0, 50.0, 25.0]) {
        assert!(close(*got, want), "{ys:?}");
    }
    // Three respondents name A: its x is theirs; the others take the group's 50.
    assert_eq!(wijken[0].source, WijkSource::Werkgebied { n: 3 });
    assert!(close(wijken[0].position.unwrap().x, 250.0 / 3.0));
    assert_eq!(wijken[1].source, WijkSource::Organisation);
    assert!(close(wijken[1].position.unwrap().x, 50.0));
    assert_eq!(wijken[3].wijk.homes, 300);
}

#[test]
fn every_malformed_register_gets_a_located_error() {
    let sev = builtin::instrument("sev").unwrap();
    let base =
        "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[register]\ndate = 2026-03-01\n";
    let wijken = "[[wijken]]\nid = \"centrum\"\nname = \"Centrum\"\nhomes = 10\n";
    let cases: [(String, (usize, usize), &str); 6] = [
        (base.to_string(), (1, 1), "no wijken"),
        (
            format!("{base}{wijken}{wijken}"),
            (11, 6),
            "duplicate wijk id `centrum`",
        ),
        (
            format!("{base}[[wijken]]\nid = \"a\"\nname = \"A\"\nhomes = -3\n"),
            (9, 9),
            "homes -3",
        ),
        (
            format!("{base}[[wijken]]\nid = \"a\"\nname = \"A\"\nhomes = 2.5\n"),
            (9, 9),
            "homes 2.5",
        ),
        (
            format!("{base}{wijken}[practices]\nbuurtgebouw = [\"centum\"]\n"),
            (11, 16),
            "did you mean `centrum`?",
        ),
        (
            format!("{base}{wijken}[practices]\nbuurtgebouw = [\"centrum\", \"centrum\"]\n"),
            (11, 27),
            "named twice",
        ),
    ];
    for (text, (line, column), says) in cases {
        let invalid = Register::parse(&Source::new("r.toml", &text)).unwrap_err();
        let error = &invalid.errors[0];
        assert_eq!(
            (error.location().line, error.location().column),
            (line, column),
            "{error}"
        );
        assert!(error.to_string().contains(says), "{error}");
        assert_ne!(error.message_in(koers::Lang::Nl), error.message());
    }
    // Against the instrument: a misspelt practice and a focus question.
    let text = format!("{base}{wijken}[practices]\nbuurtgebouwen = []\nbeheerder = []\n");
    let register = Register::parse(&Source::new("r.toml", &text)).unwrap();
    let invalid = sev.score_register(&register).unwrap_err();
    let lines: Vec<String> = invalid.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("r.toml:11:1: unknown question `buurtgebouwen`"),
        "{lines:?}"
    );
    assert!(
        lines[0].ends_with("did you mean `buurtgebouw`?"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with(
            "r.toml:12:1: question `beheerder` in [practices] is not a ladder question"
        ),
        "{lines:?}"
    );
}

/// The ladder fixture (a 0–10 `mate` scale, three rungs of two questions) with `counting`.
fn custom(counting: &str) -> String {
    let text = include_str!("fixtures/ladder/instrument.toml");
    text.replace(
        "threshold = 0.5\n",
        &format!("threshold = 0.5\n{counting}\n"),
    )
}

#[test]
fn a_custom_instrument_states_its_counting_rule_in_data() {
    let register = |instrument: &koers::Instrument| {
        let text = "instrument = \"trap.toml\"\n[organisation]\nname = \"X\"\n[register]\ndate = 2026-03-01\n[[wijken]]\nid = \"a\"\nname = \"A\"\nhomes = 1\n[[wijken]]\nid = \"b\"\nname = \"B\"\nhomes = 1\n[practices]\nv1 = [\"a\"]\nv2 = []\n";
        instrument.score_register(&Register::parse(&Source::new("r.toml", text)).unwrap())
    };
    // Without a rule, a scale other than `wijken` cannot be counted.
    let plain = koers::Instrument::parse(&Source::new("trap.toml", custom(""))).unwrap();
    let invalid = register(&plain).unwrap_err();
    assert!(
        invalid.errors[0]
            .to_string()
            .contains("states no counting rule"),
        "{invalid}"
    );
    // One wijk: 5; half or more: 10. v1 ran in one of two (50 %): 10, v2 nowhere: 0, so
    // the voorzieningen rung has extent (1 + 0) / 2 = 0.5.
    let rule = "counting = [{ point = 5, wijken = 1 }, { point = 10, share = 0.5 }]";
    let instrument = koers::Instrument::parse(&Source::new("trap.toml", custom(rule))).unwrap();
    let scored = register(&instrument).unwrap();
    let answers: Vec<i64> = scored.practices.iter().map(|p| p.answer).collect();
    assert_eq!(answers, [10, 0]);
    assert!(close(scored.ladder.unwrap().extents[0], 0.5));
    // Every step that cannot be used is an error at its place.
    let bad = "counting = [{ point = 11, wijken = 1 }, { point = 3 }, { point = 4, share = 1.5 }, { point = 2, above = 0.5 }]";
    let invalid = koers::Instrument::parse(&Source::new("trap.toml", custom(bad))).unwrap_err();
    let messages: Vec<String> = invalid.errors.iter().map(|e| e.message()).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(
        messages[0].contains("point 11 is off the scale"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("point 3 has no condition"),
        "{messages:?}"
    );
    assert!(
        messages[2].contains("point 4 has a share outside 0–1"),
        "{messages:?}"
    );
    assert!(
        messages[3].contains("point 2 does not rise"),
        "{messages:?}"
    );
    assert!(invalid.errors.iter().all(|e| e.location().line == 12));
}
