"""The words of a failure that is not a bug (``failure.`` codes): a full disk, a total past
what the database can add, a damaged ledger file (see :mod:`ledger.failures`)."""

from __future__ import annotations

_FREE = {
    "en": "free some space there (or point TMPDIR at a folder with room) and try again",
    "nl": "maak daar ruimte vrij (of wijs TMPDIR naar een map met ruimte) en probeer opnieuw",
}

TEXTS: dict[str, dict[str, str]] = {
    "failure.full_at": {
        "en": "the disk holding {where} is full (No space left on device): nothing was "
        f"written; {_FREE['en']}",
        "nl": "de schijf met {where} is vol (No space left on device): er is niets "
        f"geschreven; {_FREE['nl']}",
    },
    "failure.full": {
        "en": "the disk (or the temporary folder) is full (No space left on device): nothing "
        f"was written; {_FREE['en']}",
        "nl": "de schijf (of de tijdelijke map) is vol (No space left on device): er is niets "
        f"geschreven; {_FREE['nl']}",
    },
    "failure.overflow": {
        "en": "the ledger's amounts add up beyond what the database can sum (more than 2^63 "
        "cents): an amount far too large was written to it outside cluster-ledger",
        "nl": "de bedragen van het register tellen op tot meer dan de databank kan optellen "
        "(meer dan 2^63 cent): een veel te groot bedrag is er buiten cluster-ledger in "
        "geschreven",
        "en#cli": "run 'cluster-ledger verify' to find it, then restore a backup from before it",
        "nl#cli": "zoek het met 'cluster-ledger verify' en zet dan een back-up van ervoor terug",
        "en#app": "verify the ledger (v on the Audit screen) to find it, then restore a "
        "backup from before it",
        "nl#app": "controleer het register (v op het scherm Audit) om het te vinden en zet "
        "dan een back-up van ervoor terug",
    },
    "failure.damaged": {
        "en": "{where} is damaged ({reason})",
        "nl": "{where} is beschadigd ({reason})",
        "en#cli": "restore it from a backup with 'cluster-ledger --db {where} restore "
        "BACKUP.sqlite' (the damaged file is kept beside it), then run 'cluster-ledger verify'",
        "nl#cli": "zet een back-up terug met 'cluster-ledger --db {where} restore "
        "BACKUP.sqlite' (het beschadigde bestand blijft ernaast), en voer dan "
        "'cluster-ledger verify' uit",
        "en#app": "close the app and restore the ledger from a backup (the damaged file is "
        "kept beside it), then verify it",
        "nl#app": "sluit de app en zet een back-up van het register terug (het beschadigde "
        "bestand blijft ernaast), en controleer het dan",
    },
}
