"""Monte Carlo simulation (MODEL.md section 7): evaluate an allocation, and robustness (the core
index of every project). Matrices are numpy arrays; summaries are pandas objects.

Every scenario draws from its own random stream (seed, scenario index), so results are the same
whatever the number of threads, and a run can be split into chunks of scenario indices (pass a
``range`` as ``scenarios``) whose results, merged with ``Evaluation.concat`` or
``Robustness.concat``, equal one run exactly. :mod:`stratfund.distributed` does that on dask.
"""

from __future__ import annotations

import json
import operator
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core
from ._arguments import count
from ._dependencies import require
from ._progress import Progress, reporting
from ._reports import _Report
from .allocation import AllocationLike, as_allocation
from .catalog import _as_json as _catalog_json
from .exceptions import _argument_error
from .model import CatalogLike, PlanLike, PortfolioLike, _document_json, as_inputs, as_portfolio

if TYPE_CHECKING:
    from pandas import DataFrame, Series
    from matplotlib.axes import Axes


_SETTINGS = (
    "cost_overrun_median",
    "cost_overrun_sigma",
    "delivery_alpha",
    "delivery_beta",
    "impact_sigma",
    "successes_per_group",
    "risk_level",
)


_HTML_ROWS = 20
"""Borderline projects listed in a notebook's view of a robustness run."""

Scenarios = Union[int, range]
"""A number of scenarios (indices ``0..n``), or a ``range`` of scenario indices (a chunk)."""


_MOST_SCENARIOS = 2**64 - 1
"""The core counts scenarios and their indices in 64 bits."""


def _span(scenarios: Scenarios) -> Tuple[int, int]:
    """The (start, stop) scenario indices of ``scenarios``."""
    if isinstance(scenarios, range):
        # Not len(): it overflows on a range longer than sys.maxsize.
        if scenarios.step != 1 or scenarios.start < 0 or scenarios.stop <= scenarios.start:
            raise _argument_error(
                "scenarios", f"a chunk must be a non-empty range of scenario indices >= 0 with step 1, got {scenarios!r}"
            )
        start, stop = scenarios.start, scenarios.stop
    else:
        start, stop = 0, count("scenarios", scenarios)
    if stop > _MOST_SCENARIOS:
        raise _argument_error(
            "scenarios",
            f"scenario indices up to {stop} need more bytes than a computer can address (at most 2**64 - 1): "
            "use fewer scenarios, or run them in ranges of scenario indices (scenarios=range(start, stop))",
        )
    return start, stop


def _with_hint(name: str, known: List[str]) -> str:
    """``name`` in backquotes, with the known name it probably meant in brackets."""
    hint = _core.did_you_mean(name, known).removeprefix("; ")
    return f"`{name}` ({hint})" if hint else f"`{name}`"


def _settings(stop: int, seed: int, options: Dict[str, Any]) -> Dict[str, Any]:
    unknown = sorted(set(options) - set(_SETTINGS))
    if unknown:
        named = ", ".join(_with_hint(name, list(_SETTINGS)) for name in unknown)
        raise TypeError(f"unknown simulation settings: {named}; known: {list(_SETTINGS)}")
    return {"scenarios": int(stop), "seed": _seed(seed), **options}


def _seed(seed: Any) -> int:
    """``seed`` as the core takes it: an integer from 0 to 2**64 - 1 (numpy integers included)."""
    if isinstance(seed, bool) or not hasattr(type(seed), "__index__"):
        raise TypeError(f"seed: expected an integer from 0 to 2**64 - 1; got {type(seed).__name__}")
    value = operator.index(seed)
    if not 0 <= value < 2**64:
        raise _argument_error("seed", f"expected an integer from 0 to 2**64 - 1; got {value}")
    return value


