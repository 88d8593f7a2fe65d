//! `koers report`: the HTML report read back by an HTML5 parser, its snapshot, one
//! organisation's report, and the Markdown variant.

use crate::run;
use scraper::{Html, Selector};
use std::path::Path;

/// A complete answer set: `ladder` on every extent question, `focus` on every focus
/// question, 3 on the rest, with `unknown` sections answered "weet niet".
fn answers(ladder: i64, focus: i64, unknown: &[&str]) -> String {
    let instrument = koers::builtin::instrument("sev").unwrap();
    let mut out = String::new();
    for (section, q) in instrument.questions() {
        let value = if unknown.contains(&section.id.as_str()) {
            "\"unknown\"".to_string()
        } else if section.id.starts_with("focus") {
            focus.to_string()
        } else if section.id == "regie" {
            "3".to_string()
        } else {
            ladder.to_string()
        };
        out.push_str(&format!("{} = {value}\n", q.id));
    }
    out
}

/// One respondent's file.
struct Respondent<'a> {
    name: &'a str,
    id: &'a str,
    date: &'a str,
    kind: &'a str,
    code: &'a str,
    role: &'a str,
    answers: String,
}

fn write(dir: &Path, r: &Respondent<'_>) {
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let file = dir.join(format!("{}-{}-{}-{}.toml", r.id, r.date, r.kind, r.code));
    std::fs::write(
        file,
        format!(
            "instrument = \"sev\"\n[organisation]\nname = {}\nid = \"{}\"\n[assessment]\ndate = {}\nkind = \"{}\"\nrespondent = \"{}\"\nrole = {}\n[answers]\n{}",
            quoted(r.name),
            r.id,
            r.date,
            r.kind,
            r.code,
            quoted(r.role),
            r.answers
        ),
    )
    .unwrap();
}

const OOST: &str = "Wonen & Zorg \"Oost\"";
const SCRIPT: &str = "<script>alert('x')</script> Woonstichting";

/// Two organisations: "Oost" with three respondents in three roles and an ambition of
/// the same date; the other with two dates (a trajectory), one respondent left out, and
/// a name that is markup.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let oost = |date, kind, code, role, ladder, focus| Respondent {
        name: OOST,
        id: "oost",
        date,
        kind,
        code,
        role,
        answers: answers(ladder, focus, &[]),
    };
    for r in [
        oost("2026-03-01", "current", "r1", "directeur", 4, 4),
        oost("2026-03-01", "current", "r2", "woonconsulent", 3, 5),
        oost("2026-03-01", "current", "r3", "beheerder <b>", 3, 3),
        oost("2026-03-01", "ambition", "r1", "directeur", 5, 5),
        oost("2026-03-01", "ambition", "r2", "woonconsulent", 5, 4),
    ] {
        write(dir.path(), &r);
    }
    let other = |date, code, role, ladder, focus, unknown: &[&str]| Respondent {
        name: SCRIPT,
        id: "west",
        date,
        kind: "current",
        code,
        role,
        answers: answers(ladder, focus, unknown),
    };
    for r in [
        other("2025-03-01", "a", "manager", 2, 2, &[]),
        other("2025-03-01", "b", "manager", 2, 3, &[]),
        other("2026-03-01", "a", "manager", 3, 2, &[]),
        other("2026-03-01", "b", "beheerder", 2, 2, &[]),
        other("2026-03-01", "c", "beheerder", 5, 5, &["emancipatie"]),
    ] {
        write(dir.path(), &r);
    }
    dir
}

