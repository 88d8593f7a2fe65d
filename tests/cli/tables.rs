//! Every terminal table fits `COLUMNS`, wraps between words and keeps its columns aligned
//! (issue 25.4): `score`, `explain`, `matrix`, `agenda`, `gap` and `profile`, on the
//! examples and on a group whose roles and organisation have long names.

use std::collections::HashSet;
use std::path::Path;

/// The words the note under a table adds when it leaves columns out ("(sd x, marge
/// weggelaten om in 80 tekens te passen: ...)", in Dutch and English); its column names
/// are words of the whole table.
const NOTE: &str = "weggelaten om in 80 60 tekens te passen breder venster COLUMNS of --format csv \
    toont alles left out to fit characters a wider window or shows all";

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ':' | ';' | '.'))
}

/// Runs `koers ARGS` with `COLUMNS` set to `columns` (none: into a pipe, whole).
fn shown(args: &[&str], columns: Option<usize>) -> String {
    let mut command = crate::koers(args);
    if let Some(columns) = columns {
        command.env("COLUMNS", columns.to_string());
    }
    let (code, out, err) = crate::outcome(command);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// Checks `koers ARGS` at 80 and 60 columns against its whole output: no line is wider,
/// and every word is a whole word of the whole output (no word broken in two, with or
/// without a hyphen).
fn fits(args: &[&str]) {
    let whole = shown(args, None);
    let words: HashSet<&str> = whole
        .split_whitespace()
        .map(bare)
        .chain(NOTE.split(' '))
        .collect();
    for columns in [80, 60] {
        let fitted = shown(args, Some(columns));
        for line in fitted.lines() {
            assert!(
                line.chars().count() <= columns,
                "{args:?} at {columns}: {line:?}\n{fitted}"
            );
        }
        for word in fitted.split_whitespace() {
            if word.chars().all(|c| c == '-') {
                // The rule under a table's header is as wide as its column.
                continue;
            }
            assert!(
                words.contains(bare(word)),
                "{args:?} at {columns}: `{word}` is not a word of the whole output\n{fitted}"
            );
        }
    }
}

#[test]
fn every_table_of_the_examples_fits_80_and_60_columns_with_whole_words() {
    // Whole, the tables are wider than 80: the test can fail.
    let whole = shown(&["explain", "assessments/examples/groenstede"], None);
    assert!(whole.lines().any(|l| l.chars().count() > 80));
    for args in [
        vec!["score", "assessments/examples"],
        vec!["score", "assessments/examples", "--by", "respondent"],
        vec!["score", "assessments/examples", "--lang", "en"],
        vec!["explain", "assessments/examples/groenstede"],
        vec!["explain", "assessments/examples/portaal"],
        vec!["explain", "assessments/examples/lingehof", "--lang", "en"],
        vec!["matrix"],
        vec!["matrix", "--lang", "en"],
        vec!["agenda", "assessments/examples"],
        vec!["gap", "assessments/examples"],
        vec!["profile", "assessments/examples"],
    ] {
        fits(&args);
    }
}

/// The dates (YYYY-MM-DD) in a text, each as often as it occurs.
fn dates(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = (0..text.len().saturating_sub(9))
        .filter(|&i| text.is_char_boundary(i) && text.is_char_boundary(i + 10))
        .map(|i| &text[i..i + 10])
        .filter(|d| {
            d.bytes().enumerate().all(|(k, b)| match k {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            })
        })
        .collect();
    found.sort_unstable();
    found
}

/// At 80 and 60 columns `score` keeps the date: without it Lingehof's rows of 2005, 2007
/// and 2009 read three times "Woonstichting Lingehof | huidige positie" with different
/// numbers.
#[test]
fn score_keeps_the_date_that_tells_one_organisation_s_rows_apart() {
    for lang in ["nl", "en"] {
        let args = ["score", "assessments/examples", "--lang", lang];
        let whole = shown(&args, None);
        let all = dates(&whole);
        for date in ["2005-04-01", "2007-04-01", "2009-04-01"] {
            assert!(all.contains(&date), "{date} in the whole table\n{whole}");
        }
        for columns in [80, 60] {
            let fitted = shown(&args, Some(columns));
            assert_eq!(
                dates(&fitted),
                all,
                "every row's date at {columns} columns ({lang})\n{fitted}"
            );
            let header = fitted.lines().next().unwrap();
            let date = if lang == "nl" { "datum" } else { "date" };
            assert!(header.split_whitespace().any(|w| w == date), "{fitted}");
        }
    }
    // By role the date stays as well (the role, the rows' key, goes after it).
    let args = ["score", "assessments/examples", "--by", "role"];
    let whole = shown(&args, None);
    let fitted = shown(&args, Some(80));
    assert_eq!(dates(&fitted), dates(&whole), "{fitted}");
}

/// Groenstede's 13 respondents, their roles and their organisation renamed to long Dutch
/// names, in `dir`.
fn long_names(dir: &Path) {
    let source = crate::root().join("assessments/examples/groenstede");
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace(
                "name = \"Woonstichting Groenstede\"",
                "name = \"Woningbouwvereniging Groenstede-Voorzieningen Oost\"",
            )
            .replace(
                "role = \"manager\"",
                "role = \"manager vastgoedontwikkeling en herstructureringsprojecten\"",
            )
            .replace(
                "role = \"beheerder\"",
                "role = \"wijkbeheerder-huismeester\"",
            )
            .replace(
                "role = \"woonconsulent\"",
                "role = \"woonconsulent bewonersparticipatie\"",
            );
        std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
}

#[test]
fn long_role_and_organisation_names_wrap_between_words() {
    let dir = tempfile::tempdir().unwrap();
    long_names(dir.path());
    let folder = dir.path().to_str().unwrap();
    let whole = shown(&["score", folder, "--by", "role"], None);
    assert!(whole.contains("herstructureringsprojecten"), "{whole}");
    for command in ["score", "agenda", "profile", "explain"] {
        fits(&[command, folder, "--by", "role"][..if command == "score" { 4 } else { 2 }]);
    }
    // The role column keeps its long words whole at 80 columns.
    let fitted = shown(&["score", folder, "--by", "role"], Some(80));
    assert!(fitted.contains("herstructureringsprojecten"), "{fitted}");
    assert!(fitted.contains("wijkbeheerder-huismeester"), "{fitted}");
}

/// The start (in characters) of `word` in `line`.
fn column_of(line: &str, word: &str) -> usize {
    line[..line.find(word).unwrap()].chars().count()
}

#[test]
fn explain_keeps_its_section_table_aligned() {
    for columns in [None, Some(80)] {
        let out = shown(&["explain", "assessments/examples/groenstede"], columns);
        let lines: Vec<&str> = out.lines().collect();
        let head = lines
            .iter()
            .position(|l| l.starts_with("onderdelen"))
            .unwrap();
        // The score column ends where its header ends, on every row: numbers align right.
        let end = column_of(lines[head], "score") + "score".len();
        let rows: Vec<&str> = lines[head + 2..]
            .iter()
            .take_while(|l| !l.is_empty())
            .copied()
            .collect();
        let mut numbers = 0;
        for row in &rows {
            let chars: Vec<char> = row.chars().collect();
            let last = chars.get(end - 1).copied().unwrap_or(' ');
            let after = chars.get(end).copied().unwrap_or(' ');
            assert!(
                after == ' ' && (last.is_ascii_digit() || last == '–' || last == ' '),
                "{columns:?}: {row:?}\n{out}"
            );
            numbers += usize::from(last.is_ascii_digit());
        }
        assert!(numbers >= 8, "{columns:?}: one score per section\n{out}");
    }
}
