"""Contributions: one typed in, many from an import, and a reversal that cancels one.

A contribution is never edited or deleted: it is cancelled by a reversing entry of the
opposite amount that names it, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ledger import identifiers, queries, state
from ledger.checks.contributions import NewContribution, check_entries, check_reverse
from ledger.errors import LedgerError
from ledger.money import format_plain, to_cents
from ledger.problems import Location, first_error
from ledger.session import Tx
from ledger.storage.bulk import insert_many
from ledger.storage.tables import Cluster, Contribution, utcnow
from ledger.text import clean_text, optional_text


def _member_ids(tx: Tx, cluster: Cluster) -> dict[str, int]:
    return state.member_ids(cluster, session=tx.session)


def record_contribution(
    tx: Tx,
    cluster: Cluster,
    *,
    kbo: str,
    year: int,
    amount: Decimal,
    paid_on: date | None = None,
    note: str | None = None,
    source: str | None = None,
) -> Contribution:
    """Record a member's contribution for a year.

    Raises:
        InputError: the amount is not positive or has three decimals; the year is before the start.
        NotFoundError: the company is not a member of the cluster.
        LockedYearError: the year is locked.
    """
    cents = to_cents(amount)
    number = identifiers.validate(kbo)
    years = state.cluster_years(cluster, session=tx.session)
    members = _member_ids(tx, cluster)
    entry = NewContribution(number, year, cents, paid_on, note, source)
    total = state.cluster_total(cluster, session=tx.session)
    found = check_entries(years, members, [entry], total)
    first_error(problem.at(Location()) for _, problem in found)
    row = Contribution(
        cluster_id=cluster.id,
        company_id=members[number],
        year=year,
        amount_cents=cents,
        paid_on=paid_on,
        note=optional_text(note, what="note", max_length=2000),
        source=optional_text(source, what="source", max_length=500),
    )
    tx.save(
        row,
        "contribution.record",
        cluster_id=cluster.id,
        details={
            "kbo": number,
            "year": year,
            "amount": format_plain(cents),
            "paid_on": paid_on,
            "note": row.note,
            "source": row.source,
        },
    )
    return row


def contribution_problems(
    tx: Tx, cluster: Cluster, entries: Sequence[NewContribution]
) -> tuple[dict[str, int], dict[int, tuple[str, LedgerError]]]:
    """The checks of :func:`record_contributions`, for a plan that shows them all.

    Returns:
        The company id of each member's enterprise number, and every entry's first
        problem by index: the field at fault and the error it would raise.
    """
    members = _member_ids(tx, cluster)
    years = state.cluster_years(cluster, session=tx.session)
    found = check_entries(years, members, entries, state.cluster_total(cluster, session=tx.session))
    return members, {
        index: (problem.location.field or "", problem.at(Location()).error())
        for index, problem in found
    }


def record_contributions(
    tx: Tx, cluster: Cluster, entries: Sequence[NewContribution], *, batch_id: int
) -> int:
    """Record many entries at once (an import): every check of :func:`record_contribution`,
    one multi-row insert, and one audit event naming the batch, not one per entry.

    The batch is required: it is how the audit trail accounts for each of the entries
    (``ledger.integrity.verify`` counts them against the event).

    Returns:
        How many entries were recorded.

    Raises:
        InputError, NotFoundError, LockedYearError: the first problem, located at the
            entry's source; nothing is written.
    """
    members, problems = contribution_problems(tx, cluster, entries)
    if problems:
        index = min(problems)
        field, error = problems[index]
        where = entries[index].source or f"entry {index + 1}"
        raise type(error)(f"{field}: {error.message}", location=where, problem=error.problem)
    now, cluster_id = utcnow(), cluster.id  # an ORM attribute costs a call per row
    rows = [
        (
            cluster_id,
            members[e.kbo],
            e.year,
            e.amount_cents,
            e.paid_on,
            e.note.strip() or None if e.note else None,
            e.source[:500] if e.source else None,
            batch_id,
            e.source_row,
            now,
        )
        for e in entries
    ]
    columns = [
        "cluster_id",
        "company_id",
        "year",
        "amount_cents",
        "paid_on",
        "note",
        "source",
        "batch_id",
        "source_row",
        "created_at",
    ]
    count, cents = len(rows), sum(row[3] for row in rows)
    columns, sealed = tx.chains.seal_rows("contribution", columns, rows)
    del rows  # the sealed rows hold the same values: 100,000 tuples fewer while they go in
    insert_many(tx.session.connection(), Contribution.__table__, columns, sealed)  # type: ignore[attr-defined]
    tx.audit(
        "contribution.record_many",
        entity="import_batch",
        entity_id=batch_id,
        cluster_id=cluster.id,
        details={
            "entries": count,
            "amount": format_plain(cents),
            "years": sorted({e.year for e in entries}),
        },
    )
    return count


def reverse_contribution(
    tx: Tx, entry_id: int, *, reason: str, source: str | None = None
) -> Contribution:
    """Cancel an entry with a reversing entry of the opposite amount.

    ``source`` says where the correction came from (a corrections sheet); by default the
    reversal carries the source of the entry it cancels.

    Raises:
        NotFoundError: no such entry.
        ConflictError: it is a reversal itself, or already reversed.
        LockedYearError: its year is locked.
    """
    why = clean_text(reason, what="reason", max_length=2000)
    entry = queries.get_contribution(entry_id, session=tx.session)
    existing = queries.reversal_of(entry, session=tx.session)
    cluster = tx.session.get(Cluster, entry.cluster_id)
    assert cluster is not None
    first_error(
        check_reverse(
            state.cluster_years(cluster, session=tx.session),
            entry_id,
            reverses_id=entry.reverses_id,
            reversed_by=existing.id if existing else None,
            year=entry.year,
        )
    )
    reversal = Contribution(
        cluster_id=entry.cluster_id,
        company_id=entry.company_id,
        year=entry.year,
        amount_cents=-entry.amount_cents,
        paid_on=None,
        note=why,
        source=optional_text(source, what="source", max_length=500) or entry.source,
        reverses_id=entry.id,
    )
    tx.save(
        reversal,
        "contribution.reverse",
        cluster_id=cluster.id,
        details={
            "reverses": entry.id,
            "amount": format_plain(reversal.amount_cents),
            "reason": why,
        },
    )
    return reversal
