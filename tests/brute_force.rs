//! Brute force over every funded set on 240 seeded random instances of 8-14 projects with every
//! constraint kind: the optimiser's value equals the best value over all subsets, where each
//! subset's continuous part (scales, money by house) is solved by the oracle's own LP. On larger
//! instances the optimiser equals the full four-variable model, and no allocation worth as much
//! uses less state money.

mod common;

use std::collections::HashSet;

use common::oracle::{eligible_ids, full_model, violations, weighted_value};
use common::random::{instance, Shape};
use stratfund::{solve, Objective, Plan, Portfolio, Status};

/// The best objective over all subsets (None when no subset is feasible).
fn brute_force(portfolio: &Portfolio, plan: &Plan) -> Option<f64> {
    let eligible = eligible_ids(portfolio, plan);
    let candidates: Vec<usize> =
        (0..portfolio.projects.len()).filter(|&i| eligible.contains(&portfolio.projects[i].id)).collect();
    let minimise = !matches!(plan.objective, Objective::MaxValue);
    // Each subset with a quick bound: value at full scale (max) or least conceivable state money (min).
    let mut subsets: Vec<(f64, HashSet<usize>)> = (0u32..(1 << candidates.len()))
        .map(|mask| {
            let set: HashSet<usize> =
                candidates.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, &i)| i).collect();
            let key = if minimise {
                set.iter().map(|&i| least_state(portfolio, plan, i)).sum()
            } else {
                set.iter().map(|&i| weighted_value(&portfolio.projects[i], plan, 1.0)).sum()
            };
            (key, set)
        })
        .filter(|(_, set)| combinatorially_ok(portfolio, plan, set))
        .collect();
    subsets.sort_by(|a, b| if minimise { a.0.total_cmp(&b.0) } else { b.0.total_cmp(&a.0) });
    let mut best: Option<f64> = None;
    for (key, set) in subsets {
        if let Some(b) = best {
            let cannot_improve = if minimise { key >= b - 1e-9 } else { key <= b + 1e-9 };
            if cannot_improve {
                break;
            }
        }
        if let Some(v) = full_model(portfolio, plan, Some(&set)) {
            best = Some(match best {
                None => v,
                Some(b) if minimise => b.min(v),
                Some(b) => b.max(v),
            });
        }
    }
    best
}

fn least_state(portfolio: &Portfolio, plan: &Plan, i: usize) -> f64 {
    let p = &portfolio.projects[i];
    let c = p.cost;
    let lo = (c - p.enterprise_commitment - p.academia_contribution).max(0.0) * p.min_fraction;
    let r = p.state_request.unwrap_or(c);
    if r > 0.0 {
        lo.max(plan.min_grant)
    } else {
        lo
    }
}

/// Mandatory projects, requirements, exclusive groups and lead capacity.
fn combinatorially_ok(portfolio: &Portfolio, plan: &Plan, set: &HashSet<usize>) -> bool {
    let ids: HashSet<&str> = set.iter().map(|&i| portfolio.projects[i].id.as_str()).collect();
    let mut leads = std::collections::HashMap::new();
    let mut exclusive = std::collections::HashMap::new();
    for (i, p) in portfolio.projects.iter().enumerate() {
        let funded = set.contains(&i);
        if p.mandatory && !funded {
            return false;
        }
        if !funded {
            continue;
        }
        if p.requires.iter().any(|q| !ids.contains(q.as_str())) {
            return false;
        }
        if let Some(l) = &p.lead {
            *leads.entry(l).or_insert(0u32) += 1;
        }
        if let Some(x) = &p.exclusive_group {
            *exclusive.entry(x).or_insert(0u32) += 1;
        }
    }
    exclusive.values().all(|n| *n <= 1) && plan.max_projects_per_lead.is_none_or(|k| leads.values().all(|n| *n <= k))
}

