//! A seeded generator of realistic, clearly synthetic proposals and plans.
//!
//! Costs are lognormal, both funding classes appear in every group (market-led more often in groups
//! close to the market), enterprise commitments mostly clear the co-funding thresholds with room
//! (strategic shares from about 32% to 64%, market shares from about 59% to 77%) while about 6% fall
//! short (so a few proposals are ineligible, as in real calls), and success probabilities rise with
//! the technology readiness level. The same seed always gives the same portfolio, byte for byte.
//!
//! ```
//! use stratfund::demo::{generate_portfolio, DemoConfig};
//! let a = generate_portfolio(&DemoConfig { projects: 50, ..DemoConfig::default() });
//! let b = generate_portfolio(&DemoConfig { projects: 50, ..DemoConfig::default() });
//! assert_eq!(a, b);
//! assert_eq!(a.projects.len(), 50);
//! ```

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use statrs::distribution::{Beta, LogNormal};

use crate::catalog::Catalog;
use crate::model::{Bounds, FundingClass, Plan, Portfolio, Project, Year};

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoConfig {
    /// Number of proposals.
    pub projects: usize,
    /// Random seed.
    pub seed: u64,
    /// First plan year.
    pub first_year: Year,
    /// Number of plan years.
    pub years: u32,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig { projects: 300, seed: 57, first_year: 2026, years: 5 }
    }
}

/// The most plan years a generated plan may have.
pub const MAX_DEMO_YEARS: u32 = 50;

/// About how much memory one generated proposal takes, with its texts.
const BYTES_PER_PROJECT: usize = 1_024;

impl DemoConfig {
    /// Checks the configuration and the plan's `coverage` before generating: at least one project
    /// and no more than this machine's memory holds, 1 to [`MAX_DEMO_YEARS`] years, a finite
    /// coverage > 0.
    ///
    /// # Errors
    ///
    /// [`Error::Usage`](crate::Error::Usage) naming the argument at fault.
    ///
    /// ```
    /// use stratfund::demo::DemoConfig;
    /// assert!(DemoConfig::default().check(0.45).is_ok());
    /// let error = DemoConfig { years: 0, ..Default::default() }.check(0.45).unwrap_err();
    /// assert!(error.to_string().contains("years"));
    /// assert!(DemoConfig::default().check(f64::NAN).unwrap_err().to_string().contains("coverage"));
    /// let error = DemoConfig { projects: 1_000_000_000_000, ..Default::default() }.check(0.45).unwrap_err();
    /// assert!(error.to_string().contains("generate fewer"), "{error}");
    /// ```
    pub fn check(&self, coverage: f64) -> crate::Result<()> {
        if self.projects == 0 {
            return Err(crate::Error::usage("projects: generate at least 1 project"));
        }
        if let Some(needed) = crate::memory::beyond_memory(self.projects, BYTES_PER_PROJECT) {
            return Err(crate::Error::usage(format!(
                "projects is {}: so many proposals need about {needed}; generate fewer",
                self.projects
            )));
        }
        if !(1..=MAX_DEMO_YEARS).contains(&self.years) {
            return Err(crate::Error::usage(format!("years is {}; give 1 to {MAX_DEMO_YEARS} plan years", self.years)));
        }
        if !(coverage.is_finite() && coverage > 0.0) {
            return Err(crate::Error::usage(format!(
                "coverage is {coverage}; give the share of the requested state money the budget covers, a number > 0 \
                 (0.45 by default)"
            )));
        }
        Ok(())
    }
}

/// (code, share of proposals, probability that a proposal is market-led, value multiplier)
const GROUPS: [(&str, f64, f64, f64); 11] = [
    ("ai_twin_xr", 0.16, 0.65, 1.1),
    ("cloud_quantum_data", 0.09, 0.55, 1.0),
    ("blockchain", 0.06, 0.60, 0.8),
    ("mobile_5g_6g", 0.09, 0.50, 1.0),
    ("robotics_automation", 0.11, 0.55, 1.0),
    ("semiconductors", 0.11, 0.30, 1.3),
    ("cybersecurity", 0.08, 0.40, 1.0),
    ("energy_materials", 0.09, 0.35, 1.0),
    ("biotech", 0.09, 0.40, 1.0),
    ("aerospace_uav", 0.07, 0.25, 1.1),
    ("subsoil_deepsea", 0.05, 0.20, 0.9),
];

