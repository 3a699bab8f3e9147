"""Reading command-line options into ledger values, and the shared command context.

Every parser re-raises an input error with the option's name as its location, so the
user sees ``--amount: '1.500' is ambiguous`` rather than a bare message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import typer

from ledger.errors import InputError

PROG = "cluster-ledger"

if TYPE_CHECKING:  # the ledger's imports (SQLAlchemy) wait until a command needs them
    from ledger.session import Ledger


@dataclass
class State:
    """What the global options chose: for now, the database."""

    db: str | None

    def target(self) -> str:
        """The database the user chose, or the default file in the data directory."""
        if self.db:
            return self.db
        from ledger.storage.location import default_database_path

        return str(default_database_path())

    def ledger(self, *, create: bool = False) -> Ledger:
        from ledger.session import Ledger

        return Ledger.open(self.target(), create=create, origin="cli")


def state(ctx: typer.Context) -> State:
    """The state the top-level callback stored on the context."""
    return ctx.ensure_object(State) if ctx.obj is None else ctx.obj


def amount(text: str, option: str = "--amount") -> Decimal:
    from ledger.money import parse_amount

    try:
        return parse_amount(text)
    except InputError as exc:
        raise InputError(exc.message, location=option) from None


def day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    from ledger.dates import parse_date

    try:
        return parse_date(text)
    except InputError as exc:
        raise InputError(exc.message, location=option) from None


def kbo(text: str, option: str = "--kbo") -> str:
    from ledger import identifiers

    try:
        return identifiers.validate(text)
    except InputError as exc:
        raise InputError(exc.message, location=option) from None


def kbo_text(number: str) -> str:
    from ledger.identifiers import format_number

    return format_number(number)


def print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
