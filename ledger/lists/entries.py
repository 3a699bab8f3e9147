"""A cluster's entries as listed: in the order recorded, each beside its correction.

A year may hold a hundred thousand entries, so this list is read a page at a time in
the database: the page's ids first, from the covering index alone, and only those rows
joined to their companies and reversals. Skipping to the last page of such a year then
costs a sort of ids (about 50 ms), not 100,000 joins.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger.lists import Listing, fold
from ledger.storage.tables import Cluster, Company, Contribution, Membership


@dataclass(frozen=True)
class EntryRow:
    """A contribution as listed: the entry, who made it, and what corrects it."""

    entry: Contribution
    kbo: str
    name: str
    reversed_by: int | None


def _search_terms(cluster: Cluster, session: Session, search: str) -> list:  # type: ignore[type-arg]
    """What a search matches: a member's name (accents and case ignored) or enterprise
    number, the entry's number, or its note."""
    words = fold(search.strip())
    digits = "".join(ch for ch in words if ch.isascii() and ch.isdigit())
    companies = session.exec(
        select(Company.id, Company.name, Company.kbo)
        .join(Membership, col(Membership.company_id) == Company.id)
        .where(Membership.cluster_id == cluster.id)
    ).all()
    ids = [
        cid
        for cid, name, kbo in companies
        if words in fold(name) or (len(digits) >= 3 and digits in kbo)
    ]
    terms = [col(Contribution.note).ilike(f"%{search.strip()}%")]
    if ids:
        terms.append(col(Contribution.company_id).in_(ids))
    if digits and digits == words and len(digits) < 19:
        terms.append(col(Contribution.id) == int(digits))
    return terms


def entries(
    cluster: Cluster,
    *,
    session: Session,
    year: int | None = None,
    search: str = "",
    limit: int | None = None,
    offset: int = 0,
) -> Listing[EntryRow]:
    """A cluster's entries (reversals included), in one year or all, in id order.

    Args:
        search: part of a member's name or enterprise number, an entry's number, or part
            of its note.
    """
    where = [Contribution.cluster_id == cluster.id]
    if year is not None:
        where.append(Contribution.year == year)
    if search.strip():
        where.append(or_(*_search_terms(cluster, session, search)))
    total = session.exec(select(func.count()).select_from(Contribution).where(*where)).one()
    reversal = aliased(Contribution)
    query = (
        select(Contribution, Company.kbo, Company.name, reversal.id)
        .join(Company, col(Company.id) == Contribution.company_id)
        .outerjoin(reversal, reversal.reverses_id == Contribution.id)
        .order_by(col(Contribution.id))
    )
    if limit is None:  # the whole list (the command line, an export): one pass
        query = query.where(*where).offset(offset)
    else:
        ids = session.exec(
            select(Contribution.id)
            .where(*where)
            .order_by(col(Contribution.id))
            .limit(limit)
            .offset(offset)
        ).all()
        if not ids:
            return Listing(total, [])
        query = query.where(col(Contribution.id).in_(ids))
    rows = session.exec(query).all()
    return Listing(total, [EntryRow(e, kbo, name, rid) for e, kbo, name, rid in rows])
