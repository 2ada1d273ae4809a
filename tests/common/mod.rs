//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod oracle;
pub mod random;

use stratfund::{FundingClass, Plan, Portfolio, Project};

/// An eligible strategic project under default policy: 100 cost, 30 enterprise, 10 academia.
pub fn project(id: &str) -> Project {
    let mut p = Project::new(id, "semiconductors", FundingClass::Strategic, 100.0, 50.0);
    p.enterprise_commitment = 30.0;
    p.academia_contribution = 10.0;
    p.state_request = Some(70.0);
    p
}

/// A three-year plan with 1,000 per year.
pub fn plan() -> Plan {
    Plan::new(vec![(2026, 1000.0), (2027, 1000.0), (2028, 1000.0)])
}

/// A portfolio of the given projects.
pub fn portfolio(projects: Vec<Project>) -> Portfolio {
    Portfolio::new(projects)
}
