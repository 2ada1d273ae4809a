//! Scenarios, comparisons, the budget frontier and policy sweeps (MODEL.md section 6).
//!
//! - [`compare`] solves the unmodified inputs (the `baseline`) and each [`Scenario`], and reports
//!   key figures side by side with the projects entering and leaving against the baseline.
//! - [`frontier`] solves one kept model at several state-budget levels, changing only the
//!   right-hand sides between solves and starting each near the previous optimum.
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
mod frontier;
mod overrides;
mod sweep;

pub use compare::{compare, compare_with, Comparison, Kpis, ScenarioOutcome, COMPARISON_SCHEMA};
pub(crate) use frontier::notes_in;
pub use frontier::{
    frontier, frontier_with, Frontier, FrontierPoint, ProjectEntry, FRONTIER_SCHEMA, INFEASIBLE_LEVELS_NOTE,
    SHARE_BOUNDS_NOTE,
};
pub use overrides::{
    read_scenarios, scenarios_from_json, scenarios_from_toml, Applied, PolicyOverrides, Scenario, ScenarioSet,
    SCENARIOS_SCHEMA,
};
pub use sweep::{policy_sweep, policy_sweep_with, PolicyPoint, PolicySweep, SWEEP_SCHEMA};

use std::sync::atomic::AtomicBool;

/// The name of the unmodified inputs in comparisons.
pub const BASELINE: &str = "baseline";

/// How a long run reports progress and learns that it should stop.
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// let done = AtomicUsize::new(0);
/// let tick = |_: usize| { done.fetch_add(1, Ordering::Relaxed); };
/// let control = stratfund::scenario::Control { tick: &tick, ..Default::default() };
/// (control.tick)(1);
/// assert_eq!(done.load(Ordering::Relaxed), 1);
/// ```
#[derive(Clone, Copy)]
pub struct Control<'a> {
    /// Becomes true when the caller wants the run to stop ([`crate::Error::Interrupted`]).
    pub stop: &'a AtomicBool,
    /// Called with the number of finished steps (solves or scenarios) each time some finish.
    pub tick: &'a (dyn Fn(usize) + Sync),
}

static NEVER: AtomicBool = AtomicBool::new(false);

impl Default for Control<'_> {
    fn default() -> Self {
        Control { stop: &NEVER, tick: &|_| {} }
    }
}

impl Control<'_> {
    /// Returns [`crate::Error::Interrupted`] once `stop` is set.
    ///
    /// # Errors
    ///
    /// [`Error::Interrupted`](crate::Error::Interrupted) once `stop` is set.
    pub fn check(&self) -> crate::Result<()> {
        if self.stop.load(std::sync::atomic::Ordering::Relaxed) {
            Err(crate::Error::Interrupted)
        } else {
            Ok(())
        }
    }
}
