"""Portfolio and Plan: the inputs of an allocation, validated by the Rust core.

Both hold the canonical data of FORMATS.md (a dict); the Rust core checks every field when an
object is built, so unknown fields or wrong types fail early with the project id and field named.
"""

from __future__ import annotations

import decimal
import fractions
import html
import json
import math
import os
import warnings
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar, Union

from . import _core, _html
from ._dependencies import require
from ._frames import column_values
from ._index import with_id_column
from .exceptions import InputWarning, ValidationError, _argument_error, _reading_error

PathLike = Union[str, "os.PathLike[str]"]

if TYPE_CHECKING:
    from pandas import DataFrame
    import pandas as pd

#: What every function taking a portfolio accepts: a :class:`Portfolio`, a DataFrame of projects
#: (as :meth:`Portfolio.from_frame` reads it), a FORMATS.md dict, a list of project dicts or the
#: path of a ``.json`` or ``.csv`` file.
PortfolioLike = Union["Portfolio", "pd.DataFrame", Mapping[str, Any], Sequence[Mapping[str, Any]], PathLike]
#: What every function taking a plan accepts: a :class:`Plan`, a FORMATS.md dict or the path of a
#: ``.json`` or ``.toml`` file.
PlanLike = Union["Plan", Mapping[str, Any], PathLike]
#: What every function taking a catalog accepts: a dict as a catalog file holds it (CATALOG.md) or
#: the path of a ``.json`` or ``.toml`` catalog file.
CatalogLike = Union[Mapping[str, Any], PathLike]


_D = TypeVar("_D", bound="_Document")


class _Document:
    """A FORMATS.md document held by the Rust core (no JSON between calls); parsed into dicts only
    when asked."""

    __slots__ = ("_core", "_cache")
    _core: Any
    _cache: Optional[Dict[str, Any]]
    #: The core class holding the document (set by each subclass).
    _core_type: Any = None

    def __init__(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise TypeError(
                f"{type(self).__name__}: expected a FORMATS.md dict; got {type(data).__name__} "
                f"(use {type(self).__name__}.from_path for a file)"
            )
        self._core = self._core_type.from_json(_document_json(data, type(self).__name__.lower(), self._prepared))
        self._cache = None

    @staticmethod
    def _prepared(document: Dict[str, Any]) -> Dict[str, Any]:
        """The plain document as the core reads it (a hook for what a kind of document allows)."""
        return document

    @classmethod
    def from_path(cls: Type[_D], path: PathLike) -> _D:
        """Read the document from a file: a portfolio from ``.json`` or ``.csv``, a plan from
        ``.json`` or ``.toml``.

        Raises
        ------
        ValidationError
            A field or cell cannot be read (every one at once for a CSV portfolio), naming the
            file, line, project and field.
        OSError
            The file cannot be read.

        Examples
        --------
        >>> import pathlib, tempfile, stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=20, seed=1)
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> portfolio.to_path(folder / "proposals.csv")
        >>> sf.Portfolio.from_path(folder / "proposals.csv") == portfolio
        True
        >>> plan.to_path(folder / "plan.toml")
        >>> sf.Plan.from_path(folder / "plan.toml") == plan
        True
        """
        return cls._wrap(cls._core_type.from_path(os.fspath(path)))

    @classmethod
    def _wrap(cls: Type[_D], core: Any) -> _D:
        obj = cls.__new__(cls)
        obj._core = core
        obj._cache = None
        return obj

    @property
    def _data(self) -> Dict[str, Any]:
        if self._cache is None:
            self._cache = json.loads(self._core.to_json())
        return self._cache

    def to_dict(self) -> Dict[str, Any]:
        """The document as a dict (a copy), as its FORMATS.md JSON holds it.

        Examples
        --------
        >>> import stratfund as sf
        >>> plan = sf.demo.plan()
        >>> plan.to_dict()["schema"], sf.Plan(plan.to_dict()) == plan
        ('stratfund.plan/1', True)
        """
        return json.loads(self._core.to_json())

    def to_json(self) -> str:
        """The document as FORMATS.md JSON.

        Examples
        --------
        >>> import json, stratfund as sf
        >>> json.loads(sf.demo.portfolio().to_json())["schema"]
        'stratfund.portfolio/1'
        """
        return str(self._core.to_json(pretty=True))

    def to_path(self, path: PathLike) -> None:
        """Write the document to a file; the format follows the extension (``.json`` or
        ``.csv`` for a portfolio, ``.json`` or ``.toml`` for a plan). See :meth:`from_path`."""
        self._core.write(os.fspath(path))

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and bool(other._core == self._core)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._core.to_json())

    def __getstate__(self) -> str:
        return str(self._core.to_json())

    def __setstate__(self, state: str) -> None:
        self._core = self._core_type.from_json(state)
        self._cache = None


