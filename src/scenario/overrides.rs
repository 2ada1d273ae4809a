//! Scenarios: named sets of overrides applied to a portfolio and a plan (MODEL.md section 6).
//!
//! A scenario file holds a list of scenarios, in JSON or TOML:
//!
//! ```toml
//! schema = "stratfund.scenarios/1"
//!
//! [[scenarios]]
//! name = "budget_cut"
//! budget_scale = 0.8                 # every year's B_t x 0.8
//! [scenarios.budget_scale_by_year]  # and, on top, per year
//! 2027 = 0.9
//!
//! [[scenarios]]
//! name = "weak_enterprises"
//! enterprise_scale = 0.7             # every E_p x 0.7
//! enterprise_scale_by_group = { semiconductors = 0.5 }
//! policy = { strategic_min_enterprise_share = 0.3 }
//! # a cost category's cap: policy = { state_share_caps = { pilot_materials = 0.5 } }
//! exclude = ["P-0007"]
//! force = ["P-0012"]
//! ```
//!
//! Every override multiplies or replaces one input; nothing else changes. Unknown fields, unknown
//! projects or groups, and out-of-range numbers are errors naming the scenario and the field.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};
use crate::model::tables::named;
use crate::model::validate::given;
use crate::model::{Plan, Portfolio, Year};

/// The schema marker of scenario files.
pub const SCENARIOS_SCHEMA: &str = "stratfund.scenarios/1";

/// Overrides of the co-funding shares (MODEL.md section 1); unset fields keep the plan's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyOverrides {
    /// Replaces `policy.market_min_enterprise_share`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_min_enterprise_share: Option<f64>,
    /// Replaces `policy.strategic_min_enterprise_share`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategic_min_enterprise_share: Option<f64>,
    /// Replaces `policy.strategic_min_state_share`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategic_min_state_share: Option<f64>,
    /// Replaces the caps of the cost categories it names in `policy.state_share_caps` (adding
    /// those the plan does not cap); the plan's other caps stay.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "named")]
    pub state_share_caps: BTreeMap<String, f64>,
}

/// A named set of overrides.
///
/// ```
/// use stratfund::scenario::Scenario;
/// let cut = Scenario { budget_scale: 0.8, ..Scenario::named("cut") };
/// let config = stratfund::demo::DemoConfig { projects: 20, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let applied = cut.apply(&portfolio, &plan, &stratfund::Catalog::default()).unwrap();
/// assert!((applied.plan.total_budget() - 0.8 * plan.total_budget()).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique name.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Multiplies every year's state budget (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one", deserialize_with = "budget_factor")]
    pub budget_scale: f64,
    /// Multiplies the state budget of some years (on top of `budget_scale`).
    #[serde(default, with = "crate::model::years", skip_serializing_if = "BTreeMap::is_empty")]
    pub budget_scale_by_year: BTreeMap<Year, f64>,
    /// Multiplies every project's enterprise commitment (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one", deserialize_with = "enterprise_factor")]
    pub enterprise_scale: f64,
    /// Multiplies the enterprise commitment of the projects of some groups (on top of
    /// `enterprise_scale`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "named")]
    pub enterprise_scale_by_group: BTreeMap<String, f64>,
    /// Co-funding shares.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::tables::optional_table"
    )]
    pub policy: Option<PolicyOverrides>,
    /// Replaces the weights of some groups.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "named")]
    pub group_weights: BTreeMap<String, f64>,
    /// Replaces the success probability of the projects of some groups.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "named")]
    pub success_probability_by_group: BTreeMap<String, f64>,
    /// Replaces the success probability of some projects (after the group overrides).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "named")]
    pub success_probability: BTreeMap<String, f64>,
    /// Projects that may not be funded (listed as ineligible with rule `excluded`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Projects that must be funded (made mandatory).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub force: Vec<String>,
}

fn one() -> f64 {
    1.0
}

