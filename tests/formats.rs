//! FORMATS.md round trips: portfolios through JSON and CSV, plans through JSON and TOML, lossless;
//! and the shipped demo files are exactly what the seeded generator writes.

use std::collections::BTreeMap;

use proptest::prelude::*;
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::io::{self, csv, json, toml};
use stratfund::{Bounds, CostProfile, FundingClass, Objective, Plan, Portfolio, Project};

fn money() -> impl Strategy<Value = f64> {
    prop_oneof![0.0..1e4, prop::num::f64::POSITIVE | prop::num::f64::NEGATIVE | prop::num::f64::ZERO]
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-zĐđăơ0-9][A-Za-zĐđăơ0-9 ,\"'.-]{0,12}"
}

fn item() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]([A-Za-z0-9 .,-]{0,10}[A-Za-z0-9])?"
}

fn profile() -> impl Strategy<Value = Option<CostProfile>> {
    prop_oneof![
        Just(None),
        prop::collection::vec(money(), 1..5).prop_map(|v| Some(CostProfile::Shares(v))),
        prop::collection::btree_map(2020i32..2040, money(), 1..5).prop_map(|m| Some(CostProfile::Amounts(m))),
    ]
}

prop_compose! {
    fn arb_project()(
        id in item(), title in prop_oneof![Just(String::new()), word()], group in "[a-z_]{1,12}",
        product in prop::option::of(word()), market in any::<bool>(), cost in money(),
        start_year in prop::option::of(2000i32..2100), duration_years in 0u32..8, cost_profile in profile(),
        e in money(), a in money(), r in prop::option::of(money()), impact in money(),
        pi in money(), f in money(), mandatory in any::<bool>(),
        requires in prop::collection::vec(item(), 0..3), exclusive_group in prop::option::of(word()),
        lead in prop::option::of(word()), region in prop::option::of(word()),
        enterprises in prop::collection::vec(item(), 0..3), academia in prop::collection::vec(item(), 0..3),
        trl in prop::option::of(any::<u8>()),
    ) -> Project {
        let class = if market { FundingClass::Market } else { FundingClass::Strategic };
        let mut p = Project::new(&id, &group, class, cost, impact);
        p.title = title; p.product = product; p.start_year = start_year; p.duration_years = duration_years;
        p.cost_profile = cost_profile; p.enterprise_commitment = e; p.academia_contribution = a;
        p.state_request = r; p.success_probability = pi; p.min_fraction = f; p.mandatory = mandatory;
        p.requires = requires; p.exclusive_group = exclusive_group; p.lead = lead; p.region = region;
        p.enterprises = enterprises; p.academia = academia; p.trl = trl;
        p
    }
}

fn arb_bounds() -> impl Strategy<Value = Bounds> {
    (prop::option::of(money()), prop::option::of(money()), prop::option::of(money()), prop::option::of(money()))
        .prop_map(|(min_share, max_share, min, max)| Bounds { min_share, max_share, min, max })
}

prop_compose! {
    fn arb_plan()(
        budgets in prop::collection::btree_map(2020i32..2040, money(), 1..6),
        carry_over in money(), min_grant in money(), lead_cap in prop::option::of(0u32..50),
        groups in prop::collection::btree_map("[a-z_]{1,8}", arb_bounds(), 0..3),
        regions in prop::collection::btree_map(word(), arb_bounds(), 0..3),
        weights in prop::collection::btree_map("[a-z_]{1,8}", money(), 0..3),
        state_share in prop::option::of(money()), min_value in prop::option::of(money()),
        objective_projects in prop::collection::vec(item(), 0..3), max_value in any::<bool>(),
        gap in money(), time_limit in prop::option::of(money()), threads in prop::option::of(0u32..8),
        relaxed in any::<bool>(), unit in prop::option::of(word()),
    ) -> Plan {
        let mut plan = Plan::new(budgets.into_iter().collect());
        plan.carry_over = carry_over; plan.min_grant = min_grant; plan.max_projects_per_lead = lead_cap;
        plan.group_bounds = groups; plan.region_bounds = regions; plan.group_weights = weights;
        plan.policy.strategic_min_state_share = state_share; plan.currency_unit = unit;
        plan.objective = if max_value { Objective::MaxValue } else {
            Objective::MinStateSpend { min_value, projects: objective_projects }
        };
        plan.solver.mip_rel_gap = gap; plan.solver.time_limit_s = time_limit; plan.solver.threads = threads;
        plan.solver.relaxed = relaxed;
        plan
    }
}

