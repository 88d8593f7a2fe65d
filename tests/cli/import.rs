//! `koers import`: the filled-in form and survey exports read back into assessments, and
//! the scores written as spreadsheets.

use crate::{root, run};
use calamine::{Data, Reader, Xlsx, open_workbook};
use koers::{Answer, Instrument};
use rust_xlsxwriter::{ExcelDateTime, Workbook};
use std::path::{Path, PathBuf};

fn sev() -> &'static Instrument {
    koers::builtin::instrument("sev").unwrap()
}

/// A spread of answers: every point of every scale, some "weet niet", "n.v.t." and blanks.
fn answer(question: usize, respondent: usize) -> Option<Answer> {
    let (_, q) = sev().questions().nth(question).unwrap();
    let scale = sev().scale_of(q).unwrap();
    match (question * 5 + respondent * 3) % 17 {
        0 => Some(Answer::Unknown),
        1 => Some(Answer::NotApplicable),
        2 if respondent == 2 => None,
        n => Some(Answer::Point(
            scale.min + (n as i64 + respondent as i64) % (scale.max - scale.min + 1),
        )),
    }
}

const ROLES: [&str; 4] = ["directeur", "woonconsulent", "beheerder", "wijkadviseur"];

fn import(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    run(&all)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn form_filled_in_imported_and_scored_equals_the_same_answers_typed_as_toml() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("vragenlijst.xlsx");
    let (code, _, err) = run(&["form", "-o", path(&form)]);
    assert_eq!(code, 0, "{err}");

    // Fill it in as a respondent would: the form's header rows as they are, then a row
    // per respondent with a choice from each drop-down (or a number typed instead).
    let mut book: Xlsx<_> = open_workbook(&form).unwrap();
    let sheet = book.worksheet_range("Antwoorden").unwrap();
    let mut filled = Workbook::new();
    filled.add_worksheet().set_name("Instructie").unwrap();
    let out = filled.add_worksheet();
    out.set_name("Antwoorden").unwrap();
    for row in 0..3u32 {
        for col in 0..3 + sev().questions().count() as u16 {
            if let Some(Data::String(text)) = sheet.get_value((row, u32::from(col))) {
                out.write_string(row, col, text).unwrap();
            }
        }
    }
    let choices = |q: &koers::Question, answer: Answer| -> String {
        let scale = sev().scale_of(q).unwrap();
        match answer {
            Answer::Point(p) => format!("{p} - {}", scale.label(p).unwrap().nl),
            Answer::Unknown => "weet niet".into(),
            Answer::NotApplicable => "n.v.t.".into(),
        }
    };
    let typed = dir.path().join("getypt");
    std::fs::create_dir(&typed).unwrap();
    for (r, role) in ROLES.iter().enumerate() {
        let row = 3 + r as u32;
        out.write_string(row, 1, *role).unwrap();
        let mut toml = format!(
            "instrument = \"sev\"\n[organisation]\nname = \"Woonstichting De Dijk\"\nid = \"de-dijk\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"r{:02}\"\nrole = \"{role}\"\n[answers]\n",
            r + 1
        );
        for (i, (_, q)) in sev().questions().enumerate() {
            let Some(a) = answer(i, r) else { continue };
            let col = 3 + i as u16;
            match a {
                // The last respondent types numbers instead of choosing.
                Answer::Point(p) if r == 3 => {
                    out.write_number(row, col, p as f64).unwrap();
                }
                _ => {
                    out.write_string(row, col, choices(q, a)).unwrap();
                }
            }
            let value = match a {
                Answer::Point(p) => p.to_string(),
                Answer::Unknown => "\"unknown\"".into(),
                Answer::NotApplicable => "\"n.v.t.\"".into(),
            };
            toml.push_str(&format!("{} = {value}\n", q.id));
        }
        std::fs::write(typed.join(format!("r{:02}.toml", r + 1)), toml).unwrap();
    }
    let filled_path = dir.path().join("ingevuld.xlsx");
    filled.save(&filled_path).unwrap();

    let imported = dir.path().join("de-dijk");
    let (code, _, err) = import(&[
        path(&filled_path),
        "--organisation",
        "Woonstichting De Dijk",
        "--id",
        "de-dijk",
        "--date",
        "2026-03-01",
        "-o",
        path(&imported),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("4 vragenlijsten van Woonstichting De Dijk opgeslagen in "),
        "{err}"
    );
    assert_eq!(
        files(&imported),
        [
            "2026-03-01-r01.toml",
            "2026-03-01-r02.toml",
            "2026-03-01-r03.toml",
            "2026-03-01-r04.toml"
        ]
    );
    for by in ["respondent", "organisation"] {
        let score = |dir: &Path| {
            let (code, out, err) = run(&["score", path(dir), "--by", by, "--format", "csv"]);
            assert_eq!(code, 0, "{err}");
            out
        };
        assert_eq!(score(&imported), score(&typed), "--by {by}");
    }
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/survey").join(name)
}

/// Imports an export without a mapping and checks what every import promises: a file
/// per respondent that `koers score` reads, and no personal data in any of them.
fn imports_cleanly(
    export: &Path,
    respondents: usize,
    personal: &[&str],
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, _, err) = import(&[
        path(export),
        "--organisation",
        "De Dijk",
        "--round",
        "2026-01",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{}: {err}", export.display());
    assert!(
        !err.contains(": fout: ") && !err.contains(": error: "),
        "{err}"
    );
    let names = files(&out);
    assert_eq!(names.len(), respondents, "{names:?}");
    for name in &names {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        for word in personal {
            assert!(!text.contains(word), "{name} holds {word}");
        }
    }
    let (code, table, err) = run(&["score", path(&out), "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        table.contains(&format!("2026-01  {respondents:>11}")),
        "{table}"
    );
    (dir, out)
}

#[test]
fn a_microsoft_forms_export_imports_without_a_mapping() {
    let (_dir, out) = imports_cleanly(
        &fixture("microsoft-forms.csv"),
        3,
        &["Jansen", "example.nl", "Petra"],
    );
    let first = std::fs::read_to_string(out.join("2026-01-r01.toml")).unwrap();
    assert!(
        first.contains("date = 2026-01-15"),
        "the completion time: {first}"
    );
    assert!(first.contains("role = \"director\""));
    let third = std::fs::read_to_string(out.join("2026-01-r03.toml")).unwrap();
    assert!(third.contains("= \"weet niet\"") && third.contains("= \"n.v.t.\""));
}

#[test]
fn google_forms_exports_in_dutch_and_english_import_without_a_mapping() {
    let (_dir, out) = imports_cleanly(&fixture("google-forms-nl.csv"), 2, &["@example"]);
    let first = std::fs::read_to_string(out.join("2026-01-r01.toml")).unwrap();
    assert!(first.contains("date = 2026-01-20"), "{first}");
    assert!(first.contains("role = \"manager wonen\""));
    imports_cleanly(&fixture("google-forms-en.csv"), 2, &["@example"]);
}

#[test]
fn a_limesurvey_export_with_question_codes_imports_without_a_mapping() {
    imports_cleanly(&fixture("limesurvey.csv"), 3, &["192.0.2"]);
}

#[test]
fn a_microsoft_forms_workbook_with_date_cells_imports_without_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("Regie in de buurt(1-3).xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("m/d/yy h:mm:ss");
    let header = [
        "Id",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Role",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (_, q)) in sev().questions().enumerate() {
        sheet
            .write_string(0, 6 + i as u16, q.text.en.clone().unwrap())
            .unwrap();
    }
    for (r, role) in ROLES.iter().take(3).enumerate() {
        let row = 1 + r as u32;
        let day = ExcelDateTime::from_ymd(2026, 2, 10 + r as u8)
            .unwrap()
            .and_hms(11, 30, 0)
            .unwrap();
        sheet.write_number(row, 0, (r + 1) as f64).unwrap();
        sheet
            .write_datetime_with_format(row, 1, &day, &date_format)
            .unwrap();
        sheet
            .write_datetime_with_format(row, 2, &day, &date_format)
            .unwrap();
        sheet
            .write_string(row, 3, format!("person{r}@example.nl"))
            .unwrap();
        sheet
            .write_string(row, 4, format!("Person Number{r}"))
            .unwrap();
        sheet.write_string(row, 5, *role).unwrap();
        for (i, (_, q)) in sev().questions().enumerate() {
            let scale = sev().scale_of(q).unwrap();
            let text = match answer(i, r) {
                Some(Answer::Point(p)) => scale.label(p).unwrap().en.clone().unwrap(),
                Some(Answer::Unknown) => "Don't know".into(),
                Some(Answer::NotApplicable) => "Not applicable".into(),
                None => continue,
            };
            sheet.write_string(row, 6 + i as u16, text).unwrap();
        }
    }
    book.save(&export).unwrap();
    let (_dir, out) = imports_cleanly(&export, 3, &["example.nl", "Person Number"]);
    let second = std::fs::read_to_string(out.join("2026-01-r02.toml")).unwrap();
    assert!(second.contains("date = 2026-02-11"), "{second}");
}

#[test]
fn a_broken_export_gives_one_located_error_per_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, stdout, err) = import(&[
        "tests/fixtures/survey/broken.csv",
        "--organisation",
        "De Dijk",
        "--lang",
        "en",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(stdout.is_empty());
    assert_eq!(err.matches(": error: ").count(), 3, "{err}");
    assert!(
        err.contains("tests/fixtures/survey/broken.csv:1:21: error: unknown column `Wat vindt u van de koffie?`"),
        "{err}"
    );
    assert!(
        err.contains("tests/fixtures/survey/broken.csv:2:58: error: answer to `nieuwe-huurder`: `Soms` is no point or label of the scale: expected a point from 1 to 5"),
        "{err}"
    );
    assert!(
        err.contains("tests/fixtures/survey/broken.csv:3:186: error: answer to `ontmoetingsruimte`: `#VALUE!` is no point or label"),
        "{err}"
    );
    assert!(!out.exists(), "no half-imported folder");
}

#[test]
fn errors_in_a_workbook_name_the_sheet_and_cell_with_the_nearest_label_or_id() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Form1").unwrap();
    sheet.write_string(0, 0, "Role").unwrap();
    sheet.write_string(0, 1, "beheerdr").unwrap();
    sheet.write_string(0, 2, "renovatie").unwrap();
    sheet.write_string(0, 3, "Renovatie").unwrap();
    for row in 1..7 {
        sheet.write_string(row, 0, "beheerder").unwrap();
        sheet
            .write_string(row, 2, "Meer sociaal dan vastgoed")
            .unwrap();
    }
    sheet
        .write_string(6, 2, "Meer socaal dan vastgoed")
        .unwrap();
    book.save(&export).unwrap();
    let out = dir.path().join("out");
    let (code, _, err) = import(&[
        path(&export),
        "--organisation",
        "X",
        "--date",
        "2026-01-01",
        "--lang",
        "en",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 1);
    let file = path(&export);
    assert!(
        err.contains(&format!(
            "{file}:Form1!B1: error: unknown column `beheerdr`"
        )) && err.contains("nearest: `beheerder`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:Form1!D1: error: a second column for question `renovatie` (the first is {file}:Form1!C1)")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:Form1!C7: error: answer to `renovatie`: `Meer socaal dan vastgoed`"
        )) && err.contains("nearest: \"4 - Meer sociaal dan vastgoed\""),
        "{err}"
    );
    assert_eq!(err.matches(": error: ").count(), 3, "{err}");
    assert!(!out.exists());

    let (code, _, err) = import(&[
        path(&export),
        "--sheet",
        "Blad1",
        "--organisation",
        "X",
        "--lang",
        "en",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: the workbook has no sheet `Blad1`: expected one of `Form1`"),
        "{err}"
    );
}

#[test]
fn existing_files_are_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = |force: bool| {
        let mut args = vec![
            "tests/fixtures/survey/limesurvey.csv".to_string(),
            "--organisation".into(),
            "De Dijk".into(),
            "--round".into(),
            "r1".into(),
            "-o".into(),
            path(&out).to_string(),
        ];
        if force {
            args.push("--force".into());
        }
        // The refusal is read in English.
        args.extend(["--lang".into(), "en".into()]);
        args
    };
    let run_with = |force| {
        let args = args(force);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        import(&args)
    };
    assert_eq!(run_with(false).0, 0);
    let r1 = out.join("r1-r01.toml");
    std::fs::write(&r1, "# mine").unwrap();
    let (code, _, err) = run_with(false);
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to replace") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&r1).unwrap(), "# mine");
    assert_eq!(run_with(true).0, 0);
    assert!(std::fs::read_to_string(&r1).unwrap().contains("[answers]"));
}

#[test]
fn a_map_file_reads_any_other_export() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    std::fs::write(
        &export,
        "Deelnemer\tAfdeling\tKennen wij onze klanten?\tBudget\tCallcenter\tOpmerkingen\nx1\tverhuur\tA4\tA2\tgeen idee\tprima\nx2\tbeheer\tA3\tA1\tA1\t\n",
    )
    .unwrap();
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "respondent = \"Deelnemer\"\nrole = \"Afdeling\"\nskip = [\"Opmerkingen\"]\n[columns]\n\"Kennen wij onze klanten?\" = \"kennen\"\n[answers]\nA1 = 1\nA2 = 2\nA3 = 3\nA4 = 4\n\"Geen idee\" = \"weet niet\"\n",
    )
    .unwrap();
    let out = dir.path().join("deep/er/out");
    let instrument = root().join("tests/fixtures/custom/instrument.toml");
    let (code, _, err) = import(&[
        path(&export),
        "--instrument",
        path(&instrument),
        "--map",
        path(&map),
        "--organisation",
        "Wooncompagnie",
        "--date",
        "2026-04-01",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(files(&out), ["2026-04-01-x1.toml", "2026-04-01-x2.toml"]);
    let x1 = std::fs::read_to_string(out.join("2026-04-01-x1.toml")).unwrap();
    assert!(
        x1.contains("kennen = 4\n") && x1.contains("callcenter = \"weet niet\"\n"),
        "{x1}"
    );
    assert!(x1.contains("role = \"verhuur\""));
    // The files name the instrument relative to themselves, so they score anywhere.
    let (code, _, err) = run(&["score", path(&out)]);
    assert_eq!(code, 0, "{err}");

    std::fs::write(&map, "[colums]\n").unwrap();
    let (code, _, err) = import(&[
        "--lang",
        "en",
        path(&export),
        "--map",
        path(&map),
        "--organisation",
        "W",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("map.toml:1:2: error: unknown field `colums`"),
        "{err}"
    );
}

#[test]
fn scores_as_a_workbook_and_as_csv_for_dutch_excel() {
    let (_dir, out) = imports_cleanly(&fixture("limesurvey.csv"), 3, &[]);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("posities.xlsx");
    let (code, _, err) = run(&["score", path(&out), "--format", "xlsx", "-o", path(&xlsx)]);
    assert_eq!(code, 0, "{err}");
    let (_, csv_text, _) = run(&["score", path(&out), "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let record = reader.records().next().unwrap().unwrap();

    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("koers").unwrap();
    let row0: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(row0, header, "the columns of --format csv");
    let x = header.iter().position(|h| h == "x").unwrap();
    let expected: f64 = record[x].parse().unwrap();
    assert_eq!(sheet.get_value((1, x as u32)), Some(&Data::Float(expected)));
    let respondents = header.iter().position(|h| h == "respondents").unwrap();
    assert_eq!(
        sheet.get_value((1, respondents as u32)),
        Some(&Data::Float(3.0))
    );

    let (code, excel, _) = run(&["score", path(&out), "--format", "csv", "--excel"]);
    assert_eq!(code, 0);
    assert!(
        excel.starts_with("\u{feff}organisation_id;organisation;"),
        "{excel}"
    );
    assert!(
        excel.contains(&format!(";{};", record[x].replace('.', ","))),
        "{excel}"
    );

    let (code, _, err) = run(&["score", path(&out), "--format", "xlsx"]);
    assert_eq!(code, 2, "a usage error");
    assert!(err.contains("-o BESTAND.xlsx"), "{err}");
}

#[test]
fn the_readme_tells_how_to_run_a_survey_and_what_happens_to_names() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("## Run a survey in four steps")
        .expect("the section");
    let section = &readme[start..];
    for step in [
        "koers form -o vragenlijst.xlsx",
        "koers import antwoorden.xlsx",
        "koers score de-dijk --format xlsx -o posities.xlsx",
        "**Privacy (AVG/GDPR).**",
        "never copied into the assessments",
    ] {
        assert!(section.contains(step), "{step}");
    }
}

/// Imports `export` (a CSV text) dated 2026-01-01 into `out`; the extra arguments last.
fn import_text(dir: &Path, export: &str, out: &Path, extra: &[&str]) -> (i32, String, String) {
    let file = dir.join("export.csv");
    std::fs::write(&file, export).unwrap();
    let mut args = vec![
        path(&file),
        "--organisation",
        "De Dijk",
        "--date",
        "2026-01-01",
        "--lang",
        "en",
        "-o",
        path(out),
    ];
    args.extend_from_slice(extra);
    import(&args)
}

#[test]
fn codes_that_give_one_file_name_are_an_error_at_the_second_naming_the_first() {
    for (first, second) in [("a.1", "a-1"), ("R1", "r1"), ("x/y", "x y")] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let export = format!("respondent,beheerder\nr0,3\n{first},3\n{second},4\n");
        for force in [&[][..], &["--force"][..]] {
            let (code, stdout, err) = import_text(dir.path(), &export, &out, force);
            if second == "x y" {
                // A code with a space is refused as a name before any file name is made.
                assert_eq!(code, 1, "{err}");
                assert!(
                    err.contains("export.csv:4:1: error: this respondent code looks like a name"),
                    "{err}"
                );
                continue;
            }
            assert_eq!(code, 1, "{first} {second} {force:?}: {err}");
            assert!(stdout.is_empty(), "{stdout}");
            assert!(
                err.contains(&format!(
                    "export.csv:4:1: error: respondent code `{second}` gets the same file `2026-01-01-{}.toml` as respondent code `{first}` (at ",
                    first.replace('.', "-")
                )) && err.contains("export.csv:3:1)"),
                "{err}"
            );
            assert!(!out.exists(), "nothing written: {:?}", files(&out));
        }
    }
}

#[test]
fn a_made_up_code_never_takes_the_file_of_a_given_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // The first row has no code, so it would be r01; the second row's code is R01, a
    // file that Windows and macOS take for the same.
    let (code, _, err) = import_text(dir.path(), "respondent,beheerder\n,3\nR01,4\n", &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(files(&out), ["2026-01-01-R01.toml", "2026-01-01-r01b.toml"]);
}

#[test]
fn every_target_is_checked_before_any_file_is_written() {
    let export = "respondent,beheerder\nr1,3\nr2,4\nr3,5\n";
    // What stands in the way of the second file: a folder, or the export itself.
    for obstacle in ["folder", "input"] {
        for force in [&[][..], &["--force"][..]] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out");
            std::fs::create_dir(&out).unwrap();
            let second = out.join("2026-01-01-r2.toml");
            let (code, _, err) = if obstacle == "folder" {
                std::fs::create_dir(&second).unwrap();
                import_text(dir.path(), export, &out, force)
            } else {
                std::fs::write(&second, export).unwrap();
                let mut args = vec![
                    path(&second),
                    "--organisation",
                    "De Dijk",
                    "--date",
                    "2026-01-01",
                    "-o",
                    path(&out),
                ];
                args.extend_from_slice(force);
                import(&args)
            };
            assert_eq!(code, 2, "{obstacle} {force:?}: {err}");
            assert!(err.contains("2026-01-01-r2.toml"), "{err}");
            let left = files(&out);
            assert_eq!(
                left,
                ["2026-01-01-r2.toml"],
                "{obstacle} {force:?}: nothing else written"
            );
            if obstacle == "input" {
                assert_eq!(std::fs::read_to_string(&second).unwrap(), export);
            }
        }
    }
}

#[test]
fn messages_about_the_responses_speak_dutch_by_default_and_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = [
        "import",
        "tests/fixtures/survey/broken.csv",
        "--organisation",
        "De Dijk",
        "-o",
        path(&out),
    ];
    let output = crate::koers(&args)
        .env_remove("KOERS_LANG")
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{err}");
    for expected in [
        "tests/fixtures/survey/broken.csv:1:21: fout: onbekende kolomkop `Wat vindt u van de koffie?`: verwacht een vraag-id of vraagtekst van `sev`, de respondentcode of de functie",
        "tests/fixtures/survey/broken.csv:2:58: fout: antwoord op `nieuwe-huurder`: `Soms` past niet op de schaal: het is geen punt of label; verwacht een punt van 1 tot 5 of het label ervan, zoals \"Vrijwel alleen vastgoed\", of \"weet niet\" / \"n.v.t.\"",
        "tests/fixtures/survey/broken.csv:3:186: fout: antwoord op `ontmoetingsruimte`: `#VALUE!` past niet op de schaal",
        "koers: niets geschreven: 3 problemen in tests/fixtures/survey/broken.csv",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(
        !err.contains(": error: ") && !err.contains("expected"),
        "{err}"
    );

    // KOERS_LANG=en, as --lang en.
    let output = crate::koers(&args)
        .env("KOERS_LANG", "en")
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("broken.csv:1:21: error: unknown column `Wat vindt u van de koffie?`")
            && err.contains("koers: nothing written: 3 problem(s)"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_near_miss_gets_bedoelt_u_and_a_second_column_is_named_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let export = dir.path().join("export.csv");
    std::fs::write(
        &export,
        "respondent;beheerdr;renovatie;Renovatie;beheerder\nr1;3;Meer socaal dan vastgoed;4;3,5\nr2;gisteren;2;2;3,0\n",
    )
    .unwrap();
    let (code, _, err) = import(&[
        path(&export),
        "--organisation",
        "X",
        "--date",
        "2026-01-01",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 1, "{err}");
    let file = path(&export);
    for expected in [
        format!("{file}:1:12: fout: onbekende kolomkop `beheerdr`"),
        "bedoelt u `beheerder` (\"".to_string(),
        format!(
            "{file}:1:31: fout: een tweede kolom voor vraag `renovatie` (de eerste is {file}:1:21)"
        ),
        format!(
            "{file}:2:6: fout: antwoord op `renovatie`: `Meer socaal dan vastgoed` past niet op de schaal"
        ),
        "; bedoelt u \"4 - Meer sociaal dan vastgoed\"?".to_string(),
        format!(
            "{file}:2:33: fout: antwoord op `beheerder`: `3,5` is geen geheel getal: verwacht een geheel getal op de schaal van 1 tot 5"
        ),
    ] {
        assert!(err.contains(&expected), "{expected}\n{err}");
    }
    assert_eq!(err.matches(": fout: ").count(), 4, "{err}");
}

#[test]
fn a_dutch_excel_csv_with_commas_in_its_headers_and_decimal_commas_imports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let text = |id: &str| sev().question(id).unwrap().text.nl.clone();
    // Dutch Excel saves `;` between cells and quotes only a cell that holds `;` or `"`:
    // the question texts' commas stand bare in the header, more of them than `;`.
    let header = format!("Respondentcode;{};{}", text("beheerder"), text("renovatie"));
    assert!(header.matches(',').count() > header.matches(';').count());
    let export = format!("\u{feff}{header}\r\nr01;3,0;4\r\nr02;2;weet niet\r\n");
    let (code, _, err) = import_text(dir.path(), &export, &out, &[]);
    assert_eq!(code, 0, "{err}");
    let r01 = std::fs::read_to_string(out.join("2026-01-01-r01.toml")).unwrap();
    assert!(
        r01.contains("\nbeheerder = 3\n") && r01.contains("\nrenovatie = 4\n"),
        "{r01}"
    );
    let r02 = std::fs::read_to_string(out.join("2026-01-01-r02.toml")).unwrap();
    assert!(r02.contains("\nrenovatie = \"unknown\"\n"), "{r02}");
}

#[test]
fn kind_may_be_given_in_dutch_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, _, err) = import(&[
        path(&fixture("microsoft-forms.csv")),
        "--organisation",
        "De Dijk",
        "--round",
        "2026-01",
        "--kind",
        "ambitie",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{err}");
    let names = files(&out);
    assert!(!names.is_empty());
    for name in &names {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        // A Dutch run writes the Dutch word (the library reads both).
        assert!(text.contains("kind = \"ambitie\""), "{name}: {text}");
    }
}

/// An export of `rows` respondents who all answer `point` to `beheerder`.
fn export_of(rows: usize, point: u8) -> String {
    let mut text = String::from("respondent,beheerder\n");
    for row in 1..=rows {
        text.push_str(&format!("r{row},{point}\n"));
    }
    text
}

/// The names in `dir` that a run left behind: staging folders and temporary files.
fn leftovers(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|n| n.starts_with(".koers-"))
        .collect()
}

/// Runs `koers import` under `sh`, so that a test can limit or interrupt it.
#[cfg(unix)]
fn sh(script: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .current_dir(root())
        .env("KOERS", assert_cmd::cargo::cargo_bin("koers"))
        .env("KOERS_LANG", "en")
        .args(["-c", script])
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_failed_import_leaves_the_old_folder_and_removes_a_folder_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    // Files of about 2 KB each: a file size limit of 1 KB fails the first write.
    std::fs::write(&export, export_of(40, 3)).unwrap();
    let out = dir.path().join("new/deeper/out");
    let run = |extra: &str| {
        sh(&format!(
            "trap '' XFSZ; ulimit -f 1 && exec \"$KOERS\" import {} --organisation 'De Dijk' --date 2026-01-01 -o {} {extra}",
            export.display(),
            out.display()
        ))
    };
    let failed = run("");
    assert_eq!(failed.status.code(), Some(2), "{failed:?}");
    assert!(!dir.path().join("new").exists(), "{:?}", files(dir.path()));
    assert_eq!(files(dir.path()), ["export.csv"]);
    // Over an earlier import, with --force: every old file stays as it was.
    std::fs::write(&export, export_of(40, 2)).unwrap();
    let (code, _, err) = import_text(dir.path(), &export_of(40, 2), &out, &[]);
    assert_eq!(code, 0, "{err}");
    let before: Vec<_> = files(&out)
        .iter()
        .map(|n| std::fs::read(out.join(n)).unwrap())
        .collect();
    std::fs::write(&export, export_of(40, 4)).unwrap();
    let failed = run("--force");
    assert_eq!(failed.status.code(), Some(2), "{failed:?}");
    let after: Vec<_> = files(&out)
        .iter()
        .map(|n| std::fs::read(out.join(n)).unwrap())
        .collect();
    assert_eq!(before, after);
    assert!(leftovers(out.parent().unwrap()).is_empty() && leftovers(&out).is_empty());
}

/// Interrupted at any moment, an import leaves the folder as it was or as the run
/// would leave it, never a mix: tried at several moments, every outcome is checked.
#[cfg(unix)]
#[test]
fn an_interrupted_import_leaves_all_old_or_all_new_files() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.csv"), dir.path().join("new.csv"));
    std::fs::write(&old, export_of(200, 2)).unwrap();
    std::fs::write(&new, export_of(200, 4)).unwrap();
    for (n, delay) in ["0.05", "0.15", "0.3"].iter().enumerate() {
        for force in [false, true] {
            let out = dir.path().join(format!("out{n}{force}"));
            let base = format!(
                "--organisation 'De Dijk' --date 2026-01-01 -o {}",
                out.display()
            );
            if force {
                let run = sh(&format!("\"$KOERS\" import {} {base}", old.display()));
                assert!(run.status.success(), "{run:?}");
            }
            let script = format!(
                "\"$KOERS\" import {} {base} {} & pid=$!; sleep {delay}; kill -INT $pid; wait $pid",
                new.display(),
                if force { "--force" } else { "" }
            );
            sh(&script);
            let names = files(&out);
            let texts: Vec<String> = names
                .iter()
                .map(|n| std::fs::read_to_string(out.join(n)).unwrap())
                .collect();
            let all = |point: &str| {
                names.len() == 200
                    && texts
                        .iter()
                        .all(|t| t.contains(&format!("beheerder = {point}")))
            };
            if force {
                assert!(all("2") || all("4"), "{delay} {force}: a mix");
            } else {
                assert!(
                    names.is_empty() || all("4"),
                    "{delay}: {} files",
                    names.len()
                );
            }
            assert!(leftovers(dir.path()).is_empty(), "{:?}", files(dir.path()));
        }
    }
}

