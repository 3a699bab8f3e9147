"""The words a report speaks: Dutch by default, English on request.

The workbook's layout and formulas never depend on the language; only the text
people read does. A missing translation is a bug caught by the tests, which check
that both catalogues hold the same keys.

>>> labels("en")["members"], labels("nl")["members"]
('Members', 'Leden')
"""

from __future__ import annotations

from ledger.errors import InputError

LANGUAGES = ("nl", "en")

# key: (Dutch, English)
_CATALOGUE: dict[str, tuple[str, str]] = {
    # sheets
    "sheet_summary": ("Samenvatting", "Summary"),
    "sheet_members": ("Leden", "Members"),
    "sheet_entries": ("Boekingen", "Entries"),
    "sheet_checks": ("Controles", "Checks"),
    "sheet_overview": ("Overzicht", "Overview"),
    # titles and states
    "annual_title": ("Jaarverslag {cluster} {year}", "Annual report {cluster} {year}"),
    "overview_title": ("Meerjarenoverzicht {cluster}", "Multi-year overview {cluster}"),
    "provisional": (
        "VOORLOPIG: het jaar is niet afgesloten, de cijfers kunnen nog wijzigen",
        "PROVISIONAL: the year is not locked, the figures may still change",
    ),
    "provisional_overview": (
        "VOORLOPIG: niet alle jaren zijn afgesloten, de cijfers kunnen nog wijzigen",
        "PROVISIONAL: not every year is locked, the figures may still change",
    ),
    "final": ("Definitief: het jaar is afgesloten", "Final: the year is locked"),
    "final_overview": ("Definitief: alle jaren zijn afgesloten", "Final: every year is locked"),
    "provisional_short": ("VOORLOPIG", "PROVISIONAL"),
    "locked": ("afgesloten", "locked"),
    "open": ("open (voorlopig)", "open (provisional)"),
    "not_started": ("nog niet begonnen", "not started"),
    "beyond_program": ("buiten het programma", "beyond the program"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "pass": ("OK", "PASS"),
    "fail": ("NIET OK", "FAIL"),
    "none": ("geen", "none"),
    # summary sheet
    "label": ("Omschrijving", "Item"),
    "value": ("Waarde", "Value"),
    "cluster": ("Cluster", "Cluster"),
    "organisation_kbo": (
        "Ondernemingsnummer clusterorganisatie",
        "Cluster organisation's enterprise number",
    ),
    "rule_set": ("Regelset", "Rule set"),
    "year": ("Jaar", "Year"),
    "program_year": ("Programmajaar", "Program year"),
    "program_year_of": ("{n} van {max}", "{n} of {max}"),
    "annual_cap": ("Jaarlijks plafond", "Annual cap"),
    "ceiling": ("Maximale steun dit jaar", "Ceiling"),
    "coordination_costs": ("Coördinatiekosten", "Coordination costs"),
    "not_recorded": ("niet geregistreerd", "not recorded"),
    "total_contributions": ("Totale bijdragen", "Total contributions"),
    "counted_contributions": ("Meetellende bijdragen", "Counted contributions"),
    "matched_aid": ("Gematchte steun", "Matched aid"),
    "headroom": ("Ruimte tot het plafond", "Headroom"),
    "surplus": ("Overschot", "Surplus"),
    "member_count": ("Leden", "Members"),
    "mandates": (
        "Vlaamse ondernemingen met mandaat",
        "Flemish enterprises with a mandate",
    ),
    "mandates_deadline": (
        "Vlaamse ondernemingen met mandaat op de indieningsdatum ({day})",
        "Flemish enterprises with a mandate at the dossier deadline ({day})",
    ),
    "mandates_minimum": ("Vereist minimum mandaten", "Minimum mandates required"),
    "year_state": ("Status van het jaar", "State of the year"),
    "warnings": ("Waarschuwingen", "Warnings"),
    "checksum": ("Controlegetal grootboek (SHA-256)", "Ledger checksum (SHA-256)"),
    "report_scope": ("Rapport", "Report"),
    "scope_year": ("jaarverslag", "annual report"),
    "scope_overview": ("meerjarenoverzicht", "multi-year overview"),
    "checksum_note": (
        "Controleer met: cluster-ledger verify-report BESTAND",
        "Check with: cluster-ledger verify-report FILE",
    ),
    "chain": (
        "Hashketen van de boekingen (schakels, laatste hash)",
        "Hash chain of the entries (links, last hash)",
    ),
    "chain_note": (
        "De geschiedenis tot hier: verify-report meldt elke latere wijziging ervan",
        "The history up to here: verify-report finds any later change to it",
    ),
    # members sheet
    "kbo": ("Ondernemingsnummer", "Enterprise number"),
    "name": ("Naam", "Name"),
    "postcode": ("Postcode", "Postcode"),
    "region": ("Gewest", "Region"),
    "kind": ("Soort", "Kind"),
    "joined": ("Lid sinds", "Joined"),
    "left": ("Lid tot", "Left"),
    "mandate": ("Mandaat", "Mandate"),
    "contribution": ("Bijdrage", "Contribution"),
    "counted": ("Telt mee", "Counted"),
    "aid_share": ("Aandeel steun", "Aid share"),
    "active_member": ("Actief lid", "Active member"),
    # entries sheet
    "entry": ("Boeking", "Entry"),
    "amount": ("Bedrag", "Amount"),
    "paid_on": ("Betaald op", "Paid on"),
    "reverses": ("Corrigeert", "Reverses"),
    "reversed_by": ("Gecorrigeerd door", "Reversed by"),
    "note": ("Opmerking", "Note"),
    "source": ("Bron", "Source"),
    "batch": ("Importbatch", "Import batch"),
    "batch_file": ("Importbestand", "Import file"),
    "source_row": ("Rij", "Row"),
    # checks sheet
    "check": ("Controle", "Check"),
    "ledger_figure": ("Grootboek", "Ledger"),
    "report_figure": ("Rapport (formule)", "Report (formula)"),
    "result": ("Resultaat", "Result"),
    "detail": ("Toelichting", "Detail"),
    "check_total": (
        "Som van de boekingen = totale bijdragen",
        "Entries add up to the total contributions",
    ),
    "check_counted": (
        "Som van de meetellende boekingen = meetellende bijdragen",
        "Counted entries add up to the counted contributions",
    ),
    "check_members": (
        "Som van de bijdragen per lid = totale bijdragen",
        "Members' contributions add up to the total",
    ),
    "check_shares": (
        "Som van de aandelen = gematchte steun",
        "Shares add up to the matched aid",
    ),
    "check_ceiling": ("Gematchte steun binnen het plafond", "Matched aid within the ceiling"),
    "rule_duration": (
        "Jaar binnen de programmaduur ({max} jaar)",
        "Year within the program duration ({max} years)",
    ),
    "rule_mandates": (
        "Minstens {min} Vlaamse ondernemingen met mandaat",
        "At least {min} Flemish enterprises with a mandate",
    ),
    "rule_costs": ("Coördinatiekosten geregistreerd", "Coordination costs recorded"),
    "rule_non_members": (
        "Geen bijdragen van niet-leden",
        "No contributions from non-members",
    ),
    "rule_other": ("Andere voorwaarde", "Other condition"),
    # overview
    "state": ("Status", "State"),
    "totals": ("Totaal", "Total"),
    "chart_title": (
        "Bijdragen, gematchte steun en plafond per jaar",
        "Contributions, matched aid and cap per year",
    ),
    "euro": ("Euro", "Euro"),
    # member kinds and regions
    "kind_enterprise": ("onderneming", "enterprise"),
    "kind_knowledge_institution": ("kennisinstelling", "knowledge institution"),
    "kind_public_body": ("overheid", "public body"),
    "kind_other": ("andere", "other"),
    "region_flanders": ("Vlaanderen", "Flanders"),
    "region_brussels": ("Brussel", "Brussels"),
    "region_wallonia": ("Wallonië", "Wallonia"),
    "region_abroad": ("buitenland", "abroad"),
    # document properties
    "subject_annual": (
        "Bijdragen en cofinanciering {year}",
        "Contributions and co-financing {year}",
    ),
    "subject_overview": (
        "Bijdragen en cofinanciering per programmajaar",
        "Contributions and co-financing per program year",
    ),
}


class Labels:
    """One language's catalogue: ``labels["members"]``, or ``labels.text("key", n=1)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._index = LANGUAGES.index(lang)

    def __getitem__(self, key: str) -> str:
        return _CATALOGUE[key][self._index]

    def text(self, key: str, **values: object) -> str:
        return self[key].format(**values)


def labels(lang: str) -> Labels:
    """The catalogue for ``lang``.

    Raises:
        InputError: not a language reports are written in.
    """
    if lang not in LANGUAGES:
        raise InputError(
            f"{lang!r} is not a report language; expected one of {', '.join(LANGUAGES)}"
        )
    return Labels(lang)


def catalogue_keys() -> list[str]:
    return list(_CATALOGUE)
