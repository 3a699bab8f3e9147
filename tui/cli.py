"""The ``cluster-ledger`` command line: thin Typer commands over ``ledger``.

Each command parses its options, opens the ledger, calls one operation or query,
and prints. Errors a user can cause (:class:`~ledger.errors.LedgerError`) are caught
in one place, :class:`LedgerGroup`, and printed as a single line on stderr with exit
status 1; usage mistakes exit 2 (Typer's own); anything else is a bug and keeps
its traceback.

Example::

    cluster-ledger --db demo.sqlite init
    cluster-ledger --db demo.sqlite cluster add "Circular Plastics" --rules ibn-2026 --start-year 2026
"""

from __future__ import annotations

import json
import sys
import traceback
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ledger.errors import InputError, LedgerError

PROG = "cluster-ledger"


class LedgerGroup(TyperGroup):
    """Turns a user's mistake into one line on stderr and exit status 1, wherever it is raised."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LedgerError as exc:
            typer.echo(f"{PROG}: error: {exc}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=LedgerGroup,
    help="Membership and co-financing ledger for Flemish innovation clusters.",
    pretty_exceptions_show_locals=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)
rules_app = typer.Typer(help="Rule sets: the terms of the call that approved a cluster.")
cluster_app = typer.Typer(help="Clusters: add and list.")
member_app = typer.Typer(help="Members: add, leave, mandate, list.")
contribution_app = typer.Typer(help="Contributions: record, reverse, list.")
costs_app = typer.Typer(help="Coordination costs per year.")
year_app = typer.Typer(help="Close a year (lock) or reopen it with a reason.")
for sub, name in (
    (rules_app, "rules"),
    (cluster_app, "cluster"),
    (member_app, "member"),
    (contribution_app, "contribution"),
    (costs_app, "costs"),
    (year_app, "year"),
):
    app.add_typer(sub, name=name)


@dataclass
class State:
    db: str | None

    def target(self) -> str:
        """The database the user chose, or the default file in the data directory."""
        if self.db:
            return self.db
        from ledger.storage.location import default_database_path

        return str(default_database_path())

    def ledger(self, *, create: bool = False):  # type: ignore[no-untyped-def]
        from ledger.session import Ledger

        return Ledger.open(self.target(), create=create, origin="cli")


def _state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State) if ctx.obj is None else ctx.obj


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="CLUSTER_LEDGER_DB",
        help="SQLite file or database URL (postgresql://...). Default: ledger.sqlite in the "
        "user data directory.",
        show_default=False,
    ),
) -> None:
    """Membership and co-financing ledger for Flemish innovation clusters."""
    ctx.obj = State(db=db)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


# --- parsing options ---------------------------------------------------------------


def _amount(text: str, option: str = "--amount") -> Decimal:
    from ledger.money import parse_amount

    try:
        return parse_amount(text)
    except InputError as exc:
        raise InputError(exc.message, location=option) from None


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    from ledger.dates import parse_date

    try:
        return parse_date(text)
    except InputError as exc:
        raise InputError(exc.message, location=option) from None


def _kbo(text: str, option: str = "--kbo") -> str:
    from ledger import identifiers

    try:
        return identifiers.validate(text)
    except InputError as exc:
        raise InputError(exc.message, location=option) from None


def kbo_text(number: str) -> str:
    from ledger.identifiers import format_number

    return format_number(number)


def _print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


# --- init, rules, clusters -----------------------------------------------------------


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the ledger database, or upgrade an older one to this version's schema."""
    state = _state(ctx)
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
        _print_json(
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
    from tui.tables import render_table

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
    start_year: int = typer.Option(..., "--start-year", help="First program year."),
    kbo: str | None = typer.Option(
        None, "--kbo", help="The cluster organisation's enterprise number."
    ),
) -> None:
    """Add a cluster bound to the rule set of the call that approved it."""
    from ledger import operations

    number = _kbo(kbo) if kbo else None
    with _state(ctx).ledger().write() as tx:
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

    with _state(ctx).ledger().read() as session:
        clusters = queries.list_clusters(session=session)
    if json_out:
        _print_json(
            [
                {"name": c.name, "rule_set": c.rule_set, "start_year": c.start_year, "kbo": c.kbo}
                for c in clusters
            ]
        )
        return
    if not clusters:
        typer.echo("No clusters yet. Add one with 'cluster-ledger cluster add NAME --rules ID'.")
        return
    from tui.tables import render_table

    rows = [
        (c.name, c.rule_set, c.start_year, identifiers.format_number(c.kbo) if c.kbo else "")
        for c in clusters
    ]
    typer.echo(render_table(("name", "rule set", "start", "enterprise number"), rows))


