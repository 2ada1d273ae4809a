//! pyo3 wrappers only: conversion, errors, GIL release. No domain logic here.
//!
//! Portfolios and plans live in the core as Rust values (`PortfolioCore`, `PlanCore`); results
//! cross as FORMATS.md JSON, which the Python layer in `python/stratfund` turns into DataFrames.

mod columns;
mod documents;
mod errors;
mod fork;
mod monitoring;
mod reports;
mod studies;
mod waiting;

use std::sync::Arc;

use pyo3::prelude::*;

use crate::{io, validate, Catalog};
use documents::{PyAllocation, PyPlan, PyPortfolio};
use waiting::{guarded, interruptible};

/// Compact JSON of a result.
fn compact<T: serde::Serialize>(value: &T) -> crate::Result<String> {
    serde_json::to_string(value).map_err(|e| crate::Error::usage(format!("cannot write JSON: {e}")))
}

/// `result` of reading JSON that Python generated from the caller's dicts and lists: its parse
/// errors name the project and field but no line or column of that generated text.
fn in_memory<T>(result: crate::Result<T>) -> crate::Result<T> {
    result.map_err(crate::Error::without_positions)
}

fn catalog_from(json: Option<&str>) -> crate::Result<Catalog> {
    json.map_or_else(|| Ok(Catalog::default()), |text| in_memory(Catalog::from_json_str(text, "<catalog>")))
}

/// The catalog as JSON: the compiled-in one, or the file at `path`.
#[pyfunction]
#[pyo3(signature = (path=None))]
fn catalog_json(py: Python<'_>, path: Option<String>) -> PyResult<String> {
    guarded(py, || compact(&path.map_or_else(|| Ok(Catalog::default()), Catalog::from_path)?))
}

/// Validates a portfolio and a plan; returns the report (problems and ineligible) as JSON.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, catalog=None))]
fn validate_json(py: Python<'_>, portfolio: &PyPortfolio, plan: &PyPlan, catalog: Option<String>) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    guarded(py, move || compact(&validate(&portfolio, &plan, &catalog_from(catalog.as_deref())?)))
}

/// The notes on a plan for a portfolio (allowed, probably not meant), those that need the catalog
/// included, as a JSON list.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, catalog=None))]
fn notes_json(py: Python<'_>, portfolio: &PyPortfolio, plan: &PyPlan, catalog: Option<String>) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    guarded(py, move || compact(&crate::model::every_note(&portfolio, &plan, &catalog_from(catalog.as_deref())?)))
}

/// Solves; returns the allocation JSON (FORMATS.md). Ctrl-C stops the solver.
#[pyfunction]
#[pyo3(signature = (portfolio, plan, catalog=None))]
fn solve_json(py: Python<'_>, portfolio: &PyPortfolio, plan: &PyPlan, catalog: Option<String>) -> PyResult<String> {
    let (portfolio, plan) = (Arc::clone(&portfolio.0), Arc::clone(&plan.0));
    interruptible(py, move |stop| {
        let catalog = catalog_from(catalog.as_deref())?;
        compact(&crate::optimize::solve_with_stop(&portfolio, &plan, &catalog, stop)?)
    })
}

/// Renders allocation JSON (and so checks its structure) as a plain-text summary (`text`), the
/// per-project CSV of the command line (`csv`), or as a Markdown report or a standalone HTML page
/// in a language (`en`, `vi`) with the catalog's group names.
#[pyfunction]
#[pyo3(signature = (allocation, format="text", lang="en", catalog=None))]
fn render_allocation(
    py: Python<'_>,
    allocation: String,
    format: &str,
    lang: &str,
    catalog: Option<String>,
) -> PyResult<String> {
    let (format, lang) = (format.to_string(), lang.to_string());
    guarded(py, move || {
        let allocation = allocation_from(&allocation)?;
        match format.as_str() {
            "text" => {
                let language: crate::report::Language = lang.parse().map_err(crate::Error::usage)?;
                return Ok(crate::report::summary_in(&allocation, language));
            }
            "csv" => return crate::report::projects_csv(&allocation),
            _ => {}
        }
        render_with_figures(
            &format,
            &lang,
            catalog.as_deref(),
            |catalog, language| crate::report::markdown_in(&allocation, catalog, language),
            |language| crate::report::allocation_chart(&allocation, language).into_iter().collect(),
        )
    })
}

/// Allocation JSON from Python, its errors located in `<allocation>`.
pub(crate) fn allocation_from(json: &str) -> crate::Result<crate::Allocation> {
    io::allocation_from_json(json, "<allocation>")
}

/// A Markdown report (`format` `markdown`) or its standalone HTML page (`html`), written by
/// `markdown` in the language `lang` (`en`, `vi`) with the names of the catalog (JSON).
pub(crate) fn render_in(
    format: &str,
    lang: &str,
    catalog: Option<&str>,
    markdown: impl FnOnce(&Catalog, crate::report::Language) -> String,
) -> crate::Result<String> {
    render_with_figures(format, lang, catalog, markdown, |_| Vec::new())
}

/// [`render_in`], the HTML page with the `figures` (inline SVG charts) drawn in its language.
pub(crate) fn render_with_figures(
    format: &str,
    lang: &str,
    catalog: Option<&str>,
    markdown: impl FnOnce(&Catalog, crate::report::Language) -> String,
    figures: impl FnOnce(crate::report::Language) -> Vec<String>,
) -> crate::Result<String> {
    let language: crate::report::Language = lang.parse().map_err(crate::Error::usage)?;
    let text = markdown(&catalog_from(catalog)?, language);
    match format {
        "markdown" => Ok(text),
        "html" => Ok(crate::report::html_page_with_figures(&text, language, &figures(language))),
        other => Err(crate::Error::usage(format!("unknown report format `{other}`: use markdown or html"))),
    }
}

/// The compiled core of stratfund.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    fork::register();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyPortfolio>()?;
    m.add_class::<PyPlan>()?;
    m.add_class::<PyAllocation>()?;
    m.add_function(wrap_pyfunction!(catalog_json, m)?)?;
    m.add_function(wrap_pyfunction!(validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(notes_json, m)?)?;
    m.add_function(wrap_pyfunction!(solve_json, m)?)?;
    m.add_function(wrap_pyfunction!(render_allocation, m)?)?;
    m.add_function(wrap_pyfunction!(documents::generate_demo, m)?)?;
    m.add_function(wrap_pyfunction!(documents::read_inputs, m)?)?;
    studies::register(m)?;
    monitoring::register(m)?;
    reports::register(m)?;
    Ok(())
}
