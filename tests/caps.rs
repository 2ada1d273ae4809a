//! The National Product Programme's caps on the state share by cost category (CATALOG.md,
//! "Related rules worth modelling (reported, configurable, off by default)"): a project breaks its
//! cost down in `cost_categories`, the plan caps the state's share of each category in
//! `policy.state_share_caps`, and the project's state money is at most the sum of cap x amount.
//!
//! The references: the independent oracle (`common::oracle`, which writes the cap as its own row
//! of the full model), and a twin portfolio whose state requests are lowered to the caps' sum,
//! which must solve exactly alike.

mod common;

use std::collections::BTreeMap;

use common::oracle::{full_model, state_cap, violations};
use common::random::{instance, Shape};
use common::{plan, portfolio, project};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use stratfund::monitor::{replan, ReplanPolicy};
use stratfund::{solve, validate, Allocation, Catalog, FundingClass, Plan, Portfolio, Project, Status};

const CATEGORIES: [&str; 3] = ["research", "technology_completion", "pilot_materials"];

/// The programme's caps: research in full, completion and pilot production at half, materials
/// and test equipment at 30%.
fn programme_caps() -> BTreeMap<String, f64> {
    [("research", 1.0), ("technology_completion", 0.5), ("pilot_materials", 0.3)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

fn categories(amounts: [f64; 3]) -> BTreeMap<String, f64> {
    CATEGORIES.iter().zip(amounts).filter(|(_, a)| *a > 0.0).map(|(k, a)| (k.to_string(), a)).collect()
}

/// The instance of `seed` with most projects' costs broken down by category and the plan capping
/// them (caps drawn around the programme's).
fn capped_instance(seed: u64) -> (Portfolio, Plan) {
    let (mut portfolio, mut plan) =
        instance(seed, Shape { projects: 14, amount_bounds: seed % 2 == 0, min_state: true });
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    plan.policy.state_share_caps = [
        ("research", 1.0),
        ("technology_completion", rng.gen_range(0.3..0.8)),
        ("pilot_materials", rng.gen_range(0.1..0.5)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for p in &mut portfolio.projects {
        if !rng.gen_bool(0.85) {
            continue;
        }
        let weights: [f64; 3] = [rng.gen_range(0.05..1.0), rng.gen_range(0.0..1.0), rng.gen_range(0.0..1.0)];
        let total: f64 = weights.iter().sum();
        let research = p.cost * weights[0] / total;
        let completion = p.cost * weights[1] / total;
        // The last category takes what the others leave, so the amounts sum to the cost.
        p.cost_categories = categories([research, completion, p.cost - research - completion]);
    }
    // A group minimum wants more state money in its group than the least each project needs:
    // its projects' state money then rises up to what the caps allow.
    if seed % 2 == 0 {
        let group = portfolio.projects[0].group.clone();
        let floor = stratfund::Bounds { min_share: Some(0.3), ..Default::default() };
        plan.group_bounds.insert(group, floor);
    }
    (portfolio, plan)
}

/// The same inputs with each state request lowered to what the caps allow and no caps.
fn twin(portfolio: &Portfolio, plan: &Plan) -> (Portfolio, Plan) {
    let mut uncapped = portfolio.clone();
    for p in &mut uncapped.projects {
        let cap = state_cap(plan, p);
        p.state_request = Some(p.state_request.unwrap_or(p.cost).min(cap));
        p.cost_categories.clear();
    }
    let mut plan = plan.clone();
    plan.policy.state_share_caps.clear();
    (uncapped, plan)
}

/// A rule as the twin's lowered request breaks it.
fn same(rule: &str) -> String {
    rule.replace("state_caps_below_state_share", "state_request_below_state_share")
}

fn rules(a: &Allocation) -> Vec<(String, String)> {
    a.ineligible.iter().map(|i| (i.id.clone(), same(&i.rule))).collect()
}

#[test]
fn caps_keep_every_rule_reach_the_full_model_and_solve_as_lowered_requests_do() {
    let (mut optimal, mut infeasible, mut capped_out, mut at_cap) = (0, 0, 0, 0);
    for seed in 0..120 {
        let (portfolio, plan) = capped_instance(seed);
        if !validate(&portfolio, &plan, &Catalog::default()).is_ok() {
            continue; // a mandatory project the caps make ineligible: an input error (tested below)
        }
        let a = solve(&portfolio, &plan).unwrap();
        let (lowered, uncapped) = twin(&portfolio, &plan);
        let b = solve(&lowered, &uncapped).unwrap();
        assert_eq!(a.status, b.status, "seed {seed}");
        assert_eq!(rules(&a), rules(&b), "seed {seed}");
        capped_out += a
            .ineligible
            .iter()
            .filter(|i| i.detail.contains("cost-category caps") || i.rule == "state_caps_below_state_share")
            .count();
        if a.status == Status::Infeasible {
            infeasible += 1;
            assert!(full_model(&portfolio, &plan, None).is_none(), "seed {seed}: the full model is feasible");
            let relaxations = |x: &Allocation| -> Vec<(String, String)> {
                x.explanation.iter().flatten().map(|r| (r.constraint.clone(), format!("{:.6}", r.amount))).collect()
            };
            assert_eq!(relaxations(&a), relaxations(&b), "seed {seed}");
            continue;
        }
        optimal += 1;
        assert_eq!(violations(&portfolio, &plan, &a), Vec::<String>::new(), "seed {seed}");
        let best = full_model(&portfolio, &plan, None).expect("feasible");
        let objective = a.objective.unwrap();
        let gap = 1e-6 * best.abs().max(1.0);
        match plan.objective {
            stratfund::Objective::MaxValue => assert!(objective >= best - gap, "seed {seed}: {objective} < {best}"),
            _ => assert!(a.totals.state <= best + gap, "seed {seed}: {} > {best}", a.totals.state),
        }
        assert!((objective - b.objective.unwrap()).abs() <= gap, "seed {seed}");
        for (x, y) in a.projects.iter().zip(&b.projects) {
            assert_eq!(
                (x.funded, x.reason.as_deref().map(same)),
                (y.funded, y.reason.clone()),
                "seed {seed}: {}",
                x.id
            );
            assert!((x.state - y.state).abs() <= 1e-6 * plan.total_budget(), "seed {seed}: {}", x.id);
        }
        for (p, x) in portfolio.projects.iter().zip(&a.projects).filter(|(_, x)| x.funded) {
            let cap = state_cap(&plan, p);
            let below_request = cap < p.state_request.unwrap_or(p.cost) - 1e-9;
            at_cap += usize::from(below_request && x.state >= cap * x.scale - 1e-6 * plan.total_budget());
        }
    }
    assert!(
        optimal >= 70 && infeasible >= 10 && capped_out >= 100 && at_cap >= 10,
        "{optimal} optimal, {infeasible} infeasible, {capped_out} kept out by the caps, {at_cap} funded at the cap"
    );
}

/// A strategic project of cost 100: research 40, technology completion 30, pilot materials 30.
fn pilot() -> Project {
    let mut p = project("PILOT");
    p.class = FundingClass::Strategic;
    p.cost = 100.0;
    p.state_request = None; // asks the whole cost
    p.enterprise_commitment = 20.0;
    p.academia_contribution = 10.0;
    p.cost_categories = categories([40.0, 30.0, 30.0]);
    p
}

#[test]
fn the_caps_decide_what_a_project_can_receive_and_why_it_is_ineligible() {
    let mut plan = plan();
    plan.state_budget.insert(2026, 500.0);
    // Without caps: the state covers the 70 the others leave.
    let a = solve(&portfolio(vec![pilot()]), &plan).unwrap();
    assert_eq!(a.project("PILOT").unwrap().state, 70.0);
    // The programme's caps allow 40 + 0.5 x 30 + 0.3 x 30 = 64 < 70: financing falls short.
    plan.policy.state_share_caps = programme_caps();
    let a = solve(&portfolio(vec![pilot()]), &plan).unwrap();
    let why = &a.ineligible[0];
    assert_eq!(why.rule, "financing_below_cost");
    assert_eq!(
        why.detail,
        "financing_below_cost: state money under the cost-category caps 64 + enterprise_commitment + \
         academia_contribution = 94 < cost 100"
    );
    assert_eq!(a.project("PILOT").unwrap().reason.as_deref(), Some("ineligible:financing_below_cost"));
    // More academia money closes the gap: 60 of state money, within the 64.
    let mut funded = pilot();
    funded.academia_contribution = 20.0;
    let a = solve(&portfolio(vec![funded.clone()]), &plan).unwrap();
    assert_eq!(a.project("PILOT").unwrap().state, 60.0);
    // A minimum grant above the caps' 64 makes it ineligible, as a smaller request would.
    plan.min_grant = 65.0;
    let a = solve(&portfolio(vec![funded.clone()]), &plan).unwrap();
    assert_eq!(a.ineligible[0].rule, "below_min_grant");
    assert!(a.ineligible[0].detail.contains("cost-category caps 64) = 64 < min_grant 65"), "{:?}", a.ineligible);
    // A state share the caps cannot reach has a rule of its own.
    plan.min_grant = 0.0;
    plan.policy.strategic_min_state_share = Some(0.7);
    let a = solve(&portfolio(vec![funded.clone()]), &plan).unwrap();
    assert_eq!(a.ineligible[0].rule, "state_caps_below_state_share");
    for language in [stratfund::report::Language::En, stratfund::report::Language::Vi] {
        let words = language.reason("ineligible:state_caps_below_state_share");
        assert!(!words.contains('_'), "{language}: {words}");
    }
    // A mandatory project the caps keep out is an input error naming why.
    funded.mandatory = true;
    let error = solve(&portfolio(vec![funded]), &plan).unwrap_err().to_string();
    assert!(error.contains("state_caps_below_state_share"), "{error}");
}

#[test]
fn a_group_minimum_takes_state_money_up_to_the_caps_only() {
    // Enterprise money could cover 80 of the 100, but a group minimum of 70 wants more state
    // money in the group: the caps (64) stop it, and the plan is explained as infeasible.
    let mut p = pilot();
    p.enterprise_commitment = 80.0;
    let mut plan = plan();
    plan.state_budget.insert(2026, 500.0);
    plan.policy.state_share_caps = programme_caps();
    let group = p.group.clone();
    plan.group_bounds.insert(group.clone(), stratfund::Bounds { min: Some(60.0), ..Default::default() });
    let a = solve(&portfolio(vec![p.clone()]), &plan).unwrap();
    assert_eq!(a.project("PILOT").unwrap().state, 60.0);
    plan.group_bounds.insert(group.clone(), stratfund::Bounds { min: Some(70.0), ..Default::default() });
    let a = solve(&portfolio(vec![p]), &plan).unwrap();
    assert_eq!(a.status, Status::Infeasible);
    let relaxation = &a.explanation.unwrap()[0];
    assert_eq!(relaxation.constraint, format!("group_min:{group}"));
    assert!((relaxation.amount - 6.0).abs() < 1e-6, "{relaxation:?}");
}

#[test]
fn categories_and_caps_are_checked_with_every_problem_named() {
    let mut plan = plan();
    plan.policy.state_share_caps = programme_caps();
    plan.policy.state_share_caps.insert("equipment".into(), 1.5);
    let mut a = pilot();
    a.cost_categories.insert("reserch".into(), 5.0); // misspelt, and the sum is now 105
    let mut b = pilot();
    b.id = "B".into();
    b.cost_categories.insert("research".into(), -40.0);
    let mut c = pilot();
    c.id = "C".into();
    c.cost_categories.clear(); // no breakdown: not capped (a note)
    let report = validate(&portfolio(vec![a, b, c]), &plan, &Catalog::default());
    let found: Vec<(Option<&str>, &str, &str)> =
        report.problems.iter().map(|p| (p.project.as_deref(), p.field.as_str(), p.rule.as_str())).collect();
    assert_eq!(
        found,
        [
            (None, "policy.state_share_caps.equipment", "share_out_of_range"),
            (Some("PILOT"), "cost_categories", "categories_mismatch"),
            (Some("B"), "cost_categories.research", "negative_amount"),
            (Some("PILOT"), "cost_categories.reserch", "uncapped_category"),
        ]
    );
    let typo = &report.problems[3].message;
    assert!(typo.ends_with("did you mean `research`?"), "{typo}");
    assert!(report.problems[1].message.contains("sum to 105, not to the cost 100"), "{}", report.problems[1].message);
    let note = &report.notes[0];
    assert_eq!((note.field.as_str(), note.rule.as_str()), ("policy.state_share_caps", stratfund::model::UNCATEGORISED));
    assert!(
        note.message
            .starts_with("1 of 3 projects gives no cost_categories, so policy.state_share_caps does not cap its")
            && note.message.contains("`C`")
    );
    // A category the caps do not name, without a near spelling, says how to leave it uncapped.
    let mut d = pilot();
    d.cost_categories = categories([40.0, 30.0, 0.0]);
    d.cost_categories.insert("overhead".into(), 30.0);
    plan.policy.state_share_caps.remove("equipment");
    let report = validate(&portfolio(vec![d]), &plan, &Catalog::default());
    assert!(report.problems[0].message.ends_with("add `overhead = 1.0` to the caps"), "{:?}", report.problems);
    // Without caps, a breakdown is only described: nothing to check it against.
    plan.policy.state_share_caps.clear();
    let mut e = pilot();
    e.cost_categories.insert("overhead".into(), 0.0);
    assert!(validate(&portfolio(vec![e]), &plan, &Catalog::default()).is_ok());
}

#[test]
fn categories_and_caps_are_read_and_written_in_every_format() {
    let toml = "years = [2026]\n[state_budget]\n2026 = 100.0\n\
                [policy.state_share_caps]\nresearch = 1.0\ntechnology_completion = 0.5\npilot_materials = 0.3\n";
    let plan = stratfund::io::plan_from_toml(toml, "plan.toml").unwrap();
    assert_eq!(plan.policy.state_share_caps, programme_caps());
    let json = serde_json::to_string(&plan).unwrap();
    assert_eq!(stratfund::io::plan_from_json(&json, "plan.json").unwrap(), plan);
    assert!(!serde_json::to_string(&Plan::new(vec![(2026, 1.0)])).unwrap().contains("state_share_caps"));
    let typo = toml.replace("[policy.state_share_caps]", "[policy.state_share_cap]");
    let error = stratfund::io::plan_from_toml(&typo, "plan.toml").unwrap_err().to_string();
    assert!(error.contains("state_share_cap") && error.contains("did you mean `state_share_caps`"), "{error}");
    // Portfolios: JSON, and CSV with a `cost_categories` column only when a project has one.
    let mut other = project("OTHER");
    other.enterprise_commitment = 10.0;
    let portfolio = portfolio(vec![pilot(), other]);
    let json = serde_json::to_string(&portfolio).unwrap();
    assert!(json.contains(r#""cost_categories":{"pilot_materials":30.0,"research":40.0,"technology_completion":30.0}"#));
    assert_eq!(stratfund::io::portfolio_from_json(&json, "p.json").unwrap(), portfolio);
    let csv = stratfund::io::csv::portfolio_to_csv(&portfolio).unwrap();
    assert!(csv.contains(",pilot_materials:30;research:40;technology_completion:30,"), "{csv}");
    assert_eq!(stratfund::io::csv::portfolio_from_csv(&csv, "p.csv").unwrap(), portfolio);
    let plain = stratfund::io::csv::portfolio_to_csv(&Portfolio::new(vec![project("A")])).unwrap();
    assert!(!plain.contains("cost_categories"), "{plain}");
    // A pandas dict written to CSV reads too; a bad cell is named with its row and project.
    let header = "id,group,class,cost,impact,cost_categories\n";
    let dict = format!("{header}A,biotech,market,10,1,\"{{'research': 6.0, 'pilot_materials': 4.0}}\"\n");
    let read = stratfund::io::csv::portfolio_from_csv(&dict, "p.csv").unwrap();
    assert_eq!(read.projects[0].cost_categories, categories([6.0, 0.0, 4.0]));
    let bad = format!("{header}A,biotech,market,10,1,research=6;pilot_materials:4\n");
    let error = stratfund::io::csv::portfolio_from_csv(&bad, "p.csv").unwrap_err().to_string();
    assert!(
        error.contains("cost_categories") && error.contains("project A") && error.contains("research=6"),
        "{error}"
    );
    // Columns (what a DataFrame holds) round-trip too.
    let columns = stratfund::io::columns::portfolio_to_columns(&portfolio);
    assert_eq!(columns[9].0, "cost_categories");
    let mut again = stratfund::io::columns::portfolio_from_columns(columns, "<DataFrame>").unwrap();
    again.catalog = portfolio.catalog.clone();
    assert_eq!(again, portfolio);
}

#[test]
fn a_replan_keeps_the_caps_for_waiting_proposals_and_not_for_remainders() {
    let config = stratfund::demo::DemoConfig { projects: 60, ..Default::default() };
    let mut demo = stratfund::demo::generate_portfolio(&config);
    let mut plan = stratfund::demo::generate_plan(&demo, &config, 0.45);
    // Research is half of each cost; the rest is technology completion (capped at 50%), so the
    // caps allow 75% of the cost.
    for p in &mut demo.projects {
        p.cost_categories = categories([0.5 * p.cost, p.cost - 0.5 * p.cost, 0.0]);
    }
    plan.policy.state_share_caps = programme_caps();
    let catalog = Catalog::default();
    let allocation = solve(&demo, &plan).unwrap();
    assert_eq!(allocation.status, Status::Optimal);
    assert!(violations(&demo, &plan, &allocation).is_empty());
    let progress = stratfund::demo::generate_progress(&allocation, 2026, 57);
    let r = replan(&demo, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default()).unwrap();
    assert_eq!(r.plan.policy.state_share_caps, programme_caps());
    let funded: Vec<&str> = allocation.projects.iter().filter(|p| p.funded).map(|p| p.id.as_str()).collect();
    let mut remainders = 0;
    for p in &r.portfolio.projects {
        if funded.contains(&p.id.as_str()) {
            remainders += 1;
            assert!(p.cost_categories.is_empty(), "{}: a remainder's state money is what is left of its grant", p.id);
        } else {
            assert_eq!(p.cost_categories, demo.project(&p.id).unwrap().cost_categories, "{}", p.id);
        }
    }
    assert!(remainders > 0 && remainders < r.portfolio.projects.len());
    assert_eq!(r.allocation.status, Status::Optimal);
}

#[test]
fn a_scenario_raises_one_cap_and_keeps_the_others() {
    let mut plan = plan();
    plan.state_budget.insert(2026, 500.0);
    plan.policy.state_share_caps = programme_caps();
    let toml = r#"
        [[scenarios]]
        name = "pilot_at_half"
        policy = { state_share_caps = { pilot_materials = 0.5 } }
        [[scenarios]]
        name = "bad_cap"
        policy = { state_share_caps = { pilot_materials = 1.5 } }
    "#;
    let scenarios = stratfund::scenario::scenarios_from_toml(toml, "s.toml").unwrap().scenarios;
    let catalog = Catalog::default();
    // The pilot needs 70 of state money; the programme's caps allow 64, with materials at half 70.
    let error = stratfund::scenario::compare(&portfolio(vec![pilot()]), &plan, &catalog, &scenarios).unwrap_err();
    let problems: Vec<(String, String)> = error.problems().iter().map(|p| (p.field.clone(), p.rule.clone())).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].0.ends_with("policy.state_share_caps.pilot_materials"), "{problems:?}");
    assert!(error.to_string().contains("bad_cap"), "{error}");
    let c = stratfund::scenario::compare(&portfolio(vec![pilot()]), &plan, &catalog, &scenarios[..1]).unwrap();
    assert_eq!(c.scenario("baseline").unwrap().allocation.ineligible[0].rule, "financing_below_cost");
    let raised = &c.scenario("pilot_at_half").unwrap().allocation;
    assert!(raised.ineligible.is_empty() && raised.project("PILOT").unwrap().state == 70.0, "{raised:?}");
    assert_eq!(c.scenario("pilot_at_half").unwrap().entering, ["PILOT"]);
}
