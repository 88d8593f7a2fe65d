//! One test per kind of problem, each asserting the file, line and column of the message.

use koers::{Assessment, Error, Instrument, Matrix, Source, builtin};

fn assessment_errors(text: &str) -> Vec<String> {
    let source = Source::new("a.toml", text);
    let result = Assessment::parse(&source).and_then(|a| {
        let instrument = builtin::instrument("sev").unwrap();
        instrument.check(&a)
    });
    result
        .unwrap_err()
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect()
}

fn instrument_errors(text: &str) -> Vec<Error> {
    Instrument::parse(&Source::new("i.toml", text))
        .unwrap_err()
        .errors
}

fn matrix_errors(text: &str) -> Vec<Error> {
    Matrix::parse(&Source::new("m.toml", text))
        .unwrap_err()
        .errors
}

const HEAD: &str = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2007-05-31\n[answers]\n";

#[test]
fn a_syntax_error_points_at_the_character() {
    let errors = assessment_errors(&format!("{HEAD}beheerder = = 3\n"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("a.toml:7:13: "), "{}", errors[0]);
}

#[test]
fn a_misspelled_key_is_named_with_what_was_expected() {
    let errors = assessment_errors(&HEAD.replace("name =", "naam ="));
    // The misspelt key only: it is read as the key it stands for, which is therefore not
    // also missing (one problem, one message).
    assert_eq!(
        errors,
        ["a.toml:3:1: unknown field `naam`, expected `name` or `id`"],
    );
}

#[test]
fn a_missing_field_is_named() {
    let errors = assessment_errors(&HEAD.replace("date = 2007-05-31\n", ""));
    assert!(errors[0].contains("missing field `date`"), "{}", errors[0]);
    assert!(errors[0].starts_with("a.toml:4:1"), "{}", errors[0]);
}

#[test]
fn an_impossible_date_is_an_error_at_the_date() {
    let errors = assessment_errors(&HEAD.replace("2007-05-31", "\"2007-02-30\""));
    assert_eq!(
        errors,
        ["a.toml:5:8: `2007-02-30` is not a date: expected a date like 2007-05-31"]
    );
}

#[test]
fn an_unknown_question_suggests_the_closest_one() {
    let errors = assessment_errors(&format!("{HEAD}buurtbeheerdr = 3\n"));
    assert_eq!(
        errors,
        [
            "a.toml:7:1: unknown question `buurtbeheerdr` in [answers]; did you mean `buurtbeheerder`?"
        ]
    );
}

#[test]
fn an_answer_off_the_scale_says_the_scale() {
    let errors = assessment_errors(&format!("{HEAD}buurtbeheerder = 7\n"));
    assert_eq!(
        errors,
        [
            "a.toml:7:18: answer 7 to `buurtbeheerder` is off the scale: expected a whole number from 1 to 6 or \"unknown\""
        ]
    );
}

#[test]
fn an_answer_of_the_wrong_type_says_what_was_expected() {
    let errors = assessment_errors(&format!(
        "{HEAD}buurtbeheerder = 3.5\noverlast = \"vier\"\n"
    ));
    assert_eq!(
        errors,
        [
            "a.toml:7:18: answer 3.5 to `buurtbeheerder` has the wrong type: expected a whole number from 1 to 6 or \"unknown\"",
            "a.toml:8:12: answer \"vier\" to `overlast` has the wrong type: expected a whole number from 1 to 5 or \"unknown\"",
        ]
    );
}

#[test]
fn a_misspelt_answer_word_gets_the_nearest_word_and_is_not_also_unanswered() {
    let text =
        format!("{HEAD}buurtbeheerder = \"weet nie\"\noverlast = \"n.v.\"\nleergroep = \"vier\"\n");
    let assessment = Assessment::parse(&Source::new("a.toml", &text)).unwrap();
    let invalid = builtin::instrument("sev")
        .unwrap()
        .check(&assessment)
        .unwrap_err();
    let suggestions: Vec<Option<String>> = invalid.errors.iter().map(|e| e.suggestion()).collect();
    assert_eq!(
        suggestions,
        [
            Some("weet niet".to_string()),
            Some("n.v.t".to_string()),
            None
        ]
    );
    // The warning about unanswered questions does not name the three: each has its error.
    let [koers::Warning::Unanswered { questions, .. }] = invalid.warnings.as_slice() else {
        panic!("{:?}", invalid.warnings);
    };
    for id in ["buurtbeheerder", "overlast", "leergroep"] {
        assert!(!questions.iter().any(|q| q == id), "{id}: {questions:?}");
    }
}

#[test]
fn a_misspelt_header_key_is_reported_with_the_other_problems() {
    let text = "instrument = \"sev\"\n[organisation]\nname = \"T\"\nidd = \"t\"\n[assessment]\ndate = \"31-05-2026\"\nextra = 1\n[answers]\nbeheerdr = 4\n";
    let assessment = Assessment::parse_lenient(&Source::new("a.toml", text)).unwrap();
    let errors: Vec<String> = builtin::instrument("sev")
        .unwrap()
        .check(&assessment)
        .unwrap_err()
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "a.toml:4:1: unknown field `idd`, expected `name` or `id`",
            "a.toml:6:8: `31-05-2026` is not a date: expected a date like 2007-05-31",
            "a.toml:7:1: unknown field `extra`, expected one of `date`, `kind`, `round`, `respondent`, `role`, `source`, `horizon`, `werkgebied`",
            "a.toml:9:1: unknown question `beheerdr` in [answers]; did you mean `beheerder`?",
        ]
    );
    // Every key the header may have is known: a file with all of them reads cleanly.
    let all = "instrument = \"sev\"\n[organisation]\nname = \"T\"\nid = \"t\"\n[assessment]\ndate = 2026-05-31\nkind = \"current\"\nround = \"voorjaar\"\nrespondent = \"r1\"\nrole = \"manager\"\n[answers]\nbeheerder = 4\n";
    let assessment = Assessment::parse(&Source::new("b.toml", all)).unwrap();
    assert_eq!(assessment.assessment.role.as_deref(), Some("manager"));
    // The strict parse reports the misspelt key too, as serde did.
    let strict = Assessment::parse(&Source::new("a.toml", text)).unwrap_err();
    assert!(
        strict.errors[0]
            .to_string()
            .starts_with("a.toml:4:1: unknown field `idd`"),
        "{strict:?}"
    );
}

