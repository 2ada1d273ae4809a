//! Portfolio CSV: one row per project, the field names of FORMATS.md as columns.
//!
//! Lists (`requires`, `enterprises`, `academia`) are `;`-separated; empty cells take the defaults;
//! `cost_profile` holds `;`-separated shares and optional `cost_<year>` columns give the profile as
//! amounts. Leading `# key: value` comment lines carry `currency_unit` and `catalog`, so a round trip
//! through CSV loses nothing.

use std::collections::BTreeMap;

use super::cells::CellError;
use super::columns::keep;
use super::tables::{refuse_other_table, Table};
use crate::error::{Error, Located, ParseError, ParseErrors, ReadRule, Result};
use crate::model::{CostProfile, FundingClass, Portfolio, Project, Year};

/// The project columns, in the order they are written.
pub const COLUMNS: [&str; 24] = [
    "id",
    "title",
    "group",
    "product",
    "class",
    "cost",
    "start_year",
    "duration_years",
    "cost_profile",
    "cost_categories",
    "enterprise_commitment",
    "academia_contribution",
    "state_request",
    "impact",
    "success_probability",
    "min_fraction",
    "mandatory",
    "requires",
    "exclusive_group",
    "lead",
    "region",
    "enterprises",
    "academia",
    "trl",
];

/// The message of a `cost_<year>` column whose year an `earlier` column already gives (the two
/// amounts would otherwise be one, the first silently dropped).
pub(crate) fn same_year(name: &str, year: Year, earlier: &str) -> String {
    if name == earlier {
        format!("column `{name}` appears twice")
    } else {
        format!("column `{name}` gives the amounts of {year}, as column `{earlier}` does")
    }
}

/// The message of a portfolio column that is not a FORMATS.md field, with the column it
/// probably meant; a `cost_<category>` column is told where costs by category go.
///
/// ```
/// # use stratfund::io::csv::portfolio_from_csv;
/// let text = "id,group,class,cost,impact,cost_research\nA,biotech,market,10,1,4\n";
/// let error = portfolio_from_csv(text, "p.csv").unwrap_err().to_string();
/// assert!(error.contains("costs by category go in one `cost_categories` cell"), "{error}");
/// ```
pub(crate) fn unknown_column(name: &str) -> String {
    let mut hint = super::names::did_you_mean(name, COLUMNS.iter().copied());
    let by_category = name.strip_prefix("cost_").is_some_and(|rest| !rest.chars().all(|c| c.is_ascii_digit()));
    if by_category && hint.is_empty() {
        hint = "; costs by category go in one `cost_categories` cell (`research:60;pilot_materials:40`)".into();
    }
    format!("unknown column `{name}`{hint} (known: {}, cost_<year>)", COLUMNS.join(", "))
}

/// Parses a portfolio from CSV text; `file` labels error messages.
///
/// # Errors
///
/// [`Error::Parse`] naming the file, the line, the project id and the column of every
/// malformed row, unknown or missing column and bad cell.
///
/// # Examples
///
/// ```
/// let csv = "id,group,class,cost,impact,requires\nA,biotech,market,10,1,\nB,biotech,strategic,20,2,A\n";
/// let p = stratfund::io::csv::portfolio_from_csv(csv, "p.csv").unwrap();
/// assert_eq!(p.projects[1].requires, vec!["A".to_string()]);
/// ```
pub fn portfolio_from_csv(text: &str, file: &str) -> Result<Portfolio> {
    let mut portfolio = Portfolio::new(Vec::new());
    read_metadata(text, file, &mut portfolio)?;
    let mut reader =
        ::csv::ReaderBuilder::new().comment(Some(b'#')).trim(::csv::Trim::Headers).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| Error::from(csv_error(file, e)))?.clone();
    let columns = Columns::new(&headers, file)?;
    let mut faults = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) if blank(&record) => continue,
            Ok(record) => record,
            Err(e) => {
                faults.push(csv_error(file, e));
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize);
        let row = Row { columns: &columns, record: &record, file, line };
        if let Some(project) = row.project(&mut faults) {
            portfolio.projects.push(project);
        }
    }
    ParseErrors::or_ok(faults, portfolio)
}

