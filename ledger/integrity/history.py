"""The dated history, checked against the audit events that recorded it.

Every row of the history tables (company facts, membership periods, mandate events,
rule-set copies) names the audit event that recorded it (``set_by_event``), and that
event is chained. So a history row must hold what its event says; an event that
recorded history must still have its rows; a membership's current days must be its
latest period; a rule-set copy must match its own SHA-256. A row changed, slipped in or
deleted behind the ledger's back breaks one of these.

Events written before the history existed (a ledger upgraded to schema 0004) recorded
single values, several of which may have been carried over as one row: they are held
to the values they set, not to having rows of their own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from ledger.history import START
from ledger.rules import text_hash
from ledger.storage.tables import (
    AuditEvent,
    CompanyFact,
    MandateEvent,
    Membership,
    MembershipPeriod,
    RuleSetCopy,
)

_SHOWN = 3

# Actions whose events (written by this version) always record history rows.
_RECORDS = {
    "company.add": "company_fact",
    "member.join": "membership_period",
    "member.leave": "membership_period",
    "member.update": "membership_period",
    "member.mandate": "mandate_event",
    "member.mandate_withdraw": "mandate_event",
    "member.mandate_correct": "mandate_event",
    "cluster.add": "rule_set_copy",
    "rules.adopt": "rule_set_copy",
}


def _required(action: str, details: dict[str, Any]) -> list[str]:
    """The history tables an event written by this version must have rows in."""
    tables = [_RECORDS[action]] if action in _RECORDS else []
    if action == "company.update" and "facts" in details:
        tables.append("company_fact")
    if action == "member.join" and details.get("mandate"):
        tables.append("mandate_event")
    return tables


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _set_value(details: dict[str, Any], field: str) -> tuple[bool, Any]:
    """The value an event gave ``field`` (in any of the forms events have taken)."""
    for part in (details.get("facts"), details.get("after")):
        if isinstance(part, dict) and field in part:
            return True, part[field]
    if field in details:
        return True, details[field]
    return False, None


def history_problems(session: Session) -> list[str]:
    """Every disagreement between the history and the audit trail (empty when none)."""
    events = {
        e.id: (e.action, e.entity_id, json.loads(e.details))
        for e in session.exec(
            select(AuditEvent).where(
                col(AuditEvent.action).in_([*_RECORDS, "company.update", "ledger.upgrade"])
            )
        ).all()
    }
    upgraded = [
        eid
        for eid, (action, _, details) in events.items()
        if action == "ledger.upgrade"
        and str(details.get("to_revision", "")) >= "0004"
        and str(details.get("from_revision") or "0000") < "0004"
    ]
    carried_before = max(upgraded) if upgraded else 0
    found: dict[str, list[str]] = defaultdict(list)
    referenced: dict[str, set[int]] = defaultdict(set)

    def event_of(table: str, row: Any) -> tuple[str, int | None, dict[str, Any]] | None:
        if row.set_by_event is None or row.set_by_event not in events:
            found[table].append(
                f"{table} {row.id} has no audit event: it was written outside the ledger"
            )
            return None
        referenced[table].add(row.set_by_event)
        return events[row.set_by_event]

    def differs(table: str, row: Any, what: str, held: Any, said: Any) -> None:
        found[table].append(
            f"{table} {row.id} holds {what} {_text(held)!r}, but its audit event "
            f"{row.set_by_event} says {_text(said)!r}: it was changed outside the ledger"
        )

    for fact in session.exec(select(CompanyFact).order_by(col(CompanyFact.id))).all():
        event = event_of("company_fact", fact)
        if event is None:
            continue
        _, entity_id, details = event
        known, value = _set_value(details, fact.field)
        day = details.get("from", START.isoformat())
        if entity_id != fact.company_id:
            differs("company_fact", fact, "company", fact.company_id, entity_id)
        elif known and _text(value) != fact.value:
            differs("company_fact", fact, fact.field, fact.value, value)
        elif str(day) != fact.valid_from.isoformat():
            differs("company_fact", fact, "valid_from", fact.valid_from, day)

    latest: dict[int, MembershipPeriod] = {}
    for period in session.exec(select(MembershipPeriod).order_by(col(MembershipPeriod.id))).all():
        latest[period.membership_id] = period
        event = event_of("membership_period", period)
        if event is None:
            continue
        _, entity_id, details = event
        for field in ("joined", "left"):
            known, value = _set_value(details, field)
            if known and _text(value) != _text(getattr(period, field)):
                differs("membership_period", period, field, getattr(period, field), value)
                break
    for membership in session.exec(select(Membership).order_by(col(Membership.id))).all():
        period = latest.get(membership.id)  # type: ignore[arg-type]
        if period is None or (period.joined, period.left) != (membership.joined, membership.left):
            found["membership"].append(
                f"membership {membership.id} runs {membership.joined} to {membership.left}, but "
                "its history says otherwise: it was changed outside the ledger"
            )

    for mandate in session.exec(select(MandateEvent).order_by(col(MandateEvent.id))).all():
        event = event_of("mandate_event", mandate)
        if event is None:
            continue
        action, _, details = event
        said = details.get("date") if "date" in details else _set_value(details, "mandate")[1]
        if _text(said) != mandate.on_date.isoformat():
            differs("mandate_event", mandate, "date", mandate.on_date, said)
        elif "date" in details and details.get("mandate") != mandate.action:
            differs("mandate_event", mandate, "action", mandate.action, details.get("mandate"))

    for copy in session.exec(select(RuleSetCopy).order_by(col(RuleSetCopy.id))).all():
        if text_hash(copy.content) != copy.sha256:
            found["rule_set_copy"].append(
                f"rule_set_copy {copy.id} ({copy.rule_set} of cluster {copy.cluster_id}) no "
                "longer matches its SHA-256: its text was changed outside the ledger"
            )
            continue
        event = event_of("rule_set_copy", copy)
        if event is None:
            continue
        _, _, details = event
        said = details.get("sha256", details.get("rule_set_sha256"))
        if said is not None and said != copy.sha256:
            differs("rule_set_copy", copy, "sha256", copy.sha256, said)
        elif details.get("rule_set", copy.rule_set) != copy.rule_set:
            differs("rule_set_copy", copy, "rule_set", copy.rule_set, details.get("rule_set"))

    for event_id, (action, _, details) in sorted(events.items()):
        if event_id < carried_before:
            continue
        for table in _required(action, details):
            if event_id not in referenced[table]:
                found[table].append(
                    f"audit event {event_id} ({action}) recorded {table.replace('_', ' ')} "
                    "rows, and none is left: they were deleted outside the ledger"
                )
    problems: list[str] = []
    for table, lines in found.items():
        problems += lines[:_SHOWN]
        if len(lines) > _SHOWN:
            problems.append(
                f"{len(lines) - _SHOWN} more {table} rows disagree with the audit trail"
            )
    return problems
