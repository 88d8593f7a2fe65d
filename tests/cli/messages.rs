//! Messages about input and output follow the language of the command: Dutch by default
//! or with `--lang nl` / `KOERS_LANG=nl`, English with `--lang en` / `KOERS_LANG=en`. One
//! test per family of messages; the place, the quoted line and the caret never change.

use crate::{koers, outcome, root, run, run_en};
use std::path::Path;

/// Runs `koers` with `KOERS_LANG` set to `lang`.
fn run_with_env(lang: &str, args: &[&str]) -> (i32, String, String) {
    let mut command = koers(args);
    command.env("KOERS_LANG", lang);
    outcome(command)
}

/// A complete assessment of one respondent, with every answer 3 but the first `skip`
/// questions left out.
fn assessment(name: &str, respondent: &str, skip: usize) -> String {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let mut text = format!(
        "instrument = \"sev\"\n[organisation]\nname = \"{name}\"\nid = \"dijk\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"{respondent}\"\n[answers]\n"
    );
    for (_, q) in instrument.questions().skip(skip) {
        text.push_str(&format!("{} = 3\n", q.id));
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn validation_errors_speak_dutch_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let head = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2007-05-31\n[answers]\n";
    write(
        dir.path(),
        "a.toml",
        &format!("{head}beheeder = 3\nbeheerder = 7\n"),
    );
    let path = arg(dir.path());
    let (code, out, nl) = run(&["validate", path]);
    assert_eq!(code, 1, "{nl}");
    assert!(
        nl.contains("a.toml:7:1: fout: onbekende vraag `beheeder` in [answers]\n  |\n7 | beheeder = 3\n  | ^^^^^^^^\n  |\n  = hulp: bedoelt u `beheerder`?\n"),
        "{nl}"
    );
    assert!(
        nl.contains("a.toml:8:13: fout: antwoord 7 op `beheerder` past niet op de schaal: verwacht een geheel getal van 1 tot en met 5 of \"weet niet\"\n  |\n8 | beheerder = 7\n  |             ^\n"),
        "{nl}"
    );
    assert!(nl.ends_with("koers: 1 ongeldig bestand\n"), "{nl}");
    assert!(
        out.contains("1 bestand gecontroleerd: 0 geldig, 1 ongeldig (2 fouten, 1 waarschuwing)"),
        "{out}"
    );
    assert!(!nl.contains("error") && !nl.contains("expected"), "{nl}");
    for english in [
        run(&["validate", "--lang", "en", path]),
        run_with_env("en", &["validate", path]),
    ] {
        let (code, out, en) = english;
        assert_eq!(code, 1, "{en}");
        assert!(
            en.contains("a.toml:7:1: error: unknown question `beheeder` in [answers]\n  |\n7 | beheeder = 3\n  | ^^^^^^^^\n  |\n  = help: did you mean `beheerder`?\n"),
            "{en}"
        );
        assert!(
            en.contains("a.toml:8:13: error: answer 7 to `beheerder` is off the scale: expected a whole number from 1 to 5 or \"unknown\""),
            "{en}"
        );
        assert!(en.ends_with("koers: 1 invalid file\n"), "{en}");
        assert!(
            out.contains("checked 1 file: 0 valid, 1 invalid (2 errors, 1 warning)"),
            "{out}"
        );
    }
    // --lang wins over KOERS_LANG.
    let (_, _, nl) = run_with_env("en", &["validate", "--lang", "nl", path]);
    assert!(nl.contains(": fout: onbekende vraag"), "{nl}");
}

#[test]
fn toml_syntax_and_shape_errors_speak_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let head = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\n";
    write(dir.path(), "a.toml", &format!("{head}datum = 2007-05-31\n"));
    write(
        dir.path(),
        "b.toml",
        &format!("{head}date = 2007-05-31\n[answers]\nbeheerder = = 3\n"),
    );
    let path = arg(dir.path());
    let (code, _, nl) = run_with_env("nl", &["score", path]);
    assert_eq!(code, 1, "{nl}");
    assert!(
        nl.contains("a.toml:5:1: fout: onbekende sleutel `datum`: verwacht een van `date`, `kind`, `round`, `respondent`, `role`, `source`, `horizon`, `werkgebied`\n  |\n5 | datum = 2007-05-31\n  | ^^^^^\n  |\n  = hulp: bedoelt u `date`?\n"),
        "{nl}"
    );
    assert!(
        nl.contains("b.toml:7:13: fout: een `=` te veel, verwacht niets meer op deze plaats\n  |\n7 | beheerder = = 3\n  |             ^\n"),
        "{nl}"
    );
    let (code, _, en) = run(&["score", "--lang", "en", path]);
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("a.toml:5:1: error: unknown field `datum`, expected one of"),
        "{en}"
    );
    assert!(
        en.contains("b.toml:7:13: error: extra `=`, expected nothing"),
        "{en}"
    );
}

