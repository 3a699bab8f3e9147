"""The terminal app for cluster coordinators: screens, key bindings, theme and language.

One :func:`make_app` builds it for the command line, the tests and the benchmark.
The app keeps which cluster and year the coordinator is looking at; each screen reads
the ledger for that choice (see :mod:`tui.app.screens`).

Example::

    make_app("demo.sqlite", language="nl").run()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ledger.errors import LedgerError
from ledger.session import Ledger
from tui.app.i18n import Labels, detect_language
from tui.app.screens.audit import AuditScreen
from tui.app.screens.base import LedgerScreen
from tui.app.screens.contributions import ContributionsScreen
from tui.app.screens.dashboard import DashboardScreen
from tui.app.screens.imports import ImportScreen
from tui.app.screens.members import MembersScreen
from tui.app.screens.payments import PaymentsScreen
from tui.app.screens.projects import ProjectsScreen
from tui.app.screens.reports import ReportsScreen
from tui.app.screens.years import YearsScreen

DARK, LIGHT = "textual-dark", "textual-light"
Clock = Callable[[], datetime]

# (key, action, label key): the screens, reachable from every screen.
NAVIGATION = (
    ("d", "switch_mode('dashboard')", "dashboard"),
    ("m", "switch_mode('members')", "members"),
    ("c", "switch_mode('contributions')", "contributions"),
    ("y", "switch_mode('years')", "years"),
    ("a", "switch_mode('audit')", "audit"),
    ("i", "switch_mode('import')", "import"),
    ("p", "switch_mode('payments')", "payments"),
    ("j", "switch_mode('projects')", "projects"),
    ("x", "switch_mode('reports')", "reports"),
    ("t", "toggle_theme", "toggle-theme"),
    ("q", "quit", "quit"),
)


class ClusterLedgerApp(App[None]):
    """The app: one mode per screen, the cluster and year in view, and the clock."""

    CSS_PATH = "app.tcss"
    MODES: ClassVar[dict[str, type[Screen]]] = {
        "dashboard": DashboardScreen,
        "members": MembersScreen,
        "contributions": ContributionsScreen,
        "years": YearsScreen,
        "audit": AuditScreen,
        "import": ImportScreen,
        "payments": PaymentsScreen,
        "projects": ProjectsScreen,
        "reports": ReportsScreen,
    }
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]

    def __init__(
        self,
        ledger: Ledger,
        *,
        language: str,
        now: Clock,
        cluster: str | None = None,
        year: int | None = None,
        exit_when: str | None = None,
    ) -> None:
        super().__init__()
        self.ledger = ledger
        self.labels = Labels(language)
        self.now = now
        self.cluster_name = cluster
        self.year = year
        # The benchmark's hook: leave as soon as this screen shows its data.
        self.exit_when = exit_when
        self.theme = DARK
        self.title = self.labels("app-title")
        for key, action, label in NAVIGATION:
            self._bindings.bind(key, action, self.labels(label))
        # Out of a text field, so the letter keys above work again.
        self._bindings.bind("escape", "leave_field", show=False)

    def on_mount(self) -> None:
        self.switch_mode("dashboard")

    def action_leave_field(self) -> None:
        self.screen.set_focus(None)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def report(self, error: LedgerError) -> None:
        """Show a user's mistake, as the ledger words it; the app carries on."""
        self.notify(str(error), severity="error", timeout=8)

    def ready(self, screen: str) -> None:
        """A screen has shown its data: the benchmark's signal to stop or go on."""
        if self.exit_when == screen:
            self.exit()
        elif self.exit_when == "contributions" and screen == "dashboard":
            self.switch_mode("contributions")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every screen and every action of the current screen, in the command palette."""
        for key, action, label in NAVIGATION:
            if action == "quit":
                continue  # the palette has its own
            hint = self.labels("palette-key", key=self.get_key_display(Binding(key, action)))
            yield SystemCommand(self.labels(label), hint, partial(self.run_action, action))
        if isinstance(screen, LedgerScreen):
            for key, action, label in screen.KEYS:
                hint = self.labels("palette-key", key=self.get_key_display(Binding(key, action)))
                yield SystemCommand(self.labels(label), hint, partial(screen.run_action, action))
        yield from super().get_system_commands(screen)


def make_app(
    target: str,
    *,
    language: str | None = None,
    now: Clock | None = None,
    cluster: str | None = None,
    year: int | None = None,
    exit_when: str | None = None,
) -> ClusterLedgerApp:
    """The app on the ledger at ``target`` (a SQLite path or a database URL).

    Args:
        language: ``en`` or ``nl``; default from the system locale.
        now: the clock deadlines count down from (tests fix it).
        cluster, year: what to show first; default the first cluster and its current year.
        exit_when: ``dashboard`` or ``contributions``: exit once that screen shows its data.

    Raises:
        DatabaseError: there is no ledger at ``target``.
    """
    ledger = Ledger.open(target, origin="tui")
    return ClusterLedgerApp(
        ledger,
        language=language or detect_language(),
        now=now or (lambda: datetime.now(UTC)),
        cluster=cluster,
        year=year,
        exit_when=exit_when,
    )
