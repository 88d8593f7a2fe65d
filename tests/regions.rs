//! The built-in SEV instrument 2.1 under scoring method 3: every one of the eight regions
//! and every corner of the matrix is reached by a plausible answer set, and every rung of
//! the ladder offers both vastgoed-type and sociaal-type practices.
//!
//! Each answer set is described in words, as a corporation: how widely it practises the
//! vastgoed-type and the sociaal-type practices of each rung, and where its effort goes in
//! the focus questions. Plausible means: every question answered, no rung practised (extent
//! at least one half) above a rung that is not (no skipped rung), and focus answers that
//! fit the practices. Method 3 is computed here by hand from the instrument's own data, and
//! the library must agree with it.

use koers::{Assessment, Instrument, Point, Source, builtin};
use std::collections::BTreeMap;

fn sev() -> &'static Instrument {
    builtin::instrument("sev").unwrap()
}

/// The ladder rungs above the verhuurder baseline, lowest first, and the threshold θ, as
/// the instrument declares them in its `[ladder]` table.
fn ladder() -> (Vec<String>, f64) {
    let doc: toml::Table = builtin::SEV_INSTRUMENT_TOML.parse().unwrap();
    let ladder = doc["ladder"]
        .as_table()
        .expect("sev.toml declares [ladder]");
    assert_eq!(ladder["axis"].as_str(), Some("y"));
    let rungs = ladder["rungs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    let theta = ladder
        .get("threshold")
        .map_or(0.5, |t| t.as_float().unwrap());
    (rungs, theta)
}

fn focus_sections() -> Vec<&'static koers::Section> {
    sev()
        .sections
        .iter()
        .filter(|s| s.questions.iter().any(|q| q.loading.x != 0.0))
        .collect()
}

fn section(id: &str) -> &'static koers::Section {
    sev()
        .sections
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

/// The kind of practice that the comment above each ladder question names: "vastgoed
/// practice" or "sociaal practice". Read from the instrument's own text, so that adding a
/// ladder question without saying its kind fails here.
fn practice_kinds() -> BTreeMap<String, &'static str> {
    let mut kinds = BTreeMap::new();
    let mut comment = String::new();
    let mut in_question = false;
    for line in builtin::SEV_INSTRUMENT_TOML.lines() {
        let line = line.trim();
        if let Some(text) = line.strip_prefix('#') {
            if !in_question {
                comment.push_str(text);
                comment.push(' ');
            }
        } else if line == "[[sections.questions]]" {
            in_question = true;
        } else if let Some(id) = line.strip_prefix("id = \"") {
            if in_question {
                let id = id.trim_end_matches('"').to_string();
                let vastgoed = comment.contains("vastgoed practice");
                let sociaal = comment.contains("sociaal practice");
                assert!(!(vastgoed && sociaal), "{id}: both kinds named");
                if vastgoed || sociaal {
                    kinds.insert(id, if vastgoed { "vastgoed" } else { "sociaal" });
                }
            }
        } else if line.is_empty() || line.starts_with("[[sections]]") {
            comment.clear();
            in_question = false;
        }
    }
    kinds
}

/// The ladder questions of a rung with the given kind of practice.
fn practices(rung: &str, kind: &str) -> Vec<String> {
    let kinds = practice_kinds();
    section(rung)
        .questions
        .iter()
        .filter(|q| kinds.get(&q.id).copied() == Some(kind))
        .map(|q| q.id.clone())
        .collect()
}

/// One corporation's answers, described in words.
#[derive(Clone)]
struct Corporation {
    answers: BTreeMap<String, i64>,
}

impl Corporation {
    /// Every ladder question at "in geen enkele wijk", every focus question at `focus`,
    /// the regie counts (which load on no axis) at "twee of drie keer".
    fn new(focus: i64) -> Self {
        let (rungs, _) = ladder();
        let mut answers = BTreeMap::new();
        for (s, q) in sev().questions() {
            let value = if rungs.contains(&s.id) {
                1
            } else if q.loading.x != 0.0 {
                focus
            } else {
                3
            };
            answers.insert(q.id.clone(), value);
        }
        Corporation { answers }
    }

