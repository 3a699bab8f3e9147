"""The program years of a cluster with what the coordinator sets for each: coordination
costs (which bound the aid) and the fees expected per member kind.

>>> YearCosts(2026, 1, False, 2000000, 1000000, {}).ceiling_share_cents
1000000
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from ledger import fees, queries, state
from ledger.lists import Listing, page
from ledger.matching import ceiling_cents
from ledger.storage.tables import Cluster
from ledger.summary import summary_years


@dataclass(frozen=True)
class YearCosts:
    """One program year's coordination costs and expected fees."""

    year: int
    program_year: int
    locked: bool
    costs_cents: int | None  # None: not recorded
    ceiling_share_cents: int  # the ceiling those costs give (the annual cap when none)
    fees: dict[str, int]  # member kind -> fee expected of each member of that kind


def costs(
    cluster: Cluster, *, session: Session, limit: int | None = None, offset: int = 0
) -> Listing[YearCosts]:
    """Every program year of the cluster (and any later year with costs), oldest first."""
    assert cluster.id is not None
    copies = state.rule_copies(cluster.id, session=session)
    recorded = queries.costs_by_year(cluster, session=session)
    by_year = fees.kind_fees(cluster, session=session)
    locked = queries.locked_years(cluster, session=session)
    last_program_year = cluster.start_year + copies.first.max_years - 1
    years = sorted(
        {
            *summary_years(cluster, [*recorded, *by_year]),
            *range(cluster.start_year, last_program_year + 1),
        }
    )
    rows = [
        YearCosts(
            year,
            year - cluster.start_year + 1,
            year in locked,
            recorded.get(year),
            ceiling_cents(copies.for_year(year), year, cluster.start_year, recorded.get(year)),
            by_year.get(year, {}),
        )
        for year in years
    ]
    return page(rows, limit, offset)
