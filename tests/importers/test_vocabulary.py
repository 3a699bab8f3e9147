"""Every word of ``importers/vocabulary.toml``, one test each: headers, key words, endings,
qualifiers, months, regions, kinds and "not paid" marks mean what the file says.

The cases are generated from the file itself, so a synonym added there is tested here
without a line of code; the headers people really write (from the importer's issue) are
listed by hand below.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from importers import cells, headers
from importers.vocabulary import MEANINGS, QUALIFIERS, normalise
from ledger.kinds import MemberKind
from ledger.regions import Region

DATA = tomllib.loads((Path(headers.__file__).parent / "vocabulary.toml").read_text("utf-8"))
# Which import offers each meaning, under which field name.
OFFERED = {
    meaning: (what, name)
    for what, fields in headers.FIELDS.items()
    if what != "corrections"
    for name, field in fields.items()
    for meaning in [field.meaning.name]
}
OFFERED["reason"] = ("corrections", "reason")


def _cases(key: str) -> list[tuple[str, str]]:
    return [
        (meaning, entry) for meaning, data in DATA["fields"].items() for entry in data.get(key, [])
    ]


@pytest.mark.parametrize(("meaning", "header"), _cases("headers"), ids=lambda v: str(v))
def test_each_listed_header_means_its_field(meaning: str, header: str) -> None:
    what, field = OFFERED[meaning]
    reading = headers.read(header, what)
    assert (reading.field, reading.how) == (field, "synonym")


@pytest.mark.parametrize(("meaning", "words"), _cases("words"), ids=lambda v: str(v))
def test_each_key_word_with_qualifiers_means_its_field(meaning: str, words: str) -> None:
    what, field = OFFERED[meaning]
    others = [
        name
        for name, f in headers.FIELDS[what].items()
        if name != field and frozenset(normalise(words).split()) in f.meaning.words
    ]
    # The key words alone, and with qualifiers a person adds: a year, a unit, "van de leden"
    for header in (words, f"{words} 2026 (EUR)", f"Totaal {words} van de leden"):
        reading = headers.read(header, what)
        if others:  # the same words name another field too: the user is asked
            assert reading.fields == tuple(sorted([field, *others])), header
        elif reading.how == "synonym":  # the words alone may be a listed header too
            assert reading.field == field
        else:
            assert (reading.field, reading.how) == (field, "words"), header


@pytest.mark.parametrize(("meaning", "ending"), _cases("endings"), ids=lambda v: str(v))
def test_each_compound_ending_means_its_field(meaning: str, ending: str) -> None:
    what, field = OFFERED[meaning]
    assert headers.read(f"Klant{ending}", what).field == field


@pytest.mark.parametrize(("meaning", "word"), _cases("never"), ids=lambda v: str(v))
def test_each_excluded_word_rules_its_field_out(meaning: str, word: str) -> None:
    what, field = OFFERED[meaning]
    found = MEANINGS[meaning]
    first = next(iter(found.words[0]))
    assert headers.read(f"{first} {word}", what).field != field


@pytest.mark.parametrize("word", sorted(DATA["header"]["qualifiers"]))
def test_each_qualifier_leaves_the_meaning_alone(word: str) -> None:
    assert normalise(word) in QUALIFIERS
    reading = headers.read(f"Mandaat {word}", "members")
    assert reading.field == "mandate"


def test_no_listed_header_means_two_fields_of_one_import() -> None:
    for what, fields in headers.FIELDS.items():
        seen: dict[str, str] = {}
        for name, field in fields.items():
            for header in field.meaning.headers:
                assert seen.setdefault(header, name) == name, (what, header)


@pytest.mark.parametrize(
    ("written", "what", "field"),
    [
        # The headers that imported wrongly before: each must now find its field.
        ("Datum ondertekening mandaat", "members", "mandate"),
        ("Categorie lid", "members", "kind"),
        ("Start lidmaatschap", "members", "joined"),
        ("Stopgezet op", "members", "left"),
        ("Naam bedrijf", "members", "name"),
        ("Firmanaam", "members", "name"),
        ("Boekjaar", "contributions", "year"),
        ("Bijdragejaar", "contributions", "year"),
        ("Ondernemingsnummer (KBO)", "members", "kbo"),
        ("Bedrag 2026 incl. btw", "contributions", "amount"),
        ("KBO nr.", "contributions", "kbo"),
        ("Numéro d'entreprise", "contributions", "kbo"),
        ("Dénomination", "members", "name"),
        ("Montant", "contributions", "amount"),
        ("Date de paiement", "contributions", "paid_on"),
        ("Montant payé", "contributions", "amount"),
        ("Code postal", "members", "postcode"),
        ("Région", "members", "region"),
        ("Klantnaam", "members", "name"),
        ("Mandaat getekend op", "members", "mandate"),
        ("Type onderneming", "members", "kind"),
        ("Frais de coordination", "costs", "amount"),
        ("Année", "costs", "year"),
    ],
)
def test_headers_people_write_find_their_field(written: str, what: str, field: str) -> None:
    assert headers.read(written, what).field == field


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("Naam contactpersoon", "members"),  # a person's name, not the member's
        ("Voornaam", "members"),
        ("Factuurnummer", "contributions"),
        ("Opmerking bij bedrag", "contributions"),  # two fields' words: neither is sure
        ("BTW bedrag", "members"),
    ],
)
def test_headers_that_mean_no_field_of_the_import(written: str, what: str) -> None:
    assert headers.read(written, what).field is None


def test_two_fields_that_fit_equally_are_asked_about() -> None:
    reading = headers.read("Betaald", "contributions")
    assert (reading.field, reading.how, reading.fields) == (
        None,
        "ambiguous",
        ("amount", "paid_on"),
    )


@pytest.mark.parametrize(
    ("number", "word"),
    [(int(n), w) for n, words in DATA["cells"]["months"].items() for w in words],
)
def test_each_month_name_reads_in_a_date(number: int, word: str) -> None:
    assert cells.day(f"15 {word} 2026") == date(2026, number, 15)


@pytest.mark.parametrize(
    ("region", "word"),
    [(r, w) for r, words in DATA["cells"]["regions"].items() for w in words],
)
def test_each_region_name_reads(region: str, word: str) -> None:
    assert cells.region(word) == Region(region)


@pytest.mark.parametrize(
    ("kind", "word"), [(k, w) for k, words in DATA["cells"]["kinds"].items() for w in words]
)
def test_each_member_kind_word_reads(kind: str, word: str) -> None:
    assert cells.kind(word) == MemberKind(kind)


@pytest.mark.parametrize("mark", DATA["cells"]["not_paid"])
def test_each_not_paid_mark_means_not_paid(mark: str) -> None:
    assert cells.cents_or_not_paid(mark) is cells.NOT_PAID_YET


@pytest.mark.parametrize(
    ("label", "subtotal"),
    [(w, False) for w in DATA["totals"]["total"]] + [(w, True) for w in DATA["totals"]["subtotal"]],
)
def test_each_total_label_reads_as_a_total(label: str, subtotal: bool) -> None:
    from importers.table import total_label

    found = total_label([f"{label.capitalize()} 2026", None, 100.0])
    assert found is not None and found[0] is subtotal
