"""Solving, and the allocation result as pandas objects."""

from __future__ import annotations

import functools
import html
import json
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Union

import numpy as np

from . import _core
from ._dependencies import require
from .catalog import _as_json as _catalog_json
from ._reports import _write_by_extension
from ._arguments import count, flag, number
from .exceptions import InfeasibleError
from .model import CatalogLike, PathLike, PlanLike, PortfolioLike, as_inputs

if TYPE_CHECKING:
    from pandas import DataFrame, Series
    from matplotlib.axes import Axes


_HOUSES = ("state", "enterprise", "academia")


class Summary:
    """A readable summary of an allocation (plain text, and HTML in notebooks: the allocation's
    view in English, the text itself in another language)."""

    def __init__(self, text: str, allocation: "Allocation", lang: str = "en") -> None:
        self._text = text
        self._allocation = allocation
        self._lang = lang

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return self._text

    def _repr_html_(self) -> str:
        if self._lang != "en":
            return f"<pre>{html.escape(self._text)}</pre>"
        return self._allocation._repr_html_()


#: What the HTML view says of an allocation solved as the LP relaxation: the reports' words
#: (`relaxed_note` of the Rust labels; a test checks that they stay the same).
_RELAXED_NOTE = (
    "LP relaxation: any project may be funded in part, whatever its min_fraction, so these figures bound "
    "what an allocation can reach; they are not an allocation to carry out"
)

# The columns of `by_group` and `by_region`, with their types.
_TOTAL_COLUMNS = {"state": "float64", "enterprise": "float64", "academia": "float64", "funded": "int64",
                  "expected_value": "float64"}


