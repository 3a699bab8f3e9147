"""A company's whole history, as ``member show`` and the app's member page show it.

Every dated fact with the days it holds, every change of each membership's days, every
mandate given, withdrawn or corrected; each with the audit event that recorded it (who,
when, from where), so a coordinator can answer "since when is this a knowledge
institution, and who said so".

>>> # record = company_record("0403170701", session=session)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from ledger import identifiers, queries
from ledger.history import COMPANY_FIELDS, START, Fact, in_force
from ledger.problems import Problem
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    Company,
    CompanyFact,
    MandateEvent,
    Membership,
    MembershipPeriod,
)


@dataclass(frozen=True)
class SetBy:
    """The audit event that recorded a fact."""

    event: int | None
    action: str | None
    at: datetime | None
    actor: str | None
    origin: str | None


@dataclass(frozen=True)
class FactLine:
    """One value of one dated field: in force from ``valid_from`` (None: from the start)
    until ``until`` (None: still), or overtaken before it ever held."""

    field: str
    value: str | None
    valid_from: date | None
    until: date | None
    in_force: bool
    reason: str | None
    recorded_at: datetime
    set_by: SetBy


@dataclass(frozen=True)
class PeriodLine:
    joined: date | None
    left: date | None
    reason: str | None
    recorded_at: datetime
    set_by: SetBy


@dataclass(frozen=True)
class MandateLine:
    action: str  # given, withdrawn, corrected
    on: date
    corrects: date | None  # for a correction: the date it corrected
    reason: str | None
    recorded_at: datetime
    set_by: SetBy


@dataclass(frozen=True)
class MembershipRecord:
    cluster: str
    joined: date | None
    left: date | None
    version: int
    periods: tuple[PeriodLine, ...]
    mandates: tuple[MandateLine, ...]


@dataclass(frozen=True)
class CompanyRecord:
    kbo: str
    name: str
    version: int
    facts: tuple[FactLine, ...]
    memberships: tuple[MembershipRecord, ...]


def _set_by(events: dict[int, AuditEvent], event_id: int | None) -> SetBy:
    event = events.get(event_id) if event_id is not None else None
    if event is None:
        return SetBy(event_id, None, None, None, None)
    return SetBy(event.id, event.action, event.at, event.actor, event.origin)


def company_record(kbo: str, *, session: Session, cluster: str | None = None) -> CompanyRecord:
    """Everything the ledger knows of a company, in the order it takes effect.

    Args:
        cluster: show only this cluster's membership (by name).

    Raises:
        NotFoundError: no such company, or (with ``cluster``) not a member of it.
    """
    number = identifiers.validate(kbo)
    company = queries.find_company(number, session=session)
    if company is None:
        facts = {"kbo": identifiers.format_number(number)}
        raise Problem("company.not_found", facts, kind="notfound").error()
    query = (
        select(Membership, Cluster)
        .join(Cluster, col(Cluster.id) == Membership.cluster_id)
        .where(Membership.company_id == company.id)
        .order_by(col(Cluster.name))
    )
    if cluster is not None:
        found = queries.get_cluster(cluster, session=session)
        query = query.where(Membership.cluster_id == found.id)
    memberships = session.exec(query).all()
    if cluster is not None and not memberships:
        queries.get_membership(found, number, session=session)  # raises, worded as elsewhere
    ids = [m.id for m, _ in memberships]
    facts = session.exec(
        select(CompanyFact)
        .where(CompanyFact.company_id == company.id)
        .order_by(col(CompanyFact.id))
    ).all()
    periods = session.exec(
        select(MembershipPeriod)
        .where(col(MembershipPeriod.membership_id).in_(ids))
        .order_by(col(MembershipPeriod.id))
    ).all()
    mandates = session.exec(
        select(MandateEvent)
        .where(col(MandateEvent.membership_id).in_(ids))
        .order_by(col(MandateEvent.id))
    ).all()
    wanted = {r.set_by_event for r in (*facts, *periods, *mandates) if r.set_by_event}
    events = {
        e.id: e
        for e in session.exec(select(AuditEvent).where(col(AuditEvent.id).in_(wanted))).all()
    }
    return CompanyRecord(
        kbo=company.kbo,
        name=company.name,
        version=company.version,
        facts=_fact_lines(company, facts, events),
        memberships=tuple(
            _membership(m, c.name, periods, mandates, events) for m, c in memberships
        ),
    )


def _fact_lines(
    company: Company, rows: list[CompanyFact], events: dict[int, AuditEvent]
) -> tuple[FactLine, ...]:
    lines: list[FactLine] = []
    by_id = {r.id: r for r in rows}
    for field in COMPANY_FIELDS:
        facts = [Fact(r.id, r.valid_from, r.value) for r in rows if r.field == field]  # type: ignore[arg-type]
        holding = {f.id: until for f, until in in_force(facts)}
        for fact in sorted(facts, key=lambda f: (f.valid_from, f.id)):
            row = by_id[fact.id]
            lines.append(
                FactLine(
                    field=field,
                    value=fact.value,
                    valid_from=None if fact.valid_from == START else fact.valid_from,
                    until=holding.get(fact.id),
                    in_force=fact.id in holding,
                    reason=row.reason,
                    recorded_at=row.recorded_at,
                    set_by=_set_by(events, row.set_by_event),
                )
            )
    return tuple(lines)


def _membership(
    membership: Membership,
    cluster: str,
    periods: list[MembershipPeriod],
    mandates: list[MandateEvent],
    events: dict[int, AuditEvent],
) -> MembershipRecord:
    given = {m.id: m.on_date for m in mandates}
    return MembershipRecord(
        cluster=cluster,
        joined=membership.joined,
        left=membership.left,
        version=membership.version,
        periods=tuple(
            PeriodLine(p.joined, p.left, p.reason, p.recorded_at, _set_by(events, p.set_by_event))
            for p in periods
            if p.membership_id == membership.id
        ),
        mandates=tuple(
            MandateLine(
                m.action,
                m.on_date,
                given.get(m.corrects_id) if m.corrects_id else None,
                m.reason,
                m.recorded_at,
                _set_by(events, m.set_by_event),
            )
            for m in mandates
            if m.membership_id == membership.id
        ),
    )
