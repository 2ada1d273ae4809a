//! Solving several scenarios and comparing them with the baseline.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Applied, Control, Scenario, ScenarioSet, BASELINE};
use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};
use crate::model::{check_excluding, release_ineligible_mandatory, Checked, Plan, Portfolio};
use crate::optimize::{solve_checked_with_stop, Allocation, Status};

/// The schema marker of comparison files.
pub const COMPARISON_SCHEMA: &str = "stratfund.comparison/1";

/// Key figures of one allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// How the solve ended.
    pub status: Status,
    /// The objective (weighted value or state money); null when infeasible.
    pub objective: Option<f64>,
    /// Relative gap; null when infeasible.
    pub gap: Option<f64>,
    /// Unweighted expected value of the funded projects.
    pub expected_value: f64,
    /// Funded projects.
    pub funded: usize,
    /// State money.
    pub state: f64,
    /// Enterprise money.
    pub enterprise: f64,
    /// Academia money.
    pub academia: f64,
    /// (enterprise + academia) / state; null when no state money is spent.
    pub leverage: Option<f64>,
    /// Total state budget sum_t B_t.
    pub budget: f64,
    /// State money / budget; null when the budget is 0.
    pub budget_used: Option<f64>,
    /// Ineligible or unfundable projects.
    pub ineligible: usize,
    /// Seconds spent in HiGHS.
    pub solve_seconds: f64,
}

impl Kpis {
    /// The key figures of an allocation made under `plan`.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{demo, scenario::Kpis};
    /// let config = demo::DemoConfig { projects: 20, ..Default::default() };
    /// let portfolio = demo::generate_portfolio(&config);
    /// let plan = demo::generate_plan(&portfolio, &config, 0.45);
    /// let allocation = stratfund::solve(&portfolio, &plan)?;
    /// let k = Kpis::of(&allocation, &plan);
    /// assert_eq!((k.funded, k.state), (allocation.totals.funded, allocation.totals.state));
    /// assert_eq!(k.budget_used, Some(allocation.totals.state / plan.total_budget()));
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn of(allocation: &Allocation, plan: &Plan) -> Kpis {
        let t = &allocation.totals;
        let budget = plan.total_budget();
        Kpis {
            status: allocation.status,
            objective: allocation.objective,
            gap: allocation.gap,
            expected_value: t.expected_value,
            funded: t.funded,
            state: t.state,
            enterprise: t.enterprise,
            academia: t.academia,
            leverage: t.leverage,
            budget,
            budget_used: (budget > 0.0).then(|| t.state / budget),
            ineligible: allocation.ineligible.len(),
            solve_seconds: allocation.solve_seconds,
        }
    }
}

/// One scenario's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioOutcome {
    /// Scenario name (`baseline` for the unmodified inputs).
    pub name: String,
    /// Key figures.
    pub kpis: Kpis,
    /// Projects funded here but not in the baseline, in portfolio order.
    pub entering: Vec<String>,
    /// Projects funded in the baseline but not here, in portfolio order.
    pub leaving: Vec<String>,
    /// Mandatory projects, and projects a `min_state_spend` objective names, that the scenario's
    /// overrides make ineligible or unfundable (for example an enterprise shortfall): no longer
    /// required in this scenario. A project the scenario forces, or one ineligible in the
    /// baseline, stays an input error.
    #[serde(default)]
    pub released: Vec<String>,
    /// The full allocation.
    pub allocation: Allocation,
}

impl ScenarioOutcome {
    /// Why each leaving project is unfunded in this scenario: its reason in the scenario's
    /// allocation, by id.
    ///
    /// ```
    /// use stratfund::{demo, scenario::{compare, Scenario}, Catalog};
    /// let config = demo::DemoConfig { projects: 40, ..Default::default() };
    /// let portfolio = demo::generate_portfolio(&config);
    /// let plan = demo::generate_plan(&portfolio, &config, 0.45);
    /// let cut = Scenario { budget_scale: 0.5, ..Scenario::named("cut") };
    /// let c = compare(&portfolio, &plan, &Catalog::default(), &[cut])?;
    /// let reasons = c.scenarios[1].leaving_reasons();
    /// assert_eq!(reasons.len(), c.scenarios[1].leaving.len());
    /// let scenario = &c.scenarios[1].allocation;
    /// assert!(reasons.iter().all(|(id, r)| scenario.project(id).unwrap().reason.as_ref() == Some(r)));
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn leaving_reasons(&self) -> BTreeMap<String, String> {
        let reason = |id: &String| self.allocation.project(id).and_then(|p| p.reason.clone());
        self.leaving.iter().filter_map(|id| Some((id.clone(), reason(id)?))).collect()
    }
}

