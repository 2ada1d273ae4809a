use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{tables, Policy, Year};

/// The schema marker of plan files.
pub const PLAN_SCHEMA: &str = "stratfund.plan/1";

/// Bounds on the state money of a group or region. A share and an amount on the same side both apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Minimum share of the total state budget sum_t B_t.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_share: Option<f64>,
    /// Maximum share of the total state budget sum_t B_t.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_share: Option<f64>,
    /// Minimum amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Maximum amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl Bounds {
    /// The effective lower bound in money: the larger of the share (of `total_budget`) and the amount.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::Bounds;
    /// let b = Bounds { min_share: Some(0.1), min: Some(50.0), max_share: Some(0.3), max: Some(400.0) };
    /// assert_eq!(b.lower(1000.0), Some(100.0)); // 10% of 1000 is more than 50
    /// assert_eq!(b.upper(1000.0), Some(300.0)); // 30% of 1000 is less than 400
    /// assert_eq!(b.upper(2000.0), Some(400.0));
    /// assert_eq!(Bounds::default().lower(1000.0), None);
    /// ```
    pub fn lower(&self, total_budget: f64) -> Option<f64> {
        let share = self.min_share.map(|s| s * total_budget);
        match (share, self.min) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// The effective upper bound in money: the smaller of the share (of `total_budget`) and the amount
    /// (see [`Bounds::lower`] for an example).
    pub fn upper(&self, total_budget: f64) -> Option<f64> {
        let share = self.max_share.map(|s| s * total_budget);
        match (share, self.max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// What the allocation optimises (MODEL.md section 4).
///
/// In files it is a table with `kind` (FORMATS.md); the bare name of a kind is read as that kind
/// with its defaults.
///
/// ```
/// use stratfund::Objective;
/// let plan = r#"{"years": [2026], "state_budget": {"2026": 900}, "objective": "max_value"}"#;
/// let plan: stratfund::Plan = serde_json::from_str(plan).unwrap();
/// assert_eq!(plan.objective, Objective::MaxValue);
/// let table = r#"{"kind": "min_state_spend", "min_value": 50}"#;
/// let objective: Objective = serde_json::from_str(table).unwrap();
/// assert_eq!(objective, Objective::MinStateSpend { min_value: Some(50.0), projects: vec![] });
/// let typo = serde_json::from_str::<Objective>(r#""max_valeu""#).unwrap_err().to_string();
/// assert!(typo.contains("max_value") && typo.contains("min_state_spend"), "{typo}");
/// let number = serde_json::from_str::<Objective>(r#"{"kind": 3}"#).unwrap_err().to_string();
/// assert!(number.contains("invalid type: integer `3`, expected \"max_value\" or"), "{number}");
/// let stray = r#"{"kind": "max_value", "min_value": 50}"#; // nothing given is dropped
/// assert!(serde_json::from_str::<Objective>(stray).unwrap_err().to_string().contains("min_state_spend"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Objective {
    /// Maximise weighted expected strategic value; among optimal portfolios use least state money.
    #[default]
    MaxValue,
    /// Reach at least `min_value` (weighted expected value) and fund `projects`, with least state money.
    MinStateSpend {
        /// The weighted expected value to reach.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_value: Option<f64>,
        /// Projects that must be funded (z = 1), each at any scale its `min_fraction` allows (the
        /// least state money may fund a partial project at its smallest scale); unlike a mandatory
        /// project (y = 1), not necessarily in full.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        projects: Vec<String>,
    },
}

impl<'de> Deserialize<'de> for Objective {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ObjectiveVisitor)
    }
}

/// The kinds of objective, as files name them.
enum ObjectiveKind {
    MaxValue,
    MinStateSpend,
}

impl<'de> Deserialize<'de> for ObjectiveKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ObjectiveKindVisitor)
    }
}

/// Reads the name of an objective kind (a string only, so that a number says what is expected).
struct ObjectiveKindVisitor;

