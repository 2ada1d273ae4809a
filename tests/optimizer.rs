//! Crafted cases: each reason code, the least-state tie-break, both objectives, relaxed mode,
//! time limits, and infeasibility explanations naming the right constraint and amount.

mod common;

use common::oracle::violations;
use stratfund::{solve, Bounds, FundingClass, Objective, Plan, Portfolio, Project, Status};

/// A strategic project needing `state` of state money (cost 100, enterprise 100 - state).
fn needs(id: &str, state: f64, impact: f64) -> Project {
    let mut p = Project::new(id, "semiconductors", FundingClass::Strategic, 100.0, impact);
    p.enterprise_commitment = 100.0 - state;
    p
}

fn one_year(budget: f64) -> Plan {
    Plan::new(vec![(2026, budget)])
}

fn reason(a: &stratfund::Allocation, id: &str) -> String {
    a.project(id).unwrap().reason.clone().unwrap_or_default()
}

fn solved(projects: Vec<Project>, plan: &Plan) -> stratfund::Allocation {
    let portfolio = Portfolio::new(projects);
    let a = solve(&portfolio, plan).unwrap();
    if a.status != Status::Infeasible {
        let v = violations(&portfolio, plan, &a);
        assert!(v.is_empty(), "{v:#?}");
    }
    a
}

#[test]
fn budget_reason_and_least_state_use_of_enterprise_money() {
    let mut a = needs("A", 30.0, 50.0);
    a.academia_contribution = 10.0; // state can fall to 20
    let a = solved(vec![a, needs("B", 60.0, 40.0)], &one_year(50.0));
    let pa = a.project("A").unwrap();
    assert!(pa.funded);
    assert!((pa.state - 20.0).abs() < 1e-9 && (pa.enterprise - 70.0).abs() < 1e-9 && (pa.academia - 10.0).abs() < 1e-9);
    assert_eq!(reason(&a, "B"), "budget");
    assert_eq!(a.totals.leverage, Some(80.0 / 20.0));
}

#[test]
fn among_equal_values_the_least_state_money_wins() {
    let a = solved(vec![needs("HEAVY", 60.0, 50.0), needs("LIGHT", 35.0, 50.0)], &one_year(70.0));
    assert!(a.project("LIGHT").unwrap().funded);
    assert!(!a.project("HEAVY").unwrap().funded);
    // a project worth nothing is not funded even when money is left
    let a = solved(vec![needs("A", 20.0, 10.0), needs("ZERO", 20.0, 0.0)], &one_year(100.0));
    assert!(!a.project("ZERO").unwrap().funded);
}

#[test]
fn state_money_that_is_free_to_move_sits_at_its_least() {
    // A partial project whose min grant exceeds its least state money at the smallest scale has a
    // state-money column; so does a project under a group minimum. With money left over, neither
    // may take more state money (and less enterprise or academia money) than its rules need.
    let mut partial = Project::new("PARTIAL", "blockchain", FundingClass::Market, 9.46, 62.6);
    partial.enterprise_commitment = 4.99;
    partial.academia_contribution = 0.97;
    partial.min_fraction = 0.74;
    let mut grouped = needs("GROUPED", 30.0, 40.0);
    grouped.academia_contribution = 10.0; // least state money 20
    let mut other = needs("OTHER", 30.0, 40.0);
    other.group = "semiconductors".into();
    let mut plan = one_year(500.0);
    plan.min_grant = 3.0;
    plan.group_bounds.insert("semiconductors".into(), Bounds { min: Some(45.0), ..Bounds::default() });
    let a = solved(vec![partial, grouped, other], &plan);
    assert_eq!(a.status, Status::Optimal);
    let p = a.project("PARTIAL").unwrap();
    assert_eq!(p.scale, 1.0);
    assert!((p.state - 3.5).abs() < 1e-6 && (p.enterprise - 4.99).abs() < 1e-6, "{p:?}");
    // The group minimum (45) is below the two projects' least (20 + 30): they take exactly that.
    let group_state = a.project("GROUPED").unwrap().state + a.project("OTHER").unwrap().state;
    assert!((group_state - 50.0).abs() < 1e-6, "{group_state}");
    // A minimum of 56 needs 6 more than their least, and no more.
    plan.group_bounds.insert("semiconductors".into(), Bounds { min: Some(56.0), ..Bounds::default() });
    let a = solved(vec![a_project("GROUPED", 20.0), a_project("OTHER", 30.0)], &plan);
    let group_state = a.project("GROUPED").unwrap().state + a.project("OTHER").unwrap().state;
    assert!((group_state - 56.0).abs() < 1e-6, "{group_state}");
    assert!((a.totals.state - 56.0).abs() < 1e-6);
}

