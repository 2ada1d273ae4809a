//! Robustness (MODEL.md section 7): re-optimise in each sampled scenario; the core index of a
//! project is the share of scenarios in which it is funded.
//!
//! A scenario draws, for every project, a cost overrun multiplier M ~ LogNormal, an enterprise
//! delivery fraction D ~ Beta and (when `impact_sigma > 0`) an impact multiplier K ~ LogNormal with
//! mean 1, from its own random stream (seed, scenario index). The proposals and their co-funding
//! stay as submitted: eligibility, the three-house shares, the caps and the min grant are those of
//! the proposal, whose commitments were checked once. What the draws change is what funding each
//! project costs the state: as in [`super::evaluate`], the state covers the overrun
//! `C max(M - 1, 0)` and the enterprise shortfall `(1 - D) e` (e: the project's enterprise money
//! when it takes its least state money), both scaled with the funded share and spread over the
//! project's years like its cost, in the year budgets, the group and region bounds and the
//! least-state tie-break; and the impact becomes `V K`. The objective stays the plan's (expected
//! value with `pi_p`). So a project that enterprises under-deliver is not dropped for breaking the
//! counterpart rule it met when proposed; it is dropped when the state money it now needs is
//! better spent elsewhere. A scenario whose plan is infeasible (mandatory projects overrun the
//! budget) funds nothing and counts as `infeasible`. [`scenario_draws`] gives a scenario's draws.
//!
//! Every re-optimisation runs HiGHS on one thread (rayon spreads the scenarios over the cores), so
//! results do not depend on the thread count; chunks of scenario indices concatenate exactly.

use std::ops::Range;

use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::Settings;
use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};
use crate::model::{check, Checked, Plan, Portfolio};
use crate::optimize::{enterprise_at_least_state, funded_only, ScenarioTerms, Search, Status};
use crate::scenario::Control;

/// Core index at or above which a project is `core`.
pub const CORE_THRESHOLD: f64 = 0.9;

/// Where a project stands across the sampled scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreClass {
    /// Funded in at least 90% of the scenarios.
    Core,
    /// Funded in some scenarios, fewer than 90%.
    Borderline,
    /// Funded in none.
    Exterior,
}

impl CoreClass {
    /// The class of a core index.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::simulate::CoreClass;
    /// assert_eq!(CoreClass::of(0.9), CoreClass::Core);
    /// assert_eq!(CoreClass::of(0.05), CoreClass::Borderline);
    /// assert_eq!(CoreClass::of(0.0).as_str(), "exterior");
    /// ```
    pub fn of(core_index: f64) -> CoreClass {
        if core_index >= CORE_THRESHOLD {
            CoreClass::Core
        } else if core_index > 0.0 {
            CoreClass::Borderline
        } else {
            CoreClass::Exterior
        }
    }

    /// The class as written in files (see [`CoreClass::of`] for an example).
    pub fn as_str(self) -> &'static str {
        match self {
            CoreClass::Core => "core",
            CoreClass::Borderline => "borderline",
            CoreClass::Exterior => "exterior",
        }
    }
}

/// The re-optimised portfolios of a range of scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct Robustness {
    /// Every project of the portfolio (the columns), in portfolio order.
    pub project_ids: Vec<String>,
    /// First scenario index of the rows.
    pub first_scenario: usize,
    /// `funded[[k, j]]`: project j is funded in scenario k.
    pub funded: Array2<bool>,
    /// Objective of each scenario (NaN when it funds nothing because it is infeasible).
    pub objective: Array1<f64>,
    /// How each scenario's solve ended.
    pub status: Vec<Status>,
    /// Funded in the unperturbed inputs.
    pub baseline_funded: Vec<bool>,
}

/// One project's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoreEntry {
    /// Project id.
    pub id: String,
    /// Share of the scenarios in which it is funded.
    pub core_index: f64,
    /// `core` (>= 0.9), `borderline` or `exterior` (never funded).
    pub class: CoreClass,
    /// Funded in the unperturbed inputs.
    pub baseline_funded: bool,
}

