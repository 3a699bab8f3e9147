"""Committed batches: one transaction, idempotent, undone by reversing entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from importers.batches import Request, list_batches, run_import, undo
from ledger import operations, queries
from ledger.errors import ConflictError, InputError, LedgerError
from ledger.lists.entries import entries
from ledger.session import Ledger
from ledger.storage.tables import AuditEvent, ImportRow
from tests.importers.ledgers import CLUSTER, with_members
from tests.importers.workbooks import ALFA, KENNIS, contributions, dump, write_xlsx


@pytest.fixture
def members(ledger: Ledger) -> Ledger:
    return with_members(ledger)


def _entries(ledger: Ledger) -> list[tuple[str, int, int | None, int | None]]:
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        return [
            (r.kbo, r.entry.amount_cents, r.entry.batch_id, r.entry.source_row)
            for r in entries(cluster, session=session).rows
        ]


def test_a_commit_records_the_batch_its_rows_and_one_audit_event(
    members: Ledger, tmp_path: Path
) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "A", 100, None], [KENNIS, "K", 5, None])
    outcome = run_import(members, Request(path, CLUSTER, commit=True))
    assert (outcome.committed, outcome.batch_id) == (True, 1)
    assert _entries(members) == [("0403170701", 10000, 1, 3), ("0123456749", 500, 1, 4)]
    with members.read() as session:
        rows = session.exec(ImportRow.__table__.select()).all()  # type: ignore[attr-defined]
        actions = [e.action for e in session.exec(AuditEvent.__table__.select()).all()]  # type: ignore[attr-defined]
    assert [(r.row_number, r.row_key) for r in rows] == [
        (3, "0403170701|2026||1"),
        (4, "0123456749|2026||1"),
    ]
    assert actions[-2:] == ["import.commit", "contribution.record_many"]


def test_a_dry_run_writes_nothing(members: Ledger, db_target: str, tmp_path: Path) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "A", 100, None])
    before = dump(db_target)
    outcome = run_import(members, Request(path, CLUSTER))
    assert (outcome.committed, outcome.plan.counts()["new"]) == (False, 1)  # type: ignore[union-attr]
    assert dump(db_target) == before


def test_an_invalid_row_keeps_the_whole_file_out(
    members: Ledger, db_target: str, tmp_path: Path
) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "A", 100, None], [KENNIS, "K", "x", None])
    before = dump(db_target)
    outcome = run_import(members, Request(path, CLUSTER, commit=True))
    assert not outcome.committed
    assert dump(db_target) == before
    skipped = run_import(members, Request(path, CLUSTER, commit=True, skip_invalid=True))
    assert skipped.committed and _entries(members) == [("0403170701", 10000, 1, 3)]


def test_the_same_file_again_is_recognised(members: Ledger, tmp_path: Path) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "A", 100, None])
    run_import(members, Request(path, CLUSTER, commit=True))
    again = run_import(members, Request(path, CLUSTER, commit=True))
    assert (again.already, again.plan, again.committed) == (1, None, False)
    assert len(_entries(members)) == 1


def test_undo_reverses_each_entry_once(members: Ledger, tmp_path: Path) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "A", 100, None], [KENNIS, "K", 5, None])
    run_import(members, Request(path, CLUSTER, commit=True))
    done = undo(members, 1, reason="wrong year")
    assert (done.id, done.undoes_id, done.row_count) == (2, 1, 2)
    assert [e[1] for e in _entries(members)] == [10000, 500, -10000, -500]
    with pytest.raises(ConflictError, match="batch 2 is itself the undo of batch 1"):
        undo(members, 2, reason="again")
    assert [(b.batch.id, b.undone_by) for b in list_batches(members, CLUSTER)] == [
        (1, 2),
        (2, None),
    ]


def test_undo_leaves_an_entry_reversed_by_hand_alone(members: Ledger, tmp_path: Path) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "A", 100, None], [KENNIS, "K", 5, None])
    run_import(members, Request(path, CLUSTER, commit=True))
    with members.write() as tx:
        operations.reverse_contribution(tx, 1, reason="paid twice")
    done = undo(members, 1, reason="wrong year")
    assert done.row_count == 1
    assert [e[1] for e in _entries(members)] == [10000, 500, -10000, -500]


def test_a_members_batch_cannot_be_undone(members: Ledger, tmp_path: Path) -> None:
    rows = [
        ["Ondernemingsnummer", "Naam", "Postcode"],
        [ALFA, "Alfa NV", 9000],
        ["0417497106", "B", 2000],
    ]
    path = write_xlsx(tmp_path / "leden.xlsx", {"Leden": rows})
    assert run_import(members, Request(path, CLUSTER, commit=True)).batch_id == 1
    with pytest.raises(InputError, match="batch 1 imported members") as refused:
        undo(members, 1, reason="x")
    # The app says what to do in its own words, never with a command.
    problem = refused.value.problem
    assert problem is not None
    assert problem.text("nl", face="app") == (
        "batch 1 wijzigde gegevens (van leden of kosten) in plaats van boekingen toe te "
        "voegen; verbeter ze op het scherm Leden of Kosten"
    )


def test_an_unknown_cluster_is_named(members: Ledger, tmp_path: Path) -> None:
    path = contributions(tmp_path / "b.xlsx", [ALFA, "A", 100, None])
    with pytest.raises(LedgerError, match="cluster 'Nope' is unknown"):
        run_import(members, Request(path, "Nope"))


def test_a_date_in_a_locked_year_names_the_member_row(members: Ledger, tmp_path: Path) -> None:
    from ledger import operations

    with members.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.lock_year(tx, cluster, year=2026)
    rows = [
        ["Ondernemingsnummer", "Naam", "Postcode", "Lid sinds"],
        ["0417497106", "B", 2000, date(2026, 2, 1)],
    ]
    path = write_xlsx(tmp_path / "leden.xlsx", {"Leden": rows})
    # The plan runs the ledger's own check, so the dry run already names the row...
    dry = run_import(members, Request(path, CLUSTER))
    assert dry.plan is not None
    first = dry.plan.problems[0]
    assert f"{first.where()}: {first.text()}".startswith(
        "leden.xlsx: sheet 'Leden': row 2: a membership from 2026-02-01 to no end for B "
        "(0417.497.106) would change its membership in 2026, which is locked"
    )
    # ... and the commit, which checks again under the write lock, lands nothing.
    outcome = run_import(members, Request(path, CLUSTER, commit=True))
    assert outcome.batch_id is None and not outcome.committed