    /// A rung's vastgoed-type practices at `vastgoed`, its sociaal-type practices at
    /// `sociaal` (points on the `wijken` scale, 1 = none … 6 = nearly all).
    fn rung(mut self, rung: &str, vastgoed: i64, sociaal: i64) -> Self {
        for (kind, value) in [("vastgoed", vastgoed), ("sociaal", sociaal)] {
            for id in practices(rung, kind) {
                self.answers.insert(id, value);
            }
        }
        self
    }

    /// Single questions at `value`.
    fn set(mut self, ids: &[&str], value: i64) -> Self {
        for id in ids {
            assert!(sev().question(id).is_some(), "no question {id}");
            self.answers.insert(id.to_string(), value);
        }
        self
    }

    /// The answers as an assessment file, read by the library as a user's file would be.
    fn assessment(&self) -> Assessment {
        let mut text = String::from(
            "instrument = \"sev\"\n\n[organisation]\nname = \"Proef\"\n\n\
             [assessment]\ndate = 2026-05-31\n\n[answers]\n",
        );
        for (id, value) in &self.answers {
            text.push_str(&format!("{id} = {value}\n"));
        }
        Assessment::parse(&Source::new("proef.toml", &text)).unwrap()
    }

    fn normalized(&self, q: &koers::Question) -> f64 {
        sev()
            .scale_of(q)
            .unwrap()
            .normalize(self.answers[&q.id])
            .expect("the answers lie on their scales")
    }

    /// A section's score on an axis: 100·Σ|l|·w·d / Σ|l|·w (every question is answered).
    fn section_score(&self, section: &koers::Section, axis: fn(&koers::Loading) -> f64) -> f64 {
        let (mut points, mut mass) = (0.0, 0.0);
        for q in &section.questions {
            let l = axis(&q.loading);
            if l != 0.0 {
                let v = self.normalized(q);
                points += l.abs() * q.weight * if l < 0.0 { 1.0 - v } else { v };
                mass += l.abs() * q.weight;
            }
        }
        100.0 * points / mass
    }

    /// The extent e_k of each rung, lowest first.
    fn extents(&self) -> Vec<f64> {
        let (rungs, _) = ladder();
        rungs
            .iter()
            .map(|r| self.section_score(section(r), |l| l.y) / 100.0)
            .collect()
    }

    /// Method 3 by hand: x as the mass-weighted mean of the focus sections, y by the
    /// ladder rule (a_k = min(e_1..e_k), L leading rungs with a_k ≥ θ, band B = 100/(K+1)).
    fn position(&self) -> Point {
        let (mut sum, mut total) = (0.0, 0.0);
        for s in focus_sections() {
            let mass: f64 = s
                .questions
                .iter()
                .map(|q| q.loading.x.abs() * q.weight)
                .sum();
            sum += mass * self.section_score(s, |l| l.x);
            total += mass;
        }
        let (_, theta) = ladder();
        let e = self.extents();
        let k = e.len();
        let mut a = Vec::with_capacity(k);
        for (i, e) in e.iter().enumerate() {
            a.push(if i == 0 { *e } else { e.min(a[i - 1]) });
        }
        let level = a.iter().take_while(|a| **a >= theta).count();
        let band = 100.0 / (k as f64 + 1.0);
        let y = if level < k {
            band * level as f64 + band * a[level] / theta
        } else {
            band * k as f64 + band * (a[k - 1] - theta) / (1.0 - theta)
        };
        Point { x: sum / total, y }
    }

    /// Rungs practised (e_k ≥ θ) above a rung that is not: none in a plausible answer set.
    fn skipped_rungs(&self) -> usize {
        let (_, theta) = ladder();
        let e = self.extents();
        let reached = e.iter().take_while(|e| **e >= theta).count();
        e[reached..].iter().filter(|e| **e >= theta).count()
    }