impl Robustness {
    /// Scenarios (rows; see [`Robustness::entries`] for an example).
    pub fn scenarios(&self) -> usize {
        self.funded.nrows()
    }

    /// Share of the scenarios in which each project is funded (0 without scenarios; see
    /// [`Robustness::entries`] for an example).
    pub fn core_index(&self) -> Vec<f64> {
        core_index(self.funded.view())
    }

    /// Per project: core index, class and baseline decision.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::simulate::{robustness, CoreClass, Settings};
    /// let config = stratfund::demo::DemoConfig { projects: 20, ..Default::default() };
    /// let portfolio = stratfund::demo::generate_portfolio(&config);
    /// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    /// let settings = Settings { scenarios: 5, ..Settings::default() };
    /// let r = robustness(&portfolio, &plan, &stratfund::Catalog::default(), &settings)?;
    /// assert_eq!((r.scenarios(), r.failed()), (5, 0));
    /// for (entry, index) in r.entries().iter().zip(r.core_index()) {
    ///     assert_eq!((entry.core_index, entry.class), (index, CoreClass::of(index)));
    /// }
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn entries(&self) -> Vec<CoreEntry> {
        entries_of(&self.project_ids, self.funded.view(), &self.baseline_funded)
    }

    /// Scenarios that could not be funded (infeasible or stopped without a solution; see
    /// [`Robustness::entries`] for an example).
    pub fn failed(&self) -> usize {
        self.status.iter().filter(|s| matches!(s, Status::Infeasible | Status::TimeLimit)).count()
    }

    /// Concatenates chunks run for consecutive scenario ranges (in order): the result equals the
    /// run of the whole range, whatever the split.
    ///
    /// # Errors
    ///
    /// [`Error::Usage`](crate::Error::Usage) when there are no chunks, or they are not consecutive chunks of
    /// the same inputs.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::simulate::{robustness, robustness_range, Robustness, Settings};
    /// use stratfund::{demo, Catalog, Control};
    /// let config = demo::DemoConfig { projects: 20, ..Default::default() };
    /// let portfolio = demo::generate_portfolio(&config);
    /// let plan = demo::generate_plan(&portfolio, &config, 0.45);
    /// let (catalog, settings) = (Catalog::default(), Settings { scenarios: 6, ..Settings::default() });
    /// let chunk = |range| robustness_range(&portfolio, &plan, &catalog, &settings, range, Control::default());
    /// let merged = Robustness::concat(&[chunk(0..2)?, chunk(2..6)?])?;
    /// assert_eq!(merged, robustness(&portfolio, &plan, &catalog, &settings)?);
    /// assert!(Robustness::concat(&[chunk(0..2)?, chunk(3..6)?]).is_err()); // scenario 2 is missing
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn concat(parts: &[Robustness]) -> Result<Robustness> {
        let first = parts.first().ok_or_else(|| Error::usage("no chunks to concatenate"))?;
        let mut expected = first.first_scenario;
        for part in parts {
            if part.first_scenario != expected
                || part.project_ids != first.project_ids
                || part.baseline_funded != first.baseline_funded
            {
                return Err(Error::usage("chunks must cover consecutive scenarios of the same inputs"));
            }
            expected += part.scenarios();
        }
        let funded: Vec<_> = parts.iter().map(|p| p.funded.view()).collect();
        let objective: Vec<_> = parts.iter().map(|p| p.objective.view()).collect();
        let join = |e: ndarray::ShapeError| Error::usage(format!("cannot concatenate: {e}"));
        Ok(Robustness {
            project_ids: first.project_ids.clone(),
            first_scenario: first.first_scenario,
            funded: ndarray::concatenate(Axis(0), &funded).map_err(join)?,
            objective: ndarray::concatenate(Axis(0), &objective).map_err(join)?,
            status: parts.iter().flat_map(|p| p.status.iter().copied()).collect(),
            baseline_funded: first.baseline_funded.clone(),
        })
    }
}

