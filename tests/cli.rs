//! The command-line tool: exit codes, every problem printed, errors that name file, line and field.

use std::path::Path;
use std::process::{Command, Output};

fn stratfund(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stratfund")).args(args).output().expect("the binary runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The command failed as a usage error (exit code 2) saying `expected`.
fn assert_usage_error(out: &Output, expected: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", text(out));
    assert!(text(out).contains(expected), "`{expected}` missing from:\n{}", text(out));
}

fn data(name: &str) -> String {
    format!("{}/examples/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn validate_demo_data_succeeds_and_lists_ineligible_projects() {
    for (portfolio, plan) in [("demo_portfolio.json", "demo_plan.toml"), ("demo_portfolio.csv", "demo_plan.json")] {
        let out = stratfund(&["validate", "--portfolio", &data(portfolio), "--plan", &data(plan)]);
        let t = text(&out);
        assert!(out.status.success(), "{t}");
        assert!(t.contains("inputs are valid: 300 projects"), "{t}");
        assert!(t.contains("ineligible P-0054: financing_below_cost"), "{t}");
    }
}

#[test]
fn validate_prints_every_problem_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("p.csv");
    std::fs::write(
        &portfolio,
        "id,group,class,cost,impact,success_probability,requires\nA,biotech,market,-5,1,0.5,\nB,alchemy,strategic,10,1,1.5,Z\n",
    )
    .unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, "years = [2026]\ncarry_over = 3.0\n[state_budget]\n2026 = 100.0\n").unwrap();
    let out = stratfund(&["validate", "--portfolio", portfolio.to_str().unwrap(), "--plan", plan.to_str().unwrap()]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    for expected in [
        "5 problems:",
        "project A, field `cost`",
        "project B, field `group`",
        "project B, field `success_probability`",
        "project B, field `requires`",
        "field `carry_over`",
    ] {
        assert!(t.contains(expected), "`{expected}` missing from:\n{t}");
    }
    let json = stratfund(&[
        "validate",
        "--portfolio",
        portfolio.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["problems"].as_array().unwrap().len(), 5);
}

#[test]
fn malformed_file_is_reported_with_line_and_field_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("p.json");
    std::fs::write(&portfolio, "{\"projects\": [\n {\"id\": \"A\", \"group\": \"biotech\", \"class\": \"market\",\n  \"cost\": NaN, \"impact\": 1}]}").unwrap();
    let out = stratfund(&["solve", "--portfolio", portfolio.to_str().unwrap(), "--plan", &data("demo_plan.toml")]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("p.json:3:"), "{t}");
    assert!(!t.contains("panicked"), "{t}");
    // `validate` lists what it cannot read as the inputs' problems (exit 1), not as its own failure.
    let out = stratfund(&["validate", "--portfolio", portfolio.to_str().unwrap(), "--plan", &data("demo_plan.toml")]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("1 problem reading the inputs:\n  - ") && t.contains("p.json:3:"), "{t}");
    let out = stratfund(&["validate", "--portfolio", "/nonexistent/p.json", "--plan", &data("demo_plan.toml")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("/nonexistent/p.json"));
}

#[test]
fn validate_lists_what_it_cannot_read_in_both_files_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("p.csv");
    std::fs::write(&portfolio, "id,group,class,cost,impact\nA,biotech,market,ten,1\nB,biotech,strategc,10,1\n")
        .unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, "yeras = [2026]\n[state_budget]\n2026 = 100.0\n").unwrap();
    let (p, g) = (portfolio.to_str().unwrap(), plan.to_str().unwrap());
    let out = stratfund(&["validate", "--portfolio", p, "--plan", g, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let found: Vec<_> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["project"].as_str(), p["field"].as_str().unwrap(), p["rule"].as_str().unwrap(), p["line"].as_u64()))
        .collect();
    assert_eq!(
        found,
        [
            (Some("A"), "cost", "wrong_type", Some(2)),
            (Some("B"), "class", "invalid_value", Some(3)),
            (None, "yeras", "unknown_field", Some(1)),
        ]
    );
    assert_eq!(report["ineligible"], serde_json::json!([]));
    assert!(report["problems"][2]["file"].as_str().unwrap().ends_with("plan.toml"));
    // The other commands also name what they cannot read in both files at once (exit 2).
    let out = stratfund(&["solve", "--portfolio", p, "--plan", g]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("3 problems reading") && t.contains("[rule wrong_type]") && t.contains("field `yeras`"), "{t}");
    // A catalog file that cannot be read is listed with them, after them.
    let catalog = dir.path().join("catalog.json");
    std::fs::write(&catalog, "{\"id\": \"mine\", \"groups\": [], \"colour\": 1}").unwrap();
    let c = catalog.to_str().unwrap();
    let out = stratfund(&["validate", "--portfolio", p, "--plan", g, "--catalog", c, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert_eq!((problems[3]["field"].as_str(), problems[3]["rule"].as_str()), (Some("colour"), Some("unknown_field")));
    assert!(problems[3]["file"].as_str().unwrap().ends_with("catalog.json"));
    let out = stratfund(&["validate", "--portfolio", p, "--plan", g, "--catalog", "/nonexistent/catalog.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("/nonexistent/catalog.json"), "{}", text(&out));
}

#[test]
fn files_in_other_encodings_and_spreadsheets_say_how_to_save_them() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("id,group\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let windows_1258 = b"id,group,class,cost,impact\nA,biotech,market,10,1\nB,C\xf4ng ngh\xea,market,10,1\n".to_vec();
    for (name, bytes, expected) in [
        ("u16.csv", utf16, "u16.csv: the file is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8: save it as UTF-8"),
        ("legacy.csv", windows_1258, "legacy.csv:3: the file is in another encoding"),
        ("sheet.xlsx", b"PK".to_vec(), "save the sheet as \"CSV UTF-8 (Comma delimited)\""),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = stratfund(&["solve", "--portfolio", path.to_str().unwrap(), "--plan", &data("demo_plan.toml")]);
        assert_usage_error(&out, expected);
        // `validate` lists a file it cannot read as text as a problem of the inputs (exit 1); a
        // spreadsheet is not a file it reads at all (exit 2).
        let out = stratfund(&["validate", "--portfolio", path.to_str().unwrap(), "--plan", &data("demo_plan.toml")]);
        assert_eq!(out.status.code(), Some(if name.ends_with(".xlsx") { 2 } else { 1 }), "{}", text(&out));
        assert!(text(&out).contains(expected), "{}", text(&out));
    }
}

#[test]
fn catalog_lists_groups_and_priority_products() {
    let out = stratfund(&["catalog"]);
    let t = text(&out);
    assert!(out.status.success());
    assert!(t.contains("decision-1131-2025"));
    assert!(t.contains("semiconductors") && t.contains("Công nghệ chip bán dẫn"));
    assert!(t.contains("vietnamese_llm") && t.contains("*priority*"));
    let json = stratfund(&["catalog", "--format", "json"]);
    let catalog: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(catalog["groups"].as_array().unwrap().len(), 11);
}

#[test]
fn generate_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let p = dir.path().join(format!("{name}.json"));
        let plan = dir.path().join(format!("{name}.toml"));
        let out = stratfund(&[
            "generate",
            "--projects",
            "25",
            "--seed",
            "9",
            "--portfolio",
            p.to_str().unwrap(),
            "--plan",
            plan.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out));
        std::fs::read(Path::new(&p)).unwrap()
    };
    assert_eq!(write("a"), write("b"));
}

#[test]
fn generate_refuses_arguments_that_give_no_usable_inputs_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (p, plan) = (dir.path().join("p.json"), dir.path().join("plan.toml"));
    let files = ["--portfolio", p.to_str().unwrap(), "--plan", plan.to_str().unwrap()];
    let beyond_memory = ("--projects", "1000000000000");
    for (argument, value) in
        [("--projects", "0"), beyond_memory, ("--years", "0"), ("--years", "51"), ("--coverage", "nan")]
    {
        let out = stratfund(&[&["generate", argument, value], &files[..]].concat());
        let name = argument.trim_start_matches("--");
        assert!(!out.status.success() && text(&out).contains(&format!("error: {name}")), "{}", text(&out));
        assert!(!p.exists() && !plan.exists());
    }
}

#[test]
fn solve_writes_the_allocation_in_each_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, check) in [
        ("a.json", "\"schema\": \"stratfund.allocation/1\""),
        ("a.csv", "id,funded,scale,state,enterprise,academia,expected_value,reason,state_2026,state_2027,state_2028,state_2029,state_2030\n"),
        ("a.md", "# Funding allocation"),
        ("a.markdown", "# Funding allocation"),
    ] {
        let out_path = dir.path().join(name);
        let out = stratfund(&[
            "solve",
            "--portfolio",
            &data("demo_portfolio.csv"),
            "--plan",
            &data("demo_plan.toml"),
            "--out",
            out_path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("status optimal"), "{}", text(&out));
        let written = std::fs::read_to_string(&out_path).unwrap();
        assert!(written.contains(check), "{name}: {}", &written[..200.min(written.len())]);
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a.json")).unwrap()).unwrap();
    assert_eq!(json["projects"].as_array().unwrap().len(), 300);
    assert_eq!(json["status"], "optimal");
    assert!(json["shadow_prices"]["budget_2026"].is_number());
    let spelled_out = stratfund(&[
        "solve",
        "--portfolio",
        &data("demo_portfolio.csv"),
        "--plan",
        &data("demo_plan.toml"),
        "--format",
        "markdown",
    ]);
    assert!(spelled_out.status.success(), "{}", text(&spelled_out));
    assert!(text(&spelled_out).contains("# Funding allocation"), "{}", text(&spelled_out));
}

#[test]
fn solve_options_override_the_plan() {
    let one = run_with("solve", &["--threads", "1", "--gap", "1e-6", "--time-limit", "60", "--format", "json"]);
    assert!(one.status.success(), "{}", text(&one));
    let allocation: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(allocation["status"], "optimal");
    assert!(allocation["gap"].as_f64().unwrap() <= 1e-6, "{}", allocation["gap"]);
    for (option, value, field) in [("--threads", "0", "solver.threads"), ("--time-limit", "-3", "solver.time_limit_s")]
    {
        let out = run_with("solve", &[option, value]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains(&format!("field `{field}`")), "{}", text(&out));
    }
    // An infinite time limit is not "not > 0": the message says what is wanted.
    let out = run_with("solve", &["--time-limit", "inf"]);
    assert!(text(&out).contains("time_limit_s is inf; it must be a finite number of seconds > 0"), "{}", text(&out));
    assert_usage_error(&run_with("solve", &["--threads", "2.5"]), "invalid value '2.5' for '--threads <THREADS>'");
}

#[test]
fn solve_reports_validation_problems_and_infeasible_plans() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("p.csv");
    std::fs::write(&portfolio, "id,group,class,cost,impact,enterprise_commitment,mandatory\nA,biotech,market,100,1,60,true\nB,biotech,market,-1,1,60,false\n").unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, "years = [2026]\n[state_budget]\n2026 = 10.0\n").unwrap();
    let args = ["solve", "--portfolio", portfolio.to_str().unwrap(), "--plan", plan.to_str().unwrap()];
    let out = stratfund(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("project B, field `cost`"), "{}", text(&out));
    std::fs::write(
        &portfolio,
        "id,group,class,cost,impact,enterprise_commitment,mandatory\nA,biotech,market,100,1,60,true\n",
    )
    .unwrap();
    let out = stratfund(&args);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("status infeasible")
            && t.contains(
                "budget_2026: the rules need 40 of the 2026 state budget of 10: raise it by 30 or drop one of A"
            ),
        "{t}"
    );
}

