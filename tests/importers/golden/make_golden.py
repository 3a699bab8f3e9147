"""Write the golden input workbooks beside this script, and the list of cases.

Each case is a workbook as a Flemish cluster's accountant keeps it (or sends it by
mistake), in .xlsx, .xls, .ods, .csv, .fods or an Excel HTML export named .xls, and the
options ``cluster-ledger import`` gets for it. ``tests/importers/test_golden.py`` runs
each against the same small ledger and compares the plan with ``<file>.expected.txt``.

Run it to remake the inputs (the .xls and .ods files are converted from .xlsx by
LibreOffice, ``soffice`` on the PATH), or with ``--cases-only`` to rewrite only the list
of cases and their options::

    .venv/bin/python tests/importers/golden/make_golden.py
    CLUSTER_LEDGER_REWRITE_GOLDEN=1 .venv/bin/pytest tests/importers/test_golden.py

then read the diff of the expected files before committing them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

HERE = Path(__file__).resolve().parent
ALFA, KENNIS, TOTAL, TECHNIEK = "0403.170.701", "0123.456.749", "0202.239.951", "0417.497.106"
NEW = ["0471.650.622", "0995.127.057", "0326.541.491", "0531.201.989", "0746.043.430"]
D = date
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # every part of a written .xlsx or .ods
_TIMES = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?")

Rows = list[list[Any]]
CASES: list[dict[str, Any]] = []


def case(name: str, fmt: str, sheets: dict[str, Rows] | str, **options: Any) -> None:
    """A golden case: ``sheets`` by name (or the file's text, for csv, fods and html)."""
    CASES.append({"name": name, "format": fmt, "sheets": sheets, "options": options})


MEMBERS = ["Ondernemingsnummer", "Naam", "Postcode", "Soort", "Lid sinds", "Mandaat"]
CONTRIB = ["Ondernemingsnummer", "Naam", "Bedrag", "Betaald op"]

# 1 - members: the plain case, then headers by meaning in three languages
case(
    "members_plain",
    "xlsx",
    {
        "Leden": [
            ["Ledenlijst Circular Plastics"],
            [],
            MEMBERS,
            [ALFA, "Alfa NV", 9000, "KMO", D(2026, 1, 1), D(2026, 2, 1)],
            [NEW[0], "Beta BV", "2000", "grote onderneming", D(2026, 3, 1), None],
            [NEW[1], "Hogeschool Gamma", 3000, "hogeschool", None, None],
        ]
    },
)
case(
    "members_words",
    "xlsx",
    {
        "Leden": [
            [
                "Ondernemingsnummer (KBO)",
                "Naam bedrijf",
                "Postcode",
                "Categorie lid",
                "Start lidmaatschap",
                "Stopgezet op",
                "Datum ondertekening mandaat",
            ],
            [NEW[0], "Beta BV", 2000, "KMO", D(2026, 1, 15), None, D(2026, 2, 1)],
            [NEW[1], "Gamma NV", 8500, "KMO", D(2026, 1, 15), D(2026, 12, 31), None],
            [NEW[2], "Delta vzw", 9000, "vzw", D(2026, 4, 1), None, D(2026, 4, 1)],
        ]
    },
)
case(
    "members_firmanaam",
    "ods",
    {
        "Blad1": [
            ["KBO-nr.", "Firmanaam", "Post-code", "Type", "Lid vanaf"],
            [NEW[0], "Beta BV", 2000, "KMO", D(2026, 1, 15)],
            [NEW[3], "Epsilon BV", 3500, "KMO", D(2026, 6, 1)],
        ]
    },
)
case(
    "members_french",
    "xlsx",
    {
        "Membres": [
            [
                "Numéro d'entreprise",
                "Dénomination",
                "Code postal",
                "Catégorie",
                "Région",
                "Date du mandat",
            ],
            [NEW[0], "Beta SA", 1000, "PME", "Région flamande", D(2026, 3, 1)],
            [NEW[1], "Gamma SRL", 4000, "grande entreprise", "Région wallonne", None],
            [NEW[2], "Université Delta", 1050, "université", "Région de Bruxelles-Capitale", None],
        ]
    },
)
case(
    "members_english",
    "csv",
    "Enterprise number,Company name,Postal code,Member since,Left,Mandate,Region\r\n"
    f"{NEW[0]},Beta BV,2000,01/01/2026,,15/02/2026,\r\n"
    f"{NEW[1]},Gamma NV,1000,01/01/2026,30/06/2026,,Flanders\r\n",
)
# 2 - members: columns the importer must not drop without a word
case(
    "members_unmapped_date",
    "xlsx",
    {
        "Leden": [
            ["Ondernemingsnummer", "Naam", "Postcode", "Handtekening"],
            [NEW[0], "Beta BV", 2000, D(2026, 2, 1)],
            [NEW[1], "Gamma NV", 9000, D(2026, 3, 1)],
        ]
    },
)
case(
    "members_unmapped_date_mapped",
    "xlsx",
    {
        "Leden": [
            ["Ondernemingsnummer", "Naam", "Postcode", "Handtekening"],
            [NEW[0], "Beta BV", 2000, D(2026, 2, 1)],
            [NEW[1], "Gamma NV", 9000, D(2026, 3, 1)],
        ]
    },
    map=["Handtekening=mandate"],
)
case(
    "members_kind_by_cells",
    "xlsx",
    {
        "Leden": [
            ["Ondernemingsnummer", "Naam", "Postcode", "Status", "Contactpersoon"],
            [NEW[0], "Beta BV", 2000, "KMO", "Jan"],
            [NEW[1], "Universiteit Gamma", 9000, "universiteit", "Piet"],
        ]
    },
)
case(
    "members_region_by_cells",
    "csv",
    "Ondernemingsnummer;Naam;Postcode;Vestiging\r\n"
    f"{NEW[0]};Beta BV;1000;Vlaanderen\r\n"
    f"{NEW[1]};Gamma NV;1000;Brussels Hoofdstedelijk Gewest\r\n",
)
case(
    "members_extra_columns",
    "xls",
    {
        "Leden": [
            [
                "Ondernemingsnummer",
                "Naam",
                "Postcode",
                "Adres",
                "E-mail",
                "Telefoon",
                "Opmerkingen",
            ],
            [NEW[0], "Beta BV", 2000, "Meir 1", "info@beta.be", "03 123 45 67", "nieuw"],
        ]
    },
)
case(
    "members_locked_year",
    "xlsx",
    {
        "Leden": [
            ["Ondernemingsnummer", "Naam", "Postcode", "Lid sinds", "Mandaat"],
            [NEW[0], "Beta BV", 2000, D(2026, 3, 1), None],  # would change locked 2026
            [NEW[1], "Gamma NV", 9000, D(2027, 1, 1), D(2027, 1, 15)],
        ]
    },
    lock=[2026],
)
case(
    "members_mandate_conflict",
    "csv",
    "Ondernemingsnummer;Naam;Postcode;Mandaat\r\n"
    f"{ALFA};Alfa NV;9000;01/03/2026\r\n"  # the ledger has its mandate of 1 February
    f"{KENNIS};KU Kennis;3000;\r\n",
)
# 3 - members: rows a person writes
case(
    "members_contact_rows",
    "xlsx",
    {
        "Leden": [
            ["Ondernemingsnummer", "Naam", "Postcode", "Contactpersoon", "E-mail"],
            [NEW[0], "Beta BV", 2000, "Jan", "jan@beta.be"],
            [NEW[0], "Beta BV", 2000, "Piet", "piet@beta.be"],
            [NEW[1], "Gamma NV", 9000, "An", "an@gamma.be"],
            [NEW[1], "Gamma BV", 9000, "Els", "els@gamma.be"],
        ]
    },
)
case(
    "members_named_total",
    "xlsx",
    {
        "Leden": [
            ["Naam", "Ondernemingsnummer", "Postcode", "Soort"],
            ["Total Belgium NV", TOTAL, 1000, "grote onderneming"],
            ["Totaal Techniek BV", TECHNIEK, 9000, "KMO"],
            ["Beta BV", NEW[0], 2000, "KMO"],
            [None],
            ["Totaal: 3 leden"],
            ["Opgemaakt door Jan, 15/01/2026"],
        ]
    },
)
case(
    "members_year_only",
    "xls",
    {
        "Leden": [
            ["Ondernemingsnummer", "Naam", "Postcode", "Lid sinds", "Uitgetreden op", "Mandaat"],
            [NEW[0], "Beta BV", 2000, 2019, None, None],
            [NEW[1], "Gamma NV", 9000, "2020", "2026", None],
            [NEW[2], "Delta NV", 9000, None, None, 2026],
        ]
    },
)
case(
    "members_places",
    "ods",
    {
        "Leden": [
            ["Ondernemingsnummer", "Naam", "Gemeente", "Postcode", "Gewest", "Soort"],
            [NEW[0], "Beta BV", "Gent", "9000 Gent", "Vlaams Gewest", "KMO"],
            [NEW[1], "Gamma SA", "Liège", "B-4000 Liège", "Région wallonne", "PME"],
            [
                NEW[2],
                "Delta NV",
                "Brussel",
                "1000",
                "Brussels Hoofdstedelijk Gewest",
                "pouvoir public",
            ],
        ]
    },
)
# 4 - contributions: headers, years, totals, rows after totals
case(
    "contrib_plain",
    "xlsx",
    {
        "Bijdragen 2026": [
            ["Ledenbijdragen 2026"],
            CONTRIB,
            [ALFA, "Alfa NV", 2500, D(2026, 3, 15)],
            [KENNIS, "KU Kennis", "1.250,00", "31/03/2026"],
            ["Totaal", None, 3750],
        ]
    },
)
case(
    "contrib_boekjaar",
    "xlsx",
    {
        "Bijdragen 2026": [
            ["Ondernemingsnummer", "Bedrag", "Boekjaar", "Betaald op"],
            [ALFA, 2500, 2026, D(2026, 3, 15)],
            [ALFA, 1000, 2028, D(2026, 12, 20)],
        ]
    },
)
case(
    "contrib_bijdragejaar",
    "csv",
    "Ondernemingsnummer;Bijdragejaar;Bedrag (EUR);Betaaldatum\r\n"
    f"{ALFA};2026;1.500,00;15/03/2026\r\n"
    f"{KENNIS};2028;750,00;\r\n",
    year=2026,
)
case(
    "contrib_year_by_cells",
    "xlsx",
    {
        "Bijdragen 2026": [
            ["Ondernemingsnummer", "Bedrag", "Periode"],
            [ALFA, 2500, 2026],
            [KENNIS, 750, 2028],
        ]
    },
)
case(
    "contrib_after_total",
    "xlsx",
    {
        "Bijdragen 2026": [
            CONTRIB,
            [ALFA, "Alfa NV", 2500, D(2026, 3, 15)],
            [KENNIS, "KU Kennis", 500, D(2026, 3, 20)],
            ["Totaal", None, 3000],
            [None],
            ["Laattijdige betalingen"],
            [TECHNIEK, "Totaal Techniek BV", 400, D(2026, 9, 1)],
            ["Totaal", None, 3400],
        ]
    },
)
case(
    "contrib_after_total_wrong",
    "ods",
    {
        "Bijdragen 2026": [
            CONTRIB,
            [ALFA, "Alfa NV", 2500, D(2026, 3, 15)],
            ["Totaal", None, 2500],
            [KENNIS, "KU Kennis", 500, D(2026, 9, 1)],
            ["Subtotaal", None, 450],
        ]
    },
)
case(
    "contrib_named_total",
    "xlsx",
    {
        "Bijdragen 2026": [
            ["Naam", "Ondernemingsnummer", "Bedrag"],
            ["Total Belgium NV", TOTAL, 1000],
            ["Totaal Techniek BV", TECHNIEK, 600],
            ["Totaal", None, 1600],
        ]
    },
)
case(
    "contrib_unlabelled_total",
    "csv",
    "Ondernemingsnummer;Naam;Bedrag\r\n"
    f"{ALFA};Alfa NV;1.000,00\r\n"
    f"{KENNIS};KU Kennis;250,50\r\n"
    ";;1.250,50\r\n",
    year=2026,
)
case(
    "contrib_cells",
    "xlsx",
    {
        "Bijdragen 2026": [
            CONTRIB,
            [ALFA, "Alfa NV", 12345.669999999998, "15 maart 2026"],
            [KENNIS, "KU Kennis", "1.000,-", "1er avril 2026"],
            [TECHNIEK, "Totaal Techniek BV", 12.345, D(2026, 4, 2)],
        ]
    },
)
case(
    "contrib_not_paid",
    "xls",
    {
        "Bijdragen 2026": [
            CONTRIB,
            [ALFA, "Alfa NV", 2500, D(2026, 3, 15)],
            [KENNIS, "KU Kennis", "-", None],
            [TECHNIEK, "Totaal Techniek BV", None, None],
        ]
    },
)
case(
    "contrib_french",
    "xlsx",
    {
        "Cotisations 2026": [
            ["Numéro d'entreprise", "Dénomination", "Montant", "Date de paiement", "Remarque"],
            [ALFA, "Alfa SA", "1 500,00", D(2026, 5, 2), "première tranche"],
            [TOTAL, "Total Belgium SA", 800, D(2026, 5, 3), None],
        ]
    },
)
case(
    "contrib_ambiguous",
    "csv",
    f"Ondernemingsnummer;Bijdrage;Betaald\r\n{ALFA};1.000,00;15/03/2026\r\n",
    year=2026,
)
case(
    "contrib_duplicate_columns",
    "xlsx",
    {
        "Bijdragen 2026": [
            ["Ondernemingsnummer", "Bedrag excl. btw", "Bedrag incl. btw"],
            [ALFA, 1000, 1210],
        ]
    },
)
case(
    "contrib_duplicate_columns_ignored",
    "xlsx",
    {
        "Bijdragen 2026": [
            ["Ondernemingsnummer", "Bedrag excl. btw", "Bedrag incl. btw"],
            [ALFA, 1000, 1210],
        ]
    },
    map=["Bedrag incl. btw=ignore"],
)
case(
    "contrib_problems",
    "ods",
    {
        "Bijdragen 2026": [
            CONTRIB,
            [ALFA, "Alfa NV", "1.500", D(2026, 3, 15)],
            ["0403.170.702", "Alfa NV", 100, D(2026, 3, 15)],
            [NEW[4], "Niemand BV", 100, D(2026, 3, 15)],
            [KENNIS, "KU Kennis", -50, "31/02/2026"],
        ]
    },
)
case(
    "contrib_locked_year",
    "xlsx",
    {
        "Bijdragen": [
            ["Ondernemingsnummer", "Jaar", "Bedrag"],
            [ALFA, 2026, 100],
            [ALFA, 2027, 100],
        ]
    },
    lock=[2027],
)
case(
    "contrib_html_export",
    "html",
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
    "<meta http-equiv=Content-Type content='text/html; charset=utf-8'></head><body><table>"
    "<tr><td colspan=3>Uittreksel bijdragen 2026</td></tr>"
    "<tr><td>Ondernemingsnummer</td><td>Naam</td><td>Bedrag</td><td>Datum</td></tr>"
    f'<tr><td>{ALFA}</td><td>Alfa NV</td><td x:num="2500.5">2.501</td><td>15/03/2026</td></tr>'
    f'<tr><td>{KENNIS}</td><td>KU Kennis</td><td x:num="750">750,00</td><td>20/03/2026</td></tr>'
    "</table></body></html>",
)
case(
    "contrib_flat_ods",
    "fods",
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
    '<office:body><office:spreadsheet><table:table table:name="Bijdragen 2026">'
    + "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="{t}"{a}><text:p>{v}</text:p></table:table-cell>'
            for t, a, v in row
        )
        + '<table:table-cell table:number-columns-repeated="1020"/></table:table-row>'
        for row in [
            [
                ("string", "", "Ondernemingsnummer"),
                ("string", "", "Bedrag"),
                ("string", "", "Betaald op"),
            ],
            [
                ("string", "", ALFA),
                ("float", ' office:value="2500"', "2500"),
                ("date", ' office:date-value="2026-03-15"', "15/03/26"),
            ],
        ]
    )
    + '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
    'table:number-columns-repeated="1024"/></table:table-row>'
    "</table:table></office:spreadsheet></office:body></office:document>",
)
case(
    "contrib_extra_columns",
    "xls",
    {
        "Bijdragen 2026": [
            [
                "Ondernemingsnummer",
                "Bedrag",
                "Factuurnummer",
                "Factuurdatum",
                "Contactpersoon",
                "Betaald op",
            ],
            [ALFA, 2500, "F2026-0001", D(2026, 2, 1), "Jan", D(2026, 3, 15)],
        ]
    },
)
case(
    "contrib_uncalculated",
    "xlsx",
    {
        "Bijdragen 2026": [
            ["Ondernemingsnummer", "Basis", "Extra", "Bedrag"],
            [ALFA, 2000, 500, "=B2+C2"],
            [KENNIS, 700, 50, 750],
            ["Totaal", None, None, "=SUM(D2:D3)"],
        ]
    },
)
# 5 - costs
case(
    "costs_plain",
    "xlsx",
    {
        "Kosten": [
            ["Coördinatiekosten per werkjaar"],
            ["Werkjaar", "Coördinatiekosten (EUR)"],
            [2026, "20.000,00"],
            [2028, 18000],
            ["Totaal", 38000],
        ]
    },
)
case(
    "costs_french",
    "csv",
    "Année;Frais de coordination\r\n2026;20 000,00\r\n2027;15 000,00\r\n",
    lock=[2027],
)
# 6 - files people send instead of a workbook
case("refused_empty", "csv", "")
case("refused_lock_file", "lock", "")
case(
    "refused_no_table",
    "xlsx",
    {"Notities": [["Bijdragen volgen later"], ["Naam", "Opmerking"], ["Alfa", "belt terug"]]},
)

