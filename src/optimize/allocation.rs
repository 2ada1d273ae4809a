//! The allocation result of FORMATS.md, assembled from a solver run: numerical noise cleaned,
//! money split by house, totals, and a reason for every unfunded project.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::formulation::{ProjectColumns, RowKind, State};
use super::instance::{Instance, Scope};
use super::money::{money_scale, on_grid, DecimalGrid};
use crate::model::{Checked, Ineligible, Year};

/// The schema marker of allocation files.
pub const ALLOCATION_SCHEMA: &str = "stratfund.allocation/1";

/// The reason of a project left out by the plan's `priority_bounds` maximum (a code beside those
/// of FORMATS.md, for a plan field beside MODEL.md's).
pub const PRIORITY_BOUND: &str = "priority_bound";

/// The objective an allocation (frontier, sweep) file is taken to have when it does not say.
pub(crate) fn default_objective_kind() -> String {
    "max_value".to_string()
}

/// Where shadow prices come from.
fn default_shadow_prices_source() -> String {
    "lp_relaxation".to_string()
}

/// How the solve ended (MODEL.md section 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal within the requested relative gap.
    Optimal,
    /// Stopped by a limit with a feasible allocation; the gap is reported.
    Feasible,
    /// No allocation satisfies every rule; see `explanation`.
    Infeasible,
    /// Stopped by a limit before any feasible allocation was found.
    TimeLimit,
}

impl Status {
    /// The status as written in files.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::Status;
    /// assert_eq!(Status::TimeLimit.as_str(), "time_limit");
    /// assert_eq!(serde_json::to_string(&Status::Optimal).unwrap(), "\"optimal\"");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::TimeLimit => "time_limit",
        }
    }
}

/// Money by house, with counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseTotals {
    /// State money.
    pub state: f64,
    /// Enterprise money.
    pub enterprise: f64,
    /// Academia money.
    pub academia: f64,
    /// Funded projects.
    pub funded: usize,
    /// Unweighted expected value of the funded projects (0 when a file read leaves it out, as the
    /// FORMATS.md example does).
    #[serde(default)]
    pub expected_value: f64,
}

/// Portfolio totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// State money.
    pub state: f64,
    /// Enterprise money.
    pub enterprise: f64,
    /// Academia money.
    pub academia: f64,
    /// (enterprise + academia) / state; null when no state money is spent.
    pub leverage: Option<f64>,
    /// Unweighted expected value (sum of the projects' `expected_value`).
    pub expected_value: f64,
    /// Funded projects.
    pub funded: usize,
}

/// One plan year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearTotals {
    /// B_t.
    pub budget: f64,
    /// B_t plus carried-over money.
    pub available: f64,
    /// State money spent.
    pub state: f64,
}

/// The allocation of one project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectAllocation {
    /// Project id.
    pub id: String,
    /// Whether the project is funded (scale > 0).
    pub funded: bool,
    /// y_p: 0, 1, or in [min_fraction, 1] for partial funding.
    pub scale: f64,
    /// State money.
    pub state: f64,
    /// Enterprise money.
    pub enterprise: f64,
    /// Academia money.
    pub academia: f64,
    /// State money per year (empty when unfunded).
    #[serde(with = "crate::model::years")]
    pub state_by_year: BTreeMap<Year, f64>,
    /// V_p pi_p y_p (unweighted).
    pub expected_value: f64,
    /// Why an unfunded project is not funded (FORMATS.md reason codes); null when funded.
    pub reason: Option<String>,
}

/// One relaxation that makes an infeasible plan feasible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relaxation {
    /// Constraint label (`budget_2026`, `group_min:semiconductors`, ...).
    pub constraint: String,
    /// By how much it must be relaxed (money, a count, or value for `min_value`).
    pub amount: f64,
    /// What to do, in words.
    pub message: String,
}

