"""``export`` and ``verify-report`` on the command line: output, exit status, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.session import Ledger
from tests.cli.conftest import Run
from tests.ledger.test_integrity import behind_the_ledgers_back

CLUSTER = "Circular Plastics"
EXPORT = ["export", "--cluster", CLUSTER]


@pytest.fixture
def paid(demo_cluster: Run) -> Run:
    demo_cluster(
        "contribution", "add", "--cluster", CLUSTER, "--kbo", "0403170701", "--year", "2026",
        "--amount", "12500,00",
    )  # fmt: skip
    return demo_cluster


def test_export_then_verify(paid: Run, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    out = paid(*EXPORT, "--year", "2026", "--output", str(path)).stdout
    checksum = load_workbook(path).custom_doc_props["LedgerChecksum"].value
    assert out == (f"Wrote {path} ({CLUSTER}, 2026; 1 entry; checksum {checksum[:16]}...)\n")
    result = paid("verify-report", str(path))
    assert result.stdout == (
        f"OK: {path} matches the ledger ({CLUSTER}, 2026; checksum {checksum[:16]}...)\n"
    )
    paid("costs", "set", "--cluster", CLUSTER, "--year", "2026", "--amount", "20000")
    result = paid("verify-report", str(path), expect=1)
    assert result.stderr.startswith(
        f"MISMATCH: {path} does not match the ledger ({CLUSTER}, 2026):\n"
        "  - the ledger has changed since the report was written: the coordination costs differ"
    )


def test_export_overview_in_english(paid: Run, tmp_path: Path) -> None:
    path = tmp_path / "overview.xlsx"
    paid(*EXPORT, "--overview", "--output", str(path), "--lang", "en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Overview"]
    assert len(wb["Overview"]._charts) == 1
    years = [r[0] for r in wb["Overview"].iter_rows(min_row=5, max_row=7, values_only=True)]
    assert years == [2026, 2027, 2028]
    assert "overview" in paid("verify-report", str(path)).stdout


BAD = [
    (
        ["--cluster", "Nope", "--year", "2026"],
        "cluster-ledger: error: cluster 'Nope' is unknown; clusters: Circular Plastics",
    ),
    (
        ["--cluster", CLUSTER, "--year", "2029"],
        "cluster-ledger: error: --year: 2029 is outside the program of Circular Plastics: "
        "ibn-2026 runs 3 years, 2026-2028",
    ),
    (
        ["--cluster", "x" * 10_000, "--year", "2026"],
        "cluster-ledger: error: --cluster: the cluster name has 10000 characters; "
        "at most 200 are allowed",
    ),
    (
        ["--cluster", "Circular\x1bPlastics", "--year", "2026"],
        "cluster-ledger: error: --cluster: the cluster name holds the control character U+001B "
        "(escape) at position 9; remove it",
    ),
    (
        ["--cluster", CLUSTER],
        "cluster-ledger: error: --year: give either --year Y or --overview",
    ),
    (
        ["--cluster", CLUSTER, "--year", "2026", "--overview"],
        "cluster-ledger: error: --year: give either --year Y or --overview",
    ),
    (
        ["--cluster", CLUSTER, "--year", "2026", "--lang", "fr"],
        "cluster-ledger: error: --lang: 'fr' is not a report language; expected one of nl, en",
    ),
]


@pytest.mark.parametrize(("args", "line"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_bad_input_one_line_no_file(paid: Run, tmp_path: Path, args: list[str], line: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = paid("export", *args, "--output", str(out / "r.xlsx"), expect=1)
    assert result.stderr == line + "\n"
    assert result.stdout == ""
    assert list(out.iterdir()) == []


def test_output_refusals(paid: Run, tmp_path: Path) -> None:
    existing = tmp_path / "r.xlsx"
    existing.write_bytes(b"keep")
    result = paid(*EXPORT, "--year", "2026", "--output", str(existing), expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: --output: {existing} already exists; pass --force to replace it\n"
    )
    assert existing.read_bytes() == b"keep"
    paid(*EXPORT, "--year", "2026", "--output", str(existing), "--force")
    assert existing.read_bytes()[:2] == b"PK"
    missing = tmp_path / "nowhere" / "r.xlsx"
    result = paid(*EXPORT, "--year", "2026", "--output", str(missing), expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: --output: the folder {missing.parent} does not exist\n"
    )


def test_verify_refuses_what_is_not_a_report(paid: Run, tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    result = paid("verify-report", str(text), expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: FILE: cannot read {text}: it is not an Excel workbook (.xlsx)\n"
    )
    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    result = paid("verify-report", str(other), expect=1)
    assert result.stderr == (
        f"cluster-ledger: error: FILE: {other} carries no ledger checksum; "
        "it was not written by 'cluster-ledger export'\n"
    )
    result = paid("verify-report", str(tmp_path / "gone.xlsx"), expect=1)
    assert "does not exist or is not a file" in result.stderr


def test_a_report_anchors_the_history_before_it(paid: Run, tmp_path: Path, db_target: str) -> None:
    """The report records where the chain of entries ended; changing an entry of another
    year behind the ledger's back leaves the year's figures alone but not that link."""
    paid(
        "contribution", "add", "--cluster", CLUSTER, "--kbo", "0403170701", "--year", "2027",
        "--amount", "800",
    )  # fmt: skip
    path = tmp_path / "report.xlsx"
    paid(*EXPORT, "--year", "2026", "--output", str(path), "--lang", "en")
    props = load_workbook(path).custom_doc_props
    length, tip = props["LedgerChain"].value.split(" ")
    assert length == "2" and len(tip) == 64
    summary = load_workbook(path)["Summary"]
    assert [r[1] for r in summary.iter_rows(values_only=True) if r[0] and "Hash chain" in r[0]] == [
        f"2 {tip}"
    ]
    paid(
        "contribution", "add", "--cluster", CLUSTER, "--kbo", "0403170701", "--year", "2028",
        "--amount", "5",
    )  # fmt: skip
    assert paid("verify-report", str(path)).stdout.startswith("OK: ")  # history only grew
    ledger = Ledger.open(db_target)
    behind_the_ledgers_back(ledger, "UPDATE contribution SET amount_cents = 1 WHERE year = 2027")
    ledger.dispose()
    result = paid("verify-report", str(path), expect=1)
    assert (
        "  - the ledger's history before the report was rewritten: link 2 of the entries' hash "
        f"chain was {tip[:16]}... when the report was written and recomputed from the entries now"
    ) in result.stderr
