"""SIGKILL at any point of an import leaves the whole batch or none, and a sound ledger.

Each trial copies a ledger holding the cluster and its two members, runs
``cluster-ledger import FILE --cluster ... --commit`` on the copy in a process of its own,
kills that process, opens the ledger as the next user would (SQLite replays or discards
its write-ahead log) and checks it (:func:`tests.faults.state.check_ledger`): it holds
exactly what it held before or exactly that plus the whole batch (entries, import
batch, source rows, audit events, chain ends), ``verify()`` passes, ``PRAGMA
integrity_check`` is ok, every index is there as it was, and the same import run again
lands the batch or says it was imported, as what landed says.

The trials (seed 20261123, drawn afresh with ``FAULT_SEED=N``; a failure prints its seed):

- a 2,000-row import killed right before each of its write statements (27 today, from
  ``BEGIN IMMEDIATE`` to the last chain end), right before its COMMIT and right after;
- the same import killed at 8 times spread over a fresh process's whole run (start-up,
  reading, planning, writing; measured with two undisturbed runs side by side, as the
  trials run), and 8 spread over its write transaction;
- a 10,000-row import, large enough that it drops and rebuilds the entry indexes inside
  its transaction, killed before its first and last DROP INDEX, its bulk insert, its first
  and last CREATE INDEX and the statement after them, right before its COMMIT, right
  after it, and at 2 times in its write transaction;
- a process recording single entries one transaction at a time, killed 7 times (before
  3 statements drawn at random, right after a COMMIT, at 3 random times): the ledger
  holds exactly the entries it reported committed;
- on PostgreSQL (``TEST_DATABASE_URL``), the 2,000-row import killed 7 times on one
  schema, each trial importing into a cluster of its own.

That is 55 import kills on SQLite (29 staged, 16 timed, 10 on the index rebuild). Times
are spread evenly with a random offset in each stretch, so every part of a run is hit; a
staged kill says which statement it preceded.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ledger import operations
from ledger.kinds import MemberKind
from ledger.session import Ledger
from tests.faults.conftest import Workbooks
from tests.faults.state import Expected, check_ledger, holdings, indexes
from tests.faults.trials import (
    SEED,
    Bench,
    Calibration,
    Trial,
    calibrate,
    judge,
    kill_run,
    read_trace,
)
from tests.importers.ledgers import CLUSTER
from tests.importers.workbooks import ALFA, KENNIS

Command = Callable[[Path], list[str]]


def import_command(book: Path, cluster: str = CLUSTER) -> Command:
    return lambda db: ["--db", str(db), "import", str(book), "--cluster", cluster, "--commit"]


def spread(rng: random.Random, count: int, span: float) -> list[float]:
    """``count`` points over ``span``: one in each equal stretch, at a random place in it."""
    return [(i + rng.random()) * span / count for i in range(count)]


def before_statements(calibration: Calibration, numbers: list[int]) -> list[Trial]:
    return [
        Trial(
            f"killed before write statement {k} ({calibration.statements[k - 1][:50]})",
            f"statement:{k}",
            landed=False,
        )
        for k in numbers
    ]


AT_COMMIT = [
    Trial("killed right before COMMIT", "commit", landed=False),
    Trial("killed right after COMMIT", "committed", landed=True),
]


def in_transaction(rng: random.Random, calibration: Calibration, count: int) -> list[Trial]:
    # A little past the commit too: the process still has to print and exit.
    return [
        Trial(f"killed {s * 1000:.0f} ms into the write transaction", f"begin+{s:.4f}")
        for s in spread(rng, count, calibration.window * 1.2)
    ]


@pytest.fixture(scope="module")
def small(bench: Bench, workbooks: Workbooks) -> Calibration:
    return calibrate(bench, import_command(workbooks.small))


@pytest.fixture(scope="module")
def big(bench: Bench, workbooks: Workbooks) -> Calibration:
    return calibrate(bench, import_command(workbooks.big))


def test_kill_before_each_write_statement(
    bench: Bench, workbooks: Workbooks, small: Calibration
) -> None:
    trials = before_statements(small, list(range(1, len(small.statements) + 1))) + AT_COMMIT
    assert len(trials) >= 25, small.statements  # the import writes in that many steps
    outcomes = bench.run_all(
        trials, import_command(workbooks.small), small.expected, (workbooks.small, CLUSTER)
    )
    assert [o.landed for o in outcomes] == [False] * (len(trials) - 1) + [True]


def test_kill_at_spread_times(bench: Bench, workbooks: Workbooks, small: Calibration) -> None:
    rng = random.Random(f"{SEED}:timed")
    # A quarter past the measured end: a busy machine stretches a run, and a run that ends
    # before its kill must have landed whole.
    trials = [
        Trial(f"killed {s:.3f} s after start ({s / small.duration:.0%} of a whole run)", delay=s)
        for s in spread(rng, 8, small.duration * 1.25)
    ] + in_transaction(rng, small, 8)
    bench.run_all(
        trials, import_command(workbooks.small), small.expected, (workbooks.small, CLUSTER)
    )


def test_kill_while_the_indexes_are_rebuilt(
    bench: Bench, workbooks: Workbooks, big: Calibration
) -> None:
    """A kill between DROP INDEX and CREATE INDEX must leave every index as it was."""

    def numbers(start: str) -> list[int]:
        return [k for k, s in enumerate(big.statements, 1) if s.startswith(start)]

    drops, creates = numbers("DROP INDEX"), numbers("CREATE INDEX")
    assert len(drops) == len(creates) == 3, big.statements  # the entries' plain indexes
    # Before the first index goes and the last, the bulk insert with all three gone, the
    # first rebuilt and the last, and the statement after them.
    kills = [drops[0], drops[-1], *numbers("INSERT INTO contribution"), creates[0], creates[-1]]
    trials = (
        before_statements(big, [*kills, creates[-1] + 1])
        + AT_COMMIT
        + in_transaction(random.Random(f"{SEED}:rebuild"), big, 2)
    )
    bench.run_all(trials, import_command(workbooks.big), big.expected, (workbooks.big, CLUSTER))


def test_kill_a_loop_of_single_entries(bench: Bench) -> None:
    """Each entry is its own transaction: the ledger holds every entry the process saw
    committed (and, killed just after a commit, at most one it had not yet printed)."""
    rng = random.Random(f"{SEED}:loop")
    per_entry = 12  # write statements of one entry: the kill points fall across several
    trials = (
        [
            Trial(f"loop killed before write statement {k}", f"statement:{k}")
            for k in sorted(rng.randint(1, 6 * per_entry) for _ in range(3))
        ]
        + [Trial("loop killed right after its first COMMIT", "committed")]
        + [
            Trial(f"loop killed {s * 1000:.0f} ms after its first write", f"begin+{s:.4f}")
            for s in spread(rng, 3, 0.6)
        ]
    )
    failures = []
    for index, trial in enumerate(trials):
        problems = _loop_trial(bench, index, trial)
        failures += [f"{trial.name}: {p}" for p in problems]
    assert not failures, f"seed {SEED} (repeat with FAULT_SEED={SEED}):\n" + "\n".join(failures)


def _loop_trial(bench: Bench, index: int, trial: Trial) -> list[str]:
    db = bench.work / f"loop-{index}.sqlite"
    shutil.copyfile(bench.base, db)
    out = bench.work / f"loop-{index}.out"
    ledger = Ledger.open(db, actor="tester", origin="test")
    before, found = holdings(ledger), indexes(ledger)
    ledger.dispose()
    argv = ["--record-loop", str(db), CLUSTER, ALFA]
    problems = kill_run(trial, bench.launcher.start, argv, bench.env, out)
    if problems:
        return problems
    printed = len(out.read_text().split())
    ledger = Ledger.open(db, actor="tester", origin="test")
    try:
        held = holdings(ledger)
        entries = held["contribution"] - before["contribution"]
        # Each entry adds one row and one audit event and lengthens two chains.
        one = {k: 0 for k in before} | {"contribution": 1, "audit_event": 1, "links": 2}
        one["chain_tip"] = 0
        delta = {k: v * entries for k, v in one.items()}
        delta["chain_tip"] = held["chain_tip"] - before["chain_tip"]
        delta["cents"] = entries * (entries + 1) // 2 * 100  # entry n is n euros
        _, problems = check_ledger(ledger, Expected(before, delta, found))
    finally:
        ledger.dispose()
    if trial.kill_at.startswith("statement:"):
        allowed = [printed]
    elif trial.kill_at == "committed":
        allowed = [printed + 1]
    else:
        allowed = [printed, printed + 1]
    if entries not in allowed:
        problems.append(f"the ledger holds {entries} entries; the process had committed {printed}")
    return problems


def _clusters_with_members(ledger: Ledger, names: list[str]) -> None:
    with ledger.write() as tx:
        for name in names:
            cluster = operations.add_cluster(tx, name=name, rule_set_id="ibn-2026", start_year=2026)
            operations.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
            operations.add_member(
                tx,
                cluster,
                kbo=KENNIS,
                name="KU Kennis",
                postcode="3000",
                kind=MemberKind.KNOWLEDGE_INSTITUTION,
            )


def _pg_run(
    bench: Bench, ledger: Ledger, url: str, book: Path, cluster: str, trial: Trial
) -> tuple[list[str], Path]:
    out = bench.work / f"pg-{cluster}.out"
    trace = bench.work / f"pg-{cluster}.trace"
    env = {**bench.env, "FAULT_TRACE": str(trace)}
    problems = kill_run(trial, bench.launcher.start, import_command(book, cluster)(url), env, out)
    # The server ends a killed client's transaction when it sees the connection close;
    # a write of our own waits for that (the advisory lock) before anything is counted.
    with ledger.write():
        pass
    return problems, trace


@pytest.mark.postgres
def test_kill_an_import_on_postgresql(
    pg_schema_url: str, bench: Bench, workbooks: Workbooks
) -> None:
    """On PostgreSQL the trials share one schema: each imports into a cluster of its own
    and is compared with the counts just before it."""
    rng = random.Random(f"{SEED}:postgresql")
    ledger = Ledger.open(pg_schema_url, create=True, actor="tester", origin="test")
    try:
        names = [f"Trial {n}" for n in range(8)]
        _clusters_with_members(ledger, names)
        before = holdings(ledger)
        problems, trace = _pg_run(
            bench, ledger, pg_schema_url, workbooks.small, names[0], Trial("calibration")
        )
        assert problems == [], problems
        delta = {k: v - before[k] for k, v in holdings(ledger).items()}
        statements, window = read_trace(trace)
        bulk = [
            k
            for k, s in enumerate(statements, 1)
            if s.startswith(("INSERT INTO import_row", "INSERT INTO contribution"))
        ]
        assert len(bulk) >= 2, statements
        calibration = Calibration(0.0, statements, window, Expected(before, delta, []))
        # The advisory lock taken, each bulk insert, the last chain end written.
        trials = (
            before_statements(calibration, [2, bulk[0], bulk[-1], len(statements)])
            + AT_COMMIT
            + in_transaction(rng, calibration, 1)
        )
        failures = []
        for name, trial in zip(names[1:], trials, strict=True):
            expected = Expected(holdings(ledger), delta, indexes(ledger))
            problems, _ = _pg_run(bench, ledger, pg_schema_url, workbooks.small, name, trial)
            if not problems:
                _, problems = judge(trial, ledger, expected, (workbooks.small, name))
            failures += [f"{trial.name}: {p}" for p in problems]
        assert not failures, f"seed {SEED}:\n" + "\n".join(failures)
    finally:
        ledger.dispose()