#[test]
fn projects_worth_nothing_meet_a_group_minimum_with_the_least_state_money() {
    // The group's weight is 0, so its projects are worth nothing; its minimum still needs one of
    // them. Either keeps the value; the one needing less state money must be chosen.
    let mut projects: Vec<Project> =
        (0..12).map(|k| needs(&format!("V{k}"), 10.0 + k as f64, 30.0 + k as f64)).collect();
    for (id, state) in [("DEAR", 16.5), ("CHEAP", 11.4), ("DEARER", 19.0)] {
        let mut p = needs(id, state, 50.0);
        p.group = "biotech".into();
        projects.push(p);
    }
    let mut plan = one_year(120.0);
    plan.group_weights.insert("biotech".into(), 0.0);
    plan.group_bounds.insert("biotech".into(), Bounds { min: Some(8.59), ..Bounds::default() });
    let a = solved(projects, &plan);
    assert_eq!(a.status, Status::Optimal);
    assert!(a.project("CHEAP").unwrap().funded);
    assert!(!a.project("DEAR").unwrap().funded && !a.project("DEARER").unwrap().funded);
    assert!((a.project("CHEAP").unwrap().state - 11.4).abs() < 1e-9);
}

/// A semiconductors project whose state money may range from `least` to 80 (cost 100).
fn a_project(id: &str, least: f64) -> Project {
    let mut p = needs(id, 70.0, 40.0);
    p.academia_contribution = 70.0 - least;
    p
}

#[test]
fn exclusive_dependency_and_lead_capacity_reasons() {
    let mut x1 = needs("X1", 10.0, 50.0);
    let mut x2 = needs("X2", 10.0, 40.0);
    x1.exclusive_group = Some("site".into());
    x2.exclusive_group = Some("site".into());
    let big = needs("BIG", 80.0, 5.0);
    let mut child = needs("CHILD", 5.0, 30.0);
    child.requires = vec!["BIG".into()];
    let mut leads: Vec<Project> = (0..3).map(|i| needs(&format!("L{i}"), 5.0, 20.0 + i as f64)).collect();
    for p in &mut leads {
        p.lead = Some("VNU".into());
    }
    let mut plan = one_year(60.0);
    plan.max_projects_per_lead = Some(2);
    let mut projects = vec![x1, x2, big, child];
    projects.extend(leads);
    let a = solved(projects, &plan);
    assert_eq!(reason(&a, "X2"), "exclusive:X1");
    assert_eq!(reason(&a, "BIG"), "budget");
    assert_eq!(reason(&a, "CHILD"), "dependency:BIG");
    assert_eq!(reason(&a, "L0"), "lead_capacity:VNU");
}

#[test]
fn every_project_of_the_ineligible_list_has_reason_ineligible_and_its_rule() {
    // MODEL.md section 9: ineligible projects carry reason `ineligible:<rule>`, and `ineligible`
    // repeats them; a project requiring an ineligible one is listed with rule `dependency:<id>`.
    let mut bad = needs("BAD", 10.0, 50.0);
    bad.enterprise_commitment = 5.0;
    let mut child = needs("CHILD", 10.0, 30.0);
    child.requires = vec!["BAD".into()];
    let mut grandchild = needs("GRANDCHILD", 10.0, 30.0);
    grandchild.requires = vec!["CHILD".into()];
    let a = solved(vec![bad, child, grandchild, needs("OK", 10.0, 20.0)], &one_year(100.0));
    let rules: Vec<(&str, &str)> = a.ineligible.iter().map(|i| (i.id.as_str(), i.rule.as_str())).collect();
    assert_eq!(
        rules,
        [("BAD", "enterprise_commitment_below_share"), ("CHILD", "dependency:BAD"), ("GRANDCHILD", "dependency:CHILD")]
    );
    for i in &a.ineligible {
        assert_eq!(reason(&a, &i.id), format!("ineligible:{}", i.rule));
    }
    assert!(a.project("OK").unwrap().funded);
}

