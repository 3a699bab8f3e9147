"""The dated facts that decide a member's figures, and what they say on a given day.

A company's kind, postcode and region override are kept as dated history: each change
takes effect from a day, and earlier days keep what they had. A membership runs from
its joining to its leaving day. A mandate is given on a day and may be withdrawn later.
Everything here is a pure function of plain values, shared by the summary (which reads
the facts of year Y) and the checks (which refuse a change that would move the figures
of a locked year): one reading of the history for both.

**Which fact holds on a day.** Of a field's facts whose ``valid_from`` is on or before
the day, the one with the latest ``valid_from`` holds; of two from the same day, the
one recorded last. A change from 1 March is in force from then until the next change
that was dated later, whenever either was recorded.

**Which day counts for a year.** A member's facts in year Y are those of its reference
day: 31 December of Y, or its leaving day when it left during Y. So a company that
becomes a knowledge institution from 1 March 2027 is an enterprise in 2026 and a
knowledge institution in 2027; a mandate counts for Y when it is held on the reference
day, which also means a mandate dated after the membership ended does not count.

>>> facts = CompanyFacts.initial("onderneming", "9000", None)
>>> later = facts.with_fact("kind", "knowledge_institution", date(2027, 3, 1), id=2)
>>> later.kind_on(date(2026, 12, 31)).value, later.kind_on(date(2027, 12, 31)).value
('enterprise', 'knowledge_institution')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ledger.dates import FIRST_YEAR
from ledger.kinds import MemberKind, parse_kind
from ledger.regions import Region, parse_region, region_for_postcode

# "From the start": the first facts of a company hold for every day the ledger can speak of.
START = date(FIRST_YEAR, 1, 1)

# The fields of a company that are dated facts. The name is not among them: a name
# correction decides no figure, so it is kept as the company's current name.
COMPANY_FIELDS = ("kind", "postcode", "region_override")


class Fact(NamedTuple):
    """One recorded value of one field, in force from ``valid_from``.

    ``id`` orders facts recorded for the same day: the later recording wins.
    """

    id: int
    valid_from: date
    value: str | None


def value_on(facts: Sequence[Fact], day: date) -> str | None:
    """The value in force on ``day``; None before the first fact (or for a cleared field)."""
    best: Fact | None = None
    for fact in facts:
        if fact.valid_from <= day and (
            best is None or (fact.valid_from, fact.id) > (best.valid_from, best.id)
        ):
            best = fact
    return None if best is None else best.value


def in_force(facts: Sequence[Fact]) -> list[tuple[Fact, date | None]]:
    """Each fact that holds on some day, with the day it stops holding (None: still holds).

    A fact overtaken by a later recording for the same day never holds; the result is in
    the order the facts take effect, which is how ``member show`` lists them.
    """
    by_day: dict[date, Fact] = {}
    for fact in sorted(facts, key=lambda f: (f.valid_from, f.id)):
        by_day[fact.valid_from] = fact
    ordered = sorted(by_day.values(), key=lambda f: f.valid_from)
    return [
        (fact, ordered[i + 1].valid_from if i + 1 < len(ordered) else None)
        for i, fact in enumerate(ordered)
    ]


@dataclass(frozen=True)
class CompanyFacts:
    """A company's dated facts, field by field, each in recording order."""

    kind: tuple[Fact, ...]
    postcode: tuple[Fact, ...]
    region_override: tuple[Fact, ...] = ()

    @classmethod
    def initial(cls, kind: str, postcode: str, region_override: str | None) -> CompanyFacts:
        """The facts of a company as first recorded: in force from the start."""
        return cls(
            kind=(Fact(0, START, parse_kind(kind).value),),
            postcode=(Fact(0, START, postcode),),
            region_override=() if region_override is None else (Fact(0, START, region_override),),
        )

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str, date, str | None]]) -> CompanyFacts:
        """Build from ``(id, field, valid_from, value)`` rows, as the ledger stores them."""
        fields: dict[str, list[Fact]] = {name: [] for name in COMPANY_FIELDS}
        for fact_id, field, valid_from, value in sorted(rows, key=lambda r: r[0]):
            fields[field].append(Fact(fact_id, valid_from, value))
        return cls(**{name: tuple(facts) for name, facts in fields.items()})

    def field(self, name: str) -> tuple[Fact, ...]:
        return getattr(self, name)  # type: ignore[no-any-return]

    def with_fact(
        self, field: str, value: str | None, valid_from: date, *, id: int
    ) -> CompanyFacts:
        """These facts with one more recorded (what a change would make them)."""
        facts = (*self.field(field), Fact(id, valid_from, value))
        return CompanyFacts(**{**{n: self.field(n) for n in COMPANY_FIELDS}, field: facts})

    def first_day(self) -> date:
        """The day the company's first fact takes effect."""
        days = [f.valid_from for name in ("kind", "postcode") for f in self.field(name)]
        return min(days) if days else START

    def kind_on(self, day: date) -> MemberKind:
        value = value_on(self.kind, day) or value_on(self.kind, self.first_day())
        return MemberKind(value) if value else MemberKind.ENTERPRISE

    def postcode_on(self, day: date) -> str:
        return value_on(self.postcode, day) or value_on(self.postcode, self.first_day()) or ""

    def override_on(self, day: date) -> str | None:
        return value_on(self.region_override, day)

    def region_on(self, day: date) -> Region:
        """The override in force that day, else the region of that day's postcode."""
        override = self.override_on(day)
        if override:
            return parse_region(override)
        return region_for_postcode(self.postcode_on(day))


