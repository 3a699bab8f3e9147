"""The project portfolio of a spearhead cluster: projects, their status, partners, themes.

Each write goes: load the project (or the cluster) as plain values, check
(:mod:`ledger.checks.projects`), raise the first error, write, audit. A project's status
changes are history rows naming their audit event; a project and its partners are
changed in place, each change an audit event that keeps the row as written (under
``project`` or ``partner``), which ``verify`` holds the row to. Every change raises the
project's version, so a form that showed an older one cannot save over a newer one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from ledger import projects, state
from ledger.checks import project_status as status_checks
from ledger.checks import projects as checks
from ledger.checks import shares
from ledger.checks.projects import ProjectFields
from ledger.money import format_plain, to_cents
from ledger.portfolio import ProjectState, Step, derived
from ledger.problems import Location, Problem
from ledger.problems import first_error as _first_error
from ledger.project_terms import ProjectStatus, ProjectType
from ledger.session import Tx
from ledger.storage.project_tables import (
    Project,
    ProjectStatusChange,
    ProjectTheme,
)
from ledger.storage.tables import AuditEvent, Cluster, utcnow
from ledger.text import clean_text, optional_text


def first_error(problems: list[Problem]) -> None:
    """Raise the first error, without the form field a check named: the message names
    what is wrong in words, and the command line's options are not the form's fields."""
    _first_error(p.at(Location()) for p in problems)


class _Keep:
    """A field left as it is (None clears it)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def cents_or_none(amount: Decimal | None) -> int | None:
    return None if amount is None else to_cents(amount)


def today_or(today: date | None) -> date:
    return today or date.today()


def _cluster(tx: Tx, project: Project) -> Cluster:
    cluster = tx.session.get(Cluster, project.cluster_id)
    assert cluster is not None
    return cluster


def _rules(tx: Tx, cluster: Cluster, year: int):  # type: ignore[no-untyped-def]
    return state.rule_copies(cluster.id, session=tx.session).for_year(year)  # type: ignore[arg-type]


