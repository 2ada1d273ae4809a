//! The presolved MILP of MODEL.md section 3, built with good_lp and handed to HiGHS.
//!
//! Presolve: once a project's scale y is fixed, its state money s ranges over
//! `[max(lo·y, m·z), hi·y]` with `lo = max(0, C - E - A, sigma_state C)` and
//! `hi = min(R, (1 - sigma_class) C)` (and the cost-category caps); enterprise and academia money then follow (enterprise first).
//! More state money never helps the objective (it only consumes budget), so s is a variable only
//! where it can matter: projects under a group or region *minimum*, and partial projects whose min
//! grant exceeds `lo · min_fraction` (so that s = max(lo·y, m·z) is not linear). Elsewhere
//! `s = max(lo, m)·z` (all-or-nothing) or `s = lo·y` (partial) exactly, and the project costs one
//! binary variable (plus its scale).
//!
//! Year budgets use leftover variables (`spend_t + left_t - carry·left_{t-1} = B_t`), so the dual of
//! each budget row is exactly d(objective)/d(B_t), carry-over included.

use good_lp::{variable, Constraint, Expression, ProblemVariables, SolverModel, Variable};

use super::instance::{Instance, Scope};

/// What the model optimises.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Goal {
    /// Maximise weighted expected value minus `tie_break` x state money.
    MaxValue { tie_break: f64 },
    /// Minimise state money.
    MinState,
    /// Minimise the relaxation of the soft constraints (infeasibility diagnosis):
    /// money-like slacks weigh `money`, count-like slacks weigh `count`; with `money_cap`, the
    /// money-like slacks may add up to at most that much.
    Elastic { money: f64, count: f64, money_cap: Option<f64> },
}

/// Which soft constraint a row (and its elastic slack) belongs to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RowKind {
    /// `budget_<year>`: index into the plan years.
    Budget(usize),
    /// `group_min:<g>` / `group_max:<g>`.
    GroupMin(String),
    /// Upper bound on a group's state money.
    GroupMax(String),
    /// `region_min:<r>`.
    RegionMin(String),
    /// Upper bound on a region's state money.
    RegionMax(String),
    /// `priority_min`: lower bound on the priority products' state money.
    PriorityMin,
    /// `priority_max`: upper bound on the priority products' state money.
    PriorityMax,
    /// `lead_capacity:<lead>`.
    LeadCapacity(String),
    /// `exclusive:<label>`.
    Exclusive(String),
    /// `min_value`.
    MinValue,
}

impl RowKind {
    /// The label of MODEL.md section 9.
    pub(crate) fn label(&self, years: &[crate::Year]) -> String {
        match self {
            RowKind::Budget(t) => format!("budget_{}", years[*t]),
            RowKind::GroupMin(g) => format!("group_min:{g}"),
            RowKind::GroupMax(g) => format!("group_max:{g}"),
            RowKind::RegionMin(r) => format!("region_min:{r}"),
            RowKind::RegionMax(r) => format!("region_max:{r}"),
            RowKind::PriorityMin => "priority_min".to_string(),
            RowKind::PriorityMax => "priority_max".to_string(),
            RowKind::LeadCapacity(l) => format!("lead_capacity:{l}"),
            RowKind::Exclusive(x) => format!("exclusive:{x}"),
            RowKind::MinValue => "min_value".to_string(),
        }
    }

    /// The row's (lower, upper) bounds for a right-hand side: budgets are equalities (with the
    /// leftover column), minima and the value target are lower bounds, the rest upper bounds.
    fn row_bounds(&self, rhs: f64) -> (f64, f64) {
        match self {
            RowKind::Budget(_) => (rhs, rhs),
            kind if kind.is_minimum() => (rhs, f64::INFINITY),
            _ => (f64::NEG_INFINITY, rhs),
        }
    }

    /// Lower bounds: group, region and priority minimums, and the value target.
    pub(crate) fn is_minimum(&self) -> bool {
        matches!(self, RowKind::GroupMin(_) | RowKind::RegionMin(_) | RowKind::PriorityMin | RowKind::MinValue)
    }

    /// The money bound of a minimum or maximum row: its scope, its name, and whether it is the
    /// minimum.
    pub(crate) fn money_bound(&self) -> Option<(Scope, &str, bool)> {
        match self {
            RowKind::GroupMin(g) => Some((Scope::Group, g, true)),
            RowKind::GroupMax(g) => Some((Scope::Group, g, false)),
            RowKind::RegionMin(r) => Some((Scope::Region, r, true)),
            RowKind::RegionMax(r) => Some((Scope::Region, r, false)),
            RowKind::PriorityMin => Some((Scope::Priority, "", true)),
            RowKind::PriorityMax => Some((Scope::Priority, "", false)),
            _ => None,
        }
    }

