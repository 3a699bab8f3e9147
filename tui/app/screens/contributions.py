"""Contributions of one year: a page of entries, a form to add one, a reversal with a reason.

An entry is never edited: a mistake is cancelled by a reversing entry, and each row
says which entry reverses it or which one it reverses. What cannot be done is said at
once (a reversal cannot be reversed, a locked year takes no entry), before any form.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from sqlmodel import Session
from textual.widgets import Select, Static

from ledger import identifiers, operations, queries, views
from ledger.lists import Listing
from ledger.lists.entries import EntryRow, entries
from ledger.money import format_eur, from_cents, parse_amount
from ledger.session import Tx
from ledger.storage.tables import Cluster
from tui.app.formats import day, eur
from tui.app.screens.entry_form import MemberLookup, member_field
from tui.app.screens.forms import Field, FormScreen, Values, optional_day
from tui.app.screens.table import TableScreen, Want
from tui.app.widgets import validators
from tui.app.widgets.paged_table import Column


class ContributionsScreen(TableScreen[EntryRow]):
    """One year's entries of the cluster in view."""

    NAME = "contributions"
    KEYS = (("n", "add", "add-entry"), ("r", "reverse", "reverse"))

    def __init__(self) -> None:
        super().__init__()
        self.locked = False

    def toolbar(self):  # type: ignore[no-untyped-def]
        year = self.ledger_app.year or self.ledger_app.now().year
        yield Select[int](
            [(str(year), year)], value=year, id="year", allow_blank=False, compact=True
        )
        yield Static("", id="year-state")

    def columns(self) -> list[Column[EntryRow]]:
        t = self.labels
        return [
            Column(t("id"), lambda r: r.entry.id, keep=6, min_width=4),
            Column(
                t("amount"),
                lambda r: from_cents(r.entry.amount_cents),
                text=lambda r: eur(r.entry.amount_cents),
                keep=9,
            ),
            Column(t("paid-on"), lambda r: day(r.entry.paid_on), keep=5),
            Column(t("correction"), self._link_value, text=self._link, keep=7, optional=True),
            Column(t("kbo"), lambda r: identifiers.format_number(r.kbo), keep=4),
            Column(t("name"), lambda r: r.name, keep=8, flex=True, min_width=16),
            Column(t("note"), lambda r: r.entry.note, keep=3, flex=True, optional=True),
            Column(t("source"), lambda r: r.entry.source, keep=1, optional=True, max_width=30),
        ]

    def _link_value(self, row: EntryRow) -> str:
        return self._link(row).plain

    def _link(self, row: EntryRow) -> Text:
        e = row.entry
        if e.reverses_id is not None:
            return Text(self.labels("reverses", id=e.reverses_id), style="italic")
        if row.reversed_by is not None:
            return Text(self.labels("reversed-by", id=row.reversed_by), style="strike")
        return Text("")

    def row_key(self, row: EntryRow) -> str:
        return str(row.entry.id)

    def params(self) -> Any:
        return self.ledger_app.year, self.ledger_app.now().date()

    def read(self, session: Session, cluster: Cluster, want: Want) -> tuple[Listing[EntryRow], Any]:
        year, today = want.params
        years, chosen = views.year_choice(cluster, year, session=session, today=today)
        locked = queries.is_locked(cluster, chosen, session=session)
        listing = entries(cluster, session=session, year=chosen, **want.page)
        return listing, (years, chosen, locked)

    def present(self, extra: Any) -> None:
        years, year, locked = extra
        t = self.labels
        self.ledger_app.year, self.locked = year, locked
        with self.prevent(Select.Changed):
            select = self.query_one("#year", Select)
            select.set_options((str(y), y) for y in years)
            select.value = year
        self.query_one("#year-state", Static).update(f" {t('locked') if locked else t('open')}")

    def export_parts(self) -> tuple[object, ...]:
        return self.ledger_app.cluster_name, self.ledger_app.year

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
        if self.locked:
            self.refuse("year-locked-add", year=app.year)
            return
        lookup = MemberLookup.read(app.ledger, app.cluster_name)
        fields = [
            member_field(t, lookup),
            Field("year", t("year"), str(app.year), validators.year()),
            Field("amount", t("amount"), "", validators.amount()),
            Field("paid_on", t("paid-on"), "", validators.day()),
            Field("note", t("note"), ""),
        ]

        def submit(values: Values) -> str:
            kbo = lookup.resolve(values["kbo"])

            def change(tx: Tx) -> str:
                entry = operations.record_contribution(
                    tx,
                    self.cluster_in(tx),
                    kbo=kbo,
                    year=int(values["year"]),
                    amount=parse_amount(values["amount"]),
                    paid_on=optional_day(values["paid_on"]),
                    note=values["note"] or None,
                )
                return t("recorded", id=entry.id, amount=format_eur(entry.amount_cents))

            return self.write(change)

        self.app.push_screen(lookup.form(t, t("add-entry"), fields, submit), self.done)

    def action_reverse(self) -> None:
        row = self.selected()
        if row is None:
            return
        t, e = self.labels, row.entry
        assert e.id is not None
        entry_id = e.id
        if e.reverses_id is not None:
            self.refuse("reverse-a-reversal", id=entry_id, of=e.reverses_id)
            return
        if row.reversed_by is not None:
            self.refuse("reversed-already", id=entry_id, by=row.reversed_by)
            return
        if self.locked:
            self.refuse("year-locked-reverse", id=entry_id, year=e.year)
            return
        who = f"{row.name} ({identifiers.format_number(row.kbo)})"
        lines = [
            t("reverse-what", id=entry_id, amount=format_eur(e.amount_cents), who=who, year=e.year),
            t("reverse-how", amount=format_eur(-e.amount_cents)),
        ]

        def submit(values: Values) -> str:
            def change(tx: Tx) -> str:
                reversal = operations.reverse_contribution(tx, entry_id, reason=values["reason"])
                return t("reversed", id=entry_id, rid=reversal.id)

            return self.write(change)

        form = FormScreen(
            t,
            t("reverse-title", id=entry_id),
            [Field("reason", t("reason"), "")],
            submit,
            save=t("reverse-button", id=entry_id),
            lines=lines,
        )
        self.app.push_screen(form, self.done)
