//! `koers plot`: snapshots of the SVG, a real renderer, labels that never overlap,
//! escaping, and byte-identical output.

use crate::{root, run, run_en};
use koers::{Group, Instrument};
use koers_cli::plot::geometry::Rect;
use koers_cli::plot::{PlotOptions, Scene, layout, render};

/// Runs `koers plot` into a temporary folder and returns the SVG.
fn plot(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.svg");
    let mut all = vec!["plot"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let (code, _, err) = run(&all);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert_renders(&svg);
    svg
}

/// Parses the SVG with a real SVG library (usvg) and renders it (resvg): it must be valid
/// and the image must not be blank (some pixels are neither white nor transparent).
pub fn assert_renders(svg: &str) {
    let tree =
        resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("the SVG parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| p.alpha() > 0 && (p.red() < 200 || p.green() < 200 || p.blue() < 200))
        .count();
    assert!(
        inked > 1000,
        "the rendered picture is blank ({inked} dark pixels)"
    );
}

/// How plotters writes a text element's content.
fn text(content: &str) -> String {
    format!(">\n{content}\n</text>")
}

#[test]
fn one_organisation() {
    let svg = plot(&["assessments/examples/de-dijk"]);
    insta::assert_snapshot!("plot_one_organisation", svg);
}

#[test]
fn the_examples_folder() {
    let svg = plot(&["assessments/examples"]);
    insta::assert_snapshot!("plot_examples", svg);
    // Accessibility: a role, a title, and every organisation in the description.
    assert!(svg.contains("role=\"img\""));
    assert!(
        svg.contains(
            "<title id=\"koers-title\">SEV-positioneringsmatrix woningcorporaties</title>"
        )
    );
    let desc = svg
        .split("<desc id=\"koers-desc\">")
        .nth(1)
        .unwrap()
        .split("</desc>")
        .next()
        .unwrap();
    for name in ["De Dijk", "Groenstede", "Lingehof", "Portaal", "Kempenland"] {
        assert!(desc.contains(name), "{name} missing from <desc>");
    }
    assert!(
        desc.contains("Portaal, huidige positie 2007-05-31: x 75,0, y 20,0, regio Verhuurder — sociaal accent, onbetrouwbaar"),
        "{desc}"
    );
}

#[test]
fn a_trajectory_with_an_ambition_in_english() {
    let svg = plot(&[
        "assessments/examples/lingehof",
        "--lang",
        "en",
        "--title",
        "Lingehof 2005–2009",
    ]);
    insta::assert_snapshot!("plot_trajectory", svg);
    assert!(
        svg.contains(&text("Woonstichting Lingehof 2009")),
        "the latest point carries the name and year"
    );
    assert!(
        svg.contains(&text("2005")) && svg.contains(&text("2007")),
        "earlier points carry their year"
    );
    assert!(svg.contains(&text("ambition 2009")));
}

#[test]
fn a_trajectory_has_arrows_in_date_order_and_a_dashed_one_to_the_ambition() {
    let groups = groups_of("assessments/examples/lingehof");
    let scene = layout(sev(), &groups, &PlotOptions::default());
    let solid: Vec<_> = scene.arrows.iter().filter(|a| !a.dashed).collect();
    let dashed: Vec<_> = scene.arrows.iter().filter(|a| a.dashed).collect();
    assert_eq!((solid.len(), dashed.len()), (2, 1));
    // 2005 -> 2007 -> 2009 climbs the ladder: each arrow points upwards (smaller y in
    // pixels), and the second starts where the first ends (near the 2007 marker).
    assert!(solid.iter().all(|a| a.to.1 < a.from.1));
    let gap = ((solid[0].to.0 - solid[1].from.0).powi(2)
        + (solid[0].to.1 - solid[1].from.1).powi(2))
    .sqrt();
    assert!(gap < 20.0, "{gap}");
    // The ambition is reached from the latest current position.
    let latest = scene
        .markers
        .iter()
        .filter(|m| m.style == koers_cli::plot::MarkerStyle::Filled)
        .min_by(|a, b| a.at.1.total_cmp(&b.at.1))
        .unwrap();
    let start = dashed[0].from;
    assert!(((start.0 - latest.at.0).powi(2) + (start.1 - latest.at.1).powi(2)).sqrt() < 10.0);
    let ambition = scene
        .markers
        .iter()
        .find(|m| m.style == koers_cli::plot::MarkerStyle::Hollow)
        .unwrap();
    assert!(ambition.at.1 < latest.at.1);
}

#[test]
fn many_respondents_with_their_dots() {
    let svg = plot(&["assessments/examples/groenstede", "--respondents"]);
    insta::assert_snapshot!("plot_respondents", svg);
    // 13 respondents: 13 faint dots of radius 3 (2.5 rounded), plus the legend's dot.
    assert_eq!(
        svg.matches(" r=\"3\"").count(),
        14,
        "one dot per respondent and one in the legend"
    );
}

#[test]
fn a_custom_matrix_file() {
    let svg = plot(&["tests/fixtures/custom"]);
    insta::assert_snapshot!("plot_custom_matrix", svg);
    assert!(svg.contains(&text("Kwadrantenmodel huurdersbeleid")));
    assert!(svg.contains(&text("Partner")));
}

#[test]
fn the_same_input_gives_a_byte_identical_file() {
    assert_eq!(
        plot(&["assessments/examples"]),
        plot(&["assessments/examples"])
    );
}

#[test]
fn plot_refuses_to_overwrite_an_input() {
    let target = "tests/fixtures/custom/wooncompagnie-r1.toml";
    let before = std::fs::read(root().join(target)).unwrap();
    let (code, _, err) = run_en(&["plot", "tests/fixtures/custom", "-o", target]);
    assert_eq!(code, 2);
    assert!(err.contains("refusing to write"), "{err}");
    assert_eq!(std::fs::read(root().join(target)).unwrap(), before);
}

#[test]
fn an_unwritable_output_exits_2() {
    let (code, _, err) = run_en(&[
        "plot",
        "assessments/examples/de-dijk",
        "-o",
        "/no/such/folder/m.svg",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write /no/such/folder/m.svg"), "{err}");
}

fn sev() -> &'static Instrument {
    koers::builtin::instrument("sev").unwrap()
}

/// Scores every assessment below `dir` and groups them per organisation, kind and date.
fn groups_of(dir: &str) -> Vec<Group> {
    let mut files = Vec::new();
    let mut dirs = vec![root().join(dir)];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let scores: Vec<koers::Score> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let a = koers::Assessment::parse(&koers::Source::new("f", &text)).unwrap();
            sev().score(&a).unwrap()
        })
        .collect();
    koers::aggregate(&scores, koers::GroupBy::Organisation, &sev().matrix)
}

/// A group at a position, as if one respondent had scored it.
fn group_at(id: &str, name: &str, x: f64, y: f64) -> Group {
    let template = &groups_of("assessments/examples/de-dijk")[0];
    let mut group = template.clone();
    group.organisation = koers::OrganisationRef {
        id: id.into(),
        name: name.into(),
    };
    group.position = Some(koers::Point { x, y });
    group.points = vec![koers::Point { x, y }];
    group.respondents = 1;
    group.region = sev()
        .matrix
        .region_at(koers::Point { x, y })
        .map(|r| koers::RegionRef {
            id: r.id.clone(),
            label: r.label.clone(),
        });
    group
}

/// Asserts that no label box overlaps another label, a region name or a marker, and that
/// all stay inside the plot. The boxes come from the same text-width estimate the
/// placement uses.
fn assert_no_overlaps(scene: &Scene) {
    let labels = scene.label_boxes();
    let markers = scene.marker_boxes();
    let plot: Rect = scene.frame.plot;
    for (i, (text, rect)) in labels.iter().enumerate() {
        assert!(plot.contains(rect), "`{text}` leaves the plot");
        for (other, other_rect) in &labels[i + 1..] {
            assert!(!rect.overlaps(other_rect), "`{text}` overlaps `{other}`");
        }
        for marker in &markers {
            assert!(
                !rect.overlaps(marker),
                "`{text}` overlaps a marker at {marker:?}"
            );
        }
    }
}

#[test]
fn labels_of_the_examples_folder_never_overlap() {
    let groups = groups_of("assessments/examples");
    for respondents in [false, true] {
        let options = PlotOptions {
            respondents,
            ..PlotOptions::default()
        };
        let scene = layout(sev(), &groups, &options);
        assert_eq!(scene.labels.len(), 18);
        assert_no_overlaps(&scene);
    }
}

#[test]
fn labels_of_40_organisations_crowded_into_one_region_never_overlap() {
    // 40 corporations within wijkregisseur — sociaal accent, on a jittered 8 × 5 grid.
    let groups: Vec<Group> = (0..40)
        .map(|i| {
            let x = 52.0 + f64::from(i % 8) * 2.6 + f64::from(i % 3) * 0.4;
            let y = 52.0 + f64::from(i / 8) * 4.4 + f64::from(i % 5) * 0.3;
            group_at(
                &format!("c{i:02}"),
                &format!("Woningcorporatie {:02}", i + 1),
                x,
                y,
            )
        })
        .collect();
    let scene = layout(sev(), &groups, &PlotOptions::default());
    assert_eq!(scene.labels.len(), 40);
    assert_no_overlaps(&scene);
    // Labels that had to move away are joined to their markers.
    assert!(scene.labels.iter().any(|l| l.leader.is_some()));
    assert_renders(&render(sev(), &groups, &PlotOptions::default()));
}

#[test]
fn names_are_escaped_in_labels_and_description() {
    let groups = vec![group_at("oost", "Wonen & Zorg <\"Oost\">", 60.0, 60.0)];
    let svg = render(sev(), &groups, &PlotOptions::default());
    assert_renders(&svg);
    let escaped = "Wonen &amp; Zorg &lt;&quot;Oost&quot;&gt;";
    let desc = svg.split("<desc id=\"koers-desc\">").nth(1).unwrap();
    assert!(
        desc.split("</desc>").next().unwrap().contains(escaped),
        "in <desc>"
    );
    assert!(svg.contains(&text(escaped)), "in the label");
    assert!(!svg.contains("Wonen & Zorg"), "no raw ampersand anywhere");
}
