"""Side-by-side: stratfund vs the straightforward model in highspy and in PuLP + CBC.

The very same generated instances (``sf.demo.generate(n, seed=1)``: 5 years, group bounds, min
grant, carry-over, dependencies, exclusive groups, lead capacity) are solved three ways to a 1e-4
relative gap:

* stratfund: the presolved MILP (one binary per project for most projects) through ``sf.solve``;
* highspy: the four-variables-per-project model of MODEL.md section 3 (s, e, a, z, plus y for
  partial projects), passed to HiGHS as numpy arrays;
* PuLP + CBC: the same model through PuLP's modelling layer.

Times include building each model (what an analyst would wait for), best of ``--repeat`` runs,
all measured in one run of the script. Objectives must agree within the gap. Usage (from the repository root, after ``bash scripts/test.sh`` built the package)::

    .venv/bin/pip install highspy pulp
    .venv/bin/python benches/peers/compare_optimize.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import time
from typing import Dict, List, Optional, Tuple

import numpy as np

import stratfund as sf

GAP = 1e-4
Row = Tuple[float, float, List[Tuple[int, float]]]


def four_variable_model(portfolio: sf.Portfolio, plan: sf.Plan, extra: Optional[Dict[str, float]] = None):
    """Columns (lb, ub, integer, cost) and rows (lower, upper, terms) of the straightforward MILP.

    With ``extra`` (project id -> state money per unit of scale), each project also takes that much
    state money in the year budgets and the bounds: a robustness scenario's overrun and shortfall."""
    p = plan.to_dict()
    years = p["years"]
    budget = [p["state_budget"][str(y)] for y in years]
    total = sum(budget)
    policy = p["policy"]
    ineligible = {i["id"] for i in sf.validate(portfolio, plan).ineligible}
    projects = [q for q in portfolio.projects if q["id"] not in ineligible]
    lb: List[float] = []
    ub: List[float] = []
    integer: List[bool] = []
    cost: List[float] = []
    rows: List[Row] = []
    inf = float("inf")

    def col(lo: float, hi: float, is_int: bool = False, c: float = 0.0) -> int:
        lb.append(lo), ub.append(hi), integer.append(is_int), cost.append(c)
        return len(lb) - 1

    z_of: Dict[str, int] = {}
    spend: List[List[Tuple[int, float]]] = [[] for _ in years]
    money: Dict[Tuple[str, str], List[Tuple[int, float]]] = {}
    leads: Dict[str, List[Tuple[int, float]]] = {}
    excl: Dict[str, List[Tuple[int, float]]] = {}
    for q in projects:
        c = q["cost"]
        sigma = policy["market_min_enterprise_share"] if q["class"] == "market" else policy["strategic_min_enterprise_share"]
        r = q.get("state_request", c)
        weight = p.get("group_weights", {}).get(q["group"], 1.0)
        value = weight * q["impact"] * q["success_probability"]
        mand = 1.0 if q["mandatory"] else 0.0
        z = col(mand, 1.0, True, 0.0 if q["min_fraction"] < 1 else value)
        y = col(mand, 1.0, False, value) if q["min_fraction"] < 1 else z
        s, e, a = col(0, inf), col(0, inf), col(0, inf)
        z_of[q["id"]] = z
        rows.append((c * 0, 0.0, [(s, 1), (e, 1), (a, 1), (y, -c)]))  # s + e + a = C y
        rows.append((0.0, inf, [(e, 1), (y, -sigma * c)]))
        rows.append((-inf, 0.0, [(e, 1), (y, -q["enterprise_commitment"])]))
        rows.append((-inf, 0.0, [(a, 1), (y, -q["academia_contribution"])]))
        rows.append((-inf, 0.0, [(s, 1), (y, -r)]))
        if r > 0 and p["min_grant"] > 0:
            rows.append((0.0, inf, [(s, 1), (z, -p["min_grant"])]))
        if y != z:
            rows.append((0.0, inf, [(y, 1), (z, -q["min_fraction"])]))
            rows.append((-inf, 0.0, [(y, 1), (z, -1)]))
        state = [(s, 1.0)] + ([(y, extra[q["id"]])] if extra else [])
        start = q.get("start_year", years[0])
        for k in range(q["duration_years"]):
            spend[years.index(start + k)].extend((j, w / q["duration_years"]) for j, w in state)
        money.setdefault(("g", q["group"]), []).extend(state)
        if q.get("region"):
            money.setdefault(("r", q["region"]), []).extend(state)
        if q.get("lead"):
            leads.setdefault(q["lead"], []).append((z, 1.0))
        if q.get("exclusive_group"):
            excl.setdefault(q["exclusive_group"], []).append((z, 1.0))
    for q in projects:
        for req in q["requires"]:
            rows.append((-inf, 0.0, [(z_of[q["id"]], 1), (z_of[req], -1)]))
    left = [col(0, inf) for _ in years]
    for t, terms in enumerate(spend):
        extra = [(left[t], 1.0)] + ([(left[t - 1], -p["carry_over"])] if t > 0 else [])
        rows.append((budget[t], budget[t], terms + extra))
    for kind, key in (("g", "group_bounds"), ("r", "region_bounds")):
        for name, b in p.get(key, {}).items():
            lo = max(b.get("min_share", 0) * total, b.get("min", 0))
            hi = min(b.get("max_share", inf) * total, b.get("max", inf))
            rows.append((lo, hi, money.get((kind, name), [])))
    cap = p.get("max_projects_per_lead")
    if cap is not None:
        rows.extend((-inf, float(cap), terms) for terms in leads.values() if len(terms) > cap)
    rows.extend((-inf, 1.0, terms) for terms in excl.values())
    return np.array(lb), np.array(ub), np.array(integer), np.array(cost), rows