#[test]
fn every_problem_of_a_document_is_reported_in_order() {
    let errors = assessment_errors(&format!(
        "{HEAD}buurtbeheerder = 9\nbogus = 1\noverlast = true\n"
    ));
    assert_starts(
        &errors,
        &[
            "a.toml:7:18: answer 9",
            "a.toml:8:1: unknown question `bogus`",
            "a.toml:9:12: answer true",
        ],
    );
}

/// What the check of a leniently parsed SEV assessment finds, as `koers validate` reads
/// a file: header problems kept for the check, with the answers'.
fn lenient_check(text: &str) -> koers::Invalid {
    let assessment = Assessment::parse_lenient(&Source::new("a.toml", text)).unwrap();
    builtin::instrument("sev")
        .unwrap()
        .check(&assessment)
        .unwrap_err()
}

fn messages(invalid: &koers::Invalid) -> Vec<String> {
    invalid.errors.iter().map(|e| e.to_string()).collect()
}

/// Exactly one message per prefix, in order, each starting with its own.
fn assert_starts(errors: &[String], prefixes: &[&str]) {
    assert_eq!(errors.len(), prefixes.len(), "{errors:#?}");
    for (error, prefix) in errors.iter().zip(prefixes) {
        assert!(error.starts_with(prefix), "{prefix:?}: {errors:#?}");
    }
}

