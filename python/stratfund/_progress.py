"""Progress of long studies (scenario comparisons, frontiers, policy sweeps, robustness runs).

The core counts finished steps (solves or scenarios) and calls back about every 50 ms with the
count; these helpers turn the ``progress`` argument of the study functions into that callback.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any, Callable, Iterator, Optional, Union

Progress = Union[bool, Callable[[int, int], Any]]
"""``False`` (no progress), ``True`` (a progress bar: tqdm's, in a notebook its widget, when
tqdm is installed; else a line on standard error) or a callable ``f(done, total)``."""


class _Line:
    """A one-line text progress bar on standard error, for when tqdm is not installed."""

    def __init__(self, total: int, what: str) -> None:
        self.total, self.what = total, what
        self.update_to(0)

    def update_to(self, done: int) -> None:
        width = 30
        filled = width * done // max(self.total, 1)
        sys.stderr.write(f"\r{self.what} [{'=' * filled}{' ' * (width - filled)}] {done}/{self.total}")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


class _Tqdm:
    """A tqdm bar moved to absolute counts."""

    def __init__(self, tqdm: Any, total: int, what: str) -> None:
        self.bar = tqdm(total=total, desc=what, unit="step")

    def update_to(self, done: int) -> None:
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()


def _bar(total: int, what: str) -> Union[_Line, _Tqdm]:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _Line(total, what)
    return _Tqdm(tqdm, total, what)


@contextlib.contextmanager
def reporting(progress: Progress, total: int, what: str) -> Iterator[Optional[Callable[[int], None]]]:
    """The core's callback for ``progress`` over ``total`` steps (None when no progress is wanted);
    a bar is closed when the study ends, whether it succeeds or fails."""
    if callable(progress):
        yield lambda done: progress(done, total)
    elif progress is True:
        bar = _bar(total, what)
        try:
            yield bar.update_to
        finally:
            bar.close()
    elif progress is False or progress is None:
        yield None
    else:
        raise TypeError(f"progress: expected True, False or a callable f(done, total); got {type(progress).__name__}")
