"""Checks on a spearhead cluster's projects: adding one, changing it, its status, its partners.

Every check takes plain values (the cluster's years and rule set, a
:class:`~ledger.portfolio.ProjectState`) and returns problems; the operations in
:mod:`ledger.operations.projects` raise the first error and write nothing then.

What a project's annual report shows is final once its year is locked: a status change
dated in a locked year is refused, and so is a change to a project's type, amounts,
dates or partners while a year it shows in is locked (its title, acronym, theme and a
partner's name decide nothing and stay free, as a company's name does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ledger.checks.text import check_text
from ledger.checks.years import check_plausible_day, locked
from ledger.identifiers import format_number
from ledger.money import MAX_CENTS, format_plain
from ledger.portfolio import (
    FORWARD,
    PartnerShare,
    ProjectState,
    Step,
    path,
    years_shown,
)
from ledger.problems import Location, Problem
from ledger.project_terms import (
    USER_GROUP_TYPES,
    PartnerRole,
    ProjectStatus,
    ProjectType,
)
from ledger.rules import RuleSet
from ledger.snapshot import ClusterYears

S = ProjectStatus


@dataclass(frozen=True)
class ProjectFields:
    """What a user gives for a project: a new one, or the fields of one to change."""

    title: str
    type: ProjectType
    acronym: str | None = None
    theme: str | None = None
    submitted_on: date | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    budget_cents: int | None = None
    aid_requested_cents: int | None = None


@dataclass(frozen=True)
class NewPartner:
    """A party to add (or a partner's fields to change): by enterprise number, or by name
    and country."""

    role: PartnerRole
    kbo: str | None = None
    name: str | None = None
    country: str | None = None
    budget_cents: int | None = None
    aid_cents: int | None = None


def either(values: Iterable[str], word: str = "or") -> str:
    """``a``, ``a or b``, ``a, b or c`` (or with ``and``)."""
    items = list(values)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _where(problems: list[Problem], field: str) -> list[Problem]:
    return [p.at(Location(field=field)) for p in problems]


def check_allows_projects(
    cluster: ClusterYears, rules: RuleSet, kind: ProjectType
) -> list[Problem]:
    """The cluster's rule set allows projects, and this type of project."""
    if not rules.project_types:
        return [
            Problem(
                "project.not_spearhead",
                {"cluster": cluster.name, "rule_set": rules.id, "kind": rules.kind or rules.id},
            )
        ]
    if kind not in rules.project_types:
        allowed = ", ".join(t.value for t in rules.project_types)
        return [
            Problem(
                "project.type_not_allowed",
                {"rule_set": rules.id, "allowed": allowed, "type": kind.value},
                Location(field="type"),
            )
        ]
    return []


def check_amount(cents: int | None, what: str) -> list[Problem]:
    """A project amount: zero or more, within what the ledger adds up exactly."""
    if cents is None:
        return []
    if cents < 0:
        return [Problem("project.amount_negative", {"what": what, "amount": format_plain(cents)})]
    if cents > MAX_CENTS:
        return [
            Problem(
                "amount.too_large",
                {"what": what, "amount": format_plain(cents), "max": format_plain(MAX_CENTS)},
            )
        ]
    return []


def _order(pairs: Iterable[tuple[str, date | None, str, date | None]]) -> list[Problem]:
    for early_what, early, late_what, late in pairs:
        if early is not None and late is not None and late < early:
            return [
                Problem(
                    "project.dates_out_of_order",
                    {
                        "late_what": late_what,
                        "late": late,
                        "early_what": early_what,
                        "early": early,
                    },
                )
            ]
    return []


def check_fields(fields: ProjectFields, decided_on: date | None = None) -> list[Problem]:
    """A project's own fields: its texts, amounts and dates, each named by its field."""
    problems = _where(check_text(fields.title, what="title", max_length=500), "title")
    if not fields.title.strip():
        problems.append(Problem("project.title_empty", {}, Location(field="title")))
    problems += _where(check_text(fields.acronym, what="acronym", max_length=50), "acronym")
    problems += _where(check_text(fields.theme, what="theme", max_length=200), "theme")
    for field, cents in (
        ("budget", fields.budget_cents),
        ("aid requested", fields.aid_requested_cents),
    ):
        problems += _where(check_amount(cents, field), field.replace(" ", "_"))
    for what, day in (
        ("submission", fields.submitted_on),
        ("start", fields.starts_on),
        ("end", fields.ends_on),
    ):
        problems += check_plausible_day(what, day)
    budget, aid = fields.budget_cents, fields.aid_requested_cents
    if budget is not None and aid is not None and aid > budget:
        problems.append(
            Problem(
                "project.aid_above_budget",
                {"what": "aid requested", "aid": format_plain(aid), "budget": format_plain(budget)},
                Location(field="aid_requested"),
            )
        )
    problems += _order(
        (
            ("submission", fields.submitted_on, "decision", decided_on),
            ("start", fields.starts_on, "end", fields.ends_on),
        )
    )
    return problems


def check_themes(cluster: ClusterYears, theme: str | None, themes: Sequence[str]) -> list[Problem]:
    """A note when a project's theme is not on the cluster's list (the list is a guide)."""
    if theme is None or not themes or theme in themes:
        return []
    return [
        Problem(
            "project.theme_not_listed",
            {"theme": theme, "cluster": cluster.name, "themes": ", ".join(themes)},
            Location(field="theme"),
            severity="warning",
        )
    ]


def check_add(
    cluster: ClusterYears,
    rules: RuleSet,
    fields: ProjectFields,
    themes: Sequence[str],
) -> list[Problem]:
    """A new project: a cluster that allows its type, sound fields, and a submission day
    (its first step) in an open year."""
    problems = check_allows_projects(cluster, rules, fields.type)
    problems += check_fields(fields)
    if fields.submitted_on is not None and fields.submitted_on.year in cluster.locked:
        problems.append(locked(cluster, fields.submitted_on.year).at(Location(field="submitted")))
    return problems + check_themes(cluster, fields.theme, themes)


def closed(project: ProjectState) -> Problem:
    return Problem("project.closed", {"project": project.label, "id": project.id}, kind="conflict")


def check_years_open(cluster: ClusterYears, project: ProjectState, today: date) -> list[Problem]:
    """No year the project's annual report shows it in is locked (for a change that would
    move what that report says)."""
    shown = sorted(y for y in years_shown(project.steps, today.year) if y in cluster.locked)
    if shown:
        return [
            Problem(
                "project.locked",
                {"project": project.label, "year": shown[0], "cluster": cluster.name},
                kind="locked",
            )
        ]
    return []


def check_update(
    cluster: ClusterYears,
    rules: RuleSet,
    project: ProjectState,
    fields: ProjectFields,
    themes: Sequence[str],
    today: date,
) -> list[Problem]:
    """Changing a project's fields: not closed, sound, within its partners' shares, and
    (for what a report shows) no locked year reached."""
    if project.status == S.CLOSED:
        return [closed(project)]
    problems: list[Problem] = []
    if fields.type != project.type:
        problems += check_allows_projects(cluster, rules, fields.type)
        if any(p.role == PartnerRole.USER_GROUP for p in project.partners) and (
            fields.type not in USER_GROUP_TYPES
        ):
            problems.append(
                Problem(
                    "project.user_group_type",
                    {"project": project.label, "type": fields.type.value},
                    Location(field="type"),
                )
            )
    problems += check_fields(fields, project.decided_on)
    granted = project.aid_granted_cents
    if fields.budget_cents is not None and granted is not None and granted > fields.budget_cents:
        problems.append(
            Problem(
                "project.aid_above_budget",
                {
                    "what": "aid granted",
                    "aid": format_plain(granted),
                    "budget": format_plain(fields.budget_cents),
                },
                Location(field="budget"),
            )
        )
    changed = _figures(project) != (
        fields.type,
        fields.starts_on,
        fields.ends_on,
        fields.budget_cents,
        fields.aid_requested_cents,
    )
    if not problems:
        after = _with_fields(project, fields)
        # Only a total that changes is held to the partners' shares: a title edited on a
        # project whose grant was cut below its partners' aid is not refused for that.
        for problem in check_shares(after, after.partners, Location(field="budget")):
            budget_moved = fields.budget_cents != project.budget_cents
            request_moved = (
                fields.aid_requested_cents != project.aid_requested_cents
                and project.aid_granted_cents is None
            )
            if (problem.code.startswith("project.partner_budget") and budget_moved) or (
                problem.code.startswith("project.partner_aid") and request_moved
            ):
                problems.append(problem)
    if not problems and changed:
        problems += check_years_open(cluster, project, today)
    return problems + check_themes(cluster, fields.theme, themes)


def _figures(project: ProjectState) -> tuple[object, ...]:
    return (
        project.type,
        project.starts_on,
        project.ends_on,
        project.budget_cents,
        project.aid_requested_cents,
    )


def _with_fields(project: ProjectState, fields: ProjectFields) -> ProjectState:
    from dataclasses import replace

    return replace(
        project,
        budget_cents=fields.budget_cents,
        aid_requested_cents=fields.aid_requested_cents,
    )


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


def check_party(partner: NewPartner, known_name: str | None) -> list[Problem]:
    """Who a new partner is: a company by its enterprise number (named, if the ledger does
    not know it yet), or a party by its name and country; a Belgian number is Belgian."""
    if partner.kbo is not None:
        if partner.country is not None and partner.country != "BE":
            return [
                Problem(
                    "project.kbo_abroad",
                    {"kbo": format_number(partner.kbo), "country": partner.country},
                    Location(field="country"),
                )
            ]
        if known_name is None and not (partner.name or "").strip():
            return [
                Problem(
                    "project.partner_needs_name",
                    {"kbo": format_number(partner.kbo)},
                    Location(field="name"),
                )
            ]
    elif not (partner.name or "").strip() or partner.country is None:
        return [Problem("project.partner_needs_party", {}, Location(field="kbo"))]
    return _where(check_text(partner.name, what="partner name", max_length=500), "name")


def _party(partner: PartnerShare | NewPartner) -> str:
    if partner.kbo is not None:
        return (
            f"{partner.name} ({format_number(partner.kbo)})"
            if partner.name
            else format_number(partner.kbo)
        )
    return f"{partner.name} ({partner.country})"


def check_partner(
    cluster: ClusterYears,
    project: ProjectState,
    partner: PartnerShare,
    today: date,
    *,
    replacing: int | None = None,
) -> list[Problem]:
    """Adding ``partner`` to ``project`` (or, with ``replacing``, changing that partner).

    A party holds each role once; a project has one coordinator; a user group belongs to
    COOCK and ICON projects; a partner's aid is within its budget; the partners' shares
    stay within the project's totals; no locked year the project shows in is reached.
    """
    if project.status == S.CLOSED:
        return [closed(project)]
    problems: list[Problem] = []
    for field, cents, what in (
        ("budget", partner.budget_cents, "partner's budget"),
        ("aid", partner.aid_cents, "partner's aid"),
    ):
        problems += _where(check_amount(cents, what), field)
    if problems:
        return problems
    others = [p for p in project.partners if p.id != replacing]
    if partner.role == PartnerRole.USER_GROUP and project.type not in USER_GROUP_TYPES:
        return [
            Problem(
                "project.user_group_type",
                {"project": project.label, "type": project.type.value},
                Location(field="role"),
            )
        ]
    twice = next((p for p in others if p.party == partner.party and p.role == partner.role), None)
    if twice is not None:
        return [
            Problem(
                "project.partner_twice",
                {
                    "party": _party(twice),
                    "role": partner.role.value,
                    "project": project.label,
                    "partner": twice.id,
                },
                kind="conflict",
            )
        ]
    if partner.role == PartnerRole.COORDINATOR:
        first = next((p for p in others if p.role == PartnerRole.COORDINATOR), None)
        if first is not None:
            return [
                Problem(
                    "project.second_coordinator",
                    {"project": project.label, "party": _party(first)},
                    Location(field="role"),
                    kind="conflict",
                )
            ]
    if (
        partner.budget_cents is not None
        and partner.aid_cents is not None
        and partner.aid_cents > partner.budget_cents
    ):
        return [
            Problem(
                "project.partner_aid_above_budget",
                {
                    "party": _party(partner),
                    "aid": format_plain(partner.aid_cents),
                    "budget": format_plain(partner.budget_cents),
                },
                Location(field="aid"),
            )
        ]
    before = project.partners if replacing is not None else None
    problems = check_shares(project, [*others, partner], Location(field="budget"), before)
    if problems:
        return problems
    return check_years_open(cluster, project, today)


def check_remove_partner(
    cluster: ClusterYears, project: ProjectState, partner_id: int, today: date
) -> list[Problem]:
    """Taking a partner off a project: one it has, while no locked year shows it."""
    if project.status == S.CLOSED:
        return [closed(project)]
    if all(p.id != partner_id for p in project.partners):
        return [
            Problem(
                "project.partner_unknown",
                {"project": project.label, "partner": partner_id, "id": project.id},
                kind="notfound",
            )
        ]
    return check_years_open(cluster, project, today)


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
    problems = _where(check_amount(aid_granted_cents, "aid granted"), "aid_granted")
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


def first_step(status: ProjectStatus, day: date) -> Step:
    """A new project's first step (not yet written: id 0)."""
    return Step(0, None, status, day)
