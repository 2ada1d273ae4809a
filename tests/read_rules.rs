//! Every error from reading a file names the reading rule it breaks, as validation problems name
//! theirs: one case per rule and per format, checked on the typed error and on its message.

use stratfund::io::{self, csv, progress};
use stratfund::{Error, ReadRule};

const HEADER: &str = "id,group,class,cost,impact";
const PLAN: &str = "years = [2026]\n[state_budget]\n2026 = 100.0\n";

/// The (rule, project, field) of each parse error of `result`, in order.
fn rules<T: std::fmt::Debug>(result: stratfund::Result<T>) -> Vec<(ReadRule, Option<String>, Option<String>)> {
    let error = result.expect_err("the input must be refused");
    let message = error.to_string();
    let Error::Parse(errors) = error else { panic!("a parse error, not {message}") };
    for e in errors.iter() {
        assert!(message.contains(&format!("[rule {}]", e.rule)), "the message names the rule: {message}");
    }
    errors.iter().map(|e| (e.rule, e.project.clone(), e.field.clone())).collect()
}

fn only<T: std::fmt::Debug>(result: stratfund::Result<T>) -> ReadRule {
    let found = rules(result);
    assert_eq!(found.len(), 1, "one error: {found:?}");
    found[0].0
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn csv_cells_name_their_rule_project_and_field() {
    let text = format!(
        "{HEADER},trl,duration_years,cost_profile,cost_2026\n\
         A,biotech,markett,10,1,,,,\n\
         B,biotech,market,ten,1,,,,\n\
         C,biotech,market,10,,,,,\n\
         D,biotech,market,10,1,300,,,\n\
         E,biotech,market,10,1,4.5,,,\n\
         F,biotech,market,10,1,,,0.5;0.5,3\n"
    );
    assert_eq!(
        rules(csv::portfolio_from_csv(&text, "p.csv")),
        [
            (ReadRule::InvalidValue, some("A"), some("class")),
            (ReadRule::WrongType, some("B"), some("cost")),
            (ReadRule::MissingField, some("C"), some("impact")),
            (ReadRule::OutOfRange, some("D"), some("trl")),
            (ReadRule::WrongType, some("E"), some("trl")),
            (ReadRule::ConflictingFields, some("F"), some("cost_profile")),
        ]
    );
}

#[test]
fn csv_headers_and_files_name_their_rule() {
    let read = |text: &str| csv::portfolio_from_csv(text, "p.csv");
    assert_eq!(only(read("id;group;class;cost;impact\nA;biotech;market;10;1\n")), ReadRule::WrongSeparator);
    assert_eq!(only(read(&format!("{HEADER},colour\nA,biotech,market,10,1,red\n"))), ReadRule::UnknownField);
    assert_eq!(only(read(&format!("{HEADER},cost\nA,biotech,market,10,1,10\n"))), ReadRule::DuplicateField);
    assert_eq!(only(read("id,group,class,cost\nA,biotech,market,10\n")), ReadRule::MissingField);
    assert_eq!(only(read(&format!("# currency: VND\n{HEADER}\nA,biotech,market,10,1\n"))), ReadRule::UnknownField);
    assert_eq!(only(read(&format!("{HEADER}\nA,biotech,market,10,1,extra\n"))), ReadRule::Syntax);
}

#[test]
fn a_file_that_is_not_utf8_names_its_rule() {
    let path = std::env::temp_dir().join(format!("stratfund-read-rules-{}.csv", std::process::id()));
    std::fs::write(&path, b"id,group,class,cost,impact\nA,Vi\xeat,market,10,1\n").expect("a temporary file");
    let result = io::read_portfolio(&path);
    std::fs::remove_file(&path).ok();
    assert_eq!(only(result), ReadRule::NotUtf8);
}

#[test]
fn json_errors_name_their_rule_project_and_field() {
    let project = |fields: &str| format!(r#"{{"projects": [{{"id": "P-1", "group": "biotech", {fields}}}]}}"#);
    let read = |text: &str| rules(io::portfolio_from_json(text, "p.json"));
    let first = |text: &str| read(text).remove(0);
    assert_eq!(first(&project(r#""class": "market", "cost": "ten", "impact": 1"#)).0, ReadRule::WrongType);
    assert_eq!(
        first(&project(r#""class": "markett", "cost": 10, "impact": 1"#)),
        (ReadRule::InvalidValue, some("P-1"), some("class"))
    );
    assert_eq!(
        first(&project(r#""class": "market", "cost": 10, "impact": 1, "colour": 1"#)),
        (ReadRule::UnknownField, some("P-1"), some("colour"))
    );
    assert_eq!(first(&project(r#""class": "market", "impact": 1"#)).0, ReadRule::MissingField);
    assert_eq!(
        first(&project(r#""class": "market", "cost": 10, "impact": 1, "trl": 300"#)),
        (ReadRule::OutOfRange, some("P-1"), some("trl")),
        "as in a CSV cell"
    );
    assert_eq!(first(&project(r#""class": "market", "cost": 10, "impact": 1, "trl": 4.5"#)).0, ReadRule::WrongType);
    assert_eq!(
        first(&project(r#""class": "market", "cost": 10, "cost": 11, "impact": 1"#)).0,
        ReadRule::DuplicateField
    );
    assert_eq!(first(&project(r#""class": "market", "cost": 10, "impact": 1,"#)).0, ReadRule::Syntax);
    assert_eq!(only(io::portfolio_from_json(r#"{"projects": ["#, "p.json")), ReadRule::Syntax);
}

#[test]
fn a_name_given_twice_in_a_json_map_is_refused_not_overwritten() {
    // serde_json keeps the last of two equal keys: every map by name must say so instead.
    let plan = |field: &str| format!(r#"{{"years": [2026], "state_budget": {{"2026": 100}}, {field}}}"#);
    let twice = |text: String| rules(io::plan_from_json(&text, "plan.json"));
    for (json, field) in [
        (r#""group_weights": {"biotech": 1, "biotech": 2}"#, "group_weights"),
        (r#""group_bounds": {"biotech": {"max": 5}, "biotech": {"min": 1}}"#, "group_bounds"),
        (r#""region_bounds": {"Hue": {"max": 5}, "Hue": {"max": 6}}"#, "region_bounds"),
        (r#""excluded": {"P-1": "late", "P-1": "withdrawn"}"#, "excluded"),
        (r#""policy": {"state_share_caps": {"research": 1, "research": 0.5}}"#, "policy.state_share_caps"),
    ] {
        let found = twice(plan(json));
        assert_eq!(found, [(ReadRule::DuplicateField, None, some(field))], "{json}");
    }
    let error = io::plan_from_json(&plan(r#""group_weights": {"biotech": 1, "biotech": 2}"#), "plan.json");
    assert!(error.unwrap_err().to_string().contains("`biotech` appears twice"));
    let project = r#"{"projects": [{"id": "P-1", "group": "biotech", "class": "market", "cost": 10, "impact": 1,
        "cost_categories": {"research": 4, "research": 6}}]}"#;
    assert_eq!(
        rules(io::portfolio_from_json(project, "p.json")),
        [(ReadRule::DuplicateField, some("P-1"), some("cost_categories"))]
    );
    let scenarios = r#"{"scenarios": [{"name": "s", "group_weights": {"biotech": 1, "biotech": 2}}]}"#;
    assert_eq!(only(stratfund::scenario::scenarios_from_json(scenarios, "s.json")), ReadRule::DuplicateField);
    let mut catalog = serde_json::to_value(stratfund::Catalog::default()).expect("the catalog is JSON");
    catalog["code_map"] = serde_json::json!({});
    let text = catalog.to_string().replace(r#""code_map":{}"#, r#""code_map":{"old":"biotech","old":"blockchain"}"#);
    assert_eq!(only(stratfund::Catalog::from_json_str(&text, "c.json")), ReadRule::DuplicateField);
    // A CSV cell's map of amounts by year too.
    let csv_text = format!(
        "{HEADER},start_year,duration_years,cost_profile\nA,biotech,market,10,1,2026,2,\"{{2026: 4, 2026: 6}}\"\n"
    );
    assert_eq!(only(csv::portfolio_from_csv(&csv_text, "p.csv")), ReadRule::InvalidValue);
}

#[test]
fn a_column_given_twice_is_refused_in_every_table() {
    // A name twice, or two `cost_<year>` columns of one year, in CSV files, tables (DataFrames)
    // and progress files: the first column's cells would be dropped.
    let amounts = format!("{HEADER},start_year,cost_2026,cost_02026\nA,biotech,market,10,1,2026,4,6\n");
    let error = csv::portfolio_from_csv(&amounts, "p.csv").unwrap_err().to_string();
    assert!(error.contains("column `cost_02026` gives the amounts of 2026, as column `cost_2026` does"), "{error}");
    let twice = format!("{HEADER},cost_2026,cost_2026\nA,biotech,market,10,1,4,10\n");
    assert_eq!(only(csv::portfolio_from_csv(&twice, "p.csv")), ReadRule::DuplicateField);
    let portfolio = stratfund::Portfolio::new(vec![stratfund::Project::new(
        "A",
        "biotech",
        stratfund::FundingClass::Market,
        10.0,
        1.0,
    )]);
    let mut columns = io::columns::portfolio_to_columns(&portfolio);
    columns.push(columns[5].clone()); // `cost` again
    assert_eq!(only(io::columns::portfolio_from_columns(columns, "<DataFrame>")), ReadRule::DuplicateField);
    let header = progress::PROGRESS_COLUMNS.join(",");
    let text = format!("{header},disbursed\nP-1,2026,5,late,,,7\n");
    assert_eq!(
        rules(progress::progress_from_csv(&text, "g.csv")),
        [(ReadRule::DuplicateField, None, some("disbursed"))]
    );
}

#[test]
fn toml_errors_name_their_rule() {
    let read = |text: &str| only(io::plan_from_toml(text, "plan.toml"));
    assert_eq!(read(&PLAN.replace("years", "yeras")), ReadRule::UnknownField);
    assert_eq!(read(&PLAN.replace("[2026]", "\"2026\"")), ReadRule::WrongType);
    assert_eq!(read(&PLAN.replace("= [2026]", "[2026]")), ReadRule::Syntax);
    assert_eq!(read(&format!("{PLAN}2026 = 120.0\n")), ReadRule::DuplicateField);
    assert_eq!(read("[state_budget]\n2026 = 100.0\n"), ReadRule::MissingField);
    assert_eq!(read(&format!("{PLAN}[objective]\nkind = \"max_value\"\nmin_value = 5.0\n")), ReadRule::InvalidValue);
}

#[test]
fn a_document_given_in_the_wrong_place_names_its_rule() {
    let portfolio = r#"{"schema": "stratfund.portfolio/1", "projects": []}"#;
    assert_eq!(only(io::plan_from_json(portfolio, "plan.json")), ReadRule::WrongDocument);
}

#[test]
fn progress_rows_name_their_rule() {
    let header = progress::PROGRESS_COLUMNS.join(",");
    let text = format!("{header}\nP-1,2026-Q5,5,late,,\nP-2,2026,x,late,,\nP-3,2026,5,paused,,\n,2026,5,late,,\n");
    assert_eq!(
        rules(progress::progress_from_csv(&text, "g.csv")),
        [
            (ReadRule::InvalidValue, some("P-1"), some("period")),
            (ReadRule::WrongType, some("P-2"), some("disbursed")),
            (ReadRule::InvalidValue, some("P-3"), some("status")),
            (ReadRule::MissingField, None, some("project_id")),
        ]
    );
}

#[test]
fn rules_are_written_in_snake_case_in_json() {
    let error = csv::portfolio_from_csv(&format!("{HEADER}\nA,biotech,market,ten,1\n"), "p.csv").unwrap_err();
    let Error::Parse(errors) = error else { panic!("a parse error") };
    let json = serde_json::to_value(&errors[0]).expect("a parse error is JSON");
    assert_eq!(json["rule"], "wrong_type");
    assert_eq!(json["project"], "A");
    assert_eq!(json["field"], "cost");
}

#[test]
fn catalog_errors_name_their_rule() {
    let mut catalog = serde_json::to_value(stratfund::Catalog::default()).expect("the catalog is JSON");
    let groups = catalog["groups"].as_array_mut().expect("groups");
    groups.push(groups[0].clone());
    let text = catalog.to_string();
    assert_eq!(only(stratfund::Catalog::from_json_str(&text, "c.json")), ReadRule::DuplicateId);
    // A product listed twice in a group (the second, perhaps flagged priority, would be ignored).
    let mut catalog = serde_json::to_value(stratfund::Catalog::default()).expect("the catalog is JSON");
    let products = catalog["groups"][0]["products"].as_array_mut().expect("products");
    let again = serde_json::json!({"priority": !products[2]["priority"].as_bool().unwrap_or(false)});
    let mut twice = products[2].clone();
    twice.as_object_mut().expect("a product").extend(again.as_object().expect("an object").clone());
    products.push(twice);
    let text = catalog.to_string();
    let error = stratfund::Catalog::from_json_str(&text, "c.json").unwrap_err().to_string();
    assert!(error.contains("product code `domain_ai` appears twice in group `ai_twin_xr`"), "{error}");
    assert_eq!(only(stratfund::Catalog::from_json_str(&text, "c.json")), ReadRule::DuplicateId);
    let mut catalog = serde_json::to_value(stratfund::Catalog::default()).expect("the catalog is JSON");
    catalog["code_map"] = serde_json::json!({"old_code": "no_such_group"});
    let text = catalog.to_string();
    assert_eq!(only(stratfund::Catalog::from_json_str(&text, "c.json")), ReadRule::InvalidValue);
}

/// The message of the first parse error of `result` (a renamed required column is missing too).
fn message<T: std::fmt::Debug>(result: stratfund::Result<T>) -> String {
    let Error::Parse(errors) = result.expect_err("the input must be refused") else { panic!("a parse error") };
    errors.iter().next().expect("an error").message.clone()
}

#[test]
fn unknown_names_say_which_known_name_they_probably_meant() {
    let csv_header = message(csv::portfolio_from_csv("id,group,class,Cost,impact\nA,biotech,market,10,1\n", "p.csv"));
    assert!(csv_header.starts_with("unknown column `Cost`; did you mean `cost`? (known: id,"), "{csv_header}");
    let spaced =
        message(csv::portfolio_from_csv(&format!("{HEADER},state request\nA,biotech,market,10,1,2\n"), "p.csv"));
    assert!(spaced.contains("did you mean `state_request`?"), "{spaced}");
    let class = message(csv::portfolio_from_csv(&format!("{HEADER}\nA,biotech,strategc,10,1\n"), "p.csv"));
    assert!(class.ends_with("(expected `market` or `strategic`); did you mean `strategic`?"), "{class}");
    let json = r#"{"projects": [{"id": "A", "group": "biotech", "class": "market", "cost": 10, "impact": 1, "enterprise_comitment": 5}]}"#;
    let field = message(io::portfolio_from_json(json, "p.json"));
    assert!(field.ends_with("`trl`; did you mean `enterprise_commitment`?"), "{field}");
    let variant = message(io::portfolio_from_json(&json.replace("\"market\"", "\"Strategic\""), "p.json"));
    assert!(variant.ends_with("did you mean `strategic`?"), "{variant}");
    let toml = message(io::toml::from_str_located::<stratfund::Plan>(&format!("carryover = 0.1\n{PLAN}"), "plan.toml"));
    assert!(toml.ends_with("did you mean `carry_over`?"), "{toml}");
    let status = message(progress::progress_from_csv("project_id,period,status\nP-1,2026,ontrack\n", "g.csv"));
    assert!(status.ends_with("did you mean `on_track`?"), "{status}");
    // Nothing close: no guess.
    let far = message(csv::portfolio_from_csv(&format!("{HEADER},colour\nA,biotech,market,10,1,red\n"), "p.csv"));
    assert!(!far.contains("did you mean"), "{far}");
}

#[test]
fn messages_say_what_a_field_expects_in_plain_words() {
    let project =
        |fields: &str| format!(r#"{{"projects": [{{"id": "P-1", "group": "biotech", "class": "market", {fields}}}]}}"#);
    let json = |text: &str| io::portfolio_from_json(text, "p.json").expect_err("refused").to_string();
    let toml = |text: &str| io::plan_from_toml(text, "plan.toml").expect_err("refused").to_string();
    let cases = [
        (json(&project(r#""cost": "ten", "impact": 1"#)), "expected a number"),
        (json(&project(r#""cost": 10, "impact": 1, "trl": 4.5"#)), "number `4.5`, expected a whole number"),
        (json(&project(r#""cost": 10, "impact": 1, "mandatory": "yes""#)), "expected true or false"),
        (json(r#"{"projects": "P-1"}"#), "expected a list"),
        (toml(&format!("max_projects_per_lead = 2.5\n{PLAN}")), "expected a whole number from 0 to 4294967295"),
        (toml(&format!("{PLAN}[solver]\nthreads = 1099511627776\n")), "expected a whole number from 0 to 4294967295"),
        (toml(&format!("min_grant = \"2\"\n{PLAN}")), "expected a number"),
    ];
    for (message, plain) in cases {
        assert!(message.contains(plain), "{message} should say {plain:?}");
        for rust in ["f64", "u8`", "u16", "u32", "usize", "a sequence", "a boolean", "floating point"] {
            assert!(!message.contains(rust), "{message} names the Rust type {rust}");
        }
    }
}
