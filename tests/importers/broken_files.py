"""Builders of broken and awkward spreadsheet files, written into a test's tmp_path.

Each function writes one file and returns its path. Everything is built at test time
with openpyxl, zipfile or plain bytes, so nothing large lives in the repository; the
zip bomb is a real one (100 MB of zeros deflated to about 100 KB) plus one whose
central directory merely claims 2 GB, which keeps the tests cheap.
"""

from __future__ import annotations

import os
import shutil
import struct
import zipfile
from pathlib import Path

import openpyxl

# The real-world corpus lives beside the repository (``../shared/corpus/spreadsheets``);
# CLUSTER_LEDGER_CORPUS points elsewhere, for a checkout that sits somewhere else.
CORPUS = Path(
    os.environ.get("CLUSTER_LEDGER_CORPUS")
    or Path(__file__).resolve().parents[3] / "shared" / "corpus" / "spreadsheets"
)
ENCRYPTED_SAMPLE = "edr__standard_AES128_SHA1_ECB_pwd_password.xlsx"


def workbook(folder: Path, name: str = "book.xlsx", **cells: object) -> Path:
    """A plain xlsx with one sheet ``Leden`` holding ``cells`` (``A1="Naam"``)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Leden"
    for reference, value in cells.items():
        sheet[reference] = value
    path = folder / name
    book.save(path)
    return path


def not_a_spreadsheet(folder: Path) -> Path:
    path = folder / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "noise.xlsx"
    path.write_bytes(bytes((index * 37 + 11) % 256 for index in range(4096)))
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "leeg.xlsx"
    path.write_bytes(b"")
    return path


def truncated_zip(folder: Path) -> Path:
    whole = workbook(folder, "whole.xlsx", A1="Naam", B1="Bedrag").read_bytes()
    path = folder / "afgebroken.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def password_protected(folder: Path) -> Path:
    """A real Excel-encrypted workbook from the corpus (an OLE2 EncryptedPackage)."""
    path = folder / "leden.xlsx"
    shutil.copyfile(CORPUS / ENCRYPTED_SAMPLE, path)
    return path


def empty_workbook(folder: Path) -> Path:
    """A workbook whose one sheet has no cells."""
    return workbook(folder, "leeg_werkboek.xlsx")


def workbook_without_sheets(folder: Path) -> Path:
    """A package whose workbook lists no sheets at all."""
    path = folder / "geen_bladen.xlsx"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            "<sheets/></workbook>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _replace_part(source: Path, target: Path, part: str, content: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, content if info.filename == part else old.read(info))
    return target


def xml_bomb(folder: Path) -> Path:
    """Billion laughs in the sheet XML: ten levels of ten entities each."""
    source = workbook(folder, "plain.xlsx", A1="Naam")
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE worksheet [{''.join(entities)}]>\n"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return _replace_part(source, folder / "lachen.xlsx", "xl/worksheets/sheet1.xml", sheet)


def doctype_after_long_comment(folder: Path, comment_kb: int = 20) -> Path:
    """A DOCTYPE pushed ``comment_kb`` KB into the sheet by a comment, written as UTF-16."""
    source = workbook(folder, "plain.xlsx", A1="Naam")
    sheet = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        f"<!-- {'opvulling ' * (comment_kb * 1024 // 20)} -->"
        '<!DOCTYPE worksheet [<!ENTITY e "x">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode("utf-16")
    return _replace_part(source, folder / "verstopt.xlsx", "xl/worksheets/sheet1.xml", sheet)


def prolog_without_end(folder: Path) -> Path:
    """A sheet whose prolog runs on for 200 KB: the root element is never reached."""
    return doctype_after_long_comment(folder, comment_kb=200)


def zip_bomb(folder: Path, megabytes: int = 100) -> Path:
    """A sheet part of ``megabytes`` MB of zeros, deflated about 1000 times, streamed."""
    source = workbook(folder, "plain.xlsx", A1="Naam")
    path = folder / "bom.xlsx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info.filename, old.read(info))
        with new.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def zip_claiming_size(folder: Path, claimed: int = 2 << 30) -> Path:
    """A small workbook whose central directory says the sheet part inflates to ``claimed``."""
    data = bytearray(workbook(folder, "plain.xlsx", A1="Naam").read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == name:
            struct.pack_into("<I", data, entry + 24, min(claimed, 0xFFFFFFFE))
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    path = folder / "opgeblazen.xlsx"
    path.write_bytes(bytes(data))
    return path


def million_empty_columns(folder: Path) -> Path:
    """A1 plus a value in the last column (XFD) 1,000 rows down: 16 million cells of grid."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Breed"
    sheet["A1"] = "Naam"
    sheet.cell(row=1000, column=16384, value="ver weg")
    path = folder / "breed.xlsx"
    book.save(path)
    return path


