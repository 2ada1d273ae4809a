//! The optimal co-funded allocation (MODEL.md sections 3-5) on HiGHS, explained.
//!
//! ```
//! use stratfund::{optimize::solve, FundingClass, Plan, Portfolio, Project, Status};
//!
//! let mut a = Project::new("A", "semiconductors", FundingClass::Strategic, 100.0, 90.0);
//! a.enterprise_commitment = 30.0;
//! let mut b = Project::new("B", "ai_twin_xr", FundingClass::Market, 80.0, 40.0);
//! b.enterprise_commitment = 50.0;
//! let plan = Plan::new(vec![(2026, 75.0)]);
//! let allocation = solve(&Portfolio::new(vec![a, b]), &plan).unwrap();
//! assert_eq!(allocation.status, Status::Optimal);
//! // A needs 70 of state money, B 30: only one fits, and A is worth more.
//! assert!(allocation.project("A").unwrap().funded);
//! assert_eq!(allocation.project("B").unwrap().reason.as_deref(), Some("budget"));
//! ```

mod allocation;
mod explain;
mod formulation;
mod instance;
mod kept;
mod made_from;
mod model_edits;
pub(crate) mod money;
mod neighbourhood;
mod polish;
mod reduced_cost;
mod solve;
mod units;

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

pub use allocation::{
    Allocation, HouseTotals, ProjectAllocation, Relaxation, Status, Totals, YearTotals, ALLOCATION_SCHEMA,
};

pub(crate) use allocation::default_objective_kind;
pub(crate) use instance::enterprise_at_least_state;
pub(crate) use kept::{chains_levels, BudgetResolver};

use allocation::{
    assemble, decisions, funding, infeasible_reason, money_sum, state_money, weighted_value, Decision, Header,
};
use formulation::{build, Built, Goal};
use instance::Instance;
use solve::{run, Run, RunStatus, WITHOUT_PRESOLVE};
use units::Units;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::model::{check, Checked, Objective, Plan, Portfolio};

/// Solves with the compiled-in catalog. See [`solve_with`].
///
/// # Errors
///
/// As [`solve_with`].
///
/// # Examples
///
/// ```
/// use stratfund::{demo, Status};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan)?;
/// assert_eq!(allocation.status, Status::Optimal);
/// assert_eq!(allocation.projects.len(), 40); // every project, funded or not, with a reason
/// assert!(allocation.projects.iter().all(|p| p.funded || p.reason.is_some()));
/// let spent: f64 = allocation.by_year.values().map(|y| y.state).sum();
/// assert!(spent <= plan.total_budget() * (1.0 + 1e-6));
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn solve(portfolio: &Portfolio, plan: &Plan) -> Result<Allocation> {
    solve_with(portfolio, plan, &Catalog::default())
}

/// Validates the inputs, then finds the optimal allocation under the plan's objective and solver
/// options. Input problems are an [`crate::Error::Validation`]; an infeasible plan is a status on
/// the result, with an explanation.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) listing every input problem (each with its project id,
/// field and rule), [`Error::Solver`](crate::Error::Solver) when HiGHS fails. An infeasible plan or a limit
/// reached is not an error: it is the result's status.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, solve_with, Catalog};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let mut plan = demo::generate_plan(&portfolio, &config, 0.45);
/// plan.solver.relaxed = true; // the LP relaxation: fractional funding
/// let relaxed = solve_with(&portfolio, &plan, &Catalog::default())?;
/// plan.solver.relaxed = false;
/// let exact = solve_with(&portfolio, &plan, &Catalog::default())?;
/// assert!(relaxed.objective.unwrap() >= exact.objective.unwrap() - 1e-6);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn solve_with(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog) -> Result<Allocation> {
    let checked = check(portfolio, plan, catalog)?;
    solve_checked(&checked)
}

/// [`solve_with`] that stops early, with [`crate::Error::Interrupted`], once `stop` becomes true
/// (set it from another thread: a cancelled request, Ctrl-C).
///
/// # Errors
///
/// As [`solve_with`], and [`Error::Interrupted`](crate::Error::Interrupted) once `stop` is set.
///
/// # Examples
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// let config = stratfund::demo::DemoConfig { projects: 50, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let catalog = stratfund::Catalog::default();
/// let stopped = AtomicBool::new(true);
/// let result = stratfund::optimize::solve_with_stop(&portfolio, &plan, &catalog, &stopped);
/// assert!(matches!(result, Err(stratfund::Error::Interrupted)));
/// ```
pub fn solve_with_stop(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog, stop: &AtomicBool) -> Result<Allocation> {
    let checked = check(portfolio, plan, catalog)?;
    solve_checked_with_stop(&checked, stop)
}

