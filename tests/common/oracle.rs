//! An independent oracle for allocations, written from MODEL.md without the library's internals:
//! eligibility, a constraint checker, and the straightforward four-variables-per-project model.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};

use good_lp::{variable, Expression, ProblemVariables, Solution, SolverModel, Variable};
use stratfund::{Allocation, FundingClass, Objective, Plan, Portfolio, Project, Status};

pub fn sigma(plan: &Plan, p: &Project) -> f64 {
    match p.class {
        FundingClass::Market => plan.policy.market_min_enterprise_share,
        FundingClass::Strategic => plan.policy.strategic_min_enterprise_share,
    }
}

pub fn sigma_state(plan: &Plan, p: &Project) -> f64 {
    match p.class {
        FundingClass::Market => 0.0,
        FundingClass::Strategic => plan.policy.strategic_min_state_share.unwrap_or(0.0),
    }
}

/// The most state money the plan's cost-category caps allow a project at full scale: the sum of
/// cap x amount over its categories (infinite when the plan sets no cap or the project gives no
/// breakdown).
pub fn state_cap(plan: &Plan, p: &Project) -> f64 {
    let caps = &plan.policy.state_share_caps;
    if caps.is_empty() || p.cost_categories.is_empty() {
        return f64::INFINITY;
    }
    p.cost_categories.iter().map(|(k, amount)| caps.get(k).copied().unwrap_or(1.0) * amount).sum()
}

/// Year shares of a project's cost (even, list of shares or map of amounts).
pub fn phi(p: &Project, plan: &Plan) -> BTreeMap<i32, f64> {
    let start = p.start_year.unwrap_or(plan.years[0]);
    let years: Vec<i32> = (0..p.duration_years as i32).map(|k| start + k).collect();
    match &p.cost_profile {
        None => years.iter().map(|y| (*y, 1.0 / years.len() as f64)).collect(),
        Some(stratfund::CostProfile::Shares(s)) => years.iter().copied().zip(s.iter().copied()).collect(),
        Some(stratfund::CostProfile::Amounts(m)) => {
            years.iter().map(|y| (*y, m.get(y).copied().unwrap_or(0.0) / p.cost)).collect()
        }
    }
}

/// True when the project can be funded at full scale on its own (MODEL.md rules 1-3 and 6).
pub fn fundable_alone(p: &Project, plan: &Plan) -> bool {
    let c = p.cost;
    let tol = 1e-9 * c;
    let r = p.state_request.unwrap_or(c);
    let k = state_cap(plan, p);
    let (sg, ss) = (sigma(plan, p), sigma_state(plan, p));
    let in_plan = phi(p, plan).keys().all(|y| plan.years.contains(y));
    in_plan
        && p.enterprise_commitment >= sg * c - tol
        && ss + sg <= 1.0 + 1e-9
        && r >= ss * c - tol
        && k >= ss * c - tol
        && r.min(c).min(k) + p.enterprise_commitment.min(c) + p.academia_contribution.min(c) >= c - tol
        && !(r > 0.0 && r.min((1.0 - sg) * c).min(k) < plan.min_grant - tol)
}

/// Ids that can be funded: fundable alone, and everything they require (transitively) too.
pub fn eligible_ids(portfolio: &Portfolio, plan: &Plan) -> HashSet<String> {
    let mut ok: HashSet<String> =
        portfolio.projects.iter().filter(|p| fundable_alone(p, plan)).map(|p| p.id.clone()).collect();
    loop {
        let before = ok.len();
        for p in &portfolio.projects {
            if p.requires.iter().any(|q| !ok.contains(q)) {
                ok.remove(&p.id);
            }
        }
        if ok.len() == before {
            return ok;
        }
    }
}

/// Weighted expected value of a funded scale.
pub fn weighted_value(p: &Project, plan: &Plan, scale: f64) -> f64 {
    plan.group_weights.get(&p.group).copied().unwrap_or(1.0) * p.impact * p.success_probability * scale
}

