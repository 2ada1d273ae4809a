"""Plots: they draw what they say, on a given Axes or a new one, and return it."""

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
