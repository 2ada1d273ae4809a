//! Monitoring KPIs and re-plans (MODEL.md section 8) on a small portfolio whose answers are known.

use stratfund::monitor::{
    monitor, replan, Action, Fate, MilestoneStatus, Progress, ProgressRecord, ReplanPolicy, Timing,
};
use stratfund::report::Language;
use stratfund::{Allocation, Bounds, Catalog, FundingClass, Objective, Plan, Portfolio, Project};

/// Strategic project (enterprise 20% of cost, the rest state) over `years` years from `start`.
fn project(id: &str, cost: f64, impact: f64, start: i32, years: u32) -> Project {
    let mut p = Project::new(id, "semiconductors", FundingClass::Strategic, cost, impact);
    p.enterprise_commitment = 0.2 * cost;
    p.start_year = Some(start);
    p.duration_years = years;
    p
}

/// A (80 state over 2026-27), B (40 in 2026), C (20 + 20, label x) are funded; D (label x, 80 in
/// 2026) and E (requires B, 40 in 2027) wait; F (label y, like B) waits; G requires C, too dear.
fn portfolio() -> Portfolio {
    let mut b = project("B", 50.0, 60.0, 2026, 1);
    b.exclusive_group = Some("y".into());
    let mut c = project("C", 50.0, 40.0, 2026, 2);
    c.exclusive_group = Some("x".into());
    c.region = Some("Hanoi".into());
    let mut d = project("D", 100.0, 10.0, 2026, 1);
    d.exclusive_group = Some("x".into());
    let mut e = project("E", 50.0, 5.0, 2027, 1);
    e.requires = vec!["B".into()];
    let mut f = project("F", 10.0, 1.0, 2028, 1);
    f.exclusive_group = Some("y".into());
    let mut g = project("G", 150.0, 100.0, 2028, 1);
    g.requires = vec!["C".into()];
    Portfolio::new(vec![project("A", 100.0, 100.0, 2026, 2), b, c, d, e, f, g])
}

fn plan() -> Plan {
    Plan::new(vec![(2026, 100.0), (2027, 80.0), (2028, 100.0)])
}

fn record(id: &str, period: &str, disbursed: f64, status: MilestoneStatus) -> ProgressRecord {
    ProgressRecord {
        project_id: id.into(),
        period: period.parse().unwrap(),
        disbursed,
        status,
        due_date: None,
        completed_date: None,
    }
}

fn completed(id: &str, period: &str, disbursed: f64, due: &str, done: &str) -> ProgressRecord {
    ProgressRecord {
        due_date: Some(due.parse().unwrap()),
        completed_date: Some(done.parse().unwrap()),
        ..record(id, period, disbursed, MilestoneStatus::Completed)
    }
}

/// A on track (40 paid), B completed on time (40), C stalled (20).
fn progress_2026() -> Progress {
    Progress::new(vec![
        record("A", "2026", 40.0, MilestoneStatus::OnTrack),
        completed("B", "2026", 40.0, "2026-12-31", "2026-11-30"),
        record("C", "2026", 20.0, MilestoneStatus::Stalled),
    ])
}

fn solved() -> (Portfolio, Plan, Allocation) {
    let (portfolio, plan) = (portfolio(), plan());
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let funded: Vec<&str> = allocation.projects.iter().filter(|p| p.funded).map(|p| p.id.as_str()).collect();
    assert_eq!(funded, ["A", "B", "C"], "fixture: {allocation:#?}");
    (portfolio, plan, allocation)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-7
}

#[test]
fn kpis_count_statuses_and_disbursement() {
    let (portfolio, plan, allocation) = solved();
    let report = monitor(&portfolio, &plan, &allocation, &progress_2026(), None).unwrap();
    let k = &report.overall;
    assert_eq!(report.as_of.unwrap().to_string(), "2026");
    assert_eq!(
        (k.funded, k.completed_on_time, k.completed_late, k.on_track, k.stalled, k.in_progress),
        (3, 1, 0, 1, 1, 2)
    );
    assert!(close(k.allocated, 160.0) && close(k.disbursed, 100.0) && close(k.planned_to_date, 100.0), "{k:?}");
    assert!(close(k.disbursement_rate.unwrap(), 100.0 / 160.0));
    assert!(close(k.disbursement_vs_schedule.unwrap(), 1.0));
    assert_eq!(report.by_region["Hanoi"].stalled, 1);
    assert_eq!(report.by_group["semiconductors"].funded, 3);
    let state = &report.by_house["state"];
    assert!(close(state.committed, 160.0) && close(state.disbursed.unwrap(), 100.0) && close(state.in_stalled, 40.0));
    let by_standing = state.in_completed + state.in_on_track + state.in_late + state.in_stalled + state.in_not_started;
    assert!(close(by_standing, state.committed), "{state:?}");
    let enterprise = &report.by_house["enterprise"];
    assert!(
        enterprise.disbursed.is_none() && close(enterprise.committed, 40.0) && close(enterprise.in_completed, 10.0)
    );
}

