//! Portfolios as typed columns (what a DataFrame holds), with the FORMATS.md CSV column names.
//!
//! Missing values (`None`) take the defaults; integer fields arrive as floats (DataFrames store
//! integer columns with gaps as floats) and must be whole; `cost_<year>` columns give the profile as
//! amounts. Errors name the row, the project id and the field.
//!
//! ```
//! use stratfund::io::columns::{portfolio_from_columns, portfolio_to_columns};
//! let portfolio = stratfund::demo::generate_portfolio(&stratfund::demo::DemoConfig { projects: 5, ..Default::default() });
//! let columns = portfolio_to_columns(&portfolio);
//! let mut again = portfolio_from_columns(columns, "<DataFrame>").unwrap();
//! again.catalog = portfolio.catalog.clone();
//! assert_eq!(again, portfolio);
//! ```

use std::collections::BTreeMap;

use crate::error::{Error, Located, ParseError, ParseErrors, ReadRule, Result};
use crate::model::{CostProfile, FundingClass, Portfolio, Project, Year};

use super::cells::{whole_number, CellError};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text (`id`, `group`, `class`, ...).
    Text,
    /// A number.
    Number,
    /// A whole number (given as a float).
    Integer,
    /// True or false.
    Flag,
    /// A list of texts (or a `;`-separated text).
    List,
    /// The `cost_profile` (list of shares or map of amounts).
    Profile,
    /// The `cost_categories` (a map of amounts by cost category).
    Categories,
    /// A `cost_<year>` amount.
    CostYear(Year),
}

/// The kind of a column, or None for an unknown column.
pub fn column_kind(name: &str) -> Option<ColumnKind> {
    Some(match name {
        "id" | "title" | "group" | "product" | "class" | "exclusive_group" | "lead" | "region" => ColumnKind::Text,
        "cost"
        | "enterprise_commitment"
        | "academia_contribution"
        | "state_request"
        | "impact"
        | "success_probability"
        | "min_fraction" => ColumnKind::Number,
        "start_year" | "duration_years" | "trl" => ColumnKind::Integer,
        "mandatory" => ColumnKind::Flag,
        "requires" | "enterprises" | "academia" => ColumnKind::List,
        "cost_profile" => ColumnKind::Profile,
        "cost_categories" => ColumnKind::Categories,
        _ => return name.strip_prefix("cost_").and_then(|y| y.parse().ok()).map(ColumnKind::CostYear),
    })
}

/// One typed column.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Text values.
    Text(Vec<Option<String>>),
    /// Numbers (also integers and `cost_<year>` amounts).
    Number(Vec<Option<f64>>),
    /// Flags.
    Flag(Vec<Option<bool>>),
    /// Lists of texts.
    List(Vec<Vec<String>>),
    /// Cost profiles.
    Profile(Vec<Option<CostProfile>>),
    /// Cost categories (None or an empty map: none given).
    Categories(Vec<Option<BTreeMap<String, f64>>>),
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Number(v) => v.len(),
            Column::Flag(v) => v.len(),
            Column::List(v) => v.len(),
            Column::Profile(v) => v.len(),
            Column::Categories(v) => v.len(),
        }
    }
}

/// Keeps the value of a cell that could be read; records the error of one that could not (a table
/// reports every bad cell at once).
pub(crate) fn keep<T>(faults: &mut Vec<ParseError>, cell: Located<T>) -> Option<T> {
    cell.map_err(|e| faults.push(*e)).ok()
}

/// Builds a portfolio (default currency and catalog) from named columns.
///
/// # Errors
///
/// [`Error::Parse`] naming the source, the row's project id and the column when columns
/// differ in length or a column is unknown; else one naming every cell of the wrong type or
/// value.
pub fn portfolio_from_columns(columns: Vec<(String, Column)>, source: &str) -> Result<Portfolio> {
    portfolio_from_read_columns(columns, source, Vec::new())
}