/// Solves inputs that already passed validation.
///
/// # Errors
///
/// [`Error::Solver`](crate::Error::Solver) when HiGHS fails. An infeasible plan or a limit reached is not an
/// error: it is the result's status.
///
/// # Examples
///
/// ```
/// use stratfund::{model::check, optimize::solve_checked, Catalog, FundingClass, Plan, Portfolio, Project, Status};
/// let mut a = Project::new("A", "biotech", FundingClass::Market, 10.0, 5.0);
/// a.enterprise_commitment = 5.0;
/// a.mandatory = true; // needs 5 of state money
/// let (portfolio, plan) = (Portfolio::new(vec![a]), Plan::new(vec![(2026, 4.0)]));
/// let checked = check(&portfolio, &plan, &Catalog::default())?; // validate once, solve as often as needed
/// let allocation = solve_checked(&checked)?;
/// assert_eq!(allocation.status, Status::Infeasible); // a status, not an error
/// assert_eq!(allocation.explanation.unwrap()[0].constraint, "budget_2026");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn solve_checked(checked: &Checked<'_>) -> Result<Allocation> {
    solve_checked_with_stop(checked, &AtomicBool::new(false))
}

/// [`solve_checked`] that stops early once `stop` becomes true.
///
/// # Errors
///
/// As [`solve_checked`], and [`Error::Interrupted`](crate::Error::Interrupted) once `stop` is set.
pub fn solve_checked_with_stop(checked: &Checked<'_>, stop: &AtomicBool) -> Result<Allocation> {
    let units = Units::of(checked);
    let mut allocation = units.solve_in(checked, |scaled| solve_in_units(scaled, units, stop))?;
    units.restore(checked, &mut allocation);
    Ok(allocation)
}

/// [`solve_checked_with_stop`] of inputs given in `units`; the allocation is in the same units.
fn solve_in_units(checked: &Checked<'_>, units: Units, stop: &AtomicBool) -> Result<Allocation> {
    let instance = Instance::in_units(checked, units);
    let options = &checked.plan.solver;
    let goal = goal(&instance, options.mip_rel_gap);
    // HiGHS runs this MIP on one thread: the LP relaxation for the shadow prices runs beside it.
    let (main, shadow) = std::thread::scope(|scope| {
        let shadow = scope.spawn(|| explain::shadow_prices(checked, &instance, options, stop));
        (solve_goal(&instance, goal, options, Search::Cold, instance.items.len(), stop), shadow.join())
    });
    let (outcome, projects, goal) = main?;
    let shadow_prices = shadow.map_err(|_| crate::Error::Solver("the shadow-price computation failed".into()))??;
    finish(checked, &instance, &outcome, &projects, goal, shadow_prices, stop)
}

/// The allocation from a finished run: cleaned decisions, or the explanation of an infeasible plan.
fn finish(
    checked: &Checked<'_>,
    instance: &Instance,
    outcome: &Run,
    projects: &[formulation::ProjectColumns],
    goal: Goal,
    shadow_prices: BTreeMap<String, f64>,
    stop: &AtomicBool,
) -> Result<Allocation> {
    let options = &checked.plan.solver;
    match outcome.status {
        RunStatus::Optimal | RunStatus::Feasible => {
            let noise = 1e-9 * money::money_scale(checked);
            let mut cleaned = decisions(instance, projects, &outcome.columns, options.relaxed, noise);
            let mut seconds = 0.0;
            if matches!(goal, Goal::MaxValue { .. }) {
                let funded = projects.iter().map(|p| funding(outcome.columns[p.z], options.relaxed)).collect();
                let first = polish::FirstStage { decisions: cleaned.clone(), funded };
                // When HiGHS cannot solve the least-state models numerically (values 13 orders of
                // magnitude apart: a value row it ends without a status on), the first stage's
                // portfolio stands: optimal within the gap, its state money perhaps not the least.
                match polish::least_state(instance, first, options, noise, stop) {
                    Ok(polished) => (cleaned, seconds) = polished,
                    Err(crate::Error::Solver(_)) => {}
                    Err(other) => return Err(other),
                }
            }
            let mut header = solved_header(checked, instance, outcome, &cleaned, goal, shadow_prices);
            header.solve_seconds += seconds;
            Ok(assemble(checked, instance, &cleaned, header))
        }
        RunStatus::Infeasible => {
            let (mut explanation, mut main) = explain::explain_infeasibility(checked, instance, options, true, stop)?;
            if explanation.is_empty() {
                if let Some(allocation) = within_tolerance(checked, instance, goal, stop)? {
                    return Ok(allocation);
                }
                // Not feasible within the tolerance either (a value target, which is not eased,
                // missed by a hair): every relaxation it needs, however small.
                (explanation, main) = explain::explain_infeasibility(checked, instance, options, false, stop)?;
            }
            let header = Header {
                status: Status::Infeasible,
                shared_reason: Some(main.as_ref().map_or_else(|| "budget".to_string(), infeasible_reason)),
                explanation: Some(explanation),
                ..empty_header(checked, outcome)
            };
            Ok(assemble(checked, instance, &vec![Decision::default(); instance.items.len()], header))
        }
        RunStatus::NoSolution => {
            // Nothing was decided: no project is unfunded for its budget, bounds or requirements.
            let header = Header {
                status: Status::TimeLimit,
                shared_reason: Some("time_limit".to_string()),
                ..empty_header(checked, outcome)
            };
            Ok(assemble(checked, instance, &vec![Decision::default(); instance.items.len()], header))
        }
    }
}