# --- members ---------------------------------------------------------------------------


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
    from ledger.kinds import parse_kind
    from ledger.regions import parse_region

    try:
        member_kind = parse_kind(kind)
    except InputError as exc:
        raise InputError(exc.message, location="--kind") from None
    try:
        override = parse_region(region) if region else None
    except InputError as exc:
        raise InputError(exc.message, location="--region") from None
    number = _kbo(kbo)
    dates = {
        "joined": _date(joined, "--joined"),
        "left": _date(left, "--left"),
        "mandate": _date(mandate, "--mandate"),
    }
    with _state(ctx).ledger().write() as tx:
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
    typer.echo(f"Added {name.strip()} ({kbo_text(number)}) to {cluster}")


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
    from ledger.kinds import parse_kind
    from ledger.regions import parse_region

    try:
        member_kind = parse_kind(kind) if kind else None
    except InputError as exc:
        raise InputError(exc.message, location="--kind") from None
    clear = region is not None and region.strip().lower() == "postcode"
    try:
        override = parse_region(region) if region and not clear else None
    except InputError as exc:
        raise InputError(exc.message, location="--region") from None
    with _state(ctx).ledger().write() as tx:
        company = operations.update_company(
            tx,
            kbo=_kbo(kbo),
            name=name,
            postcode=postcode,
            kind=member_kind,
            region_override=override,
            clear_region_override=clear,
        )
    typer.echo(f"Updated {company.name} ({kbo_text(company.kbo)})")


@member_app.command("leave")
def member_leave(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number."),
    left: str = typer.Option(..., "--date", help="Date the membership ends."),
) -> None:
    """End a membership on a date; the member still counts for that year."""
    from ledger import operations, queries

    when = _date(left, "--date")
    assert when is not None
    with _state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.leave(tx, found, kbo=_kbo(kbo), left=when)
    typer.echo(f"Membership ends on {when.isoformat()}")


@member_app.command("mandate")
def member_mandate(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="Enterprise number."),
    when: str = typer.Option(..., "--date", help="Date the mandate was given."),
) -> None:
    """Record the date a member mandated the cluster organisation."""
    from ledger import operations, queries

    day = _date(when, "--date")
    assert day is not None
    with _state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.record_mandate(tx, found, kbo=_kbo(kbo), mandate=day)
    typer.echo(f"Mandate recorded on {day.isoformat()}")


@member_app.command("list")
def member_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List a cluster's members with their region, kind and dates."""
    from ledger import identifiers, queries

    with _state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        rows = queries.list_members(found, session=session)
        data = [
            {
                "kbo": c.kbo,
                "name": c.name,
                "postcode": c.postcode,
                "region": queries.effective_region(c).value,
                "kind": c.kind,
                "joined": m.joined,
                "left": m.left,
                "mandate": m.mandate,
            }
            for m, c in rows
        ]
    if json_out:
        _print_json(data)
        return
    from tui.tables import render_table

    table = [
        (
            identifiers.format_number(d["kbo"]),
            d["name"],
            d["postcode"],
            d["region"],
            d["kind"],
            d["joined"],
            d["left"],
            d["mandate"],
        )
        for d in data
    ]
    headers = ("enterprise no.", "name", "postcode", "region", "kind", "joined", "left", "mandate")
    typer.echo(render_table(headers, table))
    typer.echo(f"\n{len(data)} members")


# --- contributions and costs ---------------------------------------------------------------


@contribution_app.command("add")
def contribution_add(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="The member's enterprise number."),
    year: int = typer.Option(..., "--year", help="Program year the contribution is for."),
    amount: str = typer.Option(..., "--amount", help="Euros: 1234.56, 1.234,56 or '€ 1 234,56'."),
    paid: str | None = typer.Option(None, "--paid", help="Date paid."),
    note: str | None = typer.Option(None, "--note", help="Free text."),
) -> None:
    """Record a member's contribution for a year."""
    from ledger import operations, queries
    from ledger.money import format_eur

    value = _amount(amount)
    paid_on = _date(paid, "--paid")
    number = _kbo(kbo)
    with _state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        entry = operations.record_contribution(
            tx, found, kbo=number, year=year, amount=value, paid_on=paid_on, note=note, source="cli"
        )
    typer.echo(f"Recorded contribution {entry.id}: {format_eur(entry.amount_cents)} for {year}")


@contribution_app.command("reverse")
def contribution_reverse(
    ctx: typer.Context,
    entry_id: int = typer.Argument(..., metavar="ID", help="The contribution to reverse."),
    reason: str = typer.Option(
        ..., "--reason", help="Why it is reversed; kept in the audit trail."
    ),
) -> None:
    """Cancel a contribution with a reversing entry (entries are never edited or deleted)."""
    from ledger import operations
    from ledger.money import format_eur

    with _state(ctx).ledger().write() as tx:
        reversal = operations.reverse_contribution(tx, entry_id, reason=reason)
    typer.echo(
        f"Reversed contribution {entry_id} with entry {reversal.id} "
        f"({format_eur(reversal.amount_cents)})"
    )


