"""Column headers matched on meaning: which ledger field each accountant's column holds.

Accountants write ``Ondernemingsnummer``, ``KBO-nr.``, ``BTW nummer`` or ``Enterprise
number`` for the same thing, in any case, with accents, punctuation and units. A header
is normalised (lower case, no accents, punctuation or unit) and looked up in the
synonyms of each field; the user may add to that with ``--map COLUMN=FIELD``.

>>> normalise("Bedrag (EUR)"), normalise("Coördinatie-kosten in €")
('bedrag', 'coordinatie kosten')
>>> FIELDS["contributions"]["amount"].column
'Bedrag'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ledger.errors import InputError

WHATS = ("members", "contributions", "costs")


@dataclass(frozen=True, slots=True)
class Field:
    """A ledger field an import fills, the synonyms that name it, and whether it is needed."""

    name: str
    column: str  # the header to suggest in messages
    synonyms: tuple[str, ...]
    required: bool = True


_UNITS = re.compile(r"\b(in )?(eur|euro|euros|€)(?!\w)|€|\(.*?\)")


def normalise(header: object) -> str:
    """A header reduced to what it means: no case, accents, punctuation or unit."""
    text = "" if header is None else str(header)
    text = _UNITS.sub(" ", text.casefold())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def _field(name: str, column: str, *synonyms: str, required: bool = True) -> Field:
    return Field(name, column, tuple(normalise(s) for s in (column, *synonyms)), required)


_KBO = _field(
    "kbo",
    "Ondernemingsnummer",
    "ondernemingsnr",
    "kbo",
    "kbo nummer",
    "kbo nr",
    "kbonummer",
    "bce",
    "btw nummer",
    "btw nr",
    "btw",
    "btwnummer",
    "vat",
    "vat number",
    "enterprise number",
    "company number",
    "numero d entreprise",
)
_NAME = _field("name", "Naam", "bedrijf", "bedrijfsnaam", "company", "company name", "name", "lid")
_AMOUNT = _field(
    "amount",
    "Bedrag",
    "bijdrage",
    "lidgeld",
    "ledenbijdrage",
    "amount",
    "contribution",
    "montant",
    "betaald bedrag",
)
_YEAR = _field("year", "Jaar", "werkjaar", "boekjaar", "year", "programmajaar", "annee")
_YEAR_OPTIONAL = Field("year", _YEAR.column, _YEAR.synonyms, required=False)

FIELDS: dict[str, dict[str, Field]] = {
    "members": {
        f.name: f
        for f in (
            _KBO,
            _NAME,
            _field("postcode", "Postcode", "post code", "postal code", "zip", "code postal"),
            _field("kind", "Type", "soort", "kind", "categorie", "category", required=False),
            _field("joined", "Lid sinds", "member since", "joined", "toetreding", required=False),
            _field("left", "Uitgetreden op", "uitgetreden", "uittreding", "left", required=False),
            _field("mandate", "Mandaat", "mandaat op", "mandate", "mandaatdatum", required=False),
            _field("region", "Gewest", "regio", "region", required=False),
        )
    },
    "contributions": {
        f.name: f
        for f in (
            _KBO,
            _AMOUNT,
            _YEAR_OPTIONAL,
            _field(
                "paid_on",
                "Betaald op",
                "betaaldatum",
                "datum betaling",
                "date paid",
                "paid on",
                "payment date",
                "datum",
                "date",
                required=False,
            ),
            _field(
                "note",
                "Opmerking",
                "opmerkingen",
                "note",
                "notes",
                "omschrijving",
                "comment",
                required=False,
            ),
            Field("name", _NAME.column, _NAME.synonyms, required=False),
        )
    },
    # Not offered by ``import``: the demo's corrections sheet, read by importers.sample.
    "corrections": {
        f.name: f
        for f in (
            _YEAR,
            _KBO,
            _AMOUNT,
            _field("reason", "Reden", "reason", "omschrijving", "motivering"),
        )
    },
    "costs": {
        f.name: f
        for f in (
            _YEAR,
            _field(
                "amount",
                "Coördinatiekosten",
                "kosten",
                "coordinatie kosten",
                "coordination costs",
                "costs",
                "bedrag",
                "amount",
            ),
        )
    },
}


def lookup(what: str) -> dict[str, str]:
    """Normalised synonym -> field name for one kind of import."""
    return {s: f.name for f in FIELDS[what].values() for s in f.synonyms}


def parse_map(items: list[str]) -> dict[str, str]:
    """``--map COLUMN=FIELD`` options as {normalised column: field}.

    Raises:
        InputError: an item has no ``=`` (the field is checked once ``--what`` is known).
    """
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise InputError(
                f"{item!r} is not COLUMN=FIELD, such as 'Storting=amount'", location="--map"
            )
        mapping[normalise(column)] = field.strip().casefold()
    return mapping


def check_map(mapping: dict[str, str], what: str | None) -> None:
    """Raises InputError when ``--map`` names a field the import (of any kind) lacks."""
    kinds = (what,) if what else WHATS
    known = list(dict.fromkeys(name for k in kinds for name in FIELDS[k]))
    for field in mapping.values():
        if field != "ignore" and field not in known:
            kind = f"a {what} import" if what else "an import"
            raise InputError(
                f"unknown field {field!r} for {kind}; expected one of {', '.join(known)} "
                "(or ignore)",
                location="--map",
            )


def match(
    headers: list[str], what: str, extra: dict[str, str]
) -> tuple[dict[str, int], InputError | None]:
    """Field -> column index for one header row (``extra`` maps normalised headers first).

    Returns:
        The columns found (the first of two that mean the same field) and, when two do,
        the error that names both.
    """
    words = lookup(what)
    found: dict[str, int] = {}
    duplicate: InputError | None = None
    for index, header in enumerate(headers):
        key = normalise(header)
        if not key:
            continue
        field = extra.get(key) or words.get(key)
        if field is None or field == "ignore":
            continue
        if field in found:
            first = headers[found[field]]
            fix = (
                "rename one"
                if normalise(first) == key
                else f"rename one or leave it out with --map '{header}=ignore'"
            )
            duplicate = duplicate or InputError(
                f"columns {first!r} ({column_letter(found[field])}) and {header!r} "
                f"({column_letter(index)}) both mean {field}; {fix}"
            )
            continue
        found[field] = index
    return found, duplicate


def missing(found: dict[str, int], what: str) -> list[Field]:
    return [f for f in FIELDS[what].values() if f.required and f.name not in found]


def column_letter(index: int) -> str:
    """0 -> A, 27 -> AB: the letters a spreadsheet shows above a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
