//! Reading and writing the files of FORMATS.md: portfolios (JSON, CSV), plans (JSON, TOML),
//! allocations (JSON).
//!
//! Unknown fields are errors; every error names the file, the line (and column) or the project id,
//! and the field.
//!
//! ```
//! let text = r#"{"projects": [{"id": "P-1", "group": "biotech", "class": "market",
//!                "cost": 10, "impact": 1, "costt": 3}]}"#;
//! let err = stratfund::io::portfolio_from_json(text, "p.json").unwrap_err().to_string();
//! assert!(err.contains("p.json:2") && err.contains("P-1") && err.contains("costt"), "{err}");
//! ```

pub mod cells;
pub mod columns;
pub mod csv;
pub mod json;
pub mod names;
pub mod plain;
pub mod progress;
mod schema;
pub(crate) mod tables;
pub mod toml;

use std::path::Path;

pub(crate) use schema::expecting;

use crate::catalog::Catalog;
use crate::error::{Error, ParseError, ReadRule, Result};
use crate::model::{Plan, Portfolio, PLAN_SCHEMA, PORTFOLIO_SCHEMA};
use crate::optimize::{Allocation, ALLOCATION_SCHEMA};

/// Reads a whole text file, naming it in the error. A leading UTF-8 byte-order mark (which
/// Windows Notepad and Excel's "CSV UTF-8" write) is dropped, so that JSON files saved that way
/// read like any other.
///
/// # Errors
///
/// [`Error::Io`] naming the file when it cannot be read; [`Error::Parse`] naming the file and the
/// line when it is not UTF-8 text, saying how to save it as UTF-8.
///
/// # Examples
///
/// ```
/// use stratfund::{io, Error, ReadRule};
/// let path = std::env::temp_dir().join(format!("stratfund-doc-text-{}.csv", std::process::id()));
/// io::write_text(&path, "id,group\nP-1,biotech\n")?;
/// assert!(io::read_text(&path)?.starts_with("id,group"));
/// std::fs::write(&path, b"\xEF\xBB\xBFid,group\n")?; // UTF-8 with a byte-order mark
/// assert!(io::read_text(&path)?.starts_with("id,group"));
/// std::fs::write(&path, b"id,title\nP-1,C\xF4ng ngh\xEA\n")?; // Windows-1258, not UTF-8
/// let Err(Error::Parse(errors)) = io::read_text(&path) else { panic!("not UTF-8") };
/// assert_eq!((errors.as_slice()[0].rule, errors.as_slice()[0].line), (ReadRule::NotUtf8, Some(2)));
/// assert!(matches!(io::read_text(&path.with_extension("none")), Err(Error::Io { .. })));
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_text(path: &Path) -> Result<String> {
    let mut bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(&path.display().to_string(), e.as_bytes(), e.utf8_error()))
}

/// The UTF-8 encoding of the byte-order mark U+FEFF.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The error for a file that is not UTF-8: UTF-16 (Excel's "Unicode Text") or a legacy encoding
/// (Windows-1258, TCVN3), at the line of the first byte that is not UTF-8.
fn not_utf8(file: &str, bytes: &[u8], error: std::str::Utf8Error) -> Error {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let what =
        if utf16 { "UTF-16 text (Excel's \"Unicode Text\")" } else { "in another encoding (Windows-1258, TCVN3...)" };
    let message = format!(
        "the file is {what}, not UTF-8: save it as UTF-8 (in Excel, \"CSV UTF-8 (Comma delimited)\"; \
         in an editor, encoding UTF-8)"
    );
    let line = (!utf16).then(|| bytes[..error.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1);
    ParseError::new(file, ReadRule::NotUtf8, message).at(line, None).into()
}

/// Writes a whole text file, naming it in the error.
///
/// # Errors
///
/// [`Error::Io`] naming the file when it cannot be written (see [`read_text`] for an example).
pub fn write_text(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|source| Error::Io { path: path.display().to_string(), source })
}

/// The lower-case extension of a path (`""` when it has none).
///
/// # Examples
///
/// ```
/// use std::path::Path;
/// assert_eq!(stratfund::io::extension(Path::new("Plan.TOML")), "toml");
/// assert_eq!(stratfund::io::extension(Path::new("README")), "");
/// ```
pub fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}