class Portfolio(_Document):
    """A set of project proposals in one currency unit.

    Parameters
    ----------
    data : mapping, list of mappings or DataFrame
        The portfolio as FORMATS.md describes it (``{"projects": [...], ...}``), its list of
        project dicts, or a DataFrame with one row per project (as :meth:`from_frame` reads it).
        In project dicts, NaN and ``pd.NA`` are empty cells (the field takes its default), as
        ``DataFrame.to_dict("records")`` leaves them; an infinite number is an error.

    Examples
    --------
    >>> import stratfund as sf
    >>> p = sf.Portfolio({"projects": [{"id": "P-1", "group": "biotech", "class": "market",
    ...                                 "cost": 10.0, "impact": 3.0}]})
    >>> len(p), p.currency_unit
    (1, 'billion VND')
    >>> sf.Portfolio(p.projects) == p == sf.Portfolio(p.to_frame())
    True
    """

    __slots__ = ()
    _core_type = _core.PortfolioCore

    def __init__(self, data: Union[Mapping[str, Any], Sequence[Mapping[str, Any]], "pd.DataFrame"]) -> None:
        if _is_frame(data):
            self._core, self._cache = Portfolio.from_frame(data)._core, None
            return
        if _is_project_list(data):
            data = {"projects": list(data)}
        super().__init__(data)  # type: ignore[arg-type]

    @staticmethod
    def _prepared(document: Dict[str, Any]) -> Dict[str, Any]:
        """Empty cells of project dicts (NaN, ``pd.NA``: what ``DataFrame.to_dict("records")``
        leaves) take the defaults, as they do in a DataFrame; records of another table (progress
        records) are refused as such."""
        projects = document.get("projects")
        if isinstance(projects, list):
            keys = dict.fromkeys(str(k) for p in projects if isinstance(p, dict) for k in p)
            _core.refuse_other_table(list(keys), "portfolio", "<portfolio>")
            projects = [
                {k: v for k, v in p.items() if not _is_missing(v)} if isinstance(p, dict) else p for p in projects
            ]
            document = {**document, "projects": projects}
        return document

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        currency_unit: str = "billion VND",
        catalog: Optional[str] = None,
    ) -> "Portfolio":
        """Build a portfolio from a DataFrame with one row per project.

        The index (or an ``id`` column) gives the ids; beside an ``id`` column, a named index is
        read as columns like the others (an unnamed one, pandas' row numbers, is not); columns use
        the FORMATS.md field names; NaN, None or blank cells take the defaults; list fields may be
        lists or ``;``-separated strings; ``cost_categories`` cells a dict of amounts by category
        or text such as ``research:60;pilot_materials:40``; numbers may be text (``"33.1"``, as
        ``read_csv(dtype=str)`` leaves them), and float32 cells count as the decimals they show.

        Parameters
        ----------
        frame : pandas.DataFrame
            One row per project.
        currency_unit : str
            The unit of every amount.
        catalog : str, optional
            The catalog the groups come from (the portfolio's ``catalog`` field).

        Returns
        -------
        Portfolio

        Raises
        ------
        ValidationError
            A cell cannot be read for its field (an unknown column, a number that is not one, a
            whole number with decimals), naming the row, the project and the column. The rules of
            MODEL.md are checked by :func:`stratfund.validate` and :func:`stratfund.solve`.

        Examples
        --------
        >>> import pandas as pd, stratfund as sf
        >>> frame = pd.DataFrame({"group": ["semiconductors"], "class": ["strategic"], "cost": [10.0],
        ...                       "enterprise_commitment": [3.0], "impact": [5.0]}, index=["P-1"])
        >>> sf.Portfolio.from_frame(frame).projects[0]["id"]
        'P-1'
        """
        names = [str(c) for c in frame.columns] + [str(n) for n in getattr(frame.index, "names", []) if n is not None]
        _core.refuse_other_table(names, "portfolio", "<DataFrame>")
        df = with_id_column(frame, "id")
        if "id" not in df.columns:
            _refuse_row_numbers(df)
        # By position: a name given to two columns reaches the core, which names it.
        columns = [(str(name), column_values(df.iloc[:, k])) for k, name in enumerate(df.columns)]
        return cls._wrap(_core.PortfolioCore.from_columns(columns, currency_unit, catalog))

    @property
    def currency_unit(self) -> str:
        """The currency unit of every amount.

        Examples
        --------
        >>> import stratfund as sf
        >>> sf.demo.portfolio().currency_unit
        'billion VND'
        """
        return str(self._core.currency_unit)

    @property
    def projects(self) -> List[Dict[str, Any]]:
        """The projects as dicts (a copy), as the portfolio's JSON holds them.

        Examples
        --------
        >>> import stratfund as sf
        >>> sf.demo.portfolio().projects[0]["id"]
        'P-0001'
        """
        return json.loads(json.dumps(self._data["projects"]))



    def to_frame(self) -> DataFrame:
        """The projects as a DataFrame indexed by project id, one column per FORMATS.md field.

        Examples
        --------
        >>> import stratfund as sf
        >>> frame = sf.demo.portfolio().to_frame()
        >>> frame.index.name, len(frame)
        ('id', 300)
        >>> sf.Portfolio(frame).projects == sf.demo.portfolio().projects  # a round trip
        True
        """
        pd = require("pandas", "pandas")
        columns = dict(self._core.columns())
        index = pd.Index(columns.pop("id"), name="id")
        return pd.DataFrame(columns, index=index)

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return f"Portfolio({len(self)} projects, {self.currency_unit})"

    def _repr_html_(self) -> str:
        projects = self.projects
        market = sum(p["class"] == "market" for p in projects)
        text = (
            f"{len(projects)} projects ({market} market, {len(projects) - market} strategic), total cost "
            f"{_html.cell(float(sum(p['cost'] for p in projects)))} {html.escape(self.currency_unit)}"
        )
        columns = ("cost", "enterprise_commitment", "academia_contribution", "state_request")
        groups: Dict[str, List[Any]] = {}
        for p in projects:
            row = groups.setdefault(p["group"], [p["group"], 0, 0, 0, 0.0, 0.0, 0.0, 0.0])
            row[1] += 1
            row[2] += p["class"] == "market"
            row[3] += bool(p.get("mandatory"))
            for k, column in enumerate(columns, start=4):
                row[k] += p.get(column) or 0.0
        header = ["group", "projects", "market", "mandatory", *columns]
        return _html.heading("stratfund portfolio", text) + _html.table(header, [groups[g] for g in sorted(groups)])


