//! `koers init`.

use crate::{root, run, run_en};

#[test]
fn the_template_lists_every_question_with_its_scale() {
    let (code, out, err) = run(&["init", "--date", "2026-01-15"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("init_nl", out);
    let instrument = koers::builtin::instrument("sev").unwrap();
    for (_, q) in instrument.questions() {
        assert!(out.contains(&format!("\n{} = \"\"\n", q.id)), "{}", q.id);
    }
}

#[test]
fn the_template_asks_for_a_name_and_then_warns_that_nothing_is_answered_yet() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nieuw.toml");
    let file_arg = file.to_str().unwrap();
    let (code, _, err) = run_en(&[
        "init",
        "--lang",
        "en",
        "--date",
        "2026-01-15",
        "-o",
        file_arg,
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("# What did our estate caretakers spend most of their time on"),
        "English questions"
    );
    let (code, _, err) = run_en(&["validate", file_arg]);
    assert_eq!(code, 1, "an unfilled template is not valid");
    assert!(
        err.contains("nieuw.toml:19:8: error: the organisation's name is empty"),
        "{err}"
    );
    std::fs::write(&file, text.replace("name = \"\"", "name = \"De Dijk\"")).unwrap();
    let (code, out, err) = run_en(&["validate", file_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 47 of 47 questions not answered"),
        "{err}"
    );
    assert!(out.contains("1 valid, 0 invalid"), "{out}");
}

#[test]
fn init_refuses_to_overwrite_its_instrument() {
    let instrument = root().join("tests/fixtures/custom/instrument.toml");
    let before = std::fs::read(&instrument).unwrap();
    let path = instrument.to_str().unwrap();
    let (code, _, err) = run_en(&["init", "--instrument", path, "-o", path]);
    assert_eq!(code, 2);
    assert!(err.contains("refusing to write"), "{err}");
    assert_eq!(std::fs::read(&instrument).unwrap(), before);
}

#[test]
fn init_with_an_instrument_file_uses_its_questions() {
    let (code, out, _) = run(&[
        "init",
        "--instrument",
        "tests/fixtures/custom/instrument.toml",
        "--date",
        "2026-01-15",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("instrument = \"tests/fixtures/custom/instrument.toml\""));
    assert!(out.contains("\nkennen = \"\"\n"));
}

#[test]
fn today_is_the_date_in_the_local_time_zone() {
    // 26 hours apart: the date east of the date line is always a day or two later than
    // west of it, whatever the clock says. In UTC both would give the same date.
    let date_in = |tz: &str| {
        let mut command = crate::koers(&["init"]);
        command.env("TZ", tz);
        let (code, out, err) = crate::outcome(command);
        assert_eq!(code, 0, "{err}");
        let line = out.lines().find(|l| l.starts_with("date = ")).unwrap();
        line["date = ".len()..].parse::<koers::Date>().unwrap()
    };
    let east = date_in("<+14>-14");
    let west = date_in("<-12>12");
    assert!(east > west, "{east} in UTC+14, {west} in UTC-12");
}