#[test]
fn group_and_region_bound_reasons() {
    let mut plan = one_year(1000.0);
    plan.group_bounds.insert("semiconductors".into(), Bounds { max: Some(50.0), ..Bounds::default() });
    let mut other = Project::new("AI", "ai_twin_xr", FundingClass::Market, 100.0, 10.0);
    other.enterprise_commitment = 60.0;
    other.region = Some("Hue".into());
    let mut hue = other.clone();
    hue.id = "AI2".into();
    hue.impact = 5.0;
    plan.region_bounds.insert("Hue".into(), Bounds { max: Some(50.0), ..Bounds::default() });
    let a = solved(vec![needs("S1", 40.0, 50.0), needs("S2", 40.0, 40.0), other, hue], &plan);
    assert_eq!(reason(&a, "S2"), "group_bound:semiconductors");
    assert_eq!(reason(&a, "AI2"), "region_bound:Hue");
}

#[test]
fn min_grant_reason_when_only_the_grant_does_not_fit() {
    // B needs 5 of state money but the minimum grant is 20; after A only 15 is left.
    let mut plan = one_year(45.0);
    plan.min_grant = 20.0;
    let a = solved(vec![needs("A", 30.0, 50.0), needs("B", 5.0, 10.0)], &plan);
    assert!(a.project("A").unwrap().funded);
    assert_eq!(reason(&a, "B"), "min_grant");
}

#[test]
fn partial_funding_scales_money_and_value() {
    let mut p = needs("P", 50.0, 80.0);
    p.min_fraction = 0.4;
    p.success_probability = 0.5;
    let a = solved(vec![p], &one_year(30.0));
    let x = a.project("P").unwrap();
    assert!((x.scale - 0.6).abs() < 1e-9);
    assert!((x.state - 30.0).abs() < 1e-9 && (x.enterprise - 30.0).abs() < 1e-9);
    assert!((x.expected_value - 24.0).abs() < 1e-9);
    assert_eq!(a.totals.expected_value, x.expected_value);
}

#[test]
fn carry_over_moves_unused_money_forward() {
    // LATE needs 80 of state money in 2027, whose own budget is 40: it fits only with carry-over.
    let late = || {
        let mut p = needs("LATE", 80.0, 10.0);
        p.start_year = Some(2027);
        p
    };
    let mut plan = Plan::new(vec![(2026, 100.0), (2027, 40.0)]);
    plan.carry_over = 0.5; // 40 + 0.5 x 100 = 90 available in 2027
    let a = solved(vec![late()], &plan);
    assert!(a.project("LATE").unwrap().funded);
    assert_eq!(a.by_year[&2027].available, 90.0);
    plan.carry_over = 0.3; // 40 + 0.3 x 100 = 70 < 80
    assert_eq!(reason(&solved(vec![late()], &plan), "LATE"), "budget");
}

#[test]
fn weighted_objective_and_unweighted_expected_value() {
    let mut plan = one_year(50.0);
    plan.group_weights.insert("ai_twin_xr".into(), 3.0);
    let mut ai = Project::new("AI", "ai_twin_xr", FundingClass::Market, 100.0, 20.0);
    ai.enterprise_commitment = 60.0;
    let a = solved(vec![ai, needs("S", 40.0, 50.0)], &plan);
    assert!(a.project("AI").unwrap().funded, "weight 3 x 20 beats 50");
    assert_eq!(a.objective, Some(60.0));
    assert_eq!(a.totals.expected_value, 20.0);
}

