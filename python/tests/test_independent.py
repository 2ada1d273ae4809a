"""stratfund checked against MODEL.md written again in highspy (``independent_model.py``).

Random instances use every rule of the contract (partial projects, profiles as shares and as
amounts, carry-over, share and amount bounds on groups and regions, weights, min grant, state
share, mandatory projects, requirements, exclusive groups, lead capacity, both objectives).
Each allocation is checked rule by rule, its value against the independent optimum, its state
money against the least the same value needs, its ineligible list and its reasons; shadow prices
against finite differences of the independent LP relaxation; infeasible plans against an
independent elastic model; frontier levels, policy-sweep points and scenarios against independent
solves of their inputs (and their entry levels, entering and leaving projects against those solves'
funded sets).
"""

from __future__ import annotations

import collections
import copy
import json
import math
import random

import independent_model as im
import pytest

import stratfund as sf

# Random plans bound groups and regions that no project of the instance is in: the notes about
# them (sf.InputWarning) are expected here, and tested in test_foundation.py.
pytestmark = pytest.mark.filterwarnings("ignore::stratfund.InputWarning")

GROUPS = ["ai_twin_xr", "blockchain", "semiconductors", "cybersecurity", "biotech"]
GAP = 1e-4


def _project(rng, i, years, groups, ids):
    cost = round(rng.uniform(5, 120), 1)
    p = {"id": f"P{i:02d}", "group": rng.choice(groups), "class": rng.choice(["market", "strategic"]),
         "cost": cost, "impact": round(rng.uniform(0, 100), 1)}
    if rng.random() < 0.9:
        p["start_year"] = rng.choice(years)
        last = years[-1] if rng.random() < 0.9 else years[-1] + 2  # sometimes past the plan's years
        p["duration_years"] = rng.randint(1, last - p["start_year"] + 1)
    if p.get("duration_years", 1) > 1 and rng.random() < 0.4:
        weights = [rng.uniform(0.1, 1) for _ in range(p["duration_years"])]
        shares = [w / sum(weights) for w in weights]
        if rng.random() < 0.5:
            p["cost_profile"] = shares[:-1] + [1 - sum(shares[:-1])]
        else:
            amounts = [round(cost * s, 3) for s in shares[:-1]]
            amounts.append(round(cost - sum(amounts), 6))
            p["cost_profile"] = {str(p["start_year"] + k): a for k, a in enumerate(amounts)}
    share = 0.5 if p["class"] == "market" else 0.2
    optional = {
        "enterprise_commitment": (0.9, lambda: round(cost * rng.uniform(0.9 * share, min(1.0, share + 0.5)), 2)),
        "academia_contribution": (0.6, lambda: round(cost * rng.uniform(0, 0.3), 2)),
        "state_request": (0.7, lambda: round(cost * rng.choice([0, rng.uniform(0.05, 1.1), rng.uniform(0.5, 1)]), 2)),
        "success_probability": (0.6, lambda: round(rng.uniform(0.2, 1), 2)),
        "min_fraction": (0.3, lambda: round(rng.uniform(0.2, 0.9), 2)),
        "mandatory": (0.03, lambda: True),
        "requires": (0.15 if ids else 0.0, lambda: [rng.choice(ids)]),
        "exclusive_group": (0.2, lambda: rng.choice(["X", "Y"])),
        "lead": (0.7, lambda: rng.choice(["L1", "L2", "L3"])),
        "region": (0.7, lambda: rng.choice(["North", "South"])),
    }
    for field, (chance, draw) in optional.items():
        if rng.random() < chance:
            p[field] = draw()
    return p


def _bounds(rng, total):
    kind = rng.random()
    if kind < 0.3:
        return {"min_share": round(rng.uniform(0, 0.2), 3)}
    if kind < 0.6:
        return {"max_share": round(rng.uniform(0.05, 0.5), 3)}
    if kind < 0.8:
        return {"min": round(rng.uniform(0, 0.15) * total, 1)}
    return {"max": round(rng.uniform(0.05, 0.4) * total, 1), "max_share": round(rng.uniform(0.05, 0.5), 3)}