/// What CSV keeps of a portfolio: a 0 in a `cost_<year>` cell outside the row's schedule is a year
/// without cost (every row has every year column), so it is not read back as a profile year.
fn without_zeros_outside_schedules(mut portfolio: Portfolio) -> Portfolio {
    for p in &mut portfolio.projects {
        if let (Some(CostProfile::Amounts(amounts)), Some(start)) = (&mut p.cost_profile, p.start_year) {
            let last = i64::from(start) + i64::from(p.duration_years) - 1;
            amounts.retain(|year, v| *v != 0.0 || (i64::from(start)..=last).contains(&i64::from(*year)));
            if amounts.is_empty() {
                p.cost_profile = None; // no cell left: the default profile, as for empty cells
            }
        }
    }
    portfolio
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn portfolio_round_trips_through_json_and_csv(
        projects in prop::collection::vec(arb_project(), 0..6),
        unit in word(), catalog in prop::option::of("[a-z0-9-]{1,20}"),
    ) {
        let mut portfolio = Portfolio::new(projects);
        portfolio.currency_unit = unit.trim().to_string();
        portfolio.catalog = catalog;
        let text = json::to_string_pretty(&portfolio).unwrap();
        prop_assert_eq!(&io::portfolio_from_json(&text, "p.json").unwrap(), &portfolio);
        let text = csv::portfolio_to_csv(&portfolio).unwrap();
        prop_assert_eq!(&csv::portfolio_from_csv(&text, "p.csv").unwrap(), &without_zeros_outside_schedules(portfolio));
    }

    #[test]
    fn plan_round_trips_through_json_and_toml(plan in arb_plan()) {
        let text = json::to_string_pretty(&plan).unwrap();
        prop_assert_eq!(&io::plan_from_json(&text, "plan.json").unwrap(), &plan);
        let text = toml::to_string(&plan).unwrap();
        prop_assert_eq!(&io::plan_from_toml(&text, "plan.toml").unwrap(), &plan);
    }
}

/// `text` with the byte range at `at` (a share of its length) replaced by `with`, on char boundaries.
fn corrupted(text: &str, at: f64, len: usize, with: &str) -> String {
    let boundary =
        |i: usize| (i.min(text.len())..=text.len()).find(|&j| text.is_char_boundary(j)).unwrap_or(text.len());
    let start = boundary((at * text.len() as f64) as usize);
    let end = boundary(start + len);
    format!("{}{with}{}", &text[..start], &text[end..])
}