#[cfg(unix)]
#[test]
fn two_imports_at_once_into_one_new_folder_never_mix() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, export_of(300, 2)).unwrap();
    std::fs::write(&b, export_of(300, 4)).unwrap();
    let out = dir.path().join("out");
    let base = format!(
        "--organisation 'De Dijk' --date 2026-01-01 -o {}",
        out.display()
    );
    let run = sh(&format!(
        "\"$KOERS\" import {} {base} & a=$!; \"$KOERS\" import {} {base} & b=$!; \
         wait $a; ea=$?; wait $b; eb=$?; echo $ea $eb",
        a.display(),
        b.display()
    ));
    let codes = String::from_utf8_lossy(&run.stdout).trim().to_string();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(codes == "0 2" || codes == "2 0", "{codes}: {stderr}");
    assert!(
        stderr.contains("refusing to replace") || stderr.contains("another run made the folder"),
        "{stderr}"
    );
    let texts: Vec<String> = files(&out)
        .iter()
        .map(|n| std::fs::read_to_string(out.join(n)).unwrap())
        .collect();
    assert_eq!(texts.len(), 300);
    let first = texts[0].contains("beheerder = 2");
    assert!(
        texts.iter().all(|t| t.contains("beheerder = 2") == first),
        "a mix"
    );
}

