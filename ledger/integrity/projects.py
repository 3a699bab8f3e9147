"""The project portfolio's history, checked against the audit trail that recorded it.

A project and its partners are rows the ledger changes in place: every event that writes
one keeps it whole, and :mod:`ledger.integrity.state` holds each to its newest event
(they are in its ``REPLAYED`` registry). Here, the history: every status change and
every theme names the event that recorded it, and must hold what that event says; every
event that recorded one must still have it; and a project's status, the day it was
submitted and decided, and the aid granted must be what its status changes say. A row
changed, slipped in or deleted behind the ledger's back breaks one of these.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from ledger.money import format_plain
from ledger.portfolio import Step, derived, path
from ledger.project_terms import ProjectStatus
from ledger.storage.project_tables import (
    Project,
    ProjectStatusChange,
    ProjectTheme,
)
from ledger.storage.tables import AuditEvent

_SHOWN = 3
# The actions whose events record a history row, by table.
_RECORDS = {
    "project.add": "project_status_change",
    "project.status": "project_status_change",
    "project.theme_add": "project_theme",
}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def project_problems(session: Session) -> list[str]:
    """Every disagreement between the portfolio and its audit trail (empty when none)."""
    found: dict[str, list[str]] = defaultdict(list)
    events: dict[int, tuple[str, str, int | None, dict[str, Any]]] = {}
    query = (
        select(AuditEvent.id, AuditEvent.action, AuditEvent.entity, AuditEvent.entity_id)
        .add_columns(AuditEvent.details)
        .where(col(AuditEvent.action).startswith("project."))
        .order_by(col(AuditEvent.id))
    )
    for event_id, action, entity, entity_id, details in session.exec(query):
        data = json.loads(details)
        events[event_id] = (action, entity, entity_id, data)

    referenced: dict[str, set[int]] = defaultdict(set)
    _status_changes(session, events, referenced, found)
    _themes(session, events, referenced, found)
    for event_id, (action, _, _, _) in events.items():
        table = _RECORDS.get(action)
        if table is not None and event_id not in referenced[table]:
            found[table].append(
                f"audit event {event_id} ({action}) recorded a {table.replace('_', ' ')}, and "
                "it is gone: it was deleted outside the ledger"
            )
    problems: list[str] = []
    for table, lines in found.items():
        problems += lines[:_SHOWN]
        if len(lines) > _SHOWN:
            problems.append(
                f"{len(lines) - _SHOWN} more {table} rows disagree with the audit trail"
            )
    return problems


Events = dict[int, tuple[str, str, int | None, dict[str, Any]]]


def _event_of(
    table: str, row: Any, events: Events, referenced: dict[str, set[int]], found: dict[str, list]
) -> tuple[str, str, int | None, dict[str, Any]] | None:
    event = events.get(row.set_by_event) if row.set_by_event is not None else None
    if event is None or _RECORDS.get(event[0]) != table:
        found[table].append(
            f"{table} {row.id} has no audit event: it was written outside the ledger"
        )
        return None
    referenced[table].add(row.set_by_event)
    return event


def _status_changes(
    session: Session, events: Events, referenced: dict[str, set[int]], found: dict[str, list]
) -> None:
    table = "project_status_change"
    steps: dict[int, list[Step]] = defaultdict(list)
    query = select(ProjectStatusChange).order_by(col(ProjectStatusChange.id))
    for row in session.exec(query).all():
        event = _event_of(table, row, events, referenced, found)
        steps[row.project_id].append(
            Step(
                row.id or 0,
                None if row.from_status is None else ProjectStatus(row.from_status),
                ProjectStatus(row.to_status),
                row.on_date,
                row.aid_granted_cents,
            )
        )
        if event is None:
            continue
        action, _, entity_id, details = event
        granted = None if row.aid_granted_cents is None else format_plain(row.aid_granted_cents)
        said: list[tuple[str, Any, Any]] = [
            ("project", row.project_id, entity_id),
            ("date", row.on_date.isoformat(), _text(details.get("date"))),
        ]
        if action == "project.add":
            said.append(("status", row.to_status, details.get("status")))
        else:
            said += [
                ("status", row.to_status, details.get("to")),
                ("previous status", row.from_status, details.get("from")),
                ("aid granted", granted, details.get("aid_granted")),
                ("reason", row.reason, details.get("reason")),
            ]
        _differs(table, row, said, found)

    def check(project: Project) -> None:
        road = steps.get(project.id or 0, [])
        if not road:
            found["project"].append(
                f"project {project.id} has no status history: it was written outside the ledger"
            )
            return
        submitted, decided, granted = derived(road)
        expected = {
            "status": path(road)[-1][0].value,
            "submitted_on": submitted,
            "decided_on": decided,
            "aid_granted_cents": granted,
        }
        for field, value in expected.items():
            if getattr(project, field) != value:
                found["project"].append(
                    f"project {project.id} holds {field} {getattr(project, field)!r}, but its "
                    f"status history says {value!r}: it was changed outside the ledger"
                )
                return

    for project in session.exec(select(Project).order_by(col(Project.id))).all():
        check(project)


def _themes(
    session: Session, events: Events, referenced: dict[str, set[int]], found: dict[str, list]
) -> None:
    table = "project_theme"
    for row in session.exec(select(ProjectTheme).order_by(col(ProjectTheme.id))).all():
        event = _event_of(table, row, events, referenced, found)
        if event is None:
            continue
        _, _, entity_id, details = event
        said = [("cluster", row.cluster_id, entity_id), ("name", row.name, details.get("theme"))]
        _differs(table, row, said, found)


def _differs(
    table: str, row: Any, said: list[tuple[str, Any, Any]], found: dict[str, list]
) -> None:
    for what, held, told in said:
        if held != told:
            found[table].append(
                f"{table} {row.id} holds {what} {held!r}, but its audit event "
                f"{row.set_by_event} says {told!r}: it was changed outside the ledger"
            )
            return
