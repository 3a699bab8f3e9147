"""Copying a SQLite database file safely, the one piece under backup, restore and the copy
taken before an upgrade.

A copy goes through SQLite's online backup API (one consistent snapshot, whoever else is
reading or writing), into a temporary file beside its destination; it is checked, made
one self-contained file and flushed to disk, and only then renamed over the destination.
Whatever fails on the way leaves no half file behind, and every refusal of SQLite or the
file system becomes one line for the user (:func:`sqlite_errors`).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ledger import files
from ledger.errors import ConflictError, DatabaseError, LedgerError
from ledger.files import os_reason, shown
from ledger.storage import database

T = TypeVar("T")

SQLITE_HEADER = files.SQLITE_HEADER
_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED: the busy timeout has already run out


def copy_checked(
    source: Path,
    dest: Path,
    *,
    check: Callable[[Path], T] | None = None,
    overwrite: bool = False,
    integrity: bool = True,
    mode: int | None = None,
    source_connection: sqlite3.Connection | None = None,
) -> T | None:
    """Copy the SQLite file ``source`` to ``dest``, through a checked temporary file.

    Args:
        mode: the copy's permissions (by default the source file's).
        source_connection: copy through this open connection (one that holds the write
            lock, say) instead of opening the source anew.
    """
    folder = dest.parent
    if mode is None:
        mode = files.origin_of(source).mode
    with partial_file(dest) as partial:
        with sqlite_errors(f"cannot copy {shown(source)} to {shown(dest)}", folder):
            if source_connection is not None:
                _copy_from(source_connection, partial)
            else:
                online_copy(source, partial)
        result = check(partial) if check else None
        with sqlite_errors(f"cannot copy {shown(source)} to {shown(dest)}", folder):
            _self_contained(partial, integrity=integrity)
            if dest.exists() and not overwrite:  # appeared while the copy was made
                raise ConflictError(f"{shown(dest)} already exists; pass --force to replace it")
            files.put_in_place(partial, dest, force=True, mode=mode, option=None)
    return result


@contextmanager
def partial_file(dest: Path) -> Iterator[Path]:
    """A temporary file beside ``dest``, removed with its companions however things end
    (and one a killed run left there removed by the next, see :mod:`ledger.files`)."""
    try:
        with files.temporary_beside(dest) as partial:
            yield partial
    except LedgerError as exc:
        if isinstance(exc, DatabaseError):
            raise
        raise DatabaseError(exc.message) from None


def _copy_from(connection: sqlite3.Connection, dest: Path) -> None:
    """Copy through an open connection: what it sees, its own write lock held."""
    target = sqlite3.connect(dest, timeout=database.BUSY_TIMEOUT_S)
    try:
        connection.backup(target, pages=-1, progress=_give_up_when_busy)
    finally:
        target.close()


def online_copy(source: Path, dest: Path, *, read_only: bool = True) -> None:
    """Copy one consistent snapshot of ``source`` over ``dest`` (SQLite's backup API).

    All pages go in one step: the source is read in one transaction (a WAL-mode source
    keeps taking writes meanwhile) and the destination written in one, so a program that
    has ``dest`` open reads it whole before or whole after.

    Args:
        read_only: open ``source`` read-only (a backup being restored is never changed);
            off for a temporary copy of our own.
    """
    opened = f"{source.absolute().as_uri()}?mode=ro" if read_only else str(source)
    src = sqlite3.connect(opened, uri=read_only, timeout=database.BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(dest, timeout=database.BUSY_TIMEOUT_S)
        try:
            src.backup(dst, pages=-1, progress=_give_up_when_busy)
        finally:
            dst.close()
    finally:
        src.close()


class _Busy(Exception):
    pass


def _give_up_when_busy(status: int, _remaining: int, _total: int) -> None:
    # Python's backup loop retries a busy database for ever; the busy timeout has already
    # been waited once a step reports busy, so stop there as a writer would.
    if status in _BUSY_CODES:
        raise _Busy


def _self_contained(path: Path, *, integrity: bool) -> None:
    """Leave ``path`` one file (rollback journal, no ``-wal``), checked and on disk."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE").fetchone()
        if integrity:
            found = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                raise DatabaseError(f"the copy in {path} is damaged: {found[0]}")
    finally:
        connection.close()
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


@contextmanager
def sqlite_errors(what: str, folder: Path) -> Iterator[None]:
    """Turn what SQLite and the file system refuse into one line for the user."""
    try:
        yield
    except _Busy:
        raise DatabaseError(
            f"{what}: the ledger is busy: another writer held it for more than "
            f"{database.BUSY_TIMEOUT_S} s; try again when it is done"
        ) from None
    except sqlite3.Error as exc:
        raise DatabaseError(f"{what}: {_sqlite_reason(str(exc), folder)}") from None
    except OSError as exc:
        raise DatabaseError(f"{what}: {os_reason(exc)}") from None


def _sqlite_reason(message: str, folder: Path) -> str:
    text = message.lower()
    if "disk is full" in text or "disk i/o error" in text:
        return (
            f"the disk holding {shown(folder)} is full or refused the write; free some space there"
        )
    if "readonly" in text or "unable to open" in text:
        return f"permission denied in {shown(folder)}"
    if "not a database" in text or "malformed" in text:
        return "it is damaged or not a SQLite database"
    return message


def free_name(path: Path) -> Path:
    """``path``, or ``path`` with ``-2``, ``-3``... when a copy made the same second is there."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def sha256(path: Path) -> str:
    """The file's SHA-256, read in blocks: a ledger can be larger than memory is generous."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