def instance(seed, most_projects=25, caps=False):
    """A random portfolio and plan (dicts, as FORMATS.md writes them); with ``caps``, most costs
    broken down by category and the plan capping the state's share of each (drawn apart, so that
    a seed's instance is otherwise the same)."""
    rng = random.Random(seed)
    years = list(range(2026, 2026 + rng.randint(1, 4)))
    groups = rng.sample(GROUPS, rng.randint(1, 4))
    projects = []
    for i in range(rng.randint(5, most_projects)):
        projects.append(_project(rng, i, years, groups, [p["id"] for p in projects]))
    budget = {str(y): round(rng.uniform(50, 300), 1) for y in years}
    total = sum(budget.values())
    policy = {"market_min_enterprise_share": rng.choice([0.5, 0.4, 0.6]),
              "strategic_min_enterprise_share": rng.choice([0.2, 0.1, 0.3])}
    if rng.random() < 0.25:
        policy["strategic_min_state_share"] = rng.choice([0.3, 0.5, 0.85])
    plan = {"years": years, "state_budget": budget, "carry_over": rng.choice([0.0, 0.5, 1.0]),
            "min_grant": rng.choice([0.0, 2.0, 5.0, 10.0]), "policy": policy, "solver": {"mip_rel_gap": GAP},
            "group_bounds": {g: _bounds(rng, total) for g in groups if rng.random() < 0.35},
            "region_bounds": {r: _bounds(rng, total) for r in ["North", "South"] if rng.random() < 0.15},
            "group_weights": {g: round(rng.uniform(0, 2), 2) for g in groups if rng.random() < 0.25}}
    if rng.random() < 0.4:
        plan["max_projects_per_lead"] = rng.randint(1, 4)
    if caps:
        _add_caps(random.Random(seed + 7_000_001), projects, plan)
    return {"projects": projects}, plan


def _add_caps(rng, projects, plan):
    """Cost categories on most projects and caps around the National Product Programme's."""
    plan["policy"]["state_share_caps"] = {"research": 1.0, "technology_completion": round(rng.uniform(0.3, 0.8), 2),
                                          "pilot_materials": round(rng.uniform(0.1, 0.4), 2)}
    for p in projects:
        if rng.random() < 0.85:
            research = round(p["cost"] * rng.uniform(0.05, 0.6), 2)
            completion = round((p["cost"] - research) * rng.uniform(0, 1), 2)
            p["cost_categories"] = {"research": research, "technology_completion": completion,
                                    "pilot_materials": round(p["cost"] - research - completion, 6)}


def solvable(seeds, **kwargs):
    """Instances whose mandatory projects are all eligible (otherwise `solve` refuses them)."""
    for seed in seeds:
        portfolio, plan = instance(seed, **kwargs)
        rules = im.ineligible(portfolio, plan)
        if not any(p.get("mandatory") and p["id"] in rules for p in portfolio["projects"]):
            yield seed, portfolio, plan


def allocation_of(result) -> dict:
    return json.loads(result.to_json())


def independent_optimum(portfolio, plan, rules):
    """The better of two runs, with and without HiGHS's presolve: with it, highspy 1.16 can stop at
    a worse point that it calls optimal (seed 200942 of this generator with ``most_projects=60``:
    518.161 where 562.842 is feasible; highspy 1.15.1, and 1.16 without the presolve, find
    562.842)."""
    eligible = [p["id"] for p in portfolio["projects"] if p["id"] not in rules]
    minimise = plan.get("objective", {}).get("kind") == "min_state_spend"
    optima = []
    for presolve in ("choose", "off"):
        model = im.Model(portfolio, plan, eligible)
        model.h.setOptionValue("presolve", presolve)
        optima.append(model.optimize(model.state(), "min") if minimise else model.optimize(model.value(), "max"))
    found = [o for o in optima if o is not None]
    if not found:
        return None
    return min(found) if minimise else max(found)


