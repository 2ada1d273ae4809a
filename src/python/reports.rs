//! Reports of documents that Python holds as JSON (monitoring, re-plans, studies), as Markdown or
//! as HTML pages in English or Vietnamese.

use pyo3::prelude::*;

use super::{guarded, render_in, render_with_figures};
use crate::io::json::from_str_located;
use crate::report;
use crate::simulate::{EvaluationDocument, RobustnessDocument};

/// Renders a document given as JSON as Markdown or an HTML page (`format`) in a language (`en`,
/// `vi`) with the catalog's names. `kind`: `monitor` (monitoring report), `replan`, `comparison`,
/// `frontier`, `evaluation` or `robustness` (the documents of `stratfund::simulate`).
#[pyfunction]
#[pyo3(signature = (kind, document, format="markdown", lang="en", catalog=None))]
fn render_report(
    py: Python<'_>,
    kind: &str,
    document: String,
    format: &str,
    lang: &str,
    catalog: Option<String>,
) -> PyResult<String> {
    let (kind, format, lang) = (kind.to_string(), format.to_string(), lang.to_string());
    guarded(py, move || {
        let catalog = catalog.as_deref();
        let place = format!("<{kind}>");
        match kind.as_str() {
            "monitor" => {
                let r = from_str_located(&document, &place)?;
                render_in(&format, &lang, catalog, |c, l| report::monitor_markdown_in(&r, c, l))
            }
            "replan" => {
                let r = from_str_located(&document, &place)?;
                render_in(&format, &lang, catalog, |c, l| report::replan_markdown_in(&r, c, l))
            }
            "comparison" => {
                let r = from_str_located(&document, &place)?;
                let figures = |l| vec![report::comparison_chart(&r, l)];
                render_with_figures(&format, &lang, catalog, |_, l| report::comparison_markdown_in(&r, l), figures)
            }
            "frontier" => {
                let r = from_str_located(&document, &place)?;
                let figures = |l| report::frontier_chart(&r, l).into_iter().collect();
                render_with_figures(&format, &lang, catalog, |_, l| report::frontier_markdown_in(&r, l), figures)
            }
            "evaluation" => {
                let r: EvaluationDocument = from_str_located(&document, &place)?;
                let figures = |l| report::evaluation_chart(&r, l).into_iter().collect();
                render_with_figures(
                    &format,
                    &lang,
                    catalog,
                    |c, l| report::evaluation_document_markdown_in(&r, c, l),
                    figures,
                )
            }
            "robustness" => {
                let r: RobustnessDocument = from_str_located(&document, &place)?;
                let figures = |l| report::robustness_chart(&r, l).into_iter().collect();
                render_with_figures(
                    &format,
                    &lang,
                    catalog,
                    |_, l| report::robustness_document_markdown_in(&r, l),
                    figures,
                )
            }
            other => Err(crate::Error::usage(format!(
                "unknown report kind `{other}`: use monitor, replan, comparison, frontier, evaluation or robustness"
            ))),
        }
    })
}

/// Adds the report functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(render_report, m)?)?;
    Ok(())
}