    /// Counts (lead capacity, exclusive groups) are relaxed after money.
    pub(crate) fn is_count(&self) -> bool {
        matches!(self, RowKind::LeadCapacity(_) | RowKind::Exclusive(_))
    }
}

/// A row whose dual (shadow price) or elastic slack is reported.
#[derive(Debug, Clone)]
pub(crate) struct LabelledRow {
    pub kind: RowKind,
    pub row: usize,
    /// Column of the elastic slack, in elastic models.
    pub slack: Option<usize>,
    pub rhs: f64,
}

impl LabelledRow {
    /// Moves the row's right-hand side to `rhs` on a built (or kept) model.
    pub(crate) fn set_rhs(&self, model: &mut highs::Model, rhs: f64) -> crate::Result<()> {
        let (lower, upper) = self.kind.row_bounds(rhs);
        // SAFETY: `model` is a live HiGHS model and `self.row` one of its rows (it was built with it).
        let status = unsafe { highs_sys::Highs_changeRowBounds(model.as_mut_ptr(), self.row as _, lower, upper) };
        if status == 0 {
            Ok(())
        } else {
            Err(crate::Error::Solver("HiGHS refused new row bounds".into()))
        }
    }
}

/// How a project's state money is expressed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum State {
    /// Its own column.
    Column(usize),
    /// `coef · z` (all-or-nothing project whose state money sits at its minimum).
    Fixed(f64),
    /// `coef · y` (partial project whose state money sits at `lo · y`, the min grant being below
    /// `lo · min_fraction`).
    Scaled(f64),
}

/// Columns of one eligible project.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProjectColumns {
    pub z: usize,
    /// `None` when y = z (all-or-nothing).
    pub y: Option<usize>,
    pub s: State,
    /// The least scale of a funded project (its `min_fraction`; 1 when all-or-nothing).
    pub min_scale: f64,
    /// State money per unit of scale beyond s (robustness scenarios; 0 otherwise).
    pub extra: f64,
}

impl ProjectColumns {
    /// The column of the scale y (z itself for all-or-nothing projects).
    pub(crate) fn scale_column(&self) -> usize {
        self.y.unwrap_or(self.z)
    }

    /// State money as (column, coefficient): its own column, or a multiple of z or of y.
    pub(crate) fn state_column(&self) -> (usize, f64) {
        match self.s {
            State::Column(c) => (c, 1.0),
            State::Fixed(coef) => (self.z, coef),
            State::Scaled(coef) => (self.scale_column(), coef),
        }
    }

    /// All the state money the project takes, as (column, coefficient) terms: its state money,
    /// and, in a robustness scenario, the extra money per unit of scale.
    pub(crate) fn state_terms(&self) -> impl Iterator<Item = (usize, f64)> {
        let extra = (self.extra != 0.0).then(|| (self.scale_column(), self.extra));
        std::iter::once(self.state_column()).chain(extra)
    }
}

/// A built model: the HiGHS model and where everything is in it.
pub(crate) struct Built {
    pub model: highs::Model,
    pub projects: Vec<ProjectColumns>,
    pub rows: Vec<LabelledRow>,
    /// The leftover column of each plan year.
    pub leftover: Vec<usize>,
}

/// Builder state: good_lp variables with their column numbers.
struct Builder {
    vars: ProblemVariables,
    columns: Vec<Variable>,
    constraints: Vec<Constraint>,
    labelled: Vec<(RowKind, usize, Option<usize>, f64)>,
    leftover: Vec<usize>,
}

impl Builder {
    fn add(&mut self, definition: good_lp::VariableDefinition) -> usize {
        self.columns.push(self.vars.add(definition));
        self.columns.len() - 1
    }

    fn var(&self, column: usize) -> Variable {
        self.columns[column]
    }

    fn constrain(&mut self, constraint: Constraint) -> usize {
        self.constraints.push(constraint);
        self.constraints.len() - 1
    }
}