#[test]
fn demo_solves_and_prints_tables() {
    let out = stratfund(&["demo"]);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("status optimal")
            && t.contains("semiconductors")
            && t.contains("TOTAL")
            && t.contains("budget_2026"),
        "{t}"
    );
}

#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stratfund"))
        .args(["catalog"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, as `stratfund catalog | head -0` does
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success() || status.code() == Some(2), "{status:?}");
}

fn demo_inputs() -> Vec<String> {
    vec!["--portfolio".into(), data("demo_portfolio.json"), "--plan".into(), data("demo_plan.toml")]
}

fn run_with(command: &str, extra: &[&str]) -> Output {
    let mut args: Vec<String> = vec![command.to_string()];
    args.extend(demo_inputs());
    args.extend(extra.iter().map(|s| s.to_string()));
    stratfund(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn scenarios_compare_the_shipped_scenario_file_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = format!("{}/data/demo-scenarios.toml", env!("CARGO_MANIFEST_DIR"));
    let md = run_with("scenarios", &["--scenarios", &scenarios]);
    let t = text(&md);
    assert!(md.status.success(), "{t}");
    assert!(t.contains("| figure | baseline | budget_cut_20 | late_budget |"), "{t}");
    assert!(t.contains("- **budget_cut_20**: +"), "{t}");
    let json = dir.path().join("c.json");
    assert!(run_with("scenarios", &["--scenarios", &scenarios, "--out", json.to_str().unwrap()]).status.success());
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["schema"], "stratfund.comparison/1");
    assert_eq!(value["scenarios"][0]["name"], "baseline");
    assert_eq!(value["scenarios"].as_array().unwrap().len(), 6);
    let csv = run_with("scenarios", &["--scenarios", &scenarios, "--format", "csv"]);
    let t = String::from_utf8_lossy(&csv.stdout).into_owned();
    assert!(t.starts_with("scenario,status,objective"), "{t}");
    assert_eq!(t.lines().count(), 7);
}