#[test]
fn warnings_about_unanswered_questions_speak_dutch() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &assessment("De Dijk", "r1", 2));
    let total = koers::builtin::instrument("sev")
        .unwrap()
        .questions()
        .count();
    let path = arg(dir.path());
    let (code, _, nl) = run(&["validate", path]);
    assert_eq!(code, 0, "{nl}");
    assert!(
        nl.contains(&format!(
            "a.toml:8:1: waarschuwing: 2 van de {total} vragen niet beantwoord: "
        )),
        "{nl}"
    );
    let (_, _, en) = run(&["validate", "--lang", "en", path]);
    assert!(
        en.contains(&format!(
            "a.toml:8:1: warning: 2 of {total} questions not answered: "
        )),
        "{en}"
    );
}

#[test]
fn identity_problems_across_files_speak_dutch() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &assessment("De Dijk", "r1", 0));
    write(
        dir.path(),
        "b.toml",
        &assessment("Woonstichting De Dijk", "r1", 0),
    );
    let path = arg(dir.path());
    let (code, _, nl) = run(&["score", path]);
    assert_eq!(code, 1, "{nl}");
    assert!(
        nl.contains(
            "b.toml:7:14: fout: respondent `r1` van `dijk` (huidige positie, 2026-03-01) antwoordt ook in "
        ),
        "{nl}"
    );
    assert!(
        nl.contains("b.toml:3:8: waarschuwing: organisatie `dijk` heet hier \"Woonstichting De Dijk\" maar \"De Dijk\" in "),
        "{nl}"
    );
    let (_, _, en) = run(&["score", "--lang", "en", path]);
    assert!(
        en.contains("b.toml:7:14: error: respondent `r1` of `dijk`"),
        "{en}"
    );
    assert!(
        en.contains("b.toml:3:8: warning: organisation `dijk` is called"),
        "{en}"
    );
}

#[test]
fn file_loading_problems_speak_dutch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.toml"), [0xff, 0xfe, 0x00]).unwrap();
    write(
        dir.path(),
        "mixed.toml",
        &format!(
            "{}[[regions]]\nid = \"x\"\n",
            assessment("De Dijk", "r1", 0)
        ),
    );
    let matrix = root().join("assessments/sev-matrix.toml");
    let (binary, mixed) = (
        dir.path().join("binary.toml"),
        dir.path().join("mixed.toml"),
    );
    let args = ["score", arg(&binary), arg(&mixed), arg(&matrix)];
    let (code, _, nl) = run(&args);
    assert_eq!(code, 1, "{nl}");
    for dutch in [
        "binary.toml:1:1: fout: dit is geen UTF-8-tekst (byte 0): verwacht een TOML-bestand",
        ": fout: dit bestand heeft sleutels van twee soorten document (`answers` en `regions`)",
        "sev-matrix.toml:1:1: fout: dit is een matrixbestand, geen ingevulde vragenlijst",
        "hulp: sla het bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8)",
        "koers: 3 ongeldige bestanden",
    ] {
        assert!(nl.contains(dutch), "{dutch}\n{nl}");
    }
    let (_, _, en) = run_en(&args);
    for english in [
        "binary.toml:1:1: error: this is not UTF-8 text (byte 0): expected a TOML file",
        ": error: this file has keys of two kinds of document (`answers` and `regions`)",
        "sev-matrix.toml:1:1: error: this is a matrix file, not an assessment",
        "help: save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8)",
        "koers: 3 invalid files",
    ] {
        assert!(en.contains(english), "{english}\n{en}");
    }
    // A path that does not exist ends the run (exit 2), named in the language of the run.
    let missing = dir.path().join("nergens");
    let (code, _, nl) = run(&["score", arg(&missing)]);
    assert_eq!(code, 2);
    assert!(
        nl.contains("niet lezen: het bestand of de map bestaat niet"),
        "{nl}"
    );
    let (_, _, en) = run(&["score", "--lang", "en", arg(&missing)]);
    assert!(
        en.contains("cannot read ") && en.contains("No such file"),
        "{en}"
    );
}

#[cfg(unix)]
#[test]
fn what_a_folder_walk_passes_over_is_named_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &assessment("De Dijk", "r1", 0));
    std::os::unix::fs::symlink("nothing-here", dir.path().join("dangling.toml")).unwrap();
    let path = arg(dir.path());
    let (code, _, nl) = run(&["score", path]);
    assert_eq!(code, 0, "{nl}");
    assert!(
        nl.contains("dangling.toml:1:1: waarschuwing: een koppeling naar niets: niet gelezen"),
        "{nl}"
    );
    let (_, _, en) = run(&["score", "--lang", "en", path]);
    assert!(
        en.contains("dangling.toml:1:1: warning: a link to nothing: not read"),
        "{en}"
    );
}

