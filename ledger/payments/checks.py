"""The checks a bank statement must pass before any of it is booked: pure functions of a
:class:`~ledger.payments.statement.Statement`, returning problems as data.

A statement that fails one is refused whole: its balances do not follow from its
movements (a movement is missing or doubled), it is in another currency than the euro,
or a bundle's details do not add up to the amount the bank booked.

>>> from datetime import date
>>> s = Statement("coda", "BE68539007547034", "EUR", "1", date(2026, 1, 5), date(2026, 1, 5),
...               1000, 900, ())
>>> [p.code for p in check_statement(s)]
['statement.balance']
"""

from __future__ import annotations

from collections.abc import Callable

from ledger.money import format_plain
from ledger.payments.statement import Statement
from ledger.problems import NOWHERE, Location, Problem


def check_currency(statement: Statement, where: Location = NOWHERE) -> list[Problem]:
    """Contributions are in euros; a statement in another currency is not converted."""
    if statement.currency.upper() == "EUR":
        return []
    return [
        Problem(
            "statement.currency",
            {"currency": statement.currency, "account": statement.account_iban},
            where,
        )
    ]


def check_balance(statement: Statement, where: Location = NOWHERE) -> list[Problem]:
    """Old balance + movements = new balance, where the statement gives both balances."""
    if statement.opening_cents is None or statement.closing_cents is None:
        return []
    moved = sum(m.amount_cents for m in statement.booked)
    expected = statement.opening_cents + moved
    if expected == statement.closing_cents:
        return []
    return [
        Problem(
            "statement.balance",
            {
                "number": statement.number,
                "opening": format_plain(statement.opening_cents),
                "moved": format_plain(moved),
                "expected": format_plain(expected),
                "closing": format_plain(statement.closing_cents),
            },
            where,
        )
    ]


def check_bundles(statement: Statement, where: Location = NOWHERE) -> list[Problem]:
    """A bundle's details, where the bank gives them, add up to its global amount."""
    problems: list[Problem] = []
    details: dict[str, int] = {}
    for movement in statement.movements:
        if movement.bundle == "detail" and movement.parent_line is not None:
            details[movement.parent_line] = (
                details.get(movement.parent_line, 0) + movement.amount_cents
            )
    for movement in statement.movements:
        if movement.bundle != "global" or movement.line not in details:
            continue
        if details[movement.line] != movement.amount_cents:
            problems.append(
                Problem(
                    "statement.bundle",
                    {
                        "line": movement.line,
                        "amount": format_plain(movement.amount_cents),
                        "details": format_plain(details[movement.line]),
                    },
                    where,
                )
            )
    return problems


CHECKS: tuple[Callable[[Statement, Location], list[Problem]], ...] = (
    check_currency,
    check_balance,
    check_bundles,
)


def check_statement(statement: Statement, where: Location = NOWHERE) -> list[Problem]:
    """Every problem of a statement, in the order of :data:`CHECKS`."""
    return [p for check in CHECKS for p in check(statement, where)]
