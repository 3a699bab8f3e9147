"""Setting up: create the ledger, list the rule sets, add and list clusters."""

from __future__ import annotations

import typer

from ledger.errors import InputError
from tui.cli import options

rules_app = typer.Typer(help="Rule sets: the terms of the call that approved a cluster.")
cluster_app = typer.Typer(help="Clusters: add, list, update, and the rule set they keep.")


def init(ctx: typer.Context) -> None:
    """Create the ledger database, or upgrade an older one to this version's schema."""
    state = options.state(ctx)
    ledger = state.ledger(create=True)
    from ledger.storage.database import describe

    typer.echo(f"Ledger ready at {describe(ledger.engine)}")


def _kept_copies(ctx: typer.Context) -> dict[str, list[tuple[str, bool]]]:
    """For each rule set id, the clusters keeping a copy of it, and whether that copy is
    the file's text; nothing when there is no ledger yet."""
    from ledger.errors import DatabaseError
    from ledger.rules import rule_file, text_hash
    from ledger.state import copies_in_use

    try:
        ledger = options.state(ctx).ledger()
    except DatabaseError:
        return {}
    found: dict[str, list[tuple[str, bool]]] = {}
    with ledger.read() as session:
        for name, copy in copies_in_use(session=session):
            path = rule_file(copy.rule_set)
            same = path is not None and text_hash(path.read_text(encoding="utf-8")) == copy.sha256
            found.setdefault(copy.rule_set, []).append((name, same))
    return found


@rules_app.command("list")
def rules_list(
    ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """Show the rule sets: shipped ones and those in the user's rules folder.

    Each cluster keeps the text of its rule set in the ledger; a file that differs from
    the copy a cluster keeps is marked, and changes nothing until the cluster adopts it
    ('cluster rules --adopt').
    """
    from ledger.money import format_eur, format_plain
    from ledger.rules import load_rule_sets, user_rules_dir

    rule_sets = load_rule_sets()
    kept = _kept_copies(ctx)
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
                    "project_types": [t.value for t in r.project_types],
                    "source": r.source,
                    "sha256": r.sha256,
                    "clusters": [
                        {"name": name, "file_matches_kept_copy": same}
                        for name, same in kept.get(r.id, [])
                    ],
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
            ", ".join(t.value for t in r.project_types) or "-",
        )
        for r in rule_sets.values()
    ]
    headers = (
        "id", "name", "annual cap", "years", "of costs", "match", "mandates", "deadlines",
        "projects",
    )  # fmt: skip
    typer.echo(render_table(headers, rows, right={2, 3, 4, 6}))
    differs = [(rid, name) for rid, uses in kept.items() for name, same in uses if not same]
    for rid, name in differs:
        typer.echo(
            f"! {rid}.toml differs from the copy {name} keeps: its figures still come from the "
            f'copy; adopt the file with \'cluster rules --cluster "{name}" --adopt FILE '
            "--from-year Y --reason T'"
        )
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
        notes = operations.cluster_notes(cluster)
    typer.echo(f"Added cluster {cluster.name} ({cluster.rule_set}, from {cluster.start_year})")
    for note in notes:
        typer.echo(f"{options.PROG}: warning: {note.text()}", err=True)


@cluster_app.command("update")
def cluster_update(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(
        ..., "--kbo", help="The cluster organisation's enterprise number (a legal entity)."
    ),
) -> None:
    """Record the enterprise number of the cluster organisation, which receives the aid."""
    from ledger import operations, queries

    number = options.kbo(kbo)
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.update_cluster(tx, found, kbo=number)
    typer.echo(f"{cluster}: cluster organisation {options.kbo_text(number)}")


@cluster_app.command("rules")
def cluster_rules(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    adopt: str | None = typer.Option(
        None, "--adopt", help="A rule-set file (.toml) to adopt for open years."
    ),
    from_year: int | None = typer.Option(
        None,
        "--from-year",
        parser=options.year_parser("--from-year"),
        help="The first year the adopted version applies to (with --adopt).",
    ),
    reason: str | None = typer.Option(None, "--reason", help="Why (with --adopt)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show the rule-set copies a cluster keeps, or adopt a new version for open years.

    Figures come from the copy the ledger keeps, never from the file: an edited or new
    file in the rules folder changes nothing until it is adopted here, from a year on,
    with a reason; a locked year is never touched.
    """
    from pathlib import Path

    from ledger import operations, queries, state

    if adopt is not None:
        if from_year is None:
            raise InputError(
                "--adopt needs --from-year: the first year it applies to", location="--from-year"
            )
        if not (reason or "").strip():
            raise InputError(
                "--adopt needs --reason: why the rule set changes", location="--reason"
            )
        with options.state(ctx).ledger().write() as tx:
            found = queries.get_cluster(cluster, session=tx.session)
            copy = operations.adopt_rules(
                tx, found, path=Path(adopt), from_year=from_year, reason=reason or ""
            )
        typer.echo(
            f"{cluster} uses {copy.rule_set} as in {adopt} (sha256 {copy.sha256[:16]}) from "
            f"{copy.from_year} on"
        )
        return
    if from_year is not None or reason is not None:
        raise InputError("--from-year and --reason go with --adopt", location="--adopt")
    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        copies = state.rule_copies(found.id, session=session).copies  # type: ignore[arg-type]
    data = [{"rule_set": c.rule_set, "from_year": c.from_year, "sha256": c.sha256} for c in copies]
    if json_out:
        options.print_json(data)
        return
    from tui.cli.tables import render_table

    typer.echo(
        render_table(
            ("rule set", "from year", "sha256"),
            [(d["rule_set"], d["from_year"], d["sha256"]) for d in data],
        )
    )


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
