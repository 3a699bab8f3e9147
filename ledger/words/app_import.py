"""The Import screen's labels and messages (``app.`` codes), in English and Dutch."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "what-guess": {"en": "What: guess", "nl": "Wat: raden"},
    "skip-invalid": {
        "en": "Import the good rows, leave out invalid ones",
        "nl": "Goede rijen importeren, ongeldige overslaan",
    },
    "what-members": {"en": "members", "nl": "leden"},
    "what-contributions": {"en": "contributions", "nl": "bijdragen"},
    "what-costs": {"en": "costs", "nl": "kosten"},
    "preview": {"en": "Preview", "nl": "Voorbeeld"},
    "choose-file": {"en": "Choose a file", "nl": "Kies een bestand"},
    "commit": {"en": "Commit", "nl": "Importeren"},
    "undo-batch": {"en": "Undo batch", "nl": "Batch ongedaan maken"},
    "undo-title": {"en": "Undo batch {batch}", "nl": "Batch {batch} ongedaan maken"},
    "problems": {"en": "Problems", "nl": "Problemen"},
    "where": {"en": "Where", "nl": "Waar"},
    "problem": {"en": "Problem", "nl": "Probleem"},
    "batches": {"en": "Import batches", "nl": "Importbatches"},
    "batch": {"en": "Batch", "nl": "Batch"},
    "what": {"en": "What", "nl": "Wat"},
    "file": {"en": "File", "nl": "Bestand"},
    "row-count": {"en": "Rows", "nl": "Rijen"},
    "undoes": {"en": "undoes {id}", "nl": "maakt {id} ongedaan"},
    "undone-by": {"en": "undone by {id}", "nl": "ongedaan gemaakt door {id}"},
    "status-new": {"en": "new", "nl": "nieuw"},
    "status-updated": {"en": "updated", "nl": "gewijzigd"},
    "status-unchanged": {"en": "unchanged", "nl": "ongewijzigd"},
    "status-conflicting": {"en": "conflicting", "nl": "in conflict"},
    "status-invalid": {"en": "invalid", "nl": "ongeldig"},
    "already-imported": {
        "en": "{where}: already imported as batch {batch}; nothing to add",
        "nl": "{where}: al geïmporteerd als batch {batch}; niets toe te voegen",
    },
    "imported": {
        "en": "Imported {rows} rows as batch {batch}.",
        "nl": "{rows} rijen geïmporteerd als batch {batch}.",
    },
    "nothing-new": {
        "en": "Nothing to add: every row is in the ledger already.",
        "nl": "Niets toe te voegen: elke rij staat al in het register.",
    },
    "import-blocked": {
        "en": "Nothing imported: fix the problems listed.",
        "nl": "Niets geïmporteerd: los de problemen op.",
    },
    "dry-run": {
        "en": "Dry run: nothing written; Commit imports these {rows} rows.",
        "nl": "Proef: niets geschreven; Importeren voegt deze {rows} rijen toe.",
    },
    "undone": {
        "en": "Batch {batch} undone as batch {undo}: {rows} entries reversed.",
        "nl": "Batch {batch} ongedaan gemaakt als batch {undo}: {rows} bijdragen tegengeboekt.",
    },
}
