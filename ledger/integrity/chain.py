"""Hash chains: every entry and audit event carries a hash over its own content and the
hash of the one before it in its cluster.

Change one stored value, delete a row or slip one in between, and the hashes from that
point on no longer follow; :mod:`ledger.integrity.verify` recomputes them. Each cluster
has two chains, its entries and its audit events; audit events that belong to no cluster
(a company's details, a saved column mapping) form one chain of their own.

A link is ``sha256(previous hash + newline + canonical JSON of the row)``. The canonical
form lists the row's fields in a fixed order, dates and times as ISO text in UTC to the
microsecond, exactly as either database gives them back, so a SQLite ledger restored
into PostgreSQL still checks. The row's ``id`` is left out (PostgreSQL hands it out only
at the insert); ``chain_seq``, its place in the chain, is in. The text and the hash are
:mod:`ledger.integrity.canonical`'s.

>>> first = link(GENESIS, [1, "x"])
>>> first == link(GENESIS, [1, "x"]), first == link(GENESIS, [1, "y"])
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import String, TypeDecorator, select, type_coerce
from sqlalchemy.types import TypeEngine
from sqlmodel import Session, SQLModel

from ledger.integrity.canonical import _ROW_ENCODER, _sha256, write_text
from ledger.integrity.canonical import GENESIS as GENESIS
from ledger.integrity.canonical import _plain as _plain
from ledger.integrity.canonical import canonical as canonical
from ledger.integrity.canonical import link as link
from ledger.integrity.canonical import rows_digest as rows_digest
from ledger.storage.tables import AuditEvent, ChainTip, Contribution, ImportBatch, YearLockEvent


@dataclass(frozen=True)
class ChainedTable:
    """An append-only table whose rows are hash-chained.

    Args:
        model: its SQLModel class (with ``chain_seq`` and ``chain_hash`` columns).
        fields: the columns a link covers, in canonical order, ``chain_seq`` first. Every
            column but ``id`` and ``chain_hash``: a column left out can be changed unseen.
        key: the column that names a row's chain (one chain per cluster), or None for one
            chain over the whole table.
        what: a row in words, for verify's messages ("entry").
        plural: rows in words ("entries").
    """

    model: type[SQLModel]
    fields: tuple[str, ...]
    key: str | None = "cluster_id"
    what: str = "row"
    plural: str = "rows"


# The registry: a table listed here is sealed as its rows are written (Tx.save, a session
# flush, or Chains.seal_rows for a multi-row insert) and walked link by link by verify.
# Adding a table is one entry here, its two columns and a migration that chains the rows
# it already holds (see migration 0005).
REGISTRY: dict[str, ChainedTable] = {
    "contribution": ChainedTable(
        Contribution,
        (
            "chain_seq",
            "cluster_id",
            "company_id",
            "year",
            "amount_cents",
            "paid_on",
            "note",
            "source",
            "reverses_id",
            "batch_id",
            "source_row",
            "created_at",
        ),
        what="entry",
        plural="entries",
    ),
    "audit_event": ChainedTable(
        AuditEvent,
        (
            "chain_seq",
            "at",
            "actor",
            "origin",
            "action",
            "cluster_id",
            "entity",
            "entity_id",
            "details",
        ),
        what="audit event",
        plural="audit events",
    ),
    "year_lock_event": ChainedTable(
        YearLockEvent,
        ("chain_seq", "cluster_id", "year", "locked", "reason", "actor", "at"),
        what="year lock event",
        plural="year lock events",
    ),
    "import_batch": ChainedTable(
        ImportBatch,
        (
            "chain_seq",
            "cluster_id",
            "what",
            "file_name",
            "file_hash",
            "source_key",
            "sheet",
            "year",
            "row_count",
            "undoes_id",
            "actor",
            "origin",
            "at",
            "rows_digest",
        ),
        what="import batch",
        plural="import batches",
    ),
}


def register(name: str, table: ChainedTable) -> None:
    """Add a chained table (a new history table); its name must be new."""
    if name in REGISTRY:
        raise ValueError(f"{name} is chained already")
    REGISTRY[name] = table


class _Fields(dict[str, tuple[str, ...]]):
    """``FIELDS[table]``: the registry's fields, read live so a registered table appears."""

    def __missing__(self, table: str) -> tuple[str, ...]:
        return REGISTRY[table].fields


