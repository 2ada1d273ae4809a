//! The value frontier over state-budget levels.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Control, Kpis};
use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};
use crate::model::{check, Checked, Plan, Portfolio};
use crate::optimize::{Allocation, BudgetResolver};

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
    /// True when some group or region bound is a share of the budget: such bounds scale with the
    /// level, so the value need not be non-decreasing.
    pub share_bounds: bool,
    /// Remarks for the reader (share bounds, infeasible levels).
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

/// Solves the plan with every year's state budget multiplied by each level (ascending). Levels are
/// cut into four blocks of consecutive levels solved in parallel; each block keeps one HiGHS model
/// (one thread) and changes only the budget and bound right-hand sides between its solves, each
/// starting from the best solution found near the previous optimum (a small MIP with the decisions
/// fixed where the LP relaxation agrees with it) and then solved to the gap, unless the LP
/// relaxation's bound already proves that solution within it. One tick per level.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) for invalid inputs or levels (none, negative, not finite,
/// or given twice); [`Error::Solver`](crate::Error::Solver) when HiGHS fails;
/// [`Error::Interrupted`](crate::Error::Interrupted) once `control.stop` is set. An infeasible level is not
/// an error: it is that level's status.
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
    // Fixed blocks of consecutive levels, each on its own kept model: the blocks run in parallel,
    // and since their boundaries depend only on the number of levels (not on the thread count),
    // so does every warm start, and the result.
    let block = levels.len().div_ceil(FRONTIER_BLOCKS);
    let blocks: Vec<Vec<FrontierPoint>> =
        levels.par_chunks(block).map(|chunk| solve_block(&base, catalog, chunk, control)).collect::<Result<_>>()?;
    let points: Vec<FrontierPoint> = blocks.into_iter().flatten().collect();
    let share_bounds = plan
        .group_bounds
        .values()
        .chain(plan.region_bounds.values())
        .any(|b| b.min_share.is_some() || b.max_share.is_some());
    Ok(Frontier {
        schema: FRONTIER_SCHEMA.to_string(),
        entries: entries(portfolio, &points),
        notes: notes(&points, share_bounds),
        share_bounds,
        points,
    })
}

/// Blocks of levels solved in parallel (each on its own kept model).
const FRONTIER_BLOCKS: usize = 4;

/// Solves consecutive levels on one kept model, each starting near the previous optimum.
fn solve_block(
    base: &Checked<'_>,
    catalog: &Catalog,
    levels: &[f64],
    control: Control<'_>,
) -> Result<Vec<FrontierPoint>> {
    let (portfolio, plan) = (base.portfolio, base.plan);
    let mut resolver = BudgetResolver::new(base)?;
    let mut points = Vec::with_capacity(levels.len());
    for &level in levels {
        control.check()?;
        let scaled = scaled_plan(plan, level);
        let checked = check(portfolio, &scaled, catalog)?;
        let allocation = resolver.solve(&checked, control.stop)?;
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
    let problem = |message: String| Error::Validation(vec![Problem::plan("levels", "invalid_levels", message)]);
    if levels.is_empty() {
        return Err(problem("give at least one budget level".into()));
    }
    if let Some(bad) = levels.iter().find(|l| !(l.is_finite() && **l >= 0.0)) {
        return Err(problem(format!("level {bad} is not a finite number >= 0 (levels multiply the state budget)")));
    }
    let mut sorted = levels.to_vec();
    sorted.sort_by(f64::total_cmp);
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        return Err(problem(format!("level {} is given twice", w[0])));
    }
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

/// The note of a frontier whose group or region bounds are shares of the budget (in English; the
/// reports say it in their language).
pub const SHARE_BOUNDS_NOTE: &str = "group or region bounds are given as shares of the budget and scale with each \
                                     level, so the value is not guaranteed to be non-decreasing in the budget";

/// The note on infeasible levels, followed by the levels (in English).
pub const INFEASIBLE_LEVELS_NOTE: &str = "the plan is infeasible at level(s)";

fn notes(points: &[FrontierPoint], share_bounds: bool) -> Vec<String> {
    notes_in(points, share_bounds, SHARE_BOUNDS_NOTE, INFEASIBLE_LEVELS_NOTE)
}

/// The remarks on a frontier (share bounds, infeasible levels) in the given words.
pub(crate) fn notes_in(
    points: &[FrontierPoint],
    share_bounds: bool,
    share_bounds_note: &str,
    infeasible_levels_note: &str,
) -> Vec<String> {
    let mut notes = Vec::new();
    if share_bounds {
        notes.push(share_bounds_note.to_string());
    }
    let infeasible: Vec<String> = points
        .iter()
        .filter(|p| p.kpis.status == crate::Status::Infeasible)
        .map(|p| crate::model::validate::num(p.level))
        .collect();
    if !infeasible.is_empty() {
        notes.push(format!("{infeasible_levels_note} {}", infeasible.join(", ")));
    }
    notes
}

impl Frontier {
    /// The values (objective, 0 when infeasible) per level.
    pub fn values(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.kpis.objective.unwrap_or(0.0)).collect()
    }
}
