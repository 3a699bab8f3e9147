"""Putting a workbook on disk safely and reproducibly.

Three promises live here (with :mod:`ledger.report.sheet`, which writes the cells):

* **Text stays text.** Names, notes and sources come from people and spreadsheets; one
  that starts with ``=``, ``+``, ``-`` or ``@`` would become a formula in a spreadsheet
  program (CSV/formula injection). The report writes every text as a string cell;
  :func:`clean` replaces the characters no workbook may hold.
* **The same state gives the same bytes.** The document is dated when the reported state
  last changed, and every zip member carries the writer's one fixed date (:func:`save`).
* **No half-written file, nothing left behind.** The workbook goes to a temporary file
  in the target folder, renamed over the target only once complete, with the ledger
  file's permissions; the rows streamed while it is built stay in a private folder beside
  it (:func:`building`), never in ``/tmp``. See :mod:`ledger.files`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import Any

from ledger import files
from ledger.problems import Location, Problem
from ledger.report.sheet import Book

# Characters that make a spreadsheet program read a cell as a formula or a command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The date of every zip member: xlsxwriter's own fixed one (it sets each part's time to
# it before adding it), the same every time.
ZIP_TIME = (1980, 1, 31, 0, 0, 0)
# The characters XML 1.0 cannot carry (the same set openpyxl refuses).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def clean(value: str | None) -> str | None:
    """A text for a report cell: characters no workbook may hold (the ledger refuses them
    at entry) become U+FFFD rather than failing the whole report."""
    if value is None or not ILLEGAL_CHARACTERS_RE.search(value):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def text(ws: Any, value: str | None) -> Any:
    """A text value for an openpyxl write-only sheet's ``append`` (the app's table export):
    itself, cleaned, or a string cell when it could read as a formula."""
    value = clean(value)
    if value is None or not value.startswith(FORMULA_STARTS):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"  # openpyxl took the leading "=" for a formula
    return cell


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


def new_book() -> Book:
    """A workbook whose sheets stream into the work folder of :func:`building` (if any)."""
    return Book(_WORK.get())


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


def discard(book: Book) -> None:
    """Drop a workbook that will not be saved, with the files its sheets stream into."""
    book.discard()


def save(
    book: Book,
    path: Path,
    *,
    stamp: datetime,
    force: bool,
    origin: files.Origin | None = None,
) -> None:
    """Write ``book`` to ``path`` with fixed timestamps, through a temporary file.

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
    try:
        with files.staged(path, force=force, origin=origin, option="--output") as temp:
            book.save(temp, stamp=stamp)
    except BaseException:
        discard(book)
        raise
