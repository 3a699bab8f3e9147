"""The words for the problems the ledger's checks find (:mod:`ledger.checks`).

Keyed by the problem's code; ``en#cli`` and ``nl#app`` are hints a face appends (the
command line names a command, the app a screen).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "amount.negative": {
        "en": "the {what} {amount} is negative",
        "nl": "het bedrag {amount} is negatief",
        "en#cli": "correct an entry with 'contribution reverse' instead",
        "nl#cli": "corrigeer een boeking met 'contribution reverse'",
        "en#app": "correct an entry by reversing it instead",
        "nl#app": "corrigeer een boeking door ze terug te draaien",
    },
    "year.locked": {
        "en": "{year} of {cluster} is locked",
        "nl": "{year} van {cluster} is afgesloten",
        "en#cli": "reopen it with 'year reopen --reason' first",
        "nl#cli": "heropen het eerst met 'year reopen --reason'",
        "en#app": "reopen it on the Years screen first",
        "nl#app": "heropen het eerst op het scherm Jaren",
    },
}