fn is_one(x: &f64) -> bool {
    *x == 1.0
}

/// Reads `budget_scale`; a table gets a hint towards `budget_scale_by_year`.
fn budget_factor<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<f64, D::Error> {
    deserializer.deserialize_any(Factor { field: "budget_scale", per_key: "budget_scale_by_year", key: "year" })
}

/// Reads `enterprise_scale`; a table gets a hint towards `enterprise_scale_by_group`.
fn enterprise_factor<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<f64, D::Error> {
    deserializer.deserialize_any(Factor {
        field: "enterprise_scale",
        per_key: "enterprise_scale_by_group",
        key: "group",
    })
}

/// One factor for every year or project; says where per-key factors go when given a table.
struct Factor {
    field: &'static str,
    per_key: &'static str,
    key: &'static str,
}

impl<'de> serde::de::Visitor<'de> for Factor {
    type Value = f64;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "one number (factors per {} go in `{}`)", self.key, self.per_key)
    }

    fn visit_f64<E: serde::de::Error>(self, x: f64) -> std::result::Result<f64, E> {
        Ok(x)
    }

    fn visit_i64<E: serde::de::Error>(self, x: i64) -> std::result::Result<f64, E> {
        Ok(x as f64)
    }

    fn visit_u64<E: serde::de::Error>(self, x: u64) -> std::result::Result<f64, E> {
        Ok(x as f64)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> std::result::Result<f64, A::Error> {
        Err(serde::de::Error::custom(format!(
            "`{}` is one number for all; give factors per {} in `{}` instead",
            self.field, self.key, self.per_key
        )))
    }
}

/// A scenario file: a list of scenarios.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSet {
    /// Format marker, `stratfund.scenarios/1`.
    #[serde(default = "scenarios_schema")]
    pub schema: String,
    /// The scenarios, in the order they are reported.
    #[serde(deserialize_with = "crate::model::tables::table_items")]
    pub scenarios: Vec<Scenario>,
}

fn scenarios_schema() -> String {
    SCENARIOS_SCHEMA.to_string()
}

/// A portfolio and a plan with a scenario's overrides applied, and the projects it excludes
/// (id -> why), to pass to [`crate::model::check_excluding`].
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The portfolio with the overrides.
    pub portfolio: Portfolio,
    /// The plan with the overrides.
    pub plan: Plan,
    /// Excluded projects and why.
    pub excluded: BTreeMap<String, String>,
}

impl Scenario {
    /// A scenario without overrides.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut cut = stratfund::scenario::Scenario::named("cut_20");
    /// cut.budget_scale = 0.8;
    /// assert_eq!((cut.name.as_str(), cut.enterprise_scale, cut.exclude.len()), ("cut_20", 1.0, 0));
    /// ```
    pub fn named(name: impl Into<String>) -> Scenario {
        Scenario {
            name: name.into(),
            description: String::new(),
            budget_scale: 1.0,
            budget_scale_by_year: BTreeMap::new(),
            enterprise_scale: 1.0,
            enterprise_scale_by_group: BTreeMap::new(),
            policy: None,
            group_weights: BTreeMap::new(),
            success_probability_by_group: BTreeMap::new(),
            success_probability: BTreeMap::new(),
            exclude: Vec::new(),
            force: Vec::new(),
        }
    }