/// Every parse error of a read of `text` points inside it.
fn errors_point_inside(result: stratfund::Result<Portfolio>, text: &str) -> Result<(), TestCaseError> {
    if let Err(stratfund::Error::Parse(errors)) = result {
        prop_assert!(!errors.is_empty());
        let lines = text.lines().count().max(1);
        for e in errors.iter() {
            prop_assert!(e.line.is_none_or(|l| (1..=lines + 1).contains(&l)), "{e} (the text has {lines} lines)");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A damaged file is read or refused, never a panic, and its errors name lines of the file.
    #[test]
    fn damaged_portfolio_files_give_located_errors(
        at in 0.0..1.0f64, len in 0usize..12, with in "[\\[\\]{}\",;:a-z0-9 .\n-]{0,6}|ế|\"\"",
    ) {
        let portfolio = generate_portfolio(&DemoConfig { projects: 6, ..DemoConfig::default() });
        let text = corrupted(&json::to_string_pretty(&portfolio).unwrap(), at, len, &with);
        errors_point_inside(io::portfolio_from_json(&text, "p.json"), &text)?;
        let text = corrupted(&csv::portfolio_to_csv(&portfolio).unwrap(), at, len, &with);
        errors_point_inside(csv::portfolio_from_csv(&text, "p.csv"), &text)?;
    }
}

/// Also when saved with a UTF-8 byte-order mark, as Windows Notepad and Excel's "CSV UTF-8" do.
#[test]
fn files_round_trip_through_disk() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig { projects: 40, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, 0.5);
    for name in ["p.json", "p.csv"] {
        let path = dir.path().join(name);
        io::write_portfolio(&portfolio, &path).unwrap();
        assert_eq!(io::read_portfolio(&path).unwrap(), portfolio, "{name}");
        with_byte_order_mark(&path);
        assert_eq!(io::read_portfolio(&path).unwrap(), portfolio, "{name} with a byte-order mark");
    }
    for name in ["plan.json", "plan.toml"] {
        let path = dir.path().join(name);
        io::write_plan(&plan, &path).unwrap();
        assert_eq!(io::read_plan(&path).unwrap(), plan, "{name}");
        with_byte_order_mark(&path);
        assert_eq!(io::read_plan(&path).unwrap(), plan, "{name} with a byte-order mark");
    }
    let err = io::read_portfolio(dir.path().join("p.xlsx")).unwrap_err().to_string();
    assert!(err.contains("p.xlsx"), "{err}");
    let err = io::write_plan(&plan, dir.path().join("plan.yaml")).unwrap_err().to_string();
    assert!(err.contains(".json or .toml"), "{err}");
}

/// `path`'s text again, after a UTF-8 byte-order mark (as Windows Notepad and Excel write it).
fn with_byte_order_mark(path: &std::path::Path) {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(path).unwrap());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn allocation_files_round_trip_and_reject_unknown_fields_and_other_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig { projects: 30, ..DemoConfig::default() };
    let portfolio = generate_portfolio(&config);
    let allocation = stratfund::solve(&portfolio, &generate_plan(&portfolio, &config, 0.5)).unwrap();
    let path = dir.path().join("a.json");
    std::fs::write(&path, json::to_string_pretty(&allocation).unwrap()).unwrap();
    assert_eq!(io::read_allocation(&path).unwrap(), allocation);
    with_byte_order_mark(&path);
    assert_eq!(io::read_allocation(&path).unwrap(), allocation, "with a byte-order mark");
    let text = json::to_string_pretty(&allocation).unwrap();
    let coloured = text.replacen("\"totals\": {", "\"totals\": {\"colour\": \"red\",", 1);
    let err = io::allocation_from_json(&coloured, "a.json").unwrap_err().to_string();
    assert!(err.contains("a.json") && err.contains("colour"), "{err}");
    let other = text.replacen(stratfund::optimize::ALLOCATION_SCHEMA, "stratfund.allocation/9", 1);
    let err = io::allocation_from_json(&other, "a.json").unwrap_err().to_string();
    assert!(err.contains("schema") && err.contains("stratfund.allocation/9"), "{err}");
    let err = io::read_allocation(dir.path().join("missing.json")).unwrap_err().to_string();
    assert!(err.contains("missing.json"), "{err}");
}

#[test]
fn formats_md_examples_parse() {
    let portfolio = r#"{
      "schema": "stratfund.portfolio/1", "currency_unit": "billion VND", "catalog": "decision-1131-2025",
      "projects": [
        {"id": "P-001", "title": "Vietnamese LLM for public services", "group": "ai_twin_xr",
         "product": "vietnamese_llm", "class": "market", "cost": 120.0,
         "start_year": 2026, "duration_years": 3,
         "enterprise_commitment": 70.0, "academia_contribution": 5.0, "state_request": 60.0,
         "impact": 80.0, "success_probability": 0.7,
         "lead": "VNU Hanoi", "region": "Hanoi", "enterprises": ["Company A"], "academia": ["VNU Hanoi"],
         "requires": [], "exclusive_group": null, "mandatory": false, "min_fraction": 1.0, "trl": 4}]}"#;
    let p = io::portfolio_from_json(portfolio, "example.json").unwrap();
    assert_eq!(p.projects[0].state_request, Some(60.0));
    let plan = r#"
schema = "stratfund.plan/1"
years = [2026, 2027, 2028]
carry_over = 0.0
min_grant = 2.0
max_projects_per_lead = 6

[state_budget]            # per year
2026 = 900.0
2027 = 1000.0
2028 = 1100.0

[policy]
market_min_enterprise_share = 0.5
strategic_min_enterprise_share = 0.2

[group_bounds.semiconductors]
min_share = 0.10
[group_bounds.blockchain]
max_share = 0.08

[group_weights]
ai_twin_xr = 1.2

[objective]
kind = "max_value"        # or "min_state_spend" with min_value = ...

[solver]
mip_rel_gap = 1e-4
time_limit_s = 60
"#;
    let plan = io::plan_from_toml(plan, "plan.toml").unwrap();
    assert_eq!(plan.state_budget, BTreeMap::from([(2026, 900.0), (2027, 1000.0), (2028, 1100.0)]));
    assert_eq!(plan.solver.time_limit_s, Some(60.0));
    assert_eq!(plan.group_bounds["blockchain"].max_share, Some(0.08));
    let report = stratfund::validate(&p, &plan, &stratfund::Catalog::default());
    assert!(report.is_ok() && report.ineligible.is_empty(), "{report:?}");
    let min_spend =
        "years = [2026]\n[state_budget]\n2026 = 1.0\n[objective]\nkind = \"min_state_spend\"\nmin_value = 50.0\n";
    assert_eq!(
        io::plan_from_toml(min_spend, "m.toml").unwrap().objective,
        Objective::MinStateSpend { min_value: Some(50.0), projects: vec![] }
    );
}

