//! Progress files (FORMATS.md "Progress"): CSV rows, or JSON rows (a bare array, or an object
//! `{"schema": "stratfund.progress/1", "records": [...]}`), with the columns `project_id, period,
//! disbursed, status, due_date, completed_date`.

use std::path::Path;

use chrono::NaiveDate;

use super::cells::CellError;
use super::columns::keep;
use super::tables::{header_after_comments, refuse_other_table, Table};
use crate::error::{Error, Located, ParseError, ParseErrors, ReadRule, Result};
use crate::monitor::{Progress, ProgressRecord, PROGRESS_SCHEMA};

/// The progress columns, in the order they are written.
pub const PROGRESS_COLUMNS: [&str; 6] = ["project_id", "period", "disbursed", "status", "due_date", "completed_date"];

/// Parses progress rows from JSON text: a bare array of rows or a `stratfund.progress/1` object.
///
/// # Errors
///
/// [`Error::Parse`] (file, line, column, project id, field) when the text is not valid
/// progress rows.
///
/// # Examples
///
/// ```
/// let text = r#"[{"project_id": "P-1", "period": "2026-Q2", "disbursed": 12.5, "status": "on_track"}]"#;
/// let progress = stratfund::io::progress::progress_from_json(text, "progress.json").unwrap();
/// assert_eq!(progress.records[0].period.to_string(), "2026-Q2");
/// ```
pub fn progress_from_json(text: &str, file: &str) -> Result<Progress> {
    let list = if text.trim_start().starts_with('[') { None } else { Some("records") };
    let every_row_error = |e| super::json::with_every_item_error::<ProgressRecord>(e, text, file, list);
    if list.is_none() {
        let records: Vec<ProgressRecord> = super::json::from_str_located(text, file).map_err(every_row_error)?;
        Ok(Progress::new(records))
    } else {
        let read = super::json::from_str_located(text, file).map_err(every_row_error);
        super::schema::expecting(read, text, file, PROGRESS_SCHEMA)
    }
}

/// Parses progress rows from CSV text; empty cells take the defaults (no dates, 0 disbursed).
/// Errors name the file, the line, the project id and the column.
///
/// # Errors
///
/// [`Error::Parse`] naming the file, the line, the project id and the column of every
/// unknown column, malformed row and bad cell.
///
/// # Examples
///
/// ```
/// let text = "project_id,period,disbursed,status,due_date,completed_date\n\
///             P-1,2026,40,completed,2026-12-31,2026-11-30\n\
///             P-2,2026-Q4,5,late,,\n";
/// let progress = stratfund::io::progress::progress_from_csv(text, "progress.csv").unwrap();
/// assert_eq!(progress.records.len(), 2);
/// assert!(progress.records[1].due_date.is_none());
/// ```
pub fn progress_from_csv(text: &str, file: &str) -> Result<Progress> {
    let mut reader = ::csv::ReaderBuilder::new().trim(::csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| Error::from(csv_error(file, e)))?.clone();
    super::csv::other_separator(&headers, file)?;
    if text.starts_with('#') {
        refuse_other_table(header_after_comments(text).iter().map(String::as_str), Table::Progress, file)?;
    } else {
        refuse_other_table(&headers, Table::Progress, file)?;
    }
    let unknown = headers.iter().filter(|h| !PROGRESS_COLUMNS.contains(h)).map(|unknown| {
        let hint = super::names::did_you_mean(unknown, PROGRESS_COLUMNS.iter().copied());
        let message = format!("unknown column `{unknown}`{hint}; progress columns are {}", PROGRESS_COLUMNS.join(", "));
        ParseError::new(file, ReadRule::UnknownField, message).at(Some(1), None).in_field(Some(unknown.to_string()))
    });
    let mut seen = std::collections::HashSet::new();
    let twice = headers.iter().filter(|h| !seen.insert(*h)).map(|name| {
        let message = format!("column `{name}` appears twice");
        ParseError::new(file, ReadRule::DuplicateField, message).at(Some(1), None).in_field(Some(name.to_string()))
    });
    ParseErrors::or_ok(unknown.chain(twice).collect(), ())?;
    let mut records = Vec::new();
    let mut faults = Vec::new();
    for row in reader.records() {
        match row {
            Ok(row) if super::csv::blank(&row) => {}
            Ok(row) => records.extend(ProgressRow { headers: &headers, row: &row, file }.record(&mut faults)),
            Err(e) => faults.push(csv_error(file, e)),
        }
    }
    ParseErrors::or_ok(faults, Progress::new(records))
}

/// One row of a progress CSV file.
struct ProgressRow<'a> {
    headers: &'a ::csv::StringRecord,
    row: &'a ::csv::StringRecord,
    file: &'a str,
}

