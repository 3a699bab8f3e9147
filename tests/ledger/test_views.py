"""The read-only views of the faces (dashboard, years, change marker), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from ledger import operations, queries, views
from ledger.errors import InputError
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


def test_the_dashboard_lists_who_has_not_paid_and_who_has_no_mandate(ledger: Ledger) -> None:
    _fill(ledger)
    with ledger.write() as tx:
        cluster = queries.get_cluster("Circular Plastics", session=tx.session)
        operations.add_member(tx, cluster, kbo="0202.239.951", name="Gamma NV", postcode="8000")
    with ledger.read() as session:
        board = views.dashboard("Circular Plastics", 2026, session=session, now=NOW)
    assert [r.name for r in board.unpaid.rows] == ["Gamma NV"]
    assert [r.name for r in board.missing_mandates.rows] == ["Gamma NV"]


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
    assert (states[0].entries, states[0].net_cents) == (3, 60000)


def test_the_change_marker_moves_with_every_write_by_anyone(ledger: Ledger, db_target: str) -> None:
    _fill(ledger)
    with ledger.read() as session:
        before = views.change_marker(session=session)
    other = Ledger.open(db_target, origin="cli")  # another process's own connection
    with other.write() as tx:
        operations.add_cluster(tx, name="Other", rule_set_id="ibn-2026", start_year=2026)
    other.dispose()
    with ledger.read() as session:
        after = views.change_marker(session=session)
        assert views.change_marker(session=session) == after  # reading moves nothing
    assert after != before


def test_times_are_shown_in_the_ledgers_zone() -> None:
    zone = views.ledger_zone({})
    assert str(zone) == "Europe/Brussels"
    assert views.local(datetime(2026, 7, 1, 10, 0), zone).hour == 12  # stored naive: UTC
    assert str(views.ledger_zone({"CLUSTER_LEDGER_TZ": "Europe/Paris"})) == "Europe/Paris"
    with pytest.raises(InputError, match="'Mars/Olympus' is not a known time zone"):
        views.ledger_zone({"CLUSTER_LEDGER_TZ": "Mars/Olympus"})
