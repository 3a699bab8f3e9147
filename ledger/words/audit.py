"""The audit trail told as sentences (``audit.`` codes, one per action), in English and Dutch.

Each sentence is filled in from the event's details and the name of the company it is
about (:mod:`ledger.lists.audit`); an action without a sentence here is shown as its
code and details.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "cluster.add": {
        "en": "Cluster {name} added ({rule_set}, from {start_year})",
        "nl": "Cluster {name} toegevoegd ({rule_set}, vanaf {start_year})",
    },
    "company.add": {
        "en": "Company {who} added: postcode {postcode}, {kind}",
        "nl": "Bedrijf {who} toegevoegd: postcode {postcode}, {kind}",
    },
    "company.update": {
        "en": "Company {who} changed: {changes}",
        "nl": "Bedrijf {who} gewijzigd: {changes}",
    },
    "member.join": {"en": "{who} became a member{dates}", "nl": "{who} werd lid{dates}"},
    "member.leave": {"en": "{who} leaves: {changes}", "nl": "{who} treedt uit: {changes}"},
    "member.mandate": {
        "en": "Mandate of {who} recorded: {changes}",
        "nl": "Mandaat van {who} ingevoerd: {changes}",
    },
    "member.update": {
        "en": "Membership of {who} changed: {changes}",
        "nl": "Lidmaatschap van {who} gewijzigd: {changes}",
    },
    "contribution.record": {
        "en": "Entry {id}: {amount} from {who} for {year}",
        "nl": "Boeking {id}: {amount} van {who} voor {year}",
    },
    "contribution.record_many": {
        "en": "{entries} entries imported in batch {id}: {amount} in all",
        "nl": "{entries} boekingen geïmporteerd in batch {id}: {amount} in totaal",
    },
    "contribution.record_many.one": {
        "en": "1 entry imported in batch {id}: {amount}",
        "nl": "1 boeking geïmporteerd in batch {id}: {amount}",
    },
    "contribution.reverse": {
        "en": "Entry {reverses} reversed by entry {id} ({amount}): {reason}",
        "nl": "Boeking {reverses} tegengeboekt door boeking {id} ({amount}): {reason}",
    },
    "costs.set": {
        "en": "Coordination costs of {year}: {after} (were {before})",
        "nl": "Coördinatiekosten van {year}: {after} (was {before})",
    },
    "fee.set": {
        "en": "Fee expected in {year} of {whom}: {after} (was {before})",
        "nl": "Verwachte bijdrage in {year} van {whom}: {after} (was {before})",
    },
    "year.lock": {"en": "{year} locked", "nl": "{year} afgesloten"},
    "year.reopen": {"en": "{year} reopened: {reason}", "nl": "{year} heropend: {reason}"},
    "import.commit": {
        "en": "{file} imported as batch {id}: {rows} rows of {what}",
        "nl": "{file} geïmporteerd als batch {id}: {rows} rijen {what}",
    },
    "import.commit.one": {
        "en": "{file} imported as batch {id}: 1 row of {what}",
        "nl": "{file} geïmporteerd als batch {id}: 1 rij {what}",
    },
    "import.undo": {
        "en": "Batch {undoes} undone as batch {id}: {reversed} entries reversed ({reason})",
        "nl": (
            "Batch {undoes} ongedaan gemaakt als batch {id}: {reversed} boekingen tegengeboekt "
            "({reason})"
        ),
    },
    "import.mapping": {
        "en": "Column mapping saved for {what}",
        "nl": "Kolomindeling bewaard voor {what}",
    },
    "ledger.upgrade": {
        "en": "Ledger upgraded from schema {from_revision} to {to_revision}",
        "nl": "Register bijgewerkt van schema {from_revision} naar {to_revision}",
    },
    "ledger.restore": {
        "en": "Ledger restored from {source}",
        "nl": "Register hersteld uit {source}",
    },
    "unknown": {"en": "{action}: {details}", "nl": "{action}: {details}"},
    "none": {"en": "none", "nl": "geen"},
    "every-kind": {"en": "every {kind}", "nl": "elke {kind}"},
    "joined-on": {"en": " on {date}", "nl": " op {date}"},
    "payments.statement": {
        "en": "Statement {number} ({file}) read: {movements} movements, {booked} booked "
        "({amount}), {queued} waiting, {returned} returned",
        "nl": "Uittreksel {number} ({file}) ingelezen: {movements} verrichtingen, {booked} "
        "geboekt ({amount}), {queued} wachtend, {returned} teruggestort",
    },
    "payments.assign": {
        "en": "Payment {movement} ({amount}) booked as entry {entry} of {who} for {year}",
        "nl": "Betaling {movement} ({amount}) geboekt als boeking {entry} van {who} voor {year}",
    },
    "payments.dismiss": {
        "en": "Payment {movement} ({amount}) set aside as no contribution: {reason}",
        "nl": "Betaling {movement} ({amount}) opzijgezet als geen bijdrage: {reason}",
    },
    "cluster.account.add": {
        "en": "Bank account {iban} added",
        "nl": "Bankrekening {iban} toegevoegd",
    },
}
