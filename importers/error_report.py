"""The ``--errors-out`` workbook: the rows an import refused, each with what is wrong.

An accountant fixes their own file, not ours, so the report repeats each problem row as
it was (under the same headers, with its row number) and adds a column that says what
to change. Problems not tied to one data row (a wrong total) are listed too. The file
goes through :mod:`ledger.files`: checked before the import runs
(:func:`check_error_report`: an ``.xlsx`` name, never the ledger or a special file, an
existing file only with ``--force``), written beside its final name and renamed into
place with the ledger's permissions, so a reader never sees half and nothing is left.

Example::

    target = check_error_report(Path("bijdragen-2024-errors.xlsx"), force=False, origin=Origin())
    write_error_report(plan, target, force=False, origin=Origin())
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from importers.plan import Plan
from importers.reading import CellError
from ledger import files
from ledger.files import Origin

OPTION = "--errors-out"

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


def check_error_report(target: Path, *, force: bool, origin: Origin) -> Path:
    """The ``--errors-out`` file, checked before the import reads anything.

    Raises:
        InputError: not an ``.xlsx`` name, the ledger or one of its files, a folder, a
            link, a special file, a SQLite database, or a folder that cannot be written.
        ConflictError: the file exists and ``force`` is not given.
    """
    return files.check_target(
        target, option=OPTION, suffixes=(".xlsx",), force=force, origin=origin, what="workbook"
    )


def write_error_report(plan: Plan, target: Path, *, force: bool, origin: Origin) -> int:
    """Write the problem rows of ``plan`` to ``target`` (.xlsx); returns how many rows.

    Raises:
        InputError: the file cannot be written where asked.
        ConflictError: the file exists and ``force`` is not given.
    """
    target = check_error_report(Path(target), force=force, origin=origin)
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
    with files.staged(target, force=force, origin=origin, option=OPTION) as temp:
        book.save(temp)
    return written
