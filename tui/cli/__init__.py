"""The ``cluster-ledger`` command line: thin Typer commands over ``ledger``.

The commands live in ``tui/cli/``, one module per area; this module assembles
them. Each command parses its options, opens the ledger, calls one operation or query,
and prints. Errors a user can cause (:class:`~ledger.errors.LedgerError`) are caught
in one place, :class:`LedgerGroup`, and printed as a single line on stderr with exit
status 1; usage mistakes exit 2 (Typer's own); anything else is a bug and keeps
its traceback.

Example::

    cluster-ledger --db demo.sqlite init
    cluster-ledger --db demo.sqlite cluster add "Circular Plastics" --rules ibn-2026 --start-year 2026
"""

from __future__ import annotations

import signal
import sys
import traceback
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from ledger.errors import LedgerError
from ledger.text import escape_controls
from tui.cli import (
    app_command,
    backup,
    demo,
    entries,
    imports,
    integrity,
    member_list,
    members,
    payments,
    projects,
    reports,
    setup,
    years,
)
from tui.cli.options import PROG, State

_ = member_list  # its commands join 'member' when imported


class LedgerGroup(TyperGroup):
    """Turns a user's mistake into one line on stderr and exit status 1, wherever it is raised."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LedgerError as exc:
            _one_line(exc)
        except (typer.Exit, typer.Abort, TyperException):
            raise  # --help, an exit, a usage error: Typer's own, not the ledger's to explain
        except Exception as exc:
            # Not the user's mistake and not a bug: a damaged ledger file, a full disk, a
            # total past what the database can add. Anything else keeps its traceback.
            from ledger.failures import explain

            state = ctx.obj if isinstance(ctx.obj, State) else None
            explained = explain(exc, target=state.db if state else None)
            if explained is None:
                raise
            _one_line(explained)


def _one_line(exc: LedgerError) -> None:
    # A message may quote the user's own text (a path, a name): one line, always.
    typer.echo(f"{PROG}: error: {escape_controls(str(exc))}", err=True)
    raise typer.Exit(1) from None


app = typer.Typer(
    cls=LedgerGroup,
    help="Membership and co-financing ledger for Flemish innovation clusters.",
    pretty_exceptions_show_locals=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)
START, RECORD, FIGURES = "Getting started", "Recording", "Figures and history"
app.command(rich_help_panel=START)(demo.demo)
app.command(rich_help_panel=START)(setup.init)
app.add_typer(setup.rules_app, name="rules", rich_help_panel=START)
for sub, name in (
    (setup.cluster_app, "cluster"),
    (members.member_app, "member"),
    (entries.contribution_app, "contribution"),
    (entries.costs_app, "costs"),
):
    app.add_typer(sub, name=name, rich_help_panel=RECORD)
app.add_typer(imports.import_app, name="import", rich_help_panel=RECORD)
app.add_typer(payments.payments_app, name="payments", rich_help_panel=RECORD)
setup.cluster_app.add_typer(payments.account_app, name="account")
members.member_app.command("ogm")(payments.member_ogm)
app.add_typer(projects.project_app, name="project", rich_help_panel=RECORD)
app.command(rich_help_panel=FIGURES)(years.summary)
app.add_typer(years.year_app, name="year", rich_help_panel=FIGURES)
app.command(rich_help_panel=FIGURES)(years.audit)
app.command(rich_help_panel=FIGURES)(reports.export)
app.command(name="verify-report", rich_help_panel=FIGURES)(reports.verify_report)
app.command(rich_help_panel=FIGURES)(integrity.verify)
app.command(rich_help_panel=FIGURES)(backup.backup)
app.command(rich_help_panel=FIGURES)(backup.restore)
app.command(rich_help_panel=START)(app_command.tui)
# Registered here as each area lands: reports.export and reports.verify_report under
# FIGURES, app_command.tui under START.


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="CLUSTER_LEDGER_DB",
        help="SQLite file or database URL (postgresql://...). Default: ledger.sqlite in the "
        "user data directory.",
        show_default=False,
    ),
    lang: str | None = typer.Option(
        None, "--lang", help=app_command.LANG_HELP + " (for the app)", show_default=False
    ),
) -> None:
    """Membership and co-financing ledger for Flemish innovation clusters."""
    ctx.obj = State(db=db)
    lang = app_command.language(lang)  # checked even when a command follows it
    if ctx.invoked_subcommand is None:
        app_command.open_app(ctx.obj.target(), lang)


def _terminated(signum: int, _frame: Any) -> None:
    """SIGTERM (a kill, a stopped service) unwinds like Ctrl-C: every temporary file the
    command made is removed on the way out (see ledger.files). A second one is ignored, so
    it cannot cut that cleaning short."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point: a bug (not a user's mistake) prints its traceback and exits 70."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app(prog_name=PROG)
    except Exception:
        traceback.print_exc()
        typer.echo(
            f"{PROG}: internal error: this is a bug in {PROG}, not a mistake in your input; "
            "please report it with the traceback above",
            err=True,
        )
        sys.exit(70)  # EX_SOFTWARE