/// (lead institution, region)
const LEADS: [(&str, &str); 14] = [
    ("VNU Hanoi (synthetic)", "Hanoi"),
    ("Hanoi University of Science and Technology (synthetic)", "Hanoi"),
    ("Vietnam Academy of Science and Technology (synthetic)", "Hanoi"),
    ("Posts and Telecoms Institute of Technology (synthetic)", "Hanoi"),
    ("VNU Ho Chi Minh City (synthetic)", "Ho Chi Minh City"),
    ("HCMC University of Technology (synthetic)", "Ho Chi Minh City"),
    ("Saigon Hi-Tech Park R&D Centre (synthetic)", "Ho Chi Minh City"),
    ("University of Da Nang (synthetic)", "Da Nang"),
    ("Da Nang IT Park Institute (synthetic)", "Da Nang"),
    ("Can Tho University (synthetic)", "Can Tho"),
    ("Hue University (synthetic)", "Hue"),
    ("Hai Phong Maritime Institute (synthetic)", "Hai Phong"),
    ("Thai Nguyen University (synthetic)", "Thai Nguyen"),
    ("Quy Nhon Science Centre (synthetic)", "Binh Dinh"),
];

const ENTERPRISE_KINDS: [&str; 8] = [
    "Technology JSC",
    "Telecom Corp",
    "Electronics Co",
    "Robotics JSC",
    "Materials Co",
    "Biotech JSC",
    "Software Co",
    "Aerospace Co",
];

/// The demo scenario file (`data/demo-scenarios.toml`): budget cuts, an enterprise shortfall, a
/// stricter counterpart share and a group priority, for the demo inputs.
pub const SCENARIOS_TOML: &str = include_str!("../data/demo-scenarios.toml");

/// The demo scenarios, parsed.
///
/// # Errors
///
/// [`Error::Parse`](crate::Error::Parse) only if the shipped scenario file were broken (a test reads it).
///
/// # Examples
///
/// ```
/// let set = stratfund::demo::scenarios().unwrap();
/// assert_eq!(set.scenarios[0].name, "budget_cut_20");
/// ```
pub fn scenarios() -> crate::Result<crate::scenario::ScenarioSet> {
    crate::scenario::scenarios_from_toml(SCENARIOS_TOML, "data/demo-scenarios.toml")
}

/// Generates a synthetic portfolio.
///
/// # Examples
///
/// ```
/// use stratfund::demo::{generate_portfolio, DemoConfig};
/// let config = DemoConfig { projects: 25, seed: 3, ..Default::default() };
/// let portfolio = generate_portfolio(&config);
/// assert_eq!(portfolio.projects.len(), 25);
/// assert_eq!(portfolio, generate_portfolio(&config)); // seeded: the same every time
/// ```
pub fn generate_portfolio(config: &DemoConfig) -> Portfolio {
    let catalog = Catalog::default();
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut projects: Vec<Project> = (0..config.projects).map(|i| proposal(i, config, &catalog, &mut rng)).collect();
    add_links(&mut projects, &mut rng);
    let mut portfolio = Portfolio::new(projects);
    portfolio.catalog = Some(catalog.id);
    portfolio
}

