//! The plan's `priority_bounds`: a floor (or a cap) on the state money of the projects whose
//! product the catalog flags `priority` (CATALOG.md: "Expose them as a `priority` flag so a plan
//! can set a floor on them").
//!
//! The reference is the model's own group bounds: when the priority projects are exactly one
//! group's projects, a priority bound must give what the same bound on that group gives.

mod common;

use common::random::{instance, Shape};
use common::{plan, portfolio, project};
use stratfund::monitor::{replan, ReplanPolicy};
use stratfund::scenario::frontier;
use stratfund::{solve, validate, Allocation, Bounds, Catalog, Plan, Portfolio, Status};

/// A priority product of group `ai_twin_xr` in the compiled-in catalog.
const PRIORITY_PRODUCT: &str = "vietnamese_llm";
const GROUP: &str = "ai_twin_xr";

/// The instance of `seed` with every `ai_twin_xr` project making a priority product, and two
/// plans: one bounding that group's state money, one bounding the priority products' instead.
fn twin_plans(seed: u64) -> (Portfolio, Plan, Plan) {
    let (mut portfolio, mut plan) =
        instance(seed, Shape { projects: 14, amount_bounds: seed % 2 == 0, min_state: true });
    for p in portfolio.projects.iter_mut().filter(|p| p.group == GROUP) {
        p.product = Some(PRIORITY_PRODUCT.into());
    }
    let total = plan.total_budget();
    let bound = plan.group_bounds.remove(GROUP).unwrap_or_else(|| match seed % 3 {
        0 => Bounds { min_share: Some(0.2 + 0.02 * (seed % 10) as f64), ..Bounds::default() },
        1 => Bounds { max: Some(0.15 * total), ..Bounds::default() },
        _ => Bounds { min: Some(0.1 * total), max_share: Some(0.5), ..Bounds::default() },
    });
    let mut by_group = plan.clone();
    by_group.group_bounds.insert(GROUP.into(), bound);
    plan.priority_bounds = Some(bound);
    (portfolio, by_group, plan)
}

fn priority_state(portfolio: &Portfolio, a: &Allocation) -> f64 {
    let priority = |id: &str| portfolio.project(id).is_some_and(|p| p.product.as_deref() == Some(PRIORITY_PRODUCT));
    a.projects.iter().filter(|p| priority(&p.id)).map(|p| p.state).sum()
}

/// The label of a group-bound row as the same bound on the priority products.
fn as_priority(label: &str) -> String {
    label.replace(&format!("group_min:{GROUP}"), "priority_min").replace(&format!("group_max:{GROUP}"), "priority_max")
}

#[test]
fn a_priority_bound_gives_what_the_same_bound_on_the_group_of_those_projects_gives() {
    let (mut compared, mut infeasible, mut binding) = (0, 0, 0);
    for seed in 0..60 {
        let (portfolio, by_group, by_priority) = twin_plans(seed);
        let (a, b) = (solve(&portfolio, &by_group).unwrap(), solve(&portfolio, &by_priority).unwrap());
        assert_eq!(a.status, b.status, "seed {seed}");
        if a.status == Status::Infeasible {
            infeasible += 1;
            let relaxations = |x: &Allocation| {
                let mut r: Vec<(String, String)> = x
                    .explanation
                    .iter()
                    .flatten()
                    .map(|r| (as_priority(&r.constraint), format!("{:.6}", r.amount)))
                    .collect();
                r.sort();
                r
            };
            assert_eq!(relaxations(&a), relaxations(&b), "seed {seed}");
            continue;
        }
        compared += 1;
        let (v, w) = (a.objective.unwrap(), b.objective.unwrap());
        assert!((v - w).abs() <= 2e-6 * v.abs().max(1.0), "seed {seed}: {v} against {w}");
        let tol = 1e-6 * by_priority.total_budget();
        let bound = by_priority.priority_bounds.as_ref().unwrap();
        let money = priority_state(&portfolio, &b);
        let total = by_priority.total_budget();
        assert!(bound.lower(total).is_none_or(|lo| money >= lo - tol), "seed {seed}: {money} below {bound:?}");
        assert!(bound.upper(total).is_none_or(|hi| money <= hi + tol), "seed {seed}: {money} above {bound:?}");
        let prices = |x: &Allocation| -> Vec<(String, String)> {
            x.shadow_prices.iter().map(|(k, p)| (as_priority(k), format!("{p:.4}"))).collect()
        };
        let (mut pa, mut pb) = (prices(&a), prices(&b));
        pa.sort();
        pb.sort();
        assert_eq!(pa, pb, "seed {seed}");
        binding += usize::from(pb.iter().any(|(k, p)| k.starts_with("priority_") && p != "0.0000"));
        let funded = |x: &Allocation| x.projects.iter().map(|p| p.funded).collect::<Vec<_>>();
        if funded(&a) == funded(&b) {
            let reasons = |x: &Allocation| {
                x.projects
                    .iter()
                    .map(|p| p.reason.clone().map(|r| r.replace(&format!("group_bound:{GROUP}"), "priority_bound")))
                    .collect::<Vec<_>>()
            };
            assert_eq!(reasons(&a), reasons(&b), "seed {seed}");
        }
    }
    assert!(
        compared >= 30 && infeasible >= 3 && binding >= 5,
        "{compared} compared, {infeasible} infeasible, {binding} binding"
    );
}

