//! Monte Carlo simulation (MODEL.md section 7): [`evaluate`] a fixed allocation, and
//! [`robustness`] (re-optimisation per sampled scenario, core index).
//!
//! Per funded project and scenario: success ~ Bernoulli(pi_p); cost overrun multiplier
//! M ~ LogNormal; enterprise delivery fraction D ~ Beta (shortfall); optional impact multiplier
//! ~ LogNormal with mean 1. Delivered value is `V_p y_p x impact` on success, else 0. The extra
//! state money needed is the overrun `C_p y_p max(M - 1, 0)` plus the enterprise shortfall
//! `e_p (1 - D)` (the state covers both; underruns return nothing). The success draws are kept
//! as a matrix of their own: a project with no impact delivers no value even when it succeeds.
//!
//! Every scenario has its own random stream (Xoshiro256++ seeded from `seed` and the scenario
//! index), so results do not depend on the thread count, and a run split into chunks of scenario
//! indices and concatenated equals one run.
//!
//! ```
//! use stratfund::simulate::{evaluate, Settings};
//! let config = stratfund::demo::DemoConfig { projects: 60, ..Default::default() };
//! let portfolio = stratfund::demo::generate_portfolio(&config);
//! let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
//! let allocation = stratfund::solve(&portfolio, &plan).unwrap();
//! let result = evaluate(&portfolio, &allocation, &Settings { scenarios: 2_000, ..Settings::default() }).unwrap();
//! assert_eq!(result.draws.value.nrows(), 2_000);
//! assert!(result.summary.value_mean > 0.0);
//! ```

mod documents;
mod fast_exp;
mod pages;
mod robust;
mod summary;

pub use documents::{EvaluationDocument, RobustnessDocument, EVALUATION_SCHEMA, ROBUSTNESS_SCHEMA};
pub use robust::{
    core_entries, core_index, robustness, robustness_range, scenario_draws, CoreClass, CoreEntry, Robustness,
    ScenarioDraw, CORE_THRESHOLD,
};
pub use summary::{summarize, summarize_draws, Summary};

use std::collections::HashMap;
use std::ops::Range;

use ndarray::{Array2, Axis};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use serde::{Deserialize, Serialize};
use statrs::distribution::{Beta, Exp, LogNormal, Normal};
#[cfg(feature = "python")]
pub(crate) use summary::summarize_matrices;
use summary::{summary_of_rows, ColumnGroups, RowStats};

use crate::error::{Error, Problem, Result};
use crate::model::validate::given;
use crate::model::{Portfolio, Project};
use crate::optimize::{Allocation, ProjectAllocation};

/// The uncertainty model and what to summarise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Number of scenarios.
    pub scenarios: usize,
    /// Random seed.
    pub seed: u64,
    /// Median of the cost overrun multiplier (LogNormal), in (0, [`MOST_OVERRUN_MEDIAN`]].
    pub cost_overrun_median: f64,
    /// Log-scale standard deviation of the cost overrun multiplier, in [0, [`MOST_LOG_SIGMA`]].
    pub cost_overrun_sigma: f64,
    /// Beta alpha of the enterprise delivery fraction, in [[`LEAST_BETA_SHAPE`], [`MOST_BETA_SHAPE`]].
    pub delivery_alpha: f64,
    /// Beta beta of the enterprise delivery fraction, in [[`LEAST_BETA_SHAPE`], [`MOST_BETA_SHAPE`]].
    pub delivery_beta: f64,
    /// Log-scale standard deviation of a mean-1 impact multiplier (0: impact is certain), in [0,
    /// [`MOST_LOG_SIGMA`]].
    pub impact_sigma: f64,
    /// Successes per group whose probability is reported.
    pub successes_per_group: usize,
    /// Level of the value-at-risk and expected shortfall of the extra state money.
    pub risk_level: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scenarios: 10_000,
            seed: 57,
            cost_overrun_median: 1.05,
            cost_overrun_sigma: 0.15,
            delivery_alpha: 9.0,
            delivery_beta: 1.0,
            impact_sigma: 0.0,
            successes_per_group: 1,
            risk_level: 0.95,
        }
    }
}