def solve_highspy(portfolio: sf.Portfolio, plan: sf.Plan) -> float:
    return highspy_run(portfolio, plan).getInfo().objective_function_value


def highspy_run(portfolio: sf.Portfolio, plan: sf.Plan, extra: Optional[Dict[str, float]] = None):
    """Builds the four-variable model in highspy (numpy arrays) and solves it; returns the solver."""
    import highspy

    lb, ub, integer, cost, rows = four_variable_model(portfolio, plan, extra)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", GAP)
    inf = highspy.kHighsInf
    h.addVars(len(lb), lb, np.minimum(ub, inf))
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    ints = np.flatnonzero(integer).astype(np.int32)
    h.changeColsIntegrality(len(ints), ints, np.full(len(ints), highspy.HighsVarType.kInteger))
    starts, index, value = [], [], []
    for _, _, terms in rows:
        starts.append(len(index))
        index.extend(t[0] for t in terms)
        value.extend(t[1] for t in terms)
    lower = np.array([max(r[0], -inf) for r in rows])
    upper = np.array([min(r[1], inf) for r in rows])
    h.addRows(len(rows), lower, upper, len(index), np.array(starts, dtype=np.int32),
              np.array(index, dtype=np.int32), np.array(value))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    return h


def solve_pulp(portfolio: sf.Portfolio, plan: sf.Plan) -> float:
    import pulp

    lb, ub, integer, cost, rows = four_variable_model(portfolio, plan)
    prob = pulp.LpProblem("four_variable", pulp.LpMaximize)
    x = [
        pulp.LpVariable(f"x{i}", lowBound=lb[i], upBound=None if np.isinf(ub[i]) else ub[i],
                        cat=pulp.LpBinary if integer[i] and lb[i] == 0 else (pulp.LpInteger if integer[i] else pulp.LpContinuous))
        for i in range(len(lb))
    ]
    prob += pulp.lpSum(cost[i] * x[i] for i in np.flatnonzero(cost))
    for lo, hi, terms in rows:
        expr = pulp.lpSum(coef * x[j] for j, coef in terms)
        if lo == hi:
            prob += expr == lo
        else:
            if lo > -np.inf:
                prob += expr >= lo
            if hi < np.inf:
                prob += expr <= hi
    prob.solve(pulp.PULP_CBC_CMD(msg=False, gapRel=GAP))
    return pulp.value(prob.objective)


def timed(fn, *args, repeat: int = 1):
    """The result and the best wall time over ``repeat`` runs (best-of-N, as timeit reports)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return result, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-pulp", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per solver; the best time is kept")
    args = parser.parse_args()
    print(f"{'projects':>8} {'stratfund s':>11} {'highspy s':>10} {'pulp+cbc s':>10} {'highspy/sf':>10} {'pulp/sf':>8}  objectives")
    for n in args.sizes:
        portfolio, plan = sf.demo.generate(projects=n, seed=args.seed)
        allocation, t_sf = timed(lambda: sf.solve(portfolio, plan, mip_rel_gap=GAP), repeat=args.repeat)
        v_sf = allocation.objective
        v_h, t_h = timed(solve_highspy, portfolio, plan, repeat=args.repeat)
        v_p, t_p = (float("nan"), float("nan")) if args.skip_pulp else timed(solve_pulp, portfolio, plan, repeat=args.repeat)
        for name, v in (("highspy", v_h), ("pulp", v_p)):
            if v == v:  # not NaN
                assert abs(v - v_sf) <= 2 * GAP * abs(v_sf), f"{name} objective {v} vs stratfund {v_sf}"
        print(f"{n:>8} {t_sf:>11.2f} {t_h:>10.2f} {t_p:>10.2f} {t_h / t_sf:>10.1f} {t_p / t_sf:>8.1f}  "
              f"sf {v_sf:.2f} highspy {v_h:.2f} pulp {v_p:.2f}")


if __name__ == "__main__":
    main()
