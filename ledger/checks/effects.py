"""The rule every dated change obeys: it may not move the figures of a locked year.

A change to a company's kind or region, a membership's days or a mandate is refused
when, for some locked year of some cluster the company belongs to, what the history
says about that year (:class:`~ledger.history.YearView`: active, kind, region, the
mandate held) would differ before and after; or when it would change whether the
member counts at the call's deadline in a locked year. A change that moves nothing
locked is free, however far back it is dated: a postcode corrected within Flanders,
a kind changed from next year.
"""

from __future__ import annotations

from collections.abc import Iterable

from ledger.history import YearView
from ledger.identifiers import format_number
from ledger.problems import Problem
from ledger.snapshot import ClusterYears, MemberHistory

# The words for what moved, by YearView field.
_WHAT = {
    "active": "its membership",
    "kind": "its kind",
    "region": "its region",
    "mandate": "its mandate",
}


def _moved(before: YearView, after: YearView) -> list[str]:
    return [
        _WHAT[name] for name in YearView._fields if getattr(before, name) != getattr(after, name)
    ]


def check_locked_years(
    cluster: ClusterYears, before: MemberHistory, after: MemberHistory, change: str
) -> list[Problem]:
    """Refuse ``change`` (words for it, "kind knowledge_institution from 2026-03-01")
    if it moves what a locked year of ``cluster`` says about the member.

    One problem, naming the first such year and what would move in it.
    """
    for year in sorted(cluster.locked):
        moved = _moved(before.view(year), after.view(year))
        day = cluster.deadline_day(year)
        if day is not None and before.counts_at(day) != after.counts_at(day):
            moved.append(f"the mandates counted on {day.isoformat()}")
        if moved:
            return [
                Problem(
                    "locked.effect",
                    {
                        "change": change,
                        "member": f"{before.name} ({format_number(before.kbo)})",
                        "year": year,
                        "cluster": cluster.name,
                        "moved": " and ".join(dict.fromkeys(moved)),
                    },
                    kind="locked",
                )
            ]
    return []


def check_every_cluster(
    pairs: Iterable[tuple[ClusterYears, MemberHistory, MemberHistory]], change: str
) -> list[Problem]:
    """:func:`check_locked_years` in each cluster a company's change reaches."""
    for cluster, before, after in pairs:
        problems = check_locked_years(cluster, before, after, change)
        if problems:
            return problems
    return []