def _bump(tx: Tx, project: Project, expected: int | None) -> int:
    """Raise the project's version by one, only over the version the change was based on.

    Raises:
        ConflictError: someone changed the project since ``expected`` was read.
    """
    from sqlalchemy.orm.attributes import set_committed_value

    base = project.version if expected is None else expected
    table = Project.__table__  # type: ignore[attr-defined]
    result = tx.session.execute(
        table.update()
        .where(table.c.id == project.id, table.c.version == base)
        .values(version=base + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        now = tx.session.execute(
            select(table.c.version).where(table.c.id == project.id)
        ).scalar_one()
        event = tx.session.exec(
            select(AuditEvent)
            .where(
                col(AuditEvent.entity).in_(["project", "project_partner"]),
                AuditEvent.cluster_id == project.cluster_id,
            )
            .order_by(col(AuditEvent.id).desc())
            .limit(1)
        ).first()
        who = "another writer" if event is None else f"{event.actor} ({event.origin})"
        label = f"{project.id} ({project.acronym})" if project.acronym else str(project.id)
        facts = {"project": label, "who": who, "expected": base, "now": now}
        raise Problem("project.changed_since", facts, kind="conflict").error()
    set_committed_value(project, "version", base + 1)
    return base + 1


def add_project(
    tx: Tx,
    cluster: Cluster,
    *,
    type: ProjectType,
    title: str,
    acronym: str | None = None,
    theme: str | None = None,
    budget: Decimal | None = None,
    aid_requested: Decimal | None = None,
    submitted: date | None = None,
    starts: date | None = None,
    ends: date | None = None,
    today: date | None = None,
) -> Project:
    """Add a project to a spearhead cluster's portfolio: a draft, or submitted on
    ``submitted`` (its first status step either way).

    Raises:
        InputError: the cluster's rule set allows no projects (or not this type), a field
            is wrong, or the dates are out of order.
        LockedYearError: it was submitted in a locked year.
    """
    day = today_or(today)
    fields = ProjectFields(
        title=title,
        type=type,
        acronym=acronym,
        theme=theme,
        submitted_on=submitted,
        starts_on=starts,
        ends_on=ends,
        budget_cents=cents_or_none(budget),
        aid_requested_cents=cents_or_none(aid_requested),
    )
    years = state.cluster_years(cluster, session=tx.session)
    rules = _rules(tx, cluster, (submitted or day).year)
    first_error(
        checks.check_add(years, rules, fields, projects.themes(cluster, session=tx.session))
    )
    status = ProjectStatus.DRAFT if submitted is None else ProjectStatus.SUBMITTED
    project = Project(
        cluster_id=cluster.id,  # type: ignore[arg-type]
        type=type.value,
        title=clean_text(title, what="title", max_length=500),
        acronym=optional_text(acronym, what="acronym", max_length=50),
        theme=optional_text(theme, what="theme", max_length=200),
        status=status.value,
        submitted_on=submitted,
        starts_on=starts,
        ends_on=ends,
        budget_cents=fields.budget_cents,
        aid_requested_cents=fields.aid_requested_cents,
    )
    tx.session.add(project)
    tx.session.flush()
    event = tx.audit(
        "project.add",
        entity="project",
        entity_id=project.id,
        cluster_id=cluster.id,
        details={"status": status.value, "date": submitted or day},
    )
    tx.add_history(
        ProjectStatusChange(
            project_id=project.id,  # type: ignore[arg-type]
            cluster_id=cluster.id,  # type: ignore[arg-type]
            from_status=None,
            to_status=status.value,
            on_date=submitted or day,
        ),
        event,
    )
    return project


def load(tx: Tx, project_id: int) -> tuple[Project, ProjectState, Cluster]:
    """A project, as a row and as the checks see it, and its cluster."""
    project = projects.get_project(project_id, session=tx.session)
    return project, projects.project_state(project, session=tx.session), _cluster(tx, project)


def update_project(
    tx: Tx,
    project_id: int,
    *,
    title: Any = KEEP,
    type: Any = KEEP,
    acronym: Any = KEEP,
    theme: Any = KEEP,
    budget: Any = KEEP,
    aid_requested: Any = KEEP,
    starts: Any = KEEP,
    ends: Any = KEEP,
    expected_version: int | None = None,
    today: date | None = None,
) -> Project:
    """Change a project's fields (``KEEP`` leaves one, None clears it).

    The title, acronym and theme are free; the type, amounts and planned dates are what
    an annual report shows, and are refused while a year the project shows in is locked.

    Raises:
        InputError, LockedYearError, ConflictError: a field is wrong, a locked year is
            reached, the project is closed or was changed since ``expected_version``.
    """
    project, current, cluster = load(tx, project_id)
    given = {
        "title": current.title if title is KEEP else title,
        "type": current.type if type is KEEP else type,
        "acronym": current.acronym if acronym is KEEP else acronym,
        "theme": current.theme if theme is KEEP else theme,
        "budget_cents": current.budget_cents if budget is KEEP else cents_or_none(budget),
        "aid_requested_cents": (
            current.aid_requested_cents if aid_requested is KEEP else cents_or_none(aid_requested)
        ),
        "starts_on": current.starts_on if starts is KEEP else starts,
        "ends_on": current.ends_on if ends is KEEP else ends,
    }
    fields = ProjectFields(submitted_on=current.submitted_on, **given)
    years = state.cluster_years(cluster, session=tx.session)
    day = today_or(today)
    rules = _rules(tx, cluster, (current.submitted_on or day).year)
    themes = projects.themes(cluster, session=tx.session)
    first_error(checks.check_update(years, rules, current, fields, themes, day))
    after = {
        "title": clean_text(fields.title, what="title", max_length=500),
        "type": fields.type.value,
        "acronym": optional_text(fields.acronym, what="acronym", max_length=50),
        "theme": optional_text(fields.theme, what="theme", max_length=200),
        "budget_cents": fields.budget_cents,
        "aid_requested_cents": fields.aid_requested_cents,
        "starts_on": fields.starts_on,
        "ends_on": fields.ends_on,
    }
    changed = {k: v for k, v in after.items() if getattr(project, k) != v}
    if not changed:
        label = current.label
        raise Problem("project.nothing_to_change", {"project": label}, kind="conflict").error()
    before = {k: getattr(project, k) for k in changed}
    version = _bump(tx, project, expected_version)
    for key, value in changed.items():
        setattr(project, key, value)
    project.updated_at = utcnow()
    tx.save(
        project,
        "project.update",
        cluster_id=cluster.id,
        details={"before": _plain(before), "after": _plain(changed), "version": version},
    )
    return project


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: format_plain(v)
        if k.endswith("_cents") and v is not None
        else (v.isoformat() if isinstance(v, date) else v)
        for k, v in values.items()
    }


def change_status(
    tx: Tx,
    project_id: int,
    *,
    to: ProjectStatus,
    on: date,
    aid_granted: Decimal | None = None,
    force: bool = False,
    reason: str | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> tuple[Project, list[Problem]]:
    """Record a project's status from ``on``: a step forward, or one back with a reason
    (a decision recorded in error; a closed project reopened to ``running``).

    Returns:
        The project, and what still needs a look (the partners' aid above the aid granted).

    Raises:
        InputError: a step that skips one, a date before the last change, aid granted
            without the approval or above the request without ``force`` and a reason.
        LockedYearError: ``on`` lies in a locked year.
        ConflictError: the project is closed, or changed since ``expected_version``.
    """
    project, current, cluster = load(tx, project_id)
    granted = cents_or_none(aid_granted)
    why = optional_text(reason, what="reason", max_length=2000)
    years = state.cluster_years(cluster, session=tx.session)
    first_error(
        status_checks.check_status(
            years, current, to, on, aid_granted_cents=granted, force=force, reason=why
        )
    )
    forced = status_checks.needs_force(current, granted)
    previous = ProjectStatus(project.status)
    steps = [*current.steps, Step(0, previous, to, on, granted, forced, why)]
    submitted, decided, aid = derived(steps)
    version = _bump(tx, project, expected_version)
    project.status = to.value
    project.submitted_on, project.decided_on, project.aid_granted_cents = submitted, decided, aid
    project.updated_at = utcnow()
    tx.session.add(project)
    tx.session.flush()
    event = tx.audit(
        "project.status",
        entity="project",
        entity_id=project.id,
        cluster_id=cluster.id,
        details={
            "from": previous.value,
            "to": to.value,
            "date": on,
            "aid_granted": None if granted is None else format_plain(granted),
            "forced": forced,
            "reason": why,
            "version": version,
        },
    )
    tx.add_history(
        ProjectStatusChange(
            project_id=project.id,  # type: ignore[arg-type]
            cluster_id=cluster.id,  # type: ignore[arg-type]
            from_status=previous.value,
            to_status=to.value,
            on_date=on,
            aid_granted_cents=granted,
            forced=forced,
            reason=why,
        ),
        event,
    )
    after = projects.project_state(project, session=tx.session)
    return project, shares.decision_notes(after)


def add_theme(tx: Tx, cluster: Cluster, *, name: str) -> ProjectTheme:
    """Add a strategic theme (a roadmap line) to the cluster's list.

    Raises:
        InputError: the name is empty or holds a refused character; the cluster's rule
            set allows no projects.
        ConflictError: the cluster lists the theme already.
    """
    theme = clean_text(name, what="theme", max_length=200)
    years = state.cluster_years(cluster, session=tx.session)
    rules = _rules(tx, cluster, date.today().year)
    if not rules.project_types:
        first_error(checks.check_allows_projects(years, rules, ProjectType.OO))
    if theme in projects.themes(cluster, session=tx.session):
        facts = {"cluster": cluster.name, "theme": theme}
        raise Problem("project.theme_exists", facts, kind="conflict").error()
    event = tx.audit(
        "project.theme_add",
        entity="cluster",
        entity_id=cluster.id,
        cluster_id=cluster.id,
        details={"theme": theme},
    )
    row = ProjectTheme(cluster_id=cluster.id, name=theme)  # type: ignore[arg-type]
    tx.add_history(row, event)
    return row


def project_notes(tx: Tx, project: Project) -> list[Problem]:
    """What a coordinator should still look at for a project (warnings), as just written."""
    current = projects.project_state(project, session=tx.session)
    cluster = _cluster(tx, project)
    years = state.cluster_years(cluster, session=tx.session)
    themes = projects.themes(cluster, session=tx.session)
    return checks.check_themes(years, current.theme, themes) + shares.share_notes(current)
