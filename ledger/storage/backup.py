"""Backing up a SQLite ledger, restoring one, and the copy taken before every schema upgrade.

A backup goes through SQLite's online backup API: one consistent snapshot of the ledger,
even while the app reads it and an import writes to it (write-ahead logging lets the
writer go on; the copy holds the ledger as it was when the copy began). The copy is
written to a temporary file beside its destination, checked (SQLite's
``integrity_check``, then :func:`ledger.integrity.verify.verify`) and only then renamed
into place, so a failed or interrupted backup never leaves a half file under the name
asked for. It is one self-contained file (rollback journal, no ``-wal`` companion) that
can be mailed or archived as it is.

PostgreSQL has its own tools: :func:`backup` and :func:`restore` refuse a PostgreSQL
ledger and name them; :func:`before_migration` runs ``pg_dump`` itself.

>>> from datetime import datetime, UTC
>>> stamp(datetime(2026, 11, 23, 17, 15, tzinfo=UTC))
'2026-11-23T171500Z'
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.errors import ConflictError, DatabaseError, InputError, LedgerError
from ledger.storage import database
from ledger.storage.sqlite_copy import (
    SQLITE_HEADER,
    copy_checked,
    free_name,
    online_copy,
    os_reason,
    partial_file,
    sha256,
    sqlite_errors,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ledger.integrity.verify import Verdict
    from ledger.session import Ledger

# Set to 1 to let an upgrade go ahead without the automatic backup (after taking one by hand).
UPGRADE_WITHOUT_BACKUP = "CLUSTER_LEDGER_UPGRADE_WITHOUT_BACKUP"
SEE_README = 'see "Backup and restore" in the README'


@dataclass(frozen=True)
class Backup:
    """A backup written and checked."""

    path: Path
    size: int
    verdict: Verdict


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: where from, what it replaced and what the restored ledger holds."""

    target: Path
    source: Path
    source_sha256: str
    safety_backup: Path | None
    upgraded_from: str | None
    verdict: Verdict


@dataclass(frozen=True)
class Upgrade:
    """A schema upgrade that opening a ledger just made, for its audit event."""

    from_revision: str
    to_revision: str
    backup: Path | None

    def details(self) -> dict[str, str | None]:
        return {
            "from_revision": self.from_revision,
            "to_revision": self.to_revision,
            "backup": None if self.backup is None else str(self.backup),
        }


def stamp(now: datetime | None = None) -> str:
    """A UTC time for file names: sortable, and without the colons Windows refuses."""
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H%M%SZ")


def backup(ledger: Ledger, dest: str | Path, *, overwrite: bool = False) -> Backup:
    """Copy a SQLite ledger, consistently while it is in use, and check the copy.

    Args:
        ledger: the open ledger to copy.
        dest: a folder (the copy is named ``<ledger>-<UTC time>.sqlite``) or a file path.
        overwrite: replace ``dest`` when it exists (``--force``).

    Returns:
        The copy's path and size, and what :func:`~ledger.integrity.verify.verify` found.

    Raises:
        DatabaseError: a PostgreSQL ledger; the ledger fails its check; the copy cannot be
            written (no permission, disk full).
        InputError: ``dest`` is in a folder that does not exist, or is the ledger itself.
        ConflictError: ``dest`` exists and ``overwrite`` is not set.
    """
    source = _sqlite_file(
        ledger.engine,
        "backup works on SQLite ledgers only; back up a PostgreSQL ledger with "
        f"'pg_dump --format=custom -f ledger.dump URL' ({SEE_README})",
    )
    target = _destination(dest, source, overwrite=overwrite)

    def check(partial: Path) -> Verdict:
        verdict = _verify_file(partial)
        if not verdict.ok:
            raise DatabaseError(
                f"{source} fails its integrity check, so no backup was written: "
                f"{_first(verdict.problems)}; run 'cluster-ledger verify' to see every problem"
            )
        return verdict

    verdict = copy_checked(source, target, check=check, overwrite=overwrite)
    assert verdict is not None  # check() ran
    return Backup(path=target, size=target.stat().st_size, verdict=verdict)


