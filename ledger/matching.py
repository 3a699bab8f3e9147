"""The euro-for-euro matching engine: a pure function of plain values.

From a rule set and one cluster-year's facts, :func:`match_year` computes what the
cluster earns. No database is involved, so the rule can be tested exhaustively and
explained down to each member's share.

The rule (DESIGN.md)::

    ceiling  = annual cap, and at most aid_share x the year's coordination costs when recorded
    counted  = contributions of members whose kind counts and whose membership is active that year
    aid      = min(counted x matching ratio, ceiling), rounded down to the cent
    headroom = counted contribution that would still be matched
    surplus  = counted contribution beyond what the ceiling lets be matched

A year beyond the rule set's maximum duration has a ceiling of 0.

Shares of the aid use the largest-remainder method: every counted member first gets
its exact share rounded down to the cent; the cents left over go one each to the
members with the largest discarded fractions, ties broken by enterprise number.
So shares always add up to the aid exactly, no share is off by more than a cent,
and the same facts always give the same split.

>>> from ledger.rules import load_rule_sets
>>> rules = load_rule_sets()["ibn-2020"]
>>> facts = YearFacts(year=2024, start_year=2024, costs_cents=40_000_00, members=(
...     MemberFacts("0403170701", "Alfa", MemberKind.ENTERPRISE, Region.FLANDERS, True, None,
...                 15_000_00),
... ))
>>> match_year(rules, facts).matched_aid_cents
1500000
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ledger.identifiers import format_number
from ledger.kinds import MemberKind
from ledger.money import cents_ceiling, cents_floor, format_eur
from ledger.regions import Region
from ledger.rules import RuleSet
from ledger.words import say


class MemberFacts(NamedTuple):
    """One party's standing in one cluster-year, as its dated history says for that year.

    ``is_member`` says whether its membership is active in the year; ``kind`` and
    ``region`` are those in force on its reference day (see :mod:`ledger.history`);
    ``mandate`` is the day the mandate held on that day was given (None: none held);
    ``contribution_cents`` is the net of its entries that year, corrections included;
    ``counts_at_deadline`` whether it is an active Flemish enterprise with a mandate on
    the day the call counts mandates, when that day falls in the year. A named tuple
    rather than a dataclass: a large ledger builds hundreds of thousands per summary.
    """

    kbo: str
    name: str
    kind: MemberKind
    region: Region
    is_member: bool
    mandate: date | None
    contribution_cents: int
    counts_at_deadline: bool = False


@dataclass(frozen=True)
class YearFacts:
    """Everything the rule needs about one cluster-year.

    ``mandate_deadline`` is the day in this year on which the call counts mandates (the
    dossier deadline of ``ibn-2026``), or None.
    """

    year: int
    start_year: int
    costs_cents: int | None
    members: tuple[MemberFacts, ...]
    mandate_deadline: date | None = None


@dataclass(frozen=True)
class YearTotals:
    """A cluster-year's facts added up: all the rule and its checks need besides the split."""

    year: int
    start_year: int
    costs_cents: int | None
    total_cents: int
    counted_cents: int
    members: int
    flemish_enterprises_with_mandate: int
    non_member_contributions: tuple[MemberFacts, ...]
    mandate_deadline: date | None = None
    flemish_enterprises_with_mandate_at_deadline: int | None = None


@dataclass(frozen=True)
class Share:
    kbo: str
    name: str
    contribution_cents: int
    counted: bool
    aid_cents: int


@dataclass(frozen=True)
class Warning:
    """Something the coordinator should know; ``code`` is stable for programs to read.

    ``facts`` are the values the words are made of, as text (amounts already in euro
    form), so a screen or a report can say it in its own language (:meth:`text`).
    """

    code: str
    facts: tuple[tuple[str, str], ...] = ()

    def text(self, language: str = "en") -> str:
        """The warning in ``language`` (``en`` or ``nl``)."""
        return say(self.code, language, **dict(self.facts))

    @property
    def message(self) -> str:
        """The English text, as ``summary`` and its JSON show it."""
        return self.text("en")


def _warning(code: str, **facts: object) -> Warning:
    return Warning(code, tuple((name, str(value)) for name, value in facts.items()))


