"""Monitoring and re-planning (MODEL.md section 8), as pandas.

Progress records say, per funded project and period (``YYYY`` or ``YYYY-Qn``), how much state money
was disbursed and the milestone status (``not_started``, ``on_track``, ``late``, ``stalled``,
``completed``), with the due and completion dates. :func:`monitor` turns them into KPIs by group,
region and house; :func:`replan` re-optimises the rest of the plan: disbursed money is sunk,
continuing projects keep their remaining funding, stalled ones are cut (by default), and the
remaining budget goes to the continuing and waiting proposals.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import operator
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _core
from ._arguments import whole_number
from ._dependencies import require
from ._frames import scalar
from ._index import with_id_column
from ._reports import _Document
from .allocation import Allocation, AllocationLike, as_allocation
from .catalog import _as_json as _catalog_json
from .exceptions import _argument_error, _reading_error
from .model import CatalogLike, PathLike, Plan, PlanLike, Portfolio, PortfolioLike, _document_json, as_inputs

if TYPE_CHECKING:
    from pandas import DataFrame


#: The columns of progress records, in file order.
PROGRESS_COLUMNS = ["project_id", "period", "disbursed", "status", "due_date", "completed_date"]

ProgressLike = Union[PathLike, Any, Sequence[Mapping[str, Any]]]


def read_progress(path: PathLike) -> DataFrame:
    """Read progress records from a ``.csv`` or ``.json`` file into a DataFrame.

    The core reads and checks the file: an unknown column, a bad period, status or date raises
    :class:`stratfund.ValidationError` naming the file, line, project and column.

    Examples
    --------
    >>> import stratfund as sf, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.csv"
    >>> _ = path.write_text("project_id,period,disbursed,status\\nP-1,2026-Q2,3.5,late\\n")
    >>> sf.read_progress(path)[["project_id", "period", "status"]].to_dict("records")
    [{'project_id': 'P-1', 'period': '2026-Q2', 'status': 'late'}]
    """
    pd = require("pandas", "pandas")
    rows = json.loads(_core.read_progress_json(os.fspath(path)))
    return pd.DataFrame.from_records(rows, columns=PROGRESS_COLUMNS)


def write_progress(progress: ProgressLike, path: PathLike) -> None:
    """Write progress records (a DataFrame or a list of dicts) to a ``.csv`` or ``.json`` file.

    Parameters
    ----------
    progress : DataFrame or list of dict
        Records with the columns of :data:`PROGRESS_COLUMNS` (missing optional cells are empty).
    path : str or path
        The file; its extension (``.csv`` or ``.json``) picks the format.

    Raises
    ------
    ValidationError
        Another extension, or a record that cannot be read (an unknown status, a bad period or
        date), naming the row, its project and the field.

    Examples
    --------
    >>> import stratfund as sf, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.json"
    >>> sf.write_progress([{"project_id": "P-1", "period": "2026-Q2", "disbursed": 3.5, "status": "late"}], path)
    >>> sf.read_progress(path)[["project_id", "status"]].to_dict("records")
    [{'project_id': 'P-1', 'status': 'late'}]
    """
    _core.write_progress(_progress_json(progress), os.fspath(path))


def _cell(value: Any) -> Any:
    """A JSON-ready cell: missing values (None, NaN, NaT) become None, dates ISO strings."""
    try:
        import pandas as pd

        if pd.api.types.is_scalar(value) and pd.isna(value):
            return None
    except ImportError:  # pragma: no cover - pandas is optional
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if type(value).__name__ == "Period":  # a pandas period: a year, or a quarter as FORMATS.md writes it
        return _period(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if hasattr(value, "item"):  # numpy scalars (float32 ones as the decimals they show)
        return _cell(scalar(value))
    return value


def _period(period: Any) -> str:
    """A pandas Period as FORMATS.md writes periods (``2026``, ``2026-Q1``); another frequency as
    pandas writes it, for the core to refuse with the record it is in."""
    frequency = str(getattr(period, "freqstr", ""))
    if frequency.startswith(("Y", "A")):
        return str(period.year)
    if frequency.startswith("Q"):
        return f"{period.qyear}-Q{period.quarter}"
    return str(period)


def _as_of(period: Any) -> Optional[str]:
    """A reporting period given as text, a year (``2027``) or a pandas Period, as FORMATS.md writes
    periods; None for the latest period of the records."""
    if period is None or isinstance(period, str):
        return period
    if type(period).__name__ == "Period":
        return _period(period)
    if not isinstance(period, bool) and hasattr(period, "__index__"):
        return str(operator.index(period))
    raise TypeError(
        f"as_of: expected a period such as 2027 or '2027-Q3' (text, a year or a pandas Period); "
        f"got {type(period).__name__} {period!r}"
    )


_REQUIRED = ("project_id", "period", "status")


def _unknown_column(column: str) -> str:
    """The message of an unknown progress column, with the column it probably meant."""
    hint = _core.did_you_mean(column, PROGRESS_COLUMNS)
    return f"unknown column `{column}`{hint}; progress columns are {', '.join(PROGRESS_COLUMNS)}"


def _check_columns(columns: Sequence[str], rows: int) -> None:
    """Raise one problem per unknown column of progress records, per column given twice (a
    DataFrame's), and per required column that a table (a DataFrame) or every one of ``rows``
    records lacks (as for a CSV file's header), not one per row; one problem when they are
    another table's (a portfolio's)."""
    _core.refuse_other_table(list(columns), "progress", "<progress>")
    faults = [(c, "unknown_field", _unknown_column(c)) for c in columns if c not in PROGRESS_COLUMNS]
    twice = list(dict.fromkeys(c for k, c in enumerate(columns) if c in columns[:k]))
    faults += [(c, "duplicate_field", f"column `{c}` appears twice") for c in twice]
    if rows:
        faults += [(c, "missing_field", f"required column `{c}` is missing") for c in _REQUIRED if c not in columns]
    if faults:
        where = {"file": "<progress>", "line": None, "column": None}
        problems = [{"project": None, "field": f, "rule": r, "message": m, **where} for f, r, m in faults]
        raise _reading_error(problems, "<progress>")


def _records(progress: Any) -> List[Dict[str, Any]]:
    """Progress given as a list of dicts, each a record."""
    if isinstance(progress, (bytes, Mapping)) or not isinstance(progress, Iterable):
        raise TypeError(
            f"progress: expected a DataFrame, a list of dicts or a file's path; got {type(progress).__name__}"
        )
    records = list(progress)
    for k, r in enumerate(records):
        if not isinstance(r, Mapping):
            raise TypeError(f"progress[{k}]: expected a dict (a record); got {type(r).__name__}")
    return [dict(r) for r in records]


def _progress_json(progress: ProgressLike) -> str:
    if isinstance(progress, (str, os.PathLike)):
        return str(_core.read_progress_json(os.fspath(progress)))
    if hasattr(progress, "to_dict") and hasattr(progress, "columns"):
        frame = with_id_column(progress, "project_id")  # ids in the index are read; row numbers are no ids
        _check_columns([str(c) for c in frame.columns], rows=max(len(frame), 1))
        records = frame.to_dict("records")
        # Rows whose every cell is empty below the table (what a spreadsheet exports there) hold
        # nothing. Only those at the end are dropped, so that an error's "row N" stays the frame's.
        while records and all(_cell(v) is None for v in records[-1].values()):
            records.pop()
    else:
        records = _records(progress)
        _check_columns(list(dict.fromkeys(str(k) for r in records for k in r)), rows=len(records))
    rows = []
    for number, r in enumerate(records, start=1):
        row = {str(k): _cell(v) for k, v in r.items()}
        _refuse_infinite(row, number)
        period = row.get("period")
        if isinstance(period, (int, float)) and not isinstance(period, bool) and float(period).is_integer():
            row["period"] = str(int(period))  # a year read as a number; 2026.5 goes on, for the core to refuse
        rows.append({k: v for k, v in row.items() if v is not None or k in ("project_id", "period", "status")})
    return json.dumps(rows, default=str)  # any other object as its text, which the core reads or names


def _refuse_infinite(row: Dict[str, Any], number: int) -> None:
    """Raise :class:`ValidationError` for an infinite cell of progress record ``number`` (JSON has no
    infinity; a NaN is an empty cell), naming its project and column."""
    for column, value in row.items():
        if isinstance(value, float) and math.isinf(value):
            project = row.get("project_id")
            project = project if isinstance(project, str) and project else f"#{number} (no id)"
            message = f"{column} in row {number} is {value}; it must be finite (JSON has no infinity)"
            raise _argument_error(column, message, "not_finite", project)


def _allocation_json(allocation: AllocationLike) -> str:
    return as_allocation(allocation)._to_core()


class Monitoring(_Document):
    """The monitoring report of an allocation being carried out.

    Attributes
    ----------
    as_of : str or None
        The reporting period (the latest period of the records, or the one asked for).
    kpis : pandas.DataFrame
        One row per scope, indexed by (``scope``, ``name``): ``overall``, each ``group`` and each
        ``region``. Columns: funded count, ``allocated``, ``planned_to_date`` and ``disbursed``
        state money, ``disbursement_rate`` (disbursed / allocated), ``disbursement_vs_schedule``
        (disbursed / planned to date), counts ``completed_on_time``, ``completed_late``,
        ``in_progress`` (on track, late or stalled), ``on_track``, ``late``, ``stalled``,
        ``not_started`` and ``unreported``, and ``over_disbursed`` (projects disbursed more state
        money than the allocation gives them; the report lists them).
    houses : pandas.DataFrame
        One row per house (state, enterprise, academia): committed money, disbursed (state only),
        and the committed money by where the projects stand: ``in_completed``, ``in_on_track``,
        ``in_late``, ``in_stalled`` and ``in_not_started`` (reported ``not_started`` or never
        reported), which add up to ``committed``.
    projects : pandas.DataFrame
        One row per funded project, indexed by id: status, last period, money, dates and timing.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=60, seed=4)
    >>> a = sf.solve(portfolio, plan)
    >>> m = sf.monitor(portfolio, plan, a, sf.demo.progress(a))
    >>> m.to_markdown(lang="vi").startswith("# Theo dõi thực hiện đến kỳ 2026")
    True
    """

    _kind = "monitor"

    def __init__(self, data: Dict[str, Any]) -> None:
        pd = require("pandas", "pandas")
        self._data = data
        self.as_of: Optional[str] = data["as_of"]
        rows = [{"scope": "overall", "name": "", **data["overall"]}]
        for scope, key in (("group", "by_group"), ("region", "by_region")):
            rows.extend({"scope": scope, "name": name, **k} for name, k in data[key].items())
        self.kpis: DataFrame = pd.DataFrame.from_records(rows).set_index(["scope", "name"])
        self.houses: DataFrame = pd.DataFrame.from_dict(data["by_house"], orient="index").rename_axis("house")
        columns = [
            "id", "group", "region", "status", "last_period", "allocated", "planned_to_date", "disbursed",
            "due_date", "completed_date", "timing",
        ]  # fmt: skip
        self.projects: DataFrame = pd.DataFrame.from_records(data["projects"], columns=columns).set_index("id")

    def _repr_html_(self) -> str:
        title = f"<h4>Monitoring as of {self.as_of or 'no report yet'}</h4>"
        return title + str(self.kpis.to_html()) + "<h5>By house</h5>" + str(self.houses.to_html())

    def __repr__(self) -> str:
        overall = self._data["overall"]
        return (
            f"Monitoring(as_of={self.as_of!r}, funded={overall['funded']}, "
            f"disbursed={overall['disbursed']:.4g} of {overall['allocated']:.4g})"
        )


def monitor(
    portfolio: PortfolioLike,
    plan: PlanLike,
    allocation: AllocationLike,
    progress: ProgressLike,
    *,
    as_of: Union[str, int, Any, None] = None,
) -> Monitoring:
    """KPIs of an allocation being carried out, from its progress records.

    Parameters
    ----------
    portfolio, plan : Portfolio, Plan
        The inputs the allocation was made from.
    allocation : Allocation or path
        The allocation being carried out.
    progress : DataFrame, list of dict or path
        Progress records with the columns of :data:`PROGRESS_COLUMNS` (``disbursed`` is the state
        money paid *during* the period; periods as ``YYYY``/``YYYY-Qn`` text, years or yearly
        and quarterly pandas Periods; dates as ``YYYY-MM-DD`` strings or dates).
    as_of : str, int or pandas Period, optional
        Reporting period (``"YYYY"`` or ``"YYYY-Qn"``, a year such as ``2027``, or a yearly or
        quarterly pandas Period); default: the latest period of the records.

    Returns
    -------
    Monitoring

    Raises
    ------
    ValidationError
        A record names a project that is not in the portfolio or not funded, overlaps another
        period of its project, lies outside the plan years, or is ``completed`` without a date;
        or the allocation was not made from the portfolio (a funded project is missing from it,
        or its money does not add up to scale x cost: rule ``allocation_mismatch``).

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> allocation = sf.solve(portfolio, plan)
    >>> progress = sf.demo.progress(allocation)
    >>> m = sf.monitor(portfolio, plan, allocation, progress)
    >>> m.as_of
    '2026'
    >>> int(m.kpis.loc[("overall", ""), "funded"]) == allocation.totals["funded"]
    True
    """
    portfolio, plan = as_inputs(portfolio, plan)
    text = _core.monitor_json(
        portfolio._core, plan._core, _allocation_json(allocation), _progress_json(progress), _as_of(as_of)
    )
    return Monitoring(json.loads(text))


class Replan(_Document):
    """A re-plan: the derived inputs and their optimal allocation.

    Attributes
    ----------
    from_year : int
        The first year re-planned.
    sunk : float
        State money disbursed so far.
    years : pandas.DataFrame
        One row per plan year: ``budget``, ``disbursed`` and ``replan_budget`` (the derived plan's
        budget; empty for past years).
    tracked : pandas.DataFrame
        One row per project the allocation funded, indexed by id: ``status``, ``action``
        (``continue``, ``compete``, ``cut`` or ``done``), ``allocated``, ``disbursed``,
        ``remaining_state``, ``remaining_cost``.
    allocation : Allocation
        The optimal allocation of the derived inputs.
    portfolio, plan : Portfolio, Plan
        The derived inputs (continuing remainders and waiting proposals; the remaining budget).
    excluded : dict of str to str
        Projects kept out of the derived solve and why (cut, or their exclusive label taken).

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> allocation = sf.solve(portfolio, plan)
    >>> r = sf.replan(portfolio, plan, allocation, sf.demo.progress(allocation))
    >>> r.from_year, r.plan.years, r.allocation.status
    (2027, [2027, 2028, 2029, 2030], 'optimal')
    >>> r.tracked["action"].value_counts().to_dict()
    {'continue': 18, 'done': 2}
    """

    _kind = "replan"

    def __init__(self, data: Dict[str, Any]) -> None:
        pd = require("pandas", "pandas")
        self._data = data
        self.from_year: int = data["from_year"]
        self.sunk: float = data["sunk"]
        self.years: DataFrame = pd.DataFrame.from_dict(data["years"], orient="index").rename_axis("year")
        self.years.index = self.years.index.astype(int)
        columns = ["id", "status", "action", "allocated", "disbursed", "remaining_state", "remaining_cost"]
        self.tracked: DataFrame = pd.DataFrame.from_records(data["tracked"], columns=columns).set_index("id")
        self.allocation = Allocation(data["allocation"])
        self.portfolio = Portfolio(data["portfolio"])
        self.plan = Plan(data["plan"])
        self.excluded: Dict[str, str] = dict(data["excluded"])

    def _repr_html_(self) -> str:
        title = f"<h4>Re-plan from {self.from_year} (sunk {self.sunk:,.4g})</h4>"
        return title + str(self.tracked["action"].value_counts().to_frame().to_html()) + self.allocation._repr_html_()

    def __repr__(self) -> str:
        return f"Replan(from_year={self.from_year}, status={self.allocation.status!r}, sunk={self.sunk:.4g})"


_ACTIONS = ("continue", "cut", "compete")


def _check_action(name: str, action: Any) -> None:
    """Refuses an action that is not one of :data:`_ACTIONS`, naming the keyword and the action it
    probably meant."""
    if action in _ACTIONS:
        return
    if not isinstance(action, str):
        raise TypeError(f"{name}: expected one of {', '.join(_ACTIONS)}; got {type(action).__name__}")
    hint = _core.did_you_mean(action, list(_ACTIONS))
    message = f"the action {action!r} must be one of {', '.join(_ACTIONS)}{hint}"
    raise _argument_error(name, message, rule="invalid_value")


def replan(
    portfolio: PortfolioLike,
    plan: PlanLike,
    allocation: AllocationLike,
    progress: ProgressLike,
    *,
    from_year: Optional[int] = None,
    not_started: str = "continue",
    on_track: str = "continue",
    late: str = "continue",
    stalled: str = "cut",
    catalog: Optional[CatalogLike] = None,
) -> Replan:
    """Re-plan mid-course from the progress records.

    Money already disbursed is sunk. A project whose status takes the action ``continue`` keeps its
    remaining funding (state money not yet disbursed, and the same share of its enterprise and
    academia money) as a mandatory project; ``compete`` lets the remainder compete with the waiting
    proposals; ``cut`` stops it (also a project that was mandatory in the allocation: the policy
    decides, and ``excluded`` says it was mandatory). Completed projects are done. The remaining
    budget is re-optimised under every rule of the plan (bounds count the money already received;
    under ``min_state_spend`` the completed projects' weighted expected value counts toward
    ``min_value``, and only continuing projects stay in the objective's ``projects``).

    Parameters
    ----------
    portfolio, plan : Portfolio, Plan
        The inputs the allocation was made from (the plan may be amended, for example its budget).
    allocation : Allocation or path
        The allocation being carried out.
    progress : DataFrame, list of dict or path
        Progress records (see :func:`monitor`).
    from_year : int, optional
        First year re-planned; default: the year of the latest period reported, or the next one
        when that period ends its year.
    not_started, on_track, late, stalled : {"continue", "compete", "cut"}
        What to do with funded projects by their latest status.
    catalog : dict or path-like, optional
        A catalog replacing the compiled-in one: a dict as a catalog file holds it, or the
        file's path (``.json`` or ``.toml``).

    Returns
    -------
    Replan

    Raises
    ------
    ValidationError
        An action that is not ``continue``, ``compete`` or ``cut``; a ``from_year`` outside the
        plan years; records that disburse more in a year than was available (rule ``overspent``);
        any record problem :func:`monitor` names; or an allocation not made from the portfolio.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
    >>> allocation = sf.solve(portfolio, plan)
    >>> r = sf.replan(portfolio, plan, allocation, sf.demo.progress(allocation))
    >>> r.from_year
    2027
    >>> continuing = r.tracked.index[r.tracked["action"] == "continue"]
    >>> bool(r.allocation.projects.loc[continuing, "funded"].all())
    True
    """
    policy: Dict[str, Any] = {"not_started": not_started, "on_track": on_track, "late": late, "stalled": stalled}
    for name, action in policy.items():
        _check_action(name, action)
    if from_year is not None:
        policy["from_year"] = whole_number("from_year", from_year)
    portfolio, plan = as_inputs(portfolio, plan, catalog=catalog)
    text = _core.replan_json(
        portfolio._core,
        plan._core,
        _allocation_json(allocation),
        _progress_json(progress),
        _document_json(policy),
        _catalog_json(catalog),
    )
    return Replan(json.loads(text))
