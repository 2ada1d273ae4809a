//! pyo3 wrappers only: conversion, errors, GIL release. No domain logic here.
//!
//! Data crosses the boundary as the JSON of FORMATS.md (the Python layer in `python/stratfund`
//! turns it into dicts and DataFrames); work runs with the GIL released.

mod columns;
mod errors;

use pyo3::prelude::*;

/// Runs core work with the GIL released; a core error becomes the mapped exception, and a panic
/// (a bug) becomes a `SolverError` instead of crossing into Python.
fn guarded<T: Send>(py: Python<'_>, work: impl FnOnce() -> crate::Result<T> + Send) -> PyResult<T> {
    let outcome = py.detach(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)));
    match outcome {
        Ok(result) => result.map_err(PyErr::from),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(crate::Error::Solver(format!("internal error in stratfund (please report it): {what}")).into())
        }
    }
}

use crate::demo::{generate_plan, generate_portfolio, DemoConfig};
use crate::io::json::to_string_pretty;

/// Canonical compact JSON of a document (what the Python objects hold).
fn compact<T: serde::Serialize>(value: &T) -> crate::Result<String> {
    serde_json::to_string(value).map_err(|e| crate::Error::usage(format!("cannot write JSON: {e}")))
}
use crate::{io, validate, Catalog, Plan, Portfolio};

fn catalog_from(json: Option<&str>) -> crate::Result<Catalog> {
    json.map_or_else(|| Ok(Catalog::default()), |text| Catalog::from_json_str(text, "<catalog>"))
}

/// The catalog as JSON: the compiled-in one, or the file at `path`.
#[pyfunction]
#[pyo3(signature = (path=None))]
fn catalog_json(py: Python<'_>, path: Option<String>) -> PyResult<String> {
    guarded(py, || {
        let catalog = path.map_or_else(|| Ok(Catalog::default()), Catalog::from_path)?;
        Ok(to_string_pretty(&catalog)?)
    })
}

/// Reads a portfolio file (.json or .csv) and returns its canonical JSON.
#[pyfunction]
fn read_portfolio_json(py: Python<'_>, path: String) -> PyResult<String> {
    guarded(py, || compact(&io::read_portfolio(&path)?))
}

/// Reads a plan file (.json or .toml) and returns its canonical JSON.
#[pyfunction]
fn read_plan_json(py: Python<'_>, path: String) -> PyResult<String> {
    guarded(py, || compact(&io::read_plan(&path)?))
}

/// Parses portfolio JSON (unknown fields, wrong types are errors) and returns it canonical.
#[pyfunction]
fn normalize_portfolio_json(py: Python<'_>, text: String) -> PyResult<String> {
    guarded(py, || compact(&io::portfolio_from_json(&text, "<portfolio>")?))
}

/// Parses plan JSON and returns it canonical.
#[pyfunction]
fn normalize_plan_json(py: Python<'_>, text: String) -> PyResult<String> {
    guarded(py, || compact(&io::plan_from_json(&text, "<plan>")?))
}

/// Writes portfolio JSON to a .json or .csv file.
#[pyfunction]
fn write_portfolio(py: Python<'_>, text: String, path: String) -> PyResult<()> {
    guarded(py, || Ok(io::write_portfolio(&io::portfolio_from_json(&text, "<portfolio>")?, &path)?))
}

/// Writes plan JSON to a .json or .toml file.
#[pyfunction]
fn write_plan(py: Python<'_>, text: String, path: String) -> PyResult<()> {
    guarded(py, || Ok(io::write_plan(&io::plan_from_json(&text, "<plan>")?, &path)?))
}

/// Validates portfolio and plan JSON; returns the report (problems and ineligible) as JSON.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, catalog=None))]
fn validate_json(py: Python<'_>, portfolio: String, plan: String, catalog: Option<String>) -> PyResult<String> {
    guarded(py, || {
        let portfolio: Portfolio = io::portfolio_from_json(&portfolio, "<portfolio>")?;
        let plan: Plan = io::plan_from_json(&plan, "<plan>")?;
        let catalog = catalog_from(catalog.as_deref())?;
        Ok(to_string_pretty(&validate(&portfolio, &plan, &catalog))?)
    })
}

