"""Read-only views for the faces: one cluster-year's figures, the years, and whether
the ledger changed.

The dashboard reads one cluster-year through :func:`ledger.summary.cluster_summaries`
(the matching engine), never figures of its own. The lists (members, entries, audit
events, costs) live in :mod:`ledger.lists`. Times are stored in UTC and shown in the
ledger's time zone (:func:`ledger_zone`), Brussels unless ``CLUSTER_LEDGER_TZ`` says
otherwise, as the call's deadlines are.

>>> left_until(datetime(2026, 5, 11, 12, tzinfo=UTC), datetime(2026, 5, 1, 12, tzinfo=UTC)).days
10
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func
from sqlmodel import Session, select

from ledger import queries, state
from ledger.lists import Listing
from ledger.lists.members import MemberRow, members
from ledger.problems import Problem
from ledger.rules import Deadline
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    Contribution,
)
from ledger.summary import YearSummary, cluster_summaries, summary_years


@dataclass(frozen=True)
class DeadlineLeft:
    """A call deadline and how long is left until it, from a given moment."""

    deadline: Deadline
    left: timedelta

    @property
    def passed(self) -> bool:
        return self.left <= timedelta(0)


@dataclass(frozen=True)
class Dashboard:
    """What a coordinator sees first for one cluster-year."""

    cluster: Cluster
    years: list[int]
    summary: YearSummary
    deadlines: list[DeadlineLeft]
    unpaid: Listing[MemberRow]  # the first of the members who have not paid this year
    missing_mandates: Listing[MemberRow]  # the first Flemish enterprises without a mandate


@dataclass(frozen=True)
class YearState:
    """A program year with its lock state and the last lock or reopen that set it."""

    year: int
    program_year: int
    locked: bool
    reason: str | None
    changed_at: datetime | None
    changed_by: str | None
    entries: int  # entries (reversals included) recorded for the year
    net_cents: int  # their sum


def left_until(at: datetime, now: datetime) -> timedelta:
    """Time from ``now`` until ``at`` (negative once it has passed)."""
    return at - now


def cluster_years(cluster: Cluster, *, session: Session) -> list[int]:
    """The years worth showing for a cluster: from its start through its last year with data."""
    entry_years = session.exec(
        select(Contribution.year).where(Contribution.cluster_id == cluster.id).distinct()
    ).all()
    cost_years = queries.costs_by_year(cluster, session=session)
    return summary_years(cluster, [*entry_years, *cost_years])


def default_year(years: list[int], today: date) -> int:
    """This year when the program covers it, else the program's last year with data."""
    return today.year if today.year in years else years[-1]


def year_choice(
    cluster: Cluster, year: int | None, *, session: Session, today: date
) -> tuple[list[int], int]:
    """The years to choose from and the one chosen: ``year``, or else :func:`default_year`.

    A chosen year without data joins the list, so the pick list can always show it.
    """
    years = cluster_years(cluster, session=session)
    chosen = year if year is not None else default_year(years, today)
    return sorted({*years, chosen}), chosen


def deadlines(cluster: Cluster, now: datetime, *, session: Session) -> list[DeadlineLeft]:
    """The call deadlines of the cluster's rule set, each with the time left from ``now``."""
    rules = state.rule_copies(cluster.id, session=session).for_year(now.year)  # type: ignore[arg-type]
    return [DeadlineLeft(d, left_until(d.at, now)) for d in rules.deadlines]


def dashboard(
    cluster_name: str, year: int | None, *, session: Session, now: datetime, listed: int = 10
) -> Dashboard:
    """One cluster-year's figures, the years to choose from, the deadlines, and the first
    members who have not paid or have no mandate yet.

    Args:
        year: the year to show (it joins the years to choose from if it has no data);
            None picks the current year, or the last with data.
        now: the moment deadlines count down from (timezone-aware).
        listed: how many members each list holds (the count is of all of them).

    Raises:
        NotFoundError: no cluster of that name.
    """
    cluster = queries.get_cluster(cluster_name, session=session)
    years, chosen = year_choice(cluster, year, session=session, today=now.date())
    (summary,) = cluster_summaries(cluster, session=session, year=chosen, with_shares=False)
    today = now.date()

    def listing(show: str) -> Listing[MemberRow]:
        return members(cluster, session=session, year=chosen, today=today, show=show, limit=listed)

    return Dashboard(
        cluster,
        years,
        summary,
        deadlines(cluster, now, session=session),
        listing("unpaid"),
        listing("no-mandate"),
    )


def year_states(cluster: Cluster, *, session: Session) -> list[YearState]:
    """Every program year of a cluster with whether it is locked, and the latest change."""
    latest = {e.year: e for e in queries.lock_history(cluster, session=session)}
    years = cluster_years(cluster, session=session)
    max_years = state.rule_copies(cluster.id, session=session).first.max_years  # type: ignore[arg-type]
    last_program_year = cluster.start_year + max_years - 1
    shown = sorted({*years, *range(cluster.start_year, last_program_year + 1), *latest})
    counts = {
        year: (count, int(net or 0))
        for year, count, net in session.exec(
            select(Contribution.year, func.count(), func.sum(Contribution.amount_cents))
            .where(Contribution.cluster_id == cluster.id)
            .group_by(Contribution.year)
        ).all()
    }
    states = []
    for year in shown:
        event = latest.get(year)
        states.append(
            YearState(
                year=year,
                program_year=year - cluster.start_year + 1,
                locked=bool(event and event.locked),
                reason=event.reason if event else None,
                changed_at=event.at.replace(tzinfo=event.at.tzinfo or UTC) if event else None,
                changed_by=event.actor if event else None,
                entries=counts.get(year, (0, 0))[0],
                net_cents=counts.get(year, (0, 0))[1],
            )
        )
    return states


def company_details(
    kbo: str, *, session: Session, day: date
) -> tuple[str, str, str, str | None] | None:
    """A known company's name, postcode, kind and region override on ``day`` (a form fills
    them in); None for an enterprise number the ledger does not know."""
    company = queries.find_company(kbo, session=session)
    if company is None or company.id is None:
        return None
    facts = state.company_facts([company.id], session=session)[company.id]
    return company.name, facts.postcode_on(day), facts.kind_on(day).value, facts.override_on(day)


def change_marker(*, session: Session) -> int:
    """A number that changes whenever anything is written to the ledger, by anyone.

    Every write records an audit event in its own transaction, so the newest event's id
    moves with every committed change (and only then); reading it costs one look at the
    end of the primary key, on SQLite and PostgreSQL alike. A face polls it to notice
    changes made by another process (the command line, an import) and shows them.
    """
    return session.exec(select(func.max(AuditEvent.id))).one() or 0


DEFAULT_ZONE = "Europe/Brussels"


def ledger_zone(environ: Mapping[str, str] | None = None) -> ZoneInfo:
    """The time zone the ledger's times are shown in: ``CLUSTER_LEDGER_TZ``, else Brussels.

    Raises:
        InputError: ``CLUSTER_LEDGER_TZ`` names no known time zone.
    """
    name = (os.environ if environ is None else environ).get("CLUSTER_LEDGER_TZ") or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        facts = {"name": name, "default": DEFAULT_ZONE}
        raise Problem("timezone.unknown", facts).error() from None


def local(at: datetime, zone: ZoneInfo) -> datetime:
    """A stored moment in ``zone`` (a moment read back without its zone is UTC)."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(zone)