class Plan(_Document):
    """The budget and policy of one allocation round.

    Parameters
    ----------
    data : mapping
        The plan as FORMATS.md describes it (``years``, ``state_budget``, ``policy``, ...). A map
        field may be a pandas Series indexed by its keys (``state_budget`` by year,
        ``group_weights`` by group), and ``group_bounds``/``region_bounds`` a DataFrame with one
        row per group or region and ``min_share``/``max_share``/``min``/``max`` columns (empty
        cells give no bound). ``priority_bounds`` (a mapping or Series with the same four keys)
        bounds the state money of the projects whose ``product`` the catalog flags ``priority``
        (the national programme's products for immediate rollout), across groups.
        ``policy["state_share_caps"]`` (a mapping or Series by cost category, shares in [0, 1])
        caps the state's share of each cost category of the projects that give
        ``cost_categories`` (the National Product Programme's rule; off unless given).

    Examples
    --------
    >>> import pandas as pd, stratfund as sf
    >>> plan = sf.Plan({"years": [2026, 2027], "state_budget": {"2026": 900, "2027": 1000}})
    >>> plan.total_budget
    1900.0
    >>> bounds = pd.DataFrame({"min_share": [0.1, None], "max_share": [None, 0.3]},
    ...                       index=["semiconductors", "ai_twin_xr"])
    >>> sf.Plan({"years": [2026], "state_budget": pd.Series({2026: 900.0}),
    ...          "group_bounds": bounds}).to_dict()["group_bounds"]
    {'ai_twin_xr': {'max_share': 0.3}, 'semiconductors': {'min_share': 0.1}}
    """

    __slots__ = ()
    _core_type = _core.PlanCore

    @classmethod
    def from_frame(cls, budgets: Any, **settings: Any) -> "Plan":
        """Build a plan from a yearly budget table and plan settings.

        Parameters
        ----------
        budgets : DataFrame or Series
            Indexed by year (whole numbers, or dates or periods, of which the year is taken); a
            Series of budgets, or a DataFrame with a ``state_budget`` column.
        **settings
            Any other plan field (``carry_over``, ``min_grant``, ``policy``, ``group_bounds``, ...).

        Raises
        ------
        ValidationError
            The table has no ``state_budget`` column or another column, an index label is not a
            year, a budget cell is empty (NaN, ``pd.NA``) or not a number, ``years`` or
            ``state_budget`` is also given as a setting, or a setting is not a plan field.

        Examples
        --------
        >>> import pandas as pd, stratfund as sf
        >>> budgets = pd.Series([900.0, 1000.0], index=[2026, 2027], name="state_budget")
        >>> plan = sf.Plan.from_frame(budgets, min_grant=2.0, policy={"market_min_enterprise_share": 0.6})
        >>> plan.years, plan.total_budget
        ([2026, 2027], 1900.0)
        """
        given = sorted({"years", "state_budget"} & set(settings))
        if given:
            message = f"{', '.join(given)} come from the budget table; give them there, not as settings"
            raise _argument_error(given[0], message, "duplicate_field")
        series = _budget_column(budgets) if hasattr(budgets, "columns") else budgets
        years = [_year(label) for label in series.index]
        twice = sorted({year for year in years if years.count(year) > 1})
        if twice:
            message = f"year {twice[0]} appears twice in the budget table: give one budget per year"
            raise _argument_error("state_budget", message, "duplicate_field")
        amounts = column_values(series)
        state_budget = {str(year): _budget_amount(year, amount) for year, amount in zip(years, amounts)}
        return cls({"years": years, "state_budget": state_budget, **settings})

    @property
    def years(self) -> List[int]:
        """The plan years.

        Examples
        --------
        >>> import stratfund as sf
        >>> sf.demo.plan().years
        [2026, 2027, 2028, 2029, 2030]
        """
        return list(self._data["years"])

    @property
    def total_budget(self) -> float:
        """The sum of the yearly state budgets.

        Examples
        --------
        >>> import stratfund as sf
        >>> plan = sf.Plan({"years": [2026, 2027], "state_budget": {"2026": 100, "2027": 120}})
        >>> plan.total_budget
        220.0
        """
        return float(sum(self._data["state_budget"].values()))



    def replace(self, **changes: Any) -> "Plan":
        """A copy with top-level fields replaced; ``policy`` and ``solver`` dicts are merged.

        Examples
        --------
        >>> import stratfund as sf
        >>> plan = sf.Plan({"years": [2026], "state_budget": {"2026": 100}})
        >>> plan.replace(policy={"market_min_enterprise_share": 0.6}).to_dict()["policy"]["market_min_enterprise_share"]
        0.6
        """
        data = self.to_dict()
        for key, value in changes.items():
            if key in ("policy", "solver") and isinstance(value, Mapping):
                data[key] = {**data.get(key, {}), **value}
            else:
                data[key] = value
        return Plan(data)

    def __repr__(self) -> str:
        return f"Plan(years={self.years}, total_budget={self.total_budget:g})"

    def _repr_html_(self) -> str:
        data = self._data
        unit = html.escape(data.get("currency_unit", ""))
        text = f"years {self.years[0]}-{self.years[-1]}, " if self.years else "no years, "
        text += f"total state budget {_html.cell(self.total_budget)} {unit}".rstrip()
        budgets = _html.table(["year", "state_budget"], sorted(data["state_budget"].items()))
        shown = {k: v for k, v in data.items() if k not in ("schema", "currency_unit", "years", "state_budget")}
        settings = _html.table(["setting", "value"], _flattened(shown))
        return _html.heading("stratfund plan", text) + budgets + settings