/// Every rule an allocation breaks (empty when it is feasible and consistent).
pub fn violations(portfolio: &Portfolio, plan: &Plan, a: &Allocation) -> Vec<String> {
    let mut v = Vec::new();
    let total: f64 = plan.years.iter().map(|y| plan.state_budget[y]).sum();
    let tol = 1e-6 * total.max(1.0);
    let eligible = eligible_ids(portfolio, plan);
    if a.projects.len() != portfolio.projects.len() {
        v.push(format!("{} projects reported for {}", a.projects.len(), portfolio.projects.len()));
        return v;
    }
    let mut spend: BTreeMap<i32, f64> = plan.years.iter().map(|y| (*y, 0.0)).collect();
    let mut money_in: HashMap<(bool, String), f64> = HashMap::new();
    let mut leads: HashMap<String, usize> = HashMap::new();
    let mut exclusive: HashMap<String, usize> = HashMap::new();
    let mut value = 0.0;
    let mut funded_ids = HashSet::new();
    for (p, x) in portfolio.projects.iter().zip(&a.projects) {
        let id = &p.id;
        if &x.id != id {
            v.push(format!("project order: {} where {} expected", x.id, id));
            continue;
        }
        if !x.funded {
            if x.scale != 0.0
                || x.state != 0.0
                || x.enterprise != 0.0
                || x.academia != 0.0
                || !x.state_by_year.is_empty()
            {
                v.push(format!("{id}: unfunded but reports money"));
            }
            if x.reason.is_none() {
                v.push(format!("{id}: unfunded without a reason"));
            }
            if p.mandatory && a.status != Status::Infeasible {
                v.push(format!("{id}: mandatory but unfunded"));
            }
            continue;
        }
        funded_ids.insert(id.clone());
        if !eligible.contains(id) {
            v.push(format!("{id}: funded but ineligible"));
        }
        let y = x.scale;
        let c = p.cost;
        if p.min_fraction >= 1.0 && y != 1.0 {
            v.push(format!("{id}: all-or-nothing with scale {y}"));
        }
        if y < p.min_fraction - 1e-9 || y > 1.0 + 1e-12 {
            v.push(format!("{id}: scale {y} outside [{}, 1]", p.min_fraction));
        }
        if p.mandatory && (y - 1.0).abs() > 1e-9 {
            v.push(format!("{id}: mandatory with scale {y}"));
        }
        let (s, e, acad) = (x.state, x.enterprise, x.academia);
        let r = p.state_request.unwrap_or(c);
        let checks = [
            ("s+e+a = C y", (s + e + acad - c * y).abs() <= tol),
            ("e >= sigma C y", e >= sigma(plan, p) * c * y - tol),
            ("s >= sigma_state C y", s >= sigma_state(plan, p) * c * y - tol),
            ("e <= E y", e <= p.enterprise_commitment * y + tol),
            ("a <= A y", acad <= p.academia_contribution * y + tol),
            ("s <= R y", s <= r * y + tol),
            ("s <= cost-category caps y", s <= state_cap(plan, p) * y + tol),
            ("non-negative", s >= 0.0 && e >= 0.0 && acad >= 0.0),
            ("min grant", r <= 0.0 || s >= plan.min_grant - tol),
            (
                "expected value",
                (x.expected_value - p.impact * p.success_probability * y).abs()
                    <= 1e-9 * (1.0 + x.expected_value.abs()),
            ),
        ];
        for (name, ok) in checks {
            if !ok {
                v.push(format!("{id}: breaks {name} (y {y}, s {s}, e {e}, a {acad})"));
            }
        }
        let shares = phi(p, plan);
        let by_year_sum: f64 = x.state_by_year.values().sum();
        if (by_year_sum - s).abs() > tol {
            v.push(format!("{id}: state_by_year sums to {by_year_sum}, state is {s}"));
        }
        for (year, share) in &shares {
            let reported = x.state_by_year.get(year).copied().unwrap_or(0.0);
            if (reported - share * s).abs() > tol {
                v.push(format!("{id}: state in {year} is {reported}, profile says {}", share * s));
            }
            *spend.entry(*year).or_default() += reported;
        }
        *money_in.entry((true, p.group.clone())).or_default() += s;
        if let Some(r) = &p.region {
            *money_in.entry((false, r.clone())).or_default() += s;
        }
        if let Some(l) = &p.lead {
            *leads.entry(l.clone()).or_default() += 1;
        }
        if let Some(xg) = &p.exclusive_group {
            *exclusive.entry(xg.clone()).or_default() += 1;
        }
        value += weighted_value(p, plan, y);
    }
    for p in portfolio.projects.iter().filter(|p| funded_ids.contains(&p.id)) {
        for q in &p.requires {
            if !funded_ids.contains(q) {
                v.push(format!("{}: funded but its requirement {q} is not", p.id));
            }
        }
    }
    let mut available_prev: Option<(f64, f64)> = None;
    for year in &plan.years {
        let available = match available_prev {
            None => plan.state_budget[year],
            Some((avail, spent)) => plan.state_budget[year] + plan.carry_over * (avail - spent),
        };
        if spend[year] > available + tol {
            v.push(format!("budget {year}: spends {} of {available}", spend[year]));
        }
        available_prev = Some((available, spend[year]));
    }
    for (is_group, bounds) in [(true, &plan.group_bounds), (false, &plan.region_bounds)] {
        for (name, b) in bounds {
            let money = money_in.get(&(is_group, name.clone())).copied().unwrap_or(0.0);
            let lower = b.min_share.map(|s| s * total).into_iter().chain(b.min).fold(0.0, f64::max);
            let upper = b.max_share.map(|s| s * total).into_iter().chain(b.max).fold(f64::INFINITY, f64::min);
            if money < lower - tol || money > upper + tol {
                v.push(format!("bound {name}: {money} outside [{lower}, {upper}]"));
            }
        }
    }
    if let Some(k) = plan.max_projects_per_lead {
        for (lead, n) in &leads {
            if *n > k as usize {
                v.push(format!("lead {lead}: {n} projects > {k}"));
            }
        }
    }
    for (label, n) in &exclusive {
        if *n > 1 {
            v.push(format!("exclusive {label}: {n} funded"));
        }
    }
    if let Objective::MinStateSpend { min_value, projects } = &plan.objective {
        if let Some(mv) = min_value.filter(|mv| value < mv - 1e-6 * mv.max(1.0)) {
            v.push(format!("value {value} below min_value {mv}"));
        }
        for id in projects {
            if !funded_ids.contains(id) {
                v.push(format!("{id}: required by the objective but unfunded"));
            }
        }
    }
    let state: f64 = a.projects.iter().map(|x| x.state).sum();
    if (a.totals.state - state).abs() > tol || a.totals.funded != funded_ids.len() {
        v.push("totals do not add up".into());
    }
    if plan.objective == Objective::MaxValue {
        if let Some(objective) = a.objective {
            if (objective - value).abs() > 1e-6 * value.max(1.0) {
                v.push(format!("objective {objective} but the projects are worth {value}"));
            }
        }
    }
    v
}