class Checker:
    """Every rule of one allocation, with the contract's tolerance (1e-6 of sum_t B_t)."""

    def __init__(self, portfolio, plan, allocation, rules):
        self.portfolio, self.plan, self.allocation, self.rules = portfolio, plan, allocation, rules
        self.by_id = {p["id"]: p for p in portfolio["projects"]}
        self.rows = {r["id"]: r for r in allocation["projects"]}
        self.eligible = [p["id"] for p in portfolio["projects"] if p["id"] not in rules]
        self.tol = 1e-6 * sum(plan["state_budget"].values())

    def ineligible_list(self):
        assert {x["id"]: x["rule"] for x in self.allocation["ineligible"]} == self.rules
        assert sorted(self.rows) == sorted(self.by_id) and len(self.rows) == len(self.allocation["projects"])
        for pid, rule in self.rules.items():
            assert not self.rows[pid]["funded"] and self.rows[pid]["reason"] == f"ineligible:{rule}"

    def project_rules(self):
        policy, tol = self.plan["policy"], self.tol
        for pid in self.eligible:
            p, r = self.by_id[pid], self.rows[pid]
            y, s, e, a, cost = r["scale"], r["state"], r["enterprise"], r["academia"], p["cost"]
            if not r["funded"]:
                assert (y, s, e, a) == (0, 0, 0, 0) and r["reason"], pid
                continue
            assert p.get("min_fraction", 1.0) - 1e-9 <= y <= 1 and (y == 1 or p.get("min_fraction", 1.0) < 1), pid
            assert abs(s + e + a - cost * y) <= tol, pid
            assert e >= im.enterprise_share(p, policy) * cost * y - tol, pid
            assert im.state_share(p, policy) is None or s >= im.state_share(p, policy) * cost * y - tol, pid
            assert e <= p.get("enterprise_commitment", 0) * y + tol and a <= p.get("academia_contribution", 0) * y + tol
            assert s <= p.get("state_request", cost) * y + tol, pid
            assert s <= im.state_cap(p, policy) * y + tol, pid
            assert p.get("state_request", cost) == 0 or s >= im.min_grant(p, self.plan) - tol, pid
            assert all(self.rows[q]["funded"] for q in p.get("requires", [])), pid
            phi = im.profile(p, self.plan)
            by_year = {int(k): v for k, v in r["state_by_year"].items()}
            assert all(abs(by_year.get(t, 0.0) - share * s) <= tol for t, share in phi.items()), pid
            assert set(by_year) <= set(im.years_of(p, self.plan)), pid
        for pid in self.eligible:
            assert not self.by_id[pid].get("mandatory") or self.rows[pid]["scale"] == 1, pid

    def plan_rules(self):
        plan, tol, available, spent = self.plan, self.tol, None, 0.0
        for year in plan["years"]:
            budget = plan["state_budget"][str(year)]
            available = budget if available is None else budget + plan.get("carry_over", 0.0) * (available - spent)
            spent = sum(self.rows[p]["state_by_year"].get(str(year), 0.0) for p in self.eligible)
            assert spent <= available + tol, year
            row = self.allocation["by_year"][str(year)]
            assert row["budget"] == budget and abs(row["available"] - available) <= tol
            assert abs(row["state"] - spent) <= tol
        total = sum(plan["state_budget"].values())
        for key, field in (("group_bounds", "group"), ("region_bounds", "region")):
            for name, bounds in plan.get(key, {}).items():
                state = sum(self.rows[p]["state"] for p in self.eligible if self.by_id[p].get(field) == name)
                low, high = im.bound_limits(bounds, total)
                assert low - tol <= state <= high + tol, (key, name)
        for field, cap in (("exclusive_group", 1), ("lead", plan.get("max_projects_per_lead", math.inf))):
            counts = {}
            for p in self.eligible:
                if self.rows[p]["funded"] and self.by_id[p].get(field) is not None:
                    counts[self.by_id[p][field]] = counts.get(self.by_id[p][field], 0) + 1
            assert all(n <= cap for n in counts.values()), field

    def reasons(self):
        """Each unfunded eligible project's reason is the first of the README's order that holds.

        Exclusive (the label's first funded project), dependency (the first unfunded requirement),
        lead capacity, group or region maximum (its least state money, at its smallest scale and
        with the minimum grant, exceeds the room the funded projects leave), minimum grant (the
        least state money without the grant fits every year's room, with it not), else budget.
        A bound or a year's room within a few tolerances of the need may round either way."""
        total = sum(self.plan["state_budget"].values())
        tol = 1e-9 * max(total, 1.0)
        funded = [q for q in self.eligible if self.rows[q]["funded"]]
        room = {}
        for key, field in (("group_bounds", "group"), ("region_bounds", "region")):
            for name, bounds in self.plan.get(key, {}).items():
                high = im.bound_limits(bounds, total)[1]
                used = sum(self.rows[q]["state"] for q in funded if self.by_id[q].get(field) == name)
                room[(field, name)] = high - used
        year_room = {int(y): row["available"] - row["state"] for y, row in self.allocation["by_year"].items()}
        for pid in self.eligible:
            if self.rows[pid]["funded"]:
                continue
            expected, borderline = self._reason(pid, funded, room, year_room, tol)
            reason = self.rows[pid]["reason"]
            assert reason == expected or reason in borderline, (pid, reason, expected, borderline)

    def _reason(self, pid, funded, room, year_room, tol):
        """The expected reason and the reasons a borderline comparison may give instead."""
        p, policy = self.by_id[pid], self.plan["policy"]
        label = p.get("exclusive_group")
        holders = [q for q in funded if label is not None and self.by_id[q].get("exclusive_group") == label]
        if holders:
            return f"exclusive:{holders[0]}", set()
        unfunded = [q for q in p.get("requires", []) if not self.rows[q]["funded"]]
        if unfunded:
            return f"dependency:{unfunded[0]}", set()
        cap = self.plan.get("max_projects_per_lead")
        if cap is not None and p.get("lead") is not None:
            if sum(1 for q in funded if self.by_id[q].get("lead") == p["lead"]) >= cap:
                return f"lead_capacity:{p['lead']}", set()
        cost = p["cost"]
        least = max(cost - p.get("enterprise_commitment", 0.0) - p.get("academia_contribution", 0.0),
                    (im.state_share(p, policy) or 0.0) * cost, 0.0) * p.get("min_fraction", 1.0)
        grant = im.min_grant(p, self.plan) if p.get("state_request", cost) > 0 else 0.0
        need = max(least, grant)
        near = set()
        for field in ("group", "region"):
            left = room.get((field, p.get(field)))
            if left is None:
                continue
            code = f"{field}_bound:{p[field]}"
            if abs(need - left) <= 10 * tol + 1e-9 * need:
                near.add(code)
            elif need > left:
                return code, near
        shares = im.profile(p, self.plan)
        margins = lambda amount: [year_room.get(y, 0.0) - s * amount for y, s in shares.items() if s > 0]
        if any(abs(m) <= 10 * tol + 1e-9 * need for m in margins(least) + margins(need)):
            near.update({"min_grant", "budget"})
        if grant > least and all(m >= 0 for m in margins(least)) and any(m < 0 for m in margins(need)):
            return "min_grant", near
        return "budget", near

    def value(self):
        weights = self.plan.get("group_weights", {})
        return sum(
            weights.get(self.by_id[p]["group"], 1.0) * self.by_id[p]["impact"]
            * self.by_id[p].get("success_probability", 1.0) * self.rows[p]["scale"]
            for p in self.eligible
        )

    def state(self):
        return sum(self.rows[p]["state"] for p in self.eligible)

    def least_state_for(self, value=None, scales=None):
        """The least state money an allocation worth ``value`` (or with these scales) needs.

        With the scales of an allocation that fills a budget to within the contract's tolerance
        (seed 11211 of this generator overshoots a budget of 243.9 by 1.9e-6), the exact model has
        no split: the budgets then take that tolerance, as the allocation may. HiGHS's presolve
        can call a value target at the best value infeasible (seed 12222): it is then solved
        without the presolve. The plan's value target takes the tolerance the check of the value
        allows (seed 18976 falls 1.7e-6 short of 422.387)."""
        target = self.plan.get("objective", {}).get("min_value") or 0.0
        for ease in (0.0, self.tol):
            for presolve in ("choose", "off"):
                relax = {f"budget_{year}": ease for year in self.plan["years"]}
                relax["min_value"] = 1e-7 * abs(target) if ease else 0.0
                model = im.Model(self.portfolio, self.plan, self.eligible, scales=scales, relax=relax)
                model.h.setOptionValue("presolve", presolve)
                if value is not None:
                    model.require_value(value)
                least = model.optimize(model.state(), "min")
                if least is not None:
                    return least
        return None


