//! Re-planning mid-course (MODEL.md section 8): money already disbursed is sunk, continuing
//! projects keep their remaining funding, stalled projects may be cut by policy, and the remaining
//! budget is re-optimised over continuing and waiting proposals.
//!
//! The re-plan is an ordinary solve of derived inputs, so every rule, reason and explanation of
//! the optimiser applies to it:
//! - the derived plan covers the years from `from_year`; the budget of its first year is what is
//!   left of that year after the money disbursed in it, plus what carries over from the past years
//!   (the plan's `carry_over` applied to what they actually disbursed); later years keep `B_t`;
//! - a continuing project becomes a mandatory, all-or-nothing project with its *remaining* cost:
//!   the state money not yet disbursed (`state - disbursed`), and the same fraction of its
//!   enterprise and academia money (enterprise and academia disbursements are not reported, so
//!   they are assumed to follow the state's). Its state money keeps the allocation's schedule,
//!   with money owed from past years (scheduled but not disbursed) due in `from_year`. It keeps its
//!   value (`impact` times its scale). The min grant does not apply to its remainder
//!   (`min_grant_exempt`), and it has no `requires` (they were met when it started);
//! - `compete` makes it optional instead (it competes with the waiting proposals for the rest);
//! - a cut project is excluded (rule `excluded`; projects requiring it become unfundable), even
//!   when it was mandatory in the allocation carried out (the policy decides what continues, as
//!   `compete` makes a mandatory project's remainder optional). The derived plan lists the
//!   projects kept out in its `excluded`, with why, so the derived inputs as written solve to the
//!   re-plan's allocation;
//! - a completed project leaves the model: requirements on it are met, and its exclusive label
//!   stays taken (waiting projects with the label are excluded); completed and cut projects no
//!   longer count toward their lead's `max_projects_per_lead`, a plan-wide number the re-plan
//!   reads as what a lead carries from `from_year` on;
//! - waiting proposals (not funded by the allocation) whose schedule starts before `from_year`
//!   start in `from_year` instead, with the same duration and profile;
//! - group, region and priority bounds are turned into amounts over the whole plan (shares of the
//!   original `sum_t B_t`), less the money the group, the region or the priority products have
//!   already received; a minimum the allocation carried out met within the contract's tolerance (1e-6 of the
//!   budget) asks no more than the continuing projects bring;
//! - under `min_state_spend`, the completed projects' weighted expected value counts toward
//!   `min_value` (what is left to reach; 0 within 1e-6 of the target), and the objective's
//!   `projects` keep only the continuing ones (a cut or competing one is the policy's, as a
//!   mandatory one is);
//! - derived money (remaining costs and commitments, their amounts by year, budgets, bounds) is on
//!   the decimal grid of the plan's money (`optimize::money`), and a partly funded project's value
//!   on a grid of its own impact; a remainder's amounts by year still sum to its remaining cost.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::kpi::funded_projects;
use super::policy::{Action, Fate, ReplanPolicy};
use super::progress::{MilestoneStatus, Progress, Standing};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::{is_priority, Bounds, CostProfile, Objective, Plan, Portfolio, Project, Year};
use crate::optimize::money::{capped_budget, on_grid, DecimalGrid};
use crate::optimize::{Allocation, ProjectAllocation};

/// The schema marker of re-plan results.
pub const REPLAN_SCHEMA: &str = "stratfund.replan/1";

/// A project the allocation funded, and what the re-plan made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tracked {
    /// Project id.
    pub id: String,
    /// Latest reported status (`not_started` when never reported).
    pub status: MilestoneStatus,
    /// `continue`, `compete`, `cut` or `done`.
    pub action: Fate,
    /// State money the allocation gave it.
    pub allocated: f64,
    /// State money disbursed (sunk).
    pub disbursed: f64,
    /// State money still to pay if it goes on.
    pub remaining_state: f64,
    /// Cost still to finance if it goes on (state, enterprise and academia).
    pub remaining_cost: f64,
}

