use serde::{Deserialize, Serialize};

use super::Project;

/// The schema marker of portfolio files.
pub const PORTFOLIO_SCHEMA: &str = "stratfund.portfolio/1";

/// A set of proposals in one currency unit (FORMATS.md "Portfolio").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    /// Format marker, `stratfund.portfolio/1`.
    #[serde(default = "portfolio_schema")]
    pub schema: String,
    /// Currency unit of every amount (default `billion VND`).
    #[serde(default = "default_currency")]
    pub currency_unit: String,
    /// Catalog the group codes refer to (default: the compiled-in Decision 1131 catalog).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// The proposals.
    #[serde(deserialize_with = "super::tables::table_items")]
    pub projects: Vec<Project>,
}

fn portfolio_schema() -> String {
    PORTFOLIO_SCHEMA.to_string()
}

/// The default currency unit, `billion VND`.
pub fn default_currency() -> String {
    "billion VND".to_string()
}

impl Portfolio {
    /// A portfolio of the given projects in the default currency unit.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{FundingClass, Portfolio, Project};
    /// let p = Portfolio::new(vec![Project::new("P-1", "biotech", FundingClass::Market, 10.0, 3.0)]);
    /// assert_eq!((p.projects.len(), p.currency_unit.as_str(), p.catalog), (1, "billion VND", None));
    /// ```
    pub fn new(projects: Vec<Project>) -> Self {
        Portfolio { schema: portfolio_schema(), currency_unit: default_currency(), catalog: None, projects }
    }

    /// Looks a project up by id.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{FundingClass, Portfolio, Project};
    /// let p = Portfolio::new(vec![Project::new("P-1", "biotech", FundingClass::Market, 10.0, 3.0)]);
    /// assert_eq!(p.project("P-1").map(|x| x.cost), Some(10.0));
    /// assert!(p.project("P-2").is_none());
    /// ```
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// What to add to a message about an id that is not in the portfolio: `; did you mean
    /// `P-1`?` when a project's id is spelled like it (other case, spaces at its ends, `-` for
    /// `_`), a hint when it is the same id in another Unicode form, else nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{FundingClass, Portfolio, Project};
    /// let p = Portfolio::new(vec![Project::new("P-1", "biotech", FundingClass::Market, 10.0, 3.0)]);
    /// assert_eq!(p.id_hint("p_1"), "; did you mean `P-1`?");
    /// assert_eq!(p.id_hint("P-2"), "");
    /// // The same id with its letters decomposed (as macOS may save them) looks the same:
    /// let composed = Portfolio::new(vec![Project::new("D\u{1ef1}-1", "biotech", FundingClass::Market, 10.0, 3.0)]);
    /// assert!(composed.id_hint("Du\u{31b}\u{323}-1").contains("another Unicode form"));
    /// ```
    pub fn id_hint(&self, id: &str) -> String {
        crate::io::names::did_you_mean_id(id, self.projects.iter().map(|p| p.id.as_str()))
    }
}
