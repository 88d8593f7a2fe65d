//! `koers schema`, the schemas committed under `schemas/`, and the `#:schema` line and
//! schema file of `koers init`.

use crate::{root, run};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The committed schemas and the arguments of the command that makes each.
const COMMITTED: [(&str, &[&str]); 6] = [
    ("assessment.schema.json", &["schema", "assessment"]),
    ("register.schema.json", &["schema", "register"]),
    ("instrument.schema.json", &["schema", "instrument"]),
    ("matrix.schema.json", &["schema", "matrix"]),
    ("sev.schema.json", &["schema", "--instrument", "sev"]),
    (
        "sev.en.schema.json",
        &["schema", "--instrument", "sev", "--lang", "en"],
    ),
];

#[test]
fn the_committed_schemas_are_up_to_date() {
    let folder = root().join("schemas");
    let update = std::env::var_os("KOERS_UPDATE_SCHEMAS").is_some();
    for (name, args) in COMMITTED {
        let (code, fresh, err) = run(args);
        assert_eq!(code, 0, "{name}: {err}");
        let path = folder.join(name);
        if update {
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "schemas/{name} is out of date: run `KOERS_UPDATE_SCHEMAS=1 cargo test -p koers-cli --test cli schema` and review the diff"
        );
    }
    let mut found: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    found.sort();
    let mut expected: Vec<String> = COMMITTED.iter().map(|(n, _)| n.to_string()).collect();
    expected.sort();
    assert_eq!(
        found, expected,
        "schemas/ holds exactly the generated schemas"
    );
}

/// A TOML file as the JSON an editor checks against the schema: dates become strings, as
/// Taplo presents them.
fn toml_as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    json_of(&text.parse::<toml::Table>().unwrap())
}

fn json_of(table: &toml::Table) -> Value {
    Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), value_of(v)))
            .collect(),
    )
}

fn value_of(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => (*f).into(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.iter().map(value_of).collect(),
        toml::Value::Table(table) => json_of(table),
    }
}

fn schema(args: &[&str]) -> jsonschema::Validator {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    let schema: Value = serde_json::from_str(&out).unwrap();
    assert!(
        jsonschema::draft7::meta::validator()
            .validate(&schema)
            .is_ok(),
        "{args:?} is a valid draft 7 schema"
    );
    jsonschema::draft7::new(&schema).unwrap()
}

