"""Checks on a project's partners' shares: within the project's budget and aid, and what
is still missing or out of line (warnings shown beside the project)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ledger.money import format_plain
from ledger.portfolio import PartnerShare, ProjectState
from ledger.problems import Location, Problem
from ledger.project_terms import PartnerRole, ProjectStatus

S = ProjectStatus


def _sum(values: Iterable[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def check_shares(
    project: ProjectState,
    partners: Sequence[PartnerShare],
    where: Location,
    before: Sequence[PartnerShare] | None = None,
) -> list[Problem]:
    """The partners' budgets and aid add up to no more than the project's (when given).

    With ``before`` (the partners as they are), a sum already above its total (the aid
    granted was cut below the partners' shares) may come down step by step: only a change
    that raises a sum above its total is refused.
    """
    problems: list[Problem] = []
    budgets = _sum(p.budget_cents for p in partners)
    was_budgets = None if before is None else _sum(p.budget_cents for p in before)
    was_aid = None if before is None else _sum(p.aid_cents for p in before)

    def grew(now: int, was: int | None) -> bool:
        return before is None or was is None or now > was

    if (
        budgets is not None
        and project.budget_cents is not None
        and budgets > project.budget_cents
        and grew(budgets, was_budgets)
    ):
        problems.append(
            Problem(
                "project.partner_budget_above_total",
                {
                    "sum": format_plain(budgets),
                    "project": project.label,
                    "total": format_plain(project.budget_cents),
                },
                where,
            )
        )
    what, total = project.aid_total
    aid = _sum(p.aid_cents for p in partners)
    if aid is not None and total is not None and aid > total and grew(aid, was_aid):
        problems.append(
            Problem(
                "project.partner_aid_above_total",
                {
                    "sum": format_plain(aid),
                    "what": what,
                    "project": project.label,
                    "total": format_plain(total),
                },
                where,
            )
        )
    return problems


def share_notes(project: ProjectState) -> list[Problem]:
    """What is still missing from a project, or out of line (warnings shown beside it):
    partners' shares short of or over the totals, no aid granted recorded for an approved
    project, no coordinator."""
    notes: list[Problem] = []
    partners, label = project.partners, project.label
    budgets = _sum(p.budget_cents for p in partners)
    total_budget = project.budget_cents
    what, total_aid = project.aid_total
    aid = _sum(p.aid_cents for p in partners)
    for code, parts, total, extra in (
        ("budget", budgets, total_budget, {}),
        ("aid", aid, total_aid, {"what": what}),
    ):
        if total is None or (parts or 0) == total:
            continue
        over = (parts or 0) > total
        notes.append(
            Problem(
                f"project.partner_{code}_{'over' if over else 'short'}",
                {"sum": format_plain(parts or 0), "total": format_plain(total), "project": label}
                | extra,
                severity="warning",
            )
        )
    if project.status in (S.APPROVED, S.RUNNING, S.CLOSED) and project.aid_granted_cents is None:
        notes.append(Problem("project.aid_granted_missing", {"project": label}, severity="warning"))
    if partners and not any(p.role == PartnerRole.COORDINATOR for p in partners):
        notes.append(Problem("project.no_coordinator", {"project": label}, severity="warning"))
    return notes


def decision_notes(project: ProjectState) -> list[Problem]:
    """After a status change: only what the change may have put out of line."""
    keep = (
        "project.partner_budget_over",
        "project.partner_aid_over",
        "project.aid_granted_missing",
    )
    return [n for n in share_notes(project) if n.code in keep]
