//! Solving from the best solution in a neighbourhood (relaxation-induced neighbourhood search):
//! near the previous level's optimum on the kept model of a large portfolio's frontier (RINS), in
//! the margin of the LP relaxation in robustness scenarios and in solves with no reference below
//! [`NO_PRESOLVE_FROM`] projects, in the relaxation's own neighbourhood (RENS) for large single
//! solves ([`Around`]). The search gives the solve a starting point and, when the LP bound
//! allows, a proof on its own.
//!
//! HiGHS spends most of a portfolio solve in root cut rounds, and its own sub-MIP heuristics run
//! only after them; a near-optimal start lets it stop the root as soon as the gap is proven (on the
//! 1,000-project frontier, the root work drops by about 40%; see BENCHMARKS.md). The neighbourhood:
//! solve the LP relaxation at the new inputs, fix every funding indicator that it has integral
//! except those the neighbourhood leaves free (where it differs from the reference, or in the
//! margin), and solve that much smaller MIP. Its optimum is feasible for the full
//! model (only bounds were tightened), which is then solved from it, so the result is as good as
//! a solve from scratch (within the same gap).
//! When the LP relaxation's bound is already within the requested gap of that optimum, the
//! optimum is proven as it stands and the full MIP is not run (14 of 40 robustness scenarios and
//! 26 of the 50 frontier levels of the 1,000-project benchmark; BENCHMARKS.md, sessions 43 and 49).
//! Otherwise, when the relaxation's reduced costs fix at least [`CORE_FROM`] of the decisions
//! ([`CORE_FROM_MARGIN`] after a margin search) against the neighbourhood's optimum (see
//! [`super::reduced_cost`]), only the core that is left is solved, from that optimum, and its
//! bound together with the fixed decisions' flip bounds bounds the whole model; else the full MIP
//! is. After a margin search whose optimum lets them fix [`WIDEN_FROM`] but not
//! [`CORE_FROM_MARGIN`], a second, wider margin is searched first: its better optimum often fixes
//! enough. On models of at most [`CROSS_CHECK_UP_TO`] decisions, the MIP is then solved once more
//! without a start, and the better run is kept: HiGHS 1.15 can call a worse point optimal when it
//! starts from one ([`cross_checked`]).

use std::sync::atomic::AtomicBool;

use highs_sys::HighsInt;

use super::formulation::ProjectColumns;
use super::model_edits::{maximises, with_fixed, with_integrality, with_option_off, CONTINUOUS, INTEGER};
use super::reduced_cost::{fixing, Fixing, Flips};
use super::solve::{run_keeping, run_or_give_up, Run, RunStatus, NO_PRESOLVE_FROM};
use super::GAP_FACTOR;
use crate::error::{Error, Result};
use crate::model::SolverOptions;

/// The neighbourhood MIP is solved to this relative gap (or the caller's, if tighter). A tighter
/// one (1e-5) made the search slower without making the full MIP faster (BENCHMARKS.md).
const NEIGHBOURHOOD_GAP: f64 = 1e-4;

/// Solves a MIP to the plan's gap (x [`GAP_FACTOR`]), starting from the best solution in the
/// neighbourhood `around`, or else from `fallback` (HiGHS checks a start and ignores one that is
/// not feasible). Returns the run, its seconds including the search, and the model with its
/// integrality and bounds as they were. The search is skipped for LP relaxations, which have no
/// decisions to fix, and under a time limit, which HiGHS would apply to each of the extra runs.
pub(crate) fn solve_near(
    model: highs::Model,
    projects: &[ProjectColumns],
    around: Around<'_>,
    fallback: Option<&[f64]>,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    let mut start = if options.relaxed || options.time_limit_s.is_some() {
        Start::new(model, 0.0, None)
    } else {
        search_around(model, projects, around, None, None, options, stop)?
    };
    let least = if matches!(around, Around::Margin) { CORE_FROM_MARGIN } else { CORE_FROM };
    let share = |fixing: &Fixing| fixing.columns.len() as f64 / projects.len() as f64;
    let mut fixed = fixed_by_flips(&start, projects, options);
    if matches!(around, Around::Margin) && fixed.as_ref().is_some_and(|f| (WIDEN_FROM..least).contains(&share(f))) {
        start = widen(start, projects, options, stop)?;
        fixed = fixed_by_flips(&start, projects, options);
    }
    let core = fixed.filter(|fixing| share(fixing) >= least);
    let Start { model, seconds, found, proven, .. } = start;
    if let Some(proven) = proven {
        return Ok((proven, model));
    }
    // The start goes in after the last bound change: HiGHS drops a stored solution when column
    // bounds change on a model that has a basis (`changeColBoundsInterface`), and the full MIP then
    // runs without it (measured: 24 s instead of 13 s for the 50-level frontier).
    let point = found.as_ref().map(|f| f.point.as_slice());
    let (run, model) = match (core, point) {
        (Some(fixing), Some(point)) => core_mip(model, &fixing, point, projects.len(), options, stop)?,
        _ => full_mip(model, point.or(fallback), projects.len(), options, stop)?,
    };
    cross_checked(Run { seconds: run.seconds + seconds, ..run }, model, projects.len(), options, stop)
}

