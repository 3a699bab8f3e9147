"""Projects of spearhead clusters: the portfolio, its partners, decisions and themes.

Example::

    cluster-ledger project add --cluster Flux --type icon --title "Grid edge" --acronym EDGE \\
        --budget 1.200.000,00 --aid-requested 600000 --submitted 2026-03-01
    cluster-ledger project partner add --project 1 --kbo 0403.170.701 --role coordinator
    cluster-ledger project status 1 --to approved --date 2026-09-15 --aid-granted 540000
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from ledger.errors import InputError
from tui.cli import options

if TYPE_CHECKING:
    from ledger.portfolio import ProjectState
    from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
    from ledger.projects import CompanyProject, ProjectRecord

project_app = typer.Typer(
    help="Projects of spearhead clusters: add, update, status, partners, list, show, themes."
)
partner_app = typer.Typer(help="A project's partners: add, update, remove.")
theme_app = typer.Typer(help="A cluster's strategic themes (roadmap lines) its projects fit.")
project_app.add_typer(partner_app, name="partner")
project_app.add_typer(theme_app, name="theme")

TYPES = "oo (O&O), coock, csbo, icon or cooperative (coöperatief)"
STATUSES = "draft, submitted, approved, rejected, withdrawn, running or closed"
ROLES = "coordinator, partner, subcontractor or user-group (COOCK and ICON)"
ID_HELP = "The project's id (see 'project list')."


def _type(text: str, option: str = "--type") -> ProjectType:
    from ledger.project_terms import parse_type

    return options.parsed(option, parse_type, text)


def _status(text: str, option: str) -> ProjectStatus:
    from ledger.project_terms import parse_status

    return options.parsed(option, parse_status, text)


def _role(text: str) -> PartnerRole:
    from ledger.project_terms import parse_role

    return options.parsed("--role", parse_role, text)


def _money(text: str | None, option: str) -> Any:
    """An amount option; ``none`` clears it where a change allows that."""
    if text is None:
        return None
    return options.amount(text, option)


def _warn(notes: list[Any]) -> None:
    for note in notes:
        typer.echo(f"{options.PROG}: warning: {note.text()}", err=True)


def _eur(cents: int | None) -> str:
    from ledger.money import format_eur

    return "" if cents is None else format_eur(cents)


def _plain(cents: int | None) -> str | None:
    from ledger.money import format_plain

    return None if cents is None else format_plain(cents)


def _label(p: ProjectState) -> str:
    return f"project {p.id} ({p.acronym})" if p.acronym else f"project {p.id}"


@project_app.command("add")
def project_add(
    ctx: typer.Context,
    cluster: str = typer.Option(..., "--cluster", help="The spearhead cluster's name."),
    kind: str = typer.Option(..., "--type", help=f"The project type: {TYPES}."),
    title: str = typer.Option(..., "--title", help="The project's title."),
    acronym: str | None = typer.Option(None, "--acronym", help="Its short name."),
    theme: str | None = typer.Option(
        None, "--theme", help="The cluster's strategic theme or roadmap line it fits."
    ),
    budget: str | None = typer.Option(None, "--budget", help="Total budget in euros."),
    aid_requested: str | None = typer.Option(
        None, "--aid-requested", help="Aid requested in euros."
    ),
    submitted: str | None = typer.Option(
        None,
        "--submitted",
        help="The day it was submitted through the cluster; without it the project is a draft.",
    ),
    start: str | None = typer.Option(None, "--start", help="Planned start date."),
    end: str | None = typer.Option(None, "--end", help="Planned end date."),
) -> None:
    """Add a project to a spearhead cluster's portfolio (a draft, or submitted on --submitted)."""
    from ledger import operations, queries

    fields = {
        "type": _type(kind),
        "budget": _money(budget, "--budget"),
        "aid_requested": _money(aid_requested, "--aid-requested"),
        "submitted": options.day(submitted, "--submitted"),
        "starts": options.day(start, "--start"),
        "ends": options.day(end, "--end"),
    }
    with options.state(ctx).ledger().write() as tx:
        found = queries.get_cluster(cluster, session=tx.session)
        project = operations.add_project(
            tx, found, title=title, acronym=acronym, theme=theme, **fields
        )
        notes = operations.project_notes(tx, project)
    name = f"{project.id} ({project.acronym})" if project.acronym else str(project.id)
    when = f"submitted on {project.submitted_on.isoformat()}" if project.submitted_on else "a draft"
    from ledger.words import say

    kind_words = say(f"project_type.{project.type}")
    typer.echo(f"Added project {name} to {found.name}: {kind_words}, {when}")
    _warn([n for n in notes if n.code == "project.theme_not_listed"])