/// The allocation of a plan that HiGHS finds infeasible but that needs no relaxation above the
/// explanation's threshold (1e-7 of the budget): it is feasible within the contract's tolerance
/// (MODEL.md: every constraint to 1e-6 relative of the budget), so it is solved with every money
/// row eased by a third of that tolerance (the value target stays as it is), and if HiGHS still
/// calls it infeasible, solved so again without HiGHS's presolve. None when even that is
/// infeasible.
fn within_tolerance(
    checked: &Checked<'_>,
    instance: &Instance,
    goal: Goal,
    stop: &AtomicBool,
) -> Result<Option<Allocation>> {
    let options = &checked.plan.solver;
    let money = 1e-6 / 3.0 * money::money_scale(checked);
    let eased = instance.eased(money);
    // HiGHS's presolve can also be what calls the plan infeasible (a value target within about
    // 1e-9 of the best value): the second attempt runs without it.
    for presolve in [instance.items.len(), solve::WITHOUT_PRESOLVE] {
        let (outcome, projects, goal) = solve_goal(&eased, goal, options, Search::Cold, presolve, stop)?;
        if matches!(outcome.status, RunStatus::Optimal | RunStatus::Feasible) {
            let shadow_prices = explain::shadow_prices(checked, &eased, options, stop)?;
            return finish(checked, &eased, &outcome, &projects, goal, shadow_prices, stop).map(Some);
        }
    }
    Ok(None)
}

/// The funding decision alone, for re-optimisation loops (robustness): no shadow prices, no
/// explanation, no reasons. Returns the status, the objective and, per portfolio project, whether
/// it is funded.
///
/// `search` says how the MIP starts ([`Search`]). With `scenario`, the inputs are those of a
/// robustness scenario.
pub(crate) fn funded_only(
    checked: &Checked<'_>,
    search: Search,
    scenario: Option<&ScenarioTerms<'_>>,
    stop: &AtomicBool,
) -> Result<(Status, Option<f64>, Vec<bool>)> {
    let units = Units::of(checked);
    units.solve_in(checked, |scaled| funded_only_in_units(scaled, units, search, scenario, stop))
}

/// [`funded_only`] of inputs given in `units` (the scenario's extra money, and the objective
/// returned, in the files' units).
fn funded_only_in_units(
    checked: &Checked<'_>,
    units: Units,
    search: Search,
    scenario: Option<&ScenarioTerms<'_>>,
    stop: &AtomicBool,
) -> Result<(Status, Option<f64>, Vec<bool>)> {
    let mut instance = Instance::in_units(checked, units);
    if let Some(terms) = scenario {
        for it in &mut instance.items {
            it.extra = terms.extra[it.index] / units.money;
            it.value *= terms.impact[it.index];
        }
    }
    let options = &checked.plan.solver;
    let goal = goal(&instance, options.mip_rel_gap);
    let (outcome, projects, _) = solve_goal(&instance, goal, options, search, instance.items.len(), stop)?;
    let mut funded = vec![false; checked.portfolio.projects.len()];
    let status = match outcome.status {
        RunStatus::Optimal => Status::Optimal,
        RunStatus::Feasible => Status::Feasible,
        RunStatus::Infeasible => return Ok((Status::Infeasible, None, funded)),
        RunStatus::NoSolution => return Ok((Status::TimeLimit, None, funded)),
    };
    let noise = 1e-9 * money::money_scale(checked);
    let cleaned = decisions(&instance, &projects, &outcome.columns, options.relaxed, noise);
    let mut objective = 0.0;
    for (it, d) in instance.items.iter().zip(&cleaned) {
        funded[it.index] = d.scale > 0.0;
        objective += if instance.minimise_state { d.state + it.extra * d.scale } else { it.value * d.scale };
    }
    Ok((status, Some(objective * units.of_objective(instance.minimise_state)), funded))
}

