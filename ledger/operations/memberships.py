"""Memberships: joining a cluster, and a change of the joining or leaving day.

Each change is kept as a row of :class:`~ledger.storage.tables.MembershipPeriod` beside
the membership's current days; one that would move the figures of a locked year is
refused (a member who leaves in 2026 still counts for 2026, so leaving in an open year
after a locked one is free).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger import identifiers, queries, state, versions
from ledger.checks.memberships import check_join, check_period_change
from ledger.history import Period
from ledger.kinds import MemberKind
from ledger.operations.companies import company_what, upsert_company
from ledger.problems import first_error
from ledger.regions import Region
from ledger.session import Tx
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    Company,
    MandateEvent,
    Membership,
    MembershipPeriod,
)


def join(
    tx: Tx,
    cluster: Cluster,
    company: Company,
    *,
    joined: date | None = None,
    left: date | None = None,
    mandate: date | None = None,
) -> Membership:
    """Make a company a member of a cluster (with the day it gave its mandate, if any).

    Raises:
        ConflictError: it is a member already.
        InputError: it leaves before it joins; a day is not plausible.
        LockedYearError: the membership would change the figures of a locked year (one
            without a joining day covers every year).
    """
    years = state.cluster_years(cluster, session=tx.session)
    history = state.member_history(cluster, company.kbo, session=tx.session)
    assert history is not None
    first_error(check_join(years, history, Period(joined, left), mandate))
    membership = Membership(cluster_id=cluster.id, company_id=company.id, joined=joined, left=left)
    event = tx.save(
        membership,
        "member.join",
        cluster_id=cluster.id,
        details={"kbo": company.kbo, "joined": joined, "left": left, "mandate": mandate},
    )
    record_period(tx, membership, event)
    if mandate is not None:
        tx.add_history(
            MandateEvent(
                membership_id=membership.id, cluster_id=cluster.id, action="given", on_date=mandate
            ),
            event,
        )
    return membership


def record_period(
    tx: Tx, membership: Membership, event: AuditEvent, reason: str | None = None
) -> None:
    """Keep the membership's days as they now stand in its history."""
    tx.add_history(
        MembershipPeriod(
            membership_id=membership.id,
            cluster_id=membership.cluster_id,
            joined=membership.joined,
            left=membership.left,
            reason=reason,
        ),
        event,
    )


def add_member(
    tx: Tx,
    cluster: Cluster,
    *,
    kbo: str,
    name: str,
    postcode: str,
    kind: MemberKind = MemberKind.ENTERPRISE,
    region_override: Region | None = None,
    joined: date | None = None,
    left: date | None = None,
    mandate: date | None = None,
    valid_from: date | None = None,
) -> Membership:
    """Record a company (new or known) and its membership in one step.

    Args:
        valid_from: for a known company whose details differ, the day they take effect.
    """
    company, _ = upsert_company(
        tx,
        kbo=kbo,
        name=name,
        postcode=postcode,
        kind=kind,
        region_override=region_override,
        valid_from=valid_from,
    )
    return join(tx, cluster, company, joined=joined, left=left, mandate=mandate)


def _membership(tx: Tx, cluster: Cluster, kbo: str) -> tuple[Membership, Company]:
    return queries.get_membership(cluster, identifiers.validate(kbo), session=tx.session)


def update_membership(
    tx: Tx,
    cluster: Cluster,
    *,
    kbo: str,
    expected_version: int | None = None,
    action: str = "member.update",
    **days: date | None,
) -> Membership:
    """Change a membership's ``joined`` and ``left`` days (those given; the others stay).

    Raises:
        InputError: it would leave before it joins.
        LockedYearError: the change would move the figures of a locked year.
        ConflictError: the membership is no longer at ``expected_version`` (when given).
    """
    unknown = set(days) - {"joined", "left"}
    if unknown:
        raise TypeError(f"update_membership() got unexpected days {sorted(unknown)}")
    membership, company = _membership(tx, cluster, kbo)
    before = {k: getattr(membership, k) for k in days}
    period = Period(**{"joined": membership.joined, "left": membership.left, **days})
    history = state.member_history(cluster, company.kbo, session=tx.session)
    assert history is not None
    first_error(
        check_period_change(state.cluster_years(cluster, session=tx.session), history, period)
    )
    what = f"the membership of {company_what(company)} in {cluster.name}"
    version = versions.next_version(tx, membership, expected_version, what)
    membership.joined, membership.left = period
    tx.session.add(membership)
    tx.session.flush()
    details: dict[str, Any] = {
        "kbo": company.kbo,
        "before": before,
        "after": days,
        "version": version,
    }
    event = tx.audit(
        action, entity="membership", entity_id=membership.id, cluster_id=cluster.id, details=details
    )
    record_period(tx, membership, event)
    return membership


def leave(
    tx: Tx, cluster: Cluster, *, kbo: str, left: date, expected_version: int | None = None
) -> Membership:
    """End a membership on ``left`` (the member still counts for that year).

    Raises:
        LockedYearError: the change would move the figures of a locked year.
        ConflictError: the membership is no longer at ``expected_version`` (when given).
    """
    return update_membership(
        tx, cluster, kbo=kbo, expected_version=expected_version, action="member.leave", left=left
    )
