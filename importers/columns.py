"""Column accounting: every column of the header row, mapped (to which field, and why) or not.

A column the importer does not map is where a figure goes silently wrong: a members
sheet whose mandate column is headed "Handtekening" would import every member without
a mandate. So each unmapped column is looked at, by the words of its header and by its
first cells, for what it seems to hold (a date, a year, an amount, a member kind, a
region, a mandate, an enterprise number). When that could fill a field of this import
that no other column fills, the column blocks a commit until it is mapped or left out
with ``--map COLUMN=ignore``; any other extra column (notes, a contact person, an
invoice number) is listed as ignored and blocks nothing.

>>> [c.how for c in account(["KBO", "Opmerking", "Mandaat getekend op"], "members", [], {}, {})]
['synonym', '', 'words']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import islice

from importers import headers as hdr
from importers.cells import is_blank, looks_like, text
from importers.vocabulary import LOOK_WORDS, ORDINARY, YEAR_ENDINGS, normalise
from ledger.problems import Location, Problem

SAMPLE_ROWS = 200  # the first rows under the header tell what a column holds

# Which fields of each kind of import a column that looks like something could fill.
FILLS: dict[str, dict[str, tuple[str, ...]]] = {
    "members": {
        "date": ("joined", "left", "mandate"),
        "mandate": ("mandate",),
        "kind": ("kind",),
        "region": ("region",),
        "kbo": ("kbo",),
    },
    "contributions": {
        "date": ("paid_on",),
        "year": ("year",),
        "amount": ("amount",),
        "kbo": ("kbo",),
    },
    "costs": {"year": ("year",), "amount": ("amount",)},
    "projects": {
        "date": ("submitted", "decided", "start", "end"),
        "amount": ("budget", "aid_requested", "aid_granted"),
    },
    "project-partners": {"amount": ("budget", "aid"), "kbo": ("kbo",)},
}
LOOK_ORDER = ("mandate", "kbo", "year", "kind", "region", "amount", "date")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the header row and what became of it.

    ``how`` is ``synonym``, ``words``, ``map`` or ``saved`` for a mapped column (and for
    one the user left out: then ``field`` is None), ``ambiguous`` for a header two fields
    fit, ``taken`` for a second column of a field, and ``""`` for a header nothing fits.
    ``looks`` and ``example`` say what an unmapped column seems to hold and what shows it;
    ``fills`` are the fields of this import it could fill that no column fills.
    """

    index: int
    header: str
    field: str | None
    how: str
    candidates: tuple[str, ...] = ()
    looks: str | None = None
    example: str = ""
    fills: tuple[str, ...] = ()

    @property
    def letter(self) -> str:
        return hdr.column_letter(self.index)

    @property
    def blocking(self) -> bool:
        """Whether this column keeps the import out until the user says what it holds."""
        return self.how == "ambiguous" or bool(self.fills)

    @property
    def ignored_by_user(self) -> bool:
        return self.field is None and self.how in ("map", "saved")

    def as_data(self) -> dict[str, object]:
        """The column as the batch record keeps it: the field and why (``synonym``,
        ``words``, ``map``, ``saved``), or ``ignored`` and, when the user said so, by what."""
        data: dict[str, object] = {"column": self.letter, "header": self.header}
        if self.field is not None and self.how != "taken":
            data.update(field=self.field, how=self.how)
            return data
        data.update(field=None, how="ignored")
        if self.ignored_by_user:
            data["by"] = self.how
        elif self.how == "taken":
            data["same_as"] = self.field
        if self.looks:
            data["looks"] = self.looks
        return data


def account(
    headers: list[str],
    what: str,
    rows: list[tuple[int, list[object]]],
    given: dict[str, str],
    saved: dict[str, str],
) -> list[Column]:
    """Every non-empty header of the row, with what it maps to or seems to hold."""
    row = hdr.read_row(headers, what, given, saved)
    mapped = set(row.columns)
    sample = list(islice((cells for _, cells in rows), SAMPLE_ROWS))
    found: list[Column] = []
    for index, reading in enumerate(row.readings):
        if not normalise(reading.header):
            continue
        if reading.field is not None:
            how = reading.how if row.columns.get(reading.field) == index else "taken"
            found.append(Column(index, reading.header, reading.field, how, reading.fields))
            continue
        if reading.how in ("map", "saved"):
            found.append(Column(index, reading.header, None, reading.how))
            continue
        looks, example = _looks(
            reading.header, [c[index] if index < len(c) else None for c in sample]
        )
        fills: tuple[str, ...] = ()
        if reading.how == "ambiguous":
            fills = reading.fields
        elif looks is not None:
            fills = tuple(f for f in FILLS[what].get(looks, ()) if f not in mapped)
        found.append(
            Column(index, reading.header, None, reading.how, reading.fields, looks, example, fills)
        )
    return found


def _looks(header: str, cells: list[object]) -> tuple[str | None, str]:
    """What an unmapped column seems to hold, and the word or cell that shows it."""
    key = normalise(header)
    tokens = key.split()
    for look in LOOK_ORDER:
        words = LOOK_WORDS.get(look, frozenset())
        hit = next((t for t in tokens if t in words), None)
        if hit is None and look == "year":
            hit = next((t for t in tokens if t.endswith(YEAR_ENDINGS) and len(t) > 6), None)
        if hit is not None:
            return look, hit
    if any(_ordinary(key, word) for word in ORDINARY):
        return None, ""
    filled = [c for c in cells if not is_blank(c)]
    if not filled:
        return None, ""
    look = looks_like(filled)
    if look is None:
        return None, ""
    first = filled[0]
    return look, first.strftime("%d/%m/%Y") if isinstance(first, date) else text(first)


def _ordinary(key: str, word: str) -> bool:
    return key == word or key.startswith(word + " ") or f" {word}" in f" {key}"


def problems(columns: list[Column], file: str, sheet: str, row: int) -> list[Problem]:
    """The problem of each column that blocks the import, located at its header cell."""
    found = []
    for column in columns:
        if not column.blocking:
            continue
        place = Location(file, sheet, row, column.header)
        facts = {
            "header": column.header,
            "letter": column.letter,
            "example": column.example,
            "fields": " / ".join(column.fills),
            "field": column.fills[0],
            "choices": " / ".join(f"--map '{column.header}={f}'" for f in column.fills),
            "app_choices": " / ".join(f"{column.header}={f}" for f in column.fills),
        }
        code = "column.ambiguous" if column.how == "ambiguous" else f"column.looks.{column.looks}"
        found.append(Problem(code, facts, place))
    return found