/// One year of the re-plan's budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplanYear {
    /// B_t of the plan.
    pub budget: f64,
    /// State money disbursed in the year (reported).
    pub disbursed: f64,
    /// The budget of the derived plan (null for past years): for `from_year`, what is left after
    /// the disbursements plus what carries over; later years, B_t.
    pub replan_budget: Option<f64>,
}

/// The result of a re-plan: the derived inputs and their optimal allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replan {
    /// Format marker, `stratfund.replan/1`.
    pub schema: String,
    /// The first year re-planned.
    pub from_year: Year,
    /// State money disbursed so far (sunk).
    pub sunk: f64,
    /// Every plan year.
    #[serde(with = "crate::model::years")]
    pub years: BTreeMap<Year, ReplanYear>,
    /// The projects the allocation funded, in portfolio order.
    pub tracked: Vec<Tracked>,
    /// The derived proposals (continuing remainders and waiting proposals).
    pub portfolio: Portfolio,
    /// The derived plan (years from `from_year`, remaining budgets, bounds as remaining amounts).
    pub plan: Plan,
    /// Projects kept out of the derived solve and why (cut, or exclusive label taken), as the
    /// derived plan's `excluded` lists them.
    pub excluded: BTreeMap<String, String>,
    /// The optimal allocation of the derived inputs.
    pub allocation: Allocation,
}

/// Re-plans `allocation` (the plan being carried out) mid-course from its progress records.
/// See the module documentation for the rules.
///
/// # Errors
///
/// The records do not match the inputs ([`Progress::check`]); `from_year` is not a plan
/// year or comes before a reported period; disbursements exceed a year's available budget; the
/// allocation has no funded set (infeasible or time-limited).
///
/// # Examples
///
/// ```
/// use stratfund::demo::{generate_plan, generate_portfolio, generate_progress, DemoConfig};
/// use stratfund::monitor::{replan, ReplanPolicy};
/// let config = DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = generate_portfolio(&config);
/// let plan = generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan)?;
/// let progress = generate_progress(&allocation, 2026, 57);
/// let catalog = stratfund::Catalog::default();
/// let r = replan(&portfolio, &plan, &catalog, &allocation, &progress, &ReplanPolicy::default())?;
/// assert_eq!(r.from_year, 2027); // the records cover 2026, so the re-plan starts in 2027
/// assert!(r.sunk > 0.0);
/// assert!(r.plan.years.iter().all(|&y| y >= 2027));
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn replan(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    allocation: &Allocation,
    progress: &Progress,
    policy: &ReplanPolicy,
) -> Result<Replan> {
    let derived = derive(portfolio, plan, catalog, allocation, progress, policy)?;
    // An ordinary solve: the derived plan lists the projects kept out (`excluded`).
    let checked = crate::model::check(&derived.portfolio, &derived.plan, catalog)?;
    let new_allocation = crate::optimize::solve_checked(&checked)?;
    Ok(Replan {
        schema: REPLAN_SCHEMA.to_string(),
        from_year: derived.from_year,
        sunk: on_grid(
            money_grid(plan, portfolio),
            progress.records.iter().map(|r| r.disbursed).fold(0.0, |s, d| s + d),
        ),
        years: derived.years,
        tracked: derived.tracked,
        portfolio: derived.portfolio,
        excluded: derived.plan.excluded.clone(),
        plan: derived.plan,
        allocation: new_allocation,
    })
}

/// The derived inputs of a re-plan, before solving.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// The first year re-planned.
    pub from_year: Year,
    /// Every plan year.
    pub years: BTreeMap<Year, ReplanYear>,
    /// The projects the allocation funded.
    pub tracked: Vec<Tracked>,
    /// The derived proposals.
    pub portfolio: Portfolio,
    /// The derived plan; its `excluded` lists the projects kept out, and why.
    pub plan: Plan,
}