/// Reads a `.json` or `.toml` file into `T` (a plan, a scenario set, simulation settings);
/// `what` names the document in the error for another extension.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Usage`] for
/// another extension, [`Error::Parse`] when the text is not a valid `T`.
pub fn read_json_or_toml<T: serde::de::DeserializeOwned>(path: impl AsRef<Path>, what: &str) -> Result<T> {
    read_document(path.as_ref(), what, None)
}

/// [`read_json_or_toml`] of a document with a `schema` marker: when the file does not parse and
/// its `schema` names another stratfund document, the error says so ([`expecting`]).
pub(crate) fn read_document<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &str,
    schema: Option<&str>,
) -> Result<T> {
    let parse: fn(&str, &str) -> Result<T> = match extension(path).as_str() {
        "json" => json::from_str_located,
        "toml" => toml::from_str_located,
        other => return Err(unsupported(path, other, what, ".json or .toml")),
    };
    let (text, file) = (read_text(path)?, path.display().to_string());
    let parsed = parse(&text, &file);
    match schema {
        Some(schema) => expecting(parsed, &text, &file, schema),
        None => parsed,
    }
}

/// Parses a portfolio from JSON text; `file` labels error messages.
///
/// # Errors
///
/// [`Error::Parse`] (file, line, column, project id, field) when the text is not a valid
/// portfolio: every project that cannot be read, the first error in each.
///
/// # Examples
///
/// ```
/// let text = r#"{"projects": [
///   {"id": "P-1", "group": "ai_big_data", "class": "market", "cost": 10, "impact": 3},
///   {"id": "P-2", "group": "ai_big_data", "class": "markett", "cost": 8, "impact": 2},
///   {"id": "P-3", "group": "ai_big_data", "class": "strategic", "cost": "ten", "impact": 1}
/// ]}"#;
/// let fixed = text.replace("markett", "market").replace("\"ten\"", "10");
/// assert_eq!(stratfund::io::portfolio_from_json(&fixed, "p.json")?.projects.len(), 3);
/// let stratfund::Error::Parse(errors) = stratfund::io::portfolio_from_json(text, "p.json").unwrap_err() else {
///     panic!("a parse error")
/// };
/// let found: Vec<_> = errors.iter().map(|e| (e.line, e.project.as_deref(), e.field.as_deref())).collect();
/// assert_eq!(found, [(Some(3), Some("P-2"), Some("class")), (Some(4), Some("P-3"), Some("cost"))]);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn portfolio_from_json(text: &str, file: &str) -> Result<Portfolio> {
    let read = json::from_str_located(text, file)
        .map_err(|e| json::with_every_item_error::<crate::model::Project>(e, text, file, Some("projects")));
    schema::expecting(read, text, file, PORTFOLIO_SCHEMA)
}

/// Parses a plan from JSON text; `file` labels error messages.
///
/// # Errors
///
/// [`Error::Parse`] (file, line, column, field) when the text is not a valid plan.
///
/// # Examples
///
/// ```
/// let plan = stratfund::io::plan_from_json(r#"{"years": [2026], "state_budget": {"2026": 900}}"#, "plan.json")?;
/// assert_eq!(plan.total_budget(), 900.0);
/// let error = stratfund::io::plan_from_json(r#"{"years": [2026], "budget": {}}"#, "plan.json").unwrap_err();
/// assert!(error.to_string().contains("unknown field `budget`"), "{error}");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn plan_from_json(text: &str, file: &str) -> Result<Plan> {
    schema::expecting(json::from_str_located(text, file), text, file, PLAN_SCHEMA)
}

/// Parses a plan from TOML text; `file` labels error messages.
///
/// # Errors
///
/// [`Error::Parse`] (file, line, column, field) when the text is not a valid plan.
///
/// # Examples
///
/// ```
/// let text = "years = [2026, 2027]\ncarry_over = 0.5\n[state_budget]\n2026 = 300.0\n2027 = 320.0\n";
/// let plan = stratfund::io::plan_from_toml(text, "plan.toml")?;
/// assert_eq!(plan.total_budget(), 620.0);
/// assert_eq!(plan.solver.mip_rel_gap, 1e-4); // MODEL.md's default gap
/// let err = stratfund::io::plan_from_toml(&text.replace("carry_over", "carryover"), "plan.toml").unwrap_err();
/// assert!(err.to_string().starts_with("plan.toml:2:1: field `carryover`: unknown field"), "{err}");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn plan_from_toml(text: &str, file: &str) -> Result<Plan> {
    schema::expecting(toml::from_str_located(text, file), text, file, PLAN_SCHEMA)
}

