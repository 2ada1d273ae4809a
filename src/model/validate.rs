//! Validation (every problem at once, each with project id, field and rule) of the portfolio and
//! its projects, with the plan's checks (`plan_checks`) and eligibility under the three-house rules
//! (`eligibility`, MODEL.md sections 3 and 9) into one [`ValidationReport`].

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::eligibility::{check_clean_mandatory, check_forced_projects, eligibility, Ineligible};
use super::plan_checks::{check_listed_projects, check_plan};
use super::{Objective, Plan, Portfolio, Project, Year};
use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};

/// What validation found: input problems (errors) and ineligible projects (not errors).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// Input errors; the inputs cannot be used while there is one.
    pub problems: Vec<Problem>,
    /// Projects that cannot be funded, with the rule they break, in portfolio order.
    pub ineligible: Vec<Ineligible>,
    /// What the contract allows but is probably not meant (a bound on a group or region no project
    /// is in: [`notes`](super::notes)); not errors. Filled by [`validate`] only, not on the
    /// solve path ([`check`], scenarios, frontier levels).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Problem>,
}

impl ValidationReport {
    /// True when there is no input problem (ineligible projects are allowed).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{validate, Catalog, FundingClass, Plan, Portfolio, Project};
    /// let plan = Plan::new(vec![(2026, 100.0)]);
    /// let mut p = Project::new("A", "biotech", FundingClass::Market, 10.0, 5.0); // no enterprise money
    /// assert!(validate(&Portfolio::new(vec![p.clone()]), &plan, &Catalog::default()).is_ok()); // ineligible only
    /// p.cost = -1.0;
    /// let report = validate(&Portfolio::new(vec![p]), &plan, &Catalog::default());
    /// assert!(!report.is_ok() && report.problems[0].rule == "cost_not_positive");
    /// ```
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Inputs that passed validation, with the derived facts the optimiser needs.
#[derive(Debug, Clone)]
pub struct Checked<'a> {
    /// The portfolio.
    pub portfolio: &'a Portfolio,
    /// The plan.
    pub plan: &'a Plan,
    /// phi_{p,t} for every project, in portfolio order.
    pub year_shares: Vec<BTreeMap<Year, f64>>,
    /// Ineligible and unfundable projects, in portfolio order.
    pub ineligible: Vec<Ineligible>,
    /// `eligible[i]` is true when project i may be funded.
    pub eligible: Vec<bool>,
    /// `priority[i]` is true when project i's product is one the catalog flags `priority` (the
    /// projects the plan's `priority_bounds` bound).
    pub priority: Vec<bool>,
}

/// Validates a portfolio and a plan against a catalog, returning every problem at once.
///
/// ```
/// use stratfund::{validate, Catalog, FundingClass, Plan, Portfolio, Project};
/// let mut p = Project::new("P-1", "biotech", FundingClass::Market, 100.0, 10.0);
/// p.enterprise_commitment = 30.0; // below the 50% a market project needs
/// let report = validate(&Portfolio::new(vec![p]), &Plan::new(vec![(2026, 500.0)]), &Catalog::default());
/// assert!(report.is_ok());
/// assert_eq!(report.ineligible[0].rule, "enterprise_commitment_below_share");
/// ```
pub fn validate(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog) -> ValidationReport {
    let report = validate_excluding(portfolio, plan, catalog, &BTreeMap::new());
    ValidationReport { notes: super::every_note(portfolio, plan, catalog), ..report }
}

