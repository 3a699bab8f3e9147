"""Reading the project portfolio: a project as the checks see it, lists for the faces,
a project's page, a company's projects and a cluster's themes.

Each function takes ``*, session`` and writes nothing. A list reads the projects, their
steps and their partners in three queries, whatever the number of projects.

>>> # project_record(3, session=session).state.status
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from ledger.checks.shares import share_notes
from ledger.portfolio import PartnerShare, ProjectState, Step, status_on, years_shown
from ledger.problems import Problem
from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
from ledger.storage.project_tables import (
    Project,
    ProjectPartner,
    ProjectStatusChange,
    ProjectTheme,
)
from ledger.storage.tables import AuditEvent, Cluster, Company, Membership


def get_project(project_id: int, *, session: Session) -> Project:
    """The project with this id.

    Raises:
        NotFoundError: there is none.
    """
    # An id beyond 64 bits cannot exist, and would overflow the database driver.
    found = session.get(Project, project_id) if 0 < project_id < 2**63 else None
    if found is None:
        raise Problem("project.unknown", {"id": project_id}, kind="notfound").error()
    return found


def _steps(project_ids: Iterable[int], *, session: Session) -> dict[int, list[Step]]:
    ids = list(project_ids)
    found: dict[int, list[Step]] = defaultdict(list)
    if not ids:
        return found
    query = (
        select(ProjectStatusChange)
        .where(col(ProjectStatusChange.project_id).in_(ids))
        .order_by(col(ProjectStatusChange.id))
    )
    for row in session.exec(query):
        assert row.id is not None
        found[row.project_id].append(
            Step(
                row.id,
                None if row.from_status is None else ProjectStatus(row.from_status),
                ProjectStatus(row.to_status),
                row.on_date,
                row.aid_granted_cents,
                row.forced,
                row.reason,
            )
        )
    return found


def _partners(project_ids: Iterable[int], *, session: Session) -> dict[int, list[ProjectPartner]]:
    ids = list(project_ids)
    found: dict[int, list[ProjectPartner]] = defaultdict(list)
    if not ids:
        return found
    query = (
        select(ProjectPartner)
        .where(col(ProjectPartner.project_id).in_(ids), col(ProjectPartner.removed).is_(False))
        .order_by(col(ProjectPartner.id))
    )
    for row in session.exec(query):
        found[row.project_id].append(row)
    return found


def share(row: ProjectPartner) -> PartnerShare:
    """A partner row as the checks see it."""
    assert row.id is not None
    return PartnerShare(
        row.id,
        row.kbo,
        row.name,
        row.country,
        PartnerRole(row.role),
        row.budget_cents,
        row.aid_cents,
    )


def as_state(
    project: Project, steps: Iterable[Step], partners: Iterable[ProjectPartner]
) -> ProjectState:
    """A project row, its steps and its partners as one plain value."""
    assert project.id is not None
    return ProjectState(
        id=project.id,
        cluster_id=project.cluster_id,
        type=ProjectType(project.type),
        title=project.title,
        acronym=project.acronym,
        theme=project.theme,
        status=ProjectStatus(project.status),
        submitted_on=project.submitted_on,
        decided_on=project.decided_on,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        budget_cents=project.budget_cents,
        aid_requested_cents=project.aid_requested_cents,
        aid_granted_cents=project.aid_granted_cents,
        version=project.version,
        steps=tuple(steps),
        partners=tuple(share(p) for p in partners),
    )


def project_state(project: Project, *, session: Session) -> ProjectState:
    """One project with its steps and its partners (those not removed)."""
    assert project.id is not None
    steps = _steps([project.id], session=session)[project.id]
    partners = _partners([project.id], session=session)[project.id]
    return as_state(project, steps, partners)


def themes(cluster: Cluster, *, session: Session) -> list[str]:
    """The cluster's list of strategic themes (roadmap lines), in the order added."""
    query = (
        select(ProjectTheme.name)
        .where(ProjectTheme.cluster_id == cluster.id)
        .order_by(col(ProjectTheme.id))
    )
    return list(session.exec(query).all())


def members_among(
    cluster_id: int, kbos: Iterable[str | None], *, session: Session
) -> dict[str, Membership]:
    """The memberships of ``cluster_id`` held by these enterprise numbers."""
    wanted = sorted({k for k in kbos if k})
    if not wanted:
        return {}
    query = (
        select(Company.kbo, Membership)
        .join(Membership, col(Membership.company_id) == Company.id)
        .where(Membership.cluster_id == cluster_id, col(Company.kbo).in_(wanted))
    )
    return {kbo: membership for kbo, membership in session.exec(query).all()}


def member_in(membership: Membership | None, year: int) -> bool:
    """Whether a membership is active at some day of ``year``."""
    if membership is None:
        return False
    joined, left = membership.joined, membership.left
    return (joined is None or joined.year <= year) and (left is None or left.year >= year)


@dataclass(frozen=True)
class ProjectLine:
    """A project as a list shows it, with the count of its partners and of its members."""

    state: ProjectState
    partners: int
    members: int