    /// Checks the overrides against the inputs: every problem names the scenario and the field.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`](crate::Error::Validation) listing every problem (an empty name; an
    /// unknown project, group or year; a scale, share, weight or probability out of range; a project
    /// both forced and excluded), each naming the scenario and the field.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{scenario::Scenario, Catalog, Plan, Portfolio};
    /// let mut s = Scenario::named("odd");
    /// s.budget_scale = -0.5;
    /// s.exclude = vec!["P-404".into()];
    /// let error = s.check(&Portfolio::new(vec![]), &Plan::new(vec![(2026, 100.0)]), &Catalog::default());
    /// let fields: Vec<String> = error.unwrap_err().problems().iter().map(|p| p.field.clone()).collect();
    /// assert_eq!(fields, ["scenarios[odd].budget_scale", "scenarios[odd].exclude"]);
    /// ```
    pub fn check(&self, portfolio: &Portfolio, plan: &Plan, catalog: &Catalog) -> Result<()> {
        let mut found = Found { scenario: &self.name, problems: Vec::new() };
        if self.name.trim().is_empty() {
            found.add("name", "empty_name", "every scenario needs a name".into());
        }
        self.check_scales(plan, &mut found);
        self.check_group_maps(catalog, &mut found);
        self.check_projects(portfolio, &mut found);
        found.into_result()
    }

    /// Budget scales (overall and per plan year) and the overall enterprise scale are >= 0.
    fn check_scales(&self, plan: &Plan, found: &mut Found<'_>) {
        if !scale_ok(self.budget_scale) {
            let message = format!("{} must be a finite number >= 0", given(self.budget_scale));
            found.add("budget_scale", "out_of_range", message);
        }
        for (year, x) in &self.budget_scale_by_year {
            let field = format!("budget_scale_by_year.{year}");
            if !plan.years.contains(year) {
                found.add(field, "unknown_year", format!("{year} is not a plan year"));
            } else if !scale_ok(*x) {
                found.add(field, "out_of_range", format!("{} must be a finite number >= 0", given(*x)));
            }
        }
        if !scale_ok(self.enterprise_scale) {
            let message = format!("{} must be a finite number >= 0", given(self.enterprise_scale));
            found.add("enterprise_scale", "out_of_range", message);
        }
    }

    /// Maps by group name catalog groups, with values in their ranges.
    fn check_group_maps(&self, catalog: &Catalog, found: &mut Found<'_>) {
        let scales = "a finite number >= 0";
        found.group_map("enterprise_scale_by_group", &self.enterprise_scale_by_group, scale_ok, scales, catalog);
        found.group_map("group_weights", &self.group_weights, scale_ok, scales, catalog);
        let probabilities = &self.success_probability_by_group;
        found.group_map("success_probability_by_group", probabilities, probability_ok, "in (0, 1]", catalog);
    }

    /// Project ids (success probabilities, excluded and forced projects) are in the portfolio, and
    /// no project is both forced and excluded.
    fn check_projects(&self, portfolio: &Portfolio, found: &mut Found<'_>) {
        let unknown = |id: &str| format!("`{id}` is not in the portfolio{}", portfolio.id_hint(id));
        for (id, x) in &self.success_probability {
            let field = format!("success_probability.{id}");
            if portfolio.project(id).is_none() {
                found.add(field, "unknown_project", unknown(id));
            } else if !probability_ok(*x) {
                found.add(field, "out_of_range", format!("{} must be in (0, 1]", given(*x)));
            }
        }
        for (field, ids) in [("exclude", &self.exclude), ("force", &self.force)] {
            for id in ids.iter().filter(|id| portfolio.project(id).is_none()) {
                found.add(field, "unknown_project", unknown(id));
            }
        }
        let excluded: BTreeSet<&str> = self.exclude.iter().map(String::as_str).collect();
        for id in self.force.iter().filter(|id| excluded.contains(id.as_str())) {
            found.add("force", "forced_and_excluded", format!("`{id}` is both forced and excluded"));
        }
    }

