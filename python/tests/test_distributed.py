"""Chunked Monte Carlo runs (scenario ranges merged with concat) and the dask helpers equal one run."""

import json

import dask
import numpy as np
import pytest

import stratfund as sf


@pytest.fixture(scope="module")
def inputs():
    portfolio, plan = sf.demo.generate(projects=50, seed=8)
    return portfolio, plan, sf.solve(portfolio, plan)


def _same_evaluation(a, b):
    assert a.project_ids == b.project_ids and a.groups == b.groups
    assert np.array_equal(a.success, b.success)
    assert np.array_equal(a.value, b.value) and np.array_equal(a.extra_state, b.extra_state)
    assert a.summary == b.summary
    assert a.first_scenario == b.first_scenario and a.settings == b.settings


def _same_robustness(a, b):
    assert a.project_ids == b.project_ids
    assert np.array_equal(a.funded, b.funded)
    assert np.array_equal(a.objective, b.objective, equal_nan=True)
    assert a.status == b.status
    assert a.core.equals(b.core)
    assert a.first_scenario == b.first_scenario and a.settings == b.settings


def test_evaluate_chunks_concatenate_to_one_run(inputs):
    portfolio, _, allocation = inputs
    settings = dict(seed=11, cost_overrun_sigma=0.3, impact_sigma=0.2, successes_per_group=2)
    whole = sf.evaluate(portfolio, allocation, scenarios=700, **settings)
    ranges = [range(0, 1), range(1, 333), range(333, 700)]
    parts = [sf.evaluate(portfolio, allocation, scenarios=r, **settings) for r in ranges]
    assert [p.first_scenario for p in parts] == [0, 1, 333]
    assert np.array_equal(parts[2].value, whole.value[333:])
    _same_evaluation(sf.Evaluation.concat(parts), whole)


def test_a_chunk_in_the_middle_of_a_run_merges_with_its_neighbours(inputs):
    portfolio, _, allocation = inputs
    whole = sf.evaluate(portfolio, allocation, scenarios=range(100, 400), seed=5)
    parts = [sf.evaluate(portfolio, allocation, scenarios=r, seed=5) for r in (range(100, 250), range(250, 400))]
    _same_evaluation(sf.Evaluation.concat(parts), whole)


def test_robustness_chunks_concatenate_to_one_run(inputs):
    portfolio, plan, _ = inputs
    whole = sf.robustness(portfolio, plan, scenarios=7, seed=2, cost_overrun_sigma=0.4)
    chunks = (range(3), range(3, 7))
    parts = [sf.robustness(portfolio, plan, scenarios=r, seed=2, cost_overrun_sigma=0.4) for r in chunks]
    _same_robustness(sf.Robustness.concat(parts), whole)


def test_chunks_that_do_not_belong_together_are_refused(inputs):
    portfolio, _, allocation = inputs
    a = sf.evaluate(portfolio, allocation, scenarios=range(0, 10), seed=1)
    with pytest.raises(ValueError, match="chunk 1 starts at scenario 20, expected 10"):
        sf.Evaluation.concat([a, sf.evaluate(portfolio, allocation, scenarios=range(20, 30), seed=1)])
    with pytest.raises(ValueError, match="other settings"):
        sf.Evaluation.concat([a, sf.evaluate(portfolio, allocation, scenarios=range(10, 20), seed=2)])
    with pytest.raises(ValueError, match="at least one chunk"):
        sf.Evaluation.concat([])
    # A chunk of another kind is named (it raised AttributeError, or was said to have "other projects").
    with pytest.raises(TypeError, match="Evaluation.concat: chunk 1 is int, not Evaluation"):
        sf.Evaluation.concat([a, 5])
    r = sf.robustness(portfolio, inputs[1], scenarios=range(0, 2), seed=1)
    with pytest.raises(TypeError, match="Robustness.concat: chunk 1 is Evaluation, not Robustness"):
        sf.Robustness.concat([r, a])
    assert sf.Evaluation.concat(iter([a])).scenarios == 10  # any iterable of chunks


@pytest.mark.parametrize("bad", [range(5, 5), range(0, 10, 2), range(-1, 3), 0, -3])
def test_bad_scenario_ranges_are_errors(inputs, bad):
    portfolio, _, allocation = inputs
    with pytest.raises(ValueError, match="scenarios"):
        sf.evaluate(portfolio, allocation, scenarios=bad)


def test_chunk_ranges_cover_every_scenario_once():
    assert sf.distributed.chunk_ranges(10, 3) == [range(0, 4), range(4, 7), range(7, 10)]
    assert sf.distributed.chunk_ranges(2, 5) == [range(0, 1), range(1, 2)]
    for scenarios, chunks in [(1, 1), (97, 8), (1000, 7)]:
        ranges = sf.distributed.chunk_ranges(scenarios, chunks)
        assert [i for r in ranges for i in r] == list(range(scenarios))
    with pytest.raises(ValueError, match="chunks must be at least 1"):
        sf.distributed.chunk_ranges(10, 0)


@pytest.mark.parametrize("scheduler", ["threads", "sync"])
def test_dask_runs_equal_one_local_run(inputs, scheduler):
    portfolio, plan, allocation = inputs
    with dask.config.set(scheduler=scheduler):
        evaluated = sf.distributed.evaluate(portfolio, allocation, scenarios=500, seed=9, chunks=3)
        robust = sf.distributed.robustness(portfolio, plan, scenarios=5, seed=9, chunks=2)
    _same_evaluation(evaluated, sf.evaluate(portfolio, allocation, scenarios=500, seed=9))
    _same_robustness(robust, sf.robustness(portfolio, plan, scenarios=5, seed=9))


def test_dask_process_workers_equal_one_local_run(inputs):
    """Inputs and chunks cross process boundaries pickled, as on a cluster."""
    portfolio, _, allocation = inputs
    with dask.config.set(scheduler="processes", num_workers=2):
        evaluated = sf.distributed.evaluate(portfolio, allocation, scenarios=300, seed=4, chunks=2)
    _same_evaluation(evaluated, sf.evaluate(portfolio, allocation, scenarios=300, seed=4))


def test_a_catalog_file_is_read_before_the_chunks_leave(inputs, tmp_path, monkeypatch):
    """Workers may not see the catalog file: they receive its contents."""
    from stratfund import distributed
    from stratfund.catalog import catalog_dict

    portfolio, plan, _ = inputs
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(catalog_dict()), encoding="utf-8")
    received = []

    def run(*args, **options):
        received.append(options["catalog"])
        return sf.robustness(*args, **options)

    monkeypatch.setattr(distributed, "_robustness", run)
    with dask.config.set(scheduler="sync"):
        robust = sf.distributed.robustness(portfolio, plan, scenarios=4, seed=3, chunks=2, catalog=path)
    assert received == [catalog_dict(), catalog_dict()]
    _same_robustness(robust, sf.robustness(portfolio, plan, scenarios=4, seed=3, catalog=path))
