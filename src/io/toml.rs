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
        let named = |prefix: &str| message.split(prefix).nth(1).and_then(|rest| rest.split('`').next());
        let whole_document =
            err.span().is_some_and(|span| span.start == 0 && (span.end == 0 || span.end >= text.trim_end().len()));
        let field = match (named("unknown field `"), named("missing field `")) {
            (Some(unknown), _) => Some(unknown.to_string()),
            (None, Some(missing)) if whole_document => Some(missing.to_string()),
            (None, Some(missing)) => Some(match table_at(text, err.span().map_or(0, |span| span.start)) {
                Some(table) => format!("{table}.{missing}"),
                None => missing.to_string(),
            }),
            (None, None) => key_on_line(text, line),
        };
        ParseError::new(file, message).at(line, column).in_field(field).into()
    })
}

/// The table that starts at `offset`: a header `[a.b]` or `[[a]]`, or an inline table
/// `key = { ... }`.
fn table_at(text: &str, offset: usize) -> Option<String> {
    let rest = text.get(offset..)?;
    if rest.starts_with('[') {
        let header = rest.lines().next()?.trim_start_matches('[');
        return Some(header.split(']').next()?.trim().to_string());
    }
    if rest.starts_with('{') {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let (key, _) = text[line_start..offset].split_once('=')?;
        return Some(key.trim().trim_matches('"').to_string());
    }
    None
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
        assert!(e.contains("field `state_budget`: missing field"), "{e}");
        let e = err("[state_budget]\n2026 = 1.0\n");
        assert!(e.contains("field `years`: missing field"), "{e}");
        let plan = "years = [2026]\nstate_budget = { 2026 = 1.0 }\n";
        let e = err(&format!("{plan}[objective]\nmin_value = 3\n"));
        assert!(e.contains("plan.toml:3:1: field `objective.kind`: missing field `kind`"), "{e}");
        let e = err(&format!("{plan}objective = {{ min_value = 3 }}\n"));
        assert!(e.contains("field `objective.kind`: missing field `kind`"), "{e}");
        let scenarios = "[[scenarios]]\nname = \"a\"\n[[scenarios]]\nbudget_scale = 0.5\n";
        let e = crate::scenario::scenarios_from_toml(scenarios, "s.toml").unwrap_err().to_string();
        assert!(e.contains("s.toml:3:1: field `scenarios.name`: missing field `name`"), "{e}");
    }
}
