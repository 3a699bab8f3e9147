"""Every non-blank row accounted for: totals by label and cells, rows after a total read
as a block of their own, remarks, rows not paid, members listed once per contact person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from importers.plan import Plan, make_plan
from importers.reading import RawSheet, RawWorkbook, Uncalculated
from importers.table import find_table
from importers.wording import rows_text
from ledger import queries
from ledger.session import Ledger
from tests.importers.ledgers import CLUSTER, with_members

ALFA, KENNIS = "0403.170.701", "0123.456.749"
CONTRIB = ["Naam", "Ondernemingsnummer", "Bedrag"]
MEMBERS = ["Ondernemingsnummer", "Naam", "Postcode", "Lid sinds", "Uitgetreden op", "Mandaat"]


@pytest.fixture
def members(ledger: Ledger) -> Ledger:
    return with_members(ledger)


def _plan(
    ledger: Ledger, header: list[str], rows: list[list[object]], name: str = "B 2026"
) -> Plan:
    sheet = RawSheet(name, False, [header, *rows], [])
    table = find_table(RawWorkbook(Path("b.xlsx"), "xlsx", "f" * 64, [sheet]))
    with ledger.read() as session:
        return make_plan(session, queries.get_cluster(CLUSTER, session=session), table)


def _said(plan: Plan) -> list[str]:
    found = plan.problems + plan.notes
    return [f"{p.row} {p.code}: {p.text()}" for p in sorted(found, key=lambda p: p.row or 0)]


def _fates(plan: Plan) -> list[tuple[int, str]]:
    shown = [(r.number, r.status) for r in plan.rows] + [(s.number, s.fate) for s in plan.skipped]
    return sorted(shown + [(n, "blank") for n in plan.table.blank])


def test_a_company_called_total_is_a_member_and_a_totals_row_is_checked(members: Ledger) -> None:
    plan = _plan(
        members,
        CONTRIB,
        [
            ["Total Belgium NV", ALFA, 100],  # a member: it holds an enterprise number
            ["Totaal Techniek BV", KENNIS, 50],
            ["Totaal", None, 150],  # the control total
        ],
    )
    assert _fates(plan) == [(2, "new"), (3, "new"), (4, "total")]
    assert _said(plan) == [
        "2 note.total_is_member: starts with 'Total' but holds an enterprise number: read as "
        "a member, not as a total",
        "3 note.total_is_member: starts with 'Totaal' but holds an enterprise number: read as "
        "a member, not as a total",
    ]
    assert rows_text(plan) == "3 rows: 2 to import, 1 total checked"


def test_a_company_called_total_without_a_number_is_a_row_missing_it(members: Ledger) -> None:
    plan = _plan(members, CONTRIB, [["Alfa NV", ALFA, 100], ["Total Belgium NV", None, 75]])
    assert _fates(plan) == [(2, "new"), (3, "invalid")]
    assert _said(plan) == [
        "3 cell.empty_kbo: the cell is empty; expected an enterprise number such as 0123.456.749"
    ]


def test_rows_after_a_total_are_read_and_checked_as_a_block_of_their_own(
    members: Ledger,
) -> None:
    plan = _plan(
        members,
        CONTRIB,
        [
            ["Alfa NV", ALFA, 100],
            ["KU Kennis", KENNIS, 50],
            ["Totaal", None, 150],
            [None],
            ["Alfa NV", ALFA, 25],  # a late payment added under the total
            ["Totaal", None, 24],  # wrong: the block adds up to 25
            ["Opgemaakt door Jan"],
        ],
    )
    assert _fates(plan) == [
        (2, "new"),
        (3, "new"),
        (4, "total"),
        (5, "blank"),
        (6, "new"),
        (7, "total"),
        (8, "remark"),
    ]
    assert _said(plan) == [
        "4 note.after_total: rows follow this total: they are read, and checked as a block of "
        "their own",
        "7 total.mismatch: the total is € 24,00 but the rows above add up to € 25,00; check "
        "both".replace("€ ", "€\xa0"),
        "8 note.remark: holds only the text 'Opgemaakt door Jan': read as a remark, not imported",
    ]
    assert rows_text(plan) == "7 rows: 3 to import, 2 totals checked, 1 remark, 1 blank"
    # A total of everything above is right too.
    right = _plan(
        members,
        CONTRIB,
        [["A", ALFA, 100], ["Totaal", None, 100], ["B", KENNIS, 5], ["Totaal", None, 105]],
    )
    assert [p.code for p in right.problems] == []


def test_an_unlabelled_sum_under_the_amounts_is_a_total(members: Ledger) -> None:
    plan = _plan(members, CONTRIB, [["A", ALFA, 100], ["B", KENNIS, 50.5], [None, None, 150.5]])
    assert _fates(plan) == [(2, "new"), (3, "new"), (4, "total")]
    assert [p.code for p in plan.notes] == ["note.total_unlabelled"]
    # A lone amount that is not the sum above is a row missing its member: refused.
    wrong = _plan(members, CONTRIB, [["A", ALFA, 100], [None, None, 99]])
    assert _fates(wrong) == [(2, "new"), (3, "invalid")]


def test_a_total_never_calculated_is_noted_not_checked(members: Ledger) -> None:
    plan = _plan(members, CONTRIB, [["A", ALFA, 100], ["Totaal", None, Uncalculated.of("SUM(C2)")]])
    assert _said(plan) == [
        "3 note.total_uncalculated: the total's formula =SUM(C2) was never calculated: not checked"
    ]
    assert plan.blocking() == []


def test_an_amount_left_empty_or_dashed_is_not_paid(members: Ledger) -> None:
    plan = _plan(members, CONTRIB, [["A", ALFA, None], ["B", KENNIS, "-"], ["C", ALFA, 10]])
    assert _fates(plan) == [(2, "not_paid"), (3, "not_paid"), (4, "new")]
    assert rows_text(plan) == "3 rows: 1 to import, 2 not paid"
    assert plan.problems == []


def test_a_formula_never_calculated_in_a_row_says_so(members: Ledger) -> None:
    plan = _plan(members, CONTRIB, [["A", ALFA, Uncalculated.of("B2+C2")]])
    assert _said(plan) == [
        "2 cell.uncalculated: the formula =B2+C2 was never calculated; open and save the file "
        "in Excel or LibreOffice"
    ]


def test_a_member_listed_once_per_contact_person_is_read_once(members: Ledger) -> None:
    header = [*MEMBERS, "Contactpersoon"]
    rows = [
        ["0417.497.106", "Gamma BV", 9000, None, None, None, "Jan"],
        ["0417.497.106", "Gamma BV", 9000, None, None, None, "Piet"],  # the same member
        ["0417.497.106", "Gamma NV", 9000, None, None, None, "An"],  # another name: asked
    ]
    plan = _plan(members, header, rows, "Leden")
    assert _fates(plan) == [(2, "new"), (3, "duplicate"), (4, "invalid")]
    assert _said(plan) == [
        "3 note.duplicate_row: the same member with the same details as row 2: read once",
        "4 row.member_twice: 0417.497.106 is listed twice (also in row 2) with other details; "
        "keep one row per member",
    ]


def test_a_membership_date_of_a_year_alone_is_its_first_or_last_day(members: Ledger) -> None:
    rows = [
        ["0417.497.106", "Gamma BV", 9000, 2019, "2024", date(2026, 3, 1)],
        ["0202.239.951", "Delta NV", 1000, None, None, 2026],
    ]
    plan = _plan(members, MEMBERS, rows, "Leden")
    gamma = plan.rows[0].record
    assert (gamma["joined"], gamma["left"]) == (date(2019, 1, 1), date(2024, 12, 31))
    assert _said(plan) == [
        "2 note.year_only: the cell holds only the year 2019: read as 01/01/2019",
        "2 note.year_only: the cell holds only the year 2024: read as 31/12/2024",
        "3 cell.year_only_mandate: the mandate date holds only the year 2026; write the day "
        "the mandate was signed, such as 15/03/2026",
    ]


def test_a_members_list_ends_with_a_count_and_a_signature(members: Ledger) -> None:
    rows = [
        ["0417.497.106", "Gamma BV", 9000, None, None, None],
        ["Totaal: 1 lid"],
        ["Opgemaakt door Jan"],
    ]
    plan = _plan(members, MEMBERS, rows, "Leden")
    assert _fates(plan) == [(2, "new"), (3, "total"), (4, "remark")]
    assert plan.problems == []