def check_allocation(portfolio, plan, allocation, rules):
    checker = Checker(portfolio, plan, allocation, rules)
    checker.ineligible_list()
    optimum = independent_optimum(portfolio, plan, rules)
    if optimum is None:
        assert allocation["status"] == "infeasible" and allocation["explanation"]
        return "infeasible"
    assert allocation["status"] == "optimal"
    checker.project_rules()
    checker.plan_rules()
    checker.reasons()
    value, state = checker.value(), checker.state()
    scales = {p: checker.rows[p]["scale"] for p in checker.eligible}
    assert state <= checker.least_state_for(scales=scales) + checker.tol, "the split is not the least state money"
    assert abs(allocation["totals"]["state"] - state) <= checker.tol
    if plan.get("objective", {}).get("kind") == "min_state_spend":
        # HiGHS meets the value row to its feasibility tolerance (1e-7 on the scaled row): seed 10444
        # of this generator falls 4.3e-8 short. The contract allows 1e-6 of the budget.
        assert value >= plan["objective"]["min_value"] * (1 - 1e-7)
        assert state <= optimum * (1 + GAP) + 1e-6
        return "min_state_spend"
    assert allocation["objective"] == pytest.approx(value, rel=1e-9, abs=1e-9)
    assert value >= optimum * (1 - GAP) - 1e-9
    # The least state money for the same value (or the optimum, if the allocation's value is above
    # it by the contract's tolerance). Not a value a little lower: a partial project can trade a
    # millionth of value for much more state money (seed 11785: 1.3e-5 of value for 0.016).
    least = checker.least_state_for(value=min(value, optimum))
    assert state <= least * (1 + GAP) + checker.tol, "more state money than the same value needs"
    return "max_value"


