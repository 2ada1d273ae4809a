"""Objects travel to other processes (multiprocessing, joblib, Dask pickle them) and HiGHS works in
forked children even after the parent used it."""

import multiprocessing as mp

import pytest

import stratfund as sf


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_solve_in_worker_processes(method):
    portfolio, plan = sf.demo.generate(projects=200, seed=6)
    expected = sf.solve(portfolio, plan)  # HiGHS has run in the parent before the fork
    with mp.get_context(method).Pool(2) as pool:
        results = pool.starmap(sf.solve, [(portfolio, plan)] * 3)
    assert [_without_time(r) for r in results] == [_without_time(expected)] * 3


def _without_time(allocation):
    data = allocation.to_dict()
    data["solve_seconds"] = 0.0
    return data


def _evaluate_totals(portfolio, allocation):
    evaluation = sf.evaluate(portfolio, allocation, scenarios=500, seed=3)
    return evaluation.value.sum(), evaluation.extra_state.sum()


def _robust_funded(portfolio, plan):
    return sf.robustness(portfolio, plan, scenarios=4, seed=3).funded.tolist()


def test_parallel_studies_in_forked_children_after_the_parent_used_them():
    """rayon's worker threads do not survive fork(): a child must not wait on the parent's pool."""
    portfolio, plan = sf.demo.generate(projects=60, seed=6)
    allocation = sf.solve(portfolio, plan)
    expected = (_evaluate_totals(portfolio, allocation), _robust_funded(portfolio, plan))
    with mp.get_context("fork").Pool(2) as pool:
        evaluated = pool.apply_async(_evaluate_totals, (portfolio, allocation))
        robust = pool.apply_async(_robust_funded, (portfolio, plan))
        # A deadlocked child would hang here; the timeout turns it into a failure.
        assert (evaluated.get(timeout=120), robust.get(timeout=120)) == expected
