"""Writes monitoring.ipynb (kept as a script so that the notebook is reviewable as code).

    .venv/bin/python examples/notebooks/make_monitoring.py
"""

import nbformat as nbf
from _write import write

cells = [
    nbf.v4.new_markdown_cell(
        "# Monitoring disbursement and re-planning mid-course\n\n"
        "\"Results are the measure\": once the money is allocated, the ministry follows what is disbursed and "
        "which tasks are on time, and re-plans the remaining budget when projects stall. The data are the "
        "**synthetic** demo (300 proposals, 2026-2030) and its synthetic progress records for 2026 (the rows "
        "of `examples/data/demo_progress.csv`; read your own with `sf.read_progress(path)`)."
    ),
    nbf.v4.new_code_cell(
        "import stratfund as sf\n\n"
        "portfolio, plan = sf.demo.portfolio(), sf.demo.plan()\n"
        "allocation = sf.solve(portfolio, plan)\n"
        "progress = sf.demo.progress(allocation, year=2026)\n"
        "progress['status'].value_counts()"
    ),
    nbf.v4.new_markdown_cell(
        "## Where the money stands at the end of 2026\n\n"
        "`disbursement_rate` is the state money disbursed over the money allocated to the funded projects; "
        "`disbursement_vs_schedule` compares it with what their cost profiles planned to date."
    ),
    nbf.v4.new_code_cell(
        "monitoring = sf.monitor(portfolio, plan, allocation, progress)\n"
        "overall = monitoring.kpis.loc[('overall', '')]\n"
        "assert overall['funded'] == allocation.totals['funded']\n"
        "overall[['allocated', 'planned_to_date', 'disbursed', 'disbursement_rate', 'disbursement_vs_schedule']]"
    ),
    nbf.v4.new_code_cell(
        "by_group = monitoring.kpis.loc['group'].sort_values('disbursement_vs_schedule')\n"
        "ax = by_group['disbursement_vs_schedule'].plot.barh(figsize=(8, 4.5), color='tab:blue')\n"
        "ax.axvline(1.0, color='grey', linestyle='--')\n"
        "ax.set_xlabel('state money disbursed / planned to date (2026)');"
    ),
    nbf.v4.new_code_cell(
        "by_group[['funded', 'on_track', 'late', 'stalled', 'completed_on_time', 'not_started']]"
    ),
    nbf.v4.new_markdown_cell(
        "### Who is behind\n\nThe largest late or stalled projects, and the money of each house tied up in them."
    ),
    nbf.v4.new_code_cell(
        "behind = monitoring.projects[monitoring.projects['status'].isin(['late', 'stalled'])]\n"
        "behind.sort_values('allocated', ascending=False).head(8)[\n"
        "    ['group', 'status', 'allocated', 'planned_to_date', 'disbursed', 'due_date']\n"
        "]"
    ),
    nbf.v4.new_code_cell("monitoring.houses.round(1)"),
    nbf.v4.new_markdown_cell(
        "## Re-plan from 2027\n\n"
        "Money already disbursed is sunk. By default, projects on track, late or not started continue (their "
        "remaining funding becomes mandatory), stalled ones are cut, completed ones are done, and the "
        "remaining budget is re-optimised over the continuing projects and the proposals still waiting, "
        "under every rule of the plan."
    ),
    nbf.v4.new_code_cell(
        "replan = sf.replan(portfolio, plan, allocation, progress)\n"
        "assert replan.from_year == 2027 and replan.allocation.status == 'optimal'\n"
        "replan.tracked['action'].value_counts()"
    ),
    nbf.v4.new_code_cell("replan.years.round(1)"),
    nbf.v4.new_code_cell(
        "new = replan.allocation.projects\n"
        "continuing = replan.tracked.index[replan.tracked['action'] == 'continue']\n"
        "assert new.loc[continuing, 'funded'].all()\n"
        "entering = new.index[new['funded'] & ~new.index.isin(replan.tracked.index)]\n"
        "print(f'{len(continuing)} projects continue; {len(entering)} waiting proposals are funded from 2027')\n"
        "print(replan.allocation.summary())"
    ),
    nbf.v4.new_markdown_cell(
        "## Or let stalled projects compete\n\n"
        "With `stalled='compete'`, the remainder of a stalled project competes with the waiting proposals "
        "instead of being cut: it keeps its funding only if it is still worth its remaining cost."
    ),
    nbf.v4.new_code_cell(
        "compete = sf.replan(portfolio, plan, allocation, progress, stalled='compete')\n"
        "stalled = compete.tracked[compete.tracked['status'] == 'stalled']\n"
        "stalled[['allocated', 'disbursed', 'remaining_state']].join(compete.allocation.projects[['funded', 'reason']])"
    ),
    nbf.v4.new_code_cell(
        "import pandas as pd\n\n"
        "pd.DataFrame({\n"
        "    'cut stalled': replan.allocation.totals,\n"
        "    'stalled compete': compete.allocation.totals,\n"
        "}).loc[['funded', 'state', 'enterprise', 'expected_value']].round(1)"
    ),
    nbf.v4.new_markdown_cell(
        "## The reports, in Vietnamese\n\n"
        "`to_markdown(lang='vi')` and `to_html(lang='vi')` write the monitoring and re-plan reports for the "
        "ministry (group names from the catalog)."
    ),
    nbf.v4.new_code_cell(
        "from IPython.display import Markdown\n\n"
        "report = monitoring.to_markdown(lang='vi')\n"
        "assert report.startswith('# Theo dõi thực hiện đến kỳ 2026')\n"
        "Markdown('\\n'.join(report.splitlines()[:16]))"
    ),
]
write(cells, "monitoring.ipynb")
