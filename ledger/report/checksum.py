"""The ledger-state checksum a report carries, so an auditor can tie it to its data.

The checksum is a SHA-256 over a canonical serialisation of everything the report's
figures depend on: the cluster, the rule set in force, each party's facts as they stood
in the year (active, kind, region, the mandate held: see :mod:`ledger.history`), every
entry in scope, the coordination costs and the lock state. Names and postcodes are left
out: a name or address corrected later decides no figure, and leaves a locked year's
checksum as it was (the report shows them; ``verify-report`` reads them apart). It is
built from parts, each with a digest of its own, so :mod:`ledger.report.verify` can say
which part changed.

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
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sqlmodel import Session

from ledger import queries
from ledger.report.queries import EntryLine, iter_entries
from ledger.rules import RuleSet
from ledger.snapshot import MemberHistory
from ledger.state import rule_copies
from ledger.storage.tables import Cluster
from ledger.summary import parties

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


def _flat_line(values: Sequence[Any]) -> bytes:
    """:func:`_canonical` of a flat list of whole numbers, texts, days and nulls, built
    without the encoder: one call per entry of a large report costs more than the
    encoding. Anything else goes to the encoder; ``tests/report/test_checksum.py`` holds
    the two to the same bytes."""
    parts = []
    for v in values:
        kind = type(v)
        if kind is int:
            parts.append(int.__repr__(v))
        elif kind is str:
            parts.append(encode_basestring(v))
        elif v is None:
            parts.append("null")
        elif kind is date:
            parts.append(f'"{v.isoformat()}"')
        else:
            return _canonical(list(values))
    return f"[{','.join(parts)}]\n".encode()


class StateHash:
    """Digests per part, and the checksum over them all."""

    def __init__(self, scope: str, year: int | None) -> None:
        self.scope = scope
        self.year = year
        self._parts = {name: hashlib.sha256() for name in PARTS}
        self.entries = 0

    def add(self, part: str, record: Any) -> None:
        # A part outside PARTS (the projects) is there only once something is added to it,
        # so the checksum of a cluster without any stays what it always was.
        self._parts.setdefault(part, hashlib.sha256()).update(_canonical(record))

    def add_entry(self, e: EntryLine) -> None:
        self.entries += 1
        self._parts["entries"].update(
            _flat_line(
                (
                    e.id,
                    e.year,
                    e.kbo,
                    e.amount_cents,
                    e.paid_on,
                    e.note,
                    e.source,
                    e.reverses_id,
                    e.batch_id,
                    e.batch_file,
                    e.source_row,
                )
            )
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
    histories: Sequence[MemberHistory] | None = None,
) -> StateHash:
    """A hash holding every part but the entries, which the caller streams in.

    Args:
        rules: the rule set in force in ``year`` (the first one for the overview).
        histories: the cluster's parties as the caller already read them; read here if not.
    """
    state = StateHash("year" if year is not None else "overview", year)
    state.add("cluster", [cluster.name, cluster.rule_set, cluster.start_year])
    copies = rule_copies(cluster.id, session=session)  # type: ignore[arg-type]
    costs = queries.costs_by_year(cluster, session=session)
    locked = queries.locked_years(cluster, session=session)
    if year is not None:
        years = [year]
    else:
        last = max([cluster.start_year + copies.first.max_years - 1, *costs])
        years = list(range(cluster.start_year, last + 1))
    for y in years:
        copy = copies.copy_for(y)
        terms = copies.for_year(y)
        state.add(
            "rules",
            [
                y,
                copy.sha256,
                terms.annual_cap_cents,
                terms.max_years,
                str(terms.aid_share_of_costs),
                str(terms.matching_ratio),
                sorted(k.value for k in terms.counted_kinds),
                terms.min_flemish_enterprises_with_mandate,
            ],
        )
    if histories is None:
        histories = parties(cluster, set(), session=session)
    for h in sorted(histories, key=lambda h: h.kbo):
        for y in years:
            view = h.view(y)
            if not view.active:
                continue  # not a party to the year: its entries, if any, are hashed below
            day = copies.mandate_deadline_day(y)
            deadline = None if day is None else h.counts_at(day)
            state.add(
                "members",
                [h.kbo, y, view.active, view.kind.value, view.region.value, view.mandate, deadline],
            )
    from ledger.report.projects import add_to_checksum

    add_to_checksum(state, cluster, session=session, year=year)
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
