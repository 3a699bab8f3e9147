"""``payments import``: read a statement file, check it whole, then book each statement in
a transaction of its own (or, in a dry run, book it and roll it back, so the preview is
exactly what a commit would do).

Nothing is written for a file that fails a check: every statement is read and checked,
and every account looked up, before the first one is booked.

Example::

    result = import_statements(ledger, Path("2026-03-02.xml"), "Circular Plastics", commit=True)
    [o.booked for o in result.outcomes]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from importers.statements import StatementFile, read_statement_file
from ledger import queries
from ledger.errors import InputError
from ledger.payments.booking import Outcome, account_for, book_statement
from ledger.problems import Location
from ledger.session import Ledger


@dataclass
class Result:
    """What an import did (or, in a dry run, would do), statement by statement."""

    file: StatementFile
    committed: bool
    outcomes: list[Outcome] = field(default_factory=list)

    def total(self, what: str) -> int:
        return sum(getattr(o, what) for o in self.outcomes)


class _DryRun(Exception):
    """Raised inside the write transaction to roll a preview back."""


Progress = Callable[[int, int], None]


def import_statements(
    ledger: Ledger,
    path: Path,
    cluster_name: str,
    *,
    account: str | None = None,
    commit: bool = False,
    progress: Progress | None = None,
) -> Result:
    """Import a statement file into a cluster (see the module docstring).

    Args:
        account: the IBAN the file must be for; a statement for another is refused.
        commit: write; without it nothing is kept.

    Raises:
        InputError: the file cannot be read or fails a check, or a statement is for an
            account that is not the cluster's (or not ``account``).
        NotFoundError: no such cluster.
    """
    found = read_statement_file(path)
    if account is not None:
        from importers.statements.common import iban_or_none

        wanted = iban_or_none(account)
        if wanted is None:
            raise InputError(f"{account!r} is not a valid IBAN", location="--account")
        for statement in found.statements:
            if statement.account_iban != wanted:
                raise InputError(
                    f"the statement is for account {statement.account_iban}, not {wanted}",
                    location=str(Location(file=found.name, field=statement.file_line)),
                )
    result = Result(file=found, committed=commit)
    with ledger.write() as tx:  # every account checked before anything is booked
        cluster = queries.get_cluster(cluster_name, session=tx.session)
        for statement in found.statements:
            account_for(tx, cluster, statement, Location(found.name, field=statement.file_line))
    if commit:
        for index, statement in enumerate(found.statements, start=1):
            with ledger.write() as tx:
                cluster = queries.get_cluster(cluster_name, session=tx.session)
                result.outcomes.append(
                    book_statement(
                        tx, cluster, statement, file_name=found.name, file_hash=found.sha256
                    )
                )
            if progress is not None:
                progress(index, len(found.statements))
        return result
    # A dry run books the whole file in one transaction and rolls it back, so a return
    # in a later statement sees the credit an earlier one booked, as a commit would.
    try:
        with ledger.write() as tx:
            cluster = queries.get_cluster(cluster_name, session=tx.session)
            for index, statement in enumerate(found.statements, start=1):
                result.outcomes.append(
                    book_statement(
                        tx, cluster, statement, file_name=found.name, file_hash=found.sha256
                    )
                )
                if progress is not None:
                    progress(index, len(found.statements))
            raise _DryRun
    except _DryRun:
        pass
    return result
