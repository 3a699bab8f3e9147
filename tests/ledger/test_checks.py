"""The pure checks: a snapshot and an input in, problems (codes and facts) out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ledger.checks.clusters import check_add, check_adopt
from ledger.checks.companies import check_fact_change
from ledger.checks.contributions import NewContribution, check_entries, check_reverse
from ledger.checks.costs import check_set_costs
from ledger.checks.mandates import check_corrected, check_given, check_withdrawn
from ledger.checks.memberships import check_join, check_period_change
from ledger.checks.years import check_lock, check_reopen
from ledger.cluster_rules import ClusterRules, RuleCopy
from ledger.errors import ConflictError, InputError, LockedYearError
from ledger.history import CompanyFacts, MandateChange, Period
from ledger.problems import first_error
from ledger.rules import SHIPPED_DIR, parse_rule_text, text_hash
from ledger.snapshot import ClusterYears, CompanyHistory, MemberHistory

D = date
TEXT = (SHIPPED_DIR / "ibn-2026.toml").read_text(encoding="utf-8")
RULES = ClusterRules((RuleCopy(1, "ibn-2026", 2026, TEXT, text_hash(TEXT)),))


def cluster(*locked: int) -> ClusterYears:
    return ClusterYears(1, "Circular Plastics", 2026, frozenset(locked), RULES)


def member(mandate: date | None = None, **period: date | None) -> MemberHistory:
    changes = (MandateChange(1, "given", mandate),) if mandate else ()
    return MemberHistory(
        7,
        "0403170701",
        "Alfa NV",
        CompanyFacts.initial("enterprise", "9000", None),
        membership_id=3,
        period=Period(period.get("joined"), period.get("left")),
        changes=changes,
    )


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


def test_a_kind_change_reaching_a_locked_year_is_refused_and_one_after_it_is_free() -> None:
    company = CompanyHistory(
        7, "0403170701", "Alfa NV", member().facts, 1, ((cluster(2026), member()),)
    )
    refused = check_fact_change(company, {"kind": "knowledge_institution"}, D(2026, 6, 1))
    assert codes(refused) == ["locked.effect"]
    assert refused[0].facts["year"] == 2026 and refused[0].facts["moved"] == "its kind"
    with pytest.raises(LockedYearError, match="reopen 2026 with 'year reopen --reason'"):
        first_error(refused)
    assert check_fact_change(company, {"kind": "knowledge_institution"}, D(2027, 1, 1)) == []


def test_a_postcode_within_flanders_changes_no_figure_and_is_free_in_a_locked_year() -> None:
    company = CompanyHistory(
        7, "0403170701", "Alfa NV", member().facts, 1, ((cluster(2026), member()),)
    )
    assert check_fact_change(company, {"postcode": "9050"}, D(2026, 1, 1)) == []
    moved = check_fact_change(company, {"postcode": "1000"}, D(2026, 1, 1))
    assert moved[0].facts["moved"] == "its region"


def test_a_change_dated_before_the_first_fact_is_refused() -> None:
    facts = CompanyFacts.from_rows(
        [(1, "kind", D(2025, 1, 1), "enterprise"), (2, "postcode", D(2025, 1, 1), "9000")]
    )
    company = CompanyHistory(7, "0403170701", "Alfa NV", facts, 1, ())
    assert codes(check_fact_change(company, {"kind": "other"}, D(2024, 12, 31))) == [
        "company.from_before_first"
    ]


def test_a_second_mandate_needs_to_say_what_it_is() -> None:
    held = member(mandate=D(2026, 2, 1))
    problems = check_given(cluster(), held, D(2026, 3, 1))
    assert codes(problems) == ["mandate.exists"]
    with pytest.raises(ConflictError, match="--replace --reason"):
        first_error(problems)
    assert check_corrected(cluster(), held, D(2026, 3, 1)) == []
    assert check_withdrawn(cluster(), held, D(2026, 3, 1)) == []


def test_a_withdrawal_before_the_mandate_or_without_one_is_refused() -> None:
    assert codes(check_withdrawn(cluster(), member(mandate=D(2026, 2, 1)), D(2026, 1, 1))) == [
        "mandate.withdrawn_before_given"
    ]
    assert codes(check_withdrawn(cluster(), member(), D(2026, 1, 1))) == [
        "mandate.none_to_withdraw"
    ]
    assert codes(check_corrected(cluster(), member(), D(2026, 1, 1))) == ["mandate.none_to_correct"]


def test_a_new_mandate_after_a_withdrawal_must_not_overlap_it() -> None:
    withdrawn = replace(
        member(mandate=D(2026, 2, 1)),
        changes=(
            MandateChange(1, "given", D(2026, 2, 1)),
            MandateChange(2, "withdrawn", D(2026, 9, 1)),
        ),
    )
    assert codes(check_given(cluster(), withdrawn, D(2026, 8, 1))) == ["mandate.before_withdrawal"]
    assert check_given(cluster(), withdrawn, D(2026, 10, 1)) == []


def test_mandate_changes_that_move_a_locked_year_are_refused() -> None:
    held = member(mandate=D(2026, 2, 1))
    assert codes(check_corrected(cluster(2026), held, D(2026, 3, 1))) == ["locked.effect"]
    assert codes(check_withdrawn(cluster(2026), held, D(2026, 6, 1))) == ["locked.effect"]
    assert check_withdrawn(cluster(2026), held, D(2027, 1, 1)) == []
    # The call counts mandates on its dossier day (11 May 2026): a correction from
    # 2 February to 1 May moves nothing there, but one to 12 May would.
    assert codes(check_corrected(cluster(2026), held, D(2026, 5, 12))) == ["locked.effect"]


def test_leaving_in_an_open_year_after_a_locked_one_is_free() -> None:
    assert check_period_change(cluster(2026), member(), Period(None, D(2027, 6, 30))) == []
    refused = check_period_change(cluster(2026), member(), Period(None, D(2025, 12, 31)))
    assert codes(refused) == ["locked.effect"] and refused[0].facts["moved"] == "its membership"
    assert codes(
        check_period_change(cluster(), member(), Period(D(2026, 5, 1), D(2026, 4, 1)))
    ) == ["membership.left_before_joined"]


def test_joining_without_a_day_covers_every_year_and_is_refused_while_one_is_locked() -> None:
    outsider = replace(member(), membership_id=None)
    assert codes(check_join(cluster(2026), outsider, Period(None, None))) == ["locked.effect"]
    assert check_join(cluster(2026), outsider, Period(D(2027, 1, 1), None)) == []
    assert codes(check_join(cluster(), member(), Period(None, None))) == ["membership.exists"]


def test_entries_each_get_their_first_problem_at_their_field() -> None:
    entries = [
        NewContribution("0403170701", 2026, 100_00),
        NewContribution("0403170701", 2026, -5_00),
        NewContribution("0202239951", 2026, 100_00),
        NewContribution("0403170701", 2025, 100_00),
        NewContribution("0403170701", 2027, 100_00),
    ]
    found = check_entries(cluster(2027), {"0403170701": 7}, entries)
    assert [(i, p.code, p.location.field) for i, p in found] == [
        (1, "amount.negative", "amount"),
        (2, "membership.unknown", "kbo"),
        (3, "year.before_start", "year"),
        (4, "year.locked", "year"),
    ]
    with pytest.raises(InputError, match="negative; correct an entry with 'contribution reverse'"):
        first_error([found[0][1]])


def test_a_reversal_is_once_and_never_of_a_reversal() -> None:
    assert codes(check_reverse(cluster(), 5, reverses_id=4, reversed_by=None, year=2026)) == [
        "entry.is_reversal"
    ]
    assert codes(check_reverse(cluster(), 5, reverses_id=None, reversed_by=9, year=2026)) == [
        "entry.already_reversed"
    ]
    assert codes(
        check_reverse(cluster(2026), 5, reverses_id=None, reversed_by=None, year=2026)
    ) == ["year.locked"]


def test_costs_years_and_locks() -> None:
    assert codes(check_set_costs(cluster(), 2026, -1)) == ["costs.negative"]
    assert codes(check_set_costs(cluster(2026), 2026, 1)) == ["year.locked"]
    assert codes(check_lock(cluster(2026), 2026)) == ["year.already_locked"]
    assert codes(check_reopen(cluster(), 2026)) == ["year.not_locked"]
    assert codes(check_lock(cluster(), 2025)) == ["year.before_start"]


def test_a_cluster_starts_no_earlier_than_its_call_and_is_asked_its_number() -> None:
    rules = parse_rule_text(TEXT, "ibn-2026.toml")
    assert codes(check_add("X", rules, 2025, "0403170701", [])) == ["cluster.start_before_call"]
    assert codes(check_add("X", rules, 2026, "0403170701", ["X"])) == ["cluster.exists"]
    warning = check_add("X", rules, 2026, None, [])
    assert codes(warning) == ["cluster.kbo_missing"] and warning[0].severity == "warning"
    first_error(warning)  # a warning is not raised


def test_a_new_rule_set_version_applies_to_open_years_of_the_same_call_only() -> None:
    edited = TEXT.replace('annual_cap = "225000.00"', 'annual_cap = "450000.00"')
    rules = parse_rule_text(edited, "ibn-2026.toml")
    assert check_adopt(cluster(2026), rules, 2027, text_hash(edited)) == []
    assert codes(check_adopt(cluster(2027), rules, 2026, text_hash(edited))) == [
        "rules.adopt_locked"
    ]
    assert codes(check_adopt(cluster(), parse_rule_text(TEXT, "x"), 2027, text_hash(TEXT))) == [
        "rules.adopt_same"
    ]
    other = parse_rule_text(TEXT.replace('id = "ibn-2026"', 'id = "ibn-2030"'), "x")
    assert codes(check_adopt(cluster(), other, 2027, "x")) == ["rules.other_call"]


def test_a_cluster_name_that_looks_like_a_taken_one_is_refused_naming_it() -> None:
    rules = parse_rule_text(TEXT, "ibn-2026.toml")
    taken = ["Circular Plastics"]
    for lookalike in ("circular plastics", "Circul\u0430r Plastics", "Circular\u00a0Plastics"):
        found = check_add(lookalike, rules, 2026, "0403170701", taken)
        assert codes(found) == ["name.lookalike"], lookalike
        assert found[0].facts["existing"] == "Circular Plastics"
    assert codes(check_add("Circular\u200bPlastics", rules, 2026, "0403170701", taken)) == [
        "name.invisible"
    ]


def test_no_entry_takes_a_cluster_past_the_bound_that_keeps_its_sums_exact() -> None:
    from ledger.money import CLUSTER_TOTAL_BOUND_CENTS

    entry = NewContribution("0403170701", 2026, 1_000_00)
    members = {"0403170701": 7}
    assert check_entries(cluster(), members, [entry], CLUSTER_TOTAL_BOUND_CENTS - 1_000_00) == []
    found = check_entries(cluster(), members, [entry, entry], CLUSTER_TOTAL_BOUND_CENTS - 1_000_00)
    assert [(i, p.code) for i, p in found] == [(1, "amount.cluster_total")]
