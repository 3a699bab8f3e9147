"""Checks on mandates: given, withdrawn, or a given date corrected.

A member holds at most one mandate at a time. Recording another while one is held is
refused unless it says what it is: a correction of the date (``--replace`` with a
reason) or a withdrawal. Every event is kept, so the history shows each of them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ledger.checks.effects import check_locked_years
from ledger.checks.years import check_plausible_day
from ledger.history import MandateChange
from ledger.identifiers import format_number
from ledger.problems import Problem
from ledger.snapshot import ClusterYears, MemberHistory

_NEW = 1 << 62


def _who(member: MemberHistory) -> str:
    return f"{member.name} ({format_number(member.kbo)})"


def _with(member: MemberHistory, change: MandateChange) -> MemberHistory:
    return replace(member, changes=(*member.changes, change))


def check_given(cluster: ClusterYears, member: MemberHistory, day: date) -> list[Problem]:
    """A new mandate, given on ``day``."""
    problems = check_plausible_day("mandate", day)
    if problems:
        return problems
    last = member.mandates[-1] if member.mandates else None
    if last is not None and last.withdrawn is None:
        return [
            Problem(
                "mandate.exists",
                {"member": _who(member), "given": last.given, "day": day},
                kind="conflict",
            )
        ]
    if last is not None and last.withdrawn is not None and day < last.withdrawn:
        return [
            Problem(
                "mandate.before_withdrawal",
                {"member": _who(member), "day": day, "withdrawn": last.withdrawn},
            )
        ]
    after = _with(member, MandateChange(_NEW, "given", day))
    return check_locked_years(cluster, member, after, f"a mandate given on {day.isoformat()}")


def check_withdrawn(cluster: ClusterYears, member: MemberHistory, day: date) -> list[Problem]:
    """The mandate held withdrawn from ``day`` on."""
    problems = check_plausible_day("withdrawal", day)
    if problems:
        return problems
    last = member.mandates[-1] if member.mandates else None
    if last is None or last.withdrawn is not None:
        return [Problem("mandate.none_to_withdraw", {"member": _who(member)}, kind="conflict")]
    if day < last.given:
        return [
            Problem(
                "mandate.withdrawn_before_given",
                {"member": _who(member), "day": day, "given": last.given},
            )
        ]
    after = _with(member, MandateChange(_NEW, "withdrawn", day))
    return check_locked_years(cluster, member, after, f"a withdrawal on {day.isoformat()}")


def check_corrected(cluster: ClusterYears, member: MemberHistory, day: date) -> list[Problem]:
    """The latest mandate's date corrected to ``day`` (it was recorded wrongly)."""
    problems = check_plausible_day("mandate", day)
    if problems:
        return problems
    if not member.mandates:
        return [Problem("mandate.none_to_correct", {"member": _who(member)}, kind="conflict")]
    last = member.mandates[-1]
    if last.given == day:
        return [Problem("mandate.same_date", {"member": _who(member), "day": day}, kind="conflict")]
    if last.withdrawn is not None and day > last.withdrawn:
        return [
            Problem(
                "mandate.withdrawn_before_given",
                {"member": _who(member), "day": last.withdrawn, "given": day},
            )
        ]
    earlier = member.mandates[-2] if len(member.mandates) > 1 else None
    if earlier is not None and earlier.withdrawn is not None and day < earlier.withdrawn:
        return [
            Problem(
                "mandate.before_withdrawal",
                {"member": _who(member), "day": day, "withdrawn": earlier.withdrawn},
            )
        ]
    after = _with(member, MandateChange(_NEW, "corrected", day, last.given_by))
    return check_locked_years(
        cluster, member, after, f"the mandate of {last.given.isoformat()} corrected to {day}"
    )
