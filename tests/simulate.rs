//! Monte Carlo evaluation: determinism whatever the thread count, chunked runs equal one run, and
//! means that converge to the analytic expectations.

use stratfund::simulate::{draw, evaluate, evaluate_range, summarize, summarize_draws, Draws, Settings};
use stratfund::{solve, Allocation, Portfolio};

use statrs::distribution::{ContinuousCDF, Normal};

fn solved(projects: usize) -> (Portfolio, Allocation) {
    let config = stratfund::demo::DemoConfig { projects, seed: 3, ..Default::default() };
    let portfolio = stratfund::demo::generate_portfolio(&config);
    let plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    let allocation = solve(&portfolio, &plan).unwrap();
    (portfolio, allocation)
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
}

#[test]
fn same_seed_same_draws_whatever_the_thread_count() {
    let (portfolio, allocation) = solved(80);
    let settings = Settings { scenarios: 500, impact_sigma: 0.3, ..Settings::default() };
    let one = pool(1).install(|| draw(&portfolio, &allocation, &settings, 0..500).unwrap());
    let two = pool(2).install(|| draw(&portfolio, &allocation, &settings, 0..500).unwrap());
    assert_eq!(one, two);
    let other = draw(&portfolio, &allocation, &Settings { seed: 58, ..settings.clone() }, 0..500).unwrap();
    assert_ne!(one.value, other.value);
}

#[test]
fn chunks_concatenate_to_the_single_run() {
    let (portfolio, allocation) = solved(80);
    let settings = Settings { scenarios: 1000, ..Settings::default() };
    let whole = draw(&portfolio, &allocation, &settings, 0..1000).unwrap();
    let parts: Vec<Draws> = [0..300, 300..301, 301..1000]
        .into_iter()
        .map(|r| draw(&portfolio, &allocation, &settings, r).unwrap())
        .collect();
    let merged = Draws::concat(&parts).unwrap();
    assert_eq!(merged, whole);
    assert_eq!(
        summarize(&portfolio, &allocation, &merged, &settings).unwrap(),
        evaluate(&portfolio, &allocation, &settings).unwrap().summary
    );
    assert!(Draws::concat(&[parts[2].clone(), parts[0].clone()]).is_err());
}

#[test]
fn merged_draws_summarise_without_the_inputs_as_with_them() {
    let (portfolio, allocation) = solved(60);
    let settings = Settings { scenarios: 400, successes_per_group: 2, ..Settings::default() };
    let whole = evaluate(&portfolio, &allocation, &settings).unwrap();
    let parts: Vec<Draws> =
        [0..150, 150..400].into_iter().map(|r| draw(&portfolio, &allocation, &settings, r).unwrap()).collect();
    let merged = Draws::concat(&parts).unwrap();
    assert_eq!(summarize_draws(&merged, whole.summary.value_expected, &settings).unwrap(), whole.summary);
    let mut bad = merged.clone();
    bad.groups.pop();
    assert!(summarize_draws(&bad, 0.0, &settings).unwrap_err().to_string().contains("groups must agree"));
    let mut bad = merged.clone();
    bad.success = ndarray::Array2::from_elem((3, merged.value.ncols()), true);
    assert!(summarize_draws(&bad, 0.0, &settings).unwrap_err().to_string().contains("must agree"));
}

#[test]
fn a_chunk_evaluates_as_its_draws_summarise() {
    let (portfolio, allocation) = solved(80);
    let settings = Settings { scenarios: 900, successes_per_group: 2, impact_sigma: 0.2, ..Settings::default() };
    for range in [0..900, 250..251, 300..777] {
        let chunk = evaluate_range(&portfolio, &allocation, &settings, range.clone()).unwrap();
        let draws = draw(&portfolio, &allocation, &settings, range.clone()).unwrap();
        assert_eq!(chunk.summary, summarize(&portfolio, &allocation, &draws, &settings).unwrap(), "{range:?}");
        assert_eq!(chunk.summary.scenarios, range.len());
        assert_eq!(chunk.draws, draws);
    }
    assert!(evaluate_range(&portfolio, &allocation, &settings, 7..7).is_err());
}

#[test]
fn an_empty_scenario_range_is_an_error() {
    let (portfolio, allocation) = solved(30);
    let err = draw(&portfolio, &allocation, &Settings::default(), 5..5).unwrap_err();
    assert!(err.to_string().contains("scenario range 5..5 is empty"), "{err}");
}

