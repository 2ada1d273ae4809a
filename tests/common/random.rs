//! Seeded random instances with every constraint kind (MODEL.md section 3), small enough for
//! brute force.
#![allow(dead_code)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use stratfund::{Bounds, CostProfile, FundingClass, Objective, Plan, Portfolio, Project};

const GROUPS: [&str; 3] = ["semiconductors", "ai_twin_xr", "biotech"];
const REGIONS: [&str; 2] = ["Hanoi", "Da Nang"];
const LEADS: [&str; 3] = ["VNU", "HUST", "UDN"];

/// Options for the generator.
#[derive(Clone, Copy)]
pub struct Shape {
    pub projects: usize,
    /// Group and region bounds as amounts only (so that they do not move with the budget).
    pub amount_bounds: bool,
    /// Allow the min_state_spend objective.
    pub min_state: bool,
}

pub fn instance(seed: u64, shape: Shape) -> (Portfolio, Plan) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let years = rng.gen_range(1..=3);
    let first = 2026;
    let mut plan = Plan::new((0..years).map(|k| (first + k, 0.0)).collect());
    if rng.gen_bool(0.3) {
        plan.policy.market_min_enterprise_share = rng.gen_range(0.3..0.6);
        plan.policy.strategic_min_enterprise_share = rng.gen_range(0.1..0.3);
    }
    if rng.gen_bool(0.2) {
        plan.policy.strategic_min_state_share = Some(rng.gen_range(0.2..0.5));
    }
    plan.min_grant = if rng.gen_bool(0.5) { rng.gen_range(1.0..15.0) } else { 0.0 };
    plan.carry_over = if rng.gen_bool(0.5) { rng.gen_range(0.0..1.0) } else { 0.0 };
    let projects: Vec<Project> = (0..shape.projects).map(|i| project(i, &plan, years, &mut rng)).collect();
    let mut portfolio = Portfolio::new(projects);
    let ask: f64 = portfolio.projects.iter().map(|p| p.state_request.unwrap_or(p.cost).min(p.cost)).sum();
    let total = ask * rng.gen_range(0.15..0.8);
    for k in 0..years {
        plan.state_budget.insert(first + k, total / years as f64 * rng.gen_range(0.7..1.3));
    }
    let total = plan.total_budget();
    add_bounds(&mut plan, total, shape.amount_bounds, &mut rng);
    if rng.gen_bool(0.4) {
        plan.max_projects_per_lead = Some(rng.gen_range(1..=4));
    }
    if rng.gen_bool(0.3) {
        plan.group_weights.insert(GROUPS[rng.gen_range(0..3)].into(), rng.gen_range(0.5..2.0));
    }
    links(&mut portfolio, &plan, &mut rng);
    if shape.min_state && rng.gen_bool(0.25) {
        let worth: f64 = portfolio.projects.iter().map(|p| p.impact * p.success_probability).sum();
        plan.objective =
            Objective::MinStateSpend { min_value: Some(worth * rng.gen_range(0.05..0.4)), projects: vec![] };
    }
    plan.solver.mip_rel_gap = 1e-7;
    (portfolio, plan)
}

fn project(i: usize, plan: &Plan, years: i32, rng: &mut ChaCha8Rng) -> Project {
    let class = if rng.gen_bool(0.5) { FundingClass::Market } else { FundingClass::Strategic };
    let cost = rng.gen_range(10.0..100.0);
    let mut p = Project::new(&format!("P{i:02}"), GROUPS[rng.gen_range(0..3)], class, cost, rng.gen_range(0.0..100.0));
    let sigma = plan.policy.min_enterprise_share(class);
    p.enterprise_commitment = cost * (sigma + rng.gen_range(-0.08..0.5)).clamp(0.0, 1.0);
    p.academia_contribution = cost * rng.gen_range(0.0..0.25);
    if rng.gen_bool(0.6) {
        p.state_request = Some(cost * rng.gen_range(0.2..1.0));
    }
    p.success_probability = rng.gen_range(0.3..1.0);
    if rng.gen_bool(0.35) {
        p.min_fraction = rng.gen_range(0.3..0.9);
    }
    let duration = rng.gen_range(1..=years as u32);
    let start = plan.years[0] + rng.gen_range(0..=(years - duration as i32));
    p.start_year = Some(if rng.gen_bool(0.05) { start + 1 } else { start });
    p.duration_years = duration;
    if duration > 1 && rng.gen_bool(0.4) {
        let raw: Vec<f64> = (0..duration).map(|_| rng.gen_range(0.1..1.0)).collect();
        let sum: f64 = raw.iter().sum();
        let mut shares: Vec<f64> = raw.iter().map(|x| x / sum).collect();
        let rest: f64 = shares[1..].iter().sum();
        shares[0] = 1.0 - rest;
        p.cost_profile = Some(CostProfile::Shares(shares));
    }
    p.region = Some(REGIONS[rng.gen_range(0..2)].into());
    p.lead = Some(LEADS[rng.gen_range(0..3)].into());
    p
}

fn add_bounds(plan: &mut Plan, total: f64, amounts_only: bool, rng: &mut ChaCha8Rng) {
    for g in GROUPS {
        if rng.gen_bool(0.3) {
            let mut b = Bounds::default();
            if rng.gen_bool(0.5) {
                let lo = rng.gen_range(0.0..0.25);
                if amounts_only {
                    b.min = Some(lo * total)
                } else {
                    b.min_share = Some(lo)
                }
            }
            if rng.gen_bool(0.6) {
                let hi = rng.gen_range(0.25..0.7);
                if amounts_only {
                    b.max = Some(hi * total)
                } else {
                    b.max_share = Some(hi)
                }
            }
            plan.group_bounds.insert(g.into(), b);
        }
    }
    if rng.gen_bool(0.3) {
        let r = REGIONS[rng.gen_range(0..2)];
        let b = if rng.gen_bool(0.5) {
            Bounds { max: Some(rng.gen_range(0.3..0.8) * total), ..Bounds::default() }
        } else {
            Bounds { min: Some(rng.gen_range(0.0..0.2) * total), ..Bounds::default() }
        };
        plan.region_bounds.insert(r.into(), b);
    }
}

fn links(portfolio: &mut Portfolio, plan: &Plan, rng: &mut ChaCha8Rng) {
    let n = portfolio.projects.len();
    for i in 1..n {
        if rng.gen_bool(0.15) {
            let j = rng.gen_range(0..i);
            let id = portfolio.projects[j].id.clone();
            portfolio.projects[i].requires.push(id);
        }
        if rng.gen_bool(0.2) {
            portfolio.projects[i].exclusive_group = Some(format!("x{}", rng.gen_range(0..2)));
        }
    }
    // A mandatory project must be fundable (else the inputs are invalid) and small.
    let eligible = super::oracle::eligible_ids(portfolio, plan);
    for p in portfolio.projects.iter_mut() {
        if eligible.contains(&p.id) && rng.gen_bool(0.08) && p.cost < 40.0 {
            p.mandatory = true;
        }
    }
}
