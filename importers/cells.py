"""Cell values as the ledger needs them: amounts, enterprise numbers, dates, years, text.

A spreadsheet cell arrives as whatever the reader found: a number, a text, a date, an
error such as ``#REF!``, a formula never calculated, or nothing. Each parser here takes
that value and returns the ledger's value or raises :class:`~ledger.errors.InputError`
(carrying a :class:`~ledger.problems.Problem`) saying what it found and what it
expected; the caller adds the file, sheet, row and column.

Cells are read as people write them: a sum's binary noise (``12345.669999999998`` from
``=B2+C2``) is the cent value it stands for, ``1.000,-`` is a thousand euros, ``15 maart
2026`` a date, ``9000 Gent`` a postcode, ``Région wallonne`` a region. The words are in
``vocabulary.toml``.

>>> amount(1234.5), amount("€ 1.000,-"), kbo(403170701.0), day("15 maart 2026")
(Decimal('1234.5'), Decimal('1000.00'), '0403170701', datetime.date(2026, 3, 15))
>>> cents(12345.669999999998), postcode("9000 Gent")
(1234567, '9000')
"""

from __future__ import annotations

import math
import re
from contextlib import suppress
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from importers.reading import CellError, Uncalculated
from importers.vocabulary import KINDS, MONTHS, NOT_PAID, REGIONS, normalise
from ledger import identifiers
from ledger.dates import FIRST_YEAR, LAST_YEAR, parse_date, parse_year
from ledger.errors import InputError, LedgerError
from ledger.kinds import MemberKind, parse_kind
from ledger.money import MAX_CENTS, parse_amount, to_cents
from ledger.problems import Problem
from ledger.regions import Region, normalise_postcode, parse_region

_EXCEL_EPOCH = date(1899, 12, 30)  # serial day 0 of Excel's (and LibreOffice's) date system
# Serial numbers of 1990-01-01 and 2200-12-31: a plain number in a date column within this
# range is a date cell that lost its format; anything else is a mistake.
_SERIALS = (32874, 110939)
# A float within this many units in the last place of a cent value is that value: a sum
# of a few dozen amounts carries that much binary noise, a typed third decimal far more.
_NOISE_ULPS = 64
_DASH_CENTS = re.compile("\\A(.*\\d)\\s*([,.])\\s*[-\u2013\u2014]{1,2}\\Z")
_WORDED_DATE = re.compile(r"\A(\d{1,2})(?:er|e|ste|de)?[\s.\-/]+([^\W\d_]+)\.?[\s.\-/,]+(\d{4})\Z")
_PLACE = re.compile(r"\A\s*(?:B\s*-?\s*|BE\s*-\s*)?(\d{4})[\s,]+[^\W\d_][\w\s'().-]*\Z")
_YEAR_ONLY = re.compile(r"\A\s*(\d{4})(?:\.0)?\s*\Z")


class NotPaid:
    """An empty or ``-`` amount on a member's row: the member has not paid (yet)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_PAID"


NOT_PAID_YET = NotPaid()


def fail(problem_code: str, /, **facts: object) -> InputError:
    """The error a parser raises: an InputError in English carrying its problem."""
    error = Problem(problem_code, facts).error()
    assert isinstance(error, InputError)
    return error


def error_of(value: object) -> InputError | None:
    """The row error for an error cell or a formula never calculated, else None."""
    if isinstance(value, Uncalculated):
        return fail("cell.uncalculated", formula=value.formula)
    if isinstance(value, CellError):
        return fail("cell.error", code=value.code)
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


def _denoised(value: float) -> Decimal | None:  # float-ok: the boundary that makes cents
    """The cent value a float stands for when it is one up to binary noise, else None."""
    hundredths = round(value * 100)
    if (
        abs(value - hundredths / 100) <= _NOISE_ULPS * math.ulp(value)
        and abs(hundredths) <= MAX_CENTS
    ):
        return Decimal(hundredths) / 100
    return None


def amount(value: object) -> Decimal:
    """Euros from a number or a text in Belgian or English form; never rounded beyond the
    binary noise of a sum (a typed third decimal is refused)."""
    if isinstance(value, float):
        if value.is_integer():
            return parse_amount(int(value))
        denoised = _denoised(value) if math.isfinite(value) else None
        if denoised is not None:
            return parse_amount(denoised)
        # repr() is the shortest decimal that reads back as this float: 12.345 is refused
        # for its third decimal instead of rounded.
        return parse_amount(Decimal(repr(value)))
    if isinstance(value, int) and not isinstance(value, bool):
        return parse_amount(value)
    if isinstance(value, bool | date | timedelta):
        raise fail("cell.not_amount", value=text(value))
    if (error := error_of(value)) is not None:
        raise error
    if is_blank(value):
        raise fail("cell.empty_amount")
    written = text(value)
    dashed = _DASH_CENTS.match(written)  # "1.000,-": whole euros, Belgian style
    return parse_amount(f"{dashed.group(1)}{dashed.group(2)}00" if dashed else written)


def cents(value: object) -> int:
    """An amount in cents. A number cell with at most two decimals is converted without
    the text round trip: ``round(x * 100) / 100 == x`` holds exactly when the float's
    shortest form has two decimals or fewer (others take the long way)."""
    if value.__class__ is float and value == value:  # NaN takes the long way
        whole = round(value * 100)  # type: ignore[operator]
        if whole / 100 == value and abs(whole) <= MAX_CENTS:
            return whole
    elif value.__class__ is int and abs(value) <= MAX_CENTS // 100:  # type: ignore[operator]
        return value * 100  # type: ignore[operator]
    return to_cents(amount(value))


def not_paid(value: object) -> NotPaid | None:
    """:data:`NOT_PAID_YET` for an empty or ``-`` amount cell, else None."""
    if value is None or (isinstance(value, str) and value.strip() in NOT_PAID | {""}):
        return NOT_PAID_YET
    return None


def cents_or_not_paid(value: object) -> int | NotPaid:
    """An amount in cents, or :data:`NOT_PAID_YET` for an empty or ``-`` cell."""
    return not_paid(value) or cents(value)


@lru_cache(maxsize=8192)
def _kbo(raw: str) -> str:
    return identifiers.validate(raw)


def kbo(value: object) -> str:
    """The normalised enterprise number; a numeric cell's lost leading zero comes back."""
    if (error := error_of(value)) is not None:
        raise error
    if is_blank(value):
        raise fail("cell.empty_kbo")
    if isinstance(value, bool | date | timedelta):
        raise fail("cell.not_kbo", value=text(value))
    return _kbo(text(value))


