"""Contributions and coordination costs: the entries the matching rule works on."""

from __future__ import annotations

from pathlib import Path

import typer

from tui.cli import options

contribution_app = typer.Typer(help="Contributions: record, reverse, list.")
costs_app = typer.Typer(help="Coordination costs per year, and the fees expected per kind.")
OUTPUT_HELP = "Also write the list to FILE.csv or FILE.xlsx."
ENTRY_HEADERS = ("id", "year", "enterprise no.", "name")


@contribution_app.command("add")
def contribution_add(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="The member's enterprise number."),
    year: int = typer.Option(
        ..., "--year", parser=options.number_parser("--year"), help="Program year it is for."
    ),
    amount: str = typer.Option(..., "--amount", help="Euros: 1234.56, 1.234,56 or '€ 1 234,56'."),
    paid: str | None = typer.Option(None, "--paid", help="Date paid."),
    note: str | None = typer.Option(None, "--note", help="Free text."),
) -> None:
    """Record a member's contribution for a year."""
    from ledger import operations, queries
    from ledger.money import format_eur

    value = options.amount(amount)
    paid_on = options.day(paid, "--paid")
    number = options.kbo(kbo)
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        entry = operations.record_contribution(
            tx, found, kbo=number, year=year, amount=value, paid_on=paid_on, note=note, source="cli"
        )
    typer.echo(f"Recorded contribution {entry.id}: {format_eur(entry.amount_cents)} for {year}")


@contribution_app.command("reverse")
def contribution_reverse(
    ctx: typer.Context,
    entry_id: int = typer.Argument(
        ..., metavar="ID", parser=options.number_parser("ID"), help="The contribution to reverse."
    ),
    reason: str = typer.Option(
        ..., "--reason", help="Why it is reversed; kept in the audit trail."
    ),
) -> None:
    """Cancel a contribution with a reversing entry (entries are never edited or deleted)."""
    from ledger import operations
    from ledger.money import format_eur

    with options.state(ctx).ledger().write() as tx:
        reversal = operations.reverse_contribution(tx, entry_id, reason=reason)
    typer.echo(
        f"Reversed contribution {entry_id} with entry {reversal.id} "
        f"({format_eur(reversal.amount_cents)})"
    )


@contribution_app.command("list")
def contribution_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int | None = typer.Option(
        None, "--year", parser=options.year_parser(), help="Only this year."
    ),
    search: str = typer.Option("", "--search", help="Part of a name or number, or of a note."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    output: Path | None = typer.Option(None, "--output", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
) -> None:
    """List contributions, with corrections beside what they reverse."""
    from ledger import identifiers, queries
    from ledger.lists.entries import EntryRow, entries
    from ledger.money import format_eur, format_plain, from_cents

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        rows = entries(found, session=session, year=year, search=search).rows
    if output is not None:
        from tui.table_file import write_table

        headers = [*ENTRY_HEADERS[:4], "amount", "paid", "reverses", "reversed by", "note"]
        table_rows = [
            [
                r.entry.id,
                r.entry.year,
                r.kbo,
                r.name,
                from_cents(r.entry.amount_cents),
                r.entry.paid_on,
                r.entry.reverses_id,
                r.reversed_by,
                r.entry.note,
            ]
            for r in rows
        ]
        count = write_table(output, headers, table_rows, force=force, title="Entries")
        typer.echo(f"Wrote {count} rows to {output}", err=True)
    if json_out:
        options.print_json(
            [
                {
                    "id": r.entry.id,
                    "year": r.entry.year,
                    "kbo": r.kbo,
                    "name": r.name,
                    "amount": format_plain(r.entry.amount_cents),
                    "paid": r.entry.paid_on,
                    "note": r.entry.note,
                    "source": r.entry.source,
                    "reverses": r.entry.reverses_id,
                    "reversed_by": r.reversed_by,
                }
                for r in rows
            ]
        )
        return
    from tui.cli.tables import render_table

    def status(r: EntryRow) -> str:
        if r.entry.reverses_id:
            return f"reverses {r.entry.reverses_id}"
        return f"reversed by {r.reversed_by}" if r.reversed_by else ""

    table = [
        (
            r.entry.id,
            r.entry.year,
            identifiers.format_number(r.kbo),
            r.name,
            format_eur(r.entry.amount_cents),
            r.entry.paid_on,
            status(r),
            r.entry.note,
        )
        for r in rows
    ]
    headers = (*ENTRY_HEADERS, "amount", "paid", "correction", "note")
    typer.echo(render_table(headers, table, right={0, 4}))
    net = sum(r.entry.amount_cents for r in rows)
    typer.echo(f"\n{len(rows)} entries, net {format_eur(net)}")


@costs_app.command("set")
def costs_set(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(
        ..., "--year", parser=options.number_parser("--year"), help="Program year."
    ),
    amount: str = typer.Option(..., "--amount", help="The year's coordination costs in euros."),
) -> None:
    """Set a year's coordination costs; the aid is at most the rule set's share of them."""
    from ledger import operations, queries
    from ledger.money import format_eur

    value = options.amount(amount)
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        row = operations.set_costs(tx, found, year=year, amount=value)
    typer.echo(f"Coordination costs for {year}: {format_eur(row.amount_cents)}")


@costs_app.command("list")
def costs_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    output: Path | None = typer.Option(None, "--output", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
) -> None:
    """Each program year's coordination costs, the ceiling they give, and the fees expected
    per member kind."""
    from ledger import queries
    from ledger.kinds import MemberKind
    from ledger.lists.costs import costs
    from ledger.money import format_eur, format_plain, from_cents

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        rows = costs(found, session=session).rows
    kinds = [k.value for k in MemberKind]

    def plain(cents: int | None) -> str | None:
        return None if cents is None else format_plain(cents)

    if output is not None:
        from tui.table_file import write_table

        headers = [
            "year",
            "program year",
            "locked",
            "costs",
            "ceiling",
            *(f"fee {k}" for k in kinds),
        ]
        table_rows = [
            [
                r.year,
                r.program_year,
                r.locked,
                None if r.costs_cents is None else from_cents(r.costs_cents),
                from_cents(r.ceiling_share_cents),
                *(from_cents(r.fees[k]) if k in r.fees else None for k in kinds),
            ]
            for r in rows
        ]
        count = write_table(output, headers, table_rows, force=force, title="Costs")
        typer.echo(f"Wrote {count} rows to {output}", err=True)
    if json_out:
        options.print_json(
            [
                {
                    "year": r.year,
                    "program_year": r.program_year,
                    "locked": r.locked,
                    "costs": plain(r.costs_cents),
                    "ceiling": format_plain(r.ceiling_share_cents),
                    "fees": {k: format_plain(v) for k, v in sorted(r.fees.items())},
                }
                for r in rows
            ]
        )
        return
    from tui.cli.tables import render_table

    def eur(cents: int | None) -> str:
        return "not recorded" if cents is None else format_eur(cents)

    table = [
        (
            r.year,
            r.program_year,
            "locked" if r.locked else "open",
            eur(r.costs_cents),
            format_eur(r.ceiling_share_cents),
            *(format_eur(r.fees[k]) if k in r.fees else "" for k in kinds),
        )
        for r in rows
    ]
    headers = ("year", "program year", "state", "costs", "ceiling", *(f"fee {k}" for k in kinds))
    typer.echo(render_table(headers, table, right={3, 4, 5, 6, 7, 8}))
