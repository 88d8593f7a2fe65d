//! The README's picture and commands.

use crate::{root, run, run_en};

#[test]
fn the_pictures_in_the_readme_are_up_to_date() {
    // The README shows each picture in docs/, made by the command it documents.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let pictures: [(&str, &[&str]); 3] = [
        ("matrix.svg", &[]),
        (
            "highlight.svg",
            &["--highlight", "lingehof", "--highlight", "portaal"],
        ),
        ("facet.svg", &["--facet", "organisation"]),
    ];
    for (file, extra) in pictures {
        assert!(
            readme.contains(&format!("](docs/{file})")),
            "the README shows docs/{file}"
        );
        let mut command = vec!["plot", "assessments/examples"];
        command.extend_from_slice(extra);
        let shown = format!("koers {} -o docs/{file}", command.join(" "));
        assert!(readme.contains(&shown), "the README says `{shown}`");
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join(file);
        command.extend_from_slice(&["-o", fresh.to_str().unwrap()]);
        let (code, _, err) = run(&command);
        assert_eq!(code, 0, "{err}");
        let committed = std::fs::read(root().join("docs").join(file)).unwrap();
        assert!(
            std::fs::read(&fresh).unwrap() == committed,
            "docs/{file} is out of date: run `cargo run -p koers-cli -- {}`",
            shown.trim_start_matches("koers ")
        );
    }
}

#[test]
fn the_validate_example_in_the_readme_is_what_koers_says() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let in_dir = |args: &[&str]| {
        let mut command = crate::koers(args);
        command.current_dir(dir.path());
        crate::outcome(command)
    };
    let (code, _, err) = in_dir(&["init", "-o", "het-baken-r01.toml"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("het-baken-r01.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let filled: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with("beheerder = ") {
                "beheerder = 7".to_string()
            } else if line.starts_with("name = ") {
                "name = \"Woonstichting Het Baken\"".to_string()
            } else {
                line.to_string()
            }
        })
        .collect();
    std::fs::write(&file, filled.join("\n") + "\n").unwrap();
    let (code, _, nl) = in_dir(&["validate", "het-baken-r01.toml"]);
    assert_eq!(code, 1, "{nl}");
    // The README indents the block by three spaces, inside a numbered step.
    let shown: String = nl.lines().take(4).map(|l| format!("   {l}\n")).collect();
    assert!(readme.contains(&shown), "the README should show:\n{shown}");
    let (_, _, en) = in_dir(&["validate", "--lang", "en", "het-baken-r01.toml"]);
    let first = format!("   {}\n", en.lines().next().unwrap());
    assert!(readme.contains(&first), "the README should show:\n{first}");
}

