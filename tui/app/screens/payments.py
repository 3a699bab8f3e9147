"""Payments: the movements of the cluster's bank statements and what became of each, the
unmatched queue with the reason each movement waits, and the payment requests (each
member's structured communication for the year in view, with the fee expected of it).

A waiting payment is booked to a member and year (``b``) or set aside as no contribution
(``o``, with a reason); ``enter`` shows a row's reason whole. Statements are imported on
the command line (``cluster-ledger payments import``); this screen is where the queue is
settled.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from sqlmodel import Session
from textual.widgets import DataTable, Static

from ledger.identifiers import format_number
from ledger.lists import Listing
from ledger.money import format_eur, from_cents
from ledger.payments import views as payments
from ledger.payments.actions import assign, dismiss
from ledger.payments.views import OgmRow, PaymentRow
from ledger.storage.tables import Cluster
from ledger.words import say
from tui.app.formats import eur
from tui.app.screens.entry_form import MemberLookup, member_field
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.screens.table import TableScreen, Want
from tui.app.widgets import validators
from tui.app.widgets.paged_table import Column

_STATE_STYLE = {"queued": "bold yellow", "returned": "red", "booked": "green"}

Row = PaymentRow | OgmRow


def _searched(row: Row) -> str:
    """What the filter finds a row by: a member's name, number and communication; a
    movement's counterparty, communication and member."""
    if isinstance(row, OgmRow):
        return f"{row.name} {row.kbo} {row.ogm}"
    return f"{row.counterparty or ''} {row.communication or ''} {row.name or ''}"


