"""Do writers that run at once lose anything, and what does taking turns cost them?

Why this benchmark exists: the app, an import and the command line may write one ledger
at the same moment. The ledger serialises its writers (SQLite's ``BEGIN IMMEDIATE`` under
a busy timeout in WAL mode, a transaction-level advisory lock on PostgreSQL) and chains
every entry to the one before it, so no write may be lost, none may fail with "database
is locked", and no chain may fork. This measures that under load, and its price.

What it does, in one run, on SQLite and on PostgreSQL:

1. For N = 1, 2 and 4 writer processes, starts N children (``children/record_writer.py``)
   on a fresh ledger of one cluster with four members, lets each open the ledger, then
   releases them together; each records 2,000 contributions for its own member, one
   transaction each, through ``record_contribution`` inside ``Ledger.write()`` as the app
   and the command line do.
2. Afterwards counts the entries and their audit events (each must equal N x 2,000) and
   runs ``verify``; any shortfall or problem stops the benchmark with an error.
3. Runs the same writers as bare SQLAlchemy Core inserts of the same entry and audit
   event in a plain transaction (same engine, schema and triggers; no write lock, no
   checks, no chain), so the cost of serialised, checked, chained writes is a ratio.
4. Reports the wall time from the release to the last writer's exit, entries per second,
   the ratio to one writer, the ratio to the bare inserts, and each writer's peak RSS;
   prints Markdown and writes its section of ``benchmarks/RESULTS.md``.

PostgreSQL: ``TEST_DATABASE_URL`` (or ``--pg-url``) names a server to use, each run in a
schema of its own; without one, a throw-away server is started with ``.ci/postgres.sh``
(``fsync=off``, ``synchronous_commit=off``) and stopped at the end. Run it from the
repository root::

    .venv/bin/python benchmarks/concurrency.py                        # 2,000 each, writes RESULTS.md
    .venv/bin/python benchmarks/concurrency.py --entries 200 --no-write  # a quick check
    .venv/bin/python benchmarks/concurrency.py --backends sqlite       # SQLite only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from harness import GNU_TIME, REPO, Bench, add_common_options, check, child
from ledger_rows import SEED, enterprise_number
from results import markdown_table

HEADING = "## Concurrent writers (concurrency.py)"
CLUSTER = "Concurrency"
WRITERS = (1, 2, 4)
VARIANTS = ("ledger", "plain")
WAIT_S = 600  # a writer that takes longer than this has hung


# --- the ledgers the writers share ------------------------------------------------------------


def members(count: int) -> list[str]:
    rng, used = random.Random(SEED), set()
    return [enterprise_number(rng, used) for _ in range(count)]


MEMBERS = members(max(WRITERS))


def fill(db: str) -> None:
    """A new ledger at ``db``: one cluster and one member per writer."""
    from ledger import operations
    from ledger.session import Ledger

    ledger = Ledger.open(db, create=True, actor="benchmark", origin="benchmark")
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026)
        for i, kbo in enumerate(MEMBERS):
            operations.add_member(tx, cluster, kbo=kbo, name=f"Lid {i + 1}", postcode="9000")
    ledger.dispose()


class SqliteLedgers:
    """Each run on a fresh copy of one prepared SQLite file."""

    name = "SQLite"

    def __init__(self, work: Path) -> None:
        self.folder = work / "concurrency"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.template = self.folder / "template.sqlite"
        fill(str(self.template))

    @contextmanager
    def fresh(self) -> Iterator[str]:
        db = self.folder / "run.sqlite"
        for extra in ("", "-wal", "-shm"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
        shutil.copyfile(self.template, db)
        yield str(db)


class PostgresLedgers:
    """Each run in a fresh schema of one server, dropped afterwards."""

    name = "PostgreSQL"

    def __init__(self, url: str) -> None:
        from ledger.storage.database import database_url

        self.url = database_url(url)

    @contextmanager
    def fresh(self) -> Iterator[str]:
        from sqlalchemy import create_engine, text

        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in self.url else "?"
        db = f"{self.url}{sep}options=-csearch_path%3D{schema}"
        try:
            fill(db)
            yield db
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


@contextmanager
def postgres(url: str | None) -> Iterator[str]:
    """A PostgreSQL server: the one named, or a throw-away one from ``.ci/postgres.sh``."""
    url = url or os.environ.get("TEST_DATABASE_URL")
    if url:
        yield url
        return
    script = REPO / ".ci" / "postgres.sh"
    started = subprocess.run(
        ["bash", "-c", f'source "{script}" && pg_start >&2 && echo "$TEST_DATABASE_URL $PG_DIR"'],
        capture_output=True,
        text=True,
    )
    check(started.returncode == 0, f"cannot start PostgreSQL: {started.stderr[-2000:]}")
    url, folder = started.stdout.split()
    try:
        yield url
    finally:
        subprocess.run(
            ["bash", "-c", f'source "{script}" && PG_DIR="{folder}" PG_BIN="$(pg_bin)" pg_stop'],
            check=False,
        )


# --- one run: N writers at once ---------------------------------------------------------------


@dataclass
class Round:
    """N writers of one variant on one fresh ledger."""

    seconds: float
    peak_mib: list[float]
    entries: int


@dataclass
class Cell:
    """Every repeat of one backend, variant and number of writers."""

    rounds: list[Round] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.rounds)

    @property
    def peak_mib(self) -> float:
        return max(m for r in self.rounds for m in r.peak_mib)


def wait_line(proc: subprocess.Popen[bytes], what: str) -> str:
    """The next line of a child's stdout, within the limit."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], WAIT_S)
    check(bool(ready), f"a writer gave no {what} within {WAIT_S} s")
    return proc.stdout.readline().decode().strip()