/// [`validate`] with some projects excluded up front (a scenario's `exclude` list) besides those of
/// the plan's `excluded`: each is listed as ineligible with rule `excluded` and the given detail,
/// and projects requiring it become unfundable (`dependency:<id>`), exactly as for an ineligible
/// project.
pub fn validate_excluding(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    excluded: &BTreeMap<String, String>,
) -> ValidationReport {
    let mut problems = Vec::new();
    check_portfolio_header(portfolio, plan, catalog, &mut problems);
    check_plan(plan, catalog, &mut problems);
    let first_year = plan.first_year().unwrap_or_default();
    for (k, project) in portfolio.projects.iter().enumerate() {
        let before = problems.len();
        check_project(project, catalog, first_year, &mut problems);
        if project.id.trim().is_empty() {
            // Named by position, as a parse error names a project without an id.
            let label = Problem::unnamed_project(k);
            problems[before..].iter_mut().for_each(|p| p.project = Some(label.clone()));
        }
    }
    check_ids_and_links(portfolio, &mut problems);
    super::unicode_forms::check_unicode_forms(portfolio, plan, &mut problems);
    check_categories_capped(portfolio, plan, &mut problems);
    check_listed_projects(portfolio, plan, &mut problems);
    // The plan's own exclusions, then the caller's (a scenario's `exclude`), whose detail wins.
    let excluded: BTreeMap<String, String> = plan.excluded.clone().into_iter().chain(excluded.clone()).collect();
    let ineligible = if problems.is_empty() {
        eligibility(portfolio, plan, &excluded)
    } else {
        check_clean_mandatory(portfolio, plan, &excluded, &mut problems);
        Vec::new()
    };
    check_forced_projects(portfolio, plan, &ineligible, &mut problems);
    ValidationReport { problems, ineligible, notes: Vec::new() }
}

/// Makes optional the mandatory projects, and drops from a `min_state_spend` objective's
/// `projects` the named ones, that `problems` report as ineligible or unfundable (rule
/// `mandatory_ineligible`), and returns their ids. For derived inputs only (a robustness draw, a
/// policy-sweep point), where that is an outcome to report rather than an input error.
pub(crate) fn release_ineligible_mandatory(
    portfolio: &mut Portfolio,
    plan: &mut Plan,
    problems: &[Problem],
) -> Vec<String> {
    let mut released: Vec<String> = Vec::new();
    for problem in problems.iter().filter(|p| p.rule == "mandatory_ineligible") {
        let Some(id) = problem.project.as_ref() else { continue };
        let freed = match (problem.field.as_str(), &mut plan.objective) {
            ("mandatory", _) => portfolio.projects.iter_mut().find(|p| &p.id == id).map(|p| p.mandatory = false),
            ("objective.projects", Objective::MinStateSpend { projects, .. }) => {
                projects.retain(|named| named != id);
                Some(())
            }
            _ => None,
        };
        if freed.is_some() && !released.contains(id) {
            released.push(id.clone());
        }
    }
    // In portfolio order, whichever rule freed them.
    let position: HashMap<&str, usize> =
        portfolio.projects.iter().enumerate().map(|(k, p)| (p.id.as_str(), k)).collect();
    released.sort_by_key(|id| position.get(id.as_str()).copied());
    released
}

/// Validates and, when there is no problem, returns the checked inputs.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) listing every problem found (each with its project id,
/// field and rule), not only the first.
pub fn check<'a>(portfolio: &'a Portfolio, plan: &'a Plan, catalog: &Catalog) -> Result<Checked<'a>> {
    check_excluding(portfolio, plan, catalog, &BTreeMap::new())
}

