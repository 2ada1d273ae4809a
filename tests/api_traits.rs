//! What a Rust service embedding the crate relies on, checked at compile time: inputs, results and
//! errors can move between threads (tokio tasks, rayon pools) and be shared behind an `Arc`; the
//! documents a service stores or sends are serde types; the error works with `?` into
//! `Box<dyn Error + Send + Sync>` (and so into anyhow). Removing one of these traits from a type
//! fails this file's build.

use serde::de::DeserializeOwned;
use serde::Serialize;
use stratfund::{monitor, scenario, simulate};

fn shareable<T: Send + Sync + 'static>() {}

fn document<T: Serialize + DeserializeOwned + Clone + std::fmt::Debug + PartialEq>() {}

#[test]
fn inputs_results_and_errors_can_cross_threads() {
    shareable::<stratfund::Portfolio>();
    shareable::<stratfund::Plan>();
    shareable::<stratfund::Catalog>();
    shareable::<stratfund::Allocation>();
    shareable::<stratfund::ValidationReport>();
    shareable::<stratfund::Error>();
    shareable::<scenario::Comparison>();
    shareable::<scenario::Frontier>();
    shareable::<scenario::PolicySweep>();
    shareable::<scenario::ScenarioSet>();
    shareable::<simulate::Settings>();
    shareable::<simulate::Evaluation>();
    shareable::<simulate::Robustness>();
    shareable::<monitor::Progress>();
    shareable::<monitor::MonitorReport>();
    shareable::<monitor::Replan>();
}

#[test]
fn documents_are_serde_types() {
    document::<stratfund::Portfolio>();
    document::<stratfund::Plan>();
    document::<stratfund::Allocation>();
    document::<stratfund::ValidationReport>();
    document::<scenario::Comparison>();
    document::<scenario::Frontier>();
    document::<scenario::PolicySweep>();
    document::<scenario::ScenarioSet>();
    document::<simulate::Settings>();
    document::<simulate::EvaluationDocument>();
    document::<simulate::RobustnessDocument>();
    document::<monitor::MonitorReport>();
    document::<monitor::Replan>();
}

#[test]
fn the_error_converts_into_boxed_errors() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let failed: stratfund::Result<()> = Err(stratfund::Error::usage("no"));
    let boxed = (|| -> Result<(), Box<dyn std::error::Error + Send + Sync>> { Ok(failed?) })().unwrap_err();
    assert_eq!(boxed.to_string(), "no");
    Ok(())
}
