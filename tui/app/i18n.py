"""The app's words, from the one catalogue (:mod:`ledger.words`), in English or Dutch.

The language comes from ``--lang`` or, failing that, the system locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``): a coordinator whose machine speaks Dutch gets Dutch labels,
Dutch warnings and Dutch problems from the ledger (a problem carried by an error is
worded here, for the app, never with a command-line option in it).

>>> Labels("nl")("members")
'Leden'
>>> Labels("en")("rows", first=1, last=100, total=250)
'rows 1-100 of 250'
"""

from __future__ import annotations

from ledger.errors import LedgerError
from ledger.words import knows, say
from tui.language import LANGUAGES, detect_language

__all__ = ["LANGUAGES", "Labels", "detect_language", "refusal"]


def refusal(caught: BaseException) -> LedgerError | None:
    """What the app says for ``caught``: a user's mistake as it is, a failure of the machine
    (a full disk, a damaged ledger file) as :func:`ledger.failures.explain` words it, and
    None for a bug, which the app must not hide."""
    if isinstance(caught, LedgerError):
        return caught
    from ledger.failures import explain

    return explain(caught)


class Labels:
    """The app's words in one language, filled in with ``str.format`` fields."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r}; expected one of {', '.join(LANGUAGES)}")
        self.language = language

    def __call__(self, name: str, /, **fields: object) -> str:
        return say(f"app.{name}", self.language, face="app", **fields)

    def word(self, value: str) -> str:
        """A stored value (a member kind, a region) in this language; unknown ones as stored."""
        code = f"value.{value}"
        return say(code, self.language) if knows(code) else value

    def code(self, code: str, /, **facts: object) -> str:
        """Any code of the catalogue (a problem, a warning, an audit sentence), for the app."""
        return say(code, self.language, face="app", **facts)

    def field(self, name: str) -> str:
        """A field's name (``aid_granted``, ``aid granted``) in this language; as it is when
        the catalogue has no words for it."""
        code = f"field.{name.replace(' ', '_')}"
        return say(code, self.language) if knows(code) else name

    def error(self, error: LedgerError) -> str:
        """A refusal in the app's words: its problem when it carries one, else its message.

        The field it was found in is named in this language too. The ledger's older errors
        have English words only; those fall back to them.
        """
        problem = error.problem
        if problem is None or not knows(problem.code):
            return str(error)
        text = problem.text(self.language, face="app")
        where = problem.location.field if problem.location else None
        return f"{self.field(where)}: {text}" if where and not where.startswith("-") else text