/// [`portfolio_from_columns`] for columns read from cells of which those in `unread` could not be
/// read (they are left empty): the error lists them with every other bad cell, by row, and not
/// again as empty. A column that holds several columns (a file read with the wrong separator) is
/// the only error: the columns it hides are not missing.
pub(crate) fn portfolio_from_read_columns(
    columns: Vec<(String, Column)>,
    source: &str,
    mut unread: Vec<ParseError>,
) -> Result<Portfolio> {
    if unread.iter().any(|e| e.rule == ReadRule::WrongSeparator) {
        unread.retain(|e| e.rule == ReadRule::WrongSeparator);
        return ParseErrors::or_ok(unread, Portfolio::new(Vec::new()));
    }
    let rows = match check(&columns, source) {
        Ok(rows) => rows,
        Err(Error::Parse(errors)) => {
            unread.extend(errors.iter().cloned());
            return ParseErrors::or_ok(unread, Portfolio::new(Vec::new()));
        }
        Err(other) => return Err(other),
    };
    let mut table = Table::new(columns, source);
    let mut faults = Vec::new();
    let rows = (0..rows).filter(|row| !table.blank(*row));
    let projects = rows.collect::<Vec<_>>().into_iter().filter_map(|row| table.project(row, &mut faults)).collect();
    let reported: std::collections::HashSet<_> = unread.iter().map(|u| (u.line, u.field.clone())).collect();
    faults.retain(|f| !reported.contains(&(f.line, f.field.clone())));
    unread.extend(faults);
    unread.sort_by_key(|f| f.line);
    ParseErrors::or_ok(unread, Portfolio::new(projects))
}

/// The projects as named columns, in the CSV column order.
pub fn portfolio_to_columns(portfolio: &Portfolio) -> Vec<(String, Column)> {
    let ps = &portfolio.projects;
    let text = |f: fn(&Project) -> Option<String>| Column::Text(ps.iter().map(f).collect());
    let number = |f: fn(&Project) -> Option<f64>| Column::Number(ps.iter().map(f).collect());
    let list = |f: fn(&Project) -> Vec<String>| Column::List(ps.iter().map(f).collect());
    let mut columns = vec![
        ("id", text(|p| Some(p.id.clone()))),
        ("title", text(|p| Some(p.title.clone()))),
        ("group", text(|p| Some(p.group.clone()))),
        ("product", text(|p| p.product.clone())),
        ("class", text(|p| Some(p.class.as_str().to_string()))),
        ("cost", number(|p| Some(p.cost))),
        ("start_year", number(|p| p.start_year.map(f64::from))),
        ("duration_years", number(|p| Some(f64::from(p.duration_years)))),
        ("cost_profile", Column::Profile(ps.iter().map(|p| p.cost_profile.clone()).collect())),
        ("enterprise_commitment", number(|p| Some(p.enterprise_commitment))),
        ("academia_contribution", number(|p| Some(p.academia_contribution))),
        ("state_request", number(|p| p.state_request)),
        ("impact", number(|p| Some(p.impact))),
        ("success_probability", number(|p| Some(p.success_probability))),
        ("min_fraction", number(|p| Some(p.min_fraction))),
        ("mandatory", Column::Flag(ps.iter().map(|p| Some(p.mandatory)).collect())),
        ("requires", list(|p| p.requires.clone())),
        ("exclusive_group", text(|p| p.exclusive_group.clone())),
        ("lead", text(|p| p.lead.clone())),
        ("region", text(|p| p.region.clone())),
        ("enterprises", list(|p| p.enterprises.clone())),
        ("academia", list(|p| p.academia.clone())),
        ("trl", number(|p| p.trl.map(f64::from))),
    ];
    // `cost_categories` only when a project gives some, as the CSV writer does.
    if ps.iter().any(|p| !p.cost_categories.is_empty()) {
        let categories = ps.iter().map(|p| Some(p.cost_categories.clone()).filter(|c| !c.is_empty())).collect();
        let at = columns.iter().position(|(name, _)| *name == "cost_profile").map_or(columns.len(), |k| k + 1);
        columns.insert(at, ("cost_categories", Column::Categories(categories)));
    }
    columns.into_iter().map(|(n, c)| (n.to_string(), c)).collect()
}