def test_allocations_keep_every_rule_and_reach_the_independent_optimum():
    kinds = {}
    for seed, portfolio, plan in solvable(range(80)):
        rules = im.ineligible(portfolio, plan)
        if seed % 4 == 0:
            best = independent_optimum(portfolio, plan, rules)
            if best:
                plan["objective"] = {"kind": "min_state_spend", "min_value": round(best * (0.3 + seed % 7 / 10), 3)}
        kind = check_allocation(portfolio, plan, allocation_of(sf.solve(portfolio, plan)), rules)
        kinds[kind] = kinds.get(kind, 0) + 1
    assert min(kinds.get(k, 0) for k in ("max_value", "min_state_spend", "infeasible")) >= 5, kinds


def test_cost_category_caps_hold_and_reach_the_independent_optimum():
    kinds, capped = {}, 0
    for seed, portfolio, plan in solvable(range(300, 380), caps=True):
        rules = im.ineligible(portfolio, plan)
        capped += sum(1 for p in portfolio["projects"]
                      if rules.get(p["id"]) in ("financing_below_cost", "below_min_grant", "state_caps_below_state_share")
                      and not im.broken_rules(dict(p, cost_categories={}), plan))
        kind = check_allocation(portfolio, plan, allocation_of(sf.solve(portfolio, plan)), rules)
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds.get("max_value", 0) >= 35 and kinds.get("infeasible", 0) >= 5 and capped >= 25, (kinds, capped)


def test_an_optimum_that_highspy_misses_with_its_presolve_is_checked_against_the_true_one():
    # Seed 200942 (29 projects): highspy 1.16 with its presolve calls 518.161 optimal; stratfund's
    # 562.842 keeps every rule, and is the optimum without the presolve.
    [(_, portfolio, plan)] = list(solvable([200942], most_projects=60))
    rules = im.ineligible(portfolio, plan)
    allocation = allocation_of(sf.solve(portfolio, plan))
    assert check_allocation(portfolio, plan, allocation, rules) == "max_value"
    assert independent_optimum(portfolio, plan, rules) == pytest.approx(562.842, abs=1e-3)
    assert allocation["objective"] == pytest.approx(562.842, abs=1e-3)


def test_the_relaxed_mode_is_the_independent_lp_relaxation():
    for _, portfolio, plan in solvable(range(100, 130)):
        plan["solver"]["relaxed"] = True
        rules = im.ineligible(portfolio, plan)
        eligible = [p["id"] for p in portfolio["projects"] if p["id"] not in rules]
        model = im.Model(portfolio, plan, eligible, integral=False)
        best = model.optimize(model.value(), "max")
        allocation = allocation_of(sf.solve(portfolio, plan))
        if best is None:
            assert allocation["status"] == "infeasible"
        else:
            assert allocation["status"] == "optimal"
            assert allocation["objective"] == pytest.approx(best, rel=1e-6, abs=1e-6)


def test_shadow_prices_are_right_slopes_of_the_independent_lp_relaxation():
    """Budgets, group and region bounds: d(objective)/d(right-hand side) on the right (README).

    Count rows (lead capacity, exclusive groups) keep HiGHS's dual, which at a degenerate vertex
    may lie anywhere between the two slopes, so only that is checked for them.
    """
    checked = collections.Counter()
    for _, portfolio, plan in solvable(range(0, 60), most_projects=40):
        plan["state_budget"] = {year: 0.3 * amount for year, amount in plan["state_budget"].items()}  # binding
        allocation = allocation_of(sf.solve(portfolio, plan))
        if allocation["status"] != "optimal":
            continue
        rules = im.ineligible(portfolio, plan)
        eligible = [p["id"] for p in portfolio["projects"] if p["id"] not in rules]

        def lp(label, change):
            model = im.Model(portfolio, plan, eligible, integral=False, relax={label: change} if label else {})
            return model.optimize(model.value(), "max")

        base = lp(None, 0.0)
        prices = allocation["shadow_prices"]
        for label in [f"budget_{y}" for y in plan["years"]] + [k for k in prices if not k.startswith("budget_")]:
            raise_by = -1 if "_min:" in label else 1  # the model lowers a minimum by its relaxation
            counts = label.startswith(("exclusive", "lead_capacity"))
            step = 1e-3 if counts else 1e-5 * sum(plan["state_budget"].values())
            right = (lp(label, raise_by * step) - base) / step
            price = prices.get(label, 0.0)
            if counts:
                below = lp(label, -raise_by * step)  # None: mandatory projects fill the row
                left = math.inf if below is None else (base - below) / step
                assert min(left, right) - 1e-6 <= price <= max(left, right) + 1e-6, label
            else:
                assert price == pytest.approx(right, rel=1e-3, abs=1e-6), label
            checked[label.split(":")[0].split("_")[0], price != 0] += 1
    assert min(checked["budget", True], checked["group", True], checked["exclusive", True]) >= 2, checked


