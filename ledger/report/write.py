"""Putting a workbook on disk safely and reproducibly.

Three promises live here:

* **Text stays text.** Names, notes and sources come from people and spreadsheets; one
  that starts with ``=``, ``+``, ``-`` or ``@`` would become a formula in a spreadsheet
  program (CSV/formula injection). :func:`text` marks such a value as a string cell.
* **The same state gives the same bytes.** openpyxl stamps the document and every zip
  member with the current time; :func:`save` writes both from a fixed moment instead.
* **No half-written file.** The workbook goes to a temporary file in the target folder,
  renamed over the target only once complete; a failure removes it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from ledger.errors import ConflictError, InputError

# Characters that make a spreadsheet program read a cell as a formula or a command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The zip timestamp of every member: the earliest a zip file can hold, the same every time.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def text(ws: Any, value: str | None) -> Any:
    """A text value for ``ws.append``: itself, or a string cell when it could read as a formula.

    Characters no workbook may hold (the ledger refuses them at entry) become U+FFFD
    rather than failing the whole report.
    """
    if value is None:
        return None
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if not value.startswith(FORMULA_STARTS):
        return value
    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"  # openpyxl took the leading "=" for a formula
    return cell


class _FixedTimeZip(ZipFile):
    """A zip archive whose members all carry :data:`ZIP_TIME` and the same attributes."""

    def _info(self, name: str) -> ZipInfo:
        info = ZipInfo(name, date_time=ZIP_TIME)
        info.compress_type = ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        name = (
            zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, ZipInfo) else zinfo_or_arcname
        )
        super().writestr(self._info(name), data)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as src, self.open(self._info(str(arcname)), "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def check_output(path: Path, *, force: bool) -> Path:
    """The output path, checked before any work is done.

    Raises:
        InputError: not an ``.xlsx`` name, a folder, or in a folder that does not exist.
        ConflictError: the file exists and ``force`` is not given.
    """
    text_path = str(path)
    if any(ord(ch) < 32 for ch in text_path):
        raise InputError("the file name holds a control character; remove it", location="--output")
    if path.suffix.lower() != ".xlsx":
        raise InputError(
            f"{path.name!r} does not end in .xlsx; name the workbook FILE.xlsx",
            location="--output",
        )
    if path.is_dir():
        raise InputError(f"{path} is a folder; expected a file name", location="--output")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"the folder {parent} does not exist", location="--output")
    if path.exists() and not force:
        raise ConflictError(
            f"{path} already exists; pass --force to replace it", location="--output"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(
            f"cannot write to the folder {parent}: permission denied", location="--output"
        )
    return path


def discard(wb: Workbook) -> None:
    """Drop a write-only workbook that will not be saved, with the temporary files its
    sheets stream into (left open, they would complain when collected)."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            if not ws.closed:
                ws.close()
            writer.cleanup()
        except (OSError, ValueError):  # the sheet is thrown away: half-closed does not matter
            pass


def save(wb: Workbook, path: Path, *, stamp: datetime, force: bool) -> None:
    """Write ``wb`` to ``path`` with fixed timestamps, through a temporary file.

    Args:
        stamp: the document's created and modified time (UTC, naive): when the reported
            state last changed, so the same state gives the same bytes.

    Raises:
        InputError: the folder cannot be written to (no permission, disk full).
        ConflictError: the file exists and ``force`` is not given.
    """
    check_output(path, force=force)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem[:100]}.", suffix=".tmp"
        )
    except OSError as exc:
        discard(wb)
        raise InputError(
            f"cannot write to {path.parent}: {exc.strerror}", location="--output"
        ) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        with _FixedTimeZip(temp, "w", ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(wb, archive).save()
        os.chmod(temp, 0o644)
        if path.exists() and not force:  # appeared while the report was being written
            raise ConflictError(
                f"{path} already exists; pass --force to replace it", location="--output"
            )
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        discard(wb)
        raise InputError(f"cannot write {path}: {exc.strerror}", location="--output") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        discard(wb)
        raise