/// A funding allocation (FORMATS.md "Allocation").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// Format marker, `stratfund.allocation/1`.
    pub schema: String,
    /// How the solve ended.
    pub status: Status,
    /// `max_value` or `min_state_spend` (`max_value`, MODEL.md's default, when a file read leaves
    /// it out).
    #[serde(default = "default_objective_kind")]
    pub objective_kind: String,
    /// Weighted expected value (`max_value`) or state money (`min_state_spend`); null when infeasible.
    pub objective: Option<f64>,
    /// Best bound on the objective proven by the solver.
    pub bound: Option<f64>,
    /// |bound - objective| / max(|objective|, 1e-9).
    pub gap: Option<f64>,
    /// Wall-clock seconds spent in HiGHS.
    pub solve_seconds: f64,
    /// True when the LP relaxation was solved instead of the MILP (fractional funding).
    #[serde(default)]
    pub relaxed: bool,
    /// Currency unit of every amount (`billion VND` when a file read leaves it out).
    #[serde(default = "crate::model::default_currency")]
    pub currency_unit: String,
    /// Totals by house.
    pub totals: Totals,
    /// Per plan year.
    #[serde(with = "crate::model::years")]
    pub by_year: BTreeMap<Year, YearTotals>,
    /// Per technology group.
    pub by_group: BTreeMap<String, HouseTotals>,
    /// Per region (projects without a region are left out).
    #[serde(default)]
    pub by_region: BTreeMap<String, HouseTotals>,
    /// Every project of the portfolio, in portfolio order.
    pub projects: Vec<ProjectAllocation>,
    /// d(objective)/d(right-hand side) of the LP relaxation, by constraint label.
    pub shadow_prices: BTreeMap<String, f64>,
    /// Where the shadow prices come from: always `lp_relaxation`.
    #[serde(default = "default_shadow_prices_source")]
    pub shadow_prices_source: String,
    /// Ineligible and unfundable projects, with the rule and its detail.
    pub ineligible: Vec<Ineligible>,
    /// For infeasible plans: the smallest relaxation that makes the plan feasible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Vec<Relaxation>>,
}

impl Allocation {
    /// Looks a project up by id.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{solve, FundingClass, Plan, Portfolio, Project};
    /// let mut a = Project::new("A", "biotech", FundingClass::Market, 10.0, 5.0);
    /// a.enterprise_commitment = 6.0;
    /// let allocation = solve(&Portfolio::new(vec![a]), &Plan::new(vec![(2026, 100.0)]))?;
    /// let row = allocation.project("A").unwrap();
    /// assert!(row.funded && row.state + row.enterprise + row.academia == 10.0);
    /// assert!(allocation.project("B").is_none());
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn project(&self, id: &str) -> Option<&ProjectAllocation> {
        self.projects.iter().find(|p| p.id == id)
    }
}

/// The cleaned decision of one eligible project.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Decision {
    /// The funding indicator z: 0 or 1, or a fraction in the relaxed mode.
    pub funding: f64,
    pub scale: f64,
    pub state: f64,
}

/// Reads and cleans the decisions from solver columns (MODEL.md section 9 "Numerical cleaning").
pub(crate) fn decisions(
    instance: &Instance,
    projects: &[ProjectColumns],
    columns: &[f64],
    relaxed: bool,
    noise: f64,
) -> Vec<Decision> {
    instance
        .items
        .iter()
        .zip(projects)
        .map(|(it, p)| {
            let z = funding(columns[p.z], relaxed);
            let scale = match p.y {
                // The min grant needs hi x scale >= m: lift a scale that sits a hair below that.
                Some(y) => {
                    let floor = if it.hi > 0.0 { (it.min_grant / it.hi).max(it.min_fraction) } else { it.min_fraction };
                    snap(bounded(columns[y], floor * z, z), 1e-9)
                }
                None => z,
            };
            let lower = (it.lo * scale).max(it.min_grant * z);
            let state = match p.s {
                State::Column(s) => bounded(columns[s], lower, it.hi * scale),
                State::Fixed(coef) => coef * z,
                State::Scaled(coef) => coef * scale,
            };
            let state = if state < noise && lower < noise { 0.0 } else { state };
            Decision { funding: z, scale, state }
        })
        .collect()
}

