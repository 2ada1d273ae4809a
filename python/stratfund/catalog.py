"""The strategic technology catalog as DataFrames."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional

from . import _core
from ._arguments import flag
from ._dependencies import require
from .model import CatalogLike, PathLike, _frame_or_records, _plain

if TYPE_CHECKING:
    from pandas import DataFrame


def _as_json(catalog: Optional[CatalogLike]) -> Optional[str]:
    """A catalog (a dict, or a file's path) as the core takes it: JSON text, or None for the
    compiled-in catalog. A file is read and checked by the core, whose errors name it."""
    if catalog is None:
        return None
    if isinstance(catalog, (str, os.PathLike)):
        return str(_core.catalog_json(os.fspath(catalog)))
    return json.dumps(_plain(catalog), default=str)


def _as_mapping(catalog: Optional[CatalogLike]) -> Optional[Mapping[str, Any]]:
    """A catalog with its file read (for workers that may not see the file); a dict unchanged."""
    if isinstance(catalog, (str, os.PathLike)):
        return catalog_dict(catalog)
    return catalog


def catalog_dict(path: Optional[PathLike] = None) -> Dict[str, Any]:
    """The catalog (compiled-in, or the file at ``path``) as a dict."""
    return json.loads(_core.catalog_json(None if path is None else os.fspath(path)))


def catalog(products: bool = False, path: Optional[PathLike] = None) -> DataFrame:
    """The strategic technology groups (or product lines) as a DataFrame.

    Parameters
    ----------
    products : bool, default False
        One row per product line (indexed by ``(group, code)``) instead of one per group.
    path : path-like, optional
        A catalog file of one's own; the default is Decision 1131/QD-TTg (2025).

    Examples
    --------
    >>> import stratfund as sf
    >>> groups = sf.catalog()
    >>> len(groups), groups.loc["semiconductors", "name_vi"]
    (11, 'Công nghệ chip bán dẫn')
    >>> int(sf.catalog(products=True)["priority"].sum()) >= 6
    True
    """
    if isinstance(products, os.PathLike) or (isinstance(products, str) and products.endswith((".json", ".toml"))):
        path_given = os.fspath(products)
        raise TypeError(f"products: expected True or False; got the path {path_given!r}: give a catalog file as path=...")
    products = flag("products", products)
    data = catalog_dict(path)
    if not products:
        rows = [
            {k: v for k, v in g.items() if k != "products"} | {"products": len(g["products"])}
            for g in data["groups"]
        ]
        return _frame_or_records(rows, "code")
    pd = require("pandas", "pandas")
    rows = [{"group": g["code"], **p} for g in data["groups"] for p in g["products"]]
    return pd.DataFrame.from_records(rows).set_index(["group", "code"])
