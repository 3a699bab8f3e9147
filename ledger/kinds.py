"""What kind of party a member is, named in Dutch or English.

Only some kinds count towards matching (a rule set says which), so the words an
accountant writes in a "type" column must land on one of four values.

>>> parse_kind("Onderneming"), parse_kind("kennisinstelling")
(<MemberKind.ENTERPRISE: 'enterprise'>, <MemberKind.KNOWLEDGE_INSTITUTION: 'knowledge_institution'>)
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from ledger.problems import Problem


class MemberKind(StrEnum):
    ENTERPRISE = "enterprise"
    KNOWLEDGE_INSTITUTION = "knowledge_institution"
    PUBLIC_BODY = "public_body"
    OTHER = "other"


_WORDS: dict[MemberKind, tuple[str, ...]] = {
    MemberKind.ENTERPRISE: (
        "enterprise",
        "onderneming",
        "bedrijf",
        "company",
        "firm",
        "kmo",
        "sme",
        "grote onderneming",
        "large enterprise",
        "entreprise",
        "startup",
        "start-up",
    ),
    MemberKind.KNOWLEDGE_INSTITUTION: (
        "knowledge institution",
        "kennisinstelling",
        "kenniscentrum",
        "knowledge centre",
        "knowledge center",
        "universiteit",
        "university",
        "hogeschool",
        "onderzoekscentrum",
        "research centre",
        "research center",
        "research institute",
        "strategisch onderzoekscentrum",
    ),
    MemberKind.PUBLIC_BODY: (
        "public body",
        "overheid",
        "publieke instelling",
        "openbaar bestuur",
        "government",
        "overheidsinstelling",
        "public authority",
        "gemeente",
        "stad",
    ),
    MemberKind.OTHER: ("other", "andere", "overige", "vzw", "non-profit", "organisatie"),
}


def _key(text: str) -> str:
    """Fold case, accents (``é`` to ``e``), fullwidth letters, ``_``, ``-`` and runs of spaces.

    Only accents are dropped: any other character outside ASCII stays, so the lookup
    fails and ``企業enterprise`` or ``ent\u200berprise`` is refused rather than read as
    ``enterprise`` with the rest thrown away.
    """
    folded = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


_LOOKUP = {_key(word): kind for kind, words in _WORDS.items() for word in words}
_LOOKUP.update({_key(kind.value): kind for kind in MemberKind})


def parse_kind(text: str) -> MemberKind:
    """The member kind for a word in Dutch or English.

    Raises:
        InputError: the word names no known kind.
    """
    kind = _LOOKUP.get(_key(text))
    if kind is None:
        raise Problem("parse.kind", {"value": repr(text)}).error()
    return kind
