"""Booking a bank statement: one transaction per statement, every movement kept, the
matched credits contributions through the ledger's own operations, each return its
reversing entry, the rest in the unmatched queue with the reason.

The caller runs :func:`book_statement` inside ``Ledger.write()``. It works in three
steps: every movement is stored and decided in order (:func:`ledger.payments.matching.decide`),
the credits to book are checked together (``operations.contribution_problems``: a
locked year, a year before the start) and the good ones recorded with
``operations.record_contributions``, as one batch whose rows are the statement's lines
(each entry a link of its cluster's hash chain, the batch and the statement each an
audit event); then the returns are reversed with ``operations.reverse_contribution``.
A credit that cannot be booked waits in the queue with the ledger's own words.

Example::

    with ledger.write() as tx:
        outcome = book_statement(tx, cluster, statement, file_name="2026-03-02.cod",
                                 file_hash=sha256)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlmodel import col, select

from ledger import imports, operations
from ledger.errors import LedgerError, LockedYearError
from ledger.imports import SourceRow
from ledger.money import format_plain
from ledger.operations import NewContribution
from ledger.payments.directory import load_directory
from ledger.payments.matching import Booked, Decision, decide
from ledger.payments.rows import (
    account_for,
    credit,
    credits_for,
    existing,
    insert,
    movement_values,
    queue,
    remember_payer,
    source_of,
)
from ledger.payments.statement import Movement, Statement, key_text, movement_keys
from ledger.problems import Location
from ledger.session import Tx
from ledger.storage.payment_tables import BankMovement, BankStatement, PaymentMatch
from ledger.storage.tables import Cluster, Contribution, utcnow
from ledger.text import escape_controls

__all__ = ["Outcome", "account_for", "book_statement", "remember_payer", "source_of"]


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


@dataclass
class _Pending:
    """A credit decided for booking, until it is recorded (or refused)."""

    movement: Movement
    row: int
    decision: Decision
    entry: NewContribution
    booked: Booked
    line: int
    match_id: int | None = None
    contribution_id: int | None = None


def _note(movement: Movement) -> str | None:
    """The entry's note: who paid and what they wrote (a control character a bank let
    through is shown escaped, never stored raw)."""
    parts = [movement.counterparty_name, movement.free_text]
    text = escape_controls(" · ".join(p for p in parts if p))
    return text[:2000] or None


class _Booker:
    """Books one statement's movements (see the module docstring)."""

    def __init__(self, tx: Tx, cluster: Cluster, statement: Statement, row: BankStatement) -> None:
        self.tx, self.cluster, self.statement, self.row = tx, cluster, statement, row
        self.directory, self.kbos = load_directory(cluster, session=tx.session)
        # Only a debit that names a payer, a communication or a reference can be a return.
        debits = {
            -m.amount_cents
            for m in statement.movements
            if m.amount_cents < 0 and (m.counterparty_iban or m.structured_ref or m.end_to_end_id)
        }
        self.credits: list[Booked] = credits_for(tx.session, cluster, debits)
        self.pending: list[_Pending] = []
        self.returns: list[tuple[Movement, int, Decision]] = []
        self.outcome = Outcome(number=statement.number, statement_id=row.id)

    def decide(self, movement: Movement, row: int, line: int) -> None:
        """Step 1: what the movement becomes; credits wait for step 2, returns for 3."""
        year = self.statement.closing_date.year
        decision = decide(movement, self.directory, statement_year=year, booked=self.credits)
        outcome = self.outcome
        if decision.kind in ("debit", "bundle"):
            outcome.debits += decision.kind == "debit"
        elif decision.kind == "queue":
            code = decision.code or "queue.unknown-payer"
            queue(self.tx, row, self.row.cluster_id, code, dict(decision.facts))
            outcome.queued += 1
        elif decision.kind == "return":
            self.returns.append((movement, row, decision))
            assert decision.returns is not None
            self.credits = [c for c in self.credits if c is not decision.returns]
        else:
            self._pend(movement, row, decision, line)

    def _pend(self, movement: Movement, row: int, decision: Decision, line: int) -> None:
        assert decision.company_id is not None and decision.year is not None
        company, iban = decision.company_id, movement.counterparty_iban
        entry = NewContribution(
            kbo=self.kbos[company],
            year=decision.year,
            amount_cents=movement.amount_cents,
            paid_on=movement.booking_date,
            note=_note(movement),
            source=source_of(self.row.file_name, self.statement.number, movement.line),
            source_row=line,
        )
        booked = credit(None, None, company, decision.year, movement)
        self.pending.append(_Pending(movement, row, decision, entry, booked, line))
        self.credits.append(booked)
        # A communication proves who paid, booked or not (a locked year): the payer's
        # account is that member's from now on. The directory knows every payer so far.
        known = self.directory.payers.get(iban or "", frozenset())
        if decision.rule == "ogm" and iban and company not in known:
            remember_payer(self.tx, self.cluster, company, iban)
            self.directory.payers[iban] = known | {company}

    def record(self) -> None:
        """Step 2: check the credits together, queue the refused, record the rest."""
        entries = [p.entry for p in self.pending]
        _, problems = operations.contribution_problems(self.tx, self.cluster, entries)
        good: list[_Pending] = []
        for index, pending in enumerate(self.pending):
            if index in problems:
                _, error = problems[index]
                self._refused(pending.row, pending.decision, error)
            else:
                good.append(pending)
        if not good:
            return
        rows = [SourceRow(p.line, self.tx_key(p.movement), _fingerprint(p.movement)) for p in good]
        batch = imports.add_import_batch(
            self.tx,
            self.cluster,
            what="statement",
            file_name=self.row.file_name,
            file_hash=self.row.file_hash,
            source_key=f"statement:{self.statement.account_iban}:{self.statement.number}",
            sheet=None,
            year=None,
            rows=rows,
        )
        assert batch.id is not None
        operations.record_contributions(
            self.tx, self.cluster, [p.entry for p in good], batch_id=batch.id
        )
        ids = self.tx.session.exec(
            select(Contribution.id)
            .where(Contribution.batch_id == batch.id)
            .order_by(col(Contribution.id))
        ).all()
        for pending, entry_id in zip(good, ids, strict=True):
            assert entry_id is not None
            pending.contribution_id = entry_id
            pending.match_id = self._match(pending.row, pending.decision, entry_id, None)
            self.outcome.booked += 1
            self.outcome.booked_cents += pending.movement.amount_cents

    def tx_key(self, movement: Movement) -> str:
        return f"{self.statement.number}|{movement.line}"

    def reverse(self) -> None:
        """Step 3: each return becomes the reversing entry of the credit it gives back."""
        pending = {id(p.booked): p for p in self.pending}
        for movement, row, decision in self.returns:
            target = decision.returns
            assert target is not None
            match_id, entry_id = target.match_id, target.contribution_id
            if id(target) in pending:  # a credit of this same statement
                match_id = pending[id(target)].match_id
                entry_id = pending[id(target)].contribution_id
            if entry_id is None:  # that credit was not booked after all
                queue(self.tx, row, self.row.cluster_id, "queue.return", {})
                self.outcome.queued += 1
                continue
            source = source_of(self.row.file_name, self.statement.number, movement.line)
            try:
                reversal = operations.reverse_contribution(
                    self.tx, entry_id, reason=f"returned to the payer: {source}", source=source
                )
            except LedgerError as error:
                self._refused(row, decision, error)
                continue
            assert reversal.id is not None
            self._match(row, decision, reversal.id, match_id)
            self.outcome.returned += 1

    def _refused(self, row: int, decision: Decision, error: LedgerError) -> None:
        """A movement the ledger would not book (a locked year) waits, with its words."""
        if decision.year is not None and isinstance(error, LockedYearError):
            self.outcome.locked.add(decision.year)
        queue(self.tx, row, self.row.cluster_id, "queue.refused", {"reason": error.message})
        self.outcome.queued += 1

    def _match(self, row: int, decision: Decision, entry_id: int, returns: int | None) -> int:
        assert decision.company_id is not None and decision.year is not None
        return insert(
            self.tx,
            PaymentMatch,
            movement_id=row,
            cluster_id=self.row.cluster_id,
            company_id=decision.company_id,
            year=decision.year,
            contribution_id=entry_id,
            rule=decision.rule or "",
            why=str(decision.facts.get("why") or "")[:200] or None,
            returns_id=returns,
            actor=self.tx.actor,
            at=utcnow(),
        )


def _fingerprint(movement: Movement) -> str:
    text = "|".join(map(str, movement.key_parts())) + f"|{movement.line}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    earlier = existing(tx.session, keys)
    booker = _Booker(tx, cluster, statement, row)
    outcome = booker.outcome
    stored: dict[str, tuple[int, int | None]] = {}  # line -> (row id, duplicate of)
    for line, (movement, key) in enumerate(zip(statement.movements, keys, strict=True), 1):
        parent = stored.get(movement.parent_line or "")
        duplicate = earlier.get(key)
        if duplicate is None and parent is not None and parent[1] is not None:
            duplicate = parent[1]
        values = movement_values(movement, row, key, parent[0] if parent else None, duplicate)
        moved = insert(tx, BankMovement, **values)
        stored[movement.line] = (moved, duplicate)
        outcome.movements += 1
        if duplicate is not None:
            outcome.duplicates += 1
        else:
            booker.decide(movement, moved, line)
    booker.record()
    booker.reverse()
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