#[test]
fn min_state_spend_reaches_the_value_with_least_state_money() {
    let mut plan = one_year(500.0);
    plan.objective = Objective::MinStateSpend { min_value: Some(60.0), projects: vec!["C".into()] };
    let a = solved(
        vec![needs("A", 50.0, 40.0), needs("B", 20.0, 30.0), needs("C", 10.0, 5.0), needs("D", 25.0, 30.0)],
        &plan,
    );
    let funded: Vec<&str> = a.projects.iter().filter(|p| p.funded).map(|p| p.id.as_str()).collect();
    assert_eq!(funded, ["B", "C", "D"]);
    assert_eq!(a.objective, Some(55.0));
    assert_eq!(a.objective_kind, "min_state_spend");
}

#[test]
fn min_state_spend_funds_a_named_partial_project_at_its_smallest_scale() {
    // MODEL.md section 4: the objective's projects are funded (z = 1), at any scale they allow; a
    // mandatory project is funded in full (y = 1).
    let mut plan = one_year(500.0);
    plan.objective = Objective::MinStateSpend { min_value: None, projects: vec!["NAMED".into()] };
    let mut named = needs("NAMED", 40.0, 10.0);
    named.min_fraction = 0.25;
    let mut mandatory = needs("MANDATORY", 20.0, 10.0);
    mandatory.min_fraction = 0.5;
    mandatory.mandatory = true;
    let a = solved(vec![named, mandatory, needs("OTHER", 10.0, 10.0)], &plan);
    let scale = |id: &str| a.project(id).unwrap().scale;
    assert!((scale("NAMED") - 0.25).abs() < 1e-9, "{}", scale("NAMED"));
    assert_eq!((scale("MANDATORY"), scale("OTHER")), (1.0, 0.0));
    assert!((a.totals.state - (0.25 * 40.0 + 20.0)).abs() < 1e-9, "{:?}", a.totals);
}

#[test]
fn relaxed_mode_funds_fractions() {
    let mut plan = one_year(50.0);
    plan.solver.relaxed = true;
    let a = solve(&Portfolio::new(vec![needs("A", 40.0, 40.0), needs("B", 40.0, 30.0)]), &plan).unwrap();
    assert!(a.relaxed);
    assert_eq!(a.project("A").unwrap().scale, 1.0);
    assert!((a.project("B").unwrap().scale - 0.25).abs() < 1e-9);
}

#[test]
fn relaxed_mode_reasons_count_fractional_funding() {
    // Q is funded, P only at half scale (so its funding indicator is at most 0.5 / 0.96): lead L
    // carries 1.52 of its 2 projects, so R waits for the budget, not for the lead's capacity.
    let mut plan = one_year(60.0);
    plan.solver.relaxed = true;
    plan.max_projects_per_lead = Some(2);
    let mut projects = vec![needs("Q", 40.0, 100.0), needs("P", 40.0, 60.0), needs("R", 40.0, 20.0)];
    projects[1].min_fraction = 0.96;
    for p in &mut projects {
        p.lead = Some("L".into());
    }
    let a = solve(&Portfolio::new(projects), &plan).unwrap(); // the oracle checks integral funding
    assert!((a.project("P").unwrap().scale - 0.5).abs() < 1e-9);
    assert_eq!(reason(&a, "R"), "budget");
}

#[test]
fn relaxed_mode_explains_a_fractional_count_in_whole_projects() {
    // Only both exclusive projects together reach the value target: the LP needs 0.2 of a second
    // project, reported as one project to drop (not rounded away to an empty explanation).
    let mut plan = one_year(1000.0);
    plan.solver.relaxed = true;
    plan.objective = Objective::MinStateSpend { min_value: Some(120.0), projects: vec![] };
    let mut projects = vec![needs("A", 40.0, 100.0), needs("B", 40.0, 100.0)];
    for p in &mut projects {
        p.exclusive_group = Some("x".into());
    }
    let a = solved(projects, &plan);
    assert_eq!(explanation(&a), [("exclusive:x".to_string(), 1.0)]);
}

