"""The filter line every list of the app shares: hidden until its key opens it, it says
what it holds as it is typed, and ``enter`` gives the cursor back.

A paged table sends the text to the database (:class:`~tui.app.widgets.paged_table.
PagedTable`); a screen whose rows are all in hand (the Import screen's preview, a
member's page) keeps the rows that :func:`matches`. Either way the words are compared as
a search of the ledger compares them: accents and case ignored (``liege`` finds Liège).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from ledger.lists import fold


def matches(words: str, cells: Iterable[object]) -> bool:
    """Whether a row's cells hold ``words`` (already folded; empty matches every row)."""
    return not words or words in fold(" ".join(str(c) for c in cells))


class FilterLine(Input):
    """A one-line filter; :class:`FilterLine.Filtered` carries the text, stripped."""

    DEFAULT_CSS = """
    FilterLine { display: none; margin: 0 1; }
    FilterLine.-shown { display: block; }
    """

    class Filtered(Message):
        """The filter's text changed: show the rows that match it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        @property
        def words(self) -> str:
            """The text as :func:`matches` compares it."""
            return fold(self.text)

    def __init__(self, hint: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=hint, id=id, compact=True)
        self._back: Widget | None = None

    @property
    def text(self) -> str:
        return self.value.strip()

    def open(self, back: Widget | None = None) -> None:
        """Show the line and put the cursor in it; ``enter`` gives it back to ``back`` (by
        default, whatever had it)."""
        self._back = back or self.app.focused
        self.add_class("-shown")
        self.focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Filtered(self.text))

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.text:
            self.remove_class("-shown")
        if self._back is not None and self._back.is_attached:
            self._back.focus()
        else:
            self.screen.focus_next()
