//! Solving near a reference solution (RINS: relaxation-induced neighbourhood search): the previous
//! level's optimum on the frontier's kept model, the baseline optimum in robustness scenarios. The
//! search gives the solve a starting point and, when the LP bound allows, a proof on its own.
//!
//! HiGHS spends most of a portfolio solve in root cut rounds, and its own sub-MIP heuristics run
//! only after them; a near-optimal start lets it stop the root as soon as the gap is proven (on the
//! 1,000-project frontier, the root work drops by about 40%; see BENCHMARKS.md). The neighbourhood:
//! solve the LP relaxation at the new inputs, fix every funding indicator on which it agrees with
//! the reference, and solve that much smaller MIP. Its optimum is feasible for the full
//! model (only bounds were tightened), which is then solved from it, so the result is as good as
//! a solve from scratch (within the same gap).
//! When the LP relaxation's bound is already within the requested gap of that optimum, the
//! optimum is proven as it stands and the full MIP is not run (7 of 20 robustness scenarios and
//! 20 of 46 frontier levels of the 1,000-project benchmark).

use std::sync::atomic::AtomicBool;

use highs_sys::HighsInt;

use super::formulation::ProjectColumns;
use super::solve::{run_keeping, Run, RunStatus, NO_PRESOLVE_FROM};
use super::GAP_FACTOR;
use crate::error::{Error, Result};
use crate::model::SolverOptions;

/// HiGHS variable types (`kHighsVarTypeContinuous`, `kHighsVarTypeInteger`).
const CONTINUOUS: HighsInt = 0;
const INTEGER: HighsInt = 1;

/// The neighbourhood MIP is solved to this relative gap (or the caller's, if tighter). A tighter
/// one (1e-5) made the search slower without making the full MIP faster (BENCHMARKS.md).
const NEIGHBOURHOOD_GAP: f64 = 1e-4;

/// Solves a MIP to the plan's gap (x [`GAP_FACTOR`]), starting near `reference` (one 0/1
/// funding decision per project of `projects`), or else from `fallback` (HiGHS checks a start and
/// ignores one that is not feasible). Returns the run, its seconds including the search, and the
/// model with its integrality and bounds as they were. The search is skipped for LP relaxations,
/// which have no decisions to fix, and under a time limit, which HiGHS would apply to each of the
/// extra runs.
pub(crate) fn solve_near(
    model: highs::Model,
    projects: &[ProjectColumns],
    reference: &[f64],
    fallback: Option<&[f64]>,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    let mut start = if options.relaxed || options.time_limit_s.is_some() {
        Start { model, seconds: 0.0, found: None, proven: None, incumbent_proven: false }
    } else {
        near_reference(model, projects, reference, None, None, options, stop)?
    };
    if let Some(proven) = start.proven {
        return Ok((proven, start.model));
    }
    // The start goes in after the last bound change: HiGHS drops a stored solution when column
    // bounds change on a model that has a basis (`changeColBoundsInterface`), and the full MIP then
    // runs without it (measured: 24 s instead of 13 s for the 50-level frontier).
    if let Some(point) = start.found.as_deref().or(fallback) {
        let _ = start.model.try_set_solution(Some(point), None, None, None);
    }
    let (run, model) = run_keeping(start.model, options, GAP_FACTOR, projects.len(), stop)?;
    Ok((Run { seconds: run.seconds + start.seconds, ..run }, model))
}

/// What the search near a reference found.
pub(crate) struct Start {
    /// The model, its integrality and bounds restored.
    pub model: highs::Model,
    /// Seconds spent searching.
    pub seconds: f64,
    /// The neighbourhood's optimum (the starting point), if the neighbourhood has a solution.
    pub found: Option<Vec<f64>>,
    /// The neighbourhood's optimum as a finished run (seconds: the whole search), when the LP
    /// relaxation at the same inputs already proves it within the requested gap of the best
    /// solution: then the full MIP need not run.
    pub proven: Option<Run>,
    /// Whether the LP relaxation already proves the given incumbent within the requested gap (then
    /// no search ran).
    pub incumbent_proven: bool,
}

