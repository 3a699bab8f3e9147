"""What the documented rules say a value must read back as, written apart from the parsers.

Each function takes the text a user gave and what the ledger stored, and asserts the
stored value follows from the text by the normalisation the parser's docstring
promises (and nothing else): no digit dropped, invented or read from another script.
:func:`text_refusal` predicts exactly when free text is refused (``ledger/text.py``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

ASCII_DIGITS = "0123456789"
# The characters ledger/text.py documents as refused in free text.
REFUSED_IN_TEXT = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def foreign_digit(value: str) -> str | None:
    """The first digit of another script in ``value`` (what int() or isdigit() would take)."""
    return next((ch for ch in value if ch.isdigit() and not ch.isascii()), None)


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch in ASCII_DIGITS)


def text_refusal(value: str, *, max_length: int, required: bool = True) -> list[str] | None:
    """None when free text must be accepted, else words its refusal must contain."""
    bad = REFUSED_IN_TEXT.search(value)
    if bad is not None:
        return [f"U+{ord(bad.group()):04X}", f"at position {bad.start() + 1}"]
    stripped = value.strip()
    if required and not stripped:
        return ["is empty"]
    if len(stripped) > max_length:
        return [f"{len(stripped)} characters", f"at most {max_length}"]
    return None


def check_text(value: str, stored: str | None) -> None:
    """Accepted text reads back exactly, but for the white space around it."""
    assert stored == (value.strip() or None), (value, stored)


# Characters that show nothing, which a cluster name may not hold (ledger/names.py
# documents them: zero-width marks, soft hyphen, Hangul fillers, the byte-order mark).
SHOW_NOTHING = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)


def cluster_name_refusal(value: str) -> list[str] | None:
    """Free text's refusals, and one for a character that shows nothing, named by code."""
    refused = text_refusal(value, max_length=200)
    if refused is not None:
        return refused
    hidden = next((ch for ch in value if ch in SHOW_NOTHING), None)
    return None if hidden is None else [f"U+{ord(hidden):04X}"]


def check_cluster_name(value: str, stored: str) -> None:
    """A cluster name is stored as one form: NFC, any run of white space one space."""
    assert stored == unicodedata.normalize("NFC", " ".join(value.split())), (value, stored)


def check_kbo(value: str, stored: str) -> None:
    """An enterprise number keeps its digits; separators and a BE prefix go, a lost 0 returns."""
    assert foreign_digit(value) is None, value
    assert stored == digits(value).zfill(10), (value, stored)
    # Separators go first, so "B-E" before the digits is the BE prefix too.
    letters = re.sub(f"[{ASCII_DIGITS} ./-]", "", value.strip())
    rest = re.sub("^BE", "", letters, flags=re.IGNORECASE)
    assert all(not ch.isalnum() for ch in rest), (value, stored)  # only separators were dropped


def check_postcode(value: str, stored: str) -> None:
    """Four digits; a B- or BE- prefix and a spreadsheet's trailing .0 go."""
    assert foreign_digit(value) is None, value
    written = value.strip().upper().removeprefix("B-").removeprefix("BE-").removesuffix(".0")
    assert len(stored) == 4 and stored == written.strip(), (value, stored)


def check_cents(value: str, cents: int) -> None:
    """An amount keeps its digits: 1.234,56 is 123456 cents, 2500 is 250000."""
    assert foreign_digit(value) is None, value
    written = int(digits(value))
    assert abs(cents) in {written, written * 10, written * 100}, (value, cents)


def check_date(value: str, stored: date) -> None:
    """A date's three numbers, in ISO or day-first order, are the stored day."""
    assert foreign_digit(value) is None, value
    numbers = [int(n) for n in re.findall("[0-9]+", value)]
    iso = [stored.year, stored.month, stored.day]
    assert numbers in (iso, iso[::-1]), (value, stored)


def check_word(value: str) -> None:
    """A kind or region word, accepted: letters (accents folded), spaces, ``-`` and ``_`` only."""
    folded = unicodedata.normalize("NFKD", value)
    kept = "".join(ch for ch in folded if not unicodedata.combining(ch))
    assert re.fullmatch(r"[A-Za-z _\-]*", kept.strip()), value


def check_whole_number(value: str, stored: int) -> None:
    assert foreign_digit(value) is None, value
    assert re.fullmatch(r"\s*[-+]?[0-9]+\s*", value), value
    assert stored == int(value), (value, stored)
