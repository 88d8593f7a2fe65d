//! Text from input files made safe for every place it goes: the terminal, the picture,
//! Markdown; and no line of a non-TOML file quoted in a message.

use crate::{run, run_en};

/// A complete assessment whose organisation name and role are `name` and `role` (TOML
/// basic strings, so `\u001b` and `\n` are escapes).
fn assessment(name: &str, role: &str, respondent: &str) -> String {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let mut text = format!(
        "instrument = \"sev\"\n[organisation]\nname = \"{name}\"\nid = \"x\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"{respondent}\"\nrole = \"{role}\"\n[answers]\n"
    );
    for (_, q) in instrument.questions() {
        text.push_str(&format!("{} = 3\n", q.id));
    }
    text
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let name = r"\u001b[31mRood\u0007\u0000";
    std::fs::write(
        dir.path().join("a.toml"),
        assessment(name, r"beheerder\u001b]0;titel\u0007", "r1"),
    )
    .unwrap();
    std::fs::write(dir.path().join("b.toml"), assessment(name, "manager", "r2")).unwrap();
    // An error message that quotes a control character from the file.
    std::fs::write(
        dir.path().join("c.toml"),
        assessment("Ander", "x", "r3").replace("beheerder = 3", "beheerder = \"\\u001b[2J\""),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let outputs = [
        run_en(&["score", path]),
        run_en(&["score", path, "--format", "markdown", "--by", "role"]),
        run_en(&["explain", path]),
        run_en(&["agenda", path]),
        run_en(&["validate", path]),
    ];
    for (_, out, err) in &outputs {
        for text in [out, err] {
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "a raw control character: {text:?}"
            );
        }
    }
    let (_, err_text) = (&outputs[4].1, &outputs[4].2);
    assert!(
        err_text.contains(r#"answer "\u001B[2J""#),
        "shown, not obeyed: {err_text}"
    );
}

#[test]
fn the_picture_stays_well_formed_xml_whatever_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let name = r"\u001b[31m <b>&amp; \ufffe\uffff \u0000";
    std::fs::write(dir.path().join("a.toml"), assessment(name, "r", "r1")).unwrap();
    let svg = dir.path().join("x.svg");
    let (code, _, err) = run(&[
        "plot",
        dir.path().to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
        .expect("a well-formed picture");
    assert!(text.contains("&lt;b&gt;&amp;amp;"), "markup is text");
}

#[test]
fn a_line_break_never_splits_a_markdown_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        assessment(r"Twee\nregels | en een pijp", "r", "r1"),
    )
    .unwrap();
    let (code, out, err) = run(&[
        "score",
        dir.path().to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0, "{err}");
    let row = out.lines().nth(2).unwrap();
    assert!(row.starts_with("| Twee regels \\| en een pijp |"), "{out}");
}

#[test]
fn a_file_of_secrets_named_as_instrument_is_never_quoted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("secret"),
        "root:$6$verysecret:19000:0:99999:7:::\n",
    )
    .unwrap();
    let text =
        assessment("X", "r", "r1").replace("instrument = \"sev\"", "instrument = \"secret\"");
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let (code, _, err) = run(&["validate", dir.path().join("a.toml").to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("secret:1:"), "the place is still named: {err}");
    assert!(!err.contains("verysecret"), "{err}");
    let (_, _, err) = run(&[
        "init",
        "--instrument",
        dir.path().join("secret").to_str().unwrap(),
    ]);
    assert!(!err.contains("verysecret"), "{err}");
}

#[test]
fn a_number_too_large_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(
        &file,
        assessment("X", "r", "r1").replace("beheerder = 3", "beheerder = 99999999999999999999"),
    )
    .unwrap();
    let (code, _, err) = run_en(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "error: the number 99999999999999999999 is too large: expected a whole number"
        ),
        "{err}"
    );
    assert!(!err.contains("i128"), "{err}");
}

