"""Import batches on the ledger's side: what was imported, from which file, and undoing it.

An importer hands clean records to the ledger; this module remembers them as a batch
(the file's hash, each source row's natural key and fingerprint) so that the same file
is never imported twice and a changed row is recognised, and it undoes a batch of
contributions with reversing entries. A batch that is undone, and the undo itself,
no longer count as "imported".

>>> import tempfile, pathlib
>>> from ledger.session import Ledger
>>> ledger = Ledger.open(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite", create=True)
>>> with ledger.read() as session:
...     saved_mappings(session=session)
{}
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger import operations
from ledger.integrity.chain import rows_digest
from ledger.problems import Problem
from ledger.session import Tx
from ledger.storage.bulk import insert_many
from ledger.storage.tables import (
    AuditEvent,
    Cluster,
    ColumnMapping,
    Contribution,
    ImportBatch,
    ImportRow,
    utcnow,
)


class SourceRow(NamedTuple):
    """A committed source row: its place, natural key and content fingerprint."""

    row_number: int
    row_key: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class BatchRow:
    """A batch as listed: the batch, and the undo batch that reversed it, if any."""

    batch: ImportBatch
    undone_by: int | None


def _undone_ids(session: Session, cluster: Cluster) -> set[int]:
    query = select(ImportBatch.undoes_id).where(
        ImportBatch.cluster_id == cluster.id, col(ImportBatch.undoes_id).is_not(None)
    )
    return {i for i in session.exec(query).all() if i is not None}


def list_batches(cluster: Cluster, *, session: Session) -> list[BatchRow]:
    """Every batch of a cluster, oldest first, each with the batch that undid it."""
    undo = aliased(ImportBatch)
    query = (
        select(ImportBatch, undo.id)
        .outerjoin(undo, undo.undoes_id == ImportBatch.id)
        .where(ImportBatch.cluster_id == cluster.id)
        .order_by(col(ImportBatch.id))
    )
    return [BatchRow(b, u) for b, u in session.exec(query).all()]


def get_batch(batch_id: int, *, session: Session) -> ImportBatch:
    batch = session.get(ImportBatch, batch_id) if 0 < batch_id < 2**63 else None
    if batch is None:
        raise Problem("batch.unknown", {"batch": batch_id}, kind="notfound").error()
    return batch


def imported_file(
    cluster: Cluster, what: str, file_hash: str, sheet: str | None, *, session: Session
) -> ImportBatch | None:
    """The live batch that imported this very file (and sheet) already, if one did."""
    query = select(ImportBatch).where(
        ImportBatch.cluster_id == cluster.id,
        ImportBatch.what == what,
        ImportBatch.file_hash == file_hash,
        ImportBatch.sheet == sheet,
        col(ImportBatch.undoes_id).is_(None),
    )
    undone = _undone_ids(session, cluster)
    return next((b for b in session.exec(query).all() if b.id not in undone), None)


def imported_rows(cluster: Cluster, what: str, *, session: Session) -> dict[str, tuple[str, int]]:
    """Row key -> (fingerprint, batch id) of every row a live batch of this kind imported;
    the latest batch wins. Read as plain rows: a large import holds 100,000."""
    undone = _undone_ids(session, cluster)
    query = (
        select(ImportRow.row_key, ImportRow.fingerprint, ImportRow.batch_id)
        .join(ImportBatch, col(ImportBatch.id) == ImportRow.batch_id)
        .where(
            ImportBatch.cluster_id == cluster.id,
            ImportBatch.what == what,
            col(ImportBatch.undoes_id).is_(None),
        )
        .order_by(col(ImportRow.batch_id))
    )
    return {
        key: (fingerprint, batch_id)
        for key, fingerprint, batch_id in session.connection().execute(query).all()
        if batch_id not in undone
    }


def add_import_batch(
    tx: Tx,
    cluster: Cluster,
    *,
    what: str,
    file_name: str,
    file_hash: str,
    source_key: str,
    sheet: str | None,
    year: int | None,
    rows: Sequence[SourceRow],
    accounting: Mapping[str, object] | None = None,
) -> ImportBatch:
    """Record a committed import and its source rows (one multi-row insert); the batch
    carries their digest, which its chained link covers (see ``ledger.integrity``).

    ``accounting`` (what the importer made of the file's columns and rows) is kept in the
    batch's audit event, chained with the rest of the trail.
    """
    stored = [(number, key[:300], fingerprint) for number, key, fingerprint in rows]
    batch = ImportBatch(
        cluster_id=cluster.id,  # type: ignore[arg-type]
        what=what,
        file_name=file_name[:500],
        file_hash=file_hash,
        source_key=source_key[:500],
        sheet=sheet[:200] if sheet else None,
        year=year,
        row_count=len(rows),
        actor=tx.actor,
        origin=tx.origin,
        rows_digest=rows_digest(stored),
    )
    tx.save(
        batch,
        "import.commit",
        cluster_id=cluster.id,
        details={
            **(accounting or {}),
            "what": what,
            "file": file_name,
            "sheet": sheet,
            "rows": len(rows),
        },
    )
    batch_id = batch.id  # read once: an ORM attribute costs a call per row
    insert_many(
        tx.session.connection(),
        ImportRow.__table__,  # type: ignore[attr-defined]
        ["batch_id", "row_number", "row_key", "fingerprint"],
        [(batch_id, *row) for row in stored],
    )
    return batch


def batch_details(batch: ImportBatch, *, session: Session) -> dict[str, object]:
    """The details the batch's audit event recorded when it was committed (or undone)."""
    query = select(AuditEvent.details).where(
        AuditEvent.entity == "import_batch",
        AuditEvent.entity_id == batch.id,
        col(AuditEvent.action).in_(["import.commit", "import.undo"]),
    )
    found = session.exec(query).first()
    return json.loads(found) if found else {}


def undo_import_batch(tx: Tx, batch_id: int, *, reason: str) -> ImportBatch:
    """Reverse every live entry of a contributions batch, and record the undo as a batch.

    Raises:
        NotFoundError: no such batch.
        ConflictError: it is an undo itself, or was undone already.
        InputError: it imported members or costs, which have no entries to reverse.
        LockedYearError: one of its entries lies in a locked year (nothing is reversed).
    """
    batch = get_batch(batch_id, session=tx.session)
    if batch.undoes_id is not None:
        facts = {"batch": batch_id, "undoes": batch.undoes_id}
        raise Problem("batch.is_undo", facts, kind="conflict").error()
    done = tx.session.exec(select(ImportBatch).where(ImportBatch.undoes_id == batch_id)).first()
    if done is not None:
        facts = {"batch": batch_id, "undo": done.id}
        raise Problem("batch.undone", facts, kind="conflict").error()
    if batch.what == "statement":
        raise Problem("batch.statement", {"batch": batch_id, "file": batch.file_name}).error()
    if batch.what in ("projects", "project-partners"):
        raise Problem("batch.projects", {"batch": batch_id, "what": batch.what}).error()
    if batch.what != "contributions":
        raise Problem("batch.details", {"batch": batch_id, "what": batch.what}).error()
    # The batch's own entries that no reversal names yet: reversed by hand since, they are
    # not reversed twice. Asked of the batch alone, not of every reversal in the ledger.
    reversal = aliased(Contribution)
    entries = tx.session.exec(
        select(Contribution.id)
        .outerjoin(reversal, col(reversal.reverses_id) == Contribution.id)
        .where(
            Contribution.batch_id == batch_id,
            col(Contribution.reverses_id).is_(None),
            col(reversal.id).is_(None),
        )
        .order_by(col(Contribution.id))
    ).all()
    count = 0
    for entry_id in entries:
        if entry_id is not None:
            operations.reverse_contribution(tx, entry_id, reason=reason)
            count += 1
    undo = ImportBatch(
        cluster_id=batch.cluster_id,
        what=batch.what,
        file_name=batch.file_name,
        file_hash=batch.file_hash,
        source_key=batch.source_key,
        sheet=batch.sheet,
        year=batch.year,
        row_count=count,
        undoes_id=batch.id,
        actor=tx.actor,
        origin=tx.origin,
        rows_digest=rows_digest([]),
    )
    tx.save(
        undo,
        "import.undo",
        cluster_id=batch.cluster_id,
        details={"undoes": batch.id, "reversed": count, "reason": reason},
    )
    return undo


def saved_mappings(*, session: Session) -> dict[str, dict[str, str]]:
    """Every saved column mapping: layout digest -> {normalised column: field}."""
    return {m.layout: json.loads(m.mapping) for m in session.exec(select(ColumnMapping)).all()}


def save_mapping(
    tx: Tx, *, layout: str, what: str, headers: list[str], mapping: dict[str, str]
) -> ColumnMapping:
    """Remember (or replace) the mapping the user gave for one source layout."""
    row = tx.session.exec(select(ColumnMapping).where(ColumnMapping.layout == layout)).first()
    text = json.dumps(mapping, sort_keys=True, ensure_ascii=False)
    if row is None:
        row = ColumnMapping(
            layout=layout, what=what, headers=json.dumps(headers, ensure_ascii=False), mapping=text
        )
    elif row.mapping == text:
        return row
    else:
        row.mapping, row.what, row.updated_at = text, what, utcnow()
    tx.save(
        row,
        "import.mapping",
        cluster_id=None,
        details={"layout": layout, "what": what, "mapping": mapping},
    )
    return row