/// The cleaned funding indicator from its solver column: 0 or 1, or snapped within [0, 1] in the
/// relaxed mode.
pub(crate) fn funding(column: f64, relaxed: bool) -> f64 {
    let raw = bounded(column, 0.0, 1.0);
    if relaxed {
        snap(raw, 1e-9)
    } else if raw > 0.5 {
        1.0
    } else {
        0.0
    }
}

/// The sum of reported figures, starting from +0.0: Rust sums an empty `f64` iterator to -0.0,
/// which would show as "-0.0" in results.
pub(crate) fn money_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |total, x| total + x)
}

/// The weighted value of decisions (one per item of `instance`): the `max_value` objective.
pub(crate) fn weighted_value(instance: &Instance, decisions: &[Decision]) -> f64 {
    money_sum(instance.items.iter().zip(decisions).map(|(it, d)| it.value * d.scale))
}

/// The state money of decisions.
pub(crate) fn state_money(decisions: &[Decision]) -> f64 {
    money_sum(decisions.iter().map(|d| d.state))
}

/// `x` limited to [lower, upper]; never panics (unlike `f64::clamp`), the lower limit wins if they cross.
fn bounded(x: f64, lower: f64, upper: f64) -> f64 {
    let x = if x.is_nan() { lower } else { x };
    x.min(upper).max(lower)
}

/// Rounds values within `tol` of 0 or 1 to exactly 0 or 1.
fn snap(x: f64, tol: f64) -> f64 {
    if x < tol {
        0.0
    } else if (1.0 - x).abs() < tol {
        1.0
    } else {
        x
    }
}

/// Assembles the allocation from cleaned decisions.
pub(crate) fn assemble(
    checked: &Checked<'_>,
    instance: &Instance,
    decisions: &[Decision],
    header: Header,
) -> Allocation {
    let (portfolio, plan) = (checked.portfolio, checked.plan);
    let mut by_index: HashMap<usize, Decision> = HashMap::new();
    for (it, d) in instance.items.iter().zip(decisions) {
        by_index.insert(it.index, *d);
    }
    let noise = 1e-9 * money_scale(checked);
    let mut projects: Vec<ProjectAllocation> = (0..portfolio.projects.len())
        .map(|i| project_allocation(checked, i, by_index.get(&i).copied().unwrap_or_default(), noise))
        .collect();
    let funding: Vec<f64> =
        (0..portfolio.projects.len()).map(|i| by_index.get(&i).map_or(0.0, |d| d.funding)).collect();
    // Reasons are read from the solver's figures; what is reported is on the decimal grids.
    let unrounded_years = year_totals(plan, &projects, None);
    let shared = header.shared_reason.as_deref();
    let reasons = Reasons::new(checked, instance, &projects, &funding, &unrounded_years, shared);
    for (i, project) in projects.iter_mut().enumerate() {
        if !project.funded {
            project.reason = Some(reasons.reason(i));
        }
    }
    let mut allocation = Allocation {
        schema: ALLOCATION_SCHEMA.to_string(),
        status: header.status,
        objective_kind: header.objective_kind,
        objective: header.objective,
        bound: header.bound,
        gap: header.gap,
        solve_seconds: header.solve_seconds,
        relaxed: header.relaxed,
        currency_unit: portfolio.currency_unit.clone(),
        totals: Totals::default(),
        by_year: BTreeMap::new(),
        by_group: BTreeMap::new(),
        by_region: BTreeMap::new(),
        projects,
        shadow_prices: header.shadow_prices,
        shadow_prices_source: default_shadow_prices_source(),
        ineligible: checked.ineligible.clone(),
        explanation: header.explanation,
    };
    retotal(checked, &mut allocation);
    allocation
}

/// Puts the projects of `allocation` (an allocation of `checked`) on the decimal grids of
/// `checked` and totals them again: by year, group, region and house.
pub(crate) fn retotal(checked: &Checked<'_>, allocation: &mut Allocation) {
    let grid = Grids::of(checked);
    for (p, project) in allocation.projects.iter_mut().zip(&checked.portfolio.projects) {
        // A project's expected value on a grid of its own (a step of at most 1e-12 of its value at
        // full scale): on the total's, one value of 1e15 rounded the others' tens to 0.
        let own = DecimalGrid::of(project.impact * project.success_probability).filter(|_| p.id == project.id);
        round_project(p, Grids { value: own.or(grid.value), ..grid });
    }
    allocation.by_year = year_totals(checked.plan, &allocation.projects, grid.money);
    (allocation.by_group, allocation.by_region) = group_and_region_totals(checked, &allocation.projects, grid);
    allocation.totals = totals(&allocation.projects, grid);
}

