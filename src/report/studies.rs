//! Tables and Markdown reports of scenario comparisons, frontiers, policy sweeps and simulations.

use std::fmt::Write as _;

use super::Table;
use crate::scenario::{Comparison, Frontier, Kpis, PolicyPoint};
use crate::simulate::{CoreClass, CoreEntry, Robustness, Summary};

const KPI_COLUMNS: [&str; 13] = [
    "status",
    "objective",
    "gap",
    "expected_value",
    "funded",
    "state",
    "enterprise",
    "academia",
    "leverage",
    "budget",
    "budget_used",
    "ineligible",
    "solve_seconds",
];

fn kpi_cells(k: &Kpis) -> Vec<String> {
    let num = |x: f64| format!("{x:.4}");
    let maybe = |x: Option<f64>| x.map(num).unwrap_or_default();
    vec![
        k.status.as_str().to_string(),
        maybe(k.objective),
        maybe(k.gap),
        num(k.expected_value),
        k.funded.to_string(),
        num(k.state),
        num(k.enterprise),
        num(k.academia),
        maybe(k.leverage),
        num(k.budget),
        maybe(k.budget_used),
        k.ineligible.to_string(),
        format!("{:.3}", k.solve_seconds),
    ]
}

fn with_kpis(first: &[&str], last: &[&str]) -> Table {
    let header: Vec<&str> = first.iter().chain(KPI_COLUMNS.iter()).chain(last).copied().collect();
    Table::new(&header)
}

/// One row per scenario: name, key figures, projects entering and leaving (`;`-separated).
///
/// ```
/// # use stratfund::{demo, report, scenario};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let cut = scenario::Scenario { budget_scale: 0.5, ..scenario::Scenario::named("cut") };
/// let c = scenario::compare(&portfolio, &plan, &stratfund::Catalog::default(), &[cut]).unwrap();
/// let table = report::comparison_table(&c);
/// assert_eq!(table.rows.len(), 2);
/// // Markdown puts the scenarios side by side, one column each.
/// assert!(report::comparison_markdown(&c).contains("| figure | baseline | cut |"));
/// ```
pub fn comparison_table(c: &Comparison) -> Table {
    let mut t = with_kpis(&["scenario"], &["entering", "leaving", "released"]);
    for s in &c.scenarios {
        let mut row = vec![s.name.clone()];
        row.extend(kpi_cells(&s.kpis));
        row.push(s.entering.join(";"));
        row.push(s.leaving.join(";"));
        row.push(s.released.join(";"));
        t.rows.push(row);
    }
    t
}

/// Markdown: key figures side by side (one column per scenario), then the projects entering and
/// leaving each scenario against the baseline.
pub fn comparison_markdown(c: &Comparison) -> String {
    let mut kpis = comparison_table(c);
    kpis.header.truncate(KPI_COLUMNS.len() + 1);
    kpis.rows.iter_mut().for_each(|r| r.truncate(KPI_COLUMNS.len() + 1));
    let mut out = String::from("# Scenario comparison\n\n");
    out.push_str(&kpis.transposed("figure").to_markdown());
    out.push_str("\n## Projects entering and leaving (against the baseline)\n\n");
    for s in c.scenarios.iter().skip(1) {
        let _ = writeln!(
            out,
            "- **{}**: +{} entering ({}), -{} leaving ({})",
            s.name,
            s.entering.len(),
            s.entering.join(", "),
            s.leaving.len(),
            s.leaving.join(", ")
        );
        if !s.released.is_empty() {
            let _ =
                writeln!(out, "  - mandatory but ineligible in this scenario, so released: {}", s.released.join(", "));
        }
    }
    infeasible_section(&mut out, c);
    out
}

/// Why each infeasible scenario is infeasible: the relaxations of its explanation.
fn infeasible_section(out: &mut String, c: &Comparison) {
    let infeasible: Vec<_> = c.scenarios.iter().filter(|s| s.allocation.explanation.is_some()).collect();
    if infeasible.is_empty() {
        return;
    }
    out.push_str("\n## Why some scenarios are infeasible\n\n");
    for s in infeasible {
        for relaxation in s.allocation.explanation.iter().flatten() {
            let _ = writeln!(out, "- **{}**: `{}`: {}", s.name, relaxation.constraint, relaxation.message);
        }
    }
}

/// One row per budget level.
pub fn frontier_table(f: &Frontier) -> Table {
    let mut t = with_kpis(&["level"], &[]);
    for p in &f.points {
        let mut row = vec![p.level.to_string()];
        row.extend(kpi_cells(&p.kpis));
        t.rows.push(row);
    }
    t
}

