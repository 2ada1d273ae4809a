//! Explanations: shadow prices from the LP relaxation, and for infeasible plans the smallest
//! relaxation of the soft constraints (elastic model) that makes the plan feasible.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use super::formulation::{build, Built, Goal, LabelledRow, RowKind};
use super::instance::Instance;
use super::solve::{run, run_keeping, RunStatus};
use crate::error::Result;
use crate::model::validate::{decimals_held, num};
use crate::model::{Checked, SolverOptions};
use crate::optimize::allocation::Relaxation;

/// d(objective)/d(right-hand side) of the LP relaxation for every year budget and every other
/// labelled row whose price is not zero (binding): the value of one more unit of the right-hand side.
/// Empty when the relaxation is infeasible.
///
/// HiGHS row duals are d(objective)/d(rhs) in the objective's own sense (tests pin this for both a
/// maximisation and a minimisation), but at a degenerate vertex a dual may be any slope between the
/// two one-sided derivatives: with mandatory projects using exactly a whole budget, the budget's
/// dual can be their own value per unit instead of the next project's. So each budget row and each
/// binding group, region or value-target row is solved again with its right-hand side moved up by a
/// hair, warm from the optimal basis; the dual there is the slope on the right. So is a binding
/// count row (lead capacity, exclusive group) with a mandatory member: the fixed member fills it,
/// and HiGHS's postsolve then gave the mandatory project's own value. Other count rows keep
/// HiGHS's dual: they can be many (10,000 demo projects: 71 binding exclusive rows, 90 ms more).
pub(crate) fn shadow_prices(
    checked: &Checked<'_>,
    instance: &Instance,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<BTreeMap<String, f64>> {
    let goal = if instance.minimise_state { Goal::MinState } else { Goal::MaxValue { tie_break: 0.0 } };
    let Built { model, rows, .. } = build(instance, goal, true, None)?;
    let lp_options = SolverOptions { relaxed: true, time_limit_s: options.time_limit_s, ..options.clone() };
    let projects = instance.items.len();
    let (outcome, mut model) = run_keeping(model, &lp_options, 1.0, projects, stop)?;
    if outcome.status != RunStatus::Optimal {
        return Ok(BTreeMap::new());
    }
    let noise = PriceNoise::new(instance);
    let mut prices = BTreeMap::new();
    for r in &rows {
        let dual = outcome.row_duals[r.row];
        let price = if may_differ_on_the_right(instance, r, dual, outcome.row_values[r.row]) {
            let (price, kept) = slope_on_the_right(model, r, dual, &lp_options, projects, stop)?;
            model = kept;
            price
        } else {
            dual
        };
        let price = if price.abs() < noise.below(&r.kind) { 0.0 } else { price };
        // d(objective)/d(rhs) in the files' units.
        let price = price * instance.units.of_objective(instance.minimise_state) / instance.units.of_row(&r.kind);
        if matches!(r.kind, RowKind::Budget(_)) || price != 0.0 {
            prices.insert(r.kind.label(&checked.plan.years), price);
        }
    }
    Ok(prices)
}

/// Below what size a row's price (in the model's units) is solver noise: a billionth of the
/// objective's largest coefficient (a project's value, or its state money when minimising state
/// money) over the row's (a project's value in the value target's row, 1 or a year's share of the
/// cost in the others). Project values of 1e5 once put the value target's price (0.14 of state
/// money per unit of value, 1.4e-4 at 1e3 times the values) below a threshold taken from the
/// values alone.
struct PriceNoise {
    objective: f64,
    value: f64,
}

impl PriceNoise {
    fn new(instance: &Instance) -> PriceNoise {
        let largest = |of: fn(&super::instance::Item) -> f64| instance.items.iter().map(of).fold(1.0_f64, f64::max);
        let value = largest(|it| it.value);
        let objective = if instance.minimise_state { largest(|it| it.hi + it.extra) } else { value };
        PriceNoise { objective, value }
    }

    fn below(&self, kind: &RowKind) -> f64 {
        let row = if matches!(kind, RowKind::MinValue) { self.value } else { 1.0 };
        1e-9 * self.objective / row
    }
}

/// Whether a row's dual may not be the slope on the right: budgets (equalities) and rows with a
/// price are binding; a lower bound exactly met with a zero dual may still cost something to raise.
/// (A zero dual on an upper bound is its slope on the right: relaxing it cannot lose value.)
fn may_differ_on_the_right(instance: &Instance, row: &LabelledRow, dual: f64, activity: f64) -> bool {
    let tight = (activity - row.rhs).abs() <= 1e-7 * (1.0 + row.rhs.abs());
    let has_forced =
        |members: Option<&Vec<usize>>| members.is_some_and(|m| m.iter().any(|&k| instance.items[k].forced()));
    match &row.kind {
        RowKind::Budget(_) => true,
        kind if kind.is_minimum() => tight,
        RowKind::LeadCapacity(lead) => dual != 0.0 && has_forced(instance.leads.get(lead)),
        RowKind::Exclusive(label) => dual != 0.0 && has_forced(instance.exclusive.get(label)),
        _ => dual != 0.0,
    }
}

/// The dual of `row` with its right-hand side raised by a hair (1e-6 relative), then restored.
/// Keeps `dual` when the raised model is not optimal (a minimum that cannot be raised).
fn slope_on_the_right(
    mut model: highs::Model,
    row: &LabelledRow,
    dual: f64,
    options: &SolverOptions,
    projects: usize,
    stop: &AtomicBool,
) -> Result<(f64, highs::Model)> {
    row.set_rhs(&mut model, row.rhs + 1e-6 * (1.0 + row.rhs.abs()))?;
    let (run, mut model) = run_keeping(model, options, 1.0, projects, stop)?;
    row.set_rhs(&mut model, row.rhs)?;
    let price = if run.status == RunStatus::Optimal { run.row_duals[row.row] } else { dual };
    Ok((price, model))
}

/// The smallest relaxation that makes an infeasible plan feasible: first the least total money
/// (budgets, group and region bounds, the value target), then the fewest extra counts (lead
/// capacity, exclusive groups). Mandatory projects and requirements stay hard. With `threshold`,
/// relaxations below 1e-7 of the budget are left out as solver noise; without it, every
/// relaxation is listed however small (for a plan that is not feasible within the tolerance
/// either).
pub(crate) fn explain_infeasibility(
    checked: &Checked<'_>,
    instance: &Instance,
    options: &SolverOptions,
    threshold: bool,
    stop: &AtomicBool,
) -> Result<(Vec<Relaxation>, Option<RowKind>)> {
    // Each phase: the MIP chooses which projects to fund, then an LP with those choices fixed
    // gives the exact continuous part (the MIP's is only right within its tolerances).
    let phase = |goal: Goal| -> Result<Option<(Vec<LabelledRow>, Vec<f64>)>> {
        let Built { model, projects, .. } = build(instance, goal, options.relaxed, None)?;
        let outcome = run(model, options, 1.0, instance.items.len(), stop)?;
        if !matches!(outcome.status, RunStatus::Optimal | RunStatus::Feasible) {
            return Ok(None);
        }
        let chosen: Vec<f64> = projects.iter().map(|p| outcome.columns[p.z]).collect();
        let chosen: Vec<f64> = if options.relaxed { chosen } else { chosen.iter().map(|z| z.round()).collect() };
        let Built { model, rows, .. } = build(instance, goal, true, Some(&chosen))?;
        let polished = run(model, options, 1.0, instance.items.len(), stop)?;
        Ok((polished.status == RunStatus::Optimal).then_some((rows, polished.columns)))
    };
    let Some((rows, first)) = phase(Goal::Elastic { money: 1.0, count: 0.0, money_cap: None })? else {
        return Ok((vec![hard_conflict()], None));
    };
    let money: f64 = rows.iter().filter(|r| !r.kind.is_count()).filter_map(|r| r.slack.map(|s| first[s])).sum();
    let cap = money + 1e-9 * (1.0 + money.abs());
    // Fewest counts within the least money; the small money weight keeps money at its minimum.
    let second = Goal::Elastic { money: 1e-6, count: 1.0, money_cap: Some(cap) };
    let (rows, columns) = phase(second)?.unwrap_or((rows, first));
    let scale = if threshold { 1e-7 * (1.0 + super::money::money_scale(checked)) } else { 0.0 };
    let mut relaxations: Vec<(f64, RowKind, Relaxation)> = rows
        .iter()
        .filter_map(|r| {
            // In the files' units (see `Units`), as the message states them.
            let unit = instance.units.of_row(&r.kind);
            let amount = r.slack.map(|s| columns[s]).unwrap_or(0.0) * unit;
            let amount = if r.kind.is_count() { whole_up(amount) } else { round6_up(amount) };
            (amount > scale * unit).then(|| {
                let relaxation = Relaxation {
                    constraint: r.kind.label(&checked.plan.years),
                    amount,
                    message: message(checked, instance, &r.kind, r.rhs * unit, amount),
                };
                (amount, r.kind.clone(), relaxation)
            })
        })
        .collect();
    relaxations.sort_by(|a, b| b.0.total_cmp(&a.0));
    let main = relaxations.first().map(|r| r.1.clone());
    Ok((relaxations.into_iter().map(|r| r.2).collect(), main))
}

fn hard_conflict() -> Relaxation {
    Relaxation {
        constraint: "mandatory".to_string(),
        amount: 0.0,
        message: "mandatory projects and their requirements conflict with each other (for example two mandatory projects in one exclusive group); relaxing budgets and bounds cannot help".to_string(),
    }
}

/// Rounded up to 6 decimals, so that relaxing by the reported amount is enough (rounding to the
/// nearest could fall short by up to 5e-7, beyond HiGHS's feasibility tolerance); solver noise
/// below 1e-9 does not round up. Past 15 significant digits, which a double does not hold, fewer
/// decimals: 8e10 x 1e6 has no ones digit, and an amount of 79999999787.876 read 79999999787.87598.
fn round6_up(x: f64) -> f64 {
    let step = 10f64.powi(decimals_held(x, 6) as i32);
    (x * step - 1e-3).ceil() / step
}

/// A count relaxation in whole units, rounded up: the relaxed mode's LP may need a fraction of
/// one more project, and a plan's capacities are whole numbers. Solver noise does not round up.
fn whole_up(x: f64) -> f64 {
    let whole = (x - 1e-6).ceil();
    if whole > 0.0 {
        whole
    } else {
        0.0
    }
}

/// Projects that must be funded (mandatory, or named by the objective) drawing on a plan year (to
/// name in a budget message).
fn forced_in_year(checked: &Checked<'_>, instance: &Instance, t: usize) -> Vec<String> {
    instance
        .items
        .iter()
        .filter(|it| it.forced() && it.year_shares.iter().any(|(y, _)| *y == t))
        .map(|it| checked.portfolio.projects[it.index].id.clone())
        .collect()
}

fn message(checked: &Checked<'_>, instance: &Instance, kind: &RowKind, rhs: f64, amount: f64) -> String {
    let (rhs_s, amount_s) = (num(rhs), num(amount));
    match kind {
        RowKind::Budget(t) => {
            let year = checked.plan.years[*t];
            let forced = forced_in_year(checked, instance, *t);
            let drop = if forced.is_empty() {
                String::new()
            } else {
                format!(" or drop one of {}", forced.join(", "))
            };
            format!("the rules need {} of the {year} state budget of {rhs_s}: raise it by {amount_s}{drop}", num(rhs + amount))
        }
        RowKind::GroupMin(g) => format!("the minimum of {rhs_s} state money for group {g} cannot be reached: lower it by {amount_s}"),
        RowKind::GroupMax(g) => format!("mandatory funding needs {} state money in group {g}, above its maximum of {rhs_s}: raise it by {amount_s}", num(rhs + amount)),
        RowKind::RegionMin(r) => format!("the minimum of {rhs_s} state money for region {r} cannot be reached: lower it by {amount_s}"),
        RowKind::RegionMax(r) => format!("mandatory funding needs {} state money in region {r}, above its maximum of {rhs_s}: raise it by {amount_s}", num(rhs + amount)),
        RowKind::PriorityMin => format!("the minimum of {rhs_s} state money for the priority products cannot be reached: lower it by {amount_s}"),
        RowKind::PriorityMax => format!("mandatory funding needs {} state money in priority products, above their maximum of {rhs_s}: raise it by {amount_s}", num(rhs + amount)),
        RowKind::LeadCapacity(l) => format!("lead {l} must carry {} projects but may carry {rhs_s}: raise max_projects_per_lead by {amount_s}", num(rhs + amount)),
        RowKind::Exclusive(x) => format!("{} projects of exclusive group {x} must be funded but at most one may be: drop {amount_s} of them", num(rhs + amount)),
        RowKind::MinValue => format!("the value target {rhs_s} cannot be reached: lower min_value by {amount_s}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::{solve, FundingClass, Plan, Portfolio, Project};

    /// One partial project (70 of state money per unit of scale, value 90) and a budget of 35:
    /// the LP funds half of it, and one more unit of budget is worth 90 / 70.
    #[test]
    fn relaxations_round_up_to_the_digits_a_double_holds() {
        assert_eq!(super::round6_up(2.5), 2.5);
        assert_eq!(super::round6_up(1.000_000_4), 1.000_001);
        assert_eq!(super::round6_up(10.0 + 1e-10), 10.0);
        assert_eq!(super::round6_up(79_999_999_787.875_98), 79_999_999_787.876);
        assert_eq!(super::round6_up(7_999_999_999_974.7).to_string(), "7999999999974.7");
    }

    #[test]
    fn budget_shadow_price_is_the_marginal_value_of_money() {
        let mut p = Project::new("A", "semiconductors", FundingClass::Strategic, 100.0, 90.0);
        p.enterprise_commitment = 30.0;
        p.min_fraction = 0.5;
        let allocation = solve(&Portfolio::new(vec![p]), &Plan::new(vec![(2026, 35.0)])).unwrap();
        assert_eq!(allocation.project("A").unwrap().scale, 0.5);
        let price = allocation.shadow_prices["budget_2026"];
        assert!((price - 90.0 / 70.0).abs() < 1e-6, "{price}");
    }

    /// A group minimum that forces money into a worse project has a negative price.
    #[test]
    fn group_minimum_shadow_price_is_negative_when_binding() {
        let mut good = Project::new("G", "ai_twin_xr", FundingClass::Market, 100.0, 100.0);
        good.enterprise_commitment = 50.0;
        good.min_fraction = 0.1;
        let mut weak = Project::new("W", "biotech", FundingClass::Market, 100.0, 10.0);
        weak.enterprise_commitment = 50.0;
        weak.min_fraction = 0.1;
        let mut plan = Plan::new(vec![(2026, 50.0)]);
        plan.group_bounds.insert("biotech".into(), crate::Bounds { min: Some(10.0), ..Default::default() });
        let allocation = solve(&Portfolio::new(vec![good, weak]), &plan).unwrap();
        // Moving one unit of money from G (2 value per unit) to W (0.2 per unit) costs 1.8.
        let price = allocation.shadow_prices["group_min:biotech"];
        assert!((price + 1.8).abs() < 1e-6, "{price}");
        assert!((allocation.shadow_prices["budget_2026"] - 2.0).abs() < 1e-6);
    }

    /// A zero minimum binds when its group gets nothing: one more unit of it costs 1.8 here too.
    #[test]
    fn a_zero_group_minimum_has_the_price_of_its_first_unit() {
        let project = |id: &str, group: &str, impact: f64| {
            let mut p = Project::new(id, group, FundingClass::Market, 100.0, impact);
            p.enterprise_commitment = 50.0;
            p.min_fraction = 0.1;
            p
        };
        let portfolio = Portfolio::new(vec![project("G", "ai_twin_xr", 100.0), project("W", "biotech", 10.0)]);
        let mut plan = Plan::new(vec![(2026, 50.0)]);
        plan.group_bounds.insert("biotech".into(), crate::Bounds { min_share: Some(0.0), ..Default::default() });
        let allocation = solve(&portfolio, &plan).unwrap();
        assert!(!allocation.project("W").unwrap().funded);
        let price = allocation.shadow_prices["group_min:biotech"];
        assert!((price + 1.8).abs() < 1e-6, "{price}");
    }

    /// Mandatory M uses exactly the whole budget: the LP vertex is degenerate and HiGHS's dual was
    /// M's own 500 / 80; one more unit of budget buys 1 / 80 of A (2 per unit), not more of M.
    #[test]
    fn budget_shadow_price_is_the_slope_on_the_right_at_a_degenerate_vertex() {
        let project = |id: &str, enterprise: f64, impact: f64| {
            let mut p = Project::new(id, "biotech", FundingClass::Strategic, 100.0, impact);
            p.enterprise_commitment = enterprise;
            p
        };
        let mut mandatory = project("M", 20.0, 500.0);
        mandatory.mandatory = true;
        let portfolio = Portfolio::new(vec![mandatory, project("A", 20.0, 160.0), project("B", 60.0, 40.0)]);
        let allocation = solve(&portfolio, &Plan::new(vec![(2026, 80.0)])).unwrap();
        let price = allocation.shadow_prices["budget_2026"];
        assert!((price - 2.0).abs() < 1e-6, "{price}");
    }

    /// Mandatory M fills lead L's capacity of one: one more place lets in A (worth 60), so that is
    /// the capacity's price, not M's own value (HiGHS's postsolve gave 500).
    #[test]
    fn a_capacity_filled_by_a_mandatory_project_is_worth_the_next_project() {
        let project = |id: &str, impact: f64| {
            let mut p = Project::new(id, "biotech", FundingClass::Strategic, 100.0, impact);
            p.enterprise_commitment = 20.0;
            p.lead = Some("L".into());
            p
        };
        let mut mandatory = project("M", 500.0);
        mandatory.mandatory = true;
        let portfolio = Portfolio::new(vec![mandatory, project("A", 60.0), project("B", 30.0)]);
        let mut plan = Plan::new(vec![(2026, 1000.0)]);
        plan.max_projects_per_lead = Some(1);
        let allocation = solve(&portfolio, &plan).unwrap();
        let price = allocation.shadow_prices["lead_capacity:L"];
        assert!((price - 60.0).abs() < 1e-6, "{price}");
    }

    /// Minimising state money: one more unit of required value costs 70 / 90 of state money.
    #[test]
    fn min_value_shadow_price_in_a_minimisation() {
        let mut p = Project::new("A", "semiconductors", FundingClass::Strategic, 100.0, 90.0);
        p.enterprise_commitment = 30.0;
        p.min_fraction = 0.5;
        let mut plan = Plan::new(vec![(2026, 500.0)]);
        plan.objective = crate::Objective::MinStateSpend { min_value: Some(63.0), projects: vec![] };
        let allocation = solve(&Portfolio::new(vec![p]), &plan).unwrap();
        assert!((allocation.project("A").unwrap().scale - 0.7).abs() < 1e-9);
        assert!((allocation.objective.unwrap() - 49.0).abs() < 1e-6);
        let price = allocation.shadow_prices["min_value"];
        assert!((price - 70.0 / 90.0).abs() < 1e-6, "{price}");
    }
}
