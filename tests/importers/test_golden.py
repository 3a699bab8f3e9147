"""Golden files: each workbook in ``golden/`` planned against one small ledger, and the plan
as text compared with ``<file>.expected.txt`` beside it.

The text holds the table found, every column and what became of it (the column
accounting), the counts, every row's fate with its key and record, every problem and
note with its location and code, and what ``--commit`` then did: the batch it wrote, or
that it wrote nothing (checked against the database itself, not taken from the plan).

To rewrite the expected files on purpose (after a change of wording, say), set
``CLUSTER_LEDGER_REWRITE_GOLDEN=1`` and read the diff before committing it::

    CLUSTER_LEDGER_REWRITE_GOLDEN=1 .venv/bin/pytest tests/importers/test_golden.py

The inputs are made by ``golden/make_golden.py`` (see its docstring).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tomllib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from importers.batches import Outcome, Request, run_import
from importers.plan import Plan
from importers.portfolio import PortfolioPartner, PortfolioProject
from importers.vocabulary import normalise
from importers.wording import describe, rows_text
from ledger import imports, operations, projects, queries
from ledger.errors import LedgerError
from ledger.kinds import MemberKind
from ledger.lists.entries import entries as list_entries
from ledger.money import format_plain
from ledger.project_terms import ProjectStatus, ProjectType
from ledger.session import Ledger
from tests.importers.workbooks import dump

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = tomllib.loads((GOLDEN / "cases.toml").read_text("utf-8"))
REWRITE = os.environ.get("CLUSTER_LEDGER_REWRITE_GOLDEN") == "1"
CLUSTER = "Circular Plastics"
SPEARHEAD = "Flux"  # a spearhead cluster, for the project lists and partner lists


@pytest.fixture(scope="module")
def base_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One ledger every case starts from: a cluster and four members, and a spearhead
    cluster with two projects, EDGE (submitted) and GRID (approved) (a case may lock
    years of its own, with ``lock`` in cases.toml)."""
    path = tmp_path_factory.mktemp("golden") / "base.sqlite"
    ledger = Ledger.open(path, create=True, actor="golden", origin="test")
    with ledger.write() as tx:
        cluster = operations.add_cluster(
            tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026, kbo="0403170701"
        )
        operations.add_member(
            tx, cluster, kbo="0403170701", name="Alfa NV", postcode="9000", mandate=date(2026, 2, 1)
        )
        operations.add_member(
            tx,
            cluster,
            kbo="0123456749",
            name="KU Kennis",
            postcode="3000",
            kind=MemberKind.KNOWLEDGE_INSTITUTION,
        )
        operations.add_member(
            tx, cluster, kbo="0202239951", name="Total Belgium NV", postcode="1000"
        )
        operations.add_member(
            tx, cluster, kbo="0417497106", name="Totaal Techniek BV", postcode="9000"
        )
        flux = operations.add_cluster(
            tx, name=SPEARHEAD, rule_set_id="spearhead-2020", start_year=2021, kbo="0202239951"
        )
        for theme in ("Smart grids", "Opslag"):
            operations.add_theme(tx, flux, name=theme)
        operations.add_project(
            tx,
            flux,
            type=ProjectType.ICON,
            title="Grid edge",
            acronym="EDGE",
            theme="Smart grids",
            budget=Decimal(1_000_000),
            aid_requested=Decimal(500_000),
            submitted=date(2025, 3, 1),
        )
        grid = operations.add_project(
            tx,
            flux,
            type=ProjectType.CSBO,
            title="Netstabiliteit",
            acronym="GRID",
            budget=Decimal(500_000),
            aid_requested=Decimal(400_000),
            submitted=date(2025, 2, 1),
        )
        operations.change_status(
            tx,
            grid.id,  # type: ignore[arg-type]
            to=ProjectStatus.APPROVED,
            on=date(2025, 6, 30),
            aid_granted=Decimal(350_000),
        )
    ledger.dispose()
    yield path


def _request(name: str, *, commit: bool) -> Request:
    options = CASES[name]
    return Request(
        GOLDEN / str(options["file"]),
        str(options.get("cluster", CLUSTER)),
        what=options.get("what"),
        sheet=options.get("sheet"),
        year=options.get("year"),
        mapping=list(options.get("map", [])),
        commit=commit,
    )


def _record(plan: Plan, record: object) -> str:
    if plan.table.what == "contributions":
        kbo, year, cents, paid, note, _, _ = record  # type: ignore[misc]
        shown = repr(note) if note is not None else "-"
        return f"kbo {kbo}, year {year}, amount {format_plain(cents)}, paid {paid or '-'}, note {shown}"
    if isinstance(record, PortfolioProject | PortfolioPartner):
        fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
        fields["steps"] = " then ".join(
            f"{status.value} on {day}" + (f" granting {format_plain(aid)}" if aid else "")
            for status, day, aid in fields.get("steps", ())
        )
        fields["fills"] = " and ".join(fields.get("fills", ()))
        shown = {k: getattr(v, "value", v) for k, v in fields.items()}
        return ", ".join(f"{k} {v}" for k, v in shown.items() if v not in (None, ""))
    assert isinstance(record, dict)
    shown = {k: getattr(v, "value", v) for k, v in record.items() if k != "cents"}
    return ", ".join(f"{k} {v}" for k, v in shown.items())