/// MIPs of at most this many funding decisions that were solved from a start are solved again
/// without one, and the better run is kept ([`cross_checked`]).
pub(crate) const CROSS_CHECK_UP_TO: usize = 30;

/// `run`, a MIP solved from a start, or the same MIP solved again from nothing when that finds a
/// better point (and then that run, bound included): the first stage's MIP here, and the second
/// stage's in [`super::polish`]. HiGHS 1.15 can end a run that starts from a feasible point at a
/// worse point that it calls optimal, with a bound that does not hold: on plan 439097 of the
/// brute-force generator (9 projects, `min_state_spend`), from the margin's point it returned 39.53
/// of state money as optimal where 38.59 meets the value target, and it finds 38.59 without the
/// start (HiGHS 1.16 finds it either way). Such runs are rare (1 in 80,000 generated plans of 8-14
/// projects, none in 30,000 of 30-120 projects; BENCHMARKS.md, session 51), and two runs by
/// different paths rarely both go wrong. But HiGHS is slower without a start: on generated
/// portfolios (`stratfund generate`, seeds 1-5) the solves took up to twice as long with the
/// second run at 10-30 projects (at most 16 ms more), and 1.5-8 times as long at 50-200 projects
/// (BENCHMARKS.md, session 51), so only models of up to [`CROSS_CHECK_UP_TO`] decisions, the
/// sizes where the wrong run was found, are checked. Not for LP relaxations, runs under a time
/// limit, or runs with no point.
pub(crate) fn cross_checked(
    run: Run,
    mut model: highs::Model,
    projects: usize,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    if projects > CROSS_CHECK_UP_TO || options.relaxed || options.time_limit_s.is_some() || !run.has_point() {
        return Ok((run, model));
    }
    // SAFETY: a live HiGHS instance. Without its solution (which HiGHS would take as the start),
    // the run below starts from nothing.
    unsafe { highs_sys::Highs_clearSolver(model.as_mut_ptr()) };
    let (plain, model) = run_keeping(model, options, GAP_FACTOR, projects, stop)?;
    let sign = if maximises(&model)? { 1.0 } else { -1.0 };
    let better = plain.has_point() && sign * (plain.objective - run.objective) > 1e-9 * run.objective.abs().max(1.0);
    let seconds = run.seconds + plain.seconds;
    Ok((Run { seconds, ..if better { plain } else { run } }, model))
}

/// The decisions that the relaxation's reduced costs fix against the search's optimum (see
/// [`super::reduced_cost`]), when the search found one that the LP bound does not prove and has
/// the flips; `None` from [`NO_PRESOLVE_FROM`] projects, which are not solved on cores.
fn fixed_by_flips(start: &Start, projects: &[ProjectColumns], options: &SolverOptions) -> Option<Fixing> {
    let (Some(found), Some(flips), None) = (&start.found, &start.flips, &start.proven) else { return None };
    if projects.len() >= NO_PRESOLVE_FROM {
        return None;
    }
    Some(fixing(flips, projects, &found.point, found.objective, options.mip_rel_gap * GAP_FACTOR))
}

/// A second margin search, from the first one's optimum, that leaves the [`WIDE_MARGIN_SHARE`]
/// of the decisions cheapest to flip free: for the robustness scenarios whose first margin's
/// optimum is too far below the LP bound for the reduced costs to fix [`CORE_FROM_MARGIN`] of the
/// decisions, though they fix [`WIDEN_FROM`]. Its better optimum fixes more of them, or is proven
/// by the LP bound. The start is returned as it was when the first search found nothing.
fn widen(start: Start, projects: &[ProjectColumns], options: &SolverOptions, stop: &AtomicBool) -> Result<Start> {
    let Start { model, seconds, found: Some(found), flips: Some(flips), .. } = start else { return Ok(start) };
    let count = projects.len();
    let margin = flips.cheapest((WIDE_MARGIN_SHARE * count as f64).round() as usize);
    let (columns, values) = integral_decisions(&flips, projects, |k| margin[k]);
    let (sub, model) = fixed_mip(model, &columns, &values, Some(&found.point), &narrowed(options), count, stop)?;
    Ok(settled(model, seconds, sub, flips, Some(found), options))
}

/// The share of the funding decisions that the relaxation's reduced costs must fix (see
/// [`super::reduced_cost`]) for the MIP to be solved on its core rather than whole, after a search
/// near a reference (frontier levels chained on a kept model). Since session 49 only frontiers
/// from [`NO_PRESOLVE_FROM`] projects chain their levels, and those are not solved on cores, so
/// no shipped run reaches this share; it was chosen when every frontier chained its levels. With
/// the cores run without HiGHS's root reduced-cost heuristic ([`core_mip`]), the 50-level
/// frontier of the 1,000-project benchmark took 6-9% longer with 0.7 (three pairs run side by
/// side), and 20-45% longer with 0.5 or 0.4 (two pairs each;
/// BENCHMARKS.md, session 44). With the heuristic on, cores from 60% were no faster than the full
/// MIPs (session 41).
const CORE_FROM: f64 = 0.6;

