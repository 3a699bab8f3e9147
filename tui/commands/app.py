"""``tui``: the Textual app for cluster coordinators."""

from __future__ import annotations
