"""Reading the snapshots the checks take (:mod:`ledger.snapshot`) from the ledger.

A few grouped queries per snapshot, never one per member: a members import reads the
whole cluster's history once, however many rows it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, func
from sqlmodel import Session, col, select

from ledger import queries
from ledger import summary_reads as reads
from ledger.cluster_rules import ClusterRules, RuleCopy
from ledger.history import CompanyFacts, Period
from ledger.snapshot import ClusterYears, CompanyHistory, MemberHistory
from ledger.storage.tables import Cluster, Company, Contribution, Membership, RuleSetCopy


def _flushed(session: Session) -> Connection:
    """The session's connection, its pending changes flushed first as an ORM query would."""
    if session.autoflush:
        session.flush()
    return session.connection()


def rule_copies(cluster_id: int, *, session: Session) -> ClusterRules:
    """The rule-set copies a cluster adopted, in order.

    Raises:
        DatabaseError: the cluster has none (the ledger was changed outside the program).
    """
    return reads.rule_copies(_flushed(session), cluster_id)


def every_rule_copies(*, session: Session) -> dict[int, ClusterRules]:
    """Each cluster's rule-set copies, by cluster id (one query; see :func:`rule_copies`)."""
    return reads.every_rule_copies(session.connection())


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
    return reads.company_facts(session.connection(), company_ids)


def member_histories(cluster: Cluster, *, session: Session) -> dict[str, MemberHistory]:
    """Every member of a cluster with its history, by enterprise number."""
    assert cluster.id is not None
    return reads.member_histories(session.connection(), cluster.id)


def every_member_history(*, session: Session) -> Iterator[tuple[int, list[MemberHistory]]]:
    """Every member of every cluster with its history, cluster by cluster in id order
    (see :func:`ledger.summary_reads.every_member_history`)."""
    return reads.every_member_history(session.connection())


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
    changes = reads.mandate_changes(session.connection(), [membership.id]).get(membership.id, ())
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