fn check(columns: &[(String, Column)], source: &str) -> Result<usize> {
    let rows = columns.first().map_or(0, |c| c.1.len());
    // The columns read so far, and the `cost_<year>` column of each year.
    let (mut names, mut years) = (std::collections::HashSet::new(), BTreeMap::new());
    for (name, column) in columns {
        let error = |rule: ReadRule, message: String| -> Error {
            ParseError::new(source, rule, message).in_field(Some(name.clone())).into()
        };
        let Some(kind) = column_kind(name) else {
            return Err(error(ReadRule::UnknownField, super::csv::unknown_column(name)));
        };
        if !names.insert(name.as_str()) {
            return Err(error(ReadRule::DuplicateField, format!("column `{name}` appears twice")));
        }
        if let ColumnKind::CostYear(year) = kind {
            if let Some(earlier) = years.insert(year, name.as_str()) {
                return Err(error(ReadRule::DuplicateField, super::csv::same_year(name, year, earlier)));
            }
        }
        let fits = matches!(
            (kind, column),
            (ColumnKind::Text, Column::Text(_))
                | (ColumnKind::Number | ColumnKind::Integer | ColumnKind::CostYear(_), Column::Number(_))
                | (ColumnKind::Flag, Column::Flag(_))
                | (ColumnKind::List, Column::List(_))
                | (ColumnKind::Profile, Column::Profile(_))
                | (ColumnKind::Categories, Column::Categories(_))
        );
        if !fits {
            return Err(error(
                ReadRule::WrongType,
                format!("column `{name}` holds the wrong kind of values (expected {kind:?})"),
            ));
        }
        if column.len() != rows {
            return Err(error(
                ReadRule::RaggedColumns,
                format!("column `{name}` has {} values, others have {rows}", column.len()),
            ));
        }
    }
    for required in ["id", "group", "class", "cost", "impact"] {
        if !columns.iter().any(|(n, _)| n == required) {
            let message = format!("required column `{required}` is missing");
            return Err(ParseError::new(source, ReadRule::MissingField, message)
                .in_field(Some(required.to_string()))
                .into());
        }
    }
    Ok(rows)
}

/// The columns by field, owned: each cell is moved into its project once (no lookups by name or
/// copies per row; 10,000 rows take a few milliseconds).
#[derive(Default)]
struct Table<'a> {
    texts: [Vec<Option<String>>; TEXT_FIELDS.len()],
    numbers: [Vec<Option<f64>>; NUMBER_FIELDS.len()],
    flags: Vec<Option<bool>>,
    lists: [Vec<Vec<String>>; LIST_FIELDS.len()],
    profiles: Vec<Option<CostProfile>>,
    categories: Vec<Option<BTreeMap<String, f64>>>,
    years: Vec<(Year, Vec<Option<f64>>)>,
    source: &'a str,
}

/// The fields read from the columns of a checked table, by kind.
const TEXT_FIELDS: [&str; 8] = ["id", "title", "group", "product", "class", "exclusive_group", "lead", "region"];
const NUMBER_FIELDS: [&str; 10] = [
    "cost",
    "start_year",
    "duration_years",
    "enterprise_commitment",
    "academia_contribution",
    "state_request",
    "impact",
    "success_probability",
    "min_fraction",
    "trl",
];
const LIST_FIELDS: [&str; 3] = ["requires", "enterprises", "academia"];

/// Puts the column `name` into its slot among `fields` (the slots follow the order of `fields`).
fn put<T>(slots: &mut [Vec<T>], fields: &[&str], name: &str, column: Vec<T>) {
    if let Some(k) = fields.iter().position(|f| *f == name) {
        slots[k] = column;
    }
}

/// Positions of the fields in [`TEXT_FIELDS`], [`NUMBER_FIELDS`] and [`LIST_FIELDS`].
const ID: usize = 0;
const TITLE: usize = 1;
const GROUP: usize = 2;
const PRODUCT: usize = 3;
const CLASS: usize = 4;
const EXCLUSIVE_GROUP: usize = 5;
const LEAD: usize = 6;
const REGION: usize = 7;
const COST: usize = 0;
const START_YEAR: usize = 1;
const DURATION_YEARS: usize = 2;
const ENTERPRISE_COMMITMENT: usize = 3;
const ACADEMIA_CONTRIBUTION: usize = 4;
const STATE_REQUEST: usize = 5;
const IMPACT: usize = 6;
const SUCCESS_PROBABILITY: usize = 7;
const MIN_FRACTION: usize = 8;
const TRL: usize = 9;
const REQUIRES: usize = 0;
const ENTERPRISES: usize = 1;
const ACADEMIA: usize = 2;