fn report(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "report",
        dir.to_str().unwrap(),
        "-o",
        "-",
        "--date",
        "2026-04-01",
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

/// The report with the matrix picture left out: `koers plot` has snapshots of its own.
fn without_picture(html: &str) -> String {
    let start = html.find("<figure class=\"matrix\">").unwrap();
    let end = start + html[start..].find("</figure>").unwrap();
    format!("{}[matrix]{}", &html[..start], &html[end..])
}

#[test]
fn the_html_report_is_well_formed_self_contained_and_reproducible() {
    let dir = folder();
    let out = report(dir.path(), &[]);
    assert_eq!(out, report(dir.path(), &[]), "byte-identical across runs");
    let html = Html::parse_document(&out);
    assert!(html.errors.is_empty(), "parse errors: {:?}", html.errors);
    assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(select(&html, "script, link, iframe, img, object").is_empty());
    for element in select(&html, "[src], [href]") {
        for attr in ["src", "href"] {
            if let Some(value) = element.value().attr(attr) {
                assert!(value.starts_with('#'), "{attr}={value}");
            }
        }
    }
    assert!(!out.contains("http") && !out.contains("url("), "no address");
    // Every organisation has its part, its name shown as text.
    let h2: Vec<String> = select(&html, "h2").iter().map(text).collect();
    assert!(h2.contains(&OOST.to_string()), "{h2:?}");
    assert!(h2.contains(&SCRIPT.to_string()), "{h2:?}");
    assert!(!out.contains("<script>") && !out.contains("<b>"));
    // Headings in order: one h1 first, and no level skipped.
    let levels: Vec<u8> = select(&html, "h1, h2, h3, h4, h5, h6")
        .iter()
        .map(|h| h.value().name()[1..].parse().unwrap())
        .collect();
    assert_eq!(levels[0], 1);
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "{levels:?}");
    }
    // Tables have header cells for their columns.
    let tables = select(&html, "table");
    assert!(tables.len() > 10);
    for th in select(&html, "th") {
        assert_eq!(th.value().attr("scope"), Some("col"));
    }
    assert_eq!(
        select(&html, "table thead th").len(),
        select(&html, "th").len()
    );
    // The matrix picture, a bar chart per organisation, the appendix with every question.
    assert_eq!(select(&html, "figure.matrix svg").len(), 1);
    assert_eq!(select(&html, "svg.bars").len(), 2);
    let instrument = koers::builtin::instrument("sev").unwrap();
    let body = text(&html.root_element());
    for (_, question) in instrument.questions() {
        assert!(body.contains(&question.text.nl), "{}", question.id);
    }
    // Respondents by code, never by file name; a role of fewer than 3 people is not shown
    // beside a code (the three roles of one person each stand together as "overige").
    assert!(!body.contains("beheerder <b>") && !out.contains(".toml"));
    assert!(body.contains("overige"));
}

#[test]
fn the_summary_reads_in_words_with_a_decimal_comma() {
    let dir = folder();
    let html = Html::parse_document(&report(dir.path(), &[]));
    let summaries: Vec<String> = select(&html, "p.summary").iter().map(text).collect();
    // Each organisation's summary stands in the bestuurlijke samenvatting and in its part.
    assert_eq!(summaries.len(), 4);
    let oost = summaries.iter().find(|s| s.starts_with(OOST)).unwrap();
    // By hand: focus answers 4, 5 and 3 on a 1–5 scale give x 75, 100 and 50, mean 75;
    // ladder answers 4, 3 and 3 on a 1–6 scale give every rung the extent 0.6, 0.4 and
    // 0.4; by the ladder rule (θ 0.5, band 25) 0.6 on all three rungs is
    // 75 + 25 × 0.1 / 0.5 = 80 and 0.4 on the first is 25 × 0.4 / 0.5 = 20: mean 40.
    assert!(oost.contains("(x 75,0, y 40,0)"), "{oost}");
    assert!(oost.contains(" staat als "), "{oost}");
    assert!(oost.contains("het gebied staat "), "{oost}");
    assert!(!oost.contains("betrouwbaar"), "{oost}");
    assert!(oost.contains("de ambitie ligt "), "{oost}");
    assert!(
        oost.contains("punten hoger op de as Maatschappelijke rol"),
        "{oost}"
    );
    // "(x 62,5, y 40,0)": one decimal and a decimal comma.
    let start = oost.find("(x ").unwrap();
    let numbers = &oost[start..start + oost[start..].find(')').unwrap()];
    assert!(
        !numbers.contains('.') && numbers.matches(',').count() == 3,
        "{numbers}"
    );
    let west = summaries.iter().find(|s| s.starts_with(SCRIPT)).unwrap();
    assert!(
        west.contains("van de 3 respondenten; 1 is weggelaten omdat die te weinig heeft ingevuld."),
        "{west}"
    );
    let en = Html::parse_document(&report(dir.path(), &["--lang", "en"]));
    assert_eq!(
        select(&en, "html")[0].value().attr("lang"),
        Some("en"),
        "the lang attribute follows --lang"
    );
    let summary = text(&select(&en, "p.summary")[0]);
    assert!(summary.contains(" stands as "), "{summary}");
}

#[test]
fn snapshot_of_a_small_report() {
    let dir = folder();
    insta::assert_snapshot!("report_html", without_picture(&report(dir.path(), &[])));
}