#[test]
fn frontier_sweep_and_simulate_write_their_tables() {
    let f = run_with("frontier", &["--levels", "0.5,1", "--format", "csv"]);
    let t = text(&f);
    assert!(f.status.success(), "{t}");
    assert!(t.contains("level,status,objective") && t.contains("\n0.5,optimal,") && t.contains("\n1,optimal,"), "{t}");
    assert!(t.contains("note: group, region or priority bounds are given as shares"), "{t}");
    // Neither end of a range is dropped, and levels are given one way.
    let one = run_with("frontier", &["--from", "0.5", "--to", "1", "--steps", "1"]);
    assert_usage_error(&one, "--steps counts the levels, --from and --to included, so it must be at least 2");
    let same = run_with("frontier", &["--from", "0.5", "--to", "0.5", "--steps", "1", "--format", "csv"]);
    assert!(same.status.success() && text(&same).contains("\n0.5,optimal,"), "{}", text(&same));
    assert_usage_error(&run_with("frontier", &["--from", "nan", "--steps", "3"]), "must be numbers");
    let endless = run_with("frontier", &["--steps", "1000000000000"]);
    assert_usage_error(&endless, "each level is a solve; give at most 1000000 --steps");
    let both = run_with("frontier", &["--levels", "0.5,1", "--steps", "5"]);
    assert_usage_error(&both, "cannot be used with");
    let lists = [&["--levels", "0.5,-1"][..], &["--levels", "-1,0.5"]];
    for negative in [&["--levels=-1"][..], &["--levels", "-1"], &["--gap", "-0.1"]].into_iter().chain(lists) {
        // A negative number is a value (the domain error names its rule), not an unknown flag.
        let bad = run_with("frontier", negative);
        assert_eq!(bad.status.code(), Some(2));
        assert!(text(&bad).contains("[rule "), "{negative:?}: {}", text(&bad));
    }
    let negative = run_with("sweep", &["--market", "0.5", "--strategic", "-0.1,0.2"]);
    assert_eq!(negative.status.code(), Some(2));
    assert!(text(&negative).contains("-0.1 is not a share in [0, 1] [rule invalid_sweep]"), "{}", text(&negative));
    let s = run_with("sweep", &["--strategic", "0.2,0.4", "--format", "json"]);
    let sweep: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
    assert_eq!(sweep["schema"], "stratfund.sweep/1");
    let points = &sweep["points"];
    assert_eq!(points.as_array().unwrap().len(), 2);
    assert_eq!(points[1]["strategic_min_enterprise_share"], 0.4);
    // The demo plan's own thresholds are 0.5 and 0.2: the baseline is the first point's solve.
    assert_eq!(sweep["baseline"]["strategic_min_enterprise_share"], 0.2);
    assert_eq!(sweep["baseline"]["kpis"]["objective"], points[0]["kpis"]["objective"]);
    let md = text(&run_with("sweep", &["--strategic", "0.4", "--format", "md"]));
    let (baseline, grid) = md.split_once("## Points of the grid").unwrap_or_else(|| panic!("{md}"));
    assert!(baseline.contains("## The plan's own thresholds") && baseline.contains("| 0.5 | 0.2 | optimal |"), "{md}");
    assert!(grid.contains("| 0.5 | 0.4 | optimal |"), "{md}");
    let e = run_with("simulate", &["--scenarios", "500", "--format", "json"]);
    let summary: serde_json::Value = serde_json::from_slice(&e.stdout).unwrap();
    assert_eq!(summary["scenarios"], 500);
    assert_eq!(
        (summary["schema"].as_str(), summary["settings"]["seed"].as_u64()),
        (Some("stratfund.evaluation/1"), Some(57))
    );
    assert_eq!(summary["settings"]["delivery_alpha"], 9.0, "every setting is recorded, defaults included");
    assert!(summary["extra_state_es"].as_f64().unwrap() >= summary["extra_state_var"].as_f64().unwrap());
    let r = run_with("simulate", &["--mode", "robustness", "--scenarios", "4", "--gap", "0.002", "--format", "json"]);
    let robust: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(robust["scenarios"], 4);
    assert_eq!(robust["solver"]["mip_rel_gap"], 0.002, "the gap the scenarios were re-optimised with");
    assert_eq!(
        (robust["schema"].as_str(), robust["settings"]["scenarios"].as_u64()),
        (Some("stratfund.robustness/1"), Some(4))
    );
    assert_eq!(robust["projects"].as_array().unwrap().len(), 300);
    let index = robust["projects"][0]["core_index"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&index));
}

