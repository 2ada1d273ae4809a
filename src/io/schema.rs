//! Which stratfund document a file is. A file given in the wrong place (a portfolio as the plan)
//! fails on its first unexpected field; its `schema` marker says what it is instead, and the error
//! says so.

use crate::error::{ParseError, ReadRule, Result};

/// `result`, unless parsing failed on a document whose top-level `schema` names another stratfund
/// document than `expected`: then an error (field `schema`) saying which document the file is.
///
/// ```
/// use stratfund::io;
/// let portfolio = r#"{"schema": "stratfund.portfolio/1", "projects": []}"#;
/// let err = io::plan_from_json(portfolio, "inputs/plan.json").unwrap_err().to_string();
/// assert!(err.contains("the file is a `stratfund.portfolio/1` document, not `stratfund.plan/1`"), "{err}");
/// let typo = r#"{"schema": "stratfund.plan/1", "yeras": [2026]}"#;
/// let err = io::plan_from_json(typo, "plan.json").unwrap_err().to_string();
/// assert!(err.contains("unknown field `yeras`"), "the usual error for a plan: {err}");
/// ```
pub(crate) fn expecting<T>(result: Result<T>, text: &str, file: &str, expected: &str) -> Result<T> {
    let Err(error) = result else { return result };
    match schema_of(text) {
        Some(found) if found != expected && found.starts_with("stratfund.") => {
            let message = format!("the file is a `{found}` document, not `{expected}`: check which file goes where");
            Err(ParseError::new(file, ReadRule::WrongDocument, message).in_field(Some("schema".to_string())).into())
        }
        _ => Err(error),
    }
}

/// The top-level `schema` string of a JSON or TOML document.
fn schema_of(text: &str) -> Option<String> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        return value.get("schema")?.as_str().map(str::to_string);
    }
    let table: ::toml::Table = ::toml::from_str(text).ok()?;
    table.get("schema")?.as_str().map(str::to_string)
}
