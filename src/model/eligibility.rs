//! Eligibility under the three-house rules (MODEL.md sections 3 and 9): the rules a project breaks
//! at full scale, the projects unfundable through their requirements, and mandatory projects that
//! cannot be funded.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::validate::num;
use super::{Objective, Plan, Portfolio, Project, Year};
use crate::error::Problem;

/// A project that can never satisfy the co-funding rules, or that requires such a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ineligible {
    /// Project id.
    pub id: String,
    /// The first broken rule (MODEL.md section 9 order), or `dependency:<id>`.
    pub rule: String,
    /// Every broken rule, with the numbers.
    pub detail: String,
}

/// The ineligible projects (in portfolio order): those `up_front` excludes (rule `excluded`), those
/// breaking a rule of [`broken_rules`], and, transitively, those requiring one (`dependency:<id>`).
pub(super) fn eligibility(portfolio: &Portfolio, plan: &Plan, up_front: &BTreeMap<String, String>) -> Vec<Ineligible> {
    let mut excluded: HashMap<&str, Ineligible> = HashMap::new();
    for p in &portfolio.projects {
        if let Some(why) = own_ineligibility(p, plan, up_front) {
            excluded.insert(&p.id, why);
        }
    }
    // Propagate to projects requiring an excluded one, until nothing changes.
    loop {
        let mut added = Vec::new();
        for p in portfolio.projects.iter().filter(|p| !excluded.contains_key(p.id.as_str())) {
            if let Some(q) = p.requires.iter().find(|q| excluded.contains_key(q.as_str())) {
                let why = &excluded[q.as_str()];
                added.push(Ineligible {
                    id: p.id.clone(),
                    rule: format!("dependency:{q}"),
                    detail: format!("requires {q}, which cannot be funded ({})", why.rule),
                });
            }
        }
        if added.is_empty() {
            break;
        }
        for entry in added {
            let key = portfolio.project(&entry.id).map(|p| p.id.as_str()).unwrap_or_default();
            excluded.insert(key, entry);
        }
    }
    portfolio.projects.iter().filter_map(|p| excluded.remove(p.id.as_str())).collect()
}

/// Why a project cannot be funded on its own account (requirements aside): `up_front` excludes
/// it (rule `excluded`, with the given detail), or it breaks a rule of [`broken_rules`] (the
/// first one, with every broken rule and its numbers in the detail).
fn own_ineligibility(p: &Project, plan: &Plan, up_front: &BTreeMap<String, String>) -> Option<Ineligible> {
    if let Some(detail) = up_front.get(&p.id) {
        return Some(Ineligible { id: p.id.clone(), rule: "excluded".into(), detail: detail.clone() });
    }
    let broken = broken_rules(p, plan);
    let (rule, _) = broken.first()?;
    let detail = broken.iter().map(|(r, d)| format!("{r}: {d}")).collect::<Vec<_>>().join("; ");
    Some(Ineligible { id: p.id.clone(), rule: rule.to_string(), detail })
}

/// The rules of MODEL.md section 9 a project breaks at full scale, in order, with the numbers.
pub(crate) fn broken_rules(p: &Project, plan: &Plan) -> Vec<(&'static str, String)> {
    let mut broken = Vec::new();
    let c = p.cost;
    let tol = 1e-9 * c;
    let sigma = plan.policy.min_enterprise_share(p.class);
    let sigma_state = plan.policy.min_state_share(p.class);
    let first_year = plan.first_year().unwrap_or_default();
    let outside: Vec<Year> = p.schedule_years(first_year).filter(|y| !plan.years.contains(y)).collect();
    if !outside.is_empty() {
        broken.push(("schedule_outside_plan", format!("years {outside:?} are not plan years")));
    }
    let (e, a, r) = (p.enterprise_commitment, p.academia_contribution, p.state_request_or_cost());
    if e < sigma * c - tol {
        broken.push((
            "enterprise_commitment_below_share",
            format!("enterprise_commitment {} < {sigma} x cost {} = {}", num(e), num(c), num(sigma * c)),
        ));
    }
    if sigma_state + sigma > 1.0 + 1e-9 {
        broken.push((
            "state_share_conflict",
            format!("min state share {sigma_state} + min enterprise share {sigma} > 1"),
        ));
    }
    if r < sigma_state * c - tol {
        broken.push((
            "state_request_below_state_share",
            format!("state_request {} < {sigma_state} x cost {} = {}", num(r), num(c), num(sigma_state * c)),
        ));
    }
    let cap = plan.policy.state_cap(p);
    if let Some(k) = cap.filter(|k| *k < sigma_state * c - tol) {
        broken.push((
            "state_caps_below_state_share",
            format!(
                "the cost-category caps allow at most {} of state money < {sigma_state} x cost {} = {}",
                num(k),
                num(c),
                num(sigma_state * c)
            ),
        ));
    }
    let state_term = match cap.filter(|k| *k < r.min(c)) {
        Some(k) => format!("state money under the cost-category caps {}", num(k)),
        None => "state_request".to_string(),
    };
    let financing = r.min(c).min(cap.unwrap_or(c)) + e.min(c) + a.min(c);
    if financing < c - tol {
        broken.push((
            "financing_below_cost",
            format!(
                "{state_term} + enterprise_commitment + academia_contribution = {} < cost {}",
                num(financing),
                num(c)
            ),
        ));
    }
    let max_state = largest_state(p, plan);
    let min_grant = plan.min_grant_for(&p.id);
    if r > 0.0 && max_state < min_grant - tol {
        let terms = largest_state_terms(r, sigma, c, cap);
        broken.push((
            "below_min_grant",
            format!("largest possible state money {terms} = {} < min_grant {}", num(max_state), num(min_grant)),
        ));
    }
    broken
}

