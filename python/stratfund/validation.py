"""Validation reports: every problem at once, and the projects the co-funding rules exclude."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from . import _core, _html
from .catalog import _as_json as _catalog_json
from .exceptions import ValidationError, _counted, _position, _problem_text, _problems_frame
from .model import CatalogLike, PlanLike, PortfolioLike, _frame_or_records, as_inputs

if TYPE_CHECKING:
    from pandas import DataFrame


class ValidationReport:
    """What validation found.

    Attributes
    ----------
    problems : list of dict
        Input errors (``project``, ``field``, ``rule``, ``message``; for cells or fields that
        cannot be read also ``file``, ``line`` and ``column``); the inputs cannot be solved while
        there is one.
    ineligible : list of dict
        Projects that can never be funded (``id``, ``rule``, ``detail``); not errors.
    notes : list of dict
        What the contract allows but is probably not meant (``field``, ``rule``, ``message``): a
        bound on a group or region no project is in, with the region probably meant, or a
        ``min_state_spend`` objective with no ``min_value`` and no ``projects``; not errors
        (:func:`stratfund.solve` warns of them with :class:`InputWarning`).

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> report = sf.validate(portfolio, plan)
    >>> report.ok, len(report.ineligible)
    (True, 4)
    >>> report.ineligible_frame().loc["P-0010", "rule"]
    'schedule_outside_plan'
    >>> bad = sf.validate(portfolio, plan.replace(carry_over=3.0))
    >>> bad.problems_frame()[["field", "rule"]].values.tolist()
    [['carry_over', 'share_out_of_range']]
    >>> bad.raise_for_problems()
    Traceback (most recent call last):
    ...
    stratfund.exceptions.ValidationError: 1 validation problem:
      - field `carry_over`: carry_over is 3; it must be in [0, 1] [rule share_out_of_range]
    """

    def __init__(self, data: Dict[str, Any]) -> None:
        self.problems: List[Dict[str, Any]] = data["problems"]
        self.ineligible: List[Dict[str, Any]] = data["ineligible"]
        self.notes: List[Dict[str, Any]] = data.get("notes", [])

    @property
    def ok(self) -> bool:
        """True when there is no input problem."""
        return not self.problems

    def problems_frame(self) -> DataFrame:
        """The problems as a DataFrame: ``project``, ``field``, ``rule``, ``message``, then ``file``,
        ``line`` and ``column`` when some cells or fields could not be read."""
        return _problems_frame(self.problems)

    def ineligible_frame(self) -> DataFrame:
        """The ineligible projects as a DataFrame indexed by id."""
        return _frame_or_records(self.ineligible, "id")

    def raise_for_problems(self) -> None:
        """Raise :class:`ValidationError` listing every problem, if there is one."""
        if self.problems:
            lines = [f"{_counted(len(self.problems), 'validation problem')}:"]
            for p in self.problems:
                lines.append(f"  - {_problem_text(p)}")
            raise ValidationError("\n".join(lines), problems_json=json.dumps(self.problems))

    def __repr__(self) -> str:
        return f"ValidationReport({_counted(len(self.problems), 'problem')}, {len(self.ineligible)} ineligible)"

    _SHOWN = 50

    def _repr_html_(self) -> str:
        status = "inputs are valid" if self.ok else f"<b>{_counted(len(self.problems), 'problem')}</b>"
        parts = [_html.heading("stratfund validation", f"{status}, {_counted(len(self.ineligible), 'ineligible project')}")]
        if self.problems:
            problems = [(_position(p), p.get("project"), p.get("field"), p["rule"], p["message"]) for p in self.problems]
            parts.append(_html.table(["where", "project", "field", "rule", "message"], problems))
        if self.notes:
            notes = [(n["field"], n["rule"], n["message"]) for n in self.notes]
            parts.append(_html.table(["note on", "rule", "message"], notes))
        if self.ineligible:
            counts = Counter(i["rule"] for i in self.ineligible)
            parts.append(_html.table(["rule", "ineligible projects"], counts.most_common()))
            ineligible = [(i["id"], i["rule"], i["detail"]) for i in self.ineligible[: self._SHOWN]]
            parts.append(_html.table(["id", "rule", "detail"], ineligible))
            if len(self.ineligible) > self._SHOWN:
                more = len(self.ineligible) - self._SHOWN
                parts.append(f"<p>... and {more} more (<code>ineligible_frame()</code> has them all)</p>")
        return "".join(parts)


def validate(portfolio: PortfolioLike, plan: PlanLike, *, catalog: Optional[CatalogLike] = None) -> ValidationReport:
    """Check a portfolio and a plan; return every problem and the ineligible projects.

    Unlike :func:`stratfund.solve`, problems are returned, not raised, so that all of them can be
    fixed in one pass: cells and fields that cannot be read, in the portfolio and the plan both
    (and a catalog file), are problems too (with ``file``, ``line`` and ``column``); the rules are
    checked once all can be read.

    Parameters
    ----------
    portfolio : Portfolio, DataFrame, dict, list of dict or path
        The proposals.
    plan : Plan, dict or path
        The plan.
    catalog : dict or path-like, optional
        A catalog replacing the compiled-in one: a dict as a catalog file holds it, or the
        file's path (``.json`` or ``.toml``).

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
        A file that is not a portfolio or plan file at all (an unknown extension, a spreadsheet).
    FileNotFoundError
        A file does not exist.

    Examples
    --------
    >>> import stratfund as sf
    >>> report = sf.validate(sf.demo.portfolio(), sf.demo.plan())
    >>> report.ok, len(report.ineligible) > 0
    (True, True)
    """
    inputs, input_problems = _read(lambda: as_inputs(portfolio, plan, warn=False))  # notes are in the report
    catalog_text, catalog_problems = _read(lambda: _catalog_json(catalog))
    if input_problems or catalog_problems:
        return ValidationReport({"problems": input_problems + catalog_problems, "ineligible": []})
    proposals, budget_plan = inputs
    text = _core.validate_json(proposals._core, budget_plan._core, catalog_text)
    return ValidationReport(json.loads(text))


def _read(read: Callable[[], Any]) -> Tuple[Any, List[Dict[str, Any]]]:
    """``(read(), [])``, or ``(None, problems)`` when what it reads has cells or fields it cannot
    read (an error without problems, such as a missing file, is raised)."""
    try:
        return read(), []
    except ValidationError as error:
        if not error.problems:
            raise
        return None, error.problems