#[test]
fn a_number_too_large_hides_no_other_problem_and_is_not_also_unanswered() {
    let text = format!("{HEAD}beheerder = 99999999999999999999\nbuurtbeheerder = 9\n")
        .replace("[assessment]\n", "[assessment]\nextra = 1\n");
    let invalid = lenient_check(&text);
    let errors = messages(&invalid);
    assert_starts(
        &errors,
        &[
            "a.toml:5:1: unknown field `extra`",
            "a.toml:8:13: the number 99999999999999999999 is too large",
            "a.toml:9:18: answer 9",
        ],
    );
    // A misspelt id under such a number is reported as well, with the nearest id.
    let text = format!("{HEAD}beheerdr = 99999999999999999999\n");
    let typo = messages(&lenient_check(&text));
    assert!(
        typo.iter()
            .any(|e| e.starts_with("a.toml:7:1: unknown question `beheerdr`")),
        "{typo:#?}"
    );
    // `beheerder` has its error; the warning lists only the questions truly left open.
    let unanswered = invalid
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect::<String>();
    assert!(!unanswered.contains("beheerder"), "{unanswered}");
    assert!(
        unanswered.contains("45 of 47 questions not answered"),
        "{unanswered}"
    );
}

#[test]
fn a_missing_name_or_date_hides_no_problem_of_the_answers() {
    for (text, missing) in [
        (
            HEAD.replace("name = \"De Dijk\"\n", ""),
            "a.toml:2:1: missing field `name`",
        ),
        (
            HEAD.replace("date = 2007-05-31\n", ""),
            "a.toml:4:1: missing field `date`",
        ),
    ] {
        let text = format!("{text}beheerder = 9\nbogus = 1\n");
        let errors = messages(&lenient_check(&text));
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert!(errors[0].starts_with(missing), "{errors:#?}");
        assert!(errors[1].contains("answer 9 to `beheerder`"), "{errors:#?}");
        assert!(
            errors[2].contains("unknown question `bogus`"),
            "{errors:#?}"
        );
    }
}

const SCALE: &str = "[scales.s]\nmin = 1\nmax = 3\nunknown = false\nlabels = [{ nl = \"a\" }, { nl = \"b\" }, { nl = \"c\" }]\n";

/// An instrument with `questions` in its first section, and a last section whose question
/// loads on both axes, so that the instrument can place somebody whatever the test's
/// questions load on.
fn instrument_text(questions: &str) -> String {
    format!(
        "id = \"t\"\nversion = \"1\"\nmatrix = \"sev\"\ntitle = {{ nl = \"T\" }}\n{SCALE}[[sections]]\nid = \"s1\"\ntitle = {{ nl = \"S\" }}\nscored = false\n{questions}[[sections]]\nid = \"both\"\ntitle = {{ nl = \"B\" }}\n{}",
        question("both", "loading = { x = 1, y = 1 }\n")
    )
}

fn question(id: &str, extra: &str) -> String {
    format!(
        "[[sections.questions]]\nid = \"{id}\"\ntext = {{ nl = \"?\" }}\nscale = \"s\"\n{extra}"
    )
}

#[test]
fn unknown_is_refused_where_the_scale_does_not_allow_it() {
    let text = instrument_text(&question("q", "loading = { x = 1 }\n"));
    let instrument = Instrument::parse(&Source::new("i.toml", &text)).unwrap();
    let assessment = Assessment::parse(&Source::new(
        "a.toml",
        HEAD.replace("sev", "i.toml")
            .replace("[answers]\n", "[answers]\nq = \"unknown\"\n"),
    ))
    .unwrap();
    let errors = instrument.check(&assessment).unwrap_err().errors;
    assert_eq!(
        errors[0].to_string(),
        "a.toml:7:5: `q` does not accept \"unknown\": expected a whole number from 1 to 3"
    );
}

#[test]
fn a_duplicate_question_names_both_places() {
    let text = instrument_text(&format!(
        "{}{}",
        question("q", "loading = { x = 1 }\n"),
        question("q", "loading = { y = 1 }\n")
    ));
    let errors = instrument_errors(&text);
    assert_eq!(
        errors[0].to_string(),
        "i.toml:20:6: duplicate question id `q`; it was first defined at i.toml:15:6"
    );
}

#[test]
fn an_unknown_scale_lists_the_known_ones() {
    let text = instrument_text(
        &question("q", "loading = { x = 1 }\n").replace("scale = \"s\"", "scale = \"t\""),
    );
    let errors = instrument_errors(&text);
    assert_eq!(
        errors[0].to_string(),
        "i.toml:17:9: question `q` uses unknown scale `t`: expected one of `s`"
    );
}