class Allocation:
    """The optimal co-funded allocation of a portfolio under a plan (FORMATS.md "Allocation").

    Attributes
    ----------
    status : str
        ``optimal``, ``feasible`` (a limit stopped the solver; see ``gap``), ``infeasible`` (see
        ``explanation``) or ``time_limit`` (no allocation found in time).
    objective, bound, gap : float or None
        Weighted expected value (or state money for ``min_state_spend``), the solver's bound on it,
        and their relative gap.

    Examples
    --------
    >>> import stratfund as sf
    >>> a = sf.solve(sf.demo.portfolio(), sf.demo.plan())
    >>> a.status, a.projects.loc["P-0054", "reason"]
    ('optimal', 'ineligible:financing_below_cost')
    >>> bool((a.by_group()["state"] >= 0).all())
    True
    """

    __slots__ = ("_data", "_core_text", "_core_value")

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data
        # The JSON handed to the Rust core and the core's parsed copy, made once: an allocation
        # is not changed after it is made, and encoding and parsing 1,000 projects again on each
        # call took 10 ms of a 10-scenario evaluate.
        self._core_text: Optional[str] = None
        self._core_value: Optional[_core.AllocationCore] = None

    @classmethod
    def _from_core_text(cls, text: str) -> "Allocation":
        """The allocation of JSON text the core wrote or validated, kept for the core."""
        allocation = cls(json.loads(text))
        allocation._core_text = text
        return allocation

    @classmethod
    def from_json(cls, text: str) -> "Allocation":
        """Read an allocation from its JSON text (as written by :meth:`to_json` or the CLI, or by
        hand after the FORMATS.md example: the fields it leaves out take their defaults).

        Raises
        ------
        ValidationError
            For an unknown or missing field, a wrong type or another ``schema``, naming the line
            and the field.
        """
        return cls._from_handle(_core.AllocationCore.from_json(text))  # validated by the Rust core

    @classmethod
    def from_path(cls, path: PathLike) -> "Allocation":
        """Read an allocation JSON file (FORMATS.md), as written by :meth:`to_json` or the CLI.

        Examples
        --------
        >>> import pathlib, tempfile, stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=30, seed=2))
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "allocation.json"
        >>> _ = path.write_text(a.to_json(), encoding="utf-8")
        >>> sf.Allocation.from_path(path).objective == a.objective
        True

        Raises
        ------
        ValidationError
            Naming the file, the line and the field, as :meth:`from_json`; for a table or report
            of an allocation (``.csv``, ``.md``, ``.html``: written for people, not read back),
            saying to give its JSON file; for a file that is not UTF-8, saying how to save it so.
        OSError
            The file cannot be read (``FileNotFoundError`` when it does not exist).
        """
        return cls._from_handle(_core.AllocationCore.from_path(os.fspath(path)))

    @classmethod
    def _from_handle(cls, handle: Any) -> "Allocation":
        """The allocation the core holds as ``handle``, with the defaults filled in."""
        allocation = cls._from_core_text(handle.to_json(False))
        allocation._core_value = handle
        return allocation

    def to_json(self) -> str:
        """The allocation as FORMATS.md JSON, written by the Rust core as the CLI writes it.

        Examples
        --------
        >>> import json, stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=30, seed=2))
        >>> json.loads(a.to_json())["schema"]
        'stratfund.allocation/1'
        >>> sf.Allocation.from_json(a.to_json()).to_dict() == a.to_dict()
        True
        """
        return self._core_handle().to_json(True)

    def _to_core(self) -> str:
        """JSON for the Rust core: the text the allocation was read from, or, for one built from
        a dict, its compact encoding (without ``indent``, json uses its C encoder: 3x faster),
        made once."""
        if self._core_text is None:
            self._core_text = json.dumps(self._data, separators=(",", ":"))
        return self._core_text

    def _core_handle(self) -> "_core.AllocationCore":
        """The allocation parsed by the core, once (Monte Carlo runs take it without JSON)."""
        if self._core_value is None:
            self._core_value = _core.AllocationCore.from_json(self._to_core())
        return self._core_value

    def to_dict(self) -> Dict[str, Any]:
        """The allocation as a dict (a copy)."""
        return json.loads(json.dumps(self._data))

    @property
    def status(self) -> str:
        """How the solve ended."""
        return str(self._data["status"])

    @property
    def objective(self) -> Optional[float]:
        """Weighted expected value (``max_value``) or state money (``min_state_spend``)."""
        return self._data["objective"]

    @property
    def bound(self) -> Optional[float]:
        """The best bound on the objective proven by the solver."""
        return self._data["bound"]

    @property
    def gap(self) -> Optional[float]:
        """Relative gap between bound and objective."""
        return self._data["gap"]

    @property
    def solve_seconds(self) -> float:
        """Seconds spent in HiGHS."""
        return float(self._data["solve_seconds"])

    @property
    def totals(self) -> Dict[str, Any]:
        """Totals by house, leverage, expected value and the number of funded projects."""
        return dict(self._data["totals"])

    @property
    def projects(self) -> DataFrame:
        """Every project as a DataFrame indexed by id: funded, scale, money by house, expected
        value and the reason when unfunded."""
        pd = require("pandas", "pandas")
        rows = [{k: v for k, v in p.items() if k != "state_by_year"} for p in self._data["projects"]]
        return pd.DataFrame.from_records(rows).set_index("id")

    def to_frame(self) -> DataFrame:
        """The per-project DataFrame of :attr:`projects` (the name :meth:`Portfolio.to_frame`
        uses, for symmetry).

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=20, seed=1)
        >>> frame = sf.solve(portfolio, plan).to_frame()
        >>> frame.index.name, len(frame) == len(portfolio.to_frame())
        ('id', True)
        """
        return self.projects

    def state_by_year(self) -> DataFrame:
        """State money per project (rows, by id) and plan year (columns; 0 where none is paid).

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> money = a.state_by_year()
        >>> list(money.columns)
        [2026, 2027, 2028, 2029, 2030]
        >>> bool(abs(money.sum(axis=1) - a.projects["state"]).max() < 1e-6)
        True
        """
        pd = require("pandas", "pandas")
        projects = self._data["projects"]
        years = sorted({int(y) for y in self._data["by_year"]}.union(
            int(y) for p in projects for y in p["state_by_year"]))
        column = {year: k for k, year in enumerate(years)}
        money = np.zeros((len(projects), len(years)))
        for row, p in enumerate(projects):
            for year, amount in p["state_by_year"].items():
                money[row, column[int(year)]] = amount
        index = pd.Index([p["id"] for p in projects], name="id")
        return pd.DataFrame(money, index=index, columns=pd.Index(years, name="year"))

    def by_group(self) -> DataFrame:
        """Money by house, funded count and expected value per technology group.

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> list(a.by_group().columns)
        ['state', 'enterprise', 'academia', 'funded', 'expected_value']
        >>> int(a.by_group()["funded"].sum()) == a.totals["funded"]
        True
        """
        return self._table("by_group", "group", _TOTAL_COLUMNS)

    def by_region(self) -> DataFrame:
        """Money by house, funded count and expected value per region.

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> a.by_region().index.name
        'region'
        >>> bool(abs(a.by_region()["state"].sum() - a.totals["state"]) < 1e-6)
        True
        """
        return self._table("by_region", "region", _TOTAL_COLUMNS)

    def by_year(self) -> DataFrame:
        """Budget, available money (with carry-over) and state spend per year.

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> years = a.by_year()
        >>> list(years.columns)
        ['budget', 'available', 'state']
        >>> bool((years["state"] <= years["available"] + 1e-9).all())
        True
        """
        frame = self._table("by_year", "year", {"budget": "float64", "available": "float64", "state": "float64"})
        frame.index = frame.index.astype(int)
        return frame

    def by_house(self) -> Series:
        """Total money per house (state, enterprise, academia) as a Series.

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> list(a.by_house().index)
        ['state', 'enterprise', 'academia']
        >>> round(float(a.by_house()["enterprise"] / a.by_house()["state"]), 2)
        1.92
        """
        pd = require("pandas", "pandas")
        return pd.Series({h: self._data["totals"][h] for h in _HOUSES}, name="money")

    @property
    def shadow_prices(self) -> Series:
        """d(objective)/d(right-hand side) from the LP relaxation, by constraint label.

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> round(float(a.shadow_prices["budget_2026"]), 2)  # value of one more unit of 2026 budget
        6.4
        """
        pd = require("pandas", "pandas")
        return pd.Series(self._data["shadow_prices"], name="shadow_price (LP relaxation)", dtype=float)

    @property
    def explanation(self) -> Optional[DataFrame]:
        """For infeasible plans, the smallest relaxation that makes them feasible (else None).

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=40, seed=2)
        >>> sf.solve(portfolio, plan).explanation is None
        True
        >>> a = sf.solve(portfolio, plan.replace(group_bounds={"semiconductors": {"min_share": 0.9}}))
        >>> a.status, list(a.explanation["constraint"])
        ('infeasible', ['group_min:semiconductors'])
        """
        items = self._data.get("explanation")
        if items is None:
            return None
        pd = require("pandas", "pandas")
        return pd.DataFrame.from_records(items, columns=["constraint", "amount", "message"])

    @property
    def ineligible(self) -> DataFrame:
        """Ineligible and unfundable projects with the rule they break, indexed by id.

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> a.ineligible.loc["P-0010", "rule"]
        'schedule_outside_plan'
        """
        pd = require("pandas", "pandas")
        return pd.DataFrame.from_records(self._data["ineligible"], columns=["id", "rule", "detail"]).set_index("id")

    def plot_by_group(self, ax: Optional[Axes] = None) -> Axes:
        """Stacked bars of money per group split by house; see :func:`stratfund.plotting.funding_by_group`."""
        from .plotting import funding_by_group

        return funding_by_group(self, ax=ax)

    def plot_by_year(self, ax: Optional[Axes] = None) -> Axes:
        """State spend against budget per year; see :func:`stratfund.plotting.budget_by_year`."""
        from .plotting import budget_by_year

        return budget_by_year(self, ax=ax)

    def summary(self, lang: str = "en") -> Summary:
        """A readable summary (prints as text; renders as HTML in notebooks), as the command line
        prints it.

        Parameters
        ----------
        lang : {"en", "vi"}
            Language of the words, the status, the objective and the infeasibility explanation's
            actions: English or Vietnamese (reason codes and ids stay as they are).

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=2))
        >>> str(a.summary()).splitlines()[1].startswith("funded 20 of 40 projects (4 ineligible)")
        True
        >>> str(a.summary(lang="vi")).splitlines()[1].startswith("được cấp kinh phí 20 trên 40 dự án")
        True
        """
        return Summary(_core.render_allocation(self._to_core(), format="text", lang=lang), self, lang)

    def to_markdown(self, lang: str = "en", catalog: Optional[CatalogLike] = None) -> str:
        """A Markdown report: key figures, tables by group, by region (when projects name regions)
        and by year, unfunded projects by reason (when some are), and every project with its
        reason in words.

        Parameters
        ----------
        lang : {"en", "vi"}
            Language of the labels, statuses and reasons: English or Vietnamese.
        catalog : dict or path-like, optional
            Catalog whose group names are shown (default: the compiled-in one).

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=3))
        >>> a.to_markdown(lang="vi").splitlines()[0]
        '# Phân bổ kinh phí'
        """
        return _core.render_allocation(self._to_core(), "markdown", lang, _catalog_json(catalog))

    def to_html(self, lang: str = "en", catalog: Optional[CatalogLike] = None) -> str:
        """The Markdown report of :meth:`to_markdown` as a standalone HTML page (to save or mail).

        ``lang`` and ``catalog`` are those of :meth:`to_markdown`. User text (ids, names) is
        escaped, never interpreted as HTML.

        Examples
        --------
        >>> import stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=3))
        >>> page = a.to_html(lang="vi")
        >>> page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
        True
        """
        return _core.render_allocation(self._to_core(), "html", lang, _catalog_json(catalog))

    def to_path(self, path: PathLike, lang: str = "en", catalog: Optional[CatalogLike] = None) -> None:
        """Write the allocation to a file in the format its extension names, as the command line's
        ``--out`` does: ``.json`` (FORMATS.md), ``.csv`` (one row per project: money by house,
        expected value, reason, then the state money of each plan year in ``state_<year>``
        columns), ``.md`` (:meth:`to_markdown`) or ``.html`` (:meth:`to_html`).

        Examples
        --------
        >>> import os, tempfile, stratfund as sf
        >>> a = sf.solve(*sf.demo.generate(projects=40, seed=3))
        >>> folder = tempfile.mkdtemp()
        >>> a.to_path(os.path.join(folder, "allocation.json"))
        >>> sf.Allocation.from_path(os.path.join(folder, "allocation.json")) == a
        True
        >>> a.to_path(os.path.join(folder, "allocation.csv"))
        >>> open(os.path.join(folder, "allocation.csv")).readline().strip()
        'id,funded,scale,state,enterprise,academia,expected_value,reason,state_2026,state_2027,state_2028,state_2029,state_2030'
        """
        render = functools.partial(_core.render_allocation, self._to_core(), lang=lang, catalog=_catalog_json(catalog))
        markdown, html_page = functools.partial(render, format="markdown"), functools.partial(render, format="html")
        renderers: Dict[str, Callable[[], str]] = {
            ".json": self.to_json, ".csv": functools.partial(render, format="csv"), ".md": markdown,
            ".markdown": markdown, ".html": html_page, ".htm": html_page,
        }
        _write_by_extension(path, renderers, "allocation", ".json, .csv, .md or .html", lang=lang, catalog=catalog)

    def _table(self, key: str, index: str, columns: Dict[str, str]) -> Any:
        """The rows of ``key`` as a frame with these columns and types, even with no rows (a
        portfolio without regions has an empty ``by_region``, whose columns are still there)."""
        pd = require("pandas", "pandas")
        frame = pd.DataFrame.from_dict(self._data[key], orient="index").reindex(columns=list(columns))
        if frame.empty:
            frame = frame.astype(columns)
        frame.index.name = index
        return frame

    def _repr_html_(self) -> str:
        t = self._data["totals"]
        head = (
            f"<p><b>stratfund allocation</b>: status <b>{html.escape(self.status)}</b>, "
            f"objective ({html.escape(self._data['objective_kind'])}) {_fmt(self.objective)}, gap {_fmt(self.gap)}; "
            f"funded {t['funded']} of {len(self._data['projects'])} projects; leverage {_fmt(t['leverage'])} "
            f"({html.escape(self._data['currency_unit'])})</p>"
        )
        parts: List[str] = [head]
        if self._data.get("relaxed"):
            parts.append(f"<p><b>{html.escape(_RELAXED_NOTE)}</b></p>")
        explanation = self._data.get("explanation")
        if explanation:
            items = "".join(f"<li><code>{html.escape(r['constraint'])}</code>: {html.escape(r['message'])}</li>" for r in explanation)
            parts.append(f"<p>The plan is infeasible. Smallest relaxation:</p><ul>{items}</ul>")
        try:
            parts.append(self.by_group().round(1).to_html())
            if self._data.get("by_region"):
                parts.append(self.by_region().round(1).to_html())
            parts.append(self.by_year().round(1).to_html())
        except ImportError:  # pragma: no cover - pandas missing
            pass
        return "".join(parts)

    def __getstate__(self) -> Dict[str, Any]:
        return self._data

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self._data = state
        self._core_text = None
        self._core_value = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Allocation) and other._data == self._data

    def __repr__(self) -> str:
        relaxed = ", relaxed=True" if self._data.get("relaxed") else ""
        return (
            f"Allocation(status={self.status!r}, objective={_fmt(self.objective)}, "
            f"funded={self._data['totals']['funded']}{relaxed})"
        )


