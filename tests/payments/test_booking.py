"""Booking statements into a real ledger (SQLite, and PostgreSQL when given): matches,
the queue, idempotency, overlapping formats, returns, locked years, refusals, verify."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SQLError
from sqlmodel import func, select

from importers.statements.run import import_statements
from ledger import operations, queries
from ledger.errors import ConflictError, InputError, LockedYearError
from ledger.integrity import guards
from ledger.integrity.verify import verify
from ledger.lists.entries import entries as list_entries
from ledger.payments.actions import add_account, assign, dismiss
from ledger.payments.views import list_payments
from ledger.session import Ledger
from ledger.storage.payment_tables import BankMovement, BankStatement, PayerAccount
from ledger.storage.tables import AuditEvent, Contribution
from tests.payments.conftest import ALFA, BETA, CLUSTER, data

CODA = data("kbc-statement-061.cod")
CAMT_SAME_DAY = data("kbc-statement-061.camt053.001.08.xml")
NEXT_DAY = data("bnp-statement-2026-062.camt053.001.02.xml")


def book(ledger: Ledger, path: Path, **options: object):
    return import_statements(ledger, path, CLUSTER, commit=True, **options)


def entries(ledger: Ledger) -> list[tuple[str, int, int, int | None]]:
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        rows = list_entries(cluster, session=session).rows
    return [(r.kbo, r.entry.year, r.entry.amount_cents, r.entry.reverses_id) for r in rows]


def states(ledger: Ledger) -> list[tuple[str, str, str | None]]:
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        return [(r.line, r.state, r.code) for r in list_payments(cluster, session=session)]


def counts(ledger: Ledger) -> tuple[int, int, int, int]:
    with ledger.read() as session:
        return tuple(
            session.exec(select(func.count()).select_from(model)).one()
            for model in (Contribution, AuditEvent, BankStatement, BankMovement)
        )


def test_a_coda_statement_books_what_it_can_and_queues_the_rest(payments_ledger: Ledger) -> None:
    result = book(payments_ledger, CODA)
    (outcome,) = result.outcomes
    assert (outcome.movements, outcome.booked, outcome.queued, outcome.debits) == (6, 3, 1, 1)
    assert outcome.booked_cents == 125_000 + 100_000 + 200_000
    assert entries(payments_ledger) == [
        (ALFA, 2026, 125_000, None),  # its structured communication
        (BETA, 2026, 100_000, None),  # a detail of the bundle, by its communication
        # Alfa's account became known from its first payment; "BIJDRAGE 2027" names the year
        (ALFA, 2027, 200_000, None),
    ]
    assert states(payments_ledger) == [
        ("0001/0000", "booked", "match.ogm"),
        ("0002/0000", "queued", "queue.unknown-payer"),
        ("0003/0000", "bundle", None),
        ("0003/0001", "booked", "match.ogm"),
        ("0003/0002", "booked", "match.iban"),
        ("0004/0000", "debit", None),
    ]
    with payments_ledger.read() as session:
        first = session.exec(select(Contribution).order_by(Contribution.id)).first()
        assert first is not None
        assert first.source == "kbc-statement-061.cod: statement 061, 0001/0000"
        assert first.paid_on == date(2026, 3, 2)
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "payments.statement")
        ).one()
        assert '"booked": 3' in event.details and '"queued": 1' in event.details
    assert verify(payments_ledger).problems == []


def test_the_same_statement_again_adds_nothing(payments_ledger: Ledger) -> None:
    book(payments_ledger, CODA)
    before = counts(payments_ledger)
    again = book(payments_ledger, CODA)
    assert again.outcomes[0].already is not None
    assert counts(payments_ledger) == before


def test_the_same_day_in_camt053_books_each_movement_once(payments_ledger: Ledger) -> None:
    book(payments_ledger, CODA)
    booked_entries = entries(payments_ledger)
    (outcome,) = book(payments_ledger, CAMT_SAME_DAY).outcomes
    assert (outcome.movements, outcome.duplicates, outcome.booked, outcome.queued) == (6, 6, 0, 0)
    assert entries(payments_ledger) == booked_entries
    assert [s for _, s, _ in states(payments_ledger)][6:] == ["duplicate"] * 6
    assert verify(payments_ledger).problems == []


def test_a_return_becomes_a_reversing_entry_and_the_rest_waits(payments_ledger: Ledger) -> None:
    book(payments_ledger, CODA)
    (outcome,) = book(payments_ledger, NEXT_DAY).outcomes
    assert (outcome.returned, outcome.queued, outcome.booked) == (1, 2, 0)
    assert entries(payments_ledger)[-1] == (ALFA, 2026, -125_000, 1)
    assert states(payments_ledger)[-3:] == [
        ("Ntry 1", "returned", "match.return"),
        ("Ntry 2", "queued", "queue.bad-check"),
        ("Ntry 3", "queued", "queue.unknown-payer"),
    ]
    assert verify(payments_ledger).problems == []


def test_assign_and_dismiss_settle_the_queue(payments_ledger: Ledger) -> None:
    book(payments_ledger, CODA)
    book(payments_ledger, NEXT_DAY)
    with payments_ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        queued = {r.line: r.id for r in list_payments(cluster, session=session, unmatched=True)}
    assert set(queued) == {"0002/0000", "Ntry 2", "Ntry 3"}
    with payments_ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        assign(tx, cluster, queued["0002/0000"], kbo=BETA, year=2026)
        dismiss(tx, cluster, queued["Ntry 3"], reason="sponsor of the March event")
    assert entries(payments_ledger)[-1] == (BETA, 2026, 90_000, None)
    with payments_ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        left = list_payments(cluster, session=session, unmatched=True)
        payers = session.exec(select(PayerAccount.iban, PayerAccount.company_id)).all()
    assert [r.line for r in left] == ["Ntry 2"]
    assert ("BE62510007547061", 2) in payers  # Beta's account is remembered for next time
    with payments_ledger.write() as tx, pytest.raises(ConflictError, match="already booked"):
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        assign(tx, cluster, queued["0002/0000"], kbo=BETA, year=2026)
    with payments_ledger.write() as tx, pytest.raises(ConflictError, match="dismissed already"):
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        dismiss(tx, cluster, queued["Ntry 3"], reason="again")
    assert verify(payments_ledger).problems == []


def test_a_payment_into_a_locked_year_waits_in_the_queue(payments_ledger: Ledger) -> None:
    with payments_ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.lock_year(tx, cluster, year=2026)
    (outcome,) = book(payments_ledger, CODA).outcomes
    assert outcome.locked == {2026}
    # Alfa's communication still tells who paid: its 2027 payment (by account) lands.
    assert (outcome.booked, outcome.queued) == (1, 3)
    assert entries(payments_ledger) == [(ALFA, 2027, 200_000, None)]
    with payments_ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        first = list_payments(cluster, session=session)[0]
    assert (first.state, first.code) == ("queued", "queue.refused")
    assert first.facts["reason"].startswith("2026 of Circular Plastics is locked")
    with payments_ledger.write() as tx, pytest.raises(LockedYearError):
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        assign(tx, cluster, first.id, kbo=ALFA, year=2026)


def test_a_statement_of_another_account_is_refused_and_nothing_written(
    payments_ledger: Ledger, tmp_path: Path
) -> None:
    other = tmp_path / "other.cod"
    other.write_bytes(CODA.read_bytes().replace(b"BE43068999999501", b"BE71096123456769"))
    before = counts(payments_ledger)
    with pytest.raises(InputError) as caught:
        book(payments_ledger, other)
    assert str(caught.value) == (
        "other.cod: record 1: the statement is for account BE71096123456769, which is not an "
        "account of Circular Plastics; add it with 'cluster account add' if it is"
    )
    assert counts(payments_ledger) == before


def test_a_dry_run_writes_nothing(payments_ledger: Ledger) -> None:
    before = counts(payments_ledger)
    result = import_statements(payments_ledger, CODA, CLUSTER)
    assert result.outcomes[0].booked == 3
    assert counts(payments_ledger) == before


def test_a_camt054_notification_is_booked(payments_ledger: Ledger) -> None:
    (outcome,) = book(payments_ledger, data("notification.camt054.001.08.xml")).outcomes
    assert outcome.booked == 1
    assert entries(payments_ledger) == [(BETA, 2027, 100_000, None)]


def test_a_bundle_without_its_details_waits(payments_ledger: Ledger, tmp_path: Path) -> None:
    from statement_files import Payment, coda_statement

    path = tmp_path / "bundle.cod"
    text_ = coda_statement(
        "BE43068999999501",
        "Circular Plastics",
        70,
        date(2026, 4, 1),
        0,
        [Payment(300_000, bundled=3)],
    )
    path.write_text(text_, encoding="cp1252", newline="")
    (outcome,) = book(payments_ledger, path).outcomes
    assert (outcome.booked, outcome.queued) == (0, 1)
    assert states(payments_ledger) == [("0001/0000", "queued", "queue.bundle")]


def test_the_history_is_append_only_and_verify_sees_a_changed_movement(
    payments_ledger: Ledger,
) -> None:
    book(payments_ledger, CODA)
    with pytest.raises(SQLError, match="append-only"), payments_ledger.engine.begin() as connection:
        connection.execute(text("UPDATE bank_movement SET amount_cents = 1 WHERE id = 2"))
    with payments_ledger.engine.begin() as connection:
        guards.drop(connection)
        connection.execute(text("UPDATE bank_movement SET amount_cents = 1 WHERE id = 2"))
        connection.execute(text("UPDATE contribution SET year = 2028 WHERE id = 1"))
        guards.create(connection)
    problems = verify(payments_ledger).problems
    assert any(
        "the movements of statement 1 (kbc-statement-061.cod, number 061)" in p for p in problems
    )
    assert any(p.startswith("contribution 1 does not agree with payment 1") for p in problems)


def test_an_account_is_recorded_once_and_checked(payments_ledger: Ledger) -> None:
    with payments_ledger.write() as tx, pytest.raises(ConflictError, match="already an account"):
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        add_account(tx, cluster, iban="be43 0689 9999 9501")
    with payments_ledger.write() as tx, pytest.raises(InputError) as caught:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        add_account(tx, cluster, iban="BE43068999999502")
    assert str(caught.value) == (
        "'BE43068999999502' is not a valid IBAN: The number's checksum or check digit is invalid."
    )


def test_a_typed_contribution_and_a_statement_live_side_by_side(payments_ledger: Ledger) -> None:
    with payments_ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal("10"))
    book(payments_ledger, CODA)
    assert len(entries(payments_ledger)) == 4
    assert verify(payments_ledger).problems == []


def test_a_statement_is_one_import_batch_that_cannot_be_undone(payments_ledger: Ledger) -> None:
    from ledger import imports

    book(payments_ledger, CODA)
    with payments_ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        (batch,) = imports.list_batches(cluster, session=session)
    assert (batch.batch.what, batch.batch.file_name, batch.batch.row_count) == (
        "statement",
        "kbc-statement-061.cod",
        3,
    )
    with payments_ledger.write() as tx, pytest.raises(InputError) as caught:
        imports.undo_import_batch(tx, batch.batch.id, reason="oops")
    assert str(caught.value) == (
        f"batch {batch.batch.id} booked the bank statement kbc-statement-061.cod; the statement "
        "stays what the bank said; reverse a wrong entry with 'contribution reverse'"
    )