impl<'a> Table<'a> {
    /// Sorts checked columns (known names, matching kinds and lengths) by field.
    fn new(columns: Vec<(String, Column)>, source: &'a str) -> Self {
        let mut table = Table { source, ..Table::default() };
        for (name, column) in columns {
            match (column, column_kind(&name)) {
                (Column::Number(v), Some(ColumnKind::CostYear(year))) => table.years.push((year, v)),
                (Column::Text(v), _) => put(&mut table.texts, &TEXT_FIELDS, &name, v),
                (Column::Number(v), _) => put(&mut table.numbers, &NUMBER_FIELDS, &name, v),
                (Column::List(v), _) => put(&mut table.lists, &LIST_FIELDS, &name, v),
                (Column::Flag(v), _) => table.flags = v,
                (Column::Profile(v), _) => table.profiles = v,
                (Column::Categories(v), _) => table.categories = v,
            }
        }
        table
    }

    /// The row's project, or None after adding every cell it cannot read to `faults`.
    fn project(&mut self, row: usize, faults: &mut Vec<ParseError>) -> Option<Project> {
        let before = faults.len();
        let id = self.text(row, ID).unwrap_or_default();
        if id.trim().is_empty() {
            faults.push(*self.error(row, &id, TEXT_FIELDS[ID], CellError::empty_required()));
        }
        // The required fields, then the others, each in the order of the columns.
        let group = keep(faults, self.required_text(row, &id, GROUP));
        let class = self.required_text(row, &id, CLASS).and_then(|class| {
            class
                .parse::<FundingClass>()
                .map_err(|e| self.error(row, &id, TEXT_FIELDS[CLASS], CellError::invalid_value(e)))
        });
        let class = keep(faults, class);
        let cost = keep(faults, self.required(row, &id, COST));
        let impact = keep(faults, self.required(row, &id, IMPACT));
        let start_year = keep(faults, self.integer(row, &id, START_YEAR, (Year::MIN, Year::MAX))).flatten();
        let duration_years =
            keep(faults, self.integer(row, &id, DURATION_YEARS, (u32::MIN, u32::MAX))).flatten().unwrap_or(1);
        let cost_profile = keep(faults, self.profile(row, &id, start_year, duration_years)).flatten();
        let trl = keep(faults, self.integer(row, &id, TRL, (u8::MIN, u8::MAX))).flatten();
        if faults.len() > before {
            return None;
        }
        let required = Project { group: group?, ..Project::new(&id, "", class?, cost?, impact?) };
        Some(Project {
            title: self.text(row, TITLE).unwrap_or_default(),
            product: self.text(row, PRODUCT),
            start_year,
            duration_years,
            cost_profile,
            cost_categories: self.categories.get_mut(row).and_then(Option::take).unwrap_or_default(),
            enterprise_commitment: self.number(row, ENTERPRISE_COMMITMENT).unwrap_or(0.0),
            academia_contribution: self.number(row, ACADEMIA_CONTRIBUTION).unwrap_or(0.0),
            state_request: self.number(row, STATE_REQUEST),
            success_probability: self.number(row, SUCCESS_PROBABILITY).unwrap_or(1.0),
            min_fraction: self.number(row, MIN_FRACTION).unwrap_or(1.0),
            mandatory: self.flags.get(row).copied().flatten().unwrap_or(false),
            requires: self.list(row, REQUIRES),
            exclusive_group: self.text(row, EXCLUSIVE_GROUP),
            lead: self.text(row, LEAD),
            region: self.text(row, REGION),
            enterprises: self.list(row, ENTERPRISES),
            academia: self.list(row, ACADEMIA),
            trl,
            ..required
        })
    }

    /// Whether every cell of a row is empty (a spreadsheet's formatted rows below the table): it
    /// holds nothing, so it is skipped rather than refused for its empty id.
    fn blank(&self, row: usize) -> bool {
        let empty_text =
            |v: &Vec<Option<String>>| v.get(row).is_none_or(|c| c.as_deref().is_none_or(|t| t.trim().is_empty()));
        let empty_number = |v: &Vec<Option<f64>>| v.get(row).is_none_or(|c| c.is_none_or(f64::is_nan));
        self.texts.iter().all(empty_text)
            && self.numbers.iter().all(empty_number)
            && self.years.iter().all(|(_, v)| empty_number(v))
            && self.flags.get(row).is_none_or(Option::is_none)
            && self.lists.iter().all(|v| v.get(row).is_none_or(Vec::is_empty))
            && self.profiles.get(row).is_none_or(Option::is_none)
            && self.categories.get(row).is_none_or(|c| c.as_ref().is_none_or(BTreeMap::is_empty))
    }

