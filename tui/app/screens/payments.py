"""Payments: the movements of the cluster's bank statements and what became of each, the
unmatched queue with the reason each movement waits, and the payment requests (each
member's structured communication for the year in view).

A waiting payment is booked to a member and year (``b``) or set aside as no contribution
(``o``, with a reason); ``enter`` shows a row's reason whole. Statements are imported on
the command line (``cluster-ledger payments import``); this screen is where the queue is
settled.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Static

from ledger.identifiers import format_number
from ledger.money import format_eur
from ledger.payments import views as payments
from ledger.payments.actions import assign, dismiss
from ledger.payments.views import OgmRow, PaymentRow
from ledger.words import say
from tui.app.screens.base import TableScreen
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.widgets import validators
from tui.app.widgets.paged_table import PagedTable

_STATE_STYLE = {"queued": "bold yellow", "returned": "red", "booked": "green"}


class PaymentsScreen(TableScreen):
    """The cluster's payments: every movement, the queue alone, or the payment requests."""

    KEYS = (
        ("u", "toggle", "payments-toggle"),
        ("r", "requests", "payments-show-requests"),
        ("b", "assign", "payments-assign"),
        ("o", "dismiss", "payments-dismiss"),
        *TableScreen.PAGE_KEYS,
    )

    def __init__(self) -> None:
        super().__init__()
        self.view = "queue"  # queue, all, requests
        self.rows: dict[str, PaymentRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="toolbar"):
            yield Static("", id="payments-title")
        yield PagedTable([self.labels(k) for k in self._columns()])
        yield Footer()

    def _columns(self) -> tuple[str, ...]:
        if self.view == "requests":
            return ("kbo", "name", "pay-communication", "pay-request")
        return (
            "id",
            "pay-date",
            "amount",
            "pay-payer",
            "pay-communication",
            "pay-state",
            "pay-why",
            "pay-member",
            "year",
        )

    def reload(self) -> None:
        view, year = self.view, self.ledger_app.year
        start, size = self.pager.start, self.pager.page_size

        def read(session, cluster):  # type: ignore[no-untyped-def]
            if view == "requests":
                chosen = year or cluster.start_year
                return chosen, payments.member_ogms(cluster, chosen, session=session)
            rows = payments.list_payments(cluster, session=session)
            queued = sum(r.state == "queued" for r in rows)
            shown = [r for r in rows if view == "all" or r.state == "queued"]
            return len(rows), queued, len(shown), shown[start : start + size]

        self.fetch_cluster(read, self.show_requests if view == "requests" else self.show)

    def _reset_columns(self) -> None:
        table: DataTable = self.pager.table
        table.clear(columns=True)
        table.add_columns(*[self.labels(k) for k in self._columns()])

    def show(self, data: tuple[int, int, int, list[PaymentRow]]) -> None:
        total, queued, shown, rows = data
        t = self.labels
        title = t("payments-all") if self.view == "all" else t("payments-queue")
        self.query_one("#payments-title", Static).update(Text(title, style="bold"))
        self.rows = {str(r.id): r for r in rows}
        line = (
            t("payments-line", shown=shown, total=total, queued=queued)
            if total
            else t("payments-empty")
        )
        self.pager.show(((str(r.id), self._cells(r)) for r in rows), shown, line)
        self.ledger_app.ready("payments")

    def _why(self, row: PaymentRow) -> str:
        language = self.labels.language
        if row.state == "dismissed":
            return str(row.facts.get("reason") or "")
        if row.state == "duplicate":
            return f"= {row.facts.get('of')}"
        if row.code:
            return say(row.code, language, face="app", **row.facts)
        return ""

    def _cells(self, row: PaymentRow) -> tuple[str | Text, ...]:
        t = self.labels
        return (
            str(row.id),
            row.booking_date.isoformat(),
            Text(format_eur(row.amount_cents), justify="right"),
            row.counterparty or "",
            row.communication or "",
            Text(t(f"pay-{row.state}"), style=_STATE_STYLE.get(row.state, "")),
            self._why(row),
            row.name or "",
            str(row.year or ""),
        )

    def show_requests(self, data: tuple[int, list[OgmRow]]) -> None:
        year, rows = data
        t = self.labels
        self.query_one("#payments-title", Static).update(
            Text(f"{t('payments-requests')} · {year}", style="bold")
        )

        def request(row: OgmRow) -> str:
            if row.expected_cents is None:
                return t("pay-with", ogm=row.ogm)
            return t("pay-amount-with", amount=format_eur(row.expected_cents), ogm=row.ogm)

        cells = ((r.kbo, (format_number(r.kbo), r.name, r.ogm, request(r))) for r in rows)
        self.pager.show(cells, len(rows), "")

    def action_toggle(self) -> None:
        self.view = "all" if self.view == "queue" else "queue"
        self.pager.start = 0
        self._reset_columns()
        self.reload()

    def action_requests(self) -> None:
        self.view = "requests" if self.view != "requests" else "queue"
        self.pager.start = 0
        self._reset_columns()
        self.reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = self.rows.get(str(event.row_key.value)) if self.view != "requests" else None
        if row is not None:
            self.notify(
                f"{row.file_name}: {row.statement}, {row.line}\n{self._why(row)}",
                title=t if (t := row.counterparty) else None,
                timeout=10,
            )

    def _selected(self) -> PaymentRow | None:
        key = self.pager.selected_key() if self.view != "requests" else None
        row = self.rows.get(key) if key else None
        if row is None:
            self.notify(self.labels("select-row"), severity="warning")
        return row

    def action_assign(self) -> None:
        row = self._selected()
        if row is None:
            return
        t = self.labels
        year = str(self.ledger_app.year or row.booking_date.year)

        def submit(values: Values) -> str:
            match = self.write(
                lambda tx: assign(
                    tx,
                    self.cluster_in(tx),
                    row.id,
                    kbo=values["kbo"],
                    year=int(values["year"]),
                )
            )
            return t("payments-assigned", id=row.id, entry=match.contribution_id)

        fields = [
            Field("kbo", t("kbo"), validator=validators.enterprise_number()),
            Field("year", t("year"), year, validator=validators.year()),
        ]
        title = t("payments-assign-title", id=row.id, amount=format_eur(row.amount_cents))
        self.app.push_screen(FormScreen(t, title, fields, submit), self.done)

    def action_dismiss(self) -> None:
        row = self._selected()
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
