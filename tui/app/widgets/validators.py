"""Input validators that ask the ledger's own parsers, so the form and the ledger agree.

Each runs as the user types and shows the ledger's message (``the check digits do
not match``) under the field before anything is saved; the form words it in the app's
language from the refusal's problem (:meth:`LedgerParser.refusal`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.validation import ValidationResult, Validator

from ledger.dates import parse_date, parse_year
from ledger.errors import InputError
from ledger.identifiers import validate
from ledger.money import parse_amount
from ledger.regions import normalise_postcode


class LedgerParser(Validator):
    """Valid when a ledger parser reads the text; an empty field passes unless required."""

    def __init__(self, parse: Callable[[str], Any], *, required: bool = True) -> None:
        super().__init__()
        self.parse = parse
        self.required = required
        self._refusals: dict[str, InputError] = {}

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure("required") if self.required else self.success()
        try:
            self.parse(value)
        except InputError as exc:
            self._refusals = {exc.message: exc}
            return self.failure(exc.message)
        return self.success()

    def refusal(self, message: str) -> InputError | None:
        """The parser's error behind a failure message, for a face to word in its language."""
        return self._refusals.get(message)


def enterprise_number(required: bool = True) -> LedgerParser:
    return LedgerParser(validate, required=required)


def postcode(required: bool = True) -> LedgerParser:
    return LedgerParser(normalise_postcode, required=required)


def amount(required: bool = True) -> LedgerParser:
    return LedgerParser(parse_amount, required=required)


def day(required: bool = False) -> LedgerParser:
    return LedgerParser(parse_date, required=required)


def year() -> LedgerParser:
    return LedgerParser(parse_year)
