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

use crate::error::{Error, ParseError, Result};
use crate::model::{CostProfile, FundingClass, Portfolio, Project, Year};

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
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Number(v) => v.len(),
            Column::Flag(v) => v.len(),
            Column::List(v) => v.len(),
            Column::Profile(v) => v.len(),
        }
    }
}

/// Builds a portfolio (default currency and catalog) from named columns.
///
/// # Errors
///
/// [`Error::Parse`] naming the source, the row's project id and the column when columns
/// differ in length, a column is unknown or a cell has the wrong type or value.
pub fn portfolio_from_columns(columns: Vec<(String, Column)>, source: &str) -> Result<Portfolio> {
    let rows = check(&columns, source)?;
    let table: BTreeMap<&str, &Column> = columns.iter().map(|(n, c)| (n.as_str(), c)).collect();
    let years: Vec<(Year, &Column)> = columns
        .iter()
        .filter_map(|(n, c)| match column_kind(n) {
            Some(ColumnKind::CostYear(y)) => Some((y, c)),
            _ => None,
        })
        .collect();
    let projects =
        (0..rows).map(|row| Row { table: &table, years: &years, row, source }.project()).collect::<Result<_>>()?;
    Ok(Portfolio::new(projects))
}

/// The projects as named columns, in the CSV column order.
pub fn portfolio_to_columns(portfolio: &Portfolio) -> Vec<(String, Column)> {
    let ps = &portfolio.projects;
    let text = |f: fn(&Project) -> Option<String>| Column::Text(ps.iter().map(f).collect());
    let number = |f: fn(&Project) -> Option<f64>| Column::Number(ps.iter().map(f).collect());
    let list = |f: fn(&Project) -> Vec<String>| Column::List(ps.iter().map(f).collect());
    let columns = vec![
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
    columns.into_iter().map(|(n, c)| (n.to_string(), c)).collect()
}

fn check(columns: &[(String, Column)], source: &str) -> Result<usize> {
    let rows = columns.first().map_or(0, |c| c.1.len());
    for (name, column) in columns {
        let error = |message: String| -> Error { ParseError::new(source, message).in_field(Some(name.clone())).into() };
        let Some(kind) = column_kind(name) else {
            return Err(error(format!(
                "unknown column `{name}` (known: {}, cost_<year>)",
                super::csv::COLUMNS.join(", ")
            )));
        };
        let fits = matches!(
            (kind, column),
            (ColumnKind::Text, Column::Text(_))
                | (ColumnKind::Number | ColumnKind::Integer | ColumnKind::CostYear(_), Column::Number(_))
                | (ColumnKind::Flag, Column::Flag(_))
                | (ColumnKind::List, Column::List(_))
                | (ColumnKind::Profile, Column::Profile(_))
        );
        if !fits {
            return Err(error(format!("column `{name}` holds the wrong kind of values (expected {kind:?})")));
        }
        if column.len() != rows {
            return Err(error(format!("column `{name}` has {} values, others have {rows}", column.len())));
        }
    }
    for required in ["id", "group", "class", "cost", "impact"] {
        if !columns.iter().any(|(n, _)| n == required) {
            return Err(ParseError::new(source, format!("required column `{required}` is missing"))
                .in_field(Some(required.to_string()))
                .into());
        }
    }
    Ok(rows)
}

struct Row<'a> {
    table: &'a BTreeMap<&'a str, &'a Column>,
    years: &'a [(Year, &'a Column)],
    row: usize,
    source: &'a str,
}

