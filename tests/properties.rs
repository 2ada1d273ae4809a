//! Properties of the optimiser on random instances (proptest).

mod common;

use common::oracle::violations;
use common::random::{instance, Shape};
use proptest::prelude::*;
use stratfund::{solve, Allocation, Bounds, Error, Plan, Portfolio, Status};

fn value(a: &Allocation) -> Option<f64> {
    matches!(a.status, Status::Optimal).then(|| a.objective.unwrap())
}

/// Applies an explanation's relaxations to the plan (None if one cannot be written as a plan change).
fn relaxed_plan(plan: &Plan, a: &Allocation) -> Option<Plan> {
    let mut p = plan.clone();
    let total = plan.total_budget();
    for r in a.explanation.as_ref()? {
        let (kind, name) = r.constraint.split_once(':').unwrap_or((r.constraint.as_str(), ""));
        let extra = r.amount * (1.0 + 1e-9) + 1e-9;
        let bound = |bounds: &mut std::collections::BTreeMap<String, Bounds>, lower: bool| {
            let b = bounds.get_mut(name).expect("a bound that exists");
            if lower {
                let current = b.lower(total).unwrap_or(0.0);
                b.min_share = None;
                b.min = Some((current - extra).max(0.0));
            } else {
                let current = b.upper(total).unwrap_or(0.0);
                b.max_share = None;
                b.max = Some(current + extra);
            }
        };
        match kind {
            "group_min" => bound(&mut p.group_bounds, true),
            "group_max" => bound(&mut p.group_bounds, false),
            "region_min" => bound(&mut p.region_bounds, true),
            "region_max" => bound(&mut p.region_bounds, false),
            "lead_capacity" => p.max_projects_per_lead = p.max_projects_per_lead.map(|k| k + r.amount.round() as u32),
            _ if kind.starts_with("budget_") => {
                // Raising a budget moves share bounds: hold them at their amounts first.
                for b in p.group_bounds.values_mut().chain(p.region_bounds.values_mut()) {
                    *b = Bounds { min: b.lower(total), max: b.upper(total), ..Bounds::default() };
                }
                let year: i32 = kind["budget_".len()..].parse().ok()?;
                *p.state_budget.get_mut(&year)? += extra;
            }
            _ => return None,
        }
    }
    Some(p)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_allocation_satisfies_every_rule_and_explanations_repair_the_plan(seed in any::<u64>(), n in 6usize..25) {
        let (portfolio, plan) = instance(seed, Shape { projects: n, amount_bounds: false, min_state: true });
        let a = solve(&portfolio, &plan).unwrap();
        match a.status {
            Status::Optimal | Status::Feasible => {
                let v = violations(&portfolio, &plan, &a);
                prop_assert!(v.is_empty(), "{:#?}", v);
            }
            Status::Infeasible => {
                prop_assert!(!a.explanation.as_ref().unwrap().is_empty());
                prop_assert!(a.projects.iter().all(|p| !p.funded && p.reason.is_some()));
                if let Some(fixed) = relaxed_plan(&plan, &a) {
                    let again = solve(&portfolio, &fixed).unwrap();
                    prop_assert_eq!(again.status, Status::Optimal, "{:?}", a.explanation);
                }
            }
            Status::TimeLimit => prop_assert!(false, "no time limit was set"),
        }
    }

    #[test]
    fn value_never_decreases_when_a_budget_grows(seed in any::<u64>(), n in 6usize..25, year in 0usize..3, extra in 0.0f64..200.0) {
        let (portfolio, mut plan) = instance(seed, Shape { projects: n, amount_bounds: true, min_state: false });
        let before = solve(&portfolio, &plan).unwrap();
        let y = plan.years[year % plan.years.len()];
        *plan.state_budget.get_mut(&y).unwrap() += extra;
        let after = solve(&portfolio, &plan).unwrap();
        if let Some(v0) = value(&before) {
            let v1 = value(&after).expect("a larger budget stays feasible");
            prop_assert!(v1 >= v0 - 1e-6 * v0.max(1.0), "{v0} -> {v1}");
        }
    }

    #[test]
    fn tightening_a_policy_share_never_raises_the_value(seed in any::<u64>(), n in 6usize..25, market in any::<bool>(), extra in 0.0f64..0.3) {
        let (portfolio, plan) = instance(seed, Shape { projects: n, amount_bounds: false, min_state: false });
        let before = solve(&portfolio, &plan).unwrap();
        let mut tight = plan.clone();
        if market {
            tight.policy.market_min_enterprise_share = (tight.policy.market_min_enterprise_share + extra).min(1.0);
        } else {
            tight.policy.strategic_min_enterprise_share = (tight.policy.strategic_min_enterprise_share + extra).min(1.0);
        }
        match solve(&portfolio, &tight) {
            // A mandatory project the tighter rule excludes makes the inputs invalid: nothing to compare.
            Err(Error::Validation(_)) => {}
            Err(e) => prop_assert!(false, "{e}"),
            Ok(after) => {
                if let (Some(v0), Some(v1)) = (value(&before), value(&after)) {
                    prop_assert!(v1 <= v0 + 1e-6 * v0.max(1.0), "{v0} -> {v1}");
                }
                prop_assert!(!(before.status == Status::Infeasible && after.status == Status::Optimal));
            }
        }
    }

    #[test]
    fn results_are_deterministic(seed in any::<u64>()) {
        let (portfolio, plan) = instance(seed, Shape { projects: 20, amount_bounds: false, min_state: true });
        let strip = |mut a: Allocation| { a.solve_seconds = 0.0; a };
        prop_assert_eq!(strip(solve(&portfolio, &plan).unwrap()), strip(solve(&portfolio, &plan).unwrap()));
    }
}

#[test]
fn demo_allocation_is_feasible_and_lists_every_project() {
    let config = stratfund::demo::DemoConfig::default();
    let portfolio: Portfolio = stratfund::demo::generate_portfolio(&config);
    let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    let a = solve(&portfolio, &plan).unwrap();
    assert_eq!(a.status, Status::Optimal);
    assert!(violations(&portfolio, &plan, &a).is_empty());
    assert_eq!(
        a.ineligible.len(),
        stratfund::validate(&portfolio, &plan, &stratfund::Catalog::default()).ineligible.len()
    );
    for i in &a.ineligible {
        let p = a.project(&i.id).unwrap();
        assert!(!p.funded);
        let reason = p.reason.as_deref().unwrap();
        assert!(reason == format!("ineligible:{}", i.rule) || reason == i.rule, "{reason} vs {}", i.rule);
    }
}
