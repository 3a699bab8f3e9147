"""A plan in words, for both faces: what became of each column and of the rows.

The command line prints these in English; the app shows them in its language. The
words are the catalogue's (:mod:`ledger.words.imports`).

>>> from importers.columns import Column
>>> describe(Column(0, "KBO", "kbo", "synonym"), [])
'kbo (a synonym)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from importers.columns import FILLS, LOOK_ORDER, Column
from importers.plan import Plan
from ledger.words import CATALOGUE, knows, say

_FATES = (
    "unchanged",
    "conflicting",
    "invalid",
    "not_paid",
    "duplicate",
    "total",
    "remark",
    "blank",
)


def describe(column: Column, columns: list[Column], language: str = "en", face: str = "cli") -> str:
    """What became of a column, in words: ``kbo (a synonym)``, ``ignored``, ``NOT MAPPED...``."""

    def word(code: str, **facts: object) -> str:
        return say(code, language, face=face, **facts)

    if column.field is not None and column.how != "taken":
        how = f"map.{face}" if column.how == "map" else column.how
        return word(f"import.how.{how}", field=column.field)
    if column.how == "taken":
        other = next(c.letter for c in columns if c.field == column.field and c.how != "taken")
        return word("import.ignored.taken", field=column.field, other=other)
    if column.how in ("map", "saved"):
        return word(f"import.ignored.map.{face}" if column.how == "map" else "import.ignored.saved")
    if column.how == "ambiguous":
        return word("import.blocks.ambiguous", fields=" / ".join(column.candidates))
    if column.looks is None:
        return word("import.ignored")
    look = word(f"import.look.{column.looks}")
    if column.fills:
        return word("import.blocks", look=look)
    filled = [c for c in columns if c.field in FILLS_ANY.get(column.looks, ())]
    if filled:
        return word("import.ignored.looks", look=look, other=filled[0].letter)
    return word("import.ignored.looks_free", look=look)


FILLS_ANY: dict[str, tuple[str, ...]] = {
    look: tuple({f for kind in FILLS.values() for f in kind.get(look, ())}) for look in LOOK_ORDER
}


def rows_text(
    plan: Plan, *, committed: bool = False, language: str = "en", face: str = "cli"
) -> str:
    """``38 rows: 36 to import, 1 total checked, 1 blank``: every row of the sheet."""
    return fates_text(plan.fates(), committed=committed, language=language, face=face)


def fates_text(
    fates: dict[str, int], *, committed: bool = False, language: str = "en", face: str = "cli"
) -> str:
    """:func:`rows_text` for fates as :meth:`Plan.fates` gives them (or a batch recorded)."""

    def part(fate: str, n: int) -> str:
        code = f"import.fate.{fate}"
        plural = f"{code}.many"
        return say(plural if n != 1 and plural in CATALOGUE else code, language, face=face, n=n)

    parts = [part("landed" if committed else "landing", fates.get("landing", 0))]
    parts += [part(fate, fates[fate]) for fate in _FATES if fates.get(fate)]
    rows = fates.get("rows", 0)
    code = "import.rows.one" if rows == 1 else "import.rows"
    return say(code, language, face=face, rows=rows, parts=", ".join(parts))


def recorded(
    column: Mapping[str, object],
    columns: Sequence[Mapping[str, object]],
    language: str = "en",
    face: str = "app",
) -> str:
    """:func:`describe` for a column as a batch recorded it (:meth:`Column.as_data`)."""

    def word(code: str, **facts: object) -> str:
        return say(code, language, face=face, **facts)

    field, how = column.get("field"), column.get("how")
    if field:
        code = f"import.how.map.{face}" if how == "map" else f"import.how.{how}"
        return word(code, field=field) if knows(code) else str(field)
    if by := column.get("by"):
        return word(f"import.ignored.map.{face}" if by == "map" else "import.ignored.saved")
    if same := column.get("same_as"):
        other = next((c.get("column") for c in columns if c.get("field") == same), "?")
        return word("import.ignored.taken", field=same, other=other)
    if (looks := column.get("looks")) and knows(f"import.look.{looks}"):
        return word("import.ignored.looks_free", look=word(f"import.look.{looks}"))
    return word("import.ignored")
