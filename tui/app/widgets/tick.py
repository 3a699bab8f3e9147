"""A tick box whose state reads without colour: ``X`` when ticked, blank when not.

Textual's checkbox shows an ``X`` either way and tells the states apart by colour alone,
which a terminal of 256 colours (or a coordinator's eyes) can lose.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class Tick(Checkbox):
    """A checkbox that shows its state as a character, not only as a colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "
