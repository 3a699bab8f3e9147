"""Money coming in: ``payments import/list/assign/dismiss``, ``member ogm`` and
``cluster account add``.

A statement file (CODA or camt.053/054) is a dry run without ``--commit``: what would
be booked, returned and queued is shown, nothing is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tui.cli import options
from tui.cli.progress import Progress

if TYPE_CHECKING:
    from ledger.payments.views import PaymentRow

payments_app = typer.Typer(
    help="Bank statements in (CODA, camt.053/054): import, list, assign, dismiss.",
    no_args_is_help=True,
)
account_app = typer.Typer(help="The cluster's bank accounts: add, list.", no_args_is_help=True)
LONG = 50  # statements in a file from which an import shows a progress bar


@payments_app.command("import")
def payments_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="A CODA file or camt.053/054 XML."),
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    account: str | None = typer.Option(
        None, "--account", help="The IBAN the file must be for (else any of the cluster's)."
    ),
    commit: bool = typer.Option(False, "--commit", help="Write. Without it: a dry run."),
) -> None:
    """Import a bank statement file: match each credit to a member and year, book it."""
    from importers.statements.run import import_statements
    from ledger.money import format_eur

    with Progress("Booking statements", at_least=LONG) as progress:
        result = import_statements(
            options.state(ctx).ledger(),
            file,
            cluster,
            account=account,
            commit=commit,
            progress=progress,
        )
    found = result.file
    typer.echo(f"{found.name}: {found.format}, {len(found.statements)} statement(s)")
    for outcome in result.outcomes:
        if outcome.already is not None:
            typer.echo(f"  statement {outcome.number}: already imported; nothing to add")
            continue
        parts = [
            f"{outcome.movements} movements",
            f"{outcome.booked} booked ({format_eur(outcome.booked_cents)})",
            f"{outcome.returned} returned",
            f"{outcome.queued} queued",
        ]
        if outcome.duplicates:
            parts.append(f"{outcome.duplicates} already imported from another statement")
        typer.echo(f"  statement {outcome.number}: " + " · ".join(parts))
        for year in sorted(outcome.locked):
            typer.echo(
                f"  ! {year} is locked: its payments wait in the queue; reopen the year, "
                "then 'payments assign'"
            )
    if not commit:
        typer.echo("Dry run: nothing written; add --commit to book these statements")
        return
    booked, returned, queued = (result.total(k) for k in ("booked", "returned", "queued"))
    if not (booked or returned or queued):
        typer.echo("Nothing new to book")
        return
    said = []
    if booked:
        said.append(f"Booked {booked} payments ({format_eur(result.total('booked_cents'))})")
    if returned:
        said.append(f"reversed {returned} returned payments")
    line = ", ".join(said)
    line = line[:1].upper() + line[1:]
    if queued:
        waiting = f"{queued} wait in the queue: see 'payments list --unmatched'"
        line = f"{line}; {waiting}" if line else waiting[:1].upper() + waiting[1:]
    typer.echo(line)


def _reason(row: PaymentRow) -> str:
    from ledger.words import say

    if row.state == "dismissed":
        return f"dismissed: {row.facts.get('reason')}"
    if row.state == "duplicate":
        return f"same as payment {row.facts.get('of')}"
    if row.state == "bundle":
        return f"bundle of {row.facts.get('count')} payments, booked one by one"
    if row.state == "debit":
        return "money out; no contribution"
    return say(row.code, "en", **row.facts) if row.code else ""


@payments_app.command("list")
def payments_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    unmatched: bool = typer.Option(False, "--unmatched", help="Only the unmatched queue."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the movements of the imported statements and what became of each."""
    from ledger import identifiers, queries
    from ledger.money import format_eur, format_plain
    from ledger.payments.views import list_payments

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        rows = list_payments(found, session=session, unmatched=unmatched)
    if json_out:
        options.print_json(
            [
                {
                    "id": r.id,
                    "statement": r.statement,
                    "file": r.file_name,
                    "line": r.line,
                    "date": r.booking_date,
                    "amount": format_plain(r.amount_cents),
                    "payer": r.counterparty,
                    "iban": r.counterparty_iban,
                    "communication": r.communication,
                    "state": r.state,
                    "kbo": r.kbo,
                    "year": r.year,
                    "entry": r.entry,
                    "reason": _reason(r),
                }
                for r in rows
            ]
        )
        return
    from tui.cli.tables import render_table

    table = [
        (
            r.id,
            r.booking_date,
            format_eur(r.amount_cents),
            r.counterparty or "",
            r.communication or "",
            r.state,
            identifiers.format_number(r.kbo) if r.kbo else "",
            r.year or "",
            _reason(r),
        )
        for r in rows
    ]
    headers = ("id", "date", "amount", "payer", "communication", "state", "member", "year", "why")
    typer.echo(render_table(headers, table, right={0, 2}))
    what = "waiting in the queue" if unmatched else "movements"
    typer.echo(f"\n{len(rows)} {what}")