def _budget_table_hint(columns: List[str]) -> str:
    """How to turn a table with a ``year`` column (and a budget column of another name) into the
    budget table: indexed by year, with a ``state_budget`` column; empty when neither applies."""
    renamed = [c for c in columns if "budget" in c.lower() and c != "state_budget"]
    steps = ['set_index("year")'] if "year" in columns else []
    if len(renamed) == 1:
        steps.append(f'rename(columns={{"{renamed[0]}": "state_budget"}})')
    return f"; try `frame.{'.'.join(steps)}`" if steps else ""


def _budget_column(frame: Any) -> Any:
    """The ``state_budget`` column of a yearly budget table, which must have no other column."""
    columns = [str(c) for c in frame.columns]
    if "state_budget" not in columns:
        message = f"a budget table needs a `state_budget` column (it has {', '.join(columns) or 'none'})"
        raise _argument_error("state_budget", message + _budget_table_hint(columns), "missing_field")
    others = [c for c in columns if c != "state_budget"]
    if others:
        message = f"a budget table has only `state_budget` (give other plan fields as settings): unknown column `{others[0]}`"
        raise _argument_error(others[0], message + _budget_table_hint(columns), "unknown_field")
    if len(columns) > 1:
        raise _argument_error("state_budget", "column `state_budget` appears twice", "duplicate_field")
    return frame["state_budget"]


