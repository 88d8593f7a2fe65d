//! Folder walks over hostile places: link loops, FIFOs, dangling links, hidden files.
#![cfg(unix)]

use crate::run_en;
use std::os::unix::fs::symlink;
use std::path::Path;

/// A complete, valid assessment of one respondent.
fn assessment(respondent: &str) -> String {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let mut text = format!(
        "instrument = \"sev\"\n[organisation]\nname = \"Proef\"\n[assessment]\ndate = 2026-03-01\nrespondent = \"{respondent}\"\n[answers]\n"
    );
    for (_, q) in instrument.questions() {
        text.push_str(&format!("{} = 3\n", q.id));
    }
    text
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn loops_fifos_dangling_links_and_hidden_files_neither_hang_nor_count_twice() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("r1.toml"), assessment("r1")).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/r2.toml"), assessment("r2")).unwrap();
    // Two loops (each would repeat the walk forever), a second name for r1, a FIFO (reading
    // it would block), an editor's lock file (a dangling link), and a hidden folder.
    symlink(".", root.join("loop")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink("r1.toml", root.join("same-as-r1.toml")).unwrap();
    mkfifo(&root.join("fifo.toml"));
    symlink("user@host.1234", root.join(".#r1.toml")).unwrap();
    symlink("nothing-here", root.join("dangling.toml")).unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/x.toml"), "not = \"an assessment\"").unwrap();

    let path = root.to_str().unwrap();
    let (code, out, err) = run_en(&["score", path, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let respondents = &row[headers.iter().position(|h| h == "respondents").unwrap()];
    assert_eq!(respondents, "2", "each file counts once: {out}");
    assert!(
        err.contains("fifo.toml:1:1: warning: not a regular file"),
        "{err}"
    );
    assert!(
        err.contains("dangling.toml:1:1: warning: a link to nothing"),
        "{err}"
    );
    assert!(!err.contains(".#r1.toml") && !err.contains(".git"), "{err}");

    // validate walks the same way, and a FIFO named on the command line is not opened.
    let (code, out, err) = run_en(&["validate", path]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("checked 2 files"), "{out}");
}

/// `koers args` with a deadline: a run that blocks on a FIFO is killed and fails the test
/// instead of hanging it. (exit code, stderr, seconds taken).
fn run_bounded(args: &[&str], lang: &str) -> (i32, String, f64) {
    use std::io::Read;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_koers"));
    command
        .args(args)
        .env("KOERS_LANG", lang)
        .env_remove("CLICOLOR_FORCE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let start = std::time::Instant::now();
    let mut child = command.spawn().unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("koers {args:?} still ran after 20 s: it opened the special file");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (
        status.code().unwrap_or(-1),
        err,
        start.elapsed().as_secs_f64(),
    )
}

#[test]
fn a_fifo_or_device_named_as_an_assessment_is_an_unreadable_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    let valid = dir.path().join("r1.toml");
    std::fs::write(&valid, assessment("r1")).unwrap();
    let (fifo, valid) = (fifo.to_str().unwrap(), valid.to_str().unwrap());
    for (special, kind_en, kind_nl) in [
        (fifo, "a FIFO", "een FIFO"),
        ("/dev/null", "a character device", "een tekenapparaat"),
    ] {
        for command in ["score", "validate"] {
            // Alone, and beside a valid file: either way exit 2, an unreadable file.
            for args in [vec![command, special], vec![command, valid, special]] {
                let (code, err, seconds) = run_bounded(&args, "en");
                assert_eq!(code, 2, "{args:?}: {err}");
                assert!(
                    err.contains(&format!(
                        "{special}:1:1: error: cannot read this file: it is {kind_en}, not a regular file"
                    )),
                    "{args:?}: {err}"
                );
                assert!(seconds < 10.0, "{args:?} took {seconds} s");
            }
            let (code, err, _) = run_bounded(&[command, special], "nl");
            assert_eq!(code, 2, "{err}");
            assert!(
                err.contains(&format!(
                    "{special}:1:1: fout: kan dit bestand niet lezen: het is {kind_nl}, geen gewoon bestand"
                )),
                "{err}"
            );
        }
    }
    // validate counts it among the files checked, as one invalid file.
    let (code, out, err) = run_en(&["validate", valid, fifo]);
    assert_eq!(code, 2, "{err}");
    assert!(
        out.contains("checked 2 files: 1 valid, 1 invalid (1 error, 0 warnings)"),
        "{out}"
    );
}

#[test]
fn an_unreadable_file_is_one_problem_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r1.toml"), assessment("r1")).unwrap();
    let locked = dir.path().join("r2.toml");
    std::fs::write(&locked, assessment("r2")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root, which reads any file: there is nothing unreadable to test.
        return;
    }
    let (code, out, err) = run_en(&["validate", dir.path().to_str().unwrap()]);
    // An unreadable file is exit 2 (failure.rs), also when a folder walk found it
    // (checked as the user nobody: `setpriv --reuid=65534 koers validate DIR` exits 2).
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("r2.toml:1:1: error: cannot read this file: Permission denied"),
        "{err}"
    );
    assert!(out.contains("checked 2 files: 1 valid, 1 invalid"), "{out}");
}
