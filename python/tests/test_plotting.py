"""Plots: they draw what they say, on a given Axes or a new one, and return it."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import stratfund as sf  # noqa: E402


@pytest.fixture(scope="module")
def allocation():
    return sf.solve(*sf.demo.generate(projects=120, seed=8))


def test_funding_by_group_stacks_the_three_houses(allocation, tmp_path):
    fig, ax = plt.subplots()
    assert allocation.plot_by_group(ax=ax) is ax
    groups = allocation.by_group()
    assert len(ax.patches) == 3 * len(groups)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["state", "enterprise", "academia"]
    tallest = max(p.get_y() + p.get_height() for p in ax.patches)
    assert tallest == pytest.approx(groups[["state", "enterprise", "academia"]].sum(axis=1).max())
    fig.savefig(tmp_path / "by_group.png")
    plt.close(fig)


def test_budget_by_year_without_an_axes_makes_one(allocation):
    ax = sf.plotting.budget_by_year(allocation)
    years = allocation.by_year()
    assert len(ax.patches) == 2 * len(years)
    assert list(ax.lines[0].get_ydata()) == pytest.approx(list(years["state"]))
    plt.close(ax.figure)


@pytest.fixture(scope="module")
def evaluation(allocation):
    return sf.evaluate(sf.demo.generate(projects=120, seed=8)[0], allocation, scenarios=400, seed=3)


def test_the_extra_state_money_histogram_marks_its_mean_var_and_es(evaluation):
    fig, ax = plt.subplots()
    assert evaluation.plot_extra_state(ax=ax) is ax
    summary = evaluation.summary
    marked = [line.get_xdata()[0] for line in ax.lines]
    assert marked == pytest.approx([summary["extra_state_mean"], summary["extra_state_var"], summary["extra_state_es"]])
    assert [line.get_label().split(" ")[0] for line in ax.lines] == ["mean", "VaR", "ES"]
    assert sum(p.get_height() for p in ax.patches) == 400  # every scenario in a bin
    plt.close(fig)


def test_the_delivered_value_histogram_marks_its_mean_and_quantiles(evaluation):
    ax = evaluation.plot_value()
    quantiles = evaluation.summary["value_quantiles"]
    marked = [line.get_xdata()[0] for line in ax.lines]
    assert marked == pytest.approx([evaluation.summary["value_mean"], quantiles["p05"], quantiles["p95"]])
    low, high = min(p.get_x() for p in ax.patches), max(p.get_x() + p.get_width() for p in ax.patches)
    totals = evaluation.totals()["value"]
    assert (low, high) == pytest.approx((totals.min(), totals.max()))
    plt.close(ax.figure)


def test_the_comparison_stacks_each_scenarios_houses_and_names_the_unsolved():
    portfolio, plan = sf.demo.generate(projects=40, seed=8)
    ineligible = {item["id"] for item in sf.validate(portfolio, plan).ineligible}
    everything = [i for i in portfolio.to_frame().index if i not in ineligible]
    c = sf.compare(portfolio, plan, [{"name": "cut", "budget_scale": 0.7}, {"name": "all", "force": everything}])
    ax = c.plot()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["baseline", "cut", "all\n(infeasible)"]
    heights = [p.get_height() for p in ax.patches]  # state bars, then enterprise, then academia
    assert heights[:3] == pytest.approx([c.kpis.loc["baseline", "state"], c.kpis.loc["cut", "state"], 0.0])
    values = ax.figure.axes[1].lines[0].get_ydata()  # the expected values, on the right axis
    assert list(values[:2]) == pytest.approx(list(c.kpis["expected_value"][:2]))
    assert math.isnan(values[2])  # no marker for the infeasible scenario
    plt.close(ax.figure)
    unsolvable = sf.compare(portfolio, plan.replace(group_bounds={"biotech": {"min": 1e9}}), [{"name": "cut", "budget_scale": 0.7}])
    ax = unsolvable.plot()  # every scenario infeasible: no bar, no marker, still a plot
    assert [t.get_text() for t in ax.get_xticklabels()] == ["baseline\n(infeasible)", "cut\n(infeasible)"]
    assert ax.figure.axes[1].get_ylim() == (0.0, 1.35)
    plt.close(ax.figure)


def test_the_core_index_plot_draws_every_funded_project_and_names_them_when_few():
    r = sf.robustness(*sf.demo.generate(projects=60, seed=8), scenarios=6, seed=2)
    funded = r.core[r.core["core_index"] > 0].sort_values("core_index", ascending=False, kind="stable")
    ax = sf.plotting.core_index(r, top=len(funded))
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx(list(funded["core_index"]))
    assert [t.get_text() for t in ax.get_xticklabels()] == list(funded.index)
    plt.close(ax.figure)
    ax = sf.plotting.core_index(r, top=len(funded) - 1)  # too many to name: every bar, unnamed
    assert len(ax.patches) == len(funded) and ax.get_xticklabels() == []
    assert ax.get_xlabel() == f"{len(funded)} projects, highest core index first"
    plt.close(ax.figure)