class _Chunk:
    """What a run, or a chunk of one, carries: where its rows start and how they were drawn."""

    project_ids: List[str]
    first_scenario: int
    settings: Dict[str, Any]

    def _locate(self, first_scenario: int, settings: Optional[Dict[str, Any]], rows: int) -> None:
        self.first_scenario = first_scenario
        # every setting, defaults included, so that a saved result says how to draw it again
        self.settings = json.loads(_core.simulation_settings(_document_json(settings or {})))
        self._rows = rows

    @property
    def scenarios(self) -> int:
        """Number of scenarios (rows)."""
        return self._rows

    @classmethod
    def _merged_settings(cls, parts: Sequence["_Chunk"]) -> Dict[str, Any]:
        """The settings of chunks of one run (each of this class, same columns and settings,
        consecutive scenario indices, in order), with the scenario count of the merged run."""
        what = cls.__name__
        if not parts:
            raise ValueError(f"{what}.concat needs at least one chunk")
        for k, part in enumerate(parts):
            if not isinstance(part, cls):
                raise TypeError(f"{what}.concat: chunk {k} is {type(part).__name__}, not {what}")
        first = parts[0]
        expected = first.first_scenario
        for k, part in enumerate(parts):
            if part.project_ids != first.project_ids:
                raise ValueError(
                    f"{what}.concat: chunk {k} has other projects than chunk 0 (another allocation or portfolio)"
                )
            if _without_count(part.settings) != _without_count(first.settings):
                raise ValueError(
                    f"{what}.concat: chunk {k} was drawn with other settings (seed or distributions) than chunk 0"
                )
            if part.first_scenario != expected:
                raise ValueError(
                    f"{what}.concat: chunk {k} starts at scenario {part.first_scenario}, expected {expected} "
                    "(chunks must be consecutive and in order)"
                )
            expected += part.scenarios
        return {**first.settings, "scenarios": expected}


def _without_count(settings: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in settings.items() if k != "scenarios"}


