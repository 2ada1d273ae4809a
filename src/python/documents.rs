//! The inputs held as Rust values inside Python objects (no JSON between calls). Frozen and
//! shared through `Arc`, so work on them runs with the GIL released.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::{columns, compact, guarded, in_memory};
use crate::demo::{generate_plan, generate_portfolio, DemoConfig};
use crate::io;
use crate::{Plan, Portfolio};

/// A validated-format portfolio held by the core.
#[pyclass(name = "PortfolioCore", module = "stratfund._core", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyPortfolio(pub(crate) Arc<Portfolio>);

/// A plan held by the core.
#[pyclass(name = "PlanCore", module = "stratfund._core", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyPlan(pub(crate) Arc<Plan>);

/// An allocation held by the core, so that repeated Monte Carlo runs on it do not parse its
/// JSON again (3 ms at 1,000 projects).
#[pyclass(name = "AllocationCore", module = "stratfund._core", frozen)]
pub(crate) struct PyAllocation(pub(crate) Arc<crate::Allocation>);

#[pymethods]
impl PyAllocation {
    /// Parses FORMATS.md allocation JSON.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        guarded(py, || Ok(Self(Arc::new(super::allocation_from(&text)?))))
    }

    /// Reads an allocation JSON file (`io::read_allocation`: a `.csv`, `.md` or `.html` table or
    /// report says to give the JSON file).
    #[staticmethod]
    fn from_path(py: Python<'_>, path: String) -> PyResult<Self> {
        guarded(py, || Ok(Self(Arc::new(io::read_allocation(&path)?))))
    }

    /// FORMATS.md JSON, compact or pretty (as the CLI writes it).
    #[pyo3(signature = (pretty=false))]
    fn to_json(&self, py: Python<'_>, pretty: bool) -> PyResult<String> {
        let allocation = Arc::clone(&self.0);
        guarded(py, move || json_text(&*allocation, pretty))
    }
}

fn json_text<T: serde::Serialize>(value: &T, pretty: bool) -> crate::Result<String> {
    if pretty {
        io::json::to_string_pretty(value)
    } else {
        compact(value)
    }
}

#[pymethods]
impl PyPortfolio {
    /// Parses FORMATS.md portfolio JSON (unknown fields and wrong types are errors).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        guarded(py, || Ok(Self(Arc::new(in_memory(io::portfolio_from_json(&text, "<portfolio>"))?))))
    }

    /// Reads a `.json` or `.csv` portfolio file.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: String) -> PyResult<Self> {
        guarded(py, || Ok(Self(Arc::new(io::read_portfolio(&path)?))))
    }

    /// Builds a portfolio from (column name, list) pairs; errors name row, project id and field,
    /// for every cell that cannot be read.
    #[staticmethod]
    #[pyo3(signature = (columns, currency_unit, catalog=None))]
    fn from_columns(
        py: Python<'_>,
        columns: Vec<(String, Bound<'_, PyAny>)>,
        currency_unit: String,
        catalog: Option<String>,
    ) -> PyResult<Self> {
        let ids = columns::row_ids(&columns);
        let mut faults = Vec::new();
        let mut typed = Vec::with_capacity(columns.len());
        for (name, values) in &columns {
            if let Some(column) = columns::read_column(name, values, &ids, &mut faults)? {
                typed.push((name.clone(), column));
            }
        }
        guarded(py, move || {
            let mut portfolio = io::columns::portfolio_from_read_columns(typed, "<DataFrame>", faults)?;
            portfolio.currency_unit = currency_unit;
            portfolio.catalog = catalog;
            Ok(Self(Arc::new(portfolio)))
        })
    }

    /// The projects as (column name, list) pairs, for a DataFrame.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let portfolio = Arc::clone(&self.0);
        let typed = guarded(py, move || Ok(io::columns::portfolio_to_columns(&portfolio)))?;
        columns::write_columns(py, typed)
    }

    /// FORMATS.md JSON, compact or pretty.
    #[pyo3(signature = (pretty=false))]
    fn to_json(&self, py: Python<'_>, pretty: bool) -> PyResult<String> {
        let portfolio = Arc::clone(&self.0);
        guarded(py, move || json_text(&*portfolio, pretty))
    }

    /// Writes a `.json` or `.csv` file.
    fn write(&self, py: Python<'_>, path: String) -> PyResult<()> {
        let portfolio = Arc::clone(&self.0);
        guarded(py, move || io::write_portfolio(&portfolio, &path))
    }

    /// The currency unit.
    #[getter]
    fn currency_unit(&self) -> String {
        self.0.currency_unit.clone()
    }

    fn __len__(&self) -> usize {
        self.0.projects.len()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let constructor = py.get_type::<Self>().getattr("from_json")?;
        PyTuple::new(py, [constructor, PyTuple::new(py, [self.to_json(py, false)?])?.into_any()])
    }
}

/// Reads a portfolio file and a plan file at once (`io::read_inputs`): the parse errors of both in
/// one error, and files given the wrong way round said to be.
#[pyfunction]
pub(crate) fn read_inputs(py: Python<'_>, portfolio: String, plan: String) -> PyResult<(PyPortfolio, PyPlan)> {
    guarded(py, || {
        let (portfolio, plan) = io::read_inputs(&portfolio, &plan)?;
        Ok((PyPortfolio(Arc::new(portfolio)), PyPlan(Arc::new(plan))))
    })
}

#[pymethods]
impl PyPlan {
    /// Parses FORMATS.md plan JSON.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        guarded(py, || Ok(Self(Arc::new(in_memory(io::plan_from_json(&text, "<plan>"))?))))
    }

    /// Reads a `.json` or `.toml` plan file.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: String) -> PyResult<Self> {
        guarded(py, || Ok(Self(Arc::new(io::read_plan(&path)?))))
    }

    /// FORMATS.md JSON, compact or pretty.
    #[pyo3(signature = (pretty=false))]
    fn to_json(&self, py: Python<'_>, pretty: bool) -> PyResult<String> {
        let plan = Arc::clone(&self.0);
        guarded(py, move || json_text(&*plan, pretty))
    }

    /// Writes a `.json` or `.toml` file.
    fn write(&self, py: Python<'_>, path: String) -> PyResult<()> {
        let plan = Arc::clone(&self.0);
        guarded(py, move || io::write_plan(&plan, &path))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let constructor = py.get_type::<Self>().getattr("from_json")?;
        PyTuple::new(py, [constructor, PyTuple::new(py, [self.to_json(py, false)?])?.into_any()])
    }
}

/// Generates a synthetic portfolio and plan.
#[pyfunction]
#[pyo3(signature = (projects=300, seed=57, years=5, coverage=0.45))]
pub(crate) fn generate_demo(
    py: Python<'_>,
    projects: usize,
    seed: u64,
    years: u32,
    coverage: f64,
) -> PyResult<(PyPortfolio, PyPlan)> {
    guarded(py, || {
        let config = DemoConfig { projects, seed, years, ..DemoConfig::default() };
        config.check(coverage)?;
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, coverage);
        Ok((PyPortfolio(Arc::new(portfolio)), PyPlan(Arc::new(plan))))
    })
}
