"""The structured communications and the matching rule, as pure functions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.be import ogm_vcs

from ledger.payments import ogm
from ledger.payments.matching import Booked, Directory, decide, years_named
from ledger.payments.statement import Movement

IDS = st.tuples(
    st.integers(1, ogm.MAX_CLUSTER_ID), st.integers(1, ogm.MAX_COMPANY_ID), st.integers(2020, 2119)
)


@given(IDS)
def test_every_derived_communication_is_valid_and_names_its_member_year(ids) -> None:
    cluster, company, year = ids
    digits = ogm.derive(cluster_id=cluster, company_id=company, year=year)
    assert ogm_vcs.is_valid(digits)
    assert (int(digits[:3]), int(digits[3:8]), int(digits[8:10])) == (cluster, company, year % 100)


@given(IDS, IDS)
def test_no_two_member_years_share_a_communication(a, b) -> None:
    """Within a century of years (a cluster's span), different member-years differ."""
    if a != b:
        assert ogm.derive(cluster_id=a[0], company_id=a[1], year=a[2]) != ogm.derive(
            cluster_id=b[0], company_id=b[1], year=b[2]
        )


def test_beyond_the_ten_digits_is_refused_not_wrapped() -> None:
    with pytest.raises(ogm.OgmRangeError, match="beyond the 99,999 companies"):
        ogm.derive(cluster_id=1, company_id=100_000, year=2026)
    with pytest.raises(ogm.OgmRangeError, match="beyond the 999 clusters"):
        ogm.derive(cluster_id=1000, company_id=1, year=2026)


def test_check_tells_a_typing_error_from_no_communication() -> None:
    assert ogm.check("+++001/0000/12608+++") == "ok"
    assert ogm.check("001000012609") == "bad-check"
    assert ogm.check("RF18539007547034") is None
    assert ogm.display("001000012608") == "+++001/0000/12608+++"


ALFA, BETA = 1, 2
DIRECTORY = Directory(
    ogms=ogm.communications(1, [ALFA, BETA], range(2026, 2029)),
    payers={"BE71096123456769": frozenset({ALFA}), "BE00SHARED": frozenset({ALFA, BETA})},
    kbos={"0403170701": ALFA},
    names={ALFA: "Alfa NV", BETA: "Beta BV"},
    years=range(2026, 2029),
)
DAY = date(2026, 3, 2)


def credit(**fields: object) -> Movement:
    return Movement(
        **{"line": "1", "booking_date": DAY, "value_date": None, "amount_cents": 1000, **fields}
    )


def test_an_exact_communication_decides_member_and_year() -> None:
    ref = ogm.derive(cluster_id=1, company_id=BETA, year=2027)
    decision = decide(credit(structured_ref=ref), DIRECTORY, statement_year=2026, booked=[])
    assert (decision.kind, decision.rule, decision.company_id, decision.year) == (
        "book",
        "ogm",
        BETA,
        2027,
    )


def test_a_bad_check_digit_is_queued_even_from_a_known_payer() -> None:
    decision = decide(
        credit(structured_ref="001000012609", counterparty_iban="BE71096123456769"),
        DIRECTORY,
        statement_year=2026,
        booked=[],
    )
    assert (decision.kind, decision.code) == ("queue", "queue.bad-check")
    assert decision.facts == {"ref": "+++001/0000/12609+++"}


def test_a_valid_communication_of_someone_else_is_queued() -> None:
    other = ogm.derive(cluster_id=2, company_id=ALFA, year=2026)
    decision = decide(credit(structured_ref=other), DIRECTORY, statement_year=2026, booked=[])
    assert (decision.kind, decision.code) == ("queue", "queue.foreign-ogm")


def test_a_known_payer_without_communication_takes_the_year_from_the_text() -> None:
    named = credit(counterparty_iban="BE71096123456769", free_text="bijdrage 2027 factuur 88")
    decision = decide(named, DIRECTORY, statement_year=2026, booked=[])
    assert (decision.rule, decision.company_id, decision.year) == ("iban", ALFA, 2027)
    plain = decide(
        credit(counterparty_iban="BE71096123456769"), DIRECTORY, statement_year=2026, booked=[]
    )
    assert (plain.year, plain.facts["why"]) == (2026, "the statement's year")


def test_a_text_naming_two_years_waits() -> None:
    both = credit(counterparty_iban="BE71096123456769", free_text="lidgeld 2026-2027")
    assert decide(both, DIRECTORY, statement_year=2026, booked=[]).code == "queue.years"


def test_a_payer_shared_by_two_members_waits() -> None:
    shared = decide(
        credit(counterparty_iban="BE00SHARED"), DIRECTORY, statement_year=2026, booked=[]
    )
    assert (shared.code, shared.facts["members"]) == ("queue.shared-payer", "Alfa NV, Beta BV")


def test_the_payers_enterprise_number_matches_when_the_account_is_unknown() -> None:
    decision = decide(
        credit(counterparty_kbo="0403170701"), DIRECTORY, statement_year=2026, booked=[]
    )
    assert (decision.rule, decision.company_id) == ("kbo", ALFA)


def test_anything_else_waits() -> None:
    assert decide(credit(), DIRECTORY, statement_year=2026, booked=[]).code == "queue.unknown-payer"


def test_bundles_with_and_without_details() -> None:
    with_details = credit(bundle="global", bundle_count=2)
    assert decide(with_details, DIRECTORY, statement_year=2026, booked=[]).kind == "bundle"
    bare = decide(credit(bundle="global"), DIRECTORY, statement_year=2026, booked=[])
    assert bare.code == "queue.bundle"


def booked(amount: int, iban: str | None = "BE71096123456769", ref: str | None = None) -> Booked:
    return Booked(7, 70, ALFA, 2026, amount, iban, ref, None, DAY)


def test_a_debit_to_the_payer_of_the_same_amount_is_its_return() -> None:
    back = credit(amount_cents=-1000, counterparty_iban="BE71096123456769")
    older, newer = booked(1000), booked(1000)
    decision = decide(back, DIRECTORY, statement_year=2026, booked=[older, newer])
    assert (decision.kind, decision.returns) == ("return", newer)


def test_other_debits() -> None:
    partial = credit(amount_cents=-400, counterparty_iban="BE71096123456769")
    assert decide(partial, DIRECTORY, statement_year=2026, booked=[booked(1000)]).code == (
        "queue.return"
    )
    costs = credit(amount_cents=-1250, free_text="beheerskosten")
    assert decide(costs, DIRECTORY, statement_year=2026, booked=[booked(1250)]).kind == "debit"


@given(st.text(max_size=60))
def test_years_named_are_program_years_only(text: str) -> None:
    for year in years_named(text, range(2026, 2029)):
        assert 2026 <= year <= 2028 and str(year) in text


@given(
    st.integers(1, ogm.MAX_CLUSTER_ID), st.lists(st.integers(1, ogm.MAX_COMPANY_ID), max_size=20)
)
def test_a_clusters_communications_are_the_derived_ones(cluster: int, companies: list[int]) -> None:
    found = ogm.communications(cluster, companies, range(2026, 2029))
    for digits, (company, year) in found.items():
        assert ogm_vcs.is_valid(digits)
        assert digits == ogm.derive(cluster_id=cluster, company_id=company, year=year)
