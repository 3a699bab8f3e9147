"""Belgian enterprise numbers (ondernemingsnummer, KBO/BCE).

A thin layer over ``stdnum.be.vat`` with the same ``compact``/``validate``/``is_valid``
shape, plus the written form ``0123.456.789`` and messages that say which check
failed, because "invalid" alone does not tell an accountant what to fix.

>>> validate("BE 0403.170.701")
'0403170701'
>>> format_number("403170701")
'0403.170.701'
"""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.be import vat

from ledger.errors import InputError
from ledger.problems import Problem
from ledger.text import refuse_foreign_digits

# The longest written form is "BE 0123.456.749" with a few extra spaces; anything much
# longer is not a number (and stdnum would try to read 10,000 digits as one integer).
MAX_WRITTEN = 32


def compact(number: str | int) -> str:
    """Strip separators and the ``BE`` prefix; restore a leading zero lost to a numeric cell."""
    return vat.compact(str(number))


def validate(number: str | int) -> str:
    """Return the normalised 10-digit number or say which check failed.

    Spaces around and between the digits, dots, dashes, slashes and a ``BE`` prefix
    are separators and dropped; the digits must be 0-9 (fullwidth digits, U+FF10-U+FF19,
    which stdnum would quietly fold to ASCII, is refused).

    Raises:
        InputError: the number has the wrong length, characters, first digit or check digits.
    """
    raw = str(number).strip()
    shown = repr(raw) if len(raw) <= MAX_WRITTEN else f"{raw[:MAX_WRITTEN]!r}..."
    refuse_foreign_digits(raw, what=f"enterprise number {shown} is not a number")
    if len(raw) > MAX_WRITTEN:
        raise Problem("parse.kbo.long", {"value": shown, "length": len(raw)}).error()
    try:
        return vat.validate(raw)
    except stdnum_errors.InvalidLength:  # before InvalidFormat, its base class
        digits = sum(ch.isdigit() for ch in raw)
        raise Problem("parse.kbo.digits", {"value": repr(raw), "digits": digits}).error() from None
    except stdnum_errors.InvalidComponent:
        facts = {"value": repr(raw), "first": compact(raw)[0]}
        raise Problem("parse.kbo.start", facts).error() from None
    except stdnum_errors.InvalidChecksum:
        raise Problem("parse.kbo.checksum", {"value": repr(raw)}).error() from None
    except stdnum_errors.InvalidFormat:
        raise Problem("parse.kbo.format", {"value": repr(raw)}).error() from None


def is_valid(number: str | int) -> bool:
    """Whether ``number`` is a valid enterprise number in any written form (by the same
    rules as :func:`validate`: stdnum alone would take fullwidth digits, and crash on a
    10,000-digit paste)."""
    try:
        validate(number)
    except InputError:
        return False
    return True


def format_number(number: str) -> str:
    """The form people write and read: ``0123.456.789``."""
    n = compact(number)
    return f"{n[:4]}.{n[4:7]}.{n[7:]}"