#[test]
fn simulate_draw_writes_the_draws_of_a_robustness_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draws.json");
    let written =
        run_with("simulate", &["--mode", "robustness", "--seed", "9", "--draw", "7", "--out", out.to_str().unwrap()]);
    assert!(written.status.success(), "{}", text(&written));
    let drawn: Vec<stratfund::simulate::ScenarioDraw> =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let portfolio = stratfund::io::read_portfolio(data("demo_portfolio.json")).unwrap();
    let plan = stratfund::io::read_plan(data("demo_plan.toml")).unwrap();
    let settings = stratfund::simulate::Settings { seed: 9, ..Default::default() };
    let catalog = stratfund::Catalog::default();
    assert_eq!(drawn, stratfund::simulate::scenario_draws(&portfolio, &plan, &catalog, &settings, 7).unwrap());
    assert_eq!(drawn.len(), portfolio.projects.len());
    let csv = run_with("simulate", &["--mode", "robustness", "--seed", "9", "--draw", "7", "--format", "csv"]);
    assert!(csv.status.success(), "{}", text(&csv));
    let stdout = String::from_utf8(csv.stdout).unwrap();
    assert!(stdout.starts_with("id,overrun,delivery,impact,extra_state\n"), "{stdout}");
    assert_eq!(stdout.lines().count(), portfolio.projects.len() + 1);
    let evaluate = run_with("simulate", &["--draw", "7", "--out", out.to_str().unwrap()]);
    assert_eq!(evaluate.status.code(), Some(2));
    assert!(text(&evaluate).contains("--mode robustness"), "{}", text(&evaluate));
}