#[test]
fn projects_disbursed_above_their_allocation_are_counted_and_listed() {
    let (portfolio, plan, allocation) = solved();
    let progress = Progress::new(vec![
        record("A", "2026", 80.5, MilestoneStatus::OnTrack),
        completed("B", "2026", 40.0, "2026-12-31", "2026-11-30"),
    ]);
    let report = monitor(&portfolio, &plan, &allocation, &progress, None).unwrap();
    let flagged: Vec<&str> = report.projects.iter().filter(|p| p.over_disbursed()).map(|p| p.id.as_str()).collect();
    assert_eq!(flagged, ["A"], "A has 80 allocated, B exactly its 40");
    assert_eq!(report.overall.over_disbursed, 1);
    assert_eq!(report.by_group["semiconductors"].over_disbursed, 1);
    assert_eq!(report.by_region["Hanoi"].over_disbursed, 0, "C (Hanoi) was not over-disbursed");
    for (language, heading) in [
        (Language::En, "Projects disbursed above their allocation"),
        (Language::Vi, "Dự án giải ngân vượt mức được phân bổ"),
    ] {
        let md = stratfund::report::monitor_markdown_in(&report, &Catalog::default(), language);
        let rows = section_rows(&md, heading);
        assert_eq!(rows.len(), 1, "{md}");
        assert!(rows[0].starts_with("| A | ") && rows[0].contains("| 80.5000 |"), "{md}");
    }
    let quiet = monitor(&portfolio, &plan, &allocation, &progress_2026(), None).unwrap();
    assert_eq!(quiet.overall.over_disbursed, 0);
    let md = stratfund::report::monitor_markdown(&quiet);
    assert!(!md.contains("above their allocation"), "{md}");
    let behind = section_rows(&md, "Late and stalled projects");
    assert!(behind.len() == 1 && behind[0].starts_with("| C | ") && behind[0].contains("| stalled |"), "{md}");
}

/// The table rows (no header) of the Markdown section `heading`, up to the next section.
fn section_rows(markdown: &str, heading: &str) -> Vec<String> {
    let start =
        markdown.find(&format!("## {heading}\n")).unwrap_or_else(|| panic!("no section {heading}:\n{markdown}"));
    let section = markdown[start..].lines().skip(1).take_while(|l| !l.starts_with("## "));
    section.filter(|l| l.starts_with("| ")).skip(1).map(str::to_string).collect()
    // skip the header
}

#[test]
fn the_monitoring_report_is_in_the_portfolios_currency_unit() {
    let (mut portfolio, plan, mut allocation) = solved();
    portfolio.currency_unit = "million VND".into();
    // As read from a hand-written allocation that does not say (the default).
    allocation.currency_unit = "billion VND".into();
    let report = monitor(&portfolio, &plan, &allocation, &progress_2026(), None).unwrap();
    assert_eq!(report.currency_unit, "million VND");
}

#[test]
fn quarters_prorate_the_schedule_and_late_completions_count_as_late() {
    let (portfolio, plan, allocation) = solved();
    let progress = Progress::new(vec![
        record("A", "2026", 40.0, MilestoneStatus::OnTrack),
        record("A", "2027-Q2", 10.0, MilestoneStatus::Late),
        completed("B", "2027-Q1", 40.0, "2026-12-31", "2027-01-15"),
    ]);
    let report = monitor(&portfolio, &plan, &allocation, &progress, None).unwrap();
    let a = report.projects.iter().find(|p| p.id == "A").unwrap();
    assert_eq!((a.status, a.timing), (MilestoneStatus::Late, Timing::Open));
    assert!(close(a.planned_to_date, 60.0) && close(a.disbursed, 50.0), "{a:?}");
    let k = &report.overall;
    assert_eq!((k.completed_late, k.late, k.not_started, k.unreported), (1, 1, 1, 1), "{k:?}");
    let state = &report.by_house["state"];
    assert!(
        close(state.in_not_started, 40.0) && close(state.in_on_track, 0.0) && close(state.in_late, 80.0),
        "C is never reported, A is late: {state:?}"
    );
}