#[test]
fn output_refusals_speak_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("mijn.toml");
    write(dir.path(), "mijn.toml", "# mine\n");
    let (code, _, nl) = run(&["init", "-o", arg(&existing)]);
    assert_eq!(code, 2);
    assert!(
        nl.contains("wordt niet vervangen: het bestand bestaat al (--force vervangt het)"),
        "{nl}"
    );
    let (code, _, en) = run(&["init", "--lang", "en", "-o", arg(&existing)]);
    assert_eq!(code, 2);
    assert!(
        en.contains("refusing to replace") && en.contains("(--force replaces it)"),
        "{en}"
    );
    // An input is never an output, and a .toml file in an input folder would be read next
    // time.
    let input = root().join("assessments/examples/portaal/portaal-2007-end.toml");
    let (code, _, nl) = run(&["score", arg(&input), "-o", arg(&input), "--force"]);
    assert_eq!(code, 2);
    assert!(
        nl.contains("wordt niet geschreven: het is een van de invoerbestanden"),
        "{nl}"
    );
    let folder = dir.path().join("dijk");
    std::fs::create_dir(&folder).unwrap();
    write(&folder, "a.toml", &assessment("De Dijk", "r1", 0));
    let inside = folder.join("posities.toml");
    let (code, _, nl) = run(&["score", arg(&folder), "-o", arg(&inside)]);
    assert_eq!(code, 2, "{nl}");
    assert!(
        nl.contains("zou de volgende keer als invoer gelezen worden"),
        "{nl}"
    );
    let (_, _, en) = run(&["score", "--lang", "en", arg(&folder), "-o", arg(&inside)]);
    assert!(en.contains("would be read as input next time"), "{en}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "# mine\n");
    assert!(!inside.exists());
}

#[test]
fn report_and_init_take_the_language_from_koers_lang() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("rapport.html");
    write(dir.path(), "rapport.html", "mine");
    let (code, _, en) = run_with_env(
        "en",
        &["report", "assessments/examples", "-o", arg(&existing)],
    );
    assert_eq!(code, 2);
    assert!(en.contains("refusing to replace"), "{en}");
    let (code, _, nl) = run_with_env(
        "nl",
        &["report", "assessments/examples", "-o", arg(&existing)],
    );
    assert_eq!(code, 2);
    assert!(nl.contains("wordt niet vervangen"), "{nl}");
}

#[test]
fn koers_lang_is_read_in_any_case() {
    for value in ["EN", "En", "en"] {
        let mut command = crate::koers(&["validate", "assessments/examples"]);
        command.env("KOERS_LANG", value);
        let (code, out, err) = crate::outcome(command);
        assert_eq!(code, 0, "KOERS_LANG={value}: {err}");
        assert!(out.contains("valid"), "KOERS_LANG={value}: {out}");
        assert!(!out.contains("geldig"), "KOERS_LANG={value}: {out}");
    }
    let mut command = crate::koers(&["validate", "assessments/examples"]);
    command.env("KOERS_LANG", "NL");
    let (code, out, _) = crate::outcome(command);
    assert_eq!(code, 0);
    assert!(out.contains("geldig"), "{out}");
}

/// English words that a Dutch message must not hold. ("of" and "argument" are left out: they
/// are Dutch too.)
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "expected",
    "invalid",
    "usage",
    "options",
    "arguments",
    "error",
    "found",
    "unexpected",
    "required",
    "provided",
    "possible",
    "values",
    "value",
    "tip",
    "similar",
    "exists",
    "information",
    "try",
    "for",
    "unknown",
    "subcommand",
];

/// The words of `text` that are in [`ENGLISH`].
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

#[test]
fn usage_errors_are_dutch_in_a_dutch_run_and_english_in_an_english_one() {
    let cases: [(&[&str], &str); 9] = [
        (
            &["score", "--highlite", "assessments/examples"],
            "'--highlite'",
        ),
        (&["scor"], "bedoelt u 'score'?"),
        (&["score"], "ontbreekt"),
        (
            &["score", "assessments/examples", "--format", "pdf"],
            "'markdown'",
        ),
        (
            &["plot", "assessments/examples", "-o", "x.pdf"],
            "koers tekent SVG en PNG",
        ),
        (
            &["--method", "9", "score", "assessments/examples"],
            "verwacht 2 of 3",
        ),
        (&["import", "x.csv"], "'--organisation'"),
        (
            &["score", "--formt", "csv", "assessments/examples"],
            "bedoelt u '--format'?",
        ),
        (&["completions"], "ontbreekt"),
    ];
    for (args, says) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with("fout: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {says}\n{err}");
        assert_eq!(english_words(&err), Vec::<String>::new(), "{args:?}: {err}");
        // English when asked for, with KOERS_LANG in any case: clap's own words.
        let mut english = crate::koers(args);
        english.env("KOERS_LANG", "EN");
        let (code, _, err) = crate::outcome(english);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
}