/// The baseline and every scenario, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Format marker, `stratfund.comparison/1`.
    pub schema: String,
    /// The baseline first, then the scenarios in the order given.
    pub scenarios: Vec<ScenarioOutcome>,
}

/// Solves the baseline and each scenario. See [`compare_with`].
///
/// # Errors
///
/// As [`compare_with`].
///
/// # Examples
///
/// ```
/// use stratfund::scenario::{compare, Scenario};
/// use stratfund::{demo, Catalog};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let cut = Scenario { budget_scale: 0.7, ..Scenario::named("cut") };
/// let c = compare(&portfolio, &plan, &Catalog::default(), &[cut])?;
/// let (baseline, cut) = (&c.scenarios[0], &c.scenarios[1]);
/// assert_eq!((baseline.name.as_str(), cut.name.as_str()), ("baseline", "cut"));
/// assert!(cut.kpis.expected_value <= baseline.kpis.expected_value + 1e-6);
/// assert!((cut.kpis.budget - 0.7 * baseline.kpis.budget).abs() < 1e-6 * baseline.kpis.budget);
/// assert!(cut.kpis.state <= cut.kpis.budget * (1.0 + 1e-6)); // spent within the cut budget
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn compare(portfolio: &Portfolio, plan: &Plan, catalog: &Catalog, scenarios: &[Scenario]) -> Result<Comparison> {
    compare_with(portfolio, plan, catalog, scenarios, Control::default())
}

/// Solves the unmodified inputs (`baseline`) and each scenario, in parallel, reporting progress
/// (one tick per solve) and stopping when asked. Every scenario is checked before anything is
/// solved, so bad scenarios fail fast with all their problems at once.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) for invalid inputs or scenarios (every problem of
/// every scenario, each naming the scenario and field), before anything is solved; [`Error::Solver`](crate::Error::Solver) when
/// HiGHS fails (naming the scenario; of several, the first in order);
/// [`Error::Interrupted`](crate::Error::Interrupted) once `control.stop` is set. An infeasible scenario is
/// not an error: it is that scenario's status.
///
/// # Examples
///
/// ```
/// use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
/// use stratfund::scenario::{compare_with, Control, Scenario};
/// use stratfund::{demo, Catalog};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let scenarios = [Scenario { enterprise_scale: 0.8, ..Scenario::named("shortfall") }];
/// let (solved, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
/// let tick = |n: usize| {
///     solved.fetch_add(n, Ordering::Relaxed);
/// };
/// let control = Control { stop: &stop, tick: &tick };
/// let c = compare_with(&portfolio, &plan, &Catalog::default(), &scenarios, control)?;
/// assert_eq!(solved.into_inner(), 2); // the baseline and one scenario
/// assert_eq!(c.scenarios.len(), 2);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn compare_with(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    scenarios: &[Scenario],
    control: Control<'_>,
) -> Result<Comparison> {
    ScenarioSet { schema: super::SCENARIOS_SCHEMA.into(), scenarios: scenarios.to_vec() }.check_names()?;
    // Every scenario's overrides are checked, and all their problems reported at once.
    let baseline = Scenario::named(BASELINE);
    let mut applied = Error::every_problem(
        std::iter::once(&baseline)
            .chain(scenarios)
            .map(|s| s.apply(portfolio, plan, catalog).map(|a| (s.name.clone(), a))),
    )?;
    let mut released = vec![Vec::new(); applied.len()];
    for (((_, a), ids), scenario) in applied.iter_mut().zip(&mut released).skip(1).zip(scenarios) {
        if let Err(Error::Validation(problems)) = check_excluding(&a.portfolio, &a.plan, catalog, &a.excluded) {
            // A project the scenario itself forces stays an input error.
            let releasable: Vec<Problem> = problems
                .into_iter()
                .filter(|p| p.project.as_ref().is_none_or(|id| !scenario.force.contains(id)))
                .collect();
            *ids = release_ineligible_mandatory(&mut a.portfolio, &mut a.plan, &releasable);
        }
    }
    // Validate all of them first: a typo in the last scenario should not cost the other solves.
    // The inputs first (their problems would otherwise repeat in every scenario), then every
    // scenario's problems at once.
    let baseline = check_applied(catalog, &applied[0])?;
    let scenarios = Error::every_problem(applied.iter().skip(1).map(|named| check_applied(catalog, named)))?;
    let checked: Vec<Checked<'_>> = std::iter::once(baseline).chain(scenarios).collect();
    let names: Vec<&str> = applied.iter().map(|(name, _)| name.as_str()).collect();
    let allocations = solve_all(&checked, &names, control)?;
    let mut outcomes: Vec<ScenarioOutcome> = Vec::with_capacity(applied.len());
    for (((name, a), allocation), released) in applied.iter().zip(allocations).zip(released) {
        let (entering, leaving) = match outcomes.first() {
            Some(baseline) => changes(&baseline.allocation, &allocation),
            None => (Vec::new(), Vec::new()),
        };
        let kpis = Kpis::of(&allocation, &a.plan);
        outcomes.push(ScenarioOutcome { name: name.clone(), kpis, entering, leaving, released, allocation });
    }
    Ok(Comparison { schema: COMPARISON_SCHEMA.to_string(), scenarios: outcomes })
}

