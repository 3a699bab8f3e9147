"""The read-only views the terminal app pages through, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from ledger import operations, queries, views
from ledger.session import Ledger

NOW = datetime(2026, 1, 20, 11, 0, tzinfo=UTC)


def _fill(ledger: Ledger) -> None:
    with ledger.write() as tx:
        cluster = operations.add_cluster(
            tx, name="Circular Plastics", rule_set_id="ibn-2026", start_year=2026
        )
        operations.add_member(
            tx,
            cluster,
            kbo="0403.170.701",
            name="Alfa NV",
            postcode="9000",
            mandate=date(2026, 1, 5),
        )
        operations.add_member(
            tx,
            cluster,
            kbo="0123.456.749",
            name="Beta BV",
            postcode="1000",
            joined=date(2025, 1, 1),
            left=date(2025, 12, 31),
        )
        for amount in ("100", "200", "300"):
            operations.record_contribution(
                tx, cluster, kbo="0403170701", year=2026, amount=Decimal(amount)
            )


def test_member_page_searches_and_filters(ledger: Ledger) -> None:
    _fill(ledger)
    with ledger.read() as session:
        cluster = queries.get_cluster("Circular Plastics", session=session)

        def names(**kwargs: object) -> list[str]:
            return [r.name for r in views.member_page(cluster, session=session, **kwargs)]  # type: ignore[arg-type]

        assert names() == ["Alfa NV", "Beta BV"]
        assert names(search="beta") == ["Beta BV"]
        assert names(search="0403.170") == ["Alfa NV"]
        assert names(search="1000") == ["Beta BV"]
        assert names(show="active", year=2026) == ["Alfa NV"]
        assert names(show="left", year=2026) == ["Beta BV"]
        assert names(show="mandate") == ["Alfa NV"]
        assert names(show="no-mandate") == ["Beta BV"]
        assert names(limit=1, offset=1) == ["Beta BV"]
        assert views.count_members(cluster, session=session, show="active", year=2026) == 1
        (beta,) = views.member_page(cluster, session=session, search="beta")
        assert beta.region == "brussels"


def test_contributions_come_a_page_at_a_time(ledger: Ledger) -> None:
    _fill(ledger)
    with ledger.write() as tx:
        operations.reverse_contribution(tx, 1, reason="paid twice")
    with ledger.read() as session:
        cluster = queries.get_cluster("Circular Plastics", session=session)
        assert views.count_contributions(cluster, session=session, year=2026) == 4
        assert views.count_contributions(cluster, session=session, year=2027) == 0
        page = views.contribution_page(cluster, session=session, year=2026, limit=2, offset=0)
        assert [(r.entry.id, r.reversed_by) for r in page] == [(1, 4), (2, None)]
        last = views.contribution_page(cluster, session=session, year=2026, limit=2, offset=2)
        assert [(r.entry.id, r.entry.reverses_id) for r in last] == [(3, None), (4, 1)]
        assert views.count_audit(session=session, cluster=cluster) == len(
            views.audit_page(session=session, cluster=cluster, limit=1000)
        )
        assert views.audit_page(session=session, cluster=cluster, limit=1)[0].action == (
            "contribution.reverse"
        )


def test_dashboard_counts_down_to_the_calls_deadlines(ledger: Ledger) -> None:
    _fill(ledger)
    with ledger.read() as session:
        board = views.dashboard("Circular Plastics", None, session=session, now=NOW)
    assert board.summary.result.year == 2026
    assert board.summary.result.counted_contributions_cents == 60000
    assert board.years == [2026]
    pre, dossier = board.deadlines
    # 23 Jan 2026 12:00 Brussels is 11:00 UTC: exactly three days after NOW.
    assert (pre.deadline.name, pre.left, pre.passed) == (
        "pre-registration",
        timedelta(days=3),
        False,
    )
    assert dossier.deadline.name == "dossier"
    with ledger.read() as session:
        later = views.dashboard(
            "Circular Plastics", 2027, session=session, now=NOW + timedelta(days=4)
        )
    assert later.deadlines[0].passed
    assert later.years == [2026, 2027]


def test_year_states_cover_the_program(ledger: Ledger) -> None:
    _fill(ledger)
    with ledger.write() as tx:
        cluster = queries.get_cluster("Circular Plastics", session=tx.session)
        operations.lock_year(tx, cluster, year=2026)
        operations.reopen_year(tx, cluster, year=2026, reason="late invoice")
        operations.lock_year(tx, cluster, year=2027)
    with ledger.read() as session:
        cluster = queries.get_cluster("Circular Plastics", session=session)
        states = views.year_states(cluster, session=session)
    assert [(s.year, s.program_year, s.locked, s.reason) for s in states] == [
        (2026, 1, False, "late invoice"),
        (2027, 2, True, None),
        (2028, 3, False, None),
    ]
    assert states[0].changed_by == "tester"
