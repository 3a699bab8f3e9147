"""A table that holds one page of rows, with a line saying which rows of how many.

A ledger may hold a hundred thousand entries in a year; the screen reads one page
at a time (``limit``/``offset`` in the database) and this widget shows it, so the
table stays as quick with a million entries as with ten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

PAGE_SIZE = 100

Cell = str | Text


class PagedTable(Vertical):
    """A page of rows from a longer list; the owner reads pages and calls :meth:`show`."""

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    PagedTable DataTable { height: 1fr; }
    PagedTable .page-line { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(
        self, columns: Sequence[str], *, page_size: int = PAGE_SIZE, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.page_size = page_size
        self.start = 0
        self.total = 0

    def compose(self) -> ComposeResult:
        table: DataTable[Cell] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*self.columns)
        yield table
        yield Static("", classes="page-line")

    @property
    def table(self) -> DataTable[Cell]:
        return self.query_one(DataTable)

    def show(self, rows: Iterable[tuple[str, Sequence[Cell]]], total: int, line: str) -> None:
        """Replace the rows with one page; ``line`` says which rows of ``total`` these are."""
        table = self.table
        row = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        self.total = total
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one(".page-line", Static).update(line)

    def selected_key(self) -> str | None:
        """The key of the row under the cursor, or None when the page is empty."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def turn(self, pages: int) -> bool:
        """Move the window by whole pages; False when there is no page that way."""
        start = self.start + pages * self.page_size
        if start < 0 or start >= max(self.total, 1):
            return False
        self.start = start
        return True

    def span(self, count: int) -> tuple[int, int]:
        """The first and last row numbers (1-based) of a page of ``count`` rows."""
        return (self.start + 1, self.start + count) if count else (0, 0)
