"""What ``verify`` checks of money coming in, beyond the append-only guards on its tables.

- Each statement's movements still give the hash recorded with the statement and in its
  chained audit event: a movement changed, removed or slipped in is found.
- Each match agrees with its contribution: the same member, year and amount (a return:
  the reversal of the entry it returns), so a contribution rewritten behind the
  ledger's back no longer agrees with the bank's own record of the money.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from sqlmodel import Session, col, select

from ledger.payments.statement import key_text
from ledger.storage.payment_tables import BankMovement, BankStatement, PaymentMatch
from ledger.storage.tables import AuditEvent, Contribution

_SHOWN = 3


def _keys_hash(movements: list[BankMovement]) -> tuple[list[str], str]:
    """The movement keys and the statement's hash, recomputed from stored movements."""
    seen: dict[tuple[object, ...], int] = {}
    keys: list[str] = []
    for m in movements:
        base = (
            m.booking_date.isoformat(),
            m.amount_cents,
            m.counterparty_iban or "",
            m.structured_ref or "",
            (m.bundle or "single")[0],
        )
        seen[base] = seen.get(base, 0) + 1
        keys.append(key_text((*base, seen[base])))
    digest = hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()
    return keys, digest


def payment_problems(session: Session) -> list[str]:
    """Every disagreement between the payments tables, their audit events and the entries."""
    problems: list[str] = []
    by_statement: dict[int, list[BankMovement]] = defaultdict(list)
    for movement in session.exec(select(BankMovement).order_by(col(BankMovement.id))).all():
        by_statement[movement.statement_id].append(movement)
    audited = {
        entity_id: json.loads(details)
        for entity_id, details in session.exec(
            select(AuditEvent.entity_id, AuditEvent.details).where(
                AuditEvent.action == "payments.statement"
            )
        ).all()
    }
    for statement in session.exec(select(BankStatement).order_by(col(BankStatement.id))).all():
        movements = by_statement.get(statement.id or 0, [])
        keys, digest = _keys_hash(movements)
        event = audited.get(statement.id)
        account = (event or {}).get("account", "")
        stored = [m.movement_key.removeprefix(f"{account}|") for m in movements]
        if event is None:
            problems.append(
                f"statement {statement.id} ({statement.file_name}) has no audit event: it was "
                "written outside the ledger"
            )
        elif (
            len(movements) != statement.movement_count
            or digest != statement.movements_hash
            or digest != event.get("movements_hash")
            or stored != keys
        ):
            problems.append(
                f"the movements of statement {statement.id} ({statement.file_name}, number "
                f"{statement.number}) no longer match what was imported: a movement was changed, "
                "removed or added outside the ledger"
            )
    problems += _match_problems(session)
    return problems[: _SHOWN * 3]


def _match_problems(session: Session) -> list[str]:
    problems: list[str] = []
    rows = session.exec(
        select(PaymentMatch, BankMovement, Contribution)
        .join(BankMovement, col(BankMovement.id) == PaymentMatch.movement_id)
        .join(Contribution, col(Contribution.id) == PaymentMatch.contribution_id)
        .order_by(col(PaymentMatch.id))
    ).all()
    entries = {m.id: m.contribution_id for m, _, _ in rows}
    for match, movement, entry in rows:
        agrees = (
            entry.company_id == match.company_id
            and entry.year == match.year
            and entry.cluster_id == match.cluster_id
            and entry.amount_cents == movement.amount_cents
        )
        if match.rule == "return":
            agrees = agrees and entry.reverses_id == entries.get(match.returns_id or 0)
        if not agrees:
            problems.append(
                f"contribution {entry.id} does not agree with payment {movement.id} it was "
                "booked from (member, year or amount): one of them was changed outside the ledger"
            )
    return problems[:_SHOWN]
