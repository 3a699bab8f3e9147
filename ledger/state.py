"""Reading the snapshots the checks take (:mod:`ledger.snapshot`) from the ledger.

A few grouped queries per snapshot, never one per member: a members import reads the
whole cluster's history once, however many rows it holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger import queries
from ledger.cluster_rules import ClusterRules, RuleCopy
from ledger.errors import DatabaseError
from ledger.history import CompanyFacts, MandateChange, Period
from ledger.snapshot import ClusterYears, CompanyHistory, MemberHistory
from ledger.storage.tables import (
    Cluster,
    Company,
    CompanyFact,
    Contribution,
    MandateEvent,
    Membership,
    RuleSetCopy,
)


def rule_copies(cluster_id: int, *, session: Session) -> ClusterRules:
    """The rule-set copies a cluster adopted, in order.

    Raises:
        DatabaseError: the cluster has none (the ledger was changed outside the program).
    """
    rows = session.exec(
        select(RuleSetCopy)
        .where(RuleSetCopy.cluster_id == cluster_id)
        .order_by(col(RuleSetCopy.id))
    ).all()
    if not rows:
        raise DatabaseError(
            f"cluster {cluster_id} has no stored rule set: the ledger was changed outside "
            "cluster-ledger; run 'cluster-ledger verify' and restore a backup"
        )
    return ClusterRules(
        tuple(RuleCopy(r.id, r.rule_set, r.from_year, r.content, r.sha256) for r in rows)  # type: ignore[arg-type]
    )


def every_rule_copies(*, session: Session) -> dict[int, ClusterRules]:
    """Each cluster's rule-set copies, by cluster id (one query; see :func:`rule_copies`)."""
    found: dict[int, list[RuleCopy]] = defaultdict(list)
    query = select(
        RuleSetCopy.cluster_id,
        RuleSetCopy.id,
        RuleSetCopy.rule_set,
        RuleSetCopy.from_year,
        RuleSetCopy.content,
        RuleSetCopy.sha256,
    ).order_by(col(RuleSetCopy.id))
    for cluster_id, *copy in session.connection().execute(query):
        found[cluster_id].append(RuleCopy(*copy))
    return {cid: ClusterRules(tuple(copies)) for cid, copies in found.items()}


def cluster_years(cluster: Cluster, *, session: Session) -> ClusterYears:
    """A cluster's program and locked years."""
    assert cluster.id is not None
    return ClusterYears(
        id=cluster.id,
        name=cluster.name,
        start_year=cluster.start_year,
        locked=frozenset(queries.locked_years(cluster, session=session)),
        rules=rule_copies(cluster.id, session=session),
    )


def company_facts(company_ids: Iterable[int], *, session: Session) -> dict[int, CompanyFacts]:
    """The dated facts of each company, in one query."""
    ids = list(company_ids)
    rows: dict[int, list[tuple]] = defaultdict(list)
    if ids:
        query = select(
            CompanyFact.company_id,
            CompanyFact.id,
            CompanyFact.field,
            CompanyFact.valid_from,
            CompanyFact.value,
        ).where(col(CompanyFact.company_id).in_(ids))
        for company_id, *row in session.connection().execute(query):
            rows[company_id].append(tuple(row))
    return {cid: CompanyFacts.from_rows(rows[cid]) for cid in ids}


def _mandate_changes(
    membership_ids: Iterable[int], *, session: Session, cluster_id: int | None = None
) -> dict[int, tuple[MandateChange, ...]]:
    ids = list(membership_ids)
    found: dict[int, list[MandateChange]] = defaultdict(list)
    if not ids:
        return {}
    query = select(
        MandateEvent.membership_id,
        MandateEvent.id,
        MandateEvent.action,
        MandateEvent.on_date,
        MandateEvent.corrects_id,
    ).order_by(col(MandateEvent.id))
    if cluster_id is not None:  # a whole cluster: one indexed range, not a long IN list
        query = query.where(MandateEvent.cluster_id == cluster_id)
    else:
        query = query.where(col(MandateEvent.membership_id).in_(ids))
    for membership_id, *change in session.connection().execute(query):
        found[membership_id].append(MandateChange(*change))
    return {mid: tuple(changes) for mid, changes in found.items()}


def member_histories(cluster: Cluster, *, session: Session) -> dict[str, MemberHistory]:
    """Every member of a cluster with its history, by enterprise number."""
    rows = (
        session.connection()
        .execute(
            select(*_MEMBER_COLUMNS)
            .join(Company, col(Company.id) == Membership.company_id)
            .where(Membership.cluster_id == cluster.id)
        )
        .all()
    )
    facts = company_facts([r[0] for r in rows], session=session)
    changes = _mandate_changes([r[4] for r in rows], session=session, cluster_id=cluster.id)
    return {
        row[1]: _member_row_history(row, facts[row[0]], changes.get(row[4], ())) for row in rows
    }


# A member's row as both readers take it: (company id, number, name, version, membership
# id, joined, left, membership version).
_MEMBER_COLUMNS = (
    Company.id,
    Company.kbo,
    Company.name,
    Company.version,
    Membership.id,
    Membership.joined,
    Membership.left,
    Membership.version,
)


def _member_row_history(row: Any, facts: CompanyFacts, changes: Any) -> MemberHistory:
    cid, kbo, name, version, mid, joined, left, mversion = row
    return MemberHistory(
        company_id=cid,
        kbo=kbo,
        name=name,
        facts=facts,
        membership_id=mid,
        period=Period(joined, left),
        changes=tuple(changes),
        version=version,
        membership_version=mversion,
    )


