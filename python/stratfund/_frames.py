"""Reading DataFrame cells as the numbers they show.

A float32 column holding 41.9 holds 41.900001525878906 as a double: ``tolist()`` hands that
double over, and a cost of 41.900002 then exceeds the 41.9 its financing adds up to. Narrow
floats are read as the shortest decimal that prints them (what the DataFrame shows).
"""

from __future__ import annotations

from typing import Any, List


def _narrow_float(dtype: Any) -> bool:
    return getattr(dtype, "kind", "") == "f" and getattr(dtype, "itemsize", 8) < 8


def column_values(series: Any) -> List[Any]:
    """The cells of a pandas Series as Python objects; float16/float32 cells as their decimals.

    Examples
    --------
    >>> import pandas as pd
    >>> column_values(pd.Series([41.9, None], dtype="float32"))
    [41.9, nan]
    >>> pd.Series([41.9], dtype="float32").tolist()
    [41.900001525878906]
    """
    if not _narrow_float(series.dtype):
        return series.tolist()
    numpy_dtype = f"float{8 * series.dtype.itemsize}"
    return series.to_numpy(dtype=numpy_dtype, na_value=float("nan")).astype(str).astype("float64").tolist()


def scalar(value: Any) -> Any:
    """A numpy scalar as a Python object; a float16/float32 one as its decimal.

    Examples
    --------
    >>> import numpy as np
    >>> scalar(np.float32(41.9)), scalar(np.int64(3))
    (41.9, 3)
    """
    if _narrow_float(getattr(value, "dtype", None)):
        return float(str(value))
    return value.item() if hasattr(value, "item") else value