/// Share of the scenarios (rows) in which each project (column) is funded; 0 without scenarios.
///
/// # Examples
///
/// ```
/// let funded = ndarray::array![[true, false], [true, true], [true, false], [true, false]];
/// assert_eq!(stratfund::simulate::core_index(funded.view()), [1.0, 0.25]);
/// ```
pub fn core_index(funded: ArrayView2<'_, bool>) -> Vec<f64> {
    let n = funded.nrows().max(1) as f64;
    funded.axis_iter(Axis(1)).map(|column| column.iter().filter(|f| **f).count() as f64 / n).collect()
}

/// Per project: core index, class and baseline decision, from a funded matrix (scenarios x
/// projects), for example the rows of several chunks stacked in a distributed run.
///
/// # Errors
///
/// [`Error::Usage`](crate::Error::Usage) when the ids, the matrix's columns and the baseline decisions differ
/// in number.
///
/// # Examples
///
/// ```
/// use ndarray::array;
/// use stratfund::simulate::{core_entries, CoreClass};
/// let funded = array![[true, false], [true, true]];
/// let ids = ["a".to_string(), "b".to_string()];
/// let entries = core_entries(&ids, funded.view(), &[true, false])?;
/// assert_eq!((entries[0].core_index, entries[0].class), (1.0, CoreClass::Core));
/// assert_eq!((entries[1].core_index, entries[1].class), (0.5, CoreClass::Borderline));
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn core_entries(
    project_ids: &[String],
    funded: ArrayView2<'_, bool>,
    baseline_funded: &[bool],
) -> Result<Vec<CoreEntry>> {
    if funded.ncols() != project_ids.len() || baseline_funded.len() != project_ids.len() {
        return Err(Error::usage(format!(
            "core entries: {} project ids, {} funded columns and {} baseline decisions must agree",
            project_ids.len(),
            funded.ncols(),
            baseline_funded.len()
        )));
    }
    Ok(entries_of(project_ids, funded, baseline_funded))
}

/// The entries of columns whose ids and baseline decisions are known to line up.
fn entries_of(project_ids: &[String], funded: ArrayView2<'_, bool>, baseline_funded: &[bool]) -> Vec<CoreEntry> {
    core_index(funded)
        .into_iter()
        .zip(project_ids.iter().zip(baseline_funded))
        .map(|(index, (id, baseline))| CoreEntry {
            id: id.clone(),
            core_index: index,
            class: CoreClass::of(index),
            baseline_funded: *baseline,
        })
        .collect()
}

/// Re-optimises `settings.scenarios` sampled scenarios. See [`robustness_range`].
///
/// # Errors
///
/// As [`robustness_range`].
///
/// # Examples
///
/// ```
/// use stratfund::simulate::{robustness, Settings};
/// let config = stratfund::demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let settings = Settings { scenarios: 8, ..Settings::default() };
/// let r = robustness(&portfolio, &plan, &stratfund::Catalog::default(), &settings).unwrap();
/// assert_eq!(r.funded.dim(), (8, 30));
/// assert!(r.core_index().iter().all(|c| (0.0..=1.0).contains(c)));
/// ```
pub fn robustness(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog, settings: &Settings) -> Result<Robustness> {
    robustness_range(portfolio, plan, catalog, settings, 0..settings.scenarios, Control::default())
}