/// A plan for a portfolio: the yearly state budget covers about `coverage` of the state money the
/// proposals ask, with a minimum grant, carry-over, a lead capacity, group bounds and weights.
///
/// # Examples
///
/// ```
/// use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
/// let config = DemoConfig { projects: 25, years: 3, ..Default::default() };
/// let portfolio = generate_portfolio(&config);
/// let plan = generate_plan(&portfolio, &config, 0.45);
/// assert_eq!(plan.years.len(), 3);
/// assert!(plan.total_budget() > 0.0);
/// ```
pub fn generate_plan(portfolio: &Portfolio, config: &DemoConfig, coverage: f64) -> Plan {
    let asked: f64 = portfolio.projects.iter().map(|p| p.state_request_or_cost().min(p.cost)).sum();
    let years = config.years.max(1);
    let per_year = coverage * asked / years as f64;
    let budgets =
        (0..years).map(|k| (config.first_year + k as Year, round1(per_year * (0.85 + 0.075 * k as f64)))).collect();
    let mut plan = Plan::new(budgets);
    plan.currency_unit = Some(portfolio.currency_unit.clone());
    plan.carry_over = 0.25;
    plan.min_grant = 2.0;
    plan.max_projects_per_lead = Some((portfolio.projects.len() / 20).max(3) as u32);
    // A floor for semiconductors, at most half of what its proposals could absorb, so that small
    // demo portfolios stay feasible.
    let chips: f64 = portfolio
        .projects
        .iter()
        .filter(|p| p.group == "semiconductors")
        .map(|p| p.state_request_or_cost().min(0.8 * p.cost))
        .sum();
    let floor = (0.08f64).min(0.5 * chips / plan.total_budget().max(1.0));
    plan.group_bounds.insert(
        "semiconductors".into(),
        Bounds { min_share: Some((floor * 100.0).floor() / 100.0), ..Bounds::default() },
    );
    plan.group_bounds.insert("blockchain".into(), Bounds { max_share: Some(0.06), ..Bounds::default() });
    plan.group_bounds.insert("ai_twin_xr".into(), Bounds { max_share: Some(0.30), ..Bounds::default() });
    plan.group_weights.insert("semiconductors".into(), 1.3);
    plan.group_weights.insert("ai_twin_xr".into(), 1.2);
    plan
}

fn proposal(i: usize, config: &DemoConfig, catalog: &Catalog, rng: &mut ChaCha8Rng) -> Project {
    let (code, _, market_prob, value_mult) = pick_group(rng);
    let class = if rng.gen_bool(market_prob) { FundingClass::Market } else { FundingClass::Strategic };
    let cost_dist = LogNormal::new(60f64.ln(), 0.8).expect("valid lognormal");
    let cost = round1(rng.sample(cost_dist).clamp(5.0, 2000.0));
    let mut p = Project::new(&format!("P-{:04}", i + 1), code, class, cost, 0.0);
    let group = catalog.group(code).expect("demo groups are in the catalog");
    let product = (!group.products.is_empty()).then(|| &group.products[rng.gen_range(0..group.products.len())]);
    p.product = product.map(|q| q.code.clone());
    let topic = product.map_or(group.name_en.as_str(), |q| q.name_en.as_str());
    let kind = ["R&D", "pilot production", "technology transfer", "platform", "prototype"][rng.gen_range(0..5)];
    p.title = format!("{topic}: {kind} (synthetic #{})", i + 1);
    schedule(&mut p, config, rng);
    commitments(&mut p, rng);
    let trl: u8 = rng.gen_range(2..=8);
    p.trl = Some(trl);
    p.success_probability = round2((0.22 + 0.08 * trl as f64 + rng.gen_range(-0.08..0.08)).clamp(0.15, 0.95));
    let value_noise = rng.sample(LogNormal::new(0.0, 0.45).expect("valid lognormal"));
    p.impact = round1(value_mult * 3.0 * cost.powf(0.85) * value_noise);
    if rng.gen_bool(0.25) {
        p.min_fraction = round2(rng.gen_range(0.5..0.9));
    }
    let (lead, region) = LEADS[rng.gen_range(0..LEADS.len())];
    p.lead = Some(lead.to_string());
    p.region = Some(region.to_string());
    p.academia = vec![lead.to_string()];
    let partners = rng.gen_range(1..=3);
    p.enterprises = (0..partners)
        .map(|_| {
            format!(
                "{} {} {:02} (synthetic)",
                region,
                ENTERPRISE_KINDS[rng.gen_range(0..ENTERPRISE_KINDS.len())],
                rng.gen_range(1..40)
            )
        })
        .collect();
    p
}

