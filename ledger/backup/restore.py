"""Putting a backup back: ``cluster-ledger restore SRC``.

The backup is never changed: it is copied to a temporary file beside the ledger,
upgraded there when an older version wrote it, and checked. Only a backup that passes
:func:`~ledger.integrity.verify.verify` goes further, and then in this order:

1. A journal (``<ledger>.restore-journal``) is written and flushed to disk, naming the
   backup, its SHA-256 and where the safety copy goes: a restore that is interrupted
   from here on is visible afterwards, and ``verify`` names it.
2. The ledger's write lock is taken (``BEGIN IMMEDIATE``) and held to the end: an
   import or the app that wants to write waits, and lands after the restore, in the
   restored ledger, or gives up with the ledger busy; none lands in between and is lost.
3. The ledger as it is (no writer can change it now) is copied to
   ``<name>.before-restore-<UTC time>.sqlite`` beside it.
4. In the same transaction the ledger's tables are replaced by the backup's, and a
   ``ledger.restore`` audit event is appended to the restored history. The commit makes
   it all visible at once: a reader (the app) sees the old ledger or the restored one,
   never half of each; killed before the commit, the ledger stays as it was.
5. The journal is removed.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger import files
from ledger.backup.snapshot import SEE_README, first, plain_path, verify_file
from ledger.backup.sqlite_copy import (
    SQLITE_HEADER,
    copy_checked,
    free_name,
    online_copy,
    os_reason,
    partial_file,
    sha256,
    sqlite_errors,
)
from ledger.backup.upgrade import stamp
from ledger.errors import DatabaseError, InputError
from ledger.files import shown
from ledger.storage import database

if TYPE_CHECKING:
    from ledger.integrity.verify import Verdict

JOURNAL_SUFFIX = ".restore-journal"


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: where from, what it replaced and what the restored ledger holds."""

    target: Path
    source: Path
    source_sha256: str
    safety_backup: Path | None
    upgraded_from: str | None
    verdict: Verdict


def journal_path(ledger_file: Path) -> Path:
    """Where the journal of a restore into ``ledger_file`` is kept while it runs."""
    return ledger_file.with_name(ledger_file.name + JOURNAL_SUFFIX)


def read_journal(ledger_file: Path) -> dict[str, Any] | None:
    """The journal an unfinished restore left beside ``ledger_file``, if any."""
    path = journal_path(ledger_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"unreadable": True}
    return data if isinstance(data, dict) else {"unreadable": True}


def restore(
    target: str | Path,
    source: str | Path,
    *,
    actor: str | None = None,
    origin: str = "cli",
) -> RestoreResult:
    """Replace the ledger at ``target`` with the backup ``source``, once the backup checks
    (see the module docstring for the order of the steps).

    Raises:
        DatabaseError: a PostgreSQL target; ``source`` is not a cluster ledger, was written
            by a newer version or fails its check; the target is not a ledger; the ledger
            stayed busy past the busy timeout.
        InputError: ``source`` is missing, not a file, or is the target itself.
    """
    url = database.database_url(target)
    if not url.startswith("sqlite:///"):
        raise DatabaseError(
            "restore works on SQLite ledgers only; restore a PostgreSQL ledger with "
            "'pg_restore --clean --if-exists -d URL ledger.dump', then run "
            f"'cluster-ledger --db URL verify' ({SEE_README})"
        )
    into = Path(url.removeprefix("sqlite:///"))
    plain_path(str(source), "SRC")
    source_path = _backup_file(Path(source).expanduser())
    if into.exists() and into.resolve() == source_path.resolve():
        raise InputError(
            f"{shown(source_path)} is the ledger itself; give a backup file", location="SRC"
        )
    damaged = False
    if into.exists():
        damaged = _check_target(into)
    else:
        try:
            into.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create {shown(into.parent)}: {exc.strerror}") from None
    files.clean_stale(into.parent)
    digest = sha256(source_path)
    with partial_file(into) as staging:
        with sqlite_errors(f"cannot read {shown(source_path)}", into.parent):
            online_copy(source_path, staging)
        upgraded_from = _check_staged(staging, source_path)
        token = secrets.token_hex(8)
        details: dict[str, Any] = {
            "source": str(source_path.resolve()),
            "source_sha256": digest,
            "safety_backup": None,
            "upgraded_from": upgraded_from,
            "restore": token,
        }
        safety = None
        if into.exists():
            kind = "damaged" if damaged else "before-restore"
            safety = free_name(into.parent / f"{into.stem}.{kind}-{stamp()}.sqlite")
            details["safety_backup"] = str(safety)
        _write_journal(into, details)
        try:
            if safety is not None and not damaged:
                _replace_locked(into, staging, safety, details, actor=actor, origin=origin)
            elif safety is not None:
                # A damaged ledger cannot be read to be copied, and no one can write to it:
                # it is moved aside whole (with its -wal) and the backup copied in its place.
                for ending in ("", *files.COMPANIONS):
                    if Path(f"{into}{ending}").exists():
                        os.replace(f"{into}{ending}", f"{safety}{ending}")
                copy_checked(staging, into, mode=files.origin_of(safety).mode)
                _record(into, details, actor=actor, origin=origin)
            else:
                copy_checked(staging, into, mode=files.origin_of(source_path).mode)
                _record(into, details, actor=actor, origin=origin)
        finally:
            # Refused or failed, the ledger is as it was (the transaction rolled back);
            # done, it is restored. Only a restore killed outright leaves its journal.
            journal_path(into).unlink(missing_ok=True)
    verdict = verify_file(into)
    if not verdict.ok:
        kept = f"; the ledger it replaced is in {shown(safety)}" if safety else ""
        raise DatabaseError(
            f"the restored ledger at {shown(into)} fails its integrity check: "
            f"{first(verdict.problems)}{kept}"
        )
    return RestoreResult(into, source_path, digest, safety, upgraded_from, verdict)