class Evaluation(_Chunk, _Report):
    """Draws of a fixed allocation over sampled scenarios.

    Attributes
    ----------
    success : numpy.ndarray of bool
        Whether each funded project succeeded, shape (scenarios, funded projects).
    value : numpy.ndarray
        Delivered value, same shape (0 on failure).
    extra_state : numpy.ndarray
        Extra state money needed (overrun plus enterprise shortfall), same shape.
    project_ids, groups : list of str
        The funded projects (columns) and their groups.
    summary : dict
        Means, quantiles, value at risk and expected shortfall of the extra state money, and the
        probability of at least ``successes_per_group`` successes per group, all over each
        scenario's totals (the matrices' row sums). Quantiles (``p05``, ``p50``, ``p95``) and the
        value at risk (the ``risk_level`` quantile) are the median-unbiased estimator,
        ``np.quantile(totals, q, method="median_unbiased")``; the expected shortfall is the mean of
        the totals at or above the value at risk.
    first_scenario : int
        Index of the first row's scenario (0 unless this is a chunk).
    settings : dict
        The seed and every simulation setting (defaults filled in) the scenarios were drawn with.

    ``to_markdown(lang=...)`` and ``to_html(...)`` write the summary as a report in English or
    Vietnamese (with the catalog's group names; the HTML page charts each group's probability of
    reaching ``successes_per_group``). ``plot_extra_state()`` and ``plot_value()`` draw the
    histograms of the extra state money (with its value at risk and expected shortfall) and of
    the delivered value.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> e = sf.evaluate(portfolio, sf.solve(portfolio, plan), scenarios=500, seed=1)
    >>> e.value.shape  # 500 scenarios x 20 funded projects
    (500, 20)
    >>> bool(abs(e.totals()["value"].mean() - e.summary["value_mean"]) < 1e-6)
    True
    """

    _kind = "evaluation"

    def __init__(
        self,
        summary: Dict[str, Any],
        ids: List[str],
        groups: List[str],
        success: Any,
        value: Any,
        extra: Any,
        first_scenario: int = 0,
        settings: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.summary = summary
        self.project_ids = ids
        self.groups = groups
        self.success: np.ndarray = success
        self.value: np.ndarray = value
        self.extra_state: np.ndarray = extra
        self._locate(first_scenario, settings, int(value.shape[0]))

    def _document(self) -> Dict[str, Any]:
        return {"schema": _core.EVALUATION_SCHEMA, "settings": self.settings, **self.summary}

    @classmethod
    def concat(cls, parts: Iterable["Evaluation"]) -> "Evaluation":
        """Merge chunks of one run (consecutive scenario ranges, in order) into one evaluation.

        The matrices are stacked and the summary is computed again over all rows, so the result
        equals a single run over the whole range.

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
        >>> a = sf.solve(portfolio, plan)
        >>> whole = sf.evaluate(portfolio, a, scenarios=300, seed=4)
        >>> parts = [sf.evaluate(portfolio, a, scenarios=r, seed=4) for r in (range(0, 120), range(120, 300))]
        >>> merged = sf.Evaluation.concat(parts)
        >>> (merged.value == whole.value).all() and merged.summary == whole.summary
        True
        """
        parts = list(parts)
        settings = cls._merged_settings(parts)
        first = parts[0]
        success = np.concatenate([p.success for p in parts], axis=0)
        value = np.concatenate([p.value for p in parts], axis=0)
        extra = np.concatenate([p.extra_state for p in parts], axis=0)
        summary = _core.summarize_arrays(
            list(first.groups), success, value, extra, float(first.summary["value_expected"]), json.dumps(settings)
        )
        return cls(
            json.loads(summary), first.project_ids, first.groups, success, value, extra, first.first_scenario, settings
        )

    def totals(self) -> DataFrame:
        """Per scenario: total delivered value and total extra state money (a DataFrame).

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
        >>> totals = sf.evaluate(portfolio, sf.solve(portfolio, plan), scenarios=200, seed=1).totals()
        >>> totals.shape, list(totals.columns)
        ((200, 2), ['value', 'extra_state'])
        """
        pd = require("pandas", "pandas")
        frame = pd.DataFrame({"value": self.value.sum(axis=1), "extra_state": self.extra_state.sum(axis=1)})
        frame.index.name = "scenario"
        return frame

    def plot_extra_state(self, ax: Optional[Axes] = None) -> Axes:
        """Histogram of the extra state money per scenario, with its mean, value at risk and
        expected shortfall; see :func:`stratfund.plotting.extra_state_money`."""
        from .plotting import extra_state_money

        return extra_state_money(self, ax=ax)

    def plot_value(self, ax: Optional[Axes] = None) -> Axes:
        """Histogram of the delivered value per scenario, with its mean and 5%/95% quantiles;
        see :func:`stratfund.plotting.delivered_value`."""
        from .plotting import delivered_value

        return delivered_value(self, ax=ax)

    def by_project(self) -> DataFrame:
        """Per funded project: mean delivered value, success rate and mean extra state money.

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
        >>> means = sf.evaluate(portfolio, sf.solve(portfolio, plan), scenarios=200, seed=1).by_project()
        >>> list(means.columns)
        ['group', 'value_mean', 'success_rate', 'extra_state_mean']
        >>> bool(means["success_rate"].between(0, 1).all())
        True
        """
        pd = require("pandas", "pandas")
        return pd.DataFrame(
            {
                "group": self.groups,
                "value_mean": self.value.mean(axis=0),
                "success_rate": self.success.mean(axis=0),
                "extra_state_mean": self.extra_state.mean(axis=0),
            },
            index=pd.Index(self.project_ids, name="id"),
        )

    def _repr_html_(self) -> str:
        pd = require("pandas", "pandas")
        s = self.summary
        risk = self.settings["risk_level"]
        figures = pd.DataFrame(
            {
                "mean": [s["value_mean"], s["extra_state_mean"]],
                **{q: [s["value_quantiles"][q], s["extra_state_quantiles"][q]] for q in s["value_quantiles"]},
            },
            index=pd.Index(["delivered value", "extra state money"], name="per scenario"),
        )
        groups = pd.Series(s["group_success_probability"], name="P(target reached)").rename_axis("group")
        head = (
            f"<p><b>Monte Carlo evaluation</b>: {s['scenarios']} scenarios (seed {self.settings['seed']}); "
            f"expected value {s['value_expected']:.1f}; extra state money: VaR {s['extra_state_var']:.1f}, "
            f"ES {s['extra_state_es']:.1f} at {risk:g}</p>"
        )
        return head + str(figures.round(1).to_html()) + str(groups.round(3).to_frame().to_html())

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Evaluation({s['scenarios']} scenarios: value mean {s['value_mean']:.1f}, "
            f"extra state mean {s['extra_state_mean']:.1f}, VaR {s['extra_state_var']:.1f}, "
            f"ES {s['extra_state_es']:.1f})"
        )


def evaluate(
    portfolio: PortfolioLike,
    allocation: AllocationLike,
    *,
    scenarios: Scenarios = 10_000,
    seed: int = 57,
    **settings: Any,
) -> Evaluation:
    """Draw the outcomes of a fixed allocation over ``scenarios`` sampled scenarios.

    Success ~ Bernoulli(pi), cost overrun ~ LogNormal, enterprise delivery ~ Beta, optional impact
    uncertainty; see :mod:`stratfund.simulation` for the settings (``cost_overrun_median``,
    ``cost_overrun_sigma``, ``delivery_alpha``, ``delivery_beta``, ``impact_sigma``,
    ``successes_per_group``, ``risk_level``). ``scenarios`` is a count, or a ``range`` of scenario
    indices to draw one chunk of a larger run (see :meth:`Evaluation.concat`).

    Parameters
    ----------
    portfolio : Portfolio
        The portfolio the allocation was made from (or anything :func:`stratfund.solve` takes).
    allocation : Allocation, dict or path
        The fixed allocation whose outcomes are drawn.
    scenarios : int or range
        A number of scenarios, or a ``range`` of scenario indices (one chunk of a larger run).
    seed : int
        Seed of the scenarios' random streams (0 to 2**64 - 1): the same seed gives the same
        draws whatever the number of threads or chunks.
    **settings
        Simulation settings (see above).

    Returns
    -------
    Evaluation
        The scenarios x funded-projects matrices (``success``, ``value``, ``extra_state``) and the
        summary (means, quantiles, value-at-risk and expected shortfall, group targets).

    Raises
    ------
    TypeError
        An unknown simulation setting.
    ValidationError
        A setting, the seed or the scenario count is out of range, or the allocation was not made
        from ``portfolio`` (a funded project missing from it, or money that does not add up to
        scale x cost: rule ``allocation_mismatch``).

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
    start, stop = _span(scenarios)
    options = _settings(stop, seed, settings)
    portfolio, allocation = as_portfolio(portfolio), as_allocation(allocation)
    result = _core.evaluate_arrays(portfolio._core, allocation._core_handle(), _document_json(options), start, stop)
    summary, ids, groups, success, value, extra = result
    return Evaluation(json.loads(summary), ids, groups, success, value, extra, start, options)


class Robustness(_Chunk, _Report):
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
    first_scenario : int
        Index of the first row's scenario (0 unless this is a chunk).
    settings : dict
        The seed and every simulation setting (defaults filled in) the scenarios were drawn with.
    solver : dict
        The plan's solver options the scenarios were re-optimised with (``mip_rel_gap``, ...).

    ``to_markdown(lang=...)`` and ``to_html(...)`` write the report: counts per class, the
    projects funded in some scenario, by core index, and the settings, in English or Vietnamese.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> r = sf.robustness(portfolio, plan, scenarios=10, seed=1)
    >>> r.funded.shape, r.failed  # 10 scenarios x 40 projects, none without a solution
    ((10, 40), 0)
    >>> r.core["class"].value_counts().to_dict()
    {'exterior': 16, 'borderline': 15, 'core': 9}
    """

    _kind = "robustness"

    def __init__(
        self,
        entries: List[Dict[str, Any]],
        funded: Any,
        objective: Any,
        status: List[str],
        first_scenario: int = 0,
        settings: Optional[Dict[str, Any]] = None,
        solver: Optional[Dict[str, Any]] = None,
    ) -> None:
        pd = require("pandas", "pandas")
        self.solver = dict(solver or {})  # empty: the defaults
        self.project_ids = [e["id"] for e in entries]
        self.funded: np.ndarray = funded
        self.objective: np.ndarray = objective
        self.status = status
        self.core: DataFrame = pd.DataFrame.from_records(entries, index="id")
        self._entries = entries
        self._locate(first_scenario, settings, int(funded.shape[0]))

    @property
    def failed(self) -> int:
        """Scenarios without a solution (infeasible, or stopped by a limit before finding one)."""
        return sum(status in ("infeasible", "time_limit") for status in self.status)

    def _document(self) -> Dict[str, Any]:
        return {
            "schema": _core.ROBUSTNESS_SCHEMA,
            "settings": self.settings,
            "solver": self.solver,
            "scenarios": self.scenarios,
            "infeasible": self.failed,
            "projects": self._entries,
        }

    @classmethod
    def concat(cls, parts: Iterable["Robustness"]) -> "Robustness":
        """Merge chunks of one run (consecutive scenario ranges, in order) into one result.

        The core index is computed again over all rows, so the result equals a single run.

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=30, seed=2)
        >>> whole = sf.robustness(portfolio, plan, scenarios=6, seed=1)
        >>> parts = [sf.robustness(portfolio, plan, scenarios=r, seed=1) for r in (range(0, 2), range(2, 6))]
        >>> merged = sf.Robustness.concat(parts)
        >>> (merged.funded == whole.funded).all() and merged.core.equals(whole.core)
        True
        """
        parts = list(parts)
        settings = cls._merged_settings(parts)
        first = parts[0]
        baseline = [bool(b) for b in first.core["baseline_funded"]]
        if any([bool(b) for b in p.core["baseline_funded"]] != baseline for p in parts):
            raise ValueError("Robustness.concat: the chunks come from different plans (baseline decisions differ)")
        if any(p.solver != first.solver for p in parts):
            raise ValueError("Robustness.concat: the chunks were re-optimised with other solver options (gap, limits)")
        funded = np.concatenate([p.funded for p in parts], axis=0)
        objective = np.concatenate([p.objective for p in parts])
        status = [s for p in parts for s in p.status]
        entries = json.loads(_core.core_entries_json(list(first.project_ids), funded, baseline))
        return cls(entries, funded, objective, status, first.first_scenario, settings, first.solver)

    @property
    def core_index(self) -> Series:
        """The core index of every project (a Series): the share of scenarios that fund it.

        Examples
        --------
        >>> import stratfund as sf
        >>> r = sf.robustness(*sf.demo.generate(projects=40, seed=2), scenarios=10, seed=1)
        >>> bool((r.core_index == r.funded.mean(axis=0)).all())
        True
        """
        return self.core["core_index"]

    def plot(self, ax: Optional[Axes] = None) -> Axes:
        """Plot the core index. See :func:`stratfund.plotting.core_index`."""
        from .plotting import core_index

        return core_index(self, ax=ax)

    def scenario_draws(
        self, portfolio: PortfolioLike, plan: PlanLike, scenario: int, *, catalog: Optional[CatalogLike] = None
    ) -> DataFrame:
        """The draws of scenario ``scenario`` of this run (this run's seed and settings). See
        :func:`scenario_draws`.

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=30, seed=2)
        >>> r = sf.robustness(portfolio, plan, scenarios=4, seed=1)
        >>> draws = r.scenario_draws(portfolio, plan, 3)
        >>> draws.equals(sf.scenario_draws(portfolio, plan, 3, seed=1))
        True
        """
        return _draws(portfolio, plan, scenario, self.settings, catalog)

    def _repr_html_(self) -> str:
        counts = self.core["class"].value_counts()
        head = (
            f"<p><b>Robustness</b>: {self.scenarios} re-optimised scenarios (seed {self.settings['seed']}"
            f"{self._gap_text()}; {self.failed} without a solution); "
            f"{counts.get('core', 0)} core, {counts.get('borderline', 0)} borderline, "
            f"{counts.get('exterior', 0)} exterior projects</p>"
        )
        borderline = self.core[self.core["class"] == "borderline"].sort_values("core_index", ascending=False)
        if borderline.empty:
            return head
        shown = borderline.head(_HTML_ROWS)
        more = len(borderline) - len(shown)
        tail = f"<p><em>and {more} more borderline projects (see <code>.core</code>)</em></p>" if more else ""
        return head + "<p>Borderline projects:</p>" + str(shown.to_html()) + tail

    def _gap_text(self) -> str:
        gap = self.solver.get("mip_rel_gap")
        return f", MIP gap {gap:g}" if gap is not None else ""

    def __repr__(self) -> str:
        counts = self.core["class"].value_counts()
        return (
            f"Robustness({self.scenarios} scenarios: {counts.get('core', 0)} core, "
            f"{counts.get('borderline', 0)} borderline, {counts.get('exterior', 0)} exterior)"
        )


def robustness(
    portfolio: PortfolioLike,
    plan: PlanLike,
    *,
    scenarios: Scenarios = 200,
    seed: int = 57,
    catalog: Optional[CatalogLike] = None,
    progress: Progress = False,
    **settings: Any,
) -> Robustness:
    """Re-optimise the allocation in each of ``scenarios`` sampled scenarios.

    Each scenario draws cost overruns, enterprise delivery and (optionally) impact. The proposals
    keep the co-funding they were submitted with (eligibility and the three-house shares are the
    proposal's); the state covers each funded project's overrun and enterprise shortfall, which
    count in the year budgets, the bounds and the least-state tie-break, and the plan is solved
    again (HiGHS on one thread per scenario, scenarios in parallel). The core index of a project is
    the share of scenarios in which it is funded; :func:`scenario_draws` shows a scenario's draws.

    Parameters
    ----------
    portfolio, plan : Portfolio, Plan
        The inputs (or anything :func:`stratfund.solve` takes).
    scenarios : int or range
        A number of scenarios, or a ``range`` of scenario indices to run one chunk of a larger
        run (see :meth:`Robustness.concat`).
    seed : int
        Seed of the scenarios' random streams.
    catalog : dict or path-like, optional
        A catalog replacing the compiled-in one: a dict as a catalog file holds it, or the
        file's path (``.json`` or ``.toml``).
    progress : bool or callable, optional
        ``True`` shows a progress bar of the scenarios (tqdm's when installed, else a line on
        standard error); a callable is called as ``progress(done, total)``.
    **settings
        Simulation settings (``cost_overrun_median``, ``cost_overrun_sigma``, ``delivery_alpha``,
        ``delivery_beta``, ``impact_sigma``).

    Returns
    -------
    Robustness

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
    cat = _catalog_json(catalog)
    start, stop = _span(scenarios)
    options = _settings(stop, seed, settings)
    portfolio, plan = as_inputs(portfolio, plan, catalog=catalog)
    with reporting(progress, stop - start, "re-optimised scenarios") as report:
        entries, funded, objective, status = _core.robustness_arrays(
            portfolio._core, plan._core, _document_json(options), cat, start, stop, report
        )
    solver = plan.to_dict()["solver"]
    return Robustness(json.loads(entries), funded, objective, status, start, options, solver)


def scenario_draws(
    portfolio: PortfolioLike,
    plan: PlanLike,
    scenario: int,
    *,
    seed: int = 57,
    catalog: Optional[CatalogLike] = None,
    **settings: Any,
) -> DataFrame:
    """The draws of robustness scenario ``scenario``, per project: to see why it re-optimised as
    it did.

    In a robustness scenario the proposals and their co-funding stay as submitted (eligibility,
    shares, caps and min grant are the proposal's); the draws change what funding costs the state.
    It covers the cost overrun ``C max(M - 1, 0)`` and the enterprise shortfall ``(1 - D) e`` (e:
    the project's enterprise money when it takes its least state money), both scaled with the
    funded share and spread over the project's years like its cost; the impact becomes ``V K``.
    Same ``seed`` and settings as the run.

    Parameters
    ----------
    portfolio, plan : Portfolio, Plan
        The inputs of the robustness run.
    scenario : int
        Scenario index (>= 0); any index can be drawn alone.
    seed : int
        Seed of the run.
    catalog : dict or path-like, optional
        Technology catalog (default: the built-in one).
    **settings
        The run's simulation settings (``cost_overrun_median``, ``delivery_alpha``, ...).

    Returns
    -------
    pandas.DataFrame
        Indexed by project id, in portfolio order: ``overrun`` (M), ``delivery`` (D), ``impact``
        (K, 1 without impact uncertainty) and ``extra_state``, the state money the draws add when
        the project is fully funded.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=30, seed=2)
    >>> draws = sf.scenario_draws(portfolio, plan, 5, seed=1)
    >>> list(draws.columns)
    ['overrun', 'delivery', 'impact', 'extra_state']
    >>> bool((draws.index == portfolio.to_frame().index).all() and (draws["extra_state"] >= 0).all())
    True
    """
    return _draws(portfolio, plan, scenario, _settings(1, seed, settings), catalog)


def _draws(
    portfolio: PortfolioLike, plan: PlanLike, scenario: int, options: Dict[str, Any], catalog: Optional[CatalogLike]
) -> DataFrame:
    pd = require("pandas", "pandas")
    index = count("scenario", scenario, least=0, need="a scenario index >= 0")
    portfolio, plan = as_inputs(portfolio, plan, catalog=catalog)
    text = _core.scenario_draws_json(portfolio._core, plan._core, _document_json(options), index, _catalog_json(catalog))
    return pd.DataFrame.from_records(json.loads(text), index="id")
