"""Reading the ledger: clusters, members, entries, costs and year locks.

Each function takes ``*, session`` and returns tables' rows or plain values; none writes.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Row
from sqlmodel import Session, col, select

from ledger import identifiers
from ledger import summary_reads as reads
from ledger.problems import Problem
from ledger.storage.tables import Cluster, Company, Contribution, Membership, YearLockEvent


def get_cluster(name: str, *, session: Session) -> Cluster:
    """The cluster with this name (see :func:`ledger.summary_reads.find_cluster`).

    Raises:
        NotFoundError: no such cluster; the message lists the ones there are.
        InputError: the name holds a character no cluster name can (see ``ledger.text``).
    """
    if session.autoflush:
        session.flush()
    found = reads.find_cluster(session.connection(), name)
    cluster = session.get(Cluster, found.id)
    assert cluster is not None
    return cluster


def list_clusters(*, session: Session) -> list[Cluster]:
    return list(session.exec(select(Cluster).order_by(Cluster.name)).all())


def find_company(kbo: str, *, session: Session) -> Company | None:
    return session.exec(select(Company).where(Company.kbo == kbo)).first()


def get_membership(cluster: Cluster, kbo: str, *, session: Session) -> tuple[Membership, Company]:
    """A company's membership of a cluster.

    Raises:
        NotFoundError: the company is not known, or not a member of this cluster.
    """
    row = session.exec(
        select(Membership, Company)
        .join(Company, col(Company.id) == Membership.company_id)
        .where(Membership.cluster_id == cluster.id, Company.kbo == kbo)
    ).first()
    if row is None:
        facts = {"kbo": identifiers.format_number(kbo), "cluster": cluster.name}
        raise Problem("membership.unknown", facts, kind="notfound").error()
    return row


def get_contribution(entry_id: int, *, session: Session) -> Contribution:
    # An id beyond 64 bits cannot exist, and would overflow the database driver.
    entry = session.get(Contribution, entry_id) if 0 < entry_id < 2**63 else None
    if entry is None:
        raise Problem("entry.unknown", {"id": entry_id}, kind="notfound").error()
    return entry


def reversal_of(entry: Contribution, *, session: Session) -> Contribution | None:
    """The entry that reverses ``entry``, if one does."""
    return session.exec(select(Contribution).where(Contribution.reverses_id == entry.id)).first()


def contributions_by_company(
    cluster: Cluster, *, session: Session, year: int | None = None
) -> dict[int, dict[int, int]]:
    """Net cents per year and company id, summed in the database (from the covering index).

    Run as a plain SQL statement rather than through the ORM: a large ledger returns
    hundreds of thousands of sums, and ORM row handling would cost more than the query.
    """
    assert cluster.id is not None
    return reads.contributions_by_company(session.connection(), cluster.id, year)


def contribution_sums(*, session: Session) -> Iterable[Row[tuple[int, int, int, int]]]:
    """Net cents of every cluster, year and company, sorted (see
    :func:`ledger.summary_reads.contribution_sums`)."""
    return reads.contribution_sums(session.connection())


def every_cost(*, session: Session) -> dict[int, dict[int, int]]:
    """Each cluster's coordination costs by year, by cluster id (one query)."""
    return reads.every_cost(session.connection())


def every_locked_year(*, session: Session) -> dict[int, set[int]]:
    """Each cluster's locked years (its latest lock event per year locks it), by cluster id."""
    return reads.every_locked_year(session.connection())


def costs_by_year(cluster: Cluster, *, session: Session) -> dict[int, int]:
    assert cluster.id is not None
    if session.autoflush:
        session.flush()
    return reads.costs_by_year(session.connection(), cluster.id)


def lock_history(
    cluster: Cluster, *, session: Session, year: int | None = None
) -> list[YearLockEvent]:
    query = select(YearLockEvent).where(YearLockEvent.cluster_id == cluster.id)
    if year is not None:
        query = query.where(YearLockEvent.year == year)
    return list(session.exec(query.order_by(col(YearLockEvent.id))).all())


def locked_years(cluster: Cluster, *, session: Session) -> set[int]:
    """Years whose latest lock event locks them."""
    assert cluster.id is not None
    if session.autoflush:
        session.flush()
    return reads.locked_years(session.connection(), cluster.id)


def is_locked(cluster: Cluster, year: int, *, session: Session) -> bool:
    events = lock_history(cluster, session=session, year=year)
    return bool(events) and events[-1].locked
