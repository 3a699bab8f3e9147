"""Operations on a real database (SQLite, and PostgreSQL when one is given): each write
lands whole with its audit event, and each refusal leaves the ledger as it was."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from ledger import operations as ops
from ledger import queries
from ledger.errors import ConflictError, InputError, LockedYearError, NotFoundError
from ledger.kinds import MemberKind
from ledger.lists.audit import audit
from ledger.lists.entries import entries
from ledger.regions import Region
from ledger.session import Ledger
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    Company,
    Contribution,
    CoordinationCost,
    Membership,
    YearLockEvent,
)
from ledger.summary import cluster_summaries
from ledger.views import company_details

ALFA = "0403170701"
BETA = "0123456749"
GAMMA = "1000000021"


def counts(ledger: Ledger) -> dict[str, int]:
    """How many rows each table holds: the state a refused write must not change."""
    with ledger.read() as session:
        return {
            table.__name__: session.exec(select(func.count()).select_from(table)).one()
            for table in (
                Cluster,
                Company,
                Membership,
                Contribution,
                CoordinationCost,
                YearLockEvent,
                AuditEvent,
            )
        }


@pytest.fixture
def cluster(ledger: Ledger) -> Cluster:
    with ledger.write() as tx:
        found = ops.add_cluster(tx, name="Demo", rule_set_id="ibn-2026", start_year=2026, kbo=ALFA)
        ops.add_member(
            tx, found, kbo=ALFA, name="Alfa NV", postcode="9000", mandate=date(2026, 2, 1)
        )
        ops.add_member(
            tx,
            found,
            kbo=BETA,
            name="Kenniscentrum",
            postcode="3001",
            kind=MemberKind.KNOWLEDGE_INSTITUTION,
        )
    return found


def test_a_write_and_its_audit_event_land_together(ledger: Ledger, cluster: Cluster) -> None:
    with ledger.write() as tx:
        entry = ops.record_contribution(
            tx, cluster, kbo=ALFA, year=2026, amount=Decimal("1234.56"), paid_on=date(2026, 3, 1)
        )
    with ledger.read() as session:
        stored = session.get(Contribution, entry.id)
        assert stored is not None and stored.amount_cents == 123456
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "contribution.record")
        ).one()
    assert event.actor == "tester" and event.origin.startswith("test@")
    assert json.loads(event.details)["amount"] == "1234.56"
    assert event.entity_id == entry.id


def test_reversal_cancels_once_and_cannot_itself_be_reversed(
    ledger: Ledger, cluster: Cluster
) -> None:
    with ledger.write() as tx:
        entry = ops.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal(500))
    with ledger.write() as tx:
        reversal = ops.reverse_contribution(tx, entry.id, reason="booked twice")
    assert reversal.amount_cents == -50000 and reversal.reverses_id == entry.id
    before = counts(ledger)
    with (
        pytest.raises(ConflictError, match=f"already reversed by {reversal.id}"),
        ledger.write() as tx,
    ):
        ops.reverse_contribution(tx, entry.id, reason="again")
    with pytest.raises(ConflictError, match="cannot be reversed"), ledger.write() as tx:
        ops.reverse_contribution(tx, reversal.id, reason="undo")
    assert counts(ledger) == before
    with ledger.read() as session:
        rows = entries(cluster, session=session).rows
    assert [(r.entry.id, r.reversed_by) for r in rows] == [
        (entry.id, reversal.id),
        (reversal.id, None),
    ]


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (dict(amount=Decimal("-10")), InputError, "negative"),
        (dict(amount=Decimal("0")), InputError, "zero"),
        (dict(amount=Decimal("1.005")), InputError, "more than two decimals"),
        (dict(year=2025), InputError, "before Demo started in 2026"),
        (dict(kbo=GAMMA), NotFoundError, "not a member of Demo"),
        (dict(kbo="0403170702"), InputError, "mod-97"),
        (dict(note="bad\x07bell"), InputError, "control character"),
    ],
)
def test_bad_contributions_change_nothing(
    ledger: Ledger, cluster: Cluster, change: dict, error: type, words: str
) -> None:
    before = counts(ledger)
    args = dict(kbo=ALFA, year=2026, amount=Decimal("100")) | change
    with pytest.raises(error, match=words), ledger.write() as tx:
        ops.record_contribution(tx, cluster, **args)
    assert counts(ledger) == before


def test_locked_year_refuses_writes_until_reopened(ledger: Ledger, cluster: Cluster) -> None:
    with ledger.write() as tx:
        entry = ops.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal(100))
        ops.lock_year(tx, cluster, year=2026)
    before = counts(ledger)
    attempts = [
        lambda tx: ops.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal(1)),
        lambda tx: ops.reverse_contribution(tx, entry.id, reason="x"),
        lambda tx: ops.set_costs(tx, cluster, year=2026, amount=Decimal(1000)),
        lambda tx: ops.leave(tx, cluster, kbo=ALFA, left=date(2025, 12, 31)),
        lambda tx: ops.update_company(tx, kbo=ALFA, kind=MemberKind.PUBLIC_BODY),
    ]
    for attempt in attempts:
        with pytest.raises(LockedYearError, match="2026"), ledger.write() as tx:
            attempt(tx)
    assert counts(ledger) == before
    with pytest.raises(ConflictError, match="already locked"), ledger.write() as tx:
        ops.lock_year(tx, cluster, year=2026)
    with ledger.write() as tx:
        ops.reopen_year(tx, cluster, year=2026, reason="late invoice from Alfa")
        ops.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal(1))
    with ledger.read() as session:
        history = queries.lock_history(cluster, session=session, year=2026)
        assert [(e.locked, e.reason) for e in history] == [
            (True, None),
            (False, "late invoice from Alfa"),
        ]
        assert not queries.is_locked(cluster, 2026, session=session)
    with pytest.raises(ConflictError, match="not locked"), ledger.write() as tx:
        ops.reopen_year(tx, cluster, year=2026, reason="again")


def test_duplicate_member_and_cluster_are_refused(ledger: Ledger, cluster: Cluster) -> None:
    before = counts(ledger)
    with pytest.raises(ConflictError, match="already a member"), ledger.write() as tx:
        ops.add_member(tx, cluster, kbo="BE 0403.170.701", name="Alfa", postcode="9000")
    with pytest.raises(ConflictError, match="already exists"), ledger.write() as tx:
        ops.add_cluster(tx, name="Demo", rule_set_id="ibn-2020", start_year=2024)
    with pytest.raises(NotFoundError, match="rule set 'nope'"), ledger.write() as tx:
        ops.add_cluster(tx, name="Other", rule_set_id="nope", start_year=2024)
    assert counts(ledger) == before


def test_a_failure_late_in_a_transaction_rolls_back_the_earlier_writes(
    ledger: Ledger, cluster: Cluster
) -> None:
    before = counts(ledger)
    with pytest.raises(NotFoundError), ledger.write() as tx:
        ops.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal(100))
        ops.set_costs(tx, cluster, year=2026, amount=Decimal(1000))
        ops.record_contribution(tx, cluster, kbo=GAMMA, year=2026, amount=Decimal(100))
    assert counts(ledger) == before


def test_company_update_is_audited_with_before_and_after(ledger: Ledger, cluster: Cluster) -> None:
    with ledger.write() as tx:
        _, created = ops.upsert_company(
            tx, kbo=ALFA, name="Alfa NV", postcode="1000", region_override=Region.FLANDERS
        )
    assert not created
    with ledger.read() as session:
        assert company_details(ALFA, session=session, day=date.today())[1:] == (
            "1000",
            "enterprise",
            "flanders",
        )
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "company.update")).one()
    details = json.loads(event.details)
    assert details["was"]["postcode"] == "9000" and details["facts"]["postcode"] == "1000"
    assert details["from"] == date.today().isoformat()


def test_membership_dates_drive_who_counts(ledger: Ledger, cluster: Cluster) -> None:
    with ledger.write() as tx:
        ops.add_member(
            tx,
            cluster,
            kbo=GAMMA,
            name="Gamma BV",
            postcode="8500",
            joined=date(2027, 3, 1),
            mandate=date(2027, 3, 1),
        )
        ops.record_contribution(tx, cluster, kbo=GAMMA, year=2026, amount=Decimal(700))
        ops.record_contribution(tx, cluster, kbo=GAMMA, year=2027, amount=Decimal(900))
        ops.record_contribution(tx, cluster, kbo=ALFA, year=2026, amount=Decimal(1000))
        ops.record_contribution(tx, cluster, kbo=BETA, year=2026, amount=Decimal(300))
        ops.set_costs(tx, cluster, year=2026, amount=Decimal(1000))
    with ledger.write() as tx:
        ops.leave(tx, cluster, kbo=ALFA, left=date(2026, 12, 31))
    with ledger.read() as session:
        years = {s.result.year: s.result for s in cluster_summaries(cluster, session=session)}
    y26, y27 = years[2026], years[2027]
    assert y26.total_contributions_cents == 200000
    assert y26.counted_contributions_cents == 100000  # Gamma not yet a member, Beta not counted
    assert y26.ceiling_cents == 50000 and y26.matched_aid_cents == 50000
    assert "contribution_from_non_member" in {w.code for w in y26.warnings}
    assert y27.counted_contributions_cents == 90000
    assert y27.members == 2  # Beta and Gamma; Alfa left at the end of 2026
    with pytest.raises(InputError, match="before the joining date"), ledger.write() as tx:
        ops.leave(tx, cluster, kbo=GAMMA, left=date(2027, 1, 1))


def test_costs_are_set_not_added_and_the_audit_keeps_the_old_value(
    ledger: Ledger, cluster: Cluster
) -> None:
    with ledger.write() as tx:
        ops.set_costs(tx, cluster, year=2026, amount=Decimal("300000"))
    with ledger.write() as tx:
        ops.set_costs(tx, cluster, year=2026, amount=Decimal("250000.50"))
    with ledger.read() as session:
        assert queries.costs_by_year(cluster, session=session) == {2026: 25000050}
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "costs.set")).all()
    assert [json.loads(e.details)["before"] for e in events] == [None, "300000.00"]
    with pytest.raises(InputError, match="negative"), ledger.write() as tx:
        ops.set_costs(tx, cluster, year=2026, amount=Decimal("-1"))


def test_large_amounts_stay_exact(ledger: Ledger, cluster: Cluster) -> None:
    with ledger.write() as tx:
        for _ in range(3):
            ops.record_contribution(
                tx, cluster, kbo=ALFA, year=2026, amount=Decimal("9999999999.99")
            )
    with ledger.read() as session:
        (summary,) = cluster_summaries(cluster, session=session, year=2026)
    assert summary.result.total_contributions_cents == 3 * 999999999999


def test_texts_are_read_back_exactly(ledger: Ledger, cluster: Cluster) -> None:
    # Bidi marks are kept; the override U+202E is refused (ledger/text.py, tests/fuzz).
    name = "Ça & Co — \u200fRTL\u200e 数字 'quoted' =SUM(A1)"
    with ledger.write() as tx:
        ops.add_member(tx, cluster, kbo=GAMMA, name=name, postcode="2000")
    with ledger.read() as session:
        company = queries.find_company(GAMMA, session=session)
    assert company is not None and company.name == name


def test_a_known_company_keeps_its_region_override_unless_removed(
    ledger: Ledger, cluster: Cluster
) -> None:
    with ledger.write() as tx:
        ops.add_member(
            tx, cluster, kbo=GAMMA, name="Gamma", postcode="1070", region_override=Region.FLANDERS
        )
        other = ops.add_cluster(tx, name="Other", rule_set_id="ibn-2020", start_year=2024)
        ops.add_member(tx, other, kbo=GAMMA, name="Gamma BV", postcode="1070")
    with ledger.read() as session:
        company = queries.find_company(GAMMA, session=session)
        assert company is not None and company.name == "Gamma BV"
        assert company_details(GAMMA, session=session, day=date.today())[3] == "flanders"
    with ledger.write() as tx:
        ops.update_company(tx, kbo=GAMMA, clear_region_override=True)
    with ledger.read() as session:
        assert company_details(GAMMA, session=session, day=date.today())[3] is None


def test_a_reversal_names_where_the_correction_came_from(ledger: Ledger, cluster: Cluster) -> None:
    with ledger.write() as tx:
        entry = ops.record_contribution(
            tx, cluster, kbo=ALFA, year=2026, amount=Decimal(10), source="bank.xlsx:row 4"
        )
        plain = ops.record_contribution(
            tx, cluster, kbo=ALFA, year=2026, amount=Decimal(20), source="bank.xlsx:row 5"
        )
    with ledger.write() as tx:
        named = ops.reverse_contribution(tx, entry.id, reason="dup", source="correcties.xlsx:row 2")
        inherited = ops.reverse_contribution(tx, plain.id, reason="dup")
    assert named.source == "correcties.xlsx:row 2"
    assert inherited.source == "bank.xlsx:row 5"


def test_every_operation_leaves_its_audit_event(ledger: Ledger, cluster: Cluster) -> None:
    steps = [
        ("company.add", lambda tx: ops.upsert_company(tx, kbo=GAMMA, name="G", postcode="8000")),
        ("company.update", lambda tx: ops.update_company(tx, kbo=GAMMA, name="Gamma")),
        (
            "member.join",
            lambda tx: ops.join(tx, cluster, queries.find_company(GAMMA, session=tx.session)),
        ),
        (
            "member.mandate",
            lambda tx: ops.record_mandate(tx, cluster, kbo=GAMMA, mandate=date(2026, 1, 5)),
        ),
        ("member.leave", lambda tx: ops.leave(tx, cluster, kbo=GAMMA, left=date(2027, 6, 30))),
        (
            "contribution.record",
            lambda tx: ops.record_contribution(
                tx, cluster, kbo=GAMMA, year=2026, amount=Decimal(5)
            ),
        ),
        ("contribution.reverse", lambda tx: ops.reverse_contribution(tx, 1, reason="test")),
        ("costs.set", lambda tx: ops.set_costs(tx, cluster, year=2026, amount=Decimal(10))),
        ("year.lock", lambda tx: ops.lock_year(tx, cluster, year=2026)),
        ("year.reopen", lambda tx: ops.reopen_year(tx, cluster, year=2026, reason="test")),
    ]
    for action, step in steps:
        with ledger.write() as tx:
            step(tx)
        with ledger.read() as session:
            newest = audit(session=session, limit=1).rows[0].event
        assert newest.action == action
        assert newest.actor == "tester"
