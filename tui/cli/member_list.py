"""Members listed, and the fees expected of them: who is a member, who has not paid, whose
mandate is still missing (the same lists as the app's Members screen)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer

from ledger.errors import InputError
from tui.cli import options
from tui.cli.members import member_app

UNPAID_HELP = "Only members active in --year who paid nothing, or less than their expected fee."
MANDATE_HELP = (
    "Only the Flemish enterprises active in --year without a mandate held at the year's end "
    "(today, while the year runs), with the count against the rule set's minimum."
)
OUTPUT_HELP = "Also write the list to FILE.csv or FILE.xlsx."
HEADERS = ("enterprise no.", "name", "postcode", "region", "kind", "joined", "left", "mandate")
MONEY = ("paid", "expected", "outstanding")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _money(cents: int | None) -> str | None:
    from ledger.money import format_plain

    return None if cents is None else format_plain(cents)


def _as_dict(row: Any, with_money: bool) -> dict[str, object]:
    data: dict[str, object] = {
        "kbo": row.kbo,
        "name": row.name,
        "postcode": row.postcode,
        "region": row.region,
        "kind": row.kind,
        "joined": row.joined,
        "left": row.left,
        "mandate": row.mandate,
    }
    if with_money:
        data |= {
            "paid": _money(row.paid_cents),
            "expected": _money(row.expected_cents),
            "outstanding": _money(row.outstanding_cents),
        }
    return data


@member_app.command("list")
def member_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int | None = typer.Option(
        None,
        "--year",
        parser=options.year_parser(),
        help="Only members active in this year, with what they paid in it.",
    ),
    unpaid: bool = typer.Option(False, "--unpaid", help=UNPAID_HELP),
    without_mandate: bool = typer.Option(False, "--without-mandate", help=MANDATE_HELP),
    search: str = typer.Option("", "--search", help="Part of a name, a postcode or a number."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    output: Path | None = typer.Option(None, "--output", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
) -> None:
    """List a cluster's members with their region, kind and dates; or, for a year, who has
    not paid and whose mandate is still missing."""
    from ledger import queries, state
    from ledger.lists.members import members, reference_date

    if unpaid and without_mandate:
        raise InputError("choose one of --unpaid and --without-mandate", location="--unpaid")
    flag = "--unpaid" if unpaid else "--without-mandate" if without_mandate else None
    if flag and year is None:
        raise InputError("name the year the list is about with --year", location=flag)
    show = "unpaid" if unpaid else "no-mandate" if without_mandate else "active" if year else "all"
    today = date.today()
    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        listed = members(
            found, session=session, year=year or today.year, today=today, search=search, show=show
        )
        held = 0
        if without_mandate and year is not None:
            held = members(found, session=session, year=year, today=today, show="mandate").total
        assert found.id is not None
        rules = state.rule_copies(found.id, session=session).for_year(year or today.year)
        minimum = rules.min_flemish_enterprises_with_mandate
    data = [_as_dict(r, year is not None) for r in listed.rows]
    if output is not None:
        _write(output, data, force)
    if json_out:
        if without_mandate and year is not None:
            at = reference_date(year, today)
            result = {"year": year, "at": at, "held": held, "minimum": minimum, "members": data}
            options.print_json(result)
        else:
            options.print_json(data)
        return
    _print(data, year is not None)
    if without_mandate and year is not None:
        at = reference_date(year, today).isoformat()
        typer.echo(
            f"\n{_count(len(data), 'Flemish enterprise')} active in {year} "
            f"{'holds' if len(data) == 1 else 'hold'} no mandate on {at}"
        )
        need = max(minimum - held, 0)
        typer.echo(
            f"{held} {'holds' if held == 1 else 'hold'} one, of the {minimum} the rule set asks "
            f"for ({need} more needed)"
            if minimum
            else f"{held} {'holds' if held == 1 else 'hold'} one"
        )
    elif unpaid:
        typer.echo(
            f"\n{_count(len(data), 'member')} active in {year} paid less than expected, or nothing"
        )
    else:
        typer.echo(f"\n{_count(len(data), 'member')}")


def _print(data: list[dict[str, object]], with_money: bool) -> None:
    from decimal import Decimal

    from ledger.identifiers import format_number
    from ledger.money import format_eur, to_cents
    from tui.cli.tables import render_table

    headers = (*HEADERS, *MONEY) if with_money else HEADERS
    table = []
    for d in data:
        row: list[object] = [format_number(str(d["kbo"])), *list(d.values())[1:8]]
        if with_money:
            row.extend(
                "" if d[k] is None else format_eur(to_cents(Decimal(str(d[k])))) for k in MONEY
            )
        table.append(row)
    right = {8, 9, 10} if with_money else set()
    typer.echo(render_table(headers, table, right=right))


def _write(output: Path, data: list[dict[str, object]], force: bool) -> None:
    from decimal import Decimal

    from tui.table_file import write_table

    headers = list(data[0]) if data else list(HEADERS)
    rows = [
        [Decimal(str(v)) if k in MONEY and v is not None else v for k, v in d.items()] for d in data
    ]
    count = write_table(output, headers, rows, force=force, title="Members")
    typer.echo(f"Wrote {count} rows to {output}", err=True)


@member_app.command("fee")
def member_fee(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int = typer.Option(
        ..., "--year", parser=options.year_parser(), help="The program year the fee is for."
    ),
    kbo: str | None = typer.Option(None, "--kbo", help="One member's fee (wins over its kind's)."),
    kind: str | None = typer.Option(
        None, "--kind", help="The fee of every member of this kind (see 'member add --help')."
    ),
    amount: str | None = typer.Option(None, "--amount", help="The fee in euros."),
    clear: bool = typer.Option(False, "--clear", help="Remove the fee instead."),
) -> None:
    """Set the fee a member, or every member of a kind, is expected to pay in a year."""
    from ledger import fees, queries
    from ledger.money import format_eur, to_cents

    if (kbo is None) == (kind is None):
        raise InputError("name one member with --kbo, or one kind with --kind", location="--kbo")
    if (amount is None) == (not clear):
        raise InputError("give the fee with --amount, or --clear to remove it", location="--amount")
    value = options.amount(amount) if amount is not None else None
    member_kind = options.kind(kind) if kind is not None else None
    number = options.kbo(kbo) if kbo is not None else None
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        fees.set_fee(tx, found, year=year, amount=value, kind=member_kind, kbo=number)
    if number is not None:
        who = f"member {options.kbo_text(number)}"
    else:
        assert member_kind is not None
        who = f"every {member_kind.value.replace('_', ' ')}"
    if value is None:
        typer.echo(f"No fee expected of {who} in {year} any more")
    else:
        typer.echo(f"Fee expected of {who} in {year}: {format_eur(to_cents(value))}")