#[test]
fn records_are_checked_against_the_inputs() {
    let (portfolio, plan, allocation) = solved();
    let mut bad = vec![
        record("Z", "2026", 1.0, MilestoneStatus::OnTrack),
        record("b", "2026", 1.0, MilestoneStatus::OnTrack),
        record("D", "2026", 1.0, MilestoneStatus::OnTrack),
        record("A", "2026", -1.0, MilestoneStatus::OnTrack),
        record("A", "2026-Q3", 1.0, MilestoneStatus::OnTrack),
        record("C", "2030", 1.0, MilestoneStatus::Completed),
    ];
    bad.push(ProgressRecord {
        completed_date: Some("2026-05-01".parse().unwrap()),
        ..record("B", "2026", 1.0, MilestoneStatus::Late)
    });
    let err = monitor(&portfolio, &plan, &allocation, &Progress::new(bad), None).unwrap_err();
    let rules: Vec<(Option<&str>, &str)> =
        err.problems().iter().map(|p| (p.project.as_deref(), p.rule.as_str())).collect();
    let about = |id: &str| err.problems().iter().find(|p| p.project.as_deref() == Some(id)).unwrap().message.clone();
    assert_eq!(about("b"), "progress for `b`, which is not in the portfolio; did you mean `B`?");
    assert_eq!(about("Z"), "progress for `Z`, which is not in the portfolio");
    for expected in [
        (Some("Z"), "unknown_project"),
        (Some("b"), "unknown_project"),
        (Some("D"), "not_funded"),
        (Some("A"), "negative_amount"),
        (Some("A"), "period_overlap"),
        (Some("C"), "period_outside_plan"),
        (Some("C"), "completed_date_missing"),
        (Some("B"), "completed_date_without_completion"),
    ] {
        assert!(rules.contains(&expected), "{expected:?} missing from {rules:?}");
    }
}

#[test]
fn an_allocation_from_another_portfolio_is_refused_by_monitor_and_replan() {
    let (mut portfolio, plan, allocation) = solved();
    portfolio.projects.iter_mut().find(|p| p.id == "B").unwrap().cost = 60.0;
    portfolio.projects.retain(|p| p.id != "C");
    let rules = |e: stratfund::Error| -> Vec<(Option<String>, String, String)> {
        e.problems().iter().map(|p| (p.project.clone(), p.field.clone(), p.rule.clone())).collect()
    };
    let expected = vec![
        (Some("B".to_string()), "cost".to_string(), "allocation_mismatch".to_string()),
        (Some("C".to_string()), "id".to_string(), "unknown_project".to_string()),
    ];
    let err = monitor(&portfolio, &plan, &allocation, &progress_2026(), None).unwrap_err();
    assert!(err.to_string().contains("scale x cost is 60"), "{err}");
    assert_eq!(rules(err), expected);
    let policy = ReplanPolicy::default();
    let err = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &policy).unwrap_err();
    assert_eq!(rules(err), expected);
}

/// Figures no solve writes (an allocation edited by hand) are refused, each naming its project and
/// field, by monitoring, re-plans and Monte Carlo: before, a funded scale of 1.5 (with its money
/// scaled to match) or -0.5 was read as given, and a NaN passed the money check.
#[test]
fn an_allocation_with_figures_no_solve_writes_is_refused() {
    let (portfolio, plan, allocation) = solved();
    let funded = allocation.projects.iter().find(|p| p.funded).unwrap().id.clone();
    let unfunded = allocation.projects.iter().find(|p| !p.funded).map(|p| p.id.clone());
    let mut cases: Vec<(Edit, &str, &str)> = vec![
        (Box::new(|p| rescale(p, 1.5)), "scale", &funded),
        (Box::new(|p| rescale(p, -0.5)), "scale", &funded),
        (Box::new(|p| p.scale = f64::NAN), "scale", &funded),
        (Box::new(|p| p.state = f64::NAN), "state", &funded),
        (Box::new(|p| p.academia = -1.0), "academia", &funded),
    ];
    if let Some(id) = &unfunded {
        cases.push((Box::new(|p| p.state = 5.0), "funded", id));
    }
    for (edit, field, id) in cases {
        let mut edited = allocation.clone();
        edit(edited.projects.iter_mut().find(|p| p.id == id).unwrap());
        let expected = vec![(Some(id.to_string()), field.to_string(), "allocation_mismatch".to_string())];
        let fields = |e: stratfund::Error| -> Vec<(Option<String>, String, String)> {
            e.problems().iter().map(|p| (p.project.clone(), p.field.clone(), p.rule.clone())).collect()
        };
        assert_eq!(fields(monitor(&portfolio, &plan, &edited, &progress_2026(), None).unwrap_err()), expected);
        let policy = ReplanPolicy::default();
        let err = replan(&portfolio, &plan, &Catalog::default(), &edited, &progress_2026(), &policy).unwrap_err();
        assert_eq!(fields(err), expected);
        let settings = stratfund::simulate::Settings { scenarios: 10, ..Default::default() };
        assert_eq!(fields(stratfund::simulate::evaluate(&portfolio, &edited, &settings).unwrap_err()), expected);
    }
}

