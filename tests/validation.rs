//! One test per validation error class: each asserts the rule, the project id (or plan field) and
//! the field, and that the rendered message names them.

mod common;

use common::{plan, portfolio, project};
use stratfund::{validate, Bounds, Catalog, CostProfile, Objective, Plan, Portfolio, Problem};

fn problems(portfolio: &Portfolio, plan: &Plan) -> Vec<Problem> {
    validate(portfolio, plan, &Catalog::default()).problems
}

/// Asserts exactly one problem with this rule, for this project and field, named in the message.
fn expect_one(problems: &[Problem], rule: &str, project: Option<&str>, field: &str) {
    let found: Vec<&Problem> = problems.iter().filter(|p| p.rule == rule).collect();
    assert_eq!(found.len(), 1, "expected one `{rule}` in {problems:#?}");
    let p = found[0];
    assert_eq!(p.project.as_deref(), project, "{p:?}");
    assert_eq!(p.field, field, "{p:?}");
    let text = p.to_string();
    if let Some(id) = project {
        assert!(text.contains(&format!("project {id}")), "{text}");
    }
    assert!(text.contains(&format!("`{field}`")) && text.contains(rule), "{text}");
}

fn with_project(edit: impl FnOnce(&mut stratfund::Project)) -> Vec<Problem> {
    let mut p = project("P-7");
    edit(&mut p);
    problems(&portfolio(vec![project("P-1"), p]), &plan())
}

#[test]
fn valid_inputs_have_no_problem() {
    assert!(problems(&portfolio(vec![project("P-1"), project("P-2")]), &plan()).is_empty());
}

#[test]
fn duplicate_id() {
    let ps = problems(&portfolio(vec![project("P-1"), project("P-1")]), &plan());
    expect_one(&ps, "duplicate_id", Some("P-1"), "id");
}

#[test]
fn empty_id() {
    let ps = with_project(|p| {
        p.id = " ".into();
        p.cost = -1.0;
    });
    expect_one(&ps, "empty_id", Some("#2 (no id)"), "id");
    assert!(ps.iter().all(|p| p.project.as_deref() == Some("#2 (no id)")), "named by position: {ps:#?}");
}

