"""The words of a spearhead cluster's project portfolio: project types, statuses, roles.

The 2020 measure text names the five types a spearhead cluster submits projects as (an
O&O project, COOCK, cSBO, ICON, a cooperative project); a rule set says which of them
its clusters may hold (``project_types``). Coordinators write them in Dutch or English,
with or without accents and hyphens, so each value is read from the words people use and
stored as one code.

>>> parse_type("O&O"), parse_status("goedgekeurd"), parse_role("gebruikersgroep")
(<ProjectType.OO: 'oo'>, <ProjectStatus.APPROVED: 'approved'>, <PartnerRole.USER_GROUP: 'user-group'>)
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from ledger.problems import Problem


class ProjectType(StrEnum):
    OO = "oo"  # onderzoeks- of ontwikkelingsproject (research or development)
    COOCK = "coock"
    CSBO = "csbo"
    ICON = "icon"
    COOPERATIVE = "cooperative"


class ProjectStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    RUNNING = "running"
    CLOSED = "closed"


class PartnerRole(StrEnum):
    COORDINATOR = "coordinator"
    PARTNER = "partner"
    SUBCONTRACTOR = "subcontractor"
    USER_GROUP = "user-group"


# The types whose projects have a user group (companies that follow the work).
USER_GROUP_TYPES = frozenset({ProjectType.COOCK, ProjectType.ICON})

# What a rule set's copy says when it was kept before rule sets named their project types
# (a cluster added with an older version): the types its call's text documents. The 2020
# page lists the five for spearhead clusters; a rule set not named here allows none.
DOCUMENTED_TYPES: dict[str, tuple[ProjectType, ...]] = {
    "spearhead-2020": tuple(ProjectType),
}

_TYPE_WORDS: dict[ProjectType, tuple[str, ...]] = {
    ProjectType.OO: (
        "o&o",
        "oo",
        "o en o",
        "r&d",
        "onderzoeksproject",
        "ontwikkelingsproject",
        "onderzoeks- of ontwikkelingsproject",
        "research project",
        "development project",
    ),
    ProjectType.COOCK: ("coock", "coock project", "coock-project"),
    ProjectType.CSBO: ("csbo", "csbo project", "csbo-project"),
    ProjectType.ICON: ("icon", "icon project", "icon-project"),
    ProjectType.COOPERATIVE: (
        "cooperative",
        "cooperatief",
        "cooperatief project",
        "cooperative project",
        "cooperatieve",
    ),
}
_STATUS_WORDS: dict[ProjectStatus, tuple[str, ...]] = {
    ProjectStatus.DRAFT: ("draft", "ontwerp", "in voorbereiding", "concept"),
    ProjectStatus.SUBMITTED: ("submitted", "ingediend"),
    ProjectStatus.APPROVED: ("approved", "goedgekeurd", "toegekend", "granted"),
    ProjectStatus.REJECTED: ("rejected", "afgewezen", "geweigerd", "niet goedgekeurd"),
    ProjectStatus.WITHDRAWN: ("withdrawn", "ingetrokken", "teruggetrokken"),
    ProjectStatus.RUNNING: ("running", "lopend", "loopt", "in uitvoering", "gestart"),
    ProjectStatus.CLOSED: ("closed", "afgesloten", "afgerond", "beeindigd", "finished"),
}
_ROLE_WORDS: dict[PartnerRole, tuple[str, ...]] = {
    PartnerRole.COORDINATOR: ("coordinator", "coordinerend", "promotor", "penvoerder", "lead"),
    PartnerRole.PARTNER: ("partner", "projectpartner"),
    PartnerRole.SUBCONTRACTOR: ("subcontractor", "onderaannemer", "subcontractant"),
    PartnerRole.USER_GROUP: (
        "user-group",
        "user group",
        "gebruikersgroep",
        "gebruikerscommissie",
        "lid gebruikersgroep",
    ),
}


def _key(text: str) -> str:
    """Case, accents (``coöperatief``), ``_`` and ``-`` and runs of spaces folded away."""
    folded = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def _lookup(words: dict) -> dict:  # type: ignore[type-arg]
    found = {_key(word): value for value, spelled in words.items() for word in spelled}
    found.update({_key(value.value): value for value in words})
    return found


_TYPES = _lookup(_TYPE_WORDS)
_STATUSES = _lookup(_STATUS_WORDS)
_ROLES = _lookup(_ROLE_WORDS)


def parse_type(text: str) -> ProjectType:
    """The project type for a word in Dutch or English (``O&O``, ``coöperatief``).

    Raises:
        InputError: the word names no project type.
    """
    found = _TYPES.get(_key(text))
    if found is None:
        raise Problem("project.type_unreadable", {"text": text}).error()
    return found


def parse_status(text: str) -> ProjectStatus:
    """The project status for a word in Dutch or English (``ingediend``, ``approved``).

    Raises:
        InputError: the word names no status.
    """
    found = _STATUSES.get(_key(text))
    if found is None:
        known = ", ".join(s.value for s in ProjectStatus)
        raise Problem("project.status_unreadable", {"text": text, "known": known}).error()
    return found


def parse_role(text: str) -> PartnerRole:
    """A partner's role for a word in Dutch or English (``coördinator``, ``onderaannemer``).

    Raises:
        InputError: the word names no role.
    """
    found = _ROLES.get(_key(text))
    if found is None:
        raise Problem("project.role_unreadable", {"text": text}).error()
    return found


# Two-letter region codes in CLDR that name no country a partner can be seated in.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def parse_country(text: str) -> str:
    """A partner's country as its ISO 3166 two-letter code (``nl`` gives ``NL``).

    Raises:
        InputError: not two letters, or no country has that code.
    """
    from babel import Locale  # CLDR's list of regions, already a dependency (amounts)

    code = text.strip().upper()
    known = Locale("en").territories
    if len(code) != 2 or not code.isascii() or not code.isalpha() or code in _NOT_COUNTRIES:
        known_code = False
    else:
        known_code = code in known
    if not known_code:
        raise Problem("project.country_unreadable", {"text": text}).error()
    return code


def country_name(code: str, language: str = "en") -> str:
    """A country's name in ``language`` (``NL`` is Nederland in Dutch)."""
    from babel import Locale

    return str(Locale(language).territories.get(code, code))
