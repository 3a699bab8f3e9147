"""Checks that run on a zip package before any reader expands it.

A spreadsheet is a zip of XML parts, so a hostile or broken one can ask for far more
memory than its size suggests: a member that inflates a thousandfold (zip bomb), a
hundred thousand members, or an XML part whose DOCTYPE defines entities that expand
to gigabytes (billion laughs). Every limit here is checked from the central directory
or from the first bytes of each part, so refusing costs milliseconds and nothing is
inflated beyond what the directory declares (calamine's zip reader, like Python's,
stops a member that inflates past its declared size).

Each check returns a message for :class:`ledger.errors.InputError`, or None.
"""

from __future__ import annotations

import re
import zipfile

from importers._sniff import decode_xml

MAX_MEMBERS = 10_000
MAX_TOTAL_UNCOMPRESSED = 1 << 30  # 1 GiB: a 100,000-row sheet is about 15 MB of XML
MAX_RATIO = 200  # a real sheet deflates 5-30x; zeros deflate about 1000x
RATIO_APPLIES_ABOVE = 8 << 20  # small members may compress well; only large ones can hurt
PROLOG_BYTES = 64 << 10  # a DOCTYPE must come before the root element, within this

_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_ROOT = re.compile(r"<[A-Za-z_]")


def check_zip_directory(archive: zipfile.ZipFile) -> str | None:
    """Refuse a package whose central directory promises too much."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return (
            f"the workbook package holds {len(members):,} parts, more than the "
            f"{MAX_MEMBERS:,} a spreadsheet needs; it is damaged or not a spreadsheet"
        )
    total = sum(info.file_size for info in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        return (
            f"the workbook would expand to {total / (1 << 20):,.0f} MB, more than the "
            f"{MAX_TOTAL_UNCOMPRESSED >> 20:,} MB the importer reads; "
            "it is a zip bomb or far too large - split it into smaller files"
        )
    for info in members:
        if info.file_size > RATIO_APPLIES_ABOVE and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            return (
                f"part {info.filename} would expand {ratio:,.0f} times "
                f"(to {info.file_size / (1 << 20):,.0f} MB); real spreadsheets do not "
                "compress like that, so this looks like a zip bomb and is not read"
            )
    return None


def check_xml_prologs(archive: zipfile.ZipFile) -> str | None:
    """Refuse any XML part that declares a DOCTYPE or ENTITY (entity-expansion bombs).

    Spreadsheet parts never need a DTD, so any declaration is refused outright rather
    than parsed. A DTD can only come before the root element, so only the prolog is
    inflated and looked at (comments stripped, so one cannot hide the root's position).
    """
    for info in archive.infolist():
        name = info.filename.lower()
        if info.is_dir() or not name.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as member:
                head = member.read(PROLOG_BYTES)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            return f"part {info.filename} of the workbook is damaged; the file cannot be read"
        problem = check_xml_document(head, f"part {info.filename}")
        if problem:
            return problem
    return None


def check_xml_document(head: bytes, what: str = "the document") -> str | None:
    """Refuse one XML document (its first bytes) that declares a DOCTYPE or ENTITY."""
    head = head[:PROLOG_BYTES]
    prolog, rooted = _prolog(head)
    if not rooted and len(head) == PROLOG_BYTES:
        return (
            f"{what} has no root element in its first {PROLOG_BYTES >> 10} KB; the file is "
            "damaged or hostile and is not read"
        )
    if _DTD.search(prolog):
        return (
            f"{what} declares a DOCTYPE/ENTITY, which spreadsheets never need and "
            "entity-expansion attacks use; the file is not read"
        )
    return None


def _prolog(head: bytes) -> tuple[str, bool]:
    """The text before the root element, and whether the root was found in ``head``."""
    text = _COMMENT.sub("", decode_xml(head))
    root = _ROOT.search(text)
    return (text[: root.start()], True) if root else (text, False)
