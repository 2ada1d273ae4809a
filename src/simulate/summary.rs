//! Summaries of the draws: totals per scenario, their means, quantiles, value-at-risk and expected
//! shortfall, and the probability of reaching the success target per group.
//!
//! Each scenario's figures ([`RowStats`]) are computed by one function, whether right after the
//! scenario is drawn (while its row is still in cache) or later from merged matrices, so both
//! routes give the same bits.

use std::collections::{BTreeMap, BTreeSet};

use ndarray::{ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use statrs::statistics::{Data, OrderStatistics};

use super::{funded_projects, Draws, Settings};
use crate::error::{Error, Result};
use crate::model::Portfolio;
use crate::optimize::Allocation;

/// Summary statistics of the draws, over each scenario's totals.
///
/// Quantiles and the value-at-risk use statrs's estimator ([`OrderStatistics::quantile`]), the
/// median-unbiased one (Hyndman and Fan's type 8, numpy's `method="median_unbiased"`); the expected
/// shortfall is the mean of the totals at or above the value-at-risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Scenarios summarised.
    pub scenarios: usize,
    /// Mean total delivered value.
    pub value_mean: f64,
    /// Quantiles (5%, 50%, 95%) of the total delivered value.
    pub value_quantiles: BTreeMap<String, f64>,
    /// sum V_p pi_p y_p: the analytic mean of the delivered value when impact is certain.
    pub value_expected: f64,
    /// Mean total extra state money.
    pub extra_state_mean: f64,
    /// Quantiles (5%, 50%, 95%) of the total extra state money.
    pub extra_state_quantiles: BTreeMap<String, f64>,
    /// Value-at-risk of the total extra state money at `risk_level`.
    pub extra_state_var: f64,
    /// Expected shortfall (mean of the totals at or above the value-at-risk).
    pub extra_state_es: f64,
    /// Per group: probability of at least `successes_per_group` successes.
    pub group_success_probability: BTreeMap<String, f64>,
}

/// The groups of the columns: their sorted names and, per column, the index of its group.
pub(super) struct ColumnGroups {
    names: Vec<String>,
    of_column: Vec<usize>,
}

impl ColumnGroups {
    pub(super) fn new(groups: &[String]) -> ColumnGroups {
        let names: Vec<String> = groups.iter().cloned().collect::<BTreeSet<_>>().into_iter().collect();
        let of_column = groups.iter().map(|g| names.binary_search(g).unwrap_or(0)).collect();
        ColumnGroups { names, of_column }
    }
}

/// One scenario's figures: total delivered value, total extra state money, and per group whether
/// it reached the success target.
pub(super) struct RowStats {
    value: f64,
    extra: f64,
    reached: Vec<bool>,
}

impl RowStats {
    /// The figures of one row of the matrices, with at least `k` successes as each group's target.
    pub(super) fn of_row(
        value: ArrayView1<f64>,
        extra: ArrayView1<f64>,
        success: ArrayView1<bool>,
        groups: &ColumnGroups,
        k: usize,
    ) -> RowStats {
        let mut successes = vec![0usize; groups.names.len()];
        // Branch-free: successes are random, so a branch on each would be mispredicted half the time.
        success.iter().zip(&groups.of_column).for_each(|(s, g)| successes[*g] += usize::from(*s));
        RowStats { value: value.sum(), extra: extra.sum(), reached: successes.into_iter().map(|n| n >= k).collect() }
    }
}

/// Summarises draws (of the whole run, or of any chunk).
///
/// # Errors
///
/// As [`summarize_draws`], and [`Error::Validation`] when the allocation was not made from the
/// portfolio ([`Allocation::check_made_from`]).
///
/// # Examples
///
/// ```
/// use stratfund::{demo, simulate};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let settings = simulate::Settings { scenarios: 400, ..Default::default() };
/// let draws = simulate::draw(&portfolio, &allocation, &settings, 0..400)?;
/// let summary = simulate::summarize(&portfolio, &allocation, &draws, &settings)?;
/// assert_eq!(summary, simulate::evaluate(&portfolio, &allocation, &settings)?.summary);
/// // Away from the inputs (a distributed run), with the expected value computed once:
/// let merged = simulate::summarize_draws(&draws, summary.value_expected, &settings)?;
/// assert_eq!(merged, summary);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn summarize(
    portfolio: &Portfolio,
    allocation: &Allocation,
    draws: &Draws,
    settings: &Settings,
) -> Result<Summary> {
    summarize_draws(draws, expected_value(portfolio, allocation)?, settings)
}