#: What every function taking an allocation accepts: an :class:`Allocation`, its FORMATS.md dict
#: or the path of an allocation ``.json`` file.
AllocationLike = Union[Allocation, Mapping[str, Any], PathLike]


def as_allocation(value: AllocationLike) -> Allocation:
    """The allocation ``value`` stands for (see :data:`AllocationLike`)."""
    if isinstance(value, Allocation):
        return value
    if isinstance(value, (str, os.PathLike)):
        return Allocation.from_path(value)
    if isinstance(value, Mapping):
        return Allocation(dict(value))
    raise TypeError(
        f"allocation: expected a stratfund.Allocation, an allocation dict or a .json path; got {type(value).__name__}"
    )


def _fmt(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:,.4g}"


def _solver_overrides(
    time_limit: Optional[float], mip_rel_gap: Optional[float], threads: Optional[int], relaxed: Optional[bool]
) -> Dict[str, Any]:
    """The plan's ``solver`` fields the keywords of :func:`solve` set, each checked for its type
    (the core checks the ranges and names the ``solver`` field)."""
    checks = {
        "time_limit_s": (time_limit, lambda v: number("time_limit", v)),
        "mip_rel_gap": (mip_rel_gap, lambda v: number("mip_rel_gap", v)),
        "threads": (threads, lambda v: count("threads", v)),
        "relaxed": (relaxed, lambda v: flag("relaxed", v)),
    }
    return {field: check(value) for field, (value, check) in checks.items() if value is not None}


