//! Validation (every problem at once, each with project id, field and rule) and eligibility under
//! the three-house rules (MODEL.md sections 3 and 9).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Bounds, Objective, Plan, Portfolio, Project, Year};
use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};

/// A project that can never satisfy the co-funding rules, or that requires such a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ineligible {
    /// Project id.
    pub id: String,
    /// The first broken rule (MODEL.md section 9 order), or `dependency:<id>`.
    pub rule: String,
    /// Every broken rule, with the numbers.
    pub detail: String,
}

/// What validation found: input problems (errors) and ineligible projects (not errors).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// Input errors; the inputs cannot be used while there is one.
    pub problems: Vec<Problem>,
    /// Projects that cannot be funded, with the rule they break, in portfolio order.
    pub ineligible: Vec<Ineligible>,
}

impl ValidationReport {
    /// True when there is no input problem (ineligible projects are allowed).
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
    validate_excluding(portfolio, plan, catalog, &BTreeMap::new())
}

/// [`validate`] with some projects excluded up front (a scenario's `exclude` list): each is listed
/// as ineligible with rule `excluded` and the given detail, and projects requiring it become
/// unfundable (`dependency:<id>`), exactly as for an ineligible project.
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
    for project in &portfolio.projects {
        check_project(project, catalog, first_year, &mut problems);
    }
    check_ids_and_links(portfolio, &mut problems);
    check_min_grant_exempt(portfolio, plan, &mut problems);
    let ineligible = if problems.is_empty() { eligibility(portfolio, plan, excluded) } else { Vec::new() };
    check_forced_projects(portfolio, plan, &ineligible, &mut problems);
    ValidationReport { problems, ineligible }
}