#[test]
fn means_converge_to_the_analytic_expectations() {
    let (portfolio, allocation) = solved(120);
    let settings = Settings { scenarios: 20_000, ..Settings::default() };
    let result = evaluate(&portfolio, &allocation, &settings).unwrap();
    let n = settings.scenarios as f64;
    let funded: Vec<_> = allocation.projects.iter().filter(|x| x.funded).collect();
    // Delivered value: sum of V pi y, variance sum of (V y)^2 pi (1 - pi).
    let mut mean = 0.0;
    let mut variance = 0.0;
    for x in &funded {
        let p = portfolio.project(&x.id).unwrap();
        let v = p.impact * x.scale;
        mean += v * p.success_probability;
        variance += v * v * p.success_probability * (1.0 - p.success_probability);
    }
    let s = &result.summary;
    assert!((s.value_mean - mean).abs() <= 4.0 * (variance / n).sqrt(), "{} vs {mean}", s.value_mean);
    assert!((s.value_expected - mean).abs() < 1e-9 * mean);
    // Extra state money: E[(M - 1)+] for a lognormal M, plus e (1 - E[D]).
    let (mu, sigma) = (settings.cost_overrun_median.ln(), settings.cost_overrun_sigma);
    let phi = Normal::new(0.0, 1.0).unwrap();
    let d1 = (mu + sigma * sigma) / sigma;
    let overrun = (mu + sigma * sigma / 2.0).exp() * phi.cdf(d1) - phi.cdf(d1 - sigma);
    let shortfall = 1.0 - settings.delivery_alpha / (settings.delivery_alpha + settings.delivery_beta);
    let expected: f64 = funded
        .iter()
        .map(|x| portfolio.project(&x.id).unwrap().cost * x.scale * overrun + x.enterprise * shortfall)
        .sum();
    let totals = result.draws.extra_state.sum_axis(ndarray::Axis(1));
    let sd = totals.std(1.0);
    assert!((s.extra_state_mean - expected).abs() <= 4.0 * sd / n.sqrt(), "{} vs {expected}", s.extra_state_mean);
    assert!(s.extra_state_var <= s.extra_state_es && s.extra_state_quantiles["p50"] <= s.extra_state_var);
    // At least one success per group: 1 - prod(1 - pi).
    for (group, probability) in &s.group_success_probability {
        let fail: f64 = funded
            .iter()
            .map(|x| portfolio.project(&x.id).unwrap())
            .filter(|p| &p.group == group)
            .map(|p| 1.0 - p.success_probability)
            .product();
        let expected = 1.0 - fail;
        let se = (expected * (1.0 - expected) / n).sqrt().max(1e-12);
        assert!((probability - expected).abs() <= 4.0 * se + 1e-12, "{group}: {probability} vs {expected}");
    }
}

#[test]
fn a_success_counts_even_when_the_project_has_no_impact() {
    let (mut portfolio, allocation) = solved(60);
    let funded: Vec<String> = allocation.projects.iter().filter(|x| x.funded).map(|x| x.id.clone()).collect();
    let group = portfolio.project(&funded[0]).unwrap().group.clone();
    for p in portfolio.projects.iter_mut().filter(|p| p.group == group) {
        p.impact = 0.0;
        p.success_probability = 1.0;
    }
    let settings = Settings { scenarios: 200, ..Settings::default() };
    let result = evaluate(&portfolio, &allocation, &settings).unwrap();
    assert_eq!(result.summary.group_success_probability[&group], 1.0);
    for (j, g) in result.draws.groups.iter().enumerate() {
        let column = result.draws.success.column(j);
        if *g == group {
            assert!(column.iter().all(|s| *s), "{}", result.draws.project_ids[j]);
            assert!(result.draws.value.column(j).iter().all(|v| *v == 0.0));
        }
        let delivered = result.draws.value.column(j).iter().zip(column).all(|(v, s)| *s || *v == 0.0);
        assert!(delivered, "a failed project delivers no value");
    }
}

#[test]
fn bad_settings_are_named() {
    let (portfolio, allocation) = solved(20);
    let settings = Settings { scenarios: 0, delivery_alpha: -1.0, risk_level: 1.0, ..Settings::default() };
    let err = evaluate(&portfolio, &allocation, &settings).unwrap_err();
    let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["simulate.scenarios", "simulate.delivery_alpha", "simulate.risk_level"]);
}

