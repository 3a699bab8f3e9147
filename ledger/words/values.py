"""Stored values as a reader sees them (``value.`` codes): member kinds, regions, what a
sheet holds. A value without words here is shown as it is stored.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "enterprise": {"en": "enterprise", "nl": "onderneming"},
    "knowledge_institution": {"en": "knowledge institution", "nl": "kennisinstelling"},
    "public_body": {"en": "public body", "nl": "overheid"},
    "other": {"en": "other", "nl": "andere"},
    "flanders": {"en": "Flanders", "nl": "Vlaanderen"},
    "brussels": {"en": "Brussels", "nl": "Brussel"},
    "wallonia": {"en": "Wallonia", "nl": "Wallonië"},
    "abroad": {"en": "abroad", "nl": "buitenland"},
    "members": {"en": "members", "nl": "leden"},
    "contributions": {"en": "contributions", "nl": "bijdragen"},
    "costs": {"en": "costs", "nl": "kosten"},
    "projects": {"en": "projects", "nl": "projecten"},
    "project-partners": {"en": "project partners", "nl": "projectpartners"},
    "statement": {"en": "bank statement", "nl": "rekeninguittreksel"},
    "deadline.pre-registration": {"en": "Pre-registration", "nl": "Vooraanmelding"},
    "deadline.dossier": {"en": "Full dossier", "nl": "Volledig dossier"},
}