/// Builds the derived inputs of a re-plan without solving them (see [`replan`]).
///
/// # Errors
///
/// As [`replan`], except that the derived inputs are not solved.
///
/// # Examples
///
/// ```
/// use stratfund::{demo, monitor, Catalog};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let plan = demo::generate_plan(&portfolio, &config, 0.45);
/// let allocation = stratfund::solve(&portfolio, &plan)?;
/// let progress = demo::generate_progress(&allocation, 2026, 57);
/// let policy = monitor::ReplanPolicy::default();
/// let derived = monitor::derive(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &policy)?;
/// assert_eq!(derived.plan.first_year(), Some(2027)); // the reported year is over
/// // Solving the derived inputs is the re-plan:
/// let r = monitor::replan(&portfolio, &plan, &Catalog::default(), &allocation, &progress, &policy)?;
/// assert_eq!(stratfund::solve(&derived.portfolio, &derived.plan)?.totals, r.allocation.totals);
/// # Ok::<(), stratfund::Error>(())
/// ```
pub fn derive(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    allocation: &Allocation,
    progress: &Progress,
    policy: &ReplanPolicy,
) -> Result<Derived> {
    if allocation.objective.is_none() {
        return Err(Error::usage(format!(
            "the allocation is `{}`: it funds nothing to re-plan; re-plan an optimal or feasible allocation",
            allocation.status.as_str()
        )));
    }
    allocation.check_made_from(portfolio)?;
    progress.check(portfolio, plan, allocation)?;
    let from_year = from_year(plan, progress, policy)?;
    // The plan's money scale, of which every derived amount is cleaned.
    let scale = money_scale(plan, portfolio);
    let years = budgets(plan, scale, progress, from_year)?;
    let (tracked, mut remainders) = track_funded(portfolio, allocation, progress, policy, (plan, scale), from_year);
    let by_id: HashMap<&str, &Tracked> = tracked.iter().map(|t| (t.id.as_str(), t)).collect();
    let remainder_ids: BTreeSet<String> = remainders.keys().cloned().collect();
    let (projects, excluded) = derived_projects(portfolio, plan, from_year, &by_id, &mut remainders);
    let derived_portfolio = Portfolio { projects, ..portfolio.clone() };
    let inputs = (portfolio, catalog, progress);
    let mut derived_plan = derived_plan((plan, scale), inputs, &years, &remainder_ids, &derived_portfolio);
    // The plan's own exclusions carry over; the re-plan's are written into the derived plan, so
    // that solving the derived inputs as written gives the re-plan's allocation.
    derived_plan.excluded.extend(excluded);
    derived_plan.objective = remaining_objective(plan, portfolio, allocation, &by_id);
    Ok(Derived { from_year, years, tracked, portfolio: derived_portfolio, plan: derived_plan })
}

/// What is left of a `min_state_spend` plan's targets: a completed project has delivered its part,
/// so its weighted expected value in the allocation counts toward `min_value` (within 1e-6 of the
/// target, the target is met), and it leaves the named `projects` (as it leaves the model). A
/// named project whose remainder the policy cuts or makes compete leaves them too, as a mandatory
/// one loses its flag: the policy decides what continues. A `max_value` objective is the plan's.
fn remaining_objective(
    plan: &Plan,
    portfolio: &Portfolio,
    allocation: &Allocation,
    by_id: &HashMap<&str, &Tracked>,
) -> Objective {
    let Objective::MinStateSpend { min_value, projects } = &plan.objective else {
        return plan.objective.clone();
    };
    let fate = |id: &str| by_id.get(id).map(|t| t.action);
    let delivered: f64 = funded_projects(portfolio, allocation)
        .filter(|(p, _)| fate(&p.id) == Some(Fate::Done))
        .map(|(p, a)| plan.group_weight(&p.group) * a.expected_value)
        .sum();
    // What is left within 1e-6 of the target was met within the solver's tolerance (the value row
    // of the allocation carried out): nothing is left to reach.
    let left = |v: f64| if v - delivered <= 1e-6 * v { 0.0 } else { on_grid(DecimalGrid::of(v), v - delivered) };
    Objective::MinStateSpend {
        min_value: min_value.map(left),
        projects: projects.iter().filter(|id| matches!(fate(id), None | Some(Fate::Continue))).cloned().collect(),
    }
}

