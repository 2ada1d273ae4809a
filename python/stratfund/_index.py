"""A DataFrame's row index as the ids of its rows, so that nothing given in the index is dropped.

The ids are in ``column`` (``id`` for projects, ``project_id`` for progress records) or, when the
frame has no such column, in its index; pandas' row numbers (an unnamed index of whole numbers)
are not ids. Beside the ids column a named index is read as columns too, and an index level that
repeats a column (as ``set_index("id", drop=False)`` leaves it) is read once.
"""

from __future__ import annotations

from typing import Any

from .exceptions import _argument_error


def with_id_column(frame: Any, column: str) -> Any:
    """``frame`` with its ids in ``column`` and every named index level as a column; without
    ``column`` when the ids are missing (the index is pandas' row numbers), for the caller to
    report.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"cost": [1.0]}, index=pd.Index(["P-1"], name="id"))
    >>> with_id_column(frame, "id").to_dict("records")
    [{'id': 'P-1', 'cost': 1.0}]
    >>> list(with_id_column(pd.DataFrame({"cost": [1.0]}), "id").columns)
    ['cost']
    """
    _refuse_column_levels(frame)
    frame = _without_repeated_levels(frame)
    named = [name for name in frame.index.names if name is not None]
    if column in frame.columns:
        return frame.reset_index() if named else frame
    if frame.index.nlevels == 1:
        if row_numbers(frame.index):
            return frame.reset_index(drop=True)
        return frame.rename_axis(column).reset_index()
    if column not in named:
        message = f"a row index of {frame.index.nlevels} levels needs one named `{column}`, or give a `{column}` column"
        raise _argument_error(column, message, "missing_field")
    if len(named) < frame.index.nlevels:
        raise _argument_error(column, "every level of the row index needs a name (the column it is)", "missing_field")
    return frame.reset_index()


def _refuse_column_levels(frame: Any) -> None:
    """Columns named by several levels (a MultiIndex, as ``pd.concat`` with keys, ``pivot_table``
    or ``agg`` with several functions make them) are refused in one problem, saying how to give
    one name per column, rather than one unknown-column problem per column."""
    levels = frame.columns.nlevels
    if levels > 1:
        message = (
            f"the columns have {levels} levels of names (a pandas MultiIndex, such as {frame.columns[0]!r}): give one "
            "name per column, for example `frame.droplevel(0, axis=1)` or "
            "`frame.set_axis(['_'.join(map(str, c)) for c in frame.columns], axis=1)`"
        )
        raise _argument_error("columns", message, "wrong_type")


def row_numbers(index: Any) -> bool:
    """Whether ``index`` is pandas' row numbers: unnamed, of whole numbers."""
    return index.nlevels == 1 and index.name is None and str(index.dtype).lower().startswith(("int", "uint"))


def _without_repeated_levels(frame: Any) -> Any:
    """``frame`` without the index levels that repeat one of its columns; a level that differs
    from its column is refused, naming the first row where they differ."""
    for name in [name for name in frame.index.names if name is not None and name in frame.columns]:
        in_index = [str(x) for x in frame.index.get_level_values(name)]
        in_column = [str(x) for x in frame[name]]
        for row, (a, b) in enumerate(zip(in_index, in_column)):
            if a != b:
                message = (
                    f"`{name}` is given twice, as the index and as a column, and they differ at row {row + 1} "
                    f"(index `{a}`, column `{b}`): drop one"
                )
                raise _argument_error(name, message, "duplicate_field")
        frame = frame.reset_index(level=name, drop=True) if frame.index.nlevels > 1 else frame.reset_index(drop=True)
    return frame