#[test]
fn the_template_of_a_hostile_instrument_is_toml_without_raw_controls() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("instrument.toml");
    let text = koers::builtin::SEV_INSTRUMENT_TOML
        .replacen(
            "title = { nl = \"Verhuurder",
            "title = { nl = \"\\u001b[2J\\nx = 1\\u0007Verhuurder",
            1,
        )
        .replacen("id = \"beheerder\"", "id = \"beheer der\"", 1);
    std::fs::write(&file, text).unwrap();
    let (code, out, err) = run(&["init", "--instrument", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "a raw control character: {out:?}"
    );
    assert!(
        out.contains(r"# === \u{1b}[2J x = 1\u{7}Verhuurder"),
        "{out}"
    );
    assert!(out.contains("\n\"beheer der\" = \"\"\n"), "{out}");
    let template: toml::Table = toml::from_str(&out).expect("the template is TOML");
    assert!(
        !template.contains_key("x"),
        "a line break in a title adds no key"
    );
}

#[test]
fn an_output_path_that_names_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let example = "assessments/examples/de-dijk";
    for suffix in ["/", "/.", "/.."] {
        let out = format!("{d}/newout{suffix}");
        for args in [
            vec!["report", example, "-o", &out],
            vec!["plot", example, "-o", &out],
            vec!["score", example, "--format", "csv", "-o", &out],
            vec!["form", "--format", "csv", "-o", &out],
            vec!["init", "-o", &out],
            vec!["schema", "-o", &out],
        ] {
            let (code, _, err) = run_en(&args);
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(err.contains("it is a folder name"), "{args:?}: {err}");
            assert_eq!(
                std::fs::read_dir(dir.path()).unwrap().count(),
                0,
                "{args:?}"
            );
        }
    }
}

