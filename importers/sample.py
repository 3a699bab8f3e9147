"""The demo ledger: the fictional cluster in ``sample_data/`` read into a ledger.

``cluster-ledger demo`` needs figures worth looking at, built from the kind of
spreadsheets an accountant sends: title lines above a Dutch header, Belgian amounts
(some typed as text), enterprise numbers written three ways, a "Totaal" row. This
module reads exactly that fixed layout and nothing else; mapping any accountant's
columns is the general importer's job. Every file is read before anything is
written, and everything lands through ``ledger.operations`` in one transaction, so
a bad row names its file, sheet and row and leaves the ledger as it was.

Example::

    ledger, name = build_demo_ledger("demo.sqlite", default_sample_dir())
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from ledger import identifiers, operations, queries
from ledger.dates import parse_date
from ledger.errors import ConflictError, InputError, LedgerError
from ledger.kinds import parse_kind
from ledger.money import format_eur, parse_amount, to_cents
from ledger.regions import normalise_postcode, parse_region
from ledger.session import Ledger, Tx
from ledger.storage.tables import Cluster

Row = tuple[str, dict[str, Any]]  # ("FILE:SHEET:row N", cell value by header name)
Write = tuple[str, Callable[[Tx, Cluster], object]]  # an operation, with the row it came from
Spec = dict[str, tuple[str, Callable[[Any], Any]]]  # operation keyword: (column, cell parser)
HEADER_SEARCH_ROWS = 20
AMOUNT = "Bedrag (EUR)"  # the contribution sheets' amount column, summed in their total row
OPTIONAL = {"Gewest"}  # an operating seat in another region than the postcode's


def default_sample_dir() -> Path:
    """The repository's ``sample_data/`` folder."""
    return Path(__file__).resolve().parents[1] / "sample_data"


@contextmanager
def _at(where: str, column: str | None = None) -> Iterator[None]:
    """Give an error raised inside the block the place it came from."""
    try:
        yield
    except LedgerError as exc:
        if exc.location:
            raise
        message = f"column {column!r}: {exc.message}" if column else exc.message
        raise type(exc)(message, location=where) from None


