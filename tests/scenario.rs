//! Scenarios, comparisons, the frontier and policy sweeps (MODEL.md section 6).

mod common;

use common::oracle::violations;
use common::random::{instance, Shape};
use common::{plan, portfolio, project};
use stratfund::report::Language;
use stratfund::scenario::{
    compare, frontier, policy_sweep, read_scenarios, scenarios_from_json, scenarios_from_toml, Scenario,
};
use stratfund::{solve, Catalog, Error, Status};

fn problem_rules(e: Error) -> Vec<String> {
    e.problems().iter().map(|p| format!("{} {}", p.field, p.rule)).collect()
}

/// The plan solved by HiGHS alone, the reference for frontier levels: under a time limit the
/// neighbourhood searches that the levels start from are skipped.
fn plain_solve(portfolio: &stratfund::Portfolio, plan: &stratfund::Plan) -> stratfund::Allocation {
    let mut plain = plan.clone();
    plain.solver.time_limit_s = Some(3_600.0);
    let alone = solve(portfolio, &plain).unwrap();
    assert_ne!(alone.status, Status::TimeLimit, "the reference solve reached its time limit");
    alone
}

/// Each level of `f` beside the plan solved alone at that level, with the same status.
fn beside_independent_solves<'f>(
    portfolio: &stratfund::Portfolio,
    plan: &stratfund::Plan,
    f: &'f stratfund::scenario::Frontier,
    seed: u64,
) -> Vec<(&'f stratfund::scenario::FrontierPoint, stratfund::Allocation)> {
    f.points
        .iter()
        .map(|point| {
            let mut scaled = plan.clone();
            scaled.state_budget.values_mut().for_each(|b| *b *= point.level);
            let alone = plain_solve(portfolio, &scaled);
            assert_eq!(point.kpis.status, alone.status, "seed {seed} level {}", point.level);
            (point, alone)
        })
        .collect()
}

#[test]
fn frontier_with_amount_bounds_is_monotone_and_equals_independent_solves() {
    let catalog = Catalog::default();
    let levels = [0.2, 0.45, 0.7, 1.0, 1.3, 1.8];
    let mut compared = 0;
    for seed in 0..40 {
        let (portfolio, plan) = instance(seed, Shape { projects: 14, amount_bounds: true, min_state: false });
        let f = frontier(&portfolio, &plan, &catalog, &levels).unwrap();
        assert!(!f.share_bounds, "seed {seed}: amount bounds only");
        let mut previous: Option<f64> = None;
        for (point, alone) in beside_independent_solves(&portfolio, &plan, &f, seed) {
            if alone.status != Status::Optimal {
                continue;
            }
            compared += 1;
            let (v, w) = (point.kpis.objective.unwrap(), alone.objective.unwrap());
            assert!((v - w).abs() <= 1e-6 * w.abs().max(1.0), "seed {seed} level {}: {v} vs {w}", point.level);
            if let Some(p) = previous {
                assert!(v >= p - 1e-6 * p.abs().max(1.0), "seed {seed}: value fell from {p} to {v}");
            }
            previous = Some(v);
        }
    }
    assert!(compared > 100, "only {compared} levels compared");
}

#[test]
fn under_least_state_money_the_frontier_never_spends_more_as_the_budget_grows_and_says_so() {
    let catalog = Catalog::default();
    let levels = [0.3, 0.6, 1.0, 1.5];
    let mut compared = 0;
    for seed in 0..30 {
        let (portfolio, mut plan) = instance(seed, Shape { projects: 12, amount_bounds: true, min_state: false });
        let reachable = solve(&portfolio, &plan).unwrap().objective.unwrap_or(0.0);
        let target = 0.6 * reachable;
        plan.objective = stratfund::Objective::MinStateSpend { min_value: Some(target), projects: vec![] };
        let f = frontier(&portfolio, &plan, &catalog, &levels).unwrap();
        assert_eq!(f.objective_kind, "min_state_spend");
        assert_eq!(f.notes.first().map(String::as_str), Some(stratfund::scenario::LEAST_STATE_NOTE), "seed {seed}");
        for lang in [Language::En, Language::Vi] {
            let note = lang.studies().least_state_note;
            assert!(stratfund::report::frontier_markdown_in(&f, lang)
                .contains(&format!("> {}: {note}\n", lang.studies().note)));
        }
        let mut previous: Option<f64> = None;
        for (point, alone) in beside_independent_solves(&portfolio, &plan, &f, seed) {
            let (Some(spent), Some(least)) = (point.kpis.objective, alone.objective) else { continue };
            compared += 1;
            let tol = 2e-4 * least.abs().max(1.0);
            assert!((spent - least).abs() <= tol, "seed {seed} level {}: {spent} vs {least}", point.level);
            if let Some(p) = previous {
                assert!(spent <= p, "seed {seed}: the least state money grew from {p} to {spent}");
            }
            previous = Some(spent);
        }
    }
    assert!(compared > 50, "only {compared} levels compared");
}