#[test]
fn a_report_koers_wrote_is_replaced_until_someone_edits_it() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["r.html", "r.md", "form.md"] {
        let out = dir.path().join(name);
        let out = out.to_str().unwrap();
        let args: Vec<&str> = if name == "form.md" {
            vec!["form", "--format", "markdown", "-o", out]
        } else {
            vec!["report", "assessments/examples/de-dijk", "-o", out]
        };
        let args: Vec<&str> = if name == "r.md" {
            args.into_iter().chain(["--format", "markdown"]).collect()
        } else {
            args
        };
        let (code, _, err) = run_en(&args);
        assert_eq!(code, 0, "{name}: {err}");
        let (code, _, err) = run_en(&args);
        assert_eq!(code, 0, "{name}: its own, unedited: {err}");
        let text = std::fs::read_to_string(out).unwrap();
        assert!(text.lines().last().unwrap().starts_with("<!-- koers:"));
        // An edit anywhere makes the file the user's.
        std::fs::write(out, text.replacen('a', "b", 1)).unwrap();
        let (code, _, err) = run_en(&args);
        assert_eq!(code, 2, "{name}");
        assert!(err.contains("refusing to replace"), "{err}");
        // So does a mark without what it marks, or one copied under other text.
        let last = text.lines().last().unwrap();
        std::fs::write(out, format!("mine\n{last}\n")).unwrap();
        assert_eq!(run_en(&args).0, 2, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_never_replaced_even_with_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("keep.toml");
    std::fs::write(&out, "# mine").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = run_en(&["init", "--force", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "# mine");
}

#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_a_failure_not_a_lost_output() {
    for command in [
        "score assessments/examples/de-dijk",
        "report assessments/examples/de-dijk -o -",
        "completions bash",
    ] {
        let out = std::process::Command::new("sh")
            .current_dir(crate::root())
            .env("KOERS", assert_cmd::cargo::cargo_bin("koers"))
            .env("KOERS_LANG", "en")
            .args(["-c", &format!("\"$KOERS\" {command} >&-")])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(
            err.contains("standard output") || err.contains("standaarduitvoer"),
            "{command}: {err}"
        );
        // Sent to /dev/null on purpose, it is no failure.
        let out = std::process::Command::new("sh")
            .current_dir(crate::root())
            .env("KOERS", assert_cmd::cargo::cargo_bin("koers"))
            .args(["-c", &format!("\"$KOERS\" {command} >/dev/null")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}");
    }
}

/// The assessment of `assessment` as the ambition of the same organisation.
fn ambition(name: &str, respondent: &str) -> String {
    assessment(name, "r", respondent).replacen(
        "[assessment]\n",
        "[assessment]\nkind = \"ambition\"\n",
        1,
    )
}

#[test]
fn a_name_is_text_in_every_markdown_output() {
    let dir = tempfile::tempdir().unwrap();
    // A name that would be a heading, raw HTML, a script link, a remote image and a table.
    let name = r"De Dijk\n# Kop\n<img src=x onerror=alert(1)> [klik](javascript:alert(1)) ![](http://evil.example/p.png) | a |";
    for r in ["r1", "r2", "r3"] {
        std::fs::write(
            dir.path().join(format!("{r}.toml")),
            assessment(name, "r", r),
        )
        .unwrap();
        std::fs::write(
            dir.path().join(format!("{r}-ambitie.toml")),
            ambition(name, r),
        )
        .unwrap();
    }
    let path = dir.path().to_str().unwrap();
    for command in ["score", "agenda", "profile", "gap"] {
        let (code, out, err) = run(&[command, path, "--format", "markdown"]);
        assert_eq!(code, 0, "{command}: {err}");
        assert!(out.contains("De Dijk"), "{command}: {out}");
        for markup in ["<img", " [klik](javascript", "![](", "\n# Kop"] {
            assert!(!out.contains(markup), "{command} passes {markup:?}: {out}");
        }
        for line in out.lines() {
            assert!(
                !line.trim_start().starts_with("# Kop"),
                "{command}: a second heading: {out}"
            );
        }
    }
}

/// The built-in instrument with a question text, a section title and its version as
/// someone hostile wrote them.
fn hostile_instrument(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("instrument.toml");
    let text = koers::builtin::SEV_INSTRUMENT_TOML
        .replacen(
            "title = { nl = \"Verhuurder",
            "title = { nl = \"@SUM(A1) \\u001b]52;c;aGk=\\u0007Verhuurder",
            1,
        )
        .replacen(
            "version = \"2.1\"",
            "version = \"2.1 <script>x</script>\"",
            1,
        );
    let text = text.replacen("text = { nl = \"", "text = { nl = \"=1+2 ", 1);
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_form_as_csv_holds_no_formula_and_reaches_a_terminal_without_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let instrument = hostile_instrument(dir.path());
    let (code, out, err) = run(&[
        "form",
        "--instrument",
        instrument.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("'=1+2 "), "a formula is kept as text: {out}");
    assert!(out.contains("'@SUM(A1) "), "{out}");
    for line in out.lines() {
        for cell in line.split(',') {
            assert!(
                !cell.trim_start_matches('"').starts_with(['=', '@']),
                "a cell a spreadsheet would run: {cell}"
            );
        }
    }
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r'),
        "a raw control character: {out:?}"
    );

    let (code, out, err) = run(&[
        "form",
        "--instrument",
        instrument.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("<script>"), "{out}");
    assert!(out.contains("&lt;script&gt;"), "{out}");
}

#[test]
fn no_name_turns_the_picture_or_the_report_around() {
    let dir = tempfile::tempdir().unwrap();
    // U+202E makes everything after it read right to left; U+2066 opens an isolate.
    let name = r"Woon\u202Ekcid ed\u202C \u2066Zorg";
    for r in ["r1", "r2", "r3"] {
        std::fs::write(
            dir.path().join(format!("{r}.toml")),
            assessment(name, "r", r),
        )
        .unwrap();
    }
    let svg = dir.path().join("x.svg");
    let html = dir.path().join("x.html");
    let path = dir.path().to_str().unwrap();
    let (code, _, err) = run(&["plot", path, "-o", svg.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["report", path, "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for file in [&svg, &html] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("Woonkcid ed Zorg"), "{}", file.display());
        assert!(
            !text.contains(['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}'])
                && !text.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']),
            "a direction control in {}",
            file.display()
        );
    }
}