/// [`CORE_FROM`] after a [margin](Around::Margin) search (robustness scenarios, solves with no
/// reference). Over 200
/// scenarios of the 1,000-project benchmark, the 9 that fix 60-65% took 1.2 s each on their cores
/// against 0.5 s as full MIPs; the work after the searches, over the searches' time (pairs run side
/// by side, one thread each), was 1.31-1.39 with 0.6 (five runs), 1.16 and 1.20 with 0.7, 1.14
/// twice with 0.65, 1.25 with 0.75, 1.32 with 0.8 and 1.46 with 0.5 (BENCHMARKS.md, session 44).
/// Session 43 chose 0.6 on the first 40 scenarios alone, of which none fixes 50-65%.
const CORE_FROM_MARGIN: f64 = 0.7;

/// The MIP from `point` with the decisions of `fixing` fixed (bounds restored afterwards): the
/// core's optimum is the model's within the gap, and the bound is the core's or the fixed
/// decisions' flip bound, whichever is weaker. Should HiGHS find no point in the core (it has
/// `point`), the full MIP is solved instead.
///
/// The core runs without HiGHS's [root reduced-cost heuristic](ROOT_REDUCED_COST) (back on
/// afterwards): the core is what the per-project fixing by the same reduced costs leaves, and the
/// heuristic, which fixes columns by their own reduced costs and searches the rest in a sub-MIP,
/// mostly repeats it. On 40 robustness scenarios of the 1,000-project benchmark (16 cores), the
/// cores took 1.59-2.06 s without it against 2.57-3.05 s with it, run side by side; the full MIPs
/// keep it, as they take twice as long without it (BENCHMARKS.md, session 43).
fn core_mip(
    model: highs::Model,
    fixing: &Fixing,
    point: &[f64],
    projects: usize,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    let (core, model) = with_fixed(model, &fixing.columns, &fixing.values, |model| {
        with_option_off(model, ROOT_REDUCED_COST, |model| full_mip(model, Some(point), projects, options, stop))
    })?;
    if !matches!(core.status, RunStatus::Optimal | RunStatus::Feasible) {
        let (run, model) = full_mip(model, Some(point), projects, options, stop)?;
        return Ok((Run { seconds: run.seconds + core.seconds, ..run }, model));
    }
    Ok((Run { bound: fixing.bound_with(core.bound), ..core }, model))
}

/// HiGHS's root reduced-cost heuristic: once the root's cut rounds end, a sub-MIP on the columns
/// whose reduced costs do not fix them. On by default and in every run ([`super::solve::run`]),
/// except in the core.
const ROOT_REDUCED_COST: &str = "mip_heuristic_run_root_reduced_cost";

/// The full MIP from `point` (HiGHS checks a start and ignores one that is not feasible). From
/// [`NO_PRESOLVE_FROM`] projects (HiGHS's presolve off) the run gives up at the root when its
/// point is not within the gap there, and is made again with the presolve from the best point
/// found, as in [`solve_from_rounding`].
fn full_mip(
    mut model: highs::Model,
    point: Option<&[f64]>,
    projects: usize,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    if let Some(point) = point {
        let _ = model.try_set_solution(Some(point), None, None, None);
    }
    let (first, model, gave_up) = run_may_give_up(model, projects, options, stop)?;
    if !gave_up {
        return Ok((first, model));
    }
    // HiGHS's point is at least as good as the start it accepted.
    let best = if first.status == RunStatus::Feasible { Some(first.columns.as_slice()) } else { point };
    let (run, model) = solve_with_presolve(model, best, projects, options, stop)?;
    Ok((Run { seconds: run.seconds + first.seconds, ..run }, model))
}

/// Solves a MIP that has no reference solution: a single solve, a robustness study's baseline, a
/// frontier level (every level below [`NO_PRESOLVE_FROM`] projects: [`super::chains_levels`]).
/// Below [`NO_PRESOLVE_FROM`] projects, from the best solution in the [margin](Around::Margin) of
/// its LP relaxation, as robustness scenarios are ([`solve_near`]: the margin's optimum is often
/// proven by the LP bound as it stands, or lets the reduced costs fix enough for the core). On 60
/// portfolios of 300 to 2,000 projects (`stratfund generate`, seeds 2-4, coverage 0.15-0.7) the
/// solves took 11.5 s instead of 26.0 s in all, at objectives within the gap of each other
/// (BENCHMARKS.md, session 49). Larger models, whose HiGHS presolve is off, are solved [from the
/// rounding](solve_from_rounding) (on 16 generated portfolios of 3,000 and 5,000 projects the
/// margin was faster on some and slower on others). LP relaxations and runs under a time limit
/// skip the search and are solved once, as HiGHS would. Returns the run and the model.
pub(crate) fn solve_cold(
    model: highs::Model,
    projects: &[ProjectColumns],
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    if projects.len() < NO_PRESOLVE_FROM {
        return solve_near(model, projects, Around::Margin, None, options, stop);
    }
    solve_from_rounding(model, projects, options, stop)
}

