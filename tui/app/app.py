"""The terminal app for cluster coordinators: screens, key bindings, theme and language.

One :func:`make_app` builds it for the command line, the tests and the benchmark.
The app keeps which cluster and year the coordinator is looking at; each screen reads
the ledger for that choice (see :mod:`tui.app.screens`), and what another process
writes shows without a restart (:mod:`tui.app.watch`).

Example::

    make_app("demo.sqlite", language="nl").run()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from textual.app import App, SystemCommand
from textual.screen import Screen

from ledger import views
from ledger.errors import LedgerError
from ledger.session import Ledger
from tui.app import navigation, screens
from tui.app.i18n import Labels, detect_language
from tui.app.screens.base import LedgerScreen
from tui.app.watch import POLL_SECONDS, LedgerWatch

DARK, LIGHT = "textual-dark", "textual-light"
Clock = Callable[[], datetime]


class ClusterLedgerApp(App[None]):
    """The app: one mode per screen, the cluster and year in view, the clock and the zone."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: a subclass elsewhere finds it
    MODES: ClassVar[dict[str, type[Screen]]] = screens.MODES
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]

    def __init__(
        self,
        ledger: Ledger,
        *,
        language: str,
        now: Clock,
        zone: ZoneInfo,
        cluster: str | None = None,
        year: int | None = None,
        poll: float | None = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.ledger = ledger
        self.labels = Labels(language)
        self.now = now
        self.zone = zone
        self.cluster_name = cluster
        self.year = year
        self.watch = LedgerWatch(self)
        self._poll = poll
        self.theme = DARK
        self.title = self.labels("app-title")
        navigation.bind_navigation(self)

    def on_mount(self) -> None:
        self.watch.start(self._poll)
        self.switch_mode("dashboard")

    def action_leave_field(self) -> None:
        self.screen.set_focus(None)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def report(self, error: LedgerError) -> None:
        """Show a user's mistake in the app's words; the app carries on."""
        self.notify(self.labels.error(error), severity="error", timeout=8, markup=False)

    def refresh_screens(self) -> None:
        """Read again what the screens in view show: the ledger changed elsewhere."""
        for screen in self.screen_stack:
            if isinstance(screen, LedgerScreen):
                screen.reload()

    def action_command_palette(self) -> None:
        navigation.open_palette(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from navigation.palette(self, screen)


def make_app(
    target: str,
    *,
    language: str | None = None,
    now: Clock | None = None,
    cluster: str | None = None,
    year: int | None = None,
    poll: float | None = POLL_SECONDS,
) -> ClusterLedgerApp:
    """The app on the ledger at ``target`` (a SQLite path or a database URL).

    Args:
        language: ``en`` or ``nl``; default from the system locale.
        now: the clock deadlines count down from (tests fix it).
        cluster, year: what to show first; default the first cluster and its current year.
        poll: seconds between looks for changes made elsewhere; None never looks.

    Raises:
        DatabaseError: there is no ledger at ``target``.
        InputError: ``CLUSTER_LEDGER_TZ`` names no known time zone.
    """
    zone = views.ledger_zone()
    ledger = Ledger.open(target, origin="tui")
    return ClusterLedgerApp(
        ledger,
        language=language or detect_language(),
        now=now or (lambda: datetime.now(UTC)),
        zone=zone,
        cluster=cluster,
        year=year,
        poll=poll,
    )