/// The ```toml block of a README step that starts with `marker`.
fn toml_block_after(readme: &str, marker: &str) -> String {
    let step = &readme[readme.find(marker).expect(marker)..];
    let start = step.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + step[start..].find("```").unwrap();
    step[start..end]
        .lines()
        .map(|line| line.strip_prefix("   ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_filled_in_example_in_the_readme_is_valid_and_its_own_organisation() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let text = toml_block_after(&readme, "2. **Fill it in**");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("het-baken-r01.toml");
    std::fs::write(&file, &text).unwrap();
    let (code, out, err) = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 geldig"), "{out}");
    // Not an example's organisation: scored with the examples, it would merge with one.
    let table: toml::Table = text.parse().unwrap();
    let id = table["organisation"]["id"].as_str().unwrap();
    let name = table["organisation"]["name"].as_str().unwrap();
    for entry in std::fs::read_dir(root().join("assessments/examples")).unwrap() {
        let folder = entry.unwrap().path();
        assert_ne!(folder.file_name().unwrap().to_str(), Some(id));
        for file in std::fs::read_dir(&folder).unwrap() {
            let example = std::fs::read_to_string(file.unwrap().path()).unwrap();
            assert!(!example.contains(&format!("\"{name}\"")), "{name}");
        }
    }
}

#[test]
fn git_ignores_what_the_walk_through_writes() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut outputs: Vec<&str> = readme
        .lines()
        .filter(|line| line.trim_start().starts_with("koers ") && !line.contains("--dir"))
        .filter_map(|line| line.split(" -o ").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .filter(|path| *path != "-" && !path.starts_with("docs/"))
        .collect();
    outputs.extend(["sev.schema.json", "posities.csv", "de-dijk"]);
    assert!(outputs.contains(&"het-baken-r01.toml"), "{outputs:?}");
    let git = std::process::Command::new("git")
        .current_dir(root())
        .arg("check-ignore")
        .arg("--no-index")
        .args(&outputs)
        .output();
    let Ok(git) = git else {
        eprintln!("git is not installed: not checked");
        return;
    };
    let ignored = String::from_utf8(git.stdout).unwrap();
    let missing: Vec<&&str> = outputs
        .iter()
        .filter(|o| !ignored.lines().any(|line| line == **o))
        .collect();
    assert!(missing.is_empty(), ".gitignore does not cover {missing:?}");
}

/// The commands of the README's ```sh blocks between `from` and `to`, as a shell reads
/// them: continued lines joined, comments dropped, double quotes kept together.
fn commands_between(readme: &str, from: &str, to: &str) -> Vec<Vec<String>> {
    let start = readme.find(from).expect(from);
    let end = start + readme[start..].find(to).expect(to);
    let mut commands = Vec::new();
    let mut in_block = false;
    let mut line = String::new();
    for raw in readme[start..end].lines() {
        let trimmed = raw.trim();
        if trimmed.starts_with("```") {
            in_block = trimmed == "```sh";
            continue;
        }
        if !in_block {
            continue;
        }
        line.push_str(trimmed.split(" #").next().unwrap().trim());
        if let Some(stripped) = line.strip_suffix('\\') {
            line = format!("{} ", stripped.trim_end());
            continue;
        }
        let mut words = Vec::new();
        let mut word = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ' ' if !quoted => {
                    if !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                }
                _ => word.push(c),
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        if words.first().map(String::as_str) == Some("koers") {
            commands.push(words[1..].to_vec());
        }
        line.clear();
    }
    commands
}

/// Fills in the answer sheet of the form at `form` as respondents would, one row each,
/// and writes it to `to`: what comes back from a survey sent out.
fn fill_in(form: &std::path::Path, to: &std::path::Path, respondents: u32) {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(form).unwrap();
    let sheet = book.sheet_names()[1].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let lists = book
        .worksheet_range(&book.sheet_names()[2].clone())
        .unwrap();
    let instrument = koers::builtin::instrument("sev").unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let answers = out.add_worksheet();
    answers.set_name(&sheet).unwrap();
    for (r, row) in range.rows().take(3).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            answers
                .write_string(r as u32, c as u16, cell.to_string())
                .unwrap();
        }
    }
    let ids: Vec<String> = range
        .rows()
        .nth(2)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let list_of = |scale: &str| -> Vec<String> {
        let col = (0..lists.width())
            .find(|&c| {
                lists
                    .get_value((0, c as u32))
                    .map(|d| d.to_string())
                    .as_deref()
                    == Some(scale)
            })
            .unwrap();
        lists
            .rows()
            .skip(1)
            .map(|r| r[col].to_string())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 15).unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for n in 0..respondents {
        let row = 3 + n;
        for (c, id) in ids.iter().enumerate() {
            let c16 = c as u16;
            match id.as_str() {
                "respondent" => answers.write_string(row, c16, format!("r{:02}", n + 1)),
                "rol" => answers.write_string(row, c16, "woonconsulent"),
                "datum" => answers.write_datetime_with_format(row, c16, &date, &date_format),
                question => {
                    let scale = &instrument.question(question).expect(question).scale;
                    let choices = list_of(scale);
                    // A spread of answers, each a choice from the cell's drop-down.
                    let pick = &choices[(c + n as usize) % (choices.len() - 2)];
                    answers.write_string(row, c16, pick)
                }
            }
            .unwrap();
        }
    }
    out.save(to).unwrap();
}

