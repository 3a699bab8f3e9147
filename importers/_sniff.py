"""What a file really is, judged from its bytes rather than its name.

Accountants rename files, banks send HTML with an ``.xls`` name, and calamine picks
its reader from the extension, so the reading layer decides the format here first.
Only the first bytes and, for zip packages, the central directory and a few small
members are looked at; nothing is expanded yet (the zip guard in ``_guard`` runs
before any member is read in full).

>>> sniff_bytes(b"%PDF-1.7 ...", 12).kind
'refuse'
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
EXPECTED = "expected .xlsx, .xlsm, .xls, .ods or .csv"
PASSWORD_HINT = (
    "the workbook is password-protected; save an unprotected copy "
    "(File > Info > Protect Workbook) and import that"
)
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

# Content types of the workbook part, which tell xlsx, xlsm and xlsb apart.
_OOXML_TYPES = (
    ("sheet.binary.macroEnabled.main", "xlsb"),
    ("sheet.macroEnabled.main", "xlsm"),
    ("template.macroEnabled.main", "xlsm"),
    ("addin.macroEnabled.main", "xlsm"),
    ("sheet.main+xml", "xlsx"),
    ("template.main+xml", "xlsx"),
)

# Signatures of files people mistake for spreadsheets, with the words for them.
_FOREIGN = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program file"),
    (b"MZ", "a Windows program file"),
)
# A BIFF2-4 worksheet is a bare record stream: a BOF record (0x0009, 0x0209, 0x0409).
_OLD_BIFF = re.compile(rb"\A(?:\x09\x00\x04\x00|\x09\x02\x06\x00|\x09\x04\x06\x00)")


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The verdict: ``kind`` is a format name, ``"text"`` (maybe CSV) or ``"refuse"``."""

    kind: str
    message: str = ""


def refuse(message: str) -> Sniffed:
    return Sniffed("refuse", message)


def sniff_bytes(head: bytes, size: int) -> Sniffed:
    """Judge a file that is not a zip package from its first bytes."""
    if not head:
        return refuse(f"the file is empty; {EXPECTED}")
    if head.startswith(OLE2_MAGIC):
        return Sniffed("ole2")
    if head.startswith(ZIP_MAGICS):
        return Sniffed("zip")
    for magic, what in _FOREIGN:
        if head.startswith(magic):
            return refuse(f"this is {what}, not a spreadsheet; {EXPECTED}")
    if head.startswith(b"BM") and int.from_bytes(head[2:6], "little") == size:
        return refuse(f"this is a BMP image, not a spreadsheet; {EXPECTED}")
    if _OLD_BIFF.match(head):
        return refuse(
            "this is an Excel 2.x-4.0 worksheet, a format the importer cannot read; "
            "open it in Excel or LibreOffice, save it as .xlsx and import that"
        )
    return Sniffed("text")


def describe_markup(text: str) -> str | None:
    """Name the kind of markup a text file holds, or None when it is not markup."""
    start = text.lstrip("\ufeff \t\r\n")[:2048].lower()
    if start.startswith(("<!doctype html", "<html", "<head", "<table", "<body", "<meta")):
        return "an HTML page"
    if start.startswith("<?xml") or start.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in text[:4096].lower():
            return "an Excel 2003 XML spreadsheet"
        if "<html" in start:
            return "an HTML page"
        return "an XML document"
    return None


def markup_refusal(what: str) -> str:
    return (
        f"this is {what}, not a spreadsheet; open it in Excel or LibreOffice, "
        "save it as .xlsx and import that"
    )


