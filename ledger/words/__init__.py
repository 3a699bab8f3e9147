"""The one catalogue of words: every message the faces show, in English and Dutch.

A problem or warning is a code and its facts (:mod:`ledger.problems`); the words are chosen
where it is shown. Each area keeps its texts in a module of its own here, as ``{code: {"en":
..., "nl": ...}}``: ``problems`` for the ledger's checks, ``warnings`` for the matching
rule's, ``report`` for the annual workbook, ``app`` (with ``app_forms``, ``app_import`` and
``app_payments``) for the terminal app, ``parsing`` for a value that cannot be read,
``payments`` for bank statements, ``project_terms`` for a project's type, status, role or
country that cannot be read, ``report_check`` for ``verify-report``, ``fields`` for the
names of form fields, ``audit`` for the audit trail told as sentences, ``values`` for stored
values (a member kind, a region), ``names``, ``fees`` and ``tables`` for the problems of
names, expected fees and writing files, ``failures`` for a full disk or a damaged file,
``lookups`` for a name not known, a text a field refuses and a setting that is wrong. A text
may name a field with ``{what:field}``, worded from ``field.…`` in its language (a check
gives the field's English code). It may have a hint per face, under ``"en#cli"`` or
``"nl#app"``, appended after "; ": the command line names a command, the app a screen or a
key.

Codes are unique over the whole catalogue; areas whose keys are short words get a
prefix (``app.members``, ``report.sheet_members``, ``value.flanders``).

>>> say("year.locked", "en", year=2024, cluster="Demo")
"2024 of Demo is locked; reopen it with 'year reopen --reason' first"
>>> say("year.locked", "nl", face="app", year=2024, cluster="Demo")
'2024 van Demo is afgesloten; heropen het eerst op het scherm Jaren'
>>> say("app.members", "nl")
'Leden'
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from ledger.words import (
    app,
    app_forms,
    app_import,
    app_payments,
    app_projects,
    audit,
    failures,
    fees,
    fields,
    imports,
    lookups,
    names,
    parsing,
    payments,
    problems,
    project_terms,
    projects,
    report,
    report_check,
    tables,
    values,
    warnings,
)

LANGUAGES = ("en", "nl")
FACES = ("cli", "app", "report")

# (prefix, texts): each area's codes as the catalogue knows them.
AREAS: tuple[tuple[str, Mapping[str, Mapping[str, str]]], ...] = (
    ("", problems.TEXTS),
    ("", failures.TEXTS),
    ("", fees.TEXTS),
    ("", fields.TEXTS),
    ("", imports.TEXTS),
    ("", lookups.TEXTS),
    ("", names.TEXTS),
    ("", parsing.TEXTS),
    ("", payments.TEXTS),
    ("", projects.TEXTS),
    ("", project_terms.TEXTS),
    ("", report_check.TEXTS),
    ("", tables.TEXTS),
    ("", warnings.TEXTS),
    ("value.", values.TEXTS),
    ("report.", report.TEXTS),
    ("app.", app.TEXTS),
    ("app.", app_forms.TEXTS),
    ("app.", app_import.TEXTS),
    ("app.", app_payments.TEXTS),
    ("app.", app_projects.TEXTS),
    ("audit.", audit.TEXTS),
)

CATALOGUE: dict[str, Mapping[str, str]] = {}
for _prefix, _area in AREAS:
    _codes = {f"{_prefix}{code}": texts for code, texts in _area.items()}
    _clash = set(CATALOGUE) & set(_codes)
    if _clash:  # pragma: no cover - a programming error caught at import
        raise RuntimeError(f"codes worded twice in the catalogue: {sorted(_clash)}")
    CATALOGUE.update(_codes)


def say(code: str, language: str = "en", /, *, face: str = "cli", **facts: object) -> str:
    """The words for ``code`` about ``facts`` in ``language``, as ``face`` shows them.

    A text missing in Dutch falls back to English rather than failing: a new code is
    worded in English first.

    Raises:
        KeyError: an unknown code: a bug in the caller, not a user's mistake.
    """
    texts = CATALOGUE[code]
    lang = language if language in texts else "en"
    text = _filled(texts[lang], lang, facts) if facts else texts[lang]
    hint = texts.get(f"{lang}#{face}")
    return f"{text}; {_filled(hint, lang, facts)}" if hint else text


class _Words(string.Formatter):
    """``str.format`` that also words a fact marked ``{what:field}``: a field's name, which
    a check gives as its English code, in the text's language (``mandate`` is ``mandaat``)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec != "field":
            return str(super().format_field(value, format_spec))
        code = f"field.{str(value).replace(' ', '_')}"
        return say(code, self.language) if code in CATALOGUE else str(value)


def _filled(text: str, language: str, facts: Mapping[str, object]) -> str:
    # Only a text that names a field pays for the slower formatter.
    return _Words(language).format(text, **facts) if ":field}" in text else text.format(**facts)


def knows(code: str) -> bool:
    """Whether the catalogue has words for ``code`` (a face falls back to a default if not)."""
    return code in CATALOGUE
