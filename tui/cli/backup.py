"""Copies of the ledger: ``backup`` writes a checked copy, ``restore`` puts one back."""

from __future__ import annotations

import sys

import typer

from ledger.errors import InputError
from tui.cli import options


def _size(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size >= 1024 else f"{size} bytes"


def backup(
    ctx: typer.Context,
    dest: str = typer.Argument(
        ...,
        help="A folder (the copy is named ledger-<UTC time>.sqlite) or a file name.",
        show_default=False,
    ),
    force: bool = typer.Option(False, "--force", help="Replace DEST if it exists."),
) -> None:
    """Copy the ledger (SQLite) into one checked file, safely while it is in use."""
    from ledger.backup.snapshot import backup as take_backup

    ledger = options.state(ctx).ledger()
    try:
        made = take_backup(ledger, dest, overwrite=force)
    finally:
        ledger.dispose()
    source = options.shown(ledger.engine.url.database)
    typer.echo(f"Backed up {source} to {options.shown(made.path)} ({_size(made.size)})")
    typer.echo("\n".join(made.verdict.lines()))


def restore(
    ctx: typer.Context,
    src: str = typer.Argument(..., help="A backup written by 'backup'.", show_default=False),
    yes: bool = typer.Option(False, "--yes", "-y", help="Replace the ledger without asking."),
) -> None:
    """Replace the ledger with a backup, once the backup passes the integrity check."""
    from ledger.backup.restore import restore as put_back

    target = options.state(ctx).target()
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(
                f"there is no terminal to ask on; pass --yes to replace {options.shown(target)} "
                f"with {options.shown(src)} without asking"
            )
        typer.confirm(
            f"Replace the ledger at {options.shown(target)} with {options.shown(src)}? (the "
            "current one is kept beside it)",
            abort=True,
        )
    done = put_back(target, src, origin="cli")
    upgraded = f", upgraded from schema {done.upgraded_from}" if done.upgraded_from else ""
    typer.echo(
        f"Restored {options.shown(done.target)} from {options.shown(done.source)} "
        f"(sha256 {done.source_sha256[:16]}...{upgraded})"
    )
    if done.safety_backup is not None:
        typer.echo(f"The ledger it replaced is in {options.shown(done.safety_backup)}")
    typer.echo("\n".join(done.verdict.lines()))
