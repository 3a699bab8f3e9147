"""Every row of a chained table, in chain order, with the canonical text its link covers,
read through the database driver's own cursor.

``verify`` walks every link of every chain: on a ledger of a million entries, a million
rows. Read as SQLAlchemy rows, each row costs an object and a call per column on top of
what the driver does; read from the driver's cursor, a row is the driver's tuple. The
values the driver hands back are the values SQLAlchemy would (its result processors are
applied here to the columns that have one: dates and times, and SQLite's booleans), so
the text is the one :func:`ledger.integrity.canonical.canonical` writes for the row as
the ledger reads it.

The two tables that grow with the ledger (entries and audit events) have their text
written directly on SQLite, whose driver hands back nothing but whole numbers, floats,
text, bytes and null: a row holding what its columns should (whole numbers and text, or
null where a column allows it) is written field by field; any other row (a float or a
text where a number belongs: written behind the ledger's back) is written by the
canonical encoder itself, so the text is the same either way
(``tests/ledger/test_canonical.py``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from hashlib import sha256 as _sha256
from itertools import groupby
from operator import itemgetter, le, methodcaller
from typing import Any

from sqlalchemy import Connection, select

from ledger.integrity.canonical import Remembered, canonical, time_text, write_int, write_text
from ledger.integrity.chain import REGISTRY, _is_time

Writer = Callable[[Sequence[Any]], str]

_ROWS_PER_FETCH = 5000
_names = itertools.count(1)
_id, _seq, _hash = itemgetter(0), itemgetter(1), itemgetter(-1)


@dataclass(frozen=True, slots=True)
class Batch:
    """Consecutive rows of one chain, column by column: the chain's key (the cluster),
    and each row's id, ``chain_seq``, canonical text and stored ``chain_hash``."""

    key: Any
    ids: list[Any]
    seqs: list[Any]
    texts: list[str]
    hashes: list[Any]


def canonical_batches(connection: Connection, table: str) -> Iterator[Batch]:
    """Every row of ``table``, every chain, in chain order, a few thousand at a time and
    never two chains in one batch. The rows stream (on PostgreSQL through a server-side
    cursor): none is kept.
    """
    spec = REGISTRY[table]
    columns = spec.model.__table__.c  # type: ignore[attr-defined]
    names = ("id", *spec.fields, "chain_hash")
    order = [] if spec.key is None else [columns[spec.key]]
    query = select(*[columns[n] for n in names]).order_by(*order, columns.chain_seq, columns.id)
    dialect = connection.dialect
    sql = str(query.compile(dialect=dialect))
    driver: Any = connection.connection.driver_connection
    named = dialect.name == "postgresql"
    cursor = driver.cursor(name=f"ledger_chain_{next(_names)}") if named else driver.cursor()
    try:
        if named:
            cursor.itersize = _ROWS_PER_FETCH
        cursor.execute(sql)
        kinds = [d[1] for d in cursor.description]
        times: dict[int, Remembered] = {}
        processed: dict[int, Callable[[Any], Any]] = {}
        values: dict[int, Remembered] = {}
        for at, name in enumerate(spec.fields, 1):
            kind = columns[name].type
            process = kind.dialect_impl(dialect).result_processor(dialect, kinds[at])
            if _is_time(kind):
                times[at] = time_text(process)
                if process is not None:
                    values[at] = Remembered(process)
            elif process is not None:
                processed[at] = process

        def generic(row: Sequence[Any]) -> str:
            chained = list(row[1:-1])
            for at, process in processed.items():
                chained[at - 1] = process(chained[at - 1])
            for at, remembered in values.items():
                chained[at - 1] = remembered[chained[at - 1]]
            return canonical(chained)

        write = generic
        fast = _WRITERS.get(table)
        if (
            dialect.name == "sqlite"
            and fast is not None
            and fast[0] == spec.fields
            and not processed
            and set(times) == set(fast[1])
        ):
            write = fast[2](times)

        def either(row: Sequence[Any]) -> str:
            try:
                return write(row)
            except (TypeError, ValueError):  # not what the columns hold: the encoder's
                return generic(row)

        key_of = (lambda _row: None) if spec.key is None else itemgetter(names.index(spec.key))
        while rows := cursor.fetchmany(_ROWS_PER_FETCH):
            first, last = key_of(rows[0]), key_of(rows[-1])
            if first == last and list(map(key_of, rows)).count(first) == len(rows):
                chains: Iterable[tuple[Any, Iterable[Sequence[Any]]]] = [(first, rows)]
            else:
                chains = groupby(rows, key=key_of)
            for key, group in chains:
                part = group if isinstance(group, list) else list(group)
                try:
                    texts = list(map(write, part))
                except (TypeError, ValueError):
                    texts = list(map(either, part))
                yield Batch(
                    key, list(map(_id, part)), list(map(_seq, part)), texts, list(map(_hash, part))
                )
    finally:
        cursor.close()


