"""Spreadsheets in: ``import FILE`` (dry run or commit), ``import list`` and ``import undo``.

``import`` is a group whose first word may be a file: ``import FILE --cluster C`` runs
the hidden ``run`` command, while ``import list`` and ``import undo`` are commands of
their own (a file literally named ``list`` is imported as ``import run list`` or
``import ./list``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from tui.cli import options
from tui.cli.progress import Progress

if TYPE_CHECKING:
    from importers.batches import Outcome

MAX_SHOWN = 100  # problem lines printed; --errors-out holds every one
MAX_NOTES = 20  # notes printed (rows read as remarks, not paid, ...)
LONG = 5000  # rows from which an import shows a progress bar


def _echo(text: str, err: bool = False) -> None:
    """One line of output: a file, sheet or column name with a line break or an escape
    sequence in it is printed escaped, never raw."""
    from ledger.text import escape_controls

    typer.echo(escape_controls(text), err=err)


class ImportGroup(TyperGroup):
    """Reads ``import FILE ...`` as ``import run FILE ...`` unless FILE names a subcommand."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


import_app = typer.Typer(
    cls=ImportGroup,
    help="Import members, contributions, costs, projects or project partners from a spreadsheet "
    "(import FILE --cluster C [--commit]), list batches, show one, undo one.",
    no_args_is_help=True,
)


@import_app.command("run")
def import_file(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ...,
        metavar="FILE",
        help=".xlsx, .xlsm, .xls (also an Excel HTML export), .ods, .fods or .csv.",
    ),
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    what: str | None = typer.Option(
        None,
        "--what",
        help="members, contributions or costs (default: guessed from the columns); "
        "projects or project-partners: a spearhead cluster's project list and its partners.",
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="The sheet to read (hidden or not)."),
    year: int | None = typer.Option(
        None,
        "--year",
        parser=options.number_parser("--year"),
        help="Year of rows without a year column (else the sheet name or title).",
    ),
    mapping: list[str] = typer.Option(
        [],
        "--map",
        help="COLUMN=FIELD (or COLUMN=ignore), repeatable; saved for files with the same columns.",
    ),
    commit: bool = typer.Option(False, "--commit", help="Write. Without it: a dry run."),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid", help="Import the good rows, leaving out invalid and changed ones."
    ),
    errors_out: Path | None = typer.Option(
        None, "--errors-out", help="Write the problem rows, each with its problem, to this .xlsx."
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace the --errors-out file if it exists."
    ),
) -> None:
    """Import a spreadsheet (also written: import FILE): a dry run, or with --commit, the import.

    The dry run lists every column of the header row (the field it fills and why, or
    ignored) and what becomes of every row; nothing is written.
    """
    from importers.batches import Request, run_import
    from ledger.files import origin_of_engine

    request = Request(
        file, cluster, what, sheet, year, list(mapping), commit=commit, skip_invalid=skip_invalid
    )
    ledger = options.state(ctx).ledger()
    origin = origin_of_engine(ledger.engine)
    if errors_out is not None:  # refused before anything is read or written
        from importers.error_report import check_error_report

        errors_out = check_error_report(errors_out, force=force, origin=origin)
    with Progress("Checking rows", at_least=LONG) as progress:
        outcome = run_import(ledger, request, progress)
    table = outcome.table
    if outcome.already is not None:
        _echo(f"{table.where()}: already imported as batch {outcome.already}; nothing to add")
        return
    assert outcome.plan is not None
    plan = outcome.plan
    _print_plan(outcome)
    for problem in plan.problems[:MAX_SHOWN]:
        _echo(f"  {problem.where()}: {problem.text()}")
    if len(plan.problems) > MAX_SHOWN:
        _echo(f"  ... and {len(plan.problems) - MAX_SHOWN} more (all in --errors-out)")
    if errors_out is not None:
        from importers.error_report import write_error_report  # openpyxl: only when asked

        written = write_error_report(plan, errors_out, force=force, origin=origin)
        _echo(f"Wrote {written} problem rows to {options.shown(errors_out)}")
    _print_outcome(outcome, errors_out)
    if outcome.committed and not outcome.blocked(skip_invalid=skip_invalid):
        return
    if plan.problems:
        # One line on stderr, as for every error; the preview above lists them all.
        first = plan.problems[0]
        more = len(plan.problems) - 1
        rest = (
            f" (and {more} more {'problem' if more == 1 else 'problems'}, listed above)"
            if more
            else ""
        )
        _echo(f"{options.PROG}: error: {first.where()}: {first.text()}{rest}", err=True)
        raise typer.Exit(1)


def _print_plan(outcome: Outcome) -> None:
    """The table found, its columns, the counts, what became of every row, and the notes."""
    from importers.wording import describe, rows_text

    assert outcome.plan is not None
    table, plan = outcome.table, outcome.plan
    fates = plan.fates()
    _echo(
        f"{table.where()}: {table.what}, header in row {table.header_row}, {fates['rows']} rows"
        + (f", year {table.year}" if table.year and table.what == "contributions" else "")
    )
    _echo("  Columns:")
    width = min(30, max((len(c.header) for c in table.accounting), default=0))
    for column in table.accounting:
        shown = column.header if len(column.header) <= width else column.header[: width - 1] + "…"
        _echo(f"    {column.letter:<3} {shown:<{width}}  {describe(column, table.accounting)}")
    _echo("  " + " · ".join(f"{n} {s}" for s, n in plan.counts().items()))
    _echo("  " + rows_text(plan, committed=outcome.committed))
    for note in plan.notes[:MAX_NOTES]:
        where = f"{note.where()}: " if note.row is not None else ""
        _echo(f"Note: {where}{note.text()}")
    if len(plan.notes) > MAX_NOTES:
        _echo(f"Note: ... and {len(plan.notes) - MAX_NOTES} more notes")