#[test]
fn solve_reports_input_problems_on_standard_error_and_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("p.csv");
    std::fs::write(
        &portfolio,
        "id,group,class,cost,impact,start_year,mandatory,enterprise_commitment\nA,biotech,market,10,1,2030,true,6\n",
    )
    .unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, "years = [2026]\n[state_budget]\n2026 = 100.0\n").unwrap();
    let out = stratfund(&["solve", "--portfolio", portfolio.to_str().unwrap(), "--plan", plan.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(out.stdout.is_empty(), "problems belong on standard error: {}", text(&out));
    for expected in ["1 problem:", "project A, field `mandatory`", "schedule_outside_plan", "mandatory_ineligible"] {
        assert!(stderr.contains(expected), "`{expected}` missing from:\n{stderr}");
    }
}

#[test]
fn monitor_and_replan_run_on_the_demo_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let inputs = ["--portfolio".to_string(), data("demo_portfolio.json"), "--plan".into(), data("demo_plan.toml")];
    let run = |command: &[&str]| {
        let mut args: Vec<&str> = command.to_vec();
        args.extend(inputs.iter().map(String::as_str));
        let out = stratfund(&args);
        assert!(out.status.success(), "{}", text(&out));
        text(&out)
    };
    run(&["solve", "--out", &path("a.json")]);
    let progress = data("demo_progress.csv");
    let common = ["--allocation", &path("a.json"), "--progress", &progress];
    let md = run(&[&["monitor"], &common[..]].concat());
    assert!(md.contains("# Monitoring as of 2026") && md.contains("| overall |"), "{md}");
    let vi = run(&[&["monitor"], &common[..], &["--lang", "vi", "--format", "html"]].concat());
    assert!(vi.contains("<html lang=\"vi\">") && vi.contains("<td>toàn bộ</td>"), "{vi}");
    run(&[&["monitor"], &common[..], &["--out", &path("m.json")]].concat());
    let report: stratfund::monitor::MonitorReport =
        serde_json::from_str(&std::fs::read_to_string(path("m.json")).unwrap()).unwrap();
    assert_eq!(report.overall.stalled, 9);
    let extra = [
        "--stalled",
        "compete",
        "--out",
        &path("r.json"),
        "--write-plan",
        &path("d.toml"),
        "--write-portfolio",
        &path("d.json"),
    ];
    run(&[&["replan"], &common[..], &extra[..]].concat());
    let re: stratfund::monitor::Replan =
        serde_json::from_str(&std::fs::read_to_string(path("r.json")).unwrap()).unwrap();
    assert_eq!(re.from_year, 2027);
    assert!(re.tracked.iter().any(|t| t.action == stratfund::monitor::Fate::Compete));
    assert_eq!(stratfund::io::read_plan(path("d.toml")).unwrap(), re.plan);
    // An ordinary solve of the written files (the plan lists the projects kept out) gives the re-plan.
    let derived = stratfund::io::read_portfolio(path("d.json")).unwrap();
    let alone = stratfund::solve(&derived, &stratfund::io::read_plan(path("d.toml")).unwrap()).unwrap();
    assert!((alone.objective.unwrap() - re.allocation.objective.unwrap()).abs() < 1e-6 * alone.objective.unwrap());
    assert_eq!(alone.projects, re.allocation.projects);
    assert_eq!(re.plan.excluded, re.excluded);
}

#[test]
fn replan_names_a_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("g.csv");
    std::fs::write(&progress, "project_id,period,disbursed,status\nP-0001,2026,-3,on_track\n").unwrap();
    let allocation = dir.path().join("a.json");
    let inputs = ["--portfolio".to_string(), data("demo_portfolio.json"), "--plan".into(), data("demo_plan.toml")];
    let mut solve = vec!["solve", "--out", allocation.to_str().unwrap()];
    solve.extend(inputs.iter().map(String::as_str));
    assert!(stratfund(&solve).status.success());
    let mut args =
        vec!["replan", "--allocation", allocation.to_str().unwrap(), "--progress", progress.to_str().unwrap()];
    args.extend(inputs.iter().map(String::as_str));
    let out = stratfund(&args);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("project P-0001, field `disbursed`") && t.contains("negative_amount"), "{t}");
}

