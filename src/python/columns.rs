//! Conversion between Python values (DataFrame columns via `Series.tolist()` in, lists and numpy
//! arrays out) and typed core columns. Conversion only: which kind each column is, and every
//! default, live in `crate::io::columns`.

use std::collections::BTreeMap;

use numpy::IntoPyArray;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString, PyTuple};

use crate::io::cells::CellError;
use crate::io::columns::{column_kind, Column, ColumnKind};
use crate::model::CostProfile;
use crate::{ParseError, ReadRule};

/// An error at a cell: row (1-based), project id when the row has one, and column.
fn error(name: &str, row: usize, ids: &[String], cell: CellError) -> ParseError {
    let id = ids.get(row).filter(|id| !id.trim().is_empty()).cloned();
    ParseError::new("<DataFrame>", cell.rule, cell.message)
        .at(Some(row + 1), None)
        .in_project(id)
        .in_field(Some(name.to_string()))
}

/// The ids of the rows (text of the `id` column), to name the project in a cell's error.
pub(crate) fn row_ids(columns: &[(String, Bound<'_, PyAny>)]) -> Vec<String> {
    let Some((_, values)) = columns.iter().find(|(name, _)| name == "id") else { return Vec::new() };
    let Ok(items) = values.try_iter() else { return Vec::new() };
    items.map(|item| item.and_then(|i| text(&i)).unwrap_or_default()).collect()
}

/// None, float NaN (pandas' missing value), `pd.NA` and `NaT` (the missing values of pandas'
/// nullable dtypes, as `DataFrame.convert_dtypes()` makes them) and blank text (an empty CSV cell
/// read as text) are missing.
fn missing(item: &Bound<'_, PyAny>) -> bool {
    item.is_none()
        || item.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
        || item.cast::<PyString>().is_ok_and(|s| s.to_str().is_ok_and(|t| t.trim().is_empty()))
        || pandas_missing(item)
}

/// `pd.NA` or `pd.NaT`, known by their types' names (pandas need not be importable here).
fn pandas_missing(item: &Bound<'_, PyAny>) -> bool {
    item.get_type().name().is_ok_and(|name| name.to_str().is_ok_and(|n| matches!(n, "NAType" | "NaTType")))
}

fn text(item: &Bound<'_, PyAny>) -> PyResult<String> {
    match item.cast::<PyString>() {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(item.str()?.to_string()),
    }
}

/// Reads one Python column into a typed core column (`ids`: the rows' project ids, for errors).
/// A cell that cannot be read is added to `faults` (and left empty), so that one call reports
/// every bad cell; an unknown column is added there too, and gives None.
pub(crate) fn read_column(
    name: &str,
    values: &Bound<'_, PyAny>,
    ids: &[String],
    faults: &mut Vec<ParseError>,
) -> PyResult<Option<Column>> {
    let Some(kind) = column_kind(name) else {
        let message = match [';', '\t'].into_iter().find(|c| name.contains(*c)) {
            Some(c) => CellError::new(
                ReadRule::WrongSeparator,
                format!(
                    "unknown column `{name}`: it holds several columns separated by {c:?}; read the file with \
                     `pd.read_csv(path, sep={c:?})`"
                ),
            ),
            None => CellError::new(ReadRule::UnknownField, crate::io::csv::unknown_column(name)),
        };
        faults.push(error(name, 0, &[], message));
        return Ok(None);
    };
    let items: Vec<Bound<'_, PyAny>> = values.try_iter()?.collect::<PyResult<_>>()?;
    let mut cells = Cells { name, ids, faults };
    Ok(Some(match kind {
        ColumnKind::Text => Column::Text(cells.read(&items, |item| text(item).map_err(unreadable))),
        ColumnKind::Number | ColumnKind::Integer | ColumnKind::CostYear(_) => {
            Column::Number(cells.read(&items, number))
        }
        ColumnKind::Flag => Column::Flag(cells.read(&items, flag)),
        ColumnKind::List => Column::List(cells.read(&items, list).into_iter().map(Option::unwrap_or_default).collect()),
        ColumnKind::Profile => Column::Profile(cells.read(&items, profile)),
        ColumnKind::Categories => Column::Categories(cells.read(&items, categories)),
    }))
}

/// The cells of one column being read, and where their errors go.
struct Cells<'a> {
    name: &'a str,
    ids: &'a [String],
    faults: &'a mut Vec<ParseError>,
}

impl Cells<'_> {
    /// Reads each item with `read`: missing items and items that cannot be read (their error
    /// recorded with its row) are None.
    fn read<T>(
        &mut self,
        items: &[Bound<'_, PyAny>],
        read: impl Fn(&Bound<'_, PyAny>) -> Result<T, CellError>,
    ) -> Vec<Option<T>> {
        let mut cell = |(row, item): (usize, &Bound<'_, PyAny>)| {
            if missing(item) {
                return None;
            }
            read(item).map_err(|m| self.faults.push(error(self.name, row, self.ids, m))).ok()
        };
        items.iter().enumerate().map(&mut cell).collect()
    }
}

/// The error of a Python object whose `str()` fails.
fn unreadable(e: PyErr) -> CellError {
    CellError::wrong_type(format!("cannot read the value as text: {e}"))
}

/// A number, or text that reads as one (a column read with `dtype=str`), as the CSV reader reads it.
fn number(item: &Bound<'_, PyAny>) -> Result<f64, CellError> {
    if let Ok(s) = item.cast::<PyString>() {
        return crate::io::cells::number_cell(&s.to_string());
    }
    item.extract::<f64>()
        .map_err(|_| CellError::wrong_type(format!("cannot read `{}` as a number", text(item).unwrap_or_default())))
}

fn flag(item: &Bound<'_, PyAny>) -> Result<bool, CellError> {
    if let Ok(b) = item.extract::<bool>() {
        return Ok(b);
    }
    if let Ok(x) = item.extract::<f64>() {
        return Ok(x != 0.0);
    }
    match text(item).map_err(unreadable)?.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" | "" => Ok(false),
        other => Err(CellError::wrong_type(format!("cannot read `{other}` as true/false"))),
    }
}

/// A list cell: a list (or any iterable) of names, or text as FORMATS.md writes lists.
fn list(item: &Bound<'_, PyAny>) -> Result<Vec<String>, CellError> {
    if missing(item) {
        return Ok(Vec::new());
    }
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(crate::io::cells::list_cell(&s.to_string()));
    }
    let names = item.try_iter().map_err(|_| {
        CellError::wrong_type(format!("cannot read `{}` as a list of names", text(item).unwrap_or_default()))
    })?;
    names.map(|x| x.and_then(|x| text(&x)).map_err(unreadable)).collect()
}

