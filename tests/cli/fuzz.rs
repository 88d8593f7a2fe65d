//! Arbitrary documents through the whole path, parse → check → score → group → picture:
//! no panic, no hang, every error at a place, and a picture that an SVG parser accepts.

use koers::{Assessment, GroupBy, Instrument, Invalid, Matrix, Source, aggregate, builtin};
use koers_plot::{PlotOptions, render};
use proptest::prelude::*;

/// Every error names the source and a line and column counted from 1.
fn located(invalid: &Invalid, source: &str) -> Result<(), TestCaseError> {
    prop_assert!(!invalid.errors.is_empty());
    for error in &invalid.errors {
        let at = error.location();
        prop_assert_eq!(&at.source, source);
        prop_assert!(at.line >= 1 && at.column >= 1, "{error}");
    }
    Ok(())
}

/// A name with the characters that break formats: control characters, XML's forbidden
/// U+FFFE, quotes, markup, a terminal escape, invisible and right-to-left characters.
fn nasty_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => "[A-Za-zëï ]{1,6}",
            1 => Just("\u{1b}[31m".to_string()),
            1 => Just("\u{7}\u{0}\u{fffe}".to_string()),
            1 => Just("<b>&amp;\"'|\n".to_string()),
            1 => Just("\u{200b}\u{202e}".to_string()),
            1 => Just("=HYPERLINK(1)".to_string()),
        ],
        1..5,
    )
    .prop_map(|parts| parts.concat())
}