impl serde::de::Visitor<'_> for ObjectiveKindVisitor {
    type Value = ObjectiveKind;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("\"max_value\" or \"min_state_spend\"")
    }

    fn visit_str<E: serde::de::Error>(self, kind: &str) -> Result<ObjectiveKind, E> {
        match kind {
            "max_value" => Ok(ObjectiveKind::MaxValue),
            "min_state_spend" => Ok(ObjectiveKind::MinStateSpend),
            other => Err(E::unknown_variant(other, &["max_value", "min_state_spend"])),
        }
    }
}

/// An objective as a file's table gives it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObjectiveTable {
    kind: ObjectiveKind,
    #[serde(default)]
    min_value: Option<f64>,
    #[serde(default)]
    projects: Vec<String>,
}

impl ObjectiveTable {
    fn objective<E: serde::de::Error>(self) -> Result<Objective, E> {
        match self.kind {
            ObjectiveKind::MaxValue if self.min_value.is_some() || !self.projects.is_empty() => Err(E::custom(
                "`min_value` and `projects` belong to kind = \"min_state_spend\"; kind = \"max_value\" takes neither",
            )),
            ObjectiveKind::MaxValue => Ok(Objective::MaxValue),
            ObjectiveKind::MinStateSpend => {
                Ok(Objective::MinStateSpend { min_value: self.min_value, projects: self.projects })
            }
        }
    }
}

/// Reads an objective table, or the bare name of its kind.
struct ObjectiveVisitor;

impl<'de> serde::de::Visitor<'de> for ObjectiveVisitor {
    type Value = Objective;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a table with `kind` = \"max_value\" or \"min_state_spend\", or one of those names")
    }

    fn visit_str<E: serde::de::Error>(self, kind: &str) -> Result<Objective, E> {
        let kind = ObjectiveKindVisitor.visit_str(kind)?;
        ObjectiveTable { kind, min_value: None, projects: Vec::new() }.objective()
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Objective, A::Error> {
        ObjectiveTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))?.objective()
    }
}

/// Solver options (HiGHS through good_lp).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SolverOptions {
    /// Relative MIP gap at which a solution counts as optimal.
    pub mip_rel_gap: f64,
    /// Wall-clock limit in seconds (none: no limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limit_s: Option<f64>,
    /// HiGHS threads per solve, 1 to 1024 (none: HiGHS decides).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads: Option<u32>,
    /// Solve the LP relaxation only (fractional funding indicators).
    pub relaxed: bool,
}

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions { mip_rel_gap: 1e-4, time_limit_s: None, threads: None, relaxed: false }
    }
}

/// The budget and policy for one allocation round (FORMATS.md "Plan").
///
/// ```
/// let plan = stratfund::Plan::new(vec![(2026, 900.0), (2027, 1000.0)]);
/// assert_eq!(plan.total_budget(), 1900.0);
/// assert_eq!(plan.first_year(), Some(2026));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Format marker, `stratfund.plan/1`.
    #[serde(default = "plan_schema")]
    pub schema: String,
    /// Currency unit (should match the portfolio's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_unit: Option<String>,
    /// Consecutive budget years.
    pub years: Vec<Year>,
    /// B_t, the state budget per year.
    #[serde(with = "super::years")]
    pub state_budget: BTreeMap<Year, f64>,
    /// Share of a year's unused state budget usable the next year.
    #[serde(default)]
    pub carry_over: f64,
    /// Every funded project that asks for state money receives at least this much.
    #[serde(default)]
    pub min_grant: f64,
    /// Projects the min grant does not apply to: a re-plan lists here the continuing projects
    /// whose remaining state money is below `min_grant` (their grant was made before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub min_grant_exempt: Vec<String>,
    /// Projects kept out of this plan, each with why: each is ineligible with rule `excluded` (the
    /// text is its detail), and projects requiring it become unfundable. A re-plan lists here the
    /// projects it cuts and the waiting proposals whose exclusive group is taken, so that solving
    /// the derived inputs it writes gives its allocation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "tables::named")]
    pub excluded: BTreeMap<String, String>,
    /// Most projects one lead institution may carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_projects_per_lead: Option<u32>,
    /// Bounds on state money per group.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "tables::table_values")]
    pub group_bounds: BTreeMap<String, Bounds>,
    /// Bounds on state money per region.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "tables::table_values")]
    pub region_bounds: BTreeMap<String, Bounds>,
    /// Bounds on the state money of the projects whose `product` is a catalog product flagged
    /// `priority` (the national programme's products for immediate rollout): a floor (or a cap)
    /// on them across groups, with shares of the total state budget or amounts, like a group's.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "tables::optional_table")]
    pub priority_bounds: Option<Bounds>,
    /// w_g, weights multiplying project value per group (default 1).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "tables::named")]
    pub group_weights: BTreeMap<String, f64>,
    /// The co-funding shares.
    #[serde(default, deserialize_with = "tables::table")]
    pub policy: Policy,
    /// The objective.
    #[serde(default)]
    pub objective: Objective,
    /// Solver options.
    #[serde(default, deserialize_with = "tables::table")]
    pub solver: SolverOptions,
}

