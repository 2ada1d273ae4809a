"""Side-by-side: a 50-level budget frontier with stratfund against an analyst's highspy loop.

The same generated instance (``sf.demo.generate(1000, seed=1)``) is solved at 50 levels of the state
budget (0.04, 0.08, ..., 2.0 times every year's budget), to a 1e-4 relative gap:

* stratfund: ``sf.frontier(portfolio, plan, levels)`` (kept models, neighbourhood starts, four
  blocks of levels on the cores);
* highspy: for each level, the four-variables-per-project model of MODEL.md section 3 built from
  the scaled plan and solved by HiGHS with its default settings (as in ``compare_optimize.py``).

Both times include building the models, measured in one run of the script. At every level the
statuses must match and the objectives agree within the gap. Usage (from the repository root)::

    .venv/bin/pip install highspy
    .venv/bin/python benches/peers/compare_frontier.py
"""

from __future__ import annotations

import pathlib
import sys
import time
from typing import Dict, Optional

import stratfund as sf

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_optimize import GAP, highspy_run  # noqa: E402

LEVELS = [round(0.04 * k, 2) for k in range(1, 51)]


def scaled(plan: sf.Plan, level: float) -> sf.Plan:
    data = plan.to_dict()
    data["state_budget"] = {year: amount * level for year, amount in data["state_budget"].items()}
    return sf.Plan(data)


def highspy_level(portfolio: sf.Portfolio, plan: sf.Plan, extra: Optional[Dict[str, float]] = None):
    """(status, objective) of the four-variable model solved by highspy (see ``four_variable_model``
    for ``extra``)."""
    import highspy

    h = highspy_run(portfolio, plan, extra)
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return "optimal", h.getInfo().objective_function_value
    if status == highspy.HighsModelStatus.kInfeasible:
        return "infeasible", None
    return str(status), None


def highspy_frontier(portfolio: sf.Portfolio, plan: sf.Plan):
    return [highspy_level(portfolio, scaled(plan, level)) for level in LEVELS]


def main() -> None:
    portfolio, plan = sf.demo.generate(projects=1_000, seed=1)
    start = time.perf_counter()
    frontier = sf.frontier(portfolio, plan, LEVELS)
    t_sf = time.perf_counter() - start
    start = time.perf_counter()
    peer = highspy_frontier(portfolio, plan)
    t_hs = time.perf_counter() - start
    ours = frontier.points
    for level, (status, value) in zip(LEVELS, peer):
        row = ours.loc[level]
        assert row["status"] == status, f"level {level}: {row['status']} vs highspy {status}"
        if status == "optimal":
            assert abs(row["objective"] - value) <= 2 * GAP * abs(value), f"level {level}: {row['objective']} vs {value}"
    print(f"{len(LEVELS)} levels, 1,000 projects: stratfund {t_sf:.1f} s   highspy loop {t_hs:.1f} s   "
          f"ratio {t_hs / t_sf:.1f}x")


if __name__ == "__main__":
    main()
