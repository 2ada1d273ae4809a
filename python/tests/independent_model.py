"""MODEL.md's allocation problem written again from the contract alone, in highspy.

This is the reference the independent tests (``test_independent.py``) check stratfund against:
the full four-variables-per-project model of section 3 (no presolve), the eligibility rules of
section 9 and an elastic copy for infeasible plans; and, beyond the contract, the plan's caps on
the state share by cost category (``policy.state_share_caps``, README "Cost-category caps"). It shares no code with the Rust core.
"""

from __future__ import annotations

import math
from typing import Dict, List, Optional

import highspy

INF = highspy.kHighsInf


def enterprise_share(project: dict, policy: dict) -> float:
    """sigma_class: the least enterprise share of the project's funding class."""
    key = "market_min_enterprise_share" if project["class"] == "market" else "strategic_min_enterprise_share"
    return policy[key]


def state_share(project: dict, policy: dict) -> Optional[float]:
    """sigma_state, which applies to strategic projects only."""
    return policy.get("strategic_min_state_share") if project["class"] == "strategic" else None


def state_cap(project: dict, policy: dict) -> float:
    """The most state money the plan's cost-category caps allow at full scale (inf without caps
    or without a breakdown): the sum of cap x amount over the project's ``cost_categories``."""
    caps, categories = policy.get("state_share_caps") or {}, project.get("cost_categories") or {}
    if not caps or not categories:
        return math.inf
    return sum(caps.get(name, 1.0) * amount for name, amount in categories.items())


def years_of(project: dict, plan: dict) -> List[int]:
    start = project.get("start_year", plan["years"][0])
    return list(range(start, start + project.get("duration_years", 1)))


def profile(project: dict, plan: dict) -> Dict[int, float]:
    """phi: the share of the project's cost in each year."""
    years = years_of(project, plan)
    given = project.get("cost_profile")
    if given is None:
        return {y: 1.0 / len(years) for y in years}
    if isinstance(given, list):
        return dict(zip(years, given))
    return {int(y): amount / project["cost"] for y, amount in given.items()}


def min_grant(project: dict, plan: dict) -> float:
    """Rule 6's m for this project: 0 for a re-plan's remainders (the plan's ``min_grant_exempt``)."""
    return 0.0 if project["id"] in plan.get("min_grant_exempt", []) else plan.get("min_grant", 0.0)


def broken_rules(project: dict, plan: dict) -> List[str]:
    """The eligibility rules of MODEL.md section 9 the project breaks, in the contract's order."""
    policy = plan["policy"]
    cost = project["cost"]
    e = project.get("enterprise_commitment", 0.0)
    a = project.get("academia_contribution", 0.0)
    r = project.get("state_request", cost)
    sigma, sigma_state = enterprise_share(project, policy), state_share(project, policy)
    cap = state_cap(project, policy)
    tol = 1e-9 * cost
    checks = [
        ("schedule_outside_plan", any(y not in plan["years"] for y in years_of(project, plan))),
        ("enterprise_commitment_below_share", e < sigma * cost - tol),
        ("state_share_conflict", sigma_state is not None and sigma_state + sigma > 1),
        ("state_request_below_state_share", sigma_state is not None and r < sigma_state * cost - tol),
        ("state_caps_below_state_share", sigma_state is not None and cap < sigma_state * cost - tol),
        ("financing_below_cost", min(r, cost, cap) + min(e, cost) + min(a, cost) < cost - tol),
        ("below_min_grant", r > 0 and min(r, (1 - sigma) * cost, cap) < min_grant(project, plan) - tol),
    ]
    return [rule for rule, broken in checks if broken]


