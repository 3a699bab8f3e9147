"""The command line, or a loop of single entries, with a fault armed: for the fault trials.

The product never runs this; the tests start it as a process of its own and kill it::

    python tests/faults/importer_child.py --db L.sqlite import F.xlsx --cluster C --commit
    python tests/faults/importer_child.py --record-loop L.sqlite "Circular Plastics" 0403170701
    python tests/faults/importer_child.py --serve

``--serve`` imports the command line once and then forks one run per request line on
its standard input (JSON: ``argv``, ``env``, ``out``), answering with the run's process
id. A forked run is a process of its own, with its own database connections, killed as
any other; it only skips the second of interpreter start-up that would otherwise be
most of each trial's cost. It writes its exit status to ``out + ".exit"`` when it ends by
itself, so a run without that file was killed.

The environment says which fault to arm (each one is optional):

``FAULT_KILL_AT``
    ``statement:K`` - SIGKILL itself right before the K-th statement of its write
    transactions (``BEGIN IMMEDIATE`` included, counted over the whole run);
    ``commit`` - right before the first write transaction's COMMIT;
    ``committed`` - right after it, before the command prints anything;
    ``begin+S`` - S seconds after its first write transaction began, wherever it is then.
``FAULT_TRACE``
    a file that gets one line per write statement (monotonic time, its number, its first
    words) and ``commit``/``committed`` lines. A trial plans its kill points from it.
``FAULT_MAX_PAGES``
    SQLite's ``max_page_count`` on every connection: the "disk" is full at that size.

The kill is SIGKILL: nothing runs after it, no ``finally``, no rollback, no flush.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import threading
import time
import traceback
from decimal import Decimal
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from ledger.storage.database import WRITE_OPTION


class _Fault:
    """What the environment armed, read once per run (a forked run reads its own)."""

    kill_at = ""
    trace: str | None = None
    max_pages: int | None = None
    statements = 0
    began = False


FAULT = _Fault()


def arm() -> None:
    FAULT.kill_at = os.environ.get("FAULT_KILL_AT", "")
    FAULT.trace = os.environ.get("FAULT_TRACE")
    pages = os.environ.get("FAULT_MAX_PAGES")
    FAULT.max_pages = int(pages) if pages else None


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _trace(line: str) -> None:
    if FAULT.trace:
        with open(FAULT.trace, "a", encoding="utf-8") as out:
            out.write(f"{time.monotonic():.6f} {line}\n")


def _in_write(conn: Any) -> bool:
    return bool(conn.get_execution_options().get(WRITE_OPTION))


@event.listens_for(Engine, "before_cursor_execute")
def _before_statement(conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
    if not _in_write(conn):
        return
    FAULT.statements += 1
    if FAULT.kill_at == f"statement:{FAULT.statements}":
        _die()
    if not FAULT.began:
        FAULT.began = True
        if FAULT.kill_at.startswith("begin+"):
            timer = threading.Timer(float(FAULT.kill_at.removeprefix("begin+")), _die)
            timer.daemon = True
            timer.start()
    _trace(f"{FAULT.statements} {' '.join(statement.split())[:80]}")


@event.listens_for(Engine, "commit")
def _before_commit(conn) -> None:  # type: ignore[no-untyped-def]
    if _in_write(conn):
        if FAULT.kill_at == "commit":
            _die()
        _trace("commit")


@event.listens_for(Session, "after_commit")
def _after_commit(_session) -> None:  # type: ignore[no-untyped-def]
    if FAULT.kill_at == "committed":
        _die()
    _trace("committed")


@event.listens_for(Pool, "connect")
def _limit_pages(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    if FAULT.max_pages and isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute(f"PRAGMA max_page_count = {FAULT.max_pages}")


def record_loop(db: str, cluster_name: str, kbo: str) -> None:
    """Record one contribution per transaction until killed, printing each id once it is
    committed: the printed ids are the entries the ledger must hold (and at most one more,
    committed just before the kill)."""
    from ledger import operations, queries
    from ledger.session import Ledger

    ledger = Ledger.open(db, actor="fault-loop", origin="test")
    for n in range(1, 100_000):
        with ledger.write() as tx:
            cluster = queries.get_cluster(cluster_name, session=tx.session)
            entry = operations.record_contribution(
                tx, cluster, kbo=kbo, year=2026, amount=Decimal(n), note=f"loop {n}"
            )
        print(entry.id, flush=True)


def run(argv: list[str]) -> int:
    """One run: the record loop, or the command line as its console entry point runs it."""
    arm()
    if argv[:1] == ["--record-loop"]:
        record_loop(*argv[1:4])
        return 0
    from tui.cli import main as cli_main

    sys.argv = ["cluster-ledger", *argv]
    try:
        cli_main()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _forked(request: dict[str, Any]) -> None:
    code = 70
    try:
        out = os.open(request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.environ.update(request["env"])
        code = run(request["argv"])
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        with open(request["out"] + ".exit", "w", encoding="utf-8") as status:
            status.write(str(code))
        os._exit(code)


def serve() -> None:
    """Fork one run per request line; see the module docstring."""
    import importers.batches
    import importers.reading  # noqa: F401
    import ledger.integrity.verify  # noqa: F401
    import tui.cli  # noqa: F401

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the runs
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _forked(request)
        print(pid, flush=True)


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        serve()
        return
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
