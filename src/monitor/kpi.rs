//! Monitoring KPIs (MODEL.md section 8): disbursement against the allocation, and tasks completed
//! on time, late or still in progress, by group, region and house.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::progress::{MilestoneStatus, Period, Progress, Standing};
use crate::error::{Error, Result};
use crate::model::{Plan, Portfolio, Project};
use crate::optimize::{Allocation, ProjectAllocation};

/// The schema marker of monitoring reports.
pub const MONITOR_SCHEMA: &str = "stratfund.monitor/1";

/// How a funded project's task ended, or that it has not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Completed on or before its due date (or without a due date).
    OnTime,
    /// Completed after its due date.
    Late,
    /// Not completed.
    Open,
}

impl Timing {
    /// The timing as written in files.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::monitor::Timing;
    /// assert_eq!(Timing::OnTime.as_str(), "on_time");
    /// assert_eq!(serde_json::to_string(&Timing::Open).unwrap(), "\"open\"");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Timing::OnTime => "on_time",
            Timing::Late => "late",
            Timing::Open => "open",
        }
    }
}

/// Counts and money of a set of funded projects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// Funded projects.
    pub funded: usize,
    /// State money the allocation gives them.
    pub allocated: f64,
    /// State money the allocation schedules up to the reporting date (a quarter is a quarter of
    /// its year's money).
    pub planned_to_date: f64,
    /// State money disbursed.
    pub disbursed: f64,
    /// `disbursed / allocated`; null when nothing is allocated.
    pub disbursement_rate: Option<f64>,
    /// `disbursed / planned_to_date`; null when nothing is scheduled yet.
    pub disbursement_vs_schedule: Option<f64>,
    /// Completed on or before the due date.
    pub completed_on_time: usize,
    /// Completed after the due date.
    pub completed_late: usize,
    /// Reported `on_track`, `late` or `stalled`.
    pub in_progress: usize,
    /// Reported `on_track`.
    pub on_track: usize,
    /// Reported `late`.
    pub late: usize,
    /// Reported `stalled`.
    pub stalled: usize,
    /// Reported `not_started`, or never reported.
    pub not_started: usize,
    /// Funded projects without any progress record (counted as `not_started`).
    pub unreported: usize,
    /// Funded projects disbursed more state money than the allocation gives them
    /// ([`ProjectProgress::over_disbursed`]).
    #[serde(default)]
    pub over_disbursed: usize,
}

/// Money of one house in the funded projects, by where the projects stand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HouseKpis {
    /// Money the allocation commits.
    pub committed: f64,
    /// Money disbursed: known for the state only (progress records carry state money).
    pub disbursed: Option<f64>,
    /// Committed money in completed projects.
    pub in_completed: f64,
    /// Committed money in projects reported `on_track`.
    pub in_on_track: f64,
    /// Committed money in projects reported `late`.
    pub in_late: f64,
    /// Committed money in projects reported `stalled`.
    pub in_stalled: f64,
    /// Committed money in projects reported `not_started`, or never reported.
    pub in_not_started: f64,
}

/// Where one funded project stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectProgress {
    /// Project id.
    pub id: String,
    /// Technology group.
    pub group: String,
    /// Region, if any.
    pub region: Option<String>,
    /// Latest reported status (`not_started` when never reported).
    pub status: MilestoneStatus,
    /// The latest period reported, if any.
    pub last_period: Option<Period>,
    /// State money the allocation gives it.
    pub allocated: f64,
    /// State money scheduled up to the reporting date.
    pub planned_to_date: f64,
    /// State money disbursed.
    pub disbursed: f64,
    /// Due date of the latest record.
    pub due_date: Option<NaiveDate>,
    /// Completion date of the latest record.
    pub completed_date: Option<NaiveDate>,
    /// On time, late, or still open.
    pub timing: Timing,
}

