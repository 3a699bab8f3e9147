"""The workbooks, the ledger to copy and the warm launcher, made once for all fault trials."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from ledger.session import Ledger
from tests.faults.trials import Bench, Launcher
from tests.importers.ledgers import with_members
from tests.importers.workbooks import ALFA, HEADER, KENNIS

SMALL, BIG = 2_000, 10_000  # BIG: from this many rows an import rebuilds the entry indexes


def contributions_workbook(path: Path, rows: int) -> Path:
    """A contributions sheet of ``rows`` entries for the two members, in 2026."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Bijdragen")
    sheet.append(["Bijdragen 2026"])
    sheet.append(HEADER)
    for n in range(rows):
        paid = datetime.date(2026, 1 + n % 12, 1 + n % 28)
        sheet.append([ALFA if n % 2 else KENNIS, None, 100 + n % 5000, paid])
    book.save(path)
    return path


@dataclass(frozen=True)
class Workbooks:
    small: Path
    big: Path


@pytest.fixture(scope="session")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Workbooks:
    folder = tmp_path_factory.mktemp("fault-books")
    return Workbooks(
        contributions_workbook(folder / f"bijdragen-{SMALL}.xlsx", SMALL),
        contributions_workbook(folder / f"bijdragen-{BIG}.xlsx", BIG),
    )


@pytest.fixture(scope="session")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    """A SQLite ledger with the cluster and its two members, to copy for each trial."""
    folder = tmp_path_factory.mktemp("fault-bench")
    base = folder / "base.sqlite"
    ledger = Ledger.open(base, create=True, actor="tester", origin="test")
    with_members(ledger)
    ledger.dispose()
    home = folder / "home"
    home.mkdir()
    launcher = Launcher()
    yield Bench(base, folder, {"CLUSTER_LEDGER_HOME": str(home)}, launcher)
    launcher.close()