    /// Applies the overrides to copies of the inputs (after [`Scenario::check`]).
    ///
    /// # Errors
    ///
    /// As [`Scenario::check`].
    pub fn apply(&self, portfolio: &Portfolio, plan: &Plan, catalog: &Catalog) -> Result<Applied> {
        self.check(portfolio, plan, catalog)?;
        let mut plan = plan.clone();
        for (year, budget) in plan.state_budget.iter_mut() {
            *budget *= self.budget_scale * self.budget_scale_by_year.get(year).copied().unwrap_or(1.0);
        }
        if let Some(policy) = &self.policy {
            let p = &mut plan.policy;
            p.market_min_enterprise_share = policy.market_min_enterprise_share.unwrap_or(p.market_min_enterprise_share);
            p.strategic_min_enterprise_share =
                policy.strategic_min_enterprise_share.unwrap_or(p.strategic_min_enterprise_share);
            p.strategic_min_state_share = policy.strategic_min_state_share.or(p.strategic_min_state_share);
            p.state_share_caps.extend(policy.state_share_caps.iter().map(|(k, cap)| (k.clone(), *cap)));
        }
        plan.group_weights.extend(self.group_weights.iter().map(|(g, w)| (g.clone(), *w)));
        let mut portfolio = portfolio.clone();
        for p in &mut portfolio.projects {
            p.enterprise_commitment *=
                self.enterprise_scale * self.enterprise_scale_by_group.get(&p.group).copied().unwrap_or(1.0);
            if let Some(pi) = self.success_probability_by_group.get(&p.group) {
                p.success_probability = *pi;
            }
            if let Some(pi) = self.success_probability.get(&p.id) {
                p.success_probability = *pi;
            }
            if self.force.contains(&p.id) {
                p.mandatory = true;
            }
        }
        let excluded =
            self.exclude.iter().map(|id| (id.clone(), format!("excluded by scenario `{}`", self.name))).collect();
        Ok(Applied { portfolio, plan, excluded })
    }
}