@contribution_app.command("list")
def contribution_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int | None = typer.Option(None, "--year", help="Only this year."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List contributions, with corrections beside what they reverse."""
    from ledger import identifiers, queries
    from ledger.money import format_eur, format_plain

    with _state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        rows = queries.list_contributions(found, session=session, year=year)
    if json_out:
        _print_json(
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
    from tui.tables import render_table

    def status(r: queries.EntryRow) -> str:
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
    headers = ("id", "year", "enterprise no.", "name", "amount", "paid", "correction", "note")
    typer.echo(render_table(headers, table, right={0, 4}))
    net = sum(r.entry.amount_cents for r in rows)
    typer.echo(f"\n{len(rows)} entries, net {format_eur(net)}")


@costs_app.command("set")
def costs_set(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(..., "--year", help="Program year."),
    amount: str = typer.Option(..., "--amount", help="The year's coordination costs in euros."),
) -> None:
    """Set a year's coordination costs; the aid is at most the rule set's share of them."""
    from ledger import operations, queries
    from ledger.money import format_eur

    value = _amount(amount)
    with _state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        row = operations.set_costs(tx, found, year=year, amount=value)
    typer.echo(f"Coordination costs for {year}: {format_eur(row.amount_cents)}")


# --- summary ------------------------------------------------------------------------------


@app.command()
def summary(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int | None = typer.Option(None, "--year", help="Only this year."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON: a list, one object per year."),
) -> None:
    """Matched aid, headroom, surplus and warnings per year, from the matching rule."""
    from ledger import queries
    from ledger.summary import as_dict, cluster_summaries

    with _state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        if year is not None and year < found.start_year:
            raise InputError(
                f"{year} is before {found.name} started in {found.start_year}", location="--year"
            )
        summaries = cluster_summaries(found, session=session, year=year)
    if json_out:
        _print_json([as_dict(s) for s in summaries])
        return
    from tui.summary_text import render_summary

    typer.echo("\n\n".join(render_summary(s) for s in summaries))


# --- years ------------------------------------------------------------------------------------


@year_app.command("lock")
def year_lock(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(..., "--year", help="The year to close."),
) -> None:
    """Lock a year: no entries, costs or membership dates in it until reopened."""
    from ledger import operations, queries

    with _state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        operations.lock_year(tx, found, year=year)
    typer.echo(f"Locked {year} of {cluster}")


@year_app.command("reopen")
def year_reopen(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(..., "--year", help="The year to reopen."),
    reason: str = typer.Option(
        ..., "--reason", help="Why; kept in the lock history and audit trail."
    ),
) -> None:
    """Reopen a locked year, with a reason."""
    from ledger import operations, queries

    with _state(ctx).ledger().write() as tx:
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
    from tui.tables import render_table

    with _state(ctx).ledger().read() as session:
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


@app.command()
def audit(
    ctx: typer.Context,
    cluster: str | None = typer.Option(None, "--cluster", help="Only this cluster's events."),
    limit: int = typer.Option(50, "--limit", help="Newest events to show."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show the audit trail, newest first: what changed, when, by whom, from where."""
    from ledger import queries

    with _state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session) if cluster else None
        events = queries.audit_trail(session=session, cluster=found, limit=limit)
    if json_out:
        _print_json(
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
    from tui.tables import render_table

    rows = [
        (e.id, f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.origin, e.action, e.details[:80])
        for e in events
    ]
    typer.echo(
        render_table(("id", "at (UTC)", "who", "from", "action", "details"), rows, right={0})
    )


@app.command()
def demo(
    ctx: typer.Context,
    source: Path = typer.Option(
        None,
        "--from",
        help="Folder with the sample spreadsheets. Default: the repository's sample_data/.",
    ),
) -> None:
    """Build a fresh demo ledger from sample_data/ and show its summary."""
    from importers.sample import build_demo_ledger, default_sample_dir
    from ledger import queries
    from ledger.session import Ledger
    from ledger.storage.location import data_dir
    from ledger.summary import cluster_summaries
    from tui.summary_text import render_summary

    state = _state(ctx)
    folder = source or default_sample_dir()
    if state.db:
        target = state.db
        ledger, cluster_name = build_demo_ledger(target, folder)
    else:
        # Build beside the previous demo and swap only when it is complete, so a failed
        # build leaves the last good demo in place.
        final = data_dir() / "demo.sqlite"
        building = final.with_name("demo.sqlite.building")
        building.unlink(missing_ok=True)
        built, cluster_name = build_demo_ledger(str(building), folder)
        built.dispose()
        building.replace(final)
        target = str(final)
        ledger = Ledger.open(target, origin="demo")
    with ledger.read() as session:
        cluster = queries.get_cluster(cluster_name, session=session)
        summaries = cluster_summaries(cluster, session=session)
    typer.echo(f"Demo ledger at {target}\n")
    typer.echo("\n\n".join(render_summary(s) for s in summaries))
    typer.echo(f'\nTry: {PROG} --db {target} member list --cluster "{cluster_name}"')


def main() -> None:
    """Console entry point: a bug (not a user's mistake) prints its traceback and exits 70."""
    try:
        app(prog_name=PROG)
    except Exception:
        traceback.print_exc()
        typer.echo(
            f"{PROG}: internal error: this is a bug in {PROG}, not a mistake in your input; "
            "please report it with the traceback above",
            err=True,
        )
        sys.exit(70)  # EX_SOFTWARE


if __name__ == "__main__":
    main()