def far_empty_cells(folder: Path) -> Path:
    """A small table whose sheet claims A1:XFD1048576 through styled, empty cells."""
    source = workbook(folder, "plain.xlsx")
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:XFD1048576"/><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c><c r="B1"><v>5</v></c></row>'
        b'<row r="1048576"><c r="A1048576" s="0"/><c r="XFD1048576" s="0"/></row>'
        b"</sheetData></worksheet>"
    )
    return _replace_part(source, folder / "claim.xlsx", "xl/worksheets/sheet1.xml", sheet)


def hidden_sheets(folder: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Zichtbaar"
    book.active["A1"] = "zichtbaar"
    hidden = book.create_sheet("Verborgen")
    hidden["A1"] = "verborgen"
    hidden.sheet_state = "hidden"
    very = book.create_sheet("Heel verborgen")
    very["A1"] = "heel verborgen"
    very.sheet_state = "veryHidden"
    path = folder / "verborgen.xlsx"
    book.save(path)
    return path


def merged_header(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bijdragen"
    sheet["A1"] = "Lid"
    sheet["C1"] = "Bijdrage 2024"
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:D1")
    sheet.append(["Ondernemingsnummer", "Naam", "Bedrag", "Datum"])
    sheet.append(["0403.170.701", "Acme", 1250.5, None])
    path = folder / "samengevoegd.xlsx"
    book.save(path)
    return path


def error_cells(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Fouten"
    sheet["A1"] = "Bedrag"
    for reference, code in (("A2", "#REF!"), ("A3", "#DIV/0!"), ("A4", "#N/A")):
        sheet[reference] = code
        sheet[reference].data_type = "e"
    sheet["A5"] = "=1/0"  # a formula never calculated: no cached value
    path = folder / "fouten.xlsx"
    book.save(path)
    return path


def csv_cp1252(folder: Path) -> Path:
    path = folder / "bijdragen.csv"
    text = "Naam;Bedrag;Opmerking\r\nCafé Ökonomie;1.234,56;€ 5 korting\r\nBrasserie;12,5;\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path


def csv_utf16(folder: Path, *, bom: bool = True) -> Path:
    path = folder / "export.csv"
    text = "Naam\tBedrag\r\nÉlise\t10,00\r\n"
    path.write_bytes(text.encode("utf-16") if bom else text.encode("utf-16-le"))
    return path


def csv_sep_line(folder: Path) -> Path:
    path = folder / "excel.csv"
    path.write_bytes(b'sep=;\r\nNaam;Bedrag\r\n"Janssens, Piet";5,00\r\n')
    return path


def html_named_xls(folder: Path) -> Path:
    path = folder / "rekening.xls"
    path.write_bytes(b"<html><body><table><tr><td>Datum</td></tr></table></body></html>")
    return path


def csv_named_xls(folder: Path) -> Path:
    path = folder / "export.xls"
    path.write_bytes(b"Naam;Bedrag\nAcme;10\n")
    return path


def xlsx_named_ods(folder: Path) -> Path:
    return workbook(folder, "echt_xlsx.ods", A1="Naam", A2="Acme")
