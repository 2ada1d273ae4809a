//! Tables and Markdown reports of monitoring KPIs and re-plans.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::table::{maybe, num};
use super::{Language, Table};
use crate::catalog::Catalog;
use crate::monitor::{Kpis, MilestoneStatus, MonitorReport, ProjectProgress, Replan};
use crate::optimize::ProjectAllocation;

/// The English words are the files' field names: the tables' headers.
fn columns() -> &'static super::MonitoringLabels {
    Language::En.monitoring()
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
        k.over_disbursed.to_string(),
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
    let mut t = Table::new(&columns().kpi_columns);
    t.rows.push(kpi_row("overall", "", &r.overall));
    t.rows.extend(r.by_group.iter().map(|(g, k)| kpi_row("group", g, k)));
    t.rows.extend(r.by_region.iter().map(|(g, k)| kpi_row("region", g, k)));
    t
}

/// One row per funded project: status, money and timing.
pub fn monitor_projects_table(r: &MonitorReport) -> Table {
    let mut t = Table::new(&columns().project_columns);
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

/// Markdown in English: the KPIs by scope, money by house, the projects that are late or stalled,
/// and those disbursed above their allocation ([`monitor_markdown_in`]).
pub fn monitor_markdown(r: &MonitorReport) -> String {
    monitor_markdown_in(r, &Catalog::default(), Language::En)
}

/// Markdown in `language`: the KPIs by scope (groups named from the catalog in Vietnamese), money
/// by house, the projects that are late or stalled, and those disbursed above their allocation.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, monitor, report, Catalog};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan)?;
/// let progress = demo::generate_progress(&allocation, 2026, 57);
/// let m = monitor::monitor(&portfolio, &plan, &allocation, &progress, None)?;
/// assert_eq!(report::monitor_projects_table(&m).rows.len(), allocation.totals.funded);
/// let en = report::monitor_markdown(&m);
/// assert!(en.starts_with("# ") && en.contains("2026"));
/// let vi = report::monitor_markdown_in(&m, &Catalog::default(), report::Language::Vi);
/// assert_ne!(vi, en);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn monitor_markdown_in(r: &MonitorReport, catalog: &Catalog, language: Language) -> String {
    let m = language.monitoring();
    let as_of = r.as_of.map_or(m.no_report_yet.to_string(), |p| p.to_string());
    let mut out = format!("# {} {as_of} ({})\n\n", m.monitoring_as_of, r.currency_unit);
    let kpis = relabel(monitor_table(r), &m.kpi_columns, |j, cell, row| match j {
        0 => Some(language.word(cell)),
        1 if row[0] == "group" && language == Language::Vi => Some(language.group_name(catalog, cell)),
        _ => None,
    });
    out.push_str(&kpis.to_markdown());
    let mut houses = Table::new(&m.house_columns);
    for (house, h) in &r.by_house {
        houses.rows.push(vec![
            language.word(house),
            num(h.committed),
            maybe(h.disbursed),
            num(h.in_completed),
            num(h.in_on_track),
            num(h.in_late),
            num(h.in_stalled),
            num(h.in_not_started),
        ]);
    }
    let _ = write!(out, "\n## {}\n\n{}", m.money_by_house, houses.to_markdown());
    let behind = |p: &ProjectProgress| matches!(p.status, MilestoneStatus::Late | MilestoneStatus::Stalled);
    out.push_str(&projects_section(r, m.late_and_stalled, behind, language));
    out.push_str(&projects_section(r, m.over_disbursed, ProjectProgress::over_disbursed, language));
    out
}

/// A section listing the funded projects that `keep` selects (status and timing in `language`),
/// or nothing when there is none.
fn projects_section(
    r: &MonitorReport,
    heading: &str,
    keep: impl Fn(&ProjectProgress) -> bool,
    language: Language,
) -> String {
    let mut table = monitor_projects_table(r);
    table.rows = table.rows.into_iter().zip(&r.projects).filter(|(_, p)| keep(p)).map(|(row, _)| row).collect();
    if table.rows.is_empty() {
        return String::new();
    }
    let header = &language.monitoring().project_columns;
    let table = relabel(table, header, |j, cell, _| matches!(j, 3 | 10).then(|| language.word(cell)));
    format!("\n## {heading}\n\n{}", table.to_markdown())
}

