"""The audit trail as listed: newest first, for the whole ledger or one cluster.

A cluster's trail holds its own events and the changes to the companies of its members
(a company belongs to no cluster, but its new postcode matters to every cluster it is a
member of); another cluster's member's change is not in it. Each row carries the name of
the company an event is about, so a face can tell the event as a sentence
(:func:`facts`) instead of showing its JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from ledger.lists import Listing, fold
from ledger.storage.tables import AuditEvent, Cluster, Company, Membership


@dataclass(frozen=True)
class AuditRow:
    """An audit event, its details read, and the company it is about (when one)."""

    event: AuditEvent
    details: dict[str, Any]
    name: str | None


def scope(query, cluster: Cluster | None):  # type: ignore[no-untyped-def]
    """Narrow an audit query to a cluster's events and its members' company changes."""
    if cluster is None:
        return query
    members = select(Membership.company_id).where(Membership.cluster_id == cluster.id)
    return query.where(
        or_(
            AuditEvent.cluster_id == cluster.id,
            and_(
                col(AuditEvent.cluster_id).is_(None),
                AuditEvent.entity == "company",
                col(AuditEvent.entity_id).in_(members),
            ),
        )
    )


def _search(session: Session, cluster: Cluster | None, search: str):  # type: ignore[no-untyped-def]
    """An event matches by its action, who made it, its details, or the enterprise number
    of a company whose name matches (accents and case ignored)."""
    text = search.strip()
    terms = [
        col(AuditEvent.action).ilike(f"%{text}%"),
        col(AuditEvent.actor).ilike(f"%{text}%"),
        col(AuditEvent.details).ilike(f"%{text}%"),
    ]
    companies = select(Company.kbo, Company.name)
    if cluster is not None:
        companies = companies.join(Membership, col(Membership.company_id) == Company.id).where(
            Membership.cluster_id == cluster.id
        )
    words = fold(text)
    numbers = [kbo for kbo, name in session.exec(companies).all() if words in fold(name)]
    terms.extend(col(AuditEvent.details).contains(f'"{kbo}"') for kbo in numbers[:200])
    return or_(*terms)


def audit(
    *,
    session: Session,
    cluster: Cluster | None = None,
    search: str = "",
    limit: int | None = None,
    offset: int = 0,
) -> Listing[AuditRow]:
    """The audit trail, newest first (a cluster's, with its members' company changes)."""
    where = scope(select(AuditEvent), cluster)
    if search.strip():
        where = where.where(_search(session, cluster, search))
    total = session.exec(select(func.count()).select_from(where.subquery())).one()
    query = where.order_by(col(AuditEvent.id).desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    events = list(session.exec(query).all())
    details = [_read(e.details) for e in events]
    numbers = {d["kbo"] for d in details if isinstance(d.get("kbo"), str)}
    names = dict(
        session.exec(select(Company.kbo, Company.name).where(col(Company.kbo).in_(numbers))).all()
        if numbers
        else []
    )
    return Listing(
        total,
        [AuditRow(e, d, names.get(d.get("kbo", ""))) for e, d in zip(events, details, strict=True)],
    )


def _read(details: str) -> dict[str, Any]:
    try:
        value = json.loads(details)
    except ValueError:  # written by the ledger as JSON; anything else is shown as it is
        return {"text": details}
    return value if isinstance(value, dict) else {"value": value}