/// [`check`] with some projects excluded up front (see [`validate_excluding`]).
///
/// # Errors
///
/// As [`check`].
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
/// use stratfund::model::check_excluding;
/// use stratfund::{Catalog, FundingClass, Plan, Portfolio, Project};
/// let mut a = Project::new("A", "biotech", FundingClass::Market, 10.0, 5.0);
/// a.enterprise_commitment = 6.0;
/// let mut b = a.clone();
/// b.id = "B".into();
/// b.requires = vec!["A".into()];
/// let (portfolio, plan) = (Portfolio::new(vec![a, b]), Plan::new(vec![(2026, 100.0)]));
/// let excluded = BTreeMap::from([("A".to_string(), "withdrawn by its lead".to_string())]);
/// let checked = check_excluding(&portfolio, &plan, &Catalog::default(), &excluded)?;
/// let rules: Vec<_> = checked.ineligible.iter().map(|i| (i.id.as_str(), i.rule.as_str())).collect();
/// assert_eq!(rules, [("A", "excluded"), ("B", "dependency:A")]);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn check_excluding<'a>(
    portfolio: &'a Portfolio,
    plan: &'a Plan,
    catalog: &Catalog,
    excluded: &BTreeMap<String, String>,
) -> Result<Checked<'a>> {
    let report = validate_excluding(portfolio, plan, catalog, excluded);
    if !report.is_ok() {
        return Err(Error::Validation(report.problems));
    }
    let first_year = plan.first_year().unwrap_or_default();
    let year_shares = portfolio.projects.iter().map(|p| p.year_shares(first_year).unwrap_or_default()).collect();
    let excluded: HashSet<&str> = report.ineligible.iter().map(|i| i.id.as_str()).collect();
    let eligible = portfolio.projects.iter().map(|p| !excluded.contains(p.id.as_str())).collect();
    let priority = portfolio.projects.iter().map(|p| is_priority(p, catalog)).collect();
    Ok(Checked { portfolio, plan, year_shares, ineligible: report.ineligible, eligible, priority })
}

/// Whether `p`'s product (by code or name) is a product of its group that `catalog` flags
/// `priority`.
pub(crate) fn is_priority(p: &Project, catalog: &Catalog) -> bool {
    let product =
        |g: &crate::catalog::Group| p.product.as_deref().and_then(|q| g.product(q)).is_some_and(|q| q.priority);
    catalog.group(&p.group).is_some_and(product)
}

fn check_portfolio_header(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog, out: &mut Vec<Problem>) {
    if portfolio.schema != super::portfolio::PORTFOLIO_SCHEMA {
        out.push(Problem::plan(
            "schema",
            "unknown_schema",
            format!("portfolio schema `{}` is not `{}`", portfolio.schema, super::portfolio::PORTFOLIO_SCHEMA),
        ));
    }
    if let Some(id) = &portfolio.catalog {
        if id != &catalog.id && catalog.replaces.as_deref() != Some(id.as_str()) {
            out.push(Problem::plan(
                "catalog",
                "unknown_catalog",
                format!("the portfolio refers to catalog `{id}` but catalog `{}` is loaded", catalog.id),
            ));
        }
    }
    if let Some(unit) = &plan.currency_unit {
        if unit != &portfolio.currency_unit {
            out.push(Problem::plan(
                "currency_unit",
                "currency_mismatch",
                format!("the plan is in `{unit}` but the portfolio is in `{}`", portfolio.currency_unit),
            ));
        }
    }
}

// ---------------------------------------------------------------- projects

/// Years a plan or a schedule may use.
pub(super) const YEARS: std::ops::RangeInclusive<Year> = 1000..=9999;

/// The largest amount accepted (in the currency unit): HiGHS treats 1e20 as infinite, and no
/// budget comes near this.
pub(super) const MAX_AMOUNT: f64 = 1e15;

pub(super) fn too_large(field: &str, value: f64) -> String {
    format!("{field} is {}; amounts above {MAX_AMOUNT:e} are not supported (check the currency unit)", given(value))
}

/// The longest project schedule accepted, in years.
const MAX_DURATION: u32 = 100;

fn check_project(p: &Project, catalog: &Catalog, first_year: Year, out: &mut Vec<Problem>) {
    check_id(&p.id, out);
    check_group_and_product(p, catalog, out);
    check_numbers(p, out);
    check_cost_categories(p, out);
    check_schedule(p, first_year, out);
    if let Some(trl) = p.trl {
        if !(1..=9).contains(&trl) {
            out.push(Problem::project(&p.id, "trl", "trl_out_of_range", format!("trl is {trl}; it must be 1 to 9")));
        }
    }
}

