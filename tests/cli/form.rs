//! `koers form`: the workbook read back as a spreadsheet program reads it.

use crate::{run, run_en};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn form(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut all = vec!["form", "-o", path.to_str().unwrap()];
    all.extend_from_slice(args);
    let (code, _, err) = run(&all);
    assert_eq!(code, 0, "{err}");
    path
}

#[test]
fn the_workbook_has_instructions_and_a_column_per_question_with_its_choices() {
    let dir = tempfile::tempdir().unwrap();
    let path = form(dir.path(), "vragenlijst.xlsx", &[]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Instructie", "Antwoorden", "Keuzelijsten"]
    );
    let instructions = book.worksheet_range("Instructie").unwrap();
    let all: Vec<String> = instructions.rows().map(|r| r[0].to_string()).collect();
    assert!(all[0].starts_with("SEV-positiebepaling woningcorporaties (2.1)"));
    assert!(
        all.iter()
            .any(|l| l.contains("'weet niet'") && l.contains("'n.v.t.'"))
    );
    assert!(
        all.iter()
            .any(|l| l.contains("Vul geen naam of e-mailadres in"))
    );

    let answers = book.worksheet_range("Antwoorden").unwrap();
    let instrument = koers::builtin::instrument("sev").unwrap();
    assert_eq!(text(&answers, 2, 0), "respondent");
    assert_eq!(text(&answers, 2, 1), "rol");
    // The date import needs, so that the README's import runs without --date.
    assert_eq!(text(&answers, 2, 2), "datum");
    for (i, (_, question)) in instrument.questions().enumerate() {
        let col = 3 + i as u32;
        assert_eq!(text(&answers, 2, col), question.id, "the id row");
        assert_eq!(
            text(&answers, 1, col),
            question.text.nl,
            "the text above it"
        );
    }
    assert_eq!(text(&answers, 0, 3), instrument.sections[0].title.nl);

    // The drop-downs draw from the lists sheet: each scale's points with their labels,
    // then the two words.
    let lists = book.worksheet_range("Keuzelijsten").unwrap();
    let focus = (0..lists.width() as u32)
        .find(|&c| text(&lists, 0, c) == "focus")
        .unwrap();
    let choices: Vec<String> = (1..=7).map(|r| text(&lists, r, focus)).collect();
    assert_eq!(choices[0], "1 - Vrijwel alleen vastgoed");
    assert_eq!(choices[5..], ["weet niet", "n.v.t."]);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 30_000, "a small file to mail: {size} bytes");
}