/// Solves a large MIP (from [`NO_PRESOLVE_FROM`] projects, HiGHS's presolve off) from scratch, as
/// long as the root LP's rounding gives a point within the gap (10,000 projects: 0.27 s). When it
/// does not, HiGHS would close the gap in root separation rounds that can take seconds each on
/// these models without the presolve (`generate --projects 5000 --seed 3 --coverage 0.3`: 24 s),
/// so the run gives up there, and the MIP is solved again from a better point, with the presolve:
/// the optimum of the LP relaxation's own neighbourhood (RENS: every decision the relaxation has
/// integral is fixed), which the LP bound often proves as it stands (then no second run). Across
/// 48 generated instances of 300 to 8,000 projects (`benches/sweep_generated.sh`) the solves took
/// 39.6 s instead of 178.4 s, the slowest 6.3 s instead of 32.9 s (BENCHMARKS.md, session 40).
/// Smaller models (HiGHS's presolve on), LP relaxations and runs under a time limit are solved
/// once, as HiGHS would. Returns the run and the model.
fn solve_from_rounding(
    model: highs::Model,
    projects: &[ProjectColumns],
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    let (first, model, gave_up) = run_may_give_up(model, projects.len(), options, stop)?;
    if !gave_up {
        return Ok((first, model));
    }
    let rounded = (first.status == RunStatus::Feasible).then_some(first.columns);
    let start = search_around(model, projects, Around::Relaxation, None, None, options, stop)?;
    let spent = first.seconds + start.seconds;
    if let Some(proven) = start.proven {
        return Ok((Run { seconds: spent, ..proven }, start.model));
    }
    let point = start.found.map(|found| found.point).or(rounded);
    let (run, model) = solve_with_presolve(start.model, point.as_deref(), projects.len(), options, stop)?;
    Ok((Run { seconds: run.seconds + spent, ..run }, model))
}

/// Whether a MIP of `projects` funding decisions runs without HiGHS's presolve and so may give up
/// at the root: not for LP relaxations, nor under a time limit, which HiGHS would apply to each run.
fn may_give_up(projects: usize, options: &SolverOptions) -> bool {
    projects >= NO_PRESOLVE_FROM && !options.relaxed && options.time_limit_s.is_none()
}

/// Runs a MIP of `projects` funding decisions to the gap; when it [may give up](may_give_up) it
/// does so at the root if its point is not within the gap there. Returns the run, the model and
/// whether it gave up.
fn run_may_give_up(
    model: highs::Model,
    projects: usize,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model, bool)> {
    if !may_give_up(projects, options) {
        let (run, model) = run_keeping(model, options, GAP_FACTOR, projects, stop)?;
        return Ok((run, model, false));
    }
    run_or_give_up(model, options, GAP_FACTOR, projects, stop)
}

/// The MIP from `point` with HiGHS's presolve, or, when that presolve calls a model infeasible
/// although `point` is feasible (HiGHS 1.15 can, see [`super::solve::WITHOUT_PRESOLVE`]), without.
fn solve_with_presolve(
    mut model: highs::Model,
    point: Option<&[f64]>,
    projects: usize,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    let mut seconds = 0.0;
    for presolve in [NO_PRESOLVE_FROM - 1, projects.max(NO_PRESOLVE_FROM)] {
        if let Some(point) = point {
            let _ = model.try_set_solution(Some(point), None, None, None);
        }
        let (run, kept) = run_keeping(model, options, GAP_FACTOR, presolve, stop)?;
        seconds += run.seconds;
        if point.is_none() || run.status != RunStatus::Infeasible {
            return Ok((Run { seconds, ..run }, kept));
        }
        model = kept;
    }
    Err(Error::Solver("HiGHS called a model infeasible from a feasible point, with and without its presolve".into()))
}

/// What the neighbourhood search found.
pub(crate) struct Start {
    /// The model, its integrality and bounds restored.
    pub model: highs::Model,
    /// Seconds spent searching.
    pub seconds: f64,
    /// The neighbourhood's optimum (the starting point), if the neighbourhood has a solution.
    pub found: Option<Found>,
    /// What flipping each decision costs at least, from the LP relaxation at the same inputs
    /// (when the search ran).
    pub flips: Option<Flips>,
    /// The neighbourhood's optimum as a finished run (seconds: the whole search), when the LP
    /// relaxation at the same inputs already proves it within the requested gap of the best
    /// solution: then the full MIP need not run.
    pub proven: Option<Run>,
    /// Whether the LP relaxation already proves the given incumbent within the requested gap (then
    /// no search ran).
    pub incumbent_proven: bool,
}

impl Start {
    /// A search that found nothing (yet).
    fn new(model: highs::Model, seconds: f64, flips: Option<Flips>) -> Start {
        Start { model, seconds, found: None, flips, proven: None, incumbent_proven: false }
    }
}

/// A solution the neighbourhood search found.
pub(crate) struct Found {
    /// Its columns.
    pub point: Vec<f64>,
    /// Its objective.
    pub objective: f64,
}

