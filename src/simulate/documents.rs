//! The Monte Carlo results as written in JSON, by the command line and by Python's `to_path`:
//! a `schema` marker and the full [`Settings`] that drew them (seed included), so that a saved
//! result says how to reproduce it.

use serde::{Deserialize, Serialize};

use super::{CoreEntry, Robustness, Settings, Summary};
use crate::model::SolverOptions;

/// The schema marker of evaluation results.
pub const EVALUATION_SCHEMA: &str = "stratfund.evaluation/1";

/// The schema marker of robustness results.
pub const ROBUSTNESS_SCHEMA: &str = "stratfund.robustness/1";

/// An evaluation as written in JSON: the summary's fields at the top level, beside `schema` and
/// `settings`.
///
/// # Examples
///
/// ```
/// use stratfund::simulate::{evaluate, EvaluationDocument, Settings, EVALUATION_SCHEMA};
///
/// let config = stratfund::demo::DemoConfig { projects: 20, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan).unwrap();
/// let settings = Settings { scenarios: 500, seed: 3, ..Settings::default() };
/// let e = evaluate(&portfolio, &allocation, &settings).unwrap();
/// let json = serde_json::to_value(EvaluationDocument::new(&e.summary, &settings)).unwrap();
/// assert_eq!((json["schema"].as_str(), json["settings"]["seed"].as_u64()), (Some(EVALUATION_SCHEMA), Some(3)));
/// assert_eq!(json["scenarios"], 500);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationDocument {
    /// [`EVALUATION_SCHEMA`].
    pub schema: String,
    /// The settings that drew the scenarios.
    pub settings: Settings,
    /// The summary of the draws.
    #[serde(flatten)]
    pub summary: Summary,
}

impl EvaluationDocument {
    /// The document of a summary drawn with `settings`.
    pub fn new(summary: &Summary, settings: &Settings) -> EvaluationDocument {
        EvaluationDocument {
            schema: EVALUATION_SCHEMA.to_string(),
            settings: settings.clone(),
            summary: summary.clone(),
        }
    }
}

/// A robustness run as written in JSON: settings, the solver options of the re-optimisations,
/// counts and the core index of every project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RobustnessDocument {
    /// [`ROBUSTNESS_SCHEMA`].
    pub schema: String,
    /// The settings that drew the scenarios.
    pub settings: Settings,
    /// The plan's solver options the scenarios were re-optimised with (HiGHS runs on one thread
    /// per scenario whatever `threads` says). Documents written before this field read with the
    /// defaults.
    #[serde(default)]
    pub solver: SolverOptions,
    /// Scenarios re-optimised.
    pub scenarios: usize,
    /// Scenarios without a portfolio (infeasible, or stopped by a time limit without one).
    pub infeasible: usize,
    /// One entry per project of the portfolio.
    pub projects: Vec<CoreEntry>,
}

impl RobustnessDocument {
    /// The document of a run drawn with `settings` and re-optimised with `solver` (the plan's
    /// `solver` section).
    pub fn new(r: &Robustness, settings: &Settings, solver: &SolverOptions) -> RobustnessDocument {
        RobustnessDocument {
            schema: ROBUSTNESS_SCHEMA.to_string(),
            settings: settings.clone(),
            solver: solver.clone(),
            scenarios: r.scenarios(),
            infeasible: r.failed(),
            projects: r.entries(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::{evaluate, robustness};
    use crate::{demo, Catalog};

    #[test]
    fn documents_read_back_as_written() {
        let config = demo::DemoConfig { projects: 25, seed: 3, ..Default::default() };
        let portfolio = demo::generate_portfolio(&config);
        let plan = demo::generate_plan(&portfolio, &config, 0.45);
        let settings = Settings { scenarios: 4, seed: 8, impact_sigma: 0.1, ..Settings::default() };
        let allocation = crate::solve(&portfolio, &plan).unwrap();
        let e = EvaluationDocument::new(&evaluate(&portfolio, &allocation, &settings).unwrap().summary, &settings);
        let text = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<EvaluationDocument>(&text).unwrap(), e);
        let run = robustness(&portfolio, &plan, &Catalog::default(), &settings).unwrap();
        let r = RobustnessDocument::new(&run, &settings, &plan.solver);
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<RobustnessDocument>(&text).unwrap(), r);
        assert_eq!((r.settings.seed, r.scenarios, r.projects.len()), (8, 4, 25));
        let mut older: serde_json::Value = serde_json::from_str(&text).unwrap();
        older.as_object_mut().unwrap().remove("solver");
        assert_eq!(serde_json::from_value::<RobustnessDocument>(older).unwrap(), r);
    }
}
