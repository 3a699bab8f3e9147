"""Checks on amounts: a contribution is positive (a correction is a reversing entry),
and no amount or total can grow past what the ledger adds up exactly."""

from __future__ import annotations

from ledger.money import MAX_CENTS, format_plain
from ledger.problems import Problem


def check_positive(cents: int, what: str = "amount") -> list[Problem]:
    """A contribution's amount: more than zero, and within what the ledger can hold."""
    if cents < 0:
        return [Problem("amount.negative", {"what": what, "amount": format_plain(cents)})]
    if cents == 0:
        return [Problem("amount.zero", {"what": what})]
    if cents > MAX_CENTS:
        return [
            Problem(
                "amount.too_large",
                {"what": what, "amount": format_plain(cents), "max": format_plain(MAX_CENTS)},
            )
        ]
    return []


def check_costs(cents: int) -> list[Problem]:
    """A year's coordination costs: zero or more."""
    if cents < 0:
        return [Problem("costs.negative", {"amount": format_plain(cents)})]
    if cents > MAX_CENTS:
        return [
            Problem(
                "amount.too_large",
                {"what": "costs", "amount": format_plain(cents), "max": format_plain(MAX_CENTS)},
            )
        ]
    return []
