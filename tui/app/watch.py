"""Noticing that another process changed the ledger, and showing the change.

A cluster added on the command line, or an import run beside the app, shows in the app
within a couple of seconds, without a restart. Every few seconds a worker reads the
ledger's change marker (:func:`ledger.views.change_marker`: the newest audit event, one
index look on SQLite and PostgreSQL alike); when it moved, the screens on view read
their data again. The app's own writes move it too, and are noted as they happen, so
they do not cause a second read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from ledger import views

if TYPE_CHECKING:
    from tui.app.app import ClusterLedgerApp

POLL_SECONDS = 2.0


class LedgerWatch:
    """Keeps the last change marker seen, and compares it with the ledger's."""

    def __init__(self, app: ClusterLedgerApp) -> None:
        self.app = app
        self.seen: int | None = None

    def _marker(self) -> int:
        with self.app.ledger.read() as session:
            return views.change_marker(session=session)

    def start(self, every: float | None) -> None:
        self.seen = self._marker()
        if every:
            self.app.set_interval(every, self.poll, name="ledger-watch")

    def poll(self) -> None:
        """Look, in a worker, whether the ledger changed since the last look."""
        self.app.run_worker(self._look, thread=True, group="watch", exclusive=True)

    def _look(self) -> None:
        marker = self._marker()
        if marker != self.seen and not get_current_worker().is_cancelled:
            self.seen = marker
            self.app.call_from_thread(self.app.refresh_screens)

    def seen_own_write(self) -> None:
        """The app itself just wrote: that change is shown by the screen that made it."""
        self.seen = self._marker()
