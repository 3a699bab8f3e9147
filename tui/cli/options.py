"""Reading command-line options into ledger values, and the shared command context.

Every parser re-raises an input error with the option's name as its location, so the
user sees ``--amount: '1.500' is ambiguous`` rather than a bare message.
"""

from __future__ import annotations

import json
import os
import re
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
        """The database the user chose, or the default file in the data directory.

        Raises:
            InputError: ``--db`` holds a control or bidi character (``ledger.text``), which
                would otherwise reach the error line and the terminal as it is, or starts
                with ``~user`` for a user this system does not know.
        """
        if self.db:
            from ledger.text import refuse_controls

            parsed("--db", lambda t: refuse_controls(t, what="database path"), self.db)
            if self.db.startswith("~") and os.path.expanduser(self.db) == self.db:
                raise InputError(
                    f"{self.db!r} starts with ~ but names no known user's home folder",
                    location="--db",
                )
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


_WHOLE = re.compile(r"\s*[-+]?[0-9]+\s*")


def whole_number(
    text: str | int, option: str, *, low: int | None = None, high: int | None = None
) -> int:
    """Read a whole-number option (a year, an id, a limit) written with the digits 0-9.

    Typer alone would also take ``2_026`` and ``2026.0`` as 2026; here they are refused,
    like digits of other scripts, so a number is stored exactly as it was typed.

    Raises:
        InputError: not a whole number, or outside ``low``-``high`` when those are given.
    """
    if isinstance(text, int):
        return text
    from ledger.text import refuse_foreign_digits

    parsed(option, lambda t: refuse_foreign_digits(t, what=f"{t!r} is not a whole number"), text)
    if not _WHOLE.fullmatch(text):
        raise InputError(
            f"{text!r} is not a whole number; write it with the digits 0-9", location=option
        )
    value = int(text)
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError(f"{value} is out of range; expected {low}-{high}", location=option)
    return value


def number_parser(
    option: str, *, low: int | None = None, high: int | None = None
) -> Callable[[str], int]:
    """A Typer ``parser=`` for :func:`whole_number`; its errors print as one line, exit 1."""
    return lambda text: whole_number(text, option, low=low, high=high)


def year_parser(option: str = "--year") -> Callable[[str], int]:
    """A year that must lie in the span any program can have (1990-2200)."""
    from ledger.dates import FIRST_YEAR, LAST_YEAR

    return number_parser(option, low=FIRST_YEAR, high=LAST_YEAR)


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


def shown(path: object) -> str:
    """A file name as printed: control characters escaped, so it stays on its line."""
    from ledger.text import escape_controls

    return escape_controls(str(path))


def print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