def _year(label: Any) -> int:
    """A budget table's index label as a year: a whole number, text holding one, or a date or
    period (pandas' yearly resampling labels years so) of which the year is taken."""
    if hasattr(label, "year") and not isinstance(label, (str, bool)):
        return int(label.year)
    try:
        number = math.nan if isinstance(label, bool) else float(label)
    except (TypeError, ValueError):
        number = math.nan
    if not number.is_integer():
        raise _argument_error("state_budget", f"the index label `{label}` is not a year", "invalid_value")
    return int(number)


def _refuse_row_numbers(frame: Any) -> None:
    """Says that pandas' row numbers are not project ids (the frame has no ``id`` column and its
    index was row numbers), unless a column holds several columns (a file read with the wrong
    separator), which the core reports as the only error."""
    if not any(";" in str(name) or "\t" in str(name) for name in frame.columns):
        message = (
            "no `id` column, and the row index holds pandas' row numbers, not ids: give an `id` column "
            "or set the index to the ids (`frame.set_index(...)`, or name the index `id`)"
        )
        raise _argument_error("id", message, "missing_field")


def _flattened(data: Mapping[str, Any], prefix: str = "") -> List[Tuple[str, Any]]:
    """``(dotted.path, value)`` of every leaf of nested dicts, as problems name plan fields; lists
    joined with commas."""
    rows: List[Tuple[str, Any]] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows.extend(_flattened(value, f"{path}."))
        elif isinstance(value, list):
            rows.append((path, ", ".join(str(v) for v in value)))
        else:
            rows.append((path, value))
    return rows