class PaymentsScreen(TableScreen[Row]):
    """The cluster's payments: every movement, the queue alone, or the payment requests."""

    NAME = "payments"
    KEYS = (
        ("u", "toggle", "payments-toggle"),
        ("r", "requests", "payments-show-requests"),
        ("b", "assign", "payments-assign"),
        ("o", "dismiss", "payments-dismiss"),
    )

    def __init__(self) -> None:
        self.view = "queue"  # queue, all, requests
        super().__init__()

    def toolbar(self):  # type: ignore[no-untyped-def]
        yield Static("", id="payments-title")

    def columns(self) -> list[Column[Row]]:
        t = self.labels
        if self.view == "requests":
            return [
                Column(t("kbo"), lambda r: format_number(r.kbo), keep=5),
                Column(t("name"), lambda r: r.name, keep=9, flex=True, min_width=20),
                Column(t("pay-communication"), lambda r: r.ogm, keep=8),
                Column(t("pay-request"), self._request, keep=6, flex=True),
            ]
        return [
            Column(t("id"), lambda r: r.id, keep=7, min_width=4),
            Column(t("pay-date"), lambda r: r.booking_date.isoformat(), keep=5),
            Column(
                t("amount"),
                lambda r: from_cents(r.amount_cents),
                text=lambda r: eur(r.amount_cents),
                keep=8,
            ),
            Column(t("pay-payer"), lambda r: r.counterparty, keep=7, flex=True, min_width=16),
            Column(t("pay-communication"), lambda r: r.communication, keep=3),
            Column(t("pay-state"), self._state_word, text=self._state, keep=9),
            Column(t("pay-why"), self._why, keep=6, flex=True, min_width=16),
            Column(t("pay-member"), lambda r: r.name, keep=2, flex=True, min_width=12),
            Column(t("year"), lambda r: r.year, keep=2, min_width=4),
        ]

    def row_key(self, row: Row) -> str:
        return row.kbo if isinstance(row, OgmRow) else str(row.id)

    def params(self) -> Any:
        return self.view, self.ledger_app.year

    def read(self, session: Session, cluster: Cluster, want: Want) -> tuple[Listing[Row], Any]:
        view, year = want.params
        if view == "requests":
            chosen = year or cluster.start_year
            ogms: list[Row] = list(payments.member_ogms(cluster, chosen, session=session))
            return want.pick(ogms, _searched), (view, chosen, 0, 0)
        rows = payments.list_payments(cluster, session=session)
        queued = sum(r.state == "queued" for r in rows)
        shown: list[Row] = [r for r in rows if view == "all" or r.state == "queued"]
        return want.pick(shown, _searched), (view, None, len(rows), queued)

    def present(self, extra: Any) -> None:
        view, year, total, queued = extra
        t = self.labels
        if view == "requests":
            title = f"{t('payments-requests')} · {year}"
        elif not total:
            title = t("payments-empty")
        else:
            name = t("payments-all") if view == "all" else t("payments-queue")
            title = f"{name} · {t('payments-line', shown=total, total=total, queued=queued)}"
        self.query_one("#payments-title", Static).update(Text(title, style="bold"))

    def _request(self, row: Row) -> str:
        assert isinstance(row, OgmRow)
        t = self.labels
        if row.expected_cents is None:
            return t("pay-with", ogm=row.ogm)
        return t("pay-amount-with", amount=format_eur(row.expected_cents), ogm=row.ogm)

    def _state_word(self, row: Row) -> str:
        assert isinstance(row, PaymentRow)
        return self.labels(f"pay-{row.state}")

    def _state(self, row: Row) -> Text:
        assert isinstance(row, PaymentRow)
        return Text(self._state_word(row), style=_STATE_STYLE.get(row.state, ""))

    def _why(self, row: Row) -> str:
        assert isinstance(row, PaymentRow)
        if row.state == "dismissed":
            return str(row.facts.get("reason") or "")
        if row.state == "duplicate":
            return f"= {row.facts.get('of')}"
        if row.code:
            return say(row.code, self.labels.language, face="app", **row.facts)
        return ""

    def _switch(self, view: str) -> None:
        self.view = view
        self.pager.start = 0
        self.pager.columns = self.columns()
        self.reload()

    def action_toggle(self) -> None:
        self._switch("all" if self.view == "queue" else "queue")

    def action_requests(self) -> None:
        self._switch("requests" if self.view != "requests" else "queue")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a movement shows where it came from and why it is where it is."""
        row = self.pager.rows.get(str(event.row_key.value))
        if isinstance(row, PaymentRow):
            self.notify(
                f"{row.file_name}: {row.statement}, {row.line}\n{self._why(row)}",
                title=row.counterparty or None,
                timeout=10,
                markup=False,
            )

    def _movement(self) -> PaymentRow | None:
        row = self.selected() if self.view != "requests" else None
        if self.view == "requests":
            self.refuse("select-row")
        return row if isinstance(row, PaymentRow) else None

    def action_assign(self) -> None:
        row = self._movement()
        if row is None:
            return
        t = self.labels
        year = str(self.ledger_app.year or row.booking_date.year)
        assert self.ledger_app.cluster_name is not None
        lookup = MemberLookup.read(self.ledger_app.ledger, self.ledger_app.cluster_name)

        def submit(values: Values) -> str:
            kbo = lookup.resolve(values["kbo"])
            match = self.write(
                lambda tx: assign(
                    tx, self.cluster_in(tx), row.id, kbo=kbo, year=int(values["year"])
                )
            )
            return t("payments-assigned", id=row.id, entry=match.contribution_id)

        fields = [
            member_field(t, lookup),
            Field("year", t("year"), year, validator=validators.year()),
        ]
        title = t("payments-assign-title", id=row.id, amount=format_eur(row.amount_cents))
        self.app.push_screen(lookup.form(t, title, fields, submit), self.done)

    def action_dismiss(self) -> None:
        row = self._movement()
        if row is None:
            return
        t = self.labels

        def submit(values: Values) -> str:
            self.write(lambda tx: dismiss(tx, self.cluster_in(tx), row.id, reason=values["reason"]))
            return t("payments-dismissed", id=row.id)

        title = t("payments-dismiss-title", id=row.id, amount=format_eur(row.amount_cents))
        self.app.push_screen(
            FormScreen(t, title, [Field("reason", t("reason"))], submit), self.done
        )
