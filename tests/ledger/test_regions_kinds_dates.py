from datetime import date

import pytest

from ledger.dates import parse_date
from ledger.errors import InputError
from ledger.kinds import MemberKind, parse_kind
from ledger.regions import Region, normalise_postcode, parse_region, region_for_postcode


@pytest.mark.parametrize(
    ("postcode", "region"),
    [
        (1000, Region.BRUSSELS),
        (1299, Region.BRUSSELS),
        (1300, Region.WALLONIA),
        (1499, Region.WALLONIA),
        (1500, Region.FLANDERS),
        (3999, Region.FLANDERS),
        (4000, Region.WALLONIA),
        (7999, Region.WALLONIA),
        (8000, Region.FLANDERS),
        (9999, Region.FLANDERS),
        ("B-9000", Region.FLANDERS),
        ("2000.0", Region.FLANDERS),
    ],
)
def test_region_boundaries(postcode: str | int, region: Region) -> None:
    assert region_for_postcode(postcode) is region


@pytest.mark.parametrize("bad", ["999", "10000", "abcd", "", "٩٠٠٠"])
def test_bad_postcodes_are_refused(bad: str) -> None:
    with pytest.raises(InputError, match="not a Belgian postcode"):
        normalise_postcode(bad)


def test_region_names_in_three_languages() -> None:
    assert parse_region("Vlaanderen") is Region.FLANDERS
    assert parse_region("Bruxelles") is Region.BRUSSELS
    with pytest.raises(InputError, match="unknown"):
        parse_region("Atlantis")


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("onderneming", MemberKind.ENTERPRISE),
        ("Enterprise", MemberKind.ENTERPRISE),
        ("KMO", MemberKind.ENTERPRISE),
        ("kennisinstelling", MemberKind.KNOWLEDGE_INSTITUTION),
        ("knowledge_institution", MemberKind.KNOWLEDGE_INSTITUTION),
        ("Overheid", MemberKind.PUBLIC_BODY),
        ("andere", MemberKind.OTHER),
    ],
)
def test_kinds_in_dutch_and_english(word: str, kind: MemberKind) -> None:
    assert parse_kind(word) is kind


def test_unknown_kind_lists_the_choices() -> None:
    with pytest.raises(InputError, match="onderneming"):
        parse_kind("bakker")


def test_dates() -> None:
    assert parse_date("2026-03-31") == date(2026, 3, 31)
    assert parse_date("31/03/2026") == date(2026, 3, 31)
    assert parse_date("1.2.2026") == date(2026, 2, 1)
    with pytest.raises(InputError, match="does not exist"):
        parse_date("31/02/2026")
    with pytest.raises(InputError, match="not a date"):
        parse_date("03/31/26")