/// One rule for every file argument of every command: a file that cannot be read (it
/// does not exist, is a folder, or is a FIFO) ends the run with exit 2, and the message
/// names it; only invalid content exits 1.
#[test]
fn an_unreadable_file_argument_exits_2_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nergens.toml");
    let missing = missing.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = dir.path().join("uit");
    let out = out.to_str().unwrap();
    let svg = format!("{out}.svg");
    let html = format!("{out}.html");
    let toml = format!("{out}.toml");
    let export = dir.path().join("export.csv");
    std::fs::write(&export, "respondent,beheerder\nr1,3\n").unwrap();
    let export = export.to_str().unwrap();
    let sample = "assessments/examples/groenstede";
    for bad in [missing, folder] {
        for args in [
            vec!["score", bad],
            vec!["validate", bad],
            vec!["agenda", bad],
            vec!["gap", bad],
            vec!["profile", bad],
            vec!["explain", bad],
            vec!["plot", bad, "-o", &svg],
            vec!["report", bad, "-o", &html],
            vec!["report", sample, "--settings", bad, "-o", &html],
            vec!["form", "--instrument", bad, "-o", out],
            vec!["init", "--instrument", bad, "-o", &toml],
            vec!["schema", "--instrument", bad],
            vec!["import", bad, "--organisation", "X", "-o", out],
            vec![
                "import",
                export,
                "--instrument",
                bad,
                "--organisation",
                "X",
                "-o",
                out,
            ],
            vec![
                "import",
                export,
                "--map",
                bad,
                "--organisation",
                "X",
                "-o",
                out,
            ],
        ] {
            if bad == folder
                && matches!(
                    args[0],
                    "score"
                        | "validate"
                        | "agenda"
                        | "gap"
                        | "profile"
                        | "explain"
                        | "plot"
                        | "report"
                )
                && args[1] == bad
            {
                // A folder is what these commands search: not an unreadable file.
                continue;
            }
            let (code, _, err) = run_en(&args);
            assert_eq!(code, 2, "koers {}: {err}", args.join(" "));
            assert!(
                err.contains("cannot read") || err.contains("not a regular file"),
                "koers {}: {err}",
                args.join(" ")
            );
        }
    }
    // Invalid content is exit 1, as before: an instrument that is no instrument.
    let (code, _, err) = run_en(&["form", "--instrument", "Cargo.toml", "-o", out]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_spreadsheet_given_by_name_is_one_problem_that_points_to_import() {
    let dir = tempfile::tempdir().unwrap();
    // A form with a header of 47 question ids would otherwise give an error per line.
    write(
        dir.path(),
        "vragen.csv",
        "respondent;a1;a2\nr1;3;4\nr2;2;5\n",
    );
    std::fs::write(
        dir.path().join("antwoorden.xlsx"),
        b"PK\x03\x04\x14\x00\xff",
    )
    .unwrap();
    write(dir.path(), "a.toml", &assessment("De Dijk", "r1", 0));
    let (csv, xlsx, good) = (
        dir.path().join("vragen.csv"),
        dir.path().join("antwoorden.xlsx"),
        dir.path().join("a.toml"),
    );
    for command in ["score", "validate"] {
        let args = [command, arg(&csv), arg(&xlsx), arg(&good)];
        let (code, _, nl) = run(&args);
        assert_eq!(code, 1, "{nl}");
        let csv_line = format!(
            "{}:1:1: fout: dit is een CSV-bestand, geen beoordeling; lees antwoorden in met `koers import`",
            csv.display()
        );
        assert!(nl.contains(&csv_line), "{csv_line}\n{nl}");
        assert!(
            nl.contains("fout: dit is een Excel-werkmap, geen beoordeling"),
            "{nl}"
        );
        assert_eq!(nl.matches("fout:").count(), 2, "one error per file\n{nl}");
        assert!(!nl.contains("TOML"), "{nl}");
        let (code, _, en) = run_en(&args);
        assert_eq!(code, 1, "{en}");
        assert!(
            en.contains(
                "error: this is a CSV file, not an assessment; read answers in with `koers import`"
            ),
            "{en}"
        );
        assert!(en.contains("error: this is an Excel workbook"), "{en}");
    }
}
