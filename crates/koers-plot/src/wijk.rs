//! The wijken of one organisation on the matrix (`koers plot --by wijk`): each wijk a disc
//! whose area is proportional to its homes, named beside it, with the organisation's own
//! position among them.
//!
//! The positions are [`koers::wijk_positions`]'s, the ones `koers score --by wijk` lists:
//! the ladder axis from the wijk's own recorded practices, the other axis from the
//! respondents whose werkgebied names the wijk when at least three do. A wijk that fewer
//! name borrows the organisation's value there; it is drawn as a ring instead of a disc,
//! and the legend says why. Wijken at one position (with a register the ladder takes few
//! values, and the wijken that borrow the organisation's x share it) are one disc, with
//! their homes together and their count inside: a reader sees five wijken where there are
//! five, not one.

use super::PlotOptions;
use super::draw;
use super::geometry::{Frame, Rect, text_height, text_width};
use super::labels::{LabelRequest, Obstacles, place};
use super::scene::{
    Anchor, KEY_SIZE, LABEL_SIZE, Marker, MarkerStyle, MatrixFrame, REGION_SIZE, Rgb, Scene, Shape,
    TextItem, TextKind, counted_text, matrix_frame, name_regions, place_caption, wrap_to_width,
};
use super::words::words;
use koers::{Date, Group, Instrument, Lang, WijkPosition, WijkSource};

/// One organisation's wijken as `koers score --by wijk` places them, and the organisation
/// itself as `koers score` places it.
#[derive(Debug, Clone, Copy)]
pub struct WijkMap<'a> {
    /// The organisation's group: its position (the ladder from the register, the other
    /// axis from its respondents), name and counts.
    pub group: &'a Group,
    /// The register's date.
    pub date: Date,
    /// The register's source, when it names one.
    pub source: Option<&'a str>,
    /// Each wijk of the register with its position.
    pub wijken: &'a [WijkPosition],
}

/// The radius of the wijk with the most homes, pixels.
pub const MAX_WIJK_RADIUS: f64 = 24.0;

/// The colour of the wijken.
const WIJK_COLOR: Rgb = Rgb(0, 114, 178);
/// The colour of the organisation's own position: apart from the wijken's blue for
/// normal vision and colour blindness alike (Okabe–Ito's vermillion).
const OWN_COLOR: Rgb = Rgb(213, 94, 0);
/// The grey of the size key's rings.
const KEY_GREY: Rgb = Rgb(110, 110, 110);
/// The radius of the organisation's diamond.
const OWN_RADIUS: f64 = 8.0;

/// The radius of a wijk with `homes` homes when the largest has `most`: the disc's area is
/// proportional to the homes (the radius to their square root), so that a wijk with four
/// times the homes covers four times the paper.
pub fn wijk_radius(homes: u64, most: u64) -> f64 {
    if most == 0 {
        return 0.0;
    }
    MAX_WIJK_RADIUS * (homes as f64 / most as f64).sqrt()
}

/// The homes the size key shows: the largest round number (1, 2 or 5 times a power of
/// ten) not above `most`, then two steps of the same series below it each (2,000, 500,
/// 100), leaving out what would be less than one home.
pub fn size_key(most: u64) -> Vec<u64> {
    let series = |k: u32| -> u64 { [1, 2, 5][(k % 3) as usize] * 10u64.pow(k / 3) };
    let Some(top) = (0..57)
        .map(series)
        .take_while(|v| *v <= most)
        .count()
        .checked_sub(1)
    else {
        return Vec::new();
    };
    let top = top as u32;
    [Some(top), top.checked_sub(2), top.checked_sub(4)]
        .into_iter()
        .flatten()
        .map(series)
        .collect()
}

/// Draws the wijken of one organisation as an SVG document.
pub fn render_wijken(instrument: &Instrument, map: &WijkMap<'_>, options: &PlotOptions) -> String {
    draw::svg(&layout_wijken(instrument, map, options))
}

