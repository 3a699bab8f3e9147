"""Write the demo cluster's spreadsheets: the files an accountant would send.

Run it from the repository root to regenerate the ``.xlsx`` files beside it::

    .venv/bin/python sample_data/make_sample_data.py

The output is byte-for-byte the same on every run (fixed workbook timestamps and
fixed dates inside the zip archive), so a regenerated file only shows up in
``git status`` when the data below changed. Everything here is fictional: the
companies, their enterprise numbers (valid mod-97 check digits, not real ones)
and the amounts. README.md beside this script says what the figures show.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # statement_files.py beside this script

from statement_files import Payment, camt053_statement, coda_statement  # noqa: E402

from ledger.payments.ogm import derive  # noqa: E402

CLUSTER = "Circulaire Kunststoffen Vlaanderen"
YEARS = (2023, 2024, 2025)
FIXED = datetime(2026, 1, 9, 9, 30)  # when the accountant sent the files
EURO = '#,##0.00 "€"'
DAY = "DD/MM/YYYY"
BOLD = Font(bold=True)

# fmt: off
# (enterprise number, name, postcode, municipality, type, member since, left on, mandate,
#  region override, contributions for 2023, 2024, 2025 in euros; None: nothing paid)
MEMBERS: tuple[tuple, ...] = (
    ("0531.882.177", "Regranulaat Schelde NV", 9000, "Gent", "Grote onderneming",
     date(2022, 10, 3), None, date(2022, 10, 3), None, (8000, 10000, 10000)),
    ("0832.664.034", "Leieplast BV", 8500, "Kortrijk", "KMO",
     date(2022, 10, 3), None, date(2022, 10, 5), None, (5000, 6500, 6500)),
    ("0333.019.707", "Kempense Folietechniek BV", 2440, "Geel", "KMO",
     date(2022, 10, 10), None, date(2022, 10, 10), None, (5000, 6500, 6500)),
    ("0782.738.629", "Polymeeratelier Westhoek BV", 8900, "Ieper", "KMO",
     date(2022, 10, 12), None, date(2022, 10, 12), None, (3000, 3750, 3750)),
    ("0981.488.263", "Sorteerlijn Limburg NV", 3600, "Genk", "Grote onderneming",
     date(2022, 10, 14), None, date(2022, 10, 20), None, (8000, 10000, 10000)),
    ("0537.522.431", "Biobased Verpakkingen Haspengouw BV", 3800, "Sint-Truiden", "KMO",
     date(2022, 10, 17), None, date(2022, 10, 17), None, (3000, 3750, 3750)),
    ("0717.161.679", "Extrusie Dender BV", 9300, "Aalst", "KMO",
     date(2022, 10, 24), None, date(2022, 10, 24), None, (3000, 3750, 3750)),
    ("0496.353.651", "Spuitgietwerk Nete BV", 2500, "Lier", "KMO",
     date(2022, 11, 2), None, date(2022, 11, 2), None, (5000, 6500, 6500)),
    ("0553.457.551", "Recyclagecentrum Mandel NV", 8800, "Roeselare", "Grote onderneming",
     date(2022, 11, 7), None, date(2022, 11, 7), None, (8000, 10000, None)),
    ("0788.966.029", "Compoundeerderij Kanaal BV", 2300, "Turnhout", "KMO",
     date(2022, 11, 9), None, date(2022, 11, 9), None, (3000, 3750, 3750)),
    ("0631.772.777", "Thermovorm Demer BV", 3290, "Diest", "KMO",
     date(2022, 11, 14), None, date(2022, 11, 14), None, (1500, 2000, 2000)),
    ("0354.023.373", "Filamentwerk Leuven BV", 3000, "Leuven", "Start-up",
     date(2022, 11, 21), None, date(2022, 11, 21), None, (1500, 2000, 2000)),
    ("0621.860.565", "Kunststofschroot Rupel BV", 2850, "Boom", "KMO",
     date(2022, 11, 28), None, date(2022, 11, 28), None, (3000, 3750, 3750)),
    ("0875.499.234", "Folierecyclage Meetjesland BV", 9900, "Eeklo", "KMO",
     date(2022, 12, 1), None, date(2022, 12, 1), None, (3000, 3750, 3750)),
    ("0492.398.526", "Polyolefinen Scheldeland NV", 9200, "Dendermonde", "Grote onderneming",
     date(2022, 12, 5), None, date(2022, 12, 5), None, (5000, 6500, 6500)),
    ("0592.217.365", "Verpakkingsontwerp Dijle BV", 2800, "Mechelen", "KMO",
     date(2022, 12, 7), None, date(2022, 12, 7), None, (1500, 2000, 2000)),
    ("0322.295.762", "Circulaire Meubelplaat Tielt BV", 8700, "Tielt", "KMO",
     date(2022, 12, 12), None, date(2022, 12, 12), None, (3000, 3750, 3750)),
    ("0400.356.018", "Kabelmantel Herwinning BV", 8790, "Waregem", "KMO",
     date(2022, 12, 14), None, date(2022, 12, 14), None, (3000, 3750, 3750)),
    ("0246.194.512", "Hergebruik Buizen Kempen BV", 2400, "Mol", "KMO",
     date(2022, 12, 19), None, date(2022, 12, 19), None, (3000, 3750, None)),
    ("0298.743.964", "Mengtechniek Vlaamse Ardennen BV", 9700, "Oudenaarde", "KMO",
     date(2023, 1, 9), None, date(2023, 1, 9), None, (1500, 2000, 2000)),
    ("0240.023.530", "Depolymerisatie Noordzee NV", 8400, "Oostende", "Grote onderneming",
     date(2023, 1, 9), None, date(2023, 1, 12), None, (5000, 6500, 6500)),
    ("0686.647.954", "Labo Polymeeranalyse Hasselt BV", 3500, "Hasselt", "KMO",
     date(2023, 1, 16), None, None, None, (1500, 2000, 2000)),
    ("0469.798.912", "Granulaatlogistiek Waasland BV", 9100, "Sint-Niklaas", "KMO",
     date(2023, 4, 1), None, date(2023, 4, 1), None, (2250, 3750, 3750)),
    ("0537.072.865", "Vormenbouw Zennevallei BV", 1500, "Halle", "KMO",
     date(2023, 1, 23), None, None, None, (1500, 2000, 2000)),
    ("0484.007.630", "Herverwerking Maasland BV", 3630, "Maasmechelen", "KMO",
     date(2022, 12, 21), date(2024, 6, 30), date(2022, 12, 21), None, (3000, 1875, 1875)),
    ("0566.209.586", "Kratten en Pallets Vilvoorde BV", 1800, "Vilvoorde", "Grote onderneming",
     date(2023, 1, 30), None, date(2023, 1, 30), None, (5000, 6500, 6500)),
    ("0492.854.723", "Polymeerlab Kortrijk vzw", 8500, "Kortrijk", "Kennisinstelling",
     date(2022, 10, 3), None, None, None, (5000, 5000, 5000)),
    ("0974.529.801", "Intergemeentelijke Afvalvereniging Leie-Schelde", 9800, "Deinze",
     "Overheid", date(2022, 11, 30), None, None, None, (2500, 2500, 2500)),
    ("0487.157.259", "Urban Plastic Loop BV", 1070, "Anderlecht", "KMO",
     date(2022, 11, 16), None, date(2022, 11, 16), "Vlaanderen", (3000, 3750, 3750)),
    ("0534.253.333", "Circulab Bruxelles SRL", 1000, "Brussel", "Start-up",
     date(2022, 12, 8), None, date(2022, 12, 8), None, (1500, 2000, 2000)),
    ("0448.096.052", "Verpakkingsadvies Kanaalzone BV", 1120, "Brussel", "KMO",
     date(2023, 2, 6), None, None, None, (3000, 3750, 3750)),
    ("0851.657.822", "Recyclage Polymères Hainaut SA", 7500, "Doornik", "KMO",
     date(2022, 12, 13), None, date(2022, 12, 13), None, (3000, 3750, 3750)),
    ("0511.759.627", "Nouvelle Matière Liège SA", 4000, "Luik", "Grote onderneming",
     date(2023, 1, 18), None, None, None, (5000, 6500, 6500)),
    ("0471.241.440", "Mechanische Recyclage Brugge BV", 8000, "Brugge", "Grote onderneming",
     date(2024, 2, 1), None, date(2024, 2, 1), None, (None, 6500, 6500)),
    ("1009.489.094", "Sorteerrobotica Gent BV", 9000, "Gent", "Start-up",
     date(2024, 4, 15), None, date(2024, 4, 15), None, (None, 3750, 3750)),
    ("0465.927.919", "Tapijtvezel Herwinning BV", 8560, "Wevelgem", "KMO",
     date(2024, 3, 1), None, date(2024, 3, 4), None, (None, 3750, 3750)),
    ("0681.402.333", "Bioplast Vorst BV", 1190, "Vorst", "Start-up",
     date(2024, 9, 2), None, None, None, (None, 2000, 2000)),
    ("0458.135.750", "Terre Plastique SRL", 1348, "Ottignies-Louvain-la-Neuve", "KMO",
     date(2025, 1, 15), None, None, None, (None, None, 2000)),
    ("1004.954.444", "Luchtkussen Circulair BV", 3200, "Aarschot", "Start-up",
     date(2025, 3, 3), None, date(2025, 3, 3), None, (None, None, 2000)),
    ("1011.350.011", "Isolatieschuim Herwinning BV", 2260, "Westerlo", "KMO",
     date(2025, 5, 5), None, date(2025, 5, 5), None, (None, None, 3750)),
)
# fmt: on

DUPLICATE = ("0788.966.029", 2024)  # booked twice from the same bank statement
AS_TEXT = {  # amounts typed as text, the way they arrive from another spreadsheet
    ("0354.023.373", 2023): "1.500,00",
    ("0333.019.707", 2024): "€ 6 500,00",
    ("0592.217.365", 2024): "2.000,00",
    ("1004.954.444", 2025): "2.000,00",
}
AS_NUMBER = ("0621.860.565", 2023)  # typed as a number: Excel dropped the leading zero
NOTES = {
    ("0469.798.912", 2023): "pro rata vanaf 01/04/2023",
    ("0484.007.630", 2024): "pro rata tot uittreding 30/06/2024",
    ("0484.007.630", 2025): "saldo ledenbijdrage 2024, betaald na uittreding",
}
COSTS = {2023: 240_000, 2024: 330_000, 2025: 310_000}
# The cluster's bank account, and the 2025 payments that arrive by bank statement rather
# than in the accountant's sheet (the demo books them from the statements).
ACCOUNT = "BE43068999999501"
FROM_STATEMENTS = {("0621.860.565", 2025), ("0469.798.912", 2025)}


def written(number: str, style: int) -> str:
    """The number the way one of several people would type it."""
    digits = number.replace(".", "")
    return (number, f"BE{digits}", f"{digits[:4]} {digits[4:7]} {digits[7:]}")[style % 3]


def paid_on(index: int, year: int, since: date) -> date:
    """A spread of payment dates, never before a new member's first invoice.

    A few 2023 contributions arrive in January 2024, as late payments do.
    """
    if year == 2023 and index % 11 == 4:
        return date(2024, 1, 8 + index % 5)
    spread = date(year, 1, 20) + timedelta(days=(index * 97 + year) % 320)
    return max(spread, since + timedelta(days=21))


def new_sheet(wb: Workbook, title: str, lines: list[str], header: list[str]) -> Worksheet:
    ws = wb.create_sheet(title)
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    ws.freeze_panes = f"A{ws.max_row + 1}"
    return ws


def widths(ws: Worksheet, *sizes: int) -> None:
    for index, size in enumerate(sizes):
        ws.column_dimensions[chr(ord("A") + index)].width = size


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed timestamps, so the same data gives the same bytes."""
    del wb[wb.sheetnames[0]]  # the empty default sheet
    wb.properties.creator = "Boekhouding Circulaire Kunststoffen Vlaanderen vzw"
    wb.properties.created = FIXED
    buffer = BytesIO()
    wb.save(buffer)  # openpyxl stamps "modified" with the current time; undone below
    wb.properties.modified = FIXED
    with ZipFile(buffer) as source, ZipFile(path, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = tostring(wb.properties.to_tree())
            target.writestr(ZipInfo(info.filename, FIXED.timetuple()[:6]), data, ZIP_DEFLATED)


def write_members(out: Path) -> None:
    wb = Workbook()
    header = ["Ondernemingsnummer", "Naam", "Postcode", "Gemeente", "Type", "Lid sinds"]
    header += ["Uitgetreden op", "Mandaat", "Gewest"]
    ws = new_sheet(wb, "Leden", [f"Ledenlijst {CLUSTER}", "Toestand op 31/12/2025"], header)
    for index, (kbo, name, postcode, town, kind, since, left, mandate, region, _) in enumerate(
        MEMBERS
    ):
        ws.append([written(kbo, index), name, postcode, town, kind, since, left, mandate, region])
        for cell in ws[ws.max_row][5:8]:
            cell.number_format = DAY
    widths(ws, 20, 44, 10, 26, 18, 13, 15, 13, 12)
    save(wb, out / "leden.xlsx")


def write_contributions(out: Path, year: int) -> None:
    wb = Workbook()
    header = ["Ondernemingsnummer", "Naam", "Bedrag (EUR)", "Betaald op", "Opmerking"]
    ws = new_sheet(wb, f"Bijdragen {year}", [f"Ledenbijdragen {year} - {CLUSTER} vzw"], header)
    rows = []
    for index, (kbo, name, _, _, _, since, *_, amounts) in enumerate(MEMBERS):
        amount = amounts[YEARS.index(year)]
        if amount is None or (kbo, year) in FROM_STATEMENTS:
            continue
        number: str | int = written(kbo, index + year)
        if (kbo, year) == AS_NUMBER:
            number = int(kbo.replace(".", ""))
        value = AS_TEXT.get((kbo, year), amount)
        rows.append((paid_on(index, year, since), name, kbo, [number, name, value]))
    rows.sort(key=lambda row: row[:2])
    first = ws.max_row + 1
    for invoice, (day, _, kbo, cells) in enumerate(rows, start=1):
        note = "; ".join(filter(None, [f"factuur LB{year}-{invoice:03d}", NOTES.get((kbo, year))]))
        for _copy in range(2 if (kbo, year) == DUPLICATE else 1):
            ws.append([*cells, day, note])
            ws.cell(ws.max_row, 3).number_format = EURO
            ws.cell(ws.max_row, 4).number_format = DAY
    last = ws.max_row
    ws.append([])
    ws.append(["Totaal", None, f"=SUM(C{first}:C{last})"])
    ws.cell(ws.max_row, 1).font = BOLD
    ws.cell(ws.max_row, 3).number_format = EURO
    ws.cell(ws.max_row, 3).font = BOLD
    widths(ws, 20, 44, 15, 13, 48)
    save(wb, out / f"bijdragen-{year}.xlsx")


def write_corrections(out: Path) -> None:
    wb = Workbook()
    header = ["Jaar", "Ondernemingsnummer", "Bedrag", "Reden"]
    ws = new_sheet(wb, "Correcties", ["Correcties op de ledenbijdragen"], header)
    kbo, year = DUPLICATE
    reason = "Dubbel geboekt: overschrijving twee keer ingelezen uit het bankuittreksel"
    ws.append([year, f"BE{kbo.replace('.', '')}", 3750, reason])
    ws.cell(ws.max_row, 3).number_format = EURO
    widths(ws, 8, 20, 12, 72)
    save(wb, out / "correcties.xlsx")


def write_costs(out: Path) -> None:
    wb = Workbook()
    header = ["Jaar", "Coördinatiekosten (EUR)"]
    ws = new_sheet(wb, "Coördinatiekosten", [f"Coördinatiekosten {CLUSTER} vzw"], header)
    for year, amount in COSTS.items():
        ws.append([year, amount])
        ws.cell(ws.max_row, 2).number_format = EURO
    widths(ws, 8, 24)
    save(wb, out / "kosten.xlsx")


def _ogm(kbo: str, year: int) -> str:
    """A member's communication in the demo ledger: cluster 1, companies numbered in the
    order of the member list (see ledger/payments/ogm.py)."""
    index = next(i for i, member in enumerate(MEMBERS) if member[0] == kbo)
    return derive(cluster_id=1, company_id=index + 1, year=year)


def write_statements(out: Path) -> None:
    """Two days of the cluster's account: a CODA file and a camt.053.001.08 file."""
    holder = "CIRCULAIRE KUNSTSTOFFEN VZW"
    coda = [
        Payment(
            375_000,
            "KUNSTSTOFSCHROOT RUPEL BV",
            "BE62510007547061",
            "BBRUBEBB",
            _ogm("0621.860.565", 2025),
        ),
        Payment(
            50_000,
            "DRUKKERIJ VANDAMME BV",
            "BE68539007547034",
            "GEBABEBB",
            text="SPONSORING NIEUWJAARSRECEPTIE 2026",
        ),
        Payment(-1_250, text="BEHEERSKOSTEN ZICHTREKENING NOVEMBER 2025"),
    ]
    text = coda_statement(ACCOUNT, holder, 87, date(2025, 11, 25), 4_821_035, coda)
    (out / "uittreksel-2025-087.cod").write_text(text, encoding="cp1252", newline="")
    opening = 4_821_035 + sum(p.amount_cents for p in coda)
    # Hergebruik Buizen Kempen BV types its communication with two digits swapped.
    right = _ogm("0246.194.512", 2025)
    swapped = right[:5] + right[6] + right[5] + right[7:]
    camt = [
        Payment(
            375_000,
            "GRANULAATLOGISTIEK WAASLAND BV",
            "BE71096123456769",
            "GKCCBEBB",
            _ogm("0469.798.912", 2025),
        ),
        Payment(375_000, "HERGEBRUIK BUIZEN KEMPEN BV", "BE27001234567889", "GEBABEBB", swapped),
    ]
    xml = camt053_statement(ACCOUNT, holder, 94, date(2025, 12, 5), opening, camt)
    (out / "uittreksel-2025-094.xml").write_text(xml, encoding="utf-8")


def main(out: Path = HERE) -> None:
    """Write every workbook and statement into ``out`` (this folder unless a test asks for
    another)."""
    write_members(out)
    for year in YEARS:
        write_contributions(out, year)
    write_corrections(out)
    write_costs(out)
    write_statements(out)
    write_spearhead(out)


def write_spearhead(out: Path) -> None:
    """The demo's second cluster, a spearhead cluster with a project portfolio."""
    import spearhead_files  # beside this script; it borrows this one's helpers

    spearhead_files.main(out)


if __name__ == "__main__":
    main()
