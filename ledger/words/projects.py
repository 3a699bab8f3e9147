"""The words of the project portfolio: what the project checks find, and the names of
project types, statuses and partner roles as a face shows them.

Keyed by the problem's code (``project.…``) or, for a stored value, ``project_type.oo``,
``project_status.approved``, ``partner_role.user-group``.
"""

from __future__ import annotations

_REOPEN_YEAR = {
    "en#cli": "reopen {year} with 'year reopen --reason' first",
    "nl#cli": "heropen {year} eerst met 'year reopen --reason'",
    "en#app": "reopen {year} on the Years screen first",
    "nl#app": "heropen {year} eerst op het scherm Jaren",
}

VALUES: dict[str, dict[str, str]] = {
    "project_type.oo": {"en": "R&D project (O&O)", "nl": "O&O-project"},
    "project_type.coock": {"en": "COOCK project", "nl": "COOCK-project"},
    "project_type.csbo": {"en": "cSBO project", "nl": "cSBO-project"},
    "project_type.icon": {"en": "ICON project", "nl": "ICON-project"},
    "project_type.cooperative": {"en": "cooperative project", "nl": "coöperatief project"},
    "project_status.draft": {"en": "draft", "nl": "in voorbereiding"},
    "project_status.submitted": {"en": "submitted", "nl": "ingediend"},
    "project_status.approved": {"en": "approved", "nl": "goedgekeurd"},
    "project_status.rejected": {"en": "rejected", "nl": "afgewezen"},
    "project_status.withdrawn": {"en": "withdrawn", "nl": "ingetrokken"},
    "project_status.running": {"en": "running", "nl": "lopend"},
    "project_status.closed": {"en": "closed", "nl": "afgesloten"},
    "partner_role.coordinator": {"en": "coordinator", "nl": "coördinator"},
    "partner_role.partner": {"en": "partner", "nl": "partner"},
    "partner_role.subcontractor": {"en": "subcontractor", "nl": "onderaannemer"},
    "partner_role.user-group": {"en": "user group", "nl": "gebruikersgroep"},
}

# The annual workbook's "Projecten" sheet and the overview's portfolio sheet.
REPORT: dict[str, dict[str, str]] = {
    "project_report.sheet": {"en": "Projects", "nl": "Projecten"},
    "project_report.portfolio_sheet": {"en": "Portfolio", "nl": "Portefeuille"},
    "project_report.title": {
        "en": "Projects {cluster} {year}",
        "nl": "Projecten {cluster} {year}",
    },
    "project_report.portfolio_title": {
        "en": "Project portfolio {cluster}",
        "nl": "Projectportefeuille {cluster}",
    },
    "project_report.partners_title": {
        "en": "Partners of these projects",
        "nl": "Partners van deze projecten",
    },
    "project_report.none": {
        "en": "No project was submitted, decided or running in {year}.",
        "nl": "Geen project werd ingediend, beslist of liep in {year}.",
    },
    "project_report.project": {"en": "Project", "nl": "Project"},
    "project_report.type": {"en": "Type", "nl": "Type"},
    "project_report.acronym": {"en": "Acronym", "nl": "Acroniem"},
    "project_report.title_column": {"en": "Title", "nl": "Titel"},
    "project_report.theme": {"en": "Theme", "nl": "Thema"},
    "project_report.status_at_year_end": {
        "en": "Status on 31/12",
        "nl": "Status op 31/12",
    },
    "project_report.submitted_on": {"en": "Submitted on", "nl": "Ingediend op"},
    "project_report.decided_on": {"en": "Decided on", "nl": "Beslist op"},
    "project_report.starts_on": {"en": "Start", "nl": "Start"},
    "project_report.ends_on": {"en": "End", "nl": "Einde"},
    "project_report.submitted_in_year": {"en": "Submitted this year", "nl": "Ingediend dit jaar"},
    "project_report.decided_in_year": {"en": "Decided this year", "nl": "Beslist dit jaar"},
    "project_report.running_in_year": {"en": "Running this year", "nl": "Liep dit jaar"},
    "project_report.budget": {"en": "Budget", "nl": "Budget"},
    "project_report.aid_requested": {"en": "Aid requested", "nl": "Gevraagde steun"},
    "project_report.aid_granted": {"en": "Aid granted", "nl": "Toegekende steun"},
    "project_report.partner_budgets": {
        "en": "Partners' budgets (formula)",
        "nl": "Budget partners (formule)",
    },
    "project_report.partner_aid": {
        "en": "Partners' aid (formula)",
        "nl": "Steun partners (formule)",
    },
    "project_report.partners": {"en": "Partners", "nl": "Partners"},
    "project_report.members": {"en": "Members taking part", "nl": "Deelnemende leden"},
    "project_report.partner": {"en": "Partner", "nl": "Partner"},
    "project_report.role": {"en": "Role", "nl": "Rol"},
    "project_report.kbo": {"en": "Enterprise number", "nl": "Ondernemingsnummer"},
    "project_report.name": {"en": "Name", "nl": "Naam"},
    "project_report.country": {"en": "Country", "nl": "Land"},
    "project_report.member": {"en": "Member", "nl": "Lid"},
    "project_report.aid": {"en": "Aid", "nl": "Steun"},
    "project_report.year": {"en": "Year", "nl": "Jaar"},
    "project_report.submitted": {"en": "Submitted", "nl": "Ingediend"},
    "project_report.approved": {"en": "Approved", "nl": "Goedgekeurd"},
    "project_report.rejected": {"en": "Rejected", "nl": "Afgewezen"},
    "project_report.success_rate": {
        "en": "Success rate (formula)",
        "nl": "Slaagkans (formule)",
    },
    "project_report.budget_submitted": {
        "en": "Budget submitted",
        "nl": "Budget ingediend",
    },
    "project_report.totals": {"en": "Total", "nl": "Totaal"},
    "project_report.all_types": {"en": "all types", "nl": "alle types"},
    "project_report.portfolio_note": {
        "en": "Per year of the submission, the decision or the running; the success rate is "
        "approved against decided (approved and rejected).",
        "nl": "Per jaar van de indiening, de beslissing of de uitvoering; de slaagkans is "
        "goedgekeurd tegenover beslist (goedgekeurd en afgewezen).",
    },
}

