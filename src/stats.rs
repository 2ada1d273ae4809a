//! Descriptive statistics of a portfolio (counts and money by group, class and house), used by the
//! CLI's `validate` and `demo` summaries before any optimisation.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{FundingClass, Portfolio, ValidationReport};

/// Counts and requested money of one group (or of the whole portfolio).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupStats {
    /// Number of proposals.
    pub projects: usize,
    /// Market-led proposals.
    pub market: usize,
    /// State-led (strategic) proposals.
    pub strategic: usize,
    /// Ineligible or unfundable proposals.
    pub ineligible: usize,
    /// Total cost.
    pub cost: f64,
    /// State money asked (R_p, capped at the cost).
    pub state_request: f64,
    /// Enterprise money committed.
    pub enterprise: f64,
    /// Academia money committed.
    pub academia: f64,
}

/// Statistics per group and in total.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PortfolioStats {
    /// Per group code.
    pub by_group: BTreeMap<String, GroupStats>,
    /// Whole portfolio.
    pub total: GroupStats,
    /// Ineligible projects per rule.
    pub ineligible_by_rule: BTreeMap<String, usize>,
}

/// Summarises a portfolio together with its validation report.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, stats, validate, Catalog};
/// let config = demo::DemoConfig { projects: 50, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let report = validate(&portfolio, &plan, &Catalog::default());
/// let s = stats::portfolio_stats(&portfolio, &report);
/// assert_eq!(s.total.projects, 50);
/// assert_eq!(s.total.ineligible, report.ineligible.len());
/// assert_eq!(s.by_group.values().map(|g| g.projects).sum::<usize>(), 50);
/// ```
pub fn portfolio_stats(portfolio: &Portfolio, report: &ValidationReport) -> PortfolioStats {
    let ineligible: std::collections::HashSet<&str> = report.ineligible.iter().map(|i| i.id.as_str()).collect();
    let mut stats = PortfolioStats::default();
    for p in &portfolio.projects {
        for s in [stats.by_group.entry(p.group.clone()).or_default(), &mut stats.total] {
            s.projects += 1;
            match p.class {
                FundingClass::Market => s.market += 1,
                FundingClass::Strategic => s.strategic += 1,
            }
            s.ineligible += usize::from(ineligible.contains(p.id.as_str()));
            s.cost += p.cost;
            s.state_request += p.state_request_or_cost().min(p.cost);
            s.enterprise += p.enterprise_commitment;
            s.academia += p.academia_contribution;
        }
    }
    for i in &report.ineligible {
        let rule = if i.rule.starts_with("dependency:") { "dependency" } else { i.rule.as_str() };
        *stats.ineligible_by_rule.entry(rule.to_string()).or_default() += 1;
    }
    stats
}

/// A plain-text table of the statistics.
pub fn render_stats(stats: &PortfolioStats, currency: &str) -> String {
    let mut out = format!(
        "{:<22} {:>5} {:>6} {:>6} {:>5} {:>10} {:>10} {:>10} {:>9}\n",
        "group", "n", "market", "strat", "inel", "cost", "state ask", "enterpr.", "academia"
    );
    let row = |name: &str, s: &GroupStats| {
        format!(
            "{:<22} {:>5} {:>6} {:>6} {:>5} {:>10.1} {:>10.1} {:>10.1} {:>9.1}\n",
            name, s.projects, s.market, s.strategic, s.ineligible, s.cost, s.state_request, s.enterprise, s.academia
        )
    };
    for (group, s) in &stats.by_group {
        out.push_str(&row(group, s));
    }
    out.push_str(&row("TOTAL", &stats.total));
    out.push_str(&format!("(money in {currency})\n"));
    if !stats.ineligible_by_rule.is_empty() {
        out.push_str("ineligible by rule:");
        for (rule, n) in &stats.ineligible_by_rule {
            out.push_str(&format!(" {rule}={n}"));
        }
        out.push('\n');
    }
    out
}