def solve(
    portfolio: PortfolioLike,
    plan: PlanLike,
    *,
    time_limit: Optional[float] = None,
    mip_rel_gap: Optional[float] = None,
    threads: Optional[int] = None,
    relaxed: Optional[bool] = None,
    catalog: Optional[CatalogLike] = None,
    raise_on_infeasible: bool = False,
) -> Allocation:
    """Find the optimal co-funded allocation of ``portfolio`` under ``plan``.

    ``portfolio`` may be a :class:`Portfolio`, a DataFrame, a dict, a list of project dicts or a
    file path, and ``plan`` a :class:`Plan`, a dict or a file path. Keyword arguments override the
    plan's ``solver`` section. The GIL is released while HiGHS
    runs and Ctrl-C stops it. Invalid inputs raise :class:`ValidationError` (listing every problem);
    an infeasible plan is a status with an ``explanation``, not an exception, unless
    ``raise_on_infeasible=True`` asks for :class:`InfeasibleError` (carrying the allocation).

    Parameters
    ----------
    portfolio : Portfolio, DataFrame, dict, list of dict or path
        The proposals.
    plan : Plan, dict or path
        The budget years, budgets, bounds, policy shares, objective and solver options.
    time_limit : float, optional
        Wall-clock limit in seconds; when it stops HiGHS, the status is ``feasible`` (with the gap
        reached) or ``time_limit`` (no allocation found).
    mip_rel_gap : float, optional
        Relative MIP gap in [0, 1) (the plan's, by default 1e-4).
    threads : int, optional
        HiGHS threads, 1 to 1024 (default: HiGHS decides).
    relaxed : bool, optional
        Solve the LP relaxation only (fractional funding indicators).
    catalog : dict or path-like, optional
        A catalog replacing the compiled-in one: a dict as a catalog file holds it, or the
        file's path (``.json`` or ``.toml``).
    raise_on_infeasible : bool
        Raise :class:`InfeasibleError` instead of returning an ``infeasible`` allocation.

    Returns
    -------
    Allocation
        Status, objective, bound and gap, money per project, house and year, a reason for every
        unfunded project, totals, shadow prices, the ineligible projects and, for an infeasible
        plan, the ``explanation``.

    Raises
    ------
    TypeError
        ``portfolio`` or ``plan`` is not of a type listed above (or they are swapped).
    ValidationError
        The inputs break a rule of MODEL.md (every problem is listed with its project, field and
        rule), including a mandatory project that is ineligible.
    InfeasibleError
        With ``raise_on_infeasible=True``, when no allocation satisfies the plan.
    SolverError
        HiGHS failed.

    Examples
    --------
    >>> import stratfund as sf
    >>> portfolio, plan = sf.demo.generate(projects=60, seed=2)
    >>> a = sf.solve(portfolio, plan, mip_rel_gap=1e-6)
    >>> a.status
    'optimal'
    >>> tight = sf.solve(portfolio, plan.replace(policy={"strategic_min_enterprise_share": 0.35}))
    >>> tight.objective <= a.objective + 1e-9
    True
    """
    raise_on_infeasible = flag("raise_on_infeasible", raise_on_infeasible)
    portfolio, plan = as_inputs(portfolio, plan, catalog=catalog)
    overrides = _solver_overrides(time_limit, mip_rel_gap, threads, relaxed)
    if overrides:
        plan = plan.replace(solver=overrides)
    text = _core.solve_json(portfolio._core, plan._core, _catalog_json(catalog))
    allocation = Allocation._from_core_text(text)
    if raise_on_infeasible and allocation.status == "infeasible":
        steps = "; ".join(f"{r['constraint']}: {r['message']}" for r in allocation._data.get("explanation") or [])
        error = InfeasibleError(f"the plan is infeasible: {steps}")
        error.allocation = allocation  # type: ignore[attr-defined]
        raise error
    return allocation
