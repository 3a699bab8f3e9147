"""The matching rule on plain values, case by case."""

from datetime import date

import pytest

from ledger.kinds import MemberKind
from ledger.matching import MemberFacts, YearFacts, match_year, split_aid
from ledger.regions import Region
from ledger.rules import load_rule_sets

RULES = load_rule_sets()
IBN = RULES["ibn-2020"]  # cap 150,000, 3 years
IBN26 = RULES["ibn-2026"]  # cap 225,000, 30 mandates


def member(
    kbo: str,
    cents: int,
    *,
    kind: MemberKind = MemberKind.ENTERPRISE,
    region: Region = Region.FLANDERS,
    is_member: bool = True,
    mandate: date | None = date(2024, 1, 1),
) -> MemberFacts:
    return MemberFacts(kbo, f"Company {kbo}", kind, region, is_member, mandate, cents)


def facts(*members: MemberFacts, year: int = 2024, costs: int | None = 400_000_00) -> YearFacts:
    return YearFacts(year=year, start_year=2024, costs_cents=costs, members=members)


def test_euro_for_euro_below_the_ceiling() -> None:
    result = match_year(IBN, facts(member("a", 40_000_00), member("b", 20_000_00)))
    assert result.ceiling_cents == 150_000_00
    assert result.counted_contributions_cents == 60_000_00
    assert result.matched_aid_cents == 60_000_00
    assert result.headroom_cents == 90_000_00
    assert result.surplus_cents == 0
    assert result.program_year == 1


def test_cap_binds_and_the_rest_is_surplus() -> None:
    result = match_year(IBN, facts(member("a", 100_000_00), member("b", 80_000_00)))
    assert result.matched_aid_cents == 150_000_00
    assert result.surplus_cents == 30_000_00
    assert result.headroom_cents == 0


def test_half_the_costs_binds_before_the_cap() -> None:
    result = match_year(IBN, facts(member("a", 100_000_00), costs=120_000_01))
    assert result.ceiling_cents == 60_000_00  # half of 120,000.01 rounded down to the cent
    assert result.matched_aid_cents == 60_000_00
    assert result.surplus_cents == 40_000_00


def test_no_costs_recorded_uses_the_cap_and_warns() -> None:
    result = match_year(IBN, facts(member("a", 10_000_00), costs=None))
    assert result.ceiling_cents == 150_000_00
    assert "no_costs_recorded" in {w.code for w in result.warnings}


def test_only_active_enterprise_members_count() -> None:
    result = match_year(
        IBN,
        facts(
            member("a", 10_000_00),
            member("k", 5_000_00, kind=MemberKind.KNOWLEDGE_INSTITUTION),
            member("p", 3_000_00, kind=MemberKind.PUBLIC_BODY),
            member("x", 2_000_00, is_member=False),
            member("w", 1_000_00, region=Region.WALLONIA),
        ),
    )
    assert result.total_contributions_cents == 21_000_00
    assert result.counted_contributions_cents == 11_000_00  # a and the Walloon enterprise
    warnings = [w for w in result.warnings if w.code == "contribution_from_non_member"]
    assert len(warnings) == 1 and "Company x" in warnings[0].message
    shares = {s.kbo: s for s in result.shares}
    assert not shares["k"].counted and shares["k"].aid_cents == 0
    assert shares["a"].aid_cents + shares["w"].aid_cents == result.matched_aid_cents


def test_beyond_the_maximum_duration_no_aid() -> None:
    result = match_year(IBN, facts(member("a", 10_000_00), year=2027))
    assert result.program_year == 4
    assert result.ceiling_cents == 0
    assert result.matched_aid_cents == 0
    assert result.surplus_cents == 10_000_00
    assert "beyond_max_duration" in {w.code for w in result.warnings}


def test_mandate_minimum_counts_flemish_enterprises_with_a_mandate_by_year_end() -> None:
    members = [member(f"{i:02d}", 1_000_00) for i in range(28)]
    members += [
        member("br", 1_000_00, region=Region.BRUSSELS),
        member("no", 1_000_00, mandate=None),
        member("late", 1_000_00, mandate=date(2025, 1, 1)),
        member("ki", 1_000_00, kind=MemberKind.KNOWLEDGE_INSTITUTION),
        member("gone", 1_000_00, is_member=False),
    ]
    result = match_year(IBN26, facts(*members))
    assert result.flemish_enterprises_with_mandate == 28
    warning = next(w for w in result.warnings if w.code == "mandates_below_minimum")
    assert "2 more needed" in warning.message
    assert warning.text("nl") == (
        "Vlaamse ondernemingen met een mandaat: 28 van de 30 die ibn-2026 vraagt (nog 2 nodig)"
    )
    members.append(member("29", 1_000_00))
    members.append(member("30", 1_000_00))
    result = match_year(IBN26, facts(*members))
    assert "mandates_below_minimum" not in {w.code for w in result.warnings}


def test_ibn_2020_has_no_mandate_minimum() -> None:
    result = match_year(IBN, facts(member("a", 1_000_00, mandate=None)))
    assert "mandates_below_minimum" not in {w.code for w in result.warnings}


def test_shares_use_largest_remainder_with_ties_by_enterprise_number() -> None:
    # 100 cents over three equal contributions: 33 each, the spare cent to the lowest number.
    assert split_aid(100, [("c", 1), ("a", 1), ("b", 1)]) == {"a": 34, "b": 33, "c": 33}
    # Remainders decide before the number does.
    assert split_aid(10, [("a", 1), ("b", 2)]) == {"a": 3, "b": 7}
    assert split_aid(0, [("a", 5)]) == {"a": 0}


@pytest.mark.parametrize("ratio_cap", [IBN, IBN26, RULES["spearhead-2020"]])
def test_result_names_its_rule_set(ratio_cap) -> None:  # type: ignore[no-untyped-def]
    result = match_year(ratio_cap, facts(member("a", 1_00)))
    assert result.rule_set == ratio_cap.id
    assert result.max_years == ratio_cap.max_years
    assert result.cap_cents == ratio_cap.annual_cap_cents


def test_every_warning_says_the_same_facts_in_both_languages() -> None:
    """A Dutch text that forgot a fact, or named one the English lacks, would fail here."""
    from string import Formatter

    from ledger.words import LANGUAGES
    from ledger.words.warnings import TEXTS

    for code, texts in TEXTS.items():
        assert set(texts) == set(LANGUAGES), code
        fields = [{f for _, f, _, _ in Formatter().parse(texts[lang]) if f} for lang in LANGUAGES]
        assert fields[0] == fields[1], code
