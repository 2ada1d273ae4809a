//! Fixing funding decisions by the LP relaxation's reduced costs, project by project.
//!
//! With the relaxation's optimum `x*` (objective `U`) and its duals, every point `x` that satisfies
//! the rows and the column bounds has, when maximising, `c·x <= U - sum_j d_j (x*_j - x_j)`, where
//! `d` are the reduced costs and each term is non-negative (weak duality; the signs flip when
//! minimising). A project whose funding decision differs from the relaxation's integral one moves
//! its indicator, its scale and its state money together, so its terms add up to a bound on every
//! solution that takes the other decision. HiGHS fixes columns by their own reduced costs one at a
//! time; here a project's columns count together, which is what a partial project needs: its value
//! sits on its scale, and its indicator's reduced cost alone is near 0.
//!
//! When that bound is within the requested gap of a known solution, no solution with the other
//! decision can improve on it by more than the gap, so the decision is fixed, and the MIP that is
//! left (the core) decides only the projects near the relaxation's margin. The core's own bound and
//! the largest bound of a fixed decision's flip together bound the whole model.

use highs_sys::HighsInt;

use super::formulation::{ProjectColumns, State};
use super::solve::Run;

/// What flipping each project's decision would cost at least, from an optimal LP relaxation.
#[derive(Debug, Clone)]
pub(crate) struct Flips {
    /// The relaxation's objective (its bound).
    objective: f64,
    maximise: bool,
    /// Per project: the relaxation's (integral) decision and the least objective a solution with
    /// the other decision loses against it; `None` where the relaxation is fractional.
    losses: Vec<Option<(f64, f64)>>,
}

impl Flips {
    /// The flips of `projects` from `relaxation`, an optimal LP run of the model with its reduced
    /// costs; `maximise` is the model's sense.
    pub(crate) fn new(relaxation: &Run, projects: &[ProjectColumns], maximise: bool) -> Flips {
        let sign = if maximise { 1.0 } else { -1.0 };
        let losses = projects.iter().map(|p| flip_loss(relaxation, p, sign)).collect();
        Flips { objective: relaxation.objective, maximise, losses }
    }

    /// Per project, whether it is among the `count` projects (those the relaxation has integral)
    /// whose decision is cheapest to flip: the smallest losses, ties to the first project.
    pub(crate) fn cheapest(&self, count: usize) -> Vec<bool> {
        let mut integral: Vec<(f64, usize)> =
            self.losses.iter().enumerate().filter_map(|(k, l)| l.map(|(_, loss)| (loss, k))).collect();
        integral.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut cheap = vec![false; self.losses.len()];
        for &(_, k) in integral.iter().take(count) {
            cheap[k] = true;
        }
        cheap
    }

    /// The relaxation's objective: a bound on every solution of the model.
    pub(crate) fn relaxation_bound(&self) -> f64 {
        self.objective
    }

    /// The relaxation's decision on project `k`, when integral.
    pub(crate) fn kept(&self, k: usize) -> Option<f64> {
        self.losses[k].map(|(kept, _)| kept)
    }

    /// The best objective of any solution that flips project `k`'s decision (`None` when the
    /// relaxation is fractional there).
    fn bound(&self, k: usize) -> Option<f64> {
        self.losses[k].map(|(_, loss)| if self.maximise { self.objective - loss } else { self.objective + loss })
    }

    /// Whether flipping project `k` cannot beat `incumbent` by more than `allowed`.
    fn within(&self, k: usize, incumbent: f64, allowed: f64) -> bool {
        let sign = if self.maximise { 1.0 } else { -1.0 };
        self.bound(k).is_some_and(|b| sign * (b - incumbent) <= allowed)
    }
}

/// Decisions that may be fixed, and what the fixing gives up at most.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fixing {
    /// The funding indicators' columns.
    pub columns: Vec<HighsInt>,
    /// The value each is fixed to (0 or 1).
    pub values: Vec<f64>,
    /// The best objective any solution that flips one of them can reach (`None` when none is
    /// fixed).
    flipped: Option<f64>,
    maximise: bool,
}

impl Fixing {
    /// A bound on the whole model from `bound`, one on the model with these decisions fixed: the
    /// weaker of it and the best flip of a fixed decision.
    pub(crate) fn bound_with(&self, bound: f64) -> f64 {
        self.flipped.map_or(bound, |flipped| weaker(self.maximise, bound, flipped))
    }
}

/// The weaker of two bounds: the larger when maximising, the smaller when minimising.
fn weaker(maximise: bool, a: f64, b: f64) -> f64 {
    if maximise {
        a.max(b)
    } else {
        a.min(b)
    }
}

