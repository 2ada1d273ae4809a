//! Scenarios on the shipped demo: compare the named override sets of `data/demo-scenarios.toml`,
//! trace the value as the state budget varies, and draw the uncertain outcomes of the optimal
//! allocation (Monte Carlo), printing each study as Markdown.
//!
//! `cargo run --release --example scenarios`

use stratfund::simulate::{evaluate, Settings};
use stratfund::{io, report, scenario, solve, Catalog};

fn main() -> Result<(), stratfund::Error> {
    let root = env!("CARGO_MANIFEST_DIR");
    let portfolio = io::read_portfolio(format!("{root}/examples/data/demo_portfolio.json"))?;
    let plan = io::read_plan(format!("{root}/examples/data/demo_plan.toml"))?;
    let catalog = Catalog::default();

    // What if the budget is cut, enterprises deliver less, or the policy shares change?
    let scenarios = scenario::read_scenarios(format!("{root}/data/demo-scenarios.toml"))?;
    let comparison = scenario::compare(&portfolio, &plan, &catalog, &scenarios.scenarios)?;
    println!("{}", report::comparison_markdown(&comparison));

    // How much value each level of the state budget buys, and when each project enters.
    let frontier = scenario::frontier(&portfolio, &plan, &catalog, &[0.5, 0.75, 1.0, 1.25, 1.5])?;
    println!("{}", report::frontier_markdown(&frontier));

    // The optimal allocation under uncertain success, cost overruns and enterprise shortfalls.
    let allocation = solve(&portfolio, &plan)?;
    let settings = Settings { scenarios: 5_000, seed: 57, ..Settings::default() };
    let evaluation = evaluate(&portfolio, &allocation, &settings)?;
    println!("{}", report::evaluation_markdown(&evaluation.summary));
    Ok(())
}