/// A change made by hand to one project's entry of an allocation.
type Edit = Box<dyn Fn(&mut stratfund::ProjectAllocation)>;

/// The project at another scale, its money scaled with it (so that money = scale x cost still).
fn rescale(p: &mut stratfund::ProjectAllocation, scale: f64) {
    let factor = scale / p.scale;
    p.scale = scale;
    p.state *= factor;
    p.enterprise *= factor;
    p.academia *= factor;
    p.state_by_year.values_mut().for_each(|s| *s *= factor);
}

#[test]
fn replan_keeps_continuing_projects_cuts_stalled_ones_and_refunds_with_what_is_left() {
    let (portfolio, plan, allocation) = solved();
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &ReplanPolicy::default())
        .unwrap();
    assert_eq!(re.from_year, 2027);
    assert!(close(re.sunk, 100.0));
    assert_eq!(re.plan.years, vec![2027, 2028]);
    assert!(close(re.plan.budget(2027), 80.0) && close(re.plan.budget(2028), 100.0));
    let actions: Vec<(&str, Fate)> = re.tracked.iter().map(|t| (t.id.as_str(), t.action)).collect();
    assert_eq!(actions, [("A", Fate::Continue), ("B", Fate::Done), ("C", Fate::Cut)]);
    // A goes on with the remaining 40 of state money and half of its enterprise money.
    let a = re.allocation.project("A").unwrap();
    assert!(a.funded && close(a.state, 40.0) && close(a.enterprise, 10.0), "{a:?}");
    assert!(close(a.state_by_year[&2027], 40.0));
    // B is done: E's requirement is met, and E fits in the 40 that C's cut leaves in 2027.
    assert!(re.allocation.project("B").is_none());
    assert!(re.allocation.project("E").unwrap().funded);
    // C is cut; G, which requires it, is unfundable; B's label y stays taken, so F is excluded.
    let c = re.allocation.project("C").unwrap();
    assert_eq!(c.reason.as_deref(), Some("ineligible:excluded"));
    let g = re.allocation.project("G").unwrap();
    assert!(g.reason.as_deref().unwrap().contains("dependency:C"), "{g:?}");
    assert!(re.excluded["F"].contains("B (completed)"), "{:?}", re.excluded);
    // D started in 2026 in the proposal; it waits for 2027 and needs 80 there, more than is left.
    let d = re.portfolio.project("D").unwrap();
    assert_eq!(d.start_year, Some(2027));
    assert_eq!(re.allocation.project("D").unwrap().reason.as_deref(), Some("budget"));
}

#[test]
fn money_owed_from_past_years_is_due_in_the_first_year_replanned() {
    let (portfolio, plan, allocation) = solved();
    let mut progress = progress_2026();
    progress.records[0].disbursed = 30.0; // A is 10 behind its schedule of 40 in 2026
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert!(close(re.plan.budget(2027), 80.0));
    let a = re.allocation.project("A").unwrap();
    assert!(close(a.state, 50.0) && close(a.state_by_year[&2027], 50.0), "{a:?}");
    // 80 - 50 leaves 30 in 2027: E (40) no longer fits.
    assert_eq!(re.allocation.project("E").unwrap().reason.as_deref(), Some("budget"));
}

#[test]
fn a_stalled_project_may_compete_instead_of_being_cut() {
    let (portfolio, plan, allocation) = solved();
    let policy = ReplanPolicy { stalled: Action::Compete, ..ReplanPolicy::default() };
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &policy).unwrap();
    let c = re.portfolio.project("C").unwrap();
    assert!(!c.mandatory && close(c.state_request.unwrap(), 20.0) && close(c.cost, 25.0), "{c:?}");
    // C's rest (value 40, 20 in 2027) beats E (value 5, 40 in 2027) for the 40 left.
    assert!(re.allocation.project("C").unwrap().funded);
    assert!(!re.allocation.project("E").unwrap().funded);
    // With every status cut, nothing continues.
    let all_cut = ReplanPolicy { on_track: Action::Cut, ..ReplanPolicy::default() };
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &all_cut).unwrap();
    assert_eq!(re.allocation.project("A").unwrap().reason.as_deref(), Some("ineligible:excluded"));
}