#[test]
fn one_organisation_s_report_names_no_other() {
    let dir = folder();
    let out = report(dir.path(), &["--organisation", "oost"]);
    let html = Html::parse_document(&out);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    assert!(
        !out.contains("alert") && !out.contains("Woonstichting"),
        "the other is not named"
    );
    let h1 = text(&select(&html, "h1")[0]);
    assert_eq!(h1, format!("Positiebepaling {OOST}"));
    assert_eq!(select(&html, "svg.bars").len(), 1);
    // Beside the other's position, unnamed, by the distance to its median: no rank.
    assert!(out.contains("mediaan anderen"), "compared with the other");
    assert!(
        !out.contains(" van 2</td>") && !out.contains("Rang 1"),
        "no rank"
    );
    // By name as well as by id; an unknown one names the known ids.
    let by_name = report(dir.path(), &["--organisation", OOST]);
    assert_eq!(by_name, out);
    let (code, _, err) = run(&[
        "report",
        dir.path().to_str().unwrap(),
        "-o",
        "-",
        "--organisation",
        "noord",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`noord`") && err.contains("`oost`") && err.contains("`west`"),
        "{err}"
    );
}

#[test]
fn markdown_says_the_same_without_pictures() {
    let dir = folder();
    let out = report(dir.path(), &["--format", "markdown"]);
    insta::assert_snapshot!("report_markdown", out);
    assert!(!out.contains("<svg") && !out.contains("<script>"));
    assert!(out.contains("## Wonen &amp; Zorg \"Oost\"\n"));
    assert!(out.contains("## &lt;script&gt;alert('x')&lt;/script&gt; Woonstichting\n"));
    let html = report(dir.path(), &[]);
    let parsed = Html::parse_document(&html);
    // Every heading of the HTML report stands in the Markdown too.
    for h in select(&parsed, "h2, h3") {
        let heading = text(&h);
        let level = if h.value().name() == "h2" {
            "##"
        } else {
            "###"
        };
        let escaped = heading
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(out.contains(&format!("{level} {escaped}\n")), "{heading}");
    }
}

#[test]
fn a_report_file_is_replaced_without_force_only_while_unedited() {
    let dir = folder();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("rapport.html");
    let (input, output) = (dir.path().to_str().unwrap(), file.to_str().unwrap());
    assert_eq!(run(&["report", input, "-o", output]).0, 0);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        run(&["report", input, "-o", output]).0,
        0,
        "its own, unedited"
    );
    std::fs::write(&file, written.replace("<title>", "<title>Mijn ")).unwrap();
    let (code, _, err) = run(&["report", input, "-o", output]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(run(&["report", input, "-o", output, "--force"]).0, 0);
}

/// The examples' report, in both languages and both formats, and the tables that share
/// its words: none says "zeker" or "betrouwbaar" of the coverage rule or the interval.
#[test]
fn no_output_of_the_examples_overstates_the_interval_or_the_coverage_rule() {
    let examples = crate::root().join("assessments/examples");
    let examples = examples.to_str().unwrap();
    let mut outputs = Vec::new();
    for lang in ["nl", "en"] {
        for format in ["html", "markdown"] {
            let (code, out, err) = run(&[
                "report", examples, "-o", "-", "--lang", lang, "--format", format,
            ]);
            assert_eq!(code, 0, "{err}");
            outputs.push((format!("report {lang} {format}"), out));
        }
        for command in ["score", "agenda", "gap", "profile"] {
            let (_, out, _) = run(&[command, examples, "--lang", lang]);
            outputs.push((format!("{command} {lang}"), out));
        }
    }
    for (name, out) in &outputs {
        // The picture's own words are koers-plot's; its SVG is checked by its own tests.
        let mut out = out.clone();
        while let (Some(start), Some(end)) = (out.find("<svg"), out.find("</svg>")) {
            out.replace_range(start..end + 6, "");
        }
        let lower = out.to_lowercase();
        for word in [
            "95% zeker",
            "95 % zeker",
            "betrouwbaar",
            "onzeker",
            "reliable",
            "uncertain",
            "95% certain",
            "percentiel",
            "percentile",
            "rang 1",
            "rank 1",
            ">rang<",
            ">rank<",
        ] {
            assert!(!lower.contains(word), "{name} says {word:?}");
        }
    }
    // The report's own sentences: none of the broken ones of issue 22.
    for (name, out) in outputs.iter().filter(|(n, _)| n.starts_with("report")) {
        for broken in [
            "is 1 weggelaten",
            "is 1 left out",
            "mogelijk maar het bespreken waard",
            ">huidig<",
        ] {
            assert!(!out.contains(broken), "{name} says {broken:?}");
        }
    }
}

/// The gap names the band it moves within or across, never the poles for a move inside
/// one band.
#[test]
fn the_gap_names_the_band_it_moves_within() {
    let dir = folder();
    let html = report(dir.path(), &[]);
    assert!(
        html.contains("binnen ") || html.contains(" naar "),
        "a gap in bands"
    );
}

/// Whether `tool` is on the PATH: the print tests need chromium and poppler-utils, and
/// say that they were skipped without them.
fn has(tool: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The report of all the examples, written to `rapport.html` in a new folder (kept alive
/// by the returned `TempDir`).
fn examples_report() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let examples = crate::root().join("assessments/examples");
    let html_path = dir.path().join("rapport.html");
    let (code, _, err) = run(&[
        "report",
        examples.to_str().unwrap(),
        "-o",
        html_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    (dir, html_path)
}

/// The report printed by headless Chromium: A4, a plausible page count, the summary on
/// page 1, and no horizontal overflow at A4 width (794 CSS px).
#[test]
fn the_examples_report_prints_on_a4_in_chromium() {
    if !has("chromium") || !has("pdfinfo") || !has("pdftotext") {
        println!(
            "SKIPPED the_examples_report_prints_on_a4_in_chromium: chromium or poppler-utils (pdfinfo, pdftotext) not on PATH; install with `apt-get install -y chromium poppler-utils`"
        );
        return;
    }
    let (dir, html_path) = examples_report();
    let chromium = |extra: &[&str]| {
        let mut args = vec!["--headless", "--no-sandbox", "--disable-gpu"];
        args.extend_from_slice(extra);
        let url = format!("file://{}", html_path.display());
        let output = std::process::Command::new("chromium")
            .args(&args)
            .arg(&url)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let pdf = dir.path().join("rapport.pdf");
    chromium(&[&format!("--print-to-pdf={}", pdf.display())]);
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_default()
    };
    // A4 is 595.28 x 841.89 pt (pdfinfo rounds it to "595.28 x 841.89 pts (A4)").
    assert!(field("Page size:").contains("(A4)"), "{info}");
    let pages: usize = field("Pages:").parse().unwrap();
    assert!((3..=80).contains(&pages), "{pages} pages");
    let first = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let first = String::from_utf8_lossy(&first.stdout);
    // Page 1 is the cover's facts and the whole bestuurlijke samenvatting (its heading,
    // every organisation, the caveats); the contents come after it.
    assert!(
        first
            .lines()
            .any(|l| l.trim() == "Bestuurlijke samenvatting"),
        "{first}"
    );
    assert!(
        first.contains("Vragenlijst: SEV-positiebepaling"),
        "cover facts: {first}"
    );
    for name in [
        "Buurtgenoot",
        "Portaal (lezing)",
        "Veenstad",
        "Kanttekeningen",
    ] {
        assert!(first.contains(name), "{name} on page 1:\n{first}");
    }
    assert!(!first.lines().any(|l| l.trim() == "Inhoud"), "{first}");
    // The bestuurlijke samenvatting of the 13 examples is one A4 page: its page holds
    // every organisation and the caveats, and the overview starts on the next page.
    let page = |n: usize| {
        let out = std::process::Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let at = (1..=pages)
        .find(|&n| {
            page(n)
                .lines()
                .any(|l| l.trim() == "Bestuurlijke samenvatting")
        })
        .expect("a page with the summary's heading");
    let summary = page(at);
    for name in [
        "Buurtgenoot",
        "Portaal (lezing)",
        "Veenstad",
        "Kanttekeningen",
    ] {
        assert!(
            summary.contains(name),
            "{name} on the summary's page:\n{summary}"
        );
    }
    assert_eq!(at, 1, "the summary's heading on page 1");
    assert!(
        page(2).lines().any(|l| l.trim() == "Inhoud"),
        "the contents on page 2: {}",
        page(2)
    );
    // The overview follows the contents (its matrix on the next page when the contents
    // leave too little room).
    assert!(
        [2, 3]
            .iter()
            .any(|&n| page(n).lines().any(|l| l.trim() == "Overzicht")),
        "{}{}",
        page(2),
        page(3)
    );
    // The widest element at A4 width: a script in a copy of the report writes the
    // document's scroll width into the DOM that Chromium dumps.
    let html = std::fs::read_to_string(&html_path).unwrap();
    let probe = html.replace(
        "</body>",
        "<script>document.body.setAttribute('data-width', String(document.documentElement.scrollWidth));</script></body>",
    );
    std::fs::write(&html_path, probe).unwrap();
    let dom = chromium(&["--window-size=794,1123", "--dump-dom"]);
    let width: usize = dom
        .split("data-width=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|w| w.parse().ok())
        .expect("the probe's width");
    assert!(width <= 794, "the report is {width} px wide at A4 width");
}

/// Every word of a text, as runs of letters (digits and punctuation split them).
fn letter_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A script that writes into the DOM Chromium dumps: each table wider than the text
/// column, and each word of a table cell that the layout put on more than one line (an
/// id such as `kwetsbare-huurder` may break at its hyphen: its parts count as words).
const TABLE_PROBE: &str = r#"<script>
(function () {
  var wide = [], broken = [];
  var column = document.body.clientWidth;
  document.querySelectorAll('table').forEach(function (t) {
    if (t.offsetWidth > column) wide.push(t.offsetWidth + '>' + column);
  });
  document.querySelectorAll('td, th').forEach(function (cell) {
    var walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), node;
    while ((node = walk.nextNode())) {
      var word = /[^\s-]+/g, m;
      while ((m = word.exec(node.data))) {
        var range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        var tops = {};
        Array.prototype.forEach.call(range.getClientRects(), function (r) {
          if (r.width > 0) tops[Math.round(r.top)] = true;
        });
        if (Object.keys(tops).length > 1) broken.push(m[0]);
      }
    }
  });
  document.body.setAttribute('data-wide', wide.join(' '));
  document.body.setAttribute('data-broken', broken.join(' '));
})();
</script></body>"#;

/// The report's tables keep their words and numbers whole, on screen at 1200 px, at the
/// width of A4's text block, and in Chromium's PDF: no "Woonstichti/ng" or "80,/0"
/// (issue: the cells allowed a break anywhere, so the browser squeezed the columns).
#[test]
fn report_tables_keep_their_words_whole_on_screen_and_on_a4() {
    let (dir, html_path) = examples_report();
    let html = std::fs::read_to_string(&html_path).unwrap();
    // The style lets no cell break inside a word, and keeps numbers on one line.
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    for rule in [
        "anywhere",
        "break-all",
        "hyphens: auto",
        "table-layout: fixed",
    ] {
        assert!(!style.contains(rule), "`{rule}` in the style:\n{style}");
    }
    assert!(style.contains("td.num { white-space: nowrap; }"), "{style}");
    // The Per wijk table's homes and coordinates are numbers (right-aligned, unbroken).
    let parsed = Html::parse_document(&html);
    let wijk = select(&parsed, "table")
        .into_iter()
        .find(|t| {
            t.select(&Selector::parse("th").unwrap())
                .next()
                .is_some_and(|th| text(&th) == "wijk")
        })
        .expect("the Per wijk table");
    let heads: Vec<String> = wijk
        .select(&Selector::parse("th.num").unwrap())
        .map(|e| text(&e))
        .collect();
    assert_eq!(heads, ["woningen", "y", "x"], "{}", wijk.html());
    if !has("chromium") || !has("pdftotext") {
        println!(
            "SKIPPED report_tables_keep_their_words_whole_on_screen_and_on_a4: chromium or pdftotext not on PATH; install with `apt-get install -y chromium poppler-utils`"
        );
        return;
    }
    let chromium = |page: &Path, extra: &[&str]| {
        let output = std::process::Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .args(extra)
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let attribute = |dom: &str, name: &str| -> String {
        dom.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no {name} in the dump"))
            .to_string()
    };
    // On screen at 1200 px, and with the print style at the A4 text block's width
    // (210 mm less 2 × 16 mm of margin): a script cannot run in Chromium's print, so a
    // copy applies the print rules on screen.
    let screen = html.replace("</body>", TABLE_PROBE);
    let print = screen
        .replace("@media print {", "@media screen {")
        .replace("<style>", "<style>html { width: 178mm; }");
    for (name, page, window) in [
        ("screen", screen, "--window-size=1200,1000"),
        ("print", print, "--window-size=794,1123"),
    ] {
        let probe = dir.path().join(format!("{name}.html"));
        std::fs::write(&probe, page).unwrap();
        let dom = chromium(&probe, &[window, "--dump-dom"]);
        assert_eq!(attribute(&dom, "data-wide"), "", "{name}: tables too wide");
        assert_eq!(
            attribute(&dom, "data-broken"),
            "",
            "{name}: words broken across lines"
        );
    }
    // In the PDF itself every word is a word of the report (a word broken in two is
    // not; pdftotext joins a word broken at its own hyphen, hence the words without
    // hyphens too).
    let pdf = dir.path().join("rapport.pdf");
    chromium(
        &html_path,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let printed = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&printed.stdout).to_string();
    let plain = parsed.root_element().text().collect::<Vec<_>>().join(" ");
    let joined = plain.replace('-', "");
    let known: std::collections::HashSet<&str> = letter_words(&plain)
        .into_iter()
        .chain(letter_words(&joined))
        .collect();
    let strange: Vec<&str> = letter_words(&printed)
        .into_iter()
        .filter(|w| !known.contains(w))
        .collect();
    assert!(
        printed.contains("Woonstichting Lingehof"),
        "the PDF's text: {printed}"
    );
    assert!(strange.is_empty(), "broken words in the PDF: {strange:?}");
}

/// A settings file puts the consultant's facts and the response on the cover; an unknown
/// key is refused with its line.
#[test]
fn the_settings_file_fills_the_cover_and_refuses_unknown_keys() {
    let dir = folder();
    let settings = dir.path().join("rapport.toml.txt");
    std::fs::write(
        &settings,
        "opdrachtgever = \"Raad van commissarissen\"\nauthor = \"A. Adviseur\"\ndate = 2026-03-01\nversion = \"concept 2\"\n\n[invited]\noost = 12\n",
    )
    .unwrap();
    let html = report(dir.path(), &["--settings", settings.to_str().unwrap()]);
    let parsed = Html::parse_document(&html);
    let cover: String = select(&parsed, ".cover .meta")
        .iter()
        .map(text)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        cover.contains("Opdrachtgever: Raad van commissarissen"),
        "{cover}"
    );
    assert!(cover.contains("Auteur: A. Adviseur"), "{cover}");
    assert!(cover.contains("Versie: concept 2"), "{cover}");
    assert!(cover.contains("van 12 uitgenodigden"), "{cover}");
    assert!(cover.contains("geteld"), "{cover}");
    std::fs::write(&settings, "title = \"x\"\nauteur = \"typo\"\n").unwrap();
    let (code, _, err) = run(&[
        "report",
        dir.path().to_str().unwrap(),
        "-o",
        "-",
        "--settings",
        settings.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    let name = settings.display();
    assert!(
        err.contains(&format!("{name}:2:1: fout: onbekende sleutel `auteur`")),
        "{err}"
    );
    assert!(
        err.contains("2 | auteur = \"typo\""),
        "the line is quoted\n{err}"
    );
    assert!(!err.contains("TOML parse error"), "{err}");
    let refusal = |text: &str, lang: &str| {
        std::fs::write(&settings, text).unwrap();
        let (code, out, err) = run(&[
            "report",
            dir.path().to_str().unwrap(),
            "-o",
            "-",
            "--lang",
            lang,
            "--settings",
            settings.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{err}");
        assert!(out.is_empty(), "no report after a bad settings file\n{out}");
        err
    };
    let err = refusal("title = \"x\"\nopdrachtgevr = \"RvC\"\n", "nl");
    assert!(
        err.contains(&format!(
            "{name}:2:1: fout: onbekende sleutel `opdrachtgevr`"
        )),
        "{err}"
    );
    assert!(err.contains("bedoelt u `opdrachtgever`?"), "{err}");
    let err = refusal("title = \"x\"\nopdrachtgevr = \"RvC\"\n", "en");
    assert!(
        err.contains(&format!("{name}:2:1: error: unknown field `opdrachtgevr`")),
        "{err}"
    );
    let err = refusal("title = \"x\"\ndate = \"2026-13-45\"\n", "nl");
    assert!(
        err.contains(&format!("{name}:2:8: fout: `2026-13-45` is geen datum")),
        "{err}"
    );
    let err = refusal("title = 3\n", "nl");
    assert!(err.contains(&format!("{name}:1:9: fout: ")), "{err}");
    assert!(!err.contains("TOML parse error"), "{err}");
}

/// `[invited]` is checked against the run: fewer invited than respondents is an error at
/// the number (no report; the cover said "13 van 3 uitgenodigden"), an id that is no
/// organisation of the run a warning at the key with the nearest id (it was ignored in
/// silence), in Dutch and in English.
#[test]
fn the_settings_invited_are_checked_against_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("rapport.toml");
    let name = settings.display().to_string();
    let examples = crate::root().join("assessments/examples");
    let report = |text: &str, lang: &str| {
        std::fs::write(&settings, text).unwrap();
        run(&[
            "report",
            examples.to_str().unwrap(),
            "-o",
            "-",
            "--lang",
            lang,
            "--settings",
            settings.to_str().unwrap(),
        ])
    };
    let (code, out, err) = report("title = \"x\"\n[invited]\ngroenstede = 3\n", "nl");
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "no report: {out}");
    assert!(
        err.contains(&format!(
            "{name}:3:14: fout: 3 uitgenodigden voor `groenstede`, maar 13 respondenten van Woonstichting Groenstede"
        )),
        "{err}"
    );
    assert!(err.contains("ten minste 13"), "{err}");
    let (code, _, err) = report("title = \"x\"\n[invited]\ngroenstede = 3\n", "en");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "{name}:3:14: error: 3 invited for `groenstede`, but 13 respondents of Woonstichting Groenstede"
        )),
        "{err}"
    );
    // As many invited as answered, or more, is right.
    let (code, out, err) = report("[invited]\ngroenstede = 13\n", "nl");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("13 van 13 uitgenodigden"), "{err}");
    assert!(!err.contains("waarschuwing"), "{err}");
    // A misspelt id: a warning with the nearest id, and the report is written.
    let (code, out, err) = report("[invited]\ngroenstede = 20\nbuurtgenot = 10\n", "nl");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "{name}:3:1: waarschuwing: `buurtgenot` is geen organisatie in deze rapportage"
        )),
        "{err}"
    );
    assert!(err.contains("bedoelt u `buurtgenoot`?"), "{err}");
    assert!(out.contains("13 van 20 uitgenodigden"), "the rest is used");
    let (code, _, err) = report("[invited]\nbuurtgenot = 10\n", "en");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "{name}:2:1: warning: `buurtgenot` is no organisation in this report"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `buurtgenoot`?"), "{err}");
    // Nothing near: the ids of the run are named.
    let (code, _, err) = report("[invited]\nzonnehof = 3\n", "nl");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("`zonnehof` is geen organisatie"), "{err}");
    assert!(!err.contains("bedoelt u"), "{err}");
    assert!(err.contains("`groenstede`, `het-anker`"), "{err}");
}

