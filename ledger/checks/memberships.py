"""Checks on a membership: joining, and a change of its joining or leaving day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ledger.checks.effects import check_locked_years
from ledger.checks.years import check_plausible_day
from ledger.history import MandateChange, Period
from ledger.identifiers import format_number
from ledger.problems import Problem
from ledger.snapshot import ClusterYears, MemberHistory


def _order(joined: date | None, left: date | None) -> list[Problem]:
    if joined and left and left < joined:
        return [Problem("membership.left_before_joined", {"left": left, "joined": joined})]
    return []


def _days(joined: date | None, left: date | None) -> str:
    start = joined.isoformat() if joined else "the start"
    end = left.isoformat() if left else "no end"
    return f"{start} to {end}"


def check_join(
    cluster: ClusterYears, company: MemberHistory, period: Period, mandate: date | None = None
) -> list[Problem]:
    """Making ``company`` (not yet a member) a member of ``cluster`` for ``period``.

    A membership without a joining day covers every year, the locked ones included, so
    it is refused while a year is locked: give the day it joined.
    """
    if company.is_member:
        return [
            Problem(
                "membership.exists",
                {
                    "company": f"{company.name} ({format_number(company.kbo)})",
                    "cluster": cluster.name,
                },
                kind="conflict",
            )
        ]
    problems = _order(*period)
    for what, day in (("joining", period.joined), ("leaving", period.left), ("mandate", mandate)):
        problems += check_plausible_day(what, day)
    if problems:
        return problems
    changes = (MandateChange(1 << 62, "given", mandate),) if mandate else ()
    after = replace(company, membership_id=-1, period=period, changes=changes)
    return check_locked_years(cluster, company, after, f"a membership from {_days(*period)}")


def check_period_change(
    cluster: ClusterYears, member: MemberHistory, period: Period
) -> list[Problem]:
    """Changing a membership's days to ``period`` (leaving, or a correction)."""
    problems = _order(*period)
    for what, day in (("joining", period.joined), ("leaving", period.left)):
        problems += check_plausible_day(what, day)
    if problems:
        return problems
    after = replace(member, period=period)
    return check_locked_years(cluster, member, after, f"the membership from {_days(*period)}")
