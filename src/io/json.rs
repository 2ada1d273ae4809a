//! JSON with located errors: file, line, column, the project id (looked up from the path of the
//! failing value) and the field.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, ParseError, Result};

/// Deserializes `text`, turning any error into a [`ParseError`] that names file, line, column,
/// project id and field.
///
/// # Errors
///
/// [`Error::Parse`] when the text is not valid JSON for `T` (syntax, unknown field,
/// wrong type or value).
pub fn from_str_located<T: DeserializeOwned>(text: &str, file: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().clone();
        located(text, file, Some(&path), err.into_inner())
    })?;
    de.end().map_err(|e| located(text, file, None, e))?;
    Ok(value)
}

fn located(text: &str, file: &str, path: Option<&serde_path_to_error::Path>, inner: serde_json::Error) -> Error {
    let message = inner.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    let (project, field) = path.map(|p| locate(text, p, &message)).unwrap_or((None, None));
    let position = (inner.line() > 0).then_some((inner.line(), inner.column()));
    ParseError::new(file, message)
        .at(position.map(|p| p.0), position.map(|p| p.1))
        .in_project(project)
        .in_field(field)
        .into()
}

/// Pretty JSON text ending in a newline.
///
/// # Errors
///
/// [`Error::Usage`] when `value` cannot be written as JSON (for example a map with
/// non-string keys).
pub fn to_string_pretty<T: Serialize>(value: &T) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Error::usage(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// The project id (when the path goes through a portfolio's `projects[i]`, or a progress row:
/// `records[i]` or the `i`th item of a bare array) and the field a message is about.
fn locate(text: &str, path: &serde_path_to_error::Path, message: &str) -> (Option<String>, Option<String>) {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let row = match segments.as_slice() {
        [Segment::Map { key }, Segment::Seq { index }, ..] if key == "projects" => {
            Some((Some("projects"), *index, "id"))
        }
        [Segment::Map { key }, Segment::Seq { index }, ..] if key == "records" => {
            Some((Some("records"), *index, "project_id"))
        }
        [Segment::Seq { index }, ..] => Some((None, *index, "project_id")),
        _ => None,
    };
    let project = row.map(|(list, index, id)| match (project_id_at(text, list, index, id), list) {
        (Some(project), Some("projects")) => project,
        (Some(project), _) => format!("{project} (row {})", index + 1), // a project has many progress rows
        (None, _) => crate::error::Problem::unnamed_project(index),
    });
    let within = &segments[row.map_or(0, |(list, _, _)| if list.is_some() { 2 } else { 1 })..];
    (project, super::field_path(within, message))
}

/// The id (field `id`) of item `index` of the array `list` (the document itself when `None`).
fn project_id_at(text: &str, list: Option<&str>, index: usize, id: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let items = match list {
        Some(key) => value.get(key)?,
        None => &value,
    };
    match items.get(index)?.get(id)? {
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Plan, Portfolio};

    fn err(text: &str) -> String {
        crate::io::portfolio_from_json(text, "p.json").unwrap_err().to_string()
    }

    const OK: &str = r#""group":"biotech","class":"market","cost":10,"impact":1"#;

    #[test]
    fn wrong_type_names_line_project_and_field() {
        let text = format!("{{\"projects\":[\n{{\"id\":\"A\",{OK}}},\n{{\"id\":\"B\",\"group\":\"biotech\",\"class\":\"market\",\"cost\":\"ten\",\"impact\":1}}]}}");
        let e = err(&text);
        assert!(e.starts_with("p.json:3:"), "{e}");
        assert!(e.contains("project B, field `cost`"), "{e}");
    }

    #[test]
    fn missing_required_field_is_named() {
        let e = err(r#"{"projects":[{"id":"A","group":"biotech","class":"market","impact":1}]}"#);
        assert!(e.contains("project A") && e.contains("`cost`") && e.contains("missing field"), "{e}");
    }

    #[test]
    fn unknown_field_is_named() {
        let e = err(&format!(r#"{{"projects":[{{"id":"A",{OK},"colour":"red"}}]}}"#));
        assert!(e.contains("project A") && e.contains("colour"), "{e}");
    }

    #[test]
    fn unknown_top_level_field_and_bad_class() {
        let e = err(r#"{"projects":[],"owner":"x"}"#);
        assert!(e.contains("field `owner`"), "{e}");
        let e = err(r#"{"projects":[{"id":"A","group":"biotech","class":"rich","cost":1,"impact":1}]}"#);
        assert!(e.contains("project A, field `class`") && e.contains("rich"), "{e}");
    }

    #[test]
    fn progress_errors_name_the_row_and_its_project() {
        let row = r#"{"project_id": "P-2", "period": "2026", "status": "on_track", "due_date": "31/12/2026"}"#;
        let ok = r#"{"project_id": "P-1", "period": "2026", "status": "late"}"#;
        let bare = crate::io::progress::progress_from_json(&format!("[{ok}, {row}]"), "r.json").unwrap_err();
        let e = bare.to_string();
        assert!(e.contains("project P-2 (row 2), field `due_date`: `31/12/2026` is not a date YYYY-MM-DD"), "{e}");
        let object = format!(r#"{{"records": [{}]}}"#, row.replace("on_track", "ontrack"));
        let e = crate::io::progress::progress_from_json(&object, "r.json").unwrap_err().to_string();
        assert!(e.contains("project P-2 (row 1), field `status`") && e.contains("on_track"), "{e}");
    }

    #[test]
    fn list_items_are_named_by_their_index() {
        let e = err(&format!(r#"{{"projects":[{{"id":"A",{OK},"duration_years":2,"cost_profile":[0.5,"x"]}}]}}"#));
        assert!(e.contains("project A, field `cost_profile[1]`"), "{e}");
        let scenarios = r#"{"scenarios": [{"name": "a"}, {"budget_scale": 0.5}]}"#;
        let e = crate::scenario::scenarios_from_json(scenarios, "s.json").unwrap_err().to_string();
        assert!(e.contains("field `scenarios[1].name`: missing field `name`"), "{e}");
    }

    #[test]
    fn bare_nan_reports_line_and_column() {
        let e = err(
            "{\"projects\":[\n {\"id\":\"A\",\"group\":\"biotech\",\"class\":\"market\",\"cost\":NaN,\"impact\":1}]}",
        );
        assert!(e.starts_with("p.json:2:"), "{e}");
    }

    #[test]
    fn plan_year_keys_must_be_years() {
        let e = crate::io::plan_from_json(r#"{"years":[2026],"state_budget":{"next":5}}"#, "plan.json")
            .unwrap_err()
            .to_string();
        assert!(e.contains("field `state_budget.next`") && e.contains("`next` is not a year"), "{e}");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(crate::io::plan_from_json(r#"{"years":[2026],"state_budget":{"2026":5}} x"#, "plan.json").is_err());
        let _ok: Plan = super::from_str_located(r#"{"years":[2026],"state_budget":{"2026":5}}"#, "p").unwrap();
        let _ok: Portfolio = super::from_str_located(r#"{"projects":[]}"#, "p").unwrap();
    }
}
