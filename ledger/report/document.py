"""What every report workbook carries besides its sheets: who made it, about what, and
the checksum that ties it to the ledger.

The checksum and what it covers are written twice: visibly, on the first sheet, in cells
that workbook-level defined names point at (``ReportChecksum``, ``ReportCluster``,
``ReportYear``), and as custom document properties with each part's digest. Anyone
editing the visible checksum leaves the two disagreeing, which ``verify-report`` reports.
"""

from __future__ import annotations

import json
from typing import Any

from ledger.report.checksum import StateHash
from ledger.report.sheet import Book

PROGRAM = "cluster-ledger"
NAME_CHECKSUM, NAME_CLUSTER, NAME_YEAR, NAME_SCOPE = (
    "ReportChecksum",
    "ReportCluster",
    "ReportYear",
    "ReportScope",
)
PROP_CHECKSUM, PROP_CLUSTER, PROP_YEAR, PROP_SCOPE, PROP_PARTS, PROP_CHAIN = (
    "LedgerChecksum",
    "LedgerCluster",
    "LedgerYear",
    "LedgerScope",
    "LedgerParts",
    "LedgerChain",
)
# The report's language: ``verify-report`` rebuilds the report in it. A custom property,
# since the writer has no core ``language`` property (reports written before it say
# their language there, and are read that way).
PROP_LANGUAGE = "LedgerLanguage"
# Each part's digest in a property of its own, ``LedgerPart.entries`` and so on: a document
# property holds at most 255 characters. (Reports written before kept them all as one
# JSON object in ``LedgerParts``.)
PROP_PART_PREFIX = "LedgerPart."


def language_tag(lang: str) -> str:
    return "nl-BE" if lang == "nl" else "en"


def describe(wb: Book, *, title: str, subject: str, keywords: list[str], lang: str) -> None:
    wb.set_properties(
        title=title,
        subject=subject,
        author=PROGRAM,
        keywords="; ".join(keywords),
        category="report",
    )
    wb.set_custom_property(PROP_LANGUAGE, language_tag(lang))


def name_cell(wb: Book, name: str, sheet: str, column: int, row: int) -> None:
    wb.name_cell(name, sheet, column, row)


def recorded_parts(props: dict[str, str]) -> dict[str, str]:
    """The part digests a report recorded (either way it may have kept them)."""
    found = {
        name[len(PROP_PART_PREFIX) :]: value
        for name, value in props.items()
        if name.startswith(PROP_PART_PREFIX)
    }
    if found:
        return found
    try:
        parts = json.loads(props.get(PROP_PARTS, "{}"))
    except json.JSONDecodeError:
        return {}
    return parts if isinstance(parts, dict) else {}


def chain_text(chain: tuple[int, str]) -> str:
    """Where the cluster's chain of entries ended when the report was made: ``110 3361...``."""
    return f"{chain[0]} {chain[1]}"


def record_checksum(
    wb: Book, state: StateHash, cluster: str, year: int | None, chain: tuple[int, str]
) -> None:
    """The custom document properties ``verify-report`` reads.

    ``chain`` is the length and last hash of the cluster's chain of entries: the report
    anchors the ledger's history, so a later rewrite of any entry before it is found
    even when the report's own figures were left alone.
    """
    values: dict[str, Any] = {
        PROP_SCOPE: state.scope,
        PROP_CLUSTER: cluster,
        PROP_YEAR: "" if year is None else str(year),
        PROP_CHECKSUM: state.hexdigest(),
        PROP_CHAIN: chain_text(chain),
    }
    for part, digest in sorted(state.parts().items()):
        values[PROP_PART_PREFIX + part] = digest
    for name, value in values.items():
        wb.set_custom_property(name, value)