    /// The library's position, after checking that it equals the hand-computed one and
    /// that the answer set is plausible and sufficiently answered.
    fn placed(&self) -> (Point, String) {
        assert_eq!(self.skipped_rungs(), 0, "a skipped rung is not plausible");
        let score = sev().score(&self.assessment()).unwrap();
        assert!(score.reliable, "not sufficiently answered");
        let (p, q) = (score.position.unwrap(), self.position());
        assert!(
            (p.x - q.x).abs() < 1e-9 && (p.y - q.y).abs() < 1e-9,
            "library ({:.2}, {:.2}), by hand ({:.2}, {:.2})",
            p.x,
            p.y,
            q.x,
            q.y
        );
        let region = score.region.expect("a region").id;
        assert_eq!(region, sev().matrix.region_at(q).unwrap().id);
        eprintln!("({:5.1}, {:5.1}) {region}", p.x, p.y);
        (p, region)
    }

    /// The region, for an answer set that lies at least 3 points inside it, so that the
    /// story does not hang on a rounding.
    fn region(&self) -> String {
        let (p, region) = self.placed();
        let margin = sev().matrix.margin(p).unwrap();
        assert!(margin >= 3.0, "{region} only {margin:.1} points inside");
        region
    }
}

// --- The instrument -------------------------------------------------------------------

#[test]
fn the_instrument_is_version_2_1_with_a_ladder_of_three_rungs() {
    assert_eq!(sev().version, "2.1");
    let (rungs, theta) = ladder();
    assert_eq!(rungs, ["voorzieningen", "wijkregie", "emancipatie"]);
    assert!(theta > 0.0 && theta < 1.0);
    for rung in &rungs {
        for q in &section(rung).questions {
            assert_eq!((q.loading.x, q.loading.y), (0.0, 1.0), "{}", q.id);
        }
    }
}

#[test]
fn every_rung_has_both_vastgoed_and_sociaal_practices_in_equal_numbers() {
    let (rungs, _) = ladder();
    let kinds = practice_kinds();
    for rung in &rungs {
        let s = section(rung);
        for q in &s.questions {
            assert!(
                kinds.contains_key(&q.id),
                "{}: kind of practice not named",
                q.id
            );
        }
        let (vastgoed, sociaal) = (practices(rung, "vastgoed"), practices(rung, "sociaal"));
        assert!(!vastgoed.is_empty() && !sociaal.is_empty(), "{rung}");
        assert_eq!(vastgoed.len(), sociaal.len(), "{rung}");
    }
}

#[test]
fn every_rung_has_the_same_mass_and_room_for_unknown_answers() {
    let (rungs, _) = ladder();
    let masses: Vec<f64> = rungs
        .iter()
        .map(|r| section(r).questions.iter().map(|q| q.weight).sum())
        .collect();
    assert!(masses.windows(2).all(|m| m[0] == m[1]), "{masses:?}");
    // The 60 % rule must leave room for at least one "weet niet" per rung and per focus
    // section, or a respondent who does not know one practice would fall out.
    for rung in &rungs {
        assert!(section(rung).questions.len() >= 5, "{rung}");
    }
    for s in focus_sections() {
        assert!(s.questions.len() >= 3, "{}", s.id);
    }
}

#[test]
fn focus_questions_name_both_poles_and_no_slogan() {
    for s in focus_sections() {
        for q in &s.questions {
            let nl = &q.text.nl;
            assert!(
                nl.contains("Vastgoed:") && nl.contains("Sociaal:"),
                "{}",
                q.id
            );
        }
    }
    let text = builtin::SEV_INSTRUMENT_TOML.to_lowercase();
    for slogan in ["de stenen", "de mensen)", "van stenen naar mensen"] {
        assert!(!text.contains(slogan), "slogan {slogan:?}");
    }
}

// --- The eight regions ------------------------------------------------------------------

