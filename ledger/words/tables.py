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
}
