//! One language per run: the numbers of every human-readable output in the language's
//! format (a decimal comma in Dutch, a point in English), the help and the man pages in
//! Dutch unless English is asked for, and Dutch words in the files a Dutch import writes.

use crate::{koers, outcome, run, run_en};

/// The human-readable outputs that show numbers, as arguments of `koers` (the language is
/// added by the test).
const OUTPUTS: &[&[&str]] = &[
    &["score", "assessments/examples"],
    &["score", "assessments/examples/groenstede", "--by", "role"],
    &["score", "assessments/examples", "--format", "markdown"],
    &[
        "explain",
        "assessments/examples/portaal/portaal-2007-end.toml",
    ],
    &["explain", "assessments/examples/groenstede"],
    &["matrix"],
    &["agenda", "assessments/examples/groenstede"],
    &["agenda", "assessments/examples", "--format", "markdown"],
    &["gap", "assessments/examples/lingehof"],
    &["gap", "assessments/examples", "--format", "markdown"],
    &["profile", "assessments/examples/veenstad"],
    &["profile", "assessments/examples", "--format", "markdown"],
    &["validate", "assessments/examples"],
    &[
        "report",
        "assessments/examples",
        "--format",
        "markdown",
        "-o",
        "-",
    ],
];

/// The places in `text` where a number is written with `sign` as its decimal sign (a digit,
/// the sign, a digit), each with the line it stands in.
fn decimals_with(text: &str, sign: char) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        // A version ("versie 2.1", "sev 2.1") is a name, not a decimal number.
        let mut chars: Vec<char> = line.chars().collect();
        for word in ["versie ", "version ", "sev "] {
            let word: Vec<char> = word.chars().collect();
            while let Some(at) = chars.windows(word.len()).position(|w| w == word) {
                chars.drain(at..(at + word.len() + 3).min(chars.len()));
            }
        }
        if chars
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == sign && w[2].is_ascii_digit())
        {
            found.push(line.to_string());
        }
    }
    found
}

/// The text a reader sees of HTML or SVG: the text between the tags, without the style
/// sheet (whose numbers are the layout's, not the reader's).
fn text_nodes(markup: &str) -> String {
    let mut out = String::new();
    let mut rest = markup;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        rest = &rest[open..];
        for hidden in ["<style", "<script"] {
            if rest.starts_with(hidden) {
                let end = format!("</{}", &hidden[1..]);
                rest = rest.find(&end).map_or("", |i| &rest[i..]);
            }
        }
        rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
    }
    out.push_str(rest);
    out
}

/// A Dutch run's human output has no decimal point, an English run's no decimal comma.
fn check(args: &[&str], text: &str, lang: &str) {
    let (wrong, right) = if lang == "nl" { ('.', ',') } else { (',', '.') };
    assert_eq!(
        decimals_with(text, wrong),
        Vec::<String>::new(),
        "{lang} {args:?}:\n{text}"
    );
    // The check can fail: each output shows numbers with the language's sign.
    if args[0] != "validate" && args[0] != "matrix" {
        assert!(
            !decimals_with(text, right).is_empty(),
            "{lang} {args:?} shows no decimal:\n{text}"
        );
    }
}

#[test]
fn every_human_output_writes_numbers_in_the_language_of_the_run() {
    for args in OUTPUTS {
        for lang in ["nl", "en"] {
            let mut with_lang = args.to_vec();
            with_lang.extend(["--lang", lang]);
            let (code, out, err) = run(&with_lang);
            assert!(code == 0, "{with_lang:?}: {err}");
            check(args, &out, lang);
            check(&["validate"], &err, lang);
        }
    }
}

#[test]
fn the_report_and_the_picture_write_numbers_in_the_language_of_the_run() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["nl", "en"] {
        let report = dir.path().join(format!("rapport-{lang}.html"));
        let picture = dir.path().join(format!("matrix-{lang}.svg"));
        for args in [
            vec![
                "report",
                "assessments/examples",
                "-o",
                report.to_str().unwrap(),
            ],
            vec![
                "plot",
                "assessments/examples",
                "-o",
                picture.to_str().unwrap(),
            ],
        ] {
            let mut with_lang = args.clone();
            with_lang.extend(["--lang", lang]);
            let (code, _, err) = run(&with_lang);
            assert_eq!(code, 0, "{with_lang:?}: {err}");
        }
        let html = std::fs::read_to_string(&report).unwrap();
        check(&["report"], &text_nodes(&html), lang);
        let svg = std::fs::read_to_string(&picture).unwrap();
        check(&["plot"], &text_nodes(&svg), lang);
    }
}