/// How a MIP solve starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    /// With no reference solution ([`neighbourhood::solve_cold`]): from the best solution in the
    /// margin of the LP relaxation below [`solve::NO_PRESOLVE_FROM`] projects, from HiGHS's own
    /// rounding of the root LP on larger models.
    Cold,
    /// From the best solution in the margin of the LP relaxation, the decisions it makes cheapest
    /// to flip ([`neighbourhood::Around::Margin`]): for the re-optimisations of robustness
    /// scenarios.
    InMargin,
    /// HiGHS alone, from its own rounding of the root LP: what the searches are checked against.
    #[cfg(test)]
    Plain,
}

/// What a robustness scenario changes, per portfolio project: the state money each project takes
/// per unit of scale beyond its financing (the overrun and enterprise shortfall the state covers),
/// counted in the budgets, the bounds and the objective, and the multiplier of its value.
pub(crate) struct ScenarioTerms<'a> {
    /// Extra state money per unit of scale.
    pub extra: &'a [f64],
    /// Impact multiplier.
    pub impact: &'a [f64],
}

/// The size of the presolved model HiGHS receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ModelSize {
    /// Eligible projects in the model.
    pub projects: usize,
    /// Columns (variables).
    pub columns: usize,
    /// Binary columns.
    pub binaries: usize,
    /// Rows (constraints).
    pub rows: usize,
}

/// Builds the presolved MILP for validated inputs and reports its size (a diagnostic, and what the
/// benchmarks time as "model building").
///
/// # Errors
///
/// [`Error::Solver`](crate::Error::Solver) when the model cannot be built.
///
/// # Examples
///
/// ```
/// # use stratfund::{demo, model::check, optimize::model_size, Catalog};
/// let config = demo::DemoConfig { projects: 100, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let size = model_size(&check(&portfolio, &plan, &Catalog::default()).unwrap()).unwrap();
/// assert!(size.binaries == size.projects && size.columns < 2 * size.projects);
/// ```
pub fn model_size(checked: &Checked<'_>) -> Result<ModelSize> {
    let instance = Instance::new(checked);
    let goal = goal(&instance, checked.plan.solver.mip_rel_gap);
    let built = build(&instance, goal, checked.plan.solver.relaxed, None)?;
    let columns = built.model.num_cols();
    Ok(ModelSize {
        projects: instance.items.len(),
        columns,
        binaries: built.projects.len(),
        rows: built.model.num_rows(),
    })
}

fn goal(instance: &Instance, gap: f64) -> Goal {
    if instance.minimise_state {
        return Goal::MinState;
    }
    let best = instance.items.iter().map(|it| it.value).fold(0.0, f64::max);
    Goal::MaxValue { tie_break: tie_break(instance, best, gap) }
}

/// Least-state tie-break epsilon: the value it can cost, epsilon x (most state money), stays below
/// 1e-3 x gap x `value` (and is 0 when there is nothing to compare).
/// A budget far below what the projects ask (1e-300) would make epsilon astronomical (HiGHS then
/// ended without a status), so the state money it is taken of is at least a millionth of what they
/// ask: a smaller epsilon costs even less value.
fn tie_break(instance: &Instance, value: f64, gap: f64) -> f64 {
    let most_state = max_state(instance).max(1e-6 * asked_state(instance));
    if most_state <= 0.0 || value <= 0.0 {
        return 0.0;
    }
    1e-3 * gap.max(1e-9) * value / most_state
}

/// An upper bound on the total state money of any allocation.
fn max_state(instance: &Instance) -> f64 {
    asked_state(instance).min(instance.budgets.iter().sum())
}

/// The most state money the projects can take.
fn asked_state(instance: &Instance) -> f64 {
    instance.items.iter().map(|it| it.hi + it.extra).sum()
}