impl ProjectProgress {
    /// Whether more state money was disbursed than the allocation gives the project (by more than
    /// 1e-6 of its allocation: records carry decimals, the allocation its rounded money).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::monitor::{MilestoneStatus, ProjectProgress, Timing};
    /// let mut p = ProjectProgress {
    ///     id: "A".into(),
    ///     group: "biotech".into(),
    ///     region: None,
    ///     status: MilestoneStatus::OnTrack,
    ///     last_period: None,
    ///     allocated: 30.0,
    ///     planned_to_date: 10.0,
    ///     disbursed: 30.00001,
    ///     due_date: None,
    ///     completed_date: None,
    ///     timing: Timing::Open,
    /// };
    /// assert!(!p.over_disbursed()); // within 1e-6 of the allocation
    /// p.disbursed = 31.0;
    /// assert!(p.over_disbursed());
    /// ```
    pub fn over_disbursed(&self) -> bool {
        self.disbursed - self.allocated > 1e-6 * self.allocated
    }
}

/// The monitoring report of an allocation being carried out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonitorReport {
    /// Format marker, `stratfund.monitor/1`.
    pub schema: String,
    /// Currency unit of every amount (the portfolio's).
    pub currency_unit: String,
    /// The reporting date: the latest period of the records (or the one asked for).
    pub as_of: Option<Period>,
    /// Every funded project together.
    pub overall: Kpis,
    /// Per technology group.
    pub by_group: BTreeMap<String, Kpis>,
    /// Per region (projects without a region are left out).
    pub by_region: BTreeMap<String, Kpis>,
    /// Per house: `state`, `enterprise`, `academia`.
    pub by_house: BTreeMap<String, HouseKpis>,
    /// Every funded project, in portfolio order.
    pub projects: Vec<ProjectProgress>,
}

/// Builds the monitoring report of `allocation` (the plan being carried out) from its progress
/// records, as of `as_of` (default: the latest period reported).
///
/// The records are checked first ([`Progress::check`]); records after `as_of` are an error.
///
/// # Errors
///
/// [`Error::Validation`](crate::Error::Validation) listing every problem of the records
/// ([`Progress::check`]) or an allocation not made from the portfolio
/// ([`Allocation::check_made_from`]); [`Error::Usage`] when
/// `as_of` comes before the latest period reported.
///
/// # Examples
///
/// ```
/// use stratfund::demo::{generate_plan, generate_portfolio, generate_progress, DemoConfig};
/// let config = DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = generate_portfolio(&config);
/// let plan = generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan)?;
/// let progress = generate_progress(&allocation, 2026, 57);
/// let report = stratfund::monitor::monitor(&portfolio, &plan, &allocation, &progress, None)?;
/// assert_eq!(report.overall.funded, allocation.totals.funded);
/// assert!(report.overall.disbursed <= report.overall.allocated);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn monitor(
    portfolio: &Portfolio,
    plan: &Plan,
    allocation: &Allocation,
    progress: &Progress,
    as_of: Option<Period>,
) -> Result<MonitorReport> {
    allocation.check_made_from(portfolio)?;
    progress.check(portfolio, plan, allocation)?;
    let as_of = as_of.or_else(|| progress.latest_period());
    if let (Some(as_of), Some(latest)) = (as_of, progress.latest_period()) {
        if latest > as_of && !latest.overlaps(&as_of) {
            return Err(Error::usage(format!("as_of {as_of} is before the latest period reported ({latest})")));
        }
    }
    let standings = progress.standings();
    let funded: Vec<(ProjectProgress, &ProjectAllocation)> = funded_projects(portfolio, allocation)
        .map(|(p, a)| (project_progress(p, a, &standings.get(p.id.as_str()).cloned().unwrap_or_default(), as_of), a))
        .collect();
    let mut report = MonitorReport {
        schema: MONITOR_SCHEMA.to_string(),
        currency_unit: portfolio.currency_unit.clone(),
        as_of,
        overall: Kpis::default(),
        by_group: BTreeMap::new(),
        by_region: BTreeMap::new(),
        by_house: ["state", "enterprise", "academia"]
            .into_iter()
            .map(|h| (h.to_string(), HouseKpis { disbursed: (h == "state").then_some(0.0), ..HouseKpis::default() }))
            .collect(),
        projects: Vec::new(),
    };
    for (row, a) in funded {
        add(&mut report.overall, &row);
        add(report.by_group.entry(row.group.clone()).or_default(), &row);
        if let Some(region) = &row.region {
            add(report.by_region.entry(region.clone()).or_default(), &row);
        }
        add_houses(&mut report.by_house, &row, a);
        report.projects.push(row);
    }
    for kpis in
        std::iter::once(&mut report.overall).chain(report.by_group.values_mut()).chain(report.by_region.values_mut())
    {
        finish(kpis);
    }
    Ok(report)
}