#[test]
fn a_tiny_time_limit_is_a_status_not_an_error() {
    let config = stratfund::demo::DemoConfig { projects: 2000, ..Default::default() };
    let portfolio = stratfund::demo::generate_portfolio(&config);
    let mut plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    plan.solver.time_limit_s = Some(1e-4);
    let a = solve(&portfolio, &plan).unwrap();
    assert!(matches!(a.status, Status::TimeLimit | Status::Feasible), "{:?}", a.status);
    if a.status == Status::Feasible {
        assert!(violations(&portfolio, &plan, &a).is_empty());
    } else {
        assert!(a.projects.iter().all(|p| !p.funded) && a.objective.is_none());
        let ineligible: std::collections::HashMap<&str, &str> =
            a.ineligible.iter().map(|i| (i.id.as_str(), i.rule.as_str())).collect();
        for p in &a.projects {
            let expected =
                ineligible.get(p.id.as_str()).map_or("time_limit".to_string(), |r| format!("ineligible:{r}"));
            assert_eq!(p.reason.as_deref(), Some(expected.as_str()), "{}: nothing was decided", p.id);
        }
    }
}

// ------------------------------------------------------------------ infeasible plans

fn explanation(a: &stratfund::Allocation) -> Vec<(String, f64)> {
    assert_eq!(a.status, Status::Infeasible);
    a.explanation.as_ref().unwrap().iter().map(|r| (r.constraint.clone(), r.amount)).collect()
}

#[test]
fn mandatory_projects_over_the_budget() {
    let mut a = needs("P-017", 2000.0 / 1.0e3 * 1000.0 / 100.0, 10.0);
    a.cost = 2500.0;
    a.enterprise_commitment = 500.0;
    a.mandatory = true;
    let mut b = needs("P-102", 0.0, 10.0);
    b.cost = 2520.0;
    b.enterprise_commitment = 900.0;
    b.mandatory = true;
    // A needs 2,000 and B 1,620 of state money: 3,620 > 3,000.
    let alloc = solved(vec![a, b, needs("P-200", 10.0, 99.0)], &one_year(3000.0));
    assert_eq!(explanation(&alloc), [("budget_2026".to_string(), 620.0)]);
    let r = &alloc.explanation.as_ref().unwrap()[0];
    assert!(
        r.message.contains("raise it by 620") && r.message.contains("P-017") && r.message.contains("P-102"),
        "{}",
        r.message
    );
    assert!(alloc.projects.iter().all(|p| !p.funded && p.reason.as_deref() == Some("budget")));
}

#[test]
fn unreachable_group_minimum() {
    let mut plan = one_year(1000.0);
    plan.group_bounds.insert("biotech".into(), Bounds { min: Some(150.0), ..Bounds::default() });
    let mut bio = Project::new("BIO", "biotech", FundingClass::Strategic, 100.0, 10.0);
    bio.enterprise_commitment = 20.0; // at most 80 of state money
    let a = solved(vec![bio, needs("S", 40.0, 50.0)], &plan);
    assert_eq!(explanation(&a), [("group_min:biotech".to_string(), 70.0)]);
}

#[test]
fn group_minimum_share_of_an_empty_group() {
    let mut plan = one_year(1000.0);
    plan.group_bounds.insert("cybersecurity".into(), Bounds { min_share: Some(0.05), ..Bounds::default() });
    let a = solved(vec![needs("S", 40.0, 50.0)], &plan);
    assert_eq!(explanation(&a), [("group_min:cybersecurity".to_string(), 50.0)]);
}

#[test]
fn mandatory_projects_over_a_group_maximum_and_lead_capacity() {
    let mut plan = one_year(1000.0);
    plan.group_bounds.insert("semiconductors".into(), Bounds { max: Some(50.0), ..Bounds::default() });
    plan.max_projects_per_lead = Some(1);
    let mut m: Vec<Project> = (0..2).map(|i| needs(&format!("M{i}"), 40.0, 1.0)).collect();
    for p in &mut m {
        p.mandatory = true;
        p.lead = Some("HUST".into());
    }
    let a = solved(m, &plan);
    assert_eq!(
        explanation(&a),
        [("group_max:semiconductors".to_string(), 30.0), ("lead_capacity:HUST".to_string(), 1.0)]
    );
}