/// Makes optional the mandatory projects that `problems` report as ineligible or unfundable (rule
/// `mandatory_ineligible`) and returns their ids. For derived inputs only (a robustness draw, a
/// policy-sweep point), where that is an outcome to report rather than an input error.
pub(crate) fn release_ineligible_mandatory(portfolio: &mut Portfolio, problems: &[Problem]) -> Vec<String> {
    let mut released = Vec::new();
    for problem in problems.iter().filter(|p| p.rule == "mandatory_ineligible" && p.field == "mandatory") {
        if let Some(p) = portfolio.projects.iter_mut().find(|p| Some(&p.id) == problem.project.as_ref()) {
            p.mandatory = false;
            released.push(p.id.clone());
        }
    }
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
    Ok(Checked { portfolio, plan, year_shares, ineligible: report.ineligible, eligible })
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
const YEARS: std::ops::RangeInclusive<Year> = 1000..=9999;

/// The largest amount accepted (in the currency unit): HiGHS treats 1e20 as infinite, and no
/// budget comes near this.
const MAX_AMOUNT: f64 = 1e15;

fn too_large(field: &str, value: f64) -> String {
    format!("{field} is {value}; amounts above {MAX_AMOUNT:e} are not supported (check the currency unit)")
}

/// The longest project schedule accepted, in years.
const MAX_DURATION: u32 = 100;

fn check_project(p: &Project, catalog: &Catalog, first_year: Year, out: &mut Vec<Problem>) {
    let id = p.id.as_str();
    if id.trim().is_empty() {
        out.push(Problem::project(id, "id", "empty_id", "every project needs a non-empty id"));
    }
    check_group_and_product(p, catalog, out);
    let mut number = |field: &str, value: f64, rule: &str, ok: bool, need: &str| {
        if !value.is_finite() {
            out.push(Problem::project(id, field, "not_finite", format!("{field} is {value}; give a finite number")));
        } else if value.abs() > MAX_AMOUNT {
            out.push(Problem::project(id, field, "amount_too_large", too_large(field, value)));
        } else if !ok {
            out.push(Problem::project(id, field, rule, format!("{field} is {value}; it must be {need}")));
        }
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
    let start_ok = p.start_year.is_none_or(|y| YEARS.contains(&y));
    if !start_ok {
        let message = format!(
            "start_year {} is not a year in {}..={}",
            p.start_year.unwrap_or_default(),
            YEARS.start(),
            YEARS.end()
        );
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
    if let Some(trl) = p.trl {
        if !(1..=9).contains(&trl) {
            out.push(Problem::project(id, "trl", "trl_out_of_range", format!("trl is {trl}; it must be 1 to 9")));
        }
    }
}

fn check_group_and_product(p: &Project, catalog: &Catalog, out: &mut Vec<Problem>) {
    let Some(group) = catalog.group(&p.group) else {
        out.push(Problem::project(
            &p.id,
            "group",
            "unknown_group",
            format!("group `{}` is not in catalog `{}` (run `stratfund catalog` for the codes)", p.group, catalog.id),
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
                out.push(Problem::project(
                    &p.id,
                    "requires",
                    "unknown_requirement",
                    format!("requires `{q}`, which is not in the portfolio"),
                ));
            }
        }
    }
    for cycle in requirement_cycles(portfolio) {
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

fn check_plan(plan: &Plan, catalog: &Catalog, out: &mut Vec<Problem>) {
    if plan.schema != super::plan::PLAN_SCHEMA {
        out.push(Problem::plan(
            "schema",
            "unknown_schema",
            format!("plan schema `{}` is not `{}`", plan.schema, super::plan::PLAN_SCHEMA),
        ));
    }
    check_years(plan, out);
    let share = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
    if !share(plan.carry_over) {
        out.push(Problem::plan(
            "carry_over",
            "share_out_of_range",
            format!("carry_over is {}; it must be in [0, 1]", plan.carry_over),
        ));
    }
    if plan.min_grant > MAX_AMOUNT {
        out.push(Problem::plan("min_grant", "amount_too_large", too_large("min_grant", plan.min_grant)));
    } else if !(plan.min_grant.is_finite() && plan.min_grant >= 0.0) {
        out.push(Problem::plan(
            "min_grant",
            "negative_amount",
            format!("min_grant is {}; it must be a finite number >= 0", plan.min_grant),
        ));
    }
    let policy = &plan.policy;
    for (field, value) in [
        ("policy.market_min_enterprise_share", Some(policy.market_min_enterprise_share)),
        ("policy.strategic_min_enterprise_share", Some(policy.strategic_min_enterprise_share)),
        ("policy.strategic_min_state_share", policy.strategic_min_state_share),
    ] {
        if let Some(v) = value.filter(|v| !share(*v)) {
            out.push(Problem::plan(field, "share_out_of_range", format!("{field} is {v}; it must be in [0, 1]")));
        }
    }
    let total = plan.total_budget();
    check_bounds("group_bounds", &plan.group_bounds, total, Some(catalog), out);
    check_bounds("region_bounds", &plan.region_bounds, total, None, out);
    for (group, weight) in &plan.group_weights {
        let field = format!("group_weights.{group}");
        if catalog.group(group).is_none() {
            out.push(Problem::plan(
                &field,
                "unknown_group",
                format!("group `{group}` is not in catalog `{}`", catalog.id),
            ));
        }
        if *weight > MAX_AMOUNT {
            out.push(Problem::plan(&field, "amount_too_large", too_large("weight", *weight)));
        } else if !(weight.is_finite() && *weight >= 0.0) {
            out.push(Problem::plan(
                &field,
                "negative_amount",
                format!("weight is {weight}; it must be a finite number >= 0"),
            ));
        }
    }
    check_objective_and_solver(plan, out);
}

fn check_years(plan: &Plan, out: &mut Vec<Problem>) {
    if plan.years.is_empty() {
        out.push(Problem::plan("years", "no_years", "the plan needs at least one year"));
    }
    if let Some(year) = plan.years.iter().find(|y| !YEARS.contains(y)) {
        let message = format!("{year} is not a year in {}..={}", YEARS.start(), YEARS.end());
        out.push(Problem::plan("years", "year_out_of_range", message));
    }
    if plan.years.windows(2).any(|w| w[0].checked_add(1) != Some(w[1])) {
        out.push(Problem::plan(
            "years",
            "years_not_consecutive",
            format!("years {:?} must be consecutive and increasing", plan.years),
        ));
    }
    for year in &plan.years {
        if !plan.state_budget.contains_key(year) {
            out.push(Problem::plan(
                format!("state_budget.{year}"),
                "missing_budget",
                format!("year {year} has no state budget"),
            ));
        }
    }
    for (year, amount) in &plan.state_budget {
        let field = format!("state_budget.{year}");
        if !plan.years.contains(year) {
            out.push(Problem::plan(
                &field,
                "budget_year_outside_plan",
                format!("{year} is not one of the plan's years {:?}", plan.years),
            ));
        }
        if *amount > MAX_AMOUNT {
            out.push(Problem::plan(&field, "amount_too_large", too_large("the budget", *amount)));
        } else if !(amount.is_finite() && *amount >= 0.0) {
            out.push(Problem::plan(
                &field,
                "negative_budget",
                format!("the budget of {year} is {amount}; it must be a finite number >= 0"),
            ));
        }
    }
}

fn check_bounds(
    section: &str,
    bounds: &BTreeMap<String, Bounds>,
    total: f64,
    catalog: Option<&Catalog>,
    out: &mut Vec<Problem>,
) {
    let mut min_share_sum = 0.0;
    for (name, b) in bounds {
        let field = format!("{section}.{name}");
        if let Some(catalog) = catalog.filter(|c| c.group(name).is_none()) {
            out.push(Problem::plan(
                &field,
                "unknown_group",
                format!("group `{name}` is not in catalog `{}`", catalog.id),
            ));
        }
        let mut valid = true;
        for (key, value, is_share) in [
            ("min_share", b.min_share, true),
            ("max_share", b.max_share, true),
            ("min", b.min, false),
            ("max", b.max, false),
        ] {
            let Some(v) = value else { continue };
            let ok = v.is_finite() && (0.0..=MAX_AMOUNT).contains(&v) && (!is_share || v <= 1.0);
            if !ok {
                valid = false;
                let (rule, need) = if is_share {
                    ("share_out_of_range", "in [0, 1]")
                } else {
                    ("negative_amount", "a finite number >= 0")
                };
                out.push(Problem::plan(format!("{field}.{key}"), rule, format!("{key} is {v}; it must be {need}")));
            }
        }
        if valid {
            // Shares against shares and amounts against amounts contradict at any budget. A share
            // against an amount depends on the budget (which a frontier or a scenario scales):
            // that makes the plan infeasible, which the solver explains.
            let contradiction = match (b.min_share, b.max_share, b.min, b.max) {
                (Some(lo), Some(hi), _, _) if lo > hi + 1e-9 => Some(("min_share", lo, "max_share", hi)),
                (_, _, Some(lo), Some(hi)) if lo > hi + 1e-9 * total.max(1.0) => Some(("min", lo, "max", hi)),
                _ => None,
            };
            if let Some((lo_key, lo, hi_key, hi)) = contradiction {
                out.push(Problem::plan(
                    &field,
                    "bounds_contradict",
                    format!("{lo_key} ({lo}) exceeds {hi_key} ({hi}): no state money can meet both"),
                ));
            }
            min_share_sum += b.min_share.unwrap_or(0.0);
        }
    }
    if min_share_sum > 1.0 + 1e-9 {
        out.push(Problem::plan(
            section,
            "min_shares_exceed_budget",
            format!("the minimum shares sum to {min_share_sum}, more than the whole budget"),
        ));
    }
}

fn check_objective_and_solver(plan: &Plan, out: &mut Vec<Problem>) {
    if let Objective::MinStateSpend { min_value: Some(v), .. } = plan.objective {
        if !(v.is_finite() && (0.0..=MAX_AMOUNT).contains(&v)) {
            out.push(Problem::plan(
                "objective.min_value",
                "negative_amount",
                format!("min_value is {v}; it must be a finite number from 0 to {MAX_AMOUNT:e}"),
            ));
        }
    }
    let s = &plan.solver;
    if !(s.mip_rel_gap.is_finite() && (0.0..1.0).contains(&s.mip_rel_gap)) {
        out.push(Problem::plan(
            "solver.mip_rel_gap",
            "share_out_of_range",
            format!("mip_rel_gap is {}; it must be in [0, 1)", s.mip_rel_gap),
        ));
    }
    if let Some(t) = s.time_limit_s.filter(|t| !(t.is_finite() && *t > 0.0)) {
        out.push(Problem::plan("solver.time_limit_s", "not_positive", format!("time_limit_s is {t}; it must be > 0")));
    }
    if s.threads == Some(0) {
        out.push(Problem::plan("solver.threads", "not_positive", "threads must be at least 1"));
    }
}

// ---------------------------------------------------------------- eligibility

fn eligibility(portfolio: &Portfolio, plan: &Plan, up_front: &BTreeMap<String, String>) -> Vec<Ineligible> {
    let mut excluded: HashMap<&str, Ineligible> = HashMap::new();
    for p in &portfolio.projects {
        if let Some(detail) = up_front.get(&p.id) {
            excluded.insert(&p.id, Ineligible { id: p.id.clone(), rule: "excluded".into(), detail: detail.clone() });
            continue;
        }
        let broken = broken_rules(p, plan);
        if let Some((rule, _)) = broken.first() {
            let detail = broken.iter().map(|(r, d)| format!("{r}: {d}")).collect::<Vec<_>>().join("; ");
            excluded.insert(&p.id, Ineligible { id: p.id.clone(), rule: rule.to_string(), detail });
        }
    }
    // Propagate to projects requiring an excluded one, until nothing changes.
    loop {
        let mut added = Vec::new();
        for p in portfolio.projects.iter().filter(|p| !excluded.contains_key(p.id.as_str())) {
            if let Some(q) = p.requires.iter().find(|q| excluded.contains_key(q.as_str())) {
                let why = &excluded[q.as_str()];
                added.push(Ineligible {
                    id: p.id.clone(),
                    rule: format!("dependency:{q}"),
                    detail: format!("requires {q}, which cannot be funded ({})", why.rule),
                });
            }
        }
        if added.is_empty() {
            break;
        }
        for entry in added {
            let key = portfolio.project(&entry.id).map(|p| p.id.as_str()).unwrap_or_default();
            excluded.insert(key, entry);
        }
    }
    portfolio.projects.iter().filter_map(|p| excluded.remove(p.id.as_str())).collect()
}

/// The rules of MODEL.md section 9 a project breaks at full scale, in order, with the numbers.
pub(crate) fn broken_rules(p: &Project, plan: &Plan) -> Vec<(&'static str, String)> {
    let mut broken = Vec::new();
    let c = p.cost;
    let tol = 1e-9 * c;
    let sigma = plan.policy.min_enterprise_share(p.class);
    let sigma_state = plan.policy.min_state_share(p.class);
    let first_year = plan.first_year().unwrap_or_default();
    let outside: Vec<Year> = p.schedule_years(first_year).filter(|y| !plan.years.contains(y)).collect();
    if !outside.is_empty() {
        broken.push(("schedule_outside_plan", format!("years {outside:?} are not plan years")));
    }
    let (e, a, r) = (p.enterprise_commitment, p.academia_contribution, p.state_request_or_cost());
    if e < sigma * c - tol {
        broken.push((
            "enterprise_commitment_below_share",
            format!("enterprise_commitment {} < {sigma} x cost {} = {}", num(e), num(c), num(sigma * c)),
        ));
    }
    if sigma_state + sigma > 1.0 + 1e-9 {
        broken.push((
            "state_share_conflict",
            format!("min state share {sigma_state} + min enterprise share {sigma} > 1"),
        ));
    }
    if r < sigma_state * c - tol {
        broken.push((
            "state_request_below_state_share",
            format!("state_request {} < {sigma_state} x cost {} = {}", num(r), num(c), num(sigma_state * c)),
        ));
    }
    let financing = r.min(c) + e.min(c) + a.min(c);
    if financing < c - tol {
        broken.push((
            "financing_below_cost",
            format!(
                "state_request + enterprise_commitment + academia_contribution = {} < cost {}",
                num(financing),
                num(c)
            ),
        ));
    }
    let max_state = r.min((1.0 - sigma) * c);
    let min_grant = plan.min_grant_for(&p.id);
    if r > 0.0 && max_state < min_grant - tol {
        broken.push((
            "below_min_grant",
            format!("largest possible state money {} < min_grant {}", num(max_state), num(min_grant)),
        ));
    }
    broken
}

fn check_min_grant_exempt(portfolio: &Portfolio, plan: &Plan, out: &mut Vec<Problem>) {
    for id in plan.min_grant_exempt.iter().filter(|id| portfolio.project(id).is_none()) {
        out.push(Problem::plan(
            "min_grant_exempt",
            "unknown_project",
            format!("min_grant_exempt lists `{id}`, which is not in the portfolio; remove it or add the project"),
        ));
    }
}

fn check_forced_projects(portfolio: &Portfolio, plan: &Plan, ineligible: &[Ineligible], out: &mut Vec<Problem>) {
    let why: HashMap<&str, &Ineligible> = ineligible.iter().map(|i| (i.id.as_str(), i)).collect();
    for p in portfolio.projects.iter().filter(|p| p.mandatory) {
        if let Some(i) = why.get(p.id.as_str()) {
            out.push(Problem::project(
                &p.id,
                "mandatory",
                "mandatory_ineligible",
                format!("the project is mandatory but cannot be funded: {}", i.detail),
            ));
        }
    }
    if let Objective::MinStateSpend { projects, .. } = &plan.objective {
        for id in projects {
            let field = "objective.projects";
            match (portfolio.project(id), why.get(id.as_str())) {
                (None, _) => {
                    out.push(Problem::plan(field, "unknown_project", format!("`{id}` is not in the portfolio")))
                }
                (Some(_), Some(i)) => out.push(Problem::project(
                    id,
                    field,
                    "mandatory_ineligible",
                    format!("the objective requires {id}, which cannot be funded: {}", i.detail),
                )),
                _ => {}
            }
        }
    }
}

/// A number for messages: at most 6 decimals, trailing zeros trimmed (140.79999999999998 -> 140.8).
pub(crate) fn num(x: f64) -> String {
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}
