//! Whether an allocation belongs to a portfolio: monitoring, re-plans and Monte Carlo read an
//! allocation beside the proposals it was made from, and a file from another (or an edited)
//! portfolio would give figures that mean nothing.

use std::collections::HashMap;

use super::Allocation;
use crate::error::{Error, Problem, Result};
use crate::model::validate::num;
use crate::model::Portfolio;

/// Relative tolerance of the money check: MODEL.md section 5's 1e-6, of the larger of the
/// project's cost and the allocation's total state budget.
const TOLERANCE: f64 = 1e-6;

impl Allocation {
    /// Checks that this allocation was made from `portfolio`: every funded project is in it, and
    /// its state, enterprise and academia money add up to `scale x cost` of the proposal (within
    /// 1e-6 of the larger of the cost and the total state budget), so that the proposal's cost
    /// was not changed since.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] listing every project listed more than once (`duplicate_id`, field
    /// `id`: one entry would be read and the other ignored), and every funded project that breaks
    /// a rule: `unknown_project` (field `id`: not in the portfolio) or `allocation_mismatch`
    /// (field `cost`: the money does not match the cost).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
    ///
    /// let config = DemoConfig { projects: 30, ..Default::default() };
    /// let mut portfolio = generate_portfolio(&config);
    /// let plan = generate_plan(&portfolio, &config, 0.45);
    /// let allocation = stratfund::solve(&portfolio, &plan)?;
    /// allocation.check_made_from(&portfolio)?;
    ///
    /// let funded = allocation.projects.iter().find(|p| p.funded).unwrap();
    /// portfolio.projects.iter_mut().find(|p| p.id == funded.id).unwrap().cost *= 2.0;
    /// let error = allocation.check_made_from(&portfolio).unwrap_err();
    /// let problems = error.problems();
    /// assert_eq!(problems[0].rule, "allocation_mismatch");
    /// assert_eq!(problems[0].project.as_deref(), Some(funded.id.as_str()));
    ///
    /// let mut twice = allocation.clone();
    /// twice.projects.push(twice.projects[0].clone());
    /// let error = twice.check_made_from(&generate_portfolio(&config)).unwrap_err();
    /// assert_eq!(error.problems()[0].rule, "duplicate_id");
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn check_made_from(&self, portfolio: &Portfolio) -> Result<()> {
        let costs: HashMap<&str, f64> = portfolio.projects.iter().map(|p| (p.id.as_str(), p.cost)).collect();
        let budget: f64 = self.by_year.values().map(|y| y.budget).sum();
        let mut listed = std::collections::HashSet::new();
        let twice = self.projects.iter().filter(|a| !listed.insert(a.id.as_str())).map(|a| {
            let message = format!("the allocation lists `{}` more than once; each project has one entry", a.id);
            Problem::project(&a.id, "id", "duplicate_id", message)
        });
        let mut problems: Vec<Problem> = twice.collect();
        problems.extend(self.projects.iter().filter(|a| a.funded).filter_map(|a| {
            let Some(&cost) = costs.get(a.id.as_str()) else {
                return Some(Problem::project(
                    &a.id,
                    "id",
                    "unknown_project",
                    format!(
                        "the allocation funds `{}`, which is not in the portfolio; use the portfolio it was made from",
                        a.id
                    ),
                ));
            };
            let money = a.state + a.enterprise + a.academia;
            let due = a.scale * cost;
            ((money - due).abs() > TOLERANCE * cost.max(budget)).then(|| {
                Problem::project(
                    &a.id,
                    "cost",
                    "allocation_mismatch",
                    format!(
                        "the allocation funds `{}` at scale {} with {} of money, but scale x cost is {} \
                             (cost {} in the portfolio); use the portfolio the allocation was made from",
                        a.id,
                        num(a.scale),
                        num(money),
                        num(due),
                        num(cost)
                    ),
                )
            })
        }));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(problems))
        }
    }
}