def _least_relaxation(portfolio, plan, eligible):
    """The independent elastic model: least relaxed money, then least relaxed counts.

    HiGHS's presolve may call the second stage infeasible, its money row being tight (seed 7805 of
    the generator), so that stage is retried without it."""
    first = im.Model(portfolio, plan, eligible, elastic=True)
    money = first.optimize(sum(first.money.values(), 0.0), "min")
    for presolve in ("choose", "off"):
        second = im.Model(portfolio, plan, eligible, elastic=True)
        second.h.setOptionValue("presolve", presolve)
        second.h.addConstr(sum(second.money.values(), 0.0) <= money * (1 + 1e-7) + 1e-6)
        counts = second.optimize(sum(second.counts.values(), 0.0), "min")
        if counts is not None:
            break
    return money, counts


def _relaxation_suffices(portfolio, plan, eligible, explanation):
    """Whether raising the explanation's right-hand sides makes the plan feasible.

    The value target is not made a row: its relaxed right-hand side is the best value to within
    HiGHS's tolerances, which HiGHS may then call infeasible (seed 5753 of the generator, with or
    without presolve); the best value under the other relaxed rows is compared with it instead."""
    relax = {x["constraint"]: x["amount"] * (1 + 1e-7) + 1e-7 for x in explanation}
    objective = plan.get("objective", {})
    target = None
    if objective.get("kind") == "min_state_spend" and objective.get("min_value") is not None:
        target = objective["min_value"] - relax.get("min_value", 0.0)
        plan = {**plan, "objective": {"kind": "max_value"}}
    best = None
    for presolve in ("choose", "off"):  # with the presolve, HiGHS stopped 4e-4 below the best (seed 5077)
        relaxed = im.Model(portfolio, plan, eligible, relax=relax)
        relaxed.h.setOptionValue("presolve", presolve)
        value = relaxed.optimize(relaxed.value(), "max")
        best = value if best is None or (value is not None and value > best) else best
    return best is not None and (target is None or best >= target - 1e-9 * max(1.0, abs(target)))


def test_infeasible_plans_are_explained_by_the_least_relaxation():
    checked = 0
    for seed, portfolio, plan in solvable(range(200, 420), most_projects=40):
        if seed % 2:
            plan["objective"] = {"kind": "min_state_spend", "min_value": round(random.Random(seed).uniform(50, 800), 1)}
        allocation = allocation_of(sf.solve(portfolio, plan))
        if allocation["status"] != "infeasible":
            continue
        checked += 1
        eligible = [x["id"] for x in allocation["projects"] if not (x["reason"] or "").startswith("ineligible")]
        money, counts = _least_relaxation(portfolio, plan, eligible)
        explanation = allocation["explanation"]
        is_count = [x["constraint"].startswith(("exclusive", "lead_capacity")) for x in explanation]
        relaxed_money = sum(x["amount"] for x, c in zip(explanation, is_count) if not c)
        assert relaxed_money == pytest.approx(money, abs=1e-6 * sum(plan["state_budget"].values())), seed
        # HiGHS's integrality tolerance leaves a count slack within 1e-6 of each whole number (seed 8627).
        assert sum(x["amount"] for x, c in zip(explanation, is_count) if c) == round(counts), seed
        assert _relaxation_suffices(portfolio, plan, eligible, explanation), f"seed {seed}: the explanation does not suffice"
    assert checked >= 20


def test_frontier_levels_are_independent_solves_of_the_scaled_plan():
    levels = [0.2, 0.6, 1.0, 1.5, 2.0]
    for _, portfolio, plan in solvable(range(500, 520)):
        frontier = sf.frontier(portfolio, plan, levels)
        rules = im.ineligible(portfolio, plan)
        amounts_only = not any("min_share" in b or "max_share" in b for key in ("group_bounds", "region_bounds")
                               for b in plan.get(key, {}).values())
        previous = -math.inf
        assert frontier.share_bounds == (not amounts_only)
        for level, row in zip(levels, frontier.points.itertuples()):
            scaled = copy.deepcopy(plan)
            scaled["state_budget"] = {y: b * level for y, b in plan["state_budget"].items()}
            best = independent_optimum(portfolio, scaled, rules)
            total = sum(scaled["state_budget"].values())
            assert row.budget == pytest.approx(total, rel=1e-9) and row.ineligible == len(rules)
            if best is None:
                assert row.status == "infeasible"
                continue
            assert row.status == "optimal" and best * (1 - GAP) - 1e-9 <= row.objective <= best * (1 + 1e-6) + 1e-9
            assert not amounts_only or row.objective >= previous - 1e-9
            previous = row.objective
        _check_entries(frontier, levels, [p["id"] for p in portfolio["projects"]])


