"""Writes scenarios.ipynb (kept as a script so that the notebook is reviewable as code).

    .venv/bin/python examples/notebooks/make_scenarios.py
"""

import nbformat as nbf
from _write import write

cells = [
    nbf.v4.new_markdown_cell(
        "# Funding scenarios, budget frontier and Monte Carlo\n\n"
        "Before a ministry decides, it asks *what if*: what if the budget is cut, enterprises commit less, "
        "the counterpart rules tighten? How much does each extra billion VND of state budget buy? And how "
        "robust is the chosen portfolio when costs overrun and projects fail? The data are the **synthetic** "
        "demo (300 proposals, 2026-2030)."
    ),
    nbf.v4.new_code_cell(
        "import stratfund as sf\n\n"
        "portfolio, plan = sf.demo.portfolio(), sf.demo.plan()\n"
        "scenarios = sf.demo.scenarios()\n"
        "[(s['name'], s.get('description', '')) for s in scenarios]"
    ),
    nbf.v4.new_markdown_cell("## Scenarios side by side"),
    nbf.v4.new_code_cell(
        "comparison = sf.compare(portfolio, plan, scenarios)\n"
        "comparison.kpis[['status', 'objective', 'funded', 'state', 'enterprise', 'leverage', 'budget_used']]"
    ),
    nbf.v4.new_code_cell("comparison.plot();"),
    nbf.v4.new_code_cell("comparison.changes.groupby(['scenario', 'change']).size().unstack(fill_value=0)"),
    nbf.v4.new_markdown_cell(
        "Why projects leave: each scenario's reason for a project it no longer funds (a budget cut leaves "
        "`budget`; a stricter counterpart rule makes projects ineligible), and the state money they had in the baseline."
    ),
    nbf.v4.new_code_cell(
        "leaving = comparison.changes.query(\"change == 'leaving' and scenario != 'enterprise_shortfall'\")\n"
        "leaving.groupby(['scenario', 'reason'])['baseline_state'].agg(['size', 'sum'])"
    ),
    nbf.v4.new_markdown_cell(
        "A 20% enterprise shortfall in semiconductors and AI makes the plan infeasible. The explanation says "
        "which rule to relax, and by how much:"
    ),
    nbf.v4.new_code_cell(
        "shortfall = comparison.allocations['enterprise_shortfall']\n"
        "assert shortfall.status == 'infeasible'\n"
        "shortfall.explanation"
    ),
    nbf.v4.new_markdown_cell(
        "## Budget frontier\n\nThe value bought at each level of the state budget (a multiple of every year's "
        "budget), and the level at which each project enters the portfolio."
    ),
    nbf.v4.new_code_cell(
        "frontier = sf.frontier(portfolio, plan, [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0])\n"
        "print('\\n'.join(frontier.notes))\n"
        "frontier.plot();"
    ),
    nbf.v4.new_code_cell("frontier.entries.sort_values('entry_level').groupby('entry_level').size()"),
    nbf.v4.new_markdown_cell("## Enterprise-share thresholds\n\nMarket-led at least 50%, strategic at least 20% today:"),
    nbf.v4.new_code_cell(
        "sweep = sf.policy_sweep(portfolio, plan, market=[0.4, 0.5, 0.6], strategic=[0.2, 0.3])\n"
        "sweep[['status', 'objective', 'funded', 'leverage']]"
    ),
    nbf.v4.new_markdown_cell(
        "## Monte Carlo: the chosen allocation under uncertainty\n\n"
        "Success ~ Bernoulli, cost overrun ~ LogNormal, enterprise delivery ~ Beta, per project and scenario. "
        "The extra state money covers overruns and enterprise shortfalls."
    ),
    nbf.v4.new_code_cell(
        "allocation = sf.solve(portfolio, plan)\n"
        "evaluation = sf.evaluate(portfolio, allocation, scenarios=10_000, seed=57)\n"
        "{k: evaluation.summary[k] for k in ['value_mean', 'value_expected', 'extra_state_mean', "
        "'extra_state_var', 'extra_state_es']}"
    ),
    nbf.v4.new_markdown_cell(
        "The extra state money the allocation may need, with its value at risk and expected shortfall at "
        "the 95% level, and the value it delivers:"
    ),
    nbf.v4.new_code_cell("evaluation.plot_extra_state();"),
    nbf.v4.new_code_cell("evaluation.plot_value();"),
    nbf.v4.new_markdown_cell(
        "## Robustness: re-optimise in every sampled scenario\n\n"
        "The core index of a project is the share of scenarios in which it is funded."
    ),
    nbf.v4.new_code_cell(
        "robust = sf.robustness(portfolio, plan, scenarios=40, seed=57)\n"
        "robust.core['class'].value_counts()"
    ),
    nbf.v4.new_code_cell("robust.plot();"),
    nbf.v4.new_markdown_cell(
        "### One scenario on its own\n\nProposals keep the co-funding they were submitted with; in each scenario "
        "the state covers the cost overruns and enterprise shortfalls of the projects it funds. The draws of "
        "the worst scenario show what the baseline projects it dropped would have needed."
    ),
    nbf.v4.new_code_cell(
        "worst = int(robust.objective.argmin())\n"
        "draws = robust.scenario_draws(portfolio, plan, worst)\n"
        "baseline = sf.solve(portfolio, plan).projects\n"
        "dropped = baseline.index[baseline['funded'] & ~robust.funded[worst]]\n"
        "draws.loc[dropped].join(baseline.loc[dropped, ['state']])"
    ),
    nbf.v4.new_markdown_cell(
        "## Larger runs in chunks\n\nEvery scenario has its own random stream, so a run split into chunks (on "
        "dask, or by hand with `scenarios=range(a, b)`) gives exactly the result of one run."
    ),
    nbf.v4.new_code_cell(
        "chunked = sf.distributed.evaluate(portfolio, allocation, scenarios=10_000, seed=57, chunks=4)\n"
        "assert chunked.summary == evaluation.summary\n"
        "(chunked.value == evaluation.value).all()"
    ),
]
write(cells, "scenarios.ipynb")
