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