/// What the solve says about the allocation as a whole.
pub(crate) struct Header {
    pub status: Status,
    pub objective_kind: String,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    pub solve_seconds: f64,
    pub relaxed: bool,
    pub shadow_prices: BTreeMap<String, f64>,
    pub explanation: Option<Vec<Relaxation>>,
    /// For infeasible plans, and time limits reached without a solution (`time_limit`): the
    /// reason given to every eligible project.
    pub shared_reason: Option<String>,
}

/// The money of project `i` under decision `d`, before rounding: enterprise money first (up to
/// the scaled commitment), academia money for the rest; figures below `noise` (1e-9 of the total
/// budget, as [`money_scale`] caps it) are 0.
fn project_allocation(checked: &Checked<'_>, i: usize, d: Decision, noise: f64) -> ProjectAllocation {
    let p = &checked.portfolio.projects[i];
    if d.scale <= 0.0 {
        return unfunded(&p.id);
    }
    let clean = |x: f64| if x.abs() < noise { 0.0 } else { x };
    let rest = p.cost * d.scale - d.state;
    let enterprise = (p.enterprise_commitment * d.scale).min(rest);
    let academia = clean(rest - enterprise);
    ProjectAllocation {
        id: p.id.clone(),
        funded: true,
        scale: d.scale,
        state: d.state,
        enterprise: rest - academia,
        academia,
        state_by_year: checked.year_shares[i].iter().map(|(y, share)| (*y, clean(share * d.state))).collect(),
        expected_value: p.impact * p.success_probability * d.scale,
        reason: None,
    }
}

fn unfunded(id: &str) -> ProjectAllocation {
    ProjectAllocation {
        id: id.to_string(),
        funded: false,
        scale: 0.0,
        state: 0.0,
        enterprise: 0.0,
        academia: 0.0,
        state_by_year: BTreeMap::new(),
        expected_value: 0.0,
        reason: None,
    }
}

/// The decimal grids of reported figures: money (of the plan's total budget, as [`money_scale`]
/// caps it) and expected values (of every proposal's expected value; a project's own on a grid of
/// its own, see [`retotal`]). Scales, the objective and its bound are not rounded.
#[derive(Clone, Copy)]
struct Grids {
    money: Option<DecimalGrid>,
    value: Option<DecimalGrid>,
}

impl Grids {
    fn of(checked: &Checked<'_>) -> Grids {
        let values = checked.portfolio.projects.iter().map(|p| p.impact * p.success_probability);
        Grids {
            money: DecimalGrid::of(money_scale(checked)),
            value: DecimalGrid::of(values.filter(|v| v.is_finite()).sum()),
        }
    }
}

/// A project's money and expected value on their grids (its scale is left as it is).
fn round_project(p: &mut ProjectAllocation, grid: Grids) {
    let round = |x: &mut f64| *x = on_grid(grid.money, *x);
    round(&mut p.state);
    round(&mut p.enterprise);
    round(&mut p.academia);
    p.state_by_year.values_mut().for_each(round);
    p.expected_value = on_grid(grid.value, p.expected_value);
}

/// Budget, available money and state spend per year (available and spend on the grid).
fn year_totals(
    plan: &crate::Plan,
    projects: &[ProjectAllocation],
    grid: Option<DecimalGrid>,
) -> BTreeMap<Year, YearTotals> {
    let mut out = BTreeMap::new();
    let mut carried = 0.0;
    for year in &plan.years {
        let budget = plan.budget(*year);
        let available = on_grid(grid, budget + carried);
        let state = on_grid(grid, money_sum(projects.iter().filter_map(|p| p.state_by_year.get(year).copied())));
        carried = plan.carry_over * (available - state).max(0.0);
        out.insert(*year, YearTotals { budget, available, state });
    }
    out
}

