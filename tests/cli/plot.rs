//! `koers plot`: snapshots of the SVG, a real renderer, labels that never overlap (with
//! the shipped font's real widths), escaping, byte-identical output, and the PNG compared
//! with a committed reference.

use crate::{root, run, run_en};
use koers::{Group, Instrument};
use koers_plot::geometry::Rect;
use koers_plot::labels::segment_crosses;
use koers_plot::{PlotOptions, Scene, TextKind, layout, png, render};

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
        desc.contains("Portaal, huidige positie 2007-05-31: geen positie (te weinig antwoorden)"),
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
    // The ambition names its horizon (`horizon = 2013`), not the year it was made.
    assert!(svg.contains(&text("ambition 2013")));
    assert!(!svg.contains(&text("ambition 2009")));
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
        .filter(|m| m.style == koers_plot::MarkerStyle::Filled)
        .min_by(|a, b| a.at.1.total_cmp(&b.at.1))
        .unwrap();
    let start = dashed[0].from;
    assert!(((start.0 - latest.at.0).powi(2) + (start.1 - latest.at.1).powi(2)).sqrt() < 10.0);
    let ambition = scene
        .markers
        .iter()
        .find(|m| m.style == koers_plot::MarkerStyle::Hollow)
        .unwrap();
    assert!(ambition.at.1 < latest.at.1);
}

#[test]
fn many_respondents_with_their_dots_by_role() {
    let svg = plot(&["assessments/examples/groenstede", "--respondents"]);
    insta::assert_snapshot!("plot_respondents", svg);
    // 13 respondents in four roles: each role has its own shape and colour, named in the
    // legend.
    for role in [
        "adviseur leefomgeving",
        "beheerder",
        "manager",
        "woonconsulent",
    ] {
        assert!(
            svg.contains(&text(&format!("respondent: {role}"))),
            "{role}"
        );
    }
    // The first role is drawn as discs of radius 3.5 (35 drawing units of a tenth of a
    // pixel): its three respondents and its legend sample.
    assert_eq!(svg.matches(" r=\"35\"").count(), 4);

    let part = groups_of("assessments/examples/groenstede");
    let roles = vec![
        [
            "adviseur leefomgeving",
            "adviseur leefomgeving",
            "adviseur leefomgeving",
            "beheerder",
            "beheerder",
            "beheerder",
            "manager",
            "manager",
            "manager",
            "woonconsulent",
            "woonconsulent",
            "woonconsulent",
            "woonconsulent",
        ]
        .map(|r| Some(r.to_string()))
        .to_vec(),
    ];
    let scene = layout(
        sev(),
        &part,
        &PlotOptions {
            respondents: true,
            roles,
            ..PlotOptions::default()
        },
    );
    assert_eq!(scene.dots.len(), 13);
    let shapes: Vec<_> = scene.dots.iter().map(|d| d.shape).collect();
    assert_eq!(shapes[0], shapes[2]);
    assert_ne!(shapes[2], shapes[3]);
    let distinct: std::collections::BTreeSet<_> = shapes.iter().collect();
    assert_eq!(distinct.len(), 4);
    // Without roles, the dots are the organisation's faint discs.
    let plain = layout(
        sev(),
        &part,
        &PlotOptions {
            respondents: true,
            ..PlotOptions::default()
        },
    );
    assert!(
        plain
            .dots
            .iter()
            .all(|d| !d.role && d.shape == koers_plot::Shape::Circle)
    );
}