/// Wijken whose points lie less than this many pixels apart are one point to the eye:
/// they are drawn as one mark. With a register the ladder takes few values, and the wijken
/// that borrow the organisation's x share it, so many wijken can share one position.
const STACK_DISTANCE: f64 = 1.0;
/// The widest label that names a stack's wijken beside its mark, pixels; a longer one
/// says how many and lists the names beside the plot.
const INLINE_NAMES: f64 = 220.0;
/// The least radius of a mark that shows its count inside: two digits at 7 pt fit in it.
const COUNT_RADIUS: f64 = 8.0;
/// The width of the list of stacked wijken beside the plot, pixels.
const LIST_WIDTH: f64 = 190.0;

/// The wijken drawn as one mark: one wijk, or several at (nearly) one position.
#[derive(Debug, Clone)]
pub(crate) struct WijkMark<'a> {
    /// Centre, pixels (the first member's).
    pub at: (f64, f64),
    /// The members, by name.
    pub wijken: Vec<&'a WijkPosition>,
    /// Whether the members' x is the organisation's rather than their own.
    pub borrowed: bool,
}

impl WijkMark<'_> {
    /// The homes of all its wijken.
    pub fn homes(&self) -> u64 {
        self.wijken.iter().map(|w| w.wijk.homes).sum()
    }
}

/// The marks of the wijken with a position: wijken at (nearly) one position and with x
/// from the same source share a mark; a wijk with its own x and one that borrows the
/// organisation's stay apart, as their marks differ. The largest mark first, so that a
/// small one drawn on top of a large one stays in sight.
pub(crate) fn wijk_marks<'a>(map: &WijkMap<'a>, frame: &Frame) -> Vec<WijkMark<'a>> {
    let mut marks: Vec<WijkMark<'a>> = Vec::new();
    let mut placed: Vec<&'a WijkPosition> = map.wijken.iter().collect();
    placed.sort_by(|a, b| a.wijk.id.cmp(&b.wijk.id));
    for w in placed {
        let Some(p) = w.position else { continue };
        let at = frame.px(p.x, p.y);
        let borrowed = w.source == WijkSource::Organisation;
        let near = marks.iter_mut().find(|m| {
            m.borrowed == borrowed && (m.at.0 - at.0).hypot(m.at.1 - at.1) < STACK_DISTANCE
        });
        match near {
            Some(m) => m.wijken.push(w),
            None => marks.push(WijkMark {
                at,
                wijken: vec![w],
                borrowed,
            }),
        }
    }
    for m in &mut marks {
        m.wijken.sort_by(|a, b| {
            super::natural::compare(&a.wijk.name, &b.wijk.name).then(a.wijk.id.cmp(&b.wijk.id))
        });
    }
    marks.sort_by(|a, b| {
        b.homes()
            .cmp(&a.homes())
            .then(a.wijken[0].wijk.id.cmp(&b.wijken[0].wijk.id))
    });
    marks
}

/// "5 wijken" in Dutch, "5 neighbourhoods" in English.
fn count_text(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("{n} wijken"),
        Lang::En => format!("{n} neighbourhoods"),
    }
}

