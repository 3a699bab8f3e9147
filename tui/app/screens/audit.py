"""Audit: the trail of every change to the cluster in view, newest first, told in
sentences, with the selected event whole in a pane below (or beside, on a wide
terminal); and the check that the whole ledger's history is intact (``v``, the same
check as the command line's ``verify``)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Static

from ledger.integrity.verify import Verdict, verify
from ledger.lists import Listing
from ledger.lists.audit import AuditRow, audit
from ledger.storage.tables import Cluster
from tui.app.formats import when
from tui.app.screens.table import TableScreen, Want
from tui.app.sentences import describe, detail_lines
from tui.app.widgets.paged_table import Column, PagedTable


class AuditScreen(TableScreen[AuditRow]):
    """What changed, when, by whom and from where; one page at a time."""

    NAME = "audit"
    KEYS = (("v", "verify", "verify-ledger"),)
    DEFAULT_CSS = """
    AuditScreen #audit-body { height: 1fr; layout: vertical; }
    AuditScreen.-wide #audit-body { layout: horizontal; }
    AuditScreen #audit-detail {
        height: 7; border-top: solid $primary; padding: 0 1; overflow-y: auto;
    }
    AuditScreen.-wide #audit-detail { height: 1fr; width: 60; border-top: none;
        border-left: solid $primary; }
    """

    def columns(self) -> list[Column[AuditRow]]:
        t, zone = self.labels, self.ledger_app.zone
        return [
            Column(t("id"), lambda r: r.event.id, keep=3, min_width=4),
            Column(t("when"), lambda r: when(r.event.at, zone), keep=6),
            Column(t("who"), lambda r: r.event.actor, keep=2, max_width=16),
            Column(t("what"), lambda r: describe(t, r), keep=9, flex=True, min_width=30),
        ]

    def row_key(self, row: AuditRow) -> str:
        return str(row.event.id)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="audit-body"):
            yield PagedTable(self.columns(), key=self.row_key, filter_hint=self.labels("filter"))
            yield Static("", id="audit-detail", markup=False)
        yield Footer()

    def read(self, session: Session, cluster: Cluster, want: Want) -> tuple[Listing[AuditRow], Any]:
        return audit(session=session, cluster=cluster, **want.page), None

    def present(self, extra: Any) -> None:
        self.call_after_refresh(self._detail)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        row = self.pager.selected()
        pane = self.query_one("#audit-detail", Static)
        if row is None:
            pane.update("")
            return
        at = when(row.event.at, self.ledger_app.zone, seconds=True)
        pane.update("\n".join(detail_lines(self.labels, row, at)))

    def action_verify(self) -> None:
        self.notify(self.labels("verifying"), timeout=3)
        self.check_ledger()

    @work(thread=True, exclusive=True, group="verify")
    def check_ledger(self) -> None:
        """Recompute every chain away from the screen's thread: a large ledger takes seconds."""
        verdict = verify(self.ledger_app.ledger)
        self.app.call_from_thread(self.show_verdict, verdict)

    def show_verdict(self, verdict: Verdict) -> None:
        t = self.labels
        if verdict.ok:
            message = t(
                "verified",
                entries=verdict.rows["contribution"],
                events=verdict.rows["audit_event"],
                chains=len(verdict.chains),
            )
            self.notify(message, title=t("verify-ledger"), timeout=15)
            return
        shown = "\n".join(f"- {p}" for p in verdict.problems[:3])
        message = t("verify-failed", count=len(verdict.problems), problems=shown)
        self.notify(message, title=t("verify-ledger"), severity="error", timeout=60, markup=False)