#[test]
fn a_cost_profile_that_is_neither_shares_nor_amounts_says_what_it_takes() {
    let portfolio = |profile: &str| {
        let text = format!(
            r#"{{"projects": [{{"id": "P-9", "group": "biotech", "class": "market", "cost": 10, "impact": 1,
            "cost_profile": {profile}}}]}}"#
        );
        io::portfolio_from_json(&text, "p.json").map_err(|e| e.to_string())
    };
    assert_eq!(portfolio("[0.5, 0.5]").unwrap().projects[0].cost_profile, Some(CostProfile::Shares(vec![0.5, 0.5])));
    let error = portfolio("\"even\"").unwrap_err();
    assert!(error.contains("P-9") && error.contains("cost_profile") && error.contains("a list of shares"), "{error}");
    let error = portfolio(r#"{"2026": "half"}"#).unwrap_err();
    assert!(error.contains("cost_profile.2026") && error.contains("\"half\""), "{error}");
}

#[test]
fn an_objective_is_a_table_or_the_name_of_its_kind_and_drops_nothing() {
    let plan = |objective: &str| {
        io::plan_from_toml(
            &format!("years = [2026]\nstate_budget = {{ 2026 = 1.0 }}\nobjective = {objective}\n"),
            "o.toml",
        )
    };
    assert_eq!(plan("\"max_value\"").unwrap().objective, Objective::MaxValue);
    let min_spend = Objective::MinStateSpend { min_value: None, projects: vec![] };
    assert_eq!(plan("\"min_state_spend\"").unwrap().objective, min_spend);
    let error = |objective: &str| plan(objective).unwrap_err().to_string();
    assert!(error("\"max_valeu\"").contains("expected `max_value` or `min_state_spend`"));
    assert!(error("{ kind = \"max_value\", projects = [\"P-1\"] }").contains("kind = \"min_state_spend\""));
    assert!(error("{ kind = \"min_state_spend\", min_valu = 3 }").contains("min_valu"));
    assert!(error("3").contains("a table with `kind`"));
}