fn pick_group(rng: &mut ChaCha8Rng) -> (&'static str, f64, f64, f64) {
    let mut u: f64 = rng.gen_range(0.0..GROUPS.iter().map(|g| g.1).sum::<f64>());
    for g in GROUPS {
        if u < g.1 {
            return g;
        }
        u -= g.1;
    }
    GROUPS[GROUPS.len() - 1]
}

fn schedule(p: &mut Project, config: &DemoConfig, rng: &mut ChaCha8Rng) {
    let years = config.years.max(1);
    let duration = rng.gen_range(1..=years.min(4));
    let latest_start = years - duration;
    let offset = if rng.gen_bool(0.55) { 0 } else { rng.gen_range(0..=latest_start) };
    p.start_year = Some(config.first_year + offset as Year);
    p.duration_years = duration;
    // About 2% of proposals run past the plan's horizon (ineligible: schedule_outside_plan).
    if rng.gen_bool(0.02) {
        p.start_year = Some(config.first_year + (years - 1) as Year);
        p.duration_years = duration.max(2);
    }
}

fn commitments(p: &mut Project, rng: &mut ChaCha8Rng) {
    let c = p.cost;
    let threshold = match p.class {
        FundingClass::Market => 0.5,
        FundingClass::Strategic => 0.2,
    };
    // Enterprise share: most clear the threshold by 0.55 x Beta(8, 2) of the rest (so strategic
    // shares start near 30%: a stricter counterpart share only bites from there); about 6% fall short.
    let beta = Beta::new(8.0, 2.0).expect("valid beta");
    let above = threshold + (1.0 - threshold) * 0.55 * rng.sample(beta);
    let share = if rng.gen_bool(0.06) { threshold * rng.gen_range(0.5..0.95) } else { above.min(0.95) };
    p.enterprise_commitment = round1(share * c);
    p.academia_contribution = round1(c * rng.gen_range(0.0..0.12));
    let gap = (c - p.enterprise_commitment - p.academia_contribution).max(0.0);
    // Most ask a little more than the gap (so the optimiser has room); about 3% ask too little.
    let ask = if rng.gen_bool(0.03) { gap * rng.gen_range(0.6..0.9) } else { gap * rng.gen_range(1.0..1.25) };
    p.state_request = Some(round1(ask.min(c)));
}

