"""The words for problems with names (:mod:`ledger.names`)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "name.invisible": {
        "en": "the name holds the invisible character {char} ({char_name}) at position "
        "{position}; remove it",
        "nl": "de naam bevat het onzichtbare teken {char} ({char_name}) op positie {position}; "
        "verwijder het",
    },
    "name.bidi": {
        "en": "the name holds the bidi control character {char} ({char_name}) at position "
        "{position}; remove it",
        "nl": "de naam bevat het tekstrichtingsteken {char} ({char_name}) op positie "
        "{position}; verwijder het",
    },
    "name.lookalike": {
        "en": "{name!r} looks the same as the existing {existing!r}",
        "nl": "{name!r} ziet eruit als het bestaande {existing!r}",
        "en#cli": "use that one, or choose a name that reads differently",
        "nl#cli": "gebruik die, of kies een naam die anders leest",
        "en#app": "choose it in the list, or a name that reads differently",
        "nl#app": "kies die in de lijst, of een naam die anders leest",
    },
    "name.ambiguous": {
        "en": "{name!r} matches several clusters ({names}) once case and invisible characters "
        "are ignored; type the name exactly as listed",
        "nl": "{name!r} past bij meerdere clusters ({names}) als hoofdletters en onzichtbare "
        "tekens niet tellen; typ de naam precies zoals vermeld",
    },
}
