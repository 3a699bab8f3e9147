"""Checks on a year: within the program, and open for writing."""

from __future__ import annotations

from ledger.dates import FIRST_YEAR, LAST_YEAR
from ledger.problems import Problem
from ledger.snapshot import ClusterYears


def check_program_year(cluster: ClusterYears, year: int) -> list[Problem]:
    """A year the cluster's program can hold: not before its start, and plausible."""
    if year < cluster.start_year:
        return [
            Problem(
                "year.before_start",
                {"year": year, "cluster": cluster.name, "start_year": cluster.start_year},
            )
        ]
    if year > LAST_YEAR:
        return [Problem("year.implausible", {"year": year})]
    return []


def check_open(cluster: ClusterYears, year: int) -> list[Problem]:
    """A year that takes writes: not locked."""
    if year in cluster.locked:
        return [locked(cluster, year)]
    return []


def locked(cluster: ClusterYears, year: int) -> Problem:
    return Problem("year.locked", {"year": year, "cluster": cluster.name}, kind="locked")


def check_plausible_day(what: str, day: object) -> list[Problem]:
    """A date a person can mean (the program years the ledger knows)."""
    year = getattr(day, "year", None)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return [
            Problem(
                "date.implausible",
                {"what": what, "day": day, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
        ]
    return []


def check_lock(cluster: ClusterYears, year: int) -> list[Problem]:
    """Locking: a year of the program that is not locked yet."""
    problems = check_program_year(cluster, year)
    if not problems and year in cluster.locked:
        problems.append(
            Problem("year.already_locked", {"year": year, "cluster": cluster.name}, kind="conflict")
        )
    return problems


def check_reopen(cluster: ClusterYears, year: int) -> list[Problem]:
    """Reopening: a locked year (the reason is checked as text by the operation)."""
    problems = check_program_year(cluster, year)
    if not problems and year not in cluster.locked:
        problems.append(
            Problem("year.not_locked", {"year": year, "cluster": cluster.name}, kind="conflict")
        )
    return problems
