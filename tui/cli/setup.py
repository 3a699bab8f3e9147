"""Setting up: create the ledger, list the rule sets, add and list clusters."""

from __future__ import annotations

import typer

from tui.cli import options

rules_app = typer.Typer(help="Rule sets: the terms of the call that approved a cluster.")
cluster_app = typer.Typer(help="Clusters: add and list.")


def init(ctx: typer.Context) -> None:
    """Create the ledger database, or upgrade an older one to this version's schema."""
    state = options.state(ctx)
    ledger = state.ledger(create=True)
    from ledger.storage.database import describe

    typer.echo(f"Ledger ready at {describe(ledger.engine)}")


@rules_app.command("list")
def rules_list(json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show the rule sets: shipped ones and those in the user's rules folder."""
    from ledger.money import format_eur, format_plain
    from ledger.rules import load_rule_sets, user_rules_dir

    rule_sets = load_rule_sets()
    if json_out:
        options.print_json(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "annual_cap": format_plain(r.annual_cap_cents),
                    "max_years": r.max_years,
                    "aid_share_of_costs": str(r.aid_share_of_costs),
                    "matching_ratio": str(r.matching_ratio),
                    "counted_kinds": sorted(k.value for k in r.counted_kinds),
                    "min_flemish_enterprises_with_mandate": r.min_flemish_enterprises_with_mandate,
                    "deadlines": {d.name: d.at.isoformat() for d in r.deadlines},
                    "source": r.source,
                }
                for r in rule_sets.values()
            ]
        )
        return
    from tui.cli.tables import render_table

    rows = [
        (
            r.id,
            r.name,
            format_eur(r.annual_cap_cents),
            r.max_years,
            f"{r.aid_share_of_costs:.0%}",
            f"1:{r.matching_ratio.normalize()}",
            r.min_flemish_enterprises_with_mandate or "-",
            ", ".join(f"{d.name} {d.at:%Y-%m-%d %H:%M}" for d in r.deadlines) or "-",
        )
        for r in rule_sets.values()
    ]
    headers = ("id", "name", "annual cap", "years", "of costs", "match", "mandates", "deadlines")
    typer.echo(render_table(headers, rows, right={2, 3, 4, 6}))
    typer.echo(f"\nAdd your own rule set as a .toml file in {user_rules_dir()}")


@cluster_app.command("add")
def cluster_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The cluster's name, unique in the ledger."),
    rules: str = typer.Option(..., "--rules", help="Rule set id (see 'rules list')."),
    start_year: int = typer.Option(
        ...,
        "--start-year",
        parser=options.number_parser("--start-year"),
        help="First program year.",
    ),
    kbo: str | None = typer.Option(
        None, "--kbo", help="The cluster organisation's enterprise number."
    ),
) -> None:
    """Add a cluster bound to the rule set of the call that approved it."""
    from ledger import operations

    number = options.kbo(kbo) if kbo else None
    with options.state(ctx).ledger().write() as tx:
        cluster = operations.add_cluster(
            tx, name=name, rule_set_id=rules, start_year=start_year, kbo=number
        )
    typer.echo(f"Added cluster {cluster.name} ({cluster.rule_set}, from {cluster.start_year})")


@cluster_app.command("list")
def cluster_list(
    ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """List the clusters in the ledger."""
    from ledger import identifiers, queries

    with options.state(ctx).ledger().read() as session:
        clusters = queries.list_clusters(session=session)
    if json_out:
        options.print_json(
            [
                {"name": c.name, "rule_set": c.rule_set, "start_year": c.start_year, "kbo": c.kbo}
                for c in clusters
            ]
        )
        return
    if not clusters:
        typer.echo("No clusters yet. Add one with 'cluster-ledger cluster add NAME --rules ID'.")
        return
    from tui.cli.tables import render_table

    rows = [
        (c.name, c.rule_set, c.start_year, identifiers.format_number(c.kbo) if c.kbo else "")
        for c in clusters
    ]
    typer.echo(render_table(("name", "rule set", "start", "enterprise number"), rows))
