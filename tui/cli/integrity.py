"""``verify``: the ledger checks its own history (see :mod:`ledger.integrity.verify`), and
keeps or checks anchors of it outside the ledger (:mod:`ledger.integrity.anchor`)."""

from __future__ import annotations

from pathlib import Path

import typer

from tui.cli import options
from tui.cli.progress import Progress


def verify(
    ctx: typer.Context,
    anchor: str | None = typer.Option(
        None,
        "--anchor",
        metavar="FILE",
        help="Append the chains' tips to FILE, kept away from the ledger ('-' prints them, "
        "for a paper log). Only a ledger that passes every check is anchored.",
        show_default=False,
    ),
    against: list[Path] = typer.Option(
        [],
        "--against",
        metavar="ANCHOR|REPORT.xlsx",
        help="Prove the ledger still extends the tips an anchor file (or an annual report) "
        "recorded; repeatable.",
        show_default=False,
    ),
) -> None:
    """Recompute the hash chains and figures; name the first broken link, exit 1 if any.

    Safe while the app or an import is writing: it reads one consistent snapshot. A backup
    file is read without changing a byte of it.
    """
    from ledger.files import origin_of_engine
    from ledger.integrity import anchor as anchors
    from ledger.integrity.opening import ledger_to_check
    from ledger.integrity.verify import verify as check

    kept = [_anchors_in(path) for path in against]  # unreadable ones refused before the work
    with ledger_to_check(options.state(ctx).target()) as ledger:
        with Progress("Checking the chains", at_least=100_000) as progress:
            verdict = check(ledger, progress)
        with ledger.read() as session:
            for path, found in zip(against, kept, strict=True):
                loaded = found(session)
                problems = anchors.extends(session, loaded)
                verdict.problems += [f"{options.shown(path)}: {p}" for p in problems]
                if not problems:
                    verdict.notes.append(
                        f"the ledger extends the {len(loaded)} anchor(s) in {options.shown(path)}"
                    )
        origin = origin_of_engine(ledger.engine)
        where = str(ledger.engine.url.render_as_string(hide_password=True))
    for line in verdict.lines():
        typer.echo(line)
    if not verdict.ok:
        for problem in verdict.problems:
            typer.echo(f"{options.PROG}: problem: {problem}", err=True)
        not_anchored = " (nothing was anchored)" if anchor else ""
        typer.echo(
            f"{options.PROG}: error: the ledger failed {len(verdict.problems)} checks"
            + not_anchored,
            err=True,
        )
        raise typer.Exit(1)
    typer.echo("OK: every chain follows, the guards are in place and the figures add up.")
    if anchor is None:
        return
    made = anchors.anchor_now(((c.name, c.length, c.tip) for c in verdict.chains), where)
    if anchor == "-":
        typer.echo("\n".join(made.paper()))
        return
    anchors.append(Path(anchor), made, origin=origin)
    typer.echo(
        f"Anchored {len(made.chains)} chains in {options.shown(anchor)}; keep that file away "
        "from the ledger, and check against it with 'verify --against'"
    )


def _anchors_in(path: Path):  # type: ignore[no-untyped-def]
    """A reader of the anchors ``path`` holds: an anchor file, or an annual report's."""
    from ledger.integrity import anchor as anchors

    if path.suffix.lower() == ".xlsx":
        from ledger.report.verify import report_anchor

        return lambda session: [report_anchor(path, session=session)]
    found = anchors.read(path)
    return lambda _session: found