#[test]
fn an_unknown_matrix_is_an_error_at_its_name() {
    let text =
        instrument_text(&question("q", "loading = { x = 1 }\n")).replace("\"sev\"", "\"sew\"");
    let errors = instrument_errors(&text);
    assert!(
        errors[0]
            .to_string()
            .starts_with("i.toml:3:10: unknown matrix `sew`"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_question_that_counts_nowhere_is_an_error() {
    let errors = instrument_errors(&instrument_text(&question("q", "")));
    assert_eq!(
        errors[0].to_string(),
        "i.toml:15:6: question `q` counts nowhere: give it a loading on x or y, or put it in a section with `scored = true`"
    );
}

#[test]
fn zero_negative_nan_infinite_and_absurd_weights_are_errors() {
    for (weight, shown) in [
        ("0", "0"),
        ("-1", "-1"),
        ("nan", "NaN"),
        ("inf", "inf"),
        (
            "1e300",
            "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        ),
    ] {
        let errors = instrument_errors(&instrument_text(&question(
            "q",
            &format!("loading = {{ x = 1 }}\nweight = {weight}\n"),
        )));
        assert_eq!(
            errors[0].to_string(),
            format!(
                "i.toml:19:10: weight {shown} of `q` is invalid: expected a number greater than 0 and at most 1000000"
            )
        );
    }
}

#[test]
fn an_infinite_or_absurd_loading_is_an_error() {
    for (value, shown) in [("inf", "inf"), ("nan", "NaN"), ("-2e3", "-2000")] {
        let loading = format!("loading = {{ x = {value} }}\n");
        let errors = instrument_errors(&instrument_text(&question("q", &loading)));
        assert_eq!(
            errors[0].to_string(),
            format!(
                "i.toml:18:11: loading {shown} of `q` on x is invalid: expected a number from -1000 to 1000"
            )
        );
    }
}

#[test]
fn a_band_that_runs_backwards_or_holds_nan_is_an_error_at_its_axis() {
    let tiling = region("all", "[0, 100]", "[0, 100]");
    for (range, shown) in [
        ("[60, 40]", "60 to 40"),
        ("[nan, 50]", "NaN to 50"),
        ("[0, 1e300]", "0 to 1"),
    ] {
        let text = matrix_text(&tiling).replace(
            "[y]\n",
            &format!("[y]\nbands = [{{ label = {{ nl = \"B\" }}, range = {range} }}]\n"),
        );
        let errors = matrix_errors(&text);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let message = errors[0].to_string();
        assert!(
            message.starts_with(&format!("m.toml:8:1: band `B` of axis y runs from {shown}")),
            "{message}"
        );
    }
}

#[test]
fn a_scale_with_too_few_labels_is_an_error() {
    let text =
        instrument_text(&question("q", "loading = { x = 1 }\n")).replace(", { nl = \"c\" }", "");
    let errors = instrument_errors(&text);
    assert_eq!(
        errors[0].to_string(),
        "i.toml:5:1: scale `s` is invalid: it has 2 labels: expected one label per point, 3 for 1 to 3"
    );
}

#[test]
fn all_problems_of_an_instrument_are_reported() {
    let text = instrument_text(&format!(
        "{}{}",
        question("q", ""),
        question("q", "weight = 0\nloading = { y = 1 }\n")
    ));
    let errors = instrument_errors(&text);
    let lines: Vec<usize> = errors.iter().map(|e| e.location().line).collect();
    assert_eq!(lines, [15, 19, 22], "{errors:#?}");
}

fn matrix_text(regions: &str) -> String {
    let axis = "label = { nl = \"A\" }\nlow = { nl = \"l\" }\nhigh = { nl = \"h\" }\n";
    format!(
        "id = \"m\"\ntitle = {{ nl = \"M\" }}\n[x]\nid = \"x\"\n{axis}[y]\nid = \"y\"\n{axis}{regions}"
    )
}

fn region(id: &str, x: &str, y: &str) -> String {
    format!(
        "[[regions]]\nid = \"{id}\"\nlabel = {{ nl = \"R\" }}\ndescription = {{ nl = \"D\" }}\nx = {x}\ny = {y}\n"
    )
}

#[test]
fn a_region_outside_the_axis_range_is_an_error() {
    let errors = matrix_errors(&matrix_text(&region("all", "[0, 120]", "[0, 100]")));
    assert_eq!(
        errors[0].to_string(),
        "m.toml:17:5: region `all` has x interval [0, 120): expected 0 <= low < high <= 100"
    );
}

#[test]
fn a_duplicate_region_is_an_error() {
    let text = matrix_text(&format!(
        "{}{}",
        region("r", "[0, 50]", "[0, 100]"),
        region("r", "[50, 100]", "[0, 100]")
    ));
    let errors = matrix_errors(&text);
    assert_eq!(
        errors[0].to_string(),
        "m.toml:20:6: duplicate region id `r`; it was first defined at m.toml:14:6"
    );
}

#[test]
fn gaps_and_overlaps_between_regions_are_errors() {
    let gap = matrix_errors(&matrix_text(&region("left", "[0, 50]", "[0, 100]")));
    assert_eq!(
        gap[0].to_string(),
        "m.toml:13:1: no region contains the point (75, 50): expected the regions to cover 0–100 × 0–100"
    );
    let overlap = matrix_errors(&matrix_text(&format!(
        "{}{}",
        region("a", "[0, 60]", "[0, 100]"),
        region("b", "[40, 100]", "[0, 100]")
    )));
    assert_eq!(
        overlap[0].to_string(),
        "m.toml:13:1: regions `a`, `b` overlap at (50, 50): expected every point in exactly one region"
    );
}

#[test]
fn a_valid_custom_matrix_parses() {
    let text = matrix_text(&format!(
        "{}{}",
        region("left", "[0, 50]", "[0, 100]"),
        region("right", "[50, 100]", "[0, 100]")
    ));
    let matrix = Matrix::parse(&Source::new("m.toml", &text)).unwrap();
    assert_eq!(
        matrix
            .region_at(koers::Point { x: 100.0, y: 100.0 })
            .unwrap()
            .id,
        "right"
    );
}

#[test]
fn a_name_of_invisible_characters_is_empty() {
    for name in ["\u{200B}", " \u{FEFF}\u{00AD} ", "\u{2060}\t"] {
        let text = HEAD.replace("De Dijk", name);
        let errors = assessment_errors(&text);
        assert_eq!(errors.len(), 1, "{name:?}");
        assert!(
            errors[0].starts_with("a.toml:3:8: the organisation's name is empty or invisible"),
            "{}",
            errors[0]
        );
    }
}

#[test]
fn an_instrument_without_questions_on_an_axis_is_an_error() {
    let empty = "id = \"e\"\nversion = \"1\"\nmatrix = \"sev\"\ntitle = { nl = \"Leeg\" }\nscales = {}\nsections = []\n";
    let errors: Vec<String> = instrument_errors(empty)
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "i.toml:1:1: no question loads on x: an instrument needs questions with a loading on x and on y",
            "i.toml:1:1: no question loads on y: an instrument needs questions with a loading on x and on y",
        ]
    );
}

/// The ladder instrument of the fixtures, with its `[ladder]` table replaced.
fn with_ladder(table: &str) -> String {
    let text = include_str!("fixtures/ladder/instrument.toml");
    let start = text.find("[ladder]").unwrap();
    let end = text.find("[scales.mate]").unwrap();
    format!("{}{table}\n\n{}", &text[..start], &text[end..])
}

fn ladder_problems(table: &str) -> Vec<(usize, usize, String)> {
    let text = with_ladder(table);
    instrument_errors(&text)
        .iter()
        .map(|e| {
            assert!(matches!(e, Error::InvalidLadder { .. }), "{e}");
            (e.location().line, e.location().column, e.message())
        })
        .collect()
}

#[test]
fn a_declared_ladder_is_read_with_its_default_threshold() {
    let text = with_ladder(
        "[ladder]\naxis = \"y\"\nrungs = [\"voorzieningen\", \"wijkregie\", \"emancipatie\"]",
    );
    let instrument = Instrument::parse(&Source::new("i.toml", &text)).unwrap();
    let ladder = instrument.ladder.unwrap();
    assert_eq!(ladder.axis, koers::AxisName::Y);
    assert_eq!(ladder.rungs, ["voorzieningen", "wijkregie", "emancipatie"]);
    assert_eq!(ladder.threshold, 0.5);
    // Without [ladder] an instrument has none.
    assert_eq!(builtin::instrument("sev@2.0").unwrap().ladder, None);
}

#[test]
fn every_problem_of_a_ladder_is_an_error_at_its_place() {
    // The [ladder] table starts on line 8 of the fixture.
    let problems = ladder_problems(
        "[ladder]\naxis = \"y\"\nrungs = [\"voorzieningen\", \"wijkregi\", \"voorzieningen\", \"focus\"]\nthreshold = 1",
    );
    let messages: Vec<&str> = problems.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown rung `wijkregi`: expected the id of a section; did you mean `wijkregie`?",
            "rung `voorzieningen` is named twice: expected each rung once",
            "rung `focus` has question `focus`, which loads on x: expected the questions of a rung to load on the ladder's axis only",
            "ladder threshold 1 is out of range: expected a number between 0 and 1 (not 0 or 1 itself)",
        ]
    );
    let places: Vec<(usize, usize)> = problems.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(places, [(10, 27), (10, 39), (10, 56), (11, 13)]);
    let axis = ladder_problems("[ladder]\naxis = \"z\"\nrungs = [\"wijkregie\"]");
    assert_eq!(
        axis,
        [(
            9,
            8,
            "unknown ladder axis `z`: expected `x` or `y`".to_string()
        )]
    );
    let empty = ladder_problems("[ladder]\naxis = \"y\"\nrungs = []\nthreshold = 0");
    assert_eq!(empty.len(), 2, "{empty:?}");
    // A rung without a question on the ladder's axis.
    let off = ladder_problems("[ladder]\naxis = \"x\"\nrungs = [\"focus\", \"wijkregie\"]");
    assert!(
        off[0]
            .2
            .contains("`wijkregie` has question `w1`, which loads on y"),
        "{off:?}"
    );
    // A section on the ladder's axis left out of the rungs.
    let missing =
        ladder_problems("[ladder]\naxis = \"y\"\nrungs = [\"voorzieningen\", \"wijkregie\"]");
    assert_eq!(
        missing,
        [(
            10,
            9,
            "section `emancipatie` loads on y but is not a rung: expected every section on the ladder's axis among the rungs".to_string()
        )]
    );
}