/// Writes a portfolio as CSV text.
///
/// # Errors
///
/// [`Error::Validation`] naming the project and the field when an item of `requires`,
/// `enterprises` or `academia` is empty, padded or contains `;` (it cannot be written as a
/// `;`-separated cell); [`Error::Usage`] when the CSV writer fails (it writes to memory, so only
/// on a broken invariant).
///
/// # Examples
///
/// ```
/// use stratfund::{io::csv, FundingClass, Portfolio, Project};
/// let mut p = Project::new("P-1", "biotech", FundingClass::Market, 10.0, 3.0);
/// p.requires = vec!["P-0".into()];
/// p.enterprises = vec!["Company A".into(), "Company B".into()];
/// let text = csv::portfolio_to_csv(&Portfolio::new(vec![p.clone()]))?;
/// assert!(text.contains(",P-0,") && text.contains(",Company A;Company B,"), "{text}");
/// assert_eq!(csv::portfolio_from_csv(&text, "p.csv")?.projects, [p.clone()]);
/// p.enterprises = vec!["A; B".into()]; // a `;` in a list item cannot be written as a cell
/// assert_eq!(csv::portfolio_to_csv(&Portfolio::new(vec![p])).unwrap_err().problems()[0].field, "enterprises");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn portfolio_to_csv(portfolio: &Portfolio) -> Result<String> {
    let amount_years: Vec<Year> = portfolio
        .projects
        .iter()
        .filter_map(|p| match &p.cost_profile {
            Some(CostProfile::Amounts(m)) => Some(m.keys().copied()),
            _ => None,
        })
        .flatten()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut out = format!("# currency_unit: {}\n", portfolio.currency_unit);
    if let Some(catalog) = &portfolio.catalog {
        out.push_str(&format!("# catalog: {catalog}\n"));
    }
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // `cost_categories` only when a project gives some (most portfolios do not).
    let categories = portfolio.projects.iter().any(|p| !p.cost_categories.is_empty());
    let written = |c: &&&str| categories || **c != "cost_categories";
    let mut header: Vec<String> = COLUMNS.iter().filter(written).map(|c| c.to_string()).collect();
    header.extend(amount_years.iter().map(|y| format!("cost_{y}")));
    writer.write_record(&header).map_err(write_error)?;
    for p in &portfolio.projects {
        writer.write_record(project_cells(p, &amount_years, categories)?).map_err(write_error)?;
    }
    let bytes = writer.into_inner().map_err(|e| Error::usage(format!("cannot write CSV: {e}")))?;
    out.push_str(&String::from_utf8_lossy(&bytes));
    Ok(out)
}

fn read_metadata(text: &str, file: &str, portfolio: &mut Portfolio) -> Result<()> {
    for (n, line) in text.lines().enumerate().take_while(|(_, l)| l.starts_with('#')) {
        let Some((key, value)) = line.trim_start_matches('#').split_once(':') else { continue };
        let value = value.trim().to_string();
        match key.trim() {
            "currency_unit" => portfolio.currency_unit = value,
            "catalog" => portfolio.catalog = Some(value),
            "schema" => portfolio.schema = value,
            other => {
                return Err(ParseError::new(
                    file,
                    ReadRule::UnknownField,
                    format!("unknown metadata `{other}` (known: currency_unit, catalog, schema)"),
                )
                .at(Some(n + 1), None)
                .in_field(Some(other.to_string()))
                .into())
            }
        }
    }
    Ok(())
}

/// Column positions of the header, with the `cost_<year>` columns apart.
struct Columns {
    index: BTreeMap<String, usize>,
    cost_years: Vec<(Year, usize)>,
}

/// A row whose every cell is empty (spreadsheets export the formatted rows below a table so): it
/// holds nothing, so it is skipped rather than refused for its empty id.
pub(crate) fn blank(record: &::csv::StringRecord) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

/// The error of a header read as one column because the file separates its columns with `;` or a
/// tab (as Excel does in locales with a decimal comma), instead of every column's error.
pub(crate) fn other_separator(headers: &::csv::StringRecord, file: &str) -> Result<()> {
    let [only] = headers.iter().collect::<Vec<_>>()[..] else { return Ok(()) };
    let Some(separator) = [";", "\t"].into_iter().find(|s| only.contains(s)) else { return Ok(()) };
    let shown = if separator == "\t" { "a tab" } else { "`;`" };
    let message = format!(
        "the header is read as one column: the file separates its columns with {shown}, and CSV files \
         separate them with `,` (in Excel, save as \"CSV UTF-8 (Comma delimited)\"; in pandas, \
         `to_csv` without `sep`)"
    );
    Err(ParseError::new(file, ReadRule::WrongSeparator, message).at(Some(1), None).into())
}