#[test]
fn frontier_levels_given_in_any_order_match_independent_solves() {
    // Share bounds and out-of-order levels: no level may keep another's budgets or bounds.
    let catalog = Catalog::default();
    for seed in 40..55 {
        let (portfolio, plan) = instance(seed, Shape { projects: 12, amount_bounds: false, min_state: false });
        let f = frontier(&portfolio, &plan, &catalog, &[1.5, 0.5, 1.0]).unwrap();
        let levels: Vec<f64> = f.points.iter().map(|p| p.level).collect();
        assert_eq!(levels, vec![0.5, 1.0, 1.5], "levels are reported in ascending order");
        for point in &f.points {
            let mut scaled = plan.clone();
            scaled.state_budget.values_mut().for_each(|b| *b *= point.level);
            let alone = plain_solve(&portfolio, &scaled);
            assert_eq!(point.kpis.status, alone.status);
            if let (Some(v), Some(w)) = (point.kpis.objective, alone.objective) {
                assert!((v - w).abs() <= 1e-6 * w.abs().max(1.0), "seed {seed} level {}: {v} vs {w}", point.level);
                assert!(violations(&portfolio, &scaled, &alone).is_empty());
            }
        }
    }
}

#[test]
fn frontier_reports_entry_levels_and_share_bounds() {
    let mut a = project("A");
    a.impact = 90.0;
    let mut b = project("B");
    b.impact = 50.0;
    let mut plan = stratfund::Plan::new(vec![(2026, 70.0)]);
    // Each needs 60 of state money: A enters at 70, B once 120 is there.
    let f = frontier(&portfolio(vec![a.clone(), b.clone()]), &plan, &Catalog::default(), &[0.5, 1.0, 2.0]).unwrap();
    let entry = |id: &str| f.entries.iter().find(|e| e.id == id).unwrap().clone();
    assert_eq!(entry("A").entry_level, Some(1.0));
    assert_eq!(entry("A").entry_budget, Some(70.0));
    assert_eq!(entry("B").entry_level, Some(2.0));
    assert_eq!(f.points[0].kpis.funded, 0);
    assert!(f.notes.is_empty());
    plan.group_bounds.insert("semiconductors".into(), stratfund::Bounds { max_share: Some(0.9), ..Default::default() });
    let f = frontier(&portfolio(vec![a, b]), &plan, &Catalog::default(), &[1.0, 2.0]).unwrap();
    assert!(f.share_bounds);
    assert!(f.notes[0].contains("shares"), "{:?}", f.notes);
}

#[test]
fn frontier_levels_whose_share_maximum_falls_below_an_amount_minimum_are_infeasible_not_errors() {
    // The plan is fine at its own budget (60 <= 10% of 3,000), but a share maximum scales with the
    // level and the amount minimum does not: below level 0.2 no allocation meets both.
    let mut p = plan();
    let bounds = stratfund::Bounds { min: Some(60.0), max_share: Some(0.1), ..Default::default() };
    p.group_bounds.insert("semiconductors".into(), bounds);
    let f = frontier(&portfolio(vec![project("A"), project("B")]), &p, &Catalog::default(), &[0.1, 1.0]).unwrap();
    assert_eq!(f.points[0].kpis.status, Status::Infeasible);
    assert_eq!(f.points[1].kpis.status, Status::Optimal);
    let mut scaled = p.clone();
    scaled.state_budget.values_mut().for_each(|b| *b *= 0.1);
    let alone = solve(&portfolio(vec![project("A")]), &scaled).unwrap();
    let explanation = alone.explanation.unwrap();
    assert_eq!(explanation.len(), 1, "{explanation:?}");
    assert!((explanation[0].amount - 30.0).abs() < 1e-6, "{explanation:?}");
}