/// Each funded project's standing and fate, and the remainders (what is left to fund from
/// `from_year`) of those that continue.
fn track_funded(
    portfolio: &Portfolio,
    allocation: &Allocation,
    progress: &Progress,
    policy: &ReplanPolicy,
    (plan, scale): (&Plan, f64),
    from_year: Year,
) -> (Vec<Tracked>, HashMap<String, Project>) {
    let standings = progress.standings();
    let no_record = Standing::default();
    let mut tracked = Vec::new();
    let mut remainders = HashMap::new();
    for (p, a) in funded_projects(portfolio, allocation) {
        let standing = standings.get(p.id.as_str()).unwrap_or(&no_record);
        let (entry, remainder) = track(p, a, standing, policy, plan, scale, from_year);
        if let Some(r) = remainder {
            remainders.insert(p.id.clone(), r);
        }
        tracked.push(entry);
    }
    (tracked, remainders)
}

/// The proposals of the re-plan, in the portfolio's order: continuing projects' remainders, cut
/// projects and waiting proposals as proposals from `from_year`; and the projects the re-plan
/// excludes, with why (cut by the policy, an exclusive group taken by a continuing project).
fn derived_projects(
    portfolio: &Portfolio,
    plan: &Plan,
    from_year: Year,
    by_id: &HashMap<&str, &Tracked>,
    remainders: &mut HashMap<String, Project>,
) -> (Vec<Project>, BTreeMap<String, String>) {
    let plan_first = plan.first_year().unwrap_or(from_year);
    let taken_labels = taken_labels(portfolio, by_id, remainders);
    let mut excluded = BTreeMap::new();
    let mut projects = Vec::new();
    for p in &portfolio.projects {
        match by_id.get(p.id.as_str()) {
            Some(t) if t.action == Fate::Cut => {
                // The policy's cut decides: a commitment of the round carried out is no longer one.
                let named =
                    matches!(&plan.objective, Objective::MinStateSpend { projects, .. } if projects.contains(&p.id));
                let was = match (p.mandatory, named) {
                    (true, _) => " (mandatory in the plan carried out)",
                    (false, true) => " (named in the objective's projects of the plan carried out)",
                    (false, false) => "",
                };
                excluded.insert(p.id.clone(), format!("{} and cut by the re-plan policy{was}", t.status.as_str()));
                projects.push(Project { mandatory: false, ..waiting(p, plan_first, from_year, by_id, remainders) });
            }
            Some(_) => projects.extend(remainders.remove(&p.id)),
            None => {
                if let Some((label, holder)) =
                    p.exclusive_group.as_ref().and_then(|l| taken_labels.get(l).map(|h| (l, h)))
                {
                    excluded.insert(p.id.clone(), format!("exclusive group `{label}` is taken by {holder}"));
                }
                projects.push(waiting(p, plan_first, from_year, by_id, remainders));
            }
        }
    }
    (projects, excluded)
}

fn from_year(plan: &Plan, progress: &Progress, policy: &ReplanPolicy) -> Result<Year> {
    let latest = progress.latest_period();
    let default = match latest {
        Some(p) if p.quarters_elapsed() == 4 => p.year + 1,
        Some(p) => p.year,
        None => plan.first_year().unwrap_or_default(),
    };
    let year = policy.from_year.unwrap_or(default);
    if !plan.years.contains(&year) {
        return Err(Error::usage(format!(
            "from_year {year} is not a plan year {:?} (the latest period reported is {}); give a plan year",
            plan.years,
            latest.map_or("none".to_string(), |p| p.to_string())
        )));
    }
    if let Some(latest) = latest.filter(|p| p.year > year) {
        return Err(Error::usage(format!("from_year {year} is before the latest period reported ({latest})")));
    }
    Ok(year)
}