/// The neighbourhood search, with the model restored. Its optimum is `proven` when it is within
/// the requested gap (x [`GAP_FACTOR`]) of the LP relaxation bound.
/// With `incumbent` (the objective of a known solution), the search stops after the LP relaxation
/// when its bound already proves the incumbent within the gap (no `found`, no `proven`). The
/// decisions of `free` (per project, when given) stay free even where the LP agrees.
pub(crate) fn near_reference(
    model: highs::Model,
    projects: &[ProjectColumns],
    reference: &[f64],
    incumbent: Option<f64>,
    free: Option<&[bool]>,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<Start> {
    let count = projects.len();
    let set: Vec<HighsInt> = projects.iter().map(|p| p.z as HighsInt).collect();
    let (lp, model) = run_keeping(with_integrality(model, &set, CONTINUOUS)?, options, 1.0, count, stop)?;
    let mut model = with_integrality(model, &set, INTEGER)?;
    let incumbent_proven = incumbent.is_some_and(|o| within_gap(lp.bound, o, options.mip_rel_gap * GAP_FACTOR));
    if lp.status != RunStatus::Optimal || incumbent_proven {
        return Ok(Start { model, seconds: lp.seconds, found: None, proven: None, incumbent_proven });
    }
    let (agree, fixed): (Vec<HighsInt>, Vec<f64>) = set
        .iter()
        .zip(reference)
        .enumerate()
        .filter(|(k, (&c, &r))| (lp.columns[c as usize] - r).abs() <= 1e-6 && !free.is_some_and(|f| f[*k]))
        .map(|(_, (&c, &r))| (c, r.round()))
        .unzip();
    let (lower, upper) = bounds_of(&mut model, &agree)?;
    change_bounds(&mut model, &agree, &fixed, &fixed)?;
    let narrow = SolverOptions { mip_rel_gap: options.mip_rel_gap.min(NEIGHBOURHOOD_GAP), ..options.clone() };
    // Most columns are fixed: HiGHS's presolve removes them, whatever the model's size.
    let (sub, mut model) = run_keeping(model, &narrow, 1.0, count.min(NO_PRESOLVE_FROM - 1), stop)?;
    change_bounds(&mut model, &agree, &lower, &upper)?;
    let seconds = lp.seconds + sub.seconds;
    if !matches!(sub.status, RunStatus::Optimal | RunStatus::Feasible) {
        return Ok(Start { model, seconds, found: None, proven: None, incumbent_proven: false });
    }
    if within_gap(lp.bound, sub.objective, options.mip_rel_gap * GAP_FACTOR) {
        // The LP bound holds for the full model: the neighbourhood's optimum is proven as it stands.
        let proven = Run { status: RunStatus::Optimal, bound: lp.bound, seconds, ..sub };
        return Ok(Start { model, seconds, found: None, proven: Some(proven), incumbent_proven: false });
    }
    Ok(Start { model, seconds, found: Some(sub.columns), proven: None, incumbent_proven: false })
}

/// Whether a point of objective `objective` is within the relative `gap` of the dual `bound`
/// (the gap of MODEL.md section 9: |bound - objective| / max(|objective|, 1e-9)).
fn within_gap(bound: f64, objective: f64, gap: f64) -> bool {
    (bound - objective).abs() <= gap * objective.abs().max(1e-9)
}

fn with_integrality(mut model: highs::Model, set: &[HighsInt], kind: HighsInt) -> Result<highs::Model> {
    let kinds = vec![kind; set.len()];
    // SAFETY: `set` holds column indices of the live model and `kinds` has one entry per index.
    let status = unsafe {
        highs_sys::Highs_changeColsIntegralityBySet(model.as_mut_ptr(), set.len() as _, set.as_ptr(), kinds.as_ptr())
    };
    if status < 0 {
        return Err(Error::Solver("HiGHS refused to change column integrality".into()));
    }
    Ok(model)
}

/// The (lower, upper) bounds of the columns in `set`.
fn bounds_of(model: &mut highs::Model, set: &[HighsInt]) -> Result<(Vec<f64>, Vec<f64>)> {
    let (mut lower, mut upper) = (vec![0.0; set.len()], vec![0.0; set.len()]);
    if set.is_empty() {
        return Ok((lower, upper));
    }
    let (mut count, mut nonzeros): (HighsInt, HighsInt) = (0, 0);
    let null = std::ptr::null_mut();
    // SAFETY: the output arrays have one entry per index of `set`; HiGHS skips null outputs.
    let status = unsafe {
        highs_sys::Highs_getColsBySet(
            model.as_mut_ptr(),
            set.len() as _,
            set.as_ptr(),
            &mut count,
            null,
            lower.as_mut_ptr(),
            upper.as_mut_ptr(),
            &mut nonzeros,
            null as *mut HighsInt,
            null as *mut HighsInt,
            null,
        )
    };
    if status < 0 || count as usize != set.len() {
        return Err(Error::Solver("HiGHS refused to report column bounds".into()));
    }
    Ok((lower, upper))
}

/// Sets the (lower, upper) bounds of the columns in `set`, one pair per column.
pub(crate) fn change_bounds(model: &mut highs::Model, set: &[HighsInt], lower: &[f64], upper: &[f64]) -> Result<()> {
    if set.is_empty() {
        return Ok(());
    }
    // SAFETY: `set`, `lower` and `upper` have the same length; the indices are columns of the model.
    let status = unsafe {
        highs_sys::Highs_changeColsBoundsBySet(
            model.as_mut_ptr(),
            set.len() as _,
            set.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
        )
    };
    if status < 0 {
        return Err(Error::Solver("HiGHS refused new column bounds".into()));
    }
    Ok(())
}