#[test]
fn a_far_away_cell_is_an_error_at_the_cell_not_an_allocation() {
    let dir = tempfile::tempdir().unwrap();
    for (row, col, expected, cell) in [
        (
            4u32,
            16_383u16,
            "more than 1000 columns",
            "Sheet1!XFD5: error: ",
        ),
        (
            1_048_575,
            16_383,
            "more than 100000 rows",
            "Sheet1!XFD1048576: error: ",
        ),
        (
            1_048_575,
            0,
            "more than 100000 rows",
            "Sheet1!A1048576: error: ",
        ),
    ] {
        let file = dir.path().join(format!("far{row}-{col}.xlsx"));
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "respondent").unwrap();
        sheet.write_string(0, 1, "beheerder").unwrap();
        sheet.write_string(1, 0, "r1").unwrap();
        sheet.write_number(1, 1, 3).unwrap();
        sheet.write_string(row, col, "x").unwrap();
        book.save(&file).unwrap();
        let out = dir.path().join("out");
        let (code, _, err) = import(&[
            path(&file),
            "--organisation",
            "De Dijk",
            "--date",
            "2026-01-01",
            "--lang",
            "en",
            "-o",
            path(&out),
        ]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(expected), "{err}");
        assert!(err.contains(cell), "{err}");
        assert!(!out.exists());
    }
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_as_responses_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("export.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for special in [Path::new("/dev/zero"), Path::new("/dev/urandom"), &fifo] {
        let (code, _, err) = import(&[
            path(special),
            "--organisation",
            "De Dijk",
            "--lang",
            "en",
            "-o",
            path(&dir.path().join("out")),
        ]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("not a regular file"), "{err}");
    }
}

