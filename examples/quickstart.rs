//! Quickstart: solve the shipped demo portfolio and print the funding by group and house.
//!
//! `cargo run --release --example quickstart`

use stratfund::{io, report, solve};

fn main() -> Result<(), stratfund::Error> {
    let root = env!("CARGO_MANIFEST_DIR");
    let portfolio = io::read_portfolio(format!("{root}/examples/data/demo_portfolio.json"))?;
    let plan = io::read_plan(format!("{root}/examples/data/demo_plan.toml"))?;
    let allocation = solve(&portfolio, &plan)?;
    print!("{}", report::summary(&allocation));
    Ok(())
}
