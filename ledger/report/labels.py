"""The words a report speaks: Dutch by default, English on request.

The workbook's layout and formulas never depend on the language; only the text
people read does. The texts live in the one catalogue (:mod:`ledger.words.report`);
a missing translation is a bug caught by the tests, which check that every code has
both languages.

>>> labels("en")["sheet_members"], labels("nl")["sheet_members"]
('Members', 'Leden')
"""

from __future__ import annotations

from ledger.problems import Problem
from ledger.words import report as _report
from ledger.words import say

LANGUAGES = ("nl", "en")


class Labels:
    """One language's catalogue: ``labels["sheet_members"]``, or ``labels.text("key", n=1)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return say(f"report.{key}", self.lang, face="report")

    def text(self, key: str, **values: object) -> str:
        return say(f"report.{key}", self.lang, face="report", **values)


def labels(lang: str) -> Labels:
    """The catalogue for ``lang``.

    Raises:
        InputError: not a language reports are written in.
    """
    if lang not in LANGUAGES:
        facts = {"lang": lang, "expected": ", ".join(LANGUAGES)}
        raise Problem("report_language.unknown", facts).error()
    return Labels(lang)


def catalogue_keys() -> list[str]:
    return list(_report.TEXTS)