#[test]
fn optimiser_matches_brute_force_on_random_instances() {
    let mut compared = 0;
    let mut infeasible = 0;
    let mut partial = 0;
    for seed in 0..240u64 {
        let shape = Shape { projects: 8 + (seed % 7) as usize, amount_bounds: false, min_state: true };
        let (portfolio, plan) = instance(seed, shape);
        let allocation = solve(&portfolio, &plan).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let expected = brute_force(&portfolio, &plan);
        match (allocation.status, expected) {
            (Status::Infeasible, None) => {
                infeasible += 1;
                assert!(!allocation.explanation.as_ref().unwrap().is_empty(), "seed {seed}: no explanation");
            }
            (Status::Optimal, Some(best)) => {
                let got = allocation.objective.unwrap();
                assert!(
                    (got - best).abs() <= 1e-6 * best.abs().max(1.0),
                    "seed {seed}: optimiser {got}, brute force {best}"
                );
                let v = violations(&portfolio, &plan, &allocation);
                assert!(v.is_empty(), "seed {seed}: {v:#?}");
                partial += allocation.projects.iter().filter(|p| p.funded && p.scale < 1.0).count();
                compared += 1;
            }
            (status, best) => panic!("seed {seed}: optimiser says {status:?}, brute force {best:?}"),
        }
    }
    eprintln!("compared {compared}, infeasible {infeasible}, partial {partial}");
    assert!(compared >= 150, "only {compared} feasible instances compared");
    assert!(
        infeasible >= 1 && partial >= 10,
        "the instances should exercise infeasibility ({infeasible}) and partial funding ({partial})"
    );
}

#[test]
fn a_run_that_highs_ends_early_from_its_start_is_checked_by_a_second_run() {
    // Seed 439097 of the generator (9 projects, `min_state_spend`): from the margin's point, HiGHS
    // 1.15 called 39.53 of state money optimal, where 38.59 meets the value target.
    let seed = 439_097;
    let (portfolio, plan) =
        instance(seed, Shape { projects: 8 + (seed % 7) as usize, amount_bounds: false, min_state: true });
    let allocation = solve(&portfolio, &plan).unwrap();
    let best = brute_force(&portfolio, &plan).unwrap();
    assert_eq!(allocation.status, Status::Optimal);
    let got = allocation.objective.unwrap();
    assert!((got - best).abs() <= 1e-6 * best.abs().max(1.0), "optimiser {got}, brute force {best}");
    assert!(allocation.bound.unwrap() <= best + 1e-6, "bound {:?} above the optimum {best}", allocation.bound);
    assert!(violations(&portfolio, &plan, &allocation).is_empty());
}

#[test]
fn the_full_model_is_solved_past_a_wrong_optimum_of_highs_presolve() {
    // Seed 322455 of the generator (30 projects, `min_state_spend`): with its presolve, HiGHS 1.15
    // calls 109.06 of state money optimal for the four-variable model; stratfund's 108.75 keeps
    // every rule. The oracle keeps the better of its runs with and without the presolve.
    let (portfolio, plan) = instance(322_455, Shape { projects: 30, amount_bounds: true, min_state: true });
    let allocation = solve(&portfolio, &plan).unwrap();
    assert!(violations(&portfolio, &plan, &allocation).is_empty());
    let (got, full) = (allocation.objective.unwrap(), full_model(&portfolio, &plan, None).unwrap());
    assert!((got - full).abs() <= 1e-6 * full.abs().max(1.0), "presolved {got}, full {full}");
    assert!((got - 108.7497).abs() < 1e-3, "{got}");
}

#[test]
fn presolved_model_equals_the_full_four_variable_model() {
    // Larger instances than brute force can enumerate, including group and region minimums
    // (where state money above its minimum can matter) and partial funding. Under `max_value`, the
    // least state money among optimal allocations is checked too.
    for seed in 1000..1060u64 {
        let (portfolio, plan) = instance(seed, Shape { projects: 30, amount_bounds: false, min_state: true });
        let allocation = solve(&portfolio, &plan).unwrap();
        // The oracle runs with and without HiGHS's presolve, which can call its value target
        // infeasible (seed 106603).
        let full = full_model(&portfolio, &plan, None);
        match (allocation.status, full) {
            (Status::Infeasible, None) => {}
            (Status::Optimal, Some(full)) => {
                let got = allocation.objective.unwrap();
                assert!((got - full).abs() <= 1e-6 * full.abs().max(1.0), "seed {seed}: presolved {got}, full {full}");
                assert_least_state(&portfolio, &plan, &allocation, got.min(full), &format!("seed {seed}"));
            }
            (status, full) => panic!("seed {seed}: presolved {status:?}, full model {full:?}"),
        }
    }
}

