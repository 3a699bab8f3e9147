"""The words for a project's terms that cannot be read (:mod:`ledger.project_terms`): a
project type, status or partner role the coordinator wrote that names none, and a
country that is not a two-letter code.

The word as written is a fact (``text``), quoted as it was typed; what is expected is
given in both languages' spellings, since a coordinator may type either.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "project.type_unreadable": {
        "en": "project type {text!r} is unknown; expected oo (O&O), coock, csbo, icon or "
        "cooperative (coöperatief)",
        "nl": "projecttype {text!r} is onbekend; verwacht oo (O&O), coock, csbo, icon of "
        "cooperative (coöperatief)",
    },
    "project.status_unreadable": {
        "en": "project status {text!r} is unknown; expected {known}",
        "nl": "projectstatus {text!r} is onbekend; verwacht {known} (of in het Nederlands: "
        "in voorbereiding, ingediend, goedgekeurd, afgewezen, ingetrokken, lopend, afgesloten)",
    },
    "project.role_unreadable": {
        "en": "partner role {text!r} is unknown; expected coordinator, partner, subcontractor "
        "or user-group (gebruikersgroep)",
        "nl": "partnerrol {text!r} is onbekend; verwacht coordinator (coördinator), partner, "
        "subcontractor (onderaannemer) of user-group (gebruikersgroep)",
    },
    "project.country_unreadable": {
        "en": "country {text!r} is not a two-letter country code; expected an ISO 3166 code "
        "such as BE, NL, DE or FR",
        "nl": "land {text!r} is geen landcode van twee letters; verwacht een ISO 3166-code "
        "zoals BE, NL, DE of FR",
    },
}
