use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FundingClass, Year};

/// How a project's cost is spread over its years: a list of shares or a map of amounts by year.
///
/// ```
/// use stratfund::CostProfile;
/// let shares: CostProfile = serde_json::from_str("[0.4, 0.6]").unwrap();
/// assert_eq!(shares, CostProfile::Shares(vec![0.4, 0.6]));
/// let amounts: CostProfile = serde_json::from_str(r#"{"2026": 40, "2027": 60}"#).unwrap();
/// assert_eq!(amounts, CostProfile::Amounts([(2026, 40.0), (2027, 60.0)].into()));
/// let error = serde_json::from_str::<CostProfile>(r#""even""#).unwrap_err().to_string();
/// assert!(error.contains("a list of shares"), "{error}");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CostProfile {
    /// One share per year from `start_year`, `duration_years` entries summing to 1.
    Shares(Vec<f64>),
    /// An amount per year (summing to `cost`); missing years of the schedule are 0.
    Amounts(#[serde(serialize_with = "super::years::serialize")] BTreeMap<Year, f64>),
}

impl<'de> Deserialize<'de> for CostProfile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CostProfileVisitor)
    }
}

/// Reads a list as shares and a map as amounts by year, so that an error inside either names
/// the entry at fault.
struct CostProfileVisitor;

impl<'de> serde::de::Visitor<'de> for CostProfileVisitor {
    type Value = CostProfile;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of shares per year (e.g. [0.4, 0.6]) or a map of amounts by year (e.g. {\"2026\": 40})")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<CostProfile, A::Error> {
        Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(CostProfile::Shares)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<CostProfile, A::Error> {
        super::years::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(CostProfile::Amounts)
    }
}

/// A funding proposal (MODEL.md section 2). Money is in the portfolio's currency unit.
///
/// ```
/// use stratfund::{FundingClass, Project};
/// let p = Project::new("P-1", "semiconductors", FundingClass::Strategic, 100.0, 40.0);
/// assert_eq!(p.state_request_or_cost(), 100.0);
/// assert_eq!(p.duration_years, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Unique id.
    pub id: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Catalog group code.
    pub group: String,
    /// Product line code (or descriptive text).
    #[serde(default)]
    pub product: Option<String>,
    /// Funding class.
    pub class: FundingClass,
    /// Total cost C_p > 0.
    pub cost: f64,
    /// First year (default: the plan's first year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_year: Option<Year>,
    /// Number of years (default 1).
    #[serde(default = "one_year")]
    pub duration_years: u32,
    /// Explicit cost profile (default: even spread).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_profile: Option<CostProfile>,
    /// The cost broken down by category (`research`, `technology_completion`, ...): amounts
    /// summing to `cost`, which the plan's `policy.state_share_caps` cap (default: none given).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "super::tables::named")]
    pub cost_categories: BTreeMap<String, f64>,
    /// E_p, the most enterprise money available.
    #[serde(default)]
    pub enterprise_commitment: f64,
    /// A_p, the most academia money available.
    #[serde(default)]
    pub academia_contribution: f64,
    /// R_p, the most state money asked (default: cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_request: Option<f64>,
    /// V_p >= 0, value if the project succeeds.
    pub impact: f64,
    /// pi_p in (0, 1].
    #[serde(default = "one")]
    pub success_probability: f64,
    /// f_p in (0, 1]; 1 means all-or-nothing.
    #[serde(default = "one")]
    pub min_fraction: f64,
    /// Must be funded (continuing commitment).
    #[serde(default)]
    pub mandatory: bool,
    /// Ids that must be funded if this one is.
    #[serde(default)]
    pub requires: Vec<String>,
    /// At most one project per label is funded.
    #[serde(default)]
    pub exclusive_group: Option<String>,
    /// Lead institution.
    #[serde(default)]
    pub lead: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// Participating enterprises.
    #[serde(default)]
    pub enterprises: Vec<String>,
    /// Participating universities and institutes.
    #[serde(default)]
    pub academia: Vec<String>,
    /// Technology readiness level (1-9).
    #[serde(default)]
    pub trl: Option<u8>,
}

fn one_year() -> u32 {
    1
}

fn one() -> f64 {
    1.0
}

impl Project {
    /// A project with the required fields set and every other field at its default.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{CostProfile, FundingClass, Project};
    /// let mut p = Project::new("P-1", "semiconductors", FundingClass::Strategic, 100.0, 80.0);
    /// assert_eq!((p.state_request_or_cost(), p.success_probability, p.min_fraction), (100.0, 1.0, 1.0));
    /// assert_eq!(p.first_year(2026), 2026); // no start year: the plan's first
    /// p.start_year = Some(2027);
    /// p.duration_years = 2;
    /// assert_eq!(p.schedule_years(2026).collect::<Vec<_>>(), [2027, 2028]);
    /// assert_eq!(p.year_shares(2026)?.into_iter().collect::<Vec<_>>(), [(2027, 0.5), (2028, 0.5)]);
    /// p.cost_profile = Some(CostProfile::Shares(vec![0.3, 0.6])); // sums to 0.9
    /// assert!(p.year_shares(2026).unwrap_err().contains("cost_profile"));
    /// # Ok::<(), String>(())
    /// ```
    pub fn new(id: &str, group: &str, class: FundingClass, cost: f64, impact: f64) -> Self {
        Project {
            id: id.to_string(),
            title: String::new(),
            group: group.to_string(),
            product: None,
            class,
            cost,
            start_year: None,
            duration_years: 1,
            cost_profile: None,
            cost_categories: BTreeMap::new(),
            enterprise_commitment: 0.0,
            academia_contribution: 0.0,
            state_request: None,
            impact,
            success_probability: 1.0,
            min_fraction: 1.0,
            mandatory: false,
            requires: Vec::new(),
            exclusive_group: None,
            lead: None,
            region: None,
            enterprises: Vec::new(),
            academia: Vec::new(),
            trl: None,
        }
    }

