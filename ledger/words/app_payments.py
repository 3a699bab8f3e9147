"""The Payments screen's labels and messages (``app.`` codes), in English and Dutch."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "payments": {"en": "Payments", "nl": "Betalingen"},
    "payments-all": {"en": "All movements", "nl": "Alle verrichtingen"},
    "payments-queue": {"en": "Unmatched queue", "nl": "Niet-gekoppelde betalingen"},
    "payments-requests": {"en": "Payment requests", "nl": "Betaalverzoeken"},
    "payments-toggle": {"en": "Queue/all", "nl": "Wachtrij/alles"},
    "payments-show-requests": {"en": "Requests", "nl": "Verzoeken"},
    "payments-assign": {"en": "Book to member", "nl": "Boeken op lid"},
    "payments-dismiss": {"en": "Not a contribution", "nl": "Geen bijdrage"},
    "payments-details": {"en": "Details", "nl": "Details"},
    "payments-assign-title": {
        "en": "Book payment {id} ({amount}) as a contribution",
        "nl": "Betaling {id} ({amount}) boeken als bijdrage",
    },
    "payments-dismiss-title": {
        "en": "Payment {id} ({amount}) is not a contribution",
        "nl": "Betaling {id} ({amount}) is geen bijdrage",
    },
    "payments-assigned": {
        "en": "Payment {id} booked as contribution {entry}.",
        "nl": "Betaling {id} geboekt als bijdrage {entry}.",
    },
    "payments-dismissed": {"en": "Payment {id} dismissed.", "nl": "Betaling {id} afgewezen."},
    "payments-empty": {
        "en": "No bank statements yet: they are read on the command line (payments import).",
        "nl": "Nog geen rekeninguittreksels: die worden ingelezen op de opdrachtregel "
        "(payments import).",
    },
    "payments-line": {
        "en": "{shown} of {total} movements · {queued} waiting",
        "nl": "{shown} van {total} verrichtingen · {queued} wachtend",
    },
    "pay-date": {"en": "Date", "nl": "Datum"},
    "pay-payer": {"en": "Payer", "nl": "Betaler"},
    "pay-communication": {"en": "Communication", "nl": "Mededeling"},
    "pay-state": {"en": "State", "nl": "Toestand"},
    "pay-member": {"en": "Member", "nl": "Lid"},
    "pay-why": {"en": "Why", "nl": "Waarom"},
    "pay-request": {"en": "Request", "nl": "Verzoek"},
    "pay-with": {"en": "pay with {ogm}", "nl": "betaal met {ogm}"},
    "ogm-line": {
        "en": "Structured communication for {year}: {ogm}",
        "nl": "Gestructureerde mededeling voor {year}: {ogm}",
    },
    "pay-amount-with": {"en": "pay {amount} with {ogm}", "nl": "betaal {amount} met {ogm}"},
    "pay-booked": {"en": "booked", "nl": "geboekt"},
    "pay-returned": {"en": "returned", "nl": "teruggestort"},
    "pay-queued": {"en": "waiting", "nl": "wachtend"},
    "pay-dismissed": {"en": "no contribution", "nl": "geen bijdrage"},
    "pay-duplicate": {"en": "already imported", "nl": "al ingelezen"},
    "pay-debit": {"en": "money out", "nl": "uitgaand"},
    "pay-bundle": {"en": "bundle", "nl": "bundel"},
}
