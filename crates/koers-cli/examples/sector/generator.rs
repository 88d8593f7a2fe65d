//! A synthetic sector of `n` housing corporations, the same on every run: a simple LCG
//! (no randomness crate), names a Dutch reader would meet (with "De", "'t", accents and
//! numbers, to exercise the key's order), positions crowding in the middle of the matrix
//! as a real sector does, and one in twenty sharing another's position exactly (the
//! clusters). Shared by `--example sector` and `--bench sector`.

use koers::{Assessment, Group, GroupBy, Source, aggregate, builtin};
use std::fmt::Write as _;

/// A fixed sequence of numbers in [0, 1).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

const KINDS: [&str; 6] = [
    "Woonstichting",
    "Woningstichting",
    "Wooncorporatie",
    "Stichting",
    "De",
    "'t",
];
const PLACES: [&str; 16] = [
    "Dijk",
    "Anker",
    "Polder",
    "Élan",
    "Lingehof",
    "Woonplaats",
    "Eemland",
    "Gooi",
    "Kempen",
    "Veenstad",
    "Ĳssel",
    "Zaanstreek",
    "Baronie",
    "Maasdelta",
    "Wadden",
    "Groenstede",
];

/// The name and id of the `k`-th corporation.
pub fn name(k: usize) -> (String, String) {
    let kind = KINDS[k % KINDS.len()];
    let place = PLACES[(k / KINDS.len()) % PLACES.len()];
    let round = k / (KINDS.len() * PLACES.len());
    let name = if round == 0 {
        format!("{kind} {place}")
    } else {
        format!("{kind} {place} {}", round + 1)
    };
    (name, format!("org{k}"))
}

/// The assessment files (name, text) of `n` corporations, one respondent each; the
/// answers place each organisation near a target drawn from the recipe.
pub fn files(n: usize) -> Vec<(String, String)> {
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let mut random = Lcg(2026);
    let mut targets: Vec<(f64, f64)> = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        // One in twenty repeats an earlier organisation's target: the same answers.
        let (focus, ladder) = if k >= 20 && k % 20 == 7 {
            targets[(random.next() * k as f64) as usize]
        } else {
            // The mean of three uniforms: most of the sector in the middle.
            let bell = |r: &mut Lcg| (r.next() + r.next() + r.next()) / 3.0;
            (bell(&mut random), bell(&mut random) * 0.8)
        };
        targets.push((focus, ladder));
        let (name, id) = name(k);
        let mut text = format!(
            "instrument = \"sev\"\n[organisation]\nname = \"{name}\"\nid = \"{id}\"\n[assessment]\ndate = 2026-03-01\n[answers]\n"
        );
        for (section, q) in instrument.questions() {
            let scale = instrument.scale_of(q).expect("a checked instrument");
            let base = if section.id.starts_with("focus") {
                focus
            } else {
                ladder
            };
            // Each answer a little off the target, so that positions fill the matrix
            // instead of a few grid points; a repeated target repeats the answers too.
            let jitter = if k >= 20 && k % 20 == 7 {
                0.0
            } else {
                (random.next() - 0.5) * 0.5
            };
            let v = (base + jitter).clamp(0.0, 1.0);
            let value = scale.min + (v * (scale.max - scale.min) as f64).round() as i64;
            let _ = writeln!(text, "{} = {value}", q.id);
        }
        out.push((format!("{id}.toml"), text));
    }
    out
}

/// The scored groups of `n` corporations.
pub fn groups(n: usize) -> Vec<Group> {
    let instrument = builtin::instrument("sev").expect("sev is built in");
    let scores: Vec<koers::Score> = files(n)
        .iter()
        .map(|(file, text)| {
            let assessment = Assessment::parse(&Source::new(file, text))
                .expect("the recipe writes valid assessments");
            instrument.score(&assessment).expect("it scores")
        })
        .collect();
    aggregate(&scores, GroupBy::Organisation, &instrument.matrix)
}
