//! Monte Carlo evaluation of a fixed allocation: 10,000 scenarios of a 1,000-project portfolio.
//!
//! `cargo bench --bench simulate`; figures in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::simulate::{evaluate, Settings};

fn simulate(c: &mut Criterion) {
    let config = DemoConfig { projects: 1_000, seed: 1, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, 0.45);
    let allocation = stratfund::solve(&portfolio, &plan).expect("solves");
    let funded = allocation.projects.iter().filter(|p| p.funded).count();
    eprintln!("{funded} funded projects of {}", portfolio.projects.len());
    let settings = Settings { scenarios: 10_000, ..Settings::default() };
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.bench_function("evaluate_10000x1000", |b| {
        b.iter(|| evaluate(&portfolio, &allocation, &settings).expect("runs"))
    });
    group.finish();
}

criterion_group!(benches, simulate);
criterion_main!(benches);