/// Re-optimises the scenarios of `range` in parallel (one tick per scenario), stopping when asked.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) for invalid inputs or settings;
/// [`Error::Usage`](crate::Error::Usage) for an empty range; [`Error::Solver`](crate::Error::Solver) when
/// HiGHS fails (naming the baseline or the scenario index; of several, the baseline's or else the
/// first scenario's, and the scenarios after it are skipped);
/// [`Error::Interrupted`](crate::Error::Interrupted) once `control.stop` is set. A scenario without a
/// solution is not an error: it is that scenario's status.
pub fn robustness_range(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    settings: &Settings,
    range: Range<usize>,
    control: Control<'_>,
) -> Result<Robustness> {
    settings.check()?;
    super::check_range(&range)?;
    // Each scenario keeps its funded flags twice (as solved, then in the matrix) and its status.
    let per_scenario = 2 * portfolio.projects.len() + 64;
    if let Some(needed) = crate::memory::beyond_memory(range.len(), per_scenario) {
        return Err(Error::Validation(vec![Problem::plan(
            "simulate.scenarios",
            "out_of_range",
            format!(
                "{} scenarios of {} projects need {needed} for their results: use fewer scenarios, or run them in \
                 ranges of scenario indices and merge the results",
                range.len(),
                portfolio.projects.len()
            ),
        )]));
    }
    let mut plan = plan.clone();
    // One HiGHS thread per solve, the same on every worker (HiGHS keeps one scheduler per thread).
    plan.solver.threads = Some(1);
    let sampler = Sampler::new(settings, portfolio, &plan)?;
    // The proposals are checked once: the draws change what funding costs the state, not the rules.
    let checked = check(portfolio, &plan, catalog)?;
    let mut solved = solve_with_baseline(&checked, &sampler, range.clone(), control)?;
    let baseline = solved.remove(0).2;
    let mut funded = Array2::from_elem((range.len(), portfolio.projects.len()), false);
    for (mut row, (_, _, flags)) in funded.axis_iter_mut(Axis(0)).zip(&solved) {
        row.iter_mut().zip(flags).for_each(|(cell, f)| *cell = *f);
    }
    Ok(Robustness {
        project_ids: portfolio.projects.iter().map(|p| p.id.clone()).collect(),
        first_scenario: range.start,
        funded,
        objective: solved.iter().map(|(_, o, _)| o.unwrap_or(f64::NAN)).collect(),
        status: solved.iter().map(|(s, _, _)| *s).collect(),
        baseline_funded: baseline,
    })
}

/// A scenario's solve: its status, objective and funded flags (portfolio order).
type Solved = (Status, Option<f64>, Vec<bool>);

/// Solves the baseline and re-optimises the scenarios of `range`, all in parallel: the baseline
/// first, then the scenarios in range order. The baseline is one more step beside the scenarios,
/// not a sequential step before them, and has no tick (one per scenario). Of several errors, the
/// first in that order is returned, naming the baseline or the scenario, and the steps after it
/// are skipped ([`Control::in_parallel_parts`]).
fn solve_with_baseline(
    checked: &Checked<'_>,
    sampler: &Sampler<'_>,
    range: Range<usize>,
    control: Control<'_>,
) -> Result<Vec<Solved>> {
    control.in_parallel_parts(0..range.len() + 1, |step, _| {
        let Some(k) = step.checked_sub(1).map(|j| range.start + j) else {
            return funded_only(checked, Search::Cold, None, control.stop).map_err(|e| e.within("the baseline"));
        };
        let draws = sampler.draws(k);
        let (extra, impact): (Vec<f64>, Vec<f64>) = draws.iter().map(|d| (d.extra_state, d.impact)).unzip();
        let terms = ScenarioTerms { extra: &extra, impact: &impact };
        let solved = funded_only(checked, Search::InMargin, Some(&terms), control.stop)
            .map_err(|e| e.within(&format!("robustness scenario {k}")))?;
        (control.tick)(1);
        Ok(solved)
    })
}

/// One project's draws in a robustness scenario, and the state money they add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioDraw {
    /// Project id.
    pub id: String,
    /// Cost overrun multiplier M (LogNormal).
    pub overrun: f64,
    /// Enterprise delivery fraction D (Beta).
    pub delivery: f64,
    /// Impact multiplier K (LogNormal with mean 1; exactly 1 when `impact_sigma` is 0).
    pub impact: f64,
    /// The state money the draws add at full scale, `C max(M - 1, 0) + (1 - D) e`, where e is the
    /// enterprise money of the project funded with its least state money; at scale y the project
    /// takes `extra_state x y` more, spread over its years like its cost.
    pub extra_state: f64,
}