# The fields each chained table's links cover, and the chained models, by table name.
FIELDS: dict[str, tuple[str, ...]] = _Fields()
CHAINED: dict[str, type[SQLModel]] = {name: t.model for name, t in REGISTRY.items()}


def chain_key(table: str, row: Any) -> int | None:
    """The value naming the chain a row (an object or a mapping) belongs to."""
    column = REGISTRY[table].key
    if column is None:
        return None
    return row[column] if isinstance(row, dict) else getattr(row, column, None)


def chain_name(table: str, cluster_id: int | None) -> str:
    """The chain a row of ``table`` belongs to: ``contribution:3``, ``audit_event:-``."""
    return f"{table}:{'-' if cluster_id is None else cluster_id}"


def _column_texts(rows: Sequence[tuple[Any, ...]], at: int) -> Iterator[str]:
    """The text in a row's canonical form of each row's value at ``at``, one by one.

    A list's canonical text is its items' texts between brackets, joined by commas (a
    flat row holds no nested values), so a row's text can be put together from these.
    A column of whole numbers or of texts is written as the encoder writes them (an
    import's amounts and sources are nearly all distinct); any other column has each
    distinct value encoded once, told apart by type too (``True`` and ``1`` are equal
    keys, not equal texts). Nothing is kept per row: 100,000 rows stream through.
    """
    pick = itemgetter(at)
    kinds = set(map(type, map(pick, rows)))
    if kinds == {int}:
        return map(int.__repr__, map(pick, rows))
    if kinds == {str} and _ROW_ENCODER is not None:
        return map(write_text, map(pick, rows))
    if float in kinds:  # 0.0 and -0.0 are equal keys with two texts: each written as it is
        return (canonical([value])[1:-1] for value in map(pick, rows))
    if len(kinds) == 1:
        done = {value: canonical([value])[1:-1] for value in set(map(pick, rows))}
        return map(done.__getitem__, map(pick, rows))
    typed = {(type(value), value) for value in map(pick, rows)}
    texts = {key: canonical([key[1]])[1:-1] for key in typed}
    return (texts[type(value), value] for value in map(pick, rows))


class Chains:
    """The chains a write transaction appends to, and where each one ends.

    A chain's end is read once per transaction, from :class:`ChainTip`, and written back
    at the commit. That is safe only because writes are serialised (see
    :func:`ledger.storage.database.make_engine`): no other writer can append to a chain
    between the read and the commit.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ends: dict[str, tuple[int, str]] = {}

    def _end(self, chain: str) -> tuple[int, str]:
        if chain not in self._ends:
            tip = self.session.get(ChainTip, chain)
            self._ends[chain] = (tip.length, tip.tip) if tip else (0, GENESIS)
        return self._ends[chain]

    def seal(self, row: SQLModel) -> None:
        """Give a new entry or audit event its place and hash, before it is inserted."""
        table = str(row.__tablename__)
        chain = chain_name(table, chain_key(table, row))
        length, tip = self._end(chain)
        row.chain_seq = length + 1  # type: ignore[attr-defined]
        row.chain_hash = link(tip, [getattr(row, f) for f in FIELDS[table]])  # type: ignore[attr-defined]
        self._ends[chain] = (length + 1, row.chain_hash)  # type: ignore[attr-defined]

    def seal_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The columns and rows of a multi-row insert, each row given its place and hash.

        An import seals 100,000 rows at once, so the chained values are picked column by
        column rather than looked up row by row.
        """
        position = {name: i for i, name in enumerate(columns)}
        texts = [
            _column_texts(rows, position[f]) if f in position else repeat("null", len(rows))
            for f in FIELDS[table][1:]  # chain_seq comes first, and is this function's to give
        ]
        bodies = map(",".join, zip(*texts, strict=True))
        key = REGISTRY[table].key
        keys = repeat(None, len(rows)) if key is None else map(itemgetter(position[key]), rows)
        sealed: list[tuple[Any, ...]] = []
        chain, length, tip = None, 0, GENESIS
        last: Any = self  # the key of the chain being appended to; no key is ever this
        sha256 = _sha256
        for row, body, value in zip(rows, bodies, keys, strict=True):
            if value != last or value.__class__ is not last.__class__:
                if chain is not None:
                    self._ends[chain] = (length, tip)
                chain, last = chain_name(table, value), value
                length, tip = self._end(chain)
            length += 1
            # link(tip, (length, *values)), its canonical text put together from each
            # value's text: chain_seq comes first in every canonical form.
            tip = sha256(f"{tip}\n[{length},{body}]".encode("utf-8", "surrogatepass")).hexdigest()
            sealed.append((*row, length, tip))
        if chain is not None:
            self._ends[chain] = (length, tip)
        return [*columns, "chain_seq", "chain_hash"], sealed

    def save(self) -> None:
        """Record where every chain this transaction appended to now ends."""
        for chain, (length, tip) in self._ends.items():
            stored = self.session.get(ChainTip, chain)
            if stored is None:
                self.session.add(ChainTip(chain=chain, length=length, tip=tip))
            elif stored.length != length:
                stored.length, stored.tip = length, tip
                self.session.add(stored)
        self.session.flush()