def _print_outcome(outcome: Outcome, errors_out: Path | None) -> None:
    assert outcome.plan is not None
    table, counts = outcome.table, outcome.plan.counts()
    landing = counts["new"] + counts["updated"]
    refused = counts["invalid"] + counts["conflicting"]
    if outcome.committed and outcome.batch_id is not None:
        undo = f"; undo with '{options.PROG} import undo {outcome.batch_id} --reason ...'"
        kept = f" ({refused} rows left out)" if refused else ""
        _echo(
            f"Imported {landing} rows as batch {outcome.batch_id}{kept}"
            + (undo if table.what == "contributions" else "")
        )
    elif outcome.committed:
        _echo("Nothing to add: every row is in the ledger already")
    elif outcome.blocked(skip_invalid=True):
        _echo("Nothing imported: fix the problems above")
    elif refused:
        hint = " or add --skip-invalid to import the rest" if refused < landing + refused else ""
        listed = (
            f"they are in {errors_out}"
            if errors_out is not None
            else "--errors-out FILE.xlsx writes them out with their problems"
        )
        _echo(f"Nothing imported: fix the rows above ({listed}){hint}")
    else:
        _echo(f"Dry run: nothing written; add --commit to import these {landing} rows")


@import_app.command("list")
def import_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the import batches of a cluster, with what undid them."""
    from importers.batches import list_batches

    rows = list_batches(options.state(ctx).ledger(), cluster)
    if json_out:
        options.print_json(
            [
                {
                    "batch": r.batch.id,
                    "at": r.batch.at,
                    "what": r.batch.what,
                    "file": r.batch.file_name,
                    "sheet": r.batch.sheet,
                    "year": r.batch.year,
                    "rows": r.batch.row_count,
                    "undoes": r.batch.undoes_id,
                    "undone_by": r.undone_by,
                    "actor": r.batch.actor,
                    "file_hash": r.batch.file_hash,
                }
                for r in rows
            ]
        )
        return
    from tui.cli.tables import render_table

    def status(r: Any) -> str:
        if r.batch.undoes_id:
            return f"undoes {r.batch.undoes_id}"
        return f"undone by {r.undone_by}" if r.undone_by else ""

    table = [
        (
            r.batch.id,
            r.batch.at.strftime("%Y-%m-%d %H:%M"),
            r.batch.what,
            r.batch.file_name,
            r.batch.sheet,
            r.batch.year,
            r.batch.row_count,
            status(r),
        )
        for r in rows
    ]
    headers = ("batch", "at (UTC)", "what", "file", "sheet", "year", "rows", "status")
    typer.echo(render_table(headers, table, right={0, 6}))


@import_app.command("show")
def import_show(
    ctx: typer.Context,
    batch: int = typer.Argument(
        ...,
        metavar="BATCH",
        parser=options.number_parser("BATCH"),
        help="The batch to show (see import list).",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show a batch as it was recorded: the file, every column and what became of each row."""
    from importers.batches import show_batch

    found, details = show_batch(options.state(ctx).ledger(), batch)
    record = {
        "batch": found.id,
        "at": found.at,
        "what": found.what,
        "file": found.file_name,
        "sheet": found.sheet,
        "year": found.year,
        "rows": found.row_count,
        "undoes": found.undoes_id,
        "file_hash": found.file_hash,
        "header_row": details.get("header_row"),
        "columns": details.get("columns", []),
        "fates": details.get("fates", {}),
    }
    if json_out:
        options.print_json(record)
        return
    _echo(
        f"batch {found.id}: {found.what} from {found.file_name}"
        + (f", sheet {found.sheet!r}" if found.sheet else "")
        + f", {found.row_count} rows, at {found.at:%Y-%m-%d %H:%M} UTC by {found.actor}"
    )
    if found.undoes_id:
        _echo(f"  undoes batch {found.undoes_id}")
    columns = record["columns"]
    if not isinstance(columns, list) or not columns:
        _echo("  (no column accounting: the batch was imported before it was recorded)")
        return
    _echo(f"  header in row {record['header_row']}; columns:")
    for column in columns:
        field, how = column.get("field"), column.get("how")
        if field:
            shown = f"{field} ({'--map' if how == 'map' else how})"
        elif column.get("by"):
            shown = f"left out ({'--map' if column['by'] == 'map' else 'saved mapping'})"
        elif column.get("same_as"):
            shown = f"ignored ({column['same_as']} is another column)"
        else:
            shown = "ignored" + (f" (looks like {column['looks']})" if column.get("looks") else "")
        _echo(f"    {column.get('column', ''):<3} {column.get('header', '')!r}: {shown}")
    fates = record["fates"]
    if isinstance(fates, dict) and fates:
        from importers.wording import fates_text

        _echo("  " + fates_text(fates, committed=True))


@import_app.command("undo")
def import_undo(
    ctx: typer.Context,
    batch: int = typer.Argument(
        ...,
        metavar="BATCH",
        parser=options.number_parser("BATCH"),
        help="The batch to undo (see import list).",
    ),
    reason: str = typer.Option(..., "--reason", help="Why; kept with each reversing entry."),
) -> None:
    """Undo a contributions batch: each of its entries gets a reversing entry."""
    from importers.batches import undo

    done = undo(options.state(ctx).ledger(), batch, reason=reason)
    typer.echo(f"Undid batch {batch} as batch {done.id}: {done.row_count} entries reversed")
