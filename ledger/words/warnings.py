"""What the matching rule's warnings say (:class:`ledger.matching.Warning`), by code.

A warning is a stable code plus the facts it is about; the words are chosen where it is
shown, so the Dutch app and the Dutch annual report speak Dutch while ``summary --json``
keeps the English text programs already read.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "beyond_max_duration": {
        "en": (
            "{year} is program year {program_year}, beyond the {max_years} years of "
            "{rule_set}: no aid"
        ),
        "nl": (
            "{year} is programmajaar {program_year}, voorbij de {max_years} jaar van "
            "{rule_set}: geen steun"
        ),
    },
    "before_start": {
        "en": "{year} is before the cluster's start in {start_year}: no aid",
        "nl": "{year} ligt vóór de start van de cluster in {start_year}: geen steun",
    },
    "mandates_below_minimum": {
        "en": (
            "Flemish enterprises with a mandate: {have} of the {need} that {rule_set} asks for "
            "({missing} more needed)"
        ),
        "nl": (
            "Vlaamse ondernemingen met een mandaat: {have} van de {need} die {rule_set} vraagt "
            "(nog {missing} nodig)"
        ),
    },
    "mandates_below_minimum_at_deadline": {
        "en": (
            "Flemish enterprises with a mandate at the dossier deadline of {day}: {have} of "
            "the {need} that {rule_set} asks for"
        ),
        "nl": (
            "Vlaamse ondernemingen met een mandaat op de indieningsdatum van het dossier "
            "({day}): {have} van de {need} die {rule_set} vraagt"
        ),
    },
    "no_costs_recorded": {
        "en": (
            "no coordination costs recorded for {year}: the aid is capped at the annual cap "
            "only, but may not exceed {share} of the real costs"
        ),
        "nl": (
            "geen coördinatiekosten geregistreerd voor {year}: de steun is alleen door het "
            "jaarlijkse plafond begrensd, maar mag niet meer bedragen dan {share} van de "
            "werkelijke kosten"
        ),
    },
    "contribution_from_non_member": {
        "en": (
            "{name} ({kbo}) contributed {amount} in {year} without an active membership that "
            "year: recorded, not counted"
        ),
        "nl": (
            "{name} ({kbo}) betaalde {amount} in {year} zonder actief lidmaatschap dat jaar: "
            "geboekt, niet meegeteld"
        ),
    },
}
