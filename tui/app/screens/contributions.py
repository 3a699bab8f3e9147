"""Contributions of one year: a page of entries, a form to add one, a reversal with a reason.

An entry is never edited: a mistake is cancelled by a reversing entry, and each row
says which entry reverses it or which one it reverses, side by side in the table.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Select, Static

from ledger import identifiers, operations, queries, views
from ledger.money import format_eur, parse_amount
from ledger.queries import EntryRow
from ledger.session import Tx
from tui.app.screens.base import TableScreen
from tui.app.screens.forms import Field, FormScreen, Values, optional_day
from tui.app.widgets import validators
from tui.app.widgets.paged_table import PagedTable


class ContributionsScreen(TableScreen):
    """One year's entries of the cluster in view."""

    KEYS = (
        ("n", "add", "add-entry"),
        ("r", "reverse", "reverse"),
        *TableScreen.PAGE_KEYS,
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, EntryRow] = {}

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        with Horizontal(classes="toolbar"):
            yield Select[int]([], prompt=t("year"), id="year", allow_blank=True, compact=True)
            yield Static("", id="year-state")
        yield PagedTable(
            [t(k) for k in ("id", "amount", "paid-on", "reversal", "kbo", "name", "note", "source")]
        )
        yield Footer()

    def reload(self) -> None:
        year, today = self.ledger_app.year, self.ledger_app.now().date()
        limit, offset = self.pager.page_size, self.pager.start

        def read(session, cluster):  # type: ignore[no-untyped-def]
            years, chosen = views.year_choice(cluster, year, session=session, today=today)
            locked = queries.is_locked(cluster, chosen, session=session)
            total = views.count_contributions(cluster, session=session, year=chosen)
            page = views.contribution_page(
                cluster, session=session, year=chosen, limit=limit, offset=offset
            )
            return years, chosen, locked, total, page

        self.fetch_cluster(read, self.show)

    def show(self, data: tuple[list[int], int, bool, int, list[EntryRow]]) -> None:
        years, year, locked, total, rows = data
        t = self.labels
        self.ledger_app.year = year
        with self.prevent(Select.Changed):
            select = self.query_one("#year", Select)
            select.set_options((str(y), y) for y in years)
            select.value = year
        self.query_one("#year-state", Static).update(f" {t('locked') if locked else t('open')}")
        self.rows = {str(r.entry.id): r for r in rows}
        first, last = self.pager.span(len(rows))
        line = t("rows", first=first, last=last, total=total) if rows else t("no-rows")
        self.pager.show(((str(r.entry.id), self._cells(r)) for r in rows), total, line)
        self.ledger_app.ready("contributions")

    def _cells(self, row: EntryRow) -> tuple[str | Text, ...]:
        e = row.entry
        if e.reverses_id is not None:
            link = Text(self.labels("reverses", id=e.reverses_id), style="italic")
        elif row.reversed_by is not None:
            link = Text(self.labels("reversed-by", id=row.reversed_by), style="strike")
        else:
            link = Text("")
        amount = Text(format_eur(e.amount_cents), justify="right")
        if e.amount_cents < 0:
            amount.stylize("red")
        return (
            str(e.id),
            amount,
            e.paid_on.isoformat() if e.paid_on else "",
            link,
            identifiers.format_number(row.kbo),
            row.name,
            e.note or "",
            e.source or "",
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "year" or event.value is Select.NULL:
            return
        if event.value != self.ledger_app.year:
            self.ledger_app.year = int(event.value)  # type: ignore[arg-type]
            self.pager.start = 0
            self.reload()

    def action_add(self) -> None:
        app = self.ledger_app
        if app.cluster_name is None or app.year is None:
            return
        t = self.labels
        year = app.year
        fields = [
            Field("kbo", t("kbo"), "", validators.enterprise_number()),
            Field("year", t("year"), str(year), validators.year()),
            Field("amount", t("amount"), "", validators.amount()),
            Field("paid_on", t("paid-on"), "", validators.day()),
            Field("note", t("note"), ""),
        ]

        def submit(values: Values) -> str:
            def change(tx: Tx) -> str:
                entry = operations.record_contribution(
                    tx,
                    self.cluster_in(tx),
                    kbo=values["kbo"],
                    year=int(values["year"]),
                    amount=parse_amount(values["amount"]),
                    paid_on=optional_day(values["paid_on"]),
                    note=values["note"] or None,
                )
                return t("recorded", id=entry.id, amount=format_eur(entry.amount_cents))

            return self.write(change)

        self.app.push_screen(FormScreen(t, t("add-entry"), fields, submit), self.done)

    def action_reverse(self) -> None:
        key = self.pager.selected_key()
        if key is None or key not in self.rows:
            self.notify(self.labels("select-row"), severity="warning")
            return
        t = self.labels
        entry_id = self.rows[key].entry.id
        assert entry_id is not None

        def submit(values: Values) -> str:
            def change(tx: Tx) -> str:
                reversal = operations.reverse_contribution(tx, entry_id, reason=values["reason"])
                return t("reversed", id=entry_id, rid=reversal.id)

            return self.write(change)

        fields = [Field("reason", t("reason"), "")]
        self.app.push_screen(
            FormScreen(t, t("reverse-title", id=entry_id), fields, submit), self.done
        )
