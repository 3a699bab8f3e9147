from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.errors import InputError
from ledger.money import format_eur, format_plain, from_cents, parse_amount, to_cents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", "1234"),
        ("1234.56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("€ 1 234,56", "1234.56"),
        ("€\u00a01\u202f234,56", "1234.56"),
        ("1234.56 EUR", "1234.56"),
        ("EUR 12,5", "12.5"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567", "1234567"),
        ("0,01", "0.01"),
        ("-25,00", "-25.00"),
        ("(25,00)", "-25.00"),
    ],
)
def test_parse_amount_reads_belgian_and_english_forms(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1.234", "ambiguous"),
        ("1,234", "ambiguous"),
        ("12,345", "ambiguous"),
        ("1234,567", "more than two decimals"),
        ("1.234,567", "more than two decimals"),
        ("12.34.56", "not thousands"),
        ("abc", "not an amount"),
        ("", "not an amount"),
        ("€", "not an amount"),
        ("1,23,456.00", "mixes separators"),
        ("١٢٣", "not an amount"),
    ],
)
def test_parse_amount_refuses_what_it_would_have_to_guess(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        parse_amount(text)


def test_decimal_input_with_three_places_is_refused() -> None:
    with pytest.raises(InputError, match="more than two decimals"):
        parse_amount(Decimal("1.005"))


def test_to_cents_is_exact_and_refuses_fractions_of_a_cent() -> None:
    assert to_cents(Decimal("191871.35")) == 19187135
    with pytest.raises(InputError):
        to_cents(Decimal("0.001"))


def test_formats() -> None:
    assert format_plain(19187135) == "191871.35"
    assert format_plain(-5) == "-0.05"
    assert (
        format_eur(19187135) == "€\u00a0191.871,35"
    )  # a no-break space, as Belgian typography wants
    assert from_cents(100) == Decimal("1.00")


@given(st.integers(min_value=0, max_value=10**13))
def test_plain_format_round_trips(cents: int) -> None:
    assert to_cents(parse_amount(format_plain(cents))) == cents


@given(st.integers(min_value=0, max_value=10**13))
def test_belgian_format_round_trips(cents: int) -> None:
    assert to_cents(parse_amount(format_eur(cents))) == cents