/// The table with another header, and each cell that `word(column, cell, row)` rewrites.
fn relabel(table: Table, header: &[&str], word: impl Fn(usize, &str, &[String]) -> Option<String>) -> Table {
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let words: Vec<String> =
                row.iter().enumerate().map(|(j, cell)| word(j, cell, &row).unwrap_or_else(|| cell.clone())).collect();
            words
        })
        .collect();
    Table { header: header.iter().map(|h| h.to_string()).collect(), rows }
}

/// One row per project the allocation funded: status, action, money paid and still to pay, and
/// what the re-plan gives it.
pub fn replan_table(r: &Replan) -> Table {
    let mut t = Table::new(&columns().replan_columns);
    let replanned: HashMap<&str, &ProjectAllocation> =
        r.allocation.projects.iter().map(|a| (a.id.as_str(), a)).collect();
    for e in &r.tracked {
        let now = replanned.get(e.id.as_str()).copied();
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

/// Markdown in English: the budget by year, the funded projects and their fate, the newly funded
/// proposals, then the re-planned allocation ([`replan_markdown_in`]).
pub fn replan_markdown(r: &Replan) -> String {
    replan_markdown_in(r, &Catalog::default(), Language::En)
}

/// Markdown in `language`: the budget by year, the funded projects and their fate, the newly
/// funded proposals, then the re-planned allocation's report ([`super::markdown_in`]).
///
/// # Examples
///
/// ```
/// use stratfund::{demo, monitor, report, Catalog};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan)?;
/// let progress = demo::generate_progress(&allocation, 2026, 57);
/// let policy = monitor::ReplanPolicy::default();
/// let r = monitor::replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &policy)?;
/// assert_eq!(report::replan_table(&r).rows.len(), r.tracked.len());
/// let en = report::replan_markdown(&r);
/// assert!(en.contains(&r.from_year.to_string()));
/// assert_ne!(report::replan_markdown_in(&r, &Catalog::default(), report::Language::Vi), en);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn replan_markdown_in(r: &Replan, catalog: &Catalog, language: Language) -> String {
    let m = language.monitoring();
    let mut out = format!("# {} {}\n\n{}: {}\n\n", m.replan_from, r.from_year, m.sunk, num(r.sunk));
    let mut years = Table::new(&m.year_columns);
    for (year, y) in &r.years {
        years.rows.push(vec![year.to_string(), num(y.budget), num(y.disbursed), maybe(y.replan_budget)]);
    }
    out.push_str(&years.to_markdown());
    let tracked = relabel(replan_table(r), &m.replan_columns, |j, cell, _| match j {
        1 | 2 | 7 => Some(language.word(cell)),
        9 if language == Language::Vi && !cell.is_empty() => Some(language.reason_in(cell, &r.allocation)),
        _ => None,
    });
    let _ = write!(out, "\n## {}\n\n{}", m.funded_so_far, tracked.to_markdown());
    let ids: std::collections::HashSet<&str> = r.tracked.iter().map(|t| t.id.as_str()).collect();
    let new: Vec<&str> = r
        .allocation
        .projects
        .iter()
        .filter(|p| p.funded && !ids.contains(p.id.as_str()))
        .map(|p| p.id.as_str())
        .collect();
    let _ = writeln!(out, "\n## {} ({})\n\n{}", m.newly_funded, new.len(), new.join(", "));
    for (id, why) in &r.excluded {
        let _ = writeln!(out, "- {} {id}: {why}", m.excluded);
    }
    let _ = write!(out, "\n## {}\n\n", m.replanned_allocation);
    out.push_str(&super::markdown_in(&r.allocation, catalog, language));
    out
}