const AMBITION: &str = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\nkind = \"ambitie\"\nsource = \"Lezing van het jaarverslag, niet de eigen beoordeling\"\nhorizon = 2030\nwerkgebied = [\"centrum\", \"noord\"]\n[notes]\nbeheerder = \"Zo staat het in het jaarverslag.\"\n[answers]\nbeheerder = 4\n";

#[test]
fn source_horizon_werkgebied_and_notes_are_read_and_kept() {
    let assessment = Assessment::parse(&Source::new("a.toml", AMBITION)).unwrap();
    let info = &assessment.assessment;
    assert_eq!(
        info.source.as_deref(),
        Some("Lezing van het jaarverslag, niet de eigen beoordeling")
    );
    assert_eq!(info.horizon, Some(2030));
    assert_eq!(info.werkgebied, ["centrum", "noord"]);
    assert_eq!(
        assessment.notes["beheerder"],
        "Zo staat het in het jaarverslag."
    );
    let score = builtin::instrument("sev")
        .unwrap()
        .score(&assessment)
        .unwrap();
    let json = serde_json::to_value(&score).unwrap();
    assert_eq!(json["assessment"]["horizon"], 2030);
    assert_eq!(json["assessment"]["werkgebied"][1], "noord");
    let json = serde_json::to_value(&assessment).unwrap();
    assert_eq!(
        json["notes"]["beheerder"],
        "Zo staat het in het jaarverslag."
    );
}

