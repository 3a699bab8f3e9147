"""Names: stored NFC, compared without case and invisible characters, look-alikes found
(pure functions, with a property test of the keys)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ledger.names import (
    comparison_key,
    lookalike_key,
    lookalike_of,
    name_problems,
    normalise,
)

EXISTING = "Circulaire Kunststoffen"


def test_nfc_and_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Coördinatie Vlaanderen")
    assert decomposed != "Coördinatie Vlaanderen"
    assert normalise(decomposed) == "Coördinatie Vlaanderen"
    assert normalise("  Alfa\u00a0\u202f NV\u3000") == "Alfa NV"


def test_each_look_alike_of_the_issue_collides_with_the_existing_name() -> None:
    variants = [
        "Circulaire\u00a0Kunststoffen",  # no-break space
        "Circulaire Kunst\u200bstoffen",  # zero-width space
        "circulaire KUNSTSTOFFEN",  # case
        unicodedata.normalize("NFD", "Circulaire Kunststoffen"),  # NFD (nothing to decompose)
        "\u0421ircul\u0430ire Kunststoffen",  # Cyrillic Es and a
        "Circulaire Kunst\u0455toffen",  # Cyrillic dze
        "Circulaire Kunststoff\u03b5n",  # Greek epsilon
    ]
    for name in variants:
        problem = lookalike_of(name, ["Other", EXISTING])
        assert problem is not None, name
        assert problem.code == "name.lookalike" and problem.facts["existing"] == EXISTING
        assert problem.text() == (
            f"{name!r} looks the same as the existing {EXISTING!r}; use that one, or choose a "
            "name that reads differently"
        )
    assert lookalike_of("Circulaire Kunststoffen West", [EXISTING]) is None


def test_accents_composed_or_not_compare_equal() -> None:
    assert comparison_key("Cafe\u0301") == comparison_key("Café")
    assert comparison_key("Café") != comparison_key("Cafe")


def test_invisible_and_bidi_characters_are_refused_with_their_place() -> None:
    (problem,) = name_problems("Alfa\u200bNV", field="--name")
    assert problem.code == "name.invisible"
    assert problem.text() == (
        "the name holds the invisible character U+200B (zero width space) at position 5; remove it"
    )
    (bidi,) = name_problems("Beta\u202eVN")
    assert bidi.code == "name.bidi" and bidi.facts["char"] == "U+202E"
    assert name_problems("Beta NV") == []


@given(st.text(max_size=30))
def test_keys_are_idempotent_and_ignore_what_they_promise(name: str) -> None:
    key = comparison_key(name)
    assert comparison_key(key) == key
    assert comparison_key(name.upper()) == comparison_key(name.lower()) or any(
        len(ch.upper()) != 1 or len(ch.lower()) != 1 for ch in name
    )
    assert comparison_key("\u200b".join(name)) == key
    assert lookalike_key(name) == lookalike_key(normalise(name))


def test_a_cluster_is_found_by_its_normalised_name(ledger) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from ledger import operations, queries
    from ledger.errors import InputError
    from ledger.storage.tables import Cluster

    with ledger.write() as tx:
        operations.add_cluster(tx, name=EXISTING, rule_set_id="ibn-2026", start_year=2026)
    with ledger.read() as session:
        for typed in ("circulaire\u00a0kunststoffen", "CIRCULAIRE KUNST\u200bSTOFFEN "):
            assert queries.get_cluster(typed, session=session).name == EXISTING
    with ledger.write() as tx:  # a look-alike written before the check existed
        tx.session.add(
            Cluster(name="Circulaire  KUNSTSTOFFEN", rule_set="ibn-2026", start_year=2026)
        )
    with ledger.read() as session, pytest.raises(InputError) as refused:
        queries.get_cluster("circulaire kunststoffen", session=session)
    assert str(refused.value) == (
        "'circulaire kunststoffen' matches several clusters ('Circulaire Kunststoffen', "
        "'Circulaire  KUNSTSTOFFEN') once case and invisible characters are ignored; type the "
        "name exactly as listed"
    )
