"""Hypothesis strategies for hostile text: what a person, a paste or a broken file can put in a field.

Each strategy mixes plausible values (valid enterprise numbers, postcodes, Belgian
amounts, dates, company names) with the characters that break naive parsers:
control characters (NUL, ``\\r``, ``\\x1b`` escape sequences, C1 controls), bidi
marks and overrides (U+200E/U+200F, U+202E, U+2066..U+2069), zero-width
characters, lone surrogates (what ``surrogateescape`` makes of bad UTF-8 in argv),
digits of other scripts (Arabic-Indic ``٣``, fullwidth U+FF13, Devanagari ``३``,
superscript ``²``) and 10,000-character strings.
"""

from __future__ import annotations

from hypothesis import strategies as st

CONTROLS = ["\x00", "\r", "\n", "\t", "\x07", "\x08", "\x1b", "\x1f", "\x7f", "\x85", "\x9b"]
ESCAPES = ["\x1b[31m", "\x1b[2J", "\x1b]0;title\x07", "\x1b[0m"]
BIDI_MARKS = ["\u200e", "\u200f", "\u061c"]  # left-to-right, right-to-left, Arabic letter mark
BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
SEPARATORS = ["\u2028", "\u2029", "\u00a0", "\u202f", "\u3000"]
SURROGATES = ["\udc80", "\udcff", "\ud800"]
# Digits that str.isdigit(), int() or Decimal() read as 0-9 although they are not ASCII.
ODD_DIGITS = [
    *"٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    *"۰۱۲۳۴۵۶۷۸۹",  # extended Arabic-Indic (Persian)
    *map(chr, range(0xFF10, 0xFF1A)),  # fullwidth
    *"०१२३४५६७८९",  # Devanagari
    *"²³¹⁰",  # superscripts: isdigit() but not int()
    *"①⑨",  # circled: isdigit() but not int()
    "\U0001d7d7",  # mathematical bold nine
]
ODD_CHARS = CONTROLS + ESCAPES + BIDI_MARKS + BIDI_CONTROLS + ZERO_WIDTH + SEPARATORS + ODD_DIGITS
WORLD_TEXT = [
    "Société Générale",
    "Ørsted A/S",
    "شركة",
    "株式会社",
    "Ελληνικά",
    "🙂",
    "Ĳzer",
    "e\u0301",
]

VALID_KBOS = ["0403.170.701", "BE0403170701", "0123.456.749", "403170701", "BE 0403 170 701"]
VALID_POSTCODES = ["9000", "1000", "3000", "B-8500", " 2000 ", "4000"]
VALID_AMOUNTS = ["1.234,56", "1234.56", "€ 1 234,56", "2500", "1,234.56", "0,01", "99 EUR"]
VALID_DATES = ["2026-03-31", "31/03/2026", "1/2/2026", "29/02/2028", "2026-01-01"]
VALID_YEARS = ["2026", "2027", "2030"]
VALID_NAMES = [
    "Alfa NV",
    "  Beta BV  ",
    "Société Générale",
    "شركة الأمل",
    "株式会社テスト",
    "Ωmega 🙂",
]


def _text(alphabet_extra: list[str]) -> st.SearchStrategy[str]:
    """Short text drawn from any Unicode (no surrogates) plus the given awkward pieces."""
    return st.lists(
        st.one_of(st.text(max_size=4), st.sampled_from(alphabet_extra)), max_size=8
    ).map("".join)


def _spliced(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A plausible value with one awkward piece put in front, inside or at the end."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        value = draw(base)
        piece = draw(st.sampled_from(ODD_CHARS + SURROGATES + [" ", "-", "."]))
        at = draw(st.integers(0, len(value)))
        return value[:at] + piece + value[at:]

    return build()


def _with_digits_swapped(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A plausible value with one of its ASCII digits replaced by another script's digit."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        value = draw(base)
        spots = [i for i, ch in enumerate(value) if ch.isascii() and ch.isdigit()]
        if not spots:
            return value
        i = draw(st.sampled_from(spots))
        return value[:i] + draw(st.sampled_from(ODD_DIGITS)) + value[i + 1 :]

    return build()


def huge(base: str = "A") -> st.SearchStrategy[str]:
    """A 10,000-character string (or one just around a field's limit)."""
    return st.sampled_from([base * 10_000, base * 201, base * 501, base * 2001])


def _padded(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A plausible value with white space around it, as a paste brings: still plausible."""
    pad = st.sampled_from(["", " ", "  ", "\u00a0", "\u3000"])
    return st.tuples(pad, base, pad).map("".join)


def hostile(plausible: list[str], *, long: str = "9") -> st.SearchStrategy[str]:
    """Plausible values (plain or padded), the same values spliced or with foreign digits,
    random text, huge text."""
    base = st.sampled_from(plausible)
    return st.one_of(
        base,
        _padded(base),
        _spliced(base),
        _with_digits_swapped(base),
        _text(ODD_CHARS + plausible),
        huge(long),
    )


def names() -> st.SearchStrategy[str]:
    """Names, notes and reasons: world scripts are fine, controls and bidi overrides are not."""
    base = st.sampled_from(VALID_NAMES + WORLD_TEXT)
    return st.one_of(
        base,
        _spliced(base),
        _text(ODD_CHARS + WORLD_TEXT),
        st.text(min_size=1, max_size=30),
        huge("Ā"),
    )


def kbos() -> st.SearchStrategy[str]:
    return hostile(VALID_KBOS)


def postcodes() -> st.SearchStrategy[str]:
    return hostile(VALID_POSTCODES)


def amounts() -> st.SearchStrategy[str]:
    return hostile(VALID_AMOUNTS)


def dates() -> st.SearchStrategy[str]:
    return hostile(VALID_DATES)


def years() -> st.SearchStrategy[str]:
    return hostile([*VALID_YEARS, "-1", "99999999999999999999999", "2_026", "+2026", " 2026 "])


def kinds() -> st.SearchStrategy[str]:
    return hostile(
        ["enterprise", "Onderneming", "kennisinstelling", "overheid", "andere"], long="e"
    )


def regions() -> st.SearchStrategy[str]:
    return hostile(["flanders", "Vlaanderen", "Bruxelles", "Wallonië", "postcode"], long="e")


def anything() -> st.SearchStrategy[str]:
    """Any text at all, for options whose values are picked from a short list."""
    return hostile(["nl", "en", "ibn-2026", "members", "contributions", "costs"], long="x")