impl Settings {
    /// Checks every setting's range (the Monte Carlo runs check them too).
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] listing every setting out of range, each named `simulate.<field>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::simulate::Settings;
    ///
    /// assert!(Settings::default().check().is_ok());
    /// let err = Settings { scenarios: 0, risk_level: 1.0, ..Settings::default() }.check().unwrap_err();
    /// assert!(err.to_string().contains("simulate.scenarios") && err.to_string().contains("simulate.risk_level"));
    /// ```
    pub fn check(&self) -> Result<()> {
        let mut problems = Vec::new();
        let mut need = |ok: bool, field: &str, what: &str| {
            if !ok {
                problems.push(Problem::plan(
                    format!("simulate.{field}"),
                    "out_of_range",
                    format!("{field} must be {what}"),
                ));
            }
        };
        need(self.scenarios >= 1, "scenarios", "at least 1");
        // `least` is open (excluded) or closed; the message shows both ends and the value given.
        let mut within = |field: &str, value: f64, (least, open): (f64, bool), most: f64, why: &str| {
            let above = if open { value > least } else { value >= least };
            let bracket = if open { '(' } else { '[' };
            let range = format!("in {bracket}{}, {}]: {why}; got {}", given(least), given(most), given(value));
            need(above && value <= most, field, &range);
        };
        within("cost_overrun_median", self.cost_overrun_median, (0.0, true), MOST_OVERRUN_MEDIAN, OVERRUN_MEDIAN);
        for (field, sigma) in [("cost_overrun_sigma", self.cost_overrun_sigma), ("impact_sigma", self.impact_sigma)] {
            within(field, sigma, (0.0, false), MOST_LOG_SIGMA, LOG_SIGMA);
        }
        for (field, shape) in [("delivery_alpha", self.delivery_alpha), ("delivery_beta", self.delivery_beta)] {
            within(field, shape, (LEAST_BETA_SHAPE, false), MOST_BETA_SHAPE, BETA_SHAPE);
        }
        need(self.risk_level > 0.0 && self.risk_level < 1.0, "risk_level", "in (0, 1)");
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(problems))
        }
    }
}

/// The largest median cost overrun multiplier (100 times the cost).
pub const MOST_OVERRUN_MEDIAN: f64 = 100.0;
const OVERRUN_MEDIAN: &str = "the median multiplier of a funded project's cost (1.05 is an overrun of 5%)";

/// The largest log-scale standard deviation of the cost overrun and impact multipliers. At 5 the
/// 95th percentile of a multiplier is already e^8.2, about 3,700 times its median; far larger
/// values give multipliers that overflow (infinite money) or underflow (no value at all).
pub const MOST_LOG_SIGMA: f64 = 5.0;
const LOG_SIGMA: &str = "a log-scale standard deviation (at the largest, the 95th percentile of the multiplier \
                         is already about 3,700 times its median)";

/// The least Beta shape of the enterprise delivery fraction. statrs draws a Beta as X / (X + Y)
/// with Gamma draws X and Y, and below a shape of about 0.05 both underflow to 0 often enough
/// (about one draw in 3,000,000 at 0.01, one in 4 at 0.001) that the fraction is 0/0, not a
/// number. At 0.05 a draw is not a number with a probability of about 1e-32, and about 80% of
/// the draws already lie within 1% of 0 or 1 (delivery all or nothing).
pub const LEAST_BETA_SHAPE: f64 = 0.05;
/// The largest Beta shape: at 1e6 the fraction is alpha / (alpha + beta) to within 0.1%; far
/// larger shapes overflow the Gamma draws (Beta(1e308, 1e308) would give 0, not 0.5).
pub const MOST_BETA_SHAPE: f64 = 1e6;
const BETA_SHAPE: &str = "a Beta shape (below the least, the draws are not numbers; at the least, about 80% of \
                          them already lie within 1% of 0 or 1)";

/// The sampled matrices: one row per scenario, one column per funded project.
#[derive(Debug, Clone, PartialEq)]
pub struct Draws {
    /// Ids of the funded projects (the columns).
    pub project_ids: Vec<String>,
    /// Group of each column.
    pub groups: Vec<String>,
    /// First scenario index of the rows.
    pub first_scenario: usize,
    /// Whether the project succeeded (the Bernoulli draw): a success of a project with no impact
    /// delivers no value, so success cannot be read from `value`.
    pub success: Array2<bool>,
    /// Delivered value.
    pub value: Array2<f64>,
    /// Extra state money needed.
    pub extra_state: Array2<f64>,
}

