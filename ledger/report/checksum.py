"""The ledger-state checksum a report carries, so an auditor can tie it to its data.

The checksum is a SHA-256 over a canonical serialisation of everything the report's
figures depend on: the cluster, its rule set, the members and their facts, every entry
in scope, the coordination costs and the lock state. It is built from parts, each with
a digest of its own, so :mod:`ledger.report.verify` can say which part changed.

Entries are hashed one at a time as they stream past (the report writes them in the
same pass), so a checksum of 200,000 entries holds none of them in memory.

>>> h = StateHash("year", 2026)
>>> h.add("cluster", ["Demo", None, "ibn-2026", 2026])
>>> len(h.hexdigest())
64
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from ledger import queries
from ledger.report.queries import EntryLine, iter_entries
from ledger.rules import RuleSet
from ledger.storage.tables import Cluster

PARTS = ("cluster", "rules", "members", "entries", "costs", "locks")


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__} in a checksum")


# One encoder for every record: json.dumps with options builds a new one per call, which
# costs more than the encoding itself when 200,000 entries stream past.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_iso)


def _canonical(value: Any) -> bytes:
    """One line of JSON with sorted keys; dates as ISO text. The same value, the same bytes."""
    return (_ENCODER.encode(value) + "\n").encode()


class StateHash:
    """Digests per part, and the checksum over them all."""

    def __init__(self, scope: str, year: int | None) -> None:
        self.scope = scope
        self.year = year
        self._parts = {name: hashlib.sha256() for name in PARTS}
        self.entries = 0

    def add(self, part: str, record: Any) -> None:
        self._parts[part].update(_canonical(record))

    def add_entry(self, e: EntryLine) -> None:
        self.entries += 1
        self.add(
            "entries",
            [
                e.id,
                e.year,
                e.kbo,
                e.name,
                e.amount_cents,
                e.paid_on,
                e.note,
                e.source,
                e.reverses_id,
                e.batch_id,
                e.batch_file,
                e.source_row,
            ],
        )

    def parts(self) -> dict[str, str]:
        return {name: digest.hexdigest() for name, digest in self._parts.items()}

    def hexdigest(self) -> str:
        return hashlib.sha256(
            _canonical({"scope": self.scope, "year": self.year, "parts": self.parts()})
        ).hexdigest()


def start_hash(
    cluster: Cluster,
    rules: RuleSet,
    *,
    session: Session,
    year: int | None,
    standings: Sequence[queries.Standing] | None = None,
) -> StateHash:
    """A hash holding every part but the entries, which the caller streams in.

    Args:
        standings: the cluster's members as the caller already read them; read here if not.
    """
    state = StateHash("year" if year is not None else "overview", year)
    state.add("cluster", [cluster.name, cluster.kbo, cluster.rule_set, cluster.start_year])
    state.add(
        "rules",
        [
            rules.id,
            rules.annual_cap_cents,
            rules.max_years,
            str(rules.aid_share_of_costs),
            str(rules.matching_ratio),
            sorted(k.value for k in rules.counted_kinds),
            rules.min_flemish_enterprises_with_mandate,
        ],
    )
    if standings is None:
        standings = queries.member_standings(cluster, session=session)
    for s in sorted(standings, key=lambda s: s.kbo):
        state.add(
            "members",
            [s.kbo, s.name, s.postcode, s.kind, s.region_override, s.joined, s.left, s.mandate],
        )
    costs = queries.costs_by_year(cluster, session=session)
    locked = queries.locked_years(cluster, session=session)
    if year is not None:
        state.add("costs", [year, costs.get(year)])
        state.add("locks", [year, year in locked])
        return state
    for y in sorted(costs):
        state.add("costs", [y, costs[y]])
    for y in sorted(locked):
        state.add("locks", [y, True])
    return state


def ledger_checksum(
    cluster: Cluster, rules: RuleSet, *, session: Session, year: int | None
) -> StateHash:
    """The checksum of a cluster-year (or, with ``year=None``, the whole cluster) as it is now."""
    state = start_hash(cluster, rules, session=session, year=year)
    for entry in iter_entries(cluster, session=session, year=year):
        state.add_entry(entry)
    return state
