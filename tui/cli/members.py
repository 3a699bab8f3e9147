"""Members: add a company to a cluster, change its details, record leaving and mandates."""

from __future__ import annotations

import typer

from ledger.errors import InputError
from tui.cli import options
from tui.cli.project_views import project_data, project_lines

member_app = typer.Typer(help="Members: add, update, leave, mandate, show, list, fees.")


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
    name: str | None = typer.Option(None, "--name", help="New company name (a correction)."),
    postcode: str | None = typer.Option(None, "--postcode", help="New postcode."),
    kind: str | None = typer.Option(None, "--kind", help="New kind (see 'member add --help')."),
    region: str | None = typer.Option(
        None, "--region", help="Region override; 'postcode' removes it so the postcode decides."
    ),
    valid_from: str | None = typer.Option(
        None,
        "--from",
        help="The day a new postcode, kind or region takes effect (default: today); "
        "earlier years keep what they had.",
    ),
) -> None:
    """Change a company's name, postcode, kind or region (in every cluster it belongs to).

    The postcode, kind and region decide figures, so they change from a day on (--from)
    and a change that would move the figures of a locked year is refused. A name
    correction changes no figure and is always free.
    """
    from ledger import operations

    member_kind = options.kind(kind) if kind else None
    clear = region is not None and region.strip().lower() == "postcode"
    override = options.region(region) if region and not clear else None
    day = options.day(valid_from, "--from")
    with options.state(ctx).ledger().write() as tx:
        company = operations.update_company(
            tx,
            kbo=options.kbo(kbo),
            name=name,
            postcode=postcode,
            kind=member_kind,
            region_override=override,
            clear_region_override=clear,
            valid_from=day,
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
    from ledger import operations, queries

    day = options.day(when, "--date")
    assert day is not None
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.leave(tx, found, kbo=options.kbo(kbo), left=day)
    typer.echo(f"Membership ends on {day.isoformat()}")


@member_app.command("mandate")
def member_mandate(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number."),
    when: str = typer.Option(
        ..., "--date", help="Date the mandate was given (or, with --withdraw, withdrawn)."
    ),
    replace: bool = typer.Option(
        False, "--replace", help="Correct the date of the mandate on record (needs --reason)."
    ),
    withdraw: bool = typer.Option(
        False, "--withdraw", help="The enterprise withdrew its mandate on --date."
    ),
    reason: str | None = typer.Option(None, "--reason", help="Why the date is corrected."),
) -> None:
    """Record a mandate given to the cluster organisation, a withdrawal, or a correction.

    A member holds one mandate at a time: recording another while one is held is
    refused unless it says what it is (--replace with a reason, or --withdraw first).
    Every mandate, withdrawal and correction stays in the member's history.
    """
    from ledger import operations, queries

    day = options.day(when, "--date")
    assert day is not None
    if replace and withdraw:
        raise InputError("--replace and --withdraw exclude each other", location="--withdraw")
    if replace and not (reason or "").strip():
        raise InputError(
            "a correction needs its reason: add --reason 'why the date was wrong'",
            location="--reason",
        )
    if reason is not None and not replace:
        raise InputError("--reason goes with --replace", location="--reason")
    number = options.kbo(kbo)
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        if replace:
            operations.correct_mandate(tx, found, kbo=number, mandate=day, reason=reason or "")
        elif withdraw:
            operations.withdraw_mandate(tx, found, kbo=number, withdrawn=day)
        else:
            operations.record_mandate(tx, found, kbo=number, mandate=day)
    if replace:
        typer.echo(f"Mandate date corrected to {day.isoformat()}")
    elif withdraw:
        typer.echo(f"Mandate withdrawn on {day.isoformat()}")
    else:
        typer.echo(f"Mandate recorded on {day.isoformat()}")


@member_app.command("show")
def member_show(
    ctx: typer.Context,
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number."),
    cluster: str | None = typer.Option(None, "--cluster", help="Only this cluster's membership."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """A company's history: every dated fact with the days it holds, every change of its
    memberships and mandates, each with the audit event that recorded it."""
    from ledger.company_record import company_record
    from ledger.projects import company_projects

    number = options.kbo(kbo)
    with options.state(ctx).ledger().read() as session:
        record = company_record(number, session=session, cluster=cluster)
        taking_part = [
            p for p in company_projects(number, session=session) if cluster in (None, p.cluster)
        ]
    if json_out:
        from dataclasses import asdict

        options.print_json({**asdict(record), "projects": project_data(taking_part)})
        return
    from tui.cli.history_text import render_record

    typer.echo(render_record(record) + project_lines(taking_part))