#[test]
fn id_with_a_control_character() {
    let ps = with_project(|p| p.id = "P-7\nB".into());
    expect_one(&ps, "id_control_character", Some("P-7\nB"), "id");
    assert!(ps[0].message.contains(r#""P-7\nB""#), "the message shows the line break: {}", ps[0].message);
}

#[test]
fn id_with_spaces_at_its_ends() {
    let ps = with_project(|p| p.id = "P-7 ".into());
    expect_one(&ps, "id_whitespace", Some("P-7 "), "id");
    assert!(ps[0].message.contains("write `P-7`"), "{}", ps[0].message);
    assert!(problems(&portfolio(vec![project("P 1"), project("P-2")]), &plan()).is_empty(), "inner spaces are fine");
}

#[test]
fn unknown_group() {
    expect_one(&with_project(|p| p.group = "alchemy".into()), "unknown_group", Some("P-7"), "group");
}

#[test]
fn unknown_product_code_in_a_complete_group_but_free_text_is_kept() {
    let ps = with_project(|p| {
        p.group = "ai_twin_xr".into();
        p.product = Some("time_machine".into());
    });
    expect_one(&ps, "unknown_product", Some("P-7"), "product");
    let ps = with_project(|p| {
        p.group = "ai_twin_xr".into();
        p.product = Some("Speech recognition for dialects".into());
    });
    assert!(ps.is_empty(), "{ps:?}");
    // semiconductors lists only some of its products: an unknown code is accepted there
    assert!(with_project(|p| p.product = Some("power_chips".into())).is_empty());
}

#[test]
fn cost_not_positive() {
    expect_one(&with_project(|p| p.cost = 0.0), "cost_not_positive", Some("P-7"), "cost");
    expect_one(&with_project(|p| p.cost = -5.0), "cost_not_positive", Some("P-7"), "cost");
}

#[test]
fn not_finite_numbers() {
    expect_one(&with_project(|p| p.impact = f64::NAN), "not_finite", Some("P-7"), "impact");
    expect_one(
        &with_project(|p| p.enterprise_commitment = f64::INFINITY),
        "not_finite",
        Some("P-7"),
        "enterprise_commitment",
    );
    expect_one(&with_project(|p| p.cost = f64::NAN), "not_finite", Some("P-7"), "cost");
}

#[test]
fn negative_amounts() {
    expect_one(
        &with_project(|p| p.academia_contribution = -1.0),
        "negative_amount",
        Some("P-7"),
        "academia_contribution",
    );
    expect_one(&with_project(|p| p.state_request = Some(-1.0)), "negative_amount", Some("P-7"), "state_request");
    expect_one(&with_project(|p| p.impact = -1.0), "negative_amount", Some("P-7"), "impact");
}

#[test]
fn probability_out_of_range() {
    expect_one(
        &with_project(|p| p.success_probability = 0.0),
        "probability_out_of_range",
        Some("P-7"),
        "success_probability",
    );
    expect_one(
        &with_project(|p| p.success_probability = 1.2),
        "probability_out_of_range",
        Some("P-7"),
        "success_probability",
    );
}

#[test]
fn min_fraction_out_of_range() {
    expect_one(&with_project(|p| p.min_fraction = 0.0), "share_out_of_range", Some("P-7"), "min_fraction");
    expect_one(&with_project(|p| p.min_fraction = 1.5), "share_out_of_range", Some("P-7"), "min_fraction");
}

#[test]
fn duration_not_positive() {
    expect_one(&with_project(|p| p.duration_years = 0), "duration_not_positive", Some("P-7"), "duration_years");
}

#[test]
fn profile_not_summing_or_not_matching_the_schedule() {
    let ps = with_project(|p| {
        p.duration_years = 2;
        p.cost_profile = Some(CostProfile::Shares(vec![0.5, 0.6]));
    });
    expect_one(&ps, "profile_mismatch", Some("P-7"), "cost_profile");
    assert!(ps[0].message.contains("sum to 1.1"));
    let ps = with_project(|p| p.cost_profile = Some(CostProfile::Amounts([(2026, 60.0)].into())));
    expect_one(&ps, "profile_mismatch", Some("P-7"), "cost_profile");
    let ps = with_project(|p| p.cost_profile = Some(CostProfile::Amounts([(2026, 60.0), (2027, 40.0)].into())));
    expect_one(&ps, "profile_mismatch", Some("P-7"), "cost_profile");
    // within 1e-9 relative is fine
    assert!(with_project(|p| p.cost_profile = Some(CostProfile::Shares(vec![1.0 + 1e-12]))).is_empty());
}

#[test]
fn trl_out_of_range() {
    expect_one(&with_project(|p| p.trl = Some(12)), "trl_out_of_range", Some("P-7"), "trl");
}

#[test]
fn requires_unknown_id_or_itself() {
    expect_one(&with_project(|p| p.requires = vec!["P-404".into()]), "unknown_requirement", Some("P-7"), "requires");
    let itself = with_project(|p| p.requires = vec!["P-7".into()]);
    expect_one(&itself, "self_requirement", Some("P-7"), "requires");
    assert_eq!(itself.len(), 1, "reported once, not again as a cycle of one: {itself:#?}");
    // Ids separated by commas, as a spreadsheet user would write them: the message shows `;`.
    let with_commas = problems(
        &portfolio(vec![
            project("P-1"),
            project("P-2"),
            stratfund::Project { requires: vec!["P-1, P-2".into()], ..project("P-7") },
        ]),
        &plan(),
    );
    expect_one(&with_commas, "unknown_requirement", Some("P-7"), "requires");
    assert!(with_commas[0].message.ends_with("separate them with `;` (`P-1;P-2`)"), "{}", with_commas[0]);
    let unknown = with_project(|p| p.requires = vec!["P-1,P-404".into()]);
    assert!(unknown[0].message.ends_with("which is not in the portfolio"), "{}", unknown[0]);
}

#[test]
fn dependency_cycle() {
    let mut a = project("A");
    let mut b = project("B");
    let mut c = project("C");
    a.requires = vec!["B".into()];
    b.requires = vec!["C".into()];
    c.requires = vec!["A".into()];
    let ps = problems(&portfolio(vec![a, b, c, project("D")]), &plan());
    expect_one(&ps, "dependency_cycle", Some("A"), "requires");
    assert!(ps[0].message.contains("A -> B -> C -> A"), "{}", ps[0].message);
}

#[test]
fn plan_years_must_be_consecutive_and_budgeted() {
    let mut bad = plan();
    bad.years = vec![2026, 2028];
    let ps = problems(&portfolio(vec![project("P-1")]), &bad);
    expect_one(&ps, "years_not_consecutive", None, "years");
    expect_one(&ps, "budget_year_outside_plan", None, "state_budget.2027");
    let mut missing = plan();
    missing.state_budget.remove(&2027);
    expect_one(&problems(&portfolio(vec![]), &missing), "missing_budget", None, "state_budget.2027");
    let mut empty = plan();
    empty.years.clear();
    empty.state_budget.clear();
    expect_one(&problems(&portfolio(vec![]), &empty), "no_years", None, "years");
}

#[test]
fn negative_budget() {
    let mut bad = plan();
    bad.state_budget.insert(2027, -10.0);
    expect_one(&problems(&portfolio(vec![]), &bad), "negative_budget", None, "state_budget.2027");
}

#[test]
fn shares_outside_unit_interval() {
    let mut bad = plan();
    bad.carry_over = 1.5;
    bad.policy.market_min_enterprise_share = -0.1;
    bad.policy.strategic_min_state_share = Some(2.0);
    let ps = problems(&portfolio(vec![]), &bad);
    let fields: Vec<&str> = ps.iter().filter(|p| p.rule == "share_out_of_range").map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["carry_over", "policy.market_min_enterprise_share", "policy.strategic_min_state_share"]);
    assert!(ps.iter().all(|p| p.to_string().contains(&format!("`{}`", p.field))));
}

#[test]
fn group_bounds_that_contradict() {
    let mut bad = plan();
    bad.group_bounds
        .insert("biotech".into(), Bounds { min_share: Some(0.4), max_share: Some(0.2), ..Bounds::default() });
    expect_one(&problems(&portfolio(vec![]), &bad), "bounds_contradict", None, "group_bounds.biotech");
    let mut mixed = plan();
    // A 500 minimum against a 10% (= 300) maximum share of 3,000 depends on the budget (a frontier
    // or a scenario scales it): not an input error, an infeasible plan the solver explains.
    mixed.group_bounds.insert("biotech".into(), Bounds { min: Some(500.0), max_share: Some(0.1), ..Bounds::default() });
    assert!(problems(&portfolio(vec![]), &mixed).is_empty());
    let mut bad = plan();
    bad.region_bounds.insert("Hanoi".into(), Bounds { min: Some(50.0), max: Some(10.0), ..Bounds::default() });
    expect_one(&problems(&portfolio(vec![]), &bad), "bounds_contradict", None, "region_bounds.Hanoi");
}

#[test]
fn minimum_shares_summing_over_one() {
    let mut bad = plan();
    for g in ["biotech", "semiconductors", "blockchain"] {
        bad.group_bounds.insert(g.into(), Bounds { min_share: Some(0.4), ..Bounds::default() });
    }
    let found = problems(&portfolio(vec![]), &bad);
    expect_one(&found, "min_shares_exceed_budget", None, "group_bounds");
    // 0.4 + 0.4 + 0.4 is 1.2000000000000002 in binary floating point; the message says 1.2.
    let message = &found.iter().find(|p| p.rule == "min_shares_exceed_budget").unwrap().message;
    assert!(message.contains("sum to 1.2,"), "{message}");
}

#[test]
fn unknown_group_in_bounds_or_weights() {
    let mut bad = plan();
    bad.group_bounds.insert("alchemy".into(), Bounds::default());
    bad.group_weights.insert("astrology".into(), 1.0);
    let ps = problems(&portfolio(vec![]), &bad);
    assert!(ps.iter().any(|p| p.rule == "unknown_group" && p.field == "group_bounds.alchemy"));
    assert!(ps.iter().any(|p| p.rule == "unknown_group" && p.field == "group_weights.astrology"));
}

#[test]
fn unknown_groups_suggest_the_codes_they_may_mean() {
    let mut near = plan();
    near.group_bounds.insert("semiconductor".into(), Bounds::default());
    near.group_weights.insert("bio-tech".into(), 1.0);
    let typo = problems(&portfolio(vec![]), &near);
    let said = |field: &str| typo.iter().find(|p| p.field == field).map(|p| p.to_string()).unwrap_or_default();
    assert!(said("group_bounds.semiconductor").contains("did you mean `semiconductors`?"), "{typo:#?}");
    assert!(said("group_weights.bio-tech").contains("did you mean `biotech`?"), "{typo:#?}");
    let project = with_project(|p| p.group = "quantum".into());
    assert!(project[0].to_string().contains("did you mean `cloud_quantum_data`?"), "{project:#?}");
    let far = with_project(|p| p.group = "alchemy".into());
    assert!(!far[0].to_string().contains("did you mean"), "nothing close: {far:#?}");
}

#[test]
fn negative_weight_and_bad_solver_options() {
    let mut bad = plan();
    bad.group_weights.insert("biotech".into(), -1.0);
    bad.solver.mip_rel_gap = 2.0;
    bad.solver.threads = Some(0);
    let ps = problems(&portfolio(vec![]), &bad);
    expect_one(&ps, "negative_amount", None, "group_weights.biotech");
    expect_one(&ps, "share_out_of_range", None, "solver.mip_rel_gap");
    expect_one(&ps, "not_positive", None, "solver.threads");
    bad.solver.threads = Some(100_000);
    let ps = problems(&portfolio(vec![]), &bad);
    expect_one(&ps, "too_many_threads", None, "solver.threads");
    assert!(ps.iter().any(|p| p.to_string().contains("threads is 100000; it must be at most 1024")), "{ps:#?}");
}

#[test]
fn mandatory_project_that_is_ineligible_is_an_input_error() {
    let mut p = project("P-9");
    p.mandatory = true;
    p.enterprise_commitment = 5.0;
    let ps = problems(&portfolio(vec![p]), &plan());
    expect_one(&ps, "mandatory_ineligible", Some("P-9"), "mandatory");
    assert!(ps[0].message.contains("enterprise_commitment_below_share"));
}

#[test]
fn objective_projects_must_exist() {
    let mut bad = plan();
    bad.objective = Objective::MinStateSpend { min_value: None, projects: vec!["P-404".into()] };
    expect_one(&problems(&portfolio(vec![project("P-1")]), &bad), "unknown_project", None, "objective.projects");
}

#[test]
fn currency_and_catalog_mismatch() {
    let mut bad = plan();
    bad.currency_unit = Some("million USD".into());
    let mut pf = portfolio(vec![]);
    pf.catalog = Some("decision-21-2026".into());
    let ps = problems(&pf, &bad);
    expect_one(&ps, "currency_mismatch", None, "currency_unit");
    expect_one(&ps, "unknown_catalog", None, "catalog");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut a = project("A");
    a.cost = -1.0;
    a.success_probability = 3.0;
    let mut b = project("B");
    b.group = "alchemy".into();
    b.requires = vec!["Z".into()];
    let mut bad = plan();
    bad.carry_over = 2.0;
    let ps = problems(&portfolio(vec![a, b]), &bad);
    let rules: Vec<&str> = ps.iter().map(|p| p.rule.as_str()).collect();
    for rule in
        ["cost_not_positive", "probability_out_of_range", "unknown_group", "unknown_requirement", "share_out_of_range"]
    {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
}

#[test]
fn years_and_durations_out_of_range() {
    expect_one(&with_project(|p| p.start_year = Some(i32::MAX - 1)), "year_out_of_range", Some("P-7"), "start_year");
    expect_one(&with_project(|p| p.duration_years = 2_000_000_000), "duration_too_long", Some("P-7"), "duration_years");
    let mut bad = plan();
    bad.years = vec![i32::MAX - 1, i32::MAX];
    bad.state_budget = [(i32::MAX - 1, 1.0), (i32::MAX, 1.0)].into();
    let ps = problems(&portfolio(vec![project("P-1")]), &bad);
    assert!(ps.iter().any(|p| p.rule == "year_out_of_range" && p.field == "years"), "{ps:?}");
}

mod never_panics {
    use proptest::prelude::*;
    use stratfund::{solve, validate, Catalog, FundingClass, Plan, Portfolio, Project};

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![any::<f64>(), -10.0f64..200.0, Just(f64::NAN), Just(f64::INFINITY), Just(0.0)]
    }

    prop_compose! {
        fn wild_project()(
            id in "[A-C]", cost in number(), e in number(), a in number(), r in prop::option::of(number()),
            impact in number(), pi in number(), f in number(), start in prop::option::of(any::<i32>()),
            duration in prop_oneof![0u32..6, any::<u32>()], mandatory in any::<bool>(),
            requires in prop::collection::vec("[A-D]", 0..2),
        ) -> Project {
            let mut p = Project::new(&id, "biotech", FundingClass::Strategic, cost, impact);
            p.enterprise_commitment = e; p.academia_contribution = a; p.state_request = r;
            p.success_probability = pi; p.min_fraction = f; p.start_year = start; p.duration_years = duration;
            p.mandatory = mandatory; p.requires = requires;
            p
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn validation_and_solving_never_panic(
            projects in prop::collection::vec(wild_project(), 0..5),
            first in prop_oneof![2020i32..2030, any::<i32>()], budget in number(), years in 1usize..4,
            carry in number(), grant in number(),
        ) {
            let years: Vec<(i32, f64)> = (0..years).map(|k| (first.saturating_add(k as i32), budget)).collect();
            let mut plan = Plan::new(years);
            plan.carry_over = carry;
            plan.min_grant = grant;
            let portfolio = Portfolio::new(projects);
            let report = validate(&portfolio, &plan, &Catalog::default());
            if report.is_ok() {
                let allocation = solve(&portfolio, &plan).unwrap();
                prop_assert_eq!(allocation.projects.len(), portfolio.projects.len());
            } else {
                prop_assert!(matches!(solve(&portfolio, &plan), Err(stratfund::Error::Validation(_))));
            }
        }
    }
}

#[test]
fn amounts_too_large_for_any_budget() {
    expect_one(&with_project(|p| p.cost = 1e186), "amount_too_large", Some("P-7"), "cost");
    let mut bad = plan();
    bad.state_budget.insert(2027, 1e186);
    expect_one(&problems(&portfolio(vec![]), &bad), "amount_too_large", None, "state_budget.2027");
}

#[test]
fn huge_and_tiny_numbers_are_shown_short_with_their_digits() {
    let mut p = project("P-7");
    p.cost = 1e308;
    p.impact = -1e-300;
    let mut pl = plan();
    pl.carry_over = 1.0000001;
    pl.min_grant = -1.5e300;
    pl.solver.mip_rel_gap = 2e200;
    let ps = problems(&portfolio(vec![project("P-1"), p]), &pl);
    for (field, shown) in [
        ("cost", "cost is 1e308;"),
        ("impact", "impact is -1e-300;"),
        ("carry_over", "carry_over is 1.0000001;"),
        ("min_grant", "min_grant is -1.5e300;"),
        ("solver.mip_rel_gap", "mip_rel_gap is 2e200;"),
    ] {
        let p = ps.iter().find(|p| p.field == field).unwrap_or_else(|| panic!("no problem on {field}: {ps:#?}"));
        assert!(p.message.contains(shown), "{field}: {}", p.message);
    }
    assert!(ps.iter().all(|p| p.to_string().len() < 200), "{ps:#?}");
}

#[test]
fn an_unknown_id_spelled_like_a_project_id_names_that_project() {
    let mut b = project("P-2");
    b.requires = vec!["p_1".into(), "P-9".into()];
    let inputs = portfolio(vec![project("P-1"), b]);
    let mut excluding = plan();
    excluding.excluded.insert("p-1 ".into(), "withdrawn".into());
    let found = problems(&inputs, &excluding);
    let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
    assert!(messages.contains(&"requires `p_1`, which is not in the portfolio; did you mean `P-1`?"), "{messages:?}");
    assert!(messages.contains(&"requires `P-9`, which is not in the portfolio"), "no guess: {messages:?}");
    assert!(
        messages.contains(&"excluded lists `p-1 `, which is not in the portfolio; did you mean `P-1`?"),
        "{messages:?}"
    );
    let scenario =
        stratfund::scenario::Scenario { exclude: vec!["p-2".into()], ..stratfund::scenario::Scenario::named("s") };
    let error = scenario.check(&inputs, &plan(), &Catalog::default()).unwrap_err().to_string();
    assert!(error.contains("`p-2` is not in the portfolio; did you mean `P-2`?"), "{error}");
}

/// `Hà Nội` composed (NFC) and decomposed (NFD): they look alike but are different strings, so a
/// region, lead, exclusive label or id written both ways would silently be two. Each is refused
/// at the place of its second form, naming both.
#[test]
fn names_written_in_two_unicode_forms() {
    let composed = "H\u{e0} N\u{1ed9}i"; // à, ộ as single code points
    let decomposed = "Ha\u{300} No\u{323}\u{302}i"; // a + grave, o + dot below + circumflex
    assert_ne!(composed, decomposed);
    let mut a = project("P-1");
    a.region = Some(decomposed.into());
    a.lead = Some(format!("Vi\u{1ec7}n {decomposed}"));
    a.exclusive_group = Some(composed.into());
    let mut b = project("P-2");
    b.region = Some(composed.into());
    b.lead = Some(format!("Vi\u{1ec7}n {composed}"));
    b.exclusive_group = Some(decomposed.into());
    let ps = problems(&portfolio(vec![a.clone(), b.clone()]), &plan());
    let found: Vec<(Option<&str>, &str)> =
        ps.iter().filter(|p| p.rule == "unicode_forms").map(|p| (p.project.as_deref(), p.field.as_str())).collect();
    assert_eq!(found, [(Some("P-2"), "region"), (Some("P-2"), "lead"), (Some("P-2"), "exclusive_group")]);
    let region = ps.iter().find(|p| p.field == "region").unwrap().to_string();
    assert!(region.contains("decomposed in project P-1; composed in project P-2"), "{region}");
    // The plan's region bounds count too.
    let mut bounded = plan();
    bounded.region_bounds.insert(composed.into(), Bounds { max: Some(10.0), ..Bounds::default() });
    a.lead = None;
    a.exclusive_group = None;
    expect_one(&problems(&portfolio(vec![a.clone()]), &bounded), "unicode_forms", None, "region_bounds");
    // Ids: a requirement written in the other form than the id it names.
    let mut id = project(composed);
    id.region = None;
    let mut requiring = project("P-3");
    requiring.requires = vec![decomposed.into()];
    let ps = problems(&portfolio(vec![id.clone(), requiring]), &plan());
    expect_one(&ps, "unicode_forms", Some("P-3"), "requires");
    // The unknown requirement says why it looks known.
    let unknown = ps.iter().find(|p| p.rule != "unicode_forms").unwrap().to_string();
    assert!(unknown.contains("which looks the same but is written in another Unicode form"), "{unknown}");
    // One form throughout is fine.
    b.region = Some(decomposed.into());
    b.lead = None;
    b.exclusive_group = None;
    let mut c = a.clone();
    c.id = "P-4".into();
    assert!(problems(&portfolio(vec![a, b, c, id]), &plan()).iter().all(|p| p.rule != "unicode_forms"));
}
