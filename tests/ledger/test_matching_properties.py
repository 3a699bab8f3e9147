"""Invariants of the matching rule, for any contributions, costs and rule terms."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.kinds import MemberKind
from ledger.matching import MemberFacts, YearFacts, match_year
from ledger.money import to_cents
from ledger.regions import Region
from ledger.rules import load_rule_sets

RULES = list(load_rule_sets().values())

euros = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("400000"), places=2)

members = st.lists(
    st.builds(
        MemberFacts,
        kbo=st.from_regex(r"0[0-9]{9}", fullmatch=True),
        name=st.just("member"),
        kind=st.sampled_from(list(MemberKind)),
        region=st.sampled_from(list(Region)),
        is_member=st.booleans(),
        mandate=st.none() | st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
        contribution_cents=euros.map(to_cents),
    ),
    max_size=25,
    unique_by=lambda m: m.kbo,
)


@st.composite
def year_facts(draw: st.DrawFn) -> YearFacts:
    start = draw(st.integers(2016, 2026))
    return YearFacts(
        year=draw(st.integers(start - 1, start + 11)),
        start_year=start,
        costs_cents=draw(st.none() | euros.map(to_cents) | st.just(0)),
        members=tuple(draw(members)),
    )


def counted_cents(rules, facts: YearFacts) -> int:  # type: ignore[no-untyped-def]
    return sum(
        m.contribution_cents for m in facts.members if m.is_member and m.kind in rules.counted_kinds
    )


@given(st.sampled_from(RULES), year_facts())
def test_aid_never_exceeds_cap_contributions_or_half_the_costs(rules, facts) -> None:  # type: ignore[no-untyped-def]
    result = match_year(rules, facts)
    assert 0 <= result.matched_aid_cents <= rules.annual_cap_cents
    assert result.matched_aid_cents <= counted_cents(rules, facts) * rules.matching_ratio
    if facts.costs_cents is not None:
        assert result.matched_aid_cents <= facts.costs_cents * rules.aid_share_of_costs


@given(st.sampled_from(RULES), year_facts())
def test_shares_sum_exactly_to_the_aid_and_only_counted_members_get_one(rules, facts) -> None:  # type: ignore[no-untyped-def]
    result = match_year(rules, facts)
    assert sum(s.aid_cents for s in result.shares) == result.matched_aid_cents
    assert all(s.aid_cents == 0 for s in result.shares if not s.counted)
    assert all(s.aid_cents >= 0 for s in result.shares)


@given(st.sampled_from(RULES), year_facts())
def test_each_share_is_within_a_cent_of_its_exact_part(rules, facts) -> None:  # type: ignore[no-untyped-def]
    result = match_year(rules, facts)
    counted = result.counted_contributions_cents
    for share in result.shares:
        if share.counted and counted:
            exact = Decimal(result.matched_aid_cents) * share.contribution_cents / counted
            assert abs(share.aid_cents - exact) < 1


@settings(max_examples=200)
@given(st.sampled_from(RULES), year_facts(), st.data())
def test_aid_never_falls_when_a_contribution_rises(rules, facts, data) -> None:  # type: ignore[no-untyped-def]
    before = match_year(rules, facts)
    if not facts.members:
        return
    index = data.draw(st.integers(0, len(facts.members) - 1))
    extra = data.draw(euros.map(to_cents))
    raised = list(facts.members)
    raised[index] = raised[index]._replace(
        contribution_cents=raised[index].contribution_cents + extra
    )
    after = match_year(rules, replace(facts, members=tuple(raised)))
    assert after.matched_aid_cents >= before.matched_aid_cents
    assert after.total_contributions_cents == before.total_contributions_cents + extra


@given(st.sampled_from(RULES), year_facts())
def test_headroom_and_surplus_explain_the_ceiling(rules, facts) -> None:  # type: ignore[no-untyped-def]
    result = match_year(rules, facts)
    counted = result.counted_contributions_cents
    assert result.headroom_cents >= 0 and result.surplus_cents >= 0
    assert result.headroom_cents == 0 or result.surplus_cents == 0
    if rules.matching_ratio == 1:
        assert counted + result.headroom_cents - result.surplus_cents == result.ceiling_cents
        assert result.matched_aid_cents == counted - result.surplus_cents
