"""The project list and a project's page (``project list``, ``project show``), and the
projects a company takes part in (the end of ``member show``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from tui.cli import options
from tui.cli.project_options import (
    ID_HELP,
    STATUSES,
    TYPES,
    eur,
    parse_status_option,
    parse_type_option,
    plain,
)

if TYPE_CHECKING:
    from ledger.portfolio import ProjectState
    from ledger.projects import CompanyProject, ProjectRecord


def _line_data(p: ProjectState, partners: int, members: int) -> dict[str, Any]:
    return {
        "id": p.id,
        "type": p.type.value,
        "acronym": p.acronym,
        "title": p.title,
        "theme": p.theme,
        "status": p.status.value,
        "submitted": p.submitted_on,
        "decided": p.decided_on,
        "start": p.starts_on,
        "end": p.ends_on,
        "budget": plain(p.budget_cents),
        "aid_requested": plain(p.aid_requested_cents),
        "aid_granted": plain(p.aid_granted_cents),
        "partners": partners,
        "members": members,
    }


def project_list(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="Cluster name."),
    year: int | None = typer.Option(
        None,
        "--year",
        parser=options.year_parser(),
        help="Only the projects that year's annual report lists (submitted, decided or "
        "running in it), with the status they had at its end.",
    ),
    status: str | None = typer.Option(None, "--status", help=f"Only this status: {STATUSES}."),
    kind: str | None = typer.Option(None, "--type", help=f"Only this type: {TYPES}."),
    search: str = typer.Option(
        "", "--search", help="Words of an acronym, title, theme, type or status."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    output: Path | None = typer.Option(
        None, "--output", help="Also write the list to FILE.csv or FILE.xlsx."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
) -> None:
    """List a cluster's projects with their status, amounts, partners and members."""
    from ledger import queries
    from ledger.lists.projects import project_list as read_list

    wanted = parse_status_option(status, "--status") if status else None
    of_type = parse_type_option(kind) if kind else None
    if output is not None:
        from tui.table_file import check_output

        check_output(output, force=force)
    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        lines = read_list(
            found, session=session, year=year, status=wanted, kind=of_type, search=search
        ).rows
    data = [_line_data(line.state, line.partners, line.members) for line in lines]
    headers = (
        "id", "type", "acronym", "title", "status", "submitted", "decided", "budget",
        "aid requested", "aid granted", "partners", "members",
    )  # fmt: skip
    if output is not None:
        from ledger.money import from_cents
        from tui.table_file import write_table

        def money(cents: int | None) -> object:
            return None if cents is None else from_cents(cents)

        table_rows = [
            [
                *(d[k] for k in ("id", "type", "acronym", "title", "status")),
                line.state.submitted_on,
                line.state.decided_on,
                money(line.state.budget_cents),
                money(line.state.aid_requested_cents),
                money(line.state.aid_granted_cents),
                d["partners"],
                d["members"],
            ]
            for d, line in zip(data, lines, strict=True)
        ]
        count = write_table(output, headers, table_rows, force=force, title="Projects")
        typer.echo(f"Wrote {count} rows to {output}", err=True)
    if json_out:
        options.print_json(data)
        return
    from tui.cli.tables import render_table

    rows = [
        (
            d["id"],
            d["type"],
            d["acronym"],
            d["title"],
            d["status"],
            d["submitted"],
            d["decided"],
            eur(line.state.budget_cents),
            eur(line.state.aid_requested_cents),
            eur(line.state.aid_granted_cents),
            d["partners"],
            d["members"],
        )
        for d, line in zip(data, lines, strict=True)
    ]
    typer.echo(render_table(headers, rows, right={0, 7, 8, 9, 10, 11}))
    scope = f" in {year}" if year is not None else ""
    typer.echo(f"\n{len(rows)} project{'' if len(rows) == 1 else 's'}{scope}")


