//! Solving in units that HiGHS handles well, whatever the currency unit of the files.
//!
//! MODEL.md lets a portfolio count its money in any one unit (`billion VND` by default) and its
//! value on any scale. HiGHS works with absolute tolerances (1e-6 on integrality, 1e-7 on rows),
//! so money in VND rather than billions of VND (costs of 1e10) made its domain propagation run
//! for minutes on a 200-project plan, or call a feasible plan infeasible, and money in thousands of
//! billions (costs of 1e-4) came back below the optimum. So when the typical cost or weighted
//! value lies outside the range these models are solved in (see [`Units::of`]), the optimiser
//! solves a copy of the inputs with money and value divided by a power of two, which is exact in
//! floating point, and multiplies every figure of the result back: the allocation of a portfolio
//! in VND is the one of the same portfolio in billions of VND (within the gap, as any two solves).
//! Inputs within the range are solved as they are.

use super::allocation::{retotal, Allocation};
use super::formulation::RowKind;
use crate::model::{Bounds, Checked, CostProfile, Objective, Plan, Portfolio};

/// How many of the files' units one unit of the solved model is worth: money, and value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Units {
    /// Money per model unit of money.
    pub money: f64,
    /// Value per model unit of value.
    pub value: f64,
}

/// The median cost within which money is solved as it is; outside, it is brought near
/// [`TYPICAL`]. The demo's costs are 10-200 (billion VND); solves were exact from costs of 0.01
/// to 1e8 and failed from 1e9 (a 200-project demo with its money multiplied by 1e7: no result
/// after ten minutes; by 1e9: called infeasible) and at 1e-4 (by 1e-6: 0.06% below the optimum).
const MONEY_RANGE: (f64, f64) = (1e-2, 1e4);

/// The median weighted expected value within which value is solved as it is: the demo's (about
/// 1-100) multiplied by 1e6 solved exactly, by 1e9 HiGHS failed, and with success probabilities of
/// 1e-12 the optimum was missed (3 projects funded for 1.5e-9 where 38 are worth 4.4e-9).
const VALUE_RANGE: (f64, f64) = (1e-3, 1e5);

/// The largest weighted expected value (or value target) a model holds, whatever the median: with
/// most projects in a group weighted 1e-300, the median brought the others' values to 1e301 (an
/// objective of inf), and a value target of 1e6 with every project so weighted to 1e306 (a row
/// HiGHS refused).
const LARGEST_VALUE: f64 = 1e7;

/// The typical magnitude that out-of-range money or value is brought near.
const TYPICAL: f64 = 64.0;

impl Units {
    /// The files' own units.
    pub(crate) const ONE: Units = Units { money: 1.0, value: 1.0 };

    /// The units to solve `checked` in: a power of two for money when the median cost of the
    /// portfolio's projects lies outside [`MONEY_RANGE`], and for value when their median
    /// weighted expected value (impact x success probability x group weight, the objective's
    /// coefficient) lies outside [`VALUE_RANGE`]; 1 otherwise. The budgets do not count, so every
    /// budget level of a frontier is solved in the same units.
    pub(crate) fn of(checked: &Checked<'_>) -> Units {
        let (projects, plan) = (&checked.portfolio.projects, checked.plan);
        let value = |p: &crate::model::Project| p.impact * p.success_probability * plan.group_weight(&p.group);
        let target = match &plan.objective {
            Objective::MinStateSpend { min_value: Some(v), .. } => *v,
            _ => 0.0,
        };
        let largest = projects.iter().map(value).filter(|v| v.is_finite()).fold(target, f64::max);
        Units {
            money: unit(median(projects.iter().map(|p| p.cost)), MONEY_RANGE),
            value: unit(median(projects.iter().map(value)), VALUE_RANGE).max(at_least(largest / LARGEST_VALUE)),
        }
    }

    /// Whether these are the files' own units.
    pub(crate) fn is_one(&self) -> bool {
        *self == Units::ONE
    }

    /// Files' units per model unit of a labelled row's right-hand side: money for budgets and
    /// bounds, value for the value target, 1 for counts.
    pub(crate) fn of_row(&self, kind: &RowKind) -> f64 {
        match kind {
            RowKind::MinValue => self.value,
            kind if kind.is_count() => 1.0,
            _ => self.money,
        }
    }

    /// Files' units per model unit of the objective: state money, or weighted value.
    pub(crate) fn of_objective(&self, minimise_state: bool) -> f64 {
        if minimise_state {
            self.money
        } else {
            self.value
        }
    }

