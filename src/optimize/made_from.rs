//! Whether an allocation belongs to a portfolio: monitoring, re-plans and Monte Carlo read an
//! allocation beside the proposals it was made from, and a file from another (or an edited)
//! portfolio would give figures that mean nothing.

use std::collections::HashMap;

use super::{Allocation, ProjectAllocation};
use crate::error::{Error, Problem, Result};
use crate::model::validate::{given, num};
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
    /// `id`: one entry would be read and the other ignored), and every project that breaks a
    /// rule: `allocation_mismatch` for figures no solve writes (field `scale`: a funded project's
    /// scale outside (0, 1]; `state`, `enterprise` or `academia`: money that is not a finite
    /// amount >= 0; `funded`: an unfunded project with a scale or money), else, for a funded
    /// project, `unknown_project` (field `id`: not in the portfolio) or `allocation_mismatch`
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
    /// let mut edited = allocation.clone();
    /// edited.projects.iter_mut().find(|p| p.funded).unwrap().scale = 1.5;
    /// let error = edited.check_made_from(&generate_portfolio(&config)).unwrap_err();
    /// assert_eq!((error.problems()[0].field.as_str(), error.problems()[0].rule.as_str()), ("scale", "allocation_mismatch"));
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
        problems.extend(self.projects.iter().filter_map(|a| {
            figures_problem(a).or_else(|| match costs.get(a.id.as_str()) {
                _ if !a.funded => None,
                None => Some(unknown_project(a)),
                Some(&cost) => cost_mismatch(a, cost, budget),
            })
        }));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(problems))
        }
    }
}

/// A funded project's scale outside (0, 1], money that is not a finite amount >= 0, or money on
/// an unfunded project: figures no solve writes (an allocation edited by hand), which monitoring,
/// re-plans and Monte Carlo would otherwise carry into every figure.
fn figures_problem(a: &ProjectAllocation) -> Option<Problem> {
    let money = [("state", a.state), ("enterprise", a.enterprise), ("academia", a.academia)];
    let (field, message) = if a.funded && !(a.scale > 0.0 && a.scale <= 1.0 + SCALE_TOLERANCE) {
        ("scale", format!("a funded project's scale is in (0, 1], but `{}` has scale {}", a.id, given(a.scale)))
    } else if let Some((field, value)) = money.iter().find(|(_, v)| !(v.is_finite() && *v >= 0.0)) {
        (*field, format!("`{}` has {field} money {}; money is a finite amount >= 0", a.id, given(*value)))
    } else if !a.funded && (a.scale != 0.0 || money.iter().any(|(_, v)| *v != 0.0)) {
        ("funded", format!("`{}` is not funded but has a scale or money; an unfunded project has none", a.id))
    } else {
        return None;
    };
    Some(Problem::project(&a.id, field, "allocation_mismatch", message))
}

/// How far above 1 a funded scale may lie (the solver's noise is cleaned to exact values).
const SCALE_TOLERANCE: f64 = 1e-9;

fn unknown_project(a: &ProjectAllocation) -> Problem {
    Problem::project(
        &a.id,
        "id",
        "unknown_project",
        format!("the allocation funds `{}`, which is not in the portfolio; use the portfolio it was made from", a.id),
    )
}

/// The funded project's money against `scale x cost` of the proposal.
fn cost_mismatch(a: &ProjectAllocation, cost: f64, budget: f64) -> Option<Problem> {
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
}