#[test]
fn frontier_rejects_bad_levels() {
    let p = portfolio(vec![project("A")]);
    for levels in [vec![], vec![1.0, f64::NAN], vec![-1.0], vec![0.5, 0.5]] {
        let err = frontier(&p, &plan(), &Catalog::default(), &levels).unwrap_err();
        assert_eq!(problem_rules(err), vec!["levels invalid_levels"], "{levels:?}");
    }
    let err = frontier(&p, &plan(), &Catalog::default(), &[0.5, -1.0, 0.5, f64::INFINITY]).unwrap_err();
    let messages: Vec<&str> = err.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "level -1 is not a finite number >= 0 (levels multiply the state budget)",
            "level inf is not a finite number >= 0 (levels multiply the state budget)",
            "level 0.5 is given twice",
        ]
    );
}

#[test]
fn compare_reports_kpis_side_by_side_and_projects_entering_and_leaving() {
    let mut a = project("A");
    a.impact = 90.0;
    let mut b = project("B");
    b.impact = 50.0;
    b.group = "biotech".into();
    let plan = stratfund::Plan::new(vec![(2026, 70.0)]);
    let p = portfolio(vec![a, b]);
    let scenarios = vec![
        Scenario { exclude: vec!["A".into()], ..Scenario::named("no_a") },
        Scenario { budget_scale: 2.0, ..Scenario::named("double") },
        Scenario { group_weights: [("biotech".to_string(), 2.0)].into(), ..Scenario::named("bio_first") },
    ];
    let c = compare(&p, &plan, &Catalog::default(), &scenarios).unwrap();
    let names: Vec<&str> = c.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["baseline", "no_a", "double", "bio_first"]);
    let no_a = c.scenario("no_a").unwrap();
    assert_eq!((no_a.entering.clone(), no_a.leaving.clone()), (vec!["B".to_string()], vec!["A".to_string()]));
    let a = no_a.allocation.project("A").unwrap();
    assert_eq!(a.reason.as_deref(), Some("ineligible:excluded"));
    assert!(no_a.allocation.ineligible[0].detail.contains("no_a"));
    let double = c.scenario("double").unwrap();
    assert_eq!(double.kpis.funded, 2);
    assert_eq!(double.kpis.budget, 140.0);
    assert_eq!(double.entering, vec!["B".to_string()]);
    assert!(double.leaving.is_empty());
    // B is worth 50 x 2 = 100 > 90 once biotech weighs double.
    assert_eq!(c.scenario("bio_first").unwrap().entering, vec!["B".to_string()]);
}

#[test]
fn scenario_overrides_reach_the_solver() {
    let catalog = Catalog::default();
    let mut a = project("A"); // 100 cost, 30 enterprise, 10 academia
    a.class = stratfund::FundingClass::Strategic;
    let p = portfolio(vec![a]);
    let plan = stratfund::Plan::new(vec![(2026, 1000.0)]);
    // Enterprises deliver half: 15 < 20% of 100, so A becomes ineligible.
    let weak = Scenario { enterprise_scale: 0.5, ..Scenario::named("weak") };
    let strict = Scenario {
        policy: Some(stratfund::scenario::PolicyOverrides {
            strategic_min_enterprise_share: Some(0.35),
            ..Default::default()
        }),
        ..Scenario::named("strict")
    };
    let by_group =
        Scenario { enterprise_scale_by_group: [("semiconductors".into(), 0.5)].into(), ..Scenario::named("g") };
    let unlikely = Scenario { success_probability: [("A".into(), 0.5)].into(), ..Scenario::named("unlikely") };
    let c = compare(&p, &plan, &catalog, &[weak, strict, by_group, unlikely]).unwrap();
    for name in ["weak", "g"] {
        assert_eq!(c.scenario(name).unwrap().allocation.ineligible[0].rule, "enterprise_commitment_below_share");
    }
    assert_eq!(c.scenario("strict").unwrap().allocation.ineligible[0].rule, "enterprise_commitment_below_share");
    assert_eq!(c.scenario("unlikely").unwrap().kpis.expected_value, 25.0);
    assert_eq!(c.scenario("baseline").unwrap().kpis.expected_value, 50.0);
}

