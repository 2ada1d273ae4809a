//! Bindings of the scenario studies and simulations: inputs in, JSON or numpy arrays out.

use std::sync::Arc;

use numpy::{IntoPyArray, PyArray1, PyArray2, PyReadonlyArray2};
use pyo3::prelude::*;

use super::documents::{PyAllocation, PyPlan, PyPortfolio};
use super::waiting::{interruptible, study};
use super::{catalog_from, compact, in_memory};
use crate::scenario::{self, ScenarioSet};
use crate::simulate::{self, Settings};

fn settings_from(json: &str) -> crate::Result<Settings> {
    in_memory(crate::io::json::from_str_located(json, "<settings>"))
}

/// Solves the baseline and each scenario (JSON of a scenario file); returns the comparison JSON.
/// `progress` (as for every study here) is called with the number of finished solves.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, scenarios, catalog=None, progress=None))]
fn compare_json(
    py: Python<'_>,
    portfolio: &PyPortfolio,
    plan: &PyPlan,
    scenarios: String,
    catalog: Option<String>,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    study(py, progress.as_ref(), move |control| {
        let set: ScenarioSet = in_memory(scenario::scenarios_from_json(&scenarios, "<scenarios>"))?;
        let catalog = catalog_from(catalog.as_deref())?;
        compact(&scenario::compare_with(&portfolio, &plan, &catalog, &set.scenarios, control)?)
    })
}

/// The budget frontier as JSON.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, levels, catalog=None, progress=None))]
fn frontier_json(
    py: Python<'_>,
    portfolio: &PyPortfolio,
    plan: &PyPlan,
    levels: Vec<f64>,
    catalog: Option<String>,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    study(py, progress.as_ref(), move |control| {
        let catalog = catalog_from(catalog.as_deref())?;
        compact(&scenario::frontier_with(&portfolio, &plan, &catalog, &levels, control)?)
    })
}

/// The policy sweep as JSON (`stratfund.sweep/1`: the baseline and the points).
#[pyfunction]
#[pyo3(signature = (portfolio, plan, market, strategic, catalog=None, progress=None))]
fn sweep_json(
    py: Python<'_>,
    portfolio: &PyPortfolio,
    plan: &PyPlan,
    market: Vec<f64>,
    strategic: Vec<f64>,
    catalog: Option<String>,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    study(py, progress.as_ref(), move |control| {
        let catalog = catalog_from(catalog.as_deref())?;
        compact(&scenario::policy_sweep_with(&portfolio, &plan, &catalog, &market, &strategic, control)?)
    })
}

type Evaluated<'py> = (
    String,
    Vec<String>,
    Vec<String>,
    Bound<'py, PyArray2<bool>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<f64>>,
);

/// Monte Carlo evaluation of an allocation over the scenarios `start..stop` (default: all
/// of `settings.scenarios`): the summary JSON, the column ids and groups, and the success,
/// delivered-value and extra-state-money matrices (scenarios x funded projects).
#[pyfunction]
#[pyo3(signature = (portfolio, allocation, settings, start=0, stop=None))]
fn evaluate_arrays<'py>(
    py: Python<'py>,
    portfolio: &PyPortfolio,
    allocation: &PyAllocation,
    settings: String,
    start: usize,
    stop: Option<usize>,
) -> PyResult<Evaluated<'py>> {
    let (portfolio, allocation) = (Arc::clone(&portfolio.0), Arc::clone(&allocation.0));
    let (summary, d) = interruptible(py, move |_| {
        let settings = settings_from(&settings)?;
        let range = start..stop.unwrap_or(settings.scenarios);
        let evaluation = simulate::evaluate_range(&portfolio, &allocation, &settings, range)?;
        Ok((compact(&evaluation.summary)?, evaluation.draws))
    })?;
    let (success, value, extra) =
        (d.success.into_pyarray(py), d.value.into_pyarray(py), d.extra_state.into_pyarray(py));
    Ok((summary, d.project_ids, d.groups, success, value, extra))
}

/// The full settings (defaults filled in) of the given ones, as JSON, once checked: what a run
/// with them draws from, and what its saved result records.
#[pyfunction]
fn simulation_settings(py: Python<'_>, settings: String) -> PyResult<String> {
    super::guarded(py, move || {
        let settings = settings_from(&settings)?;
        settings.check()?;
        compact(&settings)
    })
}

