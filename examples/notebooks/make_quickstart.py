"""Writes quickstart.ipynb (kept as a script so that the notebook is reviewable as code).

    .venv/bin/python examples/notebooks/make_quickstart.py

Every cell has a fixed id, so that writing the notebook again changes only what the cells say.
"""

import nbformat as nbf
from _write import write

cells = [
    nbf.v4.new_markdown_cell(
        '# stratfund quickstart\n'
        '\n'
        'Allocate a five-year national budget across 300 **synthetic** R&D proposals co-funded by the State, academia and enterprises, under the co-funding rules of Resolution 57-NQ/TW: market-led technologies need at least 50% enterprise money, strategic (state-led) ones at least 20%.',
        id='de24507b',
    ),
    nbf.v4.new_code_cell(
        'import stratfund as sf\n'
        '\n'
        'portfolio = sf.demo.portfolio()\n'
        'plan = sf.demo.plan()\n'
        'proposals = portfolio.to_frame()\n'
        "proposals[['group', 'class', 'cost', 'enterprise_commitment', 'state_request', 'impact', 'success_probability']].head()",
        id='972b9de3',
    ),
    nbf.v4.new_markdown_cell(
        '## Which proposals can never be funded, and why',
        id='e20cc4dd',
    ),
    nbf.v4.new_code_cell(
        'report = sf.validate(portfolio, plan)\n'
        'assert report.ok\n'
        "report.ineligible_frame()['rule'].str.split(':').str[0].value_counts()",
        id='3a1eb5bb',
    ),
    nbf.v4.new_markdown_cell(
        '## When a table has mistakes\n'
        '\n'
        'Every cell that cannot be read is listed at once, with its row, project, field and rule (and the fix, where there is one), so a spreadsheet is corrected in one pass. `sf.validate` returns the same list in its report instead of raising it.',
        id='messy-table-md',
    ),
    nbf.v4.new_code_cell(
        "messy = proposals.astype({'cost': object, 'trl': float})\n"
        "messy.loc['P-0002', 'class'] = 'markett'\n"
        "messy.loc['P-0005', 'cost'] = '1.250,5'  # a Vietnamese thousands dot and decimal comma\n"
        "messy.loc['P-0007', 'trl'] = 12.5\n"
        'try:\n'
        '    sf.solve(messy, plan)\n'
        'except sf.ValidationError as error:\n'
        '    problems = error.problems_frame()\n'
        "assert list(problems['project']) == ['P-0002', 'P-0005', 'P-0007']\n"
        "assert list(problems['rule']) == ['invalid_value', 'wrong_type', 'wrong_type']\n"
        "problems[['line', 'project', 'field', 'rule', 'message']]",
        id='messy-table-code',
    ),
    nbf.v4.new_markdown_cell(
        '## The optimal allocation',
        id='0a0d5931',
    ),
    nbf.v4.new_code_cell(
        'allocation = sf.solve(portfolio, plan)\n'
        "assert allocation.status == 'optimal'\n"
        'allocation.summary()',
        id='403a600c',
    ),
    nbf.v4.new_code_cell(
        'allocation.by_group().round(1)',
        id='d2fd4f2f',
    ),
    nbf.v4.new_code_cell(
        'projects = allocation.projects\n'
        "projects[~projects.funded]['reason'].str.split(':').str[0].value_counts()",
        id='94e34e5c',
    ),
    nbf.v4.new_code_cell(
        'allocation.plot_by_group();',
        id='d0ee30ba',
    ),
    nbf.v4.new_code_cell(
        'allocation.plot_by_year();',
        id='3ef3b7bc',
    ),
    nbf.v4.new_markdown_cell(
        "Shadow prices (from the LP relaxation): the expected value one more billion VND of each year's budget would buy, and the cost of binding bounds.",
        id='1a6aa802',
    ),
    nbf.v4.new_code_cell(
        'allocation.shadow_prices.sort_values(ascending=False).head(8)',
        id='48859912',
    ),
    nbf.v4.new_markdown_cell(
        '## A report to print or mail, in Vietnamese\n'
        '\n'
        "`to_markdown` and `to_html` write the allocation report (key figures, groups with the catalog's names, unfunded projects by reason, every project) in English (`lang='en'`) or Vietnamese (`lang='vi'`).",
        id='report-vi-md',
    ),
    nbf.v4.new_code_cell(
        'from IPython.display import Markdown\n'
        '\n'
        "report = allocation.to_markdown(lang='vi')\n"
        "assert report.startswith('# Phân bổ kinh phí')\n"
        "Markdown(report.split('## Theo năm')[0])",
        id='report-vi-show',
    ),
    nbf.v4.new_code_cell(
        'from pathlib import Path\n'
        '\n'
        "page = Path('bao-cao-phan-bo.html')\n"
        "page.write_text(allocation.to_html(lang='vi'), encoding='utf-8')\n"
        "print(page, page.stat().st_size, 'bytes')\n"
        'page.unlink()',
        id='report-vi-html',
    ),
    nbf.v4.new_markdown_cell(
        '## What if strategic projects needed 40% enterprise money?\n'
        '\n'
        'Tighten the policy share and compare.',
        id='a0e3a862',
    ),
    nbf.v4.new_code_cell(
        "tight = sf.solve(portfolio, plan.replace(policy={'strategic_min_enterprise_share': 0.40}))\n"
        'import pandas as pd\n'
        'comparison = pd.DataFrame({\n'
        "    'policy 20%': {**allocation.totals, 'objective': allocation.objective},\n"
        "    'policy 40%': {**tight.totals, 'objective': tight.objective},\n"
        '})\n'
        'assert tight.objective < allocation.objective  # the stricter share costs value\n'
        'comparison',
        id='35a9f81f',
    ),
    nbf.v4.new_code_cell(
        'before, after = allocation.projects.funded, tight.projects.funded\n'
        "print('leave:', sorted(before[before & ~after].index))\n"
        "print('enter:', sorted(after[after & ~before].index))",
        id='b335d336',
    ),
]
write(cells, "quickstart.ipynb")
