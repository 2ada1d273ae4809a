//! Names written in two Unicode forms. Vietnamese letters can be stored composed (`ộ` as one code
//! point, NFC, as most editors save) or decomposed (`o` + two combining marks, NFD, as macOS file
//! names and some converters give them). The two look the same but are different strings, and
//! stratfund compares names as written: a region `Hà Nội` in both forms would be two regions, one
//! of them outside the region's bounds. Such names are refused, naming both places.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use super::{Plan, Portfolio};
use crate::error::Problem;

/// Where a name was written: a project and its field, or a field of the plan.
enum Place<'a> {
    Project(&'a str, &'static str),
    Plan(&'static str),
}

/// Problems (rule `unicode_forms`) for ids, regions, leads and exclusive labels written in more
/// than one Unicode form across the portfolio and the plan.
pub(super) fn check_unicode_forms(portfolio: &Portfolio, plan: &Plan, out: &mut Vec<Problem>) {
    let projects = &portfolio.projects;
    let ids = projects.iter().map(|p| (p.id.as_str(), Place::Project(&p.id, "id")));
    let requires =
        projects.iter().flat_map(|p| p.requires.iter().map(move |q| (q.as_str(), Place::Project(&p.id, "requires"))));
    let listed = plan.excluded.keys().map(|id| (id.as_str(), Place::Plan("excluded")));
    let exempt = plan.min_grant_exempt.iter().map(|id| (id.as_str(), Place::Plan("min_grant_exempt")));
    report("project id", ids.chain(requires).chain(listed).chain(exempt), out);
    let regions = projects.iter().filter_map(|p| Some((p.region.as_deref()?, Place::Project(&p.id, "region"))));
    let bounds = plan.region_bounds.keys().map(|r| (r.as_str(), Place::Plan("region_bounds")));
    report("region", regions.chain(bounds), out);
    let leads = projects.iter().filter_map(|p| Some((p.lead.as_deref()?, Place::Project(&p.id, "lead"))));
    report("lead", leads, out);
    let labels =
        projects.iter().filter_map(|p| Some((p.exclusive_group.as_deref()?, Place::Project(&p.id, "exclusive_group"))));
    report("exclusive group", labels, out);
}

/// One problem per name (NFC) written in more than one form, at the first place of its second form.
fn report<'a>(what: &str, names: impl Iterator<Item = (&'a str, Place<'a>)>, out: &mut Vec<Problem>) {
    let mut forms: BTreeMap<String, Vec<(&'a str, Place<'a>)>> = BTreeMap::new();
    for (name, place) in names.filter(|(name, _)| !name.is_ascii()) {
        let written = forms.entry(name.nfc().collect()).or_default();
        if !written.iter().any(|(other, _)| *other == name) {
            written.push((name, place));
        }
    }
    for written in forms.values().filter(|w| w.len() > 1) {
        let places: Vec<String> = written.iter().map(|(name, place)| describe(name, place)).collect();
        let message = format!(
            "{what} `{}` is written in {} Unicode forms that look alike ({}); names are compared as written, so \
             these would be different, each with its own rules: save the files with one form (NFC, composed \
             letters, as most editors do)",
            written[0].0,
            written.len(),
            places.join("; ")
        );
        out.push(match written[1].1 {
            Place::Project(id, field) => Problem::project(id, field, "unicode_forms", message),
            Place::Plan(field) => Problem::plan(field, "unicode_forms", message),
        });
    }
}

/// `composed in project A`, `decomposed in the plan's region_bounds`.
fn describe(name: &str, place: &Place<'_>) -> String {
    let form = if name.nfc().eq(name.chars()) {
        "composed"
    } else if name.nfd().eq(name.chars()) {
        "decomposed"
    } else {
        "mixed"
    };
    match place {
        Place::Project(id, _) => format!("{form} in project {id}"),
        Place::Plan(field) => format!("{form} in the plan's {field}"),
    }
}
