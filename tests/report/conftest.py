"""A small cluster with everything a report must handle: a formula-like name and note,
a 500-character name, a knowledge institution that does not count, a reversal, costs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from ledger import operations, queries
from ledger.kinds import MemberKind
from ledger.session import Ledger
from ledger.storage.tables import Cluster
from tests.cli.conftest import cli, demo_cluster  # noqa: F401  (CLI fixtures, reused here)

CLUSTER = "Circular Plastics"
YEAR = 2026
LONG_NAME = "Lange Naam " + "x" * 489  # 500 characters, the most a company name may hold
FORMULA_NAME = '=HYPERLINK("http://example.invalid","klik")'


def kbo(n: int) -> str:
    """A valid enterprise number from eight digits (the mod-97 check appended)."""
    return f"{n:08d}{97 - n % 97:02d}"


ALFA, EVIL, LONG, KENNIS, PLUS = (
    kbo(4031707),
    kbo(4567890),
    kbo(5123456),
    kbo(1234567),
    kbo(6543210),
)


def build_cluster(ledger: Ledger) -> None:
    with ledger.write() as tx:
        cluster = operations.add_cluster(
            tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=YEAR, kbo="0403.170.701"
        )
        members = [
            (ALFA, "Alfa NV", "9000", MemberKind.ENTERPRISE, date(2026, 2, 1)),
            (EVIL, FORMULA_NAME, "2000", MemberKind.ENTERPRISE, None),
            (LONG, LONG_NAME, "8500", MemberKind.ENTERPRISE, date(2026, 3, 1)),
            (KENNIS, "KU Kennis", "3000", MemberKind.KNOWLEDGE_INSTITUTION, None),
            (PLUS, "+Plus & Min BV", "1000", MemberKind.ENTERPRISE, None),
        ]
        for number, name, postcode, kind, mandate in members:
            operations.add_member(
                tx, cluster, kbo=number, name=name, postcode=postcode, kind=kind, mandate=mandate
            )
        add = operations.record_contribution
        add(tx, cluster, kbo=ALFA, year=YEAR, amount=Decimal("12500.00"), paid_on=date(2026, 3, 15))
        add(tx, cluster, kbo=EVIL, year=YEAR, amount=Decimal("1000.50"), note="=1+2")
        add(tx, cluster, kbo=LONG, year=YEAR, amount=Decimal("2500.25"), source="@SUM(A1)")
        add(tx, cluster, kbo=KENNIS, year=YEAR, amount=Decimal("5000.00"), note="-5")
        wrong = add(tx, cluster, kbo=PLUS, year=YEAR, amount=Decimal("300.01"))
        add(tx, cluster, kbo=PLUS, year=YEAR + 1, amount=Decimal("750.00"))
        operations.set_costs(tx, cluster, year=YEAR, amount=Decimal("20000.00"))
    with ledger.write() as tx:
        assert wrong.id is not None
        operations.reverse_contribution(tx, wrong.id, reason="+booked twice")


@pytest.fixture
def report_ledger(ledger: Ledger) -> Iterator[Ledger]:
    build_cluster(ledger)
    yield ledger


def get(ledger: Ledger) -> Cluster:
    with ledger.read() as session:
        return queries.get_cluster(CLUSTER, session=session)