def restore(
    target: str | Path,
    source: str | Path,
    *,
    actor: str | None = None,
    origin: str = "cli",
) -> RestoreResult:
    """Replace the ledger at ``target`` with the backup ``source``, once the backup checks.

    ``source`` is never changed: it is copied to a temporary file beside the target,
    upgraded there when an older version wrote it, and checked. Only a backup that passes
    :func:`~ledger.integrity.verify.verify` goes further: the current ledger is copied to
    ``<name>.before-restore-<UTC time>.sqlite`` beside it, and its content replaced through
    the backup API in one write transaction, so another program that has it open (the
    app) reads either the old ledger or the restored one, never half of each; it sees the
    restored one from its next read. The restore is recorded as a ``ledger.restore``
    audit event in the restored ledger.

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
    _plain_path(str(source), "SRC")
    source_path = _backup_file(Path(source).expanduser())
    if into.exists() and into.resolve() == source_path.resolve():
        raise InputError(f"{source_path} is the ledger itself; give a backup file", location="SRC")
    if into.exists():
        _check_target(into)
    else:
        try:
            into.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create {into.parent}: {exc.strerror}") from None
    digest = sha256(source_path)
    with partial_file(into) as staging:
        with sqlite_errors(f"cannot read {source_path}", into.parent):
            online_copy(source_path, staging)
        upgraded_from = _check_staged(staging, source_path)
        safety = None
        if into.exists():
            safety = free_name(into.parent / f"{into.stem}.before-restore-{stamp()}.sqlite")
            copy_checked(into, safety, integrity=False)
        try:
            with sqlite_errors(f"cannot restore into {into}", into.parent):
                online_copy(staging, into, read_only=False)
        except LedgerError:
            if safety is not None:  # the ledger is as it was: its copy is not needed
                safety.unlink(missing_ok=True)
            raise
    from ledger.integrity.verify import verify
    from ledger.session import Ledger

    restored = Ledger.open(into, actor=actor, origin=origin)
    try:
        with restored.write() as tx:
            tx.audit(
                "ledger.restore",
                entity="ledger",
                entity_id=None,
                cluster_id=None,
                details={
                    "source": str(source_path.resolve()),
                    "source_sha256": digest,
                    "safety_backup": None if safety is None else str(safety),
                    "upgraded_from": upgraded_from,
                },
            )
        verdict = verify(restored)
    finally:
        restored.dispose()
    if not verdict.ok:
        kept = f"; the ledger it replaced is in {safety}" if safety else ""
        raise DatabaseError(
            f"the restored ledger at {into} fails its integrity check: "
            f"{_first(verdict.problems)}{kept}"
        )
    return RestoreResult(into, source_path, digest, safety, upgraded_from, verdict)


def before_migration(engine: Engine, revision: str) -> Path | None:
    """Back up a ledger that is about to be upgraded from schema ``revision``.

    SQLite: a checked copy ``<name>.before-upgrade-from-<revision>-<UTC time>.sqlite``
    beside the ledger. PostgreSQL: ``pg_dump --format=custom`` of the ledger's schema into
    the user data directory. With ``CLUSTER_LEDGER_UPGRADE_WITHOUT_BACKUP=1`` set, no copy
    is taken and None is returned.

    Raises:
        DatabaseError: the backup could not be taken, so the upgrade must not go ahead;
            the message says how to proceed.
    """
    if os.environ.get(UPGRADE_WITHOUT_BACKUP) == "1":
        return None
    if engine.dialect.name != "sqlite":
        return _pg_dump(engine, revision)
    name = engine.url.database
    if not name or name == ":memory:":
        return None
    source = Path(name)
    dest = free_name(
        source.parent / f"{source.stem}.before-upgrade-from-{revision}-{stamp()}.sqlite"
    )
    try:
        copy_checked(source, dest)
    except LedgerError as exc:
        raise DatabaseError(
            f"{source} needs an upgrade from schema {revision}, and the backup taken before "
            f"every upgrade failed ({exc.message}); nothing was changed. Free some space, or "
            "move the ledger to a folder with room that you can write to, or copy it yourself "
            f"and set {UPGRADE_WITHOUT_BACKUP}=1 to upgrade without the automatic backup"
        ) from None
    return dest


# --- checks ----------------------------------------------------------------------------


def _sqlite_file(engine: Engine, refusal: str) -> Path:
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        raise DatabaseError(refusal)
    return Path(str(engine.url.database))


def _plain_path(text: str, location: str) -> None:
    """Refuse a path with a control character: it would garble the messages that name it,
    and a NUL byte cannot reach the file system at all."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InputError("the path holds a control character; remove it", location=location)


def _destination(dest: str | Path, source: Path, *, overwrite: bool) -> Path:
    """The file a backup goes to, checked before any copying."""
    text = str(dest)
    _plain_path(text, "DEST")
    path = Path(text).expanduser()
    if path.is_dir():
        return free_name(path / f"{source.stem}-{stamp()}.sqlite")
    folder = path.parent
    if text.endswith(("/", os.sep)) or not folder.is_dir():
        missing = path if text.endswith(("/", os.sep)) else folder
        raise InputError(f"the folder {missing} does not exist; create it first", location="DEST")
    if path.exists() and path.resolve() == source.resolve():
        raise InputError(
            f"{path} is the ledger itself; give another file or a folder", location="DEST"
        )
    if path.exists() and not overwrite:
        raise ConflictError(f"{path} already exists; pass --force to replace it", location="DEST")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write to the folder {folder}: permission denied", location="DEST")
    return path


