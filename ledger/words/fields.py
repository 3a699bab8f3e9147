"""The names of the fields a problem is found in, as a face shows them.

A check names the field it found a problem in by its code (``Location(field=
"aid_granted")``) and, in some texts, by an English word (``what="aid granted"``); both
are facts, not words. The app puts them in its own language from here, so a Dutch
refusal never begins with an English field name. Keyed ``field.`` and the name with its
spaces as ``_``; a name not here is shown as it is.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- the fields of a contribution, a member, a year ---
    "field.amount": {"en": "amount", "nl": "bedrag"},
    "field.kbo": {"en": "enterprise number", "nl": "ondernemingsnummer"},
    "field.year": {"en": "year", "nl": "jaar"},
    "field.note": {"en": "note", "nl": "opmerking"},
    "field.name": {"en": "name", "nl": "naam"},
    "field.company_name": {"en": "company name", "nl": "bedrijfsnaam"},
    "field.cluster_name": {"en": "cluster name", "nl": "clusternaam"},
    "field.postcode": {"en": "postcode", "nl": "postcode"},
    "field.kind": {"en": "kind", "nl": "soort"},
    "field.region": {"en": "region", "nl": "regio"},
    "field.reason": {"en": "reason", "nl": "reden"},
    "field.date": {"en": "date", "nl": "datum"},
    "field.path": {"en": "file", "nl": "bestand"},
    "field.costs": {"en": "costs", "nl": "kosten"},
    "field.mandate": {"en": "mandate", "nl": "mandaat"},
    "field.withdrawal": {"en": "withdrawal", "nl": "intrekking"},
    "field.joining": {"en": "joining", "nl": "toetreding"},
    "field.leaving": {"en": "leaving", "nl": "uittreding"},
    "field.--from": {"en": "from", "nl": "vanaf"},
    # --- the fields of a project and its partners ---
    "field.type": {"en": "type", "nl": "type"},
    "field.title": {"en": "title", "nl": "titel"},
    "field.acronym": {"en": "acronym", "nl": "acroniem"},
    "field.theme": {"en": "theme", "nl": "thema"},
    "field.status": {"en": "status", "nl": "status"},
    "field.submitted": {"en": "submitted on", "nl": "ingediend op"},
    "field.budget": {"en": "budget", "nl": "budget"},
    "field.aid": {"en": "aid", "nl": "steun"},
    "field.aid_requested": {"en": "aid requested", "nl": "gevraagde steun"},
    "field.aid_granted": {"en": "aid granted", "nl": "toegekende steun"},
    "field.role": {"en": "role", "nl": "rol"},
    "field.country": {"en": "country", "nl": "land"},
    "field.partner_name": {"en": "partner name", "nl": "naam van de partner"},
}
