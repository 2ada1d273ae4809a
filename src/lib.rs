//! # stratfund
//!
//! Allocates a national budget across a portfolio of strategic-technology R&D projects co-funded by
//! the "three houses" (the State, academia, enterprises) under the co-funding rules of Vietnam's
//! Resolution 57-NQ/TW implementation notices: market-led technologies need at least 50% enterprise
//! money, strategic (state-led) technologies at least 20% enterprise counterpart funding.
//!
//! The contract (domain model, math, file formats) is in `MODEL.md` and `FORMATS.md` of the design
//! documents. This crate holds the pure Rust core; Python bindings live behind the `python` feature
//! and the command-line tool behind the `cli` feature.
//!
//! ## Where things are
//! - [`model`]: projects, portfolios, plans and policy; validation and eligibility ([`validate`]).
//! - [`optimize`]: the allocation MILP ([`solve`]), reasons, totals, shadow prices and the
//!   explanation of infeasible plans.
//! - [`scenario`]: scenario overrides and comparisons, the budget frontier, policy sweeps.
//! - [`simulate`]: Monte Carlo evaluation of an allocation and robustness (core index).
//! - [`monitor`]: progress records, monitoring KPIs and re-planning mid-course.
//! - [`report`]: text, CSV, Markdown and HTML reports, in English or Vietnamese.
//! - [`io`] (the files of `FORMATS.md`), [`catalog`] (the 11 technology groups), [`demo`]
//!   (seeded synthetic data).
//!
//! ```
//! use stratfund::{validate, Catalog, FundingClass, Plan, Portfolio, Project};
//!
//! let mut chip = Project::new("P-1", "semiconductors", FundingClass::Strategic, 100.0, 80.0);
//! chip.enterprise_commitment = 25.0; // >= 20% of cost: eligible
//! let mut llm = Project::new("P-2", "ai_twin_xr", FundingClass::Market, 50.0, 40.0);
//! llm.enterprise_commitment = 20.0; // < 50% of cost: ineligible
//!
//! let portfolio = Portfolio::new(vec![chip, llm]);
//! let plan = Plan::new(vec![(2026, 60.0), (2027, 60.0)]);
//! let report = validate(&portfolio, &plan, &Catalog::default());
//! assert!(report.is_ok());
//! assert_eq!(report.ineligible.len(), 1);
//! assert_eq!(report.ineligible[0].rule, "enterprise_commitment_below_share");
//! ```
#![deny(missing_docs)]
#![warn(clippy::missing_errors_doc)]

pub mod catalog;
pub mod demo;
pub mod error;
pub mod io;
mod memory;
pub mod model;
pub mod monitor;
pub mod optimize;
#[cfg(feature = "python")]
mod python;
pub mod report;
pub mod scenario;
pub mod simulate;
pub mod stats;

pub use catalog::{Catalog, EntryStatus, Group, Product};
pub use error::{Error, ParseError, ParseErrors, Problem, ReadRule, Result};
pub use model::{
    validate, Bounds, Checked, CostProfile, FundingClass, Ineligible, Objective, Plan, Policy, Portfolio, Project,
    SolverOptions, ValidationReport, Year,
};
pub use optimize::{solve, solve_with, Allocation, ProjectAllocation, Status};
pub use scenario::Control;

/// The README's Rust example, compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
