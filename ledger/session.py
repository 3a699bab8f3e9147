"""Opening a ledger, and the one way to write to it: a transaction that audits itself.

Every write goes through :meth:`Ledger.write`, which yields a :class:`Tx`. The
operations in :mod:`ledger.operations` take that ``Tx``, change rows and record an
audit event in the same transaction, so a change and its audit trail land together
or not at all. An importer runs many operations in one ``write()``; the command line
runs one.

>>> import tempfile, pathlib
>>> ledger = Ledger.open(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite", create=True)
>>> with ledger.read() as session:
...     session.exec(select(AuditEvent)).all()
[]

A read-only command that needs no ORM object reads through :meth:`Ledger.connect`
instead: SQLModel, the table models and the hash chains are imported only by the paths
that use them, which is most of a short command's start-up.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import IntegrityError, OperationalError

from ledger.errors import DatabaseError
from ledger.problems import Problem
from ledger.storage import database
from ledger.text import escape_controls

if TYPE_CHECKING:  # imported where used: a read on Core needs none of them
    from sqlmodel import Session, SQLModel

    from ledger.integrity.chain import Chains
    from ledger.storage.tables import AuditEvent


def current_actor() -> str:
    """The operating-system user, which is who the audit trail names.

    It comes from the process's user id, which a user cannot choose; ``LOGNAME`` (or
    ``USER``), which anyone can set, is only a label beside it when it says otherwise:
    ``alice (LOGNAME=bob)``.
    """
    try:
        import pwd

        name = pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):  # no pwd (Windows), or a uid without a name
        uid = getattr(os, "getuid", None)
        if uid is None:
            try:
                return escape_controls(getpass.getuser())[:200]
            except (KeyError, OSError):
                return "unknown"
        name = f"uid {uid()}"
    said = os.environ.get("LOGNAME") or os.environ.get("USER")
    if said and said != name:
        label = "LOGNAME" if os.environ.get("LOGNAME") else "USER"
        return f"{name} ({label}={escape_controls(said)[:80]})"
    return name


def _backup_before_upgrade(engine: Engine, revision: str) -> Path | None:
    """The copy of a ledger about to be upgraded (see ``ledger.backup.upgrade``), imported
    only when a ledger needs upgrading: the backup machinery is no part of a plain open."""
    from ledger.backup.upgrade import before_migration

    return before_migration(engine, revision)


@dataclass
class Tx:
    """A write transaction in progress, carrying who writes and from where."""

    session: Session
    actor: str
    origin: str
    chains: Chains = field(init=False)

    def __post_init__(self) -> None:
        from ledger.integrity.chain import Chains

        self.chains = Chains(self.session)
        # A chained row added without Tx.save (a year's lock event) is sealed at the flush.
        event.listen(self.session, "before_flush", self._seal_new)

    def _seal_new(self, session: Session, _context: Any, _instances: Any) -> None:
        from ledger.integrity.chain import REGISTRY

        new = [
            row
            for row in session.new
            if getattr(row, "__tablename__", None) in REGISTRY
            and getattr(row, "chain_hash", None) is None
        ]
        new.sort(key=lambda row: row._sa_instance_state.insert_order)  # the order of inserts
        for row in new:
            self.chains.seal(row)

    def save(
        self, row: SQLModel, action: str, *, cluster_id: int | None, details: dict[str, Any]
    ) -> AuditEvent:
        """Write a row and the audit event that describes it, in this transaction."""
        from ledger.integrity.chain import REGISTRY

        if row.__tablename__ in REGISTRY and getattr(row, "id", None) is None:
            self.chains.seal(row)
        self.session.add(row)
        self.session.flush()  # gives a new row its id for the audit event
        return self.audit(
            action,
            entity=str(row.__tablename__),
            entity_id=getattr(row, "id", None),
            cluster_id=cluster_id,
            details=details,
        )

    def audit(
        self,
        action: str,
        *,
        entity: str,
        entity_id: int | None,
        cluster_id: int | None,
        details: dict[str, Any],
    ) -> AuditEvent:
        """Record what just changed, in the same transaction as the change.

        A row the ledger changes in place (:data:`~ledger.integrity.state.REPLAYED`) is
        kept whole in the event's details, so verify can hold every column to it.

        Returns:
            The event, with its id: a history row names the event that recorded it.
        """
        from ledger.integrity.state import REPLAYED, ROW_KEY, snapshot
        from ledger.storage.tables import AuditEvent

        model = REPLAYED.get(entity)
        if model is not None and entity_id is not None:
            row = self.session.get(model, entity_id)
            if row is not None:
                details = {**details, ROW_KEY: snapshot(row)}
        event = AuditEvent(
            actor=self.actor,
            origin=self.origin,
            action=action,
            cluster_id=cluster_id,
            entity=entity,
            entity_id=entity_id,
            details=json.dumps(details, sort_keys=True, ensure_ascii=False, default=str),
        )
        self.chains.seal(event)
        self.session.add(event)
        self.session.flush()
        return event

    def add_history(self, row: SQLModel, event: AuditEvent) -> None:
        """Insert a row of dated history, naming the audit event that recorded it."""
        row.set_by_event = event.id  # type: ignore[attr-defined]
        self.session.add(row)


class Ledger:
    """A ledger database and the identity of whoever is using it."""

    def __init__(self, engine: Engine, *, actor: str | None = None, origin: str = "cli") -> None:
        self.engine = engine
        # The same pool; its connections' BEGIN takes the write lock (see database.py).
        self._writer = engine.execution_options(**{database.WRITE_OPTION: True})
        self.actor = actor or current_actor()
        self.origin = f"{origin}@{socket.gethostname()}"

    @classmethod
    def open(
        cls,
        target: str | Path,
        *,
        create: bool = False,
        actor: str | None = None,
        origin: str = "cli",
    ) -> Ledger:
        """Open the ledger at a path or URL.

        Args:
            target: a SQLite file path or a database URL.
            create: create the schema when the database is empty (``init``), else refuse.

        Raises:
            DatabaseError: no ledger there (and not ``create``), or it cannot be opened.
        """
        try:
            url = database.database_url(target)
            exists = url.startswith("sqlite:///") and Path(url.removeprefix("sqlite:///")).exists()
        except (OSError, RuntimeError) as exc:  # a path the system refuses, an unknown ~user
            text = str(target)
            shown = repr(text) if len(text) <= 80 else f"{text[:80]!r}..."
            reason = getattr(exc, "strerror", None) or str(exc)
            raise DatabaseError(f"cannot open {shown}: {reason}") from None
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if not exists and not create:
                raise DatabaseError(
                    f"no ledger at {path}; run 'cluster-ledger init' to create one,"
                    " or 'cluster-ledger demo' to try a demo ledger"
                )
            if create:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseError(f"cannot create {path.parent}: {exc.strerror}") from None
        engine = database.make_engine(url)
        upgraded = database.prepare(engine, create=create, before=_backup_before_upgrade)
        ledger = cls(engine, actor=actor, origin=origin)
        if upgraded is not None:  # the trail keeps each upgrade and where its backup went
            with ledger.write() as tx:
                tx.audit(
                    "ledger.upgrade",
                    entity="ledger",
                    entity_id=None,
                    cluster_id=None,
                    details=upgraded.details(),
                )
        return ledger

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        from sqlmodel import Session

        with Session(self.engine) as session:
            yield session

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A plain connection for reading on SQLAlchemy Core, without the ORM session:
        what a read-only command that needs no table object uses (see
        :mod:`ledger.summary_reads`). Like :meth:`read`, one transaction that sees one
        state of the ledger, and nothing it does is committed."""
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """One transaction: everything inside lands together, or nothing does.

        Writers take their turn: the transaction holds the ledger's write lock from its
        first statement (SQLite's ``BEGIN IMMEDIATE``, an advisory lock on PostgreSQL), so
        what it reads (a year's lock, a chain's end) stays true until it commits. Another
        writer waits for it, up to the busy timeout, instead of failing.

        Raises:
            ConflictError: a uniqueness rule of the database refused the write.
            DatabaseError: the database refused it for another reason (disk full, locked).
        """
        from sqlmodel import Session

        with Session(self._writer, expire_on_commit=False) as session:
            try:
                session.connection()  # takes the write lock before anything is read
                tx = Tx(session=session, actor=self.actor, origin=self.origin)
                yield tx
                tx.chains.save()
                session.commit()
            except IntegrityError as exc:
                session.rollback()
                facts = {"reason": database.first_line(exc)}
                raise Problem("write.refused", facts, kind="conflict").error() from None
            except OperationalError as exc:
                session.rollback()
                if "full" in str(exc.orig).lower():
                    raise DatabaseError(
                        "the disk is full (or the database reached its size limit): nothing of "
                        "this change was saved; free some space and try again"
                    ) from None
                if database.is_busy(exc):
                    raise DatabaseError(
                        "the ledger is busy: another writer (an import, the app) held it for "
                        f"more than {database.BUSY_TIMEOUT_S} s; try again when it is done"
                    ) from None
                raise DatabaseError(
                    f"the database refused the write: {database.first_line(exc)}"
                ) from None
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
