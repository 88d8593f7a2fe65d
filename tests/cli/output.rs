//! Output files (`-o`) of `koers init` and `koers plot`: never over an input or a file
//! koers did not write without `--force`, never through a device or FIFO, `-o -` is
//! standard output, the mode of a new or replaced file, and failed writes that say so.

// Every test here reads the refusals in English: each command runs with KOERS_LANG=en.
use crate::{root, run_en as run};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh folder holding a copy of `tests/fixtures/custom`: an instrument, its matrix and
/// two assessments that use them.
fn custom_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("tests/fixtures/custom")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `koers` run in `dir` (not the repository root), for outputs named relative to it.
fn koers_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("koers"))
        .current_dir(dir)
        .env("KOERS_LANG", "en")
        .args(args)
        .output()
        .unwrap()
}

/// Runs a shell command line with `$KOERS` set to the binary, from the repository root.
#[cfg(unix)]
fn sh(script: &str) -> Output {
    Command::new("sh")
        .current_dir(root())
        .env("KOERS", assert_cmd::cargo::cargo_bin("koers"))
        .env("KOERS_LANG", "en")
        .args(["-c", script])
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The names in `dir` that start with `.koers-`: temporary files left behind.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".koers-")
        })
        .collect()
}

#[test]
fn init_never_replaces_an_existing_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let filled = dir.path().join("de-dijk-r01.toml");
    std::fs::write(&filled, "# filled in by hand\n").unwrap();
    let (code, _, err) = run(&["init", "-o", arg(&filled)]);
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to replace") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&filled).unwrap(),
        "# filled in by hand\n"
    );
    let (code, _, err) = run(&["init", "--force", "-o", arg(&filled)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(&filled)
            .unwrap()
            .contains("[answers]")
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn plot_replaces_its_own_picture_and_nothing_else_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("m.svg");
    let plot = |extra: &[&str]| {
        let mut args = vec!["plot", "assessments/examples/de-dijk", "-o", arg(&svg)];
        args.extend_from_slice(extra);
        run(&args)
    };
    assert_eq!(plot(&[]).0, 0);
    let (code, _, err) = plot(&["--title", "Again"]);
    assert_eq!(
        code, 0,
        "an earlier picture by koers plot is replaced: {err}"
    );
    assert!(std::fs::read_to_string(&svg).unwrap().contains("Again"));
    // Someone else's picture (or any other file) is kept.
    let logo = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Logo</title></svg>\n";
    std::fs::write(&svg, logo).unwrap();
    let (code, _, err) = plot(&[]);
    assert_eq!(code, 2);
    assert!(err.contains("refusing to replace"), "{err}");
    assert_eq!(std::fs::read_to_string(&svg).unwrap(), logo);
    let (code, _, err) = plot(&["--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("koers-title")
    );
    // The help says which file is replaced.
    let (_, help, _) = run(&["plot", "--help"]);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("A picture that koers plot drew before is replaced"));
}

#[test]
fn dash_is_standard_output_for_every_command_with_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let examples = root().join("assessments/examples/de-dijk");
    let init = koers_in(dir.path(), &["init", "--date", "2026-01-15", "-o", "-"]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    assert!(text(&init.stdout).contains("date = 2026-01-15"));
    let plot = koers_in(dir.path(), &["plot", arg(&examples), "-o", "-"]);
    assert!(plot.status.success(), "{}", text(&plot.stderr));
    assert!(text(&plot.stdout).starts_with("<svg "));
    assert!(text(&plot.stdout).ends_with("</svg>\n"));
    assert!(!dir.path().join("-").exists(), "no file named `-`");
    // `./-` still names a file.
    let named = koers_in(dir.path(), &["init", "-o", "./-"]);
    assert!(named.status.success() && dir.path().join("-").is_file());
}

#[cfg(unix)]
#[test]
fn devices_fifos_folders_and_links_to_them_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let to_fifo = dir.path().join("to-fifo.svg");
    std::os::unix::fs::symlink(&fifo, &to_fifo).unwrap();
    let to_null = dir.path().join("to-null.svg");
    std::os::unix::fs::symlink("/dev/null", &to_null).unwrap();
    let dangling = dir.path().join("dangling.svg");
    std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling).unwrap();
    let cases = [
        (fifo.clone(), "a FIFO"),
        (to_fifo.clone(), "a FIFO"),
        (PathBuf::from("/dev/null"), "a character device"),
        (to_null.clone(), "a character device"),
        (dir.path().to_path_buf(), "a folder"),
        (dangling.clone(), "a symbolic link to nothing"),
    ];
    for (path, kind) in &cases {
        for force in [false, true] {
            let mut args = vec!["plot", "assessments/examples/de-dijk", "-o", arg(path)];
            if force {
                args.push("--force");
            }
            let (code, _, err) = run(&args);
            assert_eq!(code, 2, "{path:?}");
            assert!(
                err.contains(&format!("it is {kind}, not a regular file")),
                "{path:?}: {err}"
            );
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(std::fs::symlink_metadata(&to_fifo).unwrap().is_symlink());
    assert!(std::fs::symlink_metadata(&to_null).unwrap().is_symlink());
    assert!(std::fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_link_to_a_regular_file_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.svg");
    let link = dir.path().join("link.svg");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, err) = run(&["plot", "assessments/examples/de-dijk", "-o", arg(&real)]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["plot", "assessments/examples/lingehof", "-o", arg(&link)]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("Lingehof"));
}

#[cfg(unix)]
#[test]
fn a_new_file_follows_the_umask_and_a_replaced_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    };
    let d = dir.path().display();
    let out = sh(&format!(
        "umask 027 && \"$KOERS\" init -o {d}/new.toml && \
         \"$KOERS\" plot assessments/examples/de-dijk -o {d}/new.svg"
    ));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(mode("new.toml"), 0o640);
    assert_eq!(mode("new.svg"), 0o640);
    std::fs::write(dir.path().join("shared.toml"), "").unwrap();
    std::fs::set_permissions(
        dir.path().join("shared.toml"),
        std::fs::Permissions::from_mode(0o664),
    )
    .unwrap();
    std::fs::set_permissions(
        dir.path().join("new.svg"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let out = sh(&format!(
        "umask 077 && \"$KOERS\" init --force -o {d}/shared.toml && \
         \"$KOERS\" plot assessments/examples/de-dijk -o {d}/new.svg"
    ));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(mode("shared.toml"), 0o664);
    assert_eq!(mode("new.svg"), 0o644);
}

#[test]
fn the_instrument_and_matrix_a_run_reads_are_never_outputs() {
    let dir = custom_copy();
    let assessment = dir.path().join("wooncompagnie-r1.toml");
    // The assessment is named alone: its folder is not searched, the files it uses are read.
    // (`score`, which writes any name: `plot` refuses a name that is not .svg or .png.)
    for name in ["instrument.toml", "matrix.toml", "wooncompagnie-r1.toml"] {
        let target = dir.path().join(name);
        let before = std::fs::read(&target).unwrap();
        let (code, _, err) = run(&["score", arg(&assessment), "-o", arg(&target), "--force"]);
        assert_eq!(code, 2, "{name}");
        assert!(
            err.contains("it is one of the input files"),
            "{name}: {err}"
        );
        assert_eq!(std::fs::read(&target).unwrap(), before, "{name}");
    }
    // Nor under another name: a link or a hard link to the instrument.
    #[cfg(unix)]
    {
        let instrument = dir.path().join("instrument.toml");
        let hard = dir.path().join("hard.toml");
        std::fs::hard_link(&instrument, &hard).unwrap();
        let soft = dir.path().join("soft.svg");
        std::os::unix::fs::symlink(&instrument, &soft).unwrap();
        for (command, alias) in [("score", &hard), ("plot", &soft)] {
            let (code, _, err) = run(&[command, arg(&assessment), "-o", arg(alias), "--force"]);
            assert_eq!(code, 2, "{alias:?}");
            assert!(err.contains("it is one of the input files"), "{err}");
        }
        // init reads an instrument file too.
        let (code, _, err) = run(&[
            "init",
            "--instrument",
            arg(&instrument),
            "-o",
            arg(&hard),
            "--force",
        ]);
        assert_eq!(code, 2);
        assert!(err.contains("it is one of the input files"), "{err}");
    }
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_new_toml_file_in_an_input_folder_is_refused() {
    let dir = custom_copy();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    for target in [dir.path().join("new.toml"), sub.join("new.toml")] {
        let (code, _, err) = run(&["score", arg(dir.path()), "-o", arg(&target)]);
        assert_eq!(code, 2, "{target:?}");
        assert!(
            err.contains("would be read as input next time"),
            "{target:?}: {err}"
        );
        assert!(!target.exists());
    }
    // Another kind of file in the folder is not read, so it may be written.
    let (code, _, err) = run(&["plot", arg(dir.path()), "-o", arg(&sub.join("m.svg"))]);
    assert_eq!(code, 0, "{err}");
}

#[cfg(unix)]
#[test]
fn a_failed_write_names_the_output_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("m.svg");
    // A file size limit of 512 bytes: writing the picture fails with EFBIG.
    let out = sh(&format!(
        "trap '' XFSZ; ulimit -f 1 && exec \"$KOERS\" plot assessments/examples -o {}",
        svg.display()
    ));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("cannot write {}: File too large", svg.display())),
        "{err}"
    );
    assert!(!err.contains(".koers-"), "{err}");
    assert!(!svg.exists());
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn help_and_standard_output_that_cannot_be_written_exit_2() {
    for args in [
        &["--help"][..],
        &["plot", "--help"],
        &["--version"],
        &["init", "-o", "-"],
        &["plot", "assessments/examples/de-dijk", "-o", "-"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(assert_cmd::cargo::cargo_bin("koers"))
            .current_dir(root())
            .env("KOERS_LANG", "en")
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("cannot write to standard output: No space left on device"),
            "{args:?}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_file_read_through_a_toml_link_in_a_folder_is_never_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    // The answers live in a .txt file; the folder holds a .toml link to it.
    let answers = data.join("antwoorden.txt");
    std::fs::copy(
        root().join("assessments/examples/de-dijk/2008-03-01-r1.toml"),
        &answers,
    )
    .unwrap();
    std::os::unix::fs::symlink(&answers, data.join("r1.toml")).unwrap();
    let before = std::fs::read(&answers).unwrap();
    let (code, _, err) = run(&["score", arg(&data), "-o", arg(&answers), "--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it is one of the input files"), "{err}");
    assert_eq!(std::fs::read(&answers).unwrap(), before);
}
