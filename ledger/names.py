"""Names people give clusters and companies: one form to store, one key to compare, and
the look-alikes that must not become a second cluster.

Pure functions of text, for the checks (:mod:`ledger.checks`) and for finding a cluster
by the name a user types:

* :func:`normalise` is the form a name is stored in: NFC (an accent typed as a letter
  plus a combining mark becomes the one accented letter), every kind of space (no-break,
  narrow, ideographic) a plain space, runs of spaces one, none around it.
* :func:`comparison_key` is how two names are compared: normalised, without invisible
  characters (zero-width space, soft hyphen, word joiner, byte-order mark), without case.
* :func:`name_problems` refuses invisible and bidi characters in a name: the zero-width
  and bidi marks that :mod:`ledger.text` lets through in free text make two names that
  look the same different, or one read backwards.
* :func:`lookalike_key` also maps the Cyrillic and Greek letters that look like Latin ones
  (U+0430 CYRILLIC SMALL LETTER A for ``a``, GREEK CAPITAL OMICRON for ``O``), so
  :func:`lookalike_of` finds the existing name a new one would be mistaken for.

The confusables are a short table of the letters of scripts a Flemish cluster could
meet, written here rather than taken from Unicode's full table (thousands of mappings,
mostly for scripts whose letters no one would take for Latin).

>>> normalise("Circular\\u00a0 Plastics "), comparison_key("CIRCULAR\\u200bPLASTICS")
('Circular Plastics', 'circularplastics')
>>> lookalike_key("\\u0421ircul\\u0430r") == lookalike_key("circular")  # Cyrillic
True
>>> lookalike_of("Circulaire\\u00a0Kunststoffen", ["Circulaire Kunststoffen"]).facts["existing"]
'Circulaire Kunststoffen'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ledger.problems import Location, Problem

# Characters that show nothing: a name holding one looks like a name without it.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES = re.compile(r"\s+")

# Cyrillic and Greek letters that look like Latin ones, after case folding (an upper-case
# Cyrillic Ve folds to its small letter, which is taken for b).
_CONFUSABLES = str.maketrans(
    # Cyrillic
    "\u0430\u0432\u0441\u0501\u0435\u0451\u04bb\u043d\u0456\u0457\u0458\u043a"
    "\u04cf\u043c\u043e\u0440\u051b\u0455\u0442\u0443\u051d\u0445\u04af\u0437"
    # Greek
    "\u03b1\u03b2\u03b5\u03b6\u03b7\u03b9\u03ba\u03bc"
    "\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7\u03f2\u03f3"
    # Latin letters of other alphabets that read as plain ones (dotless i, script g, l)
    "\u0131\u0261\u2113",
    "abcdeehhiijklmopqstywxy3abeznikmvoptuxcjigl",
)


def normalise(name: str) -> str:
    """The form a name is stored in (see the module docstring)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()


def comparison_key(name: str) -> str:
    """Two names with the same key are the same name: no case, no invisible characters."""
    visible = "".join(
        ch for ch in normalise(name) if ch not in INVISIBLE and ch not in BIDI_CONTROLS
    )
    return unicodedata.normalize("NFC", _SPACES.sub(" ", visible).strip().casefold())


def lookalike_key(name: str) -> str:
    """The key under which names that look alike to a reader are equal."""
    return comparison_key(name).translate(_CONFUSABLES)


def name_problems(name: str, *, field: str = "name") -> list[Problem]:
    """An invisible or bidi character in a name, as a problem naming it and its position
    (from 1); none for a name without them."""
    for position, ch in enumerate(name, 1):
        if ch in INVISIBLE or ch in BIDI_CONTROLS:
            code = "name.bidi" if ch in BIDI_CONTROLS else "name.invisible"
            facts = {
                "char": f"U+{ord(ch):04X}",
                "char_name": unicodedata.name(ch, "unnamed").lower(),
                "position": position,
            }
            return [Problem(code, facts, Location(field=field))]
    return []


def lookalike_of(name: str, existing: Iterable[str], *, field: str = "name") -> Problem | None:
    """The existing name that ``name`` is the same as or would be mistaken for, as a
    problem (a conflict) showing it; None when it is new."""
    key = lookalike_key(name)
    for other in existing:
        if lookalike_key(other) == key:
            return Problem(
                "name.lookalike",
                {"name": name, "existing": other},
                Location(field=field),
                kind="conflict",
            )
    return None
