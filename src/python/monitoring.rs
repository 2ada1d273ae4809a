//! Bindings of monitoring and re-planning: documents in, JSON out.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use super::documents::{PyPlan, PyPortfolio};
use super::{allocation_from, catalog_from, compact, guarded, in_memory};
use crate::io::tables::{refuse_other_table as refuse_other_table_in, Table};
use crate::monitor::{self, Period, Progress, ReplanPolicy};

fn progress_from(json: &str) -> crate::Result<Progress> {
    in_memory(crate::io::progress::progress_from_json(json, "<progress>"))
}

/// Reads progress records from a `.csv` or `.json` file; returns them as a JSON list of rows.
#[pyfunction]
fn read_progress_json(py: Python<'_>, path: String) -> PyResult<String> {
    guarded(py, move || compact(&crate::io::progress::read_progress(&path)?.records))
}

/// Writes progress records (JSON rows) to a `.csv` or `.json` file.
#[pyfunction]
fn write_progress(py: Python<'_>, progress: String, path: String) -> PyResult<()> {
    guarded(py, move || crate::io::progress::write_progress(&progress_from(&progress)?, &path))
}

/// The monitoring report (JSON) of an allocation (JSON) from its progress records (JSON rows).
#[pyfunction]
#[pyo3(signature = (portfolio, plan, allocation, progress, as_of=None))]
fn monitor_json(
    py: Python<'_>,
    portfolio: &PyPortfolio,
    plan: &PyPlan,
    allocation: String,
    progress: String,
    as_of: Option<String>,
) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    guarded(py, move || {
        let as_of =
            as_of.map(|p| p.parse::<Period>().map_err(|e| crate::Error::usage(format!("as_of: {e}")))).transpose()?;
        let report =
            monitor::monitor(&portfolio, &plan, &allocation_from(&allocation)?, &progress_from(&progress)?, as_of)?;
        compact(&report)
    })
}

/// The re-plan (JSON) of an allocation (JSON) from its progress records (JSON rows) under a policy
/// (JSON of `ReplanPolicy`).
#[pyfunction]
#[pyo3(signature = (portfolio, plan, allocation, progress, policy, catalog=None))]
fn replan_json(
    py: Python<'_>,
    portfolio: &PyPortfolio,
    plan: &PyPlan,
    allocation: String,
    progress: String,
    policy: String,
    catalog: Option<String>,
) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    guarded(py, move || {
        let policy: ReplanPolicy = in_memory(crate::io::json::from_str_located(&policy, "<policy>"))?;
        let catalog = catalog_from(catalog.as_deref())?;
        let (allocation, progress) = (allocation_from(&allocation)?, progress_from(&progress)?);
        compact(&monitor::replan(&portfolio, &plan, &catalog, &allocation, &progress, &policy)?)
    })
}

/// Synthetic progress records (JSON rows) of an allocation (JSON) for one year.
#[pyfunction]
#[pyo3(signature = (allocation, year=2026, seed=57))]
fn demo_progress_json(py: Python<'_>, allocation: String, year: i32, seed: u64) -> PyResult<String> {
    guarded(py, move || compact(&crate::demo::generate_progress(&allocation_from(&allocation)?, year, seed).records))
}

/// Adds the monitoring functions to the module.
/// `; did you mean `x`?` for the known name that `name` probably meant (as the core's readers
/// suggest it), else an empty string.
#[pyfunction]
fn did_you_mean(name: &str, known: Vec<String>) -> String {
    crate::io::names::did_you_mean(name, known.iter().map(String::as_str))
}

/// Raises the `wrong_document` ValidationError when `columns` (a DataFrame's columns and index
/// names, or the keys of records) are those of another of stratfund's tables than `expected`
/// (`portfolio` or `progress`): a progress table given as the portfolio, for example.
#[pyfunction]
fn refuse_other_table(py: Python<'_>, columns: Vec<String>, expected: &str, source: String) -> PyResult<()> {
    let table = match expected {
        "portfolio" => Table::Portfolio,
        "progress" => Table::Progress,
        other => return Err(PyValueError::new_err(format!("expected: `portfolio` or `progress`, not `{other}`"))),
    };
    guarded(py, move || refuse_other_table_in(columns.iter().map(String::as_str), table, &source))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(did_you_mean, m)?)?;
    m.add_function(wrap_pyfunction!(refuse_other_table, m)?)?;
    m.add_function(wrap_pyfunction!(read_progress_json, m)?)?;
    m.add_function(wrap_pyfunction!(write_progress, m)?)?;
    m.add_function(wrap_pyfunction!(monitor_json, m)?)?;
    m.add_function(wrap_pyfunction!(replan_json, m)?)?;
    m.add_function(wrap_pyfunction!(demo_progress_json, m)?)?;
    Ok(())
}
