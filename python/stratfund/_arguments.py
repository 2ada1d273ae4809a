"""Checks of plain arguments (lists of numbers, counts), with errors that name the argument.

A string is not read as a list of its characters (``levels="1.5"`` would otherwise be the levels
1, ., 5), a float is not a count, and ``True`` is not a number.
"""

from __future__ import annotations

import decimal
import numbers
import operator
from collections.abc import Iterable, Mapping
from typing import Any, List

from .exceptions import _argument_error


def _kind(value: Any) -> str:
    return f"{type(value).__name__} {value!r}" if isinstance(value, (str, bytes, int, float)) else type(value).__name__


def number_list(name: str, values: Any) -> List[float]:
    """``values`` (a list, tuple, numpy array or Series of real numbers or decimals) as floats.

    Examples
    --------
    >>> number_list("levels", (0.5, 1, decimal.Decimal("1.5")))
    [0.5, 1.0, 1.5]
    >>> number_list("levels", "0.5")
    Traceback (most recent call last):
    ...
    TypeError: levels: expected a sequence of numbers; got str '0.5'
    """
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(f"{name}: expected a sequence of numbers; got {_kind(values)}")
    out = []
    for k, x in enumerate(values):
        if isinstance(x, bool) or not isinstance(x, (numbers.Real, decimal.Decimal)):
            raise TypeError(f"{name}[{k}]: expected a number; got {_kind(x)}")
        out.append(float(x))
    return out


def count(name: str, value: Any, least: int = 1, need: str = "") -> int:
    """``value`` as a whole number of at least ``least`` (numpy integers too; not a float or a bool);
    ``need`` words the bound in the error (default: "at least <least>").

    Examples
    --------
    >>> count("scenarios", 100)
    100
    >>> count("scenarios", 100.0)
    Traceback (most recent call last):
    ...
    TypeError: scenarios: expected a whole number; got float 100.0
    """
    whole = whole_number(name, value)
    if whole < least:
        raise _argument_error(name, f"{name} must be {need or f'at least {least}'}, got {whole}")
    return whole


def number(name: str, value: Any) -> float:
    """``value`` (a real number, numpy scalar or decimal; not a bool or a string) as a float.

    Examples
    --------
    >>> number("time_limit", decimal.Decimal("2.5"))
    2.5
    >>> number("time_limit", "5")
    Traceback (most recent call last):
    ...
    TypeError: time_limit: expected a number; got str '5'
    """
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        raise TypeError(f"{name}: expected a number; got {_kind(value)}")
    return float(value)


def flag(name: str, value: Any) -> bool:
    """``value`` (``True``/``False`` or a numpy bool) as a bool; not a string or a number.

    Examples
    --------
    >>> flag("relaxed", True)
    True
    >>> flag("relaxed", "yes")
    Traceback (most recent call last):
    ...
    TypeError: relaxed: expected True or False; got str 'yes'
    """
    if type(value).__name__ not in ("bool", "bool_"):
        raise TypeError(f"{name}: expected True or False; got {_kind(value)}")
    return bool(value)


def whole_number(name: str, value: Any) -> int:
    """``value`` (an int or numpy integer; not a float, a string or a bool) as an int.

    Examples
    --------
    >>> whole_number("from_year", 2027)
    2027
    >>> whole_number("from_year", "2027")
    Traceback (most recent call last):
    ...
    TypeError: from_year: expected a whole number; got str '2027'
    """
    if isinstance(value, bool):
        raise TypeError(f"{name}: expected a whole number; got {_kind(value)}")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name}: expected a whole number; got {_kind(value)}") from None
