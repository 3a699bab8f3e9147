"""Checks on a project's partners: who a party is, its role, and its shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger.checks.projects import check_amount, check_years_open, closed, where
from ledger.checks.shares import check_shares
from ledger.checks.text import check_text
from ledger.identifiers import format_number
from ledger.money import format_plain
from ledger.portfolio import PartnerShare, ProjectState
from ledger.problems import Location, Problem
from ledger.project_terms import USER_GROUP_TYPES, PartnerRole, ProjectStatus
from ledger.snapshot import ClusterYears

S = ProjectStatus


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
    return where(check_text(partner.name, what="partner name", max_length=500), "name")


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
        problems += where(check_amount(cents, what), field)
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