#[test]
fn forced_projects_are_funded_and_bad_scenarios_name_the_field() {
    let catalog = Catalog::default();
    let mut a = project("A");
    a.impact = 90.0;
    let b = project("B");
    let p = portfolio(vec![a, b]);
    let plan = stratfund::Plan::new(vec![(2026, 70.0)]);
    let force_b = Scenario { force: vec!["B".into()], ..Scenario::named("force_b") };
    let c = compare(&p, &plan, &catalog, &[force_b]).unwrap();
    assert_eq!(c.scenarios[1].entering, vec!["B".to_string()]);
    let bad = Scenario {
        budget_scale: -1.0,
        exclude: vec!["Z".into()],
        group_weights: [("nope".into(), 1.0)].into(),
        success_probability: [("A".into(), 1.5)].into(),
        ..Scenario::named("bad")
    };
    let err = compare(&p, &plan, &catalog, &[bad]).unwrap_err();
    assert_eq!(
        problem_rules(err),
        vec![
            "scenarios[bad].budget_scale out_of_range",
            "scenarios[bad].group_weights.nope unknown_group",
            "scenarios[bad].success_probability.A out_of_range",
            "scenarios[bad].exclude unknown_project",
        ]
    );
    // An infinite scale is not a number >= 0 that the message would seem to ask for.
    let endless = Scenario {
        enterprise_scale: f64::INFINITY,
        budget_scale_by_year: [(2026, f64::INFINITY)].into(),
        enterprise_scale_by_group: [("semiconductors".into(), f64::INFINITY)].into(),
        ..Scenario::named("endless")
    };
    let err = compare(&p, &plan, &catalog, &[endless]).unwrap_err();
    assert_eq!(err.problems().len(), 3, "{err}");
    assert!(err.problems().iter().all(|p| p.message.contains("inf must be a finite number >= 0")), "{err}");
    // Every bad scenario of a set is reported at once, not only the first one.
    let cut = Scenario { budget_scale: -1.0, ..Scenario::named("cut") };
    let ok = Scenario::named("fine");
    let typo = Scenario { exclude: vec!["Z".into()], ..Scenario::named("typo") };
    assert_eq!(
        problem_rules(compare(&p, &plan, &catalog, &[cut, ok, typo]).unwrap_err()),
        vec!["scenarios[cut].budget_scale out_of_range", "scenarios[typo].exclude unknown_project"]
    );
    // So are the projects that two scenarios force although they cannot be funded.
    let mut poor = project("P");
    poor.enterprise_commitment = 0.0;
    let (mut q, mut r) = (poor.clone(), poor);
    (q.id, r.id) = ("Q".into(), "R".into());
    let force = |id: &str| Scenario { force: vec![id.into()], ..Scenario::named(format!("force_{id}")) };
    let err = compare(&portfolio(vec![q, r]), &plan, &catalog, &[force("Q"), force("R")]).unwrap_err();
    let projects: Vec<Option<String>> = err.problems().iter().map(|p| p.project.clone()).collect();
    assert_eq!(projects, [Some("Q".to_string()), Some("R".to_string())], "{err}");
    // A problem of the inputs themselves is reported once, not once per scenario.
    let mut broken = project("B");
    broken.cost = -1.0;
    let err = compare(&portfolio(vec![broken]), &plan, &catalog, &[force("B"), Scenario::named("other")]).unwrap_err();
    assert_eq!(problem_rules(err), ["cost cost_not_positive"]);
    let twice = vec![Scenario::named("x"), Scenario::named("x")];
    assert_eq!(
        problem_rules(compare(&p, &plan, &catalog, &twice).unwrap_err()),
        vec!["scenarios[x].name duplicate_name"]
    );
    let reserved = vec![Scenario::named("baseline")];
    assert_eq!(
        problem_rules(compare(&p, &plan, &catalog, &reserved).unwrap_err()),
        vec!["scenarios[baseline].name reserved_name"]
    );
    // Excluding a mandatory project releases it in that scenario ("what if M were dropped?").
    let mut m = project("M");
    m.mandatory = true;
    let drop_m = Scenario { exclude: vec!["M".into()], ..Scenario::named("drop_m") };
    let c = compare(&portfolio(vec![m]), &plan, &catalog, &[drop_m]).unwrap();
    assert_eq!(c.scenario("drop_m").unwrap().released, ["M"]);
    assert_eq!(c.scenario("drop_m").unwrap().leaving, ["M"]);
}