/// The decisions of `projects` that the flips fix against a known solution `point` of objective
/// `incumbent`: those whose flip's bound is within the relative `gap` of `incumbent` and on which
/// `point` agrees with the relaxation.
pub(crate) fn fixing(flips: &Flips, projects: &[ProjectColumns], point: &[f64], incumbent: f64, gap: f64) -> Fixing {
    let allowed = gap * incumbent.abs().max(1e-9);
    let fixed: Vec<usize> = (0..projects.len())
        .filter(|&k| flips.within(k, incumbent, allowed))
        .filter(|&k| flips.kept(k).is_some_and(|kept| (point[projects[k].z] - kept).abs() <= 1e-6))
        .collect();
    Fixing {
        columns: fixed.iter().map(|&k| projects[k].z as HighsInt).collect(),
        values: fixed.iter().filter_map(|&k| flips.kept(k)).collect(),
        flipped: fixed.iter().filter_map(|&k| flips.bound(k)).reduce(|a, b| weaker(flips.maximise, a, b)),
        maximise: flips.maximise,
    }
}

/// The relaxation's (integral) decision on a project and the least objective any solution that
/// takes the other decision loses against the relaxation's; `None` when the relaxation is
/// fractional there.
fn flip_loss(relaxation: &Run, p: &ProjectColumns, sign: f64) -> Option<(f64, f64)> {
    let z = relaxation.columns[p.z];
    let kept = z.round();
    if (z - kept).abs() > 1e-6 {
        return None;
    }
    // The loss of moving column j from the relaxation's value to `to` (non-negative when the
    // duals are feasible).
    let loss = |j: usize, to: f64| sign * relaxation.column_duals[j] * (relaxation.columns[j] - to);
    let mut total = loss(p.z, 1.0 - kept);
    if let Some(y) = p.y {
        // Unfunded: the scale is 0. Funded: it lies in [min_scale, 1] and the loss is linear in it.
        total += if kept == 1.0 { loss(y, 0.0) } else { loss(y, p.min_scale).min(loss(y, 1.0)) };
    }
    if let (State::Column(s), 1.0) = (p.s, kept) {
        // Funded -> unfunded: no state money. Unfunded -> funded: any loss is >= 0.
        total += loss(s, 0.0);
    }
    Some((kept, total.max(0.0)))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::demo::{generate_plan, generate_portfolio, DemoConfig};
    use crate::model::SolverOptions;
    use crate::optimize::formulation::{build, Built, Goal};
    use crate::optimize::instance::Instance;
    use crate::optimize::model_edits::change_bounds;
    use crate::optimize::solve::{run, RunStatus};
    use crate::Catalog;

    fn demo(seed: u64) -> Instance {
        let config = DemoConfig { projects: 300, seed, ..DemoConfig::default() };
        let portfolio = generate_portfolio(&config);
        let plan = generate_plan(&portfolio, &config, 0.45);
        let checked = crate::model::check(&portfolio, &plan, &Catalog::default()).unwrap_or_else(|e| panic!("{e}"));
        Instance::new(&checked)
    }

    fn exact() -> SolverOptions {
        SolverOptions { mip_rel_gap: 1e-9, ..SolverOptions::default() }
    }

    fn relaxation(instance: &Instance, goal: Goal) -> (Run, Vec<ProjectColumns>) {
        let Built { model, projects, .. } = build(instance, goal, true, None).unwrap_or_else(|e| panic!("{e}"));
        let lp = run(model, &exact(), 1.0, projects.len(), &AtomicBool::new(false)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lp.status, RunStatus::Optimal);
        (lp, projects)
    }

    /// The best objective with project `k`'s decision fixed to `to` (None when infeasible).
    fn best_with(instance: &Instance, goal: Goal, k: usize, to: f64) -> Option<f64> {
        let Built { mut model, projects, .. } = build(instance, goal, false, None).unwrap_or_else(|e| panic!("{e}"));
        change_bounds(&mut model, &[projects[k].z as HighsInt], &[to], &[to]).unwrap_or_else(|e| panic!("{e}"));
        let mip = run(model, &exact(), 1.0, projects.len(), &AtomicBool::new(false)).unwrap_or_else(|e| panic!("{e}"));
        match mip.status {
            RunStatus::Optimal => Some(mip.objective),
            RunStatus::Infeasible => None,
            other => panic!("project {k}: {other:?}"),
        }
    }

    /// Projects of each kind (funded or not in the relaxation; all-or-nothing, partial, with a
    /// state-money column) with the largest flip losses: the bounds that fix the most.
    fn probes(relaxation: &Run, projects: &[ProjectColumns], sign: f64) -> Vec<(usize, f64, f64)> {
        let mut kinds: std::collections::BTreeMap<(bool, bool, bool), (usize, f64, f64)> = Default::default();
        for (k, p) in projects.iter().enumerate() {
            let Some((kept, loss)) = flip_loss(relaxation, p, sign) else { continue };
            let kind = (kept == 1.0, p.y.is_some(), matches!(p.s, State::Column(_)));
            if kinds.get(&kind).is_none_or(|&(_, _, best)| loss > best) {
                kinds.insert(kind, (k, kept, loss));
            }
        }
        kinds.into_values().collect()
    }

    /// The flip bound of a project is never beaten by the best solution that takes the other
    /// decision, for the largest losses of each kind of project, maximising value.
    #[test]
    fn no_solution_with_the_other_decision_beats_its_flip_bound() {
        for seed in [1, 5] {
            let instance = demo(seed);
            let goal = Goal::MaxValue { tie_break: 0.0 };
            let (lp, projects) = relaxation(&instance, goal);
            let probes = probes(&lp, &projects, 1.0);
            assert!(probes.len() >= 3, "seed {seed}: {} kinds of projects", probes.len());
            assert!(probes.iter().any(|&(_, _, loss)| loss > 1e-3 * lp.objective), "seed {seed}: no loss that fixes");
            for (k, kept, loss) in probes {
                let bound = lp.objective - loss;
                if let Some(best) = best_with(&instance, goal, k, 1.0 - kept) {
                    assert!(best <= bound + 1e-6 * bound.abs(), "seed {seed}, project {k}: {best} above {bound}");
                }
            }
        }
    }

    /// The same when minimising state money for a value target: the flip bound is a lower bound.
    #[test]
    fn no_solution_with_the_other_decision_undercuts_its_flip_bound_when_minimising() {
        let mut instance = demo(1);
        let (full, _) = relaxation(&instance, Goal::MaxValue { tie_break: 0.0 });
        instance.min_value = Some(0.6 * full.objective);
        let (lp, projects) = relaxation(&instance, Goal::MinState);
        let probes = probes(&lp, &projects, -1.0);
        assert!(probes.iter().any(|&(_, _, loss)| loss > 1e-3 * lp.objective), "no loss that fixes");
        for (k, kept, loss) in probes {
            let bound = lp.objective + loss;
            if let Some(best) = best_with(&instance, Goal::MinState, k, 1.0 - kept) {
                assert!(best >= bound - 1e-6 * bound.abs(), "project {k}: {best} below {bound}");
            }
        }
    }

    /// Fixing keeps every decision of the known point free where it differs from the relaxation,
    /// and its bound is the largest flip bound it fixed, within the gap of the incumbent.
    #[test]
    fn fixes_only_flips_within_the_gap_and_where_the_point_agrees() {
        let instance = demo(1);
        let (lp, projects) = relaxation(&instance, Goal::MaxValue { tie_break: 0.0 });
        let mut point = lp.columns.clone();
        for p in &projects {
            point[p.z] = point[p.z].round();
        }
        let disagree = projects.iter().position(|p| flip_loss(&lp, p, 1.0).is_some_and(|(_, loss)| loss > 0.0));
        let disagree = disagree.unwrap_or_else(|| panic!("no project with a loss"));
        point[projects[disagree].z] = 1.0 - point[projects[disagree].z];
        let incumbent = 0.999 * lp.objective;
        let fixed = fixing(&Flips::new(&lp, &projects, true), &projects, &point, incumbent, 1e-4);
        assert!(!fixed.columns.is_empty() && fixed.columns.len() < projects.len());
        assert!(!fixed.columns.contains(&(projects[disagree].z as HighsInt)));
        let bound = fixed.flipped.unwrap_or_else(|| panic!("a bound"));
        assert_eq!(fixed.bound_with(f64::NEG_INFINITY), bound);
        assert!(bound <= incumbent * (1.0 + 1e-4) + 1e-9);
        for (&column, &value) in fixed.columns.iter().zip(&fixed.values) {
            assert_eq!(value, lp.columns[column as usize].round());
        }
    }

    /// The margin holds the asked number of the relaxation's integral decisions, none cheaper to
    /// flip outside it than inside, and no fractional one (those are free anyway).
    #[test]
    fn the_margin_is_the_cheapest_flips() {
        let instance = demo(1);
        let (lp, projects) = relaxation(&instance, Goal::MaxValue { tie_break: 0.0 });
        let flips = Flips::new(&lp, &projects, true);
        let cheap = flips.cheapest(40);
        assert_eq!(cheap.iter().filter(|&&c| c).count(), 40);
        let loss = |k: usize| flips.losses[k].map(|(_, loss)| loss);
        let inside = (0..projects.len()).filter(|&k| cheap[k]).map(|k| loss(k).unwrap_or_else(|| panic!("{k}")));
        let outside = (0..projects.len()).filter(|&k| !cheap[k]).filter_map(loss);
        let (most, least) = (inside.fold(f64::MIN, f64::max), outside.fold(f64::MAX, f64::min));
        assert!(most <= least, "{most} inside the margin, {least} outside");
        assert!(flips.cheapest(projects.len() + 1).iter().zip(&flips.losses).all(|(&c, l)| c == l.is_some()));
    }
}
