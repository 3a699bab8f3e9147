"""Putting a workbook on disk safely and reproducibly.

Three promises live here:

* **Text stays text.** Names, notes and sources come from people and spreadsheets; one
  that starts with ``=``, ``+``, ``-`` or ``@`` would become a formula in a spreadsheet
  program (CSV/formula injection). :func:`text` marks such a value as a string cell.
* **The same state gives the same bytes.** openpyxl stamps the document and every zip
  member with the current time; :func:`save` writes both from a fixed moment instead.
* **No half-written file, nothing left behind.** The workbook goes to a temporary file
  in the target folder, renamed over the target only once complete, with the ledger
  file's permissions; the rows streamed while it is built stay in a private folder beside
  it (:func:`building`), never in ``/tmp``. See :mod:`ledger.files`.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook import Workbook
from openpyxl.worksheet import _writer as _sheet_writer
from openpyxl.writer.excel import ExcelWriter

from ledger import files
from ledger.problems import Location, Problem

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


def origin(session: Any) -> files.Origin:
    """The ledger a report is made from (a session on it): its files are never written
    over, and the report gets its permissions."""
    return files.origin_of_engine(session.get_bind())


def check_output(path: Path, *, force: bool, origin: files.Origin | None = None) -> Path:
    """The output path, checked before any work is done (see :func:`ledger.files.check_target`).

    Raises:
        InputError: not an ``.xlsx`` name, a folder, in a folder that does not exist, the
            ledger or one of its files, a link, a special file or a SQLite database.
        ConflictError: the file exists and ``force`` is not given.
    """
    return files.check_target(
        path,
        option="--output",
        suffixes=(".xlsx",),
        force=force,
        origin=origin or files.Origin(),
        what="workbook",
    )


_WORK: ContextVar[Path | None] = ContextVar("report_work_folder", default=None)


def _temporary_sheet_file(suffix: str = "") -> str:
    """openpyxl's temporary file for a streamed sheet, in the report's work folder."""
    folder = _WORK.get()
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (closed at once: openpyxl reopens it)
        mode="w+", suffix=suffix, prefix="openpyxl.", delete=False, dir=folder
    )
    handle.close()
    _sheet_writer.ALL_TEMP_FILES.append(handle.name)
    return handle.name


# A write-only sheet streams its rows into a temporary file until the workbook is saved:
# the report's full entry data. openpyxl puts it in the system's temporary folder, where
# a killed export would leave it readable and a full /tmp fails the export; here it goes
# to a private folder beside the report (see :func:`building`).
_sheet_writer.create_temporary_file = _temporary_sheet_file


@contextmanager
def building(output: Path) -> Iterator[None]:
    """Build a workbook for ``output``: its sheets stream into a private work folder beside
    it (0700, removed however the build ends; one a killed run left is removed by the next).

    Raises:
        InputError: the folder is full or cannot be written.
    """
    with files.work_folder(output) as folder:
        token = _WORK.set(folder)
        try:
            yield
        except OSError as exc:
            facts = {"path": files.shown(output), "reason": files.os_reason(exc)}
            where = Location(field="--output")
            raise Problem("file.not_writable", facts, where).error() from None
        finally:
            _WORK.reset(token)


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


def save(
    wb: Workbook,
    path: Path,
    *,
    stamp: datetime,
    force: bool,
    origin: files.Origin | None = None,
) -> None:
    """Write ``wb`` to ``path`` with fixed timestamps, through a temporary file.

    Args:
        stamp: the document's created and modified time (UTC, naive): when the reported
            state last changed, so the same state gives the same bytes.
        origin: the ledger it comes from: the file gets its permissions.

    Raises:
        InputError: the folder cannot be written to (no permission, disk full).
        ConflictError: the file exists and ``force`` is not given.
    """
    origin = origin or files.Origin(mode=files.origin_of(None).mode)
    check_output(path, force=force, origin=origin)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    try:
        with (
            files.staged(path, force=force, origin=origin, option="--output") as temp,
            _FixedTimeZip(temp, "w", ZIP_DEFLATED, allowZip64=True) as archive,
        ):
            ExcelWriter(wb, archive).save()
    except BaseException:
        discard(wb)
        raise
