"""The reads a report needs beyond :mod:`ledger.queries`: entries streamed as plain rows.

A report of 200,000 entries must not hold 200,000 ORM objects: the entries are read
in id order in batches and handed on one at a time, so memory stays flat as the ledger
grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import NamedTuple

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger.storage.tables import (
    Cluster,
    Company,
    Contribution,
    CoordinationCost,
    ImportBatch,
    YearLockEvent,
)

BATCH_ROWS = 2000


class EntryLine(NamedTuple):
    """One entry as the report lists it: who, how much, what it corrects, where it came from."""

    id: int
    year: int
    kbo: str
    name: str
    amount_cents: int
    paid_on: date | None
    note: str | None
    source: str | None
    reverses_id: int | None
    reversed_by: int | None
    batch_id: int | None
    batch_file: str | None
    source_row: int | None


def iter_entries(
    cluster: Cluster, *, session: Session, year: int | None = None
) -> Iterator[EntryLine]:
    """Entries of a cluster (or of one year) in id order, read in batches."""
    reversal = aliased(Contribution)
    query = (
        select(
            Contribution.id,
            Contribution.year,
            Company.kbo,
            Company.name,
            Contribution.amount_cents,
            Contribution.paid_on,
            Contribution.note,
            Contribution.source,
            Contribution.reverses_id,
            reversal.id,
            Contribution.batch_id,
            ImportBatch.file_name,
            Contribution.source_row,
        )
        .join(Company, col(Company.id) == Contribution.company_id)
        .outerjoin(reversal, col(reversal.reverses_id) == Contribution.id)
        .outerjoin(ImportBatch, col(ImportBatch.id) == Contribution.batch_id)
        .where(Contribution.cluster_id == cluster.id)
        .order_by(col(Contribution.id))
    )
    if year is not None:
        query = query.where(Contribution.year == year)
    result = session.connection().execution_options(yield_per=BATCH_ROWS).execute(query)
    for row in result:
        yield EntryLine(*row)


def latest_change(cluster: Cluster, *, session: Session, year: int | None = None) -> datetime:
    """When the reported state last changed: the newest entry, cost or lock event (or the
    cluster's creation). Reports carry it as their date, so the same state gives the same file."""
    stamps = [cluster.created_at]
    for table, column in (
        (Contribution, Contribution.created_at),
        (CoordinationCost, CoordinationCost.updated_at),
        (YearLockEvent, YearLockEvent.at),
    ):
        query = select(func.max(column)).where(table.cluster_id == cluster.id)
        if year is not None:
            query = query.where(table.year == year)
        found = session.exec(query).first()
        if found is not None:
            stamps.append(found)
    from ledger.report.projects import latest_project_change

    stamps += latest_project_change(cluster, session=session, year=year)
    return max(_utc_naive(s) for s in stamps)


def _utc_naive(moment: datetime) -> datetime:
    """SQLite returns naive UTC, PostgreSQL aware: one comparable form, to the second."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None, microsecond=0)
