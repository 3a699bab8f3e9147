"""The rows the ledger changes in place, checked against the audit trail that describes
them.

Entries, audit events, year locks and import batches are chained
(:mod:`ledger.integrity.chain`); clusters, companies, memberships, coordination costs and
column mappings are rows the ledger updates, so they carry no chain of their own. But
every change to one is an audit event, the audit events are chained, and each such event
holds the row as it was written, every column of it, under :data:`ROW_KEY`
(:func:`snapshot`). The newest event of a row is what the row must hold now; a row that
holds anything else in any column was changed behind the ledger's back, and the figures
it feeds (which member counts, the ceiling, the rule set, which columns an import reads)
with it. Events written before the ledger kept the whole row name some columns only
(``before``/``after``); those are replayed as they are, and the upgrade that introduced
whole rows recorded each row once as it stood (a ``ledger.baseline`` event).

Adding a table the ledger changes in place is one entry in :data:`REPLAYED`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from ledger.money import format_plain
from ledger.storage.project_tables import Project, ProjectPartner
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    ColumnMapping,
    Company,
    CoordinationCost,
    ImportBatch,
    Membership,
    YearLockEvent,
)

# Where an audit event keeps the row it wrote; sorted last, so the details read first.
ROW_KEY = "~row"

# The tables the ledger changes in place, replayed from their audit events in every column.
REPLAYED: dict[str, type[SQLModel]] = {
    "cluster": Cluster,
    "company": Company,
    "membership": Membership,
    "coordination_cost": CoordinationCost,
    "column_mapping": ColumnMapping,
    # A spearhead cluster's projects and their partners (migration 0009).
    "project": Project,
    "project_partner": ProjectPartner,
}

# What events written before whole rows were kept say of a row, by table.
_LEGACY_FIELDS: dict[str, tuple[str, ...]] = {
    "cluster": ("name", "rule_set", "start_year", "kbo"),
    # A company's kind, postcode and region, and a membership's mandate, are dated history
    # since schema 0004 (ledger.integrity.history checks them).
    "company": ("name", "version"),
    "membership": ("joined", "left", "version"),
    "coordination_cost": ("amount",),
}
# Append-only rows with exactly one audit event each, which must agree with it.
_AUDITED_ONCE: dict[str, type[SQLModel]] = {
    "year_lock_event": YearLockEvent,
    "import_batch": ImportBatch,
}
_SHOWN = 3  # differences named in full; the rest are counted


def plain(value: Any) -> Any:
    """A column's value as a snapshot keeps it: JSON's own types, dates and times as the
    chains write them (UTC, to the microsecond), whichever database read them."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (date, datetime)):
        from ledger.integrity.chain import canonical

        return json.loads(canonical([value]))[0]
    return str(value)


def snapshot(row: SQLModel) -> dict[str, Any]:
    """Every column of ``row`` but its id, as an audit event keeps it."""
    table = row.__table__  # type: ignore[attr-defined]
    return {c.name: plain(getattr(row, c.key)) for c in table.columns if c.name != "id"}


def state_problems(session: Session) -> list[str]:
    """Every row of :data:`REPLAYED` (and every year lock and import batch) that disagrees
    with its audit trail, or has none."""
    expected, whole = _replay(session)
    problems: list[str] = []
    for entity, model in {**REPLAYED, **_AUDITED_ONCE}.items():
        found: list[str] = []
        seen: set[int] = set()
        for row in session.exec(select(model).order_by(col(model.id))).all():  # type: ignore[attr-defined]
            seen.add(row.id)
            state = expected.get((entity, row.id))
            if state is None:
                found.append(
                    f"{entity} {row.id} has no audit event: it was written outside the ledger"
                )
                continue
            actual = snapshot(row) if (entity, row.id) in whole else _legacy_actual(entity, row)
            for field, value in actual.items():
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
    tables = [*REPLAYED, *_AUDITED_ONCE]
    query = (
        select(AuditEvent.action, AuditEvent.entity, AuditEvent.entity_id, AuditEvent.details)
        .where(col(AuditEvent.entity).in_(tables), col(AuditEvent.entity_id).is_not(None))
        .order_by(col(AuditEvent.id))
    )
    for action, entity, entity_id, details in session.exec(query):
        yield action, entity, entity_id, json.loads(details)


def _replay(
    session: Session,
) -> tuple[dict[tuple[str, int], dict[str, Any]], set[tuple[str, int]]]:
    """What each row must hold now, from the details of its audit events in order, and
    which rows' newest state is a whole row (compared in every column)."""
    state: dict[tuple[str, int], dict[str, Any]] = {}
    whole: set[tuple[str, int]] = set()
    for action, entity, entity_id, details in _events(session):
        key = (entity, entity_id)
        now = state.setdefault(key, {})
        if isinstance(details.get(ROW_KEY), dict):
            state[key] = dict(details[ROW_KEY])
            whole.add(key)
            continue
        if action in ("cluster.add", "company.add", "member.join"):
            now.update({k: details[k] for k in _LEGACY_FIELDS[entity] if k in details})
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
    return state, whole


def _legacy_actual(entity: str, row: Any) -> dict[str, Any]:
    """A row's values as older audit details write them (dates as text, amounts plain)."""
    if entity == "coordination_cost":
        return {"amount": format_plain(row.amount_cents)}
    if entity == "import_batch":
        return {"rows": row.row_count}
    if entity == "year_lock_event":
        return {"year": row.year, "locked": row.locked}
    fields = _LEGACY_FIELDS.get(entity, ())
    values = {field: getattr(row, field) for field in fields}
    return {
        k: v if v is None or isinstance(v, (int, str, bool)) else str(v) for k, v in values.items()
    }
