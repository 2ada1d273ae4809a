"""Writes quickstart.ipynb (kept as a script so that the notebook is reviewable as code).

    .venv/bin/python examples/notebooks/make_quickstart.py
"""

import nbformat as nbf
from _write import write

cells = [
    nbf.v4.new_markdown_cell(
        "# stratfund quickstart\n\n"
        "Allocate a five-year national budget across 300 **synthetic** R&D proposals co-funded by the State, "
        "academia and enterprises, under the co-funding rules of Resolution 57-NQ/TW: market-led technologies "
        "need at least 50% enterprise money, strategic (state-led) ones at least 20%."
    ),
    nbf.v4.new_code_cell(
        "import stratfund as sf\n\n"
        "portfolio = sf.demo.portfolio()\n"
        "plan = sf.demo.plan()\n"
        "proposals = portfolio.to_frame()\n"
        "proposals[['group', 'class', 'cost', 'enterprise_commitment', 'state_request', 'impact', 'success_probability']].head()"
    ),
    nbf.v4.new_markdown_cell("## Which proposals can never be funded, and why"),
    nbf.v4.new_code_cell(
        "report = sf.validate(portfolio, plan)\n"
        "assert report.ok\n"
        "report.ineligible_frame()['rule'].str.split(':').str[0].value_counts()"
    ),
    nbf.v4.new_markdown_cell("## The optimal allocation"),
    nbf.v4.new_code_cell("allocation = sf.solve(portfolio, plan)\nassert allocation.status == 'optimal'\nallocation.summary()"),
    nbf.v4.new_code_cell("allocation.by_group().round(1)"),
    nbf.v4.new_code_cell(
        "projects = allocation.projects\n"
        "projects[~projects.funded]['reason'].str.split(':').str[0].value_counts()"
    ),
    nbf.v4.new_code_cell("allocation.plot_by_group();"),
    nbf.v4.new_code_cell("allocation.plot_by_year();"),
    nbf.v4.new_markdown_cell(
        "Shadow prices (from the LP relaxation): the expected value one more billion VND of each year's "
        "budget would buy, and the cost of binding bounds."
    ),
    nbf.v4.new_code_cell("allocation.shadow_prices.sort_values(ascending=False).head(8)"),
    nbf.v4.new_markdown_cell(
        "## What if strategic projects needed 40% enterprise money?\n\nTighten the policy share and compare."
    ),
    nbf.v4.new_code_cell(
        "tight = sf.solve(portfolio, plan.replace(policy={'strategic_min_enterprise_share': 0.40}))\n"
        "import pandas as pd\n"
        "comparison = pd.DataFrame({\n"
        "    'policy 20%': {**allocation.totals, 'objective': allocation.objective},\n"
        "    'policy 40%': {**tight.totals, 'objective': tight.objective},\n"
        "})\n"
        "assert tight.objective < allocation.objective  # the stricter share costs value\n"
        "comparison"
    ),
    nbf.v4.new_code_cell(
        "before, after = allocation.projects.funded, tight.projects.funded\n"
        "print('leave:', sorted(before[before & ~after].index))\n"
        "print('enter:', sorted(after[after & ~before].index))"
    ),
]
write(cells, "quickstart.ipynb")
