"""Problems as data: a stable code, the facts it is about, and where it was found.

The ledger's checks (:mod:`ledger.checks`) and the importers return problems instead of
raising words: a face (the command line, the app, a report) puts a problem into words
in its user's language from one catalogue (:mod:`ledger.words`), and a program reads the
code. A write that finds a problem raises it as a :class:`~ledger.errors.LedgerError`
whose English text is the catalogue's, so a user never sees two wordings of one fact.

>>> p = Problem("amount.negative", {"what": "amount", "amount": "-5.00"}, Location(field="--amount"))
>>> p.text()
"the amount -5.00 is negative; correct an entry with 'contribution reverse' instead"
>>> str(p.error())
"--amount: the amount -5.00 is negative; correct an entry with 'contribution reverse' instead"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from ledger import errors

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Location:
    """Where a problem was found: a cell of a file, or a field of a form or command.

    Every part is optional; :meth:`__str__` joins the parts that are there the way the
    command line has always printed them (``file: sheet 'S': row 7, column 'Bedrag'``).
    """

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None  # a command-line option or form field: "--kbo", "amount"

    def __bool__(self) -> bool:
        return any(
            v is not None for v in (self.file, self.sheet, self.row, self.column, self.field)
        )

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file)
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        cell = []
        if self.row is not None:
            cell.append(f"row {self.row}")
        if self.column is not None:
            cell.append(f"column {self.column!r}")
        if cell:
            parts.append(", ".join(cell))
        if self.field is not None and self.column is None:
            parts.append(self.field)
        return ": ".join(parts)


NOWHERE = Location()

# Which error a problem raises as, by the first part of its code: callers (and tests)
# catch a locked year apart from a typing error.
_ERRORS: dict[str, type[errors.LedgerError]] = {
    "locked": errors.LockedYearError,
    "notfound": errors.NotFoundError,
    "conflict": errors.ConflictError,
    "rules": errors.RuleSetError,
    "database": errors.DatabaseError,
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a word) with an input, as data.

    Args:
        code: stable, dotted, for programs and the catalogue (``year.locked``).
        facts: the values the words are made of, already as text where a format matters
            (amounts in euro form, enterprise numbers dotted).
        location: where it was found.
        severity: ``error`` blocks a write; a ``warning`` or ``note`` is shown beside it.
        kind: which :class:`~ledger.errors.LedgerError` it raises as: ``input`` (the
            default), ``locked``, ``notfound``, ``conflict``, ``rules`` or ``database``.
    """

    code: str
    facts: Mapping[str, object] = field(default_factory=dict)
    location: Location = NOWHERE
    severity: Severity = "error"
    kind: str = "input"

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", MappingProxyType(dict(self.facts)))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.facts.items(), key=str)), self.location))

    def text(self, language: str = "en", *, face: str = "cli") -> str:
        """The problem in words, without its location (see :func:`ledger.words.say`)."""
        from ledger.words import say

        return say(self.code, language, face=face, **self.facts)

    def at(self, location: Location) -> Problem:
        """The same problem found elsewhere (a check knows the field, its caller the row)."""
        return Problem(self.code, self.facts, location, self.severity, self.kind)

    def error(self) -> errors.LedgerError:
        """The error a write raises for this problem, worded in English."""
        cls = _ERRORS.get(self.kind, errors.InputError)
        return cls(self.text("en"), location=str(self.location) or None, problem=self)


def first_error(problems: Iterable[Problem]) -> None:
    """Raise the first problem of severity ``error``, if any: what a write does with a check."""
    for problem in problems:
        if problem.severity == "error":
            raise problem.error()
