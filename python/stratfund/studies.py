"""Scenario comparisons, the budget frontier and policy sweeps (MODEL.md section 6), as pandas.

The solves run in the Rust core with the GIL released; Ctrl-C stops them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _core
from ._arguments import number_list
from ._dependencies import require
from ._progress import Progress, reporting
from ._reports import _Document
from .allocation import Allocation
from .catalog import _as_json as _catalog_json
from .model import CatalogLike, PathLike, PlanLike, PortfolioLike, _document_json, as_inputs

if TYPE_CHECKING:
    from pandas import DataFrame
    from matplotlib.axes import Axes


ScenarioLike = Mapping[str, Any]

def read_scenarios(path: PathLike) -> List[Dict[str, Any]]:
    """Read a scenario file (``.json`` or ``.toml``, schema ``stratfund.scenarios/1``).

    Returns the list of scenarios as dicts, ready for :func:`compare`. The core reads and checks the
    file (unknown fields, schema); a bad file raises :class:`stratfund.ValidationError` naming the
    file, line and field.

    Examples
    --------
    >>> import stratfund as sf
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.toml"
    >>> _ = path.write_text('[[scenarios]]\\nname = "cut"\\nbudget_scale = 0.8\\n')
    >>> sf.read_scenarios(path)
    [{'name': 'cut', 'budget_scale': 0.8}]
    """
    return list(json.loads(_core.scenarios_json(os.fspath(path)))["scenarios"])


def _kpi_frame(rows: Sequence[Dict[str, Any]], index: Any) -> Any:
    pd = require("pandas", "pandas")
    return pd.DataFrame.from_records(list(rows), index=index)


_CHANGE_COLUMNS = ["scenario", "id", "change", "reason", "baseline_state", "scenario_state"]


def _changes(scenarios: Sequence[Dict[str, Any]]) -> Any:
    """The projects entering, leaving and released in each scenario, with the scenario's reason
    and the state money of both allocations."""
    pd = require("pandas", "pandas")
    baseline = {p["id"]: p for p in scenarios[0]["allocation"]["projects"]}
    records = []
    for s in scenarios:
        projects = {p["id"]: p for p in s["allocation"]["projects"]}
        for change in ("entering", "leaving", "released"):
            for pid in s.get(change, []):
                here, there = projects.get(pid, {}), baseline.get(pid, {})
                money = (there.get("state", 0.0), here.get("state", 0.0))
                records.append((s["name"], pid, change, here.get("reason"), *money))
    return pd.DataFrame.from_records(records, columns=_CHANGE_COLUMNS)


class Comparison(_Document):
    """The baseline and each scenario, side by side.

    Attributes
    ----------
    kpis : pandas.DataFrame
        One row per scenario (``baseline`` first): status, objective, expected value, funded count,
        money by house, leverage, budget and its use, ineligible count, solve time.
    changes : pandas.DataFrame
        One row per project entering or leaving a scenario against the baseline, and per mandatory
        project (or project a ``min_state_spend`` objective names) that a scenario's overrides
        make ineligible (``change`` = ``released``: no longer required in that scenario).
        Columns: ``scenario``, ``id``, ``change``, ``reason`` (why
        the project is unfunded in the scenario, as in its allocation: ``budget``,
        ``ineligible:<rule>``, ...; empty for an entering project), and the project's state money
        in the baseline and in the scenario (``baseline_state``, ``scenario_state``).
    allocations : dict of str to Allocation
        The full allocation of every scenario.

    ``to_json()`` gives the comparison file; ``to_markdown(lang=...)`` and ``to_html(...)`` the
    report (key figures side by side, projects entering and leaving, why a scenario is
    infeasible) in English or Vietnamese, the HTML page with a chart of the money by house in each
    scenario, which ``plot()`` draws with matplotlib too.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> c = sf.compare(portfolio, plan, [{"name": "cut_20", "budget_scale": 0.8}])
    >>> c.allocations["cut_20"].status
    'optimal'
    >>> c.changes["change"].value_counts().to_dict()
    {'leaving': 3, 'entering': 2}
    >>> leaving = c.changes[c.changes["change"] == "leaving"]
    >>> sorted(leaving["reason"].str.split(":").str[0])  # the budget, and a lead's project cap
    ['budget', 'budget', 'lead_capacity']
    """

    _kind = "comparison"

    def __init__(self, data: Dict[str, Any]) -> None:
        pd = require("pandas", "pandas")
        self._data = data
        names = [s["name"] for s in data["scenarios"]]
        self.kpis: DataFrame = _kpi_frame([s["kpis"] for s in data["scenarios"]], pd.Index(names, name="scenario"))
        self.allocations = {s["name"]: Allocation(s["allocation"]) for s in data["scenarios"]}
        self.changes: DataFrame = _changes(data["scenarios"])

    def plot(self, ax: Optional[Axes] = None) -> Axes:
        """Money by house and expected value per scenario; see
        :func:`stratfund.plotting.comparison`."""
        from .plotting import comparison

        return comparison(self, ax=ax)

    def _repr_html_(self) -> str:
        return "<h4>Scenario comparison</h4>" + str(self.kpis.T.to_html())

    def __repr__(self) -> str:
        return f"Comparison({list(self.kpis.index)})"


def compare(
    portfolio: PortfolioLike,
    plan: PlanLike,
    scenarios: Union[PathLike, Sequence[ScenarioLike], Mapping[str, Any]],
    *,
    catalog: Optional[CatalogLike] = None,
    progress: Progress = False,
) -> Comparison:
    """Solve the unmodified inputs (``baseline``) and each scenario, and compare them.

    The solves run in parallel (one per core); each gives what solving that scenario's inputs
    alone gives, whatever the number of cores.

    Parameters
    ----------
    portfolio, plan : Portfolio, Plan
        The inputs.
    scenarios : path, list of dict or dict
        A scenario file, a scenarios document as such a file holds it (``{"scenarios": [...]}``),
        or scenarios as dicts with a ``name`` and any of ``budget_scale``,
        ``budget_scale_by_year``, ``enterprise_scale``, ``enterprise_scale_by_group``, ``policy``
        (the co-funding shares, and ``state_share_caps`` replacing the caps of the cost categories
        it names), ``group_weights``, ``success_probability_by_group``, ``success_probability``,
        ``exclude``, ``force``. A map may be a pandas Series indexed by its keys, and
        ``exclude``/``force`` any collection of project ids (a list, a set, a pandas Index).
    catalog : dict or path-like, optional
        A catalog replacing the compiled-in one: a dict as a catalog file holds it, or the
        file's path (``.json`` or ``.toml``).
    progress : bool or callable, optional
        ``True`` shows a progress bar of the solves (tqdm's when installed, else a line on
        standard error); a callable is called as ``progress(done, total)``.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> c = sf.compare(portfolio, plan, [{"name": "cut", "budget_scale": 0.5}])
    >>> list(c.kpis.index)
    ['baseline', 'cut']
    >>> bool(c.kpis.loc["cut", "expected_value"] <= c.kpis.loc["baseline", "expected_value"])
    True
    >>> set(c.changes["change"]) <= {"entering", "leaving", "released"}
    True
    """
    document = _scenarios_document(scenarios)
    portfolio, plan = as_inputs(portfolio, plan, catalog=catalog)
    text = _document_json(document)
    given = document["scenarios"]
    with reporting(progress, (len(given) if isinstance(given, list) else 0) + 1, "scenarios") as report:
        result = _core.compare_json(portfolio._core, plan._core, text, _catalog_json(catalog), report)
    return Comparison(json.loads(result))


def _scenarios_document(scenarios: Any) -> Dict[str, Any]:
    """The scenarios document of a file's path, of a document dict (``{"scenarios": [...]}``, as a
    file holds it) or of a list of scenario dicts."""
    if isinstance(scenarios, (str, os.PathLike)):
        scenarios = read_scenarios(scenarios)
    if isinstance(scenarios, Mapping) and "scenarios" in scenarios:
        document = dict(scenarios)  # the core checks its schema and fields
        if isinstance(document["scenarios"], tuple):
            document["scenarios"] = list(document["scenarios"])
        return document
    if isinstance(scenarios, (bytes, Mapping)) or not isinstance(scenarios, Iterable):
        hint = " (one scenario? put it in a list)" if isinstance(scenarios, Mapping) else ""
        raise TypeError(
            "scenarios: expected a list of scenario dicts, a scenarios document or a file's path; "
            f"got {type(scenarios).__name__}{hint}"
        )
    return {"schema": "stratfund.scenarios/1", "scenarios": list(scenarios)}


class Frontier(_Document):
    """Value, funded count, state spend and leverage over state-budget levels.

    Attributes
    ----------
    points : pandas.DataFrame
        One row per level (index ``level``, a multiplier of every year's budget) with the key
        figures; ``budget`` is the total state budget at that level.
    entries : pandas.DataFrame
        Per project (index ``id``): ``entry_level``, ``entry_budget`` and ``stable_from_level``
        (NaN when never funded).
    share_bounds : bool
        True when group or region bounds are shares of the budget: they scale with the level, so
        the value need not be non-decreasing.
    objective_kind : str
        The plan's objective: ``"max_value"`` (the value is non-decreasing in the budget with
        amount bounds) or ``"min_state_spend"`` (each level spends the least state money that
        reaches the targets; with amount bounds it never grows with the budget).
    notes : list of str
        Remarks (the objective, share bounds, infeasible levels).

    ``to_json()`` gives the frontier file; ``to_markdown(lang=...)`` and ``to_html(...)`` the
    report (notes, levels, entry level of each project) in English or Vietnamese.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> f = sf.frontier(portfolio, plan, [0.5, 1.0, 1.5])
    >>> list(f.points.index), f.share_bounds  # the demo plan bounds a group's share
    ([0.5, 1.0, 1.5], True)
    >>> int(f.points.loc[1.0, "funded"]) == sf.solve(portfolio, plan).totals["funded"]
    True
    """

    _kind = "frontier"

    def __init__(self, data: Dict[str, Any]) -> None:
        pd = require("pandas", "pandas")
        self._data = data
        levels = pd.Index([p["level"] for p in data["points"]], name="level")
        self.points: DataFrame = _kpi_frame([p["kpis"] for p in data["points"]], levels)
        self.points["funded_ids"] = [p["funded_ids"] for p in data["points"]]
        self.entries: DataFrame = pd.DataFrame.from_records(data["entries"], index="id").astype(float)
        self.share_bounds = bool(data["share_bounds"])
        self.objective_kind: str = data.get("objective_kind", "max_value")
        self.notes = list(data["notes"])

    def plot(self, ax: Optional[Axes] = None) -> Axes:
        """Plot value and funded count against the total budget. See
        :func:`stratfund.plotting.frontier`."""
        from .plotting import frontier

        return frontier(self, ax=ax)

    def _repr_html_(self) -> str:
        notes = "".join(f"<p><em>note: {n}</em></p>" for n in self.notes)
        return "<h4>Budget frontier</h4>" + notes + str(self.points.drop(columns="funded_ids").to_html())

    def __repr__(self) -> str:
        return f"Frontier({len(self.points)} levels)"


def frontier(
    portfolio: PortfolioLike,
    plan: PlanLike,
    levels: Optional[Sequence[float]] = None,
    *,
    catalog: Optional[CatalogLike] = None,
    progress: Progress = False,
) -> Frontier:
    """Solve the plan with every year's state budget multiplied by each level.

    The levels are solved in parallel. Below 2,500 eligible projects each level is solved on its
    own, as ``sf.solve`` would solve the scaled plan (starting from the best solution in the
    margin of its LP relaxation). From 2,500, the levels are solved in four blocks; within a block
    one HiGHS model is kept and only its budget and bound right-hand sides change, and each solve
    starts from the best solution found near the previous level's optimum (a small MIP with the
    funding decisions fixed where the LP relaxation agrees with it). Each level is solved to the
    plan's gap, unless the LP relaxation's bound already proves its starting solution within it.

    Parameters
    ----------
    levels : sequence of float, optional
        Multipliers of the budget (default: 20 levels from 0.1 to 2.0).
    progress : bool or callable, optional
        ``True`` shows a progress bar of the levels (tqdm's when installed, else a line on
        standard error); a callable is called as ``progress(done, total)``.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> f = sf.frontier(portfolio, plan, [0.5, 1.0, 1.5])
    >>> list(f.points.index)
    [0.5, 1.0, 1.5]
    >>> bool(f.points["funded"].iloc[-1] >= f.points["funded"].iloc[0])
    True
    """
    if levels is None:
        levels = [round(0.1 + 0.1 * k, 10) for k in range(20)]
    portfolio, plan = as_inputs(portfolio, plan, catalog=catalog)
    levels = number_list("levels", levels)
    with reporting(progress, len(levels), "frontier levels") as report:
        text = _core.frontier_json(portfolio._core, plan._core, levels, _catalog_json(catalog), report)
    return Frontier(json.loads(text))


def policy_sweep(
    portfolio: PortfolioLike,
    plan: PlanLike,
    *,
    market: Sequence[float] = (),
    strategic: Sequence[float] = (),
    catalog: Optional[CatalogLike] = None,
    progress: Progress = False,
) -> DataFrame:
    """Solve every pair of enterprise-share thresholds of the grid ``market`` x ``strategic``.

    An empty list keeps the plan's value. Each point is compared with the plan's own thresholds.
    The points are solved in parallel (one per core), each as it would be alone.

    Parameters
    ----------
    market, strategic : sequence of float
        The thresholds ``market_min_enterprise_share`` and ``strategic_min_enterprise_share``.
    catalog : dict or path-like, optional
        A catalog replacing the compiled-in one: a dict as a catalog file holds it, or the
        file's path (``.json`` or ``.toml``).
    progress : bool or callable, optional
        ``True`` shows a progress bar of the solves (tqdm's when installed, else a line on
        standard error); a callable is called as ``progress(done, total)``.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``market_min_enterprise_share``, ``strategic_min_enterprise_share``), with the
        key figures, the lists ``entering`` and ``leaving``, ``leaving_reasons`` (each leaving
        project's reason at the point, by id: ``budget``, ``ineligible:<rule>``, ...) and
        ``released`` (mandatory or objective-named projects that the point's thresholds make
        ineligible, made optional there; under the plan's own thresholds such a project is a
        ``ValidationError``). ``attrs["baseline"]`` holds the
        plan's own thresholds and their key figures, what every point is compared with, and
        ``attrs["objective_kind"]`` the plan's objective (under ``min_state_spend`` the
        ``objective`` column is the least state money, and a leaving project's ``budget`` reason
        means that the targets do not need it).

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> sweep = sf.policy_sweep(portfolio, plan, strategic=[0.1, 0.2, 0.3])
    >>> sweep.index.names
    FrozenList(['market_min_enterprise_share', 'strategic_min_enterprise_share'])
    >>> bool(sweep["ineligible"].is_monotonic_increasing)
    True
    >>> sweep.attrs["baseline"]["strategic_min_enterprise_share"]  # the plan's own threshold
    0.2
    """
    pd = require("pandas", "pandas")
    portfolio, plan = as_inputs(portfolio, plan, catalog=catalog)
    market, strategic = number_list("market", market), number_list("strategic", strategic)
    steps = max(len(market), 1) * max(len(strategic), 1) + 1
    with reporting(progress, steps, "policy points") as report:
        text = _core.sweep_json(portfolio._core, plan._core, market, strategic, _catalog_json(catalog), report)
    sweep = json.loads(text)
    points = sweep["points"]
    index = pd.MultiIndex.from_tuples(
        [(p["market_min_enterprise_share"], p["strategic_min_enterprise_share"]) for p in points],
        names=["market_min_enterprise_share", "strategic_min_enterprise_share"],
    )
    frame = _kpi_frame([p["kpis"] for p in points], index)
    frame["entering"] = [p["entering"] for p in points]
    frame["leaving"] = [p["leaving"] for p in points]
    frame["leaving_reasons"] = [p.get("leaving_reasons", {}) for p in points]
    frame["released"] = [p["released"] for p in points]
    baseline = sweep["baseline"]
    frame.attrs["baseline"] = {
        "market_min_enterprise_share": baseline["market_min_enterprise_share"],
        "strategic_min_enterprise_share": baseline["strategic_min_enterprise_share"],
        **baseline["kpis"],
    }
    frame.attrs["objective_kind"] = sweep.get("objective_kind", "max_value")
    return frame
