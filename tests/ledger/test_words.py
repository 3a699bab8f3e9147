"""The one catalogue: every code worded in both languages, with the same facts in each."""

from __future__ import annotations

from string import Formatter

import pytest

from ledger.words import CATALOGUE, FACES, LANGUAGES, knows, say


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_languages_and_the_same_facts(code: str) -> None:
    texts = CATALOGUE[code]
    assert all(texts.get(lang, "").strip() for lang in LANGUAGES), code
    # Dutch may leave a fact unsaid where the grammar makes it plain; it never names one
    # the English lacks (a typo in a field name would fail at the first Dutch user).
    assert _fields(texts["nl"]) <= _fields(texts["en"]), code
    for key in texts:
        if "#" in key:
            lang, face = key.split("#")
            assert lang in LANGUAGES and face in FACES, key
            assert f"{'nl' if lang == 'en' else 'en'}#{face}" in texts, key


def test_the_faces_word_one_problem_each_their_way() -> None:
    cli = say("year.locked", "en", year=2024, cluster="Demo")
    app = say("year.locked", "nl", face="app", year=2024, cluster="Demo")
    assert cli == "2024 of Demo is locked; reopen it with 'year reopen --reason' first"
    assert app == "2024 van Demo is afgesloten; heropen het eerst op het scherm Jaren"
    assert "--" not in app


def test_no_app_text_names_a_command_line_option() -> None:
    for code, texts in CATALOGUE.items():
        if code.startswith("app."):
            for lang in LANGUAGES:
                assert "--" not in texts[lang], (code, texts[lang])
                assert "cluster-ledger" not in texts[lang], (code, texts[lang])
        for lang in LANGUAGES:
            assert "--" not in texts.get(f"{lang}#app", ""), code


def test_an_unknown_code_is_known_to_be_unknown() -> None:
    assert knows("app.members")
    assert not knows("app.no-such-label")