def _cleared(text: str | None) -> bool:
    return text is not None and text.strip().lower() in ("none", "-", "")


@project_app.command("update")
def project_update(
    ctx: typer.Context,
    project_id: int = typer.Argument(
        ..., metavar="ID", parser=options.number_parser("ID"), help=ID_HELP
    ),
    title: str | None = typer.Option(None, "--title", help="A new title."),
    kind: str | None = typer.Option(None, "--type", help=f"Another type: {TYPES}."),
    acronym: str | None = typer.Option(None, "--acronym", help="A new acronym ('none' clears)."),
    theme: str | None = typer.Option(None, "--theme", help="Another theme ('none' clears)."),
    budget: str | None = typer.Option(None, "--budget", help="Budget in euros ('none' clears)."),
    aid_requested: str | None = typer.Option(
        None, "--aid-requested", help="Aid requested in euros ('none' clears)."
    ),
    start: str | None = typer.Option(None, "--start", help="Planned start ('none' clears)."),
    end: str | None = typer.Option(None, "--end", help="Planned end ('none' clears)."),
) -> None:
    """Change a project's title, type, acronym, theme, amounts or planned dates.

    The title, acronym and theme change freely; the type, amounts and dates are what an
    annual report shows, and stay as they are while a year the project shows in is
    locked. The status changes through 'project status'.
    """
    from ledger import operations
    from ledger.operations.projects import KEEP

    def text(value: str | None) -> Any:
        return KEEP if value is None else (None if _cleared(value) else value)

    def money(value: str | None, option: str) -> Any:
        return KEEP if value is None else (None if _cleared(value) else _money(value, option))

    def day(value: str | None, option: str) -> Any:
        return KEEP if value is None else (None if _cleared(value) else options.day(value, option))

    changes = {
        "title": KEEP if title is None else title,
        "type": KEEP if kind is None else _type(kind),
        "acronym": text(acronym),
        "theme": text(theme),
        "budget": money(budget, "--budget"),
        "aid_requested": money(aid_requested, "--aid-requested"),
        "starts": day(start, "--start"),
        "ends": day(end, "--end"),
    }
    if all(v is KEEP for v in changes.values()):
        raise InputError(
            "nothing to change; give --title, --type, --acronym, --theme, --budget, "
            "--aid-requested, --start or --end",
            location="ID",
        )
    with options.state(ctx).ledger().write() as tx:
        project = operations.update_project(tx, project_id, **changes)
        notes = operations.project_notes(tx, project)
    typer.echo(f"Updated project {project.id} (version {project.version})")
    _warn([n for n in notes if n.code == "project.theme_not_listed"])


