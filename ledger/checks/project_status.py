"""Checks on a project's status: a step along the road (or one back, with a reason), on or
after its last day, in an open year, and the aid granted that goes with the approval."""

from __future__ import annotations

from datetime import date

from ledger.checks.projects import check_amount, closed, either, where
from ledger.checks.text import check_text
from ledger.checks.years import check_plausible_day, locked
from ledger.money import format_plain
from ledger.portfolio import FORWARD, ProjectState, path
from ledger.problems import Location, Problem
from ledger.project_terms import ProjectStatus
from ledger.snapshot import ClusterYears

S = ProjectStatus


def back_to(project: ProjectState) -> ProjectStatus | None:
    """The status a step back returns to: the one before the current one on the path."""
    road = path(project.steps)
    return road[-2][0] if len(road) > 1 else None


def check_status(
    cluster: ClusterYears,
    project: ProjectState,
    to: ProjectStatus,
    day: date,
    *,
    aid_granted_cents: int | None = None,
    force: bool = False,
    reason: str | None = None,
) -> list[Problem]:
    """A status change: a step along the road (or one back, with a reason), dated on or
    after the last one, in an open year; aid granted only with the approval, and above
    the aid requested only on purpose (``force``, with a reason)."""
    current, label = project.status, project.label
    facts = {"project": label, "current": current.value, "to": to.value, "id": project.id}
    if current == S.CLOSED and to != S.RUNNING:
        return [closed(project)]
    if to == current:
        return [Problem("project.status_same", facts, kind="conflict")]
    back = back_to(project)
    going_back = to == back
    if not going_back and to not in FORWARD[current]:
        road = [status for status, _ in path(project.steps)]
        if to in road:
            skipped = road[road.index(to) + 1 : -1]
            return [
                Problem(
                    "project.status_skips_back",
                    {
                        **facts,
                        "skipped": either((s.value for s in skipped), "and"),
                        "back": back.value if back else "",
                    },
                )
            ]
        if not FORWARD[current]:
            return [
                Problem("project.status_final", {**facts, "back": back.value if back else "draft"})
            ]
        following = either(s.value for s in FORWARD[current])
        return [Problem("project.status_not_next", {**facts, "next": following})]
    if going_back and not (reason or "").strip():
        return [Problem("project.status_back_needs_reason", facts, Location(field="reason"))]
    problems = check_text(reason, what="reason", max_length=2000)
    problems += check_plausible_day("status", day)
    if problems:
        return problems
    last = project.last_step()
    if last is not None and day < last.on_date:
        return [
            Problem(
                "project.status_date_before",
                {**facts, "day": day, "last": last.on_date, "last_status": last.to_status.value},
                Location(field="date"),
            )
        ]
    if day.year in cluster.locked:
        return [locked(cluster, day.year).at(Location(field="date"))]
    return check_grant(project, to, day, aid_granted_cents, force=force, reason=reason)


def check_grant(
    project: ProjectState,
    to: ProjectStatus,
    day: date,
    aid_granted_cents: int | None,
    *,
    force: bool,
    reason: str | None,
) -> list[Problem]:
    """The aid granted goes with the approval; above the aid requested only on purpose."""
    facts = {"project": project.label, "id": project.id}
    if aid_granted_cents is None:
        return []
    if to != S.APPROVED:
        return [Problem("project.aid_granted_not_approved", facts, Location(field="aid_granted"))]
    problems = where(check_amount(aid_granted_cents, "aid granted"), "aid_granted")
    if problems:
        return problems
    budget = project.budget_cents
    if budget is not None and aid_granted_cents > budget:
        return [
            Problem(
                "project.aid_above_budget",
                {
                    "what": "aid granted",
                    "aid": format_plain(aid_granted_cents),
                    "budget": format_plain(budget),
                },
                Location(field="aid_granted"),
            )
        ]
    requested = project.aid_requested_cents
    if requested is not None and aid_granted_cents > requested:
        if not force:
            return [
                Problem(
                    "project.aid_above_requested",
                    {
                        **facts,
                        "granted": format_plain(aid_granted_cents),
                        "requested": format_plain(requested),
                    },
                    Location(field="aid_granted"),
                )
            ]
        if not (reason or "").strip():
            return [Problem("project.force_needs_reason", facts, Location(field="reason"))]
    return []


def needs_force(project: ProjectState, aid_granted_cents: int | None) -> bool:
    """Whether the aid granted is above the aid requested (recorded with ``forced``)."""
    requested = project.aid_requested_cents
    return aid_granted_cents is not None and requested is not None and aid_granted_cents > requested