impl ScenarioSet {
    /// Checks that names are unique (and not `baseline`, which [`super::compare`] uses).
    ///
    /// # Errors
    ///
    /// [`Error::Validation`](crate::Error::Validation) naming every duplicate or reserved name.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::scenario::{Scenario, ScenarioSet};
    /// let set = |names: &[&str]| ScenarioSet {
    ///     schema: "stratfund.scenarios/1".into(),
    ///     scenarios: names.iter().map(|n| Scenario::named(*n)).collect(),
    /// };
    /// assert!(set(&["cut", "boost"]).check_names().is_ok());
    /// let error = set(&["cut", "cut", "baseline"]).check_names().unwrap_err();
    /// let rules: Vec<&str> = error.problems().iter().map(|p| p.rule.as_str()).collect();
    /// assert_eq!(rules, ["duplicate_name", "reserved_name"]);
    /// ```
    pub fn check_names(&self) -> Result<()> {
        let mut seen = BTreeSet::new();
        let mut problems = Vec::new();
        for s in &self.scenarios {
            if s.name == super::BASELINE {
                problems.push(Problem::plan(
                    format!("scenarios[{}].name", s.name),
                    "reserved_name",
                    "`baseline` names the unmodified inputs; choose another name",
                ));
            } else if !seen.insert(s.name.as_str()) {
                problems.push(Problem::plan(
                    format!("scenarios[{}].name", s.name),
                    "duplicate_name",
                    format!("two scenarios are named `{}`", s.name),
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(problems))
        }
    }
}

/// Parses a scenario file from JSON text; `file` labels errors.
///
/// # Errors
///
/// [`Error::Parse`](crate::Error::Parse) (file, line, column, field) when the text is not a valid scenario
/// set.
///
/// # Examples
///
/// ```
/// let text = r#"{"scenarios": [{"name": "late", "budget_scale_by_year": {"2026": 0.5}}]}"#;
/// let set = stratfund::scenario::scenarios_from_json(text, "s.json")?;
/// assert_eq!(set.scenarios[0].budget_scale_by_year[&2026], 0.5);
/// assert!(stratfund::scenario::scenarios_from_json("{\"scenarios\": 3}", "s.json").is_err());
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn scenarios_from_json(text: &str, file: &str) -> Result<ScenarioSet> {
    crate::io::expecting(crate::io::json::from_str_located(text, file), text, file, SCENARIOS_SCHEMA)
}

/// Parses a scenario file from TOML text; `file` labels errors.
///
/// # Errors
///
/// [`Error::Parse`](crate::Error::Parse) (file, line, column, field) when the text is not a valid scenario
/// set.
///
/// # Examples
///
/// ```
/// let text = r#"
/// schema = "stratfund.scenarios/1"
/// [[scenarios]]
/// name = "cut_2027"
/// budget_scale_by_year = { 2027 = 0.8 }
/// exclude = ["P-0003"]
/// "#;
/// let set = stratfund::scenario::scenarios_from_toml(text, "scenarios.toml")?;
/// assert_eq!(set.scenarios[0].budget_scale_by_year[&2027], 0.8);
/// let typo = text.replace("exclude", "exclued");
/// let err = stratfund::scenario::scenarios_from_toml(&typo, "scenarios.toml").unwrap_err();
/// assert!(err.to_string().contains("exclued")); // unknown fields are errors, with their name
/// let per_year = text.replace("budget_scale_by_year", "budget_scale");
/// let err = stratfund::scenario::scenarios_from_toml(&per_year, "scenarios.toml").unwrap_err();
/// assert!(err.to_string().contains("budget_scale_by_year")); // a table says where it belongs
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn scenarios_from_toml(text: &str, file: &str) -> Result<ScenarioSet> {
    crate::io::expecting(crate::io::toml::from_str_located(text, file), text, file, SCENARIOS_SCHEMA)
}

/// Reads a `.json` or `.toml` scenario file.
///
/// # Errors
///
/// [`Error::Io`](crate::Error::Io) when the file cannot be read, [`Error::Usage`](crate::Error::Usage) for
/// another extension, [`Error::Parse`](crate::Error::Parse) when its content is not a valid scenario set,
/// [`Error::Validation`] when its `schema` is not `stratfund.scenarios/1`.
pub fn read_scenarios(path: impl AsRef<std::path::Path>) -> Result<ScenarioSet> {
    let path = path.as_ref();
    let set: ScenarioSet = crate::io::read_document(path, "scenarios", Some(SCENARIOS_SCHEMA))?;
    if set.schema != SCENARIOS_SCHEMA {
        let file = path.display();
        return Err(Error::Validation(vec![Problem::plan(
            "schema",
            "unknown_schema",
            format!("{file}: schema `{}` is not `{SCENARIOS_SCHEMA}`", set.schema),
        )]));
    }
    Ok(set)
}

/// A scale (of a budget, of enterprise commitments, a weight) is a finite number >= 0.
fn scale_ok(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

/// A success probability is in (0, 1].
fn probability_ok(x: f64) -> bool {
    x > 0.0 && x <= 1.0
}

/// The problems found in one scenario, each at a field under `scenarios[<name>]`.
struct Found<'a> {
    scenario: &'a str,
    problems: Vec<Problem>,
}

impl Found<'_> {
    fn add(&mut self, field: impl Into<String>, rule: &str, message: String) {
        let field = format!("scenarios[{}].{}", self.scenario, field.into());
        self.problems.push(Problem::plan(field, rule, message));
    }

    /// Each group of `map` is in the catalog and its value `in_range` (which `range` words).
    fn group_map(
        &mut self,
        field: &str,
        map: &BTreeMap<String, f64>,
        in_range: fn(f64) -> bool,
        range: &str,
        catalog: &Catalog,
    ) {
        for (group, x) in map {
            if catalog.group(group).is_none() {
                self.add(format!("{field}.{group}"), "unknown_group", catalog.unknown_group(group));
            } else if !in_range(*x) {
                self.add(format!("{field}.{group}"), "out_of_range", format!("{} must be {range}", given(*x)));
            }
        }
    }

    fn into_result(self) -> Result<()> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self.problems))
        }
    }
}
