"""A project and its history as plain values: what the checks and the reports reason about.

A project's status moves along one road::

    draft -> submitted -> approved -> running -> closed
                       \\-> rejected
    (draft, submitted, approved, running) -> withdrawn

Each change is a dated step (:class:`Step`), kept for ever. A step back, one road
segment at a time and with a reason, undoes the step before it: a decision recorded in
error goes back to ``submitted``, a closed project is reopened to ``running``. Replaying
the steps gives the *path*, the steps still in force, from which the day the project was
submitted, the day of its decision and the aid granted follow. Replaying the steps up to
a day gives the status on that day, which is what an annual report shows for its year.

>>> steps = (
...     Step(1, None, ProjectStatus.SUBMITTED, date(2025, 3, 1)),
...     Step(2, ProjectStatus.SUBMITTED, ProjectStatus.APPROVED, date(2025, 9, 1), 40_000_00),
...     Step(3, ProjectStatus.APPROVED, ProjectStatus.RUNNING, date(2026, 1, 5)),
... )
>>> status_on(steps, date(2025, 12, 31)), sorted(years_shown(steps, 2027))
(<ProjectStatus.APPROVED: 'approved'>, [2025, 2026, 2027])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType

S = ProjectStatus
# Where a status may go next, forward.
FORWARD: dict[ProjectStatus, tuple[ProjectStatus, ...]] = {
    S.DRAFT: (S.SUBMITTED, S.WITHDRAWN),
    S.SUBMITTED: (S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.APPROVED: (S.RUNNING, S.WITHDRAWN),
    S.RUNNING: (S.CLOSED, S.WITHDRAWN),
    S.REJECTED: (),
    S.WITHDRAWN: (),
    S.CLOSED: (),
}
DECISIONS = frozenset({S.APPROVED, S.REJECTED})


@dataclass(frozen=True)
class Step:
    """One status change: from what (None for a project's first step), to what, on which day."""

    id: int
    from_status: ProjectStatus | None
    to_status: ProjectStatus
    on_date: date
    aid_granted_cents: int | None = None
    forced: bool = False
    reason: str | None = None

    @property
    def is_start(self) -> bool:
        """A project's first step, as it was added (draft on the day it was recorded, or
        submitted on the day it was submitted)."""
        return self.from_status is None


def path(steps: Sequence[Step]) -> list[tuple[ProjectStatus, Step | None]]:
    """The steps still in force, from ``draft``: a step back takes the last one off."""
    road: list[tuple[ProjectStatus, Step | None]] = [(S.DRAFT, None)]
    for step in steps:
        if step.is_start and step.to_status == S.DRAFT:
            continue
        if len(road) > 1 and step.to_status == road[-2][0]:
            road.pop()
        else:
            road.append((step.to_status, step))
    return road


def dated(steps: Sequence[Step]) -> list[Step]:
    """The steps whose day matters: all but a draft's first, which is the day it was typed in."""
    return [s for s in steps if not (s.is_start and s.to_status == S.DRAFT)]


def status_on(steps: Sequence[Step], day: date) -> ProjectStatus:
    """The status on ``day`` (the steps are in order of their days: the checks see to it)."""
    return path([s for s in dated(steps) if s.on_date <= day])[-1][0]


def step_into(steps: Sequence[Step], statuses: frozenset[ProjectStatus]) -> Step | None:
    """The step of the path that entered one of ``statuses`` (its latest), if any."""
    found = [step for status, step in path(steps) if status in statuses and step is not None]
    return found[-1] if found else None


def running_years(steps: Sequence[Step], this_year: int) -> set[int]:
    """Every year the project was running at some moment (up to ``this_year`` while it
    still runs)."""
    real = dated(steps)
    years: set[int] = set()
    for i, step in enumerate(real):
        if step.to_status == S.RUNNING:
            until = real[i + 1].on_date.year if i + 1 < len(real) else this_year
            years.update(range(step.on_date.year, until + 1))
    return years


def years_shown(steps: Sequence[Step], this_year: int) -> set[int]:
    """The years whose annual report lists the project: a year with a step of it (other
    than its first draft), and every year it was running."""
    return {s.on_date.year for s in dated(steps)} | running_years(steps, this_year)


@dataclass(frozen=True)
class PartnerShare:
    """A party to a project (a removed one is not listed) and its share."""

    id: int
    kbo: str | None
    name: str
    country: str
    role: PartnerRole
    budget_cents: int | None = None
    aid_cents: int | None = None

    @property
    def party(self) -> str:
        """Who the party is, whatever its role: its enterprise number, or its country and
        name (case and spaces folded) for a partner without one."""
        if self.kbo is not None:
            return self.kbo
        return f"{self.country}:{' '.join(self.name.casefold().split())}"


@dataclass(frozen=True)
class ProjectState:
    """A project as the checks see it: its fields, its steps and its partners."""

    id: int
    cluster_id: int
    type: ProjectType
    title: str
    acronym: str | None
    theme: str | None
    status: ProjectStatus
    submitted_on: date | None
    decided_on: date | None
    starts_on: date | None
    ends_on: date | None
    budget_cents: int | None
    aid_requested_cents: int | None
    aid_granted_cents: int | None
    version: int
    steps: tuple[Step, ...] = ()
    partners: tuple[PartnerShare, ...] = ()

    @property
    def label(self) -> str:
        """How a message names the project: ``3 (CIRCPACK)``; one not written yet (an
        import's row, id 0) by its acronym or title."""
        if self.id <= 0:
            return self.acronym or repr(self.title)
        return f"{self.id} ({self.acronym})" if self.acronym else str(self.id)

    @property
    def aid_total(self) -> tuple[str, int | None]:
        """What the partners' aid adds up to: the aid granted once decided, else requested."""
        if self.aid_granted_cents is not None:
            return "aid granted", self.aid_granted_cents
        return "aid requested", self.aid_requested_cents

    def last_step(self) -> Step | None:
        """The latest step whose day matters."""
        real = dated(self.steps)
        return real[-1] if real else None


def derived(steps: Sequence[Step]) -> tuple[date | None, date | None, int | None]:
    """What the path fixes of a project: the day it was submitted, the day of its decision,
    and the aid granted (None where the path has no such step)."""
    submitted = step_into(steps, frozenset({S.SUBMITTED}))
    decided = step_into(steps, DECISIONS)
    approved = step_into(steps, frozenset({S.APPROVED}))
    return (
        submitted.on_date if submitted else None,
        decided.on_date if decided else None,
        approved.aid_granted_cents if approved else None,
    )
