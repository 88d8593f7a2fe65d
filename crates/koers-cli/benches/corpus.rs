//! A sector-wide survey made up from a seed: `organisations` corporations with
//! `respondents` staff each, one assessment file per respondent, the same files for the
//! same seed on every machine. Shared by the `scale` benchmark and the end-to-end tests
//! of parallel scoring (included there with `#[path]`).

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: a few lines, no dependency, and the same numbers everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ROLES: [&str; 4] = [
    "manager",
    "woonconsulent",
    "adviseur-leefomgeving",
    "beheerder",
];

/// Writes `DIR/orgNNN/rNN.toml` for every organisation and respondent and returns the
/// number of files. Each organisation leans to its own spot on the matrix and each
/// respondent answers around it; about one answer in twelve is "unknown" and one in
/// four hundred is left out (a warning), so some respondents are unreliable and left out of their group.
pub fn write_corpus(
    dir: &Path,
    organisations: usize,
    respondents: usize,
    seed: u64,
) -> std::io::Result<usize> {
    let instrument = koers::builtin::instrument("sev").expect("sev is built in");
    let mut random = Random(seed);
    let mut files = 0;
    for o in 0..organisations {
        let folder = dir.join(format!("org{o:03}"));
        std::fs::create_dir_all(&folder)?;
        // The organisation's lean, 0–1000 on each axis.
        let (focus, ladder) = (random.below(1001), random.below(1001));
        let day = 1 + o % 28;
        for r in 0..respondents {
            let mut text = format!(
                "instrument = \"sev\"\n\n[organisation]\nname = \"Woonstichting Nummer {o}\"\nid = \"org{o:03}\"\n\n[assessment]\ndate = 2026-03-{day:02}\nrespondent = \"r{:02}\"\nrole = \"{}\"\n\n[answers]\n",
                r + 1,
                ROLES[r % ROLES.len()]
            );
            // An unsure respondent says "unknown" far more often.
            let unsure = random.below(10) == 0;
            for (section, question) in instrument.questions() {
                let draw = random.below(1200);
                if draw < 3 {
                    continue;
                }
                if draw < if unsure { 600 } else { 100 } {
                    let _ = writeln!(text, "{} = \"unknown\"", question.id);
                    continue;
                }
                let scale = instrument.scale_of(question).expect("a checked instrument");
                let lean = if section.id.starts_with("focus") {
                    focus
                } else {
                    ladder
                };
                let span = (scale.max - scale.min) as u64;
                // The lean on the scale, moved by up to one point either way.
                let centre = scale.min as u64 * 1000 + lean * span;
                let noise = random.below(2001);
                let value = (centre + noise).saturating_sub(1000) / 1000;
                let value = (value as i64).clamp(scale.min, scale.max);
                let _ = writeln!(text, "{} = {value}", question.id);
            }
            std::fs::write(folder.join(format!("r{:02}.toml", r + 1)), text)?;
            files += 1;
        }
    }
    Ok(files)
}