impl Columns {
    fn new(headers: &::csv::StringRecord, file: &str) -> Result<Self> {
        other_separator(headers, file)?;
        refuse_other_table(headers, Table::Portfolio, file)?;
        let mut index = BTreeMap::new();
        let mut cost_years = Vec::new();
        let mut faults = Vec::new();
        for (i, name) in headers.iter().enumerate() {
            let header_error = |rule: ReadRule, message: String| -> ParseError {
                ParseError::new(file, rule, message).at(Some(1), None).in_field(Some(name.to_string()))
            };
            if let Some(year) =
                name.strip_prefix("cost_").filter(|y| !y.is_empty() && y.chars().all(|c| c.is_ascii_digit()))
            {
                match year.parse::<Year>() {
                    Ok(year) => match cost_years.iter().find(|(y, _)| *y == year) {
                        Some(&(_, j)) => faults.push(header_error(
                            ReadRule::DuplicateField,
                            same_year(name, year, headers.get(j).unwrap_or_default()),
                        )),
                        None => cost_years.push((year, i)),
                    },
                    Err(_) => faults.push(header_error(
                        ReadRule::OutOfRange,
                        format!("`{name}` is not a cost_<year> column: the year is out of range"),
                    )),
                }
            } else if !COLUMNS.contains(&name) {
                faults.push(header_error(ReadRule::UnknownField, unknown_column(name)));
            } else if index.insert(name.to_string(), i).is_some() {
                faults.push(header_error(ReadRule::DuplicateField, format!("column `{name}` appears twice")));
            }
        }
        for required in ["id", "group", "class", "cost", "impact"] {
            if !index.contains_key(required) {
                faults.push(
                    ParseError::new(file, ReadRule::MissingField, format!("required column `{required}` is missing"))
                        .at(Some(1), None)
                        .in_field(Some(required.to_string())),
                );
            }
        }
        ParseErrors::or_ok(faults, Columns { index, cost_years })
    }
}

struct Row<'a> {
    columns: &'a Columns,
    record: &'a ::csv::StringRecord,
    file: &'a str,
    line: Option<usize>,
}

/// Drops the 0 amounts of years outside a row's schedule (when its `start_year` is given): in a
/// table every row has every `cost_<year>` column, and FORMATS.md reads a missing year as 0.
pub(crate) fn drop_zeros_outside_schedule(amounts: &mut BTreeMap<Year, f64>, start: Option<Year>, duration: u32) {
    if let Some(start) = start {
        let last = i64::from(start) + i64::from(duration) - 1;
        amounts.retain(|year, v| *v != 0.0 || (i64::from(start)..=last).contains(&i64::from(*year)));
    }
}

