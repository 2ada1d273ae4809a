"""Markdown and HTML reports, in English or Vietnamese, of the documents the package returns."""

from __future__ import annotations

import functools
import json
import os
import warnings
from typing import Any, Callable, Dict, Mapping, Optional, Union

from . import _core
from .catalog import _as_json as _catalog_json
from .exceptions import InputWarning, ValidationError
from .model import CatalogLike


class _Report:
    """A result that the Rust core writes as a Markdown report or an HTML page."""

    _kind = ""

    def _document(self) -> Dict[str, Any]:
        raise NotImplementedError

    def to_markdown(self, lang: str = "en", catalog: Optional[CatalogLike] = None) -> str:
        """The report in Markdown.

        Parameters
        ----------
        lang : {"en", "vi"}
            Language of the headings, columns, statuses and classes: English (columns are the
            files' field names) or Vietnamese (which also names technology groups from the
            catalog).
        catalog : dict or path-like, optional
            Catalog whose group names are shown (default: the compiled-in one).

        Examples
        --------
        >>> import stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=30, seed=2)
        >>> f = sf.frontier(portfolio, plan, [0.5, 1.0])
        >>> print(f.to_markdown(lang="vi").splitlines()[0])
        # Đường biên ngân sách
        >>> f.to_html().startswith("<!DOCTYPE html>")
        True
        """
        return self._render("markdown", lang, catalog)

    def to_html(self, lang: str = "en", catalog: Optional[CatalogLike] = None) -> str:
        """The report of :meth:`to_markdown` as a standalone HTML page (user text escaped)."""
        return self._render("html", lang, catalog)

    def to_path(
        self, path: Union[str, "os.PathLike[str]"], lang: str = "en", catalog: Optional[CatalogLike] = None
    ) -> None:
        """Write the result to a file in the format its extension names: ``.md`` (the report of
        :meth:`to_markdown`), ``.html`` (:meth:`to_html`) or ``.json`` (the result's document, as
        the command line writes it).

        Examples
        --------
        >>> import os, tempfile, stratfund as sf
        >>> portfolio, plan = sf.demo.generate(projects=30, seed=2)
        >>> f = sf.frontier(portfolio, plan, [0.5, 1.0])
        >>> folder = tempfile.mkdtemp()
        >>> f.to_path(os.path.join(folder, "frontier.html"), lang="vi")
        >>> open(os.path.join(folder, "frontier.html"), encoding="utf-8").read().startswith("<!DOCTYPE html>")
        True
        """
        markdown = functools.partial(self.to_markdown, lang, catalog)
        html = functools.partial(self.to_html, lang, catalog)
        document = functools.partial(json.dumps, self._document(), indent=2, ensure_ascii=False)
        renderers = {".md": markdown, ".markdown": markdown, ".html": html, ".htm": html, ".json": document}
        _write_by_extension(path, renderers, "report", ".md, .html or .json", lang=lang, catalog=catalog)

    def _render(self, format: str, lang: str, catalog: Optional[CatalogLike]) -> str:
        document = json.dumps(self._document())
        return _core.render_report(self._kind, document, format, lang, _catalog_json(catalog))


_LANGUAGES = ("en", "vi")

#: The extensions whose files ``lang`` and ``catalog`` do not change (the formats' field names).
_UNTRANSLATED = (".json", ".csv")


def _write_by_extension(
    path: Union[str, "os.PathLike[str]"],
    renderers: Mapping[str, Callable[[], str]],
    what: str,
    choices: str,
    *,
    lang: str = "en",
    catalog: Optional[CatalogLike] = None,
) -> None:
    """Write to ``path`` the text of the renderer its extension names (ending with a newline).

    ``lang`` and ``catalog`` go to the Markdown and HTML renderers; given for a JSON or CSV file,
    which they do not change, they are noted (:class:`InputWarning`) rather than dropped silently,
    and an unknown language is an error whatever the file."""
    target = os.fspath(path)
    extension = os.path.splitext(target)[1].lower()
    if extension not in renderers:
        raise ValueError(f"{target}: unknown {what} file extension {extension!r}: use {choices}")
    if lang not in _LANGUAGES:
        raise ValidationError(f"unknown report language `{lang}`: use one of {', '.join(_LANGUAGES)}")
    unused = [name for name, given in (("lang", lang != "en"), ("catalog", catalog is not None)) if given]
    if extension in _UNTRANSLATED and unused:
        warnings.warn(
            f"{target}: {' and '.join(unused)} change only Markdown and HTML reports (.md, .html); "
            f"a {extension} file keeps the field names of the file formats",
            InputWarning,
            stacklevel=3,
        )
    text = renderers[extension]()
    with open(target, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")


class _Document(_Report):
    """A report held as the JSON document the core wrote (``_data``)."""

    _data: Dict[str, Any]

    def _document(self) -> Dict[str, Any]:
        return self._data

    def to_json(self) -> str:
        """The document as JSON (its ``schema`` field names the format)."""
        return json.dumps(self._data, indent=2, ensure_ascii=False)
