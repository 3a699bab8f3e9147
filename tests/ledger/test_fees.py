"""Expected fees: the pure check, the write with its audit event, history kept, refusals."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from ledger import fees, operations, queries
from ledger.errors import InputError, LockedYearError, NotFoundError
from ledger.kinds import MemberKind
from ledger.session import Ledger
from ledger.storage.tables import AuditEvent, ExpectedFee

CLUSTER, ALFA = "Demo", "0403170701"


@pytest.fixture
def demo(ledger: Ledger) -> Ledger:
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026)
        operations.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
    return ledger


def book(ledger: Ledger, year: int = 2026) -> fees.FeeBook:
    with ledger.read() as session:
        return fees.fee_book(queries.get_cluster(CLUSTER, session=session), year, session=session)


def test_the_check_names_every_problem_as_data() -> None:
    facts = fees.FeeFacts("Demo", 2026, 2025, False, -500, False, ALFA)
    problems = fees.check_fee(facts)
    assert [p.code for p in problems] == ["fee.negative", "fee.before_start", "fee.not_a_member"]
    assert [str(p.location) for p in problems] == ["--amount", "--year", "--kbo"]
    assert problems[2].text("nl", face="app") == (
        "0403.170.701 is geen lid van Demo; voeg het eerst toe op het scherm Leden"
    )
    assert fees.check_fee(fees.FeeFacts("Demo", 2026, 2026, True, 100, True))[0].code == (
        "year.locked"
    )
    assert fees.check_fee(fees.FeeFacts("Demo", 2026, 2027, False, None, True)) == []


def test_a_members_own_fee_wins_over_its_kinds_and_history_is_kept(demo: Ledger) -> None:
    with demo.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        fees.set_fee(tx, cluster, year=2026, amount=Decimal("2500"), kind=MemberKind.ENTERPRISE)
    with demo.read() as session:
        alfa = queries.find_company(ALFA, session=session)
    assert alfa is not None and alfa.id is not None
    assert book(demo).by_kind == {"enterprise": 250000}
    assert book(demo).expected(alfa.id, "enterprise") == 250000
    with demo.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        fees.set_fee(tx, cluster, year=2026, amount=Decimal("1000"), kbo=ALFA)
        fees.set_fee(tx, cluster, year=2026, amount=Decimal("1200.50"), kbo=ALFA)
    with demo.read() as session:
        rows = session.exec(select(ExpectedFee).order_by(ExpectedFee.id)).all()
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "fee.set")).all()
    assert book(demo).expected(alfa.id, "enterprise") == 120050
    assert [r.amount_cents for r in rows] == [250000, 100000, 120050]  # nothing overwritten
    assert [json.loads(e.details) for e in events][-1] == {
        "year": 2026,
        "kbo": ALFA,
        "before": "1000.00",
        "after": "1200.50",
    }
    assert book(demo, 2027).expected(alfa.id, "enterprise") is None  # another year: none
    with demo.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        fees.set_fee(tx, cluster, year=2026, amount=None, kbo=ALFA)
    assert book(demo).expected(alfa.id, "enterprise") == 250000  # back to its kind's


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (
            {"year": 2026, "amount": Decimal("-1"), "kind": MemberKind.ENTERPRISE},
            InputError,
            "negative",
        ),
        (
            {"year": 2025, "amount": Decimal("1"), "kind": MemberKind.OTHER},
            InputError,
            "started in 2026",
        ),
        (
            {"year": 2026, "amount": Decimal("1"), "kbo": "0123456749"},
            NotFoundError,
            "not a member",
        ),
    ],
)
def test_a_refused_fee_writes_nothing(
    demo: Ledger, change: dict[str, object], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words), demo.write() as tx:
        fees.set_fee(tx, queries.get_cluster(CLUSTER, session=tx.session), **change)  # type: ignore[arg-type]
    with demo.read() as session:
        assert session.exec(select(ExpectedFee)).all() == []


def test_a_locked_years_fees_stay_as_they_were(demo: Ledger) -> None:
    with demo.write() as tx:
        operations.lock_year(tx, queries.get_cluster(CLUSTER, session=tx.session), year=2026)
    with pytest.raises(LockedYearError, match="2026 of Demo is locked"), demo.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        fees.set_fee(tx, cluster, year=2026, amount=Decimal("10"), kind=MemberKind.ENTERPRISE)


def test_fee_rows_are_append_only_in_the_database(demo: Ledger) -> None:
    with demo.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        fees.set_fee(tx, cluster, year=2026, amount=Decimal("10"), kind=MemberKind.ENTERPRISE)
    with (
        pytest.raises(DBAPIError, match="expected_fee is append-only"),
        demo.engine.begin() as connection,
    ):
        connection.execute(text("UPDATE expected_fee SET amount_cents = 1"))
    assert book(demo).by_kind == {"enterprise": 1000}