class Period(NamedTuple):
    """A membership from its joining day through its leaving day (None: open)."""

    joined: date | None
    left: date | None

    def active_in(self, year: int) -> bool:
        """Whether the membership covers at least one day of ``year``."""
        return (self.joined is None or self.joined.year <= year) and (
            self.left is None or self.left.year >= year
        )

    def active_on(self, day: date) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day <= self.left
        )

    def reference_day(self, year: int) -> date:
        """The day whose facts count for ``year``: its last day, or the leaving day in it."""
        if self.left is not None and self.left.year == year:
            return self.left
        return date(year, 12, 31)


class MandateChange(NamedTuple):
    """A mandate given, withdrawn, or its date corrected, as recorded."""

    id: int
    action: str  # "given", "withdrawn" or "corrected"
    on: date
    corrects: int | None = None  # the "given" event a correction is about


class Mandate(NamedTuple):
    """One mandate: given on a day, perhaps withdrawn on a later one.

    ``given_by`` is the id of the event that gave it, which a correction names.
    """

    given: date
    withdrawn: date | None
    given_by: int

    def held_on(self, day: date) -> bool:
        return self.given <= day and (self.withdrawn is None or day < self.withdrawn)


def mandates(events: Iterable[MandateChange]) -> tuple[Mandate, ...]:
    """The mandates a member's events describe, in the order they were given.

    The checks keep events consistent (a withdrawal follows a mandate, a new mandate
    follows a withdrawal), so this only replays them.
    """
    found: list[Mandate] = []
    for event in sorted(events, key=lambda e: e.id):
        if event.action == "given":
            found.append(Mandate(event.on, None, event.id))
        elif event.action == "withdrawn" and found:
            found[-1] = found[-1]._replace(withdrawn=event.on)
        elif event.action == "corrected":
            for i, mandate in enumerate(found):
                if mandate.given_by == event.corrects:
                    found[i] = mandate._replace(given=event.on)
    return tuple(found)


def mandate_on(held: Sequence[Mandate], day: date) -> date | None:
    """The day the mandate held on ``day`` was given, or None when none is held."""
    for mandate in reversed(held):
        if mandate.held_on(day):
            return mandate.given
    return None


class YearView(NamedTuple):
    """What a member's history says about one year: all a figure of that year depends on.

    Two views of a locked year that differ mean a change would move its figures.
    """

    active: bool
    kind: MemberKind
    region: Region
    mandate: date | None  # the mandate held on the reference day, by the day it was given


def year_view(facts: CompanyFacts, period: Period, held: Sequence[Mandate], year: int) -> YearView:
    """The member's facts for ``year`` (see the module's note on the reference day)."""
    day = period.reference_day(year)
    active = period.active_in(year)
    return YearView(
        active,
        facts.kind_on(day),
        facts.region_on(day),
        mandate_on(held, day) if active else None,
    )


def flemish_mandate_on(
    facts: CompanyFacts, period: Period, held: Sequence[Mandate], day: date
) -> bool:
    """Whether the member is, on ``day``, an active Flemish enterprise holding a mandate:
    what the call counts at its deadline."""
    return (
        period.active_on(day)
        and facts.kind_on(day) is MemberKind.ENTERPRISE
        and facts.region_on(day) is Region.FLANDERS
        and mandate_on(held, day) is not None
    )