#[test]
fn a_message_quoting_a_number_writes_it_in_the_language_of_the_run() {
    let (code, _, err) = run(&[
        "plot",
        "assessments/examples",
        "-o",
        "x.png",
        "--scale",
        "0.1",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("0,1 ligt niet tussen 0,25 en 8"), "{err}");
    let (code, _, err) = run(&[
        "plot",
        "assessments/examples",
        "-o",
        "x.png",
        "--scale",
        "0.1",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("0.1 is not from 0.25 to 8"), "{err}");
}

/// English words that Dutch help must not hold. ("of", "in", "is" and "over" are Dutch too;
/// "help" is the name of a subcommand.)
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "file",
    "files",
    "write",
    "writes",
    "print",
    "usage",
    "options",
    "arguments",
    "commands",
    "default",
    "possible",
    "values",
    "value",
    "version",
    "with",
    "from",
    "this",
    "each",
    "when",
    "where",
    "which",
    "show",
    "read",
    "output",
    "folder",
    "see",
    "more",
    "summary",
    "environment",
    "specified",
    "also",
    "subcommand",
    "subcommands",
    "name",
    "synopsis",
    "description",
];

/// The English words of a help text or man page: its prose, without the example command
/// lines, the flags (`--force`), the values in backticks and roff's escapes.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line
            .replace("\\-", "-")
            .replace("\\fB", " ")
            .replace("\\fR", " ")
            .replace("\\fI", " ");
        let bare = line.trim_start();
        if bare.starts_with("koers ") || bare.starts_with("man ") {
            continue;
        }
        // Drop `code` spans.
        let mut prose = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                prose.push_str(part);
                prose.push(' ');
            }
        }
        for token in prose.split_whitespace() {
            if token.starts_with('-') || token.starts_with('<') {
                continue;
            }
            for word in token.split(|c: char| !c.is_alphabetic()) {
                let word = word.to_lowercase();
                if ENGLISH.contains(&word.as_str()) {
                    found.push(format!("{word} in: {line}"));
                }
            }
        }
    }
    found
}

/// The subcommands of koers.
fn subcommands() -> Vec<String> {
    use clap::CommandFactory;
    koers_cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn every_help_is_dutch_in_a_dutch_run() {
    let mut runs: Vec<Vec<String>> = vec![
        vec!["--help".into()],
        vec!["-h".into()],
        vec!["help".into(), "score".into()],
    ];
    for sub in subcommands() {
        runs.push(vec![sub.clone(), "--help".into()]);
        runs.push(vec![sub, "-h".into()]);
    }
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("Gebruik: koers"), "{args:?}:\n{out}");
        assert!(!out.contains(koers_cli::help::MISSING), "{args:?}:\n{out}");
        assert_eq!(
            english_words(&out),
            Vec::<String>::new(),
            "{args:?}:\n{out}"
        );
    }
    let (_, out, _) = run(&["score", "--help"]);
    for dutch in [
        "Argumenten:",
        "Opties:",
        "[OPTIES] <PADEN>...",
        "standaard: table",
    ] {
        assert!(out.contains(dutch), "{dutch}:\n{out}");
    }
    let (_, out, _) = run(&["--help"]);
    assert!(
        out.contains("Opdrachten:") && out.contains("<OPDRACHT>"),
        "{out}"
    );
}