#[test]
fn two_mandatory_projects_in_one_exclusive_group() {
    let mut m: Vec<Project> = (0..2).map(|i| needs(&format!("M{i}"), 10.0, 1.0)).collect();
    for p in &mut m {
        p.mandatory = true;
        p.exclusive_group = Some("site".into());
    }
    let a = solved(m, &one_year(100.0));
    assert_eq!(explanation(&a), [("exclusive:site".to_string(), 1.0)]);
}

#[test]
fn unreachable_value_target() {
    let mut plan = one_year(1000.0);
    plan.objective = Objective::MinStateSpend { min_value: Some(100.0), projects: vec![] };
    let a = solved(vec![needs("A", 10.0, 30.0), needs("B", 10.0, 40.0)], &plan);
    assert_eq!(explanation(&a), [("min_value".to_string(), 30.0)]);
    assert!(a.explanation.unwrap()[0].message.contains("lower min_value by 30"));
}

#[test]
fn different_thread_counts_on_one_caller_thread() {
    // HiGHS keeps one scheduler per OS thread: a service solving with threads = 1 and then 2 on the
    // same thread must still work.
    let config = stratfund::demo::DemoConfig { projects: 80, ..Default::default() };
    let portfolio = stratfund::demo::generate_portfolio(&config);
    let mut plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    let mut results = Vec::new();
    for threads in [1, 2, 1] {
        plan.solver.threads = Some(threads);
        let a = solve(&portfolio, &plan).unwrap_or_else(|e| panic!("threads = {threads}: {e}"));
        results.push(a.objective);
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:?}");
}

#[test]
fn empty_sums_are_reported_as_plain_zeros() {
    // Rust sums an empty f64 iterator to -0.0: no figure of the result may show "-0".
    let mut plan = one_year(1000.0);
    plan.group_bounds.insert("cybersecurity".into(), Bounds { min: Some(50.0), ..Bounds::default() });
    let infeasible = solved(vec![needs("S", 40.0, 50.0)], &plan);
    assert_eq!(infeasible.status, Status::Infeasible);
    let mut worthless = needs("W", 40.0, 0.0);
    worthless.enterprise_commitment = 0.0; // ineligible: nothing can be funded
    let nothing = solved(vec![worthless], &one_year(1000.0));
    assert_eq!(nothing.status, Status::Optimal);
    for allocation in [&infeasible, &nothing] {
        let json = serde_json::to_string(allocation).unwrap();
        assert!(!json.contains("-0.0") && !json.contains(":-0"), "negative zero in {json}");
    }
}

#[test]
fn a_solve_error_of_highs_presolve_is_solved_again_without_it() {
    // Recorded from the proptest case seed 11279795032416241536, n = 9 (gap 1e-7): in the search
    // for the least state money, HiGHS's presolve reduced the sub-MIP to nothing and its
    // postsolved point broke a row by 1.1e-6, so HiGHS ended with a solve error and the whole
    // solve failed ("HiGHS failed: Error"). The run is now repeated without presolve.
    let dir = format!("{}/tests/data/highs_solve_error", env!("CARGO_MANIFEST_DIR"));
    let portfolio = stratfund::io::read_portfolio(format!("{dir}/portfolio.json")).unwrap();
    let plan = stratfund::io::read_plan(format!("{dir}/plan.json")).unwrap();
    let a = stratfund::solve(&portfolio, &plan).unwrap();
    assert_eq!(a.status, stratfund::Status::Optimal);
    assert!(common::oracle::violations(&portfolio, &plan, &a).is_empty());
    let full = common::oracle::full_model(&portfolio, &plan, None).unwrap();
    let got = a.objective.unwrap();
    assert!((got - full).abs() <= 1e-6 * full.abs().max(1.0), "{got} vs {full}");
}

