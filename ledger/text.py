"""Free text from users (names, notes, reasons): accepted as given, or refused clearly.

What is accepted is stored and shown exactly as typed, except that white space
around it (spaces, no-break spaces, ideographic spaces) is stripped. Any script,
accent or emoji is fine, and so are the invisible characters real names need: the
zero-width joiner and non-joiner (Indic and Persian spelling, emoji sequences) and
the left-to-right and right-to-left marks (U+200E, U+200F, U+061C), which only
steer the characters beside them.

Refused, with the field's name and the character's position (counting from 1):

- control characters, C0 (U+0000-U+001F, tab and line breaks included), DEL and C1
  (U+0080-U+009F), and the line and paragraph separators U+2028/U+2029: they break
  terminals (an escape sequence recolours or clears the screen), spreadsheet cells
  and the one-line rows of the audit trail and of error messages;
- the bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069):
  a name holding U+202E would make the rest of a report row read backwards, so one
  member could disguise itself as another;
- unpaired surrogates (what bad UTF-8 in a command line turns into): they are not
  text and no database can store them.

Numbers (amounts, years, postcodes, enterprise numbers, dates) are written with the
digits 0-9 only. Python's ``int()`` and ``Decimal()`` silently read Arabic-Indic
``٣``, fullwidth digits (U+FF10-U+FF19) or Devanagari ``३`` as 3, and
``str.isdigit()`` also passes superscripts such as ``²``;
:func:`refuse_foreign_digits` refuses them all, naming the digit, so a value is
never stored as something other than what was shown.

>>> clean_text("  Alfa NV ", what="name", max_length=200)
'Alfa NV'
>>> clean_text("Beta\\u202eVN", what="company name", max_length=200)
Traceback (most recent call last):
ledger.errors.InputError: the company name holds the bidi control character U+202E (right-to-left override) at position 5; remove it
"""  # noqa: E501

from __future__ import annotations

import re
import unicodedata

from ledger.problems import Problem

_BIDI_CONTROLS = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
# Everything refused, in one pattern so a 10,000-character name is scanned in C.
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_NAMES = {0: "null", 9: "tab", 10: "line feed", 13: "carriage return", 27: "escape"}


def _refused(ch: str, *, what: str, position: int) -> Problem:
    """The problem of a refused character: which kind, its code point and Unicode name."""
    facts = {"what": what, "code": f"U+{ord(ch):04X}", "position": position}
    if ch in _BIDI_CONTROLS:
        return Problem("text.bidi", {**facts, "named": unicodedata.name(ch).lower()})
    if unicodedata.category(ch) == "Cs":
        return Problem("text.surrogate", facts)
    named = _CONTROL_NAMES.get(ord(ch)) or unicodedata.name(ch, "").lower()
    return Problem("text.control", {**facts, "named": f" ({named})" if named else ""})


def refuse_controls(value: str, *, what: str) -> None:
    """Refuse a text holding a character listed in the module docstring.

    Raises:
        InputError: naming ``what``, the character and its position (from 1).
    """
    found = _REFUSED.search(value)
    if found is not None:
        raise _refused(found.group(), what=what, position=found.start() + 1).error()


def escape_controls(text: str) -> str:
    """``text`` with every character :func:`refuse_controls` refuses written as an escape
    (``\\r``, ``\\x1b``, ``\\u202e``), so a message that quotes what the user gave stays
    one readable line whatever it quotes."""
    return _REFUSED.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode(), text
    )


def refuse_foreign_digits(value: str, *, what: str) -> None:
    """Refuse a digit of another script in a number written by a person.

    Args:
        value: the text as given.
        what: the start of the message, such as ``"'١٢' is not an amount"``.

    Raises:
        InputError: ``what``, then the digit, its code point and its position (from 1).
    """
    for position, ch in enumerate(value, 1):
        if ch.isdigit() and not ch.isascii():
            facts = {"what": what, "char": ch, "code": f"U+{ord(ch):04X}", "position": position}
            raise Problem("text.foreign_digit", facts).error()


def clean_text(value: str, *, what: str, max_length: int, required: bool = True) -> str:
    """Check a piece of user text and strip the white space around it.

    Args:
        value: the text as given.
        what: the field's name for messages ("company name").
        max_length: the most characters allowed after stripping.
        required: whether an empty (or all-space) text is refused.

    Returns:
        The text without surrounding white space, otherwise exactly as given.

    Raises:
        InputError: control or bidi characters (see above), empty when required, too long.
    """
    refuse_controls(value, what=what)
    text = value.strip()
    if required and not text:
        raise Problem("text.empty", {"what": what}).error()
    if len(text) > max_length:
        facts = {"what": what, "length": len(text), "max": max_length}
        raise Problem("text.too_long", facts).error()
    return text


def optional_text(value: str | None, *, what: str, max_length: int) -> str | None:
    """Like :func:`clean_text`, where an empty text means none."""
    if value is None:
        return None
    text = clean_text(value, what=what, max_length=max_length, required=False)
    return text or None
