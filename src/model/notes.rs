//! Notes on inputs that the contract allows but that are probably not meant: a group or region
//! bound on a group or region no project of the portfolio is in (MODEL.md section 9: allowed), when
//! it has a positive minimum (which makes the plan infeasible) or its name is spelled like a
//! project's region (`Ha Noi` for `Hanoi`: regions are free text, so such a bound holds no money
//! at all); and a `min_state_spend` objective that asks for nothing (`min_value` absent or 0, no
//! `projects`), whose least state money funds only what the mandatory projects and the group,
//! region and priority minimums require; and, with the catalog ([`catalog_notes`]), a
//! `priority_bounds` when no project has a product the catalog flags priority; and
//! `policy.state_share_caps` when some projects give no `cost_categories`. A maximum on a
//! group or region without projects (a standing plan's bound, say) is not noted. Notes are not
//! errors: the inputs solve as given.

use std::collections::{BTreeMap, BTreeSet};

use super::{Bounds, Objective, Plan, Portfolio};
use crate::catalog::Catalog;
use crate::error::Problem;
use crate::io::names::did_you_mean;

/// The rule of a note on a bound that holds no project.
pub const NO_PROJECTS: &str = "no_projects";

/// The rule of a note on `policy.state_share_caps` when some projects give no `cost_categories`
/// (the caps do not apply to them).
pub const UNCATEGORISED: &str = "uncategorised";

/// The rule of a note on a `min_state_spend` objective with `min_value` absent or 0 and no
/// `projects`.
pub const NO_TARGET: &str = "no_target";

/// The notes on `plan` for `portfolio`: one per group or region bound that no project is in and
/// that has a positive minimum or is spelled like a project's region, in the plan's order (groups,
/// then regions), then one on a `min_state_spend` objective that asks for nothing.
///
/// ```
/// use stratfund::model::{notes, Bounds, Plan, Portfolio, Project, FundingClass};
/// let mut project = Project::new("A", "biotech", FundingClass::Market, 10.0, 5.0);
/// project.region = Some("Hanoi".into());
/// let mut plan = Plan::new(vec![(2026, 100.0)]);
/// plan.region_bounds.insert("Ha Noi".into(), Bounds { min_share: Some(0.1), ..Bounds::default() });
/// let notes = notes(&Portfolio::new(vec![project]), &plan);
/// assert_eq!(notes[0].field, "region_bounds.Ha Noi");
/// assert!(notes[0].message.contains("did you mean `Hanoi`?"), "{}", notes[0].message);
/// ```
pub fn notes(portfolio: &Portfolio, plan: &Plan) -> Vec<Problem> {
    notes_under(portfolio, plan, None)
}

/// [`notes`]; with a catalog, no note on a bound of a group it does not know (see [`every_note`]).
fn notes_under(portfolio: &Portfolio, plan: &Plan, catalog: Option<&Catalog>) -> Vec<Problem> {
    let mut found = bound_notes(portfolio, plan, catalog);
    found.extend(no_target(portfolio, plan));
    found.extend(uncategorised(portfolio, plan));
    found
}

/// Every note on `plan` for `portfolio` under `catalog`: [`notes`], then [`catalog_notes`]. A
/// bound on a group that `catalog` does not know gets no note: it is an input error
/// (`unknown_group`, with the code it probably meant), not a group that no project is in.
///
/// ```
/// use stratfund::model::{every_note, Bounds, Plan, Portfolio, Project, FundingClass};
/// use stratfund::Catalog;
/// let portfolio = Portfolio::new(vec![Project::new("A", "biotech", FundingClass::Market, 10.0, 5.0)]);
/// let mut plan = Plan::new(vec![(2026, 100.0)]);
/// let floor = Bounds { min: Some(5.0), ..Bounds::default() };
/// plan.group_bounds.insert("semiconductor".into(), floor.clone()); // a misspelt code
/// assert!(every_note(&portfolio, &plan, &Catalog::default()).is_empty());
/// plan.group_bounds.insert("semiconductors".into(), floor); // no project in it
/// assert_eq!(every_note(&portfolio, &plan, &Catalog::default())[0].field, "group_bounds.semiconductors");
/// ```
pub fn every_note(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog) -> Vec<Problem> {
    let mut found = notes_under(portfolio, plan, Some(catalog));
    found.extend(catalog_notes(portfolio, plan, catalog));
    found
}

