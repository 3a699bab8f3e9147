"""Labels of the terminal app in English and Dutch.

The language comes from ``--lang`` or, failing that, the system locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``): a coordinator whose machine speaks Dutch gets Dutch labels.
Messages from the ledger itself (errors, warnings) stay as the ledger words them.

>>> Labels("nl")("members")
'Leden'
>>> Labels("en")("rows", first=1, last=100, total=250)
'rows 1-100 of 250'
"""

from __future__ import annotations

from tui.app.payment_labels import LABELS as PAYMENT_LABELS
from tui.app.project_labels import LABELS as PROJECT_LABELS
from tui.language import LANGUAGES, detect_language

__all__ = ["LANGUAGES", "Labels", "detect_language"]

_LABELS: dict[str, tuple[str, str]] = {
    # (English, Dutch)
    "app-title": ("Cluster ledger", "Clusterregister"),
    "valid-from": ("Takes effect on", "Geldt vanaf"),
    "mandate-action": ("What happened", "Wat gebeurde er"),
    "mandate-given": ("Mandate given", "Mandaat gegeven"),
    "mandate-correct": ("Correct the date", "Datum corrigeren"),
    "mandate-withdraw": ("Withdrawn", "Ingetrokken"),
    "dashboard": ("Dashboard", "Overzicht"),
    "members": ("Members", "Leden"),
    "contributions": ("Contributions", "Bijdragen"),
    "years": ("Years", "Jaren"),
    "audit": ("Audit", "Audit"),
    "verify-ledger": ("Verify", "Controleer"),
    "verifying": (
        "Recomputing the hash chains of the whole ledger...",
        "De hashketens van het hele register worden herberekend...",
    ),
    "verified": (
        "The ledger checks out: {entries} entries and {events} audit events in {chains} hash "
        "chains; nothing was changed, removed or slipped in.",
        "Het register klopt: {entries} boekingen en {events} auditregels in {chains} "
        "hashketens; niets werd gewijzigd, verwijderd of tussengevoegd.",
    ),
    "verify-failed": (
        "The ledger failed {count} checks (cluster-ledger verify lists them all):\n{problems}",
        "Het register faalt op {count} controles (cluster-ledger verify toont ze alle):\n"
        "{problems}",
    ),
    "toggle-theme": ("Light/dark", "Licht/donker"),
    "quit": ("Quit", "Afsluiten"),
    "palette-key": ("key: {key}", "toets: {key}"),
    "cluster": ("Cluster", "Cluster"),
    "year": ("Year", "Jaar"),
    "no-clusters": (
        "This ledger has no clusters yet. Add one with: cluster-ledger cluster add NAME "
        "--rules ibn-2026 --start-year 2026",
        "Dit register heeft nog geen clusters. Voeg er een toe met: cluster-ledger cluster add "
        "NAAM --rules ibn-2026 --start-year 2026",
    ),
    "contributions-vs-ceiling": (
        "Counted contributions against the ceiling",
        "Getelde bijdragen t.o.v. het plafond",
    ),
    "program-year": ("Program year {n} of {max}", "Programmajaar {n} van {max}"),
    "locked": ("locked", "afgesloten"),
    "open": ("open (provisional)", "open (voorlopig)"),
    "annual-cap": ("Annual cap", "Jaarlijks plafond"),
    "ceiling": ("Ceiling", "Plafond"),
    "costs": ("Coordination costs", "Coördinatiekosten"),
    "not-recorded": ("not recorded", "niet ingevoerd"),
    "total": ("Total contributions", "Totale bijdragen"),
    "counted": ("Counted contributions", "Getelde bijdragen"),
    "matched": ("Matched aid", "Gematchte steun"),
    "headroom": ("Headroom", "Ruimte"),
    "surplus": ("Surplus", "Overschot"),
    "member-count": ("Members", "Leden"),
    "mandates": ("Flemish enterprises with mandate", "Vlaamse ondernemingen met mandaat"),
    "mandates-at-deadline": ("… at the dossier deadline {day}", "… op de indieningsdatum {day}"),
    "of-required": ("{n} of {min} required", "{n} van {min} vereist"),
    "warnings": ("Warnings", "Waarschuwingen"),
    "no-warnings": ("No warnings.", "Geen waarschuwingen."),
    "deadlines": ("Call deadlines", "Deadlines van de oproep"),
    "no-deadlines": ("This rule set has no deadlines.", "Deze regelset heeft geen deadlines."),
    "days-left": ("{days} days {hours} h left", "nog {days} dagen {hours} u"),
    "passed": ("passed {days} days ago", "{days} dagen geleden verstreken"),
    "search": ("Search name, postcode or enterprise no.", "Zoek naam, postcode of ondernemingsnr."),
    "show": ("Show", "Toon"),
    "search-key": ("Search", "Zoeken"),
    "filter-all": ("All members", "Alle leden"),
    "filter-active": ("Active in the year", "Actief in het jaar"),
    "filter-left": ("Left before the year", "Vertrokken voor het jaar"),
    "filter-mandate": ("With mandate", "Met mandaat"),
    "filter-no-mandate": ("Without mandate", "Zonder mandaat"),
    "kbo": ("Enterprise no.", "Ondernemingsnr."),
    "name": ("Name", "Naam"),
    "kind": ("Kind", "Soort"),
    "postcode": ("Postcode", "Postcode"),
    "region": ("Region", "Gewest"),
    "joined": ("Joined", "Toegetreden"),
    "left": ("Left", "Vertrokken"),
    "mandate": ("Mandate", "Mandaat"),
    "add-member": ("Add member", "Lid toevoegen"),
    "edit-member": ("Edit member", "Lid wijzigen"),
    "leave": ("Leave", "Uittreden"),
    "record-mandate": ("Record mandate", "Mandaat invoeren"),
    "next-page": ("Next page", "Volgende pagina"),
    "prev-page": ("Previous page", "Vorige pagina"),
    "rows": ("rows {first}-{last} of {total}", "rijen {first}-{last} van {total}"),
    "no-rows": ("no rows", "geen rijen"),
    "id": ("No.", "Nr."),
    "amount": ("Amount (EUR)", "Bedrag (EUR)"),
    "paid-on": ("Paid on", "Betaald op"),
    "note": ("Note", "Opmerking"),
    "source": ("Source", "Bron"),
    "reversal": ("Reversal", "Tegenboeking"),
    "reverses": ("reverses {id}", "boekt {id} tegen"),
    "reversed-by": ("reversed by {id}", "tegengeboekt door {id}"),
    "add-entry": ("Add entry", "Bijdrage invoeren"),
    "reverse": ("Reverse", "Tegenboeken"),
    "reason": ("Reason", "Reden"),
    "reverse-title": ("Reverse entry {id}", "Bijdrage {id} tegenboeken"),
    "date": ("Date (2026-03-31 or 31/03/2026)", "Datum (2026-03-31 of 31/03/2026)"),
    "lock": ("Lock year", "Jaar afsluiten"),
    "reopen": ("Reopen year", "Jaar heropenen"),
    "reopen-title": ("Reopen {year}", "{year} heropenen"),
    "state": ("State", "Status"),
    "program-year-short": ("Program year", "Programmajaar"),
    "changed": ("Last change", "Laatste wijziging"),
    "by": ("By", "Door"),
    "when": ("When", "Wanneer"),
    "who": ("Who", "Wie"),
    "action": ("Action", "Actie"),
    "details": ("Details", "Details"),
    "save": ("Save", "Opslaan"),
    "cancel": ("Cancel", "Annuleren"),
    "required": ("required", "verplicht"),
    "saved-member": ("{name} is a member of {cluster}.", "{name} is lid van {cluster}."),
    "updated-member": ("{name} updated.", "{name} bijgewerkt."),
    "left-on": ("{name} leaves on {date}.", "{name} treedt uit op {date}."),
    "mandate-on": ("Mandate of {name} recorded: {date}.", "Mandaat van {name} ingevoerd: {date}."),
    "recorded": ("Entry {id} recorded: {amount}.", "Bijdrage {id} ingevoerd: {amount}."),
    "reversed": ("Entry {id} reversed by {rid}.", "Bijdrage {id} tegengeboekt door {rid}."),
    "locked-year": ("{year} is locked.", "{year} is afgesloten."),
    "reopened-year": ("{year} is reopened.", "{year} is heropend."),
    "select-row": ("Select a row first.", "Kies eerst een rij."),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "import": ("Import", "Importeren"),
    "import-file": (
        "File to import (.xlsx, .xls, .ods, .csv)",
        "Te importeren bestand (.xlsx, .xls, .ods, .csv)",
    ),
    "what-guess": ("What: guess", "Wat: raden"),
    "skip-invalid": (
        "Import the good rows, leave out invalid ones",
        "Goede rijen importeren, ongeldige overslaan",
    ),
    "what-members": ("members", "leden"),
    "what-contributions": ("contributions", "bijdragen"),
    "what-costs": ("costs", "kosten"),
    "preview": ("Preview", "Voorbeeld"),
    "choose-file": ("Choose a file", "Kies een bestand"),
    "commit": ("Commit", "Importeren"),
    "undo-batch": ("Undo batch", "Batch ongedaan maken"),
    "undo-title": ("Undo batch {batch}", "Batch {batch} ongedaan maken"),
    "problems": ("Problems", "Problemen"),
    "where": ("Where", "Waar"),
    "problem": ("Problem", "Probleem"),
    "batches": ("Import batches", "Importbatches"),
    "batch": ("Batch", "Batch"),
    "what": ("What", "Wat"),
    "file": ("File", "Bestand"),
    "row-count": ("Rows", "Rijen"),
    "rows-word": ("rows", "rijen"),
    "undoes": ("undoes {id}", "maakt {id} ongedaan"),
    "undone-by": ("undone by {id}", "ongedaan gemaakt door {id}"),
    "status-new": ("new", "nieuw"),
    "status-updated": ("updated", "gewijzigd"),
    "status-unchanged": ("unchanged", "ongewijzigd"),
    "status-conflicting": ("conflicting", "in conflict"),
    "status-invalid": ("invalid", "ongeldig"),
    "already-imported": (
        "{where}: already imported as batch {batch}; nothing to add",
        "{where}: al geïmporteerd als batch {batch}; niets toe te voegen",
    ),
    "imported": (
        "Imported {rows} rows as batch {batch}.",
        "{rows} rijen geïmporteerd als batch {batch}.",
    ),
    "nothing-new": (
        "Nothing to add: every row is in the ledger already.",
        "Niets toe te voegen: elke rij staat al in het register.",
    ),
    "import-blocked": (
        "Nothing imported: fix the problems listed.",
        "Niets geïmporteerd: los de problemen op.",
    ),
    "dry-run": (
        "Dry run: nothing written; Commit imports these {rows} rows.",
        "Proef: niets geschreven; Importeren voegt deze {rows} rijen toe.",
    ),
    "undone": (
        "Batch {batch} undone as batch {undo}: {rows} entries reversed.",
        "Batch {batch} ongedaan gemaakt als batch {undo}: {rows} bijdragen tegengeboekt.",
    ),
    "reports": ("Reports", "Rapporten"),
    "report-kind": ("Report", "Rapport"),
    "report-year": ("Annual report", "Jaarrapport"),
    "report-overview": ("Overview of all years", "Overzicht van alle jaren"),
    "report-path": ("Workbook to write (.xlsx)", "Te schrijven werkmap (.xlsx)"),
    "report-lang": ("Language", "Taal"),
    "overwrite": ("Replace an existing file", "Bestaand bestand vervangen"),
    "export": ("Export", "Exporteren"),
    "exported": (
        "Wrote {path} ({what}; {entries} entries).",
        "{path} geschreven ({what}; {entries} bijdragen).",
    ),
    "known-company": (
        "Known company: its details are filled in.",
        "Gekend bedrijf: de gegevens zijn ingevuld.",
    ),
}

