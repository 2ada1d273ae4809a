//! The numbers the model needs, derived once from validated inputs: per eligible project its value,
//! state-money interval, year shares and links; per plan the budgets and bounds in money.

use std::collections::{BTreeMap, HashMap};

use super::formulation::RowKind;
use super::units::Units;
use crate::model::{Checked, Objective, Plan, Project};

/// One eligible project.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Index into the portfolio.
    pub index: usize,
    /// w_g V_p pi_p.
    pub value: f64,
    /// Lower state money per unit of scale: max(0, C - E - A, sigma_state C).
    pub lo: f64,
    /// Upper state money per unit of scale: min(R, (1 - sigma_class) C, the cost-category caps).
    pub hi: f64,
    /// m when R_p > 0, else 0.
    pub min_grant: f64,
    pub min_fraction: f64,
    /// Funded in full (y = 1): a mandatory project.
    pub mandatory: bool,
    /// Funded (z = 1) at any scale it allows: a project the `min_state_spend` objective names.
    pub required: bool,
    /// (plan-year index, share of the cost).
    pub year_shares: Vec<(usize, f64)>,
    /// Indexes (into `items`) of required projects.
    pub requires: Vec<usize>,
    /// Whether a group or region minimum applies, so that more state money than the minimum can help.
    pub under_min_bound: bool,
    /// State money per unit of scale beyond s, counted in budgets, bounds and the objective: in a
    /// robustness scenario, the cost overrun and enterprise shortfall the state covers; 0 otherwise.
    pub extra: f64,
}

/// What a money bound bounds: the state money of a group, of a region, or of the projects of the
/// catalog's priority products (the plan's `priority_bounds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    Group,
    Region,
    Priority,
}

/// A group, region or priority bound in money.
#[derive(Debug, Clone)]
pub(crate) struct MoneyBound {
    /// The group or region (empty for the priority products).
    pub name: String,
    pub scope: Scope,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Indexes into `items`.
    pub members: Vec<usize>,
}

impl MoneyBound {
    /// The kind of this bound's minimum (`lower`) or maximum row.
    pub(crate) fn row_kind(&self, lower: bool) -> RowKind {
        let name = self.name.clone();
        match (self.scope, lower) {
            (Scope::Group, true) => RowKind::GroupMin(name),
            (Scope::Group, false) => RowKind::GroupMax(name),
            (Scope::Region, true) => RowKind::RegionMin(name),
            (Scope::Region, false) => RowKind::RegionMax(name),
            (Scope::Priority, true) => RowKind::PriorityMin,
            (Scope::Priority, false) => RowKind::PriorityMax,
        }
    }
}

/// Everything the formulation needs.
#[derive(Debug, Clone)]
pub(crate) struct Instance {
    pub items: Vec<Item>,
    pub budgets: Vec<f64>,
    pub carry_over: f64,
    pub bounds: Vec<MoneyBound>,
    pub exclusive: BTreeMap<String, Vec<usize>>,
    pub leads: BTreeMap<String, Vec<usize>>,
    pub lead_capacity: Option<f64>,
    pub min_value: Option<f64>,
    pub minimise_state: bool,
    /// The files' units per unit of this instance's money and value ([`Units`]): explanations and
    /// shadow prices are reported in the files' units.
    pub units: Units,
}

impl Item {
    /// Whether the project must be funded (z = 1): mandatory, or named by the objective.
    pub fn forced(&self) -> bool {
        self.mandatory || self.required
    }
}

impl Instance {
    /// The instance with every money row eased by `money` (budgets and maximums up, minimums
    /// down): for a plan that is feasible within the contract's tolerance but not within HiGHS's.
    pub(crate) fn eased(&self, money: f64) -> Instance {
        let mut eased = self.clone();
        eased.budgets.iter_mut().for_each(|b| *b += money);
        for bound in &mut eased.bounds {
            bound.lower = bound.lower.map(|l| (l - money).max(0.0));
            bound.upper = bound.upper.map(|u| u + money);
        }
        eased
    }

    /// The budgets as the model's rows hold them: a year's budget beyond what could ever bind is
    /// lowered to an amount that still cannot bind, which leaves the allocations the model allows
    /// unchanged.
    ///
    /// No row from year t on can bind once the money available in t reaches `need_t` = 2 x the
    /// most state money the projects can take in t, + 1, + `need_{t+1}` / carry-over (carry-over
    /// brings that to t + 1; with no carry-over later years do not depend on t). The budget row's
    /// leftover column holds the money left in the year, so a budget of 1e11 where projects cost
    /// tens left it at 1e11, whose rounding (1.5e-5) HiGHS took for a violated row: a solve error
    /// where the plan simply has money to spare.
    pub(crate) fn budget_rows(&self) -> Vec<f64> {
        let years = self.budgets.len();
        let mut most = vec![0.0; years];
        for it in &self.items {
            for &(t, share) in &it.year_shares {
                most[t] += share * (it.hi + it.extra);
            }
        }
        let mut need = vec![0.0; years];
        for t in (0..years).rev() {
            let carried = match need.get(t + 1) {
                Some(later) if self.carry_over > 0.0 => later / self.carry_over,
                _ => 0.0,
            };
            need[t] = 2.0 * most[t] + 1.0 + carried;
        }
        self.budgets.iter().zip(need).map(|(&budget, need)| budget.min(need)).collect()
    }

