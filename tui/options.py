"""Reading command-line options into ledger values, and the shared command context.

Every parser re-raises an input error with the option's name as its location, so the
user sees ``--amount: '1.500' is ambiguous`` rather than a bare message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import typer

from ledger.errors import InputError

PROG = "cluster-ledger"

if TYPE_CHECKING:  # the ledger's imports (SQLAlchemy) wait until a command needs them
    from ledger.kinds import MemberKind
    from ledger.regions import Region
    from ledger.session import Ledger

T = TypeVar("T")


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


def parsed(option: str, parse: Callable[[str], T], text: str) -> T:
    """Read an option's text with a ledger parser; its error names the option."""
    try:
        return parse(text)
    except InputError as exc:
        raise InputError(exc.message, location=option) from None


def amount(text: str, option: str = "--amount") -> Decimal:
    from ledger.money import parse_amount

    return parsed(option, parse_amount, text)


def day(text: str | None, option: str) -> date | None:
    from ledger.dates import parse_date

    return None if text is None else parsed(option, parse_date, text)


def kbo(text: str, option: str = "--kbo") -> str:
    from ledger.identifiers import validate

    return parsed(option, validate, text)


def kind(text: str, option: str = "--kind") -> MemberKind:
    from ledger.kinds import parse_kind

    return parsed(option, parse_kind, text)


def region(text: str, option: str = "--region") -> Region:
    from ledger.regions import parse_region

    return parsed(option, parse_region, text)


def kbo_text(number: str) -> str:
    from ledger.identifiers import format_number

    return format_number(number)


def print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
