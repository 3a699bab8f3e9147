"""The demo's spearhead cluster: its member list, its 2025 contributions and the project
portfolio its coordinator keeps beside them (``speerpunt-*.xlsx``, ``projecten.xlsx``).

Called by ``make_sample_data.py``; everything here is fictional (the cluster, the
companies, the institutes abroad and their projects), and the enterprise numbers pass
the mod-97 check but belong to nobody in particular. The settings of the cluster itself
are in ``speerpunt.toml``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from make_sample_data import DAY, EURO, new_sheet, save, widths
from openpyxl import Workbook

CLUSTER = "Hernieuwbare Moleculen Vlaanderen"

# fmt: off
# (enterprise number, name, postcode, municipality, type, member since, mandate,
#  contribution 2025 in euros). Two are members of the demo's other cluster too.
MEMBERS: tuple[tuple, ...] = (
    ("0240.023.530", "Depolymerisatie Noordzee NV", 8400, "Oostende", "Grote onderneming",
     date(2021, 3, 1), date(2021, 3, 1), 25000),
    ("0531.882.177", "Regranulaat Schelde NV", 9000, "Gent", "Grote onderneming",
     date(2021, 3, 1), date(2021, 3, 4), 25000),
    ("0901.570.755", "Elektrolyse Antwerpen NV", 2030, "Antwerpen", "Grote onderneming",
     date(2021, 3, 8), date(2021, 3, 8), 25000),
    ("0539.072.352", "Katalysatoren Kempen BV", 2440, "Geel", "KMO",
     date(2021, 4, 12), date(2021, 4, 12), 10000),
    ("0919.996.203", "Biomassa Raffinage Gent NV", 9042, "Gent", "Grote onderneming",
     date(2021, 5, 3), date(2021, 5, 3), 25000),
    ("0728.281.443", "Coatings Leie BV", 8500, "Kortrijk", "KMO",
     date(2022, 1, 10), date(2022, 1, 10), 10000),
    ("0656.432.850", "Procesautomatisering Limburg BV", 3600, "Genk", "KMO",
     date(2022, 2, 14), date(2022, 2, 14), 5000),
    ("0432.122.330", "Solventherwinning Dender BV", 9300, "Aalst", "Start-up",
     date(2023, 9, 1), date(2023, 9, 1), 2500),
    ("0407.477.303", "Kenniscentrum Moleculaire Technologie vzw", 3001, "Leuven",
     "Kennisinstelling", date(2021, 3, 1), None, 15000),
)

THEMES = (
    "Groene waterstof en e-fuels",
    "CO2 als grondstof",
    "Biogebaseerde grondstoffen",
    "Circulaire processen",
)

# (number, type, acronym, title, theme, status, submitted, decided, start, end,
#  budget, aid requested, aid granted)
PROJECTS: tuple[tuple, ...] = (
    (1, "ICON", "H2HAVEN", "Groene waterstof als grondstof in de haven",
     "Groene waterstof en e-fuels", "afgesloten", date(2023, 3, 15), date(2023, 9, 20),
     date(2024, 1, 8), date(2025, 12, 19), 2_900_000, 1_500_000, 1_450_000),
    (2, "COOCK", "CIRCOAT", "Circulaire coatings voor kmo's", "Circulaire processen",
     "lopend", date(2024, 2, 1), date(2024, 6, 14), date(2024, 9, 2), None,
     800_000, 600_000, 600_000),
    (3, "O&O", "BIOPOLY", "Polyesters uit suikerbietpulp", "Biogebaseerde grondstoffen",
     "afgewezen", date(2024, 10, 1), date(2025, 2, 14), None, None,
     650_000, 325_000, None),
    (4, "cSBO", "CO2CAT", "Katalysatoren die CO2 omzetten in methanol", "CO2 als grondstof",
     "goedgekeurd", date(2025, 3, 3), date(2025, 7, 4), None, None,
     1_600_000, 1_200_000, 1_100_000),
    (5, "coöperatief", "E-FUELS", "Synthetische brandstoffen voor de binnenvaart",
     "Groene waterstof en e-fuels", "ingediend", date(2025, 10, 15), None, None, None,
     450_000, 225_000, None),
    (6, "O&O", "SOLVREC", "Solventen terugwinnen met membranen", "Circulaire processen",
     "in voorbereiding", None, None, None, None, 400_000, 200_000, None),
)

# (project acronym, enterprise number, name, country, role, budget, aid)
PARTNERS: tuple[tuple, ...] = (
    ("H2HAVEN", "0901.570.755", "Elektrolyse Antwerpen NV", "BE", "coördinator", 1_300_000, 650_000),
    ("H2HAVEN", "0240.023.530", "Depolymerisatie Noordzee NV", "BE", "partner", 700_000, 350_000),
    ("H2HAVEN", "0407.477.303", "Kenniscentrum Moleculaire Technologie vzw", "BE", "partner",
     600_000, 300_000),
    ("H2HAVEN", None, "Waterstofinstituut Delft BV", "NL", "partner", 300_000, 150_000),
    ("H2HAVEN", "0656.432.850", "Procesautomatisering Limburg BV", "BE", "gebruikersgroep", None, None),
    ("CIRCOAT", "0407.477.303", "Kenniscentrum Moleculaire Technologie vzw", "BE", "coördinator",
     800_000, 600_000),
    ("CIRCOAT", "0728.281.443", "Coatings Leie BV", "BE", "gebruikersgroep", None, None),
    ("CIRCOAT", "0531.882.177", "Regranulaat Schelde NV", "BE", "gebruikersgroep", None, None),
    ("CIRCOAT", "0229.076.386", "Lakfabriek Westhoek BV", "BE", "gebruikersgroep", None, None),
    ("BIOPOLY", "0919.996.203", "Biomassa Raffinage Gent NV", "BE", "coördinator", 650_000, 325_000),
    ("CO2CAT", "0407.477.303", "Kenniscentrum Moleculaire Technologie vzw", "BE", "coördinator",
     1_000_000, 700_000),
    ("CO2CAT", "0539.072.352", "Katalysatoren Kempen BV", "BE", "partner", 400_000, 275_000),
    ("CO2CAT", None, "Institut für Katalyse Aachen", "DE", "partner", 200_000, 125_000),
    ("E-FUELS", "0901.570.755", "Elektrolyse Antwerpen NV", "BE", "coördinator", 300_000, 150_000),
    ("E-FUELS", "0572.017.017", "Rederij Albertkanaal NV", "BE", "partner", 100_000, 50_000),
    ("SOLVREC", "0432.122.330", "Solventherwinning Dender BV", "BE", "coördinator", 400_000, 200_000),
)
# fmt: on


def write_members(out: Path) -> None:
    wb = Workbook()
    header = ["Ondernemingsnummer", "Naam", "Postcode", "Gemeente", "Type", "Lid sinds"]
    header += ["Mandaat"]
    ws = new_sheet(wb, "Leden", [f"Ledenlijst {CLUSTER}", "Toestand op 31/12/2025"], header)
    for kbo, name, postcode, town, kind, since, mandate, _ in MEMBERS:
        ws.append([kbo, name, postcode, town, kind, since, mandate])
        for cell in ws[ws.max_row][5:7]:
            cell.number_format = DAY
    widths(ws, 20, 44, 10, 16, 18, 13, 13)
    save(wb, out / "speerpunt-leden.xlsx")


def write_contributions(out: Path) -> None:
    wb = Workbook()
    header = ["Ondernemingsnummer", "Naam", "Bedrag (EUR)", "Betaald op"]
    ws = new_sheet(wb, "Bijdragen 2025", [f"Lidgelden 2025 - {CLUSTER}"], header)
    for index, (kbo, name, *_, amount) in enumerate(MEMBERS):
        ws.append([kbo, name, amount, date(2025, 2, 3 + index * 2)])
        ws.cell(ws.max_row, 3).number_format = EURO
        ws.cell(ws.max_row, 4).number_format = DAY
    widths(ws, 20, 44, 15, 13)
    save(wb, out / "speerpunt-bijdragen-2025.xlsx")


def write_portfolio(out: Path) -> None:
    """The coordinator's portfolio: one sheet of projects, one of their partners."""
    wb = Workbook()
    header = ["Nr", "Type", "Acroniem", "Titel", "Thema", "Status", "Ingediend op"]
    header += ["Beslist op", "Start", "Einde", "Budget (EUR)", "Gevraagde steun (EUR)"]
    header += ["Toegekende steun (EUR)"]
    ws = new_sheet(wb, "Projecten", [f"Projectportefeuille {CLUSTER}"], header)
    for project in PROJECTS:
        ws.append(list(project))
        for cell in ws[ws.max_row][6:10]:
            cell.number_format = DAY
        for cell in ws[ws.max_row][10:13]:
            cell.number_format = EURO
    widths(ws, 5, 13, 11, 44, 28, 17, 13, 13, 13, 13, 15, 20, 21)
    header = ["Project", "Ondernemingsnummer", "Naam", "Land", "Rol", "Budget (EUR)"]
    header += ["Steun (EUR)"]
    ws = new_sheet(wb, "Partners", [f"Partners per project - {CLUSTER}"], header)
    for project, kbo, name, country, role, budget, aid in PARTNERS:
        ws.append([project, kbo, name, country, role, budget, aid])
        for cell in ws[ws.max_row][5:7]:
            cell.number_format = EURO
    widths(ws, 8, 20, 44, 6, 16, 15, 15)
    save(wb, out / "projecten.xlsx")


def main(out: Path) -> None:
    write_members(out)
    write_contributions(out)
    write_portfolio(out)
