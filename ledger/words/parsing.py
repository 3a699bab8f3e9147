"""The words of a value that cannot be read: an amount, an enterprise number, a year, a
date, a member kind, a postcode, a region (``parse.`` codes), in English and Dutch.

The ledger's parsers raise these as problems, so a cell of an imported sheet or a field
of a form is refused in the language of the face that shows it. ``value`` is the text as
written, already quoted.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "parse.amount.not": {
        "en": "{value} is not an amount; expected a number such as 1234,56 or 1.234,56",
        "nl": "{value} is geen bedrag; verwacht een getal zoals 1234,56 of 1.234,56",
    },
    "parse.amount.bad": {"en": "{value} is not an amount", "nl": "{value} is geen bedrag"},
    "parse.amount.mixed": {
        "en": "{value} mixes separators in a way that is not an amount",
        "nl": "{value} mengt scheidingstekens op een manier die geen bedrag is",
    },
    "parse.amount.groups": {
        "en": "{value} is not an amount; its digit groups are not thousands",
        "nl": "{value} is geen bedrag; de groepen cijfers zijn geen duizendtallen",
    },
    "parse.amount.ambiguous": {
        "en": "{value} is ambiguous: {sep} could separate thousands or decimals; "
        "write {whole} or {decimals}",
        "nl": "{value} is dubbelzinnig: {sep} kan duizendtallen of decimalen scheiden; "
        "schrijf {whole} of {decimals}",
    },
    "parse.amount.decimals": {
        "en": "{value} has more than two decimals; amounts are in euro cents",
        "nl": "{value} heeft meer dan twee decimalen; bedragen zijn in eurocent",
    },
    "parse.amount.large": {
        "en": "{value} is too large for an amount; at most {most} euros",
        "nl": "{value} is te groot voor een bedrag; hoogstens {most} euro",
    },
    "parse.kbo.long": {
        "en": "enterprise number {value} has {length} characters; "
        "expected 10 digits such as 0123.456.749",
        "nl": "ondernemingsnummer {value} heeft {length} tekens; "
        "verwacht 10 cijfers zoals 0123.456.749",
    },
    "parse.kbo.digits": {
        "en": "enterprise number {value} has {digits} digits; "
        "expected 10 (or 9 without the leading 0)",
        "nl": "ondernemingsnummer {value} heeft {digits} cijfers; "
        "verwacht 10 (of 9 zonder de 0 vooraan)",
    },
    "parse.kbo.start": {
        "en": "enterprise number {value} starts with {first}; "
        "Belgian enterprise numbers start with 0 or 1",
        "nl": "ondernemingsnummer {value} begint met {first}; "
        "Belgische ondernemingsnummers beginnen met 0 of 1",
    },
    "parse.kbo.checksum": {
        "en": "enterprise number {value} fails the mod-97 check: its last two digits do not "
        "match the first eight; check for a typing error",
        "nl": "ondernemingsnummer {value} doorstaat de mod-97-controle niet: de laatste twee "
        "cijfers passen niet bij de eerste acht; kijk het na op een tikfout",
    },
    "parse.kbo.format": {
        "en": "enterprise number {value} is not a number; expected 10 digits such as 0123.456.749",
        "nl": "ondernemingsnummer {value} is geen nummer; verwacht 10 cijfers zoals 0123.456.749",
    },
    "parse.year": {
        "en": "{value} is not a year; expected four digits {first}-{last}, such as 2026",
        "nl": "{value} is geen jaar; verwacht vier cijfers {first}-{last}, zoals 2026",
    },
    "parse.date.none": {"en": "date {value} does not exist", "nl": "datum {value} bestaat niet"},
    "parse.date.not": {
        "en": "{value} is not a date; expected 2026-03-31 or 31/03/2026",
        "nl": "{value} is geen datum; verwacht 2026-03-31 of 31/03/2026",
    },
    "parse.kind": {
        "en": "member kind {value} is unknown; expected enterprise (onderneming), "
        "knowledge_institution (kennisinstelling), public_body (overheid) or other (andere)",
        "nl": "soort lid {value} is onbekend; verwacht onderneming, kennisinstelling, "
        "overheid of andere",
    },
    "parse.postcode": {
        "en": "postcode {value} is not a Belgian postcode; expected four digits 1000-9999",
        "nl": "postcode {value} is geen Belgische postcode; verwacht vier cijfers 1000-9999",
    },
    "parse.region": {
        "en": "region {value} is unknown; expected one of flanders, brussels, wallonia, abroad",
        "nl": "gewest {value} is onbekend; verwacht Vlaanderen, Brussel, Wallonië of buitenland",
    },
}