    /// `checked`'s inputs in these units, handed to `solve` with the same derived facts (the
    /// ineligible projects and their details stay as the files give them); `checked` itself in
    /// the files' own units.
    pub(crate) fn solve_in<T>(&self, checked: &Checked<'_>, solve: impl FnOnce(&Checked<'_>) -> T) -> T {
        if self.is_one() {
            return solve(checked);
        }
        let (portfolio, plan) = (self.portfolio(checked.portfolio), self.plan(checked.plan));
        let scaled = Checked { portfolio: &portfolio, plan: &plan, ..checked.clone() };
        solve(&scaled)
    }

    fn portfolio(&self, portfolio: &Portfolio) -> Portfolio {
        let mut scaled = portfolio.clone();
        for p in &mut scaled.projects {
            p.cost /= self.money;
            p.enterprise_commitment /= self.money;
            p.academia_contribution /= self.money;
            p.state_request = p.state_request.map(|r| r / self.money);
            if let Some(CostProfile::Amounts(amounts)) = &mut p.cost_profile {
                amounts.values_mut().for_each(|a| *a /= self.money);
            }
            p.cost_categories.values_mut().for_each(|a| *a /= self.money);
            p.impact /= self.value;
        }
        scaled
    }

    fn plan(&self, plan: &Plan) -> Plan {
        let mut scaled = plan.clone();
        scaled.state_budget.values_mut().for_each(|b| *b /= self.money);
        scaled.min_grant /= self.money;
        let money = |b: &mut Bounds| {
            b.min = b.min.map(|m| m / self.money);
            b.max = b.max.map(|m| m / self.money);
        };
        scaled.group_bounds.values_mut().chain(scaled.region_bounds.values_mut()).for_each(money);
        scaled.priority_bounds.iter_mut().for_each(money);
        if let Objective::MinStateSpend { min_value, .. } = &mut scaled.objective {
            *min_value = min_value.map(|v| v / self.value);
        }
        scaled
    }

    /// An allocation of `checked` solved in these units, in the files' units (unchanged in the
    /// files' own): every figure multiplied back, then put on the decimal grids of the files'
    /// units and totalled again from its projects, so that the first year's available money is
    /// its budget and amounts read as the decimals they are. Shadow prices and the explanation of
    /// an infeasible plan are converted where they are made ([`super::explain`]), which knows each
    /// row's kind.
    pub(crate) fn restore(&self, checked: &Checked<'_>, allocation: &mut Allocation) {
        if self.is_one() {
            return;
        }
        let objective = self.of_objective(allocation.objective_kind == "min_state_spend");
        allocation.objective = allocation.objective.map(|o| o * objective);
        allocation.bound = allocation.bound.map(|b| b * objective);
        for p in &mut allocation.projects {
            for money in [&mut p.state, &mut p.enterprise, &mut p.academia] {
                *money *= self.money;
            }
            p.state_by_year.values_mut().for_each(|s| *s *= self.money);
            p.expected_value *= self.value;
        }
        retotal(checked, allocation);
    }
}

/// The median of the positive finite numbers of `values`, if any.
fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut positive: Vec<f64> = values.filter(|v| v.is_finite() && *v > 0.0).collect();
    if positive.is_empty() {
        return None;
    }
    positive.sort_by(f64::total_cmp);
    Some(positive[positive.len() / 2])
}

/// 1 when `typical` lies within `range` (or is unknown), else the power of two that brings it
/// nearest to [`TYPICAL`].
fn unit(typical: Option<f64>, (low, high): (f64, f64)) -> f64 {
    match typical {
        Some(t) if t < low || t > high => 2f64.powi((t / TYPICAL).log2().round() as i32),
        _ => 1.0,
    }
}

/// The least power of two at or above `x` (1 for 0 or a number that is not finite).
fn at_least(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        2f64.powi(x.log2().ceil() as i32)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typical_magnitudes_keep_their_units_others_get_a_power_of_two() {
        assert_eq!(unit(Some(50.0), MONEY_RANGE), 1.0);
        assert_eq!(unit(None, MONEY_RANGE), 1.0);
        let vnd = unit(Some(5e10), MONEY_RANGE);
        assert_eq!(vnd.log2().fract(), 0.0, "a power of two: {vnd}");
        assert!((5e10 / vnd / TYPICAL).log2().abs() <= 0.5);
        let tiny = unit(Some(5e-5), MONEY_RANGE);
        assert!(tiny < 1.0 && (5e-5 / tiny / TYPICAL).log2().abs() <= 0.5);
        assert_eq!(median([3.0, f64::NAN, 0.0, 1.0, 2.0].into_iter()), Some(2.0));
    }
}
