//! One HiGHS model kept across solves whose inputs differ only in the state budget (the frontier):
//! between solves only the right-hand sides of the budget and bound rows and the tie-break costs
//! change, and each solve starts from the previous optimum (still feasible when the budget grows
//! and bounds are amounts), instead of rebuilding the model through good_lp. Before each re-solve a
//! better start is searched near the previous solution ([`super::neighbourhood`]).

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use super::formulation::{build, max_value_costs, Goal, LabelledRow, ProjectColumns, RowKind};
use super::instance::Instance;
use super::neighbourhood::{solve_cold, solve_near, Around};
use super::solve::{Run, RunStatus};
use super::{finish, goal, tie_break, value_of, Allocation};
use crate::error::{Error, Result};
use crate::model::Checked;

/// Solves the same portfolio and plan at several state-budget levels on one kept model.
pub(crate) struct BudgetResolver {
    model: Option<highs::Model>,
    projects: Vec<ProjectColumns>,
    rows: Vec<LabelledRow>,
    leftover: Vec<usize>,
    columns: usize,
    /// The current right-hand side of each budget row.
    budgets: Vec<f64>,
    tie_break: Option<f64>,
    /// The previous solution, a starting point for the next solve.
    last: Option<Vec<f64>>,
    last_value: Option<f64>,
}

impl BudgetResolver {
    /// Builds the model for `base`; later levels must differ from it only in budgets (and the
    /// bound amounts that follow from them).
    pub(crate) fn new(base: &Checked<'_>) -> Result<BudgetResolver> {
        let instance = Instance::new(base);
        let goal = goal(&instance, base.plan.solver.mip_rel_gap);
        let built = build(&instance, goal, base.plan.solver.relaxed, None)?;
        Ok(BudgetResolver {
            columns: built.model.num_cols(),
            model: Some(built.model),
            projects: built.projects,
            rows: built.rows,
            leftover: built.leftover,
            budgets: instance.budgets.clone(),
            tie_break: match goal {
                Goal::MaxValue { tie_break } => Some(tie_break),
                _ => None,
            },
            last: None,
            last_value: None,
        })
    }

    /// Solves at the budgets of `level`.
    pub(crate) fn solve(&mut self, level: &Checked<'_>, stop: &AtomicBool) -> Result<Allocation> {
        let instance = Instance::new(level);
        if instance.items.len() != self.projects.len() {
            return Err(Error::Solver("a frontier level changed the eligible projects".into()));
        }
        self.set_right_hand_sides(&instance)?;
        let options = &level.plan.solver;
        let mut goal = Goal::MinState;
        if self.tie_break.is_some() {
            let estimate =
                self.last_value.unwrap_or_else(|| instance.items.iter().map(|it| it.value).fold(0.0, f64::max));
            goal = Goal::MaxValue { tie_break: tie_break(&instance, estimate, options.mip_rel_gap) };
            self.set_goal(&instance, goal)?;
        }
        let mut outcome = self.run(level, stop)?;
        if let Goal::MaxValue { tie_break: eps } = goal {
            let found = value_of(&instance, &self.projects, &outcome.columns);
            let allowed = tie_break(&instance, found, options.mip_rel_gap);
            if solved(&outcome) && eps > allowed * 1.000001 {
                goal = Goal::MaxValue { tie_break: allowed };
                self.set_goal(&instance, goal)?;
                let again = self.run(level, stop)?;
                outcome = Run { seconds: again.seconds + outcome.seconds, ..again };
            }
        }
        if solved(&outcome) {
            self.last_value = Some(value_of(&instance, &self.projects, &outcome.columns));
            self.last = Some(outcome.columns.clone());
        }
        finish(level, &instance, &outcome, &self.projects, goal, BTreeMap::new(), stop)
    }

    fn run(&mut self, level: &Checked<'_>, stop: &AtomicBool) -> Result<Run> {
        let model = self.model.take().ok_or_else(|| Error::Solver("the kept model was lost".into()))?;
        let options = &level.plan.solver;
        let (run, model) = match &self.last {
            Some(previous) => {
                // Start near the previous optimum, or from it when it is still feasible.
                let reference: Vec<f64> = self.projects.iter().map(|p| previous[p.z]).collect();
                solve_near(model, &self.projects, Around::Reference(&reference), Some(previous), options, stop)?
            }
            None => solve_cold(model, &self.projects, options, stop)?,
        };
        self.model = Some(model);
        Ok(run)
    }

    /// New budgets and bound amounts; the previous solution's leftovers follow the budgets.
    fn set_right_hand_sides(&mut self, instance: &Instance) -> Result<()> {
        let model = self.model.as_mut().ok_or_else(|| Error::Solver("the kept model was lost".into()))?;
        for row in &self.rows {
            let rhs = match &row.kind {
                RowKind::Budget(t) => instance.budgets[*t],
                RowKind::GroupMin(name) | RowKind::RegionMin(name) => {
                    bound(instance, name, matches!(row.kind, RowKind::GroupMin(_))).0.unwrap_or(0.0)
                }
                RowKind::GroupMax(name) | RowKind::RegionMax(name) => {
                    bound(instance, name, matches!(row.kind, RowKind::GroupMax(_))).1.unwrap_or(f64::INFINITY)
                }
                _ => continue,
            };
            row.set_rhs(model, rhs)?;
        }
        if let Some(last) = self.last.as_mut() {
            // left_t = B_t + carry x left_{t-1} - spend_t, with the spending unchanged.
            let mut previous_change = 0.0;
            for (t, &column) in self.leftover.iter().enumerate() {
                let change = instance.budgets[t] - self.budgets[t] + instance.carry_over * previous_change;
                last[column] += change;
                previous_change = change;
            }
        }
        self.budgets.clone_from(&instance.budgets);
        Ok(())
    }

    fn set_goal(&mut self, instance: &Instance, goal: Goal) -> Result<()> {
        let Goal::MaxValue { tie_break } = goal else { return Ok(()) };
        let costs = max_value_costs(instance, &self.projects, tie_break, self.columns);
        let model = self.model.as_mut().ok_or_else(|| Error::Solver("the kept model was lost".into()))?;
        // SAFETY: `costs` has one entry per column of the live model.
        let status = unsafe {
            highs_sys::Highs_changeColsCostByRange(model.as_mut_ptr(), 0, (self.columns - 1) as _, costs.as_ptr())
        };
        if status != 0 {
            return Err(Error::Solver("HiGHS refused new objective costs".into()));
        }
        self.tie_break = Some(tie_break);
        Ok(())
    }
}

fn solved(run: &Run) -> bool {
    matches!(run.status, RunStatus::Optimal | RunStatus::Feasible)
}

/// The money bounds of a group or region in an instance.
fn bound(instance: &Instance, name: &str, is_group: bool) -> (Option<f64>, Option<f64>) {
    instance
        .bounds
        .iter()
        .find(|b| b.is_group == is_group && b.name == name)
        .map_or((None, None), |b| (b.lower, b.upper))
}