#[test]
fn a_floor_on_priority_products_moves_money_to_them_across_groups() {
    let mut llm = project("LLM");
    llm.group = GROUP.into();
    llm.product = Some("Vietnamese large language models".into()); // by its English name
    llm.impact = 10.0;
    let mut uav = project("UAV");
    uav.group = "aerospace_uav".into();
    uav.product = Some("uav".into());
    uav.impact = 10.0;
    let chip = project("CHIP"); // worth more, not a priority product
    let portfolio = portfolio(vec![llm, uav, chip]);
    let mut budget = Plan::new(vec![(2026, 130.0)]);
    let a = solve(&portfolio, &budget).unwrap();
    assert!(a.project("CHIP").unwrap().funded);
    budget.priority_bounds = Some(Bounds { min: Some(120.0), ..Bounds::default() });
    let b = solve(&portfolio, &budget).unwrap();
    assert_eq!(b.status, Status::Optimal);
    assert!(b.project("LLM").unwrap().funded && b.project("UAV").unwrap().funded);
    assert!(b.project("LLM").unwrap().state + b.project("UAV").unwrap().state >= 120.0 - 1e-6);
    assert!(b.shadow_prices["priority_min"] < 0.0, "{:?}", b.shadow_prices);
    // A cap instead leaves the priority projects out with their own reason.
    budget.priority_bounds = Some(Bounds { max: Some(0.0), ..Bounds::default() });
    let c = solve(&portfolio, &budget).unwrap();
    assert_eq!(c.project("LLM").unwrap().reason.as_deref(), Some("priority_bound"));
    assert_eq!(stratfund::report::Language::Vi.reason("priority_bound"), "đã đạt giới hạn cho các sản phẩm ưu tiên");
    // A floor beyond the budget is explained.
    budget.priority_bounds = Some(Bounds { min: Some(500.0), ..Bounds::default() });
    let d = solve(&portfolio, &budget).unwrap();
    assert_eq!(d.status, Status::Infeasible);
    let explanation = d.explanation.unwrap();
    assert!(explanation.iter().any(|r| r.constraint == "priority_min"), "{explanation:?}");
}