def _backup_file(path: Path) -> Path:
    """A file that can be restored from: there, a file, and a SQLite database."""
    if not path.exists():
        raise InputError(f"{path} does not exist", location="SRC")
    if not path.is_file():
        raise InputError(f"{path} is not a file; give a backup written by 'backup'", location="SRC")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {os_reason(exc)}", location="SRC") from None
    if header != SQLITE_HEADER:
        raise InputError(
            f"{path} is not a SQLite database; give a backup written by 'backup'", location="SRC"
        )
    return path


def _check_target(path: Path) -> None:
    """Refuse to replace a file that is not a ledger: it may be something else entirely."""
    try:
        with open(path, "rb") as handle:
            is_sqlite = handle.read(len(SQLITE_HEADER)) in (SQLITE_HEADER, b"")
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {os_reason(exc)}") from None
    tables: set[str] = set()
    if is_sqlite:
        with sqlite_errors(f"cannot read {path}", path.parent):
            # Read-write, as the ledger's own connections are: a read-only one would leave
            # the -wal and -shm files of a WAL-mode ledger behind when it closes.
            connection = sqlite3.connect(path, timeout=database.BUSY_TIMEOUT_S)
            try:
                rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                tables = {row[0] for row in rows}
            finally:
                connection.close()
    if not is_sqlite or (tables and "alembic_version" not in tables):
        raise DatabaseError(
            f"{path} is not a cluster ledger, so restore will not replace it; "
            "give another --db or move that file away"
        )


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
                f"{source} is not a cluster ledger; give a backup written by 'backup'"
            )
        upgraded_from = None
        if revision != database.head_revision():
            script = ScriptDirectory.from_config(database.alembic_config(engine))
            try:
                script.get_revision(revision)
            except CommandError:
                raise DatabaseError(
                    f"{source} was written by a newer version of cluster-ledger (schema "
                    f"{revision}); upgrade cluster-ledger to restore it"
                ) from None
            database.upgrade(engine)
            upgraded_from = revision
    finally:
        engine.dispose()
    verdict = _verify_file(staging)
    if not verdict.ok:
        raise DatabaseError(
            f"{source} fails its integrity check, so nothing was restored: "
            f"{_first(verdict.problems)}"
        )
    return upgraded_from


def _verify_file(path: Path) -> Verdict:
    from ledger.integrity.verify import verify
    from ledger.session import Ledger

    ledger = Ledger(database.make_engine(path))
    try:
        return verify(ledger)
    finally:
        ledger.dispose()


def _first(problems: list[str], shown: int = 3) -> str:
    more = len(problems) - shown
    return "; ".join(problems[:shown]) + (f"; and {more} more" if more > 0 else "")


# --- PostgreSQL ------------------------------------------------------------------------


def _pg_dump(engine: Engine, revision: str) -> Path:
    """``pg_dump --format=custom`` of the ledger's schema, into the user data directory."""
    from sqlalchemy import text

    from ledger.storage.location import data_dir

    where = database.describe(engine)
    proceed = (
        f"take one yourself ('pg_dump --format=custom -f ledger.dump URL') and set "
        f"{UPGRADE_WITHOUT_BACKUP}=1 to upgrade without the automatic backup"
    )
    program = shutil.which("pg_dump")
    if program is None:
        raise DatabaseError(
            f"{where} needs an upgrade from schema {revision}, and cluster-ledger backs a "
            "PostgreSQL ledger up with pg_dump first, which is not on PATH; install the "
            f"PostgreSQL client tools, or {proceed}"
        )
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    folder = data_dir()
    url = engine.url
    name = f"{url.database}-{schema}.before-upgrade-from-{revision}-{stamp()}.dump"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create {folder}: {os_reason(exc)}") from None
    dest = free_name(folder / name)
    environment = dict(os.environ)
    if url.password:  # kept off the command line, where other users could read it
        environment["PGPASSWORD"] = str(url.password)
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    with partial_file(dest) as partial:
        done = subprocess.run(
            [program, "--format=custom", f'--schema="{schema}"', "-f", str(partial), conninfo],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["no message"])[0]
            raise DatabaseError(
                f"{where} needs an upgrade from schema {revision}, and the backup taken before "
                f"every upgrade failed (pg_dump: {reason}); nothing was changed. Fix that, or "
                f"{proceed}"
            )
        os.replace(partial, dest)
    return dest