#[test]
fn an_out_file_whose_extension_names_no_format_is_an_error_unless_format_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("result.xlsx");
    for command in ["solve", "frontier"] {
        assert_usage_error(
            &run_with(command, &["--out", sheet.to_str().unwrap()]),
            "no output format has the extension `.xlsx`",
        );
        assert!(!sheet.exists(), "nothing written");
    }
    let out = run_with("solve", &["--out", sheet.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(std::fs::read_to_string(&sheet).unwrap().starts_with("id,"));
    let bare = dir.path().join("result");
    assert!(run_with("solve", &["--out", bare.to_str().unwrap()]).status.success());
    assert!(std::fs::read_to_string(&bare).unwrap().contains("\"schema\": \"stratfund.allocation/1\""));
}

#[test]
fn a_file_given_in_the_wrong_place_is_named_by_its_schema() {
    let scenarios = format!("{}/data/demo-scenarios.toml", env!("CARGO_MANIFEST_DIR"));
    let (portfolio, plan, csv) = (data("demo_portfolio.json"), data("demo_plan.toml"), data("demo_portfolio.csv"));
    let progress = data("demo_progress.csv");
    let dir = tempfile::tempdir().unwrap();
    let (json, table) = (dir.path().join("a.json"), dir.path().join("a.csv"));
    for out in [&json, &table] {
        let solved = stratfund(&["solve", "--portfolio", &csv, "--plan", &plan, "--out", out.to_str().unwrap()]);
        assert!(solved.status.success(), "{}", text(&solved));
    }
    let (json, table) = (json.display().to_string(), table.display().to_string());
    for (args, expected) in [
        (
            vec!["solve", "--portfolio", &portfolio, "--plan", &portfolio],
            "demo_portfolio.json: field `schema`: the file is a `stratfund.portfolio/1` document, not `stratfund.plan/1`",
        ),
        (
            vec!["solve", "--portfolio", &portfolio, "--plan", &scenarios],
            "the file is a `stratfund.scenarios/1` document, not `stratfund.plan/1`",
        ),
        (
            vec!["scenarios", "--portfolio", &portfolio, "--plan", &plan, "--scenarios", &plan],
            "the file is a `stratfund.plan/1` document, not `stratfund.scenarios/1`",
        ),
        (
            vec!["solve", "--portfolio", &progress, "--plan", &plan],
            "demo_progress.csv:1: the columns (project_id, period, disbursed, status, ...) are those of a progress table, not of a portfolio: check which file or table goes where [rule wrong_document]",
        ),
        (
            vec!["monitor", "--portfolio", &csv, "--plan", &plan, "--allocation", &json, "--progress", &csv],
            "are those of a portfolio, not of a progress table",
        ),
        (
            vec!["monitor", "--portfolio", &csv, "--plan", &plan, "--allocation", &table, "--progress", &progress],
            "an allocation is read from its JSON file, not from a `.csv` table or report",
        ),
        (
            vec!["solve", "--portfolio", &table, "--plan", &plan],
            "are those of an allocation (as `stratfund solve` writes it), not of a portfolio",
        ),
        (
            vec!["solve", "--portfolio", &plan, "--plan", &portfolio],
            "demo_plan.toml holds a plan and {portfolio} a portfolio: the two files are given the wrong way round",
        ),
        (
            vec!["validate", "--portfolio", &plan, "--plan", &csv],
            "demo_plan.toml holds a plan and {csv} a portfolio: the two files are given the wrong way round",
        ),
    ] {
        let expected = expected.replace("{portfolio}", &portfolio).replace("{csv}", &csv);
        assert_usage_error(&stratfund(&args), &expected);
    }
}

#[test]
fn an_input_path_without_a_known_extension_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("proposals");
    std::fs::write(&bare, "{}").unwrap();
    let plan = data("demo_plan.toml");
    for (portfolio, expected) in [
        (dir.path(), "cannot read or write a portfolio from a directory; use .json or .csv"),
        (bare.as_path(), "cannot read or write a portfolio from a file without an extension; use .json or .csv"),
    ] {
        assert_usage_error(
            &stratfund(&["solve", "--portfolio", portfolio.to_str().unwrap(), "--plan", &plan]),
            expected,
        );
    }
}

