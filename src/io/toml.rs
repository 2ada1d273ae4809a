//! TOML with located errors (file, line, column, field).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, ParseError, ReadRule, Result};

/// Deserializes `text`, turning any error into a [`ParseError`] that names file, line, column and field.
///
/// # Errors
///
/// [`Error::Parse`] when the text is not valid TOML for `T` (syntax, unknown field,
/// wrong type or value).
///
/// # Examples
///
/// ```
/// use stratfund::{io::toml, Error, Plan, ReadRule};
/// let text = "years = [2026]\ncarry_over = \"half\"\n[state_budget]\n2026 = 900.0\n";
/// let Err(Error::Parse(errors)) = toml::from_str_located::<Plan>(text, "plan.toml") else { panic!() };
/// let e = &errors.as_slice()[0];
/// assert_eq!((e.line, e.field.as_deref(), e.rule), (Some(2), Some("carry_over"), ReadRule::WrongType));
/// ```
pub fn from_str_located<T: DeserializeOwned>(text: &str, file: &str) -> Result<T> {
    // `path` is None for text that is not TOML (the parse), Some for a document of the wrong shape.
    let located = |path: Option<&serde_path_to_error::Path>, err: ::toml::de::Error| -> Error {
        let (line, column) = match err.span() {
            Some(span) => line_and_column(text, span.start),
            None => (None, None),
        };
        let message = super::plain::plain_expectation(&super::names::with_suggestion(err.message().trim()));
        let segments: Vec<_> = path.map(|p| p.iter().collect()).unwrap_or_default();
        let field = super::field_path(&segments, &message).or_else(|| key_on_line(text, line));
        let rule = match path {
            None if message.starts_with("duplicate key") => ReadRule::DuplicateField,
            None => ReadRule::Syntax,
            Some(_) => ReadRule::of_serde_message(&message),
        };
        ParseError::new(file, rule, message).at(line, column).in_field(field).into()
    };
    let de = ::toml::Deserializer::parse(text).map_err(|err| located(None, err))?;
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().clone();
        located(Some(&path), err.into_inner())
    })
}

/// TOML text of a value.
///
/// # Errors
///
/// [`Error::Usage`] when `value` cannot be written as TOML.
///
/// # Examples
///
/// ```
/// use stratfund::{io::toml, Plan};
/// let plan = Plan::new(vec![(2026, 900.0)]);
/// let text = toml::to_string(&plan)?;
/// assert_eq!(toml::from_str_located::<Plan>(&text, "plan.toml")?, plan);
/// # Ok::<(), stratfund::Error>(())
/// ```
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
        let e = err("years = [2026]\nstate_budget = { 2026 = 1.0 }\n[group_bounds.ai]\nmax_share = \"x\"\n");
        assert!(e.contains("plan.toml:4:13: field `group_bounds.ai.max_share`: invalid type"), "{e}");
        let scenarios =
            "[[scenarios]]\nname = \"a\"\n[[scenarios]]\nname = \"b\"\n[scenarios.group_weights]\nai = \"x\"\n";
        let e = crate::scenario::scenarios_from_toml(scenarios, "s.toml").unwrap_err().to_string();
        assert!(e.contains("s.toml:6:6: field `scenarios[1].group_weights.ai`: invalid type"), "{e}");
    }

    #[test]
    fn unknown_field_is_named() {
        let e = err("years = [2026]\nbudget_cut = 0.1\n[state_budget]\n2026 = 1.0\n");
        assert!(e.contains("plan.toml:2:1: field `budget_cut`: unknown field"), "{e}");
        let e = err("years = [2026]\nstate_budget = { 2026 = 1.0 }\n[group_bounds.ai]\nmax_shar = 0.3\n");
        assert!(e.contains("plan.toml:4:1: field `group_bounds.ai.max_shar`: unknown field"), "{e}");
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
        let e = err(&format!("{plan}[objective]\nkind = 3\n"));
        assert!(e.contains("plan.toml:4:8: field `objective.kind`: invalid type: integer `3`"), "{e}");
        let e = err(&format!("{plan}objective = {{ min_value = 3 }}\n"));
        assert!(e.contains("field `objective.kind`: missing field `kind`"), "{e}");
        let scenarios = "[[scenarios]]\nname = \"a\"\n[[scenarios]]\nbudget_scale = 0.5\n";
        let e = crate::scenario::scenarios_from_toml(scenarios, "s.toml").unwrap_err().to_string();
        assert!(e.contains("s.toml:3:1: field `scenarios[1].name`: missing field `name`"), "{e}");
    }
}