#[test]
fn carry_over_and_bounds_count_what_was_disbursed() {
    // The allocation carried out is the fixture's; the plan's carry-over and bounds are re-read.
    let (portfolio, mut plan, allocation) = solved();
    plan.carry_over = 0.5;
    plan.group_bounds.insert("semiconductors".into(), Bounds { max: Some(250.0), ..Bounds::default() });
    plan.region_bounds.insert("Hanoi".into(), Bounds { min_share: Some(0.05), ..Bounds::default() });
    let mut progress = progress_2026();
    progress.records[0].disbursed = 30.0; // 90 of 100 paid in 2026: 10 unspent, half carried over
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert!(close(re.plan.budget(2027), 85.0), "{:?}", re.years);
    assert_eq!(re.plan.group_bounds["semiconductors"].max, Some(160.0)); // 250 - 90 paid to the group
    assert_eq!(re.plan.region_bounds["Hanoi"].min, Some(0.0)); // 5% of 280 = 14, C got 20 already
    assert!(re.plan.group_bounds["semiconductors"].max_share.is_none());
}

#[test]
fn the_derived_inputs_written_to_files_solve_to_the_replan() {
    let (portfolio, plan, allocation) = solved();
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &ReplanPolicy::default())
        .unwrap();
    // C is cut and F's label is taken: the derived plan says so, with why.
    assert_eq!(re.plan.excluded.keys().collect::<Vec<_>>(), ["C", "F"]);
    assert_eq!(re.plan.excluded, re.excluded);
    let dir = std::env::temp_dir().join(format!("stratfund-replan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (portfolio_file, plan_file) in [("p.json", "plan.json"), ("p.csv", "plan.toml")] {
        stratfund::io::write_portfolio(&re.portfolio, dir.join(portfolio_file)).unwrap();
        stratfund::io::write_plan(&re.plan, dir.join(plan_file)).unwrap();
        let again = stratfund::solve(
            &stratfund::io::read_portfolio(dir.join(portfolio_file)).unwrap(),
            &stratfund::io::read_plan(dir.join(plan_file)).unwrap(),
        )
        .unwrap();
        assert_eq!(again.projects, re.allocation.projects, "{plan_file}");
        assert_eq!(again.ineligible, re.allocation.ineligible, "{plan_file}");
        assert_eq!(again.objective, re.allocation.objective, "{plan_file}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_plan_excludes_the_projects_it_lists_and_names_an_unknown_one() {
    let (portfolio, mut plan, _) = solved();
    plan.excluded.insert("A".into(), "moved to another programme".into());
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let a = allocation.ineligible.iter().find(|i| i.id == "A").unwrap();
    assert_eq!((a.rule.as_str(), a.detail.as_str()), ("excluded", "moved to another programme"));
    assert!(!allocation.project("A").unwrap().funded);
    plan.excluded.insert("Z".into(), "typo".into());
    let e = stratfund::solve(&portfolio, &plan).unwrap_err().to_string();
    assert!(e.contains("field `excluded`: excluded lists `Z`, which is not in the portfolio"), "{e}");
}

#[test]
fn a_remainder_below_the_min_grant_is_exempt() {
    let portfolio = Portfolio::new(vec![project("A", 100.0, 100.0, 2026, 2)]);
    let mut plan = Plan::new(vec![(2026, 100.0), (2027, 80.0)]);
    plan.min_grant = 30.0;
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let progress = Progress::new(vec![
        record("A", "2026", 40.0, MilestoneStatus::OnTrack),
        record("A", "2027-Q2", 25.0, MilestoneStatus::OnTrack),
    ]);
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert_eq!(re.from_year, 2027);
    assert!(close(re.plan.budget(2027), 55.0));
    assert_eq!(re.plan.min_grant_exempt, vec!["A".to_string()]);
    let a = re.allocation.project("A").unwrap();
    assert!(a.funded && close(a.state, 15.0), "{a:?}");
}

#[test]
fn replan_errors_say_what_to_fix() {
    let (portfolio, plan, allocation) = solved();
    let early = ReplanPolicy { from_year: Some(2026), ..ReplanPolicy::default() };
    let mut progress = progress_2026();
    progress.records.push(record("A", "2027-Q1", 5.0, MilestoneStatus::OnTrack));
    let err = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &early).unwrap_err().to_string();
    assert!(err.contains("from_year 2026") && err.contains("2027-Q1"), "{err}");
    let late = ReplanPolicy { from_year: Some(2031), ..ReplanPolicy::default() };
    let err = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &late).unwrap_err();
    assert!(err.to_string().contains("not a plan year"), "{err}");
    let mut overspent = progress_2026();
    overspent.records[0].disbursed = 60.0;
    let err =
        replan(&portfolio, &plan, &Catalog::default(), &allocation, &overspent, &ReplanPolicy::default()).unwrap_err();
    assert_eq!(err.problems()[0].rule, "overspent", "{err}");
}

