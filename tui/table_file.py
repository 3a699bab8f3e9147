"""Any list the faces show, written to a CSV file or an Excel workbook.

Shared by the command line (``member list --output members.xlsx``) and the app (the
export key of every table), so a list exported from either is the same file. Values
keep their type: amounts are ``Decimal`` (a number cell in euro format in a workbook,
``1250.00`` in CSV), dates are dates. Text a spreadsheet would take for a formula
(``=``, ``+``, ``-``, ``@``) stays text in a workbook and gets a leading ``'`` in CSV.
The file is written to a temporary name and renamed when complete, so a failure leaves
no half file.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> write_table(path, ["name", "amount"], [["Alfa", Decimal("12.50")]])
1
>>> path.read_text()
'name,amount\\r\\nAlfa,12.50\\r\\n'
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ledger.problems import Location, Problem

SUFFIXES = (".csv", ".xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EURO_FORMAT = '"€" #,##0.00;[Red]-"€" #,##0.00'


def check_output(
    path: Path, *, force: bool, suffixes: Sequence[str] = SUFFIXES, field: str = "--output"
) -> Path:
    """The output path, checked before any work is done.

    Raises:
        InputError: a name without one of ``suffixes``, a folder, or a missing folder.
        ConflictError: the file exists and ``force`` is not given.
    """
    where = Location(field=field)
    if path.suffix.lower() not in suffixes:
        facts = {"name": path.name, "suffixes": " nor ".join(suffixes), "first": suffixes[0]}
        raise Problem("file.suffix", facts, where).error()
    if path.is_dir():
        raise Problem("file.is_folder", {"path": str(path)}, where).error()
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise Problem("file.no_folder", {"folder": str(parent)}, where).error()
    if path.exists() and not force:
        raise Problem("file.exists", {"path": str(path)}, where, kind="conflict").error()
    return path


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    force: bool = False,
    title: str = "Table",
) -> int:
    """Write ``rows`` under ``headers`` to ``path`` (``.csv`` or ``.xlsx``).

    Returns:
        How many rows were written.

    Raises:
        InputError, ConflictError: see :func:`check_output`; or the file cannot be written.
    """
    check_output(path, force=force)
    if path.suffix.lower() == ".csv":
        return _atomic(path, lambda temp: _csv(temp, headers, rows))
    return _atomic(path, lambda temp: _xlsx(temp, headers, rows, title))


def _atomic(path: Path, write) -> int:  # type: ignore[no-untyped-def]
    parent = path.parent if str(path.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(dir=parent, prefix=f".{path.stem[:100]}.", suffix=".tmp")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise Problem("file.not_writable", {"path": str(path), "reason": reason}).error() from None
    os.close(handle)
    temp = Path(name)
    try:
        count = write(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise Problem("file.not_writable", {"path": str(path), "reason": reason}).error() from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date | Decimal | int):
        return str(value) if not isinstance(value, date) else value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv(temp: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with temp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([_plain(h) for h in headers])
        for row in rows:
            writer.writerow([_plain(v) for v in row])
            count += 1
    return count


def _xlsx(temp: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from ledger.report.write import text

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31] or "Table")
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, str(h))
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    for row in rows:
        cells: list[object] = []
        for value in row:
            if isinstance(value, Decimal):
                cell = WriteOnlyCell(ws, value)
                cell.number_format = EURO_FORMAT
                cells.append(cell)
            elif isinstance(value, datetime):
                cells.append(value.replace(tzinfo=None))  # the wall time the face chose
            elif isinstance(value, str):
                cells.append(text(ws, value))
            else:
                cells.append(value)
        ws.append(cells)
        count += 1
    wb.save(temp)
    return count
