//! The value frontier over state-budget levels.

use serde::{Deserialize, Serialize};

use super::values::list_problems;
use super::{Control, Kpis};
use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};
use crate::model::{check, Checked, Objective, Plan, Portfolio};
use crate::optimize::{chains_levels, Allocation, BudgetResolver};

/// The schema marker of frontier files.
pub const FRONTIER_SCHEMA: &str = "stratfund.frontier/1";

/// The solve at one budget level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierPoint {
    /// Multiplier of every year's state budget.
    pub level: f64,
    /// Key figures (`kpis.budget` is the total state budget at this level).
    pub kpis: Kpis,
    /// Funded projects, in portfolio order.
    pub funded_ids: Vec<String>,
}

/// When a project enters the funded portfolio as the budget grows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectEntry {
    /// Project id.
    pub id: String,
    /// The lowest level at which it is funded (null: at none).
    pub entry_level: Option<f64>,
    /// The total state budget at `entry_level`.
    pub entry_budget: Option<f64>,
    /// The lowest level from which it is funded at every higher level (null: not funded at the
    /// highest level). Differs from `entry_level` when a project is funded at a small budget,
    /// then displaced by larger projects that fit once the budget grows.
    pub stable_from_level: Option<f64>,
}

/// Value, funded count, state spend and leverage over budget levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frontier {
    /// Format marker, `stratfund.frontier/1`.
    pub schema: String,
    /// The levels, lowest first.
    pub points: Vec<FrontierPoint>,
    /// Every project, in portfolio order.
    pub entries: Vec<ProjectEntry>,
    /// True when some group, region or priority bound is a share of the budget: such bounds scale with the
    /// level, so the value need not be non-decreasing.
    pub share_bounds: bool,
    /// The plan's objective kind: under `max_value` the value is non-decreasing in the budget
    /// (bounds as amounts); under `min_state_spend` each level spends the least state money that
    /// reaches the targets, which is non-increasing in the budget (bounds as amounts).
    #[serde(default = "crate::optimize::default_objective_kind")]
    pub objective_kind: String,
    /// Remarks for the reader (a least-state objective, share bounds, infeasible levels).
    pub notes: Vec<String>,
}

/// The frontier with no progress reporting. See [`frontier_with`].
///
/// # Errors
///
/// As [`frontier_with`].
///
/// # Examples
///
/// ```
/// let config = stratfund::demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let levels = [0.25, 0.5, 1.0, 2.0];
/// let f = stratfund::scenario::frontier(&portfolio, &plan, &stratfund::Catalog::default(), &levels).unwrap();
/// let values: Vec<f64> = f.points.iter().map(|p| p.kpis.objective.unwrap()).collect();
/// assert!(values.windows(2).all(|w| w[1] >= w[0] * (1.0 - 1e-6)));
/// ```
pub fn frontier(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog, levels: &[f64]) -> Result<Frontier> {
    frontier_with(portfolio, plan, catalog, levels, Control::default())
}