/// HiGHS is asked for a slightly tighter gap than the plan's, so that the gap reported from its
/// bound stays within the plan's after cleaning.
pub(crate) const GAP_FACTOR: f64 = 0.99;

/// Runs the MILP (or its relaxation). When the tie-break turns out too large for the value found,
/// solves again with a smaller one, so the value lost to it stays provably below 1e-3 x gap.
/// `presolve` is the size that selects HiGHS's presolve ([`solve::run`]): the number of funding
/// decisions, or [`solve::WITHOUT_PRESOLVE`].
fn solve_goal(
    instance: &Instance,
    goal: Goal,
    options: &crate::SolverOptions,
    search: Search,
    presolve: usize,
    stop: &AtomicBool,
) -> Result<(Run, Vec<formulation::ProjectColumns>, Goal)> {
    let Built { model, projects, .. } = build(instance, goal, options.relaxed, None)?;
    let outcome = match search {
        Search::InMargin => {
            neighbourhood::solve_near(model, &projects, neighbourhood::Around::Margin, None, options, stop)?.0
        }
        Search::Cold if presolve == WITHOUT_PRESOLVE => run(model, options, GAP_FACTOR, presolve, stop)?,
        Search::Cold => neighbourhood::solve_cold(model, &projects, options, stop)?.0,
        #[cfg(test)]
        Search::Plain => run(model, options, GAP_FACTOR, presolve, stop)?,
    };
    if let Goal::MaxValue { tie_break: eps } = goal {
        let found: f64 = value_of(instance, &projects, &outcome.columns);
        let allowed = tie_break(instance, found, options.mip_rel_gap);
        if eps > 0.0 && matches!(outcome.status, RunStatus::Optimal | RunStatus::Feasible) && eps > allowed * 1.000001 {
            let smaller = Goal::MaxValue { tie_break: allowed };
            let Built { model, projects, .. } = build(instance, smaller, options.relaxed, None)?;
            let again = run(model, options, GAP_FACTOR, presolve, stop)?;
            return Ok((Run { seconds: again.seconds + outcome.seconds, ..again }, projects, smaller));
        }
    }
    Ok((outcome, projects, goal))
}

fn value_of(instance: &Instance, projects: &[formulation::ProjectColumns], columns: &[f64]) -> f64 {
    money_sum(instance.items.iter().zip(projects).map(|(it, p)| it.value * columns[p.scale_column()]))
}

fn solved_header(
    checked: &Checked<'_>,
    instance: &Instance,
    outcome: &Run,
    cleaned: &[Decision],
    goal: Goal,
    shadow_prices: BTreeMap<String, f64>,
) -> Header {
    let options = &checked.plan.solver;
    let (objective, bound) = match goal {
        Goal::MaxValue { tie_break } => {
            let value = weighted_value(instance, cleaned);
            // The run's bound is on value - eps x state; value is at most that plus eps x (most state).
            let bound =
                if options.relaxed { value } else { (outcome.bound + tie_break * max_state(instance)).max(value) };
            (value, bound)
        }
        _ => {
            let state = state_money(cleaned);
            let bound = if options.relaxed { state } else { outcome.bound.min(state) };
            (state, bound)
        }
    };
    let gap = (bound - objective).abs() / objective.abs().max(1e-9);
    let status = match outcome.status {
        RunStatus::Optimal => Status::Optimal,
        _ => Status::Feasible,
    };
    Header {
        status,
        objective_kind: objective_kind(checked.plan),
        objective: Some(objective),
        bound: Some(bound),
        gap: Some(gap),
        solve_seconds: outcome.seconds,
        relaxed: options.relaxed,
        shadow_prices,
        explanation: None,
        shared_reason: None,
    }
}

/// The plan's objective as written in files (`max_value`, `min_state_spend`).
pub(crate) fn objective_kind(plan: &Plan) -> String {
    match plan.objective {
        Objective::MaxValue => "max_value",
        Objective::MinStateSpend { .. } => "min_state_spend",
    }
    .to_string()
}

fn empty_header(checked: &Checked<'_>, outcome: &Run) -> Header {
    Header {
        status: Status::Infeasible,
        objective_kind: objective_kind(checked.plan),
        objective: None,
        bound: None,
        gap: None,
        solve_seconds: outcome.seconds,
        relaxed: checked.plan.solver.relaxed,
        shadow_prices: BTreeMap::new(),
        explanation: None,
        shared_reason: None,
    }
}
