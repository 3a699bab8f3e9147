"""Reading the ledger: clusters, members, entries, costs and year locks.

Each function takes ``*, session`` and returns tables' rows or plain values; none writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import BigInteger, Row, cast, func
from sqlmodel import Session, col, select

from ledger import identifiers
from ledger.problems import Problem
from ledger.storage.tables import (
    Cluster,
    Company,
    Contribution,
    CoordinationCost,
    Membership,
    YearLockEvent,
)
from ledger.text import refuse_controls


def get_cluster(name: str, *, session: Session) -> Cluster:
    """The cluster with this name.

    Raises:
        NotFoundError: no such cluster; the message lists the ones there are.
        InputError: the name holds a character no cluster name can (see ``ledger.text``).
    """
    refuse_controls(name, what="cluster name")  # a lone surrogate cannot even be queried
    cluster = session.exec(select(Cluster).where(Cluster.name == name)).first()
    if cluster is None:  # as typed differently: case, spaces, accents composed or not
        from ledger.names import comparison_key

        key = comparison_key(name)
        found = [c for c in session.exec(select(Cluster)).all() if comparison_key(c.name) == key]
        if len(found) > 1:
            listed = ", ".join(repr(c.name) for c in found)
            raise Problem("name.ambiguous", {"name": name, "names": listed}).error()
        cluster = found[0] if found else None
    if cluster is None:
        names = session.exec(select(Cluster.name).order_by(Cluster.name)).all()
        if not names:
            raise Problem("cluster.none_yet", {"name": name}, kind="notfound").error()
        facts = {"name": name, "known": ", ".join(names)}
        raise Problem("cluster.unknown", facts, kind="notfound").error()
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
    query = (
        select(Contribution.year, Contribution.company_id, func.sum(Contribution.amount_cents))
        .where(Contribution.cluster_id == cluster.id)
        .group_by(Contribution.year, Contribution.company_id)
    )
    if year is not None:
        query = query.where(Contribution.year == year)
    totals: dict[int, dict[int, int]] = {}
    for y, company_id, cents in session.connection().execute(query).all():
        totals.setdefault(y, {})[company_id] = int(cents)
    return totals


def contribution_sums(*, session: Session) -> Iterable[Row[tuple[int, int, int, int]]]:
    """Net cents of every cluster, year and company, ``(cluster id, year, company id,
    cents)`` in that order: the whole ledger's aggregate as one sorted stream, read from
    the covering index, for summarising every cluster-year in one pass."""
    query = (
        select(
            Contribution.cluster_id,
            Contribution.year,
            Contribution.company_id,
            cast(func.sum(Contribution.amount_cents), BigInteger),  # not numeric on PostgreSQL
        )
        .group_by(Contribution.cluster_id, Contribution.year, Contribution.company_id)
        .order_by(Contribution.cluster_id, Contribution.year, Contribution.company_id)
    )
    return session.connection().execution_options(yield_per=10_000).execute(query)  # type: ignore[return-value]


def every_cost(*, session: Session) -> dict[int, dict[int, int]]:
    """Each cluster's coordination costs by year, by cluster id (one query)."""
    found: dict[int, dict[int, int]] = defaultdict(dict)
    query = select(
        CoordinationCost.cluster_id, CoordinationCost.year, CoordinationCost.amount_cents
    )
    for cluster_id, year, cents in session.connection().execute(query):
        found[cluster_id][year] = cents
    return found


def every_locked_year(*, session: Session) -> dict[int, set[int]]:
    """Each cluster's locked years (its latest lock event per year locks it), by cluster id."""
    state: dict[tuple[int, int], bool] = {}
    query = select(YearLockEvent.cluster_id, YearLockEvent.year, YearLockEvent.locked).order_by(
        col(YearLockEvent.id)
    )
    for cluster_id, year, locked in session.connection().execute(query):
        state[cluster_id, year] = bool(locked)
    found: dict[int, set[int]] = defaultdict(set)
    for (cluster_id, year), locked in state.items():
        if locked:
            found[cluster_id].add(year)
    return found


def costs_by_year(cluster: Cluster, *, session: Session) -> dict[int, int]:
    rows = session.exec(
        select(CoordinationCost.year, CoordinationCost.amount_cents).where(
            CoordinationCost.cluster_id == cluster.id
        )
    ).all()
    return {year: cents for year, cents in rows}


def lock_history(
    cluster: Cluster, *, session: Session, year: int | None = None
) -> list[YearLockEvent]:
    query = select(YearLockEvent).where(YearLockEvent.cluster_id == cluster.id)
    if year is not None:
        query = query.where(YearLockEvent.year == year)
    return list(session.exec(query.order_by(col(YearLockEvent.id))).all())


def locked_years(cluster: Cluster, *, session: Session) -> set[int]:
    """Years whose latest lock event locks them."""
    state: dict[int, bool] = {}
    for event in lock_history(cluster, session=session):
        state[event.year] = event.locked
    return {year for year, locked in state.items() if locked}


def is_locked(cluster: Cluster, year: int, *, session: Session) -> bool:
    events = lock_history(cluster, session=session, year=year)
    return bool(events) and events[-1].locked
