//! Readable reports: of an allocation (a plain-text summary, Markdown, CSV of the projects), and
//! of scenario studies and simulations (tables as CSV or Markdown).

mod monitoring;
mod studies;
mod table;

pub use monitoring::{monitor_markdown, monitor_projects_table, monitor_table, replan_markdown, replan_table};
pub use studies::{
    comparison_markdown, comparison_table, evaluation_markdown, evaluation_table, frontier_entries_table,
    frontier_markdown, frontier_table, robustness_markdown, robustness_table, sweep_markdown, sweep_table,
};
pub use table::Table;

use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::optimize::{Allocation, HouseTotals};

/// A plain-text summary: status, objective, totals, and tables by group and by year.
///
/// ```
/// # use stratfund::{demo, report, solve};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.4)).unwrap();
/// assert!(report::summary(&allocation).contains("TOTAL"));
/// ```
pub fn summary(a: &Allocation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "status {}  objective ({}) {}  gap {}  solved in {:.2} s",
        a.status.as_str(),
        a.objective_kind,
        opt(a.objective),
        opt(a.gap.map(|g| g * 100.0)).to_string() + "%",
        a.solve_seconds
    );
    let t = &a.totals;
    let _ = writeln!(
        out,
        "funded {} of {} projects ({} ineligible); state {:.1}, enterprise {:.1}, academia {:.1} {}; leverage {}; expected value {:.1}",
        t.funded, a.projects.len(), a.ineligible.len(), t.state, t.enterprise, t.academia, a.currency_unit, opt(t.leverage), t.expected_value
    );
    if let Some(explanation) = &a.explanation {
        let _ = writeln!(out, "the plan is infeasible; the smallest relaxation that makes it feasible:");
        for r in explanation {
            let _ = writeln!(out, "  - {}: {}", r.constraint, r.message);
        }
    }
    let _ = writeln!(
        out,
        "\n{:<22} {:>6} {:>10} {:>10} {:>10} {:>10}",
        "group", "funded", "state", "enterprise", "academia", "exp. value"
    );
    for (group, g) in &a.by_group {
        out.push_str(&house_row(group, g));
    }
    out.push_str(&house_row(
        "TOTAL",
        &HouseTotals {
            state: t.state,
            enterprise: t.enterprise,
            academia: t.academia,
            funded: t.funded,
            expected_value: t.expected_value,
        },
    ));
    let _ = writeln!(out, "\n{:<6} {:>10} {:>10} {:>10}", "year", "budget", "available", "state");
    for (year, y) in &a.by_year {
        let _ = writeln!(out, "{:<6} {:>10.1} {:>10.1} {:>10.1}", year, y.budget, y.available, y.state);
    }
    if !a.shadow_prices.is_empty() {
        let _ = writeln!(out, "\nshadow prices (LP relaxation, objective per unit):");
        for (label, price) in &a.shadow_prices {
            let _ = writeln!(out, "  {label:<32} {price:>10.4}");
        }
    }
    let mut reasons = std::collections::BTreeMap::<&str, usize>::new();
    for p in a.projects.iter().filter_map(|p| p.reason.as_deref()) {
        *reasons.entry(p.split(':').next().unwrap_or(p)).or_default() += 1;
    }
    if !reasons.is_empty() {
        let list: Vec<String> = reasons.iter().map(|(r, n)| format!("{r}={n}")).collect();
        let _ = writeln!(out, "\nunfunded by reason: {}", list.join(" "));
    }
    out
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"))
}

fn house_row(name: &str, g: &HouseTotals) -> String {
    format!(
        "{:<22} {:>6} {:>10.1} {:>10.1} {:>10.1} {:>10.1}\n",
        name, g.funded, g.state, g.enterprise, g.academia, g.expected_value
    )
}

/// A Markdown report: the summary figures, the tables by group and year, and every project.
pub fn markdown(a: &Allocation) -> String {
    let mut out = String::from("# Funding allocation\n\n");
    let _ = writeln!(
        out,
        "- status: **{}**, objective ({}): {}, gap: {}",
        a.status.as_str(),
        a.objective_kind,
        opt(a.objective),
        opt(a.gap)
    );
    let t = &a.totals;
    let _ = writeln!(
        out,
        "- funded: {} of {} ({} ineligible); leverage: {}",
        t.funded,
        a.projects.len(),
        a.ineligible.len(),
        opt(t.leverage)
    );
    let _ = writeln!(
        out,
        "- money in {}: state {:.1}, enterprise {:.1}, academia {:.1}\n",
        a.currency_unit, t.state, t.enterprise, t.academia
    );
    if let Some(explanation) = &a.explanation {
        out.push_str("## Why the plan is infeasible\n\n| constraint | relax by | what to do |\n|---|---:|---|\n");
        for r in explanation {
            let _ = writeln!(out, "| {} | {} | {} |", r.constraint, r.amount, r.message);
        }
        out.push('\n');
    }
    out.push_str("## By group\n\n| group | funded | state | enterprise | academia | expected value |\n|---|---:|---:|---:|---:|---:|\n");
    for (group, g) in &a.by_group {
        let _ = writeln!(
            out,
            "| {group} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
            g.funded, g.state, g.enterprise, g.academia, g.expected_value
        );
    }
    out.push_str("\n## By year\n\n| year | budget | available | state |\n|---|---:|---:|---:|\n");
    for (year, y) in &a.by_year {
        let _ = writeln!(out, "| {year} | {:.1} | {:.1} | {:.1} |", y.budget, y.available, y.state);
    }
    out.push_str("\n## Projects\n\n| id | funded | scale | state | enterprise | academia | expected value | reason |\n|---|---|---:|---:|---:|---:|---:|---|\n");
    for p in &a.projects {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {} |",
            p.id,
            if p.funded { "yes" } else { "no" },
            p.scale,
            p.state,
            p.enterprise,
            p.academia,
            p.expected_value,
            p.reason.as_deref().unwrap_or("")
        );
    }
    out
}

/// The projects as CSV: one row per project with money by house and the reason.
pub fn projects_csv(a: &Allocation) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::usage(format!("cannot write CSV: {e}"));
    w.write_record(["id", "funded", "scale", "state", "enterprise", "academia", "expected_value", "reason"])
        .map_err(err)?;
    for p in &a.projects {
        w.write_record([
            p.id.clone(),
            p.funded.to_string(),
            p.scale.to_string(),
            p.state.to_string(),
            p.enterprise.to_string(),
            p.academia.to_string(),
            p.expected_value.to_string(),
            p.reason.clone().unwrap_or_default(),
        ])
        .map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::usage(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