/// Past years' availability from what was actually disbursed, and the derived budgets; `scale`
/// is the plan's money scale ([`money_scale`]).
fn budgets(plan: &Plan, scale: f64, progress: &Progress, from_year: Year) -> Result<BTreeMap<Year, ReplanYear>> {
    let disbursed = progress.disbursed_by_year();
    let money = DecimalGrid::of(scale);
    let mut years = BTreeMap::new();
    let mut carried = 0.0;
    // The allocation carried out meets each year's budget within the contract's tolerance
    // (MODEL.md: 1e-6 of the budget), so records that disburse it as scheduled may too.
    let tol = 1e-6 * scale;
    for &year in &plan.years {
        let (budget, paid) = (plan.budget(year), on_grid(money, disbursed.get(&year).copied().unwrap_or(0.0)));
        let available = on_grid(money, budget + carried);
        if year <= from_year && paid > available + tol {
            return Err(Error::Validation(vec![crate::Problem::plan(
                format!("state_budget.{year}"),
                "overspent",
                format!(
                    "the records disburse {paid} in {year}, more than the {available} available; check the records"
                ),
            )]));
        }
        let replan_budget = match year.cmp(&from_year) {
            std::cmp::Ordering::Less => None,
            std::cmp::Ordering::Equal => Some(on_grid(money, (available - paid).max(0.0))),
            std::cmp::Ordering::Greater => Some(budget),
        };
        carried = plan.carry_over * (available - paid).max(0.0);
        years.insert(year, ReplanYear { budget, disbursed: paid, replan_budget });
    }
    Ok(years)
}

/// A funded project's standing and fate, and its remainder if it goes on; `scale` is the plan's
/// money scale ([`money_scale`]), which the remainder's money is cleaned of.
fn track(
    p: &Project,
    a: &ProjectAllocation,
    standing: &Standing<'_>,
    policy: &ReplanPolicy,
    plan: &Plan,
    scale: f64,
    from_year: Year,
) -> (Tracked, Option<Project>) {
    let status = standing.status();
    let action = policy.action(status);
    let grid = DecimalGrid::of(scale);
    let money = |x: f64| on_grid(grid, x);
    let disbursed = money(standing.disbursed);
    let remaining_state = money((a.state - disbursed).max(0.0));
    let fraction_left = if a.state > 0.0 { remaining_state / a.state } else { 1.0 };
    let (enterprise, academia) = (money(a.enterprise * fraction_left), money(a.academia * fraction_left));
    let remaining_cost = money(remaining_state + enterprise + academia);
    let entry = Tracked {
        id: p.id.clone(),
        status,
        action: Fate::from(action),
        allocated: a.state,
        disbursed,
        remaining_state,
        remaining_cost: if action.is_some() { remaining_cost } else { 0.0 },
    };
    let goes_on = matches!(action, Some(Action::Continue | Action::Compete));
    let negligible = remaining_cost <= 1e-9 * scale.max(1.0);
    if !goes_on || negligible {
        return (entry, None);
    }
    let schedule = remaining_schedule(p, a, disbursed, plan, from_year);
    let cost_by_year = amounts_by_year(&schedule, remaining_cost, money);
    let last = cost_by_year.keys().next_back().copied().unwrap_or(from_year);
    let remainder = Project {
        cost: money(cost_by_year.values().fold(0.0, |s, c| s + c)),
        start_year: Some(from_year),
        duration_years: (last - from_year + 1) as u32,
        cost_profile: Some(CostProfile::Amounts(cost_by_year)),
        // The allocation already met the cost-category caps, and the remainder's state money is at
        // most what is left of it.
        cost_categories: BTreeMap::new(),
        enterprise_commitment: enterprise,
        academia_contribution: academia,
        state_request: Some(remaining_state),
        impact: on_grid(DecimalGrid::of(p.impact), p.impact * a.scale),
        min_fraction: 1.0,
        mandatory: action == Some(Action::Continue),
        requires: Vec::new(),
        ..p.clone()
    };
    (entry, Some(remainder))
}

/// The money grid of a plan's reported and derived amounts (see `optimize::money`).
fn money_grid(plan: &Plan, portfolio: &Portfolio) -> Option<DecimalGrid> {
    DecimalGrid::of(money_scale(plan, portfolio))
}

/// The plan's total budget, at most a thousand times the portfolio's cost (as an allocation's
/// figures are cleaned: `optimize::money::money_scale`).
fn money_scale(plan: &Plan, portfolio: &Portfolio) -> f64 {
    capped_budget(plan.total_budget(), portfolio.projects.iter().map(|p| p.cost).sum())
}