#[test]
fn priority_bounds_are_checked_read_and_noted() {
    let mut plan = plan();
    plan.priority_bounds = Some(Bounds { min_share: Some(1.5), min: Some(5.0), max: Some(1.0), ..Bounds::default() });
    let report = validate(&portfolio(vec![project("A")]), &plan, &Catalog::default());
    let fields: Vec<(&str, &str)> = report.problems.iter().map(|p| (p.field.as_str(), p.rule.as_str())).collect();
    assert_eq!(fields, [("priority_bounds.min_share", "share_out_of_range")]);
    plan.priority_bounds = Some(Bounds { min: Some(5.0), max: Some(1.0), ..Bounds::default() });
    let report = validate(&portfolio(vec![project("A")]), &plan, &Catalog::default());
    assert_eq!(report.problems[0].rule, "bounds_contradict");
    // No priority product in the portfolio: a note (the minimum cannot be met).
    plan.priority_bounds = Some(Bounds { min: Some(5.0), ..Bounds::default() });
    let report = validate(&portfolio(vec![project("A")]), &plan, &Catalog::default());
    assert!(report.is_ok());
    assert_eq!(report.notes[0].field, "priority_bounds");
    assert!(report.notes[0].message.contains("infeasible"), "{}", report.notes[0].message);
    // Files: TOML and JSON, with unknown keys named.
    let toml = "years = [2026]\n[state_budget]\n2026 = 100.0\n[priority_bounds]\nmin_share = 0.3\n";
    let read = stratfund::io::plan_from_toml(toml, "p.toml").unwrap();
    assert_eq!(read.priority_bounds, Some(Bounds { min_share: Some(0.3), ..Bounds::default() }));
    let json = serde_json::to_string(&read).unwrap();
    assert_eq!(stratfund::io::plan_from_json(&json, "p.json").unwrap(), read);
    let typo = "years = [2026]\n[state_budget]\n2026 = 100.0\n[priority_bounds]\nmin_shar = 0.3\n";
    let error = stratfund::io::plan_from_toml(typo, "p.toml").unwrap_err().to_string();
    assert!(error.contains("min_shar"), "{error}");
}

#[test]
fn frontier_and_replan_carry_the_priority_bound() {
    let (portfolio, _, by_priority) = twin_plans(3);
    let mut shares = by_priority.clone();
    shares.priority_bounds = Some(Bounds { min_share: Some(0.1), ..Bounds::default() });
    let f = frontier(&portfolio, &shares, &Catalog::default(), &[0.5, 1.0]).unwrap();
    assert!(f.share_bounds, "a priority share scales with the level");
    for (point, level) in f.points.iter().zip([0.5, 1.0]) {
        let mut scaled = shares.clone();
        scaled.state_budget.values_mut().for_each(|b| *b *= level);
        let alone = solve(&portfolio, &scaled).unwrap();
        assert_eq!(point.kpis.status, alone.status, "level {level}");
        if let (Some(v), Some(w)) = (point.kpis.objective, alone.objective) {
            assert!((v - w).abs() <= 2e-6 * v.abs().max(1.0), "level {level}: {v} against {w}");
        }
    }
    // A re-plan's floor is what is left of it after the priority projects' disbursements.
    let config = stratfund::demo::DemoConfig { projects: 60, ..Default::default() };
    let demo = stratfund::demo::generate_portfolio(&config);
    let mut plan = stratfund::demo::generate_plan(&demo, &config, 0.45);
    let catalog = Catalog::default();
    let priority: Vec<&str> = catalog.priority_products().map(|(_, p)| p.code.as_str()).collect();
    let floor = 0.1 * plan.total_budget();
    plan.priority_bounds = Some(Bounds { min: Some(floor), ..Bounds::default() });
    let allocation = solve(&demo, &plan).unwrap();
    assert_eq!(allocation.status, Status::Optimal);
    let progress = stratfund::demo::generate_progress(&allocation, 2026, 57);
    let r = replan(&demo, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default()).unwrap();
    let is_priority = |id: &str| {
        demo.project(id).and_then(|p| p.product.as_deref()).is_some_and(|product| priority.contains(&product))
    };
    let paid: f64 = progress.records.iter().filter(|rec| is_priority(&rec.project_id)).map(|rec| rec.disbursed).sum();
    assert!(paid > 0.0, "the demo's progress pays some priority projects");
    let left = r.plan.priority_bounds.as_ref().and_then(|b| b.min).unwrap();
    assert!((left - (floor - paid).max(0.0)).abs() <= 1e-6 * floor, "{left} against {floor} - {paid}");
}
