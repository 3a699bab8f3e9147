"""How the app writes values: money in Belgian form, dates as ISO, times in the ledger's
zone with the zone named (``2025-03-03 10:00 CET``), so no one reads a UTC time as local.

>>> from zoneinfo import ZoneInfo
>>> when(datetime(2025, 7, 1, 8, 30, tzinfo=UTC), ZoneInfo("Europe/Brussels"))
'2025-07-01 10:30 CEST'
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from rich.text import Text

from ledger.money import format_eur
from ledger.views import local


def when(at: datetime | None, zone: ZoneInfo, *, seconds: bool = False) -> str:
    """A stored moment as the ledger's local time, with the zone's abbreviation."""
    if at is None:
        return ""
    shown = local(at, zone)
    return shown.strftime("%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z")


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def eur(cents: int | None, *, red_below_zero: bool = True) -> Text:
    """An amount right-aligned for a table cell; a negative one in red."""
    if cents is None:
        return Text("")
    text = Text(format_eur(cents), justify="right")
    if cents < 0 and red_below_zero:
        text.stylize("red")
    return text


__all__ = ["UTC", "day", "eur", "when"]
