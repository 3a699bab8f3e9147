"""Small workbooks for importer tests, written with openpyxl into a test's tmp_path.

Each test builds exactly the sheet it is about, so the file shows the case at a glance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl
from sqlalchemy import select
from sqlmodel import SQLModel

from ledger.session import Ledger

Rows = Sequence[Sequence[object]]
HEADER = ["Ondernemingsnummer", "Naam", "Bedrag", "Betaald op"]
ALFA, KENNIS = "0403.170.701", "0123.456.749"  # the members of tests/cli/conftest.py
STRANGER = "0417.497.106"  # a valid enterprise number that is no member


def write_xlsx(
    path: Path,
    sheets: dict[str, Rows],
    *,
    hidden: Iterable[str] = (),
    merged: Iterable[tuple[str, str]] = (),
) -> Path:
    """A workbook with one sheet per item; ``merged`` lists (sheet, "A2:B2") ranges."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in set(hidden):
            sheet.sheet_state = "hidden"
    for name, cells in merged:
        book[name].merge_cells(cells)
    book.save(path)
    return path


def contributions(path: Path, *rows: Sequence[object], title: str = "Bijdragen 2026") -> Path:
    """A contributions sheet: a title line, the Dutch header, then ``rows``."""
    return write_xlsx(path, {"Bijdragen": [[title], HEADER, *rows]})


def dump(ledger_target: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to show that a refused import changed nothing."""
    ledger = Ledger.open(ledger_target)
    try:
        with ledger.engine.connect() as conn:
            return {
                t.name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr)
                for t in SQLModel.metadata.sorted_tables
            }
    finally:
        ledger.dispose()