def day(value: object) -> date | None:
    """A date cell, an Excel serial number, ``dd/mm/yyyy``, ISO or ``15 maart 2026``;
    None when blank."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if (error := error_of(value)) is not None:
        raise error
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole_day = float(value).is_integer()  # float-ok: a date serial, not money
        if _SERIALS[0] <= value <= _SERIALS[1] and whole_day:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise fail("cell.not_date", value=text(value))
    written = text(value)
    worded = _WORDED_DATE.match(written)
    if worded:
        month = MONTHS.get(normalise(worded.group(2)))
        if month is None:
            raise fail("cell.not_date", value=written)
        try:
            return date(int(worded.group(3)), month, int(worded.group(1)))
        except ValueError:
            raise fail("cell.no_such_date", value=written) from None
    return parse_date(written)


def year_only(value: object) -> int | None:
    """The year when a date cell holds only a year (``2019``, or the number 2019)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    found = _YEAR_ONLY.match(text(value))
    if found and FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR:
        return int(found.group(1))
    return None


def year(value: object) -> int:
    """A four-digit program year (digits 0-9: ``str.isdigit()`` would pass ``٢٠٢٤``)."""
    return parse_year(text(value))


def kind(value: object) -> MemberKind | None:
    """A member kind in Dutch, English or French; None when blank (the caller decides)."""
    if is_blank(value):
        return None
    written = text(value)
    known = KINDS.get(normalise(written))
    return MemberKind(known) if known else parse_kind(written)


def postcode(value: object) -> str:
    """A Belgian postcode; ``9000 Gent`` and ``B-9000 Gent`` give ``9000``."""
    if (error := error_of(value)) is not None:
        raise error
    if is_blank(value):
        raise fail("cell.empty_postcode")
    written = text(value)
    place = _PLACE.match(written)
    return normalise_postcode(place.group(1) if place else written)


def region(value: object) -> Region | None:
    """A region named in Dutch, French or English, in full or short; None when blank."""
    if is_blank(value):
        return None
    written = text(value)
    known = REGIONS.get(normalise(written))
    return Region(known) if known else parse_region(written)


def optional_text(value: object) -> str | None:
    return text(value) or None


def required_text(value: object) -> str:
    if not (found := text(value)):
        raise fail("cell.empty_name")
    return found


def _share(values: list[object], test) -> float:  # type: ignore[no-untyped-def]  # float-ok: a ratio
    hits = 0
    for value in values:
        with suppress(LedgerError, ValueError, TypeError):
            hits += bool(test(value))
    return hits / len(values)


def looks_like(values: list[object]) -> str | None:
    """What most (80%) of a column's filled cells are: a date, a year, an enterprise
    number, a member kind or a region; None for anything else."""
    if not values:
        return None
    checks = (
        ("year", lambda v: year_only(v) is not None and not isinstance(v, date)),
        ("date", lambda v: isinstance(v, date) or (isinstance(v, str) and day(v) is not None)),
        ("kbo", lambda v: isinstance(v, str | int | float) and kbo(v)),
        ("kind", lambda v: isinstance(v, str) and kind(v) is not None),
        ("region", lambda v: isinstance(v, str) and region(v) is not None),
    )
    for look, test in checks:
        if _share(values, test) >= 0.8:
            return look
    return None
