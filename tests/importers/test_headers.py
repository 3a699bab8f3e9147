"""Headers matched on meaning: Dutch and English, any case, accents, punctuation and units."""

from __future__ import annotations

import pytest

from importers import headers
from ledger.errors import InputError


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("Ondernemingsnummer", "kbo"),
        ("KBO-nummer", "kbo"),
        ("BTW nr.", "kbo"),
        ("Enterprise number", "kbo"),
        ("BEDRAG (EUR)", "amount"),
        ("Bijdrage in €", "amount"),
        ("Amount in EUR", "amount"),
        ("Betaald op", "paid_on"),
        ("betaaldatum", "paid_on"),
        ("Date paid", "paid_on"),
        ("Werkjaar", "year"),
        ("Naam", "name"),
    ],
)
def test_contribution_headers_mean_their_field(written: str, field: str) -> None:
    found, duplicate = headers.match([written], "contributions", {})
    assert (found, duplicate) == ({field: 0}, None)


@pytest.mark.parametrize(
    ("written", "field"),
    [("Post-code", "postcode"), ("Soort", "kind"), ("Mandaat", "mandate"), ("Lid sinds", "joined")],
)
def test_member_headers_mean_their_field(written: str, field: str) -> None:
    assert headers.match([written], "members", {})[0] == {field: 0}


def test_normalise_drops_case_accents_punctuation_and_units() -> None:
    assert headers.normalise("  Coördinatie-KOSTEN (EUR) ") == "coordinatie kosten"
    assert headers.normalise("Eurofins") == "eurofins"  # a word that starts with "eur" stays
    assert headers.normalise(None) == ""


def test_two_columns_with_one_meaning_are_named() -> None:
    found, duplicate = headers.match(["Bedrag", "Naam", "Bijdrage"], "contributions", {})
    assert found == {"amount": 0, "name": 1}
    assert duplicate is not None
    assert duplicate.message == (
        "columns 'Bedrag' (A) and 'Bijdrage' (C) both mean amount; rename one or leave it out "
        "with --map 'Bijdrage=ignore'"
    )


def test_map_options_come_first_and_can_ignore_a_column() -> None:
    extra = headers.parse_map(["Storting = amount", "Bijdrage=ignore"])
    assert extra == {"storting": "amount", "bijdrage": "ignore"}
    found, duplicate = headers.match(["Storting", "Bijdrage", "KBO"], "contributions", extra)
    assert (found, duplicate) == ({"amount": 0, "kbo": 2}, None)


def test_a_map_option_without_equals_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        headers.parse_map(["Storting"])
    assert str(caught.value) == "--map: 'Storting' is not COLUMN=FIELD, such as 'Storting=amount'"


def test_a_map_field_of_another_kind_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        headers.check_map({"lid": "postcode"}, "costs")
    assert caught.value.message == (
        "unknown field 'postcode' for a costs import; expected one of year, amount (or ignore)"
    )


def test_column_letters() -> None:
    assert [headers.column_letter(i) for i in (0, 25, 26, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "ZZ",
        "AAA",
    ]
