"""The ledger's tables.

Amounts are integer cents (``BigInteger``: a large cluster's total over ten years
overflows nothing). Contributions and audit events are only ever inserted; a
contribution is corrected by a new row whose ``reverses_id`` names it, and the
unique constraint on ``reverses_id`` means an entry can be reversed once only,
even by two writers at the same moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timestamps are timezone-aware UTC; SQLite keeps them as UTC text, PostgreSQL as timestamptz."""
    return datetime.now(UTC)


class Cluster(SQLModel, table=True):
    __tablename__ = "cluster"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    rule_set: str = Field(max_length=100)
    start_year: int
    kbo: str | None = Field(default=None, max_length=10)
    created_at: datetime = Field(default_factory=utcnow)


class Company(SQLModel, table=True):
    """A company by its enterprise number, with its current name.

    Its kind, postcode and region override decide figures, so they are dated facts
    (:class:`CompanyFact`), not columns here: a change from a day leaves earlier years as
    they were. The name decides nothing and is corrected in place (audited).
    """

    __tablename__ = "company"

    id: int | None = Field(default=None, primary_key=True)
    kbo: str = Field(max_length=10, unique=True)
    name: str = Field(max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Raised by one at every change: a form that read version 3 saves only over version 3,
    # so of two people editing the same company the second gets a conflict, not a silent
    # overwrite of the first one's change.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Membership(SQLModel, table=True):
    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("cluster_id", "company_id", name="uq_membership_cluster_company"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    # The period as it stands now; each change is also a row of MembershipPeriod, and the
    # mandates are MandateEvent rows (a membership may hold several over the years).
    joined: date | None = None
    left: date | None = None
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Contribution(SQLModel, table=True):
    __tablename__ = "contribution"
    __table_args__ = (
        # Covers the summary's aggregate: a cluster-year's sums come from the index alone.
        Index(
            "ix_contribution_cluster_year_company",
            "cluster_id",
            "year",
            "company_id",
            "amount_cents",
        ),
        # Two writers can never both append entry n of a cluster's chain.
        Index("uq_contribution_chain", "cluster_id", "chain_seq", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    company_id: int = Field(foreign_key="company.id", index=True)
    year: int
    amount_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    paid_on: date | None = None
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    source: str | None = Field(default=None, max_length=500)
    reverses_id: int | None = Field(default=None, foreign_key="contribution.id", unique=True)
    # The import batch and spreadsheet row an entry came from; None when typed in by hand.
    batch_id: int | None = Field(default=None, foreign_key="import_batch.id", index=True)
    source_row: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    # The entry's place in its cluster's chain and the chain's hash up to and including it
    # (see ledger.integrity.chain); set when the entry is written, never changed.
    chain_seq: int | None = None
    chain_hash: str | None = Field(default=None, max_length=64)


class CoordinationCost(SQLModel, table=True):
    __tablename__ = "coordination_cost"
    __table_args__ = (
        UniqueConstraint("cluster_id", "year", name="uq_coordination_cost_cluster_year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    year: int
    amount_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class YearLockEvent(SQLModel, table=True):
    """Each lock and reopen of a cluster-year; the latest event is the year's state."""

    __tablename__ = "year_lock_event"
    __table_args__ = (
        Index("ix_year_lock_event_cluster_year", "cluster_id", "year"),
        Index("uq_year_lock_event_chain", "cluster_id", "chain_seq", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    year: int
    locked: bool
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)
    # Chained like entries (see ledger.integrity.chain): who locked a year and why is history.
    chain_seq: int | None = None
    chain_hash: str | None = Field(default=None, max_length=64)


class AuditEvent(SQLModel, table=True):
    """What changed, when, by whom and from where; written in the same transaction as the change."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_cluster", "cluster_id"),
        Index("uq_audit_event_chain", "cluster_id", "chain_seq", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=200)
    origin: str = Field(max_length=200)
    action: str = Field(max_length=100)
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id")
    entity: str = Field(max_length=50)
    entity_id: int | None = None
    details: str = Field(sa_column=Column(Text, nullable=False))
    chain_seq: int | None = None
    chain_hash: str | None = Field(default=None, max_length=64)


class ImportBatch(SQLModel, table=True):
    """One committed import of one sheet, or the undo of one.

    Batches are only ever inserted: an undo is a batch of its own whose ``undoes_id``
    names the batch it reversed (unique, so a batch is undone once only).
    ``source_key`` names the source across imports (the same accountant's file and sheet,
    whatever its hash), so a row that changed since the last import is recognised.
    """

    __tablename__ = "import_batch"
    __table_args__ = (
        Index("ix_import_batch_cluster_source", "cluster_id", "source_key"),
        Index("uq_import_batch_chain", "cluster_id", "chain_seq", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    what: str = Field(max_length=20)
    file_name: str = Field(max_length=500)
    file_hash: str = Field(max_length=64, index=True)
    source_key: str = Field(max_length=500)
    sheet: str | None = Field(default=None, max_length=200)
    year: int | None = None
    row_count: int = 0
    undoes_id: int | None = Field(default=None, foreign_key="import_batch.id", unique=True)
    actor: str = Field(max_length=200)
    origin: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)
    # The SHA-256 of the batch's source rows (ledger.integrity.chain.rows_digest): the
    # batch's chained link covers them, so its rows cannot be rewritten unseen.
    rows_digest: str | None = Field(default=None, max_length=64)
    chain_seq: int | None = None
    chain_hash: str | None = Field(default=None, max_length=64)


class ImportRow(SQLModel, table=True):
    """A source row an import committed: its natural key and a fingerprint of its content.

    ``row_key`` identifies the row across imports (say enterprise number, year and date
    paid); the same key with another ``fingerprint`` is a row that changed since. Keys are
    read per batch, never looked up one by one, so ``row_key`` has no index of its own:
    keeping one up to date doubled the time of writing the rows of a 100,000-row import.
    """

    __tablename__ = "import_row"
    __table_args__ = (UniqueConstraint("batch_id", "row_number", name="uq_import_row_batch_row"),)

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="import_batch.id")
    row_number: int
    row_key: str = Field(max_length=300)
    fingerprint: str = Field(max_length=64)


class ColumnMapping(SQLModel, table=True):
    """A column mapping the user confirmed, saved per source layout and reused next time.

    ``layout`` is a digest of what was imported and the normalised headers; ``mapping``
    is JSON, source column to ledger field. A preference, not ledger data: it is updated
    in place (and audited).
    """

    __tablename__ = "column_mapping"

    id: int | None = Field(default=None, primary_key=True)
    layout: str = Field(max_length=64, unique=True)
    what: str = Field(max_length=20)
    headers: str = Field(sa_column=Column(Text, nullable=False))
    mapping: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class ChainTip(SQLModel, table=True):
    """The newest link of each hash chain: how long it is and its last hash.

    Rows only name their predecessor implicitly, so cutting the newest entries off a chain
    would leave a shorter chain that still checks; the tip records where the chain ended
    when the ledger last wrote to it. It is the one chain row updated in place.
    """

    __tablename__ = "chain_tip"

    chain: str = Field(primary_key=True, max_length=40)
    length: int
    tip: str = Field(max_length=64)


# --- Dated history: only ever inserted (append-only triggers), each row naming the audit
# event that recorded it, so ``verify`` can hold the two against each other. ---


class CompanyFact(SQLModel, table=True):
    """One value of one of a company's dated fields, in force from ``valid_from``.

    ``field`` is ``kind``, ``postcode`` or ``region_override`` (None clears an override).
    See :mod:`ledger.history` for which fact holds on a day.
    """

    __tablename__ = "company_fact"
    __table_args__ = (Index("ix_company_fact_company", "company_id", "field"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id")
    field: str = Field(max_length=20)
    value: str | None = Field(default=None, max_length=30)
    valid_from: date
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    set_by_event: int | None = Field(default=None, foreign_key="audit_event.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class MembershipPeriod(SQLModel, table=True):
    """A membership's joining and leaving days as recorded at one change; the latest row
    is what :class:`Membership` holds now."""

    __tablename__ = "membership_period"
    __table_args__ = (Index("ix_membership_period_membership", "membership_id"),)

    id: int | None = Field(default=None, primary_key=True)
    membership_id: int = Field(foreign_key="membership.id")
    cluster_id: int = Field(foreign_key="cluster.id")
    joined: date | None = None
    left: date | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    set_by_event: int | None = Field(default=None, foreign_key="audit_event.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class MandateEvent(SQLModel, table=True):
    """A mandate given to the cluster organisation, withdrawn, or its date corrected.

    A correction names the ``given`` event it corrects (``corrects_id``) and says why.
    """

    __tablename__ = "mandate_event"
    __table_args__ = (Index("ix_mandate_event_membership", "membership_id"),)

    id: int | None = Field(default=None, primary_key=True)
    membership_id: int = Field(foreign_key="membership.id")
    cluster_id: int = Field(foreign_key="cluster.id")
    action: str = Field(max_length=12)
    on_date: date
    corrects_id: int | None = Field(default=None, foreign_key="mandate_event.id")
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    set_by_event: int | None = Field(default=None, foreign_key="audit_event.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class RuleSetCopy(SQLModel, table=True):
    """The full text of the rule set a cluster is bound to, from a program year on.

    Figures come from this copy, never from the rule file it was read from: an edited or
    added file in the data folder changes nothing until a cluster adopts it (for open
    years only, with a reason). ``sha256`` is over ``content`` as stored.
    """

    __tablename__ = "rule_set_copy"
    __table_args__ = (Index("ix_rule_set_copy_cluster", "cluster_id", "from_year"),)

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    rule_set: str = Field(max_length=100)
    from_year: int
    content: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64)
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    set_by_event: int | None = Field(default=None, foreign_key="audit_event.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class ExpectedFee(SQLModel, table=True):
    """The fee expected of members for a year: of every member of a kind, or of one member.

    Rows are only inserted: the latest row for a cluster, year and kind (or member) is the
    fee in force, and a row without an amount clears it. A member's own fee wins over its
    kind's. A fee decides no figure of the matching rule; it tells who has not paid.
    """

    __tablename__ = "expected_fee"
    __table_args__ = (
        Index("ix_expected_fee_cluster_year", "cluster_id", "year"),
        CheckConstraint(
            "(kind IS NULL) <> (company_id IS NULL)", name="ck_expected_fee_kind_or_member"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    year: int
    kind: str | None = Field(default=None, max_length=30)
    company_id: int | None = Field(default=None, foreign_key="company.id")
    amount_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)


# The payments tables register on the same metadata (migrations compare against it).
from ledger.storage import payment_tables as _payment_tables  # noqa: E402, F401

# The project portfolio's tables register on the same metadata (migrations compare against it).
from ledger.storage import project_tables as _project_tables  # noqa: E402, F401