/// Which funding decisions a neighbourhood leaves free; every other one is fixed where the LP
/// relaxation at the same inputs has it integral (the fractional ones are always free).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Around<'a> {
    /// Those on which the relaxation differs from a reference solution, one 0/1 decision per
    /// project (RINS): the previous frontier level's optimum, which the next level moves little.
    Reference(&'a [f64]),
    /// The margin: the [`MARGIN_SHARE`] of the decisions that the relaxation's reduced costs make
    /// cheapest to flip (see [`super::reduced_cost`]). For robustness scenarios, whose draws move
    /// every project's state cost, so that the baseline's optimum says little about theirs.
    Margin,
    /// Only the fractional ones: the relaxation's own neighbourhood (RENS).
    Relaxation,
}

/// The share of the funding decisions that a [margin](Around::Margin) neighbourhood leaves free.
/// On the 1,000-project benchmark's robustness scenarios, a margin of 9% took 14.2-15.1 CPU
/// seconds for 40 scenarios (search, core and full MIPs), 6% took 15.9-19.4 s, 12% 18.8-20.7 s
/// (the neighbourhood MIP grows faster than it saves), and the neighbourhood of the baseline's
/// optimum 19.4-23.2 s; on 3,000 projects, 10 scenarios, 9% took 5.4-6.4 s, 6% 7.7-8.5 s, 12%
/// 7.8-8.2 s and the baseline's neighbourhood 12.4 s (BENCHMARKS.md, session 42).
const MARGIN_SHARE: f64 = 0.09;

/// The share of the decisions that a [second, wider margin](widen) leaves free. Over 200
/// robustness scenarios of the 1,000-project benchmark (pairs run side by side, one thread each,
/// against no second margin), 11% took 0.90 of the time, 13% 0.89, 14% 0.84 and 0.89, 16% 1.03
/// and 18% 1.12: the wider margin's MIP grows faster than the full MIPs it saves
/// (BENCHMARKS.md, session 45).
const WIDE_MARGIN_SHARE: f64 = 0.13;

/// The share of the decisions that the first margin's optimum must let the reduced costs fix for
/// a [second margin](widen) to be searched. Closer to [`CORE_FROM_MARGIN`], the second margin
/// more often lifts the share above it; further, its MIP costs about as much as the full MIP. Per
/// scenario (side by side with no second margin), from 0% it saved 8.3 s over 200 scenarios of
/// the 1,000-project benchmark but cost 2.6 s more over 100 of the portfolio of seed 3; from 50%
/// it saved 7.3 s and cost 0.1 s (BENCHMARKS.md, session 45).
const WIDEN_FROM: f64 = 0.5;

/// The neighbourhood search, with the model restored. Its optimum is `proven` when it is within
/// the requested gap (x [`GAP_FACTOR`]) of the LP relaxation bound.
/// With `incumbent` (the objective and the point of a known solution inside the neighbourhood,
/// such as one that takes the reference's decisions), the search stops after the LP relaxation
/// when its bound already proves the incumbent within the gap (no `found`, no `proven`), and
/// otherwise starts from that point. The decisions of `free` (per project, when given) stay free
/// even where the LP agrees.
pub(crate) fn search_around(
    model: highs::Model,
    projects: &[ProjectColumns],
    around: Around<'_>,
    incumbent: Option<(f64, &[f64])>,
    free: Option<&[bool]>,
    options: &SolverOptions,
    stop: &AtomicBool,
) -> Result<Start> {
    let count = projects.len();
    let set: Vec<HighsInt> = projects.iter().map(|p| p.z as HighsInt).collect();
    let (lp, model) = run_keeping(with_integrality(model, &set, CONTINUOUS)?, options, 1.0, count, stop)?;
    let model = with_integrality(model, &set, INTEGER)?;
    let gap = options.mip_rel_gap * GAP_FACTOR;
    let incumbent_proven = incumbent.is_some_and(|(o, _)| within_gap(lp.bound, o, gap));
    if lp.status != RunStatus::Optimal || incumbent_proven {
        return Ok(Start { incumbent_proven, ..Start::new(model, lp.seconds, None) });
    }
    let flips = Flips::new(&lp, projects, maximises(&model)?);
    // The known solution starts the neighbourhood MIP: with it, HiGHS skips most of its root
    // separation rounds (second stage, 10,000 projects of `generate --seed 3 --coverage 0.3`:
    // 2.1 s instead of 3.1 s).
    let start = incumbent.map(|(_, point)| point);
    let margin = match around {
        Around::Margin => flips.cheapest((MARGIN_SHARE * count as f64).round() as usize),
        _ => vec![false; count],
    };
    let (columns, values) = integral_decisions(&flips, projects, |k| {
        let differs = match around {
            Around::Reference(reference) => (lp.columns[projects[k].z] - reference[k]).abs() > 1e-6,
            Around::Margin | Around::Relaxation => false,
        };
        differs || margin[k] || free.is_some_and(|f| f[k])
    });
    let (sub, model) = match around {
        // Without HiGHS's root reduced-cost heuristic (back on afterwards): see `margin_options`.
        Around::Margin => with_option_off(model, ROOT_REDUCED_COST, |model| {
            fixed_mip(model, &columns, &values, start, &margin_options(options), count, stop)
        })?,
        _ => fixed_mip(model, &columns, &values, start, &narrowed(options), count, stop)?,
    };
    Ok(settled(model, lp.seconds, sub, flips, None, options))
}