#[test]
fn a_note_on_an_unknown_question_names_the_nearest_id() {
    let errors = assessment_errors(&AMBITION.replace("[notes]\nbeheerder", "[notes]\nbeheerdr"));
    assert_eq!(
        errors,
        ["a.toml:11:1: unknown question `beheerdr` in [notes]; did you mean `beheerder`?"]
    );
}

#[test]
fn a_horizon_is_a_plausible_year_of_an_ambition() {
    let errors = assessment_errors(&AMBITION.replace("horizon = 2030", "horizon = 1930"));
    assert_eq!(
        errors,
        ["a.toml:8:11: horizon 1930 is not a plausible year: expected a year from 2026 to 2076"]
    );
    let current = AMBITION.replace("kind = \"ambitie\"\n", "");
    let errors = assessment_errors(&current);
    assert_eq!(
        errors,
        [
            "a.toml:7:11: horizon 2030 is given for a current assessment: expected it only with kind = \"ambition\""
        ]
    );
}

#[test]
fn sev_2_0_is_built_in_beside_the_current_instrument() {
    let old = builtin::instrument("sev@2.0").unwrap();
    assert_eq!(old.version, "2.0");
    assert!(builtin::INSTRUMENT_IDS.contains(&"sev@2.0"));
    let text = HEAD.replace("\"sev\"", "\"sev@2.0\"") + "beheerder = 4\n";
    let assessment = Assessment::parse(&Source::new("a.toml", &text)).unwrap();
    assert!(old.score(&assessment).is_ok());
    assert!(builtin::instrument("sev@1.0").is_none());
}

