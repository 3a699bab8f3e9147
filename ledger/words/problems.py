"""The words for the problems the ledger's checks find (:mod:`ledger.checks`).

Keyed by the problem's code; ``en#cli`` and ``nl#app`` are hints a face appends (the
command line names a command, the app a screen).
"""

from __future__ import annotations

_REOPEN = {
    "en#cli": "reopen it with 'year reopen --reason' first",
    "nl#cli": "heropen het eerst met 'year reopen --reason'",
    "en#app": "reopen it on the Years screen first",
    "nl#app": "heropen het eerst op het scherm Jaren",
}

TEXTS: dict[str, dict[str, str]] = {
    # --- years ---
    "year.before_start": {
        "en": "{year} is before {cluster} started in {start_year}; check the year or the "
        "cluster's start year",
        "nl": "{year} ligt vóór de start van {cluster} in {start_year}; controleer het jaar of "
        "het startjaar van de cluster",
    },
    "year.implausible": {
        "en": "{year} is not a plausible program year",
        "nl": "{year} is geen aannemelijk programmajaar",
    },
    "year.locked": {
        "en": "{year} of {cluster} is locked",
        "nl": "{year} van {cluster} is afgesloten",
        **_REOPEN,
    },
    "year.already_locked": {
        "en": "{year} of {cluster} is already locked",
        "nl": "{year} van {cluster} is al afgesloten",
    },
    "year.not_locked": {
        "en": "{year} of {cluster} is not locked; nothing to reopen",
        "nl": "{year} van {cluster} is niet afgesloten; er valt niets te heropenen",
    },
    "date.implausible": {
        "en": "the {what} date {day} is not plausible; expected {first}-{last}",
        "nl": "de datum {day} ({what:field}) is niet aannemelijk; verwacht {first}-{last}",
    },
    "locked.effect": {
        "en": "{change} for {member} would change {moved} in {year}, which is locked for {cluster}",
        "nl": "{change} voor {member} zou {year} wijzigen ({moved}), en dat jaar is "
        "afgesloten voor {cluster}",
        "en#cli": "date the change after {year}, or reopen {year} with 'year reopen --reason' "
        "first",
        "nl#cli": "laat de wijziging na {year} ingaan, of heropen {year} eerst met "
        "'year reopen --reason'",
        "en#app": "date the change after {year}, or reopen {year} on the Years screen first",
        "nl#app": "laat de wijziging na {year} ingaan, of heropen {year} eerst op het scherm Jaren",
    },
    # --- amounts and costs ---
    "amount.negative": {
        "en": "the {what} {amount} is negative",
        "nl": "het bedrag {amount} is negatief",
        "en#cli": "correct an entry with 'contribution reverse' instead",
        "nl#cli": "corrigeer een boeking met 'contribution reverse'",
        "en#app": "correct an entry by reversing it instead",
        "nl#app": "corrigeer een boeking door ze terug te draaien",
    },
    "amount.zero": {
        "en": "the {what} is zero; nothing to record",
        "nl": "het bedrag is nul; er valt niets te boeken",
    },
    "amount.too_large": {
        "en": "the {what} {amount} is too large; at most {max}",
        "nl": "het bedrag {amount} is te groot; hoogstens {max}",
    },
    "amount.cluster_total": {
        "en": "the entries of {cluster} would add up past {bound} euros, beyond what the ledger "
        "sums exactly; check the amount",
        "nl": "de boekingen van {cluster} zouden samen meer dan {bound} euro worden, meer dan "
        "het register exact optelt; controleer het bedrag",
    },
    "costs.negative": {
        "en": "coordination costs of {amount} are negative; expected 0 or more",
        "nl": "coördinatiekosten van {amount} zijn negatief; verwacht 0 of meer",
    },
    "text.refused": {"en": "{message}", "nl": "{message}"},
    # --- refusals of a lookup or an undo ---
    "entry.unknown": {
        "en": "contribution {id} does not exist",
        "nl": "bijdrage {id} bestaat niet",
        "en#cli": "see 'contribution list'",
        "nl#cli": "zie 'contribution list'",
        "en#app": "see the Contributions screen",
        "nl#app": "zie het scherm Bijdragen",
    },
    "batch.unknown": {
        "en": "import batch {batch} does not exist",
        "nl": "importbatch {batch} bestaat niet",
        "en#cli": "see 'import list'",
        "nl#cli": "zie 'import list'",
        "en#app": "see the Batches tab of the Import screen",
        "nl#app": "zie het tabblad Batches van het scherm Importeren",
    },
    "batch.is_undo": {
        "en": "batch {batch} is itself the undo of batch {undoes}; import the file again",
        "nl": "batch {batch} maakt zelf batch {undoes} ongedaan; importeer het bestand opnieuw",
    },
    "batch.undone": {
        "en": "batch {batch} was already undone by batch {undo}",
        "nl": "batch {batch} werd al ongedaan gemaakt door batch {undo}",
    },
    "batch.statement": {
        "en": "batch {batch} booked the bank statement {file}; the statement stays what the "
        "bank said",
        "nl": "batch {batch} boekte het rekeninguittreksel {file}; het uittreksel blijft wat "
        "de bank zei",
        "en#cli": "reverse a wrong entry with 'contribution reverse'",
        "nl#cli": "boek een verkeerde boeking tegen met 'contribution reverse'",
        "en#app": "reverse a wrong entry on the Contributions screen (r)",
        "nl#app": "boek een verkeerde boeking tegen op het scherm Bijdragen (r)",
    },
    "batch.details": {
        "en": "batch {batch} imported {what}, which changes details rather than adding entries",
        "nl": "batch {batch} wijzigde gegevens (van leden of kosten) in plaats van boekingen "
        "toe te voegen",
        "en#cli": "correct them with 'member update', 'member leave' or 'costs set'",
        "nl#cli": "verbeter ze met 'member update', 'member leave' of 'costs set'",
        "en#app": "correct them on the Members or the Costs screen",
        "nl#app": "verbeter ze op het scherm Leden of Kosten",
    },
    # --- members ---
    "membership.unknown": {
        "en": "{kbo} is not a member of {cluster}",
        "nl": "{kbo} is geen lid van {cluster}",
        "en#cli": "add it with 'member add'",
        "nl#cli": "voeg het toe met 'member add'",
        "en#app": "add it on the Members screen first",
        "nl#app": "voeg het eerst toe op het scherm Leden",
    },
    "membership.exists": {
        "en": "{company} is already a member of {cluster}",
        "nl": "{company} is al lid van {cluster}",
    },
    "membership.left_before_joined": {
        "en": "the leaving date {left} is before the joining date {joined}",
        "nl": "de uittredingsdatum {left} ligt vóór de toetredingsdatum {joined}",
    },
    "company.from_before_first": {
        "en": "the change from {day} is before the first recorded facts of {company}, which "
        "hold from {first}; a change cannot take effect before them",
        "nl": "de wijziging vanaf {day} ligt vóór de eerste geregistreerde gegevens van "
        "{company}, die gelden vanaf {first}",
    },
    # --- mandates ---
    "mandate.exists": {
        "en": "{member} already holds a mandate, given on {given}",
        "nl": "{member} heeft al een mandaat, gegeven op {given}",
        "en#cli": "say what the mandate of {day} is: a correction of that date "
        "('member mandate --replace --reason T') or, after the enterprise withdrew the first "
        "('member mandate --withdraw --date D'), a new one",
        "nl#cli": "zeg wat het mandaat van {day} is: een correctie van die datum "
        "('member mandate --replace --reason T') of, nadat de onderneming het eerste introk "
        "('member mandate --withdraw --date D'), een nieuw",
        "en#app": "choose 'correct the date' or 'withdraw' in the mandate form",
        "nl#app": "kies 'datum corrigeren' of 'intrekken' in het mandaatformulier",
    },
    "mandate.before_withdrawal": {
        "en": "{member}: a mandate given on {day} would start before the previous one was "
        "withdrawn on {withdrawn}",
        "nl": "{member}: een mandaat gegeven op {day} zou beginnen vóór het vorige werd "
        "ingetrokken op {withdrawn}",
    },
    "mandate.none_to_withdraw": {
        "en": "{member} holds no mandate to withdraw",
        "nl": "{member} heeft geen mandaat om in te trekken",
    },
    "mandate.withdrawn_before_given": {
        "en": "{member}: a withdrawal on {day} would come before the mandate was given on {given}",
        "nl": "{member}: een intrekking op {day} zou vóór het geven van het mandaat op "
        "{given} liggen",
    },
    "mandate.none_to_correct": {
        "en": "{member} has no mandate whose date could be corrected",
        "nl": "{member} heeft geen mandaat waarvan de datum kan worden gecorrigeerd",
        "en#cli": "record it without --replace",
        "nl#cli": "registreer het zonder --replace",
    },
    "mandate.same_date": {
        "en": "the mandate of {member} is already dated {day}; nothing to correct",
        "nl": "het mandaat van {member} is al gedateerd op {day}; niets te corrigeren",
    },
    # --- contributions ---
    "entry.is_reversal": {
        "en": "contribution {entry} is itself the reversal of {reverses}; a reversal cannot be "
        "reversed: record the amount again instead",
        "nl": "boeking {entry} is zelf de terugboeking van {reverses}; een terugboeking kan "
        "niet worden teruggedraaid: boek het bedrag opnieuw",
    },
    "entry.already_reversed": {
        "en": "contribution {entry} was already reversed by {by}",
        "nl": "boeking {entry} werd al teruggedraaid door {by}",
    },
    # --- clusters and rule sets ---
    "cluster.start_implausible": {
        "en": "start year {start_year} is not plausible; expected {first}-{last}",
        "nl": "startjaar {start_year} is niet aannemelijk; verwacht {first}-{last}",
    },
    "cluster.start_before_call": {
        "en": "start year {start_year} is before the call of {rule_set} ({call_year}); a "
        "cluster starts in or after the year of the call that approved it",
        "nl": "startjaar {start_year} ligt vóór de oproep van {rule_set} ({call_year}); een "
        "cluster start in of na het jaar van de oproep die hem goedkeurde",
    },
    "cluster.exists": {
        "en": "a cluster named {name!r} already exists",
        "nl": "er bestaat al een cluster met de naam {name!r}",
    },
    "cluster.kbo_missing": {
        "en": "no enterprise number is recorded for the cluster organisation of {name}: only a "
        "legal entity can receive the aid",
        "nl": "er is geen ondernemingsnummer geregistreerd voor de clusterorganisatie van "
        "{name}: alleen een rechtspersoon kan de steun ontvangen",
        "en#cli": "add it with 'cluster update --kbo N'",
        "nl#cli": "voeg het toe met 'cluster update --kbo N'",
    },
    "rules.other_call": {
        "en": "{cluster} is bound to rule set {rule_set}, and the file holds {found}; a "
        "cluster keeps the call that approved it",
        "nl": "{cluster} valt onder regelset {rule_set}, en het bestand bevat {found}; een "
        "cluster blijft bij de oproep die hem goedkeurde",
    },
    "rules.adopt_locked": {
        "en": "{year} of {cluster} is locked, and a new version of the rule set applies to "
        "open years only",
        "nl": "{year} van {cluster} is afgesloten, en een nieuwe versie van de regelset geldt "
        "alleen voor open jaren",
        "en#cli": "adopt it --from-year after {year}, or reopen {year} first",
        "nl#cli": "neem ze over --from-year na {year}, of heropen {year} eerst",
    },
    "rules.adopt_same": {
        "en": "{cluster} already uses this text of {rule_set} (from {from_year}); nothing to adopt",
        "nl": "{cluster} gebruikt deze tekst van {rule_set} al (vanaf {from_year}); niets over "
        "te nemen",
    },
}