fn add(t: &mut HouseTotals, p: &ProjectAllocation) {
    t.state += p.state;
    t.enterprise += p.enterprise;
    t.academia += p.academia;
    t.expected_value += p.expected_value;
    t.funded += usize::from(p.funded);
}

/// Sums on the grids (a sum of grid amounts picks up float noise again).
fn round_totals(t: &mut HouseTotals, grid: Grids) {
    t.state = on_grid(grid.money, t.state);
    t.enterprise = on_grid(grid.money, t.enterprise);
    t.academia = on_grid(grid.money, t.academia);
    t.expected_value = on_grid(grid.value, t.expected_value);
}

fn group_and_region_totals(
    checked: &Checked<'_>,
    projects: &[ProjectAllocation],
    grid: Grids,
) -> (BTreeMap<String, HouseTotals>, BTreeMap<String, HouseTotals>) {
    let plan = checked.plan;
    let mut groups: BTreeMap<String, HouseTotals> =
        plan.group_bounds.keys().map(|g| (g.clone(), HouseTotals::default())).collect();
    let mut regions: BTreeMap<String, HouseTotals> =
        plan.region_bounds.keys().map(|r| (r.clone(), HouseTotals::default())).collect();
    for (p, a) in checked.portfolio.projects.iter().zip(projects) {
        add(groups.entry(p.group.clone()).or_default(), a);
        if let Some(region) = &p.region {
            add(regions.entry(region.clone()).or_default(), a);
        }
    }
    groups.values_mut().chain(regions.values_mut()).for_each(|t| round_totals(t, grid));
    (groups, regions)
}

fn totals(projects: &[ProjectAllocation], grid: Grids) -> Totals {
    let mut t = HouseTotals::default();
    for p in projects {
        add(&mut t, p);
    }
    round_totals(&mut t, grid);
    Totals {
        state: t.state,
        enterprise: t.enterprise,
        academia: t.academia,
        leverage: (t.state > 0.0).then(|| (t.enterprise + t.academia) / t.state),
        expected_value: t.expected_value,
        funded: t.funded,
    }
}

/// Why unfunded projects are not funded, checked in order: ineligible, exclusive, dependency, lead
/// capacity, group maximum, region maximum, priority maximum, min grant, budget.
///
/// Exclusive groups and lead capacities count funding indicators, so that in the relaxed mode a
/// label or a lead is "full" only when its fractional indicators sum to its limit.
struct Reasons<'a> {
    checked: &'a Checked<'a>,
    ineligible: HashMap<&'a str, &'a Ineligible>,
    funded: HashMap<&'a str, bool>,
    /// Per exclusive label: its first funded project and the sum of its funding indicators.
    exclusive_funded: HashMap<&'a str, (&'a str, f64)>,
    lead_count: HashMap<&'a str, f64>,
    /// Room left under each group, region and priority maximum.
    room: HashMap<(Scope, &'a str), f64>,
    year_room: BTreeMap<Year, f64>,
    item_of: HashMap<usize, usize>,
    instance: &'a Instance,
    /// How far a need may exceed the room left and still fit (1e-9 of the capped total budget).
    tol: f64,
    /// The reason of every eligible project, when nothing was decided project by project.
    shared: Option<&'a str>,
}

