//! Tables and Markdown reports of scenario comparisons, frontiers, policy sweeps and simulations.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::study_labels::fill;
use super::table::{maybe, maybe_gap, num as figure};
use super::{Language, Table};
use crate::catalog::Catalog;
use crate::model::validate::num;
use crate::optimize::Status;

use crate::scenario::{notes_in, Comparison, Frontier, Kpis, NoteWords, PolicyPoint, PolicySweep, ScenarioOutcome};
use crate::simulate::{CoreClass, CoreEntry, Robustness, ScenarioDraw, Summary};

/// The key figures of every solve of a study, as table columns.
pub(super) const KPI_COLUMNS: [&str; 13] = [
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
    vec![
        k.status.as_str().to_string(),
        maybe(k.objective),
        maybe_gap(k.gap),
        figure(k.expected_value),
        k.funded.to_string(),
        figure(k.state),
        figure(k.enterprise),
        figure(k.academia),
        maybe(k.leverage),
        figure(k.budget),
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
/// leaving each scenario against the baseline. See [`comparison_markdown_in`].
pub fn comparison_markdown(c: &Comparison) -> String {
    comparison_markdown_in(c, Language::En)
}

/// [`comparison_markdown`] in a language: headings, figures, statuses and the explanations of
/// infeasible scenarios in words (scenario names and project ids as given).
///
/// ```
/// # use stratfund::{demo, report, scenario};
/// # let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// # let portfolio = demo::generate_portfolio(&config);
/// # let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let cut = scenario::Scenario { budget_scale: 0.5, ..scenario::Scenario::named("cut") };
/// let c = scenario::compare(&portfolio, &plan, &stratfund::Catalog::default(), &[cut]).unwrap();
/// let vi = report::comparison_markdown_in(&c, report::Language::Vi);
/// assert!(vi.contains("| chỉ tiêu | phương án gốc | cut |"));
/// ```
pub fn comparison_markdown_in(c: &Comparison, lang: Language) -> String {
    let words = lang.studies();
    let mut kpis = comparison_table(c);
    kpis.header.truncate(KPI_COLUMNS.len() + 1);
    kpis.rows.iter_mut().for_each(|r| r.truncate(KPI_COLUMNS.len() + 1));
    if let Some(baseline) = kpis.rows.first_mut() {
        baseline[0] = words.baseline.to_string();
    }
    let mut out = format!("# {}\n\n", words.comparison);
    out.push_str(&localised(kpis, lang).transposed(words.figure).to_markdown());
    let _ = writeln!(out, "\n## {}\n", words.entering_and_leaving);
    // "+2 entering (P-1, P-7)"; no brackets when none.
    let change = |template: &str, ids: &[String]| {
        let count = fill(template, &[ids.len().to_string()]);
        if ids.is_empty() {
            count
        } else {
            format!("{count} ({})", ids.join(", "))
        }
    };
    for s in c.scenarios.iter().skip(1) {
        let (entering, leaving) = (change(words.entering_count, &s.entering), change(words.leaving_count, &s.leaving));
        let _ = writeln!(out, "- **{}**: +{entering}, -{leaving}", s.name);
        if let Some(reasons) = leaving_reasons(s, lang) {
            let _ = writeln!(out, "  - {}: {reasons}", words.leaving_reasons);
        }
        if !s.released.is_empty() {
            let _ = writeln!(out, "  - {}: {}", words.released, s.released.join(", "));
        }
    }
    infeasible_section(&mut out, c, lang);
    out
}

/// Why the projects leaving a feasible scenario are unfunded there (see [`reason_counts`]); None
/// when none leave, or when the scenario is infeasible (its explanation says why).
fn leaving_reasons(s: &ScenarioOutcome, lang: Language) -> Option<String> {
    if s.leaving.is_empty() || s.allocation.explanation.is_some() {
        return None;
    }
    let (reasons, a) = (s.leaving_reasons(), &s.allocation);
    Some(reason_counts(reasons.values().map(String::as_str), (a.status, &a.objective_kind), lang))
}

/// Reason codes of an allocation of this status and objective kind counted by kind, in words,
/// most frequent first: `budget limits (23), ...`.
fn reason_counts<'a>(codes: impl Iterator<Item = &'a str>, (status, kind): (Status, &str), lang: Language) -> String {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for code in codes {
        *counts.entry(lang.reason_kind_in(code, status, kind)).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.iter().map(|((_, words), n)| format!("{words} ({n})")).collect::<Vec<_>>().join(", ")
}

/// Why each infeasible scenario is infeasible: the relaxations of its explanation.
fn infeasible_section(out: &mut String, c: &Comparison, lang: Language) {
    let infeasible: Vec<_> = c.scenarios.iter().filter(|s| s.allocation.explanation.is_some()).collect();
    if infeasible.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", lang.studies().why_infeasible);
    for s in infeasible {
        for relaxation in s.allocation.explanation.iter().flatten() {
            let _ = writeln!(out, "- **{}**: `{}`: {}", s.name, relaxation.constraint, lang.relaxation(relaxation));
        }
    }
}

/// A table's column names and coded cells (statuses, core classes, yes/no) in a language; numbers,
/// ids and names stay as they are.
pub(super) fn localised(mut t: Table, lang: Language) -> Table {
    if lang == Language::En {
        return t;
    }
    for (j, column) in t.header.iter().enumerate() {
        let word = |cell: &str| match column.as_str() {
            "status" => lang.status(cell),
            "class" => lang.core_class(cell),
            "baseline_funded" => lang.word(cell),
            _ => cell.to_string(),
        };
        t.rows.iter_mut().for_each(|row| row[j] = word(&row[j]));
    }
    t.header = t.header.iter().map(|h| lang.study_column(h)).collect();
    t
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

/// Markdown: notes, the levels, and the entry level of every project that enters. See
/// [`frontier_markdown_in`].
pub fn frontier_markdown(f: &Frontier) -> String {
    frontier_markdown_in(f, Language::En)
}

/// [`frontier_markdown`] in a language (the notes are written from the frontier's data).
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report, scenario, Catalog};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let f = scenario::frontier(&portfolio, &plan, &Catalog::default(), &[0.5, 1.0])?;
/// assert_eq!(report::frontier_table(&f).rows.len(), 2); // one row per level
/// assert_eq!(report::frontier_entries_table(&f).rows.len(), 30); // one row per project
/// let en = report::frontier_markdown(&f);
/// assert!(en.starts_with("# ") && en.contains(&report::frontier_table(&f).header[0]));
/// let vi = report::frontier_markdown_in(&f, report::Language::Vi);
/// assert_ne!(en, vi);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn frontier_markdown_in(f: &Frontier, lang: Language) -> String {
    let words = lang.studies();
    let mut out = format!("# {}\n\n", words.frontier);
    let note_words = NoteWords {
        share_bounds: words.share_bounds_note,
        least_state: words.least_state_note,
        least_state_share_bounds: words.least_state_share_bounds_note,
        infeasible_levels: words.infeasible_levels,
    };
    let minimise = f.objective_kind == "min_state_spend";
    for note in notes_in(&f.points, f.share_bounds, minimise, &note_words) {
        let _ = writeln!(out, "> {}: {note}\n", words.note);
    }
    out.push_str(&localised(frontier_table(f), lang).to_markdown());
    let _ = writeln!(out, "\n## {}\n", words.entry_levels);
    let mut entries = frontier_entries_table(f);
    entries.rows.retain(|r| !r[1].is_empty());
    out.push_str(&localised(entries, lang).to_markdown());
    out
}

/// One row per point of a policy sweep (the grid; the baseline is [`PolicySweep::baseline`]).
pub fn sweep_table(sweep: &PolicySweep) -> Table {
    let mut t = with_kpis(
        &["market_min_enterprise_share", "strategic_min_enterprise_share"],
        &["entering", "leaving", "released"],
    );
    for p in &sweep.points {
        let mut row = thresholds_and_kpis(p);
        row.push(p.entering.join(";"));
        row.push(p.leaving.join(";"));
        row.push(p.released.join(";"));
        t.rows.push(row);
    }
    t
}

fn thresholds_and_kpis(p: &PolicyPoint) -> Vec<String> {
    let mut row = vec![p.market_min_enterprise_share.to_string(), p.strategic_min_enterprise_share.to_string()];
    row.extend(kpi_cells(&p.kpis));
    row
}

/// Markdown of a policy sweep: the plan's own thresholds, then the points compared with them.
/// See [`sweep_markdown_in`].
pub fn sweep_markdown(sweep: &PolicySweep) -> String {
    sweep_markdown_in(sweep, Language::En)
}

/// [`sweep_markdown`] in a language.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report, scenario, Catalog};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let sweep = scenario::policy_sweep(&portfolio, &plan, &Catalog::default(), &[0.4, 0.5], &[0.2])?;
/// assert_eq!(report::sweep_table(&sweep).rows.len(), 2); // the grid, 2 x 1
/// let en = report::sweep_markdown(&sweep);
/// assert!(en.contains("0.4") && en.contains("0.2"));
/// assert_ne!(report::sweep_markdown_in(&sweep, report::Language::Vi), en);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn sweep_markdown_in(sweep: &PolicySweep, lang: Language) -> String {
    let words = lang.studies();
    let mut baseline = with_kpis(&["market_min_enterprise_share", "strategic_min_enterprise_share"], &[]);
    baseline.rows.push(thresholds_and_kpis(&sweep.baseline));
    let mut out = format!(
        "# {}\n\n## {}\n\n{}\n\n## {}\n\n{}",
        words.sweep,
        words.sweep_baseline,
        localised(baseline, lang).to_markdown(),
        words.sweep_points,
        localised(sweep_table(sweep), lang).to_markdown()
    );
    let leaving: Vec<&PolicyPoint> =
        sweep.points.iter().filter(|p| !p.leaving.is_empty() && p.kpis.status != Status::Infeasible).collect();
    if !leaving.is_empty() {
        let _ = writeln!(out, "\n## {}\n", words.sweep_leaving);
        for p in leaving {
            let outcome = (p.kpis.status, sweep.objective_kind.as_str());
            let reasons = reason_counts(p.leaving_reasons.values().map(String::as_str), outcome, lang);
            let (m, s) = (p.market_min_enterprise_share, p.strategic_min_enterprise_share);
            let _ = writeln!(out, "- **{m} / {s}**: {reasons}");
        }
    }
    out
}

