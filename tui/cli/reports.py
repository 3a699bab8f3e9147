"""Workbooks out: ``export`` writes the annual report or the overview, ``verify-report``
ties a report to the ledger."""

from __future__ import annotations

from pathlib import Path

import typer

from ledger.errors import InputError
from tui.cli import options


def export(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int | None = typer.Option(
        None,
        "--year",
        parser=options.number_parser("--year"),
        help="The program year to report on.",
    ),
    overview: bool = typer.Option(
        False, "--overview", help="Every program year in one overview, instead of one year."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="The workbook to write (.xlsx)."),
    lang: str = typer.Option("nl", "--lang", help="Language of the labels: nl or en."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
) -> None:
    """Write the annual Excel report of a cluster-year, or the multi-year overview."""
    from ledger import queries
    from ledger.files import origin_of_engine
    from ledger.report.annual import write_annual
    from ledger.report.labels import labels
    from ledger.report.overview import write_overview
    from ledger.report.write import check_output
    from ledger.text import clean_text

    name = options.parsed(
        "--cluster", lambda t: clean_text(t, what="cluster name", max_length=200), cluster
    )
    if overview == (year is not None):
        raise InputError("give either --year Y or --overview", location="--year")
    options.parsed("--lang", labels, lang)
    ledger = options.state(ctx).ledger()
    check_output(output, force=force, origin=origin_of_engine(ledger.engine))
    with ledger.read() as session:
        found = queries.get_cluster(name, session=session)
        if overview:
            written = write_overview(session, found, output, lang=lang, force=force)
            what = "overview"
        else:
            assert year is not None
            written = write_annual(session, found, year, output, lang=lang, force=force)
            what = f"{year}"
    entries = f"{written.entries} entr{'y' if written.entries == 1 else 'ies'}"
    typer.echo(
        f"Wrote {options.shown(written.path)} ({options.shown(found.name)}, {what}; {entries}; "
        f"checksum {written.checksum[:16]}...)"
    )


def verify_report(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A workbook written by 'export'."),
) -> None:
    """Check that a report matches the ledger as it is now (exit 1 if not)."""
    from ledger.report.verify import verify_report as verify

    with options.state(ctx).ledger().read() as session:
        verdict = verify(file, session=session)
    shown = Path(options.shown(file))
    if verdict.ok:
        typer.echo(verdict.describe(shown))
        return
    typer.echo(verdict.describe(shown), err=True)
    raise typer.Exit(1)