# 7 - a spearhead cluster's project list and its partners (--what projects and
# --what project-partners, into Flux; the base ledger holds its projects EDGE, an ICON
# project submitted on 1/3/2025, and GRID, a cSBO project approved on 30/6/2025)
PROJECTS = ["Type", "Acroniem", "Titel", "Thema", "Status", "Ingediend op", "Beslist op"]
PROJECTS += ["Start", "Einde", "Budget (EUR)", "Gevraagde steun (EUR)", "Toegekende steun (EUR)"]
case(
    "projects_plain",
    "xlsx",
    {
        "Projecten": [
            ["Projectportefeuille Flux"],
            [],
            ["Nr", *PROJECTS],
            [1, "ICON", "EDGE", "Grid edge", "Smart grids", "ingediend", D(2025, 3, 1), None,
             None, None, 1_000_000, 500_000, None],
            [2, "cSBO", "CAT", "Katalyse", "Waterstof", "goedgekeurd", D(2025, 4, 1),
             D(2025, 9, 15), D(2026, 1, 1), D(2029, 12, 31), "800.000,00", 600_000, 550_000],
            [3, "O&O", "SOLV", "Solventen", None, "in voorbereiding", None, None, None, None,
             200_000, 100_000, None],
            ["Totaal", None, None, None, None, None, None, None, None, None, 2_000_000, None,
             None],
        ]
    },
    what="projects",
    cluster="Flux",
)  # fmt: skip
case(
    "projects_english",
    "csv",
    "Type,Acronym,Title,Status,Submitted,Decision date,Start date,End date,Budget,"
    "Aid requested,Aid granted\r\n"
    "coock,COAT,Coatings for SMEs,closed,2022-02-01,2022-06-15,2022-09-01,2025-06-30,"
    "400000,300000,300000\r\n"
    "cooperative,FUEL,E-fuels,running,2024-10-01,2025-01-20,2025-03-01,,250000,125000,120000\r\n",
    what="projects",
    cluster="Flux",
)
case(
    "projects_refused_rows",
    "csv",
    "Type;Acroniem;Titel;Status;Ingediend op;Beslist op;Start;Einde;Budget;Gevraagde steun;"
    "Toegekende steun\r\n"
    "bakery;BAKE;Brood;ingediend;01/03/2025;;;;1000;500;\r\n"
    "icon;MORE;Meer steun;goedgekeurd;01/03/2025;01/09/2025;;;1000;500;600\r\n"
    "oo;BACK;Achteruit;ingediend;01/03/2025;;01/03/2026;01/01/2026;1000;500;\r\n"
    "icon;EDGE;Grid edge;ingediend;01/03/2025;;;;900000;500000;\r\n"
    "oo;TWICE;Eens;ingediend;01/03/2025;;;;100;50;\r\n"
    "oo;TWICE;Twee keer;ingediend;01/03/2025;;;;100;50;\r\n"
    "oo;TWICE;Eens;ingediend;01/03/2025;;;;100;50;\r\n"
    "csbo;NODAY;Zonder beslissing;goedgekeurd;01/03/2025;;;;100;50;50\r\n"
    "csbo;GRID;Netstabiliteit;ingediend;01/02/2025;;;;500000;400000;\r\n"
    "oo;PLAN;Nog een plan;in voorbereiding;01/03/2025;;;;100;50;\r\n"
    "oo;WAIT;Wacht op beslissing;ingediend;01/03/2025;01/06/2025;;;100;50;\r\n"
    "oo;GONE;Ingetrokken;ingetrokken;01/03/2025;;;;100;50;\r\n"
    "oo;EARLY;Te vroeg beslist;afgewezen;01/03/2025;01/02/2025;;;100;50;\r\n"
    "oo;LATE;Start voor de beslissing;lopend;01/03/2025;01/04/2025;01/01/2025;;100;50;40\r\n",
    what="projects",
    cluster="Flux",
)
case(
    "projects_forward",
    "csv",
    "Acroniem,Titel,Type,Status,Ingediend op,Beslist op,Start,Einde,Toegekende steun\r\n"
    "EDGE,Grid edge,ICON,goedgekeurd,01/03/2025,15/09/2025,,,450000\r\n"
    "GRID,Netstabiliteit,cSBO,afgesloten,01/02/2025,30/06/2025,01/09/2025,31/08/2026,350000\r\n",
    what="projects",
    cluster="Flux",
)
case(
    "projects_not_spearhead",
    "csv",
    "Type;Titel;Ingediend op\r\nicon;Grid edge;01/03/2026\r\n",
    what="projects",
)
case(
    "projects_unmapped_date",
    "csv",
    "Type;Titel;Ingediend op;Contract getekend;Opmerking\r\n"
    "icon;Slimme meters;01/03/2025;15/10/2025;loopt\r\n",
    what="projects",
    cluster="Flux",
)
PARTNERS = ["Project", "Ondernemingsnummer", "Naam", "Land", "Rol", "Budget (EUR)", "Steun (EUR)"]
case(
    "partners_plain",
    "xlsx",
    {
        "Partners": [
            ["Partners per project"],
            [*PARTNERS, "Contactpersoon"],
            ["EDGE", ALFA, "Alfa NV", "BE", "coördinator", 600_000, 300_000, "An Peeters"],
            ["EDGE", None, "Fraunhofer IWES", "DE", "partner", 400_000, 200_000, None],
            ["EDGE", KENNIS, "KU Kennis", None, "gebruikersgroep", None, None, None],
            ["edge", NEW[2], "Nieuwe Partner BV", None, "onderaannemer", None, None, None],
            ["Totaal", None, None, None, None, 1_000_000, 500_000, None],
        ]
    },
    what="project-partners",
    cluster="Flux",
)
case(
    "partners_refused_rows",
    "csv",
    "Project;Ondernemingsnummer;Naam;Land;Rol;Budget;Steun\r\n"
    "NOPE;0403.170.701;Alfa NV;;partner;;\r\n"
    "EDGE;0403.170.701;Alfa NV;;partner;900000;\r\n"
    "EDGE;0123.456.749;KU Kennis;;partner;200000;\r\n"
    "GRID;0123.456.749;KU Kennis;;gebruikersgroep;;\r\n"
    "EDGE;0403.170.701;Alfa NV;DE;coördinator;;\r\n"
    "EDGE;;Institut X;;partner;;\r\n"
    "EDGE;0403.170.701;Alfa NV;;partner;800000;\r\n"
    "EDGE;0403.170.701;Alfa NV;;partner;900000;\r\n"
    "EDGE;0471.650.622;;;coördinator;;\r\n"
    "GRID;0417.497.106;Totaal Techniek BV;;coördinator;300000;200000\r\n"
    "GRID;0202.239.951;Total Belgium NV;;coördinator;;\r\n"
    "GRID;;Centre de Recherche;FR;partner;100000;200000\r\n"
    "Totaal;;;;;2500000;\r\n",
    what="project-partners",
    cluster="Flux",
)