/// One row per project: the level at which it enters.
pub fn frontier_entries_table(f: &Frontier) -> Table {
    let mut t = Table::new(&["id", "entry_level", "entry_budget", "stable_from_level"]);
    let cell = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    for e in &f.entries {
        t.rows.push(vec![e.id.clone(), cell(e.entry_level), cell(e.entry_budget), cell(e.stable_from_level)]);
    }
    t
}

/// Markdown: notes, the levels, and the entry level of every project that enters.
pub fn frontier_markdown(f: &Frontier) -> String {
    let mut out = String::from("# Budget frontier\n\n");
    for note in &f.notes {
        let _ = writeln!(out, "> note: {note}\n");
    }
    out.push_str(&frontier_table(f).to_markdown());
    out.push_str("\n## Entry level of each project\n\n");
    let mut entries = frontier_entries_table(f);
    entries.rows.retain(|r| !r[1].is_empty());
    out.push_str(&entries.to_markdown());
    out
}

/// One row per point of a policy sweep.
pub fn sweep_table(points: &[PolicyPoint]) -> Table {
    let mut t = with_kpis(
        &["market_min_enterprise_share", "strategic_min_enterprise_share"],
        &["entering", "leaving", "released"],
    );
    for p in points {
        let mut row = vec![p.market_min_enterprise_share.to_string(), p.strategic_min_enterprise_share.to_string()];
        row.extend(kpi_cells(&p.kpis));
        row.push(p.entering.join(";"));
        row.push(p.leaving.join(";"));
        row.push(p.released.join(";"));
        t.rows.push(row);
    }
    t
}

/// Markdown of a policy sweep.
pub fn sweep_markdown(points: &[PolicyPoint]) -> String {
    format!("# Policy sweep (enterprise-share thresholds)\n\n{}", sweep_table(points).to_markdown())
}

/// One row per project: core index, class, baseline decision.
pub fn robustness_table(r: &Robustness) -> Table {
    entries_table(r.entries())
}

fn entries_table(entries: Vec<CoreEntry>) -> Table {
    let mut t = Table::new(&["id", "core_index", "class", "baseline_funded"]);
    for e in entries {
        t.rows.push(vec![e.id, e.core_index.to_string(), e.class.as_str().to_string(), e.baseline_funded.to_string()]);
    }
    t
}

/// Markdown: counts per class, then the projects funded in some scenario, by core index.
pub fn robustness_markdown(r: &Robustness) -> String {
    let entries = r.entries();
    let count = |class: &str| entries.iter().filter(|e| e.class.as_str() == class).count();
    let mut out = String::from("# Robustness (re-optimised per sampled scenario)\n\n");
    let _ = writeln!(
        out,
        "- scenarios: {} ({} infeasible)\n- core (index >= 0.9): {}, borderline: {}, exterior: {}\n",
        r.scenarios(),
        r.failed(),
        count("core"),
        count("borderline"),
        count("exterior")
    );
    let mut funded: Vec<_> = entries.into_iter().filter(|e| e.class != CoreClass::Exterior).collect();
    funded.sort_by(|a, b| b.core_index.total_cmp(&a.core_index));
    out.push_str(&entries_table(funded).to_markdown());
    out
}

/// Two columns: figure and value.
pub fn evaluation_table(s: &Summary) -> Table {
    let mut t = Table::new(&["figure", "value"]);
    let mut add = |k: String, v: f64| t.rows.push(vec![k, v.to_string()]);
    add("scenarios".into(), s.scenarios as f64);
    add("value_mean".into(), s.value_mean);
    add("value_expected".into(), s.value_expected);
    s.value_quantiles.iter().for_each(|(k, v)| add(format!("value_{k}"), *v));
    add("extra_state_mean".into(), s.extra_state_mean);
    s.extra_state_quantiles.iter().for_each(|(k, v)| add(format!("extra_state_{k}"), *v));
    add("extra_state_var".into(), s.extra_state_var);
    add("extra_state_es".into(), s.extra_state_es);
    s.group_success_probability.iter().for_each(|(g, v)| add(format!("group_success:{g}"), *v));
    t
}

/// Markdown of a Monte Carlo evaluation.
pub fn evaluation_markdown(s: &Summary) -> String {
    format!(
        "# Monte Carlo evaluation\n\n{} scenarios; the value at risk and the expected shortfall are those of the \
         extra state money needed.\n\n{}",
        s.scenarios,
        evaluation_table(s).to_markdown()
    )
}