/// A landlord that keeps its homes clean, intact and safe: a housing-with-care complex and
/// a meeting room in a few wijken; the effort goes to the buildings, with the residents in
/// mind when a block is renovated.
fn landlord_of_the_buildings() -> Corporation {
    Corporation::new(2)
        .rung("voorzieningen", 2, 2)
        .set(&["beheerder", "overlast"], 1)
        .set(&["renovatie", "kwetsbare-huurder"], 3)
}

/// A village landlord that knows its tenants: older tenants visited at home and a
/// klussendienst, no buildings for partners; the effort goes to the residents.
fn village_landlord() -> Corporation {
    Corporation::new(4)
        .rung("voorzieningen", 1, 2)
        .set(&["ouderenadvies", "diensten"], 4)
        .set(&["nieuwe-huurder", "zorgvraag"], 5)
}

/// A builder of health centres, community buildings and homes for housing with care,
/// which adapts the home when a tenant needs more.
fn builder_of_facilities() -> Corporation {
    Corporation::new(2)
        .rung("voorzieningen", 6, 3)
        .rung("wijkregie", 3, 2)
        .set(&["zorgvraag"], 1)
}

/// Huismeesters, supported tenants, activities and woonzorgadvies in nearly every wijk;
/// the gemeente leads in the wijk.
fn provider_of_services() -> Corporation {
    Corporation::new(4)
        .rung("voorzieningen", 3, 6)
        .rung("wijkregie", 2, 3)
}

/// Leads the physical renewal of its wijken: the wijkregie rung is reached through
/// vastgoed-type practices (herstructurering, a gebiedsvisie, the other owners brought
/// in), while the social approach is the partners'.
fn leader_of_renewal() -> Corporation {
    Corporation::new(2)
        .rung("voorzieningen", 5, 3)
        .rung("wijkregie", 6, 2)
        .rung("emancipatie", 3, 1)
        .set(&["achteruitgang-inzet"], 1)
}

/// Leads the social approach of its wijken: buurtbeheerders, case meetings on overlast,
/// residents' budgets and plans; the physical renewal is the gemeente's.
fn leader_of_social_approach() -> Corporation {
    Corporation::new(4)
        .rung("voorzieningen", 3, 5)
        .rung("wijkregie", 2, 6)
        .rung("emancipatie", 1, 3)
}

/// Residents' prospects through property: Koopgarant, klushuizen and cheap business space
/// in nearly all wijken, one foyer and one work hotel as most towns have, on top of
/// facilities and the renewal of its wijken.
fn prospects_through_property() -> Corporation {
    Corporation::new(2)
        .rung("voorzieningen", 6, 4)
        .rung("wijkregie", 6, 4)
        .rung("emancipatie", 6, 4)
        .set(&["jongerenfoyer", "werkhotel"], 2)
        .set(&["perspectief"], 1)
}

/// Residents' prospects through people: leerwerkplekken, social return, Achter de
/// voordeur, early help with arrears and guidance into work in nearly all wijken.
fn prospects_through_people() -> Corporation {
    Corporation::new(4)
        .rung("voorzieningen", 4, 6)
        .rung("wijkregie", 3, 6)
        .rung("emancipatie", 3, 6)
        .set(&["jongerenfoyer", "werkhotel"], 2)
        .set(&["perspectief"], 5)
}

#[test]
fn a_landlord_that_keeps_its_homes_clean_intact_and_safe_is_verhuurder_vastgoed() {
    assert_eq!(landlord_of_the_buildings().region(), "verhuurder-vastgoed");
}

#[test]
fn a_village_landlord_that_knows_its_tenants_is_verhuurder_sociaal() {
    assert_eq!(village_landlord().region(), "verhuurder-sociaal");
}

#[test]
fn a_builder_of_health_centres_and_care_homes_is_voorzieningen_vastgoed() {
    assert_eq!(builder_of_facilities().region(), "voorzieningen-vastgoed");
}

#[test]
fn huismeesters_and_supported_tenants_are_voorzieningen_sociaal() {
    assert_eq!(provider_of_services().region(), "voorzieningen-sociaal");
}

