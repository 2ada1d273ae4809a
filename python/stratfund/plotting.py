"""Plots of allocations with matplotlib (imported lazily). Every function takes ``ax=None`` and
returns the ``Axes`` it drew on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ._dependencies import require

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from .allocation import Allocation
    from .simulation import Evaluation, Robustness
    from .studies import Comparison, Frontier


__all__ = [
    "HOUSE_COLOURS",
    "budget_by_year",
    "comparison",
    "core_index",
    "delivered_value",
    "extra_state_money",
    "frontier",
    "funding_by_group",
]

HOUSE_COLOURS = {"state": "#c0392b", "enterprise": "#2471a3", "academia": "#239b56"}


def _axes(ax: Optional[Any], figsize=(9, 4.5)) -> Any:
    if ax is not None:
        return ax
    plt = require("matplotlib.pyplot", "plot")
    _, ax = plt.subplots(figsize=figsize)
    return ax


def funding_by_group(allocation: Allocation, ax: Optional[Axes] = None) -> Axes:
    """Stacked bars: money per technology group, split by house (state, enterprise, academia).

    Parameters
    ----------
    allocation : Allocation
        A solved allocation.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import stratfund as sf
    >>> a = sf.solve(*sf.demo.generate(projects=40, seed=3))
    >>> ax = sf.plotting.funding_by_group(a)
    >>> ax.get_ylabel()
    'money (billion VND)'
    """
    ax = _axes(ax)
    table = allocation.by_group()
    table = table.loc[table[["state", "enterprise", "academia"]].sum(axis=1).sort_values(ascending=False).index]
    _stacked_houses(ax, list(table.index), table)
    ax.set_ylabel(f"money ({allocation.to_dict()['currency_unit']})")
    ax.set_title("Funding by technology group and house")
    ax.tick_params(axis="x", labelrotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.legend(title="house")
    return ax


def budget_by_year(allocation: Allocation, ax: Optional[Axes] = None) -> Axes:
    """Bars of the yearly budget and the money available (with carry-over), and the state spend.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import stratfund as sf
    >>> ax = sf.plotting.budget_by_year(sf.solve(*sf.demo.generate(projects=40, seed=3)))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['state spend', 'budget', 'available (with carry-over)']
    """
    ax = _axes(ax, figsize=(7, 4))
    table = allocation.by_year()
    years = [str(y) for y in table.index]
    width = 0.38
    positions = range(len(years))
    ax.bar([p - width / 2 for p in positions], table["budget"], width, color="#bdc3c7", label="budget")
    ax.bar([p + width / 2 for p in positions], table["available"], width, color="#85929e", label="available (with carry-over)")
    ax.plot(list(positions), table["state"], color=HOUSE_COLOURS["state"], marker="o", label="state spend")
    ax.set_xticks(list(positions), years)
    ax.set_ylabel(f"state money ({allocation.to_dict()['currency_unit']})")
    ax.set_title("State spend against the budget")
    ax.legend()
    return ax


def frontier(result: Frontier, ax: Optional[Axes] = None) -> Axes:
    """The objective (left axis: the value, or under ``min_state_spend`` the least state money)
    and the funded count (right axis) against the total state budget.

    Parameters
    ----------
    result : Frontier
        From :func:`stratfund.frontier`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import stratfund as sf
    >>> f = sf.frontier(*sf.demo.generate(projects=30, seed=3), [0.5, 1.0, 1.5])
    >>> ax = sf.plotting.frontier(f)
    >>> ax.get_xlabel(), len(ax.lines)
    ('total state budget', 1)
    """
    ax = _axes(ax)
    points = result.points
    solved = points[points["objective"].notna()]
    least_state = result.objective_kind == "min_state_spend"
    label = "least state money" if least_state else "value"
    ax.plot(solved["budget"], solved["objective"], marker="o", color=HOUSE_COLOURS["state"], label=label)
    ax.set_xlabel("total state budget")
    ax.set_ylabel("objective (least state money)" if least_state else "objective (weighted expected value)")
    twin = ax.twinx()
    twin.step(points["budget"], points["funded"], where="post", color="grey", alpha=0.6, label="funded")
    twin.set_ylabel("funded projects")
    title = "Budget frontier"
    if result.share_bounds:
        title += " (share bounds scale with the budget)"
    ax.set_title(title)
    return ax


def core_index(result: Robustness, ax: Optional[Axes] = None, top: int = 60) -> Axes:
    """The core index of every project funded in some scenario, highest first, coloured by class
    (so that the borderline projects show beside the core ones, however many there are).

    Parameters
    ----------
    result : Robustness
        From :func:`stratfund.robustness`.
    ax : matplotlib Axes, optional
    top : int
        Most projects named under their bars; with more, the bars are drawn unnamed.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import stratfund as sf
    >>> r = sf.robustness(*sf.demo.generate(projects=30, seed=3), scenarios=4)
    >>> ax = sf.plotting.core_index(r)
    >>> ax.get_ylabel()
    'core index'
    """
    ax = _axes(ax)
    core = result.core[result.core["core_index"] > 0].sort_values("core_index", ascending=False, kind="stable")
    colours = {"core": "#239b56", "borderline": "#d4ac0d", "exterior": "#7f8c8d"}
    ax.bar(range(len(core)), core["core_index"], color=[colours[c] for c in core["class"]])
    named = len(core) <= top
    ax.set_xticks(range(len(core)) if named else [], list(core.index) if named else [])
    ax.axhline(0.9, color="black", linestyle="--", linewidth=0.8, label="core threshold 0.9")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("core index")
    ax.set_xlabel("project" if named else f"{len(core)} projects, highest core index first")
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    ax.set_title(f"Core index over {result.funded.shape[0]} re-optimised scenarios")
    ax.legend(loc="upper right")
    return ax


def _stacked_houses(ax: Any, labels: Any, table: Any) -> None:
    """One bar per label, stacking the ``state``, ``enterprise`` and ``academia`` columns of
    ``table`` (its rows in the labels' order)."""
    bottom = None
    for house, colour in HOUSE_COLOURS.items():
        values = table[house].to_numpy(dtype=float)
        ax.bar(labels, values, bottom=bottom, color=colour, label=house)
        bottom = values if bottom is None else bottom + values


def extra_state_money(result: Evaluation, ax: Optional[Axes] = None, bins: int = 50) -> Axes:
    """Histogram of the extra state money each scenario needs (overruns and enterprise
    shortfalls), with its mean, value at risk and expected shortfall marked.

    Parameters
    ----------
    result : Evaluation
        From :func:`stratfund.evaluate`.
    ax : matplotlib Axes, optional
    bins : int
        Histogram bins.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=30, seed=3)
    >>> e = sf.evaluate(portfolio, sf.solve(portfolio, plan), scenarios=500)
    >>> ax = sf.plotting.extra_state_money(e)
    >>> [line.get_label() for line in ax.lines]
    ['mean 119.7', 'VaR 95%: 170.9', 'ES 95%: 190.4']
    """
    summary = result.summary
    level = result.settings["risk_level"]
    marks = [
        (f"mean {summary['extra_state_mean']:.1f}", summary["extra_state_mean"], "-"),
        (f"VaR {level:.0%}: {summary['extra_state_var']:.1f}", summary["extra_state_var"], "--"),
        (f"ES {level:.0%}: {summary['extra_state_es']:.1f}", summary["extra_state_es"], ":"),
    ]
    return _histogram(result, "extra_state", "extra state money", marks, ax, bins, HOUSE_COLOURS["state"])


def delivered_value(result: Evaluation, ax: Optional[Axes] = None, bins: int = 50) -> Axes:
    """Histogram of the value each scenario delivers (failed projects deliver none), with its
    mean and 5% and 95% quantiles marked. Takes an :class:`~stratfund.Evaluation` and returns the
    Axes, as :func:`extra_state_money` does.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=30, seed=3)
    >>> e = sf.evaluate(portfolio, sf.solve(portfolio, plan), scenarios=200)
    >>> fig, ax = plt.subplots()
    >>> sf.plotting.delivered_value(e, ax=ax, bins=20) is ax, ax.get_xlabel(), len(ax.lines)
    (True, 'delivered value per scenario', 3)
    """
    summary, quantiles = result.summary, result.summary["value_quantiles"]
    marks = [
        (f"mean {summary['value_mean']:.1f}", summary["value_mean"], "-"),
        (f"5% quantile {quantiles['p05']:.1f}", quantiles["p05"], "--"),
        (f"95% quantile {quantiles['p95']:.1f}", quantiles["p95"], "--"),
    ]
    return _histogram(result, "value", "delivered value", marks, ax, bins, HOUSE_COLOURS["academia"])


def _histogram(result: Any, column: str, what: str, marks: Any, ax: Optional[Any], bins: int, colour: str) -> Any:
    """A histogram of an evaluation's per-scenario ``column`` (of ``totals()``), named ``what``,
    in ``colour``, with a vertical line per (label, position, style) mark."""
    ax = _axes(ax)
    ax.hist(result.totals()[column], bins=bins, color=colour, alpha=0.6)
    for label, position, style in marks:
        ax.axvline(position, color="black", linestyle=style, linewidth=1, label=label)
    ax.set_xlabel(f"{what} per scenario")
    ax.set_ylabel("scenarios")
    ax.set_title(f"{what.capitalize()} over {result.summary['scenarios']} scenarios")
    ax.legend()
    return ax


def comparison(result: Comparison, ax: Optional[Axes] = None) -> Axes:
    """Money by house per scenario (stacked bars, the baseline first), with each scenario's
    expected value on the right axis; a scenario without a solution (infeasible, time limit)
    has no bar and its status under its name. Takes a :class:`~stratfund.Comparison` (from
    :func:`stratfund.compare`) and ``ax`` (a new figure when omitted); returns the Axes.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=30, seed=3)
    >>> everything = list(portfolio.to_frame().index)
    >>> c = sf.compare(portfolio, plan, [{"name": "cut_20", "budget_scale": 0.8}, {"name": "all", "force": everything}])
    >>> ax = sf.plotting.comparison(c)
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['baseline', 'cut_20', 'all\\n(infeasible)']
    """
    ax = _axes(ax)
    kpis = result.kpis.fillna({house: 0.0 for house in HOUSE_COLOURS})
    solved = kpis["status"].isin(["optimal", "feasible"])
    names = [name if ok else f"{name}\n({status})" for name, ok, status in zip(kpis.index, solved, kpis["status"])]
    _stacked_houses(ax, names, kpis)
    currency = next(iter(result.allocations.values())).to_dict()["currency_unit"]
    ax.set_ylabel(f"money ({currency})")
    tallest = float(kpis[list(HOUSE_COLOURS)].sum(axis=1).max())
    ax.set_ylim(0, max(tallest, 1.0) * 1.35)  # room for the legends above the bars
    ax.legend(title="house", loc="upper left", ncols=3)
    twin = ax.twinx()
    values = kpis["expected_value"].where(solved)
    twin.plot(names, values, marker="o", linestyle="none", color="black", label="expected value")
    twin.set_ylabel("expected value")
    twin.set_ylim(0, max(float(values.fillna(0.0).max()), 1.0) * 1.35)  # NaN when nothing is solved
    twin.legend(loc="upper right")
    ax.set_title("Scenarios: money by house and expected value")
    ax.tick_params(axis="x", labelrotation=30)
    return ax