/// An id is not empty, has no control character and no spaces at its ends.
fn check_id(id: &str, out: &mut Vec<Problem>) {
    if id.trim().is_empty() {
        out.push(Problem::project(id, "id", "empty_id", "every project needs a non-empty id"));
    } else if id.chars().any(char::is_control) {
        let message =
            format!("id {id:?} contains a control character (a line break, a tab); ids are shown in reports and files");
        out.push(Problem::project(id, "id", "id_control_character", message));
    } else if id.trim() != id {
        let message = format!(
            "id `{id}` has spaces at its start or end; write `{}` (requirements and progress records name projects by their exact id)",
            id.trim()
        );
        out.push(Problem::project(id, "id", "id_whitespace", message));
    }
}

/// Amounts, probabilities and shares are finite, not too large and in their ranges.
fn check_numbers(p: &Project, out: &mut Vec<Problem>) {
    let id = p.id.as_str();
    let mut number = |field: &str, value: f64, rule: &str, ok: bool, need: &str| {
        out.extend(number_problem(id, field, value, (rule, ok, need)));
    };
    number("cost", p.cost, "cost_not_positive", p.cost > 0.0, "> 0");
    number("impact", p.impact, "negative_amount", p.impact >= 0.0, ">= 0");
    let e = p.enterprise_commitment;
    number("enterprise_commitment", e, "negative_amount", e >= 0.0, ">= 0");
    let a = p.academia_contribution;
    number("academia_contribution", a, "negative_amount", a >= 0.0, ">= 0");
    if let Some(r) = p.state_request {
        number("state_request", r, "negative_amount", r >= 0.0, ">= 0");
    }
    let pi = p.success_probability;
    number("success_probability", pi, "probability_out_of_range", pi > 0.0 && pi <= 1.0, "in (0, 1]");
    let f = p.min_fraction;
    number("min_fraction", f, "share_out_of_range", f > 0.0 && f <= 1.0, "in (0, 1]");
}

/// The problem of a project's number, if any: not finite, beyond [`MAX_AMOUNT`], or out of its
/// range (`range`: the rule, whether the value is in range, and what it must be).
fn number_problem(id: &str, field: &str, value: f64, (rule, ok, need): (&str, bool, &str)) -> Option<Problem> {
    if !value.is_finite() {
        Some(Problem::project(id, field, "not_finite", format!("{field} is {value}; give a finite number")))
    } else if value.abs() > MAX_AMOUNT {
        Some(Problem::project(id, field, "amount_too_large", too_large(field, value)))
    } else if !ok {
        Some(Problem::project(id, field, rule, format!("{field} is {}; it must be {need}", given(value))))
    } else {
        None
    }
}

/// The cost categories have names and finite amounts >= 0 that sum to the cost (within 1e-9
/// relative, as a profile of amounts does).
fn check_cost_categories(p: &Project, out: &mut Vec<Problem>) {
    let id = p.id.as_str();
    let mut amounts_ok = true;
    for (category, &amount) in &p.cost_categories {
        let field = format!("cost_categories.{category}");
        if category.trim().is_empty() {
            out.push(Problem::project(id, "cost_categories", "empty_category", "a cost category has an empty name"));
        }
        if let Some(problem) = number_problem(id, &field, amount, ("negative_amount", amount >= 0.0, ">= 0")) {
            out.push(problem);
            amounts_ok = false;
        }
    }
    let sum: f64 = p.cost_categories.values().sum();
    let cost_ok = p.cost.is_finite() && p.cost > 0.0;
    if !p.cost_categories.is_empty() && amounts_ok && cost_ok && (sum - p.cost).abs() > 1e-9 * p.cost {
        let message = format!("cost_categories sum to {}, not to the cost {}", given(sum), given(p.cost));
        out.push(Problem::project(id, "cost_categories", "categories_mismatch", message));
    }
}

