"""A progress bar on stderr for long work on the command line (an import, a verify).

Only when stderr is a terminal: in a pipe or a log the bar would be noise. Short work
shows none, so a small ledger's commands print exactly what they always did.
"""

from __future__ import annotations

import sys
from typing import Any

import typer


class Progress:
    """A ``(done, total)`` callback that draws a bar once ``total`` reaches ``at_least``.

    Used as a context manager; it yields the callback, or None when stderr is not a
    terminal (the work then skips reporting altogether).
    """

    def __init__(self, label: str, *, at_least: int) -> None:
        self.label, self.at_least = label, at_least
        self.bar: Any = None
        self.shown = 0

    def __enter__(self) -> Any:
        return self.update if sys.stderr.isatty() else None

    def update(self, done: int, total: int) -> None:
        if total < self.at_least:
            return
        if self.bar is None:
            self.bar = typer.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
