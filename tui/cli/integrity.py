"""``verify``: the ledger checks its own history (see :mod:`ledger.integrity.verify`)."""

from __future__ import annotations

import typer

from tui.cli import options
from tui.cli.progress import Progress


def verify(ctx: typer.Context) -> None:
    """Recompute the hash chains and figures; name the first broken link, exit 1 if any.

    Safe while the app or an import is writing: it reads one consistent snapshot.
    """
    from ledger.integrity.verify import verify as check

    ledger = options.state(ctx).ledger()
    with Progress("Checking the chains", at_least=100_000) as progress:
        verdict = check(ledger, progress)
    for line in verdict.lines():
        typer.echo(line)
    if verdict.ok:
        typer.echo("OK: every chain follows, the guards are in place and the figures add up.")
        return
    for problem in verdict.problems:
        typer.echo(f"{options.PROG}: problem: {problem}", err=True)
    typer.echo(f"{options.PROG}: error: the ledger failed {len(verdict.problems)} checks", err=True)
    raise typer.Exit(1)
