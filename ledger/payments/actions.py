"""What a user does with payments: record the cluster's bank account, and settle the
unmatched queue (assign a movement to a member and year, or dismiss it with a reason).

Each takes a :class:`~ledger.session.Tx` and records its audit event, like every
operation of the ledger.

>>> import tempfile, pathlib
>>> from ledger.session import Ledger
>>> from ledger import operations
>>> ledger = Ledger.open(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite", create=True)
>>> with ledger.write() as tx:
...     cluster = operations.add_cluster(tx, name="Demo", rule_set_id="ibn-2026", start_year=2026)
...     add_account(tx, cluster, iban="BE68 5390 0754 7034").iban
'BE68539007547034'
"""

from __future__ import annotations

import json

from sqlmodel import col, select
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

from ledger import identifiers, operations, queries
from ledger.money import format_plain, from_cents
from ledger.payments.rows import remember_payer, source_of
from ledger.problems import Problem
from ledger.session import Tx
from ledger.storage.payment_tables import (
    BankAccount,
    BankMovement,
    BankStatement,
    PaymentMatch,
    PaymentQueueEvent,
)
from ledger.storage.tables import Cluster
from ledger.text import clean_text


def parse_iban(text: str) -> str:
    """An IBAN in compact form (any country), checked with python-stdnum.

    Raises:
        InputError: not an IBAN (wrong length for its country, or its check digits fail).
    """
    try:
        return stdnum_iban.validate(text, check_country=False)
    except ValidationError as exc:
        raise Problem("account.iban", {"iban": text, "reason": exc.message}).error() from None


def add_account(tx: Tx, cluster: Cluster, *, iban: str) -> BankAccount:
    """Record one of the cluster's bank accounts: statements of it may be imported.

    Raises:
        InputError: not a valid IBAN.
        ConflictError: the account is already recorded (for this or another cluster).
    """
    number = parse_iban(iban)
    known = tx.session.exec(select(BankAccount).where(BankAccount.iban == number)).first()
    if known is not None:
        owner = tx.session.get(Cluster, known.cluster_id)
        raise Problem(
            "account.taken",
            {"iban": stdnum_iban.format(number), "cluster": owner.name if owner else "?"},
            kind="conflict",
        ).error()
    account = BankAccount(cluster_id=cluster.id, iban=number, actor=tx.actor)
    tx.save(account, "cluster.account.add", cluster_id=cluster.id, details={"iban": number})
    return account


def _movement(tx: Tx, cluster: Cluster, movement_id: int) -> BankMovement:
    row = tx.session.get(BankMovement, movement_id) if 0 < movement_id < 2**63 else None
    if row is None or row.cluster_id != cluster.id:
        raise Problem(
            "payment.unknown", {"movement": movement_id, "cluster": cluster.name}, kind="notfound"
        ).error()
    return row


def _open(tx: Tx, row: BankMovement) -> None:
    """A movement the user may still decide on: not booked, not a duplicate, not a bundle
    whose details were booked one by one.

    Raises:
        ConflictError: it was booked or is a copy of another one.
    """
    match = tx.session.exec(select(PaymentMatch).where(PaymentMatch.movement_id == row.id)).first()
    if match is not None:
        raise Problem(
            "payment.booked", {"movement": row.id, "entry": match.contribution_id}, kind="conflict"
        ).error()
    if row.duplicate_of_id is not None:
        raise Problem(
            "payment.duplicate",
            {"movement": row.id, "original": row.duplicate_of_id},
            kind="conflict",
        ).error()
    if row.bundle == "global" and row.bundle_count:
        raise Problem(
            "payment.bundle", {"movement": row.id, "count": row.bundle_count}, kind="conflict"
        ).error()


def assign(
    tx: Tx, cluster: Cluster, movement_id: int, *, kbo: str, year: int, remember: bool = True
) -> PaymentMatch:
    """Book a waiting credit as a member's contribution for a year, and (by default) tie
    the payer's account to the member, so its next payment is matched.

    Raises:
        NotFoundError: no such movement in this cluster, or the company is no member.
        ConflictError: the movement was booked already, or is a debit.
        LockedYearError: the year is locked.
    """
    row = _movement(tx, cluster, movement_id)
    _open(tx, row)
    if row.amount_cents <= 0:
        raise Problem(
            "payment.outgoing", {"movement": row.id, "amount": format_plain(row.amount_cents)}
        ).error()
    number = identifiers.validate(kbo)
    _, company = queries.get_membership(cluster, number, session=tx.session)
    statement = tx.session.get(BankStatement, row.statement_id)
    assert statement is not None
    entry = operations.record_contribution(
        tx,
        cluster,
        kbo=number,
        year=year,
        amount=from_cents(row.amount_cents),
        paid_on=row.booking_date,
        note=" · ".join(p for p in (row.counterparty_name, row.free_text) if p) or None,
        source=source_of(statement.file_name, statement.number, row.line),
    )
    match = PaymentMatch(
        movement_id=row.id,
        cluster_id=cluster.id,
        company_id=company.id,
        year=year,
        contribution_id=entry.id,
        rule="assigned",
        actor=tx.actor,
    )
    tx.session.add(match)
    tx.session.flush()
    remembered = remember and remember_payer(tx, cluster, company.id, row.counterparty_iban)
    tx.audit(
        "payments.assign",
        entity="payment_match",
        entity_id=match.id,
        cluster_id=cluster.id,
        details={
            "movement": row.id,
            "kbo": number,
            "year": year,
            "entry": entry.id,
            "amount": format_plain(row.amount_cents),
            "payer": row.counterparty_iban if remembered else None,
        },
    )
    return match


def dismiss(tx: Tx, cluster: Cluster, movement_id: int, *, reason: str) -> PaymentQueueEvent:
    """Take a movement out of the queue: it is no contribution (a sponsor, an event fee).

    Raises:
        NotFoundError: no such movement in this cluster.
        ConflictError: it was booked, or is dismissed already.
    """
    why = clean_text(reason, what="reason", max_length=2000)
    row = _movement(tx, cluster, movement_id)
    _open(tx, row)
    latest = tx.session.exec(
        select(PaymentQueueEvent)
        .where(PaymentQueueEvent.movement_id == row.id)
        .order_by(col(PaymentQueueEvent.id).desc())
    ).first()
    if latest is not None and latest.state == "dismissed":
        raise Problem(
            "payment.dismissed", {"movement": row.id, "reason": latest.reason}, kind="conflict"
        ).error()
    if latest is None:
        raise Problem("payment.not-queued", {"movement": row.id}, kind="conflict").error()
    event = PaymentQueueEvent(
        movement_id=row.id,
        cluster_id=cluster.id,
        state="dismissed",
        code="dismissed",
        facts=json.dumps({}),
        reason=why,
        actor=tx.actor,
    )
    tx.save(
        event,
        "payments.dismiss",
        cluster_id=cluster.id,
        details={"movement": row.id, "amount": format_plain(row.amount_cents), "reason": why},
    )
    return event
