"""``tui``: the Textual app for cluster coordinators."""

from __future__ import annotations

import typer

from tui.cli import options

LANG_HELP = "Language of the labels: nl or en. Default: the system locale."


def language(text: str | None) -> str | None:
    """Check ``--lang``; None leaves the choice to the system locale."""
    from ledger.errors import InputError
    from tui.language import LANGUAGES

    if text is None:
        return None
    if text.strip().lower() not in LANGUAGES:
        raise InputError(f"{text!r} is not a language; expected nl or en", location="--lang")
    return text.strip().lower()


def open_app(
    target: str, lang: str | None, cluster: str | None = None, year: int | None = None
) -> None:
    from tui.app import make_app

    make_app(target, language=language(lang), cluster=cluster, year=year).run()


def tui(
    ctx: typer.Context,
    lang: str = typer.Option(None, "--lang", help=LANG_HELP, show_default=False),
    cluster: str = typer.Option(None, "--cluster", help="Cluster to show first."),
    year: int = typer.Option(
        None, "--year", parser=options.year_parser(), help="Year to show first."
    ),
) -> None:
    """Open the terminal app on the ledger (the default when no command is given)."""
    open_app(options.state(ctx).target(), lang, cluster, year)
