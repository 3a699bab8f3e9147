"""Planning reads, writing writes: a dry run takes no write lock, and --commit plans again
under the lock, so what it checked is still true when it writes (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from importers.batches import Outcome, Request, run_import
from ledger import operations, queries
from ledger.lists.entries import entries as list_entries
from ledger.session import Ledger
from tests.importers.ledgers import CLUSTER, with_members
from tests.importers.workbooks import ALFA, contributions

WAIT = 60.0  # seconds a step may take on a busy machine before the test calls it stuck


def _in_thread(work: object) -> tuple[threading.Thread, dict[str, object]]:
    done: dict[str, object] = {}

    def run() -> None:
        try:
            done["outcome"] = work()  # type: ignore[operator]
        except BaseException as error:  # reported by the test, not lost in the thread
            done["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, done


def test_a_dry_run_does_not_wait_for_a_writer_and_a_commit_checks_under_the_lock(
    ledger: Ledger, tmp_path: Path
) -> None:
    with_members(ledger)
    path = contributions(tmp_path / "b.xlsx", [ALFA, "Alfa NV", 100, date(2026, 3, 1)])
    locked, release = threading.Event(), threading.Event()

    def lock_the_year_and_hold_on() -> None:
        with ledger.write() as tx:
            cluster = queries.get_cluster(CLUSTER, session=tx.session)
            operations.lock_year(tx, cluster, year=2026)
            locked.set()
            release.wait(WAIT)

    writer, _ = _in_thread(lock_the_year_and_hold_on)
    assert locked.wait(WAIT)
    try:
        # The dry run reads the ledger as it was before the writer's change, at once.
        dry, dry_done = _in_thread(lambda: run_import(ledger, Request(path, CLUSTER)))
        dry.join(WAIT)
        assert not dry.is_alive(), "the dry run waited for the writer"
        outcome = dry_done["outcome"]
        assert isinstance(outcome, Outcome) and outcome.plan is not None
        assert outcome.plan.counts()["new"] == 1
        # The commit waits for the writer's lock...
        commit, commit_done = _in_thread(
            lambda: run_import(ledger, Request(path, CLUSTER, commit=True))
        )
        commit.join(0.5)
        assert commit.is_alive(), "the commit did not wait for the writer"
    finally:
        release.set()
        writer.join(WAIT)
    # ... and then checks again: the year it was going to book into is locked now.
    commit.join(WAIT)
    landed = commit_done["outcome"]
    assert isinstance(landed, Outcome) and landed.plan is not None
    assert landed.batch_id is None and not landed.committed
    assert [(p.problem.kind, p.text()) for p in landed.plan.problems] == [
        (
            "locked",
            "2026 of Circular Plastics is locked; reopen it with 'year reopen --reason' first",
        )
    ]
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        assert list_entries(cluster, session=session).rows == []