#[test]
fn the_replan_of_a_plan_without_progress_from_its_first_year_is_the_plan_itself() {
    let (portfolio, plan, allocation) = solved();
    let re =
        replan(&portfolio, &plan, &Catalog::default(), &allocation, &Progress::default(), &ReplanPolicy::default())
            .unwrap();
    assert_eq!(re.from_year, 2026);
    assert!(close(re.allocation.objective.unwrap(), allocation.objective.unwrap()));
    for id in ["A", "B", "C"] {
        let (before, after) = (allocation.project(id).unwrap(), re.allocation.project(id).unwrap());
        assert!(after.funded && close(before.state, after.state), "{id}: {after:?}");
    }
}

#[test]
fn projects_scheduled_after_the_reporting_date_have_nothing_planned_yet_not_minus_zero() {
    use stratfund::demo::{generate_plan, generate_portfolio, generate_progress, DemoConfig};
    let config = DemoConfig { projects: 120, seed: 5, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, 0.4);
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let report = monitor(&portfolio, &plan, &allocation, &generate_progress(&allocation, 2026, 3), None).unwrap();
    let later: Vec<_> = report.projects.iter().filter(|p| p.planned_to_date == 0.0).collect();
    assert!(!later.is_empty(), "fixture: some funded project starts after 2026");
    assert!(later.iter().all(|p| p.planned_to_date.is_sign_positive()), "{later:?}");
    assert!(!serde_json::to_string(&report).unwrap().contains("-0.0"));
}

#[test]
fn replan_figures_read_as_the_decimals_they_stand_for() {
    // 20.9 of cost: 14.5 enterprise, 1.9 academia, 4.5 state over 2026-28; 0.9 paid in 2026 leaves
    // 80%: in floats 11.600000000000001 of enterprise money and 16.720000000000002 of cost.
    let mut p = Project::new("P", "mobile_5g_6g", FundingClass::Market, 20.9, 54.1);
    (p.enterprise_commitment, p.academia_contribution, p.state_request) = (14.5, 1.9, Some(4.5));
    (p.start_year, p.duration_years) = (Some(2026), 3);
    let portfolio = Portfolio::new(vec![p]);
    let mut plan = Plan::new(vec![(2026, 10.1), (2027, 10.0), (2028, 10.0)]);
    plan.carry_over = 1.0;
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    assert_eq!(allocation.project("P").unwrap().state, 4.5, "fixture");
    let progress = Progress::new(vec![record("P", "2026", 0.9, MilestoneStatus::OnTrack)]);
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &ReplanPolicy::default()).unwrap();
    let t = &re.tracked[0];
    assert_eq!((t.remaining_state, t.remaining_cost), (3.6, 16.72), "{t:?}");
    let rest = re.portfolio.project("P").unwrap();
    assert_eq!((rest.cost, rest.enterprise_commitment, rest.academia_contribution), (16.72, 11.6, 1.52));
    let Some(stratfund::CostProfile::Amounts(amounts)) = &rest.cost_profile else { panic!("{rest:?}") };
    assert_eq!(amounts.values().sum::<f64>(), rest.cost, "{amounts:?}");
    assert_eq!(re.years[&2027].replan_budget, Some(19.2), "10.0 + (10.1 - 0.9) carried over");
    let a = re.allocation.project("P").unwrap();
    assert!(a.funded && (a.state, a.enterprise, a.academia) == (3.6, 11.6, 1.52), "{a:?}");
}

