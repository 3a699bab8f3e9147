"""The words for the ledger's other refusals: a name that is not known (a cluster, a
company, a rule set), a text a field refuses, a setting that is wrong, and a write the
database refused (:mod:`ledger.queries`, :mod:`ledger.text`, :mod:`ledger.session`).

A text field's name (``what``) is English; the Dutch texts leave it out, as the app shows
them beside the field they are about.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- names that are not known ---
    "cluster.unknown": {
        "en": "cluster {name!r} is unknown; clusters: {known}",
        "nl": "cluster {name!r} is onbekend; clusters: {known}",
    },
    "cluster.none_yet": {
        "en": "cluster {name!r} is unknown; clusters: none yet",
        "nl": "cluster {name!r} is onbekend; er zijn nog geen clusters",
        "en#cli": "add one with 'cluster add'",
        "nl#cli": "voeg er een toe met 'cluster add'",
        "en#app": "add one first",
        "nl#app": "voeg er eerst een toe",
    },
    "company.unknown": {
        "en": "no company has enterprise number {kbo}",
        "nl": "geen enkele onderneming heeft ondernemingsnummer {kbo}",
        "en#cli": "add it with 'member add'",
        "nl#cli": "voeg ze toe met 'member add'",
        "en#app": "add it on the Members screen",
        "nl#app": "voeg ze toe op het scherm Leden",
    },
    "company.not_found": {
        "en": "no company has enterprise number {kbo}",
        "nl": "geen enkele onderneming heeft ondernemingsnummer {kbo}",
        "en#cli": "see 'member list'",
        "nl#cli": "zie 'member list'",
        "en#app": "see the Members screen",
        "nl#app": "zie het scherm Leden",
    },
    "ruleset.unknown": {
        "en": "rule set {rule_set!r} is unknown; known rule sets: {known}",
        "nl": "regelset {rule_set!r} is onbekend; gekende regelsets: {known}",
    },
    # --- a text a field refuses ---
    "text.control": {
        "en": "the {what} holds the control character {code}{named} at position {position}; "
        "remove it",
        "nl": "de tekst bevat het stuurteken {code}{named} op positie {position}; verwijder het",
    },
    "text.bidi": {
        "en": "the {what} holds the bidi control character {code} ({named}) at position "
        "{position}; remove it",
        "nl": "de tekst bevat het tekstrichtingsteken {code} ({named}) op positie {position}; "
        "verwijder het",
    },
    "text.surrogate": {
        "en": "the {what} holds the unpaired surrogate {code} (not text: was the input valid "
        "UTF-8?) at position {position}; remove it",
        "nl": "de tekst bevat het losse surrogaat {code} (geen tekst: was de invoer geldige "
        "UTF-8?) op positie {position}; verwijder het",
    },
    "text.foreign_digit": {
        "en": "{what}: {char!r} ({code}) at position {position} is a digit of another script; "
        "write numbers with the digits 0-9",
        "nl": "{char!r} ({code}) op positie {position} is een cijfer uit een ander schrift; "
        "schrijf getallen met de cijfers 0-9",
    },
    "text.empty": {
        "en": "the {what} is empty",
        "nl": "het veld is leeg",
    },
    "text.too_long": {
        "en": "the {what} has {length} characters; at most {max} are allowed",
        "nl": "de tekst telt {length} tekens; hoogstens {max} zijn toegelaten",
    },
    "amount.unreadable": {
        "en": "{amount} is not an amount",
        "nl": "{amount} is geen bedrag",
    },
    # --- settings ---
    "timezone.unknown": {
        "en": "CLUSTER_LEDGER_TZ: {name!r} is not a known time zone; expected a name such as "
        "{default}",
        "nl": "CLUSTER_LEDGER_TZ: {name!r} is geen gekende tijdzone; verwacht een naam zoals "
        "{default}",
    },
    "report_language.unknown": {
        "en": "{lang!r} is not a report language; expected one of {expected}",
        "nl": "{lang!r} is geen rapporttaal; verwacht een van {expected}",
    },
    "year.outside_program": {
        "en": "{year} is outside the program of {cluster}: {rule_set} runs {count} years, "
        "{first}-{last}",
        "nl": "{year} valt buiten het programma van {cluster}: {rule_set} loopt {count} jaar, "
        "{first}-{last}",
    },
    # --- the database ---
    "write.refused": {
        "en": "the ledger refused the write: {reason}",
        "nl": "het register weigerde de wijziging: {reason}",
    },
}