def _is_frame(value: Any) -> bool:
    """Whether ``value`` is a DataFrame (checked by shape, so pandas is not imported)."""
    return hasattr(value, "columns") and hasattr(value, "index")


def _is_project_list(value: Any) -> bool:
    """Whether ``value`` is a list (any sequence but text) of project dicts."""
    return (
        isinstance(value, Sequence)
        and not isinstance(value, (str, bytes))
        and all(isinstance(p, Mapping) for p in value)
    )


def as_portfolio(value: PortfolioLike) -> "Portfolio":
    """The portfolio ``value`` stands for (see :data:`PortfolioLike`).

    Examples
    --------
    >>> import stratfund as sf
    >>> from stratfund.model import as_portfolio
    >>> len(as_portfolio([{"id": "P-1", "group": "biotech", "class": "market", "cost": 10, "impact": 3}]))
    1
    >>> as_portfolio(42)
    Traceback (most recent call last):
    ...
    TypeError: portfolio: expected a stratfund.Portfolio, a DataFrame with one row per project, a dict {"projects": [...]}, a list of project dicts or a .json/.csv path; got int
    """
    if isinstance(value, Portfolio):
        return value
    if isinstance(value, (str, os.PathLike)):
        return Portfolio.from_path(value)
    if isinstance(value, Plan) or (isinstance(value, Mapping) and "state_budget" in value and "projects" not in value):
        raise TypeError("portfolio: got a plan (it has a state_budget); pass the portfolio first, then the plan")
    if _is_frame(value) or isinstance(value, Mapping) or _is_project_list(value):
        return Portfolio(value)
    raise TypeError(
        f"portfolio: expected a stratfund.Portfolio, a DataFrame with one row per project, a dict "
        f'{{"projects": [...]}}, a list of project dicts or a .json/.csv path; got {type(value).__name__}'
    )


def as_inputs(
    portfolio: PortfolioLike, plan: PlanLike, *, warn: bool = True, catalog: Optional["CatalogLike"] = None
) -> Tuple["Portfolio", "Plan"]:
    """The portfolio and the plan ``portfolio`` and ``plan`` stand for, both read before an error
    is raised, so that it lists what cannot be read in either; with ``warn``, an
    :class:`InputWarning` for each note on the inputs (a bound the plan puts on a group or region
    no project is in, ``priority_bounds`` when no project has a product that ``catalog`` (default:
    the compiled-in one) flags priority, a ``min_state_spend`` objective that asks for nothing).

    Raises
    ------
    ValidationError
        Listing the problems of both inputs when cells or fields cannot be read in either; an
        input that is not a portfolio or plan at all (an unknown file extension) raises its own
        error first, as a missing file does.

    Examples
    --------
    >>> from stratfund.model import as_inputs
    >>> try:
    ...     as_inputs([{"id": "A", "group": "biotech", "class": "market", "cost": "ten", "impact": 1}], {"yeras": [2026]})
    ... except ValueError as error:
    ...     print(error)  # doctest: +ELLIPSIS
    2 problems reading the inputs:
      - <portfolio>: project A, field `cost`: invalid type: string "ten", expected a number [rule wrong_type]
      - <plan>: field `yeras`: unknown field `yeras`, expected one of `schema`, ... [rule unknown_field]
    """
    if isinstance(portfolio, (str, os.PathLike)) and isinstance(plan, (str, os.PathLike)):
        proposals, budget_plan = _read_files(portfolio, plan)
    else:
        proposals, budget_plan = _read_both(portfolio, plan)
    if warn:
        _warn_notes(proposals, budget_plan, catalog)
    return proposals, budget_plan


