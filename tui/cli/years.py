"""The figures and the history: summary per year, locking and reopening years, the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ledger.dates import LAST_YEAR
from ledger.errors import InputError
from tui.cli import options

year_app = typer.Typer(help="Close a year (lock) or reopen it with a reason.")


def summary(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int | None = typer.Option(
        None, "--year", parser=options.number_parser("--year"), help="Only this year."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON: a list, one object per year."),
    shares: bool = typer.Option(
        False, "--shares", help="Also show each member's share of the aid."
    ),
) -> None:
    """Matched aid, headroom, surplus and warnings per year, from the matching rule."""
    # Read on SQLAlchemy Core, without the ORM session and the table models: most of
    # this short command's time would be spent importing them.
    from ledger.checks.clusters import check_organisation
    from ledger.summary import as_dict, summaries_of
    from ledger.summary_reads import find_cluster

    with options.state(ctx).ledger().connect() as connection:
        found = find_cluster(connection, cluster)
        notes = check_organisation(found.name, found.kbo)
        if year is not None and not found.start_year <= year <= LAST_YEAR:
            raise InputError(
                f"{year} is outside the program of {found.name}, which started in "
                f"{found.start_year}",
                location="--year",
            )
        summaries = summaries_of(connection, found, year=year, with_shares=shares)
    if json_out:
        options.print_json([as_dict(s) for s in summaries])
        return
    from tui.cli.summary_text import render_summary

    typer.echo("\n\n".join(render_summary(s) for s in summaries))
    for note in notes:
        typer.echo(f"{options.PROG}: warning: {note.text()}", err=True)


@year_app.command("lock")
def year_lock(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(
        ..., "--year", parser=options.year_parser(), help="The year to close."
    ),
) -> None:
    """Lock a year: no entries, costs or membership dates in it until reopened."""
    from ledger import operations, queries

    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.lock_year(tx, found, year=year)
    typer.echo(f"Locked {year} of {cluster}")


@year_app.command("reopen")
def year_reopen(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(
        ..., "--year", parser=options.year_parser(), help="The year to reopen."
    ),
    reason: str = typer.Option(
        ..., "--reason", help="Why; kept in the lock history and audit trail."
    ),
) -> None:
    """Reopen a locked year, with a reason."""
    from ledger import operations, queries

    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.reopen_year(tx, found, year=year, reason=reason)
    typer.echo(f"Reopened {year} of {cluster}")


@year_app.command("list")
def year_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
) -> None:
    """Show the lock history of a cluster's years."""
    from ledger import queries
    from tui.cli.tables import render_table

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        events = queries.lock_history(found, session=session)
    if not events:
        typer.echo(f"No year of {cluster} has been locked.")
        return
    rows = [
        (
            e.year,
            "locked" if e.locked else "reopened",
            f"{e.at:%Y-%m-%d %H:%M} UTC",
            e.actor,
            e.reason,
        )
        for e in events
    ]
    typer.echo(render_table(("year", "event", "at", "by", "reason"), rows))


def audit(
    ctx: typer.Context,
    cluster: str | None = typer.Option(
        None,
        "--cluster",
        help="Only this cluster's events, and the changes to its members' companies.",
    ),
    limit: int = typer.Option(
        50,
        "--limit",
        parser=options.number_parser("--limit", low=1, high=10**9),
        help="Newest events to show.",
    ),
    search: str = typer.Option("", "--search", help="Only events about this (a name, a word)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    output: Path | None = typer.Option(
        None, "--output", help="Also write the events to FILE.csv or FILE.xlsx."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
) -> None:
    """Show the audit trail, newest first: what changed, when, by whom, from where."""
    from ledger import queries
    from ledger.lists.audit import audit as audit_list

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session) if cluster else None
        events = [
            r.event
            for r in audit_list(session=session, cluster=found, search=search, limit=limit).rows
        ]
    if output is not None:
        from tui.table_file import write_table

        headers = ["id", "at (UTC)", "who", "from", "action", "details"]
        rows = [[e.id, e.at, e.actor, e.origin, e.action, e.details] for e in events]
        count = write_table(output, headers, rows, force=force, title="Audit")
        typer.echo(f"Wrote {count} rows to {output}", err=True)
    if json_out:
        options.print_json(
            [
                {
                    "id": e.id,
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "origin": e.origin,
                    "action": e.action,
                    "entity": e.entity,
                    "entity_id": e.entity_id,
                    "details": json.loads(e.details),
                }
                for e in events
            ]
        )
        return
    from tui.cli.tables import render_table

    rows = [
        (e.id, f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.origin, e.action, e.details[:80])
        for e in events
    ]
    typer.echo(
        render_table(("id", "at (UTC)", "who", "from", "action", "details"), rows, right={0})
    )