/// Reads a portfolio from a `.json` or `.csv` file.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Usage`] for
/// another extension, [`Error::Parse`] when its content is not a valid portfolio.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, io};
/// let portfolio = demo::generate_portfolio(&demo::DemoConfig { projects: 10, ..Default::default() });
/// let dir = std::env::temp_dir().join(format!("stratfund-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// for name in ["proposals.json", "proposals.csv"] {
///     io::write_portfolio(&portfolio, dir.join(name))?;
///     assert_eq!(io::read_portfolio(dir.join(name))?, portfolio); // lossless round trips
/// }
/// let err = io::read_portfolio(dir.join("proposals.xlsx")).unwrap_err();
/// assert!(err.to_string().contains(".json or .csv"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_portfolio(path: impl AsRef<Path>) -> Result<Portfolio> {
    let path = path.as_ref();
    let parse = match extension(path).as_str() {
        "json" => portfolio_from_json,
        "csv" => csv::portfolio_from_csv,
        other => return Err(unsupported(path, other, "a portfolio", ".json or .csv")),
    };
    parse(&read_text(path)?, &path.display().to_string())
}

/// Reads a plan from a `.json` or `.toml` file.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Usage`] for
/// another extension, [`Error::Parse`] when its content is not a valid plan.
///
/// # Examples
///
/// ```
/// use stratfund::io;
/// let text = r#"
/// schema = "stratfund.plan/1"
/// years = [2026, 2027]
/// [state_budget]
/// 2026 = 900.0
/// 2027 = 1000.0
/// "#;
/// let plan = io::plan_from_toml(text, "plan.toml")?;
/// let path = std::env::temp_dir().join(format!("stratfund-doc-plan-{}.json", std::process::id()));
/// io::write_plan(&plan, &path)?;
/// assert_eq!(io::read_plan(&path)?, plan);
/// assert_eq!(plan.total_budget(), 1900.0);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_plan(path: impl AsRef<Path>) -> Result<Plan> {
    read_document(path.as_ref(), "a plan", Some(PLAN_SCHEMA))
}

/// Reads a portfolio file and a plan file (see [`read_portfolio`] and [`read_plan`]), reporting
/// what cannot be read in both at once, so that one pass fixes both files.
///
/// # Errors
///
/// [`Error::Parse`] listing the parse errors of both files (the portfolio's first) when either
/// cannot be read; otherwise the first other error ([`Error::Io`] for a missing file,
/// [`Error::Usage`] for an unknown extension, saying the two files are given the wrong way round
/// when they read the other way round).
///
/// # Examples
///
/// ```
/// use stratfund::{io, Error, ReadRule};
/// let dir = std::env::temp_dir().join(format!("stratfund-doc-inputs-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("p.csv"), "id,group,class,cost,impact\nA,biotech,market,ten,1\n")?;
/// std::fs::write(dir.join("plan.toml"), "yeras = [2026]\n[state_budget]\n2026 = 100.0\n")?;
/// let Err(Error::Parse(errors)) = io::read_inputs(dir.join("p.csv"), dir.join("plan.toml")) else {
///     panic!("both files are unreadable")
/// };
/// let rules: Vec<_> = errors.iter().map(|e| (e.field.as_deref(), e.rule)).collect();
/// assert_eq!(rules, [(Some("cost"), ReadRule::WrongType), (Some("yeras"), ReadRule::UnknownField)]);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_inputs(portfolio: impl AsRef<Path>, plan: impl AsRef<Path>) -> Result<(Portfolio, Plan)> {
    let (portfolio, plan) = (portfolio.as_ref(), plan.as_ref());
    joined(read_portfolio(portfolio), read_plan(plan)).map_err(|error| match error {
        Error::Usage(_) => swapped(portfolio, plan).unwrap_or(error),
        error => error,
    })
}

/// When a file's extension does not suit its place (a `.toml` plan given as the portfolio) and the
/// two files read the other way round, an error saying they were swapped.
fn swapped(portfolio: &Path, plan: &Path) -> Option<Error> {
    (read_portfolio(plan).is_ok() && read_plan(portfolio).is_ok()).then(|| {
        Error::usage(format!(
            "{} holds a plan and {} a portfolio: the two files are given the wrong way round (the portfolio first, then the plan)",
            portfolio.display(),
            plan.display()
        ))
    })
}

