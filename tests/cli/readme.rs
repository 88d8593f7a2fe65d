//! The README's picture and commands.

use crate::{root, run};

#[test]
fn the_picture_in_the_readme_is_up_to_date() {
    // The README shows docs/matrix.svg, made by the command it documents.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains("![") && readme.contains("(docs/matrix.svg)"),
        "the README shows the picture"
    );
    assert!(readme.contains("koers plot assessments/examples -o docs/matrix.svg"));
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("matrix.svg");
    let (code, _, err) = run(&[
        "plot",
        "assessments/examples",
        "-o",
        fresh.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let committed = std::fs::read(root().join("docs/matrix.svg")).unwrap();
    assert!(
        std::fs::read(&fresh).unwrap() == committed,
        "docs/matrix.svg is out of date: run `cargo run -p koers-cli -- plot assessments/examples -o docs/matrix.svg`"
    );
}