/// The draws of robustness scenario `index`, one per project in portfolio order, as the run with
/// the same settings draws them: to see why a scenario re-optimised as it did.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) for out-of-range settings or invalid inputs.
///
/// # Examples
///
/// ```
/// use stratfund::simulate::{scenario_draws, Settings};
/// let config = stratfund::demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let catalog = stratfund::Catalog::default();
/// let draws = scenario_draws(&portfolio, &plan, &catalog, &Settings::default(), 2)?;
/// assert_eq!(draws.len(), 30);
/// assert!(draws.iter().all(|d| d.extra_state >= 0.0 && d.impact == 1.0));
/// assert_eq!(draws, scenario_draws(&portfolio, &plan, &catalog, &Settings::default(), 2)?);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn scenario_draws(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    settings: &Settings,
    index: usize,
) -> Result<Vec<ScenarioDraw>> {
    settings.check()?;
    check(portfolio, plan, catalog)?;
    Ok(Sampler::new(settings, portfolio, plan)?.draws(index))
}

/// The distributions of a scenario's draws, the seed of the scenarios' streams, and per project
/// its id, its cost and the enterprise money the draws apply to.
struct Sampler<'a> {
    seed: u64,
    draws: super::Distributions,
    /// (id, C, e at least state money) per project.
    projects: Vec<(&'a str, f64, f64)>,
}

impl<'a> Sampler<'a> {
    fn new(settings: &Settings, portfolio: &'a Portfolio, plan: &Plan) -> Result<Sampler<'a>> {
        let projects =
            portfolio.projects.iter().map(|p| (p.id.as_str(), p.cost, enterprise_at_least_state(p, plan))).collect();
        Ok(Sampler { seed: settings.seed, draws: super::Distributions::new(settings)?, projects })
    }

    /// The draws of scenario `index`, one per project.
    fn draws(&self, index: usize) -> Vec<ScenarioDraw> {
        let mut rng = super::scenario_rng(self.seed, index);
        self.projects
            .iter()
            .map(|&(id, cost, enterprise)| {
                // statrs's LogNormal draw: exp of the normal draw (the same bits).
                let overrun = self.draws.exp(rng.sample(self.draws.log_overrun));
                let delivery = self.draws.delivery_fraction(&mut rng);
                let impact: f64 = self.draws.impact.map_or(1.0, |dist| rng.sample(dist));
                // The state covers the overrun and the enterprise shortfall, as in `evaluate`.
                let extra_state = cost * (overrun - 1.0).max(0.0) + enterprise * (1.0 - delivery);
                ScenarioDraw { id: id.to_string(), overrun, delivery, impact, extra_state }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each scenario's decision is as good as solving its inputs from scratch: the search in the
    /// margin of the LP relaxation only provides a starting point (or a proof).
    #[test]
    fn scenario_optima_equal_independent_solves() {
        let config = crate::demo::DemoConfig { projects: 80, seed: 5, ..Default::default() };
        let portfolio = crate::demo::generate_portfolio(&config);
        let plan = crate::demo::generate_plan(&portfolio, &config, 0.4);
        let catalog = Catalog::default();
        let settings = Settings { scenarios: 12, cost_overrun_sigma: 0.4, impact_sigma: 0.5, ..Settings::default() };
        let r = robustness(&portfolio, &plan, &catalog, &settings).unwrap();
        let stop = std::sync::atomic::AtomicBool::new(false);
        let mut single = plan.clone();
        single.solver.threads = Some(1);
        let checked = check(&portfolio, &single, &catalog).unwrap();
        for k in 0..settings.scenarios {
            let draws = scenario_draws(&portfolio, &plan, &catalog, &settings, k).unwrap();
            let extra: Vec<f64> = draws.iter().map(|d| d.extra_state).collect();
            let impact: Vec<f64> = draws.iter().map(|d| d.impact).collect();
            let terms = ScenarioTerms { extra: &extra, impact: &impact };
            let (status, objective, _) = funded_only(&checked, Search::Plain, Some(&terms), &stop).unwrap();
            assert_eq!(status, r.status[k], "scenario {k}");
            if let Some(alone) = objective {
                let gap = 2.0 * plan.solver.mip_rel_gap * alone.abs().max(1.0);
                assert!((r.objective[k] - alone).abs() <= gap, "scenario {k}: {} vs {alone}", r.objective[k]);
            }
        }
    }
}
