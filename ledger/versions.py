"""Edit versions of companies and memberships: two people editing one member.

A company and a membership each carry a ``version`` that every change raises by one.
A form remembers the version it showed; saving it passes that version on, and the
change lands only over that version. Had someone else saved in between, the second
save is refused with who changed the member and when, instead of silently writing
over the first one's change.

The raise is one compare-and-set ``UPDATE ... WHERE id = ? AND version = ?``: it holds
even for a writer that does not take the ledger's write lock, because only one of two
such updates can match the row.

>>> import tempfile, pathlib
>>> from ledger import operations
>>> from ledger.session import Ledger
>>> ledger = Ledger.open(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite", create=True, actor="an")
>>> with ledger.write() as tx:
...     company, _ = operations.upsert_company(tx, kbo="0403170701", name="Alfa", postcode="9000")
>>> with ledger.write() as tx:
...     _ = operations.update_company(tx, kbo="0403170701", name="Alfa NV")
>>> with ledger.write() as tx:  # doctest: +ELLIPSIS
...     operations.update_company(tx, kbo="0403170701", name="Alfa BV", expected_version=1)
Traceback (most recent call last):
ledger.errors.ConflictError: Alfa NV (0403.170.701) was changed by an ...
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Table
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from ledger.errors import ConflictError
from ledger.session import Tx
from ledger.storage.tables import AuditEvent, Company, Membership

REOPEN = "reopen the member to see the change, then edit again"


def _table(row: Company | Membership) -> Table:
    return type(row).__table__  # type: ignore[attr-defined,no-any-return]


def stored_version(tx: Tx, row: Company | Membership) -> int | None:
    """The version the database holds now (not the one this session read earlier)."""
    table = _table(row)
    query = select(table.c.version).where(table.c.id == row.id)
    return tx.session.execute(query).scalar_one_or_none()


def check_version(tx: Tx, row: Company | Membership, expected: int | None, what: str) -> None:
    """Refuse when ``expected`` is given and the stored version is another one.

    For a save that changes nothing: it raises no version, but was still based on
    what the form showed.

    Raises:
        ConflictError: someone changed ``what`` since ``expected`` was read.
    """
    if expected is not None and stored_version(tx, row) != expected:
        raise conflict(tx, row, expected, what)


def next_version(tx: Tx, row: Company | Membership, expected: int | None, what: str) -> int:
    """Raise the row's version by one, only over the version the change was based on.

    Args:
        expected: the version the user saw; None for a change that read the row in this
            same transaction (the command line, an import), which is based on ``row.version``.
        what: how the conflict message names the row ("Alfa NV (0403.170.701)").

    Returns:
        The new version.

    Raises:
        ConflictError: the stored version is not the one the change was based on.
    """
    base = row.version if expected is None else expected
    table = _table(row)
    result = tx.session.execute(
        table.update().where(table.c.id == row.id, table.c.version == base).values(version=base + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict(tx, row, base, what)
    # The session's copy follows without a second UPDATE of its own.
    set_committed_value(row, "version", base + 1)
    return base + 1


def conflict(tx: Tx, row: Company | Membership, expected: int, what: str) -> ConflictError:
    """The refusal of a change based on ``expected``: who changed the row since, and when."""
    table = _table(row)
    event = tx.session.exec(
        select(AuditEvent)
        .where(AuditEvent.entity == table.name, AuditEvent.entity_id == row.id)
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    ).first()
    if event is None:
        who = "by another writer"
    else:
        who = f"by {event.actor} ({event.origin}) at {_moment(event.at)}"
    return ConflictError(
        f"{what} was changed {who} since you opened it: you edited version {expected}, "
        f"the ledger now holds version {stored_version(tx, row)}; {REOPEN}"
    )


def _moment(at: datetime) -> str:
    """An audit time in UTC (SQLite gives it back without a zone; it was stored as UTC)."""
    aware = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return aware.strftime("%Y-%m-%d %H:%M:%S UTC")
