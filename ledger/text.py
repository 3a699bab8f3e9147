"""Free text from users (names, notes, reasons): accepted as given, or refused clearly.

Text is kept exactly as typed apart from surrounding white space; control
characters are refused because they break terminals, spreadsheets and audit reads.

>>> clean_text("  Alfa NV ", what="name", max_length=200)
'Alfa NV'
"""

from __future__ import annotations

import unicodedata

from ledger.errors import InputError


def clean_text(value: str, *, what: str, max_length: int, required: bool = True) -> str:
    """Check a piece of user text.

    Raises:
        InputError: empty when required, too long, or holding control characters.
    """
    text = value.strip()
    if required and not text:
        raise InputError(f"the {what} is empty")
    if len(text) > max_length:
        raise InputError(f"the {what} has {len(text)} characters; at most {max_length} are allowed")
    for ch in text:
        if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            raise InputError(f"the {what} holds a control character (U+{ord(ch):04X}); remove it")
    return text


def optional_text(value: str | None, *, what: str, max_length: int) -> str | None:
    if value is None:
        return None
    text = clean_text(value, what=what, max_length=max_length, required=False)
    return text or None