impl Row<'_> {
    /// The row's project, or None after adding every cell it cannot read to `faults`.
    fn project(&self, faults: &mut Vec<ParseError>) -> Option<Project> {
        let before = faults.len();
        let id = self.text("id").unwrap_or_default().trim().to_string();
        if id.is_empty() {
            faults.push(*self.error(&id, "id", CellError::empty_required()));
        }
        // The required fields, then the others, each in the order of the columns.
        let group = keep(faults, self.required::<String>(&id, "group"));
        let class = keep(faults, self.required::<FundingClass>(&id, "class"));
        let cost = keep(faults, self.required(&id, "cost"));
        let impact = keep(faults, self.required(&id, "impact"));
        let start_year = keep(faults, self.optional(&id, "start_year")).flatten();
        let duration_years = keep(faults, self.optional(&id, "duration_years")).flatten().unwrap_or(1);
        let cost_profile = keep(faults, self.cost_profile(&id, start_year, duration_years)).flatten();
        let cost_categories = keep(faults, self.cost_categories(&id));
        let mut number = |column: &str| keep(faults, self.optional::<f64>(&id, column)).flatten();
        let enterprise_commitment = number("enterprise_commitment");
        let academia_contribution = number("academia_contribution");
        let state_request = number("state_request");
        let success_probability = number("success_probability");
        let min_fraction = number("min_fraction");
        let mandatory = keep(faults, self.boolean(&id, "mandatory"));
        let trl = keep(faults, self.optional(&id, "trl")).flatten();
        if faults.len() > before {
            return None;
        }
        let mut p = Project::new(&id, "", class?, cost?, impact?);
        p.group = group?.trim().to_string();
        p.title = self.text("title").unwrap_or_default().to_string();
        p.product = self.text("product").map(str::to_string);
        p.start_year = start_year;
        p.duration_years = duration_years;
        p.cost_profile = cost_profile;
        p.cost_categories = cost_categories?;
        p.enterprise_commitment = enterprise_commitment.unwrap_or(0.0);
        p.academia_contribution = academia_contribution.unwrap_or(0.0);
        p.state_request = state_request;
        p.success_probability = success_probability.unwrap_or(1.0);
        p.min_fraction = min_fraction.unwrap_or(1.0);
        p.mandatory = mandatory?;
        p.requires = self.list("requires");
        p.exclusive_group = self.text("exclusive_group").map(str::to_string);
        p.lead = self.text("lead").map(str::to_string);
        p.region = self.text("region").map(str::to_string);
        p.enterprises = self.list("enterprises");
        p.academia = self.list("academia");
        p.trl = trl;
        Some(p)
    }

    fn text(&self, column: &str) -> Option<&str> {
        let i = *self.columns.index.get(column)?;
        self.record.get(i).filter(|s| !s.trim().is_empty())
    }

    fn optional<T: FromCell>(&self, id: &str, column: &str) -> Located<Option<T>> {
        self.text(column).map(|s| T::from_cell(s).map_err(|m| self.error(id, column, m))).transpose()
    }

    fn required<T: FromCell>(&self, id: &str, column: &str) -> Located<T> {
        self.optional(id, column)?.ok_or_else(|| self.error(id, column, CellError::empty_required()))
    }

    fn boolean(&self, id: &str, column: &str) -> Located<bool> {
        match self.text(column).map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(other) => {
                Err(self.error(id, column, CellError::wrong_type(format!("cannot read `{other}` as true/false"))))
            }
        }
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.text(column).map(super::cells::list_cell).unwrap_or_default()
    }

    /// The profile of a row. Every row has every `cost_<year>` column, so a 0 in a year outside
    /// the row's own schedule (`start_year` given) is a year without cost (FORMATS.md: missing
    /// years are 0), not an amount outside the schedule.
    fn cost_profile(&self, id: &str, start: Option<Year>, duration: u32) -> Located<Option<CostProfile>> {
        let mut amounts = BTreeMap::new();
        for (year, i) in &self.columns.cost_years {
            if let Some(cell) = self.record.get(*i).map(str::trim).filter(|s| !s.is_empty()) {
                let column = format!("cost_{year}");
                let value = super::cells::number_cell(cell).map_err(|m| self.error(id, &column, m))?;
                amounts.insert(*year, value);
            }
        }
        drop_zeros_outside_schedule(&mut amounts, start, duration);
        let cell = self.text("cost_profile").map(|s| {
            super::cells::profile_cell(s)
                .map_err(|e| self.error(id, "cost_profile", e.after(&format!("cannot read the profile `{s}`: "))))
        });
        match (cell, amounts.is_empty()) {
            (Some(_), false) => Err(self.error(
                id,
                "cost_profile",
                CellError::new(
                    ReadRule::ConflictingFields,
                    "give the profile either in cost_profile or as cost_<year> amounts, not both",
                ),
            )),
            (Some(profile), true) => Ok(Some(profile?)),
            (None, false) => Ok(Some(CostProfile::Amounts(amounts))),
            (None, true) => Ok(None),
        }
    }

    /// The cost categories of a row (`research:60;pilot_materials:40`); none in a blank cell.
    fn cost_categories(&self, id: &str) -> Located<BTreeMap<String, f64>> {
        let Some(text) = self.text("cost_categories") else { return Ok(BTreeMap::new()) };
        super::cells::categories_cell(text).map_err(|e| self.error(id, "cost_categories", e))
    }

    fn error(&self, id: &str, column: &str, cell: CellError) -> Box<ParseError> {
        let project = (!id.is_empty()).then(|| id.to_string());
        let error = ParseError::new(self.file, cell.rule, cell.message).at(self.line, None).in_project(project);
        Box::new(error.in_field(Some(column.to_string())))
    }
}

