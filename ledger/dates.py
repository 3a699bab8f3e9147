"""Dates as people write them in Belgium: ISO ``2026-03-31`` or ``31/03/2026``.

A day-first date is the only slashed form accepted; ``03/31/2026`` is refused
rather than read as a different day.

>>> parse_date("31/03/2026"), parse_date("2026-03-31")
(datetime.date(2026, 3, 31), datetime.date(2026, 3, 31))
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ledger.errors import InputError

# The years a cluster's program can plausibly span; anything outside is a typing error.
FIRST_YEAR = 1990
LAST_YEAR = 2200

_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


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
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return date.fromisoformat(raw)
        match = _DAY_FIRST.fullmatch(raw)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError:
        raise InputError(f"date {raw!r} does not exist") from None
    raise InputError(f"{raw!r} is not a date; expected 2026-03-31 or 31/03/2026")