/// Reads a portfolio, a plan and a catalog file (the compiled-in catalog when `catalog` is
/// `None`), reporting what cannot be read in all three at once, as [`read_inputs`] does.
///
/// # Errors
///
/// [`Error::Parse`] listing the parse errors of the portfolio, the plan and the catalog, in this
/// order, when any cannot be read; otherwise the first other error ([`Error::Io`] for a missing
/// file, [`Error::Usage`] for an unknown extension).
///
/// # Examples
///
/// ```
/// use stratfund::{io, Error, ReadRule};
/// let dir = std::env::temp_dir().join(format!("stratfund-doc-catalog-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("p.csv"), "id,group,class,cost,impact\nA,biotech,market,ten,1\n")?;
/// std::fs::write(dir.join("plan.toml"), "years = [2026]\n[state_budget]\n2026 = 100.0\n")?;
/// std::fs::write(dir.join("catalog.json"), "{\"id\": \"mine\", \"groups\": 3}")?;
/// let read = io::read_inputs_with_catalog(dir.join("p.csv"), dir.join("plan.toml"), Some(&dir.join("catalog.json")));
/// let Err(Error::Parse(errors)) = read else { panic!("two files are unreadable") };
/// let found: Vec<_> = errors.iter().map(|e| (e.file.ends_with("catalog.json"), e.rule)).collect();
/// assert_eq!(found, [(false, ReadRule::WrongType), (true, ReadRule::WrongType)]);
/// std::fs::write(dir.join("p.csv"), "id,group,class,cost,impact\nA,biotech,market,10,1\n")?;
/// let (_, _, catalog) = io::read_inputs_with_catalog(dir.join("p.csv"), dir.join("plan.toml"), None)?;
/// assert!(catalog.group("biotech").is_some()); // the compiled-in catalog
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_inputs_with_catalog(
    portfolio: impl AsRef<Path>,
    plan: impl AsRef<Path>,
    catalog: Option<&Path>,
) -> Result<(Portfolio, Plan, Catalog)> {
    let catalog = catalog.map_or_else(|| Ok(Catalog::default()), Catalog::from_path);
    let ((portfolio, plan), catalog) = joined(read_inputs(portfolio, plan), catalog)?;
    Ok((portfolio, plan, catalog))
}

/// Both results, or the parse errors of both (the first's first), or the first other error.
fn joined<A, B>(first: Result<A>, second: Result<B>) -> Result<(A, B)> {
    match (first, second) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(Error::Parse(first)), Err(Error::Parse(second))) => Err(Error::Parse(first.followed_by(second))),
        (Err(Error::Parse(_)), Err(other)) => Err(other),
        (Err(error), _) | (_, Err(error)) => Err(error),
    }
}

/// Parses an allocation (FORMATS.md allocation JSON, as the library writes it) from JSON text;
/// `file` labels error messages.
///
/// # Errors
///
/// [`Error::Parse`] (file, line, column, field) when the text is not a valid allocation: a
/// missing or unknown field, a wrong type, or a `schema` other than [`ALLOCATION_SCHEMA`].
///
/// # Examples
///
/// ```
/// use stratfund::{demo, io};
/// let config = demo::DemoConfig { projects: 20, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let text = io::json::to_string_pretty(&allocation)?;
/// assert_eq!(io::allocation_from_json(&text, "a.json")?, allocation);
/// let typo = text.replacen("\"reason\"", "\"raeson\"", 1);
/// let err = io::allocation_from_json(&typo, "a.json").unwrap_err().to_string();
/// assert!(err.contains("a.json") && err.contains("raeson"), "{err}");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn allocation_from_json(text: &str, file: &str) -> Result<Allocation> {
    let allocation: Allocation = schema::expecting(json::from_str_located(text, file), text, file, ALLOCATION_SCHEMA)?;
    if allocation.schema != ALLOCATION_SCHEMA {
        let message = format!("allocation schema `{}` is not `{ALLOCATION_SCHEMA}`", allocation.schema);
        return Err(ParseError::new(file, ReadRule::WrongDocument, message)
            .in_field(Some("schema".to_string()))
            .into());
    }
    Ok(allocation)
}

