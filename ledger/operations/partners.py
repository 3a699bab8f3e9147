"""A project's partners: added (a company by enterprise number, or a party abroad by name
and country), changed, or taken off it.

Each write goes: load the project as plain values, check
(:mod:`ledger.checks.partners`), raise the first error, write, audit. A partner is a row
changed in place; each change is an audit event that keeps the row as written (under
``partner``), which ``verify`` holds it to.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from ledger import identifiers, projects, state
from ledger.checks import partners as partner_checks
from ledger.checks.partners import NewPartner
from ledger.checks.projects import closed
from ledger.money import format_plain
from ledger.operations.projects import KEEP, cents_or_none, first_error, load, today_or
from ledger.portfolio import PartnerShare, ProjectState
from ledger.problems import Problem
from ledger.project_terms import PartnerRole, ProjectStatus, parse_country
from ledger.session import Tx
from ledger.storage.project_tables import Project, ProjectPartner
from ledger.storage.tables import utcnow
from ledger.text import clean_text


def add_partner(
    tx: Tx,
    project_id: int,
    *,
    role: PartnerRole,
    kbo: str | None = None,
    name: str | None = None,
    country: str | None = None,
    budget: Decimal | None = None,
    aid: Decimal | None = None,
    today: date | None = None,
) -> ProjectPartner:
    """Add a party to a project: a company by its enterprise number (a member of the
    cluster or not), or a party abroad (or without a number) by name and country.

    Raises:
        InputError: the party is not named enough, twice in the role, a second
            coordinator, a user group on a project without one, or the shares go past
            the project's totals.
        LockedYearError: a year the project shows in is locked.
        ConflictError: the project is closed.
    """
    project, current, cluster = load(tx, project_id)
    number = identifiers.validate(kbo) if kbo else None
    land = parse_country(country) if country else None
    known = projects.known_name(number, session=tx.session)
    new = NewPartner(role, number, name, land, cents_or_none(budget), cents_or_none(aid))
    first_error(partner_checks.check_party(new, known))
    partner_name = clean_text(name, what="partner name", max_length=500) if name else known
    assert partner_name is not None
    share = PartnerShare(
        0, number, partner_name, land or "BE", role, new.budget_cents, new.aid_cents
    )
    years = state.cluster_years(cluster, session=tx.session)
    first_error(partner_checks.check_partner(years, current, share, today_or(today)))
    partner = ProjectPartner(
        project_id=project.id,  # type: ignore[arg-type]
        cluster_id=cluster.id,  # type: ignore[arg-type]
        kbo=number,
        name=partner_name,
        country=share.country,
        role=role.value,
        budget_cents=share.budget_cents,
        aid_cents=share.aid_cents,
    )
    tx.save(
        partner,
        "project.partner_add",
        cluster_id=cluster.id,
        details={
            "project_id": project.id,
            "kbo": number,
            "name": partner_name,
            "country": share.country,
            "role": role.value,
        },
    )
    return partner


def _partner(tx: Tx, project: Project, current: ProjectState, partner_id: int) -> ProjectPartner:
    row = projects.get_partner(project, partner_id, session=tx.session)
    if row is None or row.removed:
        facts = {"project": current.label, "partner": partner_id, "id": current.id}
        raise Problem("project.partner_unknown", facts, kind="notfound").error()
    return row


def _same_version(current: ProjectState, row: ProjectPartner, expected: int | None) -> None:
    """Refuse a change based on another version of the partner than the ledger holds."""
    if expected is not None and row.version != expected:
        facts = {
            "project": f"{current.label}, partner {row.id},",
            "who": "another user",
            "expected": expected,
            "now": row.version,
        }
        raise Problem("project.changed_since", facts, kind="conflict").error()


def update_partner(
    tx: Tx,
    project_id: int,
    partner_id: int,
    *,
    role: Any = KEEP,
    name: Any = KEEP,
    budget: Any = KEEP,
    aid: Any = KEEP,
    expected_version: int | None = None,
    today: date | None = None,
) -> ProjectPartner:
    """Change a partner's role, name or shares (``KEEP`` leaves one, None clears a share).

    Args:
        expected_version: the partner's version the change is based on (a form's).

    Raises:
        the errors of :func:`add_partner`; NotFoundError for a partner the project does
        not have; ConflictError for a partner changed since ``expected_version``.
    """
    project, current, cluster = load(tx, project_id)
    row = _partner(tx, project, current, partner_id)
    _same_version(current, row, expected_version)
    old = projects.share(row)
    new_name = old.name if name is KEEP else clean_text(name, what="partner name", max_length=500)
    changed = replace(
        old,
        role=old.role if role is KEEP else role,
        name=new_name,
        budget_cents=old.budget_cents if budget is KEEP else cents_or_none(budget),
        aid_cents=old.aid_cents if aid is KEEP else cents_or_none(aid),
    )
    if changed == old:
        facts = {"project": current.label}
        raise Problem("project.nothing_to_change", facts, kind="conflict").error()
    years = state.cluster_years(cluster, session=tx.session)
    if replace(changed, name=old.name) == old:  # a name decides nothing: always free
        if current.status == ProjectStatus.CLOSED:
            first_error([closed(current)])
    else:
        first_error(
            partner_checks.check_partner(
                years, current, changed, today_or(today), replacing=partner_id
            )
        )
    before = projects.share(row)
    row.role, row.name = changed.role.value, changed.name
    row.budget_cents, row.aid_cents = changed.budget_cents, changed.aid_cents
    row.version += 1
    row.updated_at = utcnow()
    tx.save(
        row,
        "project.partner_update",
        cluster_id=cluster.id,
        details={
            "project_id": project.id,
            "before": _share_details(before),
            "after": _share_details(changed),
        },
    )
    return row


def _share_details(share: PartnerShare) -> dict[str, Any]:
    return {
        "role": share.role.value,
        "name": share.name,
        "budget": None if share.budget_cents is None else format_plain(share.budget_cents),
        "aid": None if share.aid_cents is None else format_plain(share.aid_cents),
    }


def remove_partner(
    tx: Tx,
    project_id: int,
    partner_id: int,
    *,
    reason: str,
    expected_version: int | None = None,
    today: date | None = None,
) -> ProjectPartner:
    """Take a partner off a project (added by mistake, or it left the consortium); the
    row stays, marked removed, and the reason is in the audit trail."""
    why = clean_text(reason, what="reason", max_length=2000)
    project, current, cluster = load(tx, project_id)
    row = _partner(tx, project, current, partner_id)
    _same_version(current, row, expected_version)
    years = state.cluster_years(cluster, session=tx.session)
    first_error(partner_checks.check_remove_partner(years, current, partner_id, today_or(today)))
    row.removed = True
    row.version += 1
    row.updated_at = utcnow()
    tx.save(
        row,
        "project.partner_remove",
        cluster_id=cluster.id,
        details={"project_id": project.id, "reason": why},
    )
    return row
