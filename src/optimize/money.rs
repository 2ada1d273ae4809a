//! Reported money and values on a decimal grid (MODEL.md section 5: "clean numerical noise").
//!
//! Binary floating point writes 20.9 - 14.5 - 1.9 as 4.499999999999998 and 65.6 x 0.47 as
//! 30.831999999999997. Reported amounts are rounded to a power of ten at most 1e-12 of a total
//! (money: the total state budget as [`money_scale`] caps it, 1e-9 for a budget of a few thousand; expected values: the
//! expected value of every proposal), so they read as the decimals they are, while no figure moves
//! by more than half a step: a million times less than the contract's tolerance (1e-6 of the
//! budget).

use crate::model::Checked;

/// The total that the contract's relative cleaning and tolerances are taken of: the total state
/// budget `sum_t B_t` (MODEL.md section 9: "any figure below 1e-9 x sum_t B_t is reported as 0"),
/// but at most a thousand times the total cost of the eligible projects (when they cost anything).
///
/// Read literally, the rule lets a budget far beyond the proposals wipe out real money: with
/// `sum_t B_t` = 1e11 and projects costing tens, every state amount below 100 would be reported as
/// 0 (and the project's cost would then no longer be financed), and a group minimum missed by
/// thousands would count as met. Past a thousand times the portfolio's cost a budget cannot bind,
/// so its size says nothing about the precision of the figures.
pub(crate) fn money_scale(checked: &Checked<'_>) -> f64 {
    let projects = checked.portfolio.projects.iter().zip(&checked.eligible);
    let cost: f64 = projects.filter(|(_, &eligible)| eligible).map(|(p, _)| p.cost).sum();
    capped_budget(checked.plan.total_budget(), cost)
}

/// `budget` (`sum_t B_t`), at most a thousand times `cost` when that is positive (see
/// [`money_scale`]).
pub(crate) fn capped_budget(budget: f64, cost: f64) -> f64 {
    if cost > 0.0 {
        budget.min(1e3 * cost)
    } else {
        budget
    }
}

/// A decimal grid for the money (or the values) of one plan: a step of 10^k units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DecimalGrid {
    /// k < 0: `per_unit` = 10^-k steps per unit (exact for k >= -22, so dividing by it is
    /// correctly rounded).
    Fine { per_unit: f64 },
    /// k >= 0: a step of 10^k units.
    Coarse { step: f64 },
}

impl DecimalGrid {
    /// The grid of amounts that sum to at most `total` (the state budgets of a plan, the expected
    /// values of a portfolio); no grid without a positive finite total (amounts are left as they
    /// are).
    pub(crate) fn of(total: f64) -> Option<DecimalGrid> {
        if !(total.is_finite() && total > 0.0) {
            return None;
        }
        // The exponent is a small integer (|k| < 330), so the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let exponent = (total * 1e-12).log10().floor() as i32;
        match exponent {
            // A finer grid than 1e-22 is not worth having (and 10^23 is not exact).
            k if k < -22 => None,
            k if k < 0 => Some(DecimalGrid::Fine { per_unit: 10f64.powi(-k) }),
            k => Some(DecimalGrid::Coarse { step: 10f64.powi(k) }),
        }
    }

    /// `x` rounded to the grid: the double nearest to a decimal with the grid's digits (never -0).
    pub(crate) fn round(self, x: f64) -> f64 {
        if !x.is_finite() {
            return x;
        }
        let rounded = match self {
            DecimalGrid::Fine { per_unit } => (x * per_unit).round() / per_unit,
            DecimalGrid::Coarse { step } => (x / step).round() * step,
        };
        rounded + 0.0
    }
}

/// Rounds `x` on `grid` when there is one.
pub(crate) fn on_grid(grid: Option<DecimalGrid>, x: f64) -> f64 {
    grid.map_or(x, |g| g.round(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_noise_reads_as_the_decimal_it_stands_for() {
        let grid = DecimalGrid::of(4112.5);
        assert_eq!(on_grid(grid, 20.9 - 14.5 - 1.9), 4.5);
        assert_eq!(on_grid(grid, 0.1 + 0.2), 0.3);
        assert_eq!(on_grid(grid, 3416.4120000000003), 3416.412);
        assert_eq!(on_grid(grid, 2153.0 / 3.0).to_string(), "717.666666667");
        assert_eq!(on_grid(grid, -1e-13).to_string(), "0");
    }

    #[test]
    fn the_step_follows_the_budget_and_stays_far_below_the_tolerance() {
        for budget in [1e-3, 0.5, 7.0, 4112.5, 3.0e6, 2.5e13, 8.0e20] {
            let grid = DecimalGrid::of(budget);
            for x in [budget / 3.0, budget * 0.123_456_789_123, budget * 7.0 / 11.0] {
                let moved = (on_grid(grid, x) - x).abs();
                assert!(moved <= 1e-12 * budget, "{budget}: {x} moved by {moved}");
            }
        }
        assert_eq!(DecimalGrid::of(0.0), None);
        assert_eq!(DecimalGrid::of(1e-20), None, "a grid that fine is not worth having");
        assert_eq!(DecimalGrid::of(f64::NAN), None);
    }
}