def portfolio(
    cluster: Cluster,
    *,
    session: Session,
    year: int | None = None,
    status: ProjectStatus | None = None,
    kind: ProjectType | None = None,
    today: date | None = None,
) -> list[ProjectLine]:
    """The cluster's projects by id; with ``year``, those its annual report lists (and
    with the status they had at that year's end); with ``status`` or ``kind``, only those."""
    query = select(Project).where(Project.cluster_id == cluster.id).order_by(col(Project.id))
    if kind is not None:
        query = query.where(Project.type == kind.value)
    rows = list(session.exec(query).all())
    ids = [r.id for r in rows if r.id is not None]
    steps = _steps(ids, session=session)
    partners = _partners(ids, session=session)
    memberships = members_among(
        cluster.id,  # type: ignore[arg-type]
        (p.kbo for ps in partners.values() for p in ps),
        session=session,
    )
    this_year = (today or date.today()).year
    lines = []
    for row in rows:
        assert row.id is not None
        state = as_state(row, steps[row.id], partners[row.id])
        if year is not None:
            if year not in years_shown(state.steps, this_year):
                continue
            state = _as_of(state, date(year, 12, 31))
        if status is not None and state.status != status:
            continue
        when = year if year is not None else this_year
        members = sum(member_in(memberships.get(p.kbo or ""), when) for p in state.partners)
        lines.append(ProjectLine(state, len(state.partners), members))
    return lines


def _as_of(state: ProjectState, day: date) -> ProjectState:
    """A project with the status (and the aid granted) it had on ``day``."""
    from dataclasses import replace

    from ledger.portfolio import dated, derived

    before = tuple(s for s in dated(state.steps) if s.on_date <= day)
    submitted, decided, granted = derived(before)
    return replace(
        state,
        status=status_on(state.steps, day),
        submitted_on=submitted,
        decided_on=decided,
        aid_granted_cents=granted,
    )


@dataclass(frozen=True)
class PartnerLine:
    """A partner on a project's page: its share, and whether it is a member of the cluster."""

    share: PartnerShare
    member: bool


@dataclass(frozen=True)
class StepLine:
    """A status change on a project's page, with who recorded it and when."""

    step: Step
    actor: str | None
    at: datetime | None  # UTC, as the audit trail keeps it


@dataclass(frozen=True)
class ProjectRecord:
    """A project's page: its fields, partners, status history and what is still missing."""

    cluster: str
    state: ProjectState
    partners: tuple[PartnerLine, ...]
    history: tuple[StepLine, ...]
    notes: tuple[Problem, ...]


def project_record(project_id: int, *, session: Session) -> ProjectRecord:
    """Everything a project's page shows.

    Raises:
        NotFoundError: no such project.
    """
    project = get_project(project_id, session=session)
    state = project_state(project, session=session)
    cluster = session.get(Cluster, project.cluster_id)
    assert cluster is not None
    memberships = members_among(
        project.cluster_id, (p.kbo for p in state.partners), session=session
    )
    today = date.today()
    partners = tuple(
        PartnerLine(p, member_in(memberships.get(p.kbo or ""), today.year)) for p in state.partners
    )
    events = _step_events(state.steps, session=session)
    history = tuple(StepLine(s, *events.get(s.id, (None, None))) for s in state.steps)
    return ProjectRecord(cluster.name, state, partners, history, tuple(share_notes(state)))


def _step_events(steps: Iterable[Step], *, session: Session) -> dict[int, tuple[str, datetime]]:
    ids = [s.id for s in steps]
    if not ids:
        return {}
    query = (
        select(ProjectStatusChange.id, AuditEvent.actor, AuditEvent.at)
        .join(AuditEvent, col(AuditEvent.id) == ProjectStatusChange.set_by_event)
        .where(col(ProjectStatusChange.id).in_(ids))
    )
    return {sid: (actor, at) for sid, actor, at in session.exec(query).all()}


@dataclass(frozen=True)
class CompanyProject:
    """A project a company takes part in, in one of its roles."""

    project_id: int
    cluster: str
    acronym: str | None
    title: str
    type: ProjectType
    status: ProjectStatus
    role: PartnerRole


def company_projects(kbo: str, *, session: Session) -> list[CompanyProject]:
    """The projects a company (by enterprise number) takes part in, by project id."""
    query = (
        select(Project, ProjectPartner.role, Cluster.name)
        .join(ProjectPartner, col(ProjectPartner.project_id) == Project.id)
        .join(Cluster, col(Cluster.id) == Project.cluster_id)
        .where(ProjectPartner.kbo == kbo, col(ProjectPartner.removed).is_(False))
        .order_by(col(Project.id), col(ProjectPartner.id))
    )
    return [
        CompanyProject(
            p.id,  # type: ignore[arg-type]
            name,
            p.acronym,
            p.title,
            ProjectType(p.type),
            ProjectStatus(p.status),
            PartnerRole(role),
        )
        for p, role, name in session.exec(query).all()
    ]


def get_partner(project: Project, partner_id: int, *, session: Session) -> ProjectPartner | None:
    """A partner of ``project`` by its id (a removed one too), or None."""
    if not 0 < partner_id < 2**63:
        return None
    row = session.get(ProjectPartner, partner_id)
    return row if row is not None and row.project_id == project.id else None


def known_name(kbo: str | None, *, session: Session) -> str | None:
    """The name the ledger knows for an enterprise number: the company's, else the one it
    was last given as a partner of a project (a partner need not be a member)."""
    if kbo is None:
        return None
    company = session.exec(select(Company).where(Company.kbo == kbo)).first()
    if company is not None:
        return company.name
    query = (
        select(ProjectPartner.name)
        .where(ProjectPartner.kbo == kbo)
        .order_by(col(ProjectPartner.id).desc())
        .limit(1)
    )
    return session.exec(query).first()
