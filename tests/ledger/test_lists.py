"""The lists both faces show (members, entries, audit, costs), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledger import fees, operations, queries
from ledger.kinds import MemberKind
from ledger.lists import fold
from ledger.lists.audit import audit
from ledger.lists.costs import costs
from ledger.lists.entries import entries
from ledger.lists.members import members
from ledger.session import Ledger

CLUSTER = "Circular Plastics"
TODAY = date(2026, 1, 20)
ALFA, BETA, GAMMA, LIEGE, KENNIS = (
    "0403170701",
    "0123456749",
    "0202239951",
    "0200065765",
    "0200362210",
)


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    """Alfa (Ghent, mandate on 5 Jan 2026), Beta (Brussels, left at the end of 2025),
    Gamma (Bruges, mandate dated next month), Liège (Wallonia, no mandate), KU Kennis
    (Leuven, a knowledge institution); Alfa paid three times in 2026."""
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026)
        add = lambda **kw: operations.add_member(tx, cluster, **kw)  # noqa: E731
        add(kbo=ALFA, name="Alfa NV", postcode="9000", mandate=date(2026, 1, 5))
        add(
            kbo=BETA,
            name="Beta BV",
            postcode="1000",
            joined=date(2025, 1, 1),
            left=date(2025, 12, 31),
        )
        add(kbo=GAMMA, name="Gamma NV", postcode="8000", mandate=date(2026, 2, 15))
        add(kbo=LIEGE, name="Liège Recyclage SA", postcode="4000")
        add(
            kbo=KENNIS,
            name="KU Kennis",
            postcode="3000",
            kind=MemberKind.KNOWLEDGE_INSTITUTION,
        )
        for amount in ("100", "200", "300"):
            operations.record_contribution(
                tx, cluster, kbo=ALFA, year=2026, amount=Decimal(amount), note="factuur"
            )
        operations.record_contribution(tx, cluster, kbo=GAMMA, year=2026, amount=Decimal("50"))
    return ledger


def names(ledger: Ledger, **kwargs: object) -> list[str]:
    with ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        found = members(cluster, session=session, year=2026, today=TODAY, **kwargs)  # type: ignore[arg-type]
        return [r.name for r in found.rows]


def test_search_ignores_accents_and_case(filled: Ledger) -> None:
    assert fold("LIÈGE") == "liege"
    assert names(filled, search="liege") == ["Liège Recyclage SA"]
    assert names(filled, search="BETA") == ["Beta BV"]
    assert names(filled, search="0403.170") == ["Alfa NV"]
    assert names(filled, search="BE0403170701") == ["Alfa NV"]
    assert names(filled, search="1000") == ["Beta BV"]
    assert names(filled, limit=2, offset=1) == ["Beta BV", "Gamma NV"]


def test_the_mandate_filters_count_flemish_enterprises_holding_one_at_the_date(
    filled: Ledger,
) -> None:
    """Gamma's mandate is dated next month: not held yet. Beta left before the year,
    Liège is Walloon and KU Kennis no enterprise: none of them is still to sign."""
    assert names(filled, show="mandate") == ["Alfa NV"]
    assert names(filled, show="no-mandate") == ["Gamma NV"]
    with filled.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        later = members(cluster, session=session, year=2026, today=date(2026, 6, 1), show="mandate")
    assert [r.name for r in later.rows] == ["Alfa NV", "Gamma NV"]


def test_active_and_left_are_judged_in_the_year(filled: Ledger) -> None:
    assert names(filled, show="active") == [
        "Alfa NV",
        "Gamma NV",
        "KU Kennis",
        "Liège Recyclage SA",
    ]
    assert names(filled, show="left") == ["Beta BV"]


def test_unpaid_is_nothing_paid_or_less_than_the_expected_fee(filled: Ledger) -> None:
    assert names(filled, show="unpaid") == ["KU Kennis", "Liège Recyclage SA"]
    with filled.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        fees.set_fee(tx, cluster, year=2026, amount=Decimal("500"), kind=MemberKind.ENTERPRISE)
        fees.set_fee(tx, cluster, year=2026, amount=Decimal("0"), kbo=LIEGE)  # exempt
    assert names(filled, show="unpaid") == ["Gamma NV", "KU Kennis"]
    with filled.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        rows = members(cluster, session=session, year=2026, today=TODAY, show="active").rows
    figures = {r.name: (r.paid_cents, r.expected_cents, r.outstanding_cents) for r in rows}
    assert figures == {
        "Alfa NV": (60000, 50000, 0),
        "Gamma NV": (5000, 50000, 45000),
        "KU Kennis": (0, None, None),
        "Liège Recyclage SA": (0, 0, 0),
    }


def test_entries_are_found_by_name_number_or_note(filled: Ledger) -> None:
    with filled.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)

        def ids(search: str) -> list[int | None]:
            return [r.entry.id for r in entries(cluster, session=session, search=search).rows]

        assert ids("GAMMA") == [4]
        assert ids("0403 170") == [1, 2, 3]
        assert ids("FACTUUR") == [1, 2, 3]
        assert ids("4") == [4]
        page = entries(cluster, session=session, year=2026, limit=2, offset=2)
        assert (page.total, [r.entry.id for r in page.rows]) == (4, [3, 4])


def test_a_clusters_audit_trail_holds_its_own_members_changes_only(filled: Ledger) -> None:
    with filled.write() as tx:
        other = operations.add_cluster(tx, name="Other", rule_set_id="ibn-2026", start_year=2026)
        operations.add_member(tx, other, kbo="0200068636", name="Elsewhere NV", postcode="2000")
        operations.update_company(tx, kbo=ALFA, name="Alfa Holding NV")
    with filled.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        trail = audit(session=session, cluster=cluster)
        whole = audit(session=session)
        found = audit(session=session, cluster=cluster, search="alfa holding")
    shown = [(r.event.action, r.details.get("kbo")) for r in trail.rows]
    assert shown[0] == ("company.update", ALFA)
    assert ("company.add", "0200068636") not in shown
    assert ("company.add", "0200068636") in [
        (r.event.action, r.details.get("kbo")) for r in whole.rows
    ]
    assert trail.total == len(trail.rows) < whole.total
    assert trail.rows[0].name == "Alfa Holding NV"
    assert {r.details.get("kbo") for r in found.rows} == {ALFA}


def test_costs_list_every_program_year_with_its_ceiling_and_fees(filled: Ledger) -> None:
    with filled.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.set_costs(tx, cluster, year=2027, amount=Decimal("100000"))
        fees.set_fee(tx, cluster, year=2027, amount=Decimal("2500"), kind=MemberKind.ENTERPRISE)
        operations.lock_year(tx, cluster, year=2026)
    with filled.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        rows = costs(cluster, session=session).rows
    assert [(r.year, r.locked, r.costs_cents, r.ceiling_share_cents, r.fees) for r in rows] == [
        (2026, True, None, 22500000, {}),
        (2027, False, 10000000, 5000000, {"enterprise": 250000}),
        (2028, False, None, 22500000, {}),
    ]


def test_a_members_money_gives_the_communication_of_the_year_asked(filled: Ledger) -> None:
    from ledger.lists.member import member_money
    from ledger.payments import directory, ogm

    with filled.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        company = queries.find_company(ALFA, session=session)
        assert company is not None and company.id is not None
        asked = member_money(cluster, ALFA, session=session, year=2027)  # paid in 2026 only
        outside = member_money(cluster, ALFA, session=session, year=2025)  # before the start
        expected = ogm.display(directory.member_ogm(cluster, company.id, 2027))
    assert asked.ogm == (2027, expected)
    assert [y.year for y in asked.years] == [2026]
    assert outside.ogm is None


def test_each_member_listed_carries_the_communication_of_the_year_listed(filled: Ledger) -> None:
    from ledger.payments import directory, ogm

    with filled.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        listed = members(cluster, session=session, year=2027, today=TODAY).rows
        before = members(cluster, session=session, year=2025, today=TODAY).rows
        expected = {
            r.kbo: ogm.display(directory.member_ogm(cluster, r.company_id, 2027)) for r in listed
        }
    assert [r.communication for r in listed] == [expected[r.kbo] for r in listed]
    assert len(set(expected.values())) == len(listed)  # no two members share one
    assert all(r.communication is None for r in before)  # before the cluster's start