#[test]
fn text_from_the_export_reaches_the_terminal_escaped_and_errors_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut export = String::from("respondent,beheerder,\u{1b}]52;c;aGk=\u{7}\u{202e}kolom\n");
    for row in 1..=30 {
        export.push_str(&format!("r{row},\u{1b}[31mzeven\u{202e},x\n"));
    }
    let (code, _, err) = import_text(dir.path(), &export, &out, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}') && !err.contains('\u{7}'));
    assert!(
        err.contains("\\u{1b}") || err.contains("\\u{202e}"),
        "{err}"
    );
    assert!(err.contains("more problem(s)"), "{err}");
    assert!(err.lines().count() < 120, "{} lines", err.lines().count());
}

#[test]
fn empty_values_and_a_dash_for_the_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let export = "respondent,beheerder\nr1,3\n";
    for (extra, expected) in [
        (&["--id", ""][..], "--id is empty"),
        (&["--id", " "][..], "--id is empty"),
        (&["--round", ""][..], "--round is empty"),
        (
            &["--sheet", "Blad1"][..],
            "--sheet applies to a workbook only",
        ),
    ] {
        let (code, _, err) = import_text(dir.path(), export, &out, extra);
        assert_eq!(code, 1, "{extra:?}: {err}");
        assert!(err.contains(expected), "{extra:?}: {err}");
        assert!(!err.contains("bug"), "{err}");
        assert!(!out.exists());
    }
    let file = dir.path().join("export.csv");
    for (args, expected) in [
        (
            vec![path(&file), "--organisation", "", "-o", path(&out)],
            "--organisation is empty",
        ),
        (
            vec![path(&file), "--organisation", "X", "-o", ""],
            "a value is required",
        ),
        (
            vec![path(&file), "--organisation", "X", "-o", "-"],
            "not to standard output",
        ),
    ] {
        let mut all = args.clone();
        all.extend(["--date", "2026-01-01", "--lang", "en"]);
        let (code, _, err) = import(&all);
        // An empty -o is refused by the command line itself, as a usage error.
        let usage = expected == "a value is required";
        assert_eq!(code, if usage { 2 } else { 1 }, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("bug"), "{err}");
    }
    assert!(!crate::root().join("-").exists());
}