def chain_end(session: Session, table: str, key: int | None) -> tuple[int, str]:
    """How long a chain is and its last hash, as the ledger last wrote it."""
    tip = session.get(ChainTip, chain_name(table, key))
    return (tip.length, tip.tip) if tip else (0, GENESIS)


ALL: Any = object()  # chain_rows: every chain of the table


class _CanonicalTime(TypeDecorator[str]):
    """A date or time column read straight into its canonical text (see :func:`_plain`).

    Rows of one batch share their time of writing and payment dates repeat, so each
    stored value is converted once, by the column's own type and then :func:`_plain`,
    and remembered: the text is exactly what the typed value would give.
    """

    impl = String
    cache_ok = True
    _REMEMBERED = 1 << 16

    def __init__(self, typed: TypeEngine[Any]) -> None:
        super().__init__()
        self.typed = typed

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        typed = self.typed._cached_result_processor(dialect, coltype)
        known: dict[Any, str] = {}

        def process(value: Any) -> str | None:
            if value is None:
                return None
            text = known.get(value)
            if text is None:
                if len(known) >= self._REMEMBERED:
                    known.clear()
                text = known[value] = _plain(value if typed is None else typed(value))
            return text

        return process


def _is_time(kind: TypeEngine[Any]) -> bool:
    """A date or time column (a decorated one by what it stores)."""
    kind = getattr(kind, "impl_instance", kind)
    try:
        return issubclass(kind.python_type, date)  # datetime is a date too
    except NotImplementedError:
        return False


def chain_rows(
    session: Session, table: str, *, cluster_id: int | None = ALL, upto: int | None = None
) -> Iterator[Any]:
    """The rows of ``table`` in chain order (every chain, or the one keyed ``cluster_id``
    up to ``upto``), streamed: each row has ``id``, the chained fields and ``chain_hash``,
    its dates and times already as the canonical text that :func:`link` hashes."""
    spec = REGISTRY[table]
    columns = spec.model.__table__.c  # type: ignore[attr-defined]

    def read(name: str) -> Any:
        column = columns[name]
        if _is_time(column.type):
            return type_coerce(column, _CanonicalTime(column.type)).label(name)
        return column

    query = select(*[read(name) for name in ("id", *spec.fields, "chain_hash")])
    if cluster_id is not ALL and spec.key is not None:
        column = columns[spec.key]
        query = query.where(column.is_(None) if cluster_id is None else column == cluster_id)
    if upto is not None:
        query = query.where(columns.chain_seq <= upto)
    order = [] if spec.key is None else [columns[spec.key]]
    query = query.order_by(*order, columns.chain_seq, columns.id)
    yield from session.connection().execution_options(yield_per=5000).execute(query)


def recomputed_link(session: Session, table: str, cluster_id: int | None, seq: int) -> str | None:
    """The hash of link ``seq`` of a cluster's chain, recomputed from the rows as they are
    now; None when the chain is shorter.

    A report records its cluster's chain end. Asked again later, the rows up to that link
    must still give the same hash, or the history before the report was rewritten: the
    stored hashes along with it or not.
    """
    previous, length = GENESIS, 0
    for row in chain_rows(session, table, cluster_id=cluster_id, upto=seq):
        length += 1
        values = row._mapping
        previous = link(previous, [length, *(values[f] for f in FIELDS[table][1:])])
    return previous if length == seq else None
