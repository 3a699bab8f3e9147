"""A real spreadsheet program recomputes the exported formulas: they must give the
ledger's figures. LibreOffice converts the workbooks (one launch for all of them) and
writes the values it computed, which openpyxl then reads."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger import operations, queries
from ledger.money import from_cents
from ledger.report.annual import write_annual
from ledger.report.overview import write_overview
from ledger.session import Ledger
from ledger.summary import cluster_summaries
from tests.report.conftest import CLUSTER, YEAR, get

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def recompute(files: list[Path], tmp_path: Path) -> dict[str, Path]:
    """Convert every workbook in one LibreOffice run; the copies hold computed values."""
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs LibreOffice (soffice) for the report recompute test")
        pytest.skip("LibreOffice (soffice) is not installed; install libreoffice-calc-nogui")
    out = tmp_path / "recomputed"
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: parallel runs do not clash
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {f.name: out / f.name for f in files}


def amounts(values: dict[str, object], *keys: str) -> list[Decimal]:
    return [Decimal(str(values[k])).quantize(Decimal("0.01")) for k in keys]


def test_formulas_recompute_to_the_ledgers_figures(report_ledger: Ledger, tmp_path: Path) -> None:
    with report_ledger.write() as tx:  # a year below the ceiling, with headroom
        operations.set_costs(tx, get(report_ledger), year=YEAR + 1, amount=Decimal("10000.00"))
    files = [tmp_path / n for n in ("nl.xlsx", "en.xlsx", "next.xlsx", "overview.xlsx")]
    with report_ledger.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        write_annual(session, cluster, YEAR, files[0])
        write_annual(session, cluster, YEAR, files[1], lang="en")
        write_annual(session, cluster, YEAR + 1, files[2], lang="en")
        write_overview(session, cluster, files[3], lang="en")
        summaries = {s.result.year: s.result for s in cluster_summaries(cluster, session=session)}
    done = recompute(files, tmp_path)

    for name, year, sheet, checks in (
        ("nl.xlsx", YEAR, "Samenvatting", "Controles"),
        ("en.xlsx", YEAR, "Summary", "Checks"),
        ("next.xlsx", YEAR + 1, "Summary", "Checks"),
    ):
        r = summaries[year]
        wb = load_workbook(done[name], data_only=True)
        rows = [row for row in wb[sheet].iter_rows(min_row=5, max_col=2, values_only=True)]
        got = [Decimal(str(v)).quantize(Decimal("0.01")) for _, v in rows[8:13]]
        assert got == [
            from_cents(r.total_contributions_cents),
            from_cents(r.counted_contributions_cents),
            from_cents(r.matched_aid_cents),
            from_cents(r.headroom_cents),
            from_cents(r.surplus_cents),
        ], name
        results = [row[3] for row in wb[checks].iter_rows(min_row=5, max_row=9, values_only=True)]
        assert set(results) == {"OK" if name == "nl.xlsx" else "PASS"}, name

    assert summaries[YEAR].surplus_cents > 0 and summaries[YEAR + 1].headroom_cents > 0
    ws = load_workbook(done["overview.xlsx"], data_only=True)["Overview"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    years = [r for r in rows if isinstance(r[0], int)]
    assert [y[0] for y in years] == [YEAR, YEAR + 1, YEAR + 2]
    totals = next(r for r in rows if r[0] == "Total")
    assert [Decimal(str(totals[i])).quantize(Decimal("0.01")) for i in (6, 7, 8)] == [
        from_cents(sum(s.total_contributions_cents for s in summaries.values())),
        from_cents(sum(s.counted_contributions_cents for s in summaries.values())),
        from_cents(sum(s.matched_aid_cents for s in summaries.values())),
    ]
