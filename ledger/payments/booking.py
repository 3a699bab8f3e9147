"""Booking a bank statement: one transaction per statement, every movement kept, each
matched credit a contribution through the ledger's own operations, each return its
reversing entry, the rest in the unmatched queue with the reason.

The caller runs :func:`book_statement` inside ``Ledger.write()``: the statement, its
movements, the contributions (each with its audit event and chain link), the matches,
the queue and the statement's own audit event land together, or nothing does.

Example::

    with ledger.write() as tx:
        outcome = book_statement(tx, cluster, statement, file_name="2026-03-02.cod",
                                 file_hash=sha256)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from ledger import operations
from ledger.errors import LedgerError, LockedYearError
from ledger.money import format_plain, from_cents
from ledger.payments.directory import load_directory
from ledger.payments.matching import Booked, Decision, Directory, decide
from ledger.payments.statement import Movement, Statement, key_text, movement_keys
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


@dataclass
class Outcome:
    """What booking one statement did; ``already`` is the id of the same statement
    imported before (then nothing was written)."""

    number: str
    statement_id: int | None = None
    already: int | None = None
    movements: int = 0
    booked: int = 0
    booked_cents: int = 0
    returned: int = 0
    queued: int = 0
    duplicates: int = 0
    debits: int = 0
    locked: set[int] = field(default_factory=set)


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


def _credits_for(session: Session, cluster: Cluster, amounts: set[int]) -> list[Booked]:
    """Booked credits of these amounts not yet returned: what this statement's debits may
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
    return [_booked(match, movement) for match, movement in rows]


def _booked(match: PaymentMatch, movement: BankMovement | Movement) -> Booked:
    return _credit(match.id, match.contribution_id, match.company_id, match.year, movement)


def _credit(
    match_id: int | None,
    contribution_id: int,
    company_id: int,
    year: int,
    movement: BankMovement | Movement,
) -> Booked:
    return Booked(
        match_id=match_id,
        contribution_id=contribution_id,
        company_id=company_id,
        year=year,
        amount_cents=movement.amount_cents,
        payer_iban=movement.counterparty_iban,
        structured_ref=movement.structured_ref,
        end_to_end_id=movement.end_to_end_id,
        booked_on=movement.booking_date,
    )


def _insert(tx: Tx, model: type, **values: object) -> int:
    """Insert one row with a plain statement and return its id: a statement of 20
    movements writes some 60 rows, and ORM objects would cost more than the rows."""
    table = model.__table__  # type: ignore[attr-defined]
    # One statement per table, its parameters apart: compiled once, not coerced per row.
    result = tx.session.connection().execute(
        _INSERTS.setdefault(table.name, table.insert()), values
    )
    return int(result.inserted_primary_key[0])


_INSERTS: dict[str, Any] = {}