#[test]
fn the_english_workbook_speaks_english() {
    let dir = tempfile::tempdir().unwrap();
    let path = form(dir.path(), "questionnaire.xlsx", &["--lang", "en"]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Instructions", "Answers", "Choices"]);
    let lists = book.worksheet_range("Choices").unwrap();
    let words: Vec<String> = lists.rows().map(|r| r[0].to_string()).collect();
    assert!(words.contains(&"don't know".to_string()), "{words:?}");
    assert!(words.contains(&"not applicable".to_string()));
}

#[test]
fn a_paper_form_and_a_csv_of_questions() {
    let (code, out, _) = run(&["form", "--format", "markdown", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# SEV positioning of housing corporations (2.1)\n"));
    assert!(out.contains("- [ ] 1 - Almost only real estate\n"));
    assert!(out.contains("- [ ] don't know\n- [ ] not applicable\n"));

    let (code, out, _) = run(&["form", "--format", "csv", "--lang", "en"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["id", "section", "question", "type"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 47);
    assert_eq!(&rows[0][0], "beheerder");
}

#[test]
fn the_format_follows_the_extension_and_a_workbook_needs_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = form(dir.path(), "papier.md", &[]);
    assert!(std::fs::read_to_string(path).unwrap().starts_with("# SEV"));
    let (code, out, err) = run_en(&["form"]);
    assert_eq!(code, 2, "a usage error");
    assert!(out.is_empty());
    assert!(err.contains("give -o FILE.xlsx"), "{err}");
}

#[test]
fn form_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vragenlijst.xlsx");
    std::fs::write(&path, "mine").unwrap();
    let (code, _, err) = run(&["form", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    let (code, _, _) = run(&["form", "-o", path.to_str().unwrap(), "--force"]);
    assert_eq!(code, 0);
}

#[test]
fn a_custom_instrument_gives_its_own_form() {
    let (code, out, _) = run(&[
        "form",
        "--format",
        "csv",
        "--instrument",
        "tests/fixtures/custom/instrument.toml",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("\nkennen,Beleid,Kennen wij onze huurders bij naam?,"));
}

/// Words that betray English (or the TOML word "unknown") in a Dutch form.
const ENGLISH: &[&str] = &[
    "unknown",
    "don't know",
    "not applicable",
    "n/a",
    "choice",
    "section",
    "question",
    "answer",
    "respondent code",
    "role",
    "choose",
];

/// The English words in a text, as whole words ("controlerondes" holds no "role").
fn english_in(text: &str) -> Vec<&'static str> {
    let words = |t: &str| {
        let spaced: String = t
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '\'' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        format!(
            " {} ",
            spaced.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    };
    let text = words(text);
    ENGLISH
        .iter()
        .copied()
        .filter(|w| text.contains(&words(w)))
        .collect()
}

#[test]
fn the_dutch_forms_say_weet_niet_and_nvt_and_explain_both_without_english_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = form(dir.path(), "vragenlijst.xlsx", &["--lang", "nl"]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let mut texts = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for row in range.rows() {
            texts.extend(row.iter().map(|d| d.to_string()));
        }
        texts.push(sheet);
    }
    let instructions = book.worksheet_range("Instructie").unwrap();
    let instructions: Vec<String> = instructions.rows().map(|r| r[0].to_string()).collect();
    let description = &instructions[2];
    assert!(
        description.contains("antwoord dan \"weet niet\"")
            && description.contains("antwoord dan \"n.v.t.\" (niet van toepassing)"),
        "{description}"
    );
    for text in &texts {
        assert_eq!(english_in(text), Vec::<&str>::new(), "{text}");
    }
    let (code, markdown, _) = run(&["form", "--format", "markdown", "--lang", "nl"]);
    assert_eq!(code, 0);
    assert!(
        markdown.contains("\"weet niet\"") && markdown.contains("\"n.v.t.\" (niet van toepassing)")
    );
    let (code, csv_text, _) = run(&["form", "--format", "csv", "--lang", "nl"]);
    assert_eq!(code, 0);
    assert!(
        csv_text.starts_with("id,onderdeel,vraag,type,keuze_1,"),
        "{csv_text}"
    );
    for text in [&markdown, &csv_text] {
        assert_eq!(english_in(text), Vec::<&str>::new());
    }
    // The English form keeps its own words.
    let (_, english, _) = run(&["form", "--format", "markdown", "--lang", "en"]);
    assert!(
        english.contains("answer \"don't know\"") && english.contains("occur, \"not applicable\"")
    );
}

#[test]
fn rows_without_a_date_column_are_one_error_not_one_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("export.csv");
    std::fs::write(
        &csv,
        "rol,beheerder\nwoonconsulent,2\nbestuurder,3\nwijkregisseur,4\n",
    )
    .unwrap();
    let out = dir.path().join("uit");
    let (code, _, err) = run(&[
        "import",
        csv.to_str().unwrap(),
        "--organisation",
        "De Dijk",
        "--id",
        "de-dijk",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("geen datum").count(), 1, "{err}");
    assert!(err.contains("--date"), "{err}");
}

/// A text longer than an Excel cell holds (32,767 characters) is refused before the
/// workbook is made, in the language of the run, naming the file and the field; the
/// CSV and Markdown forms, which have no such limit, are still written.
#[test]
fn a_text_beyond_excels_limit_is_named_by_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let sev = std::fs::read_to_string(crate::root().join("assessments/sev.toml")).unwrap();
    let start = "Waaraan besteedden onze beheerders";
    assert!(sev.contains(start));
    let english = "What did our estate caretakers spend";
    let long = sev
        .replacen(start, &format!("{} {start}", "x".repeat(40_000)), 1)
        .replacen(english, &format!("{} {english}", "x".repeat(40_000)), 1);
    let instrument = dir.path().join("lang.toml");
    std::fs::write(&instrument, long).unwrap();
    // The matrix the instrument names, beside it.
    std::fs::copy(
        crate::root().join("assessments/sev-matrix.toml"),
        dir.path().join("sev-matrix.toml"),
    )
    .unwrap();
    let xlsx = dir.path().join("formulier.xlsx");
    let (i, x) = (instrument.to_str().unwrap(), xlsx.to_str().unwrap());
    let (code, _, nl) = run(&["form", "--instrument", i, "-o", x]);
    assert_eq!(code, 1, "{nl}");
    assert!(
        nl.contains("lang.toml: de tekst van vraag `beheerder` heeft 40"),
        "{nl}"
    );
    assert!(nl.contains("meer dan een Excel-cel bevat (32767)"), "{nl}");
    assert!(!xlsx.exists());
    let (code, _, en) = run_en(&["form", "--instrument", i, "-o", x]);
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("lang.toml: the text of question `beheerder` has 40"),
        "{en}"
    );
    let csv = dir.path().join("vragen.csv");
    let (code, _, err) = run(&["form", "--instrument", i, "-o", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

/// `score --format xlsx` with a text beyond a cell's limit (an organisation name of
/// 40,000 characters) names the workbook, the cell, its column and organisation.
#[test]
fn a_score_workbook_refuses_a_text_beyond_excels_limit_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let instrument = koers::builtin::instrument("sev").unwrap();
    let name = "x".repeat(40_000);
    for respondent in ["r1", "r2", "r3"] {
        let mut text = format!(
            "instrument = \"sev\"\n[organisation]\nname = \"{name}\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"{respondent}\"\n[answers]\n"
        );
        for (_, q) in instrument.questions() {
            text.push_str(&format!("{} = 3\n", q.id));
        }
        std::fs::write(dir.path().join(format!("{respondent}.toml")), text).unwrap();
    }
    let xlsx = dir.path().join("posities.xlsx");
    let (folder, x) = (dir.path().to_str().unwrap(), xlsx.to_str().unwrap());
    // The CSV has no limit and carries the name whole.
    let (code, out, err) = run(&["score", folder, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&name));
    let (code, _, nl) = run(&["score", folder, "--format", "xlsx", "-o", x]);
    assert_eq!(code, 1, "{nl}");
    assert!(nl.contains("posities.xlsx: cel "), "{nl}");
    assert!(
        nl.contains("posities.xlsx: cel A2 (kolom `organisation_id`, organisatie `xxxx"),
        "{nl}"
    );
    assert!(nl.contains("een tekst van 40000 tekens"), "{nl}");
    assert!(!xlsx.exists());
    let (code, _, en) = run_en(&["score", folder, "--format", "xlsx", "-o", x]);
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("a text of 40000 characters, more than an Excel cell holds (32767)"),
        "{en}"
    );
}
