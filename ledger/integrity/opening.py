"""Opening a ledger to check it, without changing it.

``verify`` is often run on a backup: it must leave the file exactly as it was, or the
backup's SHA-256 (which a restore records) no longer matches what was archived. So a
SQLite file that is not in write-ahead-log mode (a backup, a mailed copy) is opened
read-only and its journal mode left alone, and a ledger written by an older version is
checked in an upgraded copy in a private folder beside it (or in the system's temporary
folder when that one cannot be written), never upgraded in place. A live ledger (WAL
mode) is opened as the app opens it; reading it changes nothing. PostgreSQL ledgers open
as usual.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ledger import files
from ledger.errors import DatabaseError
from ledger.files import shown
from ledger.session import Ledger
from ledger.storage import database

_WAL_BYTES = b"\x02\x02"  # bytes 18-19 of the file header: 2 and 2 in WAL mode


def damaged(path: Path, reason: str) -> DatabaseError:
    """The one line for a SQLite ledger that cannot be read: restore it from a backup."""
    return DatabaseError(database.damaged_message(shown(path), reason))


def _in_wal_mode(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError as exc:
        raise DatabaseError(f"cannot read {shown(path)}: {files.os_reason(exc)}") from None
    if len(header) >= 16 and not header.startswith(files.SQLITE_HEADER):
        raise DatabaseError(
            f"{shown(path)} is not a cluster ledger (not a SQLite database); give another --db"
        )
    return header[18:20] == _WAL_BYTES


@contextmanager
def ledger_to_check(target: str | Path) -> Iterator[Ledger]:
    """The ledger at ``target``, opened to be checked (see the module docstring); disposed
    when the block ends.

    Raises:
        DatabaseError: no ledger there, not a ledger, damaged, or from a newer version.
    """
    url = database.database_url(target)
    if not url.startswith("sqlite:///"):
        ledger = Ledger.open(target)
        try:
            yield ledger
        finally:
            ledger.dispose()
        return
    path = Path(url.removeprefix("sqlite:///"))
    if not path.exists():
        raise DatabaseError(
            f"no ledger at {shown(path)}; run 'cluster-ledger init' to create one, or "
            "'cluster-ledger demo' to try a demo ledger"
        )
    engine = database.make_engine(path, read_only=not _in_wal_mode(path))
    try:
        revision = database.current_revision(engine)
    except DatabaseError:
        engine.dispose()
        raise
    if revision is None:
        engine.dispose()
        raise DatabaseError(f"{shown(path)} is not a cluster ledger; give another --db")
    if revision == database.head_revision():
        ledger = Ledger(engine)
        try:
            yield ledger
        finally:
            ledger.dispose()
        return
    engine.dispose()
    with _upgraded_copy(path, revision) as copy:
        ledger = Ledger(database.make_engine(copy))
        try:
            yield ledger
        finally:
            ledger.dispose()


@contextmanager
def _upgraded_copy(path: Path, revision: str) -> Iterator[Path]:
    """A copy of an older ledger brought to this version's schema, removed afterwards."""
    from ledger.backup.sqlite_copy import online_copy, sqlite_errors

    folder = path.parent if os.access(path.parent, os.W_OK) else Path(tempfile.gettempdir())
    with files.work_folder(folder / path.name) as work:
        copy = work / "upgraded.sqlite"
        with sqlite_errors(f"cannot check {shown(path)}", work):
            online_copy(path, copy)
        engine = database.make_engine(copy)
        try:
            from alembic.util import CommandError

            try:
                database.upgrade(engine)
            except CommandError:
                raise DatabaseError(
                    f"{shown(path)} was written by a newer version of cluster-ledger (schema "
                    f"{revision}); upgrade cluster-ledger to check it"
                ) from None
        finally:
            engine.dispose()
        yield copy
        with suppress(OSError):
            copy.unlink()
