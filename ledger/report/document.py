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

from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedName

from ledger.report.checksum import StateHash

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


def new_workbook() -> Workbook:
    """A write-only workbook: rows stream to disk, so memory stays flat however many entries."""
    return Workbook(write_only=True)


def describe(wb: Workbook, *, title: str, subject: str, keywords: list[str], lang: str) -> None:
    props = wb.properties
    props.title = title
    props.subject = subject
    props.creator = PROGRAM
    props.lastModifiedBy = PROGRAM
    props.keywords = "; ".join(keywords)
    props.language = "nl-BE" if lang == "nl" else "en"
    props.category = "report"


def name_cell(wb: Workbook, name: str, sheet: str, column: int, row: int) -> None:
    ref = f"{quote_sheetname(sheet)}!${get_column_letter(column)}${row}"
    wb.defined_names[name] = DefinedName(name, attr_text=ref)


def chain_text(chain: tuple[int, str]) -> str:
    """Where the cluster's chain of entries ended when the report was made: ``110 3361...``."""
    return f"{chain[0]} {chain[1]}"


def record_checksum(
    wb: Workbook, state: StateHash, cluster: str, year: int | None, chain: tuple[int, str]
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
        PROP_PARTS: json.dumps(state.parts(), sort_keys=True),
        PROP_CHAIN: chain_text(chain),
    }
    for name, value in values.items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
