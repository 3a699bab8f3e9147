"""The rows booking a statement writes and reads: plain inserts (a year of statements
writes tens of thousands of rows, and ORM objects would cost more than the rows), the
movements already imported, the credits a debit may return, the payers remembered.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from ledger.payments.matching import Booked
from ledger.payments.statement import Movement, Statement
from ledger.problems import Location, Problem
from ledger.session import Tx
from ledger.storage.payment_tables import (
    BankAccount,
    BankMovement,
    BankStatement,
    PayerAccount,
    PaymentMatch,
    PaymentQueueEvent,
)
from ledger.storage.tables import Cluster, utcnow

_INSERTS: dict[str, Any] = {}


def insert(tx: Tx, model: type, **values: object) -> int:
    """Insert one row and return its id; one compiled statement per table, its parameters
    apart, so nothing is coerced per row."""
    table = model.__table__  # type: ignore[attr-defined]
    statement = _INSERTS.setdefault(table.name, table.insert())
    result = tx.session.connection().execute(statement, values)
    return int(result.inserted_primary_key[0])


def account_for(tx: Tx, cluster: Cluster, statement: Statement, where: Location) -> BankAccount:
    """The cluster's account the statement is for.

    Raises:
        InputError: the account is not one of the cluster's.
    """
    account = tx.session.exec(
        select(BankAccount).where(BankAccount.iban == statement.account_iban)
    ).first()
    if account is None or account.cluster_id != cluster.id:
        raise Problem(
            "statement.account", {"account": statement.account_iban, "cluster": cluster.name}, where
        ).error()
    return account


def credit(
    match_id: int | None,
    contribution_id: int | None,
    company_id: int,
    year: int,
    movement: BankMovement | Movement,
) -> Booked:
    """A booked credit as the matching sees it (ids are None while it is still pending)."""
    return Booked(
        match_id=match_id,
        contribution_id=contribution_id,  # type: ignore[arg-type]
        company_id=company_id,
        year=year,
        amount_cents=movement.amount_cents,
        payer_iban=movement.counterparty_iban,
        structured_ref=movement.structured_ref,
        end_to_end_id=movement.end_to_end_id,
        booked_on=movement.booking_date,
    )


def credits_for(session: Session, cluster: Cluster, amounts: set[int]) -> list[Booked]:
    """Booked credits of these amounts not yet returned: what a statement's debits may
    give back (read only for the amounts its debits carry)."""
    if not amounts:
        return []
    returned = select(PaymentMatch.returns_id).where(col(PaymentMatch.returns_id).is_not(None))
    rows = session.exec(
        select(PaymentMatch, BankMovement)
        .join(BankMovement, col(BankMovement.id) == PaymentMatch.movement_id)
        .where(
            PaymentMatch.cluster_id == cluster.id,
            PaymentMatch.rule != "return",
            col(BankMovement.amount_cents).in_(sorted(amounts)),
            col(PaymentMatch.id).not_in(returned),
        )
        .order_by(col(PaymentMatch.id))
    ).all()
    return [credit(m.id, m.contribution_id, m.company_id, m.year, mv) for m, mv in rows]


def existing(session: Session, keys: list[str]) -> dict[str, int]:
    """The movements already imported under these keys: key -> the first one's id."""
    found: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        rows = session.exec(
            select(BankMovement.movement_key, BankMovement.id)
            .where(col(BankMovement.movement_key).in_(keys[start : start + 500]))
            .order_by(col(BankMovement.id))
        ).all()
        for key, movement_id in rows:
            found.setdefault(key, movement_id)
    return found


def queue(tx: Tx, movement_id: int, cluster_id: int, code: str, facts: dict[str, object]) -> None:
    """Put a movement in the unmatched queue with the note that says why."""
    insert(
        tx,
        PaymentQueueEvent,
        movement_id=movement_id,
        cluster_id=cluster_id,
        state="queued",
        code=code,
        facts=json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str),
        reason=None,
        actor=tx.actor,
        at=utcnow(),
    )


def remember_payer(tx: Tx, cluster: Cluster, company_id: int, iban: str | None) -> bool:
    """Tie a payer's account to a member (once); returns whether it is new."""
    if not iban:
        return False
    known = tx.session.exec(
        select(PayerAccount.id).where(
            PayerAccount.cluster_id == cluster.id,
            PayerAccount.iban == iban,
            PayerAccount.company_id == company_id,
        )
    ).first()
    if known is not None:
        return False
    insert(
        tx,
        PayerAccount,
        cluster_id=cluster.id,
        company_id=company_id,
        iban=iban,
        actor=tx.actor,
        at=utcnow(),
    )
    return True


def source_of(file_name: str, number: str, line: str) -> str:
    """How an entry names the statement line it came from."""
    return f"{file_name}: statement {number}, {line}"[:500]


def movement_values(
    movement: Movement,
    statement: BankStatement,
    key: str,
    parent: int | None,
    duplicate: int | None,
) -> dict[str, object]:
    """A movement as its row holds it."""
    return dict(
        statement_id=statement.id,
        cluster_id=statement.cluster_id,
        line=movement.line[:60],
        movement_key=key[:200],
        booking_date=movement.booking_date,
        value_date=movement.value_date,
        amount_cents=movement.amount_cents,
        counterparty_name=(movement.counterparty_name or "")[:140] or None,
        counterparty_iban=movement.counterparty_iban,
        counterparty_bic=(movement.counterparty_bic or "")[:11] or None,
        counterparty_kbo=movement.counterparty_kbo,
        structured_ref=(movement.structured_ref or "")[:35] or None,
        free_text=movement.free_text,
        bank_ref=(movement.bank_ref or "")[:100] or None,
        end_to_end_id=(movement.end_to_end_id or "")[:100] or None,
        bundle=movement.bundle,
        bundle_count=movement.bundle_count,
        parent_id=parent,
        duplicate_of_id=duplicate,
    )