fn project_cells(p: &Project, amount_years: &[Year], categories: bool) -> Result<Vec<String>> {
    let num = |v: f64| v.to_string();
    let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
    let shares = match &p.cost_profile {
        Some(CostProfile::Shares(s)) => s.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(";"),
        _ => String::new(),
    };
    let mut cells = vec![
        p.id.clone(),
        p.title.clone(),
        p.group.clone(),
        p.product.clone().unwrap_or_default(),
        p.class.as_str().to_string(),
        num(p.cost),
        p.start_year.map(|y| y.to_string()).unwrap_or_default(),
        p.duration_years.to_string(),
        shares,
        num(p.enterprise_commitment),
        num(p.academia_contribution),
        opt(p.state_request),
        num(p.impact),
        num(p.success_probability),
        num(p.min_fraction),
        p.mandatory.to_string(),
        join_list(&p.id, "requires", &p.requires)?,
        p.exclusive_group.clone().unwrap_or_default(),
        p.lead.clone().unwrap_or_default(),
        p.region.clone().unwrap_or_default(),
        join_list(&p.id, "enterprises", &p.enterprises)?,
        join_list(&p.id, "academia", &p.academia)?,
        p.trl.map(|t| t.to_string()).unwrap_or_default(),
    ];
    if categories {
        let text = super::cells::categories_text(&p.cost_categories).map_err(|message| {
            Error::Validation(vec![crate::Problem::project(
                &p.id,
                "cost_categories",
                "list_item_not_csv_safe",
                message,
            )])
        })?;
        let at = COLUMNS.iter().position(|c| *c == "cost_categories").unwrap_or(cells.len());
        cells.insert(at, text);
    }
    for year in amount_years {
        cells.push(match &p.cost_profile {
            Some(CostProfile::Amounts(m)) => m.get(year).map(|v| v.to_string()).unwrap_or_default(),
            _ => String::new(),
        });
    }
    Ok(cells)
}

fn join_list(id: &str, field: &str, items: &[String]) -> Result<String> {
    if let Some(bad) = items.iter().find(|s| s.contains(';') || s.trim().is_empty() || s.trim() != s.as_str()) {
        return Err(Error::Validation(vec![crate::Problem::project(
            id,
            field,
            "list_item_not_csv_safe",
            format!("list item `{bad}` is empty, padded or contains `;`, so it cannot be written as CSV"),
        )]));
    }
    Ok(items.join(";"))
}

/// What a cell holds, and what to say when it cannot be read.
trait FromCell: Sized {
    fn from_cell(text: &str) -> std::result::Result<Self, CellError>;
}

impl FromCell for f64 {
    fn from_cell(text: &str) -> std::result::Result<Self, CellError> {
        super::cells::number_cell(text)
    }
}

impl FromCell for String {
    fn from_cell(text: &str) -> std::result::Result<Self, CellError> {
        Ok(text.to_string())
    }
}

impl FromCell for FundingClass {
    fn from_cell(text: &str) -> std::result::Result<Self, CellError> {
        text.trim().parse().map_err(CellError::invalid_value)
    }
}

macro_rules! whole_from_cell {
    ($($t:ty),*) => {$(
        impl FromCell for $t {
            fn from_cell(text: &str) -> std::result::Result<Self, CellError> {
                let n = super::cells::whole_cell(text, i64::from(<$t>::MIN), i64::from(<$t>::MAX))?;
                <$t>::try_from(n).map_err(|_| CellError::new(ReadRule::OutOfRange, format!("`{}` is out of range", text.trim())))
            }
        }
    )*};
}

whole_from_cell!(u8, u32, i32);

fn csv_error(file: &str, e: ::csv::Error) -> ParseError {
    let line = e.position().map(|p| p.line() as usize);
    ParseError::new(file, ReadRule::Syntax, e.to_string()).at(line, None)
}

