"""Cell grids out of calamine, the same way in this process and in the reader child.

calamine gives ``""`` for empty cells and for error cells alike and builds each sheet
as one dense block, so this module bounds the block before asking for Python values,
turns ``""`` into None, puts back error cells found elsewhere, drops trailing empty
rows and keeps only worksheets (a chart sheet has no cells). Failures become
:class:`ReadFailure` with a kind the caller maps to a message: ``password``,
``too_large`` or ``damaged``.

Only the standard library and python_calamine are imported, so the reader child
starts fast.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
    WorksheetNotFound,
)

MAX_CELLS = 10_000_000  # a sheet's grid from A1 to its last cell; 100,000 rows x 100 columns


@dataclass(frozen=True, slots=True)
class CellError:
    """A cell holding a spreadsheet error such as ``#REF!`` or ``#DIV/0!``."""

    code: str


@dataclass(frozen=True, slots=True)
class Uncalculated(CellError):
    """A formula saved without its value: the file was written by a program and never
    opened and saved in a spreadsheet, so no value was ever calculated."""

    formula: str = ""

    @classmethod
    def of(cls, formula: str) -> Uncalculated:
        return cls("(formula not calculated)", formula.strip()[:200])


@dataclass(slots=True)
class SheetGrid:
    """One worksheet's cells; picklable, so the reader child can send it back."""

    name: str
    hidden: bool
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


class ReadFailure(Exception):
    """Why calamine could not give cells: ``kind`` is password, too_large or damaged."""

    def __init__(self, kind: str, detail: str, sheet: str | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.sheet = sheet


# Cells calamine returns empty that hold something (an error, a formula never
# calculated), found by other means: by sheet name, (row, column, value).
ErrorCells = dict[str | None, list[tuple[int, int, CellError]]]


def read_grids(
    path: Path,
    fmt: str,
    *,
    max_rows: int | None = None,
    errors: ErrorCells | None = None,
) -> list[SheetGrid]:
    """Read every worksheet of the workbook at ``path``, whose format ``fmt`` was sniffed.

    calamine chooses its reader by the file name (its own content sniffing misses
    encrypted .xls and ods without a mimetype), so a file not named for its format is
    reached through a link that is.

    ``errors`` gives error cells found by other means (calamine returns them empty),
    by sheet name as (row, column, value); each value is put in its place.

    Raises:
        ReadFailure: the workbook is encrypted, damaged, or a sheet is too large.
    """
    if path.suffix.lower() == f".{fmt}":  # named for its format already (the importer's copy)
        grids = _read_named(path, max_rows)
    else:
        with tempfile.TemporaryDirectory(prefix="cluster-ledger-read-") as folder:
            named = Path(folder) / f"book.{fmt}"
            try:
                os.symlink(path.resolve(), named)
            except OSError:
                shutil.copyfile(path, named)
            grids = _read_named(named, max_rows)
    for grid in grids:
        for row, column, value in (errors or {}).get(grid.name, ()):
            if max_rows is None or row < max_rows:
                _put(grid.rows, row, column, value)
        while grid.rows and all(value is None for value in grid.rows[-1]):
            grid.rows.pop()
    return grids


def _put(rows: list[list[object]], row: int, column: int, value: object) -> None:
    while len(rows) <= row:
        rows.append([])
    cells = rows[row]
    if len(cells) <= column:
        cells.extend([None] * (column + 1 - len(cells)))
    if cells[column] is None:
        cells[column] = value


def _read_named(path: Path, max_rows: int | None) -> list[SheetGrid]:
    try:
        book = CalamineWorkbook.from_path(str(path))
    except PasswordError as error:
        raise ReadFailure("password", str(error)) from None
    except CalamineError as error:
        raise _failure(error) from None
    except BaseException as error:  # a Rust panic surfaces as a BaseException subclass
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise ReadFailure("damaged", _detail(error)) from None
    grids = []
    with book:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            grids.append(_read_sheet(book, meta, max_rows))
    return grids


def _read_sheet(book: CalamineWorkbook, meta, max_rows: int | None) -> SheetGrid:
    try:
        sheet = book.get_sheet_by_name(meta.name)
        end = sheet.end
        if end is not None and (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
            raise ReadFailure("too_large", f"{end[0] + 1}x{end[1] + 1}", meta.name)
        values = sheet.to_python(skip_empty_area=False, nrows=max_rows) if end else []
        ranges = sheet.merged_cell_ranges or []
    except ReadFailure:
        raise
    except CalamineError as error:
        failure = _failure(error)
        failure.sheet = meta.name
        raise failure from None
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise ReadFailure("damaged", _detail(error), meta.name) from None
    # Most rows of a real table have no empty cell; "" in row is a C loop over them.
    rows = [
        [None if value == "" else value for value in row] if "" in row else row for row in values
    ]
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]
    hidden = meta.visible != SheetVisibleEnum.Visible
    return SheetGrid(meta.name, hidden, rows, merged)


def _failure(error: BaseException) -> ReadFailure:
    detail = _detail(error)
    if isinstance(error, PasswordError):
        return ReadFailure("password", detail)
    if isinstance(error, WorksheetNotFound):
        return ReadFailure("damaged", "the sheet's part is missing from the package")
    if "limit exceeded" in detail.lower():
        asked = re.search(r"(\d+) cells requested", detail)
        return ReadFailure("too_large", f"{int(asked.group(1)):,} cells" if asked else "its grid")
    return ReadFailure("damaged", detail)


def _detail(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:200] if text else type(error).__name__
