//! Running a built model on HiGHS with the solver options, and mapping its statuses.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus};

use crate::error::{Error, Result};
use crate::model::SolverOptions;

/// How a HiGHS run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunStatus {
    /// Proven optimal within the requested gap.
    Optimal,
    /// Stopped by a limit with an incumbent.
    Feasible,
    /// No feasible point exists.
    Infeasible,
    /// Stopped by a limit without an incumbent.
    NoSolution,
}

/// The outcome of one HiGHS run.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub status: RunStatus,
    pub columns: Vec<f64>,
    /// Reduced costs of the columns (LP runs; HiGHS's sign: `c - Aᵀ·row_duals`).
    pub column_duals: Vec<f64>,
    pub row_duals: Vec<f64>,
    /// Row activities.
    pub row_values: Vec<f64>,
    /// Dual bound (MIP) or the objective (LP).
    pub bound: f64,
    /// Objective of the point found (the model's objective, tie-break included).
    pub objective: f64,
    pub seconds: f64,
}

impl Run {
    /// Whether the run ended with a point: optimal, or feasible within a limit.
    pub(crate) fn has_point(&self) -> bool {
        matches!(self.status, RunStatus::Optimal | RunStatus::Feasible)
    }
}

/// From this many projects on, HiGHS's own MIP presolve is switched off: the model is presolved by
/// construction, and HiGHS's probing then costs more than it saves (10,000 projects: 1.27 s with
/// it, 0.52 s without; 3,000: 0.23 s and 0.14 s; but 1,000: 0.61 s and 1.49 s). See BENCHMARKS.md.
pub(crate) const NO_PRESOLVE_FROM: usize = 2_500;

/// HiGHS features that cost more than they bring on portfolio models, switched off in every run:
/// the feasibility jump (before the root LP) and the RINS and RENS sub-MIPs (at the root) search
/// for points that the root LP's rounding finds anyway on these knapsacks, or that the
/// neighbourhood search has already handed over; cut separation at the nodes of the search tree
/// rarely closes more of the gap than branching does. Without them the 10,000-project MIP takes
/// 0.27 s instead of 0.42 s and the 50-level frontier 8.2 s instead of 13.7 s, within the same gap
/// (BENCHMARKS.md, session 39). HiGHS's root reduced-cost heuristic stays on: without it the
/// frontier takes three times as long (only the cores that the neighbourhood search solves run
/// without it).
const FEATURES_OFF: [&str; 4] = [
    "mip_heuristic_run_feasibility_jump",
    "mip_heuristic_run_rins",
    "mip_heuristic_run_rens",
    "mip_allow_cut_separation_at_nodes",
];

/// The `projects` count to pass to [`run`] for a run without HiGHS's presolve whatever the model's
/// size: HiGHS 1.15's presolve can call a feasible model infeasible when a row's right-hand side
/// lies within about 1e-9 of what the model can reach (a value target just below the best value).
pub(crate) const WITHOUT_PRESOLVE: usize = usize::MAX;

/// HiGHS's interrupt callbacks (simplex, interior point, MIP) from `highs_c_api.h`.
const INTERRUPT_CALLBACKS: [highs_sys::HighsInt; 3] = [1, 2, 6];

/// `kCallbackMipInterrupt` of `highs_c_api.h`: called at the top of each root separation round and
/// between the search's nodes.
const MIP_INTERRUPT: std::os::raw::c_int = 6;

/// What the interrupt callbacks of a run look at.
struct Watch<'a> {
    /// Stop when this becomes true (the caller's stop flag).
    stop: &'a AtomicBool,
    /// Give up the MIP when, once the root LP is solved and rounded, its gap is still above this.
    give_up_above: Option<f64>,
    /// Set when the run gave up.
    gave_up: AtomicBool,
}

