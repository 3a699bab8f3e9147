"""What the statement readers share: amounts to cents, accounts to IBANs, refusals.

A reader refuses a file with one :class:`~ledger.errors.InputError` carrying the problem
(code, facts, the file and the record or element): nothing of a refused file is booked.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

from ledger import identifiers
from ledger.errors import InputError
from ledger.problems import Location, Problem
from ledger.text import escape_controls

MAX_BYTES = 50 * 1024 * 1024  # a year of daily statements of a busy account is a few MB


class Refusal(Exception):
    """A problem found while reading; the reader's caller gives it the file's name."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def refuse(code: str, where: Location | None = None, **facts: object) -> Refusal:
    return Refusal(Problem(code, facts, where or Location()))


def cents(value: Decimal | str, where: Location | None = None) -> int:
    """Euro cents from a statement's amount; a third decimal that is not 0 is refused.

    Raises:
        Refusal: not a number, or a fraction of a cent.
    """
    try:
        amount = Decimal(value) if isinstance(value, str) else value
    except InvalidOperation:
        raise refuse("statement.amount", where, amount=_shown(str(value))) from None
    if not amount.is_finite():
        raise refuse("statement.amount", where, amount=_shown(str(value)))
    scaled = amount * 100
    if scaled != scaled.to_integral_value():
        raise refuse("statement.decimals", where, amount=str(value))
    return int(scaled)


def _shown(text: str) -> str:
    """What the file holds, quoted, each control character written as an escape
    (:func:`~ledger.text.escape_controls`), so the refusal stays one line."""
    return f"'{escape_controls(text)}'"


def iban_or_none(text: str | None) -> str | None:
    """An IBAN in its compact form when ``text`` is one (any country), else None.

    A Belgian account in the old twelve-digit form (CODA's structure 0) becomes its IBAN,
    so the same payer is one account whichever form the bank used.
    """
    if not text:
        return None
    raw = stdnum_iban.compact(text)
    if raw.isdigit() and len(raw) == 12:
        raw = "BE" + stdnum_iban.calc_check_digits("BE00" + raw) + raw
    try:
        return stdnum_iban.validate(raw, check_country=False)
    except ValidationError:
        return None


def kbo_or_none(text: str | None) -> str | None:
    """An enterprise number when ``text`` is a valid one (``BE0403170701``, ``0403.170.701``)."""
    if not text:
        return None
    try:
        return identifiers.validate(text)
    except InputError:  # an identifier the payer's bank filled in need not be one
        return None