/// The straightforward MILP (or, with `fixed`, the LP for a fixed funded set): per project
/// z, y, s, e, a, with every rule written as in MODEL.md section 3. Returns the optimal objective
/// (weighted value, or state money for `min_state_spend`), or None when infeasible.
pub fn full_model(portfolio: &Portfolio, plan: &Plan, fixed: Option<&HashSet<usize>>) -> Option<f64> {
    full_model_with_extra(portfolio, plan, fixed, &vec![0.0; portfolio.projects.len()])
}

/// [`full_model`] where each project also takes `extra[i]` state money per unit of scale, in the
/// year budgets (spread like its cost), the group and region bounds and the state spend: a
/// robustness scenario's overrun and enterprise shortfall.
///
/// The MILP is solved twice, with and without HiGHS's presolve, and the better optimum is
/// returned: with its presolve, HiGHS 1.15 can stop at a worse point that it calls optimal (seed
/// 322455 of the generator, 30 projects: 109.06 of state money where 108.75 meets the value
/// target, and is found without the presolve), or call a value target at the best value
/// infeasible (seed 106603).
pub fn full_model_with_extra(
    portfolio: &Portfolio,
    plan: &Plan,
    fixed: Option<&HashSet<usize>>,
    extra: &[f64],
) -> Option<f64> {
    let with = full_model_solved(portfolio, plan, fixed, extra, "choose");
    if fixed.is_some() {
        return with;
    }
    let without = full_model_solved(portfolio, plan, fixed, extra, "off");
    let minimise = !matches!(plan.objective, Objective::MaxValue);
    [with, without].into_iter().flatten().reduce(|a, b| if minimise { a.min(b) } else { a.max(b) })
}