def _existing(session: Session, keys: list[str]) -> dict[str, int]:
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
    _insert(
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
    tx.session.add(
        PayerAccount(cluster_id=cluster.id, company_id=company_id, iban=iban, actor=tx.actor)
    )
    return True


def source_of(file_name: str, number: str, line: str) -> str:
    """How an entry names the statement line it came from."""
    return f"{file_name}: statement {number}, {line}"[:500]


class _Booker:
    """Books one statement's movements in order, keeping what later ones need."""

    def __init__(
        self, tx: Tx, cluster: Cluster, statement: Statement, row: BankStatement, source: str
    ) -> None:
        self.tx, self.cluster, self.statement, self.row = tx, cluster, statement, row
        self.file_name = source
        self.directory: Directory
        self.directory, self.kbos = load_directory(cluster, session=tx.session)
        debits = {-m.amount_cents for m in statement.movements if m.amount_cents < 0}
        self.credits = _credits_for(tx.session, cluster, debits)
        self.outcome = Outcome(number=statement.number, statement_id=row.id)

    def book(self, movement: Movement, row: int, decision: Decision) -> None:
        """Act on the decision about ``movement``, stored as row ``row``."""
        outcome, cluster_id = self.outcome, self.row.cluster_id
        if decision.kind in ("debit", "bundle"):
            outcome.debits += decision.kind == "debit"
            return
        if decision.kind == "queue":
            code = decision.code or "queue.unknown-payer"
            queue(self.tx, row, cluster_id, code, dict(decision.facts))
            outcome.queued += 1
            return
        source = source_of(self.file_name, self.statement.number, movement.line)
        try:
            if decision.kind == "return":
                assert decision.returns is not None
                entry = operations.reverse_contribution(
                    self.tx,
                    decision.returns.contribution_id,
                    reason=f"returned to the payer: {source}",
                    source=source,
                )
            else:
                assert decision.company_id is not None and decision.year is not None
                entry = operations.record_contribution(
                    self.tx,
                    self.cluster,
                    kbo=self.kbos[decision.company_id],
                    year=decision.year,
                    amount=from_cents(movement.amount_cents),
                    paid_on=movement.booking_date,
                    note=_note(movement),
                    source=source,
                )
        except LedgerError as error:
            # A locked year, a year before the start: the movement waits for the user.
            if decision.year is not None and isinstance(error, LockedYearError):
                outcome.locked.add(decision.year)
            queue(self.tx, row, cluster_id, "queue.refused", {"reason": error.message})
            outcome.queued += 1
            return
        assert entry.id is not None and decision.company_id is not None
        assert decision.year is not None
        match_id = _insert(
            self.tx,
            PaymentMatch,
            movement_id=row,
            cluster_id=cluster_id,
            company_id=decision.company_id,
            year=decision.year,
            contribution_id=entry.id,
            rule=decision.rule or "",
            why=str(decision.facts.get("why") or "")[:200] or None,
            returns_id=decision.returns.match_id if decision.returns else None,
            actor=self.tx.actor,
            at=utcnow(),
        )
        if decision.kind == "return":
            outcome.returned += 1
            self.credits = [c for c in self.credits if c is not decision.returns]
            return
        outcome.booked += 1
        outcome.booked_cents += movement.amount_cents
        company = decision.company_id
        self.credits.append(_credit(match_id, entry.id, company, decision.year, movement))
        iban = movement.counterparty_iban
        known = self.directory.payers.get(iban or "", frozenset())
        # The directory knows every payer remembered so far: no query per payment.
        if decision.rule == "ogm" and iban and company not in known:
            remember_payer(self.tx, self.cluster, company, iban)
            self.directory.payers[iban] = known | {company}


def _note(movement: Movement) -> str | None:
    parts = [movement.counterparty_name, movement.free_text]
    text = " · ".join(p for p in parts if p)
    return text[:2000] or None


def book_statement(
    tx: Tx, cluster: Cluster, statement: Statement, *, file_name: str, file_hash: str
) -> Outcome:
    """Record a checked statement and book what it pays (see the module docstring).

    Raises:
        InputError: the statement is for an account that is not the cluster's.
    """
    where = Location(file=file_name, field=statement.file_line)
    account = account_for(tx, cluster, statement, where)
    identity = statement.identity()
    known = tx.session.exec(
        select(BankStatement.id).where(BankStatement.identity == identity)
    ).first()
    if known is not None:
        return Outcome(number=statement.number, already=known)
    row = BankStatement(
        cluster_id=cluster.id,
        account_id=account.id,
        identity=identity,
        format=statement.format,
        number=statement.number,
        opening_date=statement.opening_date,
        closing_date=statement.closing_date,
        opening_cents=statement.opening_cents,
        closing_cents=statement.closing_cents,
        movements_hash=statement.movements_hash(),
        movement_count=len(statement.movements),
        file_name=file_name[:500],
        file_hash=file_hash,
        actor=tx.actor,
    )
    tx.session.add(row)
    tx.session.flush()
    keys = [f"{statement.account_iban}|{key_text(k)}" for k in movement_keys(statement.movements)]
    earlier = _existing(tx.session, keys)
    booker = _Booker(tx, cluster, statement, row, file_name)
    outcome = booker.outcome
    rows: dict[str, tuple[int, int | None]] = {}  # line -> (id, duplicate of)
    year = statement.closing_date.year
    for movement, key in zip(statement.movements, keys, strict=True):
        parent = rows.get(movement.parent_line or "")
        duplicate = earlier.get(key)
        if duplicate is None and parent is not None and parent[1] is not None:
            duplicate = parent[1]
        values = _movement_values(movement, row, key, parent[0] if parent else None, duplicate)
        moved = _insert(tx, BankMovement, **values)
        rows[movement.line] = (moved, duplicate)
        outcome.movements += 1
        if duplicate is not None:
            outcome.duplicates += 1
            continue
        decision = decide(movement, booker.directory, statement_year=year, booked=booker.credits)
        booker.book(movement, moved, decision)
    tx.session.flush()
    tx.audit(
        "payments.statement",
        entity="bank_statement",
        entity_id=row.id,
        cluster_id=cluster.id,
        details={
            "file": file_name,
            "file_hash": file_hash,
            "account": statement.account_iban,
            "number": statement.number,
            "identity": identity,
            "movements_hash": row.movements_hash,
            "movements": outcome.movements,
            "booked": outcome.booked,
            "amount": format_plain(outcome.booked_cents),
            "returned": outcome.returned,
            "queued": outcome.queued,
            "duplicates": outcome.duplicates,
        },
    )
    return outcome


def _movement_values(
    movement: Movement,
    statement: BankStatement,
    key: str,
    parent: int | None,
    duplicate: int | None,
) -> dict[str, object]:
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