/// The matrix's smallest text, as printed on A4: the picture fills the text block
/// (210 mm − 2 × 16 mm of @page margin = 504.6 pt) whatever its pixel width, so a text of
/// `s` drawing units in a viewBox `w` units wide prints at `s / w × 504.6` pt.
#[test]
fn the_matrix_prints_its_smallest_text_at_seven_points_or_more() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport.html");
    let examples = crate::root().join("assessments/examples");
    let (code, _, err) = run(&[
        "report",
        examples.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    // The print CSS that the computation rests on.
    assert!(html.contains("@page { size: A4; margin: 18mm 16mm 20mm; }"));
    assert!(html.contains("figure.matrix svg { max-width: none; width: 100%; }"));
    let text_block_pt = (210.0 - 2.0 * 16.0) / 25.4 * 72.0;
    let figures: Vec<&str> = html.split("<figure class=\"matrix\">").skip(1).collect();
    assert!(!figures.is_empty());
    for figure in figures {
        let svg = &figure[..figure.find("</figure>").unwrap()];
        let view_box: Vec<f64> = svg
            .split("viewBox=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap()
            .split_whitespace()
            .map(|v| v.parse().unwrap())
            .collect();
        let smallest = svg
            .split("font-size=\"")
            .skip(1)
            .filter_map(|r| r.split('"').next()?.parse::<f64>().ok())
            .fold(f64::INFINITY, f64::min);
        assert!(smallest.is_finite(), "the matrix has text");
        let pt = smallest / view_box[2] * text_block_pt;
        assert!(pt >= 7.0, "the matrix's smallest text prints at {pt:.2} pt");
    }
}
