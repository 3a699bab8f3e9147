"""The demo's spearhead cluster: members, contributions and the portfolio its coordinator
keeps in projecten.xlsx, read through the importers into the ledger."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from importers.sample import build_demo_ledger, default_sample_dir
from ledger import projects, queries
from ledger.errors import InputError
from ledger.integrity.verify import verify
from ledger.project_terms import ProjectStatus
from ledger.session import Ledger

SPEARHEAD = "Hernieuwbare Moleculen Vlaanderen"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLUSTER_LEDGER_HOME", str(home))
        target = tmp_path_factory.mktemp("demo") / "demo.sqlite"
        ledger, _ = build_demo_ledger(str(target), default_sample_dir())
        yield ledger
        ledger.dispose()


def test_the_spearhead_cluster_holds_its_portfolio(demo: Ledger) -> None:
    with demo.read() as session:
        cluster = queries.get_cluster(SPEARHEAD, session=session)
        lines = projects.portfolio(cluster, session=session, today=date(2026, 1, 15))
        themes = projects.themes(cluster, session=session)
    assert cluster.rule_set == "spearhead-2020"
    assert len(themes) == 4
    assert [(p.state.acronym, p.state.status) for p in lines] == [
        ("H2HAVEN", ProjectStatus.CLOSED),
        ("CIRCOAT", ProjectStatus.RUNNING),
        ("BIOPOLY", ProjectStatus.REJECTED),
        ("CO2CAT", ProjectStatus.APPROVED),
        ("E-FUELS", ProjectStatus.SUBMITTED),
        ("SOLVREC", ProjectStatus.DRAFT),
    ]
    assert [(p.partners, p.members) for p in lines] == [
        (5, 4),
        (4, 3),
        (1, 1),
        (3, 2),
        (2, 1),
        (1, 1),
    ]
    h2haven = lines[0].state
    assert [s.to_status for s in h2haven.steps] == [
        ProjectStatus.SUBMITTED,
        ProjectStatus.APPROVED,
        ProjectStatus.RUNNING,
        ProjectStatus.CLOSED,
    ]
    assert h2haven.aid_granted_cents == 1_450_000_00
    assert verify(demo).problems == []


def test_what_is_still_missing_is_said(demo: Ledger) -> None:
    with demo.read() as session:
        efuels = projects.project_record(5, session=session)
        co2cat = projects.project_record(4, session=session)
    assert [n.code for n in efuels.notes] == [
        "project.partner_budget_short",
        "project.partner_aid_short",
    ]
    assert co2cat.notes == ()  # the shares were revised to the grant


def test_a_bad_portfolio_row_names_its_file_sheet_and_row(tmp_path: Path) -> None:
    sample = Path(shutil.copytree(default_sample_dir(), tmp_path / "sample"))
    wb = openpyxl.load_workbook(sample / "projecten.xlsx")
    wb["Projecten"]["B6"] = "baking"  # the third project's type
    wb.save(sample / "projecten.xlsx")
    with pytest.raises(InputError) as caught:
        build_demo_ledger(str(tmp_path / "demo.sqlite"), sample)
    assert str(caught.value) == (
        "projecten.xlsx: sheet 'Projecten': row 6, column 'Type': project type 'baking' is unknown; "
        "expected "
        "oo (O&O), coock, csbo, icon or cooperative (coöperatief)"
    )
    ledger = Ledger.open(tmp_path / "demo.sqlite")
    with ledger.read() as session:
        assert queries.list_clusters(session=session) == []  # the transaction rolled back
    ledger.dispose()
