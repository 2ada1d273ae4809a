//! pyo3 wrappers only: conversion, errors, GIL release. No domain logic here.
//!
//! Data crosses the boundary as the JSON of FORMATS.md (the Python layer in `python/stratfund`
//! turns it into dicts and DataFrames); work runs with the GIL released.

mod errors;

use pyo3::prelude::*;

use crate::demo::{generate_plan, generate_portfolio, DemoConfig};
use crate::io::json::to_string_pretty;
use crate::{io, validate, Catalog, Plan, Portfolio};

fn catalog_from(json: Option<&str>) -> crate::Result<Catalog> {
    json.map_or_else(|| Ok(Catalog::default()), |text| Catalog::from_json_str(text, "<catalog>"))
}

/// The catalog as JSON: the compiled-in one, or the file at `path`.
#[pyfunction]
#[pyo3(signature = (path=None))]
fn catalog_json(py: Python<'_>, path: Option<String>) -> PyResult<String> {
    py.detach(|| {
        let catalog = path.map_or_else(|| Ok(Catalog::default()), Catalog::from_path)?;
        Ok(to_string_pretty(&catalog)?)
    })
}

/// Reads a portfolio file (.json or .csv) and returns its canonical JSON.
#[pyfunction]
fn read_portfolio_json(py: Python<'_>, path: String) -> PyResult<String> {
    py.detach(|| Ok(to_string_pretty(&io::read_portfolio(&path)?)?))
}

/// Reads a plan file (.json or .toml) and returns its canonical JSON.
#[pyfunction]
fn read_plan_json(py: Python<'_>, path: String) -> PyResult<String> {
    py.detach(|| Ok(to_string_pretty(&io::read_plan(&path)?)?))
}

/// Parses portfolio JSON (unknown fields, wrong types are errors) and returns it canonical.
#[pyfunction]
fn normalize_portfolio_json(py: Python<'_>, text: String) -> PyResult<String> {
    py.detach(|| Ok(to_string_pretty(&io::portfolio_from_json(&text, "<portfolio>")?)?))
}

/// Parses plan JSON and returns it canonical.
#[pyfunction]
fn normalize_plan_json(py: Python<'_>, text: String) -> PyResult<String> {
    py.detach(|| Ok(to_string_pretty(&io::plan_from_json(&text, "<plan>")?)?))
}

/// Writes portfolio JSON to a .json or .csv file.
#[pyfunction]
fn write_portfolio(py: Python<'_>, text: String, path: String) -> PyResult<()> {
    py.detach(|| Ok(io::write_portfolio(&io::portfolio_from_json(&text, "<portfolio>")?, &path)?))
}

/// Writes plan JSON to a .json or .toml file.
#[pyfunction]
fn write_plan(py: Python<'_>, text: String, path: String) -> PyResult<()> {
    py.detach(|| Ok(io::write_plan(&io::plan_from_json(&text, "<plan>")?, &path)?))
}

/// Validates portfolio and plan JSON; returns the report (problems and ineligible) as JSON.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, catalog=None))]
fn validate_json(py: Python<'_>, portfolio: String, plan: String, catalog: Option<String>) -> PyResult<String> {
    py.detach(|| {
        let portfolio: Portfolio = io::portfolio_from_json(&portfolio, "<portfolio>")?;
        let plan: Plan = io::plan_from_json(&plan, "<plan>")?;
        let catalog = catalog_from(catalog.as_deref())?;
        Ok(to_string_pretty(&validate(&portfolio, &plan, &catalog))?)
    })
}

/// Solves portfolio and plan JSON; returns the allocation JSON (FORMATS.md).
#[pyfunction]
#[pyo3(signature = (portfolio, plan, catalog=None))]
fn solve_json(py: Python<'_>, portfolio: String, plan: String, catalog: Option<String>) -> PyResult<String> {
    py.detach(|| {
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
    py.detach(|| {
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
    py.detach(|| {
        let config = DemoConfig { projects, seed, years, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, coverage);
        Ok((to_string_pretty(&portfolio)?, to_string_pretty(&plan)?))
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
    m.add_function(wrap_pyfunction!(render_allocation, m)?)?;
    Ok(())
}