TEXTS: dict[str, dict[str, str]] = {
    **VALUES,
    **REPORT,
    # --- the cluster and the project ---
    "project.not_spearhead": {
        "en": "{cluster} is under {rule_set} ({kind}), which submits no projects: projects go "
        "through a spearhead cluster",
        "nl": "{cluster} valt onder {rule_set} ({kind}), die geen projecten indient: projecten "
        "lopen via een speerpuntcluster",
    },
    "project.type_not_allowed": {
        "en": "{rule_set} allows {allowed} projects, not {type}",
        "nl": "{rule_set} laat projecten van het type {allowed} toe, geen {type}",
    },
    "project.unknown": {
        "en": "project {id} does not exist",
        "nl": "project {id} bestaat niet",
        "en#cli": "see 'project list --cluster C'",
        "nl#cli": "zie 'project list --cluster C'",
    },
    "project.other_cluster": {
        "en": "project {id} belongs to {other}, not to {cluster}",
        "nl": "project {id} hoort bij {other}, niet bij {cluster}",
    },
    "project.title_empty": {"en": "the title is empty", "nl": "de titel is leeg"},
    "project.amount_negative": {
        "en": "the {what} {amount} is negative; expected 0 or more",
        "nl": "het bedrag {amount} is negatief; verwacht 0 of meer",
    },
    "project.aid_above_budget": {
        "en": "the {what} {aid} is more than the project's budget {budget}",
        "nl": "de steun {aid} is meer dan het budget van het project, {budget}",
    },
    "project.dates_out_of_order": {
        "en": "the {late_what} date {late} is before the {early_what} date {early}",
        "nl": "de datum {late} ({late_what}) ligt vóór de datum {early} ({early_what})",
    },
    "project.theme_not_listed": {
        "en": "the theme {theme!r} is not on the list of {cluster} ({themes})",
        "nl": "het thema {theme!r} staat niet op de lijst van {cluster} ({themes})",
        "en#cli": "add it with 'project theme add --cluster C --name T' if it belongs there",
        "nl#cli": "voeg het toe met 'project theme add --cluster C --name T' als het erbij hoort",
    },
    "project.theme_exists": {
        "en": "{cluster} already lists the theme {theme!r}",
        "nl": "{cluster} heeft het thema {theme!r} al",
    },
    "project.nothing_to_change": {
        "en": "nothing to change for project {project}",
        "nl": "niets te wijzigen aan project {project}",
    },
    "project.changed_since": {
        "en": "project {project} was changed by {who} since you opened it: you edited version "
        "{expected}, the ledger now holds version {now}; reopen the project to see the change, "
        "then edit again",
        "nl": "project {project} werd gewijzigd door {who} sinds u het opende: u bewerkte versie "
        "{expected}, het register bevat nu versie {now}; open het project opnieuw om de "
        "wijziging te zien en bewerk het dan opnieuw",
    },
    "project.closed": {
        "en": "project {project} is closed and read-only",
        "nl": "project {project} is afgesloten en kan niet meer wijzigen",
        "en#cli": "reopen it with 'project status {id} --to running --date D --reason T' first",
        "nl#cli": "heropen het eerst met 'project status {id} --to running --date D --reason T'",
        "en#app": "reopen it first: record a decision (s), back to running, with a reason",
        "nl#app": "heropen het eerst: registreer een beslissing (s), terug naar lopend, met een "
        "reden",
    },
    "project.locked": {
        "en": "project {project} shows in the annual report of {year}, which is locked for "
        "{cluster}",
        "nl": "project {project} staat in het jaarverslag van {year}, en dat jaar is "
        "afgesloten voor {cluster}",
        **_REOPEN_YEAR,
    },
    # --- status ---
    "project.status_same": {
        "en": "project {project} is already {current}",
        "nl": "project {project} heeft al de status {current}",
    },
    "project.status_skips_back": {
        "en": "project {project} is {current}; going back to {to} would skip {skipped}: a step "
        "back goes to {back} only, with a reason",
        "nl": "project {project} is {current}; terug naar {to} zou {skipped} overslaan: een stap "
        "terug gaat alleen naar {back}, met een reden",
    },
    "project.status_not_next": {
        "en": "project {project} is {current}; it goes to {next} next, not to {to}",
        "nl": "project {project} is {current}; het gaat hierna naar {next}, niet naar {to}",
    },
    "project.status_final": {
        "en": "project {project} is {current}, which is final; to change it, go back to {back} "
        "first, with a reason",
        "nl": "project {project} is {current}, en dat is definitief; ga om dat te wijzigen eerst "
        "terug naar {back}, met een reden",
    },
    "project.status_back_needs_reason": {
        "en": "going back from {current} to {to} corrects the history of project {project}: "
        "give the reason",
        "nl": "teruggaan van {current} naar {to} corrigeert de geschiedenis van project "
        "{project}: geef de reden",
        "en#cli": "add --reason T",
        "nl#cli": "voeg --reason T toe",
    },
    "project.status_date_before": {
        "en": "the date {day} is before the last change of project {project} ({last_status} on "
        "{last}); a status changes on that day or later",
        "nl": "de datum {day} ligt vóór de laatste wijziging van project {project} "
        "({last_status} op {last}); een status wijzigt op die dag of later",
    },
    "project.aid_granted_not_approved": {
        "en": "the aid granted is recorded with the approval",
        "nl": "de toegekende steun wordt met de goedkeuring geregistreerd",
        "en#cli": "give --aid-granted with --to approved",
        "nl#cli": "geef --aid-granted samen met --to approved",
    },
    "project.aid_above_requested": {
        "en": "the aid granted {granted} is more than the aid requested {requested} for project "
        "{project}",
        "nl": "de toegekende steun {granted} is meer dan de gevraagde steun {requested} voor "
        "project {project}",
        "en#cli": "if the decision says so, record it with --force --reason T",
        "nl#cli": "als de beslissing dat zegt, registreer het met --force --reason T",
        "en#app": "if the decision says so, tick 'above the request' and give the reason",
        "nl#app": "als de beslissing dat zegt, vink 'boven de aanvraag' aan en geef de reden",
    },
    "project.force_needs_reason": {
        "en": "aid granted above the aid requested is recorded with its reason",
        "nl": "toegekende steun boven de gevraagde steun wordt met een reden geregistreerd",
        "en#cli": "add --reason T",
        "nl#cli": "voeg --reason T toe",
    },
    "project.aid_granted_missing": {
        "en": "project {project} is approved but no aid granted is recorded",
        "nl": "project {project} is goedgekeurd maar er is geen toegekende steun geregistreerd",
    },
    # --- partners ---
    "project.partner_needs_name": {
        "en": "the ledger does not know {kbo} yet; give the partner's name",
        "nl": "het register kent {kbo} nog niet; geef de naam van de partner",
        "en#cli": "add --name T",
        "nl#cli": "voeg --name T toe",
    },
    "project.partner_needs_party": {
        "en": "a partner is named by its enterprise number, or (abroad, or without one) by its "
        "name and country",
        "nl": "een partner wordt aangeduid met zijn ondernemingsnummer, of (in het buitenland, of "
        "zonder nummer) met zijn naam en land",
        "en#cli": "give --kbo N, or --name T --country CC",
        "nl#cli": "geef --kbo N, of --name T --country CC",
    },
    "project.kbo_abroad": {
        "en": "{kbo} is a Belgian enterprise number, and the country given is {country}",
        "nl": "{kbo} is een Belgisch ondernemingsnummer, en het opgegeven land is {country}",
        "en#cli": "leave out --country, or name a partner abroad by --name and --country",
        "nl#cli": "laat --country weg, of duid een buitenlandse partner aan met --name en "
        "--country",
    },
    "project.partner_twice": {
        "en": "{party} is already a {role} of project {project} (partner {partner})",
        "nl": "{party} is al {role} van project {project} (partner {partner})",
        "en#cli": "change its shares with 'project partner update --project ID --partner "
        "{partner}'",
        "nl#cli": "wijzig zijn aandelen met 'project partner update --project ID --partner "
        "{partner}'",
    },
    "project.second_coordinator": {
        "en": "project {project} already has a coordinator, {party}; a project has one",
        "nl": "project {project} heeft al een coördinator, {party}; een project heeft er één",
    },
    "project.user_group_type": {
        "en": "a user group belongs to COOCK and ICON projects; project {project} is {type}",
        "nl": "een gebruikersgroep hoort bij COOCK- en ICON-projecten; project {project} is {type}",
    },
    "project.partner_aid_above_budget": {
        "en": "the aid of {party}, {aid}, is more than its budget {budget}",
        "nl": "de steun van {party}, {aid}, is meer dan zijn budget {budget}",
    },
    "project.partner_budget_above_total": {
        "en": "the partners' budgets would add up to {sum}, more than the budget of project "
        "{project}, {total}",
        "nl": "de budgetten van de partners zouden samen {sum} zijn, meer dan het budget van "
        "project {project}, {total}",
    },
    "project.partner_aid_above_total": {
        "en": "the partners' aid would add up to {sum}, more than the {what} of project "
        "{project}, {total}",
        "nl": "de steun van de partners zou samen {sum} zijn, meer dan de steun van project "
        "{project}, {total}",
    },
    "project.partner_budget_short": {
        "en": "the partners' budgets add up to {sum} of the {total} of project {project}",
        "nl": "de budgetten van de partners zijn samen {sum} van de {total} van project {project}",
    },
    "project.partner_aid_short": {
        "en": "the partners' aid adds up to {sum} of the {what} {total} of project {project}",
        "nl": "de steun van de partners is samen {sum} van de {total} van project {project}",
    },
    "project.partner_budget_over": {
        "en": "the partners' budgets add up to {sum}, more than the {total} of project "
        "{project}: revise their shares",
        "nl": "de budgetten van de partners zijn samen {sum}, meer dan de {total} van project "
        "{project}: pas hun aandelen aan",
    },
    "project.partner_aid_over": {
        "en": "the partners' aid adds up to {sum}, more than the {what} {total} of project "
        "{project}: revise their shares",
        "nl": "de steun van de partners is samen {sum}, meer dan de {total} van project "
        "{project}: pas hun aandelen aan",
    },
    "project.no_coordinator": {
        "en": "project {project} has no coordinator among its partners",
        "nl": "project {project} heeft geen coördinator onder zijn partners",
    },
    # --- the audit trail told as sentences (the app's Audit screen) ---
    "audit.project.add": {
        "en": "Project {project} added: {title} ({type}), {status} on {date}",
        "nl": "Project {project} toegevoegd: {title} ({type}), {status} op {date}",
    },
    "audit.project.update": {
        "en": "Project {project} changed: {changes}",
        "nl": "Project {project} gewijzigd: {changes}",
    },
    "audit.project.status": {
        "en": "Project {project} {to} on {date} (was {from}){extra}",
        "nl": "Project {project} {to} op {date} (was {from}){extra}",
    },
    "audit.project.partner_add": {
        "en": "{party} added to project {project} as {role}",
        "nl": "{party} toegevoegd aan project {project} als {role}",
    },
    "audit.project.partner_update": {
        "en": "Partner {id} of project {project} changed: {changes}",
        "nl": "Partner {id} van project {project} gewijzigd: {changes}",
    },
    "audit.project.partner_remove": {
        "en": "{party} removed from project {project}{extra}",
        "nl": "{party} verwijderd uit project {project}{extra}",
    },
    "audit.project.theme_add": {
        "en": "Theme {theme!r} added to the cluster's list",
        "nl": "Thema {theme!r} toegevoegd aan de lijst van de cluster",
    },
    # --- importing a project list and a partner list ---
    "batch.projects": {
        "en": "batch {batch} imported {what}, which are changed one by one, dated and audited, "
        "rather than undone",
        "nl": "batch {batch} importeerde {what}, die een voor een gewijzigd worden, gedateerd en "
        "geaudit, in plaats van ongedaan gemaakt",
        "en#cli": "correct them with 'project update', 'project status', 'project partner "
        "update' or 'project partner remove'",
        "nl#cli": "verbeter ze met 'project update', 'project status', 'project partner "
        "update' of 'project partner remove'",
        "en#app": "correct them on the Projects screen (j)",
        "nl#app": "verbeter ze op het scherm Projecten (j)",
    },
    "row.project_twice": {
        "en": "project {project} is listed twice (also in row {other}) with other details; "
        "keep one row per project",
        "nl": "project {project} staat twee keer in de lijst (ook in rij {other}) met andere "
        "gegevens; hou een rij per project",
    },
    "row.project_differs": {
        "en": "project {project} is in the ledger with another {field}; an import never "
        "rewrites a project's details",
        "nl": "project {project} staat in het register met een andere waarde voor {field}; "
        "een import herschrijft nooit de gegevens van een project",
        "en#cli": "change it with 'project update {id}' or 'project status {id}', or leave the "
        "row out",
        "nl#cli": "wijzig het met 'project update {id}' of 'project status {id}', of laat de "
        "rij weg",
    },
    "row.project_unknown": {
        "en": "{cluster} has no project {project!r}; expected the acronym (or the id) of one "
        "of its projects: {known}",
        "nl": "{cluster} heeft geen project {project!r}; verwacht het acroniem (of het nummer) "
        "van een van zijn projecten: {known}",
        "en#cli": "import the project list first (--what projects)",
        "nl#cli": "importeer eerst de projectlijst (--what projects)",
    },
    "row.partner_differs": {
        "en": "partner {partner} of project {project} is in the ledger with other shares; an "
        "import never rewrites them",
        "nl": "partner {partner} van project {project} staat in het register met andere "
        "aandelen; een import herschrijft ze nooit",
        "en#cli": "change them with 'project partner update --project {id} --partner "
        "{partner}', or leave the row out",
        "nl#cli": "wijzig ze met 'project partner update --project {id} --partner {partner}', "
        "of laat de rij weg",
    },
    "row.cell_empty": {
        "en": "the cell is empty; expected {what}",
        "nl": "de cel is leeg; deze kolom is verplicht",
    },
    "row.project_needs_date": {
        "en": "a project that is {status} needs its {what} date",
        "nl": "een project dat {status} is heeft een datum nodig die hier ontbreekt",
    },
    "row.project_withdrawn": {
        "en": "the sheet does not say on which day the project was withdrawn",
        "nl": "het blad zegt niet op welke dag het project ingetrokken werd",
        "en#cli": "import it with the status it had before, then record the withdrawal with "
        "'project status ID --to withdrawn --date D'",
        "nl#cli": "importeer het met de status van ervoor, en registreer dan de intrekking met "
        "'project status ID --to withdrawn --date D'",
    },
    "row.project_value_unused": {
        "en": "the {what} is {value}, but a project that is {status} has none; give the status "
        "that goes with it, or leave the cell empty",
        "nl": "de waarde {value} hoort niet bij een project dat {status} is; geef de status die "
        "erbij hoort, of laat de cel leeg",
    },
    "row.project_ambiguous": {
        "en": "{cluster} has {count} projects known as {project!r} (ids {ids}); name the "
        "project by its id",
        "nl": "{cluster} heeft {count} projecten met de naam {project!r} (nummers {ids}); "
        "duid het project aan met zijn nummer",
    },
    "row.project_behind": {
        "en": "project {project} is {current} in the ledger and {to} in the sheet; an import "
        "moves a project forward only",
        "nl": "project {project} is {current} in het register en {to} in het blad; een import "
        "brengt een project enkel verder",
        "en#cli": "to correct the ledger, go back with 'project status {id} --to {to} --date D "
        "--reason T'; else leave the row out",
        "nl#cli": "ga om het register te verbeteren terug met 'project status {id} --to {to} "
        "--date D --reason T'; laat anders de rij weg",
    },
    "row.partner_twice": {
        "en": "{party} is a {role} of project {project} in row {other} too, with other shares; "
        "keep one row per partner and role",
        "nl": "{party} is ook in rij {other} {role} van project {project}, met andere "
        "aandelen; hou één rij per partner en rol",
    },
    "row.kbo_abroad": {
        "en": "{kbo} is a Belgian enterprise number, and the country given is {country}; "
        "leave the country empty, or name a partner abroad by its name and country only",
        "nl": "{kbo} is een Belgisch ondernemingsnummer, en het opgegeven land is {country}; "
        "laat het land leeg, of duid een buitenlandse partner enkel aan met naam en land",
    },
    "row.partner_needs_party": {
        "en": "the row names no partner; expected an enterprise number, or (abroad, or "
        "without one) a name and a country",
        "nl": "de rij noemt geen partner; verwacht een ondernemingsnummer, of (in het "
        "buitenland, of zonder nummer) een naam en een land",
    },
    "row.partner_needs_name": {
        "en": "the ledger does not know {kbo} yet; expected the partner's name in the row",
        "nl": "het register kent {kbo} nog niet; verwacht de naam van de partner in de rij",
    },
    "row.aid_above_requested": {
        "en": "the aid granted {granted} is more than the aid requested {requested} for project "
        "{project}; an import does not record that",
        "nl": "de toegekende steun {granted} is meer dan de gevraagde steun {requested} voor "
        "project {project}; een import registreert dat niet",
        "en#cli": "import the project as submitted, then record the decision with 'project "
        "status ID --to approved --aid-granted A --force --reason T'",
        "nl#cli": "importeer het project als ingediend, en registreer dan de beslissing met "
        "'project status ID --to approved --aid-granted A --force --reason T'",
    },
    "note.duplicate_project": {
        "en": "the same project with the same details as row {other}: read once",
        "nl": "hetzelfde project met dezelfde gegevens als rij {other}: één keer ingelezen",
    },
    "note.duplicate_partner": {
        "en": "the same partner with the same shares as row {other}: read once",
        "nl": "dezelfde partner met dezelfde aandelen als rij {other}: één keer ingelezen",
    },
    "note.project_closed_after_partners": {
        "en": "project {project} is closed: it is imported running, so that its partners can "
        "be imported too (a closed project is read-only)",
        "nl": "project {project} is afgesloten: het wordt lopend ingelezen, zodat ook zijn "
        "partners ingelezen kunnen worden (een afgesloten project kan niet meer wijzigen)",
        "en#cli": "close it after them with 'project status {id} --to closed --date {day}'",
        "nl#cli": "sluit het daarna af met 'project status {id} --to closed --date {day}'",
    },
    "project.partner_unknown": {
        "en": "project {project} has no partner {partner}",
        "nl": "project {project} heeft geen partner {partner}",
        "en#cli": "see 'project show {id}'",
        "nl#cli": "zie 'project show {id}'",
    },
}
