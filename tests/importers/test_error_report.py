"""--errors-out: the refused rows as they were, each with its problem, in a workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from importers.error_report import _cell
from importers.reading import CellError
from tests.cli.conftest import Run
from tests.importers.workbooks import ALFA, KENNIS, contributions

CLUSTER = "Circular Plastics"


def test_problem_rows_are_written_with_their_problem(demo_cluster: Run, tmp_path: Path) -> None:
    path = contributions(
        tmp_path / "b.xlsx",
        [ALFA, "Alfa NV", 100, date(2026, 1, 2)],
        [KENNIS, "KU Kennis", 50, "31/02/2026"],
        ["0403.170.702", "Beta BV", 5, None],
        ["Totaal", None, 999],
    )
    report = tmp_path / "fouten.xlsx"
    args = ("import", str(path), "--cluster", CLUSTER, "--errors-out", str(report))
    result = demo_cluster(*args, expect=1)
    assert f"Wrote 3 problem rows to {report}" in result.stdout
    assert list(tmp_path.glob(".fouten.xlsx.*")) == []  # the temporary file was renamed
    sheet = openpyxl.load_workbook(report)["Problems"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Row",
        "Ondernemingsnummer",
        "Naam",
        "Bedrag",
        "Betaald op",
        "Probleem / problem",
    ]
    assert rows[1] == [
        4,
        KENNIS,
        "KU Kennis",
        50,
        "31/02/2026",
        "column 'Betaald op': date '31/02/2026' does not exist",
    ]
    assert rows[2][:3] == [5, "0403.170.702", "Beta BV"]
    assert "fails the mod-97 check" in rows[2][5]
    assert rows[3][0] == 6 and rows[3][5] == (
        "column 'Bedrag': the total is € 999,00 but the rows above add up to € 155,00; check both"
    ).replace(" 999", "\xa0999").replace(" 155", "\xa0155")
    assert len(rows) == 4


def test_text_that_looks_like_a_formula_stays_text() -> None:
    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _cell(CellError("#REF!")) == "#REF!"