def every_member_history(*, session: Session) -> Iterator[tuple[int, list[MemberHistory]]]:
    """Every member of every cluster with its history, cluster by cluster in id order:
    the reads of :func:`member_histories` once for the whole ledger. The memberships and
    mandates stream sorted by cluster, so only one cluster's histories are held at a
    time; each company's dated facts are read once, however many clusters it is in."""
    facts = _every_company_facts(session)
    memberships = (
        select(Membership.cluster_id, *_MEMBER_COLUMNS)
        .join(Company, col(Company.id) == Membership.company_id)
        .order_by(col(Membership.cluster_id))
    )
    events = select(
        MandateEvent.cluster_id,
        MandateEvent.membership_id,
        MandateEvent.id,
        MandateEvent.action,
        MandateEvent.on_date,
        MandateEvent.corrects_id,
    ).order_by(col(MandateEvent.cluster_id), col(MandateEvent.id))
    stream = session.connection().execution_options(yield_per=5_000)
    mandates = groupby(stream.execute(events), key=itemgetter(0))
    pending = next(mandates, None)
    empty = CompanyFacts.from_rows(())
    for cluster_id, rows in groupby(stream.execute(memberships), key=itemgetter(0)):
        changes: dict[int, list[MandateChange]] = defaultdict(list)
        while pending is not None and pending[0] < cluster_id:  # a membership that is gone
            pending = next(mandates, None)
        if pending is not None and pending[0] == cluster_id:
            for _, membership_id, *change in pending[1]:
                changes[membership_id].append(MandateChange(*change))
            pending = next(mandates, None)
        yield (
            cluster_id,
            [
                _member_row_history(r[1:], facts.get(r[1], empty), changes.get(r[5], ()))
                for r in rows
            ],
        )


def _every_company_facts(session: Session) -> dict[int, CompanyFacts]:
    """Every company's dated facts, by company id (one query)."""
    rows: dict[int, list[tuple]] = defaultdict(list)
    query = select(
        CompanyFact.company_id,
        CompanyFact.id,
        CompanyFact.field,
        CompanyFact.valid_from,
        CompanyFact.value,
    )
    for company_id, *row in session.connection().execute(query):
        rows[company_id].append(tuple(row))
    return {cid: CompanyFacts.from_rows(found) for cid, found in rows.items()}


def member_history(cluster: Cluster, kbo: str, *, session: Session) -> MemberHistory | None:
    """One company's history in a cluster (a member or not); None for an unknown company."""
    company = queries.find_company(kbo, session=session)
    if company is None:
        return None
    membership = session.exec(
        select(Membership).where(
            Membership.cluster_id == cluster.id, Membership.company_id == company.id
        )
    ).first()
    return _history(company, membership, session=session)


def _history(company: Company, membership: Membership | None, *, session: Session) -> MemberHistory:
    assert company.id is not None
    facts = company_facts([company.id], session=session)[company.id]
    if membership is None:
        return MemberHistory(company.id, company.kbo, company.name, facts, version=company.version)
    assert membership.id is not None
    changes = _mandate_changes([membership.id], session=session).get(membership.id, ())
    return MemberHistory(
        company.id,
        company.kbo,
        company.name,
        facts,
        membership.id,
        Period(membership.joined, membership.left),
        changes,
        company.version,
        membership.version,
    )


def company_history(company: Company, *, session: Session) -> CompanyHistory:
    """A company with its history in every cluster it is a member of."""
    assert company.id is not None
    facts = company_facts([company.id], session=session)[company.id]
    memberships = session.exec(
        select(Membership, Cluster)
        .join(Cluster, col(Cluster.id) == Membership.cluster_id)
        .where(Membership.company_id == company.id)
        .order_by(col(Cluster.name))
    ).all()
    return CompanyHistory(
        company.id,
        company.kbo,
        company.name,
        facts,
        company.version,
        tuple(
            (cluster_years(cluster, session=session), _history(company, m, session=session))
            for m, cluster in memberships
        ),
    )


def member_ids(cluster: Cluster, *, session: Session) -> dict[str, int]:
    """The company id of each member of a cluster, by enterprise number (one query)."""
    query = (
        select(Company.kbo, Company.id)
        .join(Membership, col(Membership.company_id) == Company.id)
        .where(Membership.cluster_id == cluster.id)
    )
    return dict(session.connection().execute(query).all())  # type: ignore[arg-type]


def copies_in_use(*, session: Session) -> list[tuple[str, RuleCopy]]:
    """Each cluster's name and the rule-set copy it adopted last, by cluster name: what
    ``rules list`` compares the rule files with."""
    latest: dict[int, RuleSetCopy] = {}
    for copy in session.exec(select(RuleSetCopy).order_by(col(RuleSetCopy.id))).all():
        latest[copy.cluster_id] = copy
    names = dict(session.exec(select(Cluster.id, Cluster.name)).all())
    return sorted(
        (
            (names[cid], RuleCopy(c.id, c.rule_set, c.from_year, c.content, c.sha256))  # type: ignore[arg-type]
            for cid, c in latest.items()
        ),
        key=lambda pair: pair[0],
    )


def cluster_total(cluster: Cluster, *, session: Session) -> int:
    """What a cluster's entries add up to by size (reversals count too): the checks keep it
    under the bound that lets every sum be exact."""
    query = select(func.coalesce(func.sum(func.abs(Contribution.amount_cents)), 0)).where(
        Contribution.cluster_id == cluster.id
    )
    return int(session.connection().execute(query).scalar_one())
