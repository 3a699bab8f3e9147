"""Workbooks that read fine but hold bad content: each is refused with the exact message
(file, sheet, row, column), exit status 1, and a ledger exactly as it was before.

The files that cannot be read at all (not a spreadsheet, zip bombs, passwords) are the
reader's, in test_broken_files.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.importers.workbooks import (
    ALFA,
    HEADER,
    KENNIS,
    STRANGER,
    contributions,
    dump,
    write_xlsx,
)

CLUSTER = "Circular Plastics"
PAID = date(2026, 3, 15)
Build = Callable[[Path], Path]


def _headers_only(p: Path) -> Path:
    return contributions(p)


def _duplicate_columns(p: Path) -> Path:
    return write_xlsx(
        p, {"Bijdragen": [["Bijdragen 2026"], [*HEADER, "Bedrag"], [ALFA, "A", 1, PAID, 2]]}
    )


def _merged_header(p: Path) -> Path:
    rows = [
        ["Bijdragen 2026"],
        ["Ondernemingsnummer", "Bedrag", None, "Betaald op"],
        [ALFA, 1, 2, PAID],
    ]
    return write_xlsx(p, {"Bijdragen": rows}, merged=[("Bijdragen", "B2:C2")])


def _error_cell(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", "#DIV/0!", PAID])


def _text_amount(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", 100, PAID], [KENNIS, "KU Kennis", "veel", PAID])


def _ambiguous_amount(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", "1.234", PAID])


def _three_decimals(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", 12.345, PAID])


def _bad_kbo(p: Path) -> Path:
    return contributions(p, ["0403.170.702", "Alfa NV", 100, PAID])


def _unknown_member(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", 100, PAID], [STRANGER, "Nobody BV", 50, PAID])


def _negative(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", -50, PAID])


def _wrong_total(p: Path) -> Path:
    return contributions(
        p, [ALFA, "Alfa NV", 100, PAID], [KENNIS, "KU Kennis", 50, PAID], ["Totaal", None, 160]
    )


def _no_table(p: Path) -> Path:
    return write_xlsx(p, {"Notities": [["Bijdragen volgen later"], ["Naam", "Opmerking"]]})


def _kbo_in_brackets(p: Path) -> Path:
    header = ["Nr.", "Klant (KBO)", "Bedrag incl. btw", "Datum betaling"]
    rows = [["Betalingen"], header, [1, ALFA, 100, PAID]]
    return write_xlsx(p, {"Betalingen": rows})


def _no_postcode(p: Path) -> Path:
    rows = [["Ondernemingsnummer", "Naam", "Gemeente"], [ALFA, "Alfa NV", "9000 Gent"]]
    return write_xlsx(p, {"Leden": rows})


def _hidden_sheet(p: Path) -> Path:
    sheets = {
        "Uitleg": [["Zie het andere blad"]],
        "Data": [["Bijdragen 2026"], HEADER, [ALFA, "Alfa NV", 100, PAID]],
    }
    return write_xlsx(p, sheets, hidden=["Data"])


def _bad_date(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", 100, "03/31/2026"])


def _before_start(p: Path) -> Path:
    return contributions(p, [ALFA, "Alfa NV", 100, PAID], title="Bijdragen 2025")


WHERE = "x.xlsx: sheet 'Bijdragen'"
CASES: list[tuple[str, Build, list[str]]] = [
    (
        "headers only",
        _headers_only,
        [
            f"{WHERE}: the table under the header in row 2 holds no rows; expected at least "
            "one row of data"
        ],
    ),
    (
        "duplicate columns",
        _duplicate_columns,
        [f"{WHERE}: row 2: columns 'Bedrag' (C) and 'Bedrag' (E) both mean amount; rename one"],
    ),
    (
        "merged header cells",
        _merged_header,
        [
            f"{WHERE}: row 2: the header cells B2:C2 are merged; unmerge them so each column "
            "has a header of its own"
        ],
    ),
    (
        "error cell",
        _error_cell,
        [
            f"{WHERE}: row 3, column 'Bedrag': the cell holds the error #DIV/0!; fix the "
            "formula in the file and save it again"
        ],
    ),
    (
        "text in the amount column",
        _text_amount,
        [
            f"{WHERE}: row 4, column 'Bedrag': 'veel' is not an amount; expected a number such "
            "as 1234,56 or 1.234,56"
        ],
    ),
    (
        "ambiguous amount",
        _ambiguous_amount,
        [
            f"{WHERE}: row 3, column 'Bedrag': '1.234' is ambiguous: '.' could separate "
            "thousands or decimals; write 1234 or 1.234,00"
        ],
    ),
    (
        "three decimals",
        _three_decimals,
        [
            f"{WHERE}: row 3, column 'Bedrag': '12.345' has more than two decimals; amounts "
            "are in euro cents"
        ],
    ),
    (
        "invalid enterprise number",
        _bad_kbo,
        [
            f"{WHERE}: row 3, column 'Ondernemingsnummer': enterprise number '0403.170.702' "
            "fails the mod-97 check: its last two digits do not match the first eight; check "
            "for a typing error"
        ],
    ),
    (
        "unknown member",
        _unknown_member,
        [
            f"{WHERE}: row 4, column 'Ondernemingsnummer': 0417.497.106 is not a member of "
            "Circular Plastics; add it with 'member add'"
        ],
    ),
    (
        "negative amount",
        _negative,
        [
            f"{WHERE}: row 3, column 'Bedrag': the amount -50.00 is negative; correct an entry "
            "with 'contribution reverse' instead"
        ],
    ),
    (
        "wrong control total",
        _wrong_total,
        [
            f"{WHERE}: row 5, column 'Bedrag': the total is € 160,00 but the rows above add up "
            "to € 150,00; check both"
        ],
    ),
    (
        "no table in any sheet",
        _no_table,
        [
            "x.xlsx: no sheet has a header row with the columns of an import in its first 20 "
            "rows; expected (members: Ondernemingsnummer, Naam, Postcode; contributions: "
            "Ondernemingsnummer, Bedrag; costs: Jaar, Coördinatiekosten); or name columns with "
            "--map COLUMN=FIELD"
        ],
    ),
    (
        "the nearest header row lacks a field a column names among other words",
        _kbo_in_brackets,
        [
            "x.xlsx: sheet 'Betalingen': row 2: the nearest to a header row is this one, read "
            "as contributions, but no column holds Ondernemingsnummer (kbo); column 'Klant "
            "(KBO)' (B) names kbo among other words; if it holds kbo, map it with --map "
            "'Klant (KBO)=kbo'"
        ],
    ),
    (
        "the nearest header row lacks a field no column names",
        _no_postcode,
        [
            "x.xlsx: sheet 'Leden': row 1: the nearest to a header row is this one, read as "
            "members, but no column holds Postcode (postcode); name the column that does with "
            "--map COLUMN=FIELD"
        ],
    ),
    (
        "the only table on a hidden sheet",
        _hidden_sheet,
        [
            "x.xlsx: the only table is on the hidden sheet 'Data'; hidden sheets are not "
            "imported unless named; add --sheet 'Data'"
        ],
    ),
    (
        "a month-first date",
        _bad_date,
        [f"{WHERE}: row 3, column 'Betaald op': date '03/31/2026' does not exist"],
    ),
    (
        "a year before the cluster started",
        _before_start,
        [
            f"{WHERE}: row 3: 2025 is before Circular Plastics started in 2026; check the year "
            "or the cluster's start year"
        ],
    ),
]


def _errors(stderr: str) -> list[str]:
    prefix = "cluster-ledger: error: "
    return [
        line.removeprefix(prefix).replace("\xa0", " ")
        for line in stderr.splitlines()
        if line.startswith(prefix)
    ]


@pytest.mark.parametrize(("build", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_content_is_refused_and_changes_nothing(
    demo_cluster: Run, db_target: str, tmp_path: Path, build: Build, expected: list[str]
) -> None:
    path = build(tmp_path / "x.xlsx")
    before = dump(db_target)
    result = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit", expect=1)
    assert _errors(result.stderr) == expected
    assert dump(db_target) == before


def test_locked_year_is_refused(demo_cluster: Run, db_target: str, tmp_path: Path) -> None:
    demo_cluster("year", "lock", "--cluster", CLUSTER, "--year", "2026")
    path = contributions(tmp_path / "x.xlsx", [ALFA, "Alfa NV", 100, PAID])
    before = dump(db_target)
    result = demo_cluster("import", str(path), "--cluster", CLUSTER, "--commit", expect=1)
    assert _errors(result.stderr) == [
        f"{WHERE}: row 3: 2026 of Circular Plastics is locked; reopen it with 'year reopen "
        "--reason' first"
    ]
    assert dump(db_target) == before


def test_unknown_map_field_is_refused(demo_cluster: Run, db_target: str, tmp_path: Path) -> None:
    path = contributions(tmp_path / "x.xlsx", [ALFA, "Alfa NV", 100, PAID])
    before = dump(db_target)
    args = ("import", str(path), "--cluster", CLUSTER, "--map", "Bedrag=bedragje", "--commit")
    result = demo_cluster(*args, expect=1)
    assert _errors(result.stderr) == [
        "--map: unknown field 'bedragje' for an import; expected one of kbo, name, postcode, "
        "kind, joined, left, mandate, region, amount, year, paid_on, note (or ignore)"
    ]
    assert dump(db_target) == before


def test_skip_invalid_imports_the_good_rows_only(demo_cluster: Run, tmp_path: Path) -> None:
    path = _unknown_member(tmp_path / "x.xlsx")
    args = ("import", str(path), "--cluster", CLUSTER, "--commit", "--skip-invalid")
    result = demo_cluster(*args)
    assert "1 new · 0 updated · 0 unchanged · 0 conflicting · 1 invalid" in result.stdout
    listed = demo_cluster("contribution", "list", "--cluster", CLUSTER, "--json").stdout
    assert '"source": "x.xlsx:Bijdragen:row 3"' in listed and "row 4" not in listed
