//! Scenarios, comparisons, the budget frontier and policy sweeps (MODEL.md section 6).
//!
//! - [`compare`] solves the unmodified inputs (the `baseline`) and each [`Scenario`], and reports
//!   key figures side by side with the projects entering and leaving against the baseline.
//! - [`frontier`] solves the plan at several state-budget levels in parallel: each on its own
//!   below 2,500 eligible projects, in chains on kept models from 2,500 (only the right-hand
//!   sides change between solves, each starting near the previous optimum).
//! - [`policy_sweep`] compares a grid of enterprise-share thresholds.
//!
//! ```
//! use stratfund::scenario::{compare, Scenario};
//! let config = stratfund::demo::DemoConfig { projects: 40, ..Default::default() };
//! let portfolio = stratfund::demo::generate_portfolio(&config);
//! let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
//! let cut = Scenario { budget_scale: 0.5, ..Scenario::named("cut") };
//! let comparison = compare(&portfolio, &plan, &stratfund::Catalog::default(), &[cut]).unwrap();
//! let (baseline, cut) = (&comparison.scenarios[0], &comparison.scenarios[1]);
//! assert!(cut.kpis.expected_value <= baseline.kpis.expected_value);
//! assert!(cut.entering.is_empty() || !cut.leaving.is_empty());
//! ```

mod compare;
mod control;
mod frontier;
mod overrides;
mod sweep;
mod values;

pub use compare::{compare, compare_with, Comparison, Kpis, ScenarioOutcome, COMPARISON_SCHEMA};
pub use control::Control;
pub use frontier::{
    frontier, frontier_with, Frontier, FrontierPoint, ProjectEntry, FRONTIER_SCHEMA, INFEASIBLE_LEVELS_NOTE,
    LEAST_STATE_NOTE, LEAST_STATE_SHARE_BOUNDS_NOTE, SHARE_BOUNDS_NOTE,
};
pub(crate) use frontier::{notes_in, NoteWords};
pub use overrides::{
    read_scenarios, scenarios_from_json, scenarios_from_toml, Applied, PolicyOverrides, Scenario, ScenarioSet,
    SCENARIOS_SCHEMA,
};
pub use sweep::{policy_sweep, policy_sweep_with, PolicyPoint, PolicySweep, SWEEP_SCHEMA};

/// The name of the unmodified inputs in comparisons.
pub const BASELINE: &str = "baseline";