impl Draws {
    /// Concatenates chunks drawn for consecutive scenario ranges (in order). Each scenario's draws
    /// depend only on the seed and its index, so the chunks of a split run give exactly the draws
    /// of one run.
    ///
    /// # Errors
    ///
    /// [`Error::Usage`] when there are no chunks, or they are not consecutive chunks of
    /// the same allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{demo, simulate};
    /// let config = demo::DemoConfig { projects: 30, ..Default::default() };
    /// let portfolio = demo::generate_portfolio(&config);
    /// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
    /// let settings = simulate::Settings { scenarios: 500, seed: 3, ..Default::default() };
    /// let whole = simulate::draw(&portfolio, &allocation, &settings, 0..500)?;
    /// let first = simulate::draw(&portfolio, &allocation, &settings, 0..200)?; // on one machine
    /// let rest = simulate::draw(&portfolio, &allocation, &settings, 200..500)?; // on another
    /// assert_eq!(simulate::Draws::concat(&[first.clone(), rest.clone()])?, whole);
    /// assert!(simulate::Draws::concat(&[rest, first]).is_err()); // chunks go in order
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn concat(parts: &[Draws]) -> Result<Draws> {
        let first = parts.first().ok_or_else(|| Error::usage("no chunks to concatenate"))?;
        let mut expected = first.first_scenario;
        for part in parts {
            if part.first_scenario != expected || part.project_ids != first.project_ids {
                return Err(Error::usage("chunks must cover consecutive scenarios of the same allocation"));
            }
            expected += part.value.nrows();
        }
        Ok(Draws {
            project_ids: first.project_ids.clone(),
            groups: first.groups.clone(),
            first_scenario: first.first_scenario,
            success: stack(parts, |d| &d.success)?,
            value: stack(parts, |d| &d.value)?,
            extra_state: stack(parts, |d| &d.extra_state)?,
        })
    }
}

/// One matrix of every chunk, stacked in order.
fn stack<T: Clone>(parts: &[Draws], pick: fn(&Draws) -> &Array2<T>) -> Result<Array2<T>> {
    let views: Vec<_> = parts.iter().map(|p| pick(p).view()).collect();
    ndarray::concatenate(Axis(0), &views).map_err(|e| Error::usage(format!("cannot concatenate: {e}")))
}

/// Draws and their summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The matrices.
    pub draws: Draws,
    /// The summary.
    pub summary: Summary,
}

/// One funded project's parameters.
struct Column {
    value: f64,
    probability: f64,
    cost: f64,
    enterprise: f64,
}

/// Evaluates a fixed allocation over `settings.scenarios` scenarios.
///
/// # Errors
///
/// As [`draw`].
///
/// # Examples
///
/// ```
/// use stratfund::{demo, simulate};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let settings = simulate::Settings { scenarios: 2_000, seed: 7, ..Default::default() };
/// let e = simulate::evaluate(&portfolio, &allocation, &settings)?;
/// assert_eq!(e.draws.value.nrows(), 2_000); // scenarios x funded projects
/// assert_eq!(e.draws.value.ncols(), allocation.totals.funded);
/// // The mean delivered value is close to the expected value sum(pi V y).
/// assert!((e.summary.value_mean - e.summary.value_expected).abs() < 0.05 * e.summary.value_expected);
/// assert!(e.summary.extra_state_es >= e.summary.extra_state_var);
/// assert_eq!(e, simulate::evaluate(&portfolio, &allocation, &settings)?); // same seed, same result
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn evaluate(portfolio: &Portfolio, allocation: &Allocation, settings: &Settings) -> Result<Evaluation> {
    evaluate_range(portfolio, allocation, settings, 0..settings.scenarios)
}

/// Evaluates a fixed allocation over the scenarios of `range` (one chunk of a larger run): the
/// draws of [`draw`] and their summary, as [`summarize`] gives it, computed while each row is in
/// cache instead of in a second pass over the matrices.
///
/// ```
/// use stratfund::{demo, simulate};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45)).unwrap();
/// let settings = simulate::Settings { scenarios: 400, ..Default::default() };
/// let chunk = simulate::evaluate_range(&portfolio, &allocation, &settings, 100..300).unwrap();
/// let draws = simulate::draw(&portfolio, &allocation, &settings, 100..300).unwrap();
/// assert_eq!(chunk.draws, draws);
/// assert_eq!(chunk.summary, simulate::summarize(&portfolio, &allocation, &draws, &settings).unwrap());
/// ```
///
/// # Errors
///
/// As [`draw`].
pub fn evaluate_range(
    portfolio: &Portfolio,
    allocation: &Allocation,
    settings: &Settings,
    range: Range<usize>,
) -> Result<Evaluation> {
    let (draws, rows, groups) = draw_with_stats(portfolio, allocation, settings, range)?;
    let summary = summary_of_rows(&rows, &groups, summary::expected_value(portfolio, allocation)?, settings);
    Ok(Evaluation { draws, summary })
}

