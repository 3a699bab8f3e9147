"""The one catalogue of words: every message the faces show, in English and Dutch.

A problem or warning is a code and its facts (:mod:`ledger.problems`); the words are
chosen where it is shown. Each area keeps its texts in a module of its own here
(``problems`` for the ledger's checks), as ``{code: {"en": ..., "nl": ...}}``; a text
may have a hint per face, under ``"en#cli"`` or ``"nl#app"``, appended after "; ".

>>> say("year.locked", "en", year=2024, cluster="Demo")
"2024 of Demo is locked; reopen it with 'year reopen --reason' first"
>>> say("year.locked", "nl", face="app", year=2024, cluster="Demo")
'2024 van Demo is afgesloten; heropen het eerst op het scherm Jaren'
"""

from __future__ import annotations

from collections.abc import Mapping

from ledger.words import imports, names, payments, problems, projects

LANGUAGES = ("en", "nl")
FACES = ("cli", "app", "report")

CATALOGUE: dict[str, Mapping[str, str]] = {}
for _area in (problems.TEXTS, imports.TEXTS, names.TEXTS, payments.TEXTS, projects.TEXTS):
    _clash = set(CATALOGUE) & set(_area)
    if _clash:  # pragma: no cover - a programming error caught at import
        raise RuntimeError(f"codes worded twice in the catalogue: {sorted(_clash)}")
    CATALOGUE.update(_area)


def say(code: str, language: str = "en", /, *, face: str = "cli", **facts: object) -> str:
    """The words for ``code`` about ``facts`` in ``language``, as ``face`` shows them.

    A text missing in Dutch falls back to English rather than failing: a new code is
    worded in English first.

    Raises:
        KeyError: an unknown code: a bug in the caller, not a user's mistake.
    """
    texts = CATALOGUE[code]
    lang = language if language in texts else "en"
    text = texts[lang].format(**facts)
    hint = texts.get(f"{lang}#{face}")
    return f"{text}; {hint.format(**facts)}" if hint else text