#[test]
fn reports_are_written_as_html_pages_and_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a.html");
    let out = run_with("solve", &["--out", page.to_str().unwrap(), "--lang", "vi"]);
    assert!(out.status.success(), "{}", text(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"vi\">"), "{}", &html[..300]);
    assert!(html.contains("<h2>Theo nhóm công nghệ</h2>") && html.contains("Công nghệ chip bán dẫn"));
    assert_eq!(html.matches("<tr><td>P-").count(), 300, "one row per demo project");
    let md = run_with("solve", &["--format", "md", "--lang", "vi"]);
    assert!(text(&md).starts_with("# Phân bổ kinh phí"), "{}", text(&md));
    let english = run_with("solve", &["--format", "md"]);
    assert!(text(&english).starts_with("# Funding allocation"), "{}", text(&english));
    let bad = run_with("solve", &["--format", "md", "--lang", "fr"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("use one of en, vi"), "{}", text(&bad));
    // Studies: the Markdown report as a page.
    let f = run_with("frontier", &["--levels", "0.5,1", "--format", "html"]);
    assert!(f.status.success(), "{}", text(&f));
    let t = String::from_utf8_lossy(&f.stdout).into_owned();
    assert!(t.starts_with("<!DOCTYPE html>") && t.contains("<table>"), "{t}");
    assert_eq!(t.matches("<figure><svg").count(), 1, "the frontier chart");
    assert_eq!(t.matches("<circle").count(), 2, "a dot per solved level");
    assert!(
        html.contains("<figure><svg") && html.contains("Kinh phí theo nhóm công nghệ và nguồn vốn"),
        "the allocation chart"
    );
    assert!(!text(&md).contains("<svg"), "no chart in Markdown");
    // ... and in Vietnamese, for every study.
    let page = dir.path().join("f.html");
    let f = run_with("frontier", &["--levels", "0.5,1", "--lang", "vi", "--out", page.to_str().unwrap()]);
    assert!(f.status.success(), "{}", text(&f));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<html lang=\"vi\">") && html.contains("<h1>Đường biên ngân sách</h1>"), "{html}");
    let sweep = run_with("sweep", &["--strategic", "0.1,0.3", "--format", "md", "--lang", "vi"]);
    assert!(text(&sweep).starts_with("# Quét chính sách"), "{}", text(&sweep));
    let simulate = run_with("simulate", &["--scenarios", "100", "--format", "md", "--lang", "vi"]);
    assert!(text(&simulate).starts_with("# Đánh giá Monte Carlo"), "{}", text(&simulate));
    let robust = run_with("simulate", &["--mode", "robustness", "--scenarios", "3", "--format", "html"]);
    let page = String::from_utf8_lossy(&robust.stdout).into_owned();
    assert!(page.contains("<figure><svg") && page.contains("Core index of the projects funded"), "{page}");
    let evaluated = run_with("simulate", &["--scenarios", "100", "--format", "html", "--lang", "vi"]);
    let page = String::from_utf8_lossy(&evaluated.stdout).into_owned();
    assert!(
        page.contains("<figure><svg") && page.contains("Xác suất mỗi nhóm có ít nhất 1 dự án thành công"),
        "{page}"
    );
}

#[test]
fn simulation_reports_end_with_the_settings_that_drew_them() {
    let e = text(&run_with("simulate", &["--scenarios", "100", "--seed", "12", "--format", "md"]));
    let settings = e.split("## Settings").nth(1).unwrap_or_else(|| panic!("no settings section: {e}"));
    for row in ["| scenarios | 100 |", "| seed | 12 |", "| delivery_alpha | 9 |", "| risk_level | 0.95 |"] {
        assert!(settings.contains(row), "{row} missing from {settings}");
    }
    let args = ["--mode", "robustness", "--scenarios", "2", "--seed", "4", "--gap", "0.003", "--format", "md"];
    let r = text(&run_with("simulate", &args));
    let settings = r.split("## Settings").nth(1).unwrap_or_else(|| panic!("no settings section: {r}"));
    for row in ["| scenarios | 2 |", "| seed | 4 |", "| mip_rel_gap | 0.003 |"] {
        assert!(settings.contains(row), "{row} missing from {settings}");
    }
    assert!(!settings.contains("risk_level"), "robustness reports no risk figures: {settings}");
}

/// The README's command-line examples (its `cargo run --release -- ...` lines) run as written,
/// from a scratch folder so that what they write does not land in the repository.
#[test]
fn the_readme_commands_run_as_written() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("the README");
    let commands: Vec<&str> = readme.lines().filter_map(|line| line.strip_prefix("cargo run --release -- ")).collect();
    assert!(commands.len() >= 10, "the README's command examples were not found: {commands:?}");
    let dir = tempfile::tempdir().unwrap();
    for command in commands {
        let args: Vec<String> = command
            .split_whitespace()
            .map(|arg| match arg.starts_with("examples/") || arg.starts_with("data/") {
                true => format!("{root}/{arg}"),
                false => arg.to_string(),
            })
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_stratfund")).args(&args).current_dir(dir.path()).output().unwrap();
        assert!(out.status.success(), "`stratfund {command}` failed:\n{}", text(&out));
    }
    for written in ["allocation.json", "bao-cao.html", "so-sanh.html", "frontier.csv", "draws7.csv", "replan.md"] {
        assert!(dir.path().join(written).is_file(), "{written} was not written");
    }
}