#[test]
fn tables_given_as_lists_are_refused_not_read_by_position() {
    let plan = |extra: &str| {
        let text = format!("years = [2026]\nstate_budget = {{ 2026 = 1.0 }}\n{extra}\n");
        io::plan_from_toml(&text, "p.toml").unwrap_err().to_string()
    };
    let expected = "invalid type: sequence, expected a table of named fields";
    assert!(plan("solver = [0.01, true]").contains(&format!("field `solver`: {expected}")));
    assert!(plan("policy = []").contains(&format!("field `policy`: {expected}")));
    let bounds = plan("[group_bounds]\nai_twin_xr = [0.1, 0.3]");
    assert!(bounds.contains(&format!("field `group_bounds.ai_twin_xr`: {expected}")), "{bounds}");
    let portfolio = io::portfolio_from_json(r#"{"projects": [["P-1", "biotech"]]}"#, "p.json").unwrap_err();
    assert!(portfolio.to_string().contains(expected), "{portfolio}");
    let scenarios = stratfund::scenario::scenarios_from_toml("[[scenarios]]\nname = \"a\"\npolicy = [0.3]\n", "s.toml");
    let scenarios = scenarios.unwrap_err().to_string();
    assert!(scenarios.contains(&format!("field `scenarios[0].policy`: {expected}")), "{scenarios}");
    let fine = "years = [2026]\nstate_budget = { 2026 = 1.0 }\npolicy = { market_min_enterprise_share = 0.6 }\n";
    assert_eq!(io::plan_from_toml(fine, "p.toml").unwrap().policy.market_min_enterprise_share, 0.6);
}

/// The allocation example of FORMATS.md, as a ministry or a test might write it by hand (the Python
/// tests read the same file).
const FORMATS_MD_ALLOCATION: &str = include_str!("data/formats_md_allocation.json");

#[test]
fn the_formats_md_allocation_example_reads_and_can_be_evaluated() {
    let a = io::allocation_from_json(FORMATS_MD_ALLOCATION, "a.json").unwrap();
    assert_eq!((a.projects.len(), a.totals.funded, a.gap), (2, 57, Some(0.0001)));
    assert_eq!(a.project("P-001").unwrap().state_by_year[&2027], 15.0);
    // What the example leaves out takes MODEL.md's defaults.
    assert_eq!((a.objective_kind.as_str(), a.relaxed, a.currency_unit.as_str()), ("max_value", false, "billion VND"));
    assert!(a.by_region.is_empty() && a.explanation.is_none());
    assert_eq!(a.by_group["semiconductors"].expected_value, 0.0);
    assert_eq!(io::allocation_from_json(&json::to_string_pretty(&a).unwrap(), "b.json").unwrap(), a);
    // A fixed allocation written by hand is evaluated like one the optimiser wrote: P-001 is
    // certain to succeed (success_probability defaults to 1), so it delivers V_p = 80 in every scenario.
    let mut p001 = Project::new("P-001", "ai_twin_xr", FundingClass::Market, 120.0, 80.0);
    (p001.enterprise_commitment, p001.academia_contribution, p001.state_request) = (70.0, 5.0, Some(60.0));
    (p001.start_year, p001.duration_years) = (Some(2026), 3);
    let p002 = Project::new("P-002", "semiconductors", FundingClass::Strategic, 50.0, 10.0);
    let portfolio = Portfolio::new(vec![p001, p002]);
    let settings = stratfund::simulate::Settings { scenarios: 100, ..Default::default() };
    let summary = stratfund::simulate::evaluate(&portfolio, &a, &settings).unwrap().summary;
    assert_eq!((summary.value_mean, summary.value_expected), (80.0, 80.0), "{summary:?}");
}

#[test]
fn shipped_demo_files_are_the_generator_output() {
    let config = DemoConfig::default();
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, 0.45);
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |name: &str| std::fs::read_to_string(format!("{root}/examples/data/{name}")).unwrap();
    assert_eq!(read("demo_portfolio.json"), json::to_string_pretty(&portfolio).unwrap());
    assert_eq!(read("demo_portfolio.csv"), csv::portfolio_to_csv(&portfolio).unwrap());
    assert_eq!(read("demo_plan.toml"), toml::to_string(&plan).unwrap());
    assert_eq!(read("demo_plan.json"), json::to_string_pretty(&plan).unwrap());
    let progress = stratfund::demo::generate_progress(&stratfund::solve(&portfolio, &plan).unwrap(), 2026, 57);
    assert_eq!(read("demo_progress.csv"), io::progress::progress_to_csv(&progress).unwrap());
}

#[test]
fn csv_lists_and_profiles_as_pandas_writes_them_read_as_formats_md_writes_them() {
    // A DataFrame of Python lists and dicts saved with `to_csv` has `['B', 'C']`, `[0.5, 0.5]` and
    // `{2026: 4.0, 2027: 6.0}` cells; they mean what `B;C` and `0.5;0.5` mean.
    let header = "id,group,class,cost,impact,start_year,duration_years,cost_profile,requires,enterprises";
    let pandas = format!(
        "{header}\nA,biotech,market,10,1,2026,2,\"[0.5, 0.5]\",\"['B', 'C']\",[]\n\
         B,biotech,market,10,1,2026,2,\"{{2026: 4.0, '2027': 6}}\",[],\"[\"\"Co A\"\"]\"\nC,biotech,market,10,1,,,,,\n"
    );
    let formats_md = format!(
        "{header},cost_2026,cost_2027\nA,biotech,market,10,1,2026,2,0.5;0.5,B;C,,,\n\
         B,biotech,market,10,1,2026,2,,,Co A,4,6\nC,biotech,market,10,1,,,,,,,\n"
    );
    let read = |text: &str| csv::portfolio_from_csv(text, "p.csv").unwrap();
    assert_eq!(read(&pandas), read(&formats_md));
    let a = &read(&pandas).projects[0];
    assert_eq!(a.requires, ["B", "C"]);
    assert_eq!(a.cost_profile, Some(CostProfile::Shares(vec![0.5, 0.5])));
    let err = csv::portfolio_from_csv(&pandas.replace("6}", "six}"), "p.csv").unwrap_err().to_string();
    assert!(err.contains("p.csv:3") && err.contains("project B") && err.contains("cost_profile"), "{err}");
    assert!(err.contains("`six`"), "{err}");
}
