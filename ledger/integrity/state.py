"""The rows the ledger changes in place, checked against the audit trail that describes
them.

Entries and audit events are chained (:mod:`ledger.integrity.chain`); clusters,
companies, memberships and coordination costs are rows the ledger updates, so they carry
no chain of their own. But every change to them is an audit event holding the new values,
and the audit events are chained. Replaying a row's events in order gives what the row
must hold now; a row that holds anything else was changed behind the ledger's back, and
the figures it feeds (which member counts, the ceiling, the rule set) with it. Year
locks and import batches are append-only rows; each must have exactly its one audit
event, and agree with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, col, select

from ledger.money import format_plain
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    Company,
    CoordinationCost,
    ImportBatch,
    Membership,
    YearLockEvent,
)

_FIELDS: dict[str, tuple[str, ...]] = {
    "cluster": ("name", "rule_set", "start_year", "kbo"),
    "company": ("name", "version"),
    "membership": ("joined", "left", "version"),
    "coordination_cost": ("amount",),
    "year_lock_event": ("year", "locked"),
    "import_batch": ("rows",),
}
_MODELS: dict[str, Any] = {
    "cluster": Cluster,
    "company": Company,
    "membership": Membership,
    "coordination_cost": CoordinationCost,
    "year_lock_event": YearLockEvent,
    "import_batch": ImportBatch,
}
_SHOWN = 3  # differences named in full; the rest are counted


def state_problems(session: Session) -> list[str]:
    """Every row above that disagrees with its audit trail, or has none."""
    expected = _replay(session)
    problems: list[str] = []
    for entity, model in _MODELS.items():
        found: list[str] = []
        seen: set[int] = set()
        for row in session.exec(select(model).order_by(col(model.id))).all():
            seen.add(row.id)
            state = expected.get((entity, row.id))
            if state is None:
                found.append(
                    f"{entity} {row.id} has no audit event: it was written outside the ledger"
                )
                continue
            for field, value in _actual(entity, row).items():
                if field in state and state[field] != value:
                    found.append(
                        f"{entity} {row.id} holds {field} {value!r}, but its audit trail says "
                        f"{state[field]!r}: it was changed outside the ledger"
                    )
                    break
        gone = sorted(i for (e, i) in expected if e == entity and i not in seen)
        found += [
            f"{entity} {i} is in the audit trail but not in the ledger: it was deleted"
            for i in gone
        ]
        problems += found[:_SHOWN]
        if len(found) > _SHOWN:
            problems.append(
                f"{len(found) - _SHOWN} more {entity} rows disagree with the audit trail"
            )
    return problems


def _events(session: Session) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    query = (
        select(AuditEvent.action, AuditEvent.entity, AuditEvent.entity_id, AuditEvent.details)
        .where(col(AuditEvent.entity).in_(list(_MODELS)), col(AuditEvent.entity_id).is_not(None))
        .order_by(col(AuditEvent.id))
    )
    for action, entity, entity_id, details in session.exec(query):
        yield action, entity, entity_id, json.loads(details)


def _replay(session: Session) -> dict[tuple[str, int], dict[str, Any]]:
    """What each row must hold now, from the details of its audit events in order."""
    state: dict[tuple[str, int], dict[str, Any]] = {}
    for action, entity, entity_id, details in _events(session):
        now = state.setdefault((entity, entity_id), {})
        if action in ("cluster.add", "company.add", "member.join"):
            now.update({k: details[k] for k in _FIELDS[entity] if k in details})
        elif action == "costs.set":
            now["amount"] = details["after"]
        elif action in ("year.lock", "year.reopen"):
            now.update(year=details["year"], locked=action == "year.lock")
        elif action in ("import.commit", "import.undo"):
            now["rows"] = details.get("rows", details.get("reversed"))
        elif isinstance(details.get("after"), dict):
            now.update(details["after"])
        if "version" in details:
            now["version"] = details["version"]
    return state


def _actual(entity: str, row: Any) -> dict[str, Any]:
    """A row's values as its audit details write them (dates as text, amounts plain)."""
    if entity == "coordination_cost":
        return {"amount": format_plain(row.amount_cents)}
    if entity == "import_batch":
        return {"rows": row.row_count}
    values = {field: getattr(row, field) for field in _FIELDS[entity]}
    return {
        k: v if v is None or isinstance(v, (int, str, bool)) else str(v) for k, v in values.items()
    }
