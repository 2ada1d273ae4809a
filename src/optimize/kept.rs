//! One HiGHS model kept across solves whose inputs differ only in the state budget (the frontier
//! of a large portfolio, see [`chains_levels`]):
//! between solves only the right-hand sides of the budget and bound rows and the tie-break costs
//! change, and each solve starts from the previous optimum (still feasible when the budget grows
//! and bounds are amounts), instead of rebuilding the model through good_lp. Before each re-solve a
//! better start is searched near the previous solution ([`super::neighbourhood`]).

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use super::formulation::{build, max_value_costs, Goal, LabelledRow, ProjectColumns, RowKind};
use super::instance::{Instance, Scope};
use super::neighbourhood::{solve_cold, solve_near, Around};
use super::solve::{Run, NO_PRESOLVE_FROM};
use super::units::Units;
use super::{finish, goal, tie_break, value_of, Allocation};
use crate::error::{Error, Result};
use crate::model::Checked;

/// Whether a frontier's levels are solved in chains on one kept model (a [`BudgetResolver`]), each
/// starting near the previous level's optimum: from [`NO_PRESOLVE_FROM`] eligible projects. Smaller
/// portfolios solve each level on its own, from the margin of its LP relaxation
/// ([`super::neighbourhood::solve_cold`]), which needs less work and keeps every core busy to the
/// end: 50 levels (0.04 to 2) of three generated portfolios, one thread, took 11.4, 8.1 and 13.6 s
/// against 11.8, 11.2 and 21.4 s chained (1,000 projects of seeds 1 and 2, 2,000 of seed 3).
/// The chain's start is better at the upper levels, where the optimum moves little, but a poor one
/// at the lower levels costs more. From 2,500 projects (HiGHS's presolve off), 20 levels of 3,000
/// and 5,000 projects took 14.5 and 13.2 s on their own, 9.6 and 12.7 s chained (BENCHMARKS.md,
/// session 49).
pub(crate) fn chains_levels(base: &Checked<'_>) -> bool {
    base.eligible.iter().filter(|&&eligible| eligible).count() >= NO_PRESOLVE_FROM
}

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
    /// The units the model is in, the base's ([`Units`]): every level is solved in them.
    units: Units,
}

impl BudgetResolver {
    /// Builds the model for `base`; later levels must differ from it only in budgets (and the
    /// bound amounts that follow from them).
    pub(crate) fn new(base: &Checked<'_>) -> Result<BudgetResolver> {
        let units = Units::of(base);
        let instance = units.solve_in(base, |scaled| Instance::in_units(scaled, units));
        let goal = goal(&instance, base.plan.solver.mip_rel_gap);
        let built = build(&instance, goal, base.plan.solver.relaxed, None)?;
        Ok(BudgetResolver {
            columns: built.model.num_cols(),
            model: Some(built.model),
            projects: built.projects,
            rows: built.rows,
            leftover: built.leftover,
            budgets: instance.budget_rows(),
            tie_break: match goal {
                Goal::MaxValue { tie_break } => Some(tie_break),
                _ => None,
            },
            last: None,
            last_value: None,
            units,
        })
    }

    /// Solves at the budgets of `level`.
    pub(crate) fn solve(&mut self, level: &Checked<'_>, stop: &AtomicBool) -> Result<Allocation> {
        let units = self.units;
        let mut allocation = units.solve_in(level, |scaled| self.solve_in_units(scaled, stop))?;
        units.restore(level, &mut allocation);
        Ok(allocation)
    }

    /// [`Self::solve`] of a level given in the model's units; the allocation is in them too.
    fn solve_in_units(&mut self, level: &Checked<'_>, stop: &AtomicBool) -> Result<Allocation> {
        let instance = Instance::in_units(level, self.units);
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
            if outcome.has_point() && eps > allowed * 1.000001 {
                goal = Goal::MaxValue { tie_break: allowed };
                self.set_goal(&instance, goal)?;
                let again = self.run(level, stop)?;
                outcome = Run { seconds: again.seconds + outcome.seconds, ..again };
            }
        }
        if outcome.has_point() {
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
        let budgets = instance.budget_rows();
        for row in &self.rows {
            let rhs = match &row.kind {
                RowKind::Budget(t) => budgets[*t],
                kind => match kind.money_bound() {
                    Some((scope, name, true)) => bound(instance, scope, name).0.unwrap_or(0.0),
                    Some((scope, name, false)) => bound(instance, scope, name).1.unwrap_or(f64::INFINITY),
                    None => continue,
                },
            };
            row.set_rhs(model, rhs)?;
        }
        if let Some(last) = self.last.as_mut() {
            // left_t = B_t + carry x left_{t-1} - spend_t, with the spending unchanged.
            let mut previous_change = 0.0;
            for (t, &column) in self.leftover.iter().enumerate() {
                let change = budgets[t] - self.budgets[t] + instance.carry_over * previous_change;
                last[column] += change;
                previous_change = change;
            }
        }
        self.budgets = budgets;
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

/// The money bounds of a group, a region or the priority products in an instance.
fn bound(instance: &Instance, scope: Scope, name: &str) -> (Option<f64>, Option<f64>) {
    instance.bounds.iter().find(|b| b.scope == scope && b.name == name).map_or((None, None), |b| (b.lower, b.upper))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::demo::{generate_plan, generate_portfolio, DemoConfig};
    use crate::model::check;
    use crate::optimize::solve_checked;
    use crate::Catalog;

    /// Frontiers below [`NO_PRESOLVE_FROM`] projects solve each level on its own, so the chain is
    /// checked here on small portfolios: levels solved one after another on a kept model, down as
    /// well as up and with group bounds that are shares of the budget, match solves from scratch
    /// (no level keeps another's budgets or bounds).
    #[test]
    fn levels_solved_on_a_kept_model_match_solves_from_scratch() {
        let catalog = Catalog::default();
        let stop = AtomicBool::new(false);
        for seed in 1..5 {
            let config = DemoConfig { projects: 60, seed, ..DemoConfig::default() };
            let portfolio = generate_portfolio(&config);
            let mut plan = generate_plan(&portfolio, &config, 0.45);
            plan.solver.threads = Some(1);
            assert!(plan.group_bounds.values().any(|b| b.min_share.is_some() || b.max_share.is_some()));
            let base = check(&portfolio, &plan, &catalog).unwrap_or_else(|e| panic!("{e}"));
            assert!(!chains_levels(&base));
            let mut resolver = BudgetResolver::new(&base).unwrap_or_else(|e| panic!("{e}"));
            for level in [1.0, 0.4, 1.6, 0.8, 0.2, 2.0] {
                let mut scaled = plan.clone();
                scaled.state_budget.values_mut().for_each(|b| *b *= level);
                let checked = check(&portfolio, &scaled, &catalog).unwrap_or_else(|e| panic!("{e}"));
                let chained = resolver.solve(&checked, &stop).unwrap_or_else(|e| panic!("{e}"));
                let alone = solve_checked(&checked).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(chained.status, alone.status, "seed {seed} level {level}");
                if let (Some(v), Some(w)) = (chained.objective, alone.objective) {
                    let gap = plan.solver.mip_rel_gap * w.abs().max(1.0);
                    assert!((v - w).abs() <= gap, "seed {seed} level {level}: {v} chained, {w} alone");
                }
            }
        }
    }
}