/// The notes that need the catalog: `priority_bounds` when no project of the portfolio has a
/// product that `catalog` flags `priority` (they bound no money, and a positive minimum makes the
/// plan infeasible).
///
/// ```
/// use stratfund::model::{catalog_notes, Bounds, Plan, Portfolio, Project, FundingClass};
/// use stratfund::Catalog;
/// let mut project = Project::new("A", "ai_twin_xr", FundingClass::Market, 10.0, 5.0);
/// let mut plan = Plan::new(vec![(2026, 100.0)]);
/// plan.priority_bounds = Some(Bounds { min_share: Some(0.2), ..Bounds::default() });
/// let notes = catalog_notes(&Portfolio::new(vec![project.clone()]), &plan, &Catalog::default());
/// assert_eq!(notes[0].field, "priority_bounds");
/// project.product = Some("vietnamese_llm".into()); // a priority product
/// assert!(catalog_notes(&Portfolio::new(vec![project]), &plan, &Catalog::default()).is_empty());
/// ```
pub fn catalog_notes(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog) -> Vec<Problem> {
    let Some(b) = &plan.priority_bounds else { return Vec::new() };
    if portfolio.projects.iter().any(|p| super::is_priority(p, catalog)) {
        return Vec::new();
    }
    let minimum = has_minimum(b);
    let consequence =
        if minimum { "its minimum cannot be met, so the plan is infeasible" } else { "it bounds no money" };
    let message = format!(
        "no project of the portfolio has a product that catalog `{}` flags priority (`stratfund catalog` lists them; \
         `product` takes the product's code or name): {consequence}",
        catalog.id
    );
    vec![Problem::plan("priority_bounds", NO_PROJECTS, message)]
}

/// The notes on bounds that no project is in, but for groups that `catalog`, when given, does not
/// know (those are input errors).
fn bound_notes(portfolio: &Portfolio, plan: &Plan, catalog: Option<&Catalog>) -> Vec<Problem> {
    if plan.group_bounds.is_empty() && plan.region_bounds.is_empty() {
        return Vec::new();
    }
    let groups: BTreeSet<&str> = portfolio.projects.iter().map(|p| p.group.as_str()).collect();
    let regions: BTreeSet<&str> = portfolio.projects.iter().filter_map(|p| p.region.as_deref()).collect();
    // A group bound is noted only for a group the catalog knows (an unknown one is an input error).
    let in_catalog = |group: &str| catalog.is_none_or(|c| c.group(group).is_some());
    let unused = |table: &'static str,
                  kind: &'static str,
                  bounds: &BTreeMap<String, Bounds>,
                  known: &BTreeSet<&str>,
                  noted: &dyn Fn(&str) -> bool| {
        let outside = bounds.iter().filter(|(name, _)| !known.contains(name.as_str()) && noted(name));
        outside.filter_map(|(name, b)| note(table, kind, name, b, known)).collect::<Vec<_>>()
    };
    let mut found = unused("group_bounds", "group", &plan.group_bounds, &groups, &in_catalog);
    found.extend(unused("region_bounds", "region", &plan.region_bounds, &regions, &|_| true));
    found
}

