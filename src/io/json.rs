//! JSON with located errors: file, line, column, the project id (looked up from the path of the
//! failing value) and the field.

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::error::{Error, ParseError, ParseErrors, ReadRule, Result};

/// Deserializes `text`, turning any error into a [`ParseError`] that names file, line, column,
/// project id and field.
///
/// # Errors
///
/// [`Error::Parse`] when the text is not valid JSON for `T` (syntax, unknown field,
/// wrong type or value).
///
/// # Examples
///
/// ```
/// use stratfund::{io::json, Error, Portfolio};
/// let text = "{\"projects\": [\n  {\"id\": \"P-1\", \"group\": \"biotech\", \"class\": \"market\", \"cost\": \"ten\", \"impact\": 1}\n]}";
/// let Err(Error::Parse(errors)) = json::from_str_located::<Portfolio>(text, "p.json") else { panic!() };
/// let e = &errors.as_slice()[0];
/// assert_eq!((e.line, e.project.as_deref(), e.field.as_deref()), (Some(2), Some("P-1"), Some("cost")));
/// ```
pub fn from_str_located<T: DeserializeOwned>(text: &str, file: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().clone();
        located(text, file, Some(&path), err.into_inner())
    })?;
    de.end().map_err(|e| located(text, file, None, e))?;
    Ok(value)
}

/// `error` (from [`from_str_located`] on `text`) with the errors of every item of the array under
/// `list` (the document itself when `None`) that cannot be read as an `I`, each item read alone:
/// one read of a portfolio lists every bad project, and one read of progress rows every bad row.
pub(crate) fn with_every_item_error<I: DeserializeOwned>(
    error: Error,
    text: &str,
    file: &str,
    list: Option<&str>,
) -> Error {
    let Error::Parse(first) = &error else { return error };
    let items = item_errors::<I>(text, file, list);
    if items.is_empty() {
        return error;
    }
    let mut all: Vec<ParseError> = first.iter().filter(|e| !items.contains(e)).cloned().collect();
    all.extend(items);
    all.sort_by_key(|e| (e.line.is_none(), e.line, e.column));
    ParseErrors::or_ok(all, ()).err().unwrap_or(error)
}

/// The error of each item of the array under `list` that cannot be read as an `I`.
fn item_errors<I: DeserializeOwned>(text: &str, file: &str, list: Option<&str>) -> Vec<ParseError> {
    let Some(items) = raw_items(text, list) else { return Vec::new() };
    let item_error = |(index, raw): (usize, &&RawValue)| {
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let err = serde_path_to_error::deserialize::<_, AsTable<I>>(&mut de).err()?;
        let segments: Vec<_> = err.path().iter().cloned().collect();
        let inner = err.into_inner();
        let message = message_of(&inner);
        let id = serde_json::from_str::<serde_json::Value>(raw.get()).ok().and_then(|v| id_text(&v, id_key(list)));
        let (line, column) = shifted(text, raw.get(), inner.line(), inner.column());
        Some(
            ParseError::new(file, rule_of(&inner, &message), message.clone())
                .at(line, column)
                .in_project(Some(item_label(id, list, index)))
                .in_field(super::field_path(&segments.iter().collect::<Vec<_>>(), &message)),
        )
    };
    items.iter().enumerate().filter_map(item_error).collect()
}

/// The items of the array under `list` (the document itself when `None`), as slices of `text`.
fn raw_items<'a>(text: &'a str, list: Option<&str>) -> Option<Vec<&'a RawValue>> {
    let array: &RawValue = match list {
        Some(key) => serde_json::from_str::<BTreeMap<String, &RawValue>>(text).ok()?.remove(key)?,
        None => serde_json::from_str(text).ok()?,
    };
    serde_json::from_str(array.get()).ok()
}

/// An `I` that must be given as a table, as the lists of projects and rows read their items.
struct AsTable<I>(I);

impl<'de, I: Deserialize<'de>> Deserialize<'de> for AsTable<I> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        crate::model::tables::table(deserializer).map(AsTable)
    }
}

/// The (line, column) in `text` of a position (line, column) inside `item`, a slice of `text`.
fn shifted(text: &str, item: &str, line: usize, column: usize) -> (Option<usize>, Option<usize>) {
    let offset = (item.as_ptr() as usize).checked_sub(text.as_ptr() as usize);
    let Some(before) = offset.and_then(|offset| text.get(..offset)).filter(|_| line > 0) else {
        return (None, None);
    };
    let start_line = before.matches('\n').count() + 1;
    let start_column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    match line {
        1 => (Some(start_line), Some(start_column + column.saturating_sub(1))),
        _ => (Some(start_line + line - 1), Some(column)),
    }
}

/// The rule a serde_json error breaks: [`ReadRule::Syntax`] for text that is not JSON, else the
/// rule its message (`message`, without the position) names.
fn rule_of(inner: &serde_json::Error, message: &str) -> ReadRule {
    match inner.classify() {
        serde_json::error::Category::Data => ReadRule::of_serde_message(message),
        _ => ReadRule::Syntax,
    }
}

/// serde_json's message without its " at line L column C" (the error gives them apart), with the
/// name an unknown field or variant probably meant and the expected type in plain words.
fn message_of(inner: &serde_json::Error) -> String {
    let message = inner.to_string();
    let message = super::names::with_suggestion(message.split(" at line ").next().unwrap_or(&message));
    super::plain::plain_expectation(&message)
}

