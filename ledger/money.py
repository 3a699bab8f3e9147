"""Money: integer cents in storage, ``Decimal`` at the edges, never a float.

Amounts come from people and spreadsheets written in Belgian or English style.
:func:`parse_amount` reads them on purpose rather than by guessing: when a text can
mean two amounts it is refused, and so is a third decimal, so no cent is ever
rounded away silently.

>>> parse_amount("1.234,56"), parse_amount("€ 1 234,56"), parse_amount("1234.56")
(Decimal('1234.56'), Decimal('1234.56'), Decimal('1234.56'))
>>> to_cents(Decimal("12.30")), format_plain(123456)
(1230, '1234.56')
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation

from ledger.problems import Problem
from ledger.text import refuse_foreign_digits

CENT = Decimal("0.01")
# A bound far above any cluster's figures, and far below the 64-bit integers databases store.
MAX_CENTS = 10**15
# The most the absolute amounts of one cluster's entries may add up to (10 thousand billion
# euros, a million times the largest annual cap). Every figure of a cluster is a sum of some
# of its amounts, so none can pass this bound; and 2**63 - 1 cents (what SQLite's SUM and a
# BIGINT column hold) is 9,223 times larger, so even a sum across 9,000 clusters at the
# bound fits. A write that would cross it is refused (ledger.checks); a ledger that crossed
# it through another program is named by verify.
CLUSTER_TOTAL_BOUND_CENTS = 10**15

# Spaces people and spreadsheets put between thousands: plain, no-break, narrow no-break, thin.
_SPACES = " \u00a0\u202f\u2009'"
_CURRENCY = re.compile(r"^(?:€|eur|euro)\s*|\s*(?:€|eur|euro)$", re.IGNORECASE)


def _grouped(digits: str, sep: str) -> bool:
    return re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(sep)}[0-9]{{3}})+", digits) is not None


def parse_amount(text: str | int | Decimal) -> Decimal:
    """Read an amount of euros written by a person.

    Accepts ``1234``, ``1234.56``, ``1234,56``, ``1.234,56``, ``1,234.56``,
    ``€ 1 234,56`` and ``1234.56 EUR``. A single separator followed by exactly
    three digits (``1.234``) is ambiguous and refused, and so are digits other
    than 0-9 (``١٢٣``, fullwidth digits), which ``Decimal()`` alone would accept.

    Returns:
        The amount as a ``Decimal`` with at most two decimals (it may be negative;
        callers that need a positive amount check that themselves).

    Raises:
        InputError: the text is not an amount, is ambiguous or has more than two decimals.
    """
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        return _check_places(Decimal(text), str(text))
    raw = str(text)
    refuse_foreign_digits(raw, what=f"{raw!r} is not an amount")
    s = raw.strip()
    s = _CURRENCY.sub("", s).strip()
    negative = False
    if s.startswith("-") or s.startswith("\u2212"):
        negative, s = True, s[1:].strip()
    elif s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    s = _CURRENCY.sub("", s).strip()
    for ch in _SPACES:
        s = s.replace(ch, "")
    if not s or not re.fullmatch(r"[0-9.,]+", s) or not s[0].isdigit():
        raise Problem("parse.amount.not", {"value": repr(raw)}).error()
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_sep = "." if s.rfind(".") > s.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        whole, _, frac = s.rpartition(decimal_sep)
        if decimal_sep in whole or not _grouped(whole, group_sep):
            raise Problem("parse.amount.mixed", {"value": repr(raw)}).error()
        whole = whole.replace(group_sep, "")
    elif dots + commas == 0:
        whole, frac = s, ""
    else:
        sep = "." if dots else ","
        count = dots or commas
        head, _, tail = s.rpartition(sep)
        if count > 1:
            if not _grouped(s, sep):
                raise Problem("parse.amount.groups", {"value": repr(raw)}).error()
            whole, frac = s.replace(sep, ""), ""
        elif len(tail) == 3 and _grouped(s, sep):
            decimals = f"{head}{sep}{tail}{',00' if sep == '.' else '.00'}"
            facts = {"value": repr(raw), "sep": repr(sep), "whole": head + tail}
            raise Problem("parse.amount.ambiguous", facts | {"decimals": decimals}).error()
        else:
            whole, frac = head, tail
    if not re.fullmatch(r"[0-9]+", whole) or (frac and not re.fullmatch(r"[0-9]+", frac)):
        raise Problem("parse.amount.bad", {"value": repr(raw)}).error()
    if len(frac) > 2:
        raise Problem("parse.amount.decimals", {"value": repr(raw)}).error()
    value = Decimal(f"{whole}.{frac}" if frac else whole)
    _check_bound(value * 100, raw)
    return -value if negative else value


def _check_places(value: Decimal, raw: str) -> Decimal:
    if not value.is_finite():
        raise Problem("parse.amount.bad", {"value": repr(raw)}).error()
    if value != value.quantize(CENT, rounding=ROUND_FLOOR):
        raise Problem("parse.amount.decimals", {"value": repr(raw)}).error()
    return value


def to_cents(amount: Decimal) -> int:
    """Turn euros into integer cents, refusing anything finer than a cent or beyond reason."""
    try:
        _check_places(amount, str(amount))
        cents = int((amount * 100).to_integral_value())
    except InvalidOperation as exc:
        raise Problem("amount.unreadable", {"amount": repr(amount)}).error() from exc
    _check_bound(cents, str(amount))
    return cents


def _check_bound(cents: int | Decimal, raw: str) -> None:
    if abs(cents) > MAX_CENTS:
        most = f"{MAX_CENTS // 100:,}".replace(",", ".")
        raise Problem("parse.amount.large", {"value": raw, "most": most}).error()


def from_cents(cents: int) -> Decimal:
    """Euros as a ``Decimal`` with exactly two places."""
    return (Decimal(cents) / 100).quantize(CENT)


def format_plain(cents: int) -> str:
    """The machine-readable form used in JSON: ``"191871.35"``."""
    return str(from_cents(cents))


def format_eur(cents: int, locale: str = "nl_BE") -> str:
    """An amount as a Belgian reader expects it: ``€ 191.871,35``."""
    from babel.numbers import format_currency

    return format_currency(from_cents(cents), "EUR", locale=locale)


def cents_floor(value: Decimal) -> int:
    """Round a value in cents down to a whole cent; aid is never rounded up."""
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def cents_ceiling(value: Decimal) -> int:
    """Round a value in cents up to a whole cent."""
    return int(value.to_integral_value(rounding=ROUND_CEILING))
