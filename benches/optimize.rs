//! Solve time of the presolved MILP (MODEL.md section 3) on synthetic portfolios of 1,000 and
//! 10,000 projects over 5 years, with group bounds, min grant, carry-over, dependencies, exclusive
//! groups and lead capacity, to a 1e-4 relative gap; and model building alone.
//!
//! `cargo bench --bench optimize`; figures in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::model::check;
use stratfund::optimize::{model_size, solve_checked};
use stratfund::{Catalog, Status};

fn optimize(c: &mut Criterion) {
    let mut group = c.benchmark_group("optimize");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        let config = DemoConfig { projects: n, seed: 1, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, 0.45);
        let checked = check(&portfolio, &plan, &Catalog::default()).expect("valid demo");
        let first = solve_checked(&checked).expect("solves");
        assert_eq!(first.status, Status::Optimal);
        let size = model_size(&checked).expect("builds");
        eprintln!("{n} projects: {size:?}, gap {:?}", first.gap);
        group.bench_with_input(BenchmarkId::new("build_model", n), &checked, |b, checked| {
            b.iter(|| model_size(checked).expect("builds"))
        });
        group.bench_with_input(BenchmarkId::new("solve", n), &checked, |b, checked| {
            b.iter(|| solve_checked(checked).expect("solves"))
        });
    }
    group.finish();
}

criterion_group!(benches, optimize);
criterion_main!(benches);
