"""A project's partners and a cluster's themes, on the command line."""

from __future__ import annotations

from typing import Any

import typer

from ledger.errors import InputError
from tui.cli import options
from tui.cli.project_options import ID_HELP, ROLES, cleared, money_option, parse_role_option

partner_app = typer.Typer(help="A project's partners: add, update, remove.")
theme_app = typer.Typer(help="A cluster's strategic themes (roadmap lines) its projects fit.")


def _party_options(kbo: str | None, country: str | None) -> tuple[str | None, str | None]:
    from ledger.project_terms import parse_country

    number = options.kbo(kbo) if kbo else None
    land = options.parsed("--country", parse_country, country) if country else None
    return number, land


@partner_app.command("add")
def partner_add(
    ctx: typer.Context,
    project_id: int = typer.Option(
        ..., "--project", parser=options.number_parser("--project"), help=ID_HELP
    ),
    role: str = typer.Option(..., "--role", help=f"Its role: {ROLES}."),
    kbo: str | None = typer.Option(
        None, "--kbo", help="Enterprise number (a member of the cluster or not)."
    ),
    name: str | None = typer.Option(
        None, "--name", help="Name (needed for a company the ledger does not know, or abroad)."
    ),
    country: str | None = typer.Option(
        None, "--country", help="Two-letter country code of a partner abroad (NL, DE, FR...)."
    ),
    budget: str | None = typer.Option(None, "--budget", help="Its share of the budget in euros."),
    aid: str | None = typer.Option(None, "--aid", help="Its share of the aid in euros."),
) -> None:
    """Add a partner to a project: a company by enterprise number, or one abroad (or
    without a Belgian number) by --name and --country."""
    from ledger import operations

    partner_role = parse_role_option(role)
    number, land = _party_options(kbo, country)
    shares = {"budget": money_option(budget, "--budget"), "aid": money_option(aid, "--aid")}
    with options.state(ctx).ledger().write() as tx:
        partner = operations.add_partner(
            tx, project_id, role=partner_role, kbo=number, name=name, country=land, **shares
        )
    who = f"{partner.name} ({options.kbo_text(partner.kbo)})" if partner.kbo else partner.name
    if not partner.kbo:
        who += f", {partner.country}"
    typer.echo(f"Added {who} to project {project_id} as {partner.role} (partner {partner.id})")


@partner_app.command("update")
def partner_update(
    ctx: typer.Context,
    project_id: int = typer.Option(
        ..., "--project", parser=options.number_parser("--project"), help=ID_HELP
    ),
    partner_id: int = typer.Option(
        ...,
        "--partner",
        parser=options.number_parser("--partner"),
        help="The partner's id (see 'project show').",
    ),
    role: str | None = typer.Option(None, "--role", help=f"Another role: {ROLES}."),
    name: str | None = typer.Option(None, "--name", help="A corrected name."),
    budget: str | None = typer.Option(
        None, "--budget", help="Its share of the budget ('none' clears)."
    ),
    aid: str | None = typer.Option(None, "--aid", help="Its share of the aid ('none' clears)."),
) -> None:
    """Change a partner's role, name or shares."""
    from ledger import operations
    from ledger.operations.projects import KEEP

    def money(value: str | None, option: str) -> Any:
        return KEEP if value is None else (None if cleared(value) else money_option(value, option))

    changes = {
        "role": KEEP if role is None else parse_role_option(role),
        "name": KEEP if name is None else name,
        "budget": money(budget, "--budget"),
        "aid": money(aid, "--aid"),
    }
    if all(v is KEEP for v in changes.values()):
        raise InputError(
            "nothing to change; give --role, --name, --budget or --aid", location="--partner"
        )
    with options.state(ctx).ledger().write() as tx:
        partner = operations.update_partner(tx, project_id, partner_id, **changes)
    typer.echo(f"Updated partner {partner.id} of project {project_id}")


@partner_app.command("remove")
def partner_remove(
    ctx: typer.Context,
    project_id: int = typer.Option(
        ..., "--project", parser=options.number_parser("--project"), help=ID_HELP
    ),
    partner_id: int = typer.Option(
        ..., "--partner", parser=options.number_parser("--partner"), help="The partner's id."
    ),
    reason: str = typer.Option(..., "--reason", help="Why; kept in the audit trail."),
) -> None:
    """Take a partner off a project (added by mistake, or it left the consortium)."""
    from ledger import operations

    with options.state(ctx).ledger().write() as tx:
        partner = operations.remove_partner(tx, project_id, partner_id, reason=reason)
    typer.echo(f"Removed {partner.name} (partner {partner.id}) from project {project_id}")


@theme_app.command("add")
def theme_add(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="The spearhead cluster's name."),
    name: str = typer.Option(..., "--name", help="The theme or roadmap line."),
) -> None:
    """Add a strategic theme (a roadmap line) to the cluster's list."""
    from ledger import operations, queries

    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        theme = operations.add_theme(tx, found, name=name)
    typer.echo(f"{found.name} lists the theme {theme.name!r}")


@theme_app.command("list")
def theme_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the cluster's strategic themes."""
    from ledger import projects, queries

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        names = projects.themes(found, session=session)
    if json_out:
        options.print_json(names)
        return
    for name in names:
        typer.echo(name)
    if not names:
        typer.echo(f"{found.name} lists no themes yet; add one with 'project theme add'")
