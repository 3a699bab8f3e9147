"""The headline figures of a cluster-year without each member's facts of that year.

``summary`` without ``--shares`` needs, per cluster-year, only sums and counts: what was
contributed, what of it counts, how many members were active, how many Flemish
enterprises held a mandate, and who gave without being an active member. The
straightforward way (:func:`ledger.summary.year_facts` then
:func:`ledger.matching.tally`) builds every party's facts for every year, which on a
ledger of a hundred clusters is hundreds of thousands of views of dated history. Here
the same totals come from the grouped sums directly: a party's kind is read from its
history once for the years after its last dated change (it cannot differ between them),
and only the few members holding mandates, and contributors that are no active member,
get a full view of the year. ``tests/ledger/test_summary_fast.py`` holds both ways to
the same figures on generated ledgers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from ledger.history import START, mandate_on
from ledger.kinds import MemberKind
from ledger.matching import MemberFacts, YearTotals
from ledger.regions import Region
from ledger.rules import RuleSet
from ledger.snapshot import MemberHistory

_NEVER, _EVER = -(10**6), 10**6  # years before and after any the ledger can hold


def _settled(h: MemberHistory) -> date:
    """The day of the party's last dated fact: from then on its kind and region hold."""
    f = h.facts
    return max((x.valid_from for x in (*f.kind, *f.postcode, *f.region_override)), default=START)


class Roster:
    """A cluster's parties (members, and companies that gave without being one), ready
    to be asked about any year by company id."""

    def __init__(self, parties: Iterable[MemberHistory]) -> None:
        self.by_company: dict[int, MemberHistory] = {}
        # company id -> [first and last active year, first year after its last dated
        # fact, the kind from then on (read at the first need)]
        self.spans: dict[int, list] = {}
        self.members: list[tuple[int, int]] = []  # every member's active years
        self.mandated: list[MemberHistory] = []  # members that ever held a mandate
        self._regions: dict[int, Region] = {}  # the region after the last dated fact
        self.member_counts: Counter[int] = Counter()  # filled by count()
        self.mandate_counts: Counter[int] = Counter()
        self._counted: set[int] = set()
        for h in parties:
            self.by_company[h.company_id] = h
            if h.is_member:
                joined, left = h.period
                first = _NEVER if joined is None else joined.year
                last = _EVER if left is None else left.year
                self.members.append((first, last))
                if h.mandates:
                    self.mandated.append(h)
            else:
                first, last = _EVER, _NEVER  # never active
            self.spans[h.company_id] = [first, last, _settled(h).year + 1, None]

    def kind(self, company_id: int, year: int) -> MemberKind:
        """The party's kind on its reference day of ``year``, as :meth:`MemberHistory.view`
        says it; read once for all the years after its last dated fact."""
        span = self.spans[company_id]
        h = self.by_company[company_id]
        if year < span[2]:
            return h.facts.kind_on(h.period.reference_day(year))
        if span[3] is None:  # any day after the last dated fact gives the same
            span[3] = h.facts.kind_on(h.period.reference_day(span[2]))
        return span[3]  # type: ignore[no-any-return]

    def _region(self, company_id: int, year: int) -> Region:
        h = self.by_company[company_id]
        settled = self.spans[company_id][2]
        if year < settled:
            return h.facts.region_on(h.period.reference_day(year))
        if company_id not in self._regions:
            self._regions[company_id] = h.facts.region_on(h.period.reference_day(settled))
        return self._regions[company_id]

    def _flemish_enterprise(self, company_id: int, year: int) -> bool:
        return (
            self.kind(company_id, year) is MemberKind.ENTERPRISE
            and self._region(company_id, year) is Region.FLANDERS
        )

    def count(self, years: Iterable[int]) -> None:
        """Count, for each of ``years``, the active members and those that are Flemish
        enterprises holding a mandate on their reference day
        (:func:`ledger.matching.has_flemish_mandate`): member by member, so each reads its
        history once for all the years."""
        todo = set(years) - self._counted
        if not todo:
            return
        self._counted |= todo
        lo, hi = min(todo), max(todo)
        members, mandates = self.member_counts, self.mandate_counts
        # Each member is active over one run of years: count where runs start and end,
        # then walk the years once, rather than every member's every year.
        starts, ends = [0] * (hi - lo + 2), [0] * (hi - lo + 2)
        for first, last in self.members:
            a, b = max(first, lo), min(last, hi)
            if a <= b:
                starts[a - lo] += 1
                ends[b - lo + 1] += 1
        active = 0
        for i, year in enumerate(range(lo, hi + 1)):
            active += starts[i] - ends[i]
            if year in todo:
                members[year] += active
        for h in self.mandated:
            company_id = h.company_id
            first, last, settled, _ = self.spans[company_id]
            settled_flemish: bool | None = None
            for year in range(max(first, lo), min(last, hi) + 1):
                if year not in todo:
                    continue
                if year >= settled:
                    if settled_flemish is None:
                        settled_flemish = self._flemish_enterprise(company_id, year)
                    if not settled_flemish:
                        break  # so it stays for every later year
                elif not self._flemish_enterprise(company_id, year):
                    continue
                given = mandate_on(h.mandates, h.period.reference_day(year))
                if given is not None and given.year <= year:
                    mandates[year] += 1

    def facts(self, company_id: int, year: int, cents: int) -> MemberFacts:
        """One party's full facts of the year (for the few that need them)."""
        h = self.by_company[company_id]
        view = h.view(year)
        return MemberFacts(h.kbo, h.name, view.kind, view.region, view.active, view.mandate, cents)


def year_totals(
    rules: RuleSet,
    *,
    year: int,
    start_year: int,
    costs_cents: int | None,
    deadline: date | None,
    roster: Roster,
    contributed: Iterable[tuple[int, int]],
) -> YearTotals:
    """What :func:`ledger.matching.tally` adds up for the year, from the net cents each
    company contributed in it, ``(company id, cents)`` for every company with entries in
    the year (zero nets too)."""
    total = counted = 0
    kinds = rules.counted_kinds
    spans = roster.spans
    outsiders: list[MemberFacts] = []
    for company_id, cents in contributed:
        total += cents
        first, last, settled, kind = spans[company_id]
        if first <= year <= last:  # an active member
            if kind is None or year < settled:
                kind = roster.kind(company_id, year)
            if kind in kinds:
                counted += cents
        elif cents:
            outsiders.append(roster.facts(company_id, year, cents))
    roster.count([year])  # nothing to do when the caller counted all its years at once
    members = roster.member_counts[year]
    mandates = roster.mandate_counts[year]
    at_deadline = None
    if deadline is not None:
        at_deadline = sum(1 for h in roster.mandated if h.counts_at(deadline))
    return YearTotals(
        year=year,
        start_year=start_year,
        costs_cents=costs_cents,
        total_cents=total,
        counted_cents=counted,
        members=members,
        flemish_enterprises_with_mandate=mandates,
        non_member_contributions=tuple(sorted(outsiders, key=lambda m: m.kbo)),
        mandate_deadline=deadline,
        flemish_enterprises_with_mandate_at_deadline=at_deadline,
    )
