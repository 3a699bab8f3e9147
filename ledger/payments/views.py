"""Reading payments: the movements of a cluster with what became of each, the statements,
the accounts, and the members' structured communications. Plain rows for both faces.

A movement's state follows from the append-only rows about it:

    booked      a contribution was recorded from it (``rule`` says how it was matched)
    returned    it gave an earlier booked credit back: its reversing entry was recorded
    queued      it waits for the user (``code`` and ``facts`` say why)
    dismissed   the user said it is no contribution (``reason``)
    duplicate   the same movement came in an earlier statement, and counts there
    debit       money going out that is no contribution (bank costs, spending)
    bundle      a bundled amount whose details are movements of their own
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger import fees, identifiers, state
from ledger.payments import ogm
from ledger.payments.directory import check_ogm_year, member_ogm
from ledger.storage.payment_tables import (
    BankAccount,
    BankMovement,
    BankStatement,
    PaymentMatch,
    PaymentQueueEvent,
)
from ledger.storage.tables import Cluster, Company

STATES = ("booked", "returned", "queued", "dismissed", "duplicate", "debit", "bundle")


@dataclass(frozen=True)
class PaymentRow:
    """A movement as listed, with its state and the reason for it (a code and facts the
    face puts into words with :func:`ledger.words.say`)."""

    id: int
    statement: str
    file_name: str
    line: str
    booking_date: date
    amount_cents: int
    counterparty: str | None
    counterparty_iban: str | None
    communication: str | None
    state: str
    kbo: str | None = None
    name: str | None = None
    year: int | None = None
    entry: int | None = None
    code: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)


def _communication(movement: BankMovement) -> str | None:
    ref = movement.structured_ref
    if ref and ogm.check(ref) == "ok":
        return ogm.display(ref)
    if ref and ogm.check(ref) == "bad-check":
        return f"+++{ref[:3]}/{ref[3:7]}/{ref[7:]}+++"
    return ref or movement.free_text


def _latest_events(session: Session, cluster: Cluster) -> dict[int, PaymentQueueEvent]:
    latest = (
        select(func.max(PaymentQueueEvent.id))
        .where(PaymentQueueEvent.cluster_id == cluster.id)
        .group_by(col(PaymentQueueEvent.movement_id))
    )
    rows = session.exec(
        select(PaymentQueueEvent).where(col(PaymentQueueEvent.id).in_(latest))
    ).all()
    return {event.movement_id: event for event in rows}


def list_payments(
    cluster: Cluster,
    *,
    session: Session,
    unmatched: bool = False,
    states: tuple[str, ...] | None = None,
) -> list[PaymentRow]:
    """Every movement of a cluster's statements, oldest first; ``unmatched`` keeps the
    queue alone (``states`` keeps the states named)."""
    returned = aliased(PaymentMatch)
    query = (
        select(BankMovement, BankStatement, PaymentMatch, Company, returned.contribution_id)
        .join(BankStatement, col(BankStatement.id) == BankMovement.statement_id)
        .outerjoin(PaymentMatch, col(PaymentMatch.movement_id) == BankMovement.id)
        .outerjoin(Company, col(Company.id) == PaymentMatch.company_id)
        .outerjoin(returned, col(returned.id) == PaymentMatch.returns_id)
        .where(BankMovement.cluster_id == cluster.id)
        .order_by(col(BankMovement.id))
    )
    events = _latest_events(session, cluster)
    wanted = ("queued",) if unmatched else states
    rows: list[PaymentRow] = []
    for movement, statement, match, company, returned_entry in session.exec(query).all():
        row = _row(movement, statement, match, company, returned_entry, events.get(movement.id))
        if wanted is None or row.state in wanted:
            rows.append(row)
    return rows


def _row(
    movement: BankMovement,
    statement: BankStatement,
    match: PaymentMatch | None,
    company: Company | None,
    returned_entry: int | None,
    event: PaymentQueueEvent | None,
) -> PaymentRow:
    base: dict[str, Any] = {
        "id": movement.id,
        "statement": statement.number,
        "file_name": statement.file_name,
        "line": movement.line,
        "booking_date": movement.booking_date,
        "amount_cents": movement.amount_cents,
        "counterparty": movement.counterparty_name,
        "counterparty_iban": movement.counterparty_iban,
        "communication": _communication(movement),
    }
    if match is not None and company is not None:
        name = f"{company.name} ({identifiers.format_number(company.kbo)})"
        facts: dict[str, Any] = {
            "name": name,
            "year": match.year,
            "iban": movement.counterparty_iban,
            "why": match.why or "",
            "actor": match.actor,
            "entry": returned_entry,
        }
        return PaymentRow(
            **base,
            state="returned" if match.rule == "return" else "booked",
            kbo=company.kbo,
            name=company.name,
            year=match.year,
            entry=match.contribution_id,
            code=f"match.{match.rule}",
            facts=facts,
        )
    if movement.duplicate_of_id is not None:
        return PaymentRow(**base, state="duplicate", facts={"of": movement.duplicate_of_id})
    if event is not None:
        if event.state == "dismissed":
            return PaymentRow(**base, state="dismissed", facts={"reason": event.reason})
        return PaymentRow(**base, state="queued", code=event.code, facts=json.loads(event.facts))
    if movement.bundle == "global" and movement.bundle_count:
        return PaymentRow(**base, state="bundle", facts={"count": movement.bundle_count})
    return PaymentRow(**base, state="debit")


def payment_state(cluster: Cluster, movement_id: int, *, session: Session) -> str | None:
    """The state of one movement of the cluster (None: no such movement)."""
    rows = [r for r in list_payments(cluster, session=session) if r.id == movement_id]
    return rows[0].state if rows else None


def list_accounts(cluster: Cluster, *, session: Session) -> list[BankAccount]:
    return list(
        session.exec(
            select(BankAccount)
            .where(BankAccount.cluster_id == cluster.id)
            .order_by(col(BankAccount.id))
        ).all()
    )


def list_statements(cluster: Cluster, *, session: Session) -> list[BankStatement]:
    return list(
        session.exec(
            select(BankStatement)
            .where(BankStatement.cluster_id == cluster.id)
            .order_by(col(BankStatement.id))
        ).all()
    )


@dataclass(frozen=True)
class OgmRow:
    """A member's structured communication for a year, and what it is expected to pay."""

    kbo: str
    name: str
    ogm: str
    expected_cents: int | None


