"""Audit: the trail of every change to the cluster in view, newest first, read only; and
the check that the whole ledger's history is intact (``v``, the same as ``cluster-ledger
verify``)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from ledger import views
from ledger.integrity.verify import Verdict, verify
from ledger.storage.tables import AuditEvent
from tui.app.screens.base import TableScreen
from tui.app.widgets.paged_table import PagedTable


class AuditScreen(TableScreen):
    """What changed, when, by whom and from where; one page at a time."""

    KEYS = (*TableScreen.PAGE_KEYS, ("v", "verify", "verify-ledger"))

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        yield PagedTable([t(k) for k in ("id", "when", "who", "action", "details")])
        yield Footer()

    def reload(self) -> None:
        limit, offset = self.pager.page_size, self.pager.start

        def read(session, cluster):  # type: ignore[no-untyped-def]
            total = views.count_audit(session=session, cluster=cluster)
            return total, views.audit_page(
                session=session, cluster=cluster, limit=limit, offset=offset
            )

        self.fetch_cluster(read, self.show)

    def show(self, data: tuple[int, list[AuditEvent]]) -> None:
        total, events = data
        first, last = self.pager.span(len(events))
        t = self.labels
        line = t("rows", first=first, last=last, total=total) if events else t("no-rows")
        rows = [
            (
                str(e.id),
                (
                    str(e.id),
                    e.at.strftime("%Y-%m-%d %H:%M:%S"),
                    f"{e.actor} ({e.origin})",
                    e.action,
                    e.details,
                ),
            )
            for e in events
        ]
        self.pager.show(rows, total, line)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row shows its details whole, however narrow the terminal."""
        row = event.data_table.get_row(event.row_key)
        self.notify(str(row[4]), title=f"{row[0]} {row[3]}", timeout=15)

    def action_verify(self) -> None:
        self.notify(self.labels("verifying"), timeout=3)
        self.check_ledger()

    @work(thread=True, exclusive=True, group="read")
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
