//! Loading a user's catalog file (JSON or TOML), validating against it, and mapping old codes.

mod common;

use stratfund::{validate, Catalog, FundingClass, Plan, Portfolio, Project};

const TOML_CATALOG: &str = r#"
id = "decision-21-2026"
act = "Decision 21/2026/QD-TTg (hypothetical wording for the test)"
effective_date = "2026-07-01"
replaces = "decision-1131-2025"

[code_map]
ai_twin_xr = "ai"

[[groups]]
code = "ai"
name_en = "Artificial intelligence"
status = "reported"

[[groups.products]]
code = "vietnamese_llm"
name_en = "Vietnamese large language models"
status = "reported"
priority = true
"#;

#[test]
fn a_toml_catalog_with_a_code_map_loads_older_portfolios() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.toml");
    std::fs::write(&path, TOML_CATALOG).unwrap();
    let catalog = Catalog::from_path(&path).unwrap();
    assert_eq!(catalog.group("ai_twin_xr").unwrap().code, "ai");
    let mut old = Project::new("P-1", "ai_twin_xr", FundingClass::Market, 10.0, 1.0);
    old.enterprise_commitment = 6.0;
    let mut portfolio = Portfolio::new(vec![old]);
    portfolio.catalog = Some("decision-1131-2025".into());
    let report = validate(&portfolio, &Plan::new(vec![(2026, 10.0)]), &catalog);
    assert!(report.is_ok(), "{:?}", report.problems);
    let mut unknown = portfolio.clone();
    unknown.projects[0].group = "blockchain".into();
    let report = validate(&unknown, &Plan::new(vec![(2026, 10.0)]), &catalog);
    assert_eq!(report.problems[0].rule, "unknown_group");
    assert!(report.problems[0].message.contains("decision-21-2026"));
}

/// An old code that is still a group of the catalog would silently send that group's projects to
/// the new code: the catalog file is refused, and so is an extra group with an old code.
#[test]
fn an_old_code_that_is_still_a_group_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.toml");
    let both = TOML_CATALOG.replace("ai_twin_xr = \"ai\"", "ai_twin_xr = \"ai\"\nvietnam_ai = \"ai\"").replace(
        "[[groups]]\ncode = \"ai\"",
        "[[groups]]\ncode = \"vietnam_ai\"\nname_en = \"Vietnam AI\"\nstatus = \"reported\"\n\n[[groups]]\ncode = \"ai\"",
    );
    std::fs::write(&path, &both).unwrap();
    let err = Catalog::from_path(&path).unwrap_err().to_string();
    assert!(err.contains("`vietnam_ai` is a group of this catalog too"), "{err}");
    assert!(err.contains("code_map"), "{err}");
    std::fs::write(&path, TOML_CATALOG).unwrap();
    let mut catalog = Catalog::from_path(&path).unwrap();
    let mut extra = catalog.groups[0].clone();
    extra.code = "ai_twin_xr".into();
    let err = catalog.extend(vec![extra]).unwrap_err();
    assert_eq!(err.problems()[0].rule, "duplicate_group");
    assert!(err.problems()[0].message.contains("an old code that catalog `decision-21-2026` maps to `ai`"), "{err}");
    assert_eq!(catalog.groups.len(), 1);
}

#[test]
fn a_json_catalog_round_trips_and_extra_groups_extend_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    let mut catalog = Catalog::default();
    let mut extra = catalog.groups[0].clone();
    extra.code = "ministry_special".into();
    catalog.extend(vec![extra]).unwrap();
    std::fs::write(&path, serde_json::to_string_pretty(&catalog).unwrap()).unwrap();
    let loaded = Catalog::from_path(&path).unwrap();
    assert_eq!(loaded, catalog);
    assert!(loaded.group("ministry_special").is_some());
}

#[test]
fn a_broken_catalog_file_names_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.toml");
    std::fs::write(&path, "id = \"x\"\n[[groups]]\ncode = \"a\"\nname_en = \"A\"\nstatus = \"rumoured\"\n").unwrap();
    let err = Catalog::from_path(&path).unwrap_err().to_string();
    assert!(err.contains("catalog.toml:5") && err.contains("rumoured"), "{err}");
}

#[test]
fn the_cli_validates_against_a_user_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.toml");
    std::fs::write(&catalog, TOML_CATALOG).unwrap();
    let portfolio = dir.path().join("p.csv");
    std::fs::write(
        &portfolio,
        "id,group,class,cost,impact,enterprise_commitment\nA,ai,market,10,1,6\nB,biotech,market,10,1,6\n",
    )
    .unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, "years = [2026]\n[state_budget]\n2026 = 10.0\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stratfund"))
        .args(["validate", "--portfolio", portfolio.to_str().unwrap(), "--plan", plan.to_str().unwrap()])
        .args(["--catalog", catalog.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("project B, field `group`") && !text.contains("project A"), "{text}");
}
