//! Small inline SVG charts for the HTML reports: no script, no external file, printable, drawn
//! from the same figures as the tables beside them ([`draw`] holds the drawing).

mod draw;

use self::draw::{legend, line_chart, money, share_bars, stacked_bars, Bars, HOUSES};
use super::Language;
use crate::optimize::{Allocation, HouseTotals, Status};
use crate::scenario::{Comparison, Frontier};
use crate::simulate::{CoreClass, EvaluationDocument, RobustnessDocument};

/// The frontier's objective against the total state budget (its solved levels), or `None` when no
/// level was solved.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report, scenario, Catalog};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let f = scenario::frontier(&portfolio, &plan, &Catalog::default(), &[0.5, 1.0])?;
/// let svg = report::frontier_chart(&f, report::Language::En).expect("two solved levels");
/// assert!(svg.starts_with("<svg") && svg.matches("<circle").count() == 2);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn frontier_chart(f: &Frontier, lang: Language) -> Option<String> {
    let points: Vec<(f64, f64)> =
        f.points.iter().filter_map(|p| p.kpis.objective.map(|objective| (p.kpis.budget, objective))).collect();
    if points.is_empty() {
        return None;
    }
    let axes = (lang.study_column("budget"), lang.study_column("objective"));
    Some(line_chart(words(lang).frontier, &axes.0, &axes.1, &points))
}

/// Money by technology group (codes on the axis), stacked by house, largest group first; `None`
/// when nothing is funded.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let svg = report::allocation_chart(&allocation, report::Language::Vi).expect("projects are funded");
/// assert!(svg.contains("Kinh phí theo nhóm công nghệ") && svg.contains("semiconductors"));
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn allocation_chart(a: &Allocation, lang: Language) -> Option<String> {
    let mut groups: Vec<(&String, &HouseTotals)> = a.by_group.iter().filter(|(_, t)| money(t) > 0.0).collect();
    if groups.is_empty() {
        return None;
    }
    groups.sort_by(|x, y| money(y.1).total_cmp(&money(x.1)));
    let names: Vec<String> = groups.iter().map(|(code, _)| (*code).clone()).collect();
    let totals: Vec<&HouseTotals> = groups.iter().map(|(_, t)| *t).collect();
    let bars = Bars { names: &names, totals: &totals, unsolved: &[] };
    Some(stacked_bars(words(lang).allocation, &money_label(lang, &a.currency_unit), &bars, lang))
}

/// Money by house in each scenario (the baseline first); a scenario without a solution has its
/// status (infeasible, time limit) where its bar would be.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report, scenario::{compare, Scenario}, Catalog};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let cut = Scenario { budget_scale: 0.5, ..Scenario::named("cut") };
/// let svg = report::comparison_chart(&compare(&portfolio, &plan, &Catalog::default(), &[cut])?, report::Language::En);
/// assert_eq!(svg.matches("<rect").count(), 2 * 3 + 3, "two bars of three houses, and the legend");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn comparison_chart(c: &Comparison, lang: Language) -> String {
    let names: Vec<String> = c.scenarios.iter().map(|s| s.name.clone()).collect();
    let unsolved: Vec<Option<String>> = c.scenarios.iter().map(|s| unsolved(s.kpis.status, lang)).collect();
    let totals: Vec<HouseTotals> = c
        .scenarios
        .iter()
        .map(|s| HouseTotals {
            state: s.kpis.state,
            enterprise: s.kpis.enterprise,
            academia: s.kpis.academia,
            ..Default::default()
        })
        .collect();
    let unit = c.scenarios.first().map_or("", |s| s.allocation.currency_unit.as_str());
    let bars = Bars { names: &names, totals: &totals.iter().collect::<Vec<_>>(), unsolved: &unsolved };
    stacked_bars(words(lang).comparison, &money_label(lang, unit), &bars, lang)
}

/// The status of a scenario without a solution to show, in words.
fn unsolved(status: Status, lang: Language) -> Option<String> {
    match status {
        Status::Optimal | Status::Feasible => None,
        other => Some(lang.status(other.as_str())),
    }
}

fn money_label(lang: Language, unit: &str) -> String {
    format!("{} ({unit})", words(lang).money)
}