def _toml(value: object) -> str:
    return str(value) if isinstance(value, int) else f'"{value}"'


def _write_xlsx(path: Path, sheets: dict[str, Rows]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    _same_bytes(path)


def _same_bytes(path: Path) -> None:
    """Give a written .xlsx or .ods fixed times (its parts' and its document properties'),
    so that the same case is the same file each time it is written: a diff shows real
    changes. The parts keep their order and compression (an .ods opens with its
    uncompressed ``mimetype``)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in parts:
            if info.filename in ("docProps/core.xml", "meta.xml"):
                data = _TIMES.sub(b"2026-01-01T00:00:00", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            target.writestr(fixed, data, info.compress_type)


def _text_name(item: dict[str, Any]) -> str:
    fmt = item["format"]
    if fmt == "html":
        return f"{item['name']}.xls"
    if fmt == "lock":
        return f"~${item['name']}.xlsx"
    return f"{item['name']}.{fmt}"


def file_name(item: dict[str, Any]) -> str:
    return _text_name(item)


def main(target: Path = HERE, *, inputs: bool = True) -> None:
    """Write every input into ``target`` (and ``cases.toml``), converting with LibreOffice;
    with ``inputs=False`` only ``cases.toml``."""
    if inputs:
        _write_inputs(target)
    write_cases(target)


def _write_inputs(target: Path) -> None:
    convert: dict[str, list[Path]] = {"xls": [], "ods": []}
    with tempfile.TemporaryDirectory() as scratch:
        for item in CASES:
            fmt, name = item["format"], file_name(item)
            if fmt in ("csv", "fods", "html"):
                (target / name).write_bytes(item["sheets"].encode("utf-8"))
            elif fmt == "lock":  # Excel's owner file: a length byte, the user, padding
                (target / name).write_bytes(bytes([2]) + b"an".ljust(53) + b"a\0n\0".ljust(110))
            elif fmt == "xlsx":
                _write_xlsx(target / name, item["sheets"])
            else:
                source = Path(scratch) / f"{item['name']}.xlsx"
                _write_xlsx(source, item["sheets"])
                convert[fmt].append(source)
        for fmt, sources in convert.items():
            if sources:
                filters = {"xls": "xls:MS Excel 97", "ods": "ods"}
                subprocess.run(
                    ["soffice", "--headless", "--convert-to", filters[fmt], "--outdir", scratch]
                    + [str(s) for s in sources],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
                for source in sources:
                    written = target / f"{source.stem}.{fmt}"
                    shutil.copyfile(source.with_suffix(f".{fmt}"), written)
                    if fmt == "ods":
                        _same_bytes(written)


def write_cases(target: Path) -> None:
    """The case list with each case's import options (and the years it locks first)."""
    lines = ["# Written by make_golden.py: the golden cases and their import options.", ""]
    for item in CASES:
        lines.append(f"[{item['name']}]")
        lines.append(f'file = "{file_name(item)}"')
        for key, value in item["options"].items():
            shown = (
                "[" + ", ".join(map(_toml, value)) + "]"
                if isinstance(value, list)
                else _toml(value)
            )
            lines.append(f"{key} = {shown}")
        lines.append("")
    (target / "cases.toml").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--cases-only"]
    main(Path(arguments[0]) if arguments else HERE, inputs="--cases-only" not in sys.argv)