def _read_files(portfolio: PathLike, plan: PathLike) -> Tuple["Portfolio", "Plan"]:
    """A portfolio file and a plan file read by the core at once: the problems of both in one
    error, and files given the wrong way round (a ``.toml`` plan as the portfolio) said to be."""
    portfolio_core, plan_core = _core.read_inputs(os.fspath(portfolio), os.fspath(plan))
    return Portfolio._wrap(portfolio_core), Plan._wrap(plan_core)


def _read_both(portfolio: PortfolioLike, plan: PlanLike) -> Tuple["Portfolio", "Plan"]:
    """The two inputs, both read before an error is raised (see :func:`as_inputs`)."""
    try:
        proposals = as_portfolio(portfolio)
    except ValidationError as error:
        if not error.problems:
            raise
        try:
            as_plan(plan)
        except ValidationError as other:
            if not other.problems:
                raise
            raise _reading_error(error.problems + other.problems, "the inputs") from None
        raise
    return proposals, as_plan(plan)


def _warn_notes(portfolio: "Portfolio", plan: "Plan", catalog: Optional["CatalogLike"]) -> None:
    """An :class:`InputWarning` per note on the inputs (allowed, probably not meant; some need the
    catalog), pointing at the caller of the public function that read them."""
    from .catalog import _as_json as catalog_json

    for note in json.loads(_core.notes_json(portfolio._core, plan._core, catalog_json(catalog))):
        text = f"field `{note['field']}`: {note['message']} [rule {note['rule']}]"
        warnings.warn(text, InputWarning, stacklevel=4)


def as_plan(value: PlanLike) -> "Plan":
    """The plan ``value`` stands for (see :data:`PlanLike`).

    Examples
    --------
    >>> from stratfund.model import as_plan
    >>> as_plan({"years": [2026], "state_budget": {"2026": 100}}).total_budget
    100.0
    """
    if isinstance(value, Plan):
        return value
    if isinstance(value, (str, os.PathLike)):
        return Plan.from_path(value)
    if isinstance(value, Portfolio) or (isinstance(value, Mapping) and "projects" in value):
        raise TypeError("plan: got a portfolio (it has projects); pass the portfolio first, then the plan")
    if isinstance(value, Mapping):
        return Plan(value)
    raise TypeError(
        f"plan: expected a stratfund.Plan, a plan dict (years, state_budget, ...) or a .json/.toml path; "
        f"got {type(value).__name__}"
    )


#: Fields whose value is a map (FORMATS.md plans, MODEL.md scenarios): a pandas Series given for
#: one is read by its labels (``pd.Series({"semiconductors": 1.5})``), a DataFrame by its rows.
_MAP_FIELDS = frozenset(
    {
        "state_budget",
        "group_bounds",
        "region_bounds",
        "priority_bounds",
        "group_weights",
        "excluded",
        "policy",
        "budget_scale_by_year",
        "enterprise_scale_by_group",
        "success_probability_by_group",
        "success_probability",
        "state_share_caps",
        "cost_categories",
    }
)


def _plain(value: Any, field: Optional[str] = None) -> Any:
    """Convert mappings, sequences (``range``, sets, numpy arrays, pandas Series), numpy scalars,
    decimals and fractions into plain JSON-able Python values; a Series or DataFrame given for a
    map ``field`` becomes the map of its labels."""
    if field in _MAP_FIELDS and _is_labelled(value):
        value = _labelled_map(value, field)
    if isinstance(value, Mapping):
        return _plain_map(value, field)
    if isinstance(value, (list, tuple, range)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [_plain(v) for v in sorted(value, key=str)]
    if hasattr(value, "tolist") and callable(value.tolist):
        return _plain(value.tolist())
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, (str, bytes)):
        return value.item()
    if isinstance(value, (decimal.Decimal, fractions.Fraction)):
        return float(value)
    return value