/// Solves the plan with every year's state budget multiplied by each level (ascending), the levels
/// in parallel, one HiGHS thread each. Below 2,500 eligible projects each level is solved on its
/// own, as a single solve is (from the best solution in the margin of its LP relaxation). From
/// 2,500, the levels are cut into four blocks of consecutive levels; each block keeps one HiGHS
/// model and changes only the budget and bound right-hand sides between its solves, each starting
/// from the best solution found near the previous optimum (a small MIP with the decisions fixed
/// where the LP relaxation agrees with it) and then solved to the gap, unless the LP relaxation's
/// bound already proves that solution within it. One tick per level.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) for invalid inputs or levels (none, negative, not finite,
/// or given twice); [`Error::Solver`](crate::Error::Solver) when HiGHS fails (naming the level;
/// of several, the lowest, and the higher levels not yet solved are skipped);
/// [`Error::Interrupted`](crate::Error::Interrupted) once `control.stop` is set. An infeasible level is not
/// an error: it is that level's status.
///
/// # Examples
///
/// ```
/// use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
/// use stratfund::{demo, scenario, Catalog, Error};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let done = AtomicUsize::new(0);
/// let tick = |n: usize| { done.fetch_add(n, Ordering::Relaxed); };
/// let control = scenario::Control { tick: &tick, ..Default::default() };
/// let f = scenario::frontier_with(&portfolio, &plan, &Catalog::default(), &[0.5, 1.0, 1.5], control)?;
/// assert_eq!((f.points.len(), done.load(Ordering::Relaxed)), (3, 3)); // one tick per level
/// let stop = AtomicBool::new(true); // a caller that gave up
/// let control = scenario::Control { stop: &stop, ..Default::default() };
/// let stopped = scenario::frontier_with(&portfolio, &plan, &Catalog::default(), &[0.5], control);
/// assert!(matches!(stopped, Err(Error::Interrupted)));
/// # Ok::<(), Error>(())
/// ```
pub fn frontier_with(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    levels: &[f64],
    control: Control<'_>,
) -> Result<Frontier> {
    let levels = sorted_levels(levels)?;
    let mut plan = plan.clone();
    // One HiGHS thread per solve, the same on every worker (HiGHS keeps one scheduler per thread).
    plan.solver.threads = Some(1);
    let base = check(portfolio, &plan, catalog)?;
    // Fixed blocks of consecutive levels, each on its own kept model, or one level per block: the
    // blocks run in parallel, and since their boundaries depend only on the inputs (not on the
    // thread count), so does every warm start, and the result.
    let per_block = if chains_levels(&base) { levels.len().div_ceil(FRONTIER_BLOCKS) } else { 1 };
    let blocks: Vec<&[f64]> = levels.chunks(per_block).collect();
    // Of several errors, the lowest level's is returned, whatever the thread count; the blocks
    // above a failed one stop at their next level.
    let blocks = control
        .in_parallel_parts(0..blocks.len(), |b, go_on| solve_block(&base, catalog, blocks[b], control, go_on))?;
    let mut points: Vec<FrontierPoint> = blocks.into_iter().flatten().collect();
    let share_bounds = plan
        .group_bounds
        .values()
        .chain(plan.region_bounds.values())
        .chain(plan.priority_bounds.iter())
        .any(|b| b.min_share.is_some() || b.max_share.is_some());
    let minimise = !matches!(plan.objective, Objective::MaxValue);
    if !share_bounds {
        keep_objective_monotone(&mut points, minimise);
    }
    Ok(Frontier {
        schema: FRONTIER_SCHEMA.to_string(),
        entries: entries(portfolio, &points),
        notes: notes(&points, share_bounds, minimise),
        share_bounds,
        objective_kind: crate::optimize::objective_kind(&plan),
        points,
    })
}

/// With amount bounds, a portfolio funded at one level is feasible at every higher level (only the
/// budgets grow). Each level is solved within the gap, so a level may come out slightly worse than
/// the level below it (worth less, or under `minimise` spending more state money); such a level
/// takes the lower level's portfolio (its figures, and its gap measured against this level's
/// bound), so the value never falls, or the least state money never grows, as the budget grows.
fn keep_objective_monotone(points: &mut [FrontierPoint], minimise: bool) {
    let sense = if minimise { -1.0 } else { 1.0 };
    for k in 1..points.len() {
        let (below, rest) = points.split_at_mut(k);
        let (lower, here) = (&below[k - 1], &mut rest[0]);
        let (Some(kept), Some(found), Some(gap)) = (lower.kpis.objective, here.kpis.objective, here.kpis.gap) else {
            continue;
        };
        if sense * kept <= sense * found {
            continue;
        }
        let bound = found + sense * gap * found.abs().max(1e-9);
        let budget = here.kpis.budget;
        here.kpis = Kpis {
            status: here.kpis.status,
            gap: Some((sense * (bound - kept)).max(0.0) / kept.abs().max(1e-9)),
            budget,
            budget_used: (budget > 0.0).then(|| lower.kpis.state / budget),
            solve_seconds: here.kpis.solve_seconds,
            ..lower.kpis.clone()
        };
        here.funded_ids = lower.funded_ids.clone();
    }
}

/// Blocks of levels solved in parallel (each on its own kept model), when [chained](chains_levels).
const FRONTIER_BLOCKS: usize = 4;

/// Solves consecutive levels on one kept model, each starting near the previous optimum, calling
/// `go_on` before each level (it fails once the run should stop).
fn solve_block(
    base: &Checked<'_>,
    catalog: &Catalog,
    levels: &[f64],
    control: Control<'_>,
    go_on: &dyn Fn() -> Result<()>,
) -> Result<Vec<FrontierPoint>> {
    let (portfolio, plan) = (base.portfolio, base.plan);
    let mut resolver = BudgetResolver::new(base)?;
    let mut points = Vec::with_capacity(levels.len());
    for &level in levels {
        go_on()?;
        let scaled = scaled_plan(plan, level);
        let at_level = |e: Error| e.within(&format!("frontier level {level}"));
        let checked = check(portfolio, &scaled, catalog).map_err(at_level)?;
        let allocation = resolver.solve(&checked, control.stop).map_err(at_level)?;
        points.push(point(level, &allocation, &scaled));
        (control.tick)(1);
    }
    Ok(points)
}

