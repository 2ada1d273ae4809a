"""Monte Carlo studies split into chunks of scenarios and run on dask.

Every scenario draws from its own random stream (seed, scenario index), so a run split into
chunks of consecutive scenario indices, computed anywhere and merged in order, equals one run
exactly: the matrices, the summary and the core index are the same. These functions build one dask
task per chunk (:func:`stratfund.evaluate` or :func:`stratfund.robustness` on a ``range``), compute
them on the given ``dask.distributed`` client (or on dask's default scheduler), and merge the chunks
with :meth:`stratfund.Evaluation.concat` or :meth:`stratfund.Robustness.concat`.

Needs the ``dask`` extra: ``pip install 'stratfund[dask]'``.

Examples
--------
>>> import stratfund as sf
>>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
>>> allocation = sf.solve(portfolio, plan)
>>> e = sf.distributed.evaluate(portfolio, allocation, scenarios=1_000, seed=3, chunks=4)
>>> e.summary == sf.evaluate(portfolio, allocation, scenarios=1_000, seed=3).summary
True
>>> sf.distributed.chunk_ranges(10, 3)
[range(0, 4), range(4, 7), range(7, 10)]
"""

from __future__ import annotations

import os
from typing import Any, Callable, List, Optional, Tuple

from ._dependencies import require
from ._arguments import count
from .allocation import AllocationLike, as_allocation
from .catalog import _as_mapping
from .model import CatalogLike, PlanLike, PortfolioLike, as_inputs, as_portfolio
from .simulation import Evaluation, Robustness, evaluate as _evaluate, robustness as _robustness

__all__ = ["chunk_ranges", "evaluate", "robustness"]


def chunk_ranges(scenarios: int, chunks: int) -> List[range]:
    """Split scenario indices ``0..scenarios`` into ``chunks`` consecutive ranges of near-equal size.

    There are never more chunks than scenarios; the first ranges take one more scenario when the
    division is not exact.
    """
    scenarios, chunks = count("scenarios", scenarios), count("chunks", chunks)
    chunks = min(chunks, scenarios)
    size, extra = divmod(scenarios, chunks)
    ranges, start = [], 0
    for k in range(chunks):
        stop = start + size + (1 if k < extra else 0)
        ranges.append(range(start, stop))
        start = stop
    return ranges


def _default_chunks(client: Optional[Any]) -> int:
    """One chunk per worker thread of the client, else two per local core."""
    if client is not None:
        return max(1, sum(client.nthreads().values()))
    return 2 * (os.cpu_count() or 1)


def _in_chunks(
    work: Callable[..., Any],
    args: Tuple[Any, ...],
    scenarios: int,
    chunks: Optional[int],
    client: Optional[Any],
    **options: Any,
) -> List[Any]:
    """One dask task of ``work(*args, scenarios=chunk, **options)`` per chunk, computed in order."""
    dask = require("dask", "dask")
    task = dask.delayed(work)
    tasks = [task(*args, scenarios=r, **options) for r in chunk_ranges(scenarios, chunks or _default_chunks(client))]
    if client is not None:
        return list(client.gather(client.compute(tasks)))
    return list(dask.compute(*tasks))


def evaluate(
    portfolio: PortfolioLike,
    allocation: AllocationLike,
    *,
    scenarios: int = 10_000,
    seed: int = 57,
    chunks: Optional[int] = None,
    client: Optional[Any] = None,
    **settings: Any,
) -> Evaluation:
    """:func:`stratfund.evaluate` in chunks on dask; the result equals one local run.

    Parameters
    ----------
    portfolio, allocation
        As for :func:`stratfund.evaluate` (both are pickled to the workers).
    scenarios, seed, **settings
        As for :func:`stratfund.evaluate`.
    chunks : int, optional
        Number of tasks (default: one per worker thread of ``client``, else two per local core).
    client : dask.distributed.Client, optional
        Where to run; by default dask's current scheduler.

    Returns
    -------
    Evaluation
    """
    inputs = (as_portfolio(portfolio), as_allocation(allocation))  # read here: workers may not see the files
    parts = _in_chunks(_evaluate, inputs, scenarios, chunks, client, seed=seed, **settings)
    return Evaluation.concat(parts)


def robustness(
    portfolio: PortfolioLike,
    plan: PlanLike,
    *,
    scenarios: int = 200,
    seed: int = 57,
    chunks: Optional[int] = None,
    client: Optional[Any] = None,
    catalog: Optional[CatalogLike] = None,
    **settings: Any,
) -> Robustness:
    """:func:`stratfund.robustness` in chunks on dask; the result equals one local run.

    Parameters
    ----------
    portfolio, plan, catalog
        As for :func:`stratfund.robustness` (pickled to the workers).
    scenarios, seed, **settings
        As for :func:`stratfund.robustness`.
    chunks : int, optional
        Number of tasks (default: one per worker thread of ``client``, else two per local core).
    client : dask.distributed.Client, optional
        Where to run; by default dask's current scheduler.

    Returns
    -------
    Robustness
    """
    options = dict(seed=seed, catalog=_as_mapping(catalog), **settings)
    inputs = as_inputs(portfolio, plan, catalog=catalog)  # read here: workers may not see the files
    parts = _in_chunks(_robustness, inputs, scenarios, chunks, client, **options)
    return Robustness.concat(parts)