#[test]
fn scenario_files_read_from_json_and_toml_with_named_errors() {
    let toml = r#"
schema = "stratfund.scenarios/1"

[[scenarios]]
name = "cut"
budget_scale = 0.8
[scenarios.budget_scale_by_year]
2027 = 0.9

[[scenarios]]
name = "weak"
enterprise_scale = 0.7
enterprise_scale_by_group = { semiconductors = 0.5 }
policy = { strategic_min_enterprise_share = 0.3 }
exclude = ["P-1"]
"#;
    let set = scenarios_from_toml(toml, "s.toml").unwrap();
    assert_eq!(set.scenarios.len(), 2);
    assert_eq!(set.scenarios[0].budget_scale_by_year[&2027], 0.9);
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(scenarios_from_json(&json, "s.json").unwrap(), set);
    let err = scenarios_from_toml("[[scenarios]]\nname = \"x\"\nbudget_scal = 2\n", "s.toml").unwrap_err().to_string();
    assert!(err.contains("s.toml") && err.contains("budget_scal"), "{err}");
    let per_year = scenarios_from_json(r#"{"scenarios": [{"name": "x", "budget_scale": {"2027": 0.8}}]}"#, "s.json");
    assert!(per_year.unwrap_err().to_string().contains("budget_scale_by_year"));
    let per_group = scenarios_from_toml("[[scenarios]]\nname = \"x\"\nenterprise_scale = { ai = 0.5 }\n", "s.toml");
    assert!(per_group.unwrap_err().to_string().contains("enterprise_scale_by_group"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.yaml");
    std::fs::write(&path, "x").unwrap();
    assert!(read_scenarios(&path).unwrap_err().to_string().contains(".json or .toml"));
}

#[test]
fn policy_sweep_covers_the_grid_and_compares_with_the_plan() {
    let catalog = Catalog::default();
    let mut a = project("A"); // strategic, 30% enterprise
    a.impact = 90.0;
    let p = portfolio(vec![a]);
    let plan = stratfund::Plan::new(vec![(2026, 1000.0)]);
    let sweep = policy_sweep(&p, &plan, &catalog, &[0.4, 0.6], &[0.2, 0.4]).unwrap();
    assert_eq!(sweep.schema, "stratfund.sweep/1");
    let baseline = &sweep.baseline;
    assert_eq!((baseline.market_min_enterprise_share, baseline.strategic_min_enterprise_share), (0.5, 0.2));
    assert_eq!(baseline.kpis.funded, 1, "A meets the plan's own 20%");
    assert!(baseline.entering.is_empty() && baseline.leaving.is_empty());
    let points = &sweep.points;
    let grid: Vec<(f64, f64)> =
        points.iter().map(|q| (q.market_min_enterprise_share, q.strategic_min_enterprise_share)).collect();
    assert_eq!(grid, vec![(0.4, 0.2), (0.4, 0.4), (0.6, 0.2), (0.6, 0.4)]);
    assert_eq!(points[0].kpis.funded, 1);
    assert_eq!(points[1].kpis.funded, 0);
    assert_eq!(points[1].leaving, vec!["A".to_string()]);
    let err = policy_sweep(&p, &plan, &catalog, &[1.5], &[]).unwrap_err();
    assert_eq!(problem_rules(err), vec!["policy.market_min_enterprise_share invalid_sweep"]);
    // Every bad share of both lists at once.
    let err = policy_sweep(&p, &plan, &catalog, &[1.5, 0.4, 0.4, 0.4], &[-0.1, f64::NAN, 0.2]).unwrap_err();
    let messages: Vec<String> = err.problems().iter().map(|p| format!("{}: {}", p.field, p.message)).collect();
    assert_eq!(
        messages,
        [
            "policy.market_min_enterprise_share: 1.5 is not a share in [0, 1]",
            "policy.market_min_enterprise_share: 0.4 is given twice",
            "policy.strategic_min_enterprise_share: -0.1 is not a share in [0, 1]",
            "policy.strategic_min_enterprise_share: NaN is not a share in [0, 1]",
        ]
    );
}

#[test]
fn a_sweep_point_that_makes_a_mandatory_project_ineligible_releases_it() {
    // M brings 25 of enterprise money for a cost of 100: eligible at 20%, not at 30%.
    let mut m = project("M");
    m.enterprise_commitment = 25.0;
    m.academia_contribution = 0.0;
    m.state_request = Some(75.0);
    m.mandatory = true;
    let p = portfolio(vec![m, project("A")]);
    let points = policy_sweep(&p, &plan(), &Catalog::default(), &[], &[0.2, 0.3]).unwrap().points;
    assert!(points[0].released.is_empty());
    assert_eq!(points[1].released, ["M"]);
    assert_eq!(points[1].leaving, ["M"]);
    assert_eq!(points[1].kpis.ineligible, 1);
    // Under the plan's own thresholds it is still an input error.
    let mut strict = plan();
    strict.policy.strategic_min_enterprise_share = 0.3;
    let err = policy_sweep(&p, &strict, &Catalog::default(), &[], &[0.2]).unwrap_err();
    assert_eq!(problem_rules(err), ["mandatory mandatory_ineligible"]);
}

#[test]
fn an_enterprise_shortfall_releases_the_mandatory_projects_it_makes_ineligible() {
    // M's enterprises bring 30 of 100 (20% needed); at half of it M cannot meet the rule.
    let mut m = project("M");
    m.mandatory = true;
    let p = portfolio(vec![m, project("A")]);
    let shortfall = Scenario { enterprise_scale: 0.5, ..Scenario::named("shortfall") };
    let c = compare(&p, &plan(), &Catalog::default(), &[shortfall]).unwrap();
    let outcome = c.scenario("shortfall").unwrap();
    assert_eq!(outcome.released, ["M"]);
    assert_eq!(outcome.kpis.ineligible, 2, "A is short too");
    assert!(c.scenarios[0].released.is_empty());
    assert!(stratfund::report::comparison_markdown(&c).contains("so released: M"));
    // A project the scenario forces is not released: that stays an input error naming the scenario.
    let forced = Scenario { enterprise_scale: 0.5, force: vec!["A".into()], ..Scenario::named("forced") };
    let err = compare(&p, &plan(), &Catalog::default(), &[forced]).unwrap_err();
    assert!(err.to_string().contains("in scenario `forced`"), "{err}");
    assert_eq!(problem_rules(err), ["mandatory mandatory_ineligible"]);
}

#[test]
fn projects_a_least_state_objective_names_are_released_where_a_scenario_makes_them_ineligible() {
    // N (named by the objective) and M (mandatory) bring 30 of 100: short at half of it, as is A.
    let mut m = project("M");
    m.mandatory = true;
    let p = portfolio(vec![project("N"), m, project("A"), project("B")]);
    let mut least = plan();
    least.objective = stratfund::Objective::MinStateSpend { min_value: None, projects: vec!["N".into(), "B".into()] };
    let shortfall = Scenario { enterprise_scale: 0.5, ..Scenario::named("shortfall") };
    let excluded = Scenario { exclude: vec!["B".into()], ..Scenario::named("without B") };
    let c = compare(&p, &least, &Catalog::default(), &[shortfall, excluded]).unwrap();
    // Released in portfolio order, whichever rule required them; the objective no longer names them.
    assert_eq!(c.scenario("shortfall").unwrap().released, ["N", "M", "B"]);
    assert_eq!(c.scenario("shortfall").unwrap().allocation.totals.funded, 0);
    let without_b = c.scenario("without B").unwrap();
    assert_eq!(without_b.released, ["B"]);
    assert!(without_b.allocation.project("N").unwrap().funded, "N is still named there");
    assert!(stratfund::report::comparison_markdown(&c).contains("so released: N, M, B"));
    // A sweep point that makes N ineligible releases it too; the plan's own thresholds do not.
    let points = policy_sweep(&p, &least, &Catalog::default(), &[], &[0.2, 0.4]).unwrap().points;
    assert!(points[0].released.is_empty());
    assert_eq!(points[1].released, ["N", "M", "B"]);
    let mut strict = least.clone();
    strict.policy.strategic_min_enterprise_share = 0.4;
    let err = compare(&p, &strict, &Catalog::default(), &[]).unwrap_err();
    assert!(problem_rules(err).contains(&"objective.projects mandatory_ineligible".to_string()));
}

/// The shipped demo scenarios compared on the shipped demo inputs.
fn demo_comparison() -> stratfund::scenario::Comparison {
    let config = stratfund::demo::DemoConfig { projects: 300, ..Default::default() };
    let portfolio = stratfund::demo::generate_portfolio(&config);
    let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    let scenarios = stratfund::demo::scenarios().unwrap().scenarios;
    compare(&portfolio, &plan, &Catalog::default(), &scenarios).unwrap()
}

#[test]
fn every_demo_scenario_changes_the_demo_allocation() {
    // A shipped scenario that leaves the allocation as it is shows nothing: the demo's eligible
    // strategic proposals commit at least 30%, so a 30% counterpart share had changed nothing.
    let c = demo_comparison();
    let baseline = c.scenario("baseline").unwrap();
    for s in c.scenarios.iter().filter(|s| s.name != "baseline") {
        let moved = !s.entering.is_empty() || !s.leaving.is_empty();
        let objective_changed = s.kpis.objective != baseline.kpis.objective;
        assert!(moved || objective_changed, "scenario {} changes nothing: {:?}", s.name, s.kpis);
    }
    let stricter = c.scenario("stricter_counterpart").unwrap();
    assert!(stricter.kpis.ineligible > baseline.kpis.ineligible, "{:?}", stricter.kpis);
}

#[test]
fn the_comparison_report_says_why_a_scenario_is_infeasible() {
    let c = demo_comparison();
    let shortfall = c.scenarios.iter().find(|s| s.name == "enterprise_shortfall").unwrap();
    assert_eq!(shortfall.kpis.status, Status::Infeasible);
    let markdown = stratfund::report::comparison_markdown(&c);
    let why = markdown.split("## Why some scenarios are infeasible").nth(1).expect("a section on infeasibility");
    assert!(why.contains("- **enterprise_shortfall**: `group_min:semiconductors`"), "{why}");
    assert!(!why.contains("**baseline**"), "feasible scenarios are not listed: {why}");
}

#[test]
fn the_comparison_report_says_why_projects_leave_each_feasible_scenario() {
    let c = demo_comparison();
    let markdown = stratfund::report::comparison_markdown(&c);
    let line_after = |name: &str| {
        let from = markdown.find(&format!("- **{name}**:")).unwrap();
        markdown[from..].lines().nth(1).unwrap_or_default().to_string()
    };
    // The counts of each scenario's allocation's reasons for its leaving projects.
    for s in c.scenarios.iter().skip(1).filter(|s| s.allocation.explanation.is_none() && !s.leaving.is_empty()) {
        let budget =
            s.leaving.iter().filter(|id| s.allocation.project(id).unwrap().reason.as_deref() == Some("budget"));
        let line = line_after(&s.name);
        assert!(line.starts_with("  - why they leave: "), "{}: {line}", s.name);
        let n = budget.count();
        assert_eq!(
            n > 0,
            line.contains(&format!("the state budget is spent on projects of more value ({n})")),
            "{line}"
        );
    }
    let stricter = line_after("stricter_counterpart");
    assert!(
        stricter.contains("ineligible: the enterprise commitment is below the required share of the cost (2)"),
        "{stricter}"
    );
    // An infeasible scenario's explanation says why; its projects are not counted.
    assert!(!line_after("enterprise_shortfall").contains("why they leave"));
    let vi = stratfund::report::comparison_markdown_in(&c, stratfund::report::Language::Vi);
    assert!(vi.contains("  - lý do ra: "), "{vi}");
}

/// Every level of the demo portfolio of `projects` projects is as good as an independent solve
/// of the scaled plan, within the gap.
fn assert_frontier_within_the_gap_of_independent_solves(projects: usize, levels: &[f64]) {
    let (portfolio, plan) = demo_instance(projects);
    let f = frontier(&portfolio, &plan, &Catalog::default(), levels).unwrap();
    let gap = plan.solver.mip_rel_gap;
    for point in &f.points {
        let mut scaled = plan.clone();
        scaled.state_budget.values_mut().for_each(|b| *b *= point.level);
        let alone = plain_solve(&portfolio, &scaled);
        assert_eq!(point.kpis.status, alone.status, "level {}", point.level);
        let (Some(v), Some(w)) = (point.kpis.objective, alone.objective) else { continue };
        assert!((v - w).abs() <= 2.0 * gap * w.abs(), "level {}: {v} vs {w} alone", point.level);
        assert!(point.kpis.gap.unwrap() <= gap, "level {}: gap {:?}", point.level, point.kpis.gap);
    }
}

/// The demo portfolio of `projects` projects (seed 3) and its plan.
fn demo_instance(projects: usize) -> (stratfund::Portfolio, stratfund::Plan) {
    let config = stratfund::demo::DemoConfig { projects, seed: 3, ..Default::default() };
    let portfolio = stratfund::demo::generate_portfolio(&config);
    let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    (portfolio, plan)
}

#[test]
fn frontier_of_a_larger_portfolio_is_within_the_gap_of_independent_solves() {
    // Large enough for the margin's start to matter, and for some of its optima to be proven by
    // the LP relaxation alone: every level (solved on its own) must be as good as a plain solve.
    let levels: Vec<f64> = (3..=16).map(|k| k as f64 / 10.0).collect();
    assert_frontier_within_the_gap_of_independent_solves(250, &levels);
}

#[test]
fn frontier_of_a_portfolio_whose_levels_are_chained_is_within_the_gap_of_independent_solves() {
    // From 2,500 eligible projects the levels are solved in four chains of consecutive levels,
    // each level starting near the previous level's optimum on a kept model: here two levels per
    // chain. 2,900 generated projects leave 2,560 eligible.
    let (portfolio, plan) = demo_instance(2_900);
    let checked = stratfund::model::check(&portfolio, &plan, &Catalog::default()).unwrap();
    let eligible = checked.eligible.iter().filter(|&&e| e).count();
    assert!(eligible >= 2_500, "only {eligible} eligible projects: the levels would not be chained");
    let levels: Vec<f64> = (4..=11).map(|k| k as f64 / 8.0).collect();
    assert_frontier_within_the_gap_of_independent_solves(2_900, &levels);
}

#[test]
fn a_sweep_says_why_each_leaving_project_is_unfunded_at_its_point() {
    let c = demo_comparison();
    let stricter = c.scenario("stricter_counterpart").unwrap();
    let reasons = stricter.leaving_reasons();
    assert_eq!(reasons.keys().collect::<Vec<_>>(), stricter.leaving.iter().collect::<Vec<_>>());
    for (id, reason) in &reasons {
        assert_eq!(Some(reason), stricter.allocation.project(id).unwrap().reason.as_ref());
    }
    let portfolio = stratfund::io::read_portfolio("examples/data/demo_portfolio.json").unwrap();
    let plan = stratfund::io::read_plan("examples/data/demo_plan.toml").unwrap();
    let sweep =
        stratfund::scenario::policy_sweep(&portfolio, &plan, &Catalog::default(), &[0.4], &[0.2, 0.35]).unwrap();
    let tight = &sweep.points[1];
    assert!(tight.leaving_reasons.values().any(|r| r == "ineligible:enterprise_commitment_below_share"), "{tight:?}");
    assert_eq!(tight.leaving_reasons.len(), tight.leaving.len());
    let markdown = stratfund::report::sweep_markdown(&sweep);
    let why = markdown.split("## Why projects leave at each point").nth(1).expect("a section on why");
    assert!(why.contains("- **0.4 / 0.35**: ") && why.contains("ineligible: the enterprise commitment"), "{why}");
}

/// The comparison with every solve time set to zero (the only figure that varies between runs).
fn timeless(mut c: stratfund::scenario::Comparison) -> stratfund::scenario::Comparison {
    for s in &mut c.scenarios {
        s.kpis.solve_seconds = 0.0;
        s.allocation.solve_seconds = 0.0;
    }
    c
}

#[test]
fn scenarios_solved_in_parallel_give_the_result_of_one_thread_and_of_plain_solves() {
    let config = stratfund::demo::DemoConfig { projects: 120, seed: 4, ..Default::default() };
    let portfolio = stratfund::demo::generate_portfolio(&config);
    let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    let scenarios = stratfund::demo::scenarios().unwrap().scenarios;
    let catalog = Catalog::default();
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        timeless(pool.install(|| compare(&portfolio, &plan, &catalog, &scenarios).unwrap()))
    };
    let one = on(1);
    assert_eq!(one, on(2));
    // Each outcome, in the order given, is what solving that scenario's inputs alone gives.
    let cut = scenarios.iter().find(|s| s.name == "budget_cut_20").unwrap();
    let applied = cut.apply(&portfolio, &plan, &catalog).unwrap();
    let mut alone = solve(&applied.portfolio, &applied.plan).unwrap();
    alone.solve_seconds = 0.0;
    let outcome = one.scenario("budget_cut_20").unwrap();
    assert_eq!(one.scenarios.iter().position(|s| s.name == "budget_cut_20"), Some(1));
    assert_eq!(outcome.allocation.objective, alone.objective);
    assert_eq!(outcome.allocation.projects, alone.projects);
}
