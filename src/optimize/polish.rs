//! Least state money among the optimal portfolios (MODEL.md section 4: "among optimal portfolios
//! prefer the one using least state money, so that enterprise and academia money is used first").
//!
//! The `max_value` model's tie-break (a tiny cost on state money, whose total effect stays below a
//! thousandth of the gap) cannot settle this on its own: HiGHS stops as soon as the gap is proven,
//! and its tolerances (1e-7) are far above the tie-break's costs. So a portfolio could come back
//! financed with more state money than it needs, or a portfolio of the same value that needs less
//! state money (projects worth nothing funded to meet a group minimum, equal proposals in an
//! exclusive group) could be passed over. A second stage, on the problem "least state money with
//! the value held at the value found", settles both:
//!
//! 1. with the funding and the scales fixed, an LP minimises the state money: the exact split of
//!    the portfolio found;
//! 2. when the LP relaxation of the second stage does not already prove that split within the gap,
//!    a search near the portfolio (the neighbourhood search of [`super::neighbourhood`]: every
//!    funding decision on which the LP agrees with the portfolio is fixed, and the small MIP that
//!    is left is solved) swaps projects where that saves state money. Besides the decisions the LP
//!    frees, it frees the ties: projects of exactly equal value of which some are funded and some
//!    not, and funded projects worth nothing. The result is the best in that neighbourhood, proven
//!    everywhere only when the LP bound allows; a full second MIP would prove it always, but it
//!    doubles the solve time (0.36 s to 0.75 s on 1,000 projects), while these two steps cost
//!    about 5% on 1,000 projects and 25% on 10,000 (BENCHMARKS.md).
//!
//! When the first stage's point has no exact split (HiGHS accepts a MIP point within 1e-6, its LPs
//! within 1e-7), step 2 runs from the first stage's portfolio with the value row eased by a
//! billionth (seed 95510 of the brute-force generator: otherwise the portfolio kept 170.84 of state
//! money where one of the same value needs 167.54).
//!
//! On instances of at most [`PROVEN_UP_TO`] projects, when neither bound proves the result, a third
//! step solves the second stage's full MIP from the best point found (and, on the smallest, once
//! more from nothing: [`super::neighbourhood::cross_checked`]).
//!
//! In the relaxed mode the second stage is an LP and solved exactly. Under a time limit only step 1
//! runs.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use highs_sys::HighsInt;

use super::allocation::{decisions, state_money, weighted_value, Decision};
use super::formulation::{build, Built, Goal, ProjectColumns};
use super::instance::Instance;
use super::model_edits::change_bounds;
use super::neighbourhood::{cross_checked, search_around, Around};
use super::solve::{run, run_keeping, Run, RunStatus, WITHOUT_PRESOLVE};
use super::GAP_FACTOR;
use crate::error::Result;
use crate::model::SolverOptions;

/// The first stage's solution: its cleaned decisions and its funding indicators (as cleaned).
pub(crate) struct FirstStage {
    pub decisions: Vec<Decision>,
    pub funded: Vec<f64>,
}

