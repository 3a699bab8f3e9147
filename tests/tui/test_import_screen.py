"""Pilot tests of the Import screen: typing a path, the preview's columns and rows with
their sum, problems in the app's language, mapping a column, writing the problem rows,
and labels that fit an 80x24 terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len
from textual.widgets import Button, Checkbox, DataTable, Input, Static

from tests.tui.conftest import MakeApp, settle, type_into
from tui.app import ClusterLedgerApp

MEMBER, OTHER = "0240.023.530", "0537.522.431"  # members of the demo cluster


def _workbook(path: Path, rows: list[list[object]], sheet: str = "Bijdragen 2025") -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _table(app: ClusterLedgerApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _text(app: ClusterLedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def _fill(app: ClusterLedgerApp, selector: str, text: str) -> None:
    """Put a path in a field at once (typing it key by key is the first test's subject)."""
    app.screen.query_one(selector, Input).value = text


async def test_i_puts_the_cursor_in_the_file_field_and_letters_are_typed(
    app: MakeApp, tmp_path: Path
) -> None:
    tui = app()
    async with tui.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        field = tui.screen.query_one("#import-path", Input)
        assert tui.focused is field
        await pilot.press(*"/data/dmcaxyt.csv")  # every one of these is a key elsewhere
        await settle(pilot)
        assert field.value == "/data/dmcaxyt.csv"
        assert tui.current_mode == "import"
        await pilot.press("escape", "d")  # out of the field, the letters work again
        await settle(pilot)
        assert tui.current_mode == "dashboard"


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_every_label_fits_at_80x24(app: MakeApp, language: str) -> None:
    tui = app(language=language)
    async with tui.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        for widget in [*tui.screen.query(Button), *tui.screen.query(Checkbox)]:
            label = str(widget.label)
            assert widget.region.right <= 80, label
            assert widget.content_region.width >= cell_len(label), label
        for field in tui.screen.query(Input):
            if field.display:  # the filter line shows only once f7 opens it
                assert field.region.width >= cell_len(field.placeholder), field.placeholder


async def test_the_preview_shows_every_column_and_every_row_with_the_sum(
    app: MakeApp, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "extra.xlsx",
        [
            ["Ondernemingsnummer", "Bedrag", "Betaald op", "Contactpersoon"],
            [MEMBER, "1.250,00", date(2025, 9, 1), "Jan"],
            [OTHER, 2500.5, date(2025, 9, 2), "An"],
            [None],
            ["Totaal", 3750.5],
        ],
    )
    tui = app()
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        _fill(tui, "#import-path", str(path))
        await pilot.press("f2")
        await settle(pilot)
        assert "4 rows: 2 to import, 1 total checked, 1 blank" in _text(tui, "#outcome")
        assert _table(tui, "#columns") == [
            ["A", "Ondernemingsnummer", "kbo (a synonym)"],
            ["B", "Bedrag", "amount (a synonym)"],
            ["C", "Betaald op", "paid_on (a synonym)"],
            ["D", "Contactpersoon", "ignored"],
        ]
        assert _table(tui, "#rows") == [
            ["2", "to import", MEMBER, "€\xa01.250,00"],
            ["3", "to import", OTHER, "€\xa02.500,50"],
            ["4", "blank", "", ""],
            ["5", "total", "", ""],
        ]
        assert _text(tui, "#rows-sum") == "Sum of the 2 rows to import: €\xa03.750,50"


async def test_problems_are_worded_in_the_apps_language_and_a_column_is_mapped_in_the_box(
    app: MakeApp, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "extra.xlsx",
        [["Ondernemingsnummer", "Bedrag", "Periode"], [MEMBER, 100, 2025]],
    )
    tui = app(language="nl")
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        _fill(tui, "#import-path", str(path))
        await pilot.press("f3")  # commit: refused, the column must be named first
        await settle(pilot)
        assert _table(tui, "#problems") == [
            [
                "rij 1, kolom 'Periode'",
                "kolom 'Periode' (C) lijkt een jaar te bevatten ('2025') maar geen veld neemt "
                "ze over; geef haar veld in het vak Kolommen (Periode=year), of schrijf "
                "Periode=ignore",
            ]
        ]
        assert "Niets geïmporteerd" in _text(tui, "#outcome")
        await type_into(pilot, "#import-map", "Periode=year")  # typed: the box takes keys
        await pilot.press("f3")
        await settle(pilot)
        assert "1 rijen geïmporteerd als batch" in _text(tui, "#outcome")
        assert ["C", "Periode", "year (zoals gekoppeld)"] in _table(tui, "#columns")


async def test_the_problem_rows_are_written_to_a_workbook(app: MakeApp, tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "extra.xlsx",
        [["Ondernemingsnummer", "Bedrag"], [MEMBER, 100], ["0403.170.702", 50]],
    )
    tui = app()
    async with tui.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        _fill(tui, "#import-path", str(path))
        await pilot.press("f2", "f6")
        await settle(pilot)
        field = tui.screen.query_one("#path", Input)
        assert field.value == str(tmp_path / "extra-problems.xlsx")  # beside the file
        await pilot.press("enter")
        await settle(pilot)
        written = (tmp_path / "extra-problems.xlsx").read_bytes()
        await pilot.press("f6", "enter")  # again: the file exists now, and is not replaced
        await settle(pilot)
        error = str(tui.screen.query_one("#form-error", Static).content)
        assert "extra-problems.xlsx already exists; choose to replace it" in error
        assert (tmp_path / "extra-problems.xlsx").read_bytes() == written
        await pilot.press("escape")
        await settle(pilot)
    sheet = openpyxl.load_workbook(tmp_path / "extra-problems.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Row", "Ondernemingsnummer", "Bedrag"]
    assert rows[1][:3] == [3, "0403.170.702", 50]
    assert "fails the mod-97 check" in rows[1][3]
    assert len(rows) == 2


async def test_a_cell_that_cannot_be_read_is_worded_in_the_apps_language(
    app: MakeApp, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "cells.xlsx",
        [["Ondernemingsnummer", "Bedrag"], [MEMBER, "1.500"], ["0403.170.702", 100]],
    )
    tui = app(language="nl")
    async with tui.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        _fill(tui, "#import-path", str(path))
        await pilot.press("f2")
        await settle(pilot)
        assert _table(tui, "#problems") == [
            [
                "rij 2, kolom 'Bedrag'",
                "'1.500' is dubbelzinnig: '.' kan duizendtallen of decimalen scheiden; "
                "schrijf 1500 of 1.500,00",
            ],
            [
                "rij 3, kolom 'Ondernemingsnummer'",
                "ondernemingsnummer '0403.170.702' doorstaat de mod-97-controle niet: de "
                "laatste twee cijfers passen niet bij de eerste acht; kijk het na op een tikfout",
            ],
        ]
