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
