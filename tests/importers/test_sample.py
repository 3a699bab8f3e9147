"""The demo ledger built from sample_data/: its figures, its corrections, its errors.

The figures asserted here are the ones sample_data/README.md promises; if the sample
changes, both change together.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from zipfile import ZipFile

import openpyxl
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from importers.cells import amount
from importers.sample import build_demo_ledger, default_sample_dir
from ledger import operations, queries
from ledger.errors import ConflictError, InputError, NotFoundError
from ledger.kinds import MemberKind
from ledger.lists.entries import entries as list_entries
from ledger.lists.members import members as list_members
from ledger.regions import Region, region_for_postcode
from ledger.session import Ledger
from ledger.storage.tables import AuditEvent
from ledger.summary import YearSummary, cluster_summaries
from tui.cli import app

CLUSTER = "Circulaire Kunststoffen Vlaanderen"
EUR = 100  # cents


@pytest.fixture(scope="module", autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every test away from the real user data directory (and its rule sets).

    tests/conftest.py does this for each test; the module-scoped ledger below is built
    before that runs, so it needs a module-scoped guard of its own.
    """
    path = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLUSTER_LEDGER_HOME", str(path))
        patch.delenv("CLUSTER_LEDGER_DB", raising=False)
        yield path


@pytest.fixture(scope="module")
def demo(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    target = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    ledger, name = build_demo_ledger(str(target), default_sample_dir())
    assert name == CLUSTER
    yield ledger
    ledger.dispose()


@pytest.fixture(scope="module")
def years(demo: Ledger) -> dict[int, YearSummary]:
    with demo.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        return {s.result.year: s for s in cluster_summaries(cluster, session=session)}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of sample_data/ a test may break."""
    return Path(shutil.copytree(default_sample_dir(), tmp_path / "sample"))


def test_cluster_is_bound_to_its_rule_set(demo: Ledger) -> None:
    with demo.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        assert (cluster.rule_set, cluster.start_year, cluster.kbo) == (
            "ibn-2020",
            2023,
            "0213443649",
        )


def test_forty_members_over_three_years(demo: Ledger, years: dict[int, YearSummary]) -> None:
    with demo.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        members = list_members(cluster, session=session, year=2025, today=date(2025, 12, 31)).rows
    assert len(members) == 40
    assert [years[y].result.members for y in (2023, 2024, 2025)] == [33, 37, 39]
    regions = [Region(m.region) for m in members]
    assert regions.count(Region.WALLONIA) == 3
    assert [region_for_postcode(m.postcode) for m in members].count(Region.BRUSSELS) == 4
    brussels_in_flanders = [m.name for m in members if m.region_override == "flanders"]
    assert brussels_in_flanders == ["Urban Plastic Loop BV"]


def test_two_flemish_enterprises_lack_a_mandate(demo: Ledger) -> None:
    with demo.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        members = list_members(cluster, session=session, year=2025, today=date(2025, 12, 31)).rows
    missing = [
        m.name
        for m in members
        if m.mandate is None and m.kind == MemberKind.ENTERPRISE and m.region == "flanders"
    ]
    assert sorted(missing) == ["Labo Polymeeranalyse Hasselt BV", "Vormenbouw Zennevallei BV"]


def test_2023_stays_below_the_ceiling(years: dict[int, YearSummary]) -> None:
    r = years[2023].result
    assert r.ceiling_cents == 120_000 * EUR  # half of EUR 240,000 coordination costs
    assert r.total_contributions_cents == 118_250 * EUR
    assert r.counted_contributions_cents == 110_750 * EUR
    assert r.matched_aid_cents == 110_750 * EUR
    assert (r.headroom_cents, r.surplus_cents) == (9_250 * EUR, 0)
    assert r.warnings == ()


def test_2024_exceeds_the_cap(years: dict[int, YearSummary]) -> None:
    r = years[2024].result
    assert r.ceiling_cents == 150_000 * EUR  # the cap: half the costs would be 165,000
    assert r.counted_contributions_cents == 156_125 * EUR
    assert r.matched_aid_cents == 150_000 * EUR
    assert (r.headroom_cents, r.surplus_cents) == (0, 6_125 * EUR)
    assert sum(s.aid_cents for s in r.shares) == r.matched_aid_cents


def test_2025_is_near_the_cap_and_warns_about_the_former_member(
    years: dict[int, YearSummary],
) -> None:
    r = years[2025].result
    assert r.counted_contributions_cents == 148_250 * EUR
    assert (r.headroom_cents, r.surplus_cents) == (1_750 * EUR, 0)
    assert [w.code for w in r.warnings] == ["contribution_from_non_member"]
    assert "Herverwerking Maasland BV" in r.warnings[0].message


def test_knowledge_centre_is_recorded_not_counted(years: dict[int, YearSummary]) -> None:
    for summary in years.values():
        share = next(s for s in summary.result.shares if s.name == "Polymeerlab Kortrijk vzw")
        assert (share.contribution_cents, share.counted, share.aid_cents) == (5_000 * EUR, False, 0)


def test_duplicate_booking_in_2024_is_reversed(demo: Ledger) -> None:
    with demo.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        entries = list_entries(cluster, session=session).rows
    reversals = [r for r in entries if r.entry.reverses_id is not None]
    assert len(reversals) == 1
    reversal = reversals[0].entry
    original = next(r for r in entries if r.entry.id == reversal.reverses_id)
    assert (reversal.year, reversal.amount_cents) == (2024, -3_750 * EUR)
    assert original.name == "Compoundeerderij Kanaal BV"
    assert original.reversed_by == reversal.id
    # The later of the two identical rows is the one reversed.
    assert original.entry.source == "bijdragen-2024.xlsx:Bijdragen 2024:row 6"
    assert "Dubbel geboekt" in (reversal.note or "")


def test_cells_in_belgian_forms_are_read(demo: Ledger) -> None:
    with demo.read() as session:
        cluster = queries.get_cluster(CLUSTER, session=session)
        entries = list_entries(cluster, session=session, year=2024).rows
        audit = session.exec(select(AuditEvent)).all()
    kempen = next(r.entry for r in entries if r.name == "Kempense Folietechniek BV")
    assert kempen.amount_cents == 6_500 * EUR  # typed as text: "€ 6 500,00"
    assert kempen.source == "bijdragen-2024.xlsx:Bijdragen 2024:row 38"
    assert all(row.origin.startswith("demo") for row in audit)  # origin "demo@host"


def test_numeric_cells_become_decimals_never_floats() -> None:
    assert amount(2500.1) == Decimal("2500.1")
    assert amount("2.500,00") == Decimal("2500.00")
    with pytest.raises(InputError, match="more than two decimals"):
        amount(12.345)  # a third decimal typed, not binary noise


def test_sample_files_match_their_generator(tmp_path: Path) -> None:
    script = default_sample_dir() / "make_sample_data.py"
    spec = importlib.util.spec_from_file_location("make_sample_data", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for fresh in sorted(tmp_path.glob("*.xlsx")):
        with ZipFile(fresh) as new, ZipFile(default_sample_dir() / fresh.name) as kept:
            assert new.namelist() == kept.namelist(), fresh.name
            for name in new.namelist():
                assert new.read(name) == kept.read(name), f"{fresh.name}:{name}"


def test_missing_file_is_named(sample: Path, tmp_path: Path) -> None:
    (sample / "kosten.xlsx").unlink()
    with pytest.raises(InputError) as caught:
        build_demo_ledger(str(tmp_path / "x.sqlite"), sample)
    assert caught.value.location == str(sample / "kosten.xlsx")
    assert "missing" in caught.value.message
    assert not (tmp_path / "x.sqlite").exists()  # nothing is created for a bad source


def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def test_bad_row_names_file_sheet_row_and_column_and_writes_nothing(
    sample: Path, tmp_path: Path
) -> None:
    _edit(sample / "bijdragen-2024.xlsx", "Bijdragen 2024", "A7", "0123.456.789")
    target = tmp_path / "x.sqlite"
    with pytest.raises(InputError) as caught:
        build_demo_ledger(str(target), sample)
    assert str(caught.value).startswith(
        "bijdragen-2024.xlsx: sheet 'Bijdragen 2024': row 7, column 'Ondernemingsnummer': "
    )
    assert "mod-97" in caught.value.message


def test_contribution_from_an_unknown_company_is_located(sample: Path, tmp_path: Path) -> None:
    _edit(sample / "bijdragen-2023.xlsx", "Bijdragen 2023", "A4", "0123.456.749")
    target = tmp_path / "x.sqlite"
    with pytest.raises(NotFoundError) as caught:
        build_demo_ledger(str(target), sample)
    assert str(caught.value).startswith(
        "bijdragen-2023.xlsx: sheet 'Bijdragen 2023': row 4, column 'Ondernemingsnummer': "
    )
    assert "is not a member" in str(caught.value)
    ledger = Ledger.open(str(target))
    with ledger.read() as session:
        assert queries.list_clusters(session=session) == []  # the transaction rolled back
    ledger.dispose()


def test_total_row_is_checked_when_it_holds_a_value(sample: Path, tmp_path: Path) -> None:
    path = sample / "bijdragen-2023.xlsx"
    # What Excel would cache: its SUM skips the amount typed as text ("1.500,00").
    _edit(path, "Bijdragen 2023", "C38", 116_750)
    ledger, _ = build_demo_ledger(str(tmp_path / "ok.sqlite"), sample)
    ledger.dispose()
    _edit(path, "Bijdragen 2023", "C38", 118_250.5)
    with pytest.raises(InputError) as caught:
        build_demo_ledger(str(tmp_path / "bad.sqlite"), sample)
    assert (
        caught.value.location
        == "bijdragen-2023.xlsx: sheet 'Bijdragen 2023': row 38, column 'Bedrag (EUR)'"
    )
    message = caught.value.message.replace("\xa0", " ")  # format_eur puts a no-break space
    assert message == (
        "the total is € 118.250,50 but the rows above add up to € 118.250,00 "
        "(€ 116.750,00 without the amounts typed as text); check both"
    )


def test_demo_never_goes_into_a_ledger_that_holds_data(tmp_path: Path) -> None:
    target = str(tmp_path / "real.sqlite")
    ledger = Ledger.open(target, create=True)
    with ledger.write() as tx:
        operations.add_cluster(tx, name="Real cluster", rule_set_id="ibn-2026", start_year=2026)
    ledger.dispose()
    with pytest.raises(ConflictError, match="already holds clusters") as caught:
        build_demo_ledger(target, default_sample_dir())
    assert caught.value.location == target


def test_demo_command_refuses_a_ledger_with_data(tmp_path: Path) -> None:
    target = str(tmp_path / "twice.sqlite")
    build_demo_ledger(target, default_sample_dir())[0].dispose()
    result = CliRunner().invoke(app, ["--db", target, "demo"])
    assert result.exit_code == 1
    assert f"cluster-ledger: error: {target}: the ledger already holds clusters" in result.output


def test_demo_command_prints_the_summary(tmp_path: Path) -> None:
    target = tmp_path / "cli.sqlite"
    result = CliRunner().invoke(app, ["--db", str(target), "demo"])
    assert result.exit_code == 0, result.output
    assert f"Demo ledger at {target}" in result.output
    for year in (2023, 2024, 2025):
        assert f"{CLUSTER} · {year} · program year {year - 2022} of 3" in result.output
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in result.output.splitlines()]
    assert "Surplus € 6.125,00" in lines
    assert "without an active membership that year" in result.output


def test_demo_command_rebuilds_its_default_ledger() -> None:
    runner = CliRunner()
    for _ in range(2):  # the default demo file is replaced, not added to
        result = runner.invoke(app, ["demo"])
        assert result.exit_code == 0, result.output
    home = Path(os.environ["CLUSTER_LEDGER_HOME"])  # a temporary folder, never the real one
    assert f"Demo ledger at {home / 'demo.sqlite'}" in result.output