/// An export of five respondents whose roles are `roles`, each answering 3 everywhere.
fn export_with_roles(roles: [&str; 5]) -> String {
    let ids: Vec<&str> = sev().questions().map(|(_, q)| q.id.as_str()).collect();
    let mut text = format!("respondent,rol,{}\n", ids.join(","));
    for (i, role) in roles.iter().enumerate() {
        text.push_str(&format!("r{i},{role},{}\n", vec!["3"; ids.len()].join(",")));
    }
    text
}

#[test]
fn a_stray_quote_is_an_error_at_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    let export = export_with_roles(["beheer", "\"dir", "beheer", "beheer", "beheer"]);
    let (code, _, err) = import_text(dir.path(), &export, &out, &[]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("export.csv:3:4"), "{err}");
    assert!(err.contains("no quote closes"), "{err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_role_that_names_a_person_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    let export = export_with_roles([
        "beheer",
        "piet@corp.nl",
        "Jan Jansen (beheerder)",
        "beheer",
        "Manager Wonen",
    ]);
    let (code, _, err) = import_text(dir.path(), &export, &out, &[]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("export.csv:3:4"), "{err}");
    assert!(err.contains("export.csv:4:4"), "{err}");
    assert!(
        !err.contains(":6:4"),
        "a role with capitals is a role: {err}"
    );
    assert!(err.contains("seems to hold a name"), "{err}");
    assert!(!out.exists(), "nothing written");
}