    /// R_p, defaulting to the cost (see [`Project::new`] for an example).
    pub fn state_request_or_cost(&self) -> f64 {
        self.state_request.unwrap_or(self.cost)
    }

    /// The first year, defaulting to the plan's first year (see [`Project::new`] for an example).
    pub fn first_year(&self, plan_first_year: Year) -> Year {
        self.start_year.unwrap_or(plan_first_year)
    }

    /// The years of the schedule: `first_year .. first_year + duration_years` (see [`Project::new`]
    /// for an example).
    pub fn schedule_years(&self, plan_first_year: Year) -> impl Iterator<Item = Year> {
        let first = self.first_year(plan_first_year);
        (0..self.duration_years as Year).map(move |k| first + k)
    }

    /// phi_{p,t}: the share of the cost falling in each year of the schedule (see [`Project::new`]
    /// for an example).
    ///
    /// # Errors
    ///
    /// A sentence naming the field when the profile does not match the schedule or does not sum to 1
    /// (shares) or to the cost (amounts) within 1e-9 relative.
    pub fn year_shares(&self, plan_first_year: Year) -> Result<BTreeMap<Year, f64>, String> {
        let years: Vec<Year> = self.schedule_years(plan_first_year).collect();
        match &self.cost_profile {
            None => {
                let share = 1.0 / years.len().max(1) as f64;
                Ok(years.into_iter().map(|y| (y, share)).collect())
            }
            Some(CostProfile::Shares(shares)) => shares_by_year(&years, shares),
            Some(CostProfile::Amounts(amounts)) => amounts_by_year(&years, amounts, self.cost),
        }
    }
}

fn shares_by_year(years: &[Year], shares: &[f64]) -> Result<BTreeMap<Year, f64>, String> {
    if shares.len() != years.len() {
        return Err(format!("cost_profile has {} shares but duration_years is {}", shares.len(), years.len()));
    }
    check_entries(shares.iter().copied())?;
    let sum: f64 = shares.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        return Err(format!("cost_profile shares sum to {sum}, not 1"));
    }
    Ok(years.iter().copied().zip(shares.iter().map(|s| s / sum)).collect())
}

fn amounts_by_year(years: &[Year], amounts: &BTreeMap<Year, f64>, cost: f64) -> Result<BTreeMap<Year, f64>, String> {
    if let Some(year) = amounts.keys().find(|y| !years.contains(y)) {
        return Err(format!(
            "cost_profile has year {year}, outside the schedule {}..{}",
            years.first().copied().unwrap_or_default(),
            years.last().copied().unwrap_or_default()
        ));
    }
    check_entries(amounts.values().copied())?;
    let sum: f64 = amounts.values().sum();
    if cost.is_nan() || cost <= 0.0 || (sum - cost).abs() > 1e-9 * cost {
        return Err(format!("cost_profile amounts sum to {sum}, not the cost {cost}"));
    }
    Ok(years.iter().map(|y| (*y, amounts.get(y).copied().unwrap_or(0.0) / sum)).collect())
}

fn check_entries(values: impl Iterator<Item = f64>) -> Result<(), String> {
    for v in values {
        if !v.is_finite() || v < 0.0 {
            return Err(format!("cost_profile entry {} is not a finite number >= 0", super::validate::given(v)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut p = Project::new("P", "biotech", FundingClass::Market, 90.0, 10.0);
        p.start_year = Some(2027);
        p.duration_years = 3;
        p
    }

    #[test]
    fn even_profile_by_default() {
        let shares = project().year_shares(2026).unwrap();
        assert_eq!(shares.keys().copied().collect::<Vec<_>>(), vec![2027, 2028, 2029]);
        assert!(shares.values().all(|s| (s - 1.0 / 3.0).abs() < 1e-15));
    }

    #[test]
    fn start_year_defaults_to_plan_start() {
        let mut p = project();
        p.start_year = None;
        assert_eq!(p.schedule_years(2026).collect::<Vec<_>>(), vec![2026, 2027, 2028]);
    }

    #[test]
    fn amounts_profile_fills_missing_years_with_zero() {
        let mut p = project();
        p.cost_profile = Some(CostProfile::Amounts([(2027, 30.0), (2029, 60.0)].into()));
        let shares = p.year_shares(2026).unwrap();
        assert_eq!(shares[&2028], 0.0);
        assert!((shares[&2029] - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn bad_profiles_are_explained() {
        let mut p = project();
        p.cost_profile = Some(CostProfile::Shares(vec![0.5, 0.5]));
        assert!(p.year_shares(2026).unwrap_err().contains("2 shares but duration_years is 3"));
        p.cost_profile = Some(CostProfile::Shares(vec![0.5, 0.5, 0.5]));
        assert!(p.year_shares(2026).unwrap_err().contains("sum to 1.5"));
        p.cost_profile = Some(CostProfile::Amounts([(2030, 90.0)].into()));
        assert!(p.year_shares(2026).unwrap_err().contains("year 2030"));
    }
}
