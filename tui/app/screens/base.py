"""What every screen of the app shares: labelled key bindings, reads in a worker, safe writes.

Reads run in a thread worker with a session of their own: the ledger's SQLite engine
keeps a pool of connections that may be used from any thread, but one session (and
its connection) never crosses threads. Writes are short single transactions and run
where the user asked for them; a user's mistake (a ``LedgerError``) becomes a
notification in the app's language instead of ending the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from sqlmodel import Session
from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from ledger import queries
from ledger.session import Tx
from ledger.storage.tables import Cluster
from tui.app.i18n import Labels, refusal

if TYPE_CHECKING:
    from tui.app import ClusterLedgerApp

T = TypeVar("T")

# A screen's own keys: (key, action, label key in ledger.words.app).
Keys = tuple[tuple[str, str, str], ...]


class DataShown(Message):
    """A screen has shown the data it read (what a benchmark waits for)."""

    def __init__(self, screen: str) -> None:
        super().__init__()
        self.screen = screen


class LedgerScreen(Screen[None]):
    """A screen of the app: binds its keys in the chosen language and talks to the ledger."""

    KEYS: ClassVar[Keys] = ()

    def __init__(self) -> None:
        super().__init__()
        for key, action, label in self.KEYS:
            self._bindings.bind(key, action, self.labels(label))

    @property
    def ledger_app(self) -> ClusterLedgerApp:
        return self.app  # type: ignore[return-value]

    @property
    def labels(self) -> Labels:
        return self.ledger_app.labels

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read what the screen shows again (after a change, or on coming back to it)."""

    def shown(self, name: str) -> None:
        """Say, once it is drawn, that the screen's data is on it."""
        self.call_after_refresh(self.app.post_message, DataShown(name))

    @work(thread=True, exclusive=True, group="read")
    def fetch(self, read: Callable[[Session], T], show: Callable[[T], None]) -> None:
        """Run ``read`` in a worker thread with its own session, then ``show`` its result."""
        worker = get_current_worker()
        try:
            with self.ledger_app.ledger.read() as session:
                data = read(session)
        except Exception as caught:  # a user's mistake, or the machine's failure
            if (exc := refusal(caught)) is None:
                raise  # a bug
            if not worker.is_cancelled:
                self.app.call_from_thread(self.ledger_app.report, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(show, data)

    def fetch_cluster(
        self, read: Callable[[Session, Cluster], T], show: Callable[[T], None]
    ) -> None:
        """:meth:`fetch` for the cluster in view: ``read`` gets it found; no cluster, no read."""
        name = self.ledger_app.cluster_name
        if name is None:
            return
        self.fetch(lambda session: read(session, queries.get_cluster(name, session=session)), show)

    def done(self, message: object) -> None:
        """A form's result: say what it did and show the change (a cancelled form says nothing)."""
        if message:
            self.notify(str(message))
            self.reload()

    def cluster_in(self, tx: Tx) -> Cluster:
        """The cluster in view, read in the write's own transaction."""
        assert self.ledger_app.cluster_name is not None
        return queries.get_cluster(self.ledger_app.cluster_name, session=tx.session)

    def write(self, change: Callable[[Tx], T]) -> T:
        """Run one transaction; a ``LedgerError`` propagates to the form that asked."""
        with self.ledger_app.ledger.write() as tx:
            result = change(tx)
        self.ledger_app.watch.seen_own_write()
        return result

    def try_write(self, change: Callable[[Tx], T]) -> T | None:
        """Run one transaction; a user's mistake becomes an error notification."""
        try:
            return self.write(change)
        except Exception as caught:  # a user's mistake, or the machine's failure
            if (exc := refusal(caught)) is None:
                raise  # a bug
            self.ledger_app.report(exc)
            return None

    def refuse(self, label: str, **facts: object) -> None:
        """Say at once why an action cannot be done here (before any form opens)."""
        self.notify(self.labels(label, **facts), severity="warning", timeout=6)
