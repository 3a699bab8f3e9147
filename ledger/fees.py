"""Expected fees: what a member is expected to contribute in a year, so the ledger can
tell who has not paid (and a payment request can say how much).

A fee is optional. It is set per member kind (every enterprise of the cluster pays
EUR 2,500 in 2026) or per member (this one pays EUR 1,000), for one program year; a
member's own fee wins over its kind's. A fee decides no figure of the matching rule:
it only says who paid less than expected. Fees are history: each change is a new row
(the latest one is in force; one without an amount clears the fee) with its audit event,
and a locked year's fees stay as they were.

The check is a pure function of plain values (:func:`check_fee`); :func:`set_fee` loads
the state it needs, checks, raises the first problem, then writes and audits.

>>> [p.code for p in check_fee(FeeFacts("Demo", 2026, 2025, False, 250000, True))]
['fee.before_start']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger import identifiers, queries, state
from ledger.dates import LAST_YEAR
from ledger.kinds import MemberKind
from ledger.money import MAX_CENTS, format_eur, format_plain, to_cents
from ledger.problems import Location, Problem, first_error
from ledger.session import Tx
from ledger.storage.tables import Cluster, ExpectedFee


class FeeFacts(NamedTuple):
    """What the check of one fee change needs to know, as plain values."""

    cluster: str
    start_year: int
    year: int
    locked: bool  # the year is locked
    cents: int | None  # the new fee; None clears it
    member_known: bool  # the member named is a member of the cluster (True for a kind's fee)
    kbo: str | None = None  # the member named, for the words


def check_fee(facts: FeeFacts) -> list[Problem]:
    """Every problem with setting a fee, as data; none means it may be written."""
    problems: list[Problem] = []
    if facts.cents is not None and facts.cents < 0:
        problems.append(
            Problem(
                "fee.negative",
                {"amount": format_eur(facts.cents)},
                Location(field="--amount"),
            )
        )
    elif facts.cents is not None and facts.cents > MAX_CENTS:
        problems.append(Problem("fee.too_large", {"amount": format_eur(facts.cents)}))
    if facts.year < facts.start_year or facts.year > LAST_YEAR:
        problems.append(
            Problem(
                "fee.before_start",
                {"year": facts.year, "cluster": facts.cluster, "start_year": facts.start_year},
                Location(field="--year"),
            )
        )
    elif facts.locked:
        problems.append(
            Problem(
                "year.locked",
                {"year": facts.year, "cluster": facts.cluster},
                Location(field="--year"),
                kind="locked",
            )
        )
    if not facts.member_known:
        number = identifiers.format_number(facts.kbo or "")
        problems.append(
            Problem(
                "fee.not_a_member",
                {"kbo": number, "cluster": facts.cluster},
                Location(field="--kbo"),
                kind="notfound",
            )
        )
    return problems


@dataclass(frozen=True)
class FeeBook:
    """The fees in force for one cluster-year: per kind, and per member (company id)."""

    year: int
    by_kind: dict[str, int]
    by_member: dict[int, int]

    def expected(self, company_id: int, kind: str) -> int | None:
        """The fee expected of a member: its own, else its kind's, else None."""
        own = self.by_member.get(company_id)
        return own if own is not None else self.by_kind.get(kind)


def _latest(cluster: Cluster, session: Session, year: int | None) -> list[ExpectedFee]:
    """The row in force for each key (year, kind or member): the newest one."""
    newest = select(func.max(ExpectedFee.id)).where(ExpectedFee.cluster_id == cluster.id)
    if year is not None:
        newest = newest.where(ExpectedFee.year == year)
    newest = newest.group_by(ExpectedFee.year, ExpectedFee.kind, ExpectedFee.company_id)
    query = select(ExpectedFee).where(col(ExpectedFee.id).in_(newest.scalar_subquery()))
    return list(session.exec(query.order_by(col(ExpectedFee.id))).all())


def fee_book(cluster: Cluster, year: int, *, session: Session) -> FeeBook:
    """The fees in force for a cluster in ``year``."""
    by_kind: dict[str, int] = {}
    by_member: dict[int, int] = {}
    for row in _latest(cluster, session, year):
        if row.amount_cents is None:
            continue
        if row.company_id is not None:
            by_member[row.company_id] = row.amount_cents
        elif row.kind is not None:
            by_kind[row.kind] = row.amount_cents
    return FeeBook(year, by_kind, by_member)


def kind_fees(cluster: Cluster, *, session: Session) -> dict[int, dict[str, int]]:
    """The fee per kind in force, by year (years and kinds without one left out)."""
    found: dict[int, dict[str, int]] = {}
    for row in _latest(cluster, session, None):
        if row.kind is not None and row.amount_cents is not None:
            found.setdefault(row.year, {})[row.kind] = row.amount_cents
    return found


def set_fee(
    tx: Tx,
    cluster: Cluster,
    *,
    year: int,
    amount: Decimal | None,
    kind: MemberKind | None = None,
    kbo: str | None = None,
) -> ExpectedFee:
    """Set (or, with ``amount`` None, clear) the fee expected in ``year`` of every member of
    ``kind``, or of the member ``kbo``.

    Raises:
        InputError: a negative amount, or a year before the cluster's start.
        LockedYearError: the year is locked.
        NotFoundError: ``kbo`` is not a member of the cluster.
        TypeError: neither or both of ``kind`` and ``kbo`` (a bug in the caller).
    """
    if (kind is None) == (kbo is None):
        raise TypeError("set_fee() takes a kind or a kbo, not both or neither")
    cents = None if amount is None else to_cents(amount)
    company_id: int | None = None
    number = identifiers.validate(kbo) if kbo is not None else None
    if number is not None:
        company_id = state.member_ids(cluster, session=tx.session).get(number)
        known = company_id is not None
    else:
        known = True
    locked = queries.is_locked(cluster, year, session=tx.session)
    first_error(
        check_fee(FeeFacts(cluster.name, cluster.start_year, year, locked, cents, known, number))
    )
    key = {"kind": kind.value} if kind is not None else {"kbo": number}
    before = _before(tx.session, cluster, year, kind, company_id)
    row = ExpectedFee(
        cluster_id=cluster.id,
        year=year,
        kind=kind.value if kind is not None else None,
        company_id=company_id,
        amount_cents=cents,
        actor=tx.actor,
    )
    tx.save(
        row,
        "fee.set",
        cluster_id=cluster.id,
        details={
            "year": year,
            **key,
            "before": None if before is None else format_plain(before),
            "after": None if cents is None else format_plain(cents),
        },
    )
    return row


def _before(
    session: Session, cluster: Cluster, year: int, kind: MemberKind | None, company_id: int | None
) -> int | None:
    query = select(ExpectedFee.amount_cents).where(
        ExpectedFee.cluster_id == cluster.id, ExpectedFee.year == year
    )
    if kind is not None:
        query = query.where(ExpectedFee.kind == kind.value)
    else:
        query = query.where(ExpectedFee.company_id == company_id)
    return session.exec(query.order_by(col(ExpectedFee.id).desc()).limit(1)).first()
