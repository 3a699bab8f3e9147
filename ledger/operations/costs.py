"""A year's coordination costs: they bound the aid at the rule set's share."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import select

from ledger import state
from ledger.checks.costs import check_set_costs
from ledger.money import format_plain, to_cents
from ledger.problems import first_error
from ledger.session import Tx
from ledger.storage.tables import Cluster, CoordinationCost, utcnow


def set_costs(tx: Tx, cluster: Cluster, *, year: int, amount: Decimal) -> CoordinationCost:
    """Set a year's coordination costs (an open year of the program)."""
    cents = to_cents(amount)
    first_error(check_set_costs(state.cluster_years(cluster, session=tx.session), year, cents))
    row = tx.session.exec(
        select(CoordinationCost).where(
            CoordinationCost.cluster_id == cluster.id, CoordinationCost.year == year
        )
    ).first()
    before = None if row is None else format_plain(row.amount_cents)
    if row is None:
        row = CoordinationCost(cluster_id=cluster.id, year=year, amount_cents=cents)
    else:
        row.amount_cents = cents
        row.updated_at = utcnow()
    tx.save(
        row,
        "costs.set",
        cluster_id=cluster.id,
        details={"year": year, "before": before, "after": format_plain(cents)},
    )
    return row
