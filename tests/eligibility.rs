//! Eligibility under the three-house rules (MODEL.md sections 3 and 9): each rule, the order, the
//! detail listing every broken rule, dependency propagation and the tolerance.

mod common;

use common::{plan, portfolio, project};
use stratfund::{validate, Catalog, FundingClass, Ineligible, Plan, Portfolio};

fn ineligible(portfolio: &Portfolio, plan: &Plan) -> Vec<Ineligible> {
    let report = validate(portfolio, plan, &Catalog::default());
    assert!(report.is_ok(), "{:?}", report.problems);
    report.ineligible
}

fn rule_of(edit: impl FnOnce(&mut stratfund::Project, &mut Plan)) -> Option<String> {
    let mut p = project("P-1");
    let mut pl = plan();
    edit(&mut p, &mut pl);
    ineligible(&portfolio(vec![p]), &pl).first().map(|i| i.rule.clone())
}

#[test]
fn eligible_project_is_not_listed() {
    assert_eq!(rule_of(|_, _| {}), None);
}

#[test]
fn schedule_outside_plan() {
    assert_eq!(
        rule_of(|p, _| {
            p.start_year = Some(2028);
            p.duration_years = 2;
        })
        .as_deref(),
        Some("schedule_outside_plan")
    );
    assert_eq!(rule_of(|p, _| p.start_year = Some(2025)).as_deref(), Some("schedule_outside_plan"));
}

#[test]
fn enterprise_commitment_below_share_by_class() {
    assert_eq!(rule_of(|p, _| p.enterprise_commitment = 19.9).as_deref(), Some("enterprise_commitment_below_share"));
    // exactly at the threshold is fine; a market project needs 50%
    assert_eq!(
        rule_of(|p, _| {
            p.enterprise_commitment = 20.0;
            p.state_request = Some(80.0);
        }),
        None
    );
    assert_eq!(rule_of(|p, _| p.class = FundingClass::Market).as_deref(), Some("enterprise_commitment_below_share"));
    // the share is a policy parameter
    assert_eq!(
        rule_of(|_, pl| pl.policy.strategic_min_enterprise_share = 0.35).as_deref(),
        Some("enterprise_commitment_below_share")
    );
}

#[test]
fn tolerance_is_one_billionth_of_cost() {
    assert_eq!(
        rule_of(|p, _| {
            p.enterprise_commitment = 20.0 - 1e-8;
            p.state_request = Some(80.0);
        }),
        None
    );
    assert!(rule_of(|p, _| {
        p.enterprise_commitment = 20.0 - 1e-6;
        p.state_request = Some(80.0);
    })
    .is_some());
}

#[test]
fn state_share_rules_apply_to_strategic_projects_only() {
    assert_eq!(
        rule_of(|_, pl| pl.policy.strategic_min_state_share = Some(0.9)).as_deref(),
        Some("state_share_conflict")
    );
    assert_eq!(
        rule_of(|_, pl| pl.policy.strategic_min_state_share = Some(0.75)).as_deref(),
        Some("state_request_below_state_share")
    );
    assert_eq!(rule_of(|_, pl| pl.policy.strategic_min_state_share = Some(0.6)), None);
    assert_eq!(
        rule_of(|p, pl| {
            p.class = FundingClass::Market;
            p.enterprise_commitment = 60.0;
            pl.policy.strategic_min_state_share = Some(0.9);
        }),
        None
    );
}

#[test]
fn financing_below_cost() {
    assert_eq!(rule_of(|p, _| p.state_request = Some(59.0)).as_deref(), Some("financing_below_cost"));
    // the state request defaults to the cost
    assert_eq!(rule_of(|p, _| p.state_request = None), None);
}

#[test]
fn below_min_grant_and_exemption_without_state_request() {
    assert_eq!(rule_of(|_, pl| pl.min_grant = 70.0), None);
    assert_eq!(rule_of(|_, pl| pl.min_grant = 70.5).as_deref(), Some("below_min_grant"));
    // largest state money is min(R, (1 - sigma) C) = min(90, 80) = 80
    assert_eq!(
        rule_of(|p, pl| {
            p.state_request = Some(90.0);
            pl.min_grant = 81.0;
        })
        .as_deref(),
        Some("below_min_grant")
    );
    assert_eq!(
        rule_of(|p, pl| {
            p.enterprise_commitment = 90.0;
            p.state_request = Some(0.0);
            pl.min_grant = 50.0;
        }),
        None
    );
}

