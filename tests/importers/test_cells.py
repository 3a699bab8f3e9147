"""Cells as the reader gives them, turned into ledger values or a clear refusal."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from importers import cells
from importers.reading import CellError, Uncalculated
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


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        (12345.669999999998, 1234567),  # =B2+C2 of 12345.00 and 0.67
        (0.1 + 0.2, 30),
        (sum([0.1] * 10), 100),
        (-1234.5600000000002, -123456),
    ],
)
def test_a_sums_binary_noise_is_the_cent_value(value: float, cents: int) -> None:
    assert cells.cents(value) == cents


@pytest.mark.parametrize("value", [12.345, 12.3451, 1234.567])
def test_a_typed_third_decimal_is_refused_not_rounded(value: float) -> None:
    with pytest.raises(InputError, match="more than two decimals"):
        cells.cents(value)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1.000,-", "1000.00"),
        ("€ 1.250,\u2013", "1250.00"),
        ("2.500,--", "2500.00"),
        ("75,-", "75.00"),
    ],
)
def test_whole_euros_written_with_a_dash(written: str, expected: str) -> None:
    assert cells.amount(written) == Decimal(expected)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("15 maart 2026", date(2026, 3, 15)),
        ("15 mrt. 2026", date(2026, 3, 15)),
        ("1er mars 2026", date(2026, 3, 1)),
        ("3 février 2026", date(2026, 2, 3)),
        ("31-Dec-2025", date(2025, 12, 31)),
        ("7 August 2026", date(2026, 8, 7)),
    ],
)
def test_dates_with_month_names_in_three_languages(written: str, expected: date) -> None:
    assert cells.day(written) == expected


def test_a_worded_date_that_does_not_exist_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        cells.day("31 februari 2026")
    assert caught.value.message == "date '31 februari 2026' does not exist"
    with pytest.raises(InputError) as caught:
        cells.day("15 brumaire 2026")
    assert caught.value.message == (
        "'15 brumaire 2026' is not a date; expected 2026-03-31 or 31/03/2026"
    )


@pytest.mark.parametrize(("written", "code"), [("9000 Gent", "9000"), ("B-2000 Antwerpen", "2000")])
def test_a_postcode_with_its_town(written: str, code: str) -> None:
    assert cells.postcode(written) == code


@pytest.mark.parametrize(
    ("written", "region"),
    [
        ("Région wallonne", Region.WALLONIA),
        ("Brussels Hoofdstedelijk Gewest", Region.BRUSSELS),
        ("Région de Bruxelles-Capitale", Region.BRUSSELS),
        ("Vlaams Gewest", Region.FLANDERS),
        ("Flemish Region", Region.FLANDERS),
    ],
)
def test_regions_in_full_in_three_languages(written: str, region: Region) -> None:
    assert cells.region(written) == region


def test_a_year_alone_in_a_date_cell_is_known() -> None:
    assert [cells.year_only(v) for v in (2019, 2019.0, "2019", " 2019 ", 19, "2019-01")] == [
        2019,
        2019,
        2019,
        2019,
        None,
        None,
    ]


def test_error_cells_and_formulas_never_calculated_say_what_they_are() -> None:
    with pytest.raises(InputError) as caught:
        cells.amount(Uncalculated.of("SUM(B2:B9)"))
    assert caught.value.message == (
        "the formula =SUM(B2:B9) was never calculated; open and save the file in Excel or "
        "LibreOffice"
    )
    assert caught.value.problem is not None and caught.value.problem.code == "cell.uncalculated"


@pytest.mark.parametrize(
    ("values", "look"),
    [
        ([date(2026, 1, 1), "15/03/2026", date(2025, 5, 5)], "date"),
        ([2025, 2026.0, "2026"], "year"),
        (["0403.170.701", 123456749, "BE0403170701"], "kbo"),
        (["KMO", "universiteit", "overheid"], "kind"),
        (["Vlaanderen", "Région wallonne", "Brussel"], "region"),
        (["Jan", "Piet", "An"], None),
        ([12, 45, 3], None),
    ],
)
def test_what_most_cells_of_a_column_are(values: list[object], look: str | None) -> None:
    assert cells.looks_like(values) == look
