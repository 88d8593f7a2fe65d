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
    let (code, _, err) = in_dir(&["init", "-o", "de-dijk-r01.toml"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("de-dijk-r01.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let filled: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with("beheerder = ") {
                "beheerder = 7".to_string()
            } else if line.starts_with("name = ") {
                "name = \"Woonstichting De Dijk\"".to_string()
            } else {
                line.to_string()
            }
        })
        .collect();
    std::fs::write(&file, filled.join("\n") + "\n").unwrap();
    let (code, _, nl) = in_dir(&["validate", "de-dijk-r01.toml"]);
    assert_eq!(code, 1, "{nl}");
    // The README indents the block by three spaces, inside a numbered step.
    let shown: String = nl.lines().take(4).map(|l| format!("   {l}\n")).collect();
    assert!(readme.contains(&shown), "the README should show:\n{shown}");
    let (_, _, en) = in_dir(&["validate", "--lang", "en", "de-dijk-r01.toml"]);
    let first = format!("   {}\n", en.lines().next().unwrap());
    assert!(readme.contains(&first), "the README should show:\n{first}");
}