def _plain_map(value: Mapping, field: Optional[str]) -> Dict[str, Any]:
    """A mapping with its keys as text; two keys written alike (``2026`` and ``"2026"``) are an
    error naming the field, not one value silently dropped."""
    out: Dict[str, Any] = {}
    for k, v in value.items():
        key = str(k)
        if key in out:
            message = f"`{key}` appears twice (keys {key!r} and {k!r} are the same name once written)"
            raise _argument_error(field or key, message, "duplicate_field")
        out[key] = _plain(v, key)
    return out


def _is_labelled(value: Any) -> bool:
    """A pandas Series or DataFrame (labelled rows), not a mapping or a plain sequence."""
    return hasattr(value, "index") and hasattr(value, "items") and not isinstance(value, Mapping)


def _labelled_map(value: Any, field: str) -> Dict[Any, Any]:
    """A Series as {label: value}; a DataFrame as {row label: {column: cell}}, empty cells left out
    (a bounds table with ``min_share`` and ``max_share`` columns, each group giving some). A label
    given twice is an error naming ``field``, not a row silently dropped."""
    twice = list(value.index[value.index.duplicated()])
    if twice:
        message = f"`{twice[0]}` appears twice in the index; give one row per name"
        raise _argument_error(field, message, "duplicate_field")
    if _is_frame(value):
        return {row: {k: v for k, v in cells.items() if not _is_missing(v)} for row, cells in value.iterrows()}
    return dict(value.items())


def _budget_amount(year: int, amount: Any) -> float:
    """The budget of ``year`` in a budget table, as a float; an empty or unreadable cell named."""
    field = f"state_budget.{year}"
    if _is_missing(amount):
        raise _argument_error(field, f"the budget of {year} is empty: give one for every year", "missing_field")
    try:
        return float(amount)
    except (TypeError, ValueError):
        raise _argument_error(field, f"cannot read {amount!r} as the budget of {year}", "wrong_type") from None


def _is_missing(value: Any) -> bool:
    """NaN, ``pd.NA`` or ``NaT``: what an empty DataFrame cell holds."""
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _document_json(value: Any, kind: str = "", prepare: Callable[[Any], Any] = lambda document: document) -> str:
    """JSON text of ``value`` for the core: numpy values, ranges and Series made plain, then
    ``prepare``-d, and a NaN or infinity refused naming its field (JSON has neither)."""
    document = prepare(_plain(value))
    _refuse_non_finite(document, kind)
    return json.dumps(document, default=str)  # any other object as its text, which the core reads or names


def _refuse_non_finite(document: Any, kind: str) -> None:
    """Raise :class:`ValidationError` at the first NaN, infinity or ``pd.NA`` left in a plain
    document, naming the project (``projects[i]``) and the field."""
    for path, value in _leaves(document, []):
        if not _is_missing(value) and not (isinstance(value, float) and math.isinf(value)):
            continue
        project = None
        if kind == "portfolio" and len(path) >= 2 and path[0] == "projects" and isinstance(path[1], int):
            item = document["projects"][path[1]]
            project = str(item.get("id", f"#{path[1] + 1} (no id)")) if isinstance(item, dict) else None
            path = path[2:]
        field = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))
        shown = "NaN" if isinstance(value, float) and math.isnan(value) else str(value)
        raise _argument_error(field, f"{field} is {shown}; it must be a finite number", "not_finite", project)


def _leaves(value: Any, path: List[Any]) -> Iterable[Any]:
    """(path, value) of every scalar in nested dicts and lists."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + [k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + [i])
    else:
        yield path, value


def _frame_or_records(records: Iterable[Mapping[str, Any]], index: Optional[str] = None) -> Any:
    """A DataFrame of the records, indexed by the ``index`` column when given (and present)."""
    pd = require("pandas", "pandas")
    frame = pd.DataFrame.from_records(list(records))
    return frame.set_index(index) if index is not None and index in frame.columns else frame
