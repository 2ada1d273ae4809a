//! The domain model of MODEL.md sections 1-2: projects, portfolios, plans and the co-funding policy,
//! plus validation and eligibility under the three-house rules.

mod eligibility;
mod notes;
mod plan;
mod plan_checks;
mod policy;
mod portfolio;
mod project;
pub(crate) mod tables;
mod unicode_forms;
pub(crate) mod validate;
pub mod years;

pub(crate) use eligibility::largest_state;
pub use eligibility::Ineligible;
pub use notes::{catalog_notes, every_note, notes, NO_PROJECTS, NO_TARGET, UNCATEGORISED};
pub use plan::{Bounds, Objective, Plan, SolverOptions, PLAN_SCHEMA};
pub use policy::{FundingClass, Policy};
pub(crate) use portfolio::default_currency;
pub use portfolio::{Portfolio, PORTFOLIO_SCHEMA};
pub use project::{CostProfile, Project};
pub use validate::{check, check_excluding, validate, validate_excluding, Checked, ValidationReport};
pub(crate) use validate::{is_priority, release_ineligible_mandatory};

/// A year of the plan, e.g. `2026`.
pub type Year = i32;
