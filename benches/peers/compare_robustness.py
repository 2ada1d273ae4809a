"""Side-by-side: robustness (re-optimisation per sampled scenario) with stratfund against an
analyst's highspy loop.

The same generated instance (``sf.demo.generate(1000, seed=1)``) is re-optimised in the same
sampled scenarios (cost overruns, enterprise delivery; seed 57), to a 1e-4 relative gap:

* stratfund: ``sf.robustness(portfolio, plan, scenarios=n)`` (the baseline, then every scenario
  started from the best solution in the margin of its LP relaxation, scenarios in parallel on the
  cores);
* highspy: the baseline, then for each scenario the four-variables-per-project model of MODEL.md
  section 3 with the scenario's draws (``sf.scenario_draws``: each project's impact multiplier,
  and the overrun and enterprise shortfall the state covers, per unit of scale, in the year
  budgets and the bounds), solved by HiGHS with its default settings (as in
  ``compare_optimize.py``).

Both times include building the models and drawing the scenarios, measured in one run of the
script. In every scenario the statuses must match and the objectives agree within the gap. Usage
(from the repository root)::

    .venv/bin/pip install highspy
    .venv/bin/python benches/peers/compare_robustness.py --scenarios 200
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

import stratfund as sf

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_frontier import highspy_level  # noqa: E402
from compare_optimize import GAP  # noqa: E402

SEED = 57


def highspy_robustness(portfolio: sf.Portfolio, plan: sf.Plan, scenarios: int):
    """(status, objective) of every scenario, after the baseline solve, as an analyst's loop."""
    highspy_level(portfolio, plan)
    return [highspy_scenario(portfolio, plan, k) for k in range(scenarios)]


def highspy_scenario(portfolio: sf.Portfolio, plan: sf.Plan, k: int):
    draws = sf.scenario_draws(portfolio, plan, k, seed=SEED)
    projects = portfolio.projects
    for q in projects:
        q["impact"] *= draws.at[q["id"], "impact"]
    drawn = sf.Portfolio({**portfolio.to_dict(), "projects": projects})
    return highspy_level(drawn, plan, draws["extra_state"].to_dict())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=1_000)
    parser.add_argument("--scenarios", type=int, default=200)
    args = parser.parse_args()
    portfolio, plan = sf.demo.generate(projects=args.projects, seed=1)
    start = time.perf_counter()
    ours = sf.robustness(portfolio, plan, scenarios=args.scenarios, seed=SEED)
    t_sf = time.perf_counter() - start
    start = time.perf_counter()
    peer = highspy_robustness(portfolio, plan, args.scenarios)
    t_hs = time.perf_counter() - start
    for k, (status, value) in enumerate(peer):
        assert ours.status[k] == status, f"scenario {k}: {ours.status[k]} vs highspy {status}"
        if status == "optimal":
            assert abs(ours.objective[k] - value) <= 2 * GAP * abs(value), f"scenario {k}: {ours.objective[k]} vs {value}"
    print(f"{args.scenarios} scenarios, {args.projects:,} projects: stratfund {t_sf:.1f} s   "
          f"highspy loop {t_hs:.1f} s   ratio {t_hs / t_sf:.1f}x")


if __name__ == "__main__":
    main()