/// The inputs of a named scenario, checked; problems name the scenario.
fn check_applied<'a>(catalog: &'a Catalog, (name, a): &'a (String, Applied)) -> Result<Checked<'a>> {
    check_excluding(&a.portfolio, &a.plan, catalog, &a.excluded).map_err(|e| e.within(&scenario_named(name)))
}

/// Solves every checked input in parallel (they are independent; each solve is as
/// [`solve_checked_with_stop`] alone, so the result does not depend on the number of threads),
/// in order, one tick per solve; of several errors, the first input's, naming its scenario
/// ([`Control::in_parallel`]).
fn solve_all(checked: &[Checked<'_>], names: &[&str], control: Control<'_>) -> Result<Vec<Allocation>> {
    control.in_parallel(0..checked.len(), |k| {
        solve_checked_with_stop(&checked[k], control.stop).map_err(|e| e.within(&scenario_named(names[k])))
    })
}

/// How errors name a scenario.
fn scenario_named(name: &str) -> String {
    format!("scenario `{name}`")
}

/// Projects funded in `after` but not in `before`, and the other way round (portfolio order).
pub(crate) fn changes(before: &Allocation, after: &Allocation) -> (Vec<String>, Vec<String>) {
    let was: BTreeSet<&str> = before.projects.iter().filter(|p| p.funded).map(|p| p.id.as_str()).collect();
    let now: BTreeSet<&str> = after.projects.iter().filter(|p| p.funded).map(|p| p.id.as_str()).collect();
    let entering = after.projects.iter().filter(|p| p.funded && !was.contains(p.id.as_str())).map(|p| p.id.clone());
    let leaving = before.projects.iter().filter(|p| p.funded && !now.contains(p.id.as_str())).map(|p| p.id.clone());
    (entering.collect(), leaving.collect())
}

impl Comparison {
    /// The outcome of a scenario by name.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{demo, scenario};
    /// let config = demo::DemoConfig { projects: 30, ..Default::default() };
    /// let portfolio = demo::generate_portfolio(&config);
    /// let plan = demo::generate_plan(&portfolio, &config, 0.45);
    /// let mut cut = scenario::Scenario::named("cut");
    /// cut.budget_scale = 0.5;
    /// let c = scenario::compare(&portfolio, &plan, &stratfund::Catalog::default(), &[cut])?;
    /// let outcome = c.scenario("cut").unwrap();
    /// assert!(outcome.kpis.state <= 0.5 * plan.total_budget() + 1e-6);
    /// assert!(c.scenario("boost").is_none());
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn scenario(&self, name: &str) -> Option<&ScenarioOutcome> {
        self.scenarios.iter().find(|s| s.name == name)
    }
}