/// The note on a `min_state_spend` objective whose `min_value` is absent or 0 and whose `projects`
/// is empty: the least state money then funds only what the plan's own rules require (the
/// mandatory projects, the group and region minimums), or nothing.
fn no_target(portfolio: &Portfolio, plan: &Plan) -> Option<Problem> {
    let Objective::MinStateSpend { min_value, projects } = &plan.objective else { return None };
    // A negative or NaN min_value is an input error of its own, not "no min_value".
    if min_value.is_some_and(|v| v != 0.0) || !projects.is_empty() {
        return None;
    }
    let required = portfolio.projects.iter().any(|p| p.mandatory)
        || plan
            .group_bounds
            .values()
            .chain(plan.region_bounds.values())
            .chain(plan.priority_bounds.iter())
            .any(has_minimum);
    let funded = if required {
        "only what the mandatory projects and the group, region and priority minimums require is funded"
    } else {
        "no project is funded"
    };
    let message = format!(
        "kind = \"min_state_spend\" with no min_value and no projects asks for nothing, so {funded}: give \
         min_value (the weighted expected value to reach) or projects (the ids to fund), or use kind = \"max_value\""
    );
    Some(Problem::plan("objective", NO_TARGET, message))
}

/// The note on `policy.state_share_caps` when projects give no `cost_categories`: the caps cannot
/// apply to them (naming the first five).
fn uncategorised(portfolio: &Portfolio, plan: &Plan) -> Option<Problem> {
    if plan.policy.state_share_caps.is_empty() {
        return None;
    }
    let without: Vec<&str> =
        portfolio.projects.iter().filter(|p| p.cost_categories.is_empty()).map(|p| p.id.as_str()).collect();
    if without.is_empty() {
        return None;
    }
    let shown = without.iter().take(5).map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    let more = if without.len() > 5 { format!(" and {} more", without.len() - 5) } else { String::new() };
    let (n, all) = (without.len(), portfolio.projects.len());
    let (give, their) = if n == 1 { ("gives", "its") } else { ("give", "their") };
    let message = format!(
        "{n} of {all} projects {give} no cost_categories, so policy.state_share_caps does not cap {their} state money: {shown}{more}"
    );
    Some(Problem::plan("policy.state_share_caps", UNCATEGORISED, message))
}

/// The note on the bound `table.name` that no project is in, if it has a positive minimum or a
/// name spelled like a known one.
fn note(table: &str, kind: &str, name: &str, b: &Bounds, known: &BTreeSet<&str>) -> Option<Problem> {
    let minimum = has_minimum(b);
    let hint = did_you_mean(name, known.iter().copied());
    let consequence = match (minimum, hint.is_empty()) {
        (true, _) => "its minimum cannot be met, so the plan is infeasible",
        (false, false) => "it bounds no money",
        (false, true) => return None,
    };
    let message = format!("no project of the portfolio is in {kind} `{name}`: {consequence}{hint}");
    Some(Problem::plan(format!("{table}.{name}"), NO_PROJECTS, message))
}