#[test]
fn leading_the_physical_renewal_of_its_wijken_is_wijkregisseur_vastgoed() {
    let corporation = leader_of_renewal();
    assert_eq!(corporation.region(), "wijkregisseur-vastgoed");
    // Reached through the renewal: the rung's vastgoed-type practices carry it.
    let without_renewal = corporation.rung("wijkregie", 1, 2);
    assert!(without_renewal.position().y < 50.0);
}

#[test]
fn leading_the_social_approach_of_its_wijken_is_wijkregisseur_sociaal() {
    assert_eq!(
        leader_of_social_approach().region(),
        "wijkregisseur-sociaal"
    );
}

#[test]
fn koopgarant_klushuizen_and_starters_premises_are_emancipatie_vastgoed() {
    assert_eq!(
        prospects_through_property().region(),
        "emancipatie-vastgoed"
    );
}

#[test]
fn learning_work_and_help_behind_the_front_door_are_emancipatie_sociaal() {
    assert_eq!(prospects_through_people().region(), "emancipatie-sociaal");
}

#[test]
fn the_eight_answer_sets_reach_all_eight_regions() {
    let reached: std::collections::BTreeSet<String> = [
        landlord_of_the_buildings(),
        village_landlord(),
        builder_of_facilities(),
        provider_of_services(),
        leader_of_renewal(),
        leader_of_social_approach(),
        prospects_through_property(),
        prospects_through_people(),
    ]
    .iter()
    .map(Corporation::region)
    .collect();
    let all: std::collections::BTreeSet<String> =
        sev().matrix.regions.iter().map(|r| r.id.clone()).collect();
    assert_eq!(reached, all);
}

// --- The four corners -------------------------------------------------------------------

/// The distance from a position to a corner.
fn distance(p: Point, corner: (f64, f64)) -> f64 {
    ((p.x - corner.0).powi(2) + (p.y - corner.1).powi(2)).sqrt()
}

#[test]
fn a_landlord_with_its_effort_on_the_buildings_is_near_the_bottom_left_corner() {
    // Nothing beyond letting, except homes with care in one wijk.
    let corporation = Corporation::new(1)
        .set(&["wonen-met-zorg"], 2)
        .set(&["renovatie"], 2);
    let (p, region) = corporation.placed();
    assert_eq!(region, "verhuurder-vastgoed");
    assert!(distance(p, (0.0, 0.0)) <= 10.0, "({:.1}, {:.1})", p.x, p.y);
}

#[test]
fn a_landlord_with_its_effort_on_the_residents_is_near_the_bottom_right_corner() {
    // Nothing beyond letting, except older tenants visited at home in one wijk.
    let corporation = Corporation::new(5)
        .set(&["ouderenadvies"], 2)
        .set(&["renovatie"], 4);
    let (p, region) = corporation.placed();
    assert_eq!(region, "verhuurder-sociaal");
    assert!(
        distance(p, (100.0, 0.0)) <= 10.0,
        "({:.1}, {:.1})",
        p.x,
        p.y
    );
}

#[test]
fn every_practice_widely_with_the_effort_on_the_buildings_is_near_the_top_left_corner() {
    // A large corporation that does everything, its vastgoed practices in nearly all
    // wijken, its sociaal practices in more than half; where effort is divided, it goes
    // to the buildings. Foyers and work hotels in more than half of the wijken: a city
    // corporation.
    let corporation = Corporation::new(1)
        .rung("voorzieningen", 6, 5)
        .rung("wijkregie", 6, 5)
        .rung("emancipatie", 6, 5)
        .set(&["kwetsbare-huurder", "jongeren"], 2);
    let (p, region) = corporation.placed();
    assert_eq!(region, "emancipatie-vastgoed");
    assert!(
        distance(p, (0.0, 100.0)) <= 10.0,
        "({:.1}, {:.1})",
        p.x,
        p.y
    );
}