def sniff_zip(archive: zipfile.ZipFile) -> Sniffed:
    """Tell an OOXML workbook, an OpenDocument spreadsheet and any other zip apart.

    Reads only ``mimetype``, ``[Content_Types].xml`` and ``META-INF/manifest.xml``,
    which the zip guard has already checked for size.
    """
    names = {info.filename.replace("\\", "/").lstrip("/"): info for info in archive.infolist()}
    if "mimetype" in names and archive.read(names["mimetype"])[:200].strip() == ODS_MIME:
        return _ods(archive, names)
    manifest = names.get("META-INF/manifest.xml")
    if manifest is not None and "content.xml" in names and ODS_MIME in archive.read(manifest):
        return _ods(archive, names)
    types = names.get("[Content_Types].xml")
    if types is not None:
        text = decode_xml(archive.read(types))
        main = _main_part_type(archive, names, text)
        for candidate in (main, text):
            for marker, fmt in _OOXML_TYPES:
                if marker in candidate:
                    return Sniffed(fmt)
        if "wordprocessingml" in text:
            return refuse(f"this is a Word document, not a spreadsheet; {EXPECTED}")
        if "presentationml" in text:
            return refuse(f"this is a PowerPoint presentation, not a spreadsheet; {EXPECTED}")
    if "mimetype" in names:
        return refuse(f"this is an OpenDocument file but not a spreadsheet; {EXPECTED}")
    return refuse(f"this is a zip archive without a workbook in it; {EXPECTED}")


def _main_part_type(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], types: str) -> str:
    """The content type of the package's main part (the workbook), or "" when unclear.

    ``[Content_Types].xml`` may list an xlsb default beside an xlsx workbook, so the
    type is taken for the part that ``_rels/.rels`` names as the office document.
    """
    rels = names.get("_rels/.rels")
    if rels is None:
        return ""
    found = re.search(r'<[^>]*Type="[^"]*/officeDocument"[^>]*>', decode_xml(archive.read(rels)))
    target = re.search(r'Target="([^"]+)"', found.group(0)) if found else None
    if target is None:
        return ""
    part = "/" + target.group(1).replace("\\", "/").lstrip("/")
    override = re.search(
        rf'<[^>]*PartName="{re.escape(part)}"[^>]*ContentType="([^"]+)"', types, re.IGNORECASE
    ) or re.search(
        rf'<[^>]*ContentType="([^"]+)"[^>]*PartName="{re.escape(part)}"', types, re.IGNORECASE
    )
    return override.group(1) if override else ""


def _ods(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> Sniffed:
    manifest = names.get("META-INF/manifest.xml")
    if manifest is not None and b"encryption-data" in archive.read(manifest):
        return refuse(PASSWORD_HINT)
    return Sniffed("ods")


def decode_xml(content: bytes) -> str:
    """Decode a small XML part whatever its encoding (UTF-8 or UTF-16, with or without BOM)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace")
    if content[:2] == b"<\x00":
        return content.decode("utf-16-le", errors="replace")
    if content[:2] == b"\x00<":
        return content.decode("utf-16-be", errors="replace")
    return content.decode("utf-8", errors="replace")


def is_encrypted_ole2(data: bytes) -> bool:
    """An encrypted OOXML package is an OLE2 file holding an ``EncryptedPackage`` stream;
    an encrypted or XOR-obfuscated ``.xls`` has a FILEPASS record in its workbook globals."""
    return "EncryptedPackage".encode("utf-16-le") in data or _has_filepass(data)


# The BOF record that opens a BIFF5 or BIFF8 workbook's globals (version, then type 5).
_GLOBALS_BOF = re.compile(rb"\x09\x08(?:\x08|\x10)\x00\x00[\x05\x06]\x05\x00")
_FILEPASS, _EOF, _SCANNED_RECORDS = 0x002F, 0x000A, 64


def _has_filepass(data: bytes) -> bool:
    """Walk the first records after each globals BOF (a stream starts on a 64-byte mini
    sector or a 512-byte sector) looking for FILEPASS, which only an encrypted workbook
    has, before any sheet: the password's kind (XOR or RC4) does not matter here."""
    for found in _GLOBALS_BOF.finditer(data):
        at = found.start()
        if at % 64:
            continue
        for _ in range(_SCANNED_RECORDS):
            if at + 4 > len(data):
                break
            kind = int.from_bytes(data[at : at + 2], "little")
            size = int.from_bytes(data[at + 2 : at + 4], "little")
            if kind == _FILEPASS:
                return True
            if kind == _EOF or (kind == 0x0809 and at != found.start()):
                break
            at += 4 + size
    return False
