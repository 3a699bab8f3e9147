"""Locking and reopening a cluster's year."""

from __future__ import annotations

from ledger import state
from ledger.checks.years import check_lock, check_reopen
from ledger.problems import first_error
from ledger.session import Tx
from ledger.storage.tables import Cluster, YearLockEvent
from ledger.text import clean_text


def lock_year(tx: Tx, cluster: Cluster, *, year: int) -> YearLockEvent:
    """Close a year: from now on nothing may change its figures until it is reopened."""
    first_error(check_lock(state.cluster_years(cluster, session=tx.session), year))
    return _lock_event(tx, cluster, year, locked=True, reason=None)


def reopen_year(tx: Tx, cluster: Cluster, *, year: int, reason: str) -> YearLockEvent:
    """Reopen a locked year; the reason stays in the lock history and the audit trail."""
    years = state.cluster_years(cluster, session=tx.session)
    why = clean_text(reason, what="reason", max_length=2000)
    first_error(check_reopen(years, year))
    return _lock_event(tx, cluster, year, locked=False, reason=why)


def _lock_event(
    tx: Tx, cluster: Cluster, year: int, *, locked: bool, reason: str | None
) -> YearLockEvent:
    event = YearLockEvent(
        cluster_id=cluster.id, year=year, locked=locked, reason=reason, actor=tx.actor
    )
    tx.session.add(event)
    tx.session.flush()
    tx.audit(
        "year.lock" if locked else "year.reopen",
        entity="year_lock_event",
        entity_id=event.id,
        cluster_id=cluster.id,
        details={"year": year, "reason": reason},
    )
    return event
