"""Progress of long studies: a callable sees the finished steps grow to the total, a bar shows
them, and a failing callback stops the study with its exception."""

import sys
import types

import pytest

import stratfund as sf


@pytest.fixture(scope="module")
def inputs():
    return sf.demo.generate(projects=30, seed=2)


def _recorder():
    calls = []
    return calls, lambda done, total: calls.append((done, total))


def _assert_counts_up_to(calls, total):
    assert calls, "progress was never reported"
    assert all(t == total for _, t in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(set(done)) == len(done)
    assert done[-1] == total


def test_robustness_reports_every_scenario(inputs):
    calls, record = _recorder()
    r = sf.robustness(*inputs, scenarios=6, seed=1, progress=record)
    _assert_counts_up_to(calls, 6)
    assert r.funded.shape == (6, 30)


def test_a_chunk_counts_its_own_scenarios(inputs):
    calls, record = _recorder()
    sf.robustness(*inputs, scenarios=range(4, 7), seed=1, progress=record)
    _assert_counts_up_to(calls, 3)


def test_frontier_compare_and_sweep_report_their_solves(inputs):
    calls, record = _recorder()
    sf.frontier(*inputs, [0.5, 1.0, 1.5], progress=record)
    _assert_counts_up_to(calls, 3)
    calls, record = _recorder()
    sf.compare(*inputs, [{"name": "cut", "budget_scale": 0.5}], progress=record)
    _assert_counts_up_to(calls, 2)
    calls, record = _recorder()
    sf.policy_sweep(*inputs, strategic=[0.1, 0.2], progress=record)
    _assert_counts_up_to(calls, 3)


def test_progress_true_without_tqdm_writes_a_line(inputs, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import fails as when tqdm is not installed
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    sf.frontier(*inputs, [0.5, 1.0], progress=True)
    err = capsys.readouterr().err
    assert "frontier levels" in err and "2/2" in err and err.endswith("\n")


def test_progress_true_uses_tqdm_when_installed(inputs, monkeypatch):
    bars = []

    class FakeBar:
        def __init__(self, total, desc, unit):
            self.total, self.desc, self.n, self.closed = total, desc, 0, False
            bars.append(self)

        def update(self, k):
            assert k > 0
            self.n += k

        def close(self):
            self.closed = True

    auto = types.ModuleType("tqdm.auto")
    auto.tqdm = FakeBar
    monkeypatch.setitem(sys.modules, "tqdm", types.ModuleType("tqdm"))
    monkeypatch.setitem(sys.modules, "tqdm.auto", auto)
    sf.robustness(*inputs, scenarios=5, seed=3, progress=True)
    (bar,) = bars
    assert (bar.total, bar.n, bar.closed, bar.desc) == (5, 5, True, "re-optimised scenarios")


def test_a_failing_callback_stops_the_study(inputs):
    def fail(done, total):
        raise RuntimeError(f"stop at {done} of {total}")

    with pytest.raises(RuntimeError, match="stop at"):
        sf.robustness(*inputs, scenarios=4, seed=1, progress=fail)


def test_progress_of_the_wrong_type_is_a_type_error(inputs):
    with pytest.raises(TypeError, match="progress"):
        sf.frontier(*inputs, [1.0], progress="yes")


def test_results_do_not_depend_on_progress(inputs):
    quiet = sf.robustness(*inputs, scenarios=5, seed=4)
    watched = sf.robustness(*inputs, scenarios=5, seed=4, progress=lambda done, total: None)
    assert (quiet.funded == watched.funded).all()
    assert quiet.core.equals(watched.core)
