"""Validation reports: every problem at once, and the projects the co-funding rules exclude."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from . import _core
from .catalog import _as_json as _catalog_json
from .exceptions import ValidationError
from .model import PlanLike, PortfolioLike, _frame_or_records, as_plan, as_portfolio


class ValidationReport:
    """What validation found.

    Attributes
    ----------
    problems : list of dict
        Input errors (``project``, ``field``, ``rule``, ``message``); the inputs cannot be solved
        while there is one.
    ineligible : list of dict
        Projects that can never be funded (``id``, ``rule``, ``detail``); not errors.
    """

    def __init__(self, data: Dict[str, Any]) -> None:
        self.problems: List[Dict[str, Any]] = data["problems"]
        self.ineligible: List[Dict[str, Any]] = data["ineligible"]

    @property
    def ok(self) -> bool:
        """True when there is no input problem."""
        return not self.problems

    def problems_frame(self) -> Any:
        """The problems as a DataFrame."""
        return _frame_or_records(self.problems)

    def ineligible_frame(self) -> Any:
        """The ineligible projects as a DataFrame indexed by id."""
        return _frame_or_records(self.ineligible, "id")

    def raise_for_problems(self) -> None:
        """Raise :class:`ValidationError` listing every problem, if there is one."""
        if self.problems:
            lines = [f"{len(self.problems)} validation problem(s):"]
            for p in self.problems:
                where = f"project {p['project']}, " if p.get("project") else ""
                lines.append(f"  - {where}field `{p['field']}`: {p['message']} [rule {p['rule']}]")
            raise ValidationError("\n".join(lines), problems_json=json.dumps(self.problems))

    def __repr__(self) -> str:
        return f"ValidationReport({len(self.problems)} problems, {len(self.ineligible)} ineligible)"


def validate(portfolio: PortfolioLike, plan: PlanLike, *, catalog: Optional[Dict[str, Any]] = None) -> ValidationReport:
    """Check a portfolio and a plan; return every problem and the ineligible projects.

    Unlike :func:`stratfund.solve`, problems are returned, not raised, so that all of them can be
    fixed in one pass.

    Parameters
    ----------
    portfolio : Portfolio, DataFrame, dict, list of dict or path
        The proposals.
    plan : Plan, dict or path
        The plan.
    catalog : dict, optional
        A catalog replacing the compiled-in one.

    Returns
    -------
    ValidationReport
        ``ok``, the ``problems`` (project, field, rule, message) and the ``ineligible`` projects
        with the rule each breaks.

    Raises
    ------
    TypeError
        ``portfolio`` or ``plan`` is not of a type listed above.
    ValidationError
        A file or dict cannot be read as a portfolio or plan (an unknown or missing field, a wrong
        type), naming the field.

    Examples
    --------
    >>> import stratfund as sf
    >>> report = sf.validate(sf.demo.portfolio(), sf.demo.plan())
    >>> report.ok, len(report.ineligible) > 0
    (True, True)
    """
    portfolio, plan = as_portfolio(portfolio), as_plan(plan)
    text = _core.validate_json(portfolio._core, plan._core, _catalog_json(catalog))
    return ValidationReport(json.loads(text))
