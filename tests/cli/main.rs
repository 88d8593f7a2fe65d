//! End-to-end tests of the `koers` command: one test binary, a module per subcommand.

mod analysis;
mod explain;
mod folders;
mod form;
mod fuzz;
mod identity;
mod import;
mod init;
mod language;
mod matrix;
mod messages;
mod output;
mod plot;
mod readme;
mod register;
mod report;
mod safety;
mod scale;
mod schema;
mod score;
mod serve;
mod tables;
mod toolbox;
mod validate;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root: commands run from there, so paths in messages read
/// `assessments/examples/...`, as for a user in a fresh clone.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `koers` with the given arguments, run from the repository root. `KOERS_LANG` is not
/// passed on from the environment of the test run: a command speaks Dutch unless the test
/// asks for English (`--lang en`, or [`run_en`]); nor are `COLUMNS` and `CLICOLOR_FORCE`.
pub fn koers(args: &[&str]) -> Command {
    let mut command = Command::cargo_bin("koers").unwrap();
    command
        .current_dir(root())
        .env_remove("KOERS_LANG")
        // Tables fit COLUMNS and diagnostics may be coloured: a test asks for either.
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .args(args);
    command
}

/// Runs `koers` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    outcome(koers(args))
}

/// Runs `koers` with `KOERS_LANG=en`, for a test that reads its English messages.
pub fn run_en(args: &[&str]) -> (i32, String, String) {
    let mut command = koers(args);
    command.env("KOERS_LANG", "en");
    outcome(command)
}

/// (exit code, stdout, stderr) of a command.
pub fn outcome(mut command: Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_command_line_definition_is_consistent() {
    use clap::CommandFactory;
    koers_cli::Cli::command().debug_assert();
}

#[test]
fn every_subcommand_shows_an_example_in_its_help() {
    for sub in [
        "init",
        "validate",
        "score",
        "explain",
        "matrix",
        "plot",
        "form",
        "import",
        "report",
        "agenda",
        "gap",
        "profile",
        "schema",
        "completions",
        "man",
    ] {
        let (code, out, _) = run(&[sub, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("Voorbeelden:\n  koers "), "{sub}:\n{out}");
        let (code, out, _) = run_en(&[sub, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("Examples:\n  koers "), "{sub}:\n{out}");
    }
}

#[test]
fn version_prints_the_version() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("koers {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_usage_error_exits_2() {
    let (code, _, err) = run(&["score", "--format", "xml", "assessments/examples"]);
    assert_eq!(code, 2);
    assert!(err.contains("ongeldige waarde 'xml'"), "{err}");
    let (code, _, err) = run_en(&["score", "--format", "xml", "assessments/examples"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'xml'"), "{err}");
}

/// `--lang` is read as clap reads it (`koers::Lang`'s `FromStr`, any case), so a refused
/// argument speaks the language asked for however it is spelt.
#[test]
fn a_usage_error_speaks_the_language_asked_for_in_any_case() {
    let (code, _, err) = run(&["score", "--lang", "EN", "--format", "xml", "assessments"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'xml'"), "{err}");
    let (code, _, err) = run(&["score", "--lang=Nl", "--format", "xml", "assessments"]);
    assert_eq!(code, 2);
    assert!(err.contains("ongeldige waarde 'xml'"), "{err}");
}
