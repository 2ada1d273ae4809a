//! Robustness: re-optimisation per sampled scenario and the core index (MODEL.md section 7).

mod common;

use common::project;
use stratfund::simulate::{robustness, robustness_range, scenario_portfolio, CoreClass, Robustness, Settings};
use stratfund::{Catalog, Control, FundingClass, Plan, Portfolio, Project, Status};

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
}

fn demo(projects: usize) -> (Portfolio, Plan) {
    let config = stratfund::demo::DemoConfig { projects, seed: 5, ..Default::default() };
    let portfolio = stratfund::demo::generate_portfolio(&config);
    let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    (portfolio, plan)
}

#[test]
fn core_index_is_one_for_an_always_optimal_project_and_zero_for_a_dominated_one() {
    // A and B exclude each other; A is worth five times more in every scenario. C and E exclude
    // each other with the same expected value: the impact draw decides, so both are borderline.
    // D needs more state money than the budget in every scenario.
    let mut a = Project::market("A", 100.0, 500.0);
    a.exclusive_group = Some("x".into());
    let mut b = Project::market("B", 100.0, 100.0);
    b.exclusive_group = Some("x".into());
    let mut c = Project::market("C", 100.0, 50.0);
    c.exclusive_group = Some("y".into());
    let mut e = Project::market("E", 100.0, 50.0);
    e.exclusive_group = Some("y".into());
    let mut d = Project::new("D", "semiconductors", FundingClass::Strategic, 2000.0, 900.0);
    d.enterprise_commitment = 500.0;
    let portfolio = Portfolio::new(vec![a, b, c, d, e]);
    let plan = Plan::new(vec![(2026, 500.0)]);
    let settings = Settings {
        scenarios: 200,
        cost_overrun_median: 1.0,
        cost_overrun_sigma: 0.1,
        delivery_alpha: 1e4,
        delivery_beta: 1.0,
        impact_sigma: 0.2,
        ..Settings::default()
    };
    let r = robustness(&portfolio, &plan, &Catalog::default(), &settings).unwrap();
    let index = r.core_index();
    assert_eq!(index[0], 1.0);
    assert_eq!(index[1], 0.0);
    assert_eq!(index[3], 0.0);
    assert!(index[2] > 0.3 && index[2] < 0.7, "C is borderline: {}", index[2]);
    assert!((index[2] + index[4] - 1.0).abs() < 1e-12, "C or E in every scenario");
    let classes: Vec<CoreClass> = r.entries().iter().map(|e| e.class).collect();
    assert_eq!(
        classes,
        [CoreClass::Core, CoreClass::Exterior, CoreClass::Borderline, CoreClass::Exterior, CoreClass::Borderline]
    );
    assert_eq!(&r.baseline_funded[..2], &[true, false]);
    assert!(!r.baseline_funded[3]);
    assert_eq!(r.failed(), 0);
}

/// Helpers to keep the crafted cases short.
trait Market {
    fn market(id: &str, cost: f64, impact: f64) -> Self;
}

impl Market for Project {
    /// A market project whose enterprises commit the whole cost (half is required).
    fn market(id: &str, cost: f64, impact: f64) -> Project {
        let mut p = Project::new(id, "ai_twin_xr", FundingClass::Market, cost, impact);
        p.enterprise_commitment = cost;
        p
    }
}

#[test]
fn same_seed_same_result_whatever_the_thread_count() {
    let (portfolio, plan) = demo(60);
    let settings = Settings { scenarios: 24, impact_sigma: 0.2, ..Settings::default() };
    let catalog = Catalog::default();
    let one = pool(1).install(|| robustness(&portfolio, &plan, &catalog, &settings).unwrap());
    let two = pool(2).install(|| robustness(&portfolio, &plan, &catalog, &settings).unwrap());
    assert_eq!(one.funded, two.funded);
    assert_eq!(one.status, two.status);
    let bits = |r: &Robustness| r.objective.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&one), bits(&two));
    let varied = one.core_index().iter().filter(|c| **c > 0.0 && **c < 1.0).count();
    assert!(varied > 0, "the scenarios should change some decisions");
}

#[test]
fn chunks_concatenate_to_the_single_run() {
    let (portfolio, plan) = demo(40);
    let settings = Settings { scenarios: 15, ..Settings::default() };
    let catalog = Catalog::default();
    let whole = robustness(&portfolio, &plan, &catalog, &settings).unwrap();
    let parts: Vec<Robustness> = [0..4, 4..5, 5..15]
        .into_iter()
        .map(|r| robustness_range(&portfolio, &plan, &catalog, &settings, r, Control::default()).unwrap())
        .collect();
    let joined = Robustness::concat(&parts).unwrap();
    assert_eq!(
        (&joined.funded, &joined.status, &joined.baseline_funded),
        (&whole.funded, &whole.status, &whole.baseline_funded)
    );
    assert_eq!(
        joined.objective.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        whole.objective.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );
    assert!(Robustness::concat(&[parts[0].clone(), parts[2].clone()]).is_err(), "a gap is refused");
    // A distributed engine holds only the stacked matrix: the entries come out the same.
    assert_eq!(
        stratfund::simulate::core_entries(&whole.project_ids, joined.funded.view(), &whole.baseline_funded).unwrap(),
        whole.entries()
    );
    assert!(stratfund::simulate::core_entries(&whole.project_ids[1..], joined.funded.view(), &whole.baseline_funded)
        .is_err());
}