/// Reads an allocation JSON file (see [`allocation_from_json`]).
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Usage`] for an allocation's table or
/// report (`.csv`, `.md`, `.html`: written for people, not read back), [`Error::Parse`] when its
/// content is not a valid allocation.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, io};
/// let config = demo::DemoConfig { projects: 10, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let path = std::env::temp_dir().join(format!("stratfund-doc-allocation-{}.json", std::process::id()));
/// io::write_text(&path, &io::json::to_string_pretty(&allocation)?)?;
/// assert_eq!(io::read_allocation(&path)?, allocation);
/// let err = io::read_allocation(path.with_extension("csv")).unwrap_err().to_string();
/// assert!(err.contains("give the allocation's JSON file"), "{err}");
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_allocation(path: impl AsRef<Path>) -> Result<Allocation> {
    let path = path.as_ref();
    let ext = extension(path);
    if matches!(ext.as_str(), "csv" | "md" | "html" | "htm") {
        return Err(Error::usage(format!(
            "{}: an allocation is read from its JSON file, not from a `.{ext}` table or report (those are \
             written for people); give the allocation's JSON file (`stratfund solve --out allocation.json`, \
             in Python `allocation.to_path(\"allocation.json\")`)",
            path.display()
        )));
    }
    allocation_from_json(&read_text(path)?, &path.display().to_string())
}

/// Writes a portfolio as `.json` or `.csv`, chosen by the extension.
///
/// # Errors
///
/// [`Error::Usage`] for another extension, [`Error::Validation`] for a list item that CSV cannot
/// hold (see [`csv::portfolio_to_csv`]), [`Error::Io`] when the file cannot be written.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, io};
/// let config = demo::DemoConfig { projects: 5, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let dir = std::env::temp_dir().join(format!("stratfund-doc-write-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// for name in ["p.json", "p.csv"] {
///     io::write_portfolio(&portfolio, dir.join(name))?;
///     assert_eq!(io::read_portfolio(dir.join(name))?, portfolio); // lossless
/// }
/// for name in ["plan.json", "plan.toml"] {
///     io::write_plan(&plan, dir.join(name))?;
///     assert_eq!(io::read_plan(dir.join(name))?, plan);
/// }
/// assert!(io::write_portfolio(&portfolio, dir.join("p.xlsx")).is_err());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_portfolio(portfolio: &Portfolio, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let text = match extension(path).as_str() {
        "json" => json::to_string_pretty(portfolio)?,
        "csv" => csv::portfolio_to_csv(portfolio)?,
        other => return Err(unsupported(path, other, "a portfolio", ".json or .csv")),
    };
    write_text(path, &text)
}

/// Writes a plan as `.json` or `.toml`, chosen by the extension.
///
/// # Errors
///
/// [`Error::Usage`] for another extension, [`Error::Io`] when the file
/// cannot be written (see [`write_portfolio`] for an example).
pub fn write_plan(plan: &Plan, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let text = match extension(path).as_str() {
        "json" => json::to_string_pretty(plan)?,
        "toml" => toml::to_string(plan)?,
        other => return Err(unsupported(path, other, "a plan", ".json or .toml")),
    };
    write_text(path, &text)
}

fn unsupported(path: &Path, ext: &str, what: &str, expected: &str) -> Error {
    let kind = kind_of_file(path, ext);
    let spreadsheet = if matches!(ext, "xlsx" | "xls" | "ods") && expected.contains(".csv") {
        " (save the sheet as \"CSV UTF-8 (Comma delimited)\", or read it with pandas and pass the DataFrame)"
    } else {
        ""
    };
    Error::usage(format!("{}: cannot read or write {what} from {kind}; use {expected}{spreadsheet}", path.display()))
}

/// What a path with an unsupported extension is, for messages: "a directory", "a file without an
/// extension" or "a `.xlsx` file".
pub(crate) fn kind_of_file(path: &Path, ext: &str) -> String {
    if path.is_dir() {
        "a directory".to_string()
    } else if ext.is_empty() {
        "a file without an extension".to_string()
    } else {
        format!("a `.{ext}` file")
    }
}

/// `a.b[2].c`: the keys and list indices (from 0) of the path of a serde error, then the field
/// its `message` says is missing, if any (the path ends at an unknown key but before a missing one).
pub(crate) fn field_path(segments: &[&serde_path_to_error::Segment], message: &str) -> Option<String> {
    use serde_path_to_error::Segment;
    let missing = message.split("missing field `").nth(1).and_then(|rest| rest.split('`').next());
    let mut field = String::new();
    let keys = segments.iter().filter_map(|s| match s {
        Segment::Map { key } => Some(key.clone()),
        Segment::Seq { index } => Some(format!("[{index}]")),
        _ => None,
    });
    for key in keys.chain(missing.map(str::to_string)) {
        if !(field.is_empty() || key.starts_with('[')) {
            field.push('.');
        }
        field.push_str(&key);
    }
    (!field.is_empty()).then_some(field)
}
