//! Checks of a plan (MODEL.md sections 2 and 9): years and budgets, bounds, weights, the objective
//! and the solver options. Every problem names the field and the rule.

use std::collections::BTreeMap;

use super::validate::{given, num, too_large, MAX_AMOUNT, YEARS};
use super::{Bounds, Objective, Plan, Portfolio};
use crate::catalog::Catalog;
use crate::error::Problem;

/// The most HiGHS threads a plan may ask for (`solver.threads`).
const MAX_THREADS: u32 = 1024;

/// The plan's own checks: header, years and budgets, bounds, weights, objective and solver options.
pub(super) fn check_plan(plan: &Plan, catalog: &Catalog, out: &mut Vec<Problem>) {
    if plan.schema != super::plan::PLAN_SCHEMA {
        out.push(Problem::plan(
            "schema",
            "unknown_schema",
            format!("plan schema `{}` is not `{}`", plan.schema, super::plan::PLAN_SCHEMA),
        ));
    }
    check_years(plan, out);
    check_shares_and_grant(plan, out);
    let total = plan.total_budget();
    check_bounds("group_bounds", &plan.group_bounds, total, Some(catalog), out);
    check_bounds("region_bounds", &plan.region_bounds, total, None, out);
    if let Some(b) = &plan.priority_bounds {
        if bound_values_valid("priority_bounds", b, out) {
            check_contradiction("priority_bounds", b, total, out);
        }
    }
    check_weights(plan, catalog, out);
    check_objective_and_solver(plan, out);
}

/// The carry-over and the policy shares are in [0, 1]; the min grant a finite amount >= 0.
fn check_shares_and_grant(plan: &Plan, out: &mut Vec<Problem>) {
    check_share("carry_over", Some(plan.carry_over), out);
    if plan.min_grant > MAX_AMOUNT {
        out.push(Problem::plan("min_grant", "amount_too_large", too_large("min_grant", plan.min_grant)));
    } else if !(plan.min_grant.is_finite() && plan.min_grant >= 0.0) {
        let message = format!("min_grant is {}; it must be a finite number >= 0", given(plan.min_grant));
        out.push(Problem::plan("min_grant", "negative_amount", message));
    }
    let policy = &plan.policy;
    check_share("policy.market_min_enterprise_share", Some(policy.market_min_enterprise_share), out);
    check_share("policy.strategic_min_enterprise_share", Some(policy.strategic_min_enterprise_share), out);
    check_share("policy.strategic_min_state_share", policy.strategic_min_state_share, out);
    for (category, cap) in &policy.state_share_caps {
        if category.trim().is_empty() {
            let message = "a cost category in policy.state_share_caps has an empty name";
            out.push(Problem::plan("policy.state_share_caps", "empty_category", message));
        }
        check_share(&format!("policy.state_share_caps.{category}"), Some(*cap), out);
    }
}

/// A share, when given, is a finite number in [0, 1].
fn check_share(field: &str, value: Option<f64>, out: &mut Vec<Problem>) {
    if let Some(v) = value.filter(|v| !(v.is_finite() && (0.0..=1.0).contains(v))) {
        out.push(Problem::plan(field, "share_out_of_range", format!("{field} is {}; it must be in [0, 1]", given(v))));
    }
}

/// Group weights name catalog groups and are finite numbers >= 0.
fn check_weights(plan: &Plan, catalog: &Catalog, out: &mut Vec<Problem>) {
    for (group, weight) in &plan.group_weights {
        let field = format!("group_weights.{group}");
        if catalog.group(group).is_none() {
            out.push(Problem::plan(&field, "unknown_group", catalog.unknown_group(group)));
        }
        if *weight > MAX_AMOUNT {
            out.push(Problem::plan(&field, "amount_too_large", too_large("weight", *weight)));
        } else if !(weight.is_finite() && *weight >= 0.0) {
            let message = format!("weight is {}; it must be a finite number >= 0", given(*weight));
            out.push(Problem::plan(&field, "negative_amount", message));
        }
    }
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
                format!("the budget of {year} is {}; it must be a finite number >= 0", given(*amount)),
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
            out.push(Problem::plan(&field, "unknown_group", catalog.unknown_group(name)));
        }
        if bound_values_valid(&field, b, out) {
            check_contradiction(&field, b, total, out);
            min_share_sum += b.min_share.unwrap_or(0.0);
        }
    }
    if min_share_sum > 1.0 + 1e-9 {
        let message = format!("the minimum shares sum to {}, more than the whole budget", num(min_share_sum));
        out.push(Problem::plan(section, "min_shares_exceed_budget", message));
    }
}

