"""Turn a spreadsheet file into raw cell grids, or refuse it with one clear message.

This is the layer under every importer: it knows file formats, not members or
contributions. :func:`read_workbook` judges the format from the bytes (never the
name), reads every worksheet with python-calamine, and returns cells as Python
values; anything it cannot read raises :class:`ledger.errors.InputError` naming the
file as the user gave it. Nothing a file contains may crash, hang or exhaust the
process, so each format gets the cheapest protection that measurably holds:

- ``.xlsx``/``.xlsm`` are read in this process. Before calamine sees the package, the
  zip's central directory is checked (member count, total size, compression ratio),
  every XML part's prolog is checked for DOCTYPE/ENTITY declarations, and each
  sheet's extent is measured from its cell references, so a ``A1:XFD1048576`` claim
  or one cell a million columns away is refused before calamine builds the grid.
  Running the 100,000-row benchmark file through a child instead would add the
  cost of pickling every cell to a path that has nothing left to guard against.
- ``.xls``, ``.xlsb`` and ``.ods`` are read by calamine in a child process
  (``importers._child``) under an address-space limit (1 GiB plus 40 times the file
  size) and a timeout: two real
  .xls files make calamine abort the process, and binary or repeat-counted cells
  cannot be bounded by a cheap look first. The child costs about 0.1 s per file.
- CSV is decoded and split in Python; an Excel HTML export saved as ``.xls`` (what web
  banking and many ERPs produce) is read as the tables it holds by the standard
  library's HTML parser (``importers._html``: no scripts, no network, no entities
  beyond HTML's own); a flat OpenDocument file (``.fods``) by ``importers._ods``,
  which also measures an ``.ods`` before calamine expands it.

Only regular files are opened: a folder, a named pipe, a device (a link to
``/dev/zero``) or a socket is refused by its type before any byte is read, and never
more than :data:`MAX_FILE_BYTES` are read.

Macros are never run (calamine never executes anything). Error cells become
:class:`CellError` for xlsx/xlsm, and a formula saved without its value becomes
:class:`Uncalculated`; the binary and OpenDocument readers in calamine return error
cells as empty ones. No message of a library reaches the user: each failure is put
in the importer's own words.

Example::

    book = read_workbook("leden.xlsx")
    for sheet in book.sheets:
        print(sheet.name, len(sheet.rows))
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from importers import _csv, _file, _guard, _html, _ods, _sniff, _xlsx
from importers._calamine import (
    MAX_CELLS,
    CellError,
    ReadFailure,
    SheetGrid,
    Uncalculated,
    read_grids,
)
from importers._child import read_isolated
from ledger.errors import InputError

__all__ = ["CellError", "RawSheet", "RawWorkbook", "Uncalculated", "read_workbook"]

MAX_FILE_BYTES = 256 << 20  # far beyond any ledger export; keeps reading bounded
TEXT_EXTENSIONS = {"", ".csv", ".tsv", ".txt", ".tab"}
_NAMES = {"xlsx": "xlsx", "xlsm": "xlsm", "xlsb": "xlsb", "ods": "ods", "ole2": "xls"}
RESAVE = "open it in Excel or LibreOffice, save it as .xlsx and import that"

# One worksheet: row-major cells, 0-based, ragged rows, trailing empty rows dropped.
RawSheet = SheetGrid


@dataclass(slots=True)
class RawWorkbook:
    """Every worksheet of a file, in workbook order, hidden ones flagged."""

    path: Path
    format: str
    sha256: str
    sheets: list[RawSheet]


def read_workbook(path: str | Path, *, max_rows: int | None = None) -> RawWorkbook:
    """Read a spreadsheet or CSV file into raw cell grids.

    Args:
        path: the file; its name is used in messages exactly as given.
        max_rows: read at most this many rows of each sheet (for previews).

    Returns:
        The workbook with its format as found in the content and the SHA-256 of its bytes.

    Raises:
        InputError: the file is missing, not a regular file, not a spreadsheet,
            encrypted, damaged, or too large to read safely; the message says which and
            what to do.
    """
    location = str(path)
    path = Path(path)
    data = _file.read_bytes(path, location, MAX_FILE_BYTES)
    digest = hashlib.sha256(data).hexdigest()
    try:
        fmt, grids = _read_grids(path, data, max_rows)
    except ReadFailure as failure:
        raise InputError(_failure_message(failure), location=location) from None
    except OSError as error:  # the working copy could not be written (a full temporary disk)
        raise InputError(
            f"the file could not be copied to the temporary folder to be read "
            f"({error.strerror or error}); free some space there and try again",
            location=location,
        ) from None
    return RawWorkbook(path=path, format=fmt, sha256=digest, sheets=grids)


def _read_grids(path: Path, data: bytes, max_rows: int | None) -> tuple[str, list[SheetGrid]]:
    verdict = _sniff.sniff_bytes(data[:64], len(data))
    if verdict.kind == "zip":
        verdict = _sniff_package(data)
    if verdict.kind == "refuse":
        raise ReadFailure("refused", verdict.message)
    if verdict.kind == "text":
        return _read_text(path, data, max_rows)
    if verdict.kind == "ole2" and _sniff.is_encrypted_ole2(data):
        raise ReadFailure("password", "encrypted package")
    fmt = _NAMES[verdict.kind]
    errors = _xlsx.check_and_find_errors(data, MAX_CELLS) if fmt in ("xlsx", "xlsm") else None
    if fmt == "ods":
        _measure_ods(data)
    # calamine reads a file, not bytes: it gets a copy of exactly the bytes that were hashed
    # and checked above, never the file again, which could have changed (or been swapped
    # for a zip bomb) in between.
    with tempfile.TemporaryDirectory(prefix="cluster-ledger-copy-") as folder:
        copy = Path(folder) / f"book.{fmt}"
        copy.write_bytes(data)
        if errors is not None:
            return fmt, read_grids(copy, fmt, max_rows=max_rows, errors=errors)
        return fmt, read_isolated(copy, fmt, max_rows=max_rows)


def _sniff_package(data: bytes) -> _sniff.Sniffed:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return _sniff.refuse(
            "the file is a damaged or incomplete zip package (perhaps cut off while "
            "copying); open it in Excel or LibreOffice, save it again and import that"
        )
    with archive:
        problem = _guard.check_zip_directory(archive) or _guard.check_xml_prologs(archive)
        if problem:
            return _sniff.refuse(problem)
        try:
            return _sniff.sniff_zip(archive)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            return _sniff.refuse(
                "the zip package is damaged; open it in Excel or LibreOffice, save it "
                "again and import that"
            )


def _measure_ods(data: bytes) -> None:
    """Walk ``content.xml`` (guarded already) so its repeats are bounded before calamine."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {i.filename.replace("\\", "/").lstrip("/"): i for i in archive.infolist()}
        content = names.get("content.xml")
        if content is None:
            return  # calamine names the damage
        try:
            with archive.open(content) as stream:
                _ods.measure(stream)
        except ReadFailure as failure:
            if failure.kind == "damaged":
                return  # calamine reads what it can, or names the damage in its words
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            return


