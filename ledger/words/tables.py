"""The words for writing a table or a workbook to a file (``file.`` codes)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "file.suffix": {
        "en": "{name!r} ends in neither {suffixes}",
        "nl": "{name!r} eindigt niet op {suffixes}",
        "en#cli": "name the file FILE{first}",
        "nl#cli": "noem het bestand BESTAND{first}",
        "en#app": "give the file one of these endings",
        "nl#app": "geef het bestand een van die extensies",
    },
    "file.no_folder": {
        "en": "the folder {folder} does not exist",
        "nl": "de map {folder} bestaat niet",
    },
    "file.is_folder": {
        "en": "{path} is a folder; expected a file name",
        "nl": "{path} is een map; verwacht een bestandsnaam",
    },
    "file.exists": {
        "en": "{path} already exists",
        "nl": "{path} bestaat al",
        "en#cli": "pass --force to replace it",
        "nl#cli": "geef --force mee om het te vervangen",
        "en#app": "tick 'Replace an existing file' to replace it",
        "nl#app": "vink 'Bestaand bestand vervangen' aan om het te vervangen",
    },
    "file.not_writable": {
        "en": "cannot write {path}: {reason}",
        "nl": "kan {path} niet schrijven: {reason}",
    },
    # Checked before a file is written (:mod:`ledger.files`).
    "file.control": {
        "en": "the file name holds a control character; remove it",
        "nl": "de bestandsnaam bevat een stuurteken; verwijder het",
    },
    "file.ending": {
        "en": "{name!r} does not end in {suffixes}",
        "nl": "{name!r} heeft niet de verwachte extensie",
        "en#cli": "name the {what} FILE{first}",
        "nl#cli": "noem het bestand BESTAND{first}",
        "en#app": "give the file the ending {first}",
        "nl#app": "geef het bestand de extensie {first}",
    },
    "file.is_ledger": {
        "en": "{path} is the ledger itself (or one of its files); give another name",
        "nl": "{path} is het register zelf (of een van zijn bestanden); kies een andere naam",
    },
    "file.folder_denied": {
        "en": "cannot write to the folder {folder}: permission denied",
        "nl": "kan niet schrijven in de map {folder}: geen toestemming",
    },
    "file.unusable": {
        "en": "cannot use {path}: {reason}",
        "nl": "kan {path} niet gebruiken: {reason}",
    },
    "file.symlink": {
        "en": "{path} is a symbolic link; give the file it points to, or another name",
        "nl": "{path} is een symbolische koppeling; geef het bestand waarnaar ze verwijst, of "
        "een andere naam",
    },
    "file.special": {
        "en": "{path} is not a regular file (a device, FIFO or socket); give a file name",
        "nl": "{path} is geen gewoon bestand (een apparaat, FIFO of socket); geef een bestandsnaam",
    },
    "file.database": {
        "en": "{path} is a SQLite database (a ledger?); it is never replaced by a {what}: "
        "give another name",
        "nl": "{path} is een SQLite-databank (een register?); die wordt nooit overschreven: "
        "kies een andere naam",
    },
    "file.folder_unwritable": {
        "en": "cannot write to {folder}: {reason}",
        "nl": "kan niet schrijven in {folder}: {reason}",
    },
}