/// Builds the model for an instance.
/// With `fixed`, the funding indicators are fixed to the given values (one per item) and the model
/// is the LP over the continuous part.
pub(crate) fn build(
    instance: &Instance,
    goal: Goal,
    relaxed: bool,
    fixed: Option<&[f64]>,
) -> Result<Built, crate::Error> {
    let mut b = Builder {
        vars: ProblemVariables::new(),
        columns: Vec::new(),
        constraints: Vec::new(),
        labelled: Vec::new(),
        leftover: Vec::new(),
    };
    let projects = add_project_columns(&mut b, instance, relaxed, fixed);
    let elastic = matches!(goal, Goal::Elastic { .. });

    add_project_rows(&mut b, instance, &projects);
    add_budget_rows(&mut b, instance, &projects, elastic);
    add_bound_rows(&mut b, instance, &projects, elastic);
    add_count_rows(&mut b, instance, &projects, elastic);
    if let Some(min_value) = instance.min_value {
        let value = value_expression(&b, instance, &projects);
        soft_row(&mut b, RowKind::MinValue, value, Sense::AtLeast, min_value, elastic);
    }
    if let Goal::Elastic { money_cap: Some(cap), .. } = goal {
        let mut money = Expression::default();
        for (kind, _, slack, _) in &b.labelled {
            if let (false, Some(s)) = (kind.is_count(), slack) {
                money.add_mul(1.0, b.var(*s));
            }
        }
        b.constrain(money.leq(cap));
    }
    let objective = objective(&b, instance, &projects, goal);
    let Builder { vars, columns: _, constraints, labelled, leftover } = b;
    let mut problem = match goal {
        Goal::MaxValue { .. } => vars.maximise(objective),
        Goal::MinState | Goal::Elastic { .. } => vars.minimise(objective),
    }
    .using(good_lp::solvers::highs::highs);
    // HiGHS numbers rows in the order they are added.
    for constraint in constraints {
        problem.add_constraint(constraint);
    }
    let rows = labelled.into_iter().map(|(kind, row, slack, rhs)| LabelledRow { kind, row, slack, rhs }).collect();
    let model =
        problem.try_into_inner().map_err(|e| crate::Error::Solver(format!("cannot build the HiGHS model: {e}")))?;
    Ok(Built { model, projects, rows, leftover })
}

impl Builder {
    /// All the state money of a project as (variable, coefficient) terms.
    fn state<'a>(&'a self, p: &'a ProjectColumns) -> impl Iterator<Item = (Variable, f64)> + 'a {
        p.state_terms().map(|(column, coef)| (self.var(column), coef))
    }

    /// The scale y of a project.
    fn scale(&self, p: &ProjectColumns) -> Variable {
        self.var(p.scale_column())
    }

    /// Sum of the state money of some projects.
    fn state_sum<'a>(&self, projects: impl Iterator<Item = &'a ProjectColumns>) -> Expression {
        let mut sum = Expression::default();
        for p in projects {
            for (var, coef) in self.state(p) {
                sum.add_mul(coef, var);
            }
        }
        sum
    }
}

fn value_expression(b: &Builder, instance: &Instance, projects: &[ProjectColumns]) -> Expression {
    let mut value = Expression::with_capacity(projects.len());
    for (it, p) in instance.items.iter().zip(projects) {
        value.add_mul(it.value, b.scale(p));
    }
    value
}

fn add_project_columns(
    b: &mut Builder,
    instance: &Instance,
    relaxed: bool,
    fixed: Option<&[f64]>,
) -> Vec<ProjectColumns> {
    instance
        .items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            let funded = if it.forced() { 1.0 } else { 0.0 };
            let z = match fixed {
                Some(values) => b.add(variable().min(values[k]).max(values[k])),
                None if relaxed => b.add(variable().min(funded).max(1.0)),
                None => b.add(variable().binary().min(funded)),
            };
            let full = if it.mandatory { 1.0 } else { 0.0 };
            let y = (it.min_fraction < 1.0).then(|| b.add(variable().min(full).max(1.0)));
            // More state money never helps unless a minimum bound applies: s sits at its least.
            let s = if it.under_min_bound {
                State::Column(b.add(variable().min(0.0).max(it.hi)))
            } else if y.is_none() {
                State::Fixed(it.lo.max(it.min_grant))
            } else if it.min_grant <= it.lo * it.min_fraction {
                State::Scaled(it.lo)
            } else {
                State::Column(b.add(variable().min(0.0).max(it.hi)))
            };
            ProjectColumns { z, y, s, min_scale: it.min_fraction.min(1.0), extra: it.extra }
        })
        .collect()
}

/// Scale and state-money rows of each project: `f z <= y <= z`, `lo y <= s <= hi y`, `s >= m z`.
fn add_project_rows(b: &mut Builder, instance: &Instance, projects: &[ProjectColumns]) {
    for (it, p) in instance.items.iter().zip(projects) {
        let z = b.var(p.z);
        let y = match p.y {
            Some(y) => {
                let y = b.var(y);
                b.constrain((y - it.min_fraction * z).geq(0.0));
                b.constrain((y - z).leq(0.0));
                y
            }
            None => z,
        };
        if let State::Column(s) = p.s {
            let s = b.var(s);
            b.constrain((s - it.hi * y).leq(0.0));
            if it.lo > 0.0 {
                b.constrain((s - it.lo * y).geq(0.0));
            }
            if it.min_grant > 0.0 {
                b.constrain((s - it.min_grant * z).geq(0.0));
            }
        }
    }
}