/// With `policy.state_share_caps` set, every cost category a project gives has a cap (a category
/// without one is most likely a misspelling).
fn check_categories_capped(portfolio: &Portfolio, plan: &Plan, out: &mut Vec<Problem>) {
    let caps = &plan.policy.state_share_caps;
    if caps.is_empty() {
        return;
    }
    let known: Vec<&str> = caps.keys().map(String::as_str).collect();
    for p in &portfolio.projects {
        for category in p.cost_categories.keys().filter(|c| !caps.contains_key(*c)) {
            let mut hint = crate::io::names::did_you_mean(category, known.iter().copied());
            if hint.is_empty() {
                hint = format!("; to leave it uncapped, add `{category} = 1.0` to the caps");
            }
            let caps = known.join(", ");
            let message =
                format!("cost category `{category}` has no cap in policy.state_share_caps (caps: {caps}){hint}");
            out.push(Problem::project(&p.id, &format!("cost_categories.{category}"), "uncapped_category", message));
        }
    }
}

/// The start year is a plausible year, the duration between 1 and [`MAX_DURATION`] years, and
/// the cost profile fits the schedule.
fn check_schedule(p: &Project, first_year: Year, out: &mut Vec<Problem>) {
    let id = p.id.as_str();
    if let Some(year) = p.start_year.filter(|y| !YEARS.contains(y)) {
        let message = format!("start_year {year} is not a year in {}..={}", YEARS.start(), YEARS.end());
        out.push(Problem::project(id, "start_year", "year_out_of_range", message));
    }
    if p.duration_years == 0 {
        out.push(Problem::project(id, "duration_years", "duration_not_positive", "duration_years must be at least 1"));
    } else if p.duration_years > MAX_DURATION {
        let message = format!("duration_years is {}; at most {MAX_DURATION} years are supported", p.duration_years);
        out.push(Problem::project(id, "duration_years", "duration_too_long", message));
    } else if YEARS.contains(&p.first_year(first_year)) {
        // (an out-of-range start is reported above, or the plan's years are)
        if let Err(message) = p.year_shares(first_year) {
            out.push(Problem::project(id, "cost_profile", "profile_mismatch", message));
        }
    }
}

fn check_group_and_product(p: &Project, catalog: &Catalog, out: &mut Vec<Problem>) {
    let Some(group) = catalog.group(&p.group) else {
        out.push(Problem::project(
            &p.id,
            "group",
            "unknown_group",
            format!("{} (run `stratfund catalog` for the codes)", catalog.unknown_group(&p.group)),
        ));
        return;
    };
    let Some(product) = p.product.as_deref() else { return };
    let code_like =
        !product.is_empty() && product.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if group.products_complete && code_like && group.product(product).is_none() {
        let known: Vec<&str> = group.products.iter().map(|q| q.code.as_str()).collect();
        out.push(Problem::project(
            &p.id,
            "product",
            "unknown_product",
            format!(
                "product `{product}` is not a product line of group `{}` (known: {})",
                group.code,
                known.join(", ")
            ),
        ));
    }
}

fn check_ids_and_links(portfolio: &Portfolio, out: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for p in &portfolio.projects {
        if !seen.insert(p.id.as_str()) {
            out.push(Problem::project(
                &p.id,
                "id",
                "duplicate_id",
                format!("id `{}` is used by more than one project", p.id),
            ));
        }
    }
    for p in &portfolio.projects {
        for q in &p.requires {
            if q == &p.id {
                out.push(Problem::project(&p.id, "requires", "self_requirement", "a project cannot require itself"));
            } else if !seen.contains(q.as_str()) {
                let ids: Vec<&str> = q.split(',').map(str::trim).collect();
                let hint = if ids.len() > 1 && ids.iter().all(|id| seen.contains(id)) {
                    format!(": to require several projects, separate them with `;` (`{}`)", ids.join(";"))
                } else {
                    portfolio.id_hint(q)
                };
                out.push(Problem::project(
                    &p.id,
                    "requires",
                    "unknown_requirement",
                    format!("requires `{q}`, which is not in the portfolio{hint}"),
                ));
            }
        }
    }
    // A project requiring itself is reported above as such, not again as a cycle of one.
    for cycle in requirement_cycles(portfolio).into_iter().filter(|cycle| cycle.len() > 1) {
        out.push(Problem::project(
            &cycle[0],
            "requires",
            "dependency_cycle",
            format!("requirements form a cycle: {} -> {}", cycle.join(" -> "), cycle[0]),
        ));
    }
}