fn plan_schema() -> String {
    PLAN_SCHEMA.to_string()
}

impl Plan {
    /// A plan with the given yearly budgets and every other field at its default.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{Objective, Plan};
    /// let mut plan = Plan::new(vec![(2026, 900.0), (2027, 1000.0)]);
    /// assert_eq!((plan.years.clone(), plan.carry_over, plan.objective.clone()), (vec![2026, 2027], 0.0, Objective::MaxValue));
    /// assert_eq!((plan.first_year(), plan.budget(2027), plan.budget(2030)), (Some(2026), 1000.0, 0.0));
    /// assert_eq!(plan.total_budget(), 1900.0);
    /// plan.group_weights.insert("biotech".into(), 1.5);
    /// assert_eq!((plan.group_weight("biotech"), plan.group_weight("blockchain")), (1.5, 1.0));
    /// ```
    pub fn new(budgets: Vec<(Year, f64)>) -> Self {
        Plan {
            schema: plan_schema(),
            currency_unit: None,
            years: budgets.iter().map(|(y, _)| *y).collect(),
            state_budget: budgets.into_iter().collect(),
            carry_over: 0.0,
            min_grant: 0.0,
            min_grant_exempt: Vec::new(),
            excluded: BTreeMap::new(),
            max_projects_per_lead: None,
            group_bounds: BTreeMap::new(),
            region_bounds: BTreeMap::new(),
            priority_bounds: None,
            group_weights: BTreeMap::new(),
            policy: Policy::default(),
            objective: Objective::MaxValue,
            solver: SolverOptions::default(),
        }
    }

    /// The min grant that applies to a project: `min_grant`, or 0 when `min_grant_exempt` lists it.
    ///
    /// ```
    /// let mut plan = stratfund::Plan::new(vec![(2026, 900.0)]);
    /// plan.min_grant = 2.0;
    /// plan.min_grant_exempt = vec!["P-7".into()];
    /// assert_eq!(plan.min_grant_for("P-1"), 2.0);
    /// assert_eq!(plan.min_grant_for("P-7"), 0.0);
    /// ```
    pub fn min_grant_for(&self, id: &str) -> f64 {
        if self.min_grant_exempt.iter().any(|e| e == id) {
            0.0
        } else {
            self.min_grant
        }
    }

    /// The first plan year (see [`Plan::new`] for an example).
    pub fn first_year(&self) -> Option<Year> {
        self.years.first().copied()
    }

    /// sum_t B_t (carried-over money is not added; see [`Plan::new`] for an example).
    pub fn total_budget(&self) -> f64 {
        self.years.iter().map(|y| self.budget(*y)).sum()
    }

    /// B_t, 0 for a year without a budget (see [`Plan::new`] for an example).
    pub fn budget(&self, year: Year) -> f64 {
        self.state_budget.get(&year).copied().unwrap_or(0.0)
    }

    /// w_g, 1 unless set (see [`Plan::new`] for an example).
    pub fn group_weight(&self, group: &str) -> f64 {
        self.group_weights.get(group).copied().unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_and_amount_on_the_same_side_both_apply() {
        let b = Bounds { min_share: Some(0.1), min: Some(50.0), max_share: Some(0.5), max: Some(300.0) };
        assert_eq!(b.lower(1000.0), Some(100.0));
        assert_eq!(b.upper(1000.0), Some(300.0));
        assert_eq!(Bounds::default().lower(1000.0), None);
    }
}