#[test]
fn help_is_english_with_lang_en_or_koers_lang_en_in_any_case() {
    for value in ["en", "EN", "En"] {
        let mut command = koers(&["score", "--help"]);
        command.env("KOERS_LANG", value);
        let (code, out, _) = outcome(command);
        assert_eq!(code, 0);
        assert!(
            out.contains("Usage: koers score [OPTIONS] <PATHS>..."),
            "{out}"
        );
        assert!(
            out.contains("Options:") && !out.contains("Opties:"),
            "{out}"
        );
    }
    let (code, out, _) = run(&["score", "--lang", "EN", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage:"), "{out}");
    let (code, out, _) = run(&["score", "--help", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage:"), "{out}");
}

#[test]
fn the_man_pages_are_dutch_in_a_dutch_run_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let nl = dir.path().join("nl");
    let en = dir.path().join("en");
    let (code, _, err) = run(&["man", "--dir", nl.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["man", "--dir", en.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let mut pages = 0;
    for entry in std::fs::read_dir(&nl).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read_to_string(&path).unwrap();
        assert!(
            page.contains(".SH NAAM") && page.contains(".SH OVERZICHT"),
            "{page}"
        );
        assert_eq!(
            english_words(&page),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        let english = std::fs::read_to_string(en.join(path.file_name().unwrap())).unwrap();
        assert!(english.contains(".SH NAME") && english.contains(".SH SYNOPSIS"));
        pages += 1;
    }
    assert_eq!(pages, subcommands().len() + 1);
}

/// Imports `export` (CSV) in `lang` as `kind` into `dir/lang-kind`; returns the folder.
fn import(dir: &std::path::Path, export: &str, lang: &str, kind: &str) -> std::path::PathBuf {
    let file = dir.join("export.csv");
    std::fs::write(&file, export).unwrap();
    let out = dir.join(format!("{lang}-{kind}"));
    let (code, _, err) = run(&[
        "import",
        file.to_str().unwrap(),
        "--organisation",
        "De Dijk",
        "--date",
        "2026-01-01",
        "--kind",
        kind,
        "--lang",
        lang,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn a_dutch_import_writes_dutch_words_that_score_as_the_english_ones() {
    let dir = tempfile::tempdir().unwrap();
    let export = "respondent,beheerder,nieuwe-huurder,renovatie,buurtgebouw,huismeester\n\
                  r01,4,weet niet,3,6,5\nr02,3,4,2,weet niet,4\nr03,5,5,4,5,n.v.t.\n";
    for kind in ["current", "ambition"] {
        let dutch = import(dir.path(), export, "nl", kind);
        let english = import(dir.path(), export, "en", kind);
        let file = "2026-01-01-r01.toml";
        let file = if kind == "ambition" {
            "2026-01-01-ambitie-r01.toml"
        } else {
            file
        };
        let nl = std::fs::read_to_string(dutch.join(file)).unwrap();
        let en = std::fs::read_to_string(english.join(file)).unwrap();
        let (nl_kind, en_kind) = if kind == "current" {
            ("huidig", "current")
        } else {
            ("ambitie", "ambition")
        };
        assert!(nl.contains(&format!("kind = \"{nl_kind}\"\n")), "{nl}");
        assert!(nl.contains("nieuwe-huurder = \"weet niet\"\n"), "{nl}");
        assert!(
            !nl.contains("\"unknown\"") && !nl.contains("\"current\""),
            "{nl}"
        );
        assert!(en.contains(&format!("kind = \"{en_kind}\"\n")), "{en}");
        assert!(en.contains("nieuwe-huurder = \"unknown\"\n"), "{en}");
        // Both spellings are valid and score alike, to the last digit.
        for folder in [&dutch, &english] {
            let (code, _, err) = run(&["validate", folder.to_str().unwrap()]);
            assert_eq!(code, 0, "{err}");
        }
        let score = |folder: &std::path::Path| {
            let (code, out, err) = run(&["score", folder.to_str().unwrap(), "--format", "json"]);
            assert_eq!(code, 0, "{err}");
            serde_json::from_str::<serde_json::Value>(&out).unwrap()
        };
        let (nl_score, en_score) = (score(&dutch), score(&english));
        assert_eq!(nl_score, en_score);
        assert!(
            nl_score
                .to_string()
                .contains(&format!("\"kind\":\"{en_kind}\"")),
            "{nl_score}"
        );
    }
}

#[test]
fn a_date_on_the_command_line_is_refused_in_the_language_of_the_run() {
    // Each command that takes --date, with a text that is no date and one that names no day.
    let import: &[&str] = &[
        "import",
        "x.csv",
        "--organisation",
        "X",
        "--date",
        "2026-13-45",
    ];
    for args in [import, &["init", "--date", "2026-02-30"]] {
        let (code, _, nl) = run(args);
        assert_eq!(code, 2, "{nl}");
        assert!(nl.contains("is geen datum"), "{nl}");
        assert!(!nl.contains("is not a date"), "{nl}");
        let (code, _, en) = run_en(args);
        assert_eq!(code, 2, "{en}");
        assert!(en.contains("is not a date"), "{en}");
    }
    let (_, _, nl) = run(&[
        "import",
        "x.csv",
        "--organisation",
        "X",
        "--date",
        "31-05-2007",
    ]);
    assert!(
        nl.contains("`31-05-2007` is geen datum: verwacht een datum als 2007-05-31"),
        "{nl}"
    );
}

/// Every command's `--help` in a terminal of 80 columns, in both languages: no line is
/// wider, an example is never broken inside a quoted value (a long one continues on the
/// next line after ` \`, so that it can be copied whole), and no paragraph leaves one
/// word alone on a line (the texts were wrapped by hand at 88 columns and again by clap).
#[test]
fn help_fits_80_columns_with_examples_that_can_be_copied() {
    use clap::CommandFactory;
    let names: Vec<String> = koers_cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in &names {
        for lang in ["nl", "en"] {
            let mut command = koers(&[name, "--help"]);
            command.env("COLUMNS", "80").env("KOERS_LANG", lang);
            let (code, help, err) = outcome(command);
            assert_eq!(code, 0, "{name} {lang}: {err}");
            let heading = if lang == "nl" {
                "Voorbeelden:"
            } else {
                "Examples:"
            };
            for line in help.lines() {
                assert!(line.chars().count() <= 80, "{name} {lang}: {line:?}");
            }
            let Some((_, after)) = help.split_once(heading) else {
                continue;
            };
            let mut continued = false;
            for line in after.lines().skip(1) {
                if line.is_empty() {
                    break;
                }
                assert!(
                    line.starts_with("  koers ") || line.starts_with("  man ") || continued,
                    "{name} {lang}: an example broken by the wrap: {line:?}"
                );
                assert_eq!(line.matches('"').count() % 2, 0, "{name} {lang}: {line:?}");
                continued = line.ends_with(" \\");
            }
            for paragraph in after.split("\n\n").skip(1) {
                for line in paragraph.lines() {
                    assert!(
                        line.trim().contains(' ') || line.trim().is_empty(),
                        "{name} {lang}: a word alone on a line: {line:?}"
                    );
                }
            }
        }
    }
}
