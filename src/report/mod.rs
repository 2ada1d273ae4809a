//! Readable reports: of an allocation (a plain-text summary, Markdown in English or Vietnamese, CSV
//! of the projects with their state money by year), of scenario studies, simulations and monitoring (tables as CSV or Markdown),
//! and any Markdown report as a standalone HTML page ([`html_page`]).

mod chart;
mod figure;
mod html;
mod language;
mod monitoring;
mod monitoring_labels;
mod simulations;
mod studies;
mod study_labels;
mod summary;
mod table;

pub use chart::{allocation_chart, comparison_chart, evaluation_chart, frontier_chart, robustness_chart};
pub use figure::{column, fixed};
pub use html::{html_page, html_page_with_figures};
pub use language::{Labels, Language};
pub use monitoring::{
    monitor_markdown, monitor_markdown_in, monitor_projects_table, monitor_table, replan_markdown, replan_markdown_in,
    replan_table,
};
pub use monitoring_labels::MonitoringLabels;
pub use simulations::{evaluation_document_markdown_in, robustness_document_markdown_in};
pub use studies::{
    comparison_markdown, comparison_markdown_in, comparison_table, core_markdown_in, evaluation_markdown,
    evaluation_markdown_in, evaluation_table, frontier_entries_table, frontier_markdown, frontier_markdown_in,
    frontier_table, robustness_markdown, robustness_markdown_in, robustness_table, scenario_draws_table,
    sweep_markdown, sweep_markdown_in, sweep_table,
};
pub use study_labels::StudyLabels;
pub use summary::{summary, summary_in};
pub use table::Table;

use std::fmt::Write as _;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::optimize::{Allocation, HouseTotals};

/// A count and its English noun, singular for one: `1 problem`, `2 problems`.
///
/// ```
/// use stratfund::report::counted;
/// assert_eq!((counted(1, "problem"), counted(3, "problem")), ("1 problem".to_string(), "3 problems".to_string()));
/// assert_eq!(counted(0, "validation problem"), "0 validation problems");
/// ```
pub fn counted(count: usize, noun: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{plural}")
}

/// An optional figure with 4 decimals, or `-`.
fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| fixed(v, 4))
}

/// A Markdown report in English: the summary figures, the tables by group, region and year, the
/// unfunded projects by reason and every project ([`markdown_in`] with the default catalog).
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report};
/// let config = demo::DemoConfig { projects: 20, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let text = report::markdown(&allocation);
/// assert!(text.starts_with('#'));
/// assert!(allocation.projects.iter().all(|p| text.contains(&p.id)));
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn markdown(a: &Allocation) -> String {
    markdown_in(a, &Catalog::default(), Language::En)
}

/// A Markdown report in `language`: the summary figures, the tables by group (with the catalog's
/// names), by region (when projects name regions) and by year, the unfunded projects by reason
/// (when some are), and every project with its reason in words.
///
/// ```
/// # use stratfund::{demo, report, solve, Catalog};
/// use stratfund::report::Language;
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.4)).unwrap();
/// let vi = report::markdown_in(&allocation, &Catalog::default(), Language::Vi);
/// assert!(vi.starts_with("# Phân bổ kinh phí"));
/// assert!(vi.contains("## Theo nhóm công nghệ"));
/// // As a standalone page:
/// let page = report::html_page(&vi, Language::Vi);
/// assert!(page.contains("<html lang=\"vi\">"));
/// ```
pub fn markdown_in(a: &Allocation, catalog: &Catalog, language: Language) -> String {
    let l = language.labels();
    let mut out = format!("# {}\n\n", l.title);
    let t = &a.totals;
    let _ = writeln!(
        out,
        "- {}: **{}**, {} ({}): {}, {}: {}",
        l.status,
        language.status(a.status.as_str()),
        l.objective,
        language.objective(&a.objective_kind),
        opt(a.objective),
        l.gap,
        a.gap.map_or_else(|| "-".to_string(), |g| format!("{g:.4}"))
    );
    if a.relaxed {
        let _ = writeln!(out, "- **{}**", l.relaxed_note);
    }
    let _ = writeln!(
        out,
        "- {}: {} {} {} ({}); {}: {}",
        l.funded,
        t.funded,
        l.of,
        a.projects.len(),
        ineligible_counts(a, l),
        l.leverage,
        opt(t.leverage)
    );
    let _ = writeln!(
        out,
        "- {} ({}): {} {}, {} {}, {} {}\n",
        l.money,
        a.currency_unit,
        l.state,
        one(t.state),
        l.enterprise,
        one(t.enterprise),
        l.academia,
        one(t.academia)
    );
    if let Some(explanation) = &a.explanation {
        let mut table = Table::new(&[l.constraint, l.relax_by, l.what_to_do]);
        table.rows = explanation
            .iter()
            .map(|r| vec![r.constraint.clone(), r.amount.to_string(), language.relaxation(r)])
            .collect();
        section(&mut out, l.why_infeasible, &table);
    }
    section(&mut out, l.by_group, &group_table(a, catalog, language));
    if !a.by_region.is_empty() {
        section(&mut out, l.by_region, &region_table(a, language));
    }
    let mut years = Table::new(&[l.year, l.budget, l.available, l.state]);
    years.rows = a
        .by_year
        .iter()
        .map(|(year, y)| vec![year.to_string(), one(y.budget), one(y.available), one(y.state)])
        .collect();
    section(&mut out, l.by_year, &years);
    let reasons = reason_table(a, language);
    if !reasons.rows.is_empty() {
        section(&mut out, l.unfunded_by_reason, &reasons);
    }
    section(&mut out, l.projects, &project_table(a, language));
    out
}

