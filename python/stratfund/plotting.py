"""Plots of allocations with matplotlib (imported lazily). Every function takes ``ax=None`` and
returns the ``Axes`` it drew on."""

from __future__ import annotations

from typing import Any, Optional

from ._dependencies import require

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