impl Row<'_> {
    fn project(&self) -> Result<Project> {
        let id = self.text("id").unwrap_or_default();
        if id.trim().is_empty() {
            return Err(self.error(&id, "id", "the required field is empty".into()));
        }
        let class: FundingClass = self.required_text(&id, "class")?.parse().map_err(|e| self.error(&id, "class", e))?;
        let mut p = Project::new(
            &id,
            &self.required_text(&id, "group")?,
            class,
            self.required(&id, "cost")?,
            self.required(&id, "impact")?,
        );
        p.title = self.text("title").unwrap_or_default();
        p.product = self.text("product");
        p.start_year = self.integer(&id, "start_year")?;
        p.duration_years = self.integer(&id, "duration_years")?.unwrap_or(1);
        p.cost_profile = self.profile(&id, p.start_year, p.duration_years)?;
        p.enterprise_commitment = self.number("enterprise_commitment").unwrap_or(0.0);
        p.academia_contribution = self.number("academia_contribution").unwrap_or(0.0);
        p.state_request = self.number("state_request");
        p.success_probability = self.number("success_probability").unwrap_or(1.0);
        p.min_fraction = self.number("min_fraction").unwrap_or(1.0);
        p.mandatory = matches!(self.table.get("mandatory"), Some(Column::Flag(v)) if v[self.row] == Some(true));
        p.requires = self.list("requires");
        p.exclusive_group = self.text("exclusive_group");
        p.lead = self.text("lead");
        p.region = self.text("region");
        p.enterprises = self.list("enterprises");
        p.academia = self.list("academia");
        p.trl = self.integer(&id, "trl")?;
        Ok(p)
    }

    fn text(&self, name: &str) -> Option<String> {
        match self.table.get(name) {
            Some(Column::Text(v)) => v[self.row].clone(),
            _ => None,
        }
    }

    fn required_text(&self, id: &str, name: &str) -> Result<String> {
        self.text(name)
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| self.error(id, name, "the required field is empty".into()))
    }

    fn number(&self, name: &str) -> Option<f64> {
        match self.table.get(name) {
            Some(Column::Number(v)) => v[self.row].filter(|x| !x.is_nan()),
            _ => None,
        }
    }

    fn required(&self, id: &str, name: &str) -> Result<f64> {
        self.number(name).ok_or_else(|| self.error(id, name, "the required field is empty".into()))
    }

    fn integer<T: TryFrom<i64>>(&self, id: &str, name: &str) -> Result<Option<T>> {
        let Some(x) = self.number(name) else { return Ok(None) };
        let whole = (x.fract() == 0.0 && x.abs() < 1e15).then_some(x as i64).and_then(|i| T::try_from(i).ok());
        whole.map(Some).ok_or_else(|| self.error(id, name, format!("{x} is not a whole number in range")))
    }

    fn list(&self, name: &str) -> Vec<String> {
        match self.table.get(name) {
            Some(Column::List(v)) => v[self.row].clone(),
            _ => Vec::new(),
        }
    }

    fn profile(&self, id: &str, start: Option<Year>, duration: u32) -> Result<Option<CostProfile>> {
        let given = match self.table.get("cost_profile") {
            Some(Column::Profile(v)) => v[self.row].clone(),
            _ => None,
        };
        let mut amounts: BTreeMap<Year, f64> = self
            .years
            .iter()
            .filter_map(|(y, c)| match c {
                Column::Number(v) => v[self.row].filter(|x| !x.is_nan()).map(|x| (*y, x)),
                _ => None,
            })
            .collect();
        super::csv::drop_zeros_outside_schedule(&mut amounts, start, duration);
        match (given, amounts.is_empty()) {
            (Some(_), false) => Err(self.error(
                id,
                "cost_profile",
                "give the profile either in cost_profile or as cost_<year> amounts, not both".into(),
            )),
            (given, true) => Ok(given),
            (None, false) => Ok(Some(CostProfile::Amounts(amounts))),
        }
    }

    fn error(&self, id: &str, field: &str, message: String) -> Error {
        let project = (!id.is_empty()).then(|| id.to_string());
        ParseError::new(self.source, message)
            .at(Some(self.row + 1), None)
            .in_project(project)
            .in_field(Some(field.to_string()))
            .into()
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
    fn errors_name_row_project_and_field() {
        let mut c = base();
        c[3].1 = Column::Number(vec![None]);
        let e = portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string();
        assert_eq!(e, "<DataFrame>:1: project A, field `cost`: the required field is empty");
        let mut c = base();
        c.push(("trl".into(), Column::Number(vec![Some(4.5)])));
        assert!(portfolio_from_columns(c, "<DataFrame>")
            .unwrap_err()
            .to_string()
            .contains("field `trl`: 4.5 is not a whole number"));
        let mut c = base();
        c[2].1 = Column::Text(vec![Some("rich".into())]);
        assert!(portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string().contains("field `class`"));
        let mut c = base();
        c.push(("colour".into(), Column::Text(vec![None])));
        assert!(portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string().contains("unknown column `colour`"));
        let mut c = base();
        c.push(("cost_2027".into(), Column::Text(vec![None])));
        assert!(portfolio_from_columns(c, "<DataFrame>").unwrap_err().to_string().contains("wrong kind"));
    }
}
