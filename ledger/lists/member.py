"""One member's money in one cluster: what it paid each year, the corrections, the fee
expected of it, the import batches its entries came from, and the structured
communication its payment of a year quotes.

With :func:`ledger.company_record.company_record` (its dated facts, membership and
mandates) this is the member's page in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger import fees, identifiers, queries, state
from ledger.lists.entries import EntryRow
from ledger.payments import directory
from ledger.storage.tables import Cluster, Contribution, ImportBatch


@dataclass(frozen=True)
class YearMoney:
    """A member's entries of one year, added up."""

    year: int
    entries: int
    paid_cents: int  # the entries' sum, reversals left out
    reversed_cents: int  # the reversals' sum (zero or less)
    expected_cents: int | None  # the fee expected that year, when one is set

    @property
    def net_cents(self) -> int:
        return self.paid_cents + self.reversed_cents

    @property
    def outstanding_cents(self) -> int | None:
        if self.expected_cents is None:
            return None
        return max(self.expected_cents - self.net_cents, 0)


@dataclass(frozen=True)
class BatchUse:
    """An import batch that brought some of the member's entries."""

    batch: int
    file_name: str
    sheet: str | None
    at: datetime
    entries: int
    undone_by: int | None


@dataclass(frozen=True)
class MemberMoney:
    kbo: str
    name: str
    years: list[YearMoney]
    entries: list[EntryRow]
    batches: list[BatchUse]
    # (year, +++ddd/dddd/ddddd+++): what the member's payment of the year asked quotes;
    # None when no year was asked or no communication can be derived for it.
    ogm: tuple[int, str] | None = None

    @property
    def net_cents(self) -> int:
        return sum(y.net_cents for y in self.years)


def member_money(
    cluster: Cluster, kbo: str, *, session: Session, year: int | None = None
) -> MemberMoney:
    """Everything the member paid into ``cluster``, year by year, oldest first; with
    ``year``, also the structured communication a payment for that year quotes.

    Raises:
        NotFoundError: the company is not a member of the cluster.
    """
    number = identifiers.validate(kbo)
    _, company = queries.get_membership(cluster, number, session=session)
    reversal = aliased(Contribution)
    rows = session.exec(
        select(Contribution, reversal.id)
        .outerjoin(reversal, reversal.reverses_id == Contribution.id)
        .where(Contribution.cluster_id == cluster.id, Contribution.company_id == company.id)
        .order_by(col(Contribution.id))
    ).all()
    entries = [EntryRow(e, company.kbo, company.name, rid) for e, rid in rows]
    by_year: dict[int, list[Contribution]] = {}
    for row in entries:
        by_year.setdefault(row.entry.year, []).append(row.entry)
    years = []
    for each in sorted(by_year):
        found = by_year[each]
        assert company.id is not None
        expected = fees.fee_book(cluster, each, session=session).expected(
            company.id, _kind(session, company.id, each)
        )
        years.append(
            YearMoney(
                each,
                len(found),
                sum(e.amount_cents for e in found if e.reverses_id is None),
                sum(e.amount_cents for e in found if e.reverses_id is not None),
                expected,
            )
        )
    batches = _batches(session, entries)
    return MemberMoney(
        company.kbo, company.name, years, entries, batches, _ogm(cluster, company.id, year)
    )


def _ogm(cluster: Cluster, company_id: int | None, year: int | None) -> tuple[int, str] | None:
    if year is None or company_id is None:
        return None
    shown = directory.shown_ogm(cluster, company_id, year)
    return None if shown is None else (year, shown)


def _kind(session: Session, company_id: int, year: int) -> str:
    """The member's kind at the end of ``year``: the kind whose fee applies that year."""
    facts = state.company_facts([company_id], session=session)[company_id]
    return facts.kind_on(date(year, 12, 31)).value


def _batches(session: Session, entries: list[EntryRow]) -> list[BatchUse]:
    counts: dict[int, int] = {}
    for row in entries:
        if row.entry.batch_id is not None:
            counts[row.entry.batch_id] = counts.get(row.entry.batch_id, 0) + 1
    if not counts:
        return []
    undo = aliased(ImportBatch)
    found = session.exec(
        select(ImportBatch, undo.id)
        .outerjoin(undo, undo.undoes_id == ImportBatch.id)
        .where(col(ImportBatch.id).in_(list(counts)))
        .order_by(col(ImportBatch.id))
    ).all()
    return [
        BatchUse(b.id, b.file_name, b.sheet, b.at, counts[b.id], u)  # type: ignore[arg-type]
        for b, u in found
    ]
