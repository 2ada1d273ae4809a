"""Synthetic demo data (clearly marked synthetic), from the same seeded generator as the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Tuple

from . import _core
from .allocation import AllocationLike, as_allocation
from .model import Plan, Portfolio

if TYPE_CHECKING:
    from pandas import DataFrame


__all__ = ["generate", "plan", "portfolio", "progress", "scenarios"]


def generate(projects: int = 300, seed: int = 57, years: int = 5, coverage: float = 0.45) -> Tuple[Portfolio, Plan]:
    """Generate a synthetic portfolio and a plan whose budget covers ``coverage`` of the ask.

    The same arguments always give the same data.

    Parameters
    ----------
    projects : int
        Number of proposals, at least 1.
    seed : int
        Random seed.
    years : int
        Number of plan years from 2026, 1 to 50.
    coverage : float
        Share of the requested state money the yearly budgets cover, > 0.

    Raises
    ------
    StratfundError
        When an argument is out of range (the message names it).

    Examples
    --------
    >>> import stratfund as sf
    >>> a, _ = sf.demo.generate(projects=20, seed=1)
    >>> b, _ = sf.demo.generate(projects=20, seed=1)
    >>> a == b
    True
    """
    portfolio, plan = _core.generate_demo(projects, seed, years, coverage)
    return Portfolio._wrap(portfolio), Plan._wrap(plan)


def portfolio() -> Portfolio:
    """The shipped demo portfolio: 300 synthetic proposals (seed 57)."""
    return generate()[0]


def plan() -> Plan:
    """The shipped demo plan: five years from 2026."""
    return generate()[1]


def scenarios() -> List[Dict[str, Any]]:
    """The demo scenarios (budget cuts, an enterprise shortfall, a stricter counterpart share, a
    group priority), as dicts for :func:`stratfund.compare`.

    Examples
    --------
    >>> import stratfund as sf
    >>> [s["name"] for s in sf.demo.scenarios()][:2]
    ['budget_cut_20', 'late_budget']
    """
    import json

    return list(json.loads(_core.demo_scenarios_json())["scenarios"])


def progress(allocation: AllocationLike, year: int = 2026, seed: int = 57) -> DataFrame:
    """Synthetic progress records of an allocation for one year, as a DataFrame for
    :func:`stratfund.monitor` and :func:`stratfund.replan`: most projects on track and paid as
    scheduled, some late (paid 60%), a few stalled (paid 30%), and those whose schedule ends that
    year completed. The same arguments always give the same rows; the shipped
    ``examples/data/demo_progress.csv`` is ``progress`` of the demo allocation.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> rows = sf.demo.progress(sf.solve(portfolio, plan))
    >>> list(rows.columns)
    ['project_id', 'period', 'disbursed', 'status', 'due_date', 'completed_date']
    """
    import json

    from ._dependencies import require
    from .monitoring import PROGRESS_COLUMNS

    pd = require("pandas", "pandas")
    rows = json.loads(_core.demo_progress_json(as_allocation(allocation)._to_core(), year, seed))
    return pd.DataFrame.from_records(rows, columns=PROGRESS_COLUMNS)
