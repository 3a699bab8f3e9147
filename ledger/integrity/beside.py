"""The checks ``verify`` runs beside its walk of the chains, in a second process.

Walking a million links keeps one core busy in Python. What does not depend on the
walk (SQLite's check of every page, the rows that point at rows not there, and every
import batch's source rows against their digest) can run on the other core at the same
time, over its own connection to the same file: :func:`start` launches this module as a
process, :meth:`Beside.result` collects what it found, and ``verify`` reports it in the
place and words it always did.

One snapshot still holds: the process reads the chains' tips first, inside the read
transaction its checks share, and its findings count only when those tips are the very
ones ``verify`` read (every write the ledger makes moves a tip, so nothing was written
between the two snapshots). Otherwise, or when the process fails in any way, ``verify``
runs the same functions itself, in its own snapshot, and a failure then surfaces exactly
as it would have. A ledger in memory, a small file and PostgreSQL are checked in the one
process (a process's start would cost more than it saves).

The checks are written on the database driver (DB-API) alone, so the process imports
little: the standard library and :mod:`ledger.integrity.canonical`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.integrity.canonical import rows_digest

# A second process pays for its start (about a tenth of a second) from files this large.
SECOND_PROCESS_FROM_BYTES = 16 * 2**20


def page_problems(driver: Any) -> list[str]:
    """SQLite's ``quick_check`` of every page: empty, or the first damage it found."""
    found = [row[0] for row in driver.execute("PRAGMA quick_check").fetchall()]
    return [] if found == ["ok"] else [f"the database file is damaged: {found[0]}"]


def key_problems(driver: Any) -> list[str]:
    """Rows that point at rows that are not there (SQLite does not refuse them by itself)."""
    broken = driver.execute("PRAGMA foreign_key_check").fetchall()
    if not broken:
        return []
    table, rowid, parent, _ = broken[0]
    return [
        f"{len(broken)} rows point at rows that do not exist, the first in {table} "
        f"(row {rowid}, missing its {parent})"
    ]


def tips(driver: Any) -> list[list[Any]]:
    """Every chain's tip as the ledger last wrote it: (chain, length, tip), by chain."""
    cursor = driver.cursor()
    try:
        cursor.execute("SELECT chain, length, tip FROM chain_tip ORDER BY chain")
        return [list(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def import_row_problems(driver: Any, *, placeholder: str = "?") -> list[str]:
    """Each batch's source rows against the digest its chained link covers: rows rewritten
    afterwards would let the same file be imported again.

    The rows are read batch by batch, in the digest's own order (a batch's row numbers
    are unique), and only one batch is held at a time.

    Args:
        driver: the database driver's connection, inside the snapshot to check.
        placeholder: the driver's parameter marker (``?`` for SQLite, ``%s`` for psycopg).
    """
    cursor = driver.cursor()
    try:
        cursor.execute("SELECT id, rows_digest, undoes_id FROM import_batch ORDER BY id")
        batches = cursor.fetchall()
        query = (
            "SELECT row_number, row_key, fingerprint FROM import_row "
            f"WHERE batch_id = {placeholder} ORDER BY row_number"
        )
        problems = []
        for batch_id, digest, undoes in batches:
            found: list[tuple[int, str, str]] = []
            if undoes is None:  # an undo's digest covers no rows
                cursor.execute(query, (batch_id,))
                found = cursor.fetchall()
            if digest is None:
                problems.append(
                    f"import batch {batch_id} has no digest of its rows: it was written outside "
                    "the ledger"
                )
            elif rows_digest(found) != digest:
                problems.append(
                    f"the source rows of import batch {batch_id} do not match the digest its "
                    "chained link covers: they were rewritten or deleted outside the ledger (the "
                    "same file could then be imported twice)"
                )
    finally:
        cursor.close()
    return problems[:3] + (
        [f"{len(problems) - 3} more import batches disagree with their rows"]
        if len(problems) > 3
        else []
    )


def check(driver: Any) -> dict[str, Any]:
    """Every check of this module in one read transaction, with the tips it saw first."""
    driver.execute("BEGIN")
    try:
        return {
            "tips": tips(driver),
            "pages": page_problems(driver),
            "keys": key_problems(driver),
            "import_rows": import_row_problems(driver),
        }
    finally:
        driver.execute("ROLLBACK")


@dataclass
class Beside:
    """The second process, running: :meth:`result` waits for what it found."""

    process: subprocess.Popen[bytes]

    def result(self, seen: list[list[Any]]) -> dict[str, list[str]] | None:
        """The process's findings, when it finished cleanly and saw the tips ``seen``
        (the caller's snapshot); None otherwise: the caller then checks itself."""
        out, _ = self.process.communicate()
        if self.process.returncode != 0:
            return None
        try:
            found = json.loads(out)
        except ValueError:
            return None
        if found.get("tips") != seen:
            return None
        return {k: v for k, v in found.items() if k != "tips"}

    def stop(self) -> None:
        """End the process if it still runs (the walk failed: nobody will ask it)."""
        if self.process.returncode is None:  # not collected by result()
            self.process.kill()
            self.process.communicate()


def start(database: str, *, uri: bool, timeout: float) -> Beside | None:  # float-ok: seconds
    """Launch the checks of the SQLite file ``database`` in a second process, or None
    when it is too small to be worth one (or cannot be read here)."""
    try:
        path = Path(database.removeprefix("file://")) if uri else Path(database)
        if path.stat().st_size < SECOND_PROCESS_FROM_BYTES:
            return None
    except (OSError, ValueError):
        return None
    code = str(Path(__file__).resolve().parents[2])  # the folder that holds this package
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (code, env.get("PYTHONPATH")) if p)
    argv = [sys.executable, "-m", __name__, database, "uri" if uri else "path", str(timeout)]
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None
    return Beside(process)


def main(argv: list[str]) -> None:
    """The second process: ``python -m ledger.integrity.beside DATABASE uri|path TIMEOUT``."""
    database, kind, timeout = argv
    target = f"{database}?mode=ro" if kind == "uri" else database
    driver = sqlite3.connect(
        target,
        uri=kind == "uri",
        timeout=float(timeout),  # float-ok: the busy timeout in seconds
        isolation_level=None,
    )
    try:
        found = check(driver)
    finally:
        driver.close()
    sys.stdout.write(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1:])