@project_app.command("status")
def project_status(
    ctx: typer.Context,
    project_id: int = typer.Argument(
        ..., metavar="ID", parser=options.number_parser("ID"), help=ID_HELP
    ),
    to: str = typer.Option(..., "--to", help=f"The new status: {STATUSES}."),
    when: str = typer.Option(..., "--date", help="The day it changed (a decision's date)."),
    aid_granted: str | None = typer.Option(
        None, "--aid-granted", help="The aid granted in euros (with --to approved)."
    ),
    force: bool = typer.Option(
        False, "--force", help="Record aid granted above the aid requested (needs --reason)."
    ),
    reason: str | None = typer.Option(
        None, "--reason", help="Why: for a step back (a correction, a reopening) or --force."
    ),
) -> None:
    """Record a project's new status from a day: a step along the road, or one back.

    The road: draft -> submitted -> approved or rejected; approved -> running -> closed;
    withdrawn from draft, submitted, approved or running. A step back (a decision recorded
    in error; a closed project reopened to running) goes one step at a time and needs
    --reason. Every change is dated and kept in the project's history.
    """
    from ledger import operations

    status = _status(to, "--to")
    day = options.day(when, "--date")
    assert day is not None
    granted = _money(aid_granted, "--aid-granted")
    with options.state(ctx).ledger().write() as tx:
        project, notes = operations.change_status(
            tx, project_id, to=status, on=day, aid_granted=granted, force=force, reason=reason
        )
    text = f"Project {project.id} is {project.status} from {day.isoformat()}"
    if project.aid_granted_cents is not None and status.value == "approved":
        text += f", aid granted {_eur(project.aid_granted_cents)}"
    typer.echo(text)
    _warn(notes)


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

    partner_role = _role(role)
    number, land = _party_options(kbo, country)
    shares = {"budget": _money(budget, "--budget"), "aid": _money(aid, "--aid")}
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
        return KEEP if value is None else (None if _cleared(value) else _money(value, option))

    changes = {
        "role": KEEP if role is None else _role(role),
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
        "budget": _plain(p.budget_cents),
        "aid_requested": _plain(p.aid_requested_cents),
        "aid_granted": _plain(p.aid_granted_cents),
        "partners": partners,
        "members": members,
    }


@project_app.command("list")
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
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List a cluster's projects with their status, amounts, partners and members."""
    from ledger import projects, queries

    wanted = _status(status, "--status") if status else None
    of_type = _type(kind) if kind else None
    with options.state(ctx).ledger().read() as session:
        found = queries.get_cluster(cluster, session=session)
        lines = projects.portfolio(found, session=session, year=year, status=wanted, kind=of_type)
    data = [_line_data(line.state, line.partners, line.members) for line in lines]
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
            _eur(line.state.budget_cents),
            _eur(line.state.aid_requested_cents),
            _eur(line.state.aid_granted_cents),
            d["partners"],
            d["members"],
        )
        for d, line in zip(data, lines, strict=True)
    ]
    headers = (
        "id", "type", "acronym", "title", "status", "submitted", "decided", "budget",
        "aid requested", "aid granted", "partners", "members",
    )  # fmt: skip
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
                "budget": _plain(line.share.budget_cents),
                "aid": _plain(line.share.aid_cents),
            }
            for line in record.partners
        ],
        "history": [
            {
                "id": h.step.id,
                "from": h.step.from_status.value if h.step.from_status else None,
                "to": h.step.to_status.value,
                "date": h.step.on_date,
                "aid_granted": _plain(h.step.aid_granted_cents),
                "forced": h.step.forced,
                "reason": h.step.reason,
                "by": h.actor,
                "at": h.at,
            }
            for h in record.history
        ],
        "warnings": [n.text() for n in record.notes],
    }


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


@project_app.command("show")
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
    aid = f"requested {_eur(p.aid_requested_cents) or '-'}"
    aid += f" · granted {_eur(p.aid_granted_cents) or '-'}"
    lines = [
        title,
        f"  cluster     {record.cluster}",
        f"  type        {say(f'project_type.{p.type.value}')} ({p.type.value})",
        f"  theme       {p.theme or '-'}",
        f"  status      {p.status.value} · version {p.version}",
        f"  submitted   {_day(p.submitted_on)}",
        f"  decided     {_day(p.decided_on)}",
        f"  period      {_day(p.starts_on)} to {_day(p.ends_on)}",
        f"  budget      {_eur(p.budget_cents) or '-'}",
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
                _eur(line.share.budget_cents),
                _eur(line.share.aid_cents),
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
            _eur(h.step.aid_granted_cents) + (" (above the request)" if h.step.forced else ""),
            h.step.reason or "",
            f"{h.actor}, {h.at} UTC" if h.actor else "",
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