#[test]
fn a_least_state_replan_counts_what_completed_projects_delivered_toward_the_targets() {
    // Reach a value of 150 funding B and C, with the least state money: A, B and C.
    let (portfolio, mut plan) = (portfolio(), plan());
    let named = vec!["B".to_string(), "C".to_string()];
    plan.objective = Objective::MinStateSpend { min_value: Some(150.0), projects: named };
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let funded: Vec<&str> = allocation.projects.iter().filter(|p| p.funded).map(|p| p.id.as_str()).collect();
    assert_eq!(funded, ["A", "B", "C"], "fixture: {allocation:#?}");
    // B completed (value 60 delivered), C stalled and is cut, A goes on (value 100).
    let catalog = Catalog::default();
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress_2026(), &ReplanPolicy::default()).unwrap();
    assert_eq!(re.plan.objective, Objective::MinStateSpend { min_value: Some(90.0), projects: vec![] });
    assert!(re.excluded["C"].contains("cut") && re.excluded["C"].contains("named in the objective's projects"));
    // A's 100 reaches the 90 left: nothing new is needed.
    let funded: Vec<&str> = re.allocation.projects.iter().filter(|p| p.funded).map(|p| p.id.as_str()).collect();
    assert_eq!(funded, ["A"]);
    assert_eq!(re.allocation.project("E").unwrap().reason.as_deref(), Some("budget"));
    // A named project that continues stays named; one whose remainder competes does not.
    for (stalled, names) in [(Action::Continue, vec!["C".to_string()]), (Action::Compete, vec![])] {
        let policy = ReplanPolicy { stalled, ..ReplanPolicy::default() };
        let re = replan(&portfolio, &plan, &catalog, &allocation, &progress_2026(), &policy).unwrap();
        assert_eq!(re.plan.objective, Objective::MinStateSpend { min_value: Some(90.0), projects: names });
    }
    // Delivered within 1e-6 of the target (the solver's tolerance on the value row): met.
    plan.objective = Objective::MinStateSpend { min_value: Some(60.0), projects: vec![] };
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let progress = Progress::new(vec![completed("B", "2026", 40.0, "2026-12-31", "2026-11-30")]);
    plan.objective = Objective::MinStateSpend { min_value: Some(60.00003), projects: vec![] };
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert_eq!(re.plan.objective, Objective::MinStateSpend { min_value: Some(0.0), projects: vec![] });
    assert_eq!(re.allocation.totals.funded, 0);
    // Delivered beyond the target: nothing is left to reach.
    plan.objective = Objective::MinStateSpend { min_value: Some(50.0), projects: vec![] };
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let progress = Progress::new(vec![completed("B", "2026", 40.0, "2026-12-31", "2026-11-30")]);
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert_eq!(re.plan.objective, Objective::MinStateSpend { min_value: Some(0.0), projects: vec![] });
    assert_eq!(re.allocation.totals.funded, 0);
}

#[test]
fn a_minimum_met_within_the_tolerance_asks_no_more_of_the_replan_than_the_continuing_projects_bring() {
    // P (state 80 over 2026-27) meets the North minimum; Q (North, worth nothing) is never funded.
    let mut p = project("P", 100.0, 50.0, 2026, 2);
    p.region = Some("North".into());
    let mut q = project("Q", 50.0, 0.0, 2027, 1);
    q.region = Some("North".into());
    let portfolio = Portfolio::new(vec![p, q]);
    let mut plan = Plan::new(vec![(2026, 100.0), (2027, 100.0)]);
    plan.region_bounds.insert("North".into(), Bounds { min: Some(80.0), ..Bounds::default() });
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    assert!(close(allocation.project("P").unwrap().state, 80.0) && !allocation.project("Q").unwrap().funded);
    let progress = Progress::new(vec![record("P", "2026", 40.0, MilestoneStatus::OnTrack)]);
    let catalog = Catalog::default();
    // The plan read by the re-plan asks 5e-7 more than P's 80: within the contract's 1e-6 of the
    // budget (2e-4 here), so P's remaining 40 meet it, and Q (40 of state money) is not needed.
    plan.region_bounds.insert("North".into(), Bounds { min: Some(80.0000005), ..Bounds::default() });
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert_eq!(re.plan.region_bounds["North"].min, Some(40.0));
    assert!(!re.allocation.project("Q").unwrap().funded, "{:?}", re.allocation.project("Q"));
    // A minimum beyond the tolerance still asks for the rest.
    plan.region_bounds.insert("North".into(), Bounds { min: Some(90.0), ..Bounds::default() });
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert_eq!(re.plan.region_bounds["North"].min, Some(50.0));
    assert!(re.allocation.project("Q").unwrap().funded);
}

