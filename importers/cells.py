"""Cell values as the ledger needs them: amounts, enterprise numbers, dates, years, text.

A spreadsheet cell arrives as whatever the reader found: a number, a text, a date, an
error such as ``#REF!``, or nothing. Each parser here takes that value and returns the
ledger's value or raises :class:`~ledger.errors.InputError` saying what it found and
what it expected; the caller adds the file, sheet, row and column.

>>> amount(1234.5), amount("€ 1 234,56"), kbo(403170701.0), day("31/03/2026")
(Decimal('1234.5'), Decimal('1234.56'), '0403170701', datetime.date(2026, 3, 31))
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from importers.reading import CellError
from ledger import identifiers
from ledger.dates import parse_date, parse_year
from ledger.errors import InputError
from ledger.kinds import MemberKind, parse_kind
from ledger.money import MAX_CENTS, parse_amount, to_cents
from ledger.regions import Region, normalise_postcode, parse_region

_EXCEL_EPOCH = date(1899, 12, 30)  # serial day 0 of Excel's (and LibreOffice's) date system
# Serial numbers of 1990-01-01 and 2200-12-31: a plain number in a date column within this
# range is a date cell that lost its format; anything else is a mistake.
_SERIALS = (32874, 110939)


def error_of(value: object) -> InputError | None:
    """The row error for an error cell (``#REF!``, ``#DIV/0!``), else None."""
    if isinstance(value, CellError):
        return InputError(
            f"the cell holds the error {value.code}; fix the formula in the file and save it again"
        )
    return None


def text(value: object) -> str:
    """A cell as text; a whole number in a numeric cell loses its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, CellError):
        raise error_of(value)  # type: ignore[misc]
    return str(value).strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def amount(value: object) -> Decimal:
    """Euros from a number or a text in Belgian or English form; never rounded."""
    if isinstance(value, float):
        if value.is_integer():
            return parse_amount(int(value))
        # repr() is the shortest decimal that reads back as this float: 2500.1 stays
        # 2500.1, and 0.1 + 0.2 is refused for its third decimal instead of rounded.
        return parse_amount(Decimal(repr(value)))
    if isinstance(value, int) and not isinstance(value, bool):
        return parse_amount(value)
    if isinstance(value, bool | date | timedelta):
        raise InputError(f"{text(value)!r} is not an amount; expected a number such as 1234,56")
    if is_blank(value):
        raise InputError("the cell is empty; expected an amount such as 2.500,00")
    return parse_amount(text(value))


def cents(value: object) -> int:
    """An amount in cents. A number cell with at most two decimals is converted without
    the text round trip: ``round(x * 100) / 100 == x`` holds exactly when the float's
    shortest form has two decimals or fewer (0.1 + 0.2 fails it and takes the long way,
    which refuses it)."""
    if value.__class__ is float and value == value:  # NaN takes the long way
        whole = round(value * 100)  # type: ignore[operator]
        if whole / 100 == value and abs(whole) <= MAX_CENTS:
            return whole
    elif value.__class__ is int and abs(value) <= MAX_CENTS // 100:  # type: ignore[operator]
        return value * 100  # type: ignore[operator]
    return to_cents(amount(value))


@lru_cache(maxsize=8192)
def _kbo(raw: str) -> str:
    return identifiers.validate(raw)


def kbo(value: object) -> str:
    """The normalised enterprise number; a numeric cell's lost leading zero comes back."""
    if is_blank(value):
        raise InputError("the cell is empty; expected an enterprise number such as 0123.456.749")
    if isinstance(value, bool | date | timedelta):
        raise InputError(f"{text(value)!r} is not an enterprise number")
    return _kbo(text(value))


def day(value: object) -> date | None:
    """A date cell, an Excel serial number, ``dd/mm/yyyy`` or ISO; None when blank."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole_day = float(value).is_integer()  # float-ok: a date serial, not money
        if _SERIALS[0] <= value <= _SERIALS[1] and whole_day:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise InputError(f"{text(value)!r} is not a date; expected 2026-03-31 or 31/03/2026")
    return parse_date(text(value))


def year(value: object) -> int:
    """A four-digit program year (digits 0-9: ``str.isdigit()`` would pass ``٢٠٢٤``)."""
    return parse_year(text(value))


def kind(value: object) -> MemberKind | None:
    """A member kind in Dutch or English; None when blank (the caller decides)."""
    return None if is_blank(value) else parse_kind(text(value))


def postcode(value: object) -> str:
    if is_blank(value):
        raise InputError("the cell is empty; expected a Belgian postcode such as 9000")
    return normalise_postcode(text(value))


def region(value: object) -> Region | None:
    return None if is_blank(value) else parse_region(text(value))


def optional_text(value: object) -> str | None:
    return text(value) or None


def required_text(value: object) -> str:
    if not (found := text(value)):
        raise InputError("the cell is empty; expected a name")
    return found