@dataclass(frozen=True)
class MatchResult:
    year: int
    program_year: int
    max_years: int
    rule_set: str
    cap_cents: int
    ceiling_cents: int
    costs_cents: int | None
    total_contributions_cents: int
    counted_contributions_cents: int
    matched_aid_cents: int
    headroom_cents: int
    surplus_cents: int
    members: int
    flemish_enterprises_with_mandate: int
    min_flemish_enterprises_with_mandate: int
    shares: tuple[Share, ...]
    warnings: tuple[Warning, ...]
    # The call's count at its deadline, in the year the deadline falls in (else None).
    mandate_deadline: date | None = None
    flemish_enterprises_with_mandate_at_deadline: int | None = None


def counts(rules: RuleSet, member: MemberFacts) -> bool:
    """Whether a member's contribution counts towards matching this year."""
    return member.is_member and member.kind in rules.counted_kinds


def has_flemish_mandate(member: MemberFacts, year: int) -> bool:
    """An active Flemish enterprise member holding a mandate on its reference day in
    ``year`` (given by then, not withdrawn, and not after its membership ended)."""
    return (
        member.is_member
        and member.kind is MemberKind.ENTERPRISE
        and member.region is Region.FLANDERS
        and member.mandate is not None
        and member.mandate.year <= year
    )


def tally(rules: RuleSet, facts: YearFacts) -> YearTotals:
    """Add up a cluster-year's facts in one pass."""
    total = counted = members = mandates = at_deadline = 0
    outsiders: list[MemberFacts] = []
    kinds = rules.counted_kinds
    for m in facts.members:
        total += m.contribution_cents
        at_deadline += m.counts_at_deadline
        if m.is_member:
            members += 1
            if m.kind in kinds:
                counted += m.contribution_cents
            if has_flemish_mandate(m, facts.year):
                mandates += 1
        elif m.contribution_cents:
            outsiders.append(m)
    return YearTotals(
        year=facts.year,
        start_year=facts.start_year,
        costs_cents=facts.costs_cents,
        total_cents=total,
        counted_cents=counted,
        members=members,
        flemish_enterprises_with_mandate=mandates,
        non_member_contributions=tuple(outsiders),
        mandate_deadline=facts.mandate_deadline,
        flemish_enterprises_with_mandate_at_deadline=(
            None if facts.mandate_deadline is None else at_deadline
        ),
    )


def ceiling_cents(rules: RuleSet, year: int, start_year: int, costs_cents: int | None) -> int:
    """The most aid the year can earn."""
    program_year = year - start_year + 1
    if not 1 <= program_year <= rules.max_years:
        return 0
    ceiling = rules.annual_cap_cents
    if costs_cents is not None:
        ceiling = min(ceiling, cents_floor(Decimal(costs_cents) * rules.aid_share_of_costs))
    return max(ceiling, 0)


def split_aid(aid_cents: int, contributions: list[tuple[str, int]]) -> dict[str, int]:
    """Split ``aid_cents`` over ``(kbo, counted cents)`` pairs by the largest-remainder method."""
    total = sum(c for _, c in contributions if c > 0)
    if total <= 0 or aid_cents <= 0:
        return {kbo: 0 for kbo, _ in contributions}
    floors: dict[str, int] = {}
    remainders: list[tuple[int, str]] = []
    for kbo, cents in contributions:
        share, remainder = divmod(aid_cents * max(cents, 0), total)
        floors[kbo] = share
        remainders.append((remainder, kbo))
    left = aid_cents - sum(floors.values())
    # Largest discarded fraction first; among equals, the lower enterprise number first.
    for _, kbo in sorted(remainders, key=lambda r: (-r[0], r[1]))[:left]:
        floors[kbo] += 1
    return floors


# --- checks: each returns the warnings for one condition; a new rule is a new function ---

Check = Callable[[RuleSet, YearTotals, int], list[Warning]]


def check_duration(rules: RuleSet, facts: YearTotals, program_year: int) -> list[Warning]:
    if program_year > rules.max_years:
        return [
            _warning(
                "beyond_max_duration",
                year=facts.year,
                program_year=program_year,
                max_years=rules.max_years,
                rule_set=rules.id,
            )
        ]
    if program_year < 1:
        return [_warning("before_start", year=facts.year, start_year=facts.start_year)]
    return []


