"""The app's screens, one module each; :data:`MODES` names them for the app."""

from __future__ import annotations

from textual.screen import Screen

from tui.app.screens.audit import AuditScreen
from tui.app.screens.contributions import ContributionsScreen
from tui.app.screens.costs import CostsScreen
from tui.app.screens.dashboard import DashboardScreen
from tui.app.screens.imports import ImportScreen
from tui.app.screens.members import MembersScreen
from tui.app.screens.payments import PaymentsScreen
from tui.app.screens.projects import ProjectsScreen
from tui.app.screens.reports import ReportsScreen
from tui.app.screens.years import YearsScreen

MODES: dict[str, type[Screen]] = {
    "dashboard": DashboardScreen,
    "members": MembersScreen,
    "contributions": ContributionsScreen,
    "costs": CostsScreen,
    "years": YearsScreen,
    "audit": AuditScreen,
    "import": ImportScreen,
    "payments": PaymentsScreen,
    "projects": ProjectsScreen,
    "reports": ReportsScreen,
}