    /// The instance of inputs given in `units` (see [`Units::solve_in`]).
    pub(crate) fn in_units(checked: &Checked<'_>, units: Units) -> Instance {
        Instance { units, ..Instance::new(checked) }
    }

    /// Derives the instance from validated inputs.
    pub(crate) fn new(checked: &Checked<'_>) -> Instance {
        let (portfolio, plan) = (checked.portfolio, checked.plan);
        let year_index: HashMap<crate::Year, usize> = plan.years.iter().enumerate().map(|(i, y)| (*y, i)).collect();
        let eligible: Vec<usize> = (0..portfolio.projects.len()).filter(|&i| checked.eligible[i]).collect();
        let item_of: HashMap<&str, usize> =
            eligible.iter().enumerate().map(|(k, &i)| (portfolio.projects[i].id.as_str(), k)).collect();
        let forced = forced_projects(plan);
        let bounds = money_bounds(checked, &eligible);
        // Whether a group, region or priority minimum applies to each item.
        let mut under_min_bound = vec![false; eligible.len()];
        for b in bounds.iter().filter(|b| b.lower.is_some_and(|l| l > 0.0)) {
            b.members.iter().for_each(|&k| under_min_bound[k] = true);
        }
        let items = eligible
            .iter()
            .zip(under_min_bound)
            .map(|(&i, under_min_bound)| {
                let p = &portfolio.projects[i];
                let r = p.state_request_or_cost();
                Item {
                    index: i,
                    value: plan.group_weight(&p.group) * p.impact * p.success_probability,
                    lo: least_state(p, plan),
                    hi: crate::model::largest_state(p, plan).max(0.0),
                    min_grant: if r > 0.0 { plan.min_grant_for(&p.id) } else { 0.0 },
                    min_fraction: p.min_fraction,
                    mandatory: p.mandatory,
                    required: forced.contains(&p.id.as_str()),
                    year_shares: checked.year_shares[i]
                        .iter()
                        .filter(|(_, share)| **share > 0.0)
                        .filter_map(|(y, share)| year_index.get(y).map(|t| (*t, *share)))
                        .collect(),
                    requires: p.requires.iter().filter_map(|q| item_of.get(q.as_str()).copied()).collect(),
                    under_min_bound,
                    extra: 0.0,
                }
            })
            .collect::<Vec<_>>();
        let (min_value, minimise_state) = match &plan.objective {
            Objective::MaxValue => (None, false),
            Objective::MinStateSpend { min_value, .. } => (*min_value, true),
        };
        Instance {
            budgets: plan.years.iter().map(|y| plan.budget(*y)).collect(),
            carry_over: plan.carry_over,
            bounds,
            exclusive: members_by(&eligible, |i| portfolio.projects[i].exclusive_group.clone()),
            leads: members_by(&eligible, |i| portfolio.projects[i].lead.clone()),
            lead_capacity: plan.max_projects_per_lead.map(f64::from),
            min_value,
            minimise_state,
            items,
            units: Units::ONE,
        }
    }
}

/// The least state money per unit of scale of a project: `max(0, C - E - A, sigma_state C)`.
pub(crate) fn least_state(p: &Project, plan: &Plan) -> f64 {
    let c = p.cost;
    (c - p.enterprise_commitment - p.academia_contribution).max(plan.policy.min_state_share(p.class) * c).max(0.0)
}

/// The enterprise money per unit of scale of a project funded with its least state money
/// (enterprise money first, then academia's).
pub(crate) fn enterprise_at_least_state(p: &Project, plan: &Plan) -> f64 {
    p.enterprise_commitment.min(p.cost - least_state(p, plan)).max(0.0)
}

fn forced_projects(plan: &Plan) -> Vec<&str> {
    match &plan.objective {
        Objective::MinStateSpend { projects, .. } => projects.iter().map(String::as_str).collect(),
        Objective::MaxValue => Vec::new(),
    }
}

/// Item indexes grouped by a label (exclusive group, lead).
fn members_by(eligible: &[usize], label: impl Fn(usize) -> Option<String>) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, &i) in eligible.iter().enumerate() {
        if let Some(l) = label(i) {
            out.entry(l).or_default().push(k);
        }
    }
    out
}

fn money_bounds(checked: &Checked<'_>, eligible: &[usize]) -> Vec<MoneyBound> {
    let (portfolio, plan) = (checked.portfolio, checked.plan);
    let total = plan.total_budget();
    let bound = |name: &str, scope: Scope, b: &crate::Bounds, member: &dyn Fn(usize) -> bool| MoneyBound {
        name: name.to_string(),
        scope,
        lower: b.lower(total),
        upper: b.upper(total),
        members: eligible.iter().enumerate().filter(|(_, &i)| member(i)).map(|(k, _)| k).collect(),
    };
    let group = |i: usize| &portfolio.projects[i].group;
    let region = |i: usize| portfolio.projects[i].region.as_deref();
    let groups = plan.group_bounds.iter().map(|(g, b)| bound(g, Scope::Group, b, &|i| group(i) == g));
    let regions = plan.region_bounds.iter().map(|(r, b)| bound(r, Scope::Region, b, &|i| region(i) == Some(r)));
    let priority = plan.priority_bounds.iter().map(|b| bound("", Scope::Priority, b, &|i| checked.priority[i]));
    groups.chain(regions).chain(priority).collect()
}