/// A misspelt table (`[organistion]`) hides none of the file's other problems: it is
/// reported with its nearest name, read as that table (so its name is checked), and not
/// also reported missing; the bad date and the answer off the scale come in the same run.
#[test]
fn a_misspelt_table_is_read_as_the_nearest_and_hides_no_other_problem() {
    let text = HEAD
        .replace("[organisation]", "[organistion]")
        .replace("2007-05-31", "2007-13-31")
        + "beheerder = 9\n";
    let assessment = Assessment::parse_lenient(&Source::new("a.toml", &text)).unwrap();
    assert_eq!(assessment.organisation.name, "De Dijk");
    let invalid = builtin::instrument("sev")
        .unwrap()
        .check(&assessment)
        .unwrap_err();
    let places: Vec<(usize, usize)> = invalid
        .errors
        .iter()
        .map(|e| (e.location().line, e.location().column))
        .collect();
    assert_eq!(places, [(2, 2), (5, 8), (7, 13)], "{invalid:#?}");
    assert!(
        matches!(&invalid.errors[0], Error::UnknownKey { key, .. } if key == "organistion"),
        "{invalid:#?}"
    );
    assert_eq!(
        invalid.errors[0].suggestion().as_deref(),
        Some("organisation")
    );
    assert!(
        invalid.errors[1].to_string().contains("invalid date"),
        "{invalid:#?}"
    );
    assert!(
        invalid.errors[2].to_string().contains("answer 9"),
        "{invalid:#?}"
    );
    assert!(
        !invalid
            .errors
            .iter()
            .any(|e| matches!(e, Error::MissingKey { .. })),
        "{invalid:#?}"
    );
    // Strictly parsed, the misspelt table is refused as well.
    assert!(Assessment::parse(&Source::new("a.toml", &text)).is_err());
    // A misspelt `[answers]` is read as the answers: their problems are found too.
    let text = HEAD.replace("[answers]", "[anwsers]") + "beheerder = 9\n";
    let errors = messages(&lenient_check(&text));
    assert_starts(
        &errors,
        &[
            "a.toml:6:2: unknown field `anwsers`",
            "a.toml:7:13: answer 9",
        ],
    );
}

