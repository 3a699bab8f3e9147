"""The words for bank statements and payments: reading a statement, its checks, and the
notes that explain why a movement waits in the unmatched queue (:mod:`ledger.payments`).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # Reading the file.
    "statement.format": {
        "en": "this is not a bank statement: expected a CODA file (fixed-width records of 128 "
        "characters) or ISO 20022 camt.053/camt.054 XML; found {found}",
        "nl": "dit is geen rekeninguittreksel: verwacht een CODA-bestand (records van 128 tekens) "
        "of ISO 20022 camt.053/camt.054 XML; gevonden: {found}",
    },
    "coda.record-length": {
        "en": "the record is {length} characters long; CODA records are 128. The file was cut "
        "off or changed: ask the bank for the file again",
        "nl": "het record is {length} tekens lang; CODA-records zijn er 128. Het bestand is "
        "afgekapt of gewijzigd: vraag het opnieuw aan de bank",
    },
    "coda.record-type": {
        "en": "the record starts with {found!r}; CODA records start with 0, 1, 2, 3, 4, 8 or 9",
        "nl": "het record begint met {found!r}; CODA-records beginnen met 0, 1, 2, 3, 4, 8 of 9",
    },
    "coda.truncated": {
        "en": "the file ends here without the trailer record (9) of its statement: it was cut "
        "off; ask the bank for the file again",
        "nl": "het bestand stopt hier zonder het slotrecord (9) van het uittreksel: het is "
        "afgekapt; vraag het opnieuw aan de bank",
    },
    "coda.unreadable": {
        "en": "the CODA file cannot be read here: {reason}",
        "nl": "het CODA-bestand is hier onleesbaar: {reason}",
    },
    "coda.version": {
        "en": "this is a CODA {version}.x file; only CODA 2.x is read (ask the bank for version 2)",
        "nl": "dit is een CODA {version}.x-bestand; alleen CODA 2.x wordt gelezen (vraag de "
        "bank om versie 2)",
    },
    "statement.amount": {
        "en": "the amount {amount} is not a number; a statement's amounts are like 1250.00",
        "nl": "het bedrag {amount} is geen getal; de bedragen van een uittreksel zien eruit "
        "als 1250.00",
    },
    "statement.decimals": {
        "en": "the amount {amount} has more than two decimals; a statement in euros has cents",
        "nl": "het bedrag {amount} heeft meer dan twee decimalen; een uittreksel in euro "
        "telt in cent",
    },
    "camt.xml": {
        "en": "the camt file is not well-formed XML: {reason}",
        "nl": "het camt-bestand is geen geldige XML: {reason}",
    },
    "camt.unsafe": {
        "en": "the camt file declares {what}, which a bank statement never needs; refused "
        "(an entity bomb or a reference to another file)",
        "nl": "het camt-bestand declareert {what}, wat een rekeninguittreksel nooit nodig "
        "heeft; geweigerd (een entity bomb of een verwijzing naar een ander bestand)",
    },
    "camt.missing": {
        "en": "{place} lacks {element}",
        "nl": "{place} mist {element}",
    },
    "camt.value": {
        "en": "{element} holds {found!r}; expected {expected}",
        "nl": "{element} bevat {found!r}; verwacht {expected}",
    },
    "statement.empty": {
        "en": "the file holds no statement",
        "nl": "het bestand bevat geen uittreksel",
    },
    # The statement's checks.
    "statement.currency": {
        "en": "the statement of {account} is in {currency}; contributions are in euros, and "
        "nothing is converted",
        "nl": "het uittreksel van {account} is in {currency}; bijdragen zijn in euro en er "
        "wordt niets omgerekend",
    },
    "statement.balance": {
        "en": "statement {number} does not add up: old balance {opening} + movements {moved} "
        "= {expected}, but the new balance is {closing}; nothing of it was booked",
        "nl": "uittreksel {number} klopt niet: oud saldo {opening} + verrichtingen {moved} "
        "= {expected}, maar het nieuwe saldo is {closing}; er is niets van geboekt",
    },
    "statement.bundle": {
        "en": "the bundled amount {amount} of movement {line} has details adding up to {details}",
        "nl": "het gebundelde bedrag {amount} van verrichting {line} heeft details die samen "
        "{details} zijn",
    },
    "statement.account": {
        "en": "the statement is for account {account}, which is not an account of {cluster}",
        "nl": "het uittreksel is van rekening {account}, die geen rekening van {cluster} is",
        "en#cli": "add it with 'cluster account add' if it is",
        "nl#cli": "voeg ze toe met 'cluster account add' als ze dat wel is",
    },
    "account.iban": {
        "en": "{iban!r} is not a valid IBAN: {reason}",
        "nl": "{iban!r} is geen geldige IBAN: {reason}",
    },
    "account.taken": {
        "en": "account {iban} is already an account of {cluster}",
        "nl": "rekening {iban} is al een rekening van {cluster}",
    },
    # Deciding on a movement (:mod:`ledger.payments.actions`).
    "payment.unknown": {
        "en": "payment {movement} is not a movement of {cluster}",
        "nl": "betaling {movement} is geen verrichting van {cluster}",
        "en#cli": "see 'payments list'",
        "nl#cli": "zie 'payments list'",
        "en#app": "see the Payments screen",
        "nl#app": "zie het scherm Betalingen",
    },
    "payment.booked": {
        "en": "payment {movement} is already booked as contribution {entry}; reverse that "
        "entry first if it is wrong",
        "nl": "betaling {movement} is al geboekt als bijdrage {entry}; boek die eerst tegen "
        "als ze fout is",
    },
    "payment.duplicate": {
        "en": "payment {movement} is the same movement as payment {original} (from an "
        "overlapping statement); decide on that one",
        "nl": "betaling {movement} is dezelfde verrichting als betaling {original} (uit een "
        "overlappend uittreksel); beslis over die",
    },
    "payment.bundle": {
        "en": "payment {movement} is a bundle whose {count} details are payments of their "
        "own; decide on those",
        "nl": "betaling {movement} is een bundel waarvan de {count} detailregels elk een "
        "eigen betaling zijn; beslis over die",
    },
    "payment.outgoing": {
        "en": "payment {movement} is money going out ({amount}); only money coming in becomes "
        "a contribution: dismiss it, or reverse the entry it refunds",
        "nl": "betaling {movement} is een uitgaand bedrag ({amount}); alleen inkomend geld "
        "wordt een bijdrage: wijs ze af, of boek de bijdrage die ze terugbetaalt tegen",
        "en#cli": "use 'contribution reverse'",
        "nl#cli": "gebruik 'contribution reverse'",
        "en#app": "do that on the Contributions screen",
        "nl#app": "dat gaat op het scherm Bijdragen",
    },
    "payment.dismissed": {
        "en": "payment {movement} was dismissed already: {reason}",
        "nl": "betaling {movement} werd al afgewezen: {reason}",
    },
    "payment.not-queued": {
        "en": "payment {movement} is not in the unmatched queue: money going out that is no "
        "contribution needs no decision",
        "nl": "betaling {movement} staat niet in de wachtrij van niet-gekoppelde betalingen: "
        "uitgaand geld dat geen bijdrage is, vraagt geen beslissing",
    },
    "ogm.year-range": {
        "en": "{year} is outside {cluster}'s years for structured communications ({first}-{last})",
        "nl": "{year} valt buiten de jaren van {cluster} voor gestructureerde mededelingen "
        "({first}-{last})",
    },
    # Why a movement waits for the user's say (the unmatched queue).
    "queue.bad-check": {
        "en": "the structured communication {ref} has a bad check digit (a typing error?): "
        "never matched on its own",
        "nl": "de gestructureerde mededeling {ref} heeft een fout controlegetal (een tikfout?): "
        "nooit vanzelf gekoppeld",
    },
    "queue.foreign-ogm": {
        "en": "the structured communication {ref} is not one this cluster gave a member",
        "nl": "de gestructureerde mededeling {ref} is er geen die deze cluster aan een lid gaf",
    },
    "queue.unknown-payer": {
        "en": "no structured communication, and the payer's account is tied to no member",
        "nl": "geen gestructureerde mededeling, en de rekening van de betaler hoort bij geen lid",
    },
    "queue.shared-payer": {
        "en": "no structured communication, and the payer's account {iban} pays for several "
        "members ({members})",
        "nl": "geen gestructureerde mededeling, en rekening {iban} betaalt voor meerdere "
        "leden ({members})",
    },
    "queue.years": {
        "en": "the communication names more than one year ({years})",
        "nl": "de mededeling noemt meer dan een jaar ({years})",
    },
    "queue.refused": {
        "en": "not booked: {reason}",
        "nl": "niet geboekt: {reason}",
    },
    "queue.bundle": {
        "en": "a bundled amount of {count} payments without their details; ask the bank for "
        "the details, or assign it whole",
        "nl": "een gebundeld bedrag van {count} betalingen zonder details; vraag de details "
        "aan de bank, of wijs het in zijn geheel toe",
    },
    "queue.return": {
        "en": "money going back to a member that returns no booked payment of the same amount",
        "nl": "geld terug naar een lid dat geen geboekte betaling van hetzelfde bedrag terugdraait",
    },
    # Why a movement was booked.
    "match.ogm": {
        "en": "structured communication of {name} for {year}",
        "nl": "gestructureerde mededeling van {name} voor {year}",
    },
    "match.iban": {
        "en": "payer's account {iban} is tied to {name}; year {year} ({why})",
        "nl": "rekening {iban} van de betaler hoort bij {name}; jaar {year} ({why})",
    },
    "match.kbo": {
        "en": "payer's enterprise number is that of {name}; year {year} ({why})",
        "nl": "ondernemingsnummer van de betaler is dat van {name}; jaar {year} ({why})",
    },
    "match.assigned": {
        "en": "assigned by {actor} to {name} for {year}",
        "nl": "door {actor} toegewezen aan {name} voor {year}",
    },
    "match.return": {
        "en": "returns the payment booked as entry {entry}",
        "nl": "draait de betaling terug die als boeking {entry} geboekt is",
    },
}
