"""Which Belgian region a postcode lies in.

Whether an enterprise is Flemish decides the mandate condition of a rule set, so
the boundaries are kept in one place. A record may override the derived region
(a company seated in Brussels with its operating seat in Flanders).

>>> region_for_postcode("9000"), region_for_postcode(1000), region_for_postcode("4000")
(<Region.FLANDERS: 'flanders'>, <Region.BRUSSELS: 'brussels'>, <Region.WALLONIA: 'wallonia'>)
"""

from __future__ import annotations

from enum import StrEnum

from ledger.problems import Problem
from ledger.text import refuse_foreign_digits


class Region(StrEnum):
    FLANDERS = "flanders"
    BRUSSELS = "brussels"
    WALLONIA = "wallonia"
    ABROAD = "abroad"


# (first, last, region) per the Belgian postal ranges.
_RANGES: tuple[tuple[int, int, Region], ...] = (
    (1000, 1299, Region.BRUSSELS),
    (1300, 1499, Region.WALLONIA),
    (1500, 3999, Region.FLANDERS),
    (4000, 7999, Region.WALLONIA),
    (8000, 9999, Region.FLANDERS),
)

_ALIASES = {
    "flanders": Region.FLANDERS,
    "vlaanderen": Region.FLANDERS,
    "vlaams gewest": Region.FLANDERS,
    "brussels": Region.BRUSSELS,
    "brussel": Region.BRUSSELS,
    "bruxelles": Region.BRUSSELS,
    "wallonia": Region.WALLONIA,
    "wallonie": Region.WALLONIA,
    "wallonië": Region.WALLONIA,
    "abroad": Region.ABROAD,
    "buitenland": Region.ABROAD,
}


def normalise_postcode(postcode: str | int) -> str:
    """A Belgian postcode as four digits.

    White space around it, a ``B-`` or ``BE-`` prefix and a spreadsheet's ``.0`` are
    dropped; the digits must be 0-9 (fullwidth or Arabic-Indic ``٩٠٠٠`` is refused).

    Raises:
        InputError: not four digits between 1000 and 9999.
    """
    raw = str(postcode).strip()
    refuse_foreign_digits(raw, what=f"postcode {raw!r} is not a Belgian postcode")
    text = raw.upper().removeprefix("B-").removeprefix("BE-").strip()
    if text.endswith(".0"):  # a numeric spreadsheet cell
        text = text[:-2]
    if not (len(text) == 4 and text.isascii() and text.isdigit() and 1000 <= int(text) <= 9999):
        raise Problem("parse.postcode", {"value": repr(raw)}).error()
    return text


def region_for_postcode(postcode: str | int) -> Region:
    """The region a Belgian postcode belongs to."""
    code = int(normalise_postcode(postcode))
    for first, last, region in _RANGES:
        if first <= code <= last:
            return region
    raise AssertionError(f"postcode {code} not covered by the ranges")  # ranges cover 1000-9999


def parse_region(text: str) -> Region:
    """A region named in Dutch, French or English."""
    key = text.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    raise Problem("parse.region", {"value": repr(text)}).error()