#[test]
fn money_reads_as_the_decimals_it_stands_for() {
    // In binary floating point 20.9 - 14.5 - 1.9 is 4.499999999999998; reported money is on a
    // decimal grid (1e-9 here), so every figure, sum and year amount reads as written.
    let mut p = Project::new("P", "mobile_5g_6g", FundingClass::Market, 20.9, 54.1);
    (p.enterprise_commitment, p.academia_contribution, p.state_request) = (14.5, 1.9, Some(5.1));
    (p.start_year, p.duration_years) = (Some(2026), 4);
    let mut q = Project::new("Q", "biotech", FundingClass::Strategic, 0.3, 1.0);
    (q.enterprise_commitment, q.academia_contribution) = (0.1, 0.0);
    let plan = Plan::new(vec![(2026, 1000.0), (2027, 1000.0), (2028, 1000.0), (2029, 1000.0)]);
    let a = solved(vec![p, q], &plan);
    let p = a.project("P").unwrap();
    assert_eq!((p.state, p.enterprise, p.academia), (4.5, 14.5, 1.9));
    assert!(p.state_by_year.values().all(|&x| x == 1.125), "{:?}", p.state_by_year);
    let q = a.project("Q").unwrap();
    assert_eq!((q.state, q.enterprise), (0.2, 0.1), "0.3 - 0.1 is 0.19999999999999998 in floats");
    assert_eq!(a.totals.state, 4.7);
    assert_eq!(a.by_year[&2026].state, 1.325);
    assert_eq!(a.by_group["mobile_5g_6g"].academia, 1.9);
}

#[test]
fn expected_values_read_as_the_decimals_they_stand_for() {
    // 65.6 x 0.47 is 30.831999999999997 in floats, and sums pick up noise too: reported expected
    // values are on a decimal grid of the portfolio's total expected value.
    let mut p = Project::new("P", "mobile_5g_6g", FundingClass::Market, 10.0, 65.6);
    (p.enterprise_commitment, p.success_probability) = (5.0, 0.47);
    let mut q = Project::new("Q", "mobile_5g_6g", FundingClass::Market, 10.0, 0.7);
    (q.enterprise_commitment, q.success_probability) = (5.0, 0.6);
    assert_ne!(65.6 * 0.47, 30.832);
    assert_ne!(30.832 + 0.42, 31.252);
    let a = solved(vec![p, q], &Plan::new(vec![(2026, 100.0)]));
    assert_eq!(a.project("P").unwrap().expected_value, 30.832);
    assert_eq!(a.project("Q").unwrap().expected_value, 0.42);
    assert_eq!(a.totals.expected_value, 31.252);
    assert_eq!(a.by_group["mobile_5g_6g"].expected_value, 31.252);
}

/// A plan made feasible by exactly the relaxations its explanation gives sits on the edge of
/// HiGHS's tolerances: HiGHS calls it infeasible, yet the elastic model needs no relaxation above
/// the explanation's threshold. It is feasible within the contract's tolerance (1e-6 of the
/// budget), so it is solved there, not reported infeasible with an empty explanation.
#[test]
fn a_plan_feasible_within_the_tolerance_is_solved_not_called_infeasible() {
    use common::random::{instance, Shape};
    let (portfolio, plan) =
        instance(12423994176412504333, Shape { projects: 6, amount_bounds: false, min_state: true });
    let first = solve(&portfolio, &plan).unwrap();
    assert_eq!(first.status, Status::Infeasible);
    let mut fixed = plan.clone();
    let total = plan.total_budget();
    for b in fixed.group_bounds.values_mut() {
        *b = Bounds { min: b.lower(total), max: b.upper(total), ..Bounds::default() };
    }
    for r in first.explanation.as_ref().unwrap() {
        match r.constraint.as_str() {
            "group_max:semiconductors" => {
                *fixed.group_bounds.get_mut("semiconductors").unwrap().max.as_mut().unwrap() += r.amount
            }
            "budget_2027" => *fixed.state_budget.get_mut(&2027).unwrap() += r.amount,
            other => panic!("the recorded case relaxes two rows, not {other}"),
        }
    }
    let again = solve(&portfolio, &fixed).unwrap();
    assert_eq!(again.status, Status::Optimal, "{:?}", again.explanation);
    // Within the contract's tolerance of every rule of the plan as given.
    assert_eq!(violations(&portfolio, &fixed, &again), Vec::<String>::new());
}