#[test]
fn the_survey_steps_of_the_readme_run_as_written_on_the_form_koers_writes() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let commands = commands_between(
        &readme,
        "## Run a survey in four steps",
        "**Privacy (AVG/GDPR).**",
    );
    let names: Vec<&str> = commands.iter().map(|c| c[0].as_str()).collect();
    assert!(
        names.starts_with(&["form"]) && names.contains(&"import") && names.contains(&"score"),
        "{names:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    for command in &commands {
        if command[0] == "import" {
            let form = dir.path().join("vragenlijst.xlsx");
            assert!(
                form.exists(),
                "the README writes the form before the import"
            );
            let source = command.iter().find(|w| w.ends_with(".xlsx")).unwrap();
            fill_in(&form, &dir.path().join(source), 3);
        }
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let mut run = crate::koers(&args);
        run.current_dir(dir.path());
        let (code, out, err) = crate::outcome(run);
        assert_eq!(code, 0, "koers {}:\n{out}{err}", command.join(" "));
        if command[0] == "import" {
            assert!(!err.contains("fout"), "{err}");
        }
    }
    let imported = std::fs::read_dir(dir.path().join("de-dijk"))
        .unwrap()
        .count();
    assert_eq!(imported, 3, "a file per respondent");
}

#[test]
fn the_register_steps_of_the_readme_run_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let commands = commands_between(
        &readme,
        "## Extent from records / Omvang uit registratie",
        "## At home in your editor and shell",
    );
    assert_eq!(commands.len(), 4, "{commands:?}");
    // A picture is written to a temporary folder, not into the repository.
    let dir = tempfile::tempdir().unwrap();
    for command in &commands {
        let mut args: Vec<String> = command.clone();
        if let Some(at) = args.iter().position(|a| a == "-o") {
            args[at + 1] = dir.path().join(&args[at + 1]).display().to_string();
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "koers {}:\n{out}{err}", command.join(" "));
        assert!(!err.contains("fout"), "{err}");
    }
}

/// The README's and the Dutch help's advice for a CSV file to open in Excel names
/// `--excel` (a `;` between fields and a decimal comma): a Dutch Excel puts a plain
/// `--format csv` (commas, decimal points) in one column.
#[test]
fn the_csv_advice_for_excel_names_excel() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut shown: Vec<String> = readme
        .lines()
        .filter(|l| l.trim_start().starts_with("koers ") && l.contains("--format csv"))
        .map(str::to_string)
        .collect();
    for (args, english) in [
        (&["--help"][..], false),
        (&["score", "--help"], false),
        (&["--help"], true),
        (&["score", "--help"], true),
    ] {
        let (code, out, err) = if english { run_en(args) } else { run(args) };
        assert_eq!(code, 0, "{err}");
        let examples: Vec<&str> = out
            .lines()
            .filter(|l| l.contains("koers score") && l.contains("--format csv"))
            .collect();
        assert!(
            examples.iter().any(|l| l.contains("--excel")),
            "koers {args:?} gives the Excel example\n{out}"
        );
        shown.extend(examples.into_iter().map(str::to_string));
    }
    assert!(
        shown.iter().any(|l| l.contains("--excel")),
        "the README's Excel CSV: {shown:?}"
    );
    for line in &shown {
        if line.contains("Excel") || line.contains("excel") {
            assert!(line.contains("--excel"), "{line}");
        }
    }
    // The command runs as the README writes it.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("posities.csv");
    let (code, _, err) = run(&[
        "score",
        root().join("assessments/examples").to_str().unwrap(),
        "--format",
        "csv",
        "--excel",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.lines().next().unwrap().contains(';'), "{csv}");
}