fn add_budget_rows(b: &mut Builder, instance: &Instance, projects: &[ProjectColumns], elastic: bool) {
    let years = instance.budgets.len();
    let mut spend: Vec<Expression> = (0..years).map(|_| Expression::with_capacity(projects.len())).collect();
    for (it, p) in instance.items.iter().zip(projects) {
        for (var, coef) in b.state(p) {
            for &(t, share) in &it.year_shares {
                spend[t].add_mul(share * coef, var);
            }
        }
    }
    let leftover: Vec<usize> = (0..years).map(|_| b.add(variable().min(0.0))).collect();
    let budgets = instance.budget_rows();
    for (t, expr) in spend.into_iter().enumerate() {
        let mut lhs = expr + b.var(leftover[t]);
        if t > 0 && instance.carry_over > 0.0 {
            lhs.add_mul(-instance.carry_over, b.var(leftover[t - 1]));
        }
        soft_row(b, RowKind::Budget(t), lhs, Sense::Equal, budgets[t], elastic);
    }
    b.leftover = leftover;
}

fn add_bound_rows(b: &mut Builder, instance: &Instance, projects: &[ProjectColumns], elastic: bool) {
    for bound in &instance.bounds {
        let money = b.state_sum(bound.members.iter().map(|&i| &projects[i]));
        // A zero minimum too: it binds when the group gets nothing, and its shadow price says what
        // one more unit of minimum would cost.
        if let Some(lower) = bound.lower {
            soft_row(b, bound.row_kind(true), money.clone(), Sense::AtLeast, lower, elastic);
        }
        if let Some(upper) = bound.upper {
            soft_row(b, bound.row_kind(false), money, Sense::AtMost, upper, elastic);
        }
    }
}

fn add_count_rows(b: &mut Builder, instance: &Instance, projects: &[ProjectColumns], elastic: bool) {
    for (i, it) in instance.items.iter().enumerate() {
        for &q in &it.requires {
            let row = (b.var(projects[i].z) - b.var(projects[q].z)).leq(0.0);
            b.constrain(row);
        }
    }
    for (label, members) in &instance.exclusive {
        let count: Expression = members.iter().map(|&i| b.var(projects[i].z)).sum();
        soft_row(b, RowKind::Exclusive(label.clone()), count, Sense::AtMost, 1.0, elastic);
    }
    if let Some(capacity) = instance.lead_capacity {
        for (lead, members) in &instance.leads {
            if members.len() as f64 > capacity {
                let count: Expression = members.iter().map(|&i| b.var(projects[i].z)).sum();
                soft_row(b, RowKind::LeadCapacity(lead.clone()), count, Sense::AtMost, capacity, elastic);
            }
        }
    }
}

enum Sense {
    AtLeast,
    AtMost,
    Equal,
}

/// Adds a labelled row; in elastic models with a slack that relaxes it (raises a budget or a
/// maximum, lowers a minimum).
fn soft_row(b: &mut Builder, kind: RowKind, mut lhs: Expression, sense: Sense, rhs: f64, elastic: bool) {
    let slack = elastic.then(|| b.add(variable().min(0.0)));
    if let Some(slack) = slack {
        let sign = match sense {
            Sense::AtLeast => 1.0,
            Sense::AtMost | Sense::Equal => -1.0,
        };
        lhs.add_mul(sign, b.var(slack));
    }
    let constraint = match sense {
        Sense::AtLeast => lhs.geq(rhs),
        Sense::AtMost => lhs.leq(rhs),
        Sense::Equal => lhs.eq(rhs),
    };
    let row = b.constrain(constraint);
    b.labelled.push((kind, row, slack, rhs));
}

/// The objective coefficient of every column for `MaxValue { tie_break }` (what [`objective`]
/// builds), to change the tie-break of a kept model.
pub(crate) fn max_value_costs(
    instance: &Instance,
    projects: &[ProjectColumns],
    tie_break: f64,
    columns: usize,
) -> Vec<f64> {
    let mut costs = vec![0.0; columns];
    for (it, p) in instance.items.iter().zip(projects) {
        costs[p.scale_column()] += it.value;
        for (column, coef) in p.state_terms() {
            costs[column] -= tie_break * coef;
        }
    }
    costs
}

fn objective(b: &Builder, instance: &Instance, projects: &[ProjectColumns], goal: Goal) -> Expression {
    match goal {
        Goal::MaxValue { tie_break } => {
            let mut objective = value_expression(b, instance, projects);
            for p in projects {
                for (var, coef) in b.state(p) {
                    objective.add_mul(-tie_break * coef, var);
                }
            }
            objective
        }
        Goal::MinState => b.state_sum(projects.iter()),
        Goal::Elastic { money, count, .. } => b
            .labelled
            .iter()
            .filter_map(|(kind, _, slack, _)| slack.map(|s| (if kind.is_count() { count } else { money }) * b.var(s)))
            .sum(),
    }
}
