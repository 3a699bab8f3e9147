"""A restore racing a 100,000-row import: the import lands before the restore's safety
copy (and is in it) or after the restore (in the restored ledger), never lost between;
and a restore killed halfway leaves the ledger as it was, named by verify, and nothing
the next restore does not clean up."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ledger.backup import restore as restoring
from ledger.backup import snapshot
from ledger.files import TEMP_PREFIX
from ledger.integrity.verify import verify
from ledger.session import Ledger
from tests.concurrency.test_writers import REPO, Child
from tests.ledger.test_backup import CLUSTER, fill

ROWS = 100_000
KBO = "0123456749"


def count(path: Path, batch: int) -> int:
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT count(*) FROM contribution WHERE batch_id = ?", (batch,)
        ).fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def prepared(tmp_path: Path) -> tuple[Path, Path]:
    """A ledger and a backup of it (taken before the import)."""
    target = tmp_path / "ledger.sqlite"
    ledger = fill(target)
    saved = snapshot.backup(ledger, tmp_path / "saved.sqlite").path
    ledger.dispose()
    return target, saved


@pytest.fixture
def child(tmp_path: Path):  # type: ignore[no-untyped-def]
    found = Child(tmp_path / "child.err")
    found.expect("ready")
    yield found
    found.stop()


def test_an_import_holding_the_lock_lands_before_the_restore_copies(
    prepared: tuple[Path, Path],
    child: Child,
) -> None:
    target, saved = prepared
    child.start("bulk", str(target), CLUSTER, KBO, str(ROWS))
    child.expect("holding")  # the import has the write lock; the restore must wait for it
    done = restoring.restore(target, saved, actor="restorer")
    landed = child.result()
    assert landed["entries"] == ROWS
    assert done.safety_backup is not None
    assert count(done.safety_backup, landed["batch_id"]) == ROWS  # in the copy kept
    assert count(target, landed["batch_id"]) == 0  # the restore took it away, as asked
    assert done.verdict.ok


def test_an_import_waiting_for_the_restore_lands_in_the_restored_ledger(
    prepared: tuple[Path, Path],
    child: Child,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target, saved = prepared
    holding, release = threading.Event(), threading.Event()
    swap = restoring._swap_contents

    def paused(driver: sqlite3.Connection) -> None:
        holding.set()
        assert release.wait(60)
        swap(driver)

    monkeypatch.setattr(restoring, "_swap_contents", paused)
    outcome: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: outcome.update(done=restoring.restore(target, saved, actor="restorer"))
    )
    worker.start()
    assert holding.wait(60)  # the restore holds the write lock, its safety copy made
    child.start("bulk", str(target), CLUSTER, KBO, str(ROWS))
    release.set()
    worker.join(60)
    done = outcome["done"]
    landed = child.result()  # it waited for the lock, then wrote into the restored ledger
    assert count(target, landed["batch_id"]) == ROWS
    assert count(done.safety_backup, landed["batch_id"]) == 0  # type: ignore[attr-defined]
    ledger = Ledger.open(target)
    try:
        assert verify(ledger).ok
    finally:
        ledger.dispose()


KILLED = """
import sys, time
from ledger.backup import restore as restoring
def stuck(driver):
    print("swapping", flush=True)
    time.sleep(120)
restoring._swap_contents = stuck
restoring.restore(sys.argv[1], sys.argv[2])
"""


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
def test_a_killed_restore_is_named_and_the_next_one_cleans_up(prepared: tuple[Path, Path]) -> None:
    target, saved = prepared
    ledger = Ledger.open(target)
    with ledger.write() as tx:  # something the backup does not hold
        tx.audit("test.mark", entity="ledger", entity_id=None, cluster_id=None, details={})
    before = verify(ledger).chains
    ledger.dispose()
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(target), str(saved)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "swapping"  # inside the locked transaction
    process.send_signal(signal.SIGKILL)
    process.wait(60)
    journal = restoring.journal_path(target)
    assert journal.exists()
    ledger = Ledger.open(target)
    try:
        verdict = verify(ledger)
        assert [c.tip for c in verdict.chains] == [c.tip for c in before]  # as it was
        (problem,) = verdict.problems
        assert problem.startswith(f"a restore from {saved} started at ")
        assert problem.endswith(
            f"was interrupted (journal {journal}): the ledger is as it was before it; run the "
            "restore again"
        )
        assert any(n.startswith("temporary file ") for n in verdict.notes)  # its staging copy
    finally:
        ledger.dispose()
    done = restoring.restore(target, saved)
    assert done.verdict.ok and not journal.exists()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(TEMP_PREFIX)]
