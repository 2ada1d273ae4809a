//! Reports of saved Monte Carlo results ([`EvaluationDocument`], [`RobustnessDocument`]): the
//! figures, then every setting that drew them, so that a printed report says how to reproduce it.

use super::studies::{core_markdown_in, evaluation_markdown_in, localised};
use super::{Language, Table};
use crate::catalog::Catalog;
use crate::model::SolverOptions;
use crate::simulate::{EvaluationDocument, RobustnessDocument, Settings};

/// Markdown of a saved evaluation: the figures of [`evaluation_markdown_in`], then a settings
/// section (seed, scenario count, distributions, risk level, group target).
///
/// ```
/// use stratfund::report::{evaluation_document_markdown_in, Language};
/// use stratfund::simulate::{evaluate, EvaluationDocument, Settings};
///
/// let config = stratfund::demo::DemoConfig { projects: 20, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan).unwrap();
/// let settings = Settings { scenarios: 300, seed: 11, ..Settings::default() };
/// let summary = evaluate(&portfolio, &allocation, &settings).unwrap().summary;
/// let document = EvaluationDocument::new(&summary, &settings);
/// let report = evaluation_document_markdown_in(&document, &stratfund::Catalog::default(), Language::En);
/// assert!(report.contains("| seed | 11 |") && report.contains("| risk_level | 0.95 |"));
/// ```
pub fn evaluation_document_markdown_in(d: &EvaluationDocument, catalog: &Catalog, lang: Language) -> String {
    let mut out = evaluation_markdown_in(&d.summary, catalog, lang);
    out.push_str(&settings_section(&evaluation_settings(&d.settings), lang.studies().settings_intro, lang));
    out
}

/// Markdown of a saved robustness run: the report of [`core_markdown_in`], then a settings
/// section (seed, scenario count, distributions, and the solver options of the re-optimisations).
///
/// ```
/// use stratfund::report::{robustness_document_markdown_in, Language};
/// use stratfund::simulate::{robustness, RobustnessDocument, Settings};
///
/// let config = stratfund::demo::DemoConfig { projects: 20, ..Default::default() };
/// let portfolio = stratfund::demo::generate_portfolio(&config);
/// let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
/// let settings = Settings { scenarios: 3, seed: 5, ..Settings::default() };
/// let run = robustness(&portfolio, &plan, &stratfund::Catalog::default(), &settings).unwrap();
/// let report = robustness_document_markdown_in(&RobustnessDocument::new(&run, &settings, &plan.solver), Language::Vi);
/// assert!(report.contains("| hạt giống ngẫu nhiên (seed) | 5 |"));
/// assert!(report.contains("| khoảng cách tối ưu tương đối (MIP gap) | 0.0001 |"));
/// ```
pub fn robustness_document_markdown_in(d: &RobustnessDocument, lang: Language) -> String {
    let mut out = core_markdown_in(d.projects.clone(), d.scenarios, d.infeasible, lang);
    let mut rows = drawing_settings(&d.settings);
    rows.extend(solver_settings(&d.solver));
    let words = lang.studies();
    let intro = match d.solver.time_limit_s {
        Some(_) => format!("{} {}", words.settings_intro, words.time_limit_caveat),
        None => words.settings_intro.to_string(),
    };
    out.push_str(&settings_section(&rows, &intro, lang));
    out
}

/// A setting's name (a field of the settings files) and its value as written.
type Row = (&'static str, String);

/// What draws the scenarios of both modes.
fn drawing_settings(s: &Settings) -> Vec<Row> {
    vec![
        ("scenarios", s.scenarios.to_string()),
        ("seed", s.seed.to_string()),
        ("cost_overrun_median", s.cost_overrun_median.to_string()),
        ("cost_overrun_sigma", s.cost_overrun_sigma.to_string()),
        ("delivery_alpha", s.delivery_alpha.to_string()),
        ("delivery_beta", s.delivery_beta.to_string()),
        ("impact_sigma", s.impact_sigma.to_string()),
    ]
}

/// The drawing settings and what the evaluation summarises.
fn evaluation_settings(s: &Settings) -> Vec<Row> {
    let mut rows = drawing_settings(s);
    rows.push(("successes_per_group", s.successes_per_group.to_string()));
    rows.push(("risk_level", s.risk_level.to_string()));
    rows
}

/// The solver options of the re-optimisations (each runs HiGHS on one thread, so threads are not
/// listed).
fn solver_settings(s: &SolverOptions) -> Vec<Row> {
    let mut rows = vec![("mip_rel_gap", s.mip_rel_gap.to_string())];
    if let Some(limit) = s.time_limit_s {
        rows.push(("time_limit_s", limit.to_string()));
    }
    if s.relaxed {
        rows.push(("relaxed", "true".to_string()));
    }
    rows
}

/// "## Settings", what they are for (`intro`), and a `setting | value` table.
fn settings_section(rows: &[Row], intro: &str, lang: Language) -> String {
    let words = lang.studies();
    let mut table = Table::new(&["setting", "value"]);
    table.rows = rows.iter().map(|(name, value)| vec![lang.simulation_setting(name), value.clone()]).collect();
    format!("\n\n## {}\n\n{intro}\n\n{}", words.settings, localised(table, lang).to_markdown())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_vietnamese_words() {
        let settings = Settings::default();
        let solver = SolverOptions { time_limit_s: Some(10.0), relaxed: true, ..SolverOptions::default() };
        let rows = evaluation_settings(&settings).into_iter().chain(solver_settings(&solver));
        for (name, _) in rows {
            assert_ne!(Language::Vi.simulation_setting(name), name);
            assert_eq!(Language::En.simulation_setting(name), name);
        }
    }

    #[test]
    fn a_time_limit_is_said_to_break_reproducibility() {
        let document = |time_limit_s| RobustnessDocument {
            schema: crate::simulate::ROBUSTNESS_SCHEMA.to_string(),
            settings: Settings::default(),
            solver: SolverOptions { time_limit_s, ..SolverOptions::default() },
            scenarios: 1,
            infeasible: 0,
            projects: vec![],
        };
        for lang in [Language::En, Language::Vi] {
            let caveat = lang.studies().time_limit_caveat;
            assert!(robustness_document_markdown_in(&document(Some(2.5)), lang).contains(caveat));
            assert!(!robustness_document_markdown_in(&document(None), lang).contains(caveat));
        }
        assert!(robustness_document_markdown_in(&document(Some(2.5)), Language::En).contains("| time_limit_s | 2.5 |"));
    }

    #[test]
    fn solver_rows_list_only_what_is_set() {
        assert_eq!(solver_settings(&SolverOptions::default()), vec![("mip_rel_gap", "0.0001".to_string())]);
    }
}