if set(_LABELS) & set(PAYMENT_LABELS):  # pragma: no cover - a programming error
    raise RuntimeError(f"labels named twice: {sorted(set(_LABELS) & set(PAYMENT_LABELS))}")
_LABELS.update(PAYMENT_LABELS)
if set(_LABELS) & set(PROJECT_LABELS):  # pragma: no cover - a programming error
    raise RuntimeError(f"labels named twice: {sorted(set(_LABELS) & set(PROJECT_LABELS))}")
_LABELS.update(PROJECT_LABELS)

# Values stored in the ledger, as a reader sees them.
_WORDS: dict[str, tuple[str, str]] = {
    "enterprise": ("enterprise", "onderneming"),
    "knowledge_institution": ("knowledge institution", "kennisinstelling"),
    "public_body": ("public body", "overheid"),
    "other": ("other", "andere"),
    "flanders": ("Flanders", "Vlaanderen"),
    "brussels": ("Brussels", "Brussel"),
    "wallonia": ("Wallonia", "Wallonië"),
    "abroad": ("abroad", "buitenland"),
    "members": ("members", "leden"),
    "contributions": ("contributions", "bijdragen"),
    "costs": ("costs", "kosten"),
}


class Labels:
    """The label of a key in one language, filled in with ``str.format`` fields."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r}; expected one of {', '.join(LANGUAGES)}")
        self.language = language
        self._index = LANGUAGES.index(language)

    def __call__(self, name: str, /, **fields: object) -> str:
        text = _LABELS[name][self._index]
        return text.format(**fields) if fields else text

    def word(self, value: str) -> str:
        """A stored value (a member kind, a region) in this language; unknown ones as stored."""
        pair = _WORDS.get(value)
        return pair[self._index] if pair else value