def ineligible(portfolio: dict, plan: dict, given: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """Each ineligible or unfundable project and its rule (``dependency:<id>`` for a requirement).

    ``given`` (a scenario's exclusions) and the plan's ``excluded`` come first, as rule ``excluded``.
    """
    rules = {pid: "excluded" for pid in plan.get("excluded", {})}
    rules.update(given or {})
    for p in portfolio["projects"]:
        broken = broken_rules(p, plan)
        if broken and p["id"] not in rules:
            rules[p["id"]] = broken[0]
    changed = True
    while changed:
        changed = False
        for p in portfolio["projects"]:
            blocked = [q for q in p.get("requires", []) if q in rules]
            if p["id"] not in rules and blocked:
                rules[p["id"]] = f"dependency:{blocked[0]}"
                changed = True
    return rules


def bound_limits(bounds: dict, total_budget: float):
    """The least and most state money a group or region bound allows (shares and amounts both apply)."""
    low = max(bounds.get("min_share", 0.0) * total_budget, bounds.get("min", 0.0))
    high = min(bounds.get("max_share", math.inf) * total_budget, bounds.get("max", math.inf))
    return low, high


class Model:
    """The four-variable model of MODEL.md section 3 over the given eligible projects.

    Under ``min_state_spend`` the plan's ``min_value`` is a row of the model (label ``min_value``).
    ``relax`` raises right-hand sides by the labelled amounts (MODEL.md section 9's labels);
    ``elastic`` adds a slack per relaxable row instead (money and counts kept apart); ``scales``
    fixes each project's y.
    """

    def __init__(self, portfolio, plan, eligible, *, integral=True, relax=None, elastic=False, scales=None):
        self.plan, self.relax, self.elastic = plan, relax or {}, elastic
        self.by_id = {p["id"]: p for p in portfolio["projects"]}
        self.eligible = list(eligible)
        self.h = highspy.Highs()
        self.h.silent()
        self.h.setOptionValue("mip_rel_gap", 1e-9)
        self.h.setOptionValue("mip_abs_gap", 1e-9)
        self.money: Dict[str, object] = {}
        self.counts: Dict[str, object] = {}
        self.x = {pid: self._project(self.by_id[pid], integral, scales) for pid in self.eligible}
        for pid in self.eligible:
            for q in self.by_id[pid].get("requires", []):
                self.h.addConstr(self.x[pid]["z"] - self.x[q]["z"] <= 0)
        self._budgets()
        self._bounds("group_bounds", "group", "group")
        self._bounds("region_bounds", "region", "region")
        self._counts("exclusive_group", "exclusive", 1)
        self._counts("lead", "lead_capacity", plan.get("max_projects_per_lead"))
        objective = plan.get("objective", {})
        if objective.get("kind") == "min_state_spend" and objective.get("min_value") is not None:
            self.require_value(objective["min_value"])  # the value target, relaxable as `min_value`

    def _project(self, p, integral, scales):
        h, cost, policy = self.h, p["cost"], self.plan["policy"]
        kind = highspy.HighsVarType.kInteger if integral else highspy.HighsVarType.kContinuous
        x = {"z": h.addVariable(0, 1, type=kind), "y": h.addVariable(0, 1)}
        x.update({house: h.addVariable(0, INF) for house in ("s", "e", "a")})
        fraction = p.get("min_fraction", 1.0)
        h.addConstr(x["y"] - x["z"] <= 0)
        h.addConstr(x["y"] - min(fraction, 1.0) * x["z"] >= 0)
        h.addConstr(x["s"] + x["e"] + x["a"] - cost * x["y"] == 0)
        h.addConstr(x["e"] - enterprise_share(p, policy) * cost * x["y"] >= 0)
        if state_share(p, policy) is not None:
            h.addConstr(x["s"] - state_share(p, policy) * cost * x["y"] >= 0)
        h.addConstr(x["e"] - p.get("enterprise_commitment", 0.0) * x["y"] <= 0)
        h.addConstr(x["a"] - p.get("academia_contribution", 0.0) * x["y"] <= 0)
        h.addConstr(x["s"] - p.get("state_request", cost) * x["y"] <= 0)
        if math.isfinite(state_cap(p, policy)):
            h.addConstr(x["s"] - state_cap(p, policy) * x["y"] <= 0)
        if p.get("state_request", cost) > 0 and min_grant(p, self.plan) > 0:
            h.addConstr(x["s"] - min_grant(p, self.plan) * x["z"] >= 0)
        if p.get("mandatory"):
            h.addConstr(x["y"] == 1)
        if scales is not None:
            h.addConstr(x["y"] == scales[p["id"]])
        return x

    def _slack(self, label, kind):
        integer = highspy.HighsVarType.kInteger if kind == "count" else highspy.HighsVarType.kContinuous
        var = self.h.addVariable(0, INF, type=integer)
        (self.counts if kind == "count" else self.money)[label] = var
        return var

    def _budgets(self):
        """Rule 4 with carry-over: available_t = B_t + c (available_{t-1} - spend_{t-1})."""
        h, c, previous = self.h, self.plan.get("carry_over", 0.0), None
        for year in self.plan["years"]:
            spend, available = h.addVariable(-INF, INF), h.addVariable(-INF, INF)
            terms = [profile(self.by_id[p], self.plan).get(year, 0.0) * self.x[p]["s"] for p in self.eligible]
            terms = [t for t in terms if not isinstance(t, float)]
            h.addConstr(spend - sum(terms) == 0 if terms else spend == 0)
            rhs = self.plan["state_budget"][str(year)] + self.relax.get(f"budget_{year}", 0.0)
            lhs = available if previous is None else available - c * previous[0] + c * previous[1]
            if self.elastic:
                lhs = lhs - self._slack(f"budget_{year}", "money")
            h.addConstr(lhs == rhs)
            h.addConstr(spend - available <= 0)
            previous = (available, spend)

    def _bounds(self, key, field, tag):
        total_budget = sum(self.plan["state_budget"].values())
        for name, bounds in self.plan.get(key, {}).items():
            state = sum(self.x[p]["s"] for p in self.eligible if self.by_id[p].get(field) == name)
            low, high = bound_limits(bounds, total_budget)
            if "min" in bounds or "min_share" in bounds:
                self._row(state, f"{tag}_min:{name}", low - self.relax.get(f"{tag}_min:{name}", 0.0), 1)
            if high < math.inf:
                self._row(state, f"{tag}_max:{name}", high + self.relax.get(f"{tag}_max:{name}", 0.0), -1)

    def _row(self, state, label, rhs, sign, slack=True):
        """sign * state >= sign * rhs, with an elastic slack when asked; an empty sum is a constant."""
        expr = state + (sign * self._slack(label, "money") if self.elastic and slack else 0.0)
        if isinstance(expr, (int, float)):
            if sign * expr < sign * rhs - 1e-9:
                self.h.addConstr(self.h.addVariable(0, 0) >= 1)  # an infeasible row
            return
        self.h.addConstr(expr >= rhs if sign > 0 else expr <= rhs)

    def _counts(self, field, tag, cap):
        if cap is None:
            return
        labels: Dict[str, list] = {}
        for p in self.eligible:
            if self.by_id[p].get(field) is not None:
                labels.setdefault(self.by_id[p][field], []).append(p)
        for name, members in labels.items():
            count = sum(self.x[p]["z"] for p in members)
            if self.elastic:
                count = count - self._slack(f"{tag}:{name}", "count")
            self.h.addConstr(count <= cap + self.relax.get(f"{tag}:{name}", 0.0))

    def value(self):
        weights = self.plan.get("group_weights", {})
        terms = [
            weights.get(self.by_id[p]["group"], 1.0) * self.by_id[p]["impact"]
            * self.by_id[p].get("success_probability", 1.0) * self.x[p]["y"]
            for p in self.eligible
        ]
        return sum(terms, 0.0)

    def state(self):
        return sum((self.x[p]["s"] for p in self.eligible), 0.0)

    def require_value(self, least: float) -> None:
        value = self.value()
        if self.elastic:
            value = value + self._slack("min_value", "money")
        self._row(value, "min_value", least - self.relax.get("min_value", 0.0), 1, slack=False)

    def optimize(self, expr, sense: str) -> Optional[float]:
        """The optimum of ``expr`` (None when infeasible)."""
        if isinstance(expr, (int, float)):
            expr = self.h.addVariable(expr, expr)
        (self.h.maximize if sense == "max" else self.h.minimize)(expr)
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return self.h.getInfo().objective_function_value
