"""Finding the table: the sheet, the header row under title lines, the kind, the year."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.reading import RawSheet, RawWorkbook
from importers.table import find_table, layout_of
from ledger.errors import InputError

CONTRIB = ["Ondernemingsnummer", "Naam", "Bedrag (EUR)", "Betaald op"]
ROW = ["0403.170.701", "Alfa NV", 100.0, None]


def book(*sheets: RawSheet) -> RawWorkbook:
    return RawWorkbook(
        path=Path("/data/x.xlsx"), format="xlsx", sha256="0" * 64, sheets=list(sheets)
    )


def sheet(name: str, rows: list[list[object]], *, hidden: bool = False, merged=None) -> RawSheet:
    return RawSheet(name=name, hidden=hidden, rows=rows, merged=merged or [])


def test_header_below_title_lines_and_the_year_from_the_title() -> None:
    rows = [["Ledenbijdragen 2024 - Cluster vzw"], [], [None], CONTRIB, ROW, [None] * 4, ROW]
    table = find_table(book(sheet("Blad1", rows)))
    assert (table.what, table.header_row, table.year) == ("contributions", 4, 2024)
    assert table.columns == {"kbo": 0, "name": 1, "amount": 2, "paid_on": 3}
    assert [n for n, _ in table.rows] == [5, 7]  # the blank row 6 is skipped
    assert table.where(5, "Bedrag (EUR)") == "x.xlsx: sheet 'Blad1': row 5, column 'Bedrag (EUR)'"


def test_the_year_option_wins_over_the_sheet_name_and_the_sheet_name_over_the_title() -> None:
    rows = [["Bijdragen 2023"], CONTRIB, ROW]
    assert find_table(book(sheet("Werkjaar 2025", rows))).year == 2025
    assert find_table(book(sheet("Werkjaar 2025", rows)), year=2026).year == 2026


def test_a_header_beyond_row_20_is_not_found() -> None:
    rows = [[f"titel {i}"] for i in range(20)] + [CONTRIB, ROW]
    with pytest.raises(InputError, match="no sheet has a header row"):
        find_table(book(sheet("Blad1", rows)))


@pytest.mark.parametrize(
    ("header", "what"),
    [
        (["KBO", "Naam", "Postcode", "Type"], "members"),
        (["Jaar", "Coördinatiekosten"], "costs"),
        (["Jaar", "KBO", "Bedrag"], "contributions"),  # more columns fit contributions
    ],
)
def test_what_is_guessed_from_the_columns(header: list[str], what: str) -> None:
    row = ["0403170701", "x", "9000", "kmo"][: len(header)]
    assert find_table(book(sheet("S", [header, row]))).what == what


def test_the_sheet_that_holds_the_table_is_taken() -> None:
    found = find_table(book(sheet("Uitleg", [["Zie blad 2"]]), sheet("Data", [CONTRIB, ROW])))
    assert found.sheet == "Data"


def test_with_a_year_the_sheet_named_for_it_is_taken() -> None:
    sheets = [sheet(f"Bijdragen {y}", [CONTRIB, ROW]) for y in (2024, 2025)]
    assert find_table(book(*sheets), year=2025).sheet == "Bijdragen 2025"


def test_an_unknown_sheet_is_named() -> None:
    with pytest.raises(InputError) as caught:
        find_table(book(sheet("A", [CONTRIB, ROW])), sheet="B")
    assert str(caught.value) == "--sheet: no sheet 'B'; the sheets are 'A'"


def test_total_rows_are_set_apart_and_the_rows_after_them_kept() -> None:
    rows = [
        CONTRIB,
        ROW,
        ["Subtotaal januari", None, 100.0],
        ROW,
        ["TOTAAL", None, 200.0],
        [None],
        ["nota"],
    ]
    table = find_table(book(sheet("S", rows)))
    assert [n for n, _ in table.rows] == [2, 4, 7]  # the note after the total is read too
    assert [(n, sub) for n, _, sub in table.totals] == [(3, True), (5, False)]
    assert table.blank == [6]


def test_blank_rows_after_the_last_row_are_not_counted() -> None:
    table = find_table(book(sheet("S", [CONTRIB, ROW, [None], ROW, [None], [None, None]])))
    assert table.blank == [3]


def test_merged_cells_outside_the_header_row_are_fine() -> None:
    rows = [["Titel over vier kolommen"], CONTRIB, ROW]
    assert find_table(book(sheet("S", rows, merged=[(0, 0, 0, 3)]))).header_row == 2


def test_the_layout_ignores_how_headers_are_written() -> None:
    assert layout_of(["Bedrag (EUR)", None, "KBO-nr"]) == layout_of(["bedrag", "", "kbo nr"])
