"""The demo: a fresh ledger built from sample_data/, so a newcomer sees real figures at once.

On a terminal it opens the app on that ledger; with ``--no-app``, or when the output
goes to a file or another program, it prints the summary instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from tui.cli import options
from tui.cli.app_command import LANG_HELP, language, open_app


def demo(
    ctx: typer.Context,
    source: Path = typer.Option(
        None,
        "--from",
        help="Folder with the sample spreadsheets. Default: the repository's sample_data/.",
    ),
    no_app: bool = typer.Option(
        False, "--no-app", help="Print the summary instead of opening the app."
    ),
    lang: str = typer.Option(None, "--lang", help=LANG_HELP, show_default=False),
) -> None:
    """Build a fresh demo ledger from sample_data/ and open the app on it (or print its summary)."""
    from importers.sample import build_demo_ledger, default_sample_dir
    from ledger import queries
    from ledger.session import Ledger
    from ledger.storage.location import data_dir
    from ledger.summary import cluster_summaries
    from tui.cli.summary_text import render_summary

    state = options.state(ctx)
    chosen = language(lang)  # a wrong --lang is refused before the build
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
    if not no_app and sys.stdout.isatty():
        ledger.dispose()
        open_app(target, chosen, cluster_name)
        return
    with ledger.read() as session:
        cluster = queries.get_cluster(cluster_name, session=session)
        summaries = cluster_summaries(cluster, session=session)
    typer.echo(f"Demo ledger at {target}\n")
    typer.echo("\n\n".join(render_summary(s) for s in summaries))
    typer.echo(f'\nTry: {options.PROG} --db {target} member list --cluster "{cluster_name}"')
