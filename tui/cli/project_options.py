"""What the project commands share: reading their options, and amounts as they print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from tui.cli import options

if TYPE_CHECKING:
    from ledger.portfolio import ProjectState
    from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType

TYPES = "oo (O&O), coock, csbo, icon or cooperative (coöperatief)"
STATUSES = "draft, submitted, approved, rejected, withdrawn, running or closed"
ROLES = "coordinator, partner, subcontractor or user-group (COOCK and ICON)"
ID_HELP = "The project's id (see 'project list')."


def parse_type_option(text: str, option: str = "--type") -> ProjectType:
    from ledger.project_terms import parse_type

    return options.parsed(option, parse_type, text)


def parse_status_option(text: str, option: str) -> ProjectStatus:
    from ledger.project_terms import parse_status

    return options.parsed(option, parse_status, text)


def parse_role_option(text: str) -> PartnerRole:
    from ledger.project_terms import parse_role

    return options.parsed("--role", parse_role, text)


def money_option(text: str | None, option: str) -> Any:
    """An amount option; ``none`` clears it where a change allows that."""
    if text is None:
        return None
    return options.amount(text, option)


def warn(notes: list[Any]) -> None:
    for note in notes:
        typer.echo(f"{options.PROG}: warning: {note.text()}", err=True)


def eur(cents: int | None) -> str:
    from ledger.money import format_eur

    return "" if cents is None else format_eur(cents)


def plain(cents: int | None) -> str | None:
    from ledger.money import format_plain

    return None if cents is None else format_plain(cents)


def label(p: ProjectState) -> str:
    return f"project {p.id} ({p.acronym})" if p.acronym else f"project {p.id}"


def cleared(text: str | None) -> bool:
    return text is not None and text.strip().lower() in ("none", "-", "")
