"""The demo ledger: the fictional cluster in ``sample_data/`` read into a ledger.

``cluster-ledger demo`` needs figures worth looking at, built from the kind of
spreadsheets an accountant sends: title lines above a Dutch header, Belgian amounts
(some typed as text), enterprise numbers written three ways, a "Totaal" row. They go
through the same importers as ``cluster-ledger import`` (reading, finding the table,
checking every row, batches), so the demo shows what an import does. Every file is
read and found before anything is written, and everything lands in one transaction,
so a bad row names its file, sheet, row and column and leaves no half-built ledger.
The corrections sheet is the demo's own: each line reverses an entry booked twice.

Example::

    ledger, name = build_demo_ledger("demo.sqlite", default_sample_dir())
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from importers import cells
from importers.batches import commit_plan, located
from importers.plan import make_plan
from importers.portfolio import close
from importers.reading import read_workbook
from importers.statements import StatementFile, read_statement_file
from importers.table import Table, find_table
from ledger import identifiers, operations, projects, queries
from ledger.errors import ConflictError, InputError
from ledger.lists.entries import entries
from ledger.money import format_eur
from ledger.payments.actions import add_account
from ledger.payments.booking import book_statement
from ledger.project_terms import ProjectStatus
from ledger.session import Ledger, Tx
from ledger.storage.tables import Cluster


def default_sample_dir() -> Path:
    """The repository's ``sample_data/`` folder."""
    return Path(__file__).resolve().parents[1] / "sample_data"


def _table(path: Path, what: str, year: int | None = None) -> tuple[Table, str]:
    """The table of one sample file, and the file's hash."""
    if not path.is_file():
        raise InputError(f"the file is missing; expected a {what} sheet in it", location=str(path))
    book = read_workbook(path)
    return find_table(book, what=what, year=year), book.sha256


def _import(tx: Tx, cluster: Cluster, table: Table, file_hash: str) -> None:
    """Plan and commit one table; its first problem, located, stops the demo."""
    plan = make_plan(tx.session, cluster, table)
    if plan.problems:
        raise plan.problems[0].error
    commit_plan(tx, cluster, plan, file_hash=file_hash)


def _reverse(tx: Tx, cluster: Cluster, table: Table) -> None:
    """Reverse, per correction line, the latest matching entry not yet reversed: of a pair
    booked twice, the second."""
    for number, values in table.rows:
        where = table.where(number)
        fields: dict[str, Any] = {}
        for name, parse in (
            ("year", cells.year),
            ("kbo", cells.kbo),
            ("amount", cells.cents),
            ("reason", cells.required_text),
        ):
            with located(table.where(number, table.header_of(name))):
                fields[name] = parse(values[table.columns[name]])
        cents, kbo, year = fields["amount"], fields["kbo"], fields["year"]
        ids = [
            r.entry.id
            for r in entries(cluster, session=tx.session, year=year).rows
            if (r.kbo, r.entry.amount_cents) == (kbo, cents)
            and not (r.entry.reverses_id or r.reversed_by)
        ]
        if not ids or ids[-1] is None:
            raise InputError(
                f"no contribution of {format_eur(cents)} from {identifiers.format_number(kbo)} "
                f"in {year} is left to reverse; expected one with the same year, enterprise "
                "number and amount",
                location=where,
            )
        with located(where):
            operations.reverse_contribution(tx, ids[-1], reason=fields["reason"])


def _config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(
            "the file is missing; expected the demo cluster's settings", location=str(path)
        )
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"is not valid TOML: {exc}", location=path.name) from None
    missing = [k for k in ("name", "rule_set", "start_year", "years") if k not in config]
    if missing:
        message = f"no {missing[0]!r}; expected name, rule_set, start_year, kbo and years"
        raise InputError(message, location=path.name)
    return config


def build_demo_ledger(target: str, source: Path) -> tuple[Ledger, str]:
    """Create the ledger at ``target`` (or open an empty one) and load the sample from ``source``.

    Returns:
        The ledger and the cluster's name.

    Raises:
        InputError: a file is missing or a row is bad; the location names file, sheet and row.
        ConflictError: the ledger at ``target`` already holds a cluster.
    """
    config = _config(source / "cluster.toml")
    # Every file is read before anything is written: a bad file costs no half-built ledger.
    tables = [_table(source / "leden.xlsx", "members")]
    for year in config["years"]:
        tables.append(_table(source / f"bijdragen-{year}.xlsx", "contributions", year))
    tables.append(_table(source / "kosten.xlsx", "costs"))
    corrections, _ = _table(source / "correcties.xlsx", "corrections")
    statements = [_statements(source / name) for name in config.get("statements", [])]
    spearhead = _spearhead(source)
    name = config["name"]
    ledger = Ledger.open(target, create=True, origin="demo")
    with ledger.write() as tx:
        # Fictional companies must never update real ones (enterprise numbers are shared
        # across clusters) nor enter a real audit trail, which keeps everything forever.
        if queries.list_clusters(session=tx.session):
            message = "the ledger already holds clusters; the demo only goes into a new, empty one"
            raise ConflictError(message, location=target)
        with located("cluster.toml"):
            rules, start, kbo = config["rule_set"], config["start_year"], config.get("kbo")
            cluster = operations.add_cluster(
                tx, name=name, rule_set_id=rules, start_year=start, kbo=kbo
            )
        for table, file_hash in tables:
            _import(tx, cluster, table, file_hash)
        # The statements pay the last contributions of 2025, so they follow the sheets.
        for iban in config.get("accounts", []):
            with located("cluster.toml"):
                add_account(tx, cluster, iban=iban)
        for found in statements:
            for statement in found.statements:
                book_statement(tx, cluster, statement, file_name=found.name, file_hash=found.sha256)
        _reverse(tx, cluster, corrections)
        if spearhead is not None:
            spearhead(tx)
    return ledger, name


def _spearhead(source: Path) -> Callable[[Tx], None] | None:
    """The demo's spearhead cluster and its project portfolio (``speerpunt.toml``), read
    now and written by the function returned; None when the folder has no such file."""
    path = source / "speerpunt.toml"
    if not path.is_file():
        return None
    config = _config(path)
    members = _table(source / config["members"], "members")
    paid = [_table(source / f, "contributions") for f in config.get("contributions", [])]
    # The coordinator's portfolio: its projects, then their partners, as 'import --what
    # projects' and 'import --what project-partners' read them.
    portfolio = [
        _table(source / config["portfolio"], what) for what in ("projects", "project-partners")
    ]

    def load(tx: Tx) -> None:
        with located(path.name):
            cluster = operations.add_cluster(
                tx,
                name=config["name"],
                rule_set_id=config["rule_set"],
                start_year=config["start_year"],
                kbo=config.get("kbo"),
            )
            for theme in config.get("themes", []):
                operations.add_theme(tx, cluster, name=theme)
        for table, file_hash in (members, *paid, *portfolio):
            _import(tx, cluster, table, file_hash)
        # As the import's note says: a closed project is closed once its partners are in.
        held = {
            line.state.acronym or line.state.title: line.state.id
            for line in projects.portfolio(cluster, session=tx.session)
        }
        for row in make_plan(tx.session, cluster, portfolio[0][0]).rows:
            p = row.record
            if p is not None and p.status == ProjectStatus.CLOSED:
                close(tx, held[p.acronym or p.title], p)

    return load


def _statements(path: Path) -> StatementFile:
    """A bank statement file of the sample, read and checked."""
    if not path.is_file():
        raise InputError("the file is missing; expected a bank statement", location=str(path))
    return read_statement_file(path)
