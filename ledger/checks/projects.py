"""Checks on a spearhead cluster's projects: adding one and changing it.

Every check takes plain values (the cluster's years and rule set, a
:class:`~ledger.portfolio.ProjectState`) and returns problems; the operations in
:mod:`ledger.operations.projects` raise the first error and write nothing then. The
status road is checked in :mod:`.project_status`, the partners in :mod:`.partners`,
their shares in :mod:`.shares`.

What a project's annual report shows is final once its year is locked: a status change
dated in a locked year is refused, and so is a change to a project's type, amounts,
dates or partners while a year it shows in is locked (its title, acronym, theme and a
partner's name decide nothing and stay free, as a company's name does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ledger.checks.shares import check_shares
from ledger.checks.text import check_text
from ledger.checks.years import check_plausible_day, locked
from ledger.money import MAX_CENTS, format_plain
from ledger.portfolio import ProjectState, years_shown
from ledger.problems import Location, Problem
from ledger.project_terms import USER_GROUP_TYPES, PartnerRole, ProjectStatus, ProjectType
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


def either(values: Iterable[str], word: str = "or") -> str:
    """``a``, ``a or b``, ``a, b or c`` (or with ``and``)."""
    items = list(values)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def where(problems: list[Problem], field: str) -> list[Problem]:
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
    problems = where(check_text(fields.title, what="title", max_length=500), "title")
    if not fields.title.strip():
        problems.append(Problem("project.title_empty", {}, Location(field="title")))
    problems += where(check_text(fields.acronym, what="acronym", max_length=50), "acronym")
    problems += where(check_text(fields.theme, what="theme", max_length=200), "theme")
    for field, cents in (
        ("budget", fields.budget_cents),
        ("aid requested", fields.aid_requested_cents),
    ):
        problems += where(check_amount(cents, field), field.replace(" ", "_"))
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
    return replace(
        project,
        budget_cents=fields.budget_cents,
        aid_requested_cents=fields.aid_requested_cents,
    )