/// Writes respondents `codes` answering every question with `point` on a new sheet.
fn answer_sheet(book: &mut Workbook, name: &str, codes: &[&str], point: f64) {
    let sheet = book.add_worksheet();
    sheet.set_name(name).unwrap();
    sheet.write_string(0, 0, "respondent").unwrap();
    for (c, (_, q)) in sev().questions().enumerate() {
        sheet.write_string(0, c as u16 + 1, &q.id).unwrap();
    }
    for (r, code) in codes.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *code).unwrap();
        for c in 0..sev().questions().count() {
            sheet.write_number(r, c as u16 + 1, point).unwrap();
        }
    }
}

#[test]
fn a_hidden_sheet_is_never_imported_and_two_answer_sheets_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let args = |file: &Path, out: &Path| {
        vec![
            path(file).to_string(),
            "--organisation".into(),
            "De Dijk".into(),
            "--date".into(),
            "2026-01-01".into(),
            "--lang".into(),
            "en".into(),
            "-o".into(),
            path(out).to_string(),
        ]
    };
    let call = |a: &[String], extra: &[&str]| {
        let mut all: Vec<&str> = a.iter().map(String::as_str).collect();
        all.extend_from_slice(extra);
        import(&all)
    };

    // A visible sheet of two respondents, then a hidden one of three.
    let hidden = dir.path().join("hidden.xlsx");
    let mut book = Workbook::new();
    answer_sheet(&mut book, "Antwoorden", &["a1", "a2"], 3.0);
    answer_sheet(&mut book, "Oud", &["h1", "h2", "h3"], 1.0);
    book.worksheet_from_name("Oud").unwrap().set_hidden(true);
    book.save(&hidden).unwrap();
    let out = dir.path().join("uit");
    let (code, _, err) = call(&args(&hidden, &out), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        files(&out).len(),
        2,
        "only the visible sheet: {:?}",
        files(&out)
    );
    let out = dir.path().join("uit-oud");
    let (code, _, err) = call(&args(&hidden, &out), &["--sheet", "Oud"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(files(&out).len(), 3, "--sheet names the hidden one");

    // Two visible answer sheets: which one counts is for the user to say.
    let two = dir.path().join("two.xlsx");
    let mut book = Workbook::new();
    answer_sheet(&mut book, "Ronde 1", &["a1", "a2"], 3.0);
    answer_sheet(&mut book, "Ronde 2", &["b1", "b2"], 4.0);
    book.save(&two).unwrap();
    let out = dir.path().join("uit-twee");
    let (code, _, err) = call(&args(&two, &out), &[]);
    assert_ne!(code, 0, "{err}");
    assert!(
        err.contains("2 sheets hold answers (`Ronde 1`, `Ronde 2`)"),
        "{err}"
    );
    assert!(!out.exists());
    let (code, _, err) = call(&args(&two, &out), &["--sheet", "Ronde 2"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_workbook_without_a_file_is_a_usage_error_in_the_language_of_the_run() {
    for args in [
        vec!["form", "--format", "xlsx"],
        vec!["score", "assessments/examples/de-dijk", "--format", "xlsx"],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(
            err.contains("een werkmap is geen tekst voor een terminal"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("a workbook"),
            "no English in a Dutch run: {err}"
        );
    }
}

#[test]
fn a_respondent_code_too_long_for_a_file_name_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    let ids: Vec<&str> = sev().questions().map(|(_, q)| q.id.as_str()).collect();
    let code = "r".repeat(300);
    let export = format!(
        "respondent,{}\n{code},{}\n",
        ids.join(","),
        vec!["3"; ids.len()].join(",")
    );
    let (status, _, err) = import_text(dir.path(), &export, &out, &[]);
    assert_ne!(status, 0, "{err}");
    assert!(err.contains("export.csv:2:1"), "{err}");
    assert!(err.contains("longer than 64 characters"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert!(!out.exists());
}

#[test]
fn remarks_columns_become_notes_without_contact_details() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // A "Toelichting" right after its question, a "<question id> opmerking" anywhere, and
    // a remarks column that follows no question.
    let export = "Opmerking,respondent,beheerder,Toelichting,buurtgebouw,leergroep,buurtgebouw opmerking\n\
                  algemeen,r1,3,Zie wijkplan 2025 p. 12,4,2,\"Twee buurthuizen; bel 06-12345678 of mail a.b@dijk.nl\"\n\
                  ,r2,4,,2,3,\n";
    let (code, _, err) = import_text(dir.path(), export, &out, &[]);
    assert_eq!(code, 0, "{err}");
    // Said at their places: the column kept nowhere, the contact details removed.
    assert!(
        err.contains(
            "export.csv:1:1: warning: the remarks column `Opmerking` belongs to no question"
        ),
        "{err}"
    );
    assert!(
        err.contains("export.csv:2:43: warning: an e-mail address or phone number in the remarks on `buurtgebouw` was not copied"),
        "{err}"
    );
    let text = std::fs::read_to_string(out.join("2026-01-01-r1.toml")).unwrap();
    let assessment = koers::Assessment::parse(&koers::Source::new("r1.toml", &text)).unwrap();
    assert_eq!(assessment.notes["beheerder"], "Zie wijkplan 2025 p. 12");
    assert_eq!(
        assessment.notes["buurtgebouw"],
        "Twee buurthuizen; bel [phone number removed] of mail [e-mail address removed]"
    );
    assert_eq!(assessment.notes.len(), 2, "{text}");
    assert!(!text.contains("algemeen") && !text.contains("12345678") && !text.contains('@'));
    // An empty remark is no note; the file still validates as it was written.
    let second = std::fs::read_to_string(out.join("2026-01-01-r2.toml")).unwrap();
    assert!(!second.contains("[notes]"), "{second}");
    let (code, _, err) = run(&["validate", path(&out)]);
    assert_eq!(code, 0, "{err}");
}

/// An ods export whose one row of answers stands 1,000,000 times
/// (`table:number-rows-repeated`): one error at the first row beyond the limit, within
/// seconds, nothing written, rather than gigabytes and a million errors.
#[test]
fn an_ods_of_a_million_repeated_rows_is_one_error_not_a_blow_up() {
    let dir = tempfile::tempdir().unwrap();
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: &[&str], repeat: u64| {
        let cells: String = cells.iter().map(|c| cell(c)).collect();
        format!(
            r#"<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>"#
        )
    };
    let rows = row(&["rol", "beheerder", "overlast"], 1) + &row(&["beheer", "3", "2"], 1_000_000);
    let file = dir.path().join("export.ods");
    std::fs::write(&file, crate::fuzz::ods(&rows)).unwrap();
    let out = dir.path().join("uit");
    let start = std::time::Instant::now();
    let (code, _, err) = crate::run_en(&[
        "import",
        path(&file),
        "--organisation",
        "De Dijk",
        "--date",
        "2026-01-01",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert!(
        err.contains("export.ods:Antwoorden!A100001: error: more than 100000 rows"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(!out.exists());
    // The same sheet with its row standing 3 times imports 3 respondents.
    let rows = row(&["rol", "beheerder", "overlast"], 1) + &row(&["beheer", "3", "2"], 3);
    std::fs::write(&file, crate::fuzz::ods(&rows)).unwrap();
    let (code, _, err) = crate::run_en(&[
        "import",
        path(&file),
        "--organisation",
        "De Dijk",
        "--date",
        "2026-01-01",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(files(&out).len(), 3, "{err}");
}
