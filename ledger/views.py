"""Read-only views for screens: one page of rows, a count, one cluster-year's figures.

The terminal app shows a ledger of any size, so it never asks for all rows at once:
each list here takes ``limit`` and ``offset`` and has a count beside it, and the
dashboard reads one cluster-year through :func:`ledger.summary.cluster_summaries`
(the matching engine), never figures of its own.

>>> left_until(datetime(2026, 5, 11, 12, tzinfo=UTC), datetime(2026, 5, 1, 12, tzinfo=UTC)).days
10
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger import identifiers, queries, state
from ledger.history import Period, mandate_on
from ledger.queries import EntryRow
from ledger.rules import Deadline
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    Company,
    Contribution,
)
from ledger.summary import YearSummary, cluster_summaries, summary_years

MEMBER_FILTERS = ("all", "active", "left", "mandate", "no-mandate")


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


@dataclass(frozen=True)
class MemberRow:
    """One member as listed: the company's details and its membership's dates."""

    kbo: str
    name: str
    kind: str
    postcode: str
    region: str  # the one that counts: the override where recorded, else the postcode's
    region_override: str | None
    joined: date | None
    left: date | None
    mandate: date | None
    # The versions read with the row: an edit form saves only over these.
    version: int
    membership_version: int


@dataclass(frozen=True)
class YearState:
    """A program year with its lock state and the last lock or reopen that set it."""

    year: int
    program_year: int
    locked: bool
    reason: str | None
    changed_at: datetime | None
    changed_by: str | None


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


def dashboard(cluster_name: str, year: int | None, *, session: Session, now: datetime) -> Dashboard:
    """One cluster-year's figures, the years to choose from, and the deadlines.

    Args:
        year: the year to show (it joins the years to choose from if it has no data);
            None picks the current year, or the last with data.
        now: the moment deadlines count down from (timezone-aware).

    Raises:
        NotFoundError: no cluster of that name.
    """
    cluster = queries.get_cluster(cluster_name, session=session)
    years, chosen = year_choice(cluster, year, session=session, today=now.date())
    (summary,) = cluster_summaries(cluster, session=session, year=chosen, with_shares=False)
    return Dashboard(cluster, years, summary, deadlines(cluster, now, session=session))


def member_rows(cluster: Cluster, *, session: Session, day: date) -> list[MemberRow]:
    """Every member of a cluster with its facts as they stand on ``day``, by name.

    The one read of a member list: ``member list`` and the app's Members screen both
    show these rows. A member's kind, postcode and region are dated facts, so the day
    decides what is shown; the mandate is the one held on that day.
    """
    rows = []
    for h in state.member_histories(cluster, session=session).values():
        rows.append(
            MemberRow(
                h.kbo,
                h.name,
                h.facts.kind_on(day).value,
                h.facts.postcode_on(day),
                h.facts.region_on(day).value,
                h.facts.override_on(day),
                h.period.joined,
                h.period.left,
                mandate_on(h.mandates, day),
                h.version,
                h.membership_version,
            )
        )
    return sorted(rows, key=lambda r: (r.name, r.kbo))


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


def _matches(row: MemberRow, words: str, digits: str, show: str, year: int) -> bool:
    if words and not (
        words.casefold() in row.name.casefold()
        or row.postcode == words
        or (digits and digits in row.kbo)
    ):
        return False
    period = Period(row.joined, row.left)
    if show == "active":
        return period.active_in(year)
    if show == "left":
        return row.left is not None and row.left < date(year, 1, 1)
    if show == "mandate":
        return row.mandate is not None
    if show == "no-mandate":
        return row.mandate is None
    return True


def _filtered(
    cluster: Cluster, *, session: Session, search: str, show: str, year: int | None
) -> list[MemberRow]:
    year = year or date.today().year
    words = search.strip()
    digits = identifiers.compact(words) if any(ch.isdigit() for ch in words) else ""
    rows = member_rows(cluster, session=session, day=reference_day(year))
    return [r for r in rows if _matches(r, words, digits, show, year)]


def reference_day(year: int, today: date | None = None) -> date:
    """The day whose facts a list for ``year`` shows: today within the current year,
    else the year's last day."""
    today = today or date.today()
    return today if today.year == year else date(year, 12, 31)


def member_page(
    cluster: Cluster,
    *,
    session: Session,
    search: str = "",
    show: str = "all",
    year: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[MemberRow]:
    """A page of a cluster's members, by name, matching a search and a filter.

    Args:
        search: part of the name, the postcode, or digits of the enterprise number.
        show: one of :data:`MEMBER_FILTERS`, judged in ``year`` (its facts, its mandates).
    """
    rows = _filtered(cluster, session=session, search=search, show=show, year=year)
    return rows[offset : offset + limit]


def count_members(
    cluster: Cluster,
    *,
    session: Session,
    search: str = "",
    show: str = "all",
    year: int | None = None,
) -> int:
    return len(_filtered(cluster, session=session, search=search, show=show, year=year))


def count_contributions(cluster: Cluster, *, session: Session, year: int | None = None) -> int:
    """How many entries (reversals included) a cluster has, in one year or all."""
    query = select(func.count()).where(Contribution.cluster_id == cluster.id)
    if year is not None:
        query = query.where(Contribution.year == year)
    return session.exec(query).one()


def contribution_page(
    cluster: Cluster, *, session: Session, year: int, limit: int = 100, offset: int = 0
) -> list[EntryRow]:
    """A page of one year's entries in the order they were recorded.

    The page's ids are found first, from the covering index alone, and only those rows
    are joined to their companies and reversals: skipping to the last page of a year of
    100,000 entries then costs a sort of ids (about 50 ms), not 100,000 joins.
    """
    ids = session.exec(
        select(Contribution.id)
        .where(Contribution.cluster_id == cluster.id, Contribution.year == year)
        .order_by(col(Contribution.id))
        .limit(limit)
        .offset(offset)
    ).all()
    if not ids:
        return []
    reversal = aliased(Contribution)
    query = (
        select(Contribution, Company.kbo, Company.name, reversal.id)
        .join(Company, col(Company.id) == Contribution.company_id)
        .outerjoin(reversal, reversal.reverses_id == Contribution.id)
        .where(col(Contribution.id).in_(ids))
        .order_by(col(Contribution.id))
    )
    return [EntryRow(e, kbo, name, rid) for e, kbo, name, rid in session.exec(query).all()]


def audit_page(
    *, session: Session, cluster: Cluster | None = None, limit: int = 100, offset: int = 0
) -> list[AuditEvent]:
    """A page of the audit trail, newest first (a cluster's, with the company changes)."""
    return queries.audit_trail(session=session, cluster=cluster, limit=limit, offset=offset)


def count_audit(*, session: Session, cluster: Cluster | None = None) -> int:
    query = queries.audit_scope(select(func.count()).select_from(AuditEvent), cluster)
    return session.exec(query).one()


def year_states(cluster: Cluster, *, session: Session) -> list[YearState]:
    """Every program year of a cluster with whether it is locked, and the latest change."""
    latest = {e.year: e for e in queries.lock_history(cluster, session=session)}
    years = cluster_years(cluster, session=session)
    max_years = state.rule_copies(cluster.id, session=session).first.max_years  # type: ignore[arg-type]
    last_program_year = cluster.start_year + max_years - 1
    shown = sorted({*years, *range(cluster.start_year, last_program_year + 1), *latest})
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
            )
        )
    return states