/// Each share of `b` is in [0, 1] and each amount a finite number >= 0 (at most the largest
/// amount); false when one is not.
fn bound_values_valid(field: &str, b: &Bounds, out: &mut Vec<Problem>) -> bool {
    let mut valid = true;
    for (key, value, is_share) in [
        ("min_share", b.min_share, true),
        ("max_share", b.max_share, true),
        ("min", b.min, false),
        ("max", b.max, false),
    ] {
        let Some(v) = value else { continue };
        if v.is_finite() && (0.0..=MAX_AMOUNT).contains(&v) && (!is_share || v <= 1.0) {
            continue;
        }
        valid = false;
        let (rule, need) =
            if is_share { ("share_out_of_range", "in [0, 1]") } else { ("negative_amount", "a finite number >= 0") };
        out.push(Problem::plan(format!("{field}.{key}"), rule, format!("{key} is {}; it must be {need}", given(v))));
    }
    valid
}

/// Shares against shares and amounts against amounts contradict at any budget. A share against
/// an amount depends on the budget (which a frontier or a scenario scales): that makes the plan
/// infeasible, which the solver explains.
fn check_contradiction(field: &str, b: &Bounds, total: f64, out: &mut Vec<Problem>) {
    let contradiction = match (b.min_share, b.max_share, b.min, b.max) {
        (Some(lo), Some(hi), _, _) if lo > hi + 1e-9 => Some(("min_share", lo, "max_share", hi)),
        (_, _, Some(lo), Some(hi)) if lo > hi + 1e-9 * total.max(1.0) => Some(("min", lo, "max", hi)),
        _ => None,
    };
    if let Some((lo_key, lo, hi_key, hi)) = contradiction {
        let message =
            format!("{lo_key} ({}) exceeds {hi_key} ({}): no state money can meet both", given(lo), given(hi));
        out.push(Problem::plan(field, "bounds_contradict", message));
    }
}

fn check_objective_and_solver(plan: &Plan, out: &mut Vec<Problem>) {
    if let Objective::MinStateSpend { min_value: Some(v), .. } = plan.objective {
        if !(v.is_finite() && (0.0..=MAX_AMOUNT).contains(&v)) {
            out.push(Problem::plan(
                "objective.min_value",
                "negative_amount",
                format!("min_value is {}; it must be a finite number from 0 to {MAX_AMOUNT:e}", given(v)),
            ));
        }
    }
    let s = &plan.solver;
    if !(s.mip_rel_gap.is_finite() && (0.0..1.0).contains(&s.mip_rel_gap)) {
        out.push(Problem::plan(
            "solver.mip_rel_gap",
            "share_out_of_range",
            format!("mip_rel_gap is {}; it must be in [0, 1)", given(s.mip_rel_gap)),
        ));
    }
    if let Some(t) = s.time_limit_s.filter(|t| !(t.is_finite() && *t > 0.0)) {
        out.push(Problem::plan(
            "solver.time_limit_s",
            "not_positive",
            format!(
                "time_limit_s is {}; it must be a finite number of seconds > 0 (leave it out for no limit)",
                given(t)
            ),
        ));
    }
    if s.threads == Some(0) {
        out.push(Problem::plan("solver.threads", "not_positive", "threads must be at least 1"));
    }
    if let Some(t) = s.threads.filter(|t| *t > MAX_THREADS) {
        out.push(Problem::plan(
            "solver.threads",
            "too_many_threads",
            format!("threads is {t}; it must be at most {MAX_THREADS} (HiGHS starts an OS thread for each)"),
        ));
    }
}

/// Every id `min_grant_exempt` and `excluded` list is a project of the portfolio.
pub(super) fn check_listed_projects(portfolio: &Portfolio, plan: &Plan, out: &mut Vec<Problem>) {
    let exempt = plan.min_grant_exempt.iter().map(|id| ("min_grant_exempt", id));
    let excluded = plan.excluded.keys().map(|id| ("excluded", id));
    for (field, id) in exempt.chain(excluded).filter(|(_, id)| portfolio.project(id).is_none()) {
        out.push(Problem::plan(
            field,
            "unknown_project",
            match portfolio.id_hint(id) {
                hint if hint.is_empty() => {
                    format!("{field} lists `{id}`, which is not in the portfolio; remove it or add the project")
                }
                hint => format!("{field} lists `{id}`, which is not in the portfolio{hint}"),
            },
        ));
    }
}