def follows(batch: Batch, previous: str, length: int, last_id: int) -> bool:
    """Whether every row of ``batch`` is the next link of its chain, which so far is
    ``length`` links long, ends in ``previous`` and holds no id past ``last_id``: each
    row's place is the next one, its hash is its link's and its id comes after. When not,
    the rows are to be looked at one by one (this only says there is something to see).
    """
    n = len(batch.ids)
    if batch.seqs != list(range(length + 1, length + n + 1)):
        return False
    if not all(map(le, [last_id, *batch.ids[:-1]], batch.ids)):
        return False
    ends = [previous, *batch.hashes[:-1]]
    texts = map(_NEWLINE.join, zip(ends, batch.texts, strict=True))
    try:
        return list(map(_hex, map(_sha256, map(_utf8, texts)))) == batch.hashes
    except TypeError:  # a stored hash that is not text (the rows say which)
        return False


_NEWLINE = "\n"
_hex = methodcaller("hexdigest")
_utf8 = methodcaller("encode", "utf-8", "surrogatepass")


_NULL = "null"


def _entry_writer(times: dict[int, Remembered]) -> Writer:
    """An entry's canonical text, as stored on SQLite: (id, *chained fields, chain_hash)."""
    paid_on, created_at = times[6], times[12]
    number, text, null = write_int, write_text, _NULL

    def write(row: Sequence[Any]) -> str:
        _, seq, cluster, company, year, amount, paid, note, source, reverses, batch, line, at, _ = (
            row
        )
        return (
            f"[{null if seq is None else number(seq)},{number(cluster)},{number(company)},"
            f"{number(year)},{number(amount)},{paid_on[paid]},"
            f"{null if note is None else text(note)},{null if source is None else text(source)},"
            f"{null if reverses is None else number(reverses)},"
            f"{null if batch is None else number(batch)},{null if line is None else number(line)},"
            f"{created_at[at]}]"
        )

    return write


def _audit_writer(times: dict[int, Remembered]) -> Writer:
    """An audit event's canonical text, as stored on SQLite."""
    when = times[2]
    number, text, null = write_int, write_text, _NULL

    def write(row: Sequence[Any]) -> str:
        _, seq, at, actor, origin, action, cluster, entity, entity_id, details, _ = row
        return (
            f"[{null if seq is None else number(seq)},{when[at]},{text(actor)},{text(origin)},"
            f"{text(action)},{null if cluster is None else number(cluster)},{text(entity)},"
            f"{null if entity_id is None else number(entity_id)},{text(details)}]"
        )

    return write


# The tables whose text is written directly on SQLite: the fields each writer was written
# for (a registry that lists others uses the encoder), the positions of its dates and
# times in the row as read, and the writer.
_WRITERS: dict[str, tuple[tuple[str, ...], tuple[int, ...], Callable[..., Writer]]] = {
    "contribution": (
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
        (6, 12),
        _entry_writer,
    ),
    "audit_event": (
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
        (2,),
        _audit_writer,
    ),
}
