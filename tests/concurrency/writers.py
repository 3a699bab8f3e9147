"""A process of the concurrency tests: it writes (or reads) the ledger the way the app,
an import or the command line does, each time the test tells it to.

Run as ``python -m tests.concurrency.writers``. It imports everything first and prints
``ready``; then each line on stdin is one task, a JSON list ``[MODE, DB, ...]``, and the
last line the task prints is its JSON result. The test keeps a few of these processes
and hands them tasks at the same moment, so their writes overlap without each paying
for its start-up. A task that holds the write lock prints ``holding`` while it does (the
test releases another process then); with ``--hold`` it also waits for ``continue``.

Tasks:

- ``record DB CLUSTER KBO YEAR AMOUNT COUNT``: COUNT contributions, one transaction each.
- ``cli DB CLUSTER KBO YEAR AMOUNT COUNT``: the same through ``cluster-ledger contribution
  add``, one process per entry.
- ``import DB CLUSTER FILE [--hold]``: ``run_import(..., commit=True)``.
- ``lock DB CLUSTER YEAR [--hold]``: ``year lock``, holding its transaction first if asked.
- ``read DB CLUSTER YEAR``: reads the year's summary and the entries per batch, each in one
  snapshot, until ``stop`` arrives on stdin; prints ``looked`` after the first read.
- ``open DB``: opens the ledger (upgrading an older schema) and reports its revision.
- ``bulk DB CLUSTER KBO COUNT [--hold]``: one import batch of COUNT entries in one
  transaction, as an import commits them (the rows are made in memory, not read).

A refusal of the ledger (any ``LedgerError``, such as a busy database) is the result
``{"error": message}``; anything else ends the process with its traceback on stderr.
"""

from __future__ import annotations

import json
import select as os_select
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from importers.batches import Request, run_import
from ledger import operations, queries
from ledger.errors import LedgerError
from ledger.session import Ledger
from ledger.storage import database
from ledger.storage.tables import Contribution
from ledger.summary import cluster_summaries


def say(word: str) -> None:
    print(word, flush=True)


def wait_for(word: str) -> None:
    """Block until the test writes ``word`` on stdin (a closed stdin means the test died)."""
    line = sys.stdin.readline()
    if line.strip() != word:
        raise SystemExit(f"expected {word!r} on stdin, got {line!r}")


def cli_argv() -> list[str]:
    """The installed ``cluster-ledger``, as a user starts it."""
    script = Path(sys.executable).parent / "cluster-ledger"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def record(ledger: Ledger, cluster: str, kbo: str, year: str, amount: str, count: str) -> dict:
    for _ in range(int(count)):
        with ledger.write() as tx:
            found = queries.get_cluster(cluster, session=tx.session)
            operations.record_contribution(
                tx, found, kbo=kbo, year=int(year), amount=Decimal(amount)
            )
    return {"recorded": int(count)}


def cli(ledger: Ledger, cluster: str, kbo: str, year: str, amount: str, count: str) -> dict:
    db = ledger.engine.url.render_as_string(hide_password=False)
    ledger.dispose()  # every entry from its own process, as a user types them
    args = ["contribution", "add", "--cluster", cluster, "--kbo", kbo, "--year", year]
    runs = [
        subprocess.run(
            [*cli_argv(), "--db", db, *args, "--amount", amount],
            capture_output=True,
            text=True,
            timeout=120,
        )
        for _ in range(int(count))
    ]
    return {"exit_codes": [r.returncode for r in runs], "stderr": "".join(r.stderr for r in runs)}


def run_import_file(ledger: Ledger, cluster: str, file: str, *flags: str) -> dict:
    def progress(_done: int, _total: int) -> None:
        # Called first from inside the import's write transaction: the lock is held.
        if not held:
            held.append(True)
            say("holding")
            if "--hold" in flags:
                wait_for("continue")

    held: list[bool] = []
    outcome = run_import(ledger, Request(Path(file), cluster, commit=True), progress)
    problems = [p.error.message for p in outcome.plan.problems] if outcome.plan else []
    return {
        "committed": outcome.committed,
        "batch_id": outcome.batch_id,
        "already": outcome.already,
        "problems": sorted(set(problems)),
        "problem_count": len(problems),
    }


