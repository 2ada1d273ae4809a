"""The stratfund exception hierarchy.

All errors raised by stratfund derive from :class:`StratfundError`. Input errors are
:class:`ValidationError`, which is also a :class:`ValueError` and carries the list of problems,
each naming the project id, the field and the rule.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ._dependencies import require

if TYPE_CHECKING:
    from pandas import DataFrame


class StratfundError(Exception):
    """Base class of every stratfund error."""

    def __init__(self, message: str = "", *, problems_json: Optional[str] = None) -> None:
        super().__init__(message)
        self.problems: List[Dict[str, Any]] = json.loads(problems_json) if problems_json else []


class ValidationError(StratfundError, ValueError):
    """The inputs break one or more rules, or a file cannot be parsed.

    Attributes
    ----------
    problems : list of dict
        Every problem found, each with ``project`` (id or None), ``field``, ``rule`` and
        ``message``; for input that cannot be read (a file, a DataFrame, dicts) also ``file``,
        ``line`` and ``column``, and ``rule`` is a reading rule such as ``wrong_type``,
        ``unknown_field``, ``missing_field`` or ``syntax`` (``stratfund::ReadRule`` lists them).
        A CSV file or a portfolio DataFrame lists every cell it
        cannot read, by row; JSON (a file, or project dicts) every project or progress row it
        cannot read, the first error in each; a syntax error stops the read. ``line`` and
        ``column`` are None for dicts and lists given in Python (they have no lines).

    Examples
    --------
    >>> import stratfund as sf
    >>> try:
    ...     sf.Portfolio([{"id": "A", "group": "biotech", "class": "markett", "cost": "ten", "impact": 1}])
    ... except sf.ValidationError as error:
    ...     print(error.problems_frame()[["project", "field", "rule"]].to_string(index=False))
    project field          rule
          A class invalid_value
    """

    def problems_frame(self) -> DataFrame:
        """The problems as a DataFrame, one row each (the columns of :attr:`problems`)."""
        return _problems_frame(self.problems)


class InputWarning(UserWarning):
    """Inputs that the contract allows but that are probably not meant: a group or region bound on
    a group or region no project is in (a region spelled unlike every project's, ``Ha Noi`` for
    ``Hanoi``, bounds no money), or a ``min_state_spend`` objective with no ``min_value`` and no
    ``projects``, which asks for nothing. The message names the field, the rule (``no_projects``,
    ``no_target``) and the name probably meant; :attr:`ValidationReport.notes` lists them too.
    Also a report language or catalog given to ``to_path`` for a JSON or CSV file, which they do
    not change (they translate and name the Markdown and HTML reports).

    Examples
    --------
    >>> import warnings, stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=20, seed=1)
    >>> typo = plan.replace(region_bounds={"Ha Noi": {"max_share": 0.3}})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = sf.solve(portfolio, typo)
    >>> print(caught[0].message)
    field `region_bounds.Ha Noi`: no project of the portfolio is in region `Ha Noi`: it bounds no money; did you mean `Hanoi`? [rule no_projects]
    """


class InfeasibleError(StratfundError):
    """Raised only when the caller asks for an exception instead of an infeasible status
    (``solve(..., raise_on_infeasible=True)``); ``allocation`` holds the infeasible allocation and
    its ``explanation``.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> strict = plan.replace(group_bounds={"semiconductors": {"min_share": 0.9}})
    >>> try:
    ...     sf.solve(portfolio, strict, raise_on_infeasible=True)
    ... except sf.InfeasibleError as error:
    ...     print(error.allocation.status, list(error.allocation.explanation["constraint"]))
    infeasible ['group_min:semiconductors']
    """


class SolverError(StratfundError):
    """The solver failed (an infeasible plan is a status on the result, not this error)."""


def _problems_frame(problems: List[Dict[str, Any]]) -> Any:
    """The problems as a DataFrame: the core's four columns (project, field, rule, message) first,
    then the others (file, line, column) in their first order of appearance."""
    pd = require("pandas", "pandas")
    columns = ["project", "field", "rule", "message"]
    for problem in problems:
        columns.extend(key for key in problem if key not in columns)
    return pd.DataFrame.from_records(problems, columns=columns)


def _problem_text(problem: Dict[str, Any]) -> str:
    """One problem as the core writes it: the file and line when read from one, the project and
    field, what is wrong and the rule."""
    where = ", ".join(
        text
        for key, text in (("project", f"project {problem.get('project')}"), ("field", f"field `{problem.get('field')}`"))
        if problem.get(key)
    )
    text = f"{where}: {problem['message']}" if where else str(problem["message"])
    position = _position(problem)
    text = f"{position}: {text}" if position else text
    return f"{text} [rule {problem['rule']}]"


def _position(problem: Dict[str, Any]) -> str:
    """``file:line:column`` of a problem read from a file or table (as much as it has), else empty."""
    if not problem.get("file"):
        return ""
    line = problem.get("line")
    column = problem.get("column") if line else None
    return str(problem["file"]) + "".join(f":{n}" for n in (line, column) if n)


def _reading_error(problems: List[Dict[str, Any]], source: str) -> ValidationError:
    """The error for what cannot be read in ``source``, worded as the core words its own."""
    lines = [_problem_text(p) for p in problems]
    text = lines[0] if len(lines) == 1 else "\n  - ".join([f"{len(lines)} problems reading {source}:", *lines])
    return ValidationError(text, problems_json=json.dumps(problems))


def _counted(count: int, noun: str) -> str:
    """A count and its English noun, singular for one, as the core writes it.

    Examples
    --------
    >>> _counted(1, "problem"), _counted(2, "ineligible project")
    ('1 problem', '2 ineligible projects')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _argument_error(
    field: str, message: str, rule: str = "out_of_range", project: Optional[str] = None
) -> ValidationError:
    """A :class:`ValidationError` for one bad argument, shaped like the core's problems."""
    problem = {"project": project, "field": field, "rule": rule, "message": message}
    where = f"project {project}, " if project is not None else ""
    text = f"1 validation problem:\n  - {where}field `{field}`: {message} [rule {rule}]"
    return ValidationError(text, problems_json=json.dumps([problem]))


__all__ = ["StratfundError", "ValidationError", "InfeasibleError", "SolverError", "InputWarning"]
