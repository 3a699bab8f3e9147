"""The app's screens and keys: which key opens which screen, and the command palette.

Every screen and every action of the current screen is in the palette (``ctrl+p``), in
the app's language, so nothing needs a key remembered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from tui.app.screens.base import LedgerScreen

if TYPE_CHECKING:
    from tui.app.app import ClusterLedgerApp

# (key, action, label key): the screens, reachable from every screen.
NAVIGATION = (
    ("d", "switch_mode('dashboard')", "dashboard"),
    ("m", "switch_mode('members')", "members"),
    ("c", "switch_mode('contributions')", "contributions"),
    ("k", "switch_mode('costs')", "costs-screen"),
    ("y", "switch_mode('years')", "years"),
    ("a", "switch_mode('audit')", "audit"),
    ("i", "switch_mode('import')", "import"),
    ("p", "switch_mode('payments')", "payments"),
    ("j", "switch_mode('projects')", "projects"),
    ("x", "switch_mode('reports')", "reports"),
    ("t", "toggle_theme", "toggle-theme"),
    ("q", "quit", "quit"),
)


def bind_navigation(app: ClusterLedgerApp) -> None:
    """Bind the screens' keys in the app's language; the footer shows the screen's own keys
    first, then these (every one of them fits in 200 columns), and the palette every key."""
    for key, action, label in NAVIGATION:
        # The theme is a matter of taste, not of work, and q quits everywhere: the palette
        # has both, which leaves the footer room for every screen.
        app._bindings.bind(key, action, app.labels(label), show=key not in "tq")
    # Out of a text field, so the letter keys above work again.
    app._bindings.bind("escape", "leave_field", show=False)
    # Textual names its palette key in English; the footer shows it in the app's language.
    for key, found in app._bindings.key_to_bindings.items():
        app._bindings.key_to_bindings[key] = [
            replace(b, description=app.labels("palette"), tooltip=app.labels("palette"))
            if b.action == "command_palette"
            else b
            for b in found
        ]


def open_palette(app: ClusterLedgerApp) -> None:
    """The command palette, its search line in the app's language."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(
            CommandPalette(id="--command-palette", placeholder=app.labels("palette-search"))
        )


def palette(app: ClusterLedgerApp, screen: Screen) -> Iterable[SystemCommand]:
    """Every screen, every action of the current screen, and Textual's own commands, for
    the command palette, all in the app's language."""
    for key, action, label in NAVIGATION:
        if action == "quit":
            continue  # the palette has its own
        hint = app.labels("palette-key", key=app.get_key_display(Binding(key, action)))
        yield SystemCommand(app.labels(label), hint, partial(app.run_action, action))
    if isinstance(screen, LedgerScreen):
        keys = [*screen.KEYS, *getattr(screen, "TABLE_KEYS", ())]
        for key, action, label in keys:
            hint = app.labels("palette-key", key=app.get_key_display(Binding(key, action)))
            yield SystemCommand(app.labels(label), hint, partial(screen.run_action, action))
        # Keys a screen binds itself with words of its own (the Import screen's f6).
        listed = {key for key, _, _ in keys}
        for key, found in screen._bindings.key_to_bindings.items():
            for b in found:
                if key in listed or not b.show or not b.description:
                    continue
                hint = app.labels("palette-key", key=app.get_key_display(b))
                yield SystemCommand(b.description, hint, partial(screen.run_action, b.action))
    t = app.labels
    yield SystemCommand(t("quit"), t("quit-help"), app.action_quit)
    yield SystemCommand(t("keys"), t("keys-help"), app.action_show_help_panel)
    yield SystemCommand(t("theme"), t("theme-help"), app.action_change_theme)
    yield SystemCommand(
        t("screenshot"), t("screenshot-help"), lambda: app.set_timer(0.1, app.deliver_screenshot)
    )
