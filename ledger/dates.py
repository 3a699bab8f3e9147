"""Dates as people write them in Belgium: ISO ``2026-03-31`` or ``31/03/2026``.

A day-first date is the only slashed form accepted; ``03/31/2026`` is refused
rather than read as a different day. White space around the date is ignored; the
digits must be 0-9 (``٣١/٠٣/٢٠٢٦`` is refused, not read as 31 March).

>>> parse_date("31/03/2026"), parse_date("2026-03-31")
(datetime.date(2026, 3, 31), datetime.date(2026, 3, 31))
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ledger.problems import Problem
from ledger.text import refuse_foreign_digits

# The years a cluster's program can plausibly span; anything outside is a typing error.
FIRST_YEAR = 1990
LAST_YEAR = 2200

_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_year(text: str) -> int:
    """A program year written as four digits 0-9, white space around it ignored.

    ``int()`` alone would also read ``٢٠٢٦``, ``2_026`` and ``+2026`` as 2026.

    Raises:
        InputError: not four digits, digits of another script, or outside 1990-2200.
    """
    raw = text.strip()
    refuse_foreign_digits(raw, what=f"{raw!r} is not a year")
    if not (re.fullmatch("[0-9]{4}", raw) and FIRST_YEAR <= int(raw) <= LAST_YEAR):
        facts = {"value": repr(raw), "first": FIRST_YEAR, "last": LAST_YEAR}
        raise Problem("parse.year", facts).error()
    return int(raw)


def parse_date(text: str | date) -> date:
    """Read a date written ISO-style or day first.

    Raises:
        InputError: the text is not a date in one of those forms.
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    refuse_foreign_digits(raw, what=f"{raw!r} is not a date")
    try:
        if _ISO.fullmatch(raw):
            return date.fromisoformat(raw)
        match = _DAY_FIRST.fullmatch(raw)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError:
        raise Problem("parse.date.none", {"value": repr(raw)}).error() from None
    raise Problem("parse.date.not", {"value": repr(raw)}).error()
