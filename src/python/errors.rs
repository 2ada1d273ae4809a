//! The one mapping from [`crate::Error`] to Python exceptions.
//!
//! The exception classes live in `stratfund.exceptions` (pure Python, so that `ValidationError` can
//! be both a `StratfundError` and a `ValueError`); this module raises them with structured details.

use pyo3::exceptions::{PyFileNotFoundError, PyKeyboardInterrupt, PyOSError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::Error;

impl From<Error> for PyErr {
    fn from(error: Error) -> PyErr {
        Python::attach(|py| to_pyerr(py, &error))
    }
}

fn to_pyerr(py: Python<'_>, error: &Error) -> PyErr {
    let message = error.to_string();
    let (class, problems) = match error {
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            return PyFileNotFoundError::new_err(message)
        }
        Error::Io { .. } => return PyOSError::new_err(message),
        Error::Interrupted => return PyKeyboardInterrupt::new_err("stratfund: the solve was interrupted"),
        Error::Validation(problems) => ("ValidationError", serde_json::to_string(problems)),
        Error::Parse(parse) => ("ValidationError", serde_json::to_string(parse.as_slice())),
        Error::Usage(_) => ("ValidationError", Ok("[]".to_string())),
        Error::Solver(_) => ("SolverError", Ok("[]".to_string())),
    };
    raise(py, class, message.clone(), problems.unwrap_or_else(|_| "[]".into()))
        .unwrap_or_else(|e| PyRuntimeError::new_err(format!("{message} (and raising it failed: {e})")))
}

fn raise(py: Python<'_>, class: &str, message: String, problems_json: String) -> PyResult<PyErr> {
    let module = py.import("stratfund.exceptions")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("problems_json", problems_json)?;
    let instance = module.getattr(class)?.call((message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}