/// sum V_p pi_p y_p over the funded projects.
pub(super) fn expected_value(portfolio: &Portfolio, allocation: &Allocation) -> Result<f64> {
    Ok(funded_projects(portfolio, allocation)?
        .into_iter()
        .map(|(x, p)| p.impact * p.success_probability * x.scale)
        .sum())
}

/// [`summarize`] given `value_expected` (sum of V_p pi_p y_p over the funded projects), for draws
/// merged away from the inputs, as in a distributed run (see [`summarize`] for an example).
///
/// # Errors
///
/// [`Error::Validation`] for out-of-range settings;
/// [`Error::Usage`] when the matrices and the groups do not agree in size.
pub fn summarize_draws(draws: &Draws, value_expected: f64, settings: &Settings) -> Result<Summary> {
    let matrices = (draws.success.view(), draws.value.view(), draws.extra_state.view());
    summarize_matrices(&draws.groups, matrices, value_expected, settings)
}

/// [`summarize_draws`] on views of the success, delivered-value and extra-state-money matrices
/// (for example arrays owned by Python), without copying them.
pub(crate) fn summarize_matrices(
    groups: &[String],
    (success, value, extra_state): (ArrayView2<bool>, ArrayView2<f64>, ArrayView2<f64>),
    value_expected: f64,
    settings: &Settings,
) -> Result<Summary> {
    settings.check()?;
    let dim = value.dim();
    if extra_state.dim() != dim || success.dim() != dim || groups.len() != dim.1 {
        return Err(Error::usage(format!(
            "draws: value {:?}, extra state {:?}, success {:?} and {} groups must agree",
            dim,
            extra_state.dim(),
            success.dim(),
            groups.len()
        )));
    }
    let groups = ColumnGroups::new(groups);
    let rows: Vec<RowStats> = value
        .axis_iter(Axis(0))
        .into_par_iter()
        .zip(extra_state.axis_iter(Axis(0)))
        .zip(success.axis_iter(Axis(0)))
        .map(|((value, extra), success)| RowStats::of_row(value, extra, success, &groups, settings.successes_per_group))
        .collect();
    Ok(summary_of_rows(&rows, &groups, value_expected, settings))
}

/// The summary of the scenarios' figures, in scenario order.
pub(super) fn summary_of_rows(
    rows: &[RowStats],
    groups: &ColumnGroups,
    value_expected: f64,
    settings: &Settings,
) -> Summary {
    let value_totals: Vec<f64> = rows.iter().map(|r| r.value).collect();
    let extra_totals: Vec<f64> = rows.iter().map(|r| r.extra).collect();
    let n = rows.len().max(1) as f64;
    let quantiles = |totals: &[f64]| -> BTreeMap<String, f64> {
        let mut data = Data::new(totals.to_vec());
        [("p05", 0.05), ("p50", 0.5), ("p95", 0.95)].iter().map(|(k, q)| (k.to_string(), data.quantile(*q))).collect()
    };
    let var = Data::new(extra_totals.clone()).quantile(settings.risk_level);
    let tail: Vec<f64> = extra_totals.iter().copied().filter(|x| *x >= var).collect();
    let es = if tail.is_empty() { var } else { tail.iter().sum::<f64>() / tail.len() as f64 };
    let group_success_probability = groups
        .names
        .iter()
        .enumerate()
        .map(|(g, name)| (name.clone(), rows.iter().filter(|r| r.reached[g]).count() as f64 / n))
        .collect();
    Summary {
        scenarios: rows.len(),
        value_mean: value_totals.iter().sum::<f64>() / n,
        value_quantiles: quantiles(&value_totals),
        value_expected,
        extra_state_mean: extra_totals.iter().sum::<f64>() / n,
        extra_state_quantiles: quantiles(&extra_totals),
        extra_state_var: var,
        extra_state_es: es,
        group_success_probability,
    }
}
