//! Allocation reports in English and Vietnamese, as Markdown and as HTML pages: every project and
//! every unfunded project's reason is there, in the report's language, and nothing is interpreted
//! as markup.

use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::report::{html_page, markdown_in, Language};
use stratfund::{solve, Allocation, Catalog, FundingClass, Plan, Portfolio, Project};

/// A generated portfolio and its plan, the budget covering `coverage` of the requests.
fn generated(projects: usize, seed: u64, coverage: f64) -> (Portfolio, Plan) {
    let config = DemoConfig { projects, seed, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, coverage);
    (portfolio, plan)
}

fn demo() -> Allocation {
    let (portfolio, plan) = generated(120, 5, 0.4);
    solve(&portfolio, &plan).unwrap()
}

/// The rows of the Markdown table under `## heading` (header and rule excluded), split in cells.
fn table_rows(markdown: &str, heading: &str) -> Vec<Vec<String>> {
    let start = markdown.find(&format!("## {heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
    markdown[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect())
        .collect()
}

#[test]
fn each_project_appears_once_with_its_reason_in_the_reports_language() {
    let a = demo();
    let catalog = Catalog::default();
    for lang in [Language::En, Language::Vi] {
        let l = lang.labels();
        let md = markdown_in(&a, &catalog, lang);
        assert!(md.starts_with(&format!("# {}\n", l.title)), "{lang}");
        let rows = table_rows(&md, l.projects);
        assert_eq!(rows.len(), a.projects.len(), "{lang}");
        for (row, p) in rows.iter().zip(&a.projects) {
            assert_eq!(row[0], p.id);
            assert_eq!(row[1], if p.funded { l.yes } else { l.no });
            assert_eq!(row[7], p.reason.as_deref().map(|r| lang.reason(r)).unwrap_or_default(), "{}", p.id);
        }
        // Unfunded projects by reason: the counts add up to the unfunded projects.
        let counted: usize = table_rows(&md, l.unfunded_by_reason).iter().map(|r| r[2].parse::<usize>().unwrap()).sum();
        assert_eq!(counted, a.projects.iter().filter(|p| !p.funded).count(), "{lang}");
        // Groups carry the catalog's names in the language.
        for row in table_rows(&md, l.by_group) {
            assert_eq!(row[1], lang.group_name(&catalog, &row[0]));
            assert_eq!(row[2], a.by_group[&row[0]].funded.to_string());
        }
    }
    let vi = markdown_in(&a, &catalog, Language::Vi);
    assert!(vi.contains("ngân sách nhà nước đã dành cho các dự án có giá trị cao hơn"));
    assert!(vi.contains("Công nghệ chip bán dẫn"));
}

#[test]
fn the_html_page_shows_every_project_and_escapes_user_text() {
    let mut p = Project::new("<b>P&1</b>", "semiconductors", FundingClass::Market, 100.0, 40.0);
    p.enterprise_commitment = 60.0;
    let a = solve(&Portfolio::new(vec![p]), &Plan::new(vec![(2026, 50.0)])).unwrap();
    let page = html_page(&markdown_in(&a, &Catalog::default(), Language::Vi), Language::Vi);
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("<title>Phân bổ kinh phí</title>"));
    assert!(page.contains("&lt;b&gt;P&amp;1&lt;/b&gt;"), "{page}");
    assert!(!page.contains("<b>P"), "{page}");
    let demo = demo();
    let page = html_page(&markdown_in(&demo, &Catalog::default(), Language::En), Language::En);
    // One table row per project, plus the other tables' rows.
    let project_rows = demo.projects.iter().filter(|p| page.contains(&format!("<tr><td>{}</td>", p.id))).count();
    assert_eq!(project_rows, demo.projects.len());
}

#[test]
fn an_infeasible_plan_is_explained_in_the_reports_language() {
    let mut p = Project::new("M", "semiconductors", FundingClass::Strategic, 100.0, 80.0);
    p.enterprise_commitment = 20.0;
    p.mandatory = true;
    let a = solve(&Portfolio::new(vec![p]), &Plan::new(vec![(2026, 50.0)])).unwrap();
    let vi = markdown_in(&a, &Catalog::default(), Language::Vi);
    assert!(vi.contains("**không khả thi**"), "{vi}");
    let rows = table_rows(&vi, Language::Vi.labels().why_infeasible);
    assert_eq!(rows.len(), a.explanation.as_ref().unwrap().len());
    assert!(rows[0][0].starts_with("budget"), "{rows:?}");
    assert!(rows[0][2].starts_with("nâng dự toán ngân sách nhà nước năm 2026 thêm "), "{rows:?}");
    assert!(rows[0][2].ends_with("hoặc bỏ một trong các dự án bắt buộc M"), "{rows:?}");
}

#[test]
fn an_infeasible_plans_projects_read_that_nothing_is_funded_not_that_the_budget_went_elsewhere() {
    let mut m = Project::new("M", "semiconductors", FundingClass::Strategic, 100.0, 80.0);
    m.enterprise_commitment = 20.0;
    m.mandatory = true;
    let mut other = Project::new("O", "semiconductors", FundingClass::Strategic, 10.0, 5.0);
    other.enterprise_commitment = 5.0;
    let a = solve(&Portfolio::new(vec![m, other]), &Plan::new(vec![(2026, 50.0)])).unwrap();
    assert_eq!(a.status, stratfund::Status::Infeasible);
    for lang in [Language::En, Language::Vi] {
        let l = lang.labels();
        let md = markdown_in(&a, &Catalog::default(), lang);
        let rows = table_rows(&md, l.projects);
        assert!(rows.iter().all(|row| row[7] == l.reason_infeasible), "{lang}: {rows:?}");
        assert_eq!(table_rows(&md, l.unfunded_by_reason), [[l.reason_infeasible, "budget", "2"]], "{lang}");
        assert!(!md.contains(l.reason_budget), "{lang}: {md}");
    }
}

#[test]
fn under_least_state_money_projects_left_out_read_as_not_needed() {
    let (portfolio, mut plan) = generated(60, 3, 0.45);
    plan.objective = stratfund::model::Objective::MinStateSpend { min_value: Some(300.0), projects: vec![] };
    let a = solve(&portfolio, &plan).unwrap();
    let left_out = a.projects.iter().filter(|p| p.reason.as_deref() == Some("budget")).count();
    assert!(left_out > 10, "{left_out}");
    for lang in [Language::En, Language::Vi] {
        let l = lang.labels();
        let md = markdown_in(&a, &Catalog::default(), lang);
        let not_needed = table_rows(&md, l.projects).iter().filter(|row| row[7] == l.reason_not_needed).count();
        assert_eq!(not_needed, left_out, "{lang}");
        assert!(table_rows(&md, l.unfunded_by_reason).contains(&vec![
            l.reason_not_needed.to_string(),
            "budget".to_string(),
            left_out.to_string()
        ]));
        assert!(!md.contains(l.reason_budget), "{lang}: {md}");
        // A sweep of the same plan says so of a project leaving at a higher market threshold.
        let sweep = stratfund::scenario::policy_sweep(&portfolio, &plan, &Catalog::default(), &[0.7], &[0.2]);
        let sweep = sweep.unwrap();
        assert_eq!(sweep.objective_kind, "min_state_spend");
        assert!(sweep.points[0].leaving_reasons.values().any(|r| r == "budget"), "{:?}", sweep.points[0]);
        let text = stratfund::report::sweep_markdown_in(&sweep, lang);
        assert!(text.contains(&format!("{} (1)", l.reason_not_needed)), "{lang}: {text}");
        assert!(!text.contains(l.reason_budget), "{lang}: {text}");
    }
}

#[test]
fn reports_of_the_lp_relaxation_say_that_it_is_not_an_allocation_to_carry_out() {
    let (portfolio, mut plan) = generated(60, 3, 0.45);
    let milp = solve(&portfolio, &plan).unwrap();
    plan.solver.relaxed = true;
    let lp = solve(&portfolio, &plan).unwrap();
    assert!(lp.projects.iter().any(|p| p.scale > 0.0 && p.scale < 1.0));
    for lang in [Language::En, Language::Vi] {
        let note = lang.labels().relaxed_note;
        let md = markdown_in(&lp, &Catalog::default(), lang);
        assert!(md.contains(&format!("- **{note}**\n")), "{lang}: {md}");
        assert_eq!(stratfund::report::summary_in(&lp, lang).lines().nth(1), Some(note), "{lang}");
        assert!(!markdown_in(&milp, &Catalog::default(), lang).contains(note), "{lang}");
        assert!(!stratfund::report::summary_in(&milp, lang).contains(note), "{lang}");
    }
}

#[test]
fn projects_unfundable_through_a_requirement_are_counted_apart_from_the_ineligible() {
    let mut broken = Project::new("B", "semiconductors", FundingClass::Strategic, 100.0, 10.0);
    broken.enterprise_commitment = 5.0; // below 20% of the cost
    let mut child = Project::new("C", "semiconductors", FundingClass::Strategic, 50.0, 10.0);
    child.enterprise_commitment = 10.0;
    child.requires = vec!["B".into()];
    let mut fine = Project::new("F", "semiconductors", FundingClass::Strategic, 50.0, 10.0);
    fine.enterprise_commitment = 10.0;
    let a = solve(&Portfolio::new(vec![broken, child, fine]), &Plan::new(vec![(2026, 100.0)])).unwrap();
    assert_eq!(a.ineligible.len(), 2);
    let summary = stratfund::report::summary(&a);
    assert!(summary.contains("funded 1 of 3 projects (1 ineligible, 1 requiring an ineligible project)"), "{summary}");
    for lang in [Language::En, Language::Vi] {
        let l = lang.labels();
        let md = markdown_in(&a, &Catalog::default(), lang);
        let counts = format!("(1 {}, 1 {})", l.ineligible, l.requiring_ineligible);
        assert!(md.contains(&counts), "{lang}: {md}");
    }
}

#[test]
fn the_summary_aligns_shadow_prices_under_long_labels() {
    let lead = "Viện Hàn lâm Khoa học và Công nghệ Việt Nam (synthetic)";
    let projects = (0..3)
        .map(|k| {
            let mut p =
                Project::new(&format!("P{k}"), "semiconductors", FundingClass::Strategic, 50.0, 10.0 + k as f64);
            p.enterprise_commitment = 10.0;
            p.lead = Some(lead.to_string());
            p
        })
        .collect();
    let mut plan = Plan::new(vec![(2026, 60.0)]);
    plan.max_projects_per_lead = Some(1);
    let summary = stratfund::report::summary(&solve(&Portfolio::new(projects), &plan).unwrap());
    let prices: Vec<&str> = summary.lines().skip_while(|l| !l.starts_with("shadow prices")).skip(1).take(2).collect();
    assert!(prices.iter().any(|l| l.contains(lead)), "{summary}");
    let widths: Vec<usize> = prices.iter().map(|l| l.chars().count()).collect();
    assert!(widths.len() == 2 && widths[0] == widths[1], "{summary}");
}

#[test]
fn monitoring_and_replan_reports_in_vietnamese_translate_every_column_and_status() {
    use stratfund::monitor::{monitor, replan, ReplanPolicy};
    use stratfund::report::{monitor_markdown_in, replan_markdown_in};
    let (portfolio, plan) = generated(120, 5, 0.4);
    let a = solve(&portfolio, &plan).unwrap();
    let progress = stratfund::demo::generate_progress(&a, 2026, 3);
    let catalog = Catalog::default();
    let r = monitor(&portfolio, &plan, &a, &progress, None).unwrap();
    let vi = monitor_markdown_in(&r, &catalog, Language::Vi);
    let m = Language::Vi.monitoring();
    assert!(vi.starts_with(&format!("# {} 2026 (", m.monitoring_as_of)), "{vi}");
    assert!(vi.contains(&format!("| {} |", m.kpi_columns.join(" | "))), "{vi}");
    let en = stratfund::report::monitor_markdown(&r);
    for code in ["planned_to_date", "on_track", "stalled", "overall", "in_completed"] {
        assert!(en.contains(code), "{code}");
        assert!(!vi.contains(code), "{code} is not translated:\n{vi}");
    }
    // One KPI row per scope, as in the English report.
    let rows = |md: &str| md.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(rows(&vi), rows(&en));
    let re = replan(&portfolio, &plan, &catalog, &a, &progress, &ReplanPolicy::default()).unwrap();
    let vi = replan_markdown_in(&re, &catalog, Language::Vi);
    assert!(vi.starts_with(&format!("# {} 2027\n", m.replan_from)), "{vi}");
    assert!(vi.contains(&format!("## {}\n\n# Phân bổ kinh phí", m.replanned_allocation)), "{vi}");
    for code in ["| continue |", "| cut |", "| done |", "| true |", "| false |", "replan_state"] {
        assert!(!vi.contains(code), "{code} is not translated");
    }
    assert!(vi.contains("| tiếp tục |") && vi.contains("| đã xong |"), "{vi}");
}

/// The table lines of a Markdown report.
fn table_lines(markdown: &str) -> Vec<&str> {
    markdown.lines().filter(|l| l.starts_with('|') && !l.starts_with("|---")).collect()
}

/// Every table of a Vietnamese study report is in words: no field name or code (they all contain
/// `_` or are one of the short English codes) is left in a header or a cell, and the tables have
/// the rows of the English report.
fn assert_translated(vi: &str, en: &str) {
    assert_eq!(table_lines(vi).len(), table_lines(en).len(), "{vi}\n{en}");
    for line in table_lines(vi) {
        assert!(!line.contains('_'), "untranslated code in `{line}`");
        for code in ["| optimal |", "| infeasible |", "| core |", "| borderline |", "| true |", "| false |"] {
            assert!(!line.contains(code), "untranslated {code} in `{line}`");
        }
    }
}

#[test]
fn study_reports_in_vietnamese_translate_every_column_status_and_class() {
    use stratfund::report::{
        comparison_markdown, comparison_markdown_in, evaluation_markdown, evaluation_markdown_in, frontier_markdown,
        frontier_markdown_in, robustness_markdown, robustness_markdown_in, sweep_markdown, sweep_markdown_in,
    };
    use stratfund::scenario::{compare, frontier, policy_sweep, Scenario};
    use stratfund::simulate::{evaluate, robustness, Settings};
    let (portfolio, plan) = generated(60, 5, 0.4);
    let catalog = Catalog::default();
    let vi = Language::Vi.studies();

    let scenarios = [
        Scenario { budget_scale: 0.5, ..Scenario::named("cut") },
        Scenario { budget_scale: 0.0, ..Scenario::named("none") },
    ];
    let c = compare(&portfolio, &plan, &catalog, &scenarios).unwrap();
    let text = comparison_markdown_in(&c, Language::Vi);
    assert_translated(&text, &comparison_markdown(&c));
    assert!(text.contains(&format!("| {} | {} | cut | none |", vi.figure, vi.baseline)), "{text}");
    assert!(text.contains("| trạng thái | tối ưu | tối ưu | không khả thi |"), "{text}");
    // The budget-free scenario is infeasible (mandatory projects) and explained in Vietnamese.
    assert!(text.contains(&format!("## {}", vi.why_infeasible)) && text.contains("nâng dự toán"), "{text}");

    let f = frontier(&portfolio, &plan, &catalog, &[0.0, 0.5, 1.0]).unwrap();
    let text = frontier_markdown_in(&f, Language::Vi);
    assert_translated(&text, &frontier_markdown(&f));
    assert!(text.contains(&format!("> {}: {} 0\n", vi.note, vi.infeasible_levels)), "{text}");
    // The English notes are the frontier's own.
    let en = frontier_markdown(&f);
    assert!(f.notes.iter().all(|n| en.contains(&format!("> note: {n}\n"))), "{en}");

    let sweep = policy_sweep(&portfolio, &plan, &catalog, &[], &[0.1, 0.3]).unwrap();
    assert_translated(&sweep_markdown_in(&sweep, Language::Vi), &sweep_markdown(&sweep));

    let a = solve(&portfolio, &plan).unwrap();
    let e = evaluate(&portfolio, &a, &Settings { scenarios: 200, ..Settings::default() }).unwrap();
    let text = evaluation_markdown_in(&e.summary, &catalog, Language::Vi);
    assert_translated(&text, &evaluation_markdown(&e.summary));
    let some_group = e.summary.group_success_probability.keys().next().unwrap();
    assert!(text.contains(&Language::Vi.group_name(&catalog, some_group)), "{text}");

    let r = robustness(&portfolio, &plan, &catalog, &Settings { scenarios: 4, ..Settings::default() }).unwrap();
    let text = robustness_markdown_in(&r, Language::Vi);
    assert_translated(&text, &robustness_markdown(&r));
    assert!(text.contains(&format!("số kịch bản: 4 ({} không có lời giải)", r.failed())), "{text}");
}

/// Two projects in two regions and one without a region, each lead written over two lines.
fn regional() -> Allocation {
    let projects = [("N", Some("North")), ("S", Some("South")), ("X", None)]
        .into_iter()
        .map(|(id, region)| {
            let mut p = Project::new(id, "semiconductors", FundingClass::Strategic, 50.0, 10.0);
            p.enterprise_commitment = 10.0;
            p.region = region.map(str::to_string);
            p.lead = Some("Institute\nof Physics".to_string());
            p
        })
        .collect();
    let mut plan = Plan::new(vec![(2026, 200.0)]);
    plan.max_projects_per_lead = Some(2);
    solve(&Portfolio::new(projects), &plan).unwrap()
}

#[test]
fn reports_show_each_regions_money_when_projects_name_regions() {
    let a = regional();
    assert_eq!(a.by_region.len(), 2);
    for lang in [Language::En, Language::Vi] {
        let l = lang.labels();
        let md = markdown_in(&a, &Catalog::default(), lang);
        let rows = table_rows(&md, l.by_region);
        assert_eq!(rows.len(), 2, "{md}");
        for row in rows {
            let r = &a.by_region[&row[0]];
            assert_eq!(
                row[1..],
                [
                    r.funded.to_string(),
                    format!("{:.1}", r.state),
                    format!("{:.1}", r.enterprise),
                    format!("{:.1}", r.academia),
                    format!("{:.1}", r.expected_value)
                ]
            );
        }
        let summary = stratfund::report::summary_in(&a, lang);
        let heading = if lang == Language::En { "region " } else { "vùng " };
        let table: Vec<&str> = summary.lines().skip_while(|line| !line.starts_with(heading)).skip(1).take(3).collect();
        assert!(table[0].starts_with("North ") && table[1].starts_with("South ") && table[2].is_empty(), "{summary}");
    }
    // Without regions there is no such section.
    let demo_without = {
        let mut p = Project::new("P", "semiconductors", FundingClass::Strategic, 50.0, 10.0);
        p.enterprise_commitment = 10.0;
        solve(&Portfolio::new(vec![p]), &Plan::new(vec![(2026, 100.0)])).unwrap()
    };
    let md = markdown_in(&demo_without, &Catalog::default(), Language::En);
    assert!(!md.contains("By region"));
    // Every project is funded: no table of reasons with a header and no rows.
    assert!(demo_without.projects.iter().all(|p| p.funded) && !md.contains("Unfunded projects by reason"), "{md}");
    assert!(!stratfund::report::summary(&demo_without).contains("\nregion "));
}

#[test]
fn a_name_written_over_two_lines_keeps_each_table_row_on_one_line() {
    let a = regional();
    let unfunded = a.projects.iter().find(|p| !p.funded).unwrap();
    assert_eq!(unfunded.reason.as_deref(), Some("lead_capacity:Institute\nof Physics"));
    let md = markdown_in(&a, &Catalog::default(), Language::En);
    let rows = table_rows(&md, Language::En.labels().projects);
    assert_eq!(rows.len(), 3, "{md}");
    let row = rows.iter().find(|r| r[0] == unfunded.id).unwrap();
    assert_eq!(row[7], Language::En.reason("lead_capacity:Institute of Physics"), "{md}");
}

#[test]
fn the_projects_csv_gives_each_projects_state_money_by_year() {
    let a = demo();
    let text = stratfund::report::projects_csv(&a).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let years: Vec<(usize, i32)> = header
        .iter()
        .enumerate()
        .filter_map(|(k, h)| h.strip_prefix("state_").map(|y| (k, y.parse().unwrap())))
        .collect();
    assert_eq!(years.iter().map(|(_, y)| *y).collect::<Vec<_>>(), a.by_year.keys().copied().collect::<Vec<_>>());
    for (row, p) in reader.records().map(Result::unwrap).zip(&a.projects) {
        assert_eq!(&row[0], p.id);
        for (k, year) in &years {
            let amount: f64 = row[*k].parse().unwrap();
            assert_eq!(amount, p.state_by_year.get(year).copied().unwrap_or(0.0), "{} {year}", p.id);
        }
    }
}
