//! Policy sweep: the allocation over a grid of enterprise-share thresholds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::values::list_problems;
use super::{compare_with, Comparison, Control, Kpis, PolicyOverrides, Scenario};
use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};
use crate::model::{Plan, Portfolio};

/// The format marker of policy sweeps.
pub const SWEEP_SCHEMA: &str = "stratfund.sweep/1";

/// A policy sweep: the plan's own thresholds and their key figures, and every point of the grid
/// compared with them. Written as JSON by the command line (`stratfund sweep`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicySweep {
    /// Format marker, [`SWEEP_SCHEMA`].
    pub schema: String,
    /// The plan's objective kind (`max_value` or `min_state_spend`), which every point keeps: it
    /// says what the reason `budget` of a leaving project means.
    #[serde(default = "crate::optimize::default_objective_kind")]
    pub objective_kind: String,
    /// The plan's own thresholds and what they fund: what every point is compared with (its
    /// `entering`, `leaving` and `released` lists are empty).
    pub baseline: PolicyPoint,
    /// One point per pair of the grid `market` x `strategic`, market-major.
    pub points: Vec<PolicyPoint>,
}

/// One point of a policy sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyPoint {
    /// `policy.market_min_enterprise_share` at this point.
    pub market_min_enterprise_share: f64,
    /// `policy.strategic_min_enterprise_share` at this point.
    pub strategic_min_enterprise_share: f64,
    /// Key figures.
    pub kpis: Kpis,
    /// Projects funded here but not under the plan's own thresholds.
    pub entering: Vec<String>,
    /// Projects funded under the plan's own thresholds but not here.
    pub leaving: Vec<String>,
    /// Why each leaving project is unfunded at this point: its reason in this point's allocation
    /// (`budget`, `ineligible:enterprise_commitment_below_share`, ...).
    #[serde(default)]
    pub leaving_reasons: BTreeMap<String, String>,
    /// Mandatory projects that these thresholds make ineligible: no longer mandatory at this
    /// point (a mandatory ineligible project is an input error only for the plan's own thresholds).
    #[serde(default)]
    pub released: Vec<String>,
}

/// The sweep with no progress reporting. See [`policy_sweep_with`].
///
/// # Errors
///
/// As [`policy_sweep_with`].
///
/// # Examples
///
/// ```
/// let config = stratfund::demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let catalog = stratfund::Catalog::default();
/// let sweep = stratfund::scenario::policy_sweep(&portfolio, &plan, &catalog, &[0.5], &[0.1, 0.2, 0.3]).unwrap();
/// assert_eq!(sweep.points.len(), 3);
/// // A higher counterpart requirement can only shrink what is fundable.
/// assert!(sweep.points[2].kpis.ineligible >= sweep.points[0].kpis.ineligible);
/// // The baseline is the plan's own thresholds (0.5 and 0.2 here).
/// assert_eq!(sweep.baseline.kpis.objective, sweep.points[1].kpis.objective);
/// ```
pub fn policy_sweep(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    market: &[f64],
    strategic: &[f64],
) -> Result<PolicySweep> {
    policy_sweep_with(portfolio, plan, catalog, market, strategic, Control::default())
}

/// Solves every pair (market share, strategic share) of the grid `market` x `strategic` (an empty
/// list keeps the plan's value), and compares each with the plan's own thresholds. Thresholds
/// change eligibility and every project's financing interval, so each point builds its model
/// afresh (building is about 3% of a solve); the points are solved in parallel, as in
/// [`compare_with`]. One tick per solve, the baseline included. A mandatory
/// project that a point's thresholds make ineligible is released there (listed in
/// [`PolicyPoint::released`]); under the plan's own thresholds it stays an input error.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) for invalid inputs or thresholds (not shares in [0, 1], or
/// given twice); [`Error::Solver`](crate::Error::Solver) when HiGHS fails (naming the point;
/// of several, the first in order);
/// [`Error::Interrupted`](crate::Error::Interrupted) once `control.stop` is set. An infeasible point is not
/// an error: it is that point's status.
pub fn policy_sweep_with(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    market: &[f64],
    strategic: &[f64],
    control: Control<'_>,
) -> Result<PolicySweep> {
    // Every bad share of both lists is reported at once.
    let (market, mut problems) = shares("market", market, plan.policy.market_min_enterprise_share);
    let (strategic, more) = shares("strategic", strategic, plan.policy.strategic_min_enterprise_share);
    problems.extend(more);
    if !problems.is_empty() {
        return Err(Error::Validation(problems));
    }
    let mut grid = Vec::with_capacity(market.len() * strategic.len());
    for &m in &market {
        for &s in &strategic {
            grid.push((m, s));
        }
    }
    let scenarios: Vec<Scenario> = grid
        .iter()
        .map(|&(m, s)| Scenario {
            policy: Some(PolicyOverrides {
                market_min_enterprise_share: Some(m),
                strategic_min_enterprise_share: Some(s),
                ..PolicyOverrides::default()
            }),
            ..Scenario::named(format!("market={m} strategic={s}"))
        })
        .collect();
    let Comparison { scenarios: outcomes, .. } = compare_with(portfolio, plan, catalog, &scenarios, control)?;
    let own = (plan.policy.market_min_enterprise_share, plan.policy.strategic_min_enterprise_share);
    let mut points = std::iter::once(own).chain(grid).zip(outcomes).map(|((m, s), o)| PolicyPoint {
        market_min_enterprise_share: m,
        strategic_min_enterprise_share: s,
        leaving_reasons: o.leaving_reasons(),
        kpis: o.kpis,
        entering: o.entering,
        leaving: o.leaving,
        released: o.released,
    });
    let baseline = points.next().ok_or_else(|| Error::Solver("the sweep returned no baseline".into()))?;
    let objective_kind = crate::optimize::objective_kind(plan);
    Ok(PolicySweep { schema: SWEEP_SCHEMA.to_string(), objective_kind, baseline, points: points.collect() })
}

/// The shares to sweep for one class (the plan's own when none are given), and the problems of
/// the values given: every one outside [0, 1], and every one given twice.
fn shares(class: &str, values: &[f64], plan_value: f64) -> (Vec<f64>, Vec<Problem>) {
    if values.is_empty() {
        return (vec![plan_value], Vec::new());
    }
    let messages = list_problems(
        values,
        |v| (0.0..=1.0).contains(&v),
        |bad| format!("{bad} is not a share in [0, 1]"),
        |x| format!("{x} is given twice"),
    );
    let field = format!("policy.{class}_min_enterprise_share");
    let problems = messages.into_iter().map(|m| Problem::plan(field.clone(), "invalid_sweep", m)).collect();
    (values.to_vec(), problems)
}