def _write_journal(into: Path, details: dict[str, Any]) -> None:
    journal = journal_path(into)
    record = {**details, "ledger": str(into), "pid": os.getpid(), "started": _now()}
    try:
        with open(journal, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        files.sync_folder(into.parent)
    except OSError as exc:
        journal.unlink(missing_ok=True)
        raise DatabaseError(
            f"cannot write the restore's journal beside {shown(into)}: {os_reason(exc)}; "
            "nothing was changed"
        ) from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _replace_locked(
    into: Path,
    staging: Path,
    safety: Path,
    details: dict[str, Any],
    *,
    actor: str | None,
    origin: str,
) -> None:
    """Steps 2-4 of the module docstring, in one write transaction on the ledger."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    from ledger.session import Ledger, Tx

    engine = database.make_engine(into)
    ledger = Ledger(engine, actor=actor, origin=origin)
    try:
        with (
            sqlite_errors(f"cannot restore into {shown(into)}", into.parent),
            engine.connect() as plain,
        ):
            driver: sqlite3.Connection = plain.connection.driver_connection  # type: ignore[assignment]
            driver.execute("PRAGMA foreign_keys=OFF")  # a no-op once a transaction is open
            driver.execute("ATTACH DATABASE ? AS restored", (str(staging),))
            connection = plain.execution_options(**{database.WRITE_OPTION: True})
            try:
                with Session(bind=connection, expire_on_commit=False) as session:
                    session.connection()  # BEGIN IMMEDIATE: the write lock, held to the commit
                    copy_checked(into, safety, integrity=False)
                    _swap_contents(driver)
                    tx = Tx(session=session, actor=ledger.actor, origin=ledger.origin)
                    _audit(tx, details)
                    tx.chains.save()
                    session.commit()
            except Exception as exc:
                # Rolled back: the ledger is as it was, and a copy of it is not needed.
                safety.unlink(missing_ok=True)
                if isinstance(exc, OperationalError) and database.is_busy(exc):
                    raise DatabaseError(
                        f"cannot restore into {shown(into)}: the ledger is busy: another writer "
                        f"held it for more than {database.BUSY_TIMEOUT_S} s; try again when it "
                        "is done"
                    ) from None
                raise
            finally:
                if plain.in_transaction():
                    plain.rollback()
                driver.execute("DETACH DATABASE restored")
                driver.execute("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()


def _swap_contents(driver: sqlite3.Connection) -> None:
    """Replace every table, index and trigger of the ledger by the attached backup's,
    inside the open transaction. Dropping a table fires none of its triggers."""
    old = driver.execute(
        "SELECT type, name FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND type IN ('table', 'view', 'trigger')"
    ).fetchall()
    for kind, name in sorted(old, key=lambda row: row[0] != "trigger"):
        driver.execute(f'DROP {kind.upper()} IF EXISTS main."{_ident(name)}"')
    new = driver.execute(
        "SELECT type, name, sql FROM restored.sqlite_master "
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    order = {"table": 0, "index": 1, "view": 2, "trigger": 3}
    for kind, name, sql in sorted(new, key=lambda row: order.get(row[0], 4)):
        driver.execute(sql)
        if kind == "table":
            driver.execute(
                f'INSERT INTO main."{_ident(name)}" SELECT * FROM restored."{_ident(name)}"'
            )
    if (
        driver.execute(
            "SELECT 1 FROM restored.sqlite_master WHERE name = 'sqlite_sequence'"
        ).fetchone()
        and driver.execute(
            "SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'"
        ).fetchone()
    ):
        driver.execute("DELETE FROM main.sqlite_sequence")
        driver.execute("INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence")
    version = driver.execute("PRAGMA restored.user_version").fetchone()[0]
    driver.execute(f"PRAGMA main.user_version = {int(version)}")


def _ident(name: str) -> str:
    return name.replace('"', '""')


def _audit(tx: Any, details: dict[str, Any]) -> None:
    tx.audit("ledger.restore", entity="ledger", entity_id=None, cluster_id=None, details=details)


def _record(into: Path, details: dict[str, Any], *, actor: str | None, origin: str) -> None:
    """The ``ledger.restore`` event of a restore into a new place."""
    from ledger.session import Ledger

    restored = Ledger(database.make_engine(into), actor=actor, origin=origin)
    try:
        with restored.write() as tx:
            _audit(tx, details)
    finally:
        restored.dispose()


def _backup_file(path: Path) -> Path:
    """A file that can be restored from: there, a file, and a SQLite database."""
    if not path.exists():
        raise InputError(f"{shown(path)} does not exist", location="SRC")
    if not path.is_file():
        raise InputError(
            f"{shown(path)} is not a file; give a backup written by 'backup'", location="SRC"
        )
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InputError(f"cannot read {shown(path)}: {os_reason(exc)}", location="SRC") from None
    if header != SQLITE_HEADER:
        raise InputError(
            f"{shown(path)} is not a SQLite database; give a backup written by 'backup'",
            location="SRC",
        )
    return path


def _check_target(path: Path) -> bool:
    """Refuse to replace a file that is not a ledger: it may be something else entirely.

    Returns:
        Whether the ledger is damaged (SQLite's quick check fails, or its pages cannot be
        read): it is then moved aside rather than copied.
    """
    try:
        with open(path, "rb") as handle:
            is_sqlite = handle.read(len(SQLITE_HEADER)) in (SQLITE_HEADER, b"")
    except OSError as exc:
        raise DatabaseError(f"cannot read {shown(path)}: {os_reason(exc)}") from None
    tables: set[str] = set()
    damaged = False
    if is_sqlite:
        # Read-write, as the ledger's own connections are: a read-only one would leave
        # the -wal and -shm files of a WAL-mode ledger behind when it closes.
        connection = sqlite3.connect(path, timeout=database.BUSY_TIMEOUT_S)
        try:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {row[0] for row in rows}
            damaged = connection.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        except sqlite3.DatabaseError as exc:
            if "malformed" not in str(exc) and "not a database" not in str(exc):
                with sqlite_errors(f"cannot read {shown(path)}", path.parent):
                    raise
            damaged = True
        finally:
            connection.close()
    if not is_sqlite or (tables and "alembic_version" not in tables):
        raise DatabaseError(
            f"{shown(path)} is not a cluster ledger, so restore will not replace it; "
            "give another --db or move that file away"
        )
    return damaged


def _check_staged(staging: Path, source: Path) -> str | None:
    """Bring the staged copy of a backup to this version's schema, then check it.

    Returns:
        The schema revision the backup was written at, when it had to be upgraded.
    """
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    engine = database.make_engine(staging)
    try:
        revision = database.current_revision(engine)
        if revision is None:
            raise DatabaseError(
                f"{shown(source)} is not a cluster ledger; give a backup written by 'backup'"
            )
        upgraded_from = None
        if revision != database.head_revision():
            script = ScriptDirectory.from_config(database.alembic_config(engine))
            try:
                script.get_revision(revision)
            except CommandError:
                raise DatabaseError(
                    f"{shown(source)} was written by a newer version of cluster-ledger (schema "
                    f"{revision}); upgrade cluster-ledger to restore it"
                ) from None
            database.upgrade(engine)
            upgraded_from = revision
    finally:
        engine.dispose()
    verdict = verify_file(staging)
    if not verdict.ok:
        raise DatabaseError(
            f"{shown(source)} fails its integrity check, so nothing was restored: "
            f"{first(verdict.problems)}"
        )
    return upgraded_from