/// The funded projects of the allocation, in portfolio order.
pub(crate) fn funded_projects<'a>(
    portfolio: &'a Portfolio,
    allocation: &'a Allocation,
) -> impl Iterator<Item = (&'a Project, &'a ProjectAllocation)> {
    let funded: HashMap<&str, &ProjectAllocation> =
        allocation.projects.iter().filter(|a| a.funded).map(|a| (a.id.as_str(), a)).collect();
    portfolio.projects.iter().filter_map(move |p| funded.get(p.id.as_str()).map(|a| (p, *a)))
}

fn project_progress(p: &Project, a: &ProjectAllocation, s: &Standing<'_>, as_of: Option<Period>) -> ProjectProgress {
    let latest = s.latest;
    let status = s.status();
    let completed_date = latest.and_then(|r| r.completed_date);
    let due_date = latest.and_then(|r| r.due_date);
    let timing = match (status, completed_date, due_date) {
        (MilestoneStatus::Completed, Some(done), Some(due)) if done > due => Timing::Late,
        (MilestoneStatus::Completed, _, _) => Timing::OnTime,
        _ => Timing::Open,
    };
    ProjectProgress {
        id: p.id.clone(),
        group: p.group.clone(),
        region: p.region.clone(),
        status,
        last_period: latest.map(|r| r.period),
        allocated: a.state,
        planned_to_date: as_of.map_or(0.0, |as_of| planned_to(a, as_of)),
        disbursed: s.disbursed,
        due_date,
        completed_date,
        timing,
    }
}

/// State money the allocation schedules up to the end of `as_of`.
fn planned_to(a: &ProjectAllocation, as_of: Period) -> f64 {
    a.state_by_year
        .iter()
        .filter(|(year, _)| **year <= as_of.year)
        .map(
            |(year, money)| {
                if *year == as_of.year {
                    money * f64::from(as_of.quarters_elapsed()) / 4.0
                } else {
                    *money
                }
            },
        )
        // Not `sum()`: an empty f64 sum is -0.0, which files would show as `-0.0`.
        .fold(0.0, |sum, m| sum + m)
}

fn add(k: &mut Kpis, row: &ProjectProgress) {
    k.funded += 1;
    k.allocated += row.allocated;
    k.planned_to_date += row.planned_to_date;
    k.disbursed += row.disbursed;
    k.unreported += usize::from(row.last_period.is_none());
    k.over_disbursed += usize::from(row.over_disbursed());
    match row.status {
        MilestoneStatus::NotStarted => k.not_started += 1,
        MilestoneStatus::OnTrack => k.on_track += 1,
        MilestoneStatus::Late => k.late += 1,
        MilestoneStatus::Stalled => k.stalled += 1,
        MilestoneStatus::Completed => match row.timing {
            Timing::Late => k.completed_late += 1,
            _ => k.completed_on_time += 1,
        },
    }
}

fn finish(k: &mut Kpis) {
    k.in_progress = k.on_track + k.late + k.stalled;
    k.disbursement_rate = (k.allocated > 0.0).then(|| k.disbursed / k.allocated);
    k.disbursement_vs_schedule = (k.planned_to_date > 0.0).then(|| k.disbursed / k.planned_to_date);
}

fn add_houses(by_house: &mut BTreeMap<String, HouseKpis>, row: &ProjectProgress, a: &ProjectAllocation) {
    for (house, money, disbursed) in
        [("state", a.state, Some(row.disbursed)), ("enterprise", a.enterprise, None), ("academia", a.academia, None)]
    {
        let k = by_house.entry(house.to_string()).or_default();
        k.committed += money;
        if let Some(d) = disbursed {
            *k.disbursed.get_or_insert(0.0) += d;
        }
        match row.status {
            MilestoneStatus::Completed => k.in_completed += money,
            MilestoneStatus::OnTrack => k.in_on_track += money,
            MilestoneStatus::Late => k.in_late += money,
            MilestoneStatus::Stalled => k.in_stalled += money,
            MilestoneStatus::NotStarted => k.in_not_started += money,
        }
    }
}