fn full_model_solved(
    portfolio: &Portfolio,
    plan: &Plan,
    fixed: Option<&HashSet<usize>>,
    extra: &[f64],
    presolve: &str,
) -> Option<f64> {
    let eligible = eligible_ids(portfolio, plan);
    let mut vars = ProblemVariables::new();
    struct Cols {
        z: Expression,
        y: Variable,
        s: Variable,
        e: Variable,
        a: Variable,
    }
    let total: f64 = plan.years.iter().map(|y| plan.state_budget[y]).sum();
    let mut cols: Vec<Option<Cols>> = Vec::new();
    for (i, p) in portfolio.projects.iter().enumerate() {
        let allowed = eligible.contains(&p.id) && fixed.is_none_or(|f| f.contains(&i));
        if !allowed {
            cols.push(None);
            continue;
        }
        let z: Expression = match fixed {
            Some(_) => 1.0.into(),
            None => vars.add(variable().binary()).into(),
        };
        cols.push(Some(Cols {
            z,
            y: vars.add(variable().min(0.0).max(1.0)),
            s: vars.add(variable().min(0.0)),
            e: vars.add(variable().min(0.0)),
            a: vars.add(variable().min(0.0)),
        }));
    }
    let left: Vec<Variable> = plan.years.iter().map(|_| vars.add(variable().min(0.0))).collect();
    let value: Expression = portfolio
        .projects
        .iter()
        .zip(&cols)
        .filter_map(|(p, c)| c.as_ref().map(|c| weighted_value(p, plan, 1.0) * c.y))
        .sum();
    let state: Expression = cols.iter().zip(extra).filter_map(|(c, x)| c.as_ref().map(|c| c.s + *x * c.y)).sum();
    let minimise = !matches!(plan.objective, Objective::MaxValue);
    let mut model = if minimise { vars.minimise(state) } else { vars.maximise(value.clone()) }
        .using(good_lp::highs)
        .set_mip_rel_gap(1e-9)
        .expect("a valid gap")
        .set_option("mip_abs_gap", 0.0)
        .set_option("presolve", presolve);
    let mut spend: BTreeMap<i32, Expression> = BTreeMap::new();
    let mut money_in: HashMap<(bool, String), Expression> = HashMap::new();
    let mut leads: HashMap<String, Expression> = HashMap::new();
    let mut exclusive: HashMap<String, Expression> = HashMap::new();
    for ((p, c), x) in portfolio.projects.iter().zip(&cols).zip(extra) {
        let Some(c) = c else {
            if p.mandatory {
                return None;
            }
            continue;
        };
        let cost = p.cost;
        let r = p.state_request.unwrap_or(cost);
        model = model
            .with((c.y - p.min_fraction * c.z.clone()).geq(0.0))
            .with((c.y - c.z.clone()).leq(0.0))
            .with((c.s + c.e + c.a - cost * c.y).eq(0.0))
            .with((c.e - sigma(plan, p) * cost * c.y).geq(0.0))
            .with((c.s - sigma_state(plan, p) * cost * c.y).geq(0.0))
            .with((c.e - p.enterprise_commitment * c.y).leq(0.0))
            .with((c.a - p.academia_contribution * c.y).leq(0.0))
            .with((c.s - r * c.y).leq(0.0));
        if state_cap(plan, p).is_finite() {
            model = model.with((c.s - state_cap(plan, p) * c.y).leq(0.0));
        }
        if r > 0.0 {
            model = model.with((c.s - plan.min_grant * c.z.clone()).geq(0.0));
        }
        if p.mandatory {
            model = model.with(Expression::from(c.y).geq(1.0));
        }
        let state_money = c.s + *x * c.y;
        for (year, share) in phi(p, plan) {
            *spend.entry(year).or_default() += share * state_money.clone();
        }
        *money_in.entry((true, p.group.clone())).or_default() += state_money.clone();
        if let Some(reg) = &p.region {
            *money_in.entry((false, reg.clone())).or_default() += state_money;
        }
        if let Some(l) = &p.lead {
            *leads.entry(l.clone()).or_default() += c.z.clone();
        }
        if let Some(x) = &p.exclusive_group {
            *exclusive.entry(x.clone()).or_default() += c.z.clone();
        }
    }
    let index: HashMap<&str, usize> = portfolio.projects.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    for (p, c) in portfolio.projects.iter().zip(&cols) {
        let Some(c) = c else { continue };
        for q in &p.requires {
            match &cols[index[q.as_str()]] {
                Some(cq) => model = model.with((c.z.clone() - cq.z.clone()).leq(0.0)),
                None => return None,
            }
        }
    }
    for (t, year) in plan.years.iter().enumerate() {
        let mut row = spend.remove(year).unwrap_or_default() + left[t];
        if t > 0 {
            row -= plan.carry_over * left[t - 1];
        }
        model = model.with(row.eq(plan.state_budget[year]));
    }
    for (is_group, bounds) in [(true, &plan.group_bounds), (false, &plan.region_bounds)] {
        for (name, b) in bounds {
            let money = money_in.remove(&(is_group, name.clone())).unwrap_or_default();
            for lower in b.min_share.map(|s| s * total).into_iter().chain(b.min) {
                model = model.with(money.clone().geq(lower));
            }
            for upper in b.max_share.map(|s| s * total).into_iter().chain(b.max) {
                model = model.with(money.clone().leq(upper));
            }
        }
    }
    if let Some(k) = plan.max_projects_per_lead {
        for (_, count) in leads {
            model = model.with(count.leq(k as f64));
        }
    }
    for (_, count) in exclusive {
        model = model.with(count.leq(1.0));
    }
    if let Objective::MinStateSpend { min_value, projects } = &plan.objective {
        if let Some(mv) = min_value {
            model = model.with(value.clone().geq(*mv));
        }
        for id in projects {
            match &cols[index[id.as_str()]] {
                // Named projects are funded (z = 1) at any scale they allow (MODEL.md section 4).
                Some(c) => model = model.with(c.z.clone().geq(1.0)),
                None => return None,
            }
        }
    }
    let solution = model.solve().ok()?;
    let objective: f64 = if minimise {
        cols.iter()
            .zip(extra)
            .filter_map(|(c, x)| c.as_ref().map(|c| solution.value(c.s) + x * solution.value(c.y)))
            .sum()
    } else {
        portfolio
            .projects
            .iter()
            .zip(&cols)
            .filter_map(|(p, c)| c.as_ref().map(|c| weighted_value(p, plan, solution.value(c.y))))
            .sum()
    };
    Some(objective)
}
