"""A project portfolio kept in a spreadsheet: a row's values, and how they are written to
the ledger as a project with its status steps, or as a partner.

A coordinator's sheet says where each project stands now (``goedgekeurd``) and on which
days it got there (submitted, decided, started, ended). The ledger keeps each step, so a
row becomes the road it travelled: a project approved on 4 July after being submitted on
3 March is submitted on 3 March, then approved on 4 July with its aid granted. Every
step goes through the same operations and checks as ``project status``.

The import plans such rows (:mod:`importers.plan_projects`) and writes them here.

Example::

    project_id = write_project(tx, cluster, PortfolioProject(ProjectType.ICON, "Grid edge", ...))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger import operations
from ledger.money import format_plain, from_cents
from ledger.problems import Location, Problem
from ledger.project_terms import (
    PartnerRole,
    ProjectStatus,
    ProjectType,
)
from ledger.session import Tx
from ledger.storage.tables import Cluster

S = ProjectStatus


Road = tuple[tuple[ProjectStatus, date, int | None], ...]


@dataclass(frozen=True)
class PortfolioProject:
    """One row of a project list, read (and, for a project the ledger holds, the steps
    the row moves it forward by)."""

    type: ProjectType
    title: str
    status: ProjectStatus
    acronym: str | None = None
    theme: str | None = None
    submitted: date | None = None
    decided: date | None = None
    start: date | None = None
    end: date | None = None
    budget_cents: int | None = None
    aid_requested_cents: int | None = None
    aid_granted_cents: int | None = None
    id: int | None = None  # the ledger's project, when the row moves one forward
    steps: Road = ()  # the steps it takes then, each on its day
    fills: tuple[str, ...] = ()  # and the fields it gives that the ledger had not (start, end)


@dataclass(frozen=True)
class PortfolioPartner:
    """One row of a partner list, read; ``project`` is the reference the row gives (its
    acronym, title or id), then the ledger's id of the project it names."""

    project: str
    role: PartnerRole
    kbo: str | None = None
    name: str | None = None
    country: str | None = None
    budget_cents: int | None = None
    aid_cents: int | None = None


def road(project: PortfolioProject) -> list[tuple[ProjectStatus, date, int | None]]:
    """The steps after the first (a draft, or the submission) that bring a project to its
    status, each on its day.

    Raises:
        InputError: a day the status needs is missing (an approval without its decision
            day), a value the status has no place for (a decision day of a project still
            submitted), or the status cannot be read from days (a withdrawal); its
            problem names the field.
    """
    status = project.status

    def need(day: date | None, field: str, what: str) -> date:
        if day is None:
            facts = {"status": status.value, "what": what}
            raise Problem("row.project_needs_date", facts, Location(field=field)).error()
        return day

    def unused(value: object, field: str, what: str) -> None:
        if value is not None:
            shown = format_plain(value) if isinstance(value, int) else value
            facts = {"status": status.value, "what": what, "value": shown}
            raise Problem("row.project_value_unused", facts, Location(field=field)).error()

    if status == S.WITHDRAWN:
        raise Problem("row.project_withdrawn", {}, Location(field="status")).error()
    if status == S.DRAFT:
        unused(project.submitted, "submitted", "submission date")
    if status in (S.DRAFT, S.SUBMITTED):
        unused(project.decided, "decided", "decision date")
    if status not in (S.APPROVED, S.RUNNING, S.CLOSED):
        unused(project.aid_granted_cents, "aid_granted", "aid granted")
    if status == S.DRAFT:
        return []
    need(project.submitted, "submitted", "submission")
    if status == S.SUBMITTED:
        return []
    if status == S.REJECTED:
        return [(S.REJECTED, need(project.decided, "decided", "decision"), None)]
    steps: list[tuple[ProjectStatus, date, int | None]] = [
        (S.APPROVED, need(project.decided, "decided", "decision"), project.aid_granted_cents)
    ]
    if status in (S.RUNNING, S.CLOSED):
        steps.append((S.RUNNING, need(project.start, "start", "start"), None))
    if status == S.CLOSED:
        steps.append((S.CLOSED, need(project.end, "end", "end"), None))
    return steps


def _euros(cents: int | None) -> Decimal | None:
    return None if cents is None else from_cents(cents)


def write_project(tx: Tx, cluster: Cluster, p: PortfolioProject) -> int:
    """Add one project and take every step its status needs but the closing one (see
    :func:`take_steps`); its id.

    Raises:
        LedgerError: the ledger refused it (unlocated: the caller knows the row).
    """
    steps = road(p)  # every day its status needs is there, before anything is written
    project = operations.add_project(
        tx,
        cluster,
        type=p.type,
        title=p.title,
        acronym=p.acronym,
        theme=p.theme,
        budget=_euros(p.budget_cents),
        aid_requested=_euros(p.aid_requested_cents),
        submitted=p.submitted,
        starts=p.start,
        ends=p.end,
    )
    assert project.id is not None
    take_steps(tx, project.id, steps)
    return project.id


def take_steps(tx: Tx, project_id: int, steps: Road | list) -> None:
    """Status steps, in order, each on its day, but the closing one: a closed project is
    read-only, and its partners (a list imported after the projects) come first; the
    import says so, and :func:`close` takes that step."""
    for status, day, granted in steps:
        if status == S.CLOSED:
            break
        operations.change_status(tx, project_id, to=status, on=day, aid_granted=_euros(granted))


def move_forward(tx: Tx, p: PortfolioProject) -> None:
    """A project the ledger holds, brought where its row says: the start or end it had not
    got yet (one audited update), then the steps (see :func:`take_steps`)."""
    assert p.id is not None
    if p.fills:
        given = {"starts": p.start} if "start" in p.fills else {}
        given |= {"ends": p.end} if "end" in p.fills else {}
        operations.update_project(tx, p.id, **given)
    take_steps(tx, p.id, p.steps)


def close(tx: Tx, project_id: int, p: PortfolioProject) -> None:
    """The closing step of a project the sheet says is closed (after its partners)."""
    assert p.status == S.CLOSED and p.end is not None
    operations.change_status(tx, project_id, to=S.CLOSED, on=p.end)


def write_partner(tx: Tx, r: PortfolioPartner) -> None:
    """Add a partner to the project the row names (its id, once planned)."""
    operations.add_partner(
        tx,
        int(r.project),
        role=r.role,
        kbo=r.kbo,
        name=r.name,
        country=r.country,
        budget=_euros(r.budget_cents),
        aid=_euros(r.aid_cents),
    )