/// The neighbourhood MIP's options: its gap is [`NEIGHBOURHOOD_GAP`], or the caller's if tighter.
fn narrowed(options: &SolverOptions) -> SolverOptions {
    SolverOptions { mip_rel_gap: options.mip_rel_gap.min(NEIGHBOURHOOD_GAP), ..options.clone() }
}

/// The options of the [margin](Around::Margin)'s MIP, which also runs without HiGHS's [root
/// reduced-cost heuristic](ROOT_REDUCED_COST): its gap is [`MARGIN_GAP_SHARE`] of the
/// [neighbourhood's](narrowed). On the margin's 60-80 free decisions the heuristic's nested
/// sub-MIPs (eight deep) took most of the run; without it HiGHS's tree search reaches the tighter
/// gap sooner, at points that the LP bound proves about as often (offline, 13 of 40 scenarios
/// against 14; without the heuristic at the plain gap, only 9). Over 200 robustness scenarios of
/// the 1,000-project benchmark (pairs run side by side, one thread each) the runs took 0.93 of the
/// time with 0.3 (six pairs), 0.94 with 0.2 (five) and 1.00 with 0.1 (BENCHMARKS.md, session 48).
fn margin_options(options: &SolverOptions) -> SolverOptions {
    let narrow = narrowed(options);
    SolverOptions { mip_rel_gap: narrow.mip_rel_gap * MARGIN_GAP_SHARE, ..narrow }
}

/// The share of the [neighbourhood's gap](narrowed) to which a [margin](margin_options) MIP is solved.
const MARGIN_GAP_SHARE: f64 = 0.3;

/// What a search found, from its neighbourhood MIP `sub` after `before` seconds of earlier work:
/// `sub`'s optimum, `proven` when it is within the requested gap (x [`GAP_FACTOR`]) of the LP
/// relaxation's bound, or `earlier` (a point found before) when `sub` has none.
fn settled(
    model: highs::Model,
    before: f64,
    sub: Run,
    flips: Flips,
    earlier: Option<Found>,
    options: &SolverOptions,
) -> Start {
    let seconds = before + sub.seconds;
    if !matches!(sub.status, RunStatus::Optimal | RunStatus::Feasible) {
        return Start { found: earlier, ..Start::new(model, seconds, Some(flips)) };
    }
    let bound = flips.relaxation_bound();
    if within_gap(bound, sub.objective, options.mip_rel_gap * GAP_FACTOR) {
        // The LP bound holds for the full model: the neighbourhood's optimum is proven as it stands.
        let proven = Run { status: RunStatus::Optimal, bound, seconds, ..sub };
        return Start { proven: Some(proven), ..Start::new(model, seconds, Some(flips)) };
    }
    Start {
        found: Some(Found { point: sub.columns, objective: sub.objective }),
        ..Start::new(model, seconds, Some(flips))
    }
}

/// The funding indicators that the LP relaxation of `flips` has integral, except those
/// `left_free` (by project), as (columns, values) to fix them at.
fn integral_decisions(
    flips: &Flips,
    projects: &[ProjectColumns],
    left_free: impl Fn(usize) -> bool,
) -> (Vec<HighsInt>, Vec<f64>) {
    (0..projects.len())
        .filter(|&k| !left_free(k))
        .filter_map(|k| flips.kept(k).map(|kept| (projects[k].z as HighsInt, kept)))
        .unzip()
}

/// The MIP with the columns of `set` fixed at `values` (a neighbourhood), from `start` when given
/// (set after the bound changes, which would drop it), solved with HiGHS's presolve, which removes
/// the fixed columns whatever the model's size; the bounds are restored afterwards. A copy of the
/// model built without the fixed columns was no faster: HiGHS's presolve spends its time on the
/// columns that stay free (BENCHMARKS.md, session 50).
fn fixed_mip(
    model: highs::Model,
    set: &[HighsInt],
    values: &[f64],
    start: Option<&[f64]>,
    options: &SolverOptions,
    projects: usize,
    stop: &AtomicBool,
) -> Result<(Run, highs::Model)> {
    with_fixed(model, set, values, |mut model| {
        if let Some(point) = start {
            let _ = model.try_set_solution(Some(point), None, None, None);
        }
        run_keeping(model, options, 1.0, projects.min(NO_PRESOLVE_FROM - 1), stop)
    })
}