/// What bounds a project's state money, for the `below_min_grant` detail, so that it says what to
/// change: `min(state_request 10, (1 - 0.5) x cost 10, cost-category caps 0)`.
fn largest_state_terms(request: f64, sigma: f64, cost: f64, cap: Option<f64>) -> String {
    let caps = cap.map_or_else(String::new, |k| format!(", cost-category caps {}", num(k)));
    format!("min(state_request {}, (1 - {sigma}) x cost {}{caps})", num(request), num(cost))
}

/// The most state money a project may receive at full scale: `min(R, (1 - sigma_class) C)`, and
/// no more than the cost-category caps allow (`policy.state_share_caps`).
pub(crate) fn largest_state(p: &Project, plan: &Plan) -> f64 {
    let sigma = plan.policy.min_enterprise_share(p.class);
    let most = p.state_request_or_cost().min((1.0 - sigma) * p.cost);
    plan.policy.state_cap(p).map_or(most, |k| most.min(k))
}

/// While other projects have input errors (so that eligibility is not worked out), a mandatory
/// project with no error of its own that breaks a rule of [`broken_rules`] (or that the plan
/// excludes) is still reported (`mandatory_ineligible`), so that one pass shows every error. Only
/// its own rules: whether it is unfundable through a requirement waits for the errors to be fixed.
/// Nothing is checked while the plan or the portfolio's header has an error (a problem naming no
/// project), since the rules depend on them.
pub(super) fn check_clean_mandatory(
    portfolio: &Portfolio,
    plan: &Plan,
    excluded: &BTreeMap<String, String>,
    out: &mut Vec<Problem>,
) {
    if out.iter().any(|p| p.project.is_none()) {
        return;
    }
    let with_errors: std::collections::HashSet<&str> = out.iter().filter_map(|p| p.project.as_deref()).collect();
    let found: Vec<Problem> = portfolio
        .projects
        .iter()
        .filter(|p| p.mandatory && !p.id.trim().is_empty() && !with_errors.contains(p.id.as_str()))
        .filter_map(|p| own_ineligibility(p, plan, excluded))
        .map(|why| mandatory_ineligible(&why.id, &why.detail))
        .collect();
    out.extend(found);
}

fn mandatory_ineligible(id: &str, detail: &str) -> Problem {
    Problem::project(
        id,
        "mandatory",
        "mandatory_ineligible",
        format!("the project is mandatory but cannot be funded: {detail}"),
    )
}

/// A mandatory project, or one the `min_state_spend` objective names, that cannot be funded is an
/// input error (rule `mandatory_ineligible`); an unknown project in the objective too.
pub(super) fn check_forced_projects(
    portfolio: &Portfolio,
    plan: &Plan,
    ineligible: &[Ineligible],
    out: &mut Vec<Problem>,
) {
    let why: HashMap<&str, &Ineligible> = ineligible.iter().map(|i| (i.id.as_str(), i)).collect();
    for p in portfolio.projects.iter().filter(|p| p.mandatory) {
        if let Some(i) = why.get(p.id.as_str()) {
            out.push(mandatory_ineligible(&p.id, &i.detail));
        }
    }
    if let Objective::MinStateSpend { projects, .. } = &plan.objective {
        for id in projects {
            let field = "objective.projects";
            match (portfolio.project(id), why.get(id.as_str())) {
                (None, _) => {
                    let message = format!("`{id}` is not in the portfolio{}", portfolio.id_hint(id));
                    out.push(Problem::plan(field, "unknown_project", message))
                }
                (Some(_), Some(i)) => out.push(Problem::project(
                    id,
                    field,
                    "mandatory_ineligible",
                    format!("the objective requires {id}, which cannot be funded: {}", i.detail),
                )),
                _ => {}
            }
        }
    }
}
