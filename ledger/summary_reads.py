"""What a summary reads of the ledger, on SQLAlchemy Core: plain rows, no ORM objects.

Why it exists: a short read-only command (``summary`` of one cluster-year) spends more
time importing SQLModel, pydantic and building the table models than doing its work.
These reads name their columns through :mod:`ledger.storage.core` and take a
:class:`~sqlalchemy.engine.Connection`, so that path imports neither. They are the one
implementation: :mod:`ledger.state` and :mod:`ledger.queries` hand them their session's
connection, so a figure read through the ORM session and one read here cannot differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, Connection, Row, cast, func, select

from ledger.cluster_rules import ClusterRules, RuleCopy
from ledger.errors import DatabaseError
from ledger.history import CompanyFacts, MandateChange, Period
from ledger.problems import Problem
from ledger.snapshot import MemberHistory
from ledger.storage.core import (
    cluster,
    company,
    company_fact,
    contribution,
    coordination_cost,
    mandate_event,
    membership,
    rule_set_copy,
    year_lock_event,
)
from ledger.text import refuse_controls


class ClusterRow(NamedTuple):
    """A cluster as its summaries need it (read without loading the table's object)."""

    id: int
    name: str
    start_year: int
    kbo: str | None = None


_CLUSTER_COLUMNS = (cluster.c.id, cluster.c.name, cluster.c.start_year, cluster.c.kbo)


def find_cluster(conn: Connection, name: str) -> ClusterRow:
    """The cluster with this name, or as typed differently (case, spaces, accents).

    Raises:
        NotFoundError: no such cluster; the message lists the ones there are.
        InputError: the name holds a character no cluster name can (see ``ledger.text``),
            or it matches more than one cluster as typed differently.
    """
    refuse_controls(name, what="cluster name")  # a lone surrogate cannot even be queried
    row = conn.execute(select(*_CLUSTER_COLUMNS).where(cluster.c.name == name)).first()
    if row is not None:
        return ClusterRow(*row)
    from ledger.names import comparison_key

    key = comparison_key(name)
    found = [
        ClusterRow(*r)
        for r in conn.execute(select(*_CLUSTER_COLUMNS).order_by(cluster.c.id))
        if comparison_key(r[1]) == key
    ]
    if len(found) > 1:
        listed = ", ".join(repr(c.name) for c in found)
        raise Problem("name.ambiguous", {"name": name, "names": listed}).error()
    if found:
        return found[0]
    names = conn.execute(select(cluster.c.name).order_by(cluster.c.name)).scalars().all()
    if not names:
        raise Problem("cluster.none_yet", {"name": name}, kind="notfound").error()
    facts = {"name": name, "known": ", ".join(names)}
    raise Problem("cluster.unknown", facts, kind="notfound").error()


def every_cluster(conn: Connection) -> list[ClusterRow]:
    """Every cluster, in id order."""
    return [ClusterRow(*r) for r in conn.execute(select(*_CLUSTER_COLUMNS).order_by(cluster.c.id))]


# --- rule sets, sums, costs and locks ------------------------------------------------------

_COPY_COLUMNS = (
    rule_set_copy.c.id,
    rule_set_copy.c.rule_set,
    rule_set_copy.c.from_year,
    rule_set_copy.c.content,
    rule_set_copy.c.sha256,
)


def rule_copies(conn: Connection, cluster_id: int) -> ClusterRules:
    """The rule-set copies a cluster adopted, in order.

    Raises:
        DatabaseError: the cluster has none (the ledger was changed outside the program).
    """
    query = (
        select(*_COPY_COLUMNS)
        .where(rule_set_copy.c.cluster_id == cluster_id)
        .order_by(rule_set_copy.c.id)
    )
    copies = tuple(RuleCopy(*r) for r in conn.execute(query))
    if not copies:
        raise DatabaseError(
            f"cluster {cluster_id} has no stored rule set: the ledger was changed outside "
            "cluster-ledger; run 'cluster-ledger verify' and restore a backup"
        )
    return ClusterRules(copies)


def every_rule_copies(conn: Connection) -> dict[int, ClusterRules]:
    """Each cluster's rule-set copies, by cluster id (one query; see :func:`rule_copies`)."""
    found: dict[int, list[RuleCopy]] = defaultdict(list)
    query = select(rule_set_copy.c.cluster_id, *_COPY_COLUMNS).order_by(rule_set_copy.c.id)
    for cluster_id, *copy in conn.execute(query):
        found[cluster_id].append(RuleCopy(*copy))
    return {cid: ClusterRules(tuple(copies)) for cid, copies in found.items()}


def contributions_by_company(
    conn: Connection, cluster_id: int, year: int | None = None
) -> dict[int, dict[int, int]]:
    """Net cents per year and company id, summed in the database (from the covering index)."""
    c = contribution.c
    query = (
        select(c.year, c.company_id, func.sum(c.amount_cents))
        .where(c.cluster_id == cluster_id)
        .group_by(c.year, c.company_id)
    )
    if year is not None:
        query = query.where(c.year == year)
    totals: dict[int, dict[int, int]] = {}
    for y, company_id, cents in conn.execute(query).all():
        totals.setdefault(y, {})[company_id] = int(cents)
    return totals


def contribution_sums(conn: Connection) -> Iterable[Row[tuple[int, int, int, int]]]:
    """Net cents of every cluster, year and company, ``(cluster id, year, company id,
    cents)`` in that order: the whole ledger's aggregate as one sorted stream, read from
    the covering index, for summarising every cluster-year in one pass."""
    c = contribution.c
    query = (
        select(
            c.cluster_id,
            c.year,
            c.company_id,
            cast(func.sum(c.amount_cents), BigInteger),  # not numeric on PostgreSQL
        )
        .group_by(c.cluster_id, c.year, c.company_id)
        .order_by(c.cluster_id, c.year, c.company_id)
    )
    return conn.execution_options(yield_per=10_000).execute(query)  # type: ignore[return-value]


def costs_by_year(conn: Connection, cluster_id: int) -> dict[int, int]:
    c = coordination_cost.c
    query = select(c.year, c.amount_cents).where(c.cluster_id == cluster_id)
    return {year: cents for year, cents in conn.execute(query)}


def every_cost(conn: Connection) -> dict[int, dict[int, int]]:
    """Each cluster's coordination costs by year, by cluster id (one query)."""
    found: dict[int, dict[int, int]] = defaultdict(dict)
    c = coordination_cost.c
    for cluster_id, year, cents in conn.execute(select(c.cluster_id, c.year, c.amount_cents)):
        found[cluster_id][year] = cents
    return found


def locked_years(conn: Connection, cluster_id: int) -> set[int]:
    """Years whose latest lock event locks them."""
    e = year_lock_event.c
    query = select(e.year, e.locked).where(e.cluster_id == cluster_id).order_by(e.id)
    state = dict(conn.execute(query).all())
    return {year for year, locked in state.items() if locked}


def every_locked_year(conn: Connection) -> dict[int, set[int]]:
    """Each cluster's locked years (its latest lock event per year locks it), by cluster id."""
    e = year_lock_event.c
    state: dict[tuple[int, int], bool] = {}
    for cluster_id, year, locked in conn.execute(
        select(e.cluster_id, e.year, e.locked).order_by(e.id)
    ):
        state[cluster_id, year] = bool(locked)
    found: dict[int, set[int]] = defaultdict(set)
    for (cluster_id, year), locked in state.items():
        if locked:
            found[cluster_id].add(year)
    return found


# --- members and their histories -----------------------------------------------------------

_FACT_COLUMNS = (
    company_fact.c.company_id,
    company_fact.c.id,
    company_fact.c.field,
    company_fact.c.valid_from,
    company_fact.c.value,
)
_EVENT_COLUMNS = (
    mandate_event.c.membership_id,
    mandate_event.c.id,
    mandate_event.c.action,
    mandate_event.c.on_date,
    mandate_event.c.corrects_id,
)
# A member's row as every reader takes it: (company id, number, name, version, membership
# id, joined, left, membership version).
_MEMBER_COLUMNS = (
    company.c.id,
    company.c.kbo,
    company.c.name,
    company.c.version,
    membership.c.id,
    membership.c.joined,
    membership.c.left,
    membership.c.version,
)
_MEMBERS = membership.join(company, company.c.id == membership.c.company_id)


def company_facts(conn: Connection, company_ids: Iterable[int]) -> dict[int, CompanyFacts]:
    """The dated facts of each company, in one query."""
    ids = list(company_ids)
    rows: dict[int, list[tuple]] = defaultdict(list)
    if ids:
        query = select(*_FACT_COLUMNS).where(company_fact.c.company_id.in_(ids))
        for company_id, *row in conn.execute(query):
            rows[company_id].append(tuple(row))
    return {cid: CompanyFacts.from_rows(rows[cid]) for cid in ids}


def every_company_facts(conn: Connection) -> dict[int, CompanyFacts]:
    """Every company's dated facts, by company id (one query)."""
    rows: dict[int, list[tuple]] = defaultdict(list)
    for company_id, *row in conn.execute(select(*_FACT_COLUMNS)):
        rows[company_id].append(tuple(row))
    return {cid: CompanyFacts.from_rows(found) for cid, found in rows.items()}


def mandate_changes(
    conn: Connection, membership_ids: Iterable[int], *, cluster_id: int | None = None
) -> dict[int, tuple[MandateChange, ...]]:
    """Each membership's mandate events, in the order they were recorded."""
    ids = list(membership_ids)
    if not ids:
        return {}
    found: dict[int, list[MandateChange]] = defaultdict(list)
    query = select(*_EVENT_COLUMNS).order_by(mandate_event.c.id)
    if cluster_id is not None:  # a whole cluster: one indexed range, not a long IN list
        query = query.where(mandate_event.c.cluster_id == cluster_id)
    else:
        query = query.where(mandate_event.c.membership_id.in_(ids))
    for membership_id, *change in conn.execute(query):
        found[membership_id].append(MandateChange(*change))
    return {mid: tuple(changes) for mid, changes in found.items()}


def member_row_history(row: Any, facts: CompanyFacts, changes: Any) -> MemberHistory:
    """A member's history from its row (see ``_MEMBER_COLUMNS``), facts and mandate events."""
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


def member_histories(conn: Connection, cluster_id: int) -> dict[str, MemberHistory]:
    """Every member of a cluster with its history, by enterprise number."""
    query = select(*_MEMBER_COLUMNS).select_from(_MEMBERS)
    rows = conn.execute(query.where(membership.c.cluster_id == cluster_id)).all()
    facts = company_facts(conn, [r[0] for r in rows])
    changes = mandate_changes(conn, [r[4] for r in rows], cluster_id=cluster_id)
    return {row[1]: member_row_history(row, facts[row[0]], changes.get(row[4], ())) for row in rows}


def every_member_history(conn: Connection) -> Iterator[tuple[int, list[MemberHistory]]]:
    """Every member of every cluster with its history, cluster by cluster in id order:
    the reads of :func:`member_histories` once for the whole ledger. The memberships and
    mandates stream sorted by cluster, so only one cluster's histories are held at a
    time; each company's dated facts are read once, however many clusters it is in."""
    facts = every_company_facts(conn)
    memberships = (
        select(membership.c.cluster_id, *_MEMBER_COLUMNS)
        .select_from(_MEMBERS)
        .order_by(membership.c.cluster_id)
    )
    events = select(mandate_event.c.cluster_id, *_EVENT_COLUMNS).order_by(
        mandate_event.c.cluster_id, mandate_event.c.id
    )
    stream = conn.execution_options(yield_per=5_000)
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
                member_row_history(r[1:], facts.get(r[1], empty), changes.get(r[5], ()))
                for r in rows
            ],
        )


def companies(conn: Connection, company_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Each company's enterprise number and name, by id."""
    ids = list(company_ids)
    if not ids:
        return {}
    query = select(company.c.id, company.c.kbo, company.c.name).where(company.c.id.in_(ids))
    return {cid: (kbo, name) for cid, kbo, name in conn.execute(query)}