fn profile(item: &Bound<'_, PyAny>) -> Result<CostProfile, CellError> {
    if let Ok(s) = item.cast::<PyString>() {
        let s = s.to_string();
        return crate::io::cells::profile_cell(&s).map_err(|e| e.after(&format!("cannot read the profile `{s}`: ")));
    }
    if let Ok(d) = item.cast::<PyDict>() {
        let mut amounts = BTreeMap::new();
        for (k, v) in d.iter() {
            let year = k.extract::<i32>().ok().or_else(|| text(&k).ok().and_then(|t| t.trim().parse().ok()));
            let year = year
                .ok_or_else(|| CellError::invalid_value(format!("`{}` is not a year", text(&k).unwrap_or_default())))?;
            let amount = v
                .extract::<f64>()
                .map_err(|_| CellError::wrong_type(format!("the amount of {year} is not a number")))?;
            amounts.insert(year, amount);
        }
        return Ok(CostProfile::Amounts(amounts));
    }
    item.extract::<Vec<f64>>()
        .map(CostProfile::Shares)
        .map_err(|_| CellError::wrong_type("expected a list of shares or a map of amounts"))
}

/// A `cost_categories` cell: a dict of amounts by category, or text as the CSV cell writes it.
fn categories(item: &Bound<'_, PyAny>) -> Result<BTreeMap<String, f64>, CellError> {
    if let Ok(s) = item.cast::<PyString>() {
        return crate::io::cells::categories_cell(&s.to_string());
    }
    let d = item.cast::<PyDict>().map_err(|_| {
        CellError::wrong_type(format!(
            "cannot read `{}` as cost categories: give a dict of amounts by category",
            text(item).unwrap_or_default()
        ))
    })?;
    let mut amounts = BTreeMap::new();
    for (k, v) in d.iter() {
        let category = text(&k).map_err(unreadable)?;
        let amount = number(&v).map_err(|e| e.after(&format!("the amount of `{category}`: ")))?;
        amounts.insert(category, amount);
    }
    Ok(amounts)
}

/// Writes typed core columns as (name, values) pairs: numbers as numpy arrays (pandas takes them
/// without reading each cell), the rest as lists.
pub(crate) fn write_columns<'py>(py: Python<'py>, columns: Vec<(String, Column)>) -> PyResult<Bound<'py, PyList>> {
    let pairs = PyList::empty(py);
    for (name, column) in columns {
        let integer = column_kind(&name) == Some(ColumnKind::Integer);
        let values = match column {
            Column::Text(v) => v.into_pyobject(py)?.into_any(),
            Column::Number(v) => numbers(py, v, integer),
            Column::Flag(v) => v.into_pyobject(py)?.into_any(),
            Column::List(v) => v.into_pyobject(py)?.into_any(),
            Column::Profile(v) => {
                let out = PyList::empty(py);
                for p in v {
                    match p {
                        None => out.append(py.None())?,
                        Some(CostProfile::Shares(s)) => out.append(s)?,
                        Some(CostProfile::Amounts(m)) => out.append(m)?,
                    }
                }
                out.into_any()
            }
            Column::Categories(v) => {
                let out = PyList::empty(py);
                for c in v {
                    match c {
                        Some(c) if !c.is_empty() => out.append(c)?,
                        _ => out.append(py.None())?,
                    }
                }
                out.into_any()
            }
        };
        pairs.append(PyTuple::new(py, [name.into_pyobject(py)?.into_any(), values])?)?;
    }
    Ok(pairs)
}

/// A number column as a numpy array, with the dtype pandas would infer from the list of values:
/// `int64` for a whole-number column without missing cells, else `float64` with NaN for missing.
fn numbers(py: Python<'_>, values: Vec<Option<f64>>, integer: bool) -> Bound<'_, PyAny> {
    if integer && values.iter().all(Option::is_some) {
        let whole: Vec<i64> = values.into_iter().map(|x| x.unwrap_or_default() as i64).collect();
        return whole.into_pyarray(py).into_any();
    }
    let floats: Vec<f64> = values.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect();
    floats.into_pyarray(py).into_any()
}
