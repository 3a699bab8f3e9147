"""What the ledger holds for a member, read the way a test wants to compare it: the
latest value recorded for each dated fact, and the mandate held now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from ledger import queries, state


@dataclass(frozen=True)
class Recorded:
    kbo: str
    name: str
    postcode: str
    kind: str
    region_override: str | None
    region: str
    joined: date | None
    left: date | None
    mandate: date | None  # the latest mandate, unless withdrawn


def recorded(session: Session, kbo: str, cluster: str | None = None) -> Recorded:
    """The member ``kbo`` (of ``cluster``, for its days and mandate) as last recorded."""
    company = queries.find_company(kbo, session=session)
    assert company is not None, kbo
    if cluster is not None:
        history = state.member_history(
            queries.get_cluster(cluster, session=session), kbo, session=session
        )
    else:
        history = (
            state.member_history(queries.list_clusters(session=session)[0], kbo, session=session)
            if queries.list_clusters(session=session)
            else None
        )
    assert history is not None
    last = date.max
    mandate = None
    if history.mandates and history.mandates[-1].withdrawn is None:
        mandate = history.mandates[-1].given
    return Recorded(
        history.kbo,
        history.name,
        history.facts.postcode_on(last),
        history.facts.kind_on(last).value,
        history.facts.override_on(last),
        history.facts.region_on(last).value,
        history.period.joined if history.is_member else None,
        history.period.left if history.is_member else None,
        mandate,
    )
