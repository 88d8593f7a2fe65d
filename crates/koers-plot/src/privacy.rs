//! The privacy rule for the respondents' roles: no role of fewer than
//! [`koers::MIN_SUBGROUP`] people is shown apart. Such roles are merged into "overige";
//! when those together are still too few in a group, their role is not shown at all.

use crate::PlotOptions;
use crate::words::words;
use koers::{Group, MIN_SUBGROUP};
use std::collections::BTreeMap;

/// The role the small roles are merged into. A control character, which no cleaned role
/// contains, so that a role someone called "overige" stays a role of its own.
pub(crate) const OTHER: &str = "\u{1}";

/// The role of respondents whose role is not shown: small roles that together are still
/// fewer than [`MIN_SUBGROUP`] in their group.
pub(crate) const HIDDEN: &str = "\u{2}";

/// Whether `role` is one of the rule's own roles rather than a respondent's.
pub(crate) fn is_rule(role: &str) -> bool {
    role == OTHER || role == HIDDEN
}

/// `options` with the rule applied to [`PlotOptions::roles`]. A role (no role counts as
/// one) is shown only when, in every group of its organisation where it occurs, at least
/// [`MIN_SUBGROUP`] respondents have it; the others become [`OTHER`] in a group where they
/// are at least [`MIN_SUBGROUP`] together, else [`HIDDEN`]. Applying it twice changes
/// nothing more.
pub(crate) fn apply(groups: &[Group], options: &PlotOptions) -> PlotOptions {
    if !options.respondents || options.roles.is_empty() {
        return options.clone();
    }
    // Per organisation, the roles with fewer than MIN_SUBGROUP in one of its groups.
    let mut small: BTreeMap<&str, Vec<Option<&str>>> = BTreeMap::new();
    for (group, roles) in groups.iter().zip(&options.roles) {
        let mut sizes: BTreeMap<Option<&str>, usize> = BTreeMap::new();
        for role in roles {
            *sizes.entry(role.as_deref()).or_default() += 1;
        }
        let entry = small.entry(group.organisation.id.as_str()).or_default();
        for (role, n) in sizes {
            if n < MIN_SUBGROUP && !role.is_some_and(is_rule) {
                entry.push(role);
            }
        }
    }
    let roles = groups
        .iter()
        .zip(&options.roles)
        .map(|(group, roles)| {
            let small = &small[group.organisation.id.as_str()];
            let is_small = |role: &Option<String>| small.contains(&role.as_deref());
            let merged = roles.iter().filter(|r| is_small(r)).count();
            let into = if merged >= MIN_SUBGROUP {
                OTHER
            } else {
                HIDDEN
            };
            roles
                .iter()
                .map(|role| {
                    if is_small(role) {
                        Some(into.to_string())
                    } else {
                        role.clone()
                    }
                })
                .collect()
        })
        .chain(options.roles.iter().skip(groups.len()).cloned())
        .collect();
    PlotOptions {
        roles,
        ..options.clone()
    }
}

/// The caption's sentence on what the rule did, if it did anything in the picture.
pub(crate) fn note(options: &PlotOptions) -> Option<String> {
    if !options.respondents {
        return None;
    }
    let all = || options.roles.iter().flatten().flatten();
    let merged = all().any(|r| r == OTHER);
    let hidden = all().any(|r| r == HIDDEN);
    let w = words(options.lang);
    match (merged, hidden) {
        (false, false) => None,
        (true, false) => Some(w.roles_merged.to_string()),
        (false, true) => Some(w.roles_hidden_only.to_string()),
        (true, true) => Some(format!("{} {}", w.roles_merged, w.roles_hidden)),
    }
}

/// The legend's text for a role of the rule, `None` for a respondent's own role.
pub(crate) fn legend_text(role: &str, lang: koers::Lang) -> Option<&'static str> {
    let w = words(lang);
    match role {
        OTHER => Some(w.other_roles),
        HIDDEN => Some(w.role_hidden),
        _ => None,
    }
}
