"""Reading a file's bytes: only a regular file, only so many bytes, and nothing else.

A name ending in ``.csv`` proves nothing: it may be a named pipe that blocks for ever
when opened, a link to ``/dev/zero`` that never ends, a device or a socket. Each is
refused by its type (``stat``, following links) before it is opened; the file is then
opened without blocking and checked again on the open descriptor, so a file swapped
for a pipe in between is refused too, and at most ``limit`` bytes are ever read.

Excel keeps a small lock file ``~$name.xlsx`` beside a workbook while it is open, and
LibreOffice a ``.~lock.name.xlsx#``; people pick them by mistake, so each is named for
what it is, with the workbook to import instead.

>>> kind_of(0o010644)
'a named pipe (FIFO)'
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ledger.errors import InputError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)
_EXCEL_LOCK = re.compile(r"\A~\$(.+)\Z", re.DOTALL)
_LIBREOFFICE_LOCK = re.compile(r"\A\.~lock\.(.+)#\Z", re.DOTALL)
LOCK_FILE_BYTES = 4096  # Excel's are 165 bytes, LibreOffice's a line of text


def kind_of(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file, else None."""
    for test, what in _KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def _refuse_kind(mode: int, location: str) -> None:
    what = kind_of(mode)
    if what == "a folder":
        raise InputError("this is a folder, not a file", location=location)
    if what is not None:
        raise InputError(
            f"this is {what}, not a file; import a spreadsheet file itself", location=location
        )


def lock_file_message(path: Path, size: int) -> str | None:
    """The refusal for an office program's lock file, or None for any other file."""
    if size > LOCK_FILE_BYTES:
        return None
    excel = _EXCEL_LOCK.match(path.name)
    if excel:
        return (
            f"this is Excel's lock file for {excel.group(1)} (Excel keeps it while the "
            f"workbook is open), not the workbook; import {excel.group(1)} itself"
        )
    office = _LIBREOFFICE_LOCK.match(path.name)
    if office:
        return (
            f"this is LibreOffice's lock file for {office.group(1)} (kept while the "
            f"workbook is open), not the workbook; import {office.group(1)} itself"
        )
    return None


def read_bytes(path: Path, location: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises:
        InputError: missing, not a regular file, an office lock file, larger than
            ``limit``, or unreadable; the message says which.
    """
    try:
        info = os.stat(path)
        _refuse_kind(info.st_mode, location)
        _refuse_large(info.st_size, limit, location)
        lock = lock_file_message(path, info.st_size)
        if lock is not None:
            raise InputError(lock, location=location)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as handle:
            opened = os.fstat(handle.fileno())  # the file may have been swapped since stat
            _refuse_kind(opened.st_mode, location)
            _refuse_large(opened.st_size, limit, location)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file", location=location) from None
    except InputError:
        raise
    except OSError as error:
        raise InputError(
            f"the file cannot be opened ({error.strerror or error})", location=location
        ) from None
    _refuse_large(len(data), limit, location)  # it grew while it was read
    return data


def _refuse_large(size: int, limit: int, location: str) -> None:
    if size > limit:
        raise InputError(
            f"the file is {size / (1 << 20):,.0f} MB, more than the {limit >> 20} MB the "
            "importer reads; split it into smaller files",
            location=location,
        )
