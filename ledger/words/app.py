"""The terminal app's labels and messages (``app.`` codes), in English and Dutch.

Screens ask for them through :class:`tui.app.i18n.Labels` (``labels("members")``).
A message never names a command-line option: the app says which screen or key does it.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "app-title": {"en": "Cluster ledger", "nl": "Clusterregister"},
    "valid-from": {"en": "Takes effect on", "nl": "Geldt vanaf"},
    "mandate-action": {"en": "What happened", "nl": "Wat gebeurde er"},
    "mandate-given": {"en": "Mandate given", "nl": "Mandaat gegeven"},
    "mandate-correct": {"en": "Correct the date", "nl": "Datum corrigeren"},
    "mandate-withdraw": {"en": "Withdrawn", "nl": "Ingetrokken"},
    "date": {"en": "Date", "nl": "Datum"},
    "dashboard": {"en": "Dashboard", "nl": "Overzicht"},
    "members": {"en": "Members", "nl": "Leden"},
    "contributions": {"en": "Contributions", "nl": "Bijdragen"},
    "years": {"en": "Years", "nl": "Jaren"},
    "audit": {"en": "Audit", "nl": "Audit"},
    "verify-ledger": {"en": "Verify", "nl": "Controleer"},
    "verifying": {
        "en": "Recomputing the hash chains of the whole ledger...",
        "nl": "De hashketens van het hele register worden herberekend...",
    },
    "verified": {
        "en": (
            "The ledger checks out: {entries} entries and {events} audit events in {chains} "
            "hash chains; nothing was changed, removed or slipped in."
        ),
        "nl": (
            "Het register klopt: {entries} boekingen en {events} auditregels in {chains} "
            "hashketens; niets werd gewijzigd, verwijderd of tussengevoegd."
        ),
    },
    "verify-failed": {
        "en": "The ledger failed {count} checks; the first ones:\n{problems}",
        "nl": "Het register faalt op {count} controles; de eerste:\n{problems}",
    },
    "toggle-theme": {"en": "Light/dark", "nl": "Licht/donker"},
    "quit": {"en": "Quit", "nl": "Afsluiten"},
    "palette-key": {"en": "key: {key}", "nl": "toets: {key}"},
    "cluster": {"en": "Cluster", "nl": "Cluster"},
    "year": {"en": "Year", "nl": "Jaar"},
    "no-clusters": {
        "en": "This ledger has no clusters yet: press n to add one.",
        "nl": "Dit register heeft nog geen clusters: druk op n om er een toe te voegen.",
    },
    "contributions-vs-ceiling": {
        "en": "Counted contributions against the ceiling",
        "nl": "Getelde bijdragen t.o.v. het plafond",
    },
    "program-year": {"en": "Program year {n} of {max}", "nl": "Programmajaar {n} van {max}"},
    "locked": {"en": "locked", "nl": "afgesloten"},
    "open": {"en": "open (provisional)", "nl": "open (voorlopig)"},
    "annual-cap": {"en": "Annual cap", "nl": "Jaarlijks plafond"},
    "ceiling": {"en": "Ceiling", "nl": "Plafond"},
    "costs": {"en": "Coordination costs", "nl": "Coördinatiekosten"},
    "not-recorded": {"en": "not recorded", "nl": "niet ingevoerd"},
    "total": {"en": "Total contributions", "nl": "Totale bijdragen"},
    "counted": {"en": "Counted contributions", "nl": "Getelde bijdragen"},
    "matched": {"en": "Matched aid", "nl": "Gematchte steun"},
    "headroom": {"en": "Headroom", "nl": "Ruimte"},
    "surplus": {"en": "Surplus", "nl": "Overschot"},
    "member-count": {"en": "Members", "nl": "Leden"},
    "mandates": {
        "en": "Flemish enterprises with mandate",
        "nl": "Vlaamse ondernemingen met mandaat",
    },
    "mandates-at-deadline": {
        "en": "… at the dossier deadline {day}",
        "nl": "… op de indieningsdatum {day}",
    },
    "of-required": {"en": "{n} of {min} required", "nl": "{n} van {min} vereist"},
    "warnings": {"en": "Warnings", "nl": "Waarschuwingen"},
    "no-warnings": {"en": "No warnings.", "nl": "Geen waarschuwingen."},
    "deadlines": {"en": "Call deadlines", "nl": "Deadlines van de oproep"},
    "no-deadlines": {
        "en": "This rule set has no deadlines.",
        "nl": "Deze regelset heeft geen deadlines.",
    },
    "days-left": {"en": "{days} days {hours} h left", "nl": "nog {days} dagen {hours} u"},
    "passed": {"en": "passed {days} days ago", "nl": "{days} dagen geleden verstreken"},
    "filter-all": {"en": "All members", "nl": "Alle leden"},
    "filter-active": {"en": "Active in the year", "nl": "Actief in het jaar"},
    "filter-left": {"en": "Left before the year", "nl": "Vertrokken voor het jaar"},
    "filter-mandate": {
        "en": "Flemish enterprises with a mandate",
        "nl": "Vlaamse ondernemingen met mandaat",
    },
    "filter-no-mandate": {
        "en": "Flemish enterprises without a mandate",
        "nl": "Vlaamse ondernemingen zonder mandaat",
    },
    "kbo": {"en": "Enterprise no.", "nl": "Ondernemingsnr."},
    "name": {"en": "Name", "nl": "Naam"},
    "kind": {"en": "Kind", "nl": "Soort"},
    "postcode": {"en": "Postcode", "nl": "Postcode"},
    "region": {"en": "Region", "nl": "Gewest"},
    "joined": {"en": "Joined", "nl": "Toegetreden"},
    "left": {"en": "Left", "nl": "Vertrokken"},
    "mandate": {"en": "Mandate", "nl": "Mandaat"},
    "add-member": {"en": "Add member", "nl": "Lid toevoegen"},
    "edit-member": {"en": "Edit member", "nl": "Lid wijzigen"},
    "leave": {"en": "Leave", "nl": "Uittreden"},
    "record-mandate": {"en": "Record mandate", "nl": "Mandaat invoeren"},
    "next-page": {"en": "Next page", "nl": "Volgende pagina"},
    "prev-page": {"en": "Previous page", "nl": "Vorige pagina"},
    "rows": {"en": "rows {first}-{last} of {total}", "nl": "rijen {first}-{last} van {total}"},
    "no-rows": {"en": "no rows", "nl": "geen rijen"},
    "id": {"en": "No.", "nl": "Nr."},
    "amount": {"en": "Amount (EUR)", "nl": "Bedrag (EUR)"},
    "paid-on": {"en": "Paid on", "nl": "Betaald op"},
    "note": {"en": "Note", "nl": "Opmerking"},
    "source": {"en": "Source", "nl": "Bron"},
    "reverses": {"en": "reverses {id}", "nl": "boekt {id} tegen"},
    "reversed-by": {"en": "reversed by {id}", "nl": "tegengeboekt door {id}"},
    "add-entry": {"en": "Add entry", "nl": "Bijdrage invoeren"},
    "reverse": {"en": "Reverse", "nl": "Tegenboeken"},
    "reason": {"en": "Reason", "nl": "Reden"},
    "reverse-title": {"en": "Reverse entry {id}", "nl": "Boeking {id} tegenboeken"},
    "lock": {"en": "Lock year", "nl": "Jaar afsluiten"},
    "reopen": {"en": "Reopen year", "nl": "Jaar heropenen"},
    "reopen-title": {"en": "Reopen {year}", "nl": "{year} heropenen"},
    "state": {"en": "State", "nl": "Status"},
    "program-year-short": {"en": "Program year", "nl": "Programmajaar"},
    "by": {"en": "By", "nl": "Door"},
    "when": {"en": "When", "nl": "Wanneer"},
    "who": {"en": "Who", "nl": "Wie"},
    "action": {"en": "Action", "nl": "Actie"},
    "details": {"en": "Details", "nl": "Details"},
    "save": {"en": "Save", "nl": "Opslaan"},
    "cancel": {"en": "Cancel", "nl": "Annuleren"},
    "required": {"en": "required", "nl": "verplicht"},
    "saved-member": {
        "en": "{name} is a member of {cluster}.",
        "nl": "{name} is lid van {cluster}.",
    },
    "updated-member": {"en": "{name} updated.", "nl": "{name} bijgewerkt."},
    "left-on": {"en": "{name} leaves on {date}.", "nl": "{name} treedt uit op {date}."},
    "mandate-on": {
        "en": "Mandate of {name} recorded: {date}.",
        "nl": "Mandaat van {name} ingevoerd: {date}.",
    },
    "recorded": {
        "en": "Entry {id} recorded: {amount}.",
        "nl": "Bijdrage {id} ingevoerd: {amount}.",
    },
    "reversed": {
        "en": "Entry {id} reversed by {rid}.",
        "nl": "Bijdrage {id} tegengeboekt door {rid}.",
    },
    "locked-year": {"en": "{year} is locked.", "nl": "{year} is afgesloten."},
    "reopened-year": {"en": "{year} is reopened.", "nl": "{year} is heropend."},
    "select-row": {"en": "Select a row first.", "nl": "Kies eerst een rij."},
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "import": {"en": "Import", "nl": "Importeren"},
    "reports": {"en": "Reports", "nl": "Rapporten"},
    "report-kind": {"en": "Report", "nl": "Rapport"},
    "report-year": {"en": "Annual report", "nl": "Jaarrapport"},
    "report-overview": {"en": "Overview of all years", "nl": "Overzicht van alle jaren"},
    "report-path": {"en": "Workbook to write (.xlsx)", "nl": "Te schrijven werkmap (.xlsx)"},
    "report-lang": {"en": "Language", "nl": "Taal"},
    "overwrite": {"en": "Replace an existing file", "nl": "Bestaand bestand vervangen"},
    "export": {"en": "Export", "nl": "Exporteren"},
    "exported": {
        "en": "Wrote {path} ({what}; {entries} entries).",
        "nl": "{path} geschreven ({what}; {entries} bijdragen).",
    },
    "known-company": {
        "en": "Known company: its details are filled in.",
        "nl": "Gekend bedrijf: de gegevens zijn ingevuld.",
    },
    "costs-screen": {"en": "Costs", "nl": "Kosten"},
    "entries": {"en": "Entries", "nl": "Boekingen"},
    "net": {"en": "Net (EUR)", "nl": "Netto (EUR)"},
    "filter-key": {"en": "Filter", "nl": "Filteren"},
    "filter": {
        "en": "Filter: a name, a number, a word (accents and case ignored)",
        "nl": "Filter: een naam, een nummer, een woord (accenten en hoofdletters maken niet uit)",
    },
    "no-rows-filtered": {
        "en": "no rows match the filter",
        "nl": "geen rijen voldoen aan de filter",
    },
    "export-table": {"en": "Export table", "nl": "Tabel exporteren"},
    "export-table-title": {
        "en": "Export this table (all its rows, as filtered)",
        "nl": "Deze tabel exporteren (alle rijen, zoals gefilterd)",
    },
    "export-path": {"en": "File (.csv or .xlsx)", "nl": "Bestand (.csv of .xlsx)"},
    "exported-table": {
        "en": "Wrote {rows} rows to {path}.",
        "nl": "{rows} rijen geschreven naar {path}.",
    },
    "correction": {"en": "Correction", "nl": "Correctie"},
    "paid": {"en": "Paid (EUR)", "nl": "Betaald (EUR)"},
    "expected": {"en": "Expected (EUR)", "nl": "Verwacht (EUR)"},
    "set-fee": {"en": "Expected fee", "nl": "Verwachte bijdrage"},
    "region-from-postcode": {"en": "from the postcode", "nl": "volgens de postcode"},
    "fee-what": {
        "en": "The fee {who} is expected to pay in {year}; it wins over the fee of its kind.",
        "nl": (
            "De bijdrage die {who} in {year} verschuldigd is; ze gaat voor op die van zijn soort."
        ),
    },
    "fee-now": {"en": "Now: {fee}", "nl": "Nu: {fee}"},
    "no-fee": {"en": "none of its own", "nl": "geen eigen bijdrage"},
    "fee-clear": {
        "en": "Leave the amount empty to remove it.",
        "nl": "Laat het bedrag leeg om ze te schrappen.",
    },
    "fee-cleared": {
        "en": "{who} has no fee of its own in {year} any more.",
        "nl": "{who} heeft in {year} geen eigen bijdrage meer.",
    },
    "fee-set": {
        "en": "{who} is expected to pay {fee} in {year}.",
        "nl": "{who} is in {year} {fee} verschuldigd.",
    },
    "filter-unpaid": {
        "en": "Not (fully) paid in the year",
        "nl": "Niet (volledig) betaald in het jaar",
    },
    "set-costs": {"en": "Set costs", "nl": "Kosten invoeren"},
    "set-costs-title": {"en": "Coordination costs of {year}", "nl": "Coördinatiekosten van {year}"},
    "costs-what": {
        "en": "The aid of {year} is at most the rule set's share of these costs.",
        "nl": (
            "De steun van {year} bedraagt hoogstens het aandeel van deze kosten dat de "
            "regelset toelaat."
        ),
    },
    "costs-set": {
        "en": "Coordination costs of {year}: {amount}.",
        "nl": "Coördinatiekosten van {year}: {amount}.",
    },
    "set-kind-fees": {"en": "Fees per kind", "nl": "Bijdragen per soort"},
    "set-kind-fees-title": {
        "en": "Fees expected in {year}, per kind of member",
        "nl": "Verwachte bijdragen in {year}, per soort lid",
    },
    "kind-fees-what": {
        "en": (
            "What each member of a kind is expected to pay in {year}; leave a kind empty for "
            "no fee. A member's own fee (Members, f) wins."
        ),
        "nl": (
            "Wat elk lid van een soort in {year} verschuldigd is; laat een soort leeg voor "
            "geen bijdrage. De eigen bijdrage van een lid (Leden, f) gaat voor."
        ),
    },
    "fees-set": {
        "en": "Fees of {year}: {count} changed.",
        "nl": "Bijdragen van {year}: {count} gewijzigd.",
    },
    "fee-of": {"en": "Fee {kind}", "nl": "Bijdrage {kind}"},
    "year-locked-costs": {
        "en": "{year} is locked: reopen it on the Years screen to change its costs or fees.",
        "nl": (
            "{year} is afgesloten: heropen het op het scherm Jaren om de kosten of bijdragen "
            "te wijzigen."
        ),
    },
    "year-locked-add": {
        "en": (
            "{year} is locked: reopen it on the Years screen before entering a contribution "
            "into it."
        ),
        "nl": (
            "{year} is afgesloten: heropen het op het scherm Jaren voor u er een bijdrage in boekt."
        ),
    },
    "year-locked-reverse": {
        "en": "Entry {id} is in {year}, which is locked: reopen it on the Years screen first.",
        "nl": (
            "Boeking {id} valt in {year}, dat afgesloten is: heropen het eerst op het scherm Jaren."
        ),
    },
    "reverse-a-reversal": {
        "en": (
            "Entry {id} is itself the reversal of entry {of}: a reversal cannot be reversed; "
            "record the amount again instead."
        ),
        "nl": (
            "Boeking {id} is zelf de tegenboeking van boeking {of}: een tegenboeking kan niet "
            "tegengeboekt worden; boek het bedrag opnieuw."
        ),
    },
    "reversed-already": {
        "en": "Entry {id} was already reversed by entry {by}.",
        "nl": "Boeking {id} werd al tegengeboekt door boeking {by}.",
    },
    "reverse-what": {
        "en": "Entry {id}: {amount} from {who} for {year}.",
        "nl": "Boeking {id}: {amount} van {who} voor {year}.",
    },
    "reverse-how": {
        "en": "A reversing entry of {amount} cancels it; the entry itself stays in the ledger.",
        "nl": "Een tegenboeking van {amount} heft ze op; de boeking zelf blijft in het register.",
    },
    "reverse-button": {"en": "Reverse entry {id}", "nl": "Boeking {id} tegenboeken"},
    "member-number-or-name": {"en": "Member (no. or name)", "nl": "Lid (nr. of naam)"},
    "not-a-member": {
        "en": "{kbo} is not a member of {cluster}",
        "nl": "{kbo} is geen lid van {cluster}",
    },
    "no-member-matches": {
        "en": "no member's name or number fits {text!r}",
        "nl": "geen naam of nummer van een lid past bij {text!r}",
    },
    "members-match": {
        "en": "{count} members fit: type more of the name, or the number",
        "nl": "{count} leden passen: typ meer van de naam, of het nummer",
    },
    "and-more": {"en": "and {count} more", "nl": "en nog {count}"},
    "already-locked": {"en": "{year} is locked already.", "nl": "{year} is al afgesloten."},
    "not-locked": {
        "en": "{year} is open: there is nothing to reopen.",
        "nl": "{year} is open: er valt niets te heropenen.",
    },
    "lock-title": {"en": "Lock {year}?", "nl": "{year} afsluiten?"},
    "lock-what": {
        "en": "{year} of {cluster} becomes final:",
        "nl": "{year} van {cluster} wordt definitief:",
    },
    "lock-figures": {
        "en": (
            "its {entries} entries (net {net}), its costs, fees and membership dates stay as "
            "they are,"
        ),
        "nl": (
            "de {entries} boekingen (netto {net}), de kosten, bijdragen en lidmaatschapsdata "
            "blijven zoals ze zijn,"
        ),
    },
    "lock-after": {
        "en": "until it is reopened with a reason (Years, o).",
        "nl": "tot het heropend wordt met een reden (Jaren, o).",
    },
    "lock-button": {"en": "Lock {year}", "nl": "{year} afsluiten"},
    "reopen-button": {"en": "Reopen {year}", "nl": "{year} heropenen"},
    "reopen-what": {
        "en": (
            "{year} takes entries and changes again once reopened ({entries} entries now); the "
            "reason stays in the audit trail."
        ),
        "nl": (
            "{year} aanvaardt opnieuw boekingen en wijzigingen ({entries} boekingen nu); de "
            "reden blijft in het auditspoor."
        ),
    },
    "add-cluster": {"en": "Add cluster", "nl": "Cluster toevoegen"},
    "cluster-name": {"en": "Name", "nl": "Naam"},
    "rule-set": {"en": "Rule set (call)", "nl": "Regelset (oproep)"},
    "start-year": {"en": "Start year", "nl": "Startjaar"},
    "organisation-kbo": {"en": "Cluster organisation's no.", "nl": "Nr. clusterorganisatie"},
    "cluster-added": {"en": "Cluster {name} added.", "nl": "Cluster {name} toegevoegd."},
    "unpaid-title": {
        "en": "Not (fully) paid in {year}: {count}",
        "nl": "Niet (volledig) betaald in {year}: {count}",
    },
    "missing-title": {
        "en": "Flemish enterprises without a mandate on {date}: {count}",
        "nl": "Vlaamse ondernemingen zonder mandaat op {date}: {count}",
    },
    "table-keys": {
        "en": "/ filter · ctrl+e export · [ ] pages",
        "nl": "/ filteren · ctrl+e exporteren · [ ] pagina's",
    },
    "nobody": {"en": "Nobody.", "nl": "Niemand."},
    "sheet": {"en": "Sheet", "nl": "Blad"},
    "member-page": {"en": "Member's page", "nl": "Fiche van het lid"},
    "back": {"en": "Back", "nl": "Terug"},
    "per-year": {"en": "Contributions per year", "nl": "Bijdragen per jaar"},
    "membership": {"en": "Membership and mandates", "nl": "Lidmaatschap en mandaten"},
    "company-facts": {"en": "Company facts (dated)", "nl": "Bedrijfsgegevens (gedateerd)"},
    "recorded-by": {"en": "{who}, {at}", "nl": "{who}, {at}"},
    "net-total": {"en": "net paid in all: {amount}", "nl": "netto betaald in totaal: {amount}"},
    "reversed-sum": {"en": "Reversed", "nl": "Tegengeboekt"},
    "outstanding": {"en": "Outstanding", "nl": "Openstaand"},
    "batch-line": {
        "en": "Batch {batch}: {file} {sheet} ({at}): {entries} entries",
        "nl": "Batch {batch}: {file} {sheet} ({at}): {entries} boekingen",
    },
    "typed-in": {
        "en": "No import batch: every entry was typed in.",
        "nl": "Geen importbatch: elke boeking werd ingetypt.",
    },
    "member-days": {"en": "Member from {joined} to {left}", "nl": "Lid van {joined} tot {left}"},
    "mandate-given-line": {"en": "mandate given on {on}", "nl": "mandaat gegeven op {on}"},
    "mandate-withdrawn-line": {
        "en": "mandate withdrawn on {on}",
        "nl": "mandaat ingetrokken op {on}",
    },
    "mandate-corrected-line": {
        "en": "mandate date corrected to {on}",
        "nl": "mandaatdatum gecorrigeerd naar {on}",
    },
    "was": {"en": "was {day}", "nl": "was {day}"},
    "no-mandate": {"en": "no mandate recorded", "nl": "geen mandaat ingevoerd"},
    "days-line": {"en": "days recorded: {span}", "nl": "data ingevoerd: {span}"},
    "from-start": {"en": "the start", "nl": "het begin"},
    "now": {"en": "now", "nl": "nu"},
    "from-day": {"en": "from {day}", "nl": "vanaf {day}"},
    "until-day": {"en": "until {day}", "nl": "tot {day}"},
    "overtaken": {
        "en": "overtaken by a later recording for the same day",
        "nl": "vervangen door een latere invoer voor dezelfde dag",
    },
    "palette": {"en": "palette", "nl": "palet"},
    "palette-search": {
        "en": "Search for a screen or an action…",
        "nl": "Zoek een scherm of een actie…",
    },
    "quit-help": {"en": "Leave the app", "nl": "De app verlaten"},
    "keys": {"en": "Keys", "nl": "Toetsen"},
    "keys-help": {
        "en": "Show the keys of this screen beside it",
        "nl": "Toon de toetsen van dit scherm ernaast",
    },
    "theme": {"en": "Theme", "nl": "Thema"},
    "theme-help": {"en": "Choose the colours", "nl": "Kies de kleuren"},
    "screenshot": {"en": "Screenshot", "nl": "Schermafdruk"},
    "screenshot-help": {
        "en": "Save what the screen shows as an SVG file",
        "nl": "Bewaar wat het scherm toont als SVG-bestand",
    },
}