fn add_links(projects: &mut [Project], rng: &mut ChaCha8Rng) {
    let n = projects.len();
    for i in 1..n {
        // About 6% build on an earlier proposal of the same group.
        if rng.gen_bool(0.06) {
            let group = projects[i].group.clone();
            let earlier: Vec<usize> = (0..i).filter(|&j| projects[j].group == group).collect();
            if !earlier.is_empty() {
                let j = earlier[rng.gen_range(0..earlier.len())];
                let id = projects[j].id.clone();
                projects[i].requires.push(id);
            }
        }
    }
    // A few competing pairs: at most one of each pair is funded.
    for k in 0..n / 40 {
        let a = rng.gen_range(0..n);
        let b = rng.gen_range(0..n);
        if a != b && projects[a].exclusive_group.is_none() && projects[b].exclusive_group.is_none() {
            let label = format!("alternatives-{}", k + 1);
            projects[a].exclusive_group = Some(label.clone());
            projects[b].exclusive_group = Some(label);
        }
    }
    // A few continuing commitments: mandatory, chosen among small, clearly fundable proposals.
    let mut marked = 0;
    for p in projects.iter_mut() {
        if marked >= n / 60 {
            break;
        }
        let fundable = p.enterprise_commitment >= 0.55 * p.cost
            && p.requires.is_empty()
            && p.exclusive_group.is_none()
            && p.cost < 60.0
            && p.state_request.unwrap_or(p.cost) + p.enterprise_commitment + p.academia_contribution >= p.cost
            && p.state_request.unwrap_or(p.cost).min(0.5 * p.cost) >= 2.0;
        if fundable && rng.gen_bool(0.3) {
            p.mandatory = true;
            p.min_fraction = 1.0;
            p.start_year = p.start_year.map(|_| 2026).or(Some(2026));
            marked += 1;
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Synthetic progress records of an allocation for one year (a record per funded project with
/// state money scheduled that year): most projects on track and paid as scheduled, some late
/// (paid 60%), a few stalled (paid 30%); projects whose schedule ends that year are completed
/// (due December 31 of their last year; a quarter of them were due September 30 and are late). The same seed gives the same rows.
///
/// ```
/// use stratfund::demo::{generate_plan, generate_portfolio, generate_progress, DemoConfig};
/// let config = DemoConfig { projects: 40, ..DemoConfig::default() };
/// let portfolio = generate_portfolio(&config);
/// let plan = generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan).unwrap();
/// let progress = generate_progress(&allocation, 2026, 57);
/// assert!(!progress.records.is_empty());
/// assert_eq!(progress, generate_progress(&allocation, 2026, 57));
/// stratfund::monitor::monitor(&portfolio, &plan, &allocation, &progress, None).unwrap();
/// ```
pub fn generate_progress(allocation: &crate::Allocation, year: Year, seed: u64) -> crate::monitor::Progress {
    use crate::monitor::{MilestoneStatus, Period, ProgressRecord};
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let date = |y: Year, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let mut records = Vec::new();
    for p in allocation.projects.iter().filter(|p| p.funded) {
        let Some(&planned) = p.state_by_year.get(&year) else { continue };
        let last_year = p.state_by_year.keys().next_back().copied().unwrap_or(year);
        let draw: f64 = rng.gen();
        let (status, paid) = match (last_year == year, draw) {
            (true, _) => (MilestoneStatus::Completed, 1.0),
            (false, d) if d < 0.08 => (MilestoneStatus::Stalled, 0.3),
            (false, d) if d < 0.28 => (MilestoneStatus::Late, 0.6),
            _ => (MilestoneStatus::OnTrack, 1.0),
        };
        let completed = status == MilestoneStatus::Completed;
        // A quarter of the completed projects had an earlier due date and finish after it.
        let late_finish = rng.gen::<f64>() < 0.25;
        let due_date = if completed && late_finish { date(year, 9, 30) } else { date(last_year, 12, 31) };
        records.push(ProgressRecord {
            project_id: p.id.clone(),
            period: Period { year, quarter: None },
            disbursed: (planned * paid * 1e6).round() / 1e6,
            status,
            due_date,
            completed_date: if completed { date(year, 11, 30) } else { None },
        });
    }
    crate::monitor::Progress::new(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let config = DemoConfig::default();
        let a = crate::io::json::to_string_pretty(&generate_portfolio(&config)).unwrap();
        let b = crate::io::json::to_string_pretty(&generate_portfolio(&config)).unwrap();
        assert_eq!(a, b);
        let c = crate::io::json::to_string_pretty(&generate_portfolio(&DemoConfig { seed: 58, ..config })).unwrap();
        assert_ne!(a, c);
    }

    #[test]
    fn demo_is_valid_with_both_classes_in_every_group_and_a_few_ineligible() {
        let config = DemoConfig::default();
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, 0.45);
        let report = validate(&portfolio, &plan, &Catalog::default());
        assert!(report.is_ok(), "{:?}", report.problems);
        let share = report.ineligible.len() as f64 / portfolio.projects.len() as f64;
        assert!(share > 0.02 && share < 0.25, "ineligible share {share}");
        for (code, ..) in GROUPS {
            let classes: std::collections::BTreeSet<_> =
                portfolio.projects.iter().filter(|p| p.group == code).map(|p| p.class).collect();
            assert_eq!(classes.len(), 2, "{code} lacks a class");
        }
        assert!(portfolio.projects.iter().any(|p| p.mandatory));
        assert!(portfolio.projects.iter().any(|p| !p.requires.is_empty()));
    }
}
