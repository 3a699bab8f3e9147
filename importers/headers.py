"""Column headers read for their meaning: which ledger field each accountant's column holds.

Accountants write ``Ondernemingsnummer``, ``KBO-nr.``, ``BTW nummer`` or ``Numéro
d'entreprise`` for the same thing, and add words of their own: ``Datum ondertekening
mandaat``, ``Bedrag 2026 incl. btw``, ``Categorie lid``. A header is normalised (no case,
accents, punctuation, unit or brackets) and read in this order:

1. ``--map COLUMN=FIELD`` given now, then a mapping saved by an earlier import of a file
   with the same headers (either may say ``ignore``);
2. a whole header listed for a field ("synonym");
3. its words: a field's key words (``mandaat``), or a Dutch compound ending in one
   (``firmanaam``, ``boekjaar``), with nothing else beside them but qualifiers (units,
   a year, ``datum``, ``getekend``, ``nr.``, ``incl. btw``) or other key words of the same
   field. The field whose key words cover the most of the header wins; when two fields
   fit equally, the column is ambiguous and the user is asked.

The words are data, in ``vocabulary.toml``.

>>> read("Datum ondertekening mandaat", "members").field
'mandate'
>>> read("Betaald", "contributions").fields
('amount', 'paid_on')
"""

from __future__ import annotations

from dataclasses import dataclass

from importers.vocabulary import MEANINGS, QUALIFIERS, Meaning, normalise
from ledger.errors import InputError
from ledger.problems import Location, Problem

__all__ = ["normalise"]

WHATS = ("members", "contributions", "costs")
# A spearhead cluster's project list and partner list: imported when asked for
# (``--what``), never guessed, so a members or contributions file reads as it always did.
ASKED_ONLY = ("projects", "project-partners")


@dataclass(frozen=True, slots=True)
class Field:
    """A ledger field an import fills, what it is called, and whether it is needed."""

    name: str
    meaning: Meaning
    required: bool = True

    @property
    def column(self) -> str:
        """The header to suggest in messages."""
        return self.meaning.column


def _fields(*items: tuple[str, str, bool]) -> dict[str, Field]:
    return {name: Field(name, MEANINGS[meaning], required) for name, meaning, required in items}


FIELDS: dict[str, dict[str, Field]] = {
    "members": _fields(
        ("kbo", "kbo", True),
        ("name", "name", True),
        ("postcode", "postcode", True),
        ("kind", "kind", False),
        ("joined", "joined", False),
        ("left", "left", False),
        ("mandate", "mandate", False),
        ("region", "region", False),
    ),
    "contributions": _fields(
        ("kbo", "kbo", True),
        ("amount", "amount", True),
        ("year", "year", False),
        ("paid_on", "paid_on", False),
        ("note", "note", False),
        ("name", "name", False),
    ),
    # Not offered by ``import``: the demo's corrections sheet, read by importers.sample.
    "corrections": _fields(
        ("year", "year", True),
        ("kbo", "kbo", True),
        ("amount", "amount", True),
        ("reason", "reason", True),
    ),
    "costs": _fields(("year", "year", True), ("amount", "costs", True)),
    "projects": _fields(
        ("type", "project_type", True),
        ("title", "title", True),
        ("acronym", "acronym", False),
        ("theme", "theme", False),
        ("status", "project_status", False),
        ("submitted", "submitted", False),
        ("decided", "decided", False),
        ("start", "start", False),
        ("end", "end", False),
        ("budget", "budget", False),
        ("aid_requested", "aid_requested", False),
        ("aid_granted", "aid_granted", False),
    ),
    "project-partners": _fields(
        ("project", "project", True),
        ("role", "role", True),
        ("kbo", "kbo", False),
        ("name", "partner_name", False),
        ("country", "country", False),
        ("budget", "budget", False),
        ("aid", "aid_share", False),
    ),
}


@dataclass(frozen=True, slots=True)
class Reading:
    """What one header means to one kind of import.

    ``field`` is set when exactly one field fits; ``fields`` holds every field that fits
    as well as the best (two or more: the column is ambiguous); ``how`` says why:
    ``map``, ``saved``, ``synonym`` or ``words``, or ``""`` when nothing fits.
    """

    header: str
    field: str | None
    how: str
    fields: tuple[str, ...] = ()


def _tokens_fit(tokens: list[str], group: frozenset[str], endings: tuple[str, ...]) -> set[str]:
    """The tokens that spell ``group`` (a token may be a compound ending in a group word)."""
    used: set[str] = set()
    for word in group:
        hit = next((t for t in tokens if t == word), None)
        if hit is None and word in endings:
            hit = next((t for t in tokens if len(t) > len(word) + 2 and t.endswith(word)), None)
        if hit is None:
            return set()
        used.add(hit)
    return used


