"""Projects of spearhead clusters: the portfolio, its partners, decisions and themes.

The commands that add and change a project are here; its partners and the cluster's
themes in :mod:`tui.cli.project_partners`, the list and a project's page in
:mod:`tui.cli.project_views`.

Example::

    cluster-ledger project add --cluster Flux --type icon --title "Grid edge" --acronym EDGE \\
        --budget 1.200.000,00 --aid-requested 600000 --submitted 2026-03-01
    cluster-ledger project partner add --project 1 --kbo 0403.170.701 --role coordinator
    cluster-ledger project status 1 --to approved --date 2026-09-15 --aid-granted 540000
"""

from __future__ import annotations

from typing import Any

import typer

from ledger.errors import InputError
from tui.cli import options, project_partners, project_views
from tui.cli.project_options import (
    ID_HELP,
    STATUSES,
    TYPES,
    cleared,
    eur,
    money_option,
    parse_status_option,
    parse_type_option,
    warn,
)

project_app = typer.Typer(
    help="Projects of spearhead clusters: add, update, status, partners, list, show, themes."
)
project_app.add_typer(project_partners.partner_app, name="partner")
project_app.add_typer(project_partners.theme_app, name="theme")
project_app.command("list")(project_views.project_list)
project_app.command("show")(project_views.project_show)


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
        "type": parse_type_option(kind),
        "budget": money_option(budget, "--budget"),
        "aid_requested": money_option(aid_requested, "--aid-requested"),
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
    warn([n for n in notes if n.code == "project.theme_not_listed"])


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
        return KEEP if value is None else (None if cleared(value) else value)

    def money(value: str | None, option: str) -> Any:
        return KEEP if value is None else (None if cleared(value) else money_option(value, option))

    def day(value: str | None, option: str) -> Any:
        return KEEP if value is None else (None if cleared(value) else options.day(value, option))

    changes = {
        "title": KEEP if title is None else title,
        "type": KEEP if kind is None else parse_type_option(kind),
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
    warn([n for n in notes if n.code == "project.theme_not_listed"])


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

    status = parse_status_option(to, "--to")
    day = options.day(when, "--date")
    assert day is not None
    granted = money_option(aid_granted, "--aid-granted")
    with options.state(ctx).ledger().write() as tx:
        project, notes = operations.change_status(
            tx, project_id, to=status, on=day, aid_granted=granted, force=force, reason=reason
        )
    text = f"Project {project.id} is {project.status} from {day.isoformat()}"
    if project.aid_granted_cents is not None and status.value == "approved":
        text += f", aid granted {eur(project.aid_granted_cents)}"
    typer.echo(text)
    warn(notes)
