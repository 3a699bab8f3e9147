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


def html_without_table(folder: Path) -> Path:
    path = folder / "rekening.xls"
    path.write_bytes(b"<html><body><p>Uw sessie is verlopen.</p></body></html>")
    return path


def excel_html_export(folder: Path) -> Path:
    """What Excel's "Web page" export and web banking write: x:num beside the text shown."""
    path = folder / "bijdragen.xls"
    path.write_text(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
        "<style>td {mso-number-format:General}</style>"
        "<script>document.write('<table><tr><td>nee</td></tr></table>')</script></head><body>"
        '<table><tr><td colspan="2">Bijdragen 2026 &amp; later</td></tr>'
        "<tr><th>Ondernemingsnummer</th><th>Naam</th><th>Bedrag</th><th>Betaald op</th></tr>"
        '<tr><td>0403.170.701</td><td>Alfa<br>NV</td><td x:num="1234.56">1.235</td>'
        "<td>15/03/2026</td></tr>"
        '<tr><td>0123.456.749</td><td>Caf&eacute; &#214;</td><td x:num="500">500,00</td>'
        "<td></td></tr></table></body></html>",
        encoding="utf-8",
    )
    return path


FODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
    '<office:automatic-styles><style:style style:name="ta2" style:family="table">'
    '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
    "<office:body><office:spreadsheet>"
)
FODS_TAIL = "</office:spreadsheet></office:body></office:document>"


def fods(folder: Path, tables: str, name: str = "leden.fods") -> Path:
    path = folder / name
    path.write_text(FODS_HEAD + tables + FODS_TAIL, encoding="utf-8")
    return path


def flat_ods(folder: Path) -> Path:
    """A flat OpenDocument file as LibreOffice writes it: typed cells, repeats, a hidden sheet."""
    return fods(
        folder,
        '<table:table table:name="Leden">'
        "<table:table-row>"
        '<table:table-cell office:value-type="string"><text:p>Naam</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>Bedrag</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>Datum</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="1021"/>'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        "<table:table-row>"
        '<table:table-cell office:value-type="string"><text:p>Alfa<text:s text:c="2"/>NV'
        "</text:p></table:table-cell>"
        '<table:table-cell office:value-type="float" office:value="1234.5"/>'
        '<table:table-cell office:value-type="date" office:date-value="2026-03-15"/>'
        "</table:table-row>"
        "<table:table-row>"
        '<table:table-cell table:number-columns-repeated="2" office:value-type="float" '
        'office:value="7"/>'
        '<table:table-cell table:formula="of:=[.B4]*2"/>'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table>"
        '<table:table table:name="Oud" table:style-name="ta2"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        "</table:table-row></table:table>",
    )


def _long_text_rows(length: int, repeat_rows: int, repeat_columns: int) -> str:
    return (
        '<table:table table:name="Bom">'
        f'<table:table-row table:number-rows-repeated="{repeat_rows}">'
        f'<table:table-cell table:number-columns-repeated="{repeat_columns}" '
        f'office:value-type="string"><text:p>{"x" * length}</text:p></table:table-cell>'
        "</table:table-row></table:table>"
    )


def fods_repeat_bomb(folder: Path) -> Path:
    """One 32 KB text repeated in 200 columns of 1,000 rows: 6.4 GB of text from 33 KB."""
    return fods(folder, _long_text_rows(32 * 1024, 1000, 200), "bom.fods")


def ods_repeat_bomb(folder: Path) -> Path:
    """The same repeated text in an .ods package, which calamine would expand."""
    path = folder / "bom.ods"
    content = (
        (FODS_HEAD + _long_text_rows(32 * 1024, 1000, 200) + FODS_TAIL)
        .replace("office:document ", "office:document-content ", 1)
        .replace("</office:document>", "</office:document-content>")
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def shared_string_bomb(folder: Path, cells: int = 250_000, length: int = 32 * 1024) -> Path:
    """``cells`` cells that all name one shared string of ``length`` characters: a file of
    about 665 KB that asks for 8 GB of text once each cell becomes a string of its own."""
    source = workbook(folder, "plain.xlsx", A1="Naam")
    path = folder / "gedeeld.xlsx"
    width = 10 if cells % 10 == 0 else 1
    rows = "".join(
        f'<row r="{n}">'
        + "".join(f'<c r="{c}{n}" t="s"><v>0</v></c>' for c in "ABCDEFGHIJ"[:width])
        + "</row>"
        for n in range(1, cells // width + 1)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si><t>{"lang " * (length // 5)}</t></si></sst>'
    ).encode()
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        names = [info.filename for info in old.infolist()]
        for name in names:
            if name == "xl/worksheets/sheet1.xml":
                new.writestr(name, sheet)
            elif name == "[Content_Types].xml":
                types = old.read(name).replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
                new.writestr(name, types)
            elif name == "xl/_rels/workbook.xml.rels":
                rels = old.read(name).replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
                new.writestr(name, rels)
            else:
                new.writestr(name, old.read(name))
        if "xl/sharedStrings.xml" not in names:
            new.writestr("xl/sharedStrings.xml", strings)
    return path


def csv_long_field(folder: Path) -> Path:
    """A quote opened and never closed: one field of 17 MB."""
    path = folder / "open.csv"
    with path.open("wb") as handle:
        handle.write(b'Naam;Opmerking\nAlfa;"')
        chunk = b"x" * (1 << 20)
        for _ in range(17):
            handle.write(chunk)
        handle.write(b"\n")
    return path


def excel_lock_file(folder: Path) -> Path:
    """The 165-byte file Excel keeps beside a workbook while it is open."""
    path = folder / "~$leden.xlsx"
    user = b"an"
    path.write_bytes(
        bytes([len(user)]) + user.ljust(53, b" ") + "an".encode("utf-16-le").ljust(110, b" ")
    )
    return path


def libreoffice_lock_file(folder: Path) -> Path:
    path = folder / ".~lock.leden.xlsx#"
    path.write_text("An,an,laptop,04.12.2026 10:00,file:///home/an/.config/libreoffice/4;")
    return path


def biff_with_filepass(folder: Path) -> Path:
    """An OLE2 file whose workbook stream opens with BOF, WRITEPROT, FILEPASS (XOR)."""
    path = folder / "beveiligd.xls"
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    bof = bytes.fromhex("0908100000060500") + bytes(12)
    stream = bof + bytes.fromhex("86000000") + bytes.fromhex("2f000600000034127856")
    path.write_bytes(header + stream + bytes(512 - len(stream)))
    return path