def _score(tokens: list[str], meaning: Meaning) -> int:
    """How many of the header's words a field's key words account for (0: it does not fit)."""
    if any(t in meaning.never for t in tokens):
        return 0
    own = meaning.word_set()
    groups = list(meaning.words) + [frozenset([e]) for e in meaning.endings]
    best = 0
    for group in groups:
        used = _tokens_fit(tokens, group, meaning.endings)
        if not used:
            continue
        rest = [t for t in tokens if t not in used]
        if all(t in QUALIFIERS or t in own or t.isdigit() for t in rest):
            best = max(best, len(used) + sum(t in own for t in rest))
    return best


def read(header: object, what: str, given: dict[str, str] | None = None) -> Reading:
    """What ``header`` means to an import of ``what``; ``given`` maps normalised headers
    (``--map`` or a saved mapping) and wins over the words."""
    text = "" if header is None else str(header)
    key = normalise(text)
    if not key:
        return Reading(text, None, "")
    if given and key in given:
        field = given[key]
        return Reading(text, None if field == "ignore" else field, "map")
    fields = FIELDS[what]
    exact = [name for name, f in fields.items() if key in f.meaning.headers]
    if exact:
        return Reading(text, exact[0], "synonym") if len(exact) == 1 else _ambiguous(text, exact)
    tokens = key.split()
    scores = {name: _score(tokens, f.meaning) for name, f in fields.items()}
    best = max(scores.values(), default=0)
    if best == 0:
        return Reading(text, None, "")
    winners = [name for name, score in scores.items() if score == best]
    return Reading(text, winners[0], "words") if len(winners) == 1 else _ambiguous(text, winners)


def _ambiguous(header: str, fields: list[str]) -> Reading:
    return Reading(header, None, "ambiguous", tuple(sorted(fields)))


@dataclass(slots=True)
class HeaderRow:
    """A header row read for one kind of import: each column's reading, the columns found
    (field -> index, the first of two that mean one field), and the first such clash."""

    readings: list[Reading]
    columns: dict[str, int]
    duplicate: Problem | None


def read_row(
    headers: list[str], what: str, given: dict[str, str], saved: dict[str, str]
) -> HeaderRow:
    """Read every header of a row; ``given`` (``--map``) wins over ``saved``.

    A reading that comes from ``saved`` says ``saved`` rather than ``map``.
    """
    mapping = {**saved, **given}
    readings: list[Reading] = []
    columns: dict[str, int] = {}
    duplicate: Problem | None = None
    for index, header in enumerate(headers):
        reading = read(header, what, mapping)
        key = normalise(header)
        if reading.how == "map" and key not in given:
            reading = Reading(reading.header, reading.field, "saved")
        readings.append(reading)
        field = reading.field
        if field is None:
            continue
        if field in columns:
            first = headers[columns[field]]
            same = normalise(first) == key
            duplicate = duplicate or Problem(
                "column.same_header" if same else "column.duplicate",
                {
                    "first": first,
                    "first_letter": column_letter(columns[field]),
                    "header": header,
                    "letter": column_letter(index),
                    "field": field,
                },
            )
            continue
        columns[field] = index
    return HeaderRow(readings, columns, duplicate)


def match(
    headers: list[str], what: str, extra: dict[str, str]
) -> tuple[dict[str, int], InputError | None]:
    """Field -> column index for one header row (``extra`` maps normalised headers first),
    and the error naming two columns that mean one field, if any."""
    row = read_row(headers, what, extra, {})
    return row.columns, row.duplicate.error() if row.duplicate else None


def missing(row: HeaderRow, what: str) -> list[Field]:
    """Required fields that no column holds, not even as one of an ambiguous column's."""
    maybe = {name for r in row.readings for name in r.fields}
    return [
        f
        for f in FIELDS[what].values()
        if f.required and f.name not in row.columns and f.name not in maybe
    ]


def parse_map(items: list[str]) -> dict[str, str]:
    """``--map COLUMN=FIELD`` options as {normalised column: field}.

    Raises:
        InputError: an item has no ``=`` (the field is checked once ``--what`` is known).
    """
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise Problem("map.syntax", {"item": item}, Location(field="--map")).error()
        mapping[normalise(column)] = field.strip().casefold()
    return mapping


def check_map(mapping: dict[str, str], what: str | None) -> None:
    """Raises InputError when ``--map`` names a field the import (of any kind) lacks."""
    kinds = (what,) if what else WHATS
    known = list(dict.fromkeys(name for k in kinds for name in FIELDS[k]))
    for field in mapping.values():
        if field != "ignore" and field not in known:
            code = "map.unknown_field_of" if what else "map.unknown_field"
            facts = {"field": field, "what": what or "", "known": ", ".join(known)}
            raise Problem(code, facts, Location(field="--map")).error()


def column_letter(index: int) -> str:
    """0 -> A, 27 -> AB: the letters a spreadsheet shows above a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