def check_mandates(rules: RuleSet, facts: YearTotals, program_year: int) -> list[Warning]:
    have = facts.flemish_enterprises_with_mandate
    need = rules.min_flemish_enterprises_with_mandate
    found = []
    if have < need:
        found.append(
            _warning(
                "mandates_below_minimum",
                have=have,
                need=need,
                rule_set=rules.id,
                missing=need - have,
            )
        )
    at_deadline = facts.flemish_enterprises_with_mandate_at_deadline
    if facts.mandate_deadline is not None and at_deadline is not None and at_deadline < need:
        found.append(
            _warning(
                "mandates_below_minimum_at_deadline",
                have=at_deadline,
                need=need,
                rule_set=rules.id,
                day=facts.mandate_deadline.isoformat(),
            )
        )
    return found


def check_costs(rules: RuleSet, facts: YearTotals, program_year: int) -> list[Warning]:
    if facts.costs_cents is None:
        return [
            _warning("no_costs_recorded", year=facts.year, share=f"{rules.aid_share_of_costs:.0%}")
        ]
    return []


def check_non_members(rules: RuleSet, facts: YearTotals, program_year: int) -> list[Warning]:
    return [
        _warning(
            "contribution_from_non_member",
            name=m.name,
            kbo=format_number(m.kbo),
            amount=format_eur(m.contribution_cents),
            year=facts.year,
        )
        for m in facts.non_member_contributions
    ]


CHECKS: tuple[Check, ...] = (check_duration, check_mandates, check_costs, check_non_members)


def validate(rules: RuleSet, facts: YearTotals, program_year: int) -> list[Warning]:
    """Run every check and gather their warnings, in a stable order."""
    return [w for check in CHECKS for w in check(rules, facts, program_year)]


def match_totals(rules: RuleSet, totals: YearTotals) -> MatchResult:
    """Apply the rule to a cluster-year's totals; the result has no per-member split."""
    program_year = totals.year - totals.start_year + 1
    ceiling = ceiling_cents(rules, totals.year, totals.start_year, totals.costs_cents)
    counted = max(totals.counted_cents, 0)
    aid = min(cents_floor(counted * rules.matching_ratio), ceiling)
    # Contribution needed to reach the ceiling, at the rule's ratio.
    needed = cents_ceiling(Decimal(ceiling) / rules.matching_ratio)
    return MatchResult(
        year=totals.year,
        program_year=program_year,
        max_years=rules.max_years,
        rule_set=rules.id,
        cap_cents=rules.annual_cap_cents,
        ceiling_cents=ceiling,
        costs_cents=totals.costs_cents,
        total_contributions_cents=totals.total_cents,
        counted_contributions_cents=totals.counted_cents,
        matched_aid_cents=aid,
        headroom_cents=max(needed - counted, 0),
        surplus_cents=max(totals.counted_cents - needed, 0),
        members=totals.members,
        flemish_enterprises_with_mandate=totals.flemish_enterprises_with_mandate,
        min_flemish_enterprises_with_mandate=rules.min_flemish_enterprises_with_mandate,
        shares=(),
        warnings=tuple(validate(rules, totals, program_year)),
        mandate_deadline=totals.mandate_deadline,
        flemish_enterprises_with_mandate_at_deadline=(
            totals.flemish_enterprises_with_mandate_at_deadline
        ),
    )


def member_shares(rules: RuleSet, facts: YearFacts, aid_cents: int) -> tuple[Share, ...]:
    """Each party's contribution and share of the aid, in enterprise-number order."""
    counted = {m.kbo for m in facts.members if counts(rules, m)}
    split = split_aid(
        aid_cents, [(m.kbo, m.contribution_cents) for m in facts.members if m.kbo in counted]
    )
    return tuple(
        Share(
            kbo=m.kbo,
            name=m.name,
            contribution_cents=m.contribution_cents,
            counted=m.kbo in counted,
            aid_cents=split.get(m.kbo, 0) if m.kbo in counted else 0,
        )
        for m in sorted(facts.members, key=lambda m: m.kbo)
    )


def match_year(rules: RuleSet, facts: YearFacts, *, with_shares: bool = True) -> MatchResult:
    """Compute one cluster-year's matched aid, the warnings and (unless asked not to) the
    split over members."""
    result = match_totals(rules, tally(rules, facts))
    if not with_shares:
        return result
    return replace(result, shares=member_shares(rules, facts, result.matched_aid_cents))