fn write_error(e: ::csv::Error) -> Error {
    Error::usage(format!("cannot write CSV: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        portfolio_from_csv(text, "p.csv").unwrap_err().to_string()
    }

    #[test]
    fn bad_cell_names_line_project_and_field() {
        let e = err("id,group,class,cost,impact\nA,biotech,market,10,1\nB,biotech,market,ten,1\n");
        assert_eq!(e, "p.csv:3: project B, field `cost`: cannot read `ten` as a number [rule wrong_type]");
        let e = err("id,group,class,cost,impact\nA,biotech,market,\"10,5\",1\n");
        assert_eq!(
            e,
            "p.csv:2: project A, field `cost`: cannot read `10,5` as a number: decimals take a dot (`10.5`) [rule wrong_type]"
        );
        let e = err("id,group,class,cost,impact,duration_years\nA,biotech,market,10,1,-1\n");
        assert!(
            e.ends_with("field `duration_years`: `-1` is out of range: it must be at least 0 [rule out_of_range]"),
            "{e}"
        );
        let e = err("id,group,class,cost,impact,trl\nA,biotech,market,10,1,4.5\n");
        assert!(e.ends_with("field `trl`: `4.5` is not a whole number [rule wrong_type]"), "{e}");
    }

    #[test]
    fn every_bad_cell_is_reported_at_once() {
        let text = "id,group,class,cost,impact,trl\n\
                    A,biotech,markett,10,1,4\n\
                    B,biotech,market,10,1,4\n\
                    C,biotech,market,ten,,4.5\n\
                    ,biotech,market,10,1,4\n";
        let error = portfolio_from_csv(text, "p.csv").unwrap_err();
        assert_eq!(
            crate::error::where_found(&error),
            [
                (Some(2), Some("A"), Some("class")),
                (Some(4), Some("C"), Some("cost")),
                (Some(4), Some("C"), Some("impact")),
                (Some(4), Some("C"), Some("trl")),
                (Some(5), None, Some("id")),
            ]
        );
        let message = error.to_string();
        assert!(message.starts_with("5 problems reading p.csv:\n  - p.csv:2: project A, field `class`"), "{message}");
    }

    #[test]
    fn every_bad_header_is_reported_at_once() {
        let Error::Parse(errors) = portfolio_from_csv("id,group,cost,colour,cost,impact\n", "p.csv").unwrap_err()
        else {
            panic!("a parse error")
        };
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("unknown column `colour`"));
        assert_eq!(messages[1], "column `cost` appears twice");
        assert_eq!(messages[2], "required column `class` is missing");
    }

    #[test]
    fn a_file_separated_by_semicolons_or_tabs_says_so_once() {
        for text in ["id;group;class;cost;impact\nA;biotech;market;10;1\n", "id\tgroup\tclass\tcost\timpact\n"] {
            let e = err(text);
            assert!(
                e.starts_with("p.csv:1: the header is read as one column: the file separates its columns with"),
                "{e}"
            );
            assert!(!e.contains("problems"), "one error, not one per missing column: {e}");
        }
    }

    #[test]
    fn rows_with_every_cell_empty_are_skipped() {
        let text = "id,group,class,cost,impact\nA,biotech,market,10,1\n,,,,\n , ,,,\nB,biotech,market,10,1\n,,,,\n";
        let p = portfolio_from_csv(text, "p.csv").unwrap();
        assert_eq!(p.projects.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["A", "B"]);
        // A row with any cell given is read, and its empty id is an error.
        assert_eq!(
            err("id,group,class,cost,impact\n,biotech,,,\n").lines().nth(1).unwrap_or_default(),
            "  - p.csv:2: field `id`: the required field is empty [rule missing_field]"
        );
    }

    #[test]
    fn unknown_and_missing_columns() {
        assert!(err("id,group,class,cost,impact,colour\n").contains("unknown column `colour`"));
        assert!(err("id,group,class,cost\n").contains("required column `impact`"));
        assert!(err("id,group,class,cost,impact\nA,biotech,market,,1\n").contains("project A, field `cost`"));
    }

    #[test]
    fn zero_cost_year_cells_are_years_without_cost() {
        // One header for all rows: A's schedule is 2026 only, and its 0 in cost_2027 is no error.
        let text = "id,group,class,cost,impact,start_year,duration_years,cost_2026,cost_2027\n\
                    A,biotech,market,10,1,2026,1,10,0\nB,biotech,market,10,1,2026,2,4,6\n";
        let p = portfolio_from_csv(text, "p.csv").unwrap();
        assert_eq!(p.projects[0].cost_profile, Some(CostProfile::Amounts([(2026, 10.0)].into())));
        assert_eq!(p.projects[1].cost_profile, Some(CostProfile::Amounts([(2026, 4.0), (2027, 6.0)].into())));
    }

    #[test]
    fn cost_year_columns_give_amounts() {
        let p = portfolio_from_csv(
            "id,group,class,cost,impact,start_year,duration_years,cost_2026,cost_2027\nA,biotech,market,10,1,2026,2,4,6\n",
            "p.csv",
        )
        .unwrap();
        assert_eq!(p.projects[0].cost_profile, Some(CostProfile::Amounts([(2026, 4.0), (2027, 6.0)].into())));
    }

    #[test]
    fn ragged_row_is_an_error_with_line() {
        assert!(err("id,group,class,cost,impact\nA,biotech,market,10\n").starts_with("p.csv:2"));
    }
}