fn point(level: f64, allocation: &Allocation, plan: &Plan) -> FrontierPoint {
    FrontierPoint {
        level,
        kpis: Kpis::of(allocation, plan),
        funded_ids: allocation.projects.iter().filter(|p| p.funded).map(|p| p.id.clone()).collect(),
    }
}

/// The plan with every year's budget multiplied by `level`.
pub(crate) fn scaled_plan(plan: &Plan, level: f64) -> Plan {
    let mut scaled = plan.clone();
    scaled.state_budget.values_mut().for_each(|b| *b *= level);
    scaled
}

fn sorted_levels(levels: &[f64]) -> Result<Vec<f64>> {
    let mut messages = list_problems(
        levels,
        |l| l.is_finite() && l >= 0.0,
        |bad| format!("level {bad} is not a finite number >= 0 (levels multiply the state budget)"),
        |x| format!("level {x} is given twice"),
    );
    if levels.is_empty() {
        messages.push("give at least one budget level".into());
    }
    if !messages.is_empty() {
        let problems = messages.into_iter().map(|m| Problem::plan("levels", "invalid_levels", m)).collect();
        return Err(Error::Validation(problems));
    }
    let mut sorted = levels.to_vec();
    sorted.sort_by(f64::total_cmp);
    Ok(sorted)
}

fn entries(portfolio: &Portfolio, points: &[FrontierPoint]) -> Vec<ProjectEntry> {
    let funded: Vec<std::collections::HashSet<&str>> =
        points.iter().map(|p| p.funded_ids.iter().map(String::as_str).collect()).collect();
    portfolio
        .projects
        .iter()
        .map(|project| {
            let at: Vec<bool> = funded.iter().map(|f| f.contains(project.id.as_str())).collect();
            let entry = at.iter().position(|f| *f);
            let stable = match at.iter().rposition(|f| !*f) {
                None => Some(0),
                Some(last_out) if last_out + 1 < at.len() => Some(last_out + 1),
                Some(_) => None,
            };
            ProjectEntry {
                id: project.id.clone(),
                entry_level: entry.map(|k| points[k].level),
                entry_budget: entry.map(|k| points[k].kpis.budget),
                stable_from_level: stable.map(|k| points[k].level),
            }
        })
        .collect()
}

/// The note of a frontier whose group, region or priority bounds are shares of the budget (in English; the
/// reports say it in their language).
pub const SHARE_BOUNDS_NOTE: &str =
    "group, region or priority bounds are given as shares of the budget and scale with each \
                                     level, so the value is not guaranteed to be non-decreasing in the budget";

/// The note of a frontier under `min_state_spend` whose bounds are amounts (in English).
pub const LEAST_STATE_NOTE: &str = "under min_state_spend each level reaches the targets with the least state \
                                    money: the value is not maximised, and that money never grows with the budget";

/// The note of a frontier under `min_state_spend` whose group, region or priority bounds are
/// shares of the budget (in English).
pub const LEAST_STATE_SHARE_BOUNDS_NOTE: &str =
    "under min_state_spend each level reaches the targets with the least state money, and group, region or \
     priority bounds are given as shares of the budget and scale with each level, so that money may grow with \
     the budget";

/// The note on infeasible levels, followed by the levels (in English).
pub const INFEASIBLE_LEVELS_NOTE: &str = "the plan is infeasible at level(s)";

/// The words of a frontier's notes, in one language.
pub(crate) struct NoteWords<'a> {
    pub share_bounds: &'a str,
    pub least_state: &'a str,
    pub least_state_share_bounds: &'a str,
    pub infeasible_levels: &'a str,
}

/// The notes in English.
const NOTES: NoteWords<'static> = NoteWords {
    share_bounds: SHARE_BOUNDS_NOTE,
    least_state: LEAST_STATE_NOTE,
    least_state_share_bounds: LEAST_STATE_SHARE_BOUNDS_NOTE,
    infeasible_levels: INFEASIBLE_LEVELS_NOTE,
};

fn notes(points: &[FrontierPoint], share_bounds: bool, minimise: bool) -> Vec<String> {
    notes_in(points, share_bounds, minimise, &NOTES)
}