/// The chart titles in a language.
struct Words {
    frontier: &'static str,
    allocation: &'static str,
    comparison: &'static str,
    robustness: &'static str,
    /// `{}`: successes per group.
    evaluation: &'static str,
    probability: &'static str,
    money: &'static str,
}

fn words(lang: Language) -> Words {
    match lang {
        Language::En => Words {
            frontier: "Objective against the total state budget",
            allocation: "Money by technology group and house",
            comparison: "Money by house in each scenario",
            robustness: "Core index of the projects funded in some scenario",
            evaluation: "Probability of {} or more successful projects in each group",
            probability: "probability",
            money: "money",
        },
        Language::Vi => Words {
            frontier: "Giá trị mục tiêu theo tổng dự toán ngân sách nhà nước",
            allocation: "Kinh phí theo nhóm công nghệ và nguồn vốn",
            comparison: "Kinh phí theo nguồn vốn trong từng kịch bản",
            robustness: "Chỉ số lõi của các dự án được cấp kinh phí trong ít nhất một kịch bản",
            evaluation: "Xác suất mỗi nhóm có ít nhất {} dự án thành công",
            probability: "xác suất",
            money: "kinh phí",
        },
    }
}

/// The core index of every project funded in some scenario, highest first, coloured by class
/// (core, borderline), with the core threshold (0.9) dashed; the ids under the bars when there
/// are at most 60 of them. `None` when no project is funded in any scenario.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report, simulate, Catalog};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let settings = simulate::Settings { scenarios: 4, ..Default::default() };
/// let r = simulate::robustness(&portfolio, &plan, &Catalog::default(), &settings)?;
/// let document = simulate::RobustnessDocument::new(&r, &settings, &plan.solver);
/// let svg = report::robustness_chart(&document, report::Language::En).expect("projects are funded");
/// let funded = document.projects.iter().filter(|p| p.core_index > 0.0).count();
/// assert_eq!(svg.matches("<rect").count(), funded + 2, "a bar per project, two classes in the legend");
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn robustness_chart(r: &RobustnessDocument, lang: Language) -> Option<String> {
    let mut entries: Vec<_> = r.projects.iter().filter(|p| p.core_index > 0.0).collect();
    if entries.is_empty() {
        return None;
    }
    entries.sort_by(|a, b| b.core_index.total_cmp(&a.core_index));
    let bars: Vec<(&str, f64, &str)> =
        entries.iter().map(|e| (e.id.as_str(), e.core_index, class_colour(e.class))).collect();
    let axis = lang.study_column("core_index").replace('_', " ");
    let mut svg = share_bars(words(lang).robustness, &axis, &bars, Some(0.9));
    let classes = [CoreClass::Core, CoreClass::Borderline]; // an exterior project has no bar
    let keys: Vec<(String, &str)> = classes.iter().map(|c| (lang.core_class(c.as_str()), class_colour(*c))).collect();
    legend(&mut svg, &keys);
    Some(svg + "</svg>")
}

/// The probability of at least `successes_per_group` successes in each technology group of an
/// evaluated allocation (codes on the axis); `None` when no group is funded.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, report, simulate};
/// let config = demo::DemoConfig { projects: 30, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = stratfund::solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.45))?;
/// let settings = simulate::Settings { scenarios: 500, ..Default::default() };
/// let e = simulate::evaluate(&portfolio, &allocation, &settings)?;
/// let document = simulate::EvaluationDocument::new(&e.summary, &settings);
/// let svg = report::evaluation_chart(&document, report::Language::En).expect("groups are funded");
/// assert_eq!(svg.matches("<rect").count(), e.summary.group_success_probability.len());
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn evaluation_chart(e: &EvaluationDocument, lang: Language) -> Option<String> {
    let groups = &e.summary.group_success_probability;
    if groups.is_empty() {
        return None;
    }
    let bars: Vec<(&str, f64, &str)> = groups.iter().map(|(g, p)| (g.as_str(), *p, HOUSES[2].1)).collect();
    let words = words(lang);
    let title = super::study_labels::fill(words.evaluation, &[e.settings.successes_per_group.to_string()]);
    Some(share_bars(&title, words.probability, &bars, None) + "</svg>")
}

fn class_colour(class: CoreClass) -> &'static str {
    match class {
        CoreClass::Core => "#239b56",
        CoreClass::Borderline => "#d4ac0d",
        CoreClass::Exterior => "#7f8c8d",
    }
}