/// Every elementary cycle found by a depth-first search (each reported once, from its first member).
fn requirement_cycles(portfolio: &Portfolio) -> Vec<Vec<String>> {
    let index: HashMap<&str, usize> = portfolio.projects.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let edges: Vec<Vec<usize>> = portfolio
        .projects
        .iter()
        .map(|p| p.requires.iter().filter_map(|q| index.get(q.as_str()).copied()).collect())
        .collect();
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut state = vec![0u8; edges.len()];
    let mut cycles = Vec::new();
    for root in 0..edges.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some((node, next)) = stack.last().copied() {
            if let Some(&child) = edges[node].get(next) {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                match state[child] {
                    0 => {
                        state[child] = 1;
                        stack.push((child, 0));
                    }
                    1 => {
                        let start = stack.iter().position(|(n, _)| *n == child).unwrap_or(0);
                        cycles.push(stack[start..].iter().map(|(n, _)| portfolio.projects[*n].id.clone()).collect());
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    cycles
}

// ---------------------------------------------------------------- plan

/// A number the user gave, for an error message: every digit Rust needs to read it back (a share
/// of 1.0000001 stays 1.0000001, not 1), but in scientific notation beyond 1e15 or below 1e-6
/// (1e308 and 1e-300, not 309 or 302 characters).
pub(crate) fn given(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-6..1e15).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// At most `most` decimals, fewer where `x`'s whole digits leave less of the 15 significant digits
/// a double holds (9999999974.7 keeps 5); `most` for a number that is not finite.
pub(crate) fn decimals_held(x: f64, most: u32) -> u32 {
    // The digit count of a finite number is at most 309.
    let whole = if x.is_finite() && x.abs() >= 1.0 { x.abs().log10().floor() as u32 + 1 } else { 0 };
    15u32.saturating_sub(whole).min(most)
}

/// A number for messages and reports: at most 6 decimals and 15 significant digits, trailing
/// zeros trimmed (140.79999999999998 -> 140.8, 9999999974.700001 -> 9999999974.7, solver noise of
/// 1e-12 -> 0); magnitudes from 1e15 (beyond any budget) in scientific notation with 6
/// significant digits (1e300, not 301 digits).
pub(crate) fn num(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e15 {
        let text = format!("{x:.5e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!("{mantissa}e{exponent}");
    }
    let decimals = decimals_held(x, 6) as usize;
    let text = format!("{x:.decimals$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{decimals_held, given, num};

    #[test]
    fn given_numbers_keep_their_digits_and_stay_short() {
        assert_eq!(given(1.0000001), "1.0000001");
        assert_eq!(given(-2.5), "-2.5");
        assert_eq!(given(0.0), "0");
        assert_eq!(given(1e308), "1e308");
        assert_eq!(given(-1.234567891e20), "-1.234567891e20");
        assert_eq!(given(1e-300), "1e-300");
        assert_eq!(given(999_999_999_999_999.0), "999999999999999");
        assert_eq!(given(f64::NAN), "NaN");
        assert_eq!(given(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn numbers_in_messages_stay_short() {
        assert_eq!(num(140.79999999999998), "140.8");
        assert_eq!(num(9_999_999_974.7), "9999999974.7");
        assert_eq!(num(99_999_999_999_974.7), "99999999999974.7");
        assert_eq!(num(-12_345_678_901.234_567), "-12345678901.2346");
        assert_eq!(decimals_held(f64::INFINITY, 6), 6);
        assert_eq!(decimals_held(1e300, 6), 0);
        assert_eq!(num(-1e-10), "0");
        assert_eq!(num(2.5e-7), "0");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(999_999_999_999_999.0), "999999999999999");
        assert_eq!(num(1e300), "1e300");
        assert_eq!(num(-1.234567891e20), "-1.23457e20");
        assert_eq!(num(f64::INFINITY), "inf");
    }
}