/// One row per project: core index, class, baseline decision.
pub fn robustness_table(r: &Robustness) -> Table {
    entries_table(r.entries())
}

/// The draws of one robustness scenario, one row per project.
///
/// ```
/// use stratfund::simulate::ScenarioDraw;
/// let draw = ScenarioDraw { id: "P-1".into(), overrun: 1.2, delivery: 0.9, impact: 1.0, extra_state: 25.0 };
/// let csv = stratfund::report::scenario_draws_table(&[draw]).to_csv()?;
/// assert_eq!(csv, "id,overrun,delivery,impact,extra_state\nP-1,1.2,0.9,1,25\n");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn scenario_draws_table(draws: &[ScenarioDraw]) -> Table {
    let mut t = Table::new(&["id", "overrun", "delivery", "impact", "extra_state"]);
    for d in draws {
        let numbers = [d.overrun, d.delivery, d.impact, d.extra_state].map(|x| x.to_string());
        t.rows.push(std::iter::once(d.id.clone()).chain(numbers).collect());
    }
    t
}

fn entries_table(entries: Vec<CoreEntry>) -> Table {
    let mut t = Table::new(&["id", "core_index", "class", "baseline_funded"]);
    for e in entries {
        t.rows.push(vec![e.id, e.core_index.to_string(), e.class.as_str().to_string(), e.baseline_funded.to_string()]);
    }
    t
}