/// Draws the scenarios of `range` (for a run split into chunks): matrices of scenarios x funded
/// projects.
///
/// # Errors
///
/// [`Error::Validation`] for out-of-range settings (naming the field) or an allocation not made
/// from the portfolio ([`Allocation::check_made_from`]: a funded project missing, or with money
/// that does not match its cost); [`Error::Usage`] for an empty range.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, simulate};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let settings = simulate::Settings::default();
/// let draws = simulate::draw(&portfolio, &allocation, &settings, 100..150)?;
/// assert_eq!(draws.first_scenario, 100);
/// assert_eq!(draws.value.dim(), (50, allocation.totals.funded));
/// // A failed project delivers nothing.
/// assert!(draws.success.iter().zip(&draws.value).all(|(ok, v)| *ok || *v == 0.0));
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn draw(portfolio: &Portfolio, allocation: &Allocation, settings: &Settings, range: Range<usize>) -> Result<Draws> {
    Ok(draw_with_stats(portfolio, allocation, settings, range)?.0)
}

/// [`draw`], each scenario's figures for the summary, computed while its row is in cache, and the
/// columns' groups they were counted by.
fn draw_with_stats(
    portfolio: &Portfolio,
    allocation: &Allocation,
    settings: &Settings,
    range: Range<usize>,
) -> Result<(Draws, Vec<RowStats>, ColumnGroups)> {
    settings.check()?;
    check_range(&range)?;
    let (ids, groups, columns) = funded_columns(portfolio, allocation)?;
    let column_groups = ColumnGroups::new(&groups);
    let distributions = Distributions::new(settings)?;
    let rows = range.len();
    pages::check_room(rows, columns.len())?;
    let mut value = pages::zeroed_matrix(rows, columns.len())?;
    let mut extra = pages::zeroed_matrix(rows, columns.len())?;
    let mut success = Array2::<bool>::from_elem((rows, columns.len()), false);
    let stats = value
        .axis_iter_mut(Axis(0))
        .into_par_iter()
        .zip(extra.axis_iter_mut(Axis(0)).into_par_iter())
        .zip(success.axis_iter_mut(Axis(0)).into_par_iter())
        .enumerate()
        .map(|(row, ((mut value_row, mut extra_row), mut success_row))| {
            let mut rng = scenario_rng(settings.seed, range.start + row);
            for (j, c) in columns.iter().enumerate() {
                let (succeeded, delivered, needed) = distributions.cell(c, &mut rng);
                success_row[j] = succeeded;
                value_row[j] = delivered;
                extra_row[j] = needed;
            }
            RowStats::of_row(
                value_row.view(),
                extra_row.view(),
                success_row.view(),
                &column_groups,
                settings.successes_per_group,
            )
        })
        .collect();
    let draws = Draws { project_ids: ids, groups, first_scenario: range.start, success, value, extra_state: extra };
    Ok((draws, stats, column_groups))
}

/// A chunk of scenarios must hold at least one.
pub(crate) fn check_range(range: &Range<usize>) -> Result<()> {
    if range.is_empty() {
        return Err(Error::usage(format!(
            "the scenario range {}..{} is empty: it must start before it ends",
            range.start, range.end
        )));
    }
    Ok(())
}

