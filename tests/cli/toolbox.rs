//! `koers completions` and `koers man`.

use crate::run;

const SUBCOMMANDS: [&str; 6] = ["init", "validate", "score", "plot", "schema", "completions"];

#[test]
fn every_shell_gets_a_completion_script_with_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell} completes {sub}");
        }
        // Options and their values complete too.
        assert!(out.contains("--format"), "{shell}");
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn man_writes_a_page_per_subcommand_and_keeps_existing_pages_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("man1");
    let folder_arg = folder.to_str().unwrap();
    let (code, out, err) = run(&["man", "--dir", folder_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let koers = std::fs::read_to_string(folder.join("koers.1")).unwrap();
    assert!(koers.contains(".TH koers 1"), "{koers}");
    for sub in SUBCOMMANDS.iter().chain(&["man", "report", "import"]) {
        let page = std::fs::read_to_string(folder.join(format!("koers-{sub}.1")))
            .unwrap_or_else(|e| panic!("koers-{sub}.1: {e}"));
        assert!(page.contains(&format!(".TH koers-{sub} 1")), "{sub}");
    }
    let score = std::fs::read_to_string(folder.join("koers-score.1")).unwrap();
    assert!(
        score.contains("\\-\\-by"),
        "the options of score are on its page"
    );
    assert!(!folder.join("koers-help.1").exists());

    std::fs::write(folder.join("koers-score.1"), "mine").unwrap();
    let (code, _, err) = run(&["man", "--dir", folder_arg]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(folder.join("koers-score.1")).unwrap(),
        "mine"
    );
    let (code, _, err) = run(&["man", "--dir", folder_arg, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(folder.join("koers-score.1")).unwrap(),
        score
    );
}
