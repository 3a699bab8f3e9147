"""verify's checks beside the walk, run in a second process on a large SQLite file, find
what they find in the one process, in the same words and order; when the second process
fails or saw another snapshot, verify checks in its own."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

import pytest

from ledger.integrity import beside, guards
from ledger.integrity import verify as verify_module
from ledger.integrity.opening import ledger_to_check
from ledger.integrity.verify import verify
from ledger.session import Ledger
from tests.ledger.test_integrity import booked  # noqa: F401


def rewritten(ledger: Ledger, *statements: str) -> None:
    """Guards lifted, rows changed with SQLite's own shell's defaults (foreign keys not
    enforced), guards put back exactly."""
    with ledger.engine.begin() as connection:
        guards.drop(connection)
    with sqlite3.connect(str(ledger.engine.url.database)) as shell:
        for statement in statements:
            shell.execute(statement)
    shell.close()
    with ledger.engine.begin() as connection:
        guards.create(connection)


@pytest.fixture
def on_sqlite(booked: Ledger) -> Ledger:  # noqa: F811
    if booked.engine.dialect.name != "sqlite":
        pytest.skip("the second process reads SQLite files; PostgreSQL checks in one")
    return booked


def in_one_process(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setattr(beside, "SECOND_PROCESS_FROM_BYTES", 2**62)
        return verify(ledger).problems


def in_two_processes(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """verify with the second process forced, and its findings used (never checked here)."""

    def not_here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("verify checked in its own process")

    with monkeypatch.context() as patch:
        patch.setattr(beside, "SECOND_PROCESS_FROM_BYTES", 0)
        patch.setattr(verify_module, "_beside_here", not_here)
        return verify(ledger).problems


@pytest.mark.parametrize(
    "statements",
    [
        [],
        ["UPDATE import_row SET fingerprint = '" + "1" * 64 + "' WHERE batch_id = 1"],
        ["DELETE FROM import_row WHERE row_number = 3"],
        ["UPDATE import_batch SET rows_digest = NULL"],
        ["UPDATE contribution SET amount_cents = 1 WHERE id = 2"],
        # a reversal pointing at an entry that is not there, and the figures it breaks
        ["UPDATE contribution SET reverses_id = 99 WHERE reverses_id IS NOT NULL"],
    ],
)
def test_the_second_process_finds_what_one_process_finds(
    on_sqlite: Ledger, monkeypatch: pytest.MonkeyPatch, statements: list[str]
) -> None:
    rewritten(on_sqlite, *statements)
    alone = in_one_process(on_sqlite, monkeypatch)
    assert in_two_processes(on_sqlite, monkeypatch) == alone
    assert bool(statements) == bool(alone)


def test_a_backup_is_checked_in_two_processes_without_a_byte_changed(
    on_sqlite: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file not in WAL mode opens read-only, in the second process too."""
    copy = tmp_path / "backup.sqlite"
    source = sqlite3.connect(on_sqlite.engine.url.database)
    source.execute(f"VACUUM INTO '{copy}'")
    source.close()
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    with ledger_to_check(copy) as ledger:
        assert ledger.engine.url.query.get("mode") == "ro"
        assert in_two_processes(ledger, monkeypatch) == []
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == [
        "backup.sqlite"
    ]


def test_findings_from_another_snapshot_are_not_used(
    on_sqlite: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second process saw other tips: something was written between the snapshots."""
    database = on_sqlite.engine.url.database
    assert database is not None
    monkeypatch.setattr(beside, "SECOND_PROCESS_FROM_BYTES", 0)
    process = beside.start(database, uri=False, timeout=5)
    assert process is not None
    with sqlite3.connect(database) as connection:
        seen = beside.tips(connection)
    other = [[chain, length + 1, tip] for chain, length, tip in seen]
    assert process.result(other) is None


def test_a_second_process_that_fails_leaves_the_checks_to_verify(
    on_sqlite: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    rewritten(on_sqlite, "DELETE FROM import_row WHERE row_number = 3")
    alone = in_one_process(on_sqlite, monkeypatch)
    monkeypatch.setattr(beside, "SECOND_PROCESS_FROM_BYTES", 0)
    monkeypatch.setattr(sys, "executable", sys.executable + "-not-there")
    assert verify(on_sqlite).problems == alone
    monkeypatch.setattr(sys, "executable", "/bin/false")
    assert verify(on_sqlite).problems == alone


@pytest.mark.parametrize("fetched", [1, 2, 3, 7])
@pytest.mark.parametrize(
    "statements",
    [
        [],
        ["UPDATE contribution SET amount_cents = 1 WHERE id = 2"],
        ["DELETE FROM contribution WHERE id = 5"],
        ["UPDATE contribution SET chain_hash = NULL WHERE id = 6"],
        ["UPDATE contribution SET chain_seq = 9 WHERE id = 7"],
        ["UPDATE contribution SET id = 100 WHERE id = 4"],
        ["UPDATE audit_event SET actor = 'x' WHERE id = 3", "DELETE FROM audit_event WHERE id = 9"],
    ],
)
def test_the_walk_finds_the_same_whatever_rows_it_reads_at_once(
    booked: Ledger,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    fetched: int,
    statements: list[str],
) -> None:
    """The walk checks a few thousand rows at once and looks at them one by one only when
    something is amiss: read one, two, three or seven rows at a time (so batches end
    mid-chain and chains begin mid-batch), verify says exactly what it says otherwise."""
    from ledger.integrity import rows

    if statements:
        from tests.ledger.test_integrity import behind_the_ledgers_back

        behind_the_ledgers_back(booked, *statements)
    usual = verify(booked)
    monkeypatch.setattr(rows, "_ROWS_PER_FETCH", fetched)
    small = verify(booked)
    assert small.problems == usual.problems
    assert small.chains == usual.chains
    assert small.rows == usual.rows
    assert bool(statements) == bool(usual.problems)