/// Whether a bound asks for some state money: a positive minimum share or amount.
fn has_minimum(b: &Bounds) -> bool {
    b.min_share.is_some_and(|s| s > 0.0) || b.min.is_some_and(|m| m > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FundingClass, Project};

    fn project(group: &str, region: &str) -> Project {
        let mut p = Project::new("A", group, FundingClass::Market, 10.0, 5.0);
        p.region = Some(region.to_string());
        p
    }

    #[test]
    fn minimums_on_groups_and_regions_without_projects_are_noted_maximums_not() {
        let portfolio = Portfolio::new(vec![project("biotech", "Hanoi")]);
        let mut plan = Plan::new(vec![(2026, 100.0)]);
        let at_most = Bounds { max_share: Some(0.5), ..Bounds::default() };
        let at_least = Bounds { min: Some(5.0), ..Bounds::default() };
        plan.group_bounds.insert("biotech".into(), at_least);
        plan.group_bounds.insert("blockchain".into(), at_most);
        plan.group_bounds.insert("cybersecurity".into(), at_least);
        plan.region_bounds.insert("Hanoi".into(), at_most);
        plan.region_bounds.insert("Hue".into(), at_most);
        plan.region_bounds.insert("Da Nang".into(), at_least);
        let found: Vec<_> = notes(&portfolio, &plan).into_iter().map(|n| (n.field, n.message)).collect();
        assert_eq!(
            found,
            [
                (
                    "group_bounds.cybersecurity".to_string(),
                    "no project of the portfolio is in group `cybersecurity`: its minimum cannot be met, so the plan \
                     is infeasible"
                        .to_string()
                ),
                (
                    "region_bounds.Da Nang".to_string(),
                    "no project of the portfolio is in region `Da Nang`: its minimum cannot be met, so the plan is \
                     infeasible"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_least_state_objective_that_asks_for_nothing_is_noted() {
        let mut portfolio = Portfolio::new(vec![project("biotech", "Hanoi")]);
        let mut plan = Plan::new(vec![(2026, 100.0)]);
        assert!(notes(&portfolio, &plan).is_empty(), "max_value");
        for (min_value, projects) in [(None, vec![]), (Some(0.0), vec![])] {
            plan.objective = Objective::MinStateSpend { min_value, projects };
            let found = notes(&portfolio, &plan);
            assert_eq!((found[0].field.as_str(), found[0].rule.as_str()), ("objective", NO_TARGET));
            assert!(found[0].message.contains("no project is funded"), "{}", found[0].message);
        }
        portfolio.projects[0].mandatory = true;
        assert!(notes(&portfolio, &plan)[0].message.contains("only what the mandatory projects"));
        portfolio.projects[0].mandatory = false;
        plan.group_bounds.insert("biotech".into(), Bounds { min: Some(5.0), ..Bounds::default() });
        assert!(notes(&portfolio, &plan)[0].message.contains("group, region and priority minimums require"));
        plan.group_bounds.clear();
        plan.priority_bounds = Some(Bounds { min_share: Some(0.1), ..Bounds::default() });
        assert!(notes(&portfolio, &plan)[0].message.contains("priority minimums require"), "a priority floor");
        plan.priority_bounds = None;
        plan.group_bounds.insert("biotech".into(), Bounds { min: Some(5.0), ..Bounds::default() });
        for (min_value, projects) in [(Some(1.0), vec![]), (None, vec!["A".to_string()])] {
            plan.objective = Objective::MinStateSpend { min_value, projects };
            assert!(notes(&portfolio, &plan).is_empty(), "{:?}", plan.objective);
        }
    }

    #[test]
    fn caps_without_a_cost_breakdown_are_noted_with_the_first_five_projects() {
        let projects: Vec<Project> =
            (0..7).map(|k| Project { id: format!("P{k}"), ..project("biotech", "Hanoi") }).collect();
        let mut portfolio = Portfolio::new(projects);
        let mut plan = Plan::new(vec![(2026, 100.0)]);
        assert!(notes(&portfolio, &plan).is_empty(), "no caps, no note");
        plan.policy.state_share_caps.insert("research".into(), 1.0);
        let found = notes(&portfolio, &plan);
        assert_eq!((found[0].field.as_str(), found[0].rule.as_str()), ("policy.state_share_caps", UNCATEGORISED));
        assert_eq!(
            found[0].message,
            "7 of 7 projects give no cost_categories, so policy.state_share_caps does not cap their state money: \
             `P0`, `P1`, `P2`, `P3`, `P4` and 2 more"
        );
        for p in portfolio.projects.iter_mut().skip(1) {
            p.cost_categories.insert("research".into(), p.cost);
        }
        assert!(notes(&portfolio, &plan)[0].message.starts_with("1 of 7 projects gives no cost_categories"));
        portfolio.projects[0].cost_categories.insert("research".into(), 10.0);
        assert!(notes(&portfolio, &plan).is_empty());
    }

    #[test]
    fn a_region_spelled_like_a_project_region_is_named() {
        let portfolio = Portfolio::new(vec![project("biotech", "Ho Chi Minh City")]);
        let mut plan = Plan::new(vec![(2026, 100.0)]);
        plan.region_bounds.insert("ho-chi-minh city".into(), Bounds { max: Some(3.0), ..Bounds::default() });
        let found = notes(&portfolio, &plan);
        assert!(found[0].message.ends_with("; did you mean `Ho Chi Minh City`?"), "{}", found[0].message);
        assert_eq!(found[0].rule, NO_PROJECTS);
    }
}
