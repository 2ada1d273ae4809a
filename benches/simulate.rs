//! Monte Carlo evaluation of a fixed allocation over 10,000 scenarios: the optimal allocation of a
//! 1,000-project demo portfolio (525 funded projects, so 525 matrix columns), and an allocation
//! funding every one of 1,000 projects (10,000 x 1,000 cells).
//!
//! `cargo bench --bench simulate`; figures in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::simulate::{evaluate, Settings};
use stratfund::{Allocation, Portfolio};

/// The optimal allocation of the 1,000-project demo.
fn demo_allocation() -> (Portfolio, Allocation) {
    let config = DemoConfig { projects: 1_000, seed: 1, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, 0.45);
    let allocation = stratfund::solve(&portfolio, &plan).expect("solves");
    (portfolio, allocation)
}

/// 1,000 eligible demo proposals without links, a plan without a lead cap or group bounds, and a
/// budget that funds them all.
fn every_project_funded() -> (Portfolio, Allocation) {
    let config = DemoConfig { projects: 1_500, seed: 1, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let mut plan = generate_plan(&portfolio, &config, 9.0);
    plan.max_projects_per_lead = None;
    plan.group_bounds.clear();
    let reasons = stratfund::solve(&portfolio, &plan).expect("solves");
    let fundable = |id: &str| {
        let reason = reasons.projects.iter().find(|x| x.id == id).and_then(|x| x.reason.clone()).unwrap_or_default();
        !reason.starts_with("ineligible") && !reason.starts_with("dependency")
    };
    let mut projects: Vec<_> = portfolio.projects.iter().filter(|p| fundable(&p.id)).take(1_000).cloned().collect();
    for p in &mut projects {
        p.requires.clear();
        p.exclusive_group = None;
    }
    let portfolio = Portfolio::new(projects);
    let allocation = stratfund::solve(&portfolio, &plan).expect("solves");
    (portfolio, allocation)
}

fn simulate(c: &mut Criterion) {
    let settings = Settings { scenarios: 10_000, ..Settings::default() };
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    for (name, (portfolio, allocation)) in
        [("evaluate_10000x1000", demo_allocation()), ("evaluate_10000x1000_all_funded", every_project_funded())]
    {
        let funded = allocation.projects.iter().filter(|p| p.funded).count();
        eprintln!("{name}: {funded} funded projects of {}", portfolio.projects.len());
        group.bench_function(name, |b| b.iter(|| evaluate(&portfolio, &allocation, &settings).expect("runs")));
    }
    group.finish();
}

criterion_group!(benches, simulate);
criterion_main!(benches);
