"""Failures that are not bugs: what the machine or a damaged file does to a command, in one
line for the user instead of a traceback.

A face catches what no check could have refused (a database file damaged on disk, a
full disk or temporary folder, a total past what the database can add) and asks
:func:`explain` for the line to show; anything :func:`explain` does not know stays a bug.

>>> explain(OSError(28, "No space left on device", "/tmp/x")).message
'the disk holding /tmp/x is full (No space left on device): nothing was written; free some space there (or point TMPDIR at a folder with room) and try again'
"""  # noqa: E501

from __future__ import annotations

import errno
import sqlite3

from ledger.errors import LedgerError
from ledger.files import shown
from ledger.problems import Problem
from ledger.storage.database import DAMAGED_MARKS


def _driver_text(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc)


def explain(exc: BaseException, *, target: str | None = None) -> LedgerError | None:
    """The one line for ``exc``, or None when it is a bug.

    Args:
        target: the ledger the command was working on (its ``--db``), named in the line.
    """
    text = _driver_text(exc).lower()
    driver = getattr(exc, "orig", exc)
    if isinstance(driver, sqlite3.DatabaseError) or type(exc).__name__ == "DatabaseError":
        if any(mark in text for mark in DAMAGED_MARKS):
            where = shown(target) if target else "LEDGER"
            return damaged(where, _driver_text(exc).splitlines()[0])
        if "integer overflow" in text:
            return overflow()
        if "database or disk is full" in text or "disk i/o error" in text:
            return full(None)
    if isinstance(exc, OverflowError):
        return overflow()
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return full(exc.filename)
    return None


def full(where: object) -> LedgerError:
    if where:
        return Problem("failure.full_at", {"where": shown(where)}).error()
    return Problem("failure.full").error()


def overflow() -> LedgerError:
    return Problem("failure.overflow", kind="database").error()


def damaged(where: str, reason: str) -> LedgerError:
    return Problem("failure.damaged", {"where": where, "reason": reason}, kind="database").error()
