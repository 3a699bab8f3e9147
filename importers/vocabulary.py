"""The words accountants write, loaded once from ``vocabulary.toml`` beside this module.

Headers, total labels, "not paid" marks, month names, regions and member kinds are data,
kept in that one file in Dutch, English and French, so adding a synonym is a line there
and a test picks it up. Every entry is normalised here the way a header or cell is
(:func:`normalise`), so the file may be written naturally.

>>> normalise("Bedrag (EUR)"), normalise("Coördinatie-kosten in €"), normalise("KBO-nr.")
('bedrag', 'coordinatie kosten', 'kbo nr')
>>> MONTHS["maart"], REGIONS["region wallonne"]
(3, 'wallonia')
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_UNITS = re.compile(r"\b(in )?(eur|euro|euros|€)(?!\w)|€|\(.*?\)|\[.*?\]")


def normalise(text: object) -> str:
    """Text reduced to what it means: no case, accents, punctuation, unit or brackets."""
    value = "" if text is None else str(text)
    value = _UNITS.sub(" ", value.casefold())
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", " ", value)
    return " ".join(value.split())


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a field is called: whole headers, key words, compound endings, exclusions."""

    name: str
    column: str
    headers: frozenset[str]
    words: tuple[frozenset[str], ...]
    endings: tuple[str, ...]
    never: frozenset[str]

    def word_set(self) -> frozenset[str]:
        """Every single key word of the field (a header may hold several of them)."""
        return frozenset(word for group in self.words for word in group)


def _words(entries: list[str]) -> frozenset[str]:
    return frozenset(normalise(entry) for entry in entries)


def _load() -> dict:
    with (Path(__file__).parent / "vocabulary.toml").open("rb") as handle:
        return tomllib.load(handle)


_DATA = _load()

MEANINGS: dict[str, Meaning] = {
    name: Meaning(
        name=name,
        column=entry["column"],
        headers=_words(entry.get("headers", [])),
        words=tuple(frozenset(normalise(w).split()) for w in entry.get("words", [])),
        endings=tuple(normalise(e) for e in entry.get("endings", [])),
        never=_words(entry.get("never", [])),
    )
    for name, entry in _DATA["fields"].items()
}
QUALIFIERS = _words(_DATA["header"]["qualifiers"])
LOOK_WORDS: dict[str, frozenset[str]] = {
    look: _words(words) for look, words in _DATA["looks"]["words"].items() if look != "year_endings"
}
YEAR_ENDINGS = tuple(normalise(e) for e in _DATA["looks"]["words"]["year_endings"])
ORDINARY = tuple(sorted(_words(_DATA["looks"]["ordinary"])))
TOTALS = tuple(sorted(_words(_DATA["totals"]["total"]), key=len, reverse=True))
SUBTOTALS = tuple(sorted(_words(_DATA["totals"]["subtotal"]), key=len, reverse=True))
NOT_PAID = frozenset(mark.strip() for mark in _DATA["cells"]["not_paid"])
MONTHS: dict[str, int] = {
    normalise(word): int(number)
    for number, words in _DATA["cells"]["months"].items()
    for word in words
}
REGIONS: dict[str, str] = {
    normalise(word): region for region, words in _DATA["cells"]["regions"].items() for word in words
}
KINDS: dict[str, str] = {
    normalise(word): kind for kind, words in _DATA["cells"]["kinds"].items() for word in words
}
