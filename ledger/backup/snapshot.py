"""Backing up a SQLite ledger: one consistent, checked, self-contained file.

A backup goes through SQLite's online backup API: one consistent snapshot of the ledger,
even while the app reads it and an import writes to it (write-ahead logging lets the
writer go on; the copy holds the ledger as it was when the copy began). The copy is
written to a temporary file beside its destination, checked (SQLite's
``integrity_check``, then :func:`ledger.integrity.verify.verify`) and only then renamed
into place with the ledger file's permissions, so a failed or interrupted backup never
leaves a half file under the name asked for (and what a killed one left is removed by
the next, see :mod:`ledger.files`). It is one self-contained file (rollback journal, no
``-wal`` companion) that can be mailed or archived as it is.

PostgreSQL has its own tools: :func:`backup` refuses a PostgreSQL ledger and names them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ledger import files
from ledger.backup.sqlite_copy import copy_checked, free_name
from ledger.backup.upgrade import stamp
from ledger.errors import DatabaseError, InputError
from ledger.files import shown
from ledger.storage import database

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ledger.integrity.verify import Verdict
    from ledger.session import Ledger

SEE_README = 'see "Backup and restore" in the README'
BACKUP_SUFFIXES = (".sqlite", ".sqlite3", ".db")


@dataclass(frozen=True)
class Backup:
    """A backup written and checked."""

    path: Path
    size: int
    verdict: Verdict


def backup(ledger: Ledger, dest: str | Path, *, overwrite: bool = False) -> Backup:
    """Copy a SQLite ledger, consistently while it is in use, and check the copy.

    Args:
        ledger: the open ledger to copy.
        dest: a folder (the copy is named ``<ledger>-<UTC time>.sqlite``) or a file path
            ending in ``.sqlite``, ``.sqlite3`` or ``.db``.
        overwrite: replace ``dest`` when it exists (``--force``).

    Returns:
        The copy's path and size, and what :func:`~ledger.integrity.verify.verify` found.

    Raises:
        DatabaseError: a PostgreSQL ledger; the ledger fails its check; the copy cannot be
            written (no permission, disk full).
        InputError: ``dest`` is in a folder that does not exist, is the ledger itself or
            one of its files, a link or a special file, or has another ending.
        ConflictError: ``dest`` exists and ``overwrite`` is not set.
    """
    source = sqlite_file(
        ledger.engine,
        "backup works on SQLite ledgers only; back up a PostgreSQL ledger with "
        f"'pg_dump --format=custom -f ledger.dump URL' ({SEE_README})",
    )
    origin = files.origin_of(source)
    target = _destination(dest, source, overwrite=overwrite, origin=origin)

    def check(partial: Path) -> Verdict:
        verdict = verify_file(partial)
        if not verdict.ok:
            raise DatabaseError(
                f"{shown(source)} fails its integrity check, so no backup was written: "
                f"{first(verdict.problems)}; run 'cluster-ledger verify' to see every problem"
            )
        return verdict

    verdict = copy_checked(source, target, check=check, overwrite=overwrite, mode=origin.mode)
    assert verdict is not None  # check() ran
    return Backup(path=target, size=target.stat().st_size, verdict=verdict)


def sqlite_file(engine: Engine, refusal: str) -> Path:
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        raise DatabaseError(refusal)
    return Path(str(engine.url.database))


def plain_path(text: str, location: str) -> None:
    """Refuse a path with a control character: it would garble the messages that name it,
    and a NUL byte cannot reach the file system at all."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InputError("the path holds a control character; remove it", location=location)


def _destination(dest: str | Path, source: Path, *, overwrite: bool, origin: files.Origin) -> Path:
    """The file a backup goes to, checked before any copying."""
    text = str(dest)
    plain_path(text, "DEST")
    path = Path(text).expanduser()
    if path.is_dir():
        files.clean_stale(path)
        return free_name(path / f"{source.stem}-{stamp()}.sqlite")
    folder = path.parent
    if text.endswith(("/", os.sep)) or not folder.is_dir():
        missing = path if text.endswith(("/", os.sep)) else folder
        raise InputError(
            f"the folder {shown(missing)} does not exist; create it first", location="DEST"
        )
    return files.check_target(
        path,
        option="DEST",
        suffixes=BACKUP_SUFFIXES,
        force=overwrite,
        origin=origin,
        what="backup",
    )


def verify_file(path: Path) -> Verdict:
    """:func:`~ledger.integrity.verify.verify` of a SQLite file that is no open ledger."""
    from ledger.integrity.verify import verify
    from ledger.session import Ledger

    ledger = Ledger(database.make_engine(path))
    try:
        return verify(ledger)
    finally:
        ledger.dispose()


def first(problems: list[str], shown_at_most: int = 3) -> str:
    more = len(problems) - shown_at_most
    return "; ".join(problems[:shown_at_most]) + (f"; and {more} more" if more > 0 else "")