#[test]
fn records_that_disburse_a_year_spent_within_the_tolerance_are_not_overspent() {
    // The records pay the 100 of 2026 that the allocation scheduled; the plan read by the re-plan
    // has 5e-5 less that year, within the contract's 1e-6 of the budget (2.8e-4 here).
    let (portfolio, mut plan, allocation) = solved();
    plan.state_budget.insert(2026, 99.99995);
    let catalog = Catalog::default();
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress_2026(), &ReplanPolicy::default()).unwrap();
    assert_eq!(re.years[&2026].replan_budget, None);
    assert!(close(re.plan.budget(2027), 80.0), "{:?}", re.years);
    // Beyond the tolerance the records are overspent.
    plan.state_budget.insert(2026, 99.99);
    let err = replan(&portfolio, &plan, &catalog, &allocation, &progress_2026(), &ReplanPolicy::default()).unwrap_err();
    assert!(err.to_string().contains("overspent"), "{err}");
}

#[test]
fn a_completed_project_no_longer_counts_toward_its_leads_capacity() {
    // L leads A, B and E, and may lead 2: the allocation funds A and B (E's lead is full).
    let mut portfolio = portfolio();
    for p in portfolio.projects.iter_mut().filter(|p| ["A", "B", "E"].contains(&p.id.as_str())) {
        p.lead = Some("L".into());
    }
    let plan = Plan { max_projects_per_lead: Some(2), ..plan() };
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    assert_eq!(allocation.project("E").unwrap().reason.as_deref(), Some("lead_capacity:L"));
    // B completed in 2026: from 2027 L carries A alone, so E (which required B) is funded.
    let catalog = Catalog::default();
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress_2026(), &ReplanPolicy::default()).unwrap();
    assert!(re.allocation.project("E").unwrap().funded);
    // Had B gone on, L would still carry two projects.
    let mut progress = progress_2026();
    progress.records[1] = record("B", "2026", 20.0, MilestoneStatus::OnTrack);
    let re = replan(&portfolio, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert_eq!(re.allocation.project("E").unwrap().reason.as_deref(), Some("lead_capacity:L"));
}

#[test]
fn the_policy_cut_of_a_stalled_mandatory_project_stands() {
    // C was mandatory in the round carried out; it stalls and the default policy cuts it. The
    // cut decides (as `compete` makes a mandatory remainder optional); `excluded` says it was
    // mandatory.
    let (mut portfolio, plan, _) = solved();
    portfolio.projects.iter_mut().find(|p| p.id == "C").unwrap().mandatory = true;
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &ReplanPolicy::default())
        .unwrap();
    assert_eq!(re.allocation.project("C").unwrap().reason.as_deref(), Some("ineligible:excluded"));
    assert!(
        re.excluded["C"].contains("stalled and cut") && re.excluded["C"].contains("mandatory"),
        "{:?}",
        re.excluded
    );
    assert!(!re.portfolio.project("C").unwrap().mandatory);
    let policy = ReplanPolicy { stalled: Action::Continue, ..ReplanPolicy::default() };
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress_2026(), &policy).unwrap();
    assert!(re.portfolio.project("C").unwrap().mandatory && re.allocation.project("C").unwrap().funded);
}

#[test]
fn a_budget_far_beyond_the_proposals_keeps_remainders_and_their_cents() {
    // With 1e11 in 2028, the re-plan once cleaned money at 1e-9 of the total budget (100): A's
    // remainder (40 of state money, 10 of enterprise money) counted as nothing left to fund, and
    // amounts were rounded to tenths.
    let portfolio = portfolio();
    let plan = Plan::new(vec![(2026, 100.0), (2027, 80.0), (2028, 1e11)]);
    let allocation = stratfund::solve(&portfolio, &plan).unwrap();
    assert!(close(allocation.project("A").unwrap().state, 80.0), "fixture: {allocation:#?}");
    let mut records = progress_2026().records;
    records[0].disbursed = 40.01; // A's
    let progress = Progress::new(records);
    let re = replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &ReplanPolicy::default()).unwrap();
    let tracked = re.tracked.iter().find(|t| t.id == "A").unwrap();
    assert_eq!(tracked.action, Fate::Continue);
    assert!(close(tracked.disbursed, 40.01) && close(tracked.remaining_state, 39.99), "{tracked:?}");
    assert!(close(re.sunk, 100.01));
    let a = re.allocation.project("A").unwrap();
    assert!(a.funded && close(a.state, 39.99), "{a:?}");
}