def expected_fee(cluster: Cluster, kbo: str, year: int, *, session: Session) -> int | None:
    """The fee a member is expected to pay for a year, in cents, where the ledger knows
    one (:mod:`ledger.fees`); None when none is set (the request carries no amount)."""
    histories = state.member_histories(cluster, session=session)
    history = histories.get(kbo)
    if history is None:
        return None
    kind = history.facts.kind_on(date(year, 12, 31)).value
    return fees.fee_book(cluster, year, session=session).expected(history.company_id, kind)


def member_ogms(cluster: Cluster, year: int, *, session: Session) -> list[OgmRow]:
    """Every member's communication for ``year``, by name: what a payment request quotes.

    Raises:
        InputError: a year communications cannot be derived for (see
            :func:`ledger.payments.directory.check_ogm_year`).
    """
    check_ogm_year(cluster, year)
    rows = []
    histories = state.member_histories(cluster, session=session)
    book = fees.fee_book(cluster, year, session=session)
    for history in sorted(histories.values(), key=lambda h: (h.name, h.kbo)):
        if not history.is_member or not history.period.active_in(year):
            continue
        rows.append(
            OgmRow(
                kbo=history.kbo,
                name=history.name,
                ogm=ogm.display(member_ogm(cluster, history.company_id, year)),
                expected_cents=book.expected(
                    history.company_id, history.facts.kind_on(date(year, 12, 31)).value
                ),
            )
        )
    return rows