/// Asks HiGHS to stop when the caller's stop flag is set, or (MIP only) when the run gives up.
unsafe extern "C" fn interrupt_when_stopped(
    kind: std::os::raw::c_int,
    _message: *const std::os::raw::c_char,
    data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user_data: *mut std::os::raw::c_void,
) {
    // SAFETY: `user_data` is the `&Watch` registered in `watch`, which outlives the solve, and
    // HiGHS passes valid `data_out` and `data_in` for interrupt callbacks (null checked anyway).
    unsafe {
        let watch = &*(user_data as *const Watch<'_>);
        if data_in.is_null() {
            return;
        }
        let give_up = kind == MIP_INTERRUPT && !data_out.is_null() && gives_up(&*data_out, watch.give_up_above);
        if give_up {
            watch.gave_up.store(true, Ordering::Relaxed);
        }
        if give_up || watch.stop.load(Ordering::Relaxed) {
            (*data_in).user_interrupt = 1;
        }
    }
}

/// Whether a MIP whose root LP has been solved (and rounded: HiGHS rounds the root LP's point
/// before its first separation round) is still above the gap `give_up_above`.
fn gives_up(data: &highs_sys::HighsCallbackDataOut, give_up_above: Option<f64>) -> bool {
    // A NaN gap (no point, no bound) counts as above.
    let within = |gap: f64| data.mip_gap.partial_cmp(&gap).is_some_and(|order| order.is_le());
    give_up_above.is_some_and(|gap| data.mip_total_lp_iterations > 0 && !within(gap))
}

/// Registers the interrupt callbacks on a model; `watch` must outlive the solve.
fn watch(model: &mut highs::Model, watch: &Watch<'_>) -> Result<()> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is a live HiGHS instance owned by `model`; the callback only reads `watch`
    // (and sets its atomic flag).
    let ok = unsafe {
        let user_data = watch as *const Watch<'_> as *mut std::os::raw::c_void;
        highs_sys::Highs_setCallback(highs, Some(interrupt_when_stopped), user_data) == 0
            && INTERRUPT_CALLBACKS.iter().all(|kind| highs_sys::Highs_startCallback(highs, *kind) == 0)
    };
    if ok {
        Ok(())
    } else {
        Err(Error::Solver("HiGHS refused the interrupt callback".into()))
    }
}

/// Solves a model with the given options. `gap_factor` (<= 1) tightens the requested relative gap.
/// `projects` (the number of funding decisions) selects the presolve setting. When `stop` becomes
/// true HiGHS stops and the run is [`Error::Interrupted`].
pub(crate) fn run(
    model: highs::Model,
    options: &SolverOptions,
    gap_factor: f64,
    projects: usize,
    stop: &AtomicBool,
) -> Result<Run> {
    run_keeping(model, options, gap_factor, projects, stop).map(|(run, _)| run)
}

/// [`run`] that hands the model back, so that it can be changed (bounds, costs) and solved again.
pub(crate) fn run_keeping(
    model: highs::Model,
    options: &SolverOptions,
    gap_factor: f64,
    projects: usize,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    let (run, model, _) = run_watched(model, options, gap_factor, projects, stop, None)?;
    Ok((run, model))
}

/// [`run_keeping`] for a MIP that gives up when, once its root LP is solved and rounded, the point
/// found is not within the requested gap: the run then ends at once (`Feasible` with that point, or
/// `NoSolution`) and the flag is true; the model is handed back, so that it can be solved again
/// from a better start.
pub(crate) fn run_or_give_up(
    model: highs::Model,
    options: &SolverOptions,
    gap_factor: f64,
    projects: usize,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model, bool)> {
    run_watched(model, options, gap_factor, projects, stop, Some(options.mip_rel_gap * gap_factor))
}

fn run_watched(
    mut model: highs::Model,
    options: &SolverOptions,
    gap_factor: f64,
    projects: usize,
    stop: &AtomicBool,
    give_up_above: Option<f64>,
) -> Result<(Run, highs::Model, bool)> {
    model.make_quiet();
    set(&mut model, "mip_rel_gap", options.mip_rel_gap * gap_factor)?;
    set(&mut model, "mip_abs_gap", 0.0)?;
    // Portfolio models are multi-dimensional knapsacks: HiGHS finds the optimum early and then
    // spends most of its time restarting the root to prove the gap. Without restarts the demo
    // (300 projects) solves in 0.4 s instead of 2 s, and 1,000 projects in 0.6 s instead of 2.6 s.
    model
        .try_set_option("mip_allow_restart", false)
        .map_err(|_| Error::Solver("HiGHS refused mip_allow_restart".into()))?;
    for feature in FEATURES_OFF {
        model.try_set_option(feature, false).map_err(|_| Error::Solver(format!("HiGHS refused {feature} = false")))?;
    }
    if let Some(limit) = options.time_limit_s {
        set(&mut model, "time_limit", limit)?;
    }
    // 0 is HiGHS's default; set either way, as the presolve below.
    let threads = options.threads.map_or(0, |t| i32::try_from(t).unwrap_or(i32::MAX));
    model
        .try_set_option("threads", threads)
        .map_err(|_| Error::Solver(format!("HiGHS refused threads = {threads}")))?;
    fit_thread_scheduler(threads);
    // Set either way: a kept model keeps the setting of its previous run.
    let presolve = if projects >= NO_PRESOLVE_FROM && !options.relaxed { "off" } else { "choose" };
    model
        .try_set_option("presolve", presolve)
        .map_err(|_| Error::Solver(format!("HiGHS refused presolve = {presolve}")))?;
    let watching = Watch { stop, give_up_above, gave_up: AtomicBool::new(false) };
    watch(&mut model, &watching)?;
    let start = Instant::now();
    let ran = run_in_place(&mut model);
    // The callback's data lives on this stack frame: HiGHS must not keep it beyond this run.
    unwatch(&mut model);
    ran?;
    let seconds = start.elapsed().as_secs_f64();
    if stop.load(Ordering::Relaxed) {
        return Err(Error::Interrupted);
    }
    let run = outcome_of(&mut model, seconds)?;
    Ok((run, model, watching.gave_up.load(Ordering::Relaxed)))
}

/// Removes the interrupt callback, whose data is about to go.
fn unwatch(model: &mut highs::Model) {
    // SAFETY: a live HiGHS instance. Setting a callback clears every callback's activation, so
    // the null function is never called, and HiGHS no longer holds the old data.
    unsafe {
        highs_sys::Highs_setCallback(model.as_mut_ptr(), None, std::ptr::null_mut());
    }
}

thread_local! {
    /// The `threads` option of the last HiGHS run on this OS thread.
    static LAST_THREADS: Cell<Option<i32>> = const { Cell::new(None) };
}

/// HiGHS sizes one task scheduler per OS thread at the first run on that thread and fails a later
/// run there that asks for another number of threads ("the scheduler has already been
/// initialized"). HiGHS 1.15 drops the scheduler whenever a model is destroyed, but not while a
/// model is kept, and later versions never do; so the scheduler is reset whenever a run asks for
/// another thread count than the previous run on this thread did.
fn fit_thread_scheduler(threads: i32) {
    LAST_THREADS.with(|last| {
        if last.replace(Some(threads)).is_some_and(|previous| previous != threads) {
            // SAFETY: HiGHS allows this on the thread that owns the scheduler outside any run:
            // this is that thread, and its runs (`run_in_place`) are synchronous and never nest.
            unsafe { highs_sys::Highs_resetGlobalScheduler(0) };
        }
    });
}

/// `HighsStatus::kError` of `highs_c_api.h`.
const HIGHS_ERROR: highs_sys::HighsInt = -1;

/// Runs HiGHS on the model, keeping it whatever happens. HiGHS can reject the solution of its own
/// presolved MIP (a row violated just above its feasibility tolerance after postsolve: "MIP solver
/// claims optimality, but with ... infeasibilities", a solve error); the model is then solved
/// again once without presolve, which has no postsolve.
fn run_in_place(model: &mut highs::Model) -> Result<()> {
    // SAFETY: the pointer is the live HiGHS instance owned by `model`.
    if unsafe { highs_sys::Highs_run(model.as_mut_ptr()) } != HIGHS_ERROR {
        return Ok(());
    }
    model.try_set_option("presolve", "off").map_err(|_| Error::Solver("HiGHS refused presolve = off".into()))?;
    // SAFETY: as above.
    match unsafe { highs_sys::Highs_run(model.as_mut_ptr()) } {
        HIGHS_ERROR => Err(Error::Solver("HiGHS failed to solve the model (with and without its presolve)".into())),
        _ => Ok(()),
    }
}

/// The status, point, duals and bound of the model's last run.
fn outcome_of(model: &mut highs::Model, seconds: f64) -> Result<Run> {
    let highs = model.as_mut_ptr();
    // SAFETY: `highs` is the live instance owned by `model`.
    let code = unsafe { highs_sys::Highs_getModelStatus(highs) };
    let model_status =
        HighsModelStatus::try_from(code).map_err(|_| Error::Solver(format!("HiGHS ended with status code {code}")))?;
    let has_point = int_info(highs, c"primal_solution_status")
        .and_then(|v| HighsSolutionStatus::try_from(v).ok())
        .is_some_and(|s| s == HighsSolutionStatus::Feasible);
    let status = match model_status {
        HighsModelStatus::Optimal => RunStatus::Optimal,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => RunStatus::Infeasible,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => {
            if has_point {
                RunStatus::Feasible
            } else {
                RunStatus::NoSolution
            }
        }
        other => return Err(Error::Solver(format!("HiGHS ended with status {other:?}"))),
    };
    // SAFETY: as above.
    let objective = unsafe { highs_sys::Highs_getObjectiveValue(highs) };
    let bound = match (double_info(highs, c"mip_dual_bound"), double_info(highs, c"mip_gap")) {
        (Some(b), Some(gap)) if b.is_finite() && gap.is_finite() => b,
        _ => objective,
    };
    let (columns, rows) = (model.num_cols(), model.num_rows());
    let (mut column_values, mut column_duals) = (vec![0.0; columns], vec![0.0; columns]);
    let (mut row_values, mut row_duals) = (vec![0.0; rows], vec![0.0; rows]);
    // SAFETY: each array has one entry per column or row of the model.
    unsafe {
        highs_sys::Highs_getSolution(
            highs,
            column_values.as_mut_ptr(),
            column_duals.as_mut_ptr(),
            row_values.as_mut_ptr(),
            row_duals.as_mut_ptr(),
        );
    }
    Ok(Run { status, columns: column_values, column_duals, row_duals, row_values, bound, objective, seconds })
}

/// A HiGHS integer info value (None when HiGHS does not have it).
fn int_info(highs: *mut std::os::raw::c_void, name: &std::ffi::CStr) -> Option<highs_sys::HighsInt> {
    let mut value: highs_sys::HighsInt = -1;
    // SAFETY: `highs` is a live instance and `name` a NUL-terminated string.
    let status = unsafe { highs_sys::Highs_getIntInfoValue(highs, name.as_ptr(), &mut value) };
    (status != HIGHS_ERROR).then_some(value)
}

/// A HiGHS double info value (None when HiGHS does not have it).
fn double_info(highs: *mut std::os::raw::c_void, name: &std::ffi::CStr) -> Option<f64> {
    let mut value = f64::NAN;
    // SAFETY: as in `int_info`.
    let status = unsafe { highs_sys::Highs_getDoubleInfoValue(highs, name.as_ptr(), &mut value) };
    (status != HIGHS_ERROR).then_some(value)
}

fn set(model: &mut highs::Model, option: &str, value: f64) -> Result<()> {
    model.try_set_option(option, value).map_err(|_| Error::Solver(format!("HiGHS refused {option} = {value}")))
}

/// The value of the HiGHS bool option `name` on a model (panics when HiGHS has no such option).
#[cfg(test)]
pub(crate) fn bool_option(model: &mut highs::Model, name: &str) -> bool {
    let name = std::ffi::CString::new(name).unwrap_or_else(|e| panic!("{e}"));
    let mut value: highs_sys::HighsInt = 0;
    // SAFETY: a live model, a NUL-terminated option name and a valid out pointer.
    let status = unsafe { highs_sys::Highs_getBoolOptionValue(model.as_mut_ptr(), name.as_ptr(), &mut value) };
    assert_eq!(status, 0, "no option {name:?}");
    value != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// max x + 2y, x + 2y <= 4.5, x and y integers in 0..=3.
    fn small_mip() -> highs::Model {
        let mut problem = highs::RowProblem::default();
        let x = problem.add_integer_column(1.0, 0.0..=3.0);
        let y = problem.add_integer_column(2.0, 0.0..=3.0);
        problem.add_row(..=4.5, [(x, 1.0), (y, 2.0)]);
        problem.optimise(highs::Sense::Maximise)
    }

    #[test]
    fn runs_asking_for_other_thread_counts_share_an_os_thread() {
        let stop = AtomicBool::new(false);
        // The models stay alive, so that no model's destruction drops this thread's HiGHS scheduler.
        let mut kept = Vec::new();
        for threads in [Some(2), Some(1), None, Some(2), Some(2)] {
            let options = SolverOptions { threads, ..SolverOptions::default() };
            let (run, model) = run_keeping(small_mip(), &options, 1.0, 2, &stop)
                .unwrap_or_else(|e| panic!("threads {threads:?}: {e}"));
            assert_eq!((run.status, run.objective), (RunStatus::Optimal, 4.0), "threads {threads:?}");
            kept.push(model);
        }
    }

    #[test]
    fn gives_up_only_once_the_root_lp_is_solved_and_only_above_the_gap() {
        // SAFETY: a plain C struct of numbers and pointers, for which all zeros is a valid value.
        let mut data: highs_sys::HighsCallbackDataOut = unsafe { std::mem::zeroed() };
        data.mip_gap = f64::INFINITY;
        assert!(!gives_up(&data, Some(1e-4)), "before the root LP");
        data.mip_total_lp_iterations = 40;
        assert!(gives_up(&data, Some(1e-4)), "no point yet");
        assert!(!gives_up(&data, None), "a run that never gives up");
        data.mip_gap = 3e-4;
        assert!(gives_up(&data, Some(1e-4)));
        data.mip_gap = 5e-5;
        assert!(!gives_up(&data, Some(1e-4)));
        data.mip_gap = f64::NAN;
        assert!(gives_up(&data, Some(1e-4)));
    }

    #[test]
    fn a_mip_solved_by_its_root_lp_does_not_give_up() {
        let (run, _, gave_up) = run_or_give_up(small_mip(), &SolverOptions::default(), 1.0, 2, &AtomicBool::new(false))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((run.status, run.objective, gave_up), (RunStatus::Optimal, 4.0, false));
    }

    #[test]
    fn runs_without_the_features_that_cost_more_than_they_bring() {
        let (_, mut model) = run_keeping(small_mip(), &SolverOptions::default(), 1.0, 2, &AtomicBool::new(false))
            .unwrap_or_else(|e| panic!("{e}"));
        for feature in FEATURES_OFF {
            assert!(!bool_option(&mut model, feature), "{feature} is still on");
        }
    }
}