def lock(ledger: Ledger, cluster: str, year: str, *flags: str) -> dict:
    with ledger.write() as tx:
        if "--hold" in flags:
            say("holding")
            wait_for("continue")
        found = queries.get_cluster(cluster, session=tx.session)
        event = operations.lock_year(tx, found, year=int(year))
    return {"lock_event": event.id}


# The reader looks again every PACE_S at most, as the app refreshes its screens: reading in
# a tight loop would take a whole core of the machine from the writers it watches.
PACE_S = 0.01


def read(ledger: Ledger, cluster: str, year: str) -> dict:
    """Read until told to stop; each look is one snapshot, kept when it differs from the last."""
    seen: list[dict[str, Any]] = []
    reads = 0
    snapshot = (
        {"execution_options": {"isolation_level": "REPEATABLE READ"}}
        if ledger.engine.dialect.name == "postgresql"
        else {}
    )
    while True:
        stop = bool(os_select.select([sys.stdin], [], [], PACE_S)[0])
        with ledger.read() as session:
            session.connection(**snapshot)  # the snapshot holds for every query below
            found = queries.get_cluster(cluster, session=session)
            (summary,) = cluster_summaries(found, session=session, year=int(year))
            per_batch = session.execute(
                select(Contribution.batch_id, func.count(), func.sum(Contribution.amount_cents))
                .where(Contribution.cluster_id == found.id, Contribution.year == int(year))
                .group_by(Contribution.batch_id)
            ).all()
        reads += 1
        look = {
            "total_cents": summary.result.total_contributions_cents,
            "batches": {str(b): [n, int(s)] for b, n, s in per_batch},
        }
        if not seen:
            say("looked")  # the test starts the writers after this first look
        if not seen or seen[-1] != look:
            seen.append(look)
        if stop:
            wait_for("stop")
            return {"reads": reads, "seen": seen}


def bulk(ledger: Ledger, cluster: str, kbo: str, count: str, *flags: str) -> dict:
    from datetime import date

    from ledger.imports import SourceRow, add_import_batch
    from ledger.operations import NewContribution

    rows = [SourceRow(n + 2, f"{kbo}|{n}", f"{n:064}") for n in range(int(count))]
    entries = [
        NewContribution(kbo, 2026, 100 + n % 9, date(2026, 3, 1), source_row=n + 2)
        for n in range(int(count))
    ]
    with ledger.write() as tx:
        say("holding")
        if "--hold" in flags:
            wait_for("continue")
        found = queries.get_cluster(cluster, session=tx.session)
        batch = add_import_batch(
            tx, found, what="contributions", file_name="groot.xlsx", file_hash="b" * 64,
            source_key="groot.xlsx", sheet=None, year=2026, rows=rows,
        )  # fmt: skip
        operations.record_contributions(tx, found, entries, batch_id=batch.id or 0)
    return {"batch_id": batch.id, "entries": len(entries)}


def opened(ledger: Ledger) -> dict:
    """Opening the ledger was the task (an older schema is upgraded then); its revision now."""
    return {"revision": database.current_revision(ledger.engine)}


MODES = {
    "record": record,
    "cli": cli,
    "import": run_import_file,
    "lock": lock,
    "read": read,
    "open": opened,
    "bulk": bulk,
}


def main() -> int:
    say("ready")
    for line in sys.stdin:
        mode, db, *args = json.loads(line)
        try:
            ledger = Ledger.open(db, actor=f"{mode}-writer", origin="test")
        except LedgerError as exc:
            say(json.dumps({"error": str(exc)}))
            continue
        try:
            result = MODES[mode](ledger, *args)
        except LedgerError as exc:
            result = {"error": str(exc)}
        finally:
            ledger.dispose()
        say(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