/// The summary JSON of merged draws (chunks stacked in scenario order).
#[pyfunction]
fn summarize_arrays(
    py: Python<'_>,
    groups: Vec<String>,
    success: PyReadonlyArray2<'_, bool>,
    value: PyReadonlyArray2<'_, f64>,
    extra_state: PyReadonlyArray2<'_, f64>,
    value_expected: f64,
    settings: String,
) -> PyResult<String> {
    let matrices = (success.as_array(), value.as_array(), extra_state.as_array());
    let work =
        move || compact(&simulate::summarize_matrices(&groups, matrices, value_expected, &settings_from(&settings)?)?);
    super::guarded(py, work)
}

type Robust<'py> = (String, Bound<'py, PyArray2<bool>>, Bound<'py, PyArray1<f64>>, Vec<String>);

/// Robustness over the scenarios `start..stop` (default: all of `settings.scenarios`): the
/// per-project entries as JSON (id, core index, class, baseline decision), the funded matrix
/// (scenarios x projects), and the objective and status of each scenario.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, settings, catalog=None, start=0, stop=None, progress=None))]
#[allow(clippy::too_many_arguments)] // the Python signature: inputs, a scenario range, a callback
fn robustness_arrays<'py>(
    py: Python<'py>,
    portfolio: &PyPortfolio,
    plan: &PyPlan,
    settings: String,
    catalog: Option<String>,
    start: usize,
    stop: Option<usize>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Robust<'py>> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    let r = study(py, progress.as_ref(), move |control| {
        let settings = settings_from(&settings)?;
        let catalog = catalog_from(catalog.as_deref())?;
        let range = start..stop.unwrap_or(settings.scenarios);
        simulate::robustness_range(&portfolio, &plan, &catalog, &settings, range, control)
    })?;
    let entries = compact(&r.entries())?;
    let status = r.status.iter().map(|s| s.as_str().to_string()).collect();
    Ok((entries, r.funded.into_pyarray(py), r.objective.into_pyarray(py), status))
}

/// The draws of robustness scenario `index` (one per project: overrun, delivery, impact and the
/// extra state money at full scale), as JSON.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, settings, index, catalog=None))]
fn scenario_draws_json(
    py: Python<'_>,
    portfolio: &PyPortfolio,
    plan: &PyPlan,
    settings: String,
    index: usize,
    catalog: Option<String>,
) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    super::guarded(py, move || {
        let settings = settings_from(&settings)?;
        compact(&simulate::scenario_draws(&portfolio, &plan, &catalog_from(catalog.as_deref())?, &settings, index)?)
    })
}

/// The per-project entries JSON of a funded matrix (chunks stacked in scenario order).
#[pyfunction]
fn core_entries_json(
    py: Python<'_>,
    project_ids: Vec<String>,
    funded: PyReadonlyArray2<'_, bool>,
    baseline_funded: Vec<bool>,
) -> PyResult<String> {
    let funded = funded.as_array().to_owned();
    super::guarded(py, move || compact(&simulate::core_entries(&project_ids, funded.view(), &baseline_funded)?))
}

/// A scenario file (`.json` or `.toml`), read and checked by the core, as JSON.
#[pyfunction]
fn scenarios_json(py: Python<'_>, path: String) -> PyResult<String> {
    super::guarded(py, || compact(&scenario::read_scenarios(&path)?))
}

/// The demo scenario file as JSON.
#[pyfunction]
fn demo_scenarios_json(py: Python<'_>) -> PyResult<String> {
    super::guarded(py, || compact(&crate::demo::scenarios()?))
}

/// Adds the study functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(compare_json, m)?)?;
    m.add_function(wrap_pyfunction!(frontier_json, m)?)?;
    m.add_function(wrap_pyfunction!(sweep_json, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(robustness_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(summarize_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(simulation_settings, m)?)?;
    m.add("EVALUATION_SCHEMA", simulate::EVALUATION_SCHEMA)?;
    m.add("ROBUSTNESS_SCHEMA", simulate::ROBUSTNESS_SCHEMA)?;
    m.add_function(wrap_pyfunction!(core_entries_json, m)?)?;
    m.add_function(wrap_pyfunction!(scenario_draws_json, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios_json, m)?)?;
    m.add_function(wrap_pyfunction!(demo_scenarios_json, m)?)?;
    Ok(())
}