def run_round(bench: Bench, db: str, variant: str, writers: int, entries: int) -> Round:
    """Start ``writers`` children, release them together, and check what they left."""
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        for i in range(writers):
            argv = child("record_writer", variant, db, CLUSTER, MEMBERS[i], str(entries))
            if GNU_TIME.exists():
                argv = [str(GNU_TIME), "-f", "%M", "-o", f"{tmp}/rss-{i}", *argv]
            procs.append(
                subprocess.Popen(
                    argv,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=bench.launcher.env,
                    cwd=bench.launcher.cwd,
                )
            )
        for proc in procs:
            if wait_line(proc, "ready") != "ready":
                proc.wait(timeout=WAIT_S)
                raise RuntimeError(f"a writer failed to start: {proc.stderr.read()!r}")  # type: ignore[union-attr]
        started = time.perf_counter()
        for proc in procs:
            proc.stdin.write(b"go\n")  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        outputs = [proc.communicate(timeout=WAIT_S) for proc in procs]
        seconds = time.perf_counter() - started
        for proc, (out, err) in zip(procs, outputs, strict=True):
            text = err.decode()
            check(
                proc.returncode == 0, f"FAILED: a {variant} writer exited {proc.returncode}: {text}"
            )
            check("locked" not in text.lower(), f"FAILED: a writer saw a locked database: {text}")
            check(json.loads(out)["recorded"] == entries, f"FAILED: a writer said {out!r}")
        peaks = [
            int(Path(f"{tmp}/rss-{i}").read_text().split()[-1]) / 1024
            for i in range(writers)
            if GNU_TIME.exists()
        ]
    return Round(seconds, peaks, check_ledger(db, variant, writers * entries))