/// `total` spread over the years by `shares`, each amount on the money grid; the last year takes
/// what the others leave, so the amounts still sum to `total` (a project's financing stays equal
/// to its remaining cost).
fn amounts_by_year(shares: &BTreeMap<Year, f64>, total: f64, money: impl Fn(f64) -> f64) -> BTreeMap<Year, f64> {
    let mut amounts: BTreeMap<Year, f64> = shares.iter().map(|(y, share)| (*y, money(share * total))).collect();
    if let Some(last) = amounts.keys().next_back().copied() {
        let others = amounts.range(..last).fold(0.0, |s, (_, m)| s + m);
        amounts.insert(last, money((total - others).max(0.0)));
    }
    amounts
}

/// Shares of the remaining state money by year from `from_year`: the allocation's schedule, money
/// owed from past years due in `from_year`, money paid ahead taken from the earliest years.
fn remaining_schedule(
    p: &Project,
    a: &ProjectAllocation,
    disbursed: f64,
    plan: &Plan,
    from_year: Year,
) -> BTreeMap<Year, f64> {
    let mut left: BTreeMap<Year, f64> =
        a.state_by_year.iter().filter(|(y, _)| **y >= from_year).map(|(y, m)| (*y, *m)).collect();
    let scheduled_before: f64 = a.state_by_year.iter().filter(|(y, _)| **y < from_year).map(|(_, m)| m).sum();
    let mut owed = scheduled_before - disbursed;
    if owed > 0.0 {
        *left.entry(from_year).or_insert(0.0) += owed;
    }
    for money in left.values_mut() {
        if owed >= 0.0 {
            break;
        }
        let take = money.min(-owed);
        *money -= take;
        owed += take;
    }
    left.retain(|_, m| *m > 0.0);
    let total: f64 = left.values().sum();
    if total > 0.0 {
        return left.into_iter().map(|(y, m)| (y, m / total)).collect();
    }
    // No state money left to schedule: the rest follows the project's own profile.
    let own: BTreeMap<Year, f64> = p
        .year_shares(plan.first_year().unwrap_or(from_year))
        .unwrap_or_default()
        .into_iter()
        .filter(|(y, s)| *y >= from_year && *s > 0.0 && plan.years.contains(y))
        .collect();
    let total: f64 = own.values().sum();
    if total > 0.0 {
        own.into_iter().map(|(y, s)| (y, s / total)).collect()
    } else {
        BTreeMap::from([(from_year, 1.0)])
    }
}

/// Exclusive labels held by completed projects or by continuing ones with nothing left to fund.
fn taken_labels(
    portfolio: &Portfolio,
    by_id: &HashMap<&str, &Tracked>,
    remainders: &HashMap<String, Project>,
) -> BTreeMap<String, String> {
    let mut taken = BTreeMap::new();
    for p in &portfolio.projects {
        let Some(t) = by_id.get(p.id.as_str()) else { continue };
        let holds = t.action == Fate::Done || (t.action == Fate::Continue && !remainders.contains_key(&p.id));
        if let (true, Some(label)) = (holds, &p.exclusive_group) {
            let what = if t.action == Fate::Done { "completed" } else { "continuing" };
            taken.entry(label.clone()).or_insert(format!("{} ({what})", p.id));
        }
    }
    taken
}

/// A waiting (or cut) proposal in the derived inputs: starts no earlier than `from_year`, and its
/// requirements on projects that are done or need nothing more are met.
fn waiting(
    p: &Project,
    plan_first: Year,
    from_year: Year,
    by_id: &HashMap<&str, &Tracked>,
    remainders: &HashMap<String, Project>,
) -> Project {
    let mut q = p.clone();
    let first = p.first_year(plan_first);
    if first < from_year {
        let shift = from_year - first;
        q.start_year = Some(from_year);
        if let Some(CostProfile::Amounts(amounts)) = &p.cost_profile {
            q.cost_profile = Some(CostProfile::Amounts(amounts.iter().map(|(y, m)| (y + shift, *m)).collect()));
        }
    } else if p.start_year.is_none() {
        q.start_year = Some(first);
    }
    let met =
        |id: &String| by_id.get(id.as_str()).is_some_and(|t| t.action != Fate::Cut) && !remainders.contains_key(id);
    q.requires.retain(|id| !met(id));
    q
}

