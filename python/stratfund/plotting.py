"""Plots of allocations with matplotlib (imported lazily). Every function takes ``ax=None`` and
returns the ``Axes`` it drew on."""

from __future__ import annotations

from typing import Any, Optional

from ._dependencies import require

__all__ = ["HOUSE_COLOURS", "budget_by_year", "core_index", "frontier", "funding_by_group"]

HOUSE_COLOURS = {"state": "#c0392b", "enterprise": "#2471a3", "academia": "#239b56"}


def _axes(ax: Optional[Any], figsize=(9, 4.5)) -> Any:
    if ax is not None:
        return ax
    plt = require("matplotlib.pyplot", "plot")
    _, ax = plt.subplots(figsize=figsize)
    return ax


def funding_by_group(allocation: Any, ax: Optional[Any] = None) -> Any:
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
    bottom = None
    for house, colour in HOUSE_COLOURS.items():
        values = table[house].to_numpy()
        ax.bar(table.index, values, bottom=bottom, color=colour, label=house)
        bottom = values if bottom is None else bottom + values
    ax.set_ylabel(f"money ({allocation.to_dict()['currency_unit']})")
    ax.set_title("Funding by technology group and house")
    ax.tick_params(axis="x", labelrotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.legend(title="house")
    return ax


def budget_by_year(allocation: Any, ax: Optional[Any] = None) -> Any:
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


def frontier(result: Any, ax: Optional[Any] = None) -> Any:
    """Value (left axis) and funded count (right axis) against the total state budget.

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
    ax.plot(solved["budget"], solved["objective"], marker="o", color=HOUSE_COLOURS["state"], label="value")
    ax.set_xlabel("total state budget")
    ax.set_ylabel("objective (weighted expected value)")
    twin = ax.twinx()
    twin.step(points["budget"], points["funded"], where="post", color="grey", alpha=0.6, label="funded")
    twin.set_ylabel("funded projects")
    title = "Budget frontier"
    if result.share_bounds:
        title += " (share bounds scale with the budget)"
    ax.set_title(title)
    return ax


def core_index(result: Any, ax: Optional[Any] = None, top: int = 60) -> Any:
    """The core index of the projects funded in some scenario, highest first, coloured by class.

    Parameters
    ----------
    result : Robustness
        From :func:`stratfund.robustness`.
    ax : matplotlib Axes, optional
    top : int
        Most projects shown.

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
    core = result.core[result.core["core_index"] > 0].sort_values("core_index", ascending=False).head(top)
    colours = {"core": "#239b56", "borderline": "#d4ac0d", "exterior": "#7f8c8d"}
    ax.bar(core.index, core["core_index"], color=[colours[c] for c in core["class"]])
    ax.axhline(0.9, color="black", linestyle="--", linewidth=0.8, label="core threshold 0.9")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("core index")
    ax.set_xlabel("project")
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    ax.set_title(f"Core index over {result.funded.shape[0]} re-optimised scenarios")
    ax.legend(loc="upper right")
    return ax
