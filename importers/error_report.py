"""The ``--errors-out`` workbook: the rows an import refused, each with what is wrong.

An accountant fixes their own file, not ours, so the report repeats each problem row as
it was (under the same headers, with its row number) and adds a column that says what
to change. Problems not tied to one data row (a wrong total) are listed too. The file
is written beside its final name and renamed into place, so a reader never sees half.

Example::

    write_error_report(plan, Path("bijdragen-2024-errors.xlsx"))
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from importers.plan import Plan
from importers.reading import CellError
from ledger.errors import InputError

PROBLEM = "Probleem / problem"


def _cell(value: object) -> object:
    if isinstance(value, CellError):
        return value.code
    if isinstance(value, str):
        # Control characters cannot be stored in a worksheet; show where they were.
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if value.startswith("="):
            return "'" + value  # shown as text, never run as a formula
    return value


def write_error_report(plan: Plan, target: Path) -> int:
    """Write the problem rows of ``plan`` to ``target`` (.xlsx); returns how many rows.

    Raises:
        InputError: the file cannot be written where asked.
    """
    table = plan.table
    by_row: dict[int | None, list[str]] = {}
    for problem in plan.problems:
        column = f"column {problem.column!r}: " if problem.column else ""
        by_row.setdefault(problem.row, []).append(column + problem.error.message)
    cells = {number: values for number, values in table.rows}
    cells.update({number: values for number, values, _ in table.totals})
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "Problems"
    width = len(table.headers)
    sheet.append(["Row", *map(_cell, table.headers), PROBLEM])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    written = 0
    for number in sorted(by_row, key=lambda n: n or 0):
        values = [_cell(v) for v in cells.get(number, [])][:width] if number else []
        values += [None] * (width - len(values))
        sheet.append([number, *values, _cell("; ".join(by_row[number]))])
        written += 1
    target = Path(target)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or "."
        )
        os.close(handle)
        book.save(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise InputError(
            f"cannot write the error report: {exc.strerror}", location=str(target)
        ) from None
    return written