def _text(value: Any) -> str:
    """A cell as text; a whole number in a numeric cell loses its ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _amount(value: Any) -> Decimal:
    if isinstance(value, float):
        # repr() is the shortest decimal that reads back as this float: 2500.1 stays
        # 2500.1, and 0.1 + 0.2 is refused for its third decimal instead of rounded.
        return parse_amount(Decimal(repr(value)))
    if not _text(value):
        raise InputError("the cell is empty; expected an amount such as 2.500,00")
    return parse_amount(_text(value))


def _date(value: Any) -> date | None:
    if isinstance(value, date):  # a date cell; parse_date turns a datetime into its day
        return parse_date(value)
    return parse_date(_text(value)) if _text(value) else None


def _year(value: Any) -> int:
    if not (len(text := _text(value)) == 4 and text.isdigit()):
        raise InputError(f"{text!r} is not a year; expected four digits such as 2024")
    return int(text)


def _kbo(value: Any) -> str:
    return identifiers.validate(_text(value))


def _read(path: Path, sheet: str, key: str, columns: set[str]) -> tuple[list[Row], Row | None]:
    """The rows under the header row holding ``key``, and the "Totaal" row if there is one.

    Blank rows are skipped and reading stops at the total row.
    """
    if not path.is_file():
        raise InputError(f"the file is missing; expected sheet {sheet!r} in it", location=str(path))
    try:
        book = CalamineWorkbook.from_path(str(path))
        if sheet not in book.sheet_names:
            found = ", ".join(book.sheet_names)
            raise InputError(f"no sheet {sheet!r}; found {found}", location=path.name)
        cells = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except (CalamineError, OSError) as exc:
        raise InputError(f"cannot be read as a workbook: {exc}", location=str(path)) from None
    starts = [i for i, r in enumerate(cells[:HEADER_SEARCH_ROWS]) if key in map(_text, r)]
    if not starts:
        message = f"no header row with {key!r} in the first {HEADER_SEARCH_ROWS} rows"
        raise InputError(message, location=f"{path.name}:{sheet}")
    header = [_text(c) for c in cells[starts[0]]]
    missing = sorted(columns - set(header) - OPTIONAL)
    if missing:
        found = ", ".join(filter(None, header))
        message = f"the header has no column {missing[0]!r}; found {found}"
        raise InputError(message, location=f"{path.name}:{sheet}:row {starts[0] + 1}")
    rows: list[Row] = []
    for number, values in enumerate(cells[starts[0] + 1 :], start=starts[0] + 2):
        row = (f"{path.name}:{sheet}:row {number}", dict(zip(header, values, strict=False)))
        if any(_text(v).casefold().startswith("totaal") for v in values[:2]):
            return rows, row
        if any(map(_text, values)):
            rows.append(row)
    return rows, None


def _load(
    path: Path, sheet: str, key: str, spec: Spec, op: Callable[..., object], *, source: bool = False
) -> list[Write]:
    """Parse every row of a sheet into a pending call of ``op``; ``source`` passes the row's place.

    Where a spreadsheet app left a value in the "Totaal" row, it must match the numeric
    amounts above it (openpyxl writes the SUM without one, so the sample is not checked;
    Excel's SUM skips amounts typed as text, so those are left out here too).
    """
    rows, total = _read(path, sheet, key, {column for column, _ in spec.values()})
    writes: list[Write] = []
    added = 0
    for where, values in rows:
        fields = {"source": where} if source else {}
        for keyword, (column, parse) in spec.items():
            with _at(where, column):
                fields[keyword] = parse(values.get(column))
        added += to_cents(fields["amount"]) if type(values.get(AMOUNT)) is float else 0
        writes.append((where, partial(op, **fields)))
    cached = total[1].get(AMOUNT) if total else None
    if total and isinstance(cached, float):
        with _at(total[0], AMOUNT):
            stated = to_cents(_amount(cached))
        if stated != added:
            message = f"the total is {format_eur(stated)} but the numeric amounts above"
            raise InputError(f"{message} add up to {format_eur(added)}", location=total[0])
    return writes


def _reverse(
    tx: Tx, cluster: Cluster, *, year: int, kbo: str, amount: Decimal, reason: str
) -> None:
    """Reverse the latest matching entry not yet reversed: of a pair booked twice, the second."""
    cents = to_cents(amount)
    ids = [
        r.entry.id
        for r in queries.list_contributions(cluster, session=tx.session, year=year)
        if (r.kbo, r.entry.amount_cents) == (kbo, cents)
        and not (r.entry.reverses_id or r.reversed_by)
    ]
    if not ids or ids[-1] is None:
        raise InputError(
            f"no contribution of {format_eur(cents)} from {identifiers.format_number(kbo)} in "
            f"{year} is left to reverse; expected one with the same year, enterprise number and amount"
        )
    operations.reverse_contribution(tx, ids[-1], reason=reason)


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


MEMBER: Spec = {
    "kbo": ("Ondernemingsnummer", _kbo),
    "name": ("Naam", _text),
    "postcode": ("Postcode", lambda v: normalise_postcode(_text(v))),
    "kind": ("Type", lambda v: parse_kind(_text(v))),
    "joined": ("Lid sinds", _date),
    "left": ("Uitgetreden op", _date),
    "mandate": ("Mandaat", _date),
    "region_override": ("Gewest", lambda v: parse_region(_text(v)) if _text(v) else None),
}
CONTRIBUTION: Spec = {
    "kbo": ("Ondernemingsnummer", _kbo),
    "amount": (AMOUNT, _amount),
    "paid_on": ("Betaald op", _date),
    "note": ("Opmerking", _text),
}
COSTS: Spec = {"year": ("Jaar", _year), "amount": ("Coördinatiekosten (EUR)", _amount)}
CORRECTION: Spec = {
    "year": ("Jaar", _year),
    "kbo": ("Ondernemingsnummer", _kbo),
    "amount": ("Bedrag", _amount),
    "reason": ("Reden", _text),
}


def build_demo_ledger(target: str, source: Path) -> tuple[Ledger, str]:
    """Create the ledger at ``target`` (or open an empty one) and load the sample from ``source``.

    Returns:
        The ledger and the cluster's name.

    Raises:
        InputError: a file is missing or a row is bad; the location names file, sheet and row.
        ConflictError: the ledger at ``target`` already holds a cluster.
    """
    config = _config(source / "cluster.toml")
    key = "Ondernemingsnummer"
    # Every file is read before anything is written: a bad row costs no half-built ledger.
    writes = _load(source / "leden.xlsx", "Leden", key, MEMBER, operations.add_member)
    for year in config["years"]:
        record = partial(operations.record_contribution, year=year)
        path = source / f"bijdragen-{year}.xlsx"
        writes += _load(path, f"Bijdragen {year}", key, CONTRIBUTION, record, source=True)
    writes += _load(
        source / "kosten.xlsx", "Coördinatiekosten", "Jaar", COSTS, operations.set_costs
    )
    writes += _load(source / "correcties.xlsx", "Correcties", key, CORRECTION, _reverse)
    name = config["name"]
    ledger = Ledger.open(target, create=True, origin="demo")
    with ledger.write() as tx:
        # Fictional companies must never update real ones (enterprise numbers are shared
        # across clusters) nor enter a real audit trail, which keeps everything forever.
        if queries.list_clusters(session=tx.session):
            message = "the ledger already holds clusters; the demo only goes into a new, empty one"
            raise ConflictError(message, location=target)
        with _at("cluster.toml"):
            rules, start, kbo = config["rule_set"], config["start_year"], config.get("kbo")
            cluster = operations.add_cluster(
                tx, name=name, rule_set_id=rules, start_year=start, kbo=kbo
            )
        for where, write in writes:
            with _at(where):
                write(tx, cluster)
    return ledger, name
