//! TOML with located errors (file, line, column, field).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, ParseError, Result};

/// Deserializes `text`, turning any error into a [`ParseError`] that names file, line, column and field.
///
/// # Errors
///
/// [`Error::Parse`] when the text is not valid TOML for `T` (syntax, unknown field,
/// wrong type or value).
pub fn from_str_located<T: DeserializeOwned>(text: &str, file: &str) -> Result<T> {
    ::toml::from_str(text).map_err(|err: ::toml::de::Error| {
        let (line, column) = match err.span() {
            Some(span) => line_and_column(text, span.start),
            None => (None, None),
        };
        let message = err.message().trim().to_string();
        let field = ["unknown field `", "missing field `"]
            .iter()
            .find_map(|prefix| message.split(prefix).nth(1))
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
            .or_else(|| key_on_line(text, line));
        ParseError::new(file, message).at(line, column).in_field(field).into()
    })
}

/// TOML text of a value.
///
/// # Errors
///
/// [`Error::Usage`] when `value` cannot be written as TOML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String> {
    ::toml::to_string(value).map_err(|e| Error::usage(format!("cannot write TOML: {e}")))
}

fn line_and_column(text: &str, offset: usize) -> (Option<usize>, Option<usize>) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (Some(line), Some(column))
}

/// The key written on a line (`key = value`), to name the field of a type error.
fn key_on_line(text: &str, line: Option<usize>) -> Option<String> {
    let content = text.lines().nth(line? - 1)?;
    let (key, _) = content.split_once('=')?;
    Some(key.trim().trim_matches('"').to_string())
}

#[cfg(test)]
mod tests {
    fn err(text: &str) -> String {
        crate::io::plan_from_toml(text, "plan.toml").unwrap_err().to_string()
    }

    #[test]
    fn wrong_type_names_line_and_field() {
        let e = err("years = [2026]\ncarry_over = \"lots\"\n[state_budget]\n2026 = 1.0\n");
        assert!(e.starts_with("plan.toml:2:"), "{e}");
        assert!(e.contains("`carry_over`"), "{e}");
    }

    #[test]
    fn unknown_field_is_named() {
        let e = err("years = [2026]\nbudget_cut = 0.1\n[state_budget]\n2026 = 1.0\n");
        assert!(e.contains("budget_cut"), "{e}");
    }

    #[test]
    fn missing_field_is_named() {
        let e = err("years = [2026]\n");
        assert!(e.contains("state_budget"), "{e}");
    }
}