/// Settings whose draws cannot be represented are refused, naming each with its value: Beta
/// shapes below 0.05 made statrs's Gamma draws underflow to 0/0 (a panic in the quantiles), and
/// a log-scale sigma of 1e30 made the extra state money infinite (its mean, VaR and ES null).
#[test]
fn settings_whose_draws_cannot_be_represented_are_refused() {
    let (portfolio, allocation) = solved(20);
    let refused = [
        (Settings { delivery_alpha: 0.001, delivery_beta: 0.001, ..Settings::default() }, "delivery_alpha"),
        (Settings { delivery_beta: 1e308, ..Settings::default() }, "delivery_beta"),
        (Settings { cost_overrun_sigma: 1e30, ..Settings::default() }, "cost_overrun_sigma"),
        (Settings { impact_sigma: 40.0, ..Settings::default() }, "impact_sigma"),
        (Settings { cost_overrun_median: 1e300, ..Settings::default() }, "cost_overrun_median"),
        (Settings { cost_overrun_sigma: f64::NAN, ..Settings::default() }, "cost_overrun_sigma"),
    ];
    for (settings, field) in refused {
        let err = evaluate(&portfolio, &allocation, &settings).unwrap_err();
        let problem = &err.problems()[0];
        assert_eq!(
            (problem.field.as_str(), problem.rule.as_str()),
            (format!("simulate.{field}").as_str(), "out_of_range")
        );
        assert!(problem.message.contains("; got "), "{}", problem.message);
    }
    // At the ends of the ranges every figure is a number.
    let extremes = [
        Settings { delivery_alpha: 0.05, delivery_beta: 0.05, ..Settings::default() },
        Settings { delivery_alpha: 1e6, delivery_beta: 1e6, ..Settings::default() },
        Settings { cost_overrun_median: 100.0, cost_overrun_sigma: 5.0, impact_sigma: 5.0, ..Settings::default() },
    ];
    for settings in extremes {
        let s = evaluate(&portfolio, &allocation, &Settings { scenarios: 20_000, ..settings.clone() }).unwrap().summary;
        let figures = [s.value_mean, s.extra_state_mean, s.extra_state_var, s.extra_state_es];
        assert!(figures.iter().chain(s.extra_state_quantiles.values()).all(|x| x.is_finite()), "{settings:?}: {s:?}");
    }
}

#[test]
fn an_allocation_funding_a_project_outside_the_portfolio_is_an_error_naming_it() {
    let (mut portfolio, allocation) = solved(40);
    let funded = allocation.projects.iter().find(|x| x.funded).unwrap().id.clone();
    portfolio.projects.retain(|p| p.id != funded);
    let settings = Settings { scenarios: 10, ..Settings::default() };
    let message = |e: stratfund::Error| e.to_string();
    let drawn = draw(&portfolio, &allocation, &settings, 0..10).map_err(message).unwrap_err();
    assert!(drawn.contains(&funded) && drawn.contains("not in the portfolio"), "{drawn}");
    let (full, _) = solved(40);
    let draws = draw(&full, &allocation, &settings, 0..10).unwrap();
    let summary = summarize(&portfolio, &allocation, &draws, &settings).map_err(message).unwrap_err();
    assert!(summary.contains(&funded), "{summary}");
}

#[test]
fn an_allocation_made_from_other_costs_is_an_error_naming_the_project() {
    let (mut portfolio, allocation) = solved(40);
    let settings = Settings { scenarios: 10, ..Settings::default() };
    let funded = allocation.projects.iter().find(|x| x.funded).unwrap().id.clone();
    let project = portfolio.projects.iter_mut().find(|p| p.id == funded).unwrap();
    project.cost *= 1.0 + 1e-7;
    assert!(evaluate(&portfolio, &allocation, &settings).is_ok(), "within the tolerance");
    let project = portfolio.projects.iter_mut().find(|p| p.id == funded).unwrap();
    project.cost *= 1.5;
    let err = evaluate(&portfolio, &allocation, &settings).unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{err}");
    assert_eq!(
        (problems[0].project.as_deref(), problems[0].rule.as_str()),
        (Some(funded.as_str()), "allocation_mismatch")
    );
    assert_eq!(problems[0].field, "cost");
}
