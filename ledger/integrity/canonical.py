"""The canonical text a hash chain covers, and the SHA-256 of a link.

A link is ``sha256(previous hash + newline + canonical JSON of the row)``. The canonical
form is what ``json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
default=_plain)`` writes for the row's fields in their fixed order: no spaces, text as it
is (not escaped to ASCII), dates and times as ISO text in UTC to the microsecond, exactly
as either database gives them back, so a SQLite ledger restored into PostgreSQL still
checks. Every stored ``chain_hash`` and every anchor kept outside a ledger was computed
over it, so it never changes; ``tests/ledger/test_canonical.py`` holds every faster way of
writing it here (and in :mod:`ledger.integrity.rows`) to that encoder.

This module imports nothing but the standard library: the checks that run beside
``verify``'s walk in a second process (:mod:`ledger.integrity.beside`) start fast.

>>> canonical([1, "x", None])
'[1,"x",null]'
>>> link(GENESIS, [1, "x"]) == link(GENESIS, [1, "x"]) != link(GENESIS, [1, "y"])
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

GENESIS = "0" * 64
_sha256 = hashlib.sha256


@lru_cache(maxsize=1 << 16)
def _plain(value: Any) -> str:
    """A date or time as the canonical form holds it, the same whichever database read it
    (everything else a chained row holds is text, a whole number or null: JSON's own).

    Remembered: a batch's rows share one time of writing, and payment dates repeat.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep="T", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):  # never reached: JSON writes booleans itself
        return str(value)
    raise TypeError(f"a chained row cannot hold {type(value).__name__}")


# The canonical form is this encoder's output. Existing chains were hashed over it, so it
# must never change.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_plain)

# The same encoding made once: ``JSONEncoder.encode`` builds its C encoder anew at every
# call, which is most of the time a link takes. Given the same settings (no circular check
# is needed for a flat row) it writes the same text; where the C encoder is missing, the
# encoder above is used as it is.
_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_ROW_ENCODER = (
    None
    if _make_encoder is None
    else _make_encoder(
        None, _plain, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )
)

# What the encoder writes for a whole number and for a text, each refusing (TypeError)
# any other kind of value: a row holding one is written by the encoder itself.
write_int: Callable[[int], str] = int.__repr__
write_text: Callable[[str], str] = json.encoder.encode_basestring


def canonical(values: Iterable[Any]) -> str:
    """The canonical text of a row's chained fields, given in the registry's order."""
    row = values if isinstance(values, (list, tuple)) else list(values)
    if _ROW_ENCODER is None:
        return _ENCODER.encode(row)
    return "".join(_ROW_ENCODER(row, 0))


def link(previous: str, values: Iterable[Any]) -> str:
    """The hash of a row that follows ``previous`` in its chain."""
    if _ROW_ENCODER is not None and type(values) in (list, tuple):
        text = previous + "\n" + "".join(_ROW_ENCODER(values, 0))
    else:
        text = previous + "\n" + canonical(values)
    return _sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def link_of_text(previous: str, text: str) -> str:
    """The hash of a row whose canonical text is ``text``, following ``previous``."""
    return _sha256((previous + "\n" + text).encode("utf-8", "surrogatepass")).hexdigest()


def json_value(value: Any) -> str:
    """What the canonical form writes for one value (a row's text is its values' texts,
    comma-separated, in brackets)."""
    return canonical([value])[1:-1]


class Remembered(dict[Any, Any]):
    """``function`` of a stored value, computed once per distinct value and remembered.

    Rows of one import share their time of writing and payment dates repeat, so a date
    or time column's conversion (the column's own, to a date or time, then its canonical
    text) runs once per distinct value; looking a value up is one dictionary read.
    """

    _REMEMBERED = 1 << 16

    def __init__(self, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, stored: Any) -> Any:
        if len(self) >= self._REMEMBERED:
            self.clear()
        value = self[stored] = self.function(stored)
        return value


def time_text(convert: Callable[[Any], Any] | None) -> Remembered:
    """A date or time column's stored values to their canonical text (quoted, or null).

    Args:
        convert: the column's conversion of a stored value to a date or time (what the
            database layer hands back for it), or None when the driver gives one already.
    """
    if convert is None:
        return Remembered(json_value)
    return Remembered(lambda stored: json_value(convert(stored)))


def rows_digest(rows: Iterable[tuple[int, str, str]]) -> str:
    """The SHA-256 of an import batch's source rows (row number, key, fingerprint, as
    stored), kept on the batch: its chained link then covers every row it committed, and
    a row rewritten afterwards (so the same file would import again) is found by verify.
    """
    # One update per batch of the same bytes as one per row: SHA-256 is a stream.
    text = "".join(map(_digest_line, sorted(rows)))
    return _sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _digest_line(row: tuple[int, str, str]) -> str:
    """A source row's canonical text and newline; the usual row written directly."""
    number, key, fingerprint = row
    if type(number) is int and type(key) is str and type(fingerprint) is str:
        return f"[{number},{write_text(key)},{write_text(fingerprint)}]\n"
    return canonical(row) + "\n"