def check_ledger(db: str, variant: str, expected: int) -> int:
    """Count the entries and their audit events, and verify the ledger; fail loudly."""
    from sqlalchemy import text

    from ledger.integrity.verify import verify
    from ledger.session import Ledger

    ledger = Ledger.open(db)
    try:
        with ledger.engine.connect() as connection:
            entries = connection.execute(text("SELECT count(*) FROM contribution")).scalar_one()
            events = connection.execute(
                text("SELECT count(*) FROM audit_event WHERE action = 'contribution.record'")
            ).scalar_one()
        check(
            entries == expected and events == expected,
            f"FAILED: {variant} writers left {entries} entries and {events} audit events; "
            f"expected {expected} of each",
        )
        if variant == "ledger":
            verdict = verify(ledger)
            check(verdict.ok, f"FAILED: verify found {verdict.problems[:5]}")
    finally:
        ledger.dispose()
    return entries


# --- the report -------------------------------------------------------------------------------


def backend_table(cells: dict[tuple[str, int], Cell], entries: int) -> str:
    header = [
        "writers",
        "entries at the end",
        "ledger: wall s",
        "ledger: entries/s",
        "x 1 writer",
        "bare: wall s",
        "bare: entries/s",
        "x 1 writer (bare)",
        "ledger / bare time",
        "peak RSS per writer MiB (ledger / bare)",
    ]
    rows = []
    for n in WRITERS:
        ledger, bare = cells[("ledger", n)], cells[("plain", n)]
        total = n * entries
        rows.append(
            [
                str(n),
                f"{ledger.rounds[-1].entries:,} = {n} x {entries:,}, verified",
                f"{ledger.median:.2f}",
                f"{total / ledger.median:,.0f}",
                f"{(total / ledger.median) / (entries / cells[('ledger', 1)].median):.2f}",
                f"{bare.median:.2f}",
                f"{total / bare.median:,.0f}",
                f"{(total / bare.median) / (entries / cells[('plain', 1)].median):.2f}",
                f"**{ledger.median / bare.median:.2f}**",
                f"{ledger.peak_mib:.0f} / {bare.peak_mib:.0f}",
            ]
        )
    return markdown_table(header, rows, "lrrrrrrrrr")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_options(parser, write_default="always")
    parser.set_defaults(repeat=1)
    parser.add_argument("--entries", type=int, default=2000, help="contributions per writer")
    parser.add_argument(
        "--backends", default="sqlite,postgresql", help="sqlite, postgresql or both (default)"
    )
    parser.add_argument("--pg-url", help="a PostgreSQL server (default: TEST_DATABASE_URL)")
    args = parser.parse_args()
    bench = Bench.start(args, __file__)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    body = [
        f"Each writer records {args.entries:,} contributions for its own member, one "
        "transaction each; all N are released together after they opened the ledger. "
        "*ledger*: `record_contribution` inside `Ledger.write()` (write lock, checks, hash "
        "chains, audit event). *bare*: the same entry and audit event as two SQLAlchemy Core "
        "inserts in a plain transaction on the same engine and schema (no lock, no checks, "
        "no chain). Wall time from the release to the last writer's exit; median of "
        f"{bench.repeat} run(s) per cell, runs interleaved; every run starts on a fresh "
        "ledger. After every run the benchmark counts the entries and their audit events "
        "(N x entries each, or it stops with an error) and runs `verify` on the ledger "
        "writers' ledgers.",
    ]
    for backend in backends:
        with postgres(args.pg_url) if backend == "postgresql" else _nothing() as url:
            ledgers = SqliteLedgers(bench.work) if backend == "sqlite" else PostgresLedgers(url)
            cells: dict[tuple[str, int], Cell] = {}
            for _ in range(bench.repeat):
                for n in WRITERS:
                    for variant in VARIANTS:
                        with ledgers.fresh() as db:
                            result = run_round(bench, db, variant, n, args.entries)
                        cells.setdefault((variant, n), Cell()).rounds.append(result)
                        print(
                            f"  {ledgers.name} {variant} x{n}: {result.seconds:.2f} s",
                            file=sys.stderr,
                        )
            body += ["", f"**{ledgers.name}**", "", backend_table(cells, args.entries)]
    bench.finish(HEADING, body, write=args.write is not False)


@contextmanager
def _nothing() -> Iterator[str]:
    yield ""


if __name__ == "__main__":
    main()
