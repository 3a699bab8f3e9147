"""A full disk refuses a write with one clear message, and saves nothing of it.

SQLite's ``max_page_count`` stands in for the disk: set on every connection, just above
the ledger's size, the next write that needs a page more fails with "database or disk
is full", as it would on a full disk. The ledger must turn that into its own message,
keep nothing of the change (the counts, the chains, the indexes are as before) and take
the same change once there is room again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, text

from importers.batches import Request, run_import
from ledger import operations, queries
from ledger.errors import DatabaseError
from ledger.integrity.verify import verify
from ledger.session import Ledger
from tests.faults.conftest import BIG, SMALL, Workbooks
from tests.faults.state import Expected, check_ledger, holdings, indexes
from tests.faults.trials import CHILD, ROOT, Bench
from tests.importers.ledgers import CLUSTER
from tests.importers.workbooks import ALFA

FULL = (
    "the disk is full (or the database reached its size limit): nothing of this change was "
    "saved; free some space and try again"
)


def page_count(ledger: Ledger) -> int:
    with ledger.engine.connect() as conn:
        return int(conn.execute(text("PRAGMA page_count")).scalar_one())


@contextmanager
def size_limit(ledger: Ledger, pages: int) -> Iterator[None]:
    """Every connection of ``ledger`` may grow the file to ``pages`` pages, no more."""

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(ledger.engine, "connect", cap)
    ledger.engine.dispose()  # a connection opened before would not have the limit
    try:
        yield
    finally:
        event.remove(ledger.engine, "connect", cap)
        ledger.engine.dispose()


@contextmanager
def failed_statement(ledger: Ledger) -> Iterator[list[str]]:
    """The statements the database refused, first words only: where the disk filled up."""
    refused: list[str] = []

    def note(context) -> None:  # type: ignore[no-untyped-def]
        refused.append(" ".join((context.statement or "").split())[:40])

    event.listen(ledger.engine, "handle_error", note)
    try:
        yield refused
    finally:
        event.remove(ledger.engine, "handle_error", note)


@pytest.fixture
def copy(bench: Bench, tmp_path: Path) -> Iterator[Ledger]:
    """A copy of the ledger with the cluster and its two members."""
    path = tmp_path / "ledger.sqlite"
    shutil.copyfile(bench.base, path)
    ledger = Ledger.open(path, actor="tester", origin="test")
    yield ledger
    ledger.dispose()


@pytest.fixture(scope="module")
def growth(
    bench: Bench, workbooks: Workbooks, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, int]:
    """How many pages an undisturbed import of each workbook adds to the ledger."""
    found = {}
    for name in ("small", "big"):
        path = tmp_path_factory.mktemp("growth") / "ledger.sqlite"
        shutil.copyfile(bench.base, path)
        ledger = Ledger.open(path, actor="tester", origin="test")
        start = page_count(ledger)
        run_import(ledger, Request(getattr(workbooks, name), CLUSTER, commit=True))
        found[name] = page_count(ledger) - start
        ledger.dispose()
    return found


def expected_now(ledger: Ledger) -> Expected:
    """Nothing may change: the ledger as it is, and no delta to accept."""
    now = holdings(ledger)
    return Expected(now, dict.fromkeys(now, 0), indexes(ledger))


@pytest.mark.parametrize(
    ("book", "share", "stage"),
    [
        ("small", 0.0, "INSERT INTO import_row"),
        ("small", 0.5, "INSERT INTO contribution"),
        ("small", 0.97, "INSERT INTO"),
        ("big", 0.1, "INSERT INTO import_row"),
        ("big", 0.5, "INSERT INTO contribution"),
        ("big", 0.95, "CREATE INDEX"),
    ],
    ids=lambda value: str(value).replace(" ", "-"),
)
def test_import_into_a_full_disk(
    copy: Ledger,
    workbooks: Workbooks,
    growth: dict[str, int],
    book: str,
    share: float,
    stage: str,
) -> None:
    """The disk fills at ``share`` of what the import needs, while ``stage`` runs."""
    path = getattr(workbooks, book)
    expected = expected_now(copy)
    limit = page_count(copy) + max(1, int(growth[book] * share))
    with (
        size_limit(copy, limit),
        failed_statement(copy) as refused,
        pytest.raises(DatabaseError) as caught,
    ):
        run_import(copy, Request(path, CLUSTER, commit=True))
    assert refused[0].startswith(stage), refused
    assert str(caught.value) == FULL
    assert check_ledger(copy, expected)[1] == []
    assert holdings(copy) == expected.before
    outcome = run_import(copy, Request(path, CLUSTER, commit=True))
    assert outcome.batch_id is not None
    rows = {"small": SMALL, "big": BIG}[book]
    assert holdings(copy)["contribution"] == expected.before["contribution"] + rows
    assert verify(copy).ok


NOTE = "x" * 1500  # a long note fills the pages in a few dozen entries


def record(ledger: Ledger, n: int) -> None:
    """Entry ``n``: ``n`` euros, in a transaction of its own."""
    with ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.record_contribution(
            tx, cluster, kbo=ALFA, year=2026, amount=Decimal(n), note=f"{n} {NOTE}"
        )


def fill(ledger: Ledger, pages: int) -> int:
    """Record entries until the ledger cannot grow past ``pages``; return how many fitted."""
    recorded = 0
    with size_limit(ledger, pages), pytest.raises(DatabaseError) as caught:
        while recorded < 1000:
            record(ledger, recorded + 1)
            recorded += 1
    assert str(caught.value) == FULL
    return recorded


def test_single_entries_until_the_disk_is_full(copy: Ledger) -> None:
    """Entries one by one until one does not fit: that one is not there at all."""
    recorded = fill(copy, page_count(copy) + 3)
    assert recorded > 0
    expected = expected_now(copy)
    assert expected.before["contribution"] == recorded
    assert check_ledger(copy, expected)[1] == []
    record(copy, recorded + 1)  # room again: the same entry lands
    assert holdings(copy)["contribution"] == recorded + 1
    assert verify(copy).ok


def _cli(db: Path, pages: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FAULT_MAX_PAGES": str(pages)},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("book", "share"),
    [("small", 0.5), ("big", 0.5)],
)
def test_cli_import_into_a_full_disk(
    copy: Ledger, workbooks: Workbooks, growth: dict[str, int], book: str, share: float
) -> None:
    path = getattr(workbooks, book)
    expected = expected_now(copy)
    limit = page_count(copy) + int(growth[book] * share)
    copy.engine.dispose()
    db = Path(str(copy.engine.url.database))
    result = _cli(db, limit, "import", str(path), "--cluster", CLUSTER, "--commit")
    assert (result.returncode, result.stderr) == (1, f"cluster-ledger: error: {FULL}\n")
    assert "Imported" not in result.stdout
    assert check_ledger(copy, expected)[1] == []
    assert holdings(copy) == expected.before


def test_cli_contribution_into_a_full_disk(copy: Ledger) -> None:
    limit = page_count(copy) + 2
    fill(copy, limit)
    expected = expected_now(copy)
    copy.engine.dispose()
    db = Path(str(copy.engine.url.database))
    args = ["contribution", "add", "--cluster", CLUSTER, "--kbo", ALFA, "--year", "2026"]
    result = _cli(db, limit, *args, "--amount", "1.234,56", "--note", NOTE)
    assert (result.returncode, result.stderr) == (1, f"cluster-ledger: error: {FULL}\n")
    assert check_ledger(copy, expected)[1] == []
    assert holdings(copy) == expected.before