/// Markdown: counts per class, then the projects funded in some scenario, by core index. See
/// [`robustness_markdown_in`].
pub fn robustness_markdown(r: &Robustness) -> String {
    robustness_markdown_in(r, Language::En)
}

/// [`robustness_markdown`] in a language.
pub fn robustness_markdown_in(r: &Robustness, lang: Language) -> String {
    core_markdown_in(r.entries(), r.scenarios(), r.failed(), lang)
}

/// The report of [`robustness_markdown_in`] from its parts: the core entries of every project, the
/// number of scenarios and how many of them had no solution.
///
/// ```
/// use stratfund::report::{core_markdown_in, Language};
/// use stratfund::simulate::{CoreClass, CoreEntry};
/// let entry = |id: &str, core_index: f64| CoreEntry {
///     id: id.into(), core_index, class: CoreClass::of(core_index), baseline_funded: core_index > 0.5,
/// };
/// let vi = core_markdown_in(vec![entry("P-1", 1.0), entry("P-2", 0.25), entry("P-3", 0.0)], 4, 0, Language::Vi);
/// assert!(vi.contains("lõi (chỉ số >= 0,9): 1, cận biên: 1, ngoài: 1"));
/// assert!(vi.contains("| P-1 | 1 | lõi | có |"));
/// ```
pub fn core_markdown_in(entries: Vec<CoreEntry>, scenarios: usize, failed: usize, lang: Language) -> String {
    let words = lang.studies();
    let count = |class: CoreClass| entries.iter().filter(|e| e.class == class).count().to_string();
    let mut out = format!("# {}\n\n", words.robustness);
    let _ = writeln!(
        out,
        "- {}\n- {}\n",
        fill(words.scenarios_failed, &[scenarios.to_string(), failed.to_string()]),
        fill(words.class_counts, &[count(CoreClass::Core), count(CoreClass::Borderline), count(CoreClass::Exterior)])
    );
    let mut funded: Vec<_> = entries.into_iter().filter(|e| e.class != CoreClass::Exterior).collect();
    funded.sort_by(|a, b| b.core_index.total_cmp(&a.core_index));
    out.push_str(&localised(entries_table(funded), lang).to_markdown());
    out
}

/// Two columns: figure and value (at full precision).
pub fn evaluation_table(s: &Summary) -> Table {
    figures_table(s, |v| v.to_string())
}

/// The figures of an evaluation, each value written by `cell`.
fn figures_table(s: &Summary, cell: impl Fn(f64) -> String) -> Table {
    let mut t = Table::new(&["figure", "value"]);
    let mut add = |k: String, v: f64| t.rows.push(vec![k, cell(v)]);
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

/// Markdown of a Monte Carlo evaluation. See [`evaluation_markdown_in`].
pub fn evaluation_markdown(s: &Summary) -> String {
    evaluation_markdown_in(s, &Catalog::default(), Language::En)
}

/// [`evaluation_markdown`] in a language, with the catalog's group names; figures to at most 6
/// decimals.
pub fn evaluation_markdown_in(s: &Summary, catalog: &Catalog, lang: Language) -> String {
    let words = lang.studies();
    let mut table = figures_table(s, num);
    table.rows.iter_mut().for_each(|row| row[0] = lang.evaluation_figure(&row[0], catalog));
    format!(
        "# {}\n\n{}\n\n{}",
        words.evaluation,
        fill(words.evaluation_intro, &[s.scenarios.to_string()]),
        localised(table, lang).to_markdown()
    )
}