/// The random stream of one scenario: Xoshiro256++ seeded (through SplitMix64) from the seed and
/// the scenario index, so that any scenario can be drawn alone, in any order, on any thread.
pub(crate) fn scenario_rng(seed: u64, index: usize) -> Xoshiro256PlusPlus {
    // An odd multiplier makes index -> key one-to-one for a given seed.
    Xoshiro256PlusPlus::seed_from_u64(seed ^ (index as u64).wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The distributions of a project's draws in a scenario (statrs), built once from the settings
/// and shared by [`evaluate`] and [`robustness`].
///
/// The cost overrun multiplier M ~ LogNormal(mu, sigma) is kept as its logarithm, a statrs
/// `Normal(mu, sigma)`: statrs's LogNormal draws `exp` of that very normal draw (the same bits),
/// and [`evaluate`], which only uses the overrun above 1, `max(M - 1, 0)`, takes the `exp` only
/// when `ln M > 0`, the cells where the cost overruns (about two in three with the defaults).
/// Its `exp`s are glibc's without the `errno` wrapper where the process has it (`fast_exp`: the
/// same bits, 6% of a cell's time saved).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Distributions {
    /// ln M.
    pub(crate) log_overrun: Normal,
    /// The enterprise delivery fraction D.
    delivery: Delivery,
    /// The impact multiplier K (mean 1), when `impact_sigma > 0`.
    pub(crate) impact: Option<LogNormal>,
    /// The `exp` of the overrun and delivery draws.
    exp: fast_exp::Exp,
}

impl Distributions {
    pub(crate) fn new(settings: &Settings) -> Result<Distributions> {
        let log_overrun = Normal::new(settings.cost_overrun_median.ln(), settings.cost_overrun_sigma.max(1e-12))
            .map_err(|e| Error::usage(format!("cost overrun distribution: {e}")))?;
        let delivery = Delivery::new(settings.delivery_alpha, settings.delivery_beta)
            .map_err(|e| Error::usage(format!("delivery distribution: {e}")))?;
        let sigma = settings.impact_sigma;
        let impact = if sigma > 0.0 {
            let impact = LogNormal::new(-sigma * sigma / 2.0, sigma)
                .map_err(|e| Error::usage(format!("impact distribution: {e}")))?;
            Some(impact)
        } else {
            None
        };
        Ok(Distributions { log_overrun, delivery, impact, exp: fast_exp::Exp::resolve() })
    }

    /// e^x, with the `exp` of the draws.
    #[inline(always)]
    pub(crate) fn exp(&self, x: f64) -> f64 {
        self.exp.exp(x)
    }

    /// A draw of the enterprise delivery fraction D.
    #[inline(always)]
    pub(crate) fn delivery_fraction<R: Rng>(&self, rng: &mut R) -> f64 {
        self.delivery.fraction(rng, self.exp)
    }

    /// Whether the project of column `c` succeeds, the value it delivers and the extra state
    /// money it needs.
    #[inline]
    fn cell<R: Rng>(&self, c: &Column, rng: &mut R) -> (bool, f64, f64) {
        let succeeded = rng.gen::<f64>() < c.probability;
        let log_m: f64 = rng.sample(self.log_overrun);
        let d = self.delivery_fraction(rng);
        let k: f64 = self.impact.map_or(1.0, |impact| rng.sample(impact));
        let overrun = if log_m > 0.0 { self.exp(log_m) - 1.0 } else { 0.0 };
        let delivered = if succeeded { c.value * k } else { 0.0 };
        (succeeded, delivered, c.cost * overrun + c.enterprise * (1.0 - d))
    }
}

/// The enterprise delivery fraction, Beta(alpha, beta). statrs draws a Beta as X / (X + Y) with
/// X ~ Gamma(alpha) and Y ~ Gamma(beta): two Marsaglia-Tsang draws. When beta = 1 (the default),
/// Beta(alpha, 1) is the distribution of exp(-X) for X ~ Exp(rate alpha): both have the CDF
/// x^alpha on [0, 1] (P(exp(-X) <= x) = P(X >= -ln x) = x^alpha), as a LogNormal is exp of a
/// Normal. statrs draws the exponential with a ziggurat, far cheaper than two gamma draws (or a
/// Pareto's `powf`). The distribution is the same Beta.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Delivery {
    /// Any shapes: statrs's Beta.
    Beta(Beta),
    /// beta = 1: exp(-X), X ~ Exp(alpha).
    ShapeOne(Exp),
}

impl Delivery {
    fn new(alpha: f64, beta: f64) -> std::result::Result<Delivery, String> {
        if beta == 1.0 {
            return Exp::new(alpha).map(Delivery::ShapeOne).map_err(|e| e.to_string());
        }
        Beta::new(alpha, beta).map(Delivery::Beta).map_err(|e| e.to_string())
    }

