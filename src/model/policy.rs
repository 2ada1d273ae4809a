use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Project;

/// A project's funding class, which fixes the minimum enterprise share (MODEL.md section 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingClass {
    /// High market potential, of interest to enterprises: enterprise-led (>= 50% by default).
    Market,
    /// Strategic, high-risk technology: state-led, enterprises add counterpart funding (>= 20%).
    Strategic,
}

impl FundingClass {
    /// The class as written in files: `market` or `strategic`.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::FundingClass;
    /// assert_eq!(FundingClass::Strategic.as_str(), "strategic");
    /// assert_eq!(serde_json::from_str::<FundingClass>("\"market\"").unwrap(), FundingClass::Market);
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            FundingClass::Market => "market",
            FundingClass::Strategic => "strategic",
        }
    }
}

impl std::str::FromStr for FundingClass {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "market" => Ok(FundingClass::Market),
            "strategic" => Ok(FundingClass::Strategic),
            other => {
                let hint = crate::io::names::did_you_mean(other, ["market", "strategic"]);
                Err(format!("`{other}` is not a funding class (expected `market` or `strategic`){hint}"))
            }
        }
    }
}

/// The co-funding shares of the three-house rules, as policy parameters.
///
/// ```
/// use stratfund::{FundingClass, Policy};
/// let policy = Policy::default();
/// assert_eq!(policy.min_enterprise_share(FundingClass::Market), 0.5);
/// assert_eq!(policy.min_enterprise_share(FundingClass::Strategic), 0.2);
/// assert_eq!(policy.min_state_share(FundingClass::Strategic), 0.0);
/// assert!(policy.state_share_caps.is_empty()); // no cap by cost category unless the plan sets one
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Minimum enterprise share of a market project's funded cost.
    pub market_min_enterprise_share: f64,
    /// Minimum enterprise share of a strategic project's funded cost.
    pub strategic_min_enterprise_share: f64,
    /// Optional minimum state share of a strategic project's funded cost ("state plays the main role").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategic_min_state_share: Option<f64>,
    /// The most the state may fund of each cost category, as a share in [0, 1] of that category's
    /// cost (the National Product Programme's caps, CATALOG.md: `research = 1.0`,
    /// `technology_completion = 0.5`, `pilot_materials = 0.3`); empty (the default) means no cap.
    /// They apply to projects that break their cost down in `cost_categories`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "super::tables::named")]
    pub state_share_caps: BTreeMap<String, f64>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            market_min_enterprise_share: 0.5,
            strategic_min_enterprise_share: 0.2,
            strategic_min_state_share: None,
            state_share_caps: BTreeMap::new(),
        }
    }
}

impl Policy {
    /// sigma_class: the minimum enterprise share for a class (see [`Policy`] for an example).
    pub fn min_enterprise_share(&self, class: FundingClass) -> f64 {
        match class {
            FundingClass::Market => self.market_min_enterprise_share,
            FundingClass::Strategic => self.strategic_min_enterprise_share,
        }
    }

    /// sigma_state: the minimum state share for a class (0 unless set, and only for strategic; see
    /// [`Policy`] for an example).
    pub fn min_state_share(&self, class: FundingClass) -> f64 {
        match class {
            FundingClass::Market => 0.0,
            FundingClass::Strategic => self.strategic_min_state_share.unwrap_or(0.0),
        }
    }

    /// The most state money a project may receive at full scale under the cost-category caps:
    /// the sum over its `cost_categories` of cap x amount (a category without a cap is not capped).
    /// None when the plan sets no cap or the project gives no breakdown.
    ///
    /// ```
    /// use stratfund::{FundingClass, Policy, Project};
    /// let mut policy = Policy::default();
    /// let mut p = Project::new("P-1", "robotics_automation", FundingClass::Strategic, 100.0, 10.0);
    /// p.cost_categories = [("research".to_string(), 40.0), ("pilot_materials".to_string(), 60.0)].into();
    /// assert_eq!(policy.state_cap(&p), None);
    /// policy.state_share_caps = [("research".to_string(), 1.0), ("pilot_materials".to_string(), 0.3)].into();
    /// assert_eq!(policy.state_cap(&p), Some(40.0 + 0.3 * 60.0));
    /// ```
    pub fn state_cap(&self, p: &Project) -> Option<f64> {
        if self.state_share_caps.is_empty() || p.cost_categories.is_empty() {
            return None;
        }
        let cap = |category: &str| self.state_share_caps.get(category).copied().unwrap_or(1.0);
        Some(p.cost_categories.iter().map(|(category, amount)| cap(category) * amount).sum())
    }
}