#[test]
fn no_role_of_fewer_than_three_people_is_shown_apart() {
    let part = groups_of("assessments/examples/groenstede");
    let roles_of = |names: &[&str]| vec![names.iter().map(|r| Some(r.to_string())).collect()];
    let three = ["manager"; 3];
    // 13 respondents: 7 woonconsulenten, 3 managers, 2 beheerders, 1 directeur.
    let mut names: Vec<&str> = vec!["woonconsulent"; 7];
    names.extend(three);
    names.extend(["beheerder", "beheerder", "directeur"]);
    let options = PlotOptions {
        respondents: true,
        roles: roles_of(&names),
        ..PlotOptions::default()
    };
    let svg = render(sev(), &part, &options);
    assert!(svg.contains(&text("respondent: woonconsulent")));
    assert!(svg.contains(&text("respondent: manager")));
    assert!(!svg.contains("directeur"));
    assert!(!svg.contains("beheerder"));
    assert!(svg.contains(&text("respondent: overige rollen")));
    assert!(svg.contains("rollen van minder dan 3 personen staan samen"));
    let scene = layout(sev(), &part, &options);
    let shapes: Vec<_> = scene.dots.iter().map(|d| (d.shape, d.color)).collect();
    // The beheerders and the directeur share one look, apart from the managers'.
    assert_eq!(shapes[10], shapes[12]);
    assert_ne!(shapes[9], shapes[10]);

    // One directeur and one beheerder: even together too few, so their role is not shown.
    let mut names: Vec<&str> = vec!["woonconsulent"; 8];
    names.extend(three);
    names.extend(["beheerder", "directeur"]);
    let options = PlotOptions {
        respondents: true,
        roles: roles_of(&names),
        lang: koers::Lang::En,
        ..PlotOptions::default()
    };
    let svg = render(sev(), &part, &options);
    assert!(!svg.contains("directeur") && !svg.contains("beheerder"));
    assert!(!svg.contains("other roles"));
    assert!(svg.contains(&text("respondent, role not shown")));
    assert!(svg.contains("roles of fewer than 3 people are not shown"));
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
    // An input under a picture's name: a link `input.svg` to an assessment.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("wooncompagnie-r1.toml");
    std::fs::copy(
        root().join("tests/fixtures/custom/wooncompagnie-r1.toml"),
        &input,
    )
    .unwrap();
    for file in ["instrument.toml", "matrix.toml"] {
        std::fs::copy(
            root().join("tests/fixtures/custom").join(file),
            dir.path().join(file),
        )
        .unwrap();
    }
    let before = std::fs::read(&input).unwrap();
    let target = dir.path().join("input.svg");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&input, &target).unwrap();
    #[cfg(not(unix))]
    std::fs::hard_link(&input, &target).unwrap();
    let (code, _, err) = run_en(&[
        "plot",
        input.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("refusing to write"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // And a name for another format is refused before anything is read.
    let (code, _, err) = run_en(&[
        "plot",
        "tests/fixtures/custom",
        "-o",
        "tests/fixtures/custom/wooncompagnie-r1.toml",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`wooncompagnie-r1.toml`: koers draws SVG and PNG"),
        "{err}"
    );
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
        .map(|f| std::fs::read_to_string(f).unwrap())
        // A register beside the assessments is no respondent.
        .filter(|text| !text.lines().any(|l| l.trim() == "[register]"))
        .map(|text| {
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
    group.organisation = koers::OrganisationRef::new(id, name);
    group.position = Some(koers::Point { x, y });
    group.points = vec![koers::Point { x, y }];
    group.respondents = 1;
    group.region = sev()
        .matrix
        .region_at(koers::Point { x, y })
        .map(koers::RegionRef::from);
    group
}

/// Options that try every name beside its marker (`--labels all`), as the placement tests
/// need: the default numbers a crowd instead.
fn all_labels() -> PlotOptions {
    PlotOptions {
        labels: koers_plot::Labels::All,
        ..PlotOptions::default()
    }
}

/// Asserts that no label box overlaps another label, a region name or a marker, that no
/// arrow (and, with `ellipses`, no spread ellipse: in a crowd a label may have to cross
/// one) crosses a label, and that all stay inside the plot. The boxes come from the same
/// font measurement the placement uses.
fn assert_no_overlaps(scene: &Scene, ellipses: bool) {
    let labels = scene.label_boxes();
    let markers = scene.marker_boxes();
    let plot: Rect = scene.frame.plot;
    let mut lines: Vec<((f64, f64), (f64, f64))> =
        scene.arrows.iter().map(|a| (a.from, a.to)).collect();
    for spread in scene.spreads.iter().filter(|_| ellipses) {
        let outline = spread.outline(&plot);
        lines.extend(outline.windows(2).map(|p| (p[0], p[1])));
    }
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
    for label in &scene.labels {
        for (a, b) in &lines {
            assert!(
                !segment_crosses(*a, *b, &label.rect),
                "a line from {a:?} to {b:?} crosses `{}`",
                label.text
            );
        }
    }
}

/// Asserts that every region name lies inside a region whose name holds it, and, with
/// `all`, that every region has its name.
fn assert_region_names_at_home(
    scene: &Scene,
    matrix: &koers::Matrix,
    lang: koers::Lang,
    all: bool,
) {
    let names: Vec<_> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Region)
        .collect();
    for text in &names {
        let home = matrix
            .regions
            .iter()
            .zip(&scene.regions)
            .any(|(region, rect)| {
                region.label.get(lang).contains(text.text.as_str()) && rect.contains(&text.rect())
            });
        assert!(home, "`{}` stands outside its region", text.text);
    }
    if all {
        for region in &matrix.regions {
            let name = region.label.get(lang);
            assert!(
                names.iter().any(|t| name.contains(t.text.as_str())),
                "`{name}` is missing"
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
        // 18 groups, one label each, except Portaal 2007, which has no position under 2.1.
        assert_eq!(scene.labels.len(), 17);
        assert_eq!(scene.dropped, 0);
        // Spread ellipses are a soft rule for the placer (a crowded label may cross one):
        // with instrument 2.1 Groenstede's wide ellipse meets its own label, so only
        // labels, markers, arrows and the plot's edge are hard rules here.
        assert_no_overlaps(&scene, false);
        assert_region_names_at_home(&scene, &sev().matrix, koers::Lang::Nl, true);
    }
}

#[test]
fn a_label_left_of_its_marker_is_anchored_at_its_end() {
    let groups = groups_of("assessments/examples");
    let scene = layout(sev(), &groups, &PlotOptions::default());
    let left: Vec<_> = scene.labels.iter().filter(|l| l.end).collect();
    assert!(
        !left.is_empty(),
        "the examples have labels left of their markers"
    );
    let svg = render(sev(), &groups, &PlotOptions::default());
    for label in left {
        // The text's x is the box's right edge, in tenths of a pixel, anchored at the end.
        let x = (label.rect.right() * 10.0).round() as i64;
        let needle = format!("<text x=\"{x}\" ");
        let element = svg
            .split(&needle)
            .nth(1)
            .unwrap_or_else(|| panic!("no text at x = {x} for `{}`", label.text));
        assert!(
            element
                .split('>')
                .next()
                .unwrap()
                .contains("text-anchor=\"end\""),
            "`{}`",
            label.text
        );
    }
    // The SVG names the font the widths were measured with, first in a concrete stack.
    assert!(svg.contains("font-family=\"Noto Sans, Open Sans, Arial, Helvetica, sans-serif\""));
    assert!(!svg.contains("font-family=\"sans-serif\""));
}

#[test]
fn sixty_organisations_with_trajectories_keep_labels_clear_of_everything() {
    // 60 corporations over the whole matrix, each with two respondents' spread, and every
    // third with an earlier position (an arrow) and an ambition (a dashed arrow).
    let mut groups = Vec::new();
    for i in 0..60u32 {
        let x = 5.0 + f64::from((i * 37) % 90);
        let y = 5.0 + f64::from((i * 53) % 90);
        let name = format!("Woningcorporatie {:02}", i + 1);
        let id = format!("c{i:02}");
        let mut now = group_at(&id, &name, x, y);
        now.respondents = 2;
        now.spread = koers::PerAxis {
            x: Some(2.0 + f64::from(i % 4)),
            y: Some(1.5 + f64::from(i % 3)),
        };
        if i % 3 == 0 {
            let mut before = group_at(&id, &name, (x - 12.0).max(1.0), (y - 9.0).max(1.0));
            before.date = koers::Date::new(2004, 5, 1).unwrap();
            let mut ambition = group_at(&id, &name, (x + 8.0).min(99.0), (y + 10.0).min(99.0));
            ambition.kind = koers::Kind::Ambition;
            groups.push(before);
            groups.push(ambition);
        }
        groups.push(now);
    }
    let scene = layout(sev(), &groups, &all_labels());
    assert_no_overlaps(&scene, false);
    assert_region_names_at_home(&scene, &sev().matrix, koers::Lang::Nl, false);
    let requested = groups.len();
    assert_eq!(scene.labels.len() + scene.dropped, requested);
    // 100 labels, 60 of them names of some 150 pixels, on an 800-pixel picture: about
    // half find room (49 when this was written, 22 of them names; 18 names since leader
    // lines also keep off arrows where they can: a short year fits where a name does
    // not). The default, numbered markers with a key, is checked below.
    assert!(
        scene.labels.len() >= 40,
        "{} of {requested} labels find room",
        scene.labels.len()
    );
    let named = scene
        .labels
        .iter()
        .filter(|l| l.text.starts_with("Woningcorporatie"))
        .count();
    assert!(named >= 15, "{named} names");
    // Every organisation's name stands at its latest current position, once.
    for i in 0..60 {
        let name = format!("Woningcorporatie {:02}", i + 1);
        let with_name = scene
            .labels
            .iter()
            .filter(|l| l.text.starts_with(&name))
            .count();
        assert!(with_name <= 1, "{name} named {with_name} times");
    }
    if scene.dropped > 0 {
        let svg = render(sev(), &groups, &all_labels());
        assert!(svg.contains(&format!("{} namen weggelaten", scene.dropped)));
    }
    // By default the 60 are numbered and keyed; the years and ambitions keep clear of the
    // numbered markers, arrows and each other.
    let scene = layout(sev(), &groups, &PlotOptions::default());
    assert_eq!(scene.key.len(), 60);
    assert_named_or_keyed(&scene, &groups);
    assert_no_overlaps(&scene, false);
}

#[test]
fn a_crowd_with_no_room_left_drops_labels_and_says_how_many() {
    // 300 corporations on a small square of the matrix: not every name fits.
    let groups: Vec<Group> = (0..300)
        .map(|i| {
            let x = 40.0 + f64::from(i % 20);
            let y = 40.0 + f64::from(i / 20);
            group_at(&format!("c{i:03}"), &format!("Woonstichting {i}"), x, y)
        })
        .collect();
    let scene = layout(sev(), &groups, &all_labels());
    assert!(scene.dropped > 0);
    assert_eq!(scene.labels.len() + scene.dropped, 300);
    assert_no_overlaps(&scene, false);
    let svg = render(sev(), &groups, &all_labels());
    assert!(
        svg.contains(&format!(
            "· {} namen weggelaten (geen ruimte)",
            scene.dropped
        )),
        "the caption counts the names left out"
    );
}

/// The pixels of a PNG as RGBA, with its size.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    let mut data = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut data).expect("its pixels");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    data.truncate(info.buffer_size());
    (info.width, info.height, data)
}

#[test]
fn png_by_extension_matches_the_reference_and_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.PNG");
    let out = out.to_str().unwrap();
    let args = ["plot", "assessments/examples", "--scale", "1", "-o", out];
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read(out).unwrap();
    assert!(first.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG, not an SVG");
    // The second run replaces its own PNG without --force, and draws the same bytes.
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(out).unwrap(), first);

    // Compared with the committed reference: same size, and nearly the same pixels (a
    // newer resvg may antialias a little differently).
    let reference = root().join("tests/fixtures/plot/examples.png");
    if std::env::var_os("KOERS_UPDATE_PNG").is_some() {
        std::fs::write(&reference, &first).unwrap();
    }
    let (w, h, got) = decode(&first);
    let (rw, rh, want) = decode(&std::fs::read(&reference).unwrap());
    assert_eq!((w, h), (rw, rh), "size");
    let mut total = 0u64;
    let mut far = 0usize;
    for (a, b) in got.chunks(4).zip(want.chunks(4)) {
        let d = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap();
        total += u64::from(d);
        far += usize::from(d > 64);
    }
    let pixels = (w * h) as usize;
    let mean = total as f64 / pixels as f64;
    assert!(mean < 1.0, "mean difference {mean:.3} per pixel");
    assert!(
        far * 1000 < pixels * 2,
        "{far} of {pixels} pixels differ much"
    );

    // The picture is really drawn with the shipped font: text renders without any font
    // installed on the machine, so a region of the title is inked.
    let inked = got
        .chunks(4)
        .take((w * 40) as usize)
        .filter(|p| p[0] < 100)
        .count();
    assert!(inked > 200, "the title is drawn ({inked} dark pixels)");
}

#[test]
fn png_scale_sets_the_resolution() {
    let svg = render(
        sev(),
        &groups_of("assessments/examples/de-dijk"),
        &PlotOptions::default(),
    );
    let (w1, h1, _) = decode(&png(&svg, 1.0).unwrap());
    let (w2, h2, _) = decode(&png(&svg, 2.5).unwrap());
    assert_eq!(w1, 800);
    assert_eq!((w2, h2), (2000, (f64::from(h1) * 2.5).round() as u32));
    let (code, _, err) = run(&[
        "plot",
        "assessments/examples/de-dijk",
        "--scale",
        "20",
        "-o",
        "/tmp/never-written.png",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("20 ligt niet tussen 0,25 en 8"), "{err}");
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
    let scene = layout(sev(), &groups, &all_labels());
    assert_eq!(scene.labels.len() + scene.dropped, 40);
    // Some 150 pixels of name each, within 100 pixels of markers 120 pixels apart: about
    // half find room; the rest are left out rather than hung on long leaders.
    assert!(scene.labels.len() >= 20, "{} placed", scene.labels.len());
    assert_no_overlaps(&scene, false);
    // Labels that had to move away are joined to their markers.
    assert!(scene.labels.iter().any(|l| l.leader.is_some()));
    assert_renders(&render(sev(), &groups, &all_labels()));
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

#[test]
fn a_png_too_large_to_draw_is_refused_before_it_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("groot.png");
    let (code, _, err) = crate::run(&[
        "plot",
        "assessments/examples/de-dijk",
        "-o",
        png.to_str().unwrap(),
        "--width",
        "4000",
        "--height",
        "4000",
        "--scale",
        "8",
    ]);
    assert_eq!(code, 2, "{err}");
    // The user's choice, said as such: not "kan de uitvoer niet opmaken", which reads as
    // a bug in koers.
    assert!(
        err.starts_with("koers: een afbeelding van 32000 × ")
            && err.contains("te groot (hoogstens 100 miljoen pixels)"),
        "{err}"
    );
    assert!(!png.exists());
}

#[test]
fn a_picture_named_for_another_format_is_refused_before_anything_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["matrix.pdf", "matrix.JPG", "matrix."] {
        let path = dir.path().join(name);
        let (code, _, err) = run(&[
            "plot",
            "assessments/examples/de-dijk",
            "-o",
            path.to_str().unwrap(),
        ]);
        // A usage error, as clap gives them: an SVG under a name that promises a PDF
        // would open as a broken file.
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(&format!(
                "`{name}`: koers tekent SVG en PNG: verwacht een naam op .svg of .png"
            )),
            "{err}"
        );
        assert!(!path.exists());
    }
    // Refused while the command line is read, and still in the language asked for.
    let (code, _, err) = run(&[
        "plot",
        "--lang",
        "en",
        "assessments/examples/de-dijk",
        "-o",
        "x.pdf",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`x.pdf`: koers draws SVG and PNG"), "{err}");
    // Upper case is still SVG or PNG.
    let png = dir.path().join("matrix.PNG");
    let (code, _, err) = run(&[
        "plot",
        "assessments/examples/de-dijk",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn a_written_picture_is_reported_on_stderr_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("m.svg");
    let svg = svg.to_str().unwrap();
    let (code, out, err) = run(&["plot", "assessments/examples", "-o", svg]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    // As many positions as `score` has rows with a position, and as the caption says: the
    // examples hold a reading too little answered for a position (a row without one).
    let (_, json, _) = run(&["score", "assessments/examples", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let groups = json["groups"].as_array().unwrap();
    let positions = groups.iter().filter(|g| !g["position"].is_null()).count();
    assert!(positions > 1 && positions < groups.len());
    assert_eq!(err, format!("{svg} geschreven: {positions} posities\n"));
    let picture = std::fs::read_to_string(svg).unwrap();
    assert!(
        picture.contains(&format!("{positions} posities · ")),
        "{picture}"
    );
    let (_, _, en) = run_en(&[
        "plot",
        "assessments/examples/lingehof",
        "-o",
        svg,
        "--force",
    ]);
    assert!(en.starts_with(&format!("{svg} written: ")), "{en}");
    let (code, _, quiet) = run(&[
        "plot",
        "--quiet",
        "assessments/examples/lingehof",
        "-o",
        svg,
        "--force",
    ]);
    assert_eq!((code, quiet.as_str()), (0, ""));
    let init = dir.path().join("r.toml");
    let (_, _, err) = run(&["-q", "init", "-o", init.to_str().unwrap()]);
    assert_eq!(err, "");
    std::fs::remove_file(&init).unwrap();
    let (_, _, err) = run(&["init", "-o", init.to_str().unwrap()]);
    assert!(
        err.contains(" geschreven: een lege vragenlijst met 47 vragen van `sev`"),
        "{err}"
    );
}

/// 60 organisations over the whole matrix, as in the picture a consultant makes of a
/// region's corporations.
fn sixty() -> Vec<Group> {
    (0..60u32)
        .map(|i| {
            let x = 5.0 + f64::from((i * 37) % 90);
            let y = 5.0 + f64::from((i * 53) % 90);
            group_at(
                &format!("c{i:02}"),
                &format!("Woningcorporatie {:02}", i + 1),
                x,
                y,
            )
        })
        .collect()
}

/// Asserts that every organisation with a position is either named by a label beside its
/// marker or listed in the key, with a numbered marker in the plot.
fn assert_named_or_keyed(scene: &Scene, groups: &[Group]) {
    let keyed: Vec<&str> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Key)
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(keyed.len(), scene.key.len());
    // A numbered marker, or a place in a cluster, for each line of the key.
    let numbers: Vec<usize> = scene.markers.iter().filter_map(|m| m.number).collect();
    let clustered: usize = scene.clusters.iter().map(|c| c.members.len()).sum();
    assert_eq!(
        numbers.len() + clustered,
        keyed.len(),
        "a numbered marker for each line of the key"
    );
    for g in groups.iter().filter(|g| g.position.is_some()) {
        let name = g.organisation.name.as_str();
        let labelled = scene.labels.iter().any(|l| l.text.starts_with(name));
        let in_key = keyed.contains(&name);
        assert!(labelled || in_key, "{name} is neither labelled nor keyed");
        assert!(!(labelled && in_key), "{name} is both labelled and keyed");
    }
}

#[test]
fn sixty_organisations_differ_in_colour_or_shape_and_are_each_named_or_keyed() {
    let groups = sixty();
    let scene = layout(sev(), &groups, &PlotOptions::default());
    // Past the crowd limit every organisation is numbered, in id order, with a key.
    assert_eq!(scene.key.len(), 60);
    let looks: std::collections::BTreeSet<_> = scene
        .key
        .iter()
        .map(|m| (m.color.0, m.color.1, m.color.2, m.shape))
        .collect();
    assert_eq!(
        looks.len(),
        60,
        "no two organisations share colour and shape"
    );
    // Each key marker has the colour, shape and number of its marker in the plot.
    // (one in a cluster is listed on the cluster's line instead).
    for k in &scene.key {
        if scene
            .clusters
            .iter()
            .any(|c| c.members.contains(&k.number.unwrap()))
        {
            continue;
        }
        let twin = scene
            .markers
            .iter()
            .find(|m| m.number == k.number)
            .expect("the numbered marker");
        assert_eq!((twin.color, twin.shape), (k.color, k.shape));
    }
    assert_named_or_keyed(&scene, &groups);
    assert_no_overlaps(&scene, false);
    // The key stands beside the plot, its lines apart, inside the picture.
    let key: Vec<Rect> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Key)
        .map(|t| t.rect())
        .collect();
    for (i, a) in key.iter().enumerate() {
        assert!(a.x > scene.frame.plot.right() && a.right() <= scene.width);
        for b in &key[i + 1..] {
            assert!(!a.overlaps(b));
        }
    }
    // No spread past the crowd limit unless asked for.
    assert!(scene.spreads.is_empty());

    // With --labels all the names are tried beside their markers: some find no room, and
    // none is keyed.
    let all = PlotOptions {
        labels: koers_plot::Labels::All,
        ..PlotOptions::default()
    };
    let scene = layout(sev(), &groups, &all);
    assert!(scene.key.is_empty() && scene.dropped > 0);
    assert_no_overlaps(&scene, false);
}

#[test]
fn a_name_with_no_room_is_numbered_and_keyed() {
    // Twelve organisations (under the crowd limit) crowded into one corner: the names
    // that find no room beside their markers get numbers and a key.
    let groups: Vec<Group> = (0..12)
        .map(|i| {
            let x = 52.0 + f64::from(i % 4) * 2.5;
            let y = 52.0 + f64::from(i / 4) * 3.0;
            group_at(
                &format!("c{i:02}"),
                &format!("Woningcorporatie met een lange naam {:02}", i + 1),
                x,
                y,
            )
        })
        .collect();
    // At the given size (`fixed`): a picture that may grow gives the names room.
    let fixed = PlotOptions {
        fixed: true,
        ..PlotOptions::default()
    };
    let scene = layout(sev(), &groups, &fixed);
    assert!(
        !scene.key.is_empty() && scene.key.len() < 12,
        "{} keyed",
        scene.key.len()
    );
    assert_named_or_keyed(&scene, &groups);
    assert_no_overlaps(&scene, false);
    // --labels none keys them all; the numbers run from 1 in id order.
    let none = PlotOptions {
        labels: koers_plot::Labels::None,
        ..fixed.clone()
    };
    let scene = layout(sev(), &groups, &none);
    let numbers: Vec<usize> = scene.key.iter().filter_map(|m| m.number).collect();
    assert_eq!(numbers, (1..=12).collect::<Vec<_>>());
    assert_named_or_keyed(&scene, &groups);
}

#[test]
fn highlight_shows_the_chosen_in_colour_and_the_others_as_grey_points_around_their_median() {
    let args = [
        "assessments/examples",
        "--highlight",
        "lingehof",
        "--highlight",
        "Portaal",
    ];
    let svg = plot(&args);
    insta::assert_snapshot!("plot_highlight", svg);
    assert_eq!(svg, plot(&args), "byte-identical");
    let groups = groups_of("assessments/examples");
    let options = PlotOptions {
        highlight: vec!["lingehof".into(), "portaal".into()],
        ..PlotOptions::default()
    };
    let scene = layout(sev(), &groups, &options);
    // 13 organisations: two in colour, eleven as grey points, and their median.
    assert_eq!(scene.peers.len(), 11);
    let median = scene.median.expect("a median of eleven");
    let mut xs: Vec<f64> = scene.peers.iter().map(|p| p.0).collect();
    xs.sort_by(f64::total_cmp);
    assert!((median.0 - xs[5]).abs() < 1e-9, "the middle one of eleven");
    // Only the highlighted are named: Lingehof's trajectory and Portaal's.
    assert!(scene.labels.iter().all(|l| !l.text.contains("Dijk")));
    assert!(
        scene
            .labels
            .iter()
            .any(|l| l.text.starts_with("Woonstichting Lingehof"))
    );
    assert!(scene.labels.iter().any(|l| l.text.starts_with("Portaal")));
    let legend: Vec<&str> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Legend)
        .map(|t| t.text.as_str())
        .collect();
    assert!(
        legend.contains(&"mediaan van de andere organisaties"),
        "{legend:?}"
    );
    assert_no_overlaps(&scene, true);
}

#[test]
fn an_unknown_highlight_is_refused_with_the_nearest_id() {
    let (code, _, err) = run_en(&[
        "plot",
        "assessments/examples",
        "--highlight",
        "portal",
        "-o",
        "/tmp/never-written-highlight.svg",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "--highlight `portal`: no organisation has this id or name; did you mean `portaal`?"
        ),
        "{err}"
    );
    let (code, _, err) = run(&[
        "plot",
        "assessments/examples",
        "--highlight",
        "zzzzzzzzzzzzzzzz",
        "-o",
        "/tmp/never-written-highlight.svg",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bekend zijn `buurtgenoot`"), "{err}");
    assert!(!std::path::Path::new("/tmp/never-written-highlight.svg").exists());
}

#[test]
fn spread_interval_draws_the_95_percent_rectangle_and_none_draws_nothing() {
    let svg = plot(&["assessments/examples/groenstede", "--spread", "interval"]);
    insta::assert_snapshot!("plot_spread_interval", svg);
    assert!(svg.contains(&text("95%-interval van het gemiddelde")));
    assert!(!svg.contains(&text("spreiding ±1 sd")));
    let groups = groups_of("assessments/examples/groenstede");
    let g = &groups[0];
    let interval = |o: &PlotOptions| layout(sev(), &groups, o);
    let scene = interval(&PlotOptions {
        spread: Some(koers_plot::SpreadMode::Interval),
        ..PlotOptions::default()
    });
    // The rectangle spans the group's 95 % interval on each axis (x: Student's t over 13
    // respondents is wider than ±1 sd / √13 and narrower than ±1 sd).
    let koers::Interval { low: x0, high: x1 } = g.stats.x.as_ref().unwrap().interval.unwrap();
    let spread = &scene.spreads[0];
    let (sx, _) = scene.frame.scale();
    assert!(spread.interval);
    assert!((spread.rx * 2.0 - (x1 - x0) * sx).abs() < 1e-6);
    let sd = g.spread.x.unwrap();
    assert!(x1 - x0 < 2.0 * sd && x1 - x0 > 2.0 * sd / 13f64.sqrt());
    let none = interval(&PlotOptions {
        spread: Some(koers_plot::SpreadMode::None),
        ..PlotOptions::default()
    });
    assert!(none.spreads.is_empty());
    // The default for one organisation: ±1 sd.
    let default = interval(&PlotOptions::default());
    assert!(!default.spreads.is_empty() && !default.spreads[0].interval);
}

#[test]
fn facet_draws_one_small_matrix_per_organisation() {
    let args = [
        "assessments/examples/lingehof",
        "assessments/examples/portaal",
        "assessments/examples/groenstede",
        "--facet",
        "organisation",
    ];
    let svg = plot(&args);
    insta::assert_snapshot!("plot_facet", svg);
    assert_eq!(svg, plot(&args), "byte-identical");
    // One nested matrix per organisation, each titled by its name, under one title, and
    // one nested legend under them all.
    assert_eq!(svg.matches("<svg x=").count(), 4);
    for name in [
        "Woonstichting Groenstede",
        "Woonstichting Lingehof",
        // A reading of an article says so in its title.
        "Portaal (lezing)",
        // The legend, once.
        "huidige positie",
        "naar de ambitie",
        "onvoldoende ingevuld: onderdeel &lt; 60% beantwoord, zonder gebied",
    ] {
        assert_eq!(svg.matches(&text(name)).count(), 1, "{name}");
    }
    // The caption counts the respondents and names the source.
    assert!(svg.contains("7 posities · n 27, alle geteld"), "{svg}");
    assert!(svg.contains("Portaal: een lezing van een bron"));
    assert_eq!(svg.matches("<title").count(), 1, "one title for the whole");
    // Each small matrix has its trajectory, ambition and spread: Lingehof's two arrows
    // and dashed arrow, Groenstede's ellipse.
    let groups = [
        groups_of("assessments/examples/lingehof"),
        groups_of("assessments/examples/portaal"),
        groups_of("assessments/examples/groenstede"),
    ]
    .concat();
    let cells = koers_plot::facets(sev(), &groups, &PlotOptions::default());
    assert_eq!(cells.len(), 3);
    let lingehof = &cells[1];
    assert_eq!(lingehof.arrows.len(), 3);
    assert_eq!(cells[0].spreads.len(), 1);
    for cell in &cells {
        assert_no_overlaps(cell, true);
        // Every small matrix names its regions, at 7 pt or more.
        let names: Vec<&koers_plot::TextItem> = cell
            .texts
            .iter()
            .filter(|t| t.kind == TextKind::Region)
            .collect();
        assert!(names.len() >= 8, "{:?}", cell.title);
        assert!(names.iter().all(|t| t.size >= koers_plot::MIN_TEXT));
    }
}

#[test]
fn facet_and_highlight_pngs_are_byte_identical() {
    let groups = groups_of("assessments/examples");
    for options in [
        PlotOptions {
            facet: true,
            ..PlotOptions::default()
        },
        PlotOptions {
            highlight: vec!["groenstede".into()],
            ..PlotOptions::default()
        },
    ] {
        let svg = render(sev(), &groups, &options);
        assert_renders(&svg);
        let first = png(&svg, 1.0).unwrap();
        assert_eq!(png(&render(sev(), &groups, &options), 1.0).unwrap(), first);
    }
}

/// Asserts that no two texts of the picture overlap: labels, region names, the key, the
/// legend and the caption (the texts a crowd could push onto each other).
fn assert_texts_apart(scene: &Scene) {
    let mut boxes = scene.label_boxes();
    boxes.extend(
        scene
            .texts
            .iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    TextKind::Key | TextKind::Cluster | TextKind::Legend | TextKind::Caption
                )
            })
            .map(|t| (t.text.clone(), t.rect())),
    );
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            assert!(!ra.overlaps(rb), "`{a}` overlaps `{b}`");
        }
    }
}

/// `n` organisations spread over the matrix by a fixed recipe (an LCG).
fn sector(n: usize) -> Vec<Group> {
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|i| {
            let (x, y) = (2.0 + 96.0 * next(), 2.0 + 96.0 * next());
            group_at(&format!("c{i}"), &format!("Corporatie {i}"), x, y)
        })
        .collect()
}

#[test]
fn forty_identical_positions_are_one_cluster_that_names_all_forty() {
    let groups: Vec<Group> = (0..40)
        .map(|i| group_at(&format!("c{i}"), &format!("Woonstichting {i}"), 60.0, 60.0))
        .collect();
    let scene = layout(sev(), &groups, &PlotOptions::default());
    assert_eq!(scene.clusters.len(), 1);
    assert_eq!(scene.clusters[0].members, (1..=40).collect::<Vec<_>>());
    // Never numbers on numbers: no numbered marker is left in the plot, one cluster
    // marker with its letter stands there instead.
    assert!(scene.markers.iter().all(|m| m.number.is_none()));
    assert_eq!(scene.markers.iter().filter(|m| m.tag.is_some()).count(), 1);
    // Its label lists the members; the key names all 40, in natural order.
    assert!(scene.labels.iter().any(|l| l.text == "1–40 (40)"));
    let keyed: Vec<&str> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Key)
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(
        keyed[..3],
        ["Woonstichting 0", "Woonstichting 1", "Woonstichting 2"]
    );
    assert_eq!(keyed[10], "Woonstichting 10");
    let svg = render(sev(), &groups, &PlotOptions::default());
    for i in 0..40 {
        assert!(svg.contains(&text(&format!("Woonstichting {i}"))), "{i}");
    }
    assert!(svg.contains(&text("A: 1–40 (40)")));
    assert_texts_apart(&scene);
    assert_no_overlaps(&scene, false);
    assert_named_or_keyed(&scene, &groups);
    assert_renders(&svg);
}

#[test]
fn nearly_coincident_markers_cluster_and_apart_ones_do_not() {
    // Two pairs half a matrix point apart (4 pixels, closer than a marker), and one alone.
    let mut groups = sector(20);
    groups.push(group_at("p1", "Paar 1", 30.0, 30.0));
    groups.push(group_at("p2", "Paar 2", 30.5, 30.3));
    let scene = layout(sev(), &groups, &PlotOptions::default());
    let pair = scene
        .clusters
        .iter()
        .find(|c| c.members.len() == 2 && (c.at.0 - scene.frame.px(30.25, 30.15).0).abs() < 1.0)
        .expect("the pair is one cluster");
    assert_eq!(pair.members.len(), 2);
    // Every numbered marker left stands clear of every other.
    let numbered: Vec<_> = scene
        .markers
        .iter()
        .filter(|m| m.number.is_some())
        .collect();
    for (i, a) in numbered.iter().enumerate() {
        for b in &numbered[i + 1..] {
            let d = ((a.at.0 - b.at.0).powi(2) + (a.at.1 - b.at.1).powi(2)).sqrt();
            assert!(d >= a.outer_radius() + b.outer_radius(), "{a:?} {b:?}");
        }
    }
    assert_named_or_keyed(&scene, &groups);
    assert_texts_apart(&scene);
}

#[test]
fn the_matrix_keeps_half_the_picture_at_any_count() {
    for n in [20, 60, 300] {
        let groups = sector(n);
        let scene = layout(sev(), &groups, &PlotOptions::default());
        assert!(
            scene.matrix_share() >= koers_plot::MATRIX_SHARE,
            "{n}: {:.2}",
            scene.matrix_share()
        );
        assert_texts_apart(&scene);
        assert_no_overlaps(&scene, false);
        if n > koers_plot::NUMBERED_MAX {
            // Points without numbers, no key in the picture; the caption says where it is.
            assert!(scene.points && scene.key.is_empty());
            assert_eq!(scene.peers.len(), n);
            assert!(scene.markers.iter().all(|m| m.number.is_none()));
            assert!(scene.median.is_none());
        } else {
            assert!(!scene.points);
            assert_named_or_keyed(&scene, &groups);
        }
    }
}

#[test]
fn highlight_finds_one_among_three_hundred_with_its_name_and_the_peers_median() {
    let groups = sector(300);
    let options = PlotOptions {
        highlight: vec!["c123".into()],
        ..PlotOptions::default()
    };
    let scene = layout(sev(), &groups, &options);
    assert_eq!(scene.peers.len(), 299);
    assert!(scene.median.is_some());
    assert!(scene.labels.iter().any(|l| l.text == "Corporatie 123"));
    assert!(scene.matrix_share() >= koers_plot::MATRIX_SHARE);
    assert_texts_apart(&scene);
}

#[test]
fn density_shades_the_peers_in_hexagons_that_count_them() {
    let groups = sector(300);
    let options = PlotOptions {
        highlight: vec!["c5".into()],
        density: true,
        ..PlotOptions::default()
    };
    let scene = layout(sev(), &groups, &options);
    // The shading stands for the 299 others: every one is in exactly one hexagon.
    assert_eq!(scene.hexes.iter().map(|h| h.count).sum::<usize>(), 299);
    assert!(scene.peers.is_empty());
    for h in &scene.hexes {
        let class = koers_plot::DENSITY_CLASSES
            .iter()
            .rposition(|&c| h.count >= c)
            .unwrap();
        assert_eq!(h.class, class);
    }
    let legend: Vec<&str> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Legend)
        .map(|t| t.text.as_str())
        .collect();
    assert!(legend.contains(&"1 organisatie per zeshoek"), "{legend:?}");
    assert!(scene.labels.iter().any(|l| l.text == "Corporatie 5"));
    assert_texts_apart(&scene);
    assert_renders(&render(sev(), &groups, &options));
}

#[test]
fn sizes_keep_every_text_at_seven_points() {
    for (size, width) in [("slide", 1280.0), ("a4", 794.0), ("1000x700", 1000.0)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("m.svg");
        let key = dir.path().join("sleutel.md");
        let (code, _, err) = run(&[
            "plot",
            "assessments/examples",
            "--size",
            size,
            "--key",
            key.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains(&format!("width=\"{width}\"")), "{size}");
        assert_renders(&svg);
        let table = std::fs::read_to_string(&key).unwrap();
        assert!(table.contains("## Blad 1 van 1"), "{table}");
        assert!(table.contains("| Portaal |"), "{table}");
    }
    // The layout at each size: no text under 7 pt (0.75 pt per pixel).
    let groups = sector(60);
    for (w, h) in [(1280, 720), (794, 1123), (600, 500)] {
        let options = PlotOptions {
            width: w,
            height: h,
            fixed: true,
            ..PlotOptions::default()
        };
        let scene = layout(sev(), &groups, &options);
        for t in &scene.texts {
            assert!(t.size >= koers_plot::MIN_TEXT, "`{}` at {}", t.text, t.size);
        }
        for l in &scene.labels {
            assert!(l.size >= koers_plot::MIN_TEXT, "`{}` at {}", l.text, l.size);
        }
    }
}

#[test]
fn an_insufficiently_answered_position_has_no_region_spread_or_arrow() {
    // Lingehof has a trajectory, an ambition and a spread at every point; made
    // insufficiently answered, it keeps its points and loses all the rest.
    let mut groups = groups_of("assessments/examples/lingehof");
    let before = layout(sev(), &groups, &PlotOptions::default());
    assert!(!before.arrows.is_empty() && !before.spreads.is_empty());
    for g in &mut groups {
        g.reliable = false;
    }
    let scene = layout(sev(), &groups, &PlotOptions::default());
    assert_eq!(scene.markers.len(), before.markers.len());
    assert!(
        scene
            .markers
            .iter()
            .all(|m| m.style == koers_plot::MarkerStyle::LowCoverage && !m.uncertain)
    );
    assert!(scene.arrows.is_empty(), "{:?}", scene.arrows);
    assert!(scene.spreads.is_empty());
    let svg = render(sev(), &groups, &PlotOptions::default());
    assert!(svg.contains(&text(
        "onvoldoende ingevuld: onderdeel &lt; 60% beantwoord, zonder gebied"
    )));
    // The description names no region, only that it is insufficiently answered.
    let desc = &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()];
    assert!(!desc.contains(" regio "), "{desc}");
    assert_eq!(
        desc.matches("onvoldoende ingevuld").count(),
        groups.len(),
        "{desc}"
    );
    for word in ["onbetrouwbaar", "unreliable"] {
        assert!(!svg.contains(word));
        let en = render(
            sev(),
            &groups,
            &PlotOptions {
                lang: koers::Lang::En,
                ..PlotOptions::default()
            },
        );
        assert!(!en.contains(word), "{word}");
        assert!(en.contains("insufficiently answered"));
    }
}

#[test]
fn a_respondents_ambition_is_hollow_and_joined_to_the_same_respondents_current_position() {
    let groups = groups_of("assessments/examples/lingehof");
    // The example's respondents are r1, r2 and r3 in every group, in file order.
    let codes: Vec<Vec<Option<String>>> = groups
        .iter()
        .map(|g| {
            (1..=g.points.len())
                .map(|k| Some(format!("r{k}")))
                .collect()
        })
        .collect();
    let options = PlotOptions {
        respondents: true,
        respondent_ids: codes,
        ..PlotOptions::default()
    };
    let scene = layout(sev(), &groups, &options);
    let ambition = groups
        .iter()
        .find(|g| g.kind == koers::Kind::Ambition)
        .unwrap();
    let hollow = scene.dots.iter().filter(|d| d.hollow).count();
    assert_eq!(hollow, ambition.points.len());
    assert_eq!(
        scene.dots.len() - hollow,
        9,
        "three current groups of three"
    );
    // One thin line per respondent of the ambition, from the latest current position.
    assert_eq!(scene.links.len(), ambition.points.len());
    for link in &scene.links {
        assert!(scene.dots.iter().any(|d| d.at == link.to && d.hollow));
        assert!(scene.dots.iter().any(|d| d.at == link.from && !d.hollow));
    }
    let svg = render(sev(), &groups, &options);
    for entry in [
        "respondent, huidige positie",
        "respondent, ambitie",
        "zelfde respondent",
    ] {
        assert!(svg.contains(&text(entry)), "{entry}");
    }
    // Without codes, nothing tells respondents apart: no lines.
    let anonymous = layout(
        sev(),
        &groups,
        &PlotOptions {
            respondents: true,
            ..PlotOptions::default()
        },
    );
    assert!(anonymous.links.is_empty());
}

#[test]
fn the_caption_counts_respondents_in_words_for_none_one_two_and_many() {
    use koers::Lang::{En, Nl};
    use koers_plot::counted_text;
    assert_eq!(counted_text(1, 0, Nl), "n 1");
    assert_eq!(counted_text(2, 0, Nl), "n 2, beide geteld");
    assert_eq!(counted_text(2, 0, En), "n 2, both counted");
    assert_eq!(counted_text(8, 0, Nl), "n 8, alle geteld");
    assert_eq!(counted_text(8, 0, En), "n 8, all counted");
    assert_eq!(counted_text(8, 1, Nl), "n 8, 7 geteld, 1 weggelaten");
    assert_eq!(counted_text(8, 3, En), "n 8, 5 counted, 3 left out");
    // Through the CLI: Het Veerhuis without its register leaves one of its four out
    // (too little of the ladder answered); with it, the ladder is the register's and
    // all four count for x.
    let svg = plot(&[
        "assessments/examples/het-veerhuis/2026-03-01-r1.toml",
        "assessments/examples/het-veerhuis/2026-03-01-r2.toml",
        "assessments/examples/het-veerhuis/2026-03-01-r3.toml",
        "assessments/examples/het-veerhuis/2026-03-01-r4.toml",
        "--title",
        "Veerhuis 2026",
    ]);
    assert!(svg.contains(&text("Veerhuis 2026")), "--title");
    assert!(svg.contains("n 4, 3 geteld, 1 weggelaten"), "{svg}");
    let svg = plot(&["assessments/examples/het-veerhuis"]);
    assert!(svg.contains("n 4, alle geteld"), "{svg}");
}

#[test]
fn a_reading_of_an_article_is_marked_in_its_label_and_caption() {
    let svg = plot(&["assessments/examples/portaal", "--labels", "all"]);
    assert!(svg.contains(&text("Portaal (lezing)")), "{svg}");
    assert!(svg.contains("Portaal: een lezing van een bron, niet de eigen beoordeling"));
    assert!(svg.contains("Lezing van een gepubliceerd artikel"));
    // The organisation's own assessment carries no such mark.
    let own = plot(&["assessments/examples/lingehof"]);
    assert!(!own.contains("lezing"));
    // The ambition is named by its horizon.
    assert!(svg.contains(&text("ambitie 2012")));
}

/// Groenstede's wijken from its register, each with the organisation's x (no respondents
/// given), and its group.
fn groenstede_wijken() -> (Group, Vec<koers::WijkPosition>, koers::RegisterScore) {
    let text =
        std::fs::read_to_string(root().join("assessments/examples/groenstede/register-2008.toml"))
            .unwrap();
    let register = koers::Register::parse(&koers::Source::new("r.toml", &text)).unwrap();
    let scored = sev().score_register(&register).unwrap();
    let group = groups_of("assessments/examples/groenstede").remove(0);
    let x = group.position.map(|p| p.x);
    let wijken = koers::wijk_positions(&scored, &[], x, &sev().matrix);
    (group, wijken, scored)
}

#[test]
fn wijken_are_discs_with_area_by_homes_and_names_that_never_overlap() {
    use koers_plot::wijk::{MAX_WIJK_RADIUS, WijkMap, layout_wijken};
    let (group, wijken, register) = groenstede_wijken();
    let map = WijkMap {
        group: &group,
        date: register.register.register.date,
        source: register.register.register.source.as_deref(),
        wijken: &wijken,
    };
    let scene = layout_wijken(sev(), &map, &PlotOptions::default());
    assert_no_overlaps(&scene, false);
    // One disc per wijk and the organisation's diamond.
    let discs: Vec<_> = scene
        .markers
        .iter()
        .filter(|m| m.shape == koers_plot::Shape::Circle)
        .collect();
    assert_eq!(discs.len(), 6);
    assert_eq!(
        scene
            .markers
            .iter()
            .filter(|m| m.shape == koers_plot::Shape::Diamond)
            .count(),
        1
    );
    // Area proportional to homes: r² / homes is the same for every wijk, the largest
    // (Centrum, 2,400 homes) at the full radius, Dorp (600) at half of it.
    let mut homes: Vec<u64> = wijken.iter().map(|w| w.wijk.homes).collect();
    homes.sort_unstable_by(|a, b| b.cmp(a));
    let ratios: Vec<f64> = discs
        .iter()
        .zip(&homes)
        .map(|(m, h)| m.radius * m.radius / *h as f64)
        .collect();
    for r in &ratios {
        assert!((r - ratios[0]).abs() < 1e-9, "{ratios:?}");
    }
    assert_eq!(discs[0].radius, MAX_WIJK_RADIUS);
    assert!((discs[5].radius - MAX_WIJK_RADIUS / 2.0).abs() < 1e-9);
    // No respondent named a werkgebied here: every wijk borrows the organisation's x and
    // is a ring, which the legend explains.
    assert!(
        discs
            .iter()
            .all(|m| m.style == koers_plot::MarkerStyle::Hollow)
    );
    let legend: Vec<&str> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Legend)
        .map(|t| t.text.as_str())
        .collect();
    assert!(
        legend
            .iter()
            .any(|t| t.contains("minder dan 3 respondenten")),
        "{legend:?}"
    );
    assert!(
        !legend.iter().any(|t| t.contains("3 of meer")),
        "{legend:?}"
    );
    // Every wijk named, and the organisation.
    let names: Vec<&str> = scene.labels.iter().map(|l| l.text.as_str()).collect();
    for name in ["Centrum", "Noord", "Oost", "Zuid", "West", "Dorp"] {
        assert!(names.contains(&name), "{name} not named: {names:?}");
    }
    assert!(names.contains(&"Woonstichting Groenstede"), "{names:?}");
    assert_eq!(scene.dropped, 0);
    // The size key: round numbers of homes under the largest.
    let key: Vec<&str> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Key)
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(key, ["Woningen", "2.000", "500", "100"]);
}

