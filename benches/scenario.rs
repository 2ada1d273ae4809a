//! Re-solve loops on the 1,000-project demo: a 50-level budget frontier, and robustness
//! (re-optimisation per sampled scenario).
//!
//! `cargo bench --bench scenario`; figures in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::simulate::{robustness, Settings};
use stratfund::Catalog;

fn scenario(c: &mut Criterion) {
    let config = DemoConfig { projects: 1_000, seed: 1, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, 0.45);
    let catalog = Catalog::default();
    let levels: Vec<f64> = (1..=50).map(|k| k as f64 * 0.04).collect();
    let mut group = c.benchmark_group("scenario");
    group.sample_size(10);
    group.bench_function("frontier_50_levels_1000", |b| {
        b.iter(|| stratfund::scenario::frontier(&portfolio, &plan, &catalog, &levels).expect("solves"))
    });
    let settings = Settings { scenarios: 20, ..Settings::default() };
    group.bench_function("robustness_20_scenarios_1000", |b| {
        b.iter(|| robustness(&portfolio, &plan, &catalog, &settings).expect("solves"))
    });
    group.finish();
}

criterion_group!(benches, scenario);
criterion_main!(benches);