impl ProgressRow<'_> {
    /// The row's record, or None after adding every cell it cannot read to `faults`.
    fn record(&self, faults: &mut Vec<ParseError>) -> Option<ProgressRecord> {
        let before = faults.len();
        let project_id = keep(faults, self.required("project_id"));
        let period = keep(
            faults,
            self.required("period")
                .and_then(|t| t.parse().map_err(|e| self.fail("period", CellError::invalid_value(e)))),
        );
        let disbursed = match self.cell("disbursed") {
            "" => Some(0.0),
            text => keep(faults, super::cells::number_cell(text).map_err(|m| self.fail("disbursed", m))),
        };
        let status = keep(
            faults,
            self.required("status")
                .and_then(|t| t.parse().map_err(|e| self.fail("status", CellError::invalid_value(e)))),
        );
        let due_date = keep(faults, self.date("due_date"));
        let completed_date = keep(faults, self.date("completed_date"));
        if faults.len() > before {
            return None;
        }
        Some(ProgressRecord {
            project_id: project_id?.to_string(),
            period: period?,
            disbursed: disbursed?,
            status: status?,
            due_date: due_date?,
            completed_date: completed_date?,
        })
    }

    fn cell(&self, name: &str) -> &str {
        self.headers.iter().position(|h| h == name).and_then(|i| self.row.get(i)).unwrap_or("")
    }

    fn fail(&self, field: &str, cell: CellError) -> Box<ParseError> {
        let id = self.cell("project_id");
        let project = (!id.is_empty()).then(|| id.to_string());
        let line = self.row.position().map(|p| p.line() as usize);
        let error = ParseError::new(self.file, cell.rule, cell.message).at(line, None).in_project(project);
        Box::new(error.in_field(Some(field.to_string())))
    }

    fn required(&self, name: &str) -> Located<&str> {
        match self.cell(name) {
            "" => Err(self.fail(name, CellError::new(ReadRule::MissingField, format!("`{name}` is required")))),
            text => Ok(text),
        }
    }

    fn date(&self, name: &str) -> Located<Option<NaiveDate>> {
        match self.cell(name) {
            "" => Ok(None),
            text => {
                crate::monitor::parse_date(text).map(Some).map_err(|m| self.fail(name, CellError::invalid_value(m)))
            }
        }
    }
}

/// Writes progress rows as CSV text.
///
/// # Errors
///
/// [`Error::Usage`] when the CSV writer fails (it writes to memory, so only on a broken
/// invariant).
///
/// # Examples
///
/// ```
/// use stratfund::io::progress::{progress_from_csv, progress_to_csv};
/// let text = "project_id,period,disbursed,status,due_date,completed_date\nP-1,2026-Q2,12.5,late,2026-06-30,\n";
/// let progress = progress_from_csv(text, "progress.csv")?;
/// assert_eq!(progress_to_csv(&progress)?, text);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn progress_to_csv(progress: &Progress) -> Result<String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for record in &progress.records {
        writer.serialize(record).map_err(|e| Error::usage(format!("cannot write CSV: {e}")))?;
    }
    if progress.records.is_empty() {
        writer.write_record(PROGRESS_COLUMNS).map_err(|e| Error::usage(format!("cannot write CSV: {e}")))?;
    }
    let bytes = writer.into_inner().map_err(|e| Error::usage(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::usage(format!("cannot write CSV: {e}")))
}

/// Writes progress rows as `.csv` or `.json` (a `stratfund.progress/1` object), by the extension.
///
/// # Errors
///
/// [`Error::Usage`] for another extension, [`Error::Io`] when the file
/// cannot be written.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, io::progress};
/// let config = demo::DemoConfig { projects: 20, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let rows = demo::generate_progress(&allocation, 2026, 57);
/// let dir = std::env::temp_dir().join(format!("stratfund-doc-progress-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// for name in ["progress.csv", "progress.json"] {
///     progress::write_progress(&rows, dir.join(name))?;
///     assert_eq!(progress::read_progress(dir.join(name))?, rows);
/// }
/// assert!(progress::write_progress(&rows, dir.join("progress.xlsx")).is_err());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_progress(progress: &Progress, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let text = match super::extension(path).as_str() {
        "json" => super::json::to_string_pretty(progress)?,
        "csv" => progress_to_csv(progress)?,
        other => {
            let kind = super::kind_of_file(path, other);
            return Err(Error::usage(format!(
                "{}: cannot write progress to {kind}; use .csv or .json",
                path.display()
            )));
        }
    };
    super::write_text(path, &text)
}