#[test]
fn every_practice_widely_with_the_effort_on_the_residents_is_near_the_top_right_corner() {
    let corporation = Corporation::new(5)
        .rung("voorzieningen", 5, 6)
        .rung("wijkregie", 5, 6)
        .rung("emancipatie", 5, 6)
        .set(&["renovatie", "ontmoeting"], 4);
    let (p, region) = corporation.placed();
    assert_eq!(region, "emancipatie-sociaal");
    assert!(
        distance(p, (100.0, 100.0)) <= 10.0,
        "({:.1}, {:.1})",
        p.x,
        p.y
    );
}

// --- The ladder reads as a ladder --------------------------------------------------------

#[test]
fn a_little_of_everything_stays_low_and_one_rung_without_the_one_below_is_skipped() {
    // "In enkele wijken" (0.4) on every rung: no rung is reached, y = 25 · 0.4 / 0.5 = 20.
    let little = Corporation::new(3)
        .rung("voorzieningen", 3, 3)
        .rung("wijkregie", 3, 3)
        .rung("emancipatie", 3, 3);
    let p = little.position();
    assert!((p.y - 20.0).abs() < 1e-9, "{}", p.y);
    assert_eq!(little.skipped_rungs(), 0);
    // Emancipatie work in nearly all wijken and nothing else: y = 0 with a skipped rung,
    // not the voorzieningen band that an average would give.
    let skipping = Corporation::new(3).rung("emancipatie", 6, 6);
    assert_eq!(skipping.position().y, 0.0);
    assert_eq!(skipping.skipped_rungs(), 1);
    let score = sev().score(&skipping.assessment()).unwrap();
    assert_eq!(score.position.unwrap().y, 0.0);
}

// --- The examples -----------------------------------------------------------------------

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assessments/examples");

/// t(1 − 0.05/4, df): the Bonferroni quantile of method 3, for the group sizes used.
fn t_bonferroni(df: usize) -> f64 {
    match df {
        2 => 6.205,
        3 => 4.177,
        _ => panic!("no quantile for {df} degrees of freedom"),
    }
}

#[test]
fn each_region_example_lands_in_its_region_and_the_spread_leaves_it_fixed() {
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(EXAMPLES).unwrap() {
        let folder = entry.unwrap().path();
        let mut expected = None;
        let mut points = Vec::new();
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let Some(line) = text.lines().find(|l| l.starts_with("# Expected region: ")) else {
                continue;
            };
            expected = Some(line.trim_start_matches("# Expected region: ").to_string());
            let assessment = Assessment::parse(&Source::new("example", &text)).unwrap();
            let score = sev().score(&assessment).unwrap();
            assert!(score.reliable, "{}", path.display());
            points.push(score.position.unwrap());
        }
        let Some(expected) = expected else { continue };
        let n = points.len();
        assert!(
            (3..=4).contains(&n),
            "{}: {n} respondents",
            folder.display()
        );
        let mean = |f: fn(&Point) -> f64| points.iter().map(f).sum::<f64>() / n as f64;
        let (mx, my) = (mean(|p| p.x), mean(|p| p.y));
        let half = |f: fn(&Point) -> f64, m: f64| {
            let var = points.iter().map(|p| (f(p) - m).powi(2)).sum::<f64>() / (n - 1) as f64;
            t_bonferroni(n - 1) * (var / n as f64).sqrt()
        };
        let (hx, hy) = (half(|p| p.x, mx), half(|p| p.y, my));
        let region = sev().matrix.region(&expected).unwrap();
        let inside = |v: f64, iv: &koers::Interval| iv.contains(v.clamp(0.0, 100.0));
        for (x, y) in [
            (mx - hx, my - hy),
            (mx + hx, my + hy),
            (mx - hx, my + hy),
            (mx + hx, my - hy),
        ] {
            assert!(
                inside(x, &region.x) && inside(y, &region.y),
                "{expected}: mean ({mx:.1}, {my:.1}), interval ±({hx:.1}, {hy:.1})"
            );
        }
        seen.push(expected);
    }
    seen.sort();
    assert_eq!(seen.len(), 8, "{seen:?}");
    seen.dedup();
    assert_eq!(seen.len(), 8, "two examples share a region");
}