def _record_data(record: ProjectRecord) -> dict[str, Any]:
    p = record.state
    return {
        "cluster": record.cluster,
        **_line_data(p, len(p.partners), sum(line.member for line in record.partners)),
        "version": p.version,
        "partners": [
            {
                "id": line.share.id,
                "kbo": line.share.kbo,
                "name": line.share.name,
                "country": line.share.country,
                "role": line.share.role.value,
                "member": line.member,
                "budget": plain(line.share.budget_cents),
                "aid": plain(line.share.aid_cents),
            }
            for line in record.partners
        ],
        "history": [
            {
                "id": h.step.id,
                "from": h.step.from_status.value if h.step.from_status else None,
                "to": h.step.to_status.value,
                "date": h.step.on_date,
                "aid_granted": plain(h.step.aid_granted_cents),
                "forced": h.step.forced,
                "reason": h.step.reason,
                "by": h.actor,
                "at": f"{h.at:%Y-%m-%d %H:%M}" if h.at else None,
            }
            for h in record.history
        ],
        "warnings": [n.text() for n in record.notes],
    }


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def project_show(
    ctx: typer.Context,
    project_id: int = typer.Argument(
        ..., metavar="ID", parser=options.number_parser("ID"), help=ID_HELP
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """A project's page: its fields, partners (members of the cluster marked), status
    history with who recorded each change, and what is still missing."""
    from ledger.projects import project_record
    from ledger.words import say

    with options.state(ctx).ledger().read() as session:
        record = project_record(project_id, session=session)
    if json_out:
        options.print_json(_record_data(record))
        return
    from tui.cli.tables import render_table

    p = record.state
    title = f"Project {p.id}" + (f" · {p.acronym}" if p.acronym else "") + f" · {p.title}"
    aid = f"requested {eur(p.aid_requested_cents) or '-'}"
    aid += f" · granted {eur(p.aid_granted_cents) or '-'}"
    lines = [
        title,
        f"  cluster     {record.cluster}",
        f"  type        {say(f'project_type.{p.type.value}')} ({p.type.value})",
        f"  theme       {p.theme or '-'}",
        f"  status      {p.status.value} · version {p.version}",
        f"  submitted   {_day(p.submitted_on)}",
        f"  decided     {_day(p.decided_on)}",
        f"  period      {_day(p.starts_on)} to {_day(p.ends_on)}",
        f"  budget      {eur(p.budget_cents) or '-'}",
        f"  aid         {aid}",
        "",
    ]
    if record.partners:
        rows = [
            (
                line.share.id,
                line.share.role.value,
                options.kbo_text(line.share.kbo) if line.share.kbo else "",
                line.share.name,
                line.share.country,
                "yes" if line.member else "no",
                eur(line.share.budget_cents),
                eur(line.share.aid_cents),
            )
            for line in record.partners
        ]
        headers = (
            "partner",
            "role",
            "enterprise no.",
            "name",
            "country",
            "member",
            "budget",
            "aid",
        )
        lines += ["Partners:", render_table(headers, rows, right={0, 6, 7}), ""]
    else:
        lines += ["Partners: none yet; add them with 'project partner add'", ""]
    history = [
        (
            h.step.on_date.isoformat(),
            h.step.from_status.value if h.step.from_status else "",
            h.step.to_status.value,
            eur(h.step.aid_granted_cents) + (" (above the request)" if h.step.forced else ""),
            h.step.reason or "",
            f"{h.actor}, {h.at:%Y-%m-%d %H:%M} UTC" if h.actor and h.at else "",
        )
        for h in record.history
    ]
    table = render_table(("date", "from", "to", "aid granted", "reason", "recorded by"), history)
    lines += ["Status history:", table]
    if record.notes:
        lines += ["", "Warnings:", *[f"  ! {n.text()}" for n in record.notes]]
    typer.echo("\n".join(lines))


def project_data(taking_part: list[CompanyProject]) -> list[dict[str, Any]]:
    """The projects a company takes part in, for ``member show --json``."""
    return [
        {
            "project": p.project_id,
            "cluster": p.cluster,
            "acronym": p.acronym,
            "title": p.title,
            "type": p.type.value,
            "status": p.status.value,
            "role": p.role.value,
        }
        for p in taking_part
    ]


def project_lines(taking_part: list[CompanyProject]) -> str:
    """The projects a company takes part in, as ``member show`` ends its page."""
    if not taking_part:
        return ""
    lines = ["", "", "Projects:"]
    for p in taking_part:
        name = f"project {p.project_id}" + (f" ({p.acronym})" if p.acronym else "")
        lines.append(f"  {name} in {p.cluster}: {p.role.value}, {p.type.value}, {p.status.value}")
    return "\n".join(lines)
