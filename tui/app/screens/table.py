"""A screen built around one list of the ledger: pages, a filter, and an export.

Every table screen reads its list through :mod:`ledger.lists` (the same read the command
line prints), one page at a time; ``/`` filters it (in the database, accents and case
ignored), ``[`` and ``]`` turn its pages, and ``ctrl+e`` writes the whole list, as
filtered, to a CSV file or an Excel workbook.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header
from textual.worker import get_current_worker

from ledger import queries
from ledger.lists import Listing, fold, page
from ledger.storage.tables import Cluster
from tui.app.screens.base import Keys, LedgerScreen, refusal
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.widgets.filter_line import matches
from tui.app.widgets.paged_table import Column, PagedTable
from tui.table_file import check_output, write_table

R = TypeVar("R")


def export_name(*parts: object) -> str:
    """A file name from what the table shows: ``members-circulaire-kunststoffen-2025.xlsx``."""
    words = "-".join(str(p) for p in parts if p not in (None, ""))
    return (re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or "table") + ".xlsx"


@dataclass(frozen=True)
class Want:
    """What a screen asks of one read of its list: its own choices (``params``, taken on
    the screen's thread), the filter's text, and the page (all rows when ``limit`` is None)."""

    params: Any
    search: str
    limit: int | None
    offset: int

    @property
    def page(self) -> dict[str, Any]:
        """The filter and the page as a list of :mod:`ledger.lists` takes them."""
        return {"search": self.search, "limit": self.limit, "offset": self.offset}

    def pick(self, rows: list[R], text: Callable[[R], str]) -> Listing[R]:
        """A short list read whole, filtered on ``text`` (accents and case ignored) and cut
        to the page."""
        words = fold(self.search.strip())
        found = [r for r in rows if matches(words, [text(r)])]
        return page(found, self.limit, self.offset)


class TableScreen(LedgerScreen, Generic[R]):
    """One list of the cluster in view; subclasses say its columns and how to read it."""

    AUTO_FOCUS = "DataTable"
    NAME: ClassVar[str] = "table"
    # What the line under the table says besides the table keys (a label key), if anything.
    HINT: ClassVar[str | None] = None
    TABLE_KEYS: ClassVar[Keys] = (
        ("slash", "filter", "filter-key"),
        ("right_square_bracket", "page(1)", "next-page"),
        ("left_square_bracket", "page(-1)", "prev-page"),
        ("ctrl+e", "export_table", "export-table"),
    )

    # The cluster and year whose rows the pages were turned through; coming back to the
    # screen for another cluster or year starts at the first page again.
    _paged_in: tuple[str | None, int | None] | None = None

    def __init__(self) -> None:
        super().__init__()
        # Said on the line under the table rather than in the footer, which keeps its room
        # for the screen's own actions and the screens.
        for key, action, label in self.TABLE_KEYS:
            self._bindings.bind(key, action, self.labels(label), show=False)

    # What a subclass says.

    def columns(self) -> list[Column[R]]:
        raise NotImplementedError

    def row_key(self, row: R) -> str:
        raise NotImplementedError

    def toolbar(self) -> ComposeResult:
        """Widgets above the table (a year, a filter choice); none by default."""
        yield from ()

    def params(self) -> Any:
        """What the read needs from the screen, taken on the screen's own thread."""
        return None

    def read(self, session: Session, cluster: Cluster, want: Want) -> tuple[Listing[R], Any]:
        """One page of the list (all of it when ``want.limit`` is None), and anything else
        the screen shows beside it. Runs in a worker thread: no widget may be touched here."""
        raise NotImplementedError

    def present(self, extra: Any) -> None:
        """Show what :meth:`read` returned beside the rows."""

    def cursor_to(self) -> str | None:
        """The row to put the cursor on when rows first show (None: the first row)."""
        return None

    def open_row(self, row: R) -> None:
        """What ``enter`` on a row opens (its page); a screen without pages leaves it."""
        raise NotImplementedError

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """``enter`` on a row opens its page, on a screen whose rows have one."""
        if type(self).open_row is not TableScreen.open_row:
            event.stop()
            self.action_open_row()

    def action_open_row(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_row(row)

    # The table itself.

    def compose(self) -> ComposeResult:
        yield Header()
        tools = list(self.toolbar())
        if tools:
            with Horizontal(classes="toolbar"):
                yield from tools
        yield PagedTable(self.columns(), key=self.row_key, filter_hint=self.labels("filter"))
        yield Footer()

    @property
    def pager(self) -> PagedTable[R]:
        return self.query_one(PagedTable)

    def _in_view(self) -> tuple[str | None, int | None]:
        return self.ledger_app.cluster_name, self.ledger_app.year

    def on_screen_resume(self) -> None:
        if self.pager.start and self._paged_in != self._in_view():
            self.pager.start = 0
        super().on_screen_resume()

    def reload(self) -> None:
        pager = self.pager
        want = Want(self.params(), pager.filter_text, pager.page_size, pager.start)
        self.fetch_cluster(lambda session, cluster: self.read(session, cluster, want), self._show)

    def _show(self, data: tuple[Listing[R], Any]) -> None:
        listing, extra = data
        self.present(extra)
        t = self.labels
        first, last = self.pager.span(len(listing.rows))
        if listing.rows:
            line = t("rows", first=first, last=last, total=listing.total)
        else:
            line = t("no-rows-filtered") if self.pager.filter_text else t("no-rows")
        fresh = not self.pager.rows
        hint = f"{t(self.HINT)} · " if self.HINT else ""
        self.pager.show(listing.rows, listing.total, f"{line}  ·  {hint}{t('table-keys')}")
        key = self.cursor_to() if fresh else None
        if key is not None and key in self.pager.rows:
            self.pager.table.move_cursor(row=self.pager.table.get_row_index(key))
        self.shown(self.NAME)

    def on_paged_table_filtered(self, event: PagedTable.Filtered) -> None:
        self.reload()

    def action_filter(self) -> None:
        self.pager.open_filter()

    def action_page(self, pages: int) -> None:
        if self.pager.turn(pages):
            self._paged_in = self._in_view()
            self.reload()

    def selected(self) -> R | None:
        """The row under the cursor; with none, say so and return None."""
        row = self.pager.selected()
        if row is None:
            self.refuse("select-row")
        return row

    # Export.

    def export_parts(self) -> tuple[object, ...]:
        """What the suggested file name is made of (besides the screen's name)."""
        return (self.ledger_app.cluster_name,)

    def action_export_table(self) -> None:
        if self.ledger_app.cluster_name is None:
            return
        t = self.labels
        name = export_name(self.labels(self.NAME), *self.export_parts())
        fields = [
            Field("path", t("export-path"), str(Path.cwd() / name)),
            Field("replace", t("overwrite"), check=True),
        ]

        def submit(values: Values) -> tuple[Path, bool]:
            path = Path(values["path"].strip()).expanduser()
            replace = values["replace"] == "1"
            check_output(path, force=replace)
            return path, replace

        form = FormScreen(t, t("export-table-title"), fields, submit, save=t("export"))
        self.app.push_screen(form, self._export)

    def _export(self, chosen: tuple[Path, bool] | None) -> None:
        if chosen is not None:
            self.export_rows(*chosen, self.params(), self.pager.filter_text)

    @work(thread=True, exclusive=True, group="export")
    def export_rows(self, path: Path, replace: bool, params: Any, search: str) -> None:
        """Read the whole list (as filtered) and write it, away from the screen's thread."""
        worker = get_current_worker()
        columns = self.columns()
        name = self.ledger_app.cluster_name
        assert name is not None
        try:
            with self.ledger_app.ledger.read() as session:
                cluster = queries.get_cluster(name, session=session)
                listing, _ = self.read(session, cluster, Want(params, search, None, 0))
            rows = ([c.value(r) for c in columns] for r in listing.rows)
            count = write_table(
                path, [c.title for c in columns], rows, force=replace, title=self.labels(self.NAME)
            )
        except Exception as caught:  # a user's mistake, or the machine's failure
            if (exc := refusal(caught)) is None:
                raise  # a bug
            if not worker.is_cancelled:
                self.app.call_from_thread(self.ledger_app.report, exc)
            return
        message = self.labels("exported-table", rows=count, path=path)
        self.app.call_from_thread(self.notify, message, timeout=10)


class YearRow(Protocol):
    """A row of a list with a program year a row."""

    @property
    def year(self) -> int: ...

    @property
    def locked(self) -> bool: ...


Y = TypeVar("Y", bound=YearRow)


class YearTableScreen(TableScreen[Y]):
    """A list with a program year a row (Years, Costs): keyed by the year, which leads its
    columns with its lock state."""

    def row_key(self, row: Y) -> str:
        return str(row.year)

    def year_columns(self, *, state_keep: int) -> tuple[Column[Y], Column[Y]]:
        """The year, and whether it is locked (``state_keep``: how much that matters here)."""
        t = self.labels
        return (
            Column(t("year"), lambda r: r.year, keep=9, min_width=4),
            Column(t("state"), lambda r: t("locked") if r.locked else t("open"), keep=state_keep),
        )