#[test]
fn a_mandatory_project_that_becomes_ineligible_is_released_in_that_scenario() {
    let mut m = project("M"); // strategic: 30 enterprise for 100 cost, 20 needed
    m.mandatory = true;
    let portfolio = Portfolio::new(vec![m, project("N")]);
    let plan = Plan::new(vec![(2026, 1000.0)]);
    // Enterprises deliver about half: 15 < 20 in most scenarios.
    let settings = Settings { scenarios: 40, delivery_alpha: 5.0, delivery_beta: 5.0, ..Settings::default() };
    let r = robustness(&portfolio, &plan, &Catalog::default(), &settings).unwrap();
    assert_eq!(r.failed(), 0);
    let index = r.core_index();
    assert!(index[0] > 0.0 && index[0] < 0.5, "M is funded only where its enterprises deliver: {}", index[0]);
    assert!(index[1] > 0.0 && index[1] < 0.5, "N, not mandatory, likewise: {}", index[1]);
    // Mandatory projects that overrun a tight budget make the scenario infeasible: nothing funded.
    let mut m = project("M");
    m.mandatory = true;
    let tight = Plan::new(vec![(2026, 61.0)]);
    let settings = Settings {
        scenarios: 40,
        cost_overrun_median: 1.0,
        cost_overrun_sigma: 0.05,
        delivery_alpha: 1e4,
        ..Settings::default()
    };
    let r = robustness(&Portfolio::new(vec![m]), &tight, &Catalog::default(), &settings).unwrap();
    assert!(r.failed() > 0 && r.failed() < 40, "{}", r.failed());
    for (k, status) in r.status.iter().enumerate() {
        assert_eq!(*status == Status::Infeasible, !r.funded[[k, 0]]);
        assert_eq!(*status == Status::Infeasible, r.objective[k].is_nan());
    }
}

#[test]
fn a_scenario_portfolio_is_what_that_scenario_solved() {
    let (portfolio, plan) = demo(50);
    let settings = Settings { scenarios: 6, impact_sigma: 0.2, ..Settings::default() };
    let catalog = Catalog::default();
    let run = robustness(&portfolio, &plan, &catalog, &settings).unwrap();
    for k in 0..6 {
        let drawn = scenario_portfolio(&portfolio, &plan, &catalog, &settings, k).unwrap();
        assert_eq!(drawn, scenario_portfolio(&portfolio, &plan, &catalog, &settings, k).unwrap(), "reproducible");
        for (before, after) in portfolio.projects.iter().zip(&drawn.projects) {
            assert_eq!(before.id, after.id);
            assert_ne!(before.cost, after.cost, "{}: the overrun draw applies", before.id);
            assert!(after.enterprise_commitment <= before.enterprise_commitment);
        }
        let alone = stratfund::optimize::solve_with(&drawn, &plan, &catalog).unwrap();
        let (alone, in_run) = (alone.objective.unwrap(), run.objective[k]);
        assert!((alone - in_run).abs() <= 2e-4 * alone.abs(), "scenario {k}: {alone} alone, {in_run} in the run");
    }
    assert_ne!(
        scenario_portfolio(&portfolio, &plan, &catalog, &settings, 0).unwrap(),
        scenario_portfolio(&portfolio, &plan, &catalog, &settings, 1).unwrap()
    );
}

#[test]
fn a_scenario_portfolio_releases_the_mandatory_projects_its_draws_made_ineligible() {
    let mut m = project("M"); // strategic: 30 enterprise for 100 cost, 20 needed
    m.mandatory = true;
    let portfolio = Portfolio::new(vec![m]);
    let plan = Plan::new(vec![(2026, 1000.0)]);
    let settings = Settings { scenarios: 40, delivery_alpha: 5.0, delivery_beta: 5.0, ..Settings::default() };
    let catalog = Catalog::default();
    let run = robustness(&portfolio, &plan, &catalog, &settings).unwrap();
    let mut released = 0;
    for k in 0..40 {
        let drawn = scenario_portfolio(&portfolio, &plan, &catalog, &settings, k).unwrap();
        let eligible = drawn.projects[0].enterprise_commitment >= 0.2 * drawn.projects[0].cost;
        assert_eq!(drawn.projects[0].mandatory, eligible, "scenario {k}");
        assert_eq!(run.funded[[k, 0]], eligible, "scenario {k}");
        released += usize::from(!eligible);
    }
    assert!(released > 0 && released < 40, "{released}");
    let bad = Settings { scenarios: 0, ..Settings::default() };
    assert!(scenario_portfolio(&portfolio, &plan, &catalog, &bad, 0).is_err());
}

#[test]
fn a_stop_request_interrupts() {
    let (portfolio, plan) = demo(40);
    let stop = std::sync::atomic::AtomicBool::new(true);
    let control = Control { stop: &stop, ..Control::default() };
    let settings = Settings { scenarios: 10, ..Settings::default() };
    let result = robustness_range(&portfolio, &plan, &Catalog::default(), &settings, 0..10, control);
    assert!(matches!(result, Err(stratfund::Error::Interrupted)));
}