    /// The text of a cell, moved out of the table.
    fn text(&mut self, row: usize, k: usize) -> Option<String> {
        self.texts[k].get_mut(row).and_then(Option::take)
    }

    fn required_text(&mut self, row: usize, id: &str, k: usize) -> Located<String> {
        self.text(row, k)
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| self.error(row, id, TEXT_FIELDS[k], CellError::empty_required()))
    }

    fn number(&self, row: usize, k: usize) -> Option<f64> {
        self.numbers[k].get(row).copied().flatten().filter(|x| !x.is_nan())
    }

    fn required(&self, row: usize, id: &str, k: usize) -> Located<f64> {
        self.number(row, k).ok_or_else(|| self.error(row, id, NUMBER_FIELDS[k], CellError::empty_required()))
    }

    fn integer<T: TryFrom<i64> + Into<i64>>(
        &self,
        row: usize,
        id: &str,
        k: usize,
        range: (T, T),
    ) -> Located<Option<T>> {
        let Some(x) = self.number(row, k) else { return Ok(None) };
        whole_number(x, range.0.into(), range.1.into())
            .and_then(|n| {
                T::try_from(n).map_err(|_| CellError::new(ReadRule::OutOfRange, format!("`{x}` is out of range")))
            })
            .map(Some)
            .map_err(|message| self.error(row, id, NUMBER_FIELDS[k], message))
    }

    /// The names of a list cell, moved out of the table.
    fn list(&mut self, row: usize, k: usize) -> Vec<String> {
        self.lists[k].get_mut(row).map(std::mem::take).unwrap_or_default()
    }

    fn profile(&mut self, row: usize, id: &str, start: Option<Year>, duration: u32) -> Located<Option<CostProfile>> {
        let given = self.profiles.get_mut(row).and_then(Option::take);
        let mut amounts: BTreeMap<Year, f64> =
            self.years.iter().filter_map(|(y, v)| v[row].filter(|x| !x.is_nan()).map(|x| (*y, x))).collect();
        super::csv::drop_zeros_outside_schedule(&mut amounts, start, duration);
        match (given, amounts.is_empty()) {
            (Some(_), false) => Err(self.error(
                row,
                id,
                "cost_profile",
                CellError::new(
                    ReadRule::ConflictingFields,
                    "give the profile either in cost_profile or as cost_<year> amounts, not both",
                ),
            )),
            (given, true) => Ok(given),
            (None, false) => Ok(Some(CostProfile::Amounts(amounts))),
        }
    }

    fn error(&self, row: usize, id: &str, field: &str, cell: CellError) -> Box<ParseError> {
        let project = (!id.trim().is_empty()).then(|| id.to_string());
        let error = ParseError::new(self.source, cell.rule, cell.message).at(Some(row + 1), None).in_project(project);
        Box::new(error.in_field(Some(field.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Vec<(String, Column)> {
        vec![
            ("id".into(), Column::Text(vec![Some("A".into())])),
            ("group".into(), Column::Text(vec![Some("biotech".into())])),
            ("class".into(), Column::Text(vec![Some("market".into())])),
            ("cost".into(), Column::Number(vec![Some(10.0)])),
            ("impact".into(), Column::Number(vec![Some(1.0)])),
        ]
    }

    #[test]
    fn round_trip_with_every_kind_of_profile() {
        let config = crate::demo::DemoConfig { projects: 30, ..Default::default() };
        let mut portfolio = crate::demo::generate_portfolio(&config);
        portfolio.catalog = None;
        portfolio.projects[0].cost_profile = Some(CostProfile::Shares(vec![1.0]));
        portfolio.projects[0].duration_years = 1;
        portfolio.projects[1].cost_profile = Some(CostProfile::Amounts([(2026, portfolio.projects[1].cost)].into()));
        assert_eq!(portfolio_from_columns(portfolio_to_columns(&portfolio), "<t>").unwrap(), portfolio);
    }

    #[test]
    fn zero_cost_years_outside_the_schedule_are_years_without_cost() {
        // One column per year for every row: A runs in 2026 only, and its 0 for 2027 is no error.
        let mut c = base();
        c.push(("start_year".into(), Column::Number(vec![Some(2026.0)])));
        c.push(("cost_2026".into(), Column::Number(vec![Some(10.0)])));
        c.push(("cost_2027".into(), Column::Number(vec![Some(0.0)])));
        let p = &portfolio_from_columns(c, "<DataFrame>").unwrap().projects[0];
        assert_eq!(p.cost_profile, Some(CostProfile::Amounts([(2026, 10.0)].into())));
    }

    #[test]
    fn gaps_take_defaults_and_cost_years_give_amounts() {
        let mut c = base();
        c.push(("trl".into(), Column::Number(vec![Some(4.0)])));
        c.push(("success_probability".into(), Column::Number(vec![Some(f64::NAN)])));
        c.push(("cost_2026".into(), Column::Number(vec![Some(10.0)])));
        let p = &portfolio_from_columns(c, "<t>").unwrap().projects[0];
        assert_eq!((p.trl, p.success_probability), (Some(4), 1.0));
        assert_eq!(p.cost_profile, Some(CostProfile::Amounts([(2026, 10.0)].into())));
    }

    #[test]
    fn every_bad_row_is_reported_at_once() {
        let text = |v: [&str; 3]| Column::Text(v.iter().map(|s| Some(s.to_string())).collect());
        let columns = vec![
            ("id".to_string(), text(["A", "B", "C"])),
            ("group".to_string(), text(["biotech", "", "biotech"])),
            ("class".to_string(), text(["market", "market", "rich"])),
            ("cost".to_string(), Column::Number(vec![Some(10.0), None, Some(5.0)])),
            ("impact".to_string(), Column::Number(vec![Some(1.0), Some(1.0), Some(1.0)])),
            ("trl".to_string(), Column::Number(vec![Some(4.0), Some(4.0), Some(4.5)])),
        ];
        let error = portfolio_from_columns(columns, "<DataFrame>").unwrap_err();
        assert_eq!(
            crate::error::where_found(&error),
            [
                (Some(2), Some("B"), Some("group")),
                (Some(2), Some("B"), Some("cost")),
                (Some(3), Some("C"), Some("class")),
                (Some(3), Some("C"), Some("trl")),
            ]
        );
    }

    #[test]
    fn rows_with_every_cell_empty_are_skipped() {
        let mut c = base();
        for (_, column) in &mut c {
            match column {
                Column::Text(v) => v.extend([None, Some(" ".into())]),
                Column::Number(v) => v.extend([None, Some(f64::NAN)]),
                _ => unreachable!("the base table has text and number columns"),
            }
        }
        c.push(("mandatory".into(), Column::Flag(vec![Some(true), None, None])));
        let p = portfolio_from_columns(c.clone(), "<DataFrame>").unwrap();
        assert_eq!(p.projects.len(), 1);
        // A row with any cell given is read, and its empty fields are errors.
        if let Column::Flag(v) = &mut c[5].1 {
            v[2] = Some(false);
        }
        let error = portfolio_from_columns(c, "<DataFrame>").unwrap_err();
        assert_eq!(crate::error::where_found(&error)[0], (Some(3), None, Some("id")));
    }

    #[test]
    fn errors_name_row_project_and_field() {
        let mut c = base();
        c[3].1 = Column::Number(vec![None]);
        let e = portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string();
        assert_eq!(e, "<DataFrame>:1: project A, field `cost`: the required field is empty [rule missing_field]");
        for (trl, message) in [
            (4.5, "`4.5` is not a whole number [rule wrong_type]"),
            (300.0, "`300` is out of range: it must be at most 255 [rule out_of_range]"),
        ] {
            let mut c = base();
            c.push(("trl".into(), Column::Number(vec![Some(trl)])));
            let e = portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string();
            assert!(e.ends_with(&format!("field `trl`: {message}")), "{e}");
        }
        let mut c = base();
        c[2].1 = Column::Text(vec![Some("rich".into())]);
        let e = portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string();
        assert!(e.contains("field `class`") && e.ends_with("[rule invalid_value]"), "{e}");
        let mut c = base();
        c.push(("colour".into(), Column::Text(vec![None])));
        let e = portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string();
        assert!(e.contains("unknown column `colour`") && e.ends_with("[rule unknown_field]"), "{e}");
        let mut c = base();
        c.push(("cost_2027".into(), Column::Text(vec![None])));
        let e = portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string();
        assert!(e.contains("wrong kind") && e.ends_with("[rule wrong_type]"), "{e}");
    }
}
