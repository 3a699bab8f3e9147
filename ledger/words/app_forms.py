"""The app's forms, confirmations and the member's page (``app.`` codes), in English and
Dutch: what an action will do, why it cannot be done, what it did.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "valid-from": {"en": "Takes effect on", "nl": "Geldt vanaf"},
    "mandate-action": {"en": "What happened", "nl": "Wat gebeurde er"},
    "mandate-given": {"en": "Mandate given", "nl": "Mandaat gegeven"},
    "mandate-correct": {"en": "Correct the date", "nl": "Datum corrigeren"},
    "mandate-withdraw": {"en": "Withdrawn", "nl": "Ingetrokken"},
    "reverse-title": {"en": "Reverse entry {id}", "nl": "Boeking {id} tegenboeken"},
    "reopen-title": {"en": "Reopen {year}", "nl": "{year} heropenen"},
    "costs-screen": {"en": "Costs", "nl": "Kosten"},
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
    "set-fee": {"en": "Expected fee", "nl": "Lidgeld"},
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
    "batch-line-one": {
        "en": "Batch {batch}: {file} {sheet} ({at}): 1 entry",
        "nl": "Batch {batch}: {file} {sheet} ({at}): 1 boeking",
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
    "enter-hint": {"en": "enter: the member's page", "nl": "enter: de fiche van het lid"},
    "detail-reverses": {"en": "Reverses entry", "nl": "Tegenboeking van boeking"},
    "detail-undoes": {"en": "Undoes batch", "nl": "Maakt batch ongedaan"},
    "detail-reversed": {"en": "Entries reversed", "nl": "Tegengeboekte boekingen"},
    "detail-version": {"en": "Version", "nl": "Versie"},
    "detail-before": {"en": "Before", "nl": "Voordien"},
    "detail-after": {"en": "After", "nl": "Nadien"},
}
