"""Monte Carlo simulation (MODEL.md section 7): evaluate an allocation, and robustness (the core
index of every project). Matrices are numpy arrays; summaries are pandas objects.

Every scenario draws from its own random stream (seed, scenario index), so results are the same
whatever the number of threads.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from . import _core
from ._dependencies import require
from .allocation import Allocation
from .model import Plan, Portfolio

_SETTINGS = (
    "cost_overrun_median",
    "cost_overrun_sigma",
    "delivery_alpha",
    "delivery_beta",
    "impact_sigma",
    "successes_per_group",
    "risk_level",
)


def _settings(scenarios: int, seed: int, options: Dict[str, Any]) -> str:
    unknown = sorted(set(options) - set(_SETTINGS))
    if unknown:
        raise TypeError(f"unknown simulation settings {unknown}; known: {list(_SETTINGS)}")
    return json.dumps({"scenarios": int(scenarios), "seed": int(seed), **options})


class Evaluation:
    """Draws of a fixed allocation over sampled scenarios.

    Attributes
    ----------
    value : numpy.ndarray
        Delivered value, shape (scenarios, funded projects).
    extra_state : numpy.ndarray
        Extra state money needed (overrun plus enterprise shortfall), same shape.
    project_ids, groups : list of str
        The funded projects (columns) and their groups.
    summary : dict
        Means, quantiles, value at risk and expected shortfall of the extra state money, and the
        probability of at least ``successes_per_group`` successes per group.
    """

    def __init__(self, summary: Dict[str, Any], ids: List[str], groups: List[str], value: Any, extra: Any) -> None:
        self.summary = summary
        self.project_ids = ids
        self.groups = groups
        self.value = value
        self.extra_state = extra

    def totals(self) -> Any:
        """Per scenario: total delivered value and total extra state money (a DataFrame)."""
        pd = require("pandas", "pandas")
        frame = pd.DataFrame({"value": self.value.sum(axis=1), "extra_state": self.extra_state.sum(axis=1)})
        frame.index.name = "scenario"
        return frame

    def by_project(self) -> Any:
        """Per funded project: mean delivered value, success rate and mean extra state money."""
        pd = require("pandas", "pandas")
        return pd.DataFrame(
            {
                "group": self.groups,
                "value_mean": self.value.mean(axis=0),
                "success_rate": (self.value > 0).mean(axis=0),
                "extra_state_mean": self.extra_state.mean(axis=0),
            },
            index=pd.Index(self.project_ids, name="id"),
        )

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Evaluation({s['scenarios']} scenarios: value mean {s['value_mean']:.1f}, "
            f"extra state mean {s['extra_state_mean']:.1f}, VaR {s['extra_state_var']:.1f}, "
            f"ES {s['extra_state_es']:.1f})"
        )


def evaluate(
    portfolio: Portfolio,
    allocation: Allocation,
    *,
    scenarios: int = 10_000,
    seed: int = 57,
    **settings: Any,
) -> Evaluation:
    """Draw the outcomes of a fixed allocation over ``scenarios`` sampled scenarios.

    Success ~ Bernoulli(pi), cost overrun ~ LogNormal, enterprise delivery ~ Beta, optional impact
    uncertainty; see :mod:`stratfund.simulation` for the settings (``cost_overrun_median``,
    ``cost_overrun_sigma``, ``delivery_alpha``, ``delivery_beta``, ``impact_sigma``,
    ``successes_per_group``, ``risk_level``).

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=60, seed=2)
    >>> a = sf.solve(portfolio, plan)
    >>> e = sf.evaluate(portfolio, a, scenarios=2000, seed=1)
    >>> e.value.shape == (2000, a.totals["funded"])
    True
    >>> abs(e.summary["value_mean"] / e.summary["value_expected"] - 1) < 0.05
    True
    """
    result = _core.evaluate_arrays(portfolio._core, allocation.to_json(), _settings(scenarios, seed, settings))
    summary, ids, groups, value, extra = result
    return Evaluation(json.loads(summary), ids, groups, value, extra)


class Robustness:
    """Re-optimised portfolios over sampled scenarios.

    Attributes
    ----------
    funded : numpy.ndarray of bool
        ``funded[k, j]``: project j is funded in scenario k (every project of the portfolio).
    objective : numpy.ndarray
        Objective per scenario (NaN when infeasible).
    status : list of str
        How each scenario's solve ended.
    core : pandas.DataFrame
        Per project (index ``id``): ``core_index`` (share of scenarios funded), ``class``
        (``core`` >= 0.9, ``borderline``, ``exterior``) and ``baseline_funded``.
    """

    def __init__(self, entries: List[Dict[str, Any]], funded: Any, objective: Any, status: List[str]) -> None:
        pd = require("pandas", "pandas")
        self.project_ids = [e["id"] for e in entries]
        self.funded = funded
        self.objective = objective
        self.status = status
        self.core = pd.DataFrame.from_records(entries, index="id")

    @property
    def core_index(self) -> Any:
        """The core index of every project (a Series)."""
        return self.core["core_index"]

    def plot(self, ax: Optional[Any] = None) -> Any:
        """Plot the core index. See :func:`stratfund.plotting.core_index`."""
        from .plotting import core_index

        return core_index(self, ax=ax)

    def __repr__(self) -> str:
        counts = self.core["class"].value_counts()
        return (
            f"Robustness({self.funded.shape[0]} scenarios: {counts.get('core', 0)} core, "
            f"{counts.get('borderline', 0)} borderline, {counts.get('exterior', 0)} exterior)"
        )


def robustness(
    portfolio: Portfolio,
    plan: Plan,
    *,
    scenarios: int = 200,
    seed: int = 57,
    catalog: Optional[Dict[str, Any]] = None,
    **settings: Any,
) -> Robustness:
    """Re-optimise the allocation in each of ``scenarios`` sampled scenarios.

    Each scenario draws cost overruns, enterprise delivery and (optionally) impact; the state covers
    overruns and shortfalls, eligibility is re-checked, and the plan is solved again (HiGHS on one
    thread per scenario, scenarios in parallel). The core index of a project is the share of
    scenarios in which it is funded.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=30, seed=2)
    >>> r = sf.robustness(portfolio, plan, scenarios=6, seed=1)
    >>> r.funded.shape
    (6, 30)
    >>> sorted(set(r.core["class"])) <= ["borderline", "core", "exterior"]
    True
    """
    cat = None if catalog is None else json.dumps(catalog)
    entries, funded, objective, status = _core.robustness_arrays(
        portfolio._core, plan._core, _settings(scenarios, seed, settings), cat
    )
    return Robustness(json.loads(entries), funded, objective, status)