/// Whether a point of objective `objective` is within the relative `gap` of the dual `bound`
/// (the gap of MODEL.md section 9: |bound - objective| / max(|objective|, 1e-9)).
fn within_gap(bound: f64, objective: f64, gap: f64) -> bool {
    (bound - objective).abs() <= gap * objective.abs().max(1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{generate_plan, generate_portfolio, DemoConfig};
    use crate::optimize::formulation::{build, Built};
    use crate::optimize::instance::Instance;
    use crate::optimize::model_edits::bounds_of;
    use crate::optimize::solve::{bool_option, run};
    use crate::Catalog;

    /// A 3,000-project portfolio whose root LP rounding ends 6e-4 below the LP bound: HiGHS
    /// without its presolve then spends 2.4 s in root separation rounds.
    fn rounding_falls_short() -> (Instance, SolverOptions) {
        let config = DemoConfig { projects: 3_000, seed: 3, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, 0.45);
        let checked = crate::model::check(&portfolio, &plan, &Catalog::default()).unwrap_or_else(|e| panic!("{e}"));
        (Instance::new(&checked), plan.solver.clone())
    }

    fn built(instance: &Instance, options: &SolverOptions) -> Built {
        let goal = crate::optimize::goal(instance, options.mip_rel_gap);
        build(instance, goal, false, None).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_large_mip_whose_rounding_falls_short_gives_up_at_the_root() {
        let (instance, options) = rounding_falls_short();
        let Built { model, projects, .. } = built(&instance, &options);
        let stop = AtomicBool::new(false);
        let (first, _, gave_up) =
            run_or_give_up(model, &options, GAP_FACTOR, projects.len(), &stop).unwrap_or_else(|e| panic!("{e}"));
        assert!(gave_up);
        assert!(matches!(first.status, RunStatus::Feasible | RunStatus::NoSolution), "{:?}", first.status);
    }

    /// Giving up and starting again from the relaxation's neighbourhood finds an optimum as good
    /// as HiGHS's own solve (with its presolve, which is quick on this instance), within the gap.
    #[test]
    fn solving_from_the_rounding_matches_a_plain_solve() {
        let (instance, options) = rounding_falls_short();
        let stop = AtomicBool::new(false);
        let Built { model, projects, .. } = built(&instance, &options);
        let (found, _) = solve_from_rounding(model, &projects, &options, &stop).unwrap_or_else(|e| panic!("{e}"));
        let plain = run(built(&instance, &options).model, &options, GAP_FACTOR, NO_PRESOLVE_FROM - 1, &stop)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((found.status, plain.status), (RunStatus::Optimal, RunStatus::Optimal));
        let gap = options.mip_rel_gap * found.objective.abs();
        assert!(
            found.bound - found.objective <= gap,
            "{} within the gap of its bound {}",
            found.objective,
            found.bound
        );
        assert!((found.objective - plain.objective).abs() <= gap, "{} against {}", found.objective, plain.objective);
    }

    /// The core MIP, from a known optimum of a 300-project portfolio, fixes most decisions and
    /// ends at the same optimum within the gap, with a bound that holds for the whole model; the
    /// fixed decisions' bounds are restored.
    #[test]
    fn the_core_mip_matches_a_plain_solve_with_a_bound_that_holds() {
        let config = DemoConfig { projects: 300, seed: 1, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, 0.45);
        let checked = crate::model::check(&portfolio, &plan, &Catalog::default()).unwrap_or_else(|e| panic!("{e}"));
        let (instance, options) = (Instance::new(&checked), plan.solver.clone());
        let stop = AtomicBool::new(false);
        let goal = crate::optimize::goal(&instance, options.mip_rel_gap);
        let relaxed = build(&instance, goal, true, None).unwrap_or_else(|e| panic!("{e}"));
        let lp = run(relaxed.model, &options, 1.0, relaxed.projects.len(), &stop).unwrap_or_else(|e| panic!("{e}"));
        let exact = SolverOptions { mip_rel_gap: 1e-9, ..options.clone() };
        let plain = run(built(&instance, &options).model, &exact, 1.0, 300, &stop).unwrap_or_else(|e| panic!("{e}"));
        let Built { model, projects, .. } = built(&instance, &options);
        let gap = options.mip_rel_gap * GAP_FACTOR;
        let fixed = fixing(&Flips::new(&lp, &projects, true), &projects, &plain.columns, plain.objective, gap);
        assert!(fixed.columns.len() * 2 > projects.len(), "{} fixed", fixed.columns.len());
        let (core, mut model) =
            core_mip(model, &fixed, &plain.columns, projects.len(), &options, &stop).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(core.status, RunStatus::Optimal);
        assert!(core.bound >= plain.objective - 1e-9 * plain.objective, "{} below {}", core.bound, plain.objective);
        assert!(core.bound - core.objective <= gap * core.objective, "{} against {}", core.objective, core.bound);
        let (lower, upper) = bounds_of(&mut model, &fixed.columns).unwrap_or_else(|e| panic!("{e}"));
        assert!(lower.iter().zip(&upper).all(|(&l, &u)| u == 1.0 && l <= 1.0), "bounds not restored");
        assert!(lower.contains(&0.0));
        assert!(bool_option(&mut model, ROOT_REDUCED_COST), "the root reduced-cost heuristic is still off");
    }

    /// The option is off while the solve runs, and on again afterwards.
    #[test]
    fn an_option_switched_off_for_one_solve_comes_back_on() {
        let config = DemoConfig { projects: 30, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, 0.45);
        let checked = crate::model::check(&portfolio, &plan, &Catalog::default()).unwrap_or_else(|e| panic!("{e}"));
        let (instance, options) = (Instance::new(&checked), plan.solver.clone());
        let Built { mut model, .. } = built(&instance, &options);
        assert!(bool_option(&mut model, ROOT_REDUCED_COST), "off before the switch");
        let during = std::cell::Cell::new(true);
        let (run, mut model) = with_option_off(model, ROOT_REDUCED_COST, |mut model| {
            during.set(bool_option(&mut model, ROOT_REDUCED_COST));
            run_keeping(model, &options, GAP_FACTOR, 30, &AtomicBool::new(false))
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(run.status, RunStatus::Optimal);
        assert!(!during.get(), "on during the solve");
        assert!(bool_option(&mut model, ROOT_REDUCED_COST), "still off afterwards");
    }

    /// A 300-project portfolio of `seed` with a budget of 70% of what it asks for.
    fn tight_portfolio(seed: u64) -> (Instance, SolverOptions) {
        let config = DemoConfig { projects: 300, seed, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, 0.7);
        let checked = crate::model::check(&portfolio, &plan, &Catalog::default()).unwrap_or_else(|e| panic!("{e}"));
        (Instance::new(&checked), plan.solver.clone())
    }

    /// Solving from the margin's optimum ends at the optimum of a plain solve, within the gap, on
    /// 300-project portfolios whose search needs the core (seed 4), is proven by the LP bound
    /// (seed 5), needs the full MIP (seed 8) or a second, wider margin before the core (seed 22).
    #[test]
    fn solving_from_the_margin_matches_a_plain_solve() {
        let stop = AtomicBool::new(false);
        for seed in [4, 5, 8, 22] {
            let (instance, options) = tight_portfolio(seed);
            let Built { model, projects, .. } = built(&instance, &options);
            let (found, _) =
                solve_near(model, &projects, Around::Margin, None, &options, &stop).unwrap_or_else(|e| panic!("{e}"));
            let exact = SolverOptions { mip_rel_gap: 1e-9, ..options.clone() };
            let plain = run(built(&instance, &options).model, &exact, 1.0, projects.len(), &stop)
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((found.status, plain.status), (RunStatus::Optimal, RunStatus::Optimal), "seed {seed}");
            let gap = options.mip_rel_gap * found.objective.abs();
            assert!(
                found.objective >= plain.objective - gap,
                "seed {seed}: {} against {}",
                found.objective,
                plain.objective
            );
            assert!(
                found.bound >= plain.objective - 1e-9 * plain.objective.abs(),
                "seed {seed}: bound {}",
                found.bound
            );
        }
    }

    /// On a portfolio whose margin's optimum lets the reduced costs fix 65% of the decisions
    /// (seed 22), the second, wider margin finds a point at least as good, against which they fix
    /// enough for the core; the decisions' bounds are as they were.
    #[test]
    fn a_wider_margin_fixes_enough_for_the_core() {
        let (instance, options) = tight_portfolio(22);
        let Built { mut model, projects, .. } = built(&instance, &options);
        let set: Vec<HighsInt> = projects.iter().map(|p| p.z as HighsInt).collect();
        let bounds = bounds_of(&mut model, &set).unwrap_or_else(|e| panic!("{e}"));
        let stop = AtomicBool::new(false);
        let share = |start: &Start| {
            let fixed = fixed_by_flips(start, &projects, &options).unwrap_or_else(|| panic!("nothing fixed"));
            fixed.columns.len() as f64 / projects.len() as f64
        };
        let mut first = search_around(model, &projects, Around::Margin, None, None, &options, &stop)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(bool_option(&mut first.model, ROOT_REDUCED_COST), "the root reduced-cost heuristic is still off");
        assert!((WIDEN_FROM..CORE_FROM_MARGIN).contains(&share(&first)), "{} fixed", share(&first));
        let before = first.found.as_ref().map(|f| f.objective).unwrap_or_else(|| panic!("no point found"));
        let mut second = widen(first, &projects, &options, &stop).unwrap_or_else(|e| panic!("{e}"));
        assert!(share(&second) >= CORE_FROM_MARGIN, "{} fixed", share(&second));
        let after = second.found.as_ref().map(|f| f.objective).unwrap_or_else(|| panic!("no point found"));
        assert!(after >= before, "{after} below {before}");
        assert!(bounds_of(&mut second.model, &set).is_ok_and(|after| after == bounds), "bounds not restored");
    }

    /// The full MIP of the frontier and robustness searches gives up and starts again in the same
    /// way, from the best point it has (here the rounding's: the start given, no money anywhere,
    /// breaks the budget rows and HiGHS ignores it), and ends at the same optimum within the gap.
    #[test]
    fn the_full_mip_that_gives_up_matches_a_plain_solve() {
        let (instance, options) = rounding_falls_short();
        let stop = AtomicBool::new(false);
        let Built { model, projects, .. } = built(&instance, &options);
        let nothing = vec![0.0; model.num_cols()];
        let (found, _) =
            full_mip(model, Some(&nothing), projects.len(), &options, &stop).unwrap_or_else(|e| panic!("{e}"));
        let plain = run(built(&instance, &options).model, &options, GAP_FACTOR, NO_PRESOLVE_FROM - 1, &stop)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((found.status, plain.status), (RunStatus::Optimal, RunStatus::Optimal));
        let gap = options.mip_rel_gap * found.objective.abs();
        assert!((found.objective - plain.objective).abs() <= gap, "{} against {}", found.objective, plain.objective);
    }
}
