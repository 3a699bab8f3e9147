"""The tables of a spearhead cluster's project portfolio (migration 0009).

A project and its partners are rows the ledger changes in place (a title corrected, a
share revised), each change an audit event that holds the row as written, so ``verify``
can hold them to the audit trail (:mod:`ledger.integrity.state`). A project's status
changes and a cluster's themes are history: only ever inserted (append-only triggers),
each row naming the audit event that recorded it. Amounts are integer cents.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ledger.storage.tables import utcnow


class Project(SQLModel, table=True):
    """A project submitted (or to be submitted) through a spearhead cluster.

    ``status`` and ``aid_granted_cents`` are what the latest :class:`ProjectStatusChange`
    says; the dates are the days the status changes fixed, or the planned start and end.
    """

    __tablename__ = "project"
    __table_args__ = (Index("ix_project_cluster", "cluster_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    type: str = Field(max_length=20)
    title: str = Field(max_length=500)
    acronym: str | None = Field(default=None, max_length=50)
    theme: str | None = Field(default=None, max_length=200)
    status: str = Field(max_length=12)
    submitted_on: date | None = None
    decided_on: date | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    budget_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    aid_requested_cents: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True)
    )
    aid_granted_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ProjectPartner(SQLModel, table=True):
    """A party to a project: a company by its enterprise number, or a partner abroad (or
    without one) by name and country; its role and its share of budget and aid.

    A partner removed by mistake or that left the consortium keeps its row, ``removed``.
    """

    __tablename__ = "project_partner"
    __table_args__ = (
        Index("ix_project_partner_project", "project_id"),
        Index("ix_project_partner_kbo", "kbo"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    cluster_id: int = Field(foreign_key="cluster.id")
    kbo: str | None = Field(default=None, max_length=10)
    name: str = Field(max_length=500)
    country: str = Field(max_length=2)
    role: str = Field(max_length=20)
    budget_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    aid_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    removed: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ProjectStatusChange(SQLModel, table=True):
    """A project's status from a day on: its history, only ever inserted.

    The first row of a project has no ``from_status``. ``forced`` marks aid granted above
    the aid requested, recorded on purpose with its ``reason``; a step back (a decision
    recorded in error, a closed project reopened) carries its reason too.
    """

    __tablename__ = "project_status_change"
    __table_args__ = (Index("ix_project_status_change_project", "project_id"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    cluster_id: int = Field(foreign_key="cluster.id")
    from_status: str | None = Field(default=None, max_length=12)
    to_status: str = Field(max_length=12)
    on_date: date
    aid_granted_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    forced: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    set_by_event: int | None = Field(default=None, foreign_key="audit_event.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class ProjectTheme(SQLModel, table=True):
    """A strategic theme or roadmap line of a cluster, which its projects name."""

    __tablename__ = "project_theme"
    __table_args__ = (UniqueConstraint("cluster_id", "name", name="uq_project_theme_cluster_name"),)

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    name: str = Field(max_length=200)
    set_by_event: int | None = Field(default=None, foreign_key="audit_event.id")
    recorded_at: datetime = Field(default_factory=utcnow)