/// The decisions with the least state money among allocations worth at least the first stage's
/// value (near the first stage's portfolio), and the seconds spent finding them.
pub(crate) fn least_state(
    instance: &Instance,
    first: FirstStage,
    options: &SolverOptions,
    noise: f64,
    stop: &AtomicBool,
) -> Result<(Vec<Decision>, f64)> {
    let started = Instant::now();
    let value = weighted_value(instance, &first.decisions);
    let split = least_split(instance, &first, options, noise, stop)?;
    // Under a time limit the search is skipped, as in [`super::neighbourhood::solve_near`]: HiGHS
    // would apply the limit to each of its runs.
    if options.time_limit_s.is_some() {
        let decisions = split.map_or(first.decisions, |(split, _)| split);
        return Ok((decisions, started.elapsed().as_secs_f64()));
    }
    let mut second = instance.clone();
    // The split's point meets this row within HiGHS's feasibility tolerance (1e-7); a looser row
    // would let the search trade value for state money. Without a split (the first stage's scales
    // use HiGHS's MIP tolerance, 1e-6, which its LP refuses), the row gives way by a billionth.
    second.min_value = Some(if split.is_some() { value } else { value - NO_SPLIT_EASING * value.abs() });
    second.minimise_state = true;
    let (reference, point) = split.map_or((first.decisions, None), |(split, point)| (split, Some(point)));
    let Built { mut model, projects, .. } = build(&second, Goal::MinState, options.relaxed, None)?;
    // Starting from the split saves about a third of the LP's time (10,000 projects).
    if let Some(point) = &point {
        let _ = model.try_set_solution(Some(point), None, None, None);
    }
    let columns = if options.relaxed {
        let lp = run(model, options, 1.0, instance.items.len(), stop)?;
        (lp.status == RunStatus::Optimal).then_some(lp.columns)
    } else {
        let ties = tied(instance, &first.funded);
        let incumbent = point.as_deref().map(|p| (state_money(&reference), p));
        let near =
            search_around(model, &projects, Around::Reference(&first.funded), incumbent, Some(&ties), options, stop)?;
        match near.proven {
            Some(run) => Some(run.columns),
            None if near.incumbent_proven || instance.items.len() > PROVEN_UP_TO => near.found.map(|f| f.point),
            None => {
                let found = near.found.map(|f| f.point);
                prove(near.model, found, point.as_deref(), instance.items.len(), options, stop)?
            }
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let Some(columns) = columns else { return Ok((reference, seconds)) };
    let better = decisions(instance, &projects, &columns, options.relaxed, noise);
    Ok(if state_money(&better) < state_money(&reference) - noise { (better, seconds) } else { (reference, seconds) })
}

/// How far (relative) the second stage's value row gives way when the first stage's point has no
/// exact split.
const NO_SPLIT_EASING: f64 = 1e-9;

/// Step 3, on instances of at most this many projects: the full second-stage MIP, from the best
/// point found, so that the least state money is proven within the gap there. The search near the
/// portfolio can miss a cheaper portfolio of the same value (seed 103133 of the brute-force
/// generator: 187.72 of state money where 177.62 reaches the same value). It costs 1.4-1.9 times
/// the solve at 100-200 projects (tens of milliseconds), but 2.7-4 times at 300-500, where the
/// search alone stays (BENCHMARKS.md, session 32).
pub(crate) const PROVEN_UP_TO: usize = 200;

/// The second-stage MIP solved from `found` (or the split's `point`); on the smallest models,
/// [once more from nothing](cross_checked). Its value row is held at the value found, which
/// HiGHS's presolve may call infeasible: it is then solved again without the presolve. `found`
/// when both runs fail.
fn prove(
    mut model: highs::Model,
    found: Option<Vec<f64>>,
    point: Option<&[f64]>,
    projects: usize,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<Option<Vec<f64>>> {
    for presolve in [projects, WITHOUT_PRESOLVE] {
        // The start goes in after the search has restored the bounds (HiGHS drops it otherwise).
        if let Some(start) = found.as_deref().or(point) {
            let _ = model.try_set_solution(Some(start), None, None, None);
        }
        let (run, kept) = run_keeping(model, options, GAP_FACTOR, presolve, stop)?;
        if run.has_point() {
            return Ok(Some(cross_checked(run, kept, projects, options, stop)?.0.columns));
        }
        model = kept;
    }
    Ok(found)
}

/// Step 1: the least state money for the first stage's funding and scales, with that point as solver
/// columns; None when the LP fails numerically.
fn least_split(
    instance: &Instance,
    first: &FirstStage,
    options: &SolverOptions,
    noise: f64,
    stop: &AtomicBool,
) -> Result<Option<(Vec<Decision>, Vec<f64>)>> {
    let Built { mut model, projects, .. } = build(instance, Goal::MinState, true, Some(&first.funded))?;
    let (scales, values): (Vec<HighsInt>, Vec<f64>) =
        projects.iter().zip(&first.decisions).filter_map(|(p, d)| p.y.map(|y| (y as HighsInt, d.scale))).unzip();
    change_bounds(&mut model, &scales, &values, &values)?;
    let lp = SolverOptions { relaxed: true, ..options.clone() };
    let outcome = run(model, &lp, 1.0, instance.items.len(), stop)?;
    if outcome.status != RunStatus::Optimal {
        return Ok(None);
    }
    let columns = pinned(outcome, &projects, first);
    Ok(Some((decisions(instance, &projects, &columns, options.relaxed, noise), columns)))
}

/// The LP's columns with the funding and scales exactly as fixed.
fn pinned(outcome: Run, projects: &[ProjectColumns], first: &FirstStage) -> Vec<f64> {
    let mut columns = outcome.columns;
    for ((p, d), z) in projects.iter().zip(&first.decisions).zip(&first.funded) {
        columns[p.z] = *z;
        if let Some(y) = p.y {
            columns[y] = d.scale;
        }
    }
    columns
}

/// The funding decisions the search keeps free besides those the LP frees: projects of exactly
/// equal value where one is funded and another is not (one can replace the other at no loss), and
/// funded projects worth nothing (which may be dropped).
fn tied(instance: &Instance, funded: &[f64]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..instance.items.len()).collect();
    order.sort_by(|&a, &b| instance.items[a].value.total_cmp(&instance.items[b].value));
    let mut free = vec![false; order.len()];
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0);
    for class in order.chunk_by(|&a, &b| same(instance.items[a].value, instance.items[b].value)) {
        let any_funded = class.iter().any(|&k| funded[k] > 0.0);
        let any_unfunded = class.iter().any(|&k| funded[k] == 0.0);
        let worthless = instance.items[class[0]].value == 0.0;
        if any_funded && (any_unfunded || worthless) {
            class.iter().for_each(|&k| free[k] = true);
        }
    }
    free
}
