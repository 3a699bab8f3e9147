"""A table that holds one page of rows, fits its columns to the room it has, and filters.

A ledger may hold a hundred thousand entries in a year; the screen reads one page at a
time (``limit``/``offset`` in the database) and this widget shows it, so the table stays
as quick with a million entries as with ten.

The columns are declared once (:class:`Column`): what a cell shows, what an export
writes, and how much a column matters. At 80 columns the table keeps the columns that
matter most and gives a name the room left, instead of cutting every column short; a
column that is empty on the page (no reversal among these entries) takes no room at
all. ``/`` opens the filter line above the table; what is typed there goes to the
screen, which reads the matching rows from the database (:class:`PagedTable.Filtered`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from tui.app.widgets.filter_line import FilterLine

PAGE_SIZE = 100
PADDING = 1  # the DataTable's cell padding on each side

R = TypeVar("R")
Cell = str | Text


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title, its value (what an export writes) and how it is shown.

    Args:
        title: the header, in the app's language.
        value: the plain value of a row (a ``Decimal`` amount, a date, text).
        text: what the cell shows, when it differs from ``str(value)``.
        keep: how much the column matters; as the table narrows the lowest go first.
        flex: takes the room left over (a name, a note), but at least ``min_width``.
        optional: left out when every cell of the page is empty.
        max_width: cut longer values to this width.
    """

    title: str
    value: Callable[[R], Any]
    text: Callable[[R], Cell] | None = None
    keep: int = 5
    flex: bool = False
    optional: bool = False
    min_width: int = 12
    max_width: int | None = None

    def cell(self, row: R) -> Cell:
        if self.text is not None:
            return self.text(row)
        value = self.value(row)
        return "" if value is None else str(value)


def _width(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else len(cell)


def fit(
    columns: Sequence[Column[Any]], cells: Sequence[Sequence[Cell]], room: int
) -> list[tuple[int, int]]:
    """Which columns to show in ``room`` cells, and how wide: ``(index, width)`` pairs.

    Every shown column gets its natural width (its widest cell on the page, or its
    title), flexible ones at least ``min_width``; columns are dropped, lowest ``keep``
    first, until the rest fit; the room left goes to the flexible columns.
    """
    natural = []
    for i, col in enumerate(columns):
        widths = [_width(row[i]) for row in cells]
        widest = max(widths, default=0)
        if col.optional and widest == 0:
            natural.append(None)
            continue
        width = max(widest, len(col.title))
        if col.max_width is not None:
            width = min(width, col.max_width)
        natural.append(width)
    wanted = {
        i: (min(w, columns[i].min_width) if columns[i].flex else w)
        for i, w in enumerate(natural)
        if w is not None
    }
    order = sorted(wanted, key=lambda i: (-columns[i].keep, i))
    chosen: list[int] = []
    used = 0
    for i in order:
        need = wanted[i] + 2 * PADDING
        if used + need <= room or not chosen:
            chosen.append(i)
            used += need
    chosen.sort()
    widths = {i: wanted[i] for i in chosen}
    flexible = [i for i in chosen if columns[i].flex]
    left = max(room - used, 0)
    for i in flexible:  # first up to the widest cell, in column order
        extra = min(left, (natural[i] or 0) - widths[i])
        if extra > 0:
            widths[i] += extra
            left -= extra
    return [(i, widths[i]) for i in chosen]


class PagedTable(Vertical, Generic[R]):
    """A page of rows from a longer list; the owner reads pages and calls :meth:`show`."""

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    PagedTable DataTable { height: 1fr; }
    PagedTable .page-line { height: 1; color: $text-muted; padding: 0 1; }
    """

    class Filtered(Message):
        """The filter text changed: read the rows that match it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        key: Callable[[R], str],
        filter_hint: str = "",
        page_size: int = PAGE_SIZE,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.key = key
        self.filter_hint = filter_hint
        self.page_size = page_size
        self.start = 0
        self.total = 0
        self.rows: dict[str, R] = {}
        self._cells: list[tuple[str, list[Cell]]] = []
        self._layout: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        yield FilterLine(self.filter_hint, id="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="page-line", markup=False)

    @property
    def table(self) -> DataTable[Cell]:
        return self.query_one(DataTable)

    @property
    def filter_text(self) -> str:
        return self.query_one(FilterLine).text

    def open_filter(self) -> None:
        """Show the filter line and put the cursor in it (``/``); ``enter`` goes back to
        the table."""
        self.query_one(FilterLine).open(back=self.table)

    def on_filter_line_filtered(self, event: FilterLine.Filtered) -> None:
        event.stop()
        self.start = 0
        self.post_message(self.Filtered(event.text))

    def show(self, rows: Iterable[R], total: int, line: str) -> None:
        """Replace the rows with one page; ``line`` says which rows of ``total`` these are."""
        self.rows = {}
        self._cells = []
        for row in rows:
            key = self.key(row)
            self.rows[key] = row
            self._cells.append((key, [c.cell(row) for c in self.columns]))
        self.total = total
        self.query_one(".page-line", Static).update(line)
        self._draw(force=True)

    def on_resize(self) -> None:
        self._draw(force=False)

    def _draw(self, *, force: bool) -> None:
        room = self.table.size.width or self.size.width
        if not room:
            room = self.app.size.width
        layout = fit(self.columns, [cells for _, cells in self._cells], room - 2)
        if not force and layout == self._layout:
            return
        self._layout = layout
        table = self.table
        row = table.cursor_row
        table.clear(columns=True)
        for i, width in layout:
            table.add_column(self.columns[i].title, width=width, key=str(i))
        for key, cells in self._cells:
            table.add_row(*(cells[i] for i, _ in layout), key=key)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))

    def shown_titles(self) -> list[str]:
        """The titles of the columns on screen now (the rest did not fit)."""
        return [self.columns[i].title for i, _ in self._layout]

    def selected_key(self) -> str | None:
        """The key of the row under the cursor, or None when the page is empty."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected(self) -> R | None:
        key = self.selected_key()
        return None if key is None else self.rows.get(key)

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
