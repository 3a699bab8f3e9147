"""Cells as the reader gives them, turned into ledger values or a clear refusal."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from importers import cells
from importers.reading import CellError
from ledger.errors import InputError
from ledger.kinds import MemberKind
from ledger.regions import Region


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234, "1234"),
        (1234.5, "1234.5"),
        (2500.0, "2500"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("€ 1 234,56", "1234.56"),
        ("1234", "1234"),
        ("-50", "-50"),
    ],
)
def test_amounts_in_every_written_form(value: object, expected: str) -> None:
    assert cells.amount(value) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.234", "'1.234' is ambiguous"),
        (12.345, "'12.345' has more than two decimals"),
        (12.3451, "has more than two decimals"),
        ("veel", "'veel' is not an amount"),
        (None, "the cell is empty; expected an amount"),
        (True, "'True' is not an amount"),
        (CellError("#REF!"), "the cell holds the error #REF!; fix the formula"),
    ],
)
def test_bad_amounts_are_refused_never_guessed(value: object, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        cells.amount(value)


@pytest.mark.parametrize("value", [10**14, 10**14 * 1.0, "100000000000000"])
def test_cents_refuses_an_amount_beyond_the_bound_whatever_the_cell_type(value: object) -> None:
    message = "100000000000000 is too large for an amount; at most 10.000.000.000.000 euros"
    with pytest.raises(InputError) as caught:
        cells.cents(value)
    assert caught.value.message == message


@pytest.mark.parametrize(
    "value", ["0403.170.701", "BE0403170701", "0403 170 701", 403170701, 403170701.0]
)
def test_enterprise_numbers_in_every_form_including_a_lost_leading_zero(value: object) -> None:
    assert cells.kbo(value) == "0403170701"


def test_bad_enterprise_numbers() -> None:
    with pytest.raises(InputError, match="fails the mod-97 check"):
        cells.kbo("0403.170.702")
    with pytest.raises(InputError, match="the cell is empty"):
        cells.kbo("  ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 3, 31), date(2026, 3, 31)),
        (datetime(2026, 3, 31, 14, 5), date(2026, 3, 31)),
        ("31/03/2026", date(2026, 3, 31)),
        ("2026-03-31", date(2026, 3, 31)),
        (46112, date(2026, 3, 31)),  # an Excel serial number that lost its date format
        (None, None),
        ("", None),
    ],
)
def test_dates(value: object, expected: date | None) -> None:
    assert cells.day(value) == expected


def test_a_number_that_is_no_plausible_date_is_refused() -> None:
    with pytest.raises(InputError, match="'12' is not a date"):
        cells.day(12)


def test_years_kinds_postcodes_regions() -> None:
    assert cells.year(2026.0) == 2026
    with pytest.raises(InputError, match="'26' is not a year"):
        cells.year(26)
    assert cells.kind(None) is None
    assert cells.kind("Kennisinstelling") is MemberKind.KNOWLEDGE_INSTITUTION
    assert cells.postcode(9000.0) == "9000"
    assert cells.region("Vlaanderen") is Region.FLANDERS
    assert cells.region(None) is None


def test_error_cells_become_row_errors_in_every_parser() -> None:
    for parse in (cells.kbo, cells.day, cells.year, cells.postcode, cells.optional_text):
        with pytest.raises(InputError, match="holds the error #N/A"):
            parse(CellError("#N/A"))