/// A TOML string literal for any text.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Assessments of the SEV instrument with any answer: on or off the scale, huge, of the
/// wrong type, unknown ids; any organisation name and role.
fn assessment_text() -> impl Strategy<Value = String> {
    let ids: Vec<String> = builtin::instrument("sev")
        .unwrap()
        .questions()
        .map(|(_, q)| q.id.clone())
        .collect();
    let answer = prop_oneof![
        8 => (1i64..=6).prop_map(|v| v.to_string()),
        1 => any::<i64>().prop_map(|v| v.to_string()),
        1 => Just("99999999999999999999999".to_string()),
        1 => Just("\"unknown\"".to_string()),
        1 => Just("3.5".to_string()),
        1 => Just("\"\"".to_string()),
    ];
    let id = prop_oneof![
        9 => proptest::sample::select(ids),
        1 => "[a-z-]{1,10}",
    ];
    (
        nasty_text(),
        nasty_text(),
        proptest::collection::vec((id, answer), 0..40),
        prop_oneof![Just("current"), Just("ambition")],
    )
        .prop_map(|(name, role, answers, kind)| {
            let mut text = format!(
                "instrument = \"sev\"\n[organisation]\nname = {}\n[assessment]\ndate = 2026-03-01\nkind = \"{kind}\"\nrole = {}\n[answers]\n",
                quoted(&name),
                quoted(&role)
            );
            let mut seen = std::collections::BTreeSet::new();
            for (id, value) in answers {
                if seen.insert(id.clone()) {
                    text.push_str(&format!("{id} = {value}\n"));
                }
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_assessment_goes_through_the_whole_path(texts in proptest::collection::vec(assessment_text(), 1..6)) {
        let instrument = builtin::instrument("sev").unwrap();
        let mut scores = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let name = format!("f{i}.toml");
            let source = Source::new(&name, text);
            match Assessment::parse(&source).and_then(|a| instrument.score(&a)) {
                Ok(score) => scores.push(score),
                Err(invalid) => located(&invalid, &name)?,
            }
        }
        let groups = aggregate(&scores, GroupBy::Organisation, &instrument.matrix);
        for group in &groups {
            if let Some(p) = group.position {
                prop_assert!((0.0..=100.0).contains(&p.x) && (0.0..=100.0).contains(&p.y));
            }
        }
        let svg = render(instrument, &groups, &PlotOptions::default());
        let parsed = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default());
        prop_assert!(parsed.is_ok(), "not a well-formed picture: {:?}", parsed.err());
    }

    #[test]
    fn any_text_as_any_document_is_ok_or_located(text in any::<String>()) {
        let source = Source::new("any.toml", &text);
        if let Err(invalid) = Matrix::parse(&source) {
            located(&invalid, "any.toml")?;
        }
        if let Err(invalid) = Instrument::parse(&source) {
            located(&invalid, "any.toml")?;
        }
        if let Err(invalid) = Assessment::parse(&source) {
            located(&invalid, "any.toml")?;
        }
    }

    #[test]
    fn instruments_with_any_numbers_are_ok_or_located(
        weight in prop_oneof![Just("1e308".to_string()), Just("nan".to_string()), any::<f64>().prop_map(|v| format!("{v:e}"))],
        loading in prop_oneof![Just("-inf".to_string()), Just("1e308".to_string()), any::<f64>().prop_map(|v| format!("{v:e}"))],
        low in any::<i64>(),
        span in 1i64..4,
        band in any::<(f64, f64)>(),
    ) {
        let labels = (0..=span).map(|i| format!("{{ nl = \"{i}\" }}")).collect::<Vec<_>>().join(", ");
        let high = low.saturating_add(span);
        let text = format!(
            "id = \"f\"\nversion = \"1\"\ntitle = {{ nl = \"F\" }}\n[matrix]\nid = \"m\"\ntitle = {{ nl = \"M\" }}\n\
             [matrix.x]\nid = \"x\"\nlabel = {{ nl = \"X\" }}\nlow = {{ nl = \"0\" }}\nhigh = {{ nl = \"1\" }}\n\
             bands = [{{ label = {{ nl = \"B\" }}, range = [{:e}, {:e}] }}]\n\
             [matrix.y]\nid = \"y\"\nlabel = {{ nl = \"Y\" }}\nlow = {{ nl = \"0\" }}\nhigh = {{ nl = \"1\" }}\n\
             [[matrix.regions]]\nid = \"all\"\nlabel = {{ nl = \"A\" }}\ndescription = {{ nl = \"A\" }}\nx = [0, 100]\ny = [0, 100]\n\
             [scales.s]\nmin = {low}\nmax = {high}\nlabels = [{labels}]\n\
             [[sections]]\nid = \"s\"\ntitle = {{ nl = \"S\" }}\n\
             [[sections.questions]]\nid = \"q\"\ntext = {{ nl = \"Q\" }}\nscale = \"s\"\nweight = {weight}\nloading = {{ x = {loading}, y = 1 }}\n",
            band.0, band.1
        );
        match Instrument::parse(&Source::new("i.toml", &text)) {
            Err(invalid) => located(&invalid, "i.toml")?,
            Ok(instrument) => {
                // Whatever validated must score to finite numbers.
                let answer = format!(
                    "instrument = \"f\"\n[organisation]\nname = \"O\"\n[assessment]\ndate = 2026-03-01\n[answers]\nq = {low}\n"
                );
                let assessment = Assessment::parse(&Source::new("a.toml", &answer)).unwrap();
                let score = instrument.score(&assessment).unwrap();
                for axis in [score.x.score, score.y.score].into_iter().flatten() {
                    prop_assert!(axis.is_finite() && (0.0..=100.0).contains(&axis), "{axis}");
                }
                let groups = aggregate(&[score], GroupBy::Organisation, &instrument.matrix);
                let svg = render(&instrument, &groups, &PlotOptions::default());
                prop_assert!(resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).is_ok());
            }
        }
    }
}

/// A cell of a hostile survey export: answers, labels, stray quotes, separators, long
/// text, control and right-to-left characters.
fn export_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1i64..=5).prop_map(|v| v.to_string()),
        1 => Just("\"dir".to_string()),
        1 => Just("3-4".to_string()),
        1 => Just("weet niet".to_string()),
        1 => Just("\u{1b}]52;c;aGk=\u{7}\u{202e}".to_string()),
        1 => Just(";,\t\"\"\r".to_string()),
        1 => (0usize..40_000).prop_map(|n| "x".repeat(n)),
        1 => nasty_text(),
    ]
}

/// Rows of an export: a header of known and unknown columns, then rows of cells.
fn export_rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    let header = proptest::collection::vec(
        prop_oneof![
            Just("respondent".to_string()),
            Just("rol".to_string()),
            Just("beheerder".to_string()),
            Just("overlast".to_string()),
            Just("jongeren".to_string()),
            nasty_text(),
        ],
        1..8,
    );
    (
        header,
        proptest::collection::vec(proptest::collection::vec(export_cell(), 0..8), 0..6),
    )
        .prop_map(|(header, mut rows)| {
            rows.insert(0, header);
            rows
        })
}

