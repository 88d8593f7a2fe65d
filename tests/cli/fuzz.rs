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