def _check_entries(frontier, levels, ids):
    """Each level's count is its funded ids; a project enters at the first level funding it and is
    stable from the level after which every level funds it."""
    funded = [set(ids_at) for ids_at in frontier.points["funded_ids"]]
    assert list(frontier.points["funded"]) == [len(f) for f in funded]
    for pid in ids:
        levels_funding = [level for level, f in zip(levels, funded) if pid in f]
        entry = frontier.entries.loc[pid]
        assert entry.entry_level == (levels_funding[0] if levels_funding else None) or (
            not levels_funding and math.isnan(entry.entry_level)), pid
        stable = next((level for k, level in enumerate(levels) if all(pid in f for f in funded[k:])), None)
        assert entry.stable_from_level == stable or (stable is None and math.isnan(entry.stable_from_level)), pid


def test_policy_sweep_points_are_independent_solves_of_their_thresholds():
    market, strategic = [0.4, 0.6], [0.1, 0.3]
    checked = 0
    for _, portfolio, plan in solvable(range(800, 830)):
        sweep = sf.policy_sweep(portfolio, plan, market=market, strategic=strategic)
        baseline = sweep.attrs["baseline"]
        for (m, st), row in sweep.iterrows():
            changed_plan = copy.deepcopy(plan)
            changed_plan["policy"].update(market_min_enterprise_share=m, strategic_min_enterprise_share=st)
            rules = im.ineligible(portfolio, changed_plan)
            released = {p["id"] for p in portfolio["projects"] if p.get("mandatory") and p["id"] in rules}
            assert set(row.released) == released and row.ineligible == len(rules)
            changed = copy.deepcopy(portfolio)
            for p in changed["projects"]:
                p["mandatory"] = bool(p.get("mandatory")) and p["id"] not in released
            best = independent_optimum(changed, changed_plan, rules)
            if best is None:
                assert row.status == "infeasible" and row.funded == 0
            else:
                assert row.status == "optimal" and best * (1 - GAP) - 1e-9 <= row.objective <= best * (1 + 1e-6) + 1e-9
            assert row.funded == baseline["funded"] + len(row.entering) - len(row.leaving)
            assert not set(row.entering) & set(row.leaving)
            assert set(row.leaving_reasons) == set(row.leaving)
            for pid in set(row.leaving) & set(rules):  # made ineligible by the point's thresholds
                assert row.leaving_reasons[pid] == f"ineligible:{rules[pid]}", (m, st, pid)
            checked += 1
    assert checked >= 60


def _scenario(rng, ids, groups, years):
    changes = {
        "budget_scale": lambda: round(rng.uniform(0.5, 1.5), 2),
        "budget_scale_by_year": lambda: {str(y): round(rng.uniform(0.5, 1.5), 2) for y in years[:1]},
        "enterprise_scale": lambda: round(rng.uniform(0.8, 1.2), 2),
        "enterprise_scale_by_group": lambda: {groups[0]: round(rng.uniform(0.6, 1.2), 2)},
        "policy": lambda: {"strategic_min_enterprise_share": rng.choice([0.1, 0.3])},
        "group_weights": lambda: {groups[-1]: round(rng.uniform(0, 2), 2)},
        "success_probability_by_group": lambda: {groups[0]: round(rng.uniform(0.2, 1), 2)},
        "success_probability": lambda: {ids[0]: 0.5},
        "exclude": lambda: rng.sample(ids, 2),
    }
    return {field: draw() for field, draw in changes.items() if rng.random() < 0.35}


