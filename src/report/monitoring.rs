//! Tables and Markdown reports of monitoring KPIs and re-plans.

use std::fmt::Write as _;

use super::Table;
use crate::monitor::{Kpis, MonitorReport, Replan};

const KPI_COLUMNS: [&str; 14] = [
    "funded",
    "allocated",
    "planned_to_date",
    "disbursed",
    "disbursement_rate",
    "disbursement_vs_schedule",
    "completed_on_time",
    "completed_late",
    "in_progress",
    "on_track",
    "late",
    "stalled",
    "not_started",
    "unreported",
];

fn num(x: f64) -> String {
    format!("{x:.4}")
}

fn maybe(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

fn kpi_row(scope: &str, name: &str, k: &Kpis) -> Vec<String> {
    vec![
        scope.to_string(),
        name.to_string(),
        k.funded.to_string(),
        num(k.allocated),
        num(k.planned_to_date),
        num(k.disbursed),
        maybe(k.disbursement_rate),
        maybe(k.disbursement_vs_schedule),
        k.completed_on_time.to_string(),
        k.completed_late.to_string(),
        k.in_progress.to_string(),
        k.on_track.to_string(),
        k.late.to_string(),
        k.stalled.to_string(),
        k.not_started.to_string(),
        k.unreported.to_string(),
    ]
}

/// One row per scope: `overall`, then each group and each region, with the KPIs as columns.
///
/// ```
/// # use stratfund::{monitor, report};
/// let mut r: monitor::MonitorReport = serde_json::from_str(r#"{"schema": "stratfund.monitor/1",
///     "currency_unit": "billion VND", "as_of": "2026-Q4", "overall": {"funded": 2, "allocated": 10.0,
///     "planned_to_date": 4.0, "disbursed": 3.0, "disbursement_rate": 0.3, "disbursement_vs_schedule": 0.75,
///     "completed_on_time": 0, "completed_late": 0, "in_progress": 2, "on_track": 1, "late": 1,
///     "stalled": 0, "not_started": 0, "unreported": 0},
///     "by_group": {}, "by_region": {}, "by_house": {}, "projects": []}"#).unwrap();
/// let t = report::monitor_table(&r);
/// assert_eq!(t.rows[0][..3], ["overall".to_string(), "".into(), "2".into()]);
/// ```
pub fn monitor_table(r: &MonitorReport) -> Table {
    let mut header = vec!["scope", "name"];
    header.extend(KPI_COLUMNS);
    let mut t = Table::new(&header);
    t.rows.push(kpi_row("overall", "", &r.overall));
    t.rows.extend(r.by_group.iter().map(|(g, k)| kpi_row("group", g, k)));
    t.rows.extend(r.by_region.iter().map(|(g, k)| kpi_row("region", g, k)));
    t
}

/// One row per funded project: status, money and timing.
pub fn monitor_projects_table(r: &MonitorReport) -> Table {
    let mut t = Table::new(&[
        "id",
        "group",
        "region",
        "status",
        "last_period",
        "allocated",
        "planned_to_date",
        "disbursed",
        "due_date",
        "completed_date",
        "timing",
    ]);
    let text = |x: Option<String>| x.unwrap_or_default();
    for p in &r.projects {
        t.rows.push(vec![
            p.id.clone(),
            p.group.clone(),
            text(p.region.clone()),
            p.status.as_str().to_string(),
            text(p.last_period.map(|x| x.to_string())),
            num(p.allocated),
            num(p.planned_to_date),
            num(p.disbursed),
            text(p.due_date.map(|d| d.to_string())),
            text(p.completed_date.map(|d| d.to_string())),
            p.timing.as_str().to_string(),
        ]);
    }
    t
}

/// Markdown: the KPIs by scope, money by house, and the projects that are late or stalled.
pub fn monitor_markdown(r: &MonitorReport) -> String {
    let as_of = r.as_of.map_or("no report yet".to_string(), |p| p.to_string());
    let mut out = format!("# Monitoring as of {as_of} ({})\n\n", r.currency_unit);
    out.push_str(&monitor_table(r).to_markdown());
    out.push_str("\n## Money by house\n\n");
    let mut houses =
        Table::new(&["house", "committed", "disbursed", "in_completed", "in_on_track", "in_late", "in_stalled"]);
    for (house, h) in &r.by_house {
        houses.rows.push(vec![
            house.clone(),
            num(h.committed),
            maybe(h.disbursed),
            num(h.in_completed),
            num(h.in_on_track),
            num(h.in_late),
            num(h.in_stalled),
        ]);
    }
    out.push_str(&houses.to_markdown());
    let mut watch = monitor_projects_table(r);
    watch.rows.retain(|row| row[3] == "late" || row[3] == "stalled");
    if !watch.rows.is_empty() {
        out.push_str("\n## Late and stalled projects\n\n");
        out.push_str(&watch.to_markdown());
    }
    out
}

/// One row per project the allocation funded: status, action, money paid and still to pay, and
/// what the re-plan gives it.
pub fn replan_table(r: &Replan) -> Table {
    let mut t = Table::new(&[
        "id",
        "status",
        "action",
        "allocated",
        "disbursed",
        "remaining_state",
        "remaining_cost",
        "replan_funded",
        "replan_state",
        "replan_reason",
    ]);
    for e in &r.tracked {
        let now = r.allocation.project(&e.id);
        t.rows.push(vec![
            e.id.clone(),
            e.status.as_str().to_string(),
            e.action.as_str().to_string(),
            num(e.allocated),
            num(e.disbursed),
            num(e.remaining_state),
            num(e.remaining_cost),
            now.is_some_and(|a| a.funded).to_string(),
            now.map(|a| num(a.state)).unwrap_or_default(),
            now.and_then(|a| a.reason.clone()).unwrap_or_default(),
        ]);
    }
    t
}

/// Markdown: the budget by year, the funded projects and their fate, the newly funded proposals,
/// then the re-planned allocation.
pub fn replan_markdown(r: &Replan) -> String {
    let mut out = format!("# Re-plan from {}\n\nSunk (state money disbursed): {}\n\n", r.from_year, num(r.sunk));
    let mut years = Table::new(&["year", "budget", "disbursed", "replan_budget"]);
    for (year, y) in &r.years {
        years.rows.push(vec![year.to_string(), num(y.budget), num(y.disbursed), maybe(y.replan_budget)]);
    }
    out.push_str(&years.to_markdown());
    out.push_str("\n## Projects funded so far\n\n");
    out.push_str(&replan_table(r).to_markdown());
    let tracked: std::collections::HashSet<&str> = r.tracked.iter().map(|t| t.id.as_str()).collect();
    let new: Vec<&str> = r
        .allocation
        .projects
        .iter()
        .filter(|p| p.funded && !tracked.contains(p.id.as_str()))
        .map(|p| p.id.as_str())
        .collect();
    let _ = writeln!(out, "\n## Newly funded proposals ({})\n\n{}", new.len(), new.join(", "));
    for (id, why) in &r.excluded {
        let _ = writeln!(out, "- excluded {id}: {why}");
    }
    out.push_str("\n## Re-planned allocation\n\n");
    out.push_str(&super::markdown(&r.allocation));
    out
}
