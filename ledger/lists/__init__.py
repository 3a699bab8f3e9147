"""The lists both faces show: members, entries, audit events, years, costs and fees.

One read per list, called by the command line (``member list``, ``contribution list``,
``audit``, ``costs list``) and by the app's tables alike, so the two can never disagree
on who is in a list or in what order. Each read returns a :class:`Listing`: the rows of
the page asked for (all of them when ``limit`` is None) and how many match in total.

Searching ignores case and accents on both sides: ``liege`` finds Liège, ``BRUXELLES``
finds Bruxelles (:func:`fold`).

>>> fold("Liège  Ondernemingen")
'liege  ondernemingen'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Listing(Generic[R]):
    """One page of a list, and how many rows the whole list holds."""

    total: int
    rows: list[R]


def fold(text: str) -> str:
    """Text as a search compares it: accents dropped, case folded (``Liège`` -> ``liege``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def page(rows: list[R], limit: int | None, offset: int) -> Listing[R]:
    """A listing of ``rows`` read whole (a short list), cut to the page asked for."""
    end = None if limit is None else offset + limit
    return Listing(len(rows), rows[offset:end])