#[test]
fn plot_by_wijk_draws_the_wijken_where_score_by_wijk_places_them() {
    let (code, out, err) = run_en(&[
        "score",
        "assessments/examples/groenstede",
        "--by",
        "wijk",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let svg = plot(&["assessments/examples/groenstede", "--by", "wijk"]);
    insta::assert_snapshot!("plot_by_wijk", svg);
    let desc = svg
        .split("<desc id=\"koers-desc\">")
        .nth(1)
        .unwrap()
        .split("</desc>")
        .next()
        .unwrap();
    // Each wijk in the description at the position `score --by wijk` gives it, and marked
    // by where its x came from.
    for w in json["wijken"].as_array().unwrap() {
        let name = w["wijk"]["name"].as_str().unwrap();
        let p = &w["position"];
        let at = format!(
            "{name} ({} woningen): x {}, y {}",
            w["wijk"]["homes"]
                .as_u64()
                .map(|h| if h >= 1000 {
                    format!("{}.{:03}", h / 1000, h % 1000)
                } else {
                    h.to_string()
                })
                .unwrap(),
            format!("{:.1}", p["x"].as_f64().unwrap()).replace('.', ","),
            format!("{:.1}", p["y"].as_f64().unwrap()).replace('.', ","),
        );
        assert!(desc.contains(&at), "{at} not in {desc}");
        let from = if w["source"]["source"] == "werkgebied" {
            "respondenten die er werken"
        } else {
            "x van de organisatie"
        };
        let own = desc.split(&at).nth(1).unwrap().split(").").next().unwrap();
        assert!(own.contains(from), "{name}: {own} ({})", w["source"]);
    }
    // In English, too.
    let en = plot(&[
        "assessments/examples/groenstede",
        "--by",
        "wijk",
        "--lang",
        "en",
    ]);
    assert!(en.contains("the wijken on the matrix"));
    assert!(en.contains("fewer than 3 respondents work there") || en.contains("3 or more"));
}

/// Groenstede's register with more wijken in which nothing ran: they all get the lowest
/// rung and, named by no respondent, the organisation's x, so they share one position.
fn groenstede_with(extra: &[(&str, u64)]) -> String {
    let text =
        std::fs::read_to_string(root().join("assessments/examples/groenstede/register-2008.toml"))
            .unwrap();
    let blocks: String = extra
        .iter()
        .enumerate()
        .map(|(i, (name, homes))| {
            format!("[[wijken]]\nid = \"extra-{i}\"\nname = \"{name}\"\nhomes = {homes}\n\n")
        })
        .collect();
    text.replacen("\n[practices]", &format!("\n{blocks}[practices]"), 1)
}

/// The wijk picture of a register text, with Groenstede's group and no werkgebied.
fn wijk_scene(register: &str, options: &PlotOptions) -> Scene {
    let register = koers::Register::parse(&koers::Source::new("r.toml", register)).unwrap();
    let scored = sev().score_register(&register).unwrap();
    let group = groups_of("assessments/examples/groenstede").remove(0);
    let wijken = koers::wijk_positions(&scored, &[], group.position.map(|p| p.x), &sev().matrix);
    let map = koers_plot::wijk::WijkMap {
        group: &group,
        date: scored.register.register.date,
        source: scored.register.register.source.as_deref(),
        wijken: &wijken,
    };
    koers_plot::wijk::layout_wijken(sev(), &map, options)
}

#[test]
fn wijken_at_one_position_are_one_mark_that_counts_and_names_them() {
    let extra = [
        ("Akker", 300),
        ("Beek", 300),
        ("Dijk", 300),
        ("Es", 300),
        ("Hof", 300),
    ];
    let scene = wijk_scene(&groenstede_with(&extra), &PlotOptions::default());
    assert_no_overlaps(&scene, false);
    assert_texts_apart(&scene);
    // Groenstede's six wijken each at a position of their own, the five at one more.
    let discs: Vec<_> = scene
        .markers
        .iter()
        .filter(|m| m.shape == koers_plot::Shape::Circle)
        .collect();
    assert_eq!(discs.len(), 7, "{discs:?}");
    let stack: Vec<_> = discs.iter().filter(|m| m.number.is_some()).collect();
    assert_eq!(stack.len(), 1, "{discs:?}");
    assert_eq!(stack[0].number, Some(5));
    // Its area is the five wijken's homes together (1,500 against Centrum's 2,400).
    let centrum = discs.iter().map(|m| m.radius).fold(0.0, f64::max);
    assert!(((stack[0].radius / centrum).powi(2) - 1500.0 / 2400.0).abs() < 1e-9);
    // One label beside it says how many and names all five; no wijk has a label of its
    // own there.
    let label = scene
        .labels
        .iter()
        .find(|l| l.text.starts_with("5 wijken"))
        .expect("the stack is labelled");
    assert_eq!(label.text, "5 wijken: Akker, Beek, Dijk, Es, Hof");
    for (name, _) in extra {
        assert!(!scene.labels.iter().any(|l| l.text == name), "{name}");
    }
    assert_eq!(scene.dropped, 0);
    assert!(
        scene
            .texts
            .iter()
            .any(|t| t.kind == TextKind::Legend && t.text.starts_with("n wijken op één plek"))
    );
    assert!(
        scene
            .description
            .contains("5 wijken op één plek: Akker, Beek, Dijk, Es, Hof."),
        "{}",
        scene.description
    );
    // Without the five, no stack and no legend line for one.
    let plain = wijk_scene(&groenstede_with(&[]), &PlotOptions::default());
    assert!(plain.markers.iter().all(|m| m.number.is_none()));
    assert!(!plain.texts.iter().any(|t| t.text.contains("op één plek")));
}

#[test]
fn plot_by_wijk_draws_wijken_at_one_position_as_one_mark() {
    // Groenstede's folder with a register of thirteen wijken, seven of them at one
    // position (nothing ran there) and too many names for a label.
    let dir = tempfile::tempdir().unwrap();
    let from = root().join("assessments/examples/groenstede");
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.ends_with(".toml") && !name.starts_with("register") {
            std::fs::copy(&path, dir.path().join(name)).unwrap();
        }
    }
    let register = groenstede_with(&[
        ("Akker", 300),
        ("Beek", 300),
        ("Bloemenbuurt", 700),
        ("Vogelwijk", 650),
        ("Schildersbuurt", 800),
        ("Componistenbuurt", 500),
        ("Industrieterrein De Hoek", 150),
    ]);
    std::fs::write(dir.path().join("register-2008.toml"), register).unwrap();
    let folder = dir.path().to_str().unwrap();
    let svg = plot(&[folder, "--by", "wijk"]);
    insta::assert_snapshot!("plot_by_wijk_stacked", svg);
    assert!(svg.contains(&text("7 wijken (A)")), "{svg}");
    assert!(svg.contains(&text("Wijken op één plek")));
    assert!(svg.contains("7 wijken op één plek: Akker, Beek, Bloemenbuurt"));
}

#[test]
fn a_stack_whose_names_do_not_fit_its_label_lists_them_beside_the_plot() {
    let extra = [
        ("Industrieterrein De Hoek", 150),
        ("Bloemenbuurt", 700),
        ("Vogelwijk", 650),
        ("Schildersbuurt", 800),
        ("Componistenbuurt", 500),
        ("Bedrijventerrein Noordoost", 120),
        ("Buitengebied", 400),
    ];
    let options = PlotOptions {
        lang: koers::Lang::En,
        ..PlotOptions::default()
    };
    let scene = wijk_scene(&groenstede_with(&extra), &options);
    // Thirteen wijken, every label clear of the others and of every mark, and the list
    // clear of the key and the caption.
    assert_no_overlaps(&scene, false);
    assert_texts_apart(&scene);
    assert_eq!(
        scene.markers.iter().filter(|m| m.number == Some(7)).count(),
        1
    );
    let labels: Vec<&str> = scene.labels.iter().map(|l| l.text.as_str()).collect();
    assert!(labels.contains(&"7 neighbourhoods (A)"), "{labels:?}");
    let list: Vec<&koers_plot::TextItem> = scene
        .texts
        .iter()
        .filter(|t| t.kind == TextKind::Cluster)
        .collect();
    assert_eq!(list[0].text, "A:");
    let names = list[1..]
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for (name, _) in extra {
        assert!(names.contains(name), "{name} not in {names}");
    }
    // The list stands beside the plot, under the heading, and the picture widens for it.
    assert!(
        scene
            .texts
            .iter()
            .any(|t| t.kind == TextKind::Key && t.text == "Neighbourhoods at one spot")
    );
    let plot = scene.frame.plot;
    for t in &list {
        let r = t.rect();
        assert!(r.x > plot.right() && r.right() <= scene.width, "{t:?}");
    }
}

#[test]
fn plot_by_wijk_asks_for_one_organisation_and_refuses_what_it_does_not_draw() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w.svg");
    let out = out.to_str().unwrap();
    let (code, _, err) = run_en(&["plot", "assessments/examples", "--by", "wijk", "-o", out]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("`groenstede`") && err.contains("`het-veerhuis`"),
        "{err}"
    );
    assert!(err.contains("--highlight"), "{err}");
    assert!(!std::path::Path::new(out).exists());
    // One chosen among them.
    let (code, _, err) = run(&[
        "plot",
        "assessments/examples",
        "--by",
        "wijk",
        "--highlight",
        "het-veerhuis",
        "-o",
        out,
    ]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(out).unwrap();
    assert!(
        svg.contains("Woonstichting Het Veerhuis: de wijken op de matrix"),
        "no title"
    );
    assert_renders(&svg);
    // No register: said so.
    let (code, _, err) = run_en(&[
        "plot",
        "assessments/examples/de-dijk",
        "--by",
        "wijk",
        "-o",
        out,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("no register found"), "{err}");
    let (code, _, err) = run_en(&[
        "plot",
        "assessments/examples/groenstede",
        "--by",
        "wijk",
        "--facet",
        "organisation",
        "-o",
        out,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("--facet"), "{err}");
}

/// Many organisations over several years in one picture: the run points to
/// `--facet organisation`; the 13 examples (two of them over several years) get no tip.
#[test]
fn a_crowded_picture_of_many_organisations_over_years_suggests_facets() {
    let dir = tempfile::tempdir().unwrap();
    let template =
        std::fs::read_to_string(root().join("assessments/examples/de-dijk/2008-03-01-r1.toml"))
            .unwrap();
    for i in 0..16 {
        for year in [2008, 2010] {
            let text = template
                .replace("id = \"de-dijk\"", &format!("id = \"c{i:02}\""))
                .replace("Woonstichting De Dijk", &format!("Corporatie {i:02}"))
                .replace("date = 2008-03-01", &format!("date = {year}-03-01"));
            std::fs::write(dir.path().join(format!("c{i:02}-{year}.toml")), text).unwrap();
        }
    }
    let svg = dir.path().join("m.svg");
    let folder = dir.path().to_str().unwrap();
    let (code, _, err) = run(&["plot", folder, "-o", svg.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("--facet organisation"), "{err}");
    let faceted = dir.path().join("f.svg");
    let (code, _, err) = run(&[
        "plot",
        folder,
        "--facet",
        "organisation",
        "-o",
        faceted.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("tip"), "{err}");
    let examples = dir.path().join("e.svg");
    let (_, _, err) = run(&[
        "plot",
        "assessments/examples",
        "-o",
        examples.to_str().unwrap(),
    ]);
    assert!(!err.contains("tip"), "{err}");
}