#[test]
fn a_bound_on_a_region_no_project_is_in_is_noted_with_the_region_it_probably_meant() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    let demo_plan = std::fs::read_to_string(data("demo_plan.toml")).unwrap();
    std::fs::write(&plan, format!("{demo_plan}\n[region_bounds.\"Ha Noi\"]\nmax_share = 0.3\n")).unwrap();
    let inputs = ["--portfolio", &data("demo_portfolio.json"), "--plan", plan.to_str().unwrap()];
    let note = "note: field `region_bounds.Ha Noi`: no project of the portfolio is in region `Ha Noi`: it bounds no \
                money; did you mean `Hanoi`? [rule no_projects]";
    let scenarios = format!("{}/data/demo-scenarios.toml", env!("CARGO_MANIFEST_DIR"));
    for (command, extra) in [
        ("validate", &[][..]),
        ("solve", &[]),
        ("frontier", &["--levels", "1"]),
        ("scenarios", &["--scenarios", scenarios.as_str()]),
    ] {
        let out = stratfund(&[&[command][..], &inputs, extra].concat());
        assert!(out.status.success(), "{}", text(&out));
        assert!(String::from_utf8_lossy(&out.stderr).contains(note), "{command}: {}", text(&out));
    }
    let json = stratfund(&[&["validate"][..], &inputs, &["--format", "json"]].concat());
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["notes"][0]["field"], "region_bounds.Ha Noi");
    let plain =
        stratfund(&["validate", "--portfolio", &data("demo_portfolio.json"), "--plan", &data("demo_plan.toml")]);
    assert!(!text(&plain).contains("note:"), "the demo plan's bounds all hold projects: {}", text(&plain));
}

#[test]
fn simulate_refuses_options_its_mode_would_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let allocation = dir.path().join("allocation.json");
    let solved = run_with("solve", &["--out", allocation.to_str().unwrap()]);
    assert!(solved.status.success(), "{}", text(&solved));
    let allocation = allocation.to_str().unwrap();
    // Robustness re-optimises from the inputs: an allocation given to it would be dropped.
    for extra in [&["--mode", "robustness"][..], &["--mode", "robustness", "--draw", "3"]] {
        let out = run_with("simulate", &[extra, &["--allocation", allocation, "--scenarios", "2"]].concat());
        assert_usage_error(&out, "--allocation is the allocation that --mode evaluate draws outcomes of");
    }
    // Evaluating a given allocation solves nothing: a gap would be dropped.
    let out = run_with("simulate", &["--allocation", allocation, "--gap", "0.01", "--scenarios", "2"]);
    assert_usage_error(&out, "--mode evaluate with --allocation solves nothing");
    // Each is fine where it is used.
    for extra in [&["--allocation", allocation][..], &["--gap", "0.01"], &["--mode", "robustness", "--gap", "0.01"]] {
        let out = run_with("simulate", &[extra, &["--scenarios", "2", "--format", "csv"]].concat());
        assert!(out.status.success(), "{extra:?}: {}", text(&out));
    }
}

#[test]
fn lang_on_an_output_it_does_not_translate_is_noted_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let note = "note: --lang vi translates the Markdown and HTML reports";
    let csv = dir.path().join("allocation.csv");
    let md = dir.path().join("allocation.md");
    for (command, extra, noted) in [
        ("solve", vec!["--lang", "vi"], false),
        ("solve", vec!["--lang", "vi", "--out", csv.to_str().unwrap()], true),
        ("solve", vec!["--lang", "vi", "--format", "json"], true),
        ("solve", vec!["--lang", "vi", "--out", md.to_str().unwrap()], false),
        ("solve", vec!["--out", csv.to_str().unwrap()], false),
        ("frontier", vec!["--levels", "0.5,1", "--lang", "vi", "--format", "csv"], true),
        ("frontier", vec!["--levels", "0.5,1", "--lang", "vi"], false),
    ] {
        let out = run_with(command, &extra);
        assert!(out.status.success(), "{command} {extra:?}: {}", text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.contains(note), noted, "{command} {extra:?}: {stderr}");
    }
}

#[test]
fn solve_prints_its_summary_in_the_language_asked() {
    let vi = run_with("solve", &["--lang", "vi"]);
    assert!(vi.status.success(), "{}", text(&vi));
    let stdout = String::from_utf8(vi.stdout).unwrap();
    assert!(stdout.starts_with("trạng thái tối ưu  mục tiêu (tối đa hóa giá trị kỳ vọng)"), "{stdout}");
    for words in ["được cấp kinh phí", "NSNN", "TỔNG", "dự toán", "giá bóng", "theo mã lý do: budget="]
    {
        assert!(stdout.contains(words), "`{words}` missing from:\n{stdout}");
    }
    let en = String::from_utf8(run_with("solve", &[]).stdout).unwrap();
    assert!(en.starts_with("status optimal  objective (max_value)") && en.contains("TOTAL"), "{en}");
    // The same figures, line for line.
    assert_eq!(stdout.lines().count(), en.lines().count());
}