/// "3 ineligible", or "2 ineligible, 1 requiring an ineligible project" when some projects are
/// unfundable only through a requirement (rule `dependency:<id>`): both are in `ineligible`.
fn ineligible_counts(a: &Allocation, l: &Labels) -> String {
    let requiring = a.ineligible.iter().filter(|i| i.rule.starts_with("dependency:")).count();
    let own = a.ineligible.len() - requiring;
    if requiring == 0 {
        format!("{own} {}", l.ineligible)
    } else {
        format!("{own} {}, {requiring} {}", l.ineligible, l.requiring_ineligible)
    }
}

fn section(out: &mut String, heading: &str, table: &Table) {
    let _ = write!(out, "## {heading}\n\n{}\n", table.to_markdown());
}

fn one(x: f64) -> String {
    fixed(x, 1)
}

fn group_table(a: &Allocation, catalog: &Catalog, language: Language) -> Table {
    let l = language.labels();
    let mut table = Table::new(&[l.group, l.name, l.funded, l.state, l.enterprise, l.academia, l.expected_value]);
    table.rows = a
        .by_group
        .iter()
        .map(|(group, g)| [vec![group.clone(), language.group_name(catalog, group)], house_cells(g)].concat())
        .collect();
    table
}

/// The money of each house, funded count and expected value by region (projects without a
/// region are in no row, as in `by_region`).
fn region_table(a: &Allocation, language: Language) -> Table {
    let l = language.labels();
    let mut table = Table::new(&[l.region, l.funded, l.state, l.enterprise, l.academia, l.expected_value]);
    table.rows = a.by_region.iter().map(|(region, r)| [vec![region.clone()], house_cells(r)].concat()).collect();
    table
}

/// Funded count, the money of each house and the expected value, in the reports' columns.
fn house_cells(t: &HouseTotals) -> Vec<String> {
    vec![t.funded.to_string(), one(t.state), one(t.enterprise), one(t.academia), one(t.expected_value)]
}

/// The unfunded projects counted by reason ([`Language::reason_kind_in`]), most frequent first.
fn reason_table(a: &Allocation, language: Language) -> Table {
    let l = language.labels();
    let mut counts = std::collections::BTreeMap::<(String, String), usize>::new();
    for reason in a.projects.iter().filter(|p| !p.funded).filter_map(|p| p.reason.as_deref()) {
        *counts.entry(language.reason_kind_in(reason, a.status, &a.objective_kind)).or_default() += 1;
    }
    let mut counts: Vec<((String, String), usize)> = counts.into_iter().collect();
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let mut table = Table::new(&[l.reason, l.code, l.projects_count]);
    table.rows = counts.into_iter().map(|((code, words), n)| vec![words, code, n.to_string()]).collect();
    table
}

fn project_table(a: &Allocation, language: Language) -> Table {
    let l = language.labels();
    let mut table =
        Table::new(&[l.id, l.funded, l.scale, l.state, l.enterprise, l.academia, l.expected_value, l.reason]);
    let two = |x: f64| fixed(x, 2);
    table.rows = a
        .projects
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                (if p.funded { l.yes } else { l.no }).to_string(),
                p.scale.to_string(),
                two(p.state),
                two(p.enterprise),
                two(p.academia),
                two(p.expected_value),
                p.reason.as_deref().map(|r| language.reason_in(r, a)).unwrap_or_default(),
            ]
        })
        .collect();
    table
}

/// The projects as CSV: one row per project with money by house and the reason, then its state
/// money in each plan year (`state_<year>` columns, as a portfolio's `cost_<year>`; 0 when none).
///
/// # Errors
///
/// [`Error::Usage`] when the CSV writer fails (it writes to memory, so only on a broken
/// invariant).
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report};
/// let config = demo::DemoConfig { projects: 20, years: 2, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let csv = report::projects_csv(&allocation)?;
/// assert_eq!(csv.lines().count(), 1 + 20); // a header and one row per project
/// assert!(csv.starts_with("id,funded,scale,state,enterprise,academia,expected_value,reason,state_2026,state_2027\n"));
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn projects_csv(a: &Allocation) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::usage(format!("cannot write CSV: {e}"));
    let years: std::collections::BTreeSet<_> =
        a.by_year.keys().chain(a.projects.iter().flat_map(|p| p.state_by_year.keys())).copied().collect();
    let mut header: Vec<String> =
        ["id", "funded", "scale", "state", "enterprise", "academia", "expected_value", "reason"]
            .map(String::from)
            .to_vec();
    header.extend(years.iter().map(|y| format!("state_{y}")));
    w.write_record(&header).map_err(err)?;
    for p in &a.projects {
        let mut row = vec![
            p.id.clone(),
            p.funded.to_string(),
            p.scale.to_string(),
            p.state.to_string(),
            p.enterprise.to_string(),
            p.academia.to_string(),
            p.expected_value.to_string(),
            p.reason.clone().unwrap_or_default(),
        ];
        row.extend(years.iter().map(|y| p.state_by_year.get(y).copied().unwrap_or(0.0).to_string()));
        w.write_record(&row).map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::usage(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
