"""Every row classed before anything is written: new, unchanged, conflicting, invalid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from importers.batches import commit_plan
from importers.plan import Plan, make_plan
from importers.reading import CellError, RawSheet, RawWorkbook
from importers.table import find_table
from ledger import queries
from ledger.session import Ledger
from tests.importers.ledgers import CLUSTER, with_members

HEADER = ["Ondernemingsnummer", "Bedrag", "Betaald op", "Opmerking"]
ALFA, KENNIS = "0403.170.701", "0123.456.749"


def _plan(ledger: Ledger, rows: list[list[object]], *, commit: bool = False) -> Plan:
    sheet = RawSheet("Bijdragen 2026", False, [HEADER, *rows], [])
    book = RawWorkbook(Path("b.xlsx"), "xlsx", "f" * 64, [sheet])
    table = find_table(book)
    with ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        plan = make_plan(tx.session, cluster, table)
        if commit:
            commit_plan(tx, cluster, plan, file_hash=book.sha256)
    return plan


@pytest.fixture
def members(ledger: Ledger) -> Ledger:
    return with_members(ledger)


def _messages(plan: Plan) -> list[str]:
    return [f"{p.where(plan.table)}: {p.error.message}" for p in plan.problems]


def test_every_problem_of_every_row_is_reported_at_once(members: Ledger) -> None:
    plan = _plan(
        members,
        [
            [ALFA, 100, date(2026, 1, 5), None],
            ["0417.497.106", 50, None, None],
            [KENNIS, "1.500", "31/02/2026", CellError("#VALUE!")],
        ],
    )
    assert plan.counts() == {"new": 1, "updated": 0, "unchanged": 0, "conflicting": 0, "invalid": 2}
    where = "b.xlsx: sheet 'Bijdragen 2026': row"
    assert _messages(plan) == [
        f"{where} 3, column 'Ondernemingsnummer': 0417.497.106 is not a member of Circular "
        "Plastics; add it with 'member add'",
        f"{where} 4, column 'Bedrag': '1.500' is ambiguous: '.' could separate thousands or "
        "decimals; write 1500 or 1.500,00",
        f"{where} 4, column 'Betaald op': date '31/02/2026' does not exist",
        f"{where} 4, column 'Opmerking': the cell holds the error #VALUE!; fix the formula in "
        "the file and save it again",
    ]


def test_rows_imported_before_are_unchanged_or_conflicting(members: Ledger) -> None:
    first = [[ALFA, 100, date(2026, 1, 5), None], [ALFA, 100, date(2026, 1, 5), None]]
    assert _plan(members, first, commit=True).counts()["new"] == 2
    again = _plan(members, [*first, [KENNIS, 30, None, None]])
    assert [r.status for r in again.rows] == ["unchanged", "unchanged", "new"]
    # The second of two identical payments changed: only that one conflicts.
    changed = _plan(members, [first[0], [ALFA, 120, date(2026, 1, 5), None]])
    assert [r.status for r in changed.rows] == ["unchanged", "conflicting"]
    assert changed.problems[0].row == 3


def test_control_totals_are_checked_per_block(members: Ledger) -> None:
    rows = [
        [ALFA, 100, None, None],
        [KENNIS, 50, None, None],
        ["Subtotaal", 150, None, None],
        [ALFA, "25,50", None, None],
        ["Subtotaal", 26, None, None],
        ["Totaal", 175.5, None, None],
    ]
    plan = _plan(members, rows)
    assert [(p.row, p.error.message.replace("\xa0", " ")) for p in plan.problems] == [
        (
            6,
            "the subtotal is € 26,00 but the rows above add up to € 25,50 (€ 0,00 without the "
            "amounts typed as text); check both",
        )
    ]
    assert plan.counts()["new"] == 3


def test_a_total_cell_without_a_cached_value_is_not_checked(members: Ledger) -> None:
    plan = _plan(members, [[ALFA, 100, None, None], ["Totaal", None, None, None]])
    assert plan.problems == []