/// A value target a billionth below the best value a plan reaches: HiGHS 1.15's presolve calls the
/// `min_state_spend` model infeasible, yet the best allocation of the `max_value` model meets the
/// target. The plan is solved (without HiGHS's presolve), not reported infeasible with an empty
/// explanation. Found by a random search (seed 20527 of `common::random`).
#[test]
fn a_value_target_just_below_the_best_value_is_reached_not_called_infeasible() {
    use common::random::{instance, Shape};
    let (portfolio, plan) = instance(20527, Shape { projects: 30, amount_bounds: false, min_state: true });
    let best = solve(&portfolio, &plan).unwrap();
    assert_eq!(best.status, Status::Optimal);
    let best_value = best.objective.unwrap();
    let target = best_value * (1.0 - 1e-9);
    let objective = Objective::MinStateSpend { min_value: Some(target), projects: Vec::new() };
    let least = Plan { objective, ..plan.clone() };
    let allocation = solve(&portfolio, &least).unwrap();
    assert_eq!(allocation.status, Status::Optimal, "{:?}", allocation.explanation);
    assert_eq!(violations(&portfolio, &least, &allocation), Vec::<String>::new());
    // The max_value allocation meets the target, so the least state money is at most its own.
    let tolerance = 1e-6 * plan.total_budget();
    assert!(allocation.totals.state <= best.totals.state + tolerance);
    let value: f64 = portfolio
        .projects
        .iter()
        .zip(&allocation.projects)
        .map(|(p, a)| plan.group_weight(&p.group) * p.impact * p.success_probability * a.scale)
        .sum();
    assert!(value >= target * (1.0 - 1e-7), "value {value} below the target {target}");
}

#[test]
fn a_budget_far_below_the_requests_is_solved_and_explained() {
    // A budget of 1e-300 once made the least-state tie-break's epsilon (taken of the most state
    // money an allocation can spend) about 1e294, and HiGHS ended without a status.
    for budget in [1e-300, 5e-324] {
        let projects = || vec![needs("A", 30.0, 50.0), needs("FREE", 0.0, 10.0)];
        let a = solved(projects(), &one_year(budget));
        assert_eq!(a.status, Status::Optimal, "budget {budget}");
        assert!(a.project("FREE").unwrap().funded && a.project("FREE").unwrap().state == 0.0);
        assert_eq!(reason(&a, "A"), "budget");
        let mut plan = one_year(budget);
        plan.group_bounds.insert("semiconductors".into(), Bounds { min: Some(10.0), ..Default::default() });
        let a = solved(projects(), &plan);
        assert_eq!(a.status, Status::Infeasible, "budget {budget}");
        let explanation = a.explanation.unwrap();
        assert!(explanation.iter().any(|r| (r.amount - 10.0).abs() < 1e-6), "budget {budget}: {explanation:?}");
    }
}

#[test]
fn a_value_target_missed_by_a_hair_that_nothing_can_reach_is_still_explained() {
    // Nothing is eligible (enterprise money below the market share), and the target is a hair
    // above 0: below the explanation's noise threshold (1e-7 of the budget), yet not reachable.
    let mut a = Project::new("A", "biotech", FundingClass::Market, 10.0, 100.0);
    a.enterprise_commitment = 1.0;
    let mut plan = one_year(400.0);
    plan.objective = Objective::MinStateSpend { min_value: Some(1.3e-5), projects: vec![] };
    let allocation = solve(&Portfolio::new(vec![a]), &plan).unwrap();
    assert_eq!(allocation.status, Status::Infeasible);
    let explanation = allocation.explanation.expect("an infeasible plan is explained");
    assert_eq!(explanation.len(), 1, "{explanation:?}");
    assert_eq!(explanation[0].constraint, "min_value");
    assert!(explanation[0].amount >= 1.3e-5, "{explanation:?}");
}
