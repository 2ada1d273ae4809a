"""Small HTML pieces for the notebook views of inputs and validation reports (no pandas needed)."""

from __future__ import annotations

import html
from typing import Any, Iterable, Sequence


def cell(value: Any) -> str:
    """A value as table text: amounts from 100 with one decimal and thousands commas, smaller
    numbers with four significant digits, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.4g}"
    return html.escape(str(value))


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An HTML table with a header row; every value escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def heading(title: str, text: str) -> str:
    """A one-line bold title and its text (the text escaped by the caller)."""
    return f"<p><b>{html.escape(title)}</b>: {text}</p>"
