import pytest

from ledger.errors import InputError
from ledger.identifiers import format_number, is_valid, validate


@pytest.mark.parametrize(
    "written",
    ["0403.170.701", "BE0403170701", "be 0403 170 701", "403170701", "0403-170-701", 403170701],
)
def test_every_written_form_normalises(written: str | int) -> None:
    assert validate(written) == "0403170701"


def test_numbers_issued_since_2023_start_with_one() -> None:
    # 10000000 mod 97 = 76, so the check digits are 97 - 76 = 21.
    assert validate("1000.000.021") == "1000000021"


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("0403.170.702", "fails the mod-97 check"),
        ("12345", "has 5 digits; expected 10"),
        ("2403170701", "start with 0 or 1"),
        ("04O3170701", "is not a number"),
        ("", "is not a number"),
    ],
)
def test_message_says_which_check_failed(written: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        validate(written)


def test_format_and_is_valid() -> None:
    assert format_number("403170701") == "0403.170.701"
    assert is_valid("BE0403170701")
    assert not is_valid("0403170702")