/// The names of a stack's wijken, in the mark's order.
fn names(mark: &WijkMark<'_>) -> String {
    mark.wijken
        .iter()
        .map(|w| w.wijk.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The letter of the `k`-th stack listed beside the plot: A to Z, then AA, AB, …, as
/// spreadsheet columns, so that no two stacks share one.
fn letter(k: usize) -> String {
    let mut out = String::new();
    let mut k = k;
    loop {
        out.insert(0, char::from(b'A' + (k % 26) as u8));
        if k < 26 {
            return out;
        }
        k = k / 26 - 1;
    }
}

/// Lays out the wijken of one organisation: the matrix with its regions, a disc per wijk
/// (a ring where its x is the organisation's), the organisation's diamond, a name beside
/// each that finds room, the size key beside the plot, the legend and the caption under it.
///
/// Wijken at one position are one disc with the area of their homes together and their
/// count inside; its label says how many and names them, or, when the names are too long
/// for a label, gives a letter under which the list beside the plot names them.
pub fn layout_wijken(instrument: &Instrument, map: &WijkMap<'_>, options: &PlotOptions) -> Scene {
    let lang = options.lang;
    let matrix = &instrument.matrix;
    let width = f64::from(options.width);
    let height = f64::from(options.height);
    let organisation = &map.group.organisation.name;
    let title = options.title.clone().unwrap_or_else(|| match lang {
        Lang::Nl => format!("{organisation}: de wijken op de matrix"),
        Lang::En => format!("{organisation}: the wijken on the matrix"),
    });
    // Room on the right for the size key.
    let MatrixFrame {
        frame,
        mut texts,
        regions,
        boundaries,
    } = matrix_frame(
        matrix,
        (width, height),
        (112.0, 150.0, 64.0, 190.0),
        &title,
        lang,
        false,
    );
    let plot = frame.plot;

    let marks = wijk_marks(map, &frame);
    let most = marks.iter().map(WijkMark::homes).max().unwrap_or(0);
    let mut markers = Vec::new();
    let mut requests = Vec::new();
    // The stacks whose names stand in the list beside the plot: letter and names.
    let mut listed: Vec<(String, String)> = Vec::new();
    for m in &marks {
        let radius = wijk_radius(m.homes(), most);
        let n = m.wijken.len();
        markers.push(Marker {
            at: m.at,
            radius,
            color: WIJK_COLOR,
            shape: Shape::Circle,
            style: if m.borrowed {
                MarkerStyle::Hollow
            } else {
                MarkerStyle::Filled
            },
            number: (n > 1 && radius >= COUNT_RADIUS).then_some(n),
            tag: None,
            uncertain: false,
        });
        let text = if n == 1 {
            m.wijken[0].wijk.name.clone()
        } else {
            let inline = format!("{}: {}", count_text(n, lang), names(m));
            if text_width(&inline, LABEL_SIZE) <= INLINE_NAMES {
                inline
            } else {
                let tag = letter(listed.len());
                listed.push((tag.clone(), names(m)));
                format!("{} ({tag})", count_text(n, lang))
            }
        };
        requests.push(LabelRequest {
            text,
            size: LABEL_SIZE,
            anchor: m.at,
            radius,
            priority: 1,
        });
    }
    if let Some(p) = map.group.position {
        let at = frame.px(p.x, p.y);
        markers.push(Marker {
            at,
            radius: OWN_RADIUS,
            color: OWN_COLOR,
            shape: Shape::Diamond,
            style: MarkerStyle::Filled,
            number: None,
            tag: None,
            uncertain: false,
        });
        // The organisation's name goes first: it is what the wijken are read against.
        requests.insert(
            0,
            LabelRequest {
                text: organisation.clone(),
                size: LABEL_SIZE,
                anchor: at,
                radius: OWN_RADIUS * Shape::Diamond.extent(),
                priority: 0,
            },
        );
    }
    let mut obstacles = Obstacles {
        boxes: markers
            .iter()
            .map(|m| Rect::around(m.at.0, m.at.1, m.outer_radius() + 1.0))
            .collect(),
        ..Obstacles::default()
    };
    name_regions(
        &mut texts,
        &mut obstacles,
        matrix,
        &regions,
        lang,
        REGION_SIZE,
    );
    let labels: Vec<_> = place(&requests, plot.inflate(-2.0), &obstacles);
    let dropped = labels.iter().filter(|l| l.is_none()).count();
    let labels = labels.into_iter().flatten().collect();

    // The size key beside the plot: a ring per round number of homes, its number beside.
    let mut key = Vec::new();
    let key_x = plot.right() + 24.0;
    texts.push(TextItem {
        text: match lang {
            Lang::Nl => "Woningen".to_string(),
            Lang::En => "Homes".to_string(),
        },
        x: key_x,
        y: plot.y,
        size: KEY_SIZE,
        anchor: Anchor::Start,
        rotated: false,
        kind: TextKind::Key,
    });
    let mut y = plot.y + text_height(KEY_SIZE) + 8.0;
    let mut key_right = key_x + text_width("Woningen", KEY_SIZE);
    for homes in size_key(most) {
        let r = wijk_radius(homes, most);
        let centre = (key_x + MAX_WIJK_RADIUS, y + r);
        key.push(Marker {
            at: centre,
            radius: r,
            color: KEY_GREY,
            shape: Shape::Circle,
            style: MarkerStyle::Hollow,
            number: None,
            tag: None,
            uncertain: false,
        });
        let text = thousands(homes, lang);
        let x = key_x + 2.0 * MAX_WIJK_RADIUS + 8.0;
        key_right = key_right.max(x + text_width(&text, KEY_SIZE));
        texts.push(TextItem {
            text,
            x,
            y: centre.1 - text_height(KEY_SIZE) / 2.0,
            size: KEY_SIZE,
            anchor: Anchor::Start,
            rotated: false,
            kind: TextKind::Key,
        });
        y += 2.0 * r.max(text_height(KEY_SIZE) / 2.0) + 10.0;
    }
    // Under it, the wijken of each stack whose names did not fit its label, under the
    // stack's letter.
    if !listed.is_empty() {
        y += 8.0;
        let heading = match lang {
            Lang::Nl => "Wijken op één plek",
            Lang::En => "Neighbourhoods at one spot",
        };
        key_right = key_right.max(key_x + text_width(heading, KEY_SIZE));
        texts.push(TextItem {
            text: heading.to_string(),
            x: key_x,
            y,
            size: KEY_SIZE,
            anchor: Anchor::Start,
            rotated: false,
            kind: TextKind::Key,
        });
        y += text_height(KEY_SIZE) + 6.0;
        // The letter, then the names in a column of their own beside it.
        let indent = listed
            .iter()
            .map(|(tag, _)| text_width(&format!("{tag}: "), KEY_SIZE))
            .fold(0.0, f64::max)
            .ceil();
        for (tag, names) in &listed {
            texts.push(TextItem {
                text: format!("{tag}:"),
                x: key_x,
                y,
                size: KEY_SIZE,
                anchor: Anchor::Start,
                rotated: false,
                kind: TextKind::Cluster,
            });
            for line in wrap_to_width(names, KEY_SIZE, LIST_WIDTH - indent) {
                key_right = key_right.max(key_x + indent + text_width(&line, KEY_SIZE));
                texts.push(TextItem {
                    text: line,
                    x: key_x + indent,
                    y,
                    size: KEY_SIZE,
                    anchor: Anchor::Start,
                    rotated: false,
                    kind: TextKind::Cluster,
                });
                y += text_height(KEY_SIZE) + 3.0;
            }
            y += 4.0;
        }
    }
    let width = width.max((key_right + 16.0).ceil());
    texts[0].x = width / 2.0;

    // The legend: only the marks drawn, each as its own sample.
    let filled = markers
        .iter()
        .any(|m| m.color == WIJK_COLOR && m.style == MarkerStyle::Filled);
    let hollow = markers
        .iter()
        .any(|m| m.color == WIJK_COLOR && m.style == MarkerStyle::Hollow);
    let mut entries: Vec<(Marker, String)> = Vec::new();
    let sample = |color, shape, style| Marker {
        at: (0.0, 0.0),
        radius: 6.0,
        color,
        shape,
        style,
        number: None,
        tag: None,
        uncertain: false,
    };
    if map.group.position.is_some() {
        entries.push((
            sample(OWN_COLOR, Shape::Diamond, MarkerStyle::Filled),
            match lang {
                Lang::Nl => format!("{organisation} als geheel"),
                Lang::En => format!("{organisation} as a whole"),
            },
        ));
    }
    if filled {
        entries.push((
            sample(WIJK_COLOR, Shape::Circle, MarkerStyle::Filled),
            match lang {
                Lang::Nl => "wijk: x van de respondenten die er werken (3 of meer)",
                Lang::En => "wijk: x of the respondents who work there (3 or more)",
            }
            .to_string(),
        ));
    }
    if hollow {
        entries.push((
            sample(WIJK_COLOR, Shape::Circle, MarkerStyle::Hollow),
            match lang {
                Lang::Nl => "wijk: x van de organisatie (minder dan 3 respondenten werken er)",
                Lang::En => "wijk: x of the organisation (fewer than 3 respondents work there)",
            }
            .to_string(),
        ));
    }
    if marks.iter().any(|m| m.wijken.len() > 1) {
        let mut stack = sample(WIJK_COLOR, Shape::Circle, MarkerStyle::Hollow);
        stack.radius = COUNT_RADIUS;
        stack.tag = Some("n".to_string());
        entries.push((
            stack,
            match lang {
                Lang::Nl => "n wijken op één plek: oppervlak naar hun woningen samen",
                Lang::En => "n neighbourhoods at one spot: area by their homes together",
            }
            .to_string(),
        ));
    }
    let legend_top = plot.bottom() + 66.0;
    let row = 20.0;
    for (k, (mut marker, text)) in entries.into_iter().enumerate() {
        let y = legend_top + row * k as f64;
        marker.at = (plot.x + 9.0, y + text_height(12.0) / 2.0);
        key.push(marker);
        texts.push(TextItem {
            text,
            x: plot.x + 26.0,
            y,
            size: 12.0,
            anchor: Anchor::Start,
            rotated: false,
            kind: TextKind::Legend,
        });
    }

    let lines = caption_lines(instrument, map, dropped, lang);
    let height = place_caption(&mut texts, &plot, width, &lines);
    Scene {
        width,
        height,
        description: describe(&title, instrument, map, &marks, lang),
        title,
        frame,
        regions,
        boundaries,
        texts,
        legend: Vec::new(),
        spreads: Vec::new(),
        dots: Vec::new(),
        links: Vec::new(),
        peers: Vec::new(),
        median: None,
        key,
        arrows: Vec::new(),
        markers,
        labels,
        dropped,
        clusters: Vec::new(),
        hexes: Vec::new(),
        points: false,
    }
}

/// The caption's lines before wrapping: the register and its source, what the axes and
/// the sizes say, the instrument and the respondents, what was left out.
fn caption_lines(
    instrument: &Instrument,
    map: &WijkMap<'_>,
    dropped: usize,
    lang: Lang,
) -> Vec<String> {
    let w = words(lang);
    let source = map.source.map(|s| format!(": {s}")).unwrap_or_default();
    let mut first = match lang {
        Lang::Nl => format!(
            "Registratie {}{source} · y: de praktijken die in de wijk liepen · x: de antwoorden · oppervlak naar het aantal woningen",
            map.date
        ),
        Lang::En => format!(
            "Register {}{source} · y: the practices that ran in the wijk · x: the answers · area by the number of homes",
            map.date
        ),
    };
    let without = map.wijken.iter().filter(|w| w.position.is_none()).count();
    if without > 0 {
        first.push_str(&match lang {
            Lang::Nl if without == 1 => " · 1 wijk zonder positie".to_string(),
            Lang::Nl => format!(" · {without} wijken zonder positie"),
            Lang::En if without == 1 => " · 1 wijk without a position".to_string(),
            Lang::En => format!(" · {without} wijken without a position"),
        });
    }
    let mut second = format!(
        "{}: {}, {} {}",
        w.instrument,
        instrument.title.get(lang),
        w.version,
        instrument.version,
    );
    let g = map.group;
    if g.respondents > 0 {
        second.push_str(&format!(
            " · {}",
            counted_text(g.respondents, g.excluded.len(), lang)
        ));
    }
    if dropped > 0 {
        second.push_str(&format!(" · {dropped} {}", w.labels_dropped));
    }
    vec![first, second]
}

/// A number of homes with a thousands separator: "2.400" in Dutch, "2,400" in English.
fn thousands(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The `<desc>`: the organisation and every wijk with its homes, position and where its
/// x came from, in words.
fn describe(
    title: &str,
    instrument: &Instrument,
    map: &WijkMap<'_>,
    marks: &[WijkMark<'_>],
    lang: Lang,
) -> String {
    let matrix = &instrument.matrix;
    let number = |v: f64| koers::number::fixed(v, 1, lang);
    let region = |r: &Option<koers::RegionRef>| {
        r.as_ref()
            .map(|r| format!(", {}", r.label.get(lang)))
            .unwrap_or_default()
    };
    let mut out = format!(
        "{title}: x = {} ({}), y = {} ({}).",
        matrix.x.label.get(lang),
        matrix.x.title(lang),
        matrix.y.label.get(lang),
        matrix.y.title(lang),
    );
    let g = map.group;
    if let Some(p) = g.position {
        out.push_str(&format!(
            " {} {}: x {}, y {}{}.",
            g.organisation.name,
            match lang {
                Lang::Nl => "als geheel",
                Lang::En => "as a whole",
            },
            number(p.x),
            number(p.y),
            region(&g.region),
        ));
    }
    for w in map.wijken {
        let homes = thousands(w.wijk.homes, lang);
        let homes = match lang {
            Lang::Nl => format!("{homes} woningen"),
            Lang::En => format!("{homes} homes"),
        };
        match w.position {
            Some(p) => {
                let from = match (w.source, lang) {
                    (WijkSource::Werkgebied { n }, Lang::Nl) => {
                        format!("x van {n} respondenten die er werken")
                    }
                    (WijkSource::Werkgebied { n }, Lang::En) => {
                        format!("x of {n} respondents who work there")
                    }
                    (WijkSource::Organisation, Lang::Nl) => "x van de organisatie".to_string(),
                    (WijkSource::Organisation, Lang::En) => "x of the organisation".to_string(),
                };
                out.push_str(&format!(
                    " {} ({homes}): x {}, y {}{} ({from}).",
                    w.wijk.name,
                    number(p.x),
                    number(p.y),
                    region(&w.region),
                ));
            }
            None => out.push_str(&format!(
                " {} ({homes}): {}.",
                w.wijk.name,
                words(lang).no_position
            )),
        }
    }
    // Wijken drawn as one mark, so that a reader of the description finds the stacks the
    // picture shows.
    for m in marks.iter().filter(|m| m.wijken.len() > 1) {
        let at = match lang {
            Lang::Nl => "op één plek",
            Lang::En => "at one spot",
        };
        out.push_str(&format!(
            " {} {at}: {}.",
            count_text(m.wijken.len(), lang),
            names(m)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disc_covers_paper_in_proportion_to_its_homes() {
        let area = |homes| wijk_radius(homes, 2400).powi(2);
        // Four times the homes, four times the area (twice the radius).
        assert!((area(2400) / area(600) - 4.0).abs() < 1e-9);
        assert!((wijk_radius(2400, 2400) / wijk_radius(600, 2400) - 2.0).abs() < 1e-9);
        assert_eq!(wijk_radius(2400, 2400), MAX_WIJK_RADIUS);
        assert_eq!(wijk_radius(5, 0), 0.0);
    }

    #[test]
    fn the_size_key_takes_round_numbers_under_the_largest() {
        assert_eq!(size_key(2400), vec![2000, 500, 100]);
        assert_eq!(size_key(1000), vec![1000, 200, 50]);
        assert_eq!(size_key(7), vec![5, 1]);
        assert_eq!(size_key(1), vec![1]);
        assert!(size_key(0).is_empty());
    }

    #[test]
    fn stacks_are_lettered_a_to_z_then_aa() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(52), "BA");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn homes_have_a_thousands_separator_per_language() {
        assert_eq!(thousands(2400, Lang::Nl), "2.400");
        assert_eq!(thousands(1_234_567, Lang::En), "1,234,567");
        assert_eq!(thousands(900, Lang::Nl), "900");
    }
}