/// Runs the import's reading and checking on one table: no panic, and every problem
/// names a place.
fn import_tables(tables: &[koers_survey::sheet::Table]) -> Result<(), TestCaseError> {
    let instrument = builtin::instrument("sev").unwrap();
    let options = koers_survey::import::Options {
        organisation: "De Dijk".into(),
        id: None,
        date: Some("2026-01-01".parse().unwrap()),
        kind: koers::Kind::Current,
        round: None,
        instrument: "sev".into(),
        lang: koers::Lang::En,
    };
    let outcome = koers_survey::import::import(
        tables,
        instrument,
        &koers_survey::map::Map::default(),
        &options,
    );
    for problem in &outcome.problems {
        prop_assert!(!problem.place.is_empty(), "{}", problem.message);
    }
    Ok(())
}

proptest! {
    // A fixed number of cases, in-process: well within the time of a CI run.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// CSV exports in any delimiter and encoding-ish bytes: read, checked, imported.
    #[test]
    fn hostile_csv_exports_import_without_a_panic(
        rows in export_rows(),
        delimiter in proptest::sample::select(vec![",", ";", "\t"]),
        tail in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let mut bytes: Vec<u8> = rows
            .iter()
            .map(|r| r.join(delimiter))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes();
        bytes.extend(tail);
        let table = koers_survey::sheet::csv_table("x.csv", koers_survey::sheet::decode(&bytes));
        if koers_survey::sheet::check_table(&table).is_ok() {
            import_tables(&[table])?;
        }
    }

    /// Workbooks with far-away cells and long strings: bounded, never a whole range.
    #[test]
    fn hostile_workbooks_import_without_a_panic(
        rows in export_rows(),
        far in proptest::option::of((0u32..1_048_576, 0u16..16_384)),
    ) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                // Beyond Excel's limit of a cell the writer refuses; cut to it.
                let cell: String = cell.chars().take(32_767).collect();
                let _ = sheet.write_string(r as u32, c as u16, cell);
            }
        }
        if let Some((row, col)) = far {
            sheet.write_string(row, col, "x").unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        prop_assert!(koers_survey::sheet::check_unpacked(std::io::Cursor::new(&bytes), "x.xlsx").is_ok());
        let workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        match koers_survey::sheet::read_workbook(workbook, "x.xlsx", None) {
            Ok(tables) => import_tables(&tables)?,
            Err(error) => prop_assert!(far.is_some() || error.to_string().contains("32767"), "{error}"),
        }
    }
}

/// An ods workbook of one sheet with the rows given as XML (`mimetype`, manifest,
/// `content.xml`, stored): what LibreOffice writes, without its styles.
pub fn ods(rows: &str) -> Vec<u8> {
    use std::io::Write as _;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Antwoorden">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"/>"#,
        ),
        ("content.xml", &content),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A cell's text as XML text.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    /// ods workbooks whose rows and cells repeat up to a million times (the ods form of
    /// a decompression bomb), with far-away cells: refused at a cell or read and
    /// imported, each within a few seconds, never expanded whole.
    #[test]
    fn hostile_ods_workbooks_import_without_a_panic_or_a_blow_up(
        rows in export_rows(),
        repeats in proptest::collection::vec(
            prop_oneof![4 => Just(1u64), 1 => 2u64..300, 1 => 200_000u64..1_100_000],
            0..8,
        ),
        columns in proptest::collection::vec(
            prop_oneof![4 => Just(1u64), 1 => 2u64..20, 1 => 500u64..20_000],
            0..8,
        ),
    ) {
        let mut xml = String::new();
        for (r, row) in rows.iter().enumerate() {
            let repeat = repeats.get(r).copied().unwrap_or(1);
            xml.push_str(&format!(r#"<table:table-row table:number-rows-repeated="{repeat}">"#));
            for (c, cell) in row.iter().enumerate() {
                let across = columns.get(c).copied().unwrap_or(1);
                let text: String = cell.chars().take(32_767).collect();
                xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{across}"><text:p>{}</text:p></table:table-cell>"#,
                    xml_text(&text)
                ));
            }
            xml.push_str("</table:table-row>");
        }
        let bytes = ods(&xml);
        let start = std::time::Instant::now();
        if koers_survey::sheet::check_unpacked(std::io::Cursor::new(&bytes), "x.ods").is_ok()
            && let Ok(workbook) = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            && let Ok(tables) = koers_survey::sheet::read_workbook(workbook, "x.ods", None)
        {
            import_tables(&tables)?;
        }
        prop_assert!(start.elapsed() < std::time::Duration::from_secs(10), "{:?}", start.elapsed());
    }
}