def _read_text(path: Path, data: bytes, max_rows: int | None) -> tuple[str, list[SheetGrid]]:
    try:
        text = _csv.decode_text(data)
    except _csv.NotText:
        raise ReadFailure(
            "refused", f"this is neither a spreadsheet nor text; {_sniff.EXPECTED}"
        ) from None
    markup = _sniff.describe_markup(text)
    if markup == "an HTML page":
        tables = _html.read_tables(text, path.stem, max_rows)
        if not tables:
            raise ReadFailure("refused", f"this is an HTML page without a table; {RESAVE}")
        return "html", tables
    if markup == "an XML document" and _ods.is_flat_ods(text):
        problem = _guard.check_xml_document(data)
        if problem:
            raise ReadFailure("refused", problem)
        return "fods", _ods.read_flat(io.BytesIO(data), max_rows)
    if markup is not None:
        raise ReadFailure("refused", _sniff.markup_refusal(markup))
    try:
        rows = _csv.read_delimited(text, max_rows)
    except _csv.FieldTooLong as long:
        raise ReadFailure(
            "refused",
            f"line {long.line} holds a cell of more than {_csv.MAX_FIELD >> 20} MB (a quote "
            "left open, or not a CSV file); check the file in a text editor",
        ) from None
    if path.suffix.lower() not in TEXT_EXTENSIONS and not any(len(row) > 1 for row in rows):
        raise ReadFailure(
            "refused",
            f"this is plain text, not a spreadsheet (whatever its name says); {_sniff.EXPECTED}",
        )
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    return "csv", [SheetGrid(path.stem, False, rows)]


def _failure_message(failure: ReadFailure) -> str:
    """The importer's own words for a failure; a library's message never reaches the user."""
    where = f"sheet {failure.sheet!r}: " if failure.sheet else ""
    if failure.kind == "refused":
        return failure.detail
    if failure.kind == "password":
        return _sniff.PASSWORD_HINT
    if failure.kind == "too_large":
        return (
            f"{where}the sheet is too large to read ({failure.detail}); the importer reads "
            f"up to {MAX_CELLS:,} cells from A1 to the last cell - delete the empty rows "
            "and columns after the table, or copy the table to a new workbook"
        )
    if failure.kind in ("crashed", "timeout"):
        return f"the reader gave up on this file: it is damaged or far too large; {RESAVE}"
    return f"{where}the workbook is damaged or uses something the reader does not support; {RESAVE}"