    /// A draw, taking its `exp` with `exp`.
    #[inline(always)]
    fn fraction<R: Rng>(&self, rng: &mut R, exp: fast_exp::Exp) -> f64 {
        match self {
            Delivery::Beta(beta) => rng.sample(beta),
            Delivery::ShapeOne(rate) => exp.exp(-rng.sample::<f64, _>(rate)),
        }
    }
}

fn funded_columns(portfolio: &Portfolio, allocation: &Allocation) -> Result<(Vec<String>, Vec<String>, Vec<Column>)> {
    let mut ids = Vec::new();
    let mut groups = Vec::new();
    let mut columns = Vec::new();
    for (x, p) in funded_projects(portfolio, allocation)? {
        ids.push(p.id.clone());
        groups.push(p.group.clone());
        columns.push(Column {
            value: p.impact * x.scale,
            probability: p.success_probability,
            cost: p.cost * x.scale,
            enterprise: x.enterprise,
        });
    }
    Ok((ids, groups, columns))
}

/// The funded projects of an allocation, in its order, each with its proposal; an error when the
/// allocation was not made from the portfolio ([`Allocation::check_made_from`]).
fn funded_projects<'a>(
    portfolio: &'a Portfolio,
    allocation: &'a Allocation,
) -> Result<Vec<(&'a ProjectAllocation, &'a Project)>> {
    allocation.check_made_from(portfolio)?;
    let by_id: HashMap<&str, &Project> = portfolio.projects.iter().map(|p| (p.id.as_str(), p)).collect();
    allocation
        .projects
        .iter()
        .filter(|x| x.funded)
        .map(|x| {
            let p = by_id
                .get(x.id.as_str())
                .ok_or_else(|| Error::usage(format!("the allocation funds {}, which is not in the portfolio", x.id)))?;
            Ok((x, *p))
        })
        .collect()
}

#[cfg(test)]
mod delivery_tests {
    use super::*;

    /// Mean and variance of 200,000 draws.
    fn moments(d: &Delivery) -> (f64, f64) {
        let mut rng = scenario_rng(7, 0);
        let xs: Vec<f64> = (0..200_000).map(|_| d.fraction(&mut rng, fast_exp::Exp::resolve())).collect();
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        (mean, xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0))
    }

    #[test]
    fn delivery_draws_have_the_beta_moments_whatever_the_sampler() {
        for (a, b) in [(9.0, 1.0), (0.5, 1.0), (2.0, 3.0), (9.0, 1.5)] {
            let d = Delivery::new(a, b).unwrap();
            assert_eq!(matches!(d, Delivery::ShapeOne(..)), b == 1.0);
            let (mean, variance) = moments(&d);
            let expected_mean = a / (a + b);
            let expected_variance = a * b / ((a + b) * (a + b) * (a + b + 1.0));
            let se = (expected_variance / 200_000.0).sqrt();
            assert!((mean - expected_mean).abs() < 5.0 * se, "Beta({a}, {b}): mean {mean} vs {expected_mean}");
            assert!((variance / expected_variance - 1.0).abs() < 0.03, "Beta({a}, {b}): variance {variance}");
        }
        assert!(Delivery::new(-1.0, 1.0).is_err() && Delivery::new(1.0, 0.0).is_err());
    }

    /// Kolmogorov-Smirnov distance between 200,000 draws and statrs's Beta CDF, below the 0.1%
    /// critical value (1.95 / sqrt(n)): the draws follow the whole Beta distribution, not only
    /// its first two moments.
    #[test]
    fn delivery_draws_follow_the_beta_distribution() {
        use statrs::distribution::ContinuousCDF;
        for (a, b) in [(9.0, 1.0), (0.5, 1.0), (3.0, 1.0), (2.0, 3.0)] {
            let mut rng = scenario_rng(11, 3);
            let d = Delivery::new(a, b).unwrap();
            let mut xs: Vec<f64> = (0..200_000).map(|_| d.fraction(&mut rng, fast_exp::Exp::resolve())).collect();
            assert!(xs.iter().all(|x| (0.0..=1.0).contains(x)), "Beta({a}, {b}): a draw outside [0, 1]");
            xs.sort_by(f64::total_cmp);
            let cdf = Beta::new(a, b).unwrap();
            let n = xs.len() as f64;
            let distance = xs
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let f = cdf.cdf(*x);
                    (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
                })
                .fold(0.0, f64::max);
            assert!(distance < 1.95 / n.sqrt(), "Beta({a}, {b}): KS distance {distance}");
        }
    }
}