/// The derived plan: the years from `from_year` with their derived budgets, bounds as amounts
/// less what each scope received (see the module documentation), the remainders' min-grant
/// exemptions; `scale` is the plan's money scale ([`money_scale`]).
fn derived_plan(
    (plan, scale): (&Plan, f64),
    (portfolio, catalog, progress): (&Portfolio, &Catalog, &Progress),
    years: &BTreeMap<Year, ReplanYear>,
    remainder_ids: &BTreeSet<String>,
    derived: &Portfolio,
) -> Plan {
    let budgets: BTreeMap<Year, f64> = years.iter().filter_map(|(y, r)| r.replan_budget.map(|b| (*y, b))).collect();
    let disbursed = progress.disbursed_by_project();
    // Per scope (a group, a region, the priority products): the money paid, and what the
    // continuing remainders will receive (each a mandatory all-or-nothing project financed to its
    // remaining cost, so its state money is fixed).
    let paid_and_kept = |key: &dyn Fn(&Project) -> Option<&str>| {
        let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for p in &portfolio.projects {
            if let (Some(k), Some(d)) = (key(p), disbursed.get(p.id.as_str())) {
                out.entry(k.to_string()).or_default().0 += d;
            }
        }
        for p in derived.projects.iter().filter(|p| p.mandatory && remainder_ids.contains(&p.id)) {
            if let Some(k) = key(p) {
                out.entry(k.to_string()).or_default().1 += p.state_request_or_cost();
            }
        }
        out
    };
    let (total, grid, tolerance) = (plan.total_budget(), DecimalGrid::of(scale), 1e-6 * scale);
    let remaining_one = |b: &Bounds, (paid, kept): (f64, f64)| {
        let left = |m: f64| (m - paid).max(0.0);
        // A minimum that the allocation carried out met within the contract's tolerance (MODEL.md:
        // 1e-6 of the budget) asks no more than the continuing projects bring: a hair more would
        // make the re-plan fund another project of the scope for it.
        let least = |m: f64| if left(m) - kept <= tolerance { left(m).min(kept) } else { left(m) };
        Bounds {
            min: b.lower(total).map(|m| on_grid(grid, least(m))),
            max: b.upper(total).map(|m| on_grid(grid, left(m))),
            min_share: None,
            max_share: None,
        }
    };
    let remaining = |bounds: &BTreeMap<String, Bounds>, by: &BTreeMap<String, (f64, f64)>| {
        bounds.iter().map(|(k, b)| (k.clone(), remaining_one(b, by.get(k).copied().unwrap_or_default()))).collect()
    };
    let priority = || paid_and_kept(&|p| is_priority(p, catalog).then_some("")).get("").copied().unwrap_or_default();
    // Remainders of grants made before, below the min grant, and the plan's own exemptions.
    let exempt: BTreeSet<&str> = derived
        .projects
        .iter()
        .filter(|p| {
            let small_remainder = remainder_ids.contains(&p.id) && p.state_request_or_cost() < plan.min_grant;
            small_remainder || plan.min_grant_exempt.contains(&p.id)
        })
        .map(|p| p.id.as_str())
        .collect();
    Plan {
        years: budgets.keys().copied().collect(),
        state_budget: budgets,
        group_bounds: remaining(&plan.group_bounds, &paid_and_kept(&|p| Some(p.group.as_str()))),
        region_bounds: remaining(&plan.region_bounds, &paid_and_kept(&|p| p.region.as_deref())),
        priority_bounds: plan.priority_bounds.as_ref().map(|b| remaining_one(b, priority())),
        min_grant_exempt: exempt.into_iter().map(str::to_string).collect(),
        ..plan.clone()
    }
}
