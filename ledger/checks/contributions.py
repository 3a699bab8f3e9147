"""Checks on contributions: one typed in, many from an import, and a reversal.

:func:`check_entries` checks many entries the way :func:`check_entry` checks one, but
each distinct amount, member, year and note only once: an import of 100,000 rows
repeats them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from ledger.checks.amounts import check_positive
from ledger.checks.text import check_text
from ledger.checks.years import check_open, check_program_year
from ledger.identifiers import format_number
from ledger.money import CLUSTER_TOTAL_BOUND_CENTS, format_plain
from ledger.problems import Location, Problem
from ledger.snapshot import ClusterYears


class NewContribution(NamedTuple):
    """One entry to record, in cents (a tuple: an import makes 100,000 of them)."""

    kbo: str
    year: int
    amount_cents: int
    paid_on: date | None = None
    note: str | None = None
    source: str | None = None
    source_row: int | None = None


def not_a_member(cluster: ClusterYears, kbo: str) -> Problem:
    return Problem(
        "membership.unknown",
        {"kbo": format_number(kbo), "cluster": cluster.name},
        kind="notfound",
    )


def check_entry(
    cluster: ClusterYears, members: Mapping[str, int], entry: NewContribution
) -> list[Problem]:
    """One entry: a positive amount, from a member, for an open year of the program.

    Args:
        members: the cluster's members' company ids by enterprise number.
    """
    found = check_entries(cluster, members, [entry])
    return [problem for _, problem in found]


def check_entries(
    cluster: ClusterYears,
    members: Mapping[str, int],
    entries: Sequence[NewContribution],
    total_cents: int = 0,
) -> list[tuple[int, Problem]]:
    """Every entry's first problem, by the entry's index; each located at its field.

    Args:
        total_cents: what the cluster's entries add up to already (their sizes, whatever
            their sign): no entry may take it past :data:`~ledger.money.CLUSTER_TOTAL_BOUND_CENTS`,
            so no sum the ledger takes can overflow.
    """
    if _all_pass(cluster, members, entries, total_cents):
        return []
    problems: list[tuple[int, Problem]] = []
    running = total_cents
    amounts: dict[int, list[Problem]] = {}
    years: dict[int, list[Problem]] = {}
    notes: dict[str | None, list[Problem]] = {None: []}
    for index, entry in enumerate(entries):
        cents = entry.amount_cents
        if cents not in amounts:
            amounts[cents] = check_positive(cents)
        if amounts[cents]:
            problems.append((index, amounts[cents][0].at(Location(field="amount"))))
            continue
        running += abs(cents)
        if running > CLUSTER_TOTAL_BOUND_CENTS:
            bound = Problem(
                "amount.cluster_total",
                {"cluster": cluster.name, "bound": format_plain(CLUSTER_TOTAL_BOUND_CENTS)},
            )
            problems.append((index, bound.at(Location(field="amount"))))
            continue
        if entry.kbo not in members:
            problems.append((index, not_a_member(cluster, entry.kbo).at(Location(field="kbo"))))
            continue
        if entry.year not in years:
            years[entry.year] = check_program_year(cluster, entry.year) or check_open(
                cluster, entry.year
            )
        if years[entry.year]:
            problems.append((index, years[entry.year][0].at(Location(field="year"))))
            continue
        if entry.note not in notes:
            notes[entry.note] = check_text(entry.note, what="note", max_length=2000)
        if notes[entry.note]:
            problems.append((index, notes[entry.note][0].at(Location(field="note"))))
    return problems


_amount, _kbo, _year, _note = (attrgetter(f) for f in ("amount_cents", "kbo", "year", "note"))


def _all_pass(
    cluster: ClusterYears,
    members: Mapping[str, int],
    entries: Sequence[NewContribution],
    total_cents: int,
) -> bool:
    """Whether no entry has a problem, decided on each column's distinct values.

    An import's 100,000 entries are nearly always all fine; the same checks on the few
    hundred distinct members, years, amounts and notes say so without a Python step per
    entry. The running total only grows, so its bound holds for every entry when it holds
    for the last. Any doubt and :func:`check_entries` walks the entries one by one.
    """
    amounts = list(map(_amount, entries))
    if any(map(check_positive, set(amounts))):
        return False
    if total_cents + sum(amounts) > CLUSTER_TOTAL_BOUND_CENTS:
        return False
    if not set(map(_kbo, entries)) <= members.keys():
        return False
    for year in set(map(_year, entries)):
        if check_program_year(cluster, year) or check_open(cluster, year):
            return False
    notes = set(map(_note, entries))
    notes.discard(None)
    return not any(check_text(note, what="note", max_length=2000) for note in notes)


def check_reverse(
    cluster: ClusterYears,
    entry_id: int,
    *,
    reverses_id: int | None,
    reversed_by: int | None,
    year: int,
) -> list[Problem]:
    """Reversing entry ``entry_id``: not a reversal itself, not reversed yet, year open."""
    if reverses_id is not None:
        return [
            Problem(
                "entry.is_reversal", {"entry": entry_id, "reverses": reverses_id}, kind="conflict"
            )
        ]
    if reversed_by is not None:
        return [
            Problem(
                "entry.already_reversed", {"entry": entry_id, "by": reversed_by}, kind="conflict"
            )
        ]
    return check_open(cluster, year)
