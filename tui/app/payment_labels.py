"""Labels of the Payments screen in English and Dutch (merged into :mod:`tui.app.i18n`)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "payments": ("Payments", "Betalingen"),
    "payments-all": ("All movements", "Alle verrichtingen"),
    "payments-queue": ("Unmatched queue", "Niet-gekoppelde betalingen"),
    "payments-requests": ("Payment requests", "Betaalverzoeken"),
    "payments-toggle": ("Queue/all", "Wachtrij/alles"),
    "payments-show-requests": ("Requests", "Verzoeken"),
    "payments-assign": ("Book to member", "Boeken op lid"),
    "payments-dismiss": ("Not a contribution", "Geen bijdrage"),
    "payments-details": ("Details", "Details"),
    "payments-assign-title": (
        "Book payment {id} ({amount}) as a contribution",
        "Betaling {id} ({amount}) boeken als bijdrage",
    ),
    "payments-dismiss-title": (
        "Payment {id} ({amount}) is not a contribution",
        "Betaling {id} ({amount}) is geen bijdrage",
    ),
    "payments-assigned": (
        "Payment {id} booked as contribution {entry}.",
        "Betaling {id} geboekt als bijdrage {entry}.",
    ),
    "payments-dismissed": ("Payment {id} dismissed.", "Betaling {id} afgewezen."),
    "payments-empty": (
        "No statements yet: import one with cluster-ledger payments import FILE --cluster C",
        "Nog geen uittreksels: lees er een in met cluster-ledger payments import BESTAND "
        "--cluster C",
    ),
    "payments-line": (
        "{shown} of {total} movements · {queued} waiting",
        "{shown} van {total} verrichtingen · {queued} wachtend",
    ),
    "pay-date": ("Date", "Datum"),
    "pay-payer": ("Payer", "Betaler"),
    "pay-communication": ("Communication", "Mededeling"),
    "pay-state": ("State", "Toestand"),
    "pay-member": ("Member", "Lid"),
    "pay-why": ("Why", "Waarom"),
    "pay-request": ("Request", "Verzoek"),
    "pay-with": ("pay with {ogm}", "betaal met {ogm}"),
    "pay-amount-with": ("pay {amount} with {ogm}", "betaal {amount} met {ogm}"),
    "pay-booked": ("booked", "geboekt"),
    "pay-returned": ("returned", "teruggestort"),
    "pay-queued": ("waiting", "wachtend"),
    "pay-dismissed": ("no contribution", "geen bijdrage"),
    "pay-duplicate": ("already imported", "al ingelezen"),
    "pay-debit": ("money out", "uitgaand"),
    "pay-bundle": ("bundle", "bundel"),
}
