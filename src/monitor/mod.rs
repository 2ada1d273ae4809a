//! Monitoring and re-planning (MODEL.md section 8): progress records of the funded projects,
//! disbursement and completion KPIs by group, region and house, and re-plans mid-course.
//!
//! ```
//! use stratfund::monitor::{monitor, replan, MilestoneStatus, Progress, ProgressRecord, ReplanPolicy};
//! use stratfund::{Catalog, FundingClass, Plan, Portfolio, Project};
//!
//! let mut a = Project::new("A", "semiconductors", FundingClass::Strategic, 100.0, 50.0);
//! a.enterprise_commitment = 20.0;
//! a.duration_years = 2;
//! let mut b = Project::new("B", "semiconductors", FundingClass::Strategic, 80.0, 30.0);
//! b.enterprise_commitment = 16.0;
//! let portfolio = Portfolio::new(vec![a, b]);
//! let plan = Plan::new(vec![(2026, 60.0), (2027, 90.0)]);
//! let allocation = stratfund::solve(&portfolio, &plan).unwrap();
//! assert!(allocation.project("A").unwrap().funded);
//!
//! let progress = Progress::new(vec![ProgressRecord {
//!     project_id: "A".into(),
//!     period: "2026".parse().unwrap(),
//!     disbursed: 40.0,
//!     status: MilestoneStatus::OnTrack,
//!     due_date: None,
//!     completed_date: None,
//! }]);
//! let report = monitor(&portfolio, &plan, &allocation, &progress, None).unwrap();
//! assert_eq!(report.overall.on_track, 1);
//!
//! // From 2027: A continues with its remaining 40 of state money, B competes for the rest.
//! let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &ReplanPolicy::default()).unwrap();
//! assert_eq!(re.from_year, 2027);
//! assert_eq!(re.tracked[0].remaining_state, 40.0);
//! assert!(re.allocation.project("A").unwrap().funded);
//! ```

mod kpi;
mod policy;
mod progress;
mod replan;

pub use kpi::{monitor, HouseKpis, Kpis, MonitorReport, ProjectProgress, Timing, MONITOR_SCHEMA};
pub use policy::{Action, Fate, ReplanPolicy};
pub(crate) use progress::parse_date;
pub use progress::{MilestoneStatus, Period, Progress, ProgressRecord, Standing, PROGRESS_SCHEMA};
pub use replan::{derive, replan, Derived, Replan, ReplanYear, Tracked, REPLAN_SCHEMA};