def _apply(portfolio, plan, scenario):
    """The overrides applied by hand (README 'Scenarios'): scales multiply, the rest replaces."""
    portfolio, plan = copy.deepcopy(portfolio), copy.deepcopy(plan)
    for y in plan["years"]:
        factor = scenario.get("budget_scale", 1.0) * scenario.get("budget_scale_by_year", {}).get(str(y), 1.0)
        plan["state_budget"][str(y)] *= factor
    for p in portfolio["projects"]:
        scale = scenario.get("enterprise_scale", 1.0)
        scale *= scenario.get("enterprise_scale_by_group", {}).get(p["group"], 1.0)
        p["enterprise_commitment"] = p.get("enterprise_commitment", 0.0) * scale
        odds = scenario.get("success_probability_by_group", {}).get(p["group"], p.get("success_probability", 1.0))
        p["success_probability"] = scenario.get("success_probability", {}).get(p["id"], odds)
        p["mandatory"] = p.get("mandatory", False) or p["id"] in scenario.get("force", [])
    plan["policy"].update(scenario.get("policy", {}))
    plan["group_weights"] = {**plan.get("group_weights", {}), **scenario.get("group_weights", {})}
    return portfolio, plan, im.ineligible(portfolio, plan, {pid: "excluded" for pid in scenario.get("exclude", [])})


def _scenarios(seed, portfolio, plan):
    """Three random scenarios; some force a project that stays eligible under their overrides."""
    rng = random.Random(seed)
    ids = [p["id"] for p in portfolio["projects"] if not p.get("mandatory")]
    groups = sorted({p["group"] for p in portfolio["projects"]})
    scenarios = []
    for k in range(3):
        scenario = dict(_scenario(rng, ids, groups, plan["years"]), name=f"s{k}")
        rules = _apply(portfolio, plan, scenario)[2]
        eligible = [pid for pid in ids if pid not in rules]
        if eligible and rng.random() < 0.3:
            scenario["force"] = [rng.choice(eligible)]
        scenarios.append(scenario)
    return scenarios


def test_each_scenario_is_an_independent_solve_of_its_overridden_inputs():
    compared = 0
    for seed, portfolio, plan in solvable(range(600, 640), most_projects=20):
        scenarios = _scenarios(seed, portfolio, plan)
        comparison = sf.compare(portfolio, plan, scenarios)
        for scenario in scenarios:
            changed, scaled, rules = _apply(portfolio, plan, scenario)
            released = {p["id"] for p in changed["projects"] if p["mandatory"] and p["id"] in rules}
            for p in changed["projects"]:
                p["mandatory"] = p["mandatory"] and p["id"] not in released
            got = comparison.changes.query("scenario == @scenario['name'] and change == 'released'")["id"]
            assert set(got) == released
            check_allocation(changed, scaled, allocation_of(comparison.allocations[scenario["name"]]), rules)
            compared += 1
        _check_changes(comparison, [s["name"] for s in scenarios])
    assert compared >= 90


def _check_changes(comparison, names):
    """The projects entering and leaving are the differences of the funded sets with the baseline's;
    the key figures are the scenario allocations' own."""
    def funded(allocation):
        return set(allocation.projects.index[allocation.projects["funded"]])

    base = funded(comparison.allocations["baseline"])
    for name in ["baseline", *names]:
        allocation = comparison.allocations[name]
        rows = comparison.changes.query("scenario == @name")
        assert set(rows.query("change == 'entering'")["id"]) == funded(allocation) - base, name
        assert set(rows.query("change == 'leaving'")["id"]) == base - funded(allocation), name
        projects, baseline = allocation.projects, comparison.allocations["baseline"].projects
        for row in rows.query("change == 'leaving'").itertuples():
            assert row.reason == projects.loc[row.id, "reason"] and row.scenario_state == 0, (name, row)
            assert row.baseline_state == baseline.loc[row.id, "state"], (name, row)
        kpis = comparison.kpis.loc[name]
        assert (kpis.status, kpis.funded) == (allocation.status, len(funded(allocation))), name
        assert kpis.state == pytest.approx(allocation.totals["state"], abs=1e-9), name
        assert kpis.expected_value == pytest.approx(allocation.totals["expected_value"], abs=1e-9), name


def test_a_replan_is_an_independent_solve_of_the_derived_inputs_it_writes():
    replanned = 0
    for seed, portfolio, plan in solvable(range(700, 760), most_projects=30):
        if len(plan["years"]) < 2:
            continue
        allocation = sf.solve(portfolio, plan)
        if allocation.status != "optimal" or not allocation.projects["funded"].any():
            continue
        progress = sf.demo.progress(allocation, year=plan["years"][0], seed=seed)
        result = sf.replan(portfolio, plan, allocation, progress, stalled=["cut", "compete"][seed % 2])
        derived_portfolio, derived_plan = result.portfolio.to_dict(), result.plan.to_dict()
        assert derived_plan.get("excluded", {}) == result.excluded
        rules = im.ineligible(derived_portfolio, derived_plan)
        check_allocation(derived_portfolio, derived_plan, allocation_of(result.allocation), rules)
        replanned += 1
    assert replanned >= 20
