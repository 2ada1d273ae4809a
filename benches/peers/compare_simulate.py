"""Monte Carlo evaluation side by side: stratfund (Rust core, from Python) against the equivalent
vectorised numpy code, on the same allocation: 10,000 scenarios of the 1,000-project demo.

Both draw success ~ Bernoulli(pi), cost overrun ~ LogNormal, enterprise delivery ~ Beta per funded
project and scenario, build the (scenarios x projects) matrices of delivered value and extra state
money, and summarise them (means, 5/50/95% quantiles, VaR and ES at 95%, P(>= 1 success) per group).

Two instances: the optimal allocation of the 1,000-project demo (525 funded projects, so 525
matrix columns), and, with ``--all-funded``, an allocation funding all of 1,000 eligible demo
projects (10,000 x 1,000 cells: the issue's figures read literally).

Run: .venv/bin/python benches/peers/compare_simulate.py [--all-funded]   (figures go to BENCHMARKS.md)
"""

import sys
import time

import numpy as np

import stratfund as sf

SCENARIOS = 10_000
SETTINGS = dict(cost_overrun_median=1.05, cost_overrun_sigma=0.15, delivery_alpha=9.0, delivery_beta=1.0)


def numpy_evaluate(value, probability, cost, enterprise, groups, seed):
    rng = np.random.default_rng(seed)
    shape = (SCENARIOS, len(value))
    success = rng.random(shape) < probability
    overrun = rng.lognormal(np.log(SETTINGS["cost_overrun_median"]), SETTINGS["cost_overrun_sigma"], shape)
    delivery = rng.beta(SETTINGS["delivery_alpha"], SETTINGS["delivery_beta"], shape)
    delivered = np.where(success, value, 0.0)
    extra = cost * np.maximum(overrun - 1.0, 0.0) + enterprise * (1.0 - delivery)
    totals_v, totals_x = delivered.sum(axis=1), extra.sum(axis=1)
    var = np.quantile(totals_x, 0.95)
    summary = {
        "value_mean": totals_v.mean(),
        "value_quantiles": np.quantile(totals_v, [0.05, 0.5, 0.95]),
        "extra_mean": totals_x.mean(),
        "extra_quantiles": np.quantile(totals_x, [0.05, 0.5, 0.95]),
        "var": var,
        "es": totals_x[totals_x >= var].mean(),
        "groups": {g: (success[:, groups == g].sum(axis=1) >= 1).mean() for g in np.unique(groups)},
    }
    return delivered, extra, summary


def best_of(runs, work):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def every_project_funded(projects=1_000):
    """`projects` eligible demo proposals, without links or a lead cap, and a budget that funds them all."""
    portfolio, plan = sf.demo.generate(projects=int(1.5 * projects), seed=1, coverage=3.0)
    reasons = sf.solve(portfolio, plan).projects["reason"].fillna("")
    fundable = reasons[~reasons.str.startswith(("ineligible", "dependency"))].index[:projects]
    frame = portfolio.to_frame().loc[fundable]
    frame["requires"] = [[] for _ in fundable]
    frame["exclusive_group"] = None
    plan = plan.replace(
        max_projects_per_lead=None,
        group_bounds={},
        state_budget={year: 3 * amount for year, amount in plan.to_dict()["state_budget"].items()},
    )
    portfolio = sf.Portfolio.from_frame(frame)
    allocation = sf.solve(portfolio, plan)
    assert allocation.totals["funded"] == projects, allocation.totals["funded"]
    return portfolio, allocation


def main():
    if "--all-funded" in sys.argv[1:]:
        portfolio, allocation = every_project_funded()
    else:
        portfolio, plan = sf.demo.generate(projects=1_000, seed=1)
        allocation = sf.solve(portfolio, plan)
    projects = portfolio.to_frame()
    funded = allocation.projects[allocation.projects["funded"]]
    p = projects.loc[funded.index]
    value = (p["impact"] * funded["scale"]).to_numpy()
    probability = p["success_probability"].to_numpy()
    cost = (p["cost"] * funded["scale"]).to_numpy()
    enterprise = funded["enterprise"].to_numpy()
    groups = p["group"].to_numpy()
    print(f"{len(funded)} funded projects of {len(projects)}, {SCENARIOS} scenarios")
    t_sf, e = best_of(5, lambda: sf.evaluate(portfolio, allocation, scenarios=SCENARIOS, seed=1, **SETTINGS))
    t_np, (delivered, extra, summary) = best_of(5, lambda: numpy_evaluate(value, probability, cost, enterprise, groups, 1))
    # Same model: the means agree within Monte Carlo error.
    assert abs(e.summary["value_mean"] / summary["value_mean"] - 1) < 0.01
    assert abs(e.summary["extra_state_mean"] / summary["extra_mean"] - 1) < 0.01
    print(f"stratfund.evaluate: {t_sf:.3f} s   numpy: {t_np:.3f} s   ratio {t_np / t_sf:.1f}x")


if __name__ == "__main__":
    main()