def render(outcome: Outcome) -> list[str]:
    """The plan as the golden files hold it."""
    table, plan = outcome.table, outcome.plan
    assert plan is not None
    year = f", year {table.year}" if table.year else ""
    lines = [f"table: sheet {table.sheet!r}, {table.what}, header in row {table.header_row}{year}"]
    lines.append("columns:")
    for column in table.accounting:
        lines.append(f"  {column.letter} {column.header!r}: {describe(column, table.accounting)}")
    lines.append("counts: " + ", ".join(f"{n} {s}" for s, n in plan.counts().items()))
    lines.append(rows_text(plan))
    fates: dict[int, str] = {n: "blank" for n in table.blank}
    fates.update({s.number: s.fate for s in plan.skipped})
    for row in plan.rows:
        shown = f"{row.status}"
        if row.key:
            shown += f", key {row.key}"
        if row.record is not None and row.status != "invalid":
            shown += f": {_record(plan, row.record)}"
        fates[row.number] = shown
    lines += [f"  row {number}: {fates[number]}" for number in sorted(fates)]
    if plan.problems:
        lines.append("problems:")
        lines += [f"  {p.where()}: {p.text()} [{p.code}]" for p in plan.problems]
    if plan.notes:
        lines.append("notes:")
        lines += [f"  {n.where()}: {n.text()} [{n.code}]" for n in plan.notes]
    return lines


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, base_ledger: Path, tmp_path: Path) -> None:
    database = tmp_path / "ledger.sqlite"
    shutil.copyfile(base_ledger, database)
    ledger = Ledger.open(database, actor="golden", origin="test")
    if CASES[name].get("lock"):
        with ledger.write() as tx:
            cluster = queries.get_cluster(CLUSTER, session=tx.session)
            for year in CASES[name]["lock"]:
                operations.lock_year(tx, cluster, year=year)
    try:
        lines = [f"file: {CASES[name]['file']}"]
        lines += [f"option: {k} = {v}" for k, v in CASES[name].items() if k != "file"]
        try:
            dry = run_import(ledger, _request(name, commit=False))
        except LedgerError as refused:
            lines.append("refused: " + str(refused).replace(f"{GOLDEN}/", ""))
        else:
            lines += render(dry)
            # Every column of the header row is accounted for, none left out.
            headers = [h for h in dry.table.headers if normalise(h)]
            assert [c.header for c in dry.table.accounting] == headers
        before = dump(str(database))
        lines.append(f"commit: {_commit(ledger, name, database, before)}")
    finally:
        ledger.dispose()
    expected = GOLDEN / f"{CASES[name]['file']}.expected.txt"
    text = "\n".join(lines) + "\n"
    if REWRITE:
        expected.write_text(text, encoding="utf-8")
    assert expected.exists(), f"no {expected.name}; write it with CLUSTER_LEDGER_REWRITE_GOLDEN=1"
    assert text == expected.read_text(encoding="utf-8")


def _commit(ledger: Ledger, name: str, database: Path, before: dict) -> str:
    """What --commit did, as the ledger shows it afterwards."""
    try:
        outcome = run_import(ledger, _request(name, commit=True))
    except LedgerError:
        assert dump(str(database)) == before
        return "refused; nothing written"
    if outcome.batch_id is None:
        assert dump(str(database)) == before
        return "blocked; nothing written" if not outcome.committed else "nothing to add"
    with ledger.read() as session:
        batch = imports.get_batch(outcome.batch_id, session=session)
        details = imports.batch_details(batch, session=session)
        cluster = queries.get_cluster(CLUSTER, session=session)
        entries = list_entries(cluster, session=session).rows
        held = projects.portfolio(queries.get_cluster(SPEARHEAD, session=session), session=session)
    assert details["columns"] == [c.as_data() for c in outcome.table.accounting]
    if outcome.table.what in ("projects", "project-partners"):
        lines = [f"{line.state.label} {line.state.status.value}" for line in held]
        partners = sum(line.partners for line in held)
        return f"batch {batch.id}: {batch.row_count} rows; {', '.join(lines)}; {partners} partners"
    booked = sum(r.entry.amount_cents for r in entries if r.entry.batch_id == batch.id)
    amount = f", {format_plain(booked)} booked" if entries else ""
    return f"batch {batch.id}: {batch.row_count} rows{amount}"