fn located(text: &str, file: &str, path: Option<&serde_path_to_error::Path>, inner: serde_json::Error) -> Error {
    let message = message_of(&inner);
    let (project, field) = path.map(|p| locate(text, p, &message)).unwrap_or((None, None));
    let position = (inner.line() > 0).then_some((inner.line(), inner.column()));
    ParseError::new(file, rule_of(&inner, &message), message)
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
///
/// # Examples
///
/// ```
/// let text = stratfund::io::json::to_string_pretty(&stratfund::Plan::new(vec![(2026, 900.0)]))?;
/// assert!(text.contains("\"2026\": 900.0") && text.ends_with("}\n"));
/// # Ok::<(), stratfund::Error>(())
/// ```
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
        [Segment::Map { key }, Segment::Seq { index }, ..] if key == "projects" || key == "records" => {
            Some((Some(key.as_str()), *index))
        }
        [Segment::Seq { index }, ..] => Some((None, *index)),
        _ => None,
    };
    let project = row.map(|(list, index)| item_label(project_id_at(text, list, index), list, index));
    let within = &segments[row.map_or(0, |(list, _)| if list.is_some() { 2 } else { 1 })..];
    (project, super::field_path(within, message))
}

/// How an error names item `index` of the array `list`: a project by its id, a progress row by its
/// project and row (a project has many rows), an item without id by its position.
fn item_label(id: Option<String>, list: Option<&str>, index: usize) -> String {
    match (id, list) {
        (Some(project), Some("projects")) => project,
        (Some(project), _) => format!("{project} (row {})", index + 1),
        (None, _) => crate::error::Problem::unnamed_project(index),
    }
}

/// The field naming the project of an item of the array `list`.
fn id_key(list: Option<&str>) -> &'static str {
    match list {
        Some("projects") => "id",
        _ => "project_id",
    }
}

/// The id of item `index` of the array `list` (the document itself when `None`).
fn project_id_at(text: &str, list: Option<&str>, index: usize) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let items = match list {
        Some(key) => value.get(key)?,
        None => &value,
    };
    id_text(items.get(index)?, id_key(list))
}

/// The text of an item's id field.
fn id_text(item: &serde_json::Value, key: &str) -> Option<String> {
    match item.get(key)? {
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
    fn every_bad_project_is_reported_at_once_with_its_line_and_column() {
        let text = format!(
            "{{\"projects\": [\n{{\"id\":\"A\",\"group\":\"biotech\",\"class\":\"market\",\"impact\":1}},\n\
             {{\"id\":\"B\",{OK}}},\n  {{\"id\":\"C\",{}}},\n{{\"id\":\"D\",{OK},\"colour\":1}}, [1, 2]],\n\"owner\": 1}}",
            OK.replace("10", "\"ten\"")
        );
        let error = crate::io::portfolio_from_json(&text, "p.json").unwrap_err();
        let found: Vec<_> =
            error_list(&error).iter().map(|e| (e.line, e.project.as_deref(), e.field.as_deref())).collect();
        assert_eq!(
            found,
            [
                (Some(2), Some("A"), Some("cost")),
                (Some(4), Some("C"), Some("cost")),
                (Some(5), Some("D"), Some("colour")),
                (Some(5), Some("#5 (no id)"), None),
            ],
            "{error}"
        );
        // Each position is the one the whole document's parse gives for that item's error.
        let alone = text.replacen("\"market\",\"impact\":1}", "\"market\",\"cost\":1,\"impact\":1}", 1);
        let first_of_c = crate::io::portfolio_from_json(&alone, "p.json").unwrap_err();
        assert_eq!(error_list(&first_of_c)[0], error_list(&error)[1]);
        let message = error.to_string();
        assert!(message.starts_with("4 problems reading p.json:\n  - p.json:2:"), "{message}");
        assert!(message.contains("p.json:4:59: project C, field `cost`: invalid type: string \"ten\""), "{message}");
        // The top-level error comes with the projects' errors when the parse meets it first.
        let top = crate::io::portfolio_from_json(&format!("{{\"owner\": 1, {}", &text[1..]), "p.json").unwrap_err();
        assert_eq!(error_list(&top).len(), 5, "{top}");
        assert_eq!(error_list(&top)[0].field.as_deref(), Some("owner"));
    }

    fn error_list(error: &crate::Error) -> &[crate::ParseError] {
        match error {
            crate::Error::Parse(errors) => errors,
            other => panic!("not a parse error: {other}"),
        }
    }

    #[test]
    fn every_bad_progress_row_is_reported_at_once() {
        let ok = r#"{"project_id": "P-1", "period": "2026", "status": "late"}"#;
        let text = format!("[{ok},\n{},\n{ok},\n{}]", ok.replace("late", "lat"), ok.replace("2026", "2026-Q9"));
        let error = crate::io::progress::progress_from_json(&text, "r.json").unwrap_err();
        let found: Vec<_> =
            error_list(&error).iter().map(|e| (e.line, e.project.as_deref(), e.field.as_deref())).collect();
        assert_eq!(
            found,
            [(Some(2), Some("P-1 (row 2)"), Some("status")), (Some(4), Some("P-1 (row 4)"), Some("period"))]
        );
        let object = format!(r#"{{"records": {text}}}"#);
        let error = crate::io::progress::progress_from_json(&object, "r.json").unwrap_err();
        assert_eq!(error_list(&error).len(), 2, "{error}");
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
        // Written as it must be, but a day the calendar has not.
        let leap = crate::io::progress::progress_from_json(
            &format!("[{}]", row.replace("31/12/2026", "2026-02-29")),
            "r.json",
        );
        let e = leap.unwrap_err().to_string();
        assert!(e.contains("`2026-02-29` is written YYYY-MM-DD but is not a day of the calendar"), "{e}");
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
