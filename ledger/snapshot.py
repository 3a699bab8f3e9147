"""A small snapshot of what the checks need to know, as plain values.

The checks (:mod:`ledger.checks`) are pure functions: they get a snapshot and an input
and return problems. :mod:`ledger.state` reads a snapshot from the database, once per
write or import, so an import of 100,000 rows checks them all against one read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ledger.cluster_rules import ClusterRules
from ledger.history import (
    CompanyFacts,
    Mandate,
    MandateChange,
    Period,
    YearView,
    flemish_mandate_on,
    mandates,
    year_view,
)


@dataclass(frozen=True)
class ClusterYears:
    """A cluster's name, program and which of its years are locked."""

    id: int
    name: str
    start_year: int
    locked: frozenset[int]
    rules: ClusterRules

    def deadline_day(self, year: int) -> date | None:
        """The day in ``year`` on which the call counts mandates, if any."""
        return self.rules.mandate_deadline_day(year)


_OPEN = Period(None, None)


@dataclass(frozen=True)
class MemberHistory:
    """A company's dated facts and its membership of one cluster (if it has one)."""

    company_id: int
    kbo: str
    name: str
    facts: CompanyFacts
    membership_id: int | None = None
    period: Period = _OPEN
    changes: tuple[MandateChange, ...] = ()
    version: int = 1  # the company's
    membership_version: int = 1
    mandates: tuple[Mandate, ...] = field(init=False)

    def __post_init__(self) -> None:
        # Most members never held one: a summary of a large ledger builds tens of thousands.
        object.__setattr__(self, "mandates", mandates(self.changes) if self.changes else ())

    @property
    def is_member(self) -> bool:
        return self.membership_id is not None

    def view(self, year: int) -> YearView:
        """What the history says about ``year`` (see :mod:`ledger.history`)."""
        if not self.is_member:
            return year_view(self.facts, Period(date.max, date.max), (), year)
        return year_view(self.facts, self.period, self.mandates, year)

    def counts_at(self, day: date) -> bool:
        """An active Flemish enterprise with a mandate on ``day`` (the call's deadline)."""
        return self.is_member and flemish_mandate_on(self.facts, self.period, self.mandates, day)


@dataclass(frozen=True)
class CompanyHistory:
    """A company in every cluster it is a member of: what a change to its facts can reach."""

    company_id: int
    kbo: str
    name: str
    facts: CompanyFacts
    version: int
    memberships: tuple[tuple[ClusterYears, MemberHistory], ...] = ()