/// Builds a portfolio from columns ((name, list) pairs, as a DataFrame holds them) and returns its
/// canonical JSON; errors name the row, the project id and the field.
#[pyfunction]
#[pyo3(signature = (columns, currency_unit, catalog=None))]
fn portfolio_from_columns(
    py: Python<'_>,
    columns: Vec<(String, Bound<'_, PyAny>)>,
    currency_unit: String,
    catalog: Option<String>,
) -> PyResult<String> {
    let typed = columns
        .iter()
        .map(|(name, values)| Ok((name.clone(), columns::read_column(name, values)?)))
        .collect::<PyResult<Vec<_>>>()?;
    guarded(py, move || {
        let mut portfolio = io::columns::portfolio_from_columns(typed, "<DataFrame>")?;
        portfolio.currency_unit = currency_unit;
        portfolio.catalog = catalog;
        compact(&portfolio)
    })
}

/// The projects of portfolio JSON as (column name, list) pairs, for a DataFrame.
#[pyfunction]
fn portfolio_columns<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    let typed = guarded(py, || Ok(io::columns::portfolio_to_columns(&io::portfolio_from_json(&text, "<portfolio>")?)))?;
    columns::write_columns(py, typed)
}

/// Solves portfolio and plan JSON; returns the allocation JSON (FORMATS.md).
#[pyfunction]
#[pyo3(signature = (portfolio, plan, catalog=None))]
fn solve_json(py: Python<'_>, portfolio: String, plan: String, catalog: Option<String>) -> PyResult<String> {
    guarded(py, || {
        let portfolio: Portfolio = io::portfolio_from_json(&portfolio, "<portfolio>")?;
        let plan: Plan = io::plan_from_json(&plan, "<plan>")?;
        let catalog = catalog_from(catalog.as_deref())?;
        let allocation = crate::solve_with(&portfolio, &plan, &catalog)?;
        serde_json::to_string(&allocation)
            .map_err(|e| crate::Error::Solver(format!("cannot write the allocation: {e}")).into())
    })
}

/// Renders allocation JSON as a plain-text summary or Markdown report.
#[pyfunction]
#[pyo3(signature = (allocation, markdown=false))]
fn render_allocation(py: Python<'_>, allocation: String, markdown: bool) -> PyResult<String> {
    guarded(py, || {
        let allocation: crate::Allocation = crate::io::json::from_str_located(&allocation, "<allocation>")?;
        Ok(if markdown { crate::report::markdown(&allocation) } else { crate::report::summary(&allocation) })
    })
}

/// Generates a synthetic portfolio and plan; returns both as JSON.
#[pyfunction]
#[pyo3(signature = (projects=300, seed=57, years=5, coverage=0.45))]
fn generate_demo_json(
    py: Python<'_>,
    projects: usize,
    seed: u64,
    years: u32,
    coverage: f64,
) -> PyResult<(String, String)> {
    guarded(py, || {
        let config = DemoConfig { projects, seed, years, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, coverage);
        Ok((compact(&portfolio)?, compact(&plan)?))
    })
}

/// The compiled core of stratfund.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(catalog_json, m)?)?;
    m.add_function(wrap_pyfunction!(read_portfolio_json, m)?)?;
    m.add_function(wrap_pyfunction!(read_plan_json, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_portfolio_json, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_plan_json, m)?)?;
    m.add_function(wrap_pyfunction!(write_portfolio, m)?)?;
    m.add_function(wrap_pyfunction!(write_plan, m)?)?;
    m.add_function(wrap_pyfunction!(validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(generate_demo_json, m)?)?;
    m.add_function(wrap_pyfunction!(solve_json, m)?)?;
    m.add_function(wrap_pyfunction!(portfolio_from_columns, m)?)?;
    m.add_function(wrap_pyfunction!(portfolio_columns, m)?)?;
    m.add_function(wrap_pyfunction!(render_allocation, m)?)?;
    Ok(())
}