/// Reads progress rows from a `.csv` or `.json` file.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Usage`] for
/// another extension, [`Error::Parse`] when its content is not valid progress rows (see
/// [`write_progress`] for an example).
pub fn read_progress(path: impl AsRef<Path>) -> Result<Progress> {
    let path = path.as_ref();
    let parse = match super::extension(path).as_str() {
        "json" => progress_from_json,
        "csv" => progress_from_csv,
        other => {
            let kind = super::kind_of_file(path, other);
            let message = format!("{}: cannot read progress from {kind}; use .csv or .json", path.display());
            return Err(Error::usage(message));
        }
    };
    parse(&super::read_text(path)?, &path.display().to_string())
}

fn csv_error(file: &str, e: ::csv::Error) -> ParseError {
    let line = e.position().map(|p| p.line() as usize);
    ParseError::new(file, ReadRule::Syntax, e.to_string()).at(line, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "project_id,period,disbursed,status,due_date,completed_date\n";

    #[test]
    fn csv_errors_name_line_project_and_column() {
        let err = progress_from_csv(&format!("{HEADER}P-1,2026,5,on_track,,\nP-2,2026-Q7,5,late,,\n"), "g.csv")
            .unwrap_err()
            .to_string();
        assert!(err.contains("g.csv:3") && err.contains("P-2") && err.contains("`period`"), "{err}");
        assert!(err.contains("YYYY-Qn"), "{err}");
        let err = progress_from_csv(&format!("{HEADER}P-1,2026,5,paused,,\n"), "g.csv").unwrap_err().to_string();
        assert!(err.contains("`status`") && err.contains("paused") && err.ends_with("[rule invalid_value]"), "{err}");
        let err =
            progress_from_csv(&format!("{HEADER}P-1,2026,5,completed,,31/12/2026\n"), "g.csv").unwrap_err().to_string();
        assert!(err.contains("`completed_date`"), "{err}");
        let err = progress_from_csv(&format!("{HEADER}P-1,2026,\"2,5\",late,,\n"), "g.csv").unwrap_err().to_string();
        assert!(
            err.ends_with(
                "field `disbursed`: cannot read `2,5` as a number: decimals take a dot (`2.5`) [rule wrong_type]"
            ),
            "{err}"
        );
    }

    #[test]
    fn unknown_columns_are_errors() {
        let err =
            progress_from_csv("project_id,period,status,disbursd\nP-1,2026,late,3\n", "g.csv").unwrap_err().to_string();
        assert!(err.contains("disbursd"), "{err}");
        let err = progress_from_csv("project_id;period;status\nP-1;2026;late\n", "g.csv").unwrap_err().to_string();
        assert!(err.contains("separates its columns with `;`"), "{err}");
        let err = progress_from_csv("project_id,period,state,disbursd\n", "g.csv").unwrap_err().to_string();
        assert!(err.starts_with("2 problems reading g.csv") && err.contains("`state`"), "{err}");
    }

    #[test]
    fn rows_with_every_cell_empty_are_skipped() {
        let progress = progress_from_csv(&format!("{HEADER}P-1,2026,5,on_track,,\n,,,,,\n"), "g.csv").unwrap();
        assert_eq!(progress.records.len(), 1);
    }

    #[test]
    fn every_bad_cell_is_reported_at_once() {
        let text =
            format!("{HEADER}P-1,2026-Q7,5,on_track,,\nP-2,2026,5,on_track,,\nP-3,2026,x,paused,,\n,2026,1,late,,\n");
        let error = progress_from_csv(&text, "g.csv").unwrap_err();
        assert_eq!(
            crate::error::where_found(&error),
            [
                (Some(2), Some("P-1"), Some("period")),
                (Some(4), Some("P-3"), Some("disbursed")),
                (Some(4), Some("P-3"), Some("status")),
                (Some(5), None, Some("project_id")),
            ]
        );
    }

    #[test]
    fn csv_and_json_round_trip() {
        let text =
            format!("{HEADER}P-1,2026-Q1,2.5,on_track,2027-06-30,\nP-1,2026-Q2,0.0,completed,2027-06-30,2026-06-01\n");
        let progress = progress_from_csv(&text, "g.csv").unwrap();
        assert_eq!(progress_to_csv(&progress).unwrap(), text);
        let json = serde_json::to_string(&progress).unwrap();
        assert_eq!(progress_from_json(&json, "g.json").unwrap(), progress);
        let rows = serde_json::to_string(&progress.records).unwrap();
        assert_eq!(progress_from_json(&rows, "g.json").unwrap(), progress);
    }

    #[test]
    fn json_periods_may_be_numbers_and_unknown_fields_are_errors() {
        let progress = progress_from_json(r#"[{"project_id": "A", "period": 2027, "status": "late"}]"#, "g").unwrap();
        assert_eq!(progress.records[0].period.to_string(), "2027");
        let err = progress_from_json(r#"[{"project_id": "A", "period": 2027, "status": "late", "x": 1}]"#, "g")
            .unwrap_err()
            .to_string();
        assert!(err.contains("`x`"), "{err}");
    }
}
