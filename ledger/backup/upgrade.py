"""The copy taken before every schema upgrade, so an upgrade never starts without one.

:mod:`ledger.session` hands :func:`before_migration` to
:func:`ledger.storage.database.prepare`, which calls it holding the write lock, just
before the migrations run. SQLite: a checked copy beside the ledger. PostgreSQL:
``pg_dump`` of the ledger's schema into the user data directory.

>>> from datetime import datetime, UTC
>>> stamp(datetime(2026, 11, 23, 17, 15, tzinfo=UTC))
'2026-11-23T171500Z'
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, text

from ledger.backup.sqlite_copy import copy_checked, free_name, os_reason, partial_file
from ledger.errors import DatabaseError, LedgerError
from ledger.files import shown
from ledger.storage import database

# Set to 1 to let an upgrade go ahead without the automatic backup (after taking one by hand).
UPGRADE_WITHOUT_BACKUP = "CLUSTER_LEDGER_UPGRADE_WITHOUT_BACKUP"


def stamp(now: datetime | None = None) -> str:
    """A UTC time for file names: sortable, and without the colons Windows refuses."""
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H%M%SZ")


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
            f"{shown(source)} needs an upgrade from schema {revision}, and the backup taken "
            f"before every upgrade failed ({exc.message}); nothing was changed. Free some "
            "space, or move the ledger to a folder with room that you can write to, or copy "
            f"it yourself and set {UPGRADE_WITHOUT_BACKUP}=1 to upgrade without the automatic "
            "backup"
        ) from None
    return dest


def _pg_dump(engine: Engine, revision: str) -> Path:
    """``pg_dump --format=custom`` of the ledger's schema, into the user data directory."""
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
        raise DatabaseError(f"cannot create {shown(folder)}: {os_reason(exc)}") from None
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
        os.chmod(partial, 0o600)  # a dump holds every member's details
        os.replace(partial, dest)
    return dest