#[test]
fn below_min_grant_detail_names_what_bounds_the_state_money() {
    let mut p = project("P-1");
    p.state_request = Some(90.0);
    let mut pl = plan();
    pl.min_grant = 81.0;
    let i = &ineligible(&portfolio(vec![p]), &pl)[0];
    assert_eq!(
        i.detail,
        "below_min_grant: largest possible state money min(state_request 90, (1 - 0.2) x cost 100) = 80 < min_grant 81"
    );
}

#[test]
fn first_rule_in_order_and_detail_lists_all() {
    let mut p = project("P-1");
    p.start_year = Some(2030);
    p.enterprise_commitment = 5.0;
    p.state_request = Some(1.0);
    let mut pl = plan();
    pl.min_grant = 3.0;
    let i = &ineligible(&portfolio(vec![p]), &pl)[0];
    assert_eq!(i.rule, "schedule_outside_plan");
    let order =
        ["schedule_outside_plan", "enterprise_commitment_below_share", "financing_below_cost", "below_min_grant"];
    let positions: Vec<usize> =
        order.iter().map(|r| i.detail.find(r).unwrap_or_else(|| panic!("{r} not in {}", i.detail))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}", i.detail);
}

#[test]
fn dependency_on_ineligible_is_transitive_and_names_the_direct_requirement() {
    let mut bad = project("BAD");
    bad.enterprise_commitment = 1.0;
    let mut b = project("B");
    b.requires = vec!["BAD".into()];
    let mut a = project("A");
    a.requires = vec!["OK".into(), "B".into()];
    let list = ineligible(&portfolio(vec![a, project("OK"), b, bad]), &plan());
    let got: Vec<(&str, &str)> = list.iter().map(|i| (i.id.as_str(), i.rule.as_str())).collect();
    assert_eq!(got, [("A", "dependency:B"), ("B", "dependency:BAD"), ("BAD", "enterprise_commitment_below_share")]);
}

#[test]
fn mandatory_project_requiring_an_ineligible_one_is_an_error() {
    let mut bad = project("BAD");
    bad.enterprise_commitment = 1.0;
    let mut m = project("M");
    m.mandatory = true;
    m.requires = vec!["BAD".into()];
    let report = validate(&portfolio(vec![m, bad]), &plan(), &Catalog::default());
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].rule, "mandatory_ineligible");
    assert_eq!(report.problems[0].project.as_deref(), Some("M"));
}

#[test]
fn a_mandatory_project_that_breaks_a_rule_is_reported_beside_other_projects_errors() {
    let mut broken = project("BROKEN");
    broken.cost = -1.0;
    let mut m = project("M");
    m.mandatory = true;
    m.enterprise_commitment = 1.0; // below its share
    let mut needs_broken = project("N");
    needs_broken.mandatory = true;
    needs_broken.requires = vec!["BROKEN".into()]; // unfundable or not: known once BROKEN is fixed
    let mut blank = project("");
    blank.mandatory = true;
    blank.enterprise_commitment = 1.0;
    let report = validate(&portfolio(vec![broken, m, needs_broken, blank]), &plan(), &Catalog::default());
    let got: Vec<(Option<&str>, &str)> =
        report.problems.iter().map(|p| (p.project.as_deref(), p.rule.as_str())).collect();
    assert!(got.contains(&(Some("BROKEN"), "cost_not_positive")), "{got:?}");
    let forced: Vec<_> = got.iter().filter(|(_, rule)| *rule == "mandatory_ineligible").collect();
    assert_eq!(forced, [&(Some("M"), "mandatory_ineligible")], "{got:?}");
    assert!(report.problems.iter().any(|p| p.message.contains("enterprise_commitment 1 < 0.2 x cost 100")));
    // A mandatory project the plan excludes reads the same beside other errors as alone.
    let mut excluding = plan();
    excluding.excluded.insert("E".into(), "withdrawn by its lead".into());
    let mut e = project("E");
    e.mandatory = true;
    let alone = validate(&portfolio(vec![e.clone()]), &excluding, &Catalog::default()).problems;
    let mut broken = project("BROKEN");
    broken.cost = -1.0;
    let beside = validate(&portfolio(vec![e, broken]), &excluding, &Catalog::default()).problems;
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert!(beside.contains(&alone[0]), "{beside:?}");
    // An error in the plan: the rules depend on it, so no project is judged.
    let mut bad_plan = plan();
    bad_plan.carry_over = 2.0;
    let mut m = project("M");
    m.mandatory = true;
    m.enterprise_commitment = 1.0;
    let report = validate(&portfolio(vec![m]), &bad_plan, &Catalog::default());
    assert!(report.problems.iter().all(|p| p.rule != "mandatory_ineligible"), "{:?}", report.problems);
}