/// A misspelt key inside a table (`nam`, `dat`) is read as the key it stands for: the
/// date it holds is still checked, and neither `name` nor `date` is reported missing.
/// With the right table there as well, the misspelt one is only reported.
#[test]
fn a_misspelt_key_is_read_as_the_nearest_and_not_also_missing() {
    let text = HEAD
        .replace("name = ", "nam = ")
        .replace("date = 2007-05-31", "dat = \"2007-02-30\"")
        + "beheerder = 4\n";
    let invalid = lenient_check(&text);
    let errors = messages(&invalid);
    assert_starts(
        &errors,
        &[
            "a.toml:3:1: unknown field `nam`",
            "a.toml:5:1: unknown field `dat`",
            "a.toml:5:7: ",
        ],
    );
    assert!(errors[2].contains("2007-02-30"), "{errors:#?}");
    let suggestions: Vec<_> = invalid.errors.iter().map(|e| e.suggestion()).collect();
    assert_eq!(suggestions[..2], [Some("name".into()), Some("date".into())]);
    // Both tables there: the misspelt one is reported, the right one read as it is.
    let text = format!("{HEAD}beheerder = 4\n[organistion]\nname = \"X\"\n");
    let errors = messages(&lenient_check(&text));
    assert_starts(&errors, &["a.toml:8:2: unknown field `organistion`"]);
    // A table misspelt as a value (or the other way round) is not read as that key.
    let text = format!("{HEAD}beheerder = 4\n")
        .replace("[organisation]\n", "organistion = 3\n[organisatie]\n");
    let errors = messages(&lenient_check(&text));
    assert_starts(
        &errors,
        &[
            "a.toml:2:1: unknown field `organistion`",
            "a.toml:3:2: unknown field `organisatie`",
        ],
    );
}

/// A register with a misspelt table, a Dutch key and a misspelt key reports them all with
/// its other problems: the date and homes they hold are checked, and no key is missing.
#[test]
fn a_registers_misspelt_keys_hide_no_other_problem() {
    let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[regsiter]\ndate = \"2026-02-30\"\n[[wijken]]\nid = \"a\"\nname = \"Wijk a\"\nwoningen = 1200\n[[wijken]]\nid = \"b\"\nname = \"Wijk b\"\nhoems = 0\n[practices]\nbuurtgebouw = [\"a\", \"c\"]\n";
    let invalid = koers::Register::parse(&Source::new("r.toml", text)).unwrap_err();
    let places: Vec<(usize, usize)> = invalid
        .errors
        .iter()
        .map(|e| (e.location().line, e.location().column))
        .collect();
    assert_eq!(
        places,
        [(4, 2), (5, 8), (9, 1), (13, 1), (13, 9), (15, 21)],
        "{invalid:#?}"
    );
    let suggestions: Vec<_> = invalid.errors.iter().map(|e| e.suggestion()).collect();
    assert_eq!(suggestions[0].as_deref(), Some("register"));
    assert_eq!(suggestions[2].as_deref(), Some("homes"));
    assert_eq!(suggestions[3].as_deref(), Some("homes"));
    assert!(
        !invalid
            .errors
            .iter()
            .any(|e| matches!(e, Error::MissingKey { .. })),
        "{invalid:#?}"
    );
}

/// The number (from 1) of the first line of `text` that is `line`.
fn line_of(text: &str, line: &str) -> usize {
    text.lines().position(|l| l == line).unwrap() + 1
}

/// An instrument and a matrix report every syntax error at once, each at its place, as an
/// assessment does.
#[test]
fn every_syntax_error_of_an_instrument_or_a_matrix_is_reported() {
    let text = builtin::SEV_INSTRUMENT_TOML
        .replacen("id = \"beheerder\"", "id = = \"beheerder\"", 1)
        .replacen("id = \"renovatie\"", "id = \"renovatie", 1);
    let errors = instrument_errors(&text);
    let lines: Vec<usize> = errors.iter().map(|e| e.location().line).collect();
    assert_eq!(
        lines,
        [
            line_of(&text, "id = = \"beheerder\""),
            line_of(&text, "id = \"renovatie")
        ],
        "{errors:#?}"
    );
    let text = builtin::SEV_MATRIX_TOML
        .replacen(
            "id = \"verhuurder-sociaal\"",
            "id = \"verhuurder-sociaal\" x",
            1,
        )
        .replacen("label = { nl = \"Focus\"", "label = { nl = Focus\"", 1);
    let errors = matrix_errors(&text);
    let lines: Vec<usize> = errors.iter().map(|e| e.location().line).collect();
    assert_eq!(
        lines,
        [
            line_of(&text, "label = { nl = Focus\", en = \"Focus\" }"),
            line_of(&text, "id = \"verhuurder-sociaal\" x"),
        ],
        "{errors:#?}"
    );
}