/// Under `max_value`, no allocation worth as much uses less state money (MODEL.md section 4).
/// `value` is the optimum (the least of the allocation's and the full model's, which agree to 1e-6).
fn assert_least_state(portfolio: &Portfolio, plan: &Plan, allocation: &stratfund::Allocation, value: f64, label: &str) {
    if !matches!(plan.objective, Objective::MaxValue) {
        return;
    }
    // The exact value (the oracle runs with and without HiGHS's presolve, which can call a target
    // at the best value infeasible), then the smallest slack on it that the oracle's tolerances accept (a
    // larger one would let it shave partial projects' scales and so their state money, which a
    // steep partial project trades a thousand to one: seed 20527 of the generator).
    let at = |slack: f64| Plan {
        objective: Objective::MinStateSpend { min_value: Some(value * (1.0 - slack)), projects: Vec::new() },
        ..plan.clone()
    };
    let least = full_model(portfolio, &at(0.0), None)
        .or_else(|| [1e-10, 1e-9, 1e-8].iter().find_map(|&slack| full_model(portfolio, &at(slack), None)))
        .unwrap_or_else(|| panic!("{label}: no allocation worth {value}"));
    let tolerance = 1e-6 * plan.total_budget();
    assert!(
        allocation.totals.state <= least + tolerance,
        "{label}: state money {} but {least} reaches the same value",
        allocation.totals.state
    );
}

#[test]
fn least_state_money_is_sought_when_the_first_stage_point_has_no_exact_split() {
    // Seed 95510 of the generator: the first stage's scales meet the budgets only within HiGHS's MIP
    // tolerance, so the exact split's LP is infeasible; the search for less state money was then
    // skipped, keeping 170.84 of state money where a portfolio of the same value needs 167.54.
    assert_optimal_with_least_state(95510);
}

#[test]
fn least_state_money_is_proven_on_small_instances() {
    // Seed 103133 of the generator: the search near the first stage's portfolio kept 187.72 of
    // state money where another portfolio of the same value needs 177.62; on instances this small
    // the second stage's MIP runs in full.
    assert_optimal_with_least_state(103133);
}

/// The generator's instance `seed` (30 projects) passes [`assert_optimal_with_least_state_on`].
fn assert_optimal_with_least_state(seed: u64) {
    let (portfolio, plan) = instance(seed, Shape { projects: 30, amount_bounds: false, min_state: true });
    assert_optimal_with_least_state_on(&portfolio, &plan, &format!("seed {seed}"));
}

/// The plan is solved to the full model's optimum, keeps every rule and uses the least state money
/// for its value.
fn assert_optimal_with_least_state_on(portfolio: &Portfolio, plan: &Plan, label: &str) {
    let allocation = solve(portfolio, plan).unwrap();
    assert_eq!(allocation.status, Status::Optimal, "{label}");
    let full = full_model(portfolio, plan, None).unwrap();
    let got = allocation.objective.unwrap();
    assert!((got - full).abs() <= 1e-6 * full.abs().max(1.0), "{label}: {got} vs {full}");
    assert!(violations(portfolio, plan, &allocation).is_empty(), "{label}");
    assert_least_state(portfolio, plan, &allocation, got.min(full), label);
}

#[test]
fn least_state_money_among_equal_value_portfolios_on_recorded_cases() {
    // Random instances (seeds 1024, 1071 and 1114 of an independent checker) where the first-stage
    // MIP returned a portfolio needing 5-10% more state money than another of the same value:
    // projects worth nothing (weight 0) meeting a group minimum, and equal-value swaps.
    for case in ["case1024", "case1071", "case1114"] {
        let dir = format!("{}/tests/data/least_state", env!("CARGO_MANIFEST_DIR"));
        let portfolio = stratfund::io::read_portfolio(format!("{dir}/{case}.portfolio.json")).unwrap();
        let plan = stratfund::io::read_plan(format!("{dir}/{case}.plan.json")).unwrap();
        assert_optimal_with_least_state_on(&portfolio, &plan, case);
    }
}
