//! `koers matrix`.

use crate::{run, run_en};

#[test]
fn the_built_in_matrix_in_dutch_and_english() {
    let (code, nl, _) = run(&["matrix"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("matrix_nl", nl);
    let (code, en, _) = run(&["matrix", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(en.contains("Neighbourhood director — real-estate accent  [wijkregisseur-vastgoed]"));
}

#[test]
fn a_matrix_from_a_file() {
    let (code, out, err) = run(&["matrix", "--matrix", "tests/fixtures/custom/matrix.toml"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("matrix_custom", out);
}

#[test]
fn an_invalid_matrix_file_exits_1_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    let text = std::fs::read_to_string(crate::root().join("tests/fixtures/custom/matrix.toml"))
        .unwrap()
        .replace(
            "x = [50, 100]\ny = [50, 100]",
            "x = [40, 100]\ny = [50, 100]",
        );
    std::fs::write(&file, text).unwrap();
    let (code, _, err) = run_en(&["matrix", "--matrix", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("regions `facilitator`, `partner` overlap at (45, 75)"),
        "{err}"
    );
}

/// A matrix file that an instrument names but that cannot be read is that failure
/// (exit 2, the file named), never "unknown matrix": the library's resolver carries the
/// reader's own error out.
#[test]
fn an_unreadable_matrix_file_is_a_read_failure_not_an_unknown_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let custom = crate::root().join("tests/fixtures/custom");
    std::fs::copy(
        custom.join("instrument.toml"),
        dir.path().join("instrument.toml"),
    )
    .unwrap();
    // Not UTF-8: the file exists, but reading it as text fails.
    std::fs::write(dir.path().join("matrix.toml"), b"id = \"\xff\xfe\"\n").unwrap();
    let instrument = dir.path().join("instrument.toml");
    let (code, _, err) = run_en(&["validate", instrument.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("matrix.toml"), "{err}");
    assert!(!err.contains("unknown matrix"), "{err}");
}
