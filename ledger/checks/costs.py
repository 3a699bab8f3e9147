"""Checks on a year's coordination costs."""

from __future__ import annotations

from ledger.checks.amounts import check_costs
from ledger.checks.years import check_open, check_program_year
from ledger.problems import Problem
from ledger.snapshot import ClusterYears


def check_set_costs(cluster: ClusterYears, year: int, cents: int) -> list[Problem]:
    """Setting ``year``'s costs: zero or more, a year of the program, and open."""
    return check_costs(cents) or check_program_year(cluster, year) or check_open(cluster, year)
