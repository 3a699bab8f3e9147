"""Free text a user types (names, notes, reasons), as a check rather than a parse."""

from __future__ import annotations

from ledger.errors import LedgerError
from ledger.problems import Problem
from ledger.text import optional_text


def check_text(text: str | None, *, what: str, max_length: int) -> list[Problem]:
    """The problem :func:`ledger.text.optional_text` finds in ``text``, as data."""
    try:
        optional_text(text, what=what, max_length=max_length)
    except LedgerError as exc:
        return [exc.problem or Problem("text.refused", {"message": exc.message})]
    return []
