"""The dated history's reading: which fact holds on a day, which day counts for a year,
which mandate is held. Pure functions, so every case is a plain value."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger.history import (
    START,
    CompanyFacts,
    Fact,
    MandateChange,
    Period,
    flemish_mandate_on,
    in_force,
    mandate_on,
    mandates,
    value_on,
    year_view,
)
from ledger.kinds import MemberKind
from ledger.regions import Region

D = date


def test_the_latest_valid_from_holds_and_a_later_recording_wins_the_same_day() -> None:
    facts = [
        Fact(1, START, "enterprise"),
        Fact(2, D(2027, 3, 1), "knowledge_institution"),
        Fact(3, D(2025, 1, 1), "public_body"),  # recorded later, dated earlier
        Fact(4, D(2027, 3, 1), "other"),  # the same day as fact 2, recorded after it
    ]
    assert value_on(facts, D(2024, 12, 31)) == "enterprise"
    assert value_on(facts, D(2026, 6, 1)) == "public_body"
    assert value_on(facts, D(2027, 3, 1)) == "other"
    assert value_on(facts, D(1989, 1, 1)) is None
    spans = [(f.id, until) for f, until in in_force(facts)]
    assert spans == [(1, D(2025, 1, 1)), (3, D(2027, 3, 1)), (4, None)]


@given(
    st.lists(
        st.tuples(st.dates(D(1990, 1, 1), D(2040, 12, 31)), st.sampled_from("abc")), max_size=8
    ),
    st.dates(D(1990, 1, 1), D(2040, 12, 31)),
)
def test_a_new_fact_never_changes_a_day_before_it(
    recorded: list[tuple[date, str]], day: date
) -> None:
    facts = [Fact(i, valid_from, value) for i, (valid_from, value) in enumerate(recorded)]
    later = [*facts, Fact(len(facts), day, "z")]
    for probe in (D(1990, 1, 1), day.replace(day=1), day):
        if probe < day:
            assert value_on(later, probe) == value_on(facts, probe)
    assert value_on(later, day) == "z"


def test_a_year_takes_the_facts_of_its_last_day_or_of_the_leaving_day() -> None:
    facts = CompanyFacts.initial("enterprise", "9000", None)
    facts = facts.with_fact("postcode", "1000", D(2026, 7, 1), id=2)  # moves to Brussels
    staying = Period(D(2024, 1, 1), None)
    leaving = Period(D(2024, 1, 1), D(2026, 6, 30))
    assert year_view(facts, staying, (), 2025).region is Region.FLANDERS
    assert year_view(facts, staying, (), 2026).region is Region.BRUSSELS
    assert year_view(facts, leaving, (), 2026).region is Region.FLANDERS
    assert year_view(facts, leaving, (), 2027).active is False


def test_an_override_is_dated_too_and_clearing_it_gives_the_postcode_back() -> None:
    facts = CompanyFacts.initial("enterprise", "1000", None)
    facts = facts.with_fact("region_override", "flanders", D(2025, 1, 1), id=2)
    facts = facts.with_fact("region_override", None, D(2027, 1, 1), id=3)
    assert facts.region_on(D(2024, 6, 1)) is Region.BRUSSELS
    assert facts.region_on(D(2026, 6, 1)) is Region.FLANDERS
    assert facts.region_on(D(2027, 6, 1)) is Region.BRUSSELS


def test_mandates_given_withdrawn_corrected_and_given_again() -> None:
    held = mandates(
        [
            MandateChange(1, "given", D(2025, 2, 1)),
            MandateChange(2, "corrected", D(2025, 1, 15), corrects=1),
            MandateChange(3, "withdrawn", D(2026, 4, 1)),
            MandateChange(4, "given", D(2027, 1, 10)),
        ]
    )
    assert [(m.given, m.withdrawn) for m in held] == [
        (D(2025, 1, 15), D(2026, 4, 1)),
        (D(2027, 1, 10), None),
    ]
    assert mandate_on(held, D(2025, 1, 14)) is None
    assert mandate_on(held, D(2025, 12, 31)) == D(2025, 1, 15)
    assert mandate_on(held, D(2026, 4, 1)) is None  # withdrawn that day
    assert mandate_on(held, D(2027, 12, 31)) == D(2027, 1, 10)


def test_a_mandate_dated_after_the_membership_ended_does_not_count() -> None:
    facts = CompanyFacts.initial("enterprise", "9000", None)
    period = Period(D(2024, 1, 1), D(2026, 3, 31))
    held = mandates([MandateChange(1, "given", D(2026, 5, 1))])
    assert year_view(facts, period, held, 2026).mandate is None
    assert not flemish_mandate_on(facts, period, held, D(2026, 5, 11))


def test_the_deadline_count_wants_an_active_flemish_enterprise_with_a_mandate_that_day() -> None:
    facts = CompanyFacts.initial("enterprise", "9000", None)
    held = mandates([MandateChange(1, "given", D(2026, 5, 11))])
    assert flemish_mandate_on(facts, Period(None, None), held, D(2026, 5, 11))
    assert not flemish_mandate_on(facts, Period(D(2026, 6, 1), None), held, D(2026, 5, 11))
    institution = facts.with_fact(
        "kind", MemberKind.KNOWLEDGE_INSTITUTION.value, D(2026, 1, 1), id=2
    )
    assert not flemish_mandate_on(institution, Period(None, None), held, D(2026, 5, 11))