/// The remarks on a frontier (the objective, share bounds, infeasible levels) in the given words.
pub(crate) fn notes_in(points: &[FrontierPoint], share_bounds: bool, minimise: bool, words: &NoteWords) -> Vec<String> {
    let mut notes = Vec::new();
    match (minimise, share_bounds) {
        (false, false) => {}
        (false, true) => notes.push(words.share_bounds.to_string()),
        (true, false) => notes.push(words.least_state.to_string()),
        (true, true) => notes.push(words.least_state_share_bounds.to_string()),
    }
    let infeasible: Vec<String> = points
        .iter()
        .filter(|p| p.kpis.status == crate::Status::Infeasible)
        .map(|p| crate::model::validate::num(p.level))
        .collect();
    if !infeasible.is_empty() {
        notes.push(format!("{} {}", words.infeasible_levels, infeasible.join(", ")));
    }
    notes
}

impl Frontier {
    /// The values (objective, 0 when infeasible) per level.
    pub fn values(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.kpis.objective.unwrap_or(0.0)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    fn point(level: f64, objective: f64, gap: f64, state: f64, funded: &[&str]) -> FrontierPoint {
        FrontierPoint {
            level,
            kpis: Kpis {
                status: Status::Optimal,
                objective: Some(objective),
                gap: Some(gap),
                expected_value: objective,
                funded: funded.len(),
                state,
                enterprise: 1.0,
                academia: 0.0,
                leverage: Some(1.0 / state),
                budget: 100.0 * level,
                budget_used: Some(state / (100.0 * level)),
                ineligible: 0,
                solve_seconds: level,
            },
            funded_ids: funded.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_level_worth_less_than_the_level_below_takes_its_portfolio() {
        let mut points = vec![
            point(1.0, 100.0, 0.0, 90.0, &["a", "b"]),
            point(2.0, 99.99, 1e-4, 95.0, &["a", "c"]),
            point(3.0, 99.995, 0.0, 96.0, &["c", "d"]),
            point(5.0, 120.0, 0.0, 140.0, &["a", "b", "c"]),
        ];
        keep_objective_monotone(&mut points, false);
        let values: Vec<f64> = points.iter().map(|p| p.kpis.objective.unwrap()).collect();
        assert_eq!(values, [100.0, 100.0, 100.0, 120.0]);
        let second = &points[1];
        assert_eq!(second.funded_ids, ["a", "b"]);
        assert_eq!((second.level, second.kpis.budget, second.kpis.state), (2.0, 200.0, 90.0));
        assert_eq!(second.kpis.budget_used, Some(90.0 / 200.0));
        assert_eq!(second.kpis.solve_seconds, 2.0, "this level's own solve time");
        // Bound 99.99 (1 + 1e-4) = 99.999999 < 100: the lower level's portfolio is optimal here.
        assert_eq!(second.kpis.gap, Some(0.0));
        // A chain: level 3 (99.995) takes what level 2 now holds.
        assert_eq!(points[2].funded_ids, ["a", "b"]);
        assert_eq!(points[3].funded_ids, ["a", "b", "c"], "a level worth more keeps its own");
    }

    #[test]
    fn under_least_state_money_a_level_spending_more_than_the_level_below_takes_its_portfolio() {
        // The objective is the state money: 50 at level 1; level 2 found 50.004 within its gap.
        let mut points = vec![
            point(1.0, 50.0, 0.0, 50.0, &["a", "b"]),
            point(2.0, 50.004, 1e-4, 50.004, &["a", "c"]),
            point(3.0, 40.0, 1e-4, 40.0, &["d"]),
        ];
        keep_objective_monotone(&mut points, true);
        let spent: Vec<f64> = points.iter().map(|p| p.kpis.objective.unwrap()).collect();
        assert_eq!(spent, [50.0, 50.0, 40.0]);
        assert_eq!(points[1].funded_ids, ["a", "b"]);
        assert_eq!((points[1].kpis.budget, points[1].kpis.solve_seconds), (200.0, 2.0));
        // Bound 50.004 (1 - 1e-4) = 49.998996: the gap of 50 against it.
        let gap = points[1].kpis.gap.unwrap();
        assert!((gap - (50.0 - 50.004 * (1.0 - 1e-4)) / 50.0).abs() < 1e-12, "{gap}");
        assert_eq!(points[2].funded_ids, ["d"], "a level spending less keeps its own");
        // Under max_value the same figures would be kept as they are (50.004 > 50 is better).
        let mut kept = points.clone();
        kept[1] = point(2.0, 50.004, 1e-4, 50.004, &["a", "c"]);
        keep_objective_monotone(&mut kept, false);
        assert_eq!(kept[1].funded_ids, ["a", "c"]);
    }
}
