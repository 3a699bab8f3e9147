"""The tables of money coming in: the cluster's bank accounts, the statements imported,
their movements, what each movement became (a contribution, or a place in the unmatched
queue), and the payers' accounts the ledger has learnt to recognise.

Every one of them is only ever inserted (append-only triggers, as for the entries):

- a statement and its movements are what the bank said, kept as they were read;
- a movement becomes a contribution at most once (``payment_match.movement_id`` is
  unique), and the contribution at most once (``contribution_id`` unique);
- the queue is a list of events per movement (queued, dismissed); the latest says where
  a movement stands, and assigning it adds a match rather than changing a row.

Amounts are signed cents: a credit is positive.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ledger.storage.tables import utcnow


class BankAccount(SQLModel, table=True):
    """An account of a cluster's; statements for any other account are refused."""

    __tablename__ = "bank_account"

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    iban: str = Field(max_length=34, unique=True)
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)


class BankStatement(SQLModel, table=True):
    """One statement as imported; ``identity`` (account, number, dates, a hash of the
    movements) is unique, so the same statement twice is recognised."""

    __tablename__ = "bank_statement"

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    account_id: int = Field(foreign_key="bank_account.id")
    identity: str = Field(max_length=64, unique=True)
    format: str = Field(max_length=10)
    number: str = Field(max_length=35)
    opening_date: date | None = None
    closing_date: date
    opening_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    closing_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    movements_hash: str = Field(max_length=64)
    movement_count: int
    file_name: str = Field(max_length=500)
    file_hash: str = Field(max_length=64)
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)


class BankMovement(SQLModel, table=True):
    """A movement of a statement, as the bank reported it.

    ``movement_key`` identifies it whatever the format (see
    :func:`ledger.payments.statement.movement_keys`); a movement whose key an earlier
    statement already holds (the camt.053 and the CODA of one day) names that one in
    ``duplicate_of_id`` and is never booked again.
    """

    __tablename__ = "bank_movement"
    __table_args__ = (Index("ix_bank_movement_key", "movement_key"),)

    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="bank_statement.id", index=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    line: str = Field(max_length=60)
    movement_key: str = Field(max_length=200)
    booking_date: date
    value_date: date | None = None
    amount_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    counterparty_name: str | None = Field(default=None, max_length=140)
    counterparty_iban: str | None = Field(default=None, max_length=34)
    counterparty_bic: str | None = Field(default=None, max_length=11)
    counterparty_kbo: str | None = Field(default=None, max_length=10)
    structured_ref: str | None = Field(default=None, max_length=35)
    free_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    bank_ref: str | None = Field(default=None, max_length=100)
    end_to_end_id: str | None = Field(default=None, max_length=100)
    bundle: str | None = Field(default=None, max_length=10)
    bundle_count: int | None = None
    parent_id: int | None = Field(default=None, foreign_key="bank_movement.id")
    duplicate_of_id: int | None = Field(default=None, foreign_key="bank_movement.id")


class PaymentMatch(SQLModel, table=True):
    """A movement booked as a contribution (or, for a return, as its reversal), and why."""

    __tablename__ = "payment_match"

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="bank_movement.id", unique=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    company_id: int = Field(foreign_key="company.id")
    year: int
    contribution_id: int = Field(foreign_key="contribution.id", unique=True)
    rule: str = Field(max_length=20)  # ogm, iban, kbo, assigned, return
    why: str | None = Field(default=None, max_length=200)
    returns_id: int | None = Field(default=None, foreign_key="payment_match.id", unique=True)
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)


class PaymentQueueEvent(SQLModel, table=True):
    """A movement put in the unmatched queue (with the note that says why) or dismissed
    from it (with the user's reason); the latest event per movement stands."""

    __tablename__ = "payment_queue_event"

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="bank_movement.id", index=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    state: str = Field(max_length=12)  # queued, dismissed
    code: str = Field(max_length=40)
    facts: str = Field(sa_column=Column(Text, nullable=False))
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)


class PayerAccount(SQLModel, table=True):
    """An account the ledger has seen pay for a member (an exact communication, or a
    movement the user assigned); a payer tied to exactly one member is matched to it."""

    __tablename__ = "payer_account"
    __table_args__ = (
        UniqueConstraint("cluster_id", "iban", "company_id", name="uq_payer_account"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    company_id: int = Field(foreign_key="company.id")
    iban: str = Field(max_length=34)
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)


PAYMENT_TABLES = (
    "bank_account",
    "bank_statement",
    "bank_movement",
    "payment_match",
    "payment_queue_event",
    "payer_account",
)