fn problems(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn toml_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(toml_files(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn the_sev_schema_accepts_every_example_assessment() {
    let (registers, files): (Vec<PathBuf>, Vec<PathBuf>) =
        toml_files(&root().join("assessments/examples"))
            .into_iter()
            .partition(|f| toml_as_json(f).get("register").is_some());
    assert!(files.len() > 60, "{}", files.len());
    // The registers beside them follow the schema of a register.
    assert_eq!(registers.len(), 2);
    let validator = schema(&["schema", "register"]);
    for file in &registers {
        let problems = problems(&validator, &toml_as_json(file));
        assert!(problems.is_empty(), "{}: {problems:?}", file.display());
    }
    for args in [
        &["schema", "--instrument", "sev"][..],
        &["schema", "--instrument", "sev", "--lang", "en"],
        &["schema", "assessment"],
    ] {
        let validator = schema(args);
        for file in &files {
            let problems = problems(&validator, &toml_as_json(file));
            assert!(
                problems.is_empty(),
                "{args:?} {}: {problems:?}",
                file.display()
            );
        }
    }
}

/// An example assessment with some lines replaced, as JSON.
fn example_with(replace: &[(&str, &str)]) -> Value {
    let path = root().join("assessments/examples/lingehof/2009-04-01-ambitie-r1.toml");
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    json_of(&text.parse::<toml::Table>().unwrap())
}

#[test]
fn the_sev_schema_accepts_every_spelling_koers_reads() {
    let validator = schema(&["schema", "--instrument", "sev"]);
    for (from, to) in [
        ("kind = \"ambition\"", "kind = \"ambitie\""),
        ("kind = \"ambition\"", "kind = \"huidig\""),
        ("kind = \"ambition\"", "kind = \"huidige\""),
        ("kind = \"ambition\"", ""),
        ("date = 2009-04-01", "date = \"2009-04-01\""),
        ("buurtbeheerder = 6", "buurtbeheerder = \"weet niet\""),
        ("buurtbeheerder = 6", "buurtbeheerder = \"n.v.t.\""),
        ("buurtbeheerder = 6", "buurtbeheerder = \"nvt\""),
        ("buurtbeheerder = 6", "buurtbeheerder = \"\""),
        ("buurtbeheerder = 6", "buurtbeheerder = 1"),
    ] {
        let instance = example_with(&[(from, to)]);
        assert_eq!(
            problems(&validator, &instance),
            Vec::<String>::new(),
            "{to}"
        );
    }
}

#[test]
fn the_sev_schema_rejects_a_misspelt_id_and_an_answer_off_the_scale() {
    let validator = schema(&["schema", "--instrument", "sev"]);
    let generic = schema(&["schema", "assessment"]);
    for (from, to, at) in [
        ("buurtbeheerder = 6", "buurtbeheerdar = 6", "/answers"),
        (
            "buurtbeheerder = 6",
            "buurtbeheerder = 7",
            "/answers/buurtbeheerder",
        ),
        (
            "buurtbeheerder = 6",
            "buurtbeheerder = 0",
            "/answers/buurtbeheerder",
        ),
        (
            "buurtbeheerder = 6",
            "buurtbeheerder = \"misschien\"",
            "/answers/buurtbeheerder",
        ),
        // `beheerder` is on the 1–5 focus scale: 6 is off it there.
        ("beheerder = 4", "beheerder = 6", "/answers/beheerder"),
        (
            "kind = \"ambition\"",
            "kind = \"curent\"",
            "/assessment/kind",
        ),
        (
            "date = 2009-04-01",
            "date = \"1 april 2009\"",
            "/assessment/date",
        ),
        ("[answers]", "colour = \"red\"\n[answers]", "/assessment"),
    ] {
        let instance = example_with(&[(from, to)]);
        let found = problems(&validator, &instance);
        assert!(
            found.iter().any(|p| p.ends_with(&format!(" at {at}"))),
            "{to}: {found:?}"
        );
        // Only the schema of the instrument knows the ids and scales.
        if at.starts_with("/answers") && to != "buurtbeheerder = \"misschien\"" {
            assert!(generic.is_valid(&instance), "{to}");
        }
    }
}

#[test]
fn the_instrument_and_matrix_schemas_accept_the_built_in_and_custom_files() {
    let instrument = schema(&["schema", "instrument"]);
    let matrix = schema(&["schema", "matrix"]);
    for (validator, file) in [
        (&instrument, "assessments/sev.toml"),
        (&instrument, "tests/fixtures/custom/instrument.toml"),
        (&matrix, "assessments/sev-matrix.toml"),
        (&matrix, "tests/fixtures/custom/matrix.toml"),
    ] {
        let instance = toml_as_json(&root().join(file));
        assert_eq!(
            problems(validator, &instance),
            Vec::<String>::new(),
            "{file}"
        );
    }
    // A misspelt key is an error, as it is for koers.
    let mut sev = toml_as_json(&root().join("assessments/sev.toml"));
    sev["sections"][0]["questions"][0]["wieght"] = 2.into();
    assert!(!instrument.is_valid(&sev));
}

#[test]
fn a_custom_instrument_gets_a_schema_of_its_own_questions() {
    let validator = schema(&[
        "schema",
        "--instrument",
        "tests/fixtures/custom/instrument.toml",
    ]);
    for file in ["wooncompagnie-r1.toml", "wooncompagnie-r2.toml"] {
        let instance = toml_as_json(&root().join("tests/fixtures/custom").join(file));
        assert_eq!(
            problems(&validator, &instance),
            Vec::<String>::new(),
            "{file}"
        );
    }
    let sev = toml_as_json(&root().join("assessments/examples/de-dijk/2008-03-01-r1.toml"));
    assert!(
        !validator.is_valid(&sev),
        "the SEV questions are not its questions"
    );
}

#[test]
fn the_schema_describes_each_question_in_the_language_asked() {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let question = instrument.question("buurtbeheerder").unwrap();
    for (lang, text) in [
        ("nl", &question.text.nl),
        ("en", question.text.en.as_ref().unwrap()),
    ] {
        let (code, out, _) = run(&["schema", "--instrument", "sev", "--lang", lang]);
        assert_eq!(code, 0);
        let schema: Value = serde_json::from_str(&out).unwrap();
        let description =
            schema["properties"]["answers"]["properties"]["buurtbeheerder"]["description"]
                .as_str()
                .unwrap();
        assert!(description.starts_with(text.as_str()), "{description}");
    }
}

#[test]
fn instrument_is_refused_with_the_schema_of_a_matrix() {
    let (code, out, err) = run(&["schema", "matrix", "--instrument", "sev"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("--instrument"), "{err}");
}

#[test]
fn init_writes_a_schema_line_and_the_schema_beside_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r01.toml");
    let (code, _, err) = run(&["init", "--date", "2026-01-15", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("#:schema ./sev.schema.json\n"), "{text}");
    let beside = dir.path().join("sev.schema.json");
    let committed = std::fs::read_to_string(root().join("schemas/sev.schema.json")).unwrap();
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), committed);

    // A second file in the folder keeps the schema that is there, even in another
    // language, and says so even with --quiet; --force brings it in line, and says that.
    std::fs::write(&beside, "{}\n").unwrap();
    let second = dir.path().join("r02.toml");
    let (code, _, err) = run(&["init", "--lang", "en", "-q", "-o", second.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "{}\n");
    assert_eq!(
        err,
        format!(
            "warning: {} is kept: it differs from this assessment's schema (another language or version); `koers schema --instrument sev --lang en -o {} --force` replaces it\n",
            beside.display(),
            beside.display()
        )
    );
    let (code, _, err) = run(&[
        "init",
        "--lang",
        "en",
        "--force",
        "-o",
        second.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.ends_with(&format!(
            "warning: {} was replaced by this assessment's schema; other files in the folder in another language or version now follow it too\n",
            beside.display()
        )),
        "after the line about r02.toml: {err}"
    );
    let english = std::fs::read_to_string(root().join("schemas/sev.en.schema.json")).unwrap();
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), english);
}