impl<'a> Reasons<'a> {
    fn new(
        checked: &'a Checked<'a>,
        instance: &'a Instance,
        projects: &[ProjectAllocation],
        funding: &[f64],
        by_year: &BTreeMap<Year, YearTotals>,
        shared: Option<&'a str>,
    ) -> Self {
        let portfolio = checked.portfolio;
        let mut funded = HashMap::new();
        let mut exclusive_funded = HashMap::new();
        let mut lead_count: HashMap<&str, f64> = HashMap::new();
        let mut state_in: HashMap<(Scope, &str), f64> = HashMap::new();
        for (i, ((p, a), z)) in portfolio.projects.iter().zip(projects).zip(funding).enumerate() {
            funded.insert(p.id.as_str(), a.funded);
            if !a.funded {
                continue;
            }
            if let Some(x) = &p.exclusive_group {
                exclusive_funded.entry(x.as_str()).or_insert((p.id.as_str(), 0.0)).1 += z;
            }
            if let Some(lead) = &p.lead {
                *lead_count.entry(lead.as_str()).or_default() += z;
            }
            *state_in.entry((Scope::Group, p.group.as_str())).or_default() += a.state;
            if let Some(r) = &p.region {
                *state_in.entry((Scope::Region, r.as_str())).or_default() += a.state;
            }
            if checked.priority[i] {
                *state_in.entry((Scope::Priority, "")).or_default() += a.state;
            }
        }
        let room = instance
            .bounds
            .iter()
            .filter_map(|b| {
                let used = state_in.get(&(b.scope, b.name.as_str())).copied().unwrap_or(0.0);
                b.upper.map(|u| ((b.scope, b.name.as_str()), u - used))
            })
            .collect();
        Reasons {
            checked,
            ineligible: checked.ineligible.iter().map(|i| (i.id.as_str(), i)).collect(),
            funded,
            exclusive_funded,
            lead_count,
            room,
            year_room: by_year.iter().map(|(y, t)| (*y, t.available - t.state)).collect(),
            item_of: instance.items.iter().enumerate().map(|(k, it)| (it.index, k)).collect(),
            instance,
            tol: 1e-9 * money_scale(checked).max(1.0),
            shared,
        }
    }

    fn reason(&self, i: usize) -> String {
        let p = &self.checked.portfolio.projects[i];
        if let Some(why) = self.ineligible.get(p.id.as_str()) {
            return format!("ineligible:{}", why.rule);
        }
        if let Some(reason) = self.shared {
            return reason.to_string();
        }
        let full = |used: f64, limit: f64| used >= limit - 1e-9;
        if let Some((other, used)) = p.exclusive_group.as_deref().and_then(|x| self.exclusive_funded.get(x)) {
            if full(*used, 1.0) {
                return format!("exclusive:{other}");
            }
        }
        if let Some(q) = p.requires.iter().find(|q| !self.funded.get(q.as_str()).copied().unwrap_or(false)) {
            return format!("dependency:{q}");
        }
        let item = &self.instance.items[self.item_of[&i]];
        if let (Some(lead), Some(k)) = (p.lead.as_deref(), self.checked.plan.max_projects_per_lead) {
            if full(self.lead_count.get(lead).copied().unwrap_or(0.0), k as f64) {
                return format!("lead_capacity:{lead}");
            }
        }
        let need = (item.lo * item.min_fraction).max(item.min_grant);
        let tol = self.tol;
        let short = |scope: Scope, name: &str| self.room.get(&(scope, name)).is_some_and(|room| need > room + tol);
        if short(Scope::Group, &p.group) {
            return format!("group_bound:{}", p.group);
        }
        if let Some(r) = p.region.as_deref().filter(|r| short(Scope::Region, r)) {
            return format!("region_bound:{r}");
        }
        if self.checked.priority[i] && short(Scope::Priority, "") {
            return PRIORITY_BOUND.to_string();
        }
        let fits = |amount: f64| {
            self.checked.year_shares[i]
                .iter()
                .all(|(y, share)| share * amount <= self.year_room.get(y).copied().unwrap_or(0.0) + tol)
        };
        if item.min_grant > item.lo * item.min_fraction && fits(item.lo * item.min_fraction) && !fits(need) {
            return "min_grant".to_string();
        }
        "budget".to_string()
    }
}

/// The reason every eligible project gets when the plan is infeasible, from the largest relaxation.
pub(crate) fn infeasible_reason(kind: &RowKind) -> String {
    match kind {
        RowKind::GroupMin(g) | RowKind::GroupMax(g) => format!("group_bound:{g}"),
        RowKind::RegionMin(r) | RowKind::RegionMax(r) => format!("region_bound:{r}"),
        RowKind::PriorityMin | RowKind::PriorityMax => PRIORITY_BOUND.to_string(),
        RowKind::LeadCapacity(l) => format!("lead_capacity:{l}"),
        RowKind::Budget(_) | RowKind::Exclusive(_) | RowKind::MinValue => "budget".to_string(),
    }
}
