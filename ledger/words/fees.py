"""The words for the problems of expected fees (``fee.`` codes, :mod:`ledger.fees`)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "fee.negative": {
        "en": "a fee of {amount} is negative; expected 0 or more",
        "nl": "een bijdrage van {amount} is negatief; verwacht 0 of meer",
    },
    "fee.too_large": {
        "en": "a fee of {amount} is more than the ledger can hold",
        "nl": "een bijdrage van {amount} is meer dan het register kan bevatten",
    },
    "fee.before_start": {
        "en": "{year} is not a program year of {cluster}, which started in {start_year}",
        "nl": "{year} is geen programmajaar van {cluster}, dat begon in {start_year}",
    },
    "fee.not_a_member": {
        "en": "{kbo} is not a member of {cluster}",
        "nl": "{kbo} is geen lid van {cluster}",
        "en#cli": "add it with 'member add', or set the fee of its kind with --kind",
        "nl#cli": "voeg het toe met 'member add', of stel de bijdrage van zijn soort in met --kind",
        "en#app": "add it on the Members screen first",
        "nl#app": "voeg het eerst toe op het scherm Leden",
    },
}
