//! The README's picture and commands.

use crate::{root, run};

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
