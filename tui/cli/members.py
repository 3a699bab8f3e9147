"""Members: add a company to a cluster, change its details, record leaving and mandates."""

from __future__ import annotations

from datetime import date

import typer

from tui.cli import options

member_app = typer.Typer(help="Members: add, update, leave, mandate, list, fees.")


@member_app.command("add")
def member_add(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number, e.g. 0123.456.749."),
    name: str = typer.Option(..., "--name", help="Company name."),
    postcode: str = typer.Option(..., "--postcode", help="Belgian postcode of the seat."),
    kind: str = typer.Option(
        "enterprise",
        "--kind",
        help="enterprise (onderneming), knowledge_institution (kennisinstelling), "
        "public_body (overheid) or other (andere).",
    ),
    region: str | None = typer.Option(
        None,
        "--region",
        help="Override the region the postcode gives (flanders, brussels, wallonia).",
    ),
    joined: str | None = typer.Option(
        None, "--joined", help="Date joined (2026-01-31 or 31/01/2026)."
    ),
    left: str | None = typer.Option(None, "--left", help="Date left."),
    mandate: str | None = typer.Option(None, "--mandate", help="Date the mandate was given."),
) -> None:
    """Add a company as a member of a cluster (the company is created or updated)."""
    from ledger import operations, queries

    member_kind = options.kind(kind)
    override = options.region(region) if region else None
    number = options.kbo(kbo)
    dates = {
        "joined": options.day(joined, "--joined"),
        "left": options.day(left, "--left"),
        "mandate": options.day(mandate, "--mandate"),
    }
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.add_member(
            tx,
            found,
            kbo=number,
            name=name,
            postcode=postcode,
            kind=member_kind,
            region_override=override,
            **dates,
        )
    typer.echo(f"Added {name.strip()} ({options.kbo_text(number)}) to {cluster}")


@member_app.command("update")
def member_update(
    ctx: typer.Context,
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number of the company to change."),
    name: str | None = typer.Option(None, "--name", help="New company name."),
    postcode: str | None = typer.Option(None, "--postcode", help="New postcode."),
    kind: str | None = typer.Option(None, "--kind", help="New kind (see 'member add --help')."),
    region: str | None = typer.Option(
        None, "--region", help="Region override; 'postcode' removes it so the postcode decides."
    ),
) -> None:
    """Change a company's name, postcode, kind or region (in every cluster it belongs to)."""
    from ledger import operations

    member_kind = options.kind(kind) if kind else None
    clear = region is not None and region.strip().lower() == "postcode"
    override = options.region(region) if region and not clear else None
    with options.state(ctx).ledger().write() as tx:
        company = operations.update_company(
            tx,
            kbo=options.kbo(kbo),
            name=name,
            postcode=postcode,
            kind=member_kind,
            region_override=override,
            clear_region_override=clear,
        )
    typer.echo(f"Updated {company.name} ({options.kbo_text(company.kbo)})")


@member_app.command("leave")
def member_leave(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number."),
    when: str = typer.Option(..., "--date", help="Date the membership ends."),
) -> None:
    """End a membership on a date; the member still counts for that year."""
    day = _membership_date(ctx, cluster, kbo, when, "leave")
    typer.echo(f"Membership ends on {day.isoformat()}")


@member_app.command("mandate")
def member_mandate(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number."),
    when: str = typer.Option(..., "--date", help="Date the mandate was given."),
) -> None:
    """Record the date a member mandated the cluster organisation."""
    day = _membership_date(ctx, cluster, kbo, when, "mandate")
    typer.echo(f"Mandate recorded on {day.isoformat()}")


def _membership_date(ctx: typer.Context, cluster: str, kbo: str, when: str, what: str) -> date:
    """Record a leaving or mandate date: the two differ only in the operation they call."""
    from ledger import operations, queries

    day = options.day(when, "--date")
    assert day is not None
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        if what == "leave":
            operations.leave(tx, found, kbo=options.kbo(kbo), left=day)
        else:
            operations.record_mandate(tx, found, kbo=options.kbo(kbo), mandate=day)
    return day