@payments_app.command("assign")
def payments_assign(
    ctx: typer.Context,
    movement: int = typer.Argument(
        ..., metavar="ID", parser=options.number_parser("ID"), help="The payment (see list)."
    ),
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    kbo: str = typer.Option(..., "--kbo", help="The member it pays for."),
    year: int = typer.Option(..., "--year", parser=options.year_parser(), help="Program year."),
    remember: bool = typer.Option(
        True, "--remember/--no-remember", help="Match this payer's account to the member next time."
    ),
) -> None:
    """Book a waiting payment as a member's contribution for a year."""
    from ledger import queries
    from ledger.money import format_eur
    from ledger.payments.actions import assign

    number = options.kbo(kbo)
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        match = assign(tx, found, movement, kbo=number, year=year, remember=remember)
        entry = queries.get_contribution(match.contribution_id, session=tx.session)
    typer.echo(
        f"Booked payment {movement} as contribution {entry.id}: "
        f"{format_eur(entry.amount_cents)} of {options.kbo_text(number)} for {year}"
    )


@payments_app.command("dismiss")
def payments_dismiss(
    ctx: typer.Context,
    movement: int = typer.Argument(
        ..., metavar="ID", parser=options.number_parser("ID"), help="The payment (see list)."
    ),
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    reason: str = typer.Option(..., "--reason", help="What it is instead (a sponsor, an event)."),
) -> None:
    """Take a payment out of the queue: it is no contribution."""
    from ledger import queries
    from ledger.payments.actions import dismiss

    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        dismiss(tx, found, movement, reason=reason)
    typer.echo(f"Dismissed payment {movement}: {reason.strip()}")


def member_ogm(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(..., "--year", parser=options.year_parser(), help="Program year."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The structured communication each member quotes to pay a year's contribution."""
    from ledger import identifiers, queries
    from ledger.money import format_eur, format_plain
    from ledger.payments.views import member_ogms

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        rows = member_ogms(found, year, session=session)
    if json_out:
        options.print_json(
            [
                {
                    "kbo": r.kbo,
                    "name": r.name,
                    "ogm": r.ogm,
                    "amount": None if r.expected_cents is None else format_plain(r.expected_cents),
                }
                for r in rows
            ]
        )
        return
    from tui.cli.tables import render_table

    def request(expected: int | None, ogm: str) -> str:
        if expected is None:
            return f"pay with communication {ogm}"
        return f"pay {format_eur(expected)} with communication {ogm}"

    table = [
        (identifiers.format_number(r.kbo), r.name, r.ogm, request(r.expected_cents, r.ogm))
        for r in rows
    ]
    typer.echo(render_table(("enterprise no.", "name", "communication", "request"), table))
    typer.echo(f"\n{len(rows)} members active in {year}")


@account_app.command("add")
def account_add(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    iban: str = typer.Option(..., "--iban", help="The account's IBAN, e.g. BE68 5390 0754 7034."),
) -> None:
    """Record a bank account of the cluster: its statements can then be imported."""
    from stdnum import iban as stdnum_iban

    from ledger import queries
    from ledger.payments.actions import add_account

    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        account = add_account(tx, found, iban=iban)
    typer.echo(f"Added account {stdnum_iban.format(account.iban)} to {cluster}")


@account_app.command("list")
def account_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the cluster's bank accounts."""
    from stdnum import iban as stdnum_iban

    from ledger import queries
    from ledger.payments.views import list_accounts

    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        accounts = list_accounts(found, session=session)
    if json_out:
        options.print_json([{"iban": a.iban, "added": a.at} for a in accounts])
        return
    for account in accounts:
        typer.echo(stdnum_iban.format(account.iban))
    if not accounts:
        typer.echo(f"No accounts yet; add one with 'cluster account add --cluster {cluster!r}'")
